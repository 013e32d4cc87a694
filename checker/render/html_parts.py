"""Parts shared by the HTML pages (the one-report page and the audit page).

The page style, escaping, a passage with its cited words highlighted, a finding
as a list item and the element table. Every text that comes from a report or a
rule goes through :func:`esc`; nothing from a report ever reaches a script.
"""

from __future__ import annotations

import html
from typing import Any

from checker.render.labels import SEVERITY, STATUS, where

STATUS_CLASS = {"present": "ok", "weak": "weak", "missing": "miss"}
CONTEXT_WIDTH = 30  # the engine cuts a finding's context this many characters around the excerpt

PAGE_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0 auto;max-width:1280px;padding:16px 24px;color:#1f2328;line-height:1.55}
h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:1.6em}
nav a{margin-right:1em}.muted,.note{color:#59636e;font-size:.9em}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d0d7de;border-radius:8px;padding:8px 16px;
min-width:110px}.card b{display:block;font-size:1.6em}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top}
thead th{background:#f6f8fa;position:sticky;top:0}
td.num{text-align:right}td.m{text-align:center}
.ok{background:#dafbe1;color:#116329}.weak{background:#fff8c5;color:#7d4e00}.miss{background:#ffebe9;color:#a40e26}
.na{color:#8c959f;text-align:center}.late{color:#a40e26;font-weight:bold}
.error{color:#a40e26}.warn{color:#7d4e00}
mark{background:#ffd33d;padding:0 1px}
ol.findings li{margin:4px 0}.sev{font-weight:bold}li.error .sev{color:#a40e26}li.warning .sev{color:#9a6700}
li.info .sev{color:#0969da}.passage,.calc,.advice,.cite{margin-left:1em}.advice{color:#116329}
blockquote{margin:4px 0 4px 1em;color:#3d444d}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def highlight(context: str | None, excerpt: str | None) -> str:
    """The passage with the cited words in <mark>, escaped; the excerpt alone without a passage."""
    if not context:
        return f"<mark>{esc(excerpt)}</mark>" if excerpt else ""
    if not excerpt or excerpt not in context:
        return esc(context)
    # The engine cuts the passage ~30 characters before the excerpt (with "…" when it cut).
    expected = CONTEXT_WIDTH + 1 if context.startswith("…") else 0
    starts = []
    at = context.find(excerpt)
    while at >= 0:
        starts.append(at)
        at = context.find(excerpt, at + 1)
    start = min(starts, key=lambda s: abs(s - expected))
    end = start + len(excerpt)
    return f"{esc(context[:start])}<mark>{esc(excerpt)}</mark>{esc(context[end:])}"


def finding_item(finding: dict[str, Any], *, show_rule: bool = True, basis: str | None = None,
                 link: str = "", attributes: str = "") -> str:
    """One finding as an <li>: severity, place, message, the passage, the calculation, the advice.

    ``link`` is extra markup after the place (the one-report page links to the
    passage in the text); ``basis`` the rule's basis, shown when given.
    """
    severity = finding["severity"]
    place = where(finding.get("line"), finding.get("column"), finding.get("location"))
    passage = highlight(finding.get("context"), finding.get("excerpt"))
    details = (finding.get("details") or {}).get("explanation")
    rule = f" <code>{esc(finding['rule'])}</code>" if show_rule else ""
    return (f'<li class="{esc(severity)}"{attributes}><span class="sev">{esc(SEVERITY[severity])}</span> '
            f'{esc(place)}{link}{rule} {esc(finding["message"])}'
            + (f'<div class="passage">原文：{passage}</div>' if passage else "")
            + (f'<div class="calc">计算：{esc(details)}</div>' if details else "")
            + (f'<div class="advice">建议：{esc(finding["suggestion"])}</div>'
               if finding.get("suggestion") else "")
            + (f'<div class="cite">依据：{esc(basis)}</div>' if basis else "")
            + "</li>")


def elements_table(report: dict[str, Any], link: Any = None) -> str:
    """The element table: name, status, the passages that decided it and the note.

    ``link(evidence) -> str`` may add markup after each passage's place.
    """
    out = ['<table class="elements"><thead><tr><th>要素</th><th>状态</th><th>依据（位置与原文）</th>'
           "</tr></thead><tbody>"]
    for element in report.get("elements", []):
        cited = "".join(
            f'<div class="cite">{esc(where(e.get("line"), None, e.get("location")))}'
            f'{link(e) if link else ""}：{highlight(e.get("context"), e.get("text"))}</div>'
            for e in element.get("evidence", [])[:3])
        out.append(f'<tr><td>{esc(element.get("name", element["id"]))}</td>'
                   f'<td class="{STATUS_CLASS[element["status"]]}">{esc(STATUS[element["status"]])}</td>'
                   f'<td>{cited}<div class="note">{esc(element.get("note"))}</div></td></tr>')
    out.append("</tbody></table>")
    return "".join(out)
