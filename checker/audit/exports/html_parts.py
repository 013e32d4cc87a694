"""Pieces of the audit's HTML page: charts as inline SVG/CSS and one report's gap report.

The parts the one-report page shares (escaping, highlighted passages, findings,
the element table, the page style) are in :mod:`checker.render.html_parts`.
Every text that comes from a report or a rule goes through :func:`esc`; nothing
from a report ever reaches the page's script.
"""

from __future__ import annotations

from typing import Any

from checker.audit.batch import Audit
from checker.audit.labels import unranked_reason
from checker.render.html_parts import elements_table, esc, finding_item

__all__ = ["coverage_heatmap", "esc", "gap_report", "score_chart"]


def score_chart(audit: Audit) -> str:
    """Bars of the score distribution, as inline SVG."""
    bins = audit.score_bins()
    most = max((n for _, n in bins), default=0) or 1
    width, height, left, bottom, gap = 560, 230, 36, 30, 6
    bar = (width - left) / len(bins)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="得分分布" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" class="axis"/>']
    for k, (label, count) in enumerate(bins):
        h = (height - bottom - 24) * count / most
        x = left + k * bar + gap / 2
        y = height - bottom - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - gap:.1f}" height="{h:.1f}" '
                     f'class="bar{" low" if k < 6 else ""}"><title>{esc(label)} 分：{count} 份</title></rect>')
        parts.append(f'<text x="{x + (bar - gap) / 2:.1f}" y="{y - 4:.1f}" class="num">{count}</text>')
        parts.append(f'<text x="{x + (bar - gap) / 2:.1f}" y="{height - bottom + 16}" class="lbl">'
                     f'{esc(label)}</text>')
    parts.append('<text x="4" y="14" class="lbl start">份数</text></svg>')
    return "".join(parts)


def coverage_heatmap(audit: Audit) -> str:
    """Element coverage by score band: colour = share of reports where the element is present."""
    bands: list[tuple[str, list[Any]]] = []
    # (a band is its lower bound up to the next one: 89.9 is in 80 分至 90 分, not in a band 80–89)
    for label, low, high in (("90 分及以上", 90, 101), ("80～90 分", 80, 90), ("70～80 分", 70, 80),
                             ("60～70 分", 60, 70), ("60 分以下", 0, 60)):
        rows = [r for r in audit.checked if low <= r.score < high]
        if rows:
            bands.append((f"{label}（{len(rows)} 份）", rows))
    bands.append((f"全部（{len(audit.checked)} 份）", audit.checked))
    head = "".join(f"<th>{esc(name)}</th>" for _, name in audit.elements)
    body = []
    for label, rows in bands:
        cells = []
        for element, _ in audit.elements:
            statuses = [r.elements[element] for r in rows if element in r.elements]
            if not statuses:
                cells.append('<td class="na">—</td>')
                continue
            present = statuses.count("present")
            weak = statuses.count("weak")
            missing = statuses.count("missing")
            share = (present + weak / 2) / len(statuses)
            hue = round(120 * share)  # red (0) … green (120)
            cells.append(f'<td style="background:hsl({hue},70%,{88 - 20 * (1 - share):.0f}%)" '
                         f'title="具备 {present}，薄弱 {weak}，缺失 {missing}">{share * 100:.0f}%</td>')
        body.append(f"<tr><th>{esc(label)}</th>{''.join(cells)}</tr>")
    return (f'<table class="heat"><thead><tr><th>得分段 \\ 要素</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
            '<p class="note">格中为具备率（薄弱按一半计），颜色由红（缺）到绿（全）。</p>')


def gap_report(audit: Audit, row: Any, report: dict[str, Any]) -> str:
    """One report's gap report: header, elements with evidence in context, findings."""
    out = [f'<details class="report" id="r{row.index}"><summary>'
           f'<span class="rank">{esc(row.rank or "—")}</span> {esc(row.label)} '
           f'<span class="muted">{esc(row.path)}</span> '
           f'<span class="score">{"无法检查" if row.error else f"{row.score:.1f} 分"}</span></summary>']
    if row.error:
        out.append(f'<p class="error">无法检查：{esc(unranked_reason(row))}</p></details>')
        return "".join(out)
    if row.excluded:
        out.append(f'<p class="error">不计入排名：{esc(row.excluded)}</p>')
    out.append(f"<p>模板：{esc(report.get('template'))}（{esc(report.get('template_reason') or '默认')}）；"
               f"年度：{esc(report.get('year') or '未写明')}；发文机关：{esc(report.get('issuer') or '未找到')}；"
               f"成文日期：{esc(report.get('date') or '未找到')}"
               + (f"；报送期限 {esc(row.deadline)}（{esc(row.timing)}）" if row.deadline else "") + "</p>")
    for warning in report.get("warnings", []):
        out.append(f'<p class="warn">注意：{esc(warning)}</p>')
    out.append(elements_table(report))
    findings = [f for f in report.get("findings", []) if not f.get("suppressed")]
    out.append(f"<h4>问题清单（{len(findings)} 个）</h4>")
    if findings:
        out.append('<ol class="findings">' + "".join(finding_item(f) for f in findings) + "</ol>")
    out.append("</details>")
    return "".join(out)
