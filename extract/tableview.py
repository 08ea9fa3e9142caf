"""A ruled table read through its header: which column is which field, row by row."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from riskrad.extract.cell_parts import labelled_text, shared_cell
from riskrad.extract.choices import ticked_choice
from riskrad.extract.tables import Grid, GridCell, cell_text, words_to_lines, words_to_text
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Cell, Word, mean_confidence
from riskrad.model.risk_titles import numbered_title
from riskrad.model.text import item_mark, spaceless

MARK = re.compile(r"^[xX×✓✔✗●•■▪◼☒]$")  # a tick in a cell: the step of the scale it stands under
READ_MARK = re.compile(
    r"^[^\d\s]{1,3}$"
)  # what OCR makes of a tick in a small cell: "X", "><", "fö"


def is_tick(cell: GridCell) -> bool:
    """Given a grid cell, whether it holds a tick: a mark, or on a scan one to three
    characters without a digit (Tesseract reads a lone "X" in a narrow cell as anything)."""
    text = cell.text.strip()
    if MARK.match(text):
        return True
    return bool(cell.words) and cell.words[0].origin == "ocr" and READ_MARK.match(text) is not None


# labels of a record's notes: a row of its own led by one is the record's (record_text.py)
RECORD_NOTES = frozenset({"comment", "action", "planned_handling", "result"})

COLUMN_MATCH_TOLERANCE = 0.03  # share of page width two tables' columns may differ by

IDENTITY = frozenset({"risk_value", "probability", "consequence", "follows_plan", vocab.NUMBER})


@dataclass(frozen=True, slots=True)
class Tree:
    """A column holding a tree: each row's level told by how far its text is indented, the
    field its cell has on each row ("process" for an area, "risk", "control")."""

    col: int
    step: float  # points between two levels
    origin: float  # where a row of the outermost level starts its text (page x)
    rows: Mapping[int, str]  # grid row -> the field of the row's cell in the tree column

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(self.rows.values())


@dataclass(frozen=True, slots=True)
class TableView:
    """A grid with the field of each grid column and how many header rows it starts with."""

    grid: Grid
    fields: tuple[str | None, ...]
    header_rows: int
    header_words: tuple[tuple[str, ...], ...] = ()  # each column's header words, in order
    spill: tuple[Cell | None, ...] = ()  # text under a header that a scan merged into it
    sides: tuple[str | None, ...] = ()  # per column: the group a two-level header puts it in
    by_content: bool = False  # some columns named by what their cells hold, not their label
    steps: tuple[str | None, ...] = ()  # per column: the step of a scale a tick there stands for
    group_words: tuple[str, ...] = ()  # a two-level header's upper cells' texts
    label_cells: frozenset[tuple[int, int]] = frozenset()  # (row, col): labels in the body
    # the fields a second header row names for the rows of the other kind: a risk row over
    # its control rows in the same columns (:func:`row_fields` tells the rows apart)
    alternate: tuple[str | None, ...] = ()
    tree: Tree | None = None  # a column whose rows' indentation tells their level
    # per column: the label of a column whose cells answer it yes or no ("Internkontroll |
    # Ja"): its cells read "Internkontroll: Ja" (:func:`answer_columns`)
    answers: tuple[str | None, ...] = ()
    # the field a header row under the labels names for each record's row of free text
    # ("Risk" over "Beskrivning": every risk's description on the row under it)
    record_text: str | None = None

    @property
    def field_set(self) -> frozenset[str]:
        named = frozenset(f for f in self.fields + self.alternate if f is not None)
        return named | self.tree.fields if self.tree is not None else named


@dataclass(frozen=True, slots=True)
class RowCells:
    """One data row: field -> cell text, plus which fields were spanned from above."""

    values: dict[str, Cell]
    inherited: frozenset[str]
    spanning_text: Cell | None  # set when the row is one cell across the table
    page: int
    spanning_cols: int = 0  # how many columns that one cell spans
    spanning_bold: bool = False  # whether that cell's words are all bold
    empty: dict[str, BBox] = field(default_factory=dict)  # named cells without text: their box
    area: bool = False  # an area's numbered row over the risks numbered within it
    reach: int = 0  # how many columns that one cell's words reach over (an unruled row's text)
    # per column split into parts (:func:`shared_values`): its parts' fields in order (the
    # rest of the cell after a page break goes on its last)
    parted: dict[str, tuple[str, ...]] = field(default_factory=dict)


def cell_of(grid_cell: GridCell) -> Cell:
    """Given a grid cell, its text as a Cell with page, box and mean confidence."""
    words = grid_cell.words
    confidence = mean_confidence(words, 1.0)
    return Cell(raw=grid_cell.text, page=0, bbox=grid_cell.bbox, confidence=confidence)


def owners(grid: Grid) -> list[list[GridCell | None]]:
    """Given a grid, for every position the cell that covers it (spans resolved)."""
    cover: list[list[GridCell | None]] = [[None] * grid.n_cols for _ in grid.rows]
    for row in grid.rows:
        for cell in row:
            if cell is None:
                continue
            for r in range(cell.row, min(cell.row + cell.row_span, len(grid.rows))):
                for c in range(cell.col, min(cell.col + cell.col_span, grid.n_cols)):
                    cover[r][c] = cell
    return cover


def row_texts(grid: Grid, r: int, cover: list[list[GridCell | None]] | None = None) -> list[str]:
    """Given a grid and a row index (and its cover, :func:`owners`, when known), the text
    under each grid column (span owners' text)."""
    cover = cover or owners(grid)
    texts = []
    for c in range(grid.n_cols):
        owner = cover[r][c]
        texts.append(owner.text if owner is not None and owner.col == c else "")
    return texts


def split_row_texts(grid: Grid, r: int) -> list[str]:
    """Given a grid and a row, the text under each column, spanning cells split by word x.

    Ruling lines found in a scan can miss a header row's column borders (a dark
    header background hides them); the header's words still sit in their columns.
    """
    texts: list[list[str]] = [[] for _ in range(grid.n_cols)]
    for cell in grid.rows[r]:
        if cell is None:
            continue
        for word in sorted(cell.words, key=lambda w: (round(w.bbox.top), w.bbox.x0)):
            col = max(
                (i for i in range(grid.n_cols) if grid.col_bounds[i] <= word.bbox.xmid + 0.5),
                default=0,
            )
            texts[min(col, grid.n_cols - 1)].append(word.text)
    return [" ".join(t) for t in texts]


def header_of(grid: Grid) -> tuple[tuple[str | None, ...], int] | None:
    """Given a grid, its column fields and header row count when a header row opens it."""
    for r in range(min(2, len(grid.rows))):
        for texts in (row_texts(grid, r), split_row_texts(grid, r)):
            fields = vocab.header_fields(texts)
            if vocab.is_header_row(fields, texts):
                return tuple(fields), r + 1
    for r in range(min(2, len(grid.rows))):  # labels spanning a nested table's columns
        by_cell = header_by_cell(grid, r)
        if by_cell is not None:
            return by_cell, r + 1
    return None


def header_by_cell(grid: Grid, r: int) -> tuple[str | None, ...] | None:
    """Given a grid and a row, its fields by column when the row's own cells, counted once
    each, read as a header: a label spanning the columns of a table nested under it counts
    as one cell, not as several empty ones."""
    cells = sorted((c for c in grid.rows[r] if c is not None), key=lambda c: c.col)
    if len(cells) == grid.n_cols or any(c.row != r for c in cells):
        return None
    texts = [c.text for c in cells]
    fields = vocab.header_fields(texts)
    if not vocab.is_header_row(fields, texts):
        return None
    by_column: list[str | None] = [None] * grid.n_cols
    for cell, name in zip(cells, fields, strict=True):
        by_column[cell.col] = name
    return tuple(by_column)


def same_columns(
    a: Grid, b: Grid, page_width: float, share: float = COLUMN_MATCH_TOLERANCE
) -> bool:
    """Given two grids, whether their column boundaries line up (a continued table)."""
    if a.n_cols != b.n_cols:
        return False
    tolerance = share * page_width
    return all(abs(x - y) <= tolerance for x, y in zip(a.col_bounds, b.col_bounds, strict=True))


def column_words(grid: Grid, r: int) -> list[list[Word]]:
    """Given a grid and a row, each column's words in reading order (spans split by x)."""
    columns: list[list[Word]] = [[] for _ in range(grid.n_cols)]
    for cell in grid.rows[r]:
        if cell is None:
            continue
        if cell.col_span == 1:  # a cell of one column: its words are that column's
            columns[cell.col].extend(cell.words)
            continue
        for word in cell.words:
            col = max(
                (i for i in range(grid.n_cols) if grid.col_bounds[i] <= word.bbox.xmid + 0.5),
                default=0,
            )
            columns[min(col, grid.n_cols - 1)].append(word)
    return [[w for line in words_to_lines(ws) for w in line] for ws in columns]


def header_spill(
    header: list[list[Word]], template: tuple[tuple[str, ...], ...], page: int
) -> tuple[Cell | None, ...]:
    """Given a header row's words per column and the same header seen before, the extra text.

    When a scan shows no border under a shaded header row, the first row of
    the page (often the rest of a row split by the page break) is read into
    the header cells; the words beyond the known header words are that row.
    """
    spill: list[Cell | None] = []
    for words, known in zip(header, template, strict=False):
        label = label_words(words, known)
        if label is None or len(words) <= label:
            spill.append(None)
            continue
        extra = words[label:]
        box = extra[0].bbox
        for word in extra[1:]:
            box = box.union(word.bbox)
        text = words_to_text(extra)
        confidence = mean_confidence(extra, 1.0)
        spill.append(Cell(text, page, box, confidence))
    return tuple(spill)


def _spelling(texts: list[str] | tuple[str, ...]) -> str:
    """Given a label's words, its letters and digits as header text folds them, without
    spaces (a label the same however its lines wrap)."""
    return "".join(vocab.fold(t).replace(" ", "") for t in texts)


def label_words(words: list[Word], known: tuple[str, ...]) -> int | None:
    """Given a header cell's words and its column's label seen before, how many of its
    first words spell that label, wherever a narrower column wrapped it ("Risk" "(S×K" ")"
    for "Risk" "(S×K)"), a closing mark the label ends with alone on its last line
    counted in; None when they spell another label."""
    want = _spelling(known)
    ending = spaceless("".join(known))
    for n in range(len(words) + 1):
        got = _spelling([w.text for w in words[:n]])
        if got == want:
            while (
                n < len(words)
                and not vocab.fold(words[n].text)
                and ending.endswith(words[n].text.strip())
                and not spaceless("".join(w.text for w in words[:n])).endswith(ending[-1:])
            ):
                n += 1
            return n
        if not want.startswith(got):
            return None
    return None


VALUE_FIELDS = frozenset({"probability", "consequence", "risk_value", vocab.SK_PAIR})
VALUE_WORDS = 4  # a value's cell holds a number and a few words at most ("Mindre sannolik (2)")
VALUE_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]\d)")


