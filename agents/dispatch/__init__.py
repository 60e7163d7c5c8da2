"""Alert delivery to webhooks: Standard Webhooks events and signatures, retries with backoff
over a day, each endpoint's filters, and its position in `alerts` committed after each
delivery."""

from .attempts import Attempt, Outcome, attempt
from .delivery import Stopping, deliver
from .endpoint import EndpointDelivery, endpoint_groups
from .events import event_body, event_id, event_type
from .filters import wanted
from .retries import RetryPolicy
from .signing import sign

__all__ = [
    "Attempt",
    "EndpointDelivery",
    "Outcome",
    "RetryPolicy",
    "Stopping",
    "attempt",
    "deliver",
    "endpoint_groups",
    "event_body",
    "event_id",
    "event_type",
    "sign",
    "wanted",
]
