"""Direct quotes: telling a quoted statement from a quoted name, and quotes with no cue.

Quotes tied to a cue are found with the cue (reported.py, english.py); what is left here
are quotes that stand alone, which carry on the speaker of the text before them.
"""
from __future__ import annotations

import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.doc import Doc, Draft, Quote

MIN_FREE_QUOTE_WORDS = 5
# Words that, just before a quote, make it a name ("لـ"الشرق الأوسط"", "مع "رويترز"",
# "جماعة "أنصار الله"", "by "The Times"").
_NAME_CONTEXT = lx.PREPOSITIONS | lx.ORG_HEADS | lx.MEDIA_HEADS | frozenset(
    ["ل", "ب", "مع", "بعنوان", "عنوان", "شعار", "وسم", "هاشتاغ", "عملية", "قاعدة", "مخيم",
     "معسكر", "مطار", "ما", "يعرف", "يسمى", "المسمى", "المسماه", "باسم", "اسم", "to", "by",
     "of", "the", "from", "with", "called", "named", "dubbed", "for", "on", "at", "in"])
# A verb-like word: a present-tense prefix or a past-tense suffix on an Arabic word, or a
# particle that only goes with verbs and sentences.
_VERBISH = re.compile(r"^(?!ال|لل)(?:[وف]?(?:سي|ست|سن|ي|ت|ن)\w{2,}|\w{2,}(?:وا|نا|ت|تم))$")
_EN_VERBISH = re.compile(r"\b(?:is|are|was|were|will|would|can|could|have|has|had|do|does|did|not|"
                         r"we|i|you|they)\b|'s\b|n't\b|'re\b|'ll\b", re.I)
_SENTENCE_PARTICLES = frozenset(["لن", "لا", "لم", "قد", "هو", "هي", "نحن", "ليس", "لسنا", "انا", "هم"])


def is_name_quote(doc: Doc, quote: Quote) -> bool:
    """A short quote that names something (outlet, group, place) instead of saying something."""
    inner = doc.norm[quote.start:quote.end]
    words = inner.split()
    if len(words) > 4 or inner.rstrip().endswith((",", ".", "!", "?", "؟", "،")):
        return False  # punctuation inside the marks ends a sentence, not a name
    before = doc.norm[max(0, quote.open - 20):quote.open].split()
    prev = before[-1] if before else ""
    if prev in _NAME_CONTEXT or prev.lower() in _NAME_CONTEXT or (prev.endswith(("ل", "ب")) and len(prev) <= 2):
        return True
    if doc.lang == "en":
        return not _EN_VERBISH.search(inner)
    return not any(_VERBISH.match(w) or w in _SENTENCE_PARTICLES for w in words)


def _governed(doc: Doc, quote: Quote) -> bool:
    """A quote right after a preposition (bare or with the tatweel: "لـ", "بـ", "إلى")."""
    before = doc.norm[max(0, quote.open - 12):quote.open].split()
    return bool(before) and (before[-1] in lx.PREPOSITIONS or before[-1] in ("ل", "ب", "لـ", "بـ"))


def free_quotes(doc: Doc, taken: list[Draft]) -> list[Draft]:
    """Quotes of a full statement that no cue claimed: the speaker carries over."""
    spans = [(d.start, d.end) for d in taken]
    title_end = doc.paragraphs[0][1] if doc.paragraphs else 0
    out = []
    for q in doc.quotes:
        if q.open < title_end or any(a <= q.start < b or q.start <= a < q.end for a, b in spans):
            continue
        if len(doc.norm[q.start:q.end].split()) < MIN_FREE_QUOTE_WORDS or is_name_quote(doc, q):
            continue
        if _governed(doc, q):
            continue  # "وقدم شكره لـ"..."", "إلى ما وصفه بـ "..."": an object, not a statement
        out.append(Draft(q.start, q.end, "direct", None, None))
    return out
