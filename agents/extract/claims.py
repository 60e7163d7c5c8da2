"""Turn each figure of a tagged article into a claim, from the stored parse around it.

What is counted comes from the counted noun and the verbs that govern it
(measures.json). The subject of a sent force is who sends it (the entities on
the noun or the verb's subject); the subject of an event count (the dead, a
crowd, people crossing) is the victims' country when named, else where it
happened (agents/extract/places.py), so outlets naming a town, a province or
nothing at all share one key. Who says so: agents/extract/attribution.py. A
figure that names nothing of its own in a sentence that already gave one
('..., though police estimates were lower at 800'), or only a bare tally ('the
ministry put the number at 900'), counts the same thing as the figure before
it; one with no speaker of its own right after a sentence that named one
('Seoul reported 300 killed. Around 2,700 were injured.') is that speaker's.
A headline figure the body restates is the body's claim, which says who gives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from agents.extract.attribution import attribution
from agents.extract.figures import Figure, parse_figures
from agents.extract.keys import build_key
from agents.extract.measures import Vocabulary, vocabulary
from agents.extract.places import clause_places, is_top_level, main_place, place_name
from agents.extract.syntax import COUNTRY_LABELS, SentenceTree
from agents.tag.aliases import AliasTable, default_aliases
from streams.models import Claim, Modality, ParsedSentence, Span, TaggedArticle, stable_id

__all__ = ["Context", "Reading", "extract_claims", "read_figure"]

_MODIFIER_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "advmod", "det")
_NOMINAL = ("NOUN", "PROPN")
_SUBJECTS = ("nsubj", "nsubjpass")
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr")
_PLACE_PREPS = ("to", "into", "in", "inside")
_TIME_DEPS = ("prep", "npadvmod", "advmod", "tmod")
_NOT_COUNTS = frozenset({"DATE", "TIME", "ORDINAL"})
_ROLES = ("nsubj", "nsubjpass", "dobj", "conj", "appos", "attr")
"""A figure in one of these roles is the counted thing itself, not a value of the verb's
argument ('the toll rose to 2,400', 'put the number at 900')."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What one figure counts and who says so."""

    measure: str
    subject: str
    scope: str
    attributed_to: str | None
    modality: Modality
    place: str | None
    period: str | None
    speaker_noun: str | None = None
    """The noun the speaker was called by ('ministry'), for a later bare 'the ministry'."""
    bare: bool = False
    """Names no counted noun of its own ('Around 2,700 were injured'): it continues the
    sentence before, and that sentence's speaker when it names none."""


@dataclass(frozen=True, slots=True)
class Context:
    """What the article said before a figure: its main place, its last reading and whom each
    bare noun ('the ministry') named."""

    main_place: str = ""
    last_subject: str = ""
    last: Reading | None = None
    speakers: Mapping[str, str] = field(default_factory=dict)


def extract_claims(tagged: TaggedArticle) -> list[Claim]:
    """Every figure with a known measure in the article's parsed sentences, in order."""
    vocab, table = vocabulary(), default_aliases()
    trees = [
        (parsed.sentence, _tree(tagged, parsed.sentence, parsed))
        for parsed in sorted(tagged.parsed, key=lambda p: p.sentence)
    ]
    context = Context(main_place=main_place(tagged, (t for _, t in trees), table))
    claims: list[Claim] = []
    seen: set[tuple[str, int]] = set()
    heard: dict[int, str] = {}
    for index, tree in trees:
        text = tagged.sentences[index]
        previous: Reading | None = None
        for figure in parse_figures(text):
            reading = read_figure(tree, figure, previous, context, vocab, table)
            if reading is None:
                continue
            if reading.attributed_to:
                heard.setdefault(index, reading.attributed_to)
            elif reading.bare and index - 1 in heard:
                reading = replace(reading, attributed_to=heard[index - 1])
            previous, context = reading, _after(context, reading)
            if (text, figure.start) not in seen:
                seen.add((text, figure.start))
                claims.append(_claim(tagged, index, text, figure, reading))
    return _without_restated_headline(tagged, claims)


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


def _after(context: Context, reading: Reading) -> Context:
    speakers = context.speakers
    if reading.speaker_noun and reading.attributed_to:
        speakers = {**speakers, reading.speaker_noun: reading.attributed_to}
    return replace(
        context,
        last=reading,
        last_subject=reading.subject or context.last_subject,
        speakers=speakers,
    )


def _tree(tagged: TaggedArticle, index: int, parsed: ParsedSentence) -> SentenceTree:
    return SentenceTree(parsed, [e for e in tagged.entities if e.sentence == index])


