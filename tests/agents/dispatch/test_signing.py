import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from agents.dispatch import sign

SECRET = "whsec_" + base64.b64encode(b"claimwatch test secret").decode()
BODY = b'{"alert_id": "abc"}'


def test_headers_verify_with_standard_webhooks():
    now = datetime.now(UTC)
    headers = sign(SECRET, "abc", now, BODY)
    assert headers["webhook-id"] == "abc"
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert headers["webhook-signature"].startswith("v1,")
    assert Webhook(SECRET).verify(BODY, headers) == {"alert_id": "abc"}


def test_raw_secret_is_used_as_its_utf8_bytes():
    raw = "not-base64 secret!"
    headers = sign(raw, "abc", datetime.now(UTC), BODY)
    assert Webhook(raw.encode()).verify(BODY, headers)
    assert Webhook("whsec_" + base64.b64encode(raw.encode()).decode()).verify(BODY, headers)


def test_timestamp_in_another_zone_means_the_same_instant():
    now = datetime.now(UTC)
    local = now.astimezone(timezone(timedelta(hours=9)))
    assert sign(SECRET, "abc", local, BODY) == sign(SECRET, "abc", now, BODY)


def test_tampered_body_does_not_verify():
    headers = sign(SECRET, "abc", datetime.now(UTC), BODY)
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(b'{"alert_id": "abd"}', headers)
