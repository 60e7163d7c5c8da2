"""With CLAIMWATCH_LOG_FORMAT=json, every line a worker writes is a JSON object, and the
lines logged while handling a record name it (issue 17, item 6)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiohttp import web
from support import NEWS_ARTICLE

from bench.workers import WorkerProcess
from streams.broker import EmbeddedBroker
from streams.models import RawArticle
from streams.runtime import publish_articles, wait_until
from streams.settings import Settings

pytestmark = pytest.mark.integration

TOO_LONG = RawArticle(
    id="pelora-long",
    source="Pelora Courier",
    published_at="2025-04-05T16:00:00Z",
    body="The Pelora council met on Monday. " * 20,
)


def _json_lines(text: str) -> list[dict[str, object]]:
    """Every line parsed, each an object with a level, a logger and a message."""
    lines = [json.loads(line) for line in text.splitlines()]
    for line in lines:
        assert isinstance(line, dict) and {"time", "level", "logger", "message"} <= set(line)
    return lines


async def test_a_json_worker_names_the_records_it_logs_about(
    settings: Settings, broker: EmbeddedBroker, tmp_path: Path
) -> None:
    """One article too long for the clean stage (a deadletter), one raising an alert that a
    receiver on 127.0.0.1 gets: the deadletter's line names the article and its stage, the
    webhook request's line the alert."""
    received: list[bytes] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(await request.read())
        return web.Response(status=204)

    server = web.Application()
    server.router.add_post("/hook", hook)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    member = settings.model_copy(
        update={
            "log_format": "json",
            "max_body_bytes": 300,
            "webhook_urls": [f"http://127.0.0.1:{port}/hook"],
            "webhook_secret": "whsec_bG9ncyB0ZXN0IHNlY3JldA==",
        }
    )
    command = ("claimwatch", "worker", "--loglevel", "info")
    worker = WorkerProcess(member, tmp_path / "worker.log", command).start()
    try:
        await worker.wait_assigned()
        await publish_articles(settings, broker.bootstrap, [TOO_LONG, RawArticle(**NEWS_ARTICLE)])
        await wait_until(lambda: received, timeout=60, what="the alert's webhook")
        await asyncio.sleep(1)  # the request's log line follows its answer
    finally:
        worker.stop()
        await runner.cleanup()

    lines = _json_lines(worker.log_path.read_text("utf-8"))
    assert {"INFO", "WARNING"} <= {line["level"] for line in lines}
    (dead,) = [line for line in lines if str(line["message"]).startswith("deadletter from")]
    assert (dead["level"], dead["logger"]) == ("WARNING", "streams.app")
    assert (dead["stage"], dead["article_id"]) == ("clean", "pelora-long")
    (request,) = [line for line in lines if str(line["message"]).startswith("HTTP Request")]
    alert = json.loads(received[0])["data"]
    assert request["logger"] == "httpx"
    assert {k: request[k] for k in ("stage", "article_id", "claim_key", "alert_id")} == {
        "stage": "dispatch",
        "article_id": "fuzz-article",
        "claim_key": alert["key_text"],
        "alert_id": alert["alert_id"],
    }
    unnamed = [line for line in lines if "stage" not in line]
    assert unnamed and not [line for line in unnamed if {"article_id", "alert_id"} & set(line)]
