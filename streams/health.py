"""Whether a worker can do its work, from what it has observed: the answer of /readyz.

A worker that answered "ok" while its broker was gone or its disk full took
articles it could not publish and sent every record to the deadletter topic.
Readiness is a pure function of the observations, so each case is a line of
a test table; `streams.broker_watch` and `streams.store` observe.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

__all__ = ["Health", "HealthStatus", "Observations", "assess"]


class HealthStatus(StrEnum):
    OK = "ok"
    STARTING = "starting"
    BROKER_UNREACHABLE = "broker_unreachable"
    STORE_UNWRITABLE = "store_unwritable"


class Health(BaseModel):
    """GET /readyz, /healthz and /livez."""

    status: HealthStatus
    assigned_partitions: int
    reason: str = Field(default="", description="Why the worker is not ready, in one line.")

    @property
    def ready(self) -> bool:
        return self.status == HealthStatus.OK


class Observations(BaseModel):
    """What the worker has seen, at `now` (monotonic seconds)."""

    now: float
    started: bool
    assigned_partitions: int = 0
    broker_down_since: float | None = Field(
        default=None, description="When the broker last stopped answering; None while it does."
    )
    store_error: str | None = Field(
        default=None, description="Why the table store could not be written, once it failed."
    )


def assess(seen: Observations, broker_timeout: float) -> Health:
    """Ready unless starting, the store has failed, or the broker has been unreachable for
    longer than `broker_timeout` (a shorter gap is a reconnect, not an outage)."""
    held = seen.assigned_partitions
    if seen.store_error is not None:
        return Health(
            status=HealthStatus.STORE_UNWRITABLE, assigned_partitions=held, reason=seen.store_error
        )
    if not seen.started:
        return Health(status=HealthStatus.STARTING, assigned_partitions=0)
    if seen.broker_down_since is not None:
        down_for = seen.now - seen.broker_down_since
        if down_for > broker_timeout:
            return Health(
                status=HealthStatus.BROKER_UNREACHABLE,
                assigned_partitions=held,
                reason=f"no answer from the broker for {down_for:.0f} s",
            )
    return Health(status=HealthStatus.OK, assigned_partitions=held)
