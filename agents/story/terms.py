"""What the story stage reads of a tagged article: its terms and its label.

Two term spaces, as in Miranda et al. 2018 (the entities and the words of the
text): the canonical names of its entities, and the content words of its
title and body, lower-cased and stemmed (Snowball English) so "floods" and
"flooded", "protesters" and "protest" are one term, as lemmas make them.
Numbers, dates and stop words are left out: figures are what changes between
two reports of one story. The title and
the lead (the first sentences) count twice, since a report puts its story
there.

No model runs here: the tag stage's sentences and entities are all it needs,
so a term list costs a fraction of a millisecond.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS

from streams.models import Entity, TaggedArticle

__all__ = [
    "ENTITY_LABELS",
    "LEAD_SENTENCES",
    "PLACE_LABELS",
    "ArticleTerms",
    "article_terms",
    "display_name",
    "entity_term",
    "event_nouns",
    "label_of",
    "stem",
]

ENTITY_LABELS = frozenset(
    {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
"""Entity labels that name a thing; figures, dates and times (CARDINAL, DATE, ...) change
between reports of one story, so they stay out."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_HEADLINE_PLACE = 3
"""What a place named in the headline adds to its salience for the label."""

LEAD_SENTENCES = 3
"""The title and the first sentences after it: where a report says what its story is."""

_WORD = re.compile(r"[^\W\d_]{3,}(?:['’-][^\W\d_]+)*")
_REPORTING = frozenset(
    """
    said says say told tell according reported report reports reporting statement added
    news update updated latest read also including people year years time week weeks
    day days today yesterday tomorrow monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec morning afternoon evening
    night hour hours month months percent cent number numbers date photo image video
    """.split()
)
"""Words of news reporting in general, which say nothing of the story. ("March" the month
goes; "marched" and "marches" stay, stemmed to "march".)"""

_STOP = frozenset(STOP_WORDS) | _REPORTING
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball English stem (Porter 2): "protesters", "protested" and "protest" are one
    term, as lemmas would be (Miranda et al.), at no model's cost. Cached: the stemmer is
    pure Python and a stream repeats its words."""
    return _STEMMER.stemWord(word)


def _words(text: str, stemmed: bool = True) -> list[str]:
    found = []
    for word in _WORD.findall(text.lower()):
        word = word.replace("’", "'").removesuffix("'s")
        if word not in _STOP:
            found.append(stem(word) if stemmed else word)
    return found


def entity_term(entity: Entity) -> str:
    """One name per thing: case, a leading 'the' and a possessive folded."""
    name = " ".join(entity.canonical.split()).casefold().replace("’", "'")
    return name.removeprefix("the ").removesuffix("'s")


@cache
def event_nouns() -> dict[str, str]:
    """The nouns that name a kind of news event, singular and plural, to the word a label
    shows. Matched as nouns, not stems: "protesters" are people, not a protest."""
    text = resources.files(__package__).joinpath("events.txt").read_text("utf-8")
    nouns: dict[str, str] = {}
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            plurals = (word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else "")
            for form in (word, *plurals):
                nouns.setdefault(form, word)
    return nouns


@dataclass(frozen=True)
class ArticleTerms:
    """Term counts of one article in each space; lead terms counted twice."""

    entities: Counter[str]
    words: Counter[str]


def _lead(tagged: TaggedArticle) -> int:
    """Sentences of the lead: the title (the tagger's first sentence when there is one)
    and the first sentences of the text."""
    return LEAD_SENTENCES + (1 if tagged.title else 0)


def article_terms(tagged: TaggedArticle) -> ArticleTerms:
    lead = _lead(tagged)
    words: Counter[str] = Counter()
    for index, sentence in enumerate(tagged.sentences):
        found = _words(sentence)
        words.update(found)
        if index < lead:
            words.update(found)
    entities: Counter[str] = Counter()
    for entity in tagged.entities:
        if entity.label in ENTITY_LABELS and (term := entity_term(entity)):
            entities[term] += 2 if entity.sentence < lead else 1
    return ArticleTerms(entities=entities, words=words)


def label_of(tagged: TaggedArticle, max_entities: int = 2) -> str:
    """A readable name of the article's story: its main place and the event noun of its lead
    ("Dova | flood"), else its main entities, else its main words.

    Salience is the count of mentions, lead mentions counted twice; ties go to the
    first mentioned. The story stage names a story once, from its first article.
    """
    lead = _lead(tagged)
    places: Counter[str] = Counter()
    others: Counter[str] = Counter()
    shown: dict[str, str] = {}
    first: dict[str, int] = {}
    for n, entity in enumerate(tagged.entities):
        term = entity_term(entity)
        if entity.label not in ENTITY_LABELS or not any(c.isalpha() for c in term):
            continue
        weight = 2 if entity.sentence < lead else 1
        (places if entity.label in PLACE_LABELS else others)[term] += weight
        shown.setdefault(term, display_name(entity.canonical))
        first.setdefault(term, n)

    headline = (tagged.title or "").lower()
    for term in places:
        if headline and f" {shown[term].lower()} " in f" {headline} ":
            places[term] += _HEADLINE_PLACE
    # The headline names the story's place even where the tagger missed it there ('Hallan
    # province flood toll rises'), so a town its body dwells on does not name the story.

    def ranked(counts: Counter[str]) -> list[str]:
        return sorted(counts, key=lambda t: (-counts[t], first[t]))

    event = _event(tagged.sentences[:lead], title=bool(tagged.title))
    if event:
        names = (ranked(places) or ranked(others))[:1]
    else:
        names = (ranked(places) + ranked(others))[:max_entities]
        names = sorted(names, key=lambda t: -(places[t] + others[t]))
    parts = [shown[t] for t in names] + ([event] if event else [])
    if len(parts) < 2:
        words = _words(" ".join(tagged.sentences), stemmed=False)
        parts += [w for w, _ in Counter(words).most_common(2)]
        parts = list(dict.fromkeys(parts))[:2]
    return " | ".join(parts) or tagged.id


def display_name(name: str) -> str:
    """A name as a label shows it: shouted names ("HONG KONG") in title case."""
    name = " ".join(name.split())
    return name.title() if name.isupper() and len(name) > 4 else name


_MONTH_DAY = re.compile(r"\b(?:March|May)\s+\d|\b\d{1,2}\s+(?:March|May)\b")


def _event(lead: list[str], title: bool) -> str | None:
    """The event noun the lead uses most, the title's counted twice (first mentioned on a
    tie); "March 15" is a date."""
    nouns = event_nouns()
    found: list[str] = []
    counts: Counter[str] = Counter()
    for n, sentence in enumerate(lead):
        text = _MONTH_DAY.sub(" ", sentence).lower()
        for word in _WORD.findall(text):
            if (noun := nouns.get(word)) is not None:
                found.append(noun)
                counts[noun] += 2 if title and n == 0 else 1
    if not found:
        return None
    return max(found, key=lambda w: (counts[w], -found.index(w)))
