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
from riskrad.model.settings import RecognizerSettings

__all__ = ["RecognizerSettings", "recognise"]


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
    pages: list[PageRecord], settings: RecognizerSettings | None = None, source: str = ""
) -> LayoutResult:
    """Given a document's page records, the risks and controls its layouts hold."""
    settings = settings or RecognizerSettings()
    layouts = [split_page(p) for p in pages]
    running = running_lines(layouts)
    blocks_by_page = document_blocks(layouts, running)
    all_blocks = [b for blocks in blocks_by_page for b in blocks]
    width = max((p.width for p in pages), default=595.0)
    reader = Reader(body_font_size(all_blocks), width, settings, source)
    for blocks in blocks_by_page:
        for index, block in enumerate(blocks):
            if isinstance(block, Grid):
                reader.table(block, first_on_page=index == 0)
            else:
                reader.paragraph(block)
    grids = [b for b in all_blocks if isinstance(b, Grid)]
    reader.resolve_values(document_key(pages, grids), {p.page: p.fills for p in pages})
    return reader.finish()
