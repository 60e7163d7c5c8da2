"""Change detection in the Bytewax shape: `detect(known, claim) -> (known, alerts)`.

The Faust agent keeps one `KnownClaims` per claim key in a table and only reads
and writes it; what conflicts with what lives in `comparison`, and which pairs
to compare lives here.

Claims reach the detector in no particular order (partitions are processed in
parallel, outlets publish late), so pairs are chosen on the key's timeline,
not by arrival: a figure is compared with each voice's figure standing when it
was published (that voice's latest at or before it). A claim that arrives late
is compared both ways: with what stood before it, and with every later figure
it stood against. So whatever the arrival order, every pair a reader going
through the articles in date order would flag is raised. A late figure cannot
retract an alert already sent that it would have prevented (a voice's
in-between figure closing a gap); those stay raised.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from streams.models import Alert, Claim
from streams.settings import Settings

from .alerts import build_alerts
from .comparison import comparable, compare, is_repeat, voice

__all__ = ["KnownClaims", "detect"]

_UNDATED = datetime.min.replace(tzinfo=UTC)


class KnownClaims(BaseModel):
    """The bounded history of claims for one claim key, in arrival order."""

    model_config = ConfigDict(frozen=True)

    claims: list[Claim] = Field(default_factory=list)

    def timeline(self) -> list[Claim]:
        """The claims in time order (date, else when ingested)."""
        return [c for _, c in sorted(_positions(self.claims), key=lambda item: item[0])]

    def current(self) -> list[Claim]:
        """Each voice's latest figure: where the key stands now."""
        return _standing(self.claims)


def detect(
    known: KnownClaims, claim: Claim, settings: Settings, now: datetime | None = None
) -> tuple[KnownClaims, list[Alert]]:
    """Compare `claim` with what is known about its key; return the new history and any alerts.

    Repeats and copies are ignored. An undated claim from an article without
    `ingested_at` counts as published `now`. The history keeps the latest
    `history_per_key` claims in time order.
    """
    if claim.duplicate_of or any(is_repeat(earlier, claim) for earlier in known.claims):
        return known, []
    now = now or datetime.now(UTC)
    if claim.published_at is None and claim.ingested_at is None:
        claim = claim.model_copy(update={"ingested_at": now})
    claims = [*known.claims, claim]
    position = {c.claim_id: p for p, c in _positions(claims)}
    peers = [c for c in known.claims if comparable(c, claim)]
    earlier = [c for c in peers if position[c.claim_id] < position[claim.claim_id]]
    later = [c for c in peers if position[c.claim_id] > position[claim.claim_id]]

    findings = [f for e in _standing(earlier) if (f := compare(e, claim, settings))]
    alerts = build_alerts(claim, findings, settings, now)
    for newer in sorted(later, key=lambda c: position[c.claim_id]):
        between = (position[claim.claim_id], position[newer.claim_id])
        if _replaced(claim, peers, position, between):
            break
        if finding := compare(claim, newer, settings):
            alerts += build_alerts(newer, [finding], settings, now)

    kept = sorted(claims, key=lambda c: position[c.claim_id])[-settings.history_per_key :]
    ids = {c.claim_id for c in kept}
    return KnownClaims(claims=[c for c in claims if c.claim_id in ids]), alerts


Position = tuple[datetime, int]


def _positions(claims: list[Claim]) -> list[tuple[Position, Claim]]:
    """Where each claim sits in time: its date, else when it was ingested, then arrival.

    Claims of one moment keep their arrival order, so the later one to arrive
    is the alert's new figure, as a reader following the feed would see it.
    """
    return [((c.published_at or c.ingested_at or _UNDATED, i), c) for i, c in enumerate(claims)]


def _voice_key(claim: Claim) -> str:
    """Whose figure it is; a claim nobody stands behind is a voice of its own."""
    return voice(claim) or f"#{claim.claim_id}"


def _standing(claims: list[Claim]) -> list[Claim]:
    """Each voice's latest figure among `claims` (in arrival order), in time order."""
    latest: dict[str, Claim] = {}
    for c in KnownClaims(claims=claims).timeline():
        latest.pop(_voice_key(c), None)
        latest[_voice_key(c)] = c
    return list(latest.values())


def _replaced(
    claim: Claim,
    peers: list[Claim],
    position: dict[str, Position],
    between: tuple[Position, Position],
) -> bool:
    """Whether `claim`'s voice gave another figure in the open interval `between`."""
    low, high = between
    return any(
        _voice_key(c) == _voice_key(claim) and low < position[c.claim_id] < high for c in peers
    )
