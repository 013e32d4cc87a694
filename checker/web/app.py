"""The web application: the page, its static files and the API (see docs/web.md).

:func:`create_app` builds a Starlette application from :class:`WebSettings`. The
routes only receive uploads, hand them to the worker pool as jobs
(:mod:`checker.web.jobs`) and answer; nothing is judged here. Every request's
files live in a temporary folder removed before the answer is sent.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from checker import __version__
from checker.readers import max_bytes_from_env, supported_suffixes
from checker.readers.limits import size_text
from checker.web import guard, jobs, uploads
from checker.web.pool import Failure, WorkerPool

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
FORM_OVERHEAD = 256 * 1024  # the multipart framing and the small fields around the files
STATIC = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
# A page the browser shows from the server (the audit overview in the page's frame) keeps its
# own policy: its inline style and sorting script, nothing fetched, framed by this page only,
# sandboxed even when opened on its own.
FRAMED_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
              "frame-ancestors 'self'; sandbox allow-scripts")
DOWNLOAD_CSP = "default-src 'none'; sandbox"


@dataclass(frozen=True)
class WebSettings:
    pack: str | None = None
    jobs: int = 2  # worker processes
    timeout: float = 120.0  # seconds one report may take (an audit: this per report)
    max_bytes: int = field(default_factory=max_bytes_from_env)  # per file
    max_files: int = 50  # per audit
    token: str | None = None  # required on every request when set (a server reachable from elsewhere)
    hosts: tuple[str, ...] = LOOPBACK_HOSTS  # Host headers accepted ("*": any)
    temp_root: str | None = None  # where the per-request folders go (default: the system's)


def create_app(settings: WebSettings | None = None) -> Starlette:
    settings = settings or WebSettings()
    state = _State(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await state.pool.start()
        try:
            yield
        finally:
            await state.pool.close()

    routes = [
        Route("/", state.index, methods=["GET"]),
        Route("/static/report.css", state.report_css, methods=["GET"]),
        Route("/static/{name}", state.static, methods=["GET"]),
        Route("/api/info", state.info, methods=["GET"]),
        Route("/api/rules", state.rules, methods=["GET"]),
        Route("/api/check", state.check, methods=["POST"]),
        Route("/api/view", state.view, methods=["POST"]),
        Route("/api/annotate", state.download("annotate"), methods=["POST"]),
        Route("/api/fix", state.download("fix"), methods=["POST"]),
        Route("/api/page", state.download("page"), methods=["POST"]),
        Route("/api/audit", state.audit, methods=["POST"]),
    ]
    middleware = [
        Middleware(guard.Headers),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts)),
        Middleware(guard.Token, token=settings.token),
        Middleware(guard.BodyLimit, limit_for=state.body_limit, message=state.too_large),
    ]
    handlers: dict[Any, Any] = {HTTPException: _http_error, guard.TooLarge: state.too_large_response,
                                uploads.UploadError: _upload_error}
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=lifespan)


class _State:
    """The application's settings, pack facts and worker pool, and its endpoints."""

    def __init__(self, settings: WebSettings) -> None:
        from checker.pack.loader import load_pack

        self.settings = settings
        self.pack = load_pack(settings.pack)
        self.templates = sorted(self.pack.templates)
        self.pool = WorkerPool(settings.jobs, jobs.run, jobs.setup, settings.pack)

    # ------------------------------------------------------------ limits

    def body_limit(self, path: str) -> int:
        files = self.settings.max_files if path == "/api/audit" else 1
        return self.settings.max_bytes * files + FORM_OVERHEAD

    def too_large(self, limit: int) -> str:
        return (f"上传内容过大（上限：每个文件 {size_text(self.settings.max_bytes)}，"
                f"一次最多 {self.settings.max_files} 个文件）")

    async def too_large_response(self, request: Request, exc: Exception) -> Response:
        return _error(413, self.too_large(getattr(exc, "limit", 0)))

    # ------------------------------------------------------------ the page

    async def index(self, request: Request) -> Response:
        return Response(_static_text("index.html"), media_type="text/html; charset=utf-8")

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return _error(404, "没有这个文件")
        return Response(_static_text(name), media_type=STATIC[name])

    async def report_css(self, request: Request) -> Response:
        from checker.render.html_page import STYLE

        return Response(STYLE, media_type="text/css; charset=utf-8")

    async def info(self, request: Request) -> Response:
        """What the page needs to know: accepted types, limits, templates."""
        return JSONResponse({
            "version": __version__,
            "pack": {"id": self.pack.id, "name": self.pack.name, "version": self.pack.version},
            "formats": supported_suffixes(),
            "max_bytes": self.settings.max_bytes,
            "max_files": self.settings.max_files,
            "jobs": self.pool.size,
            "templates": [{"id": t.id, "name": t.name} for t in self.pack.templates.values()],
            "grades": [{"grade": b["grade"], "min": b["min"]}
                       for b in (self.pack.scoring.get("grades") or {}).get("bands", [])],
            "audit_formats": [f for f in jobs.AUDIT_FORMATS if f != "xlsx" or _has_xlsxwriter()],
        })

    async def rules(self, request: Request) -> Response:
        """The pack's rules, as the JSON contract's rule table has them (plus weight and templates)."""
        rules = []
        for rule in self.pack.rules:
            entry: dict[str, Any] = {"id": rule.id, "name": rule.name, "kind": rule.kind,
                                     "severity": rule.severity, "weight": rule.weight, "message": rule.message,
                                     "basis": rule.basis, "templates": list(rule.templates) if rule.templates
                                     else None}
            if rule.description:
                entry["description"] = rule.description
            if rule.suggestion:
                entry["suggestion"] = rule.suggestion
            rules.append(entry)
        return JSONResponse({"pack": {"id": self.pack.id, "name": self.pack.name, "version": self.pack.version},
                             "rules": rules})

    # ------------------------------------------------------------ the API

    async def check(self, request: Request) -> Response:
        """The JSON contract for one file; 422 when the file could not be checked."""
        result = await self._run(request, "check", many=False)
        if isinstance(result, Response):
            return result
        failed = any(r.get("error") for r in result.get("reports", []))
        return _json(result, 422 if failed else 200)

    async def view(self, request: Request) -> Response:
        result = await self._run(request, "view", many=False)
        return result if isinstance(result, Response) else _json(result)

    def download(self, action: str) -> Any:
        async def endpoint(request: Request) -> Response:
            result = await self._run(request, action, many=False)
            return result if isinstance(result, Response) else _download(result)

        return endpoint

    async def audit(self, request: Request) -> Response:
        """Several files at once: the audit's export (``format``: html, xlsx, csv, json).
        ``inline=1`` shows the HTML in the page's frame instead of downloading it."""
        result = await self._run(request, "audit", many=True)
        if isinstance(result, Response):
            return result
        inline = request.query_params.get("inline") == "1" and result.name.endswith(".html")
        return _download(result, inline=inline)

    async def _run(self, request: Request, action: str, *, many: bool) -> Any:
        form = await _form(request, self.settings.max_files)
        try:
            async with uploads.received(form, many=many, max_files=self.settings.max_files,
                                        max_bytes=self.settings.max_bytes, templates=self.templates,
                                        root=self.settings.temp_root) as upload:
                chosen = upload.options
                fmt = request.query_params.get("format") or chosen.fmt
                job = jobs.Job(action, upload.folder, upload.names, pack=self.settings.pack,
                               template=chosen.template, year=chosen.year, max_bytes=self.settings.max_bytes,
                               prefix=chosen.prefix, fmt=fmt)
                limit = self.settings.timeout * (len(upload.names) if action == "audit" else 1)
                result = await self.pool.run(job, limit)
        finally:
            await form.close()
        if isinstance(result, Failure):
            return _error(result.status, result.message)
        return result


