"""Who gives a figure, written one way per speaker.

Named sources win (organisations and people on the phrase, else countries); an
unnamed speaker ('police said', 'according to the union') is kept as a
description, last. The detector tells a revision from a contradiction by the
speaker, so one speaker must have one name however it is written: the alias
table names what it knows ('the U.S.' and 'U.S.' are United States); a
description drops its article or possessive ('the coast guard' is 'coast
guard'), a role noun after the body it speaks for ('coast guard officials', 'a
ministry spokesperson') and a capital that only starts the sentence ('Police',
'Coast guard'); and a bare noun ('the ministry', 'the agency') stands for
whoever the article last described with it ('the U.N. refugee agency').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from agents.extract.measures import Vocabulary
from agents.extract.quantities import taxonomy
from agents.extract.syntax import SentenceTree
from agents.tag.aliases import AliasTable
from streams.models import Entity

__all__ = ["Source", "attribution"]

_SUBJECTS = ("nsubj", "nsubjpass")
_SPEAKER_DEPS = ("nsubj", "agent")
_NOMINAL = ("NOUN", "PROPN")
_DESCRIBING = ("compound", "amod", "nmod")
_VALUE_PREPS = ("to", "at")
_SHARED_SUBJECT = ("advcl", "xcomp", "conj")
_RECORDS = frozenset("data datum record statistic fact note calculation analysis census".split())
"""What a speaker's figures are written in besides the taxonomy's tallies ('toll', 'count'),
never a speaker: 'our data show', 'the latest statistics indicate' (one named in it
speaks: 'a Reuters tally showed')."""


@dataclass(frozen=True, slots=True)
class Source:
    """A figure's speaker, whether they give it as an estimate, and the noun that named them."""

    name: str | None = None
    estimated: bool = False
    noun: str | None = None


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    named: bool
    noun: str | None


def attribution(
    tree: SentenceTree,
    start: int,
    vocab: Vocabulary,
    table: AliasTable,
    earlier: Mapping[str, str],
    figure: int | None = None,
) -> Source:
    """The source of the clause at `start`; `earlier` maps bare nouns to the speakers they named.
    A source the `figure` itself is given with ('not 24 as claimed by rights groups') comes
    before the clause's."""
    clause = set(tree.subtree(start))
    unnamed: Source | None = None
    for v in tree.children(figure, "advcl", "acl", "relcl") if figure is not None else []:
        if tree.lemma(v) in vocab.reporting_verbs:
            for source, _ in _spoken(tree, v, vocab, table, earlier):
                return source
    for tally in _tallies(tree, start, figure):
        for owner in tree.children(tally, "poss"):
            found = _speaker(tree, owner, vocab, table, earlier)
            if found is not None:
                return Source(found.name, False, found.noun)
    for v in _reporting_chain(tree, start):
        for subject in tree.children(v, *_SUBJECTS):
            if tree.lemma(subject) in vocab.reporting_nouns:
                names = _names(tree, tree.subtree(subject), table)
                if names:
                    return Source(names, tree.lemma(subject) in vocab.estimating)
        if tree.is_verbal(v) and (
            tree.lemma(v) in vocab.reporting_verbs or _revises_tally(tree, v, vocab)
        ):
            for source, named in _spoken(tree, v, vocab, table, earlier):
                if named:
                    return source
                unnamed = unnamed or source
    for obj in _according_to(tree):
        found = _speaker(tree, obj, vocab, table, earlier)
        if found is not None:
            if found.named:
                return Source(found.name, False, found.noun)
            unnamed = unnamed or Source(found.name, False, found.noun)
    for i in range(len(tree.tokens)):
        if i not in clause and (tree.lemma(i) == "cite" or tree.lemma(i) in vocab.reporting_nouns):
            names = _names(tree, (k for k in tree.subtree(i) if k not in clause), table)
            if names:
                return Source(names, tree.lemma(i) in vocab.estimating)
    return unnamed or Source()


def _reporting_chain(tree: SentenceTree, start: int) -> Iterator[int]:
    """The clause and the clauses above it, each with its aside ('..., the ministry said, and'),
    then any other root: a parse may leave '..., the coast guard said' unattached."""
    chain = [start, *tree.ancestors(start)]
    roots = [i for i in range(len(tree.tokens)) if tree.head(i) is None and i not in chain]
    for v in (*chain, *roots):
        yield v
        yield from tree.children(v, "parataxis")


def _tallies(tree: SentenceTree, start: int, figure: int | None) -> list[int]:
    """The tally a figure is the value of: 'the ministry's figure of 41', 'the ministry's toll
    stood at 41'. Whose tally it is gives the figure."""
    tallies = taxonomy().tallies
    found = [k for k in tree.children(start, *_SUBJECTS) if tree.lemma(k) in tallies]
    head = tree.head(figure) if figure is not None else None
    if figure is not None and tree[figure].dep == "pobj" and head is not None:
        owner = tree.head(head)
        if tree.lemma(head) == "of" and owner is not None and tree.lemma(owner) in tallies:
            found.append(owner)
    return found


