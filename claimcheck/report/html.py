"""Self-contained HTML report: inline CSS, no scripts, nothing fetched; every data string escaped.

Direction is decided per string (Arabic letters -> lang="ar" dir="rtl", else dir="auto"), so a page
mixing Arabic quotes, English labels and Latin names lays each piece out the right way.
"""
from __future__ import annotations

from functools import cache
import re
from html import escape
from pathlib import Path
from string import Template

from claimcheck.report._common import (
    ARABIC_CHARS, DISPUTE_KIND_LABELS, KIND_LABELS, NLI_LABELS, REVIEW_LABELS, SIGNAL_LABELS, calibration_note,
    date_line, flag_numbers, http_url, is_arabic, pct, review_line, side_labels, speaker_name, strength,
)

TEMPLATE_PATH = Path(__file__).resolve().parent / "templates" / "report.html"


@cache
def _template() -> Template:
    return Template(TEMPLATE_PATH.read_text(encoding="utf-8"))


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def _dir(text: str | None) -> str:
    return ' lang="ar" dir="rtl"' if is_arabic(text) else ' dir="auto"'


def _text(tag: str, text: str | None, cls: str | None = None) -> str:
    """An element holding one data string, with its own direction; 'unknown' when missing."""
    classes = " ".join(c for c in (cls, None if text else "unknown") if c)
    cls_attr = f' class="{classes}"' if classes else ""
    return f"<{tag}{cls_attr}{_dir(text)}>{esc(text) if text else 'unknown'}</{tag}>"


_ARABIC_RUN = re.compile(rf"[{ARABIC_CHARS}](?:[{ARABIC_CHARS}\d\s.,،]*[{ARABIC_CHARS}\d])?")


def _english(tag: str, text: str, cls: str) -> str:
    """claimcheck's own English sentence (a reason, a clash) that quotes Arabic names or words:
    left-to-right, with each Arabic run isolated right-to-left so it cannot scramble the line."""
    parts, last = [], 0
    for m in _ARABIC_RUN.finditer(text):
        parts.append(esc(text[last:m.start()]))
        parts.append(f'<bdi lang="ar" dir="rtl">{esc(m.group())}</bdi>')
        last = m.end()
    parts.append(esc(text[last:]))
    return f'<{tag} class="{cls}" lang="en" dir="ltr">{"".join(parts)}</{tag}>'


def _bdi(text: str | None) -> str:
    # <bdi> isolates inline text so an Arabic name cannot reorder the English punctuation around it.
    return _text("bdi", text)


def _link(title: str | None, url: str | None) -> str:
    safe = http_url(url)
    label = _bdi(title) if title or safe is None else "article"
    if safe is None:
        return label
    return f'<a href="{esc(safe)}" rel="noopener noreferrer">{label}</a>'


