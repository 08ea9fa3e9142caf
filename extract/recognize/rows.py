"""Row roles: from a table row's cells and its table's column roles, what the row is.

risk: the row starts a risk; both: a risk row that carries its first control;
control: a control of the risk above (its risk cells spanned from above or left
empty); continuation: more text for the row above; heading: one cell across
the table (a process, or the title of the controls below); nothing.
"""

from __future__ import annotations

import re
from typing import Literal

from riskrad.extract.recognize.columns import ColumnRoles
from riskrad.extract.recognize.headings import is_capitals, is_numbered
from riskrad.extract.recognize.record_text import record_text
from riskrad.extract.tableview import RowCells
from riskrad.model.text import spaceless

RowRole = Literal["risk", "both", "control", "continuation", "text", "heading", "nothing"]


def own_fields(row: RowCells) -> frozenset[str]:
    """Given a row, the fields with text of its own (not spanned from a row above)."""
    return frozenset(f for f in row.values if f not in row.inherited)


def same_text(a: str, b: str) -> bool:
    """Given two cell texts, whether they say the same (whitespace and case aside: a word
    broken at a cell's edge in one row may be made whole in another), their letters and
    digits alike (a scan reads one dash of a repeated "4 – Låg" as "4—Låg", another as
    "4-—Låg")."""
    return spaceless(a) == spaceless(b) or letters_digits(a) == letters_digits(b) != ""


