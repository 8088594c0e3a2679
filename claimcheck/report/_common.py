"""Helpers shared by the report renderers: text direction, labels, number and claim formatting."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from claimcheck.records import NLI_LABELS  # noqa: F401  (re-exported for the renderers)
from claimcheck.signals import Evidence

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


# The signals in reading order, with the label every format shows beside each one's summary.
SIGNAL_LABELS = Evidence.LABELS


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


DISPUTE_KIND_LABELS = {"dispute": "Dispute", "reversal": "Reversal"}


def flag_numbers(data: dict) -> dict[str, int]:
    """Flag id -> its number in the pair list (1-based), so a dispute can point at its flags."""
    return {flag["id"]: n for n, flag in enumerate(data["contradictions"], 1)}


def strength(value: float) -> str:
    return f"{value:.2f}"