def read_figure(
    tree: SentenceTree,
    figure: Figure,
    previous: Reading | None,
    context: Context,
    vocab: Vocabulary,
    table: AliasTable,
) -> Reading | None:
    """The reading of one figure, or None when it counts nothing the vocabulary knows."""
    anchor = tree.anchor(figure.start, figure.end)
    if anchor is None:
        return None
    entity = tree.entity_of[anchor]
    if entity is not None and entity.label in _NOT_COUNTS:
        return None
    own = set(tree.in_span(figure.start, figure.end))
    noun = _counted_noun(tree, anchor, vocab)
    top = _coordination_top(tree, noun if noun is not None else anchor)
    verb = tree.governing_verb(top)
    nouns = _noun_lemmas(tree, noun, vocab) if noun is not None else []
    valued = noun is None and verb is not None and tree[anchor].dep not in _ROLES
    args = tree.children(verb, *_ARGUMENTS) if valued and verb is not None else []
    for arg in args:
        if arg not in own:
            nouns += _noun_lemmas(tree, arg, vocab)
    verbs = _verb_lemmas(tree, verb, vocab) if verb is not None else []
    path = [tree.lemma(a) for a in _path(tree, top, verb)]
    said = attribution(tree, verb if verb is not None else anchor, vocab, table, context.speakers)
    modality = _modality(tree, verb, figure, said.estimated, vocab)
    outcome = vocab.outcome([*_own_words(tree, anchor, own), *verbs, *path, *nouns])
    counted = vocab.first(vocab.counted, nouns)
    event = vocab.first(vocab.events, [*verbs, *path, *nouns])
    counted_at = noun
    if outcome:
        measure = outcome
    elif counted and (event or counted not in vocab.needs_event):
        measure = f"{counted}_{event}" if event else counted
    elif event and (borrowed := _nearest_counted(tree, anchor, vocab)) is not None:
        counted_at, measure = borrowed, f"{vocab.counted[tree.lemma(borrowed)]}_{event}"
    elif event and context.last is not None and context.last.measure.endswith(f"_{event}"):
        measure = context.last.measure
    elif noun is None and previous is not None:
        return replace(
            previous,
            attributed_to=said.name or previous.attributed_to,
            modality=modality,
            speaker_noun=said.noun,
            bare=True,
        )
    elif context.last is not None and _bare_tally(tree, noun, verb, own, vocab):
        return replace(
            context.last,
            attributed_to=said.name,
            modality=modality,
            speaker_noun=said.noun,
            bare=True,
        )
    else:
        return None
    if not vocab.keyed_by_place(measure):
        subject = (
            _subject(tree, counted_at, verb, False, table)
            or (previous.subject if previous else "")
            or context.last_subject
            or context.main_place
        )
    elif event and not outcome:
        subject = _destination(tree, counted_at, verb, table) or _located(
            tree, counted_at, verb, previous, context, table
        )
    else:
        subject = _located(tree, counted_at, verb, previous, context, table)
    return Reading(
        measure=measure,
        subject=subject,
        scope=_scope(tree, anchor, counted_at, own, vocab),
        attributed_to=said.name,
        modality=modality,
        place=_place(tree, verb, counted_at),
        period=_period(tree, verb),
        speaker_noun=said.noun,
        bare=noun is None,
    )


def _claim(tagged: TaggedArticle, index: int, text: str, figure: Figure, reading: Reading) -> Claim:
    key = build_key(reading.subject, reading.measure, reading.scope)
    return Claim(
        claim_id=stable_id(tagged.id, index, figure.start),
        article_id=tagged.id,
        source=tagged.source,
        url=tagged.url,
        published_at=tagged.published_at,
        story_id=tagged.story_id,
        story=tagged.story,
        key=key,
        key_text=key.text,
        value=figure.to_value(),
        attributed_to=reading.attributed_to,
        modality=reading.modality,
        sentence=text,
        span=Span(start=figure.start, end=figure.end),
        place=reading.place,
        period=reading.period,
        duplicate_of=tagged.duplicate_of,
        ingested_at=tagged.ingested_at,
    )


def _located(
    tree: SentenceTree,
    noun: int | None,
    verb: int | None,
    previous: Reading | None,
    context: Context,
    table: AliasTable,
) -> str:
    """An event count's subject: the victims' country, else the story's place.

    A bare figure ('another 2,700 were injured') counts the group named before
    it. Otherwise a place in the clause counts when it is the article's main
    place; else the subject of the article's earlier figures stands (a town or a
    front line inside the story's place is not a new subject), and only a
    country or region named before any other figure replaces the main place.
    """
    victims = _subject(tree, noun, verb, True, table)
    if victims:
        return victims
    earlier = (previous.subject if previous else "") or context.last_subject
    if noun is None and earlier:
        return earlier
    places = clause_places(tree, noun, verb)
    names = [place_name(p.text, table) for p in places]
    if context.main_place and context.main_place in names:
        return context.main_place
    if previous is not None and previous.subject:
        return previous.subject
    if context.last_subject:
        return context.last_subject
    top = [n for p, n in zip(places, names, strict=True) if is_top_level(p.text, table)]
    return top[0] if top else context.main_place


