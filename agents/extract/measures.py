"""The measure vocabulary (measures.json): which words say what a figure counts, who says so,
and whether it is a report, an estimate or a projection."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Vocabulary", "vocabulary"]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    counted: dict[str, str]
    events: dict[str, str]
    outcomes: dict[str, str]
    combined: tuple[tuple[str, str, str], ...]
    implied: dict[str, str]
    joining: frozenset[str]
    actors: frozenset[str]
    needs_event: frozenset[str]
    tallies: frozenset[str]
    scope: dict[str, str]
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    speaker_roles: frozenset[str]
    modals: frozenset[str]
    projecting: frozenset[str]
    estimating: frozenset[str]

    def outcome(self, lemmas: Iterable[str]) -> str | None:
        """The outcome the words name; 'killed' with 'wounded' is 'killed_or_wounded'; a tally
        that implies one ('the toll') names it when no other word does."""
        words = list(lemmas)
        found = [self.outcomes[lemma] for lemma in words if lemma in self.outcomes]
        for first, second, both in self.combined:
            if first in found and second in found:
                return both
        return found[0] if found else self.first(self.implied, words)

    def keyed_by_place(self, measure: str) -> bool:
        """Whether a measure is keyed by where it happens rather than by who acts."""
        return measure.split("_")[0] not in self.actors

    def first(self, table: dict[str, str], lemmas: Iterable[str]) -> str | None:
        return next((table[lemma] for lemma in lemmas if lemma in table), None)

    def scope_of(self, words: Iterable[str]) -> str:
        return next((self.scope[word] for word in words if word in self.scope), "")


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process."""
    data = json.loads(resources.files(__package__).joinpath("measures.json").read_text("utf-8"))
    scope = {word: name for name, words in data["scope"].items() for word in words}
    return Vocabulary(
        counted=data["counted"],
        events=data["events"],
        outcomes=data["outcomes"],
        combined=tuple((a, b, c) for a, b, c in data["combined"]),
        implied=data["implied"],
        joining=frozenset(data["joining"]),
        actors=frozenset(data["actors"]),
        needs_event=frozenset(data["needs_event"]),
        tallies=frozenset(data["tallies"]),
        scope=scope,
        reporting_verbs=frozenset(data["reporting_verbs"]),
        reporting_nouns=frozenset(data["reporting_nouns"]),
        speaker_roles=frozenset(data["speaker_roles"]),
        modals=frozenset(data["modals"]),
        projecting=frozenset(data["projecting"]),
        estimating=frozenset(data["estimating"]),
    )
