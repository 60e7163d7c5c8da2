"""alerts -> [dispatch] -> signed webhooks, one consumer group per endpoint (`endpoint`).

A service rather than a Faust agent: each endpoint commits its own position in
`alerts` after each delivery, and at shutdown Faust stops services in order
(letting attempts in flight finish) where it cancels agents.
"""

from __future__ import annotations

import logging

import httpx
from mode import Service

from streams.app import ClaimwatchApp
from streams.models import DeadLetter
from streams.redaction import RedactUrls

from ..pipeline import Pipeline
from .endpoint import EndpointDelivery, endpoint_groups

log = logging.getLogger(__name__)

_REDACT_HTTPX = RedactUrls()


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    settings = app.settings
    if not settings.webhook_urls:
        return
    logging.getLogger("httpx").addFilter(_REDACT_HTTPX)
    if settings.webhook_secret is None:
        log.warning(
            "webhooks are unsigned: set CLAIMWATCH_WEBHOOK_SECRET (whsec_...) so receivers "
            "can verify that alerts come from claimwatch"
        )

    async def dead_letters(record: DeadLetter) -> None:
        await app.deadletter(record)
        await app.producer.flush()  # on the topic before the endpoint commits past the alert

    @app.service
    class Dispatch(Service):
        client: httpx.AsyncClient
        endpoints: list[EndpointDelivery]

        async def on_start(self) -> None:
            self.client = httpx.AsyncClient(timeout=settings.webhook_timeout)
            self.endpoints = [
                EndpointDelivery(settings, url, group, self.client, app.metrics, dead_letters)
                for url, group in endpoint_groups(settings).items()
            ]
            for endpoint in self.endpoints:
                await endpoint.start()

        async def on_stop(self) -> None:
            for endpoint in self.endpoints:
                await endpoint.stop()
            await self.client.aclose()
