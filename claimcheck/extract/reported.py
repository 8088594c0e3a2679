"""Arabic statements introduced by a cue: verbs (قال ... إن), adverbial participles
(مشيراً إلى أن), source phrases (بحسب X، فإن / ...، وفقاً لـ X / على لسان X / وفق ما نقلت
Y عن X) and "X: ..." headlines.

Each cue yields at most one statement (plus any quotes chained to it with "، و"...""). The
statement is a quote when one follows the connector and fills the rest of the clause
(kind "direct"), otherwise the clause after the connector (kind "reported").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from claimcheck.extract import lexicon as lx
from claimcheck.extract.doc import QUOTE_PAIRS, Doc, Draft, Quote, Subject, Token, last_end, scan_cues
from claimcheck.extract.mentions import ali_name, is_nisba, lam_head, parse_subject, speaker_like, units
from claimcheck.extract.quotes import is_name_quote
from claimcheck.text.arabic import normalize

MAX_SUBJECT_TOKENS = 45
MIN_REPORTED_WORDS = 2
MAX_FRONT_SUBJECT_TOKENS = 8   # role, title and name before the verb
MAX_FRONT_ROLE_TOKENS = 14     # a long role set off before its name: "وزير ... في الحكومة ...، فلان، نفى"
_CLAUSE_COMMAS = "،,"
_AMMA = ("اما", "واما")  # "أما X ف...": X is the subject of the verb after ف
_KANA = ("كان", "وكان", "كانت", "وكانت", "فكان", "فكانت")  # "وكان X (قد) أكد": X is the cue's subject


def find_reported(doc: Doc) -> list[Draft]:
    """Every cue-introduced statement in an Arabic document, in text order."""
    drafts = scan_cues(doc, lambda i, found, taken_until: _match(doc, i, found, taken_until))
    return _headline(doc, drafts) + drafts


def _match(doc: Doc, i: int, drafts: list[Draft], taken_until: int) -> list[Draft] | None:
    word = doc.tokens[i].text
    if word in lx.PARTICIPLE_FORMS:
        return _participle(doc, doc.tokens[i], drafts)
    if word in lx.SOURCE_WORDS or _on_tongue(doc, i) or _as_put(doc, i):
        return _source(doc, i, drafts)
    if word in lx.STANCE_VERBS and _in_relative_clause(doc, i):
        return _stance(doc, i)
    if word in lx.CUE_FORMS and word not in lx.NOT_CUES and not _accusative(doc, doc.tokens[i]) \
            and not _in_relative_clause(doc, i):
        return _verb(doc, i, taken_until)
    if word in _BY_SAYING:
        return _by_saying(doc, i, drafts)
    if word in lx.REPORT_NOUNS:
        return _nominal(doc, i)
    if word in lx.CAME_WORDS:
        return _came_in(doc, i)
    deemed = _deeming(word)
    if deemed is not None:
        return _deems(doc, i, deemed)
    described = _describing(word)
    if described is not None:
        return _described_as(doc, i, described)
    if i > 0 and doc.tokens[i - 1].text in lx.WHAT_WORDS and _suffixed_cue(word):
        return _what_was_said(doc, i)
    return None


def _stance(doc: Doc, i: int) -> list[Draft]:
    """"وزارة الخارجية والبيت الأبيض اللذين يؤيدان سحب جميع القوات، ووزارة الدفاع التي ترى
    ضرورة الإبقاء ...": an organisation or office and the position a relative clause gives it.
    The statement keeps its holder and verb, so it reads as a claim on its own."""
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    relative = doc.tokens[i - 1]
    holder = _noun_phrase_before(doc, i - 1, ss)
    if holder is None:
        return []
    subject = parse_subject(doc, *holder)
    if subject.mention is None or subject.kind != "organisation" and not subject.role:
        return []
    end = min([j for j in range(tok.end, se) if doc.norm[j] in "،,؛;" and not doc.quote_at(j)] or [se])
    if len(doc.tokens_in(tok.end, end)) < 2:
        return []
    start = subject.mention[0]
    return [Draft(start, end, "reported", (relative.start, tok.end), subject, None)]


def _noun_phrase_before(doc: Doc, k: int, ss: int) -> tuple[int, int] | None:
    """The organisation or role phrase ending right before token k: back over definite
    words, heads and و-conjuncts to its head noun ("وزارة الخارجية والبيت الأبيض")."""
    j = k - 1
    start = None
    while j >= 0 and doc.tokens[j].start >= ss and not doc.quote_at(doc.tokens[j].start):
        word = doc.tokens[j].text
        bare = word[1:] if word.startswith("و") and (word[1:] in lx.ORG_HEADS or word[1:].startswith("ال")) else word
        if doc.norm[doc.tokens[j].end:doc.tokens[j + 1].start].strip():
            break  # a comma or a quote mark between: not one phrase
        if bare in lx.ORG_HEADS or bare in lx.ROLE_HEADS:
            start = doc.tokens[j].start + (len(word) - len(bare))
        elif not (bare.startswith("ال") or bare in lx.NATIONALITIES):
            break
        j -= 1
    return (start, doc.tokens[k - 1].end) if start is not None else None


def _in_relative_clause(doc: Doc, i: int) -> bool:
    """"في الوقت الذي يتوقع فيه ...، فإن ...": a cue right after a relative pronoun heads a
    clause about something else, and the connector that follows is the main clause's."""
    return i > 0 and doc.tokens[i - 1].text in lx.RELATIVES


def _suffixed_cue(word: str) -> bool:
    """"أعلنه", "قاله", "أكدته": a cue verb with the object pronoun of "ما أعلنه"."""
    return any(word.endswith(suffix) and word[:-len(suffix)] in lx.CUE_FORMS for suffix in ("ه", "ها"))


def _what_was_said(doc: Doc, i: int) -> list[Draft]:
    """"مع ما أعلنه مستشار الأمن القومي الخميس بشأن "..."، و...": what a speaker said
    about a topic, as a contrast or a reference: the words after بشأن/حول/عن/من are the
    speaker's (not those of the sentence's subject)."""
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    words = _first_tokens(doc, tok.end, se, MAX_NOMINAL_SUBJECT_TOKENS + 1)
    about = next((w for w in words if w.text in lx.ABOUT_PREPS), None)
    if about is None or about is words[0]:
        return []
    subject = parse_subject(doc, tok.end, about.start)
    if subject.mention is None or not speaker_like(doc, subject) or not _only_speaker_words(doc, subject, about.start):
        return []
    return [replace(d, kind="reported") if d.kind == "reported" else d
            for d in _about_statement(doc, about.end, se, (tok.start, tok.end), subject)]


def _about_statement(doc: Doc, start: int, se: int, cue: tuple[int, int], subject: Subject) -> list[Draft]:
    """The rest of the clause after "بشأن": one statement, quotes and all."""
    while start < se and doc.norm[start] == " ":
        start += 1
    k = doc.token_index(start)
    if k < len(doc.tokens) and doc.tokens[k].start == start and doc.tokens[k].text in lx.CONNECTORS:
        start = doc.tokens[k].end  # "ما قاله X من أن ..."
        while start < se and doc.norm[start] == " ":
            start += 1
    end = _clause_bound(doc, start, se)
    while end > start and doc.norm[end - 1] in " .،,":
        end -= 1
    if len(doc.norm[start:end].split()) < 3:
        return []
    return [Draft(start, end, "reported", cue, subject, None)]


# ---------------------------------------------------------------- verbal nouns

MAX_NOMINAL_SUBJECT_TOKENS = 16  # a long title and a name, a day, a channel


