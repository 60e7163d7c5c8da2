"""Tag with the real model, then extract: the five seed articles and other stories."""

import pytest
from support import SEEDS

from agents.extract import extract_claims
from agents.pipeline import Pipeline
from agents.story import StoryIndex
from agents.tag import tag_articles
from streams.models import Claim, CleanArticle, Modality, Qualifier, RawArticle
from streams.settings import Settings
from streams.sources import read_articles

Q = Qualifier


@pytest.fixture(scope="module")
def seed_claims(nlp) -> list[Claim]:
    """The seeds as `claimwatch claims` reads them: the real cleaning stage, boilerplate and all,
    then the story stage in file order."""
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    raws = [r for r in read_articles(sorted(SEEDS.glob("*.txt"))) if isinstance(r, RawArticle)]
    pipeline = Pipeline(Settings(), nlp)
    return _in_stories(nlp, [pipeline.clean(raw) for raw in raws])


def _in_stories(nlp, cleans: list[CleanArticle]) -> list[Claim]:
    """Tagged, put in their stories in the order given, then extracted."""
    pipeline, stories, claims = Pipeline(Settings(), nlp), StoryIndex(), []
    for tagged in tag_articles(cleans, nlp):
        stories, tagged = pipeline.story(stories, tagged)
        claims += extract_claims(tagged)
    return claims


def _claims(nlp, *paragraphs: str) -> list[Claim]:
    """One article on its own, without the story stage: its main place is the subject."""
    (tagged,) = tag_articles(
        [CleanArticle(id="t", paragraphs=list(paragraphs), content_hash="h")], nlp
    )
    return extract_claims(tagged)


def _quantity(claim: Claim) -> str:
    """The key without its subject (the story): measure and scope."""
    return " | ".join(part for part in (claim.key.measure, claim.key.scope) if part)


def _find(claims: list[Claim], figure: str, seed: str = "") -> Claim:
    found = [c for c in claims if c.value.text == figure and c.article_id.startswith(seed)]
    assert found, f"no claim for {figure!r}"
    return found[0]


TROOPS = "troops deployed"
ADDITIONAL = "troops deployed | additional"
MORE_PROJECTED = "troops deployed projected | additional"
TROOP_CASUALTIES = "troops casualties"
"""'North Korean soldiers killed or injured': the counted population stays in the key; and
North Koreans counted by their harm, in an article that counted North Korean soldiers just
before, counts the same soldiers."""
DEATHS = "troops deaths"
INJURED = "troops injured"
WORKERS = "workers deployed projected"
ENGINEERS = "engineers deployed projected"


@pytest.mark.parametrize(
    ("seed", "figure", "key", "low", "high", "qualifier", "modality", "source"),
    [
        (
            "000",
            "more than 12,000",
            TROOPS,
            12000,
            None,
            Q.MORE_THAN,
            Modality.REPORTED,
            "Ukraine, United States, South Korea",
        ),
        ("001", "an estimated 11,000", TROOPS, 11000, 11000, Q.APPROX, Modality.ESTIMATED, None),
        (
            "002",
            "an estimated 14,000",
            TROOPS,
            14000,
            14000,
            Q.APPROX,
            Modality.ESTIMATED,
            "reports",
        ),
        (
            "003",
            "about 10,000-12,000",
            TROOPS,
            10000,
            12000,
            Q.RANGE,
            Modality.REPORTED,
            "United States, South Korea, Ukraine",
        ),
        ("004", "over 10,000", TROOPS, 10000, None, Q.MORE_THAN, Modality.REPORTED, "South Korea"),
        ("001", "up to 3,000", ADDITIONAL, None, 3000, Q.UP_TO, Modality.REPORTED, "JoongAng Ilbo"),
        ("003", "1,000-3,000", ADDITIONAL, 1000, 3000, Q.RANGE, Modality.REPORTED, "JoongAng Ilbo"),
        (
            "002",
            "up to 30,000",
            MORE_PROJECTED,
            None,
            30000,
            Q.UP_TO,
            Modality.PROJECTED,
            "reports",
        ),
        (
            "003",
            "about 300",
            DEATHS,
            300,
            300,
            Q.APPROX,
            Modality.REPORTED,
            "National Intelligence Service",
        ),
        (
            "004",
            "at least 300",
            DEATHS,
            300,
            None,
            Q.AT_LEAST,
            Modality.REPORTED,
            "South Korea",
        ),
        (
            "003",
            "2,700",
            INJURED,
            2700,
            2700,
            Q.EXACT,
            Modality.REPORTED,
            "National Intelligence Service",
        ),
        (
            "004",
            "Around 2,700",
            INJURED,
            2700,
            2700,
            Q.APPROX,
            Modality.REPORTED,
            "South Korea",
        ),
        (
            "003",
            "4,000",
            TROOP_CASUALTIES,
            4000,
            4000,
            Q.EXACT,
            Modality.REPORTED,
            "Volodymyr Zelenskyy",
        ),
        (
            "003",
            "around 1,200",
            TROOP_CASUALTIES,
            1200,
            1200,
            Q.APPROX,
            Modality.ESTIMATED,
            "United States",
        ),
        ("002", "Around 4,000", TROOP_CASUALTIES, 4000, 4000, Q.APPROX, Modality.ESTIMATED, None),
        (
            "001",
            "Thousands",
            TROOP_CASUALTIES,
            1000,
            None,
            Q.VAGUE,
            Modality.REPORTED,
            "South Korea",
        ),
        (
            "000",
            "5,000",
            WORKERS,
            5000,
            5000,
            Q.EXACT,
            Modality.PROJECTED,
            "Sergei Shoigu",
        ),
        (
            "000",
            "1,000",
            ENGINEERS,
            1000,
            1000,
            Q.EXACT,
            Modality.PROJECTED,
            "Sergei Shoigu",
        ),
        (
            "002",
            "5,000",
            WORKERS,
            5000,
            5000,
            Q.EXACT,
            Modality.PROJECTED,
            "Sergei Shoigu",
        ),
        (
            "002",
            "1,000",
            ENGINEERS,
            1000,
            1000,
            Q.EXACT,
            Modality.PROJECTED,
            "Sergei Shoigu",
        ),
    ],
)
def test_seed_figures(seed_claims, seed, figure, key, low, high, qualifier, modality, source):
    claim = _find(seed_claims, figure, seed)
    assert _quantity(claim) == key
    assert (claim.value.low, claim.value.high, claim.value.qualifier) == (low, high, qualifier)
    assert claim.modality is modality
    assert claim.attributed_to == source


