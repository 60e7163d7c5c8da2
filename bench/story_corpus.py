"""One large invented story, written as the story and extract stages would write it.

The read side (the stories API and page) is measured on records put straight on
the `stories` and `claims` topics: pushing 10,000 claims' worth of articles
through spaCy would take an hour of this machine and measure the write side
again. The detector still reads the claims and raises the story's alerts.

The story: `claims` figures from `claims / 10` articles over thirty days on
`keys` claim keys (a third of the figures on the first key, as a death toll
gathers most of a disaster's figures), each said by one of `voices` voices whose
figure climbs day by day, a fixed step apart from the next voice's: each voice
revises its own figure, and voices far enough apart contradict each other. Beside
it, `others` small stories fill the story list. Deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from streams.models import (
    Claim,
    ClaimKey,
    FigureValue,
    Qualifier,
    Span,
    StoryArticle,
    StoryEntity,
    StoryUpdate,
)

__all__ = ["STORY_ID", "StoryRecords", "story_records"]

STORY_ID = "bench-story"
LABEL = "Talmora | flood"
MEASURES = ["deaths", "injured", "missing", "displaced", "arrested"]
PLACES = ["Talmora", "Calder", "Varnia", "Pelora", "Dova", "Hallan", "Westbury", "Marlo"]
START = datetime(2025, 4, 1, tzinfo=UTC)
SPAN = timedelta(days=30)
OTHER_CLAIMS = 3
"""Figures of each small story."""
STEPS = 3
"""Stages of each count: it rises twice over the thirty days."""
VOICES = [
    "the interior ministry",
    "the Red Cross",
    "the mayor",
    "a police spokesperson",
    "the regional governor",
    "a hospital director",
    "the fire service",
    "a relief coalition",
]
"""Who gives the figures; each article quotes one of them, the last voice disagrees."""


@dataclass(frozen=True)
class StoryRecords:
    updates: list[StoryUpdate]
    claims: list[Claim]


def story_records(claims: int, keys: int, voices: int, others: int) -> StoryRecords:
    """The large story (`STORY_ID`) and `others` small ones, updates first in time order."""
    updates, made = _story(STORY_ID, LABEL, "Talmora", claims, keys, voices, START)
    for n in range(others):
        place = f"{PLACES[n % len(PLACES)]} {n}"
        more = _story(f"bench-other-{n}", f"{place} | flood", place, OTHER_CLAIMS, 1, 2, START)
        updates += more[0]
        made += more[1]
    return StoryRecords(updates, made)


def _story(
    story_id: str,
    label: str,
    place: str,
    claims: int,
    keys: int,
    voices: int,
    start: datetime,
) -> tuple[list[StoryUpdate], list[Claim]]:
    articles = max(1, claims // 10)
    step = SPAN / articles
    entities = [
        StoryEntity(term=place.casefold(), name=place, kind="GPE", weight=2.0),
        StoryEntity(term="red cross", name="Red Cross", kind="ORG", weight=1.0),
    ]
    updates = [
        StoryUpdate(
            story_id=story_id,
            label=label,
            article=StoryArticle(
                article_id=f"{story_id}-{a}",
                title=f"Flood in {place}: report {a}",
                source=f"Outlet {a % 7}",
                url=f"https://outlet{a % 7}.example/{story_id}-{a}",
                published_at=start + a * step,
                lead=f"Rescuers in {place} counted again on day {a * 30 // articles + 1}.",
            ),
            entities=entities,
            first_seen=start,
            last_seen=start + a * step,
            articles=a + 1,
        )
        for a in range(articles)
    ]
    made = []
    for n in range(claims):
        k = 0 if n % 3 == 0 else 1 + n % max(1, keys - 1)
        key = _key(label, k)
        article = n * articles // claims
        who = article % voices
        voice = VOICES[who] if who < len(VOICES) else f"voice {who} of {place}"
        stage = sum(article * STEPS > articles * (s + 1) for s in range(STEPS - 1))
        figure = 100 * (k + 1) + 60 * (k + 1) * stage
        if who == voices - 1 and voices > 1:
            figure = figure * 6 // 10  # the dissent
        words = f"{figure:,}"
        sentence = f"{voice[0].upper()}{voice[1:]} said {words} people were counted in {place}."
        at = sentence.index(words)
        made.append(
            Claim(
                claim_id=f"{story_id}-claim-{n}",
                article_id=f"{story_id}-{article}",
                source=f"Outlet {article % 7}",
                url=f"https://outlet{article % 7}.example/{story_id}-{article}",
                published_at=start + article * step,
                story_id=story_id,
                story=label,
                key=key,
                key_text=key.text,
                quantity_kind="cumulative" if key.measure in ("deaths", "injured") else "stock",
                value=FigureValue(low=figure, high=figure, qualifier=Qualifier.EXACT, text=words),
                attributed_to=voice,
                sentence=sentence,
                span=Span(start=at, end=at + len(words)),
            )
        )
    return updates, made


def _key(label: str, n: int) -> ClaimKey:
    """The n-th key: the first five are the story's measures without a place, then each
    measure in one place after another."""
    measure = MEASURES[n % len(MEASURES)]
    return ClaimKey(subject=label, measure=measure, scope="" if n < 5 else PLACES[n % len(PLACES)])
