"""The story tests' articles, tagged once with the real model (the story stage reads entities)."""

import pytest
from story_articles import STREAM, THREADED

from agents.pipeline import Pipeline
from streams.models import TaggedArticle
from streams.settings import Settings


@pytest.fixture(scope="session")
def story_pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def tagged_stream(story_pipeline: Pipeline) -> list[tuple[str, TaggedArticle]]:
    """(gold story, tagged article) in stream order, no story assigned yet."""
    return [(gold, story_pipeline.tag(story_pipeline.clean(raw))) for gold, raw in STREAM]


@pytest.fixture(scope="session")
def threaded_stream(story_pipeline: Pipeline) -> list[tuple[str, TaggedArticle]]:
    """As `tagged_stream`, with the story in two phases (`story_articles.UNREST`) in it."""
    return [(gold, story_pipeline.tag(story_pipeline.clean(raw))) for gold, raw in THREADED]
