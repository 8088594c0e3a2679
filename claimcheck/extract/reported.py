"""Arabic statements introduced by a cue: verbs (قال ... إن), adverbial participles
(مشيراً إلى أن), source phrases (بحسب X، فإن / ...، وفقاً لـ X / على لسان X / وفق ما نقلت
Y عن X) and "X: ..." headlines.

Each cue yields at most one statement (plus any quotes chained to it with "، و"...""). The
statement is a quote when one follows the connector and fills the rest of the clause
(kind "direct"), otherwise the clause after the connector (kind "reported").
"""
from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.extract import lexicon as lx
from claimcheck.extract.doc import QUOTE_PAIRS, Doc, Draft, Quote, Subject, Token, last_end, scan_cues
from claimcheck.extract.mentions import is_nisba, parse_subject, units
from claimcheck.extract.quotes import is_name_quote
from claimcheck.text.arabic import normalize

MAX_SUBJECT_TOKENS = 45
MAX_FRONT_SUBJECT_TOKENS = 8   # role, title and name before the verb
_CLAUSE_COMMAS = "،,"
_AMMA = ("اما", "واما")  # "أما X ف...": X is the subject of the verb after ف


def find_reported(doc: Doc) -> list[Draft]:
    """Every cue-introduced statement in an Arabic document, in text order."""
    drafts = scan_cues(doc, lambda i, found, taken_until: _match(doc, i, found, taken_until))
    return _headline(doc, drafts) + drafts


def _match(doc: Doc, i: int, drafts: list[Draft], taken_until: int) -> list[Draft] | None:
    word = doc.tokens[i].text
    if word in lx.PARTICIPLE_FORMS:
        return _participle(doc, doc.tokens[i], drafts)
    if word in lx.SOURCE_WORDS or _on_tongue(doc, i):
        return _source(doc, i, drafts)
    if word in lx.CUE_FORMS and word not in lx.NOT_CUES:
        return _verb(doc, i, taken_until)
    return None


# ---------------------------------------------------------------- cue verbs

def _verb(doc: Doc, i: int, taken_until: int) -> list[Draft]:
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    prev = doc.tokens[i - 1] if i > 0 and doc.tokens[i - 1].end > ss else None
    if prev is not None and prev.text in lx.NOUN_MARKERS and not doc.norm[prev.end:tok.start].strip():
        return []  # "وسط توقع أن ...", "بعد إعلان": a verbal noun ("بعد ذلك، أكد" is a verb)
    agree = lx.CUE_FORMS[tok.text]
    before = _postposed_quote(doc, tok, max(ss, taken_until))
    if before is not None:  # «...»، يقول X
        subject = parse_subject(doc, tok.end, _clause_end(doc, tok.end, se))
        return [Draft(before.start, before.end, "direct", (tok.start, tok.end), subject, agree)]
    subject_span = _subject_before(doc, i, ss)
    connector = _connector(doc, tok.end, se)
    if connector is None:
        return []
    participle = _participle_before(doc, tok.end, connector[0])
    if participle is not None and subject_span is None:
        # "ونفى X ما يُتداول عن ...، مؤكداً أن ...": the verb took an object, not a statement;
        # the statement is the participle's, said by the verb's subject.
        comma = _comma_before(doc, participle.start)
        subject = parse_subject(doc, tok.end, _subject_end(doc, tok.end, comma))
        if subject.mention is None:
            return []
        return _statement(doc, connector[1], se, (participle.start, participle.end), subject,
                          lx.PARTICIPLE_FORMS[participle.text], same_sentence=True)
    reporter = _reporter_source(doc, tok, connector[0]) if subject_span is None else None
    if reporter is not None:  # نقلت وكالة X عن Y قوله: the agency is the channel
        agency, subject_span = reporter
        subject = replace(parse_subject(doc, *subject_span), channel=doc.orig(*agency).strip() or None)
    elif subject_span is not None:  # the words between cue and connector: time and channel
        subject = parse_subject(doc, *subject_span)
        subject = replace(subject, channel=parse_subject(doc, tok.end, connector[0]).channel or subject.channel)
    else:
        subject = parse_subject(doc, tok.end, connector[0])
        before_cue = _subject_first(doc, tok, max(ss, taken_until))
        if subject.mention is None and before_cue is not None:  # "الحكومة تؤكد أن ..."
            subject = replace(parse_subject(doc, *before_cue), channel=subject.channel)
        elif subject.mention is None and taken_until <= ss and _joined_cue(tok.text):
            subject = _opening_subject(doc, tok, ss, agree) or subject
    if subject.mention and doc.norm[slice(*subject.mention)] in lx.NON_SPEAKERS:
        return []  # "وتشير التقديرات إلى أن ...": no one is speaking
    if subject.mention is None and not _opens_clause(doc, i, ss):
        return []  # "وسط توقع أن ...": a verbal noun, not a verb carrying on a speaker
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, agree)


