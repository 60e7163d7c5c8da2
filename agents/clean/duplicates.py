"""Syndicated copies and re-sent articles: which earlier article a clean article copies.

One wire report republished by three outlets is one source, not three, so the
detector skips the claims of an article marked `duplicate_of` an earlier one.
Because those claims are skipped, an article is a copy only when it adds
little: its text is the same as an earlier article's (`content_hash`), or
almost all of its word 5-shingles are in one earlier article (the share is
estimated from MinHash signatures, so the index stores 256 bytes per article,
not the text). Headlines, datelines, a reprint line, a cut last paragraph or a
few edited words leave that share high; a follow-up that repeats a paragraph,
or a full story after a one-paragraph flash, adds too much to be a copy.

The signatures are `datasketch`'s MinHash, and a `MinHashLSH` index finds the
earlier articles worth comparing, so a look-up does not scan the whole window.

Pure logic: no Kafka or Faust import. `check` has the shape of a stateful
stream step, `(state, value) -> (state, output)`.
"""

from __future__ import annotations

import base64
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from streams.models import CleanArticle
from streams.settings import Settings

from .language import words

__all__ = [
    "MIN_LENGTH_RATIO",
    "NUM_PERM",
    "SHINGLE_WORDS",
    "DuplicateIndex",
    "Fingerprint",
    "changes",
    "check",
    "find_duplicate",
    "fingerprint",
    "remember",
    "restore",
]

SHINGLE_WORDS = 5
"""Five words: long enough that different stories rarely share one, short enough
that an edited word changes only five shingles."""

NUM_PERM = 128
"""MinHash permutations: the share estimate's standard error is about 0.035 near 0.8."""

MIN_LENGTH_RATIO = 0.5
"""A copy has at least this share of the earlier article's shingles: below it the
share estimate is too noisy to call (its error grows as the lengths part)."""

LSH_BANDS = (64, 2)
"""Bands of two minima: an earlier article sharing a band is compared. A copy shares
at least 0.36 of the union of shingles (0.8 of its own, with the earlier article at
most twice its length), and at 0.36 the bands miss it once in 7,000; unrelated
articles (under 0.05) share a band one time in six."""

_SCHEME = "affine32"
_SEED = 20241204
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
"""Fixed, so every worker and every release computes the same signatures."""

_SIGNATURE_CHARS = 4 * -(-2 * NUM_PERM // 3)  # base64 of NUM_PERM 16-bit values


def _shingles(paragraphs: list[str]) -> set[str]:
    """Word 5-shingles of the text, with case, Unicode forms and punctuation folded."""
    tokens = words(unicodedata.normalize("NFKC", " ".join(paragraphs)).casefold())
    if len(tokens) <= SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def _signature(shingles: set[str]) -> bytes:
    """The low 16 bits of each permutation's minimum (b-bit MinHash: 256 bytes, not 512)."""
    if not shingles:
        return bytes(2 * NUM_PERM)
    minhash = MinHash(seed=_SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    minhash.update_batch([s.encode() for s in shingles])
    return (minhash.hashvalues & 0xFFFF).astype("<u2").tobytes()


def _sketch(minima: NDArray[np.uint16]) -> LeanMinHash:
    """The stored minima as the sketch the LSH index hashes into bands."""
    return LeanMinHash(seed=_SEED, hashvalues=minima.astype(np.uint32), scheme=_SCHEME)


class Fingerprint(BaseModel):
    """What the index keeps of an article: its exact hash and a signature of its shingles."""

    model_config = ConfigDict(frozen=True)

    id: str
    content_hash: str
    shingles: int = Field(ge=0, description="How many distinct word 5-shingles the text has.")
    signature: str = Field(
        min_length=_SIGNATURE_CHARS,
        max_length=_SIGNATURE_CHARS,
        description="Base64 of the 16-bit MinHash minima, little-endian.",
    )
    duplicate_of: str | None = Field(
        default=None, description="The original this article copies, if any."
    )
    seq: int = Field(
        default=0,
        ge=0,
        description="Arrival order in the index, so an index rebuilt from a table keeps its order.",
    )

    def minima(self) -> NDArray[np.uint16]:
        return np.frombuffer(base64.b64decode(self.signature), dtype="<u2")


def fingerprint(article: CleanArticle) -> Fingerprint:
    """The article's fingerprint; the title is left out, outlets rewrite headlines."""
    shingles = _shingles(article.paragraphs)
    return Fingerprint(
        id=article.id,
        content_hash=article.content_hash,
        shingles=len(shingles),
        signature=base64.b64encode(_signature(shingles)).decode("ascii"),
        duplicate_of=article.duplicate_of,
    )


@dataclass
class _Lookup:
    """The index's fingerprints as the look-up reads them: by id, by content hash, and an
    LSH index of their signatures. Mutable: `remember` moves it to the index it returns."""

    lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS))
    by_id: dict[str, Fingerprint] = field(default_factory=dict)
    minima: dict[str, NDArray[np.uint16]] = field(default_factory=dict)
    arrival: dict[str, int] = field(default_factory=dict)
    by_hash: dict[str, list[str]] = field(default_factory=dict)
    """Content hash -> ids holding it, oldest first."""
    arrived: int = 0

    @classmethod
    def of(cls, fingerprints: list[Fingerprint]) -> _Lookup:
        lookup = cls()
        for fp in fingerprints:
            lookup.add(fp)
        return lookup

    def add(self, fp: Fingerprint) -> None:
        minima = fp.minima()
        self.lsh.insert(fp.id, _sketch(minima), check_duplication=False)
        self.by_id[fp.id] = fp
        self.minima[fp.id] = minima
        self.arrival[fp.id] = self.arrived
        self.arrived += 1
        self.by_hash.setdefault(fp.content_hash, []).append(fp.id)

    def drop(self, fp: Fingerprint) -> None:
        self.lsh.remove(fp.id)
        del self.by_id[fp.id], self.minima[fp.id], self.arrival[fp.id]
        same = self.by_hash[fp.content_hash]
        same.remove(fp.id)
        if not same:
            del self.by_hash[fp.content_hash]

    def candidates(self, minima: NDArray[np.uint16]) -> list[Fingerprint]:
        """Earlier articles sharing a band with `minima`, oldest first."""
        found = self.lsh.query(_sketch(minima))
        return [self.by_id[key] for key in sorted(found, key=self.arrival.__getitem__)]


