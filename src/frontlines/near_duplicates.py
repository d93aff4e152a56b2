"""Near-duplicate articles: republished wire copies, a story re-run with a new first line.

Exact hashes miss these, so we compare word 5-shingles with MinHash and find candidates with LSH
(datasketch). A near-duplicate is still stored (it is another outlet's copy, and the outlet matters
to analysts) but linked to the article it copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint32 x 128) of the text's word 5-shingles."""
    words = _WORD.findall(text.casefold())
    shingles = {
        " ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    minhash = MinHash(num_perm=NUM_PERM, scheme=_SCHEME)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues


class NearDuplicateIndex:
    """An in-memory LSH index over stored signatures; query before adding."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def _minhash(self, values: Iterable[int] | np.ndarray) -> MinHash:
        return MinHash(hashvalues=np.asarray(values, dtype=np.uint32), scheme=_SCHEME)

    def add(self, article_id: str, values: Iterable[int] | np.ndarray) -> None:
        if article_id in self._signatures:
            return
        minhash = self._minhash(values)
        self._signatures[article_id] = minhash
        self._lsh.insert(article_id, minhash)

    def best_match(self, values: Iterable[int] | np.ndarray) -> tuple[str, float] | None:
        """The most similar stored article above the threshold (ties: the smaller id)."""
        minhash = self._minhash(values)
        scored = [
            (round(minhash.jaccard(self._signatures[key]), 4), key)
            for key in self._lsh.query(minhash)
        ]
        scored = [(similarity, key) for similarity, key in scored if similarity >= self.threshold]
        if not scored:
            return None
        similarity, key = min(scored, key=lambda item: (-item[0], item[1]))
        return key, similarity

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def __len__(self) -> int:
        return len(self._signatures)
