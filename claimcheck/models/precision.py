"""How the models run: the precision setting, tokenising once, length-bucketed batches, and
ONNX Runtime sessions exported from any Hugging Face model.

Every path shares one tokenisation and one batching loop; only the forward call differs:
  fp32  PyTorch, float32 weights: the reference
  onnx  ONNX Runtime, float32: the same numbers (to ~1e-5) from fused CPU kernels
  int8  ONNX Runtime with int8 weights and dynamically quantised int8 activations (VNNI)
  bf16  PyTorch with bfloat16 weights
The ONNX files are exported on first use into the cache, keyed by the model's content digest.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Callable

import numpy as np

from claimcheck.config import PRECISIONS
from claimcheck.models import ModelError
ONNX_PRECISIONS = ("onnx", "int8")
EXPORT_VERSION = 3      # part of the cache folder name: bump when the export changes
MODEL_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
EXPORT_TOLERANCE = 1e-3  # an exported graph must reproduce PyTorch's outputs this closely

Batch = dict[str, np.ndarray]
Forward = Callable[[Batch], np.ndarray]


def check_precision(value: str) -> str:
    if value not in PRECISIONS:
        raise ModelError(f"unknown precision {value!r}: choose one of {', '.join(PRECISIONS)}")
    return value


def note(message: str) -> None:
    """One line on stderr: what claimcheck chose instead of what was asked."""
    print(f"claimcheck: note: {message}", file=sys.stderr)


class TextEncoder:
    """Token ids of texts and text pairs. Each distinct text is tokenised once, so a pair and
    its reverse (the judge asks both directions) cost no second tokenisation."""

    def __init__(self, tokenizer, max_length: int, names: list[str] | None = None, pad_id: int | None = None):
        """tokenizer: a transformers tokenizer, or the tokenizers.Tokenizer an ONNX folder holds
        (then names and pad_id come from its meta.json, and transformers is never imported)."""
        from tokenizers import Tokenizer

        self.max_length = max_length
        if isinstance(tokenizer, Tokenizer):
            self.tokenizer, backend = None, tokenizer
            self.names, self.pad_id = list(names or ["input_ids", "attention_mask"]), pad_id or 0
        else:
            self.tokenizer, backend = tokenizer, getattr(tokenizer, "backend_tokenizer", None)
            known = getattr(tokenizer, "model_input_names", None) or ["input_ids", "attention_mask"]
            self.names = [n for n in MODEL_INPUTS if n in known]
            self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self._fast = None
        if backend is not None:
            self._fast = Tokenizer.from_str(backend.to_str())  # a private copy: its settings are ours
            self._fast.no_padding()
            self._fast.enable_truncation(max_length, strategy="longest_first")

    def _row(self, enc) -> dict[str, list[int]]:
        row = {"input_ids": enc.ids, "attention_mask": enc.attention_mask, "token_type_ids": enc.type_ids}
        return {n: row[n] for n in self.names}

    def texts(self, texts: list[str]) -> list[dict[str, list[int]]]:
        if self._fast is None:
            done = self.tokenizer(list(texts), truncation=True, max_length=self.max_length)
            return [{n: done[n][i] for n in self.names} for i in range(len(texts))]
        return [self._row(e) for e in self._fast.encode_batch(list(texts))]

    def pairs(self, pairs: list[tuple[str, str]]) -> list[dict[str, list[int]]]:
        if self._fast is None:
            done = self.tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation=True,
                                  max_length=self.max_length)
            return [{n: done[n][i] for n in self.names} for i in range(len(pairs))]
        distinct = list(dict.fromkeys(t for pair in pairs for t in pair))
        pieces = dict(zip(distinct, self._fast.encode_batch(distinct, add_special_tokens=False)))
        return [self._row(self._fast.post_process(pieces[a], pieces[b])) for a, b in pairs]


def pad(rows: list[dict[str, list[int]]], names: list[str], pad_id: int) -> Batch:
    width = max(len(r["input_ids"]) for r in rows)
    batch = {}
    for name in names:
        fill = pad_id if name == "input_ids" else 0
        arr = np.full((len(rows), width), fill, dtype=np.int64)
        for i, r in enumerate(rows):
            arr[i, :len(r[name])] = r[name]
        batch[name] = arr
    return batch


TOKENS_PER_ROW = 64  # a batch holds at most batch_size x this many tokens: long rows go in smaller batches


def run_bucketed(rows: list[dict[str, list[int]]], forward: Forward, batch_size: int, names: list[str],
                 pad_id: int) -> np.ndarray:
    """forward() over batches of similar token length (short rows never pay for a long one's
    padding, and long rows come fewer at a time, which bounds the memory one batch needs); the
    results come back in input order."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["input_ids"]))
    budget = max(batch_size, 1) * TOKENS_PER_ROW
    out = None
    start = 0
    while start < len(order):
        end = start + 1
        while (end < len(order) and end - start < batch_size
               and (end - start + 1) * len(rows[order[end]]["input_ids"]) <= budget):
            end += 1
        idx = order[start:end]
        result = np.asarray(forward(pad([rows[i] for i in idx], names, pad_id)), dtype=np.float32)
        if out is None:
            out = np.empty((len(rows),) + result.shape[1:], dtype=np.float32)
        out[idx] = result
        start = end
    return out


