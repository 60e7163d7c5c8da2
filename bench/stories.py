"""`python -m bench.stories`: the story view with a story of 10,000 claims, on one worker.

Starts the embedded broker and one `claimwatch worker` process, writes one large
invented story and some small ones straight to the `stories` and `claims` topics
(`bench.story_corpus`: the read side is measured, not spaCy), lets the worker's
detector raise their alerts and its read model take everything in, then:

1. opens the story page in headless Chromium `--runs` times and takes the time
   to its first chart (`bench.story_page` defines it), the median and the max;
2. runs `--clients` concurrent API clients for `--seconds` (`bench.story_load`):
   requests per second and p50 / p95 / p99 latency per route;
3. notes the worker's resident memory before the story and once it holds it.

Prints a Markdown report, then one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from agents.detect import standing_alerts
from streams.broker import EmbeddedBroker, free_port
from streams.codec import decode
from streams.models import Alert, AlertKind
from streams.runtime import LagProbe
from streams.settings import Settings
from streams.topics import ALERTS, CLAIMS, STORIES

from .kafka_io import read_to_end, send_records
from .report import conditions
from .story_corpus import STORY_ID, story_records
from .story_load import ROUTES, Load, load_api
from .story_page import PageRun, time_page
from .workers import WorkerProcess, rss_bytes

__all__ = ["main", "measure"]

log = logging.getLogger("bench.stories")

ALONE = 5
"""Requests of each answer by one client alone, before the page and the load."""
FIRST_PAGE = 200
"""Claims the page asks first of a key (`FIRST_PAGE` in story.js)."""
_ANSWER_NAMES = {
    "detail": "the detail",
    "alerts": "the alerts",
    "claims_first": f"the top quantity's first {FIRST_PAGE} claims",
}


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Everything the report shows, as one dict (the JSON line)."""
    records = story_records(args.claims, args.keys, args.voices, args.others)
    load_before = _load_average()
    with tempfile.TemporaryDirectory(prefix="claimwatch-stories-") as tmp:
        work = Path(tmp)
        with EmbeddedBroker(work / "broker") as broker:
            settings = Settings(
                app_id=f"bench-stories-{os.getpid()}",
                topic_prefix=f"bench-stories-{os.getpid()}.",
                data_dir=work / "worker",
                web_port=free_port("127.0.0.1"),
            ).with_embedded_broker(broker.url)
            settings.data_dir.mkdir()
            worker = WorkerProcess(settings, work / "worker.log").start()
            try:
                await worker.wait_assigned()
                assert worker.process is not None
                rss_empty = rss_bytes(worker.process.pid)
                log.info("writing %d claims", len(records.claims))
                began = time.monotonic()
                stories = [(u.story_id, u) for u in records.updates]
                await send_records(settings, broker.bootstrap, STORIES, stories)
                claims = [(c.key_text, c) for c in records.claims]
                await send_records(settings, broker.bootstrap, CLAIMS, claims)
                detail = await _held(settings, broker.bootstrap, worker.url, args.claims)
                held_s = time.monotonic() - began
                rss_held = rss_bytes(worker.process.pid)
                alone = await _answers_alone(worker.url, detail["quantities"][0]["key_text"])
                log.info("held after %.0f s; opening the page %d times", held_s, args.runs)
                pages = await time_page(worker.url, STORY_ID, args.runs)
                log.info("%d clients for %.0f s", args.clients, args.seconds)
                worker_cpu = worker.cpu_seconds()
                load = await load_api(worker.url, STORY_ID, args.clients, args.seconds)
                worker_cpu = worker.cpu_seconds() - worker_cpu
                rss_after = rss_bytes(worker.process.pid)
            finally:
                worker.stop()
    return {
        "claims": detail["claims"],
        "quantities": len(detail["quantities"]),
        "largest_quantity_claims": max(q["claims"] for q in detail["quantities"]),
        "voices": args.voices,
        "alerts": detail["alerts"],
        "other_stories": args.others,
        "held_after_s": round(held_s, 1),
        "answers_alone": alone,
        "runs": args.runs,
        **_page_summary(pages, detail["quantities"][0]["key_text"]),
        "clients": load.clients,
        "load_s": round(load.seconds, 1),
        "requests_per_s": round(load.requests_per_s(), 1),
        "routes": _load_summary(load),
        "clients_cpu_share": round(load.cpu_seconds / load.seconds, 2),
        "worker_cpu_share": round(worker_cpu / load.seconds, 2),
        "rss_mb_empty": _mb(rss_empty),
        "rss_mb_held": _mb(rss_held),
        "rss_mb_after_load": _mb(rss_after),
        "load_average": f"{load_before} before, {_load_average()} after",
    }


