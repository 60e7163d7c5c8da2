import itertools
from datetime import UTC, datetime

import pytest

from agents.detect import KnownClaims, detect, standing_alerts
from streams.models import (
    AlertKind,
    AlertStatus,
    Claim,
    ClaimKey,
    FigureValue,
    Modality,
    Qualifier,
    Severity,
    Span,
    stable_id,
)
from streams.settings import Settings

SETTINGS = Settings(
    approx_tolerance=0.10,
    vague_tolerance=0.5,
    severity_medium=0.25,
    severity_high=1.0,
    history_per_key=50,
)
NOW = datetime(2025, 7, 1, tzinfo=UTC)
Q = Qualifier

TROOPS = ClaimKey(subject="North Korea", measure="troops sent", scope="2024")
CASUALTIES = ClaimKey(subject="North Korean soldiers", measure="killed or wounded")
INJURED = ClaimKey(subject="North Korean soldiers", measure="injured")
QUAKE = ClaimKey(subject="Talmora earthquake", measure="killed")
CROWD = ClaimKey(subject="Calder pension march", measure="crowd")
REFUGEES = ClaimKey(subject="Belmark", measure="refugees arriving", scope="June")


def claim(
    text: str,
    qualifier: Qualifier,
    low: float | None,
    high: float | None = None,
    *,
    key: ClaimKey = TROOPS,
    source: str | None = "Outlet",
    attributed_to: str | None = None,
    published: str | None = "2025-02-27",
    modality: Modality = Modality.REPORTED,
    sentence: str | None = None,
    unit: str | None = None,
    duplicate_of: str | None = None,
) -> Claim:
    """A claim as the extractor would emit it; `high` defaults to `low` for point figures."""
    if high is None and qualifier in (Q.EXACT, Q.APPROX):
        high = low
    sentence = sentence or f"{attributed_to or source} put it at {text}."
    return Claim(
        claim_id=stable_id(source, published, sentence, text),
        article_id=stable_id(source, published),
        source=source,
        published_at=published,
        key=key,
        key_text=key.text,
        value=FigureValue(low=low, high=high, qualifier=qualifier, unit=unit, text=text),
        attributed_to=attributed_to,
        modality=modality,
        sentence=sentence,
        span=Span(start=0, end=len(text)),
        duplicate_of=duplicate_of,
    )


def stream(*claims: Claim, settings: Settings = SETTINGS) -> tuple[KnownClaims, list]:
    """Feed claims in arrival order; return the final history and every alert raised or
    withdrawn on the way, as the alerts topic carries them."""
    known, published = KnownClaims(), []
    for c in claims:
        known, alerts = detect(known, c, settings, NOW)
        published.extend(alerts)
    return known, published


def run(*claims: Claim, settings: Settings = SETTINGS) -> tuple[KnownClaims, list]:
    """Feed claims in arrival order; return the final history and the alerts standing."""
    known, published = stream(*claims, settings=settings)
    return known, standing_alerts(published)


# --- the product owner's pairs ------------------------------------------------

ESTIMATED_14000 = claim(
    "an estimated 14,000",
    Q.APPROX,
    14000,
    source="CNN",
    published="2025-07-01",
    modality=Modality.ESTIMATED,
)
ESTIMATED_14000_EXACT = claim(
    "an estimated 14,000",
    Q.EXACT,
    14000,
    source="CNN",
    published="2025-07-01",
    modality=Modality.ESTIMATED,
)
ABOUT_RANGE = claim("about 10,000-12,000", Q.RANGE, 10000, 12000, source="AP")
ESTIMATED_11000 = claim(
    "an estimated 11,000",
    Q.APPROX,
    11000,
    source="Yonhap",
    published="2025-01-13",
    modality=Modality.ESTIMATED,
)
MORE_THAN_12000 = claim(
    "more than 12,000", Q.MORE_THAN, 12000, source="RFA", published="2025-06-05"
)
OVER_10000 = claim("over 10,000", Q.MORE_THAN, 10000, source="Daily Wrap", published="2025-01-20")

