"""extract_claims on a hand-built parse: no model needed."""

from agents.extract import extract_claims
from streams.models import Entity, Modality, ParsedSentence, Qualifier, TaggedArticle, Token

SENTENCE = "North Korea sent an estimated 11,000 troops to Russia late last year."
# text, lemma, pos, dep, head, entity label
ROWS = [
    ("North", "North", "PROPN", "compound", 1, "GPE"),
    ("Korea", "Korea", "PROPN", "nsubj", 2, "GPE"),
    ("sent", "send", "VERB", "ROOT", 2, ""),
    ("an", "an", "DET", "det", 5, ""),
    ("estimated", "estimate", "VERB", "amod", 5, ""),
    ("11,000", "11,000", "NUM", "nummod", 6, ""),
    ("troops", "troop", "NOUN", "dobj", 2, ""),
    ("to", "to", "ADP", "prep", 2, ""),
    ("Russia", "Russia", "PROPN", "pobj", 7, "GPE"),
    ("late", "late", "ADV", "advmod", 11, "DATE"),
    ("last", "last", "ADJ", "amod", 11, "DATE"),
    ("year", "year", "NOUN", "npadvmod", 2, "DATE"),
    (".", ".", "PUNCT", "punct", 2, ""),
]


def _tokens(sentence: str, rows: list[tuple[str, str, str, str, int, str]]) -> list[Token]:
    tokens, offset = [], 0
    for text, lemma, pos, dep, head, ent in rows:
        offset = sentence.index(text, offset)
        tokens.append(
            Token(
                text=text, start=offset, lemma=lemma, pos=pos, tag="", dep=dep, head=head, ent=ent
            )
        )
        offset += len(text)
    return tokens


def _article(
    sentence: str,
    rows: list[tuple[str, str, str, str, int, str]],
    entities: list[tuple[str, str, str]],
) -> TaggedArticle:
    """A one-sentence article with its parse and entities (text, label, canonical) by hand."""
    return TaggedArticle(
        id="a1",
        source="Outlet",
        url="https://example.org/a1",
        published_at="2025-02-27T10:00:00Z",
        paragraphs=[sentence],
        content_hash="h",
        sentences=[sentence],
        entities=[
            Entity(
                text=text,
                label=label,
                canonical=canonical,
                start=sentence.index(text),
                end=sentence.index(text) + len(text),
                sentence=0,
            )
            for text, label, canonical in entities
        ],
        parsed=[ParsedSentence(sentence=0, tokens=_tokens(sentence, rows))],
    )


ARTICLE = _article(
    SENTENCE,
    ROWS,
    [
        ("North Korea", "GPE", "North Korea"),
        ("Russia", "GPE", "Russia"),
        ("late last year", "DATE", "late last year"),
    ],
)


def test_extracts_troops_deployed_from_a_stored_parse():
    (claim,) = extract_claims(ARTICLE)
    # No story stage here: the subject is the article's main place. 'to Russia' is where the
    # troops went, not a narrower place; 'late last year' names no earlier year: no scope.
    assert claim.key_text == "North Korea | troops deployed"
    assert claim.quantity_kind == "stock"
    assert (claim.value.low, claim.value.high, claim.value.qualifier) == (
        11000,
        11000,
        Qualifier.APPROX,
    )
    assert claim.modality is Modality.ESTIMATED
    assert (claim.place, claim.period) == (None, None)
    assert SENTENCE[claim.span.start : claim.span.end] == "an estimated 11,000"
    assert (claim.source, claim.url, claim.article_id) == ("Outlet", "https://example.org/a1", "a1")
    assert claim.published_at is not None


def test_claim_id_is_deterministic():
    assert extract_claims(ARTICLE)[0].claim_id == extract_claims(ARTICLE)[0].claim_id


def test_sentences_without_parse_give_no_claims():
    assert extract_claims(ARTICLE.model_copy(update={"parsed": []})) == []


SPOKESMEN = "Coast guard officials said 340 migrants crossed into Greece."
SPOKESMEN_ROWS = [
    ("Coast", "Coast", "PROPN", "compound", 1, "ORG"),
    ("guard", "guard", "NOUN", "compound", 2, "ORG"),
    ("officials", "official", "NOUN", "nsubj", 3, ""),
    ("said", "say", "VERB", "ROOT", 3, ""),
    ("340", "340", "NUM", "nummod", 5, ""),
    ("migrants", "migrant", "NOUN", "nsubj", 6, ""),
    ("crossed", "cross", "VERB", "ccomp", 3, ""),
    ("into", "into", "ADP", "prep", 6, ""),
    ("Greece", "Greece", "PROPN", "pobj", 7, "GPE"),
    (".", ".", "PUNCT", "punct", 3, ""),
]


def test_a_speaker_loses_its_role_noun_and_sentence_capital():
    entities = [("Coast guard", "ORG", "Coast guard"), ("Greece", "GPE", "Greece")]
    article = _article(SPOKESMEN, SPOKESMEN_ROWS, entities)
    (claim,) = extract_claims(article)
    assert (claim.key_text, claim.attributed_to) == ("Greece | crossed", "coast guard")
