"""Tables without ruling lines, rebuilt from word positions under a header line.

Risk tools often export their tables as loose text: a header line whose words
stand in columns ("Riskkategori   Ansvarig   Riskvärde   Sannolikhet
Konsekvens") and rows below aligned to it. A header line is recognised by its
vocabulary (three or more named columns); its column starts split the lines
below into cells, and the result is a Grid like a ruled table's, so the
layout walker reads both the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from riskrad.extract.tables import Grid, GridCell, words_to_lines
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Word
from riskrad.model.settings import UnruledSettings

DEFAULT = UnruledSettings()


class LineLike(Protocol):
    """What this module needs of a line: its words, box and font size (see blocks.Line)."""

    @property
    def words(self) -> tuple[Word, ...]: ...

    @property
    def bbox(self) -> BBox: ...

    @property
    def font_size(self) -> float: ...


@dataclass(frozen=True, slots=True)
class UnruledTable:
    """A header line and the lines of its body, as a Grid, and which lines it used."""

    grid: Grid
    used: int  # how many lines, from the header line on, belong to the table


def header_segments(
    words: tuple[Word, ...], size: float, settings: UnruledSettings = DEFAULT
) -> list[list[Word]]:
    """Given a line's words and font size, the words split at wide gaps (header cells)."""
    segments: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.bbox.x0):
        if segments and word.bbox.x0 - segments[-1][-1].bbox.x1 <= settings.column_gap * size:
            segments[-1].append(word)
        else:
            segments.append([word])
    return segments


def header_columns(
    line: LineLike, settings: UnruledSettings = DEFAULT
) -> tuple[list[str | None], list[float]] | None:
    """Given a line, its column fields and column starts when it reads as a table header."""
    segments = header_segments(line.words, max(line.font_size, 1.0), settings)
    if len(segments) < settings.min_named:
        return None
    fields = vocab.header_fields([" ".join(w.text for w in seg) for seg in segments])
    if sum(f is not None for f in fields) < settings.min_named or not vocab.is_header_row(fields):
        return None
    return fields, [seg[0].bbox.x0 for seg in segments]


def column_of(word: Word, starts: list[float], settings: UnruledSettings = DEFAULT) -> int:
    """Given a word and the column starts, the column the word's start falls in."""
    index = 0
    for i, start in enumerate(starts):
        if word.bbox.x0 >= start - settings.start_tolerance:
            index = i
    return index


def would_fit(previous: list[Word], word: Word, bound: float, size: float) -> bool:
    """Given a cell's words on the line above, the first word below and the column's text
    edge, whether that word would have fitted on the line above (so it starts a new row)."""
    end = max(w.bbox.x1 for w in previous)
    return end + 0.25 * size + word.bbox.width <= bound


def continues(
    previous: list[list[Word]], cells: list[list[Word]], bounds: list[float], size: float
) -> bool:
    """Given the cells of the line above and of this line, whether this line wraps them.

    A word moves to the next line only when it does not fit on the line above:
    a line is a wrapped continuation when every cell's first word would not
    have fitted after the same cell's text above.
    """
    for c, words in enumerate(cells):
        if not words:
            continue
        if not previous[c]:
            return False
        if would_fit(previous[c], min(words, key=lambda w: w.bbox.x0), bounds[c], size):
            return False
    return True


def body_lines(
    lines: Sequence[LineLike],
    starts: list[float],
    height: float,
    settings: UnruledSettings = DEFAULT,
) -> list[tuple[list[list[Word]], bool, float]]:
    """Given the lines after a header, each table line's words per column, whether it is a
    section row, and its font size; up to a wide gap, a label or a prose line."""
    found: list[tuple[list[list[Word]], bool, float]] = []
    previous_bottom: float | None = None
    for line in lines:
        if (
            previous_bottom is not None
            and line.bbox.top - previous_bottom > settings.row_gap * height
        ):
            break
        text = " ".join(w.text for w in line.words)
        if vocab.paragraph_label(text) or vocab.section_label(text):
            break
        size = max(line.font_size, 1.0)
        cells: list[list[Word]] = [[] for _ in starts]
        for word in line.words:
            cells[column_of(word, starts, settings)].append(word)
        spanned = sum(1 for c in cells if c)
        section = len(header_segments(line.words, size, settings)) == 1 and spanned > 1
        long = len(line.words) > settings.section_max_words
        if section and (long or text.rstrip().endswith((".", ":"))):
            break
        if section:
            cells = [[w for c in cells for w in c]] + [[] for _ in starts[1:]]
        found.append((cells, section, size))
        previous_bottom = line.bbox.bottom
    return found


