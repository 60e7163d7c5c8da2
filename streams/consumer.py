"""The worker's Kafka consumer: the fetch wait as a setting, the seek after recovery made safe.

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
`auto_offset_reset` says for a partition with no committed offset. A record
of a stream partition fetched before such a seek is dropped rather than
handed on after it (`_Consumer.perform_seek`): the seek fetches it again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

import aiokafka
from faust.transport.drivers import aiokafka as faust_aiokafka

if TYPE_CHECKING:
    from faust.types import TP, Message, TransportT

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
        return await self.call_thread(self._seek_to_committed_or_beginning)

    async def _seek_to_committed_or_beginning(self) -> Mapping[TP, int]:
        consumer = self._ensure_consumer()
        committed = {tp: await consumer.committed(tp) for tp in consumer.assignment()}
        changelogs = self.app.tables.changelog_topics
        fresh = [tp for tp, off in committed.items() if not off and tp.topic not in changelogs]
        targets = {tp: off for tp, off in committed.items() if off}
        if fresh:
            targets.update(await consumer.beginning_offsets(fresh))
        # Every partition moves after the last await, in the step that hands
        # the result back: `_Consumer.getmany` relies on it.
        for tp, offset in targets.items():
            consumer.seek(tp, offset)
        return committed


class _Consumer(faust_aiokafka.Consumer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seeks = 0  # seeks completed
        self._seeks_seen = 0  # seeks completed when the newest batch came
        self._sought: dict[TP, int | None] = {}  # the read marks the latest seek set

    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def perform_seek(self) -> None:
        """Seek the stream partitions to their committed offsets; `getmany` drops older fetches.

        Faust seeks them once table recovery is done and then clears the
        streams' buffers, so that every record since the last commit is
        fetched again. But records flow meanwhile (for the changelogs, or
        because there was nothing to recover), and records fetched before
        the seek were still handed on after it: Faust's fetcher loop marked
        their offsets read and dropped the same records fetched again as seen
        already, and the buffer clear threw the first copies away. Nothing
        handled those records; the commit stalled before them or, before a
        first commit or with one offset missing (Faust's check lets both
        through), went past them (tests/integration/test_faults.py).
        """
        await super().perform_seek()
        self._seeks += 1
        self._sought = {
            tp: self._read_offset[tp] for tp in self.assignment() if not self._is_changelog_tp(tp)
        }

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        # Which batches were fetched before the latest seek: the consumer
        # thread moves the partitions in the step that hands the seek's result
        # back, so a batch it took before the move reaches this loop ahead of
        # that result and one it took after, behind it; and Faust's `getmany`
        # yields a batch's first record in the step the batch comes.
        fetched_after: int | None = None
        async for tp, message in super().getmany(timeout):
            if fetched_after is None:
                fetched_after = self._seeks
                if fetched_after != self._seeks_seen:
                    # The fetcher loop marked the record it held during the
                    # seek as read after the seek had reset the marks.
                    self._seeks_seen = fetched_after
                    self._read_offset.update(self._sought)
            if fetched_after == self._seeks or self._is_changelog_tp(tp):
                yield tp, message


def use_fetch_wait(transport: TransportT) -> TransportT:
    """`transport` with its consumers built by `_Consumer`."""
    transport.Consumer = _Consumer  # type: ignore[misc]
    return transport
