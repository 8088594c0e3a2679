"""What a desk asks of a store already judged: disputes as CSV, date windows, a speaker's timeline."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report.csv_report import cell
from claimcheck.report.json_report import validate
from review_fixtures import build_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch):
    for name in ("CLAIMCHECK_DB", "CLAIMCHECK_THRESHOLD"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "desk.db"
    store, _, _ = build_store(path)
    store.close()
    return str(path)


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_report_leads_with_disputes_and_validates(db):
    data = json.loads(invoke("report", "--db", db, "-f", "json"))
    validate(data)
    assert data["version"] == "1.4" and data["stats"]["disputes"] == len(data["disputes"]) == 2
    strengths = [d["strength"] for d in data["disputes"]]
    assert strengths == sorted(strengths, reverse=True)
    flag_ids = {f["id"] for f in data["contradictions"]}
    for d in data["disputes"]:
        assert set(d["evidence"]) <= flag_ids
        speakers = [{s["id"] for s in side["speakers"]} for side in d["sides"]]
        assert d["kind"] == "reversal" or not speakers[0] & speakers[1]


def test_csv_of_disputes_has_one_row_per_claim_and_flags_csv_one_per_flag(db):
    data = json.loads(invoke("report", "--db", db, "-f", "json"))
    rows = list(csv.DictReader(io.StringIO(invoke("report", "--db", db, "-f", "csv"))))
    claims = [c for d in data["disputes"] for side in d["sides"] for s in side["speakers"] for c in s["claims"]]
    assert len(rows) == len(claims)
    assert rows[0]["dispute"] == data["disputes"][0]["id"] and rows[0]["rank"] == "1"
    assert {r["side"] for r in rows} == {"For", "Against"}
    assert rows[0]["claim"] in {c["text"] for c in claims}  # Arabic text intact
    flags = list(csv.DictReader(io.StringIO(invoke("report", "--db", db, "-f", "flags-csv"))))
    assert [f["flag"] for f in flags] == [f["id"] for f in data["contradictions"]]
    in_disputes = {i for d in data["disputes"] for i in d["evidence"]}
    assert all(f["dispute"] for f in flags if f["flag"] in in_disputes)


def test_csv_cells_cannot_become_spreadsheet_formulas():
    assert cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert cell("-5 troops") == "'-5 troops" and cell("+1") == "'+1" and cell("@a") == "'@a"
    assert cell("القوات انسحبت") == "القوات انسحبت" and cell(None) == "" and cell(0.5) == 0.5


def test_since_and_until_keep_only_statements_in_the_window(db):
    everything = json.loads(invoke("report", "--db", db, "-f", "json"))
    # The fixture's two articles are dated 2024-01-10 and 2024-02-03: every flag pairs one with the
    # other or lies within February, so a window on February keeps only February's own pairs.
    february = json.loads(invoke("report", "--db", db, "-f", "json", "--since", "2024-02-01"))
    validate(february)
    assert february["settings"]["since"] == "2024-02-01"
    for flag in february["contradictions"]:
        assert min(flag["a"]["date"], flag["b"]["date"]) >= "2024-02-01"
    for d in february["disputes"]:
        assert all(c["date"] >= "2024-02-01" for side in d["sides"] for s in side["speakers"] for c in s["claims"])
    assert len(february["contradictions"]) < len(everything["contradictions"])
    january = json.loads(invoke("report", "--db", db, "-f", "json", "--until", "2024-01-31"))
    assert january["contradictions"] == [] and january["disputes"] == []


def test_bad_date_is_a_clear_usage_error(db):
    result = runner.invoke(app, ["report", "--db", db, "--since", "10/01/2024"])
    assert result.exit_code != 0
    assert "--since '10/01/2024': not a date; write it as YYYY-MM-DD" in str(result.exception or result.output)


def test_timeline_lists_what_a_speaker_said_in_order(db):
    lines = [json.loads(x) for x in invoke("timeline", "الحمدان", "--db", db, "-f", "jsonl").splitlines()]
    assert [x["speaker"] for x in lines] == ["سالم الحمدان"] * 4
    assert [x["when"] for x in lines] == sorted(x["when"] for x in lines)
    assert lines[0]["text"] == "القوات انسحبت بالكامل من المدينة"
    # A topic keeps the statements with every word of it; "انتخابات" also finds "الانتخابات".
    on_topic = [json.loads(x) for x in invoke("timeline", "سالم الحمدان", "--topic", "انتخابات", "--db", db,
                                               "-f", "jsonl").splitlines()]
    assert [x["text"] for x in on_topic] == ["لا خطط لإجراء انتخابات مبكرة", "الانتخابات المبكرة ستجرى في الربيع"]
    table = invoke("timeline", "spk-hamdan", "--db", db, "--until", "2024-01-31")
    assert "القوات انسحبت بالكامل من المدينة" in table and "2024-01-10" in table and "2024-02-03" not in table


def test_timeline_names_an_unknown_speaker(db):
    result = runner.invoke(app, ["timeline", "Nobody Atall", "--db", db])
    assert result.exit_code != 0
    assert "no speaker called 'Nobody Atall'" in str(result.exception)
