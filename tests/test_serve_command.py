"""``checker serve`` on the command line: its address, the token beyond this machine, clear failures."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from tests.conftest import ROOT

pytest.importorskip("starlette")

from tests.web_server import serve


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_help_is_chinese() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "启动本机网页界面" in result.output and "--host" in result.output and "令牌" in result.output
    assert "serve" in CliRunner().invoke(main, ["--help"]).output


def test_the_server_prints_its_local_address_and_answers(tmp_path: Path) -> None:
    with serve(tmp_path) as server:
        assert server.url.startswith("http://127.0.0.1:") and "token" not in server.url
        status, body = get(server.url + "api/info")
        assert status == 200 and json.loads(body)["formats"]
        assert "警告" not in "".join(server.stderr)


def test_beyond_this_machine_a_warning_and_a_token(tmp_path: Path) -> None:
    with serve(tmp_path, "--host", "127.0.0.2") as server:
        assert "?token=" in server.url
        warning = "警告：服务监听 127.0.0.2，本机以外的电脑也能访问"
        deadline = time.monotonic() + 10  # stderr is read by a thread of its own
        while warning not in "".join(server.stderr) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert warning in "".join(server.stderr)
        base, token = server.url.split("?token=")
        status, body = get(base + "api/info")
        assert status == 401 and "令牌" in json.loads(body)["error"]
        assert get(server.url)[0] == 200
        assert get(base + "api/info", {"X-Checker-Token": token})[0] == 200


def test_a_port_in_use_is_named(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "checker", "serve", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert f"端口 {port} 已被占用" in result.stderr


def test_without_the_web_extra_the_command_says_what_to_install() -> None:
    code = "import sys; sys.modules['uvicorn'] = None\nfrom checker.commands.cli import main\nmain(['serve'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 2
    assert 'pip install "checker[web]"' in result.stderr
