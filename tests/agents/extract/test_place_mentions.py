"""Counting a place's mentions: whole words, the longest form first, none inside another."""

import pytest

from agents.extract.places import _mentions


@pytest.mark.parametrize(
    ("text", "forms", "count"),
    [
        ("Floods in Hallan province; Hallan again.", {"Hallan", "Hallan province"}, 2),
        ("Hallanese food and Hallan_x are not Hallan.", {"Hallan"}, 1),
        ("The U.S. said, and U.S.-backed forces agreed.", {"U.S."}, 2),
        ("North Korea and South Korea.", {"North Korea", "Korea"}, 2),
        ("Hallan's governor, Hallan’s people.", {"Hallan"}, 2),
        ("Nothing here.", {"Hallan"}, 0),
        ("Hallan", {"Hallan", ""}, 1),
    ],
)
def test_mentions(text, forms, count):
    assert _mentions(text, forms) == count