class DuplicateIndex(BaseModel):
    """The latest fingerprints, oldest first; serialises as `{"fingerprints": [...]}`."""

    model_config = ConfigDict(frozen=True)

    fingerprints: list[Fingerprint] = Field(default_factory=list)
    _lookup: _Lookup | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal when they hold the same fingerprints: the look-up is only a cache of them."""
        return isinstance(other, DuplicateIndex) and self.fingerprints == other.fingerprints

    def lookup(self) -> _Lookup:
        """Built once per index (after loading from a table), then moved on by `remember`."""
        if self._lookup is None:
            self._lookup = _Lookup.of(self.fingerprints)
        return self._lookup


def _root(fp: Fingerprint) -> str:
    """Copies of a copy point at the original, so one report is one group."""
    return fp.duplicate_of or fp.id


def find_duplicate(index: DuplicateIndex, fp: Fingerprint, threshold: float) -> str | None:
    """The id of the original that `fp`'s article copies, or None if it is no copy.

    An id already in the index is a re-send of that same article: it gets the
    verdict it got the first time (None for an original, never its own id).
    Otherwise the earliest article with the same `content_hash` wins; failing
    that, the earliest one holding at least `threshold` of `fp`'s shingles.
    """
    lookup = index.lookup()
    if (known := lookup.by_id.get(fp.id)) is not None:
        return known.duplicate_of
    if same := lookup.by_hash.get(fp.content_hash):
        return _root(lookup.by_id[same[0]])
    if not fp.shingles or not index.fingerprints:
        return None
    minima = fp.minima()
    for earlier in lookup.candidates(minima):
        jaccard = np.count_nonzero(lookup.minima[earlier.id] == minima) / NUM_PERM
        shared = jaccard * (earlier.shingles + fp.shingles) / (1.0 + jaccard)
        if shared >= threshold * fp.shingles and fp.shingles >= MIN_LENGTH_RATIO * earlier.shingles:
            return _root(earlier)
    return None


def remember(index: DuplicateIndex, fp: Fingerprint, window: int) -> DuplicateIndex:
    """A new index with `fp` added and only the latest `window` kept; a re-send changes nothing.

    `fp.duplicate_of` should hold `find_duplicate`'s verdict, which is what a
    re-send and later copies of this article are told.
    """
    lookup = index.lookup()
    if fp.id in lookup.by_id:
        return index
    last = index.fingerprints[-1].seq if index.fingerprints else 0
    fp = fp.model_copy(update={"seq": last + 1})
    every = [*index.fingerprints, fp]
    kept = every[-window:]
    for old in every[: len(every) - len(kept)]:
        lookup.drop(old)
    lookup.add(fp)
    updated = DuplicateIndex.model_construct(fingerprints=kept)
    # Moved, not copied: the earlier index builds a look-up of its own if it is read again.
    updated._lookup, index._lookup = lookup, None
    return updated


def restore(stored: Iterable[Fingerprint], window: int) -> tuple[DuplicateIndex, list[Fingerprint]]:
    """The index of fingerprints read back from a store, and those beyond `window` to delete."""
    ordered = sorted(stored, key=lambda fp: fp.seq)
    cut = max(0, len(ordered) - window)
    return DuplicateIndex(fingerprints=ordered[cut:]), ordered[:cut]


def changes(
    before: DuplicateIndex, after: DuplicateIndex
) -> tuple[list[Fingerprint], list[Fingerprint]]:
    """`(added, forgotten)` by `remember`: what a store mirroring the index writes and deletes."""
    if after is before:
        return [], []
    kept = len(after.fingerprints) - 1
    return [after.fingerprints[-1]], before.fingerprints[: len(before.fingerprints) - kept]


def check(
    index: DuplicateIndex, article: CleanArticle, settings: Settings
) -> tuple[DuplicateIndex, str | None]:
    """Find what `article` copies and remember it: `(index, duplicate_of)`."""
    fp = fingerprint(article)
    duplicate_of = find_duplicate(index, fp, settings.duplicate_threshold)
    fp = fp.model_copy(update={"duplicate_of": duplicate_of})
    return remember(index, fp, settings.duplicate_window), duplicate_of
