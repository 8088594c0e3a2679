"""Grouping pair judgements into disputes, on small hand-made judgement sets (no model)."""
from __future__ import annotations

from claimcheck.disputes import build_disputes, latest_placements
from claimcheck.records import Claim, DisputeVerdict, Flag, Verdict
from claimcheck.store import Store

THRESHOLD = 0.5


def claim(cid: str, speaker: str | None, date: str = "2024-01-01") -> Claim:
    return Claim(id=cid, article_id=f"art-{cid}", text=f"statement {cid}", kind="direct", start=0, end=10,
                 sentence=f"statement {cid}.", speaker_mention=speaker, speaker_id=speaker, date=date)


def contradiction(a: str, b: str, score: float) -> tuple[Flag, None]:
    p = {"entailment": 0.02, "neutral": round(0.98 - score, 3), "contradiction": score}
    return Flag(id=f"{a}|{b}", kind="contradiction", score=score, a=a, b=b, nli_ab=p, nli_ba=p), None


def agreement(a: str, b: str, entail: float = 0.9) -> tuple[Flag, None]:
    p = {"entailment": entail, "neutral": round(1 - entail - 0.02, 3), "contradiction": 0.02}
    return Flag(id=f"{a}|{b}", kind="contradiction", score=0.05, a=a, b=b, nli_ab=p, nli_ba=p), None


def neutral(a: str, b: str) -> tuple[Flag, None]:
    p = {"entailment": 0.3, "neutral": 0.6, "contradiction": 0.1}
    return Flag(id=f"{a}|{b}", kind="contradiction", score=0.1, a=a, b=b, nli_ab=p, nli_ba=p), None


def by_id(*claims: Claim) -> dict[str, Claim]:
    return {c.id: c for c in claims}


def sides(dispute) -> list[set[str]]:
    return [set(s.claims) for s in dispute.sides]


# Two camps: "yes" (y1 by Ali, y2 by Ben, y3 by Cem) and "no" (n1 by Dan, n2 by Eve).
CAMPS = by_id(claim("y1", "ali", "2024-01-02"), claim("y2", "ben", "2024-01-05"), claim("y3", "cem", "2024-01-01"),
              claim("n1", "dan", "2024-01-03"), claim("n2", "eve"))
CAMP_JUDGEMENTS = [
    contradiction("y1", "n1", 0.9), contradiction("y2", "n1", 0.8), contradiction("y1", "n2", 0.7),
    agreement("y1", "y2"), agreement("y2", "y3"), agreement("n1", "n2"), neutral("y3", "n2"),
]


def test_two_camps_split_into_one_dispute_with_two_sides():
    [dispute] = build_disputes(CAMP_JUDGEMENTS, CAMPS, THRESHOLD)
    assert sorted(map(sorted, sides(dispute))) == [["n1", "n2"], ["y1", "y2", "y3"]]
    assert dispute.kind == "dispute"
    assert set(dispute.evidence) == {"y1|n1", "y2|n1", "y1|n2"}
    assert dispute.evidence[0] == "y1|n1"  # strongest first
    assert set(dispute.agreements) == {"y1|y2", "y2|y3", "n1|n2"}
    # The proposition is the claim with the most satisfied weight (n1: 0.9 + 0.8 + agreement 0.9),
    # and its side comes first.
    assert dispute.proposition == "n1" and set(dispute.sides[0].claims) == {"n1", "n2"}
    assert dispute.speakers == 5
    # Sides list claims earliest first (undated last), with their speakers in that order.
    assert dispute.sides[1].claims == ("y3", "y1", "y2")
    assert dispute.sides[1].speakers == ("cem", "ali", "ben")


def test_agreement_outvotes_a_lone_contradiction_inside_a_side():
    # a, b, c all agree with each other; the NLI also flags a|b. d contradicts a and c.
    claims = by_id(claim("a", "ali"), claim("b", "ben"), claim("c", "cem"), claim("d", "dan"))
    judgements = [agreement("a", "c"), agreement("b", "c"), agreement("a", "b", 0.85),
                  contradiction("a", "b", 0.6), contradiction("a", "d", 0.9), contradiction("c", "d", 0.8)]
    # a|b is both judged agreeing and contradicting; store only its flag (the pair is judged once).
    judgements = [j for j in judgements if j[0].id != "a|b" or j[0].score > 0.5]
    [dispute] = build_disputes(judgements, claims, THRESHOLD)
    assert {"a", "b", "c"} in sides(dispute)
    assert "a|b" in dispute.outvoted and "a|b" not in dispute.evidence
    assert {"d"} in sides(dispute)


def test_a_lone_contradiction_without_agreement_is_a_dispute_of_its_own():
    claims = by_id(claim("a", "ali"), claim("b", "ben"), claim("x", "xia"), claim("y", "yan"))
    judgements = [contradiction("a", "b", 0.9), contradiction("x", "y", 0.6), neutral("b", "x")]
    disputes = build_disputes(judgements, claims, THRESHOLD)
    assert [sorted(map(sorted, sides(d))) for d in disputes] == [[["a"], ["b"]], [["x"], ["y"]]]


