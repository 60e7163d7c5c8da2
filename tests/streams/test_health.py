"""Readiness from observations: each case a line."""

import pytest

from streams.health import HealthStatus, Observations, assess

TIMEOUT = 5.0


@pytest.mark.parametrize(
    ("seen", "status"),
    [
        (Observations(now=100, started=False), HealthStatus.STARTING),
        (Observations(now=100, started=True, assigned_partitions=2), HealthStatus.OK),
        (
            Observations(now=100, started=True),
            HealthStatus.OK,
        ),  # idle: more workers than partitions
        (Observations(now=100, started=True, broker_down_since=96), HealthStatus.OK),
        (Observations(now=100, started=True, broker_down_since=95), HealthStatus.OK),
        (
            Observations(now=100, started=True, broker_down_since=94),
            HealthStatus.BROKER_UNREACHABLE,
        ),
        (
            Observations(now=100, started=True, store_error="disk full"),
            HealthStatus.STORE_UNWRITABLE,
        ),
        (
            Observations(now=100, started=False, store_error="disk full"),
            HealthStatus.STORE_UNWRITABLE,
        ),
        (
            Observations(now=100, started=True, broker_down_since=0, store_error="disk full"),
            HealthStatus.STORE_UNWRITABLE,
        ),
    ],
)
def test_readiness(seen: Observations, status: HealthStatus) -> None:
    health = assess(seen, TIMEOUT)
    assert health.status == status
    assert health.ready == (status == HealthStatus.OK)
    assert bool(health.reason) == (
        status in {HealthStatus.BROKER_UNREACHABLE, HealthStatus.STORE_UNWRITABLE}
    )


def test_the_reason_says_how_long_the_broker_has_been_gone() -> None:
    health = assess(Observations(now=100, started=True, broker_down_since=88), TIMEOUT)
    assert health.reason == "no answer from the broker for 12 s"
