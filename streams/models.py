"""The messages on every topic: the public contract for Kafka consumers.

Field names follow ../shared/DESIGN.md; consumers and checks rely on them, so
fields may be added but never renamed. Every model serialises to JSON and
exports its JSON Schema (`claimwatch schema`).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "Alert",
    "AlertKind",
    "AlertStatus",
    "Claim",
    "ClaimKey",
    "CleanArticle",
    "ContentType",
    "DeadLetter",
    "Entity",
    "FigureValue",
    "Modality",
    "ParsedSentence",
    "Qualifier",
    "RawArticle",
    "Severity",
    "Span",
    "StoryArticle",
    "StoryEntity",
    "StoryUpdate",
    "TaggedArticle",
    "Token",
    "TOPIC_MODELS",
    "stable_id",
]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id: the same inputs give the same id on every worker."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def _aware(value: Any) -> Any:
    """Read ISO dates and date-times; naive values are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return value


_URL = "Where the article was published."
_SOURCE = "The outlet."
_TITLE = "The headline."
_PUBLISHED_AT = (
    "When the article was published (ISO 8601; a naive time is read as UTC), if known. An "
    "article without one stands on a claim key's timeline where it arrived."
)
_ARTICLE_ID = "The article's id, as on `articles.raw`."
_INGESTED_AT = (
    "When the article entered claimwatch (UTC): set by the producer, else by the clean "
    "stage; carried to its claims, so alerts measure ingest-to-alert latency."
)


class Message(BaseModel):
    """Base of every topic message: strict about unknown types, tolerant of extra fields."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ContentType(StrEnum):
    """How an article's `body` is written: plain text, or an HTML page to clean."""

    PLAIN = "text/plain"
    HTML = "text/html"


class RawArticle(Message):
    """An article as a producer sends it to `articles.raw`."""

    id: str = Field(default="", description="Given, else the file stem, else a hash of url/body.")
    url: str | None = Field(default=None, description=_URL)
    source: str | None = Field(default=None, description=_SOURCE)
    title: str | None = Field(default=None, description=_TITLE)
    published_at: datetime | None = Field(default=None, description=_PUBLISHED_AT)
    content_type: ContentType = Field(
        default=ContentType.PLAIN, description="How `body` is written."
    )
    body: str = Field(description="The article's text or page, boilerplate and all.")
    ingested_at: datetime | None = Field(default=None, description=_INGESTED_AT)

    _aware = field_validator("published_at", "ingested_at", mode="before")(_aware)

    @model_validator(mode="after")
    def _default_id(self) -> RawArticle:
        if not self.id:
            object.__setattr__(self, "id", stable_id(self.url or "", self.body))
        return self

    def received(self, at: datetime | None = None) -> RawArticle:
        """This article stamped `ingested_at` (`at`, else now) unless its producer stamped it."""
        if self.ingested_at is not None:
            return self
        return self.model_copy(update={"ingested_at": at or datetime.now(UTC)})


class CleanArticle(Message):
    """The article's own text, with the page around it removed."""

    id: str = Field(description=_ARTICLE_ID)
    url: str | None = Field(default=None, description=_URL)
    source: str | None = Field(default=None, description=_SOURCE)
    title: str | None = Field(default=None, description=_TITLE)
    published_at: datetime | None = Field(
        default=None,
        description="When the article was published: the producer's, else a date found in "
        "the page (UTC).",
    )
    paragraphs: list[str] = Field(description="The article's own text, one string a paragraph.")
    removed: dict[str, int] = Field(
        default_factory=dict, description="Boilerplate lines or blocks dropped, by reason."
    )
    language: str = Field(default="en", description="ISO 639-1 code of the text's language.")
    content_hash: str = Field(
        description="sha256 (hex) of the paragraphs with Unicode forms, case and whitespace "
        "folded: copies of one text hash alike."
    )
    dateline: str | None = Field(default=None, description='e.g. "SEOUL, South Korea (AP)".')
    duplicate_of: str | None = Field(
        default=None, description="Id of an earlier article with the same text, if any."
    )
    ingested_at: datetime | None = Field(default=None, description=_INGESTED_AT)

    _aware = field_validator("published_at", "ingested_at", mode="before")(_aware)


