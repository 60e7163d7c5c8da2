"""How every Kafka client of claimwatch connects: one place for bootstrap and SASL/TLS."""

from __future__ import annotations

import ssl
from typing import Any

from aiokafka.record.default_records import DefaultRecordBatchBuilder

from .errors import StageError
from .settings import Settings

__all__ = [
    "MAX_REQUEST_BYTES",
    "bootstrap_servers",
    "check_record_size",
    "client_options",
    "ssl_context",
    "value_budget",
]

MAX_REQUEST_BYTES = 1_048_576
"""The producers' request limit (aiokafka's and Faust's default `max_request_size`), close to
Kafka's default `max.message.bytes`: the largest record claimwatch sends."""


def check_record_size(topic: str, key: bytes, value: bytes, limit: int = MAX_REQUEST_BYTES) -> None:
    """StageError `message_too_large` for a record the producer would refuse.

    Checked before sending, so the caller can say which record and why, where
    the producer raises from deep in its batching (a 500 from POST /articles, a
    traceback from `claimwatch ingest`).
    """
    size = DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, [])
    if size > limit:
        raise StageError("message_too_large", f"{topic}: {size} bytes > {limit}")


def value_budget(key: bytes, limit: int = MAX_REQUEST_BYTES) -> int:
    """The most bytes a record's value may take beside `key` and still pass `check_record_size`
    (the lengths' varints of a larger value take up to 8 bytes more than an empty one's)."""
    return limit - DefaultRecordBatchBuilder.estimate_size_in_bytes(key, b"", []) - 8


def bootstrap_servers(broker_url: str) -> str:
    """`kafka://a:9092;kafka://b:9092` -> `a:9092,b:9092` (aiokafka's form)."""
    hosts = []
    for part in broker_url.replace(",", ";").split(";"):
        part = part.strip()
        if part:
            hosts.append(part.split("://", 1)[-1].rstrip("/"))
    return ",".join(hosts)


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if "SSL" not in settings.security_protocol:
        return None
    return ssl.create_default_context(
        cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None
    )


def client_options(settings: Settings, bootstrap: str | None = None) -> dict[str, Any]:
    """Keyword arguments for any aiokafka client (producer, consumer, admin)."""
    if bootstrap is None:
        if settings.broker is None:
            raise ValueError("no broker: set CLAIMWATCH_BROKER or start the embedded broker")
        bootstrap = bootstrap_servers(settings.broker)
    options: dict[str, Any] = {
        "bootstrap_servers": bootstrap,
        "security_protocol": settings.security_protocol,
    }
    context = ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.security_protocol.startswith("SASL"):
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = (
            settings.sasl_password.get_secret_value() if settings.sasl_password else None
        )
    return options
