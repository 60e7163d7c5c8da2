"""Syndicated copies and re-sends are marked `duplicate_of` the original; other stories are not."""

from __future__ import annotations

import pytest

from agents.clean import clean_article
from agents.clean.cleaner import content_hash
from agents.clean.duplicates import (
    DuplicateIndex,
    Fingerprint,
    changes,
    check,
    find_duplicate,
    fingerprint,
    remember,
    restore,
)
from streams.models import CleanArticle, RawArticle
from streams.settings import Settings

SETTINGS = Settings()

P1 = (
    "Floodwaters swept through the river town of Maple Falls on Tuesday, forcing about "
    "3,200 residents from their homes and cutting power to most of the valley, county "
    "officials said."
)
P2 = (
    "The Maple River rose 4.6 meters above flood stage overnight after two days of heavy "
    "rain, breaking a record set in 1998, according to the regional water authority."
)
P3 = (
    "Emergency crews rescued 140 people from rooftops and stranded cars, and two people "
    "were reported missing near the old mill bridge, fire chief Dana Okafor told reporters "
    "at a briefing."
)
P4 = (
    "Shelters at the high school and the county fairgrounds were full by midnight, and the "
    "Red Cross said it was opening a third site in the neighbouring town of Elmwood."
)
P5 = (
    "Governor Ruth Hale declared a state of emergency for three counties and asked the "
    "federal government for help with the cleanup, which she said could cost more than "
    "$40 million."
)
P6 = (
    "Forecasters expect the river to crest again on Thursday as more rain moves in from the "
    "west, and officials urged people who had left not to return until the water recedes."
)
WIRE = [P1, P2, P3, P4, P5, P6]

COPIES = {
    "same text": WIRE,
    "dateline added": ["MAPLE FALLS, Ore. (Example Wire) — " + P1, *WIRE[1:]],
    "reprint line": [
        *WIRE,
        "This story was originally published by Example Wire and is republished with permission.",
    ],
    "last paragraph cut": WIRE[:-1],
    "last two paragraphs cut": WIRE[:-2],
    "word changed": [P1.replace("about 3,200", "some 3,200"), *WIRE[1:]],
    "spelling and punctuation": [
        P1.upper(),
        P2,
        P3.replace("Okafor told", "Okafor, told"),
        P4.replace("neighbouring", "neighboring"),
        P5,
        P6,
    ],
    "dateline, word changed, cut": [
        "MAPLE FALLS, Ore. (AP) — " + P1.replace("Tuesday", "Tuesday morning"),
        *WIRE[1:-1],
    ],
}

SAME_TOPIC = [
    "Some 3,200 people fled Maple Falls as the Maple River burst its banks on Tuesday, "
    "the county said, and most of the valley lost electricity.",
    "At 4.6 meters above flood stage, the river beat its 1998 record after rain fell for two "
    "days, the water authority said.",
    "Firefighters pulled 140 people off roofs and out of cars; two are missing near the mill "
    "bridge, said chief Dana Okafor.",
    "Hale, the governor, put three counties under a state of emergency and said the cleanup "
    "may top $40 million, asking Washington for help.",
]

FOLLOW_UP = [
    "The Maple River began to fall on Wednesday, a day after it flooded Maple Falls, and "
    "crews started pumping water out of the basement of the town hall.",
    P2,
    "Searchers found the two people who had been missing near the old mill bridge alive in "
    "a barn on higher ground, the fire department said on Wednesday afternoon.",
    "Schools across the county will stay closed until Monday while engineers inspect the "
    "bridges, the superintendent said in a letter to parents.",
    "Insurers said they had received more than 900 claims by noon and expected many more "
    "once residents were allowed back into their homes.",
]

FLASH = [P1]


def article(id: str, paragraphs: list[str], **fields: object) -> CleanArticle:
    return CleanArticle(
        id=id, paragraphs=paragraphs, content_hash=content_hash(paragraphs), **fields
    )


def index_of(*articles: CleanArticle, settings: Settings = SETTINGS) -> DuplicateIndex:
    index = DuplicateIndex()
    for each in articles:
        index, _ = check(index, each, settings)
    return index


