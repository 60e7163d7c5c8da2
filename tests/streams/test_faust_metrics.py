"""Faust's monitor reports under Prometheus names, in seconds, with the latencies it measured."""

from types import SimpleNamespace
from typing import Any

import pytest
from faust.types import TP
from prometheus_client import CollectorRegistry

from streams.faust_metrics import FaustMonitor


def _monitor() -> tuple[FaustMonitor, CollectorRegistry]:
    registry = CollectorRegistry()
    return FaustMonitor(registry), registry


def _seconds(registry: CollectorRegistry, name: str) -> tuple[float | None, float | None]:
    """(count, sum) of a histogram."""
    return (
        registry.get_sample_value(f"{name}_count"),
        registry.get_sample_value(f"{name}_sum"),
    )


def test_a_commit_timed_in_milliseconds_is_reported_in_seconds() -> None:
    monitor, registry = _monitor()
    consumer: Any = None
    monitor.on_commit_completed(consumer, state=monitor.time() - 0.25)
    count, total = _seconds(registry, "faust_consumer_commit_latency_seconds")
    assert count == 1
    assert total == pytest.approx(0.25, abs=0.05)


@pytest.mark.parametrize(
    ("event", "histogram"),
    [
        ("rebalance_return", "faust_rebalance_return_latency_seconds"),
        ("rebalance_end", "faust_rebalance_latency_seconds"),
        ("web_request_end", "faust_http_response_latency_seconds"),
    ],
)
def test_a_latency_is_the_time_since_its_start_not_since_its_end(
    event: str, histogram: str
) -> None:
    """Faust's own monitor observes the time since the end it just took: about 0."""
    monitor, registry = _monitor()
    app: Any = SimpleNamespace(rebalancing_count=0)
    state = {"time_start": monitor.time() - 2.0}
    if event == "web_request_end":
        request: Any = None
        response: Any = SimpleNamespace(status=200)
        monitor.on_web_request_end(app, request, response, state)
    else:
        getattr(monitor, f"on_{event}")(app, state)
    count, total = _seconds(registry, histogram)
    assert count == 1
    assert total == pytest.approx(2.0, abs=0.5)


def test_committed_offsets_are_spelled_right_and_nothing_misnamed_is_exported() -> None:
    monitor, registry = _monitor()
    monitor.on_tp_commit({TP("claims", 0): 42})
    labels = {"topic": "claims", "partition": "0"}
    assert registry.get_sample_value("faust_topic_partition_offset_committed", labels) == 42
    names = {family.name for family in registry.collect()}
    assert not {n for n in names if "commited" in n or n.startswith("faust_total_")}
    assert "faust_metrics_by_name" not in names