ZELENSKYY_4000 = claim(
    "4,000", Q.EXACT, 4000, key=CASUALTIES, source="AP", attributed_to="Zelenskyy"
)
US_AROUND_1200 = claim(
    "around 1,200", Q.APPROX, 1200, key=CASUALTIES, source="AP", attributed_to="U.S. estimates"
)
INJURED_2700 = claim("2,700", Q.EXACT, 2700, key=INJURED, source="AP", attributed_to="NIS")
INJURED_AROUND_2700 = claim(
    "around 2,700", Q.APPROX, 2700, key=INJURED, source="Yonhap", published="2025-01-20"
)
UP_TO_3000 = claim("up to 3,000", Q.UP_TO, None, 3000, key=INJURED, source="BBC")
RANGE_1000_3000 = claim("1,000-3,000", Q.RANGE, 1000, 3000, key=INJURED, source="NHK")
AT_LEAST_300 = claim("at least 300", Q.AT_LEAST, 300, key=CASUALTIES, source="AP")
ABOUT_300 = claim("about 300", Q.APPROX, 300, key=CASUALTIES, source="NIS briefing")


@pytest.mark.parametrize(
    ("earlier", "new"),
    [
        (ABOUT_RANGE, ESTIMATED_14000),
        (ABOUT_RANGE, ESTIMATED_14000_EXACT),
        (ESTIMATED_11000, ESTIMATED_14000),
        (ESTIMATED_11000, ESTIMATED_14000_EXACT),
        (ESTIMATED_11000, MORE_THAN_12000),
        (ZELENSKYY_4000, US_AROUND_1200),
        (US_AROUND_1200, ZELENSKYY_4000),
    ],
)
def test_contradicts(earlier, new):
    _, alerts = run(earlier, new)
    assert [(a.kind, a.claim, a.contradicts) for a in alerts] == [
        (AlertKind.CONTRADICTION, new, [earlier])
    ]


@pytest.mark.parametrize(
    ("earlier", "new"),
    [
        (MORE_THAN_12000, ESTIMATED_14000),
        (MORE_THAN_12000, ESTIMATED_14000_EXACT),
        (INJURED_2700, INJURED_AROUND_2700),
        (UP_TO_3000, RANGE_1000_3000),
        (RANGE_1000_3000, UP_TO_3000),
        (ESTIMATED_11000, OVER_10000),
        (AT_LEAST_300, ABOUT_300),
        (ABOUT_300, AT_LEAST_300),
    ],
)
def test_agrees(earlier, new):
    assert run(earlier, new)[1] == []


@pytest.mark.parametrize(
    ("earlier", "new", "severity"),
    [
        (ESTIMATED_11000, ESTIMATED_14000, Severity.LOW),
        (ZELENSKYY_4000, US_AROUND_1200, Severity.HIGH),
        (
            claim("about 30,000", Q.APPROX, 30000, key=CROWD, attributed_to="police"),
            claim("50,000", Q.EXACT, 50000, key=CROWD, attributed_to="organisers"),
            Severity.MEDIUM,
        ),
    ],
)
def test_severity_follows_relative_gap(earlier, new, severity):
    (alert,) = run(earlier, new)[1]
    assert alert.severity == severity


# --- stories ---------------------------------------------------------------------


MINISTRY = "the interior ministry"


def toll(text: str, value: float, published: str, **kw) -> Claim:
    kw.setdefault("attributed_to", MINISTRY)
    kw.setdefault("qualifier", Q.EXACT)
    return claim(text, kw.pop("qualifier"), value, key=QUAKE, published=published, **kw)


def quake(*claims: Claim) -> list[Claim]:
    return [c.model_copy(update={"quantity_kind": "cumulative"}) for c in claims]


