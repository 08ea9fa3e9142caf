"""A page as reading-order blocks: ruled tables and paragraphs of the words outside them."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from extract.tables import Grid, find_grids, word_center_in, words_to_lines
from riskrad.records import BBox, PageRecord, Word

BULLET_TOKENS = frozenset({"-", "•", "–", "—", "*", "·", "°", "»", "«", "e", "©", "®", "¢", "o", "+"})
PAGE_NUMBER = re.compile(r"^(sida\s+)?\d{1,3}(\s*(\(|av|/)\s*\d{1,3}\)?)?$", re.IGNORECASE)
MARGIN_SHARE = 0.07  # top and bottom bands of a page where running headers live
PARAGRAPH_GAP = 0.55  # a vertical gap above this share of the font size starts a paragraph


@dataclass(frozen=True, slots=True)
class Line:
    """One line of words outside tables."""

    words: tuple[Word, ...]
    page: int
    bbox: BBox
    font_size: float
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def is_bullet(self) -> bool:
        first = self.words[0].text
        return len(self.words) > 1 and (first in BULLET_TOKENS or first[:1] in "•·▪●")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive lines of one style with no gap between them."""

    lines: tuple[Line, ...]
    page: int

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)

    @property
    def bbox(self) -> BBox:
        box = self.lines[0].bbox
        for line in self.lines[1:]:
            box = box.union(line.bbox)
        return box

    @property
    def font_size(self) -> float:
        return statistics.median(line.font_size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def is_bullet(self) -> bool:
        return self.lines[0].is_bullet


Block = Paragraph | Grid


def make_line(words: list[Word], page: int) -> Line:
    """Given the words of one line, the Line with its box, size and boldness."""
    box = words[0].bbox
    for word in words[1:]:
        box = box.union(word.bbox)
    size = statistics.median(w.font_size or w.bbox.height for w in words)
    letters = [w for w in words if any(ch.isalpha() for ch in w.text)]
    bold = bool(letters) and all(w.bold for w in letters)
    return Line(tuple(words), page, box, size, bold)


def is_running_text(line: Line, page_height: float) -> bool:
    """Given a line, whether it is a page number in the page's top or bottom band."""
    in_margin = line.bbox.bottom < page_height * MARGIN_SHARE or line.bbox.top > page_height * (
        1 - MARGIN_SHARE
    )
    return in_margin and bool(PAGE_NUMBER.match(line.text.strip()))


def starts_paragraph(previous: Line, line: Line) -> bool:
    """Given two consecutive lines, whether the second starts a new paragraph."""
    gap = line.bbox.top - previous.bbox.bottom
    size = max(previous.font_size, line.font_size, 1.0)
    if gap > PARAGRAPH_GAP * size or gap < -size:
        return True
    if abs(previous.font_size - line.font_size) > 0.15 * size or previous.bold != line.bold:
        return True
    return line.is_bullet


def lines_to_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Given a page's lines in reading order, its paragraphs."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and not starts_paragraph(paragraphs[-1][-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [Paragraph(tuple(p), p[0].page) for p in paragraphs]


def page_blocks(record: PageRecord) -> list[Block]:
    """Given a page record, its tables and paragraphs in reading order (top to bottom)."""
    grids = find_grids(record.page, record.rulings, record.words)
    free = [w for w in record.words if not any(word_center_in(w, g.bbox) for g in grids)]
    lines = [make_line(ws, record.page) for ws in words_to_lines(free)]
    lines = [ln for ln in lines if not is_running_text(ln, record.height)]
    blocks: list[Block] = []
    pending: list[Line] = []
    grid_iter = iter(grids)
    next_grid = next(grid_iter, None)
    for line in lines:
        while next_grid is not None and next_grid.bbox.top <= line.bbox.top:
            blocks.extend(lines_to_paragraphs(pending))
            pending = []
            blocks.append(next_grid)
            next_grid = next(grid_iter, None)
        pending.append(line)
    blocks.extend(lines_to_paragraphs(pending))
    while next_grid is not None:
        blocks.append(next_grid)
        next_grid = next(grid_iter, None)
    return blocks