def _postposed_quote(doc: Doc, tok: Token, sentence_start: int) -> Quote | None:
    """The quote a cue follows, as in «...»، يقول X (comma between, nothing else);
    "«...»، وأضاف: «...»" is a new cue, not this."""
    if _joined_cue(tok.text):
        return None
    j = tok.start - 1
    while j > sentence_start and doc.norm[j] == " ":
        j -= 1
    if j <= sentence_start or doc.norm[j] not in _CLAUSE_COMMAS:
        return None
    j -= 1
    while j > sentence_start and doc.norm[j] == " ":
        j -= 1
    quote = doc.quote_at(j)
    if quote is None or not quote.closed or quote.close != j + 1 or quote.open < sentence_start:
        return None
    return None if is_name_quote(doc, quote) else quote


def _subject_before(doc: Doc, i: int, ss: int) -> tuple[int, int] | None:
    """The subject of "وكان X قد أكد" and "أما X، فأكد", which stands before the cue."""
    tokens = doc.tokens
    tok = tokens[i]
    if i > 0 and tokens[i - 1].text == "قد":
        for j in range(i - 2, -1, -1):
            if tokens[j].start < ss:
                break
            if tokens[j].text in ("كان", "وكان", "كانت", "وكانت", "فكان", "فكانت"):
                return tokens[j].end, tokens[i - 1].start
    if tok.text.startswith("ف"):
        first = doc.token_index(ss)
        if first < i and tokens[first].text in _AMMA:
            end = tok.start
            while end > tokens[first].end and doc.norm[end - 1] in " ،,":
                end -= 1
            return tokens[first].end, end
    return None


def _opens_clause(doc: Doc, i: int, ss: int) -> bool:
    """A cue with no subject must be a verb opening its clause: "وأضاف", "ثم قال", "، قال"."""
    tok = doc.tokens[i]
    if _joined_cue(tok.text):
        return True
    before = doc.tokens_in(_clause_start(doc, ss, tok.start), tok.start)  # only openers and time words
    return all(w.text in lx.CLAUSE_OPENERS or w.text.removeprefix("و") in lx.TIME_WORDS for w in before)


def _joined_cue(word: str) -> bool:
    """A cue verb with و/ف attached ("وأضاف", "فأكد") always starts a new clause."""
    return word[0] in "وف" and word[1:] in lx.CUE_FORMS


def _clause_start(doc: Doc, start: int, end: int) -> int:
    """Just after the last comma, colon or semicolon in [start, end), else start."""
    return max(start, *(doc.norm.rfind(c, start, end) + 1 for c in "،,:؛;"))


