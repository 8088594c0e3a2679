"""Speaker attribution in Arabic news: role phrases, carried-over speakers, source phrases.

Every sentence here is written for these tests; the people and outlets are stand-ins.
"""
import pytest

from claimcheck.extract import extract_claims
from claimcheck.extract.mentions import describe
from claimcheck.extract.speakers import resolve_speakers
from claimcheck.records import Article


def claims(text: str):
    found = extract_claims(Article(id="t", text=text, source="-", sha256="", lang="ar", date="2022-04-10"))
    for c in found:
        assert c.text == text[c.start:c.end]
    return found


def speakers(text: str) -> list[str]:
    """The canonical speaker of each claim, as the resolver names it."""
    resolved, known = resolve_speakers(claims(text))
    names = {s.id: s.name for s in known}
    return [names.get(c.speaker_id) for c in resolved]


# ---------------------------------------------------------------- role phrases


@pytest.mark.parametrize("text, mention, role", [
    ("وقال وزير الزراعة والثروة السمكية العماني، سالم الهنائي، إن موسم الصيد كان وفيراً.",
     "سالم الهنائي", "وزير الزراعة والثروة السمكية العماني"),
    ("وأكدت وزيرة التضامن والأسرة المغربية نادية الفاسي أن البرنامج سيشمل مدناً جديدة.",
     "وزيرة التضامن والأسرة المغربية نادية الفاسي", "وزيرة التضامن والأسرة المغربية"),
    ("قال المتحدث باسم وزارة الصناعة والمعادن، فهد العتيبي، إن الإنتاج ارتفع.",
     "فهد العتيبي", "المتحدث باسم وزارة الصناعة والمعادن"),
    ("وقال وزير الخارجية وشؤون المغتربين سامر الحلبي إن السفارة ستفتح أبوابها قريباً.",
     "وزير الخارجية وشؤون المغتربين سامر الحلبي", "وزير الخارجية وشؤون المغتربين"),
])
def test_a_conjunct_inside_a_role_continues_the_role(text, mention, role):
    (c,) = claims(text)
    assert (c.speaker_mention, c.role) == (mention, role)


def test_a_role_without_a_name_keeps_its_conjunct_and_adjective():
    (c,) = claims("وقال وزير النقل والمواصلات إن الطريق سيفتتح قريباً.")
    assert c.speaker_mention == c.role == "وزير النقل والمواصلات"
    # a feminine adjective and the object of a preposition end a role, they are not surnames
    assert describe("عضو لجنة الزراعة والمياه النيابية", "ar").name is None
    assert describe("منسق الإغاثة الأممي في اليمن", "ar").name is None
    assert describe("رئيس هيئة الرقابة", "ar").name is None  # a genitive, not a surname
    assert describe("وزير الخارجية الصفدي", "ar").name == "الصفدي"


def test_a_place_at_the_end_of_a_role_does_not_become_the_speaker():
    text = ("وقال ممثل منظمة الصحة العالمية في الأردن، كريم البدوي، في تصريح للصحفيين: "
            "“اللقاحات وصلت”، و“التوزيع يبدأ غداً”، و“المراكز ستفتح أبوابها”.")
    found = claims(text)
    assert [c.text for c in found] == ["اللقاحات وصلت", "التوزيع يبدأ غداً", "المراكز ستفتح أبوابها"]
    assert {c.kind for c in found} == {"direct"}
    assert speakers(text) == ["كريم البدوي"] * 3


def test_a_name_set_off_by_commas_beats_a_surname_guess_and_retired_is_a_qualifier():
    (c,) = claims("وصرح مدير عام الدفاع المدني، العميد نزار الكبيسي، وهو أعلى مسؤول ميداني، بأن الحريق أخمد.")
    assert (c.speaker_mention, c.role) == ("العميد نزار الكبيسي", "مدير عام الدفاع المدني")
    assert describe("الخبير الأمني اللواء المتقاعد عادل الجبوري", "ar").name == "عادل الجبوري"


# ---------------------------------------------------------------- carried-over speakers


def test_a_cue_with_only_a_channel_continues_the_previous_speaker():
    text = ("وقال وزير المالية خالد الربيعي إن العجز تقلص. وأضاف في المؤتمر ذاته أن الدين مستقر. "
            "وتابع في البيان نفسه: «لن نلجأ إلى الاقتراض مجدداً».")
    found = claims(text)
    assert [c.speaker_mention for c in found] == ["وزير المالية خالد الربيعي"] * 3
    assert [c.channel for c in found] == [None, "في المؤتمر ذاته", "في البيان نفسه"]


def test_a_feminine_cue_skips_a_masculine_speaker():
    text = ("وبحسب النائبة سلمى الحداد، فإن الخطة تفتقر إلى التمويل. "
            "وقال الوزير سامي العلي إن الخطة جاهزة. وأكدت أن اللجنة ستطلب إيضاحات. "
            "وأضاف أن التمويل مضمون.")
    assert [c.speaker_mention for c in claims(text)] == [
        "النائبة سلمى الحداد", "الوزير سامي العلي", "النائبة سلمى الحداد", "الوزير سامي العلي"]


def test_a_participle_takes_the_speaker_of_its_sentence_that_agrees_with_it():
    base = ("وقال الوزير سامي العلي إن الخطة جاهزة، فيما أكدت النائبة سلمى الحداد أن الخطة ناقصة، "
            "{} إلى أن التمويل متوفر.")
    assert claims(base.format("مشيراً"))[-1].speaker_mention == "الوزير سامي العلي"
    assert claims(base.format("مشيرة"))[-1].speaker_mention == "النائبة سلمى الحداد"


def test_a_subject_before_its_verb_after_a_contrast():
    text = ("وقال المتحدث باسم الشركة فادي نصار إن الأسعار لن ترتفع. غير أن الباحثة الاقتصادية الدكتورة "
            "منى الزين رأت أن الشركة \"تخفي خسائرها\"، محذرةً من أن الديون \"ستتراكم بسرعة\".")
    found = claims(text)
    assert [c.cue for c in found] == ["وقال", "رأت", "محذرةً"]
    assert speakers(text) == ["فادي نصار", "منى الزين", "منى الزين"]


