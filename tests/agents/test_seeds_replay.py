"""The user's five seed reports, replayed in date order, raise the disagreements they carry.

Read from ../shared/seeds (skipped without it), never copied here. Pairs are named by
the figures as written, so the test says which disagreements a desk hears about.
"""

import pytest
from support import SEEDS, alert_pairs

from agents.pipeline import Pipeline
from streams.models import Alert, AlertKind, RawArticle
from streams.settings import Settings
from streams.sources import read_articles

DATE_ORDER = ("004", "003", "001", "000", "002")

EXPECTED = {
    ("troops deployed", "an estimated 14,000", "an estimated 11,000"),
    ("troops deployed", "an estimated 14,000", "about 10,000-12,000"),
    ("troops deployed", "more than 12,000", "an estimated 11,000"),
    ("troops casualties", "around 1,200", "4,000"),
    ("troops casualties", "Around 4,000", "around 1,200"),
}


@pytest.fixture(scope="module")
def kinds() -> dict[tuple[str, str, str], AlertKind]:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    paths = [next(SEEDS.glob(f"{n}_*.txt")) for n in DATE_ORDER]
    raws = [r for r in read_articles(paths) if isinstance(r, RawArticle)]
    alerts = [a for a in Pipeline(Settings()).replay(raws) if isinstance(a, Alert)]
    return {(measure, new, old): kind for kind, measure, new, old in alert_pairs(alerts)}


@pytest.fixture(scope="module")
def pairs(kinds) -> set[tuple[str, str, str]]:
    return set(kinds)


def test_the_seeds_raise_their_five_disagreements(pairs):
    assert EXPECTED <= pairs


def test_the_seeds_raise_nothing_else(pairs):
    """Not builders against sappers, killed against wounded, nor figures that agree."""
    assert pairs == EXPECTED


def test_rival_voices_in_one_report_contradict_and_a_later_higher_estimate_revises(kinds):
    assert kinds[("troops casualties", "around 1,200", "4,000")] is AlertKind.CONTRADICTION
    assert kinds[("troops deployed", "more than 12,000", "an estimated 11,000")] is (
        AlertKind.REVISION
    )
