"""Words the extractor recognises, as data: cue verbs, connectors, titles, roles, source heads.

Everything is written here as it appears in print and folded with `normalize` on import, so
the matchers compare normalised text against normalised entries.
"""
from __future__ import annotations

from pathlib import Path

from claimcheck.text.arabic import normalize

_WORDS = Path(__file__).with_name("words")


def _lines(name: str) -> list[str]:
    """The entries of words/<name>.txt: one a line, `#` starts a comment."""
    text = (_WORDS / f"{name}.txt").read_text(encoding="utf-8")
    return [w for w in (line.split("#", 1)[0].strip() for line in text.splitlines()) if w]


def _words(name: str) -> frozenset[str]:
    return _norm_all(_lines(name))


# Agreement classes a verb form shows: masculine singular, feminine singular, plural.
M, F, P = "m", "f", "p"

# Cue verbs (words/cue_verbs.txt): past masc., past fem., past plural, present masc., fem., plural.
_CUE_VERBS = [tuple(line.split()) for line in _lines("cue_verbs")]
# Forms that are far more often another word: بين "between", يذكر أن "it is worth noting",
# تبين "it turned out".
NOT_CUES = frozenset(normalize(w) for w in ["بين", "وبين", "يذكر", "ويذكر", "تبين", "وتبين", "فبين"])

# Adverbial participles ("..., مشيراً إلى أن ...") carry on the sentence's own speaker.
_PARTICIPLES = [tuple(line.split()) for line in _lines("participles")]


def _norm_all(words) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


def _with_clitics(words, prefixes=("", "و", "ف", "ب", "ل", "وب", "ول")) -> frozenset[str]:
    return frozenset(normalize(p + w) for w in words for p in prefixes)


def _cue_forms() -> tuple[dict[str, str], dict[str, str]]:
    forms: dict[str, str] = {}
    lemmas: dict[str, str] = {}
    for past_m, past_f, past_p, pres_m, pres_f, pres_p in _CUE_VERBS:
        for word, agree in ((past_m, M), (past_f, F), (past_p, P), (pres_m, M), (pres_f, F),
                            (pres_p, P), (past_m + "ا", P), (past_f + "ا", P)):
            for prefix in ("", "و", "ف"):
                forms.setdefault(normalize(prefix + word), agree)
                lemmas.setdefault(normalize(prefix + word), normalize(past_m))
    return forms, lemmas


def _participle_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for m, f, p in _PARTICIPLES:
        for word, agree in ((m, M), (f, F), (p, P)):
            forms[normalize(word)] = agree
            forms[normalize("و" + word)] = agree
    return forms


