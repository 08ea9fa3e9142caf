"""Control tables naming each row's risk by its number, wherever the risk table stands.

A plan may give per area its controls first and its risks after (below, or on the right of a
landscape page, or on a later page): the control table's first column, headed "Risk nr",
"Avser risk", "Risk-id" or "Risk", holds on every row, or on the first of a risk's rows
only, the number or id of the risk the control concerns ("3", "R3", "A.1", "A1", "1.2",
"EK-01"), and the risk table numbers its risks alike. An auditor reads such a column as a
reference: the row is a control of the risk with that number, read before or after it,
not a risk of its own called "R1", and the heading over the two tables names their area,
not a risk. A reference to no risk read yet is linked when the document has been read: to
the first risk of that number read after the control in the control's area, else in the
same area, else to the one risk of that number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from riskrad.extract.recognize.columns import ColumnRoles
from riskrad.extract.recognize.headings import names_contents
from riskrad.extract.side_by_side import names_risk, own_numbers
from riskrad.extract.tables import Grid
from riskrad.extract.tableview import RowCells, TableView
from riskrad.model import vocabulary as vocab
from riskrad.model.records import Cell
from riskrad.model.risk_titles import number_key, risk_id

NAMING_FIELDS = (vocab.NUMBER, "risk")  # the fields a column naming a risk by number maps to


class Numbered(Protocol):
    """What a reference is linked to: a risk's fields, its number and its controls."""

    fields: dict[str, Cell]
    number: str | None
    row_cells: dict[str, str] | None


def risk_table_ids(grid: Grid) -> set[str]:
    """Given a table, the ids its rows give their risks when it is a risk table numbering its
    risks: its header names a risk and no control, and its first column holds risk ids
    under it (the header row aside); else nothing."""
    if not grid.rows:
        return set()
    head = [vocab.classify_header(c.text) for c in grid.rows[0] if c is not None]
    if "risk" not in head or "control" in head:
        return set()
    first = [row[0].text for row in grid.rows[1:] if row and row[0] is not None
             and row[0].text.strip()]
    keys = [risk_id(t) for t in first]
    return {k for k in keys if k is not None} if keys and None not in keys else set()


def named_ahead(field: str, rows: Sequence[RowCells], ahead: Sequence[Grid]) -> bool:
    """Given a number column ("Id", "Nr"), a control table's rows and the tables that follow
    it, whether its ids are those of a risk table coming next (a plan giving its controls
    before its risks): each one a risk's id there; a count 1, 2, 3 … (the rows' own numbers,
    or one control a risk) only when the table right after numbers its risks just so."""
    texts = [row.values[field].raw for row in rows if field in row.values
             and row.values[field].raw.strip()]
    keys = {risk_id(t) for t in texts}
    if not texts or None in keys:
        return False
    if own_numbers(texts, len(rows)):  # 1, 2, 3 …: the risks' only when the table right
        return bool(ahead) and keys == risk_table_ids(ahead[0])  # after numbers its so
    return any(keys <= risk_table_ids(grid) for grid in ahead)


def reference_column(
    view: TableView, roles: ColumnRoles, rows: Sequence[RowCells], ahead: Sequence[Grid] = ()
) -> str | None:
    """Given a table's view, column roles and data rows, the field of its column naming each
    row's risk by number, or None: a column whose header names a risk ("Risk nr", "Avser
    risk", "Risk-id", "Risk"; not a row's own "Nr" or "ID"), whose every filled cell is a
    risk's number or id and at least one is, in a table naming controls whose risk side holds
    nothing else (no title, value or description of a risk of its own; a process column
    aside)."""
    if "control" not in roles.control:
        return None
    headers = [" ".join(ws) for ws in view.header_words]
    rows = [row for row in rows if not caption_row(row)]
    naming = [f for f, h in zip(view.fields, headers, strict=False)
              if f in NAMING_FIELDS and (names_risk(h) or (f == vocab.NUMBER and (
                  repeats(f, rows) or named_ahead(f, rows, ahead))))]
    if len(naming) != 1:
        return None
    field = naming[0]
    filled_risk_side = {n for row in rows for n, c in row.values.items()
                        if n in roles.risk and c.raw.strip() and n != "process"}
    if filled_risk_side - {field}:
        return None
    cells = [row.values[field].raw for row in rows if field in row.values
             and row.values[field].raw.strip()]
    ids = [risk_id(text) for text in cells]
    misread = [t for t, k in zip(cells, ids, strict=True) if k is None]
    if not cells or len(misread) * 3 > len(cells) or any(mark(t) is None for t in misread):
        return None  # a scan's "CA" for "C.1" among ids: the same misreading in both tables
    return field


