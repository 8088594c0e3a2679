from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from claimcheck.extract import extract_claims
from claimcheck.extract.speakers import resolve_speakers
from claimcheck.evaluation.extraction import load_gold, run_extraction, score
from claimcheck.records import Article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold_claims.jsonl"


def article(text: str, lang: str = "ar", date: str | None = "2021-12-12") -> Article:
    return Article(id="t", text=text, source="-", sha256="", lang=lang, date=date)


def claims(text: str, lang: str = "ar", date: str | None = "2021-12-12"):
    found = extract_claims(article(text, lang, date))
    for c in found:
        assert c.text == text[c.start:c.end]
    return found


def texts(text: str, lang: str = "ar") -> list[str]:
    return [c.text for c in claims(text, lang)]


# ---------------------------------------------------------------- direct quotes


@pytest.mark.parametrize("open_mark, close_mark", [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("”", "“")])
def test_quotes_in_every_mark(open_mark, close_mark):
    text = f"وقال الوزير في بيان: {open_mark}لن نتراجع عن هذا القرار مهما كانت الضغوط{close_mark}."
    (c,) = claims(text)
    assert (c.text, c.kind, c.cue, c.speaker_mention) == (
        "لن نتراجع عن هذا القرار مهما كانت الضغوط", "direct", "وقال", "الوزير")
    assert c.channel == "في بيان"


def test_several_quotes_in_one_sentence_and_a_quote_after_a_mid_sentence_cue():
    text = ('وقال الأعرجي حينها: "لم تعد هناك قوات قتالية"، و"ما تبقى هم مستشارون"، و"العراق قادر على حماية أمنه". '
            'وقال الخفاجي في تصريح: “لم يعد هناك أي جندي أجنبي”، وأضاف: “من تبقى هم مدربون فقط”.')
    found = claims(text)
    assert [c.text for c in found] == ["لم تعد هناك قوات قتالية", "ما تبقى هم مستشارون",
                                       "العراق قادر على حماية أمنه", "لم يعد هناك أي جندي أجنبي",
                                       "من تبقى هم مدربون فقط"]
    assert [c.cue for c in found] == ["وقال"] * 4 + ["وأضاف"]
    assert {c.speaker_mention for c in found[:3]} == {"الأعرجي"} and found[4].speaker_mention == "الخفاجي"


def test_quoted_names_are_not_claims():
    text = ('قال قيادي في "كتائب حزب الله" لـ"العربي الجديد" إن الفصائل لن تنسحب من مواقعها. '
            'وتُعدّ "كتائب حزب الله" من أبرز الفصائل ضمن ما يعرف بـ"محور المقاومة". '
            'وكتب على "تويتر" منشوراً عن قاعدة "البرج 22".')
    assert texts(text) == ["الفصائل لن تنسحب من مواقعها"]


def test_postposed_cue_after_a_quote():
    text = "«لقد تعرضنا لخسارة كبيرة في هذه الانتخابات»، يقول القيادي في التحالف حسن الساعدي لـ\"شفق نيوز\"."
    (c,) = claims(text)
    assert (c.text, c.cue, c.kind) == ("لقد تعرضنا لخسارة كبيرة في هذه الانتخابات", "يقول", "direct")
    assert c.speaker_mention == "القيادي في التحالف حسن الساعدي" and c.role == "القيادي في التحالف"
    assert c.channel == 'لـ"شفق نيوز"'


def test_unbalanced_quote_stops_at_the_paragraph_end():
    text = 'وقال الوزير: "لن نتراجع عن القرار وسنمضي فيه\n\nوأكد المتحدث باسم الحكومة أن الموازنة ستقر قريباً.'
    found = claims(text)
    assert [c.text for c in found] == ["لن نتراجع عن القرار وسنمضي فيه", "الموازنة ستقر قريباً"]
    assert found[1].speaker_mention == "المتحدث باسم الحكومة"


