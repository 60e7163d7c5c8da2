"""Turn each figure of a tagged article into a claim, from the stored parse around it.

A claim key is story x quantity x scope, with the speaker outside it:
- story: the news story the article belongs to (the story stage's label), so two
  outlets naming the event from different countries share it and two stories
  about one country never do; an article with no story uses its main place.
- quantity: a count type of the taxonomy (quantities.json) with its population
  when that is not the general public. The words that name it are asked in the
  order CQE (Almasian et al. 2023) found best: the figure's own modifiers ('120
  missing'), the verb that governs it ('were killed', 'have been discharged'),
  the nouns between them, the counted noun and what it tallies ('the number of
  arrests'), the subject a figure is the value of ('the toll stood at 412'),
  then the verb's object ('lost their lives').
- scope: agents/extract/scope.py.
A figure that names nothing of its own in a sentence that already gave one
('..., though police estimates were lower at 800'), or only a bare tally ('the
ministry put the number at 900'), counts the same thing as the figure before
it; one with no speaker of its own right after a sentence that named one
('The ministry reported 140 killed. Around 900 were injured.') is that speaker's.
What only the whole article settles (a part of a whole, a figure restated, a
headline the body restates): agents/extract/settle.py. Who says so:
agents/extract/attribution.py; superseded figures: history.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from agents.extract.attribution import attribution
from agents.extract.figures import Figure, parse_figures
from agents.extract.history import as_of, is_historical
from agents.extract.keys import build_key
from agents.extract.measures import Vocabulary, vocabulary
from agents.extract.places import main_place
from agents.extract.quantities import QuantityKind, Taxonomy, taxonomy
from agents.extract.scope import (
    ArticlePlaces,
    Scope,
    capital_of,
    country_of,
    event_day,
    increment,
    is_country,
    item_place,
    listed_place,
    period,
    place,
    window,
)
from agents.extract.settle import settled
from agents.extract.syntax import SentenceTree
from agents.tag.aliases import AliasTable, default_aliases
from streams.models import Claim, Entity, Modality, Span, TaggedArticle, stable_id

__all__ = ["Context", "Reading", "extract_claims", "read_figure"]

_MODIFIER_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "advmod", "det")
_NOMINAL = ("NOUN", "PROPN")
_SUBJECTS = ("nsubj", "nsubjpass")
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr")
_NOT_COUNTS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"})
_ROLES = ("nsubj", "nsubjpass", "dobj", "conj", "appos", "attr")
"""A figure in one of these roles is the counted thing itself, not a value of the verb's
argument ('the toll rose to 2,400', 'put the number at 900')."""
_DESCRIBING = frozenset({"ADJ", "VERB", "NOUN", "PROPN"})
_LINKING = frozenset({"AUX", "ADV", "PART"})
"""The word right after a figure says first what it counts: '412 injured', '120 missing'."""
_AUXILIARIES = ("aux", "auxpass")
_NEGATIONS = frozenset({"not", "yet", "never", "no"})
_DENIAL_REACH = 4
"""Words before a type word that can deny it: 'yet to be identified'."""
_SCALE_NOUNS = frozenset({"thousand", "hundred", "million", "dozen", "ten", "lakh", "crore"})
_JOINING = frozenset({"join", "participate", "part", "be", "take", "remain", "stay"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What one figure counts and who says so."""

    count_type: str
    population: str
    kind: QuantityKind
    scope: Scope
    attributed_to: str | None
    modality: Modality
    speaker_noun: str | None = None
    """The noun the speaker was called by ('ministry'), for a later bare 'the ministry'."""
    bare: bool = False
    """Names no counted noun of its own ('Around 2,700 were injured'): it continues the
    sentence before, and that sentence's speaker when it names none."""
    local: str = ""
    """One of the story's own places attached to the figure ('killed in Dova')."""

    @property
    def measure(self) -> str:
        """'officers injured', 'deaths projected': projections are never compared with
        reports, so they never share a key."""
        words = [self.population, self.count_type]
        if self.modality is Modality.PROJECTED:
            words.append("projected")
        return " ".join(w for w in words if w)


