"""Classification scores shared by the evaluations: per-label precision/recall/F1, support-weighted
F1, and a confusion matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

NONE_LABEL = "(none)"


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


def label_scores(gold: Sequence[str], predicted: Sequence[str]) -> list[LabelScore]:
    """Scores for every gold label (a prediction of no event counts against recall)."""
    pairs = list(zip(gold, predicted, strict=True))
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        true_positive = sum(1 for g, p in pairs if g == label and p == label)
        predicted_count = sum(1 for _, p in pairs if p == label)
        support = sum(1 for g, _ in pairs if g == label)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(LabelScore(label, precision, recall, f1, support))
    return scores


def weighted_f1(scores: Sequence[LabelScore]) -> float:
    total = sum(s.support for s in scores)
    return sum(s.f1 * s.support for s in scores) / total if total else 0.0


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    counts = Counter(zip(gold, predicted, strict=True))
    matrix: dict[str, dict[str, int]] = {}
    for (g, p), n in sorted(counts.items()):
        matrix.setdefault(g, {})[p] = n
    return matrix
