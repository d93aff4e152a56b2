"""Near-duplicate articles: republished wire copies, a story re-run with a new first line.

Exact hashes miss these, so we compare word 5-shingles with MinHash and find candidates with LSH
(datasketch). A near-duplicate is still stored (it is another outlet's copy, and the outlet matters
to analysts) but linked to the article it copies.

Workers compute the signatures; the parent process keeps the LSH index. The signature is
datasketch's MinHash (its "affine32" scheme, seed 1), computed here in a few lines of numpy because
importing datasketch imports scipy: 0.8 s before the first worker of a run could start. A test checks
our values against datasketch's, value for value, so stored signatures stay comparable.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1  # datasketch's default: the permutations it draws are the ones stored signatures used
_WORD = re.compile(r"\w+")
# A story copied hundreds of times puts hundreds of candidates in its LSH buckets; they are all
# near-duplicates of each other, so comparing with the first few (by id) finds a link just as well
# (MinHash's estimate of Jaccard similarity is the share of agreeing signature positions)
# and keeps the cost per article bounded.
MAX_CANDIDATES = 32


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The 128 affine permutations h -> a*h + b (mod 2^32, a odd), drawn as datasketch draws them."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _premix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to each hash before permuting it
    (a bijection that spreads crc32's structure); uint32 arithmetic wraps, as intended."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint32 x 128) of the text's word 5-shingles."""
    words = _WORD.findall(text.casefold())
    shingles = {
        " ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    # crc32 (C code) instead of datasketch's default SHA-1: stable across processes and runs, as
    # stored signatures need, and several times faster.
    hashes = _premix(np.fromiter(map(zlib.crc32, shingles), dtype=np.uint32, count=len(shingles)))
    a, b = _permutations()
    with np.errstate(over="ignore"):
        return (hashes[:, None] * a + b).min(axis=0)


class _Signature:
    """What MinHashLSH reads of a MinHash (its values and length), without drawing permutations."""

    __slots__ = ("hashvalues",)

    def __init__(self, values: Iterable[int] | np.ndarray) -> None:
        self.hashvalues = np.asarray(values, dtype=np.uint32)

    def __len__(self) -> int:
        return len(self.hashvalues)


class NearDuplicateIndex:
    """An in-memory LSH index over stored signatures; query before adding."""

    def __init__(self, threshold: float) -> None:
        from datasketch import MinHashLSH  # see the module's docstring: only the parent needs it

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, _Signature] = {}

    def add(self, article_id: str, values: Iterable[int] | np.ndarray) -> None:
        if article_id in self._signatures:
            return
        signature = _Signature(values)
        self._signatures[article_id] = signature
        self._lsh.insert(article_id, signature)

    def best_match(self, values: Iterable[int] | np.ndarray) -> tuple[str, float] | None:
        """The most similar stored article above the threshold (ties: the smaller id)."""
        signature = _Signature(values)
        keys = sorted(self._lsh.query(signature))[:MAX_CANDIDATES]
        if not keys:
            return None
        # All candidates at once: the share of agreeing positions, row by row.
        matrix = np.stack([self._signatures[key].hashvalues for key in keys])
        similarities = np.count_nonzero(matrix == signature.hashvalues, axis=1) / NUM_PERM
        best = int(np.argmax(similarities))  # the first (smallest id) among equals
        similarity = round(float(similarities[best]), 4)
        return (keys[best], similarity) if similarity >= self.threshold else None

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def __len__(self) -> int:
        return len(self._signatures)
