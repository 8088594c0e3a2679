"""HTML to article text and page metadata, by maintained libraries: trafilatura finds the
article body (menus, share bars, "read also" lists, cookie notices and footers dropped) and
its title, site name and canonical URL; htmldate finds the publication date in the page's
markup (meta tags, <time>, JSON-LD, the URL).

trafilatura's body search grows faster than linearly with the page (about 3 s for 3 MB of
markup, 18 s for 9 MB, on this shared machine), so markup beyond any real article page (LARGE_HTML) is
reduced to its visible text in one streaming pass instead, and its metadata is read from the
top of the page only; the same pass is the fallback when trafilatura finds no body at all."""
from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from claimcheck.ingest.titles import is_furniture

LARGE_HTML = 2_000_000  # characters of markup; news article pages are far smaller
_META_HEAD = 500_000    # characters read for metadata from a large page (head and top of body)

# Both libraries log every page they find little in; claimcheck reports its own errors.
for _name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.match(r"<(head|body|p|div)\b", head))


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict]:
    """Article text (one paragraph per block, blank lines between) and the metadata the page
    states: title, url, outlet, date (ISO; None when the markup gives none)."""
    body = None
    if len(html) <= LARGE_HTML:
        import trafilatura

        body = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False,
                                   include_tables=True, include_images=False, deduplicate=False)
    if not body:
        # A huge page, too little text for trafilatura, or markup nested too deep for a tree.
        body = visible_text(html)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in body.split("\n")]
    text = "\n\n".join(line for line in lines if line and not is_furniture(line))
    return text, _metadata(html if len(html) <= LARGE_HTML else html[:_META_HEAD], url)


def _metadata(html: str, url: str | None) -> dict:
    from htmldate import find_date
    from trafilatura import extract_metadata

    try:
        found = extract_metadata(html, default_url=url)
    except Exception:  # a page the metadata parser chokes on still has its text
        found = None
    try:
        published = find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:
        published = None
    return {
        "title": getattr(found, "title", None) or None,
        "url": getattr(found, "url", None) or url,
        "outlet": getattr(found, "sitename", None) or None,
        "date": published,
    }


_HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "select", "button"}
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "blockquote", "tr", "table", "dd", "dt", "pre", "figcaption", "br", "header", "footer", "nav"}


class _Visible(HTMLParser):
    """Text outside hidden elements, a line break at every block; one pass, no tree."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
