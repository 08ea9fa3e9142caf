"""What a generated document is: its records (the truth) and its blocks (what is drawn).

The records give the expected rows; the blocks are engine-neutral (paragraphs, tables
with spans and fills, page breaks) so that every renderer draws the same document.
A block or cell with a ``mark`` names the record whose page is the page it is drawn on.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GControl:
    """One control of a risk, with its follow-up when the document reports results."""

    key: str
    control: str
    method: str | None = None
    frequency: str | None = None
    responsible: str | None = None
    reported_to: str | None = None
    result: str | None = None
    deviation: str | None = None
    status: str | None = None
    comment: str | None = None
    action: str | None = None
    action_owner: str | None = None  # "Åtgärdsansvarig": not a contract field
    done_date: str | None = None  # "Klart datum": not a contract field


@dataclass(frozen=True, slots=True)
class GRisk:
    """One risk with its assessment and its controls (in document order)."""

    key: str
    number: int
    process: str | None
    title: str
    description: str | None = None
    category: str | None = None
    owner: str | None = None
    probability: int | None = None
    consequence: int | None = None
    risk_value: int | None = None
    stated_level: str | None = None  # low..very high, when the document writes a level word
    existing: str | None = None
    decision: str | None = None
    follows_plan: bool | None = None
    comment: str | None = None
    controls: tuple[GControl, ...] = ()
    shown_number: str | None = None  # the number as printed when not the ordinal ("2.3")


@dataclass(frozen=True, slots=True)
class Meta:
    """The document's metadata as its title area states it."""

    municipality: str
    municipality_code: str
    organ: str
    year: int
    document_type: str | None


# ----------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: text (paragraphs split by newlines), span, emphasis and fill."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    fill: str | None = None
    mark: str | None = None
    line_marks: tuple[str | None, ...] = ()  # a mark per paragraph (a list of records)
    rotated: bool = False  # drawn turned a quarter, read bottom to top (narrow header labels)
    align: str = "left"  # left | right | center (a sheet's numbers)
    bold_first: bool = False  # the first paragraph bold (a title above its description)
    inner: Table | None = None  # a table nested in the cell, drawn under its text
    spacing: float = 0.0  # expanded letter spacing of the cell's text, in points
    indent: float = 0.0  # the left indentation of the cell's paragraphs, in points (a tree's
    #                      level in a tool's export; wrapped lines keep it)
    valign: str = "top"  # top | middle | bottom: where the text stands in a tall (merged)
    #                      cell (Excel leaves merged cells at the bottom, "Centrera" puts it
    #                      in the middle)


@dataclass(frozen=True, slots=True)
class Row:
    """A table row; ``kind`` is header, body or heading (a full-width heading row)."""

    cells: tuple[Cell, ...]
    kind: str = "body"


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header rows, body rows, relative column widths and its drawing style."""

    header: tuple[Row, ...]
    body: tuple[Row, ...]
    widths: tuple[float, ...]
    repeat_header: bool
    style: str  # ruled | unruled | zebra | shaded_header | light_grid
    split_rows: bool = True


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph; ``style`` is title, subtitle, meta, heading, heading_caps, body, bullet,
    label (a "Label: value" line with a bold label) or legend."""

    text: str
    style: str = "body"
    mark: str | None = None  # a record's key, or keys joined by "|" (a paragraph holding several)
    label: str | None = None


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A forced page break."""


@dataclass(frozen=True, slots=True)
class ColumnFlow:
    """From here on the text flows in this many page columns, starting on a new page."""

    columns: int


@dataclass(frozen=True, slots=True)
class PageTurn:
    """From here on the pages are portrait or landscape, starting on a new page (a memo's
    portrait pages around its landscape bilaga)."""

    landscape: bool


Block = Para | Table | PageBreak | ColumnFlow | PageTurn


@dataclass(frozen=True, slots=True)
class Look:
    """How the pages look: orientation, font family and base size, running header."""

    landscape: bool
    font: str  # vera | dejavu | liberation_sans | liberation_serif
    size: float
    running_header: str | None
    footer: str | None = None  # a print footer left of the page number (a sheet's file, date)
    rotate: int = 0  # pages stored portrait, their content turned, /Rotate this (90, 270)
    paper: str = "a4"  # a4 | a3 (a sheet printed on A3: 42 × 29.7 cm landscape)


@dataclass(frozen=True, slots=True)
class GeneratedDoc:
    """A composed document: family, seed, choices, metadata, records and blocks."""

    family: str
    seed: int
    choices: dict[str, object]
    meta: Meta
    risks: tuple[GRisk, ...]
    blocks: tuple[Block, ...]
    look: Look
    anchors: dict[str, str] = field(default_factory=dict)  # mark -> first drawn text
