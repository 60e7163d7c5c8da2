"""The count-type taxonomy (quantities.json): what a figure counts and how that count moves.

A claim's measure is a count type ('deaths', 'missing', 'crowd') with the counted
population when it is not the general public ('officers injured'). The type's
kind tells the detector how two figures of it relate over time: a cumulative
tally only grows unless corrected, a stock moves either way, a per-event count
belongs to one day. The words are lemmas looked up at run time; which word of
a sentence is asked first is the parse's business (agents/extract/claims.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

__all__ = ["QuantityKind", "Taxonomy", "taxonomy"]


class QuantityKind(StrEnum):
    CUMULATIVE = "cumulative"
    STOCK = "stock"
    PER_EVENT = "per_event"


@dataclass(frozen=True, slots=True)
class Taxonomy:
    kinds: dict[str, QuantityKind]
    words: dict[str, str]
    verb_words: dict[str, str]
    noun_words: dict[str, str]
    implied_by: dict[str, str]
    combined: dict[frozenset[str], str]
    negated: dict[str, str]
    populations: dict[str, str]
    tallies: frozenset[str]
    persons: frozenset[str]
    of_people: frozenset[str]
    of_things: frozenset[str]
    not_people: frozenset[str]
    plain: dict[str, frozenset[str]]
    attributes: dict[str, str]

    def type_of(self, lemma: str, pos: str) -> str | None:
        """The count type a word names, its part of speech deciding where that matters."""
        if pos in ("VERB", "AUX") and lemma in self.verb_words:
            return self.verb_words[lemma]
        if pos in ("NOUN", "PROPN") and lemma in self.noun_words:
            return self.noun_words[lemma]
        return self.words.get(lemma)

    def combine(self, first: str, second: str) -> str | None:
        """'killed and wounded' under one number: casualties."""
        return self.combined.get(frozenset((first, second)))

    def related(self, first: str, second: str) -> bool:
        """One type, or one a part of the other ('deaths' of 'casualties'), or both parts of one."""
        if first == second:
            return True
        return any({first, second} <= parts | {both} for parts, both in self.combined.items())

    def kind(self, count_type: str) -> QuantityKind:
        return self.kinds.get(count_type, QuantityKind.CUMULATIVE)


@cache
def taxonomy() -> Taxonomy:
    """The packaged taxonomy, read once per process."""
    data = json.loads(resources.files(__package__).joinpath("quantities.json").read_text("utf-8"))
    types = data["types"]

    def table(field: str) -> dict[str, str]:
        return {word: name for name, spec in types.items() for word in spec.get(field, [])}

    return Taxonomy(
        kinds={name: QuantityKind(spec["kind"]) for name, spec in types.items()},
        words=table("words"),
        verb_words=table("verb_words"),
        noun_words=table("noun_words"),
        implied_by=data["implied_by"],
        combined={frozenset((a, b)): both for a, b, both in data["combined"]},
        negated=data["negated"],
        populations=data["populations"],
        tallies=frozenset(data["tallies"]),
        persons=frozenset(data["persons"]),
        of_people=frozenset(data["of_people"]),
        of_things=frozenset(data["of_things"]),
        not_people=frozenset(data["not_people"]),
        plain={name: frozenset(types) for name, types in data["plain"].items()},
        attributes={word: name for name, words in data["attributes"].items() for word in words},
    )
