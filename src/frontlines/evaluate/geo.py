"""Score a geoparser against a corpus in the TR-News / LGL XML format (Kamalloo and Rafiei 2018;
Lieberman et al. 2010), with the measures of Gritta et al. (2018, "What's missing in geographical
parsing?"; 2019, "A pragmatic guide to geoparsing evaluation"):

- recognition: precision, recall and F1 of the predicted toponym spans, a prediction matching a gold
  toponym when their spans overlap (exact span matches are counted as well);
- resolution, over the gold toponyms that have coordinates: the share resolved within 161 km (100
  miles), the share given the gold GeoNames id, mean and median error in km, and the AUC of the
  sorted log errors (lower is better). A gold toponym the geoparser missed, or found but did not
  resolve, counts as a miss (and as the largest error in the AUC). The same figures over the
  recognised toponyms only are given too: recognition and resolution are separate skills, and a
  recogniser that finds only the easy names would otherwise flatter the resolver.

The corpus is read where the user keeps it (for us, ../shared/eval/tr_news); nothing of it is stored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from frontlines.errors import DataFileError
from frontlines.extract.event_dates import iter_full_dates
from frontlines.geo.resolve import haversine_km
from frontlines.records import Toponym

MAX_ERROR_KM = 20039.0  # half the Earth's circumference, Gritta et al.'s largest possible error
WITHIN_KM = 161.0  # 100 miles, the customary "accurate" threshold
# In 17 TR-News articles the offsets run 1-10 characters past the phrase, the shift growing along the
# article (the text seems to have lost characters after annotation): the phrase is looked for this
# far around its given start.
REALIGN_WINDOW = 20


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A gold toponym; `latitude`/`longitude` are None when the annotators gave no coordinates
    (no gaztag, or a remark instead), and such a toponym is scored for recognition only."""

    start: int
    end: int
    phrase: str
    geonameid: int | None
    latitude: float | None
    longitude: float | None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class GeoDocument:
    doc_id: str
    text: str
    title: str | None
    published: dt.date | None  # the day of <dltime>, a free-form string in TR-News
    gold: tuple[GoldToponym, ...]
    address: str | None = None  # the outlet's <domain>, else the article's <url>


@dataclass(frozen=True, slots=True)
class GeoScores:
    documents: int
    gold: int  # gold toponyms
    gold_with_coordinates: int
    predicted: int
    matched: int  # gold toponyms paired with a prediction whose span overlaps it (one to one)
    exact_spans: int  # of the matched pairs, those with the very same span
    precision: float | None
    recall: float | None
    f1: float | None
    exact_precision: float | None  # the same three with exact spans required
    exact_recall: float | None
    exact_f1: float | None
    matched_with_coordinates: int  # matched gold toponyms that have coordinates
    resolved: int  # of those, the ones whose prediction carries a place
    accuracy_161: float | None  # over gold toponyms with coordinates; missed ones are misses
    exact_id: float | None
    auc: float | None
    accuracy_161_matched: float | None  # over matched gold toponyms with coordinates only
    exact_id_matched: float | None
    auc_matched: float | None
    mean_km: float | None  # over the resolved ones
    median_km: float | None
    worst: tuple[dict[str, Any], ...]  # the largest errors (above 0 km), largest first

    def to_json(self) -> dict[str, Any]:
        def rounded(value: float | None, digits: int = 4) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "documents": self.documents,
            "counts": {
                "gold": self.gold, "gold_with_coordinates": self.gold_with_coordinates,
                "predicted": self.predicted, "matched": self.matched, "exact_spans": self.exact_spans,
                "matched_with_coordinates": self.matched_with_coordinates, "resolved": self.resolved,
            },
            "recognition": {
                "precision": rounded(self.precision), "recall": rounded(self.recall),
                "f1": rounded(self.f1), "exact_precision": rounded(self.exact_precision),
                "exact_recall": rounded(self.exact_recall), "exact_f1": rounded(self.exact_f1),
            },
            "resolution": {
                "accuracy_161": rounded(self.accuracy_161), "exact_id": rounded(self.exact_id),
                "auc": rounded(self.auc), "accuracy_161_matched": rounded(self.accuracy_161_matched),
                "exact_id_matched": rounded(self.exact_id_matched),
                "auc_matched": rounded(self.auc_matched), "mean_km": rounded(self.mean_km, 1),
                "median_km": rounded(self.median_km, 1),
            },
            "worst": list(self.worst),
        }