def _nominal(doc: Doc, i: int) -> list[Draft]:
    """"بعد إعلان قائد القيادة ... الجنرال فلان الجمعة أن ...", "تصريحات X بأن ...",
    "في إشارة X إلى أن ...": a verbal noun of speech whose genitive is the speaker. Only
    when the words between noun and connector are a speaker (with time words and a channel),
    so "بعد إعلان انسحاب القوات ..." and other genitives never speak."""
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    connector = _connector(doc, tok.end, se)
    quote = doc.quote_opening_at(connector[0]) if connector else None
    if quote is not None and quote.closed and len(doc.norm[quote.start:quote.end].split()) <= 4 \
            and not doc.norm[tok.end:quote.open].strip():
        connector = _connector(doc, quote.close, se)  # 'إعلان "تنسيقية ..." أنها': a quoted name
    if connector is None:
        return _nominal_then_verb(doc, i, se) or _nominal_object(doc, i, se)
    if doc.quote_opening_at(connector[0]) is not None:
        return []
    between = doc.tokens_in(tok.end, connector[0])
    if any(w.text in lx.SAYING_WORDS for w in between):
        return []  # "... بالقول إن": another verb's speaker says it
    if not 1 <= len(between) <= MAX_NOMINAL_SUBJECT_TOKENS:
        return []
    if any(w.text in lx.CUE_FORMS or w.text in lx.REPORT_NOUNS or w.text in lx.PARTICIPLE_FORMS for w in between):
        return []  # "تصريح يؤكد أن": the verb is the cue, not the noun
    subject = parse_subject(doc, tok.end, connector[0])
    if subject.mention is None or not speaker_like(doc, subject):
        return []
    if not _only_speaker_words(doc, subject, connector[0]) or not _name_shaped(doc, subject):
        return []
    inside = doc.tokens_in(*subject.mention)
    if any(w.text in lx.OBJECT_OPENERS or w.text in lx.WHAT_WORDS for w in inside[1:]):
        return []  # "رواية الوزارة مع ما قاله فلان من أن": another clause inside the genitive
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, None)


def _name_shaped(doc: Doc, subject: Subject) -> bool:
    """A genitive with no role, title or organisation head must look like a name: a few
    words and no preposition ("إعلان واشنطن", not "إعلان انسحاب القوات من المدينة")."""
    if subject.kind != "person" or subject.role:
        return True
    words = doc.norm[slice(*subject.mention)].split()
    return len(words) <= 4 and not any(w in lx.PREPOSITIONS or w in lx.NON_SPEAKER_OPENERS for w in words)


def _deeming(word: str) -> str | None:
    """"واعتبرها", "ووصفه": a joined verb of deeming with an object pronoun; its bare form."""
    for suffix in ("ها", "هم", "ه"):
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and _joined_cue(stem) and lx.CUE_LEMMAS.get(stem) in lx.DEEM_CUES:
            return stem
    return None


_DESCRIBE_LEMMAS = frozenset(normalize(w) for w in ["وصف", "اعتبر"])


def _describing(word: str) -> str | None:
    """"وصفها", "اعتبره": an unjoined verb of describing with an object pronoun; its bare form."""
    for suffix in ("ها", "هم", "ه"):
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and stem in lx.CUE_FORMS and not _joined_cue(stem) \
                and lx.CUE_LEMMAS.get(stem) in _DESCRIBE_LEMMAS:
            return stem
    return None


def _described_as(doc: Doc, i: int, stem: str) -> list[Draft]:
    """"في خطوة وصفها الوزير فلان بأنها "ضربة قاسية"": what the named subject calls it."""
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    connector = _connector(doc, tok.end, se)
    if connector is None or len(doc.tokens_in(tok.end, connector[0])) > MAX_FRONT_SUBJECT_TOKENS:
        return []
    subject = parse_subject(doc, tok.end, connector[0])
    if subject.mention is None or not speaker_like(doc, subject):
        return []
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, lx.CUE_FORMS[stem])


def _deems(doc: Doc, i: int, stem: str) -> list[Draft]:
    """"وقلل البيان من أهمية المفاوضات، واعتبرها محاولة "لخلط الأوراق"": what the speaker
    deems it is the statement (a predicate, no أن), said by the sentence's own speaker."""
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    if i + 1 >= len(doc.tokens) or doc.tokens[i + 1].text in lx.CONNECTORS or doc.tokens[i + 1].start >= se:
        return []
    start = doc.tokens[i + 1].start
    end = _clause_bound(doc, start, se)
    while end > start and doc.norm[end - 1] in " .،,؛;":
        end -= 1
    if len(doc.tokens_in(start, end)) < 2:
        return []
    return [Draft(start, end, "reported", (tok.start, tok.end), None, lx.CUE_FORMS[stem], same_sentence=True)]


def _came_in(doc: Doc, i: int) -> list[Draft]:
    """"وجاء في البيان أن ...", "وجاء في بيان للوزارة أن ...": what a statement says is its
    issuer's - the author named with it, else the speaker whose statement it is (carried over)."""
    tokens = doc.tokens
    if i + 2 >= len(tokens) or tokens[i + 1].text != "في" or not _channel_word(tokens[i + 2].text):
        return []
    ss, se = doc.sentence_at(tokens[i].start)
    connector = _connector(doc, tokens[i + 2].end, se)
    if connector is None:
        return []
    # "وجاء في بيان صادر عن الرئاسة، نُشر مساء الأربعاء على صفحتها، أن": an aside between
    # commas says when or where it was published, not who speaks
    comma = _comma_before_in(doc, tokens[i + 2].end, connector[0])
    first = doc.norm.find("،", tokens[i + 2].end, connector[0])
    first = first if first >= 0 else doc.norm.find(",", tokens[i + 2].end, connector[0])
    naming_end = first if first >= 0 and comma is not None and comma > first else connector[0]
    if len(doc.tokens_in(tokens[i].end, naming_end)) > MAX_FRONT_SUBJECT_TOKENS \
            or len(doc.tokens_in(naming_end, connector[0])) > MAX_FRONT_ROLE_TOKENS:
        return []
    # from the statement word on, so that "بيان صادر عن X" names its author
    subject = parse_subject(doc, tokens[i + 2].start, naming_end)
    if subject.mention is not None and subject.mention[0] == tokens[i + 2].start:
        subject = parse_subject(doc, tokens[i + 1].start, naming_end)  # "في البيان": no author named
    if subject.mention is not None and not speaker_like(doc, subject):
        subject = Subject(None, channel=subject.channel)
    return _statement(doc, connector[1], se, (tokens[i].start, tokens[i + 2].end), subject, None)


def _channel_word(word: str) -> bool:
    """"البيان", "بيان", "بيانها", "الرسالة": a statement or message as a channel."""
    bare = word[2:] if word.startswith("ال") else word
    return bare in lx.CHANNEL_HEADS or any(bare.endswith(p) and bare[:-len(p)] in lx.CHANNEL_HEADS
                                           for p in ("ه", "ها", "هم"))