CUE_FORMS, CUE_LEMMAS = _cue_forms()   # cue word -> agreement class / -> lemma
PARTICIPLE_FORMS: dict[str, str] = _participle_forms()
# Cue verbs that may take a noun object instead of أن ("أعلنت X سحب قواتها", "حذّر X من ..."),
# by lemma, with the prepositions that introduce that object (dropped from the statement).
OBJECT_CUES = {normalize(verb): _norm_all(preps.split()) for verb, preps in (
    ("أعلن", "عن"), ("حذر", "من"), ("هدد", "ب"), ("توعد", "ب"), ("حث", "على باتجاه"), ("شكك", "ب في"),
    ("تعهد", "ب"), ("نفى", ""),
)}
# Verbs with an object between subject and أن: "وصف الوزير القرار بأنه ...", "أبلغ الوزير
# الصحفيين أن ...": the subject ends where a second definite noun (the object) starts.
OBJECT_THEN_CONNECTOR = _norm_all(["وصف", "أبلغ", "أخبر"])
# Verbs of accusing: subject, the accused, then بـ the accusation ("تتهم واشنطن فصائل بالوقوف ...").
ACCUSE_CUES = _norm_all(["اتهم"])
# Words after a comma that open a new clause, where a noun object ends ("...، فيما نفت X ذلك").
CLAUSE_BREAKS = _norm_all(["فيما", "بينما", "لكن", "ولكن", "إلا", "غير", "وسط"])
# Of those, the verb whose object may also come without its preposition ("أعلنت X سحب قواتها").
BARE_OBJECT_CUES = _norm_all(["أعلن", "نفى"])
# "فإنّ" answering a fronted clause: the subject of the verb after it comes first.
THEN_WORDS = _norm_all(["فإن", "فان"])
# Verbs of deeming that take the thing deemed as an object pronoun and a predicate
# ("واعتبرها محاولة لخلط الأوراق"), by lemma.
DEEM_CUES = _norm_all(["اعتبر"])
# Prepositions a participle's noun object follows ("، مشيراً إلى تغير طفيف", "، مؤكداً على حاجة").
PARTICIPLE_PREPS = _norm_all(["إلى", "على", "من"])
# "وجاء في البيان أن ...": "came in", with a statement as where it came.
CAME_WORDS = _norm_all(["جاء", "وجاء", "ورد", "وورد"])
ALA = normalize("على")
# Plural nouns for groups of people that a plural participle ("مؤكدين") can refer to.
PLURAL_GROUP_HEADS = _norm_all(["فصائل", "قوات", "قيادات", "قوى", "ميليشيات", "نقابات"])
# Verbal nouns of warning and threat, with the preposition of what they warn of or threaten
# ("تحذير X من ...", "تهديدات X بـ...").
NOUN_OBJECT_PREPS = {normalize(noun): _norm_all(preps.split()) for noun, preps in (
    ("تحذير", "من"), ("تحذيرات", "من"), ("تهديد", "ب"), ("تهديدات", "ب"),
)}
# "تصريحات من X", "تصريحات عن X": the prepositions that bring in the speaker of a verbal noun.
SOURCE_PREPS = _norm_all(["من", "عن"])
# "مع ما أعلنه X بشأن ...": the words that take a suffixed cue, and the prepositions of its topic.
WHAT_WORDS = _norm_all(["ما", "لما", "مما", "بما", "عما", "كما"])
ABOUT_PREPS = _norm_all(["بشأن", "حول", "عن", "من", "بخصوص", "حيال"])
# Phrases after a comma where the outlet's narration takes over ("، وذلك في تحذير ...").
NARRATION_GLOSSES = tuple(tuple(normalize(w) for w in line.split()) for line in _lines("narration_glosses"))
# Verbs of a position held, after a relative pronoun ("التي ترى ضرورة ...").
STANCE_VERBS = _norm_all(w for line in _lines("stance_verbs") for w in line.split())
# Words describing a person after the name ("مثال الألوسي السياسي والنائب السابق").
DESCRIPTORS = _words("descriptors")
# Figures and findings cited as a source after a statement ("بحسب بعض التقديرات").
ESTIMATE_HEADS = _words("estimate_heads")
# Words a speaker never starts with, and places that a cue may address ("قالت لبغداد").
NON_SPEAKER_OPENERS = _words("non_speaker_openers")
PLACES = _words("places")
# Verbal nouns of speech whose genitive is the speaker ("بعد إعلان X أن", "تصريحات X بأن").
REPORT_NOUNS = _with_clitics(_lines("report_nouns"))
# "بالقول إن", "قائلاً إن": the statement is said by the clause's own speaker.
SAYING_WORDS = _norm_all(["بالقول", "القول", "قائلا", "قائلاً", "قائلة"])
# Adverbial participles that add an appeal, not a statement ("«...»، داعيةً المواطنين إلى"):
# like a cue participle they close the quote before them.
APPEAL_PARTICIPLES = _norm_all([
    "داعياً", "داعية", "داعين", "مطالباً", "مطالبة", "مطالبين", "مناشداً", "مناشدة", "مناشدين",
    "محملاً", "محملة", "محملين", "مستنكراً", "مستنكرة", "مستنكرين",
])

