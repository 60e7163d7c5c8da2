import asyncio
import base64
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from aiohttp import web
from standardwebhooks import Webhook
from support import an_alert, withdrawal

from agents.dispatch import Attempt, Outcome, RetryPolicy, Stopping, deliver
from streams.models import Alert
from streams.settings import Settings

SECRET = "whsec_" + base64.b64encode(b"claimwatch test secret").decode()
Handler = Callable[[web.Request], Awaitable[web.Response]]


def policy(**overrides: float) -> RetryPolicy:
    values = {"webhook_backoff": 0.01, "webhook_backoff_max": 0.05, "webhook_retry_window": 0.3}
    return RetryPolicy(Settings(**(values | overrides)))


class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that records what it received."""

    def __init__(self, respond: Handler) -> None:
        self.respond = respond
        self.requests: list[tuple[dict[str, str], bytes]] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((dict(request.headers), await request.read()))
        return await self.respond(request)


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


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=2) as http:
        yield http


def answers(*statuses: int, retry_after: str | None = None) -> Handler:
    """The n-th request gets statuses[n] (the last one from then on)."""
    calls = 0

    async def respond(_: web.Request) -> web.Response:
        nonlocal calls
        status = statuses[min(calls, len(statuses) - 1)]
        calls += 1
        headers = {"Retry-After": retry_after} if retry_after and status >= 300 else {}
        return web.Response(status=status, headers=headers)

    return respond


@pytest.mark.parametrize(
    ("alert", "event_type", "webhook_id"),
    [
        (an_alert("alert-1"), "claim.contradiction", "alert-1"),
        (withdrawal(an_alert("alert-1")), "claim.contradiction.withdrawn", "alert-1-withdrawn"),
    ],
    ids=["raised", "withdrawn"],
)
async def test_delivery_is_a_signed_event_of_the_alerts_status(
    serve, client, alert: Alert, event_type: str, webhook_id: str
):
    url, receiver = await serve(answers(204))
    last = await deliver(client, url, alert, SECRET, policy())

    assert (last.outcome, last.number) == (Outcome.DELIVERED, 1)
    ((headers, body),) = receiver.requests
    event = Webhook(SECRET).verify(body, headers)
    assert (event["type"], event["timestamp"]) == (event_type, event["data"]["raised_at"])
    assert Alert.model_validate(event["data"]) == alert
    assert headers["webhook-id"] == webhook_id
    assert headers["Content-Type"] == "application/json"


async def test_server_errors_are_retried_with_the_same_id_until_delivered(serve, client):
    url, receiver = await serve(answers(500, 503, 429, 200))
    retried: list[Attempt] = []
    last = await deliver(
        client, url, an_alert(), SECRET, policy(webhook_retry_window=60), on_retry=retried.append
    )

    assert (last.outcome, last.number) == (Outcome.DELIVERED, 4)
    assert [a.status for a in retried] == [500, 503, 429]
    assert {headers["webhook-id"] for headers, _ in receiver.requests} == {"alert-1"}
    assert all(Webhook(SECRET).verify(body, headers) for headers, body in receiver.requests)


@pytest.mark.parametrize(
    ("status", "outcome", "reason", "described"),
    [
        (404, Outcome.REJECTED, "webhook_rejected", "HTTP 404, not retried"),
        (301, Outcome.REJECTED, "webhook_rejected", "HTTP 301, not retried"),
        (503, Outcome.RETRY, "webhook_failed", "HTTP 503 after"),
    ],
)
async def test_a_refusal_gives_up_at_once_and_a_failure_at_the_windows_end(
    serve, client, status, outcome, reason, described
):
    url, receiver = await serve(answers(status))
    last = await deliver(client, url, an_alert(), SECRET, policy())

    assert (last.outcome, last.reason) == (outcome, reason)
    assert last.describe().startswith(described)
    assert last.number == len(receiver.requests)
    assert (len(receiver.requests) == 1) == (outcome == Outcome.REJECTED)


async def test_unreachable_receiver_is_retried_until_the_window_ends(client):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/hook?token=hunter2"
    last = await deliver(client, url, an_alert(), SECRET, policy())

    assert last.outcome == Outcome.RETRY and last.number > 1
    assert last.describe().startswith("ConnectError")
    assert "hunter2" not in last.describe()


async def test_retry_after_is_the_least_delay(serve, client):
    url, _ = await serve(answers(503, 200, retry_after="7"))
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    last = await deliver(
        client, url, an_alert(), SECRET, policy(webhook_backoff_max=10), sleep=sleep
    )
    assert last.outcome == Outcome.DELIVERED
    assert waits == [7.0]


async def test_a_stopping_worker_abandons_the_delivery_between_attempts(serve, client):
    url, receiver = await serve(answers(503))

    async def stop(_: float) -> None:
        raise Stopping

    with pytest.raises(Stopping):
        await deliver(client, url, an_alert(), SECRET, policy(), sleep=stop)
    assert len(receiver.requests) == 1


async def test_unsigned_deliveries_still_carry_id_and_timestamp(serve, client):
    url, receiver = await serve(answers(200))
    await asyncio.wait_for(deliver(client, url, an_alert(), None, policy()), 5)
    ((headers, _),) = receiver.requests
    assert headers["webhook-id"] == "alert-1"
    assert "webhook-signature" not in {k.lower() for k in headers}
