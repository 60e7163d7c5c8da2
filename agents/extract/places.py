"""Where a counted event happened, as one name per story.

Event counts (the dead, the evacuated, a crowd, people crossing a border) are
keyed by place, so every outlet must name the same one: 'Hallan province',
'the province of Hallan' and 'Hallan' are one place, and a town inside it is
not a new subject. Without a gazetteer the article itself says which place is
the story's: the country or region it names most, else the place it names most,
a headline mention counting twice.
Place names are known from the entities the tagger found, the alias table
(capitals and demonyms stand for their country) and the parse (a proper noun
after 'into', 'through', 'in'... is a place, whatever label NER gave it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from agents.extract.syntax import SentenceTree
from agents.tag.aliases import AliasTable, display_name
from streams.models import TaggedArticle

__all__ = ["ClausePlace", "clause_places", "is_top_level", "main_place", "place_name"]

_ADMIN = (
    "province|region|county|district|state|prefecture|governorate|oblast|department"
    "|municipality|territory|canton"
)
_ADMIN_SUFFIX = re.compile(rf"\s+(?:{_ADMIN})$", re.IGNORECASE)
_ADMIN_PREFIX = re.compile(rf"^(?:the\s+)?(?:{_ADMIN})\s+of\s+", re.IGNORECASE)
_OPENERS = "The|In|Into|On|At|From|To|Across|Near|Inside|Within|Throughout|After|Since|And|But"
_WORD = rf"(?!(?:{_OPENERS})\b)[A-Z][\w'’-]*"
_NAME = rf"{_WORD}(?:\s+{_WORD})*"
_REGION = "province|region|county|district|prefecture|governorate|oblast|municipality"
_REGION_NAMED = re.compile(rf"\b{_NAME}\s+(?i:{_REGION})\b|\b(?i:{_REGION})\s+of\s+{_NAME}")
"""'Hallan province', 'province of Hallan': a place by its wording, whatever NER labels it
('State' and 'Department' also name offices, so they do not count here; a capitalised
word that opens a sentence, 'In Hallan province', is not part of the name)."""
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NOT_PLACES = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY"})
_LOCATIVE = frozenset(
    {"in", "into", "to", "inside", "within", "at", "near", "across", "through", "throughout"}
    | {"from", "on", "towards", "toward", "around", "onto"}
)
_ONLY_PLACES = frozenset({"in", "into", "inside", "within", "through", "throughout", "across"})
"""After these a proper noun is a place even when NER took it for a person ('in Dunmore')."""
_ORIGINS = frozenset({"from"})
_CLAUSES = frozenset({"ccomp", "advcl", "parataxis", "conj", "relcl", "xcomp", "csubj", "mark"})
_TITLE_WEIGHT = 2


@dataclass(frozen=True, slots=True)
class ClausePlace:
    """A place named in a figure's clause, as written, and the preposition before it."""

    text: str
    prep: str

    @property
    def is_origin(self) -> bool:
        return self.prep in _ORIGINS


def place_name(text: str, table: AliasTable) -> str:
    """The canonical place: 'Hallan province' == 'the province of Hallan' == 'Hallan'."""
    known = table.lookup(text)
    if known is not None:
        return known.canonical
    name = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", display_name(text)))
    return table.canonical(name)


def is_top_level(text: str, table: AliasTable) -> bool:
    """A country the alias table knows, or a name written as a region ('X province')."""
    known = table.lookup(text)
    if known is not None:
        return known.label in _PLACE_LABELS and known.acts_for is None
    return bool(_ADMIN_SUFFIX.search(text) or _ADMIN_PREFIX.search(text))


def main_place(tagged: TaggedArticle, trees: Iterable[SentenceTree], table: AliasTable) -> str:
    """The place the article names most (headline twice); '' when it names none.

    Countries and regions ('Alder County') win over bare names, which may be
    towns inside them.
    """
    surfaces: dict[str, set[str]] = {}
    for text in _place_mentions(tagged, trees, table):
        name = place_name(text, table)
        if name:
            surfaces.setdefault(name, {name}).add(display_name(text))
    for phrase, alias in table:
        if alias.canonical in surfaces and alias.label in _PLACE_LABELS:
            surfaces[alias.canonical].add(phrase)
    texts = [tagged.title or "", *tagged.sentences]
    weights = [_TITLE_WEIGHT - 1, *(1 for _ in tagged.sentences)]
    top = {name for name in surfaces if any(is_top_level(f, table) for f in surfaces[name])}
    best, best_count = "", 0
    for name, forms in surfaces.items():
        if top and name not in top:
            continue
        count = sum(w * _mentions(t, forms) for t, w in zip(texts, weights, strict=True))
        if count > best_count:
            best, best_count = name, count
    return best


