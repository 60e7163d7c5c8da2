"""Event counts share one key across outlets: stories written for these tests, real model.

Each story is told by two outlets in different words (a county or a town in it,
a headline naming the place or not, 'people fled into' or 'arrivals'); every
figure of the measure must land on one key with its own speaker. The articles go
through the story stage in order, as `replay` reads them, so the key's subject is
their story.
"""

import pytest

from agents.extract import extract_claims
from agents.pipeline import Pipeline
from agents.story import StoryIndex
from agents.tag import tag_articles
from streams.models import Claim, CleanArticle, Modality
from streams.settings import Settings


def _claims(nlp, *articles: tuple[str, list[str]]) -> list[Claim]:
    cleans = [
        CleanArticle(id=f"a{n}", title=title, paragraphs=paragraphs, content_hash=f"h{n}")
        for n, (title, paragraphs) in enumerate(articles)
    ]
    pipeline, stories, claims = Pipeline(Settings(), nlp), StoryIndex(), []
    for tagged in tag_articles(cleans, nlp):
        stories, tagged = pipeline.story(stories, tagged)
        claims += extract_claims(tagged)
    return claims


STORIES = {
    "wildfire evacuations by fire agency and sheriff": (
        [
            (
                "Wildfire forces thousands from their homes in Alder County",
                [
                    "A wind-driven wildfire tore through Alder County on Tuesday.",
                    "About 12,000 residents have been evacuated, the state fire agency said.",
                ],
            ),
            (
                "Sheriff orders more evacuations as fire nears Brenton",
                [
                    "The sheriff said 8,000 people had been evacuated from homes near Brenton.",
                    "Crews from across Alder County were sent to the fire line.",
                ],
            ),
        ],
        "evacuated",
        {"About 12,000": "state fire agency", "8,000": "sheriff"},
    ),
    "stadium crowd by league and organisers": (
        [
            (
                "Dunmore hosts the cup final",
                [
                    "A crowd of 60,000 watched the final in Dunmore on Sunday, the league said.",
                ],
            ),
            (
                "Record turnout for the Dunmore final",
                ["Organisers said 75,000 fans attended the final in Dunmore."],
            ),
        ],
        "crowd",
        {"60,000": "league", "75,000": "organisers"},
    ),
    "migrants arriving by boat": (
        [
            (
                "Boats keep arriving on Greek islands",
                [
                    "More than 1,200 migrants arrived in Greece by boat over the weekend, "
                    "the coast guard said.",
                ],
            ),
            (
                "Aid agencies struggle as arrivals rise",
                [
                    "About 3,000 people fled into Greece from Turkey last week, "
                    "the U.N. refugee agency said.",
                    "The agency counted 1,500 arrivals on the islands on Sunday alone.",
                ],
            ),
        ],
        "crossed",
        {"More than 1,200": "coast guard", "About 3,000": "U.N.", "1,500": "U.N."},
    ),
    "border crossings disputed by a ministry": (
        [
            (
                "Ostland and U.N. disagree on numbers fleeing Westmark",
                [
                    "The U.N. said about 9,000 refugees had crossed into Ostland since Monday.",
                    "Ostland's interior ministry put the number at 4,000.",
                ],
            ),
        ],
        "crossed",
        {"about 9,000": "U.N.", "4,000": "Ostland"},
    ),
    "protest counted by police and organisers": (
        [
            (
                "Thousands march in Varna against fuel prices",
                [
                    "Police put the crowd at about 8,000, while organisers said "
                    "more than 30,000 people marched through Varna on Friday.",
                ],
            ),
            (
                "Police revise count of Varna fuel march",
                ["Police raised their estimate of the crowd in Varna to 12,000."],
            ),
        ],
        "crowd",
        {"about 8,000": "police", "more than 30,000": "organisers", "12,000": "police"},
    ),
}


@pytest.mark.parametrize("story", STORIES)
def test_event_counts_share_one_key_across_outlets(nlp, story):
    articles, measure, speakers = STORIES[story]
    claims = {c.value.text: c for c in _claims(nlp, *articles)}
    assert set(speakers) <= set(claims), sorted(claims)
    (story_id,) = {claims[figure].story_id for figure in speakers}
    (key,) = {claims[figure].key_text for figure in speakers}
    label = claims[next(iter(speakers))].story
    assert story_id and label
    assert key == f"{' '.join(label.replace('|', ' ').split())} | {measure}"
    for figure, speaker in speakers.items():
        assert claims[figure].attributed_to == speaker, figure


@pytest.mark.parametrize(
    "sentence",
    [
        "The reception centre, built for 2,000 people, was holding three times that number.",
        "The hall seats 500 people.",
    ],
)
def test_people_without_an_event_count_nothing(nlp, sentence):
    assert _claims(nlp, ("", [sentence])) == []


def test_a_town_inside_the_story_place_is_its_scope_not_a_new_subject(nlp):
    claims = _claims(
        nlp,
        (
            "Hallan province flood toll rises",
            [
                "Floods in Hallan province have killed 140 people, officials said.",
                "In the town of Dova, 35 people were killed when a bridge collapsed.",
                "More than 900 people were injured in Dova and nearby villages.",
            ],
        ),
    )
    # One story, one subject; the deaths in Dova are not the province's toll, so the town
    # narrows their key instead of opening a subject of its own.
    assert len({c.key.subject for c in claims}) == 1
    assert [(c.value.text, c.key.measure, c.key.scope) for c in claims] == [
        ("140", "deaths", ""),
        ("35", "deaths", "Dova"),
        ("More than 900", "injured", "Dova"),
    ]


def test_the_victims_named_before_a_bare_figure_stay_its_population(nlp):
    killed, wounded = _claims(
        nlp,
        (
            "",
            [
                "At least 200 Ruritanian soldiers were killed in the fighting.",
                "Around 700 were injured during battles in Hallan province.",
            ],
        ),
    )
    # The 700 are the Ruritanian soldiers of the sentence before: both figures count troops,
    # and neither is the general public's toll of the story.
    assert killed.key.subject == wounded.key.subject
    assert (killed.key.measure, wounded.key.measure) == ("troops deaths", "troops injured")
    assert killed.key.scope == wounded.key.scope


def test_a_projection_of_the_same_count_is_that_count_projected(nlp):
    report, projection = _claims(
        nlp,
        (
            "",
            [
                "About 9,000 refugees have crossed into Ostland, the U.N. refugee agency said.",
                "The agency warned that the number could reach 20,000 by June.",
            ],
        ),
    )
    assert report.key.measure == "crossed"
    assert projection.key.measure == f"{report.key.measure} projected"
    assert (projection.key.subject, projection.key.scope) == (report.key.subject, report.key.scope)
    assert projection.modality is Modality.PROJECTED
    assert projection.attributed_to == report.attributed_to == "U.N."


def test_a_headline_figure_the_body_restates_is_the_bodys_claim(nlp):
    claims = _claims(
        nlp,
        (
            "Quake toll rises to 2,650 in Hallan",
            ["The earthquake in Hallan province has killed 2,650 people, the ministry said."],
        ),
        (
            "Quake toll rises to 2,650 in Hallan",
            ["The earthquake in Hallan province has killed 2,400 people, the ministry said."],
        ),
    )
    assert [(c.article_id, c.value.text, c.attributed_to) for c in claims] == [
        ("a0", "2,650", "ministry"),
        ("a1", "2,650", None),
        ("a1", "2,400", "ministry"),
    ]