def test_a_joined_cue_shares_the_subject_of_the_verb_opening_its_sentence():
    text = ("ووفقاً لسكان تحدثوا إلى وكالة محلية، فإن القصف استمر طوال الليل. "
            "من جهتها، رحبت الهيئة العليا للانتخابات في بيان بنسبة المشاركة، وأكدت أن «النتائج ستعلن خلال يومين».")
    found = claims(text)
    assert [c.speaker_mention for c in found] == ["سكان", "الهيئة العليا للانتخابات"]
    (c,) = claims("وانتقدت منظمة الشفافية الدولية القرار، وقالت إن العقود افتقرت إلى الرقابة.")
    assert c.speaker_mention == "منظمة الشفافية الدولية"
    (c,) = claims("وأشادت منظمة الأغذية والزراعة (فاو) في تقرير بالخطوة، وأكدت أن المحصول سيرتفع.")
    assert (c.speaker_mention, c.channel) == ("منظمة الأغذية والزراعة (فاو)", "في تقرير بالخطوة")


def test_a_place_or_plain_noun_opening_the_sentence_does_not_take_the_cue():
    text = "وقالت النائبة سلمى الحداد إن الخطة ناقصة. وشهدت العاصمة احتجاجات واسعة، وأكدت أن الأمن هش."
    assert [c.speaker_mention for c in claims(text)] == ["النائبة سلمى الحداد"] * 2
    text = "وقال الوزير سامي العلي إن الخطة جاهزة. وتعليقاً على ذلك، أكد أن التنفيذ يبدأ غداً."
    assert [c.speaker_mention for c in claims(text)] == ["الوزير سامي العلي"] * 2


# ---------------------------------------------------------------- unnamed sources and source phrases


@pytest.mark.parametrize("text, mention", [
    ("وقال مسؤولان أمريكيان تحدثا لشبكة تلفزيونية إن التعزيزات وصلت.", "مسؤولان أمريكيان"),
    ("وكشف مصدر أمني، رفض الكشف عن هويته، أن الهجوم أحبط.", "مصدر أمني"),
    ("وبحسب شهود تحدثوا إلى المراسل، فإن الطوابير امتدت لساعات.", "شهود"),
])
def test_an_unnamed_source_ends_before_the_clause_about_it(text, mention):
    (c,) = claims(text)
    assert c.speaker_mention == c.role == mention


@pytest.mark.parametrize("text, statement, mention, channel, cue", [
    ("ونقلت إذاعة \"المدينة\" عن وزير الإسكان حازم الشريف قوله إن المشروع سيكتمل العام المقبل.",
     "المشروع سيكتمل العام المقبل", "وزير الإسكان حازم الشريف", 'إذاعة "المدينة"', "ونقلت"),
    ("ونُقل عن رئيس البلدية قوله إن الطرق ستفتح غداً.", "الطرق ستفتح غداً", "رئيس البلدية", None, "ونُقل"),
    ("وجاء على لسان المتحدث باسم الشرطة أن المشتبه به اعتقل.", "المشتبه به اعتقل",
     "المتحدث باسم الشرطة", None, "على لسان"),
    ("وارتفع منسوب النهر إلى مستوى قياسي، على لسان مدير السدود.", "وارتفع منسوب النهر إلى مستوى قياسي",
     "مدير السدود", None, "على لسان"),
    ("وقال الوزير نبيل حداد في تصريح خاص لـ\"الوطن\" إن الأزمة عابرة.", "الأزمة عابرة",
     "الوزير نبيل حداد", 'في تصريح خاص لـ"الوطن"', "وقال"),
    ("وتراجعت أسعار الذهب في السوق المحلية، وفق ما نقلت صحيفة \"الأسواق\" عن تجار في العاصمة.",
     "وتراجعت أسعار الذهب في السوق المحلية", "تجار في العاصمة", 'صحيفة "الأسواق"', "وفق"),
    ("ووفق ما نقلته وكالة محلية عن مصادر حكومية، فإن الحكومة ستستقيل.", "الحكومة ستستقيل",
     "مصادر حكومية", "وكالة محلية", "ووفق"),
])
def test_source_phrases(text, statement, mention, channel, cue):
    (c,) = claims(text)
    assert (c.text, c.speaker_mention, c.channel, c.cue) == (statement, mention, channel, cue)


def test_a_plan_or_law_after_wafq_is_not_a_source():
    assert claims("ووفق الدستور، يجب أن تجري الانتخابات في موعدها.") == []
    assert claims("وارتفع عدد الإصابات إلى 12، وفق حصيلة أولية.") == []


# ---------------------------------------------------------------- organisations


def test_short_forms_of_an_organisation_take_its_full_name():
    text = ("«الكهرباء»: الانقطاعات تنتهي مع نهاية الصيف\n\n"
            "وقال المتحدث باسم وزارة الكهرباء والطاقة المتجددة، سعد الفارس، إن الانقطاعات ستتراجع. "
            "وكانت وزارة الكهرباء قد أعلنت في بيان أن محطتين جديدتين ستدخلان الخدمة. "
            "وأضافت الوزارة أن الصيانة ستنتهي مع نهاية الصيف.")
    assert speakers(text) == ["وزارة الكهرباء والطاقة المتجددة", "سعد الفارس",
                              "وزارة الكهرباء والطاقة المتجددة", "وزارة الكهرباء والطاقة المتجددة"]


# ---------------------------------------------------------------- real-news shapes (issue 13)


@pytest.mark.parametrize("text, statement, mention", [
    # a verbal noun of speech, a long title, a day between the name and أن
    ("وجاءت الخطوة بعد إعلان قائد القوات البحرية الأوروبية الأدميرال ماركو بيانكي الأربعاء أن "
     "سفنه ستبقى في المضيق حتى نهاية الصيف، مشيرا إلى تعديل بسيط في مهامها.",
     "سفنه ستبقى في المضيق حتى نهاية الصيف", "قائد القوات البحرية الأوروبية الأدميرال ماركو بيانكي"),
    ("ورحب المزارعون بتصريحات وزير الري سعيد المنصوري بأن الحصص لن تخفض هذا العام.",
     "الحصص لن تخفض هذا العام", "وزير الري سعيد المنصوري"),
    ("وذلك في إشارة رئيس الاتحاد العام للنقابات جمال الصغير إلى أن الإضراب سيستمر.",
     "الإضراب سيستمر", "رئيس الاتحاد العام للنقابات جمال الصغير"),
])
def test_a_verbal_noun_of_speech_reports_its_genitive(text, statement, mention):
    found = claims(text)
    assert [c.speaker_mention for c in found if c.text.startswith(statement)] == [mention]


