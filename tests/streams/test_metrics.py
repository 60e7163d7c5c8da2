"""Withdrawn alerts are counted apart from raised ones, and time no ingest-to-alert latency."""

from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import CollectorRegistry
from support import an_alert, withdrawal

from streams.metrics import Metrics
from streams.models import Alert, AlertKind

RAISED = an_alert()
LABELS = {"kind": "contradiction", "severity": "high"}


def _counts(metrics: Metrics) -> tuple[float, float]:
    """(raised, withdrawn) for the alert's kind and severity."""
    registry = metrics.registry
    return (
        registry.get_sample_value("claimwatch_alerts_total", LABELS) or 0.0,
        registry.get_sample_value("claimwatch_alerts_withdrawn_total", LABELS) or 0.0,
    )


@pytest.mark.parametrize(
    ("alerts", "expected"),
    [
        ([RAISED], (1, 0)),
        ([withdrawal(RAISED)], (0, 1)),
        ([RAISED, withdrawal(RAISED), an_alert("alert-2")], (2, 1)),
    ],
    ids=["raised", "withdrawn", "both"],
)
def test_a_withdrawal_is_counted_apart_never_as_raised(
    alerts: list[Alert], expected: tuple[float, float]
) -> None:
    metrics = Metrics(CollectorRegistry())
    for alert in alerts:
        metrics.count_alert(alert)
    assert _counts(metrics) == expected


def test_a_withdrawal_keeps_its_kind_label() -> None:
    metrics = Metrics(CollectorRegistry())
    metrics.count_alert(withdrawal(an_alert(kind=AlertKind.REVISION)))
    labels = {"kind": "revision", "severity": "high"}
    assert metrics.registry.get_sample_value("claimwatch_alerts_withdrawn_total", labels) == 1


def test_only_a_raised_alert_ends_the_ingest_to_alert_clock() -> None:
    ingested = datetime.now(UTC) - timedelta(seconds=2)
    claim = RAISED.claim.model_copy(update={"ingested_at": ingested})
    raised = RAISED.model_copy(update={"claim": claim})
    metrics = Metrics(CollectorRegistry())
    metrics.alert_published(raised)
    metrics.alert_published(withdrawal(raised))
    count = metrics.registry.get_sample_value("claimwatch_ingest_to_alert_seconds_count")
    assert count == 1


def test_an_alert_leaving_earlier_figures_out_is_counted_as_capped() -> None:
    metrics = Metrics(CollectorRegistry())
    metrics.count_alert(RAISED)
    metrics.count_alert(RAISED.model_copy(update={"omitted": 3}))
    metrics.count_alert(withdrawal(RAISED.model_copy(update={"omitted": 3})))
    assert metrics.registry.get_sample_value("claimwatch_alerts_capped_total") == 1
