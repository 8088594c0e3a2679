"""Markdown report: a run summary, then one section per flag with both statements side by side."""
from __future__ import annotations

import re

from claimcheck.report._common import (
    DISPUTE_KIND_LABELS, KIND_LABELS, NLI_LABELS, flag_numbers, strength, REVIEW_LABELS, SIGNAL_LABELS, calibration_note, date_line,
    http_url, one_line, pct, review_line, side_labels, speaker_line,
)

# Inline markup (and raw HTML via < >) that article text must not trigger; | would end a table cell.
_INLINE = re.compile(r"([\\`*_~\[\]<>|])")
# "&amp;" in article text must stay literal instead of becoming an entity; a bare "&" is harmless.
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str | None) -> str:
    """Article-derived text made safe to place mid-line: in a table cell or after a bold label.

    Newlines are collapsed, so the text can never start a line of its own, and block markers
    (a leading "#", ">", "-" or "1.") stay inert; only inline markup needs escaping.
    """
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", one_line(text)))


def _link(title: str | None, url: str | None) -> str:
    label = md(title) or "article"
    safe = http_url(url)
    if safe is None:
        return label
    # Angle-bracket destinations allow spaces and parentheses; only <, > and newlines must go.
    return f"[{label}](<{safe.replace('<', '%3C').replace('>', '%3E')}>)"


def _summary(data: dict) -> list[str]:
    stats, settings, models, tool = data["stats"], data["settings"], data["models"], data["tool"]
    return [
        "# claimcheck report",
        "",
        f"Generated {md(data['generated_at'])} by {md(tool['name'])} {md(tool['version'])}.",
        "",
        "| Articles | Claims | Speakers | Candidate pairs | Flags |",
        "|---:|---:|---:|---:|---:|",
        f"| {stats['articles']} | {stats['claims']} | {stats['speakers']} | {stats['candidates']} | {stats['flags']} |",
        "",
        f"- **Embedder:** {md(models['embedder'])}",
        f"- **NLI model:** {md(models['nli'])}",
        f"- **Threshold:** {settings['threshold']} · **neighbours:** {settings['neighbours']}"
        f" · **minimum score:** {settings['min_score']}"
        f" · **only confirmed:** {'yes' if settings['only_confirmed'] else 'no'}"
        f" · **scores:** {md(calibration_note(settings))}",
    ]


def _sides_table(flag: dict) -> list[str]:
    a, b = flag["a"], flag["b"]
    label_a, label_b = side_labels(flag)
    rows = [
        ("Speaker", md(speaker_line(a)), md(speaker_line(b))),
        ("Outlet", md(a.get("outlet")) or "unknown", md(b.get("outlet")) or "unknown"),
        ("Date", md(date_line(a)), md(date_line(b))),
        ("Quote", f"**{md(a['text'])}**", f"**{md(b['text'])}**"),
        ("Sentence", md(a.get("sentence")), md(b.get("sentence"))),
        ("Article", _link(a.get("title"), a.get("url")), _link(b.get("title"), b.get("url"))),
    ]
    lines = [f"| | {label_a} | {label_b} |", "|---|---|---|"]
    lines += [f"| **{name}** | {left} | {right} |" for name, left, right in rows]
    return lines


def _signals(signals: dict) -> list[str]:
    return [f"- **{label}:** {md(signals[name]['summary'])}" for name, label in SIGNAL_LABELS if signals.get(name)]


def _flag(number: int, flag: dict) -> list[str]:
    nli = flag["nli"]
    review = flag["review"]
    lines = [
        "",
        f"## {number}. {KIND_LABELS[flag['kind']]} · score {pct(flag['score'])}"
        f" · {REVIEW_LABELS.get(review['state'], review['state'])}",
        "",
        *([f"**Reason:** {md(flag['reason'])}", ""] if flag["reason"] else []),
        *_sides_table(flag),
        "",
        f"- **NLI** (entailment / neutral / contradiction): "
        f"A→B {' / '.join(pct(nli['ab'][k]) for k in NLI_LABELS)}; "
        f"B→A {' / '.join(pct(nli['ba'][k]) for k in NLI_LABELS)}",
        *_signals(flag["signals"]),
        f"- **Review:** {md(review_line(review))}" + (f" — {md(review['note'])}" if review.get("note") else ""),
        f"- **Flag id:** {md(flag['id'])}",
    ]
    return lines


def _side(side: dict) -> list[str]:
    lines = [f"**{md(side['label'])}:**", ""]
    for speaker in side["speakers"]:
        first = speaker["claims"][0]
        lines.append(f"- **{md(speaker['name'] or 'Unnamed speaker')}**"
                     + (f" ({md(first['role'])})" if first.get("role") and first["role"] != speaker["name"] else ""))
        for claim in speaker["claims"]:
            source = ", ".join(x for x in (md(claim.get("outlet")), md(date_line(claim))) if x)
            lines.append(f"  - «{md(claim['text'])}» — {source}")
    return lines


def _flag_refs(ids: list[str], numbers: dict[str, int], scores: dict[str, float]) -> str:
    refs = [f"#{numbers[i]} ({pct(scores[i])})" for i in ids if i in numbers]
    hidden = sum(1 for i in ids if i not in numbers)
    return ", ".join(refs + ([f"{hidden} below the report's limit"] if hidden else []))


def _dispute(number: int, dispute: dict, numbers: dict[str, int], scores: dict[str, float]) -> list[str]:
    review = dispute["review"]
    kind = DISPUTE_KIND_LABELS.get(dispute["kind"], dispute["kind"])
    lines = [
        "",
        f"### D{number}. {kind} · strength {strength(dispute['strength'])} · {dispute['speakers']} speaker(s)"
        f" · {REVIEW_LABELS.get(review['state'], review['state'])}",
        "",
        f"**Proposition:** «{md(dispute['proposition']['text'])}»"
        + (f" — {md(dispute['proposition']['speaker'])}" if dispute["proposition"].get("speaker") else ""),
        "",
    ]
    if dispute["reversed_by"]:
        lines += [f"**Reversal:** {md(', '.join(dispute['reversed_by']))} stands on both sides, at different dates.", ""]
    for side in dispute["sides"]:
        lines += _side(side) + [""]
    lines.append(f"- **Pair flags:** {_flag_refs(dispute['evidence'], numbers, scores) or 'none'}")
    if dispute["outvoted"]:
        lines.append(f"- **Outvoted** (inside one side, whose claims agree): "
                     f"{_flag_refs(dispute['outvoted'], numbers, scores)}")
    lines.append(f"- **Review:** {md(review_line(review))}" + (f" — {md(review['note'])}" if review.get("note") else ""))
    lines.append(f"- **Dispute id:** {md(dispute['id'])}")
    return lines


def render(data: dict) -> str:
    lines = _summary(data)
    flags = data["contradictions"]
    disputes = data.get("disputes")
    if disputes is not None:
        numbers = flag_numbers(data)
        scores = {f["id"]: f["score"] for f in flags}
        lines += ["", f"## Disputes ({len(disputes)})"]
        if not disputes:
            lines += ["", "_No disputes: no contradiction survived the grouping._"]
        for number, dispute in enumerate(disputes, 1):
            lines += _dispute(number, dispute, numbers, scores)
        lines += ["", f"## Pair flags ({len(flags)})"]
    if not flags:
        lines += ["", "_No contradictions were flagged._"]
    for number, flag in enumerate(flags, 1):
        lines += _flag(number, flag)
    return "\n".join(lines) + "\n"
