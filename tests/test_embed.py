"""Fusion's sentence vectors: our NumPy forward pass of all-MiniLM-L6-v2 gives the vectors
sentence-transformers gives, the telling sentence is the trigger's, like words help two reports
of one event join, and a store keeps each mention's vector once."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from frontlines.fuse import fuse
from frontlines.fuse.embed import DIMENSIONS, model_dir, shared_encoder, telling_sentence
from frontlines.records import Evidence, Mention

_SENTENCES = [
    "Gunmen stormed a police post on the outskirts of the town before dawn, killing four officers.",
    "Four policemen died when armed men attacked their post outside the town early on Monday.",
    "The central bank left interest rates unchanged for the third month in a row.",
    "Hi",
    "",
]


def test_vectors_are_those_of_sentence_transformers() -> None:
    """The reference is the library the model was published for, run on the same files."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(model_dir()), device="cpu")
    expected = reference.encode(_SENTENCES, normalize_embeddings=True)
    ours = shared_encoder().encode(_SENTENCES)
    assert ours.shape == (len(_SENTENCES), DIMENSIONS) and ours.dtype == np.float32
    assert np.abs(ours - expected).max() < 1e-4
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_one_event_told_twice_reads_closer_than_other_news() -> None:
    first, second, other = shared_encoder().encode(_SENTENCES[:3])
    assert first @ second > 0.6 > 0.2 > first @ other


def test_the_telling_sentence_is_the_triggers() -> None:
    text = ("The mayor opened a market on Sunday. Late on Monday gunmen attacked the police post, "
            "killing four officers. Schools stayed shut.")
    start = text.index("attacked")
    mention = _mention("a", evidence=(Evidence("sub_event_type", start, start + 8, "attacked"),))
    assert telling_sentence(mention, text) == \
        "Late on Monday gunmen attacked the police post, killing four officers."
    titled = _mention("a", evidence=(Evidence("sub_event_type", 0, 5, "storm", "title"),))
    assert telling_sentence(titled, text, "Gunmen storm police post") == "Gunmen storm police post"
    assert telling_sentence(_mention("a", evidence=()), text) == "notes of a"


def test_like_words_join_reports_that_the_fields_alone_leave_apart() -> None:
    """Two reports of one attack, 40 km apart (one outlet places it at the district town), one
    naming the attacker and one not: the fields alone fall short of a match; the sentences,
    told in like words, carry it. A report of other news beside them stays apart."""
    one = _mention("wire", latitude=12.60, longitude=-7.99)
    two = _mention("local", latitude=12.95, longitude=-7.99, actor1="Unidentified Armed Group")
    vectors = dict(zip([("wire", 0), ("local", 0)], shared_encoder().encode(_SENTENCES[:2]),
                       strict=True))
    assert len(fuse([one, two])) == 2
    assert len(fuse([one, two], vectors=vectors)) == 1
    unlike = dict(zip([("wire", 0), ("local", 0)],
                      shared_encoder().encode([_SENTENCES[0], _SENTENCES[2]]), strict=True))
    assert len(fuse([one, two], vectors=unlike)) == 2


def test_a_store_computes_each_vector_once(tmp_path: Path) -> None:
    from frontlines.fuse.vectors import mention_vectors
    from frontlines.records import Article
    from frontlines.store import Store

    text = "Late on Monday gunmen attacked the police post, killing four officers."
    article = Article(id="a", text=text, raw_format="text", input_ref="a.txt", raw_sha256="0")
    mention = _mention("a", evidence=(Evidence("sub_event_type", 22, 30, "attacked"),))
    with Store(tmp_path / "v.duckdb") as store:
        store.write_batch([(article, np.zeros(128, np.uint32))], [], [], [], [mention])
        first = mention_vectors(store, [mention])
        assert store.query("SELECT count(*) FROM mention_vectors") == [(1,)]
        store.connection.execute("UPDATE articles SET text = 'changed'")
        again = mention_vectors(store, [mention])  # read back, not computed from the new text
    assert np.array_equal(first[("a", 0)], again[("a", 0)])
    assert first[("a", 0)] @ shared_encoder().encode([text])[0] > 0.999


def _mention(article: str, **changes) -> Mention:
    base = Mention(
        article_id=article, number=0, event_date="2024-03-04", time_precision=1,
        date_rule="weekday", disorder_type="Political violence", event_type="Battles",
        sub_event_type="Armed clash", actor1="Police Forces of Mali", assoc_actor_1=None,
        inter1=1, actor2=None, assoc_actor_2=None, inter2=None, interaction=10,
        civilian_targeting=False, location="Town", country="Mali", iso3="MLI", fatalities=4,
        fatalities_low=None, fatalities_high=None, notes=f"notes of {article}", attribution=(),
        contested=False, claims=(), confidence=0.8, evidence=(), admin1="Koulikoro",
        latitude=12.6, longitude=-8.0, geo_precision=1, geonameid=None)
    return replace(base, **changes)
