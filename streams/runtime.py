"""Client-side work around a running pipeline: publish articles, read topics, wait for the drain.

Shared by the CLI (`demo`, `ingest`, `tail`), the tests and the benchmark, so
each talks to Kafka the way a downstream user would: plain aiokafka clients.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable, Mapping
from typing import TypeVar, cast

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from pydantic import BaseModel

from .codec import decode, encode
from .errors import DecodeError, StageError
from .kafka import check_record_size, client_options, start_client
from .models import RawArticle
from .settings import Settings
from .topics import CLAIMS, CLEAN, DEDUPE, RAW, STORY, TAGGED

__all__ = ["LagProbe", "publish_articles", "read_topic", "read_topics", "wait_until"]

M = TypeVar("M", bound=BaseModel)

log = logging.getLogger(__name__)

CONSUMED_TOPICS = (RAW, DEDUPE, CLEAN, STORY, TAGGED, CLAIMS)
"""Topics the worker group reads; alerts are read by the dispatcher only when webhooks are set."""


async def publish_articles(
    settings: Settings,
    bootstrap: str,
    articles: Iterable[RawArticle],
    on_sent: Callable[[RawArticle], None] | None = None,
    on_refused: Callable[[RawArticle, StageError], None] | None = None,
) -> int:
    """Send articles to `articles.raw`, keyed by id; returns how many were sent.

    Each is stamped with `ingested_at` unless the producer set it: the clock of
    `claimwatch_ingest_to_alert_seconds` starts here. An article Kafka would
    refuse (StageError `message_too_large`) is not sent: it goes to
    `on_refused` when given, else the error is raised.
    """
    producer = AIOKafkaProducer(
        max_batch_size=settings.producer_max_batch_size,
        max_request_size=settings.max_message_bytes,
        **client_options(settings, bootstrap),
    )
    await start_client(producer, bootstrap)
    sent = 0
    try:
        for article in articles:
            article = article.received()
            key, value = article.id.encode("utf-8"), encode(article)
            try:
                check_record_size(settings.topic(RAW), key, value, settings.max_message_bytes)
            except StageError as exc:
                if on_refused is None:
                    raise
                on_refused(article, exc)
                continue
            await producer.send_and_wait(settings.topic(RAW), value, key=key)
            sent += 1
            if on_sent is not None:
                on_sent(article)
    finally:
        await producer.stop()
    return sent


async def read_topic(
    settings: Settings,
    bootstrap: str,
    topic: str,
    model: type[M],
    *,
    from_beginning: bool = True,
    on_caught_up: Callable[[], None] | None = None,
) -> AsyncIterator[M]:
    """Every message of a topic as `model`, across all partitions, without joining a group.

    `on_caught_up` is called once every message that was on the topic when
    reading began has been yielded.
    """
    messages = read_topics(
        settings,
        bootstrap,
        {topic: model},
        from_beginning=from_beginning,
        on_caught_up=on_caught_up,
    )
    try:
        async for _, message in messages:
            yield cast(M, message)
    finally:
        await messages.aclose()  # stops its consumer now, not when it is collected


async def read_topics(
    settings: Settings,
    bootstrap: str,
    models: Mapping[str, type[BaseModel]],
    *,
    from_beginning: bool = True,
    on_caught_up: Callable[[], None] | None = None,
) -> AsyncGenerator[tuple[str, BaseModel], None]:
    """Every message of several topics (unprefixed name -> model) as `(topic, message)`, across
    all partitions, without joining a group: each partition in order, the topics interleaved.

    `on_caught_up` is called once every message that was on the topics when
    reading began has been yielded.
    """
    consumer = AIOKafkaConsumer(enable_auto_commit=False, **client_options(settings, bootstrap))
    await start_client(consumer, bootstrap)
    try:
        names = {settings.topic(topic): (topic, model) for topic, model in models.items()}
        partitions = [tp for name in names for tp in await _partitions(consumer, name)]
        consumer.assign(partitions)
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await consumer.seek_to_end(*partitions)
        ends = await consumer.end_offsets(partitions)
        while True:
            if on_caught_up is not None and all(
                [await consumer.position(tp) >= end for tp, end in ends.items()]
            ):
                on_caught_up()
                on_caught_up = None
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for record in records:
                    topic, model = names[record.topic]
                    try:
                        yield topic, decode(model, record.value)
                    except DecodeError as exc:
                        log.warning(
                            "skipped %s[%d]@%d: %s",
                            record.topic,
                            record.partition,
                            record.offset,
                            exc,
                        )
    finally:
        await consumer.stop()


class LagProbe:
    """How many records the worker group has yet to process, summed over its input topics.

    `demo --once`, tests and the benchmark use it to know the pipeline is idle:
    committed offsets equal the end offsets. End offsets are exact against the
    embedded broker only with one record per producer batch (Settings.with_embedded_broker).
    """

    def __init__(self, settings: Settings, bootstrap: str, topics: Iterable[str] = CONSUMED_TOPICS):
        self.settings = settings
        self._consumer = AIOKafkaConsumer(
            group_id=settings.app_id,
            enable_auto_commit=False,
            **client_options(settings, bootstrap),
        )
        self._bootstrap = bootstrap
        self._topics = [settings.topic(t) for t in topics]
        self._partitions: list[TopicPartition] = []

    async def __aenter__(self) -> LagProbe:
        await start_client(self._consumer, self._bootstrap)
        for topic in self._topics:
            self._partitions.extend(await _partitions(self._consumer, topic))
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._consumer.stop()

    async def lag(self) -> int:
        ends = await self._consumer.end_offsets(self._partitions)
        total = 0
        for tp in self._partitions:
            committed = await self._consumer.committed(tp) or 0
            total += max(0, ends[tp] - committed)
        return total

    async def wait_idle(self, timeout: float, settle: float = 1.0) -> bool:
        """True once the lag has stayed at zero for `settle` seconds; False on timeout."""
        deadline = time.monotonic() + timeout
        idle_since: float | None = None
        while time.monotonic() < deadline:
            if await self.lag() == 0:
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= settle:
                    return True
            else:
                idle_since = None
            await asyncio.sleep(0.2)
        return False


async def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `predicate` until true; raise TimeoutError naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.1)


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    for _ in range(50):
        await consumer.topics()  # refreshes metadata for every topic
        found = consumer.partitions_for_topic(topic)
        if found:
            return [TopicPartition(topic, p) for p in sorted(found)]
        await asyncio.sleep(0.1)
    raise LookupError(f"topic {topic!r} does not exist")
