"""Faust's sensor metrics under names that follow Prometheus conventions, and `/metrics`.

Faust's own `setup_prometheus_sensors` exports names that break them: a
misspelling (`faust_topic_partition_offset_commited`), counters named
`total_...` that come out as `faust_total_events_total`, histograms in
milliseconds with no unit in the name (`faust_producer_send_latency`,
`faust_events_runtime_ms`) and a gauge that only counts up
(`faust_metrics_by_name`). Its monitor is kept, given metrics created here
(`faust_messages_received_total`, `faust_active_messages`,
`faust_table_operations_total`, `faust_topic_messages_sent_total`,
`faust_assignment_operations_total` and `faust_topic_partition_end_offset`
keep their names):

| Faust's name | here |
|---|---|
| `faust_messages_received_per_topic_total` | `faust_topic_messages_received_total` |
| `faust_messages_received_per_topics_partition` | `faust_topic_partition_read_offset` |
| `faust_topic_partition_offset_commited` | `faust_topic_partition_offset_committed` |
| `faust_total_events_total` | `faust_events_total` |
| `faust_total_active_events` | `faust_active_events` |
| `faust_total_events_per_stream_total` | `faust_stream_events_total` |
| `faust_total_sent_messages_total` | `faust_messages_sent_total` |
| `faust_total_error_messages_sent_total` | `faust_producer_send_errors_total` |
| `faust_total_rebalances` | `faust_rebalances_in_progress` |
| `faust_total_rebalances_recovering` | `faust_rebalances_recovering` |
| `faust_http_status_codes_total` | `faust_http_responses_total` |
| `faust_events_runtime_ms` | `faust_event_runtime_seconds` |
| `faust_producer_send_latency` (ms) | `faust_producer_send_latency_seconds` |
| `faust_producer_error_send_latency` (ms) | `faust_producer_send_error_latency_seconds` |
| `faust_assign_latency` (ms) | `faust_assignment_latency_seconds` |
| `faust_consumer_commit_latency` (ms) | `faust_consumer_commit_latency_seconds` |
| `faust_rebalance_done_consumer_latency` (ms, about 0) | `faust_rebalance_return_latency_seconds` |
| `faust_rebalance_done_latency` (ms, about 0) | `faust_rebalance_latency_seconds` |
| `faust_http_latency` (ms, about 0) | `faust_http_response_latency_seconds` |
| `faust_metrics_by_name` | dropped: nothing in Faust counts by name |

Faust observes the latency of a rebalance and of an HTTP request as the time
since the moment it just took (so about 0); `FaustMonitor` observes instead the
latency Faust's base monitor computed, from the start.
"""

from __future__ import annotations

from typing import Any, cast

from aiohttp.web import Response
from faust import web
from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor
from faust.types import AppT
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest

__all__ = ["FaustMonitor", "serve_metrics"]

# A rebalance includes table recovery: seconds to minutes.
_REBALANCE_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)


class _FromMilliseconds(Histogram):
    """A histogram in seconds, observed in milliseconds as Faust's monitor does."""

    def observe(self, amount: float, exemplar: dict[str, str] | None = None) -> None:
        super().observe(amount / 1000, exemplar)


def _unexported(name: str) -> Histogram:
    """A histogram Faust's monitor feeds that no registry exports."""
    return Histogram(name, "unexported", registry=None)


