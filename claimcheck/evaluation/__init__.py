"""Evaluation, never imported by the runtime: labelled-pair readers, metrics, gates and JUnit
(labelled.py), extraction scoring against hand-made gold claims (extraction.py), and the one
precision/recall/F1 computation both use (metrics.py)."""