async def _held(
    settings: Settings, bootstrap: str, url: str, claims: int, timeout: float = 900
) -> dict[str, Any]:
    """The story's detail once the worker has processed every record (its group's lag is
    zero) and its read model holds the story's claims and the alerts standing on the topic."""
    async with LagProbe(settings, bootstrap) as probe:
        if not await probe.wait_idle(timeout, settle=2.0):
            raise TimeoutError(f"the worker did not drain in {timeout:.0f}s")
    alerts = [decode(Alert, r.value) for r in await read_to_end(settings, bootstrap, ALERTS)]
    mine = [a for a in standing_alerts(alerts) if a.claim.story_id == STORY_ID]
    expected = {kind.value: sum(a.kind is kind for a in mine) for kind in AlertKind}
    last: dict[str, Any] = {}
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        while time.monotonic() < deadline:
            response = await http.get(f"/stories/{STORY_ID}")
            if response.status_code == 200:
                last = response.json()
                if last["claims"] == claims and last["alerts"] == expected:
                    return last
            await asyncio.sleep(0.5)
    raise TimeoutError(f"the story held {last.get('claims')} claims, {last.get('alerts')}")


async def _answers_alone(url: str, top_key: str) -> dict[str, dict[str, float]]:
    """The story's detail, its alerts and the top quantity's first page as the page asks
    them, each by one client alone (median of `ALONE` requests): the server's own time, and
    their size."""
    story = f"/stories/{STORY_ID}"
    asked = {
        "detail": (story, {}),
        "alerts": (f"{story}/alerts", {}),
        "claims_first": (f"{story}/claims", {"key": top_key, "limit": str(FIRST_PAGE)}),
    }
    found = {}
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        for name, (path, params) in asked.items():
            times, size = [], 0
            for _ in range(ALONE):
                began = time.perf_counter()
                response = await http.get(path, params=params)
                times.append(time.perf_counter() - began)
                size = len(response.raise_for_status().content)
            found[name] = {"ms": round(statistics.median(times) * 1000, 1), "bytes": size}
    return found


