"""Whether the broker takes the worker's records, asked on a schedule: what /readyz reports.

Faust's own clients only notice a broker that is gone when a request times
out (its producer waits up to 20 minutes), and say nothing of it that a probe
could read. A small client of our own asks the broker for its metadata every
fifth of `Settings.broker_timeout`, each question bounded by that interval.

A broker that answers without the worker's topics (the embedded one after a
restart keeps nothing) acked POST /articles for a topic that did not exist and
kept nothing: the watch creates the missing topics before it reports the
broker back.
"""

from __future__ import annotations

import asyncio
import logging
import time

from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError

from .errors import UserError
from .kafka import client_options
from .settings import Settings
from .topics import ensure_topics, topic_specs

__all__ = ["BrokerWatch"]

log = logging.getLogger(__name__)


class BrokerWatch:
    """Probes the broker until cancelled; `down_since` is when it stopped taking records."""

    def __init__(self, settings: Settings, bootstrap: str) -> None:
        self.down_since: float | None = None
        self._settings = settings
        self._bootstrap = bootstrap
        self._interval = settings.broker_timeout / 5
        self._topics = {spec.name for spec in topic_specs(settings)}
        self._client: AIOKafkaClient | None = None

    async def run(self) -> None:
        try:
            while True:
                asked_at = time.monotonic()
                answered = await self._answers()
                if answered and self.down_since is not None:
                    log.warning(
                        "the broker at %s answers again after %.0f s",
                        self._bootstrap,
                        time.monotonic() - self.down_since,
                    )
                    self.down_since = None
                elif not answered and self.down_since is None:
                    log.warning("the broker at %s does not answer", self._bootstrap)
                    self.down_since = asked_at
                await asyncio.sleep(self._interval)
        finally:
            await self._close()

    async def _answers(self) -> bool:
        """Whether the broker answered, with every topic (created again if it had lost them)."""
        try:
            async with asyncio.timeout(self._interval):
                missing = await self._missing_topics()
            if missing:
                log.warning("the broker lost %d topics: creating them again", len(missing))
                async with asyncio.timeout(self._settings.broker_timeout):
                    await ensure_topics(self._settings, self._bootstrap)
        except (KafkaError, OSError, TimeoutError, UserError, RuntimeError):
            return False
        return True

    async def _missing_topics(self) -> set[str]:
        """The worker's topics the broker's metadata lacks, through a client kept while it
        works (it reconnects by itself)."""
        if self._client is None:
            client = AIOKafkaClient(**client_options(self._settings, self._bootstrap))
            try:
                await client.bootstrap()
            except BaseException:
                await client.close()
                raise
            self._client = client
        metadata = await self._client.fetch_all_metadata()
        return self._topics - metadata.topics()

    async def _close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()
