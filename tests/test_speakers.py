from claimcheck.extract import extract_claims
from claimcheck.extract.speakers import resolve_speakers
from claimcheck.records import Article, Claim, Speaker


def claim(article_id: str, n: int, mention: str | None, role: str | None = None) -> Claim:
    start = n * 100
    return Claim(id=f"{article_id}:{start}-{start + 10}", article_id=article_id, text="نص", kind="reported",
                 start=start, end=start + 10, sentence="نص", speaker_mention=mention, role=role)


def resolve(*claims: Claim, known=()):
    out, speakers = resolve_speakers(list(claims), list(known))
    by_id = {s.id: s for s in speakers}
    return [by_id.get(c.speaker_id) for c in out], speakers


def test_surname_full_name_and_title_forms_merge():
    got, speakers = resolve(claim("a", 1, "رئيس الوزراء مصطفى الكاظمي", "رئيس الوزراء"),
                            claim("a", 2, "الكاظمي"), claim("a", 3, "مصطفى الكاظمي"))
    assert len({s.id for s in got}) == 1 and len(speakers) == 1
    kadhimi = got[0]
    assert kadhimi.name == "مصطفى الكاظمي" and kadhimi.role == "رئيس الوزراء" and kadhimi.kind == "person"
    assert "الكاظمي" in kadhimi.aliases and "رئيس الوزراء مصطفى الكاظمي" in kadhimi.aliases


def test_bare_role_joins_the_person_named_with_that_role_in_the_article():
    got, _ = resolve(claim("a", 1, "رئيس الوزراء العراقي مصطفى الكاظمي", "رئيس الوزراء العراقي"),
                     claim("a", 2, "وزير الخارجية فؤاد حسين", "وزير الخارجية"),
                     claim("a", 3, "رئيس الحكومة العراقية"), claim("a", 4, "الوزير"))
    assert got[2].id == got[0].id and got[3].id == got[1].id


def test_a_bare_role_in_another_article_stays_apart():
    got, _ = resolve(claim("a", 1, "رئيس الوزراء مصطفى الكاظمي", "رئيس الوزراء"),
                     claim("b", 1, "المتحدث باسم الحكومة"))
    assert got[1].id != got[0].id and got[1].name == "المتحدث باسم الحكومة"


def test_compound_surnames_merge():
    got, _ = resolve(claim("a", 1, "رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني", "رئيس الوزراء القطري"),
                     claim("a", 2, "آل ثاني"), claim("b", 1, "أبو مهدي المهندس"), claim("b", 2, "المهندس"))
    assert got[0].id == got[1].id and got[0].name == "محمد بن عبد الرحمن آل ثاني"
    assert got[2].id == got[3].id and got[2].id != got[0].id


def test_two_people_with_the_same_title_or_first_name_stay_apart():
    got, speakers = resolve(claim("a", 1, "الجنرال كينيث ماكنزي"), claim("a", 2, "الجنرال مارك ميلي"),
                            claim("a", 3, "كمال الحسناوي"), claim("a", 4, "كمال الساعدي"),
                            claim("a", 5, "ماكنزي"), claim("a", 6, "الساعدي"))
    ids = [s.id for s in got]
    assert len(set(ids[:4])) == 4
    assert ids[4] == ids[0] and ids[5] == ids[3]
    assert {s.name for s in speakers} == {"كينيث ماكنزي", "مارك ميلي", "كمال الحسناوي", "كمال الساعدي"}


def test_a_surname_shared_by_two_people_in_different_stories_does_not_merge_them():
    got, _ = resolve(claim("port", 1, "وزير النقل سامر الحلبي", "وزير النقل"), claim("port", 2, "الحلبي"),
                     claim("water", 1, "المتحدث باسم لجنة السكان مازن الحلبي", "المتحدث باسم لجنة السكان"),
                     claim("water", 2, "الحلبي"))
    minister, same_minister, spokesman, same_spokesman = (s.id for s in got)
    assert minister == same_minister and spokesman == same_spokesman and minister != spokesman
    assert got[2].name == "مازن الحلبي"


def test_unnamed_sources_never_join_named_people():
    got, _ = resolve(claim("a", 1, "قيادي في كتائب حزب الله", "قيادي في كتائب حزب الله"),
                     claim("a", 2, "القيادي في كتائب حزب الله أبو علي العسكري"),
                     claim("a", 3, "مسؤول عسكري أمريكي رفيع المستوى"), claim("a", 4, "المسؤول ذاته"),
                     claim("b", 1, "قيادي في كتائب حزب الله"))
    unnamed, named, official, same, elsewhere = got
    assert unnamed.kind == "unnamed" and named.kind == "person" and unnamed.id != named.id
    assert named.name == "أبو علي العسكري"
    assert same.id == official.id and official.name == "مسؤول عسكري أمريكي رفيع المستوى"
    assert elsewhere.id == unnamed.id  # the same unnamed role string may share an id