@pytest.mark.parametrize("text", [
    "وتأتي هذه الخطوة بعد إعلان انسحاب القوات من المدينة أن الوضع هادئ.",       # a thing announced, no speaker
    "ورد رئيس الحزب على تصريحات الوزارة بالقول إن الأرقام مضللة تماماً.",          # the noun is what is answered
])
def test_a_verbal_noun_without_a_speaker_is_not_a_report(text):
    assert all(c.cue is None or "تصريحات" not in c.cue and "إعلان" not in c.cue for c in claims(text))


def test_the_answer_to_someones_statements_is_the_answerers():
    found = claims("ورد رئيس الحزب على تصريحات الوزارة بالقول إن الأرقام مضللة تماماً.")
    assert [(c.text, c.speaker_mention) for c in found] != [("الأرقام مضللة تماماً", "الوزارة")]


@pytest.mark.parametrize("text, statement, speaker", [
    # a prepositional phrase after the cue is not the speaker: the carried-over one is
    ("وقال الوزير سامي الحداد إن الخطة جاهزة. وأشار إلى حصول \"تقدم كبير في المفاوضات مع الدائنين خلال الأسبوع\".",
     "تقدم كبير في المفاوضات مع الدائنين خلال الأسبوع", "سامي الحداد"),
    # the addressee of the cue ("قالت لعمّان") is not the speaker: the subject before the verb is
    ("دمشق قالت لعمّان إنها ستفتح المعبر قريباً.", "ستفتح المعبر قريباً", "دمشق"),
    # a verb phrase before the cue is not the speaker: the organisation that opened the sentence is
    ("وعادت بعد ذلك بساعات هيئة الطيران المدني، وهي الجهة المسؤولة، بإصدار بيان قالت فيه إن الرحلات ستستأنف غداً.",
     "الرحلات ستستأنف غداً", "هيئة الطيران المدني"),
])
def test_a_phrase_is_never_the_speaker(text, statement, speaker):
    names = dict(zip([c.text for c in claims(text)], speakers(text)))
    assert names[statement] == speaker


@pytest.mark.parametrize("text, statement, mention", [
    ("ويعتقد مسؤولون في البنك المركزي أن التضخم سيتراجع قبل نهاية العام.",
     "التضخم سيتراجع قبل نهاية العام", "مسؤولون في البنك المركزي"),
    ("وهددت النقابة بأن العمال سيعودون إلى الإضراب إذا لم تصرف الأجور.",
     "العمال سيعودون إلى الإضراب إذا لم تصرف الأجور", "النقابة"),
    ("واتهمت الوزيرة سلمى العبدلي أطرافاً في المعارضة بعرقلة القانون، قائلة إن البرلمان تأخر كثيراً.",
     "البرلمان تأخر كثيراً", "الوزيرة سلمى العبدلي"),
])
def test_belief_threat_and_accusation_cues(text, statement, mention):
    assert [c.speaker_mention for c in claims(text) if c.text == statement] == [mention]


def test_a_statement_issued_by_an_organisation_is_the_organisations():
    text = ("وقال بيان لـ\"رابطة المزارعين الأحرار\": \"لن نسلم المحصول بهذا السعر الذي فرضته الوزارة\". "
            "وأضافت: \"سنواصل الاعتصام أمام مبنى المحافظة حتى يتراجع المسؤولون عن القرار\". "
            "وختمت \"الرابطة\" بيانها بالقول إن المفاوضات لم تبدأ بعد.")
    assert speakers(text) == ["رابطة المزارعين الأحرار"] * 3
    assert claims(text)[2].channel.startswith("بيانها")


def test_a_quoted_organisation_after_a_verbal_noun():
    (c,) = claims("وجاء القصف رداً على إعلان “تجمع الشباب الثوري” أنها قررت توسيع عملياتها في الشمال.")
    assert (c.text, c.speaker_mention) == ("قررت توسيع عملياتها في الشمال", "تجمع الشباب الثوري")


def test_a_participle_after_an_ellipsis_belongs_to_the_organisation_named_before():
    text = ("وقال المحافظ سمير الدباغ إن الطريق سيفتح قريباً. وهذا ما رفضه مجلس البلدية، في جلسة عاجلة.. "
            "واصفا إياه بأنه \"قرار متسرع لا يراعي مصالح السكان في الأحياء الشرقية\".")
    assert speakers(text)[-1] == "مجلس البلدية"


@pytest.mark.parametrize("text, speaker", [
    ("ويأتي ذلك قبل موعد كشفت عنه هيئة الانتخابات في وقت سابق، وقالت إنه سيكون في الربيع المقبل.",
     "هيئة الانتخابات"),
    ("وقد توعدت فصائل الجنوب ومنها \"لواء الفجر\"، الأحد، بالرد على الهجوم، وأشارت إلى أنها ستلاحق المنفذين في كل مكان.",
     "فصائل الجنوب"),
])
def test_a_joined_cue_shares_the_subject_of_an_earlier_cue_verb(text, speaker):
    assert speakers("وقال الخبير سالم المهدي إن الأمور هادئة. " + text)[-1] == speaker


@pytest.mark.parametrize("text, mention", [
    # the first name belongs to the office inside the role; the speaker is the last name
    ("وقال المتحدث باسم رئيس البرلمان، خالد يوسف، سمير حداد، إن الجلسة أرجئت إلى الأسبوع المقبل.", "سمير حداد"),
    # a definite phrase between commas describes the party, it is not a name
    ("ورأى القيادي في حزب \"النهضة\"، الذراع السياسية للحركة، مروان سالم، أن الانتخابات ستؤجل مجدداً.",
     "مروان سالم"),
    # "علي" folds to the preposition "على" and is still a name
    ("ويرى المحلل في الشأن الاقتصادي، علي الشمري، أن الأسعار سترتفع.", "علي الشمري"),
])
def test_the_speaker_among_appositions(text, mention):
    (c,) = claims(text)
    assert c.speaker_mention == mention


