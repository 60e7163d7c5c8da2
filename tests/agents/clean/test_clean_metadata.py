"""Metadata read from the page text: datelines, titles, dates, language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.clean.language import is_english
from agents.clean.metadata import choose_title, is_title_repeat, parse_date, split_dateline
from agents.clean.phrases import normalise_line


@pytest.mark.parametrize(
    ("paragraph", "dateline", "outlet", "rest"),
    [
        (
            "SEOUL, South Korea (AP) — The agency said 300 died.",
            "SEOUL, South Korea (AP)",
            "AP",
            "The agency said 300 died.",
        ),
        (
            "KYIV (Example Wire) - Shelling hit 12 towns.",
            "KYIV (Example Wire)",
            "Example Wire",
            "Shelling hit 12 towns.",
        ),
        ("WASHINGTON — Lawmakers voted 52-48.", "WASHINGTON", None, "Lawmakers voted 52-48."),
        ("NEW DELHI, India — Rains killed 14.", "NEW DELHI, India", None, "Rains killed 14."),
        (
            "The mayor — who won in 2022 — resigned.",
            None,
            None,
            "The mayor — who won in 2022 — resigned.",
        ),
        (
            "About 4,000 people — most of them women — marched.",
            None,
            None,
            "About 4,000 people — most of them women — marched.",
        ),
    ],
)
def test_split_dateline(
    paragraph: str, dateline: str | None, outlet: str | None, rest: str
) -> None:
    assert split_dateline(paragraph) == (dateline, outlet, rest)


@pytest.mark.parametrize(
    ("candidates", "title"),
    [
        ([], None),
        (["Floods close 40 schools"], "Floods close 40 schools"),
        (["NewsFloods close 40 schools", "Floods close 40 schools"], "Floods close 40 schools"),
        (["Floods close 40 schools", "Live updates from the coast"], "Floods close 40 schools"),
        (["Source: National Police Council", "Arrests rise to 480"], "Arrests rise to 480"),
        (["Tags: floods, rescue", "Floods close 40 schools"], "Floods close 40 schools"),
        (["Floods close 40 schools", "FLOODS CLOSE 40 SCHOOLS"], "Floods close 40 schools"),
        (["Storm warning", "Latest: storm warning", "Weather", "NewsWeather"], "Storm warning"),
        (["NewsWeather", "Storm warning", "Weather", "Latest: storm warning"], "Storm warning"),
    ],
)
def test_choose_title(candidates: list[str], title: str | None) -> None:
    assert choose_title(candidates) == title


@pytest.mark.parametrize(
    ("line", "repeat"),
    [
        ("Floods close 40 schools", True),
        ("FLOODS CLOSE 40 SCHOOLS.", True),
        ("World News: Floods close 40 schools", True),
        ("Floods close 40 schools as rain continues for a third day.", False),
        ("Officials said floods close 40 schools every few years in the valley.", False),
    ],
)
def test_is_title_repeat(line: str, repeat: bool) -> None:
    assert is_title_repeat(line, normalise_line("Floods close 40 schools")) is repeat


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 27, 2025 06:44 pm", datetime(2025, 2, 27, 18, 44, tzinfo=UTC)),
        ("3 March 2025", datetime(2025, 3, 3, tzinfo=UTC)),
        ("2025-03-03T10:00:00+02:00", datetime(2025, 3, 3, 8, 0, tzinfo=UTC)),
        ("sometime soon-ish", None),
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (
            "The death toll from the earthquake rose to 1,240 on Sunday, officials said, and "
            "rescue teams were still searching for people under the rubble of the old town.",
            True,
        ),
        (
            "Die Zahl der Todesopfer des Erdbebens ist am Sonntag auf 1.240 gestiegen, teilten "
            "die Behörden mit, und Rettungsteams suchten weiter nach Verschütteten.",
            False,
        ),
        (
            "Le bilan du séisme est passé à 1 240 morts dimanche, selon les autorités, et les "
            "équipes de secours cherchaient encore des personnes sous les décombres.",
            False,
        ),
        ("Too short to judge", True),
    ],
)
def test_is_english(text: str, english: bool) -> None:
    assert is_english(text) is english
