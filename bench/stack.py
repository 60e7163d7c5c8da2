"""One measured configuration: N worker processes of one app id on the embedded broker.

Throughput is timed from the first publish to the last record the pipeline
wrote (tagged articles, claims, alerts or deadletters), once the group's
committed offsets show it idle. Ingest-to-alert latency is each alert's
`raised_at` minus its claim's `ingested_at` (stamped at publish), read from
the alerts topic as a consumer reads it; per-stage seconds come from the
workers' /metrics histograms.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from streams.broker import EmbeddedBroker, free_port
from streams.codec import decode
from streams.models import Alert, RawArticle
from streams.runtime import LagProbe
from streams.settings import Settings
from streams.topics import ALERTS, CLAIMS, DEADLETTER, TAGGED, ensure_topics

from .kafka_io import last_timestamp, publish, read_to_end
from .stats import Histogram, histograms, percentile
from .workers import WorkerProcess, cpu_seconds, wait_ready

__all__ = ["Phase", "Stack", "running_stack"]

_OUTPUT_TOPICS = (TAGGED, CLAIMS, ALERTS, DEADLETTER)


@dataclass(frozen=True)
class Phase:
    """What one batch of articles measured."""

    articles: int
    seconds: float
    alerts: int
    latencies_s: tuple[float, ...]
    cpu_seconds: float
    """CPU time of all the workers from the first publish to the drain."""
    broker_cpu_seconds: float
    """The embedded broker's CPU time over the same span: it shares the machine's cores."""

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def cpu_ms_per_article(self) -> float:
        return self.cpu_seconds * 1000 / self.articles

    @property
    def broker_cpu_ms_per_article(self) -> float:
        return self.broker_cpu_seconds * 1000 / self.articles

    def latency_ms(self, q: float) -> float | None:
        value = percentile(self.latencies_s, q)
        return None if value is None else value * 1000


class Stack:
    """Workers of one app id; batches are pushed through it one after another."""

    def __init__(
        self, settings: Settings, workers: list[WorkerProcess], broker: EmbeddedBroker
    ) -> None:
        self.settings = settings
        self.workers = workers
        self.broker = broker
        self._seen_alerts: set[str] = set()

    @property
    def bootstrap(self) -> str:
        assert self.settings.broker is not None
        return self.settings.broker.removeprefix("kafka://")

    async def push(
        self, articles: Sequence[RawArticle], rate: float | None = None, timeout: float = 900
    ) -> Phase:
        """Publish a batch (at `rate` per second, else at once) and wait until it is processed."""
        sampler = asyncio.create_task(self._sample_rss())
        cpu_before = sum(w.cpu_seconds() for w in self.workers)
        broker_before = self._broker_cpu()
        try:
            started = await publish(self.settings, self.bootstrap, articles, rate)
            async with LagProbe(self.settings, self.bootstrap) as probe:
                if not await probe.wait_idle(timeout, settle=1.0):
                    raise TimeoutError(f"the pipeline did not drain in {timeout:.0f}s")
        finally:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
        cpu = sum(w.cpu_seconds() for w in self.workers) - cpu_before
        broker_cpu = self._broker_cpu() - broker_before
        ended = await last_timestamp(self.settings, self.bootstrap, _OUTPUT_TOPICS)
        alerts = await self._new_alerts({a.id for a in articles})
        latencies = tuple(
            (a.raised_at - a.claim.ingested_at).total_seconds()
            for a in alerts
            if a.claim.ingested_at is not None
        )
        return Phase(len(articles), ended - started, len(alerts), latencies, cpu, broker_cpu)

    async def stage_histograms(self) -> dict[str, Histogram]:
        """claimwatch_stage_seconds by stage, merged over the workers."""
        pages = [await w.metrics() for w in self.workers]
        return histograms(pages, "claimwatch_stage_seconds", "stage")

    @property
    def peak_rss_mb(self) -> list[float]:
        return [w.peak_rss / 2**20 for w in self.workers]

    async def _new_alerts(self, article_ids: set[str]) -> list[Alert]:
        """Alerts on claims of these articles not seen before, each alert id once."""
        found = []
        for record in await read_to_end(self.settings, self.bootstrap, ALERTS):
            alert = decode(Alert, record.value)
            if alert.alert_id in self._seen_alerts or alert.claim.article_id not in article_ids:
                continue
            self._seen_alerts.add(alert.alert_id)
            found.append(alert)
        return found

    def _broker_cpu(self) -> float:
        return 0.0 if self.broker.pid is None else cpu_seconds(self.broker.pid)

    async def _sample_rss(self) -> None:
        while True:
            for worker in self.workers:
                worker.sample_rss()
            await asyncio.sleep(0.5)


@contextlib.asynccontextmanager
async def running_stack(
    broker: EmbeddedBroker, app_id: str, workers: int, work_dir: Path, **overrides: object
) -> AsyncIterator[Stack]:
    """Topics created first (BROKER.md), then `workers` processes, stopped on exit."""
    settings = Settings.model_validate(
        {"app_id": app_id, "topic_prefix": f"{app_id}.", "data_dir": work_dir, **overrides}
    ).with_embedded_broker(broker.url)
    await ensure_topics(settings, broker.bootstrap)
    processes = []
    try:
        for n in range(workers):
            member = settings.model_copy(
                update={"web_port": free_port(settings.web_host), "data_dir": work_dir / f"w{n}"}
            )
            member.data_dir.mkdir(parents=True, exist_ok=True)
            processes.append(WorkerProcess(member, work_dir / f"worker-{n}.log").start())
        await wait_ready(processes)
        yield Stack(settings, processes, broker)
    finally:
        for process in processes:
            process.stop()
