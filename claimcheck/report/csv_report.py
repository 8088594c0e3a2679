"""CSV for spreadsheets: disputes (one row per claim on a side) or pair flags (one row per flag).

Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula; such article text
gets a leading apostrophe, which spreadsheets show as text and do not display.
"""
from __future__ import annotations

import csv
import io

from claimcheck.report._common import claim_when, speaker_name

DISPUTE_COLUMNS = ("dispute", "rank", "kind", "strength", "speakers", "review", "reviewer", "proposition", "side",
                   "speaker", "role", "date", "outlet", "claim", "claim_id", "url", "pair_flags")
FLAG_COLUMNS = ("flag", "rank", "kind", "score", "review", "reviewer", "dispute",
                "a_speaker", "a_date", "a_outlet", "a_claim", "b_speaker", "b_date", "b_outlet", "b_claim", "reason")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _table(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(row.get(k)) for k in columns})
    return out.getvalue()


def render_disputes(data: dict) -> str:
    rows = []
    for rank, d in enumerate(data.get("disputes", []), 1):
        for side in d["sides"]:
            for speaker in side["speakers"]:
                for claim in speaker["claims"]:
                    rows.append({
                        "dispute": d["id"], "rank": rank, "kind": d["kind"], "strength": d["strength"],
                        "speakers": d["speakers"], "review": d["review"]["state"], "reviewer": d["review"]["reviewer"],
                        "proposition": d["proposition"]["text"], "side": side["label"],
                        "speaker": speaker["name"] or speaker_name(claim), "role": claim.get("role"),
                        "date": claim_when(claim), "outlet": claim.get("outlet"), "claim": claim["text"],
                        "claim_id": claim["id"], "url": claim.get("url"), "pair_flags": " ".join(d["evidence"]),
                    })
    return _table(DISPUTE_COLUMNS, rows)


def render_flags(data: dict) -> str:
    dispute_of = {f: d["id"] for d in data.get("disputes", []) for f in (*d["evidence"], *d["outvoted"])}
    rows = []
    for rank, f in enumerate(data["contradictions"], 1):
        a, b = f["a"], f["b"]
        rows.append({
            "flag": f["id"], "rank": rank, "kind": f["kind"], "score": f["score"], "review": f["review"]["state"],
            "reviewer": f["review"]["reviewer"], "dispute": dispute_of.get(f["id"]),
            "a_speaker": speaker_name(a), "a_date": claim_when(a), "a_outlet": a.get("outlet"), "a_claim": a["text"],
            "b_speaker": speaker_name(b), "b_date": claim_when(b), "b_outlet": b.get("outlet"), "b_claim": b["text"],
            "reason": f["reason"],
        })
    return _table(FLAG_COLUMNS, rows)
