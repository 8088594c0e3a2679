"""Split the words around a cue into speaker mention, role and channel.

Arabic subjects look like ROLE NAME ("وزير الخارجية أيمن الصفدي"), with appositives
between commas ("، أحد الفصائل ...،"), time phrases ("، مساء السبت،") and a channel
("في حديث مع ..."). Without a named-entity model the role/name boundary is found from the
grammar of the role phrase: a role head, its genitive, then definite words, و-conjuncts
("وزير الطاقة والمياه") and prepositional phrases; the first bare word after that starts
the name. A comma-set name beats the guess that a role ends with a bare surname.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.extract import lexicon as lx
from claimcheck.extract.doc import WORD, Described, Doc, Subject
from claimcheck.extract.english import describe_en
from claimcheck.text.arabic import normalize

_ARABIC_COMMAS = "،,"


@dataclass(frozen=True)
class Unit:
    kind: str     # word | quote | paren | comma
    text: str     # normalised (quote/paren: inner text)
    start: int
    end: int
    name_ali: bool = False  # spelled "علي" with yā': the name, though it folds to "على" (on)


def ali_name(doc: Doc, start: int, end: int) -> bool:
    """The word at [start, end) is written "علي" (the name), not "على" (the preposition)."""
    return doc.norm[start:end] == _ALI and "".join(c for c in doc.orig(start, end) if c.isalpha()) == "علي"


@dataclass(frozen=True)
class Parsed:
    """One comma-separated part of a subject."""
    units: list[Unit]
    role: list[Unit]
    name: list[Unit]
    kind: str          # person | unnamed | organisation
    backref: bool = False


def units(doc: Doc, start: int, end: int) -> list[Unit]:
    """Words, quoted names, parentheses and commas between start and end."""
    out: list[Unit] = []
    i = start
    norm = doc.norm
    while i < end:
        ch = norm[i]
        quote = doc.quote_opening_at(i)
        if quote and quote.closed and quote.close <= end:
            out.append(Unit("quote", norm[quote.start:quote.end].strip(), i, quote.close))
            i = quote.close
            continue
        if ch == "(":
            close = norm.find(")", i, end)
            if close > 0:
                out.append(Unit("paren", norm[i + 1:close].strip(), i, close + 1))
                i = close + 1
                continue
        if ch in _ARABIC_COMMAS:
            out.append(Unit("comma", ch, i, i + 1))
        elif ch.isalnum():
            m = WORD.match(norm, i, end)
            out.append(Unit("word", m.group(), i, m.end(), ali_name(doc, i, m.end())))
            i = m.end()
            continue
        i += 1
    return out


def _segments(us: list[Unit]) -> list[list[Unit]]:
    parts, current = [], []
    for u in us:
        if u.kind == "comma":
            if current:
                parts.append(current)
            current = []
        else:
            current.append(u)
    if current:
        parts.append(current)
    return parts


def _definite(word: str) -> bool:
    return word.startswith(("ال", "لل")) and len(word) > 3


def _unconjoined(word: str) -> str:
    """"والمياه" -> "المياه", "وشؤون" -> "شؤون": inside a role or organisation name a
    و-conjunct of a definite noun or a head goes on with the same name ("وزير الطاقة
    والمياه"); a personal name never starts that way."""
    rest = word[1:]
    if word.startswith("و") and (_definite(rest) or rest in lx.ORG_HEADS or rest in lx.ROLE_HEADS):
        return rest
    return word


def _is(u: Unit, words) -> bool:
    return u.kind == "word" and u.text in words


def _title_at(us: list[Unit], i: int) -> bool:
    return _is(us[i], lx.PERSON_TITLES) and i + 1 < len(us)


def _parse_segment(us: list[Unit], guess_surname: bool = True) -> Parsed:
    """Role units and name units of one segment, and what kind of speaker it names;
    `guess_surname`: a role may end with a bare surname ("وزير الخارجية الصفدي")."""
    first = us[0]
    if first.kind == "quote":
        return Parsed(us, [], us, "organisation")
    if _title_at(us, 0):
        return Parsed(us, [], us, "person")
    if not (_is(first, lx.ROLE_HEADS) or _is(first, lx.UNNAMED_HEADS) or _is(first, lx.UNNAMED_BACKREF)):
        kind = "organisation" if _is(first, lx.ORG_HEADS) else "person"
        return Parsed(us, [], us, kind)
    seen_definite = _definite(first.text)
    backref = False
    # a governed slot takes the next unit whatever it is: the genitive of an indefinite
    # head ("رئيس الوزراء", "حركة حماس") or the object of a preposition ("لدى واشنطن")
    governed = not seen_definite
    i = 1
    while i < len(us):
        u = us[i]
        word = _unconjoined(u.text) if u.kind == "word" else u.text
        if _title_at(us, i):
            break
        if governed:
            governed = u.kind == "word" and (word in lx.ORG_HEADS or word in lx.ROLE_HEADS)
            governed = governed and not _definite(word)
            seen_definite = seen_definite or u.kind != "word" or _definite(word)
        elif u.kind in ("quote", "paren"):
            seen_definite = True
        elif word == _BASIM and any(_is(v, {_BASIM}) or (v.kind == "word" and (lam_head(v.text) or v.text.startswith("لل")))
                                    for v in us[1:i]):
            break  # "الناطق باسم الحكومة باسم العوادي": a role takes one "باسم"; the second is a name
        elif word in lx.PREPOSITIONS and not u.name_ali:
            governed = True
        elif word in lx.PRONOMINAL_PREPOSITIONS:
            seen_definite = True  # "المتحدث باسمه": the role ends here
        elif word in lx.SAME_WORDS:
            backref = True
        elif _definite(word):
            seen_definite = True
        elif word in lx.ORG_HEADS or word in lx.ROLE_HEADS or lam_head(word):
            governed = True
        elif seen_definite:
            break
        i += 1
    role, name = us[:i], us[i:]
    start = _name_start(name)
    role, name = role + name[:start], name[start:]
    if not name and guess_surname and _surname_last(role, first):
        role, name = role[:-1], role[-1:]
    if name:
        kind = "person"
    elif first.text in lx.UNNAMED_HEADS or first.text in lx.UNNAMED_BACKREF:
        kind = "unnamed"
        backref = backref or first.text in lx.UNNAMED_BACKREF
    else:
        kind = "person"
    return Parsed(us, role, name, kind, backref)


def _name_start(name: list[Unit]) -> int:
    """Where a long name really starts: "لعمال الموانئ خالد العمري", "بئر الزيتون نبيل الشامي"
    are the end of a genitive chain ("رئيس النقابة العامة لعمال الموانئ", "شركة مياه بئر
    الزيتون") before a name. A name does not go on with a bare word after a definite one,
    except after a compound given name or a particle ("نور الدين محمد", "عبد الله بن ...")."""
    if len(name) < 4 or any(u.kind != "word" for u in name):
        return 0
    start = 0
    for j in range(1, len(name) - 1):
        prev, word = name[j - 1].text, name[j].text
        if (_definite(prev) and prev not in lx.COMPOUND_NAME_ENDS and not _definite(word)
                and word not in lx.NAME_PARTICLES and prev not in lx.NAME_PARTICLES):
            start = j
    return start


def lam_head(word: str) -> bool:
    """"لشؤون" in "المفوضية السامية لشؤون اللاجئين": لـ + a head opens a genitive."""
    return word.startswith("ل") and (word[1:] in lx.ORG_HEADS or word[1:] in lx.ROLE_HEADS)


def _surname_last(role: list[Unit], head: Unit) -> bool:
    """'وزير الخارجية الصفدي': a final definite word no role ever ends with is a surname,
    when the role before it is complete (ends in a definite word). Not a genitive ("رئيس
    هيئة النزاهة"), the object of a preposition ("... في السودان") or a word after a
    conjunct, and not a feminine adjective ("اللجنة المالية النيابية")."""
    last = role[-1]
    return (len(role) >= 3 and last.kind == "word" and _definite(last.text)
            and last.text not in lx.ROLE_QUALIFIERS and last.text not in lx.ORG_HEADS
            and role[-2].kind == "word" and _definite(role[-2].text)
            and not (is_nisba(last.text) and last.text.endswith("يه"))  # family names are masculine
            and head.text not in lx.UNNAMED_HEADS
            and head.text not in lx.UNNAMED_BACKREF)


def is_nisba(word: str) -> bool:
    """"اللبناني", "الدولية": a definite word shaped like an adjective of relation (not a
    head noun of that shape: "الهيئة", "المفوضية")."""
    return (word.startswith("ال") and word.endswith(("ي", "يه")) and len(word) >= 5
            and word not in lx.ORG_HEADS and word not in lx.ROLE_HEADS)


def _channel_start(seg: list[Unit]) -> int | None:
    for i, u in enumerate(seg):
        if u.kind != "word":
            continue
        if i and u.text != _without_pronoun(u.text) and _without_pronoun(u.text) in lx.CHANNEL_HEADS:
            return i  # "وختمت التنسيقية بيانها": her statement is the channel
        nxt = seg[i + 1] if i + 1 < len(seg) else None
        if u.text in lx.CHANNEL_PREPS and nxt is not None and nxt.kind == "word" and (
                _channel_head(nxt.text) or nxt.text in lx.MEDIA_HEADS):
            return i
        if u.text in lx.CHANNEL_OPENERS or u.text in lx.SOURCE_WORDS:
            return i  # "خلال زيارته ...", "، بحسب بيان لمكتبه،"
        if u.text == "ل" and nxt is not None and nxt.kind == "quote":
            return i  # لـ"الشرق الأوسط"
        if u.text.startswith("ل") and (u.text[1:] in lx.MEDIA_HEADS or "ا" + u.text[1:] in lx.MEDIA_HEADS):
            return i  # لوكالة ...، للصحفيين
    return None


def _channel_head(word: str) -> bool:
    """"بيان", "بيانه", "البيان" ("وأضاف في البيان نفسه"), "مقابلة"."""
    bare = word[2:] if _definite(word) else word
    return bare in lx.CHANNEL_HEADS or _without_pronoun(bare) in lx.CHANNEL_HEADS


def _circumstance_at(seg: list[Unit], i: int) -> bool:
    return (i + 1 < len(seg) and _is(seg[i], lx.CIRCUMSTANCE_OPENERS) and _is(seg[i + 1], lx.CIRCUMSTANCE_NEXT))


def _without_pronoun(word: str) -> str:
    """"حديثه" -> "حديث", "تصريحاتها" -> "تصريحات"."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[:-len(suffix)]
            # "جلستها", "كلمتها": a ta marbuta is written ت before a pronoun
            return stem[:-1] + "ه" if stem.endswith("ت") and stem[:-1] + "ه" in lx.CHANNEL_HEADS else stem
    return word


def _is_time(seg: list[Unit]) -> bool:
    return all(u.kind == "word" and (u.text in lx.TIME_WORDS or u.text.isdigit()) for u in seg)


def _is_appositive(seg: list[Unit]) -> bool:
    return seg[0].kind == "word" and seg[0].text in lx.APPOSITIVE_OPENERS


def _about_the_speaker(seg: list[Unit], i: int) -> bool:
    """"الوزير الذي كان ...", "شهود تحدثوا إلى ...", "الوزير في الوقت ذاته": from here on the
    words say something about the speaker or the moment, not who it is."""
    return bool(i and _is(seg[i], lx.RELATIVES)) or _is(seg[i], lx.SOURCE_CLAUSE_VERBS) or _circumstance_at(seg, i)


def _strip_fillers(seg: list[Unit]) -> list[Unit]:
    cut = next((i for i in range(len(seg)) if _about_the_speaker(seg, i)), None)
    if cut is not None:
        seg = seg[:cut]
    while seg and seg[-1].kind == "word" and not seg[-1].name_ali and (seg[-1].text in lx.CUE_PARTICLES or seg[-1].text in lx.TIME_WORDS
                                              or seg[-1].text in lx.PARTICIPLE_FORMS or seg[-1].text.isdigit()):
        seg = seg[:-1]
    while seg and seg[0].kind == "word" and (seg[0].text in lx.CONTINUATION_FILLERS
                                             or seg[0].text in lx.PRONOMINAL_PREPOSITIONS):
        seg = seg[1:]
    return seg


def parse_subject(doc: Doc, start: int, end: int) -> Subject:
    """Mention (as written), role and channel of the Arabic words in [start, end)."""
    kept: list[list[Unit]] = []
    channels: list[tuple[int, int]] = []
    authored = False
    for seg in _segments(units(doc, start, end)):
        author = _channel_author(seg)
        if author is not None:  # "بيان لـ«التنسيقية»": the statement is the channel, its author speaks
            channels.append((seg[0].start, seg[author[0] - 1].end))
            seg, authored = author[1], True
        cut = _channel_start(seg)
        if cut is not None:
            channels.append((seg[cut].start, seg[-1].end))
            seg = seg[:cut]
        seg = _strip_fillers(seg)
        if not seg or _is_time(seg) or _is_appositive(seg):
            continue
        kept.append(seg)
    channel = "، ".join(doc.orig(a, b) for a, b in channels) or None
    if not kept:
        return Subject(None, channel=channel)
    # a name set off by commas ("مدير الدفاع المدني، العميد فلان،") beats a surname guess
    parsed = [_parse_segment(seg, guess_surname=False) for seg in kept]
    if not any(p.name and p.kind == "person" for p in parsed):
        parsed = [_parse_segment(seg) for seg in kept]
    named = [p for p in parsed if p.name and p.kind == "person"]
    dropped: list[Parsed] = []
    bare = [p for p in named if not p.role and _plain_name(p.name)]
    if len(named) > 1 and bare and len(bare) < len(named) and parsed.index(bare[0]) > 0:
        # "وزير الإعلام في الحكومة المعترف بها دولياً، فلان الفلاني": a segment that is a name
        # and nothing else is the speaker; the long role before it only looks like it ends in one
        dropped = [p for p in named if p.role]
        named = bare
    if len(named) > 1:
        # "القيادي في تحالف الفتح، الجناح السياسي للحشد، أحمد عبد الحسين": a definite phrase
        # set off by commas describes the role's complement; a personal name is not definite
        named = [p for p in named if not _definite(p.name[0].text) or _title_at(p.name, 0)] or named
    if len(named) > 1 and parsed[0].role and not parsed[0].name \
            and any(_is(u, lx.ROLE_HEADS) for u in parsed[0].role[1:]):
        # "مستشار رئيس الوزراء، مصطفى الكاظمي، حسين علاوي": the first name goes with the
        # office inside the role; the last one is the speaker's
        named = named[-1:]
    main = named[0] if named else parsed[0]
    role_units = main.role or next((p.units for p in parsed if p is not main and p.role
                                    and (not p.name or any(p is q for q in dropped))), [])
    mention = _span(main.units)
    if main.kind == "organisation" and len(main.units) == 1 and main.units[0].kind == "quote":
        q = doc.quote_opening_at(main.units[0].start)
        mention = (q.start, q.end)
    role = doc.orig(*_span(role_units)) if role_units else None
    if main.kind == "unnamed":
        role = doc.orig(*mention)
    return Subject(mention, role=role, channel=channel, kind=main.kind, cue_agrees=not authored)


def _plain_name(name: list[Unit]) -> bool:
    """Up to four words (after a title) that can only be a personal name: not definite, no preposition,
    time word or relative ("بعد الإشارة التي ..." is a circumstance, not a name)."""
    if len(name) > 1 and _title_at(name, 0):
        name = name[1:]  # "الدكتور فلان"
    return 1 <= len(name) <= 4 and not _definite(name[0].text) and all(
        u.kind == "word" and u.text not in lx.PREPOSITIONS and u.text not in lx.CHANNEL_PREPS
        and u.text not in lx.TIME_WORDS and u.text not in lx.RELATIVES and u.text not in lx.CHANNEL_OPENERS
        for u in name)


_ALI = normalize("علي")
_LATEST = frozenset(normalize(w) for w in ["أحدث", "آخر", "بعض"])
_BASIM = normalize("باسم")
_STATEMENT_WORDS = frozenset(normalize(w) for w in ["البيان", "بيان", "البلاغ", "بلاغ", "التقرير", "تقرير"])
_ISSUED = frozenset(normalize(w) for w in ["صادر", "صادرة", "الصادر", "الصادرة"])


def _channel_author(seg: list[Unit]) -> tuple[int, list[Unit]] | None:
    """"بيان لـ«التنسيقية»", "بيان لوزارة الدفاع", "بيان صادر عن الجيش": a channel and who
    issued it, as (units the channel takes, the author's units)."""
    skip = 1 if len(seg) > 2 and _is(seg[0], _LATEST) else 0  # "أحدث أرقام المفوضية"
    if len(seg) < 2 + skip or not (_is(seg[skip], lx.CHANNEL_HEADS) or _is(seg[skip], lx.ESTIMATE_HEADS)):
        return None
    if skip:
        author = _channel_author(seg[1:])
        return (author[0] + 1, author[1]) if author else None
    k = 2 if _is(seg[1], _ISSUED) else 1
    if k >= len(seg) or seg[k].kind != "word":
        return None
    word = seg[k].text
    if word in ("عن", "ل") and k + 1 < len(seg):
        return k + 1, seg[k + 1:]
    if word.startswith("لل") and len(word) > 4 and "ال" + word[2:] in lx.ORG_HEADS:
        # "بلاغ للوزارة", "بيان للجيش الإسرائيلي": لـ + "الوزارة"; kept as written (describe reads
        # it as "الوزارة")
        return k, seg[k:]
    if k == 1 and _definite(word) and (word in lx.ORG_HEADS or word[2:] in lx.ORG_HEADS):
        author = seg[1:]  # "بيان الفصائل", "بيان الوزارة الصادر مساء الأحد"
        cut = next((j for j, u in enumerate(author) if _is(u, _ISSUED)), len(author))
        return 1, author[:cut]
    if word.startswith("ل") and not word.startswith("لل") and len(word) > 3 \
            and (word[1:] in lx.ORG_HEADS or word[1:] in lx.ROLE_HEADS):
        return k, [Unit("word", word[1:], seg[k].start + 1, seg[k].end), *seg[k + 1:]]
    return None


def speaker_like(doc: Doc, subject: Subject) -> bool:
    """Could the subject's mention be a person, office or organisation? Not a prepositional
    phrase ("إلى حصول", "لبغداد": the addressee), a clause word or a verbal noun governed by
    a preposition ("بإصدار بيان مماثل", "بالتزامن")."""
    if subject.mention is None:
        return False
    words = doc.norm[slice(*subject.mention)].split()
    if not words:
        return False
    first = words[0].strip('"«»“”„')
    if first in lx.NON_SPEAKER_OPENERS or (first in lx.PREPOSITIONS and first != _ALI):
        return False  # (folded, "على" is the name "علي")
    if not subject.cue_agrees and first.startswith("لل") and "ال" + first[2:] in lx.ORG_HEADS:
        return True  # the author of "بيان للجيش ...": لـ marks who issued it
    if first[:1] in "بل" and (first[1:] in lx.PLACES or _GOVERNED_NOUN.match(first)):
        return False  # "لبغداد", "بإصدار", "بالتزامن", "للحكومة", "بتشكيل"
    return True


# بـ/لـ with a definite noun or a verbal noun of the إفعال, استفعال or تفعيل pattern: what a
# verb governs, never who speaks ("بإصدار", "للحكومة", "باستخدام", "بتشكيل").
_GOVERNED_NOUN = re.compile(r"^(?:لل\w{3,}|[بل](?:ال\w{2,}|ا\w\wا\w|است\w{3,}|ت\w\wي\w))$")


def _span(us: list[Unit]) -> tuple[int, int]:
    return us[0].start, us[-1].end


@lru_cache(maxsize=4096)
def describe(mention: str, lang: str) -> Described:
    """Parse a mention as written into name / role / kind (normalised forms)."""
    if lang == "en":
        return describe_en(mention)
    if mention.startswith("لل") and len(mention.split()[0]) > 4 \
            and normalize("ال" + mention.split()[0][2:]) in lx.ORG_HEADS:
        mention = "ا" + mention[1:]  # "(بيان) للجيش الإسرائيلي": لـ + "الجيش ..." as the reader hears it
    doc = Doc(mention, "ar")
    us = [u for u in units(doc, 0, len(doc.norm)) if u.kind != "comma"]
    if not us:
        return Described("person", None, None, None, None, False)
    p = _parse_segment(us)
    if _is(us[0], _STATEMENT_WORDS):
        # "البيان", "بيان الفصائل": a statement standing for whoever issued it
        return Described("unnamed", None, None, doc.orig(*_span(us)), us[0].text, False)
    name_units = p.name
    while len(name_units) > 1 and (_title_at(name_units, 0) or _is(name_units[0], lx.ROLE_QUALIFIERS)) \
            and not all(_is(u, lx.ROLE_QUALIFIERS) or (u.kind == "word" and is_nisba(u.text)) for u in name_units[1:]):
        # "الشيخ علي الزيدي", "اللواء المتقاعد علي الزيدي" -> "علي الزيدي"; not "الولايات المتحدة"
        name_units = name_units[1:]
    role_units = p.role
    if not p.role and p.kind == "person":
        cut = next((j for j, u in enumerate(name_units) if j >= 2 and u.kind == "word" and (
            u.text in lx.DESCRIPTORS or _unconjoined(u.text) in lx.ROLE_HEADS and _unconjoined(u.text) != u.text)), None)
        if cut is not None:  # "مثال الألوسي السياسي والنائب السابق": the role follows the name
            name_units, role_units = name_units[:cut], name_units[cut:]
    name = " ".join(u.text for u in name_units) or None
    written = " ".join(re.sub(r'["«»“”„]', " ", doc.orig(*_span(name_units))).split()) if name_units else None
    role = doc.orig(*_span(role_units)) if role_units else None
    head = role_units[0].text if role_units else None
    if head and head.startswith("ال"):
        head = head[2:]
    return Described(p.kind, name, written, role, head, p.backref)
