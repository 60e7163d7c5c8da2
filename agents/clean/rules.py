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

from dataclasses import dataclass

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
)

__all__ = ["PageReading", "line_reason", "read_page"]

WIDGETS = load_phrases("widget_phrases.txt")
MARKERS = load_phrases("section_markers.txt")

MIN_FRAGMENT_WORDS = 4
"""Fewer words and no sentence punctuation: a label, menu item or subheading."""
MIN_LOOSE_SENTENCE_WORDS = 6
"""An unpunctuated line this long in the body may be a list item or a sentence missing its stop."""
TITLE_CASE_SHARE = 0.6
"""Capitalised content words at or above this share make a line a heading."""
MIN_SENTENCE_STOP_SHARE = 0.15
"""Sentences are held together by function words; headlines and menus have few."""
MAX_CAPTION_WORDS = 40
"""A line above a photo credit is its caption only if caption-sized."""
MIN_COLON_LEAD_WORDS = 6
"""'The ministry said:' introduces the next sentence when it is at least this long."""
MIN_TITLE_WORDS_FOR_FUZZY_REPEAT = 3
"""Shorter titles are only repeats when the line equals them."""
MAX_PUBLISH_LINE_WORDS = 12

_AGE_REASONS = frozenset({Reason.TIMESTAMP, Reason.HEADLINE_LIST})


@dataclass(frozen=True)
class PageReading:
    """The decision on every non-empty line and what the dropped lines told about the page."""

    decisions: list[LineDecision]
    title: str | None
    published_text: str | None
    reprint_source: str | None


def line_reason(line: str) -> Reason | None:
    """Why a line is furniture judged on its own, or None when it may be article text."""
    text = strip_bullet(line)
    word_count = len(text.split())
    key = normalise_line(text)
    checks: tuple[tuple[bool, Reason], ...] = ()
    for matched, reason in (
        (is_css_js(text), Reason.CSS_JS),
        (is_template(text), Reason.TEMPLATE),
        (is_image_file(text), Reason.IMAGE_FILE),
        (reprint_source(text) is not None, Reason.REPRINT_NOTICE),
        (is_headline_with_age(text), Reason.HEADLINE_LIST),
        (is_timestamp(text) or is_date_only(text), Reason.TIMESTAMP),
        (
            word_count <= MAX_PUBLISH_LINE_WORDS and publish_date_text(text) is not None,
            Reason.PUBLISH_DATE,
        ),
        (is_hashtags(text), Reason.HASHTAG),
        (is_credit(text), Reason.CREDIT),
        (is_inline_caption(text), Reason.CAPTION),
        (is_legal(text), Reason.LEGAL),
        (WIDGETS.matches(key, word_count), Reason.WIDGET),
        (MARKERS.matches(key, word_count), Reason.RELATED_BLOCK),
        (_is_related_link(key), Reason.RELATED_LINK),
        (is_byline(text), Reason.BYLINE),
        (_is_fragment(text, word_count), Reason.SHORT_FRAGMENT),
    ):
        if matched:
            return reason
    del checks
    return None
