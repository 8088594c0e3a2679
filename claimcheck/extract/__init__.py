"""Extract attributed statements (claims) from an article.

`extract_claims` finds statements by their cues (Arabic: reported.py, English: english.py),
adds quotes that stand alone (quotes.py), carries speakers over to cues with no subject
(speakers.attribute) and dates each statement (dates.py). Offsets index Article.text, and
Claim.text is always exactly Article.text[start:end].
"""
from __future__ import annotations

import logging
from dataclasses import replace

from claimcheck.extract.dates import claim_date
from claimcheck.extract.doc import Doc, Draft, Subject, trim
from claimcheck.extract.english import find_english
from claimcheck.extract.quotes import free_quotes
from claimcheck.extract.reported import find_reported
from claimcheck.extract.speakers import attribute
from claimcheck.records import Article, Claim

__all__ = ["extract_claims"]

log = logging.getLogger(__name__)


def extract_claims(article: Article) -> list[Claim]:
    """Every attributed statement in `article`, ordered by start offset."""
    doc = Doc(article.text, article.lang)
    # A bug on odd text costs the statements of the rule that met it, never the article: each
    # cue match is guarded in scan_cues, each stage and each claim here.
    drafts = _guarded(doc, "cues", lambda: find_english(doc) if article.lang == "en" else find_reported(doc)) or []
    drafts += _guarded(doc, "quotes", lambda: free_quotes(doc, drafts)) or []
    drafts = _without_nested(sorted(drafts, key=lambda d: (d.start, -d.end)))
    claims: list[Claim] = []
    when: dict[tuple[int, int], str | None] = {}  # speaker mention -> date of their last claim
    attributed = _guarded(doc, "speakers", lambda: attribute(doc, drafts)) or [(d, d.subject) for d in drafts]
    for d, subject in attributed:
        claim = _guarded(doc, "claim", lambda: _claim(article, doc, d, subject))
        if claim is None:
            continue
        carried = subject is not None and subject.mention is not None and d.subject is not subject
        if carried and claim.claim_date is None:
            # "وأضاف أن ..." goes on with the same statement, made the same day
            claim = replace(claim, claim_date=when.get(subject.mention))
        if subject is not None and subject.mention is not None:
            when[subject.mention] = claim.claim_date
        claims.append(claim)
    for failure in doc.failures:
        log.warning("claimcheck: warning: %s: a statement was skipped: extraction failed %s",
                    article.source or article.id, failure)
    return claims


def _guarded(doc: Doc, stage: str, run):
    """run(), or None (noted in doc.failures) when it raises."""
    try:
        return run()
    except Exception as exc:
        doc.failures.append(f"in {stage} ({type(exc).__name__}: {exc})")
        return None


def _without_nested(drafts: list[Draft]) -> list[Draft]:
    """Drop a statement lying inside another one (a quote within reported speech)."""
    out: list[Draft] = []
    for d in drafts:
        if out and d.start >= out[-1].start and d.end <= out[-1].end:
            continue
        out.append(d)
    return out


def _claim(article: Article, doc: Doc, d: Draft, subject: Subject | None) -> Claim | None:
    start, end = trim(doc, d.start, d.end)
    if start >= end:
        return None
    a, b = doc.orig_span(start, end)
    ss, se = doc.sentence_at(d.start)
    sentence = doc.orig(ss, max(se, end)).strip()
    outside = doc.norm[ss:start] + " " + doc.norm[end:se]
    mention = doc.orig(*subject.mention) if subject and subject.mention else None
    return Claim(
        id=f"{article.id}:{a}-{b}",
        article_id=article.id,
        text=article.text[a:b],
        kind=d.kind,
        start=a,
        end=b,
        sentence=sentence,
        speaker_mention=mention,
        cue=doc.orig(*d.cue) if d.cue else None,
        role=subject.role if subject else None,
        channel=subject.channel if subject else None,
        date=article.date,
        claim_date=claim_date(outside, article.date),
    )
