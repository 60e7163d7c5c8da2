"""HTML pages to plain text with trafilatura, keeping the metadata it finds.

trafilatura removes navigation, sidebars and footers by the page structure; the
text rules then run on its output exactly as on plain-text input. The page's
date is htmldate's (extensive search, the original publication date, with the
time of day when the page gives one); trafilatura's own date is the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura

from streams.errors import StageError

from .dates import DateCandidate, Rank, html_date

__all__ = ["PageText", "html_to_text", "looks_like_html"]

_HTML_START = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE
)


@dataclass(frozen=True)
class PageText:
    """The text of an HTML page and what its markup said about it."""

    text: str
    title: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None
    dated: DateCandidate | None = None
    """The page's own timestamp (HTML metadata), ranked among the other date candidates."""
    marked: DateCandidate | None = None
    """The leading 'date YYYY-MM-DD' marker of a scraped text, taken off the text."""


def looks_like_html(body: str) -> bool:
    """Producers sometimes send HTML as text/plain; a document start gives it away."""
    return _HTML_START.match(body) is not None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def html_to_text(body: str, url: str | None = None) -> PageText:
    """The main text of an HTML page, one paragraph a line; third-party errors become StageError."""
    try:
        document = trafilatura.bare_extraction(
            body,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise StageError("no_article_text", f"HTML could not be parsed: {exc}") from exc
    if document is None or isinstance(document, dict) or not document.text:
        return PageText(text="")
    published_at = _date(document.date)
    dated = html_date(body, url)
    if dated is None and published_at is not None:
        dated = DateCandidate(published_at, False, Rank.HTML)
    return PageText(
        text=document.text,
        title=document.title or None,
        published_at=dated.at if dated is not None else None,
        site_name=document.sitename or None,
        dated=dated,
    )
