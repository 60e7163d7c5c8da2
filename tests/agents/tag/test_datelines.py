import pytest

from agents.tag import article_texts
from agents.tag.datelines import strip_dateline
from streams.models import CleanArticle


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("HALLAN, March 3 (Wire) - Floods swept the valley.", "Floods swept the valley."),
        ("DOVA, June 9 - Police said 40 people were held.", "Police said 40 people were held."),
        ("LISBON, Portugal (AP) — The strike ended.", "The strike ended."),
        ("NEW YORK, Jan. 5, 2025 -- Shares rose.", "Shares rose."),
        ("Police - who arrived late - said 40.", "Police - who arrived late - said 40."),
        (
            "A magnitude 6 quake - the strongest - hit.",
            "A magnitude 6 quake - the strongest - hit.",
        ),
    ],
)
def test_a_wire_dateline_is_not_part_of_the_sentence(paragraph, text):
    assert strip_dateline(paragraph) == text


def test_only_the_first_paragraph_loses_its_dateline():
    clean = CleanArticle(
        id="x",
        title="Floods in Hallan",
        paragraphs=["HALLAN, March 3 - Floods swept the valley.", "DOVA - a town - was hit."],
        content_hash="h",
    )
    assert article_texts(clean) == [
        "Floods in Hallan",
        "Floods swept the valley.",
        "DOVA - a town - was hit.",
    ]
