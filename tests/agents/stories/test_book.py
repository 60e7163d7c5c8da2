"""The stories' read model: fed records in any order and any number of times, it answers alike."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from story_records import A1, A2, C1, C2, C3, C4, LABELS, M1, MARCH, QUAKE, RECORDS, T0, update

from agents.stories import (
    InvalidCursor,
    StoriesQuery,
    StoryAlertsQuery,
    StoryBook,
    StoryClaimsQuery,
)
from streams.models import (
    Alert,
    AlertKind,
    AlertStatus,
    Claim,
    Modality,
    Severity,
    StoryEntity,
    StoryUpdate,
)
from streams.settings import Settings


def book_of(records: list[StoryUpdate | Claim | Alert], **settings: int) -> StoryBook:
    book = StoryBook(Settings(**settings))
    for record in records:
        book.add(record)
    return book


def answers(book: StoryBook) -> tuple[str, ...]:
    return (
        book.stories(StoriesQuery()).model_dump_json(),
        *(book.detail(s).model_dump_json() for s in (QUAKE, MARCH)),  # type: ignore[union-attr]
        *(book.claims(s, StoryClaimsQuery()).model_dump_json() for s in (QUAKE, MARCH)),  # type: ignore[union-attr]
    )


def test_the_answers_do_not_depend_on_arrival_order_or_redelivery() -> None:
    expected = answers(book_of(RECORDS))
    for seed in range(5):
        shuffled = RECORDS * 2
        random.Random(seed).shuffle(shuffled)
        assert answers(book_of(shuffled)) == expected


def test_a_record_held_already_is_no_change() -> None:
    book = book_of(RECORDS)
    seq = book.changes.seq
    assert all(book.add(record) is None for record in RECORDS)
    assert book.changes.seq == seq


def test_stories_newest_activity_first_with_their_summary() -> None:
    page = book_of(RECORDS).stories(StoriesQuery())
    assert [s.story_id for s in page.stories] == [MARCH, QUAKE]
    quake = page.stories[1]
    assert quake.label == "Talmora | earthquake"
    assert quake.places == ["Talmora"] and quake.entities == ["Red Cross", "Amara Venn"]
    assert (quake.articles, quake.claims, quake.quantities) == (3, 4, 2)
    assert (quake.alerts.contradiction, quake.alerts.revision) == (1, 0)
    assert quake.max_severity == "high"
    assert quake.first_seen == T0 and quake.last_seen == T0 + timedelta(days=2)
    assert page.next is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "talmora"}, [QUAKE]),
        ({"q": "AMARA"}, [QUAKE]),  # a person among its entities
        ({"q": "governor"}, [QUAKE]),  # a voice
        ({"q": "calder"}, [MARCH]),
        ({"q": "pelora"}, []),
        ({"since": T0 + timedelta(days=3)}, [MARCH]),
        ({"has_alerts": True}, [MARCH, QUAKE]),
        ({"has_alerts": False}, []),
        ({"kind": "contradiction"}, [QUAKE]),
        ({"kind": "revision"}, [MARCH]),
        ({"severity": "medium"}, [QUAKE]),
        ({"kind": "revision", "severity": "medium"}, []),
    ],
)
def test_filters(query: dict[str, object], expected: list[str]) -> None:
    page = book_of(RECORDS).stories(StoriesQuery.model_validate(query))
    assert [s.story_id for s in page.stories] == expected


def test_pages_of_stories_follow_each_other() -> None:
    records = [update(MARCH, 1, day) for day in range(1)] + [
        u.model_copy(update={"story_id": f"s{n}"}) for n, u in enumerate([update(QUAKE, 1)] * 5)
    ]
    book = book_of(records)
    seen, cursor = [], None
    while True:
        page = book.stories(StoriesQuery(limit=2, cursor=cursor))
        seen += [s.story_id for s in page.stories]
        if page.next is None:
            break
        cursor = page.next
    assert seen == [s.story_id for s in book.stories(StoriesQuery(limit=100)).stories]
    assert len(seen) == 6
    with pytest.raises(InvalidCursor):
        book.stories(StoriesQuery(cursor="not a cursor"))


def test_detail_per_quantity() -> None:
    detail = book_of(RECORDS).detail(QUAKE)
    assert detail is not None
    assert [a.article_id for a in detail.articles] == [f"{QUAKE}-a3", f"{QUAKE}-a2", f"{QUAKE}-a1"]
    deaths, missing = detail.quantities
    assert deaths.key_text == C1.key_text and deaths.measure == "deaths" and deaths.scope is None
    assert deaths.claims == 3
    # The Red Cross's latest figure stands, named as the story first named it; the outlet's own.
    assert [(v.voice, v.claim.claim_id) for v in deaths.standing] == [
        ("Harbour Post", C2.claim_id),
        ("a spokesperson for the Red Cross", C3.claim_id),
    ]
    assert deaths.voices == ["Harbour Post", "a spokesperson for the Red Cross"]
    assert (deaths.low, deaths.high) == (140, 300)
    assert deaths.latest_official is not None
    assert deaths.latest_official.claim.claim_id == C3.claim_id
    assert (deaths.contradictions, deaths.revisions) == (1, 0)
    assert missing.claims == 1 and missing.contradictions == 0
    assert book_of(RECORDS).detail("nowhere") is None


def test_a_projection_is_no_official_figure() -> None:
    projected = C3.model_copy(update={"claim_id": "p", "modality": Modality.PROJECTED})
    detail = book_of([C1, projected]).detail(QUAKE)
    assert detail is not None
    assert detail.quantities[0].latest_official.claim.claim_id == C1.claim_id  # type: ignore[union-attr]


def test_claims_in_time_order_in_pages() -> None:
    book = book_of(RECORDS)
    first = book.claims(QUAKE, StoryClaimsQuery(limit=3))
    assert first is not None and first.next is not None
    rest = book.claims(QUAKE, StoryClaimsQuery(limit=3, cursor=first.next))
    assert rest is not None and rest.next is None
    ids = [v.claim.claim_id for v in first.claims + rest.claims]
    assert ids == [C1.claim_id, C2.claim_id, C3.claim_id, C4.claim_id]
    on_key = book.claims(QUAKE, StoryClaimsQuery(key=C4.key_text))
    assert on_key is not None and [v.claim.claim_id for v in on_key.claims] == [C4.claim_id]
    assert book.claims("nowhere", StoryClaimsQuery()) is None


def test_alerts_latest_status_wins() -> None:
    withdrawn = A1.model_copy(update={"status": AlertStatus.WITHDRAWN})
    book = book_of([*RECORDS, withdrawn])
    assert book.alerts(QUAKE, StoryAlertsQuery()) == ([], [withdrawn])
    assert book.stories(StoriesQuery(has_alerts=True)).stories[0].story_id == MARCH
    assert book.alerts(MARCH, StoryAlertsQuery(kind=AlertKind.CONTRADICTION)) == ([], [])
    assert book.alerts(MARCH, StoryAlertsQuery(severity=Severity.LOW)) == ([A2], [])


def test_a_story_known_by_its_claims_before_its_update() -> None:
    book = book_of([C1])
    summary = book.stories(StoriesQuery()).stories[0]
    assert (summary.label, summary.articles, summary.claims) == (LABELS[QUAKE], 0, 1)
    book.add(update(QUAKE, 1))
    assert book.stories(StoriesQuery()).stories[0].articles == 1


def test_an_earlier_update_arriving_late_keeps_the_later_state() -> None:
    book = book_of([update(QUAKE, 3, 2), update(QUAKE, 1, 0)])
    detail = book.detail(QUAKE)
    assert detail is not None and detail.articles_total == 3 and len(detail.articles) == 2
    assert detail.last_seen == T0 + timedelta(days=2)


def test_memory_is_bounded_oldest_story_first() -> None:
    records = [*RECORDS[:4], M1, C1]  # six records: the quake is older, and goes whole
    book = book_of(records, story_view_max_claims=5)
    assert [s.story_id for s in book.stories(StoriesQuery()).stories] == [MARCH]
    alone = book_of([C1, C2, C3, C4], story_view_max_claims=2)
    page = alone.claims(QUAKE, StoryClaimsQuery())
    assert page is not None
    assert [v.claim.claim_id for v in page.claims] == [C3.claim_id, C4.claim_id]


def test_changes_resume_after_a_sequence_number() -> None:
    book = book_of(RECORDS)
    changes = book.changes.after(0)
    assert changes is not None and [c.seq for c in changes] == list(range(1, len(RECORDS) + 1))
    of_march = book.changes.after(0, MARCH)
    assert of_march is not None and [c.event for c in of_march] == ["story", "claim", "alert"]
    assert book.changes.after(book.changes.seq) == []
    assert book.changes.after(book.changes.seq + 1) is None  # not a number this log gave


def test_an_alert_weighs_the_claims_it_carries() -> None:
    # M1 and A2 (a new claim and one earlier: two claims) are three: over two, the story loses
    # its oldest record, the claim; its alert stays.
    book = book_of([M1, A2], story_view_max_claims=2)
    page = book.claims(MARCH, StoryClaimsQuery())
    assert page is not None and page.claims == []
    assert book.alerts(MARCH, StoryAlertsQuery()) == ([A2], [])


AFTER = "quake-9"
"""A story the story stage opened for the quake's aftermath and linked to it."""


