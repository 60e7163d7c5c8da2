"""The duplicate check alone: what it costs per article with its window full, and at restart.

`python -m bench.duplicates [--articles N] [--window W]` cleans generated
articles once (untimed), then times what the dedupe agent does per article
in-process: `check` (fingerprint, look-up, remember) and the encoding of the
record it writes to its table. Then it times a restart: the index restored
from those table records and its first look-up (which builds what the look-up
reads). The check reads one partition, so its rate bounds the whole group.

The verdicts are summed up in a digest, so two implementations can be compared
on the same input: the same digest is the same decision for every article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from agents.clean import clean_article
from agents.clean.duplicates import DuplicateIndex, Fingerprint, changes, check, restore
from streams.models import CleanArticle
from streams.settings import Settings

from .corpus import generate_many

__all__ = ["DuplicateTiming", "time_duplicates"]


@dataclass(frozen=True)
class DuplicateTiming:
    articles: int
    window: int
    laps_s: tuple[float, ...]
    """Seconds of each article's check, in arrival order."""
    duplicates: int
    verdicts_digest: str
    restore_s: float

    def _full(self) -> Sequence[float]:
        """The laps once the window is full: the steady state of a long-running worker."""
        return self.laps_s[self.window :] or self.laps_s

    def summary(self) -> dict[str, float | int | str]:
        full = self._full()
        return {
            "articles": self.articles,
            "window": self.window,
            "duplicates": self.duplicates,
            "verdicts_digest": self.verdicts_digest,
            "ms_per_article": round(1000 * statistics.fmean(self.laps_s), 3),
            "full_window_ms_per_article": round(1000 * statistics.fmean(full), 3),
            "full_window_p99_ms": round(1000 * _p99(full), 3),
            "articles_per_s": round(len(full) / sum(full), 1),
            "restore_s": round(self.restore_s, 3),
        }


def _p99(laps: Sequence[float]) -> float:
    return statistics.quantiles(laps, n=100)[98] if len(laps) > 1 else laps[0]


def time_duplicates(articles: Sequence[CleanArticle], settings: Settings) -> DuplicateTiming:
    """Check every article in order as the agent does, then restore the index from the table."""
    index = DuplicateIndex()
    table: dict[str, bytes] = {}
    laps: list[float] = []
    verdicts = hashlib.sha256()
    duplicates = 0
    for article in articles:
        started = time.perf_counter()
        updated, duplicate_of = check(index, article, settings)
        added, forgotten = changes(index, updated)
        for fp in added:
            table[fp.id] = fp.model_dump_json().encode()
        for fp in forgotten:
            del table[fp.id]
        laps.append(time.perf_counter() - started)
        index = updated
        verdicts.update(f"{article.id}\t{duplicate_of}\n".encode())
        duplicates += duplicate_of is not None
    started = time.perf_counter()
    stored = (Fingerprint.model_validate_json(value) for value in table.values())
    restored, _ = restore(stored, settings.duplicate_window)
    check(restored, articles[-1], settings)
    restore_s = time.perf_counter() - started
    return DuplicateTiming(
        len(articles),
        settings.duplicate_window,
        tuple(laps),
        duplicates,
        verdicts.hexdigest()[:16],
        restore_s,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.duplicates", description=__doc__)
    parser.add_argument("--articles", type=int, default=6000, help="generated articles")
    parser.add_argument(
        "--window",
        type=int,
        default=Settings().duplicate_window,
        help="CLAIMWATCH_DUPLICATE_WINDOW (default: the setting's default)",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    settings = Settings(duplicate_window=args.window)
    cleaned = [clean_article(raw, settings) for raw in generate_many(args.articles, args.seed)]
    timing = time_duplicates(cleaned, settings)
    print(json.dumps(timing.summary()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