def _subject_first(doc: Doc, tok: Token, start: int) -> tuple[int, int] | None:
    """A short subject opening the clause before its verb ("برلين تؤكد: ...",
    "الحكومة أكدت أن ...", "غير أن الخبيرة فلانة رأت أن ..."), when nothing but that
    subject (after a contrastive opener) stands there."""
    words = _after_contrast(doc.tokens_in(_clause_start(doc, start, tok.start), tok.start))
    if not 1 <= len(words) <= MAX_FRONT_SUBJECT_TOKENS or words[0].text in lx.CLAUSE_OPENERS:
        return None
    if words[0].text[0] in "وف" and not words[0].text[1:].startswith("ال"):
        return None  # "وارتفعت الأسعار ...": a clause of its own, not a subject
    if any(w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS for w in words):
        return None
    if all(w.text.removeprefix("و") in lx.TIME_WORDS for w in words):
        return None  # "ويوم الأحد قال ..."
    first = words[0]
    skip = 1 if first.text.startswith("وال") and len(first.text) > 4 else 0  # "والحكومة"
    return first.start + skip, words[-1].end


def _opening_subject(doc: Doc, tok: Token, ss: int, agree: str) -> Subject | None:
    """"رحبت الوزارة في بيان بالاتفاق، وأكدت أن ...": a cue joined by و to a sentence that
    opened with another verb shares that verb's subject, when it agrees with the cue and
    names an organisation, a role or an unnamed source (not a bare name or a place)."""
    commas = [i for i in range(ss, tok.start) if doc.norm[i] in _CLAUSE_COMMAS and not doc.quote_at(i)]
    topic = _topic_subject(doc, ss, commas[0] if commas else tok.start)
    if topic is not None:  # "أما X فأعرب عن ...، وقال إن"
        subject = parse_subject(doc, *topic)
        return subject if subject.mention is not None else None
    start = ss
    for end in commas + [tok.start]:
        words = [w for w in doc.tokens_in(start, end) if w.text not in lx.CLAUSE_OPENERS]
        if words and _verb_form(words[0].text, agree):
            cut = _subject_end(doc, words[0].end, end)
            subject = replace(parse_subject(doc, words[0].end, cut), channel=parse_subject(doc, cut, end).channel)
            named = subject.kind in ("organisation", "unnamed") or subject.role is not None
            return subject if subject.mention is not None and named else None
        if len(words) > 3:
            return None  # past the opening circumstance ("من جهتها،", "في المقابل،")
        start = end + 1
    return None


def _topic_subject(doc: Doc, ss: int, end: int) -> tuple[int, int] | None:
    """The X of "أما X فـVERB ..." in [ss, end): up to the last word with ف attached, so a
    name that starts with ف ("أما المحافظ فؤاد الكرمي فرفض") stays in the subject."""
    words = doc.tokens_in(ss, end)
    if len(words) < 3 or words[0].text not in _AMMA:
        return None
    verbs = [w for w in words[2:] if w.text.startswith("ف") and len(w.text) > 3]
    return (words[0].end, verbs[-1].start) if verbs else None


def _verb_form(word: str, agree: str) -> bool:
    """Could `word` be a verb showing `agree`? "رحبت"/"ترحب" (f), "رحب"/"يرحب" (m), "رحبوا" (p)."""
    w = word[1:] if word[0] in "وف" and len(word) > 3 else word
    if w.startswith("ال") or w in lx.CLAUSE_OPENERS or len(w) < 3:
        return False
    if agree == lx.F:
        return w.endswith("ت") or w.startswith("ت")
    if agree == lx.P:
        return w.endswith(("وا", "ون"))
    return w.startswith("ي") or not w.endswith(("ت", "ه", "ون", "ين", "وا", "ات"))


