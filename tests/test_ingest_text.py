"""Titles without page furniture, and dates: given metadata wins over the text, an article
with no date stays undated, and relative days resolve against the article's date."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimcheck.extract import extract_claims
from claimcheck.ingest import read_inputs
from claimcheck.ingest.titles import is_furniture, title_from_text

ROOT = Path(__file__).resolve().parent.parent
BODY = "\n\nقال المتحدث باسم البلدية إن أعمال الصيانة ستنتهي الشهر المقبل.\n"


@pytest.mark.parametrize("text, title", [
    ("مقالات مشابهة\n\nالبلدية تعلن موعد انتهاء الصيانة" + BODY, "البلدية تعلن موعد انتهاء الصيانة"),
    ("+ الخط -\nالبلدية تعلن موعد انتهاء الصيانة" + BODY, "البلدية تعلن موعد انتهاء الصيانة"),
    ("الرئيسية | محليات\nاقرأ أيضاً\nالبلدية تعلن موعد انتهاء الصيانة" + BODY, "البلدية تعلن موعد انتهاء الصيانة"),
    ("البلدية تعلن الموعدالبلدية تعلن الموعد\nالبلدية تعلن الموعد" + BODY, "البلدية تعلن الموعد"),
    ("Related articles\nShare on Facebook\nCouncil sets a date for the repairs\n\nThe council said so.",
     "Council sets a date for the repairs"),
    ("قال المتحدث باسم البلدية في بيان مطوّل وزعه على الصحافيين صباح اليوم إن أعمال الصيانة في الشوارع "
     "الرئيسية للمدينة ستنتهي الشهر المقبل إذا سمح الطقس بذلك.", None),  # no title line: none invented
])
def test_title_skips_page_furniture(text, title):
    assert title_from_text(text) == title


def test_furniture_is_whole_lines_only():
    assert is_furniture("مقالات مشابهة") and is_furniture("اقرأ أيضاً: عنوان آخر") and is_furniture("+ الخط -")
    assert not is_furniture("شارك الآلاف في المسيرة")      # a sentence that starts like a share label
    assert not is_furniture("مقالات مشابهة نشرت في الصحف الغربية أثارت جدلاً")


def test_seeds_without_their_manifest_get_the_manifest_titles_and_dates(tmp_path):
    entries = json.loads((ROOT / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    for e in entries:
        shutil.copy(ROOT / "seeds" / e["file"], tmp_path / e["file"])
    articles, errors = read_inputs([str(tmp_path)])
    assert errors == []
    assert [a.title for a in articles] == [e["title"] for e in entries]
    assert [a.date for a in articles] == [e["date"] for e in entries]  # two stay undated (None)


def test_given_dates_win_over_dates_in_the_text(tmp_path):
    text = "عنوان\n12 مارس 2022\n\nقال الوزير أمس إن الخطة جاهزة.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps([{"file": "a.txt", "date": "2022-03-15"}]))
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "r1", "text": text, "date": "2022-03-20T23:00:00+03:00"}, ensure_ascii=False)
                    + "\n" + json.dumps({"id": "r2", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    articles, _ = read_inputs([str(tmp_path / "a.txt"), str(rows)])
    assert [a.date for a in articles] == ["2022-03-15", "2022-03-20", "2022-03-12"]
    (claim,) = extract_claims(articles[0])
    assert claim.claim_date == "2022-03-14"  # أمس against the manifest's date, not the text's


def test_an_undated_article_stays_undated_and_its_relative_days_unresolved(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("عنوان\n\nقال الوزير أمس إن الخطة جاهزة.\n", encoding="utf-8")
    (article,), _ = read_inputs([str(path)])
    assert article.date is None
    (claim,) = extract_claims(article)
    assert claim.date is None and claim.claim_date is None
    from claimcheck.report._common import date_line
    from claimcheck.signals.periods import time_signal

    assert date_line({"date": None, "claim_date": None}) == "undated"
    assert time_signal(None, "2022-01-02", "a", "b", 365).summary().endswith("period unknown (undated)")


@pytest.mark.parametrize("lang, sentence, iso", [
    ("ar", "وقال الوزير الخميس الماضي إن الخطة جاهزة.", "2021-12-30"),
    ("ar", "وقال الوزير يوم الخميس الماضي إن الخطة جاهزة.", "2021-12-30"),
    ("ar", "وقال الوزير أمس إن الخطة جاهزة.", "2022-01-01"),
    ("ar", "وقال الوزير اليوم إن الخطة جاهزة.", "2022-01-02"),
    ("ar", "وقال الوزير يوم الجمعة إن الخطة جاهزة.", "2021-12-31"),
    ("ar", "وقال الوزير أول من أمس إن الخطة جاهزة.", "2021-12-31"),
    ("en", "The minister said on Friday that the plan was ready.", "2021-12-31"),
    ("en", "The minister said yesterday that the plan was ready.", "2022-01-01"),
    ("en", "The minister said last Thursday that the plan was ready.", "2021-12-30"),
])
def test_relative_days_resolve_against_the_article_date(tmp_path, lang, sentence, iso):
    rows = tmp_path / "rows.jsonl"  # 2 January 2022 is a Sunday
    rows.write_text(json.dumps({"text": sentence, "date": "2022-01-02", "language": lang}, ensure_ascii=False),
                    encoding="utf-8")
    (article,), _ = read_inputs([str(rows)])
    (claim,) = extract_claims(article)
    assert claim.claim_date == iso
