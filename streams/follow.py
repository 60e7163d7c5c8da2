"""Topics a worker reads whole for its views, whoever holds their partitions.

The views answer from what every worker holds in memory (the latest alerts,
the stories' read model), so each worker reads those topics itself, without a
consumer group, every partition from the start: any worker answers every
request, and a restarted one has its state back. A task of the app reads them
for as long as the worker runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from aiokafka.errors import KafkaError
from pydantic import BaseModel

from .errors import UserError
from .runtime import read_topics

if TYPE_CHECKING:
    from .app import ClaimwatchApp

__all__ = ["follow"]

log = logging.getLogger(__name__)


def follow(
    app: ClaimwatchApp,
    models: Mapping[str, type[BaseModel]],
    handle: Callable[[str, BaseModel], None],
    *,
    on_caught_up: Callable[[], None],
    what: str,
) -> None:
    """Have a task of `app` pass every message of the topics (unprefixed name -> model) to
    `handle(topic, message)` while the worker runs.

    After losing the broker it reads again from the start (a task that raised
    would crash the worker), so `handle` must drop what it holds already;
    `on_caught_up` is called once the messages on the topics at start are handled.
    """

    async def read() -> None:
        while True:
            messages = read_topics(app.settings, app.bootstrap, models, on_caught_up=on_caught_up)
            try:
                async for topic, message in messages:
                    handle(topic, message)
            except (KafkaError, UserError, LookupError) as exc:
                log.warning("%s lost the broker (%s): reading again", what, exc)
                await asyncio.sleep(app.settings.broker_timeout / 5)

    app.task(read)
