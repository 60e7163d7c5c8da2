"""Which news story an article belongs to: online clustering of the stream.

After Miranda et al. 2018 ("Multilingual Clustering of Streaming News",
Priberam): each article is compared with the open stories by TF-IDF cosine in
two term spaces, its entities and its words (`agents.story.terms`), and by its
closeness in time to the story. It joins the best story scoring at least
`story_threshold`, else it opens a new story.

    text  = 0.4 cos(entities) + 0.6 cos(words)   (words alone if either side has no entity)
    time  = exp(-gap² / 2σ²)                     gap: days from the article to the story's span
    score = text × (1 - 0.35 + 0.35 time)

So an article of the same week as a story needs a text similarity of about
`story_threshold`, one three weeks away about 1.5 times that: a follow-up weeks
later still joins when it is plainly the same story.

A story is the sum of its articles' term weights (1 + ln tf), truncated to its
`story_max_terms` heaviest terms per space after each article; cosines use the
IDF of the moment, from document frequencies over the latest `story_window`
articles. An inverted index (term -> stories) gives the candidates: the
stories holding one of the article's heaviest terms, so an article is scored
against a handful of stories, not all.

A story is closed to an article more than `story_idle_days` away from its span,
by the article's own time, not the stream's clock (the newest article time
seen): articles tagged in parallel reach the stage out of order, and a report
of March that arrives after one of May must still find its March story. A
story idle by the clock is forgotten once its newest article has also left the
IDF window, so the lateness tolerated is counted in articles, not in days.

Stories alike as wholes are linked into one thread (`_link`): after each
article, the centroid of its story's thread (the sum of its stories') is scored
against each other thread's, as an article is against a story but without the
time feature, at the same `story_threshold`, when the two name an entity in
common. One line of news often opens two stories: a report that
names none of its story's places or people (a police statement of national
arrest figures, days after a town's riot), a march weeks after the last one.
Each keeps its id, label and claims' keys, so a link never moves a claim
between keys; readers of `StoryUpdate.thread` show a thread as one story. A
link is found when the centroids are alike, whatever the time between them: a
desk follows a protest movement or a war for months, and the index's memory
(a story is forgotten once idle and out of the window) bounds how far back.

A story's id is derived from its first article's id and its label is fixed
from that article (`agents.story.terms.label_of`): claims are keyed by story,
and a key that changed mid-story would split its claims. An article seen again
(a re-send, or a record handled twice after a crash) gets the story it got
the first time and changes nothing.

A store mirroring the index writes an article's record before its story's
(`StoryIndex.changes`), so a write cut short by a crash leaves at most the
newest article without its story's update; `restore` drops that article, and
the record, handled again, is assigned against the same state as the first time.

Pure logic: no Kafka or Faust import. `assign` has the shape of a stateful
stream step, `(state, value) -> (state, output)`; the state is updated in
place, and `StoryIndex.changes()` says which records a store mirroring it
writes and deletes.
"""

from __future__ import annotations

import base64
import heapq
import math
import zlib
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from streams.models import TaggedArticle, stable_id
from streams.settings import Settings

from .terms import article_terms, label_of

__all__ = [
    "ARTICLE_PREFIX",
    "QUERY_TERMS",
    "STORY_PREFIX",
    "TIME_WEIGHT",
    "ArticleRecord",
    "StoryIndex",
    "StoryRecord",
    "assign",
    "restore",
    "story_id_for",
]

TIME_WEIGHT = 0.35
"""Share of the score that time closeness can take away: far from the story in time, an
article needs about 1.5 times the text similarity. A follow-up a week or two later
(a revised toll, the next march) names the same places and people; the time feature
prefers the recent story among similar ones, and `story_idle_days` ends old ones."""

ENTITY_WEIGHT = 0.4
"""Share of the entity cosine in the text similarity, the words' being the rest. Two
stories of one country share its name, its capital and its leaders, and the NER names
one body several ways, so the words, the broader signal, weigh more."""

QUERY_TERMS = 12
"""An article's heaviest terms per space that look up candidate stories in the inverted index."""

PRIOR_DOCUMENTS = 100
"""Documents the IDF assumes besides the window, none holding the term. A stream's first
articles would otherwise weigh the terms two reports share least (of two articles, a shared
term has df 2 of 2): the prior keeps the IDF nearly flat until the window holds a few
hundred articles, and matters little after (stop words are gone already)."""

