"""What a webhook receives for an alert: a Standard Webhooks event, one per alert status.

The spec's payload has a `type`, a `timestamp` and the event's `data`, which it
allows squashed into the top-level object. The body is that: the alert's own
JSON, as on the `alerts` topic, with `type` and `timestamp` added beside its
fields, so a receiver that reads the alert keeps reading it and one that
dispatches on `type` can. The type says what happened to the alert:
`alert.raised`, or `alert.withdrawn` when the same alert (same `alert_id`) no
longer stands.

A withdrawal is another event than the raising of the alert, so it has its own
`webhook-id`: a receiver that drops ids it has seen (the spec's idempotency
key) must not drop it. A raised alert keeps its alert id as before; no id holds
a `.`, which the spec keeps out of ids since it delimits the signed content.
"""

from __future__ import annotations

import json

from streams.models import Alert, AlertStatus

__all__ = ["event_body", "event_id", "event_type"]


def event_type(alert: Alert) -> str:
    """`alert.raised` or `alert.withdrawn`: the spec's full-stop delimited event type."""
    return f"alert.{alert.status.value}"


def event_id(alert: Alert) -> str:
    """The `webhook-id`: the same for every attempt and redelivery of one event."""
    if alert.status == AlertStatus.RAISED:
        return alert.alert_id
    return f"{alert.alert_id}-{alert.status.value}"


def event_body(alert: Alert) -> bytes:
    """The alert's JSON with the event's `type` and `timestamp` (when raised or withdrawn)."""
    data = alert.model_dump(mode="json")
    event = {"type": event_type(alert), "timestamp": data["raised_at"], **data}
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
