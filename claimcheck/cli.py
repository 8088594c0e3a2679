"""The `claimcheck` command line: parse options, call the library, print. Nothing else."""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimcheck.config import Settings, load_settings
from claimcheck.models import ModelError
from claimcheck.store import Store, StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Find contradictions between attributed statements in Arabic and English news.")
out = Console()
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", help="SQLite claim store [default: ./claimcheck.db or $CLAIMCHECK_DB]")
KindOption = typer.Option(None, help="contradiction or reversal")
SpeakerOption = typer.Option(None, help="Only flags involving this speaker (name, alias or id)")
MinScoreOption = typer.Option(None, help="Flags scoring at least this [default: the threshold]")
SinceOption = typer.Option(None, "--since", help="Only statements made on or after this date (YYYY-MM-DD)")
UntilOption = typer.Option(None, "--until", help="Only statements made on or before this date (YYYY-MM-DD)")
RunOption = typer.Option(None, "--run", min=1, help="Judging run to read (see `claimcheck runs`) [default: the latest]")
PrecisionOption = typer.Option(None, "--precision",
                               help="How the models run: fp32 (PyTorch), onnx, int8 or bf16 [default: onnx]")
EXIT_INPUT_ERRORS = 1  # some inputs failed; everything else was processed and stored
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
KINDS = ("contradiction", "reversal")


class UsageError(ValueError):
    """A bad option value, reported before any work is done."""


def _choice(option: str, value: Optional[str], allowed) -> None:
    if value is not None and value not in allowed:
        raise UsageError(f"{option} {value!r}: choose one of {', '.join(allowed)}")


def _date_option(option: str, value: Optional[str]) -> Optional[str]:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} {value!r}: not a date; write it as YYYY-MM-DD") from None


def _error(message: str) -> None:
    err.print(f"[red]claimcheck: error:[/] {message}", highlight=False, soft_wrap=True)


@contextmanager
def _store(settings: Settings, must_exist: bool = True) -> Iterator[Store]:
    store = Store(settings.db, must_exist=must_exist)
    try:
        yield store
    finally:
        store.close()


def _progress(quiet: bool):
    """A rich progress bar per pipeline stage (stderr, so stdout stays clean for reports)."""
    if quiet or not err.is_terminal and os.environ.get("CLAIMCHECK_PROGRESS") != "1":
        return None
    return Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=False)


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", highlight=False)


def _render_report(settings: Settings, store: Store, fmt: str, output: Optional[Path], min_score: Optional[float],
                   only_confirmed: bool, kind: Optional[str] = None, speaker: Optional[str] = None,
                   run: Optional[int] = None, since: Optional[str] = None, until: Optional[str] = None) -> None:
    from claimcheck.report import render
    from claimcheck.report.build import report_data

    data = report_data(store, settings, run_id=run, min_score=min_score, only_confirmed=only_confirmed, kind=kind,
                       speaker=speaker, since=since, until=until)
    _write(render(data, fmt), output)


def _check_report_options(fmt: str, output: Optional[Path], kind: Optional[str] = None) -> None:
    from claimcheck.report import FORMATS

    _choice("--format", fmt, FORMATS)
    _choice("--kind", kind, KINDS)
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"--output {output}: folder {output.parent} does not exist")


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Files, folders or globs of articles (.txt .md .html .jsonl); - for stdin"),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("md", "--format", "-f", help="Report format: md, json, html, claimreview, csv (disputes), "
                             "flags-csv"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here instead of stdout"),
    min_score: Optional[float] = MinScoreOption,
    only_confirmed: bool = typer.Option(False, "--only-confirmed", help="Only flags a reviewer confirmed"),
    embedder: Optional[str] = typer.Option(None, help="Embedding model: built-in name, HF id or local path"),
    nli_model: Optional[str] = typer.Option(None, "--nli-model", help="NLI cross-encoder: built-in name, HF id or path"),
    neighbours: Optional[int] = typer.Option(None, "-k", "--neighbours", min=1, help="Nearest neighbours per claim"),
    contrast_neighbours: Optional[int] = typer.Option(
        None, "--contrast-neighbours", min=0,
        help="Farther neighbours, down to this rank, are judged too when a cheap signal sees a clash (0: off)"),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0, help="Calibrated score that makes a flag"),
    threads: Optional[int] = typer.Option(None, min=0, help="CPU threads for the models [default: all cores]"),
    precision: Optional[str] = PrecisionOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars or summary"),
) -> None:
    """Ingest articles, extract and judge claims, and print the contradiction report."""
    from claimcheck.pipeline import check as run_check

    _check_report_options(fmt, output)
    settings = load_settings(db=db, embedder=embedder, nli_model=nli_model, neighbours=neighbours,
                             contrast_neighbours=contrast_neighbours, threshold=threshold, threads=threads,
                             precision=precision)
    bars = _progress(quiet)

    def progress(stage: str, total: int):
        if bars is None:
            return lambda n: None
        task = bars.add_task(stage, total=total)
        return lambda n: bars.advance(task, n)

    with _store(settings, must_exist=False) as store:
        if bars:
            bars.start()
        try:
            result = run_check(paths, settings, store, progress=progress, stdin=sys.stdin)
        finally:
            if bars:
                bars.stop()
        for error in result.errors:
            _error(str(error))
        if not quiet:
            err.print(f"{len(result.added)} new article(s), {len(result.unchanged)} already stored, "
                      f"{len(result.errors)} failed; {result.claims_added} claims added, "
                      f"{result.pairs_judged} pairs judged", highlight=False)
        _render_report(settings, store, fmt, output, min_score, only_confirmed,
                       run=result.run.id if result.run else None)
    if result.errors:
        raise typer.Exit(EXIT_INPUT_ERRORS)


