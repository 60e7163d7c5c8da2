"""The worker's Kafka consumer: the fetch wait as a setting, uncommitted partitions re-read.

Faust builds its worker consumer with `fetch_max_wait_ms=1500` and no option
to change it. Kafka answers a fetch as soon as a record arrives, so the wait
only bounds an idle poll; the embedded broker holds every fetch for the whole
wait, so each of the five topics an article crosses before its alert added up
to 1.5 s there (measured in BENCHMARKS.md). The consumer thread is subclassed
to apply `Settings.fetch_max_wait` before the consumer starts.

After a rebalance Faust drops the records it had fetched for partitions it
then paused for table recovery, and fetches them again by seeking every
partition to its committed offset. aiokafka seeks only partitions that have
one, so on a partition whose last owner stopped or died before its first
commit those records were lost (tests/integration/test_scaleout.py): the
consumer thread seeks such partitions to their beginning, as
`auto_offset_reset` says for a partition with no committed offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import aiokafka
from faust.transport.drivers import aiokafka as faust_aiokafka

if TYPE_CHECKING:
    from faust.types import TP, TransportT

    from .app import ClaimwatchApp

__all__ = ["use_fetch_wait"]


class _ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: TransportT) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)  # type: ignore[arg-type]
        app: ClaimwatchApp = self.app  # type: ignore[assignment]
        # Read by AIOKafkaConsumer.start() when it builds its fetcher.
        consumer._fetch_max_wait_ms = int(app.settings.fetch_max_wait * 1000)
        return consumer

    async def seek_to_committed(self) -> Mapping[TP, int]:
        # One call in the consumer's thread, so the worker's loop fetches no
        # record between the two seeks.
        return await self.call_thread(self._seek_to_committed_or_beginning)

    async def _seek_to_committed_or_beginning(self) -> Mapping[TP, int]:
        consumer = self._ensure_consumer()
        committed: Mapping[TP, int] = await consumer.seek_to_committed()
        changelogs = self.app.tables.changelog_topics
        fresh = [tp for tp, off in committed.items() if not off and tp.topic not in changelogs]
        if fresh:
            await consumer.seek_to_beginning(*fresh)
        return committed


class _Consumer(faust_aiokafka.Consumer):
    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


def use_fetch_wait(transport: TransportT) -> TransportT:
    """`transport` with its consumers built by `_Consumer`."""
    transport.Consumer = _Consumer  # type: ignore[misc]
    return transport
