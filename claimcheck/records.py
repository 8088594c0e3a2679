"""The typed records that flow one way through claimcheck's stages.

read -> Article; extract -> Claim (speaker_mention/role as written); speakers -> Speaker and
Claim.speaker_id; pair -> Candidate; judge -> Flag (under a Run); review -> Verdict. Stages annotate
records by returning new ones (dataclasses.replace), never by reaching back upstream.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from claimcheck.signals import Evidence

# claimcheck's canonical NLI label order; a model's own order is mapped onto it by name.
NLI_LABELS = ("entailment", "neutral", "contradiction")

ClaimKind = Literal["direct", "reported"]
FlagKind = Literal["contradiction", "reversal"]
VerdictValue = Literal["confirmed", "rejected", "agree", "unsure"]
DisputeKind = Literal["dispute", "reversal"]
DisputeVerdictValue = Literal["confirmed", "rejected", "unsure"]


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
    denies: bool = False           # the cue is a denial ("نفى", "denied"): the speaker rejects `text`


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
    origin: Literal["neighbours", "same_speaker", "contrast", "lexical", "article"] = "neighbours"

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
    signals: Evidence = field(default_factory=Evidence)  # what each signal found, typed
    reason: str = ""


@dataclass(frozen=True)
class Run:
    """One judging configuration: everything its judgements were computed with. The store
    keeps one per distinct configuration; judgements point at it, so a store can be read
    without the settings or models beside it."""
    embedder: str
    nli_model: str
    settings: dict              # the settings judgements depend on (pairing, signal weights, periods)
    embedder_digest: str | None = None  # content digests; None where unknown (a hub id, a legacy run)
    nli_digest: str | None = None
    calibration: dict | None = None     # {"digest", "fitted_on"}; None: scores are uncalibrated means
    signals_version: int | None = None
    id: int | None = None       # set by the store
    created_at: str | None = None
    used_at: str | None = None  # last time a check judged (or resumed) with it


@dataclass(frozen=True)
class Verdict:
    flag_id: str
    verdict: VerdictValue
    reviewer: str
    at: str                 # ISO timestamp, UTC
    note: str | None = None


@dataclass(frozen=True)
class Side:
    """One side of a dispute: claims that agree with each other (or at least not against each
    other) and contradict the other side."""
    claims: tuple[str, ...]     # claim ids, earliest statement first
    speakers: tuple[str, ...]   # speaker keys (speaker id, or "claim:<id>" when unattributed), first speaker first


@dataclass(frozen=True)
class Dispute:
    """One disagreement: a proposition and who stands on each side of it, with the pair
    judgements underneath. Built by claimcheck.disputes from a run's judgements."""
    id: str                     # "d" + digest of the member claim ids as grouped (before any reviewer move)
    kind: DisputeKind           # "reversal": one speaker is on both sides, earlier on one and later on the other
    proposition: str            # claim id of the representative statement (the most central claim of side 0)
    sides: tuple[Side, Side]    # sides[0] holds the proposition
    evidence: tuple[str, ...]   # flag ids of contradictions across the sides, strongest first
    agreements: tuple[str, ...] = ()  # judgement ids of agreements inside a side
    outvoted: tuple[str, ...] = ()    # flag ids inside one side, outvoted by the agreement around them
    strength: float = 0.0       # sum over speaker pairs across the sides of their strongest contradiction
    speakers: int = 0           # distinct speakers on both sides
    reversed_by: tuple[str, ...] = ()  # speaker keys on both sides (kind "reversal")


@dataclass(frozen=True)
class DisputeVerdict:
    """A reviewer's answer on a whole dispute, or a claim moved: `claim` set and `side` 0/1 (or
    None: out of the dispute). Append-only like Verdict; the latest of each kind wins."""
    dispute_id: str
    reviewer: str
    at: str
    verdict: DisputeVerdictValue | None = None
    claim: str | None = None
    side: int | None = None
    note: str | None = None
    members: tuple[str, ...] = ()  # the dispute's claim ids as the reviewer saw it: finds its successor


def pair_key(a: str, b: str) -> str:
    """The id of a candidate pair and of the flag it may become."""
    return f"{a}|{b}"