RISING = quake(
    toll("310", 310, "2025-03-10T08:00", source="Meridian Wire"),
    toll("1,150", 1150, "2025-03-11T07:00", source="Coastline Herald"),
    toll("2,400", 2400, "2025-03-12T06:00", source="Northern Daily"),
    toll("2,650", 2650, "2025-03-13T06:00", source="Meridian Wire"),
)


def test_a_toll_rising_over_days_is_a_chain_of_low_revisions():
    """Each figure revises the one before it, not every earlier one."""
    _, alerts = run(*RISING)
    assert [(a.kind, a.severity, a.claim, a.contradicts) for a in alerts] == [
        (AlertKind.REVISION, Severity.LOW, RISING[1], [RISING[0]]),
        (AlertKind.REVISION, Severity.LOW, RISING[2], [RISING[1]]),
        (AlertKind.REVISION, Severity.LOW, RISING[3], [RISING[2]]),
    ]
    assert "a tally" not in alerts[0].summary  # one voice: it changed its own figure
    assert "one voice changed its figure" in alerts[0].summary


def test_a_higher_toll_from_another_voice_days_later_is_a_revision_of_the_tally():
    ministry, red_cross = quake(
        toll("1,150", 1150, "2025-03-11"),
        toll("2,400", 2400, "2025-03-13", attributed_to="the Red Cross", source="Wire B"),
    )
    (alert,) = run(ministry, red_cross)[1]
    assert (alert.kind, alert.severity) == (AlertKind.REVISION, Severity.LOW)
    assert "a tally that only grows" in alert.summary


def test_a_higher_toll_revises_the_highest_of_the_lower_ones_only():
    """A tally only grows: 2,400 supersedes both earlier tolls, and revises the 1,400."""
    ministry, red_cross, governor = quake(
        toll("1,150", 1150, "2025-03-11"),
        toll("1,400", 1400, "2025-03-12", attributed_to="the Red Cross", source="Wire B"),
        toll("2,400", 2400, "2025-03-14", attributed_to="the governor", source="Wire C"),
    )
    alerts = run(ministry, red_cross, governor)[1]
    assert [(a.claim, a.contradicts) for a in alerts if a.claim == governor] == [
        (governor, [red_cross])
    ]


def test_a_lower_toll_that_says_it_corrects_is_a_revision_of_at_least_medium_severity():
    ministry, corrected = quake(
        toll("2,400", 2400, "2025-03-12"),
        toll(
            "2,100",
            2100,
            "2025-03-14",
            attributed_to="the health ministry",
            source="Wire B",
            sentence="The toll was revised down to 2,100 after bodies counted twice were removed.",
        ),
    )
    (alert,) = run(ministry, corrected)[1]
    assert (alert.kind, alert.severity) == (AlertKind.REVISION, Severity.MEDIUM)
    assert "down from 2,400" in alert.summary


def test_a_stock_moving_down_later_is_a_revision_whoever_gives_it():
    missing = ClaimKey(subject="Talmora earthquake", measure="missing")
    before, after = (
        c.model_copy(update={"quantity_kind": "stock"})
        for c in (
            claim(
                "850", Q.EXACT, 850, key=missing, attributed_to="the mayor", published="2025-03-12"
            ),
            claim("388", Q.EXACT, 388, key=missing, attributed_to="police", published="2025-03-20"),
        )
    )
    (alert,) = run(before, after)[1]
    assert (alert.kind, alert.severity) == (AlertKind.REVISION, Severity.HIGH)


def test_a_rising_toll_raises_the_same_alerts_in_any_arrival_order():
    """Partitions are processed in parallel: an older, lower figure may arrive last."""
    in_order = sorted(run(*RISING)[1], key=lambda a: a.alert_id)
    for order in itertools.permutations(RISING):
        assert sorted(run(*order)[1], key=lambda a: a.alert_id) == in_order, [
            c.value.text for c in order
        ]


