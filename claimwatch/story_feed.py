"""The stories' read model on every worker, filled from the topics, with live changes.

Stories span partitions and workers: a story's articles pass the one-partition
story stage, but its claims are keyed by claim key and its alerts by alert id,
so they are spread over every partition of `claims` and `alerts`, which
different workers read. Rather than route or fan out a request, each worker
reads `stories`, `claims` and `alerts` whole (`streams.follow`: every
partition, no consumer group, from the start) into one `StoryBook`, so any
worker answers every story request alone, and a restarted worker rebuilds it
from the topics. The pipeline does nothing for it but publish the small
`StoryUpdate` of each article.

Live clients (server-sent events) wait on `next_change`, resolved at each
change the book makes.
"""

from __future__ import annotations

import asyncio
import secrets
from typing import cast

from agents.stories import StoryBook
from streams.app import ClaimwatchApp
from streams.follow import follow
from streams.models import Alert, Claim, StoryUpdate
from streams.settings import Settings
from streams.topics import ALERTS, CLAIMS, STORIES

__all__ = ["StoryFeed", "follow_stories"]


class StoryFeed:
    """A worker's `StoryBook`, and the changes live clients wait on."""

    def __init__(self, settings: Settings) -> None:
        self.book = StoryBook(settings)
        self.run = secrets.token_hex(4)
        """Names this worker's run in event ids: a sequence number means nothing in another."""
        self.caught_up = asyncio.Event()
        """Set once the book holds what was on the topics when the worker started."""
        self.closed = False
        self._next: asyncio.Future[None] | None = None

    def add(self, record: StoryUpdate | Claim | Alert) -> None:
        if self.book.add(record) is not None:
            self._wake()

    def next_change(self) -> asyncio.Future[None]:
        """Resolved at the book's next change, or when the feed closes."""
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        return self._next

    def close(self) -> None:
        """End the live streams: the worker is stopping."""
        self.closed = True
        self._wake()

    def _wake(self) -> None:
        if self._next is not None and not self._next.done():
            self._next.set_result(None)
        self._next = None


def follow_stories(app: ClaimwatchApp) -> StoryFeed:
    """A feed that a task of `app` fills from `stories`, `claims` and `alerts`."""
    feed = StoryFeed(app.settings)
    follow(
        app,
        {STORIES: StoryUpdate, CLAIMS: Claim, ALERTS: Alert},
        lambda _, record: feed.add(cast(StoryUpdate | Claim | Alert, record)),
        on_caught_up=feed.caught_up.set,
        what="the stories' read model",
    )
    return feed
