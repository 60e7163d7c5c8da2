"""How a new claim relates to one earlier claim about the same thing.

Rules, in order:

- A repeat (same claim_id, or the same sentence with the same figure: a
  syndicated copy) says nothing new.
- Claims compare only when their key_text matches, their units agree (or one is
  missing), and both or neither are projections: a forecast is not a report.
- Order is by published_at; undated claims, and one voice's claims published
  at the same moment, are ordered by arrival. Different voices publishing at
  the same moment are simultaneous: a dispute, not an update.
- Running totals (measures with a word in `settings.running_total_words`:
  killed, wounded, displaced...) may rise: a later, higher figure is an update,
  never an alert, whoever gives it, and in whichever order the two arrive. A
  later, lower one is still a conflict.
- Disjoint intervals from the same voice (attributed_to, else the outlet) are a
  revision; from different voices, a contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.models import AlertKind, Claim, Modality
from streams.settings import Settings

from .intervals import interval_of

__all__ = [
    "Finding",
    "comparable",
    "compare",
    "is_repeat",
    "is_running_total",
    "published_before",
    "same_voice",
    "voice",
]

_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Finding:
    """An earlier claim the new one conflicts with, and how far apart they are."""

    kind: AlertKind
    earlier: Claim
    gap: float


def is_repeat(earlier: Claim, new: Claim) -> bool:
    """The same claim again: redelivered, or copied word for word by another outlet."""
    if earlier.claim_id == new.claim_id:
        return True
    same_figure = (earlier.value.low, earlier.value.high, earlier.value.qualifier) == (
        new.value.low,
        new.value.high,
        new.value.qualifier,
    )
    return same_figure and _normalised(earlier.sentence) == _normalised(new.sentence)


def comparable(earlier: Claim, new: Claim) -> bool:
    """Whether two figures count the same thing in the same way."""
    units = {u.casefold() for u in (earlier.value.unit, new.value.unit) if u}
    return (
        earlier.key_text == new.key_text
        and len(units) <= 1
        and (earlier.modality == Modality.PROJECTED) == (new.modality == Modality.PROJECTED)
    )


def voice(claim: Claim) -> str:
    """Who stands behind a figure: the attributed speaker, else the outlet ('' if unknown)."""
    return _normalised(claim.attributed_to or claim.source or "")


def same_voice(a: Claim, b: Claim) -> bool:
    return bool(voice(a)) and voice(a) == voice(b)


def published_before(a: Claim, b: Claim) -> bool:
    """True only when both are dated and `a` is strictly older."""
    if a.published_at is None or b.published_at is None:
        return False
    return a.published_at < b.published_at


def is_running_total(claim: Claim, settings: Settings) -> bool:
    words = set(_WORD.findall(claim.key.measure.casefold()))
    return not words.isdisjoint(settings.running_total_words)


def compare(earlier: Claim, new: Claim, settings: Settings) -> Finding | None:
    """The conflict between two comparable claims, or None when they can both stand."""
    before, after = interval_of(earlier.value, settings), interval_of(new.value, settings)
    if before.overlaps(after):
        return None
    if is_running_total(new, settings):
        order = _order(new, earlier)
        if (order > 0 and before.is_below(after)) or (order < 0 and after.is_below(before)):
            return None  # the older figure is the lower one: the total rose
    kind = AlertKind.REVISION if same_voice(earlier, new) else AlertKind.CONTRADICTION
    return Finding(kind, earlier, before.relative_gap(after))


def _order(new: Claim, earlier: Claim) -> int:
    """1 when `new` (which arrived after `earlier`) is also later in time, -1 when it is
    older (it arrived late: partitions are processed in parallel), 0 when simultaneous."""
    if new.published_at is None or earlier.published_at is None:
        return 1
    if new.published_at == earlier.published_at:
        return 1 if same_voice(new, earlier) else 0
    return 1 if new.published_at > earlier.published_at else -1


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())
