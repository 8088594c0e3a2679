"""Labelled-pair builders shared by the training and calibration scripts."""
from __future__ import annotations

import random


def story_neutrals(pairs, rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """Pairs of ANS headlines from *different* stories that share at least two words, as neutral.

    Most candidate pairs in a real corpus look like this: same topic, different statements.
    ANS has almost no such pairs (its `other` class is tiny), so a model trained or
    calibrated on ANS alone learns that any two related headlines contradict.
    """
    stories = sorted({p for p, _, _ in pairs})
    words = [set(w for w in s.split() if len(w) > 3) for s in stories]
    by_word: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            by_word.setdefault(w, []).append(i)
    out, seen = [], set()
    order = list(range(len(stories)))
    rng.shuffle(order)
    for i in order:
        counts: dict[int, int] = {}
        for w in words[i]:
            for j in by_word[w]:
                if j != i:
                    counts[j] = counts.get(j, 0) + 1
        # Sorted: `counts` fills in set order, which changes with each process's hash seed.
        close = sorted(j for j, c in counts.items() if c >= 2 and (i, j) not in seen)
        if close:
            j = rng.choice(close)
            seen.update({(i, j), (j, i)})
            out.append((stories[i], stories[j], "neutral"))
        if len(out) >= n:
            break
    return out