def _pairs(rows: list[tuple[str, str]], cls: str) -> str:
    """A <dl> of label/value rows; values are already-escaped HTML."""
    items = "".join(f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<dl class="{cls}">{items}</dl>'


def _summary(data: dict) -> str:
    stats, settings, models, tool = data["stats"], data["settings"], data["models"], data["tool"]
    stat_rows = [("Articles", stats["articles"]), ("Claims", stats["claims"]), ("Speakers", stats["speakers"]),
                 ("Candidate pairs", stats["candidates"]), ("Flags", stats["flags"])]
    run_rows = [
        ("Embedder", _bdi(models["embedder"])),
        ("NLI model", _bdi(models["nli"])),
        ("Threshold", esc(settings["threshold"])),
        ("Neighbours", esc(settings["neighbours"])),
        ("Minimum score", esc(settings["min_score"])),
        ("Only confirmed", "yes" if settings["only_confirmed"] else "no"),
        ("Scores", esc(calibration_note(settings))),
    ]
    return (
        '<header class="summary">'
        "<h1>claimcheck report</h1>"
        f'<p class="generated">Generated <time datetime="{esc(data["generated_at"])}">{esc(data["generated_at"])}'
        f"</time> by {esc(tool['name'])} {esc(tool['version'])}</p>"
        + _pairs([(label, esc(value)) for label, value in stat_rows], "stats")
        + _pairs(run_rows, "run")
        + "</header>"
    )


def _claim(claim: dict, label: str, side: str) -> str:
    sentence = claim.get("sentence")
    rows = [
        ("Speaker", _bdi(speaker_name(claim))),
        ("Role", _bdi(claim.get("role"))),
        ("Outlet", _bdi(claim.get("outlet"))),
        ("Date", esc(date_line(claim))),
        ("Article", _link(claim.get("title"), claim.get("url"))),
    ]
    return (
        f'<section class="claim side-{side}"><h3>{esc(label)}</h3>'
        + _text("blockquote", claim["text"], "quote")
        # The sentence adds context only when it says more than the quote itself.
        + (_text("p", sentence, "sentence") if sentence and sentence != claim["text"] else "")
        + _pairs(rows, "meta")
        + "</section>"
    )


def _nli(nli: dict) -> str:
    head = "".join(f'<th scope="col">{label.capitalize()}</th>' for label in NLI_LABELS)
    body = "".join(
        f'<tr><th scope="row">{direction}</th>' + "".join(f"<td>{pct(nli[key][label])}</td>" for label in NLI_LABELS)
        + "</tr>"
        for key, direction in (("ab", "A → B"), ("ba", "B → A"))
    )
    return (f'<table class="nli"><caption>NLI probabilities</caption>'
            f'<thead><tr><th scope="col">Direction</th>{head}</tr></thead><tbody>{body}</tbody></table>')


def _signals(signals: dict) -> str:
    rows = [(label, _english("span", signals[name]["summary"], name)) for name, label in SIGNAL_LABELS
            if signals.get(name)]
    return _pairs(rows, "signals") if rows else ""


def _flag(number: int, flag: dict) -> str:
    state = flag["review"]["state"]
    score = min(max(float(flag["score"]), 0.0), 1.0)
    label_a, label_b = side_labels(flag)
    note = flag["review"].get("note")
    return (
        f'<article class="flag kind-{esc(flag["kind"])}" id="flag-{number}">'
        '<header class="flag-head">'
        f'<h2><span class="num">{number}.</span>{esc(KIND_LABELS.get(flag["kind"], flag["kind"]))}</h2>'
        f'<span class="badge state-{esc(state)}">{esc(REVIEW_LABELS.get(state, state))}</span>'
        f'<div class="score" title="Calibrated contradiction score"><div class="bar" role="meter" aria-valuemin="0"'
        f' aria-valuemax="1" aria-valuenow="{score:.2f}" aria-label="Score"><span style="width: {score * 100:.0f}%">'
        f'</span></div><span class="score-value">{pct(score)}</span></div>'
        "</header>"
        + (_english("p", flag["reason"], "reason") if flag["reason"] else "")
        + '<div class="pair">' + _claim(flag["a"], label_a, "a") + _claim(flag["b"], label_b, "b") + "</div>"
        + '<div class="evidence">' + _nli(flag["nli"]) + _signals(flag["signals"]) + "</div>"
        + f'<footer class="review">Review: {esc(review_line(flag["review"]))}'
        + (f" — {_bdi(note)}" if note else "")
        + f' · Flag id <code dir="ltr">{esc(flag["id"])}</code></footer>'
        "</article>"
    )


def _side_column(side: dict, index: int) -> str:
    speakers = []
    for speaker in side["speakers"]:
        first = speaker["claims"][0]
        role = first.get("role")
        claims = "".join(
            "<li>" + _text("q", claim["text"], "quote-inline")
            + f'<span class="when">{esc(date_line(claim))}'
            + (f" · {_bdi(claim.get('outlet'))}" if claim.get("outlet") else "")
            + (f" · {_link(claim.get('title'), claim.get('url'))}" if http_url(claim.get("url")) else "")
            + "</span></li>"
            for claim in speaker["claims"])
        speakers.append('<div class="speaker">' + _text("h4", speaker["name"] or "Unnamed speaker", "speaker-name")
                        + (_text("p", role, "role") if role and role != speaker["name"] else "")
                        + f'<ul class="claims">{claims}</ul></div>')
    return (f'<section class="side side-{index}"><h3>{esc(side["label"])}</h3>' + "".join(speakers) + "</section>")


def _flag_links(ids: list[str], numbers: dict[str, int], scores: dict[str, float]) -> str:
    links = [f'<a href="#flag-{numbers[i]}">#{numbers[i]}</a> ({pct(scores[i])})' for i in ids if i in numbers]
    hidden = sum(1 for i in ids if i not in numbers)
    return ", ".join(links + ([f"{hidden} below the report's limit"] if hidden else [])) or "none"


def _dispute(number: int, dispute: dict, numbers: dict[str, int], scores: dict[str, float]) -> str:
    review = dispute["review"]
    state = review["state"]
    kind = dispute["kind"]
    proposition = dispute["proposition"]
    note = review.get("note")
    return (
        f'<article class="dispute kind-{esc(kind)}" id="dispute-{number}">'
        '<header class="flag-head">'
        f'<h2><span class="num">D{number}.</span>{esc(DISPUTE_KIND_LABELS.get(kind, kind))}</h2>'
        f'<span class="badge state-{esc(state)}">{esc(REVIEW_LABELS.get(state, state))}</span>'
        f'<span class="strength" title="Sum over speaker pairs of their strongest contradiction">strength '
        f'{esc(strength(dispute["strength"]))} · {esc(dispute["speakers"])} speaker(s)</span>'
        "</header>"
        + '<p class="proposition"><span class="label">Proposition</span> '
        + _text("q", proposition["text"], "quote-inline")
        + (f" — {_bdi(proposition.get('speaker'))}" if proposition.get("speaker") else "") + "</p>"
        + (f'<p class="reversal">Reversal: {", ".join(_bdi(n) for n in dispute["reversed_by"])} '
           "stands on both sides, at different dates.</p>" if dispute["reversed_by"] else "")
        + '<div class="sides">' + "".join(_side_column(side, i) for i, side in enumerate(dispute["sides"])) + "</div>"
        + f'<p class="evidence-links">Pair flags: {_flag_links(dispute["evidence"], numbers, scores)}'
        + (f'<br>Outvoted (inside one side, whose claims agree): {_flag_links(dispute["outvoted"], numbers, scores)}'
           if dispute["outvoted"] else "") + "</p>"
        + f'<footer class="review">Review: {esc(review_line(review))}'
        + (f" — {_bdi(note)}" if note else "")
        + f' · Dispute id <code dir="ltr">{esc(dispute["id"])}</code></footer>'
        "</article>"
    )


def _contents(disputes: list[dict], flag_count: int) -> str:
    items = "".join(
        f'<li><a href="#dispute-{n}">D{n}. {esc(DISPUTE_KIND_LABELS.get(d["kind"], d["kind"]))}</a> · '
        f'{esc(strength(d["strength"]))} · ' + _text("span", d["proposition"]["text"], "toc-text")
        + (f" — {_bdi(d['proposition'].get('speaker'))}" if d["proposition"].get("speaker") else "") + "</li>"
        for n, d in enumerate(disputes, 1))
    return (f'<nav class="contents" aria-label="Contents"><h2>Contents</h2><ol>{items}</ol>'
            f'<p><a href="#pair-flags">Pair flags ({flag_count})</a></p></nav>')


def render(data: dict) -> str:
    flags = data["contradictions"]
    body = "\n".join(_flag(n, flag) for n, flag in enumerate(flags, 1)) or (
        '<p class="empty">No contradictions were flagged in this run.</p>')
    disputes = data.get("disputes")
    if disputes is not None:
        numbers = flag_numbers(data)
        scores = {f["id"]: f["score"] for f in flags}
        cards = "\n".join(_dispute(n, d, numbers, scores) for n, d in enumerate(disputes, 1)) or (
            '<p class="empty">No disputes: no contradiction survived the grouping.</p>')
        body = (_contents(disputes, len(flags)) + f'\n<h2 class="section" id="disputes">Disputes ({len(disputes)})</h2>\n'
                + cards + f'\n<h2 class="section" id="pair-flags">Pair flags ({len(flags)})</h2>\n' + body)
    return _template().substitute(
        generator=esc(f"{data['tool']['name']} {data['tool']['version']}"),
        title=esc(f"claimcheck report — {data['generated_at']}"),
        summary=_summary(data),
        flags=body,
    )