def _nominal_object(doc: Doc, i: int, se: int) -> list[Draft]:
    """"تحذير كتائب X للولايات المتحدة من "رد مباغت"", "تهديدات الفصائل بضرب القواعد": a
    warning or threat named by its noun; what it warns of is the statement."""
    tok = doc.tokens[i]
    preps = lx.NOUN_OBJECT_PREPS.get(tok.text.removeprefix("و"))
    if preps is None:
        return []
    end = _narration_bound(doc, tok.end, se)
    subject_end = _subject_end(doc, tok.end, _clause_end(doc, tok.end, end))
    subject = parse_subject(doc, tok.end, subject_end)
    if subject.mention is None or not speaker_like(doc, subject) or subject.mention[1] > subject_end:
        return []
    if subject.kind == "person" and not subject.role and len(doc.tokens_in(*subject.mention)) > 3:
        return []  # a long genitive with no head: not a speaker
    rest = _first_tokens(doc, subject_end, end, MAX_FRONT_SUBJECT_TOKENS)
    own = next((w for w in rest if w.text in preps or ("ب" in preps and w.text.startswith("ب") and len(w.text) > 4)), None)
    if own is None or doc.quote_at(own.start):
        return []
    start = own.end if own.text in preps else own.start + 1
    bound = _clause_end(doc, start, end)  # "رغم تحذيرات X من كارثة، استمر القصف": the phrase ends at the comma
    while bound > start and doc.norm[bound - 1] in " .،,؛;":
        bound -= 1
    if len(doc.norm[start:bound].split()) < 2:
        return []
    return [Draft(start, bound, "reported", (tok.start, tok.end), subject, None)]


def _nominal_then_verb(doc: Doc, i: int, se: int) -> list[Draft]:
    """"مع صدور تصريحات من قوى وفصائل مسلحة عدة شككت بإعلان الحكومة ...، واعتبرته ...":
    statements "from" someone, then the verb saying what they said; the verb and what follows
    it (to the end of the clause) is the statement."""
    tok = doc.tokens[i]
    words = _first_tokens(doc, tok.end, se, MAX_FRONT_SUBJECT_TOKENS + 1)
    if len(words) < 3 or words[0].text not in lx.SOURCE_PREPS:
        return []
    verb = next((w for w in words[2:] if w.text in lx.CUE_FORMS and w.text not in lx.NOT_CUES
                 and not _accusative(doc, w)), None)
    if verb is None or any(w.text in lx.PREPOSITIONS for w in words[1:words.index(verb)]):
        return []
    subject = parse_subject(doc, words[1].start, verb.start)
    if subject.mention is None or not speaker_like(doc, subject) or subject.mention[1] < doc.tokens[doc.token_index(verb.start) - 1].end:
        return []
    end = _narration_bound(doc, verb.start, se)
    while end > verb.start and doc.norm[end - 1] in " .،,؛;":
        end -= 1
    if len(doc.tokens_in(verb.start, end)) < 3:
        return []
    return [Draft(verb.start, end, "reported", (tok.start, tok.end), subject, lx.CUE_FORMS[verb.text])]


def _only_speaker_words(doc: Doc, subject: Subject, end: int) -> bool:
    """After the speaker and before the connector stand only time words, cue particles,
    numbers and the channel ("الجمعة", "في بيان", "إلى"), not another clause."""
    if subject.channel is not None:
        return True
    for w in doc.tokens_in(subject.mention[1], end):
        if not (w.text in lx.TIME_WORDS or w.text.removeprefix("و") in lx.TIME_WORDS
                or w.text in lx.CUE_PARTICLES or w.text.isdigit()):
            return False
    return True


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
        stop = _clause_end(doc, tok.end, se)
        subject = parse_subject(doc, tok.end, stop)
        found = [Draft(before.start, before.end, "direct", (tok.start, tok.end), subject, agree)]
        after = doc.quote_opening_at(_skip_spaces(doc, stop + 1)) if stop < se and doc.norm[stop] in _CLAUSE_COMMAS else None
        if after is not None and after.closed and after.end <= se:
            # «...»، يقول X، «...»: the quote goes on after the cue
            found.append(Draft(after.start, after.end, "direct", (tok.start, tok.end), subject, agree))
        return found
    subject_span = _subject_before(doc, i, ss)
    connector = _connector(doc, tok.end, se)
    if connector is None and tok.text in lx.SUBORDINATORS and i + 1 < len(doc.tokens) \
            and doc.tokens[i + 1].text in lx.CONNECTORS:
        # "يتوقع أن" is impersonal ("it is expected that") unless a speaker stands before it:
        # "فإنّ مسؤولاً أمريكياً كبيراً يتوقع أنّ ..."
        front = _subject_first(doc, tok, max(ss, taken_until))
        if front is not None and speaker_like(doc, parse_subject(doc, *front)):
            connector = (doc.tokens[i + 1].start, doc.tokens[i + 1].end)
    if connector is None:
        return _object_statement(doc, i, ss, se, taken_until)
    if _cue_between(doc, tok.end, connector[0]):
        # "وأعلنت X فتح باب التطوع، في خطوة قالت عنها إنها": the connector is the later verb's;
        # this one states its object
        return _object_statement(doc, i, ss, se, taken_until)
    participle = _participle_before(doc, tok.end, connector[0])
    if participle is not None and subject_span is None:
        # "ونفى X ما يُتداول عن ...، مؤكداً أن ...": the verb took an object, not a statement;
        # the statement is the participle's, said by the verb's subject.
        comma = _comma_before(doc, participle.start)
        subject = parse_subject(doc, tok.end, _subject_end(doc, tok.end, comma))
        before: list[Draft] = []
        if subject.mention is None:
            # "فلان، أستاذ الاقتصاد، حث على تسريع ...، مؤكداً أن ...": the subject stands first,
            # and the verb's own object is a statement too
            front = _subject_first(doc, tok, max(ss, taken_until)) or _fronted_with_apposition(doc, tok, max(ss, taken_until))
            subject = parse_subject(doc, *front) if front else subject
            if subject.mention is None or not speaker_like(doc, subject):
                return []
            before = _object_statement(doc, i, ss, se, taken_until)
        elif lx.CUE_LEMMAS.get(tok.text) in lx.OBJECT_CUES:
            before = _object_statement(doc, i, ss, se, taken_until)  # "نفت الوزارة تسجيل إصابات، مؤكدة أن"
        return before + _statement(doc, connector[1], se, (participle.start, participle.end), subject,
                                   lx.PARTICIPLE_FORMS[participle.text], same_sentence=True)
    reporter = _reporter_source(doc, tok, connector[0]) if subject_span is None else None
    if reporter is not None:  # نقلت وكالة X عن Y قوله: the agency is the channel
        agency, subject_span = reporter
        # the verb agrees with the outlet, not with the source it quotes
        subject = replace(parse_subject(doc, *subject_span), channel=doc.orig(*agency).strip() or None,
                          cue_agrees=False)
    elif subject_span is not None:  # the words between cue and connector: time and channel
        subject = parse_subject(doc, *subject_span)
        subject = replace(subject, channel=parse_subject(doc, tok.end, connector[0]).channel or subject.channel)
    else:
        subject = parse_subject(doc, tok.end, connector[0])
        lemma = lx.CUE_LEMMAS.get(tok.text)
        if lemma in lx.OBJECT_THEN_CONNECTOR:
            cut = _object_after_subject(doc, tok.end, connector[0])
            subject = replace(parse_subject(doc, tok.end, cut), channel=subject.channel)
        if lemma in lx.OBJECT_CUES and lemma not in lx.BARE_OBJECT_CUES and subject.mention is not None:
            # "وهدد الفصيل مَن سمّاهم بـ"الخونة" أن يتداركوا": the subject ends at the object
            cut = _subject_end(doc, tok.end, connector[0])
            subject = replace(parse_subject(doc, tok.end, cut), channel=parse_subject(doc, cut, connector[0]).channel)
        if subject.mention is not None and not speaker_like(doc, subject):
            subject = Subject(None, channel=subject.channel)  # "قالت لبغداد إن", "أشار إلى حصول"
        before_cue = _subject_first(doc, tok, max(ss, taken_until)) or _fronted_with_apposition(doc, tok, max(ss, taken_until))
        if before_cue is not None and not speaker_like(doc, parse_subject(doc, *before_cue)):
            before_cue = _sentence_subject(doc, ss, tok, agree)  # "..., بإصدار بيان مماثل قالت إن"
        if subject.mention is None and before_cue is not None:  # "الحكومة تؤكد أن ..."
            subject = replace(parse_subject(doc, *before_cue), channel=subject.channel)
        elif subject.mention is None and taken_until <= ss and (_joined_cue(tok.text) or _right_after_comma(doc, tok)):
            # "وقدمت الخبيرة فلانة عرضاً، قالت فيه إن": the opening verb's subject
            subject = _opening_subject(doc, tok, ss, agree) or _earlier_cue_subject(doc, ss, tok, agree) or subject
    if subject.mention and doc.norm[slice(*subject.mention)] in lx.NON_SPEAKERS:
        return []  # "وتشير التقديرات إلى أن ...": no one is speaking
    if subject.mention is None and subject_span is None and reporter is None:
        # "وأعلنت الفصائل فتح باب التطوع، في خطوة قالت عنها إنها ...": the earlier cue's subject
        subject = _earlier_cue_subject(doc, ss, tok, agree) or subject
    if subject.mention is None and not _opens_clause(doc, i, ss):
        return []  # "وسط توقع أن ...": a verbal noun, not a verb carrying on a speaker
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, agree if subject.cue_agrees else None)


