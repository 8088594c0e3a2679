"""How the judge turns NLI probabilities and signals into flags a fact-checker can act on."""
import numpy as np

from claimcheck.config import load_settings
from claimcheck.judge import Calibration, judge_pairs, load_calibration
from claimcheck.records import Candidate, Claim, Speaker

SPEAKERS = {"pm": Speaker("pm", "رئيس الوزراء"), "gen": Speaker("gen", "الجنرال")}


def claim(cid, text, speaker, date):
    return Claim(id=cid, article_id=cid.split(":")[0], text=text, kind="reported", start=0, end=len(text),
                 sentence=text, speaker_mention=speaker, speaker_id=speaker, date=date)


def contradicts(pairs):
    return np.tile(np.array([[0.05, 0.15, 0.80]], dtype=np.float32), (len(pairs), 1))


def judge(a, b, predict=contradicts, calibration=None):
    claims = {a.id: a, b.id: b}
    return judge_pairs([Candidate(a.id, b.id, 0.9)], claims, SPEAKERS, predict, load_settings(), calibration)[0]


def test_two_speakers_disagreeing_is_a_contradiction_with_evidence():
    a = claim("x:0-1", "ستبقى الولايات المتحدة على 2500 جندي", "gen", "2021-12-10")
    b = claim("y:0-1", "تم استكمال خروج كل قواته", "pm", "2021-12-29")
    flag = judge(a, b)
    assert flag.kind == "contradiction" and flag.score > 0.8
    assert flag.signals.numeric.clash and "numbers: " + flag.signals.numeric.summary() in flag.reason
    assert flag.nli_ab["contradiction"] == 0.8 and flag.nli_ba["contradiction"] == 0.8
    assert "رئيس الوزراء" in flag.reason and "الجنرال" in flag.reason


def test_the_same_speaker_changing_position_is_a_reversal_even_years_apart():
    a = claim("x:0-1", "لا توجد قوات قتالية", "pm", "2021-12-29")
    b = claim("y:0-1", "ستبدأ المفاوضات لانسحاب القوات القتالية", "pm", "2024-01-31")
    flag = judge(a, b)
    assert flag.kind == "reversal" and flag.score > 0.5
    assert "reverses" in flag.reason and "2021-12-29" in flag.reason and "2024-01-31" in flag.reason
    assert "not reported" not in flag.reason


def test_different_speakers_about_clearly_different_periods_are_not_reported():
    a = claim("x:0-1", "لا توجد قوات قتالية", "gen", "2021-12-29")
    b = claim("y:0-1", "القوات القتالية موجودة", "pm", "2024-01-31")
    flag = judge(a, b)
    assert flag.score == 0.0 and flag.signals.time.same_period is False
    assert "different periods" in flag.reason


def test_calibration_maps_both_directions_to_one_score():
    cal = Calibration(weight_ab=1.0, weight_ba=1.0, bias=-1.0)
    a = claim("x:0-1", "ارتفعت الأسعار", "gen", "2021-12-29")
    b = claim("y:0-1", "انخفضت الأسعار", "pm", "2021-12-29")
    sure = judge(a, b, calibration=cal).score
    unsure = judge(a, b, predict=lambda p: np.tile(np.array([[0.3, 0.4, 0.3]], dtype=np.float32), (len(p), 1)),
                   calibration=cal).score
    assert sure > 0.85 and unsure < 0.1  # sigmoid(2*logit(0.8) - 1), sigmoid(2*logit(0.3) - 1)


def test_a_reported_demand_against_a_fact_scores_lower_and_says_why():
    cal = Calibration(weight_ab=1.0, weight_ba=1.0, bias=-1.0, weights={"attitude_mismatch": -1.5})
    fact = claim("x:0-1", "أُغلق المنجم نهائياً", "gen", "2021-12-29")
    opposite = claim("y:0-1", "لا يزال المنجم يعمل", "pm", "2021-12-29")
    demand = claim("y:0-1", "تطالب النقابة بإعادة فتح المنجم", "pm", "2021-12-29")
    plain, attitude = judge(fact, opposite, calibration=cal), judge(fact, demand, calibration=cal)
    assert plain.signals.attitude is None and "attitude" not in plain.reason
    assert attitude.signals.attitude.to_dict() == {"a": None, "b": "تطالب", "mismatch": True}
    assert attitude.score < plain.score - 0.2  # same NLI probabilities, lower score
    assert "attitude: B reports an attitude ('تطالب'); A states a fact, which lowers the score" in attitude.reason
    uncalibrated = judge(fact, demand)  # no fitted weight: the signal is shown but changes nothing
    assert uncalibrated.score == judge(fact, opposite).score and "lowers" not in uncalibrated.reason


