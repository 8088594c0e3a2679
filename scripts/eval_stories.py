#!/usr/bin/env python
"""How `claimcheck check` does on whole stories it was never tuned on.

Each story under tests/data/stories/ is a folder of articles on one developing news story,
with `<story>.gold.jsonl` beside it listing every pair of statements that cannot both be
true (`a`, `b`: exact substrings of the articles). For each story this runs a fresh
`claimcheck check` and prints:

- how many gold pairs had both statements extracted, were candidate pairs, were flagged;
- how many of the top ten flags, and of all flags, are gold pairs (strict: a flag the gold
  does not list counts as wrong, even when a reader might accept it);
- the top flags, marked with the gold pair they match.

    python scripts/eval_stories.py [--stories tests/data/stories] [--show 10] [-- extra check options]
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _covers(claim_text: str, gold_text: str) -> bool:
    """A claim matches a gold statement when one contains the other (extraction may cut a
    statement a little longer or shorter than the annotator did)."""
    return gold_text in claim_text or (len(claim_text) > 15 and claim_text in gold_text)


def _gold_index(gold: list[dict], text_a: str, text_b: str) -> int | None:
    for i, g in enumerate(gold):
        if (_covers(text_a, g["a"]) and _covers(text_b, g["b"])) or (_covers(text_a, g["b"]) and _covers(text_b, g["a"])):
            return i
    return None


def score_story(folder: Path, gold: list[dict], extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "story.db"
        done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(folder), "--db", str(db),
                               "--format", "json", "--quiet", *extra], capture_output=True, text=True, cwd=tmp)
        if done.returncode != 0:
            raise SystemExit(f"{folder}: claimcheck check failed:\n{done.stderr}")
        flags = json.loads(done.stdout)["contradictions"]
        with sqlite3.connect(db) as con:
            texts = dict(con.execute("SELECT id, text FROM claims"))
            pairs = con.execute("SELECT a, b FROM pairs").fetchall()
    extracted = [g for g in gold if any(_covers(t, g["a"]) for t in texts.values())
                 and any(_covers(t, g["b"]) for t in texts.values())]
    candidates = {_gold_index(gold, texts[a], texts[b]) for a, b in pairs} - {None}
    matched = [_gold_index(gold, f["a"]["text"], f["b"]["text"]) for f in flags]
    top = matched[:10]
    return {"story": folder.name, "claims": len(texts), "candidate_pairs": len(pairs), "flags": len(flags),
            "gold_pairs": len(gold), "gold_extracted": len(extracted), "gold_candidates": len(candidates),
            "gold_flagged": len(set(matched) - {None}),
            "top10_gold": sum(m is not None for m in top), "top10": len(top),
            "all_flags_gold": sum(m is not None for m in matched),
            "top_flags": [{"rank": k + 1, "score": f["score"], "kind": f["kind"], "gold": m,
                           "a": f["a"]["text"], "b": f["b"]["text"]} for k, (f, m) in enumerate(zip(flags, matched))]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=Path, default=REPO / "tests" / "data" / "stories")
    ap.add_argument("--show", type=int, default=10, help="top flags to list per story")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("extra", nargs="*", help="options passed on to claimcheck check (after --)")
    args = ap.parse_args()
    results = []
    for gold_file in sorted(args.stories.glob("*.gold.jsonl")):
        folder = args.stories / gold_file.name.removesuffix(".gold.jsonl")
        gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        results.append(score_story(folder, gold, args.extra))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for r in results:
        print(f"{r['story']}: {r['claims']} claims, {r['candidate_pairs']} candidate pairs, {r['flags']} flags")
        print(f"  gold pairs {r['gold_pairs']}: both sides extracted {r['gold_extracted']}, "
              f"candidates {r['gold_candidates']}, flagged {r['gold_flagged']}")
        print(f"  top ten that are gold pairs: {r['top10_gold']}/{r['top10']}; "
              f"all flags: {r['all_flags_gold']}/{r['flags']}")
        for f in r["top_flags"][:args.show]:
            mark = f"gold #{f['gold'] + 1}" if f["gold"] is not None else "-"
            print(f"  {f['rank']:3} {f['score']:.2f} {f['kind'][:3]} {mark:8} {f['a'][:55]} || {f['b'][:55]}")


if __name__ == "__main__":
    main()
