"""HTML pages a newsroom meets: ordinary, huge, nested too deep for a tree, or malformed."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

import claimcheck.ingest.html as html_module
from claimcheck.ingest.html import html_to_text

PARAGRAPH = "<p>قالت مديرة المستشفى ليلى منصور إن قسم الطوارئ سيعمل بكامل طاقته اعتباراً من الأسبوع المقبل.</p>"
HEAD = ('<head><title>المستشفى يعيد فتح الطوارئ</title><meta property="og:site_name" content="جريدة المدينة">'
        '<meta property="article:published_time" content="2022-06-05T09:00:00+03:00"></head>')


def test_a_page_nested_too_deep_for_a_tree_still_gives_its_text():
    page = f"<html>{HEAD}<body>" + "<div>" * 50_000 + PARAGRAPH + "</div>" * 50_000 + "</body></html>"
    text, meta = html_to_text(page)
    assert text == "قالت مديرة المستشفى ليلى منصور إن قسم الطوارئ سيعمل بكامل طاقته اعتباراً من الأسبوع المقبل."
    assert meta["date"] == "2022-06-05"


def test_a_huge_page_is_read_in_one_pass_with_its_metadata_from_the_top(monkeypatch):
    monkeypatch.setattr(html_module, "LARGE_HTML", 2_000)
    monkeypatch.setattr(html_module, "_META_HEAD", 1_000)
    page = (f"<html>{HEAD}<body><nav><script>var menu = 1;</script></nav><article>" + PARAGRAPH * 60
            + "</article><style>p {color: red}</style></body></html>")
    text, meta = html_to_text(page)
    assert text.split("\n\n") == [PARAGRAPH[3:-4]] * 60  # scripts and styles gone, paragraphs kept
    assert (meta["title"], meta["outlet"], meta["date"]) == ("المستشفى يعيد فتح الطوارئ", "جريدة المدينة", "2022-06-05")


def test_a_short_snippet_without_page_structure_keeps_its_text():
    assert html_to_text("<p>The council said the bridge would reopen in May.</p>")[0] == \
        "The council said the bridge would reopen in May."


_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<br>", "<html>", "<body>",
                         "<!--", "-->", "<![CDATA[", "]]>", "<a href='x'>", "</a>", "<meta content=''>", "&amp;",
                         "&#0;", "<", ">", "\u200f", "\u200d", "«", "»"])
_WORDS = st.text(alphabet=st.sampled_from("قال الوزير إن said the minister 2021 \n\t\"'"), max_size=30)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_TAGS, _WORDS), max_size=60))
def test_any_markup_gives_text_and_metadata_without_raising(parts):
    text, meta = html_to_text("".join(parts))
    assert isinstance(text, str) and "\r" not in text and set(meta) == {"title", "url", "outlet", "date"}
