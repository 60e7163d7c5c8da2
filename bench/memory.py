"""Workers' memory and CPU as the stream grows, batch after batch, until the windows are full.

`python -m bench.memory [--articles N] [--batch B] [--workers W] [--store rocksdb://]`
pushes generated articles through W `claimwatch worker` processes on the
embedded broker, one batch at full speed after another, and prints after each
batch a JSON line: the articles so far, each worker's peak RSS so far, and the
workers' CPU (per article, and cores per worker while the batch ran).

A worker's memory grows with what it has seen until its bounds are reached: the
duplicate and story windows (5,000 articles each by default), the alert feed,
RocksDB's write buffers. The few hundred articles of `python -m bench` stop
well before that, so the requests and limits in `deploy/k8s` come from here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from streams.broker import EmbeddedBroker

from .corpus import generate_many
from .stack import running_stack

__all__ = ["measure"]


async def measure(
    articles: int, batch: int, workers: int, seed: int, overrides: dict[str, object]
) -> list[dict[str, Any]]:
    """One row per batch, printed as it is measured."""
    stream = generate_many(articles, seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimwatch-memory-") as tmp:
        work = Path(tmp)
        with EmbeddedBroker(work / "broker") as broker:
            app_id = f"memory-{os.getpid()}"
            async with running_stack(broker, app_id, workers, work / app_id, **overrides) as stack:
                for start in range(0, len(stream), batch):
                    phase = await stack.push(stream[start : start + batch])
                    row = {
                        "articles": start + phase.articles,
                        "peak_rss_mb": [round(mb) for mb in stack.peak_rss_mb],
                        "articles_per_s": round(phase.articles_per_s, 2),
                        "cpu_ms_per_article": round(phase.cpu_ms_per_article, 1),
                        "cores_per_worker": round(phase.cpu_seconds / phase.seconds / workers, 2),
                    }
                    print(json.dumps(row), flush=True)
                    rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("--articles", type=int, default=6000, help="articles in all")
    parser.add_argument("--batch", type=int, default=1000, help="articles per measured batch")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--store", help="the workers' table store, e.g. rocksdb:// (default: memory://)"
    )
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {} if args.store is None else {"store": args.store}
    asyncio.run(measure(args.articles, args.batch, args.workers, args.seed, overrides))
    return 0


if __name__ == "__main__":
    sys.exit(main())
