"""Score extraction on an ACLED export: each row's `notes` (a coder's one- or two-sentence
description) is read as an article, and its first event compared with the row: event_type and
sub_event_type, actor1, fatalities, and for rows ACLED places at the named town (geo_precision 1)
whether our place lies within 25 km of ACLED's coordinates.

The export is read where the user keeps it (for us, ../shared/eval/acled_2020); nothing of it is
stored or shipped (ACLED's terms)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.evaluate.labelled_csv import read_labelled_csv
from frontlines.evaluate.scores import (
    NONE_LABEL,
    accuracy,
    confusion,
    label_scores,
    weighted_f1,
)
from frontlines.extract.actors import ACLED_PERIOD, country_code
from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many
from frontlines.geo.resolve import haversine_km

REQUIRED = ("notes", "event_type", "sub_event_type")


@dataclass(frozen=True, slots=True)
class AcledReport:
    rows: int
    event_type_accuracy: float
    sub_event_type_accuracy: float
    sub_event_type_weighted_f1: float
    per_sub_event_type: list[dict[str, Any]]
    event_type_confusion: dict[str, dict[str, int]]
    worst: list[dict[str, str]]
    actor1_accuracy: float
    fatalities_exact: float
    fatalities_rows: int
    place_within_25km: float  # of the rows ACLED places at the named town (geo_precision 1)
    place_rows: int
    # The groups ACLED codes as associated actors (assoc_actor_1 and _2 together), micro-averaged
    # over the names: {"precision", "recall", "f1", "gold", "predicted"}.
    associated_actors: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "event_type_accuracy": round(self.event_type_accuracy, 4),
            "sub_event_type_accuracy": round(self.sub_event_type_accuracy, 4),
            "sub_event_type_weighted_f1": round(self.sub_event_type_weighted_f1, 4),
            "actor1_accuracy": round(self.actor1_accuracy, 4),
            "fatalities_exact": round(self.fatalities_exact, 4),
            "fatalities_rows": self.fatalities_rows,
            "place_within_25km": round(self.place_within_25km, 4),
            "place_rows": self.place_rows,
            "associated_actors": self.associated_actors,
            "per_sub_event_type": self.per_sub_event_type,
            "event_type_confusion": self.event_type_confusion,
            "worst": self.worst,
        }


_NEAR_KM = 25.0  # the measure: the event's place within 25 km of ACLED's coordinates


def evaluate_acled_notes(path: Path, worst: int = 15,
                         resources: ExtractResources | None = None) -> AcledReport:
    rows = read_labelled_csv(path, REQUIRED, "an ACLED export")
    actor_hits = toll_hits = toll_rows = place_hits = place_rows = 0
    resources = resources or ExtractResources.load()
    gold_types, gold_subs, predicted_types, predicted_subs = [], [], [], []
    misses: list[dict[str, str]] = []
    associates = _SetScore()
    # A note is one event, told first; the row's country is given, as a user who knows which
    # country a feed covers would give it.
    extracted = extract_many([ExtractInput(row["notes"], country=country_code(row.get("country")))
                              for row in rows], resources)
    for row, mentions in zip(rows, extracted, strict=True):
        first = mentions[0] if mentions else None
        predicted_type = first.event_type if first else NONE_LABEL
        predicted_sub = first.sub_event_type if first else NONE_LABEL
        actor = first.actor1 if first else None
        gold_actor = ACLED_PERIOD.sub("", row.get("actor1", ""))
        # An older export may name an actor as ACLED no longer does ("Supreme Political Council").
        gold_actor = resources.catalogue.renamed.get(gold_actor, gold_actor)
        actor_hits += actor is not None and actor == gold_actor
        # A toll split between several events is a share, not what the note reports: left out.
        if "split" not in row["notes"].lower() and row.get("fatalities", "").strip().isdigit():
            toll_rows += 1
            toll_hits += (first.fatalities if first else 0) == int(row["fatalities"])
        for name in ("assoc_actor_1", "assoc_actor_2"):
            associates.add(_names(row.get(name)), _names(getattr(first, name) if first else None))
        gold_point = _point(row)
        if gold_point is not None and row.get("geo_precision", "").strip() == "1":
            place_rows += 1
            place_hits += first is not None and first.latitude is not None and \
                first.longitude is not None and \
                haversine_km(first.latitude, first.longitude, *gold_point) <= _NEAR_KM
        gold_types.append(row["event_type"])
        gold_subs.append(row["sub_event_type"])
        predicted_types.append(predicted_type)
        predicted_subs.append(predicted_sub)
        if predicted_type != row["event_type"]:
            misses.append({"notes": row["notes"], "gold": row["sub_event_type"],
                           "predicted": predicted_sub,
                           "trigger": first.evidence[0].text if first else ""})
    scores = label_scores(gold_subs, predicted_subs)
    # The worst examples: misses of the most frequent confusions first, then by position.
    pair_counts: dict[tuple[str, str], int] = {}
    for miss in misses:
        key = (miss["gold"], miss["predicted"])
        pair_counts[key] = pair_counts.get(key, 0) + 1
    misses.sort(key=lambda m: -pair_counts[(m["gold"], m["predicted"])])
    shown, seen_pairs = [], set()
    for miss in misses:  # one example per confusion, most frequent first
        key = (miss["gold"], miss["predicted"])
        if key not in seen_pairs:
            seen_pairs.add(key)
            shown.append(miss)
        if len(shown) == worst:
            break
    return AcledReport(
        rows=len(rows),
        event_type_accuracy=accuracy(gold_types, predicted_types),
        sub_event_type_accuracy=accuracy(gold_subs, predicted_subs),
        sub_event_type_weighted_f1=weighted_f1(scores),
        per_sub_event_type=[
            {"label": s.label, "precision": round(s.precision, 3), "recall": round(s.recall, 3),
             "f1": round(s.f1, 3), "support": s.support}
            for s in scores
        ],
        event_type_confusion=confusion(gold_types, predicted_types),
        worst=shown,
        actor1_accuracy=actor_hits / len(rows) if rows else 0.0,
        fatalities_exact=toll_hits / toll_rows if toll_rows else 0.0,
        fatalities_rows=toll_rows,
        place_within_25km=place_hits / place_rows if place_rows else 0.0,
        place_rows=place_rows,
        associated_actors=associates.scores(),
    )


def _names(value: str | None) -> set[str]:
    """The actors of an ACLED cell ("A; B"), without their period suffix."""
    return {ACLED_PERIOD.sub("", name.strip()) for name in (value or "").split(";")
            if name.strip()}


@dataclass(slots=True)
class _SetScore:
    gold: int = 0
    predicted: int = 0
    right: int = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.right += len(gold & predicted)

    def scores(self) -> dict[str, float]:
        precision = self.right / self.predicted if self.predicted else 0.0
        recall = self.right / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "gold": self.gold, "predicted": self.predicted}


def _point(row: dict[str, str]) -> tuple[float, float] | None:
    try:
        return float(row["latitude"]), float(row["longitude"])
    except (KeyError, ValueError):
        return None
