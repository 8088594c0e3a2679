"""The `claimcheck` command line: parse options, call the library, print. Nothing else."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimcheck.config import Settings, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Find contradictions between attributed statements in Arabic and English news.")
out = Console()
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", help="SQLite claim store [default: ./claimcheck.db or $CLAIMCHECK_DB]")
EXIT_INPUT_ERRORS = 1  # some inputs failed; everything else was processed and stored
EXIT_GATE_FAILED = 1


def _settings(**overrides) -> Settings:
    return load_settings(**overrides)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]claimcheck: error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _open_store(settings: Settings):
    from claimcheck.store import Store, StoreError

    try:
        return Store(settings.db)
    except StoreError as exc:
        _fail(str(exc))


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


def _render_report(settings: Settings, store, fmt: str, output: Optional[Path], min_score: Optional[float],
                   only_confirmed: bool, kind: Optional[str] = None, speaker: Optional[str] = None) -> None:
    from claimcheck.report import FORMATS, render
    from claimcheck.report.build import report_data

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    data = report_data(store, settings, min_score=min_score, only_confirmed=only_confirmed, kind=kind,
                       speaker=speaker)
    _write(render(data, fmt), output)


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Files, folders or globs of articles (.txt .md .html .jsonl); - for stdin"),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("md", "--format", "-f", help="Report format: md, json, html, claimreview"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here instead of stdout"),
    min_score: Optional[float] = typer.Option(None, help="Report flags scoring at least this [default: threshold]"),
    only_confirmed: bool = typer.Option(False, "--only-confirmed", help="Only flags a reviewer confirmed"),
    embedder: Optional[str] = typer.Option(None, help="Embedding model: built-in name, HF id or local path"),
    nli_model: Optional[str] = typer.Option(None, "--nli-model", help="NLI cross-encoder: built-in name, HF id or path"),
    neighbours: Optional[int] = typer.Option(None, "-k", "--neighbours", help="Nearest neighbours per claim"),
    threshold: Optional[float] = typer.Option(None, help="Calibrated contradiction score that makes a flag"),
    threads: Optional[int] = typer.Option(None, help="CPU threads for the models [default: all cores]"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars or summary"),
) -> None:
    """Ingest articles, extract and judge claims, and print the contradiction report."""
    from claimcheck.pipeline import check as run_check

    settings = _settings(db=db, embedder=embedder, nli_model=nli_model, neighbours=neighbours,
                         threshold=threshold, threads=threads)
    store = _open_store(settings)
    bars = _progress(quiet)
    tasks: dict[str, int] = {}

    def progress(stage: str, total: int):
        if bars is None:
            return lambda n: None
        tasks[stage] = bars.add_task(stage, total=total)
        return lambda n: bars.advance(tasks[stage], n)

    try:
        if bars:
            bars.start()
        result = run_check(paths, settings, store, progress=progress, stdin=sys.stdin)
    finally:
        if bars:
            bars.stop()
    for error in result.errors:
        err.print(f"[red]claimcheck: error:[/] {error}", highlight=False, soft_wrap=True)
    if not quiet:
        err.print(f"{len(result.added)} new article(s), {len(result.unchanged)} already stored, "
                  f"{len(result.errors)} failed; {result.claims_added} claims added, "
                  f"{result.pairs_judged} pairs judged", highlight=False)
    _render_report(settings, store, fmt, output, min_score, only_confirmed)
    store.close()
    if result.errors:
        raise typer.Exit(EXIT_INPUT_ERRORS)


@app.command()
def report(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("md", "--format", "-f", help="md, json, html, claimreview"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
    min_score: Optional[float] = typer.Option(None, help="Report flags scoring at least this [default: threshold]"),
    only_confirmed: bool = typer.Option(False, "--only-confirmed", help="Only flags a reviewer confirmed"),
    kind: Optional[str] = typer.Option(None, help="contradiction or reversal"),
    speaker: Optional[str] = typer.Option(None, help="Only flags involving this speaker (name, alias or id)"),
) -> None:
    """Print the report for what is already in the store (no new work)."""
    settings = _settings(db=db)
    store = _open_store(settings)
    _render_report(settings, store, fmt, output, min_score, only_confirmed, kind, speaker)


@app.command()
def claims(
    paths: list[str] = typer.Argument(None, help="Articles to extract from; none = list the claims in the store"),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or table"),
) -> None:
    """Extract attributed claims (speaker, text, kind, cue, offsets) as JSON lines or a table."""
    from claimcheck.report.build import claim_view

    settings = _settings(db=db)
    failed = False
    if paths:
        from claimcheck.extract import extract_claims
        from claimcheck.extract.speakers import resolve_speakers
        from claimcheck.read import read_inputs

        articles, errors = read_inputs(paths, settings.max_article_bytes, stdin=sys.stdin)
        for error in errors:
            err.print(f"[red]claimcheck: error:[/] {error}", highlight=False, soft_wrap=True)
        failed = bool(errors)
        found, known = [], []
        by_id = {a.id: a for a in articles}
        for article in articles:
            extracted, known = resolve_speakers(extract_claims(article), known)
            found.extend(extracted)
        speakers = {s.id: s for s in known}
    else:
        store = _open_store(settings)
        found = store.claims()
        by_id = {a.id: a for a in store.articles()}
        speakers = {s.id: s for s in store.speakers()}
    views = [claim_view(c, by_id.get(c.article_id), speakers.get(c.speaker_id or "")) for c in found]
    if fmt == "jsonl":
        for view in views:
            sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    elif fmt == "table":
        table = Table("speaker", "kind", "cue", "text", "article", show_lines=True)
        for v in views:
            table.add_row(v["speaker"] or "", v["kind"], v["cue"] or "", v["text"], v["article"])
        out.print(table)
    else:
        _fail(f"unknown format {fmt!r}; choose jsonl or table")
    if failed:
        raise typer.Exit(EXIT_INPUT_ERRORS)


@app.command()
def speakers(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """List the speakers in the store with their aliases and claim counts."""
    settings = _settings(db=db)
    store = _open_store(settings)
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
    from claimcheck import catalogue

    settings = _settings()
    if prepare:
        catalogue.embedder(settings)
        catalogue.nli(settings)
    table = Table("role", "name", "resolves to")
    table.add_row("embedder", settings.embedder, str(catalogue.describe(settings.embedder, settings)))
    table.add_row("nli", settings.nli_model, str(catalogue.describe(settings.nli_model, settings)))
    out.print(table)
    out.print(f"cache: {settings.cache_dir}   threads: {settings.torch_threads}", highlight=False)


def main() -> None:
    app()


def _parse_min_f1(values: list[str]) -> dict[str, float]:
    from claimcheck.evaluate import parse_min_f1

    try:
        return dict(parse_min_f1(v) for v in values)
    except ValueError as exc:
        _fail(str(exc))


@app.command("eval")
def eval_(
    files: list[Path] = typer.Argument(..., help="Labelled pairs: exported JSONL, ANS CSV (s1,s2,stance), or XNLI-style TSV"),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
    junit: Optional[Path] = typer.Option(None, "--junit", help="Also write JUnit XML here (for CI systems)"),
    min_macro_f1: Optional[float] = typer.Option(None, "--min-macro-f1", help="Fail below this macro-F1"),
    min_f1: list[str] = typer.Option([], "--min-f1", help="Fail below a per-label F1, e.g. contradiction=0.8"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail when a figure drops vs this saved result"),
    tolerance: float = typer.Option(0.02, help="Allowed drop against the baseline"),
    save_baseline: Optional[Path] = typer.Option(None, "--save-baseline", help="Save this run's results as a baseline"),
    nli_model: Optional[str] = typer.Option(None, "--nli-model", help="NLI model to evaluate [default: configured]"),
) -> None:
    """Score the NLI model on labelled pairs; with floors or a baseline it is a CI regression gate."""
    from claimcheck import catalogue
    from claimcheck.evaluate import baseline_for, check_gates, evaluate_pairs, junit_xml, read_labelled, render_table

    settings = _settings(nli_model=nli_model)
    floors = _parse_min_f1(min_f1)
    try:
        datasets = {str(f): read_labelled(f) for f in files}
        base = json.loads(baseline.read_text()) if baseline else None
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    model = catalogue.nli(settings)
    results, failures = {}, {}
    for name, pairs in datasets.items():
        results[name] = evaluate_pairs(pairs, lambda p: model.predict(p, settings.batch_size))
        failures[name] = check_gates(results[name], min_macro_f1, floors, baseline_for(base, name), tolerance)
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
        _fail("gate failed: " + "; ".join(reasons), EXIT_GATE_FAILED)


@app.command()
def review(
    db: Optional[Path] = DbOption,
    min_score: Optional[float] = typer.Option(None, help="Review flags scoring at least this [default: threshold]"),
    speaker: Optional[str] = typer.Option(None, help="Only flags involving this speaker (name, alias or id)"),
    kind: Optional[str] = typer.Option(None, help="contradiction or reversal"),
    reviewer: Optional[str] = typer.Option(None, help="Your name [default: $CLAIMCHECK_REVIEWER, then $USER]"),
) -> None:
    """Review flags one by one in the terminal: confirm, reject, note; resumes where you left off."""
    from claimcheck.review import run_review

    settings = _settings(db=db)
    store = _open_store(settings)
    who = reviewer or os.environ.get("CLAIMCHECK_REVIEWER") or os.environ.get("USER") or os.environ.get("LOGNAME")
    if not who:
        _fail("no reviewer name: pass --reviewer or set CLAIMCHECK_REVIEWER")
    run_review(store, settings.nli_model, min_score=settings.threshold if min_score is None else min_score,
               kind=kind, speaker=speaker, reviewer=who, console=out)


@app.command("export-pairs")
def export_pairs_(
    db: Optional[Path] = DbOption,
    output: Path = typer.Option(..., "--output", "-o", help="JSONL file of labelled pairs"),
) -> None:
    """Write reviewed flags as labelled NLI pairs (confirmed -> contradiction, rejected -> neutral)."""
    from claimcheck.export import export_pairs, write_jsonl

    settings = _settings(db=db)
    store = _open_store(settings)
    count = write_jsonl(export_pairs(store, settings.nli_model), output)
    err.print(f"wrote {count} labelled pair(s) to {output}", highlight=False)
