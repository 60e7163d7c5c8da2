"""Every claimwatch metric, in one object created against a registry.

Names follow Prometheus conventions (`_total` counters, `_seconds` histograms,
base units); labels stay low-cardinality (stage, outcome, reason, kind,
severity, modality, and a webhook endpoint by the hash naming its consumer group;
never a URL or an alert's, article's or claim's id). Labels known in
advance are created at zero, so `rate()` sees the first event and alert rules
see a series before anything happened. The registry also gets the collectors
prometheus_client's default registry has (`process_*`, `python_*`) and
`claimwatch_build_info{version,python_version}`: the release each worker runs,
and a series every worker has from its start (the dashboard's `job` and
`instance` variables read it).
"""

from __future__ import annotations

import platform
from datetime import UTC, datetime
from importlib.metadata import version

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    Info,
    PlatformCollector,
    ProcessCollector,
)

from .models import Alert, AlertStatus

__all__ = ["DELIVERY_OUTCOMES", "Metrics"]

DELIVERY_OUTCOMES = ("delivered", "retried", "failed")
"""`retried`: an attempt that failed and will be tried again; `failed`: given up."""

# Per-stage work is milliseconds (cleaning) to about a second (tagging a long article).
_STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
# Ingest to alert crosses five topics and spaCy: about a second when idle, minutes in a backlog.
_INGEST_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0, 1800.0)
# A delivery is one HTTP round trip when the receiver is well, retries with backoff otherwise.
_DELIVERY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class Metrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        GCCollector(registry=registry)
        Info("claimwatch_build", "The running claimwatch release.", registry=registry).info(
            {"version": version("claimwatch"), "python_version": platform.python_version()}
        )
        self.articles = Counter(
            "claimwatch_articles_total",
            "Records a stage took in, by outcome (ok or deadletter).",
            ["stage", "outcome"],
            registry=registry,
        )
        self.messages_out = Counter(
            "claimwatch_messages_out_total",
            "Messages a stage published to the next topic (articles, claims or alerts).",
            ["stage"],
            registry=registry,
        )
        self.removed = Counter(
            "claimwatch_removed_lines_total",
            "Boilerplate lines or blocks dropped by cleaning, by reason.",
            ["reason"],
            registry=registry,
        )
        self.deadletters = Counter(
            "claimwatch_deadletters_total",
            "Records sent to the deadletter topic, by stage and reason; "
            "those of the article stages are the articles dropped.",
            ["stage", "reason"],
            registry=registry,
        )
        self.claims = Counter(
            "claimwatch_claims_total",
            "Claims extracted, by modality.",
            ["modality"],
            registry=registry,
        )
        self.alerts = Counter(
            "claimwatch_alerts_total",
            "Alerts raised, by kind and severity (withdrawals are not counted here).",
            ["kind", "severity"],
            registry=registry,
        )
        self.alerts_withdrawn = Counter(
            "claimwatch_alerts_withdrawn_total",
            "Alerts withdrawn (a figure that arrived late sits between their claims), "
            "by kind and severity.",
            ["kind", "severity"],
            registry=registry,
        )
        self.alerts_capped = Counter(
            "claimwatch_alerts_capped_total",
            "Alerts raised that leave out earlier figures in conflict, beyond "
            "CLAIMWATCH_MAX_EARLIER_PER_ALERT.",
            registry=registry,
        )
        self.stage_seconds = Histogram(
            "claimwatch_stage_seconds",
            "Seconds spent in each stage's logic per record.",
            ["stage"],
            buckets=_STAGE_BUCKETS,
            registry=registry,
        )
        self.ingest_to_alert = Histogram(
            "claimwatch_ingest_to_alert_seconds",
            "Seconds from an article's ingest to an alert raised on one of its claims.",
            buckets=_INGEST_BUCKETS,
            registry=registry,
        )
        self.known_keys = Gauge(
            "claimwatch_known_claim_keys",
            "Claim keys held in this worker's table of known claims.",
            registry=registry,
        )
        self.stories_opened = Counter(
            "claimwatch_stories_opened_total",
            "News stories opened by the story stage (an article that joined no open story).",
            registry=registry,
        )
        self.story_links = Counter(
            "claimwatch_story_links_total",
            "Links the story stage made between two threads of stories: one line of news it "
            "had first seen as several stories.",
            registry=registry,
        )
        self.open_stories = Gauge(
            "claimwatch_open_stories",
            "Open stories in the story stage's index (on the worker holding its partition).",
            registry=registry,
        )
        self.webhook_deliveries = Counter(
            "claimwatch_webhook_deliveries_total",
            "Webhook deliveries (one alert to one endpoint) delivered or failed (given up), "
            "and attempts retried.",
            ["outcome"],
            registry=registry,
        )
        self.webhook_filtered = Counter(
            "claimwatch_webhook_filtered_total",
            "Alerts an endpoint's subscription filtered out (by kind, severity or story): "
            "committed past, never sent.",
            ["endpoint"],
            registry=registry,
        )
        self.webhook_seconds = Histogram(
            "claimwatch_webhook_delivery_seconds",
            "Seconds from an alert being queued for an endpoint to its delivery, retries included.",
            buckets=_DELIVERY_BUCKETS,
            registry=registry,
        )
        for outcome in DELIVERY_OUTCOMES:
            self.webhook_deliveries.labels(outcome)

    def stage_started(self, stage: str) -> None:
        """Create a stage's series at zero when its agent starts."""
        for outcome in ("ok", "deadletter"):
            self.articles.labels(stage, outcome)
        self.messages_out.labels(stage)

    def count_alert(self, alert: Alert) -> None:
        """Count an alert the detector publishes, raised or withdrawn, in its own counter.

        Apart, not under a `status` label of `claimwatch_alerts_total`: that one
        keeps meaning alerts raised, so the queries on it stay right, and the
        alerts standing are the one minus the other.
        """
        counter = self.alerts if alert.status == AlertStatus.RAISED else self.alerts_withdrawn
        counter.labels(alert.kind.value, alert.severity.value).inc()
        if alert.omitted and alert.status == AlertStatus.RAISED:
            self.alerts_capped.inc()

    def alert_published(self, alert: Alert) -> None:
        """Observe ingest-to-alert latency; clocks of producer and worker may differ slightly.

        The clock is the last-ingested claim of the alert: a figure arriving late
        raises an alert whose `claim` is an earlier-ingested, later-dated one. A
        withdrawal is not observed: the histogram says how soon an alert is
        raised, and a withdrawn alert's claims are not the ones that withdrew it.
        """
        if alert.status != AlertStatus.RAISED:
            return
        stamps = [c.ingested_at for c in (alert.claim, *alert.contradicts) if c.ingested_at]
        if stamps:
            ingested_at = max(stamps)
            seconds = (datetime.now(UTC) - ingested_at).total_seconds()
            self.ingest_to_alert.observe(max(seconds, 0.0))