def test_a_later_cue_keeps_its_own_connector():
    text = "وأعلنت الجمعية، يوم الأحد، فتح باب التسجيل، في خطوة قالت عنها إنها تهدف إلى دعم الطلاب الجدد."
    found = claims(text)
    assert [c.text for c in found if c.text.startswith("تهدف")] == ["تهدف إلى دعم الطلاب الجدد"]
    assert speakers(text)[-1] == "الجمعية"


def test_what_another_speaker_said_about_a_topic_is_theirs():
    text = ("وقال وزير المالية فؤاد المصري إن العجز سيتقلص. وتتعارض تصريحات المصري مع ما أعلنه محافظ "
            "البنك المركزي الأربعاء بشأن \"ارتفاع العجز إلى مستوى قياسي هذا العام\"، وتجميد التوظيف \"حتى إشعار آخر\".")
    found = claims(text)
    last = found[-1]
    assert last.text.startswith("\"ارتفاع العجز") and last.text.endswith("\"حتى إشعار آخر\"")
    assert last.speaker_mention == "محافظ البنك المركزي"


def test_a_quote_governed_by_a_preposition_is_not_a_statement():
    text = ("الوزير يشكر الفرق\n\nوقال الوزير سامي الحداد إن الخطة جاهزة. وقدم شكره لـ\"كل الفرق التي عملت ليلاً ونهاراً في الميدان\". "
            "وتطرق إلى ما وصفه بـ \"حملة منظمة ضد الوزارة من جهات معروفة\".")
    assert [c.text for c in claims(text)] == ["الخطة جاهزة"]


def test_a_statement_stops_where_the_outlets_gloss_begins():
    (c,) = claims("وأكد رئيس الحكومة أن الأمن خط أحمر، وذلك في تحذير مبطن إلى الأحزاب الخاسرة في الانتخابات.")
    assert c.text == "الأمن خط أحمر"


@pytest.mark.parametrize("text, statement, mention", [
    ("وأعلنت وزارة النقل في ختام اجتماعها مع النقابات أمس تعليق العمل بالقرار حتى إشعار آخر.",
     "تعليق العمل بالقرار حتى إشعار آخر", "وزارة النقل"),
    ("وحذّر خبراء اقتصاديون من رفع الضرائب في الوقت الحالي، خشية ركود جديد في الأسواق.",
     "رفع الضرائب في الوقت الحالي، خشية ركود جديد في الأسواق", "خبراء اقتصاديون"),
    ("وتهدد قيادات النقابات، مثل رئيس نقابة المعلمين سامر خليل، بمواصلة الإضراب حتى نهاية الشهر.",
     "مواصلة الإضراب حتى نهاية الشهر", "قيادات النقابات"),
])
def test_a_cue_with_a_noun_object_states_that_object(text, statement, mention):
    found = claims(text)
    assert [(c.speaker_mention, c.text.endswith(statement)) for c in found] == [(mention, True)]


@pytest.mark.parametrize("text", [
    "أعلن الجيش، اليوم الأحد، وقفاً لإطلاق النار لمدة ثلاثة أيام.",   # an act done by announcing it
    "وتهدد الأمطار الغزيرة المحاصيل في الجنوب منذ أسبوع.",            # a threat not made in words
])
def test_a_noun_object_that_is_no_statement(text):
    assert claims(text) == []


def test_a_country_or_government_keeps_its_whole_name():
    assert speakers("وأعلنت الحكومة الليبية أن الانتخابات ستجرى في موعدها. "
                    "وقالت الولايات المتحدة إنها تدعم الموعد.") == ["الحكومة الليبية", "الولايات المتحدة"]


def test_a_cue_after_fa_inna_takes_the_subject_before_it():
    text = ("وفي الوقت الذي يتوقع فيه تراجع الصادرات، فإنّ خبيراً اقتصادياً بارزاً يتوقع أنّ الميزان التجاري "
            "سيتحسن العام المقبل.")
    (c,) = claims(text)
    assert c.text.startswith("الميزان التجاري") and c.speaker_mention == "خبيراً اقتصادياً بارزاً"


def test_a_verbal_noun_with_tanween_is_not_a_cue():
    # "تعهداً" is the noun, not the dual verb "تعهدا"
    assert claims("عنوان\n\nالمحافظ قدّم تعهداً بأنّ الطريق سيفتح قبل الشتاء.") == []


def test_a_role_gets_the_name_the_article_gives_it():
    text = ("ويأتي ذلك بعد أيام من تصريح لوزير الري حسن الشافعي، خلال زيارته للسد. "
            "وتتعارض هذه الأرقام مع ما أعلنه وزير الري الأحد بشأن \"امتلاء السد بنسبة تسعين في المئة\".")
    assert speakers(text) == ["حسن الشافعي"]


def test_the_statement_stands_for_its_issuer():
    text = ("وقالت نقابة الأطباء في بيان إنها ستعلق العمل في المستشفيات الحكومية. "
            "وأوضح البيان أن الإضراب سيستمر أسبوعاً. ووفقاً لبيان الوزارة الصادر مساء الأحد، فإن الأجور صرفت كاملة.")
    assert speakers(text) == ["نقابة الأطباء", "نقابة الأطباء", "الوزارة"]


def test_figures_cited_after_a_statement_are_its_source():
    found = claims("وقد يستغرق إصلاح الشبكة أكثر من عامين، بحسب بعض التقديرات. "
                   "وارتفع عدد العاطلين إلى مليون شخص، وفق أحدث أرقام الوزارة.")
    assert [(c.text, c.speaker_mention) for c in found] == [
        ("وقد يستغرق إصلاح الشبكة أكثر من عامين", "بعض التقديرات"),
        ("وارتفع عدد العاطلين إلى مليون شخص", "الوزارة")]


def test_a_position_given_in_a_relative_clause_is_its_holders():
    text = ("ولا يزال الموقف الأوروبي منقسماً بين وزارة الخارجية والمفوضية الأوروبية اللتين تؤيدان رفع العقوبات، "
            "ووزارة التجارة التي ترى ضرورة الإبقاء عليها حتى الصيف؛ بسبب الانتخابات.")
    found = claims(text)
    assert [(c.speaker_mention, c.text) for c in found] == [
        ("وزارة الخارجية والمفوضية الأوروبية", "وزارة الخارجية والمفوضية الأوروبية اللتين تؤيدان رفع العقوبات"),
        ("وزارة التجارة", "وزارة التجارة التي ترى ضرورة الإبقاء عليها حتى الصيف")]


