"""Score extracted claims against a hand-made gold file (tests/data/gold_claims.jsonl).

A predicted claim matches a gold claim when both are in the same file and their spans
overlap by at least half of the shorter span; matching is one-to-one, greedy by overlap.
Speaker accuracy is counted on matched pairs: the predicted canonical speaker equals the
gold speaker after normalisation, or is an alias of it (a shorter form that holds the gold
surname, or a longer one that holds every gold name part).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from claimcheck.evaluation.metrics import precision_recall_f1
from claimcheck.records import Article, Claim, Speaker
from claimcheck.text.arabic import normalize, normalize_with_map


@dataclass(frozen=True)
class GoldClaim:
    file: str
    text: str
    kind: str
    speaker: str | None
    speaker_mention: str | None
    role: str | None = None
    cue: str | None = None


def load_gold(path: str | Path) -> list[GoldClaim]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append(GoldClaim(**{k: row.get(k) for k in GoldClaim.__dataclass_fields__}))
    return rows


def run_extraction(files: list[str], root: str | Path = ".") -> tuple[dict[str, Article], dict[str, list[Claim]], dict[str, Speaker]]:
    """read -> extract -> resolve speakers on `files` (relative to root), as the CLI does."""
    from claimcheck.extract import extract_claims
    from claimcheck.extract.speakers import resolve_speakers
    from claimcheck.ingest import read_inputs

    articles: dict[str, Article] = {}
    claims: dict[str, list[Claim]] = {}
    known: list[Speaker] = []
    for file in files:
        found, errors = read_inputs([str(Path(root) / file)])
        if errors or not found:
            raise ValueError(f"cannot read gold file {file}: {errors}")
        articles[file] = found[0]
        claims[file], known = resolve_speakers(extract_claims(found[0]), known)
    return articles, claims, {s.id: s for s in known}


def score(gold: list[GoldClaim], articles: dict[str, Article], claims: dict[str, list[Claim]],
          speakers: dict[str, Speaker]) -> dict:
    """Claim precision/recall/F1, kind and speaker accuracy, and the misses."""
    tp = fp = fn = 0
    kind_ok = speaker_ok = lenient_ok = 0
    misses, false_positives, wrong_speakers = [], [], []
    for file in dict.fromkeys(g.file for g in gold):
        text = articles[file].text
        golds = [(g, _locate(text, g.text)) for g in gold if g.file == file]
        preds = claims.get(file, [])
        pairs = sorted(((_overlap(p.start, p.end, *span), pi, gi)
                        for pi, p in enumerate(preds) for gi, (g, span) in enumerate(golds)
                        if _overlap(p.start, p.end, *span) >= 0.5 * min(p.end - p.start, span[1] - span[0])),
                       reverse=True)
        used_p, used_g = set(), set()
        for _, pi, gi in pairs:
            if pi in used_p or gi in used_g:
                continue
            used_p.add(pi)
            used_g.add(gi)
            p, g = preds[pi], golds[gi][0]
            kind_ok += p.kind == g.kind
            name = speakers[p.speaker_id].name if p.speaker_id in speakers else p.speaker_mention
            strict = same_speaker(name, g.speaker)
            speaker_ok += strict
            lenient_ok += strict or same_speaker(name, g.speaker_mention) \
                or same_speaker(p.speaker_mention, g.speaker_mention)
            if not strict:
                wrong_speakers.append({"file": file, "text": g.text, "gold": g.speaker, "predicted": name})
        tp += len(used_p)
        fp += len(preds) - len(used_p)
        fn += len(golds) - len(used_g)
        misses += [{"file": file, "text": g.text, "speaker": g.speaker}
                   for gi, (g, _) in enumerate(golds) if gi not in used_g]
        false_positives += [{"file": file, "text": p.text, "speaker": p.speaker_mention}
                            for pi, p in enumerate(preds) if pi not in used_p]
    return {
        "claims": {"gold": tp + fn, "predicted": tp + fp, "matched": tp, **precision_recall_f1(tp, fp, fn).rounded()},
        "kind_accuracy": round(kind_ok / tp, 4) if tp else 0.0,
        "speaker": {"matched": tp, "correct": speaker_ok, "accuracy": round(speaker_ok / tp, 4) if tp else 0.0,
                    "lenient_accuracy": round(lenient_ok / tp, 4) if tp else 0.0},
        "misses": misses,
        "false_positives": false_positives,
        "wrong_speakers": wrong_speakers,
    }


def _locate(text: str, needle: str) -> tuple[int, int]:
    at = text.find(needle)
    if at >= 0:
        return at, at + len(needle)
    folded, index = normalize_with_map(text)
    at = folded.find(normalize(needle))
    if at < 0:
        raise ValueError(f"gold text not found in its file: {needle[:60]}")
    return index[at], index[at + len(normalize(needle)) - 1] + 1


def _locate_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every span of `needle` in `text`, compared after normalisation."""
    folded, index = normalize_with_map(text)
    want = normalize(needle)
    spans, at = [], folded.find(want)
    while at >= 0 and want:
        spans.append((index[at], index[at + len(want) - 1] + 1))
        at = folded.find(want, at + 1)
    return spans


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def _parts(name: str) -> list[str]:
    name = normalize(name).lower().replace('"', " ").replace("«", " ").replace("»", " ")
    return [re.sub(r"^(?:al-|el-|ال)", "", w) for w in re.findall(r"[\w.'-]+", name)
            if w not in ("the", "a", "an")]


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Equal after normalisation, or an alias: a form no longer than the gold name that
    holds its surname ("الصفدي" for "أيمن الصفدي"), or one that holds every gold name part."""
    if not predicted or not gold:
        return False
    p, g = _parts(predicted), _parts(gold)
    if not p or not g:
        return False
    return p == g or set(g) <= set(p) or (g[-1] in p and len(p) <= len(g))


# ---------------------------------------------------------------- statement fragments

@dataclass(frozen=True)
class GoldFragment:
    """A piece of an attributed statement (an exact or near-exact substring of its file) and
    who said it, written "name (role or note)"; from a gold file of statement pairs."""
    file: str
    text: str
    speaker: str | None


def load_fragments(path: str | Path, folder: str) -> list[GoldFragment]:
    """The distinct fragments of a pairs file (`a_fragment`/`a_speaker`, `b_...`; or a story's
    `a`/`b` with no speaker, which scores recall only), with their files taken relative to
    `folder`."""
    out: dict[tuple[str, str], GoldFragment] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for side in ("a", "b"):
            file = str(Path(folder) / row[f"{side}_file"])
            text = row.get(f"{side}_fragment", row.get(side))
            out.setdefault((file, text), GoldFragment(file, text, row.get(f"{side}_speaker")))
    return list(out.values())


def gold_names(speaker: str) -> list[str]:
    """"الجنرال فرانك ماكنزي (قائد ...)" -> the name part; "X / Y" and "X وY" give each."""
    name = re.sub(r"\(.*?\)", " ", speaker)
    name = re.split(r"\bنقلا|نقلاً", name)[0]
    names = [n.strip() for n in re.split(r"/", name) if n.strip()]
    return names


def fragment_speaker_ok(predicted: str | None, gold: str) -> bool:
    """The predicted speaker is the gold one: a person by name or alias (same_speaker), an
    organisation by its head noun and name words ("التنسيقية" for "تنسيقية المقاومة العراقية")."""
    if not predicted:
        return False
    for name in gold_names(gold):
        if same_speaker(predicted, name):
            return True
        p, g = _parts(predicted), _parts(name)
        if p and g and p[0] == g[0] and set(p) <= set(g):
            return True
    return False


def score_fragments(fragments: list[GoldFragment], articles: dict[str, Article],
                    claims: dict[str, list[Claim]], speakers: dict[str, Speaker],
                    min_cover: float = 0.5) -> dict:
    """For each fragment: is there a claim covering at least `min_cover` of it, and is that
    claim's speaker the gold speaker?"""
    found, right, judged, rows = 0, 0, 0, []
    for f in fragments:
        spans = _locate_all(articles[f.file].text, f.text)
        if not spans:
            rows.append({"file": f.file, "fragment": f.text, "gold": f.speaker, "status": "not in file"})
            continue
        # a statement printed twice (a pull-quote and the body) counts where it is covered best
        cover = lambda c: max(_overlap(c.start, c.end, a, b) / (b - a) for a, b in spans)  # noqa: E731
        best = max(claims.get(f.file, []), key=cover, default=None)
        if best is None or cover(best) < min_cover:
            rows.append({"file": f.file, "fragment": f.text, "gold": f.speaker, "status": "missed"})
            continue
        found += 1
        name = speakers[best.speaker_id].name if best.speaker_id in speakers else best.speaker_mention
        if f.speaker is None:  # a story's pair gold names no speaker: recall only
            rows.append({"file": f.file, "fragment": f.text, "gold": None, "predicted": name,
                         "mention": best.speaker_mention, "claim": best.text, "status": "ok"})
            continue
        judged += 1
        ok = fragment_speaker_ok(name, f.speaker) or fragment_speaker_ok(best.speaker_mention, f.speaker)
        right += ok
        rows.append({"file": f.file, "fragment": f.text, "gold": f.speaker, "predicted": name,
                     "mention": best.speaker_mention, "claim": best.text,
                     "status": "ok" if ok else "wrong speaker"})
    return {"fragments": len(fragments), "found": found, "speaker_judged": judged, "speaker_correct": right,
            "speaker_accuracy": round(right / judged, 4) if judged else 0.0, "rows": rows}


