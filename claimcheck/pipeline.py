"""The facade: `check()` chains read -> extract -> speakers -> store -> embed -> pair -> judge.

Each step commits its own work, so a run can be killed anywhere and the next run picks up
what is missing: articles are skipped by content hash, claims without an embedding are
embedded, candidate pairs not judged yet are judged. Nothing is done twice, and nothing
already stored is lost when one input is bad.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Protocol

from claimcheck import signals
from claimcheck.config import JUDGING_SETTINGS, Settings
from claimcheck.extract import extract_claims
from claimcheck.extract.speakers import resolve_speakers
from claimcheck.judge import claim_state, judge_pairs, load_calibration, signals_clash
from claimcheck.lexical import LexicalIndex
from claimcheck.pairs import candidate_pairs
from claimcheck.ingest import InputError, iter_inputs
from claimcheck.models import catalogue
from claimcheck.records import Article, Claim, Run, Speaker
from claimcheck.store import Store, StoreError

PAIRS_PER_CHUNK = 256  # pairs judged per transaction
PAIRS_PER_BATCH = 128  # pairs judged between progress updates (and sorted by length together)


class Progress(Protocol):
    def __call__(self, stage: str, total: int | None) -> Callable[[int], None]: ...  # None: not known yet


def _silent(stage: str, total: int | None) -> Callable[[int], None]:
    return lambda n: None


@dataclass
class CheckResult:
    added: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    claims_added: int = 0
    pairs_judged: int = 0
    run: Run | None = None  # what this check judged under


def extract_article(article: Article, known: list[Speaker]) -> tuple[list[Claim], list[Speaker]]:
    """Claims of one article with speakers resolved against those already known."""
    try:
        return resolve_speakers(extract_claims(article), known)
    except Exception as exc:  # an extractor bug on odd text must cost one article, not the run
        raise ValueError(f"claim extraction failed ({type(exc).__name__}: {exc})") from exc


def ingest(store: Store, inputs: Iterable[Article | InputError], result: CheckResult, progress: Progress) -> None:
    """Store each article as soon as it is read and extracted (`inputs` is a stream), so an
    input that fails or stalls later never costs the articles before it."""
    advance = progress("read & extract", None)
    for article in inputs:
        if isinstance(article, InputError):
            result.errors.append(article)
            advance(1)
            continue
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
    del model
    catalogue.release_embedder()


def judging_run(settings: Settings) -> Run:
    """The run a check with these settings judges under: models with their content digests,
    calibration, signal version and the settings judgements depend on."""
    path = catalogue.calibration_path(settings)
    calibration = load_calibration(path)
    return Run(embedder=settings.embedder, nli_model=settings.nli_model,
               settings={name: getattr(settings, name) for name in JUDGING_SETTINGS if hasattr(settings, name)},
               embedder_digest=catalogue.model_digest(settings.embedder, settings),
               nli_digest=catalogue.model_digest(settings.nli_model, settings),
               calibration=None if calibration is None else
               {"digest": catalogue.sha256_of(path), "fitted_on": calibration.fitted_on},
               signals_version=signals.VERSION)


def judge_new(store: Store, settings: Settings, result: CheckResult, progress: Progress) -> None:
    """Judge the run's candidate pairs over everything stored, then mark them as the run's
    current candidates. The candidate set depends only on the set of stored claims (ids are
    sorted, the lexical and opposite-state indexes cover all claims), so checking articles in
    any split or order, or in overlapping checks, ends with the pairs one check of all of them
    finds. Pairs judged before are not judged again; pairs that later claims pushed out of
    every claim's top-k stay stored but are no longer current, so they are not reported."""
    if not store.claim_count():
        return
    run = store.open_run(judging_run(settings))
    result.run = run
    # One judging stage per store at a time: a second check waits here, then pairs over
    # everything, its own claims and the first check's alike.
    with store.judging_lock():
        ids, vectors = store.embeddings(settings.embedder)
        if len(ids) == store.paired_claims(run.id):  # nothing stored since the last pairing
            return
        claims = {c.id: c for c in store.claims()}
        speakers = {s.id: s for s in store.speakers()}
        lexical = LexicalIndex([claims[i].text for i in ids]) if settings.lexical_neighbours > 0 else None
        states = {i: state for i in ids if (state := claim_state(claims[i])) is not None} \
            if settings.opposite_neighbours else {}
        candidates = candidate_pairs(ids, ids, vectors, claims, settings.neighbours, settings.min_similarity,
                                     settings.same_speaker_similarity, wide_k=settings.contrast_neighbours,
                                     admit=signals_clash, lexical=lexical, lexical_k=settings.lexical_neighbours,
                                     lexical_min_shared=settings.lexical_min_shared, states=states,
                                     opposite_k=settings.opposite_neighbours,
                                     article_k=settings.article_neighbours)
        judged = store.judged_pair_ids(run.id)
        fresh = sorted((c for c in candidates if c.id not in judged), key=lambda c: c.id)
        advance = progress("judge pairs", len(fresh))
        nli = catalogue.nli(settings) if fresh else None
        calibration = load_calibration(catalogue.calibration_path(settings))
        origin = {c.id: c for c in fresh}
        # Each chunk of pairs is stored in its own transaction: a killed check resumes there.
        for i in range(0, len(fresh), PAIRS_PER_CHUNK):
            chunk = fresh[i:i + PAIRS_PER_CHUNK]
            flags = []
            for j in range(0, len(chunk), PAIRS_PER_BATCH):
                batch = chunk[j:j + PAIRS_PER_BATCH]
                flags += judge_pairs(batch, claims, speakers, lambda pairs: nli.predict(pairs, settings.batch_size),
                                     settings, calibration)
                advance(len(batch))
            store.put_judgements(run.id, [(f, origin[f.id].origin, origin[f.id].similarity) for f in flags])
            result.pairs_judged += len(flags)
        store.set_current_candidates(run.id, candidates, len(ids))


def check(paths: list[str], settings: Settings, store: Store, progress: Progress = _silent,
          stdin=None) -> CheckResult:
    result = CheckResult()
    ingest(store, iter_inputs(paths, settings.max_article_bytes, stdin=stdin, fetch_timeout=settings.fetch_timeout),
           result, progress)
    embed_missing(store, settings, result, progress)
    judge_new(store, settings, result, progress)
    return result
