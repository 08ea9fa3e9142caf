"""Column roles: which contract field each table column holds, and on which side.

A table's header names its columns through the header vocabulary
(riskrad.model.vocabulary), in one row or in two ("Riskbedömning" over
S | K | R, "Kontroll" over Moment | Metod | Frekvens). A table without a header
takes the header of an earlier table with the same columns (same count and
x-positions), so a header stated once applies to the tables after it, also
across page breaks; or of the table just before it when the two have the same
count, the same outer edges and the same kind of content in each column (tables
a word processor sized each to its own text). Each named column is on the risk
side or the control side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from riskrad.extract.recognize.inner_header import InnerHeader, inner_header
from riskrad.extract.recognize.record_text import text_row_label
from riskrad.extract.tables import Grid, GridCell
from riskrad.extract.tableview import (
    TableView,
    Tree,
    answer_columns,
    column_parts,
    column_words,
    header_of,
    header_spill,
    is_tick,
    owners,
    row_texts,
    same_columns,
    value_like,
)
from riskrad.model import column_content
from riskrad.model import vocabulary as vocab

Side = Literal["risk", "control"]

RISK_ONLY = frozenset(
    {
        "process",
        "risk",
        vocab.NUMBER,
        "probability",
        "consequence",
        "risk_value",
        "risk_category",
        "existing_controls",
        "planned_handling",
        "follows_plan",
        vocab.OWNER,
        vocab.SK_PAIR,
    }
)
CONTROL_ONLY = frozenset({"control", "method", "frequency", "result", "action", vocab.TITLE})
SHARED = frozenset({"responsible", "description", "comment"})
RISK_LEVEL = frozenset({"risk_value", "probability", "consequence", "risk_category", vocab.SK_PAIR})


@dataclass(frozen=True, slots=True)
class ColumnRoles:
    """A mapped table's fields split by side, and the column that keys a risk."""

    risk: frozenset[str]
    control: frozenset[str]
    key: str | None  # "risk", or "process" when a control table names its risks by process
    # the fields the control column's header names after the control ("Kontrollmoment
    # (ansvarig, frekvens)"): each control in its cells carries them after its text, in order
    control_parts: tuple[str, ...] = ()
    # the other columns whose header names further fields its cells hold ("Ansvarig / när"):
    # (its field, the fields in the header's order), to split a cell a page break cut
    shared: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def has_controls(self) -> bool:
        return bool(self.control)


def group_side(text: str) -> Side | None:
    """Given the text of an upper header cell spanning columns, the side it groups."""
    folded = vocab.fold(text)
    if any(word in folded for word in ("kontroll", "uppfoljning", "atgard", "granskning")):
        return "control"
    if "risk" in folded or "bedomning" in folded:
        return "risk"
    return None


MARKED_ROWS = 1  # a group's columns are steps when this many rows tick one of them
STEP_WORDS = 2  # a step's label is short: "3", "Hög", "Mycket stor"


def marked_steps(grid: Grid, cover: list[list[GridCell | None]]) -> tuple[str | None, ...]:
    """Given a grid and its cover, per column the step it stands for when a group cell of
    row 0 spans columns whose row-1 labels are the steps of a scale ("Sannolikhet" over
    1 | 2 | 3 | 4 | 5) and whose body cells hold only ticks ("X"), one in a row at most:
    the value is the step ticked. None elsewhere."""
    steps: list[str | None] = [None] * grid.n_cols
    for top in grid.rows[0]:
        if top is None or top.col_span < 2 or top.row_span != 1:
            continue
        columns = range(top.col, min(top.col + top.col_span, grid.n_cols))
        labels = [cover[1][c] for c in columns]
        if any(
            cell is None or cell.col_span != 1 or not 0 < len(cell.text.split()) <= STEP_WORDS
            for cell in labels
        ):
            continue
        ticked = 0
        for r in range(2, len(grid.rows)):
            if any((cell := cover[r][c]) is not None and cell.col_span > 1 for c in columns):
                continue  # a section's row across the table
            cells = [cell for c in columns if (cell := cover[r][c]) is not None]
            marks = sum(1 for cell in cells if is_tick(cell))
            if marks > 1 or any(cell.text.strip() and not is_tick(cell) for cell in cells):
                break
            ticked += marks
        else:
            if ticked >= MARKED_ROWS:
                texts = [cell.text.strip() if cell is not None else "" for cell in labels]
                for c, step in zip(columns, numbered_steps(texts), strict=True):
                    steps[c] = step
    return tuple(steps)