def test_a_figure_landing_late_between_two_withdraws_the_alert_it_splits():
    morning, evening = quake(
        toll("1,150", 1150, "2025-03-11T07:00"), toll("2,650", 2650, "2025-03-11T19:00")
    )
    (noon,) = quake(toll("2,000", 2000, "2025-03-11T12:00", source="Wire B"))
    known, first = stream(morning, evening)
    _, second = detect(known, noon, SETTINGS, NOW)
    (raised,) = first
    withdrawn = [a for a in second if a.status is AlertStatus.WITHDRAWN]
    assert [(a.alert_id, a.claim, a.contradicts) for a in withdrawn] == [
        (raised.alert_id, evening, [morning])
    ]
    assert withdrawn[0].summary.startswith("Withdrawn:")
    assert standing_alerts([*first, *second]) == run(morning, noon, evening)[1]


def test_an_older_higher_toll_arriving_late_still_contradicts():
    later_low = claim("900", Q.EXACT, 900, key=QUAKE, source="Wire A", published="2025-03-12")
    earlier_high = claim("2,000", Q.EXACT, 2000, key=QUAKE, source="Wire B", published="2025-03-10")
    _, alerts = run(later_low, earlier_high)
    assert [a.kind for a in alerts] == [AlertKind.CONTRADICTION]


def test_a_later_lower_toll_from_another_outlet_contradicts():
    toll = claim(
        "2,400",
        Q.EXACT,
        2400,
        key=QUAKE,
        source="Northern Daily",
        attributed_to="the interior ministry",
        published="2025-03-12",
    )
    stale = claim(
        "about 1,100", Q.APPROX, 1100, key=QUAKE, source="Evening Star", published="2025-03-13"
    )
    (alert,) = run(toll, stale)[1]
    assert (alert.kind, alert.contradicts, alert.severity) == (
        AlertKind.CONTRADICTION,
        [toll],
        Severity.HIGH,
    )


def test_rival_tolls_in_the_same_article_contradict():
    ministry = claim(
        "2,400",
        Q.EXACT,
        2400,
        key=QUAKE,
        source="Northern Daily",
        attributed_to="the interior ministry",
        published="2025-03-12",
    )
    governor = claim(
        "more than 4,000",
        Q.MORE_THAN,
        4000,
        key=QUAKE,
        source="Northern Daily",
        attributed_to="the regional governor",
        published="2025-03-12",
    )
    (alert,) = run(ministry, governor)[1]
    assert (alert.kind, alert.contradicts) == (AlertKind.CONTRADICTION, [ministry])


def test_an_article_repeating_its_figures_makes_one_pair_of_them():
    """A headline, a lead and a quote giving one toll, against an earlier article that gave
    its own figure twice: the desk hears of the two figures once."""
    ministry = quake(
        toll("1,150", 1150, "2025-03-11", sentence="The ministry put the toll at 1,150."),
        toll("1,150", 1150, "2025-03-11", sentence="Rescuers were told 1,150 had died."),
    )
    red_cross = quake(
        *(
            toll(
                "2,400",
                2400,
                "2025-03-13",
                attributed_to="the Red Cross",
                source="Wire B",
                sentence=sentence,
            )
            for sentence in (
                "Talmora toll reaches 2,400, the Red Cross says.",
                "The Red Cross said 2,400 people had died.",
                '"We have counted 2,400 dead," the Red Cross said.',
            )
        )
    )
    alerts = run(*ministry, *red_cross)[1]
    assert [(a.claim, len(a.contradicts)) for a in alerts] == [(red_cross[0], 1)]
    assert alerts[0].contradicts[0].value.low == 1150