# Words that may sit between the cue and its connector without being part of the speaker
# ("أشار إلى أن", "أعرب عن اعتقاده بأن", "شدد أيضاً على أن").
CUE_PARTICLES = _norm_all([
    "إلى", "على", "عن", "من", "في", "أيضاً", "أيضا", "كذلك", "بدوره", "بدورها", "بالقول",
    "اعتقاده", "اعتقادها", "ثقته", "ثقتها", "أمله", "أملها", "قناعته", "قناعتها", "حينها",
    "آنذاك", "لاحقاً", "لاحقا", "مجدداً", "مجددا", "قوله", "قولها", "قولهم", "القول",
])

# Source phrases: "بحسب X" / "وفقاً لـ X" / "نقلاً عن X" ...; the source follows.
SOURCE_WORDS = _norm_all([
    "بحسب", "حسب", "وبحسب", "وحسب", "فبحسب", "وفقاً", "وفقا", "ووفقاً", "ووفقا", "طبقاً", "وطبقاً",
    "نقلاً", "ونقلاً", "استناداً", "واستناداً", "وفق", "ووفق",
    "حسبما", "وحسبما", "بحسبما", "وبحسبما", "وفقما", "ووفقما",  # "حسب ما" written as one word
])

# "على لسان X" ("from the mouth of X"): a two-word source phrase, found by its second word.
TONGUE = normalize("لسان")
TONGUE_PREPS = _norm_all(["على", "وعلى"])
SOURCE_WORDS_WITH_LAM = _norm_all(["وفقاً", "وفقا", "ووفقاً", "ووفقا", "طبقاً", "وطبقاً", "استناداً", "واستناداً"])
# Source phrases that point back at the current speaker ("حسب زعمها", "على حد قوله").
SELF_SOURCE = _norm_all([
    "زعمه", "زعمها", "زعمهم", "قوله", "قولها", "قولهم", "تعبيره", "تعبيرها", "تعبيرهم",
    "وصفه", "وصفها", "وصفهم", "تأكيده", "تأكيدها", "رأيه", "رأيها", "تقديره", "تقديرها",
])

# Words between a speaker and the statement that belong to the channel, not the name.
CHANNEL_HEADS = _norm_all([
    "حديث", "تصريح", "تصريحات", "تصريحه", "بيان", "بيانه", "بيانها", "مؤتمر", "مقابلة", "كلمة",
    "كلمته", "تغريدة", "تغريدته", "تدوينة", "منشور", "رسالة", "خطاب", "خطابه", "لقاء", "اتصال",
    "ندوة", "جلسة", "حوار", "تسجيل", "فيديو", "إيجاز", "اجتماع", "حفل", "مداخلة", "برنامج",
    "مقال", "مقالة", "صفحة", "حساب", "موقع", "تقرير", "كتاب", "منشورات", "تدوينات", "تغريدات",
    "هامش", "بلاغ", "بلاغه", "بلاغها",  # "بلاغ": the Maghreb's word for a statement
])
# Words that open a channel or circumstance phrase on their own ("خلال زيارته ...").
CHANNEL_OPENERS = _norm_all(["خلال", "عقب", "أثناء", "اثناء", "أمام", "عبر"])
CHANNEL_PREPS = _norm_all(["في", "خلال", "عبر", "أثناء", "اثناء", "على", "بعد", "عقب", "أمام", "لدى", "ضمن"])
MEDIA_HEADS = _norm_all([
    "وكالة", "صحيفة", "قناة", "موقع", "شبكة", "تلفزيون", "إذاعة", "مجلة", "الصحفيين",
    "الصحافيين", "الصحافة", "وسائل", "رويترز", "فرانس", "الأناضول", "تويتر", "فيسبوك", "منصة",
])
TIME_WORDS = _words("time_words")
WEEKDAYS = {normalize(w): i for w, i in (
    ("الإثنين", 0), ("الاثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الخميس", 3),
    ("الجمعة", 4), ("السبت", 5), ("الأحد", 6),
)}