ORIGINAL = article("wire-1", WIRE, source="Example Wire", title="Floods force 3,200 from homes")


@pytest.mark.parametrize("paragraphs", COPIES.values(), ids=COPIES.keys())
def test_a_syndicated_copy_is_marked_a_duplicate_of_the_original(paragraphs: list[str]) -> None:
    copy = article("courier-7", paragraphs, source="Courier", title="Maple Falls under water")
    _, duplicate_of = check(index_of(ORIGINAL), copy, SETTINGS)
    assert duplicate_of == "wire-1"


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (WIRE, SAME_TOPIC),
        (WIRE, FOLLOW_UP),
        (FOLLOW_UP, WIRE),
        (FLASH, WIRE),
        (WIRE, FLASH),
        (WIRE[:3], WIRE[3:]),
    ],
    ids=[
        "same figures, other words",
        "follow-up repeating a paragraph",
        "story after its follow-up",
        "full story after the flash",
        "flash after the full story",
        "other half of the story",
    ],
)
def test_a_story_that_adds_its_own_text_is_not_a_duplicate(
    earlier: list[str], later: list[str]
) -> None:
    _, duplicate_of = check(index_of(article("a", earlier)), article("b", later), SETTINGS)
    assert duplicate_of is None


def test_three_outlets_republishing_one_report_all_point_at_it() -> None:
    index = DuplicateIndex()
    verdicts = []
    for id, paragraphs in [
        ("wire-1", WIRE),
        ("courier-7", COPIES["dateline added"]),
        ("herald-3", COPIES["last paragraph cut"]),
        ("gazette-9", COPIES["word changed"]),
    ]:
        index, duplicate_of = check(index, article(id, paragraphs), SETTINGS)
        verdicts.append(duplicate_of)
    assert verdicts == [None, "wire-1", "wire-1", "wire-1"]
    assert len(index.fingerprints) == 4


def test_a_copy_of_a_copy_points_at_the_original_even_after_it_left_the_window() -> None:
    settings = Settings(duplicate_window=1)
    index = index_of(ORIGINAL, article("courier-7", COPIES["dateline added"]), settings=settings)
    assert [fp.id for fp in index.fingerprints] == ["courier-7"]
    _, duplicate_of = check(index, article("herald-3", COPIES["dateline added"]), settings)
    assert duplicate_of == "wire-1"


def test_an_exact_copy_wins_over_an_earlier_near_copy() -> None:
    index = index_of(article("a", WIRE[:-2]), article("b", SAME_TOPIC), article("c", WIRE))
    assert [fp.duplicate_of for fp in index.fingerprints] == [None, None, None]
    assert find_duplicate(index, fingerprint(article("d", WIRE)), 0.8) == "c"


@pytest.mark.parametrize(
    ("id", "paragraphs", "expected"),
    [
        ("wire-1", WIRE, None),
        ("herald-3", COPIES["last paragraph cut"], "wire-1"),
        ("herald-3", COPIES["last two paragraphs cut"], "wire-1"),
    ],
    ids=["original re-sent", "copy re-sent", "copy re-sent, edited"],
)
def test_a_resend_gets_the_verdict_of_its_first_delivery(
    id: str, paragraphs: list[str], expected: str | None
) -> None:
    index = index_of(ORIGINAL, article("herald-3", COPIES["last paragraph cut"]))
    again, duplicate_of = check(index, article(id, paragraphs), SETTINGS)
    assert duplicate_of == expected
    assert again is index


def test_the_same_text_under_a_new_id_is_a_duplicate() -> None:
    _, duplicate_of = check(index_of(ORIGINAL), article("wire-1-resent", WIRE), SETTINGS)
    assert duplicate_of == "wire-1"


def test_the_threshold_is_the_share_of_the_new_text_found_earlier() -> None:
    index = index_of(ORIGINAL)
    copy = fingerprint(article("b", COPIES["reprint line"]))
    assert find_duplicate(index, copy, 0.8) == "wire-1"
    assert find_duplicate(index, copy, 0.99) is None


