"""Quantity and scope rules, one table row per rule, on short stories written for these tests.

Each story is a few articles tagged with the real model and put through the story
stage in order (as `replay` reads them), so a claim's subject is its story and
the tables assert only on what the rules decide: the measure (count type with its
population), the scope (place, period, window, increment), the kind and whether
the article cites the figure as superseded. Published dates are given, so days
like 'on Sunday' resolve.
"""

from datetime import UTC, datetime

import pytest

from agents.extract import extract_claims
from agents.pipeline import Pipeline
from agents.story import StoryIndex
from agents.tag import tag_articles
from streams.models import Claim, CleanArticle
from streams.settings import Settings

Article = tuple[str, list[str], datetime]


def _day(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


STORIES: dict[str, list[Article]] = {
    "quake": [
        (
            "Quake in Veloria leaves 52 dead, 412 injured",
            ["A strong earthquake struck northern Veloria on Monday, the interior ministry said."],
            _day(2024, 3, 5),
        ),
        (
            "Veloria quake toll climbs",
            [
                "The toll from Monday's earthquake in northern Veloria rose to 2,300, "
                "up from 1,450 a day earlier, the health ministry said.",
                "The collapse of a hotel claimed 17 lives, rescuers said.",
                "Initially, more than 5,000 people were reported missing, but most have "
                "since been found.",
                "Seismologists warned the toll could reach 20,000.",
            ],
            _day(2024, 3, 7),
        ),
    ],
    "flood": [
        (
            "Flash floods sweep through Dunrow",
            [
                "Flash floods swept through Dunrow on Thursday.",
                "At least 45 people have died, and 120 people are still missing, rescuers said.",
                "By Friday officials had identified 64 bodies, while 143 bodies were still "
                "yet to be identified, according to the health ministry.",
                "The number of evacuees was earlier put at 2,880, which officials later "
                "revised to 2,750.",
            ],
            _day(2024, 5, 4),
        ),
    ],
    "march": [
        (
            "Calder marchers fill the streets",
            [
                "Opponents of the labour law marched through Calder on Sunday.",
                "Police said 40,000 people joined the march, while organisers put the crowd "
                "at 150,000.",
            ],
            _day(2019, 6, 18),
        ),
        (
            "Calder marchers vow to return",
            [
                "Organisers said 200,000 people marched through Calder on Sunday.",
                "On June 9, police had counted 50,000 marchers in Calder.",
            ],
            _day(2019, 6, 18),
        ),
    ],
    "rally": [
        (
            "Pension protest in Varna",
            [
                "Opponents of the pension reform rallied in Varna on Saturday.",
                "Organisers said 90,000 people joined the march.",
            ],
            _day(2019, 6, 18),
        ),
    ],
    "border": [
        (
            "Refugees flee fighting in Sardia",
            [
                "Fighting in Sardia has driven thousands across the border into Montel.",
                "The UN refugee agency said 15,000 refugees had crossed into Montel since Friday.",
                "More than 3,000 crossed within 24 hours, the agency said.",
            ],
            _day(2024, 5, 4),
        ),
    ],
    "riot": [
        (
            "Riots in Westbury",
            [
                "Riots broke out in Westbury on Saturday night.",
                "Police said 27 officers were injured and 14 people were arrested.",
                "Prosecutors said they had charged 215 people over the unrest.",
                "In total police have brought 390 charges, officials said.",
            ],
            _day(2024, 8, 10),
        ),
    ],
    "troops": [
        (
            "Ruritania reinforces its northern border",
            [
                "Ruritania has sent an additional 1,000 troops to its northern border, "
                "the defence ministry said.",
                "About 5,000 troops were deployed there last month.",
                "The army is also sending 200 trucks of supplies to the region.",
            ],
            _day(2023, 7, 20),
        ),
    ],
    "pilgrims": [
        (
            "Pilgrims die in extreme heat at the Velmar shrine",
            [
                "More than 1,000 pilgrims died at the shrine in Morocco as "
                "temperatures passed 50C, officials said.",
                "At least 240 of the dead were Peruvians, according to diplomats.",
            ],
            _day(2024, 6, 19),
        ),
    ],
    "taxes": [
        (
            "Deadly tax protests in Peru",
            [
                "Protests against new taxes swept Peru on Tuesday.",
                "Rights groups said 52 people were killed and 410 more were injured across "
                "the country.",
                "Twenty people died in the capital, Lima, the groups said.",
            ],
            _day(2024, 7, 2),
        ),
    ],
    "dams": [
        (
            "Flood toll in Dova climbs",
            [
                "Floodwaters burst two dams above Dova on Sunday night.",
                "The mayor said 1,200 people died in Dova, and 900 were missing.",
            ],
            _day(2023, 9, 15),
        ),
    ],
    "fire": [
        (
            "Tower fire in Brennan kills 12",
            [
                "A fire in a tower block in Brennan killed 12 people on Monday, the fire "
                "service said.",
                "The blaze revived memories of the 60 people who died in a 2009 fire in "
                "the same district.",
            ],
            _day(2023, 2, 7),
        ),
    ],
    "heat": [
        (
            "Heatwave deaths in Tarsia",
            [
                "Extreme heat has gripped Tarsia for a week.",
                "Health officials said 120 people died within three days, and 300 have died "
                "since the heatwave began.",
            ],
            _day(2023, 7, 20),
        ),
    ],
    "restated": [
        (
            "Deadly protests in Ostrova",
            [
                "Security forces opened fire on protesters in Ostrova.",
                "Medics said 12 people were killed during Tuesday's protests.",
                "The 12 people were killed across the country, the medics added.",
            ],
            _day(2024, 6, 27),
        ),
    ],
}


def _in_story(nlp, articles: list[Article]) -> list[Claim]:
    cleans = [
        CleanArticle(
            id=f"a{n}", title=title, paragraphs=paragraphs, published_at=day, content_hash=f"h{n}"
        )
        for n, (title, paragraphs, day) in enumerate(articles)
    ]
    pipeline, stories, claims = Pipeline(Settings(), nlp), StoryIndex(), []
    for tagged in tag_articles(cleans, nlp):
        stories, tagged = pipeline.story(stories, tagged)
        claims += extract_claims(tagged)
    return claims


@pytest.fixture(scope="module")
def claims(nlp) -> dict[str, list[Claim]]:
    return {name: _in_story(nlp, articles) for name, articles in STORIES.items()}


def _one(claims: list[Claim], figure: str) -> Claim:
    found = [c for c in claims if c.value.text == figure]
    assert found, f"no claim for {figure!r} in {[c.value.text for c in claims]}"
    return found[0]


def _article(nlp, sentence: str, title: str | None = None) -> list[Claim]:
    """One article of one sentence, published on a Tuesday, through the story stage."""
    return _in_story(nlp, [(title or "", [sentence], _day(2024, 6, 18))])


# (story, figure as written, measure, scope)
MEASURES = [
    # one headline, two types: each figure its own, never casualties
    ("quake", "52", "deaths", ""),
    ("quake", "412", "injured", ""),
    ("quake", "17", "deaths", ""),  # 'claimed 17 lives'
    ("quake", "more than 5,000", "missing", ""),
    ("flood", "At least 45", "deaths", ""),
    ("flood", "120", "missing", ""),
    # a population other than the general public stays in the key; bodies are no plain
    # population for identification ('plain' only folds bodies into deaths)
    ("flood", "64", "bodies identified", ""),
    ("flood", "143", "bodies unidentified", ""),
    ("flood", "2,750", "evacuated", ""),
    ("riot", "27", "officers injured", ""),
    ("riot", "14", "arrested", ""),
    ("riot", "215", "charged", ""),
    ("riot", "390", "charges", ""),
    ("troops", "About 5,000", "troops deployed", ""),
    ("troops", "1,000", "troops deployed", "additional"),
    ("border", "15,000", "crossed", ""),  # 'since Friday' is the running total itself
    ("border", "More than 3,000", "crossed", "within 24 hours"),
    ("heat", "120", "deaths", "within three days"),
    ("heat", "300", "deaths", ""),
    # a nationality narrows the dead of a story that is not about that country
    ("pilgrims", "More than 1,000", "deaths", ""),
    ("pilgrims", "At least 240", "deaths", "Peru"),
    # 'more' after another type only enumerates
    ("taxes", "52", "deaths", ""),
    ("taxes", "410", "injured", ""),
    # a story place narrows a part of a larger figure of the same key ...
    ("taxes", "Twenty", "deaths", "Lima"),
    # ... and alone it is the story's own place
    ("dams", "1,200", "deaths", ""),
    ("dams", "900", "missing", ""),
    # a tally's own event day; another event's year
    ("fire", "12", "deaths", "2023-02-06"),
    ("fire", "60", "deaths", "2009"),
    # a per-event crowd gets its day, from the sentence or else from the article
    ("march", "40,000", "crowd", "2019-06-16"),
    ("march", "150,000", "crowd", "2019-06-16"),
    ("march", "200,000", "crowd", "2019-06-16"),
    ("march", "50,000", "crowd", "2019-06-09"),
    ("rally", "90,000", "crowd", "2019-06-15"),
    # a projection is keyed as such
    ("quake", "20,000", "deaths projected", ""),
    # a dated statement and the same figure restated without its day
    ("restated", "12", "deaths", "2024-06-25"),
]


@pytest.mark.parametrize(("story", "figure", "measure", "scope"), MEASURES)
def test_measure_and_scope(claims, story, figure, measure, scope):
    claim = _one(claims[story], figure)
    assert (claim.key.measure, claim.key.scope) == (measure, scope)


# (story, figure, kind)
KINDS = [
    ("quake", "52", "cumulative"),
    ("quake", "412", "cumulative"),
    ("flood", "120", "stock"),
    ("flood", "143", "stock"),
    ("flood", "64", "cumulative"),
    ("riot", "215", "cumulative"),
    ("troops", "About 5,000", "stock"),
    ("march", "40,000", "per_event"),
    ("rally", "90,000", "per_event"),
    ("border", "15,000", "cumulative"),
]


@pytest.mark.parametrize(("story", "figure", "kind"), KINDS)
def test_quantity_kind(claims, story, figure, kind):
    assert _one(claims[story], figure).quantity_kind == kind


# (story, figure, whether the article cites it as superseded)
HISTORICAL = [
    ("quake", "1,450", True),  # 'up from 1,450'
    ("quake", "2,300", False),
    ("quake", "more than 5,000", True),  # 'Initially, more than 5,000 ...'
    ("flood", "2,880", True),  # 'was earlier put at 2,880'
    ("flood", "2,750", False),  # '... which officials later revised to 2,750'
    ("flood", "At least 45", False),
    ("riot", "215", False),
    ("march", "50,000", False),
]


@pytest.mark.parametrize(("story", "figure", "historical"), HISTORICAL)
def test_historical(claims, story, figure, historical):
    claim = _one(claims[story], figure)
    assert claim.historical is historical
    assert (claim.as_of is not None) is historical


@pytest.mark.parametrize(
    ("story", "figure", "place", "period", "window", "increment"),
    [
        ("pilgrims", "At least 240", "Peru", None, None, False),
        ("taxes", "Twenty", "Lima", None, None, False),
        ("dams", "1,200", None, None, None, False),
        ("march", "40,000", None, "2019-06-16", None, False),
        ("fire", "60", None, "2009", None, False),
        ("heat", "120", None, None, "within three days", False),
        ("troops", "1,000", None, None, None, True),
        ("taxes", "410", None, None, None, False),
    ],
)
def test_key_parts(claims, story, figure, place, period, window, increment):
    key = _one(claims[story], figure).key
    assert (key.place, key.period, key.window, key.increment) == (
        place,
        period,
        window,
        increment,
    )


def test_police_and_organisers_count_one_crowd(claims):
    police, organisers = _one(claims["march"], "40,000"), _one(claims["march"], "150,000")
    assert police.key == organisers.key
    assert (police.attributed_to, organisers.attributed_to) == ("police", "organisers")


def test_two_march_days_are_two_keys(claims):
    sunday, earlier = _one(claims["march"], "200,000"), _one(claims["march"], "50,000")
    assert sunday.story_id == earlier.story_id
    assert sunday.key != earlier.key


def test_a_projection_never_shares_the_report_key(claims):
    report, projection = _one(claims["quake"], "2,300"), _one(claims["quake"], "20,000")
    assert report.story_id == projection.story_id
    assert report.key.measure == "deaths"
    assert projection.key != report.key


def test_a_restated_figure_shares_the_dated_key(claims):
    dated, restated = [c for c in claims["restated"] if c.value.text == "12"]
    assert dated.key.period == "2024-06-25"
    assert restated.key == dated.key


def test_a_story_place_narrows_only_a_part_of_a_larger_figure(claims):
    whole, part = _one(claims["taxes"], "52"), _one(claims["taxes"], "Twenty")
    assert part.key != whole.key
    assert part.key.measure == whole.key.measure == "deaths"
    assert _one(claims["dams"], "1,200").key.place is None


def test_trucks_of_supplies_are_no_troops(claims):
    assert "200" not in {c.value.text for c in claims["troops"]}


# One sentence on its own: (sentence, figure, measure)
SENTENCES = [
    # 'killed or wounded' under one figure is casualties, never deaths
    (
        "At least 60 people were killed or wounded when shells hit the market in Karsk.",
        "At least 60",
        "casualties",
    ),
    ("The shelling of Karsk killed or wounded 60 people, officials said.", "60", "casualties"),
    # 'wounded' is coordinated with 'killed', the clause on the counted noun
    (
        "Shelling of the market in Karsk on Friday left 60 people killed or wounded.",
        "60",
        "casualties",
    ),
    # lives lost and lives claimed are deaths
    (
        "Fourteen villagers lost their lives when the slope near Pelora gave way.",
        "Fourteen",
        "deaths",
    ),
    ("The landslide near Pelora has claimed 23 lives, rescuers said.", "23", "deaths"),
    # people-only types need people
    (
        "The government said 5,000 troops were deployed to the flooded valley.",
        "5,000",
        "troops deployed",
    ),
    ("Aid agencies will send 200 trucks of supplies to the flooded valley.", "200", None),
    # a counted noun that names no people: no one counted
    ("Now 6 field hospitals have been opened near Pelora, officials said.", "6", None),
    ("Some 12 countries have confirmed fatalities among their nationals.", "Some 12", None),
    ("Two police horses were hurt when the crowd charged.", "Two", None),
    # a figure that names no type takes the one before it only if it counts people too
    (
        "The crash toll near Pelora rose to 140, two days after three trains collided.",
        "140",
        "deaths",
    ),
    (
        "The crash toll near Pelora rose to 140, two days after three trains collided.",
        "three",
        None,
    ),
    ("The quake toll in Karsk reached 90 after two nights of aftershocks.", "two", None),
    # a verb with its particle: 'turned out', 'turned up'
    ("Organisers said at least 90,000 had turned out in Calder.", "at least 90,000", "crowd"),
    ("Police said 5,000 people turned up in Calder on Sunday.", "5,000", "crowd"),
    # a number the parse hangs on a modifier counts the noun the modifiers describe
    (
        "Some 4,000 riot trained officers are still deployed in Westbury.",
        "Some 4,000",
        "officers deployed",
    ),
    # what moves a tally names what it counts; 'the total' is no part of what came before
    ("Fresh arrests in Westbury took the tally to 900 on Monday.", "900", "arrested"),
    # an adjective on the counted people says who they are, the verb what is counted
    ("Doctors said 610 injured passengers had been discharged by Sunday.", "610", "discharged"),
    ("Rescuers found 35 injured hikers near the Karsk pass.", "35", "injured"),
    # a tally named by the clause on it: 'the toll remaining at 140'
    ("The mayor spoke about the Karsk toll remaining at 140.", "140", "deaths"),
    # the people who give a figure are not counted by it
    ("At least 80 of the dead were Varnians, two Calder envoys told reporters.", "two", None),
    ("Two Pelora officials said the flood had killed 40 people.", "40", "deaths"),
    ("Two Pelora officials said the flood had killed 40 people.", "Two", None),
    # a count type of a later clause, after a figure of another type ('120' hangs on the
    # auxiliary 'were' of 'missing')
    ("Rescuers said 45 people had died and 120 were missing.", "120", "missing"),
    # a figure the parser joins to the one before reads the words after it
    ("Officials said the toll had risen to 510 and another 30 were missing.", "30", "missing"),
]


@pytest.mark.parametrize(("sentence", "figure", "measure"), SENTENCES)
def test_single_sentence_measure(nlp, sentence, figure, measure):
    found = {c.value.text: c.key.measure for c in _article(nlp, sentence)}
    if measure is None:
        assert figure not in found
    else:
        assert found.get(figure) == measure


# One sentence on its own, published Tuesday 18 June 2024: (sentence, figure, key scope)
CROWD_DAYS = [
    ("Police said 12,000 people joined the rally in Varna on Sunday.", "12,000", "2024-06-16"),
    (
        "About 8,000 people marched through Varna yesterday, police said.",
        "About 8,000",
        "2024-06-17",
    ),
    (
        "Organisers said 30,000 people attended the vigil in Varna on June 14.",
        "30,000",
        "2024-06-14",
    ),
    ("Police said 6,000 people protested in Varna on Tuesday.", "6,000", "2024-06-18"),
]


@pytest.mark.parametrize(("sentence", "figure", "period"), CROWD_DAYS)
def test_a_crowd_is_keyed_by_its_day(nlp, sentence, figure, period):
    (claim,) = [c for c in _article(nlp, sentence) if c.value.text == figure]
    assert (claim.key.measure, claim.key.period, claim.quantity_kind) == (
        "crowd",
        period,
        "per_event",
    )


# One sentence on its own: (sentence, figure, historical)
SUPERSEDED = [
    ("The ministry raised the toll to 130, replacing the previous toll of 115.", "115", True),
    ("The ministry raised the toll to 130, replacing the previous toll of 115.", "130", False),
    ("Police said the number of arrests rose from 41 to 31 on Monday.", "41", True),
    ("Police said the number of arrests rose from 41 to 31 on Monday.", "31", False),
    ("From Tuesday to Friday 300 people were arrested in Varna.", "300", False),
]


@pytest.mark.parametrize(("sentence", "figure", "historical"), SUPERSEDED)
def test_a_superseded_figure_keeps_its_key(nlp, sentence, figure, historical):
    claims = _article(nlp, sentence)
    (claim,) = [c for c in claims if c.value.text == figure]
    assert claim.historical is historical
    assert len({c.key for c in claims}) == 1


def test_a_listed_figure_counts_by_its_place_what_the_sentence_counts(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Deaths in Andes storms rise",
                [
                    "Forty-two people have been killed across the Andes, the agency said.",
                    "The deaths by country are as follows: Peru (17) and Chile (4).",
                ],
                _day(2024, 7, 1),
            )
        ],
    )
    total, peru, chile = (_one(claims, figure) for figure in ("Forty-two", "17", "4"))
    assert {c.key.measure for c in (total, peru, chile)} == {"deaths"}
    # The whole is across the region, the listed figures are its parts.
    assert (total.key.place, peru.key.place, chile.key.place) == (None, "Peru", "Chile")