def test_statements_from_someone_then_the_verb():
    text = ("وتأتي الإجراءات مع صدور تصريحات من نقابات ومنظمات عمالية عدة شككت بإعلان الوزارة، "
            "تثبيت العقود المؤقتة، واعتبرته وعداً انتخابياً.")
    (c,) = claims(text)
    assert c.speaker_mention == "نقابات ومنظمات عمالية عدة" and c.text.startswith("شككت بإعلان الوزارة")


def test_an_announced_act_and_what_was_said_of_it():
    text = "وأعلنت الجمعية، يوم الأحد، فتح باب التسجيل للطلاب، في خطوة قالت عنها إنها تهدف إلى دعم الخريجين."
    assert [(c.text, s) for c, s in zip(claims(text), speakers(text))] == [
        ("فتح باب التسجيل للطلاب", "الجمعية"), ("تهدف إلى دعم الخريجين", "الجمعية")]


def test_what_came_in_a_statement_is_its_issuers():
    text = ("وقالت وزارة الصحة في بيان إن الوباء تراجع. وجاء في البيان أن الوزارة تدرس \"رفع القيود "
            "عن المدارس والجامعات خلال أسبوعين\".")
    found = claims(text)
    assert found[-1].text.startswith("الوزارة تدرس") and speakers(text)[-1] == "وزارة الصحة"


def test_what_a_speaker_deems_something_is_a_statement():
    text = ("ووفقاً لبيان النقابة، فإن الأجور لم تصرف منذ شهرين. وقلل البيان من أهمية الوعود الحكومية، "
            "واعتبرها محاولة \"لكسب الوقت وتهدئة الشارع\".")
    found = claims(text)
    assert found[-1].text == "محاولة \"لكسب الوقت وتهدئة الشارع\"" and speakers(text)[-1] == "النقابة"


@pytest.mark.parametrize("text, statement, speaker", [
    ("سارة المنصوري، باحثة في شؤون الطاقة، حثت على خفض الدعم تدريجياً خلال ثلاث سنوات.",
     "خفض الدعم تدريجياً خلال ثلاث سنوات", "سارة المنصوري"),
    ("كريم الجابري، خبير اقتصادي، قال إن التضخم سيتراجع قريباً.", "التضخم سيتراجع قريباً", "كريم الجابري"),
])
def test_a_name_and_role_before_the_verb(text, statement, speaker):
    assert dict(zip([c.text for c in claims(text)], speakers(text))) == {statement: speaker}


def test_two_statements_in_one_sentence_are_two_claims():
    text = ("وأعلن وزير الدفاع سعيد الكرمي أن قواته ستبقى في المدينة حتى الربيع، مشيراً إلى تغيير "
            "محدود في مهامها، ومؤكداً على حاجة الجيش لمزيد من المعدات.")
    assert [c.text for c in claims(text)] == ["قواته ستبقى في المدينة حتى الربيع", "تغيير محدود في مهامها",
                                             "حاجة الجيش لمزيد من المعدات"]
    assert set(speakers(text)) == {"سعيد الكرمي"}


def test_a_demand_quoted_after_its_verb_is_the_subjects():
    text = ("البلدية والعقد\n\nوقال رئيس البلدية عادل يونس إن المشروع سيكتمل قريباً. وفي السياق ذاته، طالب النائب وليد حمدان، "
            "عضو لجنة الخدمات، الحكومة \"بنشر تفاصيل العقد كاملة أمام الناس\". وأضاف أنه \"سيطلب استجواب الوزير "
            "الأسبوع المقبل\".")
    assert speakers(text) == ["عادل يونس", "وليد حمدان", "وليد حمدان"]


def test_on_condition_that_is_not_reported_speech():
    assert claims("واختتمت اللجنة جلستها بتكليف فريق فني بمراجعة البيانات، على أن يرفع تقريره خلال شهر.") == []


def test_a_plural_participle_is_not_the_organisation_in_a_genitive():
    text = ("وتظاهر مئات من عمال الميناء أمام مبنى الوزارة، مؤكدين أن أجورهم لم تصرف منذ أشهر.")
    assert speakers(text) != ["الوزارة"]


@pytest.mark.parametrize("text, mention", [
    ("قال الوزير سامي علي إن الوضع مستقر تماماً.", "الوزير سامي علي"),
    ("وشدد الوزير سامي علي على أن الوضع مستقر تماماً.", "الوزير سامي علي"),
    ("وشدد الوزير على أن الوضع مستقر تماماً.", "الوزير"),
])
def test_the_name_ali_is_told_from_the_preposition_by_its_spelling(text, mention):
    (c,) = claims(text)
    assert c.speaker_mention == mention


@pytest.mark.parametrize("text, statement, mention", [
    ("وتتهم دمشق فصائل مسلحة مرتبطة بأنقرة بالوقوف وراء الهجمات.",
     "فصائل مسلحة مرتبطة بأنقرة بالوقوف وراء الهجمات", "دمشق"),
    ("واتهم وزير الخارجية سامي الحداد الحكومة السابقة بإهدار المال العام.",
     "الحكومة السابقة بإهدار المال العام", "وزير الخارجية سامي الحداد"),
    ("ورغم تحذيرات الأمم المتحدة من كارثة إنسانية وشيكة في المدينة، استمر القصف.",
     "كارثة إنسانية وشيكة في المدينة", "الأمم المتحدة"),
])
def test_accusations_and_warnings_named_by_a_noun(text, statement, mention):
    assert [(c.text, c.speaker_mention) for c in claims(text)] == [(statement, mention)]


def test_a_fronted_name_with_a_role_keeps_both_statements():
    text = ("سامح العطار، أستاذ الاقتصاد في جامعة الشرق، حث على تسريع برنامج الخصخصة، "
            "مؤكداً أن الوقت ليس في صالح الاقتصاد.")
    assert [(c.text, s) for c, s in zip(claims(text), speakers(text))] == [
        ("تسريع برنامج الخصخصة", "سامح العطار"), ("الوقت ليس في صالح الاقتصاد", "سامح العطار")]


def test_a_source_phrase_after_a_statement_is_not_part_of_it():
    (c,) = claims("ويحذر اقتصاديون من رفع أسعار الفائدة مجدداً، بحسب ما نقلت وكالة الأنباء عن ثلاثة محللين.")
    assert c.text == "رفع أسعار الفائدة مجدداً"


