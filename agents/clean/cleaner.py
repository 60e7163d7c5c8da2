"""The cleaning stage: a raw page in, the article's own text and metadata out.

Pure: no Kafka or Faust here; the agent and `replay` call `clean_article`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from datetime import datetime

from streams.errors import StageError
from streams.models import CleanArticle, ContentType, RawArticle
from streams.settings import Settings

from .dates import (
    DateCandidate,
    best_published_at,
    date_line_candidate,
    split_date_marker,
    url_date,
)
from .decisions import LineDecision
from .html import PageText, html_to_text, looks_like_html
from .language import is_english
from .metadata import split_dateline
from .rules import PageReading, read_page
from .signals import strip_bullet

__all__ = ["clean_article", "content_hash", "explain_cleaning"]

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_ANY_SPACE = re.compile(r"\s+")


def content_hash(paragraphs: list[str]) -> str:
    """sha256 of the text with Unicode forms, case and whitespace folded: copies hash alike."""
    folded = unicodedata.normalize("NFKC", "\n".join(paragraphs)).casefold()
    return hashlib.sha256(_ANY_SPACE.sub(" ", folded).strip().encode("utf-8")).hexdigest()


def _check_body(raw: RawArticle, settings: Settings) -> None:
    size = len(raw.body.encode("utf-8"))
    if size > settings.max_body_bytes:
        raise StageError("body_too_large", f"{size} bytes > {settings.max_body_bytes}")
    if not raw.body.strip():
        raise StageError("empty_body", "the body is empty or blank")


def _page_text(raw: RawArticle) -> PageText:
    """The page's text, with a leading 'date YYYY-MM-DD' marker taken off as its date."""
    if raw.content_type is ContentType.HTML or looks_like_html(raw.body):
        return html_to_text(raw.body, raw.url)
    marked, text = split_date_marker(raw.body)
    return PageText(text=text, marked=marked)


def _published_at(raw: RawArticle, page: PageText, reading: PageReading) -> datetime | None:
    """The producer's date, else the best the page states (see `dates.py`)."""
    if raw.published_at is not None:
        return raw.published_at
    candidates: list[DateCandidate | None] = [
        page.marked,
        page.dated,
        url_date(raw.url),
        *(date_line_candidate(line) for line in reading.date_lines),
    ]
    return best_published_at(candidates)


def _lines(text: str) -> list[str]:
    return [_SPACES.sub(" ", _INVISIBLE.sub("", line)).strip() for line in text.splitlines()]


def _read(raw: RawArticle, settings: Settings) -> tuple[PageText, PageReading]:
    _check_body(raw, settings)
    page = _page_text(raw)
    return page, read_page(_lines(page.text), raw.title or page.title)


def explain_cleaning(raw: RawArticle, settings: Settings) -> list[LineDecision]:
    """Every non-empty line of the page with the decision taken on it.

    Raises StageError only for bodies that cannot be read (`empty_body`,
    `body_too_large`), so a non-English or empty result can still be explained.
    """
    return _read(raw, settings)[1].decisions


def clean_article(raw: RawArticle, settings: Settings) -> CleanArticle:
    """The article's own paragraphs, its metadata and what was removed, by reason.

    Raises StageError with reason `empty_body`, `body_too_large`,
    `no_article_text` or `not_english`.
    """
    page, reading = _read(raw, settings)
    paragraphs = [strip_bullet(d.text) for d in reading.decisions if d.kept]
    if not paragraphs:
        raise StageError("no_article_text", "nothing left after removing page furniture")
    dateline, outlet, paragraphs[0] = split_dateline(paragraphs[0])
    if not is_english(" ".join(paragraphs)):
        raise StageError("not_english", "too few English function words in the text")
    published_at = _published_at(raw, page, reading)
    return CleanArticle(
        id=raw.id,
        url=raw.url,
        source=raw.source or reading.reprint_source or page.site_name or outlet,
        title=raw.title or reading.title,
        published_at=published_at,
        paragraphs=paragraphs,
        removed=dict(Counter(d.reason for d in reading.decisions if not d.kept)),
        language="en",
        content_hash=content_hash(paragraphs),
        dateline=dateline,
    )
