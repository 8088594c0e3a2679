"""Cheap, explainable signals that sit beside the NLI model, one module each:

- numeric: quantities and the counts that clash ("2500 جندي" vs "خروج كل قواته");
- periods: claims about clearly different periods are not a contradiction;
- attitude: a reported wish, demand or fear does not assert its content;
- continuation: one side says something ended, the other that it goes on (or both say the same).

Each returns a plain dict (or None) that is stored with the judgement and shown in every report.
"""
from claimcheck.signals.attitude import attitude, attitude_signal
from claimcheck.signals.continuation import continuation, continuation_signal, side_words
from claimcheck.signals.numeric import numeric_signal, quantities
from claimcheck.signals.periods import time_signal

# Part of what a stored judgement is valid for: bump it when a signal reads text differently.
VERSION = 3

__all__ = ["VERSION", "attitude", "attitude_signal", "continuation", "continuation_signal", "numeric_signal",
           "quantities", "side_words", "time_signal"]