@dataclass(frozen=True, slots=True)
class Context:
    """What the article said before a figure: its subject and places, its last reading and
    whom each bare noun ('the ministry') named."""

    subject: str = ""
    places: ArticlePlaces = ArticlePlaces()
    published: date | None = None
    event_day: date | None = None
    last: Reading | None = None
    speakers: Mapping[str, str] = field(default_factory=dict)


def extract_claims(tagged: TaggedArticle) -> list[Claim]:
    """Every figure with a known quantity in the article's parsed sentences, in order."""
    vocab, table, tax = vocabulary(), default_aliases(), taxonomy()
    entities = _entities_by_sentence(tagged)
    trees = [
        (parsed.sentence, SentenceTree(parsed, entities.get(parsed.sentence, [])))
        for parsed in sorted(tagged.parsed, key=lambda p: p.sentence)
    ]
    context = _context(tagged, [t for _, t in trees], table)
    made: list[tuple[Claim, Reading]] = []
    seen: set[tuple[str, int]] = set()
    heard: dict[int, str] = {}
    for index, tree in trees:
        text = tagged.sentences[index]
        previous: Reading | None = None
        for figure in parse_figures(text):
            reading = read_figure(tree, figure, previous, context, vocab, tax, table)
            if reading is None:
                continue
            if reading.attributed_to:
                heard.setdefault(index, reading.attributed_to)
            elif reading.bare and index - 1 in heard:
                reading = replace(reading, attributed_to=heard[index - 1])
            previous, context = reading, _after(context, reading)
            if (text, figure.start) not in seen:
                seen.add((text, figure.start))
                claim = _claim(tagged, index, text, figure, reading, context.subject)
                made.append((claim, reading))
    return settled(tagged, [(claim, reading.local) for claim, reading in made])


def _context(tagged: TaggedArticle, trees: list[SentenceTree], table: AliasTable) -> Context:
    """The story (else the article's main place) as subject, and the places that are the
    story's own: its label's words and the article's main place."""
    where = main_place(tagged, trees, table)
    subject = " ".join((tagged.story or where).replace("|", " ").split())
    label = {w.strip().lower() for w in (tagged.story or "").split("|")} - {""}
    own = {where.lower(), *label} - {""}
    published = tagged.published_at.date() if tagged.published_at else None
    return Context(
        subject=subject,
        places=ArticlePlaces(
            story=frozenset(own),
            nationals=frozenset(label if any(map(is_country, label)) else own),
            known=frozenset(e.text for e in tagged.entities if e.label in ("GPE", "LOC")),
            capital=capital_of(tagged.sentences, tagged.entities, table),
        ),
        published=published,
        event_day=event_day(tagged.entities, tagged.sentences, published),
    )


def _after(context: Context, reading: Reading) -> Context:
    speakers = context.speakers
    if reading.speaker_noun and reading.attributed_to:
        speakers = {**speakers, reading.speaker_noun: reading.attributed_to}
    return replace(
        context,
        last=reading,
        speakers=speakers,
    )


def _entities_by_sentence(tagged: TaggedArticle) -> dict[int, list[Entity]]:
    """Grouped once: looked up per parsed sentence, they made a figure-dense article
    quadratic (21 s to extract 8,000 figure sentences)."""
    grouped: dict[int, list[Entity]] = defaultdict(list)
    for entity in tagged.entities:
        grouped[entity.sentence].append(entity)
    return grouped


