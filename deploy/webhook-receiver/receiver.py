"""A webhook receiver to try claimwatch's alerts with: verifies and prints each one.

Its one dependency is the Standard Webhooks library (`pip install
standardwebhooks`); docker-compose runs it in the claimwatch image, which has
it. With WEBHOOK_SECRET set (the same value as CLAIMWATCH_WEBHOOK_SECRET:
`whsec_<base64>`, or raw text whose UTF-8 bytes are the key, as claimwatch
signs) it verifies each request with `Webhook(secret).verify(body, headers)`.
It drops events whose `webhook-id` it has already seen (delivery is
at-least-once) and prints one line per alert event: `claim.contradiction` and
`claim.revision`, and their withdrawals (`claim.contradiction.withdrawn`: the
same `alert_id`, under its own `webhook-id`). Any other type is acknowledged
and skipped, as receivers of versioned webhooks should (README, Webhooks).

    WEBHOOK_SECRET=... RECEIVER_PORT=8080 python receiver.py
"""

from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

__all__ = ["Receiver", "verifier"]

ALERT_TYPES = frozenset({"claim.contradiction", "claim.revision"})
"""The event types this receiver prints; `<type>.withdrawn` says the alert no longer stands."""


def verifier(secret: str | None) -> Webhook | None:
    """The Standard Webhooks verifier of a claimwatch secret; None verifies nothing."""
    if not secret:
        return None
    return Webhook(secret if secret.startswith("whsec_") else secret.encode("utf-8"))


class Receiver(BaseHTTPRequestHandler):
    """POST /<anything>: 204 for a valid event, 401 for a bad signature, 400 for a body that
    is not an event."""

    webhook: Webhook | None = verifier(os.environ.get("WEBHOOK_SECRET"))
    seen: set[str] = set()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        event_id = self.headers.get("webhook-id")
        if not event_id:  # the spec's idempotency key, on every event
            self._reply(400)
            return
        try:
            if self.webhook:
                event = self.webhook.verify(body, dict(self.headers.items()))
            else:
                event = json.loads(body)
            line = _line(event)
        except WebhookVerificationError:
            self._reply(401)
            return
        except (ValueError, KeyError, TypeError):
            self._reply(400)
            return
        if event_id not in self.seen:
            self.seen.add(event_id)
            if line is not None:
                print(line, flush=True)
        self._reply(204)

    def _reply(self, status: int) -> None:
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the alerts are the output."""


def _line(event: dict[str, Any]) -> str | None:
    """`[kind · severity] summary`, marked `withdrawn` for an alert that no longer stands;
    None for an event type this receiver does not know."""
    kind = event["type"]
    withdrawn = kind.endswith(".withdrawn")
    if kind.removesuffix(".withdrawn") not in ALERT_TYPES:
        return None
    alert = event["data"]
    mark = "withdrawn · " if withdrawn else ""
    return f"[{mark}{alert['kind']} · {alert['severity']}] {alert['summary']}"


def main() -> None:
    port = int(os.environ.get("RECEIVER_PORT", "8080"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Receiver)
    signed = "verifying signatures" if Receiver.webhook else "NOT verifying signatures"
    print(f"webhook receiver on :{port}, {signed}", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