def test_crowd_disputed_by_police_and_organisers():
    police = claim(
        "about 20,000",
        Q.APPROX,
        20000,
        key=CROWD,
        source="Harbour Post",
        attributed_to="police",
        published="2025-04-05T14:00",
    )
    organisers = claim(
        "more than 100,000",
        Q.MORE_THAN,
        100000,
        key=CROWD,
        source="Harbour Post",
        attributed_to="organisers",
        published="2025-04-05T14:00",
    )
    (alert,) = run(police, organisers)[1]
    assert alert.kind == AlertKind.CONTRADICTION
    assert alert.severity == Severity.HIGH
    assert alert.gap == pytest.approx(78000 / 22000)
    assert alert.raised_at == NOW
    assert alert.summary == (
        'Contradiction on "Calder pension march | crowd": more than 100,000 '
        "(organisers via Harbour Post, 2025-04-05) against about 20,000 "
        "(police via Harbour Post, 2025-04-05). Both count crowd; two voices at the same "
        "time disagree."
    )


def test_an_articles_own_count_disputed_by_a_named_voice_contradicts():
    """'800,000 marched', then 'police said 180,000': the article reports a dispute. Two
    figures nobody is quoted for are the article's own account, not two voices."""
    own, police, breakdown = (
        claim(
            text,
            Q.EXACT,
            value,
            key=CROWD,
            source="Harbour Post",
            attributed_to=voice,
            published="2025-04-05T14:00",
        )
        for text, value, voice in (
            ("800,000", 800000, None),
            ("180,000", 180000, "police"),
            ("250,000", 250000, None),
        )
    )
    alerts = run(own, police, breakdown)[1]
    assert [(a.kind, a.claim, a.contradicts) for a in alerts] == [
        (AlertKind.CONTRADICTION, police, [own]),
        (AlertKind.CONTRADICTION, breakdown, [police]),
    ]


def test_one_voice_giving_two_figures_in_one_article_revises_its_figure():
    """'The Red Cross said on Monday 2,000 were missing; it now says 1,000': unless the
    article marks the first as superseded, the desk hears of the change."""
    first, now = (
        claim(
            text,
            Q.EXACT,
            value,
            key=QUAKE,
            source="Harbour Post",
            attributed_to="the Red Cross",
            published="2025-04-05T14:00",
        )
        for text, value in (("2,000", 2000), ("1,000", 1000))
    )
    alerts = run(first, now)[1]
    assert [(a.kind, a.claim, a.contradicts) for a in alerts] == [
        (AlertKind.REVISION, now, [first])
    ]


@pytest.mark.parametrize(
    ("vague", "low", "precise", "value", "contradicts"),
    [
        ("thousands", 1000, "300", 300, True),
        ("thousands", 1000, "800", 800, False),
        ("thousands", 1000, "250,000", 250000, False),
        ("hundreds", 100, "40", 40, True),
        ("hundreds of thousands", 100_000, "1.7 million", 1_700_000, False),
        ("dozens", 12, "9", 9, False),
    ],
)
def test_a_vague_crowd_conflicts_only_with_a_much_smaller_count(
    vague, low, precise, value, contradicts
):
    """'thousands' is at least 1,000 (lowered by the vague tolerance), open above."""
    organisers = claim(vague, Q.VAGUE, low, key=CROWD, attributed_to="organisers")
    police = claim(precise, Q.EXACT, value, key=CROWD, attributed_to="police")
    assert bool(run(organisers, police)[1]) is contradicts
    assert bool(run(police, organisers)[1]) is contradicts


def test_projection_is_compared_only_with_projections():
    reported = claim("18,000", Q.EXACT, 18000, key=REFUGEES, attributed_to="the government")
    forecast = claim(
        "could reach 100,000",
        Q.UP_TO,
        None,
        100000,
        key=REFUGEES,
        attributed_to="the U.N. refugee agency",
        modality=Modality.PROJECTED,
    )
    rival_forecast = claim(
        "at least 150,000",
        Q.AT_LEAST,
        150000,
        key=REFUGEES,
        attributed_to="aid groups",
        modality=Modality.PROJECTED,
    )
    known, alerts = run(reported, forecast)
    assert alerts == []
    (alert,) = detect(known, rival_forecast, SETTINGS, NOW)[1]
    assert alert.contradicts == [forecast]


