"""An endpoint's subscription lets an alert through when every filter it sets does, and its
withdrawal exactly when it let the raising through."""

import pytest
from support import an_alert, withdrawal

from agents.dispatch import wanted
from streams.models import Alert, AlertKind, Severity
from streams.settings import Subscription

C, R = AlertKind.CONTRADICTION, AlertKind.REVISION


def alert(
    kind: AlertKind = C, severity: Severity = Severity.HIGH, story: str | None = None
) -> Alert:
    """An alert on the invented key 'Calder pension march | crowd', in `story` when given."""
    raised = an_alert(kind=kind)
    claim = raised.claim.model_copy(update={"story": story})
    return raised.model_copy(update={"severity": severity, "claim": claim})


def subscription(**filters: object) -> Subscription:
    return Subscription.model_validate({"url": "http://desk.test/hook", **filters})


CASES = [
    ({}, alert(R, Severity.LOW), True),
    ({"kinds": ["contradiction"]}, alert(C), True),
    ({"kinds": ["contradiction"]}, alert(R), False),
    ({"kinds": ["revision"]}, alert(C), False),
    ({"kinds": ["revision", "contradiction"]}, alert(R), True),
    ({"min_severity": "medium"}, alert(severity=Severity.LOW), False),
    ({"min_severity": "medium"}, alert(severity=Severity.MEDIUM), True),
    ({"min_severity": "medium"}, alert(severity=Severity.HIGH), True),
    ({"min_severity": "high"}, alert(severity=Severity.MEDIUM), False),
    ({"story": "talmora"}, alert(story="Talmora | earthquake"), True),
    ({"story": "TALMORA | EARTH"}, alert(story="Talmora | earthquake"), True),
    ({"story": "talmora"}, alert(story="Varnia | flood"), False),
    ({"story": ["varnia", "talmora"]}, alert(story="Varnia | flood"), True),
    ({"story": "pension march"}, alert(story=None), True),  # the key's subject
    ({"story": "calder"}, alert(story="Pelora | strike"), True),  # the subject, not the label
    ({"story": "pelora"}, alert(story=None), False),
    ({"kinds": ["contradiction"], "story": "talmora"}, alert(R, story="Talmora | quake"), False),
    (
        {"kinds": ["contradiction"], "min_severity": "high", "story": "talmora"},
        alert(C, Severity.HIGH, "Talmora | quake"),
        True,
    ),
    (
        {"kinds": ["contradiction"], "min_severity": "high", "story": "talmora"},
        alert(C, Severity.MEDIUM, "Talmora | quake"),
        False,
    ),
]


@pytest.mark.parametrize(("filters", "alert", "expected"), CASES)
def test_every_filter_set_must_let_the_alert_through(
    filters: dict[str, object], alert: Alert, expected: bool
) -> None:
    assert wanted(subscription(**filters), alert) is expected


@pytest.mark.parametrize(("filters", "alert", "expected"), CASES)
def test_a_withdrawal_goes_where_its_alert_went(
    filters: dict[str, object], alert: Alert, expected: bool
) -> None:
    assert wanted(subscription(**filters), withdrawal(alert)) is expected
