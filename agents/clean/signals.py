"""Line-level signals of page furniture, each a shape that generalises across sites.

Every function looks at one line alone; the sequence rules (`rules.py`) combine
them with the line's position on the page.
"""

from __future__ import annotations

import re

from .language import ENGLISH_STOP_WORDS, words

__all__ = [
    "capitalised_share",
    "ends_like_sentence",
    "is_byline",
    "is_credit",
    "is_css_js",
    "is_date_only",
    "is_hashtags",
    "is_headline_with_age",
    "is_image_file",
    "is_inline_caption",
    "is_legal",
    "is_template",
    "is_timestamp",
    "publish_date_text",
    "reprint_source",
    "stop_word_share",
    "strip_bullet",
    "word_count",
]

_TOKEN_WITH_WORD = re.compile(r"\S*[^\W_]\S*")
_BULLET = re.compile(r"^(?:[-–—•·*▪►>|]+\s*)+")
_SENTENCE_END = re.compile(r"[.!?…](?:\s*[\"'”’»)\]])*$")

_CSS_RULE = re.compile(r"[\w\]\)*-]\s*\{[^{}]*?[\w-]+\s*:\s*[^{};]+;?[^{}]*\}")
_CSS_AT_RULE = re.compile(r"@(?:media|import|font-face|keyframes|supports)\b")
_JS_SYNTAX = re.compile(
    r"\bfunction\s*[\w$]*\s*\([^)]*\)\s*\{"
    r"|=>\s*\{"
    r"|\b(?:document|window|console)\.[\w$]+"
    r"|\b(?:const|let|var)\s+[\w$]+\s*="
    r"|\bnew\s+[A-Z][\w$]*\s*\("
)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}")
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)

_AGE = (
    r"(?:about\s+|over\s+|almost\s+|nearly\s+)?(?:\d+|an?|one)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?)\s+ago"
)
_AGE_ONLY = re.compile(
    rf"^(?:time|updated|posted|published)?:?\s*(?:{_AGE}|just now|yesterday|today)$",
    re.IGNORECASE,
)
_HEADLINE_WITH_AGE = re.compile(rf"^.{{8,}}?\s*[-–—|•·]\s*(?:updated\s+)?{_AGE}$", re.IGNORECASE)
_CLOCK = re.compile(
    r"^(?:updated:?\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,5}})?)?$",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^(?:first\s+)?(?:published|posted|updated|last\s+updated|modified)"
    r"(?:\s+on|\s+at)?\s*:?\s+(?P<date>.{6,60})$",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"#[^\W\d_][\w]*")
_BYLINE = re.compile(
    r"^[Bb]y\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,|van|de|von|al|bin))*"
    r"(?:\s*[,|/–—-]\s*[\w .'’&-]+)?$",
)
_CREDIT = re.compile(
    r"\b(?:photo(?:graph)?s?|pictures?|images?|illustrations?|video)\s*(?:source|credit|by|courtesy)?\s*[:/]"
    r"|\b(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy|credit|source)\b"
    r"|\b(?:credit|courtesy)\s*:"
    r"|(?:^|\s)via\s+[A-Z]"
    r"|\bimages?\s+source\b",
    re.IGNORECASE,
)
_CREDIT_WORDS = ("photo", "picture", "image", "illustration", "video", "credit", "courtesy", "via")
"""A word each kind of `_CREDIT` needs."""
_CAPTION_FILE_PREFIX = re.compile(r"^file\s*[-–—:]\s", re.IGNORECASE)
_CAPTION_PHOTO_TAIL = re.compile(
    r"[.!?]\s+(?:photo|image|picture|video)s?(?:\s+credit)?\s*:\s*[\w .&'’/-]{1,40}$",
    re.IGNORECASE,
)
_CAPTION_PHOTO_PARENS = re.compile(
    r"\((?:[^()]*\s)?(?:photo|image|picture|illustration)s?\b[^()]*\)$", re.IGNORECASE
)
_LEGAL = re.compile(
    r"(?P<copyright>©|\(c\)\s*\d{4}|\bcopyright\b)"
    r"|(?P<rights>\ball rights reserved\b)"
    r"|(?P<reproduction>\breproduc(?:e|ed|tion)\b|\bredistribut(?:e|ed|ion)\b)"
    r"|(?P<consent>\b(?:prior|explicit|written)\s+(?:and\s+explicit\s+|written\s+)?consent\b)"
    r"|(?P<terms>\bterms\s+(?:of\s+(?:use|service)|and\s+conditions)\b)"
    r"|(?P<privacy>\bprivacy\s+(?:policy|notice)\b)"
    r"|(?P<site>\b(?:this|the)\s+(?:web)?site\b)"
    r"|(?P<permission>\bwithout\s+(?:the\s+)?(?:prior\s+)?(?:written\s+)?permission\b)",
    re.IGNORECASE,
)
_LEGAL_WORDS = (
    "©",
    "(c)",
    "copyright",
    "rights",
    "reproduc",
    "redistribut",
    "consent",
    "terms",
    "privacy",
    "site",
    "permission",
)
"""A word each kind of `_LEGAL` needs: most lines have none, and the search is costly."""
_REPRINT = re.compile(
    r"^this\s+(?:article|story|piece|report|post)\s+(?:was|is|has been)\s+"
    r"(?:originally\s+|first\s+)?"
    r"(?:published|appeared)\s+(?:by|on|in|at)\s+(?P<source>[^.,;]+?)"
    r"(?:\s+and\s+(?:is\s+)?(?:re-?printed|republished|re-?published|shared)\b.*|\s*[.,;].*|)$",
    re.IGNORECASE,
)


