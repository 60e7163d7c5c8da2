"""Heavy articles: how long one takes and whether a worker keeps answering meanwhile.

`python -m bench.heavy` times `clean_article` on a 680 KB page of 20,000 short
lines in-process, then starts the embedded broker and one `claimwatch worker`,
publishes that page and then an article with a figure in each of 400
sentences (its tagged record, 1.13 MB, travels in parts), and polls the
worker's `/healthz` every 50 ms until each one's output is on its topic: the
polls answered and their latency, after a small article has warmed the worker
up. The fault tests run the same two articles through a worker
(`tests/integration/test_faults.py`) and assert the outcome; the times are
measured here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from agents.clean import clean_article
from streams.broker import EmbeddedBroker, free_port
from streams.models import Claim, CleanArticle, Message, RawArticle, TaggedArticle
from streams.runtime import publish_articles, read_topic
from streams.settings import Settings
from streams.topics import CLAIMS, DEDUPE, TAGGED

from .stats import percentile
from .workers import WorkerProcess

__all__ = ["LONG_PAGE_TEXT", "figure_dense_article", "long_page"]

LONG_PAGE_TEXT = [
    "The storm closed Pellham harbour on Monday, the port authority said.",
    "About 40 boats stayed in the harbour overnight, officials said.",
]
"""The article's own text at the foot of `long_page`."""

_POLL_EVERY = 0.05
_POLL_TIMEOUT = 2.0


_WARM_UP = RawArticle(
    id="warm-up",
    url="https://example.org/oskel",
    body="Published 3 March 2025 08:10\n"
    "The ferry to Oskel carried 80 passengers on Friday, the operator said.",
)


def long_page(lines: int = 20_000) -> RawArticle:
    """A page of `lines` short heading lines (a timetable of notices, 680 KB at 20,000) above
    a two-sentence article: the title choice once compared every heading with every other."""
    notices = [f"Pellham harbour notice {n:05d} ward" for n in range(lines)]
    body = "\n".join(["Storm closes Pellham harbour", *notices, *LONG_PAGE_TEXT])
    return RawArticle(id="pellham-long", url="https://example.org/pellham", body=body)


def figure_dense_article(sentences: int = 400) -> RawArticle:
    """A figure in each of `sentences` short sentences: 400 tag to 1.13 MB, over a record."""
    body = "\n\n".join(
        f"The council of Tarnow said on Tuesday that {120 + n} people were injured in the "
        "floods, and that the river was still rising."
        for n in range(sentences)
    )
    return RawArticle(
        id="tarnow-dense",
        url="https://example.org/tarnow",
        source="Tarnow Courier",
        title="Floods hit Tarnow",
        published_at=datetime(2025, 3, 4, tzinfo=UTC),
        body=body,
    )


def time_clean(raw: RawArticle, runs: int = 5) -> list[float]:
    """Seconds of `clean_article` on `raw`, each run."""
    laps = []
    for _ in range(runs):
        started = time.perf_counter()
        clean_article(raw, Settings())
        laps.append(time.perf_counter() - started)
    return laps


async def _polled_while(worker: WorkerProcess, until: asyncio.Task[object]) -> list[float | None]:
    """/healthz latency of each poll (None: unanswered) until `until` is done."""
    latencies: list[float | None] = []
    async with httpx.AsyncClient(timeout=_POLL_TIMEOUT) as client:
        while not until.done():
            started = time.perf_counter()
            try:
                answered = (await client.get(f"{worker.url}/healthz")).status_code == 200
            except httpx.HTTPError:
                answered = False
            latencies.append(time.perf_counter() - started if answered else None)
            await asyncio.sleep(_POLL_EVERY)
    return latencies


async def _outputs(
    settings: Settings, bootstrap: str, topic: str, model: type[Message], article: str, count: int
) -> int:
    """Until `count` messages of `article` are on `topic`."""
    seen = 0
    async for message in read_topic(settings, bootstrap, topic, model):
        seen += _article_id(message) == article
        if seen == count:
            break
    return seen


def _article_id(message: Message) -> str | None:
    return message.article_id if isinstance(message, Claim) else getattr(message, "id", None)


async def _through_worker(work: Path) -> dict[str, object]:
    results: dict[str, object] = {}
    with EmbeddedBroker(work / "broker") as broker:
        settings = Settings(
            app_id="heavy", topic_prefix="heavy.", data_dir=work / "worker",
            web_port=free_port("127.0.0.1"), partitions=2,
        ).with_embedded_broker(broker.url)  # fmt: skip
        settings.data_dir.mkdir()
        worker = WorkerProcess(settings, work / "worker.log").start()
        try:
            await worker.wait_assigned()
            # First uses (dateparser's data, spaCy's first batch) are not what is measured.
            tagged = asyncio.create_task(
                _outputs(settings, broker.bootstrap, TAGGED, TaggedArticle, _WARM_UP.id, 1)
            )
            await publish_articles(settings, broker.bootstrap, [_WARM_UP])
            await tagged
            cases: list[tuple[str, RawArticle, str, type[Message], int]] = [
                ("long_page", long_page(), DEDUPE, CleanArticle, 1),
                ("figure_dense", figure_dense_article(), CLAIMS, Claim, 400),
            ]
            for name, raw, topic, model, count in cases:
                started = time.perf_counter()
                done = asyncio.create_task(
                    _outputs(settings, broker.bootstrap, topic, model, raw.id, count)
                )
                await publish_articles(settings, broker.bootstrap, [raw])
                polls = await _polled_while(worker, done)
                answered = [p for p in polls if p is not None]
                results[name] = {
                    "outputs": await done,
                    "seconds_to_output": round(time.perf_counter() - started, 2),
                    "polls": len(polls),
                    "unanswered": len(polls) - len(answered),
                    "healthz_p50_ms": round(1000 * (percentile(answered, 50) or 0), 1),
                    "healthz_max_ms": round(1000 * max(answered, default=0), 1),
                }
        finally:
            worker.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.heavy", description=__doc__)
    parser.parse_args(argv)
    page = long_page()
    laps = time_clean(page)
    results: dict[str, object] = {
        "long_page_bytes": len(page.body.encode("utf-8")),
        "clean_seconds_min": round(min(laps), 3),
        "clean_seconds_max": round(max(laps), 3),
    }
    with tempfile.TemporaryDirectory(prefix="claimwatch-heavy-") as tmp:
        results.update(asyncio.run(_through_worker(Path(tmp))))
    print(json.dumps(results), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
