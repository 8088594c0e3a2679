#!/usr/bin/env python
"""Speed and faithfulness of each precision path against PyTorch fp32, in one run, on the
real seed articles.

Workload (real claim lengths): every claim claimcheck extracts from seeds/ (embedder), and the
NLI inputs of the seeds' candidate pairs exactly as the judge builds them, both directions
(cross-encoder). Candidate pairs come from the fp32 embeddings, as a fp32 check would judge.

Paths, run interleaved round after round so the machine's load hits them alike:
  before  fp32, batches in arrival order: the code before length bucketing (the NLI batches as
          sentence-transformers' CrossEncoder.predict made them; the embedder through
          SentenceTransformer.encode, which already sorted by length)
  fp32    PyTorch fp32, length-bucketed, each text tokenised once (the reference for accuracy)
  onnx, int8, bf16   see claimcheck/models/precision.py

Reported per path: sentences/s and pairs/s (median over rounds, the NLI timed on a fixed random
sample of --nli-sample of the judge's inputs) and their ratio to `before` and `fp32` in the same
round; embedder min cosine vs fp32 and how many candidate pairs change; NLI max |probability
difference| and argmax agreement vs fp32 on that sample. For --score-paths, the judge's
calibrated scores on all the seeds' candidate pairs: max |score difference|, top-20 order
unchanged, Spearman rank correlation (one more full pass each, also timed).

With --check N, warm `claimcheck check seeds/` runs N times per precision (fresh store each,
interleaved, under /usr/bin/time -v): wall time and peak RSS, and whether the top 20 flags match.
--before-repo PATH adds the same check from another checkout (e.g. the main branch).
--eval FILE runs `claimcheck eval FILE --precision P` for each --check-precisions and compares the figures.

    python scripts/bench_models.py [--paths fp32 onnx int8 bf16] [--rounds 2] [--nli-sample 256]
                                   [--score-paths fp32 onnx] [--check 2] [--check-precisions fp32 onnx]
                                   [--before-repo ../../main] [--eval ../shared/data/ans/dev.csv] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from claimcheck import pipeline  # noqa: E402
from claimcheck.config import load_settings  # noqa: E402
from claimcheck.judge import judge_pairs, signals_clash  # noqa: E402
from claimcheck.models import catalogue  # noqa: E402
from claimcheck.pairs import candidate_pairs  # noqa: E402
from claimcheck.store import Store  # noqa: E402

TOP = 20


def seed_workload(settings, seeds: Path):
    """Claims of the seeds and the judge's inputs for their candidate pairs (fp32 embeddings)."""
    recorded: list = []
    context: dict = {}

    def record(batch, claims, speakers, predict, settings_, calibration):
        recorded.extend(batch)
        context.update(claims=claims, speakers=speakers, calibration=calibration)
        return []

    real_judge, pipeline.judge_pairs = pipeline.judge_pairs, record
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.db", must_exist=False)
            pipeline.check([str(seeds)], settings, store)
            ids, vectors = store.embeddings(settings.embedder)
            store.close()
    finally:
        pipeline.judge_pairs = real_judge
    inputs: list = []

    def capture(pairs):
        inputs.extend(pairs)
        return np.full((len(pairs), 3), 1 / 3, dtype=np.float32)

    judge_pairs(recorded, context["claims"], context["speakers"], capture, settings, context["calibration"])
    return recorded, context, inputs, ids


def before_nli(model):
    """The NLI as it ran before: batches in arrival order, each tokenised by the tokenizer call."""
    import torch

    tokenizer, module = model.encoder.tokenizer, model.module

    def predict(pairs, batch_size=32):
        out = []
        for i in range(0, len(pairs), batch_size):
            chunk = pairs[i:i + batch_size]
            enc = tokenizer([a for a, _ in chunk], [b for _, b in chunk], padding=True, truncation="longest_first",
                            max_length=model.encoder.max_length, return_tensors="pt")
            with torch.inference_mode():
                out.append(module(**enc).logits.float().numpy())
        logits = np.concatenate(out)[:, model._columns]
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(axis=1, keepdims=True)
    return predict