def read_figure(
    tree: SentenceTree,
    figure: Figure,
    previous: Reading | None,
    context: Context,
    vocab: Vocabulary,
    tax: Taxonomy,
    table: AliasTable,
) -> Reading | None:
    """The reading of one figure, or None when it counts nothing the taxonomy knows."""
    anchor = tree.anchor(figure.start, figure.end)
    if anchor is None:
        return None
    noun = _counted_noun(tree, anchor, tax)
    entity = tree.entity_of[anchor]
    if (
        entity is not None
        and entity.label in _NOT_COUNTS
        and not _counts_noun(tree, anchor)
        and not (noun is not None and tree.lemma(noun) in tax.tallies)
    ):
        return None  # a date, not 'a figure of 52 on Monday evening'
    if figure.unit is not None:
        return None
    own = set(tree.in_span(figure.start, figure.end))
    top = _coordination_top(tree, noun if noun is not None else anchor)
    verb = tree.governing_verb(top)
    if verb is not None and tree[verb].dep in _AUXILIARIES and (main := tree.head(verb)):
        verb = main  # '120 were missing': the figure hangs on the auxiliary of its predicate
    if _speakers(tree, top, verb, vocab):
        return None
    valued = noun is None and verb is not None and tree[anchor].dep not in _ROLES
    said = attribution(
        tree, verb if verb is not None else anchor, vocab, table, context.speakers, anchor
    )
    modality = _modality(tree, verb, figure, said.estimated, vocab)
    after = max(own) + 1
    while after < len(tree.tokens) - 1 and tree[after].pos in _LINKING and after - max(own) <= 3:
        after += 1  # '40 were missing', '80 are still unaccounted for'
    path = _path(tree, top, verb)
    nested = any(_has_own_figure(tree, k, own, deep=False) for k in path)
    # '80 families from a camp of 3,000 have been moved': the verb is the other figure's
    described = after < len(tree.tokens) and tree[after].pos in _DESCRIBING
    verb_words = _verb_words(tree, verb, tax) if verb is not None and not nested else []
    if described and noun is not None and tree[after].dep == "amod" and tree.head(after) == noun:
        # '793 injured passengers were discharged': the adjective says who they are, the
        # verb what is counted of them
        groups = [verb_words, [after]]
    else:
        groups = [[after] if described else [], verb_words]
    groups += [
        [k for k in tree.children(anchor, "amod", "acomp", "acl") if k not in own],
        path,
        _noun_words(tree, noun, tax) if noun is not None else [],
        _partitive(tree, anchor, own),
    ]
    if valued and verb is not None:
        groups.append(
            [
                w
                for a in tree.children(verb, *_ARGUMENTS)
                if a not in own
                for w in _noun_words(tree, a, tax)
            ]
        )
    if verb is not None:
        groups.append(
            [
                w
                for a in tree.children(verb, *_SUBJECTS)
                if a not in own and tree.lemma(a) in tax.tallies
                for w in _noun_words(tree, a, tax)
            ]
        )
        groups.append(tree.children(verb, "dobj"))
        if tree.lemma(verb) in _LISTING:
            # 'the dead included 58 from Peru': what the subject names, the figure counts
            groups.append([a for a in tree.children(verb, *_SUBJECTS) if a not in own])
    if noun is not None:
        groups.append([o for p in tree.children(noun, "prep") for o in tree.children(p, "pobj")])
    if verb is not None and tree[verb].dep == "acl" and (named := tree.head(verb)) is not None:
        groups.append(_noun_words(tree, named, tax))  # 'the toll remaining at 275'
    found = _count_type(tree, groups, own, tax) or _implied(tree, groups, tax)
    tally = _bare_tally(tree, noun, verb, own, tax) if found is None else None
    if tally is not None:
        found = _count_type(tree, [_movers(tree, tally, own, tax)], own, tax)
    if found is None and listed_place(tree, anchor) is not None:
        found = _listed_type(tree, anchor, context, tax)
    if found is None:
        if (
            previous is not None
            and (noun is None or not _population(tree, noun, tax))
            and _countable(tree, noun, previous.count_type, tax)
        ):
            # '35 from Chile and 12 from Bolivia': each item its own place
            narrower = item_place(tree, anchor, table)
            return replace(
                previous,
                scope=replace(
                    previous.scope,
                    group=_group(tree, anchor, noun, anchor, verb, tax)
                    or _share(tree, anchor, verb),
                    place=narrower or previous.scope.place,
                ),
                attributed_to=said.name or previous.attributed_to,
                modality=modality,
                speaker_noun=said.noun,
                bare=True,
            )
        if context.last is not None and tally is not None:
            scope = context.last.scope
            if tree.lemma(tally) in _WHOLE:
                scope = replace(scope, place="", group="")  # 'the total' is no part
            return replace(
                context.last,
                scope=scope,
                attributed_to=said.name,
                modality=modality,
                speaker_noun=said.noun,
                bare=True,
            )
        return None
    count_type, word = found
    if not _countable(tree, noun, count_type, tax):
        return None
    population = _population(tree, noun, tax)
    kind = tax.kind(count_type)
    earlier = previous or context.last
    if noun is None and not population and tree[anchor].dep in _SUBJECTS:
        # '200 soldiers were killed. Around 700 were injured': the same people; a crowd is not
        if earlier is not None and kind is not QuantityKind.PER_EVENT:
            population = earlier.population
    elif not population and earlier is not None and _nationality_only(tree, noun, word, table):
        # '140 Peruvian soldiers were killed ... Peruvians killed or wounded': the
        # nationality names the people the article counts, when it counts their kind of harm
        if tax.related(earlier.count_type, count_type):
            population = earlier.population
    if count_type in tax.plain.get(population, ()):
        population = ""
    clause = _clause(tree, noun, verb)
    narrower, local = place(tree, anchor, noun, verb, context.places, table)
    scope = Scope(
        place=narrower,
        group=_group(tree, anchor, noun, word, verb, tax) or _share(tree, anchor, verb),
        period=period(
            tree,
            clause,
            (anchor, noun, verb),
            word if tree.is_verbal(word) or tree.lemma(word) in tax.words else None,
            kind is QuantityKind.PER_EVENT,
            context.published,
            context.event_day,
        ),
        window="" if kind is QuantityKind.PER_EVENT else window(tree, verb, noun),
        increment=increment(
            tree,
            [
                *tree.children(anchor),
                *(tree.children(noun) if noun is not None else []),
                *_listed_by(tree, verb),
            ],
            own,
            count_type,
            context.last.count_type if context.last is not None else None,
        ),
    )
    return Reading(
        count_type=count_type,
        population=population,
        kind=kind,
        scope=scope,
        attributed_to=said.name,
        modality=modality,
        speaker_noun=said.noun,
        bare=noun is None,
        local=local,
    )


