"""spaCy component: mark the figures of each sentence, so only those sentences are kept parsed.

Figures go to `doc.spans["figures"]`; `Span._.has_figure` says whether a
sentence (any span) holds one. It uses the claim extractor's own figure
parser, so a sentence is kept exactly when extraction could find a figure in it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from agents.extract.figures import parse_figures

__all__ = ["FIGURES", "FIGURE_DETECTOR", "detect_figures"]

FIGURE_DETECTOR = "claimwatch_figures"
FIGURES = "figures"


def _has_figure(span: Span) -> bool:
    figures = span.doc.spans[FIGURES] if FIGURES in span.doc.spans else ()
    return any(span.start <= figure.start < span.end for figure in figures)


if not Span.has_extension("has_figure"):
    Span.set_extension("has_figure", getter=_has_figure)


@Language.component(FIGURE_DETECTOR)
def detect_figures(doc: Doc) -> Doc:
    sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    found = []
    for sent in sentences:
        for figure in parse_figures(sent.text):
            start = sent.start_char + figure.start
            span = doc.char_span(start, sent.start_char + figure.end, alignment_mode="expand")
            if span is not None:
                found.append(span)
    doc.spans[FIGURES] = found
    return doc