# Titles that go with a personal name ("الشيخ علي الزيدي"): part of the mention,
# dropped from the canonical name.
PERSON_TITLES = _norm_all([
    "الشيخ", "الجنرال", "اللواء", "الفريق", "الفريق أول", "العميد", "العقيد", "المقدم", "الرائد",
    "النقيب", "المشير", "الأدميرال", "الدكتور", "الدكتورة", "د.", "السيد", "السيدة", "المهندس",
    "الأستاذ", "الحاج", "السيناتور", "الأمير", "الأميرة", "الملك", "الملكة", "آية", "حجة",
    "الإمام", "المطران", "البطريرك", "القاضي", "المحامي", "الكولونيل", "المهندسة", "الأستاذة",
    "المحامية", "القاضية", "الحاجة",
])
# Heads of a role phrase ("رئيس الوزراء العراقي", "المتحدث باسم ...").
ROLE_HEADS = _words("role_heads")
# Heads that, with no name attached, stand for an unnamed source.
UNNAMED_HEADS = _norm_all([
    "مصدر", "مصادر", "مسؤول", "مسؤولة", "مسؤولون", "مسؤولين", "قيادي", "قيادية", "قياديون",
    "قياديين", "عضو", "عضوة", "أعضاء", "ضابط", "ضباط", "دبلوماسي", "دبلوماسيون", "دبلوماسيين",
    "متحدث", "متحدثة", "ناطق", "خبير", "خبراء", "محلل", "محللون", "مراقب", "مراقبون", "شاهد",
    "شهود", "مقرب", "مقربون", "مقربين", "أوساط", "جهات", "دوائر", "نائب", "نواب", "مستشار",
    "موظف", "موظفون", "عامل", "عاملون", "سكان", "ناشط", "ناشطون", "ناشطين", "أحد", "إحدى",
    "باحث", "باحثون", "مصدرا", "مصدران", "مسؤولا", "مسؤولان", "وسائل", "تقارير",
    "خبيرة", "محللة", "باحثة", "ناشطة", "شاهدة",
    # witnesses and people on the ground, unnamed ("طبيب في المستشفى", "صيادون في الميناء")
    "طبيب", "طبيبة", "أطباء", "ممرض", "ممرضة", "مسعف", "مسعفون", "مواطن", "مواطنة", "مواطنون",
    "تاجر", "تجار", "مزارع", "مزارعون", "صياد", "صيادون", "معلم", "معلمة",
    "معلمون", "سائق", "سائقون",
])
# Source heads by the agreement they take: non-human plurals go with a feminine verb
# ("وأكدت المصادر"), human plurals with a plural one when named before it ("وأضافوا").
FEMININE_PLURAL_HEADS = _norm_all(["مصادر", "أوساط", "جهات", "دوائر", "وسائل", "تقارير"])
HUMAN_PLURAL_HEADS = _norm_all([
    "مسؤولون", "مسؤولين", "قياديون", "قياديين", "أعضاء", "ضباط", "دبلوماسيون", "دبلوماسيين", "خبراء",
    "محللون", "مراقبون", "شهود", "مقربون", "مقربين", "نواب", "موظفون", "عاملون", "سكان", "ناشطون",
    "ناشطين", "باحثون", "أطباء", "مسعفون", "مواطنون", "تجار", "مزارعون", "صيادون",
    "معلمون", "سائقون",
])
# The same heads with the article: a back-reference to a source already introduced
# ("وقال المسؤول ذاته", "وبحسب المصادر ذاتها").
UNNAMED_BACKREF = frozenset("ال" + h for h in UNNAMED_HEADS)
SAME_WORDS = _norm_all(["ذاته", "ذاتها", "ذاتهم", "نفسه", "نفسها", "نفسهم", "أنفسهم", "المذكور"])

