#!/usr/bin/env python
"""Calibrate the contradiction score of an NLI model on labelled pairs.

Runs the model both ways on every pair, then fits a logistic curve
P(contradiction) = sigmoid(sum_f w_f * f + b) over the chosen features of judge.FEATURES (by
default only the weaker direction's contradiction log-odds; `--directions` adds one weight per
direction), class-balanced unless `--prior` keeps the pairs' own share of contradictions. Writes
calibration.json beside the model (where claimcheck's catalogue finds it) and prints
precision/recall of "flagged" at 0.5, in sample and on any --report files (held-out pairs the
fit never sees).

Pairs come from labelled files (`--pairs`: ANS CSV, JSONL, TSV; with ANS first, "different
story" neutrals built from it are added, see scripts/nli_data.py) and from real articles
(`--real FOLDER GOLD complete|partial`): the claim pairs the pipeline itself makes of FOLDER,
labelled by a gold file in scripts/gold_eval.py's format. The shipped calibration:

    python scripts/calibrate.py --pairs --prior \
        --real seeds ../shared/seeds/gold_pairs.jsonl partial \
        --real tests/data/stories/port_strike tests/data/stories/port_strike.gold.jsonl complete \
        --real tests/data/stories/dam_water tests/data/stories/dam_water.gold.jsonl complete

To check it is not fitted to one set, fit without it and measure on it with eval_seeds.py /
eval_stories.py (the model card gives both directions).
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
from claimcheck.judge import FEATURES, Calibration, logit, pair_features  # noqa: E402
from claimcheck.signals import attitude_signal, continuation_signal, numeric_signal  # noqa: E402
from nli_data import story_neutrals  # noqa: E402


# Few features, each earning its place on real-text pairs (see the model card): only the weaker
# direction's contradiction did, when fitted on one real set and measured on another.
DEFAULT_FEATURES = ("contradiction_min",)


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 200, l2: float = 1e-3, balanced: bool = True) -> np.ndarray:
    """Newton's method on (class-balanced, unless told otherwise) log loss; returns [weights..., bias]."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    weight = (np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9)) if balanced
              else np.ones(len(y)))
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
    """Per pair: P(contradiction) a->b and b->a, then one column per judge.FEATURES entry."""
    fwd = model.predict([(p.premise, p.hypothesis) for p in pairs], batch_size)
    bwd = model.predict([(p.hypothesis, p.premise) for p in pairs], batch_size)
    rows = []
    for p, f, b in zip(pairs, fwd, bwd):
        ab, ba = dict(zip(catalogue.LABELS, map(float, f))), dict(zip(catalogue.LABELS, map(float, b)))
        values = pair_features(ab, ba, p.premise, p.hypothesis, attitude_signal(p.premise, p.hypothesis),
                               continuation_signal(p.premise, p.hypothesis), numeric_signal(p.premise, p.hypothesis))
        rows.append([ab["contradiction"], ba["contradiction"]] + [values.get(name, 0.0) for name in FEATURES])
    return np.asarray(rows, dtype=float).reshape(len(pairs), 2 + len(FEATURES))


def _values(row: np.ndarray) -> dict[str, float]:
    return dict(zip(FEATURES, row[2:]))


def real_pairs(folder: Path, gold_file: Path, complete: bool) -> list[LabelledPair]:
    """Claim pairs of a folder of real (or realistic) articles with hand-read gold pairs, as the
    pipeline sees them: every candidate pair and every pair of claims a gold pair maps to. Gold
    contradictions are 1, gold-compatible pairs 0, borderline ones left out; other candidate
    pairs are 0 only when the gold lists every contradiction (`complete`), else left out."""
    from gold_eval import map_fragments, read_gold, run_pipeline  # the pipeline, only when asked for
    from claimcheck.judge import position
    from claimcheck.pairs import pair_id
    import tempfile
    gold = read_gold(gold_file)
    with tempfile.TemporaryDirectory() as tmp:
        settings, store = run_pipeline(folder, Path(tmp) / "calibrate.db")
        claims = {c.id: c for c in store.claims()}
        mapped = map_fragments(store, folder, gold)
        label: dict[tuple[str, str], str | None] = {}
        for a, b in store.db.execute("SELECT a, b FROM judgements WHERE run=? AND current=1", (store.run().id,)):
            label[(a, b)] = "compatible" if complete else None
        for g in gold:
            for a in mapped[(g.a_file, g.a_text)]:
                for b in mapped[(g.b_file, g.b_text)]:
                    if a != b:
                        _, first, second = pair_id(claims[a], claims[b])
                        old = label.get((first.id, second.id))
                        label[(first.id, second.id)] = "contradiction" if g.contradiction or old == "contradiction" \
                            else g.label if g.label in ("compatible", "borderline") and old != "contradiction" else old
        store.close()
    return [LabelledPair(position(claims[a]), position(claims[b]), "contradiction" if y == "contradiction" else "neutral",
                         folder.name) for (a, b), y in label.items() if y in ("contradiction", "compatible")]


