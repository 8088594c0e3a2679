"""Helpers shared by the report renderers: text direction, labels, number and claim formatting."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from claimcheck.records import NLI_LABELS  # noqa: F401  (re-exported for the renderers)
from claimcheck.signals import side_words

# Arabic, Arabic Supplement, Arabic Extended-A and the presentation-form blocks.
ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"  # a regex class body
_ARABIC = re.compile(f"[{ARABIC_CHARS}]")
_SPACE = re.compile(r"\s+")

KIND_LABELS = {"contradiction": "Contradiction", "reversal": "Reversal"}

REVIEW_LABELS = {
    "unreviewed": "Unreviewed",
    "confirmed": "Confirmed",
    "rejected": "Rejected",
    "agree": "Statements agree",
    "unsure": "Unsure",
}


def calibration_note(settings: dict) -> str:
    """What a score means in this report."""
    fitted = settings.get("calibration")
    return f"calibrated on {fitted}" if fitted else "uncalibrated (mean contradiction probability)"


def is_arabic(text: str | None) -> bool:
    """True when the string contains any Arabic letter (mixed strings count as Arabic)."""
    return bool(text) and _ARABIC.search(text) is not None


def one_line(text: str | None) -> str:
    """Collapse runs of whitespace: article text can carry newlines that would break a layout."""
    return _SPACE.sub(" ", text or "").strip()


def pct(p: float) -> str:
    return f"{round(p * 100)}%"


def speaker_name(claim: dict) -> str:
    """The canonical name, falling back to the mention as written, then to 'Unnamed speaker'."""
    return claim.get("speaker") or claim.get("speaker_mention") or "Unnamed speaker"


def speaker_line(claim: dict) -> str:
    """'Name (role)', or just the name when the role is unknown or repeats it."""
    name, role = speaker_name(claim), claim.get("role")
    return f"{name} ({role})" if role and role != name else name


def claim_when(claim: dict) -> str | None:
    """When the statement was made if the text says, else when its article was published."""
    return claim.get("claim_date") or claim.get("date")


def http_url(url: str | None) -> str | None:
    """The URL itself if it is http(s), else None: only such URLs may become links."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def date_line(claim: dict) -> str:
    """Statement date and publication date, saying which is which when they differ."""
    said, published = claim.get("claim_date"), claim.get("date")
    if said and published and said != published:
        return f"said {said}, published {published}"
    return said or published or "undated"


def time_summary(time: dict) -> str:
    """'4 days apart, same period' from a time signal (either part may be unknown)."""
    parts = []
    days = time.get("days_apart")
    if days is not None:
        parts.append(f"{days} day{'' if days == 1 else 's'} apart")
    if time.get("same_period") is not None:
        parts.append("same period" if time["same_period"] else "different periods")
    elif "same_period" in time:
        parts.append("period unknown (undated)")
    return ", ".join(parts) or "no timing known"


def attitude_summary(attitude: dict) -> str:
    """"A reports an attitude ('تريد'); B states a fact", from an attitude signal."""
    if not attitude["mismatch"]:
        return f"both report attitudes ('{attitude['a']}' / '{attitude['b']}')"
    side, other = ("a", "b") if attitude["a"] else ("b", "a")
    return f"{side.upper()} reports an attitude ('{attitude[side]}'); {other.upper()} states a fact"


def continuation_summary(continuation: dict) -> str:
    """"A says it ends ('انتهت'); B says it goes on ('ستبقي') — opposed", from a continuation signal."""
    sides = [f"{name} says it {side['says']} ({side_words(side)})"
             for name, side in (("A", continuation["a"]), ("B", continuation["b"])) if side]
    relation = {"opposed": " — opposed", "agreed": " — agreed"}.get(continuation["relation"], "")
    return "; ".join(sides) + relation


def side_labels(flag: dict) -> tuple[str, str]:
    # In a reversal, a is by definition the speaker's earlier statement.
    if flag["kind"] == "reversal":
        return "A (earlier)", "B (later)"
    return "A", "B"


def review_line(review: dict) -> str:
    """'Confirmed (mona, 2026-11-21T10:00:00Z)', or the bare state when nobody reviewed it."""
    label = REVIEW_LABELS.get(review["state"], review["state"])
    who = ", ".join(x for x in (review.get("reviewer"), review.get("at")) if x)
    return f"{label} ({who})" if who else label
