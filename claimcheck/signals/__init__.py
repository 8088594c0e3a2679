"""Cheap, explainable signals that sit beside the NLI model, one module each:

- numeric: quantities and the counts that clash ("2500 جندي" vs "خروج كل قواته");
- periods: claims about clearly different periods are not a contradiction;
- attitude: a reported wish, demand or fear does not assert its content.

Each returns a plain dict (or None) that is stored with the judgement and shown in every report.
"""
from claimcheck.signals.attitude import attitude, attitude_signal
from claimcheck.signals.numeric import numeric_signal, quantities
from claimcheck.signals.periods import time_signal

__all__ = ["attitude", "attitude_signal", "numeric_signal", "quantities", "time_signal"]
