import pytest

from agents.clean.metadata import split_dateline


@pytest.mark.parametrize(
    ("paragraph", "dateline", "outlet", "text"),
    [
        (
            "HALLAN, March 3 (Wire) - Floods swept the valley.",
            "HALLAN, March 3 (Wire)",
            "Wire",
            "Floods swept the valley.",
        ),
        (
            "DOVA, June 9 - Police said 40 people were held.",
            "DOVA, June 9",
            None,
            "Police said 40 people were held.",
        ),
        (
            "LISBON, Portugal (AP) — The strike ended.",
            "LISBON, Portugal (AP)",
            "AP",
            "The strike ended.",
        ),
        ("NEW YORK, Jan. 5, 2025 -- Shares rose.", "NEW YORK, Jan. 5, 2025", None, "Shares rose."),
        (
            "Police - who arrived late - said 40.",
            None,
            None,
            "Police - who arrived late - said 40.",
        ),
        (
            "A magnitude 6 quake - the strongest - hit.",
            None,
            None,
            "A magnitude 6 quake - the strongest - hit.",
        ),
    ],
)
def test_a_wire_dateline_is_split_from_the_first_sentence(paragraph, dateline, outlet, text):
    assert split_dateline(paragraph) == (dateline, outlet, text)
