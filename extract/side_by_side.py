"""Two tables side by side: a risk table and, right of it, the controls naming its risks.

A riskanalys och internkontrollplan printed from a sheet holding two blocks side by side (or
a Word layout table holding two tables) sets per area the risks on the left ("Nr | Risk |
S | K | R") and their controls on the right, each control naming its risk's number in a
column of its own ("Risk nr | Kontrollmoment | Ansvarig | Frekvens"); the two tables' rows
do not line up. An auditor reads them as two tables. Where the page's rulings or the words'
lines make them one (a rule closing both tables' tops joins their grids; one line of words
runs across both headers), they are parted at the gap between their columns: each has a
header of its own, and the right one's first column names the left one's risks by number.
Read apart, the control table's rows link to the risks by that number (the reader's rows
naming a risk read before). Captions over the two tables ("Risker" | "Kontrollmoment") name
no area, and the table on the left is read first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from riskrad.extract.tables import Grid, GridCell, cells_to_grid
from riskrad.extract.unruled import LineLike, Separator, UnruledTable, unruled_table
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Word
from riskrad.model.risk_titles import risk_id
from riskrad.model.settings import TableSettings, UnruledSettings

CONTROLS_OWN = frozenset({"control", "frequency", "method"})  # no risk table's columns
HEADER_ROWS = 2  # a side's header is one of its first rows (a caption row may stand above)
SAME_TOP = 12.0  # points: two tables whose tops differ by at most this stand side by side


def reference_key(text: str) -> str | None:
    """Given a cell's text, the risk number or id it names, as a risk's own number gives it
    (``risk_id``: "R3" -> "3", "EK-01" -> "EK-1", "A1" -> "A.1"), or None when it is no such
    reference."""
    return risk_id(text)


def names_risk(label: str) -> bool:
    """Given a column's label, whether it names the risk a row concerns by its number ("Risk
    nr", "Avser risk", "Risk", "Risk-ID", "Ref."): a risk's label or a reference's, not the
    row's own number ("Nr", "ID")."""
    field = vocab.classify_header(label)
    folded = vocab.fold(label)
    return field in ("risk", vocab.NUMBER) and ("risk" in folded or folded.startswith(
        ("avser", "ref", "koppl", "hanvis")))


def side_cells(grid: Grid, lo: int, hi: int) -> list[GridCell]:
    """Given a grid and a range of its columns, the cells lying wholly inside it."""
    return [c for row in grid.rows for c in row
            if c is not None and c.col >= lo and c.col + c.col_span <= hi]


@dataclass(frozen=True, slots=True)
class Header:
    """A side's header: the last row it takes, its cells left to right and their labels (a
    label's rest that wrapped onto the row below joined: "Beskrivning av" / "risk")."""

    row: int
    cells: list[GridCell]
    texts: list[str]


def header_row(cells: Sequence[GridCell]) -> Header | None:
    """Given one side's cells, its header among its first rows, or None."""
    rows = sorted({c.row for c in cells})
    for i, r in enumerate(rows[:HEADER_ROWS]):
        row = sorted((c for c in cells if c.row == r), key=lambda c: c.col)
        texts = [c.text for c in row]
        below = rows[i + 1] if i + 1 < len(rows) else None
        rests = {c.col: c.text for c in cells if c.row == below and c.words}
        if rests and all(t[:1].islower() for t in rests.values()) \
                and set(rests) <= {c.col for c in row} and below is not None:
            joined = [f"{t} {rests[c.col]}" if c.col in rests else t
                      for c, t in zip(row, texts, strict=True)]
            if vocab.is_header_row(vocab.header_fields(joined), joined):
                return Header(below, row, joined)
        if vocab.is_header_row(vocab.header_fields(texts), texts):
            return Header(r, row, texts)
    return None


def refers_left(grid: Grid, left_end: int, right_start: int) -> bool:
    """Given a grid, where its left part's columns end and its right part's start (an empty
    column between, or none), whether the right part is a table of its own naming the left
    one's risks: each part has its own header, the left one names risks, the right one's
    first column names a risk by its number (or is unnamed: a label the header wrapped,
    "Avser" / "risk") over cells that are numbers or ids, all of them found in the left
    part's cells, and the right one names controls."""
    return names_risks_of(side_cells(grid, 0, left_end), side_cells(grid, right_start, grid.n_cols))