def value_like(text: str) -> bool:
    """Given a cell's text, whether it reads as a risk value: a number with a few words at
    most ("3", "Möjlig (3)", "3 × 4 = 12"), not a sentence that holds a number ("Stickprov
    på 20 fakturor per kvartal")."""
    return bool(VALUE_NUMBER.search(text)) and len(text.split()) <= VALUE_WORDS


def row_fields(
    view: TableView, r: int, cover: list[list[GridCell | None]]
) -> tuple[str | None, ...]:
    """Given a mapped table, a body row and the grid's cover, the fields the row's cells are
    read by. In a table whose second header row names its columns for rows of another kind
    (``TableView.alternate``: "Risk | Sannolikhet | Konsekvens" over "Kontroll | Ansvarig |
    Frekvens"), a row is read by the first row's fields when its cells under their values
    hold values (or, where they name none, when it has a number cell of its own), else by
    the second's. In a table with a tree column (``TableView.tree``) its cell is named by
    the row's level: the area, the risk or the control."""
    if view.tree is not None:
        name = view.tree.rows.get(r)
        named = list(view.fields)
        named[view.tree.col] = name
        return tuple(named)
    if not view.alternate:
        return view.fields
    own: dict[str, str] = {}
    for c, name in enumerate(view.fields):
        owner = cover[r][c]
        if name is not None and owner is not None and owner.col == c and owner.row == r:
            own[name] = owner.text.strip()
    if VALUE_FIELDS & set(view.fields):
        valued = any(value_like(text) for name, text in own.items() if name in VALUE_FIELDS)
        return view.fields if valued else view.alternate
    return view.fields if own.get(vocab.NUMBER) else view.alternate


