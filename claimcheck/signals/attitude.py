"""Attitude: a claim whose main verb reports someone else's wish, demand, call, appeal, hope or
fear ("the unions demand the plant's closure") does not assert that its content is true, so it
cannot contradict a statement of fact ("the plant is still open"), however alike the words are.
How much that lowers the score is fitted with the calibration.
"""
from __future__ import annotations

from dataclasses import dataclass

from claimcheck.signals._words import norm_all, word_pairs
from claimcheck.text.arabic import normalize

# Verbs whose content the subject neither asserts nor commits to: wanting, demanding, calling
# for, urging, hoping, fearing. Verbs of saying-with-belief (warn, expect, accuse) are left out:
# "X warned that prices will rise" states X's view much as "X said" does.
# Third-person forms only: "we demand the closure" is the speaker's own position, which can
# contradict a fact; "they demand the closure" reports somebody's attitude.
_ATTITUDE_AR = (
    "يريد", "تريد", "يريدون", "يريدان", "تريدان", "اراد", "ارادت", "ارادوا",
    "يرغب", "ترغب", "يرغبون", "رغب", "رغبت", "رغبوا",
    "يطالب", "تطالب", "يطالبون", "يطالبان", "تطالبان", "طالبت", "طالبوا",
    "يخشى", "تخشى", "يخشون", "يخشيان", "خشي", "خشيت", "يخاف", "تخاف", "يخافون",
    "يأمل", "تأمل", "يأملون", "يأملان", "يتمنى", "تتمنى", "يتمنون", "تمنى", "تمنت", "تمنوا",
    "يناشد", "تناشد", "يناشدون", "ناشد", "ناشدت", "ناشدوا", "يحث", "تحث", "يحثون", "حث", "حثت", "حثوا",
)
# "دعا" is "called for" only when followed by "إلى"; without it, it is also ودّع ("bade farewell",
# after a glued و) or يدّعي ("claims").
_CALL_AR = ("يدعو", "تدعو", "يدعون", "يدعوان", "تدعوان", "دعا", "دعت", "دعوا")
_CALL_AR_TO = "إلى"
_ATTITUDE_EN = ("want", "wants", "wanted", "wanting", "wish", "wishes", "demand", "demands", "demanded",
                "demanding", "urge", "urges", "urged", "urging", "hope", "hopes", "hoped", "hoping",
                "fear", "fears", "feared")
_CALL_EN = ("call", "calls", "called", "calling")
# English verb forms cannot tell the person, so the words before the verb are checked: a
# first-person subject up to two words back ("we strongly want"), or just before it a
# determiner or preposition that makes the word a noun ("the hopes of"; but "the union wants").
_FIRST_PERSON_EN = ("we", "i")
_NOUN_MARKERS_EN = ("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
                    "our", "my", "your", "of", "for", "in", "on", "with", "no", "any", "new", "growing")
ATTITUDE_WORDS = frozenset(norm_all(_ATTITUDE_AR + _ATTITUDE_EN))
CALL_AR, CALL_EN = frozenset(norm_all(_CALL_AR)), frozenset(_CALL_EN)
CALL_AR_TO = normalize(_CALL_AR_TO)
FIRST_PERSON_EN, NOUN_MARKERS_EN = frozenset(_FIRST_PERSON_EN), frozenset(_NOUN_MARKERS_EN)
NOUN_THEN_VERB_EN = frozenset(("is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "may",
                               "rose", "fell", "grew", "remain", "remains", "grow", "grows", "rise", "rises"))
# The main verb of a claim comes early: verb-first Arabic, or after a short subject.
ATTITUDE_WINDOW = 4


def _attitude_at(words: list[tuple[str, str]], i: int, verb: str) -> bool:
    """Whether `verb` (words[i] without a glued prefix) heads an attitude report here."""
    following = [w for _, w in words[i + 1:i + 1 + ATTITUDE_WINDOW]]
    if verb in CALL_AR:
        return CALL_AR_TO in following
    if verb.isascii():
        if i == 0 or words[i - 1][1] in NOUN_MARKERS_EN \
                or any(w in FIRST_PERSON_EN for _, w in words[max(0, i - 2):i]):
            return False  # "Hope is fading", "the fears of", "we strongly want"
        if following[:1] and (following[0] in NOUN_THEN_VERB_EN or following[0].endswith("ed")):
            return False  # a noun followed by its verb: "oil demand rose", "hopes faded"
        if verb in CALL_EN:
            return following[:1] == ["for"]  # "called for", not "called it a mistake"
    return verb in ATTITUDE_WORDS


def attitude(text: str) -> str | None:
    """The attitude verb heading `text` ("تطالب", "fear"), or None if the claim states a fact."""
    words = word_pairs(text)
    for i, (written, norm) in enumerate(words[:ATTITUDE_WINDOW]):
        # A conjunction or future prefix glued on: وتطالب, فيتوقع, ستطالب. Only stripped when
        # the rest is a listed verb, and "دعا" needs its "إلى", so ودّعت (farewell) stays out.
        prefixes = ("",) if norm.isascii() else ("", "وس", "فس", "و", "ف", "س")
        for prefix in prefixes:
            verb = norm[len(prefix):]
            if norm.startswith(prefix) and _attitude_at(words, i, verb):
                return written + (" for" if verb in CALL_EN else "")
    return None


@dataclass(frozen=True)
class AttitudeEvidence:
    """The attitude verb heading each side, if any; `mismatch` when exactly one side has one."""
    a: str | None
    b: str | None
    mismatch: bool

    @property
    def side(self) -> str | None:
        """"a" or "b": the side that reports an attitude while the other states a fact."""
        return ("a" if self.a else "b") if self.mismatch else None

    def summary(self) -> str:
        if not self.mismatch:
            return f"both report attitudes ('{self.a}' / '{self.b}')"
        other = "b" if self.side == "a" else "a"
        return f"{self.side.upper()} reports an attitude ('{getattr(self, self.side)}'); {other.upper()} states a fact"

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "mismatch": self.mismatch}

    @classmethod
    def from_dict(cls, data: dict) -> "AttitudeEvidence":
        return cls(data.get("a"), data.get("b"), bool(data.get("mismatch")))


def attitude_signal(text_a: str, text_b: str) -> AttitudeEvidence | None:
    """Which side, if any, reports an attitude; `mismatch` when exactly one does."""
    att_a, att_b = attitude(text_a), attitude(text_b)
    if att_a is None and att_b is None:
        return None
    return AttitudeEvidence(att_a, att_b, (att_a is None) != (att_b is None))
