"""`claimwatch demo`: the whole pipeline on the embedded broker, over the sample articles.

It runs a worker in this process, publishes the samples to `articles.raw` and
prints each alert as a downstream consumer reads it from the `alerts` topic:
raised, or withdrawn when a figure that arrived late sits between its claims.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from streams.broker import EmbeddedBroker, free_port
from streams.models import Alert, AlertStatus, RawArticle
from streams.runtime import LagProbe, publish_articles, read_topic, wait_until
from streams.settings import Settings
from streams.topics import ALERTS
from streams.web import FEED_PATH, STORIES_PATH

from .app import create_app

__all__ = ["SAMPLES_DIR", "run_demo"]

log = logging.getLogger(__name__)

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
"""The sample articles, package data: there in a checkout, an installed wheel and the image."""


async def run_demo(
    settings: Settings,
    articles: list[RawArticle],
    show: Callable[[Alert], None],
    say: Callable[[str], None],
    *,
    once: bool,
    timeout: float,
) -> Counter[AlertStatus]:
    """Run until Ctrl-C, or with `once` until the samples are processed; returns how many
    alerts were shown raised and how many withdrawn."""
    broker: EmbeddedBroker | None = None
    if settings.broker is None:
        broker = EmbeddedBroker(settings.data_dir / "broker").start()
        settings = settings.with_embedded_broker(broker.url)
        say(f"embedded broker: {broker.bootstrap} (log: {broker.log_path})")
    if "web_port" not in settings.model_fields_set:
        settings = settings.model_copy(update={"web_port": free_port(settings.web_host)})
    app = create_app(settings)
    shown: Counter[AlertStatus] = Counter()
    try:
        await app.start()
        base = f"http://{settings.web_host}:{settings.web_port}"
        say(f"analyst page: {base}{FEED_PATH}   stories: {base}{STORIES_PATH}")
        say(f"metrics: {base}/metrics   health: {base}/healthz")
        await wait_until(lambda: bool(app.consumer.assignment()), timeout, "partition assignment")

        async def print_alerts() -> None:
            async for alert in read_topic(settings, app.bootstrap, ALERTS, Alert):
                show(alert)
                shown[alert.status] += 1

        reader = asyncio.create_task(print_alerts())
        sent = await publish_articles(settings, app.bootstrap, articles)
        say(f"published {sent} articles to {settings.topic('articles.raw')}")
        try:
            if once:
                async with LagProbe(settings, app.bootstrap) as probe:
                    if not await probe.wait_idle(timeout):
                        raise TimeoutError(f"the pipeline did not drain in {timeout:.0f}s")
                await asyncio.sleep(1.0)  # the alert reader polls every 0.2 s
            else:
                await asyncio.Event().wait()
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
    finally:
        await app.stop()
        if broker is not None:
            broker.stop()
    return shown
