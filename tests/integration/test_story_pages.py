"""The story pages in a real browser (issue 18): the list of stories and a story's page.

The labelled development set `../shared/realnews` (read at run time, never
copied) is streamed through the embedded broker into one worker, but for its
latest article with figures, held back: it is streamed while a story page is
open, and must appear there without a reload. What the pages show is compared
with what the HTTP API answers; axe-core checks each view (list, story,
alert) for serious or critical violations; screenshots go to artifacts/pages/.
Nothing of the set's text is written here: places, names and labels are read
from the API and the `stories` topic.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from arrival_orders import REALNEWS, realnews_stream
from browser import DESKTOP, PHONE, axe_violations, chromium, screenshot
from playwright.async_api import Browser, Page
from support import drain, isolated_settings, read_all, until_assigned

from claimwatch.app import create_app
from streams.broker import EmbeddedBroker
from streams.models import RawArticle, StoryUpdate
from streams.runtime import publish_articles
from streams.settings import Settings
from streams.topics import STORIES

pytestmark = pytest.mark.integration

PERSON = "PERSON"
PLACES = {"GPE", "LOC", "FAC"}


@dataclass
class Desk:
    """The worker, the browser, and the stream it has handled."""

    base: str
    settings: Settings
    bootstrap: str
    browser: Browser
    gold: dict[str, str]
    """The labelled story of each article id."""
    held: RawArticle
    """The article held back, streamed by the last test."""
    updates: list[StoryUpdate]
    """The `stories` topic once the stream is handled: the entities with their kinds."""

    async def get(self, path: str, **params: str) -> Any:
        async with httpx.AsyncClient(timeout=30) as http:
            response = await http.get(f"{self.base}{path}", params=params)
        assert response.status_code == 200, response.text
        return response.json()

    async def stories(self, **params: str) -> list[dict[str, Any]]:
        """Every story the API lists for these filters, newest activity first."""
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = await self.get("/stories", limit="100", **params, **_cursor(cursor))
            found += page["stories"]
            cursor = page["next"]
            if cursor is None:
                return found

    async def claims(self, story_id: str, **params: str) -> list[dict[str, Any]]:
        """Every claim of a story (of a key), oldest first, as {voice, claim}."""
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = await self.get(
                f"/stories/{quote(story_id, safe='')}/claims",
                limit="1000",
                **params,
                **_cursor(cursor),
            )
            found += page["claims"]
            cursor = page["next"]
            if cursor is None:
                return found


def _cursor(cursor: str | None) -> dict[str, str]:
    return {} if cursor is None else {"cursor": cursor}


def _held_back(stream: list[tuple[str, RawArticle]]) -> RawArticle:
    """The latest article the labels give two figures or more: the one streamed live."""
    gold = json.loads((REALNEWS.parent / "gold.json").read_text("utf-8"))
    figures = {entry["article"]: len(entry["claims"]) for entry in gold["articles"]}
    return next(raw for _, raw in reversed(stream) if figures.get(raw.id, 0) >= 2)


@pytest.fixture(scope="module")
async def desk(
    broker: EmbeddedBroker, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Desk]:
    stream = realnews_stream()
    held = _held_back(stream)
    run_id = f"t{os.getpid()}-storypages"
    settings = isolated_settings(broker.url, run_id, tmp_path_factory.mktemp("storypages"))
    app = create_app(settings)
    await app.start()
    try:
        await until_assigned(app)
        articles = [raw for _, raw in stream if raw.id != held.id]
        await publish_articles(settings, app.bootstrap, articles)
        await drain(settings, app.bootstrap, timeout=300)
        updates = await read_all(settings, app.bootstrap, STORIES, StoryUpdate)
        async with chromium() as browser:
            desk = Desk(
                base=f"http://127.0.0.1:{settings.web_port}",
                settings=settings,
                bootstrap=app.bootstrap,
                browser=browser,
                gold={raw.id: story for story, raw in stream},
                held=held,
                updates=updates,
            )
            placed = {u.article.article_id for u in updates}
            assert placed == {a.id for a in articles}, "the story stage placed every article"
            await _until(desk, lambda stories: sum(s["articles"] for s in stories) == len(placed))
            yield desk
    finally:
        await app.stop()


async def _until(desk: Desk, done: Any, timeout: float = 30) -> list[dict[str, Any]]:
    """Poll GET /stories until `done(stories)`: the worker's read model follows the topics
    (and answers 503 stories_loading until it has read what they held when it started)."""
    deadline = time.monotonic() + timeout
    while True:
        async with httpx.AsyncClient(timeout=30) as http:
            loading = (await http.get(f"{desk.base}/stories")).status_code == 503
        stories = [] if loading else await desk.stories()
        if done(stories):
            return stories
        assert time.monotonic() < deadline, f"the stories API did not catch up: {stories}"
        await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def _open(desk: Desk, path: str, viewport: dict[str, int] = DESKTOP) -> AsyncIterator[Page]:
    """A new tab on `path`, once it has loaded what it shows; no script may fail."""
    context = await desk.browser.new_context(viewport=viewport, accept_downloads=True)
    try:
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        await page.goto(f"{desk.base}{path}")
        if path.startswith("/view/stories/"):
            await page.wait_for_function(_DRAWN)
        else:
            await page.wait_for_function("stories.getAttribute('aria-busy') === 'false'")
        yield page
        assert not errors, errors
    finally:
        await context.close()


_DRAWN = """
() => {
  const story = document.getElementById("story");
  const sections = [...document.querySelectorAll("#quantities > .quantity")];
  return !story.hidden && story.getAttribute("aria-busy") === "false" && sections.length > 0
    && sections.every((s) => s.dataset.figures !== undefined);
}
"""
"""Whether the story page shows its story, done loading, with every quantity's chart drawn."""

