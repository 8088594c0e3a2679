"""The commands as a fact-checker and a CI system run them, with the real offline models."""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from claimcheck.report.json_report import validate
from tests.conftest import REPO, shared_file

pytestmark = pytest.mark.slow


def run(*args, cwd=None, timeout=900):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    done = run("check", str(REPO / "seeds"), "--db", str(db), "--format", "json", "--quiet")
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout), db


def speakers_of(flag):
    return {flag["a"]["speaker"] or "", flag["b"]["speaker"] or ""}


def test_check_on_the_real_seeds_finds_the_canonical_contradiction_in_its_top_three(seeds_report):
    report, _ = seeds_report
    validate(report)
    top = report["contradictions"][:3]

    def canonical(flag):  # Kadhimi: all forces and combat equipment are out; McKenzie: the 2,500 stay
        texts = (flag["a"]["text"], flag["b"]["text"])
        return (any("خروج كل قواته" in t for t in texts) and any("2500" in t for t in texts)
                and any("الكاظمي" in s for s in speakers_of(flag)) and any("ماكنزي" in s for s in speakers_of(flag))
                and flag["kind"] == "contradiction")

    assert any(canonical(f) for f in top), [(f["a"]["speaker"], f["b"]["speaker"]) for f in top]
    for flag in report["contradictions"]:
        assert flag["reason"] and set(flag["nli"]) == {"ab", "ba"}
        assert flag["a"]["text"] and flag["b"]["text"] and flag["a"]["speaker"]


def test_rerunning_check_reuses_the_store(seeds_report):
    report, db = seeds_report
    again = run("check", str(REPO / "seeds"), "--db", str(db), "--format", "json")
    assert again.returncode == 0
    assert "0 new article(s), 5 already stored" in again.stderr and "0 pairs judged" in again.stderr
    assert [f["id"] for f in json.loads(again.stdout)["contradictions"]] == [f["id"] for f in report["contradictions"]]


def test_speakers_lists_merged_aliases(seeds_report):
    _, db = seeds_report
    done = run("speakers", "--db", str(db), "--format", "json")
    rows = json.loads(done.stdout)
    kadhimi = [r for r in rows if "الكاظمي" in r["name"]]
    assert len(kadhimi) == 1 and kadhimi[0]["claims"] >= 3  # one person across articles


def test_html_report_from_the_store_is_rtl_and_escaped(seeds_report, tmp_path):
    _, db = seeds_report
    out = tmp_path / "report.html"
    done = run("report", "--db", str(db), "--format", "html", "--output", str(out))
    assert done.returncode == 0
    html = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "<script" not in html


def test_claims_jsonl_has_the_documented_fields():
    done = run("claims", str(REPO / "tests" / "data" / "standin_seeds"), "--format", "jsonl")
    assert done.returncode == 0
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) > 30
    for row in rows:
        assert {"article", "speaker", "speaker_mention", "role", "text", "kind", "cue", "start", "end",
                "date"} <= set(row)


def test_eval_on_ans_dev_meets_the_floors_and_writes_junit(tmp_path):
    dev = shared_file("data", "ans", "dev.csv")
    junit = tmp_path / "out.xml"
    done = run("eval", str(dev), "--min-f1", "contradiction=0.80", "--junit", str(junit), "--format", "json")
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert {"n", "accuracy", "macro_f1", "per_label", "confusion"} <= set(result)
    assert result["per_label"]["contradiction"]["f1"] >= 0.80
    assert result["per_label"]["entailment"]["f1"] >= 0.65
    assert ET.parse(junit).getroot().tag in ("testsuites", "testsuite")

    impossible = run("eval", str(dev), "--min-f1", "contradiction=0.999")
    assert impossible.returncode != 0
    assert "contradiction" in impossible.stderr and "0.999" in impossible.stderr
