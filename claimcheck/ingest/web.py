"""Newsroom inputs: an http(s) address of an article page, or of an RSS/Atom feed whose items
are each fetched and read as pages. Each failing address is one InputError naming it; the
other items of a feed are still read."""
from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath
from typing import Iterator
from urllib.parse import unquote, urljoin, urlsplit

from claimcheck import __version__
from claimcheck.ingest.article import make_article, merge
from claimcheck.ingest.decode import decode
from claimcheck.ingest.errors import InputError, Refused
from claimcheck.ingest.html import html_to_text, looks_like_html
from claimcheck.records import Article

USER_AGENT = f"claimcheck/{__version__} (news claim checker)"
_ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
           "application/xml;q=0.9, text/plain;q=0.8")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b")


@dataclass(frozen=True)
class Page:
    url: str             # after redirects
    data: bytes
    media_type: str      # "text/html", lower case, no parameters
    charset: str | None


def is_url(raw: str) -> bool:
    return raw[:8].lower().startswith(("http://", "https://"))


def read_url(url: str, max_bytes: int, seen: set[str], timeout: float) -> Iterator[Article | InputError]:
    """The article at `url`, or every item's article when `url` is a feed."""
    if url in seen:
        return
    try:
        page = fetch(url, max_bytes, timeout)
    except Refused as bad:
        yield InputError(url, str(bad))
        return
    seen.add(url)
    seen.add(page.url)
    if _is_feed(page):
        yield from _feed_items(url, page, max_bytes, seen, timeout)
    else:
        yield from _page_article(url, page, {}, {})


def fetch(url: str, max_bytes: int, timeout: float) -> Page:
    """The body of `url` (at most `max_bytes`), or Refused saying what went wrong."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Refused(f"page is {length} bytes, over the limit of {max_bytes}")
            data = response.read(max_bytes + 1)
            media = (response.headers.get_content_type() or "").lower()
            charset = response.headers.get_content_charset()
            final = response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise Refused(f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise Refused(f"no answer within {timeout:g} s") from None
        raise Refused(f"cannot reach this address ({getattr(reason, 'strerror', None) or reason})") from None
    except (TimeoutError, socket.timeout):
        raise Refused(f"no answer within {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise Refused(f"the connection broke ({type(exc).__name__})") from None
    except ValueError as exc:  # a malformed address
        raise Refused(f"not a valid web address ({exc})") from None
    if len(data) > max_bytes:
        raise Refused(f"page is over the limit of {max_bytes} bytes")
    if not data.strip():
        raise Refused("the server sent an empty page")
    return Page(final, data, media, charset)


def _is_feed(page: Page) -> bool:
    head = page.data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if page.media_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    return (page.media_type in _FEED_TYPES or head.startswith(b"<?xml")) and bool(_FEED_ROOT.search(head))


def _feed_items(url: str, page: Page, max_bytes: int, seen: set[str], timeout: float) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(page.data, response_headers={"content-location": page.url})
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(url, f"a feed with no items{why}")
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, start=1):
        link = (entry.get("link") or "").strip()
        if not link:
            yield InputError(f"{url} item {number}", "the feed item has no link")
            continue
        link = urljoin(page.url, link)
        if link in seen:
            continue
        seen.add(link)
        given = {"title": (entry.get("title") or "").strip() or None, "date": _entry_date(entry)}
        try:
            item = fetch(link, max_bytes, timeout)
        except Refused as bad:
            yield InputError(link, str(bad))
            continue
        if _is_feed(item):
            yield InputError(link, "a feed item that is itself a feed is not followed")
            continue
        yield from _page_article(link, item, given, {"outlet": outlet})


def _page_article(label: str, page: Page, given: dict, fallback: dict) -> Iterator[Article | InputError]:
    """One article from a fetched page; `given` (feed item metadata) wins over the page's own,
    which wins over `fallback`."""
    if not page.media_type.startswith("text/") and page.media_type not in ("application/xhtml+xml", ""):
        yield InputError(label, f"is {page.media_type}, not a web page or feed")
        return
    try:
        text = decode(page.data, page.charset)
    except Refused as bad:
        yield InputError(label, str(bad))
        return
    found: dict = {"url": page.url}
    if page.media_type in ("text/html", "application/xhtml+xml") or looks_like_html(text):
        text, from_page = html_to_text(text, url=page.url)
        found = merge(from_page, found)
    if not text.strip():
        yield InputError(label, "no article text found on this page")
        return
    yield make_article(text, label, _stem(page.url), merge(given, merge(found, fallback)))


def _entry_date(entry) -> str | None:
    """The item's date as the feed wrote it (its own time zone: the outlet's day), else UTC."""
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        try:
            return (parsedate_to_datetime(raw) if raw[:1].isalpha() else datetime.fromisoformat(
                raw.replace("Z", "+00:00"))).date().isoformat()
        except (TypeError, ValueError, IndexError):
            continue
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=timezone.utc).date().isoformat()


def _stem(url: str) -> str:
    """A readable id stem from an address: its last path segment, else its host."""
    parts = urlsplit(url)
    name = PurePosixPath(unquote(parts.path)).stem
    return re.sub(r"[^\w-]+", "-", name).strip("-")[:60] or parts.hostname or "web"
