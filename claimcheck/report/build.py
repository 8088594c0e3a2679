"""Build the report data (the JSON report, version 1.0) from the claim store.

Every renderer (Markdown, HTML, ClaimReview) reads this one dict, so what the fact-checker
sees in any format is the same set of flags with the same evidence.
"""
from __future__ import annotations

from claimcheck import __version__
from claimcheck.models.catalogue import calibration_path, judgement_key
from claimcheck.config import Settings
from claimcheck.judge import load_calibration
from claimcheck.records import Article, Claim, Speaker, Verdict
from claimcheck.store import Store, now

REPORT_VERSION = "1.2"


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


def report_data(store: Store, settings: Settings, *, min_score: float | None = None, only_confirmed: bool = False,
                kind: str | None = None, speaker: str | None = None, limit: int | None = None) -> dict:
    floor = settings.threshold if min_score is None else min_score
    key = judgement_key(settings)
    calibration = load_calibration(calibration_path(settings))
    flags = store.flags(key, floor, kind=kind, speaker=speaker, only_confirmed=only_confirmed)
    if limit is not None:
        flags = flags[:limit]
    claims = {c.id: c for c in store.claims({i for f, _ in flags for i in (f.a, f.b)})}
    speakers = {s.id: s for s in store.speakers()}
    articles = {a.id: a for a in store.articles()}

    def side(claim_id: str) -> dict:
        c = claims[claim_id]
        return claim_view(c, articles.get(c.article_id), speakers.get(c.speaker_id or ""))

    return {
        "schema": "claimcheck-report", "version": REPORT_VERSION,
        "generated_at": now(),
        "tool": {"name": "claimcheck", "version": __version__},
        "models": {"embedder": settings.embedder, "nli": settings.nli_model},
        "settings": {"threshold": settings.threshold, "neighbours": settings.neighbours, "min_score": floor,
                     "only_confirmed": only_confirmed,
                     # Scores are calibrated probabilities only when a calibration exists.
                     "calibration": calibration.fitted_on if calibration else None},
        "stats": store.stats(key, settings.threshold),
        "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "url": a.url,
                      "source": a.source, "lang": a.lang} for a in articles.values()],
        "contradictions": [
            {"id": f.id, "kind": f.kind, "score": f.score, "reason": f.reason, "a": side(f.a), "b": side(f.b),
             "nli": {"ab": f.nli_ab, "ba": f.nli_ba},
             "signals": {"numeric": f.signals.get("numeric"), "time": f.signals.get("time"),
                         "attitude": f.signals.get("attitude"), "continuation": f.signals.get("continuation")},
             "review": review_state(v)}
            for f, v in flags
        ],
    }
