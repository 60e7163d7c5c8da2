"""articles.raw -> [clean] -> articles.clean"""

from __future__ import annotations

from typing import Any

from streams.app import ClaimwatchApp
from streams.models import RawArticle
from streams.topics import CLEAN, RAW

from ..pipeline import Pipeline
from .duplicates import DuplicateIndex


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    # Per worker and in memory for now: copies that reach different workers, or
    # arrive across a restart, are caught later by the detector's repeat check.
    index = DuplicateIndex()

    async def handle(raw: RawArticle) -> None:
        nonlocal index
        index, article = pipeline.dedupe(index, pipeline.clean(raw))
        for reason, count in article.removed.items():
            app.metrics.removed.labels(reason).inc(count)
        await app.publish(CLEAN, article.id, article)

    @app.agent(app.pipeline_topics[RAW], name="clean")
    async def clean(stream: Any) -> None:
        await app.consume("clean", stream, RawArticle, handle)
