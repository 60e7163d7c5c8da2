"""What the tests share (importable as `support`: tests/ is on pytest's pythonpath).

Paths; the samples and the alerts claimwatch/samples/README.md expects of them; the real
news development set as one stream; an alert,
raised and withdrawn; publishing to a topic and reading one to its end;
hypothesis strategies of hostile payloads. (Worker processes run as a
deployment runs them are `bench.workers.WorkerProcess`, which the benchmark
measures too.)
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from aiokafka import AIOKafkaProducer
from hypothesis import strategies as st
from pydantic import BaseModel, RootModel

from agents.detect import standing_alerts
from streams.broker import free_port
from streams.codec import encode
from streams.kafka import client_options
from streams.models import (
    Alert,
    AlertKind,
    AlertStatus,
    Claim,
    ClaimKey,
    ContentType,
    FigureValue,
    Qualifier,
    RawArticle,
    Severity,
    Span,
)
from streams.runtime import LagProbe, read_topic, wait_until
from streams.settings import Settings

if TYPE_CHECKING:
    from streams.app import ClaimwatchApp

M = TypeVar("M", bound=BaseModel)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
REALNEWS = ROOT.parent / "shared" / "realnews" / "articles.jsonl"
SAMPLES = ROOT / "claimwatch" / "samples"
ARTIFACTS = ROOT / "artifacts"

# --- The samples -------------------------------------------------------------

C, R = AlertKind.CONTRADICTION, AlertKind.REVISION

SAMPLE_ALERTS = [
    (R, "deaths", "2,400", "1,150"),
    (C, "deaths", "more than 4,000", "2,400"),
    (R, "deaths", "more than 4,000", "1,150"),
    (C, "deaths", "2,650", "more than 4,000"),
    (R, "deaths", "2,650", "2,400"),
    (R, "injured", "More than 6,000", "4,100"),
    (R, "displaced", "more than 60,000", "about 35,000"),
    (C, "crowd", "more than 100,000", "about 20,000"),
    (R, "crowd", "35,000", "about 20,000"),
    (C, "crowd", "35,000", "more than 100,000"),
    (C, "crowd", "about 110,000", "35,000"),
    (R, "arrested", "22", "14"),
    (C, "crossed", "18,000", "about 45,000"),
    (R, "crossed", "about 62,000", "about 45,000"),
    (C, "crossed", "24,000", "about 62,000"),
    (R, "crossed", "24,000", "18,000"),
]
"""The alerts of claimwatch/samples/README.md: kind, measure, the new figure, the earlier one."""


def samples() -> list[RawArticle]:
    """The sample articles in publication order."""
    return [
        RawArticle.model_validate_json(path.read_text("utf-8"))
        for path in sorted(SAMPLES.glob("*.json"))
    ]


def realnews() -> list[tuple[str, RawArticle]]:
    """Every article of ../shared/realnews (read there, never copied here) with its labelled
    story, in date order (undated ones last, the file's order on a tie); skips the test
    without the set."""
    if not REALNEWS.is_file():
        pytest.skip("../shared/realnews is not available")
    rows = [json.loads(line) for line in REALNEWS.read_text("utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda row: row.get("published") or "9999")
    return [
        (
            row["story"],
            RawArticle(
                id=row["id"],
                url=row.get("url"),
                published_at=row.get("published"),
                body=row["text"],
                content_type=ContentType.PLAIN,
            ),
        )
        for row in rows
    ]


def assert_each_alert_once(alerts: Iterable[Alert]) -> None:
    """No alert published twice in the same status in a row: raised, withdrawn (when a late
    figure splits it), raised again is a story; raised, raised is a duplicate."""
    last: dict[str, AlertStatus] = {}
    for alert in alerts:
        assert last.get(alert.alert_id) != alert.status, f"{alert.alert_id} twice on the topic"
        last[alert.alert_id] = alert.status


def alert_pairs(alerts: Iterable[Alert]) -> set[tuple[AlertKind, str, str, str]]:
    """Each alert standing (raised and not withdrawn) as the pairs of figures it sets against
    each other, as SAMPLE_ALERTS lists them.

    Compared as sets, so a duplicate alert or a pair split over two alerts
    (claims that arrived in another order) reads the same.
    """
    return {
        (a.kind, a.claim.key.measure, a.claim.value.text, earlier.value.text)
        for a in standing_alerts(alerts)
        for earlier in a.contradicts
    }


def an_alert(alert_id: str = "alert-1", kind: AlertKind = AlertKind.CONTRADICTION) -> Alert:
    """An alert on one invented key, for the tests of what consumes alerts."""
    key = ClaimKey(subject="Calder pension march", measure="crowd")
    claim = Claim(
        claim_id="claim-1",
        article_id="article-1",
        source="Harbour Post",
        key=key,
        key_text=key.text,
        value=FigureValue(
            low=100000, high=None, qualifier=Qualifier.MORE_THAN, text="more than 100,000"
        ),
        sentence="Organisers said more than 100,000 people marched.",
        span=Span(start=16, end=33),
    )
    earlier = claim.model_copy(
        update={
            "claim_id": "claim-0",
            "value": FigureValue(
                low=20000, high=20000, qualifier=Qualifier.APPROX, text="about 20,000"
            ),
            "sentence": "Police put the crowd at about 20,000.",
            "span": Span(start=24, end=36),
        }
    )
    return Alert(
        alert_id=alert_id,
        kind=kind,
        key_text=key.text,
        claim=claim,
        contradicts=[earlier],
        severity=Severity.HIGH,
        summary=f"{kind.value.capitalize()}: more than 100,000 against about 20,000.",
        raised_at=datetime(2025, 4, 5, tzinfo=UTC),
    )


def withdrawal(alert: Alert) -> Alert:
    """`alert` withdrawn, as the detector sends it: the same id, withdrawn now."""
    return alert.model_copy(
        update={"status": AlertStatus.WITHDRAWN, "raised_at": datetime.now(UTC)}
    )


# --- Topics --------------------------------------------------------------------


async def publish(
    settings: Settings, bootstrap: str, topic: str, key: str, message: BaseModel
) -> None:
    """Send one message to a pipeline topic (unprefixed name) as the stage that writes it does."""
    producer = AIOKafkaProducer(
        max_batch_size=settings.producer_max_batch_size, **client_options(settings, bootstrap)
    )
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic(topic), encode(message), key=key.encode())
    finally:
        await producer.stop()


async def drain(settings: Settings, bootstrap: str, timeout: float = 90) -> None:
    """Wait until the worker group has processed every record of its input topics."""
    async with LagProbe(settings, bootstrap) as probe:
        assert await probe.wait_idle(timeout=timeout), "the pipeline did not drain"


async def read_all(
    settings: Settings, bootstrap: str, topic: str, model: type[M], quiet: float = 1.0
) -> list[M]:
    """Every message of a topic: read until nothing new comes for `quiet` seconds."""
    found: list[M] = []
    stream = read_topic(settings, bootstrap, topic, model)
    try:
        while True:
            found.append(await asyncio.wait_for(anext(stream), quiet))
    except TimeoutError:
        return found
    finally:
        await stream.aclose()


class _Json(RootModel[dict[str, Any]]):
    """A record's value as the JSON object it is on the topic, not read as its model."""


async def read_json(
    settings: Settings, bootstrap: str, topic: str, quiet: float = 1.0
) -> list[dict[str, Any]]:
    """Every record's value on a topic, as a consumer that knows only its JSON Schema reads it."""
    return [record.root for record in await read_all(settings, bootstrap, topic, _Json, quiet)]


async def first_message(
    settings: Settings, bootstrap: str, topic: str, model: type[M], timeout: float = 60
) -> M:
    """The first message that reaches a topic: a sign the pipeline is busy."""

    async def first() -> M:
        async for message in read_topic(settings, bootstrap, topic, model):
            return message
        raise AssertionError("read_topic ended")

    return await asyncio.wait_for(first(), timeout)


# --- Hostile payloads --------------------------------------------------------
# What a careless or malicious producer could put on `articles.raw`: shared by
# the fast property on the stage functions (tests/streams/test_fuzz.py) and the
# run of a real worker over a few hundred of them (tests/integration/test_faults.py).

NEWS_ARTICLE: dict[str, str] = {
    "id": "fuzz-article",
    "source": "Harbour Post",
    "title": "Police and organisers at odds over the size of the Calder march",
    "published_at": "2025-04-05T15:10:00+00:00",
    "content_type": "text/plain",
    "body": (
        "Police put the crowd at about 20,000, while organisers said more than 100,000 "
        "people marched through Calder on Saturday against the pension reform.\n"
        "The march was largely peaceful, but police said 14 people were arrested."
    ),
}
"""A good article, whose fields the strategies replace or whose bytes they mangle."""

_ANY_CHAR = st.characters(exclude_categories=())
"""Any code point, lone surrogates included: a JSON string can carry them all."""
_NASTY = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\x1b", "\u202e", "\ufeff", "\u2028", "\u0301", "\U0001f600"]
)
"""Characters that break naive text handling, drawn often rather than once in a million."""
_ODD_TEXT = st.lists(st.text(_ANY_CHAR, max_size=12) | _NASTY, max_size=8).map("".join)
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | _ODD_TEXT


