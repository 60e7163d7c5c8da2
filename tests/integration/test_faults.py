"""Faults through the embedded broker: a worker killed, the broker restarted, hostile input,
a POST too large for memory, request heads too long for the log, and articles heavy to
clean or too large for one tagged record.

(The webhook receiver down and then up is tests/integration/test_webhooks.py.)
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.strategies import SearchStrategy
from prometheus_client.parser import text_string_to_metric_families
from support import (
    SAMPLE_ALERTS,
    alert_pairs,
    assert_each_alert_once,
    drain,
    first_message,
    hostile_payloads,
    read_all,
    samples,
)

from agents.pipeline import Pipeline
from bench.heavy import LONG_PAGE_TEXT, figure_dense_article, long_page
from bench.workers import WorkerProcess
from claimwatch.views import Health
from streams.broker import EmbeddedBroker
from streams.codec import encode
from streams.kafka import client_options
from streams.models import Alert, Claim, CleanArticle, DeadLetter, TaggedArticle
from streams.runtime import publish_articles
from streams.settings import Settings
from streams.topics import (
    ALERTS,
    CLAIMS,
    CLEAN,
    DEADLETTER,
    DEDUPE,
    RAW,
    STORY,
    TAGGED,
    partitions,
)
from streams.web.problems import PROBLEM_JSON, Problem

pytestmark = pytest.mark.integration

T = TypeVar("T")


async def test_a_worker_killed_mid_stream_loses_nothing_and_repeats_no_alert(
    spawn_worker, settings: Settings, broker: EmbeddedBroker
) -> None:
    """SIGKILL leaves offsets uncommitted and table writes unsent: the restart redoes that work.

    The outputs alone cannot show a record the restart skipped when the
    killed worker had handled it already; the restarted worker's own count
    of records handled per stage can (issue 7: Faust committed past records
    fetched around its post-recovery seek, streams/consumer.py).
    """
    articles = samples()
    expected_claims = asyncio.create_task(
        asyncio.to_thread(
            lambda: {c.claim_id for a in articles for c in Pipeline(settings).claims(a)}
        )
    )
    worker = spawn_worker()
    await worker.wait_assigned()
    await publish_articles(settings, broker.bootstrap, articles)
    await first_message(settings, broker.bootstrap, ALERTS, Alert)  # the detector is at work
    assert worker.stop(signal.SIGKILL) == -signal.SIGKILL
    left = await _committed(settings, broker.bootstrap)

    restarted = spawn_worker()  # same app id, web port and data dir
    await restarted.wait_assigned()  # after the killed member's session has expired
    await drain(settings, broker.bootstrap)

    done, handled = await _committed(settings, broker.bootstrap), await _handled(restarted)
    for topic, stage in _STAGES.items():
        # At least: a record handled twice (at-least-once) can hide one skipped.
        redone = done[topic] - left[topic]
        assert handled[stage] >= redone, f"{stage} handled {handled[stage]} of {redone} records"

    claims = await read_all(settings, broker.bootstrap, CLAIMS, Claim)
    assert await expected_claims <= {c.claim_id for c in claims}
    alerts = await read_all(settings, broker.bootstrap, ALERTS, Alert)
    assert_each_alert_once(alerts)
    assert alert_pairs(alerts) == set(SAMPLE_ALERTS)


_STAGES = {
    RAW: "clean",
    DEDUPE: "dedupe",
    CLEAN: "tag",
    STORY: "story",
    TAGGED: "extract",
    CLAIMS: "detect",
}
"""The stage that consumes each topic the pipeline drains (streams.runtime.CONSUMED_TOPICS)."""


async def _committed(settings: Settings, bootstrap: str) -> Counter[str]:
    """The group's committed offsets, summed over each topic's partitions."""
    consumer = AIOKafkaConsumer(
        group_id=settings.app_id, enable_auto_commit=False, **client_options(settings, bootstrap)
    )
    await consumer.start()
    try:
        totals: Counter[str] = Counter()
        for topic in _STAGES:
            for partition in range(partitions(settings, topic)):
                tp = TopicPartition(settings.topic(topic), partition)
                totals[topic] += await consumer.committed(tp) or 0
        return totals
    finally:
        await consumer.stop()


async def _handled(worker: WorkerProcess) -> Counter[str]:
    """Records each stage of `worker` took in since it started, from its /metrics."""
    handled: Counter[str] = Counter()
    for family in text_string_to_metric_families(await worker.metrics()):
        for sample in family.samples:
            if sample.name == "claimwatch_articles_total":
                handled[sample.labels["stage"]] += int(sample.value)
    return handled


def _examples(strategy: SearchStrategy[T], count: int) -> list[T]:
    """`count` examples, the same on every run: a test through a worker cannot shrink them.

    (tests/streams/test_fuzz.py is where hypothesis explores and shrinks.)
    """
    found: list[T] = []

    @hypothesis_settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(example: T) -> None:
        found.append(example)

    collect()
    return found


async def test_hostile_records_end_in_deadletter_with_a_reason_and_the_worker_goes_on(
    start_worker, settings: Settings, broker: EmbeddedBroker
) -> None:
    max_body_bytes = 64_000  # huge bodies that still fit a Kafka request
    payloads = _examples(hostile_payloads(max_body_bytes), 300)
    app = await start_worker(max_body_bytes=max_body_bytes)
    good = samples()[0]
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, max_request_size=2**21)
    await producer.start()
    try:
        # One partition, so the good article comes after every hostile record.
        sent = [
            await producer.send_and_wait(settings.topic(RAW), payload, key=b"fuzz")
            for payload in [*payloads, encode(good)]
        ]
    finally:
        await producer.stop()
    await drain(settings, broker.bootstrap, timeout=120)

    dead = await read_all(settings, broker.bootstrap, DEADLETTER, DeadLetter)
    assert not [d for d in dead if d.reason == "unexpected_error"]
    dropped = {(d.partition, d.offset) for d in dead if d.stage == "clean"}
    cleaned = await read_all(settings, broker.bootstrap, DEDUPE, CleanArticle)
    assert dropped <= {(record.partition, record.offset) for record in sent}
    assert len(dropped) + len(cleaned) == len(sent), "a record neither dropped nor cleaned"
    claims = await read_all(settings, broker.bootstrap, CLAIMS, Claim)
    assert good.id in {c.article_id for c in claims}, "the good article after them got nowhere"
    assert app.consumer.assignment(), "the worker is still a member of the group"


async def test_a_worker_goes_on_with_new_input_after_the_broker_restarts(
    start_worker, settings: Settings, tmp_path: Path
) -> None:
    """The embedded broker keeps nothing across a restart: the worker rejoins, creates its
    topics again and processes what is published next.

    Restarted once the pipeline is idle: with table writes in flight, the
    re-sent ones land in the new changelog and the broker's wrong end offsets
    (BROKER.md) can leave the worker's table recovery waiting for good.
    """
    with EmbeddedBroker(tmp_path / "broker") as own:
        app = await start_worker(broker=own.url)
        first, second = samples()[:2]
        await publish_articles(app.settings, own.bootstrap, [first])
        await drain(app.settings, own.bootstrap)

        own.stop()
        own.start()  # on the same port, with no topic
        await _wait_for_topic(own.bootstrap, app.settings.topic(RAW))
        await publish_articles(app.settings, own.bootstrap, [second])
        claim = await first_message(app.settings, own.bootstrap, CLAIMS, Claim)
        assert claim.article_id == second.id
        await app.stop()  # while its broker is up: stopping without one takes a minute


async def _wait_for_topic(bootstrap: str, topic: str, timeout: float = 60) -> None:
    """Until `topic` exists: published to before, it would be made with the broker's defaults."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while topic not in await admin.list_topics():
            assert asyncio.get_running_loop().time() < deadline, f"{topic} was not created again"
            await asyncio.sleep(0.2)
    finally:
        await admin.close()