def test_free_standing_quote_carries_the_speaker_over():
    text = ("وقال وزير الدفاع في مؤتمر صحافي إن القوات جاهزة.\n"
            "«نحن مستعدون لكل الاحتمالات ولن نسمح بأي اعتداء على أراضينا»\n")
    found = claims(text)
    assert found[1].kind == "direct" and found[1].cue is None and found[1].speaker_mention == "وزير الدفاع"


# ---------------------------------------------------------------- reported speech and speakers


def test_speaker_role_and_channel_are_split_from_the_subject():
    text = ('وقال نائب زعيم جماعة "حركة الأبدال"، أحد الفصائل المسلحة الحليفة لطهران في العراق، '
            'الشيخ كمال الحسناوي، في حديث مع "العربي الجديد"، إن الحديث عن الانسحاب "خداع للرأي العام".')
    (c,) = claims(text)
    assert c.text == 'الحديث عن الانسحاب "خداع للرأي العام"' and c.kind == "reported"
    assert c.speaker_mention == "الشيخ كمال الحسناوي"
    assert c.role == 'نائب زعيم جماعة "حركة الأبدال"'
    assert c.channel == 'في حديث مع "العربي الجديد"'


@pytest.mark.parametrize("text, statement, mention", [
    ("أعلن رئيس الوزراء مصطفى الكاظمي، مساء السبت، أن المهام القتالية انتهت رسمياً.",
     "المهام القتالية انتهت رسمياً", "رئيس الوزراء مصطفى الكاظمي"),
    ("وكان مستشار الأمن القومي قاسم الأعرجي قد أعلن، الخميس الماضي، أن الاجتماعات انتهت بالاتفاق.",
     "الاجتماعات انتهت بالاتفاق", "مستشار الأمن القومي قاسم الأعرجي"),
    ("أما زعيم التيار الصدري مقتدى الصدر، فأكد في تغريدة أن حكومة الأغلبية هي الخيار الوحيد.",
     "حكومة الأغلبية هي الخيار الوحيد", "زعيم التيار الصدري مقتدى الصدر"),
    ("وكانت \"كتائب حزب الله\" قد أعلنت، مساء الثلاثاء، في بيان، أنها قررت تعليق عملياتها.",
     "قررت تعليق عملياتها", "كتائب حزب الله"),
    ("وحذّر ماكنزي من أن الفصائل قد تصعّد هجماتها خلال الأسابيع المقبلة.",
     "الفصائل قد تصعّد هجماتها خلال الأسابيع المقبلة", "ماكنزي"),
    ("ونفى الخفاجي أن تكون القوات قد نقلت معدات جديدة.", "تكون القوات قد نقلت معدات جديدة", "الخفاجي"),
    ("وصرّح الناطق باسم الحكومة، في مؤتمر صحفي عقده ببغداد، بأن الموازنة ستُقرّ الأسبوع المقبل.",
     "الموازنة ستُقرّ الأسبوع المقبل", "الناطق باسم الحكومة"),
    ("ونقلت وكالة رويترز عن مصدر دبلوماسي قوله إن المحادثات تعثرت بسبب العقوبات.",
     "المحادثات تعثرت بسبب العقوبات", "مصدر دبلوماسي"),
    ("وقال الرئيس الأمريكي جو بايدن، في خطاب متلفز، إن بلاده ستقف إلى جانب حلفائها.",
     "بلاده ستقف إلى جانب حلفائها", "الرئيس الأمريكي جو بايدن"),
    ("ورأى المحلل السياسي أحمد الشريفي أن الحكومة تواجه تحديات كبيرة.",
     "الحكومة تواجه تحديات كبيرة", "المحلل السياسي أحمد الشريفي"),
    ("قال القيادي في حركة حماس أسامة حمدان، في مؤتمر صحفي، إن الحركة لن توافق على الاتفاق.",
     "الحركة لن توافق على الاتفاق", "القيادي في حركة حماس أسامة حمدان"),
    ("وأوضح المصدر، الذي طلب عدم الكشف عن اسمه، أن القوات تحركت ليلاً.", "القوات تحركت ليلاً", "المصدر"),
    ("وأكد في الوقت ذاته أن الحوار هو الطريق الوحيد.", "الحوار هو الطريق الوحيد", None),
    ("وختم بالقول إن بلاده ستواصل جهودها.", "بلاده ستواصل جهودها", None),
])
def test_reported_speech_in_several_styles(text, statement, mention):
    (c,) = claims(text)
    assert (c.text, c.kind, c.speaker_mention) == (statement, "reported", mention)


