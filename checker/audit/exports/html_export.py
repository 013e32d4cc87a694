"""The audit as one self-contained HTML page: no network, no external script, style or font.

The page holds the overview, the charts (score distribution as SVG, element
coverage as a heat-map table), the ranked table (sortable by a few lines of
inline script; it works without script too), the batch summary, the copy pairs,
the year-over-year comparisons and every report's gap report, with the cited
passages highlighted in context. A Content-Security-Policy forbids any request.
Written report by report.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import IO

from checker import __version__
from checker.audit.batch import Audit, Row
from checker.audit.exports import atomic_file
from checker.audit.exports.html_parts import coverage_heatmap, gap_report, score_chart
from checker.audit.labels import (
    NOT_REQUIRED,
    PLAN_FOUND,
    PLAN_UNMATCHED,
    PLAN_UNMATCHED_SHORT,
    labelled,
    percent,
    sections_text,
    status_word,
    template_label,
    unranked_reason,
)
from checker.audit.years import REPORTED_SHARE
from checker.render.html_parts import PAGE_STYLE, esc

STYLE = PAGE_STYLE + """
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}figure{margin:0}
figcaption{font-weight:bold;margin-bottom:4px}svg.chart{width:560px;max-width:100%;height:auto}
.bar{fill:#3a7bd5}.bar.low{fill:#d9822b}.axis{stroke:#59636e}
.chart .num,.chart .lbl{font-size:11px;text-anchor:middle;fill:#1f2328}.chart .start{text-anchor:start}
.scroll{overflow-x:auto}
#ranked{font-size:13px;line-height:1.3}#ranked td,#ranked th{white-space:nowrap;padding:2px 5px}
#ranked tbody tr:nth-child(even){background:#f6f8fa}#ranked tbody tr:hover{background:#eef4ff}
#ranked .who{max-width:14em;overflow:hidden;text-overflow:ellipsis}
#ranked .file{max-width:10em;overflow:hidden;text-overflow:ellipsis;color:#59636e}
#ranked th.el{vertical-align:bottom;padding:4px 1px;width:1.6em;min-width:1.6em}
#ranked th.el span{writing-mode:vertical-rl;text-orientation:upright;display:inline-block;white-space:nowrap;
max-height:7.5em;overflow:hidden;text-overflow:ellipsis;font-weight:normal;line-height:1.6em}
#ranked td.m{width:1.6em;min-width:1.6em;padding:2px 1px}#ranked .date{font-variant-numeric:tabular-nums}
.pass{color:#116329}.fail{color:#a40e26;font-weight:bold}.grade{text-align:center}
.g-a{color:#116329;font-weight:bold}.g-b{color:#1a7f37}.g-c{color:#7d4e00}.g-d{color:#a40e26;font-weight:bold}
table.sortable th{cursor:pointer;user-select:none}table.sortable th[aria-sort=ascending]::after{content:" ▲"}
table.sortable th[aria-sort=descending]::after{content:" ▼"}
.heat td{text-align:center;min-width:4em}
details.report{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 10px}
details.report summary{cursor:pointer}.rank{display:inline-block;min-width:2.5em;font-weight:bold}
.score{float:right}
.pair{margin:8px 0;padding:6px 10px;border-left:4px solid #d9822b;background:#fff8f0}
.pair.group{border-left-color:#a40e26;background:#fff0f0}
#ranked td.copy{background:#fff1e0;font-weight:bold}#ranked td.copy a{color:#9a4d00}
"""

SCRIPT = """
(function () {
  function key(row, col) {
    var cell = row.cells[col];
    return cell ? (cell.getAttribute("data-v") || cell.textContent) : "";
  }
  function compare(x, y) {
    var a = parseFloat(x), b = parseFloat(y);
    if (!isNaN(a) && !isNaN(b)) { return a - b; }
    if (!isNaN(a)) { return -1; }
    if (!isNaN(b)) { return 1; }
    return x.localeCompare(y, "zh-CN");
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        rows.sort(function (r1, r2) {
          var c = compare(key(r1, col), key(r2, col));
          return ascending ? c : -c;
        });
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.body.setAttribute("data-ready", "1");
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
MARK_CLASS = {"✔": "ok", "△": "weak", "✘": "miss", NOT_REQUIRED: "na"}
GRADE_CLASS = {"优秀": "a", "良好": "b", "合格": "c", "不合格": "d"}


def write(audit: Audit, path: Path) -> None:
    with atomic_file(path) as out:
        _head(out, audit)
        _overview(out, audit)
        out.write('<section id="charts"><h2>图表</h2><div class="charts">'
                  f"<figure><figcaption>得分分布</figcaption>{score_chart(audit)}</figure>"
                  f"<figure><figcaption>要素覆盖热力图</figcaption>{coverage_heatmap(audit)}</figure>"
                  "</div></section>\n")
        _ranking(out, audit)
        _summary(out, audit)
        _copies(out, audit)
        _years(out, audit)
        out.write('<section id="reports"><h2>逐份问题清单</h2><p class="note">点击展开；'
                  "黄色底纹为规则引用的原文。</p>\n")
        for row in audit.rows:
            out.write(gap_report(audit, row, audit.report(row)))
            out.write("\n")
        out.write(f"</section><script>{SCRIPT}</script></body></html>\n")


def _head(out: IO[str], audit: Audit) -> None:
    out.write('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
              f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
              '<meta name="viewport" content="width=device-width,initial-scale=1">'
              f"<title>法治政府建设年度报告审核汇总</title><style>{STYLE}</style></head><body>\n"
              "<header><h1>法治政府建设年度报告审核汇总</h1>"
              f'<p class="muted">规则包：{esc(audit.pack.name)}（{esc(audit.pack.id)} {esc(audit.pack.version)}）；'
              f"checker {esc(__version__)}；生成于 {datetime.now():%Y-%m-%d %H:%M}</p>"
              '<nav><a href="#charts">图表</a><a href="#ranking">排名</a><a href="#summary">汇总</a>'
              '<a href="#copies">雷同</a><a href="#years">逐年对比</a><a href="#reports">逐份问题清单</a>'
              "</nav></header>\n")


def _overview(out: IO[str], audit: Audit) -> None:
    checked = audit.checked
    average = sum(r.score for r in checked) / len(checked) if checked else 0.0
    cards = [("报告", len(audit.rows)), ("已排名", len(checked)),
             ("通过", sum(1 for r in checked if r.passed)), ("无法检查", len(audit.failed)),
             *([("不像年度报告", len(audit.excluded))] if audit.excluded else []),
             ("平均分", f"{average:.1f}"), ("逾期", audit.timing_counts().get("逾期", 0)),
             ("雷同", f"{len(audit.groups)} 组 {len(audit.copies)} 对" if audit.groups else f"{len(audit.copies)} 对")]
    out.write('<section id="overview"><div class="cards">'
              + "".join(f'<div class="card"><b>{esc(v)}</b>{esc(k)}</div>' for k, v in cards)
              + "</div></section>\n")


def _ranking(out: IO[str], audit: Audit) -> None:
    names = [name for _, name in audit.elements]
    heads = ['<th class="rank">排名</th>', '<th class="who">发文机关</th>', '<th class="file">文件</th>',
             '<th class="num">年度</th>', "<th>模板</th>", '<th class="num">得分</th>', "<th>等级</th>",
             "<th>结论</th>"]
    heads += [f'<th class="el" title="{esc(name)}"><span>{esc(name)}</span></th>' for name in names]
    heads += ['<th class="num">错误</th>', '<th class="num">警告</th>', '<th class="date">成文日期</th>',
              "<th>报送</th>", '<th class="num">雷同</th>']
    out.write('<section id="ranking"><h2>报告排名</h2><p class="note">点击表头排序；✔ 具备 △ 薄弱 '
              "✘ 缺失 — 该模板不要求；雷同为与其他报告相同部分的最大占比，“组N”为第N组正文基本相同的报告。</p>"
              '<div class="scroll"><table class="sortable" id="ranked"><thead><tr>' + "".join(heads)
              + "</tr></thead><tbody>\n")
    for row in audit.rows:
        name = os.path.basename(row.path)
        link = f'<a href="#r{row.index}" title="{esc(row.label)}">{esc(row.label)}</a>'
        if not row.ranked:
            cells = [f'<td data-v="{999998 if row.excluded else 999999}">—</td><td class="who">{link}</td>'
                     f'<td class="file" title="{esc(row.path)}">{esc(name)}</td>'
                     f'<td colspan="{5 + len(audit.elements) + 5}" class="error">'
                     f"{status_word(row)}：{esc(unranked_reason(row))}</td>"]
        else:
            passed = "通过" if row.passed else "未通过"
            cells = [f'<td class="num" data-v="{row.rank}">{row.rank}</td><td class="who">{link}</td>'
                     f'<td class="file" title="{esc(row.path)}">{esc(name)}</td>'
                     f'<td class="num">{esc(row.year or "")}</td>'
                     f"<td>{esc(template_label(audit, row.template))}</td>"
                     f'<td class="num">{row.score:.1f}</td>'
                     f'<td class="grade g-{GRADE_CLASS.get(row.grade or "", "none")}">{esc(row.grade or "")}</td>'
                     f'<td class="{"pass" if row.passed else "fail"}">{passed}</td>']
            for mark in row.marks(audit.elements):
                cells.append(f'<td class="m {MARK_CLASS[mark]}">{mark}</td>')
            timing_class = ' class="late"' if row.timing == "逾期" else ""
            copies = f"组{row.group}" if row.group else percent(row.copy_share)
            cells.append(f'<td class="num">{row.counts.get("error", 0)}</td>'
                         f'<td class="num">{row.counts.get("warning", 0)}</td>'
                         f'<td class="date">{esc(row.date or "")}</td><td{timing_class}>{esc(row.timing)}</td>'
                         + _copy_cell(row, copies))
        out.write("<tr>" + "".join(cells) + "</tr>\n")
    out.write("</tbody></table></div></section>\n")


def _copy_cell(row: Row, shown: str) -> str:
    """The 雷同 cell: a flagged report's mark stands out and leads to the copies section."""
    if not shown:
        return '<td class="num" data-v="0.000"></td>'
    return (f'<td class="num copy" data-v="{row.copy_share or 0:.3f}"><a href="#copies" '
            f'title="与其他报告相同部分占 {percent(row.copy_share) or "—"}，见“报告雷同”">{esc(shown)}</a></td>')


def _summary(out: IO[str], audit: Audit) -> None:
    out.write('<section id="summary"><h2>汇总</h2><h3>要素缺失情况</h3><table><thead><tr><th>要素</th>'
              "<th>缺失</th><th>薄弱</th><th>具备</th></tr></thead><tbody>")
    for element, name in audit.elements:
        counts = audit.element_counts.get(element, Counter())
        out.write(f"<tr><td>{esc(name)}</td><td class=\"num\">{counts.get('missing', 0)}</td>"
                  f"<td class=\"num\">{counts.get('weak', 0)}</td>"
                  f"<td class=\"num\">{counts.get('present', 0)}</td></tr>")
    out.write("</tbody></table><h3>高频问题（按规则）</h3><table><thead><tr><th>规则</th><th>名称</th>"
              "<th>涉及报告</th><th>出现次数</th></tr></thead><tbody>")
    names = {r.id: r.name for r in audit.pack.rules}
    for rule, (reports, found) in sorted(audit.rule_counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1])):
        out.write(f"<tr><td><code>{esc(rule)}</code></td><td>{esc(names.get(rule, ''))}</td>"
                  f'<td class="num">{reports}</td><td class="num">{found}</td></tr>')
    timing = "，".join(f"{k} {v} 份" for k, v in audit.timing_counts().items() if v)
    out.write(f"</tbody></table><h3>报送时间</h3><p>{esc(timing or '无')}</p></section>\n")


def _copies(out: IO[str], audit: Audit) -> None:
    out.write('<section id="copies"><h2>报告雷同</h2><p class="note">比较每份报告自己的文字（去掉地名、数字、'
              "编号和规则包列出的套话，即纲要、规定等的原话和固定句式），个别字词改动、语句调换也视为相同。"
              "“正文基本相同”的报告合为一组；占比 = 该报告的文字在另一份中出现的比例。</p>")
    if not audit.copies and not audit.groups:
        out.write("<p>未发现雷同的报告。</p>")
    for number, group in enumerate(audit.groups, 1):
        members = "、".join(f'<a href="#r{m}">{esc(audit.row(m).label)}</a>' for m in group.members)
        out.write(f'<div class="pair group"><b>第{number}组：以下 {len(group.members)} 份报告正文基本相同</b>'
                  f"（与第一份相同部分 {percent(group.low) or '0%'} 以上）：{members}"
                  + "".join(f"<blockquote>{esc(e)}</blockquote>" for e in group.examples) + "</div>")
    for pair in audit.copies:
        a, b = audit.row(pair.a), audit.row(pair.b)
        out.write(f'<div class="pair"><a href="#r{a.index}">{esc(labelled(a))}</a>（{esc(a.path)}）↔ '
                  f'<a href="#r{b.index}">{esc(labelled(b))}</a>（{esc(b.path)}）：相同句子 {pair.shared} 句，'
                  f"占前者 {percent(pair.share_a) or '0%'}、后者 {percent(pair.share_b) or '0%'}")
        if pair.sections:
            out.write(f"<br><b>雷同部分：</b>{esc(sections_text(audit, pair))}")
        out.write("".join(f"<blockquote>{esc(e)}</blockquote>" for e in pair.examples) + "</div>")
    out.write("</section>\n")


def _years(out: IO[str], audit: Audit) -> None:
    out.write('<section id="years"><h2>逐年对比</h2><p class="note">上年“下一年度安排”的每一项，在本年'
              "“主要举措”中找内容最接近的段落：相似度 = 该项的内容二字词（去掉多数段落都有的通用词）在段落中"
              f"出现的比例，不低于 {REPORTED_SHARE * 100:.0f}% 视为已报告；低于的为“{PLAN_UNMATCHED_SHORT}”：本年可能"
              "已换了说法完成，请人工核对。</p>")
    if not audit.years:
        out.write("<p>本批报告中没有同一单位相邻年度的报告。</p>")
    for summary in audit.years:
        pair = audit.year_pair(summary)
        out.write(f"<h3>{esc(pair.issuer)}：{pair.earlier_year} → {pair.later_year}</h3>"
                  f"<p>上年安排 {len(pair.plan)} 项，本年报告中见到 {pair.reported} 项"
                  + (f"；本年原样重复上年问题 {len(pair.repeated)} 句" if pair.repeated else "")
                  + (f"；本年原样重复上年安排 {len(pair.repeated_plan)} 句" if pair.repeated_plan else "")
                  + "。</p>"
                  "<table><thead><tr><th>上年安排</th><th>本年最接近的段落</th><th>相似度</th><th>判断</th>"
                  "</tr></thead><tbody>")
        for item in pair.plan:
            verdict = (f'<td class="ok">{PLAN_FOUND}</td>' if item.reported
                       else f'<td class="miss">{PLAN_UNMATCHED}</td>')
            shared = f'<div class="note">共有：{esc("、".join(item.common))}</div>' if item.common else ""
            out.write(f"<tr><td>{esc(item.item)}</td><td>{esc(item.match or '')}{shared}</td>"
                      f'<td class="num">{item.share * 100:.0f}%</td>{verdict}</tr>')
        out.write("</tbody></table>")
        if pair.repeated:
            out.write("<p><b>与上年原样重复的问题：</b></p>"
                      + "".join(f"<blockquote>{esc(s)}</blockquote>" for s in pair.repeated))
        if pair.repeated_plan:
            out.write("<p><b>与上年原样重复的安排：</b></p>"
                      + "".join(f"<blockquote>{esc(s)}</blockquote>" for s in pair.repeated_plan))
    out.write("</section>\n")
