"""Tables set on their side: the labels down the first column, a risk in each further column.

A sheet may give each risk a column ("Risk nr | R1 | R2 | R3") and the attributes rows
("Risker", "Sannolikhet", "Konsekvens", "Kontroll", "Ansvarig" down its first column).
Such a table is read as the table it stands for, turned: its first column is the header
row, each further column a row. The cells keep their words and boxes on the page, so a
value's place and colour are where the reader sees them.
"""

from __future__ import annotations

from riskrad.extract.recognize.keyvalue import label_field
from riskrad.extract.tables import Grid, GridCell
from riskrad.extract.tableview import header_of, owners
from riskrad.model import vocabulary as vocab

MIN_RECORDS = 2  # columns of values: one alone is a label/value box (a card)
MIN_LABELS = 3  # distinct fields the first column names
LABELLED_SHARE = 0.6  # of the rows whose first cell is a label
SPANNING_SHARE = 1 / 3  # of rows with a value across columns, or labels in a further column
LABEL_WORDS = 5  # a label is a few words ("Ansvarig tjänsteperson", "Sannolikhet (1–5)")
RECORD_FIELDS = frozenset({"risk", "control"})  # a record's own text: no table of a scale


def column_labels(
    grid: Grid, c: int, cover: list[list[GridCell | None]] | None = None
) -> list[str | None]:
    """Given a grid and a column (and the grid's cover, :func:`owners`, when known), per row
    the field its cell there names as a label (None where it names none or the cell spans
    columns)."""
    cover = cover or owners(grid)
    out: list[str | None] = []
    for r in range(len(grid.rows)):
        cell = cover[r][c]
        if cell is None or cell.col != c or cell.col_span != 1 or cell.row != r:
            out.append(None)
            continue
        field = label_field(cell.text.strip().rstrip(": "))
        out.append(field if len(cell.text.split()) <= LABEL_WORDS else None)
    return out


def is_transposed(grid: Grid, records: int = MIN_RECORDS) -> bool:
    """Given a grid (and the fewest columns of values it needs), whether it is set on its
    side: its first column names at least three fields as labels on most rows (a risk's or
    a control's text among them), more than a header row opening it names, and no further
    column is labels too (a box of label/value pairs side by side). With one column of
    values it is one risk's box of labels and values."""
    if grid.n_cols < 1 + records or len(grid.rows) < MIN_LABELS:
        return False
    cover = owners(grid)
    first = column_labels(grid, 0, cover)
    named = [f for f in first if f is not None and f != vocab.IGNORED]
    if len(set(named)) < MIN_LABELS or not RECORD_FIELDS & set(named):
        return False
    header = header_of(grid)
    if header is not None and len({f for f in header[0] if f} - {vocab.IGNORED}) >= len(
        set(named)
    ):
        return False  # a header row naming as many fields ("Nr | Risk 4 | Risk 5" names two)
    if sum(f is not None for f in first) < LABELLED_SHARE * len(grid.rows):
        return False
    spanning = sum(any(c is not None and c.col > 0 and c.col_span > 1 for c in row)
                   for row in grid.rows)
    if spanning > SPANNING_SHARE * len(grid.rows):
        return False  # a form: values across the columns, no column a record's
    limit = sum(f is not None for f in first) * SPANNING_SHARE
    return all(
        sum(f is not None for f in column_labels(grid, c, cover)) < limit
        for c in range(1, grid.n_cols)
    )


def turned(grid: Grid) -> Grid:
    """Given a grid, the grid it stands for turned: rows become columns (a cell spanning
    rows spans columns), the columns' bounds the rows' tops; the cells keep their words and
    boxes."""
    tops = [
        min((c.bbox.top for c in row if c is not None), default=grid.bbox.top)
        for row in grid.rows
    ]
    bounds = (*tops, grid.bbox.bottom)
    rows: list[list[GridCell | None]] = [[None] * len(grid.rows) for _ in range(grid.n_cols)]
    for row in grid.rows:
        for cell in row:
            if cell is None:
                continue
            rows[cell.col][cell.row] = GridCell(
                cell.bbox, cell.col, cell.row, cell.col_span, cell.row_span, cell.words,
                cell.text_right,
            )
    return Grid(grid.page, grid.bbox, bounds, tuple(tuple(r) for r in rows))


def turned_if_transposed(grid: Grid) -> Grid | None:
    """Given a grid, the grid it stands for when it is set on its side, else None."""
    return turned(grid) if is_transposed(grid) else None
