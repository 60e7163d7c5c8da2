"""The stories API through the embedded broker: real news by story, from either worker, live.

The labelled development set `../shared/realnews` (read at run time, never
copied here; skipped without it) is streamed through two workers sharing the
partitions, as `realnews/score.py` builds its articles. The stories API then
lists its stories with readable labels, no story mixing two labelled stories
(one labelled story split in two is the story stage's doing at times, and
allowed), and both workers answer every route alike, JSON and CSV: each holds
every story, whichever partitions it reads.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections import defaultdict
from typing import Any

import httpx
import pytest
from support import ROOT, drain, read_all, samples

from agents.stories import StoriesPage, StoryClaimsPage, StoryDetail
from claimwatch.views import AlertsPage
from streams.app import ClaimwatchApp
from streams.broker import free_port
from streams.models import Claim, RawArticle
from streams.runtime import publish_articles
from streams.topics import CLAIMS
from streams.web.problems import Problem

pytestmark = pytest.mark.integration

REALNEWS = ROOT.parent / "shared" / "realnews" / "articles.jsonl"


def _url(app: ClaimwatchApp) -> str:
    return f"http://127.0.0.1:{app.settings.web_port}"


def _realnews() -> tuple[list[RawArticle], dict[str, str]]:
    """The set's articles in stream order (stories interleaved by date, as score.py feeds
    them), and each article's labelled story."""
    if not REALNEWS.is_file():
        pytest.skip("../shared/realnews is not available")
    rows = [json.loads(line) for line in REALNEWS.read_text("utf-8").splitlines() if line]
    keyed, last = [], {}
    for i, row in enumerate(rows):
        day = row.get("published") or last.get(row["story"]) or "9999"
        last[row["story"]] = day
        keyed.append((day, i, row))
    ordered = [row for _, _, row in sorted(keyed, key=lambda t: (t[0], t[1]))]
    articles = [
        RawArticle(id=r["id"], url=r.get("url"), published_at=r.get("published"), body=r["text"])
        for r in ordered
    ]
    return articles, {r["id"]: r["story"] for r in rows}


async def _get(http: httpx.AsyncClient, url: str, **params: Any) -> httpx.Response:
    response = await http.get(url, params=params)
    assert response.status_code == 200, response.text
    return response


def _csv(response: httpx.Response) -> list[dict[str, str]]:
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


async def _everything(http: httpx.AsyncClient, base: str) -> dict[str, Any]:
    """What a worker answers on every story route, as JSON."""
    found: dict[str, Any] = {"stories": (await _get(http, f"{base}/stories", limit=1000)).json()}
    for story in found["stories"]["stories"]:
        path = f"/stories/{story['story_id']}"
        found[path] = (await _get(http, base + path)).json()
        found[path + "/claims"] = (await _get(http, base + path + "/claims", limit=5000)).json()
        found[path + "/alerts"] = (await _get(http, base + path + "/alerts")).json()
    return found