def test_known_speakers_keep_their_id_and_gain_aliases():
    first, speakers = resolve(claim("a", 1, "مستشار الأمن القومي قاسم الأعرجي", "مستشار الأمن القومي"))
    again, updated = resolve(claim("b", 1, "الأعرجي"), claim("b", 2, "هادي العامري"), known=speakers)
    assert again[0].id == first[0].id and "الأعرجي" in again[0].aliases
    assert again[0].role == "مستشار الأمن القومي"
    assert [s.id for s in updated][:1] == [first[0].id] and len(updated) == 2


def test_ids_are_deterministic_and_independent_of_the_run():
    claims = [claim("a", 1, "زعيم تحالف الفتح هادي العامري", "زعيم تحالف الفتح"), claim("a", 2, "العامري")]
    one, _ = resolve(*claims)
    two, _ = resolve(*reversed(claims))
    assert one[0].id == two[0].id and one[0].id.startswith("spk-")


def test_english_pronoun_and_lead_role_resolve_to_the_named_person():
    text = ("The United States will keep 2,500 troops in Iraq, the head of U.S. Central Command said on Thursday.\n\n"
            "\"We will keep our force,\" Gen. Kenneth McKenzie told Reuters.\n\n"
            "\"The mission has changed,\" he added.")
    article = Article(id="en", text=text, source="-", sha256="", lang="en", date="2021-12-09")
    got, speakers = resolve(*extract_claims(article))
    assert [s.name for s in got] == ["Kenneth McKenzie"] * 3 and len(speakers) == 1


def test_arabic_and_english_articles_resolve_together():
    ar = Article(id="ar", text="قال المتحدث باسم قيادة العمليات المشتركة اللواء تحسين الخفاجي إن القوات غادرت. "
                               "وأضاف الخفاجي أن المستشارين باقون.", source="-", sha256="", lang="ar")
    got, speakers = resolve(*extract_claims(ar), known=[Speaker(id="spk-old", name="قاسم الأعرجي")])
    assert got[0].id == got[1].id and got[0].name == "تحسين الخفاجي"
    assert got[0].role == "المتحدث باسم قيادة العمليات المشتركة"
    assert [s.id for s in speakers][0] == "spk-old"


def test_english_mentions_get_the_right_kind():
    got, _ = resolve(claim("e", 1, "A spokesperson for the ministry"), claim("e", 2, "Iraq's foreign ministry"),
                     claim("e", 3, "a senior U.S. official"), claim("e", 4, "The official"),
                     claim("e", 5, "Defense Secretary Lloyd Austin"), claim("e", 6, "Austin"))
    assert [s.kind for s in got] == ["unnamed", "organisation", "unnamed", "unnamed", "person", "person"]
    assert got[3].id == got[2].id and got[5].id == got[4].id
    assert got[1].name == "foreign ministry" and got[4].name == "Lloyd Austin" and got[4].role == "Defense Secretary"


def test_short_forms_of_an_organisation_join_its_full_name_in_the_article():
    got, speakers = resolve(claim("a", 1, "الكهرباء"),
                            claim("a", 2, "سعد الفارس", "المدير الإعلامي لوزارة الكهرباء والطاقة المتجددة"),
                            claim("a", 3, "وزارة الكهرباء"), claim("a", 4, "الوزارة"))
    ministry = got[0]
    assert ministry.kind == "organisation" and ministry.name == "وزارة الكهرباء والطاقة المتجددة"
    assert got[2].id == got[3].id == ministry.id and got[1].id != ministry.id
    assert {"الكهرباء", "وزارة الكهرباء", "الوزارة"} <= set(ministry.aliases)


def test_a_short_form_that_could_be_two_organisations_or_a_surname_stays_apart():
    got, _ = resolve(claim("a", 1, "وزارة الصحة العامة"), claim("a", 2, "وزارة الصحة الحيوانية"),
                     claim("a", 3, "وزارة الصحة"), claim("a", 4, "الوزارة"))
    assert len({s.id for s in got}) == 4
    got, _ = resolve(claim("b", 1, "ماجد الرفاعي", "مدير مؤسسة الرفاعي الخيرية"), claim("b", 2, "الرفاعي"))
    assert got[1].id == got[0].id and got[1].kind == "person"


def test_generic_sources_stay_in_their_article():
    got, _ = resolve(claim("a", 1, "مراقبون"), claim("a", 2, "مراقبون"), claim("b", 1, "مراقبون"),
                     claim("a", 3, "البيان"), claim("b", 2, "البيان"), claim("a", 4, "الفصيل"), claim("b", 3, "الفصيل"))
    observers_a, again_a, observers_b, statement_a, statement_b, faction_a, faction_b = (s.id for s in got)
    assert observers_a == again_a and observers_a != observers_b
    assert statement_a != statement_b and faction_a != faction_b


def test_a_second_basim_after_a_role_is_a_given_name():
    got, _ = resolve(claim("a", 1, "الناطق باسم الحكومة باسم العوادي"), claim("a", 2, "العوادي"))
    assert got[0].name == "باسم العوادي" and got[0].role == "الناطق باسم الحكومة" and got[1].id == got[0].id


def test_a_description_after_a_name_is_a_role():
    got, _ = resolve(claim("a", 1, "رامي الخطيب السياسي والنائب السابق"), claim("a", 2, "الخطيب"))
    assert got[0].name == "رامي الخطيب" and got[0].role == "السياسي والنائب السابق" and got[1].id == got[0].id
