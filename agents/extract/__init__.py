"""Claim extraction stage: pure Python over a TaggedArticle's stored parse; no model needed."""

from agents.extract.claims import Context, Reading, extract_claims, read_figure
from agents.extract.figures import Figure, parse_figures
from agents.extract.keys import build_key
from agents.extract.measures import Vocabulary, vocabulary

__all__ = [
    "Context",
    "Figure",
    "Reading",
    "Vocabulary",
    "build_key",
    "extract_claims",
    "parse_figures",
    "read_figure",
    "vocabulary",
]
