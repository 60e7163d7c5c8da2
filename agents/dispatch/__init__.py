"""Alert delivery to webhooks: Standard Webhooks signatures, retries, one queue per endpoint."""

from .signing import sign
from .webhooks import GiveUp, WebhookDispatcher

__all__ = ["GiveUp", "WebhookDispatcher", "sign"]