def _count_type(
    tree: SentenceTree, groups: list[list[int]], own: set[int], tax: Taxonomy
) -> tuple[str, int] | None:
    """The first word, in the groups' order, that names a count type; 'killed or wounded'
    under one figure is casualties, 'yet to be identified' unidentified."""
    words = [k for group in groups for k in group]
    for i in words:
        found = tax.type_of(_phrasal(tree, i), tree[i].pos) or tax.type_of(
            tree.lemma(i), tree[i].pos
        )
        if found is None:
            continue
        if found in tax.negated and _denied(tree, i):
            return tax.negated[found], i
        for j in [*words, *tree.children(i, "conj")]:
            other = tax.type_of(tree.lemma(j), tree[j].pos) if j != i else None
            both = tax.combine(found, other) if other else None
            if both and _coordinated(tree, i, j) and not _has_own_figure(tree, j, own):
                return both, i
        return found, i
    return None


def _phrasal(tree: SentenceTree, i: int) -> str:
    """A verb with its particle, as the taxonomy may name it: 'turn out'."""
    return " ".join([tree.lemma(i), *(tree.lemma(p) for p in tree.children(i, "prt"))])


def _listed_type(
    tree: SentenceTree, anchor: int, context: Context, tax: Taxonomy
) -> tuple[str, int] | None:
    """A listed figure counts what the sentence's subject names ('The deaths by county are as
    follows: ...'), else what the article counted last."""
    for i, token in enumerate(tree.tokens):
        if token.dep in _SUBJECTS and (found := tax.type_of(tree.lemma(i), token.pos)):
            return found, anchor
    return (context.last.count_type, anchor) if context.last is not None else None


def _countable(tree: SentenceTree, noun: int | None, count_type: str, tax: Taxonomy) -> bool:
    """Whether the counted noun fits the type: 'send 200 trucks' or 'carrying containers' count
    no people, so they are no troops deployed and no passengers on board; and '6 hospitals',
    '10 countries' or 'three police dogs' are no one hospitalised, dead or injured."""
    if noun is None:
        return True
    lemma = tree.lemma(noun)
    if count_type not in tax.of_things and lemma in tax.not_people:
        return False
    if count_type not in tax.of_people:
        return True
    entity = tree.entity_of[noun]
    return (
        lemma in tax.persons
        or lemma in tax.populations
        or lemma in tax.tallies
        or tax.type_of(lemma, tree[noun].pos) is not None
        or lemma in tax.implied_by
        or (entity is not None and entity.label == "NORP")
    )


