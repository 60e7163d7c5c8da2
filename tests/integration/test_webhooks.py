"""Alerts reach real webhook receivers on 127.0.0.1, signed, through the whole pipeline."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

import pytest
from aiohttp import web
from standardwebhooks import Webhook
from support import publish, withdrawal

from agents.dispatch import event_id, event_type
from streams.app import ClaimwatchApp
from streams.broker import free_port
from streams.models import Alert, AlertStatus, RawArticle
from streams.runtime import publish_articles, wait_until
from streams.topics import ALERTS

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


@dataclass
class Receiver:
    """A webhook endpoint whose answer to the n-th request (from 0) is `answer(n)`."""

    answer: Callable[[int], Awaitable[int]]
    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append(({k.lower(): v for k, v in request.headers.items()}, body))
        status = await self.answer(len(self.received) - 1)
        self.answered.append(status)
        return web.Response(status=status)

    def verified(self) -> list[Alert]:
        """Every request's alert, once its Standard Webhooks signature checks out and its event
        type and id are those of the alert's status."""
        alerts = []
        for headers, body in self.received:
            event = Webhook(SECRET).verify(body, headers)
            alert = Alert.model_validate_json(body)
            assert (event["type"], headers["webhook-id"]) == (event_type(alert), event_id(alert))
            alerts.append(alert)
        return alerts


class Serve(Protocol):
    def __call__(
        self, answer: Callable[[int], Awaitable[int]], port: int = 0
    ) -> Awaitable[Receiver]: ...


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    """Start receivers on 127.0.0.1 (a free port unless one is given); all stopped at teardown."""
    runners: list[web.AppRunner] = []

    async def start(answer: Callable[[int], Awaitable[int]], port: int = 0) -> Receiver:
        receiver = Receiver(answer)
        server = web.Application()
        server.router.add_post("/hook", receiver.handle)
        runner = web.AppRunner(server)
        await runner.setup()
        runners.append(runner)
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        receiver.url = f"http://127.0.0.1:{port}/hook"
        return receiver

    yield start
    for runner in runners:
        await runner.cleanup()


async def test_signed_alerts_reach_a_receiver_once_it_recovers_and_past_a_slow_one(
    start_worker, settings, serve
) -> None:
    """Signing, retries and independent endpoints in one test: a worker takes ~6 s to start."""
    failures = 3
    release_slow = asyncio.Event()

    async def fails_then_recovers(n: int) -> int:
        return 500 if n < failures else 204

    async def slow(n: int) -> int:
        await release_slow.wait()
        return 204

    flaky = await serve(fails_then_recovers)
    stuck = await serve(slow)
    app = await start_worker(
        webhook_urls=[stuck.url, flaky.url],
        webhook_secret=SECRET,
        webhook_backoff=0.05,
        webhook_backoff_max=0.2,
        webhook_timeout=60,
    )
    await publish_articles(settings, app.bootstrap, ARTICLES)

    await wait_until(lambda: 204 in flaky.answered, timeout=60, what="the flaky receiver's 204")
    assert flaky.answered == [500] * failures + [204]
    attempts = flaky.verified()
    assert len({a.alert_id for a in attempts}) == 1, "every attempt carries the same alert"
    assert attempts[0].claim.value.text == "about 15,000"
    assert (len(stuck.received), stuck.answered) == (1, []), "the slow receiver still holds it"

    release_slow.set()
    await wait_until(lambda: stuck.answered == [204], timeout=10, what="the slow receiver")
    assert [a.alert_id for a in stuck.verified()] == [attempts[0].alert_id]
    await asyncio.sleep(0.5)
    assert len(flaky.received) == failures + 1 and len(stuck.received) == 1, "one alert in all"


async def test_an_alert_waits_for_a_receiver_that_is_down_and_its_withdrawal_follows_it(
    start_worker, settings, serve
) -> None:
    """Nothing listens on the receiver's port (connections refused) until it starts there.
    Then the alert is withdrawn on the topic, as the detector does when a late figure lands
    between its claims: the receiver gets it again as an `alert.withdrawn` event."""
    port = free_port("127.0.0.1")
    url = f"http://127.0.0.1:{port}/hook"
    app = await start_worker(
        webhook_urls=[url],
        webhook_secret=SECRET,
        webhook_backoff=0.1,
        webhook_backoff_max=0.5,
        webhook_max_attempts=1000,
    )
    await publish_articles(settings, app.bootstrap, ARTICLES)
    await wait_until(
        lambda: _deliveries(app, "retried") >= 3, timeout=60, what="three refused attempts"
    )

    async def accepts(_: int) -> int:
        return 204

    receiver = await serve(accepts, port)
    await wait_until(lambda: receiver.answered, timeout=10, what="the delivery once it is up")
    await asyncio.sleep(0.5)
    (raised,) = receiver.verified()
    assert raised.claim.value.text == "about 15,000"
    assert _deliveries(app, "delivered") == 1

    await publish(settings, app.bootstrap, ALERTS, raised.alert_id, withdrawal(raised))
    await wait_until(lambda: len(receiver.answered) == 2, timeout=30, what="the withdrawal")
    (_, withdrawn) = receiver.verified()
    assert (withdrawn.alert_id, withdrawn.status) == (raised.alert_id, AlertStatus.WITHDRAWN)
    assert (withdrawn.kind, withdrawn.severity) == (raised.kind, raised.severity)
    assert [json.loads(body)["type"] for _, body in receiver.received] == [
        "alert.raised",
        "alert.withdrawn",
    ]
    ids = [headers["webhook-id"] for headers, _ in receiver.received]
    assert ids == [raised.alert_id, f"{raised.alert_id}-withdrawn"]
    assert _deliveries(app, "delivered") == 2


def _deliveries(app: ClaimwatchApp, outcome: str) -> float:
    counted = app.registry.get_sample_value(
        "claimwatch_webhook_deliveries_total", {"outcome": outcome}
    )
    return counted or 0.0
