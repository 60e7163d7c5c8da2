"""What narrows a quantity: place, period, window and increment (MeasEval's qualifier).

Scope is part of the claim key, not a comparability rule applied later,
because two figures that differ in scope count different things and must never
meet in the detector's table: the deaths in one city are not the national toll,
a crowd on 16 June is not the crowd on 9 June, deaths within three days are not
the running total, and '22 more' is not the total. Each part is kept only when
the text states it, so that outlets wording one quantity differently still share
a key:

- place: a place attached to the figure's own verb or counted noun by 'in',
  'at', 'across', 'outside'..., or a nationality on the counted noun ('Peruvian
  climbers'); the story's own places (its label, the article's main place and
  headline) are the default and stay out of the key.
- period: for per-event quantities the day the count is about ('on Sunday',
  'June 16', else the first day the article dates its event by), resolved
  against the published date; for tallies only a day attached to the event
  itself ('killed on Tuesday', 'during Tuesday's protests'), since the date of
  a running total ('the toll rose to 412 on Saturday') is its as-of time, on the
  timeline and not in the key. A year before the article's ('the 60 who died in
  a 2009 quake') marks another event and is kept as the period of any quantity.
- window: a stated duration ('within three days', 'in the past 24 hours');
  'since ...' is the running total itself and stays out.
- group: a sub-group the counted people are told apart by ('210 were unregistered
  workers', 'six suffered serious injuries'), from the taxonomy's attributes.
- increment: 'another', 'additional', 'more' when the article has already
  counted the same type ('three more deaths'); after another type it only
  enumerates ('52 killed and 412 more injured').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, partial
from importlib import resources

from agents.extract.periods import resolve_day, year_of
from agents.extract.places import place_name
from agents.extract.syntax import SentenceTree
from agents.story.terms import event_nouns
from agents.tag.aliases import AliasTable
from streams.models import Entity

__all__ = [
    "ArticlePlaces",
    "Scope",
    "capital_of",
    "country_of",
    "event_day",
    "increment",
    "period",
    "is_country",
    "item_place",
    "listed_place",
    "place",
    "window",
]

_AT_PLACE = frozenset({"in", "at", "inside", "within", "across", "throughout", "outside"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NATIONALITY_DEPS = ("amod", "compound", "nmod", "poss")
_PLACE_NOUNS = frozenset(
    "state country province region district county city town village constituency "
    "hometown homeland community".split()
)
_DAY_PREPS = frozenset({"on", "during"})
_DAY_DEPS = ("npadvmod", "tmod", "compound", "poss", "nmod")
_WINDOW_PREPS = frozenset({"within", "in", "over", "during", "for"})
_DURATION = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|24|48|72)\b.*\b"
    r"(?:hours?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_EXPLICIT_INCREMENT = frozenset({"additional", "extra"})
_INCREMENT = frozenset({"another", "more", "new", "further", "fresh"})
_EVENT_DAY_SPAN = timedelta(days=10)


@dataclass(frozen=True, slots=True)
class Scope:
    place: str = ""
    group: str = ""
    period: str = ""
    window: str = ""
    increment: bool = False

    @property
    def text(self) -> str:
        parts = (
            self.place,
            self.group,
            self.period,
            self.window,
            "additional" if self.increment else "",
        )
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """What the article says of places, for the figures in it."""

    story: frozenset[str] = frozenset()
    """The story's own places, lower case: its label's words and the article's main place."""
    nationals: frozenset[str] = frozenset()
    """The places whose nationals are the story's people, not a part of them: the label's
    country when the story is named by one (Peruvians in a story of Chile's pilgrimage are
    some of the pilgrims, wherever the article dwells), else the story's own places."""
    known: frozenset[str] = frozenset()
    """Every place the article names, so a demonym finds its country ('Peruvians' ->
    'Peru') without a gazetteer."""
    capital: str = ""
    """The place the article calls the capital ('the capital, Dova'), for a later bare
    'in the capital'."""


def capital_of(sentences: list[str], entities: Iterable[Entity], table: AliasTable) -> str:
    """The place an article calls the capital: the one it names so ('the capital Dova', 'the
    capital, Dova', 'Dova, the capital'; read from the text and its entities, since only the
    sentences holding a figure are parsed), else the capital of the country it names most."""
    entities = list(entities)
    for entity in entities:
        if entity.label not in ("GPE", "LOC") or entity.sentence >= len(sentences):
            continue
        text = sentences[entity.sentence]
        before = text[: entity.start].rstrip(" ,").lower()
        after = text[entity.end :].lstrip(" ,").lower()
        if before.endswith(("capital", "capital city")) or after.startswith("the capital"):
            return place_name(entity.text, table)
    countries = Counter(
        name
        for e in entities
        if e.label == "GPE" and (name := place_name(e.text, table)) in _capitals()
    )
    return _capitals()[countries.most_common(1)[0][0]] if countries else ""


