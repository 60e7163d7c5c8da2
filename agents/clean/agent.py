"""articles.raw -> [clean] -> articles.dedupe -> [dedupe] -> articles.clean

Cleaning runs on every partition in parallel. The duplicate check reads one
partition, so a copy meets its original whichever worker cleaned either; its
fingerprints live in a table, so they survive a restart and follow the
partition to whichever worker holds it.
"""

from __future__ import annotations

from typing import Any

from faust.types import TableT

from streams.app import ClaimwatchApp
from streams.models import CleanArticle, RawArticle
from streams.topics import CLEAN, DEDUPE, FINGERPRINTS_TABLE, RAW, table_partitions

from ..pipeline import Pipeline
from .duplicates import DuplicateIndex, Fingerprint, changes, restore
from .metadata import parse_date


class _StoredIndex:
    """The duplicate index held in memory and mirrored, change by change, into a table."""

    def __init__(self, table: TableT[str, bytes], window: int) -> None:
        self._table = table
        self._window = window
        self._index: DuplicateIndex | None = None

    def forget_cache(self, *_: Any, **__: Any) -> None:
        """After a rebalance the table may hold what another worker added: read it again."""
        self._index = None

    def load(self) -> DuplicateIndex:
        if self._index is None:
            stored = (Fingerprint.model_validate_json(value) for value in self._table.values())
            self._index, stale = restore(stored, self._window)
            for fp in stale:
                del self._table[fp.id]
        return self._index

    def save(self, index: DuplicateIndex) -> None:
        added, forgotten = changes(self.load(), index)
        for fp in added:
            self._table[fp.id] = fp.model_dump_json().encode()
        for fp in forgotten:
            del self._table[fp.id]
        self._index = index


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    table = app.Table(
        FINGERPRINTS_TABLE,
        default=None,
        # Typed, not a Schema: recovery decodes the changelog by these types.
        key_type=str,
        value_type=bytes,
        partitions=table_partitions(app.settings, FINGERPRINTS_TABLE),
    )
    index = _StoredIndex(table, app.settings.duplicate_window)
    app.on_partitions_revoked.connect(index.forget_cache)

    async def clean_one(raw: RawArticle) -> None:
        article = await app.run_blocking(pipeline.clean, raw)
        for reason, count in article.removed.items():
            app.metrics.removed.labels(reason).inc(count)
        await app.publish(DEDUPE, article.id, article)

    async def dedupe_one(article: CleanArticle) -> None:
        updated, article = pipeline.dedupe(index.load(), article)
        index.save(updated)
        await app.publish(CLEAN, article.id, article)

    @app.task
    async def load_dates() -> None:
        """Read one date at worker start: dateparser loads its data on first use, which held a
        new worker's first article (and a /healthz poll) about 100 ms."""
        await app.run_blocking(parse_date, "1 January 2024, 10:00 GMT")

    @app.agent(app.pipeline_topics[RAW], name="clean")
    async def clean(stream: Any) -> None:
        await app.consume("clean", stream, RawArticle, clean_one)

    @app.agent(app.pipeline_topics[DEDUPE], name="dedupe")
    async def dedupe(stream: Any) -> None:
        await app.consume("dedupe", stream, CleanArticle, dedupe_one)