# --- revisions, repeats, ordering ---------------------------------------------------


def test_same_voice_replacing_its_figure_is_a_revision():
    first = claim(
        "about 20,000",
        Q.APPROX,
        20000,
        key=CROWD,
        source="Harbour Post",
        attributed_to="police",
        published="2025-04-05T14:00",
    )
    revised = claim(
        "35,000",
        Q.EXACT,
        35000,
        key=CROWD,
        source="Meridian Wire",
        attributed_to="Police",
        published="2025-04-05T19:00",
    )
    known, alerts = run(first, revised)
    assert [(a.kind, a.contradicts) for a in alerts] == [(AlertKind.REVISION, [first])]
    assert alerts[0].summary.startswith('Revision on "Calder pension march | crowd": Police via')
    assert known.claims == [first, revised], "the history keeps a voice's earlier figures"
    assert known.current() == [revised]


def test_a_voice_lowering_its_own_running_total_is_a_revision():
    high = claim(
        "2,400", Q.EXACT, 2400, key=QUAKE, attributed_to="the ministry", published="2025-03-12"
    )
    lowered = claim(
        "2,100", Q.EXACT, 2100, key=QUAKE, attributed_to="the ministry", published="2025-03-13"
    )
    assert [a.kind for a in run(high, lowered)[1]] == [AlertKind.REVISION]


def test_an_old_figure_arriving_late_from_the_same_voice_is_still_a_revision():
    newer = claim(
        "35,000", Q.EXACT, 35000, key=CROWD, attributed_to="police", published="2025-04-06"
    )
    older = claim(
        "about 20,000", Q.APPROX, 20000, key=CROWD, attributed_to="police", published="2025-04-05"
    )
    known, alerts = run(newer, older)
    assert [(a.kind, a.claim, a.contradicts) for a in alerts] == [
        (AlertKind.REVISION, newer, [older])
    ]
    assert known.current() == [newer]
    assert alerts == run(older, newer)[1], "the same alert, whichever arrives first"


def test_one_claim_against_several_lists_the_most_severe_first():
    near = claim(
        "an estimated 11,000", Q.APPROX, 11000, source="Yonhap", published="2025-02-27T08:00"
    )
    far = claim("5,000", Q.EXACT, 5000, source="Tass", published="2025-02-27T09:00")
    new = claim("14,000", Q.EXACT, 14000, source="CNN", published="2025-02-27T10:00")
    alert = run(far, near, new)[1][-1]
    assert alert.contradicts == [far, near]
    assert "against 5,000 (Tass, 2025-02-27) and 1 other earlier figure." in alert.summary


def test_an_alert_names_the_most_severe_earlier_figures_up_to_the_cap():
    """Eight rival figures in one report against a ninth: the alert names the five farthest
    from it and says how many it left out."""
    rivals = [
        claim(
            f"{n:,}",
            Q.EXACT,
            n,
            key=QUAKE,
            source="Harbour Post",
            attributed_to=f"agency {i}",
            published="2025-03-12",
        )
        for i, n in enumerate((1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800))
    ]
    last = claim(
        "5,000",
        Q.EXACT,
        5000,
        key=QUAKE,
        source="Harbour Post",
        attributed_to="the governor",
        published="2025-03-12",
    )
    alerts = run(*rivals, last, settings=SETTINGS.model_copy(update={"max_earlier_per_alert": 5}))[
        1
    ]
    (alert,) = [a for a in alerts if a.claim == last]
    assert [c.value.low for c in alert.contradicts] == [1100, 1200, 1300, 1400, 1500]
    assert alert.omitted == 3
    assert "and 7 other earlier figures" in alert.summary


