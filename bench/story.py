"""The story stage alone: how many articles per second its one partition can take.

`python -m bench.story [--articles N] [--realnews]` tags generated articles (or
the real news development set, `../shared/realnews`) once, untimed, then times
what the story agent does per article in-process: assign the story and encode
the records it writes to its table. The stage reads one partition, so this rate
is the ceiling of the whole group, however many workers tag in parallel: it
must stay far above what the tag stage gives per worker (about 10-15 articles/s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from agents.pipeline import Pipeline
from agents.story import StoryIndex
from streams.models import RawArticle, TaggedArticle
from streams.settings import Settings

from .corpus import generate

__all__ = ["StoryTiming", "time_story"]

REALNEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"


@dataclass(frozen=True)
class StoryTiming:
    articles: int
    seconds: float
    p99_ms: float
    stories: int
    table_bytes: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    def summary(self) -> dict[str, float]:
        return {
            "articles": self.articles,
            "story_articles_per_s": round(self.articles_per_s, 1),
            "story_ms_per_article": round(1000 * self.seconds / self.articles, 3),
            "story_p99_ms": round(self.p99_ms, 3),
            "stories_opened": self.stories,
            "table_bytes_per_article": round(self.table_bytes / self.articles),
        }


def time_story(pipeline: Pipeline, tagged: Sequence[TaggedArticle]) -> StoryTiming:
    """Assign every article in order, encoding the table records each one changes."""
    index = StoryIndex()
    index.changes()
    laps: list[float] = []
    table_bytes = 0
    for article in tagged:
        started = time.perf_counter()
        index, _ = pipeline.story(index, article)
        written, _ = index.changes()
        table_bytes += sum(len(record.model_dump_json()) for record in written)
        laps.append(time.perf_counter() - started)
    p99 = statistics.quantiles(laps, n=100)[98] if len(laps) > 1 else laps[0]
    opened = len({a.story_id for a in index.articles.values()})
    return StoryTiming(len(laps), sum(laps), 1000 * p99, opened, table_bytes)


def _realnews() -> list[RawArticle]:
    rows = [json.loads(line) for line in (REALNEWS / "articles.jsonl").read_text().splitlines()]
    rows.sort(key=lambda r: r.get("published") or "")
    return [
        RawArticle(id=r["id"], url=r.get("url"), published_at=r.get("published"), body=r["text"])
        for r in rows
        if r
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.story", description=__doc__)
    parser.add_argument("--articles", type=int, default=600, help="generated articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--realnews", action="store_true", help="the real news set instead")
    args = parser.parse_args(argv)
    pipeline = Pipeline(Settings())
    raws = _realnews() if args.realnews else generate(args.articles, args.seed)
    tagged = [pipeline.tag(pipeline.clean(raw)) for raw in raws]
    timing = time_story(pipeline, tagged)
    print(json.dumps(timing.summary()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