# Nouns that open an organisation name and take a genitive ("وزارة الدفاع", "كتائب القسام").
ORG_HEADS = _words("org_heads")
# Nationality adjectives (masculine stems; feminine and definite forms are derived).
_NATIONALITIES = [
    "عراقي", "أمريكي", "أميركي", "إيراني", "سوري", "تركي", "روسي", "بريطاني", "فرنسي", "إسرائيلي",
    "سعودي", "مصري", "أردني", "لبناني", "كويتي", "قطري", "إماراتي", "يمني", "فلسطيني", "ليبي",
    "تونسي", "جزائري", "مغربي", "سوداني", "صيني", "ألماني", "أوروبي", "كردي", "كردستاني", "بحريني",
    "عماني", "باكستاني", "أفغاني", "هندي", "ياباني", "إيطالي", "إسباني", "أوكراني", "كندي", "أممي",
    "خليجي", "عربي", "غربي", "أجنبي", "موريتاني", "صومالي", "إثيوبي", "أسترالي", "كوري", "بلجيكي",
]
NATIONALITIES = frozenset(normalize(p + n + s) for n in _NATIONALITIES for p in ("", "ال") for s in ("", "ة"))
EN_NATIONALITIES = frozenset("""iraqi american u.s us iranian syrian turkish russian british french
    israeli saudi egyptian jordanian lebanese kuwaiti qatari emirati yemeni palestinian libyan
    tunisian algerian moroccan sudanese chinese german european kurdish bahraini omani pakistani
    afghan indian japanese italian spanish ukrainian canadian gulf arab western foreign""".split())
# Participles that qualify an office ("رئيس الوفد المفاوض", "الخبيرة المستقلة"), never a surname.
ROLE_PARTICIPLES = _norm_all([
    "المفاوض", "المفاوضة", "المستقل", "المستقلة", "المعارض", "المعارضة", "المكلف", "المكلفة",
    "المنتخب", "المنتخبة", "المؤقت", "المؤقتة", "المساعد", "المساعدة", "المناوب", "المناوبة", "المقال",
    "المقالة", "المستقيل", "المستقيلة", "المنتهية", "المعين", "المعينة", "المنشق", "المنشقة",
])
# Definite words that only ever qualify a role ("الأمريكي", "السابق"), never a surname.
ROLE_QUALIFIERS = NATIONALITIES | _norm_all([
    "السابق", "السابقة", "الأسبق", "الحالي", "الحالية", "المستقيل", "المنتهية", "الجديد",
    "الأول", "الأولى", "الثاني", "العام", "العامة", "الأعلى", "الرسمي", "الرسمية", "المؤقت",
    "الوزراء", "الحكومة", "الخارجية", "الداخلية", "الدفاع", "المالية", "الأمن", "القومي",
    "الوطني", "الوطنية", "الأمني", "العسكري", "البرلمان", "النواب", "الجمهورية", "الدولة",
    "الدولي", "الدولية", "الإقليمي", "الاتحادي", "الاتحادية", "التنفيذي", "التنفيذية",
    "الإعلامي", "الإعلامية", "الصحي", "الخاص", "الخاصة", "المركزي", "المركزية", "المشتركة",
    "المشترك", "العليا", "المتحدة", "الشعبي", "الشعبية", "الإسلامي", "الإسلامية", "القومية",
    "الأمنية", "العسكرية", "الرئاسي", "الرئاسية", "البيت", "الأبيض", "النفط", "الصحة",
    "التربية", "التعليم", "العدل", "الاقتصاد", "التجارة", "الزراعة", "الكهرباء", "الإعلام",
    "الثقافة", "الخزانة", "الشؤون", "العلاقات", "الاستخبارات", "المخابرات", "الأركان",
    "الجيش", "الشرطة", "العمليات", "التحالف", "المحكمة", "الأمم", "الكونغرس", "الشيوخ",
    "المجلس", "البلاد", "العاصمة", "المحافظة", "الإقليم", "الولايات", "الرئيس", "الحزب",
    "الكتلة", "التيار", "الحركة", "المعارضة", "المقاومة", "الفصائل", "الاستراتيجي", "القيادة",
    "البحرية", "الجوية", "البرية", "الدفاعية", "الصحافي", "الصحفي", "الله", "المتقاعد", "المتقاعدة",
]) | ROLE_PARTICIPLES
PREPOSITIONS = _norm_all(["في", "عن", "من", "لدى", "ب", "بـ", "على", "باسم", "إلى", "مع"])
PRONOMINAL_PREPOSITIONS = frozenset(normalize(p + s) for p in ("باسم", "عن", "من", "في", "لدى", "ل", "خلال",
                                                                  "أثناء", "عبر", "مع", "ب", "علي", "إلي")
                                    for s in ("ه", "ها", "هم"))  # "أكد خلاله أن": said during it

