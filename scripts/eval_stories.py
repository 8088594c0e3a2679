#!/usr/bin/env python
"""How the judge does on whole stories it was never tuned on.

Each story under tests/data/stories/ is a folder of articles on one developing news story,
with `<story>.gold.jsonl` beside it listing every pair of statements that cannot both be
true (`a`, `b`: exact substrings of the articles). For each story this runs the pipeline
(library API, a temporary store) and prints the same figures as eval_seeds.py: how many gold
pairs had both statements extracted, were candidate pairs (and by which channel), were
flagged and sit in the top 20; the top-ten precision (strict: a flag the gold does not list
counts as wrong, even when a reader might accept it); the top flags, marked with the gold pair
they match; and a one-line JSON summary per story.

    python scripts/eval_stories.py [--stories tests/data/stories] [--top 20] [--json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from gold_eval import REPO, print_result, read_gold, score, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=Path, default=REPO / "tests" / "data" / "stories")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = []
    for gold_file in sorted(args.stories.glob("*.gold.jsonl")):
        folder = args.stories / gold_file.name.removesuffix(".gold.jsonl")
        gold = read_gold(gold_file)
        result = score(folder, gold, args.top)
        results.append(result)
        if not args.json:
            print_result(result, gold, args.top, canonical=False)
            print(f"  top-ten precision (gold pairs): {result['top10_gold_contradictions']}/{min(10, result['flags'])}")
            print(json.dumps(summary(result, args.top), ensure_ascii=False))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
