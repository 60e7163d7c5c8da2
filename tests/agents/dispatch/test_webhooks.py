import asyncio
import base64
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web
from prometheus_client import CollectorRegistry
from standardwebhooks import Webhook
from support import an_alert, withdrawal

from agents.dispatch import WebhookDispatcher
from streams.metrics import Metrics
from streams.models import Alert
from streams.settings import Settings

SECRET = "whsec_" + base64.b64encode(b"claimwatch test secret").decode()
Handler = Callable[[web.Request], Awaitable[web.Response]]


def make_alert(n: int = 1) -> Alert:
    return an_alert(f"alert-{n}")


def settings(*urls: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "webhook_urls": list(urls),
        "webhook_secret": SECRET,
        "webhook_timeout": 2.0,
        "webhook_max_attempts": 3,
        "webhook_backoff": 0.01,
        "webhook_backoff_max": 0.05,
        "webhook_drain_timeout": 2.0,
    }
    return Settings(**(values | overrides))


def metrics() -> Metrics:
    return Metrics(CollectorRegistry())


def outcomes(m: Metrics) -> dict[str, float]:
    return {
        outcome: m.registry.get_sample_value(
            "claimwatch_webhook_deliveries_total", {"outcome": outcome}
        )
        or 0.0
        for outcome in ("delivered", "retried", "failed")
    }


class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that records what it received."""

    def __init__(self, respond: Handler) -> None:
        self.respond = respond
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.delivered = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((dict(request.headers), await request.read()))
        response = await self.respond(request)
        if response.status < 300:
            self.delivered.set()
        return response


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Handler], Awaitable[tuple[str, Receiver]]]]:
    runners: list[web.AppRunner] = []

    async def start(respond: Handler) -> tuple[str, Receiver]:
        receiver = Receiver(respond)
        app = web.Application()
        app.router.add_post("/hook", receiver.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        host, port = runner.addresses[0][:2]
        return f"http://{host}:{port}/hook", receiver

    yield start
    for runner in runners:
        await runner.cleanup()


class GiveUps(list[tuple[str, str, str]]):
    async def __call__(self, alert: Alert, url: str, reason: str) -> None:
        self.append((alert.alert_id, url, reason))


async def ok(_: web.Request) -> web.Response:
    return web.Response(status=204)


def failing_first(n: int, status: int = 500) -> Handler:
    calls = 0

    async def respond(_: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        return web.Response(status=status if calls <= n else 200)

    return respond


@pytest.mark.parametrize(
    ("alert", "event_type", "webhook_id"),
    [
        (make_alert(), "alert.raised", "alert-1"),
        (withdrawal(make_alert()), "alert.withdrawn", "alert-1-withdrawn"),
    ],
    ids=["raised", "withdrawn"],
)
async def test_delivery_is_a_signed_event_of_the_alerts_status(
    serve, alert: Alert, event_type: str, webhook_id: str
):
    url, receiver = await serve(ok)
    dispatcher = WebhookDispatcher(settings(url), GiveUps(), metrics())
    await dispatcher.start()
    await dispatcher.submit(alert)
    await asyncio.wait_for(receiver.delivered.wait(), 2)
    await dispatcher.stop()

    ((headers, body),) = receiver.requests
    event = Webhook(SECRET).verify(body, headers)
    assert event.pop("type") == event_type
    assert event.pop("timestamp") == event["raised_at"]
    assert event == alert.model_dump(mode="json")
    assert headers["webhook-id"] == webhook_id
    assert headers["Content-Type"] == "application/json"


async def test_server_errors_are_retried_until_delivered(serve):
    url, receiver = await serve(failing_first(2))
    give_ups = GiveUps()
    counted = metrics()
    dispatcher = WebhookDispatcher(settings(url, webhook_max_attempts=4), give_ups, counted)
    await dispatcher.start()
    await dispatcher.submit(make_alert())
    await asyncio.wait_for(receiver.delivered.wait(), 2)
    await dispatcher.stop()

    assert len(receiver.requests) == 3
    assert give_ups == []
    assert outcomes(counted) == {"delivered": 1, "retried": 2, "failed": 0}
    assert counted.registry.get_sample_value("claimwatch_webhook_delivery_seconds_count") == 1
    assert all(Webhook(SECRET).verify(body, headers) for headers, body in receiver.requests)


@pytest.mark.parametrize(
    ("status", "attempts", "reason"),
    [
        (503, 3, "HTTP 503 after 3 attempts"),
        (429, 3, "HTTP 429 after 3 attempts"),
        (404, 1, "HTTP 404, not retried"),
    ],
)
async def test_failing_receiver_ends_in_give_up(serve, status, attempts, reason):
    url, receiver = await serve(failing_first(100, status))
    give_ups = GiveUps()
    counted = metrics()
    dispatcher = WebhookDispatcher(settings(url), give_ups, counted)
    await dispatcher.start()
    await dispatcher.submit(make_alert())
    await dispatcher.stop()

    assert len(receiver.requests) == attempts
    assert give_ups == [("alert-1", url, reason)]
    assert outcomes(counted) == {"delivered": 0, "retried": attempts - 1, "failed": 1}


async def test_unreachable_receiver_ends_in_give_up():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
    give_ups = GiveUps()
    dispatcher = WebhookDispatcher(settings(url), give_ups, metrics())
    await dispatcher.start()
    await dispatcher.submit(make_alert())
    await dispatcher.stop()

    ((alert_id, _, reason),) = give_ups
    assert alert_id == "alert-1"
    assert reason.startswith("ConnectError") and reason.endswith("after 3 attempts")


async def test_slow_endpoint_does_not_delay_another(serve):
    release = asyncio.Event()

    async def slow(_: web.Request) -> web.Response:
        await release.wait()
        return web.Response(status=200)

    slow_url, slow_receiver = await serve(slow)
    fast_url, fast_receiver = await serve(ok)
    dispatcher = WebhookDispatcher(settings(slow_url, fast_url), GiveUps(), metrics())
    await dispatcher.start()

    started = asyncio.get_running_loop().time()
    for n in range(3):
        await dispatcher.submit(make_alert(n))
    assert asyncio.get_running_loop().time() - started < 0.1
    await asyncio.wait_for(fast_receiver.delivered.wait(), 1)
    while len(fast_receiver.requests) < 3:
        await asyncio.sleep(0.01)
    assert len(slow_receiver.requests) == 1 and not slow_receiver.delivered.is_set()

    release.set()
    await dispatcher.stop()
    assert len(slow_receiver.requests) == 3


async def test_what_cannot_be_delivered_in_time_is_given_up(serve):
    release = asyncio.Event()

    async def stuck(_: web.Request) -> web.Response:
        await release.wait()
        return web.Response(status=200)

    url, _ = await serve(stuck)
    give_ups = GiveUps()
    dispatcher = WebhookDispatcher(
        settings(url, webhook_queue_size=1, webhook_drain_timeout=0.2), give_ups, metrics()
    )
    await dispatcher.start()
    await dispatcher.submit(make_alert(1))
    await asyncio.sleep(0.1)  # the worker takes alert 1 and waits on the receiver
    await dispatcher.submit(make_alert(2))
    await dispatcher.submit(make_alert(3))
    assert give_ups == [("alert-3", url, "queue full")]

    await dispatcher.stop()
    release.set()
    assert give_ups[1:] == [
        ("alert-1", url, "undelivered at shutdown"),
        ("alert-2", url, "undelivered at shutdown"),
    ]
