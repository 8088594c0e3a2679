"""Continuation: whether a claim says that something ends or that it goes on.

"انتهت المهمة" / "all troops left" / "لم يعد هناك" say something ended; "ستبقي القوات" /
"the talks continue" / "لا يزال" / "won't leave" say it goes on. Between two related claims
(candidate pairs are already near neighbours), one ending what the other continues is the
commonest shape of a real contradiction, while two claims that both say it ended usually agree
in different words - the case the NLI model most often mistakes for a contradiction. How much
each raises or lowers the score is fitted with the calibration.

Only the claim's first ending or continuing word counts: the main predicate comes early, and a
later one is usually subordinate. A verbal noun governed by a preposition or a time word ("بعد
انتهاء المهمة", "after its mission ends", "الحديث عن انسحاب") sets the scene instead of asserting,
so it is skipped. Within the word's clause, a negation just before it, a denying frame earlier
("لا يعني أن", "it is not true that") or "did not happen" after it flips it; a negated cut or
change ("لم ينقص العدد", "won't reduce") says the thing goes on. A claim that reports somebody's
wish or demand (the attitude signal) asserts neither.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.signals._words import norm_all, word_pairs
from claimcheck.signals.attitude import attitude
from claimcheck.text.arabic import normalize

ENDS, GOES_ON = "ends", "goes on"

# Verbs take a glued conjunction or future prefix (وانتهت, ستغادر); verbal nouns and adjectives
# take the article and conjunctions (والانسحاب) but, with ب or ل, are a prepositional phrase.
_ENDS_AR_VERBS = (
    "انتهى", "انتهت", "انتهوا", "ينتهي", "تنتهي", "أنهى", "أنهت", "أنهوا", "ينهي", "تنهي",
    "غادر", "غادرت", "غادروا", "غادرا", "يغادر", "تغادر", "يغادرون", "يغادرا",
    "انسحب", "انسحبت", "انسحبوا", "ينسحب", "تنسحب", "ينسحبون",
    "خرج", "خرجت", "خرجوا", "يخرج", "تخرج", "يخرجون", "رحل", "رحلت", "رحلوا", "يرحل", "ترحل",
    "توقف", "توقفت", "يتوقف", "تتوقف", "أوقف", "أوقفت", "يوقف", "توقفوا",
    "أغلق", "أغلقت", "يغلق", "تغلق", "اختتم", "اختتمت", "اكتمل", "اكتملت", "أكمل", "أكملت", "استكمل", "استكملت",
    "سحب", "سحبت", "سحبوا", "يسحب", "تسحب", "ألغى", "ألغت", "ألغي", "ألغيت",
)
_ENDS_AR_NOUNS = ("انتهاء", "إنهاء", "مغادرة", "انسحاب", "خروج", "رحيل", "إيقاف", "إغلاق", "اختتام", "استكمال",
                  "إلغاء", "منتهية", "مغلق", "مغلقة", "متوقف", "متوقفة")
_GOES_ON_AR_VERBS = (
    "بقي", "بقيت", "بقوا", "يبقى", "تبقى", "يبقون", "يبقي", "تبقي", "أبقى", "أبقت", "يتبقى",
    "استمر", "استمرت", "يستمر", "تستمر", "يستمرون", "واصل", "واصلت", "يواصل", "تواصل", "نواصل", "يواصلون",
    "ظل", "ظلت", "يظل", "تظل", "ظلوا",
)
_GOES_ON_AR_NOUNS = ("إبقاء", "بقاء", "استمرار", "مستمر", "مستمرة", "مستمرا", "مستمرين", "مواصلة",
                     "متبقية", "متبقي", "متبقين", "باق", "باقية", "باقون", "باقين")
# Fixed phrases, matched before single words: their negation is part of the meaning.
_ENDS_PHRASES = ("لم يعد", "لم تعد", "لم يعودوا", "لم يعودا", "لم يبق", "لم تبق", "لم يتبق", "طوى صفحة",
                 "طوت صفحة", "no longer")
_GOES_ON_PHRASES = ("ما زال", "ما زالت", "ما زالوا", "ما زالتا", "ما زالا", "مازال", "مازالت", "مازالوا",
                    "لا يزال", "لا تزال", "لا يزالون", "لا تزالان", "لا يزالان", "ما تزال", "ما يزال", "لازال",
                    "لازالت", "لا زال", "لا زالت", "لا زالوا")
_ENDS_EN = ("ended", "ends", "over", "left", "leave", "leaves", "leaving", "withdrew", "withdrawn", "withdraw",
            "withdraws", "departed", "closed", "shut", "stopped", "halted", "ceased", "finished", "concluded",
            "quit", "exited", "pulled", "scrapped", "cancelled", "canceled", "completed", "close", "closes", "end",
            "stop", "stops", "suspended")
_GOES_ON_EN = ("remain", "remains", "remained", "remaining", "stay", "stays", "stayed", "keep", "keeps", "kept",
               "continue", "continues", "continued", "still", "retain", "retains", "retained", "persist", "persists")
# "ما" is left out: in news Arabic it is far more often "what" (ما تبقى) than "not".
_NEGATIONS = ("لم", "لن", "لا", "ليس", "ليست", "غير", "عدم", "رفض", "رفضت", "يرفض", "ترفض", "نفى", "نفت", "ينفي",
              "تنفي", "not", "never", "no", "won", "didn", "doesn", "don", "isn", "wasn", "aren", "hasn", "haven",
              "cannot", "denied", "denies", "rejected", "rejects", "nobody", "none", "neither")
_DENYING_FRAMES = ("لا يعني", "ليس صحيحا", "غير صحيح", "لا صحة", "does not mean", "doesn t mean", "not true",
                   "untrue",
                   # Doubting an announcement is not accepting it: "شككت الفصائل بإعلان الانسحاب".
                   "شكك", "شككت", "يشكك", "تشكك", "شككوا", "يشككون", "تشكيك", "doubted", "doubts", "disputed",
                   "questioned")
# Words that make the next verbal noun a scene-setting phrase rather than the claim's predicate;
# English determiners too ("the end", "its withdrawal").
_GOVERNORS = ("بعد", "قبل", "عن", "منذ", "مع", "عقب", "رغم", "حول", "حتى", "لحين", "إثر", "بشأن", "في", "after",
              "before", "since", "despite", "about", "of", "following", "until", "upon", "the", "its", "their", "a", "an",
              "his", "her", "my", "your", "our")
# Said after the event's name: "إغلاق المكب لم يحدث", "the closure never happened".
_UNDONE = ("لم يحدث", "لم تحدث", "لم يتم", "لم تتم", "لم يكتمل", "لم تكتمل", "did not happen", "didn t happen",
           "never happened", "has not happened", "hasn t happened")
# Change and decrease count only when negated: "لم ينقص العدد", "won't change" say it stays as
# it is; an affirmative cut or change is neither an end nor a continuation.
_DECREASE = ("نقص", "نقصت", "ينقص", "تنقص", "تغير", "تغيرت", "يتغير", "تتغير", "خفض", "خفضت", "يخفض", "تخفض",
             "نخفض", "قلص", "قلصت", "يقلص", "تقلص", "انخفض", "انخفضت", "ينخفض", "تنخفض", "تراجع", "تراجعت", "يتراجع",
             "تتراجع", "reduce", "reduced", "cut", "change", "changed", "decrease", "decreased", "shrink", "shrunk",
             "fall", "fallen", "drop", "dropped")
_VERB_PREFIXES = ("", "و", "ف", "وس", "فس", "س")
_NOUN_PREFIXES = ("", "ال", "و", "وال", "ف", "فال", "ب", "بال", "ل", "لل", "وب", "وبال")

DECREASE = frozenset(norm_all(_DECREASE))
VERBS = {**dict.fromkeys(norm_all(_ENDS_AR_VERBS + _ENDS_EN), ENDS),
         **dict.fromkeys(norm_all(_GOES_ON_AR_VERBS + _GOES_ON_EN), GOES_ON)}
NOUNS = {**dict.fromkeys(norm_all(_ENDS_AR_NOUNS), ENDS), **dict.fromkeys(norm_all(_GOES_ON_AR_NOUNS), GOES_ON)}
LEXICON_WORDS = frozenset(VERBS) | frozenset(NOUNS)
PHRASES = [(tuple(p.split()), ENDS) for p in norm_all(_ENDS_PHRASES)] + \
          [(tuple(p.split()), GOES_ON) for p in norm_all(_GOES_ON_PHRASES)]
NEGATIONS, GOVERNORS = frozenset(norm_all(_NEGATIONS)), frozenset(norm_all(_GOVERNORS))
DENYING_FRAMES = tuple(f" {frame} " for frame in norm_all(_DENYING_FRAMES))
UNDONE = tuple(f" {phrase} " for phrase in norm_all(_UNDONE))
# Negations and denials reach no further than their clause.
CLAUSE_BREAK = re.compile(r"[.;:!?؛،,\n]+")
NEGATION_WINDOW = 3  # "No American soldier remains", "لن تغادر القوات"
UNDONE_WINDOW = 5  # "إغلاق مكب النفايات لم يحدث": the event's name, then that it did not happen
STATE_WINDOW = 3  # "لا يزال المعبر مغلقاً", "remained shut"
# "is over"; "t" is what is left of "isn't" once words are split.
BE_EN = frozenset(("is", "was", "are", "were", "be", "been", "t"))
NOT_AFTER_LEFT = frozenset(("wing", "hand", "side", "behind"))
NOT_A_PREDICATE = frozenset({("close", "to")})
CLAUSE_INITIAL_ONLY = frozenset(norm_all(("ظل", "ظلت")))
CONCLUDED = frozenset(norm_all(("انتهى", "انتهت", "انتهوا", "ينتهي", "تنتهي")))  # with إلى: "concluded that"
TO_AR = normalize("إلى")
# A clause opened by one of these sets the scene for the next: "بعد أن غادر الوفد، ...", "After the talks ended, ..."
SUBORDINATORS = frozenset(norm_all(("بعد", "قبل", "منذ", "عندما", "حين", "حينما", "لو", "إذا", "رغم", "لدى", "كلما",
                                    "after", "before", "since", "when", "once", "until", "if", "although", "though",
                                    "while")))
NOT_NEGATIONS = frozenset((("لا", "بد"),))  # "لا بد من" (it is necessary)
CONJUNCTIONS_EN = frozenset(("and", "but", "or", "while"))
ENDED_STATES = frozenset(norm_all(("مغلق", "مغلقة", "متوقف", "متوقفة", "منتهية", "معلق", "معلقة", "مجمد", "مجمدة")))
ENDED_STATES_EN = frozenset(("closed", "shut", "suspended", "halted", "stopped", "frozen", "over", "empty"))
FLIPPED = {ENDS: GOES_ON, GOES_ON: ENDS}


def _word_state(word: str) -> tuple[str | None, bool]:
    """(ENDS / GOES_ON / None, whether a glued ب or ل makes it a prepositional phrase)."""
    if word.isascii():
        return VERBS.get(word), False
    for prefix in _VERB_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2 and word[len(prefix):] in VERBS:  # وظل
            return VERBS[word[len(prefix):]], False
    for prefix in _NOUN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and word[len(prefix):] in NOUNS:
            return NOUNS[word[len(prefix):]], prefix.lstrip("وف").startswith(("ب", "ل"))
    return None, False


def _is_decrease(word: str) -> bool:
    return word in DECREASE or (not word.isascii() and word[:1] in "وفس" and word[1:] in DECREASE)


def _phrase_at(norms: list[str], i: int) -> tuple[int, str] | None:
    for phrase, state in PHRASES:
        span = norms[i:i + len(phrase)]
        first = span[0][1:] if span and span[0].startswith("و") else None  # ولا يزال
        if span == list(phrase) or (first and [first, *span[1:]] == list(phrase)):
            return len(phrase), state
    return None


@lru_cache(maxsize=65536)  # candidate selection reads each claim against many neighbours
def continuation(text: str) -> tuple[str, str] | None:
    """(ENDS or GOES_ON, the deciding words as written) for `text`, or None when it says neither."""
    if attitude(text) or text.rstrip().endswith(("?", "؟")):
        return None  # a wish, a demand or a question asserts nothing about what ends
    earlier: list[str] = []  # the words of the clauses before, where a denying frame may sit
    clauses = [c for c in CLAUSE_BREAK.split(text) if c.strip()]
    for k, clause in enumerate(clauses):
        pairs = word_pairs(clause)
        norms = [norm for _, norm in pairs]
        subordinate = bool(norms) and norms[0] in SUBORDINATORS and k < len(clauses) - 1
        if not subordinate:
            found = _clause_continuation(pairs, norms, earlier)
            if found:
                return found
        earlier += norms
    return None


def _clause_continuation(pairs: list[tuple[str, str]], norms: list[str], earlier: list[str]):
    for i, norm in enumerate(norms):
        phrase = _phrase_at(norms, i)
        if phrase:  # the phrase carries its own negation; only a denying frame can turn it
            length, state = phrase
            shown = " ".join(written for written, _ in pairs[i:i + length])
            return _framed(state, shown, earlier + norms[:i], pairs, norms, i + length)
        state, governed = _word_state(norm)
        if state is None and _is_decrease(norm) and _negation_before(norms, i) is not None:
            state = ENDS  # "not reduced" goes on: flipped below like any negated ending
        if state is None or governed or _scene_setting(norms, i) or _not_a_predicate(norms, i):
            continue
        undone = next((w for w in UNDONE if w in " " + " ".join(norms[i + 1:i + 1 + UNDONE_WINDOW]) + " "), None)
        if undone:  # "إغلاق المكب لم يحدث": the event named did not happen
            return _flip_if(True, state, f"{pairs[i][0]} … {undone.strip()}", pairs, norms, i + 1)
        negation = _negation_before(norms, i)
        if negation is not None:  # "لن تغادر", "no … remains"
            gap = " " if norms[negation + 1:i] in ([], ["t"]) else " … "
            shown = pairs[negation][0] + ("'t" if norms[negation + 1:negation + 2] == ["t"] else "")
            return _flip_if(True, state, shown + gap + pairs[i][0], pairs, norms, i + 1)
        return _framed(state, pairs[i][0], earlier + norms[:i], pairs, norms, i + 1)
    return None


def _framed(state: str, shown: str, before: list[str], pairs, norms: list[str], end: int) -> tuple[str, str]:
    """The reading when no negation sits next to the word: a denying frame earlier still flips it."""
    frame = _frame(before)
    return _flip_if(frame is not None, state, f"{frame} … {shown}" if frame else shown, pairs, norms, end)


def _flip_if(flip: bool, state: str, shown: str, pairs, norms: list[str], end: int) -> tuple[str, str]:
    """The final reading: flipped by a negation, and "still closed" (goes on + an ended state) ends."""
    state = FLIPPED[state] if flip else state
    if state == GOES_ON:
        for k in range(end, min(len(norms), end + STATE_WINDOW)):
            if _ended_state(norms[k]):
                return ENDS, f"{shown} … {pairs[k][0]}"
    return state, shown


def _ended_state(word: str) -> bool:
    """An adjective or participle of an ended state: مغلقاً, متوقفة, closed, suspended."""
    if word.isascii():
        return word in ENDED_STATES_EN
    word = word[2:] if word.startswith("ال") else word
    return word in ENDED_STATES or word.rstrip("ا") in ENDED_STATES  # مغلقا: the accusative alif


def _scene_setting(norms: list[str], i: int) -> bool:
    """A verbal noun or verb governed by a preposition or time word: "بعد انتهاء", "بعد أن توقفت"."""
    if i and norms[i - 1] in GOVERNORS:
        return True
    return i > 1 and norms[i - 1] == "ان" and norms[i - 2] in GOVERNORS


def _not_a_predicate(norms: list[str], i: int) -> bool:
    word, following = norms[i], norms[i + 1] if i + 1 < len(norms) else ""
    if word == "over":  # "is over", not "over 100" or "took over"
        return i == 0 or norms[i - 1] not in BE_EN
    if word == "left" and (following.isdigit() or following in NOT_AFTER_LEFT):
        return True  # "the left wing", "the storm left 3,000 homeless"
    if word == "pulled":  # "pulled out", not "pulled by two horses"
        return following != "out"
    if word in CLAUSE_INITIAL_ONLY:  # ظل as a verb opens its clause; elsewhere it is "shadow"
        return i > 0
    if word in CONCLUDED or word[1:] in CONCLUDED:
        return TO_AR in norms[i + 1:i + 4]
    return (word, following) in NOT_A_PREDICATE


def _negation_before(norms: list[str], i: int) -> int | None:
    """Index of a negation within a few words before norms[i], not across "and" or a new verb."""
    if not norms[i].isascii() and norms[i][:1] in "وف" and norms[i] not in LEXICON_WORDS:
        return None  # "لم يعلق الوزير وغادر": a word with its own و (not واصل) starts a new clause
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        word = norms[j]
        if word in CONJUNCTIONS_EN:
            return None
        bare = word[1:] if word[:1] in "وف" and word[1:] in NEGATIONS else word  # ولن, فلا
        if bare in NEGATIONS and not _false_negation(norms, j, i):
            return j
    return None


def _false_negation(norms: list[str], j: int, i: int) -> bool:
    following = norms[j + 1] if j + 1 < len(norms) else ""
    if norms[j] == "غير":  # only "غير مستمر" (not continuing), not "غير أن" (however)
        return j != i - 1
    if norms[j] == "won":  # "won" is also the past of "win"
        return following != "t"
    return (norms[j], following) in NOT_NEGATIONS


def _frame(words: list[str]) -> str | None:
    """The denying frame ("لا يعني", "not true") among `words`, if any."""
    before = " " + " ".join(words) + " "
    return next((frame.strip() for frame in DENYING_FRAMES if frame in before), None)


@dataclass(frozen=True)
class ContinuationSide:
    says: str           # "ends" | "goes on", after any denial
    word: str           # the deciding word as written
    denied: bool = False  # the claim is what its speaker denies, so `says` is flipped

    def words(self) -> str:
        """The deciding words for a reader: "'انتهت'", or "denies 'غادرت'" for a denied claim."""
        return f"denies '{self.word}'" if self.denied else f"'{self.word}'"


@dataclass(frozen=True)
class ContinuationEvidence:
    """What each side says of the thing (ends / goes on) and whether they are opposed or agree."""
    a: ContinuationSide | None
    b: ContinuationSide | None
    relation: str | None  # "opposed" | "agreed" | None (only one side says either)

    def summary(self) -> str:
        sides = [f"{name} says it {side.says} ({side.words()})" for name, side in (("A", self.a), ("B", self.b))
                 if side]
        return "; ".join(sides) + {"opposed": " — opposed", "agreed": " — agreed"}.get(self.relation, "")

    def to_dict(self) -> dict:
        side = lambda s: None if s is None else {"says": s.says, "word": s.word, "denied": s.denied}  # noqa: E731
        return {"a": side(self.a), "b": side(self.b), "relation": self.relation}

    @classmethod
    def from_dict(cls, data: dict) -> "ContinuationEvidence":
        side = lambda d: None if not d else ContinuationSide(d["says"], d["word"], bool(d.get("denied")))  # noqa: E731
        return cls(side(data.get("a")), side(data.get("b")), data.get("relation"))


def _side(found: tuple[str, str] | None, denied: bool) -> ContinuationSide | None:
    if not found:
        return None
    return ContinuationSide(FLIPPED[found[0]] if denied else found[0], found[1], denied)


def continuation_signal(text_a: str, text_b: str, denied_a: bool = False,
                        denied_b: bool = False) -> ContinuationEvidence | None:
    """What each side says (ends / goes on, with its words) and whether the two are opposed or agree.

    `denied_*`: the claim is what its speaker denies ("نفى أن ..."), so the speaker says the opposite.
    """
    a, b = _side(continuation(text_a), denied_a), _side(continuation(text_b), denied_b)
    if a is None and b is None:
        return None
    relation = None
    if a and b:
        relation = "agreed" if a.says == b.says else "opposed"
    return ContinuationEvidence(a, b, relation)
