"""English attribution: "X said (that) ...", "..., X said.", ""...," X told Reuters",
"According to X, ...", "..., adding that ...", and the speaker phrase in each.

English names are capitalised, so the name is the run of capitalised words that ends the
speaker phrase; what comes before it is the role ("Foreign Secretary David Lammy").
"""
from __future__ import annotations

import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.doc import Described, Doc, Draft, Quote, Subject, last_end, scan_cues
from claimcheck.extract.quotes import is_name_quote

_DETERMINERS = frozenset(["the", "these", "those", "his", "her", "their", "its", "such", "a", "an", "of"])
_INTRO = re.compile(r"^(?:in|at|on|during|after|before|speaking|asked|writing|addressing|"
                    r"responding|when|while|but|and|however|meanwhile|separately|earlier|later)\b", re.I)
_APPOSITIVE = re.compile(r"^(?:who|which|whose|speaking on|in a|on condition)\b", re.I)
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,[^-–—\n]{0,40}\s[-–—]\s")  # at a sentence start
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Time and channel words between an English cue and its statement ("said on Thursday in a
# statement that ...").
_AFTER_CUE = re.compile(
    rf"\s*(?:(?:on|last|this|early|late)\s+(?:{_DAYS}|week|month|year|morning|afternoon|evening|night)"
    rf"(?:\s+(?:morning|afternoon|evening|night))?|{_DAYS}|today|yesterday|tonight|earlier|later|again|also"
    r"|in\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:statement|interview|briefing|conference|"
    r"speech|post|tweet|video|message|letter|address)|at\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:conference|briefing|event|meeting|summit|hearing|ceremony)|on\s+(?:twitter|x|facebook|television|tv)"
    r"|to\s+(?:reporters|journalists))\b,?", re.I)
_VERBISH = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could|may|might|should|must)\b")


def find_english(doc: Doc) -> list[Draft]:
    drafts = scan_cues(doc, lambda i, drafts, _taken_until: _match(doc, i, drafts))
    return _headline(doc, drafts) + drafts


def _headline(doc: Doc, body: list[Draft]) -> list[Draft]:
    """"Health minister: hospital will stay open" - a title "X: statement" is a claim when the
    story itself quotes X (same last word or role word); otherwise "Iraq: ..." is a label."""
    if not doc.paragraphs:
        return []
    ps, pe = doc.paragraphs[0]
    colon = doc.norm.find(":", ps, pe)
    if colon <= ps:
        return []
    head = doc.norm[ps:colon].split()
    if not 1 <= len(head) <= 5 or any(w.isdigit() or w.lower() in _HEADLINE_LABELS for w in head) \
            or len(doc.norm[colon + 1:pe].split()) < 3:
        return []
    subject = parse_subject_en(doc, ps, colon)
    if subject.mention is None or subject.kind == "pronoun":
        return []
    last = head[-1].lower().strip("'’s")
    for d in body:
        if d.subject and d.subject.mention and d.subject.kind != "pronoun":
            words = (doc.norm[slice(*d.subject.mention)] + " " + (d.subject.role or "")).lower().split()
            if last in (w.strip("'’s,") for w in words):
                return [Draft(colon + 1, pe, "reported", None, subject, None)]
    return []


_HEADLINE_LABELS = frozenset(["live", "video", "watch", "analysis", "explainer", "opinion", "exclusive",
                              "breaking", "update", "factbox", "timeline", "interview"])


def _match(doc: Doc, i: int, drafts: list[Draft]) -> list[Draft] | None:
    tokens = doc.tokens
    tok = tokens[i]
    if tok.text in lx.EN_CUES and not (i and (tokens[i - 1].text.lower() in _DETERMINERS
                                                or tokens[i - 1].text.lower() in lx.EN_NOT_SAID)):
        return _cue(doc, i, drafts)
    if tok.text in lx.EN_PARTICIPLES:
        return _participle(doc, i)
    if tok.text.lower() == "according" and i + 1 < len(tokens) and tokens[i + 1].text.lower() == "to":
        return _according(doc, i, drafts)
    return None


