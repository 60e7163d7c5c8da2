"""A webhook receiver to try claimwatch's alerts with: verifies and prints each one.

Standard library only, so docker-compose runs it in a plain Python image. It
checks the Standard Webhooks signature when WEBHOOK_SECRET is set (the same
value as CLAIMWATCH_WEBHOOK_SECRET: `whsec_<base64>`, or raw text whose UTF-8
bytes are the key, as claimwatch signs), drops events whose `webhook-id` it has
already seen (delivery is at-least-once) and prints one line per event: an
alert raised (`type` `alert.raised`), or one withdrawn (`alert.withdrawn`: the
same `alert_id`, under its own `webhook-id`).

    WEBHOOK_SECRET=... RECEIVER_PORT=8080 python receiver.py
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Receiver", "verify"]

TOLERANCE = 5 * 60
"""Seconds a signature's timestamp may differ from now (the spec's replay guard)."""


def _key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        return base64.b64decode(secret.removeprefix("whsec_"))
    return secret.encode("utf-8")


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> bool:
    """Whether `body` carries a valid, recent v1 signature (headers with lower-case names)."""
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not msg_id or not timestamp.isdigit():
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > TOLERANCE:
        return False
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()
    given = headers.get("webhook-signature", "").split()
    return any(hmac.compare_digest(f"v1,{expected}", sig) for sig in given)


class Receiver(BaseHTTPRequestHandler):
    """POST /<anything>: 204 for a valid alert, 401 for a bad signature, 400 for bad JSON."""

    secret: str | None = os.environ.get("WEBHOOK_SECRET") or None
    seen: set[str] = set()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        if self.secret and not verify(self.secret, headers, body):
            self._reply(401)
            return
        try:
            alert = json.loads(body)
            event_id = headers.get("webhook-id") or alert["alert_id"]
            line = _line(alert)
        except (ValueError, KeyError, TypeError):
            self._reply(400)
            return
        if event_id not in self.seen:
            self.seen.add(event_id)
            print(line, flush=True)
        self._reply(204)

    def _reply(self, status: int) -> None:
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the alerts are the output."""


def _line(alert: dict) -> str:
    """`[kind · severity] summary`, marked `withdrawn` for an alert that no longer stands."""
    withdrawn = "withdrawn · " if alert.get("type") == "alert.withdrawn" else ""
    return f"[{withdrawn}{alert.get('kind')} · {alert.get('severity')}] {alert['summary']}"


def main() -> None:
    port = int(os.environ.get("RECEIVER_PORT", "8080"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Receiver)
    signed = "verifying signatures" if Receiver.secret else "NOT verifying signatures"
    print(f"webhook receiver on :{port}, {signed}", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
