"""One HTTP attempt to deliver an event, and what came of it as a value.

A 2xx delivers. Connection errors, timeouts, 408, 429 and 5xx are worth
trying again (the receiver is down, busy or restarting). Any other answer is
the receiver refusing this event (a 4xx, a redirect): trying the same bytes
again would hold up the alerts behind it, so it gives up at once, to the
deadletter topic, from where `claimwatch redeliver` sends it once the
receiver is fixed. The reason never holds the URL, which may carry a token.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum

import httpx
from pydantic import BaseModel

from streams.redaction import redact_url

from .signing import sign

__all__ = ["Attempt", "Outcome", "attempt", "retry_after_seconds"]

_RETRYABLE_STATUS = frozenset({408, 429})


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    REJECTED = "rejected"


class Attempt(BaseModel):
    outcome: Outcome
    status: int | None = None
    retry_after: float | None = None
    """Seconds the receiver asked to wait (Retry-After) before the next attempt."""
    error: str = ""
    number: int = 1
    """Which attempt of its delivery this was."""

    @property
    def reason(self) -> str:
        """The deadletter reason of a delivery that gave up on this attempt."""
        return "webhook_rejected" if self.outcome == Outcome.REJECTED else "webhook_failed"

    def describe(self) -> str:
        """Why it gave up, e.g. 'HTTP 503 after 12 attempts' or 'HTTP 404, not retried'."""
        if self.outcome == Outcome.REJECTED:
            return f"{self.error}, not retried"
        return f"{self.error} after {self.number} attempt{'s' if self.number > 1 else ''}"


async def attempt(
    client: httpx.AsyncClient, url: str, msg_id: str, body: bytes, secret: str | None
) -> Attempt:
    """POST `body` as the Standard Webhooks event `msg_id`, signed when there is a secret."""
    now = datetime.now(UTC)
    headers = {"content-type": "application/json"}
    if secret:
        headers |= sign(secret, msg_id, now, body)
    else:
        headers |= {"webhook-id": msg_id, "webhook-timestamp": str(int(now.timestamp()))}
    try:
        response = await client.post(url, content=body, headers=headers)
    except httpx.TimeoutException as exc:
        return Attempt(outcome=Outcome.RETRY, error=f"timeout ({type(exc).__name__})")
    except httpx.TransportError as exc:
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        detail = detail.replace(url, redact_url(url))
        return Attempt(outcome=Outcome.RETRY, error=detail)
    status = response.status_code
    if response.is_success:
        return Attempt(outcome=Outcome.DELIVERED, status=status)
    if status in _RETRYABLE_STATUS or status >= 500:
        wait = retry_after_seconds(response.headers.get("retry-after"))
        error = f"HTTP {status}"
        return Attempt(outcome=Outcome.RETRY, status=status, retry_after=wait, error=error)
    return Attempt(outcome=Outcome.REJECTED, status=status, error=f"HTTP {status}")


def retry_after_seconds(header: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After header (delay-seconds or HTTP-date) as seconds from `now`; None if absent
    or unreadable."""
    if not header:
        return None
    header = header.strip()
    if header.isdigit():
        return float(header)
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)