def test_postposed_cue_with_the_hearer_and_place_as_channel():
    (c,) = claims("«المفاوضات لم تنهر بعد، وما زالت هناك فرصة»، قال رئيس الوزراء القطري محمد بن عبد الرحمن "
                  "آل ثاني للصحفيين في الدوحة.")
    assert c.speaker_mention == "رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني"
    assert (c.role, c.channel) == ("رئيس الوزراء القطري", "للصحفيين في الدوحة")


def test_abstract_nouns_are_not_speakers():
    text = "وتشير التقديرات إلى أن عدد النازحين تجاوز مليون شخص، بحسب الأمم المتحدة."
    (c,) = claims(text)
    assert (c.text, c.speaker_mention, c.cue) == ("عدد النازحين تجاوز مليون شخص", "الأمم المتحدة", "بحسب")
    assert claims("وتشير التقديرات إلى أن عدد النازحين تجاوز مليون شخص.") == []


def test_source_phrases_before_and_after_the_statement():
    text = ("وبحسب كيربي، فإن واشنطن لا تخطط لأي تخفيض إضافي. "
            "قتل ثلاثة أشخاص في انفجار وسط بغداد، بحسب مصادر أمنية. "
            "ووفقاً لما ذكرته الكعبي، فإن عدداً من النواب يعتزمون جمع تواقيع. "
            "وبحسب الاتفاق، تنسحب القوات خلال عام.")
    found = claims(text)
    assert [(c.text, c.speaker_mention) for c in found] == [
        ("واشنطن لا تخطط لأي تخفيض إضافي", "كيربي"),
        ("قتل ثلاثة أشخاص في انفجار وسط بغداد", "مصادر أمنية"),
        ("عدداً من النواب يعتزمون جمع تواقيع", "الكعبي")]


def test_participle_ends_the_first_claim_and_starts_a_second():
    text = 'وأضاف أن المفاوضات "مجرد محاولة لكسب الوقت"، معتبراً أن "الأمريكيين لن يخرجوا إلا بالقوة".'
    first, second = claims("وقال الحسناوي إن الهدنة انتهت. " + text)[1:]
    assert first.text == 'المفاوضات "مجرد محاولة لكسب الوقت"' and first.kind == "reported"
    assert second.text == "الأمريكيين لن يخرجوا إلا بالقوة" and second.kind == "direct"
    assert second.cue == "معتبراً" and second.speaker_mention == "الحسناوي"


def test_continuation_follows_gender_agreement():
    text = ("وأوضحت المتحدثة باسم الوزارة رنا الحسيني أن الإجراءات مؤقتة. "
            "وقال الوزير سامي العلي إن الحكومة ستراجع القرار. "
            "وأكدت أن القرار نهائي. وأضاف أن المراجعة تبدأ غداً.")
    found = claims(text)
    assert [c.speaker_mention for c in found] == [
        "المتحدثة باسم الوزارة رنا الحسيني", "الوزير سامي العلي",
        "المتحدثة باسم الوزارة رنا الحسيني", "الوزير سامي العلي"]