def _object_statement(doc: Doc, i: int, ss: int, se: int, taken_until: int) -> list[Draft]:
    """"وأعلنت الولايات المتحدة ... سحب جميع قواتها", "وحذّر مراقبون من مخاطر أمنية ...",
    "وهددت الفصائل بالتصعيد ...": a cue that takes a noun object instead of أن. The object, up
    to the end of its clause, is the statement; only with a named subject right after the
    verb, which opens its clause."""
    tok = doc.tokens[i]
    lemma = lx.CUE_LEMMAS.get(tok.text)
    if lemma in lx.ACCUSE_CUES and _opens_clause(doc, i, ss):
        return _accusation(doc, i, se)
    if lemma not in lx.OBJECT_CUES or not _opens_clause(doc, i, ss) or _accusative(doc, tok):
        return []
    end = _narration_bound(doc, tok.end, se)
    preps = lx.OBJECT_CUES[lemma]
    subject_end = _subject_end(doc, tok.end, _clause_end(doc, tok.end, end))
    own = next((w for w in doc.tokens_in(tok.end, subject_end)[1:]
                if w.text in preps or ("ب" in preps and w.text.startswith("ب") and len(w.text) > 4)), None)
    if own is not None:  # "وحذّر مراقبون من مخاطر": the verb's own preposition ends the subject
        subject_end = own.start
    inside = doc.tokens_in(tok.end, subject_end)
    for k in range(1, len(inside)):
        prev, w = inside[k - 1].text, inside[k].text
        governed = (prev in lx.ORG_HEADS or prev in lx.ROLE_HEADS) and not prev.startswith("ال")  # a genitive
        if w.startswith("ال") and _VERBAL_NOUN.match(w[2:]) and not (
                governed or prev in lx.PREPOSITIONS or lam_head(prev)):
            subject_end = inside[k].start  # "وتنفي النقابة التوصل إلى اتفاق": the object starts
            break
    subject = parse_subject(doc, tok.end, subject_end)
    if subject.mention is None and not doc.tokens_in(tok.end, subject_end):
        # "فلان، باحث أمني أمريكي، حث باتجاه ...": the subject stands before the verb
        front = _fronted_with_apposition(doc, tok, max(ss, taken_until))
        subject = parse_subject(doc, *front) if front else subject
    elif subject.mention is not None and subject.mention[1] > subject_end:
        return []
    if subject.mention is None or not speaker_like(doc, subject) or _verbal_noun(doc, subject):
        return []
    start = _object_start(doc, subject_end, end)
    k = doc.token_index(start)
    first = doc.tokens[k] if k < len(doc.tokens) and doc.tokens[k].start < end else None
    if first is None or _accusative(doc, first) or first.text in lx.OBJECT_OPENERS:
        # "أعلن الجيش وقفاً لإطلاق النار": an act performed by announcing it; "نفى X ما
        # تتناقله المواقع": a report denied, whose content is not stated
        return []
    if first.text in preps:
        start = first.end
    elif "ب" in preps and first.text.startswith("ب") and len(first.text) > 3:
        start = first.start + 1  # "بمواصلة الهجمات"
    elif lemma not in lx.BARE_OBJECT_CUES:
        return []  # "تهدد الفصائل الاستقرار": not a threat made in words
    bound = _clause_break(doc, start, _clause_bound(doc, start, end))
    while bound > start and doc.norm[bound - 1] in " .،,؛;":
        bound -= 1
    if len(doc.norm[start:bound].split()) < 3:
        return []
    return [Draft(start, bound, "reported", (tok.start, tok.end), subject, lx.CUE_FORMS[tok.text])]


def _clause_break(doc: Doc, start: int, end: int) -> int:
    """A noun object ends at a comma before a new clause ("...، فيما نفت قوات X ذلك")."""
    for j in range(start, end):
        if doc.norm[j] in _CLAUSE_COMMAS and not doc.quote_at(j):
            nxt = _first_tokens(doc, j, end, 1)
            if nxt and nxt[0].text in lx.CLAUSE_BREAKS:
                return j
    return end


def _accusation(doc: Doc, i: int, se: int) -> list[Draft]:
    """"وتتهم واشنطن فصائل عراقية مرتبطة بإيران بالوقوف وراءها": the subject, then the accused
    (an organisation or group, or a word in the accusative), then بـ what they are accused of.
    The accused and the accusation together are the statement."""
    tok = doc.tokens[i]
    end = _narration_bound(doc, tok.end, se)
    words = doc.tokens_in(tok.end, _clause_end(doc, tok.end, end))
    cut = next((k for k, w in enumerate(words) if k >= 1 and words[k - 1].text not in lx.ORG_HEADS
                and words[k - 1].text not in lx.ROLE_HEADS and words[k - 1].text not in lx.PREPOSITIONS
                and (w.text in lx.ORG_HEADS or w.text in lx.UNNAMED_HEADS or w.text in lx.PLURAL_GROUP_HEADS
                     or _accusative(doc, w))), None)
    if cut is None or not any(w.text.startswith("ب") and len(w.text) > 3 for w in words[cut + 1:]):
        return []
    subject = parse_subject(doc, tok.end, words[cut].start)
    if subject.mention is None or not speaker_like(doc, subject):
        return []
    bound = _clause_bound(doc, words[cut].start, end)
    while bound > words[cut].start and doc.norm[bound - 1] in " .،,؛;":
        bound -= 1
    return [Draft(words[cut].start, bound, "reported", (tok.start, tok.end), subject, lx.CUE_FORMS[tok.text])]


def _verbal_noun(doc: Doc, subject: Subject) -> bool:
    """"وتنفي التوصل إلى اتفاق": a lone definite word shaped like a verbal noun (تفعّل, افتعال,
    انفعال, استفعال) is the verb's object, not its subject (a family name ends in ي)."""
    words = doc.norm[slice(*subject.mention)].split()
    if len(words) != 1 or not words[0].startswith("ال") or subject.kind != "person":
        return False
    return bool(_VERBAL_NOUN.match(words[0][2:]))


_VERBAL_NOUN = re.compile(r"^(?!\w*ي$)(?:ت\w{3}|ا\w\wا\w|ان\w\wا\w|است\w\wا\w)$")