def _page_summary(pages: list[PageRun], top_key: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("first_chart_ms", "any_chart_ms", "all_charts_ms", "html_ms"):
        values = [getattr(p, name) for p in pages]
        out[f"{name}_median"] = round(statistics.median(values))
        out[f"{name}_max"] = round(max(values))
    out["page_requests"] = _requests(pages, top_key)
    return out


def _requests(pages: list[PageRun], top_key: str) -> dict[str, dict[str, int]]:
    """What the page fetched, by kind: how many, when the first was sent, its first byte,
    the last byte of the last (ms from navigation start, medians over the runs), bytes."""
    kinds: dict[str, list[dict[str, int]]] = {}
    for page in pages:
        groups: dict[str, list[dict[str, Any]]] = {}
        for answer in page.answers:
            groups.setdefault(_kind(answer["path"], top_key), []).append(answer)
        for kind, seen in groups.items():
            kinds.setdefault(kind, []).append(
                {
                    "requests": len(seen),
                    "sent_ms": min(a["started"] for a in seen),
                    "first_byte_ms": min(a["waited"] for a in seen),
                    "last_byte_ms": max(a["ended"] for a in seen),
                    "bytes": sum(a["bytes"] for a in seen),
                }
            )
    return {
        kind: {name: round(statistics.median(r[name] for r in runs)) for name in runs[0]}
        for kind, runs in sorted(kinds.items(), key=lambda item: item[1][0]["sent_ms"])
    }


def _kind(path: str, top_key: str) -> str:
    url = urlsplit(path)
    query = parse_qs(url.query)
    story = f"/stories/{STORY_ID}"
    if url.path == f"{story}/claims":
        if "cursor" in query:
            return "claims: later pages"
        return (
            "claims: first page, top quantity"
            if query.get("key") == [top_key]
            else ("claims: first page, other quantities")
        )
    return {story: "story detail", f"{story}/alerts": "alerts"}.get(url.path, "page files")


def _load_summary(load: Load) -> dict[str, dict[str, Any]]:
    return {
        route: {
            "requests_per_s": round(load.requests_per_s(route), 1),
            **{f"p{q}_ms": _round(load.latency_ms(route, q)) for q in (50, 95, 99)},
            "kb_per_answer": round(
                load.body_bytes[route] / max(1, len(load.latencies[route])) / 1024
            ),
        }
        for route in ROUTES
    }


def markdown(result: dict[str, Any], command: str) -> str:
    r = result
    alerts = r["alerts"]
    lines = [
        f"Command: `{command}`",
        "",
        *(f"- {k}: {v}" for k, v in conditions(r["load_average"]).items()),
        f"- story: {r['claims']:,} claims on {r['quantities']} quantities (the largest "
        f"{r['largest_quantity_claims']:,}), {r['voices']} voices, "
        f"{alerts['contradiction']} contradictions and {alerts['revision']} revisions standing; "
        f"{r['other_stories']} small stories beside it; held {r['held_after_s']} s after the "
        "first record was sent",
        "- the page's main answers, asked alone (median of "
        f"{ALONE}): "
        + ", ".join(
            f"{_ANSWER_NAMES[name]} {a['ms']} ms for {a['bytes'] / 1024:,.0f} KB"
            for name, a in r["answers_alone"].items()
        ),
        "",
        f"Story page, {r['runs']} runs (ms from navigation start): median / max",
        "",
        "| first chart (top quantity) | any chart | every chart whole | HTML in |",
        "|---:|---:|---:|---:|",
        "| "
        + " | ".join(
            f"{r[f'{n}_median']} / {r[f'{n}_max']}"
            for n in ("first_chart_ms", "any_chart_ms", "all_charts_ms", "html_ms")
        )
        + " |",
        "",
        "What the page fetched (ms from navigation start, medians over the runs):",
        "",
        "| requests | how many | first sent | its first byte | last byte of the last | KB |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {kind} | {q['requests']} | {q['sent_ms']} | {q['first_byte_ms']} "
            f"| {q['last_byte_ms']} | {q['bytes'] / 1024:,.0f} |"
            for kind, q in r["page_requests"].items()
        ),
        "",
        f"API under load: {r['clients']} clients for {r['load_s']} s, "
        f"{r['requests_per_s']} requests/s in all (the clients used "
        f"{r['clients_cpu_share']:.2f} of a core, the worker {r['worker_cpu_share']:.2f})",
        "",
        "| route | requests/s | p50 ms | p95 ms | p99 ms | KB per answer |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| `{route}` | {s['requests_per_s']} | {s['p50_ms']} | {s['p95_ms']} "
            f"| {s['p99_ms']} | {s['kb_per_answer']:,} |"
            for route, s in r["routes"].items()
        ),
        "",
        f"Worker RSS: {r['rss_mb_empty']} MB before the story, {r['rss_mb_held']} MB holding "
        f"it, {r['rss_mb_after_load']} MB after the load",
    ]
    return "\n".join(lines) + "\n"


def _mb(value: int) -> float:
    return round(value / 2**20, 1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stories", description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000, help="claims of the large story")
    parser.add_argument("--keys", type=int, default=20, help="its claim keys (quantities)")
    parser.add_argument("--voices", type=int, default=8, help="its voices")
    parser.add_argument("--others", type=int, default=99, help="small stories beside it")
    parser.add_argument("--runs", type=int, default=5, help="openings of the page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent API clients")
    parser.add_argument("--seconds", type=float, default=30, help="how long they ask")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    given = argv if argv is not None else sys.argv[1:]
    command = shlex.join(["python", "-m", "bench.stories", *given])
    result = asyncio.run(measure(args))
    report = markdown(result, command)
    if args.markdown:
        args.markdown.write_text(report)
    print(report)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
