"""`claimwatch redeliver`: the alerts of dispatch deadletter records, sent to their webhooks again.

A delivery that gave up (a day of failures, or a receiver refusing it) is a
record on the deadletter topic with the alert's place on `alerts` and the
endpoint it failed to reach (redacted). Once the receiver is fixed, this sends
each such alert again, with its own `webhook-id`, so a receiver that got it
after all drops it. The consumer group `<app id>-redeliver` remembers how far
the deadletter topic was read: a run goes on where the last one stopped, and
an alert that fails again goes back on the deadletter topic for the next run.
An endpoint's filters hold here too: an alert its subscription no longer wants
is not sent to it (`filtered`).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from pydantic import BaseModel

from streams.codec import decode, encode
from streams.errors import DecodeError, StageError
from streams.kafka import client_options
from streams.logs import ids_of, log_context
from streams.models import Alert, DeadLetter
from streams.redaction import redact_url
from streams.settings import Settings, Subscription
from streams.topics import DEADLETTER, partitions

from .attempts import Outcome
from .delivery import deliver
from .filters import wanted
from .retries import RetryPolicy
from .signing import secret_of

__all__ = ["Redelivered", "endpoints_for", "redeliver"]

_GAVE_UP = frozenset({"webhook_failed", "webhook_rejected"})


class Redelivered(BaseModel):
    """What a run did: alerts delivered, failed again (back on deadletter), not sendable, or
    not sent to an endpoint whose filters leave them out."""

    delivered: int = 0
    failed: int = 0
    skipped: int = 0
    filtered: int = 0


def endpoints_for(record: DeadLetter, endpoints: list[Subscription]) -> list[Subscription]:
    """The configured endpoints a dispatch record failed to reach: those whose redacted URL
    it names (every one for a record from before endpoints were recorded)."""
    if record.endpoint is None:
        return list(endpoints)
    return [e for e in endpoints if redact_url(e.url) == record.endpoint]


async def redeliver(
    settings: Settings, bootstrap: str, window: float, say: Callable[[str], None]
) -> Redelivered:
    """Redeliver the dispatch records written since the last run, up to the topic's end now."""
    options = client_options(settings, bootstrap)
    records = AIOKafkaConsumer(
        group_id=f"{settings.app_id}-redeliver", enable_auto_commit=False, **options
    )
    alerts = AIOKafkaConsumer(enable_auto_commit=False, **options)
    producer = AIOKafkaProducer(max_batch_size=settings.producer_max_batch_size, **options)
    client = httpx.AsyncClient(timeout=settings.webhook_timeout)
    run = _Run(settings, window, say, alerts, producer, client)
    await records.start()
    await alerts.start()
    await producer.start()
    try:
        topic = settings.topic(DEADLETTER)
        tps = [TopicPartition(topic, p) for p in range(partitions(settings, DEADLETTER))]
        records.assign(tps)
        ends = await records.end_offsets(tps)
        for tp in tps:
            committed = await records.committed(tp)
            if committed is None:
                await records.seek_to_beginning(tp)
            else:
                records.seek(tp, committed)
        while [tp for tp in tps if await records.position(tp) < ends[tp]]:
            for tp, batch in (await records.getmany(timeout_ms=1000)).items():
                for record in batch:
                    if record.offset >= ends[tp]:
                        break
                    await run.handle(record)
                    await records.commit({tp: record.offset + 1})
                if batch and batch[-1].offset >= ends[tp]:
                    records.seek(tp, ends[tp])
    finally:
        await client.aclose()
        await producer.stop()
        await alerts.stop()
        await records.stop()
    return run.done


class _Run:
    def __init__(
        self,
        settings: Settings,
        window: float,
        say: Callable[[str], None],
        alerts: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        client: httpx.AsyncClient,
    ) -> None:
        self.settings = settings
        self.policy = RetryPolicy(settings, window=window)
        self.say = say
        self.alerts = alerts
        self.producer = producer
        self.client = client
        self.done = Redelivered()

    async def handle(self, record: ConsumerRecord[bytes, bytes]) -> None:
        try:
            failure = decode(DeadLetter, record.value)
        except DecodeError:
            return
        if failure.stage != "dispatch" or failure.reason not in _GAVE_UP:
            return
        endpoints = endpoints_for(failure, self.settings.endpoints)
        alert = await self._alert(failure)
        if not endpoints or alert is None:
            why = (
                "its alert is gone from the topic"
                if endpoints
                else "its endpoint is not configured"
            )
            self.say(f"skipped {failure.key} ({failure.endpoint}): {why}")
            self.done.skipped += 1
            return
        with log_context(stage="dispatch", **ids_of(alert)):
            for endpoint in endpoints:
                shown = redact_url(endpoint.url)
                if not wanted(endpoint, alert):
                    self.done.filtered += 1
                    self.say(
                        f"not sent: alert {alert.alert_id} to {shown}, its filters leave it out"
                    )
                    continue
                secret = secret_of(endpoint)
                last = await deliver(self.client, endpoint.url, alert, secret, self.policy)
                if last.outcome == Outcome.DELIVERED:
                    self.done.delivered += 1
                    self.say(f"delivered alert {alert.alert_id} to {shown}")
                    continue
                self.done.failed += 1
                self.say(f"failed again: alert {alert.alert_id} to {shown}: {last.describe()}")
                error = StageError(last.reason, f"{shown}: {last.describe()} (redelivery)")
                again = failure.model_copy(
                    update={
                        "error": f"StageError: {error}",
                        "reason": last.reason,
                        "endpoint": shown,
                    }
                )
                topic = self.settings.topic(DEADLETTER)
                await self.producer.send_and_wait(topic, encode(again), key=again.key.encode())

    async def _alert(self, failure: DeadLetter) -> Alert | None:
        """The alert from its place on `alerts`, else from the record's (truncated) payload."""
        if failure.topic and failure.partition is not None and failure.offset is not None:
            tp = TopicPartition(failure.topic, failure.partition)
            self.alerts.assign([tp])
            self.alerts.seek(tp, failure.offset)
            fetched: list[ConsumerRecord[bytes, bytes]] = []
            for _ in range(10):
                fetched = (await self.alerts.getmany(tp, timeout_ms=1000)).get(tp, [])
                if fetched:
                    break
            if fetched and fetched[0].offset == failure.offset:
                return _decoded(fetched[0].value)
        return _decoded(failure.payload)


def _decoded(value: bytes | str | None) -> Alert | None:
    try:
        return decode(Alert, value)
    except DecodeError:
        return None
