"""Where articles come from: files, folders (with a manifest.json), globs, JSONL, standard
input and web addresses, read one input at a time.

`iter_inputs` yields each article as soon as it is read, so a caller can store it before the
next input is touched, and never raises on bad input: each problem becomes an `InputError`
naming the file (and line, for JSONL), so a batch run reports it and carries on. Anything that
is not a regular file (a FIFO, a device, a socket) is refused before it is opened, given
directly or found in a folder, because reading it could block forever.
"""
from __future__ import annotations

import glob
import json
import os
import stat
import sys
from pathlib import Path
from typing import Iterator

from claimcheck.ingest.article import META_KEYS, make_article, merge
from claimcheck.ingest.decode import decode
from claimcheck.ingest.errors import InputError, Refused
from claimcheck.ingest.html import html_to_text, looks_like_html
from claimcheck.ingest.markdown import markdown_to_text
from claimcheck.records import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ""}
MANIFEST = "manifest.json"
DEFAULT_MAX_BYTES = 20_000_000


def iter_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None,
                fetch_timeout: float = 20.0) -> Iterator[Article | InputError]:
    """Each article (or the error of each bad input) from every path: file, folder, glob,
    "-" for standard input, or an http(s) address of a page or an RSS/Atom feed."""
    from claimcheck.ingest import web

    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield from _read_file("-", None, {}, max_bytes, stdin)
        elif web.is_url(raw):
            yield from web.read_url(raw, max_bytes, seen, fetch_timeout)
        else:
            for path, meta, problem in _expand(raw):
                if problem:
                    yield InputError(path, problem)
                    continue
                key = os.path.realpath(path)
                if key not in seen:
                    seen.add(key)
                    yield from _read_file(path, path, meta, max_bytes, stdin)


def read_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None,
                fetch_timeout: float = 20.0) -> tuple[list[Article], list[InputError]]:
    """All articles from `paths`, plus one error per bad input."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in iter_inputs(paths, max_bytes, stdin, fetch_timeout):
        (errors if isinstance(item, InputError) else articles).append(item)
    return articles, errors


# ---------------------------------------------------------------- paths and manifests

def _expand(raw: str) -> Iterator[tuple[str, dict, str | None]]:
    """(path, manifest metadata, problem) for each file that `raw` names."""
    if os.path.isdir(raw):
        for root, dirs, files in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            manifest = _manifest(root)
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST:
                    continue
                path = os.path.join(root, name)
                odd = _not_regular(path)
                if odd:
                    yield path, {}, odd
                elif Path(name).suffix.lower() in TEXT_SUFFIXES:
                    yield path, manifest.get(name, {}), None
        return
    if os.path.exists(raw) or os.path.islink(raw):
        yield raw, _manifest(os.path.dirname(raw) or ".").get(os.path.basename(raw), {}), _not_regular(raw)
        return
    if glob.has_magic(raw):
        matches = sorted(p for p in glob.glob(raw, recursive=True)
                         if not os.path.isdir(p) and os.path.basename(p) != MANIFEST)
        if not matches:
            yield raw, {}, "no files match this pattern"
        for path in matches:
            yield path, _manifest(os.path.dirname(path) or ".").get(os.path.basename(path), {}), _not_regular(path)
        return
    yield raw, {}, "no such file or folder"


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(path: str) -> str | None:
    """Why `path` cannot be read as an article without opening it, or None when it can be tried."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file (or a broken link)"
    except OSError:
        return None  # let the read report it (permission, loop...)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"is {kind}, not a regular file; refused without reading it"


def _manifest(folder: str) -> dict[str, dict]:
    """file name -> metadata from `folder/manifest.json`; a broken manifest is ignored."""
    path = Path(folder, MANIFEST)
    if _not_regular(str(path)) or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict):
        data = data.get("articles", [])
    if not isinstance(data, list):
        return {}
    return {os.path.basename(str(e["file"])): e for e in data if isinstance(e, dict) and e.get("file")}


# ---------------------------------------------------------------- one input

def _read_file(label: str, path: str | None, meta: dict, max_bytes: int, stdin) -> Iterator[Article | InputError]:
    try:
        text = decode(_read_bytes(path, max_bytes, stdin))
    except Refused as bad:
        yield InputError(label, str(bad))
        return
    suffix = Path(path).suffix.lower() if path else ""
    if suffix == ".jsonl" or (path is None and text.lstrip().startswith("{")):
        yield from read_jsonl(label, text)
        return
    found: dict = {}
    if suffix in (".html", ".htm") or (not suffix and looks_like_html(text)):
        text, found = html_to_text(text)
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    if not text.strip():
        yield InputError(label, "no text in this file")
        return
    yield make_article(text, label, Path(path).stem if path else "stdin", merge(meta, found))


def _nonblocking(path: str, flags: int) -> int:
    # Opening a FIFO for reading blocks until a writer appears; non-blocking, the check on the
    # opened file below refuses it instead (it may have replaced a regular file since _expand).
    return os.open(path, flags | os.O_NONBLOCK)


def _read_bytes(path: str | None, max_bytes: int, stdin) -> bytes:
    if path is None:
        stream = stdin if stdin is not None else sys.stdin
        stream = getattr(stream, "buffer", stream)
        try:
            data = stream.read(max_bytes + 1)
        except (OSError, ValueError) as exc:
            raise Refused(f"cannot read standard input ({exc})") from None
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        try:
            if os.path.isdir(path):
                raise Refused("is a folder, not a file")
            with open(path, "rb", opener=_nonblocking) as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise Refused("is not a regular file; refused without reading it")
                if info.st_size > max_bytes:
                    raise Refused(f"file is {info.st_size} bytes, over the limit of {max_bytes}")
                data = handle.read(max_bytes + 1)
        except PermissionError:
            raise Refused("cannot read this file (permission denied)") from None
        except FileNotFoundError:
            raise Refused("no such file (or a broken link)") from None
        except OSError as exc:
            raise Refused(f"cannot read this file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise Refused(f"input is over the limit of {max_bytes} bytes")
    if not data.strip():
        raise Refused("file is empty")
    return data


def read_jsonl(label: str, text: str) -> Iterator[Article | InputError]:
    """One article per JSON line {"id","text","date","outlet","title","url","language"}; a bad
    line is an error naming `label:line`, and the other lines are still read."""
    stem = Path(label).stem
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({getattr(exc, 'msg', exc)})")
            continue
        except RecursionError:
            yield InputError(where, "JSON nested too deeply")
            continue
        if not isinstance(row, dict):
            yield InputError(where, "expected a JSON object")
            continue
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, 'missing or empty "text"')
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        meta = {k: str(row[k]) for k in META_KEYS if row.get(k) not in (None, "")}
        yield make_article(body, f"{label}#{number}", stem, meta)
