"""Score claim extraction and speaker attribution against the gold annotation.

    python scripts/eval_extraction.py [--gold tests/data/gold_claims.jsonl] [--json] [--verbose]

Runs read -> extract -> resolve speakers on every file the gold names (paths relative to
the repository root) and prints claim precision/recall/F1 and speaker accuracy.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.evaluation.extraction import load_gold, run_extraction, score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "tests/data/gold_claims.jsonl"))
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    articles, claims, speakers = run_extraction(list(dict.fromkeys(g.file for g in gold)), ROOT)
    result = score(gold, articles, claims, speakers)
    if args.json:
        if not args.verbose:
            result = {k: v for k, v in result.items() if k not in ("misses", "false_positives", "wrong_speakers")}
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    c, s = result["claims"], result["speaker"]
    print(f"claims   gold {c['gold']}  predicted {c['predicted']}  matched {c['matched']}")
    print(f"         precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}")
    print(f"kind     accuracy {result['kind_accuracy']:.3f} (matched claims)")
    print(f"speaker  accuracy {s['accuracy']:.3f}  lenient {s['lenient_accuracy']:.3f} "
          f"({s['correct']}/{s['matched']} matched claims)")
    if args.verbose:
        for title, key in (("missed", "misses"), ("false positives", "false_positives"),
                           ("wrong speaker", "wrong_speakers")):
            print(f"\n{title} ({len(result[key])}):")
            for row in result[key]:
                print("  " + json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
