"""Shared by eval_seeds.py and eval_stories.py: run the pipeline on a folder of articles in a
temporary store and score its candidate pairs and flags against hand-read gold pairs.

A gold pair names two fragments by file and exact text. Each fragment is mapped to the
extracted claims of that file whose character span overlaps it (at least half of the shorter
of the two spans), so a claim cut a little longer or shorter than the annotator's fragment
still counts, and a fragment split over two claims maps to both. A flag or candidate pair
matches a gold pair when one of its claims maps to each side.
"""
from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from claimcheck.config import load_settings  # noqa: E402
from claimcheck.pipeline import check  # noqa: E402
from claimcheck.store import Store  # noqa: E402

CONTRADICTION_LABELS = ("contradiction", "reversal")


@dataclass
class Gold:
    index: int           # line number in the gold file, 0-based
    label: str           # contradiction | reversal | borderline | compatible
    a_file: str
    a_text: str
    b_file: str
    b_text: str
    note: str = ""
    a_speaker: str = ""
    b_speaker: str = ""

    @property
    def contradiction(self) -> bool:
        return self.label in CONTRADICTION_LABELS


def read_gold(path: Path) -> list[Gold]:
    """Gold pairs in either layout: seeds (`a_fragment`, `label`) or stories (`a`, `kind`)."""
    out = []
    for i, line in enumerate(l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()):
        d = json.loads(line)
        out.append(Gold(i, d.get("label") or d.get("kind"), d["a_file"], d.get("a_fragment") or d["a"],
                        d["b_file"], d.get("b_fragment") or d["b"], d.get("note") or d.get("why") or "",
                        d.get("a_speaker", ""), d.get("b_speaker", "")))
    return out


def run_pipeline(folder: Path, db: Path, **overrides):
    """`claimcheck check folder` through the library, into the store at `db`."""
    settings = load_settings(db=db, **overrides)
    store = Store(db)
    result = check([str(folder)], settings, store)
    if result.errors:
        raise SystemExit(f"{folder}: " + "; ".join(f"{e.source}: {e.message}" for e in result.errors))
    return settings, store


def _overlaps(c_start: int, c_end: int, g_start: int, g_end: int) -> bool:
    shared = min(c_end, g_end) - max(c_start, g_start)
    return shared > 0 and shared >= 0.5 * min(c_end - c_start, g_end - g_start)


def map_fragments(store: Store, folder: Path, gold: list[Gold]) -> dict[tuple[str, str], set[str]]:
    """(file, fragment) -> ids of the claims that cover it (empty when extraction missed it)."""
    by_source = {Path(a.source).name: a for a in store.articles()}
    claims_of: dict[str, list] = {}
    for c in store.claims():
        claims_of.setdefault(c.article_id, []).append(c)
    out: dict[tuple[str, str], set[str]] = {}
    for g in gold:
        for file, frag in ((g.a_file, g.a_text), (g.b_file, g.b_text)):
            article = by_source.get(file)
            if article is None:
                raise SystemExit(f"gold names {file}, which is not among the articles read from {folder}")
            at = article.text.find(frag)
            if at < 0:
                raise SystemExit(f"gold fragment not found verbatim in {file}: {frag[:60]}")
            out[(file, frag)] = {c.id for c in claims_of.get(article.id, [])
                                 if _overlaps(c.start, c.end, at, at + len(frag))}
    return out


def score(folder: Path, gold: list[Gold], top: int = 20, keep_db: Path | None = None, **overrides) -> dict:
    """Every figure the issue asks for, plus the ranked flags, for one folder."""
    with tempfile.TemporaryDirectory() as tmp:
        db = keep_db or Path(tmp) / "eval.db"
        if keep_db and keep_db.exists():
            keep_db.unlink()
        settings, store = run_pipeline(folder, db, **overrides)
        try:
            return _score(store, settings, folder, gold, top)
        finally:
            store.close()


def _match(gold: list[Gold], claims_of: dict, a: str, b: str) -> list[int]:
    hits = []
    for g in gold:
        ga, gb = claims_of[(g.a_file, g.a_text)], claims_of[(g.b_file, g.b_text)]
        if (a in ga and b in gb) or (a in gb and b in ga):
            hits.append(g.index)
    return hits


