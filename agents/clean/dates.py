"""The article's published date and time, from whatever the page carries.

A page may say when it was published in several places, some more trustworthy
than others. Each is a candidate with a rank, and the best rank wins:

0. a leading "date YYYY-MM-DD" marker some scrapers put before the text;
1. the HTML page's own timestamp (htmldate: structured metadata first, the
   original publication date rather than the last update);
2. a "Published ..." / "Posted ..." / "Publish date: ..." line;
3. a date line with a time ("Monday, 14 July 2025 - 08:20 GMT", a byline
   ending "March 3, 2025, 04:15 PM");
4. a date in the URL ("/2025/03/12/", "20250312-");
5. an "Updated ..." / "Last modified ..." line;
6. a date alone on a line ("Mar 9, 2025");
7. a weekday-and-date line with no time ("Monday March 10, 2025"): most often
   the site's "today" in its header, not the article's date.

When the winner has no time of day and another candidate names the same day
with one, that time is kept. The producer's `published_at` overrides all of
this (in `cleaner.py`). Parsing is dateparser's; the lines themselves are page
furniture and never reach the paragraphs (`rules.py` drops them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum

from htmldate import find_date
from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor
from htmldate.validators import get_max_date, get_min_date

from .metadata import parse_date

__all__ = [
    "DateCandidate",
    "Rank",
    "best_published_at",
    "date_in_line",
    "date_line_candidate",
    "html_date",
    "is_date_line",
    "split_date_marker",
    "url_date",
]

MAX_DATE_LINE_WORDS = 16
"""A longer line is a sentence that happens to name a date, not a date line."""
MAX_DATE_LINE_RESIDUE_WORDS = 8
"""Words besides the date and its labels on a line that may date the article."""
MAX_BARE_RESIDUE_WORDS = 2
"""Words besides the date on a line that is furniture though it has no label, time or '|'."""
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


class Rank(IntEnum):
    """Where a date candidate comes from, most trustworthy first."""

    MARKER = 0
    HTML = 1
    PUBLISHED_LINE = 2
    LINE_WITH_TIME = 3
    URL = 4
    UPDATED_LINE = 5
    DATE_LINE = 6
    WEEKDAY_LINE = 7


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A published date the page suggests, whether it states a time, and where it comes from."""

    at: datetime
    has_time: bool
    rank: Rank