@cache
def _capitals() -> dict[str, str]:
    return {country: capital.strip() for country, capital in _rows("capitals.tsv")}


def place(
    tree: SentenceTree,
    anchor: int,
    noun: int | None,
    verb: int | None,
    places: ArticlePlaces,
    table: AliasTable,
) -> tuple[str, str]:
    """(the place the figure's own clause narrows it to, one of the story's own places where
    it happened); each '' when there is none.

    The first is a scope as it stands. The second ('35 were killed in Dova' in a story
    labelled by Dova) is one only when the article counts the same quantity apart from it
    (agents/extract/settle.py). A nationality of the story's own place ('40 Peruvians died'
    in Peru) is the story's people, never a part of them."""
    own = ""
    for word, name, text in _narrowing(tree, anchor, noun, verb, places, table):
        if word == "outside":
            return f"outside {name}", ""
        if not _is_storys(name, text, places.nationals if word == "of" else places.story):
            return name, ""
        if word != "of" and not own:
            own = name
    return "", own


def listed_place(tree: SentenceTree, anchor: int) -> str | None:
    """What a figure is listed beside, as written: 'by district: Dova (35), Pelora (12)', 'by
    force: Harbour Police (240), West Calder (63)'. In a sentence listing two or more such
    items it is read from the tokens (the name right before the bracket), since the parse
    often chains a list's items wrongly; one item alone counts when the tagger calls it a
    place ('the dead are from Dova (17)')."""
    if (
        _bracketed(tree, anchor)
        and sum(map(partial(_bracketed, tree), range(len(tree.tokens)))) > 1
    ):
        name: list[str] = []
        k = anchor - 2
        while k >= 0 and tree[k].text[:1].isupper() and tree[k].pos in ("PROPN", "NOUN"):
            name.insert(0, tree[k].text)
            k -= 1
        return " ".join(name) or None
    head = tree.head(anchor)
    if head is not None and tree[anchor].dep == "appos" and _is_place(tree, head):
        return tree.entity_of[head].text  # type: ignore[union-attr]
    return None


def _bracketed(tree: SentenceTree, k: int) -> bool:
    """A figure alone in brackets: '(35)'."""
    return (
        0 < k < len(tree.tokens) - 1
        and tree[k].pos == "NUM"
        and tree[k - 1].text == "("
        and tree[k + 1].text == ")"
    )


def _is_place(tree: SentenceTree, k: int) -> bool:
    entity = tree.entity_of[k]
    return entity is not None and entity.label in ("GPE", "LOC")


def _is_storys(name: str, text: str, story_places: frozenset[str]) -> bool:
    """Whether a place is one of the story's own, also when the tagger ran it into the next
    name ('Dova, Mayor Ana Rell' is Dova)."""
    heads = {re.split(r"[,(]", form)[0].strip().lower() for form in (name, text)}
    return bool(story_places & ({name.lower(), text.lower()} | heads))


def _narrowing(
    tree: SentenceTree,
    anchor: int,
    noun: int | None,
    verb: int | None,
    places: ArticlePlaces,
    table: AliasTable,
) -> list[tuple[str, str, str]]:
    """(how, canonical name, as written) of every place that may narrow a figure, in order: the
    place a listed figure stands beside ('Dova (35)'), a nationality of the counted people
    ('Peruvian climbers'), where they come from ('people from Ghana'), where it happened
    ('killed in Dova')."""
    found: list[tuple[str, str, str]] = []
    if item := _item_place(tree, anchor):
        found.append((*item[:1], place_name(item[1], table), item[1]))
    heads = [anchor] if noun is None else [noun]
    if verb is not None:
        heads += tree.children(verb, "nsubj", "nsubjpass", "attr")
    modifiers = [c for h in heads for c in tree.children(h, *_NATIONALITY_DEPS)]
    for k in [*heads, *modifiers]:
        entity = tree.entity_of[k]
        # A demonym the tagger took for a place ('40 Peruvian citizens') still names people.
        as_modifier = k in modifiers and entity is not None and entity.label == "GPE"
        if entity is not None and (entity.label == "NORP" or as_modifier):
            name = country_of(entity.text, places.known, table)
            if name:
                found.append(("of", name, name))
    for k in [anchor, *([noun] if noun is not None else [])]:
        for prep in tree.children(k, "prep"):
            if tree.lemma(prep) == "from":
                origins = [e for e in tree.entities_in(tree.subtree(prep)) if e.label == "GPE"]
                if origins:
                    found.append(("from", place_name(origins[0].text, table), origins[0].text))
                elif unnamed := _someones_place(tree, prep):
                    found.append(("from", unnamed, unnamed))
    return found + _attached(tree, noun, verb, places.capital, table)


