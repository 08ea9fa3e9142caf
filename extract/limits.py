"""Bounds on what one page may cost: time, memory, image pixels, pages per document.

A page is read (text layer) or OCR'd in a forked child process whose address
space is capped (``RLIMIT_AS``: the memory limit on top of what the process
already maps, inherited by the Tesseract it starts); the parent waits at most
the time limit for each page's result and kills the child when it is late,
records the page with the reason, and goes on with the next page in a fresh
child.  One child serves all pages of a document while they behave, so the
cost is one fork per document; the text layers' child is kept from document
to document (``map_bounded(..., keep=True)``: one fork a run, or a pool
worker's life, until a page fails in it), since a fork of a process holding
a run's state costs more than reading a short document's pages (the parent's
and child's pages copied on write).  The time limit counts the CPU the page's worker
and the Tesseract it runs use, so a page starved by a busy machine is not cut
short; a worker that uses no CPU at all for that long is stuck and is stopped.
The child leads a process group of its own, and a page that is stopped takes
its Tesseract with it (no orphan left running on the next pages' CPU) and its
temporary files (the child's TMPDIR is a folder the parent removes).  Images
too large to decode (a 60,000 × 60,000 px "bomb") are refused before rendering,
and a page rendered for OCR is kept below a pixel budget by lowering its
resolution.
"""

from __future__ import annotations

import contextlib
import gc
import math
import multiprocessing
import multiprocessing.util
import os
import resource
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from riskrad.model.settings import LimitSettings

T = TypeVar("T")
R = TypeVar("R")

MB = 1 << 20


Limits = LimitSettings  # the settings part this module enforces
DEFAULT_LIMITS = Limits()
_active: list[Limits] = [DEFAULT_LIMITS]


def active() -> Limits:
    """Given nothing, the limits in force in this process (set by ``use``)."""
    return _active[-1]


def use(limits: Limits) -> None:
    """Given limits, make them the ones in force in this process (and its forked children)."""
    _active[-1] = limits


class PageLimitError(Exception):
    """A page exceeds a limit; the message names the limit and the flag that changes it."""


@dataclass(frozen=True, slots=True)
class PageFailure:
    """A page that could not be done: why, whether a limit stopped it, and whether another
    try could end otherwise (time, memory, a dying worker: not a property of the file)."""

    reason: str
    limit: bool = False
    transient: bool = False


@dataclass(frozen=True, slots=True)
class Bounded(Generic[R]):
    """The outcome of one item run under limits: its value, or its failure."""

    value: R | None
    failure: PageFailure | None = None


# ---------------------------------------------------------------- images and rendering


def check_image_pixels(width_px: int, height_px: int, limits: Limits | None = None) -> None:
    """Given an image's pixel size, raise PageLimitError when it is too large to decode."""
    bound = (limits or active()).max_image_pixels
    if width_px * height_px > bound:
        raise PageLimitError(
            f"page image of {width_px:,} x {height_px:,} px exceeds the limit of "
            f"{bound:,} pixels (--max-image-pixels): page not rendered"
        )


IMAGE_SEARCH_DEPTH = 8  # form XObjects nested deeper than this are not searched for images


def check_page_images(page: pdfium.PdfPage, limits: Limits | None = None) -> None:
    """Given a PDFium page, raise PageLimitError when an image on it is too large to decode."""
    for obj in page.get_objects(
        filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=IMAGE_SEARCH_DEPTH
    ):
        if isinstance(obj, pdfium.PdfImage):
            width, height = obj.get_px_size()
            check_image_pixels(int(width), int(height), limits)


def render_scale(
    width_pt: float, height_pt: float, dpi: int, limits: Limits | None = None
) -> float:
    """Given a page size in points and a resolution, the render scale within the pixel budget."""
    if (
        not (math.isfinite(width_pt) and math.isfinite(height_pt))
        or width_pt <= 0
        or height_pt <= 0
    ):
        raise PageLimitError(f"page has no usable size ({width_pt} x {height_pt} pt)")
    scale = dpi / 72.0
    bound = (limits or active()).max_render_pixels
    if width_pt * height_pt * scale * scale > bound:
        scale = math.sqrt(bound / (width_pt * height_pt))
    if width_pt * scale < 1 or height_pt * scale < 1:
        raise PageLimitError(
            f"page of {width_pt:.0f} x {height_pt:.0f} pt cannot be rendered within "
            f"{bound:,} pixels (--max-render-pixels)"
        )
    return scale