async def test_real_news_by_story_from_either_worker(start_worker, settings) -> None:
    articles, gold = _realnews()
    first = await start_worker()
    second = await start_worker(web_port=free_port("127.0.0.1"))
    await publish_articles(settings, first.bootstrap, articles)
    await drain(settings, first.bootstrap, timeout=600)
    claims = await read_all(settings, first.bootstrap, CLAIMS, Claim)
    workers = [_url(first), _url(second)]

    async with httpx.AsyncClient(timeout=30) as http:

        async def holds_everything(base: str) -> bool:
            response = await http.get(f"{base}/stories")
            if response.status_code == 503:  # still reading the topics
                return False
            page = StoriesPage.model_validate_json(response.content)
            return sum(s.articles for s in page.stories) == len(articles) and sum(
                s.claims for s in page.stories
            ) == len(claims)

        for base in workers:
            for _ in range(150):
                if await holds_everything(base):
                    break
                await asyncio.sleep(0.2)
            assert await holds_everything(base), f"{base} does not hold every story"

        answers = [await _everything(http, base) for base in workers]
        assert answers[0] == answers[1], "the workers answer differently"
        page = StoriesPage.model_validate(answers[0]["stories"])

        # Every story's articles belong to one labelled story; every labelled story is there.
        clusters: dict[str, dict[str, int]] = defaultdict(dict)
        for summary in page.stories:
            detail = StoryDetail.model_validate(answers[0][f"/stories/{summary.story_id}"])
            labelled = {gold[a.article_id] for a in detail.articles}
            assert len(labelled) == 1, (summary.label, labelled)
            clusters[labelled.pop()][summary.label] = summary.articles
            assert len(detail.articles) == summary.articles == detail.articles_total
            assert all(a.source and a.url for a in detail.articles)
            # A readable label: words, not an id.
            assert summary.label != summary.story_id
            assert sum(c.isalpha() for c in summary.label) >= 4, summary.label
        assert set(clusters) == set(gold.values())
        print(f"\n{len(page.stories)} stories for {len(clusters)} labelled ones:")
        for name, labels in sorted(clusters.items()):
            print(f"  {name}: {labels}")
        assert len(page.stories) == len(clusters), "a labelled story is split"

        # Newest activity first.
        seen = [s.last_seen for s in page.stories]
        assert seen == sorted(seen, reverse=True)

        # Search finds each story by one of its places, or else by one of its entities.
        for summary in page.stories:
            name = (summary.places or summary.entities)[0]
            found = StoriesPage.model_validate_json(
                (await _get(http, f"{workers[1]}/stories", q=name.upper(), limit=1000)).content
            )
            assert summary.story_id in {s.story_id for s in found.stories}, name

        await _export_equals_the_answer(http, workers[0], page)


async def _export_equals_the_answer(http: httpx.AsyncClient, base: str, page: StoriesPage) -> None:
    rows = _csv(await _get(http, f"{base}/stories", format="csv", limit=1000))
    assert [(r["story_id"], r["label"], int(r["articles"]), int(r["claims"])) for r in rows] == [
        (s.story_id, s.label, s.articles, s.claims) for s in page.stories
    ]
    assert [r["places"] for r in rows] == ["; ".join(s.places) for s in page.stories]
    assert [r["alerts.contradiction"] for r in rows] == [
        str(s.alerts.contradiction) for s in page.stories
    ]
    story = max(page.stories, key=lambda s: s.claims)
    path = f"{base}/stories/{story.story_id}"

    detail = StoryDetail.model_validate_json((await _get(http, path)).content)
    rows = _csv(await _get(http, path, format="csv"))
    assert [(r["key_text"], int(r["claims"]), r["voices"]) for r in rows] == [
        (q.key_text, q.claims, "; ".join(q.voices)) for q in detail.quantities
    ]
    assert [json.loads(r["standing"]) for r in rows] == [
        [v.model_dump(mode="json") for v in q.standing] for q in detail.quantities
    ]

    claims = StoryClaimsPage.model_validate_json((await _get(http, f"{path}/claims")).content)
    rows = _csv(await _get(http, f"{path}/claims", format="csv"))
    assert [(r["voice"], r["claim.claim_id"], r["claim.value.text"]) for r in rows] == [
        (v.voice, v.claim.claim_id, v.claim.value.text) for v in claims.claims
    ]
    # Paged: the pages follow each other, the CSV's next page in its Link header.
    first = await _get(http, f"{path}/claims", limit=2, format="csv")
    assert 'rel="next"' in first.headers["link"]
    paged, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        part = StoryClaimsPage.model_validate_json(
            (await _get(http, f"{path}/claims", **params)).content
        )
        paged += part.claims
        if part.next is None:
            break
        cursor = part.next
    assert paged == claims.claims

    alerts = AlertsPage.model_validate_json((await _get(http, f"{path}/alerts")).content)
    rows = _csv(await _get(http, f"{path}/alerts", format="csv"))
    assert [(r["alert_id"], r["status"], r["claim.claim_id"]) for r in rows] == [
        (a.alert_id, a.status.value, a.claim.claim_id) for a in alerts.alerts + alerts.withdrawn
    ]


