"""articles.story -> [story] -> articles.tagged (and a `StoryUpdate` on `stories`)

The tag stage runs on every partition in parallel and writes to the one-partition
topic `articles.story`, so every article meets every open story in one ordered
stream whichever worker tagged it. The stories and the IDF window live in a
table, so they survive a restart and follow the partition to whichever worker
holds it. After each article the story as it stands goes to `stories`, where
every worker's stories API reads it; that small record is all the stories API
costs the pipeline.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from faust.types import TableT

from streams.app import ClaimwatchApp
from streams.models import TaggedArticle
from streams.topics import STORIES, STORIES_TABLE, STORY, TAGGED, table_partitions

from ..pipeline import Pipeline
from .clustering import (
    ARTICLE_PREFIX,
    STORY_PREFIX,
    ArticleRecord,
    StoryIndex,
    StoryRecord,
    restore,
    story_id_for,
)
from .updates import story_update


class _StoredIndex:
    """The story index held in memory and mirrored, record by record, into a table."""

    def __init__(self, table: TableT[str, bytes], pipeline: Pipeline) -> None:
        self._table = table
        self._pipeline = pipeline
        self._index: StoryIndex | None = None

    def forget_cache(self, *_: Any, **__: Any) -> None:
        """After a rebalance (or a failed assignment) read the table again."""
        self._index = None

    def cached(self) -> StoryIndex | None:
        """The index in memory, if this worker has loaded it (it holds the partition)."""
        return self._index

    def load(self) -> StoryIndex:
        if self._index is None:
            records = (_decode(key, value) for key, value in self._table.items())
            self._index, stale = restore(records, self._pipeline.settings)
            for key in stale:
                del self._table[key]
        return self._index

    def save(self, index: StoryIndex) -> None:
        written, deleted = index.changes()
        for record in written:
            prefix = STORY_PREFIX if isinstance(record, StoryRecord) else ARTICLE_PREFIX
            self._table[prefix + record.id] = record.model_dump_json().encode()
        for key in deleted:
            self._table.pop(key, None)
        self._index = index


def _decode(key: str, value: bytes) -> StoryRecord | ArticleRecord:
    if key.startswith(ARTICLE_PREFIX):
        return ArticleRecord.model_validate_json(value)
    return StoryRecord.model_validate_json(value)


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    table = app.Table(
        STORIES_TABLE,
        default=None,
        # Typed, not a Schema: recovery decodes the changelog by these types.
        key_type=str,
        value_type=bytes,
        partitions=table_partitions(app.settings, STORIES_TABLE),
    )
    stored = _StoredIndex(table, pipeline)
    app.on_partitions_revoked.connect(stored.forget_cache)

    async def handle(tagged: TaggedArticle) -> None:
        index = stored.load()
        seen, links = tagged.id in index.articles, index.links
        try:
            index, tagged = pipeline.story(index, tagged)
        except Exception:
            stored.forget_cache()  # the index may be half-updated: the table is not
            raise
        stored.save(index)
        if not seen and tagged.story_id == story_id_for(tagged.id):
            app.metrics.stories_opened.inc()
        app.metrics.story_links.inc(index.links - links)
        update = story_update(index, tagged)
        if update is not None:
            await app.publish(STORIES, update.story_id, update, output=False)
        await app.publish(TAGGED, tagged.id, tagged)

    @app.timer(interval=10.0)
    async def count_open_stories() -> None:
        """On a timer, not per article: counting walks every story in the index."""
        index = stored.cached()
        if index is not None:
            idle = timedelta(days=pipeline.settings.story_idle_days)
            app.metrics.open_stories.set(index.open_stories(idle))

    @app.agent(app.pipeline_topics[STORY], name="story")
    async def story(stream: Any) -> None:
        await app.consume("story", stream, TaggedArticle, handle)