_NON_SPEAKER_OPENERS = frozenset(normalize(w) for w in [
    "في", "من", "إلى", "عن", "مع", "لدى", "حول", "بشأن", "ما", "أن", "إن", "بأن", "حدوث",
    "حصول", "إصدار", "بإصدار", "الذي", "التي", "هذا", "هذه", "ذلك", "تلك", "كل", "أي"])


def looks_like_non_speaker(mention: str | None) -> bool:
    """A speaker mention that reads as a phrase rather than a person, office or organisation:
    it opens with a preposition, a clause word or a verbal noun ("بإصدار بيان", "إلى حصول",
    "لبغداد"), or runs long (a clause taken for a subject)."""
    if not mention:
        return False
    words = normalize(mention).split()
    if not words or len(words) > 9:
        return True
    first = words[0].strip('"«»“”')
    if first in _NON_SPEAKER_OPENERS:
        return True
    # a word glued to ب/ل/ك that is not a name prefix: "لبغداد", "بإصدار"
    return len(first) > 3 and first[0] in "بل" and first not in _GLUED_NAMES and not first.startswith(("لجن", "بعث"))


_GLUED_NAMES = frozenset(normalize(w) for w in ["باسم", "بسام", "بشار", "بيان", "بغداد", "بيروت", "بريطانيا", "بلجيكا", "بكين", "برلين", "لبنان", "ليبيا", "لندن"])
