"""`frontlines.evaluate.geo`: reading TR-News/LGL XML, and geoparsing scores checked by hand."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from frontlines.errors import DataFileError, FrontlinesError
from frontlines.evaluate.geo import (
    GeoDocument,
    GoldToponym,
    evaluate_geo,
    haversine_km,
    misaligned,
    read_geo_corpus,
    render,
    score_geoparsing,
)
from frontlines.records import Place, Toponym

from .conftest import EVAL

TR_NEWS = EVAL / "tr_news" / "TR-News.xml"


def place(geonameid: int, name: str, latitude: float, longitude: float) -> Place:
    return Place(geonameid, name, latitude, longitude, "P", "PPLA", "SY", None, None, 0)


ALEPPO = place(170063, "Aleppo", 36.20124, 37.16117)
HOMS = place(169577, "Homs", 34.72682, 36.72339)
DAMASCUS = place(170654, "Damascus", 33.5102, 36.29128)
KM_PER_DEGREE = 6371.0088 * math.pi / 180  # along a meridian


def north_of(base: Place, km: float, geonameid: int) -> Place:
    """A made-up place `km` due north of `base` (a meridian arc is exactly R * angle)."""
    return place(geonameid, f"{km:g} km north of {base.name}", base.latitude + km / KM_PER_DEGREE,
                 base.longitude)


TEXT = "Shelling hit Aleppo and Homs overnight, a monitor in Britain said."
ALEPPO_SPAN, HOMS_SPAN, BRITAIN_SPAN = (13, 19), (24, 28), (53, 60)
DOC = GeoDocument("d1", TEXT, "Shelling", dt.date(2016, 12, 19), (
    GoldToponym(*ALEPPO_SPAN, "Aleppo", 170063, 36.20124, 37.16117),
    GoldToponym(*HOMS_SPAN, "Homs", 169577, 34.72682, 36.72339),
    GoldToponym(*BRITAIN_SPAN, "Britain", None, None, None),  # recognition only
))


def found(span: tuple[int, int], where: Place | None) -> Toponym:
    return Toponym(span[0], span[1], TEXT[span[0]:span[1]], where)


def score(*predicted: Toponym):
    return score_geoparsing([DOC], [list(predicted)])


def test_the_document_spans_are_what_they_say() -> None:
    assert [TEXT[g.start:g.end] for g in DOC.gold] == ["Aleppo", "Homs", "Britain"]


def test_haversine_damascus_to_aleppo() -> None:
    km = haversine_km(DAMASCUS.latitude, DAMASCUS.longitude, ALEPPO.latitude, ALEPPO.longitude)
    assert 307 <= km <= 313
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert haversine_km(10, 20, 10, 20) == 0


def test_perfect_predictions() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, HOMS), found(BRITAIN_SPAN, None))
    assert (scores.precision, scores.recall, scores.f1) == (1, 1, 1)
    assert (scores.gold, scores.gold_with_coordinates, scores.predicted, scores.matched) == (3, 2, 3, 3)
    assert scores.exact_spans == 3
    assert (scores.accuracy_161, scores.exact_id, scores.auc) == (1, 1, 0)
    assert (scores.accuracy_161_matched, scores.exact_id_matched, scores.auc_matched) == (1, 1, 0)
    assert (scores.mean_km, scores.median_km) == (0, 0)
    assert scores.worst == ()


def test_a_place_200_km_off_misses_accuracy_at_161() -> None:
    off = north_of(HOMS, 200, 1)
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, off), found(BRITAIN_SPAN, None))
    assert scores.recall == 1 and scores.resolved == 2
    assert scores.accuracy_161 == 0.5 and scores.exact_id == 0.5
    assert scores.mean_km == pytest.approx(100, abs=1e-6)
    assert scores.median_km == pytest.approx(100, abs=1e-6)
    # Sorted log errors [0, log 201]: one trapezoid of height log(201)/2, over 1 * log(20040).
    assert scores.auc == pytest.approx(math.log(201) / 2 / math.log(20040))
    assert scores.auc == pytest.approx(0.2677, abs=1e-4)
    (worst,) = scores.worst
    assert worst == {"doc_id": "d1", "phrase": "Homs", "gold_id": 169577, "predicted_id": 1,
                     "predicted_name": "200 km north of Homs", "km": 200.0}


def test_a_place_150_km_off_is_within_161_but_not_the_same_id() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, north_of(HOMS, 150, 2)))
    assert scores.accuracy_161 == 1 and scores.exact_id == 0.5


def test_a_missed_toponym_lowers_recall_and_accuracy() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(BRITAIN_SPAN, None))
    assert scores.precision == 1
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(0.8)
    assert scores.accuracy_161 == 0.5 and scores.exact_id == 0.5
    assert scores.accuracy_161_matched == 1 and scores.exact_id_matched == 1
    # The missed one counts as the largest error: sorted [0, 1] after scaling, area 1/2.
    assert scores.auc == pytest.approx(0.5)
    assert scores.auc_matched == 0
    assert (scores.matched_with_coordinates, scores.resolved) == (1, 1)


def test_a_missed_toponym_without_coordinates_costs_recall_only() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, HOMS))
    assert scores.recall == pytest.approx(2 / 3)
    assert (scores.accuracy_161, scores.exact_id, scores.auc) == (1, 1, 0)


def test_a_spurious_prediction_lowers_precision_only() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, HOMS), found(BRITAIN_SPAN, None),
                   found((0, 8), DAMASCUS))
    assert scores.precision == 0.75 and scores.recall == 1
    assert (scores.accuracy_161, scores.exact_id, scores.auc) == (1, 1, 0)


def test_a_found_but_unresolved_toponym_is_a_resolution_miss() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, None), found(BRITAIN_SPAN, None))
    assert scores.recall == 1
    assert scores.accuracy_161 == 0.5 and scores.accuracy_161_matched == 0.5
    assert scores.auc_matched == pytest.approx(0.5)
    assert (scores.resolved, scores.mean_km) == (1, 0)


def test_overlapping_spans_match_and_exact_spans_are_counted_apart() -> None:
    scores = score(found((9, 19), ALEPPO), found(HOMS_SPAN, HOMS))  # "hit Aleppo"
    assert (scores.matched, scores.exact_spans) == (2, 1)
    assert scores.precision == 1 and scores.exact_precision == 0.5
    assert scores.exact_recall == pytest.approx(1 / 3)
    assert scores.accuracy_161 == 1


def test_one_prediction_matches_one_gold_toponym_only() -> None:
    scores = score(found((13, 28), ALEPPO))  # "Aleppo and Homs"
    assert scores.matched == 1 and scores.recall == pytest.approx(1 / 3)
    assert scores.accuracy_161 == 0.5


def test_predictions_must_pair_with_documents() -> None:
    with pytest.raises(ValueError, match="1 documents but 2"):
        score_geoparsing([DOC], [[], []])


def test_json_and_text_report() -> None:
    scores = score(found(ALEPPO_SPAN, ALEPPO), found(HOMS_SPAN, north_of(HOMS, 200, 1)))
    report = json.loads(json.dumps(scores.to_json()))
    assert report["counts"]["matched"] == 2
    assert report["resolution"]["accuracy_161"] == 0.5
    assert report["recognition"]["recall"] == pytest.approx(0.6667)
    assert report["worst"][0]["km"] == 200.0
    text = render(scores)
    assert "acc@161km" in text and "0.500" in text and "200.0" in text and "Homs" in text


CORPUS = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="a1">
    <title>  Fighting near the river
    </title>
    <url>https://example.org/a1</url>
    <dltime>Dec 17, 2016 10:00 AM CT</dltime>
    <text><![CDATA[Clashes in Aleppo & on Baron Street; Homs was quiet.]]></text>
    <toponyms>
      <toponym><start>11</start><end>17</end><phrase>Aleppo</phrase>
        <gaztag geonameid="170063"><name>Aleppo</name><fclass>P</fclass><fcode>PPLA</fcode>
          <lat>36.20124</lat><lon>37.16117</lon><country>Syria</country><admin1></admin1></gaztag>
      </toponym>
      <toponym><start>23</start><end>34</end><phrase>Baron Street</phrase></toponym>
      <toponym><start>36</start><end>40</end><phrase>Homs</phrase><remarks>unsure</remarks></toponym>
    </toponyms>
  </article>
  <article docid="a2">
    <title>Quiet</title>
    <dltime>2016-12-19 05:35 CT</dltime>
    <text>Nothing happened in Idlib.</text>
    <toponyms>
      <toponym><start>22</start><end>27</end><phrase>Idlib</phrase>
        <gaztag geonameid="169389"><lat>35.93062</lat><lon>36.63393</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


def write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "corpus.xml"
    path.write_text(content, encoding="utf-8")
    return path


def test_read_a_small_corpus(tmp_path: Path) -> None:
    a1, a2 = read_geo_corpus(write(tmp_path, CORPUS))
    assert (a1.doc_id, a1.title, a1.published) == ("a1", "Fighting near the river", dt.date(2016, 12, 17))
    assert a1.text == "Clashes in Aleppo & on Baron Street; Homs was quiet."
    assert a1.gold[0] == GoldToponym(11, 17, "Aleppo", 170063, 36.20124, 37.16117)
    # "Baron Street" ends at 35, not 34: realigned to the whole phrase.
    assert a1.gold[1] == GoldToponym(23, 35, "Baron Street", None, None, None)
    assert a1.gold[2] == GoldToponym(37, 41, "Homs", None, None, None)  # one character off; a remark
    assert not a1.gold[2].has_coordinates
    assert (a2.published, a2.gold[0].start, a2.gold[0].phrase) == (dt.date(2016, 12, 19), 20, "Idlib")
    assert a2.gold[0].has_coordinates
    assert misaligned([a1, a2]) == []
    raw = read_geo_corpus(write(tmp_path, CORPUS), realign=False)
    assert [(doc_id, gold.phrase) for doc_id, gold in misaligned(raw)] == [
        ("a1", "Baron Street"), ("a1", "Homs"), ("a2", "Idlib")]


def test_evaluate_geo_runs_the_geoparser_on_each_text(tmp_path: Path) -> None:
    seen: list[str] = []

    def geoparse(text: str, address: str | None) -> list[Toponym]:
        seen.append(text)
        if "Aleppo" in text:
            return [Toponym(11, 17, "Aleppo", ALEPPO)]
        return [Toponym(20, 25, "Idlib", north_of(ALEPPO, 300, 3))]

    scores = evaluate_geo(write(tmp_path, CORPUS), geoparse)
    assert len(seen) == 2 and seen[1] == "Nothing happened in Idlib."
    assert (scores.gold, scores.gold_with_coordinates, scores.matched) == (4, 2, 2)
    assert scores.recall == 0.5 and scores.precision == 1
    assert scores.accuracy_161 == 0.5 and scores.exact_id == 0.5


def test_malformed_xml_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "<articles><article docid='1'><text>cut short</articles>")
    with pytest.raises(DataFileError) as caught:
        read_geo_corpus(path)
    assert caught.value.reason == "malformed-xml"
    assert str(path) in str(caught.value) and "not well-formed XML" in str(caught.value)


@pytest.mark.parametrize(("content", "reason", "words"), [
    ("<html><body/></html>", "not-a-geo-corpus", "<articles>"),
    ("<articles><article docid='x'><text>a</text><toponyms><toponym><start>one</start><end>3</end>"
     "</toponym></toponyms></article></articles>", "malformed-xml", "article x, toponym 1"),
    ("<articles><article docid='y'><title>no text</title></article></articles>", "malformed-xml",
     "article y has no <text>"),
])
def test_other_bad_corpora(tmp_path: Path, content: str, reason: str, words: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_geo_corpus(write(tmp_path, content))
    assert caught.value.reason == reason and words in str(caught.value)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FrontlinesError, match=r"nowhere\.xml: no such file"):
        read_geo_corpus(tmp_path / "nowhere.xml")


@pytest.fixture(scope="module")
def tr_news() -> list[GeoDocument]:
    if not TR_NEWS.exists():
        pytest.skip("evaluation data is not beside the checkout")
    return read_geo_corpus(TR_NEWS)


def test_tr_news_as_published(tr_news: list[GeoDocument]) -> None:
    assert len(tr_news) == 118
    assert sum(len(doc.gold) for doc in tr_news) == 1319
    assert sum(g.has_coordinates for doc in tr_news for g in doc.gold) == 1275
    assert all(doc.text.strip() for doc in tr_news)
    # As given, 117 of 1,319 spans are not their phrase: 115 point 1-10 characters past it, and two
    # are shorter than their phrase ("Kenyan" spans "Kenya"). Realigned, all fit.
    assert len(misaligned(read_geo_corpus(TR_NEWS, realign=False))) == 117
    assert misaligned(tr_news) == []


def test_tr_news_gold_as_predictions_scores_perfectly(tr_news: list[GeoDocument]) -> None:
    def as_toponym(gold: GoldToponym) -> Toponym:
        where = None
        if gold.latitude is not None and gold.longitude is not None:
            where = place(gold.geonameid or 0, gold.phrase, gold.latitude, gold.longitude)
        return Toponym(gold.start, gold.end, gold.phrase, where)

    scores = score_geoparsing(tr_news, [[as_toponym(g) for g in doc.gold] for doc in tr_news])
    assert (scores.precision, scores.recall, scores.exact_precision) == (1, 1, 1)
    assert (scores.accuracy_161, scores.exact_id, scores.auc) == (1, 1, 0)