def test_unnamed_sources_are_kept_as_written():
    text = ("قال قيادي في كتائب حزب الله، طلب عدم ذكر اسمه، لـ\"العربي الجديد\"، إن الفصائل جاهزة. "
            "وكشف مسؤول عسكري أمريكي رفيع المستوى، فضّل عدم الكشف عن هويته، أن ألف جندي سيبقون. "
            "وقال المسؤول ذاته إن القدرات لن تتغير. ويرى مراقبون أن المرحلة المقبلة صعبة.")
    assert [c.speaker_mention for c in claims(text)] == [
        "قيادي في كتائب حزب الله", "مسؤول عسكري أمريكي رفيع المستوى", "المسؤول ذاته", "مراقبون"]


def test_headline_with_a_speaker_quoted_in_the_story_is_a_claim_and_a_label_is_not():
    body = "\n\nقال قائد القيادة المركزية الجنرال كينيث ماكنزي إن القوات باقية."
    found = claims("ماكنزي: واشنطن ستبقي 2500 جندي في العراق" + body)
    assert [(c.text, c.cue, c.speaker_mention) for c in found][0] == (
        "واشنطن ستبقي 2500 جندي في العراق", None, "ماكنزي")
    assert len(claims("مصر: اكتشاف هياكل بشرية داخل تابوت يعود إلى ما قبل الميلاد" + body)) == 1
    assert len(claims("عاجل: انفجار يهز وسط بغداد صباح اليوم" + body)) == 1
    assert claims("العراق يعلن انتهاء المهام القتالية للتحالف\n\nنص.") == []


def test_subject_before_the_verb():
    (c,) = claims("برلين تؤكد: حرب تجارية قريبة مع الولايات المتحدة")
    assert (c.speaker_mention, c.cue, c.text) == ("برلين", "تؤكد", "حرب تجارية قريبة مع الولايات المتحدة")
    (c,) = claims("والحكومة أكدت أن الانتخابات ستجري في موعدها.")
    assert c.speaker_mention == "الحكومة"
    (c,) = claims("ويوم الأحد قال إن الانتخابات ستجري في موعدها.")
    assert c.speaker_mention is None


def test_a_second_cue_after_but_and_verbal_nouns():
    found = claims("قال الوزير إن الأسعار مستقرة، لكنه أكد أن الدعم سيتراجع. "
                   "وارتفعت الأسعار وسط توقع أن ترتفع أكثر.")
    assert [(c.text, c.cue, c.speaker_mention) for c in found] == [
        ("الأسعار مستقرة", "قال", "الوزير"), ("الدعم سيتراجع", "أكد", "الوزير")]


def test_narration_without_a_speaker_is_not_a_claim():
    text = ("وتأتي هذه الخطوة تنفيذاً لمخرجات الحوار بين بغداد وواشنطن. "
            "وصادقت المحكمة على النتائج بعد أن ردّت الدعوى. ويُذكر أن القوات انتشرت عام 2014.")
    assert claims(text) == []


def test_claim_fields_ids_dates_and_order():
    text = "الأحد 2021/12/12\n\nأعلن الوزير، مساء السبت، أن المهام انتهت. وقال أمس إن القوات غادرت. " \
           "وأكد الوزير، الخميس الماضي، أن القرار نهائي."
    found = claims(text, date="2021-12-12")
    assert [c.claim_date for c in found] == ["2021-12-11", "2021-12-11", "2021-12-09"]
    assert [c.start for c in found] == sorted(c.start for c in found)
    first = found[0]
    assert first.id == f"t:{first.start}-{first.end}" and first.article_id == "t"
    assert first.date == "2021-12-12" and first.sentence.startswith("أعلن الوزير")


def test_quote_with_diacritics_keeps_exact_offsets():
    text = "وقالَ الوزيرُ: «لَنْ نَتَراجَعَ عن القرارِ رسمياً»."
    (c,) = claims(text)
    assert c.text == "لَنْ نَتَراجَعَ عن القرارِ رسمياً"


# ---------------------------------------------------------------- English