_CARDS = """
() => [...document.querySelectorAll("#stories > li")].map((item) => ({
  id: item.dataset.storyId,
  label: item.querySelector(".label").textContent,
  href: item.querySelector(".label").getAttribute("href"),
}))
"""


async def _shown_stories(page: Page, expected: list[dict[str, Any]]) -> list[str]:
    """The story ids the list shows, once it shows as many as `expected`."""
    await page.wait_for_function(
        "(ids) => [...document.querySelectorAll('#stories > li')]"
        ".map((li) => li.dataset.storyId).join(' ') === ids.join(' ')",
        arg=[s["story_id"] for s in expected],
    )
    return [card["id"] for card in await page.evaluate(_CARDS)]


async def _story_with_most_alerts(desk: Desk) -> dict[str, Any]:
    stories = await desk.stories()
    best = max(stories, key=lambda s: s["alerts"]["contradiction"] + s["alerts"]["revision"])
    return await desk.get(f"/stories/{quote(best['story_id'], safe='')}")


def _story_path(story_id: str, query: str = "") -> str:
    return f"/view/stories/{quote(story_id, safe='')}{query}"


# --- The list ------------------------------------------------------------------------------


async def test_the_list_shows_each_story_once_with_a_readable_label(desk: Desk) -> None:
    stories = await desk.stories()
    told: dict[str, set[str]] = {}
    for story in stories:
        detail = await desk.get(f"/stories/{quote(story['story_id'], safe='')}")
        told[story["story_id"]] = {desk.gold[a["article_id"]] for a in detail["articles"]}
    assert all(len(labelled) == 1 for labelled in told.values()), f"a story mixes two: {told}"
    found = {next(iter(labelled)) for labelled in told.values()}
    assert found == set(desk.gold.values()), "every labelled story is listed"
    print(f"\n{len(stories)} stories listed for {len(found)} labelled ones")
    assert len(stories) == len(found), "each labelled story is one story of the list"

    async with _open(desk, "/view/stories") as page:
        assert await _shown_stories(page, stories) == [s["story_id"] for s in stories]
        cards = await page.evaluate(_CARDS)
        violations = await axe_violations(page)
        await screenshot(page, "stories")
    for card, story in zip(cards, stories, strict=True):
        assert card["label"] == story["label"]
        assert re.search(r"[A-Za-z]{3}", card["label"]) and story["story_id"] not in card["label"]
        assert card["href"] == _story_path(story["story_id"])
    assert violations == []


def _person(desk: Desk, stories: list[dict[str, Any]]) -> tuple[str, str]:
    """A story and a person its summary names (the kind is the `stories` topic's)."""
    people = {(u.story_id, e.name) for u in desk.updates for e in u.entities if e.kind == PERSON}
    for story in stories:
        for name in story["entities"]:
            if (story["story_id"], name) in people:
                return story["story_id"], name
    raise AssertionError("no story names a person")


async def _search(page: Page, text: str) -> None:
    await page.fill("#q", text)
    await page.press("#q", "Enter")
    await page.wait_for_function("(q) => new URL(location).searchParams.get('q') === q", arg=text)


