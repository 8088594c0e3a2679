"""Read articles from files, folders, globs, JSONL and stdin into `Article` records.

Bad input never raises out of `read_inputs`: each problem becomes an `InputError` naming the
file (and line, for JSONL) so a batch run can report it and carry on with the rest.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from claimcheck.records import Article
from claimcheck.text.arabic import arabic_ratio, guess_lang, normalize, to_western_digits

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ""}
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class InputError:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class _Bad(Exception):
    """Internal: a reason to turn one input into an InputError."""


def read_inputs(paths: list[str], max_bytes: int = 20_000_000,
                stdin=None) -> tuple[list[Article], list[InputError]]:
    """Articles from every path (file, folder, glob or "-"), plus one error per bad input."""
    articles: list[Article] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            _read_one("-", None, {}, max_bytes, stdin, articles, errors)
            continue
        for path, meta, problem in _expand(raw):
            if problem:
                errors.append(InputError(raw, problem))
                continue
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            _read_one(path, path, meta, max_bytes, stdin, articles, errors)
    return articles, errors


# ---------------------------------------------------------------- paths and manifests

def _expand(raw: str):
    """(path, manifest metadata, problem) for each file that `raw` names."""
    if os.path.isdir(raw):
        for root, dirs, files in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            manifest = _manifest(root)
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST:
                    continue
                if Path(name).suffix.lower() not in TEXT_SUFFIXES:
                    continue
                yield os.path.join(root, name), manifest.get(name, {}), None
        return
    if os.path.exists(raw) or os.path.islink(raw):
        yield raw, _manifest(os.path.dirname(raw) or ".").get(os.path.basename(raw), {}), None
        return
    if glob.has_magic(raw):
        matches = sorted(p for p in glob.glob(raw, recursive=True)
                         if os.path.isfile(p) and os.path.basename(p) != MANIFEST)
        if not matches:
            yield raw, {}, "no files match this pattern"
        for path in matches:
            yield path, _manifest(os.path.dirname(path) or ".").get(os.path.basename(path), {}), None
        return
    yield raw, {}, "no such file or folder"


def _manifest(folder: str) -> dict[str, dict]:
    """file name -> metadata from `folder/manifest.json`; a broken manifest is ignored."""
    try:
        data = json.loads(Path(folder, MANIFEST).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict):
        data = data.get("articles", [])
    if not isinstance(data, list):
        return {}
    return {os.path.basename(str(e["file"])): e for e in data if isinstance(e, dict) and e.get("file")}


# ---------------------------------------------------------------- one input

def _read_one(label: str, path: str | None, meta: dict, max_bytes: int, stdin,
              articles: list[Article], errors: list[InputError]) -> None:
    try:
        data = _read_bytes(path, max_bytes, stdin)
        text = _decode(data)
    except _Bad as bad:
        errors.append(InputError(label, str(bad)))
        return
    suffix = Path(path).suffix.lower() if path else ""
    if suffix == ".jsonl" or (path is None and text.lstrip().startswith("{")):
        _read_jsonl(label, text, articles, errors)
        return
    title = url = outlet = published = None
    if suffix in (".html", ".htm") or (not suffix and _looks_like_html(text)):
        text, found = html_to_text(text)
        title, url, outlet, published = (found.get(k) for k in ("title", "url", "outlet", "date"))
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    if not text.strip():
        errors.append(InputError(label, "no text in this file"))
        return
    stem = Path(path).stem if path else "stdin"
    articles.append(_article(text, label, stem, meta | _drop_none(
        {"title": meta.get("title") or title, "url": meta.get("url") or url,
         "outlet": meta.get("outlet") or outlet, "date": meta.get("date") or published})))


def _read_bytes(path: str | None, max_bytes: int, stdin) -> bytes:
    if path is None:
        stream = stdin if stdin is not None else sys.stdin
        stream = getattr(stream, "buffer", stream)
        try:
            data = stream.read(max_bytes + 1)
        except (OSError, ValueError) as exc:
            raise _Bad(f"cannot read standard input ({exc})") from None
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        try:
            if os.path.isdir(path):
                raise _Bad("is a folder, not a file")
            size = os.path.getsize(path)
            if size > max_bytes:
                raise _Bad(f"file is {size} bytes, over the limit of {max_bytes}")
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except PermissionError:
            raise _Bad("cannot read this file (permission denied)") from None
        except FileNotFoundError:
            raise _Bad("no such file (or a broken link)") from None
        except OSError as exc:
            raise _Bad(f"cannot read this file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise _Bad(f"input is over the limit of {max_bytes} bytes")
    if not data.strip():
        raise _Bad("file is empty")
    return data


def _decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (BOM optional), UTF-16 with BOM, or Arabic cp1256; else _Bad."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _Bad(f"not valid UTF-16 text (bad bytes at offset {exc.start})") from None
    else:
        if _is_binary(data):
            raise _Bad("looks like a binary file, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # A few bad bytes in otherwise valid UTF-8 is a damaged file, not cp1256: reading it
            # as cp1256 would store Arabic-looking mojibake.
            bad = data.decode("utf-8", errors="replace").count("\ufffd")
            if bad <= max(3, len(data) // 1000):
                raise _Bad(f"not valid UTF-8 ({bad} bad byte(s), first 0x{data[exc.start]:02x} at offset "
                           f"{exc.start})") from None
            text = _cp1256(data)
            if text is None:
                raise _Bad(f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
                           f"{exc.start})") from None
    if not text.strip():
        raise _Bad("file holds only whitespace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample) > 0.05


def _cp1256(data: bytes) -> str | None:
    """The cp1256 reading of `data` when it is mostly Arabic (old Windows Arabic files)."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    return text if arabic_ratio(text) >= 0.6 else None


