"""The facade: `check()` chains read -> extract -> speakers -> store -> embed -> pair -> judge.

Each step commits its own work, so a run can be killed anywhere and the next run picks up
what is missing: articles are skipped by content hash, claims without an embedding are
embedded, claims whose candidates were not judged yet are paired and judged. Nothing is done
twice, and nothing already stored is lost when one input is bad.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from claimcheck import catalogue
from claimcheck.config import Settings
from claimcheck.extract import extract_claims
from claimcheck.extract.speakers import resolve_speakers
from claimcheck.judge import claim_state, judge_pairs, load_calibration, signals_clash
from claimcheck.lexical import LexicalIndex
from claimcheck.pairs import candidate_pairs
from claimcheck.read import InputError, read_inputs
from claimcheck.records import Article, Claim, Speaker
from claimcheck.store import Store, StoreError

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
    pairs_judged: int = 0


def extract_article(article: Article, known: list[Speaker]) -> tuple[list[Claim], list[Speaker]]:
    """Claims of one article with speakers resolved against those already known."""
    try:
        return resolve_speakers(extract_claims(article), known)
    except Exception as exc:  # an extractor bug on odd text must cost one article, not the run
        raise ValueError(f"claim extraction failed ({type(exc).__name__}: {exc})") from exc


def ingest(store: Store, articles: list[Article], result: CheckResult, progress: Progress) -> None:
    advance = progress("extract claims", len(articles))
    for article in articles:
        if store.has_article(article.sha256):
            result.unchanged.append(article)
            advance(1)
            continue
        if store.has_article_id(article.id):  # same id, new content (an edited article, or ids reused across files)
            article = replace(article, id=f"{article.id}@{article.sha256[:8]}")
        try:
            claims, speakers = extract_article(article, store.speakers())
            store.add_article(article, claims, speakers)
        except (ValueError, StoreError) as exc:
            result.errors.append(InputError(article.source, str(exc)))
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
        advance(len(chunk))


def judge_new(store: Store, settings: Settings, result: CheckResult, progress: Progress) -> None:
    key = catalogue.judgement_key(settings)
    pending = store.unpaired_claim_ids(key)
    if not pending:
        return
    ids, vectors = store.embeddings(settings.embedder)
    claims = {c.id: c for c in store.claims()}
    speakers = {s.id: s for s in store.speakers()}
    judged = store.judged_pair_ids(key)
    lexical = LexicalIndex([claims[i].text for i in ids]) if settings.lexical_neighbours > 0 else None
    states = {i: state for i in ids if (state := claim_state(claims[i])) is not None} if settings.opposite_neighbours else {}
    nli = None
    calibration = load_calibration(catalogue.calibration_path(settings))
    advance = progress("judge pairs", len(pending))
    for i in range(0, len(pending), CLAIMS_PER_CHUNK):
        chunk = pending[i:i + CLAIMS_PER_CHUNK]
        found = candidate_pairs(chunk, ids, vectors, claims, settings.neighbours, settings.min_similarity,
                                settings.same_speaker_similarity, wide_k=settings.contrast_neighbours,
                                admit=signals_clash, lexical=lexical, lexical_k=settings.lexical_neighbours,
                                lexical_min_shared=settings.lexical_min_shared, states=states,
                                opposite_k=settings.opposite_neighbours)
        fresh = [c for c in found if c.id not in judged]
        if fresh and nli is None:
            nli = catalogue.nli(settings)
        flags = judge_pairs(fresh, claims, speakers, lambda pairs: nli.predict(pairs, settings.batch_size),
                            settings, calibration) if fresh else []
        origin = {c.id: c for c in fresh}
        store.put_judgements(key,
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
