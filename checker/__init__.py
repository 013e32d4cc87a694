"""checker: checks Chinese annual rule-of-law government reports (法治政府建设年度报告).

The Python API::

    import checker
    result = checker.check_path("报告.docx")          # the JSON contract's report, as a dict
    result = checker.check_text(text, path="报告.txt")

Both are thin wrappers over :mod:`checker.engine`, imported on first use so that
``import checker`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_path", "check_text"]


def check_path(path: str, **options: Any) -> dict[str, Any]:
    """Check the report file at ``path``; see :func:`checker.engine.check_path`."""
    from checker import engine

    return engine.check_path(path, **options).to_dict()


def check_text(text: str, path: str = "<text>", **options: Any) -> dict[str, Any]:
    """Check a report given as text; see :func:`checker.engine.check_text`."""
    from checker import engine

    return engine.check_text(text, path=path, **options).to_dict()
