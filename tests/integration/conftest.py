"""Workers inside pytest, against the session's embedded broker."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from streams.app import ClaimwatchApp, create_app
from streams.broker import EmbeddedBroker, free_port
from streams.runtime import wait_until
from streams.settings import Settings

StartWorker = Callable[..., Awaitable[ClaimwatchApp]]


@pytest.fixture
def settings(broker: EmbeddedBroker, run_id: str, tmp_path: Path) -> Settings:
    """Settings of an isolated stack: its own app id, topic prefix and state directory."""
    return Settings(
        app_id=f"cw-{run_id}",
        topic_prefix=f"{run_id}.",
        data_dir=tmp_path,
        web_port=free_port("127.0.0.1"),
        partitions=2,
    ).with_embedded_broker(broker.url)


@pytest.fixture
async def start_worker(settings: Settings) -> AsyncIterator[StartWorker]:
    """Start a worker and wait until it holds partitions; stopped at teardown."""
    started: list[ClaimwatchApp] = []

    async def start(**overrides: Any) -> ClaimwatchApp:
        app = create_app(Settings.model_validate({**settings.model_dump(), **overrides}))
        await app.start()
        started.append(app)
        await wait_until(
            lambda: bool(app.consumer.assignment()) and not app.rebalancing,
            timeout=60,
            what="partition assignment",
        )
        return app

    yield start
    for app in reversed(started):
        await app.stop()
