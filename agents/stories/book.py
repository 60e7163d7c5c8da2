"""The stories' read model: every story with its articles, claims and alerts, and the answers.

Fed the records of three topics, `stories` (the story stage's `StoryUpdate`s),
`claims` and `alerts`, in any interleaving and any number of times: delivery
is at-least-once, so a record held already changes nothing. Of two updates of
a story the one with more articles wins (the later one, whatever arrives
last); of an alert its latest record, as `streams.alert_feed` keeps it. What
it answers is a function of the records it holds, so two workers that read
the same topics answer alike.

A story here is a thread of the story stage: the stories its `StoryUpdate.thread`
links, held as one under the smallest of their ids (`resolve` takes any of
them to it). Links only grow, so two threads that meet become one, whatever
order the updates arrive in. Its label is that of its earliest story; its
claims keep their own keys, so a thread shows each story's quantities.

Memory is bounded by `story_view_max_claims`: claims held, those the alerts
carry and article headers together (a decoded claim is about 6 KB, a header
far less). Past it the story with the oldest last activity is forgotten whole,
and a story alone over it loses its oldest claims.

Where a quantity stands is the detector's own reading (`KnownClaims.current`:
each voice's latest figure on the key's timeline), over every claim of the key
the book holds rather than the detector's bounded history.

Pure logic: no Kafka or Faust import; `claimwatch.story_feed` feeds it.
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
import math
from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from agents.detect import KnownClaims, claim_time
from agents.detect.voices import outlet, voice
from streams.models import (
    Alert,
    AlertKind,
    AlertStatus,
    Claim,
    Modality,
    Severity,
    StoryArticle,
    StoryEntity,
    StoryUpdate,
)
from streams.settings import Settings

from .answers import (
    AlertCounts,
    LinkedStory,
    QuantityView,
    StoriesPage,
    StoryClaimsPage,
    StoryDetail,
    StorySummary,
    VoicedClaim,
)
from .changes import Change, ChangeLog, Event
from .queries import StoriesQuery, StoryAlertsQuery, StoryClaimsQuery

__all__ = ["RESUMABLE_CHANGES", "SHOWN_ENTITIES", "InvalidCursor", "StoryBook"]

SHOWN_ENTITIES = 5
"""Main entities, and main places, a story's summary names."""

RESUMABLE_CHANGES = 1000
"""Latest changes held for a live client that resumes after a gap."""

PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})

SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}

_FLOOR = datetime.min.replace(tzinfo=UTC)

_ClaimOrder = tuple[datetime, str, str]


class InvalidCursor(ValueError):
    """A cursor that no page of this kind gave."""


def claim_order(claim: Claim) -> _ClaimOrder:
    """A story's claims in time order (the detector's timeline time), then by article and id:
    the same order on every worker, whatever order the claims arrived in."""
    return claim_time(claim), claim.article_id, claim.claim_id


def readable_voice(claim: Claim) -> str:
    """Who gave the figure as this claim writes it: its attribution, else its outlet."""
    if claim.attributed_to:
        return " ".join(claim.attributed_to.split())
    return outlet(claim) or "unknown"