MARK = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9.\-]{0,4}$")  # a short id as a scan may misread it


def mark(text: str) -> str | None:
    """Given a cell naming a risk, the key it is matched by: the risk's id (``risk_id``), else
    the cell's few letters and digits as read ("CA": "C.1" misread, the same in the risk
    table's cell), else None."""
    key = risk_id(text)
    if key is not None:
        return key
    compact = "".join(text.split()).upper()
    return compact if MARK.match(compact) else None


def caption_row(row: RowCells) -> bool:
    """Given a data row, whether it is a caption a table took in under its rows: one cell
    filled, naming what a table holds ("Risker" over the next table: ``names_contents``)."""
    filled = [c for c in row.values.values() if c.raw.strip()]
    if row.spanning_text is not None:
        filled = [row.spanning_text]
    return len(filled) == 1 and names_contents(filled[0].raw)


def repeats(field: str, rows: Sequence[RowCells]) -> bool:
    """Given a number column ("Nr", "Id") and a table's rows, whether its numbers are no rows'
    own: one stands on two rows or more, or a row leaves it empty under a filled one (a
    risk's id on its first control's row only); a table's own numbers count its rows."""
    texts = [row.values[field].raw.strip() if field in row.values else "" for row in rows]
    filled = [t for t in texts if t]
    return bool(filled) and bool(texts[0]) and (len(set(filled)) < len(filled)
                                                 or len(filled) < len(texts))


@dataclass
class Later:
    """A control naming by number a risk not read before it: the number, how many risks had
    been read then, and the process the control was read under."""

    number: str
    read: int
    process: str | None
    order: int = 0  # how many other ids its table named before this one


def same_area(risk: Numbered, process: str | None) -> bool:
    """Given a risk and a control's process, whether the risk is of that process (either
    without one counts as the same)."""
    own = risk.fields.get("process")
    return process is None or own is None or " ".join(own.raw.split()).casefold() == \
        " ".join(process.split()).casefold()


def linked_risk(
    later: Later, risks: Sequence[Numbered], skip: Callable[[Any], bool] = lambda _: False
) -> int | None:
    """Given a control's reference to a later risk, the document's risks and which of them no
    number names (a heading made a risk over label lines), the index of the risk it names:
    the first of that number read after the control in the control's area, else the first
    after it, else the first of that number in its area; else (no risk gives that id as
    read) the risk after it in its area standing where the id stands among its table's
    ids; else None."""
    found = [i for i, r in enumerate(risks) if not skip(r) and (
        number_key(r.number) == later.number
        or (r.number is None and mark((r.row_cells or {}).get(vocab.NUMBER, "")) == later.number))]
    for pick in (
        [i for i in found if i >= later.read and same_area(risks[i], later.process)],
        [i for i in found if i >= later.read],
        [i for i in found if same_area(risks[i], later.process)],
    ):
        if pick:
            return pick[0]
    after = [i for i in range(later.read, len(risks))  # its id unread in the risk table (a
             if not skip(risks[i]) and same_area(risks[i], later.process)]  # scan's smudge):
    return after[later.order] if later.order < len(after) else None  # the risks in order
