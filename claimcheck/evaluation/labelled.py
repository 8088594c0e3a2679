"""Labelled-pair evaluation: readers for the supported formats, metrics, gates, JUnit XML."""
from __future__ import annotations

import csv
import io
import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from claimcheck.evaluation.metrics import precision_recall_f1
from claimcheck.records import NLI_LABELS as LABEL_ORDER


def scores_for(gold: list[str], predicted: list[str]) -> dict:
    """Accuracy, macro-F1, per-label P/R/F1/support and a confusion table (gold -> predicted)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    labels = [l for l in LABEL_ORDER if l in set(gold) | set(predicted)]
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, predicted):
        confusion[g][p] += 1
    per_label = {}
    for label in labels:
        tp = confusion[label][label]
        pred_n = sum(confusion[g][label] for g in labels)
        gold_n = sum(confusion[label].values())
        per_label[label] = {**precision_recall_f1(tp, pred_n - tp, gold_n - tp).rounded(), "support": gold_n}
    scored = [l for l in labels if per_label[l]["support"]]
    n = len(gold)
    return {
        "n": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / n, 4) if n else 0.0,
        "macro_f1": round(sum(per_label[l]["f1"] for l in scored) / len(scored), 4) if scored else 0.0,
        "per_label": per_label,
        "confusion": confusion,
        "predicted_counts": dict(Counter(predicted)),
    }


# -- readers ----------------------------------------------------------------------------------
ANS_LABEL = {"agree": "entailment", "disagree": "contradiction", "other": "neutral"}
# ArNLI (SICK translated to Arabic) numbers its labels: 0 neutral, 1 entailment, 2 contradiction.
ARNLI_LABEL = {"0": "neutral", "1": "entailment", "2": "contradiction"}
_PREMISE_KEYS = ("premise", "sentence1", "s1")
_HYPOTHESIS_KEYS = ("hypothesis", "sentence2", "s2")
_LABEL_KEYS = ("label", "gold_label")
# Headed CSV formats, told apart by their header: format -> (premise, hypothesis and label
# columns, how its labels map to ours).
_CSV_FORMATS = {"ans-csv": (("s1", "s2", "stance"), ANS_LABEL),
                "arnli-csv": (("t", "h", "label"), ARNLI_LABEL)}


@dataclass(frozen=True)
class LabelledPair:
    premise: str
    hypothesis: str
    label: str          # one of LABEL_ORDER
    source: str = ""    # "file:line", or the exported pair's own source


class LabelledPairs(list):
    """A list of LabelledPair that also says what was read: `format`, and the pairs `skipped`
    for a label outside entailment/neutral/contradiction (SNLI's "-"), by label."""

    def __init__(self, pairs=(), fmt: str = "", skipped: dict[str, int] | None = None):
        super().__init__(pairs)
        self.format = fmt
        self.skipped_labels = dict(skipped or {})

    @property
    def skipped(self) -> int:
        return sum(self.skipped_labels.values())


def _label(raw) -> str | None:
    label = str(raw).strip().lower() if raw is not None else ""
    return label if label in LABEL_ORDER else None


def _first(row: dict, keys: tuple[str, ...]):
    for k in keys:
        if k in row:
            return row[k]
    return None


def _read_jsonl(path: Path, text: str) -> LabelledPairs:
    out, skipped = [], Counter()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise ValueError(f"{path}:{n}: expected a JSON object, got {type(row).__name__}")
        premise, hypothesis, raw = _first(row, _PREMISE_KEYS), _first(row, _HYPOTHESIS_KEYS), _first(row, _LABEL_KEYS)
        if not isinstance(premise, str) or not isinstance(hypothesis, str) or raw is None:
            raise ValueError(f"{path}:{n}: needs string fields premise/hypothesis (or sentence1/sentence2) "
                             f"and label (or gold_label); found keys {sorted(row)}")
        label = _label(raw)
        if label is None:
            skipped[str(raw)] += 1
            continue
        out.append(LabelledPair(premise, hypothesis, label, str(row.get("source") or f"{path.name}:{n}")))
    return LabelledPairs(out, "jsonl", skipped)


def _read_csv_columns(path: Path, text: str, columns: tuple[str, str, str], labels: dict[str, str],
                      fmt: str) -> LabelledPairs:
    """Pairs from a headed CSV: `columns` names premise, hypothesis and label; `labels` maps raw
    label values to ours (others are skipped and counted)."""
    out, skipped = [], Counter()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader)]
    cols = [header.index(k) for k in columns]
    try:
        for row in reader:
            n = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ValueError(f"{path}:{n}: expected {len(header)} comma-separated fields "
                                 f"({','.join(header)}), found {len(row)}")
            premise, hypothesis, raw = (row[i] for i in cols)
            label = labels.get(raw.strip().lower())
            if label is None:
                skipped[raw] += 1
                continue
            out.append(LabelledPair(premise, hypothesis, label, f"{path.name}:{n}"))
    except csv.Error as exc:
        raise ValueError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
    return LabelledPairs(out, fmt, skipped)