@pytest.mark.parametrize(
    ("sentence", "figure", "period"),
    [
        # the clause hangs on another year: that event's count
        (
            "It was the largest march since 2009, when over 20,000 people marched.",
            "over 20,000",
            "2009",
        ),
        # an anniversary is this year's event, not the year it remembers (no day is given)
        (
            "Thousands marched in Calder on the tenth anniversary of the 2014 floods.",
            "Thousands",
            None,
        ),
    ],
)
def test_another_years_event_and_an_anniversary(nlp, sentence, figure, period):
    assert _one(_article(nlp, sentence), figure).key.period == period


def test_the_capital_is_the_place_the_article_named_as_the_capital(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Deaths in Peru protests rise",
                [
                    "Forty-two people were killed across Peru, the commission said.",
                    "Most of the violence was in the capital, Lima.",
                    "Police said 15 people died in the capital city.",
                ],
                _day(2024, 7, 1),
            )
        ],
    )
    assert _one(claims, "15").key.place == "Lima"
    assert _one(claims, "Forty-two").key.place is None


def test_an_unnamed_capital_is_the_capital_of_the_country_the_article_names(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Deaths in Chile protests rise",
                [
                    "Thirty people were killed across Chile during the week, a rights group said.",
                    "Doctors there said 12 people died in the capital city.",
                ],
                _day(2024, 7, 1),
            )
        ],
    )
    assert _one(claims, "12").key.place == "Santiago"
    assert _one(claims, "Thirty").key.place is None


