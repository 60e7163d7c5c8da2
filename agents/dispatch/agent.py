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
from streams.redaction import RedactUrls, redact_url

from ..pipeline import Pipeline
from .endpoint import EndpointDelivery, endpoint_groups

log = logging.getLogger(__name__)

_REDACT_HTTPX = RedactUrls()


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    settings = app.settings
    endpoints = settings.endpoints
    if not endpoints:
        return
    logging.getLogger("httpx").addFilter(_REDACT_HTTPX)
    unsigned = [redact_url(endpoint.url) for endpoint in endpoints if endpoint.secret is None]
    if unsigned:
        log.warning(
            "webhooks are unsigned (to %s): set CLAIMWATCH_WEBHOOK_SECRET (whsec_...), or a "
            "secret in CLAIMWATCH_WEBHOOKS, so receivers can verify that alerts come from "
            "claimwatch",
            ", ".join(unsigned),
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
            groups = endpoint_groups(settings)
            self.endpoints = [
                EndpointDelivery(
                    settings, endpoint, groups[endpoint.url], self.client, app.metrics, dead_letters
                )
                for endpoint in endpoints
            ]
            for endpoint in self.endpoints:
                await endpoint.start()

        async def on_stop(self) -> None:
            for endpoint in self.endpoints:
                await endpoint.stop()
            await self.client.aclose()
