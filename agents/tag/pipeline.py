"""Load the spaCy pipeline once per worker, with claimwatch's components added."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from agents.tag.canonical import CANONICALISER
from agents.tag.figure_detector import FIGURE_DETECTOR

__all__ = ["PARSE_PIPES", "load_nlp"]

PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""Run on the sentences with a figure only: the rest of the text needs sentences and
entities, which the senter and the NER (each with its own tok2vec) give."""


def load_nlp(model: str, aliases: Iterable[Path | str] = ()) -> Language:
    """The model plus the entity canonicaliser and the figure detector.

    `aliases` are extra alias files (same shape as the packaged aliases.json).
    The statistical senter is enabled: it splits every paragraph into sentences, and the
    parser runs on the sentences with a figure only (`agents.tag.tagging`).

    Matrix products go to NumPy's OpenBLAS on one thread rather than to thinc's
    default BLIS: the BLIS build in the `blis` wheel runs its generic reference
    kernel on CPUs it does not recognise (AMD Zen 5 here), which made the NER
    1.7x slower; OpenBLAS picks its kernel at run time. One thread, because a
    worker scales by processes: OpenBLAS threads of two workers on two cores
    made tagging 2-3x slower.
    """
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    after = "ner" if "ner" in nlp.pipe_names else None
    config = {"aliases": [str(p) for p in aliases]}
    if after:
        nlp.add_pipe(CANONICALISER, after=after, config=config)
    else:
        nlp.add_pipe(CANONICALISER, config=config)
    nlp.add_pipe(FIGURE_DETECTOR, last=True)
    return nlp