# --- reading ------------------------------------------------------------------------------------


def read_geo_corpus(path: Path, *, realign: bool = True) -> list[GeoDocument]:
    """The articles of a TR-News / LGL XML file with their gold toponyms.

    With `realign`, a gold span whose text is not its phrase is moved to the nearest occurrence of
    the phrase within `REALIGN_WINDOW` characters (kept as given when there is none): scoring by
    overlap against a span that points beside the word would count a right answer twice wrong."""
    root = _parse(path)
    if root.tag != "articles" or root.find("article") is None:
        raise DataFileError("not-a-geo-corpus", f"{path} is not a TR-News/LGL corpus: expected "
                         f"<articles> holding <article> elements, found <{root.tag}>")
    return [_document(path, number, article, realign)
            for number, article in enumerate(root.iterfind("article"), start=1)]


def misaligned(documents: Iterable[GeoDocument]) -> list[tuple[str, GoldToponym]]:
    """Gold toponyms whose span in the text is not their phrase: (doc_id, toponym)."""
    return [(doc.doc_id, gold) for doc in documents for gold in doc.gold
            if doc.text[gold.start:gold.end] != gold.phrase]


def _parse(path: Path) -> Any:
    if not path.is_file():
        raise DataFileError("missing-file", f"{path}: no such file")
    # No entities, no network: a corpus file is data, never a reason to fetch anything.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        raise DataFileError("malformed-xml", f"{path} is not well-formed XML: {error}") from error
    except OSError as error:
        raise DataFileError("unreadable", f"cannot read {path}: {error}") from error


def _document(path: Path, number: int, article: Any, realign: bool) -> GeoDocument:
    doc_id = article.get("docid") or f"#{number}"
    text = article.findtext("text")
    if text is None:
        raise DataFileError("malformed-xml", f"{path}: article {doc_id} has no <text>")
    # The text is kept exactly as given, untrimmed: the offsets count from its first character.
    gold = [_gold(path, doc_id, index, element)
            for index, element in enumerate(article.iterfind("toponyms/toponym"), start=1)]
    if realign:
        gold = [_realigned(text, toponym) for toponym in gold]
    title = (article.findtext("title") or "").strip() or None
    address = (article.findtext("domain") or article.findtext("url") or "").strip() or None
    return GeoDocument(doc_id, text, title, _day(article.findtext("dltime")), tuple(gold), address)


def _gold(path: Path, doc_id: str, index: int, element: Any) -> GoldToponym:
    where = f"{path}: article {doc_id}, toponym {index}"
    start = _number(element.findtext("start"), int, f"{where}: <start>")
    end = _number(element.findtext("end"), int, f"{where}: <end>")
    if start is None or end is None or not 0 <= start <= end:
        raise DataFileError("malformed-xml", f"{where} lacks a valid <start>/<end> span")
    phrase = (element.findtext("phrase") or "").strip()
    gaztag = element.find("gaztag")
    # A <remarks> note qualifies the annotation (TR-News has none): like a toponym without a gaztag,
    # it is scored for recognition only, never against coordinates the annotators hedged.
    if gaztag is None or element.find("remarks") is not None:
        return GoldToponym(start, end, phrase, None, None, None)
    geonameid = _number(gaztag.get("geonameid"), int, f"{where}: geonameid")
    latitude = _number(gaztag.findtext("lat"), float, f"{where}: <lat>")
    longitude = _number(gaztag.findtext("lon"), float, f"{where}: <lon>")
    if latitude is None or longitude is None:
        latitude = longitude = None
    return GoldToponym(start, end, phrase, geonameid, latitude, longitude)


_Number = TypeVar("_Number", int, float)


def _number(value: str | None, kind: type[_Number], where: str) -> _Number | None:
    if value is None or not value.strip():
        return None
    try:
        return kind(value.strip())
    except ValueError as error:
        raise DataFileError("malformed-xml", f"{where} is not a number: {value.strip()!r}") from error