def letters_digits(text: str) -> str:
    """Given a text, its letters and digits alone, case-folded."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def row_role(
    row: RowCells,
    roles: ColumnRoles,
    current: dict[str, str] | None = None,
    *,
    under_record: bool = False,
    text_row: bool = False,
) -> tuple[RowRole, str]:
    """Given a data row, its table's column roles, the current risk's cells and whether the
    row before it in the table gave a risk or control (and whether the table's header names
    a row of free text under each record), its role.

    A row whose risk cells repeat the current risk's (same key text, same
    values) is a further control of that risk, as when merged cells are
    exported with their text on every row; without control cells it adds nothing (a
    sheet's print strip of risk columns repeats a risk once per control row).
    """
    own = own_fields(row)
    if is_sum_row(row):
        return "nothing", "a sum row (its label and numbers or counts only)"
    if row.area:
        return "heading", "a numbered area's row over the risks numbered within it"
    if row.spanning_text is not None:
        if under_record and is_record_text(row, text_row):
            return "text", "free text under a record's row"
        if roles.key is None or roles.key not in own:
            return "heading", "one cell across the table"
        if row.spanning_cols >= 2:
            return "heading", f"one cell across {row.spanning_cols} columns"
        text = row.spanning_text.raw.strip()
        if row.spanning_bold or is_numbered(text) or is_capitals(text):
            return "heading", "the only cell of the row, set as a heading"
    if not own:
        return "nothing", "no text of its own"
    has_control = bool(own & roles.control)
    if roles.key is not None:
        if roles.key in own:
            if has_control and current is not None and repeats(row, roles, current):
                return "control", f"{roles.key} cells repeat the risk above"
            if has_control:
                return "both", f"own {roles.key} cell and control cells"
            if current is not None and repeats(row, roles, current):
                return "nothing", f"{roles.key} cells repeat the risk above, no control cells"
            return "risk", f"own {roles.key} cell"
        how = "spanned" if roles.key in row.inherited else "empty"
        if has_control:
            return "control", f"{roles.key} cell {how}, control cells filled"
        return "continuation", f"{roles.key} cell {how}, no control cells"
    if has_control:
        return "control", "control cells in a table without risk column"
    if own & roles.risk:
        return "continuation", "risk cells only, no risk column"
    return "nothing", "no named cell"


def is_record_text(row: RowCells, text_row: bool = False) -> bool:
    """Given a row of one cell (and whether the table's header names a row of free text
    under each record), whether that cell holds a record's free text (:func:`record_text`):
    across two columns or more (or its words reaching over them), led by a free-text label,
    or in a table naming such rows."""
    cell = row.spanning_text
    if cell is None:
        return False
    text = cell.raw.strip()
    parts = record_text(
        text, heading_like=row.spanning_bold or is_numbered(text) or is_capitals(text)
    )
    across = max(row.spanning_cols, row.reach)  # an unruled row's text reaches over columns
    return parts is not None and (across >= 2 or parts[0][0] is not None or text_row)


SUM_LABEL = re.compile(
    r"^(?:summa|summering|totalt|totalsumma|total\s*:|genomsnitt|medelvärde)(?=\W|$)",
    re.IGNORECASE,
)
COUNT = re.compile(
    r"^(?:\d{1,4}(?:[,.]\d{1,2})?\s*(?:st|risker|kontroller|kontrollmoment|åtgärder)?\.?\s*)+$",
    re.IGNORECASE,
)


COUNTED = r"(?:st|risk\w*|kontroll\w*|åtgärd\w*|aktivitet\w*)\.?"  # what a count counts
COUNT_LABEL = r"(?:summa|summering|totalt|totalsumma|sammanlagt|antal)\b[^\d:]{0,60}?"
COUNT_CELL = re.compile(
    rf"^(?:{COUNT_LABEL}:\s*\d{{1,4}}(?:\s+{COUNTED})?"  # "Antal risker: 3", "Summa X: 3 risker"
    rf"|{COUNT_LABEL}\s\d{{1,4}}\s+{COUNTED}"  # "Summa Ekonomi 3 risker"
    rf"|(?:summa|totalt|totalsumma)\b[^\d:]{{0,60}}\s\d{{1,4}}"  # "Totalt 12"
    rf"|\d{{1,4}}\s+{COUNTED})\.?$",  # "3 risker", "8 kontrollmoment"
    re.IGNORECASE,
)


COUNT_REST = re.compile(r"^(?:risker|kontroller|kontrollmoment|åtgärder|st)\.?$")  # small


def is_count_cell(text: str) -> bool:
    """Given a cell's text, whether it only counts the rows above or the document's: "Antal
    risker: 3", "Summa Ekonomi: 3 risker", "Totalt antal risker: 12", "Antal kontroller: 4",
    "3 risker" (a label then a count after a colon or with what it counts, or a count
    alone with what it counts), or what a count counts alone, in small letters (the last
    line of "Summa Ekonomi: 3" / "risker" that the grid's rows set apart; "Risker" or
    "Åtgärder" in capitals is a heading)."""
    text = " ".join(text.split())
    return COUNT_CELL.match(text) is not None or COUNT_REST.match(text) is not None


def is_sum_row(row: RowCells) -> bool:
    """Given a data row, whether it sums the rows above: its first cell with text opens with a
    sum's label ("Summa Ekonomi", "Totalt: 8 risker", "Medelvärde"), maybe going on in the
    next cells, and the cells after it hold numbers or counts only ("2,8", "13 kontroller"),
    no text a risk or control would have; or each of its cells with text counts
    (:func:`is_count_cell`: an area's "Antal risker: 3" under its risks, "Antal kontroller:
    4" under the control column, "Totalt antal risker: 12" closing the table)."""
    cells = sorted((c for c in row.values.values() if c.raw.strip()),
                   key=lambda c: c.bbox.x0 if c.bbox is not None else 0.0)
    counting = cells or ([row.spanning_text] if row.spanning_text is not None else [])
    if counting and all(is_count_cell(c.raw) for c in counting):
        return True
    if len(cells) < 2 or not SUM_LABEL.match(" ".join(cells[0].raw.split())):
        return False
    counts = [bool(COUNT.match(" ".join(c.raw.split()))) for c in cells[1:]]
    first = counts.index(True) if True in counts else len(counts)  # the label may go on
    return first < len(counts) and all(counts[first:])  # in the next cells ("Personal och")


def repeats(row: RowCells, roles: ColumnRoles, current: dict[str, str]) -> bool:
    """Given a row and the current risk's cell texts, whether the row's risk cells repeat them
    (whole, or their starts: :func:`starts_text`)."""
    if roles.key is None or roles.key not in current:
        return False
    for name in roles.risk:
        cell = row.values.get(name)
        if cell is None or name not in current:
            if (cell is None) != (name not in current) and name == roles.key:
                return False
            continue
        if not (same_text(cell.raw, current[name]) or starts_text(cell.raw, current[name])):
            return False
    return True


def starts_text(part: str, whole: str) -> bool:
    """Given a cell's text and another's, whether the first is the start of the second
    (whitespace and case aside): a repeated row cut by a page break ("Nämndens beslut" /
    "verkställs inte")."""
    head = spaceless(part)
    return len(head) >= MIN_REPEATED_START and spaceless(whole).startswith(head)


MIN_REPEATED_START = 5  # letters a cut repeat keeps of a risk's cell, at least


def ends_with_text(whole: str, part: str) -> bool:
    """Given a cell's text and another's, whether the first ends with the second (whitespace
    and case aside): the rest of a repeated row cut by a page break, already in the risk's
    cell."""
    tail = spaceless(part)
    return bool(tail) and spaceless(whole).endswith(tail)
