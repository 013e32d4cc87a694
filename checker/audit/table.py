"""The ranked table for the terminal, fitted to its width (``--width`` or the terminal's).

Plain padded text, not a rich Table: ten thousand rows print in a fraction of a
second. Every column has its natural width; when the line is wider than the
terminal, the table gives up detail in a fixed order (:data:`STEPS`) until it
fits: the file name shrinks, then goes (the issuer names the report; a report
without one shows its file name), the date goes (the 报送 column says whether it
was on time), errors and warnings share a column, the template is abbreviated,
the element marks close up, the issuer is shortened, the year goes. A legend
under the table says what the abbreviations mean. Elements are numbered columns
(①… would be drawn two columns wide by some terminals and break the alignment).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from checker.audit.batch import Audit, Row
from checker.audit.labels import NOT_REQUIRED, percent, status_word, template_label, unranked_reason, verdict
from checker.render.safe import printable

STATUS_STYLE = {"✔": "green", "△": "yellow", "✘": "red", NOT_REQUIRED: "dim"}
TIMING_STYLE = {"按期": "green", "逾期": "red", "未注明": "yellow", "年度不明": "yellow"}
VERDICT_STYLE = {"通过": "green", "未通过": "red"}
COPY_STYLE = {"*": "yellow"}  # any mark in the 雷同 column (54%, 组2): a report flagged as a near-copy
ANSI = {"green": "\x1b[32m", "yellow": "\x1b[33m", "red": "\x1b[1;31m", "dim": "\x1b[2m", "bold": "\x1b[1m"}
GAP = 2
REPORT_WIDTH, REPORT_MIN = 24, 10
FILE_WIDTH, FILE_MIN = 28, 16
SHORT_TEMPLATE = {"政府": "政", "部门": "部"}
# The order in which the table gives up detail to fit the width.
STEPS = ("shrink-file", "drop-file", "drop-date", "join-counts", "short-template", "close-marks",
         "shrink-report", "drop-year", "drop-template")


@dataclass
class Layout:
    width: int
    done: set[str] = field(default_factory=set)
    file_width: int = FILE_WIDTH
    report_width: int = REPORT_WIDTH
    # issuers that name more than one report: with the file column dropped, those rows show their
    # file's name instead (松川县人民政府 twice is no way to tell two filings apart)
    repeated: set[str] = field(default_factory=set)


def lines(audit: Audit, rows: list[Row], width: int, color: bool) -> list[str]:
    """The table's lines (the header, a rule, one line per row) and its legend's."""
    layout = Layout(width)
    issuers = Counter(row.issuer for row in rows if row.ranked and row.issuer)
    layout.repeated = {issuer for issuer, count in issuers.items() if count > 1}
    graded = any(r.grade for r in rows)
    natural = _natural(audit, rows)
    for step in STEPS:
        if _width(audit, layout, natural, graded) <= width:
            break
        layout.done.add(step)
        if step == "shrink-file":
            layout.file_width = FILE_MIN
        if step == "shrink-report":
            layout.report_width = REPORT_MIN
    heads, cells, right, widths = _columns(audit, rows, layout, graded)
    out = [_line(heads, widths, right, color, {k: {h: "bold"} for k, h in enumerate(heads)}),
           "─" * min(sum(widths) + GAP * (len(widths) - 1), width)]
    styles = _styles(heads)
    for row, line in zip(rows, cells, strict=True):
        if not row.ranked:
            out.extend(_failed(row, line, widths, right, width, color))
        else:
            out.append(_line(line, widths, right, color, styles))
    return out + _legend(audit, layout)


def _natural(audit: Audit, rows: list[Row]) -> dict[str, int]:
    """The widest cell of each column over the checked rows, without any shortening."""
    widest: dict[str, int] = {}

    def see(key: str, text: str) -> None:
        size = display_width(text)
        if size > widest.get(key, 0):
            widest[key] = size

    for row in rows:
        if not row.ranked:
            continue
        see("report", clean(row.issuer or os.path.basename(row.path)))
        see("file", clean(os.path.basename(row.path)))
        see("template", template_label(audit, row.template))
        see("counts", f"{row.errors}/{row.warnings}")
        see("errors", str(row.errors))
        see("warnings", str(row.warnings))
        see("date", row.date or "")
        see("timing", row.timing)
        see("copies", f"组{row.group}" if row.group else percent(row.copy_share))
    return widest


def _width(audit: Audit, layout: Layout, natural: dict[str, int], graded: bool) -> int:
    """The table's width under ``layout`` (what :func:`_columns` would make, without making it)."""
    done = layout.done
    count = len(audit.elements)
    parts = [4, max(min(natural.get("report", 0), layout.report_width), 4)]
    if "drop-year" not in done:
        parts.append(4)
    template = natural.get("template", 0)
    if "drop-template" not in done:
        parts.append(max(2 if "short-template" in done else template, 4))
    parts += [5] + ([6] if graded else []) + [6]
    parts += [max(count, 2)] if "close-marks" in done else [len(str(n)) for n in range(1, count + 1)]
    if "join-counts" in done:
        parts.append(max(natural.get("counts", 0), 5))
    else:
        parts += [max(natural.get("errors", 0), 4), max(natural.get("warnings", 0), 4)]
    if "drop-date" not in done:
        parts.append(max(natural.get("date", 0), 8))
    parts += [max(natural.get("timing", 0), 4), max(natural.get("copies", 0), 4)]
    if "drop-file" not in done:
        parts.append(max(min(natural.get("file", 0), layout.file_width), 4))
    return sum(parts) + GAP * (len(parts) - 1)