def _speakers(tree: SentenceTree, top: int, verb: int | None, vocab: Vocabulary) -> bool:
    """Whether the figure counts who speaks: 'two diplomats told reporters', 'one of the
    officials said'."""
    return (
        verb is not None
        and tree[top].dep == "nsubj"
        and tree.head(top) == verb
        and tree.lemma(verb) in vocab.reporting_verbs
    )


def _partitive(tree: SentenceTree, anchor: int, own: set[int]) -> list[int]:
    """'40 of the dead', '12 of the victims': the whole a figure is part of."""
    return [
        o
        for p in tree.children(anchor, "prep")
        if tree.lemma(p) == "of" and p not in own
        for o in tree.children(p, "pobj")
    ]


def _implied(tree: SentenceTree, groups: list[list[int]], tax: Taxonomy) -> tuple[str, int] | None:
    """A counted noun that names a type when no word does: '700 troops', '240,000 protesters'."""
    for i in (k for group in groups for k in group):
        if tree[i].dep == "compound":
            continue  # '500 body bags' are bags
        if tree[i].pos in _NOMINAL and tree.lemma(i) in tax.implied_by:
            return tax.implied_by[tree.lemma(i)], i
    return None


def _denied(tree: SentenceTree, i: int) -> bool:
    """'not identified', 'yet to be identified', 'unidentified'."""
    near = [i, *tree.children(i), *range(max(i - _DENIAL_REACH, 0), i)]
    head = tree.head(i)
    if head is not None:
        near += [head, *tree.children(head)]
    return any(tree.lemma(k) in _NEGATIONS or tree[k].dep == "neg" for k in near)


def _coordinated(tree: SentenceTree, i: int, j: int) -> bool:
    return (tree.head(j) == i and tree[j].dep == "conj") or (
        tree.head(i) == j and tree[i].dep == "conj"
    )


def _has_own_figure(tree: SentenceTree, i: int, own: set[int], deep: bool = True) -> bool:
    """Whether a word has a number of its own ('412 injured' beside '52 dead'), anywhere below
    it or (not `deep`) as its own modifier ('120 people')."""
    below = tree.subtree(i) if deep else tree.children(i, "nummod")
    return any(tree[k].pos == "NUM" and k not in own for k in below)


_WHOLE = frozenset({"total"})
"""Tallies that name the whole, never the part an article counted last."""

_LISTING = frozenset({"include", "comprise"})
"""Verbs by which a figure is one of what their subject names ('the dead included 58')."""

_COMPOSITION = frozenset(
    "mostly mainly largely chiefly primarily predominantly overwhelmingly many most".split()
)
"""Words by which an attribute describes most of the counted people, not a sub-group."""


def _group(
    tree: SentenceTree, anchor: int, noun: int | None, word: int, verb: int | None, tax: Taxonomy
) -> str:
    """A sub-group by attribute: on the counted noun ('unregistered workers'), on the type
    word ('serious injuries', 'seriously injured', 'gunshot wounds') or on what the figure
    is said to be ('210 were unregistered workers')."""
    near = [word, *tree.children(word, "dobj"), *([noun] if noun is not None else [])]
    subject = tree.children(verb, *_SUBJECTS) if verb is not None else []
    if verb is not None and set(subject) & {anchor, noun}:
        near += tree.children(verb, "attr")  # the figure is what the verb says it is
    for k in near:
        if _composition(tree, k):
            continue  # 'mostly unregistered pilgrims' tells what they were, not which
        for modifier in tree.children(k, "amod", "advmod", "compound"):
            found = tax.attributes.get(tree.lemma(modifier))
            if found and not _composition(tree, modifier):
                return found
    return ""


def _listed_by(tree: SentenceTree, verb: int | None) -> list[int]:
    """The words on what a listing verb's subject names ('new deaths included 58'): the
    figure is one of those."""
    if verb is None or tree.lemma(verb) not in _LISTING:
        return []
    return [k for s in tree.children(verb, *_SUBJECTS) for k in tree.children(s)]


