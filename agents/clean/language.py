"""A light English check: the share of English function words in the kept text.

Function words are what separates languages cheaply: English prose is about a
third function words, while German, French or Spanish text shares almost none
of this list. No model to load, a few microseconds per article.
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH_STOP_WORDS", "MIN_ENGLISH_RATIO", "MIN_WORDS_TO_JUDGE", "is_english", "words"]

ENGLISH_STOP_WORDS = frozenset(
    """
    a about after against all also an and any are as at be because been before being
    between both but by can could did do does during each few for from had has have
    he her here him his how i if into is it its just may me might more most must my
    no nor not of off on once only or other our out over own said same she should
    since so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who
    whom why will with would you your
    """.split()
)
"""English function words; also the stop-word density signal of the line rules."""

MIN_ENGLISH_RATIO = 0.18
"""English news prose scores 0.35-0.50; other languages stay under 0.10."""

MIN_WORDS_TO_JUDGE = 20
"""Below this many words the ratio is noise, so the text is taken as English."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, apostrophes kept inside words."""
    return _WORD.findall(text.lower())


def is_english(text: str) -> bool:
    """Whether `text` reads as English by its share of English function words."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS_TO_JUDGE:
        return True
    hits = sum(token in ENGLISH_STOP_WORDS for token in tokens)
    return hits / len(tokens) >= MIN_ENGLISH_RATIO