def _read_tsv(path: Path, text: str) -> LabelledPairs:
    out, skipped = [], Counter()
    lines = text.splitlines()
    columns = (0, 1, 2)
    first = [c.strip().lower() for c in lines[0].split("\t")] if lines else []
    names = [next((k for k in keys if k in first), None) for keys in (_PREMISE_KEYS, _HYPOTHESIS_KEYS, _LABEL_KEYS)]
    has_header = all(names)
    if has_header:  # premise/hypothesis/label, or XNLI's own sentence1/sentence2/gold_label columns
        columns = tuple(first.index(k) for k in names)
    width = max(columns) + 1
    for n, line in enumerate(lines, 1):
        if (has_header and n == 1) or not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < width:
            raise ValueError(f"{path}:{n}: expected at least {width} tab-separated fields "
                             f"(premise, hypothesis, label), found {len(cells)}")
        premise, hypothesis, raw = (cells[i] for i in columns)
        label = _label(raw)
        if label is None:
            skipped[raw.strip()] += 1
            continue
        out.append(LabelledPair(premise, hypothesis, label, f"{path.name}:{n}"))
    return LabelledPairs(out, "tsv", skipped)


def read_labelled(path: Path) -> LabelledPairs:
    """Labelled pairs from JSONL (premise/hypothesis/label, or SNLI's sentence1/sentence2/gold_label),
    the ANS CSV (s1,s2,stance), the ArNLI CSV (t,h,label with 0/1/2) or a TSV
    premise<TAB>hypothesis<TAB>label (XNLI layout; an optional header row names the columns). The format is detected from the content. Pairs whose label is
    not entailment/neutral/contradiction are skipped and counted (`.skipped`, `.skipped_labels`);
    a malformed file raises ValueError naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise ValueError(f"{path}: empty file, no labelled pairs")
    if first.lstrip().startswith("{"):
        return _read_jsonl(path, text)
    header = {h.strip().lower() for h in next(csv.reader([first]))}
    for fmt, (columns, labels) in _CSV_FORMATS.items():
        if set(columns) <= header:
            return _read_csv_columns(path, text, columns, labels, fmt)
    if "\t" in first:
        return _read_tsv(path, text)
    raise ValueError(f"{path}:1: unknown format: expected JSON lines, a CSV with header s1,s2,stance, "
                     "a CSV with header t,h,label (ArNLI), or tab-separated premise, hypothesis, label")


# -- scoring ------------------------------------------------------------------------------------
def evaluate_pairs(pairs: list[LabelledPair], predict: Callable[[list[tuple[str, str]]], np.ndarray],
                   batch_size: int = 1024) -> dict:
    """scores_for(gold, argmax of `predict`), `predict` giving probabilities in LABEL_ORDER columns.

    Pairs are passed to `predict` in chunks of `batch_size`. When `pairs` came from
    read_labelled, the result also carries "skipped" (pairs with an unknown label)."""
    predicted: list[str] = []
    for i in range(0, len(pairs), batch_size):
        chunk = pairs[i:i + batch_size]
        probs = np.asarray(predict([(p.premise, p.hypothesis) for p in chunk]))
        if probs.shape != (len(chunk), len(LABEL_ORDER)):
            raise ValueError(f"predict returned shape {probs.shape}, expected ({len(chunk)}, {len(LABEL_ORDER)})")
        predicted.extend(LABEL_ORDER[j] for j in probs.argmax(axis=1))
    result = scores_for([p.label for p in pairs], predicted)
    if isinstance(pairs, LabelledPairs):
        result["skipped"] = pairs.skipped
        result["skipped_labels"] = dict(pairs.skipped_labels)
    return result


def skipped_summary(result: dict) -> str:
    """How many pairs were scored and skipped, and why: "40 pair(s) scored, 2 skipped: label
    '-' (2) is not entailment, neutral or contradiction"."""
    line = f"{result.get('n', 0)} pair(s) scored, {result.get('skipped', 0)} skipped"
    labels = result.get("skipped_labels") or {}
    if labels:
        shown = ", ".join(f"{label!r} ({count})" for label, count in sorted(labels.items(), key=lambda kv: -kv[1]))
        line += f": label {shown} is not entailment, neutral or contradiction"
    return line


