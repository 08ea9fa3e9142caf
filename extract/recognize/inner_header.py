"""Column labels inside a table's body: the header of a table nested in each row.

A Word plan whose every risk row holds its controls as a small table in the last cell puts
that small table's labels ("Kontroll | Ansvarig | Frekvens") over each one, so the outer
table's header names the band only as a whole ("Kontrollmoment och ansvar") and each risk's
first grid row holds, beside the risk's own cells, a run of labels. Such a run names its
columns and is no data: not a control called "Kontroll".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from riskrad.extract.tables import Grid, GridCell
from riskrad.model import vocabulary as vocab

LABEL_WORDS = 4  # a column label inside the body has this many words at most
MIN_REPEATS = 2  # rows holding the same run of labels (once is enough under a group label)


@dataclass(frozen=True, slots=True)
class InnerHeader:
    """The fields a run of labels in the body gives its columns, and the label cells'
    (row, column) positions."""

    fields: dict[int, str]
    cells: frozenset[tuple[int, int]]


def label_run(cells: list[GridCell]) -> tuple[tuple[int, str], ...] | None:
    """Given a body row's own cells left to right, the longest run of two or more adjacent
    short one-row cells that each name a different field, as (column, field) pairs, when they
    read as a header row; None when there is none."""
    best: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    seen: set[str] = set()
    at = -1
    for cell in cells:
        text = cell.text.strip()
        field = vocab.classify_header(text) if 0 < len(text.split()) <= LABEL_WORDS else None
        if vocab.labelled_values(text):  # "S=4 K=4 R=16": a risk's values, no label "S"
            field = None
        adjacent = cell.col == at
        at = cell.col + cell.col_span
        if field is None or field == vocab.IGNORED or cell.row_span != 1:
            run, seen = [], set()
            continue
        if not adjacent or field in seen:
            run, seen = [], set()
        run.append((cell.col, field))
        seen.add(field)
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2 or not vocab.is_header_row([f for _, f in best]):
        return None
    return tuple(best)


def group_over(grid: Grid, header_rows: int, columns: tuple[int, ...]) -> bool:
    """Given a grid, its header rows and a run's columns, whether one header cell spans them
    all (the band's one label: "Kontrollmoment och ansvar")."""
    first, last = columns[0], columns[-1]
    return any(
        c is not None and c.col <= first and c.col + c.col_span > last and c.col_span >= 2
        for row in grid.rows[:header_rows]
        for c in row
    )


def inner_header(
    grid: Grid, header_rows: int, fields: tuple[str | None, ...] = ()
) -> InnerHeader | None:
    """Given a grid, its header row count (and the fields its header gives it), the labels of a
    table nested in each row (:class:`InnerHeader`): the same run of labels, not from the
    first column, in two body rows or more (or in one under a header cell spanning its
    columns, or naming them as the header does)."""
    runs: dict[tuple[tuple[int, str], ...], list[int]] = {}
    for r in range(header_rows, len(grid.rows)):
        own = sorted((c for c in grid.rows[r] if c is not None and c.row == r), key=lambda c: c.col)
        run = label_run(own)
        if run is None:
            continue
        if run[0][0] == 0:  # from the first column: the table's own header again
            continue
        runs.setdefault(run, []).append(r)
    if not runs:
        return None
    counts = Counter({run: len(rows) for run, rows in runs.items()})
    run, n = counts.most_common(1)[0]
    columns = tuple(c for c, _ in run)
    named = all(c < len(fields) and fields[c] == f for c, f in run)  # as the table's header
    if n < MIN_REPEATS and not named and not group_over(grid, header_rows, columns):
        return None
    labels = dict(run)
    rows = [r for r in range(header_rows, len(grid.rows)) if r in runs[run]
            or holds_labels(grid.rows[r], r, labels)]
    return InnerHeader(labels, frozenset((r, c) for r in rows for c in columns))


def holds_labels(row: tuple[GridCell | None, ...], r: int, fields: dict[int, str]) -> bool:
    """Given a body row, its index and the nested table's labels by column, whether the row
    holds them again with all but one read alike (a label broken inside its word in a narrow
    cell, "KONTROLLMOM" / "ENT", reads as no label)."""
    own = {c.col: c for c in row if c is not None and c.row == r and c.row_span == 1}
    if not all(col in own for col in fields):
        return False
    alike = sum(vocab.classify_header(own[col].text.strip()) == f for col, f in fields.items())
    short = all(len(own[col].text.split()) <= LABEL_WORDS for col in fields)
    return short and alike >= max(2, len(fields) - 1)