SEED_FIGURES = {
    "000": ["5,000", "1,000", "more than 12,000"],
    "001": ["up to 3,000", "an estimated 11,000", "Thousands"],
    "002": ["up to 30,000", "an estimated 14,000", "1,000", "5,000", "Around 4,000"],
    "003": ["about 10,000-12,000", "about 300", "2,700", "4,000", "around 1,200", "1,000-3,000"],
    "004": ["at least 300", "Around 2,700", "over 10,000"],
}
"""Every figure of each seed's own text about troops, casualties, further deployments,
builders and engineers, in order, and nothing from the page around it (related articles
with their own tolls, tariffs, prices, CSS)."""


@pytest.mark.parametrize("seed", SEED_FIGURES)
def test_seeds_give_every_figure_and_nothing_from_the_page(seed_claims, seed):
    found = [c.value.text for c in seed_claims if c.article_id.startswith(seed)]
    assert found == SEED_FIGURES[seed]


def test_seed_keys_are_distinct_and_shared(seed_claims):
    # Five reports of North Korea's troops in Russia: one story, so one subject.
    assert len({c.story_id for c in seed_claims}) == 1
    assert len({c.key.subject for c in seed_claims}) == 1
    quantities = {_quantity(c) for c in seed_claims}
    assert {TROOPS, ADDITIONAL, TROOP_CASUALTIES, DEATHS, INJURED} <= quantities
    troops = {c.key_text for c in seed_claims if _quantity(c) == TROOPS}
    assert len(troops) == 1
    seeds = {c.article_id[:3] for c in seed_claims if c.key_text in troops}
    assert seeds == {"000", "001", "002", "003", "004"}
    casualties = {c.key_text for c in seed_claims if _quantity(c) == TROOP_CASUALTIES}
    assert len(casualties) == 1
    seeds = {c.article_id[:3] for c in seed_claims if c.key_text in casualties}
    assert seeds == {"001", "002", "003"}


def test_seeds_give_no_claims_for_dates_ages_or_years(seed_claims):
    texts = {c.value.text for c in seed_claims}
    assert not texts & {"2024", "2025", "3", "4", "76", "19", "7", "21"}


def test_earthquake_toll_revised_over_days(nlp):
    articles = [
        [
            "A powerful earthquake struck southern Turkey on Monday.",
            "At least 1,200 people were killed, the disaster agency said.",
        ],
        [
            "Rescuers in Turkey searched the rubble on Wednesday.",
            "The death toll rose to 2,400, officials said.",
        ],
        [
            "Officials in Turkey revised the toll down to 2,100 on Friday after duplicate "
            "records were found."
        ],
    ]
    a, b, c = _in_stories(
        nlp,
        [
            CleanArticle(id=f"t{n}", paragraphs=paragraphs, content_hash=f"h{n}")
            for n, paragraphs in enumerate(articles)
        ],
    )
    assert a.story_id == b.story_id == c.story_id
    assert a.key_text == b.key_text == c.key_text
    assert (a.key.measure, a.key.scope) == ("deaths", "")
    assert (a.value.low, a.value.qualifier) == (1200, Q.AT_LEAST)
    assert (b.value.low, b.value.qualifier) == (2400, Q.EXACT)
    assert (c.value.low, c.attributed_to) == (2100, "Turkey")


