"""An article's title from its text when no manifest, feed or page metadata gives one: the
first short line that is not page furniture (see furniture.txt) and not a doubled copy of an
earlier line."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from claimcheck.text.arabic import normalize

FURNITURE_FILE = Path(__file__).with_name("furniture.txt")
_HEAD_LINES = 8  # a title sits at the top; a later line is story text


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern:
    patterns = [line.strip() for line in FURNITURE_FILE.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    # Patterns are folded like the lines they meet, so the file can spell words as news does.
    return re.compile("|".join(f"(?:{normalize(p).lower()})" for p in patterns))


def _fold(line: str) -> str:
    return re.sub(r"\s+", " ", normalize(line).lower()).strip()


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture as a whole ("مقالات مشابهة", "+ الخط -")."""
    folded = _fold(line)
    return bool(folded) and _furniture().fullmatch(folded) is not None


def drop_furniture(text: str) -> str:
    """`text` without the lines that are page furniture as a whole."""
    return "\n".join(line for line in text.split("\n") if not is_furniture(line))


def title_from_text(text: str) -> str | None:
    """The first title-like line near the top of `text`, or None."""
    seen: list[str] = []
    for line in (l.strip() for l in text.strip().split("\n")[:_HEAD_LINES * 3]):
        if not line:
            continue
        if len(seen) >= _HEAD_LINES:
            return None
        folded = _fold(line)
        seen.append(folded)
        if is_furniture(line) or _is_doubled(folded):
            continue
        if len(line) <= 150 and len(line.split()) <= 25:
            return line
        return None  # the first real line is a paragraph: the text has no title line
    return None


def _is_doubled(folded: str) -> bool:
    """A line that is one phrase written twice or more end to end ("TT", "TTT")."""
    n = len(folded)
    for parts in (2, 3):
        if n % parts == 0 and n >= 2 * parts and folded == folded[: n // parts] * parts:
            return True
    return False
