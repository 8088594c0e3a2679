"""Judging candidate pairs: the expensive end of the cascade.

Each pair goes through the NLI cross-encoder in both directions (a->b and b->a), then the
cheap signals: a numeric clash raises the score, claims about clearly different periods by
different speakers are not reported, and the same speaker contradicting an earlier claim of
theirs is a *reversal* rather than a contradiction.

The score is a calibrated probability that the pair contradicts: a logistic curve over the
two directions' contradiction probabilities and the yes/no signal features (one side reports a
wish, fear or demand while the other states a fact; one side says something ended and the other
that it goes on; both say the same of it), fitted on labelled pairs by scripts/calibrate.py
(class-balanced, so the score does not inherit a data set's prior).
Without a calibration file (e.g. a user-supplied NLI model) the score is the mean of the two
directions' contradiction probabilities.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from claimcheck.models.catalogue import LABELS
from claimcheck.config import Settings
from claimcheck.extract.denial import position
from claimcheck.records import Candidate, Claim, Flag, Speaker
from claimcheck.signals import (AttitudeEvidence, ContinuationEvidence, Evidence, attitude_signal, continuation_signal,
                                numeric_signal, time_signal)


# The yes/no features a calibration can weigh, each derived from one signal by signal_features.
FEATURES = ("attitude_mismatch", "continuation_opposed", "continuation_agreed")


def signal_features(attitude: AttitudeEvidence | None, continuation: ContinuationEvidence | None) -> frozenset[str]:
    """The calibration features present in a pair's signals (the judge and calibrate.py share this)."""
    present = set()
    if attitude and attitude.mismatch:
        present.add("attitude_mismatch")
    if continuation and continuation.relation:
        present.add(f"continuation_{continuation.relation}")
    return frozenset(present)


@dataclass(frozen=True)
class Calibration:
    weight_ab: float
    weight_ba: float
    bias: float
    fitted_on: str = "uncalibrated"
    weights: dict[str, float] = field(default_factory=dict)  # feature -> log-odds added when present

    def score(self, c_ab: float, c_ba: float, features: frozenset[str] = frozenset()) -> float:
        z = float(self.weight_ab * logit(c_ab) + self.weight_ba * logit(c_ba) + self.bias
                  + sum(self.weights.get(f, 0.0) for f in features))
        return 1.0 / (1.0 + math.exp(-z))


def load_calibration(path: Path | None) -> Calibration | None:
    if path is None or not path.is_file():
        return None
    data = json.loads(path.read_text())
    weights = dict(data.get("weights", {}))
    if "weight_attitude" in data:  # files written before features were named
        weights.setdefault("attitude_mismatch", data["weight_attitude"])
    return Calibration(data["weight_ab"], data["weight_ba"], data["bias"], data.get("fitted_on", str(path)),
                       {f: float(w) for f, w in weights.items() if f in FEATURES})


