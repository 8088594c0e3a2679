"""Reviewed flags as labelled NLI pairs: what fact-checkers decided becomes training and test data.

confirmed -> contradiction, rejected -> neutral, agree -> entailment; unsure (and unreviewed)
flags are left out. The rows are what `evaluate.read_labelled` reads back as JSONL.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from claimcheck.extract.denial import position
from claimcheck.store import Store

VERDICT_LABEL = {"confirmed": "contradiction", "rejected": "neutral", "agree": "entailment"}


def export_pairs(store: Store, run_id: int | None = None) -> list[dict]:
    """One row per flag of run `run_id` (the most recently used run when None) whose latest
    verdict maps to a label, best score first:
    {"premise", "hypothesis", "label", "speaker_a", "speaker_b", "source"}, premise = claim a,
    hypothesis = claim b, speakers by canonical name (the mention as written when unresolved),
    source = "claimcheck-review:<reviewer>:<flag id>"."""
    run = store.run(run_id)
    reviewed = [(f, v) for f, v in store.flags(run.id, float("-inf")) if v is not None and v.verdict in VERDICT_LABEL]
    if not reviewed:
        return []
    claims = {c.id: c for c in store.claims({cid for f, _ in reviewed for cid in (f.a, f.b)})}
    names = {s.id: s.name for s in store.speakers()}

    def speaker(claim_id: str) -> str | None:
        claim = claims.get(claim_id)
        if claim is None:
            return None
        return names.get(claim.speaker_id or "") or claim.speaker_mention

    rows = []
    for flag, verdict in reviewed:
        a, b = claims.get(flag.a), claims.get(flag.b)
        if a is None or b is None:  # a claim removed since it was flagged: nothing to pair
            continue
        # The texts NLI saw: a claim under a denial cue is the speaker's rejection of it.
        rows.append({"premise": position(a), "hypothesis": position(b), "label": VERDICT_LABEL[verdict.verdict],
                     "speaker_a": speaker(flag.a), "speaker_b": speaker(flag.b),
                     "source": f"claimcheck-review:{verdict.reviewer}:{flag.id}"})
    return rows


def write_jsonl(rows: list[dict], path: Path) -> int:
    """Write rows as UTF-8 JSON lines atomically (a killed export never leaves half a file)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)