def _memory_kb(pid: int, field: str) -> int:
    """A process's VmRSS (resident now) or VmHWM (peak resident) from /proc, in KB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


async def _megabytes(count: int) -> AsyncIterator[bytes]:
    """A body of `count` MB, one block at a time: never whole in this process either."""
    block = b"x" * 2**20
    for _ in range(count):
        yield block


async def _raw_answer(port: int, request: bytes) -> tuple[bytes, Problem]:
    """The status line and the problem the worker answers to a request sent as bytes (httpx
    refuses to send an over-long one); it closes the connection after."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert f"Content-Type: {PROBLEM_JSON}".encode() in head
    return head.split(b"\r\n")[0], Problem.model_validate_json(body)


async def test_an_oversized_post_is_refused_as_it_is_read_and_bad_heads_answered_quietly(
    spawn_worker, settings: Settings, broker: EmbeddedBroker
) -> None:
    """A 300 MB POST body, streamed (chunked, no length given), costs the worker less than
    50 MB of memory: refused with 413 once it passes the limit. Request heads too long get
    414 and 431, and the worker's log no traceback. Faust's own pages are served only when
    asked for (tests/integration/test_views.py: not by default).

    Measured once an article has gone through every stage: a worker loads spaCy (about
    55 MB) after it is assigned its partitions.
    """
    worker = spawn_worker(web_internal_pages=True)
    await worker.wait_assigned()
    await publish_articles(settings, broker.bootstrap, samples()[:1])
    await first_message(settings, broker.bootstrap, CLAIMS, Claim)
    await drain(settings, broker.bootstrap)
    assert worker.process is not None
    pid = worker.process.pid
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # the peak (VmHWM) starts again from now
    resident = _memory_kb(pid, "VmRSS")
    async with httpx.AsyncClient(timeout=60) as http:
        response = await http.post(f"{worker.url}/articles", content=_megabytes(300))
        assert response.status_code == 413
        assert Problem.model_validate_json(response.content).code == "body_too_large"
        grown_mb = (_memory_kb(pid, "VmHWM") - resident) / 1024
        print(f"300 MB POST: {response.status_code}, worker peak RSS +{grown_mb:.1f} MB")
        assert grown_mb < 50, f"the worker's peak memory grew by {grown_mb:.0f} MB"

        for internal in ("/router/", "/table/"):
            assert (await http.get(f"{worker.url}{internal}")).status_code == 200, internal

    port = worker.settings.web_port
    long_target = b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    long_header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n"
    status, problem = await _raw_answer(port, long_target)
    assert (status, problem.code) == (b"HTTP/1.0 414 Request-URI Too Long", "request_uri_too_long")
    status, problem = await _raw_answer(port, long_header)
    assert status == b"HTTP/1.0 431 Request Header Fields Too Large"
    assert problem.code == "request_header_fields_too_large"
    assert worker.stop() == 0
    log = worker.log_path.read_text("utf-8", errors="replace")
    assert "Traceback" not in log and "LineTooLong" not in log


