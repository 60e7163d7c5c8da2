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

A look-up compares the new signature with every one in the window at once
(NumPy). datasketch's MinHashLSH, measured in its place, took twice as long with
the window full and 36 times as long to restore (BENCHMARKS.md, "The duplicate
check"): a copy may share as little as 0.36 of the union of shingles with a
longer original, and bands that narrow match most articles of a story.

Pure logic: no Kafka or Faust import. `check` has the shape of a stateful
stream step, `(state, value) -> (state, output)`.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
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

_SIGNATURE_CHARS = 4 * -(-2 * NUM_PERM // 3)  # base64 of NUM_PERM 16-bit values
_SEEDS = np.frombuffer(
    hashlib.shake_256(b"claimwatch minhash v1").digest(8 * NUM_PERM), dtype="<u8"
)
"""Fixed seeds, so every worker and every release computes the same signatures."""


def _mix(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64's finaliser: one bijection of 64-bit values per seed."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def _shingles(paragraphs: list[str]) -> set[str]:
    """Word 5-shingles of the text, with case, Unicode forms and punctuation folded."""
    tokens = words(unicodedata.normalize("NFKC", " ".join(paragraphs)).casefold())
    if len(tokens) <= SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def _signature(shingles: set[str]) -> bytes:
    """The low 16 bits of each permutation's minimum (b-bit MinHash: 256 bytes, not 1 KiB)."""
    if not shingles:
        return bytes(2 * NUM_PERM)
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles)
    hashes = np.frombuffer(digests, dtype="<u8")
    minima = _mix(hashes[:, None] + _SEEDS[None, :]).min(axis=0)
    return (minima & np.uint64(0xFFFF)).astype("<u2").tobytes()


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


@dataclass(frozen=True)
class _Arrays:
    """The index's fingerprints as arrays, so a lookup is a few vector operations."""

    minima: NDArray[np.uint16]
    shingles: NDArray[np.float64]
    hashes: NDArray[np.bytes_]
    by_id: dict[str, Fingerprint]

    @classmethod
    def of(cls, fingerprints: list[Fingerprint]) -> _Arrays:
        return cls(
            minima=np.array([fp.minima() for fp in fingerprints], dtype="<u2").reshape(
                len(fingerprints), NUM_PERM
            ),
            shingles=np.array([fp.shingles for fp in fingerprints], dtype=np.float64),
            hashes=np.array([fp.content_hash.encode() for fp in fingerprints], dtype="S64"),
            by_id={fp.id: fp for fp in fingerprints},
        )

    def appended(self, fp: Fingerprint, dropped: list[Fingerprint]) -> _Arrays:
        by_id = dict(self.by_id)
        for old in dropped:
            del by_id[old.id]
        by_id[fp.id] = fp
        drop = len(dropped)
        return _Arrays(
            minima=np.concatenate([self.minima[drop:], fp.minima()[None, :]]),
            shingles=np.append(self.shingles[drop:], float(fp.shingles)),
            hashes=np.append(self.hashes[drop:], np.array([fp.content_hash.encode()], "S64")),
            by_id=by_id,
        )


class DuplicateIndex(BaseModel):
    """The latest fingerprints, oldest first; serialises as `{"fingerprints": [...]}`."""

    model_config = ConfigDict(frozen=True)

    fingerprints: list[Fingerprint] = Field(default_factory=list)
    _arrays: _Arrays | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal when they hold the same fingerprints: the arrays are only a cache of them."""
        return isinstance(other, DuplicateIndex) and self.fingerprints == other.fingerprints

    def arrays(self) -> _Arrays:
        """Built once per index (after loading from a table), then carried by `remember`."""
        if self._arrays is None:
            self._arrays = _Arrays.of(self.fingerprints)
        return self._arrays


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
    arrays = index.arrays()
    if (known := arrays.by_id.get(fp.id)) is not None:
        return known.duplicate_of
    exact = np.flatnonzero(arrays.hashes == fp.content_hash.encode())
    if exact.size:
        return _root(index.fingerprints[exact[0]])
    if not fp.shingles or not index.fingerprints:
        return None
    jaccard = (arrays.minima == fp.minima()).mean(axis=1)
    shared = jaccard * (arrays.shingles + fp.shingles) / (1.0 + jaccard)
    near = (shared >= threshold * fp.shingles) & (fp.shingles >= MIN_LENGTH_RATIO * arrays.shingles)
    hits = np.flatnonzero(near)
    return _root(index.fingerprints[hits[0]]) if hits.size else None


def remember(index: DuplicateIndex, fp: Fingerprint, window: int) -> DuplicateIndex:
    """A new index with `fp` added and only the latest `window` kept; a re-send changes nothing.

    `fp.duplicate_of` should hold `find_duplicate`'s verdict, which is what a
    re-send and later copies of this article are told.
    """
    arrays = index.arrays()
    if fp.id in arrays.by_id:
        return index
    last = index.fingerprints[-1].seq if index.fingerprints else 0
    fp = fp.model_copy(update={"seq": last + 1})
    every = [*index.fingerprints, fp]
    kept = every[-window:]
    updated = DuplicateIndex.model_construct(fingerprints=kept)
    updated._arrays = arrays.appended(fp, every[: len(every) - len(kept)])
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
