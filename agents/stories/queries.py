"""The questions the stories API takes: its query strings, as the book reads them."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field, field_validator

from streams.models import AlertKind, Severity

__all__ = ["MAX_LIMIT", "StoriesQuery", "StoryAlertsQuery", "StoryClaimsQuery"]

MAX_LIMIT = 5000
"""Most items one page holds: a story of 10,000 claims comes in pages."""


class _AlertFilter(BaseModel):
    kind: AlertKind | None = Field(
        default=None, description="Only standing alerts of this kind (contradiction, revision)."
    )
    severity: Severity | None = Field(
        default=None,
        description="Only standing alerts of at least this severity (low, medium, high).",
    )


class StoriesQuery(_AlertFilter):
    """The query string of GET /stories. `kind` and `severity` keep the stories holding a
    standing alert of that kind and at least that severity."""

    q: str | None = Field(
        default=None,
        description="Text searched, case-insensitively, in each story's label, entity names, "
        "places and voices.",
    )
    since: datetime | None = Field(
        default=None, description="Only stories active (`last_seen`) at or after this time."
    )
    has_alerts: bool | None = Field(
        default=None, description="true: only stories with a standing alert; false: without."
    )
    cursor: str | None = Field(
        default=None, description="Where the page starts: a page's `next`, as given."
    )
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT, description="At most this many stories.")

    @field_validator("since")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


class StoryClaimsQuery(BaseModel):
    """The query string of GET /stories/{id}/claims."""

    key: str | None = Field(default=None, description="Only the claims on this claim key.")
    cursor: str | None = Field(
        default=None, description="Where the page starts: a page's `next`, as given."
    )
    limit: int = Field(default=500, ge=1, le=MAX_LIMIT, description="At most this many claims.")


class StoryAlertsQuery(_AlertFilter):
    """The query string of GET /stories/{id}/alerts: `kind` and `severity` select alerts."""