ANSWERS = frozenset({"ja", "nej", "delvis", "x"})  # a yes/no question's answers in a cell
ANSWER_FIELDS = frozenset({"control", "existing_controls", "method"})  # text fields no
#                                                                        answer can be


def answer_columns(view: TableView) -> TableView:
    """Given a mapped table, the view with each column named a control (or existing
    controls, a method) whose filled body cells are all yes/no answers ("Internkontroll"
    over "Ja", "Nej") named the risk's planned handling instead, its cells read with their
    label ("Internkontroll: Ja": the risk goes to the internal-control plan), no control
    named "Ja"."""
    if not ANSWER_FIELDS & set(view.fields) or "planned_handling" in view.fields:
        return view
    cover = owners(view.grid)
    body = [row_texts(view.grid, r, cover) for r in range(view.header_rows, len(view.grid.rows))]
    fields = list(view.fields)
    answers: list[str | None] = [None] * len(fields)
    for c, name in enumerate(view.fields):
        if name not in ANSWER_FIELDS or "planned_handling" in fields:
            continue
        filled = [vocab.fold(row[c]) for row in body if row[c].strip()]
        if len(filled) < 2 or not set(filled) <= ANSWERS or not set(filled) & {"ja", "nej"}:
            continue
        label = " ".join(view.header_words[c]) if c < len(view.header_words) else ""
        fields[c], answers[c] = "planned_handling", label or "Ja/Nej"
    if not any(answers):
        return view
    return replace(view, fields=tuple(fields), answers=tuple(answers))


NUMBER_CELL = re.compile(r"^(\d{1,3})(?:\s?\.\s?(\d{1,3}))?\.?$")  # "1", "1.", "1.2", "1. 2"


@dataclass(frozen=True, slots=True)
class RowNumber:
    """A row's number as its levels ("1.2" -> (1, 2)), the cell naming what it numbers and
    whether the number opens that cell ("1 Ekonomi") rather than standing in a number column."""

    levels: tuple[int, ...]
    named: GridCell
    joined: bool


def row_number(view: TableView, texts: list[GridCell]) -> RowNumber | None:
    """Given a table and a row's cells with text (in column order), the row's number: in a
    number column, naming the first other cell, or opening its first cell ("1 Ekonomi",
    "1.2 Felaktiga …"); None for a row without a number."""
    if not texts:
        return None
    first = texts[0]
    found = NUMBER_CELL.match(" ".join(first.text.split()))
    if found is not None and view.fields[first.col] == vocab.NUMBER:
        if len(texts) < 2:
            return None
        levels = tuple(int(n) for n in found.groups() if n is not None)
        return RowNumber(levels, texts[1], False)
    number, title = numbered_title(" ".join(first.text.split()))
    if number is None or not title.strip() or not number[:1].isdigit():
        return None
    return RowNumber(tuple(int(n) for n in number.split(".")), first, True)


