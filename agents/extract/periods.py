"""Time words around a figure, resolved against the article's published date.

A day ('on Sunday', 'June 16', 'yesterday') becomes an ISO date: the most
recent such day on or before publication, since news reports what has
happened. A year alone ('in 2018') is kept as the year. Anything else
(durations, 'last month') is left to dateparser, and unresolved words give None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

__all__ = ["resolve_day", "year_of"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR_AFTER = r"(?:,?\s+(\d{4}))?"
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}\b{_YEAR_AFTER}", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({_MONTH})\b\.?{_YEAR_AFTER}", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_BEFORE = {
    "the day before yesterday": 2,
    "yesterday": 1,
    "last night": 1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
}
"""Longest phrase first: 'the day before yesterday' holds 'yesterday'."""
_DURATION = re.compile(
    r"\b(days?|weeks?|months?|years?|hours?|decades?|centur(?:y|ies)|ago)\b", re.IGNORECASE
)


def resolve_day(text: str, published: date | None, loose: bool = True) -> date | None:
    """The day a date phrase names, or None when it names no single day; `loose` also asks
    dateparser about wordings other than weekdays and month-day dates."""
    low = text.lower()
    if published is not None:
        for phrase, back in _BEFORE.items():
            if phrase in low:
                return published - timedelta(days=back)
        for n, name in enumerate(_WEEKDAYS):
            if re.search(rf"\b{name}\b", low):
                return published - timedelta(days=(published.weekday() - n) % 7)
    for pattern, month_at, day_at in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        found = pattern.search(text)
        if found:
            month, day = _MONTHS[found.group(month_at).lower()], int(found.group(day_at))
            year = found.group(3)
            return _dated(int(year) if year else None, month, day, published)
    if not loose or _DURATION.search(low) or published is None:
        return None
    return _parsed(text, published)


def year_of(text: str) -> int | None:
    """The year a date phrase names ('in 2018', 'the 1999 cyclone'), if any. 'Last year' is
    left out: 'sent 11,000 troops late last year' dates a figure of this story."""
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None


def _dated(year: int | None, month: int, day: int, published: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        if published is None:
            return None
        guess = date(published.year, month, day)
        return guess if guess <= published + timedelta(days=1) else guess.replace(guess.year - 1)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parsed(text: str, published: date) -> date | None:
    base = datetime(published.year, published.month, published.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": True}
    found = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return found.date() if found is not None else None
