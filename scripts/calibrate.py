#!/usr/bin/env python
"""Calibrate the contradiction score of an NLI model on labelled pairs (default: ANS dev).

Runs the model both ways on every pair, then fits a class-balanced logistic curve
P(contradiction) = sigmoid(w_ab * logit(c_ab) + w_ba * logit(c_ba) + sum_f w_f * [f present] + b),
over the yes/no signal features of judge.FEATURES (one side reports a wish, fear or demand; one
side says something ended and the other that it goes on; both say the same of it), so the
score means the same thing whatever the labelled set's prior was. Writes
calibration.json beside the model (where claimcheck's catalogue finds it) and prints
precision/recall of "flagged" at the default threshold 0.5, in sample and on any --report
files (held-out pairs the fit never sees).

Because ANS has almost no neutral pairs while most candidate pairs in a real corpus are
related but neutral, the calibration set adds "different story" neutrals built from the same
file (headlines of different stories sharing words; see scripts/nli_data.py).

    python scripts/calibrate.py [--pairs ../shared/data/ans/dev.csv [MORE ...]] [--story-neutrals 300]
                                [--report tests/data/written_pairs_test.jsonl [MORE ...]]

Several --pairs files are pooled (e.g. ANS dev plus claimcheck's written validation pairs,
which look like extracted claims rather than headlines).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimcheck.models import catalogue  # noqa: E402
from claimcheck.config import load_settings  # noqa: E402
from claimcheck.evaluation.labelled import LabelledPair, read_labelled  # noqa: E402
from claimcheck.evaluation.metrics import precision_recall_f1  # noqa: E402
from claimcheck.judge import FEATURES, Calibration, logit, signal_features  # noqa: E402
from claimcheck.signals import attitude_signal, continuation_signal  # noqa: E402
from nli_data import story_neutrals  # noqa: E402


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 200, l2: float = 1e-3) -> np.ndarray:
    """Newton's method on class-balanced log loss; returns [weights..., bias]."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    weight = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (weight * (p - y)) / len(y) + l2 * w
        hess = (xb * (weight * p * (1 - p))[:, None]).T @ xb / len(y) + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def features(model, pairs: list[LabelledPair], batch_size: int) -> np.ndarray:
    """Per pair: P(contradiction) a->b and b->a, then one 0/1 column per judge.FEATURES entry."""
    c = catalogue.LABELS.index("contradiction")
    fwd = model.predict([(p.premise, p.hypothesis) for p in pairs], batch_size)
    bwd = model.predict([(p.hypothesis, p.premise) for p in pairs], batch_size)
    present = [signal_features(attitude_signal(p.premise, p.hypothesis), continuation_signal(p.premise, p.hypothesis))
               for p in pairs]
    flags = np.array([[name in found for name in FEATURES] for found in present], dtype=float).reshape(len(pairs), -1)
    return np.hstack([fwd[:, [c]], bwd[:, [c]], flags])


def _present(row: np.ndarray) -> frozenset[str]:
    return frozenset(name for name, on in zip(FEATURES, row[2:]) if on)


def flagged_scores(cal: Calibration, x: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> dict:
    flagged = np.array([cal.score(row[0], row[1], _present(row)) for row in x]) >= threshold
    tp = int((flagged & (y == 1)).sum())
    prf = precision_recall_f1(tp, int(flagged.sum()) - tp, int(y.sum()) - tp)
    return {"pairs": len(y), "contradictions": int(y.sum()), "flagged": int(flagged.sum()), **prf.rounded()}


def is_contradiction(pairs: list[LabelledPair]) -> np.ndarray:
    return np.array([p.label == "contradiction" for p in pairs], dtype=float)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, nargs="+", default=[Path("../shared/data/ans/dev.csv")])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--story-neutrals", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--report", type=Path, nargs="*", default=[],
                    help="held-out labelled files: print flag precision/recall/F1 on each (not fitted on)")
    args = ap.parse_args()

    settings = load_settings()
    out = args.out or catalogue.calibration_path(settings)
    if out is None:
        sys.exit("the configured NLI model has no place for a calibration file; pass --out")
    per_file = [list(read_labelled(path)) for path in args.pairs]
    pairs = [pair for labelled in per_file for pair in labelled]
    # Story neutrals come from the first file (ANS dev by default), whose premises are headlines.
    triples = [(p.premise, p.hypothesis, p.label) for p in per_file[0]]
    pairs += [LabelledPair(p, h, y, "story-neutral")
              for p, h, y in story_neutrals(triples, random.Random(args.seed), args.story_neutrals)]
    model = catalogue.nli(settings)
    x, y = features(model, pairs, settings.batch_size), is_contradiction(pairs)
    w_ab, w_ba, *w_features, bias = fit_logistic(np.hstack([logit(x[:, :2]), x[:, 2:]]), y)
    fitted_on = " + ".join(path.name for path in args.pairs) + f" + {args.story_neutrals} story neutrals"
    cal = Calibration(float(w_ab), float(w_ba), float(bias), fitted_on=fitted_on,
                      weights={name: float(w) for name, w in zip(FEATURES, w_features)})
    summary = {"weight_ab": cal.weight_ab, "weight_ba": cal.weight_ba, "weights": cal.weights,
               "bias": cal.bias, "fitted_on": cal.fitted_on, "pairs": len(pairs),
               "story_neutrals": args.story_neutrals, "contradictions": int(y.sum()),
               "pairs_with_feature": {name: int(x[:, 2 + i].sum()) for i, name in enumerate(FEATURES)},
               "contradictions_with_feature": {name: int(x[y == 1, 2 + i].sum()) for i, name in enumerate(FEATURES)},
               "in_sample_at_threshold_0.5": flagged_scores(cal, x, y)}
    out.write_text(json.dumps(summary, indent=2) + "\n")
    if args.out is None and catalogue.builtin(settings.nli_model) is not None:
        from update_catalogue import update  # the catalogue holds the built-in calibration's digest

        update(settings.nli_model)
    print(json.dumps(summary, indent=2))
    for path in args.report:
        held_out = list(read_labelled(path))
        scores = flagged_scores(cal, features(model, held_out, settings.batch_size), is_contradiction(held_out))
        print(f"{path}: " + json.dumps(scores))


if __name__ == "__main__":
    main()
