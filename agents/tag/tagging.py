"""Tag articles: sentences and canonical entities everywhere, a parse where there is a figure.

Every paragraph goes through the sentence splitter, the NER and claimwatch's
components; the parser (and the tagger and lemmatizer it needs) then runs on
the sentences that hold a figure, each on its own, since extraction reads a
parse nowhere else; in news text they are a small share of the sentences. The
title is tagged as the first paragraph unless the paragraphs already start
with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, NORM
from spacy.language import Language
from spacy.tokens import Doc, Span

from agents.tag.pipeline import PARSE_PIPES
from streams.models import CleanArticle, Entity, ParsedSentence, TaggedArticle, Token

__all__ = ["article_texts", "tag_article", "tag_articles"]

_END_MARKS = frozenset(".!?\"'”’)…")
_JOINERS = frozenset(",;:")
_CARRIED = [NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID]
"""What a figure sentence keeps from its paragraph when parsed alone: the tokenizer's norms
(features of the parser's tok2vec) and the entities; not the sentence boundaries, which
the parser sets as it does on a whole paragraph."""


def tag_article(clean: CleanArticle, nlp: Language) -> TaggedArticle:
    return tag_articles([clean], nlp)[0]


def tag_articles(
    cleans: Sequence[CleanArticle], nlp: Language, batch_size: int = 64
) -> list[TaggedArticle]:
    texts = [(n, text) for n, clean in enumerate(cleans) for text in article_texts(clean)]
    parse = _present(nlp, PARSE_PIPES)
    docs = nlp.pipe((text for _, text in texts), batch_size=batch_size, disable=parse)
    per_article: list[list[tuple[Span, bool]]] = [[] for _ in cleans]
    for (n, _), doc in zip(texts, docs, strict=True):
        per_article[n] += [(s, s._.has_figure) for s in _sentences(doc) if s.text.strip()]
    figures = [s for sentences in per_article for s, has_figure in sentences if has_figure]
    parses = iter(_parse(nlp, figures, parse, batch_size))
    return [
        _tagged(clean, sentences, parses)
        for clean, sentences in zip(cleans, per_article, strict=True)
    ]


def article_texts(clean: CleanArticle) -> list[str]:
    """The texts to tag, in order: the title (unless it opens the paragraphs), then paragraphs."""
    paragraphs = [p.strip() for p in clean.paragraphs if p.strip()]
    title = (clean.title or "").strip()
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return paragraphs


def _parse(
    nlp: Language, sentences: Sequence[Span], pipes: list[str], batch_size: int
) -> list[Span]:
    """Each sentence parsed as a doc of its own, in order; as it is if nothing parses."""
    if not pipes:
        return list(sentences)
    others = [name for name in nlp.pipe_names if name not in pipes]
    # spaCy's stub of Span.as_doc omits array_head, which the method takes.
    docs = (s.as_doc(array_head=_CARRIED) for s in sentences)  # type: ignore[call-arg]
    return [doc[:] for doc in nlp.pipe(docs, batch_size=batch_size, disable=others)]


def _present(nlp: Language, names: Iterable[str]) -> list[str]:
    return [name for name in names if name in nlp.pipe_names]


def _tagged(
    clean: CleanArticle, sentences: Iterable[tuple[Span, bool]], parses: Iterator[Span]
) -> TaggedArticle:
    texts: list[str] = []
    entities: list[Entity] = []
    parsed: list[ParsedSentence] = []
    for index, (sent, has_figure) in enumerate(sentences):
        texts.append(sent.text)
        entities.extend(_entities(sent, index))
        if has_figure:
            parsed.append(ParsedSentence(sentence=index, tokens=_tokens(next(parses))))
    return TaggedArticle(**clean.model_dump(), sentences=texts, entities=entities, parsed=parsed)


def _sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, with a piece the splitter cut off ('More than 380 migrants crossed
    into Greece' | ', the coast guard said.') joined back to the sentence it ends, so a
    figure keeps its speaker."""
    if not doc.has_annotation("SENT_START"):
        return [doc[:]]
    joined: list[Span] = []
    for sent in doc.sents:
        if joined and _continues(joined[-1], sent):
            joined[-1] = doc[joined[-1].start : sent.end]
        else:
            joined.append(sent)
    return joined


def _continues(before: Span, sent: Span) -> bool:
    """A sentence that opens with a comma or a lowercase word after one without an end mark."""
    ended = before.text.rstrip()[-1:] in _END_MARKS
    first = sent.text.lstrip()[:1]
    return not ended and (first in _JOINERS or first.islower())


def _entities(sent: Span, index: int) -> list[Entity]:
    return [
        Entity(
            text=ent.text,
            label=ent.label_,
            canonical=ent._.canonical or ent.text,
            start=ent.start_char - sent.start_char,
            end=min(ent.end_char, sent.end_char) - sent.start_char,
            sentence=index,
        )
        for ent in sent.ents
    ]


def _tokens(sent: Span) -> list[Token]:
    return [
        Token(
            text=token.text,
            start=token.idx - sent.start_char,
            lemma=token.lemma_,
            pos=token.pos_,
            tag=token.tag_,
            dep=token.dep_,
            head=token.head.i - sent.start,
            ent=token.ent_type_,
        )
        for token in sent
    ]
