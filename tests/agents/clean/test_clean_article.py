"""`clean_article` and `explain_cleaning` end to end on literal pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.clean import LineDecision, clean_article, explain_cleaning
from bench.heavy import LONG_PAGE_TEXT, long_page
from streams.errors import StageError
from streams.models import ContentType, RawArticle
from streams.settings import Settings

SETTINGS = Settings(max_body_bytes=4_000)

ARTICLE = """Floods close 40 schools in the valley
By Sara Lind
Published 4 March 2025 09:10
BRIGHTON, England (Example Wire) — Floods closed 40 schools in the valley on Tuesday, \
the council said.
About 1,200 homes were without power overnight, the grid operator said.
Related Articles
Storm season starts early - 2 hours ago
Forecasters expect a wet spring, the weather service said.
"""

GERMAN = (
    "Hochwasser schließt 40 Schulen im Tal\n"
    "Das Hochwasser hat am Dienstag 40 Schulen im Tal geschlossen, teilte der Rat mit, "
    "und rund 1.200 Haushalte waren über Nacht ohne Strom, sagte der Netzbetreiber.\n"
)


def raw(body: str, **fields: object) -> RawArticle:
    return RawArticle.model_validate({"id": "a1", "body": body, **fields})


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        ("", ContentType.PLAIN, "empty_body"),
        ("  \n\t\n", ContentType.PLAIN, "empty_body"),
        ("é" * 2_001, ContentType.PLAIN, "body_too_large"),
        (GERMAN, ContentType.PLAIN, "not_english"),
        ("Related Articles\nADVERTISEMENT\n3 hours ago\n", ContentType.PLAIN, "no_article_text"),
        ("<html><body><nav>Home</nav></body></html>", ContentType.HTML, "no_article_text"),
    ],
)
def test_bad_input_raises_stage_error(body: str, content_type: ContentType, reason: str) -> None:
    with pytest.raises(StageError) as caught:
        clean_article(raw(body, content_type=content_type), SETTINGS)
    assert caught.value.reason == reason


def test_clean_article_keeps_text_and_reads_metadata() -> None:
    article = clean_article(raw(ARTICLE), SETTINGS)
    assert article.paragraphs == [
        "Floods closed 40 schools in the valley on Tuesday, the council said.",
        "About 1,200 homes were without power overnight, the grid operator said.",
    ]
    assert article.title == "Floods close 40 schools in the valley"
    assert article.dateline == "BRIGHTON, England (Example Wire)"
    assert article.source == "Example Wire"
    assert article.published_at == datetime(2025, 3, 4, 9, 10, tzinfo=UTC)
    assert article.removed == {
        "title_repeat": 1,
        "byline": 1,
        "publish_date": 1,
        "related_block": 2,
        "headline_list": 1,
    }
    assert article.language == "en"


def test_given_metadata_wins_over_the_page() -> None:
    given = datetime(2025, 3, 5, tzinfo=UTC)
    article = clean_article(
        raw(ARTICLE, source="Valley Post", title="Valley floods", published_at=given), SETTINGS
    )
    assert (article.source, article.title, article.published_at) == (
        "Valley Post",
        "Valley floods",
        given,
    )


def test_reprint_notice_gives_the_source() -> None:
    body = (
        "This article was originally published by Example Courier "
        "and is reprinted with permission.\n"
        "Rescuers found 12 survivors on Monday, the fire service said.\n"
    )
    article = clean_article(raw(body), SETTINGS)
    assert article.source == "Example Courier"
    assert article.paragraphs == ["Rescuers found 12 survivors on Monday, the fire service said."]
    assert article.removed == {"reprint_notice": 1}


def test_republished_copy_hashes_the_same() -> None:
    original = clean_article(raw(ARTICLE), SETTINGS)
    copy = clean_article(
        raw(
            "ADVERTISEMENT\n\n"
            "FLOODS closed 40 schools in the   valley on Tuesday, the council said.\n"
            "About 1,200 homes were without power overnight, the grid operator said.\n"
            "© 2025 Another Site"
        ),
        SETTINGS,
    )
    assert copy.content_hash == original.content_hash
    assert len(copy.content_hash) == 64


def test_html_goes_through_extraction() -> None:
    body = (
        "<html><head><title>Floods close 40 schools</title></head><body>"
        "<nav><ul><li>Home</li><li>Weather</li></ul></nav><article><h1>Floods close 40 schools</h1>"
        "<p>Floods closed 40 schools in the valley on Tuesday, the council said.</p>"
        "<p>About 1,200 homes were without power overnight, the grid operator said.</p>"
        "</article><footer>© 2025 Example Herald. All rights reserved.</footer></body></html>"
    )
    article = clean_article(raw(body, content_type=ContentType.HTML), SETTINGS)
    assert article.paragraphs == [
        "Floods closed 40 schools in the valley on Tuesday, the council said.",
        "About 1,200 homes were without power overnight, the grid operator said.",
    ]
    assert article.title == "Floods close 40 schools"


def test_explain_lists_every_non_empty_line() -> None:
    decisions = explain_cleaning(
        raw("Related Articles\n\nRescuers found 12 survivors, police said.\n"), SETTINGS
    )
    assert decisions == [
        LineDecision(text="Related Articles", kept=False, reason="related_block"),
        LineDecision(text="Rescuers found 12 survivors, police said.", kept=True, reason="article"),
    ]


def test_explain_does_not_judge_language() -> None:
    decisions = explain_cleaning(raw(GERMAN), SETTINGS)
    assert [d.kept for d in decisions] == [False, True]


def test_a_page_of_20000_heading_lines_keeps_its_title_and_its_article() -> None:
    """The title choice is one sort of the headings (tests/integration/test_faults.py
    runs this page through a worker while polling its health)."""
    article = clean_article(long_page(), Settings())
    assert (article.title, article.paragraphs) == ("Storm closes Pellham harbour", LONG_PAGE_TEXT)
    assert article.removed == {"title_repeat": 1, "heading": 20_000}