@app.command()
def report(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("md", "--format", "-f", help="md, json, html, claimreview, csv (disputes), flags-csv"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
    min_score: Optional[float] = MinScoreOption,
    only_confirmed: bool = typer.Option(False, "--only-confirmed", help="Only disputes and flags a reviewer confirmed"),
    kind: Optional[str] = KindOption,
    speaker: Optional[str] = SpeakerOption,
    run: Optional[int] = RunOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
) -> None:
    """Print the report for what is already in the store (no new work, no models loaded):
    disputes, strongest first, then every pair flag."""
    _check_report_options(fmt, output, kind)
    since, until = _date_option("--since", since), _date_option("--until", until)
    settings = load_settings(db=db)
    with _store(settings) as store:
        _render_report(settings, store, fmt, output, min_score, only_confirmed, kind, speaker, run, since, until)


@app.command()
def timeline(
    speaker: str = typer.Argument(..., help="Speaker name, alias or id (see `claimcheck speakers`)"),
    topic: Optional[str] = typer.Option(None, "--topic", help="Only statements containing every word of this"),
    db: Optional[Path] = DbOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv"),
) -> None:
    """What one speaker said, dated, in order (optionally on a topic, in a date window)."""
    from claimcheck.report.build import claim_view
    from claimcheck.report.csv_report import cell
    from claimcheck.timeline import find_speaker, timeline as speaker_timeline

    _choice("--format", fmt, ("table", "jsonl", "csv"))
    since, until = _date_option("--since", since), _date_option("--until", until)
    with _store(load_settings(db=db)) as store:
        who = find_speaker(store, speaker)
        entries = speaker_timeline(store, who, topic=topic, since=since, until=until)
    views = [claim_view(e.claim, e.article, who) for e in entries]
    if fmt == "jsonl":
        sys.stdout.writelines(json.dumps({"when": e.when, **v}, ensure_ascii=False) + "\n" for e, v in zip(entries, views))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\r\n")
        writer.writerow(("when", "speaker", "claim", "outlet", "title", "url", "claim_id"))
        for e, v in zip(entries, views):
            writer.writerow([cell(x) for x in (e.when, who.name, v["text"], v["outlet"], v["title"], v["url"], v["id"])])
    else:
        table = Table("when", "said", "outlet", title=f"{who.name}" + (f" on «{topic}»" if topic else ""),
                      show_lines=True)
        for e, v in zip(entries, views):
            table.add_row(e.when or "undated", v["text"], v["outlet"] or "")
        out.print(table)
        if not entries:
            out.print(f"No statements by {who.name}" + (f" on {topic!r}" if topic else "")
                      + (" in that window" if since or until else "") + ".", highlight=False)


@app.command()
def runs(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """List the judging runs in the store (models, digests, settings), the latest first."""
    from dataclasses import asdict

    _choice("--format", fmt, ("table", "json"))
    settings = load_settings(db=db)
    with _store(settings) as store:
        rows = [(r, store.pair_count(r.id), store.stats(r.id, settings.threshold)["flags"]) for r in store.runs()]
    if fmt == "json":
        _write(json.dumps([{**asdict(r), "pairs": n, "flags": f} for r, n, f in rows], ensure_ascii=False, indent=2),
               None)
        return
    table = Table("run", "last used", "nli model", "embedder", "settings", "pairs", f"flags >= {settings.threshold}")
    for r, n, f in rows:
        short = lambda d: f" ({d[:10]})" if d else ""  # noqa: E731
        table.add_row(str(r.id), r.used_at or "", r.nli_model + short(r.nli_digest), r.embedder + short(r.embedder_digest),
                      " ".join(f"{k}={v}" for k, v in sorted(r.settings.items())) or "unknown", str(n), str(f))
    out.print(table)


@app.command()
def claims(
    paths: list[str] = typer.Argument(None, help="Articles to extract from; none = list the claims in the store"),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or table"),
) -> None:
    """Extract attributed claims (speaker, text, kind, cue, offsets) as JSON lines or a table."""
    from claimcheck.report.build import claim_view

    _choice("--format", fmt, ("jsonl", "table"))
    settings = load_settings(db=db)
    errors = []
    if paths:
        from claimcheck.pipeline import extract_article
        from claimcheck.ingest import InputError, read_inputs

        articles, errors = read_inputs(paths, settings.max_article_bytes, stdin=sys.stdin,
                                      fetch_timeout=settings.fetch_timeout)
        found, known = [], []
        for article in articles:
            try:
                extracted, known = extract_article(article, known)
            except ValueError as exc:
                errors.append(InputError(article.source, str(exc)))
            else:
                found.extend(extracted)
        by_id = {a.id: a for a in articles}
    else:
        with _store(settings) as store:
            found, known = store.claims(), store.speakers()
            by_id = {a.id: a for a in store.articles()}
    for error in errors:
        _error(str(error))
    speakers = {s.id: s for s in known}
    views = [claim_view(c, by_id.get(c.article_id), speakers.get(c.speaker_id or "")) for c in found]
    if fmt == "jsonl":
        sys.stdout.writelines(json.dumps(v, ensure_ascii=False) + "\n" for v in views)
    else:
        table = Table("speaker", "kind", "cue", "text", "article", show_lines=True)
        for v in views:
            table.add_row(v["speaker"] or "", v["kind"], v["cue"] or "", v["text"], v["article"])
        out.print(table)
    if errors:
        raise typer.Exit(EXIT_INPUT_ERRORS)


@app.command()
def speakers(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """List the speakers in the store with their aliases and claim counts."""
    _choice("--format", fmt, ("table", "json"))
    with _store(load_settings(db=db)) as store:
        counts = store.claim_counts()
        rows = [{"id": s.id, "name": s.name, "kind": s.kind, "role": s.role, "aliases": list(s.aliases),
                 "claims": counts.get(s.id, 0)} for s in store.speakers()]
    rows.sort(key=lambda r: (-r["claims"], r["name"]))
    if fmt == "json":
        _write(json.dumps(rows, ensure_ascii=False, indent=2), None)
        return
    table = Table("speaker", "kind", "role", "aliases", "claims")
    for r in rows:
        table.add_row(r["name"], r["kind"], r["role"] or "", " / ".join(r["aliases"]), str(r["claims"]))
    out.print(table)


@app.command()
def models(
    prepare: bool = typer.Option(False, "--prepare", help="Convert/assemble the default models now"),
) -> None:
    """Show which models are configured and where they resolve to (offline defaults or yours)."""
    from claimcheck.models import catalogue

    settings = load_settings()
    if prepare:
        catalogue.embedder(settings)
        catalogue.nli(settings)
    table = Table("role", "name", "resolves to")
    table.add_row("embedder", settings.embedder, catalogue.describe(settings.embedder, settings))
    table.add_row("nli", settings.nli_model, catalogue.describe(settings.nli_model, settings))
    out.print(table)
    out.print(f"cache: {settings.cache_dir}   threads: {settings.torch_threads}", highlight=False)


@app.command("eval")
def eval_(
    files: list[Path] = typer.Argument(..., help="Labelled pairs: exported JSONL, ANS CSV (s1,s2,stance), ArNLI CSV (t,h,label), or XNLI-style TSV"),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
    junit: Optional[Path] = typer.Option(None, "--junit", help="Also write JUnit XML here (for CI systems)"),
    min_macro_f1: Optional[float] = typer.Option(None, "--min-macro-f1", help="Fail below this macro-F1"),
    min_f1: list[str] = typer.Option([], "--min-f1", help="Fail below a per-label F1, e.g. contradiction=0.8"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail when a figure drops vs this saved result"),
    tolerance: float = typer.Option(0.02, help="Allowed drop against the baseline"),
    save_baseline: Optional[Path] = typer.Option(None, "--save-baseline", help="Save this run's results as a baseline"),
    nli_model: Optional[str] = typer.Option(None, "--nli-model", help="NLI model to evaluate [default: configured]"),
    precision: Optional[str] = PrecisionOption,
) -> None:
    """Score the NLI model on labelled pairs; with floors or a baseline it is a CI regression gate."""
    from claimcheck.evaluation.labelled import (baseline_for, check_gates, evaluate_pairs, junit_xml, parse_min_f1,
                                                read_labelled, render_table, skipped_summary)

    _choice("--format", fmt, ("table", "json"))
    floors = dict(parse_min_f1(v) for v in min_f1)
    from claimcheck.models import catalogue

    settings = load_settings(nli_model=nli_model, precision=precision)
    datasets = {str(f): read_labelled(f) for f in files}
    base = json.loads(baseline.read_text()) if baseline else None
    model = catalogue.nli(settings) if any(datasets.values()) else None  # nothing to score: no model
    results, failures = {}, {}
    for name, pairs in datasets.items():
        results[name] = evaluate_pairs(pairs, lambda p: model.predict(p, settings.batch_size))
        failures[name] = check_gates(results[name], min_macro_f1, floors, baseline_for(base, name), tolerance)
        if fmt == "json":  # the table says it itself; JSON keeps stdout machine-readable
            err.print(f"{name}: {skipped_summary(results[name])}", highlight=False, markup=False, soft_wrap=True)
    if fmt == "json":
        payload = results[next(iter(results))] if len(results) == 1 else results
        _write(json.dumps(payload, ensure_ascii=False, indent=2), None)
    else:
        for name, result in results.items():
            out.print(render_table(result, f"{name} - {settings.nli_model}"))
    if junit:
        junit.write_text(junit_xml(results, failures), encoding="utf-8")
    if save_baseline:
        save_baseline.write_text(json.dumps(results, indent=2), encoding="utf-8")
    reasons = [f"{name}: {r}" for name, rs in failures.items() for r in rs]
    if reasons:
        _error("gate failed: " + "; ".join(reasons))
        raise typer.Exit(EXIT_GATE_FAILED)


@app.command()
def review(
    db: Optional[Path] = DbOption,
    min_score: Optional[float] = MinScoreOption,
    speaker: Optional[str] = SpeakerOption,
    kind: Optional[str] = KindOption,
    reviewer: Optional[str] = typer.Option(None, help="Your name [default: $CLAIMCHECK_REVIEWER, then $USER]"),
    run: Optional[int] = RunOption,
    disputes: bool = typer.Option(False, "--disputes", help="A dispute at a time: confirm or reject it, move claims"),
) -> None:
    """Review flags one by one in the terminal: confirm, reject, note; resumes where you left off."""
    from claimcheck.review import run_dispute_review, run_review

    _choice("--kind", kind, KINDS)
    settings = load_settings(db=db)
    who = (reviewer or os.environ.get("CLAIMCHECK_REVIEWER") or os.environ.get("USER")
           or os.environ.get("LOGNAME") or "").strip()
    if not who:
        raise UsageError("no reviewer name: pass --reviewer or set CLAIMCHECK_REVIEWER")
    with _store(settings) as store:
        if disputes:
            run_dispute_review(store, run, min_score=settings.threshold if min_score is None else min_score,
                               kind=kind, speaker=speaker, reviewer=who, console=out)
            return
        run_review(store, run,
                   min_score=settings.threshold if min_score is None else min_score,
                   kind=kind, speaker=speaker, reviewer=who, console=out)


@app.command("export-pairs")
def export_pairs_(
    db: Optional[Path] = DbOption,
    output: Path = typer.Option(..., "--output", "-o", help="JSONL file of labelled pairs"),
    run: Optional[int] = RunOption,
) -> None:
    """Write reviewed flags as labelled NLI pairs (confirmed -> contradiction, rejected -> neutral)."""
    from claimcheck.export import export_pairs, write_jsonl

    settings = load_settings(db=db)
    with _store(settings) as store:
        count = write_jsonl(export_pairs(store, run), output)
    err.print(f"wrote {count} labelled pair(s) to {output}", highlight=False)


def main() -> None:
    """Entry point: known failures (a model, the store, a file, a setting) are one line, not a traceback."""
    try:
        app()
    except (ModelError, StoreError, OSError, ValueError) as exc:
        _error(str(exc))
        sys.exit(EXIT_USAGE)
