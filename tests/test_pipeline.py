"""`check` as a fact-checker runs it: resumable, no repeated work, bad input reported, store intact."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from claimcheck.config import load_settings
from claimcheck.pipeline import check
from claimcheck.store import Store
from tests.fakes import use_fakes

ARTICLE_A = ("قال وزير الدفاع أحمد سالم إن القوات الأجنبية غادرت البلاد بالكامل. "
             "وأضاف أن الحكومة ستعلن الخطة الجديدة الأسبوع المقبل.\n")
ARTICLE_B = ("قال القائد العسكري جون سميث إن القوات الأجنبية لم تغادر البلاد بالكامل. "
             "وأكد أن الحكومة ستعلن الخطة الجديدة الأسبوع المقبل.\n")
ARTICLE_C = "قال المتحدث باسم الوزارة علي حسن إن القوات الأجنبية لن تغادر البلاد قبل نهاية العام.\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def settings_for(tmp_path, name="store.db"):
    # The fake embedder's cosines are lower than e5's, so its floor is lower too.
    return load_settings(db=tmp_path / name, cache_dir=tmp_path / "cache", min_similarity=0.2,
                         same_speaker_similarity=0.2)


def test_rerun_does_no_work_twice_and_new_articles_meet_stored_ones(tmp_path, corpus, monkeypatch):
    nli = use_fakes(monkeypatch)
    settings = settings_for(tmp_path)
    with Store(settings.db) as store:
        first = check([str(corpus)], settings, store)
        assert len(first.added) == 2 and first.claims_added >= 4 and first.pairs_judged > 0
        calls = nli.calls
        again = check([str(corpus)], settings, store)
        assert again.added == [] and len(again.unchanged) == 2
        assert again.pairs_judged == 0 and nli.calls == calls  # nothing judged twice

        (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
        third = check([str(corpus)], settings, store)
        assert [a.source for a in third.added] == [str(corpus / "c.txt")]
        new_ids = {c.id for c in store.claims() if c.article_id == third.added[0].id}
        judged = store.flags(store.run().id, 0.0)
        assert any(f.a in new_ids or f.b in new_ids for f, _ in judged)  # compared against stored claims


def test_an_updated_story_under_the_same_publisher_id_is_kept_beside_the_original(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    settings = settings_for(tmp_path)
    feed = tmp_path / "feed.jsonl"
    with Store(settings.db) as store:
        feed.write_text(json.dumps({"id": "story-17", "text": ARTICLE_A}, ensure_ascii=False) + "\n", encoding="utf-8")
        check([str(feed)], settings, store)
        feed.write_text(json.dumps({"id": "story-17", "text": ARTICLE_A + ARTICLE_C}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        updated = check([str(feed)], settings, store)
        [article] = updated.added
        assert article.id.startswith("story-17@") and not updated.errors
        assert sorted(a.id for a in store.articles()) == ["story-17", article.id]  # the earlier version stays
        assert any("قبل نهاية العام" in c.text for c in store.claims() if c.article_id == article.id)


def test_bad_inputs_are_reported_by_name_and_the_rest_completes(tmp_path, corpus, monkeypatch):
    use_fakes(monkeypatch)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (bad / "latin1.txt").write_bytes("caf\xe9 na\xefve r\xe9sum\xe9".encode("latin-1"))
    (bad / "unbalanced.txt").write_text('قال الوزير: "إن القوات غادرت البلاد. وأضاف أن الخطة جاهزة.\n',
                                        encoding="utf-8")
    huge = bad / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB of NULs: too big and binary
    settings = settings_for(tmp_path)
    with Store(settings.db) as store:
        result = check([str(corpus), str(bad)], settings, store)
        failed = {os.path.basename(e.source) for e in result.errors}
        assert {"empty.txt", "binary.txt", "latin1.txt", "huge.txt"} <= failed
        for error in result.errors:
            line = str(error)
            assert "\n" not in line and os.path.basename(error.source) in line
        added = {os.path.basename(a.source) for a in result.added}
        assert {"a.txt", "b.txt", "unbalanced.txt"} <= added  # broken quotes still read, not fatal
        assert len(store.articles()) == 3


def test_interrupted_run_leaves_store_consistent_and_next_run_completes(tmp_path, corpus, monkeypatch):
    use_fakes(monkeypatch)
    settings = settings_for(tmp_path)
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    from claimcheck import pipeline

    real_judge = pipeline.judge_pairs
    calls = {"n": 0}

    def judge_then_die(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyboardInterrupt  # killed between two judging transactions
        return real_judge(*args, **kwargs)

    monkeypatch.setattr(pipeline, "PAIRS_PER_CHUNK", 2)
    monkeypatch.setattr(pipeline, "PAIRS_PER_BATCH", 2)
    monkeypatch.setattr(pipeline, "judge_pairs", judge_then_die)
    with Store(settings.db) as store:
        with pytest.raises(KeyboardInterrupt):
            check([str(corpus)], settings, store)
        partial = store.judged_pair_ids(store.run().id)
        assert len(store.articles()) == 3 and len(partial) == 2
    monkeypatch.setattr(pipeline, "judge_pairs", real_judge)
    with Store(settings.db) as store:
        resumed = check([str(corpus)], settings, store)
        assert resumed.added == [] and resumed.pairs_judged == store.pair_count(store.run().id) - len(partial)
        assert partial < store.current_pair_ids(store.run().id)

    fresh = settings_for(tmp_path, "fresh.db")
    with Store(fresh.db) as store, Store(settings.db) as resumed_store:
        check([str(corpus)], fresh, store)
        assert store.current_pair_ids(store.run().id) == resumed_store.current_pair_ids(resumed_store.run().id)


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_completes(tmp_path, corpus):
    """A real process killed while judging: the next run finishes the work (real models)."""
    pytest.importorskip("torch")
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "claimcheck", "check", str(corpus), "--db", str(db), "--quiet", "-f", "json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            with Store(db) as store:
                if store.articles():
                    break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store:  # opens cleanly: no half-written rows
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    with Store(db) as store:
        assert len(store.articles()) == 2 and store.paired_claims(store.run().id) == store.claim_count()
    assert json.loads(done.stdout)["stats"]["articles"] == 2


def test_stdin_article_is_checked_against_stored_ones(tmp_path, corpus, monkeypatch):
    import io

    use_fakes(monkeypatch)
    settings = settings_for(tmp_path)
    with Store(settings.db) as store:
        check([str(corpus)], settings, store)
        result = check(["-"], settings, store, stdin=io.StringIO(ARTICLE_C))
        assert len(result.added) == 1 and result.added[0].source == "-"
        assert result.claims_added >= 1 and result.pairs_judged > 0


STRIKE_STORY = {
    "ended.txt": "قال المدير سالم أحمد إن الإضراب في الميناء انتهى.\n",
    "ended-too.txt": "قال المهندس علي حسن إن الإضراب في الميناء انتهى صباح الأحد.\n",
    "goes-on.txt": "قال النقابي خالد عمر إن الإضراب لا يزال مستمراً في الميناء منذ أسبوع.\n",
    "goes-on-too.txt": "قال العامل محمد يوسف إن الإضراب لا يزال مستمراً في الميناء منذ أسبوع كامل.\n",
}


@pytest.mark.parametrize("contrast_neighbours, opposite_neighbours, lexical_neighbours, found",
                         [(0, 0, 0, False), (3, 0, 0, True), (0, 3, 0, True), (0, 0, 3, True)])
def test_a_clash_beyond_the_nearest_neighbours_is_still_judged(tmp_path, monkeypatch, contrast_neighbours,
                                                               opposite_neighbours, lexical_neighbours, found):
    """Each side's nearest neighbour agrees with it; 'ended' vs 'goes on' sits farther away."""
    use_fakes(monkeypatch)
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in STRIKE_STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = load_settings(db=tmp_path / "s.db", cache_dir=tmp_path / "cache", min_similarity=0.2,
                             same_speaker_similarity=0.2, neighbours=1, contrast_neighbours=contrast_neighbours,
                             opposite_neighbours=opposite_neighbours, lexical_neighbours=lexical_neighbours)
    with Store(settings.db) as store:
        check([str(folder)], settings, store)
        text = {c.id: c.text for c in store.claims()}
        judged = {(text[f.a], text[f.b]) for f, _ in store.flags(store.run().id, 0.0)}
    crossing = [p for p in judged if ("انتهى" in p[0]) != ("انتهى" in p[1])]
    assert len(judged) >= 2 and bool(crossing) is found  # the agreeing nearest pairs are judged either way


def test_the_judging_bar_counts_pairs_not_claims(tmp_path, corpus, monkeypatch):
    """Judging is the slow stage and its unit is the pair: the bar's total is the number of
    pairs judged, and it moves while a chunk of claims is still being judged."""
    from claimcheck import pipeline

    use_fakes(monkeypatch)
    monkeypatch.setattr(pipeline, "PAIRS_PER_BATCH", 1)
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    bars: dict[str, list] = {}

    def progress(stage, total):
        bars[stage] = [total, 0, 0]

        def advance(n):
            bars[stage][1] += n
            bars[stage][2] += 1
        return advance

    settings = settings_for(tmp_path)
    with Store(settings.db) as store:
        result = check([str(corpus)], settings, store, progress=progress)
    total, done, steps = bars["judge pairs"]
    assert result.pairs_judged > 1 and total == done == result.pairs_judged
    assert steps == result.pairs_judged  # one step per pair here, though all claims fit in one chunk
