"""Wire datelines ('LISBON, March 10 (Wire) - ') are not part of the first sentence.

The cleaner keeps a dateline it cannot read; tagged with the sentence, its capitalised
place becomes the sentence's subject and its date swallows the next word ('April 5 -
Police'), so the speaker of the first figure is lost. It is cut before tagging.
"""

from __future__ import annotations

import re

__all__ = ["strip_dateline"]

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*"  # LISBON, NEW YORK
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"  # , South Korea
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"  # , March 10 / , Jan. 5, 2025
    r"(?:\s*\([^()]{1,40}\))?"  # (Meridian Wire)
    r"\s*(?:[—–]|-{1,2})\s+(?=\S)"
)


def strip_dateline(paragraph: str) -> str:
    """The paragraph without a leading wire dateline; other paragraphs unchanged."""
    match = _DATELINE.match(paragraph)
    if match is None or sum(c.isupper() for c in match.group().split(",")[0]) < 2:
        return paragraph
    return paragraph[match.end() :]