class Entity(Message):
    """A named entity; `start`/`end` are character offsets in its sentence."""

    text: str = Field(description="The entity as written.")
    label: str = Field(description="Its spaCy label: GPE, ORG, PERSON, NORP, DATE, ...")
    canonical: str = Field(
        description="One name for its spellings ('U.S.', 'United States' -> 'United States')."
    )
    start: int = Field(description="Character offset of its first character in the sentence.")
    end: int = Field(description="Character offset just past its last character.")
    sentence: int = Field(description="Index into the article's `sentences`.")


class Token(Message):
    """One token of a parsed sentence; `head` is the index of its head in the same sentence."""

    text: str = Field(description="The token as written.")
    start: int = Field(description="Character offset in the sentence.")
    lemma: str = Field(description="Its base form.")
    pos: str = Field(description="Universal part-of-speech tag (NOUN, NUM, VERB, ...).")
    tag: str = Field(description="Fine-grained (Penn Treebank) tag.")
    dep: str = Field(description="Dependency label of its arc to `head`.")
    head: int = Field(description="Index of its syntactic head in `tokens` (itself for the root).")
    ent: str = Field(default="", description="Entity label when the token is inside an entity.")


class ParsedSentence(Message):
    """The parse of a sentence that holds a figure, so claim extraction needs no model."""

    sentence: int = Field(description="Index into the article's `sentences`.")
    tokens: list[Token] = Field(description="The sentence's tokens, in order.")


_STORY_ID = "Stable id of the news story the article belongs to (the story stage's clustering)."
_STORY = "The story's readable label, its main entities ('Dova | flood')."


class TaggedArticle(CleanArticle):
    """The clean article split into sentences, with its named entities and its story."""

    sentences: list[str] = Field(description="The paragraphs' sentences, in order.")
    entities: list[Entity] = Field(
        default_factory=list, description="Named entities, in order of appearance."
    )
    parsed: list[ParsedSentence] = Field(
        default_factory=list, description="Parses of the sentences that hold a figure."
    )
    story_id: str | None = Field(default=None, description=_STORY_ID)
    story: str | None = Field(default=None, description=_STORY)
    part: int = Field(default=0, ge=0, description="Which part of the article this record is.")
    parts: int = Field(
        default=1,
        ge=1,
        description="Records the article travels in. An article too large for one record "
        "is cut into parts with one key, each holding a run of `paragraphs`, `sentences`, "
        "`entities` and `parsed`, in order; `sentence` indices are the whole article's. "
        "Concatenating the lists of parts 0..parts-1 gives the article.",
    )

    @model_validator(mode="after")
    def _part_of_parts(self) -> TaggedArticle:
        if self.part >= self.parts:
            raise ValueError(f"part {self.part} of {self.parts}")
        return self


class Qualifier(StrEnum):
    """How a figure is bounded: "about 8,500" is approx, "more than 9,000" more_than,
    "7,000-9,000" range, "thousands" vague."""

    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    AT_MOST = "at_most"
    RANGE = "range"
    VAGUE = "vague"


class Modality(StrEnum):
    """Whether a figure is a count reported, an estimate, or a projection ("could reach")."""

    REPORTED = "reported"
    ESTIMATED = "estimated"
    PROJECTED = "projected"


class FigureValue(Message):
    """A figure as written: "about 8,500" is 8500..8500, "more than 9,000" is 9000..None.

    Tolerances are the detector's business, never baked in here.
    """

    low: float | None = Field(description="The lower figure as written; null for 'up to N'.")
    high: float | None = Field(
        description="The upper figure as written; null for 'more than N' and 'at least N'."
    )
    qualifier: Qualifier = Field(description="How the figure is bounded.")
    unit: str | None = Field(
        default=None,
        description="Its unit ('percent', a currency); null for a count of people or things.",
    )
    text: str = Field(default="", description="The figure's words in the sentence.")


class ClaimKey(Message):
    """What a figure counts: story x quantity x scope. Two claims are comparable only when
    their keys match; the speaker is never part of it."""

    subject: str = Field(description="The news story, by its label.")
    measure: str = Field(
        description="The count type with its population when not the general public "
        "('deaths', 'officers injured', 'crowd')."
    )
    scope: str = Field(default="", description="What narrows it, readable: place, period, ...")
    place: str | None = Field(default=None, description="A place narrower than the story's.")
    group: str | None = Field(
        default=None, description="A sub-group by attribute ('unregistered', 'serious')."
    )
    period: str | None = Field(
        default=None, description="The day (ISO) a per-event count is about, or another year."
    )
    window: str | None = Field(default=None, description="A stated window ('within three days').")
    increment: bool = Field(default=False, description="'another', 'additional': not the total.")

    @property
    def text(self) -> str:
        return " | ".join(part for part in (self.subject, self.measure, self.scope) if part)


