from hypothesis import given, strategies as st

from claimcheck.text.arabic import (guess_lang, normalize, normalize_with_map, strip_prefixes,
                                    to_western_digits)


def test_hamza_seats_ta_marbuta_and_alef_maqsura_fold():
    assert normalize("أكد إن آخر ٱلقوم") == "اكد ان اخر القوم"
    assert normalize("مؤتمر شؤون") == "موتمر شوون"
    assert normalize("رئيس") == "رييس"
    assert normalize("الحكومة") == "الحكومه"
    assert normalize("نفى مستشفى") == "نفي مستشفي"


def test_diacritics_and_tatweel_are_removed():
    assert normalize("قَالَ الرَّئِيسُ رسمياً") == normalize("قال الرئيس رسميا")
    assert normalize("لـ\"العربي\"") == 'ل"العربي"'
    assert normalize("هٰذا") == "هذا"  # superscript alef


def test_eastern_digits_become_western():
    assert to_western_digits("٢٠٢١/١٢/١٢ و۱۴۰۰") == "2021/12/12 و1400"
    assert normalize("٢٥٠٠ جندي") == "2500 جندي"


def test_map_points_back_to_original_characters():
    text = "قَالَ الـوزير"
    folded, index = normalize_with_map(text)
    assert folded == "قال الوزير"
    assert [text[i] for i in index] == [c for c in text if c not in "\u064e\u0640"]


def test_strip_prefixes_keeps_short_stems():
    assert strip_prefixes("والحكومه") == "حكومه"
    assert strip_prefixes("للكعبي") == "كعبي"
    assert strip_prefixes("وقال") == "قال"
    assert strip_prefixes("ولد") == "ولد"


def test_guess_lang():
    assert guess_lang("قال الرئيس إن الوضع مستقر") == "ar"
    assert guess_lang("The minister said the talks had stalled.") == "en"
    assert guess_lang("قال مسؤول لوكالة Reuters إن المحادثات تعثرت") == "ar"
    assert guess_lang("") == "ar"


@given(st.text())
def test_normalize_never_grows_and_map_is_monotone(text):
    folded, index = normalize_with_map(text)
    assert folded == normalize(text)
    assert len(folded) == len(index) <= len(text)
    assert index == sorted(set(index))