STORY_PREFIX = "story:"
ARTICLE_PREFIX = "article:"
"""Keys of the two kinds of record in a store mirroring the index."""

_Centroid = Mapping[str, Mapping[str, float]]
"""Term weights per space (entities, words)."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FUTURE_SLACK = timedelta(days=1)
"""An article dated more than this after it was ingested is dated when it was ingested: a
wrong date far ahead would move the stream's clock and close every story."""
_ENTITIES, _WORDS = "e", "w"
_DIGITS = 4
"""Centroid weights are rounded as they are stored, so a restored index scores as the live one."""


class StoryRecord(BaseModel):
    """A story as a store keeps it (key `story:<id>`)."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    first_article: str
    first_at: datetime
    last_at: datetime
    dated: bool = Field(
        default=True,
        description="Whether an article of it had a date: a span of undated articles only "
        "(ingest or stream times) does not keep dated articles out.",
    )
    articles: int = Field(ge=1)
    last_seq: int = Field(
        default=0,
        ge=0,
        description="Arrival order (`ArticleRecord.seq`) of its newest article; 0 if unknown.",
    )
    entities: dict[str, float] = Field(description="Centroid: entity term -> summed weight.")
    words: dict[str, float] = Field(description="Centroid: word term -> summed weight.")
    linked: list[str] = Field(
        default_factory=list,
        description="Ids of the stories held that the stage linked with it directly, sorted.",
    )


class ArticleRecord(BaseModel):
    """An article as a store keeps it (key `article:<id>`), while in the IDF window."""

    model_config = ConfigDict(frozen=True)

    id: str
    seq: int = Field(ge=1, description="Arrival order, so a restored window keeps its order.")
    at: datetime = Field(description="The article's time on the stream's clock.")
    dated: bool = Field(default=True, description="Whether `at` is the article's own date.")
    story_id: str
    story: str
    terms: str = Field(description="Base64 of its distinct terms' 32-bit hashes (for the IDF).")

    def hashes(self) -> array[int]:
        values = array("I")
        values.frombytes(base64.b64decode(self.terms))
        return values


@lru_cache(maxsize=1 << 18)
def _hash(space: str, term: str) -> int:
    """A term's id in the document frequencies: stable across processes (unlike `hash`)."""
    return zlib.crc32(f"{space}\x1f{term}".encode())


def _encode_hashes(hashes: Iterable[int]) -> str:
    return base64.b64encode(array("I", sorted(hashes)).tobytes()).decode("ascii")


def story_id_for(article_id: str) -> str:
    """The id of the story an article opens."""
    return stable_id("story", article_id)


@dataclass
class _Story:
    id: str
    label: str
    first_article: str
    first_at: datetime
    last_at: datetime
    articles: int
    last_seq: int
    centroid: dict[str, dict[str, float]]
    dated: bool = True
    linked: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, record: StoryRecord) -> _Story:
        fields = record.model_dump(exclude={"entities", "words", "linked"})
        centroid = {_ENTITIES: dict(record.entities), _WORDS: dict(record.words)}
        return cls(**fields, centroid=centroid, linked=set(record.linked))

    def record(self) -> StoryRecord:
        fields = asdict(self)  # copies the centroid
        centroid = fields.pop("centroid")
        fields["linked"] = sorted(self.linked)
        return StoryRecord(**fields, entities=centroid[_ENTITIES], words=centroid[_WORDS])

    def terms(self) -> Iterable[tuple[str, str]]:
        for space, weights in self.centroid.items():
            for term in weights:
                yield space, term

    def gap(self, at: datetime, dated: bool = True) -> timedelta:
        """From `at` to the story's span (zero inside it, and zero when either time is only
        when an undated article arrived)."""
        if not (dated and self.dated):
            return timedelta(0)
        if at < self.first_at:
            return self.first_at - at
        if at > self.last_at:
            return at - self.last_at
        return timedelta(0)