def _json_values() -> st.SearchStrategy[object]:
    return st.recursive(
        _SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_ODD_TEXT, inner, max_size=4),
        max_leaves=12,
    )


def _dumps(value: object) -> bytes:
    """JSON as Python writes it: lone surrogates escaped, NaN and Infinity as bare words."""
    return json.dumps(value).encode("utf-8")


def _nested(depth: int, kind: str) -> str:
    return "[" * depth + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


@st.composite
def _deeply_nested(draw: st.DrawFn) -> bytes:
    """Nesting past the parser's recursion limit or well inside it, alone or in an article."""
    nested = _nested(draw(st.integers(2, 200_000)), draw(st.sampled_from(["list", "object"])))
    field = draw(st.sampled_from([None, "body", "title", "extra"]))
    if field is None:
        return nested.encode()
    article = _dumps({k: v for k, v in NEWS_ARTICLE.items() if k != field})
    return article[:-1] + f', "{field}": {nested}}}'.encode()


@st.composite
def _wrong_types(draw: st.DrawFn) -> bytes:
    """The article with some fields replaced by any JSON value, or dropped."""
    article: dict[str, object] = dict(NEWS_ARTICLE)
    for field in draw(st.sets(st.sampled_from(sorted(NEWS_ARTICLE)), min_size=1)):
        if draw(st.booleans()):
            article[field] = draw(_json_values())
        else:
            del article[field]
    return _dumps(article)


