"""Tables without column lines set on their side: a label opening each row, a risk per column.

A sheet printed without gridlines may give each risk a column and the attributes rows:
"Nr   Risk 1   Risk 2   Risk 3" / "Beskrivning av risk   Attest …   Brister …" /
"Sannolikhet   Osannolik (1)   Möjlig (3)". Its rows open at the table's left edge with
a label the vocabulary knows; lines between them that open further right (or at the edge
with no label: a label's second line) go on with the row above. Its columns are the
runs of white space that no value crosses on any of its lines, so values set left or
centred read alike. The grid it gives is read turned (recognize/transposed.py), as a
ruled table on its side is.
"""

from __future__ import annotations

from collections.abc import Sequence

from riskrad.extract.tables import Grid, GridCell
from riskrad.extract.unruled import LineLike, UnruledTable, cell_box, header_segments
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Word
from riskrad.model.settings import UnruledSettings

DEFAULT = UnruledSettings()
MIN_LABELS = 3  # distinct fields the rows' labels name
MIN_RECORDS = 2  # value columns: one alone is a box of labels and values
EDGE = 2.0  # points: a row's label opens at the table's left edge within this
CHANNEL = 0.5  # font sizes: the narrowest white space between two columns (a space is 0.3)
NARROWER_CHANNELS = (0.4, 0.3, 0.2)  # tried when the first row names more records
LABEL_WORDS = 5
HEADER_LABELS = 2  # fields named after a row's own label: the row is a header line
ROW_GAP = 2.5  # line heights: a wider gap between lines ends the table
HEADING_SIZE = 1.15  # a line in type this much larger than the table's is a heading
WRAP_GAP = 0.6  # of the narrowest gap seen between rows: a closer line is a cell's next
RECORD_FIELDS = frozenset({"risk", "control"})  # a record's own text: no table of a scale


def label_of(
    line: LineLike, settings: UnruledSettings = DEFAULT
) -> tuple[str, float, float] | None:
    """Given a line, the field its first run of words names as a label, where that run ends
    and where the next (the line's values) starts, when other runs follow it, else None."""
    runs = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    if len(runs) < 2 or len(runs[0]) > LABEL_WORDS:
        return None
    text = " ".join(w.text for w in runs[0]).rstrip(": ")
    field = vocab.classify_header(text)
    return (field, runs[0][-1].bbox.x1, runs[1][0].bbox.x0) if field is not None else None


def row_lines(
    lines: Sequence[LineLike], settings: UnruledSettings = DEFAULT
) -> tuple[list[list[LineLike]], list[str]] | None:
    """Given lines from a candidate on, the table's rows (each its lines) and their labels'
    fields: rows open at the first line's left edge with a label; lines opening further
    right, or at the edge without a label before the values' columns, go on with the row."""
    first = label_of(lines[0], settings)
    if first is None:
        return None
    left = lines[0].bbox.x0
    label_end = first[1]
    values_start = first[2]
    rows: list[list[LineLike]] = [[lines[0]]]
    fields = [first[0]]
    row_gap: float | None = None  # the narrowest gap seen between two rows
    for line in lines[1:]:
        previous = rows[-1][-1]
        height = max(previous.bbox.height, 1.0)
        gap = line.bbox.top - previous.bbox.bottom
        if gap > ROW_GAP * height or line.bbox.x0 < left - EDGE:
            break
        if line.font_size > HEADING_SIZE * lines[0].font_size:
            break  # a heading after the table
        at_edge = abs(line.bbox.x0 - left) <= EDGE
        if not at_edge and line.bbox.x0 < values_start - EDGE:
            break  # a line opening left of the values, off the labels' edge: another table
        found = label_of(line, settings) if at_edge else None
        wrapped = row_gap is not None and gap < WRAP_GAP * row_gap
        if found is not None and wrapped:  # a label's next line ("Beskrivning av" / "risk")
            found = None
        if found is not None and found[0] in fields and found[0] != vocab.IGNORED:
            break  # a label again: the next record's box below this one
        if found is not None:
            rows.append([line])
            fields.append(found[0])
            label_end = max(label_end, found[1])
            values_start = min(values_start, found[2])
            row_gap = gap if row_gap is None else min(row_gap, gap)
            continue
        runs = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
        if at_edge and len(runs) == 1 and line.bbox.x1 > label_end + height:
            break  # a line at the edge running on past the labels: prose after the table
        rows[-1].append(line)
    return rows, fields


def channels(
    words: Sequence[Word], start: float, size: float, width: float = CHANNEL
) -> list[float]:
    """Given the values' words, where the values start and their font size (and the
    narrowest white space counted, in font sizes), the x where each value column starts:
    after each run of white space at least that wide that no word crosses."""
    spans = sorted((w.bbox.x0, w.bbox.x1) for w in words if w.bbox.x0 >= start)
    starts: list[float] = []
    end = None
    for x0, x1 in spans:
        if end is None or x0 - end >= width * size:
            starts.append(x0)
        end = x1 if end is None else max(end, x1)
    return starts


