"""The story page with a large story: how long until the first chart, and until every chart.

`python -m bench.story_page [--claims N] [--keys K] [--voices V] [--runs R]`
starts one `claimwatch worker` on the embedded broker and writes one story
straight to the `stories` and `claims` topics, as the story and extract stages
would: N claims (10,000 by default) from N/10 articles over K claim keys, a
third of them on the first key (a toll gathers most figures), each figure said
by one of V voices (a toll they repeat as it climbs, and now and then a lower
count); the detector raises their alerts. Once the worker is idle and GET
/stories/{id} holds them all, Chromium (Debian's, as the browser tests) opens
the story page R times, each in a new context with the worker idle, and the
page's own clock (`performance.now()`, from the start of navigation) says when
the first chart's marks entered the page and when every quantity was drawn
whole. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import httpx
from aiokafka import AIOKafkaProducer
from playwright.async_api import async_playwright

from streams.broker import EmbeddedBroker, free_port
from streams.codec import encode
from streams.kafka import client_options
from streams.models import (
    Claim,
    ClaimKey,
    FigureValue,
    Qualifier,
    Span,
    StoryArticle,
    StoryUpdate,
)
from streams.runtime import LagProbe
from streams.settings import Settings
from streams.topics import CLAIMS, STORIES

from .workers import WorkerProcess

__all__ = ["story_claims", "time_story_page"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STORY_ID = "bench-story"
LABEL = "Talmora | flood"
MEASURES = ["deaths", "injured", "missing", "displaced", "arrested"]
PLACES = ["Talmora", "Calder", "Varnia", "Pelora", "Dova", "Hallan", "Westbury", "Marlo"]
START = datetime(2025, 4, 1, tzinfo=UTC)
TOLL_STEPS = 30
IDLE_S = 2.0
"""Pause between page views: each starts with the worker idle, as for a reader opening it."""

_TIMINGS = """
window.timings = {};
new MutationObserver(() => {
  if (timings.first === undefined && document.querySelector(".quantity .mark")) {
    timings.first = performance.now();
  }
  const sections = [...document.querySelectorAll("#quantities > .quantity")];
  if (timings.all === undefined && sections.length
      && sections.every((section) => section.dataset.figures !== undefined)) {
    timings.all = performance.now();
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
"""
"""Init script: when the first chart mark entered the page, and when every chart was whole."""


def _key(n: int) -> ClaimKey:
    measure = MEASURES[n % len(MEASURES)]
    return ClaimKey(subject=LABEL, measure=measure, scope="" if n < 5 else PLACES[n % len(PLACES)])


def story_claims(claims: int, keys: int, voices: int) -> tuple[list[StoryUpdate], list[Claim]]:
    """One story's updates (an article each) and its claims: a third on the first key, the rest
    spread over the others; the voices repeat a toll that climbs over thirty days, and now and
    then one gives less."""
    articles = max(1, claims // 10)
    step = timedelta(days=30) / articles
    updates = [
        StoryUpdate(
            story_id=STORY_ID,
            label=LABEL,
            article=StoryArticle(
                article_id=f"bench-{a}",
                title=f"Flood in Talmora: report {a}",
                source=f"Outlet {a % 7}",
                url=f"https://outlet{a % 7}.example/bench-{a}",
                published_at=START + a * step,
            ),
            first_seen=START,
            last_seen=START + a * step,
            articles=a + 1,
        )
        for a in range(articles)
    ]
    made = []
    for n in range(claims):
        k = 0 if n % 3 == 0 else 1 + n % max(1, keys - 1)
        key = _key(k)
        article = n * articles // claims
        voice = f"Voice {n % voices} of Talmora"
        # The toll steps up 30 times over the month, and the voices repeat it; one in fifty
        # figures is a dissenting voice's lower count.
        figure = 10 + 5 * (article * TOLL_STEPS // articles)
        if n % 50 == 1:
            figure = figure * 4 // 5
        words = f"{figure:,}"
        sentence = f"{voice} said {words} people were counted."
        start = sentence.index(words)
        made.append(
            Claim(
                claim_id=f"bench-claim-{n}",
                article_id=f"bench-{article}",
                source=f"Outlet {article % 7}",
                url=f"https://outlet{article % 7}.example/bench-{article}",
                published_at=START + article * step,
                story_id=STORY_ID,
                story=LABEL,
                key=key,
                key_text=key.text,
                quantity_kind="cumulative" if key.measure in ("deaths", "injured") else "stock",
                value=FigureValue(low=figure, high=figure, qualifier=Qualifier.EXACT, text=words),
                attributed_to=voice,
                sentence=sentence,
                span=Span(start=start, end=start + len(words)),
            )
        )
    return updates, made


async def _publish(
    settings: Settings, bootstrap: str, topic: str, records: Sequence[StoryUpdate | Claim]
) -> None:
    producer = AIOKafkaProducer(
        max_batch_size=settings.producer_max_batch_size, **client_options(settings, bootstrap)
    )
    await producer.start()
    try:
        sent = []
        for record in records:
            key = record.story_id if isinstance(record, StoryUpdate) else record.key_text
            value = encode(record)
            sent.append(await producer.send(settings.topic(topic), value, key=key.encode()))
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


async def _settled(settings: Settings, bootstrap: str, url: str, claims: int) -> dict[str, Any]:
    """The story's detail once the detector is idle and the worker's stories API holds every
    claim and the same alerts for a second: no change reaches the page while it is timed."""
    async with LagProbe(settings, bootstrap) as probe:
        if not await probe.wait_idle(timeout=600):
            raise TimeoutError("the worker did not take every claim within 600 s")
    seen = None
    async with httpx.AsyncClient(timeout=30) as http:
        for _ in range(600):
            detail = (await http.get(f"{url}/stories/{STORY_ID}")).json()
            if detail.get("claims") == claims and detail["alerts"] == seen:
                return cast(dict[str, Any], detail)
            seen = detail.get("alerts")
            await asyncio.sleep(1)
    raise TimeoutError(f"the stories API held {detail.get('claims')} claims of {claims}")


async def _open_page(url: str, runs: int) -> list[dict[str, float]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            found = []
            for _ in range(runs):
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                await context.add_init_script(_TIMINGS)
                page = await context.new_page()
                await page.goto(f"{url}/view/stories/{STORY_ID}")
                await page.wait_for_function("timings.all !== undefined", timeout=120_000)
                found.append(await page.evaluate("timings"))
                await context.close()
                await asyncio.sleep(IDLE_S)
            return found
        finally:
            await browser.close()


async def time_story_page(claims: int, keys: int, voices: int, runs: int) -> dict[str, Any]:
    updates, made = story_claims(claims, keys, voices)
    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker(Path(tmp) / "broker") as broker:
        settings = Settings(
            app_id="bench-story-page",
            topic_prefix="bench-story-page.",
            data_dir=Path(tmp) / "worker",
            web_port=free_port("127.0.0.1"),
            partitions=2,
        ).with_embedded_broker(broker.url)
        settings.data_dir.mkdir()
        worker = WorkerProcess(settings, Path(tmp) / "worker.log").start()
        try:
            await worker.wait_assigned()
            began = time.monotonic()
            await _publish(settings, broker.bootstrap, STORIES, updates)
            await _publish(settings, broker.bootstrap, CLAIMS, made)
            detail = await _settled(settings, broker.bootstrap, worker.url, claims)
            held_after = time.monotonic() - began
            timings = await _open_page(worker.url, runs)
        finally:
            worker.stop()
    first = [t["first"] for t in timings]
    whole = [t["all"] for t in timings]
    return {
        "claims": claims,
        "keys": len(detail["quantities"]),
        "voices": voices,
        "alerts": detail["alerts"],
        "largest_key_claims": max(q["claims"] for q in detail["quantities"]),
        "settled_after_s": round(held_after, 1),
        "runs": runs,
        "first_chart_ms_median": round(statistics.median(first)),
        "first_chart_ms_max": round(max(first)),
        "all_charts_ms_median": round(statistics.median(whole)),
        "all_charts_ms_max": round(max(whole)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.story_page", description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--voices", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    result = asyncio.run(time_story_page(args.claims, args.keys, args.voices, args.runs))
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
