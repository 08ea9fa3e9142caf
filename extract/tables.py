"""Ruled tables: rulings -> edges -> cells (pdfplumber's algorithm) -> grids of words.

The edge chain is pdfplumber's, vendored in edge_chain.py (pdfplumber is not imported).

The same chain serves text-layer pages (the PDF's vector lines) and OCR pages
(lines found in the page image), so both routes give the same grids.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from operator import attrgetter
from typing import Any

from riskrad.extract import edge_chain
from riskrad.extract.nested import Span, realigned, without_stray_bounds
from riskrad.extract.wordbreaks import BreakKind, break_kind, fold_piece, form_zipf, one_word
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Ruling, Word
from riskrad.model.settings import TableSettings

DEFAULT = TableSettings()


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of a ruled table: its place in the grid, its span and its words."""

    bbox: BBox
    row: int
    col: int
    row_span: int
    col_span: int
    words: tuple[Word, ...]
    text_right: float | None = None  # where the column's text ends: its widest line
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The cell's text (:func:`cell_text`), computed on first use: the readers ask a
        cell for it four times on average."""
        found = self._text
        if found is None:
            found = cell_text(self.words, self.bbox, self.text_right)
            object.__setattr__(self, "_text", found)
        return found


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table of one page.

    ``rows[r][c]`` is the cell whose top-left grid position is (r, c), or None
    where a spanning cell covers that position.
    """

    page: int
    bbox: BBox
    col_bounds: tuple[float, ...]
    rows: tuple[tuple[GridCell | None, ...], ...]
    continues: tuple[float, ...] = ()  # a header-less part: the column starts of its table

    @property
    def n_cols(self) -> int:
        return len(self.col_bounds) - 1


def ruling_to_edge(ruling: Ruling) -> dict[str, Any]:
    """Given a Ruling, the edge dict pdfplumber's table functions expect."""
    orientation = ruling.orientation
    if orientation == "h":
        y = (ruling.top + ruling.bottom) / 2
        x0, x1, top, bottom = ruling.x0, ruling.x1, y, y
    else:
        x = (ruling.x0 + ruling.x1) / 2
        x0, x1, top, bottom = x, x, ruling.top, ruling.bottom
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def h_edge(x0: float, x1: float, y: float) -> dict[str, Any]:
    """Given a span and a height, a horizontal edge dict."""
    return ruling_to_edge(Ruling(x0, y, x1, y))


def closing_edges(
    edges: list[dict[str, Any]], settings: TableSettings = DEFAULT
) -> list[dict[str, Any]]:
    """Given merged edges, horizontal edges that close tables left open at a page break.

    A table split by a page break often has no border under its last row (or
    over its first): where two or more vertical edges end at the same height
    with no horizontal edge there, a closing edge joins them.
    """
    snap = settings.snap_tolerance
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added: list[dict[str, Any]] = []
    for key in ("bottom", "top"):
        for y in cluster_values([float(e[key]) for e in verticals], snap):
            ends = [e for e in verticals if abs(float(e[key]) - y) <= snap]
            if len(ends) < 2:
                continue
            x0 = min(float(e["x0"]) for e in ends)
            x1 = max(float(e["x0"]) for e in ends)
            covered = any(
                abs(float(h["top"]) - y) <= snap
                and float(h["x0"]) <= x0 + snap
                and float(h["x1"]) >= x1 - snap
                for h in horizontals
            )
            if not covered:
                added.append(h_edge(x0, x1, y))
    return added


def rulings_to_cell_groups(
    rulings: tuple[Ruling, ...], settings: TableSettings = DEFAULT
) -> list[list[tuple[float, ...]]]:
    """Given a page's rulings, the cell boxes of each table (pdfplumber's chain)."""
    if not rulings:
        return []
    edges = [ruling_to_edge(r) for r in rulings]
    snap, join = settings.snap_tolerance, settings.join_tolerance
    edges = edge_chain.merge_edges(edges, snap, snap, join, join)
    edges = edges + closing_edges(edges, settings)
    crossing = settings.intersection_tolerance
    intersections = edge_chain.edges_to_intersections(edges, crossing, crossing)
    cells = edge_chain.intersections_to_cells(intersections)
    return [list(group) for group in edge_chain.cells_to_tables(cells)]


def cluster_values(values: list[float], tolerance: float) -> tuple[float, ...]:
    """Given coordinates, their sorted cluster means (values closer than tolerance merge)."""
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= tolerance:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return tuple(sum(c) / len(c) for c in clusters)


