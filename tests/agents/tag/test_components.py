"""The entity canonicaliser and the figure detector on spacy.blank("en"): no trained model."""

import json

import pytest
import spacy
from spacy.language import Language

from agents.tag import CANONICALISER, FIGURE_DETECTOR, article_texts, load_aliases, tag_article
from streams.models import CleanArticle


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(CANONICALISER)
    nlp.add_pipe(FIGURE_DETECTOR)
    return nlp


@pytest.mark.parametrize(
    ("text", "mention", "canonical"),
    [
        ("North Korean troops arrived.", "North Korean", "North Korea"),
        ("Pyongyang denied it.", "Pyongyang", "North Korea"),
        ("Seoul said so.", "Seoul", "South Korea"),
        ("Moscow said so.", "Moscow", "Russia"),
        ("Kyiv said so.", "Kyiv", "Ukraine"),
        (
            "South Korea's spy agency said so.",
            "South Korea's spy agency",
            "National Intelligence Service",
        ),
        (
            "South Korea’s spy agency said so.",
            "South Korea’s spy agency",
            "National Intelligence Service",
        ),
        ("The NIS said so.", "NIS", "National Intelligence Service"),
        ("Zelensky said so.", "Zelensky", "Volodymyr Zelenskyy"),
        ("Kim Jong-un met them.", "Kim Jong-un", "Kim Jong Un"),
        ("U.S. estimates were lower.", "U.S.", "United States"),
    ],
)
def test_canonical_names(nlp, text, mention, canonical):
    doc = nlp(text)
    found = {ent.text: ent._.canonical for ent in doc.ents}
    assert found[mention] == canonical


def test_pronoun_us_is_not_the_united_states(nlp):
    assert [ent.text for ent in nlp("They told us nothing.").ents] == []


def test_users_extend_the_alias_table(tmp_path):
    extra = tmp_path / "my_aliases.json"
    entry = {"canonical": "Ruritania", "label": "GPE", "aliases": ["Ruritanian", "Strelsau"]}
    extra.write_text(json.dumps({"entries": [entry]}))
    table = load_aliases([extra])
    assert table.canonical("Strelsau") == "Ruritania"
    assert table.canonical("Pyongyang") == "North Korea"
    nlp = spacy.blank("en")
    nlp.add_pipe(CANONICALISER, config={"aliases": [str(extra)]})
    assert [e._.canonical for e in nlp("Strelsau objected.").ents] == ["Ruritania"]


def test_actor_of_a_person_is_their_country():
    assert load_aliases().actor("Kim Jong Un") == "North Korea"


def test_figure_detector_marks_only_sentences_with_figures(nlp):
    doc = nlp("The talks ended. About 300 soldiers died. It was in 2024.")
    assert [s._.has_figure for s in doc.sents] == [False, True, False]
    assert [span.text for span in doc.spans["figures"]] == ["About 300"]


def test_tag_article_keeps_entities_per_sentence_and_parses_figure_sentences(nlp):
    clean = CleanArticle(
        id="x",
        title="Seoul counts the dead",
        paragraphs=["Talks ended in Moscow. Seoul said about 300 soldiers died."],
        content_hash="h",
    )
    tagged = tag_article(clean, nlp)
    assert tagged.sentences == [
        "Seoul counts the dead",
        "Talks ended in Moscow.",
        "Seoul said about 300 soldiers died.",
    ]
    assert [p.sentence for p in tagged.parsed] == [2]
    for entity in tagged.entities:
        assert tagged.sentences[entity.sentence][entity.start : entity.end] == entity.text
    assert {(e.sentence, e.canonical) for e in tagged.entities} >= {
        (1, "Russia"),
        (2, "South Korea"),
    }


def test_title_is_not_tagged_twice():
    clean = CleanArticle(id="x", title="Same", paragraphs=["Same", "Body."], content_hash="h")
    assert article_texts(clean) == ["Same", "Body."]


@Language.component("test_split_after_commas")
def _split_after_commas(doc):
    """Stands in for a parser that cuts '..., the coast guard said.' off its sentence."""
    for token in doc[1:]:
        token.is_sent_start = doc[token.i - 1].text in (",", ".")
    return doc


def test_a_piece_cut_off_mid_sentence_is_joined_back():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_split_after_commas")
    nlp.add_pipe(CANONICALISER)
    nlp.add_pipe(FIGURE_DETECTOR)
    clean = CleanArticle(
        id="x",
        paragraphs=["More than 380 migrants reached Greece, the coast guard said. Calm, again."],
        content_hash="h",
    )
    tagged = tag_article(clean, nlp)
    assert tagged.sentences == [
        "More than 380 migrants reached Greece, the coast guard said.",
        "Calm, again.",
    ]
    assert [p.sentence for p in tagged.parsed] == [0]
    assert [t.text for t in tagged.parsed[0].tokens][-4:] == ["coast", "guard", "said", "."]