def before_embedder(model):
    def encode(texts, batch_size=32):
        return model.module.encode(list(texts), batch_size=batch_size, prompt=model.prompt, normalize_embeddings=True,
                                   convert_to_numpy=True, show_progress_bar=False).astype(np.float32)
    return encode


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def timed(fn, items, batch_size):
    t0 = time.perf_counter()
    out = fn(items, batch_size)
    return len(items) / (time.perf_counter() - t0), out


def loads() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def check_runs(precisions: list[str], runs: int, before_repo: Path | None, threads: int) -> dict:
    """Warm `claimcheck check seeds/`, interleaved: wall seconds, peak RSS, flags and the top 20."""
    variants = [(p, REPO, p) for p in precisions]
    if before_repo is not None:
        variants.insert(0, ("before-repo", before_repo.resolve(), None))
    results: dict = {name: [] for name, _, _ in variants}
    tops: dict = {}
    for name, repo, precision in variants:  # untimed: convert and export first, so every timed run is warm
        subprocess.run([sys.executable, "-m", "claimcheck", "models", "--prepare"], capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(repo), "CLAIMCHECK_PRECISION": precision or "fp32"})
    for _ in range(runs):
        for name, repo, precision in variants:
            with tempfile.TemporaryDirectory() as tmp:
                cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "claimcheck", "check", str(REPO / "seeds"),
                       "--db", str(Path(tmp) / "c.db"), "-f", "json", "-q"]
                if precision:
                    cmd += ["--precision", precision]
                if threads:
                    cmd += ["--threads", str(threads)]
                env = {**os.environ, "PYTHONPATH": str(repo)}
                t0 = time.perf_counter()
                done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, env=env)
                wall = time.perf_counter() - t0
            rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
            flags = None
            if done.returncode in (0, 1) and done.stdout.strip():  # 1: some input failed, the rest was judged
                report = json.loads(done.stdout)["contradictions"]
                flags = len(report)
                tops[name] = [(f["a"]["text"], f["b"]["text"], f["score"]) for f in report[:TOP]]
            else:
                print(f"check {name} failed: {done.stderr[-800:]}", file=sys.stderr)
            input_errors = [line for line in done.stderr.splitlines() if "claimcheck: error:" in line]
            results[name].append({"wall_s": round(wall, 1), "peak_rss_mib": int(rss.group(1)) // 1024 if rss else None,
                                  "flags": flags, "exit": done.returncode, "input_errors": input_errors[:3],
                                  "load": loads()})
            print(f"  check {name}: {results[name][-1]}", file=sys.stderr, flush=True)
    reference = "fp32" if "fp32" in tops else next(iter(tops), None)
    summary = {}
    for name, rows in results.items():
        walls = [r["wall_s"] for r in rows]
        entry = {"runs": rows, "median_wall_s": statistics.median(walls),
                 "max_peak_rss_mib": max((r["peak_rss_mib"] or 0) for r in rows)}
        if reference and name in tops:
            ref_top, top = tops[reference], tops[name]
            entry["top20_same_pairs_in_order"] = [t[:2] for t in top] == [t[:2] for t in ref_top]
            entry["top20_max_score_diff"] = round(max(abs(a[2] - b[2]) for a, b in zip(top, ref_top)), 4) \
                if len(top) == len(ref_top) else None
        summary[name] = entry
    for name, entry in summary.items():
        for base in ("before-repo", "fp32"):
            if base in summary and base != name:
                ratios = [b["wall_s"] / r["wall_s"] for b, r in zip(results[base], results[name])]
                entry[f"speedup_vs_{base}"] = round(statistics.median(ratios), 2)
    return summary


