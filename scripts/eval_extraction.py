"""Score claim extraction and speaker attribution against the gold annotation.

    python scripts/eval_extraction.py [--gold tests/data/gold_claims.jsonl] [--json] [--verbose]
    python scripts/eval_extraction.py --fragments ../shared/seeds/gold_pairs.jsonl --folder seeds

Runs read -> extract -> resolve speakers on every file the gold names (paths relative to
the repository root) and prints claim precision/recall/F1 and speaker accuracy.

With --fragments (a file of statement pairs: a_file/a_fragment/a_speaker, b_...), runs on the
whole --folder instead and prints, per distinct fragment, whether a claim covers at least half
of it and whether that claim's speaker is the gold one (a story's pair gold, `a`/`b` with no speaker,
scores recall only: --fragments tests/data/stories/dam_water.gold.jsonl --folder
tests/data/stories/dam_water); then every claim of the folder whose
speaker reads as a phrase rather than a person, office or organisation.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.evaluation.extraction import (  # noqa: E402
    load_fragments, load_gold, looks_like_non_speaker, run_extraction, score, score_fragments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "tests/data/gold_claims.jsonl"))
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    parser.add_argument("--fragments", help="a gold file of statement pairs (a_fragment/a_speaker, ...)")
    parser.add_argument("--folder", default="seeds", help="the folder the pairs' files are in")
    args = parser.parse_args(argv)
    if args.fragments:
        return _fragments(args)

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


def _fragments(args) -> int:
    fragments = load_fragments(args.fragments, args.folder)
    files = sorted({f.file for f in fragments} | {str(Path(args.folder) / p.name)
                                                   for p in (ROOT / args.folder).glob("*.txt")})
    articles, claims, speakers = run_extraction(files, ROOT)
    result = score_fragments(fragments, articles, claims, speakers)
    names = {sid: s.name for sid, s in speakers.items()}
    odd = [{"file": file, "speaker": c.speaker_mention, "claim": c.text[:80]}
           for file, cs in claims.items() for c in cs
           # the speaker a reader sees is the resolved name ("بيان للجيش" is the army's); the
           # mention as written counts only where nothing resolved it
           if looks_like_non_speaker(names.get(c.speaker_id) or c.speaker_mention)]
    result["non_speakers"] = odd
    result["claims"] = sum(len(cs) for cs in claims.values())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"fragments {result['found']}/{result['fragments']} found  "
          f"speaker {result['speaker_correct']}/{result['speaker_judged']} = {result['speaker_accuracy']:.3f}  "
          f"({result['claims']} claims in {len(files)} files)")
    for status in ("missed", "wrong speaker", "not in file"):
        rows = [r for r in result["rows"] if r["status"] == status]
        print(f"\n{status} ({len(rows)}):")
        for r in rows:
            got = f"  -> {r.get('predicted')!r} [{r.get('mention')!r}]" if status == "wrong speaker" else ""
            print(f"  {Path(r['file']).name[:3]} {r['gold']} | {r['fragment'][:70]}{got}")
    print(f"\nnon-speaker speakers ({len(odd)}):")
    for r in odd:
        print(f"  {Path(r['file']).name[:3]} {r['speaker']!r} | {r['claim']}")
    if args.verbose:
        print("\nall claims:")
        for file, cs in claims.items():
            for c in cs:
                print(f"  {Path(file).name[:3]}:{c.start}-{c.end} [{names.get(c.speaker_id)} / {c.speaker_mention}] {c.text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
