"""A table without lines nested in one column of a ruled table: its columns and rows.

A Word plan whose risk rows each hold their controls as a small table without lines in the
last cell (Kontrollmoment, Ansvarig and Frekvens side by side, one control under the other)
gives a ruled grid whose last column's cells hold several columns of text. Rather than
reading the whole table as one without lines, that column is parted where no line of its
text crosses (a gap in every line), and each of its cells into rows where a wider space
than between its lines parts them: the outer table's other cells then span the controls of
their row, as a ruled nested table gives them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from riskrad.extract.tables import Grid, GridCell, with_text_rights, words_to_lines
from riskrad.model.records import BBox, Word

MIN_GAP_PT = 4.0  # a gap between the nested columns is this wide at least
NARROW_GAP_PT = 1.5  # a cell's text run close to the next column leaves a space this wide
NEAR_PT = 6.0  # ... within this of the nested table's bound
MAX_INNER_COLUMNS = 5
ROW_GAP_SIZES = 0.5  # a space this many line heights wider than between lines parts rows
FULL_ROW_GAP_SIZES = 0.2  # ... or this many before a line with text in every nested column
MIN_FULL_LINES = 2  # lines with text in every nested column (in one cell or several)


@dataclass(frozen=True, slots=True)
class InnerTable:
    """The nested table's column bounds, and for each outer cell of its column the places
    where its own text parts into columns (x) and into rows (y)."""

    column: int
    cuts: tuple[float, ...]
    columns: dict[tuple[int, int], tuple[float, ...]]  # (row, col) of an outer cell -> x cuts
    rows: dict[tuple[int, int], tuple[float, ...]]  # (row, col) of a parted cell -> y cuts


def column_cells(grid: Grid, col: int) -> list[GridCell]:
    """Given a grid and a column, its own one-column cells with words."""
    return [c for row in grid.rows for c in row if c is not None and c.col == col
            and c.col_span == 1 and c.words]


def gap_runs(
    lines: list[list[Word]], x0: float, x1: float, least: float = MIN_GAP_PT
) -> list[tuple[float, float]]:
    """Given a cell's lines and its edges (and the narrowest space counted), the spaces
    inside its text that no line crosses, as (start, end), at least ``MIN_GAP_PT`` wide."""
    spans = sorted((max(w.bbox.x0, x0), min(w.bbox.x1, x1)) for line in lines for w in line)
    runs: list[tuple[float, float]] = []
    end: float | None = None
    for left, right in spans:
        if end is not None and left - end >= least:
            runs.append((end, left))
        end = right if end is None else max(end, right)
    return runs


def cell_cuts(runs: list[tuple[float, float]], count: int) -> tuple[float, ...]:
    """Given a cell's gaps and the nested table's number of cuts, the middles of the widest
    that many gaps, left to right."""
    widest = sorted(runs, key=lambda r: r[1] - r[0], reverse=True)[:count]
    return tuple(sorted((a + b) / 2 for a, b in widest))


def cuts_near(
    runs: list[tuple[float, float]], bounds: tuple[float, ...]
) -> tuple[float, ...] | None:
    """Given a cell's narrow spaces and the nested table's column bounds, the middle of the
    space at each bound (or within ``NEAR_PT`` of it), or None where a bound has none: a
    cell whose text ran close to the next nested column ("utlämnande av" / "Genomgång")."""
    cuts: list[float] = []
    for bound in bounds:
        near = [r for r in runs if r[0] - NEAR_PT <= bound <= r[1] + NEAR_PT]
        if not near:
            return None
        a, b = min(near, key=lambda r: abs((r[0] + r[1]) / 2 - bound))
        cuts.append((a + b) / 2)
    return tuple(cuts)


def row_cuts(lines: list[list[Word]], cuts: tuple[float, ...]) -> tuple[float, ...]:
    """Given a cell's lines and where its nested columns part, the heights between its lines
    where a row of the nested table ends: a space wider than the cell's closest lines' by half
    a line, or by a fifth of one before a line with text in every nested column (an entry
    opening in each)."""
    lines = sorted(lines, key=lambda ln: min(w.bbox.top for w in ln))
    if len(lines) < 2:
        return ()
    tops = [min(w.bbox.top for w in ln) for ln in lines]
    bottoms = [max(w.bbox.bottom for w in ln) for ln in lines]
    height = statistics.median(b - t for t, b in zip(tops, bottoms, strict=True))
    spaces = [tops[i + 1] - bottoms[i] for i in range(len(lines) - 1)]
    usual = min(spaces)
    return tuple(
        (bottoms[i] + tops[i + 1]) / 2
        for i, space in enumerate(spaces)
        if space > usual + ROW_GAP_SIZES * height
        or (space > usual + FULL_ROW_GAP_SIZES * height and fills(lines[i + 1], cuts))
    )


def fills(line: list[Word], cuts: tuple[float, ...]) -> bool:
    """Given a line's words and where nested columns part, whether it has text in each."""
    edges = (-float("inf"), *cuts, float("inf"))
    return all(any(a <= w.bbox.xmid < b for w in line) for a, b in pairwise(edges))


