"""The HTML report as a real browser draws it (needs /usr/bin/chromium, else skipped)."""
from __future__ import annotations

import importlib.util
import json
import re
import struct
import subprocess
import sys
import tempfile
from html import unescape
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


# Measured by the browser itself: a copy of the report with a probe script appended (the report
# has no scripts of its own), whose findings Chromium's --dump-dom prints.
_PROBE = """<script>
const out = {};
const first = document.getElementById('dispute-1');
const sides = [...first.querySelectorAll('.side')].map(s => s.getBoundingClientRect());
out.sides = sides.map(r => ({left: Math.round(r.left), top: Math.round(r.top), width: Math.round(r.width)}));
const quote = first.querySelector('.side-0 .quote-inline');
out.quoteDirection = getComputedStyle(quote).direction;
out.contents = [...document.querySelectorAll('nav.contents a')].map(a => a.getAttribute('href'));
out.targets = out.contents.map(h => !!document.querySelector(h));
out.disputesBeforeFlags = document.getElementById('dispute-1').compareDocumentPosition(
  document.getElementById('flag-1')) === Node.DOCUMENT_POSITION_FOLLOWING;
out.scripts = document.scripts.length;
const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def test_browser_lays_out_disputes_with_sides_side_by_side(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")
    html = _html_report(tmp_path)
    probed = tmp_path / "probed.html"
    probed.write_text(html.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="claimcheck-chromium-") as profile:
        result = subprocess.run(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1600",
             "--virtual-time-budget=5000", "--dump-dom", probed.resolve().as_uri()],
            capture_output=True, text=True, timeout=180)
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    probe = json.loads(unescape(found.group(1)))
    assert probe["scripts"] == 1  # only the probe: the report itself runs nothing
    left, right = probe["sides"]
    assert left["top"] == right["top"] and left["left"] < right["left"]  # side by side at 1280px
    assert left["width"] > 300 and right["width"] > 300
    assert probe["quoteDirection"] == "rtl"  # the Arabic quote is laid out right to left
    assert probe["contents"] == ["#dispute-1", "#dispute-2", "#dispute-3", "#pair-flags"]
    assert all(probe["targets"])  # every contents link lands on its section
    assert probe["disputesBeforeFlags"]