def _columns(audit: Audit, rows: list[Row], layout: Layout, graded: bool
             ) -> tuple[list[str], list[list[str]], set[int], list[int]]:
    done = layout.done
    count = len(audit.elements)
    close = "close-marks" in done
    heads = ["排名", "报告"]
    if "drop-year" not in done:
        heads.append("年度")
    heads += (["模板"] if "drop-template" not in done else []) + ["得分"] + (["等级"] if graded else []) + ["结论"]
    marks_at = len(heads)
    heads += ["".join(str(n % 10) for n in range(1, count + 1))] if close else \
        [str(n) for n in range(1, count + 1)]
    heads += ["错/警"] if "join-counts" in done else ["错误", "警告"]
    if "drop-date" not in done:
        heads.append("成文日期")
    heads += ["报送", "雷同"]
    if "drop-file" not in done:
        heads.append("文件")
    cells = [_cells(audit, row, layout, graded, close) for row in rows]
    right = {k for k, h in enumerate(heads) if h in ("排名", "年度", "得分", "错误", "警告", "错/警", "雷同")}
    widths = [max([display_width(heads[k]), *(display_width(line[k]) for line, row in zip(cells, rows, strict=True)
                                               if row.ranked)]) for k in range(len(heads))]
    if close:
        widths[marks_at] = max(widths[marks_at], count)
    return heads, cells, right, widths


def _cells(audit: Audit, row: Row, layout: Layout, graded: bool, close: bool) -> list[str]:
    done = layout.done
    name = fit(clean(os.path.basename(row.path)), layout.file_width)
    told = row.issuer if row.issuer and (row.issuer not in layout.repeated or "drop-file" not in done) else None
    label = fit(clean(told or os.path.basename(row.path)), layout.report_width)
    if not row.ranked:
        return ["—", label, status_word(row), clean(unranked_reason(row)), name]
    template = template_label(audit, row.template)
    line = [str(row.rank), label]
    if "drop-year" not in done:
        line.append(str(row.year) if row.year else "不明")
    if "drop-template" not in done:
        line.append(SHORT_TEMPLATE.get(template, template) if "short-template" in done else template)
    line.append(f"{row.score:.1f}")
    if graded:
        line.append(row.grade or "")
    line.append(verdict(row))
    marks = row.marks(audit.elements)
    line += ["".join(marks)] if close else marks
    line += [f"{row.errors}/{row.warnings}"] if "join-counts" in done else [str(row.errors), str(row.warnings)]
    if "drop-date" not in done:
        line.append(row.date or "")
    line += [row.timing, f"组{row.group}" if row.group else percent(row.copy_share)]
    if "drop-file" not in done:
        line.append(name)
    return line