def eval_runs(path: Path, precisions: list[str], threads: int) -> dict:
    """`claimcheck eval` per precision: every figure, and the largest difference from the first."""
    figures = {}
    for precision in precisions:
        cmd = [sys.executable, "-m", "claimcheck", "eval", str(path.resolve()), "-f", "json", "--precision", precision]
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        if done.returncode != 0:
            print(f"eval {precision} failed: {done.stderr[-800:]}", file=sys.stderr)
            continue
        figures[precision] = {"wall_s": round(time.perf_counter() - t0, 1), "result": json.loads(done.stdout)}
        print(f"  eval {precision}: {figures[precision]['wall_s']} s", file=sys.stderr, flush=True)

    def numbers(obj, prefix=""):
        if isinstance(obj, dict):
            for k, v in obj.items():
                yield from numbers(v, f"{prefix}/{k}")
        elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
            yield prefix, float(obj)

    if len(figures) > 1:
        first, *rest = figures
        base = dict(numbers(figures[first]["result"]))
        for name in rest:
            other = dict(numbers(figures[name]["result"]))
            diffs = {k: abs(other[k] - v) for k, v in base.items() if k in other and "support" not in k
                     and "confusion" not in k}
            worst = max(diffs, key=diffs.get)
            figures[name]["max_figure_diff_vs_" + first] = {"figure": worst, "diff": round(diffs[worst], 4)}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paths", nargs="+", default=["fp32", "onnx", "int8", "bf16"])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds")
    ap.add_argument("--nli-sample", type=int, default=256, help="NLI inputs timed per round (0: all)")
    ap.add_argument("--score-paths", nargs="+", default=["fp32", "onnx"],
                    help="paths whose scores are compared on all candidate pairs")
    ap.add_argument("--eval", type=Path, default=None, help="labelled pairs for `claimcheck eval` per precision")
    ap.add_argument("--check", type=int, default=0, help="warm `check seeds/` runs per precision (0: none)")
    ap.add_argument("--check-precisions", nargs="+", default=["fp32", "onnx"])
    ap.add_argument("--before-repo", type=Path, default=None, help="also time `check` from this checkout")
    ap.add_argument("--no-paths", action="store_true", help="only the --eval and --check runs")
    ap.add_argument("--json", type=Path, default=None, help="write every figure here too")
    args = ap.parse_args()
    paths = ["fp32"] + [p for p in args.paths if p != "fp32"]
    settings = load_settings(threads=args.threads or None, precision="fp32")
    result: dict = {"threads": settings.torch_threads, "load_at_start": loads(), "cpus": os.cpu_count()}
    if not args.no_paths:
        compare_paths(args, paths, settings, result)
    if args.eval:
        result["eval"] = eval_runs(args.eval, args.check_precisions, args.threads)
        save(result, args.json)
    if args.check:
        result["check_seeds"] = check_runs(args.check_precisions, args.check, args.before_repo, args.threads)
    result["load_at_end"] = loads()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    save(result, args.json)


