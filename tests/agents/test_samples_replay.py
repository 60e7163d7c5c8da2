"""Replayed through every stage, the samples raise exactly the alerts in samples/README.md."""

import pytest
from support import SAMPLE_ALERTS, alert_pairs, samples

from agents.pipeline import Pipeline
from streams.models import Alert
from streams.settings import Settings

EXPECTED = SAMPLE_ALERTS
MUST_NOT = [
    ("killed", "at least 310", "at least 1,150"),
    ("killed", "at least 1,150", "2,400"),
    ("killed", "2,400", "2,650"),
    ("wounded", "More than 1,000", "About 4,000"),
    ("wounded", "About 4,000", "4,100"),
    ("wounded", "4,100", "More than 6,000"),
    ("displaced", "about 35,000", "more than 60,000"),
    ("crowd", "about 110,000", "more than 100,000"),
    ("arrested", "14", "22"),
    ("people_crossed", "about 45,000", "about 62,000"),
    ("people_crossed", "18,000", "24,000"),
    ("people_crossed", "100,000", "about 45,000"),
    ("people_crossed", "100,000", "about 62,000"),
]


@pytest.fixture(scope="module")
def alerts() -> list[Alert]:
    replayed = list(Pipeline(Settings()).replay(samples()))
    assert all(isinstance(a, Alert) for a in replayed), replayed
    return [a for a in replayed if isinstance(a, Alert)]


def test_samples_raise_the_expected_alerts(alerts):
    assert set(EXPECTED) <= alert_pairs(alerts)


def test_samples_raise_nothing_else(alerts):
    assert alert_pairs(alerts) == set(EXPECTED)
    assert len({a.key_text for a in alerts}) == 3


@pytest.mark.parametrize(("measure", "first", "second"), MUST_NOT)
def test_running_totals_and_agreeing_figures_do_not_alert(alerts, measure, first, second):
    for _, found, new, earlier in alert_pairs(alerts):
        assert (found, {new, earlier}) != (measure, {first, second})