def test_alert_id_depends_on_the_claims_only():
    _, first = run(ESTIMATED_11000, ESTIMATED_14000)
    _, again = run(ESTIMATED_11000, ESTIMATED_14000, settings=SETTINGS.model_copy())
    later = detect(KnownClaims(claims=[ESTIMATED_11000]), ESTIMATED_14000, SETTINGS)[1]
    expected = stable_id("contradiction", ESTIMATED_14000.claim_id, ESTIMATED_11000.claim_id)
    assert first[0].alert_id == again[0].alert_id == later[0].alert_id == expected


@pytest.mark.parametrize(
    "repeat",
    [
        ESTIMATED_14000,
        ESTIMATED_14000.model_copy(update={"duplicate_of": "article-1"}),
        claim(
            "an estimated 14,000",
            Q.APPROX,
            14000,
            source="Yahoo News",
            published="2025-07-02",
            sentence=ESTIMATED_14000.sentence,
        ),
    ],
    ids=["same claim id", "duplicate article", "syndicated copy"],
)
def test_repeats_and_copies_raise_nothing(repeat):
    """A copy adds a source to the figure it repeats, not an alert."""
    known, _ = run(ABOUT_RANGE, ESTIMATED_14000)
    after, alerts = detect(known, repeat, SETTINGS, NOW)
    assert alerts == []
    assert after.raised == known.raised


def test_a_page_updated_in_place_with_a_new_figure_is_a_revision():
    """A re-sent page is a copy for the duplicate check, not for claims: its new figure
    revises the one it replaces, and a figure it keeps raises nothing."""
    hurt = ClaimKey(subject="Talmora earthquake", measure="injured")

    def page(text: str, value: float, key: ClaimKey, hour: str, copy_of: str | None = None):
        c = claim(
            text,
            Q.EXACT,
            value,
            key=key,
            attributed_to="the interior ministry",
            published=f"2025-03-11T{hour}",
            duplicate_of=copy_of,
        )
        return c.model_copy(update={"quantity_kind": "cumulative"})

    deaths, injured = page("1,150", 1150, QUAKE, "07:00"), page("4,000", 4000, hurt, "07:00")
    original = deaths.article_id
    _, on_deaths = run(deaths, page("1,400", 1400, QUAKE, "15:00", original))
    _, on_injured = run(injured, page("4,000", 4000, hurt, "15:00", original))
    assert [
        (a.kind, a.claim.value.text, [c.value.text for c in a.contradicts]) for a in on_deaths
    ] == [(AlertKind.REVISION, "1,400", ["1,150"])]
    assert on_injured == []


def test_undated_claims_are_ordered_by_arrival():
    _, alerts = run(
        claim("at least 310", Q.AT_LEAST, 310, key=QUAKE, source="A", published=None),
        claim("1,150", Q.EXACT, 1150, key=QUAKE, source="B", published=None),
    )
    assert alerts == []


def test_figures_in_different_units_are_not_compared():
    _, alerts = run(
        claim("12 percent", Q.EXACT, 12, key=CROWD, source="A", unit="percent"),
        claim("40,000", Q.EXACT, 40000, key=CROWD, source="B", unit="people"),
    )
    assert alerts == []


def test_history_keeps_the_latest_claims_in_time():
    settings = SETTINGS.model_copy(update={"history_per_key": 3})
    claims = [
        claim(
            "about 20,000",
            Q.APPROX,
            20000,
            key=CROWD,
            source=f"Outlet {i}",
            published=f"2025-02-2{i}",
        )
        for i in range(5)
    ]
    known, _ = run(*reversed(claims), settings=settings)
    assert known.claims == claims[2:]


# --- arrival order ------------------------------------------------------------

