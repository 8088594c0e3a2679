"""Bytes to text: UTF-8 (BOM optional), UTF-16 with BOM, a declared charset, or old Windows
Arabic (cp1256); anything else is refused with a reason that says what the bytes are."""
from __future__ import annotations

import codecs

from claimcheck.ingest.errors import Refused
from claimcheck.text.arabic import arabic_ratio


def decode(data: bytes, charset: str | None = None) -> str:
    """Text from bytes with newlines as "\\n"; `charset` is what a web server declared."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Refused(f"not valid UTF-16 text (bad bytes at offset {exc.start})") from None
    else:
        if is_binary(data):
            raise Refused("looks like a binary file, not text")
        text = _declared(data, charset)
        if text is None:
            text = _utf8_or_cp1256(data)
    if not text.strip():
        raise Refused("file holds only whitespace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / max(len(sample), 1) > 0.05


def _declared(data: bytes, charset: str | None) -> str | None:
    """`data` in a server's declared charset other than UTF-8 (which is checked strictly below)."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset.strip().strip('"')).name
    except LookupError:
        return None
    if name in ("utf-8", "ascii"):
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _utf8_or_cp1256(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A few bad bytes in otherwise valid UTF-8 is a damaged file, not cp1256: reading it
        # as cp1256 would store Arabic-looking mojibake.
        bad = data.decode("utf-8", errors="replace").count("\ufffd")
        if bad <= max(3, len(data) // 1000):
            raise Refused(f"not valid UTF-8 ({bad} bad byte(s), first 0x{data[exc.start]:02x} at offset "
                          f"{exc.start})") from None
        text = _cp1256(data)
        if text is None:
            raise Refused(f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
                          f"{exc.start})") from None
        return text


def _cp1256(data: bytes) -> str | None:
    """The cp1256 reading of `data` when it is mostly Arabic (old Windows Arabic files)."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    return text if arabic_ratio(text) >= 0.6 else None
