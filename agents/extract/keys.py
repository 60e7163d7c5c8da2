"""Claim keys: coarse enough that outlets wording the same quantity differently share one.

subject = the canonical actor (a person or agency is replaced by the country it
acts for), measure = a normalised measure ('troops_sent'), scope = a small
qualifier ('additional' or ''). Time and place words stay out of the key.
"""

from __future__ import annotations

import re

from agents.tag.aliases import AliasTable, default_aliases
from streams.models import ClaimKey

__all__ = ["build_key"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def build_key(
    subject: str, measure: str, scope: str = "", aliases: AliasTable | None = None
) -> ClaimKey:
    """The key of a claim; subject names pass through the alias table to their actor."""
    table = aliases or default_aliases()
    actor = table.actor(table.canonical(subject)) if subject.strip() else ""
    return ClaimKey(subject=actor, measure=_slug(measure), scope=_slug(scope))


def _slug(text: str) -> str:
    return _NOT_WORD.sub("_", text.strip().lower()).strip("_")
