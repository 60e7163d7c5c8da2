"""A webhook's body is the Standard Webhooks envelope around the alert; each event its own id."""

import json

import pytest
from support import an_alert, withdrawal

from agents.dispatch import event_body, event_id, event_type
from streams.models import Alert, AlertKind

RAISED = an_alert("3f2a9c1e0b7d4a65")
WITHDRAWN = withdrawal(RAISED)
REVISION = an_alert("9c0d2e4f6a8b1c3d", AlertKind.REVISION)


@pytest.mark.parametrize(
    ("alert", "expected_type", "expected_id"),
    [
        (RAISED, "claim.contradiction", "3f2a9c1e0b7d4a65"),
        (WITHDRAWN, "claim.contradiction.withdrawn", "3f2a9c1e0b7d4a65-withdrawn"),
        (REVISION, "claim.revision", "9c0d2e4f6a8b1c3d"),
        (withdrawal(REVISION), "claim.revision.withdrawn", "9c0d2e4f6a8b1c3d-withdrawn"),
    ],
)
def test_the_kind_and_status_name_the_event_and_a_withdrawal_has_its_own_id(
    alert: Alert, expected_type: str, expected_id: str
) -> None:
    assert (event_type(alert), event_id(alert)) == (expected_type, expected_id)
    assert "." not in event_id(alert), "the spec keeps full stops out of ids"


@pytest.mark.parametrize("kind", list(AlertKind))
@pytest.mark.parametrize("alert", [RAISED, WITHDRAWN], ids=["raised", "withdrawn"])
def test_the_body_is_the_envelope_with_the_alert_as_data(alert: Alert, kind: AlertKind) -> None:
    alert = alert.model_copy(update={"kind": kind})
    body = json.loads(event_body(alert))
    assert list(body) == ["type", "timestamp", "data"]
    assert body["type"] == event_type(alert)
    assert body["timestamp"] == body["data"]["raised_at"]
    assert body["data"] == json.loads(alert.model_dump_json()), "as on the alerts topic"
    assert Alert.model_validate(body["data"]) == alert, "a consumer's model reads it"
