"""The compose stack's webhook receiver accepts what claimwatch signs, and nothing else."""

from __future__ import annotations

import importlib.util
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from types import ModuleType

import pytest
from monitoring import DEPLOY
from standardwebhooks.webhooks import WebhookVerificationError
from support import an_alert, withdrawal

from agents.dispatch import event_body, event_id, sign
from streams.models import AlertStatus

SECRETS = ["whsec_Y2xhaW13YXRjaCBjb21wb3NlIGRlbW8gc2VjcmV0", "raw text secret"]
ALERT = {"alert_id": "a1", "kind": "contradiction", "severity": "high", "summary": "Two figures."}
BODY = json.dumps(
    {"type": "claim.contradiction", "timestamp": "2025-06-01T15:00:00Z", "data": ALERT}
).encode()


def _receiver() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "receiver", DEPLOY / "webhook-receiver" / "receiver.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


receiver = _receiver()


@pytest.mark.parametrize("secret", SECRETS)
def test_the_verifier_accepts_claimwatch_signatures_only(secret: str) -> None:
    webhook = receiver.verifier(secret)
    headers = sign(secret, "a1", datetime.now(UTC), BODY)
    assert webhook.verify(BODY, headers)["data"] == ALERT
    stale = sign(secret, "a1", datetime.now(UTC) - timedelta(minutes=10), BODY)
    wrong = receiver.verifier("another secret")
    refused = [(webhook, BODY + b" ", headers), (webhook, BODY, stale), (wrong, BODY, headers)]
    for check, body, signed in refused:
        with pytest.raises(WebhookVerificationError):
            check.verify(body, signed)


@pytest.fixture
def url() -> Iterator[str]:
    receiver.Receiver.webhook = receiver.verifier(SECRETS[0])
    server = ThreadingHTTPServer(("127.0.0.1", 0), receiver.Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/alerts"
    server.shutdown()
    server.server_close()


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_receiver_prints_signed_alerts_and_rejects_the_rest(url: str, capsys) -> None:
    headers = sign(SECRETS[0], "a1", datetime.now(UTC), BODY)
    assert _post(url, BODY, headers) == 204
    assert _post(url, BODY, headers) == 204  # a redelivery: accepted, printed once
    assert _post(url, BODY.replace(b"Two", b"Ten"), headers) == 401
    bad = b"not json"
    assert _post(url, bad, sign(SECRETS[0], "a2", datetime.now(UTC), bad)) == 400
    later = BODY.replace(b'"claim.contradiction"', b'"claim.contradiction.v2"')
    assert _post(url, later, sign(SECRETS[0], "a3", datetime.now(UTC), later)) == 204
    assert capsys.readouterr().out == "[contradiction · high] Two figures.\n", (
        "an event type it does not know is acknowledged, not printed"
    )


def test_receiver_prints_a_withdrawal_of_an_alert_it_printed(url: str, capsys) -> None:
    """What claimwatch sends for the raising and the withdrawal of one alert, each once."""
    alert = withdrawal(an_alert())
    raised = alert.model_copy(update={"status": AlertStatus.RAISED})
    for event in (raised, alert, alert):
        body = event_body(event)
        assert _post(url, body, sign(SECRETS[0], event_id(event), datetime.now(UTC), body)) == 204
    assert capsys.readouterr().out.splitlines() == [
        f"[contradiction · high] {alert.summary}",
        f"[withdrawn · contradiction · high] {alert.summary}",
    ]
