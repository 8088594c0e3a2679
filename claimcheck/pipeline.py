"""The facade: `check()` chains read -> extract -> speakers -> store -> embed -> pair -> judge.

Each step commits its own work, so a run can be killed anywhere and the next run picks up
what is missing: articles are skipped by content hash, claims without an embedding are
embedded, claims whose candidates were not judged yet are paired and judged. Nothing is done
twice, and nothing already stored is lost when one input is bad.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from claimcheck import catalogue
from claimcheck.config import Settings
from claimcheck.extract import extract_claims
from claimcheck.extract.speakers import resolve_speakers
from claimcheck.judge import judge_pairs, load_calibration
from claimcheck.pairs import candidate_pairs
from claimcheck.read import InputError, read_inputs
from claimcheck.records import Article
from claimcheck.store import Store

CLAIMS_PER_CHUNK = 64  # claims paired and judged per transaction


class Progress(Protocol):
    def __call__(self, stage: str, total: int) -> Callable[[int], None]: ...


def _silent(stage: str, total: int) -> Callable[[int], None]:
    return lambda n: None


@dataclass
class CheckResult:
    added: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    claims_added: int = 0
    embedded: int = 0
    pairs_judged: int = 0


def ingest(store: Store, articles: list[Article], result: CheckResult, progress: Progress) -> None:
    advance = progress("extract claims", len(articles))
    for article in articles:
        if store.has_article(article.sha256):
            result.unchanged.append(article)
        else:
            try:
                claims, speakers = resolve_speakers(extract_claims(article), store.speakers())
                store.add_article(article, claims, speakers)
            except Exception as exc:  # one bad article must not stop the run or touch stored ones
                result.errors.append(InputError(article.source, f"could not process: {exc}"))
            else:
                result.added.append(article)
                result.claims_added += len(claims)
        advance(1)


def embed_missing(store: Store, settings: Settings, result: CheckResult, progress: Progress) -> None:
    todo = store.claims_without_embedding(settings.embedder)
    if not todo:
        return
    model = catalogue.embedder(settings)
    advance = progress("embed claims", len(todo))
    step = max(settings.batch_size * 4, 1)
    for i in range(0, len(todo), step):
        chunk = todo[i:i + step]
        store.put_embeddings(settings.embedder, [c.id for c in chunk],
                             model.encode([c.text for c in chunk], batch_size=settings.batch_size))
        result.embedded += len(chunk)
        advance(len(chunk))


def judge_new(store: Store, settings: Settings, result: CheckResult, progress: Progress) -> None:
    pending = store.unpaired_claim_ids(settings.nli_model)
    if not pending:
        return
    ids, vectors = store.embeddings(settings.embedder)
    claims = {c.id: c for c in store.claims()}
    speakers = {s.id: s for s in store.speakers()}
    judged = store.judged_pair_ids(settings.nli_model)
    nli = None
    calibration = load_calibration(catalogue.calibration_path(settings))
    advance = progress("judge pairs", len(pending))
    for i in range(0, len(pending), CLAIMS_PER_CHUNK):
        chunk = pending[i:i + CLAIMS_PER_CHUNK]
        found = candidate_pairs(chunk, ids, vectors, claims, settings.neighbours, settings.min_similarity,
                                settings.same_speaker_similarity)
        fresh = [c for c in found if f"{c.a}|{c.b}" not in judged]
        if fresh and nli is None:
            nli = catalogue.nli(settings)
        flags = judge_pairs(fresh, claims, speakers, lambda pairs: nli.predict(pairs, settings.batch_size),
                            settings, calibration) if fresh else []
        origin = {f"{c.a}|{c.b}": c for c in fresh}
        store.put_judgements(settings.nli_model,
                             [(f, origin[f.id].origin, origin[f.id].similarity) for f in flags], chunk)
        judged.update(f.id for f in flags)
        result.pairs_judged += len(flags)
        advance(len(chunk))


def check(paths: list[str], settings: Settings, store: Store, progress: Progress = _silent,
          stdin=None) -> CheckResult:
    result = CheckResult()
    articles, result.errors = read_inputs(paths, settings.max_article_bytes, stdin=stdin)
    ingest(store, articles, result, progress)
    embed_missing(store, settings, result, progress)
    judge_new(store, settings, result, progress)
    return result
