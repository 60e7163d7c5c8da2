"""The reporting vocabulary (measures.json): who says a figure, and whether it is a report, an
estimate or a projection. What a figure counts is agents/extract/quantities.py's."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Vocabulary", "vocabulary"]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    speaker_roles: frozenset[str]
    modals: frozenset[str]
    projecting: frozenset[str]
    estimating: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process."""
    data = json.loads(resources.files(__package__).joinpath("measures.json").read_text("utf-8"))
    return Vocabulary(
        **{field: frozenset(data[field]) for field in Vocabulary.__dataclass_fields__}
    )
