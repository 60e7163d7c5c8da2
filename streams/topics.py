"""Every topic claimwatch reads or writes, declared once, and their creation.

Topics are created before any worker starts: against the embedded broker a
worker that sends to a topic not created yet can hang on metadata (BROKER.md).
"""

from __future__ import annotations

import logging
from typing import Final

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from .kafka import client_options
from .settings import Settings

__all__ = [
    "ALERTS",
    "CLAIMS",
    "DEADLETTER",
    "KNOWN_CLAIMS_TABLE",
    "PIPELINE_TOPICS",
    "RAW",
    "CLEAN",
    "TAGGED",
    "changelog_topic",
    "ensure_topics",
    "topic_names",
]

log = logging.getLogger(__name__)

RAW: Final = "articles.raw"
CLEAN: Final = "articles.clean"
TAGGED: Final = "articles.tagged"
CLAIMS: Final = "claims"
ALERTS: Final = "alerts"
DEADLETTER: Final = "deadletter"

PIPELINE_TOPICS: Final = (RAW, CLEAN, TAGGED, CLAIMS, ALERTS, DEADLETTER)
"""In flow order; each carries the model `streams.models.TOPIC_MODELS` names."""

KNOWN_CLAIMS_TABLE: Final = "known-claims"
"""The detector's table of known claims per claim key."""

_ALREADY_EXISTS = 36


def changelog_topic(settings: Settings, table: str) -> str:
    """Faust's name for a table's changelog topic."""
    return f"{settings.app_id}-{table}-changelog"


def topic_names(settings: Settings) -> list[str]:
    """Every topic a worker of these settings uses, with the prefix applied."""
    return [settings.topic(name) for name in PIPELINE_TOPICS] + [
        changelog_topic(settings, KNOWN_CLAIMS_TABLE)
    ]


async def ensure_topics(settings: Settings, bootstrap: str) -> list[str]:
    """Create the missing topics with the configured partitions; return those created."""
    admin = AIOKafkaAdminClient(**client_options(settings, bootstrap))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [name for name in topic_names(settings) if name not in existing]
        if not wanted:
            return []
        response = await admin.create_topics(
            [NewTopic(name, settings.partitions, settings.replication) for name in wanted]
        )
        failed = [
            (name, code)
            for name, code, *_ in response.topic_errors
            if code not in (0, _ALREADY_EXISTS)
        ]
        if failed:
            raise RuntimeError(f"could not create topics: {failed}")
        log.info("created topics %s", ", ".join(wanted))
        return wanted
    finally:
        await admin.close()