def _realigned(text: str, gold: GoldToponym) -> GoldToponym:
    if not gold.phrase or text[gold.start:gold.end] == gold.phrase:
        return gold
    low = max(0, gold.start - REALIGN_WINDOW)
    window = text[low: gold.start + REALIGN_WINDOW + len(gold.phrase)]
    starts = [low + m.start() for m in re.finditer(re.escape(gold.phrase), window)]
    if not starts:
        return gold
    start = min(starts, key=lambda s: (abs(s - gold.start), s))
    return GoldToponym(start, start + len(gold.phrase), gold.phrase, gold.geonameid, gold.latitude,
                       gold.longitude)


_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


def _day(value: str | None) -> dt.date | None:
    """The day of a free-form download time ("2016-12-19 05:35 CT", "Dec 17, 2016 10:00 AM CT")."""
    if not value:
        return None
    iso = _ISO_DAY.match(value)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            return None
    return next(iter_full_dates(value), None)


# --- scoring ------------------------------------------------------------------------------------


def _overlap(gold: GoldToponym, predicted: Toponym) -> int:
    return min(gold.end, predicted.end) - max(gold.start, predicted.start)


def _pairs(gold: Sequence[GoldToponym], predicted: Sequence[Toponym]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of overlapping spans, exact spans first,
    then the larger overlap: one long prediction ("Aleppo and Homs") must not find two gold
    toponyms, nor two predictions one."""
    candidates = sorted(
        ((g.start != p.start or g.end != p.end, -_overlap(g, p), i, j)
         for i, g in enumerate(gold) for j, p in enumerate(predicted) if _overlap(g, p) > 0))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((i, j))
    return pairs


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _auc(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of the sorted log(1 + error) values, by the trapezoid rule, scaled so
    that every error 0 km gives 0 and every error `MAX_ERROR_KM` gives 1 (Gritta et al. 2018)."""
    if not errors_km:
        return None
    scaled = sorted(math.log1p(min(e, MAX_ERROR_KM)) / math.log1p(MAX_ERROR_KM) for e in errors_km)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in pairwise(scaled))
    return area / (len(scaled) - 1)


@dataclass(frozen=True, slots=True)
class _Resolved:
    doc_id: str
    gold: GoldToponym
    predicted: Toponym | None  # None: the gold toponym was not found
    km: float | None  # None: not found, or found but not resolved


def _resolutions(doc: GeoDocument, predicted: Sequence[Toponym],
                 pairs: Sequence[tuple[int, int]]) -> list[_Resolved]:
    partner = dict(pairs)
    found = []
    for i, gold in enumerate(doc.gold):
        if gold.latitude is None or gold.longitude is None:
            continue  # recognition only
        guess = predicted[partner[i]] if i in partner else None
        km = None
        if guess is not None and guess.place is not None:
            # The gold entry itself is no error, whatever point each gazetteer gives a country or
            # a province (GeoNames' own point for Canada is 900 km from other atlases').
            km = 0.0 if guess.place.geonameid == gold.geonameid else haversine_km(
                gold.latitude, gold.longitude, guess.place.latitude, guess.place.longitude)
        found.append(_Resolved(doc.doc_id, gold, guess, km))
    return found


def _same_id(item: _Resolved) -> bool:
    place = item.predicted.place if item.predicted else None
    return (place is not None and item.gold.geonameid is not None
            and place.geonameid == item.gold.geonameid)


def _worst(items: Sequence[_Resolved], count: int) -> tuple[dict[str, Any], ...]:
    # Only real errors: a list of 0 km rows would tell the reader nothing.
    resolved = sorted((i for i in items if i.km), key=lambda i: -(i.km or 0.0))
    return tuple(
        {"doc_id": i.doc_id, "phrase": i.gold.phrase, "gold_id": i.gold.geonameid,
         "predicted_id": i.predicted.place.geonameid if i.predicted and i.predicted.place else None,
         "predicted_name": i.predicted.place.name if i.predicted and i.predicted.place else None,
         "km": round(i.km or 0.0, 1)}
        for i in resolved[:count])