def numbered_areas(view: TableView) -> dict[int, Cell]:
    """Given a mapped table, its areas set as rows of the grid (by grid row: the area's name).

    An area's row fills only its number and one cell naming it ("1 | Ekonomi", or
    "1 Ekonomi" in one cell, maybe merged across columns; no value, no control), its number
    has one level, and the risks under it are numbered within it: the next row numbered
    with two levels is "1.1" with its own text in the area's column (a control numbered
    "1.1" under risk 1 names no risk there), or, when the area closes the grid (its risks
    on the next page), the one before it is of the area before ("1.3" above "2"). Rows
    between them numbered with one level are rows of risks whose number a scan misread
    ("12" for "1.2"), not areas."""
    grid = view.grid
    numbered: list[tuple[int, RowNumber, str | None]] = []  # grid row, number, area's name
    for r in range(view.header_rows, len(grid.rows)):
        texts = sorted(
            (c for c in grid.rows[r] if c is not None and c.text.strip()), key=lambda c: c.col
        )
        found = row_number(view, texts)
        if found is not None:
            numbered.append((r, found, area_name(view, found, len(texts))))
    areas: dict[int, Cell] = {}
    for i, (r, number, name) in enumerate(numbered):
        if name is None:
            continue
        area, named = number.levels[0], number.named
        after = next_risk_number(numbered[i + 1 :])
        before = next_risk_number(numbered[:i][::-1])
        if after is not None:
            if after.levels[0] != area or not (
                named.col <= after.named.col < named.col + named.col_span
            ):
                continue
        elif before is None or before.levels[0] != area - 1 or any(
            later is not None for _, _, later in numbered[i + 1 :]
        ):
            continue
        cell = cell_of(named)
        areas[r] = Cell(name, grid.page, cell.bbox, cell.confidence)
    return areas


def area_name(view: TableView, number: RowNumber, cells: int) -> str | None:
    """Given a table, a row's number and how many of its cells hold text, the name of the
    area the row would be (its cells only its number and the name), or None."""
    if len(number.levels) != 1 or cells != (1 if number.joined else 2):
        return None
    name = " ".join(number.named.text.split())
    if number.joined:
        name = numbered_title(name)[1]
    if not any(ch.isalpha() for ch in name):
        return None
    if view.fields[number.named.col] == vocab.NUMBER and number.named.col_span < 2:
        return None  # a name in the number column: no area's row unless it spans on
    return name


def next_risk_number(
    numbered: list[tuple[int, RowNumber, str | None]],
) -> RowNumber | None:
    """Given numbered rows in the order to look (each with its area's name when it may be an
    area's row), the first number of two levels before any row that may be an area's."""
    for _, number, name in numbered:
        if name is not None:
            return None
        if len(number.levels) == 2:
            return number
    return None


def column_parts(view: TableView) -> list[tuple[str, ...]]:
    """Given a mapped table, per column the further fields its cells hold after the
    column's own, in order: those its header names after its field ("Ansvarig / när":
    frequency; "Kontrollmoment och metod": method), none the table has a column of; for the
    control column under no such header, the control's fields the table has no column of,
    which its cells' lines may give under their labels ("Metod: …")."""
    headers = [" ".join(words) for words in view.header_words]
    headers += [""] * (len(view.fields) - len(headers))
    found: list[tuple[str, ...]] = []
    for name, header in zip(view.fields, headers, strict=False):
        listed = vocab.listed_fields(header) if name is not None else ()
        rest = listed[1:] if listed and listed[0] == name else ()
        if view.field_set & set(rest):
            rest = ()
        if name == "control" and not rest:
            rest = tuple(sorted(vocab.ITEM_FIELDS - view.field_set))
        found.append(rest)
    return found


def shared_values(
    view: TableView, c: int, owner: GridCell, parts: list[tuple[str, ...]]
) -> dict[str, Cell] | None:
    """Given a mapped table, a column, a cell of it and the table's column parts
    (:func:`column_parts`), the cell's fields when it holds its column's field and further
    ones (:func:`cell_parts.shared_cell`), else None."""
    name = view.fields[c]
    if name is None or not parts[c]:
        return None
    headers = view.header_words[c] if c < len(view.header_words) else ()
    listed = vocab.listed_fields(" ".join(headers))
    return shared_cell(owner, view.grid.page, name, parts[c], listed=bool(listed))


def awaits_method(
    view: TableView, c: int, owner: GridCell, parts: list[tuple[str, ...]]
) -> bool:
    """Given a mapped table, its control column, a cell of it and the table's column parts,
    whether the cell is a control in bold alone under a header naming the method after it:
    its method in plain type is still to come (a page break between them)."""
    headers = view.header_words[c] if c < len(view.header_words) else ()
    return (
        parts[c] == ("method",)
        and vocab.listed_fields(" ".join(headers)) == ("control", "method")
        and bool(owner.words)
        and all(w.bold for w in owner.words)
    )


def spill_parts(
    spilled: dict[str, Cell], fields: tuple[str | None, ...], parts: list[tuple[str, ...]]
) -> tuple[dict[str, Cell], dict[str, tuple[str, ...]]]:
    """Given the cells a page break's rest spilled into a repeated header, by field, the
    table's fields and column parts (:func:`column_parts`), the cells with those opening
    with or holding labelled parts of their column split into them ("Hur: …" under
    "Kontrollmoment och metod": the method of the control above the break), and the parts
    of each column so split (:attr:`RowCells.parted`)."""
    out = dict(spilled)
    parted: dict[str, tuple[str, ...]] = {}
    for name, rest in zip(fields, parts, strict=False):
        cell = out.get(name) if name is not None and rest else None
        found = labelled_text(cell.raw, frozenset(rest), opening=False) if cell else None
        if name is None or cell is None or found is None:
            continue
        what, labelled = found
        del out[name]
        if what:
            out[name] = replace(cell, raw=what, text=None)
        out.update((f, replace(cell, raw=v, text=None)) for f, v in labelled)
        parted[name] = (name, *(f for f, _ in labelled))
    return out, parted


