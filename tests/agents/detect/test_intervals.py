import math

import pytest

from agents.detect import Interval, interval_of
from streams.models import FigureValue, Qualifier
from streams.settings import Settings

SETTINGS = Settings(approx_tolerance=0.10, vague_tolerance=0.5)
INF = math.inf


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "expected"),
    [
        ("2,700", 2700, 2700, Qualifier.EXACT, Interval(2700, 2700)),
        ("about 11,000", 11000, 11000, Qualifier.APPROX, Interval(10500, 11500)),
        ("about 20,000", 20000, 20000, Qualifier.APPROX, Interval(18000, 22000)),
        ("around 1,200", 1200, 1200, Qualifier.APPROX, Interval(1150, 1250)),
        (
            "about 2.5 million",
            2_500_000,
            2_500_000,
            Qualifier.APPROX,
            Interval(2_450_000, 2_550_000),
        ),
        ("thousands", 2000, 2000, Qualifier.VAGUE, Interval(1000, 3000)),
        ("thousands", 1000, None, Qualifier.VAGUE, Interval(500, INF)),
        ("dozens", 12, None, Qualifier.VAGUE, Interval(6, INF)),
        ("nearly 400", 360, 400, Qualifier.APPROX, Interval(355, 440)),
        ("more than 12,000", 12000, None, Qualifier.MORE_THAN, Interval(12000, INF, low_open=True)),
        ("at least 300", 300, None, Qualifier.AT_LEAST, Interval(300, INF)),
        ("up to 3,000", None, 3000, Qualifier.UP_TO, Interval(-INF, 3000)),
        ("at most 40", None, 40, Qualifier.AT_MOST, Interval(-INF, 40)),
        ("10,000-12,000", 10000, 12000, Qualifier.RANGE, Interval(10000, 12000)),
        ("about 10,000-12,000", 10000, 12000, Qualifier.RANGE, Interval(9000, 12500)),
        ("", None, None, Qualifier.EXACT, Interval(-INF, INF)),
    ],
)
def test_interval_of(text, low, high, qualifier, expected):
    value = FigureValue(low=low, high=high, qualifier=qualifier, text=text)
    assert interval_of(value, SETTINGS) == expected


@pytest.mark.parametrize(
    ("a", "b", "overlaps", "gap"),
    [
        (Interval(10000, 12000), Interval(12000, INF, low_open=True), False, 0.0),
        (Interval(10000, 12000), Interval(12000, INF), True, 0.0),
        (Interval(18000, 22000), Interval(100000, INF, low_open=True), False, 78000 / 22000),
        (Interval(13500, 14500), Interval(10500, 11500), False, 2000 / 11500),
        (Interval(-INF, 3000), Interval(1000, 3000), True, 0.0),
    ],
)
def test_overlap_and_gap(a, b, overlaps, gap):
    assert a.overlaps(b) is overlaps
    assert b.overlaps(a) is overlaps
    assert a.relative_gap(b) == pytest.approx(gap)
    assert b.relative_gap(a) == pytest.approx(gap)
