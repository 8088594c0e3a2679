"""The precision setting and the batching every precision shares (no real model is loaded here;
tests/test_models.py checks the real models under each precision)."""
import json
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.config import PRECISIONS, load_settings
from claimcheck.models import ModelError
from claimcheck.models.precision import TextEncoder, check_precision, run_bucketed
from tests.conftest import REPO
from tests.fakes import use_fakes


def rows_of(lengths):
    return [{"input_ids": [i + 1] * n, "attention_mask": [1] * n} for i, n in enumerate(lengths)]


def test_bucketed_batches_return_results_in_input_order():
    lengths = [7, 2, 30, 2, 15, 9, 1, 30, 4, 11]
    rows = rows_of(lengths)
    widths = []

    def forward(batch):
        widths.append(batch["input_ids"].shape[1])
        ids, mask = batch["input_ids"], batch["attention_mask"]
        # each row's answer: which row it was (its first id) and its true length
        return np.stack([ids[:, 0], mask.sum(axis=1)], axis=1).astype(np.float32)

    out = run_bucketed(rows, forward, batch_size=3, names=["input_ids", "attention_mask"], pad_id=0)
    assert out[:, 0].tolist() == list(range(1, len(rows) + 1))
    assert out[:, 1].tolist() == lengths
    # similar lengths share a batch: the padded width grows batch by batch and short rows never
    # wait on a 30-token one
    assert widths == sorted(widths) and widths[0] <= 2


def test_bucketing_pads_less_than_arrival_order():
    lengths = [40, 3, 38, 5, 41, 4, 39, 6]
    names = ["input_ids", "attention_mask"]
    padded = []
    run_bucketed(rows_of(lengths), lambda b: padded.append(b["input_ids"].size) or np.zeros((len(b["input_ids"]), 1)),
                 batch_size=4, names=names, pad_id=0)
    assert sum(padded) == 4 * 6 + 4 * 41  # arrival order would pad both batches to 40 and 41 tokens


def test_an_empty_input_gives_nothing_and_calls_nothing():
    assert run_bucketed([], lambda b: pytest.fail("called"), 4, ["input_ids"], 0) is None


def test_unknown_precision_is_a_clear_error(monkeypatch, tmp_path):
    with pytest.raises(ValueError, match="precision 'fp16' is not one of fp32, onnx, int8, bf16"):
        load_settings(precision="fp16")
    monkeypatch.setenv("CLAIMCHECK_PRECISION", "fast")
    with pytest.raises(ValueError, match="'fast'"):
        load_settings()
    monkeypatch.delenv("CLAIMCHECK_PRECISION")
    with pytest.raises(ModelError, match="unknown precision 'int4'"):
        check_precision("int4")
    (tmp_path / "a.txt").write_text("قال الوزير إن الاتفاق انتهى.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(tmp_path / "a.txt"), "--db",
                           str(tmp_path / "x.db"), "--precision", "fp16"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "precision 'fp16' is not one of fp32, onnx, int8, bf16" in " ".join(done.stderr.split())
    assert not (tmp_path / "x.db").exists()


def test_every_precision_is_accepted():
    for precision in PRECISIONS:
        assert load_settings(precision=precision).precision == precision == check_precision(precision)


def test_judgements_are_kept_apart_by_precision(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    monkeypatch.setenv("CLAIMCHECK_MIN_SIMILARITY", "0.2")
    monkeypatch.setenv("CLAIMCHECK_SAME_SPEAKER_SIMILARITY", "0.2")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.txt").write_text("قال المدير سالم أحمد إن الإضراب في الميناء انتهى.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("قال النقابي خالد عمر إن الإضراب لا يزال مستمراً في الميناء.\n", encoding="utf-8")
    db = str(tmp_path / "x.db")
    runs = []
    for precision in ("fp32", "onnx", "fp32"):
        done = CliRunner().invoke(app, ["check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db,
                                        "--precision", precision, "-f", "json", "-q"], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        runs.append(json.loads(done.stdout)["run"])
    assert [r["settings"]["precision"] for r in runs] == ["fp32", "onnx", "fp32"]
    assert runs[0]["id"] != runs[1]["id"] and runs[2]["id"] == runs[0]["id"]


def small_tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(["<pad>", "<s>", "</s>", "<unk>"] + "a b c d e f g h".split())}
    backend = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    backend.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", 1), ("</s>", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="<pad>", bos_token="<s>", eos_token="</s>",
                                   unk_token="<unk>")


def test_pairs_tokenised_once_match_the_tokenizer_own_pair_call():
    tokenizer = small_tokenizer()
    encoder = TextEncoder(tokenizer, max_length=12)
    long = " ".join("abcdefgh" * 2)
    pairs = [("a b c", "d e"), ("d e", "a b c"), (long, "a b"), ("a b", long), (long, long), ("a b c", "d e")]
    want = tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation=True, max_length=12)
    got = encoder.pairs(pairs)
    assert [r["input_ids"] for r in got] == want["input_ids"]
    assert [r["attention_mask"] for r in got] == want["attention_mask"]
    assert [r["input_ids"] for r in encoder.texts(["a b c", long])] == \
        tokenizer(["a b c", long], truncation=True, max_length=12)["input_ids"]


def test_an_onnx_folder_tokenises_as_the_model_tokenizer_without_transformers(tmp_path):
    from claimcheck.models.precision import load_onnx_encoder

    tokenizer = small_tokenizer()
    encoder = TextEncoder(tokenizer, max_length=12)
    encoder._fast.save(str(tmp_path / "tokenizer.json"))
    saved = load_onnx_encoder(tmp_path, {"max_length": 12, "names": encoder.names, "pad_id": encoder.pad_id})
    assert saved.tokenizer is None and saved.names == ["input_ids", "attention_mask"] and saved.pad_id == 0
    pairs = [("a b c", "d e"), (" ".join("abcdefgh" * 2), "a b")]
    assert saved.pairs(pairs) == encoder.pairs(pairs)
    assert saved.texts(["h g f", "a"]) == encoder.texts(["h g f", "a"])


def test_long_rows_come_in_smaller_batches_within_the_token_budget():
    from claimcheck.models.precision import TOKENS_PER_ROW

    lengths = [10] * 8 + [TOKENS_PER_ROW * 2] * 8
    sizes = []
    out = run_bucketed(rows_of(lengths), lambda b: sizes.append(b["input_ids"].shape) or b["input_ids"][:, :1],
                       batch_size=8, names=["input_ids", "attention_mask"], pad_id=0)
    assert out[:, 0].tolist() == list(range(1, 17))
    assert sizes[0] == (8, 10) and all(rows * width <= 8 * TOKENS_PER_ROW for rows, width in sizes)
    assert sum(rows for rows, _ in sizes) == 16
