"""The benchmark's own Kafka clients: paced publishing, and topics read to their end.

Unlike `streams.runtime.read_topic`, which follows a topic forever, these read
up to the end offsets known when they start: the benchmark runs them once the
pipeline is idle, so nothing is missed and nothing waits on a quiet period.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from streams.codec import encode
from streams.kafka import client_options
from streams.models import Message, RawArticle
from streams.settings import Settings
from streams.topics import RAW

__all__ = ["last_timestamp", "publish", "read_to_end", "send_records"]


async def publish(
    settings: Settings, bootstrap: str, articles: Sequence[RawArticle], rate: float | None = None
) -> float:
    """Send articles to articles.raw, stamped `ingested_at` as sent, at most `rate` per second.

    Returns the wall-clock time (epoch seconds) of the first send.
    """
    producer = AIOKafkaProducer(
        max_batch_size=settings.producer_max_batch_size, **client_options(settings, bootstrap)
    )
    await producer.start()
    started = time.time()
    try:
        for n, article in enumerate(articles):
            if rate:
                await asyncio.sleep(max(0.0, started + n / rate - time.time()))
            stamped = article.received()
            await producer.send_and_wait(
                settings.topic(RAW), encode(stamped), key=article.id.encode("utf-8")
            )
    finally:
        await producer.stop()
    return started


async def send_records(
    settings: Settings, bootstrap: str, topic: str, records: Sequence[tuple[str, Message]]
) -> None:
    """Send (key, record) pairs to a topic as fast as the producer batches them: records
    written straight to a stage's output topic, as that stage would."""
    producer = AIOKafkaProducer(
        max_batch_size=settings.producer_max_batch_size, **client_options(settings, bootstrap)
    )
    await producer.start()
    try:
        sent = [
            await producer.send(settings.topic(topic), encode(record), key=key.encode("utf-8"))
            for key, record in records
        ]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


async def read_to_end(settings: Settings, bootstrap: str, topic: str) -> list[ConsumerRecord]:
    """Every record of a topic, up to the end offsets it has now, from all partitions."""
    consumer = AIOKafkaConsumer(enable_auto_commit=False, **client_options(settings, bootstrap))
    await consumer.start()
    try:
        partitions = await _partitions(consumer, settings.topic(topic))
        ends = await consumer.end_offsets(partitions)
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord] = []
        remaining = {tp for tp in partitions if ends[tp] > 0}
        while remaining:
            batches = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, batch in batches.items():
                records += [r for r in batch if r.offset < ends[tp]]
                if batch and batch[-1].offset >= ends[tp] - 1:
                    remaining.discard(tp)
        return records
    finally:
        await consumer.stop()


async def last_timestamp(settings: Settings, bootstrap: str, topics: Sequence[str]) -> float:
    """The latest record timestamp (epoch seconds) over the topics: when output last appeared."""
    consumer = AIOKafkaConsumer(enable_auto_commit=False, **client_options(settings, bootstrap))
    await consumer.start()
    try:
        partitions = [tp for t in topics for tp in await _partitions(consumer, settings.topic(t))]
        ends = await consumer.end_offsets(partitions)
        filled = [tp for tp in partitions if ends[tp] > 0]
        consumer.assign(filled)
        for tp in filled:
            consumer.seek(tp, ends[tp] - 1)
        latest, pending = 0, set(filled)
        while pending:
            batches = await consumer.getmany(*pending, timeout_ms=1000)
            for tp, batch in batches.items():
                latest = max([latest, *(r.timestamp for r in batch)])
                pending.discard(tp)
        return latest / 1000
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    for _ in range(50):
        await consumer.topics()
        found = consumer.partitions_for_topic(topic)
        if found:
            return [TopicPartition(topic, p) for p in sorted(found)]
        await asyncio.sleep(0.1)
    raise LookupError(f"topic {topic!r} does not exist")
