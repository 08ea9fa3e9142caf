"""Page triage before OCR: which scanned pages of a long document can hold risks or controls.

Full OCR costs seconds a page; minutes and annual reports are mostly prose around one
internal-control section. A cheap pass over a low-resolution render (no OCR) looks for
table structure: ruling lines forming a grid, or text lines cut into columns by wide
gaps (an unruled table). Those pages, the first pages (metadata), and the pages next
to them are OCR'd fully; the rest are skipped with the reason. After OCR, a page whose
text holds the internal-control vocabulary pulls in its neighbours too
(:func:`vocabulary_hits`), so a section of prose-like control reports next to a table
is followed page by page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from riskrad.extract.image_rulings import Mask, binarize, find_rulings, line_mask
from riskrad.extract.render import render_sized
from riskrad.model.settings import TriageSettings

DEFAULT = TriageSettings()

_VOCABULARY = re.compile(
    r"\b(?:risk\w*|\w*kontroll\w*|sannolikhet\w*|konsekvens\w*|åtgärd\w*|riskvärde\w*"
    r"|frekvens|ansvarig\w*|resultat)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What the cheap pass saw on one page."""

    page: int  # 1-based
    horizontals: int
    verticals: int
    column_lines: int

    def describe(self) -> str:
        """Given the signals, them in words."""
        return (
            f"{self.horizontals} horizontal and {self.verticals} vertical rulings, "
            f"{self.column_lines} lines in columns"
        )


def is_structured(signals: PageSignals, settings: TriageSettings = DEFAULT) -> bool:
    """Given a page's signals, whether it shows table structure: rows of rulings, column
    rulings, or text lines in columns (an unruled table)."""
    return (
        signals.horizontals >= settings.min_horizontals
        or signals.verticals >= settings.min_verticals
        or signals.column_lines >= settings.min_column_lines
    )


def column_lines(mask: Mask, rulings_mask: Mask, column_gap: float) -> int:
    """Given an ink mask and its ruling strokes, how many text lines split into >= 3 pieces
    at gaps wider than ``column_gap`` line heights."""
    text = np.where(rulings_mask > 0, 0, mask)
    rows = (text > 0).sum(axis=1)
    inked = rows > 1
    count = 0
    y = 0
    height = len(inked)
    while y < height:
        if not inked[y]:
            y += 1
            continue
        start = y
        while y < height and inked[y]:
            y += 1
        band = text[start:y]
        line_height = y - start
        if not 4 <= line_height <= 40:
            continue
        cols = np.flatnonzero((band > 0).any(axis=0))
        if len(cols) < 2:
            continue
        gaps = np.diff(cols)
        wide = int((gaps > column_gap * line_height).sum())
        if wide >= 2:
            count += 1
    return count


def page_signals(
    pdf_path: Path, page_index: int, settings: TriageSettings = DEFAULT
) -> PageSignals:
    """Given a PDF page, the cheap pass's signals from a low-resolution render."""
    dpi = settings.dpi
    image, _, _ = render_sized(pdf_path, page_index, dpi)
    rulings = find_rulings(image, dpi=dpi)
    horizontals = sum(r.orientation == "h" for r in rulings)
    verticals = sum(r.orientation == "v" for r in rulings)
    mask = binarize(image)
    strokes = np.maximum(
        line_mask(mask, horizontal=True, min_len=round(0.35 * dpi), gap=1),
        line_mask(mask, horizontal=False, min_len=round(0.35 * dpi), gap=1),
    ).astype(np.uint8)
    columns = column_lines(mask, strokes, settings.column_gap)
    return PageSignals(page_index + 1, horizontals, verticals, columns)


def choose_pages(
    signals: list[PageSignals], settings: TriageSettings = DEFAULT
) -> tuple[list[int], dict[int, str]]:
    """Given the cheap pass's signals of a document's OCR pages, the pages to OCR fully (the
    first pages and those with table structure) and the skipped pages with the reason."""
    wanted = {
        s.page for s in signals if s.page <= settings.metadata_pages or is_structured(s, settings)
    }
    chosen = sorted(s.page for s in signals if s.page in wanted)
    skipped = {
        s.page: (
            f"page triage: not OCR'd, no table structure at {settings.dpi} dpi "
            f"({s.describe()}) and no risk or control vocabulary on the pages next to it"
        )
        for s in signals
        if s.page not in wanted
    }
    return chosen, skipped


def vocabulary_hits(text: str) -> int:
    """Given a page's OCR text, how many internal-control vocabulary words it holds."""
    return len(_VOCABULARY.findall(text))


def is_internal_control_text(text: str, settings: TriageSettings = DEFAULT) -> bool:
    """Given a page's OCR text, whether it reads like internal control (its neighbours are
    then OCR'd too)."""
    return vocabulary_hits(text) >= settings.min_vocabulary