def test_a_calibration_file_from_before_the_signal_features_still_loads(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text('{"weight_ab": 0.3, "weight_ba": 0.2, "bias": -0.1}')
    cal = load_calibration(path)
    assert cal.weights == {}
    assert cal.score(0.8, 0.8, frozenset({"attitude_mismatch"})) == cal.score(0.8, 0.8)
    path.write_text('{"weight_ab": 0.3, "weight_ba": 0.2, "bias": -0.1, "weight_attitude": -0.5}')
    assert load_calibration(path).weights == {"attitude_mismatch": -0.5}


def test_a_calibration_file_naming_a_feature_this_version_lacks_still_loads(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text('{"weight_ab": 0.3, "weight_ba": 0.2, "bias": -0.1, '
                    '"weights": {"continuation_opposed": 0.7, "from_a_newer_version": 9}}')
    assert load_calibration(path).weights == {"continuation_opposed": 0.7}


def half_sure(pairs):
    return np.tile(np.array([[0.2, 0.3, 0.5]], dtype=np.float32), (len(pairs), 1))


CONTINUATION_CAL = Calibration(weight_ab=1.0, weight_ba=1.0, bias=-1.0,
                               weights={"continuation_opposed": 1.0, "continuation_agreed": -2.0})


def test_one_side_ending_what_the_other_continues_scores_higher_and_says_why():
    ended = claim("x:0-1", "أُغلق المنجم نهائياً الشهر الماضي", "gen", "2021-12-29")
    goes_on = claim("y:0-1", "لا يزال المنجم يعمل بكامل طاقته", "pm", "2021-12-29")
    unrelated_verb = claim("y:0-1", "يعمل المنجم بكامل طاقته", "pm", "2021-12-29")
    opposed = judge(ended, goes_on, predict=half_sure, calibration=CONTINUATION_CAL)
    assert opposed.signals.continuation.to_dict() == {"a": {"says": "ends", "word": "أغلق", "denied": False},
                                               "b": {"says": "goes on", "word": "لا يزال", "denied": False},
                                               "relation": "opposed"}
    assert opposed.score > judge(ended, unrelated_verb, predict=half_sure, calibration=CONTINUATION_CAL).score + 0.2
    assert ("ends or goes on: A says it ends ('أغلق'); B says it goes on ('لا يزال') — opposed, which raises the score"
            in opposed.reason)


def test_two_sides_both_saying_it_ended_score_lower_and_say_why():
    ended = claim("x:0-1", "انتهى موسم الصيد رسمياً", "gen", "2021-12-29")
    left = claim("y:0-1", "غادرت جميع سفن الصيد الميناء", "pm", "2021-12-29")
    flag = judge(ended, left, calibration=CONTINUATION_CAL)
    assert flag.signals.continuation.relation == "agreed"
    assert flag.score < judge(ended, left).score  # the model's 0.8 both ways, lowered by the fitted weight
    assert "A says it ends ('انتهى'); B says it ends ('غادرت') — agreed, which lowers the score" in flag.reason


def test_a_denial_counts_as_the_opposite_of_what_it_denies():
    left = claim("x:0-1", "غادرت جميع سفن الصيد الميناء", "gen", "2021-12-29")
    denied = Claim(id="y:0-1", article_id="y", text="سفن الصيد غادرت الميناء", kind="reported", start=0, end=10,
                   sentence="ونفى الوزير أن سفن الصيد غادرت الميناء", speaker_mention="pm", speaker_id="pm",
                   cue="نفى", denies=True, date="2021-12-29")
    flag = judge(left, denied, calibration=CONTINUATION_CAL)
    assert flag.signals.continuation.relation == "opposed"
    assert flag.signals.continuation.to_dict()["b"] == {"says": "goes on", "word": "غادرت", "denied": True}
    assert "B says it goes on (denies 'غادرت')" in flag.reason


def test_an_undated_side_leaves_the_period_unknown_without_suppressing_or_reversing():
    undated = claim("x:0-1", "لا توجد قوات قتالية", "gen", None)
    other = claim("y:0-1", "القوات القتالية موجودة", "pm", "2024-01-31")
    flag = judge(undated, other)
    assert flag.signals.time.same_period is None and flag.score > 0.5  # not suppressed as another period
    assert "period unknown" in flag.reason and "undated" in flag.reason and "different periods" not in flag.reason
    own = judge(claim("x:0-1", "لا توجد قوات قتالية", "pm", None), other)
    assert own.score == 0.0 and "not reported as a reversal" in own.reason  # no order, so no reversal
    years = judge(claim("x:0-1", "لا توجد قوات قتالية في 2021", "gen", None),
                  claim("y:0-1", "القوات القتالية موجودة في 2024", "pm", None))
    assert years.score == 0.0 and years.signals.time.same_period is False  # named years still tell


def test_one_speaker_on_one_day_or_undated_is_not_a_reversal():
    a = claim("x:0-1", "لا توجد قوات قتالية", "pm", "2021-12-29")
    same_day = claim("y:0-1", "القوات القتالية موجودة", "pm", "2021-12-29")
    undated = claim("z:0-1", "القوات القتالية موجودة", "pm", None)
    for b in (same_day, undated):
        flag = judge(a, b)
        assert flag.kind == "reversal" and flag.score == 0.0
        assert "not reported as a reversal" in flag.reason
    later = claim("w:0-1", "القوات القتالية موجودة", "pm", "2022-02-01")
    assert judge(a, later).score > 0.5


def test_entailment_either_way_pushes_a_contradiction_score_down():
    cal = Calibration(weight_ab=0.0, weight_ba=0.0, bias=0.0,
                      weights={"contradiction_min": 1.0, "entailment_max": -0.5})
    a = claim("x:0-1", "ارتفعت أسعار الخبز في المدينة", "gen", "2021-12-29")
    b = claim("y:0-1", "أسعار الخبز في المدينة ارتفعت كثيراً", "pm", "2021-12-29")

    def probs(forward, backward):
        return lambda pairs: np.array([forward] * (len(pairs) // 2) + [backward] * (len(pairs) // 2), dtype=np.float32)

    both_clash = judge(a, b, predict=probs([0.01, 0.09, 0.9], [0.01, 0.09, 0.9]), calibration=cal).score
    one_entails = judge(a, b, predict=probs([0.01, 0.09, 0.9], [0.6, 0.1, 0.3]), calibration=cal).score
    assert both_clash > 0.9 and one_entails < 0.5  # the weaker direction and the entailment both count


def test_pair_features_read_all_three_nli_labels_and_shared_words():
    from claimcheck.judge import pair_features

    ab = {"entailment": 0.7, "neutral": 0.2, "contradiction": 0.1}
    ba = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}
    f = pair_features(ab, ba, "أغلق الميناء أرصفته", "الميناء أغلق أرصفته أمس", None, None, None)
    assert abs(f["contradiction_min"] - np.log(0.1 / 0.9)) < 1e-6
    assert abs(f["entailment_max"] - np.log(0.7 / 0.3)) < 1e-6
    assert f["overlap"] == 1.0 and "numeric_clash" not in f


def test_a_count_against_a_denied_departure_is_no_numeric_clash():
    a = claim("x:0-1", "ستبقى الولايات المتحدة على 2500 جندي", "gen", "2021-12-10")
    gone = claim("y:0-1", "تم استكمال خروج كل قواته", "pm", "2021-12-29")
    stays = claim("z:0-1", "لا يوجد أي انسحاب وما زالت كل القوات باقية", "pm", "2021-12-29")
    neutral = lambda pairs: np.tile(np.array([[0.1, 0.6, 0.3]], dtype=np.float32), (len(pairs), 1))  # noqa: E731
    clash, agree = judge(a, gone, predict=neutral), judge(a, stays, predict=neutral)
    assert clash.signals.numeric.clash and clash.score > 0.7
    assert agree.signals.continuation.relation == "agreed" and agree.score < 0.5


def test_one_speaker_saying_twice_that_it_goes_on_is_not_a_reversal():
    a = claim("x:0-1", "الإضراب سيستمر حتى تتحقق مطالبنا", "pm", "2022-03-01")
    b = claim("y:0-1", "الإضراب مستمر بالزخم نفسه", "pm", "2022-03-04")
    flag = judge(a, b)
    assert flag.signals.continuation.relation == "agreed"
    assert flag.kind == "reversal" and flag.score == 0.0 and "not reported as a reversal" in flag.reason
    ended = claim("z:0-1", "انتهى الإضراب", "pm", "2022-03-09")
    assert judge(a, ended).score > 0.5  # the same speaker saying it ended is still a reversal
