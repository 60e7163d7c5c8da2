"""Superseded figures (agents/extract/history.py), on sentences written for these tests.

Each case names the figure by its text; when a sentence holds the figure twice,
`nth` says which occurrence is meant.
"""

from datetime import UTC, datetime, timedelta

import pytest

from agents.extract.history import as_of, is_historical


def _span(sentence: str, figure: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(figure, start + 1)
    return start, start + len(figure)


HISTORICAL = [
    # 'up from' / 'down from' / 'revised ... from'
    ("The toll from the mudslide reached 140, up from 93 on Monday.", "93"),
    ("Health officials revised the death toll down from 134 to 126.", "134"),
    ("The number of missing fell to 40, down from 62 a day earlier.", "62"),
    ("The count of the dead climbed from an earlier 210 to 260 by Friday.", "210"),
    ("At least 90 died, up from the ministry's official figure of 52 on Monday.", "52"),
    # said last week: the figure held then
    ("Envoys told reporters last week that 640 pilgrims had died in the heat.", "640"),
    ("The ministry said last month that 35 climbers were missing.", "35"),
    # 'from N to M': the first figure held before the second
    ("The number of arrests fell from 57 to 49 after police dropped some cases.", "57"),
    ("Officials cut the number of evacuees to 1,640 from 1,720 on Thursday.", "1,720"),
    # the previous / earlier / initial toll
    ("The new figure replaces the previous toll of 134 given on Tuesday.", "134"),
    ("That is well above the earlier estimate of about 400 deaths.", "400"),
    ("Rescuers had given an initial figure of 26 missing climbers.", "26"),
    ("The original count of more than 1,500 marchers was later doubled.", "1,500"),
    # 'initially' at the head of the clause
    ("Initially, more than 5,000 people were reported missing after the storm.", "5,000"),
    ("Originally 70 passengers were listed as unaccounted for.", "70"),
    # 'was earlier put at'
    ("The toll had earlier been put at 412; officials have since revised it to 390.", "412"),
    ("The crowd had initially been estimated at 5,000 by police.", "5,000"),
    # 'when the number topped ...'
    ("The mayor first spoke when the number of dead passed 600 last week.", "600"),
    ("Schools were closed when the count of cases passed 200 in May.", "200"),
]


@pytest.mark.parametrize(("sentence", "figure"), HISTORICAL)
def test_superseded_figures_are_historical(sentence, figure):
    assert is_historical(sentence, *_span(sentence, figure))


CURRENT = [
    # the figure the toll moved to
    ("The toll from the mudslide reached 140, up from 93 on Monday.", "140"),
    ("Health officials revised the death toll down from 134 to 126.", "126"),
    ("The number of arrests fell from 57 to 49 after police dropped some cases.", "49"),
    ("Officials cut the number of evacuees to 1,640 from 1,720 on Thursday.", "1,640"),
    # 'had earlier been put at 412' dates that figure, not the one further on
    ("The toll had earlier been put at 412; officials have since revised it to 390.", "390"),
    # plain current statements
    ("At least 134 people died in the collapse, the fire service said.", "134"),
    ("From Tuesday to Friday 300 people were arrested in the capital.", "300"),
    ("Prosecutors said 215 people had been charged over the unrest.", "215"),
    ("Some 4,000 people fled from the flooded villages on Sunday.", "4,000"),
    ("Last week's floods killed 300 people, officials said on Monday.", "300"),
    ("The ministry said 57 miners were rescued from the shaft overnight.", "57"),
    ("Police said 1,200 people attended the vigil, the largest so far.", "1,200"),
    # a cue in an earlier clause does not reach past the full stop
    ("The earlier toll was withdrawn. Now 512 people are confirmed dead.", "512"),
    # 'from' a place or a group is not 'from' an earlier figure
    ("More than 600 refugees arrived from Sudan, up on last week.", "600"),
]


@pytest.mark.parametrize(("sentence", "figure"), CURRENT)
def test_current_figures_are_not_historical(sentence, figure):
    assert not is_historical(sentence, *_span(sentence, figure))


@pytest.mark.parametrize(
    ("sentence", "figure", "nth", "expected"),
    [
        ("Arrests rose from 12 to 12 overnight, the same figure.", "12", 0, True),
        ("Arrests rose from 12 to 12 overnight, the same figure.", "12", 1, False),
        ("Deaths rose to 30 from 20, then fell back to 20.", "20", 0, True),
        ("Deaths rose to 30 from 20, then fell back to 20.", "20", 1, False),
    ],
)
def test_repeated_figure_takes_the_wording_before_it(sentence, figure, nth, expected):
    assert is_historical(sentence, *_span(sentence, figure, nth)) is expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (
            datetime(2023, 9, 14, 10, 30, tzinfo=UTC),
            datetime(2023, 9, 13, 10, 30, tzinfo=UTC),
        ),
        (datetime(2024, 3, 1, 0, 0, tzinfo=UTC), datetime(2024, 2, 29, 0, 0, tzinfo=UTC)),
        (datetime(2025, 1, 1, 8, 0, tzinfo=UTC), datetime(2024, 12, 31, 8, 0, tzinfo=UTC)),
        (None, None),
    ],
)
def test_as_of_is_a_day_before_the_article(published, expected):
    assert as_of(published) == expected


def test_as_of_keeps_the_time_zone():
    published = datetime(2023, 6, 16, 18, 0, tzinfo=UTC)
    found = as_of(published)
    assert found is not None and found.tzinfo is UTC
    assert published - found == timedelta(days=1)


@pytest.mark.parametrize(
    ("before", "days"),
    [
        ("Envoys told reporters last week that ", 7),
        ("The ministry said last month that ", 30),
        ("The ministry said that ", 1),
    ],
)
def test_as_of_goes_back_as_far_as_the_sentence_says(before, days):
    published = datetime(2024, 6, 23, 9, 0, tzinfo=UTC)
    assert published - as_of(published, before) == timedelta(days=days)