def _styles(heads: list[str]) -> dict[int, dict[str, str]]:
    styles: dict[int, dict[str, str]] = {}
    for k, head in enumerate(heads):
        if head.isdigit():
            styles[k] = STATUS_STYLE
        elif head == "报送":
            styles[k] = TIMING_STYLE
        elif head == "结论":
            styles[k] = VERDICT_STYLE
        elif head == "雷同":
            styles[k] = COPY_STYLE
    return styles


def _failed(row: Row, line: list[str], widths: list[int], right: set[int], width: int, color: bool) -> list[str]:
    """An unreadable file or one that is no report: rank, name, 无法检查 / 不计入排名 and its reason,
    on following lines when long."""
    start = _line(line[:2], widths, right, False, {}) + " " * GAP + _paint(line[2], "red", color)
    reason = line[3] + (f"（{line[4]}）" if row.issuer else "")
    used = display_width(_plain(start)) + GAP
    if used + display_width(reason) <= width:
        return [start + " " * GAP + _paint(reason, "red", color)]
    indent = min(display_width(_plain(_line(line[:1], widths, right, False, {}))) + GAP, 8)
    return [start, *(" " * indent + _paint(part, "red", color) for part in wrap(reason, width - indent))]


def _legend(audit: Audit, layout: Layout) -> list[str]:
    items = [f"{n} {name}" for n, (_, name) in enumerate(audit.elements, 1)]
    out = [*_items("要素：", items, layout.width), "      ✔ 具备  △ 薄弱  ✘ 缺失  — 该模板不要求"]
    notes = ["报送：成文日期与模板规定期限（报告年度次年）比较",
             "雷同：与其他报告相同部分的最大占比，组N 为第N组正文基本相同的报告"]
    if "short-template" in layout.done and "drop-template" not in layout.done:
        notes.append("模板：政 政府、部 部门")
    if "join-counts" in layout.done:
        notes.append("错/警：错误数/警告数")
    if "close-marks" in layout.done:
        notes.append("要素列依次为 1、2、3……（表头为序号的个位）")
    return out + [line for note in notes for line in _items("      ", [note], layout.width)]


def _items(lead: str, items: list[str], width: int) -> list[str]:
    """``items`` after ``lead``, two spaces apart, broken between items to stay within ``width``
    (an item wider than the line is cut, its pieces indented like the others)."""
    indent = " " * display_width(lead)
    room = max(width - len(indent), 10)
    pieces = [piece for item in items for piece in wrap(item, room)]
    out: list[str] = []
    current = ""
    for piece in pieces:
        if current and display_width(current) + 2 + display_width(piece) > room:
            out.append(current)
            current = piece
        else:
            current = f"{current}  {piece}" if current else piece
    out.append(current)
    return [(lead if k == 0 else indent) + line for k, line in enumerate(out)]


def _line(cells: list[str], widths: list[int], right: set[int], color: bool,
          styles: dict[int, dict[str, str]]) -> str:
    parts = []
    for k, text in enumerate(cells):
        pad = " " * max(widths[k] - display_width(text), 0)
        if color and k in styles:
            style = styles[k]
            shown = "".join(_paint(ch, style.get(ch, ""), True) for ch in text) if len(text) > 1 and \
                all(ch in style for ch in text) else _paint(text, style.get(text, style.get("*", "")), True)
        else:
            shown = text
        parts.append(pad + shown if k in right else shown + pad)
    return (" " * GAP).join(parts).rstrip()


@lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    if not width or display_width(text) <= width:
        return text
    while display_width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def wrap(text: str, width: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``width`` terminal columns."""
    pieces, current = [], ""
    for ch in text:
        if display_width(current + ch) > width:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def clean(text: str) -> str:
    """Text from a report or a file name, its control characters shown as escapes (none reaches
    the terminal)."""
    return printable(text)


def _paint(text: str, style: str, color: bool) -> str:
    if not color or not style or not text:
        return text
    return f"{ANSI[style]}{text}\x1b[0m"


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
