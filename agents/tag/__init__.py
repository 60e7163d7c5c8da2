"""Tagging stage: one spaCy pass per article gives sentences, canonical entities and the
parse of the sentences that hold a figure, so claim extraction needs no model."""

from agents.tag.aliases import AliasTable, load_aliases
from agents.tag.canonical import CANONICALISER, EntityCanonicaliser
from agents.tag.figure_detector import FIGURE_DETECTOR, detect_figures
from agents.tag.pipeline import load_nlp
from agents.tag.tagging import article_texts, tag_article, tag_articles

__all__ = [
    "CANONICALISER",
    "FIGURE_DETECTOR",
    "AliasTable",
    "EntityCanonicaliser",
    "article_texts",
    "detect_figures",
    "load_aliases",
    "load_nlp",
    "tag_article",
    "tag_articles",
]