def numbered_steps(labels: list[str]) -> list[str]:
    """Given a marked scale's step labels, the labels, or the numbers the steps count by
    where the digits among them count on with their places and the rest are a scan's
    misreadings of lone digits ("a | OR | fö | 4 | CS": 1 | 2 | 3 | 4 | 5)."""
    offsets = {int(t) - i for i, t in enumerate(labels) if t.isdigit()}
    if len(offsets) != 1 or all(t.isdigit() for t in labels):
        return labels
    offset = offsets.pop()
    if offset not in (0, 1) or any(len(t) > 3 for t in labels):
        return labels  # a scale counts from 0 or 1; a word is a step's name
    return [t if t.isdigit() else str(i + offset) for i, t in enumerate(labels)]


def band_above(grid: Grid) -> tuple[GridCell, Grid] | None:
    """Given a grid, its first row and the grid of the rows below it when that row is one
    cell across the table (an area's band) and a header follows it ("Personal och
    arbetsmiljö" over "Risk | S/K | R | Kontroll …"), else None."""
    if len(grid.rows) < 3:
        return None
    band = [cell for cell in grid.rows[0] if cell is not None]
    if len(band) != 1 or band[0].col_span < grid.n_cols or band[0].row_span != 1:
        return None
    below = tuple(
        tuple(None if cell is None else replace(cell, row=cell.row - 1) for cell in row)
        for row in grid.rows[1:]
    )
    top = min(cell.bbox.top for row in below for cell in row if cell is not None)
    rest = replace(grid, bbox=replace(grid.bbox, top=top), rows=below)
    if two_level_header(rest) is None and header_of(rest) is None:
        return None
    return band[0], rest


def step_start(group: GridCell | None, column: int) -> bool:
    """Given the group cell over a marked step and the step's column, whether it is the
    group's first column."""
    return group is None or group.col == column


def labels_under_pieces(grid: Grid) -> bool:
    """Given a grid, whether its first row has cells spanning both header rows beside cells
    of one row, over which a second row of two or more labels stands: a group label cut into
    pieces by the columns of a table nested under it ("PLANERADE" | "KONTROLLER" over
    "Kontroll" | "Ansvarig" | "När")."""
    if not any(c is not None and c.row_span >= 2 for c in grid.rows[0]):
        return False
    under = [c for c in grid.rows[1] if c is not None and c.row == 1 and c.row_span == 1]
    return sum(vocab.classify_header(c.text) is not None for c in under) >= 2


