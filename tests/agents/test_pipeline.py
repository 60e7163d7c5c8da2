"""The composed stages, as `replay` runs them (real spaCy model)."""

import pytest

from agents.clean.duplicates import DuplicateIndex
from agents.pipeline import Pipeline
from streams.models import Alert, DeadLetter, RawArticle
from streams.settings import Settings

ORGANISERS = RawArticle(
    id="march-organisers",
    source="Harbour Gazette",
    published_at="2025-06-01T10:00:00Z",
    body=(
        "Organisers said more than 90,000 people marched through Lisbon on Saturday, "
        "filling the avenue from the station to parliament.\n"
        "The march was the largest the movement has staged since it was founded."
    ),
)
POLICE = RawArticle(
    id="march-police",
    source="City Wire",
    published_at="2025-06-01T15:00:00Z",
    body=(
        "Police said about 15,000 people marched through Lisbon on Saturday, "
        "a figure the organisers rejected.\n"
        "Officers reported no arrests and said the avenue reopened to traffic by evening."
    ),
)
POLICE_REPRINT = POLICE.model_copy(
    update={"id": "march-police-reprint", "source": "Valley Times", "title": "Crowd figure"}
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def test_a_disputed_crowd_raises_one_alert(pipeline: Pipeline) -> None:
    records = list(pipeline.replay([ORGANISERS, POLICE]))
    alerts = [r for r in records if isinstance(r, Alert)]
    assert len(alerts) == 1
    assert alerts[0].claim.value.text == "about 15,000"
    assert [c.value.text for c in alerts[0].contradicts] == ["more than 90,000"]


def test_a_syndicated_copy_is_marked_and_raises_nothing_new(pipeline: Pipeline) -> None:
    records = list(pipeline.replay([ORGANISERS, POLICE, POLICE_REPRINT]))
    assert sum(isinstance(r, Alert) for r in records) == 1
    index, original = pipeline.dedupe(DuplicateIndex(), pipeline.clean(POLICE))
    index, copy = pipeline.dedupe(index, pipeline.clean(POLICE_REPRINT))
    assert original.duplicate_of is None
    assert copy.duplicate_of == "march-police"


def test_an_empty_article_is_a_deadletter_and_replay_goes_on(pipeline: Pipeline) -> None:
    empty = RawArticle(id="empty", body="   ")
    records = list(pipeline.replay([empty, ORGANISERS, POLICE]))
    assert isinstance(records[0], DeadLetter)
    assert (records[0].stage, records[0].reason) == ("clean", "empty_body")
    assert sum(isinstance(r, Alert) for r in records) == 1