def test_a_verbal_noun_does_not_take_what_another_speaker_said():
    (c,) = claims("وتتناقض رواية الوزارة مع ما قاله رئيس البلدية خالد شعبان من أن «ثلاث عائلات نقلت إلى المستشفى».")
    assert c.speaker_mention == "رئيس البلدية خالد شعبان"


@pytest.mark.parametrize("text, expected", [
    ("نفت وزارة الصحة، الإثنين، تسجيل أي إصابات جديدة في المخيمات، مؤكدة أن الوضع «تحت السيطرة».",
     [("تسجيل أي إصابات جديدة في المخيمات", "نفت"), ("الوضع «تحت السيطرة»", "مؤكدة")]),
    ("ونفى المدير العام للهيئة ما تتناقله المواقع عن تكدس الشحنات، مؤكداً أن العمل يسير بانتظام.",
     [("العمل يسير بانتظام", "مؤكداً")]),
    # the verbal noun after the subject starts the object: the union denies reaching a deal
    ("وتنفي النقابة التوصل إلى أي اتفاق مع الوزارة حتى الآن.",
     [("التوصل إلى أي اتفاق مع الوزارة حتى الآن", "وتنفي")]),
])
def test_a_denial_with_a_noun_object(text, expected):
    assert [(c.text, c.cue) for c in claims(text)] == expected


def test_an_announced_object_stops_at_a_channel_and_a_new_clause():
    (first, *_) = claims("أعلن الجيش، في بيان، السيطرة الكاملة على المصفاة شمال العاصمة، فيما نفت قوات المعارضة ذلك.")
    assert (first.text, first.speaker_mention) == ("السيطرة الكاملة على المصفاة شمال العاصمة", "الجيش")


# ---------------------------------------------------------------- subject before the verb


@pytest.mark.parametrize("text, speaker", [
    # a role head that starts with و is a noun, not the conjunction
    ("وزير الري مازن العبيدي أكد أن السد سيفتتح في الربيع.", "مازن العبيدي"),
    ("وزيرة البيئة أكدت أن البحيرة لم تتلوث.", "وزيرة البيئة"),
    ("ووكيل وزارة الزراعة أوضح أن البذور وصلت إلى المزارعين.", "وكيل وزارة الزراعة"),
    # "وكان X أكد" without قد
    ("وكان محافظ المدينة رياض السعدي أكد أن الجسر سيفتح قبل الصيف.", "رياض السعدي"),
    # a long role set off by commas before the name, after "غير أن"
    ("غير أن رئيس لجنة النقل في مجلس الشيوخ المنتخب حديثاً، وليد الصراف، نفى أن تكون الخطة قد أقرت.",
     "وليد الصراف"),
])
def test_a_subject_standing_before_its_verb(text, speaker):
    assert speakers(text) == [speaker]


def test_a_role_with_a_pronoun_preposition_does_not_end_in_a_false_name():
    (c,) = claims("وقال رئيس الهيئة المكلف بها مؤقتاً، هاني الدباغ، إن المراجعة ستكتمل.")
    assert (c.speaker_mention, c.role) == ("هاني الدباغ", "رئيس الهيئة المكلف بها مؤقتاً")


def test_a_headline_role_takes_the_name_of_its_holder_not_the_statement():
    text = ("مدير المستشفى: الأجنحة ستبقى مفتوحة\n\nقال مدير المستشفى نادر الجبوري إن الأجنحة لن تغلق.")
    assert speakers(text) == ["نادر الجبوري", "نادر الجبوري"]


# ---------------------------------------------------------------- issuers, relays, "بالقول", split quotes


@pytest.mark.parametrize("text", [
    "وجاء في بيان صادر عن نقابة المعلمين أن الإضراب سيستمر أسبوعاً آخر.",
    "وجاء في بيان صادر عن نقابة المعلمين، نشرته على موقعها مساء الجمعة، أن الإضراب سيستمر أسبوعاً آخر.",
])
def test_a_statement_issued_by_an_organisation_is_its_issuers(text):
    assert speakers(text) == ["نقابة المعلمين"]


def test_the_statement_named_again_stands_for_its_issuer():
    text = "وجاء في بيان لهيئة الطيران المدني أن المطار سيفتح جزئياً. وأضاف البيان أن الرحلات الدولية ستتأخر."
    assert speakers(text) == ["هيئة الطيران المدني", "هيئة الطيران المدني"]


@pytest.mark.parametrize("text, speaker", [
    ("وذكرت وكالة الأنباء المحلية، نقلاً عن مسؤول في وزارة النقل، أن القطار سيعود إلى العمل.",
     "مسؤول في وزارة النقل"),
    ("وأفادت إذاعة المدينة نقلا عن رئيس البلدية كمال الدروبي بأن الشوارع ستغلق.", "كمال الدروبي"),
])
def test_an_outlet_relaying_a_source_is_the_channel_not_the_speaker(text, speaker):
    (c,) = claims(text)
    assert speakers(text) == [speaker]
    assert c.text.endswith(("العمل", "ستغلق"))


@pytest.mark.parametrize("text, speaker", [
    ("ورد وزير التعليم على انتقادات الأهالي بالقول إن المدارس جاهزة.", "وزير التعليم"),
    ("من جهته، رد رئيس اتحاد المزارعين، جميل الأيوبي، على قرار الحكومة بالقول إن الموسم ضاع.", "جميل الأيوبي"),
])
def test_by_saying_gives_the_words_to_the_subject_of_the_opening_verb(text, speaker):
    assert speakers(text) == [speaker]


def test_a_short_quote_split_by_a_postposed_cue_is_two_statements_of_one_speaker():
    text = ("وقال طبيب في المستشفى، طلب عدم كشف اسمه، إن الأجنحة مكتظة. “الوضع صعب جداً”، يقول الطبيب، "
            "“والأدوية تنفد بسرعة”.")
    found = claims(text)
    assert [c.text for c in found] == ["الأجنحة مكتظة", "الوضع صعب جداً", "والأدوية تنفد بسرعة"]
    assert len(set(speakers(text))) == 1


# ---------------------------------------------------------------- found on the blind fisheries story


