"""Tag articles in one spaCy pass: sentences, canonical entities, and the parse of figure sentences.

Paragraphs with a figure go through the full pipeline; the others only through
the sentence splitter and the NER, which is what they need. The title is tagged
as the first paragraph unless the paragraphs already start with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from agents.extract.figures import parse_figures
from agents.tag.pipeline import PARSE_ONLY, SPLIT_ONLY
from streams.models import CleanArticle, Entity, ParsedSentence, TaggedArticle, Token

__all__ = ["article_texts", "tag_article", "tag_articles"]

_END_MARKS = frozenset(".!?\"'”’)…")
_JOINERS = frozenset(",;:")


def tag_article(clean: CleanArticle, nlp: Language) -> TaggedArticle:
    return tag_articles([clean], nlp, batch_size=16)[0]


def tag_articles(
    cleans: Sequence[CleanArticle], nlp: Language, batch_size: int = 16
) -> list[TaggedArticle]:
    texts = [(n, text) for n, clean in enumerate(cleans) for text in article_texts(clean)]
    docs = _pipe(nlp, [text for _, text in texts], batch_size)
    per_article: list[list[Doc]] = [[] for _ in cleans]
    for (n, _), doc in zip(texts, docs, strict=True):
        per_article[n].append(doc)
    return [
        _tagged(clean, paragraphs) for clean, paragraphs in zip(cleans, per_article, strict=True)
    ]


def article_texts(clean: CleanArticle) -> list[str]:
    """The texts to tag, in order: the title (unless it opens the paragraphs), then paragraphs."""
    paragraphs = [p.strip() for p in clean.paragraphs if p.strip()]
    title = (clean.title or "").strip()
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return paragraphs


def _pipe(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc]:
    """Run the full pipeline on texts with a figure and the light one on the rest, keeping order."""
    with_figure = [i for i, text in enumerate(texts) if parse_figures(text)]
    light = _present(nlp, SPLIT_ONLY) if "senter" in nlp.pipe_names else []
    full = _present(nlp, PARSE_ONLY) if "parser" in nlp.pipe_names else []
    figure_set = set(with_figure)
    without = [i for i in range(len(texts)) if i not in figure_set]
    docs: dict[int, Doc] = {}
    for indices, disable in ((with_figure, full), (without, light)):
        piped = nlp.pipe((texts[i] for i in indices), batch_size=batch_size, disable=disable)
        docs.update(zip(indices, piped, strict=True))
    return [docs[i] for i in range(len(texts))]


def _present(nlp: Language, names: Iterable[str]) -> list[str]:
    return [name for name in names if name in nlp.pipe_names]


def _tagged(clean: CleanArticle, docs: Iterable[Doc]) -> TaggedArticle:
    sentences: list[str] = []
    entities: list[Entity] = []
    parsed: list[ParsedSentence] = []
    for doc in docs:
        for sent in _sentences(doc):
            if not sent.text.strip():
                continue
            index = len(sentences)
            sentences.append(sent.text)
            entities.extend(_entities(sent, index))
            if sent._.has_figure:
                parsed.append(ParsedSentence(sentence=index, tokens=_tokens(sent)))
    return TaggedArticle(
        **clean.model_dump(), sentences=sentences, entities=entities, parsed=parsed
    )


def _sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, with a piece the parser cut off ('More than 380 migrants crossed
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
