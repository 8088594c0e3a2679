"""Time: two speakers disagreeing about clearly different periods (claims years apart, or naming
different years) is not a contradiction; the same speaker doing so is a reversal. When a side is
undated and the texts name no years, the period is unknown (None), never assumed the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from claimcheck.text.arabic import to_western_digits

YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-9]\d)(?!\d)")


def _parse(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d[:10]) if d else None
    except ValueError:
        return None


@dataclass(frozen=True)
class TimeEvidence:
    """When each side was said, the years each names, and whether they are about one period."""
    a_date: str | None
    b_date: str | None
    days_apart: int | None
    years_a: tuple[str, ...]
    years_b: tuple[str, ...]
    same_period: bool | None  # None: a side is undated and no years are named, so unknown

    def summary(self) -> str:
        parts = []
        if self.days_apart is not None:
            parts.append(f"{self.days_apart} day{'' if self.days_apart == 1 else 's'} apart")
        if self.years_a or self.years_b:
            parts.append(f"years named A {', '.join(self.years_a) or '-'} / B {', '.join(self.years_b) or '-'}")
        parts.append({True: "same period", False: "different periods"}.get(self.same_period,
                                                                             "period unknown (undated)"))
        return f"A: {self.a_date or 'undated'} · B: {self.b_date or 'undated'} — " + ", ".join(parts)

    def to_dict(self) -> dict:
        return {"a_date": self.a_date, "b_date": self.b_date, "days_apart": self.days_apart,
                "years_a": list(self.years_a), "years_b": list(self.years_b), "same_period": self.same_period}

    @classmethod
    def from_dict(cls, data: dict) -> "TimeEvidence":
        return cls(data.get("a_date"), data.get("b_date"), data.get("days_apart"), tuple(data.get("years_a") or ()),
                   tuple(data.get("years_b") or ()), data.get("same_period", True))


def time_signal(date_a: str | None, date_b: str | None, text_a: str, text_b: str, period_days: int) -> TimeEvidence:
    da, db = _parse(date_a), _parse(date_b)
    days = abs((db - da).days) if da and db else None
    years_a = set(YEAR_RE.findall(to_western_digits(text_a)))
    years_b = set(YEAR_RE.findall(to_western_digits(text_b)))
    named_apart = bool(years_a and years_b and not years_a & years_b)
    same_period = False if named_apart else None if days is None else days <= period_days
    return TimeEvidence(date_a, date_b, days, tuple(sorted(years_a)), tuple(sorted(years_b)), same_period)