def find_inner_table(grid: Grid, parted: Sequence[int]) -> InnerTable | None:
    """Given a grid and the columns whose cells hold text parted as columns are, the nested
    table of the one such column (not the first): each cell's text parted where no line of
    it crosses (each nested table sized to its own text), the count of columns the most
    cells give (two to five) taken, a cell with fewer left whole."""
    if len(parted) != 1 or parted[0] == 0 or grid.n_cols < 3:
        return None
    col = parted[0]
    x0, x1 = grid.col_bounds[col], grid.col_bounds[col + 1]
    lines = {(c.row, c.col): words_to_lines(c.words) for c in column_cells(grid, col)}
    runs = {at: gap_runs(cell_lines, x0, x1) for at, cell_lines in lines.items()}
    counts = Counter(min(len(r), MAX_INNER_COLUMNS) for r in runs.values() if r)
    if not counts:
        return None
    cuts_count, _ = counts.most_common(1)[0]
    if cuts_count >= MAX_INNER_COLUMNS:
        return None
    columns = {at: cell_cuts(r, cuts_count) for at, r in runs.items() if len(r) >= cuts_count}
    full = sum(fills(line, cuts) for at, cuts in columns.items() for line in lines[at])
    if full < MIN_FULL_LINES:
        return None
    bounds = tuple(statistics.median(c[i] for c in columns.values()) for i in range(cuts_count))
    for at, cell_runs in runs.items():  # a cell whose text runs close to the next column
        if at not in columns and cell_runs is not None:
            near = cuts_near(gap_runs(lines[at], x0, x1, NARROW_GAP_PT), bounds)
            if near is not None:
                columns[at] = near
    rows = {at: row_cuts(lines[at], cuts) for at, cuts in columns.items()}
    return InnerTable(col, bounds, columns, rows)


def split_grid(grid: Grid, inner: InnerTable) -> Grid:
    """Given a grid and its nested table, the grid with the nested columns and rows as its
    own: the column parted at the cuts, each outer row into as many rows as its nested cell
    holds, the outer cells spanning them."""
    col, k = inner.column, len(inner.cuts) + 1
    counts = [1] * len(grid.rows)
    for (r, _), cuts in inner.rows.items():
        counts[r] = max(counts[r], len(cuts) + 1)
    starts = [sum(counts[:r]) for r in range(len(grid.rows) + 1)]
    bounds = (*grid.col_bounds[: col + 1], *inner.cuts, *grid.col_bounds[col + 1 :])
    matrix: list[list[GridCell | None]] = [[None] * (len(bounds) - 1) for _ in range(starts[-1])]
    for row in grid.rows:
        for cell in row:
            if cell is None:
                continue
            top = starts[cell.row]
            span = starts[min(cell.row + cell.row_span, len(grid.rows))] - top
            if cell.col == col and cell.col_span == 1:  # the nested column's own cells
                for placed in parted_cells(cell, inner, bounds, top, span):
                    matrix[placed.row][placed.col] = placed
                continue
            new_col = cell.col + (k - 1 if cell.col > col else 0)
            new_span = cell.col_span + (k - 1 if cell.col <= col < cell.col + cell.col_span else 0)
            matrix[top][new_col] = GridCell(cell.bbox, top, new_col, span, new_span, cell.words)
    return Grid(grid.page, grid.bbox, bounds, tuple(with_text_rights(matrix)), grid.continues)


def parted_cells(
    cell: GridCell, inner: InnerTable, bounds: tuple[float, ...], top: int, span: int
) -> list[GridCell]:
    """Given an outer cell of the nested column, the nested table's bounds, its first new
    row and the rows it spans, its nested cells, its words parted at its own places (the
    last row of it spanning what is left); a cell its table does not part spans them all."""
    col, k = inner.column, len(inner.cuts) + 1
    own = inner.columns.get((cell.row, cell.col))
    if own is None:
        box = BBox(bounds[col], cell.bbox.top, bounds[col + k], cell.bbox.bottom)
        return [GridCell(box, top, col, span, k, cell.words)]
    xs = (-float("inf"), *own, float("inf"))
    ys = (cell.bbox.top, *inner.rows.get((cell.row, cell.col), ()), cell.bbox.bottom)
    out: list[GridCell] = []
    for j in range(len(ys) - 1):
        rows = span - j if j == len(ys) - 2 else 1
        for s in range(k):
            box = BBox(bounds[col + s], ys[j], bounds[col + s + 1], ys[j + 1])
            words = tuple(w for w in cell.words if xs[s] <= w.bbox.xmid < xs[s + 1]
                          and ys[j] <= w.bbox.ymid < ys[j + 1])
            out.append(GridCell(box, top + j, col + s, max(rows, 1), 1, words))
    return out
