"""Every claimwatch metric, in one object created against a registry.

Names follow Prometheus conventions (`_total` counters, `_seconds` histograms,
base units); labels stay low-cardinality (stage, reason, kind, severity).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

__all__ = ["Metrics"]

# Per-stage work is milliseconds (cleaning) to about a second (tagging a long article).
_STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.articles = Counter(
            "claimwatch_articles_total",
            "Records handled per stage, by outcome (ok or deadletter).",
            ["stage", "outcome"],
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
            "Records sent to the deadletter topic, by stage and reason.",
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
            "Alerts raised, by kind and severity.",
            ["kind", "severity"],
            registry=registry,
        )
        self.stage_seconds = Histogram(
            "claimwatch_stage_seconds",
            "Seconds spent in each stage's logic per record.",
            ["stage"],
            buckets=_STAGE_BUCKETS,
            registry=registry,
        )
        self.known_keys = Gauge(
            "claimwatch_known_claim_keys",
            "Claim keys held in this worker's table of known claims.",
            registry=registry,
        )