def _aftermath() -> list[StoryUpdate | Claim | Alert]:
    """Its update (linked to the quake) and a claim of its own key."""
    opened = update(QUAKE, 1, 6).model_copy(
        update={
            "story_id": AFTER,
            "label": "Talmora | aid",
            "first_seen": T0 + timedelta(days=6),
            # Its reports name the quake's place otherwise: the thread names it one way.
            "entities": [
                StoryEntity(term="talmora", name="Talmora Province", kind="LOC", weight=1)
            ],
            "article": update(QUAKE, 1, 6).article.model_copy(update={"article_id": "aid-a1"}),
        }
    )
    linked = opened.model_copy(
        update={
            "articles": 2,
            "thread": sorted([QUAKE, AFTER]),
            "article": opened.article.model_copy(update={"article_id": "aid-a2"}),
        }
    )
    aid = C4.model_copy(update={"claim_id": "aid-c1", "story_id": AFTER, "story": "Talmora | aid"})
    return [opened, aid, linked]


def test_linked_stories_are_one_thread_whatever_the_order() -> None:
    records = RECORDS + _aftermath()
    expected = book_of(records)
    quake = expected.detail(QUAKE)
    assert quake is not None and expected.detail(AFTER) == quake
    assert quake.story_id == QUAKE and quake.label == LABELS[QUAKE]  # the earliest story's
    assert [(s.story_id, s.articles) for s in quake.linked] == [(QUAKE, 3), (AFTER, 2)]
    assert quake.articles_total == 5
    assert {"aid-a1", "aid-a2"} <= {a.article_id for a in quake.articles}
    assert "aid-c1" in {c.claim.claim_id for c in expected.claims(AFTER, StoryClaimsQuery()).claims}  # type: ignore[union-attr]
    listed = expected.stories(StoriesQuery()).stories
    assert [s.story_id for s in listed] == [QUAKE, MARCH]  # the aftermath is no story of its own
    assert expected.stories(StoriesQuery(q="aid")).stories[0].story_id == QUAKE
    for seed in range(5):
        shuffled = records * 2
        random.Random(seed).shuffle(shuffled)
        book = book_of(shuffled)
        assert book.detail(AFTER) == quake
        assert book.stories(StoriesQuery()) == expected.stories(StoriesQuery())


def test_a_linked_storys_changes_are_its_threads() -> None:
    book = book_of(RECORDS)
    seq = book.changes.seq
    for record in _aftermath():
        book.add(record)
    assert book.resolve(AFTER) == QUAKE
    for story_id in (QUAKE, AFTER):
        found = book.changes.after(0, story_id, book.resolve)
        assert found is not None
        assert {c.story_id for c in found} == {QUAKE, AFTER}
        assert sum(c.seq > seq for c in found) == 3
