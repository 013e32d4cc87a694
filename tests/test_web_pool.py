"""The web server's worker pool: a slow job blocks no other, a hang or a crash costs one request."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

pytest.importorskip("starlette")

from checker.web.pool import Failure, WorkerPool
from tests.fixtures import pool_jobs


def with_pool(size: int, body: Callable[[WorkerPool], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        pool = WorkerPool(size, pool_jobs.run, pool_jobs.setup, "loaded")
        await pool.start()
        try:
            return await body(pool)
        finally:
            await pool.close()

    return asyncio.run(main())


def test_a_job_runs_in_a_worker_that_was_set_up() -> None:
    import os

    async def body(pool: WorkerPool) -> Any:
        return await pool.run(("echo", "你好"), 30)

    result = with_pool(1, body)
    assert result["value"] == "你好" and result["setup"] == ["loaded"]
    assert result["pid"] != os.getpid()


def test_a_slow_job_does_not_hold_up_a_quick_one() -> None:
    async def body(pool: WorkerPool) -> Any:
        done: list[str] = []

        async def slow() -> None:
            await pool.run(("sleep", 1.5), 30)
            done.append("slow")

        async def quick() -> None:
            await asyncio.sleep(0.2)  # the slow job has its worker by then
            await pool.run(("echo", 1), 30)
            done.append("quick")

        await asyncio.gather(slow(), quick())
        return done

    assert with_pool(2, body) == ["quick", "slow"]


def test_requests_beyond_the_workers_wait_for_one() -> None:
    async def body(pool: WorkerPool) -> Any:
        started = time.monotonic()
        results = await asyncio.gather(*(pool.run(("sleep", 0.4), 30) for _ in range(3)))
        return results, time.monotonic() - started

    results, elapsed = with_pool(1, body)
    assert [r["slept"] for r in results] == [0.4] * 3
    assert elapsed >= 1.2  # one worker: one after the other


def test_a_job_past_its_time_limit_is_ended_and_the_worker_replaced() -> None:
    async def body(pool: WorkerPool) -> Any:
        first = await pool.run(("echo", 1), 30)
        late = await pool.run(("sleep", 30), 0.5)
        after = await pool.run(("echo", 2), 30)
        return first, late, after

    first, late, after = with_pool(1, body)
    assert isinstance(late, Failure) and late.status == 504
    assert "处理超时（超过 0.5 秒）" in late.message
    assert after["value"] == 2 and after["pid"] != first["pid"]  # a new worker, set up again
    assert after["setup"] == ["loaded"]


def test_a_crashed_worker_costs_its_request_only() -> None:
    async def body(pool: WorkerPool) -> Any:
        crashed, other = await asyncio.gather(pool.run(("crash", None), 30), pool.run(("sleep", 0.5), 30))
        after = await pool.run(("echo", 3), 30)
        return crashed, other, after

    crashed, other, after = with_pool(2, body)
    assert isinstance(crashed, Failure) and crashed.status == 500
    assert "SIGSEGV" in crashed.message
    assert other["slept"] == 0.5 and after["value"] == 3


def test_a_problem_the_job_reports_keeps_its_status_and_a_defect_is_500() -> None:
    async def body(pool: WorkerPool) -> Any:
        return await pool.run(("refuse", "不支持"), 30), await pool.run(("defect", "x"), 30), \
            await pool.run(("echo", 4), 30)

    refused, defect, after = with_pool(1, body)
    assert refused == Failure(415, "不支持")
    assert defect.status == 500 and "内部错误（KeyError" in defect.message
    assert after["value"] == 4  # the same worker goes on after a defect