def torch_forward(module_call: Callable, dtype=None) -> Forward:
    """A PyTorch model as a forward(): int64 arrays in, float32 array out."""
    import torch

    def forward(batch: Batch) -> np.ndarray:
        with torch.inference_mode():
            out = module_call({k: torch.from_numpy(v) for k, v in batch.items()})
        return out.float().numpy()
    return forward


def onnx_forward(session) -> Forward:
    names = [i.name for i in session.get_inputs()]
    return lambda batch: session.run(None, {n: batch[n] for n in names})[0]


def onnx_session(path: Path, threads: int):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # Idle workers sleep instead of spinning: on shared cores spinning takes time from the
    # other worker (measured ~13% slower on 2 busy cores).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _exportable(module, module_call: Callable, names: list[str]):
    """module_call behind the positional signature torch.onnx.export traces; the model is a
    submodule, so its weights are exported as weights, not as traced constants."""
    import torch

    class Wrapper(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = module

        def forward(self, *tensors):
            return module_call(dict(zip(names, tensors)))
    return Wrapper().eval()


def _with_external_weights(source: Path, target: Path) -> None:
    """Weights in a file beside the graph: ONNX Runtime maps such a file instead of copying it,
    so only the pages a run touches are in memory (most of the 250k-row vocabulary never is)."""
    import onnx

    graph = onnx.load(str(source))
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    onnx.save(graph, str(partial), save_as_external_data=True, all_tensors_to_one_file=True,
              location=target.name + ".data", size_threshold=1024)
    os.chmod(target.with_name(target.name + ".data"), 0o644)
    os.replace(partial, target)  # the graph last: a graph on disk always has its weights beside it
    source.unlink()


def load_onnx_encoder(folder: Path, meta: dict) -> TextEncoder:
    from tokenizers import Tokenizer

    return TextEncoder(Tokenizer.from_file(str(folder / "tokenizer.json")), meta["max_length"], meta["names"],
                       meta["pad_id"])


def export_onnx(target: Path, module, module_call: Callable, encoder: TextEncoder, sample: list[dict[str, list[int]]],
                meta: dict, lock) -> Path:
    """Write target/model.onnx (float32) from a PyTorch model, check it reproduces the model's
    outputs, and save the tokenizer and `meta` beside it. Atomic: a folder appears complete or not at all."""
    import torch

    if (target / "meta.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with lock(target.parent / f".{target.name}.lock"):
        if (target / "meta.json").is_file():
            return target
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
        try:
            batch = pad(sample, encoder.names, encoder.pad_id)
            tensors = tuple(torch.from_numpy(batch[n]) for n in encoder.names)
            axes = {n: {0: "batch", 1: "tokens"} for n in encoder.names}
            with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # tracer notes about shapes: the export is checked below
                torch.onnx.export(_exportable(module, module_call, encoder.names), tensors, str(staging / "traced.onnx"),
                                  dynamo=False, input_names=encoder.names, output_names=["output"],
                                  dynamic_axes={**axes, "output": {0: "batch"}}, opset_version=17)
            _with_external_weights(staging / "traced.onnx", staging / "model.onnx")
            want = torch_forward(module_call)(batch)
            got = onnx_forward(onnx_session(staging / "model.onnx", 1))(batch)
            if got.shape != want.shape or float(np.abs(got - want).max()) > EXPORT_TOLERANCE:
                raise ModelError(f"the exported graph differs from PyTorch by {float(np.abs(got - want).max()):.2g}")
            if encoder._fast is None:
                raise ModelError("its tokenizer has no fast (Rust) version to save beside the export")
            encoder._fast.save(str(staging / "tokenizer.json"))
            (staging / "meta.json").write_text(json.dumps({**meta, "names": encoder.names, "pad_id": encoder.pad_id,
                                                           "max_length": encoder.max_length}, indent=2))
            os.chmod(staging, 0o755)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return target


def quantised(folder: Path, lock) -> Path:
    """folder/model.int8.onnx: int8 weights per output channel, activations quantised per batch."""
    path = folder / "model.int8.onnx"
    if path.is_file():
        return path
    with lock(folder.parent / f".{folder.name}.int8.lock"):
        if not path.is_file():
            from onnxruntime.quantization import QuantType, quantize_dynamic

            partial = folder / f".model.int8.{os.getpid()}.onnx"
            try:
                quantize_dynamic(str(folder / "model.onnx"), str(partial), weight_type=QuantType.QInt8,
                                 per_channel=True)
                _with_external_weights(partial, path)
            finally:
                partial.unlink(missing_ok=True)
    return path


def onnx_folder_name(name: str, digest: str) -> str:
    slug = "".join(c if c.isalnum() or c in "-._" else "-" for c in name)[-60:].strip("-.")
    return f"{slug}-{digest[:12]}-v{EXPORT_VERSION}"
