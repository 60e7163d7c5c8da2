"""Load the spaCy pipeline once per worker, with claimwatch's components added."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from agents.tag.canonical import CANONICALISER
from agents.tag.figure_detector import FIGURE_DETECTOR

__all__ = ["PARSE_ONLY", "SPLIT_ONLY", "load_nlp"]

SPLIT_ONLY = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""Skipped on paragraphs without a figure: they need sentences and entities only."""
PARSE_ONLY = ("senter",)
"""Skipped on paragraphs with a figure: the parser splits their sentences."""


def load_nlp(model: str, aliases: Iterable[Path | str] = ()) -> Language:
    """The model plus the entity canonicaliser and the figure detector.

    `aliases` are extra alias files (same shape as the packaged aliases.json).
    The statistical senter is enabled for paragraphs that need no parse.
    """
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