class Span(Message):
    """Character offsets of a figure in its sentence."""

    start: int = Field(description="Offset of its first character.")
    end: int = Field(description="Offset just past its last character.")


class Claim(Message):
    """A figure an article states about a claim key, with who said it and how."""

    claim_id: str = Field(
        description="Deterministic: the article's id with the figure's place in it."
    )
    article_id: str = Field(description="The id of the article that states it.")
    source: str | None = Field(default=None, description="The outlet of its article.")
    url: str | None = Field(default=None, description="The address of its article.")
    published_at: datetime | None = Field(
        default=None, description="When its article was published (UTC), if known."
    )
    story_id: str | None = Field(default=None, description=_STORY_ID)
    story: str | None = Field(default=None, description=_STORY)
    key: ClaimKey = Field(description="What the figure counts.")
    key_text: str = Field(
        description="The key, readable: subject | measure | scope ('Talmora earthquake | deaths "
        "| Talmora province'); the claims topic's record key."
    )
    quantity_kind: str | None = Field(
        default=None,
        description="How the count moves: cumulative (a tally that only grows unless "
        "corrected), stock (a level that moves either way) or per_event (one day's count).",
    )
    value: FigureValue = Field(description="The figure as written.")
    attributed_to: str | None = Field(
        default=None, description="Who the article says gave the figure ('police', 'the UN')."
    )
    modality: Modality = Field(
        default=Modality.REPORTED, description="Count, estimate or projection."
    )
    sentence: str = Field(description="The sentence that states it.")
    span: Span = Field(description="Character offsets of the figure in `sentence`.")
    place: str | None = Field(
        default=None,
        description="Canonical place the figure refers to ('Russia', 'Kursk'); not in the key.",
    )
    period: str | None = Field(
        default=None,
        description="Time the figure refers to, as written ('since last fall'); not in the key.",
    )
    historical: bool = Field(
        default=False,
        description="The article cites this figure as superseded ('up from 140', 'the earlier "
        "toll of 412'): it stands on the timeline at `as_of`, never against its own article.",
    )
    as_of: datetime | None = Field(
        default=None, description="When a historical figure held: before its article."
    )
    duplicate_of: str | None = Field(
        default=None, description="Set when the article is a copy of an earlier one."
    )
    ingested_at: datetime | None = Field(default=None, description=_INGESTED_AT)

    _aware = field_validator("published_at", "as_of", "ingested_at", mode="before")(_aware)


class AlertKind(StrEnum):
    """A revision: a later figure replaces an earlier one (a voice's own, or a tally that
    rose); a contradiction: figures that cannot both hold (README, "What raises an alert")."""

    CONTRADICTION = "contradiction"
    REVISION = "revision"


class AlertStatus(StrEnum):
    """Raised, or withdrawn once it no longer stands."""

    RAISED = "raised"
    WITHDRAWN = "withdrawn"


