"""Labelled-pair readers, metrics, gates, JUnit XML and the rich table - no model is loaded."""
from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from claimcheck.evaluation.labelled import (LABEL_ORDER, LabelledPair, baseline_for, check_gates, evaluate_pairs, junit_xml,
                                 parse_min_f1, read_labelled, render_table)
from conftest import REPO, shared_file


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def triples(pairs) -> list[tuple[str, str, str]]:
    return [(p.premise, p.hypothesis, p.label) for p in pairs]


# -- readers ----------------------------------------------------------------------------------------
def test_jsonl_exported_and_snli_styles(tmp_path):
    rows = [{"premise": "قال الوزير إن القوات انسحبت", "hypothesis": "القوات ما زالت هناك", "label": "contradiction",
             "speaker_a": "س", "speaker_b": "ل", "source": "claimcheck-review:alice:x|y"},
            {"premise": "p2", "hypothesis": "h2", "label": "Entailment"}]
    path = write(tmp_path, "pairs.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    pairs = read_labelled(path)
    assert triples(pairs) == [(rows[0]["premise"], rows[0]["hypothesis"], "contradiction"), ("p2", "h2", "entailment")]
    assert pairs[0].source == "claimcheck-review:alice:x|y" and pairs[1].source == "pairs.jsonl:2"
    assert pairs.format == "jsonl" and pairs.skipped == 0

    snli = [{"sentence1": "A man sleeps.", "sentence2": "A man is awake.", "gold_label": "contradiction"},
            {"sentence1": "A dog runs.", "sentence2": "An animal moves.", "gold_label": "entailment"},
            {"sentence1": "Two kids.", "sentence2": "Kids play.", "gold_label": "-"}]
    path = write(tmp_path, "snli.jsonl", "".join(json.dumps(r) + "\n" for r in snli))
    pairs = read_labelled(path)
    assert [p.label for p in pairs] == ["contradiction", "entailment"]
    assert pairs.skipped == 1 and pairs.skipped_labels == {"-": 1}


def test_ans_csv(tmp_path):
    path = write(tmp_path, "ans.csv", "\ufeffs1,s2,stance\n"
                 "بقاء الدولار قرب أعلى مستوى,الدولار قرب أدنى مستوى,disagree\n"
                 '"تأجيل مهمة المفتشين، ثم استئنافها",المفتشون يباشرون مهمتهم,agree\n'
                 "عنوان أول,عنوان آخر,other\n"
                 "x,y,unrelated\n")
    pairs = read_labelled(path)
    assert [p.label for p in pairs] == ["contradiction", "entailment", "neutral"]
    assert pairs[1].premise == "تأجيل مهمة المفتشين، ثم استئنافها" and pairs[1].source == "ans.csv:3"
    assert pairs.format == "ans-csv" and pairs.skipped_labels == {"unrelated": 1}


def test_arnli_csv_numbered_labels(tmp_path):
    # ArNLI numbers its labels 0 neutral, 1 entailment, 2 contradiction, and carries extra columns.
    path = write(tmp_path, "valid.csv", "t,h,label,relatedness_score,sentence_h_en,sentence_t_en\n"
                 "طفل يركض في الحديقة,لا يوجد طفل يركض,2,3.6,No child runs,A child runs in the park\n"
                 "رجل يقرأ كتابا,رجل يقرأ,1,4.5,A man reads,A man reads a book\n"
                 "امرأة تطبخ,امرأة تغني في المطبخ,0,2.9,A woman sings in the kitchen,A woman cooks\n"
                 "قطة تنام,قطة,9,1.0,A cat,A cat sleeps\n")
    pairs = read_labelled(path)
    assert [p.label for p in pairs] == ["contradiction", "entailment", "neutral"]
    assert pairs[0].premise == "طفل يركض في الحديقة" and pairs[0].hypothesis == "لا يوجد طفل يركض"
    assert pairs.format == "arnli-csv" and pairs.skipped_labels == {"9": 1}


def test_tsv_headerless_with_header_and_xnli_columns(tmp_path):
    plain = write(tmp_path, "x.tsv", "الجو حار\tالجو بارد\tcontradiction\nالجو حار\tالطقس حار\tentailment\n")
    assert triples(read_labelled(plain)) == [("الجو حار", "الجو بارد", "contradiction"),
                                             ("الجو حار", "الطقس حار", "entailment")]
    header = write(tmp_path, "h.tsv", "premise\thypothesis\tlabel\na\tb\tneutral\nc\td\t-\n")
    pairs = read_labelled(header)
    assert triples(pairs) == [("a", "b", "neutral")] and pairs.skipped == 1
    xnli = write(tmp_path, "xnli.test.tsv", "language\tgold_label\tsentence1_binary_parse\tsentence1\tsentence2\n"
                 "ar\tneutral\t( x )\tفرضية\tنتيجة\n")
    assert triples(read_labelled(xnli)) == [("فرضية", "نتيجة", "neutral")]


@pytest.mark.parametrize("name, text, where", [
    ("bad.jsonl", '{"premise": "a", "hypothesis": "b", "label": "neutral"}\n{"premise": "a",\n', "bad.jsonl:2"),
    ("keys.jsonl", '{"text": "a", "label": "neutral"}\n', "keys.jsonl:1"),
    ("list.jsonl", '{"premise": "a", "hypothesis": "b", "label": "neutral"}\n[1, 2]\n', "list.jsonl:2"),
    ("short.tsv", "a\tb\tneutral\nc\td\tneutral\ne\tf\n", "short.tsv:3"),
    ("ans.csv", "s1,s2,stance\na,b,agree\nc,d\n", "ans.csv:3"),
    ("arnli.csv", "t,h,label\na,b,1\nc,d\n", "arnli.csv:3"),
    ("empty.jsonl", "\n\n", "empty.jsonl"),
    ("prose.txt", "just some text\n", "prose.txt:1"),
])
def test_malformed_files_name_file_and_line(tmp_path, name, text, where):
    with pytest.raises(ValueError, match=f"{where}"):
        read_labelled(write(tmp_path, name, text))


def test_reads_the_real_ans_dev_split():
    pairs = read_labelled(shared_file("data", "ans", "dev.csv"))
    counts = {label: sum(p.label == label for p in pairs) for label in LABEL_ORDER}
    assert counts == {"entailment": 268, "neutral": 16, "contradiction": 471} and pairs.skipped == 0


def test_reads_the_snli_test_file_skipping_unlabelled():
    path = REPO / "data" / "snli" / "snli_1.0_test.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present (fetched by scripts/fetch_snli.sh)")
    pairs = read_labelled(path)
    assert len(pairs) + pairs.skipped == 10_000 and set(pairs.skipped_labels) == {"-"}


