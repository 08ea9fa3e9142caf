"""Layout recognition: a document's blocks in reading order -> raw risks and controls.

One walker serves all four known layouts, because real documents mix them:
- ``ruled_risk_table``: a ruled table with a risk column, one risk per row;
- ``risk_export``: loose blocks (process heading + bullets, risk title,
  description, a small Riskkategori/…/Konsekvens table, "Kommentar:",
  KONTROLLMOMENT and AKTIVITET tables);
- ``control_report``: control tables under risk headings, with "Resultat:"
  and "Kommentar:" paragraphs after them;
- ``report_table``: a control table with a process column and section rows.
Tables are recognised by their header vocabulary (normalize.vocabulary), so a
column's position does not matter.  Prose and unrelated tables give no rows.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from riskrad.extract.blocks import Block, Paragraph, page_blocks, running_lines, split_page
from riskrad.extract.tables import Grid
from riskrad.extract.tableview import (
    RowCells,
    TableView,
    data_rows,
    is_split_continuation,
    map_table,
    table_kind,
)
from riskrad.model import vocabulary as vocab
from riskrad.model.records import Cell, LayoutResult, PageRecord, RawControl, RawRisk

HEADING_SIZE_RATIO = 1.15  # a paragraph this much larger than body text is a heading
HEADING_MAX_CHARS = 160
TITLE_MAX_CHARS = 220
RISK_FIELDS = frozenset(
    {
        "process",
        "risk",
        "description",
        "risk_category",
        "responsible",
        "probability",
        "consequence",
        "risk_value",
        "existing_controls",
        "planned_handling",
        "follows_plan",
        "comment",
    }
)
CONTROL_FIELDS = frozenset(
    {"control", "description", "responsible", "frequency", "method", "result", "comment", "action"}
)


def paragraph_cell(paragraph: Paragraph) -> Cell:
    """Given a paragraph, its text as a Cell."""
    words = paragraph.words
    confidence = sum(w.confidence for w in words) / len(words) if words else 1.0
    return Cell(paragraph.text, paragraph.page, paragraph.bbox, confidence)


def join_cells(first: Cell | None, second: Cell) -> Cell:
    """Given a field's cell and more text for it, one cell holding both."""
    if first is None:
        return second
    bbox = first.bbox if second.bbox is None or second.page != first.page else None
    if bbox is None and first.bbox is not None and second.bbox is not None:
        bbox = first.bbox.union(second.bbox) if second.page == first.page else first.bbox
    weight_a, weight_b = len(first.raw) or 1, len(second.raw) or 1
    confidence = (first.confidence * weight_a + second.confidence * weight_b) / (
        weight_a + weight_b
    )
    return Cell(first.raw + "\n" + second.raw, first.page, bbox, confidence)


@dataclass
class Draft:
    """A risk or control being assembled by the walker (frozen when done)."""

    fields: dict[str, Cell]
    page: int
    layout: str
    kind: str = "risk"  # or "control"
    controls: list[Draft] = field(default_factory=list)

    def add(self, name: str, cell: Cell) -> None:
        self.fields[name] = join_cells(self.fields.get(name), cell)


def freeze_control(draft: Draft) -> RawControl:
    """Given a control draft, the frozen RawControl."""
    return RawControl(dict(draft.fields), draft.page, draft.layout)


def freeze_risk(draft: Draft) -> RawRisk:
    """Given a risk draft, the frozen RawRisk with its controls."""
    controls = tuple(freeze_control(c) for c in draft.controls)
    return RawRisk(dict(draft.fields), draft.page, draft.layout, controls)


def body_font_size(blocks: list[Block]) -> float:
    """Given a document's blocks, the type size of its body text (median over lines' words)."""
    sizes = [
        line.font_size
        for b in blocks
        if isinstance(b, Paragraph)
        for line in b.lines
        for _ in line.words
    ]
    return statistics.median(sizes) if sizes else 10.0


def is_title_like(paragraph: Paragraph, bold_known: bool, heading: bool = False) -> bool:
    """Given a paragraph before a risk table, whether it reads as the risk's title."""
    text = paragraph.text.strip()
    if len(text) > TITLE_MAX_CHARS:
        return False
    if heading:
        return True
    if bold_known:
        return paragraph.bold
    return len(paragraph.lines) <= 2 and not text.endswith((".", ":", ";"))


def split_title(
    buffer: list[Paragraph], is_heading: Callable[[Paragraph], bool]
) -> tuple[list[Paragraph], Paragraph | None, list[Paragraph]]:
    """Given the paragraphs before a risk table, (before the title, the title, description)."""
    if not buffer:
        return [], None, []
    bold_known = any(p.bold for p in buffer) and any(w.origin == "text" for w in buffer[-1].words)
    for i in range(len(buffer) - 1, -1, -1):
        if is_title_like(buffer[i], bold_known, is_heading(buffer[i])):
            return buffer[:i], buffer[i], buffer[i + 1 :]
    return [], buffer[0], buffer[1:]