def two_level_header(
    grid: Grid,
) -> tuple[tuple[str | None, ...], tuple[Side | None, ...], tuple[str | None, ...]] | None:
    """Given a grid, its fields, column sides and marked steps (``marked_steps``) when rows
    0-1 form a two-level header.

    Row 0 holds group cells spanning several columns (and cells spanning both
    rows); row 1 the columns under the groups. A column's field comes from its
    own text, else from the group's text and its own text together (one column's
    label wrapped into row 1 as well: "Ansvarig" over "tjänsteperson"); the steps
    of a marked scale all take their group's field.
    """
    if len(grid.rows) < 3:
        return None
    cover = owners(grid)
    if not any(c is not None and c.col_span >= 2 and c.row_span == 1 for c in grid.rows[0]) \
            and not labels_under_pieces(grid):
        return None
    if any(c is not None and c.row_span >= 2 for c in grid.rows[1]):
        return None  # a cell reaching into the body: row 1 is data (a risk over its controls)
    steps = marked_steps(grid, cover)
    texts: list[str] = []
    sides: list[Side | None] = []
    for c in range(grid.n_cols):
        top, bottom = cover[0][c], cover[1][c]
        if steps[c] is not None and top is not None:
            texts.append(top.text)
            sides.append(group_side(top.text))
            continue
        if top is None:
            texts.append(bottom.text if bottom is not None and bottom.col == c else "")
            sides.append(None)
            continue
        if top is bottom or bottom is None:
            texts.append(top.text if top.col == c else "")
            sides.append(None)
            continue
        child = bottom.text if bottom.col == c else ""
        side = group_side(top.text) if top.col_span >= 2 else None
        sides.append(side)
        if not child.strip():
            texts.append(top.text if top.col == c and top.col_span == 1 else "")
        elif vocab.classify_header(child) is not None:
            texts.append(child)
        elif top.col_span < 2 and top.col == c:  # one column's label wrapped into row 1
            texts.append(f"{top.text} {child}" if top.text.strip() else child)
        elif top.col_span < 2:
            texts.append(child)
        else:
            texts.append(f"{top.text} {child}")
    first = [c for c in range(grid.n_cols) if steps[c] is None or step_start(cover[0][c], c)]
    fields = vocab.header_fields([texts[c] for c in first])
    if not vocab.is_header_row(fields):
        return None
    by_column = dict(zip(first, fields, strict=True))
    for c in range(grid.n_cols):
        if c not in by_column:  # a later step of a marked scale: its group's field
            by_column[c] = by_column[max(f for f in first if f < c)]
    return tuple(by_column[c] for c in range(grid.n_cols)), tuple(sides), steps


ROLE_COLUMNS = 2  # columns both header rows name, each for its own kind of row


def alternating_header(
    grid: Grid,
) -> tuple[tuple[str | None, ...], tuple[str | None, ...]] | None:
    """Given a grid, the fields of its risk rows and of its control rows when rows 0-1 are
    two header rows naming the same columns for rows of two kinds ("Nr | Risk | Sannolikhet
    | Konsekvens | Risknivå" over "Kontroll | Ansvarig | Periodicitet | Metod": each risk's
    row over its control rows), else None. Neither row groups the other's columns (no cell
    spans columns: that is a two-level header); the upper names risk fields, the lower
    control fields, in at least two of the same columns (either may come first)."""
    if len(grid.rows) < 4 or any(
        c is not None and c.col_span >= 2 for c in grid.rows[0] + grid.rows[1]
    ):
        return None
    cover = owners(grid)
    upper = vocab.header_fields(row_texts(grid, 0, cover))
    lower_texts = [
        cell.text if (cell := cover[1][c]) is not None and cell.row == 1 and cell.col == c
        else "" for c in range(grid.n_cols)
    ]
    lower = vocab.header_fields(lower_texts)
    if named(tuple(upper)) < 2 or not vocab.is_header_row(lower, lower_texts):
        return None
    if any(value_like(text) for text in lower_texts):
        return None  # a risk's row under the header ("Möjlig | 3 | Kontrollmoment i …")
    both = [c for c in range(grid.n_cols) if upper[c] is not None and lower[c] is not None
            and upper[c] != lower[c]]
    if len(both) < ROLE_COLUMNS:
        return None
    for risk_row, control_row in ((upper, lower), (lower, upper)):
        risky = "risk" in risk_row or len(RISK_LEVEL & set(risk_row)) >= 2
        if risky and "control" in control_row and not CONTROL_ONLY & set(risk_row) \
                and not RISK_ONLY & set(control_row):
            return tuple(risk_row), tuple(control_row)
    return None


def map_grid(
    grid: Grid, known: list[TableView], page_width: float, tolerance: float
) -> TableView | None:
    """Given a grid and the views seen before (latest last), the grid's view (its columns by
    their header, :func:`header_view`; a column of yes/no answers a decision,
    :func:`answer_columns`), with its tree column when one has
    (:func:`tree_column`; the step between levels of an earlier part of the table kept)."""
    view = header_view(grid, known, page_width, tolerance)
    if view is None:
        return None
    view = answer_columns(view)  # "Internkontroll | Ja": a decision, no control named "Ja"
    view = text_row_label(view)  # "Risk" over "Beskrivning": the records' second row
    earlier = next((v.tree for v in reversed(known) if v.tree is not None  # fields renamed
                    and (v.fields == view.fields or v.header_words == view.header_words)), None)
    tree = tree_column(view, earlier)
    if tree is None:
        return replace(view, tree=None)
    return replace(view, fields=level_fields(view, tree), tree=tree)