def _mentions(text: str, forms: Iterable[str]) -> int:
    """How often `text` names one of `forms` as whole words, a longer form first and none
    counted inside another ('Hallan province' once, not also 'Hallan').

    Plain string search: a regex built for each candidate place of each article was a
    compile on the extraction hot path.
    """
    found = sorted((start, -len(form)) for form in forms if form for start in _at(text, form))
    count, end = 0, 0
    for start, minus_length in found:
        if start >= end:
            count, end = count + 1, start - minus_length
    return count


def _at(text: str, form: str) -> Iterator[int]:
    """Where `form` starts in `text` with no word character just before or after it."""
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        if not (_is_word(text, start - 1) or _is_word(text, end)):
            yield start
        start = text.find(form, start + 1)


def _is_word(text: str, i: int) -> bool:
    """Whether text[i] is what a regex's \\w matches (False outside the text)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def clause_places(tree: SentenceTree, noun: int | None, verb: int | None) -> list[ClausePlace]:
    """Places in the figure's own clause, destinations and locations before origins; a source
    ('according to the U.S.') is not a place."""
    scope: list[int] = tree.subtree(noun) if noun is not None else []
    if verb is not None:
        for child in tree.children(verb):
            if child != noun and not _is_clause(tree, child) and tree.lemma(child) != "accord":
                scope += _clause_subtree(tree, child)
    found: list[ClausePlace] = []
    for i in sorted(set(scope)):
        text = _place_at(tree, i)
        if text is not None and all(p.text != text for p in found):
            found.append(ClausePlace(text, _preposition(tree, i)))
    return sorted(found, key=lambda p: p.is_origin)


def _clause_subtree(tree: SentenceTree, i: int) -> list[int]:
    found, stack = [], [i]
    while stack:
        k = stack.pop()
        found.append(k)
        stack += [c for c in tree.children(k) if not _is_clause(tree, c)]
    return found


def _is_clause(tree: SentenceTree, i: int) -> bool:
    return tree[i].dep in _CLAUSES and tree.is_verbal(i)


def _place_at(tree: SentenceTree, i: int) -> str | None:
    """The place a token starts: a GPE/LOC entity, or a proper noun after a locative preposition."""
    entity = tree.entity_of[i]
    first = entity is None or tree[i].start == entity.start
    if entity is not None and entity.label in _PLACE_LABELS and first:
        return entity.text
    head = tree.head(i)
    if tree[i].pos != "PROPN" or tree[i].dep != "pobj" or head is None:
        return None
    prep = tree.lemma(head)
    if prep not in _LOCATIVE:
        return None
    if entity is not None:
        place = entity.label not in _NOT_PLACES or (
            entity.label == "PERSON" and prep in _ONLY_PLACES
        )
        return entity.text if place and first else None
    words = [k for k in tree.children(i, "compound") if tree[k].pos == "PROPN"] + [i]
    return " ".join(tree[k].text for k in sorted(words))


def _preposition(tree: SentenceTree, i: int) -> str:
    return next((tree.lemma(a) for a in tree.ancestors(i) if tree[a].pos == "ADP"), "")


def _place_mentions(
    tagged: TaggedArticle, trees: Iterable[SentenceTree], table: AliasTable
) -> Sequence[str]:
    """Every written place name: GPE/LOC entities, names written as regions ('Hallan
    province'), known demonyms, proper nouns after 'into'."""
    found = [e.text for e in tagged.entities if e.label in _PLACE_LABELS]
    found += [m.group() for text in tagged.sentences for m in _REGION_NAMED.finditer(text)]
    for entity in tagged.entities:
        known = table.lookup(entity.text) if entity.label == "NORP" else None
        if known is not None and known.label in _PLACE_LABELS:
            found.append(entity.text)
    for tree in trees:
        found += [text for i in range(len(tree.tokens)) if (text := _place_at(tree, i))]
    return found