def _destination(tree: SentenceTree, noun: int | None, verb: int | None, table: AliasTable) -> str:
    """Where people moved to: 'crossed from A into B', 'arrived in B'."""
    places = [p for p in clause_places(tree, noun, verb) if not p.is_origin]
    return place_name(places[0].text, table) if places else ""


def _bare_tally(
    tree: SentenceTree, noun: int | None, verb: int | None, own: set[int], vocab: Vocabulary
) -> bool:
    """'put the number at 900', 'raised its count to 900': a tally of nothing named here."""
    near = [noun] if noun is not None else []
    if verb is not None:
        near += [k for k in tree.children(verb, *_ARGUMENTS) if k not in own]
    return any(
        tree.lemma(k) in vocab.tallies and not tree.children(k, "prep", "compound") for k in near
    )


def _counted_noun(tree: SentenceTree, anchor: int, vocab: Vocabulary) -> int | None:
    """The noun a figure counts: '700 troops', 'a toll of 2,400'."""
    head = tree.head(anchor)
    if head is None:
        return None
    if tree[anchor].dep in _MODIFIER_DEPS and tree[head].pos in _NOMINAL:
        return head
    if tree[anchor].dep == "pobj" and tree.lemma(head) == "of":
        owner = tree.head(head)
        if owner is not None and tree.lemma(owner) in vocab.tallies:
            return owner
    return _of_object(tree, anchor) if tree[anchor].pos == "NOUN" else None


def _of_object(tree: SentenceTree, i: int) -> int | None:
    """'thousands of people', 'tens of thousands of refugees': the noun after the last 'of'."""
    for prep in tree.children(i, "prep"):
        if tree.lemma(prep) == "of":
            for obj in tree.children(prep, "pobj"):
                if tree.lemma(obj) in ("thousand", "hundred", "million", "dozen", "ten"):
                    return _of_object(tree, obj)
                return obj
    return None


def _coordination_top(tree: SentenceTree, i: int) -> int:
    """'20 medics' in '70 nurses and 20 medics' stands where 'nurses' stands."""
    while tree[i].dep in ("conj", "appos") and (head := tree.head(i)) is not None:
        if tree[head].pos not in (*_NOMINAL, "NUM"):
            break
        i = head
    return i


def _path(tree: SentenceTree, start: int, verb: int | None) -> list[int]:
    found = []
    for a in tree.ancestors(start):
        if a == verb:
            break
        found.append(a)
    return found


def _noun_lemmas(tree: SentenceTree, noun: int, vocab: Vocabulary) -> list[str]:
    """The noun, its compounds and modifiers; a tally ('number', 'toll') adds what it tallies."""
    lemmas = [tree.lemma(noun)]
    lemmas += [tree.lemma(k) for k in tree.children(noun, "compound", "amod", "acl", "relcl")]
    if tree.lemma(noun) in vocab.tallies:
        for prep in tree.children(noun, "prep"):
            for obj in tree.children(prep, "pobj", "pcomp"):
                lemmas += _noun_lemmas(tree, obj, vocab)
                lemmas += [tree.lemma(k) for k in tree.children(obj, "conj")]
    return lemmas


def _verb_lemmas(tree: SentenceTree, verb: int, vocab: Vocabulary) -> list[str]:
    """The verb, its xcomp chain ('estimated to have been killed'), predicates ('were missing'),
    what it joins ('joined the march') and verbs coordinated with it that share its subject
    ('killed or wounded')."""
    lemmas, stack = [], [verb]
    while stack:
        v = stack.pop()
        lemmas.append(tree.lemma(v))
        lemmas += [tree.lemma(k) for k in tree.children(v, "acomp", "oprd")]
        lemmas += _joined(tree, v, vocab)
        stack += tree.children(v, "xcomp")
        stack += [
            k for k in tree.children(v, "conj") if tree.is_verbal(k) and _shares_subject(tree, k)
        ]
    head = tree.head(verb)
    if tree[verb].dep == "conj" and head is not None and _shares_subject(tree, verb):
        lemmas.append(tree.lemma(head))
    return lemmas