@dataclass
class _Story:
    story_id: str
    label: str
    """Of its first claim, until an update names the thread."""
    updates: dict[str, StoryUpdate] = field(default_factory=dict)
    """Each linked story's latest update (the one with the most articles)."""
    named: dict[str, tuple[tuple[int, str], StoryEntity]] = field(default_factory=dict)
    """Entities an update named with their kind (a later update may not name them), each as
    the update with the most articles (then the greatest story id) named it: the same
    whatever order the stories' updates interleave in."""
    articles: dict[str, StoryArticle] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    """In `claim_order`."""
    by_key: dict[str, list[Claim]] = field(default_factory=dict)
    claim_ids: set[str] = field(default_factory=set)
    alerts: dict[str, Alert] = field(default_factory=dict)
    voices: dict[str, tuple[_ClaimOrder, str]] = field(default_factory=dict)
    """Canonical voice -> the first claim's order and its readable voice."""
    alert_claims: int = 0
    """Claims the held alerts carry (each its new claim and those it contradicts)."""

    @property
    def size(self) -> int:
        """What the story weighs against the bound: its article headers and claims, and the
        claims its alerts carry (a decoded claim is about 6 KB, a header far less)."""
        return len(self.articles) + len(self.claims) + self.alert_claims

    @property
    def first_seen(self) -> datetime | None:
        if self.updates:
            return min(u.first_seen for u in self.updates.values())
        return claim_time(self.claims[0]) if self.claims else None

    @property
    def last_seen(self) -> datetime | None:
        if self.updates:
            return max(u.last_seen for u in self.updates.values())
        return claim_time(self.claims[-1]) if self.claims else None

    @property
    def title(self) -> str:
        """The label of its earliest story: the one the thread grew from."""
        if not self.updates:
            return self.label
        return min(self.updates.values(), key=lambda u: (u.first_seen, u.story_id)).label

    @property
    def placed(self) -> int:
        """Articles the story stage placed in its stories (the headers held may be fewer)."""
        return sum(u.articles for u in self.updates.values()) or len(self.articles)

    @property
    def entities(self) -> list[StoryEntity]:
        """Its stories' main entities, their weights summed, heaviest first."""
        weights: dict[str, float] = {}
        shown: dict[str, StoryEntity] = {}
        for update in sorted(self.updates.values(), key=lambda u: u.story_id):
            for entity in update.entities:
                weights[entity.term] = weights.get(entity.term, 0.0) + entity.weight
                known = self.named.get(entity.term)
                shown.setdefault(entity.term, known[1] if known is not None else entity)
        ranked = sorted(weights, key=lambda term: (-weights[term], term))
        return [shown[term].model_copy(update={"weight": weights[term]}) for term in ranked]

    def activity(self) -> tuple[datetime, str]:
        return self.last_seen or _FLOOR, self.story_id

    def voice_of(self, claim: Claim) -> str:
        return self.voices[voice(claim)][1]

    def voiced(self, claims: Iterable[Claim]) -> list[VoicedClaim]:
        return [VoicedClaim(voice=self.voice_of(c), claim=c) for c in claims]

    def standing_alerts(self) -> list[Alert]:
        return [a for a in self.alerts.values() if a.status is AlertStatus.RAISED]

    def add_claim(self, claim: Claim) -> bool:
        if claim.claim_id in self.claim_ids:
            return False
        self.claim_ids.add(claim.claim_id)
        insort(self.claims, claim, key=claim_order)
        insort(self.by_key.setdefault(claim.key_text, []), claim, key=claim_order)
        order, name = claim_order(claim), voice(claim)
        if name not in self.voices or order < self.voices[name][0]:
            self.voices[name] = (order, readable_voice(claim))
        return True

    def drop_oldest(self) -> None:
        """Forget the oldest claim (else an article, else an alert) of a story alone over the
        bound."""
        if self.claims:
            claim = self.claims.pop(0)
            self.claim_ids.discard(claim.claim_id)
            of_key = self.by_key[claim.key_text]
            of_key.remove(claim)
            if not of_key:
                del self.by_key[claim.key_text]
        elif self.articles:
            self.articles.pop(next(iter(self.articles)))
        elif self.alerts:
            self.alert_claims -= _weight(self.alerts.pop(next(iter(self.alerts))))

    def add_alert(self, alert: Alert) -> bool:
        held = self.alerts.get(alert.alert_id)
        if held is not None and held.status == alert.status:
            return False
        self.alerts[alert.alert_id] = alert
        self.alert_claims += _weight(alert) - (_weight(held) if held is not None else 0)
        return True

    def add_update(self, update: StoryUpdate) -> bool:
        """The article's header, and its story as it stands if this update is later."""
        changed = False
        if update.article.article_id not in self.articles:
            self.articles[update.article.article_id] = update.article
            changed = True
        held = self.updates.get(update.story_id)
        for entity in update.entities:
            if entity.kind is not None:
                self._name(entity.term, (update.articles, update.story_id), entity)
        if held is None or update.articles > held.articles:
            self.updates[update.story_id] = update
            changed = True
        return changed

    def absorb(self, other: _Story) -> None:
        """Take in a thread linked to this one."""
        for story_id, update in other.updates.items():
            held = self.updates.get(story_id)
            if held is None or update.articles > held.articles:
                self.updates[story_id] = update
        for term, (rank, entity) in other.named.items():
            self._name(term, rank, entity)
        for article_id, article in other.articles.items():
            self.articles.setdefault(article_id, article)
        for claim in other.claims:
            self.add_claim(claim)
        for alert in other.alerts.values():
            self.add_alert(alert)

    def _name(self, term: str, rank: tuple[int, str], entity: StoryEntity) -> None:
        known = self.named.get(term)
        if known is None or known[0] < rank:
            self.named[term] = (rank, entity)

    def text(self) -> str:
        """What a text search reads: labels, entity names and voices, case folded."""
        labels = [u.label for u in self.updates.values()] or [self.label]
        names = [e.name for e in self.entities]
        voices = [readable for _, readable in self.voices.values()]
        return "\n".join([*labels, *names, *voices]).casefold()

    def has_alert(self, kind: AlertKind | None, severity: Severity | None) -> bool:
        return any(_selected(a, kind, severity) for a in self.standing_alerts())

    def head(self) -> dict[str, Any]:
        """The fields of `StoryHead`: what its summary and its detail both say."""
        standing = self.standing_alerts()
        top = max((a.severity for a in standing), key=SEVERITY_RANK.__getitem__, default=None)
        places = [e.name for e in self.entities if e.kind in PLACE_KINDS]
        others = [e.name for e in self.entities if e.kind not in PLACE_KINDS]
        return {
            "story_id": self.story_id,
            "label": self.title,
            "entities": others[:SHOWN_ENTITIES],
            "places": places[:SHOWN_ENTITIES],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "claims": len(self.claims),
            "alerts": AlertCounts(
                contradiction=sum(a.kind is AlertKind.CONTRADICTION for a in standing),
                revision=sum(a.kind is AlertKind.REVISION for a in standing),
            ),
            "max_severity": top.value if top is not None else None,
        }

    def summary(self) -> StorySummary:
        return StorySummary(**self.head(), articles=self.placed, quantities=len(self.by_key))

    def detail(self) -> StoryDetail:
        articles = sorted(
            self.articles.values(),
            key=lambda a: (a.published_at or _FLOOR, a.article_id),
            reverse=True,
        )
        quantities = sorted(
            (self.quantity(key, claims) for key, claims in self.by_key.items()),
            key=lambda q: (-q.claims, q.key_text),
        )
        linked = [
            LinkedStory(story_id=u.story_id, label=u.label, articles=u.articles)
            for u in sorted(self.updates.values(), key=lambda u: (u.first_seen, u.story_id))
        ]
        return StoryDetail(
            **self.head(),
            articles=articles,
            articles_total=self.placed,
            quantities=quantities,
            linked=linked,
        )

    def quantity(self, key_text: str, claims: list[Claim]) -> QuantityView:
        standing = KnownClaims.model_construct(claims=claims, raised=[]).current()
        figures = [v for c in standing for v in (c.value.low, c.value.high) if v is not None]
        official = [c for c in claims if c.attributed_to and c.modality is not Modality.PROJECTED]
        alerts = [a for a in self.standing_alerts() if a.key_text == key_text]
        first = claims[0]
        voiced = self.voiced(standing)
        return QuantityView(
            key_text=key_text,
            measure=first.key.measure,
            scope=first.key.scope or None,
            claims=len(claims),
            standing=voiced,
            voices=[v.voice for v in voiced],
            low=min(figures) if figures else None,
            high=max(figures) if figures else None,
            latest_official=self.voiced(official[-1:])[0] if official else None,
            revisions=sum(a.kind is AlertKind.REVISION for a in alerts),
            contradictions=sum(a.kind is AlertKind.CONTRADICTION for a in alerts),
        )