async def test_a_live_client_gets_a_new_claim_of_its_story(start_worker, settings) -> None:
    """An SSE client of a story receives the claims of an article published while it listens
    (waited for generously: the speed is the benchmark's business, not a test's)."""
    day_one, toll_rises = samples()[:2]
    app = await start_worker()
    base = _url(app)
    await publish_articles(settings, app.bootstrap, [day_one])
    async with httpx.AsyncClient(timeout=30) as http:

        async def story_id() -> str | None:
            response = await http.get(f"{base}/stories")
            if response.status_code == 503:  # still reading the topics
                return None
            page = StoriesPage.model_validate_json(response.content)
            held = [s for s in page.stories if s.claims]
            return held[0].story_id if held else None

        for _ in range(300):
            if (found := await story_id()) is not None:
                break
            await asyncio.sleep(0.2)
        assert found is not None, "the first article's story never showed"

        async with http.stream("GET", f"{base}/stories/{found}/events") as events:
            assert events.headers["content-type"].startswith("text/event-stream")
            await publish_articles(settings, app.bootstrap, [toll_rises])
            event = await asyncio.wait_for(_next_event(events, "claim"), timeout=120)
        claim = Claim.model_validate_json(event["data"])
        assert claim.story_id == found and claim.article_id == toll_rises.id
        run, _, seq = event["id"].rpartition("-")
        assert run and seq.isdigit()

        # A worker started now builds the same view from the topics alone.
        late = _url(await start_worker(web_port=free_port("127.0.0.1")))
        detail = (await _get(http, f"{base}/stories/{found}")).json()
        for _ in range(150):
            response = await http.get(f"{late}/stories/{found}")
            if response.status_code == 200 and response.json() == detail:
                break
            await asyncio.sleep(0.2)
        assert response.json() == detail

        # Refusals are problems.
        for path, params, status, code, parameter in [
            ("/stories/nothing", {}, 404, "unknown_story", None),
            ("/stories/nothing/claims", {}, 404, "unknown_story", None),
            ("/stories/nothing/alerts", {}, 404, "unknown_story", None),
            ("/stories", {"cursor": "not-a-cursor"}, 400, "invalid_query", "cursor"),
            (f"/stories/{found}/claims", {"cursor": "e30"}, 400, "invalid_query", "cursor"),
            ("/stories", {"format": "xml"}, 400, "invalid_query", "format"),
            ("/stories", {"severity": "dire"}, 400, "invalid_query", "severity"),
            (f"/stories/{found}/claims", {"limit": "0"}, 400, "invalid_query", "limit"),
        ]:
            response = await http.get(base + path, params=params)
            assert response.status_code == status, response.text
            problem = Problem.model_validate_json(response.content)
            assert problem.code == code
            assert [e.parameter for e in problem.errors] == ([parameter] if parameter else [])

        # A client resuming from an id this worker did not give is told to read anew.
        headers = {"Last-Event-ID": "another-run-5"}
        async with http.stream("GET", f"{base}/stories/events", headers=headers) as events:
            reset = await asyncio.wait_for(_next_event(events), timeout=30)
        assert reset["event"] == "reset"
        # One it did give: the changes after it, of the story asked.
        headers = {"Last-Event-ID": f"{run}-0"}
        async with http.stream("GET", f"{base}/stories/{found}/events", headers=headers) as events:
            replayed = await asyncio.wait_for(_next_event(events), timeout=30)
        assert replayed["event"] in {"story", "claim", "alert"}


async def _next_event(response: httpx.Response, kind: str | None = None) -> dict[str, str]:
    """The next server-sent event (of `kind`, if given), as its fields."""
    fields: dict[str, str] = {}
    async for line in response.aiter_lines():
        if line.startswith(":"):
            continue
        if line:
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
            continue
        if fields and (kind is None or fields.get("event") == kind):
            return fields
        fields = {}
    raise AssertionError("the stream ended")


async def test_a_live_client_does_not_hold_up_a_stopping_worker(start_worker) -> None:
    """aiohttp waits a minute for the handlers still running at shutdown: live streams end first."""
    app = await start_worker()
    async with httpx.AsyncClient(timeout=30) as http:
        async with http.stream("GET", f"{_url(app)}/stories/events") as events:
            assert events.status_code == 200
            await asyncio.wait_for(app.stop(), timeout=30)
            async for _ in events.aiter_lines():
                pass  # the stream ended
