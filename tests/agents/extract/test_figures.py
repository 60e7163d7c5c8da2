import pytest

from agents.extract.figures import parse_figures
from streams.models import Qualifier

Q = Qualifier


@pytest.mark.parametrize(
    ("text", "figure", "low", "high", "qualifier"),
    [
        ("sent 11,000 troops", "11,000", 11000, 11000, Q.EXACT),
        ("an estimated 11,000 troops", "an estimated 11,000", 11000, 11000, Q.APPROX),
        ("about 10,000-12,000 troops", "about 10,000-12,000", 10000, 12000, Q.RANGE),
        ("more than 12,000 troops", "more than 12,000", 12000, None, Q.MORE_THAN),
        ("over 10,000 soldiers", "over 10,000", 10000, None, Q.MORE_THAN),
        ("at least 300 soldiers", "at least 300", 300, None, Q.AT_LEAST),
        ("up to 3,000 additional troops", "up to 3,000", None, 3000, Q.UP_TO),
        ("as many as 500 people", "as many as 500", None, 500, Q.UP_TO),
        ("at most 40 boats", "at most 40", None, 40, Q.AT_MOST),
        ("nearly 3,000 residents", "nearly 3,000", None, 3000, Q.AT_MOST),
        ("almost 90 people", "almost 90", None, 90, Q.AT_MOST),
        ("around 2,700 were injured", "around 2,700", 2700, 2700, Q.APPROX),
        ("roughly 1.5 million voters", "roughly 1.5 million", 1_500_000, 1_500_000, Q.APPROX),
        ("between 11,000 and 12,000 people", "between 11,000 and 12,000", 11000, 12000, Q.RANGE),
        ("1,000 to 3,000 soldiers", "1,000 to 3,000", 1000, 3000, Q.RANGE),
        ("from 1 to 3 million people", "from 1 to 3 million", 1_000_000, 3_000_000, Q.RANGE),
        ("an additional 1,000-3,000 soldiers", "1,000-3,000", 1000, 3000, Q.RANGE),
        ("three people died", "three", 3, 3, Q.EXACT),
        ("twenty-five sailors", "twenty-five", 25, 25, Q.EXACT),
        ("a dozen soldiers", "a dozen", 12, 12, Q.EXACT),
        ("two hundred thousand people", "two hundred thousand", 200_000, 200_000, Q.EXACT),
        ("Thousands have been killed", "Thousands", 2000, 10000, Q.VAGUE),
        ("hundreds were arrested", "hundreds", 200, 1000, Q.VAGUE),
        ("tens of thousands of refugees", "tens of thousands", 20_000, 100_000, Q.VAGUE),
        ("several thousand people", "several thousand", 2000, 10000, Q.VAGUE),
        ("5,000 or more people", "5,000 or more", 5000, None, Q.AT_LEAST),
    ],
)
def test_reads_figure_as_written(text, figure, low, high, qualifier):
    (found,) = parse_figures(text)
    assert (text[found.start : found.end], found.low, found.high, found.qualifier) == (
        figure,
        low,
        high,
        qualifier,
    )
    assert found.text == figure


@pytest.mark.parametrize(
    "text",
    [
        "on June 4, 2024",
        "on Feb. 7 in Kursk",
        "4 June",
        "by 2025",
        "the 3-year-old war",
        "about four months after",
        "in 10 years",
        "the Ilyushin-76 transport planes",
        "an F-16 pilot",
        "at 3am",
        "at 10:30",
        "its fourth year",
        "the 4th brigade",
        "one of the soldiers",
        "no one was hurt",
        "aged 45",
        "2 hours ago",
        "24 mins ago",
        "Published Feb 27, 2025 06:44 pm",
        "on 12/03/2025",
        "on 12.03.2025",
        "at 9 p.m. local time",
        "at 14:30 GMT",
        "a 45-year-old man",
        "a two-year-old girl",
        "the more than 3-year-old conflict",
        "aged between 18 and 60",
        "ages 18 to 60",
        "in the 1990s",
        "the 1975-1990 civil war",
        "the 2024-25 season",
        "a 1-0 win",
        "the first day",
        "the 21st century",
    ],
)
def test_ignores_dates_times_ages_and_codes(text):
    assert parse_figures(text) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("On June 4, 12,000 troops arrived", ["12,000"]),
        ("In 2024, 300 soldiers died", ["300"]),
        ("aged 45, 300 people died", ["300"]),
        ("between 2020 and 2024, 5,000 people fled", ["5,000"]),
        ("sent 5,000 troops at 3 a.m.", ["5,000"]),
    ],
)
def test_a_date_or_age_does_not_hide_the_figure_after_it(text, figures):
    assert [f.text for f in parse_figures(text)] == figures


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("a 24% tariff", "percent", 24),
        ("25 percent of voters", "percent", 25),
        ("$50 million", "USD", 5e7),
    ],
)
def test_units(text, unit, value):
    (found,) = parse_figures(text)
    assert (found.unit, found.low) == (unit, value)


def test_coordinated_figures_are_separate():
    text = "about 300 died and another 2,700 were injured"
    assert [f.text for f in parse_figures(text)] == ["about 300", "2,700"]


def test_change_is_two_figures_not_a_range():
    assert [f.text for f in parse_figures("the toll rose from 1,200 to 2,400")] == [
        "1,200",
        "2,400",
    ]


def test_to_value_keeps_the_words():
    (found,) = parse_figures("more than 12,000 troops")
    value = found.to_value()
    assert (value.low, value.high, value.qualifier, value.text) == (
        12000,
        None,
        Q.MORE_THAN,
        "more than 12,000",
    )


@pytest.mark.parametrize("text", ["more than three times that number", "twice, then 4 times over"])
def test_ratios_are_not_figures(text):
    assert parse_figures(text) == []
