"""Story stage: which news story each article belongs to, by online clustering of the stream."""

from agents.story.clustering import (
    ArticleRecord,
    StoryIndex,
    StoryRecord,
    assign,
    restore,
    story_id_for,
)
from agents.story.terms import article_terms, label_of

__all__ = [
    "ArticleRecord",
    "StoryIndex",
    "StoryRecord",
    "article_terms",
    "assign",
    "label_of",
    "restore",
    "story_id_for",
]
