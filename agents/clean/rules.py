"""Which lines of a page are the article: line signals combined with position.

Three passes over the non-empty lines:
1. each line alone (`line_reason`): CSS/JS, widgets, timestamps, credits, legal…;
2. neighbours: repeated lines, a caption right above a photo credit, the title;
3. position: lines before the first sentence are the page header; a section
   marker ('Related Articles', 'Comments') opens a block of other stories that
   lasts while its items carry ages ('3 hours ago') and teasers, and closes at a
   sentence with no age above it, so a mid-article box does not swallow the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .dates import is_date_line
from .decisions import LineDecision, Reason
from .metadata import choose_title, is_title_repeat
from .phrases import load_phrases, normalise_line
from .signals import (
    capitalised_share,
    ends_like_sentence,
    is_byline,
    is_credit,
    is_css_js,
    is_date_only,
    is_hashtags,
    is_headline_with_age,
    is_image_file,
    is_inline_caption,
    is_legal,
    is_template,
    is_timestamp,
    publish_date_text,
    reprint_source,
    stop_word_share,
    strip_bullet,
    word_count,
)

__all__ = ["PageReading", "line_reason", "read_page"]

WIDGETS = load_phrases("widget_phrases.txt")
MARKERS = load_phrases("section_markers.txt")

MIN_FRAGMENT_WORDS = 4
"""Fewer words and no sentence punctuation: a label, menu item or subheading."""
MIN_LOOSE_SENTENCE_WORDS = 6
"""An unpunctuated body line this long may be a list item or a sentence missing its stop."""
TITLE_CASE_SHARE = 0.6
"""Capitalised content words at or above this share make a line a heading."""
MIN_SENTENCE_STOP_SHARE = 0.15
"""Sentences are held together by function words; headlines and menus have few."""
MAX_CAPTION_WORDS = 40
"""A line above a photo credit is its caption only if caption-sized."""
MIN_COLON_LEAD_WORDS = 6
"""'The ministry said in a statement:' introduces the next sentence when this long."""
MIN_TITLE_WORDS_FOR_FUZZY_REPEAT = 3
"""Shorter titles are repeats only when a line equals them."""
MAX_PUBLISH_LINE_WORDS = 12
"""'Published …' longer than this is a sentence, not a date line."""

_AGE_REASONS = frozenset({Reason.TIMESTAMP, Reason.HEADLINE_LIST})
_DATING_REASONS = frozenset({Reason.TIMESTAMP, Reason.PUBLISH_DATE})
"""Dropped lines that may date the article; captions, credits and other stories' items do not.
A heading, byline or fragment never does: it passed `is_date_line` already, which a line
must pass to date the article (`dates.date_line_candidate`)."""


@dataclass(frozen=True)
class _Line:
    text: str
    words: int
    key: str
    bulleted: bool


_LINE_CHECKS: tuple[tuple[Callable[[_Line], bool], Reason], ...] = (
    (lambda ln: is_css_js(ln.text), Reason.CSS_JS),
    (lambda ln: is_template(ln.text), Reason.TEMPLATE),
    (lambda ln: is_image_file(ln.text), Reason.IMAGE_FILE),
    (lambda ln: reprint_source(ln.text) is not None, Reason.REPRINT_NOTICE),
    (lambda ln: is_headline_with_age(ln.text), Reason.HEADLINE_LIST),
    (lambda ln: is_timestamp(ln.text) or is_date_only(ln.text), Reason.TIMESTAMP),
    (
        lambda ln: ln.words <= MAX_PUBLISH_LINE_WORDS and publish_date_text(ln.text) is not None,
        Reason.PUBLISH_DATE,
    ),
    (lambda ln: is_date_line(ln.text), Reason.TIMESTAMP),
    (lambda ln: is_hashtags(ln.text), Reason.HASHTAG),
    (lambda ln: is_inline_caption(ln.text), Reason.CAPTION),
    (lambda ln: is_credit(ln.text), Reason.CREDIT),
    (lambda ln: is_legal(ln.text), Reason.LEGAL),
    (lambda ln: WIDGETS.matches(ln.key, ln.words), Reason.WIDGET),
    (lambda ln: MARKERS.matches(ln.key, ln.words), Reason.RELATED_BLOCK),
    (lambda ln: _is_related_link(ln.key), Reason.RELATED_LINK),
    (lambda ln: is_byline(ln.text), Reason.BYLINE),
    (lambda ln: _is_fragment(ln.text, ln.words), Reason.SHORT_FRAGMENT),
)
"""Checks in order of confidence: the first that matches names the reason."""


@dataclass(frozen=True)
class PageReading:
    """The decision on every non-empty line and what the dropped lines said about the page."""

    decisions: list[LineDecision]
    title: str | None
    published_text: str | None
    reprint_source: str | None
    date_lines: tuple[str, ...] = ()
    """Dropped header and furniture lines that may state the published date, in page order."""


def _is_related_link(key: str) -> bool:
    """'Related: <another headline>' or 'Read more: …' on one line."""
    head, colon, rest = key.partition(":")
    return bool(colon and rest.strip()) and MARKERS.matches(head.strip(), len(head.split()))


def _is_fragment(text: str, words: int) -> bool:
    if ends_like_sentence(text):
        return words < 2
    return words < MIN_FRAGMENT_WORDS


def _as_line(text: str) -> _Line:
    bare = strip_bullet(text)
    return _Line(bare, word_count(bare), normalise_line(bare), bare != text)


def _reason_alone(line: _Line) -> Reason | None:
    for check, reason in _LINE_CHECKS:
        if check(line):
            return reason
    return None


def line_reason(line: str) -> Reason | None:
    """Why a line is furniture judged on its own, or None when it may be article text."""
    return _reason_alone(_as_line(line))


def _is_prose(lines: list[_Line], reasons: list[Reason | None], i: int) -> bool:
    """A sentence, or a long lead-in ending in ':' followed by a sentence."""
    line = lines[i]
    if ends_like_sentence(line.text):
        return True
    return (
        line.text.endswith(":")
        and line.words >= MIN_COLON_LEAD_WORDS
        and i + 1 < len(lines)
        and reasons[i + 1] is None
        and ends_like_sentence(lines[i + 1].text)
    )


def _loose_sentence(line: _Line) -> bool:
    """An unpunctuated body line that still reads like a sentence, not a heading."""
    return (
        line.words >= MIN_LOOSE_SENTENCE_WORDS
        and capitalised_share(line.text) < TITLE_CASE_SHARE
        and stop_word_share(line.text) >= MIN_SENTENCE_STOP_SHARE
    )


def _mark_neighbours(lines: list[_Line], reasons: list[Reason | None]) -> None:
    """Repeated adjacent lines keep one copy; a line right above a photo credit is its caption,
    unless it is a Title Case heading (a page's title often sits right above the lead photo)."""
    for i in range(len(lines) - 1):
        if lines[i].key and lines[i].key == lines[i + 1].key:
            reasons[i] = Reason.DUPLICATE
        elif (
            reasons[i] is None
            and reasons[i + 1] is Reason.CREDIT
            and lines[i].words <= MAX_CAPTION_WORDS
            and not _is_title_case_heading(lines[i])
        ):
            reasons[i] = Reason.CAPTION


def _is_title_case_heading(line: _Line) -> bool:
    return not ends_like_sentence(line.text) and capitalised_share(line.text) >= TITLE_CASE_SHARE


def _mark_title(
    lines: list[_Line], reasons: list[Reason | None], start: int, given: str | None
) -> str | None:
    """Find the title (given, else the heading before the text) and drop its repeats."""
    candidates = [
        ln.text
        for ln, reason in zip(lines[:start], reasons[:start], strict=True)
        if reason is None and not ends_like_sentence(ln.text)
    ]
    title = given or choose_title(candidates)
    if not title:
        return None
    title_key = normalise_line(title)
    fuzzy = len(title_key.split()) >= MIN_TITLE_WORDS_FOR_FUZZY_REPEAT
    for i, line in enumerate(lines):
        if reasons[i] is None and (
            line.key == title_key
            or (fuzzy and title_key in line.key and is_title_repeat(line.text, title_key))
        ):
            reasons[i] = Reason.TITLE_REPEAT
    return title


def _mark_positions(lines: list[_Line], reasons: list[Reason | None], start: int) -> None:
    """Header lines before the text, related blocks after a marker, headings in the body.

    In the header only a bulleted list of sentences below the title survives: the
    'key points' of live pages.
    """
    title_at = reasons.index(Reason.TITLE_REPEAT) if Reason.TITLE_REPEAT in reasons else start
    in_block = False
    item_has_age = False
    for i, line in enumerate(lines):
        reason = reasons[i]
        if i < start:
            key_point = i > title_at and line.bulleted and _loose_sentence(line)
            if reason is None and not key_point:
                reasons[i] = Reason.HEADING
            continue
        if reason is Reason.RELATED_BLOCK:
            in_block, item_has_age = True, False
            continue
        prose = reason is None and _is_prose(lines, reasons, i)
        if in_block:
            if reason in _AGE_REASONS:
                item_has_age = True
            elif prose and not item_has_age:
                in_block = False
            elif reason is None:
                reasons[i] = Reason.RELATED_BLOCK
                item_has_age = item_has_age and not prose
            continue
        if reason is None and not prose and not _loose_sentence(line):
            reasons[i] = Reason.HEADING


def _first_sentence(lines: list[_Line], reasons: list[Reason | None]) -> int:
    """Index of the article's first sentence: everything above it is the page header."""
    return next(
        (i for i in range(len(lines)) if reasons[i] is None and _is_prose(lines, reasons, i)),
        len(lines),
    )


def read_page(text_lines: list[str], title: str | None = None) -> PageReading:
    """Decide every non-empty line of a page's text; `title` is the known title if any."""
    raw = [t for t in text_lines if t.strip()]
    lines = [_as_line(t) for t in raw]
    reasons = [_reason_alone(line) for line in lines]
    _mark_neighbours(lines, reasons)
    found_title = _mark_title(lines, reasons, _first_sentence(lines, reasons), title)
    start = _first_sentence(lines, reasons)
    published = next(
        (
            publish_date_text(ln.text)
            for ln, r in zip(lines, reasons, strict=True)
            if r is Reason.PUBLISH_DATE
        ),
        None,
    )
    source = next(
        (
            reprint_source(ln.text)
            for ln, r in zip(lines, reasons, strict=True)
            if r is Reason.REPRINT_NOTICE
        ),
        None,
    )
    _mark_positions(lines, reasons, start)
    decisions = [
        LineDecision(text=text, kept=reason is None, reason=reason or Reason.ARTICLE)
        for text, reason in zip(raw, reasons, strict=True)
    ]
    dating = tuple(ln.text for ln, r in zip(lines, reasons, strict=True) if r in _DATING_REASONS)
    return PageReading(decisions, found_title, published, source, dating)