def _subject_end(doc: Doc, start: int, end: int) -> int:
    """Where a subject after its verb gives way to the verb's object: a preposition
    ("رحبت الوزارة بالاتفاق", "دعا الوزير إلى ...") - not one inside a role ("القيادي في",
    "المتحدث باسم") - a definite noun after an adjective ("انتقدت المنظمة الدولية القرار")
    or an organisation noun after a definite one."""
    words = doc.tokens_in(start, end)
    for k, w in enumerate(words):
        prev = words[k - 1].text if k else ""
        prep = w.text in lx.PREPOSITIONS or (w.text.startswith("ب") and len(w.text) > 4 and w.text != "باسم")
        if ((prep and not (prev in lx.ROLE_HEADS or prev in lx.UNNAMED_HEADS))
                or (k and (w.text in lx.OBJECT_OPENERS or w.text in lx.CONNECTORS))  # "نفى الوزير ما يُتداول"
                or (is_nisba(prev) and w.text.startswith("ال") and not is_nisba(w.text))
                # "زار الوزير مدينة ...": a definite noun takes no genitive
                or (prev.startswith("ال") and w.text in lx.ORG_HEADS and not w.text.startswith("ال"))):
            stop = words[k - 1].end if k else start
            return stop + 1 if doc.norm.startswith(")", stop) else stop  # "... (يونامي)"
    return end


def _after_contrast(words: list[Token]) -> list[Token]:
    """The words after a leading "غير أن" / "إلا أن" / "لكن", which put a subject before its verb."""
    for opener in lx.CONTRAST_OPENERS:
        if len(words) > len(opener) and tuple(w.text for w in words[:len(opener)]) == opener:
            return words[len(opener):]
    return words


