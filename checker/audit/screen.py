"""Which checked files are no annual report at all (a meeting notice filed with the reports).

A notice read as a report is scored (24–43), ranked last and counted in every summary: one more
缺失 for each content, one more 不合格, one more 逾期, a lower average. The test is made from what
the check already says, and kept conservative so that a weak real report is never dropped:

* the title element is *missing* (no title naming 法治政府建设/依法行政 and 报告/情况/总结: the
  rule ``meta.title``), and
* no content element (``content.*``: 举措, 不足, 原因, 第一责任人, 安排) is *present*, and
* more than half of them are *missing*.

A real report, however poor, keeps a title of its kind or a content the engine finds present (a
section under its heading). Such a file keeps its row, with the reason, and stays out of the
ranking, the averages, the element and rule counts, the timing, copy detection and the
year-over-year comparison.
"""

from __future__ import annotations

TITLE = "meta.title"
CONTENT_PREFIX = "content."


def not_a_report(elements: dict[str, str]) -> str | None:
    """The reason (Chinese, for the row) why a checked file with these element statuses is no
    annual report, or None when it may be one."""
    if elements.get(TITLE) != "missing":
        return None
    contents = [status for element, status in elements.items() if element.startswith(CONTENT_PREFIX)]
    missing = contents.count("missing")
    if not contents or "present" in contents or missing * 2 <= len(contents):
        return None
    return (f"不像法治政府建设年度报告：无年度报告标题，{len(contents)} 项内容缺 {missing} 项、其余不完整"
            "（如确是年度报告，请补上标题后重新检查）")