def _weight(alert: Alert) -> int:
    return 1 + len(alert.contradicts)


def _selected(alert: Alert, kind: AlertKind | None, severity: Severity | None) -> bool:
    return (kind is None or alert.kind is kind) and (
        severity is None or SEVERITY_RANK[alert.severity] >= SEVERITY_RANK[severity]
    )


def _encode(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[object]:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor(cursor) from exc
    if not isinstance(value, list):
        raise InvalidCursor(cursor)
    return value


def _story_cursor(cursor: str) -> tuple[float, str]:
    try:
        stamp, story_id = _decode(cursor)
        return float(stamp), str(story_id)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise InvalidCursor(cursor) from exc


def _claim_cursor(cursor: str) -> _ClaimOrder:
    try:
        at, article_id, claim_id = _decode(cursor)
        return datetime.fromisoformat(str(at)), str(article_id), str(claim_id)
    except (TypeError, ValueError) as exc:
        raise InvalidCursor(cursor) from exc


def _newest_first(story: _Story) -> tuple[float, str]:
    """Stories newest activity first, then by id: as a sort key, ascending."""
    seen = story.last_seen
    return (-seen.timestamp() if seen is not None else math.inf), story.story_id


class StoryBook:
    """Every story held, fed record by record (`add`), and the stories API's answers."""

    def __init__(self, settings: Settings) -> None:
        self._max = settings.story_view_max_claims
        self._stories: dict[str, _Story] = {}
        self._linked: dict[str, str] = {}
        """A linked story -> a story of its thread with a smaller id (a union-find forest)."""
        self._size = 0
        self.changes = ChangeLog(RESUMABLE_CHANGES)

    def __len__(self) -> int:
        return len(self._stories)

    def add(self, record: StoryUpdate | Claim | Alert) -> Change | None:
        """Take one record of `stories`, `claims` or `alerts`: the change it makes, or None when
        it changes nothing (held already, or of no story)."""
        if isinstance(record, StoryUpdate):
            self._link(record.story_id, record.thread)
            story = self._story(record.story_id, record.label)
            before = story.size
            changed = story.add_update(record)
            event: Event = "story"
        else:
            claim = record if isinstance(record, Claim) else record.claim
            if claim.story_id is None:
                return None
            story = self._story(claim.story_id, claim.story or claim.key.subject)
            before = story.size
            if isinstance(record, Claim):
                changed, event = story.add_claim(record), "claim"
            else:
                changed, event = story.add_alert(record), "alert"
        self._size += story.size - before
        if not changed:
            return None
        self._trim()
        return self.changes.add(event, story.story_id, record)

    def resolve(self, story_id: str) -> str:
        """The id its thread is held under: the smallest of its stories' ids."""
        while (parent := self._linked.get(story_id)) is not None:
            story_id = parent
        return story_id

    def _link(self, story_id: str, thread: Iterable[str]) -> None:
        """Hold the threads of `thread` as one, under the smallest id."""
        roots = {self.resolve(s) for s in (story_id, *thread)}
        if len(roots) < 2:
            return
        root = min(roots)
        for other in roots - {root}:
            self._linked[other] = root
            absorbed = self._stories.pop(other, None)
            if absorbed is None:
                continue
            if (story := self._stories.get(root)) is None:
                absorbed.story_id = root
                self._stories[root] = absorbed
                continue
            before = story.size + absorbed.size
            story.absorb(absorbed)
            self._size += story.size - before

    def _story(self, story_id: str, label: str) -> _Story:
        root = self.resolve(story_id)
        story = self._stories.get(root)
        if story is None:
            story = self._stories[root] = _Story(root, label)
        return story

    def _trim(self) -> None:
        while self._size > self._max:
            if len(self._stories) > 1:
                oldest = min(self._stories.values(), key=_Story.activity)
                self._size -= oldest.size
                del self._stories[oldest.story_id]
            else:
                (story,) = self._stories.values()
                story.drop_oldest()
                self._size -= 1

    # --- answers -----------------------------------------------------------------

    def stories(self, query: StoriesQuery) -> StoriesPage:
        """Newest activity first, as the query selects; InvalidCursor for a bad cursor."""
        after = _story_cursor(query.cursor) if query.cursor else None
        text = query.q.casefold() if query.q else None
        chosen = (
            s
            for s in self._stories.values()
            if (after is None or _newest_first(s) > after)
            and (query.since is None or (s.last_seen is not None and s.last_seen >= query.since))
            and (query.has_alerts is None or bool(s.standing_alerts()) == query.has_alerts)
            and (
                (query.kind is None and query.severity is None)
                or s.has_alert(query.kind, query.severity)
            )
            and (text is None or text in s.text())
        )
        page = heapq.nsmallest(query.limit + 1, chosen, key=_newest_first)
        more = len(page) > query.limit
        page = page[: query.limit]
        return StoriesPage(
            stories=[s.summary() for s in page],
            next=_encode(list(_newest_first(page[-1]))) if more else None,
        )

    def detail(self, story_id: str) -> StoryDetail | None:
        story = self._stories.get(self.resolve(story_id))
        return story.detail() if story is not None else None

    def claims(self, story_id: str, query: StoryClaimsQuery) -> StoryClaimsPage | None:
        """A page of the story's claims (on one key if asked), oldest first; None for an unknown
        story; InvalidCursor for a bad cursor."""
        story = self._stories.get(self.resolve(story_id))
        if story is None:
            return None
        claims = story.by_key.get(query.key, []) if query.key is not None else story.claims
        start = 0
        if query.cursor:
            start = bisect_right(claims, _claim_cursor(query.cursor), key=claim_order)
        page = claims[start : start + query.limit]
        more = start + query.limit < len(claims)
        last = claim_order(page[-1]) if page else None
        return StoryClaimsPage(
            claims=story.voiced(page),
            next=_encode([last[0].isoformat(), last[1], last[2]]) if more and last else None,
        )

    def alerts(
        self, story_id: str, query: StoryAlertsQuery
    ) -> tuple[list[Alert], list[Alert]] | None:
        """The story's standing alerts and its withdrawn ones, newest first, of the query's kind
        and at least its severity; None for an unknown story."""
        story = self._stories.get(self.resolve(story_id))
        if story is None:
            return None
        chosen = [a for a in story.alerts.values() if _selected(a, query.kind, query.severity)]
        chosen.sort(key=lambda a: (a.raised_at, a.alert_id), reverse=True)
        standing = [a for a in chosen if a.status is AlertStatus.RAISED]
        return standing, [a for a in chosen if a.status is AlertStatus.WITHDRAWN]
