"""Time words resolved against a published date (agents/extract/periods.py).

The article below is published on Tuesday 18 June 2019 unless a case says otherwise.
"""

from datetime import date

import pytest

from agents.extract.periods import resolve_day, year_of

TUESDAY = date(2019, 6, 18)
NEW_YEAR = date(2020, 1, 2)  # a Thursday


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # weekdays: the most recent such day on or before publication
        ("on Sunday", TUESDAY, date(2019, 6, 16)),
        ("Monday night", TUESDAY, date(2019, 6, 17)),
        ("on Saturday morning", TUESDAY, date(2019, 6, 15)),
        ("Friday", TUESDAY, date(2019, 6, 14)),
        ("last Friday", TUESDAY, date(2019, 6, 14)),
        ("on Wednesday", TUESDAY, date(2019, 6, 12)),
        # the published weekday itself is that day, not a week before
        ("on Tuesday", TUESDAY, TUESDAY),
        ("TUESDAY", TUESDAY, TUESDAY),
        ("on Thursday", NEW_YEAR, NEW_YEAR),
        # across a year end
        ("on Monday", NEW_YEAR, date(2019, 12, 30)),
        # relative days
        ("yesterday", TUESDAY, date(2019, 6, 17)),
        ("last night", TUESDAY, date(2019, 6, 17)),
        ("today", TUESDAY, TUESDAY),
        ("this morning", TUESDAY, TUESDAY),
        ("yesterday", NEW_YEAR, date(2020, 1, 1)),
        # month and day, either order, with or without a year
        ("June 16", TUESDAY, date(2019, 6, 16)),
        ("June 16th", TUESDAY, date(2019, 6, 16)),
        ("16 June", TUESDAY, date(2019, 6, 16)),
        ("16 June 2019", TUESDAY, date(2019, 6, 16)),
        ("June 16, 2019", TUESDAY, date(2019, 6, 16)),
        ("the 3rd of March", TUESDAY, date(2019, 3, 3)),
        ("Sept. 9", TUESDAY, date(2018, 9, 9)),
        ("on 2 May 2011", TUESDAY, date(2011, 5, 2)),
        # a stated year holds even with no published date
        ("16 June 2019", None, date(2019, 6, 16)),
        # a month-day after publication is last year's ...
        ("June 20", TUESDAY, date(2018, 6, 20)),
        ("December 30", TUESDAY, date(2018, 12, 30)),
        ("Dec. 30", NEW_YEAR, date(2019, 12, 30)),
        # ... except the day after, which a late-dated wire copy may name
        ("June 19", TUESDAY, date(2019, 6, 19)),
        # no single day
        ("a decade", TUESDAY, None),
        ("three days", TUESDAY, None),
        ("within 48 hours", TUESDAY, None),
        ("two weeks ago", TUESDAY, None),
        ("in the past month", TUESDAY, None),
        ("last year", TUESDAY, None),
        ("in June", TUESDAY, None),
        ("the weekend", TUESDAY, None),
        ("February 30", TUESDAY, None),
        # nothing to count from
        ("on Sunday", None, None),
        ("yesterday", None, None),
        ("June 16", None, None),
        ("the day before yesterday", TUESDAY, date(2019, 6, 16)),
    ],
)
def test_resolve_day(text, published, expected):
    assert resolve_day(text, published) == expected


@pytest.mark.parametrize(
    ("text", "loose", "expected"),
    [
        # weekdays and month-days are read either way
        ("on Sunday", False, date(2019, 6, 16)),
        ("June 16", False, date(2019, 6, 16)),
        ("yesterday", False, date(2019, 6, 17)),
        # other wordings only when dateparser is asked
        ("2019-06-10", True, date(2019, 6, 10)),
        ("2019-06-10", False, None),
        ("15.06.2019", True, date(2019, 6, 15)),
        ("15.06.2019", False, None),
        ("tomorrow", False, None),
        ("now", False, None),
    ],
)
def test_loose_asks_dateparser(text, loose, expected):
    assert resolve_day(text, TUESDAY, loose=loose) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2018", 2018),
        ("the 1999 cyclone", 1999),
        ("during the 1953 North Sea flood", 1953),
        ("16 June 2019", 2019),
        ("since 1850", 1850),
        ("last year", None),
        ("this year", None),
        ("a decade ago", None),
        ("3000 troops", None),
        ("1,200 people", None),
        ("2101", None),
        ("", None),
    ],
)
def test_year_of(text, expected):
    assert year_of(text) == expected
