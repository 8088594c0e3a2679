"""Publication dates: the dateline of an article's text, or a metadata date in any usual form.

An article with no date found stays undated (None): a guessed date (today, or a date inside
the story) would put its statements in the wrong period.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from claimcheck.text.arabic import normalize, to_western_digits

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


def iso_date(value: str) -> str | None:
    """A metadata date (ISO, ISO with time, or any format the text parser knows) as ISO."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return find_publication_date(value)
