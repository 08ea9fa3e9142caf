"""Where a run's tasks execute: this process, a local process pool, or a Dask cluster.

Every executor offers the same three things the run loop needs: ``submit`` a
function with its arguments, wait for ``any`` of the submitted futures, and
``payload``: what travels with a document's tasks. Locally that is nothing (the
workers read the file from its path); on a Dask cluster it is the file's bytes,
scattered to the cluster once per document, so workers need no shared file system.

A local pool worker that dies (killed by the kernel's OOM killer, a crash in a
native library) breaks Python's process pool and every task in flight with it. The
pool is then replaced and each of those tasks is retried alone, in a one-process
quarantine pool, so a second death names its task exactly: that task is given up
(its document recorded as failed) and the run goes on.

A Dask worker that dies (out of memory, a crash in PDFium or Tesseract) has its
tasks retried on another worker by the scheduler. A task that has killed
``distributed.scheduler.allowed-failures`` + 1 workers is given up: the run records
its document as failed and goes on. ``--scheduler local`` starts a LocalCluster
with allowed-failures = 1 (a document that kills workers twice is failed); an
existing cluster uses its scheduler's own setting (Dask's default is 3; set
``DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1`` where the scheduler starts).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from riskrad.model.errors import UsageError

LOCAL = "local"
ALLOWED_FAILURES = 1  # a task may kill one worker; the second death fails its document

log = logging.getLogger("riskrad")


class WorkerDied(RuntimeError):
    """A task whose worker process died under it more often than allowed."""


class Executor(Protocol):
    """What the run loop needs from an executor."""

    workers: int

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def wait_any(self, futures: list[Any]) -> list[Any]: ...

    def payload(self, task: Any) -> Any: ...

    def describe(self) -> str: ...


class InlineExecutor:
    """Runs each task at once in this process (one worker, no pickling)."""

    workers = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Given a function and its arguments, a finished future of its result."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def wait_any(self, futures: list[Any]) -> list[Any]:
        """Given futures (all finished), all of them."""
        return futures

    def payload(self, task: Any) -> None:
        """Given a task, nothing: the file is read from its path."""
        return None

    def describe(self) -> str:
        return "this process"


@dataclass(eq=False)
class _PoolTask:
    """A task given to the local pool: what to run, its caller's future, its deaths."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    outer: Future[Any] = field(default_factory=Future)
    deaths: int = 0


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Given a worker count, a process pool whose workers run Tesseract single-threaded."""
    from riskrad.extract.ocr_batch import single_threaded_tesseract

    return ProcessPoolExecutor(max_workers=workers, initializer=single_threaded_tesseract)


class PoolExecutor:
    """A local process pool of ``workers`` processes, one single-threaded Tesseract each,
    that survives a worker's death (see the module's docstring)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = _new_pool(workers)
        self.quarantine: ProcessPoolExecutor | None = None
        self.suspects: deque[_PoolTask] = deque()  # tasks waiting for the quarantine
        self.running: dict[Future[Any], tuple[_PoolTask, ProcessPoolExecutor]] = {}

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Given a function and its arguments, its future (answered whatever the pool does)."""
        task = _PoolTask(fn, args)
        self._start(task)
        return task.outer

    def _start(self, task: _PoolTask) -> None:
        """Given a task, it submitted: to the pool, or to the quarantine after a death."""
        if task.deaths:
            self.suspects.append(task)
            self._next_suspect()
            return
        try:
            inner = self.pool.submit(task.fn, *task.args)
        except BrokenProcessPool:
            self._replace_pool()
            inner = self.pool.submit(task.fn, *task.args)
        self.running[inner] = (task, self.pool)

    def _next_suspect(self) -> None:
        """Given nothing, the next suspect started alone in the quarantine, if it is free."""
        if not self.suspects or any(t.deaths for t, _ in self.running.values()):
            return
        if self.quarantine is None:
            self.quarantine = _new_pool(1)
        task = self.suspects.popleft()
        self.running[self.quarantine.submit(task.fn, *task.args)] = (task, self.quarantine)

    def _replace_pool(self) -> None:
        """Given nothing, the broken pool shut down and a new one in its place."""
        log.warning("a worker process died; starting a new pool and retrying its tasks alone")
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = _new_pool(self.workers)

    def _settle(self, inner: Future[Any]) -> None:
        """Given a finished pool future, its task answered, or retried after a death."""
        task, pool = self.running.pop(inner)
        error = inner.exception()
        if not isinstance(error, BrokenProcessPool):
            if error is None:
                task.outer.set_result(inner.result())
            else:
                task.outer.set_exception(error)
        elif task.deaths:  # it was alone in the quarantine: it killed its worker
            if self.quarantine is not None:
                self.quarantine.shutdown(wait=False, cancel_futures=True)
            self.quarantine = None
            task.outer.set_exception(
                WorkerDied(f"its worker process died twice while running it ({error})")
            )
        else:
            if pool is self.pool:  # the first of its tasks to report: replace the pool once
                self._replace_pool()
            task.deaths += 1
            self._start(task)
        self._next_suspect()

    def wait_any(self, futures: list[Any]) -> list[Any]:
        """Given futures, those finished once at least one is."""
        while not any(f.done() for f in futures):
            done, _ = wait(list(self.running), return_when=FIRST_COMPLETED)
            for inner in done:
                self._settle(inner)
        return [f for f in futures if f.done()]

    def payload(self, task: Any) -> None:
        """Given a task, nothing: the workers read the file from its path."""
        return None

    def shutdown(self) -> None:
        """Given nothing, both pools shut down, waiting tasks cancelled."""
        self.pool.shutdown(cancel_futures=True)
        if self.quarantine is not None:
            self.quarantine.shutdown(cancel_futures=True)

    def describe(self) -> str:
        return f"a local pool of {self.workers} processes"


class DaskExecutor:
    """A Dask distributed client: tasks go to the cluster's workers, files as bytes."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Given a function and its arguments, its Dask future (never deduplicated)."""
        return self.client.submit(fn, *args, pure=False)

    def wait_any(self, futures: list[Any]) -> list[Any]:
        """Given futures, those finished once at least one is."""
        from distributed import wait as dask_wait

        done, _ = dask_wait(futures, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call,unused-ignore]
        return list(done)

    def payload(self, task: Any) -> Any:
        """Given a document task, its file's bytes scattered to the cluster (a future)."""
        return self.client.scatter(task.path.read_bytes(), hash=False)

    def describe(self) -> str:
        link = getattr(self.client, "dashboard_link", "")
        return f"Dask cluster {self.client.scheduler.address} ({self.workers} worker threads)" + (
            f", dashboard {link}" if link else ""
        )


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """Given a worker count, a Dask client of a LocalCluster of single-threaded processes."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(
        {
            "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
            "distributed.worker.daemon": False,
        }
    ):
        cluster = LocalCluster(  # type: ignore[no-untyped-call,unused-ignore]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env={"OMP_THREAD_LIMIT": "1"},
        )
        try:
            with Client(cluster) as client:  # type: ignore[no-untyped-call,unused-ignore]
                yield client
        finally:
            cluster.close()


@contextmanager
def open_executor(jobs: int, scheduler: str | None = None) -> Iterator[Executor]:
    """Given the job count and the --scheduler value, the executor for the run."""
    if scheduler is None:
        if jobs <= 1:
            yield InlineExecutor()
            return
        pool = PoolExecutor(jobs)
        try:
            yield pool
        finally:
            pool.shutdown()
        return
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency
        raise UsageError("--scheduler needs dask[distributed] installed") from exc
    if scheduler == LOCAL:
        with local_cluster(jobs) as client:
            yield DaskExecutor(client)
        return
    try:
        client = Client(  # type: ignore[no-untyped-call,unused-ignore]
            scheduler, timeout=os.environ.get("RISKRAD_DASK_TIMEOUT", "30s")
        )
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from exc
    with client:
        yield DaskExecutor(client)