def _someones_place(tree: SentenceTree, prep: int) -> str:
    """A place named by whose it is, not by name ('people from her state', 'from their
    villages'): a part of the story's people, even if unnamed."""
    for obj in tree.children(prep, "pobj"):
        owners = tree.children(obj, "poss")
        if owners and tree.lemma(obj) in _PLACE_NOUNS:
            return " ".join(tree[k].text.casefold() for k in sorted([*owners, obj]))
    return ""


def is_country(place: str) -> bool:
    """Whether a place (any case) is a country of the capitals table."""
    return place.casefold() in _countries()


@cache
def _countries() -> frozenset[str]:
    return frozenset(country.casefold() for country in _capitals())


def item_place(tree: SentenceTree, anchor: int, table: AliasTable) -> str:
    """The place of a figure that is one item of a list ('Dova (35)', '58 from Peru'), ''
    if it is none: each item has its own, whatever the item before it had."""
    item = _item_place(tree, anchor)
    return place_name(item[1], table) if item else ""


def _item_place(tree: SentenceTree, anchor: int) -> tuple[str, str] | None:
    """(how, place as written) of a list item's figure."""
    if (origin := _origin_after(tree, anchor)) is not None:
        return "from", origin
    if (listed := listed_place(tree, anchor)) is not None:
        return "in", listed
    return None


def _origin_after(tree: SentenceTree, anchor: int) -> str | None:
    """A place named right after the figure by 'from' ('58 from Peru, 35 from Chile'), read
    from the tokens: the parse tends to hang a list's 'from' on its verb or on the item
    before."""
    k = anchor + 1
    if k + 1 < len(tree.tokens) and tree.lemma(k) == "from":
        entity = tree.entity_of[k + 1]
        if entity is not None and entity.label == "GPE":
            return entity.text
    return None


def _attached(
    tree: SentenceTree, noun: int | None, verb: int | None, capital: str, table: AliasTable
) -> list[tuple[str, str, str]]:
    """(preposition, canonical name, name as written) of each place attached to the figure's
    verb or counted noun by 'in', 'at', 'across', 'outside'...; 'in the capital (city)' is
    the capital the article named."""
    found = []
    for base in (verb, noun):
        if base is None:
            continue
        for prep in tree.children(base, "prep"):
            word = tree.lemma(prep)
            if word not in _AT_PLACE:
                continue
            phrase = _object_phrase(tree, prep)
            if any(tree[k].text.lower() in event_nouns() for k in tree.children(prep, "pobj")):
                continue  # 'died in the Dova wildfire': the place names the event
            named = next((e for e in tree.entities_in(phrase) if e.label in _PLACE_LABELS), None)
            if named is not None and any(ch.isalpha() for ch in named.text):
                name = place_name(named.text, table)
                if name:
                    found.append((word, name, named.text))
            elif capital and any(tree.lemma(k) == "capital" for k in phrase):
                found.append((word, capital, capital))
    return found


def _object_phrase(tree: SentenceTree, prep: int) -> list[int]:
    """The preposition's object with its name parts and appositions ('the capital, Dova',
    'the town of Dova'), not places nested further in ('the march in Calder' is where the
    march was)."""
    found: list[int] = []
    stack = tree.children(prep, "pobj")
    while stack:
        k = stack.pop()
        found.append(k)
        stack += tree.children(k, "compound", "appos", "conj", "det", "amod", "poss")
        stack += [
            o
            for p in tree.children(k, "prep")
            if tree.lemma(p) == "of"
            for o in tree.children(p, "pobj")
        ]
    return found


def country_of(demonym: str, known: frozenset[str], table: AliasTable) -> str:
    """The country a nationality names: the alias table's, else the demonyms file's, else a
    place the article names that the word derives from ('Ruritanian' from 'Ruritania'); '' when
    it names no country ('Catholics')."""
    word = " ".join(demonym.split())
    single = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    for form in (word, single):
        found = table.lookup(form)
        if found is not None:
            return found.canonical
        if form.lower() in _demonyms():
            return _demonyms()[form.lower()]
    for stem_cut, endings in ((3, ("ia", "", "a")), (2, ("a", "")), (1, ("",))):
        stem = single[:-stem_cut]
        for ending in endings:
            if len(stem) > 2 and stem + ending in known:
                return stem + ending
    return ""


@cache
def _demonyms() -> dict[str, str]:
    rows = _rows("demonyms.tsv")
    return {name.strip().lower(): country for country, names in rows for name in names.split(",")}


