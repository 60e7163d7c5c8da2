"""Alert delivery to webhooks: Standard Webhooks events and signatures, retries, one queue per
endpoint."""

from .events import event_body, event_id, event_type
from .signing import sign
from .webhooks import GiveUp, WebhookDispatcher

__all__ = ["GiveUp", "WebhookDispatcher", "event_body", "event_id", "event_type", "sign"]