def _spoken(
    tree: SentenceTree, verb: int, vocab: Vocabulary, table: AliasTable, earlier: Mapping[str, str]
) -> Iterator[tuple[Source, bool]]:
    """The sources a reporting verb has speak, each with whether it is named."""
    for subject in _speakers_of(tree, verb):
        if taxonomy().type_of(tree.lemma(subject), tree[subject].pos) is not None:
            continue  # 'fresh deaths push the count to 610': what is counted, not who
        written_in = _RECORDS | taxonomy().tallies
        if tree.lemma(subject) in written_in and not _names(tree, tree.subtree(subject), table):
            continue  # 'our records show ...': whoever keeps them says it
        found = _speaker(tree, subject, vocab, table, earlier)
        if found is not None:
            estimated = tree.lemma(verb) in vocab.estimating
            yield Source(found.name, estimated, found.noun), found.named


def _speakers_of(tree: SentenceTree, verb: int) -> list[int]:
    """Who a reporting verb has speak; a participle ('..., saying there were 33,000') or a
    verb sharing its subject ('rejected the figure and said ...') speaks for the subject of
    the verb it hangs on."""
    found = tree.children(verb, *_SPEAKER_DEPS)
    head = tree.head(verb)
    if not found and head is not None and tree[verb].dep in _SHARED_SUBJECT:
        found = tree.children(head, *_SUBJECTS)
    return found


def _according_to(tree: SentenceTree) -> Iterator[int]:
    """The objects of 'according to'."""
    for i in range(len(tree.tokens)):
        if tree.lemma(i) == "accord":
            for prep in tree.children(i, "prep"):
                yield from tree.children(prep, "pobj")


def _revises_tally(tree: SentenceTree, verb: int, vocab: Vocabulary) -> bool:
    """'Police raised their estimate to 900', 'revised the toll down to 800': whoever sets a
    count at a figure gives it."""
    tally = any(tree.lemma(k) in taxonomy().tallies for k in tree.children(verb, "dobj"))
    heads = [verb, *tree.children(verb, "prt")]
    preps = [k for head in heads for k in tree.children(head, "prep")]
    return tally and any(tree.lemma(k) in _VALUE_PREPS for k in preps)


def _speaker(
    tree: SentenceTree, root: int, vocab: Vocabulary, table: AliasTable, earlier: Mapping[str, str]
) -> _Speaker | None:
    """The speaker a phrase names: its entities, else the body it describes."""
    if tree[root].dep == "agent":
        objects = tree.children(root, "pobj")
        if not objects:
            return None
        root = objects[0]
    names = _names(tree, _coordinated(tree, root), table) or _names(tree, tree.subtree(root), table)
    if names:
        return _Speaker(names, True, _body(tree, root, vocab))
    if tree[root].pos not in _NOMINAL:
        return None
    words = _description(tree, root, vocab)
    body = _body(tree, words[-1], vocab)
    if len(words) == 1 and body is not None and body in earlier:
        return _Speaker(earlier[body], False, body)
    return _Speaker(" ".join(_as_written(tree, k) for k in words), False, body)


def _coordinated(tree: SentenceTree, root: int) -> list[int]:
    """A phrase's head and the heads coordinated with it ('Ukraine, the U.S. and Seoul')."""
    found, stack = [], [root]
    while stack:
        k = stack.pop()
        found.append(k)
        stack += tree.children(k, "conj")
    return sorted(found)


def _body(tree: SentenceTree, i: int, vocab: Vocabulary) -> str | None:
    """The common noun a speaker is called by ('ministry'), never a role any body has
    ('officials')."""
    lemma = tree.lemma(i)
    common = tree[i].pos in _NOMINAL and _as_written(tree, i).islower()
    return lemma if common and lemma not in vocab.speaker_roles else None


def _description(tree: SentenceTree, root: int, vocab: Vocabulary) -> list[int]:
    """The words that describe a speaker: 'state fire agency'; 'coast guard' of 'coast guard
    officials'."""
    nouns = [k for k in tree.children(root, "compound") if tree[k].pos in _NOMINAL]
    if tree.lemma(root) in vocab.speaker_roles and nouns:
        return sorted(k for n in nouns for k in tree.subtree(n))
    kept = tree.children(root, *_DESCRIBING)
    return sorted({root, *(k for n in kept for k in tree.subtree(n))})


def _as_written(tree: SentenceTree, i: int) -> str:
    """A word as the writer wrote it, without the capital that only starts the sentence."""
    text = tree[i].text
    starts = all(tree[k].pos == "PUNCT" for k in range(i))
    return text[:1].lower() + text[1:] if starts and text[1:] == text[1:].lower() else text


def _names(tree: SentenceTree, indices: Iterable[int], table: AliasTable) -> str:
    """The named speakers of a phrase, joined: organisations and people first, else countries."""
    return ", ".join(dict.fromkeys(_name(e, table) for e in tree.speakers(indices)))


def _name(entity: Entity, table: AliasTable) -> str:
    """An entity's canonical name; an unknown description opening the sentence ('Coast guard
    officials') loses the capital only the sentence gave it."""
    words = entity.canonical.split()
    sentence_case = len(words) > 1 and all(w == w.lower() for w in words[1:])
    if entity.start == 0 and sentence_case and table.lookup(entity.text) is None:
        return entity.canonical[:1].lower() + entity.canonical[1:]
    return entity.canonical