# Descriptions between commas that are not the name ("أحد الفصائل ...", "طلب عدم ذكر اسمه").
APPOSITIVE_OPENERS = _words("appositive_openers")
# Relative pronouns: what follows them in a subject is a clause about the speaker.
RELATIVES = _norm_all(["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"])
# Verbs that open an unmarked relative clause about a source ("شهود عيان تحدثوا إلى ...",
# "مصدر طلب عدم ذكر اسمه"): the speaker ends before them. Masc., fem., plural, dual forms.
SOURCE_CLAUSE_VERBS = frozenset(normalize(stem + suffix) for stem in (
    "تحدث", "طلب", "فضل", "رفض", "اشترط", "اطلع", "حضر", "شارك", "رافق")
    for suffix in ("", "ت", "وا", "ا", "تا")) | _norm_all(["يتحدث", "تتحدث", "يتحدثون", "يطلب", "يفضل", "يرفض"])
# "في الوقت ذاته", "من جهته", "في هذا السياق": circumstance, not part of a speaker.
CIRCUMSTANCE_OPENERS = _norm_all(["في", "من", "على"])
CIRCUMSTANCE_NEXT = _norm_all([
    "الوقت", "وقت", "هذه", "هذا", "ذات", "السياق", "سياق", "جهته", "جهتها", "جهتهم", "جانبه",
    "جانبها", "جانبهم", "ناحيته", "ناحيتها", "المقابل", "حين", "صعيد", "الصعيد", "ضوء",
])
# Words that open a clause without being its subject ("ثم أضاف", "كما أكد", "وفي المقابل قال").
CLAUSE_OPENERS = _norm_all([
    "ثم", "كما", "وكما", "وقد", "قد", "فيما", "بينما", "حيث", "لكن", "ولكن", "إلا", "كذلك", "وكذلك",
    "أيضاً", "أيضا", "بعدها", "وبعدها", "فقد", "لقد", "ولقد", "وهنا", "هنا", "وعندما", "عندما", "إذ",
    "وإذ", "لذلك", "ولذلك", "لذا", "ولذا", "وفي", "في", "ومن", "من", "وعلى", "على", "وبعد", "بعد",
    "وقبل", "قبل", "وخلال", "خلال", "وحول", "حول", "وعن", "عن", "وإلى", "إلى", "ومع", "مع", "وأمس",
    "أمس", "واليوم", "اليوم", "وبدوره", "بدوره", "وبدورها", "بدورها", "بدورهم", "ولم", "لم", "ولا",
    "لا", "ولن", "لن", "وكان", "كان", "وكانت", "كانت", "وهو", "هو", "وهي", "هي", "أن", "إن",
    "وأن", "وإن", "بأن", "أما", "وأما", "فإن", "ما", "وما", "الذي", "التي", "والذي", "والتي",
    "لكنه", "لكنها", "لكنهم", "ولكنه", "ولكنها", "ولكنهم", "بل",
])
# Contrastive openers after which the subject comes before its cue verb
# ("غير أن الخبيرة ... رأت أن", "لكن الوزير قال"), as word sequences.
CONTRAST_OPENERS = tuple(tuple(normalize(w) for w in phrase.split()) for phrase in [
    "غير أن", "إلا أن", "بيد أن", "في حين أن", "في حين", "لكن", "ولكن", "بينما", "فيما", "كما أن",
])
# Words that make a following cue form a verbal noun ("وسط توقع أن", "بعد إعلان").
NOUN_MARKERS = _norm_all([
    "وسط", "إثر", "بعد", "قبل", "رغم", "برغم", "عقب", "حول", "دون", "عن", "من", "في", "على", "إلى",
    "مع", "عند", "لدى", "ضد", "تجاه", "بشأن", "حيال", "خلال", "منذ", "عبر", "هذا", "هذه", "ذلك", "تلك",
])
# Abstract nouns that "indicate" things without being speakers ("وتشير التقديرات إلى أن").
NON_SPEAKERS = _norm_all([
    "التقديرات", "المعطيات", "الأرقام", "البيانات", "المؤشرات", "الدلائل", "الصور", "التوقعات",
    "الإحصاءات", "الإحصائيات", "النتائج", "الوقائع", "الأحداث", "التطورات", "الظروف", "المعلومات",
])
# Subject pronouns / fillers that mean "the speaker already named".
CONTINUATION_FILLERS = _norm_all(["بدوره", "بدورها", "بدورهم", "أيضاً", "أيضا", "كذلك", "حينها"])

