"""articles.raw -> [clean] -> articles.clean"""

from __future__ import annotations

from typing import Any

from streams.app import ClaimwatchApp
from streams.models import RawArticle
from streams.topics import CLEAN, RAW

from ..pipeline import Pipeline


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    async def handle(raw: RawArticle) -> None:
        article = pipeline.clean(raw)
        for reason, count in article.removed.items():
            app.metrics.removed.labels(reason).inc(count)
        await app.publish(CLEAN, article.id, article)

    @app.agent(app.pipeline_topics[RAW], name="clean")
    async def clean(stream: Any) -> None:
        await app.consume("clean", stream, RawArticle, handle)