def _read_jsonl(label: str, text: str, articles: list[Article], errors: list[InputError]) -> None:
    stem = Path(label).stem
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            errors.append(InputError(where, f"not valid JSON ({getattr(exc, 'msg', exc)})"))
            continue
        except RecursionError:
            errors.append(InputError(where, "JSON nested too deeply"))
            continue
        if not isinstance(row, dict):
            errors.append(InputError(where, "expected a JSON object"))
            continue
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            errors.append(InputError(where, 'missing or empty "text"'))
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        meta = {k: str(row[k]) for k in ("id", "title", "outlet", "date", "url", "language")
                if row.get(k) not in (None, "")}
        articles.append(_article(body, f"{label}#{number}", stem, meta))


def _article(text: str, source: str, stem: str, meta: dict) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    published = _iso_date(str(meta["date"])) if meta.get("date") else None
    lang = str(meta.get("language") or meta.get("lang") or "") or guess_lang(text)
    return Article(
        id=str(meta.get("id") or f"{stem}-{sha[:8]}"),
        text=text,
        source=source,
        sha256=sha,
        lang="en" if lang.lower().startswith("en") else "ar",
        title=meta.get("title") or _first_line_title(text),
        outlet=meta.get("outlet"),
        date=published or find_publication_date(text),
        url=meta.get("url"),
    )


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def _first_line_title(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line if 0 < len(line) <= 150 and len(line.split()) <= 25 else None


# ---------------------------------------------------------------- Markdown and HTML

_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),         # horizontal rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),                    # block quotes
    (re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+", re.M), r"\1"),   # list markers
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                   # links -> link text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                  # reference links
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.M), ""),    # link definitions
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),           # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),                             # inline code
    (re.compile(r"^```.*$", re.M), ""),                              # code fences
]


def markdown_to_text(text: str) -> str:
    """Markdown reduced to plain text: markup gone, words and paragraph breaks kept."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_HTML_DROP_TAGS = ("script", "style", "nav", "footer", "aside", "noscript", "iframe", "svg",
                   "form", "button", "template", "header", "figure", "select", "input")
_BLOCK_TAGS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
               "li", "ul", "ol", "blockquote", "tr", "table", "dd", "dt", "pre", "figcaption")
_BOILER_CLASS = re.compile(
    r"share|social|cookie|consent|related|newsletter|comment|advert|(^|[-_ ])ads?($|[-_ ])"
    r"|most[-_]?read|popular|breadcrumb|subscribe|promo|sidebar|tags", re.I)
# Blocks that open with one of these labels are page furniture, not article text.
_BOILER_OPENERS = tuple(normalize(s).lower() for s in (
    "الأكثر قراءة", "الأكثر مشاهدة", "اقرأ أيضاً", "اقرأ أيضا", "إقرأ أيضاً", "اقرأ المزيد",
    "مواضيع ذات صلة", "أخبار ذات صلة", "شارك", "شارك هذا", "تابعونا", "تابعنا على",
    "read more", "read also", "related", "most read", "share", "follow us", "subscribe"))
_COOKIE = re.compile(r"cookie|ملفات تعريف الارتباط|الكوكيز|ملفات الارتباط")

def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.match(r"<(head|body|p|div)\b", head))


def html_to_text(html: str) -> tuple[str, dict]:
    """Article text from HTML (page furniture dropped, paragraphs kept) and any metadata
    the page states: title, url, outlet, date."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    meta = _html_meta(soup)
    for tag in soup.find_all(_HTML_DROP_TAGS):
        tag.decompose()
    for tag in _boilerplate(soup):
        tag.extract()
    raw = _block_text(soup.body or soup)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, meta


def _boilerplate(soup) -> list:
    """Page furniture to drop, outermost first; what lies inside a dropped block is not
    visited again."""
    sizes = _text_lengths(soup)
    found: dict[int, object] = {}
    stack = [soup]
    while stack:
        for tag in stack.pop().find_all(True, recursive=False):
            if id(tag) in found:
                continue
            if not _is_boilerplate(tag, sizes[id(tag)]):
                stack.append(tag)
                continue
            found[id(tag)] = tag
            sibling = tag.find_next_sibling()
            if tag.name in ("h2", "h3", "h4", "h5", "h6", "span", "strong") and sibling is not None \
                    and sibling.name in ("ul", "ol", "div"):
                found[id(sibling)] = sibling  # the list of links under an "اقرأ أيضاً" heading
    return list(found.values())