def nearest_index(bounds: tuple[float, ...], value: float) -> int:
    """Given sorted boundaries and a coordinate, the index of the nearest boundary (the
    first of equally near ones, as ``min`` over all of them gives it): found by bisection,
    then stepped back over boundaries exactly as near (distances that round alike)."""
    if not bounds:
        raise ValueError("nearest_index() of no boundaries")
    right = bisect.bisect_left(bounds, value)
    if right == len(bounds):
        right -= 1
    best = abs(bounds[right] - value)
    index = right
    if right > 0 and not abs(bounds[right - 1] - value) > best:
        index = right - 1
        best = abs(bounds[index] - value)
    while index > 0 and not abs(bounds[index - 1] - value) > best:
        index -= 1
    return index


def word_center_in(word: Word, box: BBox) -> bool:
    """Given a word and a box, whether the word's centre lies inside the box."""
    return box.x0 <= word.bbox.xmid <= box.x1 and box.top <= word.bbox.ymid <= box.bottom


def _reading_key(word: Word) -> tuple[float, float]:
    """Given a word, its middle height and left edge (BBox.ymid computed in place)."""
    box = word.bbox
    return (box.top + box.bottom) / 2, box.x0


_LEFT_EDGE = attrgetter("bbox.x0")


def words_to_lines(words: tuple[Word, ...] | list[Word]) -> list[list[Word]]:
    """Given words, the words grouped into lines (top to bottom, left to right).

    A word joins the current line when its middle is within half the line's tallest
    word (at least 2 pt) of the line's mean middle (a running sum: the same floats).
    ``a if b < a else b`` is ``max(b, a)``, value for value (NaN too). Turned words (a
    sheet's turned column labels) are placed by ``place_turned``."""
    if not any(w.turned for w in words):
        return upright_lines(words)
    lines = upright_lines([w for w in words if not w.turned])
    return place_turned(lines, [w for w in words if w.turned])


def turned_bands(turned: list[Word]) -> list[list[Word]]:
    """Given turned words, groups of them whose vertical spans overlap (one header row)."""
    bands: list[list[Word]] = []
    bottom = float("-inf")
    for word in sorted(turned, key=lambda w: w.bbox.top):
        if bands and word.bbox.top <= bottom:
            bands[-1].append(word)
            bottom = max(bottom, word.bbox.bottom)
        else:
            bands.append([word])
            bottom = word.bbox.bottom
    return bands


def place_turned(lines: list[list[Word]], turned: list[Word]) -> list[list[Word]]:
    """Given lines of upright words and turned words, the lines with the turned words in
    them: the words of one band (``turned_bands``) join the first line whose middle lies
    in the band (reaching half a font size above it: labels set at the top of a row whose
    turned labels are set at its bottom), or make a line of their own. A line of marks only
    (no letter or digit: a scan's bit of another turned label read "-" a little above the
    row's labels) takes the band only when no line of words lies in it."""
    for band in turned_bands(turned):
        size = max(w.font_size for w in band)
        top = min(w.bbox.top for w in band) - 0.5 * size
        bottom = max(w.bbox.bottom for w in band)
        within = [
            line
            for line in lines
            if top <= sum((w.bbox.top + w.bbox.bottom) / 2 for w in line) / len(line) <= bottom
        ]
        worded = [ln for ln in within if any(ch.isalnum() for w in ln for ch in w.text)]
        if within:
            line = (worded or within)[0]
            line.extend(band)
            line.sort(key=_LEFT_EDGE)
        else:
            lines.append(sorted(band, key=_LEFT_EDGE))
            lines.sort(key=lambda line: min(w.bbox.top for w in line))
    return lines


def upright_lines(words: tuple[Word, ...] | list[Word]) -> list[list[Word]]:
    """Given words that run left to right, the words grouped into lines (as
    ``words_to_lines``)."""
    lines: list[list[Word]] = []
    line: list[Word] = []
    total = height = 0.0
    for word in sorted(words, key=_reading_key):
        box = word.bbox
        ymid = (box.top + box.bottom) / 2
        word_height = box.bottom - box.top
        if line:
            half = height * 0.5
            if abs(ymid - total / len(line)) <= (2.0 if half < 2.0 else half):
                line.append(word)
                total += ymid
                height = word_height if word_height > height else height
                continue
        line = [word]
        lines.append(line)
        total, height = ymid, word_height
    return [sorted(line, key=_LEFT_EDGE) if len(line) > 1 else line for line in lines]