def logit(p):
    """Log-odds of a probability or an array of them, clipped away from 0 and 1."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def combine(calibration: Calibration | None, c_ab: float, c_ba: float, clash_weight: float,
            features: frozenset[str] = frozenset()) -> float:
    base = calibration.score(c_ab, c_ba, features) if calibration else (c_ab + c_ba) / 2
    # A numeric clash removes part of the remaining doubt rather than overriding the model.
    return 1 - (1 - base) * (1 - clash_weight)


def denies(claim: Claim) -> bool:
    return claim.denies  # set by the extractor from the cue


def signals_clash(a: Claim, b: Claim) -> bool:
    """The cheap rule that lets a farther neighbour into the NLI stage (see pairs.py): one side
    says something ended that the other says goes on, or their quantities cannot both hold."""
    cont = continuation_signal(a.text, b.text, denies(a), denies(b))
    if cont and cont.relation == "opposed":
        return True
    numeric = numeric_signal(a.text, b.text)
    return bool(numeric and numeric.clash)


def _probs(row) -> dict[str, float]:
    return {label: round(float(p), 4) for label, p in zip(LABELS, row)}


def _who(claim: Claim, speakers: dict[str, Speaker]) -> str:
    spk = speakers.get(claim.speaker_id or "")
    return spk.name if spk else (claim.speaker_mention or "unattributed")


def _effect(weight: float) -> str:
    """What a fitted feature weight did, for the reason (nothing when no weight applied)."""
    return ", which raises the score" if weight > 0 else ", which lowers the score" if weight < 0 else ""


def _reason(kind: str, a: Claim, b: Claim, speakers: dict[str, Speaker], ab: dict, ba: dict, evidence: Evidence,
            weights: dict[str, float]) -> str:
    """Who contradicts whom, the NLI figures, and the summary of each signal that moved the score."""
    when_a, when_b = a.claim_date or a.date or "undated", b.claim_date or b.date or "undated"
    if kind == "reversal":
        head = f"{_who(b, speakers)} ({when_b}) reverses their own statement of {when_a}"
    else:
        head = f"{_who(b, speakers)} ({when_b}) contradicts {_who(a, speakers)} ({when_a})"
    parts = [head, f"NLI contradiction {ab['contradiction']:.2f} (a->b) / {ba['contradiction']:.2f} (b->a)"]
    numeric, attitude, continuation, time = evidence.numeric, evidence.attitude, evidence.continuation, evidence.time
    if numeric and numeric.clash:
        parts.append(f"numbers: {numeric.summary()}")
    if attitude and attitude.mismatch:
        parts.append(f"attitude: {attitude.summary()}" + _effect(weights.get("attitude_mismatch", 0.0)))
    if continuation and continuation.relation:
        parts.append(f"ends or goes on: {continuation.summary()}"
                     + _effect(weights.get(f"continuation_{continuation.relation}", 0.0)))
    if time.same_period is False and kind == "contradiction":
        parts.append(f"timing: {time.summary()}, so not reported as a contradiction")
    elif time.same_period is None:
        parts.append("period unknown: a side is undated")
    return "; ".join(parts)


def judge_pairs(candidates: list[Candidate], claims: dict[str, Claim], speakers: dict[str, Speaker],
                predict, settings: Settings, calibration: Calibration | None) -> list[Flag]:
    """One Flag per candidate (flagged or not: the store keeps every judgement)."""
    if not candidates:
        return []
    forward = [(position(claims[c.a]), position(claims[c.b])) for c in candidates]
    probs = predict(forward + [(h, p) for p, h in forward])
    n = len(candidates)
    weights = calibration.weights if calibration else {}
    out = []
    for i, cand in enumerate(candidates):
        a, b = claims[cand.a], claims[cand.b]
        ab, ba = _probs(probs[i]), _probs(probs[n + i])
        evidence = Evidence(
            numeric=numeric_signal(a.text, b.text),
            time=time_signal(a.claim_date or a.date, b.claim_date or b.date, a.text, b.text, settings.period_days),
            attitude=attitude_signal(a.text, b.text),
            # A denial ("نفى أن القوات غادرت") says the opposite of its text.
            continuation=continuation_signal(a.text, b.text, denies(a), denies(b)),
        )
        same_speaker = a.speaker_id is not None and a.speaker_id == b.speaker_id
        # A reversal is a change over time: with an undated side the order is unknown.
        dated = evidence.time.a_date is not None and evidence.time.b_date is not None
        kind = "reversal" if same_speaker and dated else "contradiction"
        numeric = evidence.numeric
        clash_kind = numeric.kind if numeric and max(ab["entailment"], ba["entailment"]) < 0.5 else None
        weight = {"total": settings.total_clash_weight, "counts": settings.count_clash_weight}.get(clash_kind, 0.0)
        score = combine(calibration, ab["contradiction"], ba["contradiction"], weight,
                        signal_features(evidence.attitude, evidence.continuation))
        if evidence.time.same_period is False and not same_speaker:
            score = 0.0  # different periods: a change over time, not two sources disagreeing
        out.append(Flag(id=cand.id, kind=kind, score=round(score, 4), a=cand.a, b=cand.b, nli_ab=ab, nli_ba=ba,
                        signals=evidence, reason=_reason(kind, a, b, speakers, ab, ba, evidence, weights)))
    return out
