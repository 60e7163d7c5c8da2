"""Findings turned into alerts: one per kind for each new claim, with a stable id.

Severity: a contradiction's grows with the gap between the figures; a revision
up (a tally rising) is low; a revision down at least medium, since a figure
taken back is news a desk must act on.
"""

from __future__ import annotations

from datetime import UTC, datetime

from streams.models import Alert, AlertKind, Claim, FigureValue, Qualifier, Severity, stable_id
from streams.settings import Settings

from .comparison import Finding, Reason
from .voices import outlet, same_voice

__all__ = ["build_alerts", "severity_of"]


def severity_of(gap: float, settings: Settings) -> Severity:
    if gap >= settings.severity_high:
        return Severity.HIGH
    if gap >= settings.severity_medium:
        return Severity.MEDIUM
    return Severity.LOW


def build_alerts(
    claim: Claim, findings: list[Finding], settings: Settings, now: datetime | None = None
) -> list[Alert]:
    """A contradiction alert and/or a revision alert; earlier claims listed most severe first
    (a revision's own voice's earlier figure before all)."""
    raised_at = now or datetime.now(UTC)
    alerts = []
    for kind in (AlertKind.CONTRADICTION, AlertKind.REVISION):
        # A revision names first the voice's own earlier figure, the one it replaces.
        ranked = sorted(
            (f for f in findings if f.kind == kind),
            key=lambda f: (not same_voice(f.earlier, claim), -f.gap, f.earlier.claim_id),
        )
        if not ranked:
            continue
        earlier = [f.earlier for f in ranked[: settings.max_earlier_per_alert]]
        alerts.append(
            Alert(
                alert_id=stable_id(
                    kind.value, claim.claim_id, *sorted(c.claim_id for c in earlier)
                ),
                kind=kind,
                key_text=claim.key_text,
                claim=claim,
                contradicts=earlier,
                omitted=len(ranked) - len(earlier),
                severity=_severity(ranked[0], settings),
                gap=ranked[0].gap,
                summary=_summary(ranked[0], claim, len(ranked) - 1),
                raised_at=raised_at,
            )
        )
    return alerts


def _severity(finding: Finding, settings: Settings) -> Severity:
    by_gap = severity_of(finding.gap, settings)
    if finding.kind is AlertKind.CONTRADICTION:
        return by_gap
    if not finding.down:
        return Severity.LOW
    return Severity.HIGH if by_gap is Severity.HIGH else Severity.MEDIUM


def _summary(finding: Finding, claim: Claim, others: int) -> str:
    """What changed, and why the two figures are comparable (one story, quantity, scope)."""
    first = finding.earlier
    more = f" and {others} other earlier figure{'s' if others > 1 else ''}" if others else ""
    head = f'{finding.kind.value.capitalize()} on "{claim.key_text}": '
    if finding.kind is AlertKind.REVISION:
        what = (
            f"{_who(claim)} now gives {_figure(claim.value)} ({_when(claim)}), "
            f"{'down' if finding.down else 'up'} from {_figure(first.value)} "
            f"({_who(first)}, {_when(first)}){more}"
        )
    else:
        what = (
            f"{_figure(claim.value)} ({_who(claim)}, {_when(claim)}) against "
            f"{_figure(first.value)} ({_who(first)}, {_when(first)}){more}"
        )
    return f"{head}{what}. {_why(finding, claim)}"


_WHY = {
    Reason.SAME_VOICE: "; one voice changed its figure.",
    Reason.SAME_TIME: "; two voices at the same time disagree.",
    Reason.STOCK_MOVED: ", a level that moves either way; a later figure replaces it.",
    Reason.TALLY_ROSE: ", a tally that only grows; the later figure is higher.",
    Reason.CORRECTED: "; the later, lower figure says it corrects the earlier.",
    Reason.LATER_LOWER: "; a later voice gives less, with no correction stated.",
    Reason.DISPUTE: "; two voices disagree.",
}


def _why(finding: Finding, claim: Claim) -> str:
    key = claim.key
    scope = f", {key.scope}" if key.scope else ""
    story = f' in the story "{claim.story}"' if claim.story else ""
    return f"Both count {key.measure}{scope}{story}{_WHY[finding.reason]}"


def _who(claim: Claim) -> str:
    source = outlet(claim)
    if claim.attributed_to and source:
        return f"{claim.attributed_to} via {source}"
    return claim.attributed_to or source or "unknown source"


def _when(claim: Claim) -> str:
    if claim.historical and claim.as_of is not None:
        return f"before {claim.as_of.date().isoformat()}"
    return claim.published_at.date().isoformat() if claim.published_at else "undated"


def _figure(value: FigureValue) -> str:
    """The figure's own words, else a rendering of its bounds."""
    if value.text:
        return value.text
    low, high = (f"{n:,g}" if n is not None else "?" for n in (value.low, value.high))
    match value.qualifier:
        case Qualifier.MORE_THAN | Qualifier.AT_LEAST:
            return f"{value.qualifier.value.replace('_', ' ')} {low}"
        case Qualifier.UP_TO | Qualifier.AT_MOST:
            return f"{value.qualifier.value.replace('_', ' ')} {high}"
        case Qualifier.RANGE:
            return f"{low}-{high}"
        case _:
            return low
