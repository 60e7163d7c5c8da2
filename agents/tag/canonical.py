"""spaCy component: give every entity a canonical name (`Span._.canonical`).

Alias phrases found by a case-sensitive phrase matcher become entities too, so
descriptions and spellings the NER model misses (an agency described by its role)
are tagged, and the component works on `spacy.blank("en")`. A matched alias
wins over an NER entity it overlaps when it is at least as long.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from agents.tag.aliases import AliasTable, load_aliases

__all__ = ["CANONICALISER", "EntityCanonicaliser"]

CANONICALISER = "claimwatch_canonical"
_PLACE_LABELS = {"GPE", "NORP", "LOC"}

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)


class EntityCanonicaliser:
    def __init__(self, nlp: Language, table: AliasTable) -> None:
        self.table = table
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for phrase, alias in table:
            variants = {phrase, phrase.replace("'", "’"), phrase[:1].upper() + phrase[1:]}
            self.matcher.add(alias.label, [nlp.make_doc(v) for v in variants])

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self.merge(doc, self.match(doc))
        for ent in doc.ents:
            ent._.canonical = self.table.canonical(ent.text)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Alias phrases in the doc, labelled as the table says."""
        return [Span(doc, start, end, label=label) for label, start, end in self.matcher(doc)]

    def merge(self, doc: Doc, matched: Iterable[Span]) -> list[Span]:
        """NER entities and alias matches, longest first; known names take the table's label."""
        spans = filter_spans([*matched, *doc.ents])
        relabelled = []
        for span in spans:
            known = self.table.lookup(span.text)
            keep = known is None or {known.label, span.label_} <= _PLACE_LABELS
            label = span.label_ if keep or known is None else known.label
            relabelled.append(Span(doc, span.start, span.end, label=label))
        return relabelled


@Language.factory(CANONICALISER, default_config={"aliases": []})
def make_canonicaliser(nlp: Language, name: str, aliases: list[str]) -> EntityCanonicaliser:
    return EntityCanonicaliser(nlp, load_aliases(Path(p) for p in aliases))
