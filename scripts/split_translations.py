#!/usr/bin/env python
"""Split claimcheck's Arabic translations of MultiNLI pairs into train / dev / test, by pair.

Each translated pair carries `source` ("mnli:<line>"); a pair goes to test when the sha1 of its
source ends in 0 (mod 10), to dev when 1, else to train. The rule looks at nothing but the
source, so adding new translation files never moves an existing pair to another split, and
the test split (tests/data/ar_mnli_test.jsonl) is never seen in training or selection.

    python scripts/split_translations.py NEW_FILE.jsonl [...]   # merged into the three files
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPLITS = {"train": REPO / "scripts" / "data" / "ar_mnli_train.jsonl",
          "dev": REPO / "scripts" / "data" / "ar_mnli_dev.jsonl",
          "test": REPO / "tests" / "data" / "ar_mnli_test.jsonl"}
LABELS = {"entailment", "neutral", "contradiction"}
# Pairs about the seeds' domain are left out, so the seed pairs stay a fair test
# (tests/test_written_data.py holds every data file to this same pattern).
SEED_DOMAIN = re.compile(r"العراق|عراقي|جندي|جنود|\bIraq|\btroops?\b|\bsoldiers?\b", re.IGNORECASE)


def split_of(source: str) -> str:
    bucket = int(hashlib.sha1(source.encode()).hexdigest(), 16) % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def read(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in LABELS or not row.get("premise") or not row.get("hypothesis") \
                or not str(row.get("source", "")).startswith("mnli:"):
            raise SystemExit(f"{path}:{n}: needs premise, hypothesis, a 3-way label and source mnli:<line>")
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="+")
    args = ap.parse_args()
    by_source = {row["source"]: row for path in SPLITS.values() for row in read(path)}
    added = 0
    for path in args.files:
        for row in read(path):
            added += row["source"] not in by_source
            by_source.setdefault(row["source"], row)  # a pair already split keeps its text
    out = {name: [] for name in SPLITS}
    dropped = 0
    for source in sorted(by_source, key=lambda s: int(s.split(":")[1])):
        row = by_source[source]
        if SEED_DOMAIN.search(row["premise"]) or SEED_DOMAIN.search(row["hypothesis"]):
            dropped += 1
            continue
        out[split_of(source)].append(row)
    for name, path in SPLITS.items():
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out[name]), encoding="utf-8")
    print(f"{added} new pair(s), {dropped} about the seeds' domain left out; " + ", ".join(f"{name} {len(rows)}" for name, rows in out.items()))


if __name__ == "__main__":
    main()
