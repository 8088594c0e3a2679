"""Word-level helpers the signal lexicons share."""
from __future__ import annotations

import re

from claimcheck.text.arabic import IGNORED, normalize


def norm_all(words) -> tuple[str, ...]:
    """Lexicons are written in ordinary spelling and normalised once, exactly as the text is."""
    return tuple(normalize(w).lower() for w in words)


def word_pairs(text: str) -> list[tuple[str, str]]:
    """(as written without diacritics, normalised lower-case) for each word of `text`."""
    plain = "".join(ch for ch in text if ch not in IGNORED)
    return [(w, normalize(w).lower()) for w in re.findall(r"\w+", plain)]
