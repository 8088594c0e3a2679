#!/usr/bin/env python
"""How the judge does on the five real seed articles, against hand-read gold pairs.

Runs the pipeline (library API, a temporary store) on seeds/, maps each gold fragment of
../shared/seeds/gold_pairs.jsonl (10 contradictions, 22 borderline, 27 compatible; each side a
verbatim fragment of its file) to the extracted claims that overlap it, and prints:

- candidate recall of the gold contradictions, with the channel(s) that made each a pair;
- the rank of the canonical pair (the gold file's first line);
- gold contradictions and gold-compatible pairs in the top 20 flags;
- the number of flags, and the top 20 with both texts, speakers and gold label if any;
- a one-line JSON summary (the last line), or everything as JSON with --json.

    python scripts/eval_seeds.py [--gold ../shared/seeds/gold_pairs.jsonl] [--seeds seeds] [--top 20]
                                 [--keep-db seeds.db] [--json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from gold_eval import REPO, print_result, read_gold, score, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds")
    ap.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "seeds" / "gold_pairs.jsonl")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--keep-db", type=Path, default=None, help="keep the store here for inspection")
    ap.add_argument("--json", action="store_true", help="print every figure and the top flags as JSON")
    # Gates for CI: any figure past its bound exits 1 with a one-line reason.
    ap.add_argument("--max-canonical-rank", type=int, default=None, help="fail unless the canonical pair ranks here or higher")
    ap.add_argument("--max-flags", type=int, default=None, help="fail when there are more flags")
    ap.add_argument("--min-in-top", type=int, default=None, help="fail with fewer gold contradictions in the top --top")
    ap.add_argument("--max-compatible-in-top", type=int, default=None,
                    help="fail with more gold-compatible pairs in the top --top")
    args = ap.parse_args()
    if not args.gold.is_file():
        raise SystemExit(f"no gold pairs at {args.gold} (pass --gold)")
    gold = read_gold(args.gold)
    result = score(args.seeds, gold, args.top, args.keep_db)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_result(result, gold, args.top)
        print(json.dumps(summary(result, args.top), ensure_ascii=False))
    failed = gate_failures(result, args)
    if failed:
        raise SystemExit("seed gate failed: " + "; ".join(failed))


def gate_failures(r: dict, args) -> list[str]:
    top, out = args.top, []
    rank = r["canonical_rank"]
    if args.max_canonical_rank is not None and (rank is None or rank > args.max_canonical_rank):
        out.append(f"canonical pair at rank {rank} (must be <= {args.max_canonical_rank})")
    if args.max_flags is not None and r["flags"] > args.max_flags:
        out.append(f"{r['flags']} flags (must be <= {args.max_flags})")
    if args.min_in_top is not None and r[f"contradictions_in_top{top}"] < args.min_in_top:
        out.append(f"{r[f'contradictions_in_top{top}']} gold contradictions in the top {top} (must be >= {args.min_in_top})")
    if args.max_compatible_in_top is not None and r[f"compatible_in_top{top}"] > args.max_compatible_in_top:
        out.append(f"{r[f'compatible_in_top{top}']} gold-compatible pairs in the top {top} "
                   f"(must be <= {args.max_compatible_in_top})")
    return out


if __name__ == "__main__":
    main()