@dataclass
class StoryIndex:
    """Open stories, the inverted index over their terms, and the IDF window of articles.

    Updated in place by `assign`; `changes()` hands over what changed since it was
    last called, as records to write and keys to delete.
    """

    stories: dict[str, _Story] = field(default_factory=dict)
    articles: OrderedDict[str, ArticleRecord] = field(default_factory=OrderedDict)
    df: Counter[int] = field(default_factory=Counter)
    postings: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    clock: datetime | None = None
    links: int = 0
    """Links `_link` made since the index was built (not stored: a metric counts them)."""
    _pending: int = 0
    _written: set[str] = field(default_factory=set)
    _deleted: set[str] = field(default_factory=set)

    def story(self, story_id: str) -> StoryRecord | None:
        """An open story as a store keeps it (its centroid copied), if the index holds it."""
        story = self.stories.get(story_id)
        return story.record() if story is not None else None

    @property
    def seq(self) -> int:
        return next(reversed(self.articles.values())).seq if self.articles else 0

    def idf(self, space: str, term: str) -> float:
        """IDF over the window and `PRIOR_DOCUMENTS`: ln((P + N) / (1 + df)) + 1."""
        documents = PRIOR_DOCUMENTS + len(self.articles) + self._pending
        return math.log(documents / (1 + self.df.get(_hash(space, term), 0))) + 1.0

    def changes(self) -> tuple[list[StoryRecord | ArticleRecord], list[str]]:
        """`(written, deleted)` since the last call: the records to store, the keys to delete.

        Stored in this order (articles, then stories, then deletions), a write cut short
        leaves at most the newest article ahead of its story, which `restore` undoes.
        """
        written: list[StoryRecord | ArticleRecord] = []
        keys = self._written - self._deleted
        for key in sorted(k for k in keys if k.startswith(ARTICLE_PREFIX)):
            written.append(self.articles[key.removeprefix(ARTICLE_PREFIX)])
        for key in sorted(k for k in keys if k.startswith(STORY_PREFIX)):
            written.append(self.stories[key.removeprefix(STORY_PREFIX)].record())
        deleted = sorted(self._deleted)
        self._written.clear()
        self._deleted.clear()
        return written, deleted

    # --- stories ---------------------------------------------------------------

    def _index(self, story: _Story, terms: Iterable[tuple[str, str]]) -> None:
        for key in terms:
            self.postings.setdefault(key, set()).add(story.id)

    def _unindex(self, story: _Story, terms: Iterable[tuple[str, str]]) -> None:
        for key in terms:
            holders = self.postings.get(key)
            if holders is not None:
                holders.discard(story.id)
                if not holders:
                    del self.postings[key]

    def _add_story(self, story: _Story) -> None:
        self.stories[story.id] = story
        self._index(story, story.terms())
        self._touch(STORY_PREFIX + story.id)

    def _forget_story(self, story: _Story) -> None:
        self._unindex(story, story.terms())
        del self.stories[story.id]
        self._drop(STORY_PREFIX + story.id)
        for other_id in story.linked:
            if (other := self.stories.get(other_id)) is not None:
                other.linked.discard(story.id)
                self._touch(STORY_PREFIX + other_id)

    def thread(self, story_id: str) -> set[str]:
        """The ids of the stories held that links join to `story_id`, its own included."""
        found, todo = {story_id}, [story_id]
        while todo:
            story = self.stories.get(todo.pop())
            for other_id in story.linked if story is not None else ():
                if other_id not in found and other_id in self.stories:
                    found.add(other_id)
                    todo.append(other_id)
        return found

    def open_stories(self, idle: timedelta) -> int:
        """Stories an article at the clock could join (the others wait to be forgotten)."""
        clock = self.clock
        return sum(
            1
            for s in self.stories.values()
            if clock is None or not s.dated or clock - s.last_at <= idle
        )

    def close_idle(self, idle: timedelta) -> list[str]:
        """Forget the stories no article joined within `idle` of the clock whose newest
        article has left the window too (a late article may still join the others); their ids.

        Applied after every article and on restore, so a restored index holds the same stories.
        """
        if self.clock is None:
            return []
        oldest = next(iter(self.articles.values())).seq if self.articles else self.seq + 1
        clock = self.clock
        closed = [
            s
            for s in self.stories.values()
            if s.last_seq < oldest and (not s.dated or clock - s.last_at > idle)
        ]
        for story in closed:
            self._forget_story(story)
        return [s.id for s in closed]

    # --- the IDF window ----------------------------------------------------------

    def _count(self, hashes: Iterable[int]) -> None:
        """Count an article in the document frequencies before it is remembered."""
        self.df.update(hashes)
        self._pending += 1

    def _remember(self, record: ArticleRecord, window: int) -> None:
        """Add an article to the window (counted by `_count` first); drop the oldest beyond it."""
        self._pending -= 1
        self.articles[record.id] = record
        self._touch(ARTICLE_PREFIX + record.id)
        while len(self.articles) > window:
            _, old = self.articles.popitem(last=False)
            for h in old.hashes():
                if self.df[h] <= 1:
                    del self.df[h]
                else:
                    self.df[h] -= 1
            self._drop(ARTICLE_PREFIX + old.id)

    def _touch(self, key: str) -> None:
        self._written.add(key)
        self._deleted.discard(key)

    def _drop(self, key: str) -> None:
        self._deleted.add(key)
        self._written.discard(key)