def _joined(tree: SentenceTree, verb: int, vocab: Vocabulary) -> list[str]:
    """'joined the march', 'took part in the protest': the event a group joins."""
    objects = tree.children(verb, "dobj")
    if tree.lemma(verb) not in vocab.joining and not any(
        tree.lemma(k) in vocab.joining for k in objects
    ):
        return []
    objects += [o for prep in tree.children(verb, "prep") for o in tree.children(prep, "pobj")]
    return [tree.lemma(k) for k in objects]


def _own_words(tree: SentenceTree, anchor: int, own: set[int]) -> list[str]:
    """What a figure's own modifiers say it counts: '120 missing' in 'left 45 dead and 120
    missing'."""
    return [tree.lemma(k) for k in tree.children(anchor, "amod", "acomp") if k not in own]


def _shares_subject(tree: SentenceTree, verb: int) -> bool:
    return not tree.children(verb, *_SUBJECTS)


def _nearest_counted(tree: SentenceTree, anchor: int, vocab: Vocabulary) -> int | None:
    """For '900 were sent': the nearest countable noun of the sentence says what was sent."""
    nouns = [
        i for i, t in enumerate(tree.tokens) if t.pos == "NOUN" and tree.lemma(i) in vocab.counted
    ]
    return min(nouns, key=lambda i: abs(i - anchor), default=None)


def _subject(
    tree: SentenceTree, noun: int | None, verb: int | None, outcome: bool, table: AliasTable
) -> str:
    """The actor: the country on the counted noun, else the victims' or the agent's country."""
    if noun is not None:
        found = tree.country([noun, *tree.children(noun, "amod", "compound", "poss", "nmod")])
        if found is not None:
            return table.actor(found.canonical)
    if verb is None:
        return ""
    if outcome:
        found = tree.country(tree.children(verb, "dobj", *_SUBJECTS))
        return table.actor(found.canonical) if found else ""
    return _agent(tree, verb, table)


def _agent(tree: SentenceTree, verb: int, table: AliasTable) -> str:
    """Who does the sending: the subject, climbing xcomp/conj past pronouns and missing ones."""
    v: int | None = verb
    while v is not None:
        for subject in tree.children(v, "nsubj", "agent"):
            if tree[subject].pos == "PRON":
                continue
            named = tree.entity_of[subject]
            if named is not None:
                actor = table.actor(named.canonical)
                if actor != named.canonical or named.label in COUNTRY_LABELS:
                    return actor
            found = tree.country(tree.subtree(subject))
            if found is not None:
                return table.actor(found.canonical)
            if named is not None:
                return named.canonical
        v = tree.head(v) if tree[v].dep in ("xcomp", "conj") else None
    return ""


def _modality(
    tree: SentenceTree, verb: int | None, figure: Figure, by_estimate: bool, vocab: Vocabulary
) -> Modality:
    """Projected for 'could/will/plans to/is expected to', estimated for 'an estimated ...'."""
    chain: list[int] = []
    v = verb
    while v is not None:
        chain.append(v)
        v = tree.head(v) if tree[v].dep == "xcomp" else None
    words = [tree.lemma(v) for v in chain]
    words += [tree.lemma(k) for v in chain for k in tree.children(v, "aux", "advmod", "acomp")]
    if any(w in vocab.modals or w in vocab.projecting for w in words):
        return Modality.PROJECTED
    estimated = by_estimate or any(w in vocab.estimating for w in words)
    if estimated or any(w in vocab.estimating for w in figure.text.lower().split()):
        return Modality.ESTIMATED
    return Modality.REPORTED


def _scope(
    tree: SentenceTree, anchor: int, noun: int | None, own: set[int], vocab: Vocabulary
) -> str:
    """'additional' for 'up to 600 additional troops' or '800 more'; '' otherwise."""
    near: Iterable[int] = tree.children(anchor) + (tree.children(noun) if noun is not None else [])
    return vocab.scope_of(tree[k].text.lower() for k in near if k not in own)


def _place(tree: SentenceTree, verb: int | None, noun: int | None) -> str | None:
    for base in (verb, noun):
        if base is None:
            continue
        for prep in tree.children(base, "prep"):
            if tree.lemma(prep) in _PLACE_PREPS:
                found = tree.place(tree.subtree(prep))
                if found is not None:
                    return found.canonical
    return None


def _period(tree: SentenceTree, verb: int | None) -> str | None:
    """The time words attached to the verb, with their preposition ('since last fall')."""
    if verb is None:
        return None
    for k in tree.children(verb, *_TIME_DEPS):
        dates = [e for e in tree.entities_in(tree.subtree(k)) if e.label == "DATE"]
        if dates:
            text = dates[0].text
            word = tree[k].text
            if tree[k].dep == "prep" and not text.lower().startswith(word.lower()):
                return f"{word.lower()} {text}"
            return text
    return None