def _object_start(doc: Doc, start: int, end: int) -> int:
    """Where a cue's object starts after its subject: past commas, time words, and a time
    phrase or a description set off by commas ("، يوم الجمعة الماضي،", "، مثل فلان،")."""
    while True:
        while start < end and doc.norm[start] in " ،,":
            start += 1
        comma = _clause_end(doc, start, end)
        words = doc.tokens_in(start, comma)
        timed = [w for w in words if w.text in lx.TIME_WORDS or w.text.isdigit()]
        described = words and words[0].text in lx.APPOSITIVE_OPENERS and words[0].text not in lx.PREPOSITIONS
        described = described or (len(words) >= 2 and words[0].text in lx.CHANNEL_PREPS
                                  and _channel_word(words[1].text))  # "، في بيان،"
        if words and (len(timed) == len(words) or described) \
                and comma < end and doc.norm[comma] in _CLAUSE_COMMAS:
            start = comma + 1
            continue
        if words and words[0].text in lx.TIME_WORDS:  # "... الاثنين الماضي بالانتقام"
            start = next((w.start for w in words if w.text not in lx.TIME_WORDS), words[-1].end)
        break
    return start


def _cue_between(doc: Doc, start: int, end: int) -> bool:
    """A cue verb right before the connector found for a cue ("قالت عنها إنها"; at most
    one word between): the connector is that verb's, not the first cue's."""
    words = doc.tokens_in(start, end)
    if any(_describing(w.text) is not None and not doc.quote_at(w.start) for w in words[-MAX_FRONT_SUBJECT_TOKENS - 1:]):
        return True  # "في خطوة وصفها الوزير فلان بأنها": the connector is the describing verb's
    for k in range(max(0, len(words) - 2), len(words)):
        w = words[k]
        if w.text not in lx.CUE_FORMS or w.text in lx.NOT_CUES or doc.quote_at(w.start):
            continue
        clause = doc.tokens_in(_clause_start(doc, start, w.start), w.start)
        if (k and words[k - 1].text == "عدم") or (clause and (clause[0].text in lx.APPOSITIVE_OPENERS
                                                               or clause[0].text in lx.SOURCE_CLAUSE_VERBS)):
            continue  # "فضّل عدم ذكر اسمه": a clause about the source, not a cue
        return True
    return False


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
    if not doc.norm[doc.sentence_at(quote.open)[0]:quote.open].strip():
        return quote  # a quote opening the sentence, then "، يقول X": speech, however short
    return None if is_name_quote(doc, quote) else quote


def _skip_spaces(doc: Doc, pos: int) -> int:
    while pos < len(doc.norm) and doc.norm[pos] == " ":
        pos += 1
    return pos


def _subject_before(doc: Doc, i: int, ss: int) -> tuple[int, int] | None:
    """The subject of "وكان X قد أكد" and "أما X، فأكد", which stands before the cue."""
    tokens = doc.tokens
    tok = tokens[i]
    if i > 0 and tokens[i - 1].text == "قد":
        for j in range(i - 2, -1, -1):
            if tokens[j].start < ss:
                break
            if tokens[j].text in _KANA:
                return tokens[j].end, tokens[i - 1].start
    words = doc.tokens_in(_clause_start(doc, ss, tok.start), tok.start)
    if 2 <= len(words) <= MAX_FRONT_SUBJECT_TOKENS + 1 and words[0].text in _KANA and _head_noun(words[1].text.removeprefix("ال")) \
            and not any(w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS for w in words):
        return words[0].end, tok.start  # "وكان وزير المالية فلان أكد أن" (no قد)
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


def _right_after_comma(doc: Doc, tok: Token) -> bool:
    j = tok.start - 1
    while j >= 0 and doc.norm[j] == " ":
        j -= 1
    return j >= 0 and doc.norm[j] in _CLAUSE_COMMAS and not doc.quote_at(j)


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
    if words and words[0].text in lx.THEN_WORDS:
        words = words[1:]  # "في الوقت الذي ...، فإن مسؤولاً كبيراً يتوقع أن"
    if not 1 <= len(words) <= MAX_FRONT_SUBJECT_TOKENS or words[0].text in lx.CLAUSE_OPENERS:
        return None
    if words[0].text[0] in "وف" and not words[0].text[1:].startswith("ال") and not _head_noun(words[0].text) \
            and not _head_noun(words[0].text[1:]):
        return None  # "وارتفعت الأسعار ...": a clause of its own, not a subject ("وزير المالية" is one)
    if any(w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS for w in words):
        return None
    if all(w.text.removeprefix("و") in lx.TIME_WORDS for w in words):
        return None  # "ويوم الأحد قال ..."
    first = words[0]
    skip = 1 if (first.text.startswith("وال") and len(first.text) > 4) \
        or (first.text[0] == "و" and not _head_noun(first.text) and _head_noun(first.text[1:])) else 0  # "والحكومة", "ووزير"
    return first.start + skip, words[-1].end


def _speaker_head(word: str) -> bool:
    """"الخبيرة", "خبير", "المتحدث": a role or unnamed-source head, with or without ال."""
    return word in lx.ROLE_HEADS or word in lx.UNNAMED_HEADS or word in lx.UNNAMED_BACKREF \
        or word.removeprefix("ال") in lx.UNNAMED_HEADS or word.removeprefix("ال") in lx.ROLE_HEADS


def _bare_head(word: str) -> str:
    """"الوزير" -> "وزير" when only the bare form is listed; other words as they are."""
    return word[2:] if word.startswith("ال") and word not in lx.ROLE_HEADS and word not in lx.ORG_HEADS else word


def _head_noun(word: str) -> bool:
    """A word that opens a speaker phrase: a role, an organisation, an unnamed source, an outlet."""
    return word in lx.ROLE_HEADS or word in lx.ORG_HEADS or word in lx.UNNAMED_HEADS or word in lx.MEDIA_HEADS


def _fronted_with_apposition(doc: Doc, tok: Token, start: int) -> tuple[int, int] | None:
    """"جوناثان لورد، باحث أمني أمريكي، حث ...": a name opening the sentence and a role
    between commas, then the verb right after the second comma."""
    j = _comma_before(doc, tok.start)
    if j is None:
        return None
    k = _comma_before_in(doc, start, j)
    if k is None:
        return None
    name, role = _after_contrast(doc.tokens_in(start, k)), doc.tokens_in(k + 1, j)
    if name and role and role[0].text in lx.RELATIVES and len(name) <= MAX_FRONT_ROLE_TOKENS \
            and not any(w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS or doc.quote_at(w.start) for w in name) \
            and (_head_noun(_bare_head(name[0].text)) or len(name) <= 4):
        return name[0].start, name[-1].end  # "غير أن فلان، الذي حضر الجلسة، قال إن"
    if name and role and 1 <= len(role) <= 4 and len(name) <= MAX_FRONT_ROLE_TOKENS \
            and _head_noun(_bare_head(name[0].text)) and not any(_head_noun(_bare_head(w.text)) for w in role) \
            and not any(w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS for w in name + role):
        return name[0].start, role[-1].end  # "غير أن وزير المالية، فلان الفلاني، نفى أن": role first
    if not 1 <= len(name) <= 4 or not 1 <= len(role) <= MAX_FRONT_SUBJECT_TOKENS:
        return None
    if name[0].text in lx.CLAUSE_OPENERS or any(w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS for w in name + role):
        return None
    if not (role[0].text in lx.ROLE_HEADS or role[0].text in lx.UNNAMED_HEADS or role[0].text in lx.APPOSITIVE_OPENERS):
        return None
    return name[0].start, role[-1].end


def _comma_before_in(doc: Doc, start: int, end: int) -> int | None:
    """The last clause comma in [start, end) outside quotes, or None."""
    for i in range(end - 1, start - 1, -1):
        if doc.norm[i] in _CLAUSE_COMMAS and not doc.quote_at(i):
            return i
    return None


