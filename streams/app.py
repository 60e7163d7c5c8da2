"""The Faust app: configuration from `Settings`, topics, the deadletter route, metrics.

Agents are bound to an app instance (`claimwatch.app.create_app`) rather than
declared at import, so tests and benchmarks can run several apps with their
own ids and topic prefixes in one process. This module knows nothing of the
stages: `streams` is what flows, and the agents that transform it import it,
never the other way round. With `CLAIMWATCH_BROKER` unset the app starts the
embedded broker when the worker starts, not at import.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import socket
import time
from collections.abc import AsyncIterable, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

import faust
from aiokafka.errors import KafkaError
from faust.types import TransportT
from prometheus_client import CollectorRegistry
from pydantic import BaseModel

from .alert_feed import follow_alerts
from .broker import EmbeddedBroker, free_port
from .broker_watch import BrokerWatch
from .codec import dead_letter, decode, encode
from .consumer import use_fetch_wait
from .faust_metrics import serve_metrics
from .health import Health, Observations, assess
from .kafka import bootstrap_servers, check_record_size, ssl_context, value_budget
from .logs import current_stage, log_context, name_record
from .metrics import Metrics
from .models import Alert, DeadLetter, TaggedArticle
from .parts import PartsBuffer, split_parts
from .settings import Settings
from .store import StoreUnwritable, store_url
from .topics import DEADLETTER, INTERNAL_TOPICS, PIPELINE_TOPICS, ensure_topics, partitions
from .web.server import Web
from .worker import QuietWorker

__all__ = ["ClaimwatchApp"]

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def _advertised_host(bind: str) -> str:
    """Where other workers reach this one: Faust's canonical URL, which `topic_route` forwards to.

    A wildcard bind (containers) names no machine: every worker would advertise
    the same URL and answer every routed request itself. Docker and Kubernetes
    map the hostname to the address other containers reach this one at.
    """
    if bind not in {"0.0.0.0", "::"}:
        return bind
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return socket.gethostname()


def _credentials(settings: Settings) -> faust.SASLCredentials | None:
    if not settings.security_protocol.startswith("SASL"):
        return None
    return faust.SASLCredentials(
        username=settings.sasl_username,
        password=settings.sasl_password.get_secret_value() if settings.sasl_password else None,
        mechanism=settings.sasl_mechanism,
        ssl_context=ssl_context(settings),
    )


class ClaimwatchApp(faust.App):
    """A Faust app that knows claimwatch's settings, topics and metrics."""

    def __init__(self, settings: Settings, **faust_options: Any) -> None:
        self.embedded_broker: EmbeddedBroker | None = None
        if settings.broker is None:
            self.embedded_broker = EmbeddedBroker(settings.data_dir / "broker").reserve()
            settings = settings.with_embedded_broker(self.embedded_broker.url)
        assert settings.broker is not None
        self.settings = settings
        self.broker_watch = BrokerWatch(settings, bootstrap_servers(settings.broker))
        self.store_failure: str | None = None
        self.exit_status = 0
        self.request_stop: Callable[[], None] = self._stop_soon
        """Stops what runs this app: `QuietWorker` puts its SIGTERM handler here."""
        self._stopping: asyncio.Future[None] | None = None
        self._watching: asyncio.Future[None] | None = None
        self.registry = CollectorRegistry()
        self.metrics = Metrics(self.registry)
        # The CPU work of an article runs on these threads, so the event loop keeps
        # serving /healthz, /metrics, the views and the group's heartbeats meanwhile
        # (BENCHMARKS.md, "Heavy articles"). spaCy has its own: it is not safe to call
        # from two threads at once, and it releases the GIL in its compiled parts,
        # where cleaning and extraction of other articles go on (with one thread for
        # all of it, one worker's benchmark batch ran at 0.75 of the spaCy ceiling,
        # against 0.88-1.06 with two: BENCHMARKS.md).
        self.nlp_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimwatch-nlp")
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimwatch-cpu")
        options: dict[str, Any] = {
            "broker": settings.broker,
            "broker_credentials": _credentials(settings),
            "store": store_url(settings),
            "datadir": str(settings.data_dir / "faust"),
            "topic_partitions": settings.partitions,
            "topic_replication_factor": settings.replication,
            "topic_disable_leader": True,
            "broker_session_timeout": settings.session_timeout,
            "broker_rebalance_timeout": settings.session_timeout,
            "broker_heartbeat_interval": settings.session_timeout / 3,
            "broker_commit_interval": settings.commit_interval,
            "producer_max_batch_size": settings.producer_max_batch_size,
            "producer_max_request_size": settings.max_message_bytes,
            "stream_recovery_delay": settings.recovery_delay,
            "consumer_auto_offset_reset": "earliest",
            "processing_guarantee": "at_least_once",
            "stream_wait_empty": False,
            "web_enabled": True,
            "web_bind": settings.web_host,
            "web_host": _advertised_host(settings.web_host),
            # 0: a port free now (Faust's Port takes 1-65535); the banner shows it.
            "web_port": settings.web_port or free_port(settings.web_host),
            "web_router_enabled": settings.web_internal_pages,
            "web_tables_enabled": settings.web_internal_pages,
            "autodiscover": False,
            "Worker": QuietWorker,
        }
        options.update(faust_options)
        super().__init__(settings.app_id, **options)
        self.pipeline_topics = {
            name: self.topic(
                settings.topic(name),
                key_serializer="raw",
                value_serializer="raw",
                partitions=partitions(settings, name),
            )
            for name in (*PIPELINE_TOPICS, *INTERNAL_TOPICS)
        }
        serve_metrics(self, self.registry)
        self.alert_feed = follow_alerts(self)
        self.on_partitions_revoked.connect(self._recreate_topics)

    def _new_transport(self) -> TransportT:
        return use_fetch_wait(super()._new_transport())

    def _new_web(self) -> Web:
        return Web(self)

    @property
    def bootstrap(self) -> str:
        assert self.settings.broker is not None
        return bootstrap_servers(self.settings.broker)

    async def on_first_start(self) -> None:
        if self.embedded_broker is not None and not self.embedded_broker.running:
            await asyncio.get_running_loop().run_in_executor(None, self.embedded_broker.start)
        await ensure_topics(self.settings, self.bootstrap)
        await super().on_first_start()

    async def on_start(self) -> None:
        await super().on_start()
        # Now, not once started: a broker gone during table recovery holds that up for good.
        self._watching = self.add_future(self.broker_watch.run())

    async def on_stop(self) -> None:
        # First: a probe slowed by the shutdown would log the broker as gone.
        if self._watching is not None:
            self._watching.cancel()
        await super().on_stop()

    def health(self) -> Health:
        """What /readyz answers now."""
        seen = Observations(
            now=time.monotonic(),
            started=self.started,
            assigned_partitions=len(self.consumer.assignment()) if self.started else 0,
            broker_down_since=self.broker_watch.down_since,
            store_error=self.store_failure,
        )
        return assess(seen, self.settings.broker_timeout)

    def store_failed(self, reason: str) -> None:
        """The table store cannot be written: say so once and stop, exiting with status 2."""
        if self.store_failure is not None:
            return
        self.store_failure = reason
        self.exit_status = 2
        log.error("%s; stopping the worker", reason)
        self.request_stop()

    def _stop_soon(self) -> None:
        self._stopping = asyncio.ensure_future(self.stop())

    async def _recreate_topics(self, *_: Any, **__: Any) -> None:
        """Create missing topics again at each rebalance, before partitions are assigned.

        A broker that lost its topics (the embedded one, restarted: it keeps
        them in memory) makes the worker rejoin its group; without its topics
        it would wait on them forever, and a producer would make some with the
        wrong partition counts.
        """
        try:
            await ensure_topics(self.settings, self.bootstrap)
        except KafkaError as exc:
            log.warning("could not check the topics at a rebalance: %r", exc)

    async def on_shutdown(self) -> None:
        await super().on_shutdown()
        for executor in (self.nlp_executor, self.executor):
            executor.shutdown(wait=False, cancel_futures=True)
        if self.embedded_broker is not None:
            self.embedded_broker.stop()

    async def run_blocking(self, fn: Callable[..., T], *args: Any) -> T:
        """Run CPU-bound work (cleaning, extraction) off the event loop, in this task's context
        (its log lines name the record)."""
        run = contextvars.copy_context().run
        return await asyncio.get_running_loop().run_in_executor(self.executor, run, fn, *args)

    async def run_nlp(self, fn: Callable[..., T], *args: Any) -> T:
        """Run spaCy off the event loop, on the one thread that calls it."""
        run = contextvars.copy_context().run
        return await asyncio.get_running_loop().run_in_executor(self.nlp_executor, run, fn, *args)

    async def publish(
        self, topic: str, key: str, message: BaseModel, *, output: bool = True
    ) -> None:
        """Send `message` to a pipeline topic (unprefixed name) as JSON: a stage's output.

        Counted here rather than in each agent, as the output of the stage
        whose `consume` loop is running; an alert also ends its article's
        ingest-to-alert clock. A record on the side (`output` False: the story
        stage's `StoryUpdate`) is not the stage's output and is not counted.
        """
        if isinstance(message, TaggedArticle):
            budget = value_budget(key.encode("utf-8"), self.settings.max_message_bytes)
            for part in split_parts(message, budget):
                await self._send(topic, key, part)
        else:
            await self._send(topic, key, message)
        stage = current_stage()
        if stage is not None and output:
            self.metrics.messages_out.labels(stage).inc()
        if isinstance(message, Alert):
            self.metrics.alert_published(message)

    async def _send(self, topic: str, key: str, message: BaseModel) -> None:
        """Send, or raise StageError: a record Kafka would refuse is the stage's failure, not a bug.

        (A long article tagged sentence by sentence can outgrow the request limit.)
        """
        key_bytes, value = key.encode("utf-8"), encode(message)
        check_record_size(topic, key_bytes, value, self.settings.max_message_bytes)
        await self.pipeline_topics[topic].send(key=key_bytes, value=value)

    async def deadletter(self, record: DeadLetter) -> None:
        """Count a failed record and send it to the deadletter topic."""
        log.warning("deadletter from %s: %s (%s)", record.stage, record.reason, record.error)
        self.metrics.deadletters.labels(record.stage, record.reason).inc()
        self.metrics.articles.labels(record.stage, "deadletter").inc()
        await self._send(DEADLETTER, record.key, record)

    async def consume(
        self,
        stage: str,
        stream: AsyncIterable[Any],
        model: type[M],
        handle: Callable[[M], Awaitable[None]],
    ) -> None:
        """Decode each event as `model` and handle it; any failure becomes a deadletter.

        Every stage's agent is this loop around its own `handle`, so decoding,
        timing, counting and the deadletter route are written once.
        """
        self.metrics.stage_started(stage)
        with log_context(stage=stage):  # and counts the stage's output in `publish`
            await self._consume(stage, stream, model, handle)

    async def _consume(
        self,
        stage: str,
        stream: AsyncIterable[Any],
        model: type[M],
        handle: Callable[[M], Awaitable[None]],
    ) -> None:
        # Acked by hand once handled: Faust acks an event when its iterator is
        # closed, so a worker stopped mid-event (SIGTERM, shutdown) would commit
        # an offset past a record it never finished, and that record was lost.
        # The part of an article in parts is acked with the part that completes it.
        held: PartsBuffer[Any] = PartsBuffer()
        self.on_partitions_revoked.connect(held.clear)
        async for event in stream.noack().events():  # type: ignore[attr-defined]
            message = event.message
            started = time.perf_counter()
            done = [event]
            try:
                name_record(None)
                value = decode(model, event.value)
                name_record(value)
                if isinstance(value, TaggedArticle) and value.parts > 1:
                    whole = held.add(value, event)
                    if whole is None:
                        continue
                    article, done = whole
                    value = cast(M, article)
                await handle(value)
            except StoreUnwritable:
                return  # not the record's fault: left unacked, for the next worker
            except Exception as exc:  # noqa: BLE001 - a bad record must not stop the worker
                await self.deadletter(
                    dead_letter(
                        stage,
                        exc,
                        event.value,
                        topic=message.topic,
                        partition=message.partition,
                        offset=message.offset,
                    )
                )
            else:
                self.metrics.stage_seconds.labels(stage).observe(time.perf_counter() - started)
                self.metrics.articles.labels(stage, "ok").inc()
            for handled in done:
                await stream.ack(handled)  # type: ignore[attr-defined]
