"""Arabic normalisation for matching. Pure functions; stored text and offsets stay original.

`normalize` folds the spelling variants that Arabic news writes interchangeably (hamza seats,
ta marbuta, alef maqsura, diacritics, tatweel, Eastern digits) so that two spellings of the
same word compare equal. `normalize_with_map` does the same and keeps, for every output
character, the index of the input character it came from, so matches found on the normalised
form can be mapped back onto the original text.
"""
from __future__ import annotations

import re

# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks, tatweel:
# the characters matching ignores.
IGNORED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_DIGIT_TABLE = str.maketrans(_DIGITS)
_FOLD_ALL = _FOLD | _DIGITS

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def to_western_digits(text: str) -> str:
    """Arabic-Indic and Persian digits -> 0-9; nothing else changes (length is kept)."""
    return text.translate(_DIGIT_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text plus, for each of its characters, the index it came from in `text`."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in IGNORED:
            continue
        out.append(_FOLD_ALL.get(ch, ch))
        index.append(i)
    return "".join(out), index


def normalize(text: str) -> str:
    """The matching form of `text`: diacritics and tatweel gone, letter variants folded."""
    return "".join(_FOLD_ALL.get(ch, ch) for ch in text if ch not in IGNORED)


def strip_prefixes(word: str) -> str:
    """Drop one clitic prefix (و ف ب ل ك, the article ال and their combinations) from a
    normalised word, keeping at least three letters so short stems are not eaten."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among the Arabic and Latin letters in `text` (0 when none)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def guess_lang(text: str) -> str:
    """"en" when Latin letters clearly dominate, else "ar" (the default for this project)."""
    sample = text[:20_000]
    if not _LATIN_LETTER.search(sample):
        return "ar"
    return "ar" if arabic_ratio(sample) >= 0.3 else "en"
