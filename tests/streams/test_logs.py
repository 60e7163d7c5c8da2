"""JSON log lines carry level, logger, message and the ids of the record being handled."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator

import pytest
from pydantic import BaseModel
from support import an_alert

from streams.app import ClaimwatchApp
from streams.logs import current_stage, ids_of, log_context, name_record, use_format
from streams.models import CleanArticle, RawArticle
from streams.settings import Settings

ALERT = an_alert("3f2a9c1e0b7d4a65")
CLAIM = ALERT.claim


@pytest.fixture
def written() -> Iterator[tuple[logging.Logger, io.StringIO, list[logging.Handler]]]:
    """A logger of its own whose one handler writes to a string."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger = logging.getLogger("claimwatch.test-logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, out, [handler]
    logger.removeHandler(handler)


def _lines(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize(
    ("message", "ids"),
    [
        (RawArticle(id="talmora-1", body="..."), {"article_id": "talmora-1"}),
        (
            CleanArticle(id="talmora-2", paragraphs=[], language="en", content_hash="h"),
            {"article_id": "talmora-2"},
        ),
        (CLAIM, {"article_id": "article-1", "claim_key": CLAIM.key_text}),
        (
            ALERT,
            {"article_id": "article-1", "claim_key": ALERT.key_text, "alert_id": ALERT.alert_id},
        ),
        (None, {}),
    ],
)
def test_a_record_names_its_ids(message: BaseModel | None, ids: dict[str, str]) -> None:
    named = {name: value for name, value in ids_of(message).items() if value is not None}
    assert named == ids


def test_json_lines_carry_the_context_ids_and_no_others(written) -> None:
    logger, out, handlers = written
    use_format(handlers, "json")
    logger.info("outside any stage")
    with log_context(stage="detect"):
        name_record(CLAIM)
        logger.warning("figure %s", "about 20,000")
        name_record(None)
        logger.info("a record that did not decode")
    logger.error("after the stage")

    outside, claim, undecoded, after = _lines(out)
    assert {k: claim[k] for k in ("level", "logger", "message")} == {
        "level": "WARNING",
        "logger": "claimwatch.test-logs",
        "message": "figure about 20,000",
    }
    assert (claim["stage"], claim["article_id"], claim["claim_key"]) == (
        "detect",
        "article-1",
        CLAIM.key_text,
    )
    assert "alert_id" not in claim
    assert {k: v for k, v in undecoded.items() if k != "time"} == {
        "level": "INFO",
        "logger": "claimwatch.test-logs",
        "message": "a record that did not decode",
        "stage": "detect",
    }
    for line in (outside, after):
        assert not {"stage", "article_id", "claim_key", "alert_id"} & set(line)
    assert str(after["time"]).endswith("+00:00"), "an ISO time in UTC"


def test_a_traceback_stays_in_its_line(written) -> None:
    logger, out, handlers = written
    use_format(handlers, "json")
    try:
        raise ValueError("Varnia")
    except ValueError:
        logger.exception("delivering failed")
    (line,) = _lines(out)
    assert line["message"] == "delivering failed"
    assert "ValueError: Varnia" in str(line["exc_info"])


async def test_the_work_a_stage_runs_off_the_loop_carries_its_ids(written) -> None:
    """CPU work on the app's threads (`run_blocking`, `run_nlp`) and tasks the stage starts."""
    logger, out, handlers = written
    use_format(handlers, "json")
    app = ClaimwatchApp(Settings(broker="kafka://127.0.0.1:9"))
    with log_context(stage="extract", **ids_of(CLAIM)):
        await app.run_blocking(logger.info, "cleaning")
        await app.run_nlp(logger.info, "tagging")
        await asyncio.create_task(asyncio.to_thread(logger.info, "in a task's thread"))
    await app.run_blocking(logger.info, "outside")
    app.executor.shutdown()
    app.nlp_executor.shutdown()
    *inside, outside = _lines(out)
    assert [(line["stage"], line["claim_key"]) for line in inside] == [
        ("extract", CLAIM.key_text)
    ] * 3
    assert "stage" not in outside and current_stage() is None


def test_text_is_left_as_set_up(written) -> None:
    logger, out, handlers = written
    handlers[0].setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    use_format(handlers, "text")
    with log_context(stage="clean"):
        logger.info("plain")
    assert out.getvalue() == "INFO plain\n"


def test_an_unknown_id_is_refused() -> None:
    with pytest.raises(TypeError, match="outlet"), log_context(outlet="Pelora Post"):
        pass