POLICE_MORNING = claim(
    "about 20,000", Q.APPROX, 20000, key=CROWD, attributed_to="police", published="2025-04-05T12:00"
)
ORGANISERS = claim(
    "more than 100,000",
    Q.MORE_THAN,
    100000,
    key=CROWD,
    attributed_to="the organisers",
    published="2025-04-05T15:00",
)
UNION = claim(
    "about 120,000",
    Q.APPROX,
    120000,
    key=CROWD,
    attributed_to="the union",
    published="2025-04-05T16:00",
)
POLICE_EVENING = claim(
    "35,000", Q.EXACT, 35000, key=CROWD, attributed_to="police", published="2025-04-05T19:00"
)
CROWD_STORY = [POLICE_MORNING, ORGANISERS, UNION, POLICE_EVENING]


def pairs(alerts: list) -> set[tuple[str, str, str]]:
    """Each (kind, later claim, earlier claim) an alert stands for; figures of one moment
    are ordered by claim_id, since which of them is the new one depends on arrival."""

    def ordered(later: Claim, earlier: Claim) -> tuple[str, str]:
        if later.published_at == earlier.published_at:
            return max(later.claim_id, earlier.claim_id), min(later.claim_id, earlier.claim_id)
        return later.claim_id, earlier.claim_id

    return {(a.kind.value, *ordered(a.claim, e)) for a in alerts for e in a.contradicts}


def test_every_arrival_order_raises_the_pairs_of_the_date_order():
    in_order = pairs(run(*CROWD_STORY)[1])
    assert in_order == {
        ("contradiction", ORGANISERS.claim_id, POLICE_MORNING.claim_id),
        ("contradiction", UNION.claim_id, POLICE_MORNING.claim_id),
        ("revision", POLICE_EVENING.claim_id, POLICE_MORNING.claim_id),
        ("contradiction", POLICE_EVENING.claim_id, ORGANISERS.claim_id),
        ("contradiction", POLICE_EVENING.claim_id, UNION.claim_id),
    }
    for order in itertools.permutations(CROWD_STORY):
        assert pairs(run(*order)[1]) == in_order, [c.value.text for c in order]


def test_a_late_figure_is_compared_only_while_it_stood():
    """The morning count stood against the organisers, not against the union after the
    evening count replaced it."""
    known, _ = run(POLICE_EVENING, UNION, ORGANISERS)
    union_late = claim(
        "about 120,000",
        Q.APPROX,
        120000,
        key=CROWD,
        attributed_to="the union",
        published="2025-04-05T20:00",
    )
    known, _ = detect(known, union_late, SETTINGS, NOW)
    _, alerts = detect(known, POLICE_MORNING, SETTINGS, NOW)
    assert pairs(alerts) == {
        ("contradiction", ORGANISERS.claim_id, POLICE_MORNING.claim_id),
        ("contradiction", UNION.claim_id, POLICE_MORNING.claim_id),
        ("revision", POLICE_EVENING.claim_id, POLICE_MORNING.claim_id),
    }


def test_a_late_toll_from_one_ministry_raises_what_it_disputed():
    ministry = claim(
        "1,150", Q.EXACT, 1150, key=QUAKE, attributed_to="the ministry", published="2025-03-11"
    )
    governor = claim(
        "more than 4,000",
        Q.MORE_THAN,
        4000,
        key=QUAKE,
        attributed_to="the governor",
        published="2025-03-11",
    )
    ministry_later = claim(
        "2,650", Q.EXACT, 2650, key=QUAKE, attributed_to="the ministry", published="2025-03-13"
    )
    _, alerts = run(ministry_later, governor, ministry)
    assert pairs(alerts) == pairs(run(ministry, governor, ministry_later)[1])
    assert pairs(alerts) == {
        ("contradiction", governor.claim_id, ministry.claim_id),
        ("revision", ministry_later.claim_id, ministry.claim_id),
        ("contradiction", ministry_later.claim_id, governor.claim_id),
    }


def test_current_is_each_voices_latest_figure():
    known, _ = run(POLICE_EVENING, UNION, POLICE_MORNING, ORGANISERS)
    assert known.current() == [ORGANISERS, UNION, POLICE_EVENING]
    assert known.timeline() == CROWD_STORY