def level_fields(view: TableView, tree: Tree) -> tuple[str | None, ...]:
    """Given a mapped table and its tree, its fields with each responsible's named by the
    rows that fill it: one filled on risk rows only is the risk's owner ("Ansvarig" beside
    the values), a column the header left unnamed for a second "Ansvarig" filled on control
    rows only the control's responsible ("Ansvarig för kontroll")."""
    cover = owners(view.grid)
    fields = list(view.fields)
    labels = [" ".join(words) for words in view.header_words]
    for c, name in enumerate(view.fields):
        if c == tree.col:
            continue
        kinds = {tree.rows.get(r) for r in range(view.header_rows, len(view.grid.rows))
                 if (cell := cover[r][c]) is not None and cell.row == r and cell.col == c
                 and cell.text.strip()}
        if name == "responsible" and kinds == {"risk"}:
            fields[c] = vocab.OWNER
        elif name is None and kinds == {"control"} and c < len(labels) \
                and vocab.classify_header(labels[c]) == "responsible" \
                and "responsible" not in [f for i, f in enumerate(fields) if i != c]:
            fields[c] = "responsible"
    return tuple(fields)


TREE_TOLERANCE = 1.5  # points two cells' indentations may differ by at the same level
MIN_TREE_STEP = 4.0  # points between two levels at least (more than a centred text's jitter)
TREE_LEVELS = 3  # levels a tree column holds at most: area, risk, control
TREE_ORDER = ("process", "risk", "control")  # the levels' fields, outermost first
TREE_TEXT = frozenset({"risk", "process", "control", vocab.TITLE, None})  # a tree column's label


def indent_of(grid: Grid, cell: GridCell) -> float | None:
    """Given a grid and a cell of it, how far its text starts from its column's left edge
    (None when empty; the column's, not the cell's box: a box may be drawn around the text
    alone)."""
    if not cell.words or not cell.text.strip():
        return None
    return min(w.bbox.x0 for w in cell.words) - grid.col_bounds[cell.col]


def tree_column(view: TableView, earlier: Tree | None = None) -> Tree | None:
    """Given a mapped table (and the tree an earlier part of it showed), its tree column, or
    None. A column naming risks, areas or controls (or none) whose cells'
    text starts at two or three distinct indentations beyond the table's cell padding (the
    least indentation of any cell), each a whole number of one step (4 points or more) in:
    each row's level is its cell's step count. A level whose rows carry values (and no
    control cells) holds risks; a deeper level whose rows carry control-side cells (and no
    values) controls; a level above the risks whose rows carry no other cell areas. The
    levels must keep that order, and two of them at least must be found. An ordinary table
    starts its text at the padding in every row: no tree. A part without a header going on
    from an earlier part keeps that part's step and where its outermost level starts (a
    part sized to its own text has its left edge at its least indented row)."""
    grid = view.grid
    cover = owners(grid)
    indents = [x for row in grid.rows for c in row if c is not None
               and c.col_span == 1 and (x := indent_of(grid, c)) is not None]
    if not indents:
        return None
    pad = min(indents)
    body = range(view.header_rows, len(grid.rows))
    step = earlier.step if earlier is not None else None
    for col, name in enumerate(view.fields):
        if name not in TREE_TEXT:
            continue
        levels: dict[int, float] = {}
        for r in body:
            cell = cover[r][col]
            if cell is None or cell.row != r or cell.col != col or cell.col_span != 1:
                continue
            x = indent_of(grid, cell)
            if x is None:
                continue
            if earlier is not None and view.header_rows == 0 and col == earlier.col:
                levels[r] = x + grid.col_bounds[col] - earlier.origin  # where the part before began
            else:
                levels[r] = x - pad
        origin = grid.col_bounds[col] + pad
        if earlier is not None and view.header_rows == 0 and col == earlier.col:
            origin = earlier.origin
        tree = tree_levels(view, cover, col, levels, step, origin)
        if tree is not None:
            return tree
    return None


