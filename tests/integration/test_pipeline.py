"""The whole pipeline through the embedded broker, read as a downstream user would."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from support import SAMPLES, SEEDS, read_json

from claimwatch.cli import main
from streams.kafka import bootstrap_servers
from streams.models import Alert, CleanArticle, DeadLetter, Qualifier, RawArticle
from streams.runtime import LagProbe, publish_articles, read_topic
from streams.settings import Settings
from streams.sources import read_articles
from streams.topics import ALERTS, CLEAN, DEADLETTER, INTERNAL_TOPICS, PIPELINE_TOPICS, RAW

pytestmark = pytest.mark.integration

# The seeds in the order they were published (see ../shared/seeds).
SEED_ORDER = ["004", "003", "001", "000", "002"]


def _story() -> list[RawArticle]:
    if SEEDS.is_dir():
        files = [next(SEEDS.glob(f"{prefix}_*.txt")) for prefix in SEED_ORDER]
    else:
        files = sorted(SAMPLES.glob("*.json"))
    return [item for item in read_articles(files) if isinstance(item, RawArticle)]


async def _collect(settings: Settings, topic: str, model: type, count: int, timeout: float):
    found = []

    async def gather() -> None:
        async for message in read_topic(
            settings, bootstrap_servers(settings.broker or ""), topic, model
        ):
            found.append(message)
            if len(found) >= count:
                return

    try:
        await asyncio.wait_for(gather(), timeout)
    except TimeoutError:
        pass
    return found


async def _read_alerts_as_a_user(settings: Settings, bootstrap: str) -> list[dict]:
    """What the README tells a downstream user to do: a plain consumer group on `alerts`."""
    consumer = AIOKafkaConsumer(
        settings.topic(ALERTS),
        bootstrap_servers=bootstrap,
        group_id=f"{settings.app_id}-desk",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    alerts: list[dict] = []
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=3000)
            if not batches and consumer.assignment():
                return alerts  # joined, and quiet for 3 s: everything is read
            for records in batches.values():
                alerts.extend(json.loads(record.value) for record in records)
    finally:
        await consumer.stop()


async def _assert_records_follow_their_schema(
    settings: Settings, bootstrap: str, topics: tuple[str, ...]
) -> None:
    """Every record on `topics` valid against `claimwatch schema`: what a consumer in any
    language checks them with (dates and times as RFC 3339 included)."""
    schemas = json.loads(CliRunner().invoke(main, ["schema"]).output)
    found = await asyncio.gather(*(read_json(settings, bootstrap, topic) for topic in topics))
    for topic, records in zip(topics, found, strict=True):
        assert records, f"no record on {topic}"
        validator = Draft202012Validator(
            schemas[topic], format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for record in records:
            validator.validate(record)


async def test_articles_become_alerts_on_the_alerts_topic(start_worker, settings) -> None:
    app = await start_worker()
    articles = _story()
    assert await publish_articles(settings, app.bootstrap, articles) == len(articles)

    async with LagProbe(settings, app.bootstrap) as probe:
        assert await probe.wait_idle(timeout=120), "the pipeline did not drain"

    alerts = await asyncio.wait_for(_read_alerts_as_a_user(settings, app.bootstrap), 60)
    assert alerts, "no alert reached the alerts topic"
    for alert in alerts:
        for field in ("alert_id", "kind", "key_text", "claim", "contradicts", "severity"):
            assert field in alert
        assert alert["summary"] and alert["raised_at"]
        assert alert["contradicts"], "an alert names the claims it conflicts with"
        for claim in (alert["claim"], *alert["contradicts"]):
            assert claim["key_text"] == alert["key_text"]
            assert claim["value"]["qualifier"] in {q.value for q in Qualifier}
        Alert.model_validate(alert)
    # each alert once per status: raised, and withdrawn if a late figure split it
    assert len({(a["alert_id"], a.get("status")) for a in alerts}) == len(alerts)
    if SEEDS.is_dir():
        measures = {alert["claim"]["key"]["measure"] for alert in alerts}
        assert {"troops deployed", "troops casualties"} <= measures
    flowing = tuple(t for t in (*PIPELINE_TOPICS, *INTERNAL_TOPICS) if t != DEADLETTER)
    await _assert_records_follow_their_schema(settings, app.bootstrap, flowing)


async def test_garbage_goes_to_deadletter_and_the_next_article_goes_on(
    start_worker, settings
) -> None:
    app = await start_worker()
    producer = AIOKafkaProducer(bootstrap_servers=app.bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic(RAW), b"\x00garbage{", key=b"bad")
        await producer.send_and_wait(
            settings.topic(RAW), json.dumps({"id": "no-body"}).encode(), key=b"bad2"
        )
    finally:
        await producer.stop()
    good = RawArticle(
        id="quake-day-2",
        source="Test Wire",
        body=(
            "The death toll from Monday's earthquake rose to at least 1,200 people on Tuesday, "
            "the interior ministry said.\n"
            "Rescue teams were still searching collapsed buildings in the provincial capital."
        ),
    )
    await publish_articles(settings, app.bootstrap, [good])

    dead = await _collect(settings, DEADLETTER, DeadLetter, count=2, timeout=60)
    assert sorted((d.stage, d.reason) for d in dead) == [
        ("clean", "invalid_json"),
        ("clean", "invalid_message"),
    ]
    assert all(d.topic == settings.topic(RAW) and d.offset is not None for d in dead)
    await _assert_records_follow_their_schema(settings, app.bootstrap, (DEADLETTER,))

    cleaned = await _collect(settings, CLEAN, CleanArticle, count=1, timeout=60)
    assert [c.id for c in cleaned] == ["quake-day-2"]
    assert app.metrics.deadletters.labels("clean", "invalid_json")._value.get() == 1


def test_samples_are_ours() -> None:
    """The samples shipped with the project are our own articles, not the seeds."""
    samples = sorted(Path(SAMPLES).glob("*.json"))
    assert len(samples) >= 4
    if SEEDS.is_dir():
        seed_text = " ".join(p.read_text("utf-8") for p in SEEDS.glob("*.txt"))
        for sample in samples:
            body = json.loads(sample.read_text("utf-8"))["body"]
            for line in body.splitlines():
                if len(line) > 60:
                    assert line not in seed_text
