"""Reviewed flags -> labelled pairs -> the evaluation readers, end to end, with a fake predictor."""
from __future__ import annotations

import numpy as np

from claimcheck.evaluation.labelled import LABEL_ORDER, evaluate_pairs, read_labelled
from claimcheck.export import export_pairs, write_jsonl
from claimcheck.records import Run
from review_fixtures import RUN_ID, build_store, claim_text


def reviewed_store(tmp_path):
    store, flags, claims = build_store(tmp_path / "r.db")
    f = [x.id for x in flags]
    store.add_verdict(f[0], "confirmed", "alice")
    store.add_verdict(f[1], "rejected", "bob", "different fuels")
    store.add_verdict(f[2], "unsure", "alice")
    store.add_verdict(f[2], "agree", "alice", seen=store.latest_verdict(f[2]))  # latest verdict counts
    store.add_verdict(f[3], "confirmed", "carol")
    store.add_verdict(f[3], "unsure", "carol")  # now unsure: left out
    # f[4] stays unreviewed; a verdict on another model's flag is not exported either
    other = store.open_run(Run(embedder="fake:embedder", nli_model="other:model", settings={})).id
    store.put_judgements(other, [(flags[4], "neighbours", 0.9)], current=True)
    return store, flags, claims, other


def test_export_gives_labelled_pairs_for_decided_flags(tmp_path):
    store, flags, claims, other = reviewed_store(tmp_path)
    rows = export_pairs(store, RUN_ID)
    assert [r["label"] for r in rows] == ["contradiction", "neutral", "entailment"]
    first = rows[0]
    assert set(first) == {"premise", "hypothesis", "label", "speaker_a", "speaker_b", "source"}
    assert first["premise"] == claim_text(claims, flags[0].a) and first["hypothesis"] == claim_text(claims, flags[0].b)
    assert (first["speaker_a"], first["speaker_b"]) == ("سالم الحمدان", "ليلى النوري")
    assert [r["source"] for r in rows] == [f"claimcheck-review:alice:{flags[0].id}",
                                           f"claimcheck-review:bob:{flags[1].id}",
                                           f"claimcheck-review:alice:{flags[2].id}"]
    assert export_pairs(store, other) == []
    assert export_pairs(store) == []  # by default the latest run: the other one, opened last


def test_export_round_trips_through_read_labelled_and_evaluate(tmp_path):
    store, _, _, _ = reviewed_store(tmp_path)
    path = tmp_path / "pairs.jsonl"
    assert write_jsonl(export_pairs(store, RUN_ID), path) == 3
    pairs = read_labelled(path)
    assert pairs.format == "jsonl" and [p.label for p in pairs] == ["contradiction", "neutral", "entailment"]
    assert pairs[0].source.startswith("claimcheck-review:alice:")

    def always_contradiction(batch):
        return np.tile(np.array([0.1, 0.2, 0.7], dtype=np.float32), (len(batch), 1))

    result = evaluate_pairs(pairs, always_contradiction)
    assert result["n"] == 3 and result["accuracy"] == 0.3333
    assert {g: row["contradiction"] for g, row in result["confusion"].items()} == {
        "entailment": 1, "neutral": 1, "contradiction": 1}
    assert result["per_label"]["contradiction"] == {"precision": 0.3333, "recall": 1.0, "f1": 0.5, "support": 1}

    gold = {p.premise: p.label for p in pairs}

    def oracle(batch):
        return np.eye(3, dtype=np.float32)[[LABEL_ORDER.index(gold[a]) for a, _ in batch]]

    assert evaluate_pairs(pairs, oracle)["accuracy"] == 1.0