def strip_bullet(line: str) -> str:
    """The line without list bullets, dashes or pipes in front."""
    return _BULLET.sub("", line)


def word_count(line: str) -> int:
    """Tokens holding a letter or digit: '>' or '|' separators do not count."""
    return len(_TOKEN_WITH_WORD.findall(line))


def ends_like_sentence(line: str) -> bool:
    """Sentence punctuation at the end, closing quotes and brackets allowed."""
    return _SENTENCE_END.search(line) is not None


def is_css_js(line: str) -> bool:
    """CSS rules or JavaScript statements that leaked from `<style>`/`<script>`."""
    if not any(mark in line for mark in ("{", "=", "@", ");")):
        return False
    return bool(_CSS_RULE.search(line) or _CSS_AT_RULE.search(line) or _JS_SYNTAX.search(line))


def is_template(line: str) -> bool:
    """Unrendered template placeholders (`{{ widget.title }}`) make up most of the line."""
    placeholders = _TEMPLATE.findall(line)
    return bool(placeholders) and sum(map(len, placeholders)) * 2 >= len(line)


def is_image_file(line: str) -> bool:
    """A bare image file name, left where the picture was."""
    return _IMAGE_FILE.match(line) is not None


def is_timestamp(line: str) -> bool:
    """A relative age ('3 hours ago', 'timean hour ago') or a clock time alone."""
    return bool(_AGE_ONLY.match(line) or _CLOCK.match(line))


def is_date_only(line: str) -> bool:
    """A calendar date, possibly with a time, alone on its line."""
    return _DATE_ONLY.match(line) is not None


def is_headline_with_age(line: str) -> bool:
    """A list item of another story: a headline followed by its age ('… - 24 mins ago')."""
    return line[-3:].lower() == "ago" and _HEADLINE_WITH_AGE.match(line) is not None


def publish_date_text(line: str) -> str | None:
    """The date part of a 'Published Feb 27, 2025 06:44 pm' line, if the line is one."""
    match = _PUBLISHED.match(line)
    return match.group("date") if match else None


def is_hashtags(line: str) -> bool:
    """A line that is mostly hashtags."""
    tags = _HASHTAG.findall(line)
    return bool(tags) and len(tags) * 2 >= len(line.split())


def is_byline(line: str) -> bool:
    """'By Jane Doe' or 'By Jane Doe, Reporter', short and without sentence punctuation."""
    return len(line.split()) <= 10 and _BYLINE.match(line) is not None


def is_credit(line: str) -> bool:
    """A short photo or image credit ('Images source: © …', 'X / via Y')."""
    if len(line.split()) > 12 or ends_like_sentence(line):
        return False
    lowered = line.lower()
    return any(word in lowered for word in _CREDIT_WORDS) and bool(_CREDIT.search(line))


def is_inline_caption(line: str) -> bool:
    """A caption by its own marks: 'FILE - …', '(… Photo/…)' or '… Photo: Agency' at the end,
    a trailing '|'."""
    if line.endswith("|") or _CAPTION_FILE_PREFIX.match(line):
        return True
    if _CAPTION_PHOTO_TAIL.search(line):
        return True
    return line.endswith(")") and _CAPTION_PHOTO_PARENS.search(line) is not None


def is_legal(line: str) -> bool:
    """Copyright or usage notices: a short '©' line, or two kinds of legal wording."""
    lowered = line.lower()
    if not any(word in lowered for word in _LEGAL_WORDS):
        return False
    kinds = {match.lastgroup for match in _LEGAL.finditer(line)}
    if "copyright" in kinds and len(line.split()) <= 12:
        return True
    return len(kinds) >= 2


def reprint_source(line: str) -> str | None:
    """The outlet named in 'This article was originally published by X …', if the line is one."""
    if len(line.split()) > 30:
        return None
    match = _REPRINT.match(line)
    return match.group("source").strip() if match else None


def stop_word_share(line: str) -> float:
    """Share of English function words: high in sentences, low in headlines and menus."""
    tokens = words(line)
    return sum(t in ENGLISH_STOP_WORDS for t in tokens) / len(tokens) if tokens else 0.0


def capitalised_share(line: str) -> float:
    """Share of capitalised content words: near 1 in Title Case headings."""
    content = [w for w in line.split() if w[:1].isalpha() and w.lower() not in ENGLISH_STOP_WORDS]
    return sum(w[0].isupper() for w in content) / len(content) if content else 0.0
