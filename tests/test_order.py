"""Incremental = batch: however articles arrive (in splits, in any order, in overlapping
checks), the store ends with the candidate pairs, flags and scores one check of them all gives."""
import random
import threading
from dataclasses import replace

import pytest

from claimcheck import pipeline
from claimcheck.config import load_settings
from claimcheck.pipeline import check
from claimcheck.store import Store
from tests.conftest import REPO
from tests.fakes import use_fakes

# Seven short stories of one port strike and one factory, with speakers who disagree and one who
# changes position; written for this test.
STORY = {
    "1-union.txt": "قال النقابي خالد عمر إن الإضراب في الميناء مستمر منذ أسبوع. "
                   "وأضاف أن العمال لن يعودوا قبل زيادة الأجور.\n",
    "2-manager.txt": "قال مدير الميناء سالم أحمد إن الإضراب في الميناء انتهى صباح اليوم. "
                     "وأكد أن السفن عادت إلى الرصيف الشمالي.\n",
    "3-minister.txt": "قال وزير النقل فؤاد حسن إن الحكومة لم تتفاوض مع النقابة حول الأجور. "
                      "وأضاف أن الميناء يعمل بكامل طاقته.\n",
    "4-worker.txt": "قال العامل محمد يوسف إن الحكومة تفاوضت مع النقابة حول الأجور ليلة أمس. "
                    "وأضاف أن الإضراب في الميناء مستمر رغم ذلك.\n",
    "5-factory.txt": "قال صاحب المصنع رامي نادر إن المصنع أغلق أبوابه في المدينة. "
                     "وأكد النقابي خالد عمر أن المصنع لم يغلق أبوابه بعد.\n",
    "6-captain.txt": "قال قائد السفينة يوسف كريم إن السفن لم تعد إلى الرصيف الشمالي. "
                     "وأضاف أن الميناء لا يعمل بكامل طاقته.\n",
    # the minister again, by surname only: which claims share his speaker must not depend on order
    "7-minister-again.txt": "قال الوزير حسن إن الحكومة تفاوضت مع النقابة حول الأجور في الميناء.\n",
}


def settings_for(tmp_path, name, **overrides):
    # Few neighbours, so that which claims are stored decides the candidates; the fake
    # embedder's cosines are lower than e5's, so its floors are lower too.
    return load_settings(db=tmp_path / name, cache_dir=tmp_path / "cache", min_similarity=0.2,
                         same_speaker_similarity=0.2, neighbours=2, **overrides)


def write(folder, texts):
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def judged(db) -> dict[str, tuple[str, float]]:
    """What report, review and export read: every current pair's kind and score."""
    with Store(db) as store:
        return {f.id: (f.kind, f.score) for f, _ in store.flags(store.run().id, float("-inf"))}


def speaker_groups(db) -> set[frozenset[str]]:
    """Which claims share a speaker (this decides reversal against contradiction), ids aside."""
    with Store(db) as store:
        groups: dict[str, set[str]] = {}
        for claim in store.claims():
            if claim.speaker_id:
                groups.setdefault(claim.speaker_id, set()).add(claim.id)
    return {frozenset(g) for g in groups.values()}


