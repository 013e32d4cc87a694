"""Worker processes for the web server: a time limit per request, a crash costs one request.

The server's event loop never checks a report itself: each request's job goes to
an idle worker process, and the loop goes on serving the page and other
requests. A job that runs past its time limit, or a worker that dies (a reader's
native library crashing on a damaged file), costs that request only: the worker
is killed and replaced, and the request gets a clear answer. Requests beyond the
number of workers wait for one to be free.

Workers are *spawned* (a fresh interpreter, as on Windows): the server process
runs threads, and forking a process with threads is unsafe. Each worker runs
``setup(setup_arg)`` once (loading the pack), then one job at a time. The
exchange with a worker (send, wait, receive) blocks, so it runs in a thread of a
small executor of our own; the thread also replaces a lost worker, so that a
request abandoned by its client still returns its worker to the pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from checker.audit.pool import death_reason

START_SECONDS = 120.0  # a new worker must be ready (interpreter started, pack loaded) within this


@dataclass(frozen=True)
class Failure:
    """Why a job has no result: an HTTP status and a message for the user."""

    status: int
    message: str


class _Worker:
    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn


def _serve(conn: Connection, setup: Callable[[Any], None], setup_arg: Any,
           func: Callable[[Any], Any]) -> None:
    """A worker's loop: set up, say so, then answer one job at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's business
    from checker.web.jobs import JobError

    try:
        setup(setup_arg)
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}：{exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answer: tuple[Any, ...] = ("ok", func(job))
        except JobError as exc:
            answer = ("fail", exc.status, str(exc))
        except Exception as exc:
            from checker.errors import CheckerError

            if isinstance(exc, CheckerError):
                answer = ("fail", 422, str(exc))
            else:  # a defect: the request fails with the reason, the worker goes on
                answer = ("fail", 500, f"内部错误（{type(exc).__name__}：{exc}），请报告此问题")
        conn.send(answer)


class WorkerPool:
    """``size`` worker processes running ``func`` on jobs; see the module's docstring."""

    def __init__(self, size: int, func: Callable[[Any], Any], setup: Callable[[Any], None],
                 setup_arg: Any = None, wait_seconds: float = 600.0) -> None:
        self.size = max(1, size)
        self.func = func
        self.setup = setup
        self.setup_arg = setup_arg
        self.wait_seconds = wait_seconds  # how long a request may wait for a free worker
        self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="checker-pool")
        self._idle: asyncio.Queue[_Worker | None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: set[_Worker] = set()
        self._closed = False

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the pack."""
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        started = await asyncio.gather(*(self._loop.run_in_executor(self._threads, self._start)
                                         for _ in range(self.size)))
        for worker in started:
            self._idle.put_nowait(worker)

    async def run(self, job: Any, limit: float) -> Any:
        """The job's result, or a :class:`Failure` (timeout, crash, a problem the job reported)."""
        if self._idle is None or self._loop is None or self._closed:
            raise RuntimeError("WorkerPool.start() was not awaited")
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.wait_seconds)
        except asyncio.TimeoutError:
            return Failure(503, "服务器繁忙，请稍后再试")
        return await self._loop.run_in_executor(self._threads, self._exchange, worker, job, limit)

    def _exchange(self, worker: _Worker | None, job: Any, limit: float) -> Any:
        """In a thread: send the job, wait for the answer. A worker lost to a timeout or a crash is
        replaced; the slot always goes back to the pool (``None``: no live worker, start one first)."""
        try:
            if worker is None:
                worker = self._start()
            result, lost = self._ask(worker, job, limit)
            if lost:
                self._stop(worker)
                worker = None
                worker = self._start()
            return result
        except RuntimeError as exc:
            return Failure(500, str(exc))
        finally:
            if self._loop is not None and self._idle is not None and not self._closed:
                self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    @staticmethod
    def _ask(worker: _Worker, job: Any, limit: float) -> tuple[Any, bool]:
        """The answer and whether the worker was lost (killed after the time limit, or dead)."""
        try:
            worker.conn.send(job)
            if worker.conn.poll(limit):
                answer = worker.conn.recv()
                return (answer[1] if answer[0] == "ok" else Failure(answer[1], answer[2])), False
            return Failure(504, f"处理超时（超过 {limit:g} 秒），已终止；文件可能过大或过于复杂"), True
        except (EOFError, OSError):
            return Failure(500, death_reason(worker.process)), True

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self.setup, self.setup_arg, self.func),
                                        daemon=True, name="checker-web-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(START_SECONDS):
            self._stop(worker)
            raise RuntimeError("检查进程未能启动")
        status, detail = parent.recv()
        if status != "ready":
            self._stop(worker)
            raise RuntimeError(f"检查进程未能启动：{detail}")
        self._workers.add(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    async def close(self) -> None:
        """Stop every worker (a job still running is abandoned)."""
        self._closed = True
        for worker in list(self._workers):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in list(self._workers):
            worker.process.join(2)
            self._stop(worker)
        self._threads.shutdown(wait=False, cancel_futures=True)

