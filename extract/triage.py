"""Page triage before OCR: which scanned pages of a long document can hold risks or controls.

Full OCR costs seconds a page; minutes and annual reports are mostly prose around one
internal-control section. A cheap pass over a low-resolution render (no OCR) looks for
table structure: ruling lines forming a grid, or text lines cut into columns by wide
gaps (an unruled table), and where each table starts. A table is not yet a risk table:
annual reports hold tables of figures, minutes lists of delegation decisions. So the
page's top and the bands around where its tables start (the heading above, the header
row) are read, the bands of all such pages of a document in one Tesseract call
(:func:`header_reads`): a table page is OCR'd fully only when they hold the
internal-control vocabulary. Those pages and the first pages (metadata) are OCR'd fully;
the rest are skipped with the reason. After OCR, a page whose text holds the
internal-control vocabulary pulls in its neighbours (:func:`vocabulary_hits`): a table
page at once (a table continued without its header), a prose page when its top holds the
vocabulary too (:func:`top_read`), so a section of prose-like control reports next to a
table is followed page by page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from riskrad.extract.image_rulings import Mask, binarize, find_rulings, line_mask
from riskrad.extract.render import deskew, render_bands, render_sized
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
    tops: tuple[float, ...] = ()  # where tables start, in points from the page's top
    lines: int = 0  # text lines
    short_lines: int = 0  # text lines less than half as wide as the page's text

    def describe(self) -> str:
        """Given the signals, them in words."""
        return (
            f"{self.horizontals} horizontal and {self.verticals} vertical rulings, "
            f"{self.column_lines} lines in columns, {self.short_lines} of {self.lines} lines short"
        )


def is_structured(signals: PageSignals, settings: TriageSettings = DEFAULT) -> bool:
    """Given a page's signals, whether it shows table structure: rows of rulings, column
    rulings, or text lines in columns (an unruled table)."""
    return (
        signals.horizontals >= settings.min_horizontals
        or signals.verticals >= settings.min_verticals
        or signals.column_lines >= settings.min_column_lines
    )


def is_list(signals: PageSignals, settings: TriageSettings = DEFAULT) -> bool:
    """Given a page's signals, whether it is set as a list: most of its lines short, as in
    "Risk: …", "Kontrollmoment: …", "Ansvarig: …" cards (prose fills its lines)."""
    return (
        signals.lines >= settings.min_list_lines
        and signals.short_lines >= settings.list_share * signals.lines
    )


def is_candidate(signals: PageSignals, settings: TriageSettings = DEFAULT) -> bool:
    """Given a page's signals, whether it can hold risks or controls: a table or a list."""
    return is_structured(signals, settings) or is_list(signals, settings)


def text_line_bands(text: Mask) -> Iterator[tuple[int, int]]:
    """Given an ink mask without its ruling strokes, the pixel rows (start, end) of each text
    line found by the row profile (runs of rows with ink, 4 to 40 pixels high)."""
    inked = (text > 0).sum(axis=1) > 1
    y = 0
    height = len(inked)
    while y < height:
        if not inked[y]:
            y += 1
            continue
        start = y
        while y < height and inked[y]:
            y += 1
        if 4 <= y - start <= 40:
            yield start, y


def line_extents(mask: Mask, rulings_mask: Mask) -> list[tuple[int, int]]:
    """Given an ink mask and its ruling strokes, each text line's first and last inked pixel
    column (``text_line_bands``)."""
    text = np.where(rulings_mask > 0, 0, mask)
    extents = []
    for start, end in text_line_bands(text):
        cols = np.flatnonzero((text[start:end] > 0).any(axis=0))
        if len(cols):
            extents.append((int(cols[0]), int(cols[-1])))
    return extents


def short_line_count(extents: list[tuple[int, int]]) -> int:
    """Given text lines' extents, how many are less than half as wide as the page's text."""
    if not extents:
        return 0
    width = max(b for _, b in extents) - min(a for a, _ in extents)
    return sum(b - a < 0.5 * width for a, b in extents)


def column_lines(mask: Mask, rulings_mask: Mask, column_gap: float) -> int:
    """Given an ink mask and its ruling strokes, how many text lines split into >= 3 pieces
    at gaps wider than ``column_gap`` line heights."""
    return len(column_line_bands(mask, rulings_mask, column_gap))


