"""Online story clustering on articles written for these tests (tests/story_articles.py)."""

import time
from collections import defaultdict
from datetime import timedelta

import pytest

from agents.story import StoryIndex, assign, label_of, restore, story_id_for
from agents.story.clustering import ArticleRecord, StoryRecord
from streams.models import TaggedArticle
from streams.settings import Settings

SETTINGS = Settings()
Stream = list[tuple[str, TaggedArticle]]


def _run(
    stream: Stream, settings: Settings = SETTINGS, index: StoryIndex | None = None
) -> tuple[StoryIndex, list[tuple[str, TaggedArticle]]]:
    index = index if index is not None else StoryIndex()
    out = []
    for gold, tagged in stream:
        index, tagged = assign(index, tagged, settings)
        out.append((gold, tagged))
    return index, out


def _clusters(assigned: Stream) -> dict[str, set[str]]:
    """Gold story -> the story ids its articles got."""
    found: dict[str, set[str]] = defaultdict(set)
    for gold, tagged in assigned:
        assert tagged.story_id and tagged.story
        found[gold].add(tagged.story_id)
    return found


def _article(stream: Stream, article_id: str) -> TaggedArticle:
    return next(t for _, t in stream if t.id == article_id)


def test_each_story_is_one_cluster_and_no_cluster_mixes_two(tagged_stream: Stream) -> None:
    _, assigned = _run(tagged_stream)
    clusters = _clusters(assigned)
    assert {gold: len(ids) for gold, ids in clusters.items()} == dict.fromkeys(clusters, 1)
    every = [next(iter(ids)) for ids in clusters.values()]
    assert len(set(every)) == len(every), "two stories share a cluster"


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        ("quake", "quake", True),  # three outlets, a rising toll
        ("ferry", "ferry", True),  # one story told from two countries
        ("peru-bus", "peru-protest", False),  # one country, one week, two stories
        ("march", "quake", False),  # same days, different countries
    ],
)
def test_together_or_apart(tagged_stream: Stream, first: str, second: str, together: bool) -> None:
    _, assigned = _run(tagged_stream)
    ids = _clusters(assigned)
    assert (ids[first] == ids[second]) is together


def test_a_story_is_named_once_by_its_first_article(tagged_stream: Stream) -> None:
    _, assigned = _run(tagged_stream)
    quake = [t for gold, t in assigned if gold == "quake"]
    assert {t.story_id for t in quake} == {story_id_for(quake[0].id)}
    assert {t.story for t in quake} == {label_of(quake[0])}
    assert quake[0].story is not None
    assert "Chile" in quake[0].story and "earthquake" in quake[0].story


def test_an_article_seen_again_keeps_its_story_and_changes_nothing(tagged_stream: Stream) -> None:
    index, assigned = _run(tagged_stream)
    index.changes()
    again = _article(tagged_stream, "quake-2")
    index, tagged = assign(index, again, SETTINGS)
    assert (tagged.story_id, tagged.story) == next(
        (t.story_id, t.story) for _, t in assigned if t.id == "quake-2"
    )
    assert index.changes() == ([], [])


def test_a_copy_joins_its_originals_story(tagged_stream: Stream) -> None:
    index, assigned = _run(tagged_stream)
    copy = _article(tagged_stream, "march-1").model_copy(
        update={"id": "march-1-copy", "duplicate_of": "march-1", "paragraphs": ["Reprinted."]}
    )
    _, tagged = assign(index, copy, SETTINGS)
    assert tagged.story_id == story_id_for("march-1")


def test_an_undated_article_is_placed_at_the_streams_newest_time(tagged_stream: Stream) -> None:
    index, _ = _run(tagged_stream)
    clock = index.clock
    undated = _article(tagged_stream, "ferry-2").model_copy(
        update={"id": "ferry-undated", "published_at": None}
    )
    index, tagged = assign(index, undated, SETTINGS)
    assert index.articles["ferry-undated"].at == clock
    assert tagged.story_id == story_id_for("ferry-1")


