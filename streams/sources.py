"""Articles from files: .txt, .html, .json (one article or a list) and .jsonl (one per line).

Used by `ingest`, `replay`, `clean` and `claims`; a record that cannot be read
is reported with its place and reason, and the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .models import ContentType, RawArticle

__all__ = ["SUFFIXES", "SourceError", "expand_paths", "read_articles"]

SUFFIXES = frozenset({".txt", ".html", ".htm", ".json", ".jsonl"})


@dataclass(frozen=True)
class SourceError:
    """A record that could not be read: where, and why."""

    where: str
    reason: str


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for its article files, sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES))
        else:
            files.append(path)
    return files


def read_articles(paths: Iterable[Path]) -> Iterator[RawArticle | SourceError]:
    for path in expand_paths(paths):
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                yield from _read_jsonl(path)
            elif suffix == ".json":
                yield from _read_json(path)
            else:
                yield _read_text(path, suffix)
        except OSError as exc:
            yield SourceError(str(path), f"unreadable: {exc.strerror or exc}")
        except UnicodeDecodeError as exc:
            yield SourceError(str(path), f"not UTF-8: {exc.reason} at byte {exc.start}")


def _read_text(path: Path, suffix: str) -> RawArticle:
    content_type = ContentType.HTML if suffix in (".html", ".htm") else ContentType.PLAIN
    return RawArticle(id=path.stem, content_type=content_type, body=path.read_text("utf-8"))


def _read_json(path: Path) -> Iterator[RawArticle | SourceError]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except ValueError as exc:
        yield SourceError(str(path), f"invalid JSON: {exc}")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = str(path) if len(records) == 1 else f"{path}[{index}]"
        yield _article(record, where, path.stem if len(records) == 1 else "")


def _read_jsonl(path: Path) -> Iterator[RawArticle | SourceError]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield SourceError(where, f"invalid JSON: {exc}")
                continue
            yield _article(record, where, "")


def _article(record: object, where: str, stem: str) -> RawArticle | SourceError:
    if not isinstance(record, dict):
        return SourceError(where, "not a JSON object")
    if stem and not record.get("id"):
        record = {**record, "id": stem}
    try:
        return RawArticle.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "<record>"
        return SourceError(where, f"{field}: {first['msg']}")
