"""The article as the extractor sees it: normalised text, quotes, sentences, tokens.

All matching runs on the normalised text (`normalize_with_map`), which only drops or folds
characters, so every normalised offset maps back onto the original text monotonically.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from claimcheck.text.arabic import IGNORED, normalize_with_map

# Opening mark -> the marks that may close it. Arabic typesetting often flips “ and ”,
# so either curly mark opens and either closes.
QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”“", "”": "”“", "„": "“”"}
QUOTE_MARKS = frozenset('"«»“”„')
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_TERMINATOR = re.compile(r"[.!?؟]+|\n")
# "U.S." "Gen." "Dec." - a full stop after these does not end an English sentence.
_ABBREVIATIONS = frozenset("""mr mrs ms dr gen lt col maj brig adm sgt capt cpl sen rep gov
    st jr sr prof no vs etc inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec""".split())


@dataclass(frozen=True)
class Quote:
    open: int       # index of the opening mark
    close: int      # index just past the closing mark (== end when unclosed)
    start: int      # content start
    end: int        # content end
    closed: bool


@dataclass(frozen=True)
class Token:
    text: str       # normalised
    start: int
    end: int


@dataclass
class Doc:
    text: str
    lang: str
    norm: str = field(init=False)
    index: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.norm, self.index = normalize_with_map(self.text)

    # -- mapping back -------------------------------------------------------------------

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span; trailing diacritics come along."""
        if start >= end:
            at = self.index[start] if start < len(self.index) else len(self.text)
            return at, at
        a, b = self.index[start], self.index[end - 1] + 1
        while b < len(self.text) and self.text[b] in IGNORED:
            b += 1
        return a, b

    def orig(self, start: int, end: int) -> str:
        a, b = self.orig_span(start, end)
        return self.text[a:b]

    # -- structure ----------------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for line in self.norm.split("\n"):
            if line.strip():
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return spans

    @cached_property
    def quotes(self) -> list[Quote]:
        """Quoted spans, paired per paragraph; an unclosed quote stops at the paragraph end."""
        found = []
        for ps, pe in self.paragraphs:
            i = ps
            while i < pe:
                closers = QUOTE_PAIRS.get(self.norm[i])
                if closers is None:
                    i += 1
                    continue
                j = next((k for k in range(i + 1, pe) if self.norm[k] in closers), None)
                if j is None:
                    found.append(Quote(i, pe, i + 1, pe, False))
                    break
                found.append(Quote(i, j + 1, i + 1, j, True))
                i = j + 1
        return found

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.open for q in self.quotes]

    def quote_at(self, pos: int) -> Quote | None:
        """The quote whose marks enclose `pos` (marks included)."""
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].open <= pos < self.quotes[i].close:
            return self.quotes[i]
        return None

    def quote_opening_at(self, pos: int) -> Quote | None:
        i = bisect.bisect_left(self._quote_starts, pos)
        return self.quotes[i] if i < len(self.quotes) and self.quotes[i].open == pos else None

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans; full stops inside quotes and English abbreviations do not split."""
        spans, start = [], 0
        for m in _TERMINATOR.finditer(self.norm):
            end = m.end()
            if m.group() == "..":
                continue  # an Arabic ellipsis pauses a sentence ("وتشير تقديرات.. إلى أن"), it does not end it
            if m.group() != "\n":
                quote = self.quote_at(m.start())
                if quote and quote.closed:
                    if not self._ends_with_quote(m.end(), quote):
                        continue
                    end = quote.close
                if m.group() == "." and self._no_break(m.start()):
                    continue
                # a closing quote right after the stop belongs to this sentence
                while end < len(self.norm) and self.norm[end] in "\"»”“'":
                    end += 1
            if self.norm[start:end].strip():
                spans.append((start, end))
            start = end
        if self.norm[start:].strip():
            spans.append((start, len(self.norm)))
        return spans

    def _ends_with_quote(self, stop_end: int, quote: Quote) -> bool:
        """'..."Our commitment is not changing." The talks ...': a stop just inside the
        closing mark ends the sentence unless the attribution follows ('...," he said')."""
        if stop_end != quote.end:
            return False
        after = self.norm[quote.close:quote.close + 3].lstrip(" ")
        return not after or not (after[0] in "،,;؛" or after[0].islower())

    def _no_break(self, dot: int) -> bool:
        after = self.norm[dot + 1:dot + 2]
        if after.isalnum():
            return True  # 2.5, U.S.-led
        word = re.search(r"(\w+)$", self.norm[max(0, dot - 8):dot])
        return bool(word) and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self._sentence_starts, pos) - 1, 0)
        return self.sentences[i] if self.sentences else (0, len(self.norm))

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(self.norm)]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._token_starts, start)
        j = bisect.bisect_left(self._token_starts, end)
        return [t for t in self.tokens[i:j] if t.end <= end]

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        return bisect.bisect_left(self._token_starts, pos)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Move the span's ends past spaces and punctuation (never editing text). Quote marks
    stay when the span holds both ends of the quote and more text besides."""
    strip = set(" \t\n،,.:;؛!?؟-–—…") | set(QUOTE_MARKS) | {"(", ")"}
    norm = doc.norm
    while start < end and norm[start] in strip:
        quote = doc.quote_opening_at(start)
        if quote is not None and quote.closed and norm[quote.close:end].strip(" ،,.:;؛!?؟\"»”“"):
            break  # '"داعش" تنظيم إرهابي'
        start += 1
    while end > start and norm[end - 1] in strip:
        ch = norm[end - 1]
        if ch in QUOTE_MARKS and _opens_inside(norm, start, end - 1, ch):
            break
        if ch == ")" and "(" in norm[start:end - 1]:
            break
        end -= 1
    return start, end