def test_english_attribution_patterns():
    text = ("BAGHDAD, Dec 9, 2021 - The United States will keep 2,500 troops in Iraq, the head of U.S. "
            "Central Command said on Thursday.\n\n"
            "\"We will keep our current force,\" Gen. Kenneth McKenzie told Reuters in an interview.\n\n"
            "\"The mission has changed,\" he added. McKenzie warned that militias could step up attacks.\n\n"
            "According to a senior U.S. official, about 1,000 troops will stay at Ain al-Asad. "
            "The official, who spoke on condition of anonymity, said the rest would be split. "
            "Speaking at the Pentagon, Austin said: \"Our commitment is not changing.\" "
            "The talks have stalled, officials said.")
    found = claims(text, lang="en", date="2021-12-09")
    assert [(c.text, c.cue, c.speaker_mention, c.kind) for c in found] == [
        ("The United States will keep 2,500 troops in Iraq", "said", "the head of U.S. Central Command", "reported"),
        ("We will keep our current force", "told", "Gen. Kenneth McKenzie", "direct"),
        ("The mission has changed", "added", "he", "direct"),
        ("militias could step up attacks", "warned", "McKenzie", "reported"),
        ("about 1,000 troops will stay at Ain al-Asad", "According to", "a senior U.S. official", "reported"),
        ("the rest would be split", "said", "The official", "reported"),
        ("Our commitment is not changing", "said", "Austin", "direct"),
        ("The talks have stalled", "said", "officials", "reported"),
    ]
    assert found[0].claim_date == "2021-12-09"


def test_english_appositive_and_adding():
    text = ("Kamal al-Hasnawi, deputy leader of the Abdal Movement, claimed that the troops had been relabeled. "
            "\"We will not allow it,\" Araji told reporters, adding that the first meeting had been held.")
    found = claims(text, lang="en")
    assert found[0].speaker_mention == "Kamal al-Hasnawi" and found[0].role == "deputy leader of the Abdal Movement"
    assert [(c.text, c.cue) for c in found[1:]] == [("We will not allow it", "told"),
                                                    ("the first meeting had been held", "adding")]
    assert found[2].speaker_mention == "Araji"


# ---------------------------------------------------------------- gold and properties


@pytest.mark.parametrize("gold_file, min_f1, min_speaker", [
    (GOLD, 0.98, 0.97),
    (ROOT / "tests" / "data" / "extraction-dev" / "gold_claims.jsonl", 0.97, 0.92),
    # Once the blind set (first measured F1 0.966, speaker 0.907); its misses then shaped fixes
    # of general patterns, so it is a development set now, held to the floor of 0.95.
    (ROOT / "tests" / "data" / "heldout" / "gold_claims.jsonl", 0.95, 0.95),
    # Written blind (first measured recall 0.898, speaker 0.886), then its misses shaped fixes.
    (ROOT / "tests" / "data" / "blind-fisheries" / "gold_claims.jsonl", 0.95, 0.95),
])
def test_extractor_meets_the_floors_on_the_gold_files(gold_file, min_f1, min_speaker):
    if not gold_file.exists():
        pytest.skip("no gold annotation")
    gold = load_gold(gold_file)
    result = score(gold, *run_extraction(list(dict.fromkeys(g.file for g in gold)), ROOT))
    assert result["claims"]["f1"] >= min_f1, result["misses"] + result["false_positives"]
    assert result["speaker"]["accuracy"] >= min_speaker, result["wrong_speakers"]


_PIECES = st.sampled_from([
    "قال", "وقال", "إن", "أن", "بأن", ":", "«", "»", '"', "“", "”", "،", ".", "\n", " ", "الوزير",
    "الكاظمي", "في بيان", "لـ", "بحسب", "مشيراً", "إلى", "أمس", "كان", "قد", "أما", "فأكد", "ً",
    "ـ", "٣", "said", "that", "He", "according to", ",", "Gen.", "official", "told", "ذاته",
    "ماكنزي:", "(", ")"])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map(" ".join)),
       st.sampled_from(["ar", "en"]))
def test_any_text_gives_claims_whose_offsets_slice_back(text, lang):
    found = extract_claims(article(text, lang))
    assert isinstance(found, list)
    for c in found:
        assert c.text == text[c.start:c.end] and c.text.strip()
        assert c.id == f"t:{c.start}-{c.end}"


