"""Alerts delivered to every configured webhook, signed and retried, never blocking the stream.

Each alert, raised or withdrawn, is one Standard Webhooks event (`events`).

Each endpoint has its own bounded queue and worker task, so a slow or dead
receiver delays only itself. A delivery is retried on connection errors,
timeouts, 429 and 5xx with exponential backoff and full jitter (a numeric
Retry-After is honoured up to `webhook_backoff_max`); any other 4xx gives up at
once. Whatever cannot be delivered (attempts exhausted, queue full, still
queued at shutdown) goes to `on_give_up(alert, url, reason)`. Outcomes and
delivery seconds are counted without the URL: it may carry a receiver's token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

from streams.metrics import Metrics
from streams.models import Alert
from streams.settings import Settings

from .events import event_body, event_id
from .signing import sign

__all__ = ["GiveUp", "WebhookDispatcher"]

GiveUp = Callable[[Alert, str, str], Awaitable[None]]
"""Called with (alert, url, reason) for a delivery that will not happen."""

log = logging.getLogger(__name__)


class _RetryableStatus(Exception):
    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(f"HTTP {status}")
        self.retry_after = retry_after


class _RejectedStatus(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")


_RETRYABLE = (httpx.TransportError, _RetryableStatus)


@dataclass(frozen=True)
class _Queued:
    alert: Alert
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Endpoint:
    url: str
    queue: asyncio.Queue[_Queued]
    task: asyncio.Task[None] | None = None
    in_flight: Alert | None = field(default=None)


class WebhookDispatcher:
    """One queue and worker per URL in `settings.webhook_urls`; start, submit, stop."""

    def __init__(self, settings: Settings, on_give_up: GiveUp, metrics: Metrics) -> None:
        self._settings = settings
        self._on_give_up = on_give_up
        self._metrics = metrics
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
        self._secret = secret or None
        self._endpoints: list[_Endpoint] = []
        self._client: httpx.AsyncClient | None = None
        self._jitter = wait_random_exponential(
            multiplier=settings.webhook_backoff, max=settings.webhook_backoff_max
        )

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=self._settings.webhook_timeout)
        self._endpoints = [
            _Endpoint(url, asyncio.Queue(self._settings.webhook_queue_size))
            for url in self._settings.webhook_urls
        ]
        for endpoint in self._endpoints:
            endpoint.task = asyncio.create_task(
                self._work(endpoint), name=f"webhook {endpoint.url}"
            )

    async def submit(self, alert: Alert) -> None:
        """Queue `alert` for every endpoint; returns at once, whatever the endpoints do."""
        for endpoint in self._endpoints:
            try:
                endpoint.queue.put_nowait(_Queued(alert))
            except asyncio.QueueFull:
                await self._give_up(alert, endpoint.url, "queue full")

    async def stop(self) -> None:
        """Let queued deliveries finish for up to `webhook_drain_timeout`; report the rest."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*(e.queue.join() for e in self._endpoints)),
                self._settings.webhook_drain_timeout,
            )
        tasks = [e.task for e in self._endpoints if e.task]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for endpoint in self._endpoints:
            left = [endpoint.in_flight] if endpoint.in_flight else []
            while not endpoint.queue.empty():
                left.append(endpoint.queue.get_nowait().alert)
            for alert in left:
                await self._give_up(alert, endpoint.url, "undelivered at shutdown")
        self._endpoints = []
        if self._client:
            await self._client.aclose()
            self._client = None

    async def _work(self, endpoint: _Endpoint) -> None:
        while True:
            queued = await endpoint.queue.get()
            endpoint.in_flight = queued.alert
            try:
                reason = await self._deliver(endpoint.url, queued.alert)
                endpoint.in_flight = None
                if reason:
                    await self._give_up(queued.alert, endpoint.url, reason)
                else:
                    self._metrics.webhook_deliveries.labels("delivered").inc()
                    self._metrics.webhook_seconds.observe(time.monotonic() - queued.at)
            finally:
                endpoint.queue.task_done()

    async def _deliver(self, url: str, alert: Alert) -> str | None:
        """Deliver with retries; None on success, else why it gave up."""
        body = event_body(alert)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._settings.webhook_max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_RETRYABLE),
            before_sleep=self._count_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    await self._post(url, event_id(alert), body)
        except _RETRYABLE as exc:
            attempts = retrying.statistics.get("attempt_number", 1)
            return f"{_describe(exc)} after {attempts} attempt{'s' if attempts > 1 else ''}"
        except _RejectedStatus as exc:
            return f"{exc}, not retried"
        except Exception as exc:  # a bug or an odd URL must not kill the endpoint's worker
            log.exception("webhook delivery to %s failed", url)
            return f"{type(exc).__name__}: {exc}"
        return None

    async def _post(self, url: str, msg_id: str, body: bytes) -> None:
        assert self._client is not None, "start() the dispatcher first"
        now = datetime.now(UTC)
        headers = {"content-type": "application/json"}
        if self._secret:
            headers |= sign(self._secret, msg_id, now, body)
        else:
            headers |= {"webhook-id": msg_id, "webhook-timestamp": str(int(now.timestamp()))}
        response = await self._client.post(url, content=body, headers=headers)
        status = response.status_code
        if status == 429 or status >= 500:
            raise _RetryableStatus(status, _seconds(response.headers.get("retry-after")))
        if not response.is_success:
            raise _RejectedStatus(status)

    def _count_retry(self, _: RetryCallState) -> None:
        """Tenacity calls this only before another attempt (`_wait` runs before its stop check)."""
        self._metrics.webhook_deliveries.labels("retried").inc()

    def _wait(self, state: RetryCallState) -> float:
        delay = self._jitter(state)
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _RetryableStatus) and error.retry_after is not None:
            delay = min(max(delay, error.retry_after), self._settings.webhook_backoff_max)
        return delay

    async def _give_up(self, alert: Alert, url: str, reason: str) -> None:
        log.warning("webhook %s: gave up on alert %s: %s", url, alert.alert_id, reason)
        self._metrics.webhook_deliveries.labels("failed").inc()
        try:
            await self._on_give_up(alert, url, reason)
        except Exception:
            log.exception("on_give_up failed for alert %s", alert.alert_id)


def _describe(error: BaseException) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"timeout ({type(error).__name__})"
    if isinstance(error, httpx.TransportError):
        return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return str(error)


def _seconds(retry_after: str | None) -> float | None:
    """A Retry-After given in seconds; HTTP dates are left to the backoff."""
    try:
        return max(float(retry_after), 0.0) if retry_after else None
    except ValueError:
        return None