async def _form(request: Request, max_files: int) -> FormData:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise uploads.UploadError("请以 multipart/form-data 上传文件（表单字段 file）", 415)
    try:
        return await request.form(max_files=max_files + 1, max_fields=20)
    except HTTPException as exc:
        if "Too many files" in str(exc.detail):
            raise uploads.UploadError(f"一次最多上传 {max_files} 个文件") from None
        raise uploads.UploadError(f"上传的内容无法解析（{exc.detail}）") from None


def _download(result: jobs.Download, inline: bool = False) -> Response:
    headers = {"Content-Disposition": uploads.disposition(result.name, inline=inline),
               "Content-Security-Policy": FRAMED_CSP if inline else DOWNLOAD_CSP}
    if result.note:
        headers["X-Checker-Note"] = _header_text(result.note)
    return Response(result.data, media_type=result.media_type, headers=headers)


def _header_text(text: str) -> str:
    """Header values are Latin-1: the page decodes this with decodeURIComponent."""
    from urllib.parse import quote

    return quote(text, safe="")


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False)
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "没有这个地址", 405: "不支持这种请求方式"}
    return _error(exc.status_code, messages.get(exc.status_code, str(exc.detail)))


async def _upload_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, uploads.UploadError)
    return _error(exc.status, str(exc))


def _static_text(name: str) -> str:
    return (resources.files("checker.web") / "static" / name).read_text(encoding="utf-8")


def _has_xlsxwriter() -> bool:
    import importlib.util

    return importlib.util.find_spec("xlsxwriter") is not None