def test_undated_reports_ingested_now_do_not_keep_out_a_dated_one_from_long_ago(
    tagged_stream: Stream,
) -> None:
    # Scraped pages often carry no date: ingested today, they open the story; a report of it
    # dated two years back still joins, and from then on the story has real dates.
    first, second = (_article(tagged_stream, f"ferry-{n}") for n in (1, 2))
    dated_at = second.published_at
    assert dated_at is not None
    now = dated_at + timedelta(days=700)
    undated = first.model_copy(update={"published_at": None, "ingested_at": now})
    index, opened = assign(StoryIndex(), undated, SETTINGS)
    assert index.clock is None
    index, joined = assign(index, second, SETTINGS)
    assert joined.story_id == opened.story_id
    story = index.stories[opened.story_id]
    assert (story.dated, story.first_at, story.last_at) == (True, dated_at, dated_at)
    assert index.clock == dated_at


def test_a_date_far_past_ingestion_is_taken_as_the_ingestion_time(tagged_stream: Stream) -> None:
    first = _article(tagged_stream, "quake-1")
    wrong = first.model_copy(
        update={
            "published_at": first.published_at.replace(year=2099),  # type: ignore[union-attr]
            "ingested_at": first.published_at,
        }
    )
    index, _ = assign(StoryIndex(), wrong, SETTINGS)
    assert index.clock == first.published_at


@pytest.mark.parametrize(("idle_days", "joins"), [(30.0, False), (60.0, True)])
def test_an_idle_story_closes(tagged_stream: Stream, idle_days: float, joins: bool) -> None:
    settings = Settings(story_idle_days=idle_days)
    quake = [(g, t) for g, t in tagged_stream if g == "quake"]
    index, assigned = _run(quake, settings)
    later = quake[-1][1]
    follow_up = later.model_copy(
        update={"id": "quake-later", "published_at": later.published_at + timedelta(days=40)}  # type: ignore[operator]
    )
    index, tagged = assign(index, follow_up, settings)
    assert (tagged.story_id == assigned[0][1].story_id) is joins
    assert index.open_stories(timedelta(days=idle_days)) == 1  # the quake's, or the new one
    assert len(index.stories) == (1 if joins else 2), "closed, kept while in the window"


def test_a_closed_story_is_forgotten_once_its_articles_have_left_the_window(
    tagged_stream: Stream,
) -> None:
    """Until then a late article of its days (tagged on a slower partition) may still join."""
    quake = [(g, t) for g, t in tagged_stream if g == "quake"]
    later = quake[-1][1]
    follow_up = later.model_copy(
        update={"id": "quake-later", "published_at": later.published_at + timedelta(days=40)}  # type: ignore[operator]
    )
    kept, _ = _run([*quake, ("quake", follow_up)], Settings(story_idle_days=30.0))
    assert story_id_for("quake-1") in kept.stories
    gone, _ = _run([*quake, ("quake", follow_up)], Settings(story_idle_days=30.0, story_window=1))
    assert story_id_for("quake-1") not in gone.stories


def test_the_window_bounds_the_document_frequencies(tagged_stream: Stream) -> None:
    settings = Settings(story_window=3)
    index, _ = _run(tagged_stream, settings)
    assert len(index.articles) == 3
    written, deleted = index.changes()
    assert {f"article:{a}" for a in index.articles} <= {
        f"article:{r.id}" for r in written if isinstance(r, ArticleRecord)
    }
    assert not any(key.removeprefix("article:") in index.articles for key in deleted)
    counted = sum(len(a.hashes()) for a in index.articles.values())
    assert sum(index.df.values()) == counted


def test_a_restored_index_assigns_as_the_live_one(tagged_stream: Stream) -> None:
    """What a restarted worker does: rebuild the index from the table its records went to."""
    settings = Settings(story_window=8)
    half = len(tagged_stream) // 2
    live, _ = _run(tagged_stream[:half], settings)
    store: dict[str, StoryRecord | ArticleRecord] = {}
    written, deleted = live.changes()
    for record in written:
        kind = "story" if isinstance(record, StoryRecord) else "article"
        store[f"{kind}:{record.id}"] = record
    for key in deleted:
        store.pop(key, None)

    restored, stale = restore(store.values(), settings)
    assert stale == []
    _, after_live = _run(tagged_stream[half:], settings, live)
    _, after_restored = _run(tagged_stream[half:], settings, restored)
    assert [(t.id, t.story_id, t.story) for _, t in after_restored] == [
        (t.id, t.story_id, t.story) for _, t in after_live
    ]


