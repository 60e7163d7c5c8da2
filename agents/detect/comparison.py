"""How a figure relates to one earlier figure of the same key (CLAIMS.md, "What raises an alert").

Two figures whose intervals overlap say nothing. Otherwise what the pair means
depends on how the quantity moves (`Claim.quantity_kind`) and on who gives it:

- same voice, any quantity: a revision.
- different voices, at the same time: a contradiction.
- different voices, the later figure after the earlier:
  - cumulative (a tally that only grows): higher is a revision (the tally rose); lower is a
    contradiction, unless the later figure says it corrects the earlier (a revision);
  - stock (a level that moves either way): a revision;
  - per event (one day's crowd): a contradiction.

"At the same time" is one article, or one published day: two voices dated
alike are rivals, not an update. A quantity of unknown kind is read as a
per-event count: without knowing it only grows, a change between voices is a
dispute. A projection is never compared with a report, nor a figure with a
superseded one its own article cites ("up from 140"): the article reports its
own revision. A revision up is of low severity; one down, at least medium.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from streams.models import AlertKind, Claim, Modality
from streams.settings import Settings

from .intervals import Interval, interval_of
from .voices import same_voice

__all__ = ["Finding", "Reason", "comparable", "compare", "same_time"]

_CORRECTION = re.compile(
    r"\b(revis\w*|correct\w*|lower(ed)?|reduc\w*|downgrad\w*|cut|"
    r"counted twice|double[- ]count\w*|duplicat\w*|down (from|to))\b",
    re.I,
)
"""Words by which a lower figure says it corrects an earlier one ('revised down to 97')."""


class Reason(StrEnum):
    """Which row of the table above made a pair what it is."""

    SAME_VOICE = "same_voice"
    SAME_TIME = "same_time"
    STOCK_MOVED = "stock_moved"
    TALLY_ROSE = "tally_rose"
    CORRECTED = "corrected"
    LATER_LOWER = "later_lower"
    DISPUTE = "dispute"


@dataclass(frozen=True)
class Finding:
    """An earlier claim the new one conflicts with, how and why, and how far apart they are."""

    kind: AlertKind
    reason: Reason
    earlier: Claim
    gap: float
    down: bool
    """Whether the new figure is below the earlier one."""


def comparable(earlier: Claim, new: Claim) -> bool:
    """Whether two figures count the same thing in the same way."""
    units = {u.casefold() for u in (earlier.value.unit, new.value.unit) if u}
    return (
        earlier.key_text == new.key_text
        and len(units) <= 1
        and (earlier.modality == Modality.PROJECTED) == (new.modality == Modality.PROJECTED)
        and not (earlier.article_id == new.article_id and (earlier.historical or new.historical))
    )


def same_time(a: Claim, b: Claim) -> bool:
    """One article, or one published day: rival figures, not an update."""
    if a.article_id == b.article_id:
        return True
    return (
        a.published_at is not None
        and b.published_at is not None
        and not (a.historical or b.historical)
        and a.published_at.date() == b.published_at.date()
    )


def compare(earlier: Claim, later: Claim, settings: Settings) -> Finding | None:
    """The conflict between two comparable claims, `earlier` first on the key's timeline."""
    before, after = interval_of(earlier.value, settings), interval_of(later.value, settings)
    if before.overlaps(after):
        return None
    reason = _reason(earlier, later, before, after)
    kind = AlertKind.CONTRADICTION if reason in _DISPUTES else AlertKind.REVISION
    return Finding(kind, reason, earlier, before.relative_gap(after), after.is_below(before))


_DISPUTES = frozenset({Reason.SAME_TIME, Reason.LATER_LOWER, Reason.DISPUTE})


def _reason(earlier: Claim, later: Claim, before: Interval, after: Interval) -> Reason:
    if same_voice(earlier, later):
        return Reason.SAME_VOICE
    if same_time(earlier, later):
        return Reason.SAME_TIME
    match later.quantity_kind:
        case "stock":
            return Reason.STOCK_MOVED
        case "cumulative" if before.is_below(after):
            return Reason.TALLY_ROSE
        case "cumulative":
            return Reason.CORRECTED if _corrects(later) else Reason.LATER_LOWER
        case _:
            return Reason.DISPUTE


def _corrects(claim: Claim) -> bool:
    return bool(_CORRECTION.search(claim.sentence))
