"""Key-value layouts: "Label: value" lines and two-column label/value boxes.

A label is recognised by the same header vocabulary as a table column
("Risk:", "Riskvärde:", "Kontrollmoment:", "Ansvarig:", "Resultat:"), so a card
per risk or per control reads like a table row turned on its side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from riskrad.extract.blocks import Paragraph
from riskrad.extract.tables import Grid
from riskrad.extract.tableview import cell_of, owners
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Cell

LABEL = re.compile(r"^\s*([^:\n]{1,40}?)\s*:\s*(.*)$")
MIN_CARD_LABELS = 2


@dataclass(frozen=True, slots=True)
class LabelLine:
    """One "Label: value" of a paragraph, with the lines that continue its value."""

    field: str
    value: str
    bbox: BBox
    confidence: float


def label_field(label: str) -> str | None:
    """Given a label's text (without the colon), the field it names, or None."""
    field = vocab.classify_header(label)
    if field in (vocab.START_DATE, vocab.END_DATE):
        return None
    if field == vocab.TITLE:
        return "control"
    return field


def label_lines(paragraph: Paragraph) -> list[LabelLine]:
    """Given a paragraph, its "Label: value" lines (empty unless its first line is one).

    Lines without a label continue the value above (a wrapped value).
    """
    found: list[LabelLine] = []
    for line in paragraph.lines:
        match = LABEL.match(line.text)
        field = label_field(match.group(1)) if match else None
        confidence = sum(w.confidence for w in line.words) / max(len(line.words), 1)
        if match is not None and field is not None:
            found.append(LabelLine(field, match.group(2).strip(), line.bbox, confidence))
        elif not found:
            return []
        else:
            last = found[-1]
            value = f"{last.value}\n{line.text}" if last.value else line.text
            found[-1] = LabelLine(last.field, value, last.bbox.union(line.bbox), last.confidence)
    return found


def card_fields(grid: Grid) -> list[tuple[str, Cell]]:
    """Given a table no header maps, its (field, value) pairs when it is a label/value box.

    Label columns are the even columns of a 2- or 4-column table; a box needs
    two labels the vocabulary knows, and labels on most of its rows.
    """
    if grid.n_cols not in (2, 4) or len(grid.rows) < MIN_CARD_LABELS:
        return []
    cover = owners(grid)
    pairs: list[tuple[str, Cell]] = []
    labelled_rows = 0
    for r in range(len(grid.rows)):
        row_labelled = False
        for c in range(0, grid.n_cols, 2):
            label, value = cover[r][c], cover[r][c + 1]
            if label is None or value is None or label.col != c or value.col != c + 1:
                continue
            field = label_field(label.text.rstrip(": "))
            if field is None or value.row != r:
                continue
            row_labelled = True
            if value.text.strip():
                cell = cell_of(value)
                pairs.append((field, Cell(cell.raw, grid.page, cell.bbox, cell.confidence)))
        labelled_rows += row_labelled
    if len({f for f, _ in pairs}) < MIN_CARD_LABELS or labelled_rows < 0.6 * len(grid.rows):
        return []
    return pairs
