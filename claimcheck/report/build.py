"""Build the report data (the JSON report) from the claim store, for one judging run.

Every renderer (Markdown, HTML, ClaimReview) reads this one dict, so what the fact-checker
sees in any format is the same set of flags with the same evidence.
"""
from __future__ import annotations

from claimcheck import __version__
from claimcheck.config import Settings
from claimcheck.records import Article, Claim, Run, Speaker, Verdict
from claimcheck.signals import Evidence
from claimcheck.store import Store, now

REPORT_VERSION = "1.3"


def claim_view(claim: Claim, article: Article | None, speaker: Speaker | None) -> dict:
    return {
        "id": claim.id, "article": claim.article_id,
        "speaker": speaker.name if speaker else claim.speaker_mention,
        "speaker_id": claim.speaker_id, "speaker_kind": speaker.kind if speaker else None, "speaker_mention": claim.speaker_mention,
        "role": claim.role or (speaker.role if speaker else None),  # "الكاظمي" alone still has his role
        "text": claim.text, "kind": claim.kind, "cue": claim.cue, "start": claim.start, "end": claim.end,
        "sentence": claim.sentence, "date": claim.date, "claim_date": claim.claim_date,
        "outlet": article.outlet if article else None, "title": article.title if article else None,
        "url": article.url if article else None, "source": article.source if article else None,
    }


def review_state(verdict: Verdict | None) -> dict:
    if verdict is None:
        return {"state": "unreviewed", "reviewer": None, "at": None, "note": None}
    return {"state": verdict.verdict, "reviewer": verdict.reviewer, "at": verdict.at, "note": verdict.note}


def signals_view(evidence: Evidence) -> dict:
    """Each signal's record with its one summary, the sentence every format shows."""
    data = evidence.to_dict()
    for name, _, summary in evidence.summaries():
        data[name]["summary"] = summary
    return data


def run_view(run: Run) -> dict:
    return {"id": run.id, "created_at": run.created_at, "used_at": run.used_at,
            "embedder": {"name": run.embedder, "digest": run.embedder_digest},
            "nli": {"name": run.nli_model, "digest": run.nli_digest},
            "calibration": run.calibration, "signals_version": run.signals_version, "settings": run.settings}


def report_data(store: Store, settings: Settings, *, run_id: int | None = None, min_score: float | None = None,
                only_confirmed: bool = False, kind: str | None = None, speaker: str | None = None,
                limit: int | None = None) -> dict:
    """The report of one run (`run_id`, else the most recently used): read from the store alone,
    so it needs neither the models nor the settings the run was judged with."""
    floor = settings.threshold if min_score is None else min_score
    run = store.run(run_id) if run_id is not None or store.runs() else None  # an empty store: an empty report
    flags = store.flags(run.id, floor, kind=kind, speaker=speaker, only_confirmed=only_confirmed) if run else []
    if limit is not None:
        flags = flags[:limit]
    claims = {c.id: c for c in store.claims({i for f, _ in flags for i in (f.a, f.b)})}
    speakers = {s.id: s for s in store.speakers()}
    articles = {a.id: a for a in store.articles()}

    def side(claim_id: str) -> dict:
        c = claims[claim_id]
        return claim_view(c, articles.get(c.article_id), speakers.get(c.speaker_id or ""))

    data = {
        "schema": "claimcheck-report", "version": REPORT_VERSION,
        "generated_at": now(),
        "tool": {"name": "claimcheck", "version": __version__},
        "models": {"embedder": run.embedder if run else settings.embedder,
                   "nli": run.nli_model if run else settings.nli_model},
        "settings": {"threshold": settings.threshold,
                     "neighbours": run.settings.get("neighbours", 0) if run else settings.neighbours,
                     "min_score": floor, "only_confirmed": only_confirmed,
                     # Scores are calibrated probabilities only when a calibration exists.
                     "calibration": run.calibration["fitted_on"] if run and run.calibration else None},
        "stats": store.stats(run.id if run else None, settings.threshold),
        "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "url": a.url,
                      "source": a.source, "lang": a.lang} for a in articles.values()],
        "contradictions": [
            {"id": f.id, "kind": f.kind, "score": f.score, "reason": f.reason, "a": side(f.a), "b": side(f.b),
             "nli": {"ab": f.nli_ab, "ba": f.nli_ba},
             "signals": signals_view(f.signals),
             "review": review_state(v)}
            for f, v in flags
        ],
    }
    if run is not None:
        data["run"] = run_view(run)
    return data
