"""Workers inside pytest, against the session's embedded broker."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import isolated_settings, until_assigned

from bench.workers import WorkerProcess
from claimwatch.app import create_app
from streams.app import ClaimwatchApp
from streams.broker import EmbeddedBroker, free_port
from streams.settings import Settings

StartWorker = Callable[..., Awaitable[ClaimwatchApp]]
SpawnWorker = Callable[..., WorkerProcess]


@pytest.fixture
def settings(broker: EmbeddedBroker, run_id: str, tmp_path: Path) -> Settings:
    """Settings of an isolated stack: its own app id, topic prefix and state directory."""
    return isolated_settings(broker.url, run_id, tmp_path)


@pytest.fixture
async def start_worker(settings: Settings) -> AsyncIterator[StartWorker]:
    """Start a worker and wait until it holds partitions; stopped at teardown."""
    started: list[ClaimwatchApp] = []

    async def start(**overrides: Any) -> ClaimwatchApp:
        app = create_app(Settings.model_validate({**settings.model_dump(), **overrides}))
        await app.start()
        started.append(app)
        return await until_assigned(app)

    yield start
    for app in reversed(started):
        await app.stop()


@pytest.fixture
def spawn_worker(settings: Settings, tmp_path: Path) -> Iterator[SpawnWorker]:
    """Start `claimwatch worker` processes of the test's stack; stopped at teardown.

    Each name is one member of the group with its own web port and data
    directory; spawning a name again restarts that member on the same ones.
    """
    members: dict[str, Settings] = {}
    spawned: list[WorkerProcess] = []

    def spawn(name: str = "worker", **overrides: Any) -> WorkerProcess:
        if name not in members:
            members[name] = settings.model_copy(
                update={"web_port": free_port("127.0.0.1"), "data_dir": tmp_path / name}
            )
        member = members[name].model_copy(update=overrides)
        member.data_dir.mkdir(exist_ok=True)
        worker = WorkerProcess(member, tmp_path / f"{name}.log").start()
        spawned.append(worker)
        return worker

    yield spawn
    for worker in spawned:
        worker.stop()
