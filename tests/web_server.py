"""Helpers for tests that start ``checker serve`` for real and drive it in Chromium."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
                 if p and os.path.exists(p)), None)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    stderr: list[str]
    temp: Path


@contextmanager
def serve(temp: Path, *args: str, wait: float = 90.0) -> Iterator[Server]:
    """``checker serve --port 0 ARGS`` in a process of its own, its temporary folders in ``temp``;
    yields once it has printed its address."""
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", *args], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    stderr: list[str] = []
    threading.Thread(target=_pump, args=(process.stdout, lines.put), daemon=True).start()
    threading.Thread(target=_pump, args=(process.stderr, stderr.append), daemon=True).start()
    try:
        url = _address(lines, wait, process, stderr)
        yield Server(url, process, stderr, temp)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _pump(stream: object, put: object) -> None:
    for line in stream:  # type: ignore[attr-defined]
        put(line)  # type: ignore[operator]


def _address(lines: queue.Queue[str], wait: float, process: subprocess.Popen[str], stderr: list[str]) -> str:
    marker = "已启动："
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None:
                raise AssertionError(f"checker serve exited: {''.join(stderr)[-2000:]}") from None
            continue
        if marker in line:
            return line.split(marker, 1)[1].strip()
    raise AssertionError(f"checker serve did not start in {wait:g} s: {''.join(stderr)[-2000:]}")
