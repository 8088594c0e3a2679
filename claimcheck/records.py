"""The typed records that flow one way through claimcheck's stages.

read -> Article; extract -> Claim (speaker_mention/role as written); speakers -> Speaker and
Claim.speaker_id; pair -> Candidate; judge -> Flag; review -> Verdict. Stages annotate
records by returning new ones (dataclasses.replace), never by reaching back upstream.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# claimcheck's canonical NLI label order; a model's own order is mapped onto it by name.
NLI_LABELS = ("entailment", "neutral", "contradiction")

ClaimKind = Literal["direct", "reported"]
FlagKind = Literal["contradiction", "reversal"]
VerdictValue = Literal["confirmed", "rejected", "agree", "unsure"]


@dataclass(frozen=True)
class Article:
    id: str                 # stable: manifest/JSONL id, else derived from the content hash
    text: str               # the article body as read (HTML already reduced to text)
    source: str             # where it came from: a path, "path#line", or "-" for stdin
    sha256: str             # of `text`; re-reading identical content is a no-op
    lang: str = "ar"        # "ar" | "en"
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd publication date
    url: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str                 # f"{article_id}:{start}-{end}"
    article_id: str
    text: str               # the statement itself, without cue; == article.text[start:end]
    kind: ClaimKind
    start: int
    end: int
    sentence: str           # the sentence around the claim, for context in reports
    speaker_mention: str | None  # the mention as written (or inherited, for "وأضاف")
    cue: str | None = None  # cue verb as written ("وقال", "said"); None for a bare quote
    role: str | None = None       # title/role/organisation stripped from the mention
    channel: str | None = None    # "في حديث مع العربي الجديد", "in a statement" ...
    speaker_id: str | None = None  # canonical speaker, set by the speaker stage
    date: str | None = None        # article date (ISO)
    claim_date: str | None = None  # when the statement was made, if the text says


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str               # canonical display name (the longest full-name form seen)
    kind: Literal["person", "unnamed", "organisation"] = "person"
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    a: str                  # claim id (the earlier claim when dates are known)
    b: str
    similarity: float
    origin: Literal["neighbours", "same_speaker", "contrast", "lexical"] = "neighbours"

    @property
    def id(self) -> str:
        return pair_key(self.a, self.b)


@dataclass(frozen=True)
class Flag:
    id: str                 # f"{a}|{b}"
    kind: FlagKind
    score: float            # calibrated probability that the pair contradicts
    a: str
    b: str
    nli_ab: dict[str, float]  # premise a -> hypothesis b, label -> probability
    nli_ba: dict[str, float]
    signals: dict = field(default_factory=dict)  # numeric / time evidence
    reason: str = ""


@dataclass(frozen=True)
class Verdict:
    flag_id: str
    verdict: VerdictValue
    reviewer: str
    at: str                 # ISO timestamp, UTC
    note: str | None = None


def pair_key(a: str, b: str) -> str:
    """The id of a candidate pair and of the flag it may become."""
    return f"{a}|{b}"