def test_dated_reversal_keeps_one_speaker_on_both_sides():
    claims = by_id(claim("old", "ali", "2024-01-01"), claim("new", "ali", "2024-03-01"),
                   claim("other", "ben", "2024-02-01"))
    judgements = [contradiction("old", "new", 0.9), agreement("new", "other")]
    [dispute] = build_disputes(judgements, claims, THRESHOLD)
    assert dispute.kind == "reversal" and dispute.reversed_by == ("ali",)
    assert sorted(map(sorted, sides(dispute))) == [["new", "other"], ["old"]]


def test_undated_same_speaker_on_both_sides_drops_the_weaker_claim():
    # Ali's a1 contradicts Ben strongly; Ali's a2 (same day) only weakly contradicts a1's camp.
    claims = by_id(claim("a1", "ali"), claim("a2", "ali"), claim("b", "ben"), claim("c", "cem"))
    judgements = [contradiction("a1", "b", 0.95), agreement("b", "c"), contradiction("a1", "c", 0.9),
                  contradiction("a2", "a1", 0.55)]
    disputes = build_disputes(judgements, claims, THRESHOLD)
    for d in disputes:
        assert not set(d.sides[0].speakers) & set(d.sides[1].speakers), d
    [dispute] = disputes
    assert sorted(map(sorted, sides(dispute))) == [["a1"], ["b", "c"]]


def test_unnamed_speakers_are_not_one_person():
    from claimcheck.records import Speaker

    claims = by_id(claim("s1", "source"), claim("s2", "source"))
    judgements = [contradiction("s1", "s2", 0.9)]
    anonymous = [Speaker(id="source", name="a source", kind="unnamed")]
    [dispute] = build_disputes(judgements, claims, THRESHOLD, speakers=anonymous)
    assert dispute.kind == "dispute" and dispute.speakers == 2
    assert build_disputes(judgements, claims, THRESHOLD) == []  # one named speaker, same day: no dispute


def test_ids_are_stable_and_independent_of_judgement_order():
    first = build_disputes(CAMP_JUDGEMENTS, CAMPS, THRESHOLD)
    again = build_disputes(list(reversed(CAMP_JUDGEMENTS)), dict(reversed(list(CAMPS.items()))), THRESHOLD)
    assert [d.id for d in first] == [d.id for d in again]
    assert first == again
    assert first[0].id.startswith("d") and len(first[0].id) == 13


def test_ranking_by_strength_counts_independent_speaker_pairs():
    claims = by_id(claim("a", "ali"), claim("b", "ben"), claim("c", "cem"), claim("d", "dan"), claim("e", "eve"),
                   claim("a2", "ali", "2024-01-01"), claim("b2", "ben", "2024-01-01"))
    # One strong single pair vs a dispute of three speaker pairs; repeated pairs of the same two
    # speakers (a2|b2 beside a|b) add nothing.
    judgements = [contradiction("a", "b", 0.99), contradiction("a2", "b2", 0.98), agreement("a", "a2"),
                  agreement("b", "b2"),
                  contradiction("c", "d", 0.7), contradiction("c", "e", 0.7), agreement("d", "e"),
                  ]
    disputes = build_disputes(judgements, claims, THRESHOLD)
    strengths = [d.strength for d in disputes]
    assert strengths == sorted(strengths, reverse=True)
    assert {"c"} in sides(disputes[0])  # 0.7 + 0.7 beats 0.99 (the a2|b2 repeat does not count)
    assert disputes[1].strength == 0.99


def test_reviewer_verdicts_on_pairs_change_the_graph():
    rejected = Verdict(flag_id="y1|n1", verdict="rejected", reviewer="mona", at="2024-01-01T00:00:00Z")
    judgements = [(f, rejected if f.id == "y1|n1" else v) for f, v in CAMP_JUDGEMENTS]
    [dispute] = build_disputes(judgements, CAMPS, THRESHOLD)
    assert "y1|n1" not in dispute.evidence


def test_moves_and_verdicts_persist_per_reviewer_in_the_store(tmp_path):
    [dispute] = build_disputes(CAMP_JUDGEMENTS, CAMPS, THRESHOLD)
    with Store(tmp_path / "s.db") as store:
        store.add_dispute_verdict(DisputeVerdict(dispute_id=dispute.id, reviewer="mona", at="", verdict="confirmed"))
        store.add_dispute_verdict(DisputeVerdict(dispute_id=dispute.id, reviewer="omar", at="", claim="y3", side=None))
        store.add_dispute_verdict(DisputeVerdict(dispute_id=dispute.id, reviewer="omar", at="", claim="n2", side=1))
    with Store(tmp_path / "s.db") as store:  # reopened: nothing lost
        stored = store.dispute_verdicts(dispute.id)
    assert [(v.reviewer, v.verdict, v.claim, v.side) for v in stored] == [
        ("mona", "confirmed", None, None), ("omar", None, "y3", None), ("omar", None, "n2", 1)]
    assert all(v.at for v in stored)
    [moved] = build_disputes(CAMP_JUDGEMENTS, CAMPS, THRESHOLD, placements=latest_placements(stored))
    assert moved.id == dispute.id  # the id survives the reviewer's moves
    assert "y3" not in moved.sides[0].claims + moved.sides[1].claims
    assert "n2" in moved.sides[1].claims and moved.sides[0].claims == ("n1",)
    assert "y1|n2" not in moved.evidence  # y1 and n2 now stand on one side


