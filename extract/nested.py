"""Columns of a table nested in a cell: one set for the band it fills, whatever each row drew.

A Word table whose last cell holds a small table per row (Kontrollmoment | Ansvarig |
Frekvens), each sized to its own text, gives the edge chain one table whose column bounds are
the union of every inner table's: a row's three inner cells then span 4, 1 and 3 grid columns
and the next row's 3, 3 and 2, so no column holds one field. Between the bounds that every row
cuts (the outer table's), a band whose rows each hold the same number of cells at different
places is given that many columns: a row's i-th cell is the band's i-th column, the bound
between two columns the median of the rows' own. Rows the band's one cell spans (a section
row, a group label) keep spanning it; a band whose rows hold other counts is left alone (an
irregular table, not a nested one).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

SOLID_SHARE = 0.8  # a bound cut in this share of the rows at least is the outer table's
MIN_ROWS = 2  # rows that must hold the band's count of cells for it to be realigned


@dataclass(frozen=True, slots=True)
class Span:
    """One cell box on the grid: its first and end column and row bound indices and its
    left and right edges."""

    col: int
    col_end: int
    row: int
    row_end: int
    x0: float
    x1: float


def rows_over(spans: list[Span], n_rows: int) -> list[list[Span]]:
    """Given the table's spans and its number of rows, each grid row's spans, left to right
    (one pass over the spans: every row is asked about more than once)."""
    rows: list[list[Span]] = [[] for _ in range(n_rows)]
    for s in sorted(spans, key=lambda s: s.col):
        for r in range(s.row, min(s.row_end, n_rows)):
            rows[r].append(s)
    return rows


def row_cuts(rows: list[list[Span]]) -> dict[int, frozenset[int]]:
    """Given each row's spans, the bounds each row of two cells or more starts or ends a
    cell at (rows of one cell, a section row across the table, left out)."""
    return {
        r: frozenset({s.col for s in over} | {s.col_end for s in over})
        for r, over in enumerate(rows)
        if len(over) >= 2
    }


def solid_bounds(cuts: dict[int, frozenset[int]], n_bounds: int) -> frozenset[int]:
    """Given the rows' cuts (:func:`row_cuts`) and the number of column bounds, the bounds
    nearly every row cuts, and the two outer ones."""
    counts = Counter(b for here in cuts.values() for b in here)
    solid = {0, n_bounds - 1}
    solid.update(b for b, n in counts.items() if n >= SOLID_SHARE * len(cuts))
    return frozenset(solid)


def band_cells(over: list[Span], start: int, end: int) -> list[Span] | None:
    """Given a grid row's spans and a band's first and end bound, the row's cells that
    tile the band left to right, [] when a cell wider than the band spans it, or None when
    the row's cells leave a gap in it."""
    if any(s.col < end and s.col_end > start and (s.col < start or s.col_end > end) for s in over):
        return []
    inside = [s for s in over if start <= s.col and s.col_end <= end]
    at = start
    for s in inside:
        if s.col != at:
            return None
        at = s.col_end
    return inside if at == end else None


def band_columns(
    rows: list[list[Span]], start: int, end: int
) -> tuple[int, dict[int, list[Span]]] | None:
    """Given each row's spans and a band's bounds, the band's count of columns and the rows
    holding that many cells (their cells), when every row holds that count or one cell and
    at least two rows place their cells differently; else None."""
    by_row: dict[int, list[Span]] = {}
    for r, over in enumerate(rows):
        cells = band_cells(over, start, end)
        if cells is None:
            return None
        if cells:
            by_row[r] = cells
    counts = Counter(len(cells) for cells in by_row.values() if len(cells) >= 2)
    if not counts:
        return None
    k, n = counts.most_common(1)[0]
    if n < MIN_ROWS or any(len(c) not in (1, k) for c in by_row.values()):
        return None
    full = {r: c for r, c in by_row.items() if len(c) == k}
    if len({tuple(s.col for s in c) for c in full.values()}) < 2:
        return None  # the rows agree: nothing nested to line up
    return k, full


