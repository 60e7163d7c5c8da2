"""Synthetic news articles of realistic size, page clutter and all, from `bench.templates`.

Each story (an earthquake, floods, a march, border crossings, a troop
deployment, a wildfire) happens in its own invented place and is covered by
several outlets over several days. Every voice has a bias, so the police and
the organisers of a march disagree while a ministry's running toll rises:
some figures contradict each other, most do not. Articles run 300-750 words
of their own by default (`WORDS`), wrapped in the furniture real pages carry (navigation,
other stories' headlines with figures, widgets, captions, related blocks,
copyright lines); a fifth are HTML, and a few are syndicated copies.
Deterministic for a given seed.
"""

from __future__ import annotations

import html
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from streams.models import ContentType, RawArticle

from . import templates as t

__all__ = ["WORDS", "Story", "generate", "generate_many"]

WORDS = (300, 750)
"""Article text, in words, drawn uniformly: the size of the user's own examples (the
five seed articles clean to 313-699 words, 448 on average); wire stories run 400-800."""

MEASURES = {
    "quake": ("killed", "wounded", "displaced", "missing"),
    "flood": ("killed", "displaced", "missing"),
    "march": ("crowd", "arrested"),
    "crossings": ("crossed",),
    "troops": ("sent",),
    "wildfire": ("evacuated",),
}
"""What each kind of story counts (keys of `templates.FIGURE_SENTENCES`)."""

_BASE = {
    "killed": (150, 3000), "wounded": (400, 6000), "displaced": (5000, 80000),
    "missing": (20, 400), "crowd": (8000, 60000), "arrested": (10, 90),
    "crossed": (4000, 50000), "sent": (2000, 15000), "evacuated": (3000, 40000),
}  # fmt: skip
_RISING = frozenset({"killed", "wounded", "displaced", "crossed", "evacuated", "arrested", "sent"})
_VOICES = {
    "quake": (("the interior ministry", 1.0), ("Governor {person}", 1.8), ("the Red Cross", 1.1),
              ("the regional health department", 0.95)),
    "flood": (("the interior ministry", 1.0), ("the Red Cross", 1.5),
              ("Governor {person}", 2.2)),
    "march": (("police", 1.0), ("organisers", 4.0), ("the union federation", 3.5)),
    "crossings": (("the U.N. refugee agency", 2.4), ("{country}'s interior ministry", 1.0),
                  ("border police", 1.05)),
    "troops": (("{country}'s defence ministry", 1.6), ("Western intelligence officials", 1.0),
               ("independent analysts", 0.9)),
    "wildfire": (("the fire service", 1.0), ("the regional government", 1.5)),
}  # fmt: skip
_HAZARD = {"quake": "earthquake", "flood": "floods", "wildfire": "fire"}
_OUTLETS = (
    "The Northern Ledger", "Harbour Post", "Daily Meridian", "The Coastal Times",
    "Wire Europa", "Evening Standard-Bearer", "The Plain Dealer Review", "Morning Courier",
    "Capital Observer", "Frontier Gazette",
)  # fmt: skip
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ARTICLES_PER_STORY = 6
_COPY_SHARE = 0.05
_HTML_SHARE = 0.2


@dataclass(frozen=True)
class Story:
    """One event and what its voices say about it; articles are drawn from it."""

    kind: str
    place: str
    town: str
    country: str
    other: str
    person: str
    start: datetime
    base: dict[str, int]
    voices: tuple[tuple[str, float], ...]
    slug: str

    def slots(self, rng: random.Random, day: datetime) -> dict[str, str]:
        return {
            "place": self.place,
            "town": self.town,
            "country": self.country,
            "other": self.other,
            "person": rng.choice(t.PEOPLE),
            "role": rng.choice(t.OCCUPATIONS),
            "weekday": _WEEKDAYS[day.weekday()],
            "month": _MONTHS[self.start.month - 1],
            "hazard": _HAZARD.get(self.kind, "crisis"),
        }


