"""The cheap signals a fact-checker sees beside the NLI scores: numbers, time, attitude and
whether a claim says something ends or goes on."""
import pytest

from claimcheck.signals import (
    attitude, attitude_signal, continuation, continuation_signal, numeric_signal, quantities, time_signal,
)

ALL_LEFT = "انتهت المهام القتالية للتحالف الدولي، وتم استكمال خروج كل قواته ومعداته القتالية خارج العراق"
KEEPS_2500 = "ستبقي الولايات المتحدة على العدد الحالي لقواتها والبالغ 2500 جندي في العراق"


def test_a_count_that_stays_clashes_with_a_total_departure():
    signal = numeric_signal(ALL_LEFT, KEEPS_2500)
    assert signal.clash and "2500" in signal.clash
    assert numeric_signal("The US will keep 2,500 troops in Iraq", "All U.S. troops have left Iraq").clash
    assert numeric_signal("لم يعد هناك أي جندي مقاتل في البلاد", "ستبقى 2500 جندي").clash


@pytest.mark.parametrize("text,value", [
    ("ألفين وخمسمئة جندي", 2500), ("٢٥٠٠ جندي", 2500), ("2,500 troops", 2500),
    ("two thousand five hundred soldiers", 2500), ("قتل ١٢ شخصاً", 12), ("3 آلاف جندي", 3000),
])
def test_numbers_in_digits_and_words_with_what_they_count(text, value):
    found = [q for q in quantities(text) if q.group]
    assert found and found[0].value == value


def test_different_counts_of_the_same_thing_clash_but_equal_ones_do_not():
    assert numeric_signal("قتل ١٢ شخصاً في الهجوم", "قتل ثلاثون شخصا في الهجوم").clash
    assert numeric_signal("سيبقى 2500 جندي", "سيبقى ألفان وخمسمئة جندي").clash is None


def test_unrelated_numbers_and_years_are_not_clashes():
    assert numeric_signal("ارتفع سعر النفط 3 دولارات", "قتل 12 شخصا في الهجوم").clash is None
    assert quantities("في عام 2021 قال الوزير") == []
    assert numeric_signal("جاء الوزير", "ذهب الرئيس") is None


def test_claims_years_apart_or_naming_different_years_are_different_periods():
    assert time_signal("2021-12-29", "2024-01-31", "a", "b", 365).same_period is False
    assert time_signal("2021-12-29", "2022-01-02", "a", "b", 365).to_dict() == {
        "a_date": "2021-12-29", "b_date": "2022-01-02", "days_apart": 4, "years_a": [], "years_b": [],
        "same_period": True}
    assert time_signal(None, None, "الانسحاب في 2021", "الانسحاب في 2024", 365).same_period is False
    # an undated side: the period is unknown, never silently "same period"
    assert time_signal(None, "2022-01-02", "a", "b", 365).same_period is None


def test_a_denied_statement_is_compared_as_the_speakers_rejection():
    from claimcheck.extract.denial import is_denial_cue, position
    from claimcheck.records import Claim

    def claim(text, cue):
        return Claim(id="x:0-1", article_id="x", text=text, kind="reported", start=0, end=1, sentence=text,
                     speaker_mention="s", cue=cue, denies=is_denial_cue(cue))

    assert position(claim("القوات انسحبت", "ونفى")) == "ليس صحيحاً أن القوات انسحبت"
    assert position(claim("troops had left", "denied")) == "It is not true that troops had left"
    assert position(claim("القوات انسحبت", "وقال")) == "القوات انسحبت"


def test_a_part_of_the_remaining_force_is_not_a_different_count():
    signal = numeric_signal("ستبقي الولايات المتحدة على 2500 جندي في العراق",
                            "نحو ألف جندي من القوات المتبقية سيتمركزون في قاعدة جوية")
    assert signal.clash is None


def test_clash_kinds_tell_a_logical_clash_from_two_counts():
    assert numeric_signal(ALL_LEFT, KEEPS_2500).kind == "total"
    assert numeric_signal("قتل ١٢ شخصاً في الهجوم", "قتل ثلاثون شخصا في الهجوم").kind == "counts"


@pytest.mark.parametrize("text, verb", [
    ("تطالب نقابة المعلمين بزيادة الرواتب", "تطالب"),       # verb first
    ("المزارعون يخشون تراجع المحصول هذا العام", "يخشون"),    # after a short subject
    ("وتأمل الشركة افتتاح المصنع في الربيع", "وتأمل"),      # with a conjunction glued on, shown as written
    ("ستطالب النقابة بتمديد العقود", "ستطالب"),              # with the future prefix
    ("يطالبان بالإفراج عن المعتقلين", "يطالبان"),             # dual
    ("ودعت الحكومة إلى التهدئة", "ودعت"),                    # "called for": دعا with its إلى
    ("Shareholders called for the chief executive to resign", "called for"),
    ("The opposition is calling for early elections", "calling for"),
    ("Many residents fear the bridge will close", "fear"),
    ("The union wants the plant closed", "wants"),          # a determiner two words back is the subject's
])
def test_a_claim_reporting_someones_wish_fear_or_demand_is_an_attitude(text, verb):
    assert attitude(text) == verb