def test_a_story_too_big_for_one_dispute_splits_into_its_questions():
    # Two questions of one story, each five claims against four, joined by one weak flag: one
    # component of 18 claims, read as two disputes.
    claims, judgements = {}, []
    for q in ("p", "q"):
        yes = [claim(f"{q}y{i}", f"{q}-yes-{i}") for i in range(5)]
        no = [claim(f"{q}n{i}", f"{q}-no-{i}") for i in range(4)]
        claims.update(by_id(*yes, *no))
        judgements += [contradiction(y.id, n.id, 0.8) for y in yes for n in no]
        judgements += [agreement(a.id, b.id) for group in (yes, no) for a, b in zip(group, group[1:])]
    judgements.append(contradiction("py0", "qy0", 0.55))
    disputes = build_disputes(judgements, claims, THRESHOLD)
    assert len(disputes) == 2
    for d in disputes:
        members = {c for s in d.sides for c in s.claims}
        assert len({c[0] for c in members}) == 1  # every claim of one question
        assert sorted(len(s.claims) for s in d.sides) == [4, 5]


def test_same_speaker_at_two_dates_without_contradicting_themself_is_no_reversal():
    # Ali's two claims sit on opposite sides only through Ben: no flag between Ali's own claims.
    claims = by_id(claim("a1", "ali", "2024-01-01"), claim("a2", "ali", "2024-03-01"), claim("b", "ben"))
    judgements = [contradiction("a1", "b", 0.9), agreement("b", "a2", 0.85)]
    disputes = build_disputes(judgements, claims, THRESHOLD)
    assert [d.kind for d in disputes] == ["dispute"]
    assert sorted(map(sorted, sides(disputes[0]))) == [["a1"], ["b"]]  # a2, the weaker, left


def test_the_report_groups_sides_by_the_same_speaker_keys_as_the_disputes():
    from claimcheck.records import Article, Speaker
    from claimcheck.report.build import claim_view, dispute_view

    source = Speaker(id="source", name="observers", kind="unnamed")
    claims = by_id(claim("s1", "source"), claim("s2", "source"), claim("s3", "ali"))
    judgements = [contradiction("s1", "s2", 0.9), contradiction("s3", "s2", 0.8), agreement("s1", "s3")]
    [dispute] = build_disputes(judgements, claims, THRESHOLD, speakers=[source])
    article = Article(id="art", text="", source="-", sha256="0")
    view = dispute_view(dispute, lambda c: claim_view(claims[c], article, source if c != "s3" else None),
                        {"source": "observers"}, [])
    keys = [{s["id"] for s in side["speakers"]} for side in view["sides"]]
    assert keys == [set(side.speakers) for side in dispute.sides]
    assert not keys[0] & keys[1] and dispute.kind == "dispute"


def test_answers_follow_a_dispute_whose_members_grow(tmp_path):
    from claimcheck.disputes import from_store
    from review_fixtures import RUN_ID, build_store

    store, _, claims = build_store(tmp_path / "grow.db")
    first = from_store(store, RUN_ID, THRESHOLD)[0][0]
    members = tuple(c for s in first.sides for c in s.claims)
    store.add_dispute_verdict(DisputeVerdict(dispute_id=first.id, reviewer="mona", at="", verdict="confirmed",
                                             members=members))
    moved = first.sides[1].claims[-1]
    store.add_dispute_verdict(DisputeVerdict(dispute_id=first.id, reviewer="mona", at="", claim=moved, side=None,
                                             members=members))
    # A later judgement: another claim agrees with the proposition, so the dispute gains a member
    # and, its members changed, a new id.
    newcomer = next(c for c in claims if c.id not in members and c.speaker_id != claims[0].speaker_id)
    flag, _ = agreement(first.proposition, newcomer.id)
    store.put_judgements(RUN_ID, [(flag, "neighbours", 0.9)], current=True)
    disputes, _, verdicts = from_store(store, RUN_ID, THRESHOLD)
    grown = next(d for d in disputes if first.proposition in d.sides[0].claims)
    assert grown.id != first.id and newcomer.id in grown.sides[0].claims
    assert moved not in grown.sides[0].claims + grown.sides[1].claims  # the move still applies
    assert [(v.dispute_id, v.verdict) for v in verdicts if v.verdict] == [(grown.id, "confirmed")]
