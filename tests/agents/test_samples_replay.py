"""Replayed through every stage, the samples raise exactly the alerts in
claimwatch/samples/README.md."""

import pytest
from support import SAMPLE_ALERTS, alert_pairs, samples

from agents.detect import standing_alerts
from agents.pipeline import Pipeline
from streams.models import Alert, Claim, TaggedArticle
from streams.settings import Settings

EXPECTED = SAMPLE_ALERTS
MUST_NOT = [
    # agreeing figures
    ("deaths", "at least 310", "at least 1,150"),
    ("injured", "More than 1,000", "About 4,000"),
    ("injured", "About 4,000", "4,100"),
    ("crowd", "about 110,000", "more than 100,000"),
    # a voice that revised its own figure is not set again against older ones
    ("deaths", "2,650", "1,150"),
    ("crossed", "about 62,000", "18,000"),
    # a projection against reports
    ("crossed", "100,000", "about 45,000"),
    ("crossed", "100,000", "about 62,000"),
]


KEYS = {
    "Talmora province earthquake | deaths",
    "Talmora province earthquake | injured",
    "Talmora province earthquake | displaced",
    "Calder march | crowd | 2025-04-05",
    "Calder march | arrested",
    "Varnia fighting | crossed",
}
"""The keys the alerts are on: each sample story's label, the count type, the march's day."""

FIGURES = {
    # Talmora earthquake: deaths, injured, displaced (the headline's '1,150' too)
    "at least 310", "1,150", "at least 1,150", "2,400", "more than 4,000", "2,650",
    "More than 1,000", "About 4,000", "4,100", "More than 6,000",
    "about 35,000", "more than 60,000",
    # Calder march: crowd and arrests
    "about 20,000", "more than 100,000", "35,000", "about 110,000", "14", "22",
    # Belmark crossings: reports and the projection
    "about 45,000", "18,000", "about 62,000", "24,000", "100,000",
}  # fmt: skip
"""Every figure claimwatch/samples/README.md names, and none of the clutter it lists ('200 trucks',
'9,000 runners', 'about 400 km', other stories' headlines)."""


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="module")
def alerts(pipeline) -> list[Alert]:
    replayed = list(pipeline.replay(samples()))
    assert all(isinstance(a, Alert) for a in replayed), replayed
    return standing_alerts(a for a in replayed if isinstance(a, Alert))


@pytest.fixture(scope="module")
def claims(pipeline) -> list[Claim]:
    tagged = [t for t in pipeline.tagged(samples()) if isinstance(t, TaggedArticle)]
    return [claim for t in tagged for claim in pipeline.extract(t)]


def test_samples_raise_the_expected_alerts(alerts):
    assert set(EXPECTED) <= alert_pairs(alerts)


def test_samples_raise_nothing_else(alerts):
    assert alert_pairs(alerts) == set(EXPECTED)
    assert {a.key_text for a in alerts} == KEYS


def test_samples_give_their_figures_and_none_of_the_clutter(claims):
    found = [(c.article_id, c.value.text, c.key_text) for c in claims]
    assert {figure for _, figure, _ in found} == FIGURES, found


@pytest.mark.parametrize(("measure", "first", "second"), MUST_NOT)
def test_agreeing_superseded_and_projected_figures_do_not_alert(alerts, measure, first, second):
    for _, found, new, earlier in alert_pairs(alerts):
        assert (found, {new, earlier}) != (measure, {first, second})