def body_rows(
    lines: Sequence[LineLike],
    starts: list[float],
    height: float,
    settings: UnruledSettings = DEFAULT,
) -> list[list[list[Word]]]:
    """Given the lines after a header, the table's rows as words per column.

    A line continues the row above when it wraps its cells (each first word
    too long for the line above, measured against the widest text seen in its
    column); else it starts a row, whose first cells may be empty (a risk's
    further control). A short line across columns is a section row.
    """
    table = body_lines(lines, starts, height, settings)
    limits = [*starts[1:], float("inf")]
    bounds = [
        max(
            (
                w.bbox.x1
                for cells, section, _ in table
                if not section
                for w in cells[c]
                if w.bbox.x1 < limits[c]
            ),
            default=starts[c],
        )
        for c in range(len(starts))
    ]
    rows: list[list[list[Word]]] = []
    sections: set[int] = set()
    previous: list[list[Word]] = []
    for cells, section, size in table:
        if section:
            sections.add(len(rows))
            rows.append(cells)
            previous = []
        elif not previous or not continues(previous, cells, bounds, size):
            rows.append(cells)
            previous = cells
        else:
            for target, more in zip(rows[-1], cells, strict=True):
                target.extend(more)
            previous = cells
    while rows and len(rows) - 1 in sections:
        rows.pop()
    return rows


def cell_box(words: list[Word], x0: float, x1: float, top: float, bottom: float) -> BBox:
    """Given a cell's words and its column and row extent, the cell's box."""
    if not words:
        return BBox(x0, top, x1, bottom)
    ys = [w.bbox.top for w in words] + [w.bbox.bottom for w in words]
    return BBox(x0, min(*ys, top), x1, max(*ys, bottom))


def header_words_by_column(
    lines: Sequence[LineLike], starts: list[float], settings: UnruledSettings = DEFAULT
) -> list[list[Word]]:
    """Given header lines and the column starts, each column's header words."""
    cells: list[list[Word]] = [[] for _ in starts]
    for line in lines:
        for word in line.words:
            cells[column_of(word, starts, settings)].append(word)
    return cells


def header_continues(
    header: Sequence[LineLike],
    line: LineLike,
    starts: list[float],
    named: int,
    settings: UnruledSettings = DEFAULT,
) -> bool:
    """Given the header lines so far and the next line, whether it continues the header.

    A header cell too narrow for its label wraps it ("Sannolikhe" / "t"): the
    next line, close below, in the header's type (bold) or completing the
    labels so that more columns are named, belongs to the header.
    """
    size = max(line.font_size, 1.0)
    if line.bbox.top - header[-1].bbox.bottom > 0.6 * size:
        return False
    bold = all(w.bold for ln in header for w in ln.words)
    if bold and all(w.bold for w in line.words):
        return True
    cells = header_words_by_column([*header, line], starts, settings)
    fields = vocab.header_fields([" ".join(w.text for w in c) for c in cells])
    return sum(f is not None for f in fields) > named


def wrapped_header(
    lines: Sequence[LineLike], settings: UnruledSettings = DEFAULT
) -> tuple[list[str | None], list[float]] | None:
    """Given lines, the header fields and column starts when the first two lines together are
    a header whose labels wrapped inside narrow columns ("Riskbeskrivnin" / "g")."""
    if len(lines) < 3:
        return None
    first, second = lines[0], lines[1]
    size = max(first.font_size, 1.0)
    bold = all(w.bold for w in first.words)
    if second.bbox.top - first.bbox.bottom > 0.6 * size or not bold:
        return None
    if not all(w.bold for w in second.words):
        return None
    segments = header_segments(first.words, size, settings)
    if len(segments) < settings.min_named:
        return None
    starts = [seg[0].bbox.x0 for seg in segments]
    cells = header_words_by_column([first, second], starts, settings)
    texts = ["\n".join(" ".join(w.text for w in ln) for ln in words_to_lines(c)) for c in cells]
    fields = vocab.header_fields(texts)
    if sum(f is not None for f in fields) < settings.min_named or not vocab.is_header_row(fields):
        return None
    return fields, starts


def sub_columns(
    lines: Sequence[LineLike], starts: list[float], settings: UnruledSettings = DEFAULT
) -> list[float] | None:
    """Given a header line and the lines below, the finer column starts of a second header
    line ("S  K  R" under "Riskbedömning"), when the next line is one."""
    if len(lines) < 3:
        return None
    line = lines[1]
    size = max(line.font_size, 1.0)
    if line.bbox.top - lines[0].bbox.bottom > 2.0 * size:
        return None
    segments = header_segments(line.words, size, settings)
    fields = vocab.header_fields([" ".join(w.text for w in seg) for seg in segments])
    if sum(f is not None for f in fields) < 2 or len(segments) < 2:
        return None
    subs = [seg[0].bbox.x0 for seg in segments]
    finer = sorted({*starts, *subs})
    merged: list[float] = []
    for x in finer:
        if merged and x - merged[-1] < 2 * settings.start_tolerance:
            continue
        merged.append(x)
    return merged if len(merged) > len(starts) else None


