"""How every Kafka client of claimwatch connects: one place for bootstrap and SASL/TLS."""

from __future__ import annotations

import ssl
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaConnectionError
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from .errors import StageError, UserError
from .settings import Settings

__all__ = [
    "BrokerUnreachable",
    "bootstrap_servers",
    "check_broker",
    "check_record_size",
    "client_options",
    "ssl_context",
    "start_client",
    "value_budget",
]


class BrokerUnreachable(UserError):
    """No broker answered at the configured address."""


async def start_client(
    client: AIOKafkaProducer | AIOKafkaConsumer | AIOKafkaAdminClient, bootstrap: str
) -> None:
    """Start an aiokafka client; BrokerUnreachable, with the client closed, if no broker answers."""
    try:
        await client.start()
    except KafkaConnectionError as exc:
        await (client.close() if isinstance(client, AIOKafkaAdminClient) else client.stop())
        raise BrokerUnreachable(
            f"no Kafka broker answers at {bootstrap} (CLAIMWATCH_BROKER)"
        ) from exc


async def check_broker(settings: Settings, bootstrap: str) -> str | None:
    """The cluster id of the broker at `bootstrap` (before a worker starts); BrokerUnreachable
    unless one answers."""
    admin = AIOKafkaAdminClient(**client_options(settings, bootstrap))
    await start_client(admin, bootstrap)
    try:
        cluster = await admin.describe_cluster()
    finally:
        await admin.close()
    return cluster.get("cluster_id")


def check_record_size(topic: str, key: bytes, value: bytes, limit: int) -> None:
    """StageError `message_too_large` for a record over `limit` (Settings.max_message_bytes).

    Checked before sending, so the caller can say which record and why, where
    the producer raises from deep in its batching (a 500 from POST /articles, a
    traceback from `claimwatch ingest`).
    """
    size = DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, [])
    if size > limit:
        raise StageError("message_too_large", f"{topic}: {size} bytes > {limit}")


def value_budget(key: bytes, limit: int) -> int:
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
