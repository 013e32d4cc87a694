"""``checker serve``: the local web page (see docs/web.md)."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys

import click

from checker.commands.cli import fail

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@click.command("serve", short_help="启动本机网页界面：在浏览器中上传和检查报告")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听地址。默认只有本机能访问；指定其他地址（如 0.0.0.0）时，访问须带启动时显示的令牌。")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, metavar="端口",
              help="端口（0 表示任选一个空闲端口）。")
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开页面。")
@click.option("--pack", metavar="名称或目录", help="规则包：内置规则包名称或规则包目录（默认 fazhi-annual）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="同时检查的进程数（默认：CPU 核心数，至多 4）。")
@click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True, metavar="秒",
              help="单份报告的处理时限，超时的请求会被终止。")
@click.option("--max-bytes", type=click.IntRange(min=1), metavar="字节",
              help="单个上传文件的大小上限（默认与读取文件的上限相同，50MB）。")
@click.option("--max-files", type=click.IntRange(min=1), default=50, show_default=True, metavar="N",
              help="一次批量审核最多上传的文件数。")
def serve_command(host: str, port: int, open_browser: bool, pack: str | None, jobs: int | None,
                  timeout: float, max_bytes: int | None, max_files: int) -> None:
    """启动本机网页界面：在浏览器中上传报告，查看得分、缺项和标出的问题，下载批注稿和修订稿。"""
    try:
        import uvicorn

        from checker.web.app import LOOPBACK_HOSTS, WebSettings, create_app
    except ImportError as exc:
        fail(f"网页界面需要安装 web 组件（缺少 {exc.name}）：pip install \"checker[web]\"")
    from checker.errors import CheckerError
    from checker.readers import max_bytes_from_env

    local = host in LOOPBACK
    token = None if local else secrets.token_urlsafe(24)
    sock = _bind(host, port)
    actual_port = sock.getsockname()[1]
    settings = WebSettings(pack=pack, jobs=jobs or _default_jobs(), timeout=timeout,
                           max_bytes=max_bytes or max_bytes_from_env(), max_files=max_files, token=token,
                           hosts=LOOPBACK_HOSTS if local else ("*",))
    try:
        app = create_app(settings)
    except CheckerError as exc:
        sock.close()
        fail(str(exc))
    url = _url(host, actual_port, token)

    if not local:
        click.echo(f"警告：服务监听 {host}，本机以外的电脑也能访问。报告内容经网络明文传输，"
                   "请只在可信的内部网络中使用；访问须带启动后显示的网址中的令牌。", err=True)

    def announce() -> None:
        click.echo(f"checker 网页界面已启动：{url}")
        click.echo("在浏览器中打开上面的地址，把报告文件拖进页面即可检查。按 Ctrl+C 停止。")
        sys.stdout.flush()
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                announce()

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False,
                            timeout_graceful_shutdown=5)
    Server(config).run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if _is_ipv6(host) else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows it would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if port and exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            fail(f"端口 {port} 已被占用（可能已有一个 checker serve 在运行），请用 --port 指定其他端口")
        fail(f"无法监听 {host}:{port}（{exc.strerror or exc}）")
    sock.set_inheritable(True)
    return sock


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).version == 6
    except ValueError:
        return False


def _url(host: str, port: int, token: str | None) -> str:
    shown = host
    if host in ("0.0.0.0", "::"):
        shown = socket.gethostname()
    elif _is_ipv6(host):
        shown = f"[{host.strip('[]')}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def _default_jobs() -> int:
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 4))