def _reporter_source(doc: Doc, tok: Token, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"نقلت وكالة رويترز عن مصدر دبلوماسي قوله إن": (agency span, speaker span)."""
    return _relay(doc, tok.end, end) if lx.CUE_LEMMAS.get(tok.text) == "نقل" else None


def _relay(doc: Doc, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"وكالة رويترز عن مصدر دبلوماسي قوله": (outlet span, speaker span), split at عن."""
    for t in doc.tokens_in(start, end):
        if t.text == "عن":
            words = [w for w in doc.tokens_in(t.end, end) if w.text not in lx.SELF_SOURCE]
            return ((start, t.start), (t.end, words[-1].end)) if words else None
    return None


def _connector(doc: Doc, start: int, se: int) -> tuple[int, int] | None:
    """(where the subject ends, where the statement starts) after a cue, or None."""
    norm = doc.norm
    i, words = start, 0
    while i < se and words <= MAX_SUBJECT_TOKENS:
        ch = norm[i]
        quote = doc.quote_opening_at(i)
        if quote is not None:
            if _opens_statement(doc, quote, start):
                return i, i
            i = quote.close
            words += 1
            continue
        if ch == ":":
            return i, i + 1
        if ch.isalnum() or ch == "_":
            k = doc.token_index(i)
            if k == len(doc.tokens) or doc.tokens[k].start > i:
                k -= 1  # `i` lies inside a word ("@_ali"): the token that holds it
            if k < 0 or doc.tokens[k].end <= i:
                i += 1
                continue
            tok = doc.tokens[k]
            if tok.text in lx.CONNECTORS and not (k > 0 and doc.tokens[k - 1].text in lx.SUBORDINATORS):
                return tok.start, tok.end
            if _joined_cue(tok.text):
                return None  # "وأعلن الجيش عن عملية، وقال المتحدث إن": the next cue's statement

            words += 1
            i = tok.end
            continue
        i += 1
    return None


def _participle_before(doc: Doc, start: int, end: int) -> Token | None:
    """A participle cue opening a clause ("، مؤكداً") between a verb and the connector found."""
    for tok in doc.tokens_in(start, end):
        if tok.text in lx.PARTICIPLE_FORMS and _comma_before(doc, tok.start) is not None:
            return tok
    return None


def _comma_before(doc: Doc, pos: int) -> int | None:
    """Where the clause comma right before `pos` (spaces aside) is, or None."""
    i = pos - 1
    while i >= 0 and doc.norm[i].isspace():
        i -= 1
    return i if i >= 0 and doc.norm[i] in _CLAUSE_COMMAS else None


def _opens_statement(doc: Doc, quote: Quote, cue_end: int) -> bool:
    """A quote right after the cue (and its subject) that is the statement, not a name."""
    if is_name_quote(doc, quote):
        return False
    between = doc.norm[cue_end:quote.open].strip()
    return not between or len(doc.norm[quote.start:quote.end].split()) >= 5


def _statement(doc: Doc, start: int, se: int, cue: tuple[int, int], subject: Subject | None,
               agree: str | None, same_sentence: bool = False) -> list[Draft]:
    """The statement opening at `start`: a quote filling the clause, or the clause itself."""
    norm = doc.norm
    while start < se and norm[start] == " ":
        start += 1
    k = doc.token_index(start)
    if k < len(doc.tokens) and doc.tokens[k].start == start and doc.tokens[k].text in lx.CONNECTORS:
        return _statement(doc, doc.tokens[k].end, se, cue, subject, agree, same_sentence)  # "كتب: أن ..."
    quote = doc.quote_opening_at(start)
    if quote is not None and _fills_clause(doc, quote, se):
        drafts = [Draft(quote.start, quote.end, "direct", cue, subject, agree, same_sentence)]
        for chained in _chained_quotes(doc, quote, se):
            drafts.append(Draft(chained.start, chained.end, "direct", cue, subject, agree, same_sentence))
        return drafts
    end = _clause_bound(doc, start, se)
    if len(norm[start:end].split()) < 2:
        return []
    return [Draft(start, end, "reported", cue, subject, agree, same_sentence)]


def _fills_clause(doc: Doc, quote: Quote, se: int) -> bool:
    if not quote.closed:
        return True
    rest = doc.norm[quote.close:se].strip()
    if not rest or all(c in ".!?؟\"»”“" for c in rest):
        return True
    if rest[0] in _CLAUSE_COMMAS:
        nxt = rest[1:].lstrip()
        word = re.match(r"\w*", nxt).group()
        return (not nxt or nxt.removeprefix("و")[:1] in QUOTE_PAIRS  # «...»، و«...» / “...”، و“...”
                or word in lx.PARTICIPLE_FORMS or word in lx.APPEAL_PARTICIPLES or word in lx.CUE_FORMS)
    return False


def _chained_quotes(doc: Doc, quote: Quote, se: int) -> list[Quote]:
    """Quotes joined to the first one: «...»، و«...»."""
    out = []
    while quote.closed:
        i = quote.close
        while i < se and doc.norm[i] in " ،,":
            i += 1
        if i < se and doc.norm[i] == "و":
            i += 1
        nxt = doc.quote_opening_at(i)
        if nxt is None or i >= se or nxt is quote or is_name_quote(doc, nxt):
            break
        out.append(nxt)
        quote = nxt
    return out


def _clause_bound(doc: Doc, start: int, se: int) -> int:
    """End of a reported clause: the sentence end, or a comma that opens another cue
    ("، مشيراً إلى أن", "، وأضاف:")."""
    tokens = doc.tokens_in(start, se)
    for k, tok in enumerate(tokens):
        if doc.quote_at(tok.start) or not (tok.text in lx.PARTICIPLE_FORMS or tok.text in lx.CUE_FORMS):
            continue
        # "، مشيراً"، "، وأضاف"، "، لكنه أكد": a comma, at most one opener, then the cue
        first = tokens[k - 1] if k > 0 and tokens[k - 1].text in lx.CLAUSE_OPENERS else tok
        j = max(doc.norm.rfind("،", start, first.start), doc.norm.rfind(",", start, first.start))
        if j >= 0 and not doc.norm[j + 1:first.start].strip() and _connector(doc, tok.end, se):
            return j
    return se


def _clause_end(doc: Doc, start: int, se: int) -> int:
    """Where the words after a postposed cue stop: next comma or full stop outside quotes."""
    for i in range(start, se):
        if doc.norm[i] in _CLAUSE_COMMAS + ".؟!" and not doc.quote_at(i):
            return i
    return se


# ---------------------------------------------------------------- participles

def _participle(doc: Doc, tok: Token, drafts: list[Draft]) -> list[Draft]:
    """"، مشيراً إلى أن ..." carries on the speaker of the sentence it closes."""
    ss, se = doc.sentence_at(tok.start)
    connector = _connector(doc, tok.end, se)
    if connector is None or len(doc.norm[tok.end:connector[0]].split()) > 2:
        return []
    agree = lx.PARTICIPLE_FORMS[tok.text]
    # "رفض الوزير فلان الاتهامات، مؤكداً أن ...": with no statement before it in the sentence,
    # the participle's speaker is the subject of the verb that opened the sentence
    spoken = bool(drafts) and drafts[-1].cue[0] >= ss  # drafts come in text order
    subject = None if spoken else _opening_subject(doc, tok, ss, agree)
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, agree, same_sentence=True)


