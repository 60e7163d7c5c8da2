"""Change detection in the Bytewax shape: `detect(known, claim) -> (known, alerts)`.

The Faust agent keeps one `KnownClaims` per claim key in a table and only reads
and writes it; everything about what conflicts lives in `comparison`.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from streams.models import Alert, Claim
from streams.settings import Settings

from .alerts import build_alerts
from .comparison import comparable, compare, is_repeat, published_before, same_voice

__all__ = ["KnownClaims", "detect"]


class KnownClaims(BaseModel):
    """The bounded history of claims for one claim key, oldest arrival first."""

    model_config = ConfigDict(frozen=True)

    claims: list[Claim] = Field(default_factory=list)


def detect(
    known: KnownClaims, claim: Claim, settings: Settings, now: datetime | None = None
) -> tuple[KnownClaims, list[Alert]]:
    """Compare `claim` with what is known about its key; return the new history and any alerts.

    Repeats and copies are ignored. A claim its own voice has since replaced
    (an older article arriving late) is ignored too. Otherwise the claim joins
    the history, replacing earlier figures from the same voice, and the history
    keeps the `history_per_key` latest arrivals.
    """
    if claim.duplicate_of or any(is_repeat(earlier, claim) for earlier in known.claims):
        return known, []
    peers = [earlier for earlier in known.claims if comparable(earlier, claim)]
    if any(same_voice(e, claim) and published_before(claim, e) for e in peers):
        return known, []
    findings = [f for earlier in peers if (f := compare(earlier, claim, settings))]
    replaced = {earlier.claim_id for earlier in peers if same_voice(earlier, claim)}
    kept = [c for c in known.claims if c.claim_id not in replaced] + [claim]
    history = KnownClaims(claims=kept[-settings.history_per_key :])
    return history, build_alerts(claim, findings, settings, now)
