"""When a failed webhook delivery is tried again, and when it gives up: pure policy.

Mature senders (Svix, Stripe, the Standard Webhooks guidance) retry for a day
or more with exponential backoff: a receiver down overnight misses nothing.
Here each delay is drawn at random below a bound that starts at
`webhook_backoff` and doubles per attempt up to `webhook_backoff_max` ("full
jitter", tenacity's `wait_random_exponential`), and retries go on until an
attempt fails `webhook_retry_window` seconds after the first: the attempts of
a delivery that never succeeds span at least the window. A receiver's
`Retry-After` (seconds or an HTTP date) is honoured as the least delay, up to
`webhook_backoff_max`.
"""

from __future__ import annotations

from tenacity import RetryCallState, stop_after_delay, wait_random_exponential

from streams.settings import Settings

from .attempts import Attempt

__all__ = ["RetryPolicy"]


class RetryPolicy:
    """Tenacity's `wait` and `stop` for one delivery, from the webhook settings."""

    def __init__(self, settings: Settings, window: float | None = None) -> None:
        self.longest = settings.webhook_backoff_max
        self.window = settings.webhook_retry_window if window is None else window
        self.stop = stop_after_delay(self.window)
        self._jitter = wait_random_exponential(
            multiplier=settings.webhook_backoff, max=settings.webhook_backoff_max
        )

    def wait(self, state: RetryCallState) -> float:
        """Seconds before the next attempt: the jittered backoff, or what Retry-After asks."""
        delay = float(self._jitter(state))
        failed = state.outcome.result() if state.outcome and not state.outcome.failed else None
        if isinstance(failed, Attempt) and failed.retry_after is not None:
            delay = min(max(delay, failed.retry_after), self.longest)
        return delay