def test_any_split_and_order_gives_the_flags_and_scores_of_one_check(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    paths = write(tmp_path / "story", STORY)
    once = settings_for(tmp_path, "once.db")
    with Store(once.db) as store:
        check(paths, once, store)
    expected, grouping = judged(once.db), speaker_groups(once.db)
    assert sum(len(group) > 2 for group in grouping) == 2  # two speakers speak in two articles
    assert any(score >= once.threshold for _, score in expected.values())  # the story has flags to compare

    rng = random.Random(19)
    for case in range(6):
        order = rng.sample(paths, len(paths))
        cuts = sorted(rng.sample(range(1, len(paths)), rng.randint(1, 3)))
        parts = [order[i:j] for i, j in zip([0, *cuts], [*cuts, len(paths)])]
        settings = settings_for(tmp_path, f"split-{case}.db")
        with Store(settings.db) as store:
            for part in parts:
                check(part, settings, store)
        assert judged(settings.db) == expected, parts
        assert speaker_groups(settings.db) == grouping, parts


def test_a_pair_pushed_out_by_later_articles_is_no_longer_reported(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    # Embedding neighbours only, one per claim: later, closer claims take the place of the first pair.
    only_nearest = dict(neighbours=1, contrast_neighbours=0, lexical_neighbours=0, opposite_neighbours=0)
    first = write(tmp_path / "first", {
        "closed.txt": "قال صاحب المصنع رامي نادر إن المصنع أغلق أبوابه في المدينة.\n",
        "open.txt": "قال العامل محمد يوسف إن المصنع لم يغلق أبوابه في المدينة.\n"})
    later = write(tmp_path / "later", {
        "echo.txt": "قال المحافظ سمير داود إن المصنع أغلق أبوابه في المدينة أمس. "
                    "وأكد الصحفي وليد منير أن المصنع لم يغلق أبوابه في المدينة أمس.\n"})
    settings = load_settings(db=tmp_path / "x.db", cache_dir=tmp_path / "cache", min_similarity=0.2,
                             same_speaker_similarity=0.2, **only_nearest)
    with Store(settings.db) as store:
        check(first, settings, store)
        (old_pair,) = judged(settings.db)
        check(later, settings, store)
        assert old_pair in store.judged_pair_ids(store.run().id)  # its judgement is kept...
    assert old_pair not in judged(settings.db)  # ...but no longer reported

    batch = load_settings(db=tmp_path / "batch.db", cache_dir=tmp_path / "cache", min_similarity=0.2,
                          same_speaker_similarity=0.2, **only_nearest)
    with Store(batch.db) as store:
        check(first + later, batch, store)
    assert judged(settings.db) == judged(batch.db)


def test_two_overlapping_checks_on_one_store_end_with_the_flags_of_one_check(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    paths = write(tmp_path / "story", STORY)
    once = settings_for(tmp_path, "once.db")
    with Store(once.db) as store:
        check(paths, once, store)

    settings = settings_for(tmp_path, "shared.db")
    first_judging, second_done = threading.Event(), threading.Event()
    real_judge = pipeline.judge_pairs

    def judge_slowly(*args, **kwargs):
        # The first check, while judging, lets the second one run (it may finish, or wait for its turn).
        if threading.current_thread().name == "first" and not first_judging.is_set():
            first_judging.set()
            second_done.wait(timeout=2)
        return real_judge(*args, **kwargs)

    monkeypatch.setattr(pipeline, "judge_pairs", judge_slowly)
    errors = []

    def run(part, after=None):
        try:
            if after is not None:
                after.wait(timeout=10)
            with Store(settings.db) as store:
                check(part, settings, store)
        except Exception as exc:  # surfaced below: a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            if after is not None:
                second_done.set()

    threads = [threading.Thread(target=run, args=(paths[:3],), name="first"),
               threading.Thread(target=run, args=(paths[2:], first_judging), name="second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and not any(t.is_alive() for t in threads)
    assert judged(settings.db) == judged(once.db)


@pytest.mark.slow
def test_the_seeds_checked_as_two_then_three_give_the_flags_of_one_check(tmp_path, settings):
    """The real seeds with the real models: the split that lost flags before pairing covered the store."""
    seeds = sorted(str(p) for p in (REPO / "seeds").glob("*.txt"))
    once, split = replace(settings, db=tmp_path / "once.db"), replace(settings, db=tmp_path / "split.db")
    with Store(once.db) as store:
        check(seeds, once, store)
    with Store(split.db) as store:
        check(seeds[3:], split, store)
        check(seeds[:3], split, store)
    expected, got = judged(once.db), judged(split.db)
    assert got.keys() == expected.keys()
    # batches of other pairs pad differently: the model's floats may move in the last digits
    assert all(got[i][0] == kind and got[i][1] == pytest.approx(score, abs=1e-3) for i, (kind, score) in expected.items())


def test_which_seed_claims_share_a_speaker_does_not_depend_on_the_order_of_the_articles():
    """Speaker resolution over the real seeds (no models): a bare role settled on the person
    the next statement names must not depend on what other articles said of that person."""
    from claimcheck.extract import extract_claims
    from claimcheck.extract.speakers import resolve_speakers
    from claimcheck.ingest import iter_inputs

    articles = list(iter_inputs(sorted(str(p) for p in (REPO / "seeds").glob("*.txt")), 20_000_000))
    extracted = [extract_claims(a) for a in articles]

    def grouping(order):
        known, groups = [], {}
        for i in order:
            claims, known = resolve_speakers(extracted[i], known)
            for c in claims:
                if c.speaker_id:
                    groups.setdefault(c.speaker_id, set()).add(c.id)
        return {frozenset(g) for g in groups.values()}

    once = grouping(range(len(articles)))
    rng = random.Random(19)
    for _ in range(4):
        order = rng.sample(range(len(articles)), len(articles))
        assert grouping(order) == once, order
    assert grouping([3, 4, 0, 1, 2]) == once  # the two-then-three split that once split a speaker