def refers_right(grid: Grid, left_end: int, right_start: int) -> bool:
    """Given a grid and where its left part's columns end and its right part's start, whether
    the left part is a control table naming by number the risks of the risk table on the
    right (a plan giving its controls first): :func:`refers_left` with the sides swapped."""
    return names_risks_of(side_cells(grid, right_start, grid.n_cols), side_cells(grid, 0, left_end))


def names_risks_of(left: list[GridCell], right: list[GridCell]) -> bool:
    """Given the cells of a risk table and of a control table beside it (either side), whether
    the control table names the risk table's risks by number (see :func:`refers_left`)."""
    left_head, right_head = header_row(left), header_row(right)
    if left_head is None or right_head is None:
        return False
    left_fields = set(vocab.header_fields(left_head.texts))
    right_fields = vocab.header_fields(right_head.texts)
    at = next((i for i, c in enumerate(right_head.cells) if c.words), None)  # empty columns
    if at is None:  #                                before it: the gap's, a caption's over them
        return False
    first, text = right_head.cells[at], right_head.texts[at]
    if any(c.words for c in right if c.col < first.col and c.row > right_head.row):
        return False
    label = vocab.classify_header(text)
    if "risk" not in left_fields or "control" not in right_fields or left_fields & CONTROLS_OWN \
            or not (names_risk(text) or label in (None, vocab.NUMBER)):
        return False
    body = sorted((c for c in right if c.col == first.col and c.row > right_head.row and c.words),
                  key=lambda c: c.row)
    if body and body[0].text[:1].islower():  # the rest of its wrapped label ("Avser" / "risk")
        body = body[1:]
    keys = [reference_key(c.text) for c in body]
    if not keys or None in keys:
        return False
    ids = risk_ids(left, left_head)
    if not set(keys) <= set(ids):
        return False
    rows = {c.row for c in right if c.row > right_head.row and c.words and c.col != first.col}
    return not (  # "Nr" over 1, 2, 3 …, a number each row: the controls' own, unless the
        label == vocab.NUMBER  # risks are numbered so too (then each row is its number's)
        and not names_risk(text)
        and own_numbers([c.text for c in body], len(rows))
        and keys != ids
    )


def risk_ids(cells: Sequence[GridCell], head: Header) -> list[str]:
    """Given a risk table's cells and its header, the numbers or ids of its risks, in order:
    its number column's ("Nr", "ID"), else those opening its risk cells ("R3 …")."""
    for field in (vocab.NUMBER, "risk"):
        column = next((c.col for c, t in zip(head.cells, head.texts, strict=True)
                       if vocab.classify_header(t) == field), None)
        if column is None:
            continue
        body = sorted((c for c in cells if c.col == column and c.row > head.row and c.words),
                      key=lambda c: c.row)
        found = [reference_key(c.text if field == vocab.NUMBER else c.words[0].text)
                 for c in body]
        ids = [k for k in found if k is not None]
        if ids:
            return ids
    return []


def own_numbers(texts: Sequence[str], rows: int) -> bool:
    """Given the cells of a column under "Nr" and how many rows the table has, whether they
    number its rows: 1, 2, 3 … in order, one a row (else they repeat, skip or leave rows
    empty, or read "R3" or "EK-01": the numbers of the risks the rows concern)."""
    return len(texts) == rows and all(
        t.strip().rstrip(".)") == str(i) for i, t in enumerate(texts, start=1))


def empty_columns(grid: Grid) -> list[int]:
    """Given a grid, its inner columns that no cell with words covers (a gap between two
    tables that the rulings joined)."""
    filled = [False] * grid.n_cols
    for row in grid.rows:
        for c in row:
            if c is not None and c.words:
                for col in range(c.col, c.col + c.col_span):
                    filled[col] = True
    return [i for i in range(1, grid.n_cols - 1) if not filled[i]]