@pytest.mark.parametrize("text", ["أضاف()\"\":ن '", "ف:قال““أن t -"])
def test_odd_fragments_found_by_review_do_not_crash(text):
    from claimcheck.extract.speakers import resolve_speakers

    resolved, _ = resolve_speakers(claims(text))  # extraction, then speakers, as check runs them
    assert all(c.text == text[c.start:c.end] for c in resolved)


def test_a_denial_with_an_object_then_a_participle_states_what_the_participle_says():
    # نفى takes an object here, so what follows "مؤكداً أن" is asserted, not denied.
    (c,) = claims("ونفى مدير الميناء ما تتناقله مواقع التواصل الاجتماعي عن تكدس الحاويات، "
                  "مؤكداً أن الحركة في الساحات طبيعية تماماً.")
    assert (c.text, c.cue, c.speaker_mention) == ("الحركة في الساحات طبيعية تماماً", "مؤكداً", "مدير الميناء")


def test_a_participle_after_a_non_speech_verb_takes_that_verbs_subject():
    found = claims("وقال رئيس النقابة خالد العمري إن الإضراب مستمر. "
                   "ورفض وزير النقل سامر الحلبي هذه الاتهامات، مؤكداً أن الوزارة ستصرف الرواتب هذا الأسبوع.")
    assert [(c.cue, c.speaker_mention) for c in found] == [
        ("وقال", "رئيس النقابة خالد العمري"), ("مؤكداً", "وزير النقل سامر الحلبي")]


@pytest.mark.parametrize("subject, name", [
    ("رئيس النقابة العامة لعمال الموانئ خالد العمري", "خالد العمري"),
    ("المدير العام لشركة مياه بئر الزيتون نبيل الشامي", "نبيل الشامي"),
    ("وزير الأوقاف نور الدين محمد الحسن", "نور الدين محمد الحسن"),
])
def test_a_genitive_chain_after_the_role_is_not_part_of_the_name(subject, name):
    (c,) = claims(f"وقال {subject} إن العمل سيستأنف يوم الأحد المقبل.")
    (speaker,) = resolve_speakers([c])[1]
    assert speaker.name == name and speaker.role == subject[:-len(name)].strip()


def test_the_topic_of_amma_speaks_for_the_verb_joined_after_it():
    (c,) = claims("أما نائب رئيس غرفة التجارة هشام الدباغ فأعرب عن قلق التجار، "
                  "وقال إن الخسائر تجاوزت عشرين مليون دولار.")
    assert c.speaker_mention == "نائب رئيس غرفة التجارة هشام الدباغ"


def test_an_arabic_ellipsis_does_not_end_the_sentence():
    (c,) = claims("وتشير تقارير أممية.. إلى أن عدد النازحين تضاعف خلال العام الماضي.")
    assert (c.text, c.speaker_mention) == ("عدد النازحين تضاعف خلال العام الماضي", "تقارير أممية")


def test_a_cue_after_an_ellipsis_starts_a_new_statement():
    found = claims("قال الوزير سامي الحداد إن الوضع مستقر تماما.. وأضاف أن الحكومة ستعلن خطة جديدة.")
    assert [c.text for c in found] == ["الوضع مستقر تماما", "الحكومة ستعلن خطة جديدة"]


def test_what_was_said_from_an_an_clause():
    (c,) = claims("ويتفق ذلك مع ما قاله رئيس الحكومة من أن الأزمة انتهت تماما.")
    assert (c.text, c.speaker_mention) == ("الأزمة انتهت تماما", "رئيس الحكومة")


def test_a_verb_with_a_pronoun_object_alone_is_no_claim():
    found = claims("وتوعدت الفصائل بالتصعيد، وأشارت إلى أنها ستطردهم مهزومين. وقال القائد إن الحرب انتهت.")
    assert [c.text for c in found] == ["الحرب انتهت"]