def _block_text(root) -> str:
    """The text under `root` with a blank line around every block element and a newline
    for <br>; iterative, so deeply nested pages cannot hit the recursion limit."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    out: list[str] = []
    stack: list = [iter(root.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if isinstance(child, Tag):
            if child.name == "br":
                out.append("\n")
            elif child.name in _BLOCK_TAGS:
                out.append("\n\n")
                stack.append(iter([*child.children, NavigableString("\n\n")]))
            else:
                stack.append(iter(child.children))
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            out.append(str(child))  # comments, doctypes and CDATA are not article text
    return "".join(out)


def _text_lengths(soup) -> dict[int, tuple[int, int]]:
    """(text length, tag count) under every tag, in one bottom-up pass: searching each
    tag's subtree instead would be quadratic in the nesting depth."""
    from bs4 import Tag

    sizes: dict[int, tuple[int, int]] = {}
    for tag in reversed(soup.find_all(True)):
        length = tags = 0
        for c in tag.children:
            if isinstance(c, Tag):
                length, tags = length + sizes[id(c)][0], tags + sizes[id(c)][1] + 1
            else:
                length += len(c.strip())
        sizes[id(tag)] = (length, tags)
    return sizes


def _is_boilerplate(tag, size: tuple[int, int]) -> bool:
    if tag.name in ("html", "body", "article", "main"):
        return False
    marker = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    if marker.strip() and _BOILER_CLASS.search(marker):
        return True
    length, tags = size
    if not length or length > 600 or tags > 60:
        return False
    text = tag.get_text(" ", strip=True)
    folded = normalize(text).lower()
    if _COOKIE.search(folded) and len(text) < 400 and tag.find(_BLOCK_TAGS) is None:
        return True
    linked = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a")) / len(text)
    for opener in _BOILER_OPENERS:
        rest = folded[len(opener):] if folded.startswith(opener) else None
        if rest is None or (rest and rest[0].isalnum()):
            continue  # not this label, or a longer word ("شاركت")
        # "شارك الآلاف في ..." is a sentence: a label stands alone or heads a list of links.
        if len(rest.split()) <= 3 or linked > 0.5:
            return True
    return tag.name in ("ul", "ol") and linked > 0.7


def _html_meta(soup) -> dict:
    def content(**attrs) -> str | None:
        tag = soup.find("meta", attrs=attrs)
        value = tag.get("content") if tag else None
        return value.strip() if value and value.strip() else None

    title = content(property="og:title")
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else None
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True) or None
    published = (content(property="article:published_time") or content(name="date")
                 or content(name="pubdate") or content(itemprop="datePublished"))
    if not published:
        time_tag = soup.find("time", attrs={"datetime": True})
        published = time_tag["datetime"] if time_tag else None
    canonical = soup.find("link", rel="canonical")
    url = content(property="og:url") or (canonical.get("href") if canonical else None)
    return {"title": title, "url": url, "outlet": content(property="og:site_name"), "date": published}


# ---------------------------------------------------------------- publication dates

_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10,
    "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# A month name may carry its Levantine twin: "29 ديسمبر/كانون الأول 2021".
_MONTH_PHRASE = rf"(?P<month>{_MONTH_RE})(?:\s*[/\-]\s*(?:{_MONTH_RE}))?"
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:من\s+)?{_MONTH_PHRASE}\.?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH_PHRASE}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})[/\-.](?P<month>\d{1,2})[/\-.](?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})[/\-.](?P<month>\d{1,2})[/\-.](?P<year>\d{4})\b"),
]
_DATELINE_HINT = re.compile(r"نشر|تاريخ|تحديث|published|updated|posted|date", re.I)


def find_publication_date(text: str) -> str | None:
    """ISO publication date stated in the article text (header lines first), or None.

    A date in the first lines is taken as the dateline; further down only a short line, or
    one that says "نُشر"/"Published", counts, so dates inside the story are not mistaken for it.
    """
    folded = normalize(to_western_digits(text)).lower()
    lines = [l.strip() for l in folded.split("\n") if l.strip()]
    for number, line in enumerate(lines):
        if number >= 6 and len(line) > 90 and not _DATELINE_HINT.search(line):
            continue
        found = _date_in(line)
        if found:
            return found
    return None


def find_date(text: str) -> str | None:
    """The first full date (day, month and year) written anywhere in `text`, as ISO."""
    return _date_in(normalize(to_western_digits(text)).lower())


def _date_in(line: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(line):
            month = m.group("month")
            number = int(month) if month.isdigit() else _MONTHS.get(month)
            if number is None:
                continue
            iso = _valid(int(m.group("year")), number, int(m.group("day")))
            if iso:
                return iso
    return _dateparser_date(line) if len(line) <= 60 else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _dateparser_date(line: str) -> str | None:
    """Last resort for a short dateline in a format the patterns above do not know."""
    if not re.search(r"\d{4}", line):
        return None  # without a year dateparser would fill in the current one
    import dateparser

    found = dateparser.parse(line, languages=["ar", "en"], settings={
        "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return found.date().isoformat() if found else None


def _iso_date(value: str) -> str | None:
    """A metadata date (ISO, ISO with time, or any format the text parser knows) as ISO."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return find_publication_date(value)