# ---------------------------------------------------------------- time and memory

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
STALL_CPU_SECONDS = 0.02  # less CPU than this over a wait is no progress
MIN_WAIT_SECONDS = 1.0  # after the first wait, the budget is checked at least this often


def _stat_fields(pid: str | int) -> list[bytes]:
    """Given a process id, the fields of its /proc stat after the command name ([] if gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _cpu(fields: list[bytes]) -> int:
    """Given a process's stat fields, the clock ticks it and its reaped children used."""
    return sum(int(f) for f in fields[11:15]) if len(fields) > 14 else 0  # u/s time, children's


def process_cpu_seconds(pid: int) -> float:
    """Given a process id, the CPU seconds it and its reaped children used (0 if gone)."""
    return _cpu(_stat_fields(pid)) / _TICKS


def group_cpu_seconds(group: int) -> float:
    """Given a process group id, the CPU seconds its live members and their reaped children
    used (a page's worker and the Tesseract it runs), from /proc; 0 where it cannot be read."""
    total = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if len(fields) > 14 and int(fields[2]) == group:
                total += _cpu(fields)
    return total / _TICKS


def wait_for_page(receiver: Any, group: int, limits: Limits) -> str | None:
    """Given the pipe from a page's worker and its process group, None once the page's
    outcome is waiting, or why the page is stopped: it used its time limit in CPU, or used
    no CPU for that long (stuck). Wall time alone never stops it: a busy machine is no
    fault of the page."""
    budget = limits.page_seconds
    start = last = process_cpu_seconds(group)  # between pages the worker runs alone
    idle = 0.0
    wait = budget
    while not receiver.poll(wait):
        used = group_cpu_seconds(group)
        if used - start >= budget:
            return f"time limit of {budget:g} s exceeded (--page-timeout)"
        idle = idle + wait if used - last < STALL_CPU_SECONDS else 0.0
        if idle >= budget:
            return (
                f"time limit of {budget:g} s exceeded without using the CPU: the page's "
                "worker is stuck (--page-timeout)"
            )
        last = used
        wait = max(budget - (used - start), min(MIN_WAIT_SECONDS, budget))
    return None


def stop_group(child: Any) -> None:
    """Given a page worker process, it and every process of its group (its Tesseract) killed."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    if child.is_alive():
        child.kill()
    child.join()


def mapped_bytes() -> int:
    """Given nothing, the address space this process maps now (bytes)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def cap_memory(memory_mb: int) -> None:
    """Given a limit in MB, cap this process's address space at what it maps now plus that."""
    cap = mapped_bytes() + memory_mb * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def describe_exit(exitcode: int | None, limits: Limits) -> str:
    """Given a dead worker's exit code, the reason to record."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return (
            f"the page's worker died ({name}), probably beyond the memory limit of "
            f"{limits.page_memory_mb} MB (--page-memory)"
        )
    return f"the page's worker stopped unexpectedly (exit code {exitcode})"


def _message(item: int, exc: BaseException, limits: Limits) -> tuple[str, int, Any]:
    """Given an item's exception in a child, the message sent to the parent."""
    if isinstance(exc, MemoryError):
        reason = f"memory limit of {limits.page_memory_mb} MB exceeded (--page-memory)"
        return ("fail", item, PageFailure(reason, limit=True, transient=True))
    if isinstance(exc, PageLimitError):
        return ("fail", item, PageFailure(str(exc), limit=True))
    if isinstance(exc, RecursionError):
        reason = "object graph nested too deeply to read (RecursionError)"
        return ("fail", item, PageFailure(reason, limit=True))
    return ("fail", item, PageFailure(f"{type(exc).__name__}: {exc}"))


