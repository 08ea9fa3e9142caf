"""Reading a document's blocks in order, as an auditor would: tables row by row, with context.

The reader keeps what a reader keeps in mind: the current process (the
nearest heading above), the risk the next controls belong to, the headers of
the tables seen so far, the open "Label:" a paragraph continues. Tables are read
through their column roles (columns.py) and every row gets a role (rows.py);
paragraphs are headings, risk titles, labelled values or prose. Every record
notes the rule that made it (its ``layout``), and every decision is logged.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace

from riskrad.extract.blocks import Paragraph
from riskrad.extract.cell_parts import labelled_text, listed_parts
from riskrad.extract.recognize.columns import (
    ColumnRoles,
    TableKindName,
    band_above,
    column_roles,
    map_grid,
    table_kind,
)
from riskrad.extract.recognize.headings import (
    heading_kind,
    is_structure_heading,
    names_contents,
    strip_numbering,
)
from riskrad.extract.recognize.item_parts import trailing_parts
from riskrad.extract.recognize.items import (
    continued_items,
    list_mark,
    split_items,
    split_row_items,
    strip_mark,
)
from riskrad.extract.recognize.keyvalue import (
    LabelLine,
    bullet_lines,
    card_fields,
    form_box,
    label_lines,
    opening_fields,
    risk_paragraph,
    titled_box,
)
from riskrad.extract.recognize.naming import (
    Later,
    caption_row,
    linked_risk,
    mark,
    reference_column,
)
from riskrad.extract.recognize.record_text import (
    CONTROL_TEXT,
    RISK_TEXT,
    default_field,
    record_text,
)
from riskrad.extract.recognize.references import is_number_reference, referenced
from riskrad.extract.recognize.rows import ends_with_text, is_record_text, row_role
from riskrad.extract.recognize.transposed import is_transposed, turned_if_transposed
from riskrad.extract.recognize.values import (
    VALUE_FIELDS,
    ValueKey,
    factors,
    factors_by_value,
    fill_at,
    numbered_title,
    risk_number,
    sk_pair,
    square_of_name,
)
from riskrad.extract.tables import Grid
from riskrad.extract.tableview import (
    RowCells,
    TableView,
    cell_of,
    data_rows,
    digits_going_on,
    is_split_continuation,
)
from riskrad.extract.wordbreaks import one_broken_word
from riskrad.model import vocabulary as vocab
from riskrad.model.records import (
    BBox,
    Cell,
    Fill,
    LayoutResult,
    RawControl,
    RawRisk,
    mean_confidence,
)
from riskrad.model.risk_titles import number_key
from riskrad.model.settings import RecognizerSettings, UnruledSettings
from riskrad.model.text import item_mark, spaceless

log = logging.getLogger("riskrad.recognize")

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


def paragraph_cell(paragraph: Paragraph, text: str | None = None) -> Cell:
    """Given a paragraph (and optionally the text to keep of it), its text as a Cell."""
    words = paragraph.words
    confidence = mean_confidence(words, 1.0)
    return Cell(
        paragraph.text if text is None else text, paragraph.page, paragraph.bbox, confidence
    )


def join_cells(first: Cell | None, second: Cell, *, broken: bool = False) -> Cell:
    """Given a field's cell and more text for it (and whether it goes on with the rest of
    a word broken at the end of the first), one cell holding both."""
    if first is None:
        return second
    bbox = first.bbox
    if first.bbox is not None and second.bbox is not None and second.page == first.page:
        bbox = first.bbox.union(second.bbox)
    weight_a, weight_b = len(first.raw) or 1, len(second.raw) or 1
    confidence = (first.confidence * weight_a + second.confidence * weight_b) / (
        weight_a + weight_b
    )
    joint = "" if broken else "\n"
    return Cell(first.raw + joint + second.raw, first.page, bbox, confidence)


def ends_broken_word(cell: Cell | None, more: Cell) -> bool:
    """Given a field's cell above a page break and its rest below, whether the rest goes on
    with a word the cell's last line broke ("Måna" / "dsvis", "Kontroll" / "en"): it opens
    in a small letter and the two pieces read as one word."""
    if cell is None:
        return False
    head = cell.raw.rstrip().rsplit(None, 1)[-1:]
    tail = more.raw.lstrip().split(None, 1)[:1]
    if not head or not tail or not tail[0][:1].islower():
        return False
    return one_broken_word(head[0], tail[0])


def opens_anew(cell: Cell | None, more: Cell) -> bool:
    """Given a field's cell above a page break and its rest below, whether the rest is a
    value of its own: the cell holds text, the rest opens with a capital and does not go on
    with a word the cell's last line broke."""
    if cell is None or not cell.raw.strip():
        return False
    return more.raw.lstrip()[:1].isupper() and not ends_broken_word(cell, more)


# A control's fields whose values may open with a small letter ("vid delårsbokslut",
# "enhetschef"): their rest says nothing of going on.
SHORT_VALUES = frozenset({"responsible", "frequency"})


def goes_on(cell: Cell | None, more: Cell) -> bool:
    """Given a field's cell above a page break and its rest below, whether the rest surely
    goes on with it: the cell holds text and the rest opens with a small letter ("… 50% av
    de" / "är 20 % som …"), as the rest of a broken word does."""
    if cell is None or not cell.raw.strip():
        return False
    return more.raw.lstrip()[:1].islower()  # a broken word's rest opens small too


def checked_pair(draft: Draft, cell: Cell) -> None:
    """Given a risk row's draft and its cell of a column naming S and K together, S and K
    from a reading with the sign lost ("24" beside "Medel (8)") when the row's value in a
    cell of its own checks them (:func:`factors_by_value`) and no S or K was read."""
    value = draft.fields.get("risk_value")
    if value is None or value is cell or {"probability", "consequence"} & draft.fields.keys():
        return
    checked = factors_by_value(cell.raw, value.raw)
    if checked is not None:
        draft.fields["probability"] = replace(cell, number=checked[0])
        draft.fields["consequence"] = replace(cell, number=checked[1])


@dataclass
class Draft:
    """A risk or control being assembled (frozen when the document is read)."""

    fields: dict[str, Cell]
    page: int
    layout: str
    kind: str = "risk"  # or "control"
    controls: list[Draft] = field(default_factory=list)
    row_cells: dict[str, str] | None = None  # a risk row's risk-side cell texts, by field
    labelled: set[str] = field(default_factory=set)  # fields set by "Label: value"
    empty: dict[str, tuple[int, BBox]] = field(default_factory=dict)  # value cells without text
    number: str | None = None  # the risk's number (Nr column), for a risk matrix
    # a table row's control: the fields its column's header names after the control, in
    # order ("Kontrollmoment (ansvarig, frekvens)"), () when it names none; None elsewhere
    parts: tuple[str, ...] | None = None
    # a table row's control: its other cells holding further fields by their header ("Ansvarig
    # / när"), as (field, the fields in order), split again when read whole (a page break)
    shared: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def add(self, name: str, cell: Cell, *, broken: bool = False) -> None:
        self.fields[name] = join_cells(self.fields.get(name), cell, broken=broken)


def control_field(name: str, control: Draft) -> str | None:
    """Given a box's field and the control its rows describe, the control's field it fills:
    its own, or the action for a planned handling after the control's result ("Resultat: …",
    "Planerad åtgärd: …"); None for a field a control does not have."""
    if name in CONTROL_FIELDS:
        return name
    if name == "planned_handling" and control.fields.keys() & {"result", "comment"}:
        return "action"
    return None


def untitled_risk(cells: list[tuple[str, Cell]]) -> bool:
    """Given a box's fields, whether they assess a risk without naming it: a value of the
    risk (S, K, riskvärde) before any control's field, and no risk label."""
    names = [name for name, _ in cells]
    if "risk" in names:
        return False
    before = names[: names.index("control")] if "control" in names else names
    return bool({"probability", "consequence", "risk_value"} & set(before))


def freeze_control(draft: Draft) -> RawControl:
    """Given a control draft, the frozen RawControl."""
    return RawControl(dict(draft.fields), draft.page, draft.layout)


def freeze_risk(draft: Draft) -> RawRisk:
    """Given a risk draft, the frozen RawRisk with its controls."""
    controls = tuple(freeze_control(c) for c in draft.controls)
    return RawRisk(dict(draft.fields), draft.page, draft.layout, controls)


TITLED_LABELS = frozenset({"control", "probability", "consequence", "risk_value", vocab.SK_PAIR})
CONTEXT_LABELS = frozenset(  # a risk's own lines that assess nothing
    {"process", "risk_category", vocab.OWNER, "responsible", "description"}
)
FOLLOW_UP_LABELS = frozenset({"result", "action", "comment", "method"})
CONTROL_SIDE = frozenset({"responsible", "frequency", "method", "result", "action"})
CELL_PADDING = 8.0  # points a cell's text starts right of its column's edge at most
CAPTION = re.compile(r"^(tabell|figur|bilaga|diagram)\s*\d*\b", re.IGNORECASE)
# a table's caption naming its area after its number: "Tabell 2. Ekonomi", "Tabell 2 – Ekonomi"
CAPTION_AREA = re.compile(r"^(?:tabell|tab\.)\s*\d+[a-z]?\s*[.:–—-]\s*(?P<area>\S.*)$",
                          re.IGNORECASE)
CAPTION_WORDS = 8  # an area's name is a few words; a longer caption describes the table


SCALE_NUMBERS = re.compile(r"\d+")