def tree_levels(
    view: TableView, cover: list[list[GridCell | None]], col: int, offsets: dict[int, float],
    step: float | None, origin: float,
) -> Tree | None:
    """Given a mapped table, its cover, a column and its rows' indentations beyond the
    padding, the step an earlier part of the table showed (None when none did) and where its
    outermost level starts, the column's tree (:func:`tree_column`), or None."""
    distinct: list[float] = []
    for x in sorted(offsets.values()):
        if not distinct or x - distinct[-1] > TREE_TOLERANCE:
            distinct.append(x)
    known = step is not None  # a part going on from one with a tree: one level may do
    if step is None:
        if not 2 <= len(distinct) <= TREE_LEVELS:
            return None
        step = next(x for x in distinct if x > TREE_TOLERANCE)  # the least indentation
    if step < MIN_TREE_STEP:
        return None
    level_of: dict[int, int] = {}
    for r, x in offsets.items():
        level = round(x / step)
        if abs(x - level * step) > TREE_TOLERANCE or not 0 <= level < TREE_LEVELS:
            return None
        level_of[r] = level
    kinds: dict[int, set[str]] = {}
    for r, level in level_of.items():
        kinds.setdefault(level, set()).add(row_kind(view, cover, r, col))
    role: dict[int, str] = {}
    for level, found in kinds.items():
        if found == {"values"}:
            role[level] = "risk"
        elif found <= {"control", "none"} and "control" in found:
            role[level] = "control"
        elif found == {"none"}:
            role[level] = "process"
        else:
            return None  # rows of one level read alike, or no tree
    ordered = [role[level] for level in sorted(role)]
    if len(set(ordered)) != len(ordered) or ordered != sorted(ordered, key=TREE_ORDER.index):
        return None
    if not known and (len(ordered) < 2 or "risk" not in ordered):
        return None
    return Tree(col, step, origin, {r: role[level] for r, level in level_of.items()})


def row_kind(view: TableView, cover: list[list[GridCell | None]], r: int, col: int) -> str:
    """Given a mapped table, its cover, a body row and its tree column, what the row's other
    cells of its own hold: "values" (a risk's: S, K, R, category), "control" (a control's:
    responsible, frequency, method), "none"."""
    found = "none"
    for c, name in enumerate(view.fields):
        cell = cover[r][c]
        if c == col or name is None or cell is None or cell.row != r or cell.col != c \
                or not cell.text.strip():
            continue
        if name in RISK_LEVEL:
            return "values"
        if name in CONTROL_ONLY or name == "responsible":
            found = "control"
    return found


