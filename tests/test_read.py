import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import claimcheck.ingest.paths as read_module
from claimcheck.ingest import InputError, find_publication_date, read_inputs

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "عنوان الخبر\nالأحد 2021/12/12\n\nقال الوزير إن الوضع مستقر.\n"


def write(path: Path, data) -> str:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def one_error(paths, **kw) -> InputError:
    articles, errors = read_inputs(paths, **kw)
    assert articles == [] and len(errors) == 1
    assert "\n" not in str(errors[0])
    return errors[0]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t \n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("control.txt", bytes(range(1, 9)) * 20, "binary"),
    ("latin1.txt", "caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu".encode("latin-1"), "offset 3"),
])
def test_bad_files_give_an_error_naming_the_file(tmp_path, name, data, words):
    path = write(tmp_path / name, data)
    err = one_error([path])
    assert err.source == path and path in str(err)
    assert words in err.message


def test_missing_file_and_empty_glob(tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert one_error([missing]).source == missing
    pattern = str(tmp_path / "*.none")
    assert "match" in one_error([pattern]).message


def test_file_over_the_size_limit(tmp_path):
    path = write(tmp_path / "big.txt", ARTICLE * 10)
    err = one_error([path], max_bytes=100)
    assert "limit" in err.message and path in str(err)


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", ARTICLE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    err = one_error([path])
    assert "permission" in err.message and path in str(err)


def test_one_bad_jsonl_line_does_not_stop_the_others(tmp_path):
    rows = [json.dumps({"id": "a1", "text": "قال الوزير إن الوضع مستقر", "date": "2021-12-29T08:00:00Z",
                        "outlet": "وكالة", "title": "ت", "url": "https://x"}, ensure_ascii=False),
            "{not json",
            json.dumps({"id": "a3", "text": ""}),
            json.dumps({"text": "Officials said the talks stalled."})]
    path = write(tmp_path / "batch.jsonl", "\n".join(rows) + "\n")
    articles, errors = read_inputs([path])
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]
    assert [a.id for a in articles][0] == "a1" and articles[1].id.startswith("batch-")
    first = articles[0]
    assert (first.source, first.date, first.outlet, first.url) == (f"{path}#1", "2021-12-29", "وكالة", "https://x")
    assert articles[1].lang == "en"


def test_read_inputs_never_raises_on_odd_paths(tmp_path):
    articles, errors = read_inputs([str(tmp_path), str(tmp_path / "x" / "y.txt"), "", "[*"])
    assert articles == [] and len(errors) == 3


# ---------------------------------------------------------------- encodings and text


def test_encodings_and_line_endings(tmp_path):
    text = "قال الوزير إن الوضع مستقر في البلاد"
    paths = [write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + text.encode()),
             write(tmp_path / "u16.txt", text.encode("utf-16")),
             write(tmp_path / "win.txt", text.encode("cp1256")),
             write(tmp_path / "crlf.txt", (text + "\r\nسطر\rآخر\r\n").encode())]
    articles, errors = read_inputs(paths)
    assert errors == []
    assert [a.text for a in articles[:3]] == [text] * 3
    assert articles[3].text == text + "\nسطر\nآخر\n"


def test_id_hash_title_and_text_are_kept_as_read(tmp_path):
    path = write(tmp_path / "story.txt", ARTICLE)
    (article,), _ = read_inputs([path])
    sha = hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert article.text == ARTICLE and article.sha256 == sha
    assert article.id == f"story-{sha[:8]}"
    assert article.title == "عنوان الخبر" and article.date == "2021-12-12" and article.lang == "ar"


def test_folder_manifest_hidden_files_and_stdin(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / "manifest.json", json.dumps([{"file": "a.txt", "id": "seed-a", "outlet": "المنفذ",
                                                     "date": "2022-01-02", "title": "عنوان"}]))
    (sub := tmp_path / "sub").mkdir()
    write(sub / "b.md", "# Title\n\nThe minister *said* the [talks](http://x) had stalled.\n")
    articles, errors = read_inputs([str(tmp_path)])
    assert errors == [] and [a.id for a in articles][0] == "seed-a" and len(articles) == 2
    assert (articles[0].outlet, articles[0].date, articles[0].title) == ("المنفذ", "2022-01-02", "عنوان")
    assert articles[1].text == "Title\n\nThe minister said the talks had stalled."
    (piped,), _ = read_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert piped.source == "-" and piped.text == ARTICLE
    lines = '{"id": "j1", "text": "قال الوزير إن الوضع مستقر"}\n' + "[" * 100_000 + "\n"
    (row,), (err,) = read_inputs(["-"], stdin=io.StringIO(lines))
    assert row.id == "j1" and row.source == "-#1" and err.source == "-:2"