def _share(tree: SentenceTree, anchor: int, verb: int | None) -> str:
    """A part of a whole the sentence counts first ('Of the 740 arrests, 30 relate to online
    offences', 'of the 50 officers injured, 45 were from Westbury'): keyed apart from the
    whole, by what the sentence says of the part."""
    if verb is None:
        return ""
    whole = [
        o
        for k in (verb, *tree.ancestors(verb))
        for p in tree.children(k, "prep")
        if tree.lemma(p) == "of" and p < anchor
        for o in tree.children(p, "pobj")
        if anchor not in tree.subtree(o)
        and any(tree[n].pos == "NUM" for n in tree.children(o, "nummod"))
    ]
    if not whole:
        return ""
    said = [
        k
        for child in tree.children(verb, "attr", "dobj", "acomp", "prep", "oprd")
        if child > anchor
        for k in tree.subtree(child)
        if tree[k].pos in (*_NOMINAL, "ADJ") and tree[k].dep != "conj" and k != anchor
    ]
    return "part " + " ".join(tree.lemma(k) for k in said[:3]) if said else "part"


def _composition(tree: SentenceTree, k: int) -> bool:
    return any(tree.lemma(m) in _COMPOSITION for m in tree.children(k, "advmod", "amod"))


def _counts_noun(tree: SentenceTree, anchor: int) -> bool:
    """A number the tagger took for a date that counts the noun it modifies ('a total of 1950
    arrests'); the figure parser has already told years and durations apart."""
    head = tree.head(anchor)
    return tree[anchor].dep == "nummod" and head is not None and tree[head].pos == "NOUN"


def _nationality_only(tree: SentenceTree, noun: int | None, word: int, table: AliasTable) -> bool:
    """Whether the counted people are named by a nationality and nothing more ('Peruvians'):
    the counted noun, else the object of the type word ('killed or wounded Peruvians')."""
    verbs = [word, *tree.children(word, "conj")]
    people = [noun] if noun is not None else [o for v in verbs for o in tree.children(v, "dobj")]
    for k in people:
        entity = tree.entity_of[k]
        name = entity.text if entity is not None else tree[k].text
        if tree[k].pos in ("NOUN", "PROPN") and country_of(name, frozenset(), table):
            return True
    return False


def _population(tree: SentenceTree, noun: int | None, tax: Taxonomy) -> str:
    """The counted group when it is not the general public: 'police officers', 'children'."""
    if noun is None:
        return ""
    for k in [noun, *tree.children(noun, "compound")]:
        found = tax.populations.get(tree.lemma(k))
        if found:
            return found
    return ""


def _clause(tree: SentenceTree, noun: int | None, verb: int | None) -> list[int]:
    """The figure's own clause: its counted noun and the verb's non-clausal dependents."""
    found = tree.subtree(noun) if noun is not None else []
    if verb is not None:
        found.append(verb)
        for child in tree.children(verb):
            if not (tree.is_verbal(child) and tree[child].dep in ("ccomp", "advcl", "conj")):
                found += tree.subtree(child)
    return found


def _claim(
    tagged: TaggedArticle, index: int, text: str, figure: Figure, reading: Reading, subject: str
) -> Claim:
    key = build_key(subject, reading.measure, reading.scope)
    historical = is_historical(text, figure.start, figure.end)
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
        quantity_kind=reading.kind.value,
        value=figure.to_value(),
        attributed_to=reading.attributed_to,
        modality=reading.modality,
        sentence=text,
        span=Span(start=figure.start, end=figure.end),
        place=reading.scope.place or None,
        period=reading.scope.period or reading.scope.window or None,
        historical=historical,
        as_of=as_of(tagged.published_at, text[: figure.start]) if historical else None,
        duplicate_of=tagged.duplicate_of,
        ingested_at=tagged.ingested_at,
    )


def _bare_tally(
    tree: SentenceTree, noun: int | None, verb: int | None, own: set[int], tax: Taxonomy
) -> int | None:
    """'put the number at 900', 'raised its count to 900': a tally of nothing named here."""
    near = [noun] if noun is not None else []
    if verb is not None:
        near += [k for k in tree.children(verb, *_ARGUMENTS) if k not in own]
        if tree[verb].dep == "acl" and (head := tree.head(verb)) is not None:
            near.append(head)  # 'pushed the count recorded this year to 610'
    return next(
        (
            k
            for k in near
            if tree.lemma(k) in tax.tallies and not tree.children(k, "prep", "compound")
        ),
        None,
    )


