"""Replayed through every stage, the samples raise exactly the alerts in samples/README.md."""

import pytest
from support import SAMPLES

from agents.pipeline import Pipeline
from streams.models import Alert, AlertKind, RawArticle
from streams.settings import Settings

C, R = AlertKind.CONTRADICTION, AlertKind.REVISION

EXPECTED = [
    (C, "killed", "more than 4,000", "2,400"),
    (C, "killed", "2,650", "more than 4,000"),
    (C, "crowd", "more than 100,000", "about 20,000"),
    (R, "crowd", "35,000", "about 20,000"),
    (C, "crowd", "35,000", "more than 100,000"),
    (C, "crowd", "about 110,000", "35,000"),
    (C, "people_crossed", "18,000", "about 45,000"),
    (C, "people_crossed", "24,000", "about 62,000"),
]
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
    paths = sorted(SAMPLES.glob("*.json"))
    articles = [RawArticle.model_validate_json(p.read_text("utf-8")) for p in paths]
    replayed = list(Pipeline(Settings()).replay(articles))
    assert all(isinstance(a, Alert) for a in replayed), replayed
    return [a for a in replayed if isinstance(a, Alert)]


def _pairs(alerts: list[Alert]) -> set[tuple[AlertKind, str, str, str]]:
    return {
        (a.kind, a.claim.key.measure, a.claim.value.text, earlier.value.text)
        for a in alerts
        for earlier in a.contradicts
    }


def test_samples_raise_the_expected_alerts(alerts):
    assert set(EXPECTED) <= _pairs(alerts)


def test_samples_raise_nothing_else(alerts):
    assert _pairs(alerts) == set(EXPECTED)
    assert len({a.key_text for a in alerts}) == 3


@pytest.mark.parametrize(("measure", "first", "second"), MUST_NOT)
def test_running_totals_and_agreeing_figures_do_not_alert(alerts, measure, first, second):
    for _, found, new, earlier in _pairs(alerts):
        assert (found, {new, earlier}) != (measure, {first, second})
