"""Chinese labels shared by the human-readable renderers."""

from __future__ import annotations

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS = {"present": "✔ 具备", "weak": "△ 薄弱", "missing": "✘ 缺失"}
STATUS_SHORT = {"present": "✔", "weak": "△", "missing": "✘"}
YEAR_SOURCE = {"title": "见标题", "opening": "见开头段落", "headings": "见章节标题",
               "option": "命令行指定", "inferred": "推断"}


def where(line: int | None, column: int | None, location: dict[str, int] | None = None) -> str:
    """第12行第3列, plus the place in the original file (第3页 / 第12段) when it differs."""
    if line is None:
        return "全文"
    text = f"第{line}行" + (f"第{column}列" if column else "")
    if location:
        if "page" in location:
            text += f"（第{location['page']}页" + (
                f"第{location['line']}行）" if "line" in location else "）")
        elif "paragraph" in location:
            text += f"（第{location['paragraph']}段）"
    return text
