"""Candidate pairs: the cheap first stage of the cascade, so the NLI model never sees n^2 pairs.

Each new claim is paired with its k nearest neighbours by embedding (across articles and
speakers) and with the same speaker's other claims on the topic, so a speaker changing
position is checked even when other claims sit closer. Pairs of one speaker inside one
article are skipped: an article restating its own source is not news.

Embedding similarity says "same topic", not "opposite claims", and on one story nearly every
claim is on the topic: the pair a fact-checker wants often ranks 10th-20th. So the next
neighbours, down to rank `wide_k`, are also taken when a cheap rule (`admit`, e.g. the
signals say one side ended what the other says goes on) already points at a clash; the NLI
model then sees a few more pairs, not k times more.

Words are the third channel (`lexical`, see lexical.py): the `lexical_k` claims that best
share a claim's rare content words, names, places and numbers (BM25, at least
`lexical_min_shared` distinct terms in common) are paired too, whatever their embedding rank.
The fourth channel (`article_k`) is the article itself: a report that quotes two sides is
where the two sides disagree ("the government says the forces left; but X says they are still
there"), yet on one story every claim sits at cosine 0.85-0.94 and the other side's reply is
often the 20th-70th neighbour store-wide. So each attributed claim is also paired with the
`article_k` claims of *other* speakers in its own article that are closest to it. An article
holds a bounded number of claims, so this too grows linearly with the store.

Every channel is capped per claim, so the pairs grow linearly with the store.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from claimcheck.lexical import LexicalIndex
from claimcheck.records import Candidate, Claim, pair_key

_FALLBACK_ORIGINS = ("contrast", "lexical", "article")  # channels beyond plain similarity
BLOCK_ROWS = 1024  # similarity rows computed at once: bounds memory at BLOCK_ROWS x n floats


def claim_order(claim: Claim) -> tuple:
    """Earlier statements first; claims without a date sort by id after dated ones."""
    return (claim.claim_date or claim.date or "9999", claim.article_id, claim.start)


def pair_id(a: Claim, b: Claim) -> tuple[str, Claim, Claim]:
    first, second = sorted((a, b), key=claim_order)
    return pair_key(first.id, second.id), first, second


def _skip(a: Claim, b: Claim) -> bool:
    if a.id == b.id:
        return True
    return a.article_id == b.article_id and a.speaker_id is not None and a.speaker_id == b.speaker_id


def candidate_pairs(query_ids: list[str], ids: list[str], vectors: np.ndarray, claims: dict[str, Claim],
                    k: int, min_similarity: float, same_speaker_floor: float | None = None,
                    same_speaker_k: int = 5, wide_k: int = 0,
                    admit: Callable[[Claim, Claim], bool] | None = None,
                    lexical: LexicalIndex | None = None, lexical_k: int = 0,
                    lexical_min_shared: int = 2, states: dict[str, str] | None = None,
                    opposite_k: int = 0, article_k: int = 0) -> list[Candidate]:
    """Candidates for the claims in `query_ids` against all stored claims (`ids`, `vectors`).

    Vectors are L2-normalised, so the dot product is the cosine similarity. Neighbours ranked
    below k but within `wide_k` are kept only when `admit(claim, neighbour)` says so.
    `lexical`, when given, indexes the texts of `ids` in the same order. `states` maps a claim
    id to what it says of its topic (e.g. "ends" / "goes on"); the `opposite_k` nearest claims
    saying a different state, at any embedding rank, are kept when `admit` agrees. The
    `article_k` nearest claims of other speakers in the same article are kept when both
    claims have a speaker (an unattributed sentence is not a side).
    """
    if not query_ids or len(ids) < 2:
        return []
    floor = min_similarity if same_speaker_floor is None else same_speaker_floor
    row_of = {cid: i for i, cid in enumerate(ids)}
    by_speaker: dict[str, np.ndarray] = {}
    for cid in ids:
        spk = claims[cid].speaker_id
        if spk:
            by_speaker.setdefault(spk, []).append(row_of[cid])  # type: ignore[arg-type]
    by_speaker = {s: np.asarray(rows) for s, rows in by_speaker.items()}
    by_article: dict[str, list[int]] = {}
    if article_k > 0:
        for cid in ids:
            if claims[cid].speaker_id:
                by_article.setdefault(claims[cid].article_id, []).append(row_of[cid])
    article_rows = {art: np.asarray(rows) for art, rows in by_article.items()}

    found: dict[str, Candidate] = {}
    by_state: dict[str, np.ndarray] = {}
    if states and opposite_k > 0 and admit is not None:
        for state in set(states.values()):
            by_state[state] = np.asarray([row_of[c] for c, s in states.items() if s == state and c in row_of])

    def add(a: Claim, b: Claim, sim: float, origin: str) -> None:
        if _skip(a, b):
            return
        pid, first, second = pair_id(a, b)
        if pid not in found or (found[pid].origin in _FALLBACK_ORIGINS and origin not in _FALLBACK_ORIGINS):
            # plain similarity is the better-known origin
            found[pid] = Candidate(first.id, second.id, round(float(sim), 4), origin)  # type: ignore[arg-type]

    queries = [q for q in query_ids if q in row_of]
    for start in range(0, len(queries), BLOCK_ROWS):
        block = queries[start:start + BLOCK_ROWS]
        sims = vectors[[row_of[q] for q in block]] @ vectors.T
        if lexical is not None and lexical_k > 0:
            bm25, shared = lexical.scores([row_of[q] for q in block])
            bm25, shared = bm25.tocsr(), shared.tocsr()
        for qi, qid in enumerate(block):
            row = sims[qi]
            row[row_of[qid]] = -1.0
            take = min(max(k, wide_k if admit else 0), len(ids) - 1)
            top = np.argpartition(-row, take - 1)[:take] if take > 0 else []
            a = claims[qid]
            for rank, j in enumerate(sorted(top, key=lambda j: -row[j])):
                if row[j] < min_similarity:
                    break
                if rank < k:
                    add(a, claims[ids[j]], row[j], "neighbours")
                elif admit(a, claims[ids[j]]):  # type: ignore[misc]
                    add(a, claims[ids[j]], row[j], "contrast")
            rows = by_speaker.get(a.speaker_id or "")
            if rows is not None and len(rows) > 1:
                best = rows[np.argsort(-row[rows])][:same_speaker_k + 1]
                for j in best:
                    if row[j] >= floor:
                        add(a, claims[ids[j]], row[j], "same_speaker")
            mine = (states or {}).get(qid)
            if mine is not None and by_state:
                others = np.concatenate([rows for state, rows in by_state.items() if state != mine] or [np.zeros(0, int)])
                if len(others):
                    nearest = others[np.argsort(-row[others], kind="stable")][:opposite_k]
                    for j in nearest:
                        if row[j] >= min_similarity and admit(a, claims[ids[j]]):  # type: ignore[misc]
                            add(a, claims[ids[j]], row[j], "contrast")
            rows = article_rows.get(a.article_id) if a.speaker_id else None
            if rows is not None:
                others = rows[np.asarray([claims[ids[j]].speaker_id != a.speaker_id for j in rows], dtype=bool)]
                for j in others[np.argsort(-row[others], kind="stable")][:article_k]:
                    if row[j] >= min_similarity:
                        add(a, claims[ids[j]], row[j], "article")
            if lexical is not None and lexical_k > 0:
                lo, hi = bm25.indptr[qi], bm25.indptr[qi + 1]
                cols, vals = bm25.indices[lo:hi], bm25.data[lo:hi]
                enough = shared[qi, cols].toarray().ravel() >= lexical_min_shared
                taken = 0
                for j in cols[enough][np.argsort(-vals[enough], kind="stable")]:
                    if taken >= lexical_k:
                        break
                    if j == row_of[qid] or _skip(a, claims[ids[j]]):
                        continue
                    add(a, claims[ids[j]], row[j], "lexical")
                    taken += 1
    return sorted(found.values(), key=lambda c: (-c.similarity, c.a, c.b))
