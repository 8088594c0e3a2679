"""Candidate pairs: neighbours across speakers, a speaker's own history, never all n^2 pairs."""
import numpy as np

from claimcheck.pairs import candidate_pairs
from claimcheck.records import Claim


def claim(i, article, speaker, date):
    return Claim(id=f"{article}:{i}-{i + 1}", article_id=article, text=f"claim {i}", kind="reported", start=i,
                 end=i + 1, sentence="", speaker_mention=speaker, speaker_id=speaker, date=date)


def unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_neighbours_cross_articles_and_skip_a_speaker_within_one_article():
    claims = [claim(0, "a1", "pm", "2021-12-29"), claim(1, "a1", "pm", "2021-12-29"),
              claim(2, "a2", "general", "2021-12-10"), claim(3, "a3", "other", "2021-12-01")]
    vecs = np.stack([unit([1, 0.1, 0]), unit([1, 0.12, 0]), unit([1, 0.05, 0]), unit([0, 0, 1])])
    ids = [c.id for c in claims]
    found = candidate_pairs(ids, ids, vecs, {c.id: c for c in claims}, k=3, min_similarity=0.8)
    got = {(c.a, c.b) for c in found}
    assert ("a2:2-3", "a1:0-1") in got          # earlier claim first
    assert ("a1:0-1", "a1:1-2") not in got and ("a1:1-2", "a1:0-1") not in got  # same speaker, same article
    assert not any("a3:3-4" in pair for pair in got)  # dissimilar claim never paired


def test_same_speaker_history_is_paired_with_a_looser_floor():
    claims = [claim(0, "a1", "pm", "2021-01-01"), claim(1, "a2", "pm", "2023-01-01"),
              claim(2, "a3", "x", "2022-01-01"), claim(3, "a4", "y", "2022-01-01")]
    vecs = np.stack([unit([1, 0, 0]), unit([0.78, 0.63, 0]), unit([0.98, 0.2, 0]), unit([0.97, 0.24, 0])])
    ids = [c.id for c in claims]
    found = candidate_pairs(ids[1:2], ids, vecs, {c.id: c for c in claims}, k=1, min_similarity=0.9,
                            same_speaker_floor=0.75)
    assert any(c.origin == "same_speaker" and {c.a, c.b} == {"a1:0-1", "a2:1-2"} for c in found)


