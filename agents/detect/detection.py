"""Change detection in the Bytewax shape: `detect(known, claim) -> (known, alerts)`.

The Faust agent keeps one `KnownClaims` per claim key in a table and only reads
and writes it; what a pair of figures means lives in `comparison`, which pairs
are compared lives here.

The alerts standing on a key are a function of its claims, not of the order
they arrived in, while its history (`history_per_key`) holds them: each claim is
placed on the key's timeline (its date; a superseded figure its article cites at
`as_of`; an undated one when it was ingested), and the timeline is read again, as
a desk reading the articles in date order would. Each figure is set against what
it changes: every rival voice named in its own article, and, of other articles'
standing figures, its own voice's previous figure and those of the latest report
days. A figure that restates its voice's standing figure, or comes from a copy,
raises nothing against other articles: that disagreement was raised when it first
appeared. An article that repeats a figure, or cites one figure of another article
several times, makes one pair of them, not one per sentence. Alerts that stand now
and did not before are raised; ones that stood and no longer do (a late figure
landed between their claims) are raised again with `status = withdrawn`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from streams.models import Alert, AlertKind, AlertStatus, Claim, Modality, Qualifier
from streams.settings import Settings

from .alerts import build_alerts
from .comparison import Finding, comparable, compare
from .intervals import interval_of
from .voices import same_voice, voice

__all__ = ["KnownClaims", "claim_time", "detect", "standing_alerts"]

_UNDATED = datetime.min.replace(tzinfo=UTC)

RECENT_DAYS = 2
"""Report days, counted back from the newest, whose standing figures a new figure from
another article is compared with (besides its own voice's previous figure): the latest
report may carry only one side of a running dispute, the day before it the other."""


_Figure = tuple[float | None, float | None]
_Said = tuple[tuple[str, datetime], _Figure, str, _Figure]
"""One report's figure set against one article's figure: a pair the desk hears once."""


class Raised(BaseModel):
    """An alert standing on the key, by the claims it pairs."""

    model_config = ConfigDict(frozen=True)

    alert_id: str
    claim_ids: list[str] = Field(description="The new claim's id first, then the earlier ones.")


class KnownClaims(BaseModel):
    """The bounded history of claims for one claim key, and the alerts standing on it."""

    model_config = ConfigDict(frozen=True)

    claims: list[Claim] = Field(default_factory=list, description="In time order.")
    raised: list[Raised] = Field(default_factory=list)

    def timeline(self) -> list[Claim]:
        return _timeline(self.claims)

    def current(self) -> list[Claim]:
        """Each voice's latest figure: where the key stands now."""
        return _standing(self.timeline())


def detect(
    known: KnownClaims, claim: Claim, settings: Settings, now: datetime | None = None
) -> tuple[KnownClaims, list[Alert]]:
    """Add `claim` to what is known about its key; return the new state and the alerts raised
    or withdrawn by it. A claim seen before changes nothing. An undated claim from an
    article without `ingested_at` stands at `now`.

    Only the timeline from the new claim on is read again: what stood before it is
    unchanged, so a claim arriving in date order costs one pass over the history, and
    dropping the oldest claim of a full history changes no alert."""
    if any(c.claim_id == claim.claim_id for c in known.claims):
        return known, []
    now = now or datetime.now(UTC)
    if claim.published_at is None and claim.ingested_at is None:
        claim = claim.model_copy(update={"ingested_at": now})
    timeline = _timeline([*known.claims, claim])
    start = next(i for i, c in enumerate(timeline) if c.claim_id == claim.claim_id)
    reread = {c.claim_id for c in timeline[start:]}
    fresh = {a.alert_id: a for a in _alerts(timeline, settings, now, start)}
    stood = {r.alert_id: r for r in known.raised if r.claim_ids[0] in reread}
    by_id = {c.claim_id: c for c in timeline}
    withdrawn = [
        _withdrawn(r, by_id, settings, now)
        for alert_id, r in stood.items()
        if alert_id not in fresh
    ]
    raised = [a for alert_id, a in fresh.items() if alert_id not in stood]

    kept = timeline[-settings.history_per_key :]
    ids = {c.claim_id for c in kept}
    standing = [r for r in known.raised if r.claim_ids[0] not in reread]
    standing += [Raised(alert_id=a.alert_id, claim_ids=_claim_ids(a)) for a in fresh.values()]
    state = KnownClaims(claims=kept, raised=[r for r in standing if ids.issuperset(r.claim_ids)])
    return state, [*withdrawn, *raised]


def standing_alerts(alerts: Iterable[Alert]) -> list[Alert]:
    """The alerts a stream of raised and withdrawn alerts leaves standing, in raising order."""
    folded: dict[str, Alert] = {}
    for alert in alerts:
        folded.pop(alert.alert_id, None)
        if alert.status is AlertStatus.RAISED:
            folded[alert.alert_id] = alert
    return list(folded.values())


def _alerts(
    timeline: list[Claim], settings: Settings, now: datetime, start: int = 0
) -> list[Alert]:
    """Read the key's timeline as a desk would: the alerts of the claims from `start` on,
    each raising what it changes (the claims before only set what stood)."""
    alerts: list[Alert] = []
    standing: dict[tuple[str, bool], Claim] = {}
    before: dict[tuple[str, bool], Claim] = {}
    quoted: set[str] = set()
    report: tuple[str, datetime] | None = None
    first = _report(timeline[start]) if start < len(timeline) else None
    said: set[_Said] = set()
    for i, new in enumerate(timeline):
        if (new.article_id, claim_time(new)) != report:
            # One report's figures are simultaneous: each is set against what stood before
            # the report, but a voice the report quotes again is its rival there, not its
            # earlier figure.
            report, before = _report(new), dict(standing)
            quoted = {voice(c) for c in timeline[i:] if (c.article_id, claim_time(c)) == report}
        if i < start and report != first:
            _stand(standing, new)
            continue
        in_article = [c for c in timeline[:i] if c.article_id == new.article_id]
        rivals = [
            c for c in _standing([c for c in in_article if comparable(c, new)]) if _rival(c, new)
        ]
        others = [
            c
            for c in before.values()
            if c.article_id != new.article_id
            and comparable(c, new)
            and (voice(c) not in quoted or same_voice(c, new))
        ]
        own = [c for c in others if same_voice(c, new)]
        copied = [c for c in timeline[:i] if _copies(new, c)]
        findings = [f for e in rivals if (f := compare(e, new, settings))]
        if not any(_restates(new, c, settings) for c in [*own, *copied]):
            findings += _recent(new, [f for e in others if (f := compare(e, new, settings))])
        _stand(standing, new)
        # One article's figure set against one figure of another: said once, by the first
        # of the article's claims that gives it, however often the article repeats it.
        findings = [f for f in findings if _said(said, new, f.earlier)]
        if i >= start:
            alerts += build_alerts(new, findings, settings, now)
    return alerts


def _stand(standing: dict[tuple[str, bool], Claim], claim: Claim) -> None:
    """`claim` becomes its voice's standing figure (a projection apart from the reports);
    a vague figure ('hundreds') never replaces a number the voice gave."""
    slot = (voice(claim) or f"#{claim.claim_id}", claim.modality == Modality.PROJECTED)
    if claim.value.qualifier is not Qualifier.VAGUE or slot not in standing:
        standing.pop(slot, None)
        standing[slot] = claim


def _rival(earlier: Claim, new: Claim) -> bool:
    """Whether two figures of one article are set against each other. Two voices, one at
    least named: the article's own count ('800,000 marched') against what police said of
    it is a dispute it reports. One named voice with two figures the article does not mark
    as superseded: the voice changed its figure (a revision). Two figures nobody is quoted
    for are the article's account moving on (a breakdown, an update), not a dispute."""
    if same_voice(earlier, new):
        return bool(earlier.attributed_to and new.attributed_to)
    return bool(earlier.attributed_to or new.attributed_to)


def _recent(new: Claim, findings: list[Finding]) -> list[Finding]:
    """Of the conflicts with other articles' figures, those `new` changes: its own voice's
    previous figure, and the figures of the latest `RECENT_DAYS` report days (older ones
    were each weighed against the reports that followed them). A voice that revises its
    own figure revises the tally: other voices' lower figures add no revision; and a
    tally that rose revises the highest of the lower figures only (on a tie, its first
    statement)."""
    own = [f for f in findings if same_voice(f.earlier, new)][-1:]
    days = sorted({claim_time(f.earlier).date() for f in findings})[-RECENT_DAYS:]
    recent = [
        f
        for f in findings
        if claim_time(f.earlier).date() in days
        and f not in own
        and not (own and f.kind is AlertKind.REVISION)
    ]
    risen = [
        f for f in recent if f.kind is AlertKind.REVISION and new.quantity_kind == "cumulative"
    ]
    if risen:
        # A tally only grows: the higher figure supersedes every lower one at once, and the
        # one it revises is the highest of them.
        nearest = min(risen, key=lambda f: f.gap)
        recent = [f for f in recent if f not in risen or f is nearest]
    return [*own, *recent]


def _copies(new: Claim, earlier: Claim) -> bool:
    """Whether `new` comes from a copy of `earlier`'s article: marked so by the duplicate
    check, or the same sentence word for word (syndication the check let through)."""
    if new.duplicate_of and earlier.article_id == new.duplicate_of:
        return True
    return _words(new.sentence) == _words(earlier.sentence)


@lru_cache(maxsize=1 << 14)
def _words(sentence: str) -> str:
    return " ".join(sentence.casefold().split())


def _restates(new: Claim, earlier: Claim, settings: Settings) -> bool:
    """Whether `new` says again what `earlier` said: a figure its interval allows, where an
    open or vague earlier figure ('more than 20', 'hundreds') is restated only by its own
    number, not by any figure above it."""
    before = interval_of(earlier.value, settings)
    if not before.overlaps(interval_of(new.value, settings)):
        return False
    bounded = math.isfinite(before.low) and math.isfinite(before.high)
    return (bounded and earlier.value.qualifier is not Qualifier.VAGUE) or (
        (earlier.value.low, earlier.value.high) == (new.value.low, new.value.high)
    )


def _withdrawn(
    raised: Raised, claims: dict[str, Claim], settings: Settings, now: datetime
) -> Alert:
    """The alert as it was raised (a pair's finding depends on the pair alone), withdrawn."""
    new, *earlier = (claims[i] for i in raised.claim_ids)
    findings = [f for e in earlier if (f := compare(e, new, settings))]
    (alert,) = build_alerts(new, findings, settings, now)
    return alert.model_copy(
        update={
            "status": AlertStatus.WITHDRAWN,
            "summary": "Withdrawn: a figure that arrived late stands between these on the "
            f"key's timeline. It said: {alert.summary}",
        }
    )


def _claim_ids(alert: Alert) -> list[str]:
    return [alert.claim.claim_id, *(c.claim_id for c in alert.contradicts)]


def claim_time(claim: Claim) -> datetime:
    """Where a claim stands in time: a superseded figure when it held, else its date, else
    when it was ingested."""
    if claim.historical and claim.as_of is not None:
        return claim.as_of
    return claim.published_at or claim.ingested_at or _UNDATED


def _timeline(claims: list[Claim]) -> list[Claim]:
    """Claims in time order; one moment's claims by article id, then as their article states
    them, so the order never depends on which article arrived first."""
    order = {c.claim_id: i for i, c in enumerate(claims)}
    return sorted(claims, key=lambda c: (claim_time(c), c.article_id, order[c.claim_id]))


def _standing(claims: list[Claim]) -> list[Claim]:
    """Each voice's standing figure among `claims` (in time order), as `_stand` keeps it."""
    standing: dict[tuple[str, bool], Claim] = {}
    for c in claims:
        _stand(standing, c)
    return list(standing.values())


def _figure(claim: Claim) -> _Figure:
    return claim.value.low, claim.value.high


def _report(claim: Claim) -> tuple[str, datetime]:
    return claim.article_id, claim_time(claim)


def _said(said: set[_Said], new: Claim, earlier: Claim) -> bool:
    """Whether the pair is new to `said`, which then holds it."""
    pair = (_report(new), _figure(new), earlier.article_id, _figure(earlier))
    if pair in said:
        return False
    said.add(pair)
    return True