def generate(
    count: int, seed: int = 7, prefix: str = "bench", words: tuple[int, int] = WORDS
) -> list[RawArticle]:
    """`count` articles from about count/6 stories, in publication order, ids `prefix-...`;
    each with `words` (least, most) words of its own text."""
    rng = random.Random(seed)
    names = _place_names(rng)
    stories = [_story(rng, names, i) for i in range(max(1, count // _ARTICLES_PER_STORY))]
    drafts = [
        _article(rng, stories[i % len(stories)], f"{prefix}-{i}", words) for i in range(count)
    ]
    drafts.sort(key=lambda a: a.published_at or datetime.min.replace(tzinfo=UTC))
    return [_maybe_copy(rng, drafts, i) for i in range(len(drafts))]


_BATCH = 1500
"""Articles per `generate` call in `generate_many`: the invented place names of one call
run out near 4,000 articles."""


def generate_many(count: int, seed: int = 7) -> list[RawArticle]:
    """`count` articles, more than one `generate` call can invent places for: batches of
    1,500 with seeds `seed`, `seed + 1500`, ... and ids `b0-...`, `b1500-...`."""
    return [
        raw
        for batch in range(0, count, _BATCH)
        for raw in generate(min(_BATCH, count - batch), seed + batch, f"b{batch}")
    ]


def _place_names(rng: random.Random) -> Iterator[str]:
    first, middle, last = t.SYLLABLES
    seen: set[str] = set()
    while True:
        name = rng.choice(first) + rng.choice(middle) + rng.choice(last)
        if name not in seen:
            seen.add(name)
            yield name


def _story(rng: random.Random, names: Iterator[str], n: int) -> Story:
    kind = t.KINDS[n % len(t.KINDS)]
    start = datetime(2025, 1, 1, 6, tzinfo=UTC) + timedelta(days=rng.randrange(330))
    country, person = next(names), rng.choice(t.PEOPLE)
    slots = {"country": country, "person": person}
    voices = tuple((name.format(**slots), bias) for name, bias in _VOICES[kind])
    base = {m: rng.randint(*_BASE[m]) for m in MEASURES[kind]}
    place, town, other = next(names), next(names), next(names)
    return Story(kind, place, town, country, other, person, start, base, voices, f"{kind}-{n}")


def _figure(rng: random.Random, value: float) -> str:
    """A figure as a reporter writes it: rounded, often with a qualifier, sometimes a range."""
    step = 10 ** max(0, len(str(int(value))) - 2)
    n = max(1, round(value / step) * step)
    style = rng.random()
    if style < 0.25:
        return f"{n:,}"
    if style < 0.45:
        return f"about {n:,}"
    if style < 0.6:
        return f"more than {n:,}"
    if style < 0.72:
        return f"at least {n:,}"
    if style < 0.85:
        return f"an estimated {n:,}"
    return f"{n:,}-{n + step * rng.randint(1, 3):,}"


def _claim_sentences(
    rng: random.Random, story: Story, day: int, slots: dict[str, str]
) -> list[str]:
    """One to four figure sentences: each picks a measure and a voice, biased and rising."""
    out = []
    for _ in range(rng.randint(1, 4)):
        measure = rng.choice(MEASURES[story.kind])
        voice, bias = rng.choice(story.voices)
        growth = 1 + 0.4 * day if measure in _RISING else 1.0
        value = story.base[measure] * bias * growth * rng.uniform(0.95, 1.05)
        template = rng.choice(t.FIGURE_SENTENCES[measure])
        text = template.format(**{**slots, "voice": voice, "fig": _figure(rng, value)})
        out.append(text[0].upper() + text[1:])
    return out


def _filler(rng: random.Random, story: Story, slots: dict[str, str], used: set[str]) -> str:
    """A sentence without a claim, not yet in this article: context, a generic line, a
    reported clause or a quote."""
    for _ in range(20):
        text = _any_filler(rng, story)
        if text not in used:
            break
    used.add(text)
    slots = {**slots, "person": rng.choice(t.PEOPLE), "role": rng.choice(t.OCCUPATIONS)}
    return text.format(**slots)


def _any_filler(rng: random.Random, story: Story) -> str:
    pick = rng.random()
    if pick < 0.35:
        text = rng.choice(t.CONTEXT[story.kind])
    elif pick < 0.55:
        text = rng.choice(t.GENERIC)
    elif pick < 0.85:
        opener, reporter = rng.choice(t.OPENERS), rng.choice(t.REPORTERS)
        text = f"{opener}, {reporter} {rng.choice(t.REPORT_VERBS)} that {rng.choice(t.CLAUSES)}."
    else:
        text = rng.choice(t.QUOTES)
    return text


def _story_text(
    rng: random.Random, story: Story, day: int, when: datetime, words: tuple[int, int]
) -> list[str]:
    """Paragraphs of `words` words: a lead with a figure, then context, quotes and figures."""
    slots = story.slots(rng, when)
    claims = _claim_sentences(rng, story, day, slots)
    dateline = f"{story.town.upper()}, {_MONTHS[when.month - 1]} {when.day} - "
    paragraphs = [dateline + claims.pop(0)]
    target, written = rng.randint(*words), len(paragraphs[0].split())
    used: set[str] = set()
    while written < target:
        if claims and rng.random() < 0.25:
            sentences = [claims.pop(0), _filler(rng, story, slots, used)]
        else:
            sentences = [_filler(rng, story, slots, used) for _ in range(rng.randint(2, 5))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        written += len(paragraph.split())
    return paragraphs + claims


def _article(rng: random.Random, story: Story, ident: str, words: tuple[int, int]) -> RawArticle:
    day = rng.randrange(5)
    when = story.start + timedelta(days=day, hours=rng.randrange(14), minutes=rng.randrange(60))
    outlet = rng.choice(_OUTLETS)
    slots = story.slots(rng, when)
    title = rng.choice(t.TITLES[story.kind]).format(**slots)
    paragraphs = _story_text(rng, story, day, when, words)
    as_html = rng.random() < _HTML_SHARE
    body = (_html_page if as_html else _text_page)(rng, outlet, title, when, paragraphs, slots)
    return RawArticle(
        id=f"{ident}-{story.slug}",
        url=f"https://{outlet.lower().replace(' ', '')}.example/{story.slug}/{ident}",
        source=outlet,
        title=title,
        published_at=when,
        content_type=ContentType.HTML if as_html else ContentType.PLAIN,
        body=body,
    )


def _maybe_copy(rng: random.Random, drafts: list[RawArticle], i: int) -> RawArticle:
    """A few articles are another outlet's reprint of an earlier one, under its own page."""
    if i == 0 or rng.random() >= _COPY_SHARE:
        return drafts[i]
    original = drafts[rng.randrange(i)]
    outlet = rng.choice([o for o in _OUTLETS if o != original.source])
    return original.model_copy(
        update={
            "id": f"{drafts[i].id}-reprint",
            "source": outlet,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/reprint/{i}",
            "published_at": drafts[i].published_at,
            "body": f"{outlet}\n{original.body}\nOriginally published by {original.source}.",
        }
    )


def _clutter_headlines(rng: random.Random) -> list[str]:
    ago = ("mins ago", "hours ago", "hours ago", "days ago")
    lines = []
    for headline in rng.sample(t.HEADLINES_ELSEWHERE, rng.randint(3, 6)):
        elsewhere = rng.choice(t.PEOPLE).split()[1] + rng.choice(("ia", "o", "ova", "land"))
        text = headline.format(elsewhere=elsewhere, n=rng.randint(3, 2500))
        lines.append(f"- {text} - {rng.randint(2, 12)} {rng.choice(ago)}")
    return lines


def _text_page(
    rng: random.Random,
    outlet: str,
    title: str,
    when: datetime,
    paragraphs: list[str],
    slots: dict[str, str],
) -> str:
    """A scraped plain-text page: header, nav, title, caption, text with a widget, related."""
    slots = {**slots, "outlet": outlet}
    head = [outlet, *rng.sample(t.NAV_LINES, 2), title, when.strftime("%A %d %B %Y, %H:%M")]
    head = [line.format(**slots) for line in head]
    if rng.random() < 0.5:
        head += ["Latest", *_clutter_headlines(rng)]
    body = list(paragraphs)
    body.insert(rng.randint(1, len(body)), rng.choice(t.CAPTIONS).format(**slots))
    body.insert(rng.randint(2, len(body)), rng.choice(t.WIDGETS))
    tail = ["Related Articles", *_clutter_headlines(rng), *rng.sample(t.WIDGETS, 2)]
    tail.append(rng.choice(t.CLOSING_LINES).format(**slots))
    return "\n".join([*head, *body, *tail])


def _html_page(
    rng: random.Random,
    outlet: str,
    title: str,
    when: datetime,
    paragraphs: list[str],
    slots: dict[str, str],
) -> str:
    """The same page as HTML, with the furniture in nav, aside and footer elements."""
    e = html.escape
    nav = "".join(f"<li><a href='#'>{e(x)}</a></li>" for x in ("World", "Politics", "Sport"))
    related = "".join(f"<li><a href='#'>{e(x[2:])}</a></li>" for x in _clutter_headlines(rng))
    text = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    caption = e(rng.choice(t.CAPTIONS).format(**{**slots, "outlet": outlet}))
    return (
        f"<html><head><title>{e(title)} | {e(outlet)}</title>"
        "<style>.nav{display:flex}</style><script>window.ads=[];</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav><div class='cookie'>{e(t.WIDGETS[3])}</div></header>"
        f"<article><h1>{e(title)}</h1><time datetime='{when.isoformat()}'>"
        f"{when:%d %B %Y}</time><figure><figcaption>{caption}</figcaption></figure>{text}</article>"
        f"<aside><h2>Related stories</h2><ul>{related}</ul></aside>"
        f"<footer><p>{e(t.WIDGETS[2])}</p><p>(c) 2025 {e(outlet)}</p></footer></body></html>"
    )
