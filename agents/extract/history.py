"""Figures an article cites as superseded: 'up from 140', 'revised down from 412', 'the
previous toll of 412', 'initially more than 5,000', 'when the number passed 600'.

Such a figure keeps the key of what it counts, but it held before its article:
it stands on the timeline at an earlier as-of and is never set against its own
article's current figure (the article reports its own revision). The cues are
the wording just before the figure in its clause, which survives parse errors
better than the tree does on headlines and run-on sentences.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

__all__ = ["as_of", "is_historical"]

_HEDGES = (
    r"(?:an?|the|their|its|his|her|our|estimates?|toll|figure|count|number|tally|list|of|about"
    r"|around|roughly|some|nearly|almost|more|than|over|at|least|official|death|an estimated"
    r"|[\w-]+['’]s?)"  # a possessive: 'up from the ministry's figure of 41'
)
_FROM = re.compile(rf"\bfrom\s+(?:{_HEDGES}\s+)*$")
_CHANGED = re.compile(
    r"\b(?:up|down|rose|risen|rise[sn]?|climbed|climbs?|increased|increases?|jumped|grew|fell"
    r"|fallen|falls?|dropped|drops?|declined|decreased|decreases?|revised|revises?|raised"
    r"|lowered|lowers?|reduced|narrowed|updated|corrected|cut|changed)\b"
)
_TO_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}to\s+(?:about\s+|around\s+|at\s+least\s+)?\d")
_SUPERSEDED = re.compile(
    r"\b(?:previous|previously|earlier|initial|initially|original|originally|prior|former"
    r"|old)\b(?:\s+[\w’'-]+){0,4}\s+(?:of\s+)?(?:about\s+|around\s+|roughly\s+|some\s+"
    r"|more\s+than\s+|over\s+|nearly\s+|almost\s+|at\s+least\s+)?$"
)
_EARLIER_VERB = re.compile(
    r"\b(?:was|were|had\s+been|had|is|are)\s+(?:earlier|initially|originally|previously|first)"
    r"\b|^\W*(?:initially|originally|at\s+first)\b"
)
_BEFORE_NOW = re.compile(r"\b(?:previously|initially|originally|formerly)\b")
"""'The agency previously gave a toll of 2,100'."""
_SAID_AGO = re.compile(
    r"\b(?:said|told(?:\s+[\w.’'-]+){0,2}|reported|announced|estimated)\s+"
    r"(?:last|earlier\s+this)\s+(week|month)\b"
)
"""'Diplomats told reporters last week that 658 had died': said before the article."""
_AGO_DAYS = {"week": 7, "month": 30}
_WHEN = re.compile(r"\bwhen\s+(?:[\w’'-]+\s+){0,5}(?:about\s+|roughly\s+|some\s+)?$")
_NEAR_WORDS = 6
"""'was earlier put at 412' dates that figure, not one further on ('... revised to 390')."""
_CLAUSE_END = re.compile(r"[.;:!?]\s")


def is_historical(sentence: str, start: int, end: int) -> bool:
    """Whether the figure at sentence[start:end] is one the article says no longer holds."""
    before = _clause_before(sentence, start).lower()
    after = sentence[end:].lower()
    if _FROM.search(before) and (_CHANGED.search(before) or _TO_AFTER.match(after)):
        return True
    near = " ".join(before.split()[-_NEAR_WORDS:])
    return bool(
        _SUPERSEDED.search(before)
        or _EARLIER_VERB.search(near)
        or _WHEN.search(before)
        or _BEFORE_NOW.search(before)
        or _SAID_AGO.search(before)
    )


def as_of(published: datetime | None, sentence: str = "") -> datetime | None:
    """When a superseded figure held: before its article, by a day when nothing says more
    ('said last week': a week)."""
    if published is None:
        return None
    said = _SAID_AGO.search(sentence.lower())
    return published - timedelta(days=_AGO_DAYS[said.group(1)] if said else 1)


def _clause_before(sentence: str, start: int) -> str:
    head = sentence[:start]
    ends = list(_CLAUSE_END.finditer(head))
    return head[ends[-1].end() :] if ends else head
