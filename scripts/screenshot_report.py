#!/usr/bin/env python3
"""Screenshot an HTML report with headless Chromium, to eyeball layout and right-to-left text.

usage: screenshot_report.py REPORT.html OUT.png
Needs /usr/bin/chromium (Debian: apt-get install -y chromium). Prints the PNG path.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_S = 120


def screenshot(html_path: Path, png_path: Path, width: int = 1280, height: int = 1600) -> Path:
    """Write a PNG of `html_path`; raises RuntimeError when Chromium is missing or makes no PNG."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} not found; install it with: apt-get install -y chromium")
    png_path = png_path.resolve()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    png_path.unlink(missing_ok=True)  # so a stale PNG cannot pass for a fresh one
    # A fresh profile per run: no cached state, and no clash with a Chromium already running.
    with tempfile.TemporaryDirectory(prefix="claimcheck-chromium-") as profile:
        cmd = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
            f"--screenshot={png_path}", f"--window-size={width},{height}", html_path.resolve().as_uri(),
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    if not png_path.exists():
        raise RuntimeError(f"Chromium exited {result.returncode} without writing {png_path}:\n{result.stderr[-2000:]}")
    return png_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the HTML report to render")
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"error: no such HTML file: {args.html}", file=sys.stderr)
        return 2
    try:
        print(screenshot(args.html, args.png))
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
