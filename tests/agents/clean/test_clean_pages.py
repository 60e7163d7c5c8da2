"""Labelled pages of other layouts (tests/data/pages): exact paragraphs and precision/recall.

Each `<page>.txt|.html` has `<page>.expected.txt`: the article's own paragraphs,
one a line, as cleaning should return them (dateline and bullets stripped).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.clean import clean_article
from streams.models import ContentType, RawArticle
from streams.settings import Settings

PAGES = Path(__file__).parents[2] / "data" / "pages"
PAGE_FILES = sorted(
    p for p in PAGES.iterdir() if p.suffix in {".txt", ".html"} and ".expected" not in p.suffixes
)


def load(page: Path) -> tuple[RawArticle, list[str]]:
    content_type = ContentType.HTML if page.suffix == ".html" else ContentType.PLAIN
    raw = RawArticle(id=page.stem, body=page.read_text(encoding="utf-8"), content_type=content_type)
    expected = page.with_suffix(".expected.txt").read_text(encoding="utf-8").splitlines()
    return raw, [line for line in expected if line.strip()]


def precision_recall(pages: list[Path]) -> tuple[float, float]:
    kept_total = expected_total = correct = 0
    for page in pages:
        raw, expected = load(page)
        kept = clean_article(raw, Settings()).paragraphs
        kept_total += len(kept)
        expected_total += len(expected)
        correct += len(set(kept) & set(expected))
    return correct / kept_total, correct / expected_total


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.name)
def test_page_paragraphs_are_the_article(page: Path) -> None:
    raw, expected = load(page)
    assert clean_article(raw, Settings()).paragraphs == expected


@pytest.mark.parametrize(
    ("page", "field", "value"),
    [
        ("wire_protest.txt", "dateline", "LISBON, Portugal (Example Wire)"),
        (
            "wire_protest.txt",
            "title",
            "Police say 45,000 marched in capital as organisers claim 120,000",
        ),
        ("wire_protest.txt", "source", "Example Wire"),
        ("html_border.html", "title", "Thousands wait at border as crossing reopens"),
        ("html_border.html", "source", "Example Herald"),
        (
            "live_blog_quake.txt",
            "title",
            "Live: Earthquake death toll climbs as rescuers search collapsed towns",
        ),
        (
            "related_in_sentence.txt",
            "title",
            "Refugee arrivals at border crossing double in a week, agency says",
        ),
    ],
)
def test_page_metadata(page: str, field: str, value: str) -> None:
    raw, _ = load(PAGES / page)
    assert getattr(clean_article(raw, Settings()), field) == value


def test_precision_and_recall_on_labelled_pages() -> None:
    precision, recall = precision_recall(PAGE_FILES)
    print(f"labelled pages ({len(PAGE_FILES)}): precision={precision:.3f} recall={recall:.3f}")
    assert precision >= 0.95
    assert recall >= 0.95
