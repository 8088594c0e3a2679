"""Render report data (the dict that is also the JSON report) as Markdown, JSON, HTML or ClaimReview."""
from __future__ import annotations

from collections.abc import Callable

from claimcheck.report import claimreview, csv_report, html, json_report, markdown

_RENDERERS: dict[str, Callable[[dict], str]] = {
    "md": markdown.render,
    "json": json_report.render,
    "html": html.render,
    "claimreview": claimreview.render,
    "csv": csv_report.render_disputes,     # one row per claim on a side of a dispute
    "flags-csv": csv_report.render_flags,  # one row per pair flag
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(data: dict, fmt: str) -> str:
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}; valid formats: {', '.join(FORMATS)}") from None
    return renderer(data)
