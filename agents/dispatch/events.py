"""What a webhook receives for an alert: a Standard Webhooks event, one per alert status.

The body is the spec's envelope: `{"type", "timestamp", "data"}`, with the
alert's JSON as on the `alerts` topic for `data`, so a receiver reads it with
the same model a Kafka consumer does. The type is the contract: it names the
alert's kind (`claim.contradiction`, `claim.revision`), and a withdrawal, when
the same alert (same `alert_id`) no longer stands, is its own type
(`claim.contradiction.withdrawn`), so a receiver that only dispatches on
`type` never takes a withdrawal for a new alert.

A withdrawal is another event than the raising of the alert, so it has its own
`webhook-id`: a receiver that drops ids it has seen (the spec's idempotency
key) must not drop it. A raised alert's id is its alert id; no id holds a `.`,
which the spec keeps out of ids since it delimits the signed content.
"""

from __future__ import annotations

import json

from streams.models import Alert, AlertStatus

__all__ = ["event_body", "event_id", "event_type"]


def event_type(alert: Alert) -> str:
    """`claim.<kind>`, and `claim.<kind>.withdrawn` for a withdrawal: the spec's full-stop
    delimited event type."""
    kind = f"claim.{alert.kind.value}"
    return kind if alert.status == AlertStatus.RAISED else f"{kind}.{alert.status.value}"


def event_id(alert: Alert) -> str:
    """The `webhook-id`: the same for every attempt and redelivery of one event."""
    if alert.status == AlertStatus.RAISED:
        return alert.alert_id
    return f"{alert.alert_id}-{alert.status.value}"


def event_body(alert: Alert) -> bytes:
    """The envelope: the event's `type`, its `timestamp` (when the alert was raised or
    withdrawn) and the alert as `data`."""
    data = alert.model_dump(mode="json")
    event = {"type": event_type(alert), "timestamp": data["raised_at"], "data": data}
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