def test_every_item_of_a_list_of_places_is_a_place(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Deaths in Peru protests rise",
                [
                    "Fifty people have died in the protests across Peru, the commission said.",
                    "By region, the dead break down as: Lima (21), Cusco (3), "
                    "Santa Rosa (4) and Puno (1).",
                ],
                _day(2024, 7, 1),
            )
        ],
    )
    places = {figure: _one(claims, figure).key.place for figure in ("21", "3", "4", "1")}
    assert places == {"21": "Lima", "3": "Cusco", "4": "Santa Rosa", "1": "Puno"}


def test_the_dead_included_figures_from_several_countries(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Heatwave in Varnia kills hundreds of pilgrims",
                [
                    "A heatwave in Varnia killed more than 900 pilgrims, Varnia's health "
                    "ministry said.",
                    "The dead included 58 from Peru, 35 from Chile and 12 from Bolivia.",
                ],
                _day(2024, 6, 20),
            )
        ],
    )
    keys = {f: (_one(claims, f).key.measure, _one(claims, f).key.place) for f in ("58", "35", "12")}
    assert keys == {
        "58": ("deaths", "Peru"),
        "35": ("deaths", "Chile"),
        "12": ("deaths", "Bolivia"),
    }


def test_people_from_a_place_named_by_whose_it_is_are_a_part_of_the_toll(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Karsk rail crash toll climbs",
                [
                    "The Karsk rail crash has left at least 280 dead, officials said.",
                    "The governor of a northern province said 45 people from her province "
                    "had died.",
                ],
                _day(2024, 6, 6),
            )
        ],
    )
    assert _one(claims, "at least 280").key.place is None
    assert _one(claims, "45").key.place == "her province"


