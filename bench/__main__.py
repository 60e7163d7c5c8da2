"""`python -m bench [--quick] [--articles N]`: run the benchmark, print a report and a JSON line.

Order: the spaCy ceiling in this process, then one worker, then two workers
(whose batch at full speed sets the rate of the paced latency batch that
follows on the same workers). Each configuration has its own app id and topic
prefix on one embedded broker. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shlex
import sys
import tempfile
import time
from pathlib import Path

from streams.broker import EmbeddedBroker
from streams.settings import Settings

from .ceiling import measure_ceiling
from .corpus import WORDS, generate
from .report import Results, Run, conditions
from .stack import running_stack

log = logging.getLogger("bench")

_QUICK_ARTICLES = 60
_FULL_ARTICLES = 300
_WARM_UP_ARTICLES = 4
_LATENCY_SHARE = 0.5
"""The latency batch runs at this share of the two workers' measured maximum rate."""


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    count = args.articles or (_QUICK_ARTICLES if args.quick else _FULL_ARTICLES)
    command = shlex.join(["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])])
    results = asyncio.run(
        _run(count, args.seed, args.workers, args.words, command, _overrides(args.store))
    )
    report = results.markdown()
    if args.markdown:
        args.markdown.write_text(report)
    log.info("done in %.0f s", time.monotonic() - started)
    print(report)
    print(json.dumps(results.summary()), flush=True)
    return 0


async def _run(
    count: int,
    seed: int,
    workers: list[int],
    words: tuple[int, int],
    command: str,
    overrides: dict[str, object],
) -> Results:
    articles = generate(count, seed, words=words)
    warm_up = generate(_WARM_UP_ARTICLES, seed + 1, prefix="warmup", words=words)
    paced = generate(max(_WARM_UP_ARTICLES, count // 2), seed + 2, prefix="paced", words=words)
    load_before = _load_average()
    log.info("spaCy ceiling on %d articles", count)
    settings = Settings()
    ceiling = measure_ceiling(settings, articles)
    results = Results(command, ceiling.words / ceiling.articles, ceiling)
    with tempfile.TemporaryDirectory(prefix="claimwatch-bench-") as tmp:
        work = Path(tmp)
        with EmbeddedBroker(work / "broker") as broker:
            for n in workers:
                log.info("%d worker(s): %d articles", n, count)
                app_id = f"bench-{os.getpid()}-{n}w"
                async with running_stack(broker, app_id, n, work / app_id, **overrides) as stack:
                    await stack.push(warm_up)
                    run = Run(n, await stack.push(articles), await stack.stage_histograms(), [])
                    if n == max(workers):
                        run.latency_rate = run.throughput.articles_per_s * _LATENCY_SHARE
                        log.info("%d worker(s): paced at %.1f/s", n, run.latency_rate)
                        run.latency = await stack.push(paced, rate=run.latency_rate)
                    run.rss_mb = stack.peak_rss_mb
                results.runs.append(run)
    results.conditions = conditions(f"{load_before} before, {_load_average()} after")
    return results


def _overrides(store: str | None) -> dict[str, object]:
    """Settings the workers get beside the embedded broker's tuning."""
    return {} if store is None else {"store": store}


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help=f"{_QUICK_ARTICLES} articles (else {_FULL_ARTICLES})"
    )
    parser.add_argument("--articles", type=int, help="articles per configuration")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated articles")
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="worker counts to run, comma-separated (default 1,2)",
    )
    parser.add_argument(
        "--words",
        type=_word_range,
        default=WORDS,
        metavar="LEAST-MOST",
        help=f"words of article text, drawn uniformly (default {WORDS[0]}-{WORDS[1]}: "
        "the seeds' size)",
    )
    parser.add_argument(
        "--store",
        help="the workers' table store, e.g. rocksdb:// as deployments run it "
        "(default: memory://, the embedded broker's)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    return parser


def _word_range(text: str) -> tuple[int, int]:
    least, _, most = text.partition("-")
    try:
        bounds = int(least), int(most or least)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected LEAST-MOST, e.g. 300-750") from None
    if not 0 < bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"{text!r}: expected 0 < LEAST <= MOST")
    return bounds


if __name__ == "__main__":
    sys.exit(main())
