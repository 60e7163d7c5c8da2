"""What the story stage reads of an article: terms in two spaces, and a label."""

import pytest

from agents.story.terms import article_terms, label_of, stem
from streams.models import Entity, TaggedArticle


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("floods", "flooded", "flooding", "flood"), True),
        (("protesters", "protested", "protest"), True),
        (("marches", "marched"), True),
        (("injuries", "injury"), True),
        (("crashes", "crash"), True),
        (("police", "policy"), False),
        (("virus", "viral"), False),
    ],
)
def test_stem_makes_one_term_of_a_words_forms(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_march_the_month_is_not_a_term_but_marches_are() -> None:
    tagged = _tagged(["In March thousands marched; the marches went on."], [])
    assert stem("march") in article_terms(tagged).words
    assert article_terms(tagged).words[stem("march")] == 4  # 'marched', 'marches', lead twice


def _entity(text: str, label: str, sentence: int, canonical: str | None = None) -> Entity:
    return Entity(
        text=text, label=label, canonical=canonical or text, start=0, end=1, sentence=sentence
    )


def _tagged(sentences: list[str], entities: list[Entity], title: str | None = None):
    return TaggedArticle(
        id="a",
        title=title,
        paragraphs=sentences,
        content_hash="h",
        sentences=sentences,
        entities=entities,
    )


def test_terms_leave_out_figures_dates_and_stop_words() -> None:
    tagged = _tagged(
        ["Floods killed 40 people in Derna on Monday, officials said.", "The floods spread."],
        [
            _entity("Derna", "GPE", 0),
            _entity("40", "CARDINAL", 0),
            _entity("Monday", "DATE", 0),
            _entity("THE DERNA", "GPE", 1, canonical="the Derna"),
        ],
    )
    terms = article_terms(tagged)
    assert set(terms.entities) == {"derna"}
    assert terms.words["flood"] == 4  # both in the lead, which counts twice
    assert not {"40", "monday", "said", "people", "the"} & set(terms.words)


@pytest.mark.parametrize(
    ("sentences", "entities", "title", "label"),
    [
        (  # the main place and the event noun of the lead
            ["Floods swept through Derna, killing thousands in eastern Libya."],
            [_entity("Derna", "GPE", 0), _entity("Libya", "GPE", 0), _entity("Derna", "GPE", 1)],
            None,
            "Derna | flood",
        ),
        (  # no event noun: the two main entities, most mentioned first
            ["Acme Corp said Jane Roe would lead it.", "Jane Roe joined Acme in 2010."],
            [
                _entity("Acme Corp", "ORG", 0, "Acme"),
                _entity("Jane Roe", "PERSON", 0),
                _entity("Jane Roe", "PERSON", 1),
                _entity("Acme", "ORG", 1),
            ],
            None,
            "Acme | Jane Roe",
        ),
        (  # "March 5" is a date; the title's noun wins
            ["Police clash with protesters", "On March 5 the protest turned violent in Lima."],
            [_entity("Lima", "GPE", 1), _entity("March 5", "DATE", 1)],
            "Police clash with protesters",
            "Lima | clash",
        ),
        (  # shouted names read as names
            ["HONG KONG marchers filled the streets in a huge march."],
            [_entity("HONG KONG", "GPE", 0)],
            None,
            "Hong Kong | march",
        ),
    ],
)
def test_label(sentences, entities, title, label) -> None:
    assert label_of(_tagged(sentences, entities, title)) == label