def _threads(index: StoryIndex, assigned: Stream) -> dict[str, set[frozenset[str]]]:
    """Gold story -> the threads (sets of story ids) its stories are in."""
    found: dict[str, set[frozenset[str]]] = defaultdict(set)
    for gold, tagged in assigned:
        assert tagged.story_id
        found[gold].add(frozenset(index.thread(tagged.story_id)))
    return found


def test_a_story_opened_twice_by_its_phases_is_one_thread(threaded_stream: Stream) -> None:
    """A riot, then national arrest figures that name none of its places: two stories, linked
    once a report names both; stories of one country and one week stay apart."""
    index, assigned = _run(threaded_stream)
    assert len(_clusters(assigned)["unrest"]) == 2, "the phases open two stories"
    assert index.links == 1
    threads = _threads(index, assigned)
    assert {gold: len(found) for gold, found in threads.items()} == dict.fromkeys(threads, 1)
    every = [next(iter(found)) for found in threads.values()]
    assert len(set(every)) == len(every), "a thread holds two stories"
    (unrest,) = threads["unrest"]
    assert unrest == set(_clusters(assigned)["unrest"])
    assert all(set(r.linked) <= unrest for r in map(index.story, unrest) if r is not None)


def test_a_link_is_kept_by_both_stories_and_dropped_with_a_forgotten_one(
    threaded_stream: Stream,
) -> None:
    index, assigned = _run(threaded_stream)
    first, second = sorted(_clusters(assigned)["unrest"], key=lambda s: index.stories[s].first_at)
    assert index.stories[first].linked == {second}
    assert index.stories[second].linked == {first}
    written, _ = index.changes()
    stored = {r.id: r for r in written if isinstance(r, StoryRecord)}
    assert stored[first].linked == [second] and stored[second].linked == [first]

    index._forget_story(index.stories[first])
    assert index.stories[second].linked == set()
    assert index.thread(second) == {second}
    written, _ = index.changes()
    assert [r.linked for r in written if isinstance(r, StoryRecord) and r.id == second] == [[]]


def test_links_come_back_after_a_restart(threaded_stream: Stream) -> None:
    live, assigned = _run(threaded_stream)
    written, _ = live.changes()
    restored, stale = restore(written, SETTINGS)
    assert stale == []
    for _, tagged in assigned:
        assert restored.thread(tagged.story_id) == live.thread(tagged.story_id)  # type: ignore[arg-type]


def test_a_story_forgotten_on_restore_leaves_its_links_to_write(threaded_stream: Stream) -> None:
    live, assigned = _run(threaded_stream)
    first, second = sorted(_clusters(assigned)["unrest"], key=lambda s: live.stories[s].first_at)
    written, _ = live.changes()
    # A restart with a short idle time and window: the riot's story is forgotten.
    restored, stale = restore(written, Settings(story_idle_days=1.0, story_window=1))
    assert f"story:{first}" in stale and second in restored.stories
    assert restored.stories[second].linked == set()
    rewritten, _ = restored.changes()
    assert [r.linked for r in rewritten if isinstance(r, StoryRecord) and r.id == second] == [[]]


def test_assigning_an_article_takes_a_few_milliseconds(tagged_stream: Stream) -> None:
    """The stage runs on one partition: it must stay far below tagging (about 50 ms)."""
    index = StoryIndex()
    started = time.perf_counter()
    for n in range(20):
        for _, tagged in tagged_stream:
            index, _ = assign(index, tagged.model_copy(update={"id": f"{tagged.id}-{n}"}), SETTINGS)
    per_article = (time.perf_counter() - started) / (20 * len(tagged_stream))
    assert per_article < 0.02