_PAGE_LINES: dict[int, tuple[tuple[Word, ...], tuple[tuple[Word, ...], ...]]] = {}
PAGE_LINES_KEPT = 64  # pages whose lines are kept (a document's pages, asked about in turn)


def page_lines(words: tuple[Word, ...] | list[Word]) -> list[list[Word]]:
    """Given a page's words (its record's tuple), :func:`words_to_lines` of them, computed
    once while the tuple is among the last pages asked about (the page's free lines when it
    has no table, the document's text, the value key and the shortfall check each read every
    page's lines); each caller gets new lists."""
    if type(words) is not tuple:  # a list may change: nothing kept
        return words_to_lines(words)
    found = _PAGE_LINES.get(id(words))
    if found is None or found[0] is not words:  # the tuple held here keeps its id unique
        if len(_PAGE_LINES) >= PAGE_LINES_KEPT:
            del _PAGE_LINES[next(iter(_PAGE_LINES))]
        found = (words, tuple(tuple(line) for line in words_to_lines(words)))
        _PAGE_LINES[id(words)] = found
    return [list(line) for line in found[1]]


def page_text(words: tuple[Word, ...]) -> str:
    """Given a page's words (its record's tuple), :func:`words_to_text` of them (lines from
    :func:`page_lines`)."""
    return "\n".join(" ".join(w.text for w in line) for line in page_lines(words))


def words_to_text(words: tuple[Word, ...] | list[Word]) -> str:
    """Given words, their text: words joined by spaces, lines by newlines."""
    return "\n".join(" ".join(w.text for w in line) for line in words_to_lines(words))


def line_ends(
    words: tuple[Word, ...] | list[Word], box: BBox, text_right: float | None = None
) -> tuple[list[list[Word]], list[BreakKind | None]]:
    """Given a cell's words, its box and where its column's text ends (its widest line),
    its lines and, between each two, whether a word may be broken there and how sure the
    geometry is (:func:`~riskrad.extract.wordbreaks.break_kind`)."""
    lines = words_to_lines(words)
    if len(lines) < 2:
        return lines, []
    left = min(w.bbox.x0 for w in words)
    # the same padding on both sides, but no further than the column's widest line
    right = box.x1 - max(0.0, left - box.x0)
    if text_right is not None:
        right = min(right, text_right)
    return lines, [break_kind(a[-1], b[0], right, left) for a, b in pairwise(lines)]


# a line opening with punctuation that closes a sentence or clause: the cell was too narrow
# for the word before it and the mark went on to the next line
CLOSING_PUNCTUATION = re.compile(r"[.,;:!?)\]]+")


OWN_PIECE_LETTERS = 5  # a shorter listed piece may be a word's middle ("San" / "noli" / "k")


def own_piece(piece: str) -> bool:
    """Given a folded piece on a line of its own inside a cell, whether it is a listed word
    long enough to stand alone, which a broken word above does not go on through."""
    return len(piece) >= OWN_PIECE_LETTERS and form_zipf(piece) > 0.0


def cell_text(
    words: tuple[Word, ...] | list[Word], box: BBox, text_right: float | None = None
) -> str:
    """Given a cell's words, its box and where its column's text ends (its widest line),
    its text: lines joined by newlines, and a word the cell was too narrow for (broken
    over lines without a hyphen) made whole again, with a mark that closes it."""
    lines, breaks = line_ends(words, box, text_right)
    if len(lines) < 2:
        return "\n".join(" ".join(w.text for w in line) for line in lines)
    out: list[list[Word]] = [list(lines[0])]
    for i in range(1, len(lines)):
        line = lines[i]
        rest = ""
        j = i
        while (  # the word goes on, but not from one listed word to another of their own
            j < len(breaks)  # ("inrapporterade" / "tider.")
            and breaks[j]
            and len(lines[j]) == 1
            and not (own_piece(fold_piece(lines[j][0].text))
                     and own_piece(fold_piece(lines[j + 1][0].text)))
        ):
            rest += lines[j + 1][0].text
            j += 1
        kind = breaks[i - 1]
        closes = CLOSING_PUNCTUATION.fullmatch(line[0].text)  # "förvaltning" / "."
        head, tail = out[-1][-1], line[0]
        broken = kind is not None and (
            one_word(head, tail, rest, kind) or (bool(rest) and one_word(head, tail, "", kind))
        )  # the word may end on this line though the next line's start could go on from it
        if closes or broken:
            out[-1][-1] = replace(out[-1][-1], text=out[-1][-1].text + line[0].text)
            out[-1].extend(line[1:])
        else:
            out.append(list(line))
    return "\n".join(" ".join(w.text for w in line) for line in out)


