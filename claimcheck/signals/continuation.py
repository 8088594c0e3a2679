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

from claimcheck.signals._words import norm_all, word_pairs
from claimcheck.signals.attitude import attitude

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
                    "لازالت")
_ENDS_EN = ("ended", "ends", "over", "left", "leave", "leaves", "leaving", "withdrew", "withdrawn", "withdraw",
            "withdraws", "departed", "closed", "shut", "stopped", "halted", "ceased", "finished", "concluded",
            "quit", "exited", "pulled", "scrapped", "cancelled", "canceled", "completed")
_GOES_ON_EN = ("remain", "remains", "remained", "remaining", "stay", "stays", "stayed", "keep", "keeps", "kept",
               "continue", "continues", "continued", "still", "retain", "retains", "retained", "persist", "persists")
# "ما" is left out: in news Arabic it is far more often "what" (ما تبقى) than "not".
_NEGATIONS = ("لم", "لن", "لا", "ليس", "ليست", "غير", "عدم", "رفض", "رفضت", "يرفض", "ترفض", "نفى", "نفت", "ينفي",
              "تنفي", "not", "never", "no", "won", "didn", "doesn", "don", "isn", "wasn", "aren", "hasn", "haven",
              "cannot", "denied", "denies", "rejected", "rejects")
_DENYING_FRAMES = ("لا يعني", "ليس صحيحا", "غير صحيح", "لا صحة", "does not mean", "doesn t mean", "not true",
                   "untrue")
# Words that make the next verbal noun a scene-setting phrase rather than the claim's predicate;
# English determiners too ("the end", "its withdrawal").
_GOVERNORS = ("بعد", "قبل", "عن", "منذ", "مع", "عقب", "رغم", "حول", "حتى", "لحين", "إثر", "بشأن", "after", "before",
              "since", "despite", "about", "of", "following", "until", "upon", "the", "its", "their", "a", "an")
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
PHRASES = [(tuple(p.split()), ENDS) for p in norm_all(_ENDS_PHRASES)] + \
          [(tuple(p.split()), GOES_ON) for p in norm_all(_GOES_ON_PHRASES)]
NEGATIONS, GOVERNORS = frozenset(norm_all(_NEGATIONS)), frozenset(norm_all(_GOVERNORS))
DENYING_FRAMES = tuple(f" {frame} " for frame in norm_all(_DENYING_FRAMES))
CONTRACTED = frozenset(("won", "didn", "doesn", "don", "isn", "wasn", "aren", "hasn", "haven"))
UNDONE = tuple(f" {phrase} " for phrase in norm_all(_UNDONE))
# Negations and denials reach no further than their clause.
CLAUSE_BREAK = re.compile(r"[.;:!?؛،,\n]+")
NEGATION_WINDOW = 3  # "No American soldier remains", "لن تغادر القوات"
NOT_A_PREDICATE_EN = frozenset((("left", "wing"), ("left", "hand"), ("left", "side")))  # "the left wing"
BE_EN = frozenset(("is", "was", "are", "were", "be", "been", "now"))  # "over" ends only as "is over"
FLIPPED = {ENDS: GOES_ON, GOES_ON: ENDS}


def _word_state(word: str) -> tuple[str | None, bool]:
    """(ENDS / GOES_ON / None, whether a glued ب or ل makes it a prepositional phrase)."""
    if word.isascii():
        return VERBS.get(word), False
    for prefix in _VERB_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and word[len(prefix):] in VERBS:
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


def continuation(text: str) -> tuple[str, str] | None:
    """(ENDS or GOES_ON, the deciding words as written) for `text`, or None when it says neither."""
    if attitude(text):
        return None  # "they want all troops out" asserts nothing about the troops
    for clause in CLAUSE_BREAK.split(text):
        found = _clause_continuation(word_pairs(clause))
        if found:
            return found
    return None


def _clause_continuation(pairs: list[tuple[str, str]]) -> tuple[str, str] | None:
    norms = [norm for _, norm in pairs]
    for i, norm in enumerate(norms):
        phrase = _phrase_at(norms, i)
        if phrase:
            length, state = phrase
            return state, " ".join(written for written, _ in pairs[i:i + length])
        state, governed = _word_state(norm)
        if state is None and _is_decrease(norm) and _negator(norms, i) is not None:
            state = ENDS  # "not reduced" goes on: flipped below like any negated ending
        if state is None or governed or (i and norms[i - 1] in GOVERNORS):
            continue
        if (norm, norms[i + 1] if i + 1 < len(norms) else None) in NOT_A_PREDICATE_EN \
                or (norm == "over" and (i == 0 or norms[i - 1] not in BE_EN)):
            continue
        after = " " + " ".join(norms[i + 1:]) + " "
        undone = next((phrase for phrase in UNDONE if phrase in after), None)
        if undone:  # "إغلاق المكب لم يحدث": the event named did not happen
            return FLIPPED[state], f"{pairs[i][0]} … {undone.strip()}"
        negator = _negator(norms, i)
        if negator is None:
            return state, pairs[i][0]
        # Show the negation with the word: "لن تغادر", "no … remains".
        gap = " " if norms[negator + 1:i] in ([], ["t"]) else " … "  # "won't" is split in two
        shown = pairs[negator][0] + ("'t" if norms[negator] in CONTRACTED else "")
        return FLIPPED[state], shown + gap + pairs[i][0]
    return None


def _negator(norms: list[str], i: int) -> int | None:
    """Index of the word that negates norms[i]: a negation just before it, or a denying frame."""
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        if norms[j] in NEGATIONS or (norms[j][:1] in "وف" and norms[j][1:] in NEGATIONS):  # ولن, فلا
            return j
    before = " " + " ".join(norms[:i]) + " "
    for frame in DENYING_FRAMES:
        if frame in before:
            return len(before[:before.index(frame)].split())
    return None


def _side(found: tuple[str, str] | None) -> dict | None:
    return {"says": found[0], "word": found[1]} if found else None


def continuation_signal(text_a: str, text_b: str) -> dict | None:
    """What each side says (ends / goes on, with its word) and whether they are opposed or agree."""
    a, b = continuation(text_a), continuation(text_b)
    if a is None and b is None:
        return None
    relation = None
    if a and b:
        relation = "agreed" if a[0] == b[0] else "opposed"
    return {"a": _side(a), "b": _side(b), "relation": relation}
