"""Articles from files: .txt, .html, .htm, .json (one article or a list) and .jsonl (one a line).

Used by `ingest`, `replay`, `clean` and `claims`. Those suffixes are what an
article file is: a folder stands for its article files (not its README.md, not
its hidden files), and a file named with another suffix is refused. Each record
goes through the topics' codec, so a line that is not UTF-8, not JSON, nested
too deeply or holding a lone surrogate is refused here, with its file, line and
reason, and the rest of the file is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .codec import parse_json, validate
from .errors import DecodeError
from .models import ContentType, RawArticle

__all__ = ["SUFFIXES", "SourceError", "expand_paths", "read_articles"]

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
"""The suffixes of article files (case does not matter)."""

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceError:
    """A record that could not be read: where (file, file:line or file[index]), and why."""

    where: str
    reason: str


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for its article files, sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if _is_article_file(p)))
        else:
            files.append(path)
    return files


def _is_article_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def read_articles(paths: Iterable[Path]) -> Iterator[RawArticle | SourceError]:
    for path in expand_paths(paths):
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            yield SourceError(str(path), f"not an article file ({', '.join(SUFFIXES)})")
            continue
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
            yield SourceError(str(path), f"not_utf8: {exc.reason} at byte {exc.start}")


def _read_text(path: Path, suffix: str) -> RawArticle:
    content_type = ContentType.HTML if suffix in (".html", ".htm") else ContentType.PLAIN
    return RawArticle(id=path.stem, content_type=content_type, body=path.read_text("utf-8"))


def _read_json(path: Path) -> Iterator[RawArticle | SourceError]:
    try:
        data = parse_json(path.read_bytes().removeprefix(_BOM))
    except DecodeError as exc:
        yield SourceError(str(path), str(exc))
        return
    records = data if isinstance(data, list) else [data]
    if len(records) == 1:
        yield _article(records[0], str(path), stem=path.stem)
        return
    for index, record in enumerate(records):
        yield _article(record, f"{path}[{index}]")


def _read_jsonl(path: Path) -> Iterator[RawArticle | SourceError]:
    """Line by line, in bytes: a line that is not UTF-8 is one bad line, not a bad file."""
    with path.open("rb") as lines:
        for number, ended in enumerate(lines, 1):
            line = ended.rstrip(b"\r\n")
            if number == 1:
                line = line.removeprefix(_BOM)
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = parse_json(line)
            except DecodeError as exc:
                yield SourceError(where, str(exc))
                continue
            yield _article(record, where)


def _article(record: object, where: str, stem: str = "") -> RawArticle | SourceError:
    """The record as an article; a .json file's stem is the id of its one article if none given."""
    if stem and isinstance(record, dict) and not record.get("id"):
        record = {**record, "id": stem}
    try:
        return validate(RawArticle, record)
    except DecodeError as exc:
        return SourceError(where, str(exc))
