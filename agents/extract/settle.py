"""Keys settled over the whole article, once every figure has been read.

Some scope is only known from the article as a whole: a place of the story's own
narrows a figure only when the article counts the same quantity apart from it
with a larger figure (a part of a whole); one figure stated twice is one claim,
so a restatement without its day or place shares the dated one's key; and a
headline figure the body restates is the body's claim, which names its source.
"""

from __future__ import annotations

from agents.extract.keys import build_key
from agents.extract.scope import Scope
from streams.models import Claim, ClaimKey, TaggedArticle

__all__ = ["settled"]


def settled(tagged: TaggedArticle, made: list[tuple[Claim, str]]) -> list[Claim]:
    """The article's claims with their keys settled; `made` pairs each claim with the story
    place attached to its figure ('' for none)."""
    return _without_restated_headline(tagged, _restated(_narrowed(made)))


def _narrowed(made: list[tuple[Claim, str]]) -> list[Claim]:
    """A story place attached to a figure narrows its key when the article counts the same
    quantity apart from it with a larger current figure: a part of a whole ('35 were killed
    in Dova' beside '140 across the province' or '140 across Hallan'). Alone, or above the
    other figure, it is the story's own place ('1,200 died in Dova', revised to 900
    elsewhere in the article)."""
    claims = []
    for claim, local in made:
        if (
            local
            and not claim.historical
            and any(
                other.key_text == claim.key_text
                and not other.historical
                and theirs != local
                and _below(claim, other)
                for other, theirs in made
            )
        ):
            key = _with_place(claim.key, local)
            claim = claim.model_copy(update={"key": key, "key_text": key.text, "place": local})
        claims.append(claim)
    return claims


def _with_place(key: ClaimKey, place: str) -> ClaimKey:
    scope = Scope(
        place=place,
        group=key.group or "",
        period=key.period or "",
        window=key.window or "",
        increment=key.increment,
    )
    return build_key(key.subject, key.measure, scope)


def _below(part: Claim, whole: Claim) -> bool:
    top = part.value.high if part.value.high is not None else part.value.low
    bottom = whole.value.low if whole.value.low is not None else whole.value.high
    return top is not None and bottom is not None and top < bottom


def _restated(claims: list[Claim]) -> list[Claim]:
    """One figure of one quantity stated twice in an article is one claim restated: where
    one statement says its day or place ('12 killed during Tuesday rallies') and the other
    does not ('12 people were killed across the country'), both have it."""
    scoped: dict[tuple[object, ...], set[ClaimKey]] = {}
    for claim in claims:
        if claim.key.scope and not _another_year(claim.key):
            scoped.setdefault(_figure(claim), set()).add(claim.key)
    restated = []
    for claim in claims:
        keys = scoped.get(_figure(claim), set())
        if not claim.key.scope and len(keys) == 1:
            (key,) = keys
            claim = claim.model_copy(update={"key": key, "key_text": key.text})
        restated.append(claim)
    return restated


def _another_year(key: ClaimKey) -> bool:
    """A year in the key marks another event: the same figure unscoped is this story's."""
    return bool(key.period and key.period.isdigit())


def _figure(claim: Claim) -> tuple[object, ...]:
    return (claim.key.subject, claim.key.measure, claim.value.low, claim.value.high)


def _without_restated_headline(tagged: TaggedArticle, claims: list[Claim]) -> list[Claim]:
    """Drop a headline figure the body restates ('toll rises to 2,650' / 'has killed 2,650
    people, the ministry said'): one figure is one claim, and the body's names its source."""
    title = (tagged.title or "").strip()

    def in_headline(claim: Claim) -> bool:
        return bool(title) and claim.sentence.strip() in title

    def figure(claim: Claim) -> tuple[object, ...]:
        return (claim.key_text, claim.value.low, claim.value.high, claim.value.qualifier)

    body = {figure(c) for c in claims if not in_headline(c)}
    return [c for c in claims if not (in_headline(c) and figure(c) in body)]