def test_a_province_named_only_by_its_wording_keys_the_toll(nlp):
    claims = _claims(
        nlp,
        "A 7.1-magnitude earthquake struck Hallan province on Monday.",
        "The death toll rose to 1,200 on Tuesday, the health ministry said.",
        "By Thursday, the ministry said 3,450 people had died and more than 10,000 were injured.",
    )
    assert [(c.key_text, c.value.text, c.attributed_to) for c in claims] == [
        ("Hallan | deaths", "1,200", "health ministry"),
        ("Hallan | deaths", "3,450", "health ministry"),
        ("Hallan | injured", "more than 10,000", "health ministry"),
    ]


def test_crowd_counted_by_police_and_organisers(nlp):
    police, organisers = _claims(
        nlp,
        "Protesters marched through Tbilisi on Saturday against the Georgian government.",
        "Police said about 20,000 protesters took part, while organisers said "
        "more than 100,000 people attended the rally.",
    )
    assert police.key_text == organisers.key_text
    assert (police.value.low, police.value.qualifier, police.attributed_to) == (
        20000,
        Q.APPROX,
        "police",
    )
    assert (organisers.value.low, organisers.value.qualifier) == (100000, Q.MORE_THAN)
    assert organisers.attributed_to == "organisers"


@pytest.mark.parametrize(
    "sentence",
    [
        "About 40,000 people joined the march in Varna, according to the union.",
        "About 40,000 people took part in the protest in Varna, according to the union.",
        "About 40,000 people participated in the rally in Varna, according to the union.",
        "About 40,000 people marched through Varna, according to the union.",
    ],
)
def test_a_crowd_is_a_crowd_however_it_gathers(nlp, sentence):
    (claim,) = _claims(nlp, sentence)
    assert (claim.key_text, claim.value.low, claim.attributed_to) == (
        "Varna | crowd",
        40000,
        "union",
    )


def test_refugees_crossing_a_border(nlp):
    claims = _claims(
        nlp,
        "More than 30,000 refugees crossed into Poland from Belarus over the "
        "weekend, the border guard said.",
        "Some 12,000 refugees have entered Poland since Friday, according to "
        "the UN refugee agency.",
    )
    assert [c.key.measure for c in claims] == ["crossed", "crossed"]
    assert claims[0].key_text == claims[1].key_text
    # 'since Friday' is the running total itself, not a window: it stays out of the key.
    assert (claims[1].key.scope, claims[1].period) == ("", None)


def test_more_refugees_expected_is_a_projection_of_additional_crossings(nlp):
    report, projection = _claims(
        nlp,
        "About 9,000 refugees have crossed into Ostland since Monday, the U.N. refugee "
        "agency said.",
        "Up to 20,000 more could arrive this week, the agency warned.",
    )
    assert report.key_text == "Ostland | crossed"
    assert projection.key_text == "Ostland | crossed projected | additional"
    assert (projection.value.high, projection.value.qualifier) == (20000, Q.UP_TO)
    assert projection.modality is Modality.PROJECTED
    assert report.attributed_to == projection.attributed_to == "U.N."


def test_flood_dead_missing_and_evacuated(nlp):
    claims = _claims(
        nlp,
        "Floods swept through eastern Libya on Sunday.",
        "Officials said 150 people died and 400 were missing, and nearly 3,000 "
        "residents were evacuated.",
    )
    assert [(c.key.measure, c.value.low, c.value.high) for c in claims] == [
        ("deaths", 150, 150),
        ("missing", 400, 400),
        ("evacuated", 2700, 3000),
    ]
    assert {c.key.subject for c in claims} == {"Libya"}


def test_projection_is_not_a_report(nlp):
    (claim,) = _claims(
        nlp, "Officials said Ruritania is expected to send up to 2,000 more soldiers to the front."
    )
    assert claim.modality is Modality.PROJECTED
    assert (claim.key.measure, claim.key.scope) == ("troops deployed projected", "additional")


def test_flood_left_dead_and_missing(nlp):
    claims = _claims(
        nlp,
        "Floods in Dova have left at least 45 people dead and 120 missing, officials said.",
        "The number of missing rose to 130 on Wednesday.",
    )
    assert [(c.key_text, c.value.text) for c in claims] == [
        ("Dova | deaths", "at least 45"),
        ("Dova | missing", "120"),
        ("Dova | missing", "130"),
    ]