@pytest.mark.parametrize("text", [
    "أغلقت الشركة المصنع الشهر الماضي",                     # a plain statement of fact
    "نطالب بزيادة الرواتب",                                 # the speaker's own demand is their position
    "We strongly want the bridge kept open",
    "ودعت الجماهير اللاعب بالتصفيق",                          # ودّعت (bade farewell), not دعت إلى
    "يدعون أنهم فازوا بالانتخابات",                          # يدّعون (they claim)
    "البنك المركزي يتوقع تباطؤ النمو",                        # an expectation is the subject's view, like "said"
    "They called it a mistake",                              # "called", but not "called for"
    "Hope is fading for the missing climbers",               # nouns, not verbs
    "Demand for oil fell by 5%",
    "Oil demand rose sharply",
    "The bridge closed last week and residents fear it will stay shut",  # attitude only in a later clause
])
def test_facts_views_and_the_speakers_own_demands_are_not_attitudes(text):
    assert attitude(text) is None


def test_attitude_mismatch_only_when_exactly_one_side_reports_one():
    demand, fact = "تطالب النقابة بإغلاق المنجم", "أُغلق المنجم"
    assert attitude_signal(demand, fact).to_dict() == {"a": "تطالب", "b": None, "mismatch": True}
    assert attitude_signal(demand, "يخشى العمال إغلاق المنجم").mismatch is False
    assert attitude_signal(fact, "أعيد فتح المنجم") is None


@pytest.mark.parametrize("text,says,word", [
    ("انتهى موسم الصيد أمس", "ends", "انتهى"),
    ("وغادرت السفن الميناء فجراً", "ends", "وغادرت"),                       # conjunction glued on
    ("تم استكمال الانسحاب من المدينة", "ends", "استكمال"),                  # a verbal noun with its article
    ("لم يعد هناك أي موظف في المبنى", "ends", "لم يعد"),                    # "no longer": its negation is its meaning
    ("ستبقى الشركة في السوق المحلية", "goes on", "ستبقى"),                  # future prefix
    ("لا يزال المهرجان مستمراً", "goes on", "لا يزال"),
    ("ما تبقى في المخزن هو القمح فقط", "goes on", "تبقى"),                 # ما as "what", not "not"
    ("لن تغادر البعثة البلاد", "goes on", "لن تغادر"),                     # a negation flips it
    ("التحول لا يعني أن البعثة ستغادر البلاد", "goes on", "لا يعني … ستغادر"),  # so does a denying frame
    ("ليس صحيحاً أن المصنع لا يزال يعمل", "ends", "ليس صحيحا … لا يزال"),    # ... even of a fixed phrase
    ("لا يعني ذلك، كما قال الوزير، أن المصنع أغلق", "goes on", "لا يعني … أغلق"),  # ... across an aside
    ("لا يزال المعبر مغلقاً منذ أسبوع", "ends", "لا يزال … مغلقا"),            # still closed: the end goes on
    ("The crossing remained shut for a week", "ends", "remained … shut"),
    ("ستظل المفاوضات معلقة حتى الشهر المقبل", "ends", "ستظل … معلقة"),       # suspended: on hold, not going on
    ("لم يعلق المتحدث على الخبر وغادر القاعة", "ends", "وغادر"),               # a negation stops at "و" + verb
    ("لم يعلق الوزير وغادر القاعة", "ends", "وغادر"),                         # ... even within three words
    ("لم يواصل الفريق التدريب", "ends", "لم يواصل"),                          # واصل's و is its own
    ("غير أن المصنع أغلق أبوابه", "ends", "أغلق"),                            # غير أن is "however"
    ("لا بد من استمرار الحوار", "goes on", "استمرار"),                        # لا بد is "must"
    ("وظل السوق مفتوحاً طوال الليل", "goes on", "وظل"),
    ("Nobody remains in the building", "ends", "Nobody remains"),
    ("The talks aren't over yet", "goes on", "aren't over"),
    ("The company won the contract and will keep its staff", "goes on", "keep"),  # "won" is not "won't"
    ("ستبقى المكاتب مفتوحة بعد انتهاء العقد", "goes on", "ستبقى"),          # the first predicate decides
    ("إغلاق المصنع لم يحدث فعلياً", "goes on", "إغلاق … لم يحدث"),          # the named event did not happen
    ("الإصلاح لم يتحقق؛ الأسعار بقيت كما هي", "goes on", "بقيت"),          # a negation stops at its clause
    ("لم ينقص عدد الموظفين منذ العام الماضي", "goes on", "لم ينقص"),        # an amount not cut stays as it is
    ("ولن تخفض الشركة إنتاجها هذا العام", "goes on", "ولن تخفض"),           # a negation with و glued on
    ("The talks will continue next week", "goes on", "continue"),
    ("All staff have left the building", "ends", "left"),
    ("No employee remains at the plant", "ends", "No … remains"),
    ("We won't leave the city", "goes on", "won't leave"),
    ("The plant is no longer in operation", "ends", "no longer"),
    ("The strike is over after three weeks", "ends", "over"),
])
def test_a_claim_says_something_ends_or_goes_on(text, says, word):
    assert continuation(text) == (says, word)