def cells_to_grid(
    page: int,
    boxes: list[tuple[float, ...]],
    words: tuple[Word, ...],
    settings: TableSettings = DEFAULT,
    centres: WordCentres | None = None,
) -> Grid:
    """Given one table's cell boxes and the page's words (with their centres), the table as a
    Grid."""
    tolerance = settings.boundary_tolerance
    xs = cluster_values([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = cluster_values([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
    spans = [
        Span(nearest_index(xs, x0), nearest_index(xs, x1), nearest_index(ys, top),
             nearest_index(ys, bottom), x0, x1)
        for x0, top, x1, bottom in boxes
    ]
    xs, columns = realigned(spans, xs, len(ys) - 1)  # a table nested in a cell: its columns
    spans = [replace(s, col=a, col_end=b) for s, (a, b) in zip(spans, columns, strict=True)]
    xs, columns = without_stray_bounds(spans, xs, len(ys) - 1)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    matrix: list[list[GridCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    centres = centres or WordCentres(words)
    for (x0, top, x1, bottom), span, (col, col_end) in zip(boxes, spans, columns, strict=True):
        row, row_end = span.row, span.row_end
        if col_end <= col or row_end <= row or row >= n_rows or col >= n_cols:
            continue
        box = BBox(x0, top, x1, bottom)
        inside = centres.inside(box)
        matrix[row][col] = GridCell(box, row, col, row_end - row, col_end - col, inside)
    fill_scanned_holes(matrix, xs, ys, centres)
    bbox = BBox(xs[0], ys[0], xs[-1], ys[-1])
    return Grid(page, bbox, xs, tuple(with_text_rights(matrix)))


def fill_scanned_holes(
    matrix: list[list[GridCell | None]],
    xs: tuple[float, ...],
    ys: tuple[float, ...],
    centres: WordCentres,
) -> None:
    """Given a grid's cells (changed in place), its bounds and the page's words, the grid's
    holes that hold OCR words made cells: places no cell covers, where a scan lost pieces of
    the lines around a cell (a header's top-left corner whose column sides and top line the
    image did not show), whose words were inside the grid and in none of its cells, so read
    nowhere. A hole's words go to the columns they stand in; a word over a column line
    joins the columns it crosses into one cell."""
    n_rows, n_cols = len(matrix), len(matrix[0]) if matrix else 0
    covered = [[False] * n_cols for _ in range(n_rows)]
    for row in matrix:
        for cell in row:
            if cell is not None:
                for r in range(cell.row, min(cell.row + cell.row_span, n_rows)):
                    for c in range(cell.col, min(cell.col + cell.col_span, n_cols)):
                        covered[r][c] = True
    for r in range(n_rows):
        c = 0
        while c < n_cols:
            if covered[r][c]:
                c += 1
                continue
            end = c
            while end < n_cols and not covered[r][end]:
                end += 1
            box = BBox(xs[c], ys[r], xs[end], ys[r + 1])
            words = centres.inside(box)
            if words and all(w.origin == "ocr" for w in words):
                for first, last in _hole_columns(words, xs, c, end):
                    part = BBox(xs[first], ys[r], xs[last], ys[r + 1])
                    inside = tuple(w for w in words if part.x0 <= w.bbox.xmid <= part.x1)
                    if inside:
                        matrix[r][first] = GridCell(part, r, first, 1, last - first, inside)
            c = end


def _hole_columns(
    words: tuple[Word, ...], xs: tuple[float, ...], start: int, end: int
) -> list[tuple[int, int]]:
    """Given a hole's words, the grid's column bounds and the hole's columns [start, end),
    the hole's cells as column ranges: a bound a word crosses parts no cells."""
    cuts = [start]
    for c in range(start + 1, end):
        if not any(w.bbox.x0 < xs[c] - 1.0 < xs[c] + 1.0 < w.bbox.x1 for w in words):
            cuts.append(c)
    cuts.append(end)
    return list(pairwise(cuts))


def with_text_rights(
    matrix: Sequence[Sequence[GridCell | None]],
) -> list[tuple[GridCell | None, ...]]:
    """Given a grid's cells, the same cells knowing where their column's text ends (the
    right end of its widest line in cells of one column), for telling a word broken at
    the cell's edge from one wrapped whole."""
    ends: dict[int, float] = {}
    for row in matrix:
        for cell in row:
            if cell is not None and cell.col_span == 1 and cell.words:
                end = max(w.bbox.x1 for w in cell.words)
                ends[cell.col] = max(ends.get(cell.col, end), end)
    return [
        tuple(
            cell
            if cell is None or cell.col_span != 1
            else GridCell(  # dataclasses.replace's copy, made directly (every cell of a grid)
                cell.bbox,
                cell.row,
                cell.col,
                cell.row_span,
                cell.col_span,
                cell.words,
                ends.get(cell.col),
            )
            for cell in row
        )
        for row in matrix
    ]


class WordCentres:
    """A page's words by the height of their centres, to find those inside boxes quickly."""

    def __init__(self, words: tuple[Word, ...] | list[Word]) -> None:
        self.words = words
        self.xmids = [w.bbox.xmid for w in words]
        ymids = [w.bbox.ymid for w in words]
        self.order = sorted(range(len(words)), key=ymids.__getitem__)
        self.sorted_ymids = [ymids[i] for i in self.order]

    def indices(self, box: BBox) -> list[int]:
        """Given a box, the indices of the words whose centre lies inside it, ascending."""
        low = bisect.bisect_left(self.sorted_ymids, box.top)
        high = bisect.bisect_right(self.sorted_ymids, box.bottom)
        xmids = self.xmids
        return sorted(i for i in self.order[low:high] if box.x0 <= xmids[i] <= box.x1)

    def inside(self, box: BBox) -> tuple[Word, ...]:
        """Given a box, the words whose centre lies inside it (``word_center_in``), in order."""
        return tuple(self.words[i] for i in self.indices(box))

    def outside(self, boxes: list[BBox]) -> list[Word]:
        """Given boxes, the words whose centre lies in none of them, in order."""
        taken = {i for box in boxes for i in self.indices(box)}
        return [w for i, w in enumerate(self.words) if i not in taken]


def find_grids(
    page: int,
    rulings: tuple[Ruling, ...],
    words: tuple[Word, ...],
    settings: TableSettings = DEFAULT,
) -> list[Grid]:
    """Given a page's rulings and words, its ruled tables with at least two cells."""
    grids = []
    centres: WordCentres | None = None
    for boxes in rulings_to_cell_groups(rulings, settings):
        if len(boxes) < 2:
            continue
        centres = centres or WordCentres(words)
        grid = cells_to_grid(page, boxes, words, settings, centres)
        if grid.n_cols >= 1 and len(grid.rows) >= 1:
            grids.append(grid)
    return join_stacked(sorted(grids, key=lambda g: g.bbox.top))


STACK_GAP = 2.0  # points between a grid's bottom and the next one's top that still touch
STACK_WIDTH = 1.5  # points two grids' columns may differ in width and be one table's


def join_stacked(grids: list[Grid]) -> list[Grid]:
    """Given a page's grids top to bottom, them with each grid that touches the one above
    and has its columns (maybe shifted sideways: rows a table drew at another indent after
    it split) joined to it as further rows."""
    out: list[Grid] = []
    for grid in grids:
        if out and stacked(out[-1], grid):
            out[-1] = stack(out[-1], grid)
        else:
            out.append(grid)
    return out


def stacked(upper: Grid, lower: Grid) -> bool:
    """Given two grids, whether the second starts where the first ends with columns of the
    same widths and goes on with rows, not with a header of its own (a table set right
    under a legend of the same widths)."""
    if upper.n_cols != lower.n_cols or abs(lower.bbox.top - upper.bbox.bottom) > STACK_GAP:
        return False
    widths = zip(pairwise(upper.col_bounds), pairwise(lower.col_bounds), strict=True)
    if not all(abs((b - a) - (d - c)) <= STACK_WIDTH for (a, b), (c, d) in widths):
        return False
    first = [c.text for c in lower.rows[0] if c is not None] if lower.rows else []
    return not vocab.is_header_row(vocab.header_fields(first), first)  # a table of its own


def stack(upper: Grid, lower: Grid) -> Grid:
    """Given two stacked grids (:func:`stacked`), one grid: the lower's rows below the
    upper's, in the upper's columns."""
    shift = len(upper.rows)
    below = tuple(
        tuple(None if c is None else replace(c, row=c.row + shift) for c in row)
        for row in lower.rows
    )
    box = BBox(
        min(upper.bbox.x0, lower.bbox.x0),
        upper.bbox.top,
        max(upper.bbox.x1, lower.bbox.x1),
        lower.bbox.bottom,
    )
    return Grid(upper.page, box, upper.col_bounds, upper.rows + below)