def one_risks_values(lines: list[LabelLine]) -> bool:
    """Given "Label: value" lines, whether their values can be one risk's: no value line
    lists a scale ("Sannolikhet: 1 = Osannolik, 2 = Mindre sannolik, …" under a heading
    "Bedömningsskala" declares steps, it assesses nothing)."""
    return all(
        len(SCALE_NUMBERS.findall(line.value)) <= 1
        for line in lines
        if line.field in ("probability", "consequence", "risk_value")
    )


def ends_sentence(paragraph: Paragraph) -> bool:
    """Given a paragraph, whether its text ends a sentence (prose, not a title)."""
    return paragraph.text.strip().endswith((".", "!", "?"))


def is_title_like(paragraph: Paragraph, bold_known: bool, heading: bool, limit: int) -> bool:
    """Given a paragraph before a risk's table, whether it reads as the risk's title."""
    text = paragraph.text.strip()
    if len(text) > limit or paragraph.is_bullet:
        return False
    if heading:
        return True
    if bold_known:
        return paragraph.bold
    return len(paragraph.lines) <= 2 and not text.endswith((".", ":", ";"))


@dataclass
class ItemList:
    """The controls one row listed as items of its control cell, for the row's rest that a
    page break carries over: their risk, the list's mark and the cells they share."""

    owner: Draft | None
    controls: list[Draft]
    mark: str
    shared: frozenset[str]


def same_table(view: TableView, before: TableView) -> bool:
    """Given a table's view and the view of the table before it, whether their headers name
    mostly the same fields (the same table's header repeated, a column more or less), not
    other columns (a sheet's next print strip: "Nr | Kontrollmoment | …" after "Nr | Risk |
    S | K | R")."""
    named = [
        {f for f in v.fields if f is not None and f not in (vocab.NUMBER, vocab.IGNORED)}
        for v in (view, before)
    ]
    smaller = min(len(named[0]), len(named[1]))
    return smaller == 0 or len(named[0] & named[1]) * 2 >= smaller


def scale_legend(rows: list[RowCells]) -> bool:
    """Given a table's data rows, whether they define a scale: one value column counts the
    steps 1, 2, 3, … down its rows and the others name them in words ("Osannolik",
    "Lindrig"), no step's cells holding a number."""
    numbers = {
        name: [parse_step(row.values[name].raw) if name in row.values else None for row in rows]
        for name in VALUE_FIELDS
    }
    counting = [n for n, steps in numbers.items() if steps == list(range(1, len(rows) + 1))]
    if len(rows) < 2 or len(counting) != 1:
        return False
    others = [n for n in VALUE_FIELDS if n != counting[0]]
    return all(
        not re.search(r"\d", row.values[n].raw) for row in rows for n in others if n in row.values
    )


def parse_step(text: str) -> int | None:
    """Given a cell, its whole number when it is nothing else."""
    return int(text) if text.strip().isdigit() else None


def bare(risk: Draft) -> bool:
    """Given a risk draft, whether it is only a heading's title made a risk over label lines
    (no values, no description): no risk a number may name ("1. Ekonomi" over its area's
    controls)."""
    return set(risk.fields) <= {"risk", "process"} and risk.layout.startswith("title_over_labels")


def number_reference(lines: list[LabelLine]) -> bool:
    """Given "Label: value" lines, whether they are one line naming a risk by its number
    ("Risk nr: R2", "Avser risk: 2")."""
    return (
        len(lines) == 1
        and lines[0].field in ("risk", vocab.NUMBER)
        and is_number_reference(lines[0].value)
    )