class Severity(StrEnum):
    """How far apart the figures are (settings `severity_medium`, `severity_high`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Alert(Message):
    """A new figure in conflict with earlier ones on its claim key."""

    alert_id: str = Field(description="Deterministic: the same claims give the same id.")
    kind: AlertKind = Field(description="Contradiction or revision.")
    key_text: str = Field(description="The claim key, readable, as in its claims.")
    claim: Claim = Field(description="The new figure.")
    contradicts: list[Claim] = Field(
        description="Earlier claims it conflicts with, most severe first (at most "
        "`max_earlier_per_alert` of them)."
    )
    omitted: int = Field(
        default=0,
        ge=0,
        description="Earlier claims in conflict left out of `contradicts` by the cap.",
    )
    severity: Severity = Field(description="Of the most severe conflict.")
    gap: float = Field(
        default=0.0, description="Relative gap between the intervals (0 = touching)."
    )
    summary: str = Field(description="One readable sentence saying what conflicts with what.")
    raised_at: datetime = Field(description="When it was raised, or withdrawn (UTC).")
    status: AlertStatus = Field(
        default=AlertStatus.RAISED,
        description="`withdrawn`: the same alert (same `alert_id`) no longer stands, because a "
        "figure that arrived late sits between its claims on the key's timeline. The alerts "
        "standing on a key are a function of its claims, whatever order they arrived in, "
        "while the key's history holds them.",
    )

    _aware = field_validator("raised_at", mode="before")(_aware)


class DeadLetter(Message):
    """A record a stage could not handle, with the reason; the worker goes on."""

    stage: str = Field(
        description="The stage that failed: clean, dedupe, tag, story, extract, detect, dispatch."
    )
    reason: str = Field(description="A stable snake_case code ('invalid_json', 'body_too_large').")
    error: str = Field(default="", description="The exception, readable, truncated.")
    topic: str | None = Field(default=None, description="The topic the record was read from.")
    partition: int | None = Field(default=None, description="Its partition there.")
    offset: int | None = Field(default=None, description="Its offset there.")
    payload: str = Field(default="", description="The record as received, truncated.")
    endpoint: str | None = Field(
        default=None,
        description="The webhook a dispatch record failed to reach, redacted: scheme, host, path.",
    )
    at: datetime = Field(
        default_factory=lambda: datetime.now(UTC), description="When the stage failed (UTC)."
    )

    _aware = field_validator("at", mode="before")(_aware)

    @property
    def key(self) -> str:
        """Its key on the deadletter topic: where the record it stands for was."""
        return f"{self.stage}:{self.topic}:{self.partition}:{self.offset}"


class StoryArticle(Message):
    """An article's header, as a story lists it."""

    article_id: str = Field(description=_ARTICLE_ID)
    title: str | None = Field(default=None, description=_TITLE)
    source: str | None = Field(
        default=None, description="The outlet: the article's `source`, else its URL's host."
    )
    url: str | None = Field(default=None, description=_URL)
    published_at: datetime | None = Field(default=None, description=_PUBLISHED_AT)
    lead: str = Field(
        default="",
        description="The article's first sentence (at most 300 characters): what a reader "
        "sees of an article without a title.",
    )

    _aware = field_validator("published_at", mode="before")(_aware)


class StoryEntity(Message):
    """One of a story's main entities: what its articles name most."""

    term: str = Field(
        description="The entity as the story stage weighs it (its canonical name, case "
        "folded): what identifies it from one update of the story to the next."
    )
    name: str = Field(description="Its canonical name, readable ('Talmora', 'Red Cross').")
    kind: str | None = Field(
        default=None,
        description="Its spaCy label (GPE, LOC, FAC are places; PERSON, ORG, NORP, ...) when "
        "the article of the update names it; null otherwise.",
    )
    weight: float = Field(
        description="Its summed weight in the story's articles (1 + ln of its mentions in "
        "each, lead mentions counted twice)."
    )


class StoryUpdate(Message):
    """A story as it stands after the story stage placed one more article in it."""

    story_id: str = Field(description=_STORY_ID)
    label: str = Field(description=_STORY)
    article: StoryArticle = Field(description="The article just placed in the story.")
    entities: list[StoryEntity] = Field(
        default_factory=list, description="The story's main entities, heaviest first."
    )
    first_seen: datetime = Field(
        description="Time of its earliest article (its date; an undated article's is when "
        "the stream reached it)."
    )
    last_seen: datetime = Field(description="Time of its latest article, as `first_seen`.")
    articles: int = Field(
        ge=1,
        description="Articles the story holds with this one: grows by one per new article, so "
        "of two updates of a story the one with more is the later.",
    )
    thread: list[str] = Field(
        default_factory=list,
        description="Ids of the stories linked with it into one thread, its own included, "
        "sorted: stories whose articles the story stage found alike as wholes (a follow-up "
        "that names none of the first reports' places, a march weeks after the last). Each "
        "keeps its own claims' keys; a reader shows a thread as one story, and links only "
        "grow. Empty from a stage that did not link stories.",
    )

    _aware = field_validator("first_seen", "last_seen", mode="before")(_aware)


TOPIC_MODELS: dict[str, type[Message]] = {
    "articles.raw": RawArticle,
    "articles.dedupe": CleanArticle,
    "articles.clean": CleanArticle,
    "articles.story": TaggedArticle,
    "articles.tagged": TaggedArticle,
    "claims": Claim,
    "alerts": Alert,
    "stories": StoryUpdate,
    "deadletter": DeadLetter,
}
"""The model each topic carries, by its unprefixed name."""
