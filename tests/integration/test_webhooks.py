"""Alerts reach a real webhook receiver on 127.0.0.1, signed, through the whole pipeline."""

import asyncio
import base64

import pytest
from aiohttp import web
from standardwebhooks import Webhook

from streams.models import Alert, RawArticle
from streams.runtime import publish_articles, wait_until

pytestmark = pytest.mark.integration

SECRET = "whsec_" + base64.b64encode(b"integration secret").decode()

ARTICLES = [
    RawArticle(
        id="rally-organisers",
        source="Harbour Gazette",
        published_at="2025-06-01T10:00:00Z",
        body="Organisers said more than 90,000 people marched through Lisbon on Saturday.",
    ),
    RawArticle(
        id="rally-police",
        source="City Wire",
        published_at="2025-06-01T15:00:00Z",
        body="Police said about 15,000 people marched through Lisbon on Saturday.",
    ),
]


async def test_alerts_are_delivered_signed(start_worker, settings) -> None:
    received: list[tuple[dict[str, str], bytes]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((dict(request.headers), await request.read()))
        return web.Response(status=204)

    server = web.Application()
    server.router.add_post("/hook", hook)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        app = await start_worker(
            webhook_urls=[f"http://127.0.0.1:{port}/hook"], webhook_secret=SECRET
        )
        await publish_articles(settings, app.bootstrap, ARTICLES)
        await wait_until(lambda: bool(received), timeout=60, what="a webhook delivery")
        await asyncio.sleep(1)
    finally:
        await runner.cleanup()
    assert len(received) == 1
    headers, body = received[0]
    lowered = {k.lower(): v for k, v in headers.items()}
    Webhook(SECRET).verify(body, lowered)
    alert = Alert.model_validate_json(body)
    assert lowered["webhook-id"] == alert.alert_id
    assert alert.claim.value.text == "about 15,000"