@dataclass
class Walker:
    """Walks a document's blocks, keeping the context a reader would keep."""

    body_size: float
    page_width: float
    risks: list[Draft] = field(default_factory=list)
    orphans: list[Draft] = field(default_factory=list)
    process: Cell | None = None
    buffer: list[Paragraph] = field(default_factory=list)
    label: tuple[Draft, str] | None = None
    section: str | None = None
    last_view: TableView | None = None
    last_record: Draft | None = None
    last_row: dict[str, tuple[Draft, str]] = field(default_factory=dict)
    table_open: bool = False  # the previous block was a table (a page break may continue it)
    layouts: set[str] = field(default_factory=set)

    # --- paragraphs -----------------------------------------------------------

    def paragraph(self, paragraph: Paragraph) -> None:
        """Given a paragraph, file it as label text, heading, bullet or buffered prose."""
        self.table_open = False
        text = paragraph.text.strip()
        labelled = vocab.paragraph_label(text)
        if labelled is not None and self.last_record is not None:
            self.flush()
            name, rest = labelled
            target = self.label_target(name)
            self.label = (target, name) if target is not None else None
            if target is not None and rest:
                cell = paragraph_cell(paragraph)
                target.add(name, Cell(rest, cell.page, cell.bbox, cell.confidence))
            return
        kind = vocab.section_label(text)
        if kind is not None:
            self.flush()
            self.label, self.section = None, kind
            return
        if paragraph.is_bullet:
            if self.buffer and not self.buffer[-1].is_bullet:
                heading = self.buffer.pop()
                self.flush()
                self.label, self.section = None, None
                self.process = paragraph_cell(heading)
            return
        self.buffer.append(paragraph)

    def is_heading(self, paragraph: Paragraph) -> bool:
        """Given a paragraph, whether its size marks it as a heading."""
        text = paragraph.text.strip()
        return (
            paragraph.font_size >= HEADING_SIZE_RATIO * self.body_size
            and len(text) <= HEADING_MAX_CHARS
            and len(paragraph.lines) <= 2
            and not text.endswith((".", ",", ";"))
            and any(ch.isalpha() for ch in text)
        )

    def label_target(self, name: str) -> Draft | None:
        """Given a label's field, the record it belongs to (the latest that has that field)."""
        record = self.last_record
        if record is None:
            return None
        if name in (CONTROL_FIELDS if record.kind == "control" else RISK_FIELDS):
            return record
        if record.kind == "risk" and name in CONTROL_FIELDS and record.controls:
            return record.controls[-1]
        return None

    def flush(self) -> None:
        """Send buffered paragraphs to the open label, or drop them as prose.

        A heading among them (larger type) names the process of what follows
        and closes the label: the prose after a heading is an introduction.
        """
        for paragraph in self.buffer:
            if self.is_heading(paragraph):
                self.process = paragraph_cell(paragraph)
                self.label, self.section = None, None
            elif self.label is not None:
                target, name = self.label
                target.add(name, paragraph_cell(paragraph))
        self.buffer = []

    # --- tables ---------------------------------------------------------------

    def table(self, grid: Grid, first_on_page: bool) -> None:
        """Given a ruled table, read its rows according to what kind of table it is."""
        continued = self.table_open and first_on_page
        view = map_table(grid, self.last_view, self.page_width)
        self.table_open = True
        if view is None:
            self.flush()
            self.label = None
            self.table_open = False
            return
        kind = table_kind(view, self.section)
        if kind is None:
            self.flush()
            self.label = None
            self.last_view = view
            return
        rows = data_rows(view)
        if continued and rows and self.last_row and is_split_continuation(view, rows[0]):
            self.continue_row(rows.pop(0))
        if kind == "risk_attrs":
            self.risk_attrs(rows)
        else:
            self.flush()
            self.label = None
            if kind == "risk_table":
                self.risk_rows(rows)
            elif kind == "control_table":
                self.control_rows(view, rows)
            elif kind == "activity_table":
                self.activity_rows(rows)
        self.last_view = view

    def continue_row(self, row: RowCells) -> None:
        """Given the rest of a row split by a page break, add it to the row it continues."""
        for name, cell in row.values.items():
            if name in row.inherited or name not in self.last_row:
                continue
            draft, target_name = self.last_row[name]
            draft.add(target_name, cell)

    def new_risk(self, page: int, layout: str) -> Draft:
        """Given where a risk starts, a new risk draft in the current process."""
        draft = Draft({}, page, layout)
        if self.process is not None:
            draft.fields["process"] = self.process
        self.risks.append(draft)
        self.last_record = draft
        self.layouts.add(layout)
        return draft

    def risk_attrs(self, rows: list[RowCells]) -> None:
        """Given the rows of a Riskkategori/…/Konsekvens table, the risk they describe."""
        before, title, description = split_title(self.buffer, self.is_heading)
        self.buffer = before
        self.flush()
        self.label, self.section = None, None
        if not rows:
            return
        page = title.page if title is not None else rows[0].page
        draft = self.new_risk(page, "risk_export")
        if title is not None:
            draft.fields["risk"] = paragraph_cell(title)
        for paragraph in description:
            draft.add("description", paragraph_cell(paragraph))
        self.last_row = {}
        for name, cell in rows[0].values.items():
            if name in RISK_FIELDS:
                draft.add(name, cell)
                self.last_row[name] = (draft, name)

    def risk_rows(self, rows: list[RowCells]) -> None:
        """Given the rows of a risk table, one risk per row (merged process cells filled down)."""
        for row in rows:
            if row.spanning_text is not None and "risk" not in row.values:
                self.process = row.spanning_text
                continue
            draft = self.new_risk(row.page, "ruled_risk_table")
            if "process" not in row.values and self.last_row.get("process"):
                previous, _ = self.last_row["process"]
                if "process" in previous.fields:
                    draft.fields["process"] = previous.fields["process"]
            self.last_row = {}
            for name, cell in row.values.items():
                if name in RISK_FIELDS:
                    draft.fields[name] = cell
                    self.last_row[name] = (draft, name)

    def control_rows(self, view: TableView, rows: list[RowCells]) -> None:
        """Given the rows of a control table, controls under their risks (or rows as risks)."""
        fields = view.field_set
        row_is_risk = "risk" in fields or "process" in fields
        layout = "report_table" if row_is_risk else "control_report"
        for row in rows:
            if row.spanning_text is not None:
                if row_is_risk:
                    self.process = row.spanning_text
                else:
                    draft = self.new_risk(row.page, layout)
                    draft.fields["risk"] = row.spanning_text
                continue
            self.control_row(row, row_is_risk, layout)

    def control_row(self, row: RowCells, row_is_risk: bool, layout: str) -> None:
        """Given one row of a control table, its control (and the risk it names, if any)."""
        values = dict(row.values)
        if vocab.TITLE in values:
            values["control"] = values.pop(vocab.TITLE)
        owner: Draft | None
        if row_is_risk:
            risk_cell = values.pop("risk", None)
            process_cell = values.pop("process", None)
            if risk_cell is None and process_cell is not None:
                risk_cell, process_cell = process_cell, None
            if risk_cell is None:
                owner = None
            else:
                owner = self.new_risk(row.page, layout)
                owner.fields["risk"] = risk_cell
                if process_cell is not None:
                    owner.fields["process"] = process_cell
                for name in list(values):
                    if name in RISK_FIELDS - CONTROL_FIELDS:
                        owner.fields[name] = values.pop(name)
        else:
            owner = self.risks[-1] if self.risks else None
        control_layout = layout if row_is_risk or owner is None else owner.layout
        control = Draft({}, row.page, control_layout, kind="control")
        self.last_row = {}
        for name, cell in values.items():
            if name in CONTROL_FIELDS:
                control.fields[name] = cell
                self.last_row[name] = (control, name)
        if not control.fields:
            return
        if owner is None:
            self.orphans.append(control)
        else:
            owner.controls.append(control)
        self.last_record = control
        self.layouts.add(layout)

    def activity_rows(self, rows: list[RowCells]) -> None:
        """Given an AKTIVITET table's rows, their descriptions as the risk's planned handling."""
        if not self.risks:
            return
        risk = self.risks[-1]
        self.last_row = {}
        for row in rows:
            cell = row.values.get("description") or row.values.get(vocab.TITLE)
            if cell is not None:
                risk.add("planned_handling", cell)
                self.last_row["description"] = (risk, "planned_handling")
        self.section = None

    def finish(self) -> LayoutResult:
        """Close the walk: pending prose goes to the open label; the frozen result."""
        self.flush()
        return LayoutResult(
            risks=tuple(freeze_risk(r) for r in self.risks),
            orphan_controls=tuple(freeze_control(c) for c in self.orphans),
            layouts=tuple(sorted(self.layouts)),
        )


def recognise(pages: list[PageRecord]) -> LayoutResult:
    """Given a document's page records, the risks and controls its layouts hold."""
    layouts = [split_page(p) for p in pages]
    running = running_lines(layouts)
    blocks_by_page = [(layout.record, page_blocks(layout, running)) for layout in layouts]
    all_blocks = [b for _, blocks in blocks_by_page for b in blocks]
    width = max((p.width for p in pages), default=595.0)
    walker = Walker(body_size=body_font_size(all_blocks), page_width=width)
    for _page, blocks in blocks_by_page:
        for index, block in enumerate(blocks):
            if isinstance(block, Grid):
                walker.table(block, first_on_page=index == 0)
            else:
                walker.paragraph(block)
    return walker.finish()
