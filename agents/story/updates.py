"""The `StoryUpdate` the story stage publishes after placing an article: the story as it stands.

Small and cheap (the story's record is at hand): the story's label, span and
article count, the article's header, and its main entities, the heaviest
terms of its entity centroid. The centroid holds terms, case folded; their
readable names and kinds come from the article's own entities when it names
them, and a reader of the topic keeps those an earlier update gave.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from agents.detect.voices import outlet_name
from streams.models import StoryArticle, StoryEntity, StoryUpdate, TaggedArticle

from .clustering import StoryIndex
from .terms import ENTITY_LABELS, display_name, entity_term

__all__ = ["LEAD_CHARS", "MAIN_ENTITIES", "story_update"]

MAIN_ENTITIES = 12
"""Entities an update names: enough for a story's main places and people, few enough that
an update stays a few hundred bytes."""

LEAD_CHARS = 300
"""Longest lead an article's header carries."""


def story_update(index: StoryIndex, tagged: TaggedArticle) -> StoryUpdate | None:
    """The story of `tagged` (placed by `assign`) as it stands; None if the index no longer
    holds it."""
    story = index.story(tagged.story_id) if tagged.story_id else None
    if story is None:
        return None
    heaviest = heapq.nlargest(
        MAIN_ENTITIES, story.entities.items(), key=lambda item: (item[1], item[0])
    )
    named = _names(tagged)
    entities = []
    for term, weight in heaviest:
        name, kind = named.get(term, (term, None))
        entities.append(StoryEntity(term=term, name=name, kind=kind, weight=weight))
    return StoryUpdate(
        story_id=story.id,
        label=story.label,
        article=header(tagged),
        entities=entities,
        first_seen=story.first_at,
        last_seen=story.last_at,
        articles=story.articles,
        thread=sorted(index.thread(story.id)),
    )


def header(tagged: TaggedArticle) -> StoryArticle:
    """The article as a story lists it: its outlet is its source, else its URL's host."""
    lead = tagged.sentences[0] if tagged.sentences else ""
    if len(lead) > LEAD_CHARS:
        lead = lead[: LEAD_CHARS - 1].rstrip() + "…"
    return StoryArticle(
        article_id=tagged.id,
        title=tagged.title,
        source=outlet_name(tagged.source, tagged.url) or None,
        url=tagged.url,
        published_at=tagged.published_at,
        lead=lead,
    )


def _names(tagged: TaggedArticle) -> dict[str, tuple[str, str | None]]:
    """Each entity term of the article: its readable name and its most frequent label."""
    shown: dict[str, str] = {}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for entity in tagged.entities:
        if entity.label in ENTITY_LABELS and (term := entity_term(entity)):
            shown.setdefault(term, display_name(entity.canonical))
            labels[term][entity.label] += 1
    return {term: (shown[term], labels[term].most_common(1)[0][0]) for term in shown}
