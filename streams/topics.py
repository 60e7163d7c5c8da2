"""Every topic claimwatch reads or writes, declared once, and their creation.

Topics are created before any worker starts: against the embedded broker a
worker that sends to a topic not created yet can hang on metadata (BROKER.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from .kafka import client_options, start_client
from .settings import Settings

__all__ = [
    "ALERTS",
    "CLAIMS",
    "DEADLETTER",
    "DEDUPE",
    "FINGERPRINTS_TABLE",
    "INTERNAL_TOPICS",
    "KNOWN_CLAIMS_TABLE",
    "PIPELINE_TOPICS",
    "RAW",
    "CLEAN",
    "STORIES",
    "STORIES_TABLE",
    "STORY",
    "TAGGED",
    "changelog_topic",
    "ensure_topics",
    "TopicSpec",
    "partitions",
    "table_partitions",
    "topic_specs",
]

log = logging.getLogger(__name__)

RAW: Final = "articles.raw"
CLEAN: Final = "articles.clean"
TAGGED: Final = "articles.tagged"
CLAIMS: Final = "claims"
ALERTS: Final = "alerts"
STORIES: Final = "stories"
"""A `StoryUpdate` each time the story stage places an article, keyed by story id: with
`claims` and `alerts`, what every worker's stories API is read from."""
DEADLETTER: Final = "deadletter"

PIPELINE_TOPICS: Final = (RAW, CLEAN, TAGGED, CLAIMS, ALERTS, STORIES, DEADLETTER)
"""In flow order; each carries the model `streams.models.TOPIC_MODELS` names."""

KNOWN_CLAIMS_TABLE: Final = "known-claims"
"""The detector's table of known claims per claim key."""

DEDUPE: Final = "articles.dedupe"
"""Internal: clean articles on their way to the duplicate check. One partition,
so every copy meets its original in one ordered stream whichever worker
cleaned it; the check costs about a millisecond, far below the cleaning."""

FINGERPRINTS_TABLE: Final = "article-fingerprints"
"""The duplicate check's fingerprints of recent articles, by article id."""

STORY: Final = "articles.story"
"""Internal: tagged articles on their way to the story stage. One partition, so every
article meets every open story in one ordered stream (a story spans countries: hashing
by place would split it); assigning a story costs about a millisecond, far below tagging."""

STORIES_TABLE: Final = "stories"
"""The story stage's open stories and the IDF window of recent articles, by
`story:<id>` and `article:<id>` (a table: its changelog topic is `<app id>-stories-changelog`,
not the topic `stories`)."""

INTERNAL_TOPICS: Final = (DEDUPE, STORY)
"""Topics between two stages of one article's way, read by the pipeline only."""

SINGLE_PARTITION: Final = (DEDUPE, STORY)
SINGLE_PARTITION_TABLES: Final = (FINGERPRINTS_TABLE, STORIES_TABLE)

_ALREADY_EXISTS = 36


def changelog_topic(settings: Settings, table: str) -> str:
    """Faust's name for a table's changelog topic."""
    return f"{settings.app_id}-{table}-changelog"


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    compacted: bool = False
    """Changelogs are compacted: only the latest value per key is state, and
    time-based deletion would lose tables on real Kafka."""

    def new_topic(self, replication: int) -> NewTopic:
        configs = {"cleanup.policy": "compact"} if self.compacted else {}
        return NewTopic(self.name, self.partitions, replication, topic_configs=configs)


def partitions(settings: Settings, name: str) -> int:
    """How many partitions a topic (unprefixed name) has."""
    return 1 if name in SINGLE_PARTITION else settings.partitions


def table_partitions(settings: Settings, table: str) -> int:
    """How many partitions a table (and its changelog) has: apart from `partitions`, as the
    table `stories` and the topic `stories` share a name."""
    return 1 if table in SINGLE_PARTITION_TABLES else settings.partitions


def topic_specs(settings: Settings) -> list[TopicSpec]:
    """Every topic a worker of these settings uses, with the prefix applied."""
    return [
        TopicSpec(settings.topic(name), partitions(settings, name))
        for name in (*PIPELINE_TOPICS, *INTERNAL_TOPICS)
    ] + [
        TopicSpec(
            changelog_topic(settings, table), table_partitions(settings, table), compacted=True
        )
        for table in (KNOWN_CLAIMS_TABLE, FINGERPRINTS_TABLE, STORIES_TABLE)
    ]


async def ensure_topics(settings: Settings, bootstrap: str) -> list[str]:
    """Create the missing topics with the configured partitions; return those created."""
    admin = AIOKafkaAdminClient(**client_options(settings, bootstrap))
    await start_client(admin, bootstrap)
    try:
        existing = set(await admin.list_topics())
        wanted = [spec for spec in topic_specs(settings) if spec.name not in existing]
        if not wanted:
            return []
        response = await admin.create_topics(
            [spec.new_topic(settings.replication) for spec in wanted]
        )
        failed = [
            (name, code)
            for name, code, *_ in response.topic_errors
            if code not in (0, _ALREADY_EXISTS)
        ]
        if failed:
            raise RuntimeError(f"could not create topics: {failed}")
        names = [spec.name for spec in wanted]
        log.info("created topics %s", ", ".join(names))
        return names
    finally:
        await admin.close()
