"""What cleaning decided about each line, and the vocabulary of reasons for dropping one.

`CleanArticle.removed` counts dropped lines by these reasons, so the values are
a stable contract for dashboards and for `claimwatch clean --explain`.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = ["LineDecision", "Reason"]


class Reason(StrEnum):
    """Why a line was kept (`article`) or dropped (every other value)."""

    ARTICLE = "article"
    BYLINE = "byline"
    CAPTION = "caption"
    CREDIT = "credit"
    CSS_JS = "css_js"
    DUPLICATE = "duplicate"
    HASHTAG = "hashtag"
    HEADING = "heading"
    HEADLINE_LIST = "headline_list"
    IMAGE_FILE = "image_file"
    LEGAL = "legal"
    PUBLISH_DATE = "publish_date"
    RELATED_BLOCK = "related_block"
    RELATED_LINK = "related_link"
    REPRINT_NOTICE = "reprint_notice"
    SHORT_FRAGMENT = "short_fragment"
    TEMPLATE = "template"
    TIMESTAMP = "timestamp"
    TITLE_REPEAT = "title_repeat"
    WIDGET = "widget"


class LineDecision(BaseModel):
    """One non-empty line of the page text and whether it belongs to the article."""

    model_config = ConfigDict(frozen=True)

    text: str
    kept: bool
    reason: str