def column_line_bands(mask: Mask, rulings_mask: Mask, column_gap: float) -> list[tuple[int, int]]:
    """Given an ink mask and its ruling strokes, the pixel rows (start, end) of each text line
    split into >= 3 pieces at gaps wider than ``column_gap`` line heights."""
    text = np.where(rulings_mask > 0, 0, mask)
    found = []
    for start, end in text_line_bands(text):
        cols = np.flatnonzero((text[start:end] > 0).any(axis=0))
        if len(cols) < 2:
            continue
        wide = int((np.diff(cols) > column_gap * (end - start)).sum())
        if wide >= 2:
            found.append((start, end))
    return found


TABLE_GAP = 72.0  # points: rulings or lines in columns further apart start another table
MAX_TOPS = 3  # tables per page whose start is read


def table_tops(rows: list[float], gap: float = TABLE_GAP) -> tuple[float, ...]:
    """Given the tops (points) of a page's horizontal rulings and lines in columns, where
    tables start: each row with another within ``gap`` below it and none within ``gap``
    above (a lone rule under a running head starts no table); at most MAX_TOPS."""
    ordered = sorted(rows)
    tops = []
    for i, y in enumerate(ordered):
        above = i > 0 and y - ordered[i - 1] <= gap
        below = i + 1 < len(ordered) and ordered[i + 1] - y <= gap
        if below and not above:
            tops.append(round(y, 1))
    return tuple(tops[:MAX_TOPS])


def page_signals(
    pdf_path: Path, page_index: int, settings: TriageSettings = DEFAULT
) -> PageSignals:
    """Given a PDF page, the cheap pass's signals from a low-resolution render: rulings from
    the page as it is, text lines from it straightened (a scan's skew of a degree or two
    runs neighbouring lines together at this resolution)."""
    dpi = settings.dpi
    image, _, _ = render_sized(pdf_path, page_index, dpi)
    rulings = find_rulings(image, dpi=dpi)
    horizontals = sum(r.orientation == "h" for r in rulings)
    verticals = sum(r.orientation == "v" for r in rulings)
    mask = binarize(deskew(image)[0])
    strokes = np.maximum(
        line_mask(mask, horizontal=True, min_len=round(0.35 * dpi), gap=1),
        line_mask(mask, horizontal=False, min_len=round(0.35 * dpi), gap=1),
    ).astype(np.uint8)
    columns = column_line_bands(mask, strokes, settings.column_gap)
    extents = line_extents(mask, strokes)
    scale = 72.0 / dpi
    rows = [r.top for r in rulings if r.orientation == "h"] + [a * scale for a, _ in columns]
    return PageSignals(
        page_index + 1,
        horizontals,
        verticals,
        len(columns),
        table_tops(rows),
        len(extents),
        short_line_count(extents),
    )


# a read only counts words: one block, no second pass over lines that may be inverted
READ_CONFIG = "--oem 1 --psm 6 --dpi {dpi} -c tessedit_do_invert=0"
TOP_BAND = 200.0  # points from a prose neighbour's top read before it is OCR'd fully
HEAD_BAND = 120.0  # points from a table or list page's top read (its running head, heading)
HEADER_ABOVE = 40.0  # points read above where a table starts (its heading)
HEADER_BELOW = 50.0  # points read below it (the header row, wrapped over a few lines)
BAND_GAP = 24  # white pixels between two pages' bands in the image read at once


def header_bands(tops: tuple[float, ...]) -> list[tuple[float, float]]:
    """Given where a page's tables start, the bands (top, bottom) in points to read: the
    page's top (HEAD_BAND: its headings, or the rows a table carries over from the page
    before), and the heading above and the header row below each table start, overlapping
    bands merged (the top alone without a table start)."""
    bands: list[tuple[float, float]] = [(0.0, HEAD_BAND)]
    for top in sorted(tops):
        band = (max(0.0, top - HEADER_ABOVE), top + HEADER_BELOW)
        if band[0] <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], band[1]))
        else:
            bands.append(band)
    return bands


