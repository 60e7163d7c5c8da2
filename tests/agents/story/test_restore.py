"""The story stage gives the samples the same stories however a worker's run is cut or ordered.

A worker mirrors its index into a table (`StoryIndex.changes`, one record at a time) and
commits its input offset only once those writes are flushed. SIGKILL can stop it anywhere:
between two records of one article's writes, or after an article's output was sent but
before its writes were; the restarted worker restores the table and handles again every
record from its last committed offset. Articles tagged on parallel partitions also reach
the stage interleaved in any order that keeps each partition's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime

import pytest
from support import samples

from agents.pipeline import Pipeline
from agents.story import StoryIndex, assign, restore
from agents.story.clustering import ARTICLE_PREFIX, STORY_PREFIX, ArticleRecord, StoryRecord
from streams.models import TaggedArticle
from streams.settings import Settings

SETTINGS = Settings()
Record = StoryRecord | ArticleRecord
Write = tuple[str, Record | None]
"""A table write: key and record, or key and None for a delete."""


@pytest.fixture(scope="module")
def sample_stream(story_pipeline: Pipeline) -> list[TaggedArticle]:
    """The samples tagged, in publication order, no story assigned yet."""
    return [story_pipeline.tag(story_pipeline.clean(raw)) for raw in samples()]


def _run(
    stream: Sequence[TaggedArticle], index: StoryIndex | None = None
) -> tuple[StoryIndex, list[tuple[str, str | None, str | None]], list[list[Write]]]:
    """Assign each article: the index, `(id, story_id, story)` each, each article's writes."""
    index = index if index is not None else StoryIndex()
    assigned, writes = [], []
    for tagged in stream:
        index, tagged = assign(index, tagged, SETTINGS)
        assigned.append((tagged.id, tagged.story_id, tagged.story))
        written, deleted = index.changes()
        writes.append([*((_key(r), r) for r in written), *((key, None) for key in deleted)])
    return index, assigned, writes


def _key(record: Record) -> str:
    return (STORY_PREFIX if isinstance(record, StoryRecord) else ARTICLE_PREFIX) + record.id


def _table(writes: Sequence[Write]) -> list[Record]:
    """The records a table holds after `writes`, read back from their JSON as a worker does."""
    table: dict[str, Record] = {}
    for key, record in writes:
        if record is None:
            table.pop(key, None)
        else:
            table[key] = type(record).model_validate_json(record.model_dump_json())
    return list(table.values())


def _state(
    index: StoryIndex,
) -> tuple[list[StoryRecord], list[ArticleRecord], dict[int, int], datetime | None]:
    """What decides the next assignments: stories (centroids, times), window, DF, clock."""
    stories = sorted((s.record() for s in index.stories.values()), key=lambda r: r.id)
    return stories, list(index.articles.values()), dict(index.df), index.clock


def test_a_restart_at_any_point_gives_the_stories_of_a_run_never_stopped(
    sample_stream: list[TaggedArticle],
) -> None:
    live, expected, writes = _run(sample_stream)
    flat = [(step, write) for step, step_writes in enumerate(writes) for write in step_writes]
    for cut in range(len(flat) + 1):  # the table's writes that reached the changelog
        stored = [write for _, write in flat[:cut]]
        # Offsets are committed once an article's writes are flushed, so a restart
        # handles again from any article up to the first whose writes were cut.
        flushed = next((step for step, _ in flat[cut:]), len(writes))
        for committed in range(flushed + 1):
            restored, _ = restore(_table(stored), SETTINGS)
            after, assigned, _ = _run(sample_stream[committed:], restored)
            where = f"{cut} of {len(flat)} writes stored, handled again from {committed}"
            assert assigned == expected[committed:], where
            assert _state(after) == _state(live), where


def test_a_restored_table_drops_an_article_stored_without_its_story(
    sample_stream: list[TaggedArticle],
) -> None:
    """The first article's record reached the table, the story it opened did not."""
    _, _, writes = _run(sample_stream[:1])
    article, story = writes[0][:2]
    assert article[0].startswith(ARTICLE_PREFIX) and story[0].startswith(STORY_PREFIX)
    restored, stale = restore(_table([article]), SETTINGS)
    assert not restored.articles and not restored.stories
    assert stale == [article[0]]


def _merges(first: Sequence[int], second: Sequence[int]) -> list[list[int]]:
    """Every interleaving of two sequences that keeps each one's own order."""
    merges = []
    size = len(first) + len(second)
    for places in itertools.combinations(range(size), len(first)):
        ahead, rest = iter(first), iter(second)
        merges.append([next(ahead) if n in places else next(rest) for n in range(size)])
    return merges


def _groups(assigned: Sequence[tuple[str, str | None, str | None]]) -> set[frozenset[str]]:
    by_story: dict[str | None, set[str]] = {}
    for article_id, story_id, _ in assigned:
        by_story.setdefault(story_id, set()).add(article_id)
    return {frozenset(ids) for ids in by_story.values()}


@pytest.mark.parametrize(
    ("partition", "other", "same_ids"),
    [
        # Each story on one partition (as in the worker's runs): its first article comes
        # first, so the ids and labels are those of the ordered stream.
        pytest.param([0, 1, 2, 3], [4, 5, 6, 7], True, id="one-partition-per-story"),
        # A story over both: which of its articles opens it depends on the interleaving.
        pytest.param([0, 2, 4, 6], [1, 3, 5, 7], False, id="stories-across-partitions"),
    ],
)
def test_articles_of_two_partitions_get_their_stories_in_any_interleaving(
    sample_stream: list[TaggedArticle], partition: list[int], other: list[int], same_ids: bool
) -> None:
    """Talmora day four (13 March) arriving after the Belmark reports (May) joins its quake."""
    _, in_order, _ = _run(sample_stream)
    for merged in _merges(partition, other):
        _, assigned, _ = _run([sample_stream[n] for n in merged])
        assert _groups(assigned) == _groups(in_order), merged
        if same_ids:
            assert sorted(assigned) == sorted(in_order), merged
