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
        ("nearly 3,000 residents", "nearly 3,000", 2700, 3000, Q.APPROX),
        ("almost 90 people", "almost 90", 81, 90, Q.APPROX),
        ("just under 500 homes", "just under 500", None, 500, Q.AT_MOST),
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
        ("Thousands have been killed", "Thousands", 1000, None, Q.VAGUE),
        ("hundreds were arrested", "hundreds", 100, None, Q.VAGUE),
        ("tens of thousands of refugees", "tens of thousands", 10_000, None, Q.VAGUE),
        ("several thousand people", "several thousand", 1000, None, Q.VAGUE),
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
        # a four-digit count after a quantifier and before its noun is no year
        ("police made a total of 1950 arrests", ["1950"]),
        ("some 1900 people were moved", ["some 1900"]),
        ("ahead of the 2024 elections", []),
        ("since 2011 riots", []),
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
    (found,) = parse_figures(text, with_units=True)
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


# --- words and mixed forms -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "low", "high", "qualifier"),
    [
        # crowds
        ("Some 4 thousand people joined the march", "Some 4 thousand", 4000, 4000, Q.APPROX),
        ("12 thousand marched to the square", "12 thousand", 12000, 12000, Q.EXACT),
        ("one million people filled the avenue", "one million", 1e6, 1e6, Q.EXACT),
        ("organisers said 1.7 million took part", "1.7 million", 1.7e6, 1.7e6, Q.EXACT),
        ("over half a million rallied", "over half a million", 5e5, None, Q.MORE_THAN),
        ("More Than A Million Rally In Capital", "More Than A Million", 1e6, None, Q.MORE_THAN),
        ("a 3,000-strong crowd gathered", "3,000", 3000, 3000, Q.EXACT),
        ("police put attendance at 107,000", "107,000", 107000, 107000, Q.EXACT),
        ("a rally of 5 lakh supporters", "5 lakh", 500_000, 500_000, Q.EXACT),
        ("almost two million marched", "almost two million", 1.8e6, 2e6, Q.APPROX),
        # disaster tolls
        ("two dozen bodies were recovered", "two dozen", 24, 24, Q.EXACT),
        ("a dozen homes burned", "a dozen", 12, 12, Q.EXACT),
        ("half a dozen climbers died", "half a dozen", 6, 6, Q.EXACT),
        (
            "four hundred and twelve were injured",
            "four hundred and twelve",
            412,
            412,
            Q.EXACT,
        ),
        (
            "one thousand and twenty houses collapsed",
            "one thousand and twenty",
            1020,
            1020,
            Q.EXACT,
        ),
        (
            "two hundred-forty-five people were hurt",
            "two hundred-forty-five",
            245,
            245,
            Q.EXACT,
        ),
        ("the toll has exceeded 1,200, officials said", "1,200", 1200, None, Q.MORE_THAN),
        ("when the number of dead topped 300", "300", 300, None, Q.MORE_THAN),
        ("arrests surpassed 450 on Friday", "450", 450, None, Q.MORE_THAN),
        ("Flooding: 214 dead after the dam burst", "214", 214, 214, Q.EXACT),
        ("212: the number of people still missing", "212", 212, 212, Q.EXACT),
        # ordinals that state a tally
        ("the storm claimed its 16th fatality", "16th", 16, None, Q.AT_LEAST),
        ("the 23rd confirmed death in the region", "23rd", 23, None, Q.AT_LEAST),
        ("she was the 9th person to die in the heat", "9th", 9, None, Q.AT_LEAST),
        ("police made their 500th arrest", "500th", 500, None, Q.AT_LEAST),
        # refugees and arrests with a plus sign
        ("500+ people were arrested", "500+", 500, None, Q.AT_LEAST),
        ("more than 40,000 refugees crossed", "more than 40,000", 40000, None, Q.MORE_THAN),
    ],
)
def test_reads_words_and_mixed_forms(text, figure, low, high, qualifier):
    (found,) = parse_figures(text)
    assert (found.text, found.low, found.high, found.qualifier) == (figure, low, high, qualifier)
    assert text[found.start : found.end] == figure


@pytest.mark.parametrize(
    ("text", "figure", "low"),
    [
        ("dozens were hurt in the stampede", "dozens", 12),
        ("scores of villagers fled", "scores", 20),
        ("hundreds of migrants were rescued", "hundreds", 100),
        ("Thousands of residents were evacuated", "Thousands", 1000),
        ("tens of thousands of refugees crossed", "tens of thousands", 10_000),
        ("hundreds of thousands took to the streets", "hundreds of thousands", 100_000),
        ("millions were left without power", "millions", 1_000_000),
        ("police have made hundreds.", "hundreds", 100),
    ],
)
def test_vague_figures_are_their_scale_and_open_above(text, figure, low):
    """ACLED's most conservative reading: the scale is the lower bound, no upper bound."""
    (found,) = parse_figures(text)
    assert (found.text.rstrip("."), found.low, found.high, found.qualifier) == (
        figure,
        low,
        None,
        Q.VAGUE,
    )


@pytest.mark.parametrize(
    "text",
    [
        # dates and times
        "date 2025-03-14",
        "Monday, 14 July 2025 - 08:20 GMT",
        "on March 15",
        "15 March",
        "Updated Aug. 12, 2023 3:15 p.m. ET",
        # ordinals of anything but a tally
        "the 16th century",
        "her 21st birthday",
        "the 3rd day of rain",
        # codes and identifiers
        "Train 12841 derailed",
        "Flight 370 vanished",
        "under Section 144",
        "a Category 5 hurricane",
        # phone numbers
        "call 0800 123 456",
        "on +44 20 7946 0958",
        "dial 555-123-4567",
        # temperatures
        "a high of 49.5 degrees",
        "it reached 51.8C",
        "temperatures of 46 °C",
        # ratios
        "nearly 1 in 3 residents",
        "one in five people",
    ],
)
def test_not_figures(text):
    assert parse_figures(text) == []


@pytest.mark.parametrize(
    ("text", "unit", "low"),
    [
        ("damage of $5.5 billion", "USD", 5.5e9),
        ("a £300 million fund", "GBP", 3e8),
        ("Rs 10 lakh compensation", "INR", 1e6),
        ("64 per cent of the dead", "percent", 64),
        ("500 euros each", "EUR", 500),
    ],
)
def test_money_and_percentages_only_when_asked(text, unit, low):
    assert parse_figures(text) == []
    (found,) = parse_figures(text, with_units=True)
    assert (found.unit, found.low) == (unit, low)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("In May 50 people died", ["50"]),
        ("20 may die, officials warned", ["20"]),
        ("a rally by nearly 3 million March 12", ["nearly 3 million"]),
        ("rose to 300 in 2024", ["300"]),
        ("killed 40 in the north", ["40"]),
        ("between 2020 and 2024, 5,000 people fled", ["5,000"]),
    ],
)
def test_a_month_or_a_year_beside_a_count_does_not_hide_it(text, figures):
    assert [f.text for f in parse_figures(text)] == figures