def header_reads(
    pdf_path: Path, signals: list[PageSignals], lang: str, dpi: int = 300
) -> dict[int, str]:
    """Given a PDF and the cheap pass's signals of the pages to ask, each page's text in the
    bands where its tables start (empty without a table start): all bands stacked into one
    image, read by one Tesseract call, words given back to their page by position."""
    from PIL import Image

    from riskrad.extract.ocr import tesseract_table

    pieces: list[tuple[int, Image.Image]] = []
    for s in signals:
        bands = header_bands(s.tops)
        pieces += [(s.page, image) for image in render_bands(pdf_path, s.page - 1, dpi, bands)]
    texts = {s.page: "" for s in signals}
    if not pieces:
        return texts
    width = max(image.width for _, image in pieces)
    sheet = Image.new("L", (width, sum(i.height + BAND_GAP for _, i in pieces)), 255)
    spans: list[tuple[int, int, int]] = []  # page, first and last pixel row
    y = 0
    for page, image in pieces:
        sheet.paste(image, (0, y))
        spans.append((page, y, y + image.height))
        y += image.height + BAND_GAP
    data = tesseract_table(sheet, lang, READ_CONFIG.format(dpi=dpi))
    words: dict[int, list[str]] = {page: [] for page, _, _ in spans}
    for text, top, height in zip(data["text"], data["top"], data["height"], strict=True):
        middle = int(top) + int(height) // 2
        owner = next((p for p, a, b in spans if a <= middle < b), None)
        if owner is not None and text.strip():
            words[owner].append(text.strip())
    texts.update({page: " ".join(found) for page, found in words.items()})
    return texts


TABLE_PAGE = "table or list structure"  # how a skipped table page's reason begins


def is_table_page(reason: str) -> bool:
    """Given a skipped page's reason, whether the cheap pass saw table structure on it (it is
    then OCR'd without a read of its top when a neighbour pulls it in)."""
    return reason.startswith(f"page triage: not OCR'd, {TABLE_PAGE}")


def top_read(pdf_path: Path, page: int, lang: str, dpi: int = 300) -> str:
    """Given a PDF and a 1-based page, the text of the page's top band (TOP_BAND points): a
    prose neighbour of an internal-control page is OCR'd fully only when it holds the
    vocabulary there."""
    from riskrad.extract.ocr import tesseract_table

    (image,) = render_bands(pdf_path, page - 1, dpi, [(0.0, TOP_BAND)])
    data = tesseract_table(image, lang, READ_CONFIG.format(dpi=dpi))
    return " ".join(t.strip() for t in data["text"] if t.strip())


def to_read(signals: list[PageSignals], settings: TriageSettings = DEFAULT) -> list[PageSignals]:
    """Given the cheap pass's signals, the pages whose table starts are read before they are
    OCR'd fully: table pages after the first pages (none when the header read is off)."""
    if not settings.header_read:
        return []
    return [s for s in signals if s.page > settings.metadata_pages and is_candidate(s, settings)]


def choose_pages(
    signals: list[PageSignals],
    settings: TriageSettings = DEFAULT,
    headers: dict[int, str] | None = None,
) -> tuple[list[int], dict[int, str]]:
    """Given the cheap pass's signals of a document's OCR pages and the header reads of its
    table pages (``header_reads``; none: every table page is kept), the pages to OCR fully
    (the first pages and the table pages whose header read holds the vocabulary) and the
    skipped pages with the reason."""
    headers = headers or {}
    reasons: dict[int, str] = {}
    wanted: set[int] = set()
    for s in signals:
        if s.page <= settings.metadata_pages:
            wanted.add(s.page)
        elif not is_candidate(s, settings):
            reasons[s.page] = f"no table or list structure at {settings.dpi} dpi ({s.describe()})"
        elif s.page in headers and vocabulary_hits(headers[s.page]) < settings.header_vocabulary:
            reasons[s.page] = (
                f"{TABLE_PAGE} at {settings.dpi} dpi ({s.describe()}) but no risk or "
                "control vocabulary where its tables start (read: "
                f"{headers[s.page][:80]!r})"
            )
        else:
            wanted.add(s.page)
    chosen = sorted(s.page for s in signals if s.page in wanted)
    skipped = {
        page: (
            f"page triage: not OCR'd, {reason}, and no risk or control vocabulary on the "
            "pages next to it"
        )
        for page, reason in reasons.items()
    }
    return chosen, skipped


def vocabulary_hits(text: str) -> int:
    """Given a page's OCR text, how many internal-control vocabulary words it holds."""
    return len(_VOCABULARY.findall(text))


def is_internal_control_text(text: str, settings: TriageSettings = DEFAULT) -> bool:
    """Given a page's OCR text, whether it reads like internal control (its neighbours are
    then OCR'd too)."""
    return vocabulary_hits(text) >= settings.min_vocabulary