def header_view(
    grid: Grid, known: list[TableView], page_width: float, tolerance: float
) -> TableView | None:
    """Given a grid and the views seen before (latest last), the grid's view by its columns.

    Its own header (two header rows for rows of two kinds, two-level, else one row), else
    the header of the latest earlier table with the same columns.
    """
    alternating = alternating_header(grid)
    if alternating is not None:
        fields, alternate = alternating
        lower = column_words(grid, 1)
        labels = tuple(tuple(w.text for w in ws) for ws in lower)
        earlier = next((v for v in reversed(known) if v.alternate == alternate
                        and v.fields == fields and v.header_words), None)
        spill = header_spill(lower, earlier.header_words, grid.page) if earlier else ()
        if earlier is not None and any(spill):  # a row the page break cut, read into the
            labels = earlier.header_words  #       lower header row's cells
        return TableView(grid, fields, 2, labels, spill if any(spill) else (),
                         alternate=alternate)
    double = two_level_header(grid)
    single = header_of(grid)
    if double is not None and (
        single is None
        or named(double[0]) > named(single[0])
        or (any(double[2]) and named(double[0]) == named(single[0]))  # ticks under steps
    ):
        fields, sides, steps = double
        words = column_words(grid, 1)
        labels = tuple(tuple(w.text for w in ws) for ws in words)
        by_content = False
        if not any(steps):  # a column its label leaves unnamed ("Risk" beside "Risker")
            fields, by_content = filled_by_content(grid, fields, 2, header_labels(grid, 2),
                                                   known)
        return TableView(
            grid,
            fields,
            2,
            labels,
            sides=sides,
            by_content=by_content,
            steps=steps if any(steps) else (),
            group_words=tuple(c.text for c in grid.rows[0] if c is not None and c.text.strip()),
        )
    if single is not None:
        fields, rows = single
        words = column_words(grid, rows - 1)
        labels = tuple(tuple(w.text for w in ws) for ws in words)
        inner = inner_header(grid, rows, fields)
        if inner is not None:  # a table nested in each row, its labels over each
            fields = with_inner(fields, inner)
        fields, by_content = filled_by_content(grid, fields, rows, header_labels(grid, rows),
                                               known)
        if inner is not None:
            return TableView(grid, fields, rows, labels, by_content=by_content,
                             label_cells=inner.cells)
        if by_content:
            return TableView(grid, fields, rows, labels, by_content=True)
        previous = next((v for v in reversed(known) if v.fields == fields and v.header_words), None)
        if previous is not None:
            spill = header_spill(words, previous.header_words, grid.page)
            if any(spill):
                return TableView(grid, fields, rows, previous.header_words, spill)
        return TableView(grid, fields, rows, tuple(tuple(w.text for w in ws) for ws in words))
    for view in reversed(known) if grid.continues else ():
        if continued_from(view, grid, page_width * tolerance):
            return continued(view, grid)  # the part its reader found it goes on
    for view in reversed(known):
        if same_columns(view.grid, grid, page_width, tolerance):
            return continued(view, grid)  # its header above
    if known and same_shape(known[-1], grid, page_width * tolerance):
        return continued(known[-1], grid)
    content = content_header(grid)
    if content is not None:
        words = column_words(grid, 0)
        return TableView(
            grid, content, 1, tuple(tuple(w.text for w in ws) for ws in words), by_content=True
        )
    return None


def header_labels(grid: Grid, rows: int) -> tuple[tuple[str, ...], ...]:
    """Given a grid and its header rows, each column's label words: those of its last header
    row, else of a first-row cell of its own spanning both header rows ("Risk" beside the
    groups of a two-level header)."""
    last = [tuple(w.text for w in ws) for ws in column_words(grid, rows - 1)]
    if rows < 2:
        return tuple(last)
    for cell in grid.rows[0]:
        if cell is not None and cell.row_span >= rows and cell.col_span == 1 \
                and not last[cell.col]:
            last[cell.col] = tuple(w.text for w in cell.words)
    return tuple(last)


def continued(view: TableView, grid: Grid) -> TableView:
    """Given the view of a table stated before and a header-less grid that goes on with it,
    the grid's view: the same fields, no header rows, the labels of a table nested in its
    rows found again."""
    inner = inner_header(grid, 0, view.fields)
    cells = inner.cells if inner is not None else frozenset()
    return replace(view, grid=grid, header_rows=0, spill=(), label_cells=cells)


def with_inner(fields: tuple[str | None, ...], inner: InnerHeader) -> tuple[str | None, ...]:
    """Given a header's fields and the labels of a table nested in its rows, the fields with
    the nested columns named by their labels (a field named elsewhere by the band's label
    given up)."""
    named = set(inner.fields.values())
    return tuple(
        inner.fields.get(c, None if f in named else f) for c, f in enumerate(fields)
    )


def filled_by_content(
    grid: Grid,
    fields: tuple[str | None, ...],
    header_rows: int,
    labels: tuple[tuple[str, ...], ...],
    known: list[TableView],
) -> tuple[tuple[str | None, ...], bool]:
    """Given a grid, the fields its header names, its header rows, its labels' words and
    the views seen before, the fields with labelled columns the vocabulary leaves unnamed
    named by what their cells hold (``column_content.content_fields``; as a table with the
    same labels read before named them, so a header repeated on each page reads alike),
    and whether any was."""
    if None not in fields:
        return fields, False
    earlier = next((v for v in reversed(known) if v.by_content and v.header_words == labels), None)
    if earlier is not None:
        return earlier.fields, True
    if len(grid.rows) - header_rows < column_content.MIN_CELLS:
        return fields, False
    cover = owners(grid)
    body = [row_texts(grid, r, cover) for r in range(header_rows, len(grid.rows))]
    columns = [[row[c] for row in body] for c in range(grid.n_cols)]
    texts = [" ".join(words) for words in labels]
    filled = tuple(column_content.content_fields(fields, texts, columns))
    changed = any(f != g and g != vocab.IGNORED for f, g in zip(fields, filled, strict=True))
    return (filled, True) if changed else (fields, False)