@pytest.mark.parametrize(
    ("sentence", "part", "whole"),
    [
        ("Of the 740 arrests, 30 relate to online offences, police said.", "30", "740"),
        (
            "Police said of the 50 officers injured, 45 were from the Westbury force.",
            "45",
            "50",
        ),
    ],
)
def test_a_part_of_a_whole_the_sentence_counts_is_keyed_apart(nlp, sentence, part, whole):
    claims = _article(nlp, sentence)
    assert _one(claims, part).key.measure == _one(claims, whole).key.measure
    assert _one(claims, part).key_text != _one(claims, whole).key_text
    assert _one(claims, whole).key.group is None


def test_figures_a_listing_of_new_deaths_includes_are_increments(nlp):
    claims = _article(nlp, "New deaths reported on Friday included 44 from Chile, an envoy said.")
    assert _one(claims, "44").key.increment


def test_a_place_that_names_the_event_does_not_narrow_the_toll(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Chile wildfire toll revised",
                [
                    "At least 110 people died as fires swept across central Chile, the "
                    "governor said.",
                    "Officials now say 90 people died in the Valparaiso wildfire.",
                ],
                _day(2024, 9, 1),
            )
        ],
    )
    assert _one(claims, "90").key_text == _one(claims, "At least 110").key_text


