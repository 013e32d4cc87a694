"""Checking several files in one run: one unreadable file costs one report, not the run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from checker import __version__, engine
from checker.errors import ReadError
from checker.model import ReportResult
from checker.pack import Pack, load_pack

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def check_files(paths: list[str], pack: str | None = None, template: str | None = None,
                fail_on: str = "error", min_score: float | None = None, use_cache: bool = True,
                max_bytes: int | None = None, year: int | None = None
                ) -> tuple[dict[str, Any], int]:
    """Check every file; return the JSON document and the exit status."""
    loaded = load_pack(pack, use_cache=use_cache)
    if template and template not in loaded.templates:
        from checker.errors import UsageError

        known = "、".join(sorted(loaded.templates))
        raise UsageError(f"未知的模板“{template}”（可用模板：{known}）")
    opts = engine.Options(pack=pack, template=template, fail_on=fail_on, min_score=min_score,
                          use_cache=use_cache, max_bytes=max_bytes, year=year)
    results = [check_one(path, loaded, opts) for path in paths]
    return document(results, loaded), exit_status(results)


def check_one(path: str, pack: Pack, opts: engine.Options) -> ReportResult:
    from checker.readers import read_path

    try:
        doc = read_path(path, opts.max_bytes)
        return engine.check_document(doc, pack, opts)
    except ReadError as exc:
        return ReportResult(path=path, error=exc.reason)
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError,
            AttributeError, OSError) as exc:
        # A defect met on one report must not end a batch of a thousand.
        return ReportResult(path=path, error=f"内部错误（{type(exc).__name__}：{exc}），请报告此问题")


def document(results: list[ReportResult], pack: Pack) -> dict[str, Any]:
    return {
        "tool": {"name": "checker", "version": __version__},
        "pack": {"id": pack.id, "name": pack.name, "version": pack.version},
        "reports": [r.to_dict() for r in results],
    }


def exit_status(results: list[ReportResult]) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if any(not r.passed for r in results):
        return EXIT_FINDINGS
    return EXIT_OK


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so a reader never sees half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
