"""A written figure as the interval of values its words allow.

The claim keeps the figure as written ("about 11,000" is 11000..11000); how far
each qualifier stretches is decided here, from the detection settings:

- exact: [v, v]
- approx ("about 11,000"): widened by `approx_tolerance` of v, but never by more
  than half the figure's rounding step: a writer who meant 11,600 would have
  written "about 12,000", so "about 11,000" is 10,500..11,500, while
  "about 20,000" is 18,000..22,000 (the tolerance binds first).
- vague ("thousands" is 1,000..None, the scale as its lower bound): at least
  the scale lowered by `vague_tolerance`, open above, so "thousands" conflicts
  only with a figure well below 1,000, never with a larger one. A vague figure
  with both bounds (as older extractors wrote it) has both widened.
- more_than: (v, inf); at_least: [v, inf); up_to / at_most: (-inf, v].
- range: [low, high]; a range written with a hedge ("about 2,000-3,000")
  widens each end as an approximate figure does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from streams.models import FigureValue, Qualifier
from streams.settings import Settings

__all__ = ["Interval", "interval_of"]

_HEDGE = re.compile(
    r"\b(about|around|approximately|roughly|some|nearly|almost|estimated|close to)\b", re.I
)


@dataclass(frozen=True)
class Interval:
    """Values a figure allows; an open end excludes its bound ("more than 12,000")."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def is_below(self, other: Interval) -> bool:
        """True when every value here is smaller than every value of `other`."""
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)

    def overlaps(self, other: Interval) -> bool:
        return not (self.is_below(other) or other.is_below(self))

    def relative_gap(self, other: Interval) -> float:
        """Distance between the facing ends over the smaller of them; 0 if they meet."""
        if self.overlaps(other):
            return 0.0
        lower, upper = (self, other) if self.is_below(other) else (other, self)
        gap = upper.low - lower.high
        scale = min(abs(lower.high), abs(upper.low)) or max(abs(lower.high), abs(upper.low))
        return gap / scale if scale else 0.0


def interval_of(value: FigureValue, settings: Settings) -> Interval:
    """The interval a figure allows under the tolerances of `settings`."""
    if value.qualifier is Qualifier.VAGUE and value.low is not None and value.high is None:
        return Interval(value.low - abs(value.low) * settings.vague_tolerance, math.inf)
    low = value.low if value.low is not None else value.high
    high = value.high if value.high is not None else value.low
    if low is None or high is None:
        return Interval(-math.inf, math.inf)
    match value.qualifier:
        case Qualifier.MORE_THAN:
            return Interval(low, math.inf, low_open=True)
        case Qualifier.AT_LEAST:
            return Interval(low, math.inf)
        case Qualifier.UP_TO | Qualifier.AT_MOST:
            return Interval(-math.inf, high)
        case Qualifier.APPROX:
            return Interval(_approx(low, settings, -1), _approx(high, settings, +1))
        case Qualifier.VAGUE:
            spread = settings.vague_tolerance
            return Interval(low - abs(low) * spread, high + abs(high) * spread)
        case Qualifier.RANGE if _HEDGE.search(value.text):
            return Interval(_approx(low, settings, -1), _approx(high, settings, +1))
        case _:
            return Interval(low, high)


def _approx(figure: float, settings: Settings, direction: int) -> float:
    """`figure` moved outwards by the approximate tolerance, capped at half its rounding step."""
    widening = min(abs(figure) * settings.approx_tolerance, _rounding_step(figure) / 2)
    return figure + direction * widening


def _rounding_step(figure: float) -> float:
    """The place of the last non-zero digit as written: 11,000 -> 1,000; 2.5 -> 0.1."""
    if figure == 0 or not math.isfinite(figure):
        return math.inf
    exponent = Decimal(repr(figure)).normalize().as_tuple().exponent
    return 10.0 ** int(exponent)