_MARKER = re.compile(
    r"^\s*date:?\s+(?P<date>\d{4}-\d{2}-\d{2}"
    r"(?P<time>[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?:\s+|$)"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?P<weekday>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_CALENDAR = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})"
)
_ZONE = r"(?-i:[A-Z]{2,5}\b|[+-]\d{2}:?\d{2}\b)"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_DATE_IN_LINE = re.compile(
    rf"{_WEEKDAY}?(?P<date>{_CALENDAR})"
    rf"(?P<time>\s*[,|–—-]?\s*(?:at\s+)?(?:{_ZONE}\s+)?{_CLOCK}(?:\s*{_ZONE})?"
    rf"|T\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?",
    re.IGNORECASE,
)
_PUBLISHED_LABEL = re.compile(
    r"^\W*(?:first\s+)?(?:published|posted|publish(?:ed)?\s+(?:date|on|at)|date\s+published"
    r"|released)\b",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"^\W*(?:last\s+)?(?:updated|modified|edited|last\s+modified)\b", re.IGNORECASE
)
_LABEL_WORDS = re.compile(
    r"\b(?:first|last|published|posted|publish|date|updated|modified|edited|released|on|at"
    r"|in)\b",
    re.IGNORECASE,
)
_COMPACT_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_OPTIONS = Extractor(True, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
_HTML_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DAY_LENGTH = timedelta(days=1)
_EARLIEST_ZONE = timedelta(hours=14)
_LATEST_ZONE = timedelta(hours=12)


def split_date_marker(text: str) -> tuple[DateCandidate | None, str]:
    """(date, rest) of ' date 2023-08-10 Headline ...': a marker some scraped texts open with."""
    match = _MARKER.match(text)
    if match is None:
        return None, text
    at = parse_date(match.group("date"))
    rest = text[match.end() :]
    if at is None:
        return None, rest
    return DateCandidate(at, bool(match.group("time")), Rank.MARKER), rest


def date_in_line(line: str) -> tuple[datetime, bool] | None:
    """The first calendar date in a line, with its time if the line gives one."""
    match = _DATE_IN_LINE.search(line)
    if match is None:
        return None
    parsed = parse_date(match.group(0).strip(" ,|-–—"))
    if parsed is None:
        parsed = parse_date(match.group("date"))
        return (parsed, False) if parsed is not None else None
    return parsed, bool(match.group("time"))


def _residue_words(line: str, match: re.Match[str]) -> list[str]:
    residue = _LABEL_WORDS.sub(" ", line[: match.start()] + " " + line[match.end() :])
    return re.findall(r"[^\W_]+", residue)


def is_date_line(line: str) -> bool:
    """A line that is a date stamp, not a sentence: 'Monday, 14 July 2025 - 08:20 GMT',
    '(Published 12 March 2025, 10:40 IST)', 'Jane Doe | July 14, 2025, 08:20 AM'.

    A sentence that names a date ('On July 14, 2025, police said ...') ends like one and
    is kept; so is a heading with more than a couple of words beside an unlabelled date.
    """
    if len(line.split()) > MAX_DATE_LINE_WORDS or _SENTENCE_END.search(line.rstrip(")")):
        return False
    match = _DATE_IN_LINE.search(line)
    if match is None:
        return False
    residue = _residue_words(line, match)
    if len(residue) > MAX_DATE_LINE_RESIDUE_WORDS:
        return False
    labelled = bool(_PUBLISHED_LABEL.match(line) or _UPDATED_LABEL.match(line))
    return (
        labelled
        or bool(match.group("time"))
        or "|" in line
        or len(residue) <= MAX_BARE_RESIDUE_WORDS
    )


def date_line_candidate(line: str) -> DateCandidate | None:
    """A date line's date: 'Published: 10 August 2023, 14:05', 'Aug 9, 2024' (`is_date_line`)."""
    match = _DATE_IN_LINE.search(line)
    found = date_in_line(line) if match is not None and is_date_line(line) else None
    if match is None or found is None:
        return None
    at, has_time = found
    if _PUBLISHED_LABEL.match(line):
        rank = Rank.PUBLISHED_LINE
    elif _UPDATED_LABEL.match(line):
        rank = Rank.UPDATED_LINE
    elif has_time:
        rank = Rank.LINE_WITH_TIME
    elif match.group("weekday"):
        rank = Rank.WEEKDAY_LINE
    else:
        rank = Rank.DATE_LINE
    return DateCandidate(at, has_time, rank)


def url_date(url: str | None) -> DateCandidate | None:
    """A date in the article's URL: '/2023/08/22/', '/2024-08-09-', '/20190702-'."""
    if not url:
        return None
    found = extract_url_date(url, _URL_OPTIONS)
    if found is None:
        compact = _COMPACT_URL_DATE.search(url)
        found = "-".join(compact.groups()) if compact else None
    if found is None:
        return None
    try:
        at = datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None
    return DateCandidate(at, False, Rank.URL)


def html_date(body: str, url: str | None = None) -> DateCandidate | None:
    """The page's original publication date by htmldate's extensive search, with its time."""
    try:
        found = find_date(
            body,
            extensive_search=True,
            original_date=True,
            outputformat=_HTML_FORMAT,
            url=url,
        )
    except Exception:  # htmldate and lxml raise many types on broken markup
        return None
    if not found:
        return None
    try:
        at = datetime.strptime(found, _HTML_FORMAT)
    except ValueError:
        try:
            at = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return None
    has_time = at.tzinfo is not None or (at.hour, at.minute, at.second) != (0, 0, 0)
    at = at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)
    return DateCandidate(at, has_time, Rank.HTML)


def best_published_at(candidates: Iterable[DateCandidate | None]) -> datetime | None:
    """The best-ranked candidate (the first of equals), with a time from another of its day."""
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    best = min(found, key=lambda c: c.rank)
    if best.has_time:
        return best.at
    timed = next(
        (c for c in sorted(found, key=lambda c: c.rank) if c.has_time and _same_day(c, best)),
        None,
    )
    return timed.at if timed is not None else best.at


def _same_day(timed: DateCandidate, day: DateCandidate) -> bool:
    """Whether a timed instant falls on `day`'s calendar day in some time zone (UTC-12..+14)."""
    return day.at - _EARLIEST_ZONE <= timed.at < day.at + _DAY_LENGTH + _LATEST_ZONE
