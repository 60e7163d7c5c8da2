import pytest

from agents.extract.keys import build_key
from agents.extract.quantities import QuantityKind, taxonomy
from agents.extract.scope import Scope


@pytest.mark.parametrize(
    ("subject", "measure", "scope", "text"),
    [
        ("North Korea troops", "troops deployed", None, "North Korea troops | troops deployed"),
        (
            "North Korea troops",
            "troops deployed",
            Scope(increment=True),
            "North Korea troops | troops deployed | additional",
        ),
        ("Hallan | earthquake", "deaths", Scope(), "Hallan earthquake | deaths"),
        (
            "  Hong Kong   march ",
            "Crowd",
            Scope(period="2019-06-16"),
            "Hong Kong march | crowd | 2019-06-16",
        ),
        (
            "Lahaina wildfire",
            "deaths",
            Scope(place="Maui County"),
            "Lahaina wildfire | deaths | Maui County",
        ),
        (
            "Nairobi protests",
            "deaths",
            Scope(place="Kisumu", window="within three days", increment=True),
            "Nairobi protests | deaths | Kisumu, within three days, additional",
        ),
        ("Southport riots", "officers  injured", None, "Southport riots | officers injured"),
        ("", "deaths", None, "deaths"),
    ],
)
def test_same_quantity_same_key(subject, measure, scope, text):
    assert build_key(subject, measure, scope).text == text


def test_a_key_keeps_its_scope_parts():
    key = build_key("Hong Kong march", "crowd", Scope(place="Admiralty", period="2019-06-16"))
    assert (key.subject, key.measure, key.scope) == (
        "Hong Kong march",
        "crowd",
        "Admiralty, 2019-06-16",
    )
    assert (key.place, key.period, key.window, key.increment) == (
        "Admiralty",
        "2019-06-16",
        None,
        False,
    )
    bare = build_key("Hong Kong march", "crowd")
    assert (bare.scope, bare.place, bare.period, bare.window) == ("", None, None, None)


@pytest.mark.parametrize(
    ("lemma", "pos", "count_type"),
    [
        ("kill", "VERB", "deaths"),
        ("toll", "NOUN", "deaths"),
        ("injure", "VERB", "injured"),
        ("casualty", "NOUN", "casualties"),
        ("miss", "VERB", "missing"),
        ("evacuate", "VERB", "evacuated"),
        ("charge", "VERB", "charged"),
        ("charge", "NOUN", "charges"),
        ("cross", "VERB", "crossed"),
        ("send", "VERB", "deployed"),
        ("say", "VERB", None),
    ],
)
def test_count_types(lemma, pos, count_type):
    assert taxonomy().type_of(lemma, pos) == count_type


def test_two_types_under_one_figure_are_their_own_count():
    assert taxonomy().combine("deaths", "injured") == "casualties"
    assert taxonomy().combine("deaths", "missing") == "dead or missing"
    assert taxonomy().combine("injured", "missing") is None


@pytest.mark.parametrize(
    ("noun", "population"),
    [
        ("troop", "troops"),
        ("soldier", "troops"),
        ("worker", "workers"),
        ("builder", "workers"),
        ("sapper", "engineers"),
        ("engineer", "engineers"),
        ("officer", "officers"),
        ("refugee", None),
        ("migrant", None),
        ("people", None),
    ],
)
def test_populations(noun, population):
    assert taxonomy().populations.get(noun) == population


@pytest.mark.parametrize(
    ("count_type", "kind"),
    [
        ("deaths", QuantityKind.CUMULATIVE),
        ("missing", QuantityKind.STOCK),
        ("deployed", QuantityKind.STOCK),
        ("crowd", QuantityKind.PER_EVENT),
    ],
)
def test_kinds(count_type, kind):
    assert taxonomy().kind(count_type) is kind