# -- metrics --------------------------------------------------------------------------------------------
GOLD = ["entailment", "entailment", "neutral", "contradiction", "contradiction", "contradiction"]
PRED = ["entailment", "neutral", "neutral", "contradiction", "contradiction", "entailment"]


def fake_predict(table: dict[str, str]):
    """A predictor that answers from a premise -> label table, as one-hot-ish probabilities."""
    def predict(batch):
        out = np.full((len(batch), 3), 0.1, dtype=np.float32)
        for i, (premise, _) in enumerate(batch):
            out[i, LABEL_ORDER.index(table[premise])] = 0.8
        return out
    return predict


@pytest.fixture
def hand_result():
    pairs = [LabelledPair(f"p{i}", f"h{i}", g) for i, g in enumerate(GOLD)]
    return evaluate_pairs(pairs, fake_predict({f"p{i}": p for i, p in enumerate(PRED)}))


def test_metrics_match_a_hand_computed_example(hand_result):
    # entailment: P 1/2 R 1/2 F1 .5; neutral: P 1/2 R 1 F1 2/3; contradiction: P 1 R 2/3 F1 .8
    r = hand_result
    assert r["n"] == 6 and r["accuracy"] == 0.6667
    assert r["per_label"]["entailment"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert r["per_label"]["neutral"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert r["per_label"]["contradiction"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "support": 3}
    assert r["macro_f1"] == 0.6556
    assert r["confusion"]["contradiction"] == {"entailment": 1, "neutral": 0, "contradiction": 2}
    assert r["confusion"]["entailment"] == {"entailment": 1, "neutral": 1, "contradiction": 0}
    json.dumps(r)  # the --format json output


def test_evaluate_pairs_batches_and_checks_the_predictor(hand_result):
    pairs = [LabelledPair(f"p{i}", f"h{i}", g) for i, g in enumerate(GOLD)]
    calls = []
    predict = fake_predict({f"p{i}": p for i, p in enumerate(PRED)})
    chunked = evaluate_pairs(pairs, lambda b: calls.append(len(b)) or predict(b), batch_size=4)
    assert calls == [4, 2] and chunked == hand_result
    with pytest.raises(ValueError, match="shape"):
        evaluate_pairs(pairs, lambda b: np.zeros((len(b), 2)))


# -- gates ----------------------------------------------------------------------------------------------
def test_gates_pass(hand_result):
    failures = check_gates(hand_result, 0.65, {"contradiction": 0.8, "neutral": 0.6}, hand_result, 0.02)
    assert failures == []
    assert failures.checked == ["min-macro-f1", "min-f1:contradiction", "min-f1:neutral", "baseline:accuracy",
                                "baseline:macro_f1", "baseline:f1:entailment", "baseline:f1:neutral",
                                "baseline:f1:contradiction"]


def test_gates_fail_on_floors_with_reasons(hand_result):
    failures = check_gates(hand_result, 0.7, {"contradiction": 0.85, "entailment": 0.5}, None, 0.02)
    assert failures == ["min-macro-f1: macro-F1 0.6556 < 0.7000",
                        "min-f1:contradiction: contradiction F1 0.8000 < 0.8500"]


def test_gate_on_a_label_without_gold_pairs_fails(hand_result):
    result = copy.deepcopy(hand_result)
    del result["per_label"]["neutral"]
    assert check_gates(result, None, {"neutral": 0.1}, None, 0.02) == [
        "min-f1:neutral: no gold 'neutral' pairs, so F1 >= 0.1000 cannot be shown"]


def test_gates_fail_on_a_drop_against_the_baseline(hand_result):
    baseline = copy.deepcopy(hand_result)
    baseline["per_label"]["contradiction"]["f1"] = 0.85
    baseline["accuracy"] = 0.68
    failures = check_gates(hand_result, None, {}, baseline, 0.02)
    assert failures == ["baseline:f1:contradiction: contradiction F1 0.8000 dropped 0.0500 from baseline 0.8500 "
                        "(tolerance 0.0200)"]  # accuracy dropped 0.0133: within tolerance
    assert check_gates(hand_result, None, {}, baseline, 0.05) == []  # a drop of exactly the tolerance passes
    improved = copy.deepcopy(hand_result)
    improved["macro_f1"] = 0.9
    assert check_gates(improved, None, {}, hand_result, 0.0) == []


def test_parse_min_f1():
    assert parse_min_f1("contradiction=0.8") == ("contradiction", 0.8)
    assert parse_min_f1(" Neutral = 0.25 ") == ("neutral", 0.25)
    for bad, why in [("contradict=0.8", "unknown label"), ("contradiction", "LABEL=VALUE"),
                     ("contradiction=high", "not a number"), ("contradiction=1.5", "between 0 and 1")]:
        with pytest.raises(ValueError, match=why):
            parse_min_f1(bad)


def test_baseline_for(hand_result):
    assert baseline_for(None, "a.csv") is None
    assert baseline_for(hand_result, "any.csv") is hand_result  # a single saved result
    saved = {"data/ans/dev.csv": hand_result}
    assert baseline_for(saved, "data/ans/dev.csv") is hand_result
    assert baseline_for(saved, "/elsewhere/dev.csv") is hand_result  # matched by file name
    assert baseline_for(saved, "other.csv") is None


# -- JUnit and table ----------------------------------------------------------------------------------------
def test_junit_xml_has_a_testcase_per_file_and_gate(hand_result):
    results = {"ans/dev.csv": hand_result, "pairs.jsonl": hand_result}
    failures = {"ans/dev.csv": check_gates(hand_result, 0.7, {"contradiction": 0.5}, None, 0.02),
                "pairs.jsonl": check_gates(hand_result, 0.5, {}, None, 0.02)}
    root = ET.fromstring(junit_xml(results, failures))
    assert root.tag == "testsuites" and root.get("tests") == "5" and root.get("failures") == "1"
    dev, pairs = root.findall("testsuite")
    assert dev.get("name") == "ans/dev.csv" and dev.get("tests") == "3" and dev.get("failures") == "1"
    cases = {c.get("name"): c for c in dev.findall("testcase")}
    assert set(cases) == {"evaluate", "min-macro-f1", "min-f1:contradiction"}
    assert cases["min-macro-f1"].find("failure").get("message") == "min-macro-f1: macro-F1 0.6556 < 0.7000"
    assert cases["min-f1:contradiction"].find("failure") is None
    props = {p.get("name"): p.get("value") for p in dev.find("properties")}
    assert props["macro_f1"] == "0.6556" and props["contradiction.f1"] == "0.8" and props["n"] == "6"
    assert pairs.get("failures") == "0" and not pairs.findall(".//failure")
    # plain lists of reasons (no `checked`) still give a failing testcase per failed gate
    root = ET.fromstring(junit_xml({"f": hand_result}, {"f": ["baseline:accuracy: dropped", "odd reason"]}))
    names = [c.get("name") for c in root.iter("testcase")]
    assert names == ["evaluate", "baseline:accuracy", "gate"] and root.get("failures") == "2"


def test_render_table(hand_result):
    console = Console(record=True, width=100, color_system=None)
    console.print(render_table(hand_result, "ans dev - claimcheck:nli-e5-small"))
    text = console.export_text()
    assert "ans dev - claimcheck:nli-e5-small" in text and "macro-F1" in text and "0.6556" in text
    assert "accuracy" in text and "0.6667" in text and "gold \\ predicted" in text
    for label in LABEL_ORDER:
        assert label in text