def test_a_figure_of_a_tally_the_tagger_reads_as_a_date_is_a_figure(nlp):
    """'a figure of 52 earlier on Monday' is tagged as one date by the model."""
    claims = _article(
        nlp,
        "At least 90 Varnians perished, envoys said, up from the ministry's official figure "
        "of 52 earlier on Monday.",
    )
    assert _one(claims, "52").historical
    assert _one(claims, "52").key_text == _one(claims, "At least 90").key_text


def test_the_total_is_no_part_of_what_the_article_counted_before(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Heatwave in Varnia kills hundreds of pilgrims",
                [
                    "A heatwave in Varnia killed more than 400 pilgrims, officials said.",
                    "At least 60 Chileans died, envoys said. Officials later raised the total "
                    "reported by several countries to 610.",
                ],
                _day(2024, 6, 20),
            )
        ],
    )
    assert _one(claims, "At least 60").key.place == "Chile"
    assert _one(claims, "610").key.place is None


def test_a_breakdown_by_any_name_keys_each_item_apart_from_the_total(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Arrests after Westbury riots pass 900",
                [
                    "Police have arrested 915 people since the riots in Westbury began.",
                    "The forces with the most arrests were: Harbour Police (240), "
                    "Northern Constabulary (163) and Dova (12).",
                ],
                _day(2024, 8, 9),
            )
        ],
    )
    assert {f: _one(claims, f).key.place for f in ("915", "240", "163", "12")} == {
        "915": None,
        "240": "Harbour Police",
        "163": "Northern Constabulary",
        "12": "Dova",
    }


