"""The published date and time: markers, date lines, URLs, HTML timestamps, and which wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from agents.clean import clean_article
from agents.clean.dates import (
    DateCandidate,
    Rank,
    best_published_at,
    date_line_candidate,
    html_date,
    is_date_line,
    split_date_marker,
    url_date,
)
from agents.clean.decisions import Reason
from agents.clean.rules import line_reason
from streams.models import ContentType, RawArticle
from streams.settings import Settings

SETTINGS = Settings()
IST = timezone(timedelta(hours=5, minutes=30))

BODY = (
    "Rescue teams in the river valley said on Tuesday that 42 people had died after "
    "the dam gave way, and that 130 others were still missing.\n\n"
    "The regional governor said about 3,000 residents had been moved to schools and "
    "sports halls, and that the army would send 200 more soldiers to help.\n"
)


def _raw(body: str, **fields) -> RawArticle:
    return RawArticle(id="a1", body=body, **fields)


@pytest.mark.parametrize(
    ("text", "at", "rest"),
    [
        (
            " date 2023-08-10 Quake toll climbs to 214\nRescuers said 214 had died.",
            datetime(2023, 8, 10, tzinfo=UTC),
            "Quake toll climbs to 214\nRescuers said 214 had died.",
        ),
        ("date 2025-01-05 Storm kills 12", datetime(2025, 1, 5, tzinfo=UTC), "Storm kills 12"),
        (
            "date 2025-01-05T14:30:00Z Storm kills 12",
            datetime(2025, 1, 5, 14, 30, tzinfo=UTC),
            "Storm kills 12",
        ),
        ("Date night ended early for 40 guests.", None, "Date night ended early for 40 guests."),
        ("The date 2024-05-01 was chosen.", None, "The date 2024-05-01 was chosen."),
    ],
)
def test_a_leading_date_marker_is_taken_off_as_the_date(text, at, rest):
    found, remaining = split_date_marker(text)
    assert (found.at if found else None, remaining) == (at, rest)


@pytest.mark.parametrize(
    ("line", "at", "rank"),
    [
        (
            "Monday, 14 July 2025 - 08:20 GMT",
            datetime(2025, 7, 14, 8, 20, tzinfo=UTC),
            Rank.LINE_WITH_TIME,
        ),
        (
            "Published: 10 August 2023, 14:05",
            datetime(2023, 8, 10, 14, 5, tzinfo=UTC),
            Rank.PUBLISHED_LINE,
        ),
        (
            "Updated Aug. 12, 2023 3:15 p.m. GMT",
            datetime(2023, 8, 12, 15, 15, tzinfo=UTC),
            Rank.UPDATED_LINE,
        ),
        (
            "(Published 02 March 2024, 09:15 IST)",
            datetime(2024, 3, 2, 9, 15, tzinfo=IST),
            Rank.PUBLISHED_LINE,
        ),
        (
            "Publish date : 2024-03-02 08:48:23",
            datetime(2024, 3, 2, 8, 48, 23, tzinfo=UTC),
            Rank.PUBLISHED_LINE,
        ),
        (
            "Jane Roe | Sam Poe | March 3, 2024, 06:24 PM",
            datetime(2024, 3, 3, 18, 24, tzinfo=UTC),
            Rank.LINE_WITH_TIME,
        ),
        ("Posted in Valley Herald, May 4th, 2024", datetime(2024, 5, 4, tzinfo=UTC),
         Rank.PUBLISHED_LINE),
        ("Aug 9, 2024", datetime(2024, 8, 9, tzinfo=UTC), Rank.DATE_LINE),
        ("Friday July 26, 2024", datetime(2024, 7, 26, tzinfo=UTC), Rank.WEEKDAY_LINE),
    ],
)  # fmt: skip
def test_date_lines_give_their_date_time_and_rank(line, at, rank):
    found = date_line_candidate(line)
    assert found is not None
    assert (found.at, found.rank) == (at, rank)


@pytest.mark.parametrize(
    "line",
    [
        "Monday, 14 July 2025 - 08:20 GMT",
        "2024-03-02 HKT 21:45",
        "(Published 02 March 2024, 09:15 IST)",
        "Publish date : 2024-03-02 08:48:23",
        "Jane Roe | March 3, 2024, 06:24 PM",
        "By Jane Roe | March 3, 2024 8:20 AM EDT",
        "Aug 9, 2024",
        "Published: 10 August 2023, 14:05",
        "Updated Aug. 12, 2023 3:15 p.m. ET",
    ],
)
def test_date_lines_are_page_furniture(line):
    assert line_reason(line) in (Reason.TIMESTAMP, Reason.PUBLISH_DATE)


@pytest.mark.parametrize(
    "line",
    [
        "On July 14, 2025, police said 300 people were arrested.",
        "Published July 14, 2025, the report said 300 people had died in the floods.",
        "Floods of July 14, 2025 kill 300 in the valley",
        "The march of 1 July 2019 drew 550,000, organisers said.",
        "Refugees who arrived before 3 March 2024 were counted twice",
    ],
)
def test_sentences_naming_a_date_are_not_date_lines(line):
    assert not is_date_line(line)
    assert date_line_candidate(line) is None


@pytest.mark.parametrize(
    ("url", "at"),
    [
        ("https://news.example/2023/08/22/fire-toll-rises/", datetime(2023, 8, 22, tzinfo=UTC)),
        ("https://news.example/world/2024-08-09-arrests", datetime(2024, 8, 9, tzinfo=UTC)),
        ("https://news.example/20190702-marchers-fill-streets/", datetime(2019, 7, 2, tzinfo=UTC)),
        ("https://news.example/article/1230918004", None),
        ("https://news.example/?p=36898", None),
        (None, None),
    ],
)
def test_url_dates(url, at):
    found = url_date(url)
    assert (found.at if found else None) == at


def _candidate(at: datetime, has_time: bool, rank: Rank) -> DateCandidate:
    return DateCandidate(at, has_time, rank)


def test_the_best_rank_wins_and_keeps_a_time_given_for_its_day():
    marker = _candidate(datetime(2024, 3, 2, tzinfo=UTC), False, Rank.MARKER)
    updated = _candidate(datetime(2024, 3, 2, 9, 30, tzinfo=UTC), True, Rank.UPDATED_LINE)
    today = _candidate(datetime(2024, 3, 9, tzinfo=UTC), False, Rank.WEEKDAY_LINE)
    assert best_published_at([today, updated, marker]) == datetime(2024, 3, 2, 9, 30, tzinfo=UTC)


def test_a_time_of_another_day_is_not_borrowed():
    url = _candidate(datetime(2024, 3, 2, tzinfo=UTC), False, Rank.URL)
    updated = _candidate(datetime(2024, 3, 5, 9, 30, tzinfo=UTC), True, Rank.UPDATED_LINE)
    assert best_published_at([updated, url]) == datetime(2024, 3, 2, tzinfo=UTC)


def test_a_dated_article_with_no_date_is_undated():
    assert best_published_at([None, None]) is None


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        # a scraper's marker; its furniture date line in the header loses to it
        (" date 2024-03-02 Dam burst kills 42\nFriday March 8, 2024\n", None,
         datetime(2024, 3, 2, tzinfo=UTC)),
        # a dated byline with a time
        ("Dam burst kills 42\nJane Roe | March 2, 2024, 06:24 PM\n", None,
         datetime(2024, 3, 2, 18, 24, tzinfo=UTC)),
        # published beats updated
        ("Dam burst kills 42\nLast Updated 03 March 2024, 13:02 GMT\n"
         "(Published 02 March 2024, 10:59 GMT)\n", None,
         datetime(2024, 3, 2, 10, 59, tzinfo=UTC)),
        # the URL's day beats a site's 'today' line, and takes no time from another day
        ("Friday March 8, 2024\nDam burst kills 42\n", "https://news.example/2024/03/02/dam",
         datetime(2024, 3, 2, tzinfo=UTC)),
        # nothing dates it
        ("Dam burst kills 42\n", None, None),
    ],
)  # fmt: skip
def test_clean_article_finds_the_published_date(head, url, expected):
    article = clean_article(_raw(head + BODY, url=url), SETTINGS)
    assert article.published_at == expected
    assert all("2024" not in p and not p.startswith("date") for p in article.paragraphs)
    assert article.paragraphs[0].startswith("Rescue teams")


def test_the_producers_date_wins():
    given = datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    article = clean_article(_raw(" date 2024-03-02 Dam burst kills 42\n" + BODY,
                                 published_at=given), SETTINGS)  # fmt: skip
    assert article.published_at == given


def test_the_marker_does_not_leak_into_the_first_paragraph():
    article = clean_article(_raw(" date 2024-03-02 " + BODY), SETTINGS)
    assert article.paragraphs[0].startswith("Rescue teams in the river valley")
    assert article.published_at == datetime(2024, 3, 2, tzinfo=UTC)


HTML = """<!doctype html>
<html><head>
<title>Dam burst kills 42</title>
<meta property="article:published_time" content="2024-03-02T14:05:00+02:00">
<meta property="article:modified_time" content="2024-03-04T09:00:00+02:00">
</head><body><article><h1>Dam burst kills 42</h1>
<p>Rescue teams in the river valley said on Tuesday that 42 people had died after the dam
gave way, and that 130 others were still missing.</p>
<p>The regional governor said about 3,000 residents had been moved to schools and sports
halls, and that the army would send 200 more soldiers to help.</p>
</article></body></html>"""


def test_an_html_page_gives_its_original_timestamp_with_the_time():
    found = html_date(HTML)
    assert found is not None and found.has_time
    assert found.at == datetime(2024, 3, 2, 12, 5, tzinfo=UTC)
    article = clean_article(_raw(HTML, content_type=ContentType.HTML), SETTINGS)
    assert article.published_at == datetime(2024, 3, 2, 12, 5, tzinfo=UTC)


def test_a_title_case_headline_above_the_lead_photo_credit_is_the_title():
    page = (
        "More Than 600 People Unaccounted For After Valley Floods\n\n"
        "Photo by Jane Roe / Example Agency\n"
        "A rescue worker wades through a flooded street in the lower town.\n\n" + BODY
    )
    article = clean_article(_raw(page), SETTINGS)
    assert article.title == "More Than 600 People Unaccounted For After Valley Floods"
    assert article.paragraphs[0].startswith("A rescue worker") or article.paragraphs[0].startswith(
        "Rescue teams"
    )
