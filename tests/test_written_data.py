"""The written claim pairs keep their promises: test sets never leak into training or
validation, and no written pair touches the seeds' domain (which would make the seed pairs an
unfair test)."""
import json
from pathlib import Path

import pytest

from scripts.split_translations import SEED_DOMAIN  # one definition: the split drops what this test forbids

ROOT = Path(__file__).resolve().parent.parent
TRAIN_FILES = sorted((ROOT / "scripts" / "data").glob("*.jsonl"))
TEST_FILES = sorted((ROOT / "tests" / "data").glob("written_pairs_test*.jsonl"))
LABELS = {"entailment", "neutral", "contradiction"}


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sentences(paths) -> set[str]:
    return {r[k].strip() for p in paths for r in rows(p) for k in ("premise", "hypothesis")}


@pytest.mark.parametrize("path", TRAIN_FILES + TEST_FILES, ids=lambda p: p.name)
def test_written_file_is_well_formed(path):
    data = rows(path)
    assert data, f"{path.name} is empty"
    for r in data:
        assert r["label"] in LABELS and r["premise"].strip() and r["hypothesis"].strip(), r
    assert len({(r["premise"], r["hypothesis"]) for r in data}) == len(data), "duplicate pairs"


def test_test_sentences_never_appear_in_training_or_validation():
    assert TEST_FILES and TRAIN_FILES
    shared = sentences(TEST_FILES) & sentences(TRAIN_FILES)
    assert not shared, sorted(shared)[:5]


@pytest.mark.parametrize("path", TRAIN_FILES + TEST_FILES, ids=lambda p: p.name)
def test_no_written_pair_is_about_the_seed_domain(path):
    hits = [s for r in rows(path) for s in (r["premise"], r["hypothesis"]) if SEED_DOMAIN.search(s)]
    assert not hits, hits[:5]