@pytest.mark.parametrize("text", [
    "أعلنت شركات التواصل الاجتماعي أرباحها",          # تواصل inside التواصل (social media) is not "continues"
    "بعد انتهاء المباراة تحدث المدرب للصحفيين",        # a verbal noun after a time word sets the scene
    "الحديث عن انسحاب الشركة مجرد شائعات",             # ... and after عن it is a topic
    "تطالب النقابة بإغلاق المنجم",                     # a reported demand asserts nothing (attitude)
    "The union wants the plant closed",
    "Prices rose by the end of the year",
    "The left wing of the party voted against",
    "The storm left 3,000 people homeless",
    "A cart pulled by two horses",
    "A man smiles to his left",
    "بعد أن توقفت المفاوضات، عقد الوزيران لقاء ثانياً",     # the clause after بعد أن sets the scene
    "After the festival ends, organisers will count the votes",
    "انتهت اللجنة إلى أن القرار سليم",                       # انتهى إلى: "concluded that"
    "هل انتهت الأزمة فعلاً؟",                                # a question asserts nothing
    "خفضت الشركة عدد موظفيها إلى النصف",               # a cut that happened is neither an end nor a continuation
    "The airline cut its fares",
    "Over 100 people took part in the march",            # "over" as "more than"
])
def test_claims_that_say_neither_have_no_continuation(text):
    assert continuation(text) is None


def test_continuation_relation_needs_both_sides():
    assert continuation_signal("أغلق المنجم", "لا يزال المنجم يعمل").relation == "opposed"
    assert continuation_signal("انتهى الموسم", "غادرت جميع السفن").relation == "agreed"
    one_sided = continuation_signal("انتهى الموسم", "ارتفعت الأسعار")
    assert one_sided.to_dict() == {"a": {"says": "ends", "word": "انتهى", "denied": False}, "b": None, "relation": None}
    assert continuation_signal("ارتفعت الأسعار", "انخفضت الأسعار") is None


def test_a_denied_claim_says_the_opposite_of_its_text():
    # "نفى الوزير أن المصنع أغلق": the extracted text is what the minister denies.
    signal = continuation_signal("المصنع أغلق أبوابه", "أغلق المصنع أبوابه", denied_a=True)
    assert signal.to_dict()["a"] == {"says": "goes on", "word": "أغلق", "denied": True}
    assert signal.relation == "opposed"


def test_evidence_round_trips_and_reads_judgements_stored_before_its_fields_existed():
    from claimcheck.signals import Evidence

    evidence = Evidence(numeric=numeric_signal(ALL_LEFT, KEEPS_2500),
                        time=time_signal("2021-12-29", "2022-01-02", ALL_LEFT, KEEPS_2500, 365),
                        attitude=attitude_signal("تطالب النقابة بإغلاق المنجم", "أُغلق المنجم"),
                        continuation=continuation_signal("أغلق المنجم", "لا يزال المنجم يعمل"))
    assert Evidence.from_dict(evidence.to_dict()) == evidence
    assert [label for _, label, _ in evidence.summaries()] == ["Numbers", "Timing", "Attitude", "Ends or goes on"]
    # as schema-1 stores hold them: no quantity group or partitive, no denial, no kind; null signals
    old = Evidence.from_dict({"numeric": {"a": [{"value": 2500, "unit": "جندي", "text": "2500 جندي"}], "b": [],
                                          "clash": "x"},
                              "time": {"same_period": False}, "attitude": None,
                              "continuation": {"a": {"says": "ends", "word": "انتهى"}, "b": None, "relation": None}})
    assert old.numeric.kind is None and old.numeric.a[0].group is None and not old.time.same_period
    assert old.attitude is None and old.continuation.a.denied is False
    assert old.numeric.summary() == "A: 2500 جندي · B: none — x"


def test_doubting_an_announced_end_says_it_goes_on():
    from claimcheck.signals import continuation

    assert continuation("شككت الفصائل بإعلان الحكومة انسحاب القوات القتالية")[0] == "goes on"
    assert continuation("أعلنت الحكومة انسحاب القوات القتالية")[0] == "ends"
    assert continuation("The militias doubted that the troops withdrew")[0] == "goes on"