def _sentence(doc: Doc, pos: int) -> tuple[int, int]:
    ss, se = doc.sentence_at(pos)
    start = ss
    while start < se and doc.norm[start].isspace():
        start += 1
    m = _DATELINE.match(doc.norm, start, se)  # in place: no copy of the sentence for every cue
    return (m.end() if m else ss), se


def _cue(doc: Doc, i: int, drafts: list[Draft]) -> list[Draft]:
    tok = doc.tokens[i]
    ss, se = _sentence(doc, tok.start)
    ss = last_end(drafts, ss, tok.start)
    cue = (tok.start, tok.end)
    quote = _quote_before(doc, tok.start, ss)
    if quote is not None:  # "...," X said / "...," said X
        subject = _subject_around(doc, quote.close, tok, se)
        return [Draft(quote.start, quote.end, "direct", cue, subject)]
    if _relative_cue(doc, ss, tok):
        return []  # "the unit, which health officials say is unsafe": a clause inside the narration
    start = _statement_start(doc, tok, se)
    if start is None:  # "..., X said on Friday."
        comma = doc.norm.rfind(",", ss, tok.start)
        if comma < 0 or len(doc.norm[ss:comma].split()) < 3:
            return []
        subject = _subject_around(doc, comma + 1, tok, se)
        return [Draft(ss, comma, "reported", cue, subject)]
    return _statement(doc, start, se, cue, parse_subject_en(doc, ss, tok.start))


def _relative_cue(doc: Doc, ss: int, tok) -> bool:
    """The cue stands in a relative clause ("which officials say", "that experts warn"): a
    relative pronoun among the few words before it, after the last comma."""
    comma = doc.norm.rfind(",", ss, tok.start)
    before = doc.tokens_in(max(ss, comma + 1), tok.start)[-6:]
    return any(w.text.lower() in _RELATIVE for w in before)


def _quote_before(doc: Doc, cue_start: int, ss: int) -> Quote | None:
    """A quote closing just before the speaker and cue: "...," Gen. X told Reuters."""
    gap_start = cue_start
    while gap_start > ss and doc.norm[gap_start - 1] not in "\"”“»":
        gap_start -= 1
    quote = doc.quote_at(gap_start - 1) if gap_start > ss else None
    if quote is None or not quote.closed or quote.close != gap_start or quote.open < ss:
        return None
    if len(doc.norm[quote.close:cue_start].split()) > 10 or is_name_quote(doc, quote):
        return None
    return quote


def _subject_around(doc: Doc, after: int, tok, se: int) -> Subject:
    """Speaker of a postposed cue: before it ("Lammy said") or after it ("said Lammy")."""
    before = doc.norm[after:tok.start].strip(" ,")
    if before:
        return parse_subject_en(doc, after, tok.start)
    end = tok.end
    while end < se and doc.norm[end] not in ",.;":
        end += 1
    return parse_subject_en(doc, tok.end, end)


def _statement_start(doc: Doc, tok, se: int) -> int | None:
    """Where the statement after a cue starts (after "that", ":", the hearer and time words),
    or None when the sentence ends first (the statement came before the cue)."""
    following = doc.tokens_in(tok.end, se)
    for t in following[:10]:
        if t.text.lower() == "that":
            return t.end
        between = doc.norm[tok.end:t.start]
        if ":" in between:
            return tok.end + between.index(":") + 1
        if "," in between or doc.quote_opening_at(t.start - 1):
            break
    pos = tok.end
    if tok.text in ("told", "tells") and following:
        pos = following[_skip_hearer(following) - 1].end
    while m := _AFTER_CUE.match(doc.norm, pos, se):
        if m.end() == pos:
            break
        pos = m.end()
    rest = doc.tokens_in(pos, se)
    if not rest or "," in doc.norm[tok.end:rest[0].start]:
        return None  # "said on Friday, marking ..." - nothing was said after the cue
    start = rest[0].start
    quote = doc.quote_opening_at(start - 1)
    return quote.open if quote else start


def _skip_hearer(following) -> int:
    """Past the hearer of "told": "told Reuters", "told reporters", "told the BBC"."""
    k = 0
    if k < len(following) and following[k].text.lower() in ("the", "a"):
        k += 1
    while k < len(following) and (following[k].text[:1].isupper() or following[k].text in ("reporters", "journalists")):
        k += 1
    return max(k, 1)


