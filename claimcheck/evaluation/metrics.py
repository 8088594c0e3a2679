"""Precision, recall and F1 from counts: the one place they are computed."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def rounded(self, digits: int = 4) -> dict[str, float]:
        return {"precision": round(self.precision, digits), "recall": round(self.recall, digits),
                "f1": round(self.f1, digits)}


def precision_recall_f1(true_positives: int, false_positives: int, false_negatives: int) -> PRF:
    """An empty denominator scores 0 (nothing predicted, or nothing to find), never a division error."""
    predicted = true_positives + false_positives
    actual = true_positives + false_negatives
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)
