"""One real news story in several arrival orders, and the alerts standing after each.

Shared by the unit test of the detector (tests/agents/detect/test_arrival_orders.py)
and the integration test of replay against the broker
(tests/integration/test_replay_agrees.py). The story is read from the labelled
development set `../shared/realnews` at run time, never copied here; a test
using it is skipped when that folder is absent.

The alerts stream is folded as a consumer folds it: by `alert_id`, the last
status wins, and those `raised` stand. Standing alerts are then compared by
content, not by ids, because claim ids and story ids (hence alert ids and key
texts) depend on which article opened the story. A claim is its `Side`: the
article id (the producer's), the figure as written, its span and its sentence.
A standing alert is `(kind, new side, frozenset of the contradicted sides)`:
direction and grouping both count, even between figures of one day, since the
detector orders one moment's claims by article id and place in the article,
never by arrival. On a mismatch, `differences` lists the single pairs of
figures that differ first (a pair flagged in one run and not in the other),
then the alerts (the same pairs grouped or directed otherwise).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

import pytest
from support import ROOT

from agents.detect import standing_alerts
from streams.models import Alert, Claim, ContentType, DeadLetter, RawArticle

__all__ = [
    "ORDERS",
    "REALNEWS",
    "Side",
    "arrival_orders",
    "differences",
    "realnews_stream",
    "realnews_story",
    "standing",
    "standing_pairs",
]

REALNEWS = ROOT.parent / "shared" / "realnews" / "articles.jsonl"
ORDERS = ("date", "reverse", "shuffle")
SHUFFLE_SEED = 15


# --- The story -----------------------------------------------------------------


def _rows() -> list[dict]:
    if not REALNEWS.is_file():
        pytest.skip("../shared/realnews is not available")
    return [json.loads(line) for line in REALNEWS.read_text("utf-8").splitlines() if line.strip()]


def realnews_stream() -> list[tuple[str, RawArticle]]:
    """Every article of the development set with its story, as one stream in date order (file
    order on a tie), as ../shared/realnews/score.py interleaves them. Skips when it is absent."""
    rows = sorted(_rows(), key=lambda row: row.get("published") or "")
    return [(row["story"], _raw(row)) for row in rows]


def realnews_story() -> tuple[str, list[RawArticle]]:
    """The story of the development set to replay, and its articles in date order.

    Only stories whose every article is dated qualify (an undated article takes
    its ingest time, which differs between runs). Among them: the most
    articles, then the shortest span from first to last date (the densest
    story: the story stage keeps it one story whatever the order, and the most
    of its figures share a day, the ties arrival order must not decide), then
    the story id. Skips the test when the set is absent.
    """
    stories: dict[str, list[dict]] = {}
    for row in _rows():
        stories.setdefault(row["story"], []).append(row)
    dated = {s: items for s, items in stories.items() if all(r.get("published") for r in items)}
    if not dated:
        pytest.skip("no story of ../shared/realnews has every article dated")

    def rank(story: str) -> tuple[int, float, str]:
        days = [datetime.fromisoformat(r["published"]) for r in dated[story]]
        return (-len(days), (max(days) - min(days)).total_seconds(), story)

    story = min(dated, key=rank)
    items = sorted(dated[story], key=lambda r: r["published"])  # stable: file order on a tie
    return story, [_raw(row) for row in items]


def _raw(row: dict) -> RawArticle:
    """As ../shared/realnews/score.py builds it."""
    return RawArticle(
        id=row["id"],
        url=row.get("url"),
        published_at=row.get("published"),
        body=row["text"],
        content_type=ContentType.PLAIN,
    )


def arrival_orders(articles: list[RawArticle]) -> dict[str, list[RawArticle]]:
    """The articles in date order, in reverse, and in one seeded shuffle."""
    shuffled = list(articles)
    random.Random(SHUFFLE_SEED).shuffle(shuffled)
    return {"date": list(articles), "reverse": articles[::-1], "shuffle": shuffled}


# --- Folding and comparing alerts ----------------------------------------------


class Side(NamedTuple):
    """A claim by content: the same figure of the same article in every run."""

    article_id: str
    figure: str
    start: int
    end: int
    sentence: str

    def __str__(self) -> str:
        return f"{self.article_id}[{self.start}:{self.end}] {self.figure!r}"


Pair = tuple[str, Side, frozenset[Side]]
"""A standing alert by content: kind, the new claim, the claims it contradicts."""


def side(claim: Claim) -> Side:
    return Side(
        claim.article_id, claim.value.text, claim.span.start, claim.span.end, claim.sentence
    )


HISTORY = 200
"""Known claims per key in these tests: the whole story's. The alerts standing do not depend
on arrival order while a key's history holds the claims concerned; past
`history_per_key` the oldest are dropped as claims arrive, and which those are depends
on the order."""


def standing(alerts: Iterable[Alert | DeadLetter]) -> list[Alert]:
    """The alerts that stand: the stream folded by `alert_id`, last status wins."""
    return standing_alerts(a for a in alerts if isinstance(a, Alert))


def standing_pairs(alerts: Iterable[Alert | DeadLetter]) -> frozenset[Pair]:
    """The standing alerts by content: (kind, new side, frozenset of contradicted sides)."""
    return frozenset(
        (a.kind.value, side(a.claim), frozenset(side(c) for c in a.contradicts))
        for a in standing(alerts)
    )


def _single(pairs: frozenset[Pair]) -> frozenset[Pair]:
    """Each pair of figures on its own, whatever alert grouped it."""
    return frozenset((kind, new, frozenset({e})) for kind, new, earlier in pairs for e in earlier)


def _show(pair: Pair) -> str:
    kind, new, earlier = pair
    olds = ", ".join(sorted(map(str, earlier)))
    return f"{kind}: {new} against {{{olds}}}"


def differences(expected: frozenset[Pair], found: frozenset[Pair]) -> str:
    """What `found` lacks and adds, as single pairs of figures then as alerts; '' if equal."""
    if expected == found:
        return ""
    single_e, single_f = _single(expected), _single(found)
    lines = [
        f"{len(expected)} standing expected, {len(found)} found; as single pairs of figures "
        f"{len(single_e - single_f)} missing, {len(single_f - single_e)} extra"
    ]
    for what, a, b in (
        ("pair missing", single_e, single_f),
        ("pair extra", single_f, single_e),
        ("alert missing", expected, found),
        ("alert extra", found, expected),
    ):
        lines += [f"  {what}: {_show(p)}" for p in sorted(a - b, key=_show)]
    return "\n".join(lines)
