"""MinHash signatures: our numpy computation is datasketch's, value for value, and it tells copies
from different stories."""

from __future__ import annotations

import re
import zlib

import numpy as np
import pytest
from datasketch import MinHash

from frontlines.near_duplicates import NUM_PERM, SEED, SHINGLE_WORDS, NearDuplicateIndex, signature

from .conftest import EXAMPLES


def _datasketch_signature(text: str) -> np.ndarray:
    words = re.findall(r"\w+", text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=zlib.crc32)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues


@pytest.mark.parametrize("path", sorted((EXAMPLES / "scraped").glob("*.txt"))[:6],
                         ids=lambda p: p.name)
def test_signature_equals_datasketch(path):
    text = path.read_text("utf-8")
    ours = signature(text)
    assert ours.dtype == np.uint32 and ours.shape == (NUM_PERM,)
    assert np.array_equal(ours, _datasketch_signature(text))


def test_short_and_empty_texts_have_signatures():
    assert np.array_equal(signature(""), _datasketch_signature(""))
    assert np.array_equal(signature("Shelling hit the town"), _datasketch_signature("Shelling hit the town"))


def test_index_links_a_copy_and_not_another_story():
    texts = sorted((EXAMPLES / "scraped").glob("*.txt"))
    original, other = texts[0].read_text("utf-8"), texts[1].read_text("utf-8")
    copy = "A wire service filed this copy at noon. " + original
    index = NearDuplicateIndex(0.8)
    index.add("original", signature(original))
    match = index.best_match(signature(copy))
    assert match is not None and match[0] == "original" and match[1] >= 0.8
    assert index.best_match(signature(other)) is None