# -- gates ----------------------------------------------------------------------------------------
class GateFailures(list):
    """check_gates' failure reasons (empty = pass) plus `checked`: the id of every gate checked."""

    def __init__(self, reasons=(), checked=()):
        super().__init__(reasons)
        self.checked = list(checked)


def parse_min_f1(spec: str) -> tuple[str, float]:
    """"contradiction=0.8" -> ("contradiction", 0.8); ValueError for an unknown label or bad number."""
    label, sep, value = spec.partition("=")
    label = label.strip().lower()
    if not sep or not value.strip():
        raise ValueError(f"--min-f1 {spec!r}: expected LABEL=VALUE, e.g. contradiction=0.8")
    if label not in LABEL_ORDER:
        raise ValueError(f"--min-f1 {spec!r}: unknown label {label!r}; use one of {', '.join(LABEL_ORDER)}")
    try:
        threshold = float(value)
    except ValueError:
        raise ValueError(f"--min-f1 {spec!r}: {value.strip()!r} is not a number") from None
    if not 0.0 <= threshold <= 1.0 or math.isnan(threshold):
        raise ValueError(f"--min-f1 {spec!r}: the F1 floor must be between 0 and 1")
    return label, threshold


def baseline_for(baseline: dict | None, name: str) -> dict | None:
    """The saved result to compare `name` against: a single saved result applies to every file; a
    saved {file: result} mapping is matched by the name as given, then by file name alone."""
    if not baseline:
        return None
    if "per_label" in baseline:
        return baseline
    if name in baseline:
        return baseline[name]
    by_file = {Path(k).name: v for k, v in baseline.items() if isinstance(v, dict)}
    return by_file.get(Path(name).name)


_EPS = 1e-9  # rounded figures: a drop of exactly the tolerance passes


def check_gates(result: dict, min_macro_f1: float | None, min_f1: dict[str, float], baseline: dict | None,
                tolerance: float) -> GateFailures:
    """One-line reasons for every failed gate (empty = pass), each "<gate id>: <why>".

    Gates: at least one pair scored (always), macro-F1 floor, per-label F1 floors, and against
    `baseline` (a saved result) a drop of more than `tolerance` in accuracy, macro-F1 or any
    per-label F1 the baseline has."""
    reasons, checked = [], []
    per_label = result.get("per_label", {})
    if not result.get("n"):  # a gate that passes on nothing is no gate
        checked.append("scored")
        why = skipped_summary(result) if result.get("skipped") else "the file holds no labelled pairs"
        reasons.append(f"scored: no pair could be scored ({why})")
    if min_macro_f1 is not None:
        checked.append("min-macro-f1")
        if result["macro_f1"] < min_macro_f1 - _EPS:
            reasons.append(f"min-macro-f1: macro-F1 {result['macro_f1']:.4f} < {min_macro_f1:.4f}")
    for label, floor in min_f1.items():
        gate = f"min-f1:{label}"
        checked.append(gate)
        stats = per_label.get(label)
        if stats is None or not stats.get("support"):
            reasons.append(f"{gate}: no gold '{label}' pairs, so F1 >= {floor:.4f} cannot be shown")
        elif stats["f1"] < floor - _EPS:
            reasons.append(f"{gate}: {label} F1 {stats['f1']:.4f} < {floor:.4f}")
    if baseline:
        figures = [("accuracy", "accuracy", result.get("accuracy"), baseline.get("accuracy")),
                   ("macro_f1", "macro-F1", result.get("macro_f1"), baseline.get("macro_f1"))]
        for label, stats in baseline.get("per_label", {}).items():
            if stats.get("support"):
                now = per_label.get(label, {}).get("f1", 0.0)
                figures.append((f"f1:{label}", f"{label} F1", now, stats.get("f1")))
        for key, what, now, before in figures:
            if before is None:
                continue
            gate = f"baseline:{key}"
            checked.append(gate)
            now = now or 0.0
            if before - now > tolerance + _EPS:
                reasons.append(f"{gate}: {what} {now:.4f} dropped {before - now:.4f} from baseline {before:.4f} "
                               f"(tolerance {tolerance:.4f})")
    return GateFailures(reasons, checked)


