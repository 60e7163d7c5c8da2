"""The story page in headless Chromium: how long until its first chart, and where that time goes.

Each run opens `/view/stories/{id}` in a new browser context (a cold cache), the
worker idle for `IDLE_S` since the run before, and the page's own clock
(`performance.now()`, zero at the start of navigation) says, at each animation
frame:

- `first_chart`: the first frame in which the story's first quantity (the top
  section of the page, the key with the most figures) has its chart: the canvas
  uPlot draws into is in the page and its marks are painted on it (timeline.js
  paints them and places their buttons in uPlot's draw hook, so a placed
  `.mark` button means a painted mark);
- `any_chart`: the same for whichever quantity is drawn first;
- `all_charts`: the first frame in which every quantity is drawn whole (each
  section's `data-figures` set: all pages of its claims are in).

Frames are polled with requestAnimationFrame, which runs only when the page's
main thread is free to present one: a chart counts when a reader could see it.
The page's Resource Timing entries say when each API answer arrived and its
size, so a slow first chart can be split into waiting for the server and
drawing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from playwright.async_api import async_playwright

__all__ = ["PageRun", "time_page"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 120_000
IDLE_S = 2.0
"""Pause between two openings: each starts with the worker idle, as for a reader opening it."""

_FRAMES = """
window.benchTimes = {};
const drawn = (section) =>
  Boolean(section?.querySelector(".chart canvas") && section.querySelector(".mark")?.style.left);
const frame = (now) => {
  const sections = [...document.querySelectorAll("#quantities > .quantity")];
  const seen = (name) => benchTimes[name] === undefined && (benchTimes[name] = now);
  if (drawn(sections[0])) seen("first_chart");
  if (sections.some(drawn)) seen("any_chart");
  if (sections.length && sections.every((s) => s.dataset.figures !== undefined)) seen("all_charts");
  if (benchTimes.all_charts === undefined) requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"""
"""Init script: the frame times of the first chart, any chart and every chart."""

_ANSWERS = """
performance.getEntriesByType("resource").map((e) => {
  const url = new URL(e.name);
  return { path: url.pathname + url.search, started: e.startTime, waited: e.responseStart,
           ended: e.responseEnd, bytes: e.encodedBodySize };
})
"""
"""Each file and API answer the page fetched (an open event stream is not listed)."""


@dataclass(frozen=True)
class PageRun:
    """One opening of the page: frame times (ms from navigation start) and its API answers."""

    first_chart_ms: float
    any_chart_ms: float
    all_charts_ms: float
    html_ms: float
    """When the page's HTML had arrived (navigation responseEnd)."""
    answers: list[dict[str, Any]]
    """Each request the page made: path, started, waited (first byte), ended (ms), bytes."""


async def time_page(url: str, story_id: str, runs: int) -> list[PageRun]:
    """Open the story's page `runs` times, each in a new context, in one Chromium."""
    page_url = f"{url}/view/stories/{quote(story_id, safe='')}"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            found = []
            for _ in range(runs):
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                await context.add_init_script(_FRAMES)
                page = await context.new_page()
                await page.goto(page_url)
                await page.wait_for_function(
                    "benchTimes.all_charts !== undefined", timeout=TIMEOUT_MS
                )
                times = await page.evaluate("benchTimes")
                html = await page.evaluate(
                    "performance.getEntriesByType('navigation')[0].responseEnd"
                )
                answers = await page.evaluate(_ANSWERS)
                found.append(
                    PageRun(
                        times["first_chart"], times["any_chart"], times["all_charts"], html, answers
                    )
                )
                await context.close()
                await asyncio.sleep(IDLE_S)
            return found
        finally:
            await browser.close()