def split_sides(grid: Grid, settings: TableSettings | None = None) -> list[Grid]:
    """Given a ruled grid, the two tables side by side it joins (each rebuilt from its own
    cells, left first) when an empty column, or a column line no cell with words crosses (a
    sheet's two blocks printed with its gridlines, sharing its rows), parts a risk table from
    a control table naming its risks by number (:func:`refers_left`), else the grid. A grid
    whose first rows name no control is returned at once (every ruled grid comes here)."""
    top = {c.text for row in grid.rows[: HEADER_ROWS + 1] for c in row if c is not None}
    if "control" not in {vocab.classify_header(t) for t in top}:
        return [grid]
    splits = [(gap, gap + 1) for gap in empty_columns(grid)] + [
        (k, k) for k in range(1, grid.n_cols) if not any(
            c is not None and c.words and c.col < k < c.col + c.col_span
            for row in grid.rows for c in row)
    ]
    for left_end, right_start in splits:
        if not (refers_left(grid, left_end, right_start)
                or refers_right(grid, left_end, right_start)):
            continue
        parts = []
        for lo, hi in ((0, left_end), (right_start, grid.n_cols)):
            cells = side_cells(grid, lo, hi)
            boxes: list[tuple[float, ...]] = [
                (c.bbox.x0, c.bbox.top, c.bbox.x1, c.bbox.bottom) for c in cells]
            words = tuple(sorted((w for c in cells for w in c.words),
                                 key=lambda w: (w.bbox.top, w.bbox.x0)))
            parts.append(cells_to_grid(grid.page, boxes, words, settings or TableSettings()))
        return parts
    return [grid]


def side_by_side(a: BBox, b: BBox) -> bool:
    """Given two tables' boxes, whether they stand side by side: tops close, apart across."""
    return abs(a.top - b.top) <= SAME_TOP and (a.x1 <= b.x0 or b.x1 <= a.x0)


def reading_order(grids: Sequence[Grid]) -> list[Grid]:
    """Given a page's tables, them in reading order: top to bottom, a table standing beside
    the one before it (tops close, apart across) after the one on its left."""
    ordered = sorted(grids, key=lambda g: g.bbox.top)
    out: list[Grid] = []
    for grid in ordered:
        at = len(out)
        while at > 0 and side_by_side(out[at - 1].bbox, grid.bbox) \
                and grid.bbox.x1 <= out[at - 1].bbox.x0:
            at -= 1
        out.insert(at, grid)
    return out


CAPTION_WORDS = 4  # a caption over a table: a few words
CAPTION_GAP = 1.5  # line heights between a caption and the table under it


def captions(line_words: Sequence[Word], grids: Sequence[Grid]) -> bool:
    """Given a line's words and the page's tables, whether the line is the captions over two
    tables standing side by side right under it ("Risker" over the one, "Kontrollmoment"
    over the other): each word over one of them, some over each, a few words a table, no
    figure."""
    if not line_words or any(ch.isdigit() for w in line_words for ch in w.text):
        return False
    top = min(w.bbox.top for w in line_words)
    bottom = max(w.bbox.bottom for w in line_words)
    height = max(bottom - top, 1.0)
    under = [g for g in grids if -height / 2 <= g.bbox.top - bottom <= CAPTION_GAP * height]
    for i, a in enumerate(under):
        for b in under[i + 1:]:
            if not side_by_side(a.bbox, b.bbox):
                continue
            over = [[w for w in line_words if g.bbox.x0 - height <= w.bbox.x0
                     and w.bbox.x1 <= g.bbox.x1 + height] for g in (a, b)]
            if all(0 < len(ws) <= CAPTION_WORDS for ws in over) \
                    and sum(map(len, over)) == len(line_words):
                return True
    return False


L = TypeVar("L", bound=LineLike)
LEAD_LINES = 2  # lines a side's table may open under (its caption) before its header
BAND_ROW_GAP = 4.0  # line heights: a gap between a side's rows inside the band


@dataclass(frozen=True, slots=True)
class SideTables(Generic[L]):
    """Two tables without lines read apart: their grids (left first), how many of the lines
    given they took, and the words of those lines no table took, as lines."""

    grids: tuple[Grid, ...]
    used: int
    rest: list[L]


