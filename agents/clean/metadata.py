"""Article metadata the page states in its text: title, publication date, dateline.

These lines are dropped from the paragraphs, so what they say is kept here.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import dateparser

from .phrases import normalise_line

__all__ = [
    "choose_title",
    "is_title_repeat",
    "parse_date",
    "split_dateline",
]

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DATES_FROM": "past",
}
_DATELINE_PLACE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?)"  # , March 10 / , Jan. 5, 2025
    r"(?:\s*\((?P<outlet>[^()]{1,40})\))?"
    r"\s*(?:[—–]|-{1,2})\s+(?=\S)"
)
MAX_TITLE_RESIDUE_WORDS = 2
"""A line is a title repeat when the title plus at most this many words ('News', a site name)."""


_AMBIGUOUS_ZONES = {"IST": "+05:30"}
"""Zone abbreviations dateparser reads otherwise than English-language news means them: 'IST'
there is most often India Standard Time (dateparser takes Israel's)."""
_ZONE_WORD = re.compile(rf"\b(?:{'|'.join(_AMBIGUOUS_ZONES)})\b")


def parse_date(text: str) -> datetime | None:
    """A timezone-aware date from the page's own wording, or None."""
    text = _ZONE_WORD.sub(lambda m: _AMBIGUOUS_ZONES[m.group()], text)
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """('LISBON, Portugal (Wire)', 'Wire', rest) from 'LISBON, Portugal (Wire) — rest'.

    The place must start with a word in capitals, as wire datelines do, so an
    ordinary sentence that opens with a dash clause is left alone.
    """
    match = _DATELINE_PLACE.match(paragraph)
    if match is None or len(re.sub(r"[^A-Z]", "", match.group("place").split(",")[0])) < 2:
        return None, None, paragraph
    place = match.group("place").strip()
    outlet = match.group("outlet")
    dateline = f"{place} ({outlet})" if outlet else place
    return dateline, outlet.strip() if outlet else None, paragraph[match.end() :]


_LABEL_LINE = re.compile(
    r"^(?:source|sources|via|category|categories|tags?|topics?|section|filed under|posted in)"
    r"\s*:",
    re.IGNORECASE,
)
"""'Source: National Police Council', 'Tags: floods': a labelled field of the page, not a title."""


def choose_title(candidates: list[str]) -> str | None:
    """The page title among heading lines before the article text.

    A heading that reappears inside another one (a breadcrumb glued to it:
    'NewsFloods close 40 schools') is the real title; otherwise the first that is
    not a labelled field ('Source: …', 'Tags: …').
    """
    candidates = [c for c in candidates if not _LABEL_LINE.match(c)] or candidates
    if not candidates:
        return None
    keys = [normalise_line(c) for c in candidates]
    glued = _ending_others(keys)
    return next((c for c, key in zip(candidates, keys, strict=True) if key in glued), candidates[0])


def _ending_others(keys: list[str]) -> set[str]:
    """The keys another key ends with, from one sort rather than comparing every pair (a
    page of 20,000 heading lines took minutes): reversed and sorted, the keys that begin
    with a key follow it, and the first of them does if any does."""
    ordered = sorted({key[::-1] for key in keys})
    pairs = zip(ordered, ordered[1:], strict=False)
    return {key[::-1] for key, after in pairs if after.startswith(key)}


def is_title_repeat(line: str, title_key: str) -> bool:
    """The title again, possibly with a short prefix or suffix glued to it."""
    key = normalise_line(line)
    if not title_key or title_key not in key:
        return False
    residue = key.replace(title_key, " ", 1)
    return len(residue.split()) <= MAX_TITLE_RESIDUE_WORDS
