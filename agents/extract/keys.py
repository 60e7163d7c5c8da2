"""Claim keys: story x quantity x scope, read as a person would say it.

'Hallan earthquake | deaths | Dova', 'Calder march | crowd | 2025-04-05'.
The subject is the story (agents/extract/claims.py says which), the measure a
count type with its population (agents/extract/quantities.py), the scope what
narrows it (agents/extract/scope.py). The speaker is never part of the key: it
decides whether two figures of one key are a revision or a contradiction.
"""

from __future__ import annotations

from agents.extract.scope import Scope
from streams.models import ClaimKey

__all__ = ["build_key"]


def build_key(subject: str, measure: str, scope: Scope | None = None) -> ClaimKey:
    """The key of a claim; whitespace is collapsed so one wording gives one key."""
    scope = scope or Scope()
    return ClaimKey(
        subject=_tidy(subject),
        measure=_tidy(measure).lower(),
        scope=scope.text,
        place=scope.place or None,
        group=scope.group or None,
        period=scope.period or None,
        window=scope.window or None,
        increment=scope.increment,
    )


def _tidy(text: str) -> str:
    return " ".join(text.replace("|", " ").split())
