"""A worker's /metrics has data for every metric the Grafana dashboard and the alert rules query.

The samples raise alerts, two of them withdrawn when two earlier reports of the
quake arrive last; three voices giving three tolls in one article raise an
alert whose earlier figures are capped at one; a blank article is
deadlettered; one webhook answers 503 once then 204 (delivered after a retry),
another always 400 (failed), so every outcome the dashboard shows has happened
before /metrics is read. What it reads passes promtool's lint and the naming
rules of `monitoring.naming_faults`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from monitoring import naming_faults, promtool, queried_metrics
from prometheus_client.parser import text_string_to_metric_families
from support import SAMPLES

from streams.models import RawArticle
from streams.runtime import LagProbe, publish_articles
from streams.sources import read_articles

pytestmark = pytest.mark.integration

LATE = ("02_", "03_")
"""Samples published once the rest is handled: they withdraw alerts raised between 01 and 04."""

THREE_VOICES = RawArticle(
    id="pelora-flood-three-voices",
    source="Pelora Courier",
    title="Officials differ on Pelora flood toll",
    published_at=datetime(2025, 5, 2, 9, tzinfo=UTC),
    body="Officials differ on Pelora flood toll\n\n"
    "Floods in the Pelora valley have killed 120 people, the interior ministry said on Friday.\n\n"
    "The Pelora Red Cross said 310 people had died in the floods.\n\n"
    "The mayor of Pelora said 45 people were killed in the floods.",
)
"""The mayor's figure contradicts two earlier ones: capped at `max_earlier_per_alert=1`."""


@pytest.fixture
async def receiver() -> AsyncIterator[str]:
    """Base URL of a webhook receiver on 127.0.0.1 with a /flaky and a /rejecting endpoint."""
    calls = 0

    async def flaky(_: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        return web.Response(status=503 if calls == 1 else 204)

    async def rejecting(_: web.Request) -> web.Response:
        return web.Response(status=400)

    server = web.Application()
    server.router.add_post("/flaky", flaky)
    server.router.add_post("/rejecting", rejecting)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}"
    await runner.cleanup()


def _articles(paths: Iterable[Path]) -> list[RawArticle]:
    return [a for a in read_articles(sorted(paths)) if isinstance(a, RawArticle)]


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _total(samples: dict, name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(v for (n, lbls), v in samples.items() if n == name and wanted <= lbls)


async def test_every_queried_metric_is_exported_with_data(start_worker, settings, receiver) -> None:
    app = await start_worker(
        webhook_urls=[f"{receiver}/flaky"],
        webhooks=[{"url": f"{receiver}/rejecting", "kinds": ["revision"]}],
        webhook_retry_window=30,
        webhook_backoff=0.05,
        webhook_backoff_max=0.1,
        max_earlier_per_alert=1,
    )
    paths = sorted(SAMPLES.glob("*.json"))
    late = [p for p in paths if p.name.startswith(LATE)]
    blank = RawArticle(id="blank", source="Test Wire", body="   ")
    for batch in ([*_articles(set(paths) - set(late)), THREE_VOICES, blank], _articles(late)):
        await publish_articles(settings, app.bootstrap, batch)
        async with LagProbe(settings, app.bootstrap) as probe:
            assert await probe.wait_idle(timeout=120), "the pipeline did not drain"

    wanted = queried_metrics()
    url = f"http://127.0.0.1:{settings.web_port}/metrics"
    deadline = time.monotonic() + 120  # the known-keys gauge is set on a 10 s timer
    async with aiohttp.ClientSession() as http:
        while True:
            async with http.get(url) as response:
                assert response.status == 200
                exposition = await response.text()
                samples = _samples(exposition)
            with_data = {name for (name, _), value in samples.items() if value > 0}
            missing = wanted - with_data
            if not missing or time.monotonic() > deadline:
                break
            await asyncio.sleep(1)
    assert not missing, f"queried by deploy/ but without data on /metrics: {sorted(missing)}"
    assert naming_faults(exposition) == []
    assert _total(samples, "claimwatch_alerts_withdrawn_total") >= 1
    assert _total(samples, "claimwatch_alerts_capped_total") >= 1
    assert _total(samples, "claimwatch_build_info") == 1
    promtool("check", "metrics", stdin=exposition)

    assert _total(samples, "claimwatch_deadletters_total", stage="clean", reason="empty_body") == 1
    for outcome in ("delivered", "retried", "failed"):
        assert _total(samples, "claimwatch_webhook_deliveries_total", outcome=outcome) >= 1
    assert _total(samples, "claimwatch_webhook_filtered_total") >= 1, "contradictions"
    # Every alert's claim carried its article's ingest time through all the stages.
    alerts = _total(samples, "claimwatch_alerts_total")
    assert _total(samples, "claimwatch_ingest_to_alert_seconds_count") == alerts > 0
    assert _total(samples, "claimwatch_ingest_to_alert_seconds_sum") < 120 * alerts