CONTENT_COLUMNS = 3  # a table whose columns its cells name has this many at least


def content_header(grid: Grid) -> tuple[str | None, ...] | None:
    """Given a grid whose first row the vocabulary reads only in part, the fields of its
    columns with those it leaves unnamed named by what their cells hold
    (``column_content.named_by_content``), or None."""
    if len(grid.rows) < 1 + column_content.MIN_CELLS or grid.n_cols < CONTENT_COLUMNS:
        return None  # a box of labels and values is read as a card
    cover = owners(grid)
    labels = row_texts(grid, 0, cover)
    body = [row_texts(grid, r, cover) for r in range(1, len(grid.rows))]
    columns = [[row[c] for row in body] for c in range(grid.n_cols)]
    fields = column_content.named_by_content(vocab.header_fields(labels), labels, columns)
    return tuple(fields) if fields is not None else None


NUMBERS = re.compile(r"[\d\s,.\-–/]+")
WORD = re.compile(r"[^\W\d_]{3,}")


def cell_kind(text: str) -> str:
    """Given a cell's text, its kind: "" (empty), "number", "code" (digits with at most a
    letter or two, such as "R3", "S2" or "R2, R6") or "text"."""
    if not text.strip():
        return ""
    if NUMBERS.fullmatch(text):
        return "number"
    return "code" if re.search(r"\d", text) and not WORD.search(text) else "text"


def column_kinds(grid: Grid, first_row: int) -> list[set[str]]:
    """Given a grid and its first data row, the kinds of content each column holds (cells
    spanning columns, such as section rows, left out)."""
    kinds: list[set[str]] = [set() for _ in range(grid.n_cols)]
    for row in grid.rows[first_row:]:
        for cell in row:
            if cell is not None and cell.col_span == 1:
                kinds[cell.col].add(cell_kind(cell.text))
    return [k - {""} for k in kinds]


def continued_from(view: TableView, grid: Grid, tolerance: float) -> bool:
    """Given an earlier table's view and a header-less part its reader found going on from a
    table (``Grid.continues``: a part sized to its own text, its columns elsewhere), whether
    the view is that table's: the same column count and starts within tolerance points."""
    starts = view.grid.continues or view.grid.col_bounds[:-1]
    return (
        view.grid.n_cols == grid.n_cols
        and len(starts) == len(grid.continues)
        and all(abs(a - b) <= tolerance for a, b in zip(starts, grid.continues, strict=True))
    )


def same_shape(view: TableView, grid: Grid, tolerance: float) -> bool:
    """Given the latest table's view and a table without a header, whether it continues that
    table though its inner borders moved: the same column count and left edge (within
    tolerance points; its right edge where its own text puts it, a table sized to its text
    is narrower or wider), and each column holding only the kinds of content it held there
    (a column empty there tells nothing: a short part may leave cells empty)."""
    if view.grid.n_cols != grid.n_cols or grid.n_cols < 2:
        return False
    if abs(view.grid.bbox.x0 - grid.bbox.x0) > tolerance:
        return False
    before = column_kinds(view.grid, view.header_rows)
    now = column_kinds(grid, 0)
    return any(now) and all(n <= b for n, b in zip(now, before, strict=True) if b)


def named(fields: tuple[str | None, ...]) -> int:
    """Given a header's fields, how many columns it names."""
    return sum(f is not None for f in fields)


