"""HTML to article text and page metadata, by maintained libraries: trafilatura finds the
article body (menus, share bars, "read also" lists, cookie notices and footers dropped) and
its title, site name and canonical URL; htmldate finds the publication date in the page's
markup (meta tags, <time>, JSON-LD, the URL)."""
from __future__ import annotations

import logging
import re

from claimcheck.ingest.titles import is_furniture

# Both libraries log every page they find little in; claimcheck reports its own errors.
for _name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.match(r"<(head|body|p|div)\b", head))


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict]:
    """Article text (one paragraph per block, blank lines between) and the metadata the page
    states: title, url, outlet, date (ISO; None when the markup gives none)."""
    import trafilatura

    body = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False,
                               include_tables=True, include_images=False, deduplicate=False)
    if not body:
        # Too little text, or markup trafilatura cannot parse into a tree (nesting thousands
        # deep): the page's visible text is still better than losing the article.
        body = trafilatura.html2txt(html) or ""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in body.split("\n")]
    text = "\n\n".join(line for line in lines if line and not is_furniture(line))
    return text, _metadata(html, url)


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