def side_table(
    lines: Sequence[LineLike],
    page: int,
    right: float,
    settings: UnruledSettings = DEFAULT,
) -> UnruledTable | None:
    """Given lines from a candidate on, the table without column lines set on its side they
    open (its grid as drawn: the labels' column first, a column per record; one column of
    values for one record whose values wrap onto lines of their own or whose first row is its
    number, "Risk nr | R6": a box of labels and values), or None."""
    found = row_lines(lines, settings)
    if found is None:
        return None
    rows, fields = found
    for row in rows:  # a row of labels: a header line over rows, no table on its side
        runs = header_segments(row[0].words, max(row[0].font_size, 1.0), settings=settings)
        named = {label_field_of(run) for run in runs[1:]} - {None}
        if len(named) >= HEADER_LABELS:  # ("Risk 1 | Risk 2 | Risk 3" names one: records)
            return None
    named = {f for f in fields if f != vocab.IGNORED}
    if len(rows) < MIN_LABELS or len(named) < MIN_LABELS or not named & RECORD_FIELDS:
        return None
    size = max(lines[0].font_size, 1.0)
    label_words: set[int] = set()
    for row in rows:
        runs = header_segments(row[0].words, size, settings=settings)
        label_words.update(id(w) for w in runs[0])
    used = [ln for row in rows for ln in row]
    values = [w for ln in used for w in ln.words if id(w) not in label_words]
    left = min(ln.bbox.x0 for ln in used)
    label_end = max(
        (w.bbox.x1 for ln in used for w in ln.words if id(w) in label_words), default=left
    )
    starts = channels(values, label_end + CHANNEL * size, size)
    heads = len(header_segments(rows[0][0].words, size, settings=settings)) - 1
    for width in NARROWER_CHANNELS:  # fewer columns than the first row names records: text
        if len(starts) >= heads:  #   run close to the next column ("leverantörer" / "Felaktig")
            break
        narrower = channels(values, label_end + CHANNEL * size, size, width)
        if len(narrower) == heads:
            starts = narrower
    if not starts:
        return None
    end = max(right, max(w.bbox.x1 for ln in used for w in ln.words))
    grid_rows = cells_by_column(rows, label_words, (left, *starts, end))
    shared = sum(sum(bool(cell.words) for cell in row[1:] if cell is not None) >= MIN_RECORDS
                 for row in grid_rows)
    if shared < len(grid_rows) / 2:  # one record: its values set left and centred alike
        if all(len(row) == 1 for row in rows) and fields[0] != vocab.NUMBER:
            return None  # label/value lines, each value on its label's line (blocks read them)
        starts = starts[:1]
        grid_rows = cells_by_column(rows, label_words, (left, *starts, end))
    labels = sum(f != vocab.IGNORED for f in fields)
    for c in range(1, len(starts) + 1):  # a column of labels too: boxes side by side
        if sum(is_label(cell.words) for row in grid_rows if (cell := row[c]) is not None) \
                >= labels / 2:
            return None
    box = BBox(left, rows[0][0].bbox.top, end, max(ln.bbox.bottom for ln in rows[-1]))
    return UnruledTable(Grid(page, box, (left, *starts, end), tuple(grid_rows)), len(used))


def cells_by_column(
    rows: list[list[LineLike]], label_words: set[int], bounds: tuple[float, ...]
) -> list[tuple[GridCell | None, ...]]:
    """Given a side table's rows (each its lines), its labels' words (by id) and its column
    bounds, its grid rows: the labels in the first column, each other word in the column
    its left edge stands in."""
    grid_rows: list[tuple[GridCell | None, ...]] = []
    for r, row in enumerate(rows):
        top, bottom = row[0].bbox.top, max(ln.bbox.bottom for ln in row)
        cells: list[list[Word]] = [[] for _ in range(len(bounds) - 1)]
        for ln in row:
            for w in ln.words:
                cells[0 if id(w) in label_words else column_at(bounds, w.bbox.x0)].append(w)
        grid_rows.append(tuple(
            GridCell(cell_box(ws, bounds[c], bounds[c + 1], top, bottom), r, c, 1, 1, tuple(ws))
            for c, ws in enumerate(cells)
        ))
    return grid_rows


def label_field_of(words: Sequence[Word]) -> str | None:
    """Given a cell's words, the field they name as a label the vocabulary knows, or None."""
    text = " ".join(w.text for w in words).rstrip(": ")
    return vocab.classify_header(text) if 0 < len(words) <= LABEL_WORDS else None


def is_label(words: Sequence[Word]) -> bool:
    """Given a cell's words, whether they are a label the vocabulary knows."""
    return label_field_of(words) is not None


def column_at(bounds: Sequence[float], x: float) -> int:
    """Given a grid's column bounds and a word's left edge, the column it stands in."""
    return max((i for i in range(len(bounds) - 1) if bounds[i] <= x + 0.5), default=0)
