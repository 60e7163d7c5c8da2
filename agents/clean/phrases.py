"""Phrase lists kept as package data, so page furniture is data, not code.

Syntax of the files (`widget_phrases.txt`, `section_markers.txt`): one phrase a
line, `#` comments; `=phrase` matches the whole line, `^phrase` its start, a bare
phrase anywhere in a line of at most `MAX_WORDS_FOR_ANYWHERE` words.
"""

from __future__ import annotations

import re
from importlib import resources

__all__ = ["MAX_WORDS_FOR_ANYWHERE", "PhraseMatcher", "load_phrases", "normalise_line"]

MAX_WORDS_FOR_ANYWHERE = 40
"""A furniture phrase inside a longer line is more likely the article quoting it."""

_LEADING_SYMBOLS = re.compile(r"^[\W_]+")
_TRAILING_PUNCTUATION = " \t.:;,!?…»>|-–—"


def normalise_line(line: str) -> str:
    """Lower-case, single-spaced, without leading symbols or trailing punctuation."""
    bare = _LEADING_SYMBOLS.sub("", line.lower().replace("’", "'"))
    return " ".join(bare.rstrip(_TRAILING_PUNCTUATION).split())


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


class PhraseMatcher:
    """Matches normalised lines against the three kinds of phrases of one file."""

    def __init__(self, lines: list[str]) -> None:
        whole: list[str] = []
        prefix: list[str] = []
        anywhere: list[str] = []
        for raw in lines:
            entry = raw.strip().lower()
            if not entry or entry.startswith("#"):
                continue
            if entry.startswith("="):
                whole.append(entry[1:].strip())
            elif entry.startswith("^"):
                prefix.append(entry[1:].strip())
            else:
                anywhere.append(entry)
        self.whole = frozenset(whole)
        self._prefix = re.compile(rf"^(?:{_alternation(prefix)})(?!\w)") if prefix else None
        self._anywhere = (
            re.compile(rf"(?<!\w)(?:{_alternation(anywhere)})(?!\w)") if anywhere else None
        )

    def matches(self, normalised: str, word_count: int) -> bool:
        """Whether a line (already passed through `normalise_line`) is one of the phrases."""
        if normalised in self.whole:
            return True
        if self._prefix is not None and self._prefix.search(normalised):
            return True
        return (
            self._anywhere is not None
            and word_count <= MAX_WORDS_FOR_ANYWHERE
            and self._anywhere.search(normalised) is not None
        )


def load_phrases(filename: str) -> PhraseMatcher:
    """Read one phrase file shipped in this package."""
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    return PhraseMatcher(text.splitlines())
