"""A process pool where a crashed or hung worker costs one task, not the run.

Readers call native libraries (PDFium, libxml2) that are not thread-safe and may
crash, so reports are checked in processes. ``concurrent.futures`` marks the
whole pool broken when one worker dies, and ``multiprocessing.Pool`` waits
forever for the lost task; here each worker has its own pipe and the main
process knows which tasks each worker holds.

Tasks go out in small chunks, two per worker in flight (so no worker waits for
the main process), and a worker answers a chunk in one message (cheap when
results come from the cache). When a worker dies (a segfault, an out-of-memory
kill) or its chunk exceeds the time limit, the worker is replaced and the
tasks of that chunk go back to the queue to run *alone*; a task that then fails
alone is reported as failed, with the reason. The other tasks cost a repeat,
nothing more. Workers are forked on Linux (they inherit the loaded pack);
elsewhere they are spawned and run ``setup`` themselves.
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
IN_FLIGHT = 2
POLL_SECONDS = 0.5

Task = tuple[int, Any, bool]  # (index, task, alone: re-run by itself after its chunk failed)


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
    chunks: deque[list[Task]] = field(default_factory=deque)  # sent, not yet answered
    since: float = 0.0  # when the chunk now running started


def _serve(conn: Connection, setup: Callable[[Any], None], setup_arg: Any,
           func: Callable[[Any], Any]) -> None:
    """A worker's loop: receive a chunk, answer it in one message, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    setup(setup_arg)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        answers: list[tuple[int, Any, str | None]] = []
        for index, task, _ in chunk:
            try:
                answers.append((index, func(task), None))
            except Exception as exc:  # func should not raise; if it does, the task fails alone
                answers.append((index, None, f"{type(exc).__name__}：{exc}"))
        conn.send(answers)


def _context() -> Any:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def run(func: Callable[[Any], Any], tasks: Sequence[Any], jobs: int,
        setup: Callable[[Any], None], setup_arg: Any,
        timeout: float | None = None) -> Iterator[Outcome]:
    """Run ``func`` on every task in ``jobs`` processes; yield outcomes as they finish."""
    context = _context()
    queue: deque[Task] = deque((index, task, False) for index, task in enumerate(tasks))
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
        while queue or any(w.chunks for w in workers):
            for worker in workers:
                while len(worker.chunks) < IN_FLIGHT and queue:
                    _send(worker, _take(queue, chunk_size))
            busy = [w for w in workers if w.chunks]
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
            for i, worker in enumerate(workers):
                yield from _drain(worker)
                if not worker.chunks:
                    continue
                overdue = timeout is not None and time.monotonic() - worker.since > timeout
                if worker.process.is_alive() and not overdue:
                    continue
                yield from _drain(worker)  # answers sent just before the end
                if worker.chunks:
                    reason = f"处理超时（超过 {timeout:g} 秒），已终止" if overdue and timeout \
                        else death_reason(worker.process)
                    yield from _lost(worker, queue, reason)
                    workers[i] = start()
    finally:
        _stop(workers)


def _take(queue: deque[Task], size: int) -> list[Task]:
    """The next chunk: one task that must run alone, or up to ``size`` others."""
    if queue[0][2]:
        return [queue.popleft()]
    chunk: list[Task] = []
    while queue and len(chunk) < size and not queue[0][2]:
        chunk.append(queue.popleft())
    return chunk


def _send(worker: _Worker, chunk: list[Task]) -> None:
    if not worker.chunks:
        worker.since = time.monotonic()
    worker.chunks.append(chunk)
    # A dead worker cannot take the chunk: the failure is handled with its running chunk.
    with contextlib.suppress(OSError):
        worker.conn.send(chunk)


def _drain(worker: _Worker) -> Iterator[Outcome]:
    """Every answer already in the worker's pipe (chunks are answered in the order sent)."""
    try:
        while worker.chunks and worker.conn.poll():
            answers = worker.conn.recv()
            worker.chunks.popleft()
            worker.since = time.monotonic()
            for index, value, failure in answers:
                yield Outcome(index, value, failure)
    except (EOFError, OSError):
        return


def _lost(worker: _Worker, queue: deque[Task], reason: str) -> Iterator[Outcome]:
    """The running chunk failed: a lone task is reported, a longer chunk's tasks run again alone."""
    running = worker.chunks.popleft()
    for chunk in reversed(worker.chunks):  # sent but not started: back to the queue as they were
        queue.extendleft(reversed(chunk))
    worker.chunks.clear()
    if len(running) == 1:
        yield Outcome(running[0][0], None, reason)
    else:
        queue.extendleft((index, task, True) for index, task, _ in reversed(running))
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.conn.close()


def death_reason(process: Any) -> str:
    """Why a worker process ended, for the user (its signal or exit code)."""
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
