"""The latest changes of the stories' read model, numbered, so a live client resumes after a gap.

Each change is one record that changed what the book answers (a new claim, an
alert raised or withdrawn, a story's update), with a sequence number that only
grows. A client that lost its connection asks for the changes after the last
number it saw; if the log no longer reaches back that far (or the number is
not of this log), it is told the changes are lost and reads the story anew.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from streams.models import Alert, Claim, StoryUpdate

__all__ = ["Change", "ChangeLog", "Event"]

Event = Literal["claim", "alert", "story"]


@dataclass(frozen=True)
class Change:
    seq: int
    event: Event
    story_id: str
    record: Claim | Alert | StoryUpdate


class ChangeLog:
    """The latest `size` changes, numbered from 1."""

    def __init__(self, size: int) -> None:
        self._changes: deque[Change] = deque(maxlen=size)
        self.seq = 0

    def add(self, event: Event, story_id: str, record: Claim | Alert | StoryUpdate) -> Change:
        self.seq += 1
        change = Change(self.seq, event, story_id, record)
        self._changes.append(change)
        return change

    def after(
        self, seq: int, story_id: str | None = None, resolve: Callable[[str], str] = str
    ) -> list[Change] | None:
        """The changes numbered above `seq` (of one story if given, its ids taken through
        `resolve`: a story's changes from before it was linked into a thread are the
        thread's); None when some of them are no longer held, or `seq` is not a number this
        log gave."""
        oldest = self._changes[0].seq if self._changes else self.seq + 1
        if seq > self.seq or seq < oldest - 1:
            return None
        wanted = resolve(story_id) if story_id is not None else None
        return [
            c
            for c in self._changes
            if c.seq > seq and (wanted is None or resolve(c.story_id) == wanted)
        ]