def compare_paths(args, paths: list[str], settings, result: dict) -> None:
    """The in-process table: every path on the same texts and pairs, interleaved."""
    candidates, context, nli_inputs, ids = seed_workload(settings, args.seeds)
    claims = context["claims"]
    texts = [claims[i].text for i in ids]
    embedders = {p: catalogue._load_embedder(settings.embedder, settings.cache_dir, settings.torch_threads, p)
                 for p in paths}
    nlis = {p: catalogue._load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, p) for p in paths}
    tok = embedders["fp32"].encoder
    result["workload"] = {
        "sentences": len(texts), "mean_sentence_tokens": round(float(np.mean([len(r["input_ids"]) for r in
                                                                                tok.texts(["query: " + t for t in texts])])), 1),
        "candidate_pairs": len(candidates), "nli_calls": len(nli_inputs),
        "mean_pair_tokens": round(float(np.mean([len(r["input_ids"]) for r in nlis["fp32"].encoder.pairs(nli_inputs)])), 1)}
    print(json.dumps(result["workload"]), file=sys.stderr, flush=True)

    embed_fns = {"before": before_embedder(embedders["fp32"]), **{p: embedders[p].encode for p in paths}}
    nli_fns = {"before": before_nli(nlis["fp32"]), **{p: nlis[p].predict for p in paths}}
    rates: dict = {"embed": {p: [] for p in embed_fns}, "nli": {p: [] for p in nli_fns}}
    outputs: dict = {"embed": {}, "nli": {}}
    sample = nli_inputs
    if 0 < args.nli_sample < len(nli_inputs):
        pick = np.random.default_rng(0).choice(len(nli_inputs), size=args.nli_sample, replace=False)
        sample = [nli_inputs[i] for i in sorted(pick)]
    result["workload"]["nli_timed_sample"] = len(sample)
    for fns, items, kind in ((embed_fns, texts, "embed"), (nli_fns, sample, "nli")):
        for name, fn in fns.items():
            fn(items[:8], args.batch_size)  # warm-up: first-call allocations
        for r in range(args.rounds):
            for name, fn in fns.items():
                rate, out = timed(fn, items, args.batch_size)
                rates[kind][name].append(rate)
                outputs[kind].setdefault(name, out)
                print(f"  round {r} {kind} {name}: {rate:.1f}/s (load {loads()})", file=sys.stderr, flush=True)

    full: dict = {}
    for name in ["fp32"] + [p for p in args.score_paths if p in paths and p != "fp32"]:
        rate, full[name] = timed(nli_fns[name], nli_inputs, args.batch_size)
        rates["nli_all"] = {**rates.get("nli_all", {}), name: round(rate, 1)}
        print(f"  all {len(nli_inputs)} NLI inputs {name}: {rate:.1f}/s (load {loads()})", file=sys.stderr, flush=True)
    result["nli_pairs_per_s_on_all_candidate_inputs"] = rates["nli_all"]
    ref_vecs, ref_probs = outputs["embed"]["fp32"], outputs["nli"]["fp32"]
    ref_pairs = {c.id for c in candidate_pairs(ids, ids, ref_vecs, claims, settings.neighbours, settings.min_similarity,
                                               settings.same_speaker_similarity, wide_k=settings.contrast_neighbours,
                                               admit=signals_clash)}

    def scores(probs):
        flags = judge_pairs(candidates, claims, context["speakers"], lambda pairs: probs, settings,
                            context["calibration"])
        return np.array([f.score for f in flags]), [f.id for f in flags]

    ref_scores, flag_ids = scores(full["fp32"])
    ref_top = [flag_ids[i] for i in np.argsort(-ref_scores, kind="stable")[:TOP]]
    table = {}
    for name in ["before"] + paths:
        e_rates, n_rates = rates["embed"][name], rates["nli"][name]
        row = {"embed_sentences_per_s": round(statistics.median(e_rates), 1),
               "nli_pairs_per_s": round(statistics.median(n_rates), 1),
               "embed_x_vs_before": round(statistics.median([a / b for a, b in zip(e_rates, rates["embed"]["before"])]), 2),
               "nli_x_vs_before": round(statistics.median([a / b for a, b in zip(n_rates, rates["nli"]["before"])]), 2),
               "embed_x_vs_fp32": round(statistics.median([a / b for a, b in zip(e_rates, rates["embed"]["fp32"])]), 2),
               "nli_x_vs_fp32": round(statistics.median([a / b for a, b in zip(n_rates, rates["nli"]["fp32"])]), 2)}
        vecs, probs = outputs["embed"][name], outputs["nli"][name]
        row["embed_min_cosine_vs_fp32"] = round(float((vecs * ref_vecs).sum(axis=1).min()), 5)
        found = {c.id for c in candidate_pairs(ids, ids, vecs, claims, settings.neighbours, settings.min_similarity,
                                               settings.same_speaker_similarity, wide_k=settings.contrast_neighbours,
                                               admit=signals_clash)}
        row["candidate_pairs_changed"] = len(found ^ ref_pairs)
        row["nli_max_prob_diff"] = round(float(np.abs(probs - ref_probs).max()), 5)
        row["nli_argmax_agreement"] = round(float((probs.argmax(1) == ref_probs.argmax(1)).mean()), 4)
        if name in full:
            s, _ = scores(full[name])
            top = [flag_ids[i] for i in np.argsort(-s, kind="stable")[:TOP]]
            row["score_max_diff"] = round(float(np.abs(s - ref_scores).max()), 4)
            row["top20_order_unchanged"] = top == ref_top
            row["top20_overlap"] = len(set(top) & set(ref_top))
            row["score_spearman"] = round(spearman(s, ref_scores), 5)
        table[name] = row
    result["paths"] = table
    save(result, args.json)


def save(result: dict, path: Path | None) -> None:
    """Figures so far (a long run that is stopped keeps what it measured)."""
    if path is not None:
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