def data_rows(view: TableView) -> list[RowCells]:
    """Given a mapped table, its data rows as field -> Cell with spans resolved."""
    grid = view.grid
    cover = owners(grid)
    parts_of = column_parts(view)
    rows: list[RowCells] = []
    if any(view.spill):
        spilled = {  # under the last header row: the control rows' when there are two kinds
            f: c for f, c in zip(view.alternate or view.fields, view.spill, strict=True) if f and c
        }
        spilled, parted_spill = spill_parts(spilled, view.alternate or view.fields, parts_of)
        rows.append(RowCells(spilled, frozenset(), None, grid.page, parted=parted_spill))
    titled = False  # the last row's risk cell opened with its title in bold
    areas = numbered_areas(view)
    for r in range(view.header_rows, len(grid.rows)):
        own = [c for c in grid.rows[r] if c is not None and (r, c.col) not in view.label_cells]
        texts = [c for c in own if c.text.strip()]
        if not own:
            continue
        values: dict[str, Cell] = {}
        inherited: set[str] = set()
        empty: dict[str, BBox] = {}
        parted: dict[str, tuple[str, ...]] = {}
        cause: Cell | None = None  # a risk cell opening with a cause's label ("Orsak: …")
        other_label = False  # ... or with a label naming another field ("Konsekvens: …")
        risk_label: str | None = None  # the field that label names
        fields = row_fields(view, r, cover)
        for c, name in enumerate(fields):
            owner = cover[r][c]
            if name is None or owner is None or owner.col != c or owner.row < view.header_rows:
                continue
            if (owner.row, c) in view.label_cells:  # a nested table's labels, no data
                continue
            if view.steps and view.steps[c] is not None:
                if is_tick(owner):  # a tick under its step: the step is the value
                    tick = cell_of(owner)
                    values[name] = Cell(view.steps[c] or "", grid.page, tick.bbox, tick.confidence)
                continue
            if not owner.text.strip():
                empty[name] = owner.bbox
                continue
            cell = cell_of(owner)
            chosen = ticked_choice(cell.raw)  # a row of boxes in the cell: the ticked one's label
            read = cell.raw if chosen is None else chosen
            raw = f"{view.answers[c]}: {read}" if view.answers and view.answers[c] else read
            values[name] = Cell(raw, grid.page, cell.bbox, cell.confidence)
            parts = labelled_parts(owner, grid.page)
            labelled = own_labelled_part(name, parts, view.field_set)
            if name == "risk" and labelled is None and parts is not None:
                first = parts[0][0]  # "Orsak: …" / "Konsekvens: …": the rest of a risk cell
                risk_label = first
                cause = parts[0][1] if first == "description" else None
                other_label = other_label or first not in ("risk", vocab.IGNORED)
            shared = shared_values(view, c, owner, parts_of) if labelled is None else None
            if labelled is not None:  # "Risk: … / Orsak: … / Konsekvens: …" in one cell
                values.update(labelled)
            elif shared is not None:  # "Ekonomichef / Kvartalsvis" under "Ansvarig / när"
                values.update(shared)
                parted[name] = tuple(shared) if name in shared else (name, *shared)
                if name not in shared:  # "Hur: …" alone: a part of the cell above
                    del values[name]
            elif name == "control" and awaits_method(view, c, owner, parts_of):
                parted[name] = (name, "method")  # its method after a page break
            elif name == "risk" and "description" not in view.field_set and cause is None:
                titled_parts = bold_title(owner, grid.page)
                if titled_parts is not None:  # a risk's title in bold over its cause
                    values["risk"], values["description"] = titled_parts
            if owner.row < r:
                inherited.add(name)
        spanning = None
        area = view.tree is not None and view.tree.rows.get(r) == "process"
        if len(texts) == 1 and (texts[0].col_span >= max(2, grid.n_cols // 2) or grid.n_cols >= 4
                                or area):  # an area's row of a tree: its heading
            only = cell_of(texts[0])
            spanning = Cell(only.raw, grid.page, only.bbox, only.confidence)
        if r in areas:  # "1 | Ekonomi" over "1.1": the area's name, without its number
            spanning = areas[r]
        risk_row = own_risk_row(rows) if cause is not None else None  # the cause's risk
        if not texts or repeats_header(view, row_texts(grid, r, cover)):
            continue
        if r in areas:
            pass  # an area's row is a row of its own, never the rest of the row above
        elif other_label and rows and all(fields[c.col] == "risk" for c in texts) \
                and risk_label not in RECORD_NOTES \
                and (cause is None or risk_row is not None):
            if cause is not None and risk_row is not None:  # the rest of the risk's cell
                risk_row.values.setdefault("description", cause)  # above (not a further
            #  control's; a part without the risk's row leaves it to the reader: record_text)
            continue  # ("Konsekvens: …": no field holds it)
        elif titled and rows and cause_under_title(view, values, inherited, texts):
            above = rows[-1].values  # its cause, set in a row of its own under the title
            for name, cell in values.items():
                if name in inherited:
                    continue
                target = "description" if name == "risk" else name  # the rest of a cell above
                if name == "risk" and cause is not None:
                    cell = cause  # "Orsak: … / Konsekvens: …": the cause, without its label
                if target in above:
                    joined = f"{above[target].raw}\n{cell.raw}"
                    cell = Cell(joined, grid.page, above[target].bbox, above[target].confidence)
                above[target] = cell
            continue
        risk_words = [w for c in texts for w in c.words if fields[c.col] == "risk"]
        titled = bool(risk_words) and bold_lines(risk_words)
        span = texts[0].col_span if spanning is not None else 0
        bold = spanning is not None and all(w.bold for w in texts[0].words)
        reach = words_reach(grid, texts[0]) if spanning is not None else 0
        rows.append(
            RowCells(values, frozenset(inherited), spanning, grid.page, span, bold, empty,
                     area=r in areas, reach=reach, parted=parted)
        )
    return rows


def words_reach(grid: Grid, cell: GridCell) -> int:
    """Given a grid and a cell of it, how many columns its words reach over: one, and one
    more for each column start they pass (an unruled table's row of text across the
    columns, read into the cell it starts in)."""
    if not cell.words:
        return cell.col_span
    x0 = min(w.bbox.x0 for w in cell.words)
    x1 = max(w.bbox.x1 for w in cell.words)
    return max(cell.col_span, 1 + sum(1 for x in grid.col_bounds[1:-1] if x0 < x < x1))


def own_risk_row(rows: list[RowCells]) -> RowCells | None:
    """Given the rows read of a table, the last with a risk cell of its own."""
    return next((row for row in reversed(rows)
                 if "risk" in row.values and "risk" not in row.inherited), None)


def bold_lines(words: list[Word]) -> bool:
    """Given a cell's words, whether its first line is in bold."""
    lines = words_to_lines(words)
    return bool(lines) and all(w.bold for w in lines[0])


def cause_under_title(
    view: TableView, values: dict[str, Cell], inherited: set[str], texts: list[GridCell]
) -> bool:
    """Given a table's view, a row's values (those spanned from above) and its cells with
    text, whether the row holds plain text in the risk column (no column describes the
    risk) and at most the rest of other cells in small letters: a risk's cause set in a
    row of its own under its title in bold (a sheet's cell of two rows)."""
    own = set(values) - inherited
    rest = [values[name].raw for name in own - {"risk"}]
    return (
        "risk" in own
        and "description" not in view.field_set
        and all(text[:1].islower() for text in rest)  # other cells' last lines ("under året.")
        and not any(w.bold for c in texts for w in c.words)
    )


SENTENCE_CLOSE = (".", "!", "?")
LINE_CLOSE = (".", ",", ";", ":", "!", "?")


def scanned_title_lines(lines: list[list[Word]], right: float) -> int | None:
    """Given a scanned cell's lines and where its column's text ends, how many lines its title
    takes when it is a risk's title in bold over its cause, else None.

    A scan's bold is judged word by word from the strokes' width and misses most words of a
    bold line ("Obehörig åtkomst till* personuppgifter"), in small type all of them. Where
    words are judged bold: each title line has one and no cause line has one. Where none
    is: the title is the first line, broken before the line is full (the cause's first
    word would have fitted on it: a line break, not a wrap). With the text's own shape: the
    title ends without a stop, its cause opens with a capital on a line of its own and ends
    a sentence."""
    if len(lines) < 2 or not all(w.origin == "ocr" for line in lines for w in line):
        return None
    bold = [any(w.bold for w in line) for line in lines]
    if any(bold):
        lead = 1 + max(i for i, b in enumerate(bold) if b)
        if lead == len(lines) or not all(bold[:lead]):
            return None
    elif hard_break(lines[0], lines[1], right):
        lead = 1
    else:
        return None
    title_end = lines[lead - 1][-1].text
    cause = [w.text for w in lines[lead]] + [w.text for w in lines[-1]]
    if title_end.endswith(LINE_CLOSE) or not cause[0][:1].isupper():
        return None
    return lead if cause[-1].endswith(SENTENCE_CLOSE) else None


SPACE_SHARE = 0.3  # a space between words is about this share of the type's size


def hard_break(line: list[Word], after: list[Word], right: float) -> bool:
    """Given a line, the line after it and where the column's text ends, whether the line
    was broken before it was full: the next line's first word would have fitted on it."""
    first = after[0]
    size = max(w.bbox.bottom - w.bbox.top for w in line)
    return line[-1].bbox.x1 + SPACE_SHARE * size + first.bbox.width < right


def bold_title(cell: GridCell, page: int) -> tuple[Cell, Cell] | None:
    """Given a grid cell and its page, its title and the text under it when the cell opens
    with whole lines in bold and goes on in plain type (a risk's title over its cause),
    else None."""
    lines = words_to_lines(cell.words)
    lead = next((i for i, line in enumerate(lines) if not all(w.bold for w in line)), len(lines))
    if lead == 0 or lead == len(lines) or any(w.bold for line in lines[lead:] for w in line):
        pad = min(w.bbox.x0 for w in cell.words) - cell.bbox.x0  # the cell's own padding
        right = max(max(w.bbox.x1 for w in cell.words), cell.bbox.x1 - max(pad, 0.0))
        scanned = scanned_title_lines(lines, right)
        if scanned is None:
            return None
        lead = scanned
    parts = []
    for part in ([w for ln in lines[:lead] for w in ln], [w for ln in lines[lead:] for w in ln]):
        box = part[0].bbox
        for word in part[1:]:
            box = box.union(word.bbox)
        text = cell_text(tuple(part), box, cell.text_right)
        parts.append(Cell(text, page, box, mean_confidence(part, 1.0)))
    return parts[0], parts[1]


CELL_LABEL = re.compile(r"^([^\W\d_][\w /-]{0,30}?)\s*:\s*")  # "Risk:", "Orsak:" at a line's start


def labelled_parts(cell: GridCell, page: int) -> list[tuple[str, Cell]] | None:
    """Given a grid cell and its page, its parts by field when its lines open with labels the
    vocabulary reads ("Risk: … / Orsak: … / Konsekvens: …"), labels left out, else None. A
    part goes on over the lines below its label's."""
    if ":" not in cell.text:
        return None  # no label: most cells, asked once each
    parts: list[tuple[str, list[Word]]] = []
    for line in words_to_lines(cell.words):
        text = " ".join(w.text for w in line)
        label = CELL_LABEL.match(text)
        field = vocab.classify_header(label.group(1)) if label is not None else None
        if label is not None and field is not None:
            taken = len(label.group(0).rstrip().split())  # the label's words (with the colon)
            parts.append((field, list(line[taken:])))
        elif parts:
            parts[-1][1].extend(line)
        else:
            return None
    found: list[tuple[str, Cell]] = []
    for field, words in parts:
        if words:
            box = words[0].bbox
            for word in words[1:]:
                box = box.union(word.bbox)
            found.append(
                (field, Cell(words_to_text(words), page, box, mean_confidence(words, 1.0)))
            )
    return found or None


def own_labelled_part(
    name: str, parts: list[tuple[str, Cell]] | None, fields: frozenset[str]
) -> dict[str, Cell] | None:
    """Given a column's field, the labelled parts of a cell of it (``labelled_parts``) and
    the table's fields, the cell's value when its first label names the column's own field
    ("Risk: …" under Risk, "Orsak: …" under Beskrivning): its part, and for a risk the first
    part naming a field the table has no column for (its description); the other parts left
    out. Else None."""
    if parts is None or parts[0][0] != name:
        return None
    found = {name: parts[0][1]}
    for kind, part in parts[1:]:
        if name == "risk" and kind == "description" and kind not in fields:
            found.setdefault(kind, part)
    return found


REPEATED_LABELS = 3  # cells holding their column's label that make a row the header again
REPEATED_SHARE = 0.75  # ... and the share of the row's cells they are at least


def repeats_header(view: TableView, texts: list[str]) -> bool:
    """Given a mapped table and a body row's text under each column, whether the row is the
    table's header again (repeated under a section row, or inside a table a page break did
    not cut): three of its cells or more, and three in four, hold their column's label or a
    piece of it (:func:`label_with_scale`; not a value with the label beside it), compared
    without spaces (a label broken at other letters: "Riskkateg" /
    "ori" under "Riskkategori")."""
    if not view.header_words:
        return False
    filled = labels = 0
    for text, words in zip(texts, view.header_words, strict=False):
        cell = spaceless(text)
        if not cell:
            continue
        filled += 1
        label = spaceless("".join(words))
        if len(cell) >= 3 and len(label) >= 3 and (cell in label or label_with_scale(label, cell)):
            labels += 1
    if labels >= REPEATED_LABELS and labels >= REPEATED_SHARE * filled:
        return True
    return repeats_groups(view, texts)


def repeats_groups(view: TableView, texts: list[str]) -> bool:
    """Given a mapped table with a two-level header and a body row's texts, whether the row
    is the header's upper row again (under an area's band): two cells or more, each one of
    the upper row's labels (or a column's own label spanning both rows)."""
    if not view.group_words:
        return False
    known = {spaceless(t) for t in view.group_words} | {
        spaceless("".join(words)) for words in view.header_words
    }
    filled = [spaceless(t) for t in texts if t.strip()]
    return len(filled) >= 2 and all(cell in known for cell in filled)


SCALE_NOTE = 6  # letters a repeated label may add: its scale ("(1–4)")


def label_with_scale(label: str, cell: str) -> bool:
    """Given a column's label and a cell's text (both without spaces), whether the cell is
    the label with a short note added ("Konsekvens(1–4)"), not a value beside it."""
    return label in cell and len(cell) - len(label) <= SCALE_NOTE


def is_split_continuation(
    view: TableView,
    row: RowCells,
    above: Mapping[str, str] | None = None,
    listing_mark: str | None = None,
    due: frozenset[str] = frozenset(),
) -> bool:
    """Given a continued table's first row (and the cells of the risk row above the break,
    by field, with the last row's control), whether it is the rest of a row a page break
    split: no value of its own, each value cell only ending the one above
    (:func:`ends_cell_above`), and its risk or control cell too unless another of its cells
    goes on in small letters ("BIP används." beside "är 20 % som ..."): a control of its own
    under a risk merged over the break is a row, and so is an area's row (across the table,
    or numbered over the risks numbered within it: :func:`numbered_areas`);
    a control cell going on with the list of controls the row above gave
    (``listing_mark``: :func:`goes_on_listing`), or below a control cell the row above left
    empty (its text all on this page), ends it. A number cut after its dot ("3." / "1": the
    row's lines parted mid-row) lets its values' digits go on too ("2" / "0" for 20). A cell
    above whose rest is still due (``due``: a control in bold whose method its header names)
    goes on too."""
    if row.area:
        return False
    identity = view.field_set & IDENTITY
    above = above or {}
    own = {f for f in row.values if f not in row.inherited}
    number = row.values.get(vocab.NUMBER)
    cut = number is not None and vocab.NUMBER in own and cut_number(
        above.get(vocab.NUMBER), number.raw
    )
    if not own or any(
        not ends_cell_above(row.values[f].raw, f, above.get(f))
        and not (cut and (f == vocab.NUMBER or digits_going_on(above.get(f), row.values[f].raw)))
        for f in own & identity
    ):
        return False
    named = own & {"risk", "control"}
    if not identity and not all(ends_cell_above(row.values[f].raw, f, above.get(f)) for f in named):
        return False  # no value column: its risk or control cell going on tells, or none
    titles = {
        f
        for f in own & {"risk", "control"}
        if not ends_cell_above(row.values[f].raw, f, above.get(f))
        and not (f == "control" and goes_on_listing(row.values[f].raw, listing_mark))
        and above.get(f) != ""  # the row above left that cell empty: its text comes now
        and f not in due
    }
    return not titles or any(row.values[f].raw.strip()[:1].islower() for f in own)


CUT_NUMBER = re.compile(r"^\d{1,3}\.$")  # a row's number cut after its dot: "3." (/ "1")


def cut_number(above: str | None, text: str) -> bool:
    """Given a number cell above a page break and the first one below it, whether they are
    one number the break cut after its dot ("3." / "1" for 3.1)."""
    return (
        above is not None
        and CUT_NUMBER.match(" ".join(above.split())) is not None
        and text.strip().isdigit()
        and len(text.strip()) <= 3
    )


def digits_going_on(above: str | None, text: str) -> bool:
    """Given a value cell above a page break and its cell below, whether the digits below
    go on with the number above ("2" / "0" for 20, in a row cut mid-line)."""
    return (
        above is not None
        and above.strip()[-1:].isdigit()
        and text.strip().isdigit()
        and len(above.strip()) + len(text.strip()) <= 3
    )


def goes_on_listing(text: str, mark: str | None) -> bool:
    """Given a control cell's text and the mark of the list of controls the row above gave
    (or None), whether the text opens with an item of that list ("• Kontroll av ..."), or
    with a line or two ending the last item above and then an item of it ("Löpande]" /
    "• Kontroll av ...")."""
    if mark is None:
        return False
    lines = text.strip().split("\n")
    for line in lines[: LISTING_REST + 1]:
        found = item_mark(line)
        if found is not None:
            return found[0] == mark
    return False


LISTING_REST = 2  # lines ending an item above a page break before the list goes on


# a cell's text left unfinished at a page break: a list's comma, a dash setting apart what
# follows ("… – Kvalitetsutvecklare," / "Halvårsvis"), a colon
UNFINISHED = re.compile(r"(,|\s[–—-]|:)\s*$")


def open_bracket(text: str) -> str | None:
    """Given a cell's text, the bracket left open at its end ("… [Ansvarig: Ekonomichef.
    Frekvens:"), or None."""
    depth: list[str] = []
    for ch in text:
        if ch in "([":
            depth.append(ch)
        elif ch in ")]" and depth:
            depth.pop()
    return depth[-1] if depth else None


def closes_open_bracket(above: str, text: str) -> bool:
    """Given a cell's text above a page break and the text below it, whether the text closes
    a bracket the cell above left open before it opens one ("… [Ansvarig: X. Frekvens:" /
    "Löpande]")."""
    left = open_bracket(above)
    if left is None:
        return False
    close = ")" if left == "(" else "]"
    first = min((i for i in (text.find("("), text.find("[")) if i >= 0), default=len(text))
    return 0 <= text.find(close) < first


def ends_cell_above(text: str, name: str, cell_above: str | None) -> bool:
    """Given a value cell's text in a continued table's first row, its field and the same
    field's cell of the row above the break, whether the text only ends the cell above: it
    opens with "(" ("Möjlig" / "(2)"), or, below a cell with text, with "=" ("3×4" / "=12")
    or a small letter ("Mycket" / "allvarlig": a row's values start anew, in capitals or
    digits); or it closes a bracket the cell above left open ("[Ansvarig: X. Frekvens:" /
    "Löpande]"), or the cell above was left unfinished (a comma, a dash or a colon at its
    end: "… – Kvalitetsutvecklare," / "Halvårsvis"); a number cell holding only digits ends
    a number cell above holding none ("Risk" / "2")."""
    text = text.strip()
    if text.startswith("("):
        return True
    if cell_above is None or not cell_above.strip():
        return False
    if closes_open_bracket(cell_above, text) or UNFINISHED.search(cell_above):
        return True
    if text.startswith("=") or text[:1].islower():
        return True
    return name == vocab.NUMBER and text.isdigit() and not any(ch.isdigit() for ch in cell_above)
