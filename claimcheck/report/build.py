"""Build the report data (the JSON report) from the claim store, for one judging run.

Every renderer (Markdown, HTML, ClaimReview) reads this one dict, so what the fact-checker
sees in any format is the same set of flags with the same evidence.
"""
from __future__ import annotations

from claimcheck import __version__
from claimcheck.config import Settings
from claimcheck.records import Article, Claim, Dispute, DisputeVerdict, Run, Speaker, Verdict
from claimcheck.signals import Evidence
from claimcheck.store import Store, now

REPORT_VERSION = "1.4"  # 1.4: disputes (sides, evidence, reviews) lead; contradictions stay as the pair flags


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


def dispute_review(verdicts: list[DisputeVerdict]) -> dict:
    """The latest answer on a dispute (any reviewer), each reviewer's own latest, and the moves."""
    answers = [v for v in verdicts if v.verdict is not None]
    latest = answers[-1] if answers else None
    state = {"state": latest.verdict if latest else "unreviewed", "reviewer": latest and latest.reviewer,
             "at": latest and latest.at, "note": latest and latest.note}
    state["by_reviewer"] = {v.reviewer: {"state": v.verdict, "at": v.at, "note": v.note} for v in answers}
    state["moves"] = [{"claim": v.claim, "side": v.side, "reviewer": v.reviewer, "at": v.at}
                      for v in verdicts if v.claim is not None]
    return state


def dispute_view(dispute: Dispute, side_of: callable, speaker_names: dict[str, str],
                 verdicts: list[DisputeVerdict]) -> dict:
    sides = []
    for index, side in enumerate(dispute.sides):
        views = [side_of(c) for c in side.claims]
        by_speaker: dict[str, list[dict]] = {}
        for key, view in zip((_speaker_of(v) for v in views), views):
            by_speaker.setdefault(key, []).append(view)
        sides.append({"label": "For" if index == 0 else "Against",
                      "speakers": [{"id": key, "name": speaker_names.get(key) or claims[0]["speaker"]
                                    or claims[0]["speaker_mention"], "claims": claims}
                                   for key, claims in by_speaker.items()]})
    proposition = side_of(dispute.proposition)
    return {"id": dispute.id, "kind": dispute.kind, "strength": dispute.strength, "speakers": dispute.speakers,
            "proposition": {"claim": dispute.proposition, "text": proposition["text"],
                            "speaker": proposition["speaker"]},
            "sides": sides, "evidence": list(dispute.evidence), "outvoted": list(dispute.outvoted),
            "agreements": list(dispute.agreements),
            "reversed_by": [speaker_names.get(k, k) for k in dispute.reversed_by],
            "review": dispute_review(verdicts)}


def _speaker_of(view: dict) -> str:
    """The same key disputes.speaker_key gives: an unnamed speaker ("observers", "a source") is
    one person per claim, never the same person on both sides."""
    if view["speaker_id"] and view.get("speaker_kind") != "unnamed":
        return view["speaker_id"]
    return f"claim:{view['id']}"


def run_view(run: Run) -> dict:
    return {"id": run.id, "created_at": run.created_at, "used_at": run.used_at,
            "embedder": {"name": run.embedder, "digest": run.embedder_digest},
            "nli": {"name": run.nli_model, "digest": run.nli_digest},
            "calibration": run.calibration, "signals_version": run.signals_version, "settings": run.settings}


def report_data(store: Store, settings: Settings, *, run_id: int | None = None, min_score: float | None = None,
                only_confirmed: bool = False, kind: str | None = None, speaker: str | None = None,
                limit: int | None = None, since: str | None = None, until: str | None = None) -> dict:
    """The report of one run (`run_id`, else the most recently used): read from the store alone,
    so it needs neither the models nor the settings the run was judged with."""
    floor = settings.threshold if min_score is None else min_score
    run = store.run(run_id) if run_id is not None or store.runs() else None  # an empty store: an empty report
    from claimcheck.disputes import from_store

    flags = store.flags(run.id, floor, kind=kind, speaker=speaker, only_confirmed=only_confirmed) if run else []
    disputes, in_range, answers = from_store(store, run.id, floor, since=since, until=until) if run else ([], {}, [])
    if since or until:
        flags = [(f, v) for f, v in flags if f.a in in_range and f.b in in_range]
    speakers = {s.id: s for s in store.speakers()}
    verdicts: dict[str, list[DisputeVerdict]] = {}
    for v in answers:
        verdicts.setdefault(v.dispute_id, []).append(v)
    if speaker:
        wanted = {s.id for s in speakers.values() if speaker in (s.id, s.name, *s.aliases)}
        disputes = [d for d in disputes if wanted & {k for side in d.sides for k in side.speakers}]
    if kind:
        disputes = [d for d in disputes if d.kind == ("reversal" if kind == "reversal" else "dispute")]
    if only_confirmed:
        disputes = [d for d in disputes if dispute_review(verdicts.get(d.id, []))["state"] == "confirmed"]
    if limit is not None:
        flags = flags[:limit]
        disputes = disputes[:limit]
    claims = {c.id: c for c in store.claims({i for f, _ in flags for i in (f.a, f.b)}
                                            | {i for d in disputes for s in d.sides for i in s.claims})}
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
                     "min_score": floor, "only_confirmed": only_confirmed, "since": since, "until": until,
                     # Scores are calibrated probabilities only when a calibration exists.
                     "calibration": run.calibration["fitted_on"] if run and run.calibration else None},
        "stats": {**store.stats(run.id if run else None, settings.threshold), "disputes": len(disputes)},
        "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "url": a.url,
                      "source": a.source, "lang": a.lang} for a in articles.values()],
        "disputes": [dispute_view(d, side, {k: s.name for k, s in speakers.items()}, verdicts.get(d.id, []))
                     for d in disputes],
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
