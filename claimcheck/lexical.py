"""The lexical channel of the candidate stage: claims that share rare content words, names,
places or numbers are paired even when the embedder ranks them far apart.

On one news story nearly every claim is "similar" to the e5 embedder (cosines 0.85-0.94), so
the two claims that disagree about one place or one number are often 15th-20th neighbours.
Words are a sharper signal there: a BM25 index over each claim's content terms (normalised
Arabic with one clitic prefix and a few suffixes stripped, lower-cased English, numbers as
digits, function words dropped) scores every stored claim against each new one, and the best
few become candidates. Rare shared terms weigh most (inverse document frequency over the
store), so "2500" or "عين الأسد" brings two claims together while "القوات" alone does not.

The index is a sparse matrix, so scoring a claim costs time in the claims that share one of
its terms, not in all n claims; the caller caps how many pairs each claim gets.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from claimcheck.text.arabic import normalize, strip_prefixes

_FUNCTION_WORDS_FILE = Path(__file__).with_name("words") / "function_words.txt"
# Suffixes of number, gender and attached pronouns, longest first: "قواته", "قوات", "القوات"
# should all index as one stem. At least three letters are always kept.
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ات", "ون", "ين", "ان", "يه", "ه", "ي")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")

K1, B = 1.2, 0.75  # the usual BM25 constants


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    words = [line.strip() for line in _FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()]
    out = set()
    for w in words:
        if w and not w.startswith("#"):
            n = normalize(w).lower()
            out.update({n, strip_prefixes(n)})
    return frozenset(out)


def _stem(word: str) -> str:
    word = strip_prefixes(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The content terms of a claim, in order (repeats kept, for term frequency)."""
    stop = function_words()
    out = []
    for token in _TOKEN.findall(normalize(text).lower()):
        if token[0].isdigit():
            out.append(re.sub(r"[.,](?=\d{3}\b)", "", token))  # "2,500" and "2500" are one number
            continue
        if len(token) < 2 or token in stop or strip_prefixes(token) in stop or (
                token[0] in "وف" and token[1:] in stop):  # "وتم", "فقد": a conjunction on a short function word
            continue
        stem = _stem(token)
        if stem not in stop and len(stem) >= 2:
            out.append(stem)
    return out


class LexicalIndex:
    """BM25 over the content terms of a fixed list of claim texts (row i = texts[i])."""

    def __init__(self, texts: list[str]):
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        lengths = np.zeros(len(texts), dtype=np.float32)
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            found = terms(text)
            lengths[i] = len(found)
            for t in found:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(c)
        self.vocab = vocab
        n = len(texts)
        tf = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(n, len(vocab)))
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab)).astype(np.float32)
        self.idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        tf = tf.tocoo()
        norm = K1 * (1 - B + B * lengths[tf.row] / avg)
        weight = tf.data * (K1 + 1) / (tf.data + norm) * self.idf[tf.col]
        self.doc = sparse.csr_matrix((weight, (tf.row, tf.col)), shape=tf.shape)
        self.has = sparse.csr_matrix((np.ones_like(tf.data), (tf.row, tf.col)), shape=tf.shape)

    def scores(self, rows: list[int]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """BM25 of each claim in `rows` (as the query) against every claim, and the number of
        distinct content terms each pair shares; both sparse (len(rows) x n)."""
        query = self.has[rows]
        return query @ self.doc.T, query @ self.has.T