def test_two_complement_clauses_of_one_verb_are_two_statements():
    text = "وقال رئيس اتحاد المخابز لـ\"الصباح\" إن أرقام الوزارة \"غير دقيقة\"، وإن المطاحن أغلقت أبوابها منذ أسبوع."
    found = claims(text)
    assert [c.text for c in found] == ['أرقام الوزارة "غير دقيقة"', "المطاحن أغلقت أبوابها منذ أسبوع"]
    assert len({c.speaker_mention for c in found}) == 1


def test_a_second_complement_inside_a_quote_stays_in_the_quote():
    (c,) = claims('وقال الوزير إن "الخطة جاهزة، وأن التنفيذ يبدأ غداً".')
    assert c.text == "الخطة جاهزة، وأن التنفيذ يبدأ غداً"


def test_a_bare_office_that_is_also_a_source_head_points_back_to_its_holder():
    text = "قال النائب المستقل رامز الحلو إن الموازنة متأخرة. وأضاف النائب أن الحكومة لم ترسلها بعد."
    assert speakers(text) == ["رامز الحلو", "رامز الحلو"]


def test_a_name_after_a_titled_role_beats_a_genitive_that_looks_like_a_name():
    (c,) = claims("قال المدير العام للمركز الوطني لبحوث المياه والتربة، الدكتور كريم الزين، إن الآبار تجف.")
    assert (c.speaker_mention, c.role) == ("الدكتور كريم الزين", "المدير العام للمركز الوطني لبحوث المياه والتربة")


def test_a_headline_role_written_shorter_joins_the_named_holder():
    text = ("مدير مركز بحوث المياه: الآبار الجوفية تجف بسرعة\n\nعمان - الاثنين\n\n"
            "قال المدير العام للمركز الوطني لبحوث المياه والتربة، الدكتور كريم الزين، إن الآبار تجف.")
    assert speakers(text) == ["كريم الزين", "كريم الزين"]


def test_by_saying_after_amma_is_the_topics():
    assert speakers("أما هيئة الأرصاد الجوية فاكتفت بالقول إنها ستصدر تحديثاً صباح الغد.") == ["هيئة الأرصاد الجوية"]


def test_a_joined_cue_takes_the_name_set_off_after_the_opening_verbs_role():
    text = ("من جانبها، طالبت النائبة عن محافظة الشمال، سعاد الكردي، الحكومة بنشر العقود كاملة، "
            "وقالت إن \"الناس يريدون أن يعرفوا الحقيقة\".")
    assert speakers(text) == ["سعاد الكردي"]


# ---------------------------------------------------------------- wire-copy shapes


def test_hasabama_written_as_one_word_is_a_source_after_the_statement():
    (c,) = claims("وأصيب خمسة عمال في الحريق، حسبما ذكرت إذاعة المدينة.")
    assert (c.text, c.speaker_mention) == ("وأصيب خمسة عمال في الحريق", "إذاعة المدينة")


@pytest.mark.parametrize("text, expected", [
    ("وقال وزير النقل فارس الدباغ إن الخط سيفتح قريباً، في حين قال نظيره الأردني إن الموعد لم يحدد.",
     [("الخط سيفتح قريباً", "فارس الدباغ"), ("الموعد لم يحدد", "نظيره الأردني")]),
    ("وقال مدير الشركة إن العمل مستمر، غير أن النقابة أكدت أن الإضراب شامل.",
     [("العمل مستمر", "مدير الشركة"), ("الإضراب شامل", "النقابة")]),
])
def test_a_contrasted_second_speaker_ends_the_first_statement(text, expected):
    assert [(c.text, s) for c, s in zip(claims(text), speakers(text))] == expected


def test_a_participle_qualifying_an_office_is_no_surname():
    text = "وقال الوزير إن الاتفاق قريب، فيما رئيس الوفد المفاوض أكد أن الخلافات كبيرة."
    assert speakers(text)[1] == "رئيس الوفد المفاوض"


def test_denying_the_truth_of_reports_gives_no_phrase_as_speaker():
    assert claims("ونفى المتحدث باسم الشرطة صحة الأنباء التي تحدثت عن اعتقال الصحفي.") == []


@pytest.mark.parametrize("text, mention, statement", [
    ("ووصف رئيس البلدية المشروع بأنه \"إنجاز تاريخي للمدينة\".", "رئيس البلدية", "إنجاز تاريخي للمدينة"),
    ("وأبلغ وزير الصحة الصحفيين أن المستشفى سيفتتح الشهر المقبل.", "وزير الصحة", "المستشفى سيفتتح الشهر المقبل"),
    ("وأصر رئيس النقابة على أن الإضراب سيستمر حتى تلبية المطالب.", "رئيس النقابة", "الإضراب سيستمر حتى تلبية المطالب"),
])
def test_cues_with_an_object_before_the_statement(text, mention, statement):
    (c,) = claims(text)
    assert (c.speaker_mention, c.text) == (mention, statement)


# ---------------------------------------------------------------- English


def en_speakers(text: str) -> list[tuple[str, str | None]]:
    found = extract_claims(Article(id="e", text=text, source="-", sha256="", lang="en", date="2022-04-10"))
    resolved, known = resolve_speakers(found)
    names = {s.id: s.name for s in known}
    return [(c.text, names.get(c.speaker_id)) for c in resolved]


def test_english_role_then_name_set_off_by_commas_is_the_name():
    assert en_speakers("The port authority's director, Lena Moss, said the cranes were idle.") == [
        ("the cranes were idle", "Lena Moss")]


def test_english_contrasted_second_speaker_in_one_sentence():
    assert en_speakers("Growers said the harvest was lost, while the ministry insisted that yields were normal.") == [
        ("the harvest was lost", "Growers"), ("yields were normal", "ministry")]


def test_english_plural_present_cue_and_declined_to_say():
    assert en_speakers("Fishermen say the catch has halved.") == [("the catch has halved", "Fishermen")]
    assert en_speakers("The minister declined to say whether the quota would change.") == []


def test_english_headline_of_a_speaker_the_story_quotes():
    text = ("Port director: cranes will restart on Monday\n\nHALIFAX, Friday\n\n"
            "Port director Lena Moss said the cranes would restart after the holiday.")
    assert en_speakers(text)[0] == ("cranes will restart on Monday", "Lena Moss")
    label = "Canada: dock strike enters third week\n\nHALIFAX, Friday\n\nDockers said the strike would go on."
    assert [t for t, _ in en_speakers(label)] == ["the strike would go on"]