def test_a_wire_datelines_date_is_not_the_day_of_what_is_counted(nlp):
    filed = _one(
        _article(nlp, "June 12 (Wire) - At least 900 people died in the Pelora floods."),
        "At least 900",
    )
    told = _one(
        _article(nlp, "At least 900 people died in the Pelora floods on June 12."), "At least 900"
    )
    assert (filed.key.period, told.key.period) == (None, "2024-06-12")


@pytest.mark.parametrize(
    ("sentence", "figure", "group"),
    [
        (
            "At least 420 Peruvians died, of whom 210 were unregistered workers.",
            "210",
            "unregistered",
        ),
        ("Officials said 18 registered workers died of heat stroke.", "18", "registered"),
        ("Six officers suffered serious injuries in the clashes.", "Six", "serious"),
        ("Another 12 people were seriously injured, police said.", "12", "serious"),
        ("At least 40 protesters were hurt in the scuffles, police said.", "At least 40", None),
        (
            "They said another 60 are nursing gunshot injuries from the demonstrations.",
            "60",
            "gunshot",
        ),
        # 'mostly' tells what most of them were, not which of them are counted
        (
            "At least 900 people died during the pilgrimage, officials say, mostly "
            "unregistered workers who had queued for hours in the sun.",
            "At least 900",
            None,
        ),
    ],
)
def test_a_sub_group_by_attribute_narrows_the_key(nlp, sentence, figure, group):
    assert _one(_article(nlp, sentence), figure).key.group == group