async def test_search_finds_a_story_by_a_place_and_by_a_persons_name(desk: Desk) -> None:
    stories = await desk.stories()
    place_story = next(s for s in stories if s["places"])
    place = place_story["places"][0]
    person_story, person = _person(desk, stories)
    async with _open(desk, "/view/stories") as page:
        for story_id, text in ((place_story["story_id"], place), (person_story, person)):
            await _search(page, text)
            shown = await _shown_stories(page, await desk.stories(q=text))
            assert story_id in shown, f"searching {text!r}"
            assert len(shown) < len(stories), f"searching {text!r} narrows the list"
    async with _open(desk, f"/view/stories?{urlencode({'q': person})}") as page:
        assert await page.input_value("#q") == person, "the address is the permalink"
        assert person_story in await _shown_stories(page, await desk.stories(q=person))


async def test_filters_narrow_the_list_and_stay_in_its_address(desk: Desk) -> None:
    every = await desk.stories()
    latest = sorted(s["last_seen"] for s in every)
    since = latest[len(latest) // 2][:10]
    narrowed = 0
    async with _open(desk, "/view/stories") as page:
        for field, value in (("kind", "contradiction"), ("severity", "high"), ("since", since)):
            if field == "since":
                await page.fill("#since", value)
                await page.dispatch_event("#since", "change")
            else:
                await page.select_option(f"#{field}", value)
            query = {field: f"{value}T00:00:00Z" if field == "since" else value}
            expected = await desk.stories(**query)
            assert await _shown_stories(page, expected) == [s["story_id"] for s in expected]
            assert f"{field}={value}" in page.url, "the filter is in the permalink"
            narrowed += len(expected) < len(every)
            await page.click("#clear")
            await _shown_stories(page, every)
    assert narrowed, "some filter left a story out"


# --- A story ---------------------------------------------------------------------------------

_QUANTITIES = """
() => [...document.querySelectorAll("#quantities > .quantity")].map((section) => ({
  key: section.dataset.key,
  marks: [...section.querySelectorAll(".mark")].map((mark) =>
    [mark.dataset.claimId, mark.getAttribute("aria-label")]),
  legend: [...section.querySelectorAll(".legend li")].map((li) => li.textContent),
  standing: [...section.querySelectorAll(".standing tbody tr")].map((tr) => tr.dataset.claimId),
  chart: section.querySelector(".chart").getAttribute("aria-label"),
}))
"""


async def test_a_story_page_charts_each_quantity_with_every_voices_figures(desk: Desk) -> None:
    story = await _story_with_most_alerts(desk)
    async with _open(desk, _story_path(story["story_id"])) as page:
        shown = await page.evaluate(_QUANTITIES)
        title = await page.text_content("h1")
        violations = await axe_violations(page)
        await screenshot(page, "story")
    assert title == story["label"]
    assert [q["key"] for q in shown] == [q["key_text"] for q in story["quantities"]]
    for section, view in zip(shown, story["quantities"], strict=True):
        claims = await desk.claims(story["story_id"], key=view["key_text"])
        bounded = [
            c
            for c in claims
            if c["claim"]["value"]["low"] is not None or c["claim"]["value"]["high"] is not None
        ]
        assert [m[0] for m in section["marks"]] == [c["claim"]["claim_id"] for c in bounded]
        for (_, label), voiced in zip(section["marks"], bounded, strict=True):
            assert voiced["voice"] in label, "each mark says whose figure it is"
        assert set(section["legend"]) == {c["voice"] for c in bounded}, "every voice's figures"
        assert section["standing"] == [s["claim"]["claim_id"] for s in view["standing"]]
        if bounded:
            assert section["chart"] and f"{len(bounded)} figure" in section["chart"]
    assert violations == []


async def test_a_thread_is_one_story_whichever_of_its_ids_is_asked(desk: Desk) -> None:
    """The story stage's stories linked as one: the page and the API answer for each id."""
    details = [
        await desk.get(f"/stories/{quote(s['story_id'], safe='')}") for s in await desk.stories()
    ]
    story = max(details, key=lambda d: len(d["linked"]))
    assert len(story["linked"]) > 1, "the real news set opens a thread of several stories"
    part = next(p for p in story["linked"] if p["story_id"] != story["story_id"])
    assert await desk.get(f"/stories/{quote(part['story_id'], safe='')}") == story
    async with _open(desk, _story_path(part["story_id"])) as page:
        title = await page.text_content("h1")
        linked = await page.text_content("#linked")
        shown = await page.is_visible("#linked")
    assert title == story["label"]
    assert shown and linked is not None
    assert all(p["label"] in linked for p in story["linked"])


_ALERT = """
(id) => {
  const item = [...document.querySelectorAll("#alerts > li")]
    .find((li) => li.dataset.alertId === id);
  return {
    focused: document.activeElement === item,
    targeted: item.classList.contains("targeted"),
    figures: [...item.querySelectorAll(".figure")].map((figure) => {
      const box = figure.getBoundingClientRect();
      const link = figure.querySelector(".source a");
      return {
        sentence: figure.querySelector(".sentence").textContent,
        marked: figure.querySelector(".sentence mark")?.textContent ?? null,
        href: link ? link.href : null,
        top: box.top,
        left: box.left,
      };
    }),
  };
}
"""


async def test_an_alert_permalink_shows_both_sentences_side_by_side_with_the_figures_marked(
    desk: Desk,
) -> None:
    story = await _story_with_most_alerts(desk)
    alerts = (await desk.get(f"/stories/{quote(story['story_id'], safe='')}/alerts"))["alerts"]
    alert = next((a for a in alerts if a["kind"] == "contradiction"), alerts[0])
    path = _story_path(story["story_id"], f"#{urlencode({'alert': alert['alert_id']})}")
    async with _open(desk, path) as page:
        await page.wait_for_selector("#alerts > li.targeted")
        shown = await page.evaluate(_ALERT, alert["alert_id"])
        violations = await axe_violations(page)
        await screenshot(page, "alert", full_page=False)  # the alert, where the link leads
    assert shown["focused"] and shown["targeted"], "the permalink leads to the alert"
    claims = [alert["claim"], *alert["contradicts"]]
    assert len(shown["figures"]) == len(claims)
    for figure, claim in zip(shown["figures"], claims, strict=True):
        assert figure["sentence"] == claim["sentence"]
        start, end = claim["span"]["start"], claim["span"]["end"]
        assert figure["marked"] == claim["sentence"][start:end], "the figure is marked"
        if claim.get("url", "").startswith("http"):
            assert figure["href"] == claim["url"], "the source is linked"
    first, second = shown["figures"][:2]
    assert first["top"] == second["top"] and first["left"] < second["left"], "side by side"
    assert violations == []


async def test_a_quantity_permalink_leads_to_its_chart(desk: Desk) -> None:
    story = await _story_with_most_alerts(desk)
    key = story["quantities"][-1]["key_text"]
    async with _open(desk, _story_path(story["story_id"], f"#{urlencode({'q': key})}")) as page:
        await page.wait_for_selector("#quantities > .quantity.targeted")
        focused = await page.evaluate("document.activeElement.dataset.key")
    assert focused == key


async def test_a_filter_narrows_the_alerts_and_stays_in_the_address(desk: Desk) -> None:
    story = await _story_with_most_alerts(desk)
    api = f"/stories/{quote(story['story_id'], safe='')}/alerts"
    every = (await desk.get(api))["alerts"]
    narrowed = 0
    async with _open(desk, _story_path(story["story_id"])) as page:
        for field, value in (("kind", "revision"), ("kind", "contradiction"), ("severity", "high")):
            await page.select_option(f"#{field}", value)
            expected = [a["alert_id"] for a in (await desk.get(api, **{field: value}))["alerts"]]
            await page.wait_for_function(
                "(ids) => [...document.querySelectorAll('#alerts > li')]"
                ".map((li) => li.dataset.alertId).join(' ') === ids.join(' ')",
                arg=expected,
            )
            assert f"{field}={value}" in page.url, "the filter is in the permalink"
            narrowed += len(expected) < len(every)
            if field == "kind" and value == "revision":
                await screenshot(page, "story-revisions")
            await page.select_option(f"#{field}", "")
    assert narrowed, "a filter left an alert out"


async def test_each_export_is_the_apis_answer(desk: Desk) -> None:
    story = await _story_with_most_alerts(desk)
    async with _open(desk, _story_path(story["story_id"], "?kind=contradiction")) as page:
        links = page.locator("#exports a, #quantities > .quantity:first-child .quantity-exports a")
        hrefs = await links.evaluate_all("links => links.map((a) => a.getAttribute('href'))")
        saved = []
        for i in range(len(hrefs)):
            async with page.expect_download() as download:
                await links.nth(i).click()
            saved.append((await download.value).path())
        downloaded = [(await path).read_bytes() for path in saved]
    assert any("format=csv" in h for h in hrefs) and any("format=csv" not in h for h in hrefs)
    assert any("kind=contradiction" in h for h in hrefs), "the alerts shown, as filtered"
    assert any("key=" in h for h in hrefs), "a quantity's figures"
    async with httpx.AsyncClient(timeout=30) as http:
        for href, body in zip(hrefs, downloaded, strict=True):
            assert body == (await http.get(f"{desk.base}{href}")).content, href


_FOCUS = """
() => {
  const style = getComputedStyle(document.activeElement);
  return {
    className: document.activeElement.className,
    id: document.activeElement.id,
    outline: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
  };
}
"""


async def test_the_keyboard_reaches_the_filters_the_quantities_and_each_chart(desk: Desk) -> None:
    story = await _story_with_most_alerts(desk)
    async with _open(desk, _story_path(story["story_id"])) as page:
        for _ in range(60):
            await page.keyboard.press("Tab")
            focused = await page.evaluate(_FOCUS)
            assert focused["outline"] != "none" and focused["width"] >= 2, focused
            if focused["className"] == "mark":
                break
        else:
            raise AssertionError("no chart mark within 60 Tab presses")
        assert await page.locator("#tooltip").is_visible()
        await page.keyboard.press("Escape")
        assert not await page.locator("#tooltip").is_visible()
    async with _open(desk, "/view/stories") as page:
        await page.keyboard.press("Tab")  # the skip link
        await page.keyboard.press("Enter")
        for _ in range(5):
            await page.keyboard.press("Tab")
            if (await page.evaluate(_FOCUS))["id"] == "q":
                break
        else:
            raise AssertionError("the search box is not the first field after the skip link")


@pytest.mark.parametrize("name", ["list", "story"])
async def test_story_pages_fit_a_phone(desk: Desk, name: str) -> None:
    story = await _story_with_most_alerts(desk)
    path = "/view/stories" if name == "list" else _story_path(story["story_id"])
    async with _open(desk, path, PHONE) as page:
        widths = await page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        await screenshot(page, f"{'stories' if name == 'list' else 'story'}-phone")
    assert widths[0] <= widths[1], f"wider than the phone: {widths}"


async def _articles(desk: Desk, story_id: str) -> set[str]:
    detail = await desk.get(f"/stories/{quote(story_id, safe='')}")
    return {article["article_id"] for article in detail["articles"]}


async def test_a_new_article_appears_on_the_open_story_page_without_a_reload(desk: Desk) -> None:
    """Last in the module: the held-back article joins its story. The list and its labelled
    story's pages are open (the story stage may have split it): the one it joins shows it, its
    figures on the charts, and the list its new count of articles."""
    told = desk.gold[desk.held.id]
    candidates = [
        s["story_id"]
        for s in await desk.stories()
        if {desk.gold[a] for a in await _articles(desk, s["story_id"])} == {told}
    ]
    async with contextlib.AsyncExitStack() as pages:
        listing = await pages.enter_async_context(_open(desk, "/view/stories"))
        await listing.evaluate("window.openedOnce = true")
        opened = {
            story_id: await pages.enter_async_context(_open(desk, _story_path(story_id)))
            for story_id in candidates
        }
        for page in opened.values():
            await page.evaluate("window.openedOnce = true")
        await publish_articles(desk.settings, desk.bootstrap, [desk.held])
        posted = time.monotonic()
        deadline = posted + 60
        joined = None
        while joined is None:
            assert time.monotonic() < deadline, "the held-back article was not placed"
            await asyncio.sleep(0.2)
            placed = [s["story_id"] for s in await desk.stories()]
            for story_id in placed:
                if desk.held.id in await _articles(desk, story_id):
                    joined = story_id
        assert joined in opened, "the article opened a story of its own"
        page = opened[joined]
        await page.wait_for_selector(
            f'#articles > li[data-article-id="{desk.held.id}"]', timeout=30_000
        )
        claims = [
            c["claim"]["claim_id"]
            for c in await desk.claims(joined)
            if c["claim"]["article_id"] == desk.held.id
            and (c["claim"]["value"]["low"] is not None or c["claim"]["value"]["high"] is not None)
        ]
        await page.wait_for_function(
            "(ids) => ids.every((id) => document.querySelector(`.mark[data-claim-id='${id}']`))",
            arg=claims,
            timeout=30_000,
        )
        took = time.monotonic() - posted
        summary = next(s for s in await desk.stories() if s["story_id"] == joined)
        await listing.wait_for_function(
            "([id, text]) => [...document.querySelectorAll('#stories > li')].some((li) =>"
            " li.dataset.storyId === id && li.querySelector('.story-counts').textContent"
            ".startsWith(text))",
            arg=[joined, f"{summary['articles']} articles"],
            timeout=30_000,
        )
        for story_id, open_page in [*opened.items(), ("the list", listing)]:
            assert await open_page.evaluate("window.openedOnce === true"), f"{story_id} reloaded"
        await screenshot(page, "story-live")
    print(f"\nthe held-back article and its {len(claims)} figures shown {took:.1f}s after posting")
    assert claims, "the article's figures are drawn"
