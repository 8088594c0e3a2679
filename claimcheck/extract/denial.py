"""Denials: a statement under a denial cue ("نفى أن ...", "denied that ...") is what its
speaker rejects. The extractor records that on the claim (Claim.denies); `position` gives the
speaker's own position, which is what NLI and the labelled-pair export compare."""
from __future__ import annotations

from claimcheck.extract.lexicon import DENIAL_CUES, EN_DENIAL_CUES
from claimcheck.records import Claim
from claimcheck.text.arabic import arabic_ratio, normalize, strip_prefixes

NEGATION = {"ar": "ليس صحيحاً أن ", "en": "It is not true that "}


def is_denial_cue(cue: str | None) -> bool:
    cue = (cue or "").strip()
    return bool(cue) and (strip_prefixes(normalize(cue)) in DENIAL_CUES or cue.lower() in EN_DENIAL_CUES)


def position(claim: Claim) -> str:
    """The claim as the speaker's own position: negated when the speaker denies it."""
    if not claim.denies:
        return claim.text
    return NEGATION["ar" if arabic_ratio(claim.cue or claim.text) > 0.5 else "en"] + claim.text