def test_seed_folder_reads_with_its_manifest():
    articles, errors = read_inputs([str(ROOT / "tests" / "data" / "standin_seeds")])
    if not articles:
        pytest.skip("seeds not present")
    assert errors == []
    assert all(a.id.startswith("seed-") and a.date for a in articles)


HTML = """<html><head><title>T</title>
<meta property="article:published_time" content="2022-01-02T08:00:00+03:00"></head><body>
<nav>الرئيسية | أخبار</nav><article><h1>عنوان الخبر</h1>
<p>قال الوزير إن <b>الحكومة</b> ستعمل.</p>
<div class="share-buttons">شارك فيسبوك تويتر</div>
<p>شارك الآلاف في التظاهرات يوم الجمعة في بغداد والبصرة.</p>
<h3>اقرأ أيضاً</h3><ul><li><a href="/x">خبر آخر</a></li></ul>
<p>اقرأ أيضاً: <a href="/y">عنوان خبر طويل آخر هنا</a></p>
<div>الأكثر قراءة<ul><li><a>أسعار الصرف</a></li></ul></div>
<p>وأضاف أن الأمر انتهى.</p></article>
<div>نستخدم ملفات تعريف الارتباط لتحسين تجربتك</div><aside>إعلان</aside>
<footer>حقوق النشر</footer><script>var x = 1;</script></body></html>"""


def test_html_keeps_paragraphs_and_drops_page_furniture(tmp_path):
    (article,), errors = read_inputs([write(tmp_path / "page.html", HTML)])
    assert errors == []
    assert article.text == ("عنوان الخبر\n\nقال الوزير إن الحكومة ستعمل.\n\n"
                            "شارك الآلاف في التظاهرات يوم الجمعة في بغداد والبصرة.\n\nوأضاف أن الأمر انتهى.")
    assert article.date == "2022-01-02" and article.title == "عنوان الخبر"


def test_boilerplate_at_the_end_of_a_plain_seed_is_plain_text():
    # seed 03 ends with share/most-read lines; as plain text they stay, and are not claims
    path = ROOT / "tests" / "data" / "standin_seeds" / "03-khafaji-advisers.txt"
    if not path.exists():
        pytest.skip("seeds not present")
    (article,), _ = read_inputs([str(path)])
    assert "الأكثر قراءة" in article.text


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text, iso", [
    ("عنوان\nبغداد ــ العربي الجديد\nالأحد 2021/12/12\n\nنص", "2021-12-12"),
    ("عنوان\nالسومرية نيوز/ بغداد\n02 يناير 2022\n\nنص", "2022-01-02"),
    ("عنوان\n31/01/2024\n\nنص", "2024-01-31"),
    ("عنوان\n29 ديسمبر/كانون الأول 2021\nنص", "2021-12-29"),
    ("عنوان\n١٠ ديسمبر ٢٠٢١\nنص", "2021-12-10"),
    ("عنوان\n5 حزيران 2023\nنص", "2023-06-05"),
    ("Title\nDecember 29, 2021\nText", "2021-12-29"),
    ("Title\n\nBAGHDAD, Dec 9, 2021 - The United States said", "2021-12-09"),
])
def test_publication_date_from_text(text, iso):
    assert find_publication_date(text) == iso


def test_no_date_means_none_never_today():
    assert find_publication_date("قال الوزير أمس إن الوضع مستقر\nوأضاف اليوم أن ...") is None
    assert find_publication_date("The minister said on Monday that the talks had stalled.") is None
    assert find_publication_date("Published 31/02/2024") is None  # not a real day


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_on_stdin_give_articles_or_errors(data):
    articles, errors = read_inputs(["-"], stdin=io.BytesIO(data))
    assert len(articles) + len(errors) >= 1
    for a in articles:
        assert a.text.strip() and "\r" not in a.text


def test_utf8_arabic_with_one_damaged_byte_is_an_error_not_mojibake(tmp_path):
    from claimcheck.ingest import read_inputs

    path = tmp_path / "damaged.txt"
    path.write_bytes("قال الوزير إن الخطة جاهزة وإن التنفيذ يبدأ الشهر المقبل.\n".encode() * 20 + b"\xff")
    articles, errors = read_inputs([str(path)])
    assert articles == [] and len(errors) == 1
    assert "damaged.txt" in str(errors[0]) and "UTF-8" in str(errors[0])


def test_real_cp1256_arabic_is_still_read(tmp_path):
    from claimcheck.ingest import read_inputs

    path = tmp_path / "windows.txt"
    path.write_bytes("قال الوزير إن الخطة جاهزة.\n".encode("cp1256"))
    articles, errors = read_inputs([str(path)])
    assert errors == [] and articles[0].text.startswith("قال الوزير")
