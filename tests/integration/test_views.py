"""The HTTP views of two workers sharing the partitions, as an HTTP client sees them.

Every claim key is asked of both workers, so one of them has to forward the
request to the other. What they answer is checked against the topics: the
history and the current claims are what the detector makes of the key's claims
on `claims`; the alerts are those on `alerts`, less the one withdrawn there. One
test rather than several: a worker takes about six seconds to start.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import quote

import httpx
import pytest
from arrival_orders import standing
from pydantic import TypeAdapter
from support import SAMPLES, drain, publish, read_all, withdrawal

from agents.detect import KnownClaims, detect
from claimwatch.openapi import openapi_document
from claimwatch.views import AlertsPage, ClaimsPage
from streams.app import ClaimwatchApp
from streams.broker import free_port
from streams.models import Alert, Claim, RawArticle
from streams.runtime import wait_until
from streams.settings import Settings
from streams.topics import ALERTS, CLAIMS
from streams.web.problems import PROBLEM_JSON, Problem

pytestmark = pytest.mark.integration


def _sample(stem: str) -> RawArticle:
    return RawArticle.model_validate_json((SAMPLES / f"{stem}.json").read_text("utf-8"))


MARCH = _sample("05_calder-pension-march")
REVISED = _sample("06_calder-march-police-revise-count")


def _url(app: ClaimwatchApp) -> str:
    return f"http://127.0.0.1:{app.settings.web_port}"


def _claims_partitions(app: ClaimwatchApp) -> int:
    topic = app.settings.topic(CLAIMS)
    return sum(1 for tp in app.consumer.assignment() if tp.topic == topic)


async def _poll(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 30) -> None:
    """`wait_until` for a condition that takes a request to check."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.2)


def _problem(response: httpx.Response, status: int, code: str) -> Problem:
    """The answer, checked to be an RFC 9457 problem of `status` and `code`."""
    assert response.status_code == status, response.text
    # (a forwarded answer comes with '; charset=utf-8', which Faust adds)
    assert response.headers["content-type"].split(";")[0] == PROBLEM_JSON
    problem = Problem.model_validate_json(response.content)
    assert (problem.status, problem.code) == (status, code)
    assert problem.title and problem.detail
    return problem


async def _refuses_bad_input(http: httpx.AsyncClient, base: str) -> None:
    for body, where in [
        (b'{"id": "no-body"}', "#/body"),
        (b'[{"body": "fine"}, {"body": 3}]', "#/1/body"),
        (b"[]", "#"),
        (b"{not json", "#"),
    ]:
        response = await http.post(f"{base}/articles", content=body)
        problem = _problem(response, 400, "invalid_article")
        assert (problem.type, problem.instance) == ("/problems/invalid_article", "/articles")
        assert [e.pointer for e in problem.errors] == [where] and problem.errors[0].detail

    # A body within the limit whose second article's record is over it (a record carries
    # every field and `ingested_at`): refused whole, before any of the batch is sent.
    limit = Settings().max_message_bytes
    small = RawArticle(id="small", body="Police said 4,000 people marched in Calder.")
    huge = RawArticle(id="huge", body="x" * (limit - 150))
    batch = TypeAdapter(list[RawArticle]).dump_json([small, huge], exclude_defaults=True)
    assert len(batch) <= limit
    response = await http.post(f"{base}/articles", content=batch)
    assert "article 1 (huge)" in _problem(response, 413, "message_too_large").detail

    # A body over the limit, its length given or not: refused without reading it whole.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(3):
            yield b" " * limit

    for too_large in (b" " * (limit + 1), chunks()):
        response = await http.post(f"{base}/articles", content=too_large)
        _problem(response, 413, "body_too_large")

    for internal in ("/router/", "/table/"):  # Faust's pages: off unless asked for
        _problem(await http.get(f"{base}{internal}"), 404, "not_found")
    _problem(await http.get(f"{base}/static/nothing.js"), 404, "not_found")
    response = await http.get(f"{base}/articles")
    assert _problem(response, 405, "method_not_allowed").type == "about:blank"
    assert "POST" in response.headers["allow"]
    _problem(await http.delete(f"{base}/alerts"), 405, "method_not_allowed")

    _problem(await http.get(f"{base}/claims"), 400, "missing_key")
    response = await http.get(f"{base}/alerts", params={"since": "yesterday"})
    problem = _problem(response, 400, "invalid_query")
    assert [e.parameter for e in problem.errors] == ["since"]
    assert problem.instance == "/alerts?since=yesterday"
    _problem(await http.get(f"{base}/alerts", params={"limit": "0"}), 400, "invalid_query")

    # Every problem's `type` leads to its documentation; the API's description is served.
    response = await http.get(f"{base}/problems/invalid_query")
    assert response.status_code == 200 and "Invalid query" in response.text
    _problem(await http.get(f"{base}/problems/nothing"), 404, "not_found")
    response = await http.get(f"{base}/openapi.json")
    assert response.status_code == 200 and response.json() == openapi_document()