def _statement(doc: Doc, start: int, se: int, cue, subject: Subject | None,
               same_sentence: bool = False) -> list[Draft]:
    while start < se and doc.norm[start] == " ":
        start += 1
    quote = doc.quote_opening_at(start)
    if quote is not None and (not quote.closed or not doc.norm[quote.close:se].strip().strip(".,\"”")):
        return [Draft(quote.start, quote.end, "direct", cue, subject, None, same_sentence)]
    end = _clause_bound(doc, start, se)
    if len(doc.norm[start:end].split()) < 2:
        return []
    return [Draft(start, end, "reported", cue, subject, None, same_sentence)]


def _clause_bound(doc: Doc, start: int, se: int) -> int:
    tokens = doc.tokens_in(start, se)
    for k, t in enumerate(tokens):
        if t.text in lx.EN_PARTICIPLES and _after_comma(doc, t.start):
            return doc.norm.rfind(",", start, t.start)
        if t.text.lower() == "according" and _after_comma(doc, t.start) and k + 1 < len(tokens) \
                and tokens[k + 1].text.lower() == "to":
            return doc.norm.rfind(",", start, t.start)  # "..., according to a statement": a source, not the claim
        if t.text in lx.EN_CUES and k:
            # ", while the union insisted that ...": another speaker's statement
            comma = doc.norm.rfind(",", start, t.start)
            words = doc.norm[comma + 1:t.start].split() if comma >= 0 else []
            if words and words[0].lower() in _CONTRAST and 2 <= len(words) <= 7 \
                    and not any(w.lower() in ("that",) for w in words):
                return comma
    return se


_CONTRAST = frozenset(["while", "whereas", "but", "although", "though"])
_CONJUNCTIONS = _CONTRAST | {"and", "yet"}
_RELATIVE = frozenset(["which", "who", "whom", "that", "whose"])


def _participle(doc: Doc, i: int) -> list[Draft]:
    tok = doc.tokens[i]
    if not _after_comma(doc, tok.start):
        return []
    ss, se = _sentence(doc, tok.start)
    start = _statement_start(doc, tok, se)
    if start is None:
        return []
    return _statement(doc, start, se, (tok.start, tok.end), None, same_sentence=True)


def _after_comma(doc: Doc, pos: int) -> bool:
    """Is there a comma right before `pos`, spaces aside? (Looks back, never copies the text before.)"""
    i = pos - 1
    while i >= 0 and doc.norm[i].isspace():
        i -= 1
    return i >= 0 and doc.norm[i] == ","


def _according(doc: Doc, i: int, drafts: list[Draft]) -> list[Draft]:
    tok = doc.tokens[i]
    ss, se = _sentence(doc, tok.start)
    src = doc.tokens[i + 1].end
    cue = (tok.start, doc.tokens[i + 1].end)
    parts = _comma_parts(doc, src, se)
    if not doc.norm[ss:tok.start].strip(" ,"):  # According to X, (role,) statement.
        if len(parts) < 2:
            return []
        n = 1
        while n < len(parts) - 1 and _is_role_phrase(doc.norm[parts[n][0]:parts[n][1]]):
            n += 1
        subject = parse_subject_en(doc, *_issuer(doc, parts[0][0], parts[n - 1][1]))
        return _statement(doc, parts[n][0], se, cue, subject)
    end = tok.start  # Statement, according to X.
    ss = last_end(drafts, ss, tok.start)  # "X warned that ..., according to a statement": X's already
    while end > ss and doc.norm[end - 1] in " ,":
        end -= 1
    if len(doc.norm[ss:end].split()) < 3:
        return []
    subject = parse_subject_en(doc, *_issuer(doc, src, parts[0][1] if parts else se))
    return [Draft(ss, end, "reported", cue, subject, None)]


_THE_STATEMENT = re.compile(r"\s*(?:the|this|that)\s+(?:statement|report|announcement)[\s.]*$", re.I)
_ISSUED_BY = re.compile(r"\s*(?:an?|the)\s+(?:statement|report|announcement)\s+(?:from|by|issued by|released by)\s+(?P<by>.+?)[\s.]*$"
                        r"|\s*(?:an?\s+)?(?P<own>(?:the\s+)?.+?(?:'s|’s)?)\s+(?:statement|report|announcement)[\s.]*$", re.I)


