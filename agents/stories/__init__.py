"""The stories' read model: stories with their articles, claims and alerts, as a desk reads them."""

from agents.stories.answers import (
    AlertCounts,
    QuantityView,
    StoriesPage,
    StoryClaimsPage,
    StoryDetail,
    StoryHead,
    StorySummary,
    VoicedClaim,
)
from agents.stories.book import InvalidCursor, StoryBook
from agents.stories.changes import Change, ChangeLog
from agents.stories.queries import StoriesQuery, StoryAlertsQuery, StoryClaimsQuery

__all__ = [
    "AlertCounts",
    "Change",
    "ChangeLog",
    "InvalidCursor",
    "QuantityView",
    "StoriesPage",
    "StoryAlertsQuery",
    "StoryBook",
    "StoryClaimsPage",
    "StoryClaimsQuery",
    "StoryDetail",
    "StoryHead",
    "StorySummary",
    "StoriesQuery",
    "VoicedClaim",
]
