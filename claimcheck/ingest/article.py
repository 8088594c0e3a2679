"""One `Article` from text and what is known about it. Metadata given with the input
(manifest, JSONL row, feed item) wins over what the page's markup says, which wins over what
is parsed from the text; no date found leaves the article undated (None)."""
from __future__ import annotations

import hashlib

from claimcheck.ingest.dates import find_publication_date, iso_date
from claimcheck.ingest.titles import title_from_text
from claimcheck.records import Article
from claimcheck.text.arabic import guess_lang

META_KEYS = ("id", "title", "outlet", "date", "url", "language")


def merge(given: dict, found: dict) -> dict:
    """`given` metadata with the gaps filled from `found` (None and "" count as gaps)."""
    out = {k: v for k, v in found.items() if v not in (None, "")}
    out.update({k: v for k, v in given.items() if v not in (None, "")})
    return out


def make_article(text: str, source: str, stem: str, meta: dict) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    published = iso_date(str(meta["date"])) if meta.get("date") else None
    lang = str(meta.get("language") or meta.get("lang") or "") or guess_lang(text)
    return Article(
        id=str(meta.get("id") or f"{stem}-{sha[:8]}"),
        text=text,
        source=source,
        sha256=sha,
        lang="en" if lang.lower().startswith("en") else "ar",
        title=str(meta["title"]).strip() if meta.get("title") else title_from_text(text),
        outlet=meta.get("outlet"),
        date=published or find_publication_date(text),
        url=meta.get("url"),
    )
