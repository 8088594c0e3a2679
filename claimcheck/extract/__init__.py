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
from claimcheck.extract.denial import is_denial_cue
from claimcheck.extract.doc import Doc, Draft, Subject, Token, trim
from claimcheck.extract import lexicon as lx
from claimcheck.extract.english import find_english
from claimcheck.extract.mentions import describe, parse_subject, speaker_like
from claimcheck.extract.quotes import free_quotes
from claimcheck.extract.reported import find_reported, opening_subject
from claimcheck.extract.speakers import attribute
from claimcheck.records import Article, Claim

__all__ = ["extract_claims"]

DATE_WINDOW = 400  # characters either side of a statement searched for its date
log = logging.getLogger(__name__)


def extract_claims(article: Article) -> list[Claim]:
    """Every attributed statement in `article`, ordered by start offset."""
    doc = Doc(article.text, article.lang)
    # A bug on odd text costs the statements of the rule that met it, never the article: each
    # cue match is guarded in scan_cues, each stage and each claim here.
    drafts = _guarded(doc, "cues", lambda: find_english(doc) if article.lang == "en" else find_reported(doc)) or []
    if article.lang != "en":
        quoted = _guarded(doc, "quotes", lambda: [_with_opening_subject(doc, d) for d in free_quotes(doc, drafts)])
    else:
        quoted = _guarded(doc, "quotes", lambda: free_quotes(doc, drafts))
    drafts = _without_nested(sorted(drafts + (quoted or []), key=lambda d: (d.start, -d.end)))
    claims: list[Claim] = []
    when: dict[tuple[int, int], str | None] = {}  # speaker mention -> date of their last claim
    named_roles: dict[str, Subject | None] = {}
    attributed = _guarded(doc, "speakers", lambda: attribute(doc, drafts)) or [(d, d.subject) for d in drafts]
    for d, subject in attributed:
        if article.lang != "en" and subject is not None and subject.mention is not None:
            subject = _guarded(doc, "speakers", lambda: _named_holder(doc, subject, named_roles)) or subject
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


def _with_opening_subject(doc: Doc, d: Draft) -> Draft:
    """A quote no cue claimed, in a sentence that opened with a verb and a named subject
    ("وطالب النائب فلان الحكومة "بنشر نص الاتفاق"") is that subject's, not the last speaker's."""
    ss, _ = doc.sentence_at(d.start)
    k = doc.token_index(d.start)
    if k == 0 or k > len(doc.tokens) or doc.tokens[k - 1].start < ss:
        return d
    bound = doc.tokens[k - 1]
    colon = doc.norm.rfind(":", bound.end, d.start)
    if colon >= 0 and not doc.norm[colon + 1:d.start].strip(" \"«“"):
        bound = Token(":", colon, colon + 1)  # "وتساءل رئيس الحزب: «...»": the subject runs to the colon
    for agree in (lx.M, lx.F, lx.P):
        subject = opening_subject(doc, bound, ss, agree)
        if subject is not None:
            return replace(d, subject=subject, agree=agree)
    return d


def _named_holder(doc: Doc, subject: Subject, cache: dict[str, Subject | None]) -> Subject:
    """A role with no name ("مستشار الأمن القومي العراقي") gets the name the article gives
    that role elsewhere ("... مستشار الأمن القومي قاسم الأعرجي، ..."), even in a sentence
    that is no statement; the mention then points at that naming."""
    mention = doc.norm[slice(*subject.mention)]
    described = describe(doc.orig(*subject.mention), "ar")
    if described.name or not described.role or subject.kind not in ("person", "unnamed") \
            or (described.head or "") not in lx.ROLE_HEADS:
        return subject
    if mention not in cache:
        cache[mention] = _holder_of(doc, mention, subject.mention)
    holder = cache[mention]
    return replace(subject, mention=holder.mention) if holder is not None else subject


def _holder_of(doc: Doc, role: str, own: tuple[int, int]) -> Subject | None:
    words = role.split()
    while len(words) > 1 and (words[-1] in lx.NATIONALITIES or words[-1] in lx.TIME_WORDS):
        words = words[:-1]  # "مستشار الأمن القومي العراقي" is also written without the nationality
    if len(words) < 2:
        return None  # a bare head ("الوزير") could be anyone
    key = " ".join(words)
    found: list[Subject] = []
    at = doc.norm.find(key)
    while at >= 0:
        glued = at > 0 and doc.norm[at - 1] in "لب" and (at == 1 or not doc.norm[at - 2].isalnum())  # "لوزير"
        if at != own[0] and (at == 0 or not doc.norm[at - 1].isalnum() or glued):
            subject = parse_subject(doc, at, _naming_end(doc, at + len(key)))
            if subject.mention is not None and subject.kind == "person" and speaker_like(doc, subject) \
                    and describe(doc.orig(*subject.mention), "ar").name:
                name_start = subject.mention[0] if subject.mention[0] > at else _name_start(doc, subject)
                between = doc.tokens_in(at + len(key), name_start)
                if not any(w.text in lx.TIME_WORDS or w.text in lx.PREPOSITIONS for w in between):
                    found.append(subject)  # not "وزير الطاقة الأسبوع المقبل لمساءلته"
        at = doc.norm.find(key, at + 1)
    names = {describe(doc.orig(*s.mention), "ar").name for s in found}
    return found[0] if len(names) == 1 else None  # two different holders: leave it unnamed


def _name_start(doc: Doc, subject: Subject) -> int:
    """Where the name inside a "ROLE NAME" mention starts (its last words as described)."""
    name = describe(doc.orig(*subject.mention), "ar").name or ""
    words = doc.tokens_in(*subject.mention)
    n = len(name.split())
    return words[-n].start if 0 < n <= len(words) else subject.mention[1]


def _naming_end(doc: Doc, start: int) -> int:
    """The end of "ROLE NAME" or "ROLE، NAME،" after a role: the second comma or the first
    full stop, colon, line end, إن/أن or cue verb, and at most eight words on."""
    stops, i = 0, start
    limit = doc.tokens_in(start, len(doc.norm))[:8]
    end = limit[-1].end if limit else start
    for tok in limit:  # "رئيس الحكومة فلان إن ..." - the statement is no part of the naming
        if tok.text in lx.CONNECTORS or tok.text in lx.CUE_FORMS:
            end = tok.start
            break
    while i < end:
        ch = doc.norm[i]
        if ch in ".:\n" or (ch in "،," and stops == 1):
            return i
        stops += ch in "،,"
        i += 1
    return end


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
    # the words around the statement date it; a window keeps one endless sentence linear
    outside = doc.norm[max(ss, start - DATE_WINDOW):start] + " " + doc.norm[end:min(se, end + DATE_WINDOW)]
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
        denies=is_denial_cue(doc.orig(*d.cue) if d.cue else None),
    )
