"""Bounds on what one page may cost: time, memory, image pixels, pages per document.

A page is read (text layer) or OCR'd in a forked child process whose address
space is capped (``RLIMIT_AS``: the memory limit on top of what the process
already maps, inherited by the Tesseract it starts); the parent waits at most
the time limit for each page's result and kills the child when it is late,
records the page with the reason, and goes on with the next page in a fresh
child.  One child serves all pages of a document while they behave, so the
cost is one fork per document.  Images too large to decode (a 60,000 × 60,000 px
"bomb") are refused before rendering, and a page rendered for OCR is kept below
a pixel budget by lowering its resolution.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import resource
import signal
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
    """A page that could not be done: why, and whether a limit stopped it."""

    reason: str
    limit: bool = False


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
        return ("fail", item, PageFailure(reason, limit=True))
    if isinstance(exc, PageLimitError):
        return ("fail", item, PageFailure(str(exc), limit=True))
    if isinstance(exc, RecursionError):
        reason = "object graph nested too deeply to read (RecursionError)"
        return ("fail", item, PageFailure(reason, limit=True))
    return ("fail", item, PageFailure(f"{type(exc).__name__}: {exc}"))


def _child(
    make: Callable[[], Callable[[T], R]],
    items: Sequence[T],
    start: int,
    conn: Any,
    limits: Limits,
) -> None:
    """Given a worker factory, items and where to start, run them and send each outcome."""
    gc.freeze()  # the parent's objects: never traversed here, so never copied on write
    try:
        use(limits)
        cap_memory(limits.page_memory_mb)
        work = make()
        for item in range(start, len(items)):
            try:
                message: tuple[str, int, Any] = ("ok", item, work(items[item]))
            except BaseException as exc:  # one page's failure is that page's outcome
                message = _message(item, exc, limits)
            try:
                conn.send(message)
            except MemoryError:
                conn.send(_message(item, MemoryError(), limits))
        conn.close()
    finally:
        os._exit(0)


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
    make: Callable[[], Callable[[T], R]], items: Sequence[T], limits: Limits
) -> Iterator[Bounded[R]]:
    """Given a worker factory (called once per child), items and limits, each item's outcome
    in order; an item past its time or memory is a PageFailure, and the next item runs on."""
    if not limits.enabled:
        yield from _in_process(make, items, limits)
        return
    context = multiprocessing.get_context("fork")
    index = 0
    while index < len(items):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(make, items, index, sender, limits))
        child.start()
        sender.close()
        try:
            while index < len(items):
                if not receiver.poll(limits.page_seconds):
                    reason = f"time limit of {limits.page_seconds:g} s exceeded (--page-timeout)"
                    yield Bounded(None, PageFailure(reason, limit=True))
                    index += 1
                    break
                try:
                    kind, item, payload = receiver.recv()
                except (EOFError, OSError):
                    child.join(5)
                    yield Bounded(None, PageFailure(describe_exit(child.exitcode, limits), True))
                    index += 1
                    break
                yield Bounded(payload) if kind == "ok" else Bounded(None, payload)
                index = item + 1
        finally:
            receiver.close()
            if child.is_alive():
                child.kill()
            child.join()


def call_bounded(work: Callable[[T], R], item: T, limits: Limits) -> Bounded[R]:
    """Given a function, one item and limits, its outcome under the limits."""
    return next(map_bounded(lambda: work, [item], limits))
