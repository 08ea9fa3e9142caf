"""Progress of a run that may take hours: documents and pages done, OCR pages left, rate, ETA.

On a terminal a tqdm bar is drawn on stderr (documents as its total, pages and OCR
pages left beside it). When stderr is not a terminal, the same figures go as a line
to a sink (the CLI appends them to ``run.log`` in the output folder) every
``interval`` seconds and at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO


class Progress:
    """Counts a run's work as it is done and shows it (tqdm bar, or lines to a sink)."""

    def __init__(
        self,
        stream: TextIO | None = None,
        sink: Callable[[str], None] | None = None,
        interval: float = 30.0,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.sink = sink
        self.interval = interval
        self.total = 0
        self.documents = 0
        self.cached = 0
        self.pages = 0
        self.ocr_pages = 0
        self.ocr_left = 0
        self.started = time.monotonic()
        self.last_line = 0.0
        self.bar: Any = None
        self.lines: list[str] = []  # what went to the sink, for the final run.log

    def start(self, total: int) -> None:
        """Given the number of documents, start counting (and draw the bar on a terminal)."""
        self.total = total
        self.started = time.monotonic()
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True)

    def executor(self, where: str) -> None:
        """Given where the tasks run, say it (a Dask dashboard link shows the cluster's view)."""
        self._line(f"tasks run in {where}", force=True)

    def document_done(self, result: Any, cached: bool = False) -> None:
        """Given a finished document's result, count it and its pages."""
        self.documents += 1
        self.cached += cached
        self.pages += len(result.pages)
        if not cached:
            self.ocr_pages += int(result.document.get("pages_ocr") or 0)
        self._update()

    def ocr_planned(self, pages: int) -> None:
        """Given a document's OCR pages about to run as tasks, count them as left."""
        self.ocr_left += pages
        self._update()

    def ocr_page_done(self) -> None:
        """Given nothing, one planned OCR page done."""
        self.ocr_left = max(0, self.ocr_left - 1)
        self._update()

    def figures(self) -> str:
        """Given the counts, one line: documents, pages, OCR left, rate and time remaining."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        fresh = self.documents - self.cached
        rate = fresh / elapsed
        left = self.total - self.documents
        eta = f"{left / rate / 60:.1f} min" if rate > 0 and left else "-"
        return (
            f"{self.documents}/{self.total} documents ({self.cached} cached), "
            f"{self.pages} pages ({self.ocr_pages} OCR), {self.ocr_left} OCR pages queued, "
            f"{self.pages / elapsed:.1f} pages/s, {rate * 60:.1f} documents/min, "
            f"{elapsed:.0f} s elapsed, about {eta} left"
        )

    def _update(self) -> None:
        """Given new counts, refresh the bar or, every interval, write a line to the sink."""
        if self.bar is not None:
            self.bar.n = self.documents
            self.bar.set_postfix_str(
                f"{self.pages} pages, {self.ocr_left} OCR queued", refresh=False
            )
            self.bar.refresh()
        self._line(None)

    def _line(self, text: str | None, force: bool = False) -> None:
        """Given a line (None: the figures), send it to the sink when due."""
        now = time.monotonic()
        if self.sink is None or (not force and now - self.last_line < self.interval):
            return
        self.last_line = now
        line = f"{time.strftime('%H:%M:%S')} progress: {text or self.figures()}"
        self.lines.append(line)
        self.sink(line)

    def close(self) -> None:
        """Given the run ended, close the bar and write the last figures."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        self._line(None, force=True)