def _opens_inside(norm: str, start: int, close: int, mark: str) -> bool:
    inner = norm[start:close]
    if mark == '"':
        return inner.count('"') % 2 == 1
    openers = [o for o, closers in QUOTE_PAIRS.items() if mark in closers]
    return any(o in inner for o in openers)


@dataclass(frozen=True)
class Subject:
    """Who a statement is attributed to, as found next to its cue (normalised spans)."""
    mention: tuple[int, int] | None   # the speaker as written; None = not named here
    role: str | None = None            # original text
    channel: str | None = None         # original text
    kind: str = "person"               # person | unnamed | organisation | pronoun ("he added")
    cue_agrees: bool = True            # False: the cue agrees with a channel ("وقال بيان لـX")


@dataclass
class Draft:
    """A statement found by one of the matchers, before it becomes a Claim."""
    start: int                 # normalised span of the statement itself
    end: int
    kind: str                  # "direct" | "reported"
    cue: tuple[int, int] | None
    subject: Subject | None    # None: the speaker carries over from earlier
    agree: str | None = None   # m / f / p shown by the cue form, for carrying over
    same_sentence: bool = False  # a participle cue: the speaker is the sentence's own


# (token index, drafts so far, end of the text already taken) -> drafts found at this token
CueMatcher = Callable[[int, list[Draft], int], list[Draft] | None]


def scan_cues(doc: Doc, match: CueMatcher) -> list[Draft]:
    """Run `match` at every token outside quotes, left to right, in text order.

    A statement claims its text: tokens before the end of the last one found are skipped, so
    a cue word inside a reported statement never starts a second one.
    """
    drafts: list[Draft] = []
    taken_until = 0
    for i, tok in enumerate(doc.tokens):
        if tok.start < taken_until or doc.quote_at(tok.start):
            continue
        found = match(i, drafts, taken_until)
        if found:
            drafts.extend(found)
            taken_until = max(d.end for d in found)
    return drafts


@dataclass(frozen=True)
class Described:
    """What a mention string says about its speaker (used when resolving speakers)."""
    kind: str                 # person | unnamed | organisation | pronoun
    name: str | None          # the personal or organisation name, titles and role removed
    name_written: str | None  # the same, as written
    role: str | None          # as written
    head: str | None          # role head or unnamed head, normalised, without the article
    backref: bool             # "المسؤول ذاته", "The official": points back to a source