# ---------------------------------------------------------------- بحسب / وفقاً لـ

def _source(doc: Doc, i: int, drafts: list[Draft]) -> list[Draft]:
    tokens = doc.tokens
    tok = tokens[i]
    ss, se = doc.sentence_at(tok.start)
    cue = (tokens[i - 1].start if _on_tongue(doc, i) else tok.start, tok.end)
    k = i + 1
    if k < len(tokens) and tokens[k].text in ("ل", "عن"):
        k += 1  # وفقاً لـ X، نقلاً عن X
    relayed = False
    if k + 1 < len(tokens) and tokens[k].text in ("ما", "لما"):
        relayed = _relay_verb(tokens[k + 1].text)  # وفق ما نقلت وكالة X عن Y
        k += 2  # بحسب ما قال X، وفقاً لما ذكرته X
        if k < len(tokens) and tokens[k].text in ("به", "بها"):
            k += 1
    if k >= len(tokens) or tokens[k].start >= se:
        return []
    src_start = tokens[k].start
    if k == i + 1 and tok.text in lx.SOURCE_WORDS_WITH_LAM and tokens[k].text.startswith("ل"):
        src_start += 1  # وفقاً للصفدي -> الصفدي
    if tokens[k].text in lx.SELF_SOURCE:  # حسب زعمها: the current speaker
        agree = {"ه": lx.M, "ا": lx.F, "م": lx.P}.get(tokens[k].text[-1])
        return _source_after(doc, ss, None, agree, cue, drafts)
    src_end = _clause_end(doc, src_start, se)
    connector = _connector(doc, src_start, src_end)  # "على لسان X أن ..." / "...: «...»"
    subject = _source_subject(doc, src_start, connector[0] if connector else src_end, relayed)
    if subject.mention is None:
        return []
    if connector is not None:  # "وجاء على لسان X أن ...", "وبحسب X فإن ..."
        return _statement(doc, connector[1], se, cue, subject, None)
    if doc.token_index(ss) == i:  # وبحسب X، فإن ...
        if src_end >= se:
            return []
        start = src_end + 1
        k = doc.token_index(start)
        if k < len(doc.tokens) and doc.tokens[k].text in lx.CONNECTORS and doc.tokens[k].start < se:
            start = doc.tokens[k].end
        elif not _looks_like_source(doc, subject, drafts):
            return []  # "وبحسب الاتفاق، تنسحب ...": a plan, not a speaker
        return _statement(doc, start, se, cue, subject, None)
    if not (relayed or _looks_like_source(doc, subject, drafts)):
        return []  # a relayed source ("وفق ما نقلت X عن تجار") is one, whoever it names
    return _source_after(doc, ss, subject, None, cue, drafts)


def _on_tongue(doc: Doc, i: int) -> bool:
    """"على لسان X" ("on X's tongue"): a source phrase of two words, "لسان" being the second."""
    return doc.tokens[i].text == lx.TONGUE and i > 0 and doc.tokens[i - 1].text in lx.TONGUE_PREPS


def _relay_verb(word: str) -> bool:
    """"نقلت", "نقلته", "نقلها": a verb of relaying, whose source follows عن."""
    return any(lx.CUE_LEMMAS.get(word[:len(word) - n]) == "نقل" for n in (0, 1, 2))