def unruled_sides(
    lines: Sequence[L],
    table: UnruledTable,
    page: int,
    right: float,
    make: Callable[[list[Word]], L],
    separators: Sequence[Separator] = (),
    settings: UnruledSettings | None = None,
) -> SideTables[L] | None:
    """Given lines from an unruled table's header on, that table (read across the page) and
    how to make a line of words: the two tables side by side it runs across (a line of words
    crossing both headers), each read on its own lines (the words left or right of the gap
    between their columns, which no word of the table's lines crosses), when the gap parts a
    risk table from a control table naming its risks by number (:func:`refers_left`); else
    None. Captions over either table ("Risker" / "Kontrollmoment") are taken with it."""
    grid = table.grid
    read = list(lines[: table.used])
    words = [w for ln in read for w in ln.words]
    tolerance = (settings or UnruledSettings()).start_tolerance
    for start in range(1, grid.n_cols):
        bound = grid.col_bounds[start]  # a column's values may start a little left of its label
        lefts = [w.bbox.x1 for w in words if w.bbox.x0 < bound - tolerance]
        rights = [w.bbox.x0 for w in words if w.bbox.x0 >= bound - tolerance]
        if not lefts or not rights or max(lefts) >= min(rights):
            continue  # a word of the lines crosses it
        if not (refers_left(grid, start, start) or refers_right(grid, start, start)):
            continue
        x = (max(lefts) + min(rights)) / 2  # the middle of the gap
        band = read + right_rows(lines[table.used :], read[-1], x)
        found = read_sides(band, x, page, right, make, separators, settings)
        if found is not None:
            return found
    return None


def right_rows(lines: Sequence[L], last: L, x: float) -> list[L]:
    """Given the lines after the band read across two tables, its last line and the x parting
    the tables, the lines that go on with the right table alone below the left one's end (the
    table read across ended with the left one): lines right of x, each close under the one
    before (within the band's row gap)."""
    found: list[L] = []
    above = last
    for line in lines:
        height = max(above.bbox.height, 1.0)
        if not line.words or min(w.bbox.x0 for w in line.words) < x \
                or line.bbox.top - above.bbox.bottom > BAND_ROW_GAP * height:
            break
        found.append(line)
        above = line
    return found


def read_sides(
    band: list[L],
    x: float,
    page: int,
    right: float,
    make: Callable[[list[Word]], L],
    separators: Sequence[Separator],
    settings: UnruledSettings | None,
) -> SideTables[L] | None:
    """Given the lines of two tables side by side, the x parting them, the page's right text
    edge and how to make a line: each side's table read from its part of the lines (after at
    most a caption line), and the words no table took; None when a side gives no table."""
    grids: list[Grid] = []
    taken: set[int] = set()
    own = settings or UnruledSettings()  # the band ends where the table read across it ends:
    own = replace(own, row_gap=max(own.row_gap, BAND_ROW_GAP))  # inside, a side's rows may
    #                                  stand further apart (the other side's set the pitch)
    for lo, hi in ((float("-inf"), x), (x, float("inf"))):
        parts = [[w for w in ln.words if lo <= w.bbox.x0 < hi] for ln in band]
        where = [i for i, ws in enumerate(parts) if ws]
        side = [make(parts[i]) for i in where]
        edge = x if hi == x else right
        found = None
        for lead in range(min(LEAD_LINES, len(side))):
            if lead and not caption_like(side[lead - 1].words):
                break
            found = unruled_table(side[lead:], page, edge, separators, settings=own)
            if found is not None:
                break
        if found is None:
            return None
        for i in where[: lead + found.used]:
            taken.update(id(w) for w in parts[i])
        grids.append(found.grid)
    rest: list[L] = []
    for ln in band:
        left = [w for w in ln.words if id(w) not in taken]
        if left:
            rest.append(ln if len(left) == len(ln.words) else make(left))
    return SideTables(tuple(grids), len(band), rest)


def caption_like(words: Sequence[Word]) -> bool:
    """Given a side's line of words above its table, whether it may be the table's caption:
    a few words, no figure."""
    return 0 < len(words) <= CAPTION_WORDS and not any(
        ch.isdigit() for w in words for ch in w.text)
