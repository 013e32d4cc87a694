"""What keeps the local server safe: ASGI middleware around the application.

* :class:`Headers` — every response gets a strict Content-Security-Policy (scripts
  and styles from the server itself only, no request anywhere else, no framing
  by other sites) unless it brings its own, and ``nosniff``, ``no-referrer``,
  ``no-store``.
* :class:`Token` — when the server listens beyond this machine (``--host``),
  every request must carry the access token printed at start: in the URL
  (``?token=``, which also sets a cookie for the page's own requests), a header
  (``X-Checker-Token`` or ``Authorization: Bearer``) or that cookie.
* :class:`BodyLimit` — a request body larger than its limit is refused with 413
  before it is read (by ``Content-Length``) or as soon as it passes the limit
  (a body sent in chunks).

Allowed host names (a defence against DNS rebinding on 127.0.0.1) are
Starlette's ``TrustedHostMiddleware``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
COOKIE = "checker_token"
COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


async def send_json(send: Send, status: int, data: dict[str, Any], extra: list[tuple[bytes, bytes]] | None = None
                    ) -> None:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


class Headers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers.extend(h for h in COMMON if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class Token:
    """Requests without the access token get 401; see the module's docstring."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        in_url = query.get("token", [""])[0]
        offered = [in_url, headers.get("x-checker-token", ""), _bearer(headers.get("authorization", "")),
                   _cookie(headers.get("cookie", ""))]
        if not any(o and secrets.compare_digest(o.encode(), self.token.encode()) for o in offered):
            await send_json(send, 401, {"error": "需要访问令牌：请使用启动服务时显示的完整网址（含 token=…）"})
            return
        if not (in_url and secrets.compare_digest(in_url.encode(), self.token.encode())):
            await self.app(scope, receive, send)
            return

        async def set_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)

        await self.app(scope, receive, set_cookie)


def _bearer(value: str) -> str:
    return value[7:].strip() if value.lower().startswith("bearer ") else ""


def _cookie(value: str) -> str:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(value)
    except Exception:  # a malformed Cookie header is no token
        return ""
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else ""


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class BodyLimit:
    """Request bodies above ``limit_for(path)`` bytes are refused with 413."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int], message: Callable[[int], str]) -> None:
        self.app = app
        self.limit_for = limit_for
        self.message = message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        for name, value in scope.get("headers", []):
            if name.lower() == b"content-length" and value.isdigit() and int(value) > limit:
                await send_json(send, 413, {"error": self.message(limit)}, [(b"connection", b"close")])
                return
        received = 0
        started = False

        async def counted() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge(limit)
            return message

        async def watched(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if started:
                raise
            await send_json(send, 413, {"error": self.message(limit)}, [(b"connection", b"close")])