def _rows(name: str) -> list[list[str]]:
    """The tab-separated rows of one of the package's tables, its '#' comments left out."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def period(
    tree: SentenceTree,
    clause: Iterable[int],
    anchors: Iterable[int | None],
    event_word: int | None,
    per_event: bool,
    published: date | None,
    article_day: date | None,
) -> str:
    """The period a figure is about: another event's year ('who died in a 2009 quake', on
    the figure's noun, verb or event word; 'since 2009' and 'the 2009 floods' elsewhere in
    the sentence do not count), a per-event count's day, or the day a tally's own event
    happened."""
    dateline = _dateline(tree)
    dates = [
        e
        for e in tree.entities_in(sorted(set(clause)))
        if e.label == "DATE" and e.start >= dateline
    ]
    for entity in _attached_dates(tree, anchors):
        year = year_of(entity.text)
        if year is not None and published is not None and year < published.year:
            return str(year)
    if per_event:
        days = (resolve_day(e.text, published) for e in dates)
        day = next((d for d in days if d is not None), None) or article_day
        return day.isoformat() if day is not None else ""
    if event_word is None:
        return ""
    for entity in _event_dates(tree, event_word):
        if entity.start < dateline:
            continue
        day = resolve_day(entity.text, published, loose=False)
        if day is not None:
            return day.isoformat()
    return ""


def window(tree: SentenceTree, verb: int | None, noun: int | None) -> str:
    """'within three days', 'a toll of 140 for the first two days': a stated duration on the
    figure's verb or counted noun."""
    bases = [b for b in (verb, noun) if b is not None]
    for prep in (p for b in bases for p in tree.children(b, "prep")):
        if tree.lemma(prep) not in _WINDOW_PREPS:
            continue
        words = " ".join(tree[k].text for k in tree.subtree(prep))
        if _DURATION.search(words) and not year_of(words):
            return words.lower()
    return ""


def increment(
    tree: SentenceTree, near: Iterable[int], own: set[int], count_type: str, last: str | None
) -> bool:
    """'up to 500 additional police', 'three more deaths': an increment, not the total. After
    a figure of another type 'more' only enumerates ('52 killed and 412 more injured')."""
    words = {tree[k].text.lower() for k in near if k not in own}
    if words & _EXPLICIT_INCREMENT:
        return True
    return bool(words & _INCREMENT) and (last is None or last == count_type)


def event_day(entities: Iterable[Entity], texts: list[str], published: date | None) -> date | None:
    """The first day the article dates its events by, within days before publication."""
    if published is None:
        return None
    for entity in entities:
        if entity.label != "DATE" or entity.sentence >= len(texts):
            continue
        day = resolve_day(entity.text, published)
        if day is not None and published - _EVENT_DAY_SPAN <= day <= published:
            return day
    return None


_DASHES = frozenset({"-", "–", "—", "--"})
_DATELINE_TOKENS = 12


def _dateline(tree: SentenceTree) -> int:
    """Where a wire dateline opening the sentence ends ('June 23 (Wire) – ', 'LIMA, June 23
    (Wire) - '), as a character offset; 0 when there is none. Its date is when the report was
    filed, not when what it counts happened."""
    for i in range(min(len(tree.tokens), _DATELINE_TOKENS)):
        if tree[i].text in _DASHES:
            before = [e for e in tree.entities_in(range(i)) if e.label == "DATE"]
            return tree[i].start if before else 0
    return 0


def _attached_dates(tree: SentenceTree, anchors: Iterable[int | None]) -> list[Entity]:
    """Dates on the figure's noun or verb, and the date a clause of it hangs on ('since 2009,
    when over 20,000 people marched'); not an anniversary's ('on the tenth anniversary of
    the 2009 floods' is today)."""
    found: list[int] = []
    for k in anchors:
        if k is None:
            continue
        for child in tree.children(k):
            if tree[child].dep in _DAY_DEPS or (
                tree[child].dep in ("prep", "relcl", "acl") and tree.lemma(child) != "since"
            ):
                phrase = tree.subtree(child)
                if all(tree.lemma(i) != "anniversary" for i in phrase):
                    found += phrase
        head = tree.head(k)
        if tree[k].dep in ("relcl", "acl") and head is not None:
            found.append(head)
    return [e for e in tree.entities_in(found) if e.label == "DATE"]


def _event_dates(tree: SentenceTree, word: int) -> list[Entity]:
    """Dates on the event itself: 'killed on Tuesday', 'Tuesday's protests', 'Tuesday rallies'."""
    found: list[int] = []
    for k in tree.children(word):
        if tree[k].dep == "prep" and tree.lemma(k) in _DAY_PREPS:
            found += tree.subtree(k)
        elif tree[k].dep in _DAY_DEPS:
            found += tree.subtree(k)
    return [e for e in tree.entities_in(found) if e.label == "DATE"]