@dataclass
class Reader:
    """Reads a document's blocks in order, keeping the context a reader keeps."""

    body_size: float
    page_width: float
    settings: RecognizerSettings
    source: str = ""
    gaps: UnruledSettings = field(default_factory=UnruledSettings)  # label-value gap
    risks: list[Draft] = field(default_factory=list)
    orphans: list[Draft] = field(default_factory=list)
    # controls naming their risk by a number no risk read before has: linked at the end
    forward: list[tuple[Draft, str]] = field(default_factory=list)
    # controls of a table naming each row's risk by number (naming.py), that risk not read yet
    later: list[tuple[Draft, Later]] = field(default_factory=list)
    table_refs: str | None = None  # the field of the open table's column naming rows' risks
    table_later: Later | None = None  # the risk not read yet that the last row named
    ahead: tuple[Grid, ...] = ()  # the tables after the one being read (the next two)
    process: Cell | None = None
    buffer: list[Paragraph] = field(default_factory=list)
    held: list[Paragraph] = field(default_factory=list)  # context label lines under a title
    label: tuple[Draft, str] | None = None
    section: str | None = None
    views: list[TableView] = field(default_factory=list)
    last_record: Draft | None = None
    last_row: dict[str, tuple[Draft, str]] = field(default_factory=dict)
    table_open: bool = False  # the previous block was a table (a page break may continue it)
    table_risk: Draft | None = None  # the risk the rows of the open table add controls to
    table_controls: list[Draft] = field(default_factory=list)  # the controls of that table
    layouts: set[str] = field(default_factory=set)
    process_first: bool | None = None  # whether "Process:" opens a card (else it follows "Risk:")
    pending: tuple[Paragraph, Draft, Cell | None] | None = None  # a numbered title over
    #                     "Risk: …", that risk and the process before: a control if results follow
    listing: ItemList | None = None  # the controls the last row listed in one cell
    table_first_risk: int = 0  # risks before this index were read before the open table
    process_since: int = 0  # how many risks there were when the process heading was read
    list_marks: set[str] = field(default_factory=set)  # marks of cells listing 2+ controls
    rule_suffix: str = ""  # added to the layout of rows of a table read with content roles
    written: tuple[Paragraph, Draft] | None = None  # the last block: a risk's paragraph, its risk
    row_record: Draft | None = None  # the record the open table's last row gave (risk, control)
    # free-text paragraphs right after a table's record row: its text if the table goes on
    between: list[Paragraph] = field(default_factory=list)
    resumed: bool = False  # the table read goes on after its last record's free text
    header_again: bool = False  # the open table's header repeated as a paragraph after it
    outcomes: bool = False  # the open table reports outcomes (a result or status column)
    text_field: str | None = None  # the field its header names for its records' text rows

    def note(self, page: int, what: str, why: str) -> None:
        """Given a decision, log it at INFO (visible with -v)."""
        log.info("%s p%d: %s (%s)", self.source, page, what, why)

    # --- paragraphs -----------------------------------------------------------

    def heading(self, paragraph: Paragraph) -> bool:
        """Given a paragraph, whether it is a heading (size, numbering, capitals or bold)."""
        return heading_kind(paragraph, self.body_size, self.settings) is not None

    def paragraph(self, paragraph: Paragraph, *, replay: bool = False) -> None:
        """Given a paragraph, file it as label text, key-value lines, heading or prose
        (``replay``: a held paragraph read now, see ``holds``)."""
        if self.holds_between(paragraph):
            return
        if self.table_open and self.repeats_header(paragraph):
            self.header_again = True  # a page's repeated header the grid left out: the
            return  #                   table goes on in the grid after it
        self.release_between()
        self.header_again = False
        self.table_open = False
        if not replay and self.written_rest(paragraph):
            return
        text = paragraph.text.strip()
        lines = label_lines(paragraph, self.gaps)
        if not lines and (written := risk_paragraph(paragraph, self.settings.title_max_chars)):
            self.written_risk(paragraph, written)
            return
        if not replay and self.holds(paragraph, lines):
            self.held.append(paragraph)
            return
        names = {line.field for line in lines}
        if not names & TITLED_LABELS or "risk" in names:
            self.release()  # only a risk's assessment or controls may take the title above
        if not lines:
            self.pending = None  # prose or a heading: no control's results under the title
        if not lines and paragraph.is_bullet and self.titled_list():
            lines = bullet_lines(paragraph)  # a risk's bullets under its name, without labels
        if lines and self.label_lines(paragraph, lines):
            return
        self.release()
        labelled = vocab.paragraph_label(text)
        if labelled is not None and self.last_record is not None:
            self.flush()
            name, rest = labelled
            target = self.label_target(name)
            self.label = (target, name) if target is not None else None
            if target is not None:
                target.labelled.add(name)
                if rest:
                    target.add(name, paragraph_cell(paragraph, rest))
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
                self.set_process(paragraph_cell(heading), "paragraph before a bullet list")
            return
        self.buffer.append(paragraph)

    def holds_between(self, paragraph: Paragraph) -> bool:
        """Given a paragraph right after a table's record row (or after such paragraphs),
        whether it is held as that record's free text (record_text.py): an unruled table's
        row of text across the columns falls out of its grid as a paragraph between two
        parts; the next block says whether the table goes on (:meth:`text_between`)."""
        if not self.table_open or self.row_record is None:
            return False
        text = paragraph.text.strip()
        if record_text(text, heading_like=self.heading(paragraph)) is None:
            return False
        self.between.append(paragraph)
        return True

    def release_between(self) -> None:
        """Given that the table did not go on after the held paragraphs, read them: one
        record's labelled text (each paragraph led by a label of its own field, "Kommentar:
        …" then "Planerad åtgärd: …") is the last record's; else they are paragraphs
        (several "Resultat: …" go to the table's controls in order, prose to what it
        describes)."""
        held, self.between = self.between, []
        if not held:
            return
        self.table_open = False
        leads = [record_text(p.text.strip()) for p in held]
        fields = [parts[0][0] for parts in leads if parts]
        in_columns = all(map(self.in_column, held))  # under the table's inner columns
        if (self.text_field is not None and len(held) == 1) or in_columns or (
            None not in fields and len(set(fields)) == len(held)
        ):  # (or the one paragraph of a table whose header names its records' text row)
            for paragraph in held:
                self.note(paragraph.page, "record's text", "labelled paragraph after its row")
                self.add_free_text(paragraph_cell(paragraph), control_side=False)
            return
        for paragraph in held:
            self.paragraph(paragraph)

    def in_column(self, paragraph: Paragraph) -> bool:
        """Given a paragraph after a table, whether it starts at one of the table's inner
        columns (a cell's padding at most right of its left edge), not at the table's or
        the page's left: an unruled row's text under the control's columns."""
        view = self.views[-1] if self.views else None
        if view is None or not paragraph.lines:
            return False
        x0 = min(line.bbox.x0 for line in paragraph.lines)
        return any(0.0 <= x0 - x <= CELL_PADDING for x in view.grid.col_bounds[1:-1])

    def repeats_header(self, paragraph: Paragraph) -> bool:
        """Given a paragraph after a table, whether it is that table's header again (its
        column labels in order, as a page's repeated header outside the grid)."""
        view = self.views[-1] if self.views else None
        if view is None or not view.header_words:
            return False
        header = spaceless(" ".join(w for words in view.header_words for w in words))
        return len(header) > 0 and spaceless(paragraph.text) == header

    def text_between(self, grid: Grid, first_on_page: bool) -> bool:
        """Given the grid after held paragraphs (:meth:`holds_between`) and whether it opens
        its page, whether the table goes on in it (its rows under the columns of the table
        before, without a header, or under the same header again on a new page): then the
        paragraphs are its last record's free text, else they are read as paragraphs."""
        if not self.between:
            return False
        view = map_grid(grid, self.views, self.page_width, self.settings.column_tolerance)
        before = self.views[-1] if self.views else None
        goes_on = view is not None and before is not None and (
            (view.header_rows == 0 and view.fields == before.fields)
            or (first_on_page and view.header_rows > 0 and same_table(view, before))
        )
        if not goes_on:
            self.release_between()
            return False
        held, self.between = self.between, []
        for paragraph in held:
            self.note(paragraph.page, "record's text", "a paragraph between a table's parts")
            self.add_free_text(paragraph_cell(paragraph), control_side=False)
        return True

    def written_risk(self, paragraph: Paragraph, lines: list[LabelLine]) -> None:
        """Given a paragraph that is one risk in running text (``risk_paragraph``: its
        numbered title stating its values, its cause, its controls' labelled parts) and its
        fields, the risk and its controls; the headings above it name its process, and its
        labels close with it (the next paragraph adds nothing to them)."""
        self.release()
        self.pending, self.table_controls = None, []
        self.label_lines(paragraph, lines, layout="numbered_paragraph")
        self.label = None
        if self.risks:  # its number, for a risk matrix naming risks by number
            self.risks[-1].number = numbered_title(paragraph.text.strip())[0]
            self.written = (paragraph, self.risks[-1])

    def written_rest(self, paragraph: Paragraph) -> bool:
        """Given a paragraph, whether it is the rest of a risk's paragraph that a page break
        cut (the block right before it, on an earlier page; the same type; no heading, item
        or numbered title; the paragraph above ends inside a sentence, or this one opens in a
        small letter or with a label): that risk is read anew from the whole paragraph."""
        written, self.written = self.written, None
        if written is None or not self.risks or self.risks[-1] is not written[1]:
            return False
        before = written[0]
        text = paragraph.text.strip()
        if (
            paragraph.page <= before.page
            or paragraph.is_bullet
            or abs(paragraph.font_size - before.font_size) > 0.5
            or self.heading(paragraph)
            or numbered_title(text)[0] is not None
        ):
            return False
        labelled = label_lines(paragraph, self.gaps)
        if labelled and labelled[0].field in ("risk", "process"):
            return False  # a card of its own
        if before.text.rstrip().endswith((".", "!", "?")) and not (
            text[:1].islower() or labelled
        ):
            return False
        whole = Paragraph((*before.lines, *paragraph.lines), before.page)
        lines = risk_paragraph(whole, self.settings.title_max_chars)
        if not lines:
            return False
        self.risks.pop()
        self.note(paragraph.page, "rest of a risk's paragraph", "cut by the page break before")
        self.written_risk(whole, lines)
        return True

    def holds(self, paragraph: Paragraph, lines: list[LabelLine]) -> bool:
        """Given a paragraph and its "Label: value" lines, whether to hold it unread: lines
        naming only a risk's context (its process, category, owner or cause: "• Område:
        Ekonomi", "Riskkategori: …", "Orsak: …") under a title paragraph, that may be the
        title's own (a slide's heading over "Område: …" then "Sannolikhet: 3"). Held
        paragraphs are read as before unless what follows takes the title (the label lines of
        an assessment, ``titled_labels``, or a control table, ``titled_controls``): then
        they are that risk's."""
        if not lines or ":" not in paragraph.text:
            return False
        if not {line.field for line in lines} <= CONTEXT_LABELS and not number_reference(lines):
            return False  # (a risk named by its number may be a control's, "Risk nr: R2")
        return bool(self.held) or (bool(self.buffer) and not self.buffer[-1].is_bullet)

    def release(self) -> None:
        """Read the held paragraphs as they would have been read where they stand."""
        held, self.held = self.held, []
        for paragraph in held:
            self.paragraph(paragraph, replay=True)

    def context_labels(self, draft: Draft, held: list[Paragraph]) -> None:
        """Given a risk made from a title and the context label lines held under the title,
        their values as the risk's (a process named so is the current process)."""
        for paragraph in held:
            for line in label_lines(paragraph, self.gaps):
                cell = Cell(line.value, paragraph.page, line.bbox, line.confidence)
                name = "responsible" if line.field == vocab.OWNER else line.field
                if name == "process":
                    self.process = cell if cell.raw.strip() else None
                    if self.process is None:
                        draft.fields.pop("process", None)
                    else:
                        draft.fields["process"] = self.process
                elif line.value:
                    draft.add(name, cell)
                draft.labelled.add(name)
                self.note(paragraph.page, f"risk's {name}", "context label under its title")

    def content_caption(self, page: int) -> None:
        """Given the paragraphs before a table, a caption right above it naming what it holds
        ("Kontroller", "Bedömda risker": ``names_contents``) is dropped: it names no risk and
        no area (the area heading above it stays the process)."""
        while self.buffer and names_contents(self.buffer[-1].text):
            caption = self.buffer.pop()
            self.note(page, f"caption {caption.text.strip()[:40]!r}", "names the table's content")

    def caption_area(self) -> None:
        """Given the paragraphs before a table, a caption naming an area ("Tabell 2.
        Ekonomi", set in any type) makes the area the process of the table's rows."""
        if not self.buffer:
            return
        text = " ".join(self.buffer[-1].text.split())
        found = CAPTION_AREA.match(text)
        if found is None or len(found["area"].split()) > CAPTION_WORDS:
            return
        caption = paragraph_cell(self.buffer.pop())
        self.flush()
        self.set_process(caption, "caption above the table")

    def set_process(self, cell: Cell, why: str) -> None:
        """Given a heading's cell, make it the current process (none after a structure heading;
        a caption's area without its number: "Tabell 2. Ekonomi" is Ekonomi)."""
        text = strip_numbering(cell.raw)
        if (caption := CAPTION_AREA.match(" ".join(text.split()))) is not None:
            text = caption["area"].strip()
        head, colon, rest = text.partition(":")
        if colon and rest.strip() and vocab.classify_header(head) == "process":
            text = rest.strip()  # "Verksamhetsområde: Kultur och fritid" as a heading
        if is_structure_heading(text):
            self.process = None
            self.note(cell.page, f"no process after {text[:60]!r}", f"{why}, part of the document")
            return
        self.process = Cell(text, cell.page, cell.bbox, cell.confidence)
        self.process_since = len(self.risks)
        self.note(cell.page, f"process {text[:60]!r}", why)

    def label_target(self, name: str) -> Draft | None:
        """Given a label's field, the record it belongs to (the latest that has that field).

        After a table of several controls, "Resultat:" paragraphs go to its
        controls in order: the first that has no labelled value for the field.
        """
        record = self.last_record
        if record is None:
            return None
        if record.kind == "control" and name in CONTROL_FIELDS and self.table_controls:
            return next(
                (c for c in self.table_controls if name not in c.labelled),
                self.table_controls[-1],
            )
        if name in (CONTROL_FIELDS if record.kind == "control" else RISK_FIELDS):
            return record
        if record.kind == "risk" and name in CONTROL_FIELDS and record.controls:
            return record.controls[-1]
        return None

    def label_lines(
        self, paragraph: Paragraph, lines: list[LabelLine], layout: str = "label_lines"
    ) -> bool:
        """Given "Label: value" lines, the risks and controls they give or add to.

        "Risk:" starts a risk, "Kontrollmoment:" a control of the latest risk;
        "Process:" sets the process (of the risk it follows in the same card, or
        of the risks after it); other labels add to the latest record that has
        the field; labels without a contract field close the open label.
        """
        names = {line.field for line in lines}
        if self.control_over_labels(paragraph, lines, names) or self.control_risk_number(lines):
            return True
        closes = vocab.IGNORED in names and self.last_record is not None
        lined = layout == "label_lines"  # a card's lines (else one paragraph's running text)
        pending = self.numbered_title(names) if ":" in paragraph.text and lined else None
        if (
            self.pending is not None
            and not names & {"risk", "control"}
            and names & FOLLOW_UP_LABELS
        ):
            self.title_as_control()  # "Metod: …" under "Risk: …": the title is a control
        colons = ":" in paragraph.text or paragraph.is_bullet  # labels written as labels,
        titled = colons and one_risks_values(lines) and self.titled_labels(names)  # no header
        if (
            not titled
            and not closes
            and not names & {"risk", "control", "process"}
            and not any(
                self.label_target(line.field) is not None
                or (line.field == vocab.OWNER and self.risks)
                for line in lines
            )
        ):
            return False
        self.flush()
        self.label = None
        for line in lines:
            cell = Cell(line.value, paragraph.page, line.bbox, line.confidence)
            name = line.field
            if name == vocab.IGNORED:
                self.label = None
                continue
            last = self.last_record
            if name in ("risk", vocab.NUMBER) and "control" in names and last is not None \
                    and last.kind == "control" and is_number_reference(line.value) \
                    and (number := risk_number(line.value)) is not None:
                self.relink(last, number)  # "Kontroll 1: …" / "Risk nr: R1" in one paragraph
                continue
            if name == "risk" and pending is not None:  # maybe one control's risk of many
                named = self.named_risk(cell)
                draft = named or self.new_risk(paragraph.page, "label_lines")
                if named is not None:
                    self.last_record = named
                draft.fields.setdefault("risk", cell)
                draft.labelled.add("risk")
                self.pending = (pending[0], draft, pending[1])
                self.note(paragraph.page, "risk", "line 'Risk: …' under a numbered title")
                self.label = (draft, "risk")
                continue
            if name == "risk":
                draft = self.new_risk(paragraph.page, layout)
                draft.fields["risk"] = cell
                draft.labelled.add("risk")
                self.note(paragraph.page, "risk", "line 'Risk: …'")
                self.label = (draft, "risk")
                if len(lines) == 1 and heading_kind(paragraph, self.body_size, self.settings) == (
                    "size"
                ):  # a heading "Risk 3: Title" in larger type: the title; the text under
                    self.label = (draft, "description")  # it describes the risk
                    draft.number = risk_number(paragraph.text.partition(":")[0])
                continue
            if name == "control":
                owner = self.risks[-1] if self.risks else None
                control = self.new_control(owner, paragraph.page, layout)
                control.fields["control"] = cell
                self.note(paragraph.page, "control", "line 'Kontrollmoment: …'")
                self.label = (control, "control")
                continue
            if name == "process":
                self.label_process(cell)
                continue
            if name in FOLLOW_UP_LABELS and "control" not in names:
                self.title_as_control()  # no control named: the title above is the control
            if name == vocab.OWNER:
                name = "responsible"
                target = self.risks[-1] if self.risks else None
            else:
                target = self.label_target(name)
            if target is None and name in RISK_FIELDS and self.risks:
                target = self.risks[-1]
            if target is None:
                continue
            if line.value:
                target.add(name, cell)
            target.labelled.add(name)
            self.label = (target, name)
        return True

    def control_over_labels(
        self, paragraph: Paragraph, lines: list[LabelLine], names: set[str]
    ) -> bool:
        """Given "Label: value" lines, whether they are a control's under its numbered title
        above ("3. Kontroll av …" / "Risk nr: R2" / "Ansvarig: …" / "Frekvens: …", each line
        maybe a paragraph of its own): a control's fields and its risk named by number, no
        control or risk named by its text. The control is that risk's: one read before, or
        one read later (an appendix of the risks), linked at the end."""
        if "control" in names or not self.buffer:
            return False
        trail = [(p, label_lines(p, self.gaps)) for p in self.held]
        start = len(self.buffer)
        while start > 0 and (found := label_lines(self.buffer[start - 1], self.gaps)):
            start -= 1
            trail.insert(0, (self.buffer[start], found))
        if start == 0:
            return False
        last = self.buffer[start - 1]
        if len(last.lines) >= 2:  # the title's paragraph going on with its first labels
            under = label_lines(Paragraph(last.lines[1:], last.page), self.gaps)
            if under:
                trail.insert(0, (last, under))
                last = Paragraph(last.lines[:1], last.page)
        everything = [*(ln for _, found in trail for ln in found), *lines]
        refs = [ln for ln in everything if ln.field in ("risk", vocab.NUMBER)]
        fields = {ln.field for ln in everything}
        if "control" in fields or not number_reference(refs) or not fields & CONTROL_SIDE:
            return False
        text = " ".join(last.text.split())
        if last.is_bullet or strip_numbering(text) == text or len(last.lines) > 2:
            return False
        number = risk_number(refs[0].value)
        if number is None:
            return False
        self.held = []  # the title's label lines, held or taken as prose: the control's own
        del self.buffer[start - 1 :]
        self.flush()
        self.label = None
        owner = next((r for r in reversed(self.risks)
                      if number_key(r.number) == number and not bare(r)), None)
        control = self.new_control(owner, last.page, "title_over_labels")
        _, title = numbered_title(text)
        control.fields["control"] = paragraph_cell(last, title)
        if owner is None:
            self.forward.append((control, number))
        for line in everything:
            if line.field in CONTROL_FIELDS and line.field != "control":
                control.add(line.field, Cell(line.value, paragraph.page, line.bbox,
                                             line.confidence))
        self.note(last.page, "control", f"numbered title over its labels, risk {number}")
        return True

    def control_risk_number(self, lines: list[LabelLine]) -> bool:
        """Given "Label: value" lines, whether they name by number the risk of the control
        just read from its label line ("Kontroll 1: …" / "Risk nr: R1"): the control moves
        to that risk (read before, or later: linked at the end). A risk made of the title
        above it alone ("1. Ekonomi") that so loses its only control was an area's heading:
        it gives the process, no risk."""
        control = self.last_record
        if (
            not number_reference(lines)
            or control is None
            or control.kind != "control"
            or not control.layout.startswith("label_lines")
            or self.buffer
        ):
            return False
        number = risk_number(lines[0].value)
        if number is None:
            return False
        self.relink(control, number)
        return True

    def relink(self, control: Draft, number: str) -> None:
        """Given a control and the number of the risk it names, the control moved to that
        risk (read before, or later: linked at the end); a risk made of a heading alone
        that so loses its only control gives the process instead."""
        before = next((r for r in self.risks if control in r.controls), None)
        if before is not None:
            before.controls.remove(control)
        elif control in self.orphans:
            self.orphans.remove(control)
        owner = next((r for r in reversed(self.risks)
                      if number_key(r.number) == number and not bare(r)), None)
        if owner is not None:
            owner.controls.append(control)
        else:
            self.orphans.append(control)
            self.forward.append((control, number))
        if before is not None and not before.controls and set(before.fields) <= {"risk",
                                                                                   "process"} \
                and before.layout.startswith("title_over_labels"):
            self.risks.remove(before)  # a heading over controls, no risk
            self.set_process(before.fields["risk"], "heading over controls naming their risks")
            control.fields.pop("process", None)
        self.note(control.page, "control", f"names its risk by number {number}")

    def link_forward(self) -> None:
        """Given the controls that named their risk by a number read later (an appendix of
        the risks after the follow-up), each moved to the risk of that number."""
        for control, number in self.forward:
            owner = next((r for r in self.risks
                          if number_key(r.number) == number and not bare(r)), None)
            if owner is not None and control in self.orphans:
                self.orphans.remove(control)
                owner.controls.append(control)
        self.forward = []

    def control_attributes(self, view: TableView, rows: list[RowCells]) -> bool:
        """Given a table and its rows, whether it is one row of a control's attributes
        (Ansvarig | Tidplan | Status, no control or risk column) under the control its label
        lines just named; they are added to that control."""
        control = self.last_record
        if (
            len(rows) != 1
            or control is None
            or control.kind != "control"
            or not control.layout.startswith(("title_over_labels", "label_lines"))
            or view.field_set & {"control", "risk", vocab.TITLE}
            or not view.field_set & CONTROL_FIELDS
        ):
            return False
        self.flush()
        for name, cell in rows[0].values.items():
            if name in CONTROL_FIELDS and name not in control.fields:
                control.add(name, cell)
        self.note(rows[0].page, "control attributes", "one row of them under a control's labels")
        return True

    def numbered_title(self, names: set[str]) -> tuple[Paragraph, Cell | None] | None:
        """Given the fields of "Label: value" lines, the numbered title paragraph right above
        a "Risk: …" line ("1.2 Kontroll av …") and the process before it: the title names
        the process as before, unless results follow (``title_as_control``)."""
        if "risk" not in names:
            return None
        self.pending = None  # a risk named anew
        if "control" in names or not self.buffer:
            return None
        last = self.buffer[-1]
        text = " ".join(last.text.split())
        if last.is_bullet or strip_numbering(text) == text or len(last.lines) > 2:
            return None
        self.buffer.pop()  # the headings above it name the process before it
        self.flush()
        self.buffer.append(last)
        return last, self.process

    def title_as_control(self) -> None:
        """Given the reader at a line of a control's method or results (Metod, Resultat,
        Utfall, Åtgärd) right after a "Risk: …" line under a numbered title: the title is that
        risk's control, not a process ("1.2 Kontroll av …" / "Risk: …" / "Utfall: …")."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        title, risk, before = pending
        if self.last_record is not risk:
            return
        control = self.new_control(risk, title.page, "title_over_labels")
        _, text = numbered_title(" ".join(title.text.split()))
        control.fields["control"] = paragraph_cell(title, text)
        self.process = before  # the title named no process
        if before is None:
            risk.fields.pop("process", None)
        elif risk.layout.startswith("label_lines"):
            risk.fields["process"] = before
        self.note(title.page, "control", "numbered title over a 'Risk: …' line and results")

    def named_risk(self, cell: Cell) -> Draft | None:
        """Given a "Risk: …" value, the risk of that name read before in the document (a risk
        named again by each of its controls)."""
        key = " ".join(cell.raw.split()).casefold()
        return next(
            (
                r
                for r in reversed(self.risks)
                if "risk" in r.fields and " ".join(r.fields["risk"].raw.split()).casefold() == key
            ),
            None,
        )

    def titled_list(self) -> bool:
        """Given the reader, whether a bullet list now can be a risk's: right under a
        title-like paragraph, or going on under a risk read from one."""
        if self.buffer:
            return not self.buffer[-1].is_bullet
        risk = self.risks[-1] if self.risks else None
        return risk is not None and risk.layout == "title_over_labels"

    def titled_labels(self, names: set[str]) -> bool:
        """Given the fields of "Label: value" lines without a "Risk:" line, a risk from the
        title paragraph right above them when they assess a risk or name its controls (a
        risk's bold name over bullets "– Riskbedömning: …", "– Kontroll: …")."""
        if "risk" in names or not names & TITLED_LABELS or not self.buffer:
            return False
        last = self.buffer[-1]
        bold_known = any(p.bold for p in self.buffer) and any(
            w.origin == "text" for w in last.words
        )
        limit = self.settings.title_max_chars
        if not is_title_like(last, bold_known, self.heading(last), limit):
            if not self.described_title(bold_known):
                return False
        elif label_lines(last):
            return False  # a bold "Sannolikhet: 4" paragraph names no risk
        held, self.held = self.held, []  # context labels under the title are its risk's
        title, described = self.take_title()  # the paragraph right above (or its cause
        if title is None:  #             under it): the headings before it name the process
            self.held = held
            return False
        draft = self.titled_risk(
            title, described, "title_over_labels", "title paragraph over label lines"
        )
        self.context_labels(draft, held)
        return True

    def described_title(self, bold_known: bool) -> bool:
        """Given whether the text layer tells bold, whether the buffer ends with a title and
        one or two paragraphs of plain text under it (a risk's bold name, its cause, then
        its labels), the text neither bold nor label lines.

        Where boldness is unknown (a scan's words) the title must be a heading (larger type
        or numbered, not a part of the document such as "Inledning") and its cause prose
        ending a sentence: what tells the bold name from its cause on the image."""
        limit = self.settings.title_max_chars
        for causes in (1, 2):
            if len(self.buffer) <= causes:
                return False
            cause = self.buffer[-causes]
            if cause.bold or label_lines(cause):
                return False
            if not bold_known and (self.heading(cause) or not ends_sentence(cause)):
                return False
            title = self.buffer[-causes - 1]
            if bold_known and is_title_like(title, bold_known, self.heading(title), limit):
                return not label_lines(title)
            if not bold_known and self.heading(title) and len(title.text.strip()) <= limit:
                return not label_lines(title) and not is_structure_heading(
                    strip_numbering(title.text)
                )
        return False

    def label_process(self, cell: Cell) -> None:
        """Given a "Process:" value, the process of the risk it follows (same card) or the next.

        Cards keep one order: when the document's first "Process:" comes before any
        card's risk, every "Process:" opens its card and names the risk after it.
        """
        self.process = cell if cell.raw.strip() else None
        risk = self.last_record
        card = (
            risk is not None
            and risk.kind == "risk"
            and risk.layout
            in (
                "label_lines",
                "label_value_box",
            )
        )
        if self.process_first is None:
            self.process_first = not card
        if (
            not self.process_first
            and risk is not None
            and risk.kind == "risk"
            and not risk.controls
            and "process" not in risk.labelled
            and risk.layout in ("label_lines", "label_value_box")
        ):
            if self.process is None:
                risk.fields.pop("process", None)
            else:
                risk.fields["process"] = self.process
            risk.labelled.add("process")

    def flush(self) -> None:
        """Send buffered paragraphs to the open label, or drop them as prose.

        A heading among them names the process of what follows and closes the
        label: the prose after a heading is an introduction. Held paragraphs are read first
        (each where it stood: after the buffer, which reading one flushes).
        """
        self.release()
        for paragraph in self.buffer:
            kind = heading_kind(paragraph, self.body_size, self.settings)
            if kind is not None:
                self.set_process(paragraph_cell(paragraph), f"{kind} heading")
                self.label, self.section = None, None
            elif self.label is not None:
                target, name = self.label
                target.add(name, paragraph_cell(paragraph))
        self.buffer = []

    def take_title(self) -> tuple[Paragraph | None, list[Paragraph]]:
        """Given the buffered paragraphs before a risk's table, its title and description.

        The title is the last title-like paragraph (bold where the text layer
        knows boldness, else short and without closing punctuation); what is
        before it is flushed (headings, label text), what is after it describes.
        """
        self.release()
        buffer = self.buffer
        if not buffer:
            return None, []
        bold_known = any(p.bold for p in buffer) and any(
            w.origin == "text" for w in buffer[-1].words
        )
        limit = self.settings.title_max_chars
        index = next(
            (
                i
                for i in range(len(buffer) - 1, -1, -1)
                if is_title_like(buffer[i], bold_known, self.heading(buffer[i]), limit)
            ),
            None,
        )
        if index is None:
            return None, []
        title, description = buffer[index], buffer[index + 1 :]
        self.buffer = buffer[:index]
        self.flush()
        return title, description

    # --- tables ---------------------------------------------------------------

    def table(self, grid: Grid, first_on_page: bool, last_on_page: bool = False) -> None:
        """Given a ruled or unruled table (and whether it opens or ends its page), read its
        rows according to its column roles."""
        self.written = None
        again, self.header_again = self.header_again, False
        self.resumed = self.text_between(grid, first_on_page or again)
        continued = self.table_open and (first_on_page or again or self.resumed)
        form = form_box(grid)  # labels, values across the columns right of them
        if not form and (upright := turned_if_transposed(grid)) is not None:
            self.note(grid.page, "table on its side", "labels down its first column, a record in "
                      "each further column: read turned")
            grid = upright
        if not form and (banded := band_above(grid)) is not None:
            band, rest = banded  # an area's band over the table's header: the area, then
            self.flush()  #         the table; a caption or the document's own heading there
            text = strip_numbering(" ".join(band.text.split()))  # names no area
            if not is_structure_heading(text) and CAPTION.match(text) is None:
                self.set_process(cell_of(band), "band across the table above its header")
            self.table(rest, first_on_page, last_on_page)
            return
        box_of_labels = form or (grid.n_cols == 2 and (  # "Nr | Risk 9" over labels, or a
            is_transposed(grid, records=1) or titled_box(grid)  # title row: one risk's box
        ))
        view = None if box_of_labels else map_grid(  # over labels: one risk's box, no header
            grid, self.views, self.page_width, self.settings.column_tolerance
        )
        if continued and view is not None and view.header_rows and self.views:
            continued = same_table(view, self.views[-1])  # a header of other columns: a new
        self.table_open = True  # table (a sheet's next print strip), not the one before
        boxed = view is None or view.header_rows == 0 or table_kind(view, self.section) is None
        cells = card_fields(grid) if boxed else []
        if boxed and not cells and continued and self.last_record is not None \
                and self.last_record.layout.startswith("label_value_box"):
            cells = card_fields(grid, min_labels=1)  # a box's last rows over the page break
        if boxed and not cells and last_on_page:
            cells = opening_fields(grid)  # a box's first rows at a page's foot
        if cells and view is not None:  # labels down its first column: a box, not rows under
            self.note(grid.page, "label/value box", "labels in its first column")  # a header
            view = None
        if view is None:
            if cells and not continued and untitled_risk(cells):
                cells = self.title_over_box(grid, cells)
            self.flush()
            self.label = None
            self.table_open = bool(cells)  # a box may go on over the page break
            if cells and continued:
                cells = self.continue_card(grid, cells)
            if cells:
                self.card(grid, cells)
            return
        self.content_caption(grid.page)
        self.caption_area()
        self.views.append(view)
        kind = table_kind(view, self.section)
        self.note(grid.page, f"table {kind or 'unrelated'}", f"columns {view.fields}")
        self.rule_suffix = ("+content_roles" if view.by_content else "") + (
            "+marked_steps" if view.steps else ""
        )
        if view.by_content:
            self.note(grid.page, "columns named by their cells", "labels the vocabulary lacks")
        if view.steps:
            self.note(grid.page, "values ticked under their steps", f"steps {view.steps}")
        try:
            self.table_rows(view, kind, continued, last_on_page)
        finally:
            self.rule_suffix = ""

    def table_rows(
        self, view: TableView, kind: TableKindName | None, continued: bool, last_on_page: bool
    ) -> None:
        """Given a table's view and kind (whether it goes on from the page before and ends
        its page), read its rows as risks and controls."""
        grid = view.grid
        if kind is None:
            if self.control_attributes(view, data_rows(view)):
                return  # "Status | Resultat | Åtgärd" under a control's labels
            self.flush()
            self.label = None
            return
        rows = data_rows(view)
        if (
            continued
            and not self.resumed  # a record's text between: the rows after start afresh
            and rows
            and not (self.row_record is not None and is_record_text(rows[0]))  # its text row
            and self.last_row
            and is_split_continuation(
                view, rows[0], self.row_above(), self.listing.mark if self.listing else None,
                self.due(),
            )
        ):
            self.note(grid.page, "row continued", "first row of a table continued over a page")
            self.continue_row(rows.pop(0))
        if kind == "attributes":
            self.attributes(rows)
            return
        if self.control_attributes(view, rows):
            return
        if kind == "activities":
            self.flush()
            self.label = None
            self.activity_rows(rows)
            return
        roles = column_roles(view)
        if not continued:  # a title risk made for this table is not one read before it
            self.table_first_risk = len(self.risks)
            self.table_refs = reference_column(view, roles, rows, self.ahead)
            self.table_later = None
            if self.table_refs is not None:
                self.note(grid.page, "rows name their risk by number", f"{self.table_refs} column")
        if not rows and last_on_page:  # a header closing its page: what stands above it
            if not continued:  # goes with its rows on the next (a title names their risk)
                self.table_risk = None
                self.table_controls = []
            return
        if (
            kind == "controls"
            and rows
            and rows[0].spanning_text is None
            and self.reference(rows[0].values, roles) is None
            and self.table_refs is None  # the heading above names the area, not a risk
        ):
            self.titled_controls()
        self.flush()
        self.label = None
        if not continued:
            self.table_risk = None
            self.table_controls = []
            self.row_record = None
        self.outcomes = bool(view.field_set & {"result", vocab.STATUS})
        self.text_field = view.record_text
        for row in rows:
            self.row(row, roles, kind)

    def titled_risk(
        self, title: Paragraph, described: list[Paragraph], layout: str, why: str
    ) -> Draft:
        """Given a risk's title paragraph, the paragraphs describing it, the layout and why,
        the risk it starts (its number taken out of the title: "R3 …", "1.2 …")."""
        draft = self.new_risk(title.page, layout)
        number, text = numbered_title(" ".join(title.text.split()))
        draft.fields["risk"] = paragraph_cell(title, text)
        draft.number = number
        for paragraph in described:
            draft.add("description", paragraph_cell(paragraph))
        self.note(title.page, "risk", why)
        return draft

    def titled_controls(self) -> None:
        """Before a control table without a heading row: a title paragraph above names its risk
        (context label lines between them, "Område: …", are that risk's)."""
        held, self.held = self.held, []
        title, description = self.take_title()
        if title is None:
            self.held = held
            return
        self.table_risk = self.titled_risk(
            title, description, "title_above_controls", "title paragraph above a control table"
        )
        self.context_labels(self.table_risk, held)

    def row_above(self) -> dict[str, str] | None:
        """Given the reader, the risk-side cells of the last risk row read, by field, with
        the control of the last row read ("control", empty when that row's control cell
        was; a control table under a title paragraph has only that)."""
        risk = self.table_risk
        cells = dict(risk.row_cells or {}) if risk is not None else {}
        control = next((d for d, _ in self.last_row.values() if d.kind == "control"), None)
        if control is not None:  # "" when its control cell was left empty (its text below)
            cells["control"] = control.fields["control"].raw if "control" in control.fields else ""
        return cells if risk is not None or control is not None else None

    def due(self) -> frozenset[str]:
        """Given the reader, the columns of the last row read whose cell's rest is still due
        after a page break: a control cell in bold alone whose method its header names."""
        return frozenset(
            name for name, (draft, target) in self.last_row.items()
            if draft.kind == "control" and target != name and target not in draft.fields
        )

    def continue_row(self, row: RowCells) -> None:
        """Given the rest of a row split by a page break, add it to the row it continues
        (a listed control's rest to its item, further items as controls of their own, a
        cell the listed controls share to all of them)."""
        listing = self.listing
        risk = self.table_risk
        number = row.values.get(vocab.NUMBER)
        if risk is not None and risk.row_cells is not None and number is not None:
            whole = f"{risk.row_cells.get(vocab.NUMBER, '')} {number.raw}".strip()
            risk.row_cells[vocab.NUMBER] = whole
            risk.number = risk.number or risk_number(whole)
        fresh = self.control_after_break(row) if listing is None else None
        for name, cell in row.values.items():
            above = risk.row_cells if risk is not None else None
            if (
                above is not None
                and name in above
                and name not in (vocab.NUMBER, *row.inherited)
                and not ends_with_text(above[name], cell.raw)  # a cut repeat's rest
            ):
                above[name] = f"{above[name]}\n{cell.raw}"  # whole, to tell a later repeat
            source = next((c for c, parts in row.parted.items() if name in parts and name != c),
                          None)
            if name not in self.last_row and source in self.last_row:  # "kända" / "Metod: …":
                self.last_row[name] = (self.last_row[source][0], name)  # the rest of a cell,
                #                                                         a part of its own
            if name in row.inherited or name not in self.last_row:
                continue
            draft, target_name = self.last_row[name]
            if fresh is not None and draft is fresh[0]:
                control = fresh[1]
                control.fields[target_name] = cell  # a control of its own, not the rest
                self.last_row[name] = (control, target_name)
                continue
            if name in row.parted.get(name, ()):  # the cell below split too: its head goes on
                target_name = name  #                the column's own field, its parts theirs
            if listing is not None and name == "control" and draft in listing.controls:
                self.continue_listing(listing, cell, draft)
                continue
            shared = listing is not None and name in listing.shared and draft in listing.controls
            for target in listing.controls if listing is not None and shared else [draft]:
                before = target.fields.get(target_name)
                broken = ends_broken_word(before, cell) or (  # "2" / "0": a value cut mid-row
                    name in VALUE_FIELDS and before is not None
                    and digits_going_on(before.raw, cell.raw)
                )
                target.add(target_name, cell, broken=broken)

    def control_after_break(self, row: RowCells) -> tuple[Draft, Draft] | None:
        """Given the rest of a row split by a page break, the row's last control and a new
        control when the rest opens one of its own rather than going on with it: its
        control cell opens with a capital (no word broken over the break) and so does
        another of the control's cells that the control has already ("Rektor" above,
        "Controller" below: a second control of the row's risk, its description going on
        beside it) and none of its prose cells goes on with what the control has
        (:func:`goes_on`; a responsible or frequency may open with a small letter)."""
        entry = self.last_row.get("control")
        if entry is None or entry[0].kind != "control" or "control" not in row.values:
            return None
        last = entry[0]
        if not opens_anew(last.fields.get(entry[1]), row.values["control"]):
            return None
        if not any(
            name != "control"
            and name in self.last_row
            and self.last_row[name][0] is last
            and opens_anew(last.fields.get(self.last_row[name][1]), cell)
            for name, cell in row.values.items()
        ):
            return None
        if any(
            name in self.last_row
            and self.last_row[name][0] is last
            and self.last_row[name][1] not in SHORT_VALUES
            and goes_on(last.fields.get(self.last_row[name][1]), cell)
            for name, cell in row.values.items()
        ):
            return None  # "BIP används." under the control, but its result goes on: "är 20 % …"
        self.note(row.page, "control of its own", "its cells open anew after the page break")
        control = self.new_control(self.table_risk, row.page, last.layout)
        control.parts = last.parts
        self.table_controls.append(control)
        return last, control

    def continue_listing(self, listing: ItemList, cell: Cell, last: Draft) -> None:
        """Given a listing row's control cell carried over a page break, the end of its last
        item and the controls it goes on to list."""
        head, items = continued_items(cell, listing.mark)
        if head is not None:
            last.add("control", head)
        for item in items:
            control = self.new_control(listing.owner, item.page, last.layout)
            control.parts = last.parts
            control.shared = last.shared
            self.table_controls.append(control)
            control.fields["control"] = item
            for name in listing.shared:
                if name in last.fields:
                    control.fields[name] = last.fields[name]
            listing.controls.append(control)
            self.last_row["control"] = (control, "control")

    def new_risk(self, page: int, layout: str) -> Draft:
        """Given where a risk starts and the rule, a new risk draft in the current process."""
        draft = Draft({}, page, layout + self.rule_suffix)
        if self.process is not None:
            draft.fields["process"] = self.process
        self.risks.append(draft)
        self.last_record = draft
        self.layouts.add(draft.layout)
        return draft

    def new_control(self, owner: Draft | None, page: int, layout: str) -> Draft:
        """Given its risk (or None), where it is and the rule, a new control draft."""
        control = Draft({}, page, layout + self.rule_suffix, kind="control")
        if owner is None:
            self.orphans.append(control)
        else:
            owner.controls.append(control)
        self.last_record = control
        self.layouts.add(control.layout)
        return control

    def attributes(self, rows: list[RowCells]) -> None:
        """Given the rows of a Riskkategori/…/Konsekvens table, the risk they describe."""
        if scale_legend(rows):  # "Värde | Sannolikhet | Konsekvens": what each step means
            self.note(rows[0].page, "no risk", "a table of a scale's steps and their words")
            self.flush()
            return
        title, description = self.take_title()
        self.flush()
        self.label, self.section = None, None
        if not rows:
            return
        page = title.page if title is not None else rows[0].page
        draft = self.new_risk(page, "title_above_attributes")
        self.note(page, "risk", "title paragraph above a risk-attribute table")
        if title is not None:
            draft.fields["risk"] = paragraph_cell(title)
        for paragraph in description:
            draft.add("description", paragraph_cell(paragraph))
        self.last_row = {}
        for name, cell in rows[0].values.items():
            target = "responsible" if name == vocab.OWNER else name
            if target in RISK_FIELDS:
                draft.add(target, cell)
                self.last_row[name] = (draft, target)

    def row(self, row: RowCells, roles: ColumnRoles, kind: str) -> None:
        """Given a data row, its role, and the risk or control it gives."""
        if caption_row(row):
            self.note(row.page, "no row", "one cell naming a table's content: a caption")
            return
        current = self.table_risk.row_cells if self.table_risk is not None else None
        role, why = row_role(row, roles, current, under_record=self.row_record is not None,
                             text_row=self.text_field is not None)
        self.note(row.page, f"row {role}", why)
        if role == "text":
            self.free_text(row, roles)
            return
        if role == "heading":
            self.row_record = None
            assert row.spanning_text is not None
            numbered = vocab.NUMBER in roles.risk and self.table_first_risk > 0
            if kind == "rows" or numbered or row.area:  # rows naming risks read before by
                #                  number: the heading is their area, not a risk's title
                self.set_process(row.spanning_text, "heading row inside a risk table")
                self.table_risk = None
            else:
                draft = self.new_risk(row.page, "heading_row_over_controls")
                number, text = numbered_title(row.spanning_text.raw)
                draft.fields["risk"] = replace(row.spanning_text, raw=text, text=None)
                draft.number = number
                self.table_risk = draft
            return
        if role == "nothing":
            return
        if role == "continuation":
            self.continue_row(row)
            return
        values = dict(row.values)
        if vocab.TITLE in values:
            values["control"] = values.pop(vocab.TITLE)
        owner: Draft | None
        layout = "control_row" if kind == "rows" else "control_row_under_risk"
        earlier = self.reference(values, roles)
        later = self.later_reference(values) if earlier is None else None
        if earlier is not None:
            self.note(row.page, "row refers to a risk read before", "its title or number")
            owner = self.table_risk = earlier
            self.table_later = None
            layout = "control_row_referring"
        elif later is not None:
            self.note(row.page, "row names a risk not read yet", f"number {later.number}")
            owner, self.table_risk, role = None, None, "control"
            layout = "control_row_naming_later"
        elif role in ("risk", "both"):
            owner = self.risk_row(
                row, values, roles, "risk_row" if role == "risk" else "risk_row_with_control"
            )
        elif kind == "rows":
            owner = self.table_risk
        else:
            owner = self.table_risk or (self.risks[-1] if self.risks else None)
        self.row_record = owner
        if role == "risk":
            return
        control_cells = {n: c for n, c in values.items() if n in roles.control or n == "control"}
        if not control_cells:
            return
        if role == "control":
            self.last_row = {}
        listed = split_row_items(control_cells)
        if len(listed) > 1:
            self.note(row.page, f"{len(listed)} controls", "items listed in one control cell")
            layout += "_items"
            mark = list_mark(control_cells.get("control"))
            if mark is not None:
                self.list_marks.add(mark)
        made: list[Draft] = []
        for cells in listed:
            control = self.new_control(owner, row.page, layout)
            control.parts = roles.control_parts
            control.shared = roles.shared
            self.table_controls.append(control)
            made.append(control)
            for name, cell in cells.items():
                if name in CONTROL_FIELDS:
                    control.fields[name] = cell
                    self.last_row[name] = (control, name)
            for name, parts in row.parted.items():  # a cell split into parts goes on in its
                if name in cells:  # last, or its part still due (a control in bold alone)
                    self.last_row[name] = (control, parts[-1])
        mark = list_mark(control_cells.get("control"))
        shared = (
            frozenset(
                n
                for n, c in listed[0].items()
                if n != "control" and all(cells.get(n) is c for cells in listed)
            )
            if mark is not None
            else frozenset()
        )
        self.listing = ItemList(owner, made, mark, shared) if mark is not None else None
        if later is not None:
            self.later.extend((control, later) for control in made)
        self.row_record = made[-1] if made else owner

    def later_reference(self, values: dict[str, Cell]) -> Later | None:
        """Given a row's cells in a table naming each row's risk by number (naming.py), the
        risk not read before that it names (its cell empty: the one the row above named),
        or None."""
        if self.table_refs is None:
            return None
        cell = values.get(self.table_refs)
        if cell is None or not cell.raw.strip():
            return self.table_later
        number = mark(cell.raw)
        if number is None:
            return None
        process = self.process.raw if self.process is not None else None
        if self.table_later is not None and self.table_later.number == number:
            return self.table_later
        order = self.table_later.order + 1 if self.table_later is not None else 0
        self.table_later = Later(number, self.table_later.read if self.table_later is not None
                                 else len(self.risks), process, order)
        return self.table_later

    def link_later(self) -> None:
        """Given the controls naming a risk not read before them, each moved to the risk of
        that number read after it (``linked_risk``)."""
        for control, later in self.later:
            index = linked_risk(later, self.risks, bare)
            if index is not None and control in self.orphans:
                self.orphans.remove(control)
                self.risks[index].controls.append(control)
        self.later = []

    def free_text(self, row: RowCells, roles: ColumnRoles) -> None:
        """Given a row of free text under a record's row (record_text.py), add its parts to
        the record: a description to the risk, a comment or action to the control above
        (the unlabelled text by :func:`default_field`); the risk stays open for the
        controls below."""
        cell = row.spanning_text
        if cell is None:
            return
        first = next(iter(row.values), None)  # the field of the first column the cell spans
        self.add_free_text(cell, control_side=first in roles.control)

    def add_free_text(self, cell: Cell, *, control_side: bool) -> None:
        """Given a record's free text (a row's cell or a paragraph) and whether it lies under
        the control's columns, its parts added to the last row's record (:meth:`free_text`)."""
        record = self.row_record
        if record is None:
            return
        parts = record_text(cell.raw) or []
        control = record if record.kind == "control" else None
        risk = self.table_risk if control is not None else record
        for name, text in parts:
            if name is None:
                name = default_field(
                    control_side, self.outcomes and control is not None, self.text_field
                )
            part = replace(cell, raw=text, text=None)
            target: Draft | None
            if name in RISK_TEXT and (control is None or name not in CONTROL_TEXT):
                target = risk if risk is not None else control
            else:
                target = control if control is not None else risk
            if target is None:
                continue
            field_name = (  # a control's planned measure is its action
                name if target.kind == "risk"
                else "action" if name == "planned_handling" else control_field(name, target)
            )
            if field_name is None or field_name not in (
                RISK_FIELDS if target.kind == "risk" else CONTROL_FIELDS
            ):
                continue
            target.add(field_name, part)
            self.note(cell.page, f"{target.kind} {field_name}", "free text under its row")

    def reference(self, values: dict[str, Cell], roles: ColumnRoles) -> Draft | None:
        """Given a row's cells, the risk of an earlier table it names (by title or number)
        when the row has no other risk cell of its own (no values, no description)."""
        earlier = self.risks[: self.table_first_risk]
        if not earlier:
            return None
        risk_side = {n for n in values if n in roles.risk or n == vocab.NUMBER}
        naming = {vocab.NUMBER, "risk", "process"}
        if not risk_side or not risk_side <= naming:
            return None
        name = values.get(vocab.NUMBER) or values.get("risk")
        if name is None:
            return None
        own = values.get("process")
        heading = self.process.raw if self.process is not None else None
        fresh = self.process_since >= self.table_first_risk  # read after the earlier risks
        found = referenced(
            name.raw,
            earlier,
            own.raw if own is not None else None,
            heading if fresh else None,
            None if fresh else heading,
        )
        return found if isinstance(found, Draft) else None

    def risk_row(
        self, row: RowCells, values: dict[str, Cell], roles: ColumnRoles, layout: str
    ) -> Draft:
        """Given a risk row's values, the new risk (process filled down within the table)."""
        previous = self.table_risk
        draft = self.new_risk(row.page, layout)
        self.table_risk = draft
        draft.row_cells = {n: c.raw for n, c in values.items() if n in roles.risk}
        draft.empty = {n: (row.page, b) for n, b in row.empty.items() if n in VALUE_FIELDS}
        if vocab.NUMBER in values:
            draft.number = risk_number(values[vocab.NUMBER].raw)
        elif "risk" in values:  # "3. Felaktiga …", "R3 Brister …": the number in its title
            number, title = numbered_title(values["risk"].raw)
            if number is not None and title.strip():
                draft.number = number  # the title is the risk; its number is no part of it
                values = {**values, "risk": replace(values["risk"], raw=title, text=None)}
        self.last_row = {}
        stated: list[tuple[str, Cell]] = []  # values stated under labels in one cell
        for name, cell in values.items():
            if name in vocab.VALUE_FIELDS and (labelled := vocab.labelled_values(cell.raw)):
                stated.extend((part, replace(cell, number=n)) for part, n in labelled)
                continue  # "Sannolikhet: 3 / Konsekvens: 4 / Riskvärde: 12", "S=3 K=4 R=12"
            if name == vocab.SK_PAIR:
                self.sk_values(draft, cell)
                continue
            if name == "risk_value" and (pair := factors(cell.raw)) is not None:
                for part, factor in zip(("probability", "consequence"), pair, strict=True):
                    draft.fields.setdefault(part, replace(cell, number=factor))  # "3×4"
            target = "responsible" if name == vocab.OWNER else name
            titled = name == "description" and "description" not in roles.control  # the cause
            if (name in roles.risk or titled) and target in RISK_FIELDS:  # under a bold title
                draft.fields[target] = cell
                self.last_row[name] = (draft, target)
        for part, cell in stated:  # a column of its own says it first
            draft.fields.setdefault(part, cell)
        if vocab.SK_PAIR in values:
            checked_pair(draft, values[vocab.SK_PAIR])
        if roles.key == "process" and "risk" not in draft.fields and "process" in draft.fields:
            draft.fields["risk"] = draft.fields.pop("process")
            if self.process is not None:
                draft.fields["process"] = self.process
            self.last_row = {n: (draft, "risk" if n == "process" else n) for n in self.last_row}
        if (
            "process" in roles.risk
            and "process" not in values
            and previous is not None
            and "process" in previous.fields
        ):
            draft.fields["process"] = previous.fields["process"]
        return draft

    def sk_values(self, draft: Draft, cell: Cell) -> None:
        """Given a risk and its cell of a column naming S and K together ("S/K"), its
        probability and consequence ("3/4", "S3 K4"), or its risk value when the cell holds
        one number."""
        pair = sk_pair(cell.raw)
        if pair is None:
            draft.fields.setdefault("risk_value", cell)
            return
        for name, number in zip(("probability", "consequence"), pair, strict=True):
            draft.fields.setdefault(name, replace(cell, number=number))

    def continue_card(self, grid: Grid, cells: list[tuple[str, Cell]]) -> list[tuple[str, Cell]]:
        """Given a box continued from the page before, its leading fields (before a "Risk" or
        "Kontrollmoment" label) added to the record the box broke in; the rest."""
        record = self.last_record
        opening = next(
            (i for i, (name, _) in enumerate(cells) if name in ("risk", "control", "process")),
            len(cells),
        )
        if record is None or opening == 0:
            return cells
        allowed = CONTROL_FIELDS if record.kind == "control" else RISK_FIELDS
        self.note(grid.page, "box continued", f"{opening} fields before its first record label")
        for name, cell in cells[:opening]:
            target = "responsible" if name == vocab.OWNER else name
            if record.kind == "control":
                target = control_field(target, record) or target
            if target in allowed:
                record.add(target, cell)
        return cells[opening:]

    def title_over_box(self, grid: Grid, cells: list[tuple[str, Cell]]) -> list[tuple[str, Cell]]:
        """Given a box that assesses a risk it does not name (:func:`untitled_risk`), its
        fields after the risk's title: the title paragraph just above it (a form's title row
        that a page break left alone at the foot of the page before), else the fields."""
        title, described = self.take_title()
        if title is None:
            return cells
        self.note(grid.page, "risk title above a box", "the box assesses a risk it does not name")
        return [
            ("risk", paragraph_cell(title)),
            *(("description", paragraph_cell(p)) for p in described),
            *cells,
        ]

    def card(self, grid: Grid, cells: list[tuple[str, Cell]]) -> None:
        """Given a label/value box's fields, a risk (with its controls) or controls; each
        "Kontrollmoment" label after the first starts a further control."""
        names = {n for n, _ in cells}
        risk_side = names & (RISK_FIELDS - CONTROL_FIELDS)
        if "risk" in names or (risk_side and "control" not in names):
            page = min([grid.page, *(c.page for n, c in cells if n == "risk" and c.page)])
            draft = self.new_risk(page, "label_value_box")  # its title's page (above the box)
            self.note(grid.page, "risk", f"label/value box with {sorted(names)}")
            control: Draft | None = None
            for name, cell in cells:
                if name == vocab.OWNER:
                    draft.add("responsible", cell)
                elif name == "control" or (control is not None and name in CONTROL_FIELDS):
                    if control is None or (name == "control" and "control" in control.fields):
                        control = self.new_control(draft, grid.page, "label_value_box")
                    control.add(name, cell)
                elif name == "planned_handling" and control is not None \
                        and control_field(name, control):
                    control.add("action", cell)  # after a control's result: its action
                elif name == "risk" and (titled := numbered_title(cell.raw))[0] is not None \
                        and titled[1].strip():  # "4. Brister i …": its number, its title
                    draft.number = titled[0]
                    draft.add(name, replace(cell, raw=titled[1], text=None))
                elif name in RISK_FIELDS:
                    draft.add(name, cell)
                elif name in CONTROL_FIELDS:
                    control = self.new_control(draft, grid.page, "label_value_box")
                    control.add(name, cell)
            self.last_record = control or draft
            return
        if "control" in names:
            owner = self.risks[-1] if self.risks else None
            control = self.new_control(owner, grid.page, "label_value_box")
            self.note(grid.page, "control", f"label/value box with {sorted(names)}")
            for name, cell in cells:
                if name == "control" and "control" in control.fields:
                    control = self.new_control(owner, grid.page, "label_value_box")
                if (target := control_field(name, control)) is not None:
                    control.add(target, cell)

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

    def resolve_values(self, key: ValueKey, fills: dict[int, tuple[Fill, ...]]) -> None:
        """Given the document's declared values and fills, numbers for value cells without one.

        A word on a declared scale, an empty cell's colour explained by a legend,
        or the risk matrix square of the risk's number; the rule is added to
        the risk's layout.
        """
        self.release_between()  # the last blocks read: held paragraphs are paragraphs
        for draft in self.risks:
            rules: list[str] = []
            for name in VALUE_FIELDS:
                cell = draft.fields.get(name)
                if cell is not None and cell.number is None and not re.search(r"\d", cell.raw):
                    number = key.word(name, cell.raw)
                    if number is not None:
                        draft.fields[name] = replace(cell, number=number)
                        rules.append("word_scale")
                        continue
                    level = key.named_level(cell.raw) if name == "risk_value" else None
                    if level is not None:  # "Orange" where the legend says "orange = hög risk"
                        draft.fields[name] = replace(cell, raw=level)
                        rules.append("colour_word")
                        continue
                if cell is None and name in draft.empty:
                    page, box = draft.empty[name]
                    fill = fill_at(fills.get(page, ()), box)
                    number = key.colour(fill.rgb) if fill is not None else None
                    if number is not None:
                        draft.fields[name] = Cell("", page, box, 1.0, number=number)
                        rules.append("colour_legend")
                    level = key.colour_level(fill.rgb) if fill is not None else None
                    if number is None and level is not None and name == "risk_value":
                        draft.fields[name] = Cell(level, page, box, 1.0)  # its level word
                        rules.append("colour_level")
            square = key.matrix.get(draft.number or "")
            if square is None and key.named and "risk" in draft.fields:
                square = square_of_name(key.named, draft.fields["risk"].raw)  # a map of names
            if square is not None:
                s, k = square
                for name, number in (("probability", s), ("consequence", k)):
                    if name not in draft.fields:
                        draft.fields[name] = Cell("", draft.page, None, 1.0, number=number)
                        rules.append("risk_matrix")
            if rules:
                draft.layout = "+".join([draft.layout, *dict.fromkeys(rules)])
                self.note(draft.page, f"values by {', '.join(dict.fromkeys(rules))}", draft.layout)

    def lone_items(self) -> None:
        """A control cell holding one numbered item ("1) Kontroll av …") loses its mark
        where the document lists controls with that kind of mark in other cells: it is a
        list of one, not a control numbered by its own text."""
        drafts = [c for r in self.risks for c in r.controls] + self.orphans
        for draft in drafts:
            cell = draft.fields.get("control")
            mark = list_mark(cell)
            if cell is None or mark is None or mark not in self.list_marks:
                continue
            lines = cell.raw.split("\n")
            if item_mark(lines[0]) == (mark, 1) and len(split_items(cell)) == 1:
                text = "\n".join([strip_mark(lines[0]), *lines[1:]]).strip()
                draft.fields["control"] = replace(cell, raw=text)

    def trailing_fields(self) -> None:
        """A table's control whose text ends in its own responsible and frequency (in
        brackets, after a dash or labelled: "Kontroll av … (Ekonomichef, Månadsvis)") has
        them split out, by label, by the order its column's header names them in or by
        their words, where its row gave it neither from a column of its own."""
        drafts = [c for r in self.risks for c in r.controls] + self.orphans
        for draft in drafts:
            cell = draft.fields.get("control")
            if cell is None or draft.parts is None:
                continue
            split = trailing_parts(cell.raw, draft.parts) or labelled_text(
                cell.raw, vocab.ITEM_FIELDS - draft.fields.keys()
            )  # "… / Metod: …": a cell a page break cut, its label in its rest
            if split is None or any(f in draft.fields for f, _ in split[1]):
                continue
            text, found = split
            draft.fields["control"] = replace(cell, raw=text, text=None)
            for name, value in found:
                draft.fields[name] = Cell(value, cell.page, cell.bbox, cell.confidence)
            draft.layout += "+trailing_fields"
            self.layouts.add(draft.layout)
            self.note(draft.page, f"control's own {', '.join(f for f, _ in found)}",
                      "after its text in its cell")

    def shared_fields(self) -> None:
        """A table's control whose cell of a column holding two fields or more ("Ansvarig /
        när") was read whole (a page break cut it: "Förvaltningschef –" / "Kvartalsvis") has
        it split into them where it lacks the others."""
        for draft in [c for r in self.risks for c in r.controls] + self.orphans:
            for name, order in draft.shared:
                cell = draft.fields.get(name)
                if cell is None or any(f in draft.fields for f in order[1:]):
                    continue
                found = listed_parts(cell.raw, order)
                if found is None:
                    continue
                for field_name, text in found:
                    draft.fields[field_name] = replace(cell, raw=text, text=None)
                self.note(draft.page, f"control's {', '.join(order)}", "one cell read whole")

    def finish(self) -> LayoutResult:
        """Close the reading: pending prose goes to the open label; the frozen result."""
        self.release_between()
        self.flush()
        self.lone_items()
        self.trailing_fields()
        self.shared_fields()
        self.link_forward()
        self.link_later()
        return LayoutResult(
            risks=tuple(freeze_risk(r) for r in self.risks),
            orphan_controls=tuple(freeze_control(c) for c in self.orphans),
            layouts=tuple(sorted({r.layout for r in self.risks} | self.layouts)),
        )
