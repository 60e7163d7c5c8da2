"""articles.tagged -> [extract] -> claims, keyed by claim key so each key has one partition.

Extraction runs off the event loop: a figure-dense article takes a second of it.
"""

from __future__ import annotations

from typing import Any

from streams.app import ClaimwatchApp
from streams.models import TaggedArticle
from streams.topics import CLAIMS, TAGGED

from ..pipeline import Pipeline


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    async def handle(tagged: TaggedArticle) -> None:
        for claim in await app.run_blocking(pipeline.extract, tagged):
            app.metrics.claims.labels(claim.modality.value).inc()
            await app.publish(CLAIMS, claim.key_text, claim)

    @app.agent(app.pipeline_topics[TAGGED], name="extract")
    async def extract(stream: Any) -> None:
        await app.consume("extract", stream, TaggedArticle, handle)
