import pytest

from streams.codec import decode, encode
from streams.errors import DecodeError
from streams.models import Entity, ParsedSentence, TaggedArticle, Token
from streams.parts import PartsBuffer, join_parts, split_parts


def _article(sentences: int) -> TaggedArticle:
    texts = [f"Crews in Orvane ward {n} counted {n * 3 + 40} boats." for n in range(sentences)]
    return TaggedArticle(
        id="orvane",
        title="Boats counted in Orvane",
        paragraphs=[" ".join(texts)],
        content_hash="h",
        sentences=texts,
        entities=[
            Entity(text="Orvane", label="GPE", canonical="Orvane", start=9, end=15, sentence=n)
            for n in range(sentences)
        ],
        parsed=[
            ParsedSentence(
                sentence=n,
                tokens=[
                    Token(text=w, start=0, lemma=w.lower(), pos="X", tag="X", dep="dep", head=0)
                    for w in text.split()
                ],
            )
            for n, text in enumerate(texts)
        ],
    )


def test_an_article_that_fits_is_sent_whole() -> None:
    article = _article(3)
    assert split_parts(article, len(encode(article))) == [article]


def test_parts_each_fit_and_join_to_the_article() -> None:
    article = _article(200)
    budget = len(encode(article)) // 5
    parts = split_parts(article, budget)
    assert len(parts) > 5
    assert all(len(encode(p)) <= budget for p in parts)
    assert [(p.part, p.parts) for p in parts] == [(n, len(parts)) for n in range(len(parts))]
    assert {p.id for p in parts} == {article.id}
    received = [decode(TaggedArticle, encode(p)) for p in reversed(parts)]
    assert join_parts(received) == article


def test_the_buffer_gives_the_article_once_every_part_came_with_all_their_events() -> None:
    article = _article(60)
    parts = split_parts(article, len(encode(article)) // 3)
    buffer: PartsBuffer[int] = PartsBuffer()
    # The first part again (a retry) before the rest: one article, every event acked with it.
    arrivals = [(parts[0], 1), (parts[0], 2), *((p, n + 3) for n, p in enumerate(parts[1:]))]
    results = [buffer.add(part, event) for part, event in arrivals]
    assert results[:-1] == [None] * (len(arrivals) - 1)
    assert results[-1] == (article, [event for _, event in arrivals])


def test_a_part_outside_its_parts_is_no_message() -> None:
    payload = encode(_article(1)).replace(b'"parts":1', b'"part":2,"parts":2', 1)
    with pytest.raises(DecodeError) as caught:
        decode(TaggedArticle, payload)
    assert caught.value.reason == "invalid_message"
