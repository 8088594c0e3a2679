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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from claimcheck.models.catalogue import LABELS
from claimcheck.config import Settings
from claimcheck.extract.denial import position
from claimcheck.lexical import terms
from claimcheck.records import Candidate, Claim, Flag, Speaker
from claimcheck.signals import (AttitudeEvidence, ContinuationEvidence, Evidence, NumericEvidence, attitude_signal,
                                continuation, continuation_signal, numeric_signal, time_signal)
from claimcheck.signals.continuation import FLIPPED


# The features a calibration can weigh, computed by pair_features for every judged pair:
# yes/no signal features (1.0 when present) and three graded ones - the weaker direction's
# contradiction probability and the stronger direction's entailment probability (log-odds:
# entailment either way means the two agree) and the share of content words the claims have in
# common (lexical.terms). A calibration file weighs those it was fitted with; the rest are 0.
FEATURES = ("attitude_mismatch", "continuation_opposed", "continuation_agreed", "numeric_clash",
            "contradiction_min", "entailment_max", "overlap")


def signal_features(attitude: AttitudeEvidence | None, continuation: ContinuationEvidence | None) -> frozenset[str]:
    """The yes/no calibration features present in a pair's signals."""
    present = set()
    if attitude and attitude.mismatch:
        present.add("attitude_mismatch")
    if continuation and continuation.relation:
        present.add(f"continuation_{continuation.relation}")
    return frozenset(present)


def pair_features(ab: dict[str, float], ba: dict[str, float], text_a: str, text_b: str,
                  attitude: AttitudeEvidence | None, continuation: ContinuationEvidence | None,
                  numeric: NumericEvidence | None) -> dict[str, float]:
    """Every FEATURES value of one pair (the judge and calibrate.py share this)."""
    out = {name: 1.0 for name in signal_features(attitude, continuation)}
    if numeric and numeric.clash:
        out["numeric_clash"] = 1.0
    out["contradiction_min"] = float(logit(min(ab["contradiction"], ba["contradiction"])))
    out["entailment_max"] = float(logit(max(ab["entailment"], ba["entailment"])))
    words_a, words_b = set(terms(text_a)), set(terms(text_b))
    out["overlap"] = len(words_a & words_b) / max(len(words_a | words_b), 1)
    return out


@dataclass(frozen=True)
class Calibration:
    weight_ab: float
    weight_ba: float
    bias: float
    fitted_on: str = "uncalibrated"
    weights: dict[str, float] = field(default_factory=dict)  # feature -> log-odds per unit of the feature

    def score(self, c_ab: float, c_ba: float, features: Mapping[str, float] | frozenset[str] = frozenset()) -> float:
        values = dict.fromkeys(features, 1.0) if isinstance(features, frozenset) else features
        z = float(self.weight_ab * logit(c_ab) + self.weight_ba * logit(c_ba) + self.bias
                  + sum(w * values.get(f, 0.0) for f, w in self.weights.items()))
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
            features: Mapping[str, float] | frozenset[str] = frozenset()) -> float:
    base = calibration.score(c_ab, c_ba, features) if calibration else (c_ab + c_ba) / 2
    # A numeric clash removes part of the remaining doubt rather than overriding the model.
    return 1 - (1 - base) * (1 - clash_weight)


def denies(claim: Claim) -> bool:
    return claim.denies  # set by the extractor from the cue


def claim_state(claim: Claim) -> str | None:
    """What a claim says of its topic for the contrast search: "ends" or "goes on" (a denial
    flips it), or None. Claims with opposite states are paired even when far apart."""
    found = continuation(claim.text)
    if found is None:
        return None
    return FLIPPED[found[0]] if denies(claim) else found[0]


def signals_clash(a: Claim, b: Claim) -> bool:
    """The cheap rule that lets a farther neighbour into the NLI stage (see pairs.py): one side
    says something ended that the other says goes on, or their quantities cannot both hold."""
    cont = continuation_signal(a.text, b.text, denies(a), denies(b))
    if cont and cont.relation == "opposed":
        return True
    numeric = numeric_signal(a.text, b.text)
    return bool(numeric and numeric.clash)


def dated_apart(a: Claim, b: Claim) -> bool:
    """Both claims carry a date and the dates differ: what a reversal needs. One speaker's two
    claims from one day (or undated) are far more often one position in two wordings, or an
    attribution error, than a change of mind."""
    when_a, when_b = a.claim_date or a.date, b.claim_date or b.date
    return bool(when_a and when_b and when_a[:10] != when_b[:10])


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
    if kind == "reversal" and not dated_apart(a, b):
        parts.append("not both dated on different days, so not reported as a reversal")
    elif kind == "reversal" and continuation and continuation.relation == "agreed":
        parts.append("both say the same of what ends or goes on, so not reported as a reversal")
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
        kind = "reversal" if same_speaker else "contradiction"
        numeric = evidence.numeric
        clash_kind = numeric.kind if numeric and max(ab["entailment"], ba["entailment"]) < 0.5 else None
        if clash_kind == "total" and evidence.continuation and evidence.continuation.relation == "agreed":
            # "2,500 stay" against "there is no real withdrawal": both say the troops stay; the
            # total side only names leaving to deny it.
            clash_kind = None
        weight = {"total": settings.total_clash_weight, "counts": settings.count_clash_weight}.get(clash_kind, 0.0)
        score = combine(calibration, ab["contradiction"], ba["contradiction"], weight,
                        pair_features(ab, ba, a.text, b.text, evidence.attitude, evidence.continuation, numeric))
        if evidence.time.same_period is False and not same_speaker:
            score = 0.0  # different periods: a change over time, not two sources disagreeing
        if same_speaker and not dated_apart(a, b):
            score = 0.0
        if same_speaker and evidence.continuation and evidence.continuation.relation == "agreed":
            score = 0.0  # one speaker saying twice that it ended (or goes on) has not changed position
        out.append(Flag(id=cand.id, kind=kind, score=round(score, 4), a=cand.a, b=cand.b, nli_ab=ab, nli_ba=ba,
                        signals=evidence, reason=_reason(kind, a, b, speakers, ab, ba, evidence, weights)))
    return out