def definite_side(name: str | None, side: str | None, header: str) -> Side | None:
    """Given a column's field, its header group's side and its header text, its side if sure.

    A field either side may have is sure when its header says whose it is
    ("Kontrollansvarig", "Ansvarig för kontroll", "Riskbeskrivning").
    """
    if name is None:
        return None
    if side == "control" or name in CONTROL_ONLY:
        return "control"
    if side == "risk" or (name in RISK_ONLY and name != vocab.NUMBER):
        return "risk"
    if name in SHARED:
        folded = vocab.fold(header)
        if "kontroll" in folded:
            return "control"
        if "risk" in folded:
            return "risk"
    return None


def shared_side(name: str, fields: frozenset[str], has_control: bool, key: str | None) -> Side:
    """Given a field either side may have and the table's fields, the side an auditor reads.

    Ansvarig names the control's owner in a table with controls; Beskrivning
    describes the risk in a table of risks; Kommentar comments the control in a
    follow-up (Resultat, Åtgärd), else the risk.
    """
    if not has_control:
        return "risk"
    if name == "responsible":
        return "control"
    if name == "description":
        return "risk" if key is not None else "control"
    if fields & {"result", "action"} or key is None:
        return "control"
    return "risk"


def column_roles(view: TableView) -> ColumnRoles:
    """Given a mapped table, its fields on the risk side and on the control side."""
    sides = list(view.sides) if view.sides else [None] * len(view.fields)
    headers = [" ".join(ws) for ws in view.header_words] or [""] * len(view.fields)
    headers += [""] * (len(view.fields) - len(headers))
    definite = [
        definite_side(f, s, h) for f, s, h in zip(view.fields, sides, headers, strict=False)
    ]
    has_control = "control" in definite
    fields = view.field_set
    key: str | None = None
    if "risk" in fields:
        key = "risk"
    elif "process" in fields and (has_control or fields & RISK_LEVEL):
        key = "process"
    risk: set[str] = set()
    control: set[str] = set()
    for index, name in enumerate(view.fields):
        if name is None or name in (vocab.IGNORED, vocab.STATUS):
            continue
        if view.tree is not None and index == view.tree.col:
            continue  # named by each row's level below
        side = definite[index]
        if side is None:
            side = "risk" if name == vocab.NUMBER else shared_side(name, fields, has_control, key)
        (control if side == "control" else risk).add(name)
    if view.tree is not None:  # a tree's levels: its risks and controls
        risk |= view.tree.fields & {"risk"}
        control |= view.tree.fields & {"control"}
    shared: list[tuple[str, tuple[str, ...]]] = []
    for name, rest in zip(view.fields, column_parts(view), strict=True):
        if name in risk | control:  # "Ansvarig / när": its cells' further fields, its side
            (control if name in control else risk).update(rest)
            if name != "control" and rest:
                shared.append((name, (name, *rest)))
    for name in view.alternate:  # the control rows' own header row
        if name is not None and name not in (vocab.IGNORED, vocab.STATUS):
            control.add(name)
    parts = next(
        (vocab.listed_fields(h)[1:] for f, h in zip(view.fields, headers, strict=False)
         if f == "control" and vocab.listed_fields(h)),
        (),
    )
    return ColumnRoles(frozenset(risk), frozenset(control), key, parts, tuple(shared))


TableKindName = Literal["activities", "attributes", "rows", "controls"]


def table_kind(view: TableView, section: str | None) -> TableKindName | None:
    """Given a mapped table and the section label above it, how its rows are read.

    ``activities``: an AKTIVITET table (the risk's planned handling);
    ``attributes``: one risk's Riskkategori/…/Konsekvens, titled by the paragraph above;
    ``rows``: rows keyed by a risk (or process) column, risks with their controls;
    ``controls``: control rows of the risk above (a heading row or paragraph).
    """
    fields = view.field_set
    if {vocab.START_DATE, vocab.END_DATE} & fields or section == "activities":
        return "activities"
    roles = column_roles(view)
    if roles.key is not None:
        return "rows"
    if "control" in fields or (vocab.TITLE in fields and section == "controls"):
        return "controls"
    if vocab.TITLE in fields and "description" in fields and "frequency" in fields:
        return "controls"
    if roles.control and ("method" in fields or "frequency" in fields):
        return "controls"
    if len(fields & (RISK_LEVEL | {"responsible"})) >= 2:
        return "attributes"
    return None
