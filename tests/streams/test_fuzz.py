"""Whatever a producer sends, each stage ends with a valid message or a deadletter with a reason.

The worker's consume loop (`ClaimwatchApp.consume`) turns any exception into a
deadletter, so the worker never stops; but an exception that is not a
`StageError` lands there as `unexpected_error`, a bug with no reason. These
properties run the pure path the loop runs (`decode`, then the stage) and let
only `StageError` through, so hypothesis shrinks any other to its smallest input.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import NEWS_ARTICLE, hostile_payloads

from agents.clean.duplicates import DuplicateIndex
from agents.pipeline import Pipeline
from streams.codec import dead_letter, decode, encode
from streams.errors import StageError
from streams.models import TOPIC_MODELS, Alert, CleanArticle, DeadLetter, Message, RawArticle
from streams.settings import Settings

SETTINGS = Settings()

REASONS = {
    "empty_payload",
    "not_utf8",
    "invalid_json",
    "not_an_object",
    "invalid_message",
    "body_too_large",
    "empty_body",
    "no_article_text",
    "not_english",
}
"""Every reason a record of `articles.raw` may be dropped for."""


def _through(stage: str, payload: bytes, handle: Callable[[bytes], Message]) -> Message:
    """The consume loop's routing, minus its catch-all: StageError becomes a deadletter."""
    try:
        return handle(payload)
    except StageError as exc:
        return dead_letter(stage, exc, payload, topic="articles.raw", partition=0, offset=0)


def _clean(pipeline: Pipeline, payload: bytes) -> CleanArticle:
    """The clean and dedupe agents' work on one record of `articles.raw`."""
    article = pipeline.clean(decode(RawArticle, payload))
    return pipeline.dedupe(DuplicateIndex(), article)[1]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(SETTINGS)


@settings(max_examples=400, deadline=None)
@given(payload=hostile_payloads(SETTINGS.max_body_bytes))
def test_any_raw_record_is_cleaned_or_dropped_with_a_reason(
    pipeline: Pipeline, payload: bytes
) -> None:
    outcome = _through("clean", payload, lambda p: _clean(pipeline, p))
    if isinstance(outcome, DeadLetter):
        assert outcome.reason in REASONS, outcome.error
    encode(outcome)  # what the worker would publish


@settings(max_examples=200, deadline=None)
@given(
    model=st.sampled_from(sorted(set(TOPIC_MODELS.values()), key=str)),
    payload=hostile_payloads(4096),
)
def test_any_record_on_any_topic_decodes_or_has_a_reason(
    model: type[Message], payload: bytes
) -> None:
    outcome = _through("decode", payload, lambda p: decode(model, p))
    assert isinstance(outcome, model | DeadLetter)
    if isinstance(outcome, DeadLetter):
        assert outcome.reason in REASONS
    encode(outcome)


# Articles that get past cleaning, so the tagger, the extractor and the detector see them.
_FIGURES = st.sampled_from(
    [
        "4,000",
        "about 20,000",
        "more than 100,000",
        "10,000-12,000",
        "at least 1.5 million",
        "up to 3,000",
        "nearly 0",
        "99999999999999999999",
        "-5",
        "4.000",
        "thousands of",
        "1e9",
        "a dozen",
        "٣٠٠٠",
        "½",
        "4,000 to 2,000",
        "between 5 and",
        "2,000,000,000,000,000",
    ]
)
_SPEAKERS = st.sampled_from(
    ["police said", "organisers said", "the ministry said", "according to the U.N.", "", "he said"]
)
_THINGS = st.sampled_from(
    [
        "people were killed in Senna",
        "people marched through Calder",
        "troops were sent",
        "homes lost power",
        "people crossed into Belmark",
        "were injured",
        "people",
    ]
)
_SENTENCE = st.builds(
    lambda speaker, figure, thing, tail: f"{speaker.capitalize()} {figure} {thing}{tail}.".strip(),
    _SPEAKERS,
    _FIGURES,
    _THINGS,
    st.sampled_from(["", " on Monday", " since May 1", " in 2024", ", the agency said"]),
)
_NEWSY = st.builds(
    lambda n, sentences, published, source: RawArticle(
        id=f"newsy-{n}",
        source=source,
        published_at=published,
        body="\n".join(sentences),
    ),
    st.integers(0, 10**6),
    st.lists(_SENTENCE, min_size=1, max_size=6),
    st.none() | st.sampled_from(["2025-04-05T10:00:00Z", "2025-04-06T10:00:00Z", "1900-01-01"]),
    st.none() | st.sampled_from(["Harbour Post", "City Wire"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=st.lists(_NEWSY, min_size=1, max_size=4))
def test_articles_full_of_figures_go_through_every_stage(
    pipeline: Pipeline, articles: list[RawArticle]
) -> None:
    """`replay` routes StageError to deadletters as the agents do; anything else escapes."""
    for record in pipeline.replay(articles):
        assert isinstance(record, Alert | DeadLetter)
        encode(record)


def test_the_good_article_the_strategies_start_from_is_good(pipeline: Pipeline) -> None:
    article = RawArticle.model_validate(NEWS_ARTICLE)
    assert pipeline.claims(article), "mangling an article with no claims would test less"
