"""The general layout recognizer: column roles -> row roles -> records.

``recognise`` reads a document's pages as blocks in reading order (ruled and
unruled tables, paragraphs) and returns its risks and controls; see
document.py for how the blocks are read and columns.py / rows.py for the
roles. ``risk_signals`` (evidence.py) says where a document shows risk
content, so a document that gives no rows is not reported as ok.
"""

from __future__ import annotations

import statistics

from riskrad.extract.blocks import Block, Paragraph, document_blocks, running_lines, split_page
from riskrad.extract.recognize.document import Reader
from riskrad.extract.recognize.values import document_key
from riskrad.extract.tables import Grid
from riskrad.model.records import LayoutResult, PageRecord
from riskrad.model.settings import (
    BlockSettings,
    RecognizerSettings,
    TableSettings,
    UnruledSettings,
)

__all__ = ["RecognizerSettings", "recognise"]


AHEAD = 2  # tables after the one read that the reader may look at (its risks after it)


def body_font_size(blocks: list[Block]) -> float:
    """Given a document's blocks, the type size of its body text (median over lines' words)."""
    sizes = [
        line.font_size
        for b in blocks
        if isinstance(b, Paragraph)
        for line in b.lines
        for _ in line.words
    ]
    return statistics.median(sizes) if sizes else 10.0


def recognise(
    pages: list[PageRecord],
    settings: RecognizerSettings | None = None,
    source: str = "",
    *,
    tables: TableSettings | None = None,
    blocks: BlockSettings | None = None,
    unruled: UnruledSettings | None = None,
) -> LayoutResult:
    """Given a document's page records (and the run's settings of the recognizer, the ruled
    and unruled table finders and the paragraph splitter), the risks and controls its
    layouts hold."""
    settings = settings or RecognizerSettings()
    block_settings = blocks or BlockSettings()
    layouts = [split_page(p, tables) for p in pages]
    running = running_lines(layouts, block_settings)
    blocks_by_page = document_blocks(layouts, running, block_settings, unruled)
    all_blocks = [b for on_page in blocks_by_page for b in on_page]
    width = max((p.width for p in pages), default=595.0)
    gaps = unruled or UnruledSettings()
    reader = Reader(body_font_size(all_blocks), width, settings, source, gaps)
    grids = [b for b in all_blocks if isinstance(b, Grid)]
    seen = 0
    for on_page in blocks_by_page:
        for index, block in enumerate(on_page):
            if isinstance(block, Grid):
                seen += 1
                reader.ahead = tuple(grids[seen : seen + AHEAD])
                reader.table(
                    block, first_on_page=index == 0, last_on_page=index == len(on_page) - 1
                )
            else:
                reader.paragraph(block)
    reader.resolve_values(document_key(pages, grids), {p.page: p.fills + p.shades for p in pages})
    return reader.finish()
