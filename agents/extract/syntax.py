"""Navigation over a stored parse (`ParsedSentence`) and the entities of its sentence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from streams.models import Entity, ParsedSentence, Token

__all__ = ["COUNTRY_LABELS", "SentenceTree"]

COUNTRY_LABELS = frozenset({"GPE", "NORP"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SPEAKER_LABELS = frozenset({"ORG", "PERSON"})
_VERBAL = frozenset({"VERB", "AUX"})


class SentenceTree:
    """Heads, children and entities of one parsed sentence, by token index."""

    def __init__(self, parsed: ParsedSentence, entities: Sequence[Entity]) -> None:
        self.tokens: list[Token] = parsed.tokens
        self.kids: list[list[int]] = [[] for _ in self.tokens]
        for i, token in enumerate(self.tokens):
            if token.head != i:
                self.kids[token.head].append(i)
        self.entity_of: list[Entity | None] = [
            next((e for e in entities if e.start <= t.start < e.end), None) for t in self.tokens
        ]

    def __getitem__(self, i: int) -> Token:
        return self.tokens[i]

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def head(self, i: int) -> int | None:
        head = self.tokens[i].head
        return None if head == i else head

    def children(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.kids[i] if not deps or self.tokens[k].dep in deps]

    def subtree(self, i: int) -> list[int]:
        found, stack = [], [i]
        while stack:
            k = stack.pop()
            found.append(k)
            stack.extend(self.kids[k])
        return sorted(found)

    def ancestors(self, i: int) -> Iterator[int]:
        head = self.head(i)
        while head is not None:
            yield head
            head = self.head(head)

    def in_span(self, start: int, end: int) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if start <= t.start < end]

    def anchor(self, start: int, end: int) -> int | None:
        """The figure's syntactic head: its token whose head lies outside the figure."""
        inside = self.in_span(start, end)
        heads = [i for i in inside if self.head(i) not in inside]
        numeric = [i for i in heads if self.tokens[i].pos in ("NUM", "NOUN")]
        chosen = numeric or heads
        return chosen[-1] if chosen else None

    def governing_verb(self, i: int) -> int | None:
        """The nearest verb above a token, through nouns, prepositions and adjectives."""
        return next((a for a in self.ancestors(i) if self.tokens[a].pos in _VERBAL), None)

    def is_verbal(self, i: int) -> bool:
        return self.tokens[i].pos in _VERBAL

    def entities_in(self, indices: Iterable[int]) -> list[Entity]:
        seen: list[Entity] = []
        for i in indices:
            entity = self.entity_of[i]
            if entity is not None and entity not in seen:
                seen.append(entity)
        return seen

    def country(self, indices: Iterable[int]) -> Entity | None:
        return next((e for e in self.entities_in(indices) if e.label in COUNTRY_LABELS), None)

    def place(self, indices: Iterable[int]) -> Entity | None:
        return next((e for e in self.entities_in(indices) if e.label in _PLACE_LABELS), None)

    def speakers(self, indices: Iterable[int]) -> list[Entity]:
        """Who a phrase names as a source: organisations and people first, else countries."""
        entities = self.entities_in(indices)
        named = [e for e in entities if e.label in _SPEAKER_LABELS]
        return named or [e for e in entities if e.label in COUNTRY_LABELS]
