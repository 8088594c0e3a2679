"""Judging runs: a store describes what its judgements were computed with, and report, review
and export read a run from the store alone (the latest by default, any with --run)."""
import json
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report.json_report import validate
from claimcheck.store import SCHEMA_VERSION, Store
from tests.conftest import REPO
from tests.fakes import use_fakes

STORY = {
    "ended.txt": "قال المدير سالم أحمد إن الإضراب في الميناء انتهى.\n",
    "ended-too.txt": "قال المهندس علي حسن إن الإضراب في الميناء انتهى صباح الأحد.\n",
    "goes-on.txt": "قال النقابي خالد عمر إن الإضراب لا يزال مستمراً في الميناء منذ أسبوع.\n",
    "goes-on-too.txt": "قال العامل محمد يوسف إن الإضراب لا يزال مستمراً في الميناء منذ أسبوع كامل.\n",
}


@pytest.fixture
def story(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    # The fake embedder's cosines are lower than e5's, so its floors are lower too.
    monkeypatch.setenv("CLAIMCHECK_MIN_SIMILARITY", "0.2")
    monkeypatch.setenv("CLAIMCHECK_SAME_SPEAKER_SIMILARITY", "0.2")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def cli(*args) -> dict | str:
    done = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout) if "json" in args else done.stdout


def flag_ids(report: dict) -> list[str]:
    return [f["id"] for f in report["contradictions"]]


def test_report_shows_the_flags_of_the_last_check_whatever_its_settings(story, tmp_path):
    db = str(tmp_path / "x.db")
    checked = cli("check", str(story), "--db", db, "-k", "12", "--format", "json", "--quiet")
    reported = cli("report", "--db", db, "--format", "json")  # default settings: -k 8
    assert flag_ids(checked) and flag_ids(reported) == flag_ids(checked)
    assert reported["run"]["settings"]["neighbours"] == 12 and reported["settings"]["neighbours"] == 12
    validate(reported)  # the run and every signal's summary fit the schema


def test_two_runs_with_different_settings_are_both_kept_and_picked_by_id(story, tmp_path, monkeypatch):
    db = str(tmp_path / "x.db")
    # Only the embedding neighbours, so that -k decides whether 'ended' meets 'goes on'.
    monkeypatch.setenv("CLAIMCHECK_OPPOSITE_NEIGHBOURS", "0")
    monkeypatch.setenv("CLAIMCHECK_LEXICAL_NEIGHBOURS", "0")
    narrow = cli("check", str(story), "--db", db, "-k", "1", "--contrast-neighbours", "0", "--format", "json", "-q")
    wide = cli("check", str(story), "--db", db, "-k", "3", "--format", "json", "-q")
    assert set(flag_ids(narrow)) < set(flag_ids(wide))  # 'ended' vs 'goes on' is only a wide neighbour
    assert flag_ids(cli("report", "--db", db, "--run", str(narrow["run"]["id"]), "--format", "json")) == flag_ids(narrow)
    assert flag_ids(cli("report", "--db", db, "--run", str(wide["run"]["id"]), "--format", "json")) == flag_ids(wide)
    assert flag_ids(cli("report", "--db", db, "--format", "json")) == flag_ids(wide)  # the latest

    runs = cli("runs", "--db", db, "--format", "json")
    assert [r["id"] for r in runs] == [wide["run"]["id"], narrow["run"]["id"]]
    assert [r["settings"]["neighbours"] for r in runs] == [3, 1]
    assert all(r["nli_model"] and r["signals_version"] and r["pairs"] > 0 for r in runs)

    again = cli("check", str(story), "--db", db, "-k", "1", "--contrast-neighbours", "0", "--format", "json", "-q")
    assert again["run"]["id"] == narrow["run"]["id"]  # the same configuration reuses its run...
    assert flag_ids(cli("report", "--db", db, "--format", "json")) == flag_ids(narrow)  # ...and is the latest again


def test_an_unknown_run_is_a_clear_error(story, tmp_path):
    db = str(tmp_path / "x.db")
    cli("check", str(story), "--db", db, "-q")
    done = CliRunner().invoke(app, ["report", "--db", db, "--run", "7"])
    assert done.exit_code != 0 and "no run 7 (runs: 1" in str(done.exception)


# The schema before runs existed (claimcheck 0.1.0 as first released), as it created its tables.
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, source TEXT NOT NULL, lang TEXT,
    title TEXT, outlet TEXT, date TEXT, url TEXT, text TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE speakers (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, role TEXT);
CREATE TABLE aliases (speaker_id TEXT NOT NULL REFERENCES speakers(id), alias TEXT NOT NULL,
    PRIMARY KEY (speaker_id, alias));
CREATE TABLE claims (id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence TEXT, speaker_mention TEXT,
    cue TEXT, role TEXT, channel TEXT, speaker_id TEXT REFERENCES speakers(id), date TEXT, claim_date TEXT);
CREATE TABLE embeddings (claim_id TEXT NOT NULL REFERENCES claims(id), model TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (claim_id, model));
CREATE TABLE pairs (id TEXT NOT NULL, a TEXT NOT NULL REFERENCES claims(id), b TEXT NOT NULL REFERENCES claims(id),
    model TEXT NOT NULL, origin TEXT NOT NULL, similarity REAL NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
    nli_ab TEXT NOT NULL, nli_ba TEXT NOT NULL, signals TEXT NOT NULL, reason TEXT NOT NULL, judged_at TEXT NOT NULL,
    PRIMARY KEY (id, model));
