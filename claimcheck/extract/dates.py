"""When a statement was made, from the relative day words around its cue.

"أمس" / "yesterday", "اليوم" / "today", "الخميس الماضي" / "last Thursday", a bare weekday
("مساء السبت", "on Thursday": the latest such day on or before the article date), or an
explicit date, resolved against the article's publication date. Only the words of the
sentence outside the statement count: "اليوم" inside a quote means "nowadays".
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from claimcheck.extract.lexicon import WEEKDAYS
from claimcheck.ingest import find_date

_EN_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_AR_DAY = "|".join(WEEKDAYS)
_EN_DAY = "|".join(_EN_WEEKDAYS)
_PATTERNS = [
    (re.compile(r"(?:اول|أول) (?:من )?امس"), lambda d, m: d - timedelta(days=2)),
    (re.compile(r"\bthe day before yesterday\b", re.I), lambda d, m: d - timedelta(days=2)),
    (re.compile(r"(?<!\w)(?:ب|و)?امس(?!\w)|\byesterday\b", re.I), lambda d, m: d - timedelta(days=1)),
    (re.compile(rf"(?<!\w)(?:يوم )?(?P<day>{_AR_DAY}) (?:الماضي|الفائت|المنصرم)"), lambda d, m: _last(d, WEEKDAYS[m["day"]], True)),
    (re.compile(rf"\blast (?P<day>{_EN_DAY})\b", re.I), lambda d, m: _last(d, _EN_WEEKDAYS[m["day"].lower()], True)),
    (re.compile(r"(?<!\w)اليوم(?!\w)|\btoday\b|\bthis (?:morning|afternoon|evening)\b", re.I), lambda d, m: d),
    (re.compile(rf"(?<!\w)(?P<day>{_AR_DAY})(?!\w)(?! (?:المقبل|القادم))"), lambda d, m: _last(d, WEEKDAYS[m["day"]], False)),
    (re.compile(rf"\bon (?P<day>{_EN_DAY})\b", re.I), lambda d, m: _last(d, _EN_WEEKDAYS[m["day"].lower()], False)),
]


def _last(published: date, weekday: int, strictly_before: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def claim_date(context: str, published: str | None) -> str | None:
    """ISO date the words in `context` (normalised) point at, given the article date."""
    explicit = find_date(context)
    if explicit:
        return explicit
    if not published:
        return None
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return None
    for pattern, resolve in _PATTERNS:
        m = pattern.search(context)
        if m:
            return resolve(day, m).isoformat()
    return None