def _movers(tree: SentenceTree, tally: int, own: set[int], tax: Taxonomy) -> list[int]:
    """What moves a tally names what it counts: 'fresh arrests took the tally to 900'."""
    verb = tree.head(tally)
    if verb is None or tree[tally].dep not in ("dobj", "nsubjpass"):
        return []
    return [
        w
        for s in tree.children(verb, "nsubj")
        if s not in own and s != tally
        for w in _noun_words(tree, s, tax)
    ]


def _counted_noun(tree: SentenceTree, anchor: int, tax: Taxonomy) -> int | None:
    """The noun a figure counts: '700 troops', 'a toll of 2,400', 'thousands of people'."""
    head = tree.head(anchor)
    if head is None:
        return None
    if tree[anchor].dep in _MODIFIER_DEPS and tree[head].pos in _NOMINAL:
        return _modified(tree, head)
    if tree[anchor].dep == "pobj" and tree.lemma(head) == "of":
        owner = tree.head(head)
        if owner is not None and tree.lemma(owner) in tax.tallies:
            return owner
    return _of_object(tree, anchor) if tree[anchor].pos == "NOUN" else None


def _modified(tree: SentenceTree, noun: int) -> int:
    """The noun a modifier chain ends in: '4,000 riot trained officers' counts
    officers, though the parse may hang the number on 'riot'."""
    while tree[noun].dep in ("compound", "npadvmod") and (head := tree.head(noun)) is not None:
        if tree[head].pos in ("ADJ", "VERB") and tree[head].dep == "amod":
            head = tree.head(head)
            if head is None:
                break
        if tree[head].pos not in _NOMINAL:
            break
        noun = head
    return noun


def _of_object(tree: SentenceTree, i: int) -> int | None:
    """'thousands of people', 'tens of thousands of refugees': the noun after the last 'of'."""
    for prep in tree.children(i, "prep"):
        if tree.lemma(prep) == "of":
            for obj in tree.children(prep, "pobj"):
                if tree.lemma(obj) in _SCALE_NOUNS:
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


def _noun_words(tree: SentenceTree, noun: int, tax: Taxonomy) -> list[int]:
    """The noun, its modifiers and the clauses on it ('people still reported as missing'); a
    tally ('number', 'toll') adds what it tallies."""
    words = [noun, *tree.children(noun, "compound", "amod", "acl", "relcl")]
    for clause in tree.children(noun, "acl", "relcl"):
        words += tree.children(clause, "acomp", "oprd", "xcomp", "advcl", "prep")
        words += [
            o
            for p in tree.children(clause, "prep")
            for o in tree.children(p, "pobj", "pcomp", "amod", "acomp")
        ]
    if tree.lemma(noun) in tax.tallies:
        for prep in tree.children(noun, "prep"):
            for obj in tree.children(prep, "pobj", "pcomp"):
                words += _noun_words(tree, obj, tax)
                words += tree.children(obj, "conj")
    return words


def _verb_words(tree: SentenceTree, verb: int, tax: Taxonomy) -> list[int]:
    """The verb, its xcomp chain ('feared to have been killed'), predicates ('were missing',
    'remain unaccounted for'), what it joins ('joined the march', 'were at the rally') and verbs
    coordinated with it that share its subject ('killed or wounded')."""
    words, stack = [], [verb]
    while stack:
        v = stack.pop()
        words.append(v)
        words += tree.children(v, "acomp", "oprd")
        words += _joined(tree, v)
        stack += tree.children(v, "xcomp")
        stack += [
            k for k in tree.children(v, "conj") if tree.is_verbal(k) and _shares_subject(tree, k)
        ]
    head = tree.head(verb)
    if tree[verb].dep == "conj" and head is not None and _shares_subject(tree, verb):
        words.append(head)
    return words


def _joined(tree: SentenceTree, verb: int) -> list[int]:
    """'joined the march', 'took part in the protest', 'were at the rally': the event a group
    joins or is at."""
    objects = tree.children(verb, "dobj")
    if tree.lemma(verb) not in _JOINING and not any(tree.lemma(k) in _JOINING for k in objects):
        return []
    return objects + [o for p in tree.children(verb, "prep") for o in tree.children(p, "pobj")]


def _shares_subject(tree: SentenceTree, verb: int) -> bool:
    return not tree.children(verb, *_SUBJECTS)


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