def two_level_table(
    lines: Sequence[LineLike],
    page: int,
    right: float,
    starts: list[float],
    subs: list[float],
    settings: UnruledSettings = DEFAULT,
) -> UnruledTable | None:
    """Given a group header line, the finer columns of the line below it and the lines, the
    table: row 0 holds the groups spanning their columns, row 1 the columns under them."""
    height = max(lines[0].bbox.height, 1.0)
    rows = body_rows(lines[2:], subs, height, settings)
    if not rows:
        return None
    bounds = (*subs, max(right, max(w.bbox.x1 for ln in lines for w in ln.words)))
    top_row: list[GridCell | None] = []
    reach = settings.start_tolerance
    group_of = [max(i for i, x in enumerate(starts) if x <= sub + reach) for sub in subs]
    group_words = header_words_by_column(lines[:1], starts, settings)
    for c, group in enumerate(group_of):
        if c > 0 and group_of[c - 1] == group:
            top_row.append(None)
            continue
        span = group_of.count(group)
        words = group_words[group]
        box = cell_box(words, bounds[c], bounds[c + span], lines[0].bbox.top, lines[0].bbox.bottom)
        top_row.append(GridCell(box, 0, c, 1, span, tuple(words)))
    grid_rows: list[tuple[GridCell | None, ...]] = [tuple(top_row)]
    for r, cells in enumerate([header_words_by_column(lines[1:2], subs, settings), *rows], start=1):
        ys = [w.bbox.top for c in cells for w in c] + [w.bbox.bottom for c in cells for w in c]
        top, bottom = min(ys), max(ys)
        grid_rows.append(
            tuple(
                GridCell(cell_box(c, bounds[i], bounds[i + 1], top, bottom), r, i, 1, 1, tuple(c))
                for i, c in enumerate(cells)
            )
        )
    box = BBox(
        bounds[0],
        lines[0].bbox.top,
        bounds[-1],
        grid_rows[-1][0].bbox.bottom if grid_rows[-1][0] else lines[-1].bbox.bottom,
    )
    used = 2 + count_lines(lines[2:], rows)
    return UnruledTable(Grid(page, box, tuple(bounds), tuple(grid_rows)), used)


def unruled_table(
    lines: Sequence[LineLike], page: int, right: float, settings: UnruledSettings = DEFAULT
) -> UnruledTable | None:
    """Given lines from a header candidate on, the unruled table they form, if any."""
    header = header_columns(lines[0], settings) or wrapped_header(lines, settings)
    if header is None:
        return None
    fields, starts = header
    groups = sub_columns(lines, starts, settings)
    if groups is not None:
        return two_level_table(lines, page, right, starts, groups, settings)
    named = sum(f is not None for f in fields)
    used_header = 1
    while used_header < len(lines) and header_continues(
        lines[:used_header], lines[used_header], starts, named, settings
    ):
        used_header += 1
    height = max(lines[0].bbox.height, 1.0)
    rows = body_rows(lines[used_header:], starts, height, settings)
    if not rows:
        return None
    bounds = (*starts, max(right, max(w.bbox.x1 for ln in lines for w in ln.words)))
    header_cells = header_words_by_column(lines[:used_header], starts, settings)
    grid_rows: list[tuple[GridCell | None, ...]] = []
    for r, cells in enumerate([header_cells, *rows]):
        ys = [w.bbox.top for c in cells for w in c] + [w.bbox.bottom for c in cells for w in c]
        top, bottom = min(ys), max(ys)
        if r > 0 and cells[0] and not any(cells[1:]) and section_row(cells[0], starts):
            box = cell_box(cells[0], bounds[0], bounds[-1], top, bottom)
            span = len(starts)
            grid_rows.append((GridCell(box, r, 0, 1, span, tuple(cells[0])), *[None] * (span - 1)))
            continue
        grid_rows.append(
            tuple(
                GridCell(cell_box(c, bounds[i], bounds[i + 1], top, bottom), r, i, 1, 1, tuple(c))
                for i, c in enumerate(cells)
            )
        )
    tops = [c.bbox.top for c in grid_rows[0] if c is not None]
    bottoms = [c.bbox.bottom for c in grid_rows[-1] if c is not None]
    box = BBox(bounds[0], min(tops), bounds[-1], max(bottoms))
    used = used_header + count_lines(lines[used_header:], rows)
    return UnruledTable(Grid(page, box, tuple(bounds), tuple(grid_rows)), used)


def section_row(words: list[Word], starts: list[float]) -> bool:
    """Given a row's only cell's words, whether they run past the first column (a section row)."""
    return len(starts) > 1 and max(w.bbox.x1 for w in words) > starts[1]


def count_lines(lines: Sequence[LineLike], rows: list[list[list[Word]]]) -> int:
    """Given the lines after a header and the rows read from them, how many lines they used."""
    words = {id(w) for row in rows for cell in row for w in cell}
    used = 0
    for line in lines:
        if not any(id(w) in words for w in line.words):
            break
        used += 1
    return used
