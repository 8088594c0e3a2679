"""Cheap, explainable signals that sit beside the NLI model, one module each:

- numeric: quantities and the counts that clash ("2500 جندي" vs "خروج كل قواته");
- periods: claims about clearly different periods are not a contradiction;
- attitude: a reported wish, demand or fear does not assert its content;
- continuation: one side says something ended, the other that it goes on (or both say the same).

Each returns a typed evidence record (or None) with one `summary()` that the judge's reason,
every report format and the review screen all show; `Evidence` holds one pair's records.
"""
from __future__ import annotations

from dataclasses import dataclass

from claimcheck.signals.attitude import AttitudeEvidence, attitude, attitude_signal
from claimcheck.signals.continuation import ContinuationEvidence, ContinuationSide, continuation, continuation_signal
from claimcheck.signals.numeric import NumericEvidence, numeric_signal, quantities
from claimcheck.signals.periods import TimeEvidence, time_signal

# Part of what a stored judgement is valid for: bump it when a signal reads text differently.
VERSION = 3


@dataclass(frozen=True)
class Evidence:
    """What the signals found for one pair; None where a signal has nothing to say."""
    numeric: NumericEvidence | None = None
    time: TimeEvidence | None = None
    attitude: AttitudeEvidence | None = None
    continuation: ContinuationEvidence | None = None

    # Readers show the signals in this order, under these names.
    LABELS = (("numeric", "Numbers"), ("time", "Timing"), ("attitude", "Attitude"),
              ("continuation", "Ends or goes on"))

    def summaries(self) -> list[tuple[str, str, str]]:
        """(name, label, summary) of each signal present, in reading order."""
        return [(name, label, getattr(self, name).summary()) for name, label in self.LABELS
                if getattr(self, name) is not None]

    def to_dict(self) -> dict:
        """The stored and reported form: one object (or null) per signal."""
        return {name: None if getattr(self, name) is None else getattr(self, name).to_dict()
                for name, _ in self.LABELS}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Evidence":
        """Read the stored form, including judgements stored before a signal existed."""
        data = data or {}
        readers = {"numeric": NumericEvidence, "time": TimeEvidence, "attitude": AttitudeEvidence,
                   "continuation": ContinuationEvidence}
        return cls(**{name: reader.from_dict(data[name]) for name, reader in readers.items() if data.get(name)})


__all__ = ["VERSION", "Evidence", "AttitudeEvidence", "ContinuationEvidence", "ContinuationSide", "NumericEvidence",
           "TimeEvidence", "attitude", "attitude_signal", "continuation", "continuation_signal", "numeric_signal",
           "quantities", "time_signal"]