async def test_either_worker_answers_for_every_key_and_refuses_bad_input(
    start_worker, settings
) -> None:
    first = await start_worker()
    second = await start_worker(web_port=free_port("127.0.0.1"))
    await wait_until(
        lambda: all(not a.rebalancing and _claims_partitions(a) == 1 for a in (first, second)),
        timeout=60,
        what="each worker holding one partition",
    )
    workers = [_url(first), _url(second)]

    async with httpx.AsyncClient(timeout=10) as http:
        await _refuses_bad_input(http, workers[0])
        response = await http.post(f"{workers[0]}/articles", content=MARCH.model_dump_json())
        assert (response.status_code, response.json()) == (202, {"ids": [MARCH.id]})
        batch = f"[{REVISED.model_dump_json()}]"
        response = await http.post(f"{workers[1]}/articles", content=batch)
        assert (response.status_code, response.json()) == (202, {"ids": [REVISED.id]})

        await drain(settings, first.bootstrap)
        claims: list[Claim] = await read_all(settings, first.bootstrap, CLAIMS, Claim)
        assert {c.article_id for c in claims} == {MARCH.id, REVISED.id}

        for key in sorted({c.key_text for c in claims}):
            history = [c for c in claims if c.key_text == key]
            known = KnownClaims()
            for claim in history:
                known, _ = detect(known, claim, first.settings)
            for base in workers:
                response = await http.get(f"{base}/claims", params={"key": key})
                assert response.status_code == 200, (base, key)
                assert ClaimsPage.model_validate_json(response.content) == ClaimsPage(
                    key_text=key, claims=known.current()
                ), (base, key)
                response = await http.get(f"{base}/claims/{quote(key, safe='')}")
                assert response.status_code == 200, (base, key)
                assert ClaimsPage.model_validate_json(response.content) == ClaimsPage(
                    key_text=key, claims=known.timeline()
                ), (base, key)

        for base in workers:
            response = await http.get(f"{base}/claims", params={"key": "Nowhere | nothing"})
            assert ClaimsPage.model_validate_json(response.content).claims == []
            # Asked of both workers: one answers, the other forwards the other's answer.
            response = await http.get(f"{base}/claims/Nowhere%20%7C%20nothing")
            problem = _problem(response, 404, "unknown_key")
            assert problem.instance == "/claims/Nowhere%20%7C%20nothing"
            # A story label may hold a '/': the key still reaches the view, not the router's 404.
            response = await http.get(f"{base}/claims/{quote('9/11 inquiry | deaths', safe='')}")
            _problem(response, 404, "unknown_key")

        # Each worker reads the whole alerts topic, so each serves every alert.
        raised = standing(await read_all(settings, first.bootstrap, ALERTS, Alert))
        assert raised, "the story raised no alert"

        async def page(base: str, **params: str) -> AlertsPage:
            response = await http.get(f"{base}/alerts", params=params)
            assert response.status_code == 200, response.text
            return AlertsPage.model_validate_json(response.content)

        async def feed(base: str, **params: str) -> list[Alert]:
            return (await page(base, **params)).alerts

        for base in workers:

            async def complete(base: str = base) -> bool:
                return len(await feed(base)) == len(raised)

            await _poll(complete, f"every alert on {base}")
            alerts = await feed(base)
            assert sorted(a.alert_id for a in alerts) == sorted(a.alert_id for a in raised)
            times = [a.raised_at for a in alerts]
            assert times == sorted(times, reverse=True), "newest first"

        newest = alerts[0].raised_at
        assert await feed(workers[0], limit="1") == alerts[:1]
        recent = await feed(workers[0], since=newest.isoformat())
        assert recent and recent == [a for a in alerts if a.raised_at >= newest]
        naive = newest.replace(tzinfo=None).isoformat()
        assert await feed(workers[1], since=naive) == recent, "a naive time is UTC"

        # Withdrawn on the topic, as the detector does: no worker lists it as standing any more,
        # and each lists the withdrawal apart, for a client that polls to drop what it shows.
        gone = withdrawal(alerts[-1])
        await publish(settings, first.bootstrap, ALERTS, gone.alert_id, gone)
        for base in workers:

            async def withdrawn(base: str = base) -> bool:
                return bool((await page(base)).withdrawn)

            await _poll(withdrawn, f"the withdrawal on {base}")
            answer = await page(base)
            assert answer == AlertsPage(alerts=alerts[:-1], withdrawn=[gone])
            polled = await page(base, since=gone.raised_at.isoformat(), key=gone.key_text)
            assert (polled.alerts, polled.withdrawn) == ([], [gone])