# Connectors that open reported speech: إنّ / أنّ / بأنّ / فإنّ with any attached pronoun.
CONNECTORS = frozenset(normalize(p + "أن" + s) for p in ("", "ب", "ف")
                       for s in ("", "ه", "ها", "هم", "هن", "هما", "نا", "ني", "ك", "كم"))
# Definite words that end a compound given name ("نور الدين", "عبد الله"), and the particles
# inside names ("بن", "أبو"): a name may go on after them with a bare word.
COMPOUND_NAME_ENDS = _norm_all(["الدين", "الله", "الإسلام", "الرحمن", "الرحيم", "الحق", "الهدى", "النبي"])
NAME_PARTICLES = _norm_all(["بن", "ابن", "بنت", "أبو", "أبي", "أم", "آل", "عبد", "ولد"])
# Words that open a verb's object and never a speaker's name: where a subject after its verb ends.
OBJECT_OPENERS = _words("object_openers")
# Words that make the following أن a plain subordinator, not the start of reported speech.
SUBORDINATORS = _norm_all([
    "بعد", "قبل", "سبق", "دون", "بدون", "يجب", "يمكن", "منذ", "حتى", "ريثما", "بمجرد", "لابد",
    "ينبغي", "يريد", "تريد", "أراد", "يود", "رغم", "برغم", "غير", "إلا", "بيد", "كما", "لو",
    "عسى", "يتوقع", "يحتمل", "المقرر", "المفترض", "الممكن", "المحتمل", "شأن", "بشأن", "أجل",
    "ضرورة", "أهمية", "وجوب", "بضرورة", "بأهمية",
])
# Heads of an Arabic headline "X: statement" that are labels, not speakers.
HEADLINE_LABELS = _norm_all([
    "عاجل", "فيديو", "بالفيديو", "صور", "بالصور", "شاهد", "تقرير", "خاص", "حصري", "تحليل",
    "رأي", "مقال", "إنفوغراف", "انفوغراف", "متابعة", "مباشر", "تحقيق", "حوار", "ملف", "مقابلة",
])