async def test_a_page_of_20000_lines_is_cleaned_while_the_worker_answers_every_health_poll(
    spawn_worker, settings: Settings, broker: EmbeddedBroker
) -> None:
    """The clean stage runs off the event loop: /healthz, /metrics and the views go on."""
    worker = spawn_worker()
    await worker.wait_assigned()
    page = long_page()
    cleaned = asyncio.create_task(first_message(settings, broker.bootstrap, DEDUPE, CleanArticle))
    await publish_articles(settings, broker.bootstrap, [page])
    polls: list[Health | None] = []
    while not cleaned.done():
        polls.append(await worker.health())
        await asyncio.sleep(0.05)
    article = await cleaned
    assert article.id == page.id
    assert (article.title, article.paragraphs) == ("Storm closes Pellham harbour", LONG_PAGE_TEXT)
    assert polls and None not in polls, f"{polls.count(None)} of {len(polls)} polls unanswered"


async def test_a_figure_dense_article_too_large_for_one_record_yields_every_claim(
    spawn_worker, settings: Settings, broker: EmbeddedBroker
) -> None:
    """Its tagged record would be over the request limit: it travels in parts, joined again
    by the story and extract stages, and every figure becomes a claim."""
    article = figure_dense_article()
    expected = asyncio.create_task(
        asyncio.to_thread(lambda: {c.claim_id for c in Pipeline(settings).claims(article)})
    )
    worker = spawn_worker()
    await worker.wait_assigned()
    await publish_articles(settings, broker.bootstrap, [article])
    await drain(settings, broker.bootstrap)

    tagged = await read_all(settings, broker.bootstrap, TAGGED, TaggedArticle)
    assert {(t.id, t.parts) for t in tagged} == {(article.id, len(tagged))} and len(tagged) > 1
    claims = {c.claim_id for c in await read_all(settings, broker.bootstrap, CLAIMS, Claim)}
    assert len(await expected) == 400
    assert claims == await expected
    assert not await read_all(settings, broker.bootstrap, DEADLETTER, DeadLetter)
