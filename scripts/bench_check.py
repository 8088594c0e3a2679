#!/usr/bin/env python
"""How long `claimcheck check` takes, and how its work grows with the corpus.

1. Cold run on the seeds: `claimcheck check seeds/` in a fresh store (models already
   converted), as a subprocess; wall time and peak RSS of that process.
2. Growth on synthetic corpora of 1k / 5k / 20k claims: time of the candidate stage and the
   number of NLI calls it asks for (two per pair, one each way), with the NLI time those calls
   cost at the measured pairs/s. Claims are clustered unit vectors (topics) with speakers, so
   the neighbour search sees a realistic mix of near and far claims, and each carries a real
   news sentence from claimcheck's written pairs, so the cheap rule that admits farther
   neighbours (`contrast_neighbours`) reads real text at its real cost. The lexical channel
   (claimcheck/lexical.py) is timed apart: building its BM25 index over all claims once, and
   the candidate stage with and without it, as seconds and milliseconds per claim, with the
   pairs it adds (each costs two NLI calls). The opposite-state search (`opposite_neighbours`)
   is on in both runs.

    python scripts/bench_check.py [--sizes 1000 5000 20000] [--nli-pairs-per-s X]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from claimcheck.config import load_settings  # noqa: E402
from claimcheck.judge import claim_state, signals_clash  # noqa: E402
from claimcheck.lexical import LexicalIndex  # noqa: E402
from claimcheck.pairs import candidate_pairs  # noqa: E402
from claimcheck.records import Claim  # noqa: E402


def cold_seeds() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(REPO / "seeds"), "--db",
                               str(Path(tmp) / "bench.db"), "--format", "json", "--quiet"],
                              capture_output=True, text=True, cwd=tmp)
        wall = time.perf_counter() - t0
    flags = len(json.loads(done.stdout)["contradictions"]) if done.returncode == 0 else None
    return {"exit_code": done.returncode, "wall_s": round(wall, 1), "flags": flags,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def news_sentences() -> list[str]:
    texts: set[str] = set()
    for path in sorted((REPO / "scripts" / "data").glob("ar_news_nli_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.update((row["premise"], row["hypothesis"]))
    return sorted(texts)


def synthetic(n: int, dim: int = 384, seed: int = 0) -> tuple[list[str], np.ndarray, dict[str, Claim]]:
    rng = np.random.default_rng(seed)
    sentences = news_sentences()
    topics = rng.normal(size=(max(n // 25, 1), dim))
    topic = rng.integers(0, len(topics), size=n)
    vecs = topics[topic] + rng.normal(scale=0.45, size=(n, dim))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"art{i // 10}:{i}-{i + 1}" for i in range(n)]
    claims = {cid: Claim(id=cid, article_id=f"art{i // 10}", text=sentences[rng.integers(len(sentences))],
                         kind="reported", start=i, end=i + 1,
                         sentence="", speaker_mention=None, speaker_id=f"spk{rng.integers(0, max(n // 10, 1))}",
                         date=f"2021-12-{1 + i % 28:02d}")
              for i, cid in enumerate(ids)}
    return ids, vecs.astype(np.float32), claims


def growth(sizes: list[int], pairs_per_s: float | None) -> list[dict]:
    settings = load_settings()
    rows = []
    for n in sizes:
        ids, vecs, claims = synthetic(n)
        t0 = time.perf_counter()
        states = {cid: state for cid in ids if (state := claim_state(claims[cid])) is not None}
        states_s = time.perf_counter() - t0

        def without_lexical():
            return candidate_pairs(ids, ids, vecs, claims, settings.neighbours, settings.min_similarity,
                                   settings.same_speaker_similarity, wide_k=settings.contrast_neighbours,
                                   admit=signals_clash, states=states, opposite_k=settings.opposite_neighbours,
                                   article_k=settings.article_neighbours)

        without_lexical()  # warm the signals' caches, so both timed runs below find them warm
        t0 = time.perf_counter()
        plain = without_lexical()
        plain_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = LexicalIndex([claims[cid].text for cid in ids])
        index_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = candidate_pairs(ids, ids, vecs, claims, settings.neighbours, settings.min_similarity,
                                settings.same_speaker_similarity, wide_k=settings.contrast_neighbours,
                                admit=signals_clash, lexical=index, lexical_k=settings.lexical_neighbours,
                                lexical_min_shared=settings.lexical_min_shared, states=states,
                                opposite_k=settings.opposite_neighbours, article_k=settings.article_neighbours)
        seconds = time.perf_counter() - t0
        row = {"claims": n, "candidate_pairs": len(found), "nli_calls": 2 * len(found),
               "admitted_by_signals": sum(c.origin == "contrast" for c in found),
               "added_by_lexical": sum(c.origin == "lexical" for c in found),
               "added_by_article": sum(c.origin == "article" for c in found),
               "candidate_pairs_without_lexical": len(plain),
               "pairs_per_claim": round(len(found) / n, 2), "all_pairs_would_be": n * (n - 1) // 2,
               "claim_states_s": round(states_s, 2),
               "candidate_stage_without_lexical_s": round(plain_s, 2),
               "lexical_index_build_s": round(index_s, 2),
               "candidate_stage_s": round(seconds, 2),
               "lexical_ms_per_claim": round(1000 * (seconds - plain_s + index_s) / n, 3)}
        if pairs_per_s:
            row["nli_time_s_at_measured_rate"] = round(2 * len(found) / pairs_per_s)
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--nli-pairs-per-s", type=float, default=None,
                    help="NLI rate from scripts/bench_models.py, to turn calls into time")
    ap.add_argument("--skip-seeds", action="store_true")
    args = ap.parse_args()
    report = {"cpu_count": os.cpu_count()}
    if not args.skip_seeds:
        report["cold_check_seeds"] = cold_seeds()
    report["growth"] = growth(args.sizes, args.nli_pairs_per_s)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