# English.
EN_CUES = frozenset("""said says told tells added adds warned warns denied denies claimed claims
    stated states insisted insists argued argues asserted announced announces stressed noted
    explained confirmed confirms acknowledged admitted vowed pledged threatened declared
    maintained wrote tweeted emphasised emphasized predicted estimated suggested revealed
    disclosed replied responded recalled reiterated alleged countered concluded reported
    say warn insist argue deny claim""".split())
# Words before an English cue that make it no statement ("declined to say", "did not say").
EN_NOT_SAID = frozenset(["to", "not", "never", "didn't", "won't", "wouldn't", "refused", "declined"])
EN_PARTICIPLES = frozenset(["adding", "saying", "warning", "insisting", "noting", "stressing",
                            "arguing", "claiming", "explaining", "telling", "denying"])
EN_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
EN_TITLES = frozenset([
    "gen", "general", "lt", "col", "maj", "brig", "adm", "admiral", "sgt", "capt", "mr", "mrs",
    "ms", "dr", "sen", "rep", "gov", "sheikh", "shaikh", "prince", "king", "queen", "judge",
    "colonel", "major", "lieutenant", "brigadier", "prof", "professor", "pope", "ayatollah",
    "imam", "lord", "sir", "president", "minister", "secretary", "ambassador", "commander",
    "senator", "mayor", "chief",
])
# Nouns that head a role ("the head of ...", "deputy press secretary") and their modifiers.
EN_ROLE_HEADS = frozenset([
    "head", "chief", "leader", "spokesman", "spokeswoman", "spokesperson", "minister",
    "secretary", "president", "commander", "adviser", "advisor", "ambassador", "envoy",
    "director", "official", "governor", "chairman", "chairwoman", "member", "deputy",
    "representative", "lawmaker", "senator", "general", "coordinator", "mayor", "premier",
    "diplomat", "officer", "aide", "source", "sources", "officials", "analyst", "expert",
])
EN_ROLE_MODIFIERS = frozenset([
    "prime", "vice", "deputy", "senior", "national", "security", "defense", "defence",
    "foreign", "press", "interior", "finance", "state", "top", "former", "acting", "chief",
    "military", "army", "of", "the", "for", "a", "an", "at", "in", "and", "affairs",
])
EN_UNNAMED_HEADS = frozenset([
    "official", "officials", "source", "sources", "diplomat", "diplomats", "officer",
    "officers", "analyst", "analysts", "lawmaker", "lawmakers", "witness", "witnesses", "aide",
    "aides", "person", "people", "observers", "residents", "experts", "expert", "spokesman",
    "spokeswoman", "spokesperson", "member", "members", "commanders", "commander",
])
EN_ORG_HEADS = frozenset([
    "coalition", "ministry", "government", "army", "military", "command", "movement", "group",
    "militia", "militias", "council", "office", "department", "embassy", "pentagon", "party",
    "alliance", "forces", "police", "agency", "committee", "court", "parliament", "company",
    "administration", "house", "kremlin", "cabinet", "presidency", "network", "organisation",
    "organization", "union", "bloc", "front", "brigades", "authority", "authorities", "service",
    "mission", "nations", "headquarters", "factions", "faction", "commission", "board",
])
# Words between an English speaker and the cue ("He also told", "Lammy on Monday said").
EN_FILLERS = frozenset([
    "also", "later", "previously", "repeatedly", "again", "then", "further", "separately",
    "earlier", "once", "publicly", "has", "have", "had", "would", "privately", "recently",
    "subsequently", "initially", "first", "however", "meanwhile", "himself", "herself", "too",
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
])

# Cues whose statement is what the speaker rejects ("نفى أن ...", "denied that ..."): the claim
# text says the opposite of the speaker's position, so the judge negates it before NLI.
DENIAL_CUES = _norm_all(["نفى", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", "دحض", "دحضت", "كذّب", "كذبت"])
EN_DENIAL_CUES = frozenset(["denied", "denies", "deny", "dismissed", "rejected", "refuted"])