def score_geoparsing(documents: Sequence[GeoDocument], predictions: Sequence[Sequence[Toponym]],
                     worst: int = 15) -> GeoScores:
    """Recognition and resolution scores of `predictions[k]`, the toponyms found in
    `documents[k].text`. A prediction matches a gold toponym when their spans overlap (one to one)."""
    if len(documents) != len(predictions):
        raise ValueError(f"{len(documents)} documents but {len(predictions)} prediction lists")
    matched = exact = 0
    items: list[_Resolved] = []
    for doc, predicted in zip(documents, predictions, strict=True):
        pairs = _pairs(doc.gold, predicted)
        matched += len(pairs)
        exact += sum(doc.gold[i].start == predicted[j].start and doc.gold[i].end == predicted[j].end
                     for i, j in pairs)
        items.extend(_resolutions(doc, predicted, pairs))
    gold = sum(len(doc.gold) for doc in documents)
    predicted_count = sum(len(p) for p in predictions)
    found = [i for i in items if i.predicted is not None]
    errors = [i.km for i in items if i.km is not None]
    within = sum(1 for km in errors if km <= WITHIN_KM)
    same_id = sum(_same_id(i) for i in items)
    precision, recall = _share(matched, predicted_count), _share(matched, gold)
    exact_precision, exact_recall = _share(exact, predicted_count), _share(exact, gold)
    return GeoScores(
        documents=len(documents), gold=gold, gold_with_coordinates=len(items),
        predicted=predicted_count, matched=matched, exact_spans=exact,
        precision=precision, recall=recall, f1=_f1(precision, recall),
        exact_precision=exact_precision, exact_recall=exact_recall,
        exact_f1=_f1(exact_precision, exact_recall),
        matched_with_coordinates=len(found), resolved=len(errors),
        accuracy_161=_share(within, len(items)), exact_id=_share(same_id, len(items)),
        auc=_auc([MAX_ERROR_KM if i.km is None else i.km for i in items]),
        accuracy_161_matched=_share(within, len(found)), exact_id_matched=_share(same_id, len(found)),
        auc_matched=_auc([MAX_ERROR_KM if i.km is None else i.km for i in found]),
        mean_km=statistics.fmean(errors) if errors else None,
        median_km=statistics.median(errors) if errors else None,
        worst=_worst(items, worst),
    )


def evaluate_geo(path: Path, geoparse: Callable[[str, str | None], list[Toponym]],
                 worst: int = 15) -> GeoScores:
    """Read the corpus at `path`, run `geoparse` on each article's text and its outlet's address,
    and score the result."""
    documents = read_geo_corpus(path)
    return score_geoparsing(documents, [geoparse(doc.text, doc.address) for doc in documents],
                            worst=worst)


# --- rendering ----------------------------------------------------------------------------------


def _figure(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _cell(value: Any) -> str:
    return "-" if value is None else str(value)


def render(scores: GeoScores) -> str:
    """The scores as the plain text `frontlines eval geo` prints."""
    s = scores
    lines = [
        f"articles:                      {s.documents:,}",
        f"gold toponyms:                 {s.gold:,} ({s.gold_with_coordinates:,} with coordinates)",
        f"predicted toponyms:            {s.predicted:,} ({s.matched:,} overlap a gold one, "
        f"{s.exact_spans:,} with the same span)",
        "",
        "recognition          precision  recall  F1",
        f"  spans overlap      {_figure(s.precision):9}  {_figure(s.recall):6}  {_figure(s.f1)}",
        f"  exact spans        {_figure(s.exact_precision):9}  {_figure(s.exact_recall):6}  "
        f"{_figure(s.exact_f1)}",
        "",
        "resolution           toponyms  acc@161km  exact id  AUC (lower is better)",
        f"  all gold           {s.gold_with_coordinates:8,}  {_figure(s.accuracy_161):9}  "
        f"{_figure(s.exact_id):8}  {_figure(s.auc)}",
        f"  recognised only    {s.matched_with_coordinates:8,}  {_figure(s.accuracy_161_matched):9}  "
        f"{_figure(s.exact_id_matched):8}  {_figure(s.auc_matched)}",
        f"error over the {s.resolved:,} resolved: mean {_figure(s.mean_km, 1)} km, "
        f"median {_figure(s.median_km, 1)} km",
    ]
    if s.worst:
        lines += ["", "largest errors", f"  {'km':>8}  {'article':10}  {'phrase':24}  {'gold id':>9}  "
                  f"{'predicted id':>12}  predicted name"]
        lines += [f"  {w['km']:8,.1f}  {w['doc_id']:10.10}  {w['phrase']:24.24}  {_cell(w['gold_id']):>9}  "
                  f"{_cell(w['predicted_id']):>12}  {_cell(w['predicted_name'])}" for w in s.worst]
    return "\n".join(lines)