@st.composite
def _wrong_encodings(draw: st.DrawFn) -> bytes:
    """The article with non-ASCII text, written in an encoding that is not UTF-8."""
    text = NEWS_ARTICLE["body"] + " Café: « 20 000 » selon la préfecture."
    article = json.dumps({**NEWS_ARTICLE, "body": text}, ensure_ascii=False)
    codec = draw(
        st.sampled_from(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "utf-8-sig"])
    )
    return article.encode(codec)


@st.composite
def _huge_bodies(draw: st.DrawFn, max_body_bytes: int) -> bytes:
    """A body over the limit, or text just under it."""
    size = draw(st.sampled_from([max_body_bytes + 1, 2 * max_body_bytes, max_body_bytes - 64]))
    line = draw(st.sampled_from([NEWS_ARTICLE["body"] + "\n", "word ", "<div>"]))
    body = (line * (size // len(line) + 1))[:size]
    return _dumps({**NEWS_ARTICLE, "body": body})


_ODD_FIELDS: dict[str, st.SearchStrategy[object]] = {
    "id": _ODD_TEXT,
    "source": _ODD_TEXT,
    "title": _ODD_TEXT,
    "published_at": _ODD_TEXT | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    "content_type": st.sampled_from(["text/html", "application/pdf", ""]),
    "body": _ODD_TEXT
    | _ODD_TEXT.map(lambda text: NEWS_ARTICLE["body"] + text)
    | st.integers(1, 5_000).map(lambda n: "<div>" * n + NEWS_ARTICLE["body"]),
}


@st.composite
def _odd_articles(draw: st.DrawFn) -> bytes:
    """The right types with hostile contents (any characters, odd dates, markup) in some fields."""
    fields = draw(st.sets(st.sampled_from(sorted(_ODD_FIELDS)), min_size=1, max_size=3))
    return _dumps({**NEWS_ARTICLE, **{field: draw(_ODD_FIELDS[field]) for field in fields}})


def hostile_payloads(max_body_bytes: int) -> st.SearchStrategy[bytes]:
    """Random bytes, any JSON, deep nesting, wrong types and encodings, huge bodies, odd text."""
    return st.one_of(
        st.binary(max_size=300),
        _json_values().map(_dumps),
        _deeply_nested(),
        _wrong_types(),
        _wrong_encodings(),
        _huge_bodies(max_body_bytes),
        _odd_articles(),
    )


def isolated_settings(broker_url: str, run_id: str, data_dir: Path) -> Settings:
    """Settings of an isolated stack on the embedded broker: its own app id, topic prefix,
    state directory and web port."""
    return Settings(
        app_id=f"cw-{run_id}",
        topic_prefix=f"{run_id}.",
        data_dir=data_dir,
        web_port=free_port("127.0.0.1"),
        partitions=2,
    ).with_embedded_broker(broker_url)


async def until_assigned(app: ClaimwatchApp) -> ClaimwatchApp:
    """`app`, started, once it holds partitions and is not rebalancing."""
    await wait_until(
        lambda: bool(app.consumer.assignment()) and not app.rebalancing,
        timeout=60,
        what="partition assignment",
    )
    return app
