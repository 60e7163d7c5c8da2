"""Place names and the article's main place, without a model."""

import pytest

from agents.extract.places import is_top_level, main_place, place_name
from agents.tag.aliases import default_aliases
from streams.models import Entity, TaggedArticle

TABLE = default_aliases()


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Alder County", "Alder"),
        ("the province of Hallan", "Hallan"),
        ("Hallan Province", "Hallan"),
        ("Oxley district", "Oxley"),
        ("Borno State", "Borno"),
        ("Kursk region", "Kursk"),
        ("Pyongyang", "North Korea"),
        ("the Philippines", "Philippines"),
        ("Brenton", "Brenton"),
    ],
)
def test_place_names_drop_administrative_words(written, name):
    assert place_name(written, TABLE) == name


@pytest.mark.parametrize(
    ("written", "top"),
    [
        ("Greece", True),
        ("Alder County", True),
        ("the province of Hallan", True),
        ("Brenton", False),
    ],
)
def test_countries_and_regions_are_top_level_towns_are_not(written, top):
    assert is_top_level(written, TABLE) is top


def _article(title: str, sentences: list[str], places: list[tuple[int, str, str]]) -> TaggedArticle:
    entities = []
    for index, text, label in places:
        start = sentences[index].index(text)
        entities.append(
            Entity(
                text=text,
                label=label,
                canonical=text,
                start=start,
                end=start + len(text),
                sentence=index,
            )
        )
    return TaggedArticle(
        id="a",
        title=title,
        paragraphs=sentences,
        content_hash="h",
        sentences=sentences,
        entities=entities,
    )


@pytest.mark.parametrize(
    ("title", "sentences", "places", "expected"),
    [
        (  # a town named as often as the county: the headline decides
            "Wildfire forces thousands from homes in Alder County",
            [
                "Wildfire forces thousands from homes in Alder County",
                "Fire crews in Alder County fought the blaze near Brenton.",
                "Shelters in Brenton were full.",
            ],
            [(0, "Alder County", "GPE"), (1, "Alder County", "GPE"), (1, "Brenton", "GPE")],
            "Alder",
        ),
        (  # NER labels the place once; its other mentions still count, whatever their label
            "Hallan flood leaves villages under water",
            [
                "Hallan flood leaves villages under water",
                "Rivers burst their banks across the province of Hallan.",
                "The Hallan Red Cross opened shelters in Dova.",
            ],
            [(1, "the province of Hallan", "GPE"), (2, "Dova", "GPE")],
            "Hallan",
        ),
        (  # demonyms stand for their country
            "Greek coast guard rescues migrants",
            [
                "Greek coast guard rescues migrants",
                "Boats reached Greek islands from Turkey overnight.",
            ],
            [(0, "Greek", "NORP"), (1, "Greek", "NORP"), (1, "Turkey", "GPE")],
            "Greece",
        ),
        (  # NER took the name for an organisation: the wording 'X province' still names a place
            "Quake strikes Hallan province",
            ["Quake strikes Hallan province", "In Hallan province, rescuers reached villages."],
            [(0, "Hallan", "ORG")],
            "Hallan",
        ),
        (  # offices are not places: 'State Department', 'Department of Energy'
            "Markets close higher",
            ["Markets close higher", "The State Department and the Department of Energy said."],
            [],
            "",
        ),
        ("Markets close higher", ["Markets close higher", "Shares rose."], [], ""),
    ],
)
def test_main_place_is_the_most_named_place(title, sentences, places, expected):
    assert main_place(_article(title, sentences, places), [], TABLE) == expected