def _run_items(
    work: Callable[[T], R], items: Sequence[T], start: int, conn: Any, limits: Limits
) -> None:
    """Given a page worker, items, where to start, the pipe to the parent and the limits, run
    each item from there on and send its outcome."""
    for item in range(start, len(items)):
        try:
            message: tuple[str, int, Any] = ("ok", item, work(items[item]))
        except BaseException as exc:  # one page's failure is that page's outcome
            message = _message(item, exc, limits)
        try:
            conn.send(message)
        except MemoryError:
            conn.send(_message(item, MemoryError(), limits))


def _child(
    make: Callable[[], Callable[[T], R]],
    items: Sequence[T],
    start: int,
    conn: Any,
    limits: Limits,
    scratch: str,
) -> None:
    """Given a worker factory, items, where to start and a scratch folder for temporary files
    (removed by the parent, even when this child is killed), run them and send each outcome."""
    gc.freeze()  # the parent's objects: never traversed here, so never copied on write
    try:
        _own_group(0)
        tempfile.tempdir = os.environ["TMPDIR"] = scratch  # Tesseract's files too
        use(limits)
        cap_memory(limits.page_memory_mb)
        _run_items(make(), items, start, conn, limits)
        conn.close()
    finally:
        os._exit(0)


def _serve(requests: Any, conn: Any, scratch: str, parents_ends: tuple[Any, ...]) -> None:
    """Given the pipe of requests (a worker factory, items, where to start, the limits), the
    pipe to the parent, a scratch folder and the parent's ends of both pipes (closed here, so
    the parent's exit ends this loop), run each request as ``_child`` runs its items, the
    memory cap set anew from what this process maps when the request comes."""
    gc.freeze()
    try:
        for end in parents_ends:
            end.close()
        _own_group(0)
        tempfile.tempdir = os.environ["TMPDIR"] = scratch
        while True:
            try:
                make, items, start, limits = requests.recv()
            except (EOFError, OSError):
                break
            use(limits)
            cap_memory(limits.page_memory_mb)
            _run_items(make(), items, start, conn, limits)
    finally:
        os._exit(0)


def _own_group(pid: int) -> None:
    """Given a process id (0: this process), make it the leader of a process group of its
    own (set from both sides of the fork, so neither waits for the other)."""
    with contextlib.suppress(OSError):  # already set by the child, or the child is gone
        os.setpgid(pid, pid if pid else 0)


def _in_process(
    make: Callable[[], Callable[[T], R]], items: Sequence[T], limits: Limits
) -> Iterator[Bounded[R]]:
    """Given a worker factory and items, their outcomes computed here, without bounds."""
    use(limits)
    work = make()
    for item in items:
        try:
            yield Bounded(work(item))
        except Exception as exc:
            yield Bounded(None, _message(0, exc, limits)[2])


