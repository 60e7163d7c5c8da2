"""The stories routes over a read model filled by hand, served by aiohttp's test server (no
broker: what the routes make of the book; tests/integration/test_story_api.py runs them on
real news through the broker)."""

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from story_records import QUAKE, RECORDS

from claimwatch.story_feed import StoryFeed
from claimwatch.story_views import register_story_views
from streams.app import ClaimwatchApp
from streams.settings import Settings


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[TestClient, StoryFeed]]:
    app = ClaimwatchApp(Settings(data_dir=tmp_path, broker="kafka://127.0.0.1:9"))
    feed = register_story_views(app)
    async with TestClient(TestServer(app.web.web_app)) as client:  # type: ignore[attr-defined]
        yield client, feed


async def test_a_worker_still_reading_the_topics_says_so(served) -> None:
    client, feed = served
    response = await client.get("/stories")
    assert response.status == 503 and response.headers["Retry-After"]
    assert (await response.json())["code"] == "stories_loading"
    feed.caught_up.set()
    for record in RECORDS:
        feed.add(record)
    response = await client.get("/stories")
    assert response.status == 200
    assert [s["story_id"] for s in (await response.json())["stories"]][-1] == QUAKE


async def test_csv_rows_are_the_json_rows_and_pages_link_the_next(served) -> None:
    client, feed = served
    feed.caught_up.set()
    for record in RECORDS:
        feed.add(record)
    claims = await (await client.get(f"/stories/{QUAKE}/claims", params={"limit": "2"})).json()
    response = await client.get(f"/stories/{QUAKE}/claims", params={"limit": "2", "format": "csv"})
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert [r["claim.claim_id"] for r in rows] == [c["claim"]["claim_id"] for c in claims["claims"]]
    assert [r["voice"] for r in rows] == [c["voice"] for c in claims["claims"]]
    link = response.headers["Link"]
    assert link.endswith('>; rel="next"') and f"cursor={claims['next']}" in link


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/stories/nowhere", 404, "unknown_story"),
        ("/stories/nowhere/claims", 404, "unknown_story"),
        ("/stories?cursor=xyz", 400, "invalid_query"),
        ("/stories?format=pdf", 400, "invalid_query"),
        (f"/stories/{QUAKE}/alerts?kind=rumour", 400, "invalid_query"),
    ],
)
async def test_refusals_are_problems(served, path: str, status: int, code: str) -> None:
    client, feed = served
    feed.caught_up.set()
    response = await client.get(path)
    assert response.status == status
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert (await response.json())["code"] == code
