import pytest

from agents.extract.keys import build_key
from agents.extract.measures import vocabulary


@pytest.mark.parametrize(
    ("subject", "measure", "scope", "text"),
    [
        ("North Korea", "troops_sent", "", "North Korea | troops_sent"),
        ("Pyongyang", "troops_sent", "", "North Korea | troops_sent"),
        ("North Korean", "troops_sent", "Additional", "North Korea | troops_sent | additional"),
        ("Kim Jong-un", "troops_sent", "", "North Korea | troops_sent"),
        ("the U.S.", "killed", "", "United States | killed"),
        ("Atlantis", "crowd", "", "Atlantis | crowd"),
        ("", "killed", "", "killed"),
    ],
)
def test_same_quantity_same_key(subject, measure, scope, text):
    assert build_key(subject, measure, scope).text == text


@pytest.mark.parametrize(
    ("lemmas", "measure"),
    [
        (["kill", "wound"], "killed_or_wounded"),
        (["kill", "injure"], "killed_or_wounded"),
        (["casualty"], "killed_or_wounded"),
        (["die"], "killed"),
        (["toll", "death"], "killed"),
        (["injure"], "wounded"),
        (["miss"], "missing"),
        (["evacuate"], "evacuated"),
        (["attend"], "crowd"),
        (["revise", "toll"], "killed"),
        (["rise", "toll", "injury"], "wounded"),
        (["miss", "dead"], "missing"),
        (["send"], None),
    ],
)
def test_outcomes(lemmas, measure):
    assert vocabulary().outcome(lemmas) == measure


@pytest.mark.parametrize(
    ("noun", "counted"),
    [
        ("troop", "troops"),
        ("soldier", "troops"),
        ("worker", "builders"),
        ("builder", "builders"),
        ("sapper", "engineers"),
        ("engineer", "engineers"),
        ("refugee", "people"),
        ("migrant", "people"),
        ("arrival", "people"),
    ],
)
def test_counted_nouns(noun, counted):
    assert vocabulary().first(vocabulary().counted, [noun]) == counted


def test_builders_and_engineers_differ():
    vocab = vocabulary()
    assert vocab.counted["worker"] != vocab.counted["sapper"]


@pytest.mark.parametrize(
    ("words", "scope"),
    [(["additional"], "additional"), (["more"], "additional"), (["another"], ""), ([], "")],
)
def test_scope(words, scope):
    assert vocabulary().scope_of(words) == scope