def test_pairs_grow_linearly_not_quadratically():
    rng = np.random.default_rng(0)
    n = 600
    vecs = rng.normal(size=(n, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    claims = [claim(i, f"art{i}", f"s{i % 50}", "2021-12-01") for i in range(n)]
    ids = [c.id for c in claims]
    found = candidate_pairs(ids, ids, vecs, {c.id: c for c in claims}, k=5, min_similarity=-1.0)
    assert len(found) <= n * (5 + 6)  # k neighbours + same-speaker history per claim
    assert len(found) < n * (n - 1) / 2 / 10


def _ranked_line(n):
    """n claims by different speakers whose similarity to claim 0 falls with the index."""
    claims = [claim(i, f"art{i}", f"s{i}", "2022-03-01") for i in range(n)]
    vecs = np.stack([unit([1.0, 0.02 * i, 0]) for i in range(n)])
    return claims, [c.id for c in claims], vecs


def test_farther_neighbours_are_candidates_only_when_the_cheap_rule_sees_a_clash():
    claims, ids, vecs = _ranked_line(8)
    clashing = {ids[4], ids[6]}  # ranks 4 and 6 from claim 0; only rank 4 is within wide_k
    found = candidate_pairs(ids[:1], ids, vecs, {c.id: c for c in claims}, k=2, min_similarity=0.5,
                            wide_k=5, admit=lambda a, b: b.id in clashing)
    origin = {c.b if c.a == ids[0] else c.a: c.origin for c in found}
    assert origin == {ids[1]: "neighbours", ids[2]: "neighbours", ids[4]: "contrast"}


def test_without_a_rule_only_the_k_nearest_are_candidates():
    claims, ids, vecs = _ranked_line(8)
    found = candidate_pairs(ids[:1], ids, vecs, {c.id: c for c in claims}, k=2, min_similarity=0.5, wide_k=5)
    assert {c.origin for c in found} == {"neighbours"} and len(found) == 2


def test_the_rule_is_the_judges_cheap_signals():
    from claimcheck.judge import signals_clash

    def said(text, cue="قال"):
        return Claim(id=text, article_id="a", text=text, kind="reported", start=0, end=1, sentence=text,
                     speaker_mention="x", cue=cue, denies=cue == "نفى")

    ended, goes_on = said("انتهى الإضراب في الميناء"), said("الإضراب في الميناء لا يزال مستمراً")
    assert signals_clash(ended, goes_on)
    assert not signals_clash(ended, said("انتهى الإضراب في الميناء صباح اليوم"))  # both say it ended
    assert not signals_clash(said("الإضراب انتهى", cue="نفى"), goes_on)  # a denial of the end agrees
    assert signals_clash(said("The strike at the port is over"), said("The strike at the port continues"))


def _said(i, text, article, speaker):
    return Claim(id=f"{article}:{i}-{i + 1}", article_id=article, text=text, kind="reported", start=i, end=i + 1,
                 sentence=text, speaker_mention=speaker, speaker_id=speaker, date="2022-03-01")


def test_content_terms_strip_clitics_and_function_words_and_join_number_spellings():
    from claimcheck.lexical import terms

    assert terms("وأكد أن القوات ستبقى في قاعدة عين الأسد") == terms("قواته ستبقى بقاعدة عين الاسد")
    assert "2500" in terms("بلاده ستبقي على 2,500 جندي") and "2500" in terms("The US keeps 2500 troops")
    assert terms("إن هذا من ذلك في على") == []


def test_claims_sharing_rare_words_are_paired_even_when_the_embedder_ranks_them_far():
    from claimcheck.lexical import LexicalIndex

    texts = ["الجيش سيبقي 2500 جندي في قاعدة عين الأسد", "الطقس معتدل في المدينة اليوم",
             "الأسعار ارتفعت في الأسواق", "الحكومة أعلنت عطلة رسمية", "المدارس تفتح أبوابها الأحد",
             "لم يبق أي جندي في قاعدة عين الأسد منذ الشهر الماضي"]
    claims = [_said(i, t, f"art{i}", f"s{i}") for i, t in enumerate(texts)]
    ids = [c.id for c in claims]
    # The embedder sees claim 5 as the farthest from claim 0 (last in the similarity ranking).
    vecs = np.stack([unit([1.0, 0.05 * i, 0]) for i in range(len(texts))])
    by_id = {c.id: c for c in claims}
    plain = candidate_pairs(ids[:1], ids, vecs, by_id, k=2, min_similarity=0.0)
    assert not any(ids[5] in (c.a, c.b) for c in plain)
    found = candidate_pairs(ids[:1], ids, vecs, by_id, k=2, min_similarity=0.0,
                            lexical=LexicalIndex(texts), lexical_k=2, lexical_min_shared=2)
    lexical = [c for c in found if c.origin == "lexical"]
    assert [{c.a, c.b} for c in lexical] == [{ids[0], ids[5]}]  # only claim 5 shares two content terms


def test_lexical_pairs_are_capped_per_claim():
    from claimcheck.lexical import LexicalIndex

    texts = [f"ميناء الشمال أغلق أرصفة الحاويات {i}" for i in range(30)]
    claims = [_said(i, t, f"art{i}", f"s{i}") for i, t in enumerate(texts)]
    ids = [c.id for c in claims]
    vecs = np.stack([unit([1.0, 0.1 * i, 0.01 * i * i]) for i in range(30)])
    found = candidate_pairs(ids[:1], ids, vecs, {c.id: c for c in claims}, k=1, min_similarity=0.0,
                            lexical=LexicalIndex(texts), lexical_k=3)
    assert sum(c.origin == "lexical" for c in found) == 3


def test_a_claim_saying_the_opposite_is_paired_at_any_embedding_rank_when_the_rule_agrees():
    claims, ids, vecs = _ranked_line(12)  # claim 11 is the farthest from claim 0
    states = {ids[0]: "ends", ids[11]: "goes on", ids[10]: "goes on"}
    admit = lambda a, b: {a.id, b.id} == {ids[0], ids[11]}  # noqa: E731 - the clash rule sees only this pair
    by_id = {c.id: c for c in claims}
    without = candidate_pairs(ids[:1], ids, vecs, by_id, k=2, min_similarity=0.0, wide_k=4, admit=admit)
    assert not any(ids[11] in (c.a, c.b) for c in without)
    found = candidate_pairs(ids[:1], ids, vecs, by_id, k=2, min_similarity=0.0, wide_k=4, admit=admit,
                            states=states, opposite_k=2)
    contrast = {c.b if c.a == ids[0] else c.a for c in found if c.origin == "contrast"}
    assert contrast == {ids[11]}  # claim 10 says the opposite too, but the rule sees no clash


def test_claim_state_reads_ended_or_goes_on_and_a_denial_flips_it():
    from claimcheck.judge import claim_state

    def said(text, cue="قال"):
        return Claim(id=text, article_id="a", text=text, kind="reported", start=0, end=1, sentence=text,
                     speaker_mention="x", cue=cue, denies=cue == "نفى")

    assert claim_state(said("انتهى الإضراب في الميناء")) == "ends"
    assert claim_state(said("الإضراب في الميناء لا يزال مستمراً")) == "goes on"
    assert claim_state(said("الإضراب انتهى", cue="نفى")) == "goes on"
    assert claim_state(said("ارتفعت أسعار الخبز")) is None


def _one_article_story(n_other_articles):
    """Claim 0 and its rebuttal (by another speaker, same article) sit far apart by embedding:
    many claims from other articles lie closer to claim 0 than the rebuttal does."""
    claims = [claim(0, "report", "government", "2021-12-09"), claim(1, "report", "militia", "2021-12-09"),
              claim(2, "report", "government", "2021-12-09"), claim(3, "report", None, "2021-12-09")]
    vecs = [unit([1.0, 0, 0]), unit([1.0, 0.5, 0]), unit([1.0, 0.01, 0]), unit([1.0, 0.02, 0])]
    for i in range(n_other_articles):
        claims.append(claim(10 + i, f"wire{i}", f"w{i}", "2021-12-09"))
        vecs.append(unit([1.0, 0.03 + 0.01 * i, 0]))
    return claims, [c.id for c in claims], np.stack(vecs)


def test_another_speaker_in_the_same_article_is_paired_at_any_embedding_rank():
    claims, ids, vecs = _one_article_story(12)
    by_id = {c.id: c for c in claims}
    without = candidate_pairs(ids[:1], ids, vecs, by_id, k=3, min_similarity=0.8)
    assert not any({c.a, c.b} == {ids[0], ids[1]} for c in without)  # 15th neighbour: too far
    found = candidate_pairs(ids[:1], ids, vecs, by_id, k=3, min_similarity=0.8, article_k=1)
    rebuttal = [c for c in found if {c.a, c.b} == {ids[0], ids[1]}]
    assert rebuttal and rebuttal[0].origin == "article"
    # the same speaker's other claim and the unattributed sentence are not "the other side"
    assert not any(c.origin == "article" and ids[2] in (c.a, c.b) for c in found)
    assert not any(c.origin == "article" and ids[3] in (c.a, c.b) for c in found)


def test_article_pairs_are_capped_per_claim_and_keep_the_similarity_floor():
    claims = [claim(i, "long-report", f"s{i}", "2021-12-09") for i in range(30)]
    vecs = np.stack([unit([1.0, 0.03 * i, 0]) for i in range(30)])
    ids = [c.id for c in claims]
    by_id = {c.id: c for c in claims}
    found = candidate_pairs(ids[:1], ids, vecs, by_id, k=0, min_similarity=0.8, article_k=4)
    assert {c.b if c.a == ids[0] else c.a for c in found} == set(ids[1:5])  # the 4 closest, no more
    far = candidate_pairs(ids[:1], ids, vecs, by_id, k=0, min_similarity=0.999, article_k=4)
    assert len(far) == 1  # only the neighbour above the floor (cos 0.9996)
