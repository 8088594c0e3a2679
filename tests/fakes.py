"""Small deterministic stand-ins for the two models, for pipeline tests that check plumbing
(resumability, bad input, no repeated work) rather than model quality."""
from __future__ import annotations

import hashlib

import numpy as np

from claimcheck.models.catalogue import LABELS


class FakeEmbedder:
    name = "fake-embedder"
    dim = 64

    def encode(self, texts, batch_size=32):
        # Bag of hashed words: claims sharing words are neighbours, as with a real embedder.
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        out += 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class FakeNLI:
    """Calls it a contradiction when exactly one side carries a negation word."""

    name = "fake-nli"
    NEGATIONS = ("لا", "لم", "لن", "ليس", "not", "no", "never")

    def __init__(self):
        self.calls = 0

    def predict(self, pairs, batch_size=32):
        self.calls += len(pairs)
        rows = []
        for a, b in pairs:
            neg_a = any(w in self.NEGATIONS for w in a.split())
            neg_b = any(w in self.NEGATIONS for w in b.split())
            rows.append([0.05, 0.15, 0.8] if neg_a != neg_b else [0.6, 0.3, 0.1])
        return np.asarray(rows, dtype=np.float32)[:, [LABELS.index(l) for l in LABELS]]


def use_fakes(monkeypatch):
    from claimcheck.models import catalogue

    nli = FakeNLI()
    monkeypatch.setattr(catalogue, "embedder", lambda settings=None: FakeEmbedder())
    monkeypatch.setattr(catalogue, "nli", lambda settings=None: nli)
    monkeypatch.setattr(catalogue, "calibration_path", lambda settings: None)
    return nli