def _faust_metrics(registry: CollectorRegistry) -> FaustMetrics:
    def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
        return Counter(f"faust_{name}", doc, labels, registry=registry)

    def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
        return Gauge(f"faust_{name}", doc, labels, registry=registry)

    def milliseconds(name: str, doc: str) -> Histogram:
        return _FromMilliseconds(f"faust_{name}_seconds", doc, registry=registry)

    tp = ("topic", "partition")
    return FaustMetrics(
        messages_received=counter("messages_received", "Messages the consumer received."),
        active_messages=gauge("active_messages", "Messages received and not yet acknowledged."),
        messages_received_per_topics=counter(
            "topic_messages_received", "Messages received per topic.", ("topic",)
        ),
        messages_received_per_topics_partition=gauge(
            "topic_partition_read_offset", "Offset of the last message received.", tp
        ),
        events_runtime_latency=milliseconds("event_runtime", "Seconds a stream took per event."),
        total_events=counter("events", "Events the streams took in."),
        total_active_events=gauge("active_events", "Events being processed."),
        total_events_per_stream=counter("stream_events", "Events per stream.", ("stream",)),
        table_operations=counter(
            "table_operations", "Table keys read, updated or deleted.", ("table", "operation")
        ),
        topic_messages_sent=counter("topic_messages_sent", "Messages sent per topic.", ("topic",)),
        total_sent_messages=counter("messages_sent", "Messages the producer sent."),
        producer_send_latency=milliseconds(
            "producer_send_latency", "Seconds from a message buffered to its broker ack."
        ),
        total_error_messages_sent=counter("producer_send_errors", "Messages the producer failed."),
        producer_error_send_latency=milliseconds(
            "producer_send_error_latency", "Seconds from a message buffered to its send failing."
        ),
        assignment_operations=counter(
            "assignment_operations", "Partition assignments, completed or error.", ("operation",)
        ),
        assign_latency=milliseconds("assignment_latency", "Seconds a partition assignment took."),
        total_rebalances=gauge(
            "rebalances_in_progress", "Rebalances the consumer has not yet answered."
        ),
        total_rebalances_recovering=gauge(
            "rebalances_recovering", "Rebalances answered whose table recovery goes on."
        ),
        rebalance_done_consumer_latency=_unexported("faust_rebalance_done_consumer_latency"),
        rebalance_done_latency=_unexported("faust_rebalance_done_latency"),
        count_metrics_by_name=Gauge(
            "faust_metrics_by_name", "unexported", ["metric"], registry=None
        ),
        http_status_codes=counter(
            "http_responses", "HTTP responses of the web port, by status.", ("status_code",)
        ),
        http_latency=_unexported("faust_http_latency"),
        topic_partition_end_offset=gauge(
            "topic_partition_end_offset", "End offset the consumer saw, per partition.", tp
        ),
        topic_partition_offset_commited=gauge(
            "topic_partition_offset_committed", "Offset committed, per partition.", tp
        ),
        consumer_commit_latency=milliseconds(
            "consumer_commit_latency", "Seconds an offset commit took."
        ),
    )


class FaustMonitor(PrometheusMonitor):
    """Faust's Prometheus monitor, its metrics created against `registry` with the names above."""

    def __init__(self, registry: CollectorRegistry, **kwargs: Any) -> None:
        super().__init__(metrics=_faust_metrics(registry), **kwargs)
        self._rebalance_return = Histogram(
            "faust_rebalance_return_latency_seconds",
            "Seconds from a rebalance starting to the consumer answering its assignment.",
            buckets=_REBALANCE_BUCKETS,
            registry=registry,
        )
        self._rebalance_end = Histogram(
            "faust_rebalance_latency_seconds",
            "Seconds from a rebalance starting to its end, table recovery included.",
            buckets=_REBALANCE_BUCKETS,
            registry=registry,
        )
        self._http_latency = Histogram(
            "faust_http_response_latency_seconds",
            "Seconds the web port took to answer a request.",
            registry=registry,
        )

    def on_rebalance_return(self, app: AppT, state: dict) -> None:
        super().on_rebalance_return(app, state)
        self._rebalance_return.observe(state["latency_return"])

    def on_rebalance_end(self, app: AppT, state: dict) -> None:
        super().on_rebalance_end(app, state)
        self._rebalance_end.observe(state["latency_end"])

    def on_web_request_end(
        self,
        app: AppT,
        request: web.Request,
        response: web.Response | None,
        state: dict,
        *,
        view: web.View | None = None,
    ) -> None:
        super().on_web_request_end(app, request, response, state, view=view)
        self._http_latency.observe(state["latency_end"])


def serve_metrics(app: AppT, registry: CollectorRegistry) -> None:
    """Make `FaustMonitor` the app's monitor and serve `registry` at `/metrics`."""
    app.monitor = FaustMonitor(registry)

    @app.page("/metrics")
    async def metrics(self: web.View, request: web.Request) -> web.Response:
        body = generate_latest(registry)
        return cast(
            web.Response, Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
        )
