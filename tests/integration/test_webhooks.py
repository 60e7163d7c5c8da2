"""Alerts reach real webhook receivers on 127.0.0.1, signed, through the whole pipeline."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pytest
from aiohttp import web
from standardwebhooks import Webhook
from support import an_alert, drain, publish, read_all, realnews, withdrawal

from agents.dispatch import endpoint_groups, event_id, event_type
from agents.dispatch.redeliver import redeliver
from bench.workers import WorkerProcess
from streams.app import ClaimwatchApp
from streams.broker import EmbeddedBroker, free_port
from streams.models import Alert, AlertKind, AlertStatus, DeadLetter, RawArticle
from streams.runtime import publish_articles, wait_until
from streams.settings import Settings
from streams.topics import ALERTS, DEADLETTER, ensure_topics

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
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    """(webhook-id, status) of each request answered."""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.received.append((headers, body))
        status = await self.answer(len(self.received) - 1)
        self.answered.append(status)
        self.outcomes.append((headers["webhook-id"], status))
        return web.Response(status=status)

    def delivered(self) -> set[str]:
        """The webhook ids answered with a 2xx."""
        return {msg_id for msg_id, status in self.outcomes if 200 <= status < 300}

    def verified(self) -> list[Alert]:
        """Every request's alert, once its Standard Webhooks signature checks out and its event
        type and id are those of the alert's status."""
        alerts = []
        for headers, body in self.received:
            event = Webhook(SECRET).verify(body, headers)
            alert = Alert.model_validate(event["data"])
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


