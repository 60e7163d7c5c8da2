"""How a claim relates to one earlier claim about the same thing.

Rules, in order:

- A repeat (same claim_id, or the same sentence with the same figure: a
  syndicated copy) says nothing new.
- Claims compare only when their key_text matches, their units agree (or one is
  missing), and both or neither are projections: a forecast is not a report.
- `compare(earlier, later)` takes them in the order of the key's timeline
  (`detection` builds it). Two voices stating dates that are equal are
  simultaneous: a dispute, not an update.
- Running totals (measures with a word in `settings.running_total_words`:
  killed, wounded, displaced...) may rise: a later, higher figure is an update,
  never an alert, whoever gives it. A later, lower one is still a conflict.
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


def is_running_total(claim: Claim, settings: Settings) -> bool:
    words = set(_WORD.findall(claim.key.measure.casefold()))
    return not words.isdisjoint(settings.running_total_words)


def compare(earlier: Claim, later: Claim, settings: Settings) -> Finding | None:
    """The conflict between two comparable claims, `earlier` first in time, or None."""
    before, after = interval_of(earlier.value, settings), interval_of(later.value, settings)
    if before.overlaps(after):
        return None
    if is_running_total(later, settings) and before.is_below(after):
        if not _simultaneous(earlier, later):
            return None  # the total rose
    kind = AlertKind.REVISION if same_voice(earlier, later) else AlertKind.CONTRADICTION
    return Finding(kind, earlier, before.relative_gap(after))


def _simultaneous(a: Claim, b: Claim) -> bool:
    """Two voices dated the same moment (rival figures in one article): no update, a dispute."""
    return a.published_at is not None and a.published_at == b.published_at and not same_voice(a, b)


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())
