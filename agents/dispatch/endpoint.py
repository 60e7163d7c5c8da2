"""One webhook endpoint's deliveries: its own consumer group on `alerts`, committed per alert.

At-least-once through shutdown, restarts and outages: the endpoint's position
in `alerts` (the offsets its group commits) moves past an alert only once the
alert is settled, delivered (a 2xx) or given up and on the deadletter topic.
What is in flight or waiting when the worker stops stays behind the position,
and whichever worker holds the partition next delivers it, with the same
`webhook-id`: a receiver may see an event twice, never a different id for it.
Nothing waits in memory that Kafka does not also hold, so an outage of a day
costs consumer lag, not alerts.

An alert the endpoint's subscription filters out (`filters.wanted`) is
settled at once: committed past, counted, never sent. Each endpoint has its own
group, so a slow or dead receiver holds back its own position only. Within a
partition alerts go in order, one at a time (the partition waits while its
first alert is retried); partitions go in parallel, paused while their alerts
are delivered so the consumer keeps polling (and stays in its group) through
retries of an hour.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable

import httpx
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError

from streams.codec import dead_letter, decode
from streams.errors import DecodeError, StageError
from streams.kafka import client_options
from streams.logs import log_context, name_record
from streams.metrics import Metrics
from streams.models import Alert, DeadLetter
from streams.redaction import redact_url
from streams.settings import Settings, Subscription
from streams.topics import ALERTS

from .attempts import Attempt, Outcome
from .delivery import Stopping, deliver
from .filters import wanted
from .retries import RetryPolicy
from .signing import secret_of

__all__ = ["EndpointDelivery", "endpoint_groups"]

log = logging.getLogger(__name__)

DeadLetters = Callable[[DeadLetter], Awaitable[None]]
"""Sends a record to the deadletter topic and returns once the broker has it."""


def endpoint_groups(settings: Settings) -> dict[str, str]:
    """The consumer group of each webhook URL: `<app id>-webhook-<hash of the redacted URL>`.

    From the redacted URL, so a rotated token keeps the endpoint's position
    (and no token is in a group name), as do new filters or a move from
    `webhook_urls` to `webhooks`; a second URL with the same redacted form gets `-2`.
    """
    groups: dict[str, str] = {}
    for url in (endpoint.url for endpoint in settings.endpoints):
        digest = hashlib.sha256(redact_url(url).encode()).hexdigest()[:12]
        group, n = f"{settings.app_id}-webhook-{digest}", 1
        while group in groups.values():
            n += 1
            group = f"{settings.app_id}-webhook-{digest}-{n}"
        groups[url] = group
    return groups


class EndpointDelivery:
    """Delivers the alerts on `alerts` its subscription wants to its URL; `start()`, then
    `stop()` at shutdown."""

    def __init__(
        self,
        settings: Settings,
        subscription: Subscription,
        group: str,
        client: httpx.AsyncClient,
        metrics: Metrics,
        dead_letters: DeadLetters,
    ) -> None:
        self._settings = settings
        self.subscription = subscription
        self.url = subscription.url
        self.shown = redact_url(self.url)
        self.label = group.rpartition("-webhook-")[2]
        """Its name in metrics: the hash of its group, which the worker logs beside its URL."""
        metrics.webhook_filtered.labels(self.label)  # at zero from the start
        self._group = group
        self._client = client
        self._metrics = metrics
        self._dead_letters = dead_letters
        self._secret = secret_of(subscription)
        self._policy = RetryPolicy(settings)
        self._pending: dict[TopicPartition, deque[tuple[ConsumerRecord[bytes, bytes], float]]] = {}
        self._partitions: dict[TopicPartition, asyncio.Task[None]] = {}
        self._stopping = asyncio.Event()
        self._consumer = AIOKafkaConsumer(
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=int(settings.session_timeout * 1000),
            heartbeat_interval_ms=int(settings.session_timeout * 1000 / 3),
            rebalance_timeout_ms=int(settings.session_timeout * 1000),
            fetch_max_wait_ms=int(settings.fetch_max_wait * 1000),
            **client_options(settings),
        )
        self._run: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._consumer.subscribe([self._settings.topic(ALERTS)], listener=_Revoked(self._forget))
        await self._consumer.start()
        log.info(
            "webhook %s (%s): %s, %s or above, stories %s",
            self.label,
            self.shown,
            " and ".join(sorted(self.subscription.kinds)),
            self.subscription.min_severity,
            " or ".join(repr(s) for s in self.subscription.story) or "all",
        )
        with log_context(stage="dispatch"):  # in the log lines of its tasks
            self._run = asyncio.create_task(self._poll(), name="webhook endpoint")

    async def stop(self) -> None:
        """Finish the attempts in flight (up to `webhook_drain_timeout`), leave the rest."""
        self._stopping.set()
        if self._run is not None:
            await asyncio.gather(self._run, return_exceptions=True)
        running = list(self._partitions.values())
        if running:
            _, late = await asyncio.wait(running, timeout=self._settings.webhook_drain_timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
        await self._consumer.stop()

    async def _poll(self) -> None:
        while not self._stopping.is_set():
            try:
                batches = await self._consumer.getmany(timeout_ms=500)
            except KafkaError as exc:
                log.warning("webhook %s: fetching alerts failed: %r", self.shown, exc)
                await asyncio.sleep(1)
                continue
            fetched = time.monotonic()
            for tp, records in batches.items():
                self._consumer.pause(tp)
                self._pending.setdefault(tp, deque()).extend((r, fetched) for r in records)
                if tp not in self._partitions:
                    self._partitions[tp] = asyncio.create_task(self._drain(tp))

    async def _drain(self, tp: TopicPartition) -> None:
        """Settle the partition's alerts in order, committing after each; then fetch more."""
        queue = self._pending[tp]
        try:
            while queue and not self._stopping.is_set():
                record, fetched = queue[0]
                await self._settle(record, fetched)
                queue.popleft()
                await self._commit(tp, record.offset + 1)
        except Stopping:
            return
        finally:
            if self._partitions.get(tp) is asyncio.current_task():
                del self._partitions[tp]
        if not self._stopping.is_set() and tp in self._consumer.assignment():
            self._consumer.resume(tp)

    async def _settle(self, record: ConsumerRecord[bytes, bytes], fetched: float) -> None:
        where = {"topic": record.topic, "partition": record.partition, "offset": record.offset}
        name_record(None)
        try:
            alert = decode(Alert, record.value)
        except DecodeError as exc:
            await self._dead_letters(dead_letter("dispatch", exc, record.value, **where))
            return
        name_record(alert)
        if not wanted(self.subscription, alert):
            self._metrics.webhook_filtered.labels(self.label).inc()
            return
        try:
            last = await deliver(
                self._client,
                self.url,
                alert,
                self._secret,
                self._policy,
                on_retry=self._count_retry,
                sleep=self._sleep,
            )
        except Stopping:
            raise
        except Exception as exc:  # a bug must not stop the endpoint's deliveries
            log.exception("webhook %s: delivering alert %s failed", self.shown, alert.alert_id)
            last = Attempt(outcome=Outcome.REJECTED, error=f"{type(exc).__name__}: {exc}")
        if last.outcome == Outcome.DELIVERED:
            self._metrics.webhook_deliveries.labels("delivered").inc()
            self._metrics.webhook_seconds.observe(time.monotonic() - fetched)
            return
        self._metrics.webhook_deliveries.labels("failed").inc()
        why = last.describe()
        log.warning("webhook %s: gave up on alert %s: %s", self.shown, alert.alert_id, why)
        error = StageError(last.reason, f"{self.shown}: {why}")
        record_of = dead_letter("dispatch", error, record.value, **where)
        await self._dead_letters(record_of.model_copy(update={"endpoint": self.shown}))

    def _count_retry(self, _: Attempt) -> None:
        self._metrics.webhook_deliveries.labels("retried").inc()

    async def _sleep(self, seconds: float) -> None:
        """Wait before a retry, unless the worker stops first (`Stopping`)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
            raise Stopping

    async def _commit(self, tp: TopicPartition, offset: int) -> None:
        try:
            await self._consumer.commit({tp: offset})
        except KafkaError as exc:  # a rebalance: the partition's next holder delivers it again
            log.warning("webhook %s: commit of %s failed: %r", self.shown, tp, exc)

    async def _forget(self, revoked: set[TopicPartition]) -> None:
        """Drop what was fetched from partitions another worker now holds: it delivers them."""
        tasks = [self._partitions.pop(tp) for tp in revoked if tp in self._partitions]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for tp in revoked:
            self._pending.pop(tp, None)


class _Revoked(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, on_revoked: Callable[[set[TopicPartition]], Awaitable[None]]) -> None:
        self._on_revoked = on_revoked

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self._on_revoked(set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        pass
