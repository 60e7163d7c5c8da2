"""alerts -> [dispatch] -> signed webhooks; a delivery that keeps failing becomes a deadletter."""

from __future__ import annotations

from typing import Any

from streams.app import ClaimwatchApp
from streams.codec import dead_letter, encode
from streams.errors import StageError
from streams.models import Alert
from streams.topics import ALERTS

from ..pipeline import Pipeline
from . import WebhookDispatcher


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    if not app.settings.webhook_urls:
        return

    async def give_up(alert: Alert, url: str, reason: str) -> None:
        error = StageError("webhook_failed", f"{url}: {reason}")
        topic = app.settings.topic(ALERTS)
        await app.deadletter(dead_letter("dispatch", error, encode(alert), topic=topic))

    @app.agent(app.pipeline_topics[ALERTS], name="dispatch")
    async def dispatch(stream: Any) -> None:
        dispatcher = WebhookDispatcher(app.settings, give_up, app.metrics)
        await dispatcher.start()
        try:
            await app.consume("dispatch", stream, Alert, dispatcher.submit)
        finally:
            await dispatcher.stop()