def flagged_scores(cal: Calibration, x: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> dict:
    flagged = np.array([cal.score(row[0], row[1], _values(row)) for row in x]) >= threshold
    tp = int((flagged & (y == 1)).sum())
    prf = precision_recall_f1(tp, int(flagged.sum()) - tp, int(y.sum()) - tp)
    return {"pairs": len(y), "contradictions": int(y.sum()), "flagged": int(flagged.sum()), **prf.rounded()}


def is_contradiction(pairs: list[LabelledPair]) -> np.ndarray:
    return np.array([p.label == "contradiction" for p in pairs], dtype=float)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, nargs="*", default=[Path("../shared/data/ans/dev.csv")])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--story-neutrals", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--report", type=Path, nargs="*", default=[],
                    help="held-out labelled files: print flag precision/recall/F1 on each (not fitted on)")
    ap.add_argument("--real", nargs=3, action="append", default=[], metavar=("FOLDER", "GOLD", "complete|partial"),
                    help="also fit on the claim pairs the pipeline makes of FOLDER, labelled by GOLD (gold_eval "
                         "format); 'complete' when GOLD lists every contradiction (other pairs are then negatives)")
    ap.add_argument("--features", nargs="*", default=list(DEFAULT_FEATURES),
                    help=f"which of {', '.join(FEATURES)} to fit (the others get no weight)")
    ap.add_argument("--prior", action="store_true",
                    help="keep the pairs' own share of contradictions instead of balancing the classes: with "
                         "real claim pairs (few contradict) the score then reads as a real-world probability")
    ap.add_argument("--directions", action="store_true",
                    help="also fit a weight for each direction's contradiction probability")
    args = ap.parse_args()
    unknown = set(args.features) - set(FEATURES)
    if unknown:
        sys.exit(f"unknown features: {', '.join(sorted(unknown))}")

    settings = load_settings()
    out = args.out or catalogue.calibration_path(settings)
    if out is None:
        sys.exit("the configured NLI model has no place for a calibration file; pass --out")
    per_file = [list(read_labelled(path)) for path in args.pairs]
    pairs = [pair for labelled in per_file for pair in labelled]
    # Story neutrals come from the first file (ANS dev by default), whose premises are headlines.
    if per_file and args.story_neutrals:
        triples = [(p.premise, p.hypothesis, p.label) for p in per_file[0]]
        pairs += [LabelledPair(p, h, y, "story-neutral")
                  for p, h, y in story_neutrals(triples, random.Random(args.seed), args.story_neutrals)]
    for folder, gold, complete in args.real:
        pairs += real_pairs(Path(folder), Path(gold), complete == "complete")
    model = catalogue.nli(settings)
    x, y = features(model, pairs, settings.batch_size), is_contradiction(pairs)
    chosen = [2 + FEATURES.index(name) for name in args.features]
    columns = ([logit(x[:, :2])] if args.directions else []) + [x[:, chosen]]
    fitted = fit_logistic(np.hstack(columns), y, l2=1e-2, balanced=not args.prior)
    w_ab, w_ba = (float(fitted[0]), float(fitted[1])) if args.directions else (0.0, 0.0)
    w_features, bias = fitted[(2 if args.directions else 0):-1], fitted[-1]
    fitted_on = " + ".join([path.name for path in args.pairs] + ([f"{args.story_neutrals} story neutrals"] if per_file else [])
                           + [f"{Path(folder).name} ({complete} gold)" for folder, _, complete in args.real])
    cal = Calibration(w_ab, w_ba, float(bias), fitted_on=fitted_on,
                      weights={name: float(w) for name, w in zip(args.features, w_features)})
    summary = {"weight_ab": cal.weight_ab, "weight_ba": cal.weight_ba, "weights": cal.weights,
               "bias": cal.bias, "fitted_on": cal.fitted_on, "pairs": len(pairs),
               "story_neutrals": args.story_neutrals if per_file else 0, "contradictions": int(y.sum()),
               "class_balanced": not args.prior, "features": list(args.features),
               "real_pairs": {name: sum(p.source == name for p in pairs) for name in {Path(f).name for f, _, _ in args.real}},
               "pairs_with_feature": {name: int((x[:, 2 + i] != 0).sum()) for i, name in enumerate(FEATURES)},
               "contradictions_with_feature": {name: int((x[y == 1, 2 + i] != 0).sum())
                                               for i, name in enumerate(FEATURES)},
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
