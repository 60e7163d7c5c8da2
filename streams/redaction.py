"""Webhook URLs as they may be shown: receivers put tokens in query strings and userinfo.

A URL is redacted wherever claimwatch writes it down (logs, deadletter records,
setting errors): scheme, host, port and path stay, so an operator can tell the
endpoints apart; userinfo, query and fragment go.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

import httpx

__all__ = ["RedactUrls", "redact_url"]


def redact_url(url: str | httpx.URL) -> str:
    """`https://user:pw@host:8443/hook?token=t#x` -> `https://host:8443/hook`."""
    try:
        parts = urlsplit(str(url))
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<invalid URL>"
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class RedactUrls(logging.Filter):
    """Redacts the URLs httpx passes to its request log lines ('HTTP Request: POST <url> ...')."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_url(arg) if isinstance(arg, httpx.URL) else arg for arg in record.args
            )
        return True