def _earlier_cue_subject(doc: Doc, ss: int, tok: Token, agree: str) -> Subject | None:
    """"بموعد كشفت عنه خلية الإعلام الأمني، وقالت إنه ...", "توعدت الفصائل بالتصعيد، وأشارت
    إلى أنها ...": a joined cue with no subject shares the subject of the nearest cue verb
    before it in the sentence (one that took an object, not a statement), when the forms agree."""
    k = doc.token_index(tok.start)
    words = [w for w in doc.tokens[max(0, k - 2 * MAX_SUBJECT_TOKENS):k] if w.start >= ss and not doc.quote_at(w.start)]
    for w in reversed(words):
        if w.text not in lx.CUE_FORMS or lx.CUE_FORMS[w.text] != agree:
            continue
        end = _subject_end(doc, w.end, _clause_end(doc, w.end, tok.start))
        subject = parse_subject(doc, w.end, end)
        if subject.mention is not None and speaker_like(doc, subject):
            return subject
        return None
    return None


def _bare_noun(word: str) -> bool:
    """An indefinite word with no mark of a verb (no pronoun or ت ending, no present-tense
    prefix): the first term of a genitive ("مبنى الوزارة"), not a verb ("رفضته الحكومة")."""
    return bool(word) and not word.startswith("ال") and not word.endswith(("ه", "ها", "هم", "ت", "وا")) \
        and word[0] not in "يتنأاو" and word not in lx.CUE_FORMS


def _soft_sentence_start(doc: Doc, ss: int) -> int:
    """The start of the sentence, looking back over a ".." (an ellipsis in running text,
    not the end of a sentence)."""
    j = ss
    while j > 0 and doc.norm[j - 1] == " ":
        j -= 1
    if j >= 2 and doc.norm[j - 2:j] == ".." and (j < 3 or doc.norm[j - 3] != "."):
        return doc.sentence_at(j - 3)[0]
    return ss


def _sentence_subject(doc: Doc, ss: int, tok: Token, agree: str) -> tuple[int, int] | None:
    """The organisation or role named as the subject earlier in the sentence, for a cue whose
    own subject slot holds something else ("وعادت بعد ذلك قيادة العمليات، وهي ...، بإصدار
    بيان قالت إن"): the first head noun not governed by a preposition, when its gender fits."""
    words = [w for w in doc.tokens_in(ss, tok.start) if not doc.quote_at(w.start)]
    for k, w in enumerate(words):
        rest = w.text[1:] if w.text.startswith("و") else ""
        head = rest if rest in lx.ORG_HEADS or rest in lx.ROLE_HEADS else w.text
        if head not in lx.ORG_HEADS and head not in lx.ROLE_HEADS:
            continue
        prev = words[k - 1].text if k else ""
        if prev in lx.PREPOSITIONS or prev in lx.NON_SPEAKER_OPENERS or prev in lx.ORG_HEADS or prev in lx.ROLE_HEADS:
            continue  # the object of a preposition or the genitive of another head
        if head.startswith("ال") and _bare_noun(prev):
            continue  # "أمام مبنى الوزارة": the genitive of a noun
        if agree == lx.P:
            if head not in lx.HUMAN_PLURAL_HEADS and head.removeprefix("ال") not in lx.PLURAL_GROUP_HEADS:
                continue  # "مؤكدين": people, not an organisation
        elif agree and (lx.F if head.endswith("ه") else lx.M) != agree:
            continue
        end = _subject_end(doc, w.start, _clause_end(doc, w.start, tok.start))
        return (w.start + len(w.text) - len(head), end) if end > w.start else None
    return None


def opening_subject(doc: Doc, tok: Token, ss: int, agree: str) -> Subject | None:
    """The subject of the verb that opened the sentence, for words at `tok` (see below)."""
    return _opening_subject(doc, tok, ss, agree)


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
        if words and words[0].text not in lx.NON_SPEAKER_OPENERS and _verb_form(words[0].text, agree):
            cut = _subject_end(doc, words[0].end, end)
            later = [c for c in commas if c > end]
            if cut == end and later and _plain_name_between(doc, end + 1, later[0]):
                # "طالبت النائبة عن دائرة الشمال، فلانة الفلانية، الحكومة بـ...": the role's name
                cut = end = later[0]
            subject = replace(parse_subject(doc, words[0].end, cut), channel=parse_subject(doc, cut, end).channel)
            named = subject.kind in ("organisation", "unnamed") or subject.role is not None or (
                subject.mention is not None and doc.norm[slice(*subject.mention)].split()[0] in lx.PERSON_TITLES)
            return subject if subject.mention is not None and named else None
        if len(words) > 3:
            return None  # past the opening circumstance ("من جهتها،", "في المقابل،")
        start = end + 1
    return None


def _plain_name_between(doc: Doc, start: int, end: int) -> bool:
    """One to four words in [start, end) that can only be a name set off by commas."""
    words = doc.tokens_in(start, end)
    if words and words[0].text in lx.PERSON_TITLES:
        words = words[1:]
    return 1 <= len(words) <= 4 and not words[0].text.startswith("ال") and not any(
        _head_noun(_bare_head(w.text)) or w.text in lx.PREPOSITIONS or w.text in lx.CUE_FORMS
        or w.text in lx.CONNECTORS or w.text in lx.TIME_WORDS or w.text in lx.CLAUSE_OPENERS
        or doc.quote_at(w.start) for w in words)


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
        prep = (w.text in lx.PREPOSITIONS and not ali_name(doc, w.start, w.end)) \
            or (w.text.startswith("ب") and len(w.text) > 4 and w.text != "باسم")
        # "الخبيرة المستقلة في ...": a preposition after a head and its adjective is the role's
        qualified = k > 1 and (prev in lx.ROLE_PARTICIPLES or is_nisba(prev)) and _speaker_head(words[k - 2].text)
        if ((prep and not (prev in lx.ROLE_HEADS or prev in lx.UNNAMED_HEADS or qualified))
                or (k and (w.text in lx.OBJECT_OPENERS or w.text in lx.CONNECTORS))  # "نفى الوزير ما يُتداول"
                or (k and _accusative(doc, w))  # "اتهمت الوزيرة أطرافاً ...": a subject is never accusative
                or (is_nisba(prev) and w.text.startswith("ال") and not is_nisba(w.text))
                # "زار الوزير مدينة ...": a definite noun takes no genitive
                or (prev.startswith("ال") and w.text in lx.ORG_HEADS and not w.text.startswith("ال"))):
            stop = words[k - 1].end if k else start
            return stop + 1 if doc.norm.startswith(")", stop) else stop  # "... (يونامي)"
    return end


def _accusative(doc: Doc, w: Token) -> bool:
    """A word written with the accusative tanween ("أطرافاً", "بياناً"): an object, not a name."""
    return doc.orig(w.start, w.end).endswith(("اً", "ًا", "ً"))


def _after_contrast(words: list[Token]) -> list[Token]:
    """The words after a leading "غير أن" / "إلا أن" / "لكن", which put a subject before its verb."""
    for opener in lx.CONTRAST_OPENERS:
        if len(words) > len(opener) and tuple(w.text for w in words[:len(opener)]) == opener:
            return words[len(opener):]
    return words