def _score(store: Store, settings, folder: Path, gold: list[Gold], top: int) -> dict:
    run = store.run().id  # the run the pipeline just judged under
    claims_of = map_fragments(store, folder, gold)
    claims = {c.id: c for c in store.claims()}
    speakers = {s.id: s.name for s in store.speakers()}
    pairs = store.db.execute("SELECT a, b, origin, score FROM judgements WHERE run=? AND current=1", (run,)).fetchall()
    candidate_of: dict[int, list[str]] = {}
    for a, b, origin, _ in pairs:
        for gi in _match(gold, claims_of, a, b):
            candidate_of.setdefault(gi, []).append(origin)
    flags = [f for f, _ in store.flags(run, settings.threshold)]
    ranked = []
    first_rank: dict[int, int] = {}
    for rank, f in enumerate(flags, 1):
        hits = _match(gold, claims_of, f.a, f.b)
        for gi in hits:
            first_rank.setdefault(gi, rank)
        label = gold[hits[0]].label if hits else None
        ranked.append({"rank": rank, "score": f.score, "kind": f.kind, "gold": hits[0] if hits else None,
                       "label": label,
                       "a": claims[f.a].text, "a_speaker": speakers.get(claims[f.a].speaker_id or "",
                                                                      claims[f.a].speaker_mention or "?"),
                       "b": claims[f.b].text, "b_speaker": speakers.get(claims[f.b].speaker_id or "",
                                                                      claims[f.b].speaker_mention or "?")})
    contradictions = [g for g in gold if g.contradiction]
    compatible = [g for g in gold if g.label == "compatible"]

    def in_top(group: list[Gold]) -> int:
        return sum(1 for g in group if first_rank.get(g.index, top + 1) <= top)

    top10 = ranked[:10]
    return {
        "folder": folder.name, "claims": len(claims), "candidate_pairs": len(pairs), "flags": len(flags),
        "gold_pairs": len(gold), "gold_contradictions": len(contradictions),
        "gold_compatible": len(compatible),
        "contradictions_extracted": sum(1 for g in contradictions
                                        if claims_of[(g.a_file, g.a_text)] and claims_of[(g.b_file, g.b_text)]),
        "contradictions_candidates": sum(1 for g in contradictions if g.index in candidate_of),
        "candidate_channels": {g.index: sorted(set(candidate_of.get(g.index, []))) for g in contradictions},
        "canonical_rank": first_rank.get(0),
        f"contradictions_in_top{top}": in_top(contradictions),
        f"compatible_in_top{top}": in_top(compatible),
        "contradictions_flagged": sum(1 for g in contradictions if g.index in first_rank),
        "gold_ranks": {g.index: first_rank.get(g.index) for g in contradictions},
        "top10_gold_contradictions": sum(1 for f in top10 if f["label"] in CONTRADICTION_LABELS),
        "top10_gold_compatible": sum(1 for f in top10 if f["label"] == "compatible"),
        "top_flags": ranked[:top],
    }


def print_result(r: dict, gold: list[Gold], top: int, canonical: bool = True) -> None:
    n_con = r["gold_contradictions"]
    print(f"{r['folder']}: {r['claims']} claims, {r['candidate_pairs']} candidate pairs, {r['flags']} flags")
    print(f"  gold contradictions {n_con}: both sides extracted {r['contradictions_extracted']}, "
          f"candidates {r['contradictions_candidates']}, flagged {r['contradictions_flagged']}, "
          f"in top {top}: {r[f'contradictions_in_top{top}']}")
    for g in gold:
        if g.contradiction:
            ch = ",".join(r["candidate_channels"][g.index]) or "not a candidate"
            rank = r["gold_ranks"][g.index]
            print(f"    gold #{g.index}: {ch:24} rank {rank if rank else '-'}")
    if canonical:
        print(f"  canonical pair (gold #0) rank: {r['canonical_rank']}")
    print(f"  gold-compatible pairs in top {top}: {r[f'compatible_in_top{top}']} (of {r['gold_compatible']})")
    print(f"  top ten: {r['top10_gold_contradictions']} gold contradictions, {r['top10_gold_compatible']} gold compatible")
    for f in r["top_flags"]:
        mark = f"{f['label'][:6]}#{f['gold']}" if f["gold"] is not None else "-"
        print(f"  {f['rank']:3} {f['score']:.2f} {f['kind'][:3]} {mark:10} "
              f"[{f['a_speaker'][:20]}] {f['a'][:60]}\n{'':24}|| [{f['b_speaker'][:20]}] {f['b'][:60]}")


def summary(r: dict, top: int) -> dict:
    keys = ("folder", "claims", "candidate_pairs", "flags", "gold_contradictions", "contradictions_extracted",
            "contradictions_candidates", "contradictions_flagged", "canonical_rank", f"contradictions_in_top{top}",
            f"compatible_in_top{top}", "top10_gold_contradictions", "top10_gold_compatible")
    return {k: r[k] for k in keys}
