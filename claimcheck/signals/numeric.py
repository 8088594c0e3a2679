"""Numbers: "2500 جندي" against "خروج كل قواته" is a clash the NLI model may miss, because one
side counts what stays and the other says all of it left. Quantities are read from digits
(Western and Arabic-Indic), Arabic and English number words, and totality words
(كل/جميع/كامل/all/entire, and "none": لم يعد هناك أي / no troops), each with the noun it counts.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from claimcheck.signals._words import norm_all
from claimcheck.signals.periods import YEAR_RE
from claimcheck.text.arabic import normalize, to_western_digits

# Nouns that count the same thing, so "2500 جندي" and "كل القوات" are comparable. Lexicons are
# written in ordinary spelling and normalised once below, exactly as the text is.
_UNIT_GROUPS = {
    "troops": ("جندي", "جنود", "عسكري", "عسكريين", "مقاتل", "مقاتلين", "قوات", "قواته", "قواتها", "القوات",
               "قوه", "القوه", "مستشار", "مستشارين", "soldier", "soldiers", "troop", "troops", "forces",
               "force", "personnel", "advisers", "advisors"),
    "people": ("شخص", "اشخاص", "مدني", "مدنيين", "قتيل", "قتلي", "people", "civilians", "killed", "dead"),
    "percent": ("%", "٪", "بالمئه", "بالمائه", "percent"),
    "money": ("دولار", "دينار", "يورو", "dollars", "dollar", "$"),
}

_AR_UNITS = {"واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
            "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "تسع": 9,
            "تسعه": 9, "عشر": 10, "عشره": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30,
            "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50, "مئه": 100, "مائه": 100, "مئتين": 200,
            "مئتان": 200, "ثلاثمئه": 300, "اربعمئه": 400, "خمسمئه": 500, "خمسمائه": 500, "ستمئه": 600,
            "سبعمئه": 700, "ثمانمئه": 800, "تسعمئه": 900}
_AR_SCALES = {"الف": 1000, "الفا": 1000, "الاف": 1000, "الفين": 2000, "الفان": 2000, "مليون": 10**6,
             "ملايين": 10**6, "مليار": 10**9}
EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6}
EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}

_TOTAL_ALL = ("كل", "كامل", "جميع", "كافه", "all", "entire", "every", "complete", "full", "whole")
_TOTAL_NONE = ("لم يعد هناك اي", "لا توجد اي", "لا يوجد اي", "لم تعد هناك اي", "لم تعد لديه", "لا وجود",
              "no troops", "no forces", "no combat", "none of", "zero")
_LEAVE_WORDS = ("خروج", "انسحاب", "سحب", "انسحبت", "غادرت", "مغادره", "رحيل", "withdraw", "withdrawal",
               "left", "leave", "pulled out", "exit")



UNIT_GROUPS = {group: norm_all(nouns) for group, nouns in _UNIT_GROUPS.items()}
AR_UNITS = {normalize(k): v for k, v in _AR_UNITS.items()}
AR_SCALES = {normalize(k): v for k, v in _AR_SCALES.items()}
TOTAL_ALL, TOTAL_NONE, LEAVE_WORDS = norm_all(_TOTAL_ALL), norm_all(_TOTAL_NONE), norm_all(_LEAVE_WORDS)


@dataclass(frozen=True)
class Quantity:
    value: float | str      # a number, or "all" / "none"
    unit: str | None        # the counted noun as normalised, or None
    group: str | None       # UNIT_GROUPS key the noun belongs to
    text: str               # as found (normalised form), for the report
    partitive: bool = False  # "ألف جندي من القوات" / "1,000 of the troops": a part of some whole


def _group(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    w = w[:-1] if len(w) > 3 and w.endswith("ا") else w  # accusative alif: شخصا -> شخص
    for stem in (w, w[2:] if w.startswith("ال") else w, w[1:] if w[:1] in "وفبل" else w):
        for group, nouns in UNIT_GROUPS.items():
            if stem in nouns:
                return group
    return None


def _unit_after(tokens: list[str], i: int) -> str | None:
    """The counted noun: the first of the next few words that names a known unit, else the next word."""
    window = tokens[i:i + 3]
    return next((tok for tok in window if _group(tok)), window[0] if window else None)


def _word_number(tokens: list[str], i: int) -> tuple[float, int] | None:
    """Arabic/English number words starting at tokens[i]: value and tokens consumed."""
    total, current, j = 0.0, 0.0, i
    while j < len(tokens):
        tok = tokens[j][1:] if tokens[j].startswith("و") and tokens[j][1:] in {**AR_UNITS, **AR_SCALES} else tokens[j]
        tok = tok.lower()
        if tok in AR_UNITS or tok in EN_WORDS and tok not in EN_SCALES:
            current += AR_UNITS.get(tok, EN_WORDS.get(tok, 0))
        elif tok in AR_SCALES or tok in EN_SCALES:
            scale = AR_SCALES.get(tok) or EN_SCALES[tok]
            total += (current or 1) * scale
            current = 0
        elif tok == "and" and j > i:
            pass
        else:
            break
        j += 1
    if j == i:
        return None
    return total + current, j - i


PARTITIVE = ("من", "of")


def quantities(text: str) -> list[Quantity]:
    return list(_quantities(text))


@lru_cache(maxsize=65536)  # candidate selection reads each claim against many neighbours
def _quantities(text: str) -> tuple[Quantity, ...]:
    norm = normalize(to_western_digits(text))
    tokens = re.findall(r"[\w%٪$]+", norm.replace(",", "").replace("٬", ""))
    found: list[Quantity] = []

    def count(value: float, unit: str | None, start: int, end: int) -> Quantity:
        following = tokens[end + 1] if end + 1 < len(tokens) else None
        return Quantity(value, unit, _group(unit), " ".join(tokens[start:end + 1]),
                        partitive=following in PARTITIVE)

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            value = float(tok)
            j = i + 1
            if j < len(tokens) and tokens[j].lower() in {**AR_SCALES, **EN_SCALES}:
                value *= AR_SCALES.get(tokens[j].lower()) or EN_SCALES[tokens[j].lower()]
                j += 1
            if not (YEAR_RE.fullmatch(tok) and _group(_unit_after(tokens, j)) is None):  # a bare year is a date
                found.append(count(value, _unit_after(tokens, j), i, j))
            i = j
            continue
        words = _word_number(tokens, i)
        if words and words[0] > 0:
            value, used = words
            unit = _unit_after(tokens, i + used)
            if _group(unit):  # number words alone are too often idioms ("one of", "الأول")
                found.append(count(value, unit, i, i + used))
            i += used
            continue
        if tok.lower() in TOTAL_ALL:
            unit = _unit_after(tokens, i + 1)
            if _group(unit):
                found.append(Quantity("all", unit, _group(unit), f"{tok} {unit}"))
        i += 1
    lowered = norm.lower()
    for phrase in TOTAL_NONE:
        if phrase in lowered:
            tail = lowered.split(phrase, 1)[1].split()
            unit = next((w for w in tail[:3] if _group(w)), None)
            found.append(Quantity("none", unit, _group(unit) or "troops", phrase))
    return tuple(found)


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    norm = normalize(text).lower()
    return any(re.search(rf"(?<!\w)[وفبل]?{re.escape(w)}", norm) for w in words)


def _count_against_total(count: Quantity, total: Quantity, count_text: str, total_text: str) -> bool:
    """Some still there vs none there, or vs all of them gone (and the count is not itself leaving)."""
    if count.value <= 0:
        return False
    if total.value == "none":
        return True
    return _mentions(total_text, LEAVE_WORDS) and not _mentions(count_text, LEAVE_WORDS)


@dataclass(frozen=True)
class NumericEvidence:
    """The quantities each side states and, when they cannot both hold, why."""
    a: tuple[Quantity, ...]
    b: tuple[Quantity, ...]
    clash: str | None = None
    kind: str | None = None     # "total" (a count against all/none) or "counts" (two different counts)

    def summary(self) -> str:
        def side(qs: tuple[Quantity, ...]) -> str:
            return " ; ".join(q.text for q in qs) or "none"
        return f"A: {side(self.a)} · B: {side(self.b)}" + (f" — {self.clash}" if self.clash else "")

    def to_dict(self) -> dict:
        return {"a": [asdict(q) for q in self.a], "b": [asdict(q) for q in self.b], "clash": self.clash,
                "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict) -> "NumericEvidence":
        def side(rows) -> tuple[Quantity, ...]:
            return tuple(Quantity(row.get("value"), row.get("unit"), row.get("group"), str(row.get("text", "")),
                                  bool(row.get("partitive", False))) for row in rows or ())
        return cls(side(data.get("a")), side(data.get("b")), data.get("clash"), data.get("kind"))


def numeric_signal(text_a: str, text_b: str) -> NumericEvidence | None:
    """Quantities on both sides and, when they cannot both be true, why."""
    qa, qb = _quantities(text_a), _quantities(text_b)
    if not qa and not qb:
        return None
    clash, kind = None, None
    for x, y in ((x, y) for x in qa for y in qb):
        if x.group is None or x.group != y.group:
            continue
        if isinstance(x.value, float) and isinstance(y.value, float):
            # Two counts may be a part and its whole ("1,000 of the 2,500"): weak evidence.
            if not (x.partitive or y.partitive) and abs(x.value - y.value) > 0.1 * max(x.value, y.value):
                clash, kind = f"different counts of the same thing: '{x.text}' vs '{y.text}'", "counts"
        else:
            count, total = (x, y) if isinstance(x.value, float) else (y, x)
            if isinstance(count.value, float) and not isinstance(total.value, float) \
                    and _count_against_total(count, total, text_a if count is x else text_b,
                                             text_b if count is x else text_a):
                # Some still there against all gone / none there: a logical clash.
                clash, kind = f"'{count.text}' on one side, '{total.text}' on the other", "total"
                break
    return NumericEvidence(qa, qb, clash, kind)
