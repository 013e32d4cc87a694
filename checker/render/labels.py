"""Chinese labels shared by the human-readable renderers."""

from __future__ import annotations

from typing import Any

from checker.model import SEVERITY_NAME, SEVERITY_RANK

SEVERITY = SEVERITY_NAME
STATUS = {"present": "✔ 具备", "weak": "△ 薄弱", "missing": "✘ 缺失"}
STATUS_SHORT = {"present": "✔", "weak": "△", "missing": "✘"}
YEAR_SOURCE = {"title": "见标题", "opening": "见开头段落", "headings": "见章节标题",
               "option": "命令行指定", "inferred": "推断"}


def where(line: int | None, column: int | None, location: dict[str, int] | None = None) -> str:
    """The place in the file as its reader finds it, in one numbering: 第3页第12行 (PDF, OFD,
    pictures), 第2个表格第3行 or 第12段 (Word, web pages), 第12行第3列 (text files)."""
    if line is None:
        return "全文"
    if location:
        if "page" in location:
            return f"第{location['page']}页" + (f"第{location['line']}行" if "line" in location else "")
        if "table" in location and "row" in location:
            return f"第{location['table']}个表格第{location['row']}行"
        if "paragraph" in location:
            return f"第{location['paragraph']}段"
    return f"第{line}行" + (f"第{column}列" if column else "")


def year_text(report: dict[str, Any]) -> str:
    """The report's year and where it came from: 2024（见标题）, 2024（命令行指定）, 未写明."""
    year = report.get("year")
    if not year:
        return "未写明"
    if report.get("year_source") == "inferred":
        return f"{year}（推断，依据见“报告年度”）"
    source = YEAR_SOURCE.get(report.get("year_source") or "")
    return f"{year}（{source}）" if source else str(year)


def date_text(report: dict[str, Any]) -> str:
    """The 成文日期, or why there is none: a date written but impossible is not 未找到."""
    if report.get("date"):
        return str(report["date"])
    element = next((e for e in report.get("elements", []) if e.get("id") == "meta.date"), None)
    if element and element.get("evidence"):
        written = element["evidence"][0]["text"]
        # missing: written but impossible (2026年2月30日); weak: left as the template wrote it.
        return f"“{written}”无效" if element.get("status") == "missing" else f"“{written}”尚未填写"
    return "未找到"


def fail_reasons(report: dict[str, Any]) -> list[str]:
    """Why a report did not pass, as the engine stated it (``fail_reasons``); for a document
    written before that key existed, the findings at the gate's level and the score."""
    if report.get("passed") or report.get("error"):
        return []
    if report.get("fail_reasons"):
        return list(report["fail_reasons"])
    gate = report.get("gate") or {}
    level = gate.get("fail_on", "error")
    counted = sum(1 for f in report.get("findings", []) if not f.get("suppressed")
                  and SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[level])
    reasons = [f"{SEVERITY[level]}{'' if level == 'error' else '及以上'} {counted} 个"] if counted else []
    if gate.get("min_score") is not None and report.get("score", 0) < gate["min_score"]:
        reasons.append(f"得分 {report['score']} 低于 {gate['min_score']:g}")
    return reasons


def verdict(report: dict[str, Any]) -> str:
    """通过, or 未通过 with its reasons: 未通过（错误 1 个；得分 96.3 低于 97）."""
    if report.get("error"):
        return "无法检查"
    if report.get("passed"):
        return "通过"
    reasons = fail_reasons(report)
    return f"未通过（{'；'.join(reasons)}）" if reasons else "未通过"


def template_text(report: dict[str, Any]) -> str:
    """The template as a reader names it, with why it was chosen: 政府法治政府建设年度报告（发文机关“人民政府”）."""
    name = report.get("template_name") or report.get("template")
    return f"{name}（{report.get('template_reason') or '默认'}）"


# What to do about a file the readers could not read, by what its reason says; a reason that already
# says what to do (请……, 另存为) gets nothing more, and one not listed here gets none rather than a guess.
WORD_SUFFIXES = (".docx", ".doc", ".wps", ".docm", ".dotx")
RESAVE = "用 Word 或 WPS 打开后另存为 .docx 再检查；打不开的，请报送单位重新发送原文件"
RESEND = "请报送单位重新发送原文件"
REMEDIES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("文件为空", "没有可检查的文字", "中没有文字", "中没有页面"), "请报送单位重新发送内容完整的报告文件"),
    (("文件不存在",), "请核对文件路径或清单中的文件名"),
    (("已损坏", "无法打开", "不是有效的"), ""),  # damaged: the remedy depends on the format (below)
)


def remedy(reason: str, path: str) -> str | None:
    """处理办法 for an unreadable file, or None when its reason says it already or none is known."""
    if "请" in reason or "另存为" in reason:
        return None
    for words, fix in REMEDIES:
        if any(word in reason for word in words):
            if fix:
                return fix
            if path.lower().endswith(WORD_SUFFIXES) or "Word" in reason:
                return RESAVE
            if path.lower().endswith(".pdf"):
                return "请报送单位重新导出 PDF，或提供 Word 原文件"
            return RESEND
    return None
