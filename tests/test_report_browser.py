"""The HTML report as a real browser draws it (needs /usr/bin/chromium, else skipped)."""
from __future__ import annotations

import importlib.util
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.report import render

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "screenshot_report.py"
FIXTURE = Path(__file__).parent / "data" / "report_fixture.json"


def _html_report(tmp_path: Path) -> Path:
    html = tmp_path / "report.html"
    html.write_text(render(json.loads(FIXTURE.read_text(encoding="utf-8")), "html"), encoding="utf-8")
    return html


def test_screenshot_of_fixture_report(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")
    png = tmp_path / "report.png"
    result = subprocess.run([sys.executable, str(SCRIPT), str(_html_report(tmp_path)), str(png)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(png.resolve())
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1280, 1600)  # IHDR width, height
    # A blank page compresses to a few kB; cards of Arabic text do not.
    assert png.stat().st_size > 50_000


def test_screenshot_script_fails_clearly_without_chromium(tmp_path, monkeypatch, capsys):
    spec = importlib.util.spec_from_file_location("screenshot_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CHROMIUM", tmp_path / "no-chromium")
    assert module.main([str(_html_report(tmp_path)), str(tmp_path / "out.png")]) != 0
    assert "apt-get install -y chromium" in capsys.readouterr().err
    assert not (tmp_path / "out.png").exists()