# ---------------------------------------------------------------- found reading the written stories' output


def test_a_participle_after_an_outlet_relaying_a_source_is_the_sources():
    text = ("قال وزير النقل سامي حداد إن الطريق سيفتح.\n\n"
            "ونقلت صحيفة \"المساء\" عن مسؤول في البلدية قوله إن الأعمال انتهت، مضيفاً أن الافتتاح سيكون غداً.")
    assert speakers(text) == ["سامي حداد", "مسؤول في البلدية", "مسؤول في البلدية"]


def test_a_subject_before_its_verb_with_a_relative_clause_set_off():
    text = ("قال مدير الشركة سامي داود إن العمل مستمر. غير أن رئيس لجنة الأهالي عادل النمر، "
            "الذي حضر الاجتماع بصفة مراقب، قال إن المياه مقطوعة.")
    assert speakers(text) == ["سامي داود", "عادل النمر"]


def test_said_in_it_after_a_comma_is_the_opening_verbs_subject():
    text = ("قال مدير الشركة سامي داود إن العمل مستمر. وقدمت المهندسة ريم الخطيب تقريراً مفصلاً أمام اللجنة، "
            "قالت فيه إن الشبكة متهالكة.")
    assert speakers(text) == ["سامي داود", "ريم الخطيب"]


def test_a_preposition_after_a_head_and_its_participle_stays_in_the_role():
    text = ("قال مدير الشركة سامي داود إن العمل مستمر. وقدمت الخبيرة المستقلة في شؤون الطاقة الدكتورة "
            "سلمى حيدر عرضاً أمام اللجنة، قالت فيه إن الشبكة متهالكة.")
    assert speakers(text) == ["سامي داود", "سلمى حيدر"]


def test_a_pronoun_governed_by_a_preposition_is_never_the_speaker():
    text = "وقالت الوزارة في بيان إن الوزير عقد اجتماعاً مع المحافظين، أكد خلاله أن الخطة ستنفذ كاملة."
    assert all(c.speaker_mention != "خلاله" for c in claims(text))
    assert speakers(text)[-1] == "الوزارة"


def test_an_unnamed_source_in_the_accusative_is_named_in_the_nominative_and_joins_its_senior_synonym():
    text = ("وقال مسؤول أوروبي رفيع المستوى إن العقوبات ستفرض قريباً. "
            "وفي الوقت الذي تتواصل فيه المشاورات، فإن مسؤولاً أوروبياً كبيراً يتوقع أن تتأخر الحزمة الجديدة.")
    names = speakers(text)
    assert len(names) == 2 and names[0] == names[1] == "مسؤول أوروبي رفيع المستوى"
    alone = "في ظل التوتر، فإن مصدراً دبلوماسياً يتوقع أن تستأنف المحادثات قريباً."
    assert speakers(alone) == ["مصدر دبلوماسي"]


def test_a_step_described_by_a_named_speaker_in_a_relative_clause():
    text = "وأقر المجلس القانون، في خطوة وصفها وزير العدل سامي فارس بأنها \"انتصار لاستقلال القضاء\"."
    (c,) = claims(text)
    assert (c.text, speakers(text)) == ("انتصار لاستقلال القضاء", ["سامي فارس"])


def test_a_colleague_or_counterpart_is_a_role_before_a_name():
    text = ("قال النائب نبيل عواد إن الجلسة تاريخية، بينما قال زميله في الكتلة الوطنية سامر حداد "
            "إن التصويت \"خطأ فادح\".")
    assert speakers(text) == ["نبيل عواد", "سامر حداد"]


def test_english_cue_in_a_relative_clause_is_no_attribution():
    text = "Title\n\nHundreds protested against the closure of the ward, which officials say is unsafe to run."
    assert en_speakers(text) == []


def test_english_but_before_a_speaker_with_an_appositive_clause():
    text = ("Title\n\nThe minister said the ward was unsafe. But opposition lawmaker Nora Diaz, whose district "
            "includes the town, said the budget had been cut twice.")
    assert en_speakers(text)[1] == ("the budget had been cut twice", "Nora Diaz")


def test_english_according_to_a_statement_names_its_issuer_and_ends_the_claim():
    text = ("Title\n\nThe nurses' union, Unison, warned that lives were at risk, according to a statement on its website. "
            "The suspects were aged 20 to 30, according to a police statement. "
            "Prices will rise, according to the statement.")
    assert en_speakers(text) == [("lives were at risk", "Unison"), ("The suspects were aged 20 to 30", "police"),
                                 ("Prices will rise", "police")]


@pytest.mark.parametrize("text, speaker", [
    ("وأوضح بلاغ لوزارة الصحة أن حملة التلقيح ستنطلق الإثنين.", "وزارة الصحة"),
    ("وأفاد بلاغ صادر عن المديرية العامة للجمارك بأن الشحنة حجزت.", "المديرية العامة للجمارك"),
])
def test_a_maghreb_balagh_names_its_issuer(text, speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("وحسب بيان للحكومة، فإن الدعم سيستمر حتى نهاية العام.", "الحكومة"),
    ("وقال بيان للجيش الوطني إن القوات انسحبت من التلال.", "الجيش الوطني"),
    ("وأشار تقرير للأمم المتحدة إلى أن نصف السكان يعانون من الجوع.", "الأمم المتحدة"),
])
def test_a_statement_of_an_organisation_with_lam_before_its_article_names_it(text, speaker):
    assert speakers(text) == [speaker]


def test_as_he_put_it_gives_the_clause_to_the_current_speaker():
    text = "وقال مدير المصنع إن الإنتاج سيرتفع. والمصنع \"متأخر بسبب نقص المواد\"، على حد قوله."
    assert speakers(text) == ["مدير المصنع", "مدير المصنع"]


def test_a_contrasted_denial_with_an_object_ends_the_first_statement():
    (c, *_) = claims("وأعلن الجيش، في بيان، أنه استعاد السيطرة على المطار، فيما نفت قوات المعارضة ذلك.")
    assert c.text == "استعاد السيطرة على المطار"


def test_a_free_quote_after_a_verb_and_colon_keeps_the_whole_subject():
    text = "عنوان\n\nوتساءل رئيس حزب العمال: \"من سيدفع ثمن هذه الأخطاء؟\"."
    (c,) = claims(text)
    assert c.speaker_mention == "رئيس حزب العمال"
