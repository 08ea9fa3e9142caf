"""The local process pool survives a worker's death: the tasks in flight are retried alone,
and only the task that kills its worker a second time is given up (real processes, real
SIGKILL; no mocks)."""

from __future__ import annotations

import os
import signal
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from riskrad.executors import PoolExecutor, WorkerDied


def square_or_die(x: int, poison: int) -> int:
    """Given a number and the poison number, its square; the poison kills its worker."""
    if x == poison:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


def die_once(marker: str) -> str:
    """Given a marker path, the first call kills its worker (leaving the marker), later
    calls return "survived"."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died once")
        os.kill(os.getpid(), signal.SIGKILL)
    return "survived"


def run_all(pool: PoolExecutor, futures: list[Future[Any]]) -> None:
    """Given a pool and its futures, wait until every one is answered."""
    pending = list(futures)
    while pending:
        done = pool.wait_any(pending)
        assert done, "wait_any returned nothing"
        pending = [f for f in pending if f not in done]


def test_a_task_that_kills_its_worker_twice_is_given_up_alone() -> None:
    pool = PoolExecutor(2)
    try:
        futures = [pool.submit(square_or_die, x, 3) for x in range(8)]
        run_all(pool, futures)
        for x, future in enumerate(futures):
            if x == 3:
                with pytest.raises(WorkerDied, match="died twice"):
                    future.result()
            else:
                assert future.result() == x * x  # the innocent tasks in flight were retried
        after = pool.submit(square_or_die, 9, 3)  # the pool still works afterwards
        run_all(pool, [after])
        assert after.result() == 81
    finally:
        pool.shutdown()


def test_a_task_whose_worker_dies_once_is_retried(tmp_path: Path) -> None:
    pool = PoolExecutor(2)
    try:
        futures = [pool.submit(die_once, str(tmp_path / "marker"))]
        futures += [pool.submit(square_or_die, x, -1) for x in range(4)]
        run_all(pool, futures)
        assert futures[0].result() == "survived"
        assert [f.result() for f in futures[1:]] == [0, 1, 4, 9]
    finally:
        pool.shutdown()


def test_an_ordinary_exception_is_not_a_death() -> None:
    pool = PoolExecutor(2)
    try:
        future = pool.submit(int, "not a number")
        run_all(pool, [future])
        with pytest.raises(ValueError):
            future.result()
    finally:
        pool.shutdown()
