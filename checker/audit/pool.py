"""A process pool where a crashed or hung worker costs one task, not the run.

Readers call native libraries (PDFium, libxml2) that are not thread-safe and may
crash, so reports are checked in processes. ``concurrent.futures`` marks the
whole pool broken when one worker dies, and ``multiprocessing.Pool`` waits
forever for the lost task; here each worker has its own pipe and the main
process knows which task each worker holds. When a worker dies (a segfault, an
out-of-memory kill) or exceeds the time limit on one task, that task is
reported as failed, the worker's other tasks go back to the queue and a fresh
worker takes its place.

Tasks go out in small chunks (fewer round trips when results come from the
cache); the worker answers each task separately, so the task that was running
when it died is always known. Workers are forked on Linux (they inherit the
loaded pack); elsewhere they are spawned and run ``setup`` themselves.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

CHUNK_MAX = 8
POLL_SECONDS = 0.5


@dataclass
class Outcome:
    """A task's result, or why it has none."""

    index: int
    value: Any = None
    failure: str | None = None


@dataclass
class _Worker:
    process: Any
    conn: Connection
    pending: deque[tuple[int, Any]] = field(default_factory=deque)
    since: float = 0.0


def _serve(conn: Connection, setup: Callable[[Any], None], setup_arg: Any,
           func: Callable[[Any], Any]) -> None:
    """A worker's loop: receive a chunk, answer each task, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    setup(setup_arg)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, task in chunk:
            try:
                conn.send((index, func(task), None))
            except Exception as exc:  # func should not raise; if it does, the task fails alone
                conn.send((index, None, f"{type(exc).__name__}：{exc}"))


def _context() -> Any:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def run(func: Callable[[Any], Any], tasks: Sequence[Any], jobs: int,
        setup: Callable[[Any], None], setup_arg: Any,
        timeout: float | None = None) -> Iterator[Outcome]:
    """Run ``func`` on every task in ``jobs`` processes; yield outcomes as they finish."""
    context = _context()
    queue: deque[tuple[int, Any]] = deque(enumerate(tasks))
    jobs = max(1, min(jobs, len(tasks)))
    chunk_size = max(1, min(CHUNK_MAX, len(tasks) // (jobs * 4)))

    def start() -> _Worker:
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, setup, setup_arg, func), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    workers = [start() for _ in range(jobs)]
    try:
        while queue or any(w.pending for w in workers):
            for worker in workers:
                if not worker.pending and queue:
                    chunk = [queue.popleft() for _ in range(min(chunk_size, len(queue)))]
                    worker.pending.extend(chunk)
                    worker.since = time.monotonic()
                    # A dead worker cannot take the chunk: its first task fails below, the rest go back.
                    with contextlib.suppress(OSError):
                        worker.conn.send(chunk)
            busy = [w for w in workers if w.pending]
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
            for i, worker in enumerate(workers):
                yield from _drain(worker)
                if not worker.pending:
                    continue
                overdue = timeout is not None and time.monotonic() - worker.since > timeout
                if worker.process.is_alive() and not overdue:
                    continue
                yield from _drain(worker)  # answers sent just before the end
                if worker.pending:
                    reason = f"处理超时（超过 {timeout:g} 秒），已终止" if overdue and timeout \
                        else _death(worker.process)
                    yield _lost(worker, queue, reason)
                    workers[i] = start()
    finally:
        _stop(workers)


def _drain(worker: _Worker) -> Iterator[Outcome]:
    """Every answer already in the worker's pipe (answers come in the order sent)."""
    try:
        while worker.pending and worker.conn.poll():
            index, value, failure = worker.conn.recv()
            worker.pending.popleft()
            worker.since = time.monotonic()
            yield Outcome(index, value, failure)
    except (EOFError, OSError):
        return


def _lost(worker: _Worker, queue: deque[tuple[int, Any]], reason: str) -> Outcome:
    """The running task failed; the worker's other tasks go back to the front of the queue."""
    index, _ = worker.pending.popleft()
    queue.extendleft(reversed(worker.pending))
    worker.pending.clear()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.conn.close()
    return Outcome(index, None, reason)


def _death(process: Any) -> str:
    process.join(1)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"检查进程异常退出（信号 {name}），可能是文件损坏触发了解析库的缺陷"
    return f"检查进程异常退出（退出码 {code}）"


def _stop(workers: list[_Worker]) -> None:
    for worker in workers:
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
    deadline = time.monotonic() + 2
    for worker in workers:
        worker.process.join(max(deadline - time.monotonic(), 0.05))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(1)
        worker.conn.close()
