"""The audit's HTML page in a real browser: headless Chromium, no console errors, a screenshot.

Skipped, with the reason, where no Chromium is installed (Debian: apt-get install chromium).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.audit import exports
from checker.audit.batch import run_audit
from checker.audit.worker import AuditConfig
from checker.commands.inputs import expand
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "audit"
BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium)")
INJECTED = """<script>document.title='pwned'</script>县人民政府
关于2024年度法治政府建设情况的报告
一、主要举措和成效
深入开展法制政府<img src=x onerror="document.body.setAttribute('data-pwned','1')">建设。
"""
WIDTH, HEIGHT = 1280, 1300


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
               *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("browser")
    shutil.copytree(FIXTURES, folder / "reports")
    (folder / "reports" / "injected.txt").write_text(INJECTED, encoding="utf-8")
    (folder / "reports" / "broken.txt").write_bytes(b"\x00binary\x00" * 30)
    paths = expand([str(folder / "reports")]).paths
    with run_audit(paths, AuditConfig(use_cache=False), jobs=2) as audit:
        exports.write("html", audit, folder / "audit.html")
    yield folder / "audit.html"


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_the_page_runs_its_script_without_console_errors(page: Path, tmp_path: Path) -> None:
    result = chromium(page, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert console_messages(result.stderr) == []
    assert re.search(r'<body[^>]*data-ready="1"', dom)  # the script ran to its end
    assert "<title>法治政府建设年度报告审核汇总</title>" in dom  # the injected script did not run
    assert "data-pwned" not in dom.split("<section")[0] and 'data-pwned="1"' not in dom
    ranking = dom[dom.index('id="ranking"'):dom.index('id="summary"')]
    assert ranking.count("<tr>") == 1 + 9  # the header and every report, the broken file too
    assert "无法检查：" in ranking and "北岭县人民政府" in ranking
    assert dom.count('<details class="report"') == 9


def test_the_ranking_sorts_when_a_header_is_clicked(page: Path, tmp_path: Path) -> None:
    probe = """<script>
    var heads = document.querySelectorAll("#ranking th");
    var score = Array.prototype.filter.call(heads, function (h) { return h.textContent === "得分"; })[0];
    score.click();
    var cells = document.querySelectorAll("#ranking tbody tr td:nth-child(6)");
    document.body.setAttribute("data-sorted",
      Array.prototype.map.call(cells, function (c) { return c.textContent; }).join(","));
    </script></body>"""
    clicked = tmp_path / "clicked.html"
    clicked.write_text(page.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
    result = chromium(clicked, tmp_path / "profile", "--dump-dom")
    assert console_messages(result.stderr) == []
    match = re.search(r'data-sorted="([^"]*)"', result.stdout)
    assert match is not None
    scores = [float(v) for v in match.group(1).split(",") if re.fullmatch(r"[\d.]+", v)]
    assert len(scores) == 8 and scores == sorted(scores)  # ascending after one click


def test_the_ranking_reads_at_a_glance(page: Path, tmp_path: Path) -> None:
    """Element headers stand upright in one narrow column, no cell wraps, the table fits the window."""
    probe = """<script>
    var rows = document.querySelectorAll("#ranked tbody tr");
    var heights = Array.prototype.map.call(rows, function (r) { return r.getBoundingClientRect().height; });
    var heads = document.querySelectorAll("#ranked th.el");
    var widths = Array.prototype.map.call(heads, function (h) { return h.getBoundingClientRect().width; });
    var tall = Array.prototype.map.call(heads, function (h) { return h.getBoundingClientRect().height; });
    var line = parseFloat(getComputedStyle(document.querySelector("#ranked td")).fontSize);
    document.body.setAttribute("data-layout", [Math.min.apply(null, heights), Math.max.apply(null, heights),
      Math.max.apply(null, widths), Math.max.apply(null, tall), line,
      document.getElementById("ranked").getBoundingClientRect().width, heads.length, rows.length].join(","));
    </script></body>"""
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
    result = chromium(probed, tmp_path / "profile", "--dump-dom", f"--window-size={WIDTH},{HEIGHT}")
    match = re.search(r'data-layout="([^"]*)"', result.stdout)
    assert match is not None, result.stderr[-2000:]
    low, high, head_width, head_height, font, table, count, shown = (float(v) for v in match.group(1).split(","))
    assert count >= 10 and shown == 9  # every element has its header; every report its row
    assert high <= low * 1.25  # every row one line high: no status cell or name wraps
    assert head_width <= 2.5 * font  # an element's header is one upright column of characters
    assert head_height <= 10 * font  # and at most about eight characters tall (the rest in its title)
    assert table <= WIDTH - 48  # the whole ranking fits the page at 1280 pixels


def test_a_screenshot_shows_the_charts(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "audit.png"
    result = chromium(page, tmp_path / "profile", f"--screenshot={shot}",
                      f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars")
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    inked = sum(1 for p in pixels if p != (255, 255, 255))
    assert inked / len(pixels) > 0.03  # text, tables and charts, not a blank page
    bars = sum(1 for r, g, b in pixels if abs(r - 0x3A) < 8 and abs(g - 0x7B) < 8 and abs(b - 0xD5) < 8)
    greens = sum(1 for r, g, b in pixels if g > r + 25 and g > b + 25)
    assert bars > 1000  # the score distribution's blue bars
    assert greens > 1000  # the coverage heat map and the ✔ cells


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into RGB pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, bytes] = {}
    position = 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        chunks[kind] = chunks.get(kind, b"") + data[position + 8:position + 8 + length]
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + nearest) & 0xFF
        pixels.extend(tuple(line[x:x + 3]) for x in range(0, stride, channels))  # type: ignore[misc]
        previous = line
    return width, height, pixels