CREATE INDEX pairs_score ON pairs(model, score);
CREATE TABLE paired (claim_id TEXT NOT NULL REFERENCES claims(id), model TEXT NOT NULL, PRIMARY KEY (claim_id, model));
CREATE TABLE verdicts (seq INTEGER PRIMARY KEY AUTOINCREMENT, flag_id TEXT NOT NULL, verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL, note TEXT, at TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO articles VALUES ('a1', 'h1', 'a.txt', 'ar', NULL, NULL, '2024-01-01', NULL, 'نص', '2024-01-02T00:00:00Z');
INSERT INTO claims VALUES ('a1:0-5', 'a1', 'القوات غادرت', 'reported', 0, 5, 's', 'الوزير', 'قال', NULL, NULL, NULL,
    '2024-01-01', NULL);
INSERT INTO claims VALUES ('a1:6-9', 'a1', 'القوات باقية', 'reported', 6, 9, 's', 'القائد', 'ونفى', NULL, NULL, NULL,
    '2024-01-01', NULL);
INSERT INTO pairs VALUES ('a1:0-5|a1:6-9', 'a1:0-5', 'a1:6-9', 'claimcheck:nli-e5-small#0123456789', 'neighbours',
    0.9, 'contradiction', 0.91, '{"entailment": 0.01, "neutral": 0.04, "contradiction": 0.95}',
    '{"entailment": 0.02, "neutral": 0.08, "contradiction": 0.9}',
    '{"numeric": null, "time": {"same_period": true}, "attitude": null, "continuation": null}', 'old reason',
    '2024-01-02T00:00:01Z');
INSERT INTO paired VALUES ('a1:0-5', 'claimcheck:nli-e5-small#0123456789');
INSERT INTO verdicts (flag_id, verdict, reviewer, note, at) VALUES ('a1:0-5|a1:6-9', 'confirmed', 'alice', NULL,
    '2024-01-03T00:00:00Z');
"""


def test_a_store_written_before_runs_opens_with_its_judgements_and_verdicts(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as old:
        old.executescript(SCHEMA_1)
    with Store(db) as store:
        (run,) = store.runs()
        assert run.nli_model == "claimcheck:nli-e5-small" and run.settings == {} and run.nli_digest is None
        ((flag, verdict),) = store.flags(run.id, 0.5)
        assert flag.reason == "old reason" and flag.nli_ab["contradiction"] == 0.95
        assert verdict.verdict == "confirmed" and verdict.reviewer == "alice"
        assert store.current_pair_ids(run.id) == {"a1:0-5|a1:6-9"}  # what it reported stays reported
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert not {"pairs", "paired", "paired_v1"} & tables  # resuming no longer needs per-claim marks
        assert [c.denies for c in store.claims()] == [False, True]  # read from the cue ("ونفى") once, here
        version = store.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION
    report = cli("report", "--db", str(db), "--format", "json")
    assert flag_ids(report) == ["a1:0-5|a1:6-9"] and report["contradictions"][0]["review"]["state"] == "confirmed"
    with Store(db) as store:  # opening again changes nothing
        assert len(store.runs()) == 1 and len(store.flags(store.run().id, 0.0)) == 1


def test_reading_commands_never_load_the_model_stack(tmp_path):
    """report, runs, review and export-pairs read the store; the catalogue, the judge and torch
    stay unimported (a store is readable without the models or the settings beside it)."""
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as old:
        old.executescript(SCHEMA_1)
    code = f"""
import sys
from typer.testing import CliRunner
from claimcheck.cli import app
from claimcheck.report.json_report import validate
db = {str(db)!r}
for args in (["report", "--db", db], ["runs", "--db", db], ["export-pairs", "--db", db, "-o", db + ".jsonl"],
             ["review", "--db", db, "--reviewer", "bob"]):
    done = CliRunner().invoke(app, args, input="q\\n")
    assert done.exit_code == 0, (args, done.output)
loaded = [m for m in ("claimcheck.models.catalogue", "claimcheck.judge", "claimcheck.pipeline", "torch")
          if m in sys.modules]
assert not loaded, loaded
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_schema_2_store_keeps_reporting_its_flags_and_a_new_check_completes_it(story, tmp_path):
    db = tmp_path / "v2.db"
    checked = cli("check", str(story), "--db", str(db), "--format", "json", "-q")
    with sqlite3.connect(db) as old:  # back to schema 2: no `current`, claims marked in `paired`
        old.execute("ALTER TABLE judgements DROP COLUMN current")
        old.execute("CREATE TABLE paired (claim_id TEXT NOT NULL REFERENCES claims(id), "
                    "run INTEGER NOT NULL REFERENCES runs(id), PRIMARY KEY (claim_id, run))")
        old.execute("INSERT INTO paired SELECT id, 1 FROM claims")
        old.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    assert flag_ids(cli("report", "--db", str(db), "--format", "json")) == flag_ids(checked)
    again = cli("check", str(story), "--db", str(db), "--format", "json", "-q")
    assert flag_ids(again) == flag_ids(checked)
    with Store(db) as store:
        assert "paired" not in {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