def _source_subject(doc: Doc, start: int, end: int, relayed: bool) -> Subject:
    """The speaker of a source phrase; after a relaying verb the outlet is the channel
    ("وفق ما نقلت وكالة X عن مصادر مطلعة")."""
    split = _relay(doc, start, end) if relayed else None
    if split is None:
        return parse_subject(doc, start, end)
    outlet, speaker = split
    return replace(parse_subject(doc, *speaker), channel=doc.orig(*outlet).strip() or None)


def _source_after(doc: Doc, ss: int, subject: Subject | None, agree: str | None,
                  cue: tuple[int, int], drafts: list[Draft]) -> list[Draft]:
    """"..., بحسب X": the statement is the clause before the source phrase."""
    start = last_end(drafts, ss, cue[0])
    words = doc.tokens_in(start, cue[0])
    if words and words[0].text in lx.CUE_FORMS:  # "وتشير التقديرات إلى أن ...، بحسب X"
        start = next((w.end for w in words[1:8] if w.text in lx.CONNECTORS), start)
    end = cue[0]
    while end > start and doc.norm[end - 1] in " ،,":
        end -= 1
    if len(doc.norm[start:end].split()) < 3:
        return []
    return [Draft(start, end, "reported", cue, subject, agree)]


def _looks_like_source(doc: Doc, subject: Subject, drafts: list[Draft]) -> bool:
    """After a clause, "بحسب X" is a source only if X names a speaker-like thing
    (not "بحسب الاتفاق"): a role, an unnamed source, an organisation, or someone quoted before."""
    if subject.kind in ("unnamed", "organisation") or subject.role:
        return True
    mention = doc.norm[subject.mention[0]:subject.mention[1]]
    last = mention.split()[-1] if mention.split() else ""
    return any(d.subject and d.subject.mention
               and doc.norm[d.subject.mention[0]:d.subject.mention[1]].split()[-1:] == [last]
               for d in drafts)


# ---------------------------------------------------------------- headlines

def _headline(doc: Doc, body: list[Draft]) -> list[Draft]:
    """"بلينكن: لا اتفاق قبل ..." - a title "X: statement" is a claim when the story itself
    quotes X; otherwise "مصر: اكتشاف ..." is a label, not a speaker."""
    if not doc.paragraphs:
        return []
    ps, pe = doc.paragraphs[0]
    line = doc.norm[ps:pe]
    colon = line.find(":")
    if colon <= 0 or len(line.split()) > 30:
        return []
    head = units(doc, ps, ps + colon)
    if not 1 <= len(head) <= 5 or any(u.kind == "comma" for u in head):
        return []
    if any(u.kind == "word" and (u.text in lx.CUE_FORMS or u.text in lx.HEADLINE_LABELS
                                 or u.text.isdigit()) for u in head):
        return []
    subject = parse_subject(doc, ps, ps + colon)
    start, end = ps + colon + 1, pe
    if len(doc.norm[start:end].split()) < 3 or subject.mention is None:
        return []
    if not _quoted_in_body(doc, subject, body):
        return []
    return [Draft(start, end, "reported", None, subject, None)]


def _quoted_in_body(doc: Doc, subject: Subject, body: list[Draft]) -> bool:
    """The headline's speaker speaks in the story: same surname, or same role head
    ("وزير الطاقة: ..." and "قال وزير الطاقة والمياه، فلان، ...")."""
    words = [_bare(w) for w in doc.norm[slice(*subject.mention)].split()]
    if not words:
        return False
    for d in body:
        if d.subject and d.subject.mention:
            other = [_bare(w) for w in doc.norm[slice(*d.subject.mention)].split()]
            if not other:
                continue
            role = [_bare(w) for w in normalize(d.subject.role or "").split()]
            heads = {other[0], *role[:1]}
            if words[-1] in other + role or (words[0] in heads and words[0] in _ROLE_HEADS_BARE):
                return True
    return False


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_ROLE_HEADS_BARE = frozenset(_bare(w) for w in lx.ROLE_HEADS)
