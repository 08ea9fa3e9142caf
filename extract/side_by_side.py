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

import re
from collections.abc import Sequence

from riskrad.extract.tables import Grid, GridCell, cells_to_grid
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Word
from riskrad.model.settings import TableSettings

# a cell naming a risk by its number or id: "3", "R3", "Risk 3", "3.", "EK-01", "IS-2"
REFERENCE = re.compile(
    r"^(?:(?:r|risk|nr\.?)\s?)?(\d{1,3})[.)]?$|^([a-zåäö]{1,4}-\d{1,3})$", re.IGNORECASE
)
HEADER_ROWS = 2  # a side's header is one of its first rows (a caption row may stand above)
SAME_TOP = 12.0  # points: two tables whose tops differ by at most this stand side by side


def reference_key(text: str) -> str | None:
    """Given a cell's text, the risk number or id it names ("R3" -> "3", "EK-01" -> "EK-1"),
    or None when it is no such reference."""
    match = REFERENCE.match(" ".join(text.split()))
    if match is None:
        return None
    if match.group(1) is not None:
        return str(int(match.group(1)))
    letters, _, digits = match.group(2).partition("-")
    return f"{letters.upper()}-{int(digits)}"


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


def header_row(cells: Sequence[GridCell]) -> tuple[int, list[GridCell]] | None:
    """Given one side's cells, its header row among its first rows (its index and cells, left
    to right), or None."""
    rows = sorted({c.row for c in cells})
    for r in rows[:HEADER_ROWS]:
        row = sorted((c for c in cells if c.row == r), key=lambda c: c.col)
        texts = [c.text for c in row]
        if vocab.is_header_row(vocab.header_fields(texts), texts):
            return r, row
    return None


def refers_left(grid: Grid, gap: int) -> bool:
    """Given a grid and an empty column of it, whether the columns right of the gap are a
    table of their own naming the left one's risks: each side has its own header, the left
    one names risks, the right one's first column names a risk by its number over cells that
    are numbers or ids, all of them found in the left side's cells, the right one names
    controls."""
    left = side_cells(grid, 0, gap)
    right = side_cells(grid, gap + 1, grid.n_cols)
    left_head, right_head = header_row(left), header_row(right)
    if left_head is None or right_head is None:
        return False
    left_fields = set(vocab.header_fields([c.text for c in left_head[1]]))
    right_fields = vocab.header_fields([c.text for c in right_head[1]])
    first = right_head[1][0]
    if "risk" not in left_fields or "control" not in right_fields or first.col != gap + 1 \
            or not names_risk(first.text):
        return False
    refs = [c.text for c in right if c.col == first.col and c.row > right_head[0] and c.words]
    keys = [reference_key(t) for t in refs]
    if not keys or None in keys:
        return False
    known = {reference_key(c.text) for c in left if c.row > left_head[0]}
    known |= {reference_key(c.words[0].text) for c in left if c.row > left_head[0] and c.words}
    return set(keys) <= known


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
    cells, left first) when an empty column parts a risk table from a control table naming
    its risks by number (:func:`refers_left`), else the grid."""
    for gap in empty_columns(grid):
        if not refers_left(grid, gap):
            continue
        parts = []
        for lo, hi in ((0, gap), (gap + 1, grid.n_cols)):
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