def test_the_window_keeps_the_latest_fingerprints() -> None:
    index = DuplicateIndex()
    for id, paragraphs in [("a", WIRE), ("b", SAME_TOPIC), ("c", FOLLOW_UP)]:
        index = remember(index, fingerprint(article(id, paragraphs)), window=2)
    assert [fp.id for fp in index.fingerprints] == ["b", "c"]
    assert find_duplicate(index, fingerprint(article("d", WIRE)), 0.8) is None
    assert find_duplicate(index, fingerprint(article("e", FOLLOW_UP)), 0.8) == "c"


def test_remember_leaves_the_earlier_index_as_it_was() -> None:
    earlier = index_of(ORIGINAL)
    later = remember(earlier, fingerprint(article("b", SAME_TOPIC)), window=10)
    assert [fp.id for fp in earlier.fingerprints] == ["wire-1"]
    assert find_duplicate(earlier, fingerprint(article("c", SAME_TOPIC)), 0.8) is None
    assert find_duplicate(later, fingerprint(article("c", SAME_TOPIC)), 0.8) == "b"


def test_a_store_that_follows_the_changes_rebuilds_the_same_index() -> None:
    """What the clean agent's table holds: written and deleted as `changes` says, read back."""
    store: dict[str, Fingerprint] = {}
    index = DuplicateIndex()
    for id, paragraphs in [("a", WIRE), ("b", SAME_TOPIC), ("c", FOLLOW_UP), ("b", SAME_TOPIC)]:
        updated = remember(index, fingerprint(article(id, paragraphs)), window=2)
        added, forgotten = changes(index, updated)
        store.update((fp.id, fp) for fp in added)
        for fp in forgotten:
            del store[fp.id]
        index = updated
    assert sorted(store) == ["b", "c"]
    rebuilt, stale = restore(reversed(list(store.values())), window=2)
    assert rebuilt == index and stale == []
    assert [fp.seq for fp in rebuilt.fingerprints] == [2, 3]
    assert find_duplicate(rebuilt, fingerprint(article("e", FOLLOW_UP)), 0.8) == "c"


def test_a_smaller_window_after_a_restart_drops_the_oldest() -> None:
    index = index_of(ORIGINAL, article("b", SAME_TOPIC), article("c", FOLLOW_UP))
    rebuilt, stale = restore(index.fingerprints, window=1)
    assert [fp.id for fp in rebuilt.fingerprints] == ["c"]
    assert [fp.id for fp in stale] == ["wire-1", "b"]


def test_the_index_survives_a_json_round_trip() -> None:
    index = index_of(ORIGINAL, article("courier-7", COPIES["dateline added"]))
    loaded = DuplicateIndex.model_validate_json(index.model_dump_json())
    assert loaded == index
    copy = fingerprint(article("herald-3", COPIES["word changed"]))
    assert find_duplicate(loaded, copy, 0.8) == "wire-1"


def test_a_fingerprint_is_compact_and_ignores_title_and_source() -> None:
    fp = fingerprint(ORIGINAL)
    other = fingerprint(article("wire-1", WIRE, source="Courier", title="Another headline"))
    assert fp == other
    assert len(fp.model_dump_json()) < 500
    assert Fingerprint.model_validate_json(fp.model_dump_json()) == fp


def test_cleaned_pages_of_one_report_under_other_headlines_are_duplicates() -> None:
    body = "\n".join(["MAPLE FALLS, Ore. (Example Wire) — " + P1, *WIRE[1:]])
    pages = [
        RawArticle(id="wire-1", title="Floods force 3,200 from homes", body=body),
        RawArticle(
            id="courier-7",
            title="Maple Falls under water",
            body="Maple Falls under water\nBy Example Wire staff\n"
            + body
            + "\nThis story was first published by Example Wire.",
        ),
    ]
    index = DuplicateIndex()
    verdicts = []
    for page in pages:
        index, duplicate_of = check(index, clean_article(page, SETTINGS), SETTINGS)
        verdicts.append(duplicate_of)
    assert verdicts == [None, "wire-1"]
