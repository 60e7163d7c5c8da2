"""Findings turned into alerts: one per kind for each new claim, with a stable id."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.models import Alert, AlertKind, Claim, FigureValue, Qualifier, Severity, stable_id
from streams.settings import Settings

from .comparison import Finding

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
    """A contradiction alert and/or a revision alert; earlier claims listed most severe first."""
    raised_at = now or datetime.now(UTC)
    alerts = []
    for kind in (AlertKind.CONTRADICTION, AlertKind.REVISION):
        ranked = sorted(
            (f for f in findings if f.kind == kind), key=lambda f: (-f.gap, f.earlier.claim_id)
        )
        if not ranked:
            continue
        earlier = [f.earlier for f in ranked]
        alerts.append(
            Alert(
                alert_id=stable_id(
                    kind.value, claim.claim_id, *sorted(c.claim_id for c in earlier)
                ),
                kind=kind,
                key_text=claim.key_text,
                claim=claim,
                contradicts=earlier,
                severity=severity_of(ranked[0].gap, settings),
                gap=ranked[0].gap,
                summary=_summary(kind, claim, earlier),
                raised_at=raised_at,
            )
        )
    return alerts


def _summary(kind: AlertKind, claim: Claim, earlier: list[Claim]) -> str:
    first, others = earlier[0], len(earlier) - 1
    more = f" and {others} other earlier figure{'s' if others > 1 else ''}" if others else ""
    if kind == AlertKind.REVISION:
        return (
            f'Revision on "{claim.key_text}": {_who(claim)} now gives {_figure(claim.value)} '
            f"({_when(claim)}), replacing {_figure(first.value)} "
            f"({_who(first)}, {_when(first)}){more}."
        )
    return (
        f'Contradiction on "{claim.key_text}": {_figure(claim.value)} '
        f"({_who(claim)}, {_when(claim)}) against {_figure(first.value)} "
        f"({_who(first)}, {_when(first)}){more}."
    )


def _who(claim: Claim) -> str:
    if claim.attributed_to and claim.source:
        return f"{claim.attributed_to} via {claim.source}"
    return claim.attributed_to or claim.source or "unknown source"


def _when(claim: Claim) -> str:
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
