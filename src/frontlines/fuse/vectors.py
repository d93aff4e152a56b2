"""The sentence vectors of a store's mentions (`fuse.embed`), computed once and kept.

A mention's words never change once stored (an article's mentions are written with it), so its
vector is computed the first time its events are derived and read back after that; a run killed
before deriving leaves its mentions without vectors, and the next derivation computes them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pyarrow as pa

from frontlines.fuse import MentionKey
from frontlines.fuse.embed import DIMENSIONS, MODEL_NAME, sentence_vectors
from frontlines.records import Mention
from frontlines.store import Store

_VECTORS_VERSION = 5  # the store migration that made the table


def mention_vectors(store: Store, mentions: Sequence[Mention]) -> dict[MentionKey, np.ndarray]:
    """The vector of each of `mentions`, computing and storing those the store lacks (inside
    the caller's transaction, when there is one). A store opened read-only, or older than the
    table of vectors, gets them computed and not kept."""
    if store.read_only or store.version() < _VECTORS_VERSION:
        return compute_vectors(store, mentions, keep=False)
    vectors = stored_vectors(store, [(m.article_id, m.number) for m in mentions])
    missing = [m for m in mentions if (m.article_id, m.number) not in vectors]
    if missing:
        vectors.update(compute_vectors(store, missing))
    return vectors


def stored_vectors(store: Store, mentions: Collection[MentionKey],
                   ) -> dict[MentionKey, np.ndarray]:
    """The vectors the store keeps of `mentions` (none of those it lacks)."""
    db = store.connection
    keys = pa.table({"article_id": pa.array([a for a, _ in mentions], pa.string()),
                     "number": pa.array([n for _, n in mentions], pa.int32()),
                     "model": pa.array([MODEL_NAME] * len(mentions), pa.string())})
    db.register("wanted_vectors", keys)
    try:
        # The model is joined as a column, not a parameter: DuckDB gives Arrow output without a
        # copy only to a query that has none.
        found = db.sql(
            "SELECT v.article_id, v.number, v.vector FROM mention_vectors v "
            "SEMI JOIN wanted_vectors w ON w.article_id = v.article_id AND w.number = v.number "
            "AND w.model = v.model").to_arrow_table()
    finally:
        db.unregister("wanted_vectors")
    matrix = np.asarray(found.column("vector").combine_chunks().flatten(), np.float32) \
        .reshape(-1, DIMENSIONS)
    return dict(zip(zip(found.column("article_id").to_pylist(),
                        found.column("number").to_pylist(), strict=True), matrix, strict=True))


def compute_vectors(store: Store, mentions: Sequence[Mention], keep: bool = True,
                    ) -> dict[MentionKey, np.ndarray]:
    """The vectors of `mentions`, computed (the store keeps none of them), and kept unless
    `keep` is false."""
    db = store.connection
    ids = sorted({m.article_id for m in mentions})
    texts, titles = {}, {}
    for article_id, text, title in db.execute(
            "SELECT id, text, title FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [ids]).fetchall():
        texts[article_id], titles[article_id] = text, title
    computed = sentence_vectors(mentions, texts, titles)
    if not keep:
        return computed
    rows = pa.table({
        "article_id": pa.array([key[0] for key in computed], pa.string()),
        "number": pa.array([key[1] for key in computed], pa.int32()),
        "model": pa.array([MODEL_NAME] * len(computed), pa.string()),
        "vector": pa.FixedSizeListArray.from_arrays(
            pa.array(np.concatenate(list(computed.values())) if computed else [], pa.float32()),
            DIMENSIONS)})
    db.register("new_vectors", rows)
    try:
        db.execute("INSERT OR REPLACE INTO mention_vectors "
                   "SELECT article_id, number, model, vector FROM new_vectors")
    finally:
        db.unregister("new_vectors")
    return computed
