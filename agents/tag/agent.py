"""articles.clean -> [tag] -> articles.story; spaCy runs off the event loop.

The story stage (`agents.story.agent`) reads `articles.story` on one partition and
publishes each article, with its story, to `articles.tagged`.
"""

from __future__ import annotations

import gc
from typing import Any

from streams.app import ClaimwatchApp
from streams.models import CleanArticle
from streams.topics import CLEAN, STORY

from ..pipeline import Pipeline


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    async def handle(article: CleanArticle) -> None:
        tagged = await app.run_nlp(pipeline.tag, article)
        await app.publish(STORY, tagged.id, tagged)

    @app.task
    async def load_model() -> None:
        """Load spaCy at worker start, so the first article does not wait for it; then move
        what the worker holds for good (the model's objects) out of the collector's sight:
        every full collection walked them, pausing the event loop for 100-200 ms while a
        large tagged article was decoded."""
        await app.run_nlp(lambda: pipeline.nlp)
        gc.freeze()

    @app.agent(app.pipeline_topics[CLEAN], name="tag")
    async def tag(stream: Any) -> None:
        await app.consume("tag", stream, CleanArticle, handle)