def _issuer(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """"a police statement", "a statement from the ministry": the issuer's span; "the
    statement" (the one just reported): an empty span, so its issuer carries over; else as given."""
    if _THE_STATEMENT.match(doc.norm, start, end):
        return start, start
    m = _ISSUED_BY.match(doc.norm, start, end)
    if m is None:
        return start, end
    group = "by" if m.group("by") else "own"
    if m.group(group).lower() in _DETERMINERS:
        return start, end  # "the statement": no issuer named
    return m.start(group), m.end(group)


def _comma_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    parts, s = [], start
    for m in re.finditer(r",", doc.norm[start:end]):
        pos = start + m.start()
        if pos > 0 and doc.norm[pos - 1].isdigit() and doc.norm[pos + 1:pos + 2].isdigit():
            continue  # 2,500
        parts.append((s, pos))
        s = pos + 1
    parts.append((s, end))
    return [p for p in parts if doc.norm[p[0]:p[1]].strip()]


def _is_role_phrase(text: str) -> bool:
    words = text.strip().lower().split()
    if not words or len(words) > 8 or _VERBISH.search(text):
        return False
    first = words[1] if words[0] in ("the", "a", "an") and len(words) > 1 else words[0]
    return first in lx.EN_ROLE_HEADS or first in lx.EN_ROLE_MODIFIERS


# ---------------------------------------------------------------- speaker phrases

def parse_subject_en(doc: Doc, start: int, end: int) -> Subject:
    """Mention, role and channel of an English speaker phrase (pronouns carry over)."""
    parts = _comma_parts(doc, start, end)
    kept, channels = [], []
    for n, (a, b) in enumerate(parts):
        text = doc.norm[a:b].strip()
        words = text.split()
        if len(words) > 1 and words[0].lower() in _CONJUNCTIONS and not _INTRO.match(" ".join(words[1:])):
            # "..., while the union insisted", "But opposition lawmaker X, whose ..., said": the
            # conjunction opens the clause, the rest speaks
            kept.append((a + doc.norm[a:b].index(words[0]) + len(words[0]), b))
        elif _INTRO.match(text):
            channels.append((a, b))
        elif not _APPOSITIVE.match(text):
            kept.append((a, b))
    channel = ", ".join(doc.orig(a, b).strip() for a, b in channels) or None
    if not kept:
        return Subject(None, channel=channel)
    spans = [_trim_fillers(doc, a, b) for a, b in kept]
    spans = [s for s in spans if s[0] < s[1]]
    if not spans:
        return Subject(None, channel=channel)
    main, role = spans[0], None
    if len(spans) > 1 and _is_role_phrase(doc.norm[spans[1][0]:spans[1][1]]):
        role = doc.orig(*spans[1])
    elif len(spans) > 1 and _role_then_name(doc, spans[0], spans[1]):
        # "The ministry's spokesman, Ali Hassan, said": the name set off after the role speaks
        main, role = spans[1], doc.orig(*spans[0])
    if doc.norm[main[0]:main[1]].lower() in lx.EN_PRONOUNS:
        # "he added": kept as written; who "he" is comes from the text before
        return Subject(main, channel=channel, kind="pronoun")
    d = describe_en(doc.orig(*main))
    if role is None and d.role:
        role = d.role
    if d.kind == "unnamed":
        role = doc.orig(*main)
    return Subject(main, role=role, channel=channel, kind=d.kind)


def _role_then_name(doc: Doc, role: tuple[int, int], name: tuple[int, int]) -> bool:
    """A role phrase with no name of its own, then one to four capitalised words."""
    words = doc.norm[name[0]:name[1]].split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if describe_en(doc.orig(*name)).name is None:
        return False
    described = doc.norm[role[0]:role[1]].split()
    if described and described[0].lower() in ("the", "a", "an") and not any(w[:1].isupper() for w in described[1:]):
        return True  # "The nurses' union, Unison,": a lower-case description, then its name
    d = describe_en(doc.orig(*role))
    return d.name is None and (d.role is not None or d.kind == "unnamed")


def _trim_fillers(doc: Doc, a: int, b: int) -> tuple[int, int]:
    tokens = doc.tokens_in(a, b)
    while tokens and tokens[-1].text.lower() in lx.EN_FILLERS:
        tokens = tokens[:-1]
    while tokens and tokens[0].text.lower() in ("and", "but", "so"):
        tokens = tokens[1:]
    if not tokens:
        return a, a
    return tokens[0].start, _end_with_dot(doc, tokens[-1].end)


def _end_with_dot(doc: Doc, end: int) -> int:
    """"U.S." keeps its last full stop. The word before `end` is read by looking back a few
    characters: a regex anchored at the end of the text before it is quadratic in a long token."""
    start = end
    while start > 0 and not doc.norm[start - 1].isspace() and end - start < 4:
        start -= 1
    whole = start == 0 or doc.norm[start - 1].isspace()
    word = doc.norm[start:end].lower().rstrip(".")
    if whole and end < len(doc.norm) and doc.norm[end] == "." and word in ("u.s", "u.n", "u.k"):
        return end + 1
    return end


def describe_en(mention: str) -> Described:
    """Name, role and kind of an English mention ("Foreign Secretary David Lammy")."""
    words = mention.replace(",", " ").split()
    low = [w.lower().rstrip(".") for w in words]
    if not words:
        return Described("person", None, None, None, None, False)
    if len(words) == 1 and low[0] in lx.EN_PRONOUNS:
        return Described("pronoun", None, None, None, None, True)
    det = low[0] if low[0] in ("the", "a", "an") else None
    body = words[1:] if det else words
    body_low = low[1:] if det else low
    if not body:
        return Described("person", None, None, None, None, False)
    last = body_low[-1]
    # the trailing run of capitalised, non-role words is the personal name
    k = len(body)
    while k > 0 and _name_word(body[k - 1], body_low[k - 1]):
        k -= 1
    name_words, role_words = body[k:], body[:k]
    while role_words and role_words[-1][:1].isupper() and role_words[-1].lower().rstrip(".") in lx.EN_TITLES \
            and (role_words[-1].endswith(".") or role_words[-1].lower() in ("sheikh", "general")):
        role_words = role_words[:-1]  # "Maj. Gen." belong to the name, not the role
    if role_words and role_words[0].endswith(("'s", "’s")):
        role_words = role_words[1:]  # "Iraq's National Security Adviser"
    head = next((w for w in body_low if w in lx.EN_ROLE_HEADS), None)
    if name_words and last not in lx.EN_ORG_HEADS:
        return Described("person", " ".join(name_words).lower(), " ".join(name_words),
                         " ".join(role_words) or None, head, False)
    source = next((w for w in (head, last) if w in lx.EN_UNNAMED_HEADS), None)
    if source and (det in ("a", "an") or (det is None and source.endswith("s"))):
        return Described("unnamed", None, None, mention, source, False)  # "a senior U.S. official"
    if source == last and det == "the" and len(body) <= 3:
        return Described("unnamed", None, None, mention, source, True)  # "The official"
    # "the head of U.S. Central Command" is a role; "the Prime Minister's office" is not
    if body_low[0] in lx.EN_ROLE_HEADS or (body_low[0] in lx.EN_ROLE_MODIFIERS and last not in lx.EN_ORG_HEADS):
        return Described("person", None, None, " ".join(body), head, False)
    if last in lx.EN_ORG_HEADS or body[-1][:1].isupper():
        org = body[1:] if body[0].endswith(("'s", "’s")) else body
        return Described("organisation", " ".join(org).lower(), " ".join(org), None, None, False)
    return Described("person", None, None, " ".join(body), head, False)


def _name_word(word: str, low: str) -> bool:
    if low in lx.EN_ROLE_HEADS or low in lx.EN_ROLE_MODIFIERS or low in lx.EN_TITLES:
        return False
    if word.endswith(("'s", "’s")):
        return False
    return word[:1].isupper() or low.startswith(("al-", "el-")) or low in ("bin", "ibn", "abu", "de", "van", "von")
