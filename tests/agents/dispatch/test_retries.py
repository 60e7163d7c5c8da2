"""The retry schedule, driven with a simulated clock: tenacity's strategies read only the
attempt number, the time since the first attempt and the last outcome."""

import random
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from agents.dispatch import Attempt, Outcome, RetryPolicy
from agents.dispatch.attempts import retry_after_seconds
from streams.settings import Settings

DAY = 86400.0


def attempt_times(policy: RetryPolicy, timeout: float, seed: int) -> list[float]:
    """When each attempt of a delivery that always fails starts, seconds from the first."""
    random.seed(seed)
    failed = SimpleNamespace(failed=False, result=lambda: Attempt(outcome=Outcome.RETRY))
    times, now = [0.0], 0.0
    while True:
        now += timeout  # the attempt fails after its whole timeout, the slowest case
        state: Any = SimpleNamespace(
            attempt_number=len(times), seconds_since_start=now, outcome=failed
        )
        if policy.stop(state):
            return times
        now += policy.wait(state)
        times.append(now)


@pytest.mark.parametrize("seed", range(5))
def test_the_default_schedule_retries_for_at_least_a_day(seed: int) -> None:
    settings = Settings()
    times = attempt_times(RetryPolicy(settings), settings.webhook_timeout, seed)

    assert times[-1] + settings.webhook_timeout >= DAY, "gave up within a day"
    assert times[-1] < DAY + settings.webhook_backoff_max, "went on long past the window"
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert max(gaps) <= settings.webhook_backoff_max + settings.webhook_timeout
    assert 20 <= len(times) <= 120, f"{len(times)} attempts in a day"
    assert times[5] < 10 * 60, "the first retries come within minutes"


def test_a_receiver_down_for_an_hour_gets_its_alert_soon_after() -> None:
    """The next attempt after an outage ends comes within one bounded delay of it."""
    settings = Settings()
    for seed in range(5):
        times = attempt_times(RetryPolicy(settings), settings.webhook_timeout, seed)
        after = next(t for t in times if t >= 3600)
        assert after - 3600 <= settings.webhook_backoff_max + settings.webhook_timeout


def test_retry_after_is_honoured_up_to_the_longest_delay() -> None:
    policy = RetryPolicy(Settings(webhook_backoff=0.001, webhook_backoff_max=60))

    def wait(retry_after: float | None) -> float:
        busy = Attempt(outcome=Outcome.RETRY, status=429, retry_after=retry_after)
        outcome = SimpleNamespace(failed=False, result=lambda: busy)
        state: Any = SimpleNamespace(attempt_number=1, seconds_since_start=0, outcome=outcome)
        return policy.wait(state)

    assert wait(None) <= 0.001
    assert wait(30) == 30
    assert wait(3600) == 60


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_header(header: str | None, seconds: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, tzinfo=UTC)
    assert retry_after_seconds(header, now) == seconds
