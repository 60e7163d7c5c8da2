"""`claimwatch topics`, the compose stack's one-shot step, creates what the workers need."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from click.testing import CliRunner

from claimwatch.cli import main
from streams.broker import EmbeddedBroker
from streams.topics import PIPELINE_TOPICS, RAW

pytestmark = pytest.mark.integration


def test_topics_are_created_once_with_the_configured_partitions(
    broker: EmbeddedBroker, run_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = f"{run_id}."
    monkeypatch.setenv("CLAIMWATCH_BROKER", broker.url)
    monkeypatch.setenv("CLAIMWATCH_TOPIC_PREFIX", prefix)
    monkeypatch.setenv("CLAIMWATCH_PARTITIONS", "3")

    first = CliRunner().invoke(main, ["topics"])
    assert first.exit_code == 0, first.output
    assert f"{prefix}{RAW}" in first.stderr
    again = CliRunner().invoke(main, ["topics"])
    assert again.exit_code == 0 and "every topic exists" in again.stderr

    (raw,), existing = asyncio.run(_describe(broker.bootstrap, f"{prefix}{RAW}"))
    assert len(raw["partitions"]) == 3
    assert {f"{prefix}{name}" for name in PIPELINE_TOPICS} <= existing


async def _describe(bootstrap: str, topic: str) -> tuple[list[dict], set[str]]:
    """The topic's description and every topic's name."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return await admin.describe_topics([topic]), set(await admin.list_topics())
    finally:
        await admin.close()