async def accepts(_: int) -> int:
    return 204


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
    between its claims: the receiver gets it again as a `claim.contradiction.withdrawn` event."""
    port = free_port("127.0.0.1")
    url = f"http://127.0.0.1:{port}/hook"
    app = await start_worker(
        webhook_urls=[url],
        webhook_secret=SECRET,
        webhook_backoff=0.1,
        webhook_backoff_max=0.5,
        webhook_retry_window=600,
    )
    await publish_articles(settings, app.bootstrap, ARTICLES)
    await wait_until(
        lambda: _deliveries(app, "retried") >= 3, timeout=60, what="three refused attempts"
    )

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
        "claim.contradiction",
        "claim.contradiction.withdrawn",
    ]
    ids = [headers["webhook-id"] for headers, _ in receiver.received]
    assert ids == [raised.alert_id, f"{raised.alert_id}-withdrawn"]
    assert _deliveries(app, "delivered") == 2


async def test_each_endpoint_gets_the_alerts_its_filters_let_through_on_real_news(
    start_worker, settings, serve
) -> None:
    """Issue 18, item 3, on the real news set streamed through the broker: beside an endpoint
    that gets every alert, one subscribed to contradictions gets no revision, and one
    subscribed to a story gets that story's alerts only (withdrawals included).

    The story is chosen at run time from the alerts the broker run raised, never named here
    (the story stage's labels depend on the order articles reach it): the label with the
    most alerts whose first part (a place or a name) is in no other label; its first part,
    in capitals, is the filter. That endpoint is added once the alerts are on the topic, by a
    second worker: a new endpoint reads `alerts` from the start, as after an upgrade."""
    articles = realnews()
    everything = await serve(accepts)
    contradictions = await serve(accepts)
    one_story = await serve(accepts)
    app = await start_worker(
        webhook_urls=[everything.url],
        webhooks=[{"url": contradictions.url, "kinds": ["contradiction"]}],
        webhook_secret=SECRET,
    )
    await publish_articles(settings, app.bootstrap, [r for _, r in articles])
    await drain(settings, app.bootstrap, timeout=300)
    alerts = await read_all(settings, app.bootstrap, ALERTS, Alert)
    labels = [a.claim.story or "" for a in alerts]
    heads = {label: label.split(" | ")[0] for label in labels}
    alone = [label for label in labels if sum(heads[label] in other for other in set(labels)) == 1]
    story = heads[max(set(alone), key=alone.count)].upper()
    late = await start_worker(
        webhooks=[{"url": one_story.url, "story": story}],
        webhook_secret=SECRET,
        web_port=free_port("127.0.0.1"),
    )

    def filtered(receiver: Receiver) -> float:
        worker = late if receiver is one_story else app
        label = endpoint_groups(worker.settings)[receiver.url].rpartition("-webhook-")[2]
        counted = worker.registry.get_sample_value(
            "claimwatch_webhook_filtered_total", {"endpoint": label}
        )
        return counted or 0.0

    await wait_until(
        lambda: all(
            len(r.received) + filtered(r) == len(alerts)
            for r in (everything, contradictions, one_story)
        ),
        timeout=120,
        what="every alert settled for every endpoint",
    )

    def events(alerts: list[Alert]) -> list[str]:
        return sorted(event_id(a) for a in alerts)

    assert events(everything.verified()) == events(alerts)
    assert {a.kind for a in alerts} == set(AlertKind)
    assert AlertStatus.WITHDRAWN in {a.status for a in alerts}

    got = contradictions.verified()
    assert events(got) == events([a for a in alerts if a.kind == AlertKind.CONTRADICTION])
    assert {json.loads(body)["type"] for _, body in contradictions.received} <= {
        "claim.contradiction",
        "claim.contradiction.withdrawn",
    }

    got = one_story.verified()
    assert events(got) == events(
        [a for a in alerts if story.casefold() in (a.claim.story or "").casefold()]
    )
    gold = {raw.id: labelled for labelled, raw in articles}
    assert len({gold[a.claim.article_id] for a in got}) == 1, "one story of the set"
    assert 0 < len(got) < len(alerts)
    raised = {a.alert_id for a in got if a.status == AlertStatus.RAISED}
    assert {a.alert_id for a in got if a.status == AlertStatus.WITHDRAWN} <= raised
    assert filtered(everything) == 0


async def test_redeliver_sends_an_alert_only_where_the_filters_let_it_through(
    settings: Settings, broker: EmbeddedBroker, serve
) -> None:
    """A revision that failed to reach two endpoints, redelivered once one of them is
    subscribed to contradictions only: it reaches the other one alone."""
    await ensure_topics(settings, broker.bootstrap)
    revision = an_alert("redeliver-1", AlertKind.REVISION)
    wants_it = await serve(accepts)
    contradictions = await serve(accepts)
    for receiver in (wants_it, contradictions):
        failed = DeadLetter(  # its alert in the payload: read there when not on `alerts`
            stage="dispatch",
            reason="webhook_failed",
            payload=revision.model_dump_json(),
            endpoint=receiver.url,
        )
        await publish(settings, broker.bootstrap, DEADLETTER, receiver.url, failed)
    now = Settings.model_validate(
        {
            **settings.model_dump(),
            "webhook_urls": [wants_it.url],
            "webhooks": [{"url": contradictions.url, "kinds": ["contradiction"]}],
            "webhook_secret": SECRET,
        }
    )
    said: list[str] = []
    done = await redeliver(now, broker.bootstrap, 5, said.append)
    assert (done.delivered, done.filtered, done.failed, done.skipped) == (1, 1, 0, 0), said
    assert [a.alert_id for a in wants_it.verified()] == [revision.alert_id]
    assert contradictions.received == []


def _deliveries(app: ClaimwatchApp, outcome: str) -> float:
    counted = app.registry.get_sample_value(
        "claimwatch_webhook_deliveries_total", {"outcome": outcome}
    )
    return counted or 0.0


# --- Faults through worker processes ------------------------------------------------------


async def _queue_alerts(settings: Settings, bootstrap: str, count: int) -> dict[str, Alert]:
    """`count` alerts on the alerts topic, as the detector sends them; by webhook id."""
    alerts = [an_alert(f"fault-{n:02d}") for n in range(count)]
    for alert in alerts:
        await publish(settings, bootstrap, ALERTS, alert.alert_id, alert)
    return {event_id(alert): alert for alert in alerts}


def _each_id_one_event(receiver: Receiver) -> None:
    """A repeat is the same event: each alert came under one id, and each id with one alert."""
    ids_of: dict[str, set[str]] = {}
    for headers, body in receiver.received:
        alert = Alert.model_validate(json.loads(body)["data"])
        ids_of.setdefault(alert.alert_id, set()).add(headers["webhook-id"])
    assert all(len(ids) == 1 for ids in ids_of.values()), ids_of


async def _dispatch_deadletters(settings: Settings, bootstrap: str) -> list[DeadLetter]:
    dead = await read_all(settings, bootstrap, DEADLETTER, DeadLetter)
    return [d for d in dead if d.stage == "dispatch"]


async def test_deliveries_queued_at_sigterm_are_left_to_the_next_worker(
    spawn_worker, settings: Settings, broker: EmbeddedBroker, serve
) -> None:
    """14 alerts queued for a receiver taking 20 s an answer; SIGTERM stops the worker within
    its drain timeout, and the next worker delivers every one (issue 16, item 1)."""
    slow = True

    async def slow_then_quick(_: int) -> int:
        if slow:
            await asyncio.sleep(20)
        return 204

    receiver = await serve(slow_then_quick)
    hooks = {"webhook_urls": [receiver.url], "webhook_secret": SECRET, "webhook_timeout": 60}
    worker = spawn_worker(**hooks)
    await worker.wait_assigned()
    queued = await _queue_alerts(settings, broker.bootstrap, 14)
    await wait_until(lambda: receiver.received, timeout=60, what="a delivery in flight")

    assert worker.stop(signal.SIGTERM) == 0
    log = worker.log_path.read_text()
    assert "never retrieved" not in log and "Traceback" not in log, log[-3000:]
    before = receiver.delivered()
    assert len(before) < len(queued), "the receiver was meant to be slower than the shutdown"

    slow = False
    spawn_worker(**hooks)  # the same member of the group, restarted
    await wait_until(
        lambda: receiver.delivered() == set(queued), timeout=120, what="all 14 delivered"
    )
    receiver.verified()
    _each_id_one_event(receiver)
    assert not await _dispatch_deadletters(settings, broker.bootstrap)


@pytest.mark.parametrize(
    ("compressed", "outage"),
    [
        pytest.param(1, 60, id="down-60s-default-schedule"),
        pytest.param(10, 60, id="down-10min-schedule-compressed-10x-with-a-restart"),
    ],
)
async def test_every_alert_reaches_a_receiver_that_was_down(
    spawn_worker, settings: Settings, broker: EmbeddedBroker, serve, compressed: int, outage: int
) -> None:
    """16 alerts while nothing listens for `outage` seconds; then it listens and gets all 16.

    With the default backoff (item 2 of issue 16). Compressed, every delay of the
    default schedule is divided by 10, so 60 s down stands for 10 minutes, and the
    worker is restarted mid-outage: it starts the schedule again from its position.
    """
    defaults = Settings()
    schedule: dict[str, object] = {}
    if compressed > 1:
        schedule = {
            name: getattr(defaults, name) / compressed
            for name in ("webhook_backoff", "webhook_backoff_max", "webhook_retry_window")
        }
    port = free_port("127.0.0.1")
    url = f"http://127.0.0.1:{port}/hook"
    hooks = {"webhook_urls": [url], "webhook_secret": SECRET, **schedule}
    worker = spawn_worker(**hooks)
    await worker.wait_assigned()
    queued = await _queue_alerts(settings, broker.bootstrap, 16)
    loop = asyncio.get_running_loop()
    down_until = loop.time() + outage
    if compressed > 1:
        await asyncio.sleep(outage / 3)
        assert worker.stop(signal.SIGTERM) == 0
        worker = spawn_worker(**hooks)
    await asyncio.sleep(max(down_until - loop.time(), 0))

    receiver = await serve(accepts, port)
    await wait_until(
        # The bound of the next delay after an outage of T is about T (it doubles).
        lambda: receiver.delivered() == set(queued),
        timeout=300 + 2 * outage,
        what="all 16 delivered",
    )
    receiver.verified()
    _each_id_one_event(receiver)
    assert not await _dispatch_deadletters(settings, broker.bootstrap)


async def test_a_token_in_a_webhook_url_is_nowhere_but_in_the_request(
    settings: Settings, broker: EmbeddedBroker, serve, tmp_path: Path
) -> None:
    """A worker at info level whose receiver refuses and fails deliveries, then `claimwatch
    redeliver` once it is fixed: the token is in no log, topic, metric or command output
    (issue 16, item 7), and every refused alert arrives."""
    token = "tok3n-5ecret-4f9a"
    refusing = True

    async def refuses_then_accepts(n: int) -> int:
        """While refusing: 400 to half the alerts, 503 to the others (every time)."""
        if refusing:
            return 400 if receiver.received[n][0]["webhook-id"][-1] in "02468" else 503
        return 204

    receiver = await serve(refuses_then_accepts)
    url = f"{receiver.url}?token={token}"
    member = settings.model_copy(
        update={
            "webhook_urls": [url],
            "webhook_secret": SECRET,
            "webhook_backoff": 0.05,
            "webhook_backoff_max": 0.2,
            "webhook_retry_window": 1.0,
        }
    )
    log_path = tmp_path / "worker.log"
    worker = WorkerProcess(
        member, log_path, command=("claimwatch", "worker", "--loglevel", "info")
    ).start()
    try:
        await worker.wait_assigned()
        queued = await _queue_alerts(settings, broker.bootstrap, 6)
        dead: list[DeadLetter] = []

        async def all_given_up() -> bool:
            dead[:] = await _dispatch_deadletters(settings, broker.bootstrap)
            return len(dead) == len(queued)

        await _wait_async(all_given_up, timeout=90, what="every alert given up")
        metrics = await worker.metrics()
    finally:
        worker.stop()
    assert {d.reason for d in dead} == {"webhook_rejected", "webhook_failed"}
    assert {d.endpoint for d in dead} == {receiver.url}

    refusing = False
    output = await _redeliver(member)
    assert receiver.delivered() == set(queued)
    _each_id_one_event(receiver)
    assert "redelivered 6, failed again 0" in output
    assert "redelivered 0, failed again 0" in await _redeliver(member), "it goes on from the last"

    said = [log_path.read_text(), metrics, output]
    assert "HTTP Request: POST" in said[0], "httpx's request lines are in the log, redacted"
    said += [
        d.model_dump_json()
        for d in await read_all(settings, broker.bootstrap, DEADLETTER, DeadLetter)
    ]
    said += [a.model_dump_json() for a in await read_all(settings, broker.bootstrap, ALERTS, Alert)]
    assert not [text for text in said if token in text]


async def _redeliver(settings: Settings) -> str:
    """`claimwatch redeliver`'s output; it exits 0."""
    command = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "claimwatch"),
        "redeliver",
        env={**os.environ, **settings.as_env()},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await command.communicate()
    assert command.returncode == 0, output.decode()
    return output.decode()


async def _wait_async(check: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.5)


async def test_bad_webhook_settings_stop_the_worker_in_one_line_and_unsigned_ones_warn(
    spawn_worker,
) -> None:
    url = "http://127.0.0.1:9/hook?token=tok3n"
    bad = spawn_worker("bad", webhook_urls=[url], webhook_secret="whsec_not base64!")
    assert bad.process is not None and bad.process.wait(60) != 0
    said = bad.log_path.read_text()
    assert (
        said.strip()
        .splitlines()[-1]
        .startswith(
            "Error: invalid settings: CLAIMWATCH_WEBHOOK_SECRET: a whsec_ secret must be base64"
        )
    ), said
    assert "Traceback" not in said and "tok3n" not in said

    unsigned = spawn_worker("unsigned", webhook_urls=[url])
    await unsigned.wait_assigned()
    assert "webhooks are unsigned" in unsigned.log_path.read_text()
