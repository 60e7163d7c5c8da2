"""Log lines as text (the default) or one JSON object per line, for Loki or ELK.

With `log_format` `json` every line is an object with `time`, `level`,
`logger` and `message` (and `exc_info` with a traceback), plus the ids of what
was being handled when it was logged: `stage`, `article_id`, `claim_key`,
`alert_id`. Those come from context variables, set where a stage takes a
record (`log_context`, `name_record`), so a log call names none of them and a
library's line (httpx, aiokafka) carries them too. Tasks started meanwhile
inherit them; executor threads do when run in a copy of the context.

The CLI sets up logging for its commands (`setup`); a Faust worker replaces
that with its own handlers at start, and `QuietWorker` gives them the format
(`use_format`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from pydantic import BaseModel
from pythonjsonlogger.json import JsonFormatter

from .models import Alert, Claim, CleanArticle, RawArticle

__all__ = [
    "LogFormat",
    "current_stage",
    "ids_of",
    "log_context",
    "name_record",
    "setup",
    "use_format",
]

LogFormat = Literal["text", "json"]

_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
"""The commands' text lines (a worker's are Faust's own)."""

_IDS: dict[str, ContextVar[str | None]] = {
    name: ContextVar(name, default=None)
    for name in ("stage", "article_id", "claim_key", "alert_id")
}


def current_stage() -> str | None:
    """The stage whose record this task handles, if any."""
    return _IDS["stage"].get()


def ids_of(message: BaseModel | None) -> dict[str, str | None]:
    """The ids a pipeline message names: its article's, its claim key, its alert's."""
    ids: dict[str, str | None] = {"article_id": None, "claim_key": None, "alert_id": None}
    if isinstance(message, RawArticle | CleanArticle):
        ids["article_id"] = message.id
    elif isinstance(message, Claim):
        ids |= {"article_id": message.article_id, "claim_key": message.key_text}
    elif isinstance(message, Alert):
        ids |= {
            "article_id": message.claim.article_id,
            "claim_key": message.key_text,
            "alert_id": message.alert_id,
        }
    return ids


@contextmanager
def log_context(**ids: str | None) -> Iterator[None]:
    """Log lines within the block carry these ids and no others; restored after it."""
    if unknown := set(ids) - set(_IDS):
        raise TypeError(f"not a log context id: {', '.join(sorted(unknown))}")
    tokens = [(var, var.set(ids.get(name))) for name, var in _IDS.items()]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def name_record(message: BaseModel | None) -> None:
    """Name the record this task handles now (None: one not decoded) in the lines that
    follow; within a `log_context`, which forgets it at its end."""
    for name, value in ids_of(message).items():
        _IDS[name].set(value)


class _ContextIds(logging.Filter):
    """Puts the ids of the context on each record, where the JSON formatter finds them."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, var in _IDS.items():
            value = var.get()
            if value is not None and not hasattr(record, name):
                setattr(record, name, value)
        return True


def use_format(handlers: Iterable[logging.Handler], log_format: LogFormat) -> None:
    """Have these handlers write JSON lines with the context's ids; text is left as set up."""
    if log_format != "json":
        return
    for handler in handlers:
        handler.setFormatter(
            JsonFormatter(
                "{levelname}{name}{message}",
                style="{",
                rename_fields={"levelname": "level", "name": "logger"},
                timestamp="time",
                json_ensure_ascii=False,
            )
        )
        handler.addFilter(_ContextIds())


def setup(level: int, log_format: LogFormat) -> None:
    """A command's logging: stderr, from `level` up, in `log_format`."""
    logging.basicConfig(level=level, format=_TEXT_FORMAT)
    use_format(logging.root.handlers, log_format)