# -- JUnit XML ------------------------------------------------------------------------------------
def _properties(result: dict) -> list[tuple[str, str]]:
    props = [("n", result.get("n")), ("accuracy", result.get("accuracy")), ("macro_f1", result.get("macro_f1"))]
    if "skipped" in result:
        props.append(("skipped_unknown_label", result["skipped"]))
    for label, stats in result.get("per_label", {}).items():
        props += [(f"{label}.{k}", stats.get(k)) for k in ("precision", "recall", "f1", "support")]
    return [(k, str(v)) for k, v in props if v is not None]


def junit_xml(results: dict[str, dict], failures: dict[str, list[str]]) -> str:
    """JUnit XML: a <testsuite> per evaluated file with its metrics as <properties>, a passing
    "evaluate" testcase, and a testcase per gate (from check_gates: every gate checked when the
    reasons carry `checked`, else the failed ones) with <failure message=...> when it failed."""
    root = ET.Element("testsuites", name="claimcheck eval")
    total_tests = total_failures = 0
    for name, result in results.items():
        reasons = list(failures.get(name, []))
        by_gate: dict[str, list[str]] = {}
        for reason in reasons:
            gate, sep, _ = reason.partition(": ")
            by_gate.setdefault(gate if sep else "gate", []).append(reason)
        gates = list(dict.fromkeys([*getattr(failures.get(name), "checked", []), *by_gate]))
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(1 + len(gates)),
                              failures=str(sum(1 for g in gates if g in by_gate)), errors="0", skipped="0")
        props = ET.SubElement(suite, "properties")
        for key, value in _properties(result):
            ET.SubElement(props, "property", name=key, value=value)
        classname = f"claimcheck.eval.{Path(name).name}"
        ET.SubElement(suite, "testcase", classname=classname, name="evaluate")
        for gate in gates:
            case = ET.SubElement(suite, "testcase", classname=classname, name=gate)
            if gate in by_gate:
                failure = ET.SubElement(case, "failure", message="; ".join(by_gate[gate]), type="GateFailed")
                failure.text = "\n".join(by_gate[gate])
        total_tests += 1 + len(gates)
        total_failures += int(suite.get("failures"))
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


# -- terminal output --------------------------------------------------------------------------------
def render_table(result: dict, title: str):
    """A rich renderable (a Table grid): per-label P/R/F1/support with macro-F1 and accuracy,
    and the confusion matrix (rows gold, columns predicted)."""
    from rich.table import Table
    from rich.text import Text

    metrics = Table(title=title, title_justify="left", show_footer=False)
    metrics.add_column("label")
    for col in ("precision", "recall", "F1", "support"):
        metrics.add_column(col, justify="right")
    for label, stats in result.get("per_label", {}).items():
        metrics.add_row(label, f"{stats['precision']:.4f}", f"{stats['recall']:.4f}", f"{stats['f1']:.4f}",
                        str(stats["support"]))
    metrics.add_section()
    metrics.add_row(Text("macro-F1", style="bold"), "", "", Text(f"{result.get('macro_f1', 0.0):.4f}", style="bold"),
                    str(result.get("n", 0)))
    metrics.add_row(Text("accuracy", style="bold"), "", "", Text(f"{result.get('accuracy', 0.0):.4f}", style="bold"),
                    "")
    confusion = result.get("confusion", {})
    labels = list(confusion)
    matrix = Table(title="confusion (rows gold, columns predicted)", title_justify="left")
    matrix.add_column("gold \\ predicted")
    for label in labels:
        matrix.add_column(label, justify="right")
    for gold in labels:
        matrix.add_row(gold, *[Text(str(confusion[gold].get(p, 0)), style="bold" if p == gold else "")
                               for p in labels])
    grid = Table.grid(padding=(1, 0))
    grid.add_column()
    grid.add_row(metrics)
    grid.add_row(matrix)
    if "skipped" in result:
        grid.add_row(Text(skipped_summary(result), style="dim"))
    return grid
