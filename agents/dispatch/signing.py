"""Standard Webhooks headers for one delivery (https://www.standardwebhooks.com).

Secrets are accepted as `whsec_<base64>` (the spec's form, the key is the
decoded bytes; settings refuse one that is not base64). Any other text is a
raw secret: its UTF-8 bytes are the key, so a receiver verifies with
`Webhook(raw.encode())`, or equivalently with `Webhook("whsec_" + base64(raw))`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from standardwebhooks import Webhook

from streams.settings import SECRET_PREFIX, Subscription

__all__ = ["secret_of", "sign"]


def secret_of(endpoint: Subscription) -> str | None:
    """An endpoint's secret in clear, for signing; None sends unsigned."""
    return endpoint.secret.get_secret_value() if endpoint.secret else None


def sign(secret: str, msg_id: str, timestamp: datetime, body: bytes) -> dict[str, str]:
    """`webhook-id`, `webhook-timestamp` and a v1 HMAC-SHA256 `webhook-signature`.

    `msg_id` is the event's id (`events.event_id`), so a receiver can drop the
    duplicates that retries and redeliveries produce. Naive timestamps are
    taken as UTC.
    """
    when = timestamp.astimezone(UTC) if timestamp.tzinfo else timestamp.replace(tzinfo=UTC)
    key: str | bytes = secret if secret.startswith(SECRET_PREFIX) else secret.encode("utf-8")
    signature = Webhook(key).sign(msg_id=msg_id, timestamp=when, data=body.decode("utf-8"))
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
    }