def _reporter_source(doc: Doc, tok: Token, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"نقلت وكالة رويترز عن مصدر دبلوماسي قوله إن", "ذكرت الوكالة، نقلاً عن مصدر مسؤول،
    أن": (agency span, speaker span)."""
    if lx.CUE_LEMMAS.get(tok.text) == "نقل":
        return _relay(doc, tok.end, end)
    words = doc.tokens_in(tok.end, end)
    for k, w in enumerate(words[1:-1], start=1):
        if w.text in _RELAYED and words[k + 1].text == "عن":
            outlet_end = words[k - 1].end
            after = words[k + 1].end
            stop = next((j for j in range(after, end) if doc.norm[j] in _CLAUSE_COMMAS and not doc.quote_at(j)), end)
            speaker = doc.tokens_in(after, stop)
            return ((tok.end, outlet_end), (speaker[0].start, speaker[-1].end)) if speaker else None
    return None


_RELAYED = frozenset(normalize(w) for w in ["نقلاً", "نقلا"])


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
            if tok.text in lx.CONNECTORS and not (k > 0 and doc.tokens[k - 1].text in lx.SUBORDINATORS) \
                    and not _provided_that(doc, k):
                return tok.start, tok.end
            if _joined_cue(tok.text):
                return None  # "وأعلن الجيش عن عملية، وقال المتحدث إن": the next cue's statement

            words += 1
            i = tok.end
            continue
        i += 1
    return None


def _provided_that(doc: Doc, k: int) -> bool:
    """"...، على أن يرفع تقريره": "on condition that" after a comma, not reported speech."""
    if k == 0 or doc.tokens[k - 1].text != lx.ALA:
        return False
    return _comma_before(doc, doc.tokens[k - 1].start) is not None


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
    if len(norm[start:end].split()) < MIN_REPORTED_WORDS or _pronoun_only(doc, start, end):
        return []
    second = _second_complement(doc, start, end)
    if second is not None:
        # "قال إن الأرقام "مبالغ فيها"، وإن البحارة لاحظوا ...": one verb, two statements
        comma, opens = second
        rest = _statement(doc, opens, end, cue, subject, agree, same_sentence)
        if rest:
            return [Draft(start, comma, "reported", cue, subject, agree, same_sentence)] + rest
    return [Draft(start, end, "reported", cue, subject, agree, same_sentence)]


def _object_after_subject(doc: Doc, start: int, end: int) -> int:
    """Where the object of "وصف/أبلغ SUBJECT OBJECT بأن" starts: a definite noun right after
    a definite word that is no adjective of it, an outlet word ("الصحفيين"), or a pronoun
    object glued to nothing; else the subject's own end."""
    words = doc.tokens_in(start, end)
    for k, w in enumerate(words[1:], start=1):
        prev = words[k - 1].text
        if w.text in lx.MEDIA_HEADS or w.text.removeprefix("ل") in lx.MEDIA_HEADS:
            return w.start
        if prev.startswith("ال") and w.text.startswith("ال") and not is_nisba(w.text) \
                and w.text not in lx.ROLE_QUALIFIERS and not _head_noun(w.text) and not _head_noun(w.text[2:]):
            return w.start
    return _subject_end(doc, start, end)


def _contrasted_subject(doc: Doc, start: int, tok: Token) -> bool:
    """[start, tok) is a contrastive opener then a short subject: "غير أن النقابة", "فيما الوزير"."""
    words = doc.tokens_in(start, tok.start)
    rest = _after_contrast(words)
    return len(rest) < len(words) and 1 <= len(rest) <= MAX_FRONT_SUBJECT_TOKENS and not any(
        w.text in lx.CUE_FORMS or w.text in lx.CONNECTORS or doc.quote_at(w.start) for w in rest)


_CONTRAST_WORDS = frozenset(normalize(w) for w in ["فيما", "بينما", "لكن", "ولكن"])
_TWO_WORD_OPENERS = frozenset(o for o in lx.CONTRAST_OPENERS if len(o) == 2)
_SECOND_CONNECTORS = frozenset(normalize(w) for w in ["وإن", "وأن", "وبأن"])


def _second_complement(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """(comma, where the clause starts) of the first "، وإن" / "، وأن" outside quotes in
    [start, end) that leaves a statement on each side, else None."""
    for tok in doc.tokens_in(start, end):
        if tok.text not in _SECOND_CONNECTORS or doc.quote_at(tok.start):
            continue
        j = tok.start - 1
        while j > start and doc.norm[j] == " ":
            j -= 1
        if doc.norm[j] in _CLAUSE_COMMAS and not doc.quote_at(j) \
                and len(doc.norm[start:j].split()) >= MIN_REPORTED_WORDS:
            return j, tok.end
    return None


def _pronoun_only(doc: Doc, start: int, end: int) -> bool:
    """"ستخرجها مهزومة": two words, a verb whose object is a pronoun and no noun to say what
    it refers to - not a claim that can be checked on its own."""
    words = doc.tokens_in(start, end)
    return (len(words) == 2 and words[0].text[0] in "سيتنا" and words[0].text.endswith(("ها", "هم"))
            and not any(w.text.startswith("ال") for w in words))


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
    ("، مشيراً إلى أن", "، وأضاف:"), or a comma where the outlet's narration takes over
    ("، وذلك في تحذير مبطن ...")."""
    se = _narration_bound(doc, start, se)
    tokens = doc.tokens_in(start, se)
    for k, tok in enumerate(tokens):
        if doc.quote_at(tok.start) or not (tok.text in lx.PARTICIPLE_FORMS or tok.text in lx.CUE_FORMS):
            continue
        # "، مشيراً"، "، وأضاف"، "، لكنه أكد": a comma, at most one opener, then the cue
        first = tokens[k - 1] if k > 0 and tokens[k - 1].text in lx.CLAUSE_OPENERS else tok
        if k > 1 and (tokens[k - 2].text, tokens[k - 1].text) in _TWO_WORD_OPENERS:
            first = tokens[k - 2]  # "، في حين قال ..."
        dots = doc.norm.rfind("..", start, first.start)  # "... مستقر.. وأضاف أن"
        j = max(doc.norm.rfind("،", start, first.start), doc.norm.rfind(",", start, first.start),
                dots + 1 if dots >= 0 else -1)
        if j >= 0 and not doc.norm[j + 1:first.start].strip() and (
                _connector(doc, tok.end, se) or _participle_object(doc, tok, se) is not None
                or (first is not tok and first.text in _CONTRAST_WORDS)):  # "، فيما نفت X ذلك"
            return j
        if j >= 0 and _contrasted_subject(doc, j + 1, tok) and _connector(doc, tok.end, se):
            return j  # "...، غير أن النقابة أكدت أن ...": another speaker's statement
    return se


def _participle_object(doc: Doc, tok: Token, se: int) -> int | None:
    """"، مشيراً إلى تغير طفيف في المهام": a participle whose object is a noun phrase after its
    preposition (no أن): where that object starts, or None."""
    if tok.text not in lx.PARTICIPLE_FORMS:
        return None
    k = doc.token_index(tok.end)
    if k + 1 >= len(doc.tokens) or doc.tokens[k].text not in lx.PARTICIPLE_PREPS or doc.tokens[k + 1].start >= se:
        return None
    if doc.tokens[k + 1].text in lx.CONNECTORS or doc.tokens[k + 1].text in lx.OBJECT_OPENERS:
        return None  # "مشيراً إلى أن" has its own connector; "مشيراً إلى ذلك" points back
    return doc.tokens[k + 1].start


def _first_tokens(doc: Doc, start: int, end: int, n: int) -> list[Token]:
    """The first n tokens in [start, end), without building the whole list (long sentences)."""
    k = doc.token_index(start)
    return [t for t in doc.tokens[k:k + n] if t.end <= end]


def _narration_bound(doc: Doc, start: int, se: int) -> int:
    """The first comma outside quotes in [start, se) followed by a narration gloss or a source
    phrase, else se."""
    stops = _gloss_commas(doc)
    k = bisect.bisect_left(stops, start)
    return stops[k] if k < len(stops) and stops[k] < se else se


def _gloss_commas(doc: Doc) -> list[int]:
    """Every comma outside quotes followed by a narration gloss ("، وذلك في تحذير") or a source
    phrase ("، بحسب ..."), found once per document."""
    cached = doc.__dict__.get("_gloss_commas")
    if cached is None:
        cached = []
        for j, ch in enumerate(doc.norm):
            if ch not in _CLAUSE_COMMAS or doc.quote_at(j):
                continue
            after = tuple(t.text for t in _first_tokens(doc, j, len(doc.norm), 2))
            if any(after[:len(g)] == g for g in lx.NARRATION_GLOSSES) or (after and after[0] in lx.SOURCE_WORDS):
                cached.append(j)
        doc.__dict__["_gloss_commas"] = cached
    return cached


def _clause_end(doc: Doc, start: int, se: int) -> int:
    """Where the words after a postposed cue stop: next comma or full stop outside quotes."""
    for i in range(start, se):
        if doc.norm[i] in _CLAUSE_COMMAS + ".؟!" and not doc.quote_at(i):
            return i
    return se


# ---------------------------------------------------------------- participles

_BY_SAYING = frozenset(normalize(w) for w in ["بالقول"])


def _by_saying(doc: Doc, i: int, drafts: list[Draft]) -> list[Draft]:
    """"ورد الأمين العام للحزب، فلان، على تصريحات الرئاسة بالقول إن ...": the statement is
    said by the subject of the verb that opens the clause, whatever that verb is."""
    tok = doc.tokens[i]
    ss, se = doc.sentence_at(tok.start)
    connector = _connector(doc, tok.end, se)
    if connector is None or doc.norm[tok.end:connector[0]].strip():
        return []
    if drafts and drafts[-1].cue is not None and drafts[-1].cue[0] >= ss:
        return []  # a cue earlier in the sentence already says whose words these are
    subject = _opening_verb_subject(doc, ss, tok.start)
    if subject is None:
        return []
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, None, same_sentence=True)


def _opening_verb_subject(doc: Doc, ss: int, end: int) -> Subject | None:
    """The subject after the verb that opens the sentence (after a short circumstance such as
    "في المقابل،"), up to the verb's object; a role and a name set off by commas are kept."""
    commas = [j for j in range(ss, end) if doc.norm[j] in _CLAUSE_COMMAS and not doc.quote_at(j)]
    topic = _topic_subject(doc, ss, commas[0] if commas else end)
    if topic is not None:  # "أما المعهد فاكتفى بالقول إنه ..."
        subject = parse_subject(doc, *topic)
        return subject if subject.mention is not None and speaker_like(doc, subject) else None
    start = ss
    for stop in commas + [end]:
        words = [w for w in doc.tokens_in(start, stop) if w.text not in lx.CLAUSE_OPENERS]
        if words and words[0].text not in lx.NON_SPEAKER_OPENERS and words[0].text not in lx.TIME_WORDS \
                and (any(_verb_form(words[0].text, a) for a in (lx.M, lx.F, lx.P))
                     or len(words[0].text.removeprefix("و")) == 2) and len(words) > 1:  # "رد", "ورد"
            cut = _subject_end(doc, words[0].end, end)
            subject = parse_subject(doc, words[0].end, cut)
            return subject if subject.mention is not None and speaker_like(doc, subject) else None
        if len(words) > 3:
            return None
        start = stop + 1
    return None


def _participle(doc: Doc, tok: Token, drafts: list[Draft]) -> list[Draft]:
    """"، مشيراً إلى أن ..." carries on the speaker of the sentence it closes."""
    ss, se = doc.sentence_at(tok.start)
    connector = _connector(doc, tok.end, se)
    if connector is None or len(doc.norm[tok.end:connector[0]].split()) > 2:
        start = _participle_object(doc, tok, se) if _comma_before(doc, tok.start) is not None else None
        if start is None:
            return []
        connector = (start, start)  # "، مشيراً إلى تغير طفيف في المهام": the noun phrase is the statement
    agree = lx.PARTICIPLE_FORMS[tok.text]
    # "رفض الوزير فلان الاتهامات، مؤكداً أن ...": with no statement before it in the sentence,
    # the participle's speaker is the subject of the verb that opened the sentence
    spoken = bool(drafts) and drafts[-1].cue is not None and drafts[-1].cue[0] >= ss  # drafts come in text order
    subject = None if spoken else _opening_subject(doc, tok, ss, agree)
    if subject is None and not spoken:
        # "وهذا ما أدانه مجلس الوزراء، في اجتماع طارئ.. واصفاً إياه بأنه": the organisation or
        # role named earlier in the sentence (a ".." does not end it)
        opened = _soft_sentence_start(doc, ss)
        span = _sentence_subject(doc, opened, tok, agree)
        if span is not None and not any(opened <= d.start < tok.start for d in drafts):
            found = parse_subject(doc, *span)
            subject = found if found.mention is not None and speaker_like(doc, found) else None
    return _statement(doc, connector[1], se, (tok.start, tok.end), subject, agree, same_sentence=True)


# ---------------------------------------------------------------- بحسب / وفقاً لـ

def _source(doc: Doc, i: int, drafts: list[Draft]) -> list[Draft]:
    tokens = doc.tokens
    tok = tokens[i]
    ss, se = doc.sentence_at(tok.start)
    cue = (tokens[i - 1].start if _on_tongue(doc, i) or _as_put(doc, i) else tok.start, tok.end)
    k = i + 1
    if k < len(tokens) and tokens[k].text in ("ل", "عن"):
        k += 1  # وفقاً لـ X، نقلاً عن X
    relayed = spoken = False
    if tok.text.endswith("ما") and k < len(tokens):  # "حسبما ذكرت X": "حسب ما" in one word
        relayed, spoken = _relay_verb(tokens[k].text), _speech_verb(tokens[k].text)
        k += 1
        if k < len(tokens) and tokens[k].text in ("به", "بها"):
            k += 1
    elif k + 1 < len(tokens) and tokens[k].text in ("ما", "لما"):
        relayed = _relay_verb(tokens[k + 1].text)  # وفق ما نقلت وكالة X عن Y
        spoken = _speech_verb(tokens[k + 1].text)  # بحسب ما ذكرت X: X spoke, whatever it is
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
    if not (relayed or spoken or _looks_like_source(doc, subject, drafts)):
        return []  # a relayed source ("وفق ما نقلت X عن تجار") is one, whoever it names
    return _source_after(doc, ss, subject, None, cue, drafts)


_HADD = normalize("حد")


def _as_put(doc: Doc, i: int) -> bool:
    """"على حد قوله" ("as he put it"): the clause before is the current speaker's."""
    return doc.tokens[i].text == _HADD and i > 0 and doc.tokens[i - 1].text in lx.TONGUE_PREPS \
        and i + 1 < len(doc.tokens) and doc.tokens[i + 1].text in lx.SELF_SOURCE


def _on_tongue(doc: Doc, i: int) -> bool:
    """"على لسان X" ("on X's tongue"): a source phrase of two words, "لسان" being the second."""
    return doc.tokens[i].text == lx.TONGUE and i > 0 and doc.tokens[i - 1].text in lx.TONGUE_PREPS


def _speech_verb(word: str) -> bool:
    """"ذكرت", "أعلنته", "قاله": a cue verb, with an object pronoun or not."""
    return any(word[:len(word) - n] in lx.CUE_FORMS for n in (0, 1, 2))


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
    if any(w.removeprefix("ال") in lx.ESTIMATE_HEADS for w in mention.split()[:2]):
        return True  # "...، بحسب بعض التقديرات": figures cited for the statement
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
