"""The stages composed once: the Kafka agents, `replay` and `claims` call these same methods."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from streams.codec import dead_letter, encode
from streams.errors import StageError
from streams.models import Alert, Claim, CleanArticle, DeadLetter, RawArticle, TaggedArticle
from streams.settings import Settings

from .clean import clean_article
from .clean.duplicates import DuplicateIndex, check
from .detect import KnownClaims, detect
from .extract import extract_claims
from .story import StoryIndex, assign
from .tag import load_nlp, tag_article

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Pipeline"]

A = TypeVar("A", bound=BaseModel)
B = TypeVar("B")


class Pipeline:
    """Stage functions bound to one set of settings and one spaCy pipeline."""

    def __init__(self, settings: Settings, nlp: Language | None = None) -> None:
        self.settings = settings
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        """Loaded on first use, so a worker loads it at start and `clean` never does."""
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.spacy_model)
        return self._nlp

    def clean(self, raw: RawArticle) -> CleanArticle:
        """The cleaned article, stamped `ingested_at` now if its producer did not stamp it."""
        raw = raw.received()
        return clean_article(raw, self.settings).model_copy(update={"ingested_at": raw.ingested_at})

    def dedupe(
        self, index: DuplicateIndex, article: CleanArticle
    ) -> tuple[DuplicateIndex, CleanArticle]:
        """Mark a syndicated copy or re-sent article with the id of the original it copies."""
        index, original = check(index, article, self.settings)
        if original is None:
            return index, article
        return index, article.model_copy(update={"duplicate_of": original})

    def tag(self, article: CleanArticle) -> TaggedArticle:
        return tag_article(article, self.nlp)

    def story(self, index: StoryIndex, tagged: TaggedArticle) -> tuple[StoryIndex, TaggedArticle]:
        """Put the article in its news story (`story_id`, `story`); `index` is updated in place."""
        return assign(index, tagged, self.settings)

    def extract(self, tagged: TaggedArticle) -> list[Claim]:
        return extract_claims(tagged)

    def claims(self, raw: RawArticle) -> list[Claim]:
        """The claims of one article on its own (its story is the one it opens)."""
        _, tagged = self.story(StoryIndex(), self.tag(self.clean(raw)))
        return self.extract(tagged)

    def tagged(self, articles: Iterable[RawArticle]) -> Iterator[TaggedArticle | DeadLetter]:
        """Clean, dedupe, tag and assign stories in-process, in the order given: the story of
        each article depends on the articles before it, so `replay` and the `claims`
        command both read the stream through here and give the same stories."""
        index = DuplicateIndex()
        stories = StoryIndex()
        previous: datetime | None = None
        for raw in articles:
            try:
                clean = _after(_stage("clean", self.clean, raw), previous)
                previous = clean.published_at or clean.ingested_at
                index, clean = self.dedupe(index, clean)
                tagged = _stage("tag", self.tag, clean)
                stories, tagged = self.story(stories, tagged)
            except _Failed as failed:
                yield failed.record
                continue
            yield tagged

    def detect(
        self, known: KnownClaims, claim: Claim, now: datetime | None = None
    ) -> tuple[KnownClaims, list[Alert]]:
        return detect(known, claim, self.settings, now)

    def replay(self, articles: Iterable[RawArticle]) -> Iterator[Alert | DeadLetter]:
        """Every stage in-process, in the order given, with a dict as the table of known claims:
        alerts raised and withdrawn as the alerts topic carries them (`standing_alerts` folds
        them)."""
        table: dict[str, KnownClaims] = {}
        for tagged in self.tagged(articles):
            if isinstance(tagged, DeadLetter):
                yield tagged
                continue
            try:
                claims = _stage("extract", self.extract, tagged)
            except _Failed as failed:
                yield failed.record
                continue
            for claim in claims:
                known, alerts = self.detect(table.get(claim.key_text, KnownClaims()), claim)
                table[claim.key_text] = known
                yield from alerts


def _after(article: CleanArticle, previous: datetime | None) -> CleanArticle:
    """An undated article of a replay stands just after the article before it: the input's
    order is the stream's, and the wall clock of the replay is no time of the news. (Live,
    it stands when it was ingested.)"""
    if article.published_at is not None or previous is None:
        return article
    return article.model_copy(update={"ingested_at": previous + timedelta(microseconds=1)})


class _Failed(Exception):
    def __init__(self, record: DeadLetter) -> None:
        self.record = record


def _stage(name: str, fn: Callable[[A], B], value: A) -> B:
    try:
        return fn(value)
    except StageError as exc:
        raise _Failed(dead_letter(name, exc, encode(value))) from exc