def test_a_nationality_counts_the_people_the_article_counted_before(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Peruvian soldiers in the Varnia war",
                [
                    "Commanders said 140 Peruvian soldiers were killed and 900 more were "
                    "wounded in the first month.",
                    "By Lima's count, 2,500 Peruvians had been killed or wounded.",
                    "Some 5,000 Peruvians were displaced by the fighting.",
                ],
                _day(2025, 2, 27),
            )
        ],
    )
    measures = {f: _one(claims, f).key.measure for f in ("140", "2,500", "Some 5,000")}
    # the soldiers' harm, counted by nationality, is theirs; being displaced is not
    assert measures == {
        "140": "troops deaths",
        "2,500": "troops casualties",
        "Some 5,000": "displaced",
    }


def test_in_a_story_named_by_a_country_other_nationals_are_a_part(nlp):
    """A story of Morocco's pilgrimage: Peruvians who died there are some of the dead,
    even in a report that dwells on Peru; Moroccans are the story's own people."""
    claims = _in_story(
        nlp,
        [
            (
                "Heatwave kills pilgrims in Morocco",
                [
                    "A heatwave in Morocco killed more than 900 pilgrims, Morocco's health "
                    "ministry said."
                ],
                _day(2024, 6, 20),
            ),
            (
                "Peru mourns its pilgrims",
                [
                    "Peru's foreign ministry said the heatwave killed pilgrims from across "
                    "Peru, and families in Peru await their bodies.",
                    "The Peruvian death toll rose to 60, officials in Peru said.",
                    "At least 400 Moroccans died in the heatwave, health officials said.",
                ],
                _day(2024, 6, 21),
            ),
        ],
    )
    assert _one(claims, "60").key.place == "Peru"
    assert _one(claims, "At least 400").key.place is None


def test_dead_and_missing_under_one_figure_is_its_own_count(nlp):
    (claim,) = _article(nlp, "The floods left thousands dead and missing, officials said.")
    assert (claim.key.measure, claim.quantity_kind) == ("dead or missing", "stock")


def test_a_demonym_on_the_counted_people_is_their_country(nlp):
    claims = _in_story(
        nlp,
        [
            (
                "Heat deaths at the pilgrimage in Morocco pass 1,000",
                [
                    "More than 1,000 pilgrims died in the heat in Morocco, officials said.",
                    "The agency said 40 Peruvian citizens died during the pilgrimage.",
                ],
                _day(2024, 6, 21),
            )
        ],
    )
    assert _one(claims, "40").key.place == "Peru"
