"""A webhook's body is the alert with its Standard Webhooks event type; each event its own id."""

import json

import pytest
from support import an_alert, withdrawal

from agents.dispatch import event_body, event_id, event_type
from streams.models import Alert, AlertKind

RAISED = an_alert("3f2a9c1e0b7d4a65")
WITHDRAWN = withdrawal(RAISED)


@pytest.mark.parametrize(
    ("alert", "expected_type", "expected_id"),
    [
        (RAISED, "alert.raised", "3f2a9c1e0b7d4a65"),
        (WITHDRAWN, "alert.withdrawn", "3f2a9c1e0b7d4a65-withdrawn"),
    ],
)
def test_the_status_names_the_event_and_a_withdrawal_has_its_own_id(
    alert: Alert, expected_type: str, expected_id: str
) -> None:
    assert (event_type(alert), event_id(alert)) == (expected_type, expected_id)
    assert "." not in event_id(alert), "the spec keeps full stops out of ids"


@pytest.mark.parametrize("kind", list(AlertKind))
@pytest.mark.parametrize("alert", [RAISED, WITHDRAWN], ids=["raised", "withdrawn"])
def test_the_body_is_the_alert_squashed_beside_type_and_timestamp(
    alert: Alert, kind: AlertKind
) -> None:
    alert = alert.model_copy(update={"kind": kind})
    body = json.loads(event_body(alert))
    assert body.pop("type") == event_type(alert)
    assert body.pop("timestamp") == body["raised_at"]
    assert body == alert.model_dump(mode="json")
    assert (body["kind"], body["severity"], body["status"]) == (
        kind.value,
        "high",
        alert.status.value,
    )
    assert Alert.model_validate_json(event_body(alert)) == alert, "a consumer's model reads it"