def map_bounded(
    make: Callable[[], Callable[[T], R]],
    items: Sequence[T],
    limits: Limits,
    keep: bool = False,
) -> Iterator[Bounded[R]]:
    """Given a worker factory (called once per child), items and limits, each item's outcome
    in order; an item past its time or memory is a PageFailure, and the next item runs on.
    With ``keep`` (``make`` must pickle), the child is kept for the next call in this
    process's main thread (``_kept_map``) instead of forked for this one."""
    if not limits.enabled:
        yield from _in_process(make, items, limits)
        return
    if keep and threading.current_thread() is threading.main_thread():
        yield from _kept_map(make, items, limits)
        return
    context = multiprocessing.get_context("fork")
    index = 0
    while index < len(items):
        receiver, sender = context.Pipe(duplex=False)
        scratch = tempfile.mkdtemp(prefix="riskrad-page-")
        child = context.Process(target=_child, args=(make, items, index, sender, limits, scratch))
        child.start()
        group = child.pid
        assert group is not None  # set once started
        _own_group(group)
        sender.close()
        try:
            while index < len(items):
                late = wait_for_page(receiver, group, limits)
                if late is not None:
                    yield Bounded(None, PageFailure(late, limit=True, transient=True))
                    index += 1
                    break
                try:
                    kind, item, payload = receiver.recv()
                except (EOFError, OSError):
                    child.join(5)
                    reason = describe_exit(child.exitcode, limits)
                    yield Bounded(None, PageFailure(reason, limit=True, transient=True))
                    index += 1
                    break
                yield Bounded(payload) if kind == "ok" else Bounded(None, payload)
                index = item + 1
        finally:
            receiver.close()
            stop_group(child)
            shutil.rmtree(scratch, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class _Kept:
    """A page worker kept between calls: its process, the pipes to and from it, its scratch
    folder."""

    child: Any
    requests: Any
    results: Any
    scratch: str


_kept: list[_Kept] = []  # at most one, of this process's main thread


def _start_kept() -> _Kept:
    """Given nothing, a new kept page worker (``_serve``), a process group of its own."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    asked, asking = context.Pipe(duplex=False)
    scratch = tempfile.mkdtemp(prefix="riskrad-page-")
    child = context.Process(target=_serve, args=(asked, sender, scratch, (asking, receiver)))
    child.start()
    assert child.pid is not None  # set once started
    _own_group(child.pid)
    sender.close()
    asked.close()
    kept = _Kept(child, asking, receiver, scratch)
    _kept.append(kept)
    _stop_at_exit()
    return kept


def stop_kept() -> None:
    """Given nothing, the kept page worker, if any, stopped with its group and its scratch
    folder removed (a run's end, or a page that failed in it)."""
    while _kept:
        kept = _kept.pop()
        kept.requests.close()
        kept.results.close()
        stop_group(kept.child)
        shutil.rmtree(kept.scratch, ignore_errors=True)


def _forget_kept() -> None:
    """Given nothing (in a child just forked), the parent's kept worker forgotten here: its
    pipes closed in this process, the worker left to the parent."""
    while _kept:
        kept = _kept.pop()
        with contextlib.suppress(OSError):
            kept.requests.close()
            kept.results.close()


os.register_at_fork(after_in_child=_forget_kept)
_stopped_at_exit: set[int] = set()  # processes that stop their kept worker when they end


def _stop_at_exit() -> None:
    """Given nothing, this process's kept worker stopped when the process ends: a pool
    worker's (multiprocessing runs its finalizers before it waits for its children, which
    would wait for the kept worker for ever) and this one's at interpreter exit."""
    if os.getpid() not in _stopped_at_exit:
        _stopped_at_exit.add(os.getpid())
        multiprocessing.util.Finalize(None, stop_kept, exitpriority=10)


def _kept_map(
    make: Callable[[], Callable[[T], R]], items: Sequence[T], limits: Limits
) -> Iterator[Bounded[R]]:
    """Given a picklable worker factory, items and limits, ``map_bounded``'s outcomes, the
    items run in the kept page worker (started when there is none): one fork for a run's
    documents instead of one each. A page past its limits, a worker that dies or a caller
    that stops early stops the worker; the next item starts a new one. A page stopped by a
    limit inside the worker (its memory) ends the worker after the call's last item, as a
    worker forked per call would end."""
    index = 0
    while index < len(items):
        kept = _kept[-1] if _kept else _start_kept()
        try:
            kept.requests.send((make, items, index, limits))
        except OSError:  # the worker has gone since the last call
            stop_kept()
            kept = _start_kept()
            kept.requests.send((make, items, index, limits))
        group = kept.child.pid
        done = False
        clean = True  # no page stopped by a limit (its memory) in the worker
        try:
            while index < len(items):
                late = wait_for_page(kept.results, group, limits)
                if late is not None:
                    yield Bounded(None, PageFailure(late, limit=True, transient=True))
                    index += 1
                    break
                try:
                    kind, item, payload = kept.results.recv()
                except (EOFError, OSError):
                    kept.child.join(5)
                    reason = describe_exit(kept.child.exitcode, limits)
                    yield Bounded(None, PageFailure(reason, limit=True, transient=True))
                    index += 1
                    break
                clean = clean and (kind == "ok" or not payload.limit)
                yield Bounded(payload) if kind == "ok" else Bounded(None, payload)
                index = item + 1
            else:
                done = True
        finally:
            if not done or not clean:
                stop_kept()


def call_bounded(work: Callable[[T], R], item: T, limits: Limits) -> Bounded[R]:
    """Given a function, one item and limits, its outcome under the limits."""
    return next(map_bounded(lambda: work, [item], limits))
