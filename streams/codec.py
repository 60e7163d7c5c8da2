"""One codec at every topic boundary: bytes in, a validated model out, or a reason.

Agents consume raw bytes and decode here, so a payload that is not the topic's
message becomes a deadletter record instead of an exception inside Faust.
"""

from __future__ import annotations

import json
import re
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DecodeError, StageError
from .models import DeadLetter

__all__ = ["PAYLOAD_LIMIT", "dead_letter", "decode", "encode", "parse_json", "validate"]

M = TypeVar("M", bound=BaseModel)

PAYLOAD_LIMIT = 2048
"""Characters of a failed payload kept in its deadletter record."""

_SURROGATE_CHAR = re.compile("[\ud800-\udfff]")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|" + _SURROGATE_CHAR.pattern)
"""A UTF-16 surrogate in JSON text, escaped or not: a pair is one character, one alone is none."""


def encode(message: BaseModel) -> bytes:
    return message.model_dump_json().encode("utf-8")


def decode(model: type[M], payload: bytes | str | None) -> M:
    """Validate `payload` as `model`, or raise DecodeError with a stable reason."""
    return validate(model, parse_json(payload))


def parse_json(payload: bytes | str | None) -> object:
    """UTF-8 JSON text as Python data, or DecodeError: not UTF-8 (a lone surrogate included),
    not JSON, or nested deeper than the parser goes."""
    if not payload:
        raise DecodeError("empty_payload")
    if isinstance(payload, bytes):
        try:
            payload = payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError("not_utf8", f"{exc.reason} at byte {exc.start}") from exc
    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise DecodeError("invalid_json", str(exc)[:200]) from exc
    except RecursionError as exc:
        raise DecodeError("invalid_json", "nested too deeply") from exc
    if _SURROGATE.search(payload) and _has_lone_surrogate(data):
        # json.loads lets "\ud800" through as a str that no later step can encode.
        raise DecodeError("not_utf8", "a lone UTF-16 surrogate in a JSON string")
    return data


def validate(model: type[M], data: object) -> M:
    """Decoded JSON as `model`, or DecodeError naming the fields that are wrong."""
    if not isinstance(data, dict):
        raise DecodeError("not_an_object", f"JSON {type(data).__name__} instead of an object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise DecodeError("invalid_message", f"{model.__name__}: {fields}") from exc
    except RecursionError as exc:
        raise DecodeError("invalid_json", "nested too deeply") from exc


def _has_lone_surrogate(data: object) -> bool:
    """Whether a string in decoded JSON holds a surrogate (after decoding, a pair is one char).

    Walked with a stack: the data can be nested as deep as the parser allowed.
    """
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _SURROGATE_CHAR.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def dead_letter(
    stage: str,
    error: BaseException,
    payload: bytes | str | None,
    *,
    topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
) -> DeadLetter:
    """The deadletter record of a failure; unexpected exceptions get reason `unexpected_error`."""
    reason = error.reason if isinstance(error, StageError) else "unexpected_error"
    if isinstance(payload, bytes):
        text = payload[: PAYLOAD_LIMIT * 4].decode("utf-8", errors="replace")
    else:
        text = payload or ""
    return DeadLetter(
        stage=stage,
        reason=reason,
        error=f"{type(error).__name__}: {error}"[:1000],
        topic=topic,
        partition=partition,
        offset=offset,
        payload=text[:PAYLOAD_LIMIT],
    )
