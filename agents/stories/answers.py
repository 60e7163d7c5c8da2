"""What the stories API answers: a story's summary, its detail per quantity, pages of them.

The claims and alerts in these answers are the topics' own `Claim` and `Alert`;
a claim goes with its voice, readable (`VoicedClaim`), as a desk names who said it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from streams.models import Claim, StoryArticle

__all__ = [
    "AlertCounts",
    "LinkedStory",
    "QuantityView",
    "StoriesPage",
    "StoryClaimsPage",
    "StoryDetail",
    "StoryHead",
    "StorySummary",
    "VoicedClaim",
]


class VoicedClaim(BaseModel):
    """A claim with its voice: who stands behind the figure, readable."""

    voice: str = Field(
        description="Who gave the figure, as the story first names that voice ('the Red Cross'); "
        "a figure nobody is quoted for is its outlet's (its source, else its URL's host). "
        "Spellings of one body are one voice ('Red Cross officials' is 'the Red Cross')."
    )
    claim: Claim = Field(description="The claim as on the `claims` topic.")


class AlertCounts(BaseModel):
    """Standing alerts by kind."""

    contradiction: int = Field(default=0, description="Standing contradictions.")
    revision: int = Field(default=0, description="Standing revisions.")


class StoryHead(BaseModel):
    """What a story's summary and its detail both say of it."""

    story_id: str = Field(description="The story's stable id.")
    label: str = Field(description="Its readable label ('Dova | flood').")
    entities: list[str] = Field(
        description="Its main entities other than places (people, bodies, groups), heaviest first."
    )
    places: list[str] = Field(description="Its main places, heaviest first.")
    first_seen: datetime | None = Field(description="Time of its earliest article.")
    last_seen: datetime | None = Field(
        description="Time of its latest article: its last activity, which orders the list."
    )
    claims: int = Field(description="Claims held of it.")
    alerts: AlertCounts = Field(description="Its standing alerts by kind.")
    max_severity: str | None = Field(
        description="The highest severity of its standing alerts (low, medium, high); null "
        "without one."
    )


class StorySummary(StoryHead):
    """A story as the list of stories shows it."""

    articles: int = Field(description="Articles the story stage placed in it.")
    quantities: int = Field(description="Claim keys (quantity x scope) its claims are on.")


class QuantityView(BaseModel):
    """One quantity of a story (a claim key): where each voice stands and how they differ."""

    key_text: str = Field(description="The claim key, readable.")
    measure: str = Field(description="What is counted ('deaths', 'officers injured').")
    scope: str | None = Field(description="What narrows it (place, period...), readable; or null.")
    claims: int = Field(description="Claims held on the key.")
    standing: list[VoicedClaim] = Field(
        description="Each voice's standing figure: its latest on the key's timeline (a "
        "projection apart), as the detector holds it."
    )
    voices: list[str] = Field(description="The voices of `standing`, in its order.")
    low: float | None = Field(
        description="The lowest figure the standing figures write (a claim's `low`, else its "
        "`high`); null without one."
    )
    high: float | None = Field(
        description="The highest figure the standing figures write (a claim's `high`, else its "
        "`low`); null without one."
    )
    latest_official: VoicedClaim | None = Field(
        description="The latest figure on the timeline attributed to a named voice (not an "
        "outlet's own account), projections aside; null without one."
    )
    revisions: int = Field(description="Standing revisions on the key.")
    contradictions: int = Field(description="Standing contradictions on the key.")


class LinkedStory(BaseModel):
    """One of the story stage's stories that a story of this API holds (`StoryUpdate.thread`)."""

    story_id: str = Field(description="Its id: `/stories/{id}` answers with the whole thread.")
    label: str = Field(description="Its own label, which its claims' keys name.")
    articles: int = Field(description="Articles the story stage placed in it.")


class StoryDetail(StoryHead):
    """A story with its articles and, per quantity, where the figures stand. The summary's
    counts are the lengths of the lists, but for `articles_total`."""

    articles: list[StoryArticle] = Field(description="Its articles, newest first.")
    articles_total: int = Field(
        description="Articles the story stage placed in it (those held are `articles`)."
    )
    quantities: list[QuantityView] = Field(
        description="Its quantities (claim keys), the most claims first."
    )
    linked: list[LinkedStory] = Field(
        default_factory=list,
        description="The story stage's stories linked into this one, earliest first: one "
        "line of news the stage first saw as several (each keeps its own claims' keys).",
    )


class StoriesPage(BaseModel):
    """A page of stories, newest activity first."""

    stories: list[StorySummary] = Field(description="The stories of this page.")
    next: str | None = Field(
        description="Cursor of the next page (pass it as `cursor`); null on the last page."
    )


class StoryClaimsPage(BaseModel):
    """A page of a story's claims, in time order."""

    claims: list[VoicedClaim] = Field(description="The claims of this page, oldest first.")
    next: str | None = Field(
        description="Cursor of the next page (pass it as `cursor`); null on the last page."
    )