def _tf(counts: Mapping[str, int]) -> dict[str, float]:
    return {term: round(1.0 + math.log(n), _DIGITS) for term, n in counts.items()}


def _vector(index: StoryIndex, space: str, tf: Mapping[str, float]) -> dict[str, float]:
    """TF-IDF weights, L2-normalised."""
    weights = {t: w * index.idf(space, t) for t, w in tf.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def _vectors(index: StoryIndex, weights: _Centroid) -> dict[str, dict[str, float]]:
    """TF-IDF vectors of term weights per space."""
    return {space: _vector(index, space, tf) for space, tf in weights.items()}


def _cosine(
    index: StoryIndex, space: str, query: Mapping[str, float], centroid: Mapping[str, float]
) -> float:
    if not query or not centroid:
        return 0.0
    dot = norm = 0.0
    for term, weight in centroid.items():
        w = weight * index.idf(space, term)
        norm += w * w
        if (q := query.get(term)) is not None:
            dot += q * w
    return dot / math.sqrt(norm) if norm else 0.0


def _time_closeness(at: datetime, story: _Story, sigma_days: float, dated: bool = True) -> float:
    """Gaussian of the gap in days from `at` to the story's span (0 inside it, and no
    evidence either way when a time is only when an undated article arrived)."""
    gap = story.gap(at, dated).total_seconds() / 86400
    return math.exp(-(gap * gap) / (2 * sigma_days * sigma_days))


def _text(
    index: StoryIndex, query: Mapping[str, Mapping[str, float]], centroid: _Centroid
) -> float:
    """How alike `query` (TF-IDF vectors per space) and a centroid (term weights) are."""
    words = _cosine(index, _WORDS, query[_WORDS], centroid[_WORDS])
    if query[_ENTITIES] and centroid[_ENTITIES]:
        entities = _cosine(index, _ENTITIES, query[_ENTITIES], centroid[_ENTITIES])
        return ENTITY_WEIGHT * entities + (1.0 - ENTITY_WEIGHT) * words
    return words


def score(
    index: StoryIndex,
    query: Mapping[str, Mapping[str, float]],
    at: datetime,
    story: _Story,
    settings: Settings,
    dated: bool = True,
) -> float:
    """How well an article (its TF-IDF vectors `query` per space, its time) fits a story."""
    text = _text(index, query, story.centroid)
    closeness = _time_closeness(at, story, settings.story_time_sigma_days, dated)
    return text * (1.0 - TIME_WEIGHT + TIME_WEIGHT * closeness)


def _time_of(tagged: TaggedArticle, clock: datetime | None) -> tuple[datetime, bool]:
    """The article's time and whether it is its own date: its date, else the newest time of
    the stream (an undated article in a replay of old news belongs with them), else when it
    was ingested."""
    at = tagged.published_at
    if at is not None:
        if tagged.ingested_at is not None and at > tagged.ingested_at + _FUTURE_SLACK:
            return tagged.ingested_at, True
        return at, True
    return clock or tagged.ingested_at or _EPOCH, False


def _candidates(index: StoryIndex, query: Mapping[str, Mapping[str, float]]) -> set[str]:
    found: set[str] = set()
    for space, weights in query.items():
        for term in heapq.nlargest(QUERY_TERMS, weights, key=lambda t: (weights[t], t)):
            found |= index.postings.get((space, term), set())
    return found


def _truncate(index: StoryIndex, space: str, weights: dict[str, float], keep: int) -> set[str]:
    """Keep the `keep` heaviest terms by TF-IDF (ties by term); return the terms dropped."""
    if len(weights) <= keep:
        return set()
    ranked = sorted(weights, key=lambda t: (-weights[t] * index.idf(space, t), t))
    dropped = set(ranked[keep:])
    for term in dropped:
        del weights[term]
    return dropped


def _label(
    index: StoryIndex, tagged: TaggedArticle, at: datetime, dated: bool, settings: Settings
) -> str:
    """The label of the story `tagged` opens, dated when a story open at `at` has the same one."""
    label = label_of(tagged)
    if any(s.label == label and _is_open(s, at, settings, dated) for s in index.stories.values()):
        label = f"{label} | {at.date().isoformat()}"
    return label


def assign(
    index: StoryIndex, tagged: TaggedArticle, settings: Settings
) -> tuple[StoryIndex, TaggedArticle]:
    """Put `tagged` in its story (an open one, or a new one): `(index, tagged with story)`."""
    seen = index.articles.get(tagged.id)
    if seen is not None:
        return index, _with_story(tagged, seen.story_id, seen.story)

    at, dated = _time_of(tagged, index.clock)
    if dated and (index.clock is None or at > index.clock):
        index.clock = at
    seq = index.seq + 1

    terms = article_terms(tagged)
    hashes = {_hash(_ENTITIES, t) for t in terms.entities} | {_hash(_WORDS, t) for t in terms.words}
    # The article counts in the document frequencies it is weighed by, as in batch TF-IDF.
    index._count(hashes)
    tf = {_ENTITIES: _tf(terms.entities), _WORDS: _tf(terms.words)}
    query = _vectors(index, tf)
    story = _best(index, query, at, dated, tagged, settings)
    if story is None:
        story = _open(index, tagged, tf, at, dated, seq, settings)
    else:
        _join(index, story, tf, at, dated, seq)
    _truncate_story(index, story, settings.story_max_terms)
    _link(index, story, settings)

    record = ArticleRecord(
        id=tagged.id,
        seq=seq,
        at=at,
        dated=dated,
        story_id=story.id,
        story=story.label,
        terms=_encode_hashes(hashes),
    )
    index._remember(record, settings.story_window)
    index.close_idle(timedelta(days=settings.story_idle_days))
    return index, _with_story(tagged, story.id, story.label)


def _is_open(story: _Story, at: datetime, settings: Settings, dated: bool = True) -> bool:
    """Whether an article at `at` may join `story`: within `story_idle_days` of its span."""
    return story.gap(at, dated) <= timedelta(days=settings.story_idle_days)


def _best(
    index: StoryIndex,
    query: Mapping[str, Mapping[str, float]],
    at: datetime,
    dated: bool,
    tagged: TaggedArticle,
    settings: Settings,
) -> _Story | None:
    """The best-scoring open story at or above the threshold; a syndicated copy's original's."""
    if tagged.duplicate_of is not None and (original := index.articles.get(tagged.duplicate_of)):
        story = index.stories.get(original.story_id)
        if story is not None and _is_open(story, at, settings, dated):
            return story
    fits = []
    for story_id in _candidates(index, query):
        story = index.stories[story_id]
        if not _is_open(story, at, settings, dated):
            continue
        fit = score(index, query, at, story, settings, dated)
        if fit >= settings.story_threshold:
            fits.append((fit, story))
    if not fits:
        return None
    # Ties go to the older story, then the smaller id: the same on every worker.
    return min(fits, key=lambda f: (-f[0], f[1].first_at, f[1].id))[1]


def _open(
    index: StoryIndex,
    tagged: TaggedArticle,
    tf: Mapping[str, Mapping[str, float]],
    at: datetime,
    dated: bool,
    seq: int,
    settings: Settings,
) -> _Story:
    story = _Story(
        id=story_id_for(tagged.id),
        label=_label(index, tagged, at, dated, settings),
        first_article=tagged.id,
        first_at=at,
        last_at=at,
        articles=1,
        last_seq=seq,
        centroid={space: dict(weights) for space, weights in tf.items()},
        dated=dated,
    )
    index._add_story(story)
    return story


def _join(
    index: StoryIndex,
    story: _Story,
    tf: Mapping[str, Mapping[str, float]],
    at: datetime,
    dated: bool,
    seq: int,
) -> None:
    added = []
    for space, weights in tf.items():
        centroid = story.centroid[space]
        for term, weight in weights.items():
            if term not in centroid:
                added.append((space, term))
            centroid[term] = round(centroid.get(term, 0.0) + weight, _DIGITS)
    index._index(story, added)
    if dated and not story.dated:  # its first date: the undated ones' times were guesses
        story.first_at, story.last_at, story.dated = at, at, True
    elif dated or not story.dated:
        story.first_at = min(story.first_at, at)
        story.last_at = max(story.last_at, at)
    story.articles += 1
    story.last_seq = seq
    index._touch(STORY_PREFIX + story.id)


def _link(index: StoryIndex, story: _Story, settings: Settings) -> None:
    """Link the thread of `story` with each other thread whose text is as alike as an
    article's must be to join a story (`story_threshold`): their centroids (the sums of
    their stories') compared as an article and a story are, without the time feature.

    Thread against thread, not story against story: a thread's centroid weighs what its
    stories share, so a chain of stories each a little like the next does not link stories
    that are nothing alike. And the two must name an entity in common (a place, a person, a
    body): two marches in two cities are told in the same words, and the words weigh most."""
    thread = index.thread(story.id)
    mine = _thread_centroid(index, thread)
    query = _vectors(index, mine)
    weighed: set[str] = set()  # the stories of the threads scored already
    for other_id in sorted(_candidates(index, query)):
        if other_id in thread or other_id in weighed:
            continue
        other = index.thread(other_id)
        weighed |= other
        theirs = _thread_centroid(index, other)
        if not mine[_ENTITIES].keys() & theirs[_ENTITIES].keys():
            continue
        if _text(index, query, theirs) >= settings.story_threshold:
            story.linked.add(other_id)
            index.stories[other_id].linked.add(story.id)
            index._touch(STORY_PREFIX + story.id)
            index._touch(STORY_PREFIX + other_id)
            thread |= other
            index.links += 1
            mine = _thread_centroid(index, thread)
            query = _vectors(index, mine)


def _thread_centroid(index: StoryIndex, thread: Iterable[str]) -> _Centroid:
    total: dict[str, dict[str, float]] = {_ENTITIES: {}, _WORDS: {}}
    for story_id in thread:
        for space, weights in index.stories[story_id].centroid.items():
            summed = total[space]
            for term, weight in weights.items():
                summed[term] = summed.get(term, 0.0) + weight
    return total


def _truncate_story(index: StoryIndex, story: _Story, keep: int) -> None:
    for space, weights in story.centroid.items():
        dropped = _truncate(index, space, weights, keep)
        index._unindex(story, ((space, term) for term in dropped))


def _with_story(tagged: TaggedArticle, story_id: str, story: str) -> TaggedArticle:
    return tagged.model_copy(update={"story_id": story_id, "story": story})


def restore(
    records: Iterable[StoryRecord | ArticleRecord], settings: Settings
) -> tuple[StoryIndex, list[str]]:
    """The index rebuilt from a store's records, and the keys to delete: articles beyond the
    window, stories `StoryIndex.close_idle` forgets, and the newest article when its story's
    update is missing (a write cut short, see `StoryIndex.changes`)."""
    stories: list[StoryRecord] = []
    articles: list[ArticleRecord] = []
    for record in records:
        if isinstance(record, StoryRecord):
            stories.append(record)
        else:
            articles.append(record)
    articles.sort(key=lambda a: a.seq)
    torn: list[str] = []
    if articles and _torn(articles[-1], {s.id: s for s in stories}):
        torn.append(ARTICLE_PREFIX + articles.pop().id)
    index = StoryIndex()
    for article in articles:
        index._count(article.hashes())
        index._remember(article, settings.story_window)
    for record in sorted(stories, key=lambda s: s.id):
        index._add_story(_Story.of(record))
    clocks = [a.at for a in articles if a.dated] + [s.last_at for s in stories if s.dated]
    index.clock = max(clocks) if clocks else None
    _, deleted = index.changes()  # what it wrote is stored already; its deletions are not
    index.close_idle(timedelta(days=settings.story_idle_days))
    deleted += sorted(index._deleted)
    index._deleted.clear()  # the links of the stories it forgot stay to write on the next save
    return index, sorted({*deleted, *torn})


def _torn(newest: ArticleRecord, stories: Mapping[str, StoryRecord]) -> bool:
    """Whether the newest article was stored without its story's update: its story is
    missing (one is never forgotten while its newest article is in the window) or older."""
    story = stories.get(newest.story_id)
    return story is None or 0 < story.last_seq < newest.seq
