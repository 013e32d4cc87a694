"""What a worker process does for one request: the same engine, renderers and audit as the CLI.

A :class:`Job` names the files of one request (in its own temporary folder) and
the options; :func:`run` returns plain data (a dict for the page or the API, or
a :class:`Download`). While a job runs, the folder is the worker's current
directory and the files are named as the user uploaded them, so that reports,
pages and exports show those names and never a temporary path. Workers are
single-threaded processes, which makes changing directory safe.

A problem the user can act on is a :class:`JobError` with an HTTP status.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import CheckerError

AUDIT_FORMATS = {
    "html": ("审核汇总.html", "text/html; charset=utf-8"),
    "xlsx": ("审核汇总.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("审核排名.csv", "text/csv; charset=utf-8"),
    "json": ("审核汇总.json", "application/json"),
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Job:
    """One request's work (picklable: it crosses to a worker process)."""

    action: str  # a key of ACTIONS
    folder: str  # the request's temporary folder, holding the uploaded files
    names: tuple[str, ...]  # the files, by their (safe) uploaded names
    pack: str | None = None
    template: str | None = None
    year: int | None = None
    max_bytes: int | None = None
    prefix: str = ""  # ids in the page's fragment start with it (several reports on one page)
    fmt: str = "html"  # the audit's export


@dataclass(frozen=True)
class Download:
    """A file for the browser to save."""

    name: str
    media_type: str
    data: bytes
    note: str = ""  # what the user should know about it, e.g. how many changes were made


class JobError(CheckerError):
    """A problem with the request the user can act on; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def setup(pack: str | None) -> None:
    """Once per worker process: load the pack (and with it the compiled patterns)."""
    from checker.pack.loader import load_pack

    load_pack(pack)


def run(job: Job) -> Any:
    with _inside(job.folder):
        return ACTIONS[job.action](job)


@contextlib.contextmanager
def _inside(folder: str) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


# ---------------------------------------------------------------- one report


def check(job: Job) -> dict[str, Any]:
    """The JSON contract for the job's one file, as ``checker check --format json --no-config`` gives it."""
    from checker.commands import runner

    document, _ = runner.check_files([job.names[0]], pack=job.pack, template=job.template, year=job.year,
                                     max_bytes=job.max_bytes, use_config=False)
    return document


def view(job: Job) -> dict[str, Any]:
    """What the page shows for one file: the contract, the report's article (the one-report page's
    part) and what the safe fixes can give."""
    from checker.render import fixes
    from checker.render.html_page import article

    document = check(job)
    report = document["reports"][0]
    text = None if report.get("error") else _text(job.names[0])
    count = 0 if report.get("error") else len(fixes.plan(report))
    kind = "docx" if report.get("format") == "docx" else "text" if report.get("format") in fixes.TEXT_FORMATS \
        else None
    return {"name": job.names[0], "document": document,
            "html": article(report, text, rules=document.get("rules"), prefix=job.prefix),
            "fixes": {"count": count, "kind": kind if count else None}}


def annotate(job: Job) -> Download:
    """The annotated copy (批注稿), for any input a Word file."""
    from checker.render.word.comments import annotate as annotated
    from checker.render.word.comments import annotated_name

    document, report = _checked(job)
    name = job.names[0]
    text = None if report.get("format") == "docx" else _text(name)
    data = annotated(report, name, rules=document.get("rules"), text=text)
    return Download(annotated_name(name), DOCX_TYPE, data)


def fix(job: Job) -> Download:
    """The safe fixes: a Word report as tracked changes (修订稿); a text report corrected, its
    encoding and line endings kept."""
    from checker.render import fixes

    _, report = _checked(job)
    name = job.names[0]
    edits = fixes.plan(report)
    if not edits:
        raise JobError("没有可以自动修改的问题")
    if report.get("format") == "docx":
        from checker.render.word.revisions import revise, revised_name

        data, made = revise(report, name, edits)
        return Download(revised_name(name), DOCX_TYPE, data, _made(made, edits))
    if report.get("format") in fixes.TEXT_FORMATS:
        path = Path(name)
        data, made = fixes.apply_text(path.read_bytes(), edits, name)
        return Download(f"{path.stem}.改正{path.suffix}", "application/octet-stream", data, _made(made, edits))
    raise JobError(f"{report.get('format')} 文件无法直接修改，请按问题清单在原文件中修改")


def page(job: Job) -> Download:
    """The one-report page (``--format html``), self-contained."""
    from checker.render.html_page import page as one_page

    document, report = _checked(job)
    html = one_page(report, _text(job.names[0]), rules=document.get("rules"), tool=document.get("tool"))
    return Download(f"{Path(job.names[0]).stem}.检查结果.html", "text/html; charset=utf-8", html.encode("utf-8"))


def _checked(job: Job) -> tuple[dict[str, Any], dict[str, Any]]:
    document = check(job)
    report: dict[str, Any] = document["reports"][0]
    if report.get("error"):
        raise JobError(f"{job.names[0]}：无法检查：{report['error']}")
    return document, report


def _text(name: str) -> str | None:
    from checker.errors import ReadError
    from checker.readers import read_path

    try:
        return read_path(name).text
    except ReadError:
        return None


def _made(made: list[Any], edits: list[Any]) -> str:
    left = len(edits) - len(made)
    return f"修改 {len(made)} 处" + (f"，另有 {left} 处原文跨越了格式边界，未修改" if left else "")


# ---------------------------------------------------------------- several reports


def audit(job: Job) -> Download:
    """The audit of the job's files (ranking, element matrix, copies, year over year) as one export."""
    from checker.audit import exports
    from checker.audit.batch import run_audit
    from checker.audit.worker import AuditConfig

    if job.fmt not in AUDIT_FORMATS:
        raise JobError(f"未知的导出格式“{job.fmt}”（可用：{'、'.join(AUDIT_FORMATS)}）", 400)
    if job.fmt == "xlsx":
        exports.require_xlsx()
    name, media_type = AUDIT_FORMATS[job.fmt]
    # The result cache would keep the reports' findings after the request: nothing is kept.
    # No configuration file applies (as for one report): the temporary folder has none.
    config = AuditConfig(pack=job.pack, template=job.template, year=job.year, max_bytes=job.max_bytes,
                         use_cache=False, use_config=False)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=".") as out, \
            run_audit(list(job.names), config, jobs=0) as result:
        target = Path(out) / name
        exports.write(job.fmt, result, target)
        return Download(name, media_type, target.read_bytes())


ACTIONS: dict[str, Callable[[Job], Any]] = {
    "check": check, "view": view, "annotate": annotate, "fix": fix, "page": page, "audit": audit,
}
