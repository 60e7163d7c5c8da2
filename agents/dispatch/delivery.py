"""One alert delivered to one endpoint: attempts until a 2xx, a refusal or the window's end."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_result

from streams.models import Alert

from .attempts import Attempt, Outcome, attempt
from .events import event_body, event_id
from .retries import RetryPolicy

__all__ = ["Stopping", "deliver"]


class Stopping(Exception):
    """The worker stopped while a delivery waited to retry: it is left to the next worker."""


async def deliver(
    client: httpx.AsyncClient,
    url: str,
    alert: Alert,
    secret: str | None,
    policy: RetryPolicy,
    *,
    on_retry: Callable[[Attempt], None] = lambda _: None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Attempt:
    """The last attempt, numbered: delivered, rejected, or failed when the window ran out.

    Every attempt carries the same `webhook-id` and body, so a receiver drops
    repeats. `sleep` may raise `Stopping` to abandon the delivery between attempts.
    """
    msg_id, body = event_id(alert), event_body(alert)

    def last_attempt(state: RetryCallState) -> Attempt:
        return state.outcome.result()  # type: ignore[union-attr, no-any-return]

    retrying = AsyncRetrying(
        stop=policy.stop,
        wait=policy.wait,
        retry=retry_if_result(lambda last: last.outcome == Outcome.RETRY),
        before_sleep=lambda state: on_retry(last_attempt(state)),
        retry_error_callback=last_attempt,
        sleep=sleep,
    )
    last: Attempt = await retrying(attempt, client, url, msg_id, body, secret)
    return last.model_copy(update={"number": retrying.statistics.get("attempt_number", 1)})