def realigned(
    spans: list[Span], xs: tuple[float, ...], n_rows: int
) -> tuple[tuple[float, ...], list[tuple[int, int]]]:
    """Given a table's spans, its column bounds and its number of rows, the column bounds with
    every nested band given its own columns (:func:`band_columns`) and each span's first and
    end column on them; the bounds and spans as given when no band is nested."""
    unchanged = (xs, [(s.col, s.col_end) for s in spans])
    rows = rows_over(spans, n_rows)
    solid = sorted(solid_bounds(row_cuts(rows), len(xs)))
    if len(solid) == len(xs):
        return unchanged
    bands: dict[int, tuple[int, int, dict[int, list[Span]]]] = {}
    for start, end in pairwise(solid):
        if end - start < 2:
            continue
        found = band_columns(rows, start, end)
        if found is not None:
            bands[start] = (end, *found)
    if not bands:
        return unchanged
    new_xs: list[float] = []
    place: dict[int, int] = {}  # old bound index -> new bound index (bounds kept)
    order: dict[int, tuple[int, int]] = {}  # id of a span in a realigned row -> new cols
    b = 0
    while b < len(xs):
        place[b] = len(new_xs)
        new_xs.append(xs[b])
        if b not in bands:
            b += 1
            continue
        end, k, full = bands[b]
        first = len(new_xs) - 1
        for i in range(1, k):
            new_xs.append(statistics.median(cells[i].x0 for cells in full.values()))
        for cells in full.values():
            for i, s in enumerate(cells):
                order[id(s)] = (first + i, first + i + 1)
        b = end
    out: list[tuple[int, int]] = []
    for s in spans:
        if id(s) in order:
            out.append(order[id(s)])
        else:
            out.append((nearest_kept(place, new_xs, xs, s.col),
                        nearest_kept(place, new_xs, xs, s.col_end)))
    return tuple(new_xs), out


def nearest_kept(
    place: dict[int, int], new_xs: list[float], xs: tuple[float, ...], bound: int
) -> int:
    """Given the kept bounds' new indices, the new bounds, the old ones and an old bound
    index, its new index: its own if kept, else the nearest new bound's."""
    if bound in place:
        return place[bound]
    x = xs[bound]
    return min(range(len(new_xs)), key=lambda i: abs(new_xs[i] - x))


STRAY_SHARE = 0.2  # a bound cut in no more than this share of the rows (or one row) is stray
SNAP_PT = 15.0  # ... when a bound nearly every row cuts lies this near it
HEADER_ROWS = 2  # a stray bound is cut only in a header's rows (labels set off their columns)


def without_stray_bounds(
    spans: list[Span], xs: tuple[float, ...], n_rows: int
) -> tuple[tuple[float, ...], list[tuple[int, int]]]:
    """Given a table's spans, its column bounds and its number of rows, the bounds and each
    span's first and end column with a bound that only a header row cuts (one row, or a few,
    among the first two) moved onto a bound nearly every row cuts close by: a nested table's
    labels stated once, their cells not quite over the columns below ("KONTROLLANSVARIG"
    starting 13 points left of its column). A bound a body row cuts stays (a scan's line found
    in part)."""
    unchanged = (xs, [(s.col, s.col_end) for s in spans])
    cuts = row_cuts(rows_over(spans, n_rows))
    solid = sorted(solid_bounds(cuts, len(xs)))
    if len(solid) == len(xs):
        return unchanged
    counts = Counter(b for here in cuts.values() for b in here)
    below_header = {b for r, here in cuts.items() if r >= HEADER_ROWS for b in here}
    moves: dict[int, int] = {}
    for b in range(len(xs)):
        if b in solid or b in below_header or counts[b] > max(1, STRAY_SHARE * len(cuts)):
            continue
        target = min(solid, key=lambda s: abs(xs[s] - xs[b]))
        if abs(xs[target] - xs[b]) <= SNAP_PT:
            moves[b] = target
    moved = [(moves.get(s.col, s.col), moves.get(s.col_end, s.col_end)) for s in spans]
    if not moves or any(end <= start for start, end in moved):
        return unchanged
    kept = [b for b in range(len(xs)) if b not in moves]
    index = {b: i for i, b in enumerate(kept)}
    return tuple(xs[b] for b in kept), [(index[a], index[b]) for a, b in moved]
