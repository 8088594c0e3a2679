"""Time: two speakers disagreeing about clearly different periods (claims years apart, or naming
different years) is not a contradiction; the same speaker doing so is a reversal. When a side is
undated and the texts name no years, the period is unknown (None), never assumed the same.
"""
from __future__ import annotations

import re
from datetime import date

from claimcheck.text.arabic import to_western_digits

YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-9]\d)(?!\d)")


def _parse(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d[:10]) if d else None
    except ValueError:
        return None


def time_signal(date_a: str | None, date_b: str | None, text_a: str, text_b: str, period_days: int) -> dict:
    da, db = _parse(date_a), _parse(date_b)
    days = abs((db - da).days) if da and db else None
    years_a = set(YEAR_RE.findall(to_western_digits(text_a)))
    years_b = set(YEAR_RE.findall(to_western_digits(text_b)))
    named_apart = bool(years_a and years_b and not years_a & years_b)
    same_period = False if named_apart else None if days is None else days <= period_days
    return {"a_date": date_a, "b_date": date_b, "days_apart": days,
            "years_a": sorted(years_a), "years_b": sorted(years_b), "same_period": same_period}

