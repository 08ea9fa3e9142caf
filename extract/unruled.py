"""Tables without ruling lines, rebuilt from word positions under a header line.

Risk tools often export their tables as loose text: a header line whose words
stand in columns ("Riskkategori   Ansvarig   Riskvärde   Sannolikhet
Konsekvens") and rows below aligned to it. A header line is recognised by its
vocabulary (three or more named columns); its column starts split the lines
below into cells, and the result is a Grid like a ruled table's, so the
layout walker reads both the same way.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Protocol

from riskrad.extract.tables import Grid, GridCell, with_text_rights, words_to_lines
from riskrad.model import column_content
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Fill, Ruling, Word
from riskrad.model.risk_titles import valued_title
from riskrad.model.settings import UnruledSettings
from riskrad.model.text import item_mark, labelled_values

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
    carried: int = 0  # how many of the next page's first lines end its header


@dataclass(frozen=True, slots=True)
class Separator:
    """A horizontal edge drawn on the page: a rule, or a fill's top or bottom."""

    y: float
    x0: float
    x1: float
    rule: bool  # a drawn line (else the edge of a fill)


@dataclass(frozen=True, slots=True)
class Template:
    """The columns of the latest unruled table with a header, for its header-less parts."""

    starts: tuple[float, ...]
    right: float
    carried: int = 0  # how many of the next page's first lines end the header
    earlier: tuple[Template, ...] = ()  # the columns of other tables before it, latest first
    origin: tuple[float, ...] = ()  # the column starts of the table with the header
    fields: frozenset[str] = frozenset()  # the fields its header names
    labels: tuple[str, ...] = ()  # its header's words, sorted (a header stated again matches)
    awaiting: bool = False  # a header alone closing its page: its rows open the next one


@dataclass
class Body:
    """A table body: words per row and column, and which row's cell covers each position."""

    rows: list[list[list[Word]]]
    cover: list[list[int]]  # cover[r][c]: the row whose cell (spanning down) holds (r, c)
    extents: list[tuple[float, float]]  # each row's top and bottom
    sections: set[int]


def page_separators(rulings: Sequence[Ruling], fills: Sequence[Fill]) -> tuple[Separator, ...]:
    """Given a page's rulings and fills, its horizontal edges (rules, fills' tops and bottoms)."""
    found = [
        Separator((r.top + r.bottom) / 2, r.x0, r.x1, True) for r in rulings if r.orientation == "h"
    ]
    for fill in fills:
        box = fill.bbox
        if box.height < 1.5:  # a thin filled bar is a drawn line
            found.append(Separator(box.ymid, box.x0, box.x1, True))
        else:
            found += [
                Separator(box.top, box.x0, box.x1, False),
                Separator(box.bottom, box.x0, box.x1, False),
            ]
    return tuple(sorted(found, key=lambda s: s.y))


def header_segments(
    words: tuple[Word, ...], size: float, *, settings: UnruledSettings = DEFAULT
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
    line: LineLike, *, settings: UnruledSettings = DEFAULT
) -> tuple[list[str | None], list[float]] | None:
    """Given a line, its column fields and column starts when it reads as a table header."""
    segments = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    if len(segments) < min(settings.min_named, 2):
        return None
    texts = [" ".join(w.text for w in seg) for seg in segments]
    fields = vocab.header_fields(texts)
    enough = sum(f is not None for f in fields) >= settings.min_named or (
        vocab.is_label_row(fields, texts) and set_apart(line.words)
    )
    if not enough or not vocab.is_header_row(fields, texts):
        return None
    return fields, [seg[0].bbox.x0 for seg in segments]


CONTENT_LINES = 12  # body lines read to name a header's columns by their content
CONTENT_SEGMENTS = 3  # a header named in part by its content has this many labels at least


def content_columns(
    lines: Sequence[LineLike], *, settings: UnruledSettings = DEFAULT
) -> tuple[list[str | None], list[float]] | None:
    """Given lines from a header candidate on, its column fields and starts when the
    vocabulary reads its labels only in part and the lines below, cut at the labels'
    starts, show what the rest are (``column_content.named_by_content``)."""
    segments = header_segments(lines[0].words, max(lines[0].font_size, 1.0), settings=settings)
    if len(segments) < CONTENT_SEGMENTS or len(lines) < 1 + column_content.MIN_CELLS:
        return None
    labels = [" ".join(w.text for w in seg) for seg in segments]
    fields = vocab.header_fields(labels)
    if vocab.fields_named(fields) < 1:
        return None
    starts = [seg[0].bbox.x0 for seg in segments]
    body = list(lines[1 : 1 + CONTENT_LINES])
    body = body[: next_header(body, settings)]
    columns: list[list[str]] = [[] for _ in starts]
    for line in body:
        cells: list[list[str]] = [[] for _ in starts]
        for word in line.words:
            cells[column_of(word, starts, settings=settings)].append(word.text)
        for column, cell in zip(columns, cells, strict=True):
            column.append(" ".join(cell))
    named = column_content.named_by_content(fields, labels, columns)
    return (named, starts) if named is not None else None


def set_apart(words: Sequence[Word]) -> bool:
    """Given a line's words, whether they are set apart as labels: all bold, or all in
    capitals."""
    letters = [w.text for w in words if any(map(str.isalpha, w.text))]
    return bool(letters) and (all(w.bold for w in words) or all(t.upper() == t for t in letters))


def column_of(word: Word, starts: list[float], *, settings: UnruledSettings = DEFAULT) -> int:
    """Given a word and the column starts, the column the word's start falls in."""
    index = 0
    for i, start in enumerate(starts):
        if word.bbox.x0 >= start - settings.start_tolerance:
            index = i
    return index


# a value or a row's number ("3", "12", "2,5", "1."); a date marks its column
NUMBER_RUN = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?[.)]?")
SET_RIGHT_GAP = 1.5  # font sizes: a value ending this close before a column is set right


def set_right(
    words: Sequence[Word], starts: Sequence[float], settings: UnruledSettings = DEFAULT
) -> frozenset[float]:
    """Given a line's words and a table's column starts, where the line's values set right
    in their cells start: a short number that starts at no column but ends just before one
    (within one and a half font sizes: Excel's "3" / "5 Kontroll av …"). Such a value starts
    wherever its width puts it and marks no column; a value set left at a tab stop does."""
    found = []
    for w in words:
        if not NUMBER_RUN.fullmatch(w.text):
            continue
        if any(abs(w.bbox.x0 - x) <= settings.start_tolerance for x in starts):
            continue
        gap = SET_RIGHT_GAP * max(w.font_size or w.bbox.height, 1.0)
        if any(0.0 <= x - w.bbox.x1 <= gap for x in starts):
            found.append(w.bbox.x0)
    return frozenset(found)


def line_shift(
    words: Sequence[Word], starts: list[float], size: float, *, settings: UnruledSettings = DEFAULT
) -> float:
    """Given a body line's words, the column starts and the font size, how far left of the
    columns the whole line stands (a row drawn a little aside, a scan's leftover skew): the
    offset two or more of its runs of words share left of their nearest column start, when
    more runs share it than stand on the starts; else 0. A run right of its start stays in
    its column anyway; a run opening with a value set right in its cell (:func:`set_right`)
    says nothing (it stands left of the next column's label by its own width on every row)."""
    offsets = []
    right_set = set_right(words, starts, settings)
    for segment in header_segments(tuple(words), size, settings=settings):
        if segment[0].bbox.x0 in right_set:
            continue
        x0 = segment[0].bbox.x0
        offset = x0 - min(starts, key=lambda start: abs(start - x0))
        if abs(offset) <= settings.max_shift:
            offsets.append(offset)
    tolerance = settings.start_tolerance
    on_starts = sum(1 for o in offsets if o >= -tolerance)
    best, agreeing = 0.0, 0
    for o in offsets:
        if o >= -tolerance:
            continue
        near = [p for p in offsets if abs(p - o) <= tolerance]
        if len(near) > agreeing:
            best, agreeing = max(near), len(near)  # the least shift clears every run
    return best if agreeing >= 2 and agreeing > on_starts else 0.0


def would_fit(previous: list[Word], word: Word, bound: float, size: float) -> bool:
    """Given a cell's words on the line above, the first word below and the column's text
    edge, whether that word would clearly have fitted on the line above (so it starts a new
    row): after a space, with half a font size to spare (glyph boxes are measured, not
    the advances the wrap was set with)."""
    end = max(w.bbox.x1 for w in previous)
    return end + 0.25 * size + word.bbox.width <= bound - 0.5 * size


def continues(
    previous: list[list[Word]],
    cells: list[list[Word]],
    bounds: list[float],
    size: float,
    row: list[list[Word]],
) -> bool:
    """Given the cells of the line above, of this line and of the row so far, whether this
    line wraps them.

    A word moves to the next line only when it does not fit on the line above:
    a line is a wrapped continuation when every cell's first word would not
    have fitted after the same cell's text above. A cell of the row holding only a number
    does not wrap ("9" / "(Hög)" and "1" / "gång/månad" do): text under it starts a row; a
    number that ends a cell's line in running text does ("Samtliga 20" / "kontrollerade"),
    and so do digits under it beside a cell going on in small letters (a number too wide
    for its narrow cell, "1" / "2"). A number in a cell empty above, beside cells that all
    go on in small letters (a lone letter beside them is a scan's speck, "É"), is the row's
    (set low in its cell, or a scan lost its first
    lines: "3×" / "1=" / "3" read "3").
    """
    firsts = [min(words, key=lambda w: w.bbox.x0).text if words else "" for words in cells]
    beside_lower = any(f[:1].islower() for f in firsts)
    for c, words in enumerate(cells):
        if not words:
            continue
        first = firsts[c]
        if not previous[c]:
            others = [f for i, f in enumerate(firsts) if len(f) > 1 and i != c]  # not "É"
            if first.isdigit() and others and all(f[:1].islower() for f in others):
                continue  # a number set low in its cell (or its first lines lost on a scan)
            return False  # beside cells all going on in small letters: the row's
        if (
            all(w.text.isdigit() for w in row[c])
            and not first.startswith("(")
            and not first[:1].islower()  # "1" / "gång/månad": the number starts the cell
            and not (first.isdigit() and beside_lower)
        ):
            return False  # a number cell: text under it starts a row
        if would_fit(previous[c], min(words, key=lambda w: w.bbox.x0), bounds[c], size):
            return False
    return True


OUTDENT = 4.0  # points a row's first cell stands indented at least, to be a tree's level


def outdented(
    row: list[list[Word]], cells: list[list[Word]], starts: list[float],
    settings: UnruledSettings = DEFAULT,
) -> bool:
    """Given the cells of the row so far, of a line and the column starts, whether the line
    starts a row of a tree's outer level: text in the first column only, at the column's
    edge, where the row's first line stood indented (an area's line under a control's
    wrapped text; wrapped text keeps its cell's indentation)."""
    if not cells[0] or any(cells[1:]) or not row[0]:
        return False
    first = min(w.bbox.x0 for w in words_to_lines(row[0])[0])
    x = min(w.bbox.x0 for w in cells[0])
    return (first - starts[0] >= OUTDENT and first - x >= OUTDENT
            and x - starts[0] <= settings.start_tolerance)


def opens_cells(cells: list[list[Word]]) -> bool:
    """Given a line's cells, whether it reads as a row's first line: two or more cells
    start with a capital letter and none with a small one (wrapped text goes on in small
    letters mid-sentence; a row's cells start anew)."""
    firsts = [min(words, key=lambda w: w.bbox.x0).text[:1] for words in cells if words]
    capitals = sum(1 for f in firsts if f.isupper())
    return capitals >= 2 and not any(f.islower() for f in firsts)


def next_item(row: list[list[Word]], cells: list[list[Word]]) -> bool:
    """Given the cells of the row so far and of a line, whether the line is the next item
    of a list a cell of the row began: that cell starts with the same kind of mark as its
    first line, a number counting on ("1) …" then "2) …", "• …" then "• …"), and any other
    cell of the line goes on in small letters (text wrapped beside the list)."""
    listed = False
    for c, words in enumerate(cells):
        if not words:
            continue
        line = sorted(words, key=lambda w: w.bbox.x0)
        mark = item_mark(" ".join(w.text for w in line))
        first = item_mark(" ".join(w.text for w in words_to_lines(row[c])[0])) if row[c] else None
        if (
            mark is not None
            and first is not None
            and first[0] == mark[0]
            and (mark[1] is None or mark[1] > 1)
        ):
            listed = True
        elif not line[0].text[:1].islower():
            return False
    return listed


Line = tuple[list[list[Word]], bool, float, BBox]  # cells, section row, size, line box
HEADING_SIZE = 1.15  # a line of one run this much larger than the table's rows is a heading


def body_lines(
    lines: Sequence[LineLike],
    starts: list[float],
    height: float,
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[Line]:
    """Given the lines after a header, each table line's words per column, whether it is a
    section row, its font size and box; up to a wide gap, a label or a prose line."""
    found: list[Line] = []
    previous_bottom: float | None = None
    after_section = False
    regular_rows = rows_start_regular(lines, starts, settings)
    pitch = 0.0  # the widest gap between the table's lines so far
    for line in lines:
        gap = settings.row_gap * height * (2.0 if after_section else 1.0)  # a section row
        size = max(line.font_size, 1.0)
        gap = max(gap, pitch + PITCH_TOLERANCE * size)  # rows at a loose regular pitch go on
        space = line.bbox.top - previous_bottom if previous_bottom is not None else 0.0
        if previous_bottom is not None and space > gap:  # stands apart
            break
        if labelled_paragraph(line):
            break
        text = " ".join(w.text for w in line.words)
        if (
            found
            and size > HEADING_SIZE * max(f[2] for f in found)
            and (len(header_segments(line.words, size, settings=settings)) == 1)
        ):
            break  # a heading in a larger type closes the table ("1.2 Kontroll av …")
        shift = line_shift(line.words, starts, size, settings=settings)
        moved = [start + shift for start in starts]
        cells: list[list[Word]] = [[] for _ in starts]
        for word in line.words:
            cells[column_of(word, moved, settings=settings)].append(word)
        cells = centred_runs(line.words, cells, moved, size, settings)
        spanned = sum(1 for c in cells if c)
        leftmost = min(line.words, key=lambda w: w.bbox.x0).text
        section = (
            len(header_segments(line.words, size, settings=settings)) == 1
            and spanned > 1
            and not leftmost[:1].islower()  # cells almost touching go on ("ärenden" "plan.")
        )
        if spanned == 1 and cells[0] and regular_rows and all(w.bold for w in line.words):
            section = True  # a bold area name alone where rows start in regular type
        if section and (
            len(line.words) > settings.section_max_words or text.rstrip().endswith((".", ":"))
        ):
            break
        if after_section and not section and not within_columns(line.words, moved):
            found.pop()  # a heading over a part sized to its own text: the part is read anew
            break
        if section:
            cells = [[w for c in cells for w in c]] + [[] for _ in starts[1:]]
        found.append((cells, section, size, line.bbox))
        if previous_bottom is not None and not section and not after_section:
            pitch = max(pitch, space)
        previous_bottom = line.bbox.bottom
        after_section = section
    return found


PITCH_TOLERANCE = 0.4  # font sizes a gap between a table's rows may exceed the widest before
# (glyph boxes: a line without descenders or capitals stands that much further from the next)


def centred_runs(
    words: Sequence[Word],
    cells: list[list[Word]],
    starts: Sequence[float],
    size: float,
    settings: UnruledSettings = DEFAULT,
) -> list[list[Word]]:
    """Given a body line's words, its words per column, the column starts and the font
    size, the words per column with each run of words (split at wide gaps) that starts in a
    column after an earlier run of the line in it, or well inside it (a column gap past its
    start), and reaches over the next column's start, that column holding none of the
    line's other words, moved to the next column: a value centred in its cell wider than
    the line that set the column's start ("Mindre" / "sannolik (2)", "Mycket hög (16)"
    under a centred "S×K") starts left of it, while a wrapped text of the column before
    starts at its own column's start. Right to left: a run moved leaves its column free."""
    column = {id(w): c for c, found in enumerate(cells) for w in found}
    moved = [list(found) for found in cells]
    for run in reversed(header_segments(tuple(words), size, settings=settings)):
        c = column[id(run[0])]
        if c + 1 >= len(starts) or run[-1].bbox.x1 <= starts[c + 1]:
            continue
        ids = {id(w) for w in run}
        if any(column[i] not in (c, c + 1) for i in ids):
            continue
        if any(id(w) not in ids for w in moved[c + 1]):
            continue  # the next column holds words of its own
        if any(abs(w.bbox.x0 - starts[c + 1]) <= settings.start_tolerance for w in run):
            continue  # two cells almost touching: a value set right, the next cell's text
        inside = run[0].bbox.x0 - starts[c] > settings.column_gap * size  # not at its start
        if not inside and not any(w.bbox.x1 < run[0].bbox.x0 for w in moved[c]
                                  if id(w) not in ids):
            continue  # the run opens its cell at its start: a wrapped text of the column
        moved[c] = [w for w in moved[c] if id(w) not in ids]
        moved[c + 1] = sorted([*moved[c + 1], *(w for w in run if column[id(w)] == c)],
                              key=lambda w: w.bbox.x0)
        for w in run:
            column[id(w)] = c + 1
    return moved


def within_columns(words: Sequence[Word], starts: Sequence[float]) -> bool:
    """Given a line's words and column starts, whether no word runs into the next column."""
    limits = [*starts[1:], float("inf")]
    return all(w.bbox.x1 <= limits[column_of(w, list(starts))] + 1.0 for w in words)


def rows_start_regular(
    lines: Sequence[LineLike], starts: list[float], settings: UnruledSettings = DEFAULT
) -> bool:
    """Given a body's lines and its columns, whether its rows start in regular type: the
    lines with text in two or more columns, not all bold (a section row), have a first
    cell, none of it bold."""
    firsts: list[bool] = []
    for line in lines:
        if all(w.bold for w in line.words):
            continue
        cells: list[list[Word]] = [[] for _ in starts]
        for word in line.words:
            cells[column_of(word, starts, settings=settings)].append(word)
        if cells[0] and sum(1 for c in cells if c) > 1:
            firsts.append(all(w.bold for w in cells[0]))
    return bool(firsts) and not any(firsts)


def covers(separator: Separator, x0: float, x1: float) -> bool:
    """Given a separator and a column's extent, whether the separator runs under most of it."""
    overlap = min(separator.x1, x1) - max(separator.x0, x0)
    return overlap >= 0.5 * (x1 - x0)


def separated_columns(
    separators: Sequence[Separator], upper: BBox, lower: BBox, edges: list[float]
) -> set[int]:
    """Given the separators in use, two consecutive lines and the column edges, the columns a
    separator between the two lines closes (a cell border: a new cell starts below it);
    a separator counts when it runs under two or more columns. Rules between the two lines
    count together: a scan breaks a rule (or a fill's edge it reads as one) into pieces
    where text stands near it, and the pieces run under the columns only as a whole."""
    found: set[int] = set()
    columns = range(len(edges) - 1)
    rules: list[Separator] = []
    for separator in separators:
        if not upper.ymid < separator.y < lower.ymid:
            continue
        if separator.rule:
            rules.append(separator)
        under = {c for c in columns if covers(separator, edges[c], edges[c + 1])}
        if len(under) >= 2:  # one cell's own fill (a coloured value) marks no row
            found |= under
    if len(rules) > 1:
        under = {c for c in columns if pieces_cover(rules, edges[c], edges[c + 1])}
        if len(under) >= 2:
            found |= under
    return found


def pieces_cover(pieces: Sequence[Separator], x0: float, x1: float) -> bool:
    """Given separators and a column's extent, whether together they run under most of it."""
    spans = sorted((max(p.x0, x0), min(p.x1, x1)) for p in pieces if p.x1 > x0 and p.x0 < x1)
    total, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total >= 0.5 * (x1 - x0)


def table_separators(
    table: list[Line], separators: Sequence[Separator], edges: list[float]
) -> list[Separator]:
    """Given a table's lines and the page's separators, those that mark its rows.

    Rules when the body has rules between its lines, else fills' edges (zebra
    rows, coloured cells); none when nothing separates any two body lines (a
    table without lines: rows are then found from how text wraps).
    """
    body = [line for line in table if not line[1]]
    for kind in (True, False):
        chosen = [s for s in separators if s.rule is kind]
        if any(separated_columns(chosen, a[3], b[3], edges) for a, b in pairwise(body)):
            return chosen
    return []


TEXT_SHARE = 0.5  # a column whose cells hold letters in this share of the body's lines


def values_only(table: list[Line], separators: Sequence[Separator], edges: list[float]) -> bool:
    """Given a table's lines, the separators that mark its rows and the column edges,
    whether the separators close only columns of values (a scan whose only lines are its
    coloured S, K and R cells' edges: they part the values, not the rows, and the text
    beside them runs on as if merged over several rows). A column holds values when less
    than half of the body's lines that have words in it hold text there: letters that are
    no value (a level word, "Hög", "Mycket hög", is R's value, a number with its word too)."""
    body = [line for line in table if not line[1]]
    closed: set[int] = set()
    for a, b in pairwise(body):
        closed |= separated_columns(separators, a[3], b[3], edges)
    for c in closed:
        filled = [cells[c] for cells, _, _, _ in body if cells[c]]
        lettered = sum(_lettered(words) for words in filled)
        if filled and lettered >= TEXT_SHARE * len(filled):
            return False
    return bool(closed)


def _lettered(words: Sequence[Word]) -> bool:
    """Given a line's words in one cell, whether they hold letters that are no value."""
    text = " ".join(w.text for w in words)
    return any(ch.isalpha() for ch in text) and column_content.cell_kind(text) != "value"


def line_pitch(table: list[Line]) -> float:
    """Given a table's lines, the pitch of text wrapped inside a cell: the median of the
    distances between consecutive lines' tops that are near the smallest (lines closer
    than a line's height, such as text set a little higher in one cell, left out), or
    infinity when there is none."""
    lines = [(box.top, size) for _, section, size, box in table if not section]
    gaps = [b[0] - a[0] for a, b in pairwise(lines) if b[0] - a[0] >= 0.8 * b[1]]
    if not gaps:
        return float("inf")
    return statistics.median(g for g in gaps if g <= 1.3 * min(gaps))


def words_top(cells: Sequence[Sequence[Word]], box: BBox) -> float:
    """Given a line's cells and its box, where the line stands for the line below to be
    measured from: its words' median top (a scan's glyph set high, a row number's "2" above
    its row's words, would move the box's top and make the next line of the row look a
    row's padding further below), the box's top without words."""
    tops = sorted(w.bbox.top for cell in cells for w in cell)
    return tops[len(tops) // 2] if tops else box.top


def wrapped_rows(
    table: list[Line], starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> Body:
    """Given a body's lines without separators, its rows from how text wraps.

    A line continues the row above when it wraps its cells (each first word
    too long for the line above, measured against the widest text seen in its
    column) and stands less than a blank line below it (two line pitches of the
    table: a row set that far apart starts anew); else it starts a row, whose first cells
    may be empty (a risk's further control). A line filling two or more cells that stands
    clearly further below than wrapped text does (the cells' padding) starts a row too;
    a line that is the next item of a list its cell began goes on in that row. A short
    line across columns is a section row.
    """
    limits = [*starts[1:], float("inf")]
    bounds = [
        max(
            (
                w.bbox.x1
                for cells, section, _, _ in table
                if not section
                for w in cells[c]
                if w.bbox.x1 < limits[c]
            ),
            default=starts[c],
        )
        for c in range(len(starts))
    ]
    body = Body([], [], [], set())
    previous: list[list[Word]] = []
    pitch = line_pitch(table)
    above: float | None = None  # where the line above stands (its words' median top)
    for cells, section, size, box in table:
        slack = settings.pitch_slack * size
        top = box.top  # where this line's text starts: the rest of a cell above may lead it
        apart = above is not None and top - above >= 2 * pitch - slack
        padded = (
            above is not None
            and sum(1 for c in cells if c) >= 2
            and top - above >= pitch + settings.row_padding * size
        )
        above = words_top(cells, box)
        listed = bool(body.rows) and not section and not apart and next_item(body.rows[-1], cells)
        if not listed and (
            section
            or not previous
            or apart
            or padded
            or opens_cells(cells)
            or outdented(body.rows[-1], cells, starts, settings)
            or not continues(previous, cells, bounds, size, body.rows[-1])
        ):
            if section:
                body.sections.add(len(body.rows))
            body.rows.append([list(c) for c in cells])
            body.cover.append([len(body.rows) - 1] * len(starts))
            body.extents.append((box.top, box.bottom))
        else:
            for target, more in zip(body.rows[-1], cells, strict=True):
                target.extend(more)
            top, _ = body.extents[-1]
            body.extents[-1] = (top, box.bottom)
        previous = [] if section else cells
    return body


def ruled_rows(table: list[Line], edges: list[float], separators: list[Separator]) -> Body:
    """Given a body's lines and the separators that mark its cells, its rows.

    A line below a separator starts a row; the columns the separator does not
    run under continue the cell above (a cell merged over several rows, as a
    risk over its controls), so their words stay with the row that cell began.
    """
    n = len(edges) - 1
    body = Body([], [], [], set())
    owner = [0] * n
    previous: Line | None = None
    for line in table:
        cells, section, _, box = line
        if previous is None or section or previous[1]:
            fresh = set(range(n))
        else:
            fresh = separated_columns(separators, previous[3], box, edges)
        if fresh:
            r = len(body.rows)
            body.rows.append([[] for _ in range(n)])
            body.extents.append((box.top, box.bottom))
            owner = [r if c in fresh else owner[c] for c in range(n)]
            body.cover.append(list(owner))
            if section:
                body.sections.add(r)
        else:
            top, _ = body.extents[-1]
            body.extents[-1] = (top, box.bottom)
        for c, words in enumerate(cells):
            body.rows[owner[c]][c].extend(words)
        previous = line
    return body


def body_rows(
    lines: Sequence[LineLike],
    starts: list[float],
    height: float,
    separators: Sequence[Separator] = (),
    right: float | None = None,
    *,
    settings: UnruledSettings = DEFAULT,
) -> Body:
    """Given the lines after a header (and the page's separators), the table's rows.

    Where rules or fills separate the body's lines, they mark the cells;
    else rows are found from how text wraps. Separators that close only columns of
    values (``values_only``: a scan's coloured value cells' edges) give way to the rows
    text wrapping finds when it finds as many or more: such separators leave the text columns
    merged over the rows they part (a scan of an Excel sheet read its three risks' text as
    one cell, their values apart). Trailing section rows are dropped.
    """
    table = body_lines(lines, starts, height, settings=settings)
    end = (
        right
        if right is not None
        else max((w.bbox.x1 for line in lines for w in line.words), default=starts[-1])
    )
    edges = [s - settings.start_tolerance for s in starts] + [max(end, starts[-1] + 1.0)]
    chosen = table_separators(table, separators, edges)
    body = ruled_rows(table, edges, chosen) if chosen else None
    if body is None or values_only(table, chosen, edges):
        wrapped = wrapped_rows(table, starts, settings=settings)
        if body is None or len(wrapped.rows) >= len(body.rows):
            body = wrapped
    while body.rows and len(body.rows) - 1 in body.sections:
        last = len(body.rows) - 1
        if any(cover[c] == last for cover in body.cover[:-1] for c in range(len(starts))):
            break
        body.rows.pop()
        body.cover.pop()
        body.extents.pop()
        body.sections.discard(last)
    return body


def body_grid_rows(
    body: Body, bounds: Sequence[float], first: int, starts: list[float]
) -> list[tuple[GridCell | None, ...]]:
    """Given a body, the column bounds and the grid row it starts at, its grid rows.

    A cell covering several rows becomes one spanning cell; a section row (its words
    running past the first column, or set apart as one) becomes one cell across the table.
    """
    n = len(bounds) - 1
    out: list[tuple[GridCell | None, ...]] = []
    for r, cells in enumerate(body.rows):
        top, _ = body.extents[r]
        if (
            cells[0]
            and not any(cells[1:])
            and (section_row(cells[0], starts) or r in body.sections)
            and all(cover == r for cover in body.cover[r])
            and (r + 1 >= len(body.rows) or all(cover != r for cover in body.cover[r + 1]))
        ):
            box = cell_box(cells[0], bounds[0], bounds[-1], top, body.extents[r][1])
            out.append((GridCell(box, first + r, 0, 1, n, tuple(cells[0])), *[None] * (n - 1)))
            continue
        row: list[GridCell | None] = []
        for c in range(n):
            if body.cover[r][c] != r:
                row.append(None)
                continue
            span = 1
            while r + span < len(body.rows) and body.cover[r + span][c] == r:
                span += 1
            bottom = body.extents[r + span - 1][1]
            box = cell_box(cells[c], bounds[c], bounds[c + 1], top, bottom)
            row.append(GridCell(box, first + r, c, span, 1, tuple(cells[c])))
        out.append(tuple(row))
    return with_text_rights(out)  # where each column's text ends: its widest line


def header_text_rights(
    header: list[tuple[GridCell | None, ...]], body: list[tuple[GridCell | None, ...]]
) -> list[tuple[GridCell | None, ...]]:
    """Given a table's header rows and its body rows, all rows, the header cells knowing
    where their column's text ends in header and body (a label broken inside a word at the
    column's edge, "Beskrivn" / "ing", is made whole as a body cell's word is); the body
    cells keep their own."""
    return [*with_text_rights([*header, *body])[: len(header)], *body]


def cell_box(words: list[Word], x0: float, x1: float, top: float, bottom: float) -> BBox:
    """Given a cell's words and its column and row extent, the cell's box."""
    if not words:
        return BBox(x0, top, x1, bottom)
    ys = [w.bbox.top for w in words] + [w.bbox.bottom for w in words]
    return BBox(x0, min(*ys, top), x1, max(*ys, bottom))


def header_words_by_column(
    lines: Sequence[LineLike], starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> list[list[Word]]:
    """Given header lines and the column starts, each column's header words."""
    cells: list[list[Word]] = [[] for _ in starts]
    for line in lines:
        for word in line.words:
            cells[column_of(word, starts, settings=settings)].append(word)
    return cells


HEADER_BOLD_SHARE = 0.8  # a header in bold: this share of its words (a scan's "Nr" turned
#                         read upright and thin, or a bold word judged plain, is no plain header)


def header_continues(
    header: Sequence[LineLike],
    line: LineLike,
    starts: list[float],
    named: int,
    *,
    settings: UnruledSettings = DEFAULT,
) -> bool:
    """Given the header lines so far and the next line, whether it continues the header.

    A header cell too narrow for its label wraps it ("Sannolikhe" / "t"): the
    next line, close below, in the header's type (bold: the line's words all, the header's
    HEADER_BOLD_SHARE of them) or completing the
    labels so that more columns are named than by the header lines so far (or
    than ``named``, when fewer: a header finder that read the wrapped labels
    already counted them), belongs to the header.
    """
    size = max(line.font_size, 1.0)
    if line.bbox.top - header[-1].bbox.bottom > 0.6 * size:
        return False
    marks = [w.bold for ln in header for w in ln.words]
    bold = bool(marks) and sum(marks) >= HEADER_BOLD_SHARE * len(marks)
    if bold and all(w.bold for w in line.words):
        return True
    so_far = joined_fields(header, starts, settings=settings)
    joined = joined_fields([*header, line], starts, settings=settings)
    if named_count(joined) > min(named, named_count(so_far)):
        return True
    # a label cut short names its field alone ("Beskrivning av" the description) and its
    # rest names another ("… risk": the risk), as many named: the rest is the header's too
    return "risk" in joined and "risk" not in so_far and named_count(joined) >= named_count(so_far)


def named_count(fields: Sequence[str | None]) -> int:
    """Given a header's fields, how many columns they name."""
    return sum(f is not None for f in fields)


def joined_fields(
    lines: Sequence[LineLike], starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> list[str | None]:
    """Given header lines and the column starts, the fields the vocabulary names when each
    column's words are read as one label, run on or by lines (a label broken inside a word,
    "Sannolikhe" / "t (1-5)", reads only by lines), whichever names more."""
    cells = header_words_by_column(lines, starts, settings=settings)
    run_on = vocab.header_fields([" ".join(w.text for w in c) for c in cells])
    by_lines = vocab.header_fields(cell_texts(cells))
    return by_lines if named_count(by_lines) >= named_count(run_on) else run_on


UNDERLINE_SHARE = 0.8  # a rule under this share of a table's columns closes its header


def underlined_label_line(
    lines: Sequence[LineLike], index: int, separators: Sequence[Separator], edges: list[float]
) -> bool:
    """Given a table's lines, the index of the line after its header lines so far, the page's
    separators and the column edges, whether that line ends the header: close below it,
    in the header's type (HEADER_BOLD_SHARE of its words bold, judged alone: a scan's bold is
    uncertain in small type, the header's own words half plain) or leaving the first column
    empty where the line below the rule fills it (a row starts in its first cell; a label's
    last line, "(1-5)" or the "n" of "tjänsteperso" / "n", stands under later labels), with a
    rule under it, before the next line, across UNDERLINE_SHARE of the columns (the rule
    under a header; a label wrapped onto a second line, "Konsekvens" / "(1-4)", stands above
    it)."""
    line = lines[index]
    size = max(line.font_size, 1.0)
    if line.bbox.top - lines[index - 1].bbox.bottom > 0.6 * size:
        return False
    below = lines[index + 1].bbox.ymid if index + 1 < len(lines) else float("inf")
    if sum(w.bold for w in line.words) < HEADER_BOLD_SHARE * len(line.words) and not (
        index + 1 < len(lines)
        and all(w.bbox.x0 >= edges[1] for w in line.words)
        and any(w.bbox.x0 < edges[1] for w in lines[index + 1].words)
    ):
        return False
    columns = range(len(edges) - 1)
    return any(
        s.rule
        and line.bbox.ymid < s.y < below
        and sum(covers(s, edges[c], edges[c + 1]) for c in columns)
        >= UNDERLINE_SHARE * len(columns)
        for s in separators
    )


def joined_named(
    lines: Sequence[LineLike], starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> int:
    """Given header lines and the column starts, how many columns the vocabulary names when
    each column's words are read as one label (:func:`joined_fields`)."""
    return named_count(joined_fields(lines, starts, settings=settings))


def cell_texts(cells: Sequence[list[Word]]) -> list[str]:
    """Given header cells' words, each cell's text, its lines joined by newlines."""
    return ["\n".join(" ".join(w.text for w in ln) for ln in words_to_lines(c)) for c in cells]


def wrapped_header(
    lines: Sequence[LineLike], *, settings: UnruledSettings = DEFAULT
) -> tuple[list[str | None], list[float]] | None:
    """Given lines, the header fields and column starts when the first two lines together are
    a header whose labels wrapped inside narrow columns ("Riskbeskrivnin" / "g"): in bold
    (HEADER_BOLD_SHARE of the first line's words), the second line too or naming more
    columns than the first alone (a scan's bold misjudged in a word or two)."""
    if len(lines) < 3:
        return None
    first, second = lines[0], lines[1]
    size = max(first.font_size, 1.0)
    bold = sum(w.bold for w in first.words) >= HEADER_BOLD_SHARE * len(first.words)
    if second.bbox.top - first.bbox.bottom > 0.6 * size or not bold:
        return None
    segments = header_segments(first.words, size, settings=settings)
    if len(segments) < settings.min_named:
        return None
    starts = [seg[0].bbox.x0 for seg in segments]
    cells = header_words_by_column([first, second], starts, settings=settings)
    texts = cell_texts(cells)
    fields = vocab.header_fields(texts)
    named = sum(f is not None for f in fields)
    if named < settings.min_named or not vocab.is_header_row(fields, texts):
        return None
    if not all(w.bold for w in second.words):  # a scan's bold is judged word by word: the
        alone = vocab.header_fields(
            cell_texts(header_words_by_column([first], starts, settings=settings))
        )
        if named <= sum(f is not None for f in alone):  # line must complete labels
            return None
    return fields, starts


def aligned_header(
    lines: Sequence[LineLike], *, settings: UnruledSettings = DEFAULT
) -> tuple[list[str | None], list[float]] | None:
    """Given lines, the header fields and column starts when the first line is a header whose
    narrow columns stand closer than a column gap: its cells are split where the lines
    below start text under a label and none runs across (see ``split_columns``)."""
    first = lines[0]
    size = max(first.font_size, 1.0)
    labels = vocab.header_fields([w.text for w in first.words])
    if len(lines) < 3 or sum(f is not None for f in labels) < 2:
        return None
    bold = all(w.bold for w in first.words)
    header = [first]
    for line in lines[1:3]:
        if line.bbox.top - header[-1].bbox.bottom > 0.6 * size:
            break
        if all(w.bold for w in line.words) != bold or labelled_line(line):
            break  # "– Kontroll: … Ansvarig: … Frekvens: …": a card's line, no label's rest
        header.append(line)
    body = lines[len(header) : len(header) + settings.header_lookahead]
    body = body[
        : next(  # a label paragraph after the table ("Resultat: …") ends its body
            (i for i, ln in enumerate(body) if labelled_paragraph(ln)), len(body)
        )
    ]
    evidence = [*header[1:], *body]  # wrapped labels' pieces start at their columns too
    if not evidence:
        return None
    segments = header_segments(first.words, size, settings=settings)
    starts = split_columns(
        header, evidence, [seg[0].bbox.x0 for seg in segments], settings=settings
    )
    cells = header_words_by_column(header, starts, settings=settings)
    texts = cell_texts(cells)
    fields = vocab.header_fields(texts)
    if sum(f is not None for f in fields) < settings.min_named or not vocab.is_header_row(
        fields, texts
    ):
        return None
    return fields, starts


def labelled_paragraph(line: LineLike) -> bool:
    """Given a line, whether it opens a label paragraph or a section ("Resultat: …"), which
    ends a table's body."""
    text = " ".join(w.text for w in line.words)
    return bool(vocab.paragraph_label(text) or vocab.section_label(text))


def sub_columns(
    lines: Sequence[LineLike],
    starts: list[float],
    *,
    settings: UnruledSettings = DEFAULT,
    labels: Sequence[str | None] | None = None,
) -> list[float] | None:
    """Given a header line and the lines below, the finer column starts of a second header
    line ("S  K  R" under "Riskbedömning"), when the next line is one. Its labels are
    upright: a turned label ("Nr" read bottom to top) stands beside the labels above, at
    the bottom of the header row, not under a group."""
    if len(lines) < 3:
        return None
    line = lines[1]
    size = max(line.font_size, 1.0)
    if line.bbox.top - lines[0].bbox.bottom > 2.0 * size:
        return None
    upright = tuple(w for w in line.words if not w.turned)
    segments = header_segments(upright, size, settings=settings)
    fields = vocab.header_fields([" ".join(w.text for w in seg) for seg in segments])
    runs = scale_steps(line, starts, labels)
    if runs is not None:
        starts = on_step_runs(starts, runs)
        subs = step_starts(runs)
    elif sum(f is not None for f in fields) < 2 or len(segments) < 2:
        return None
    else:
        body = lines[2 : 2 + settings.header_lookahead]
        subs = [x for seg in segments for x in packed_label_starts(seg, body, settings=settings)]
    finer = sorted({*starts, *subs})
    merged: list[float] = []
    for x in finer:
        if merged and x - merged[-1] < 2 * settings.start_tolerance:
            continue
        merged.append(x)
    return merged if len(merged) > len(starts) else None


STEP_LABEL = re.compile(r"\d{1,2}")
STEPS_MIN = 3  # a scale's steps under one label: at least three ("1 2 3")


def step_runs(words: Sequence[Word]) -> list[list[Word]] | None:
    """Given a second header line's words, its runs of a scale's steps ("Sannolikhet" /
    "Konsekvens" over "1 2 3 4  1 2 3 4", a mark set under the step chosen): the line's
    numbers, each run counting up by one from 0 or 1, three or more; its other words (the
    rest of a wrapped label, "tjänsteperson" under "Ansvarig") outside the runs; else None."""
    ordered = sorted(words, key=lambda w: w.bbox.x0)
    numbers = [w for w in ordered if STEP_LABEL.fullmatch(w.text)]
    if len(numbers) < STEPS_MIN:
        return None
    runs: list[list[Word]] = []
    for word in numbers:
        if runs and int(word.text) == int(runs[-1][-1].text) + 1:
            runs[-1].append(word)
        elif int(word.text) <= 1:
            runs.append([word])
        else:
            return None
    if not all(len(run) >= STEPS_MIN for run in runs):
        return None
    spans = [(run[0].bbox.x0, run[-1].bbox.x1) for run in runs]
    others = [w for w in ordered if not STEP_LABEL.fullmatch(w.text)]
    if any(a <= w.bbox.x1 and w.bbox.x0 <= b for w in others for a, b in spans):
        return None  # words among the numbers: a line of text, not steps
    return runs


def scale_steps(
    line: LineLike, starts: Sequence[float], labels: Sequence[str | None] | None
) -> list[list[Word]] | None:
    """Given a second header line, the columns above and (when known) their fields, the
    runs of a scale's steps on it (:func:`step_runs`) when each stands under one value
    label (:func:`steps_under_values`; numbers counting up under labels of no value, or
    across several, are a row); else None."""
    runs = step_runs(tuple(w for w in line.words if not w.turned))
    if runs is not None and labels is not None and not steps_under_values(runs, labels, starts):
        return None
    return runs


def steps_under_values(
    runs: list[list[Word]], fields: Sequence[str | None], starts: Sequence[float]
) -> bool:
    """Given runs of steps and the header's fields at its column starts, whether every run
    stands under one label of a value ("Sannolikhet", "Konsekvens"): the label begins
    inside the run's columns (centred over them) or is the last to begin left of them; a
    run across two labels' columns is a row's values (S 1, K 2, R = S + K = 3)."""
    for run in runs:
        left, right = step_span(run)
        inside = [i for i, x in enumerate(starts) if left - 1.0 <= x < right - 1.0]
        if len(inside) > 1:
            return False  # across several columns: a row's values ("1 2 3" under S, K, R)
        before = [i for i, x in enumerate(starts) if x < left]
        column = inside[0] if inside else (before[-1] if before else None)
        if column is None or fields[column] not in vocab.VALUE_FIELDS:
            return False
    return True


def step_span(run: list[Word]) -> tuple[float, float]:
    """Given a run of steps, the left and right edges of their columns (each step centred
    in its column, the columns as wide as the steps are apart)."""
    centres = [(w.bbox.x0 + w.bbox.x1) / 2 for w in run]
    half = (centres[-1] - centres[0]) / (len(centres) - 1) / 2
    return centres[0] - half, centres[-1] + half


def step_starts(runs: list[list[Word]]) -> list[float]:
    """Given runs of steps, where their columns begin: at each run's left edge and halfway
    between each two steps."""
    subs: list[float] = []
    for run in runs:
        centres = [(w.bbox.x0 + w.bbox.x1) / 2 for w in run]
        subs.append(step_span(run)[0])
        subs.extend((a + b) / 2 for a, b in pairwise(centres))
    return subs


def labels_after_steps(
    header: Sequence[Word],
    runs: list[list[Word]] | None,
    starts: Sequence[float],
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[float]:
    """Given the header line's words, the steps' runs under it and the columns found, the
    starts of labels set right after a run's last step, closer than a column gap to the
    group's label ("Konsekvens (1–5) Riskbedömning" over "1 … 5" and the value): the steps
    end the group, the next word begins a column."""
    found: list[float] = []
    spans = [step_span(run) for run in runs or ()]
    for run, (left, right) in zip(runs or (), spans, strict=True):
        step = (right - left) / len(run)
        after = [
            w.bbox.x0
            for w in header
            if right - settings.start_tolerance <= w.bbox.x0
            and not any(a <= w.bbox.x0 < b for a, b in spans)  # another group's label
        ]
        near = [x for x in after if x <= right + step]
        if near and not any(abs(min(near) - x) <= settings.start_tolerance for x in starts):
            found.append(min(near))
    return found


def on_step_runs(
    starts: list[float], runs: list[list[Word]] | None, header: Sequence[Word] = ()
) -> list[float]:
    """Given column starts, the steps' runs under them (and the header line's words), the
    starts with a start inside a run's columns moved to the run's left edge (a label centred
    over its steps begins inside the first step's column), or one added there when a label
    word begins inside them (two groups' labels packed into one run of words); no other
    start stays inside them (a group's label is one cell over its steps)."""
    if not runs:
        return starts
    moved = list(starts)
    for run in runs:
        left, right = step_span(run)
        inside = [x for x in moved if left - 1.0 <= x < right - 1.0]  # the next run's left
        if inside or any(left <= w.bbox.x0 < right - 1.0 for w in header):  # is not inside
            moved = [x for x in moved if x not in inside] + [left]
    return sorted(set(moved))


def packed_label_starts(
    segment: list[Word], body: Sequence[LineLike], *, settings: UnruledSettings = DEFAULT
) -> list[float]:
    """Given a run of header words closer than a column gap and the lines below, where its
    labels start: at each word when every word alone names a field of its own ("S K R"
    packed over narrow columns) and body text starts under each of them, else at its first."""
    if len(segment) < 2:
        return [segment[0].bbox.x0]
    if vocab.fields_named(vocab.header_fields([w.text for w in segment])) < len(segment):
        return [segment[0].bbox.x0]
    tolerance = settings.start_tolerance
    if not all(
        any(abs(v.bbox.x0 - w.bbox.x0) <= tolerance for ln in body for v in ln.words)
        for w in segment
    ):
        return [segment[0].bbox.x0]
    return [w.bbox.x0 for w in segment]


def wraps_labels(
    line: LineLike, header: LineLike, starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> bool:
    """Given a line under a header line, whether it only holds the rest of wrapped labels
    ("mning" under "Riskbedö"): close below, in the header's type, each word at a column
    or centred under a label (labels centred in their cells: "Konsekvensbed" / "ömning")."""
    size = max(line.font_size, 1.0)
    if line.bbox.top - header.bbox.bottom > 0.6 * size or len(line.words) > len(starts):
        return False
    if all(w.bold for w in header.words) != all(w.bold for w in line.words):
        return False
    tolerance = settings.start_tolerance
    segments = header_segments(header.words, max(header.font_size, 1.0), settings=settings)
    centres = [(seg[0].bbox.x0 + seg[-1].bbox.x1) / 2 for seg in segments]
    centres += [(w.bbox.x0 + w.bbox.x1) / 2 for w in header.words]  # labels packed close
    return all(
        any(abs(w.bbox.x0 - x) <= tolerance for x in starts)
        or any(abs((w.bbox.x0 + w.bbox.x1) / 2 - c) <= tolerance for c in centres)
        for w in line.words
    )


def group_header(
    lines: Sequence[LineLike],
    starts: list[float],
    *,
    settings: UnruledSettings = DEFAULT,
    fields: Sequence[str | None] | None = None,
) -> tuple[int, list[float]] | None:
    """Given lines from a header line on, how many lines the upper header takes (its labels
    may wrap) and the finer columns of the header line under it, for a two-level header."""
    for taken in (1, 2):
        if taken == 2 and (
            len(lines) < 4 or not wraps_labels(lines[1], lines[0], starts, settings=settings)
        ):
            return None
        subs = sub_columns(lines[taken - 1 :], starts, settings=settings, labels=fields)
        if subs is not None and not word_per_sub_column(lines[taken - 1], subs, starts, settings):
            return taken, subs
    return None


def group_starts(
    upper: LineLike, starts: list[float], subs: list[float], *, settings: UnruledSettings = DEFAULT
) -> list[float]:
    """Given the upper header line, its columns and the finer columns under it, the upper
    columns with a cell split where a word of it starts at a finer column: two group labels
    set closer than a column gap ("Riskbedömnin Kontroll" over "S K R" and "Metod …")."""
    tolerance = settings.start_tolerance
    extra = [
        w.bbox.x0
        for w in upper.words
        if any(abs(w.bbox.x0 - x) <= tolerance for x in subs)
        and not any(abs(w.bbox.x0 - x) <= 2 * tolerance for x in starts)
    ]
    return sorted({*starts, *extra})


def word_per_sub_column(
    upper: LineLike, subs: list[float], starts: list[float], settings: UnruledSettings
) -> bool:
    """Given the upper header line, the finer columns of the line under it and the upper
    columns, whether every upper column split into finer ones has a word of its own at each
    of them: labels that wrapped ("Sannolikhetsbedöm Påverka Riskpoä" over "ning n ng"),
    not one group label over its sub-labels ("Riskbedömning" over "S K R")."""
    tolerance = settings.start_tolerance
    split = False
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else float("inf")
        inside = [x for x in subs if start - tolerance <= x < end - tolerance]
        if len(inside) < 2:
            continue
        split = True
        if not all(any(abs(w.bbox.x0 - x) <= tolerance for w in upper.words) for x in inside):
            return False
    return split


def two_level_table(
    lines: Sequence[LineLike],
    page: int,
    right: float,
    starts: list[float],
    subs: list[float],
    taken: int = 1,
    separators: Sequence[Separator] = (),
    *,
    settings: UnruledSettings = DEFAULT,
) -> UnruledTable | None:
    """Given group header lines (``taken`` of them), the finer columns of the line below and
    the lines, the table: row 0 holds the groups spanning their columns, row 1 the columns
    under them."""
    height = max(lines[0].bbox.height, 1.0)
    end = max(right, max(w.bbox.x1 for ln in lines for w in ln.words))
    sub_lines = 1  # the sub-labels' line, and a line of their wrapped rests ("Frekve" / "ns")
    if len(lines) > taken + 2 and wraps_labels(
        lines[taken + 1], lines[taken], subs, settings=settings
    ):
        sub_lines = 2
    first_body = taken + sub_lines
    body = body_rows(lines[first_body:], subs, height, separators, end, settings=settings)
    if not body.rows:
        return None
    bounds = (*subs, end)
    top_row: list[GridCell | None] = []
    group_of = [  # a finer column left of every group is under the first
        max((i for i, x in enumerate(starts) if x <= sub + settings.start_tolerance), default=0)
        for sub in subs
    ]
    group_words = header_words_by_column(lines[:taken], starts, settings=settings)
    top, bottom = lines[0].bbox.top, lines[taken - 1].bbox.bottom
    for c, group in enumerate(group_of):
        if c > 0 and group_of[c - 1] == group:
            top_row.append(None)
            continue
        span = group_of.count(group)
        words = group_words[group]
        box = cell_box(words, bounds[c], bounds[c + span], top, bottom)
        top_row.append(GridCell(box, 0, c, 1, span, tuple(words)))
    sub_cells = header_words_by_column(lines[taken:first_body], subs, settings=settings)
    sub_line = BBox(
        lines[taken].bbox.x0,
        lines[taken].bbox.top,
        lines[taken].bbox.x1,
        lines[first_body - 1].bbox.bottom,
    )
    grid_rows: list[tuple[GridCell | None, ...]] = [
        tuple(top_row),
        tuple(
            GridCell(
                cell_box(c, bounds[i], bounds[i + 1], sub_line.top, sub_line.bottom),
                1,
                i,
                1,
                1,
                tuple(c),
            )
            for i, c in enumerate(sub_cells)
        ),
    ]
    grid_rows = header_text_rights(grid_rows, body_grid_rows(body, bounds, 2, subs))
    box = BBox(bounds[0], lines[0].bbox.top, bounds[-1], body.extents[-1][1])
    used = first_body + count_lines(lines[first_body:], body.rows)
    return UnruledTable(Grid(page, box, tuple(bounds), tuple(grid_rows)), used)


LEGEND_PAIR = re.compile(r"(?<!\w)\w{1,4}\s*=\s*[^\W\d_]")
LEGEND_PAIRS = 2  # a legend explains two abbreviations or more; "Riskvärde (R = S×K)" one


def legend_line(line: LineLike) -> bool:
    """Given a line, whether it explains abbreviations ("S = sannolikhet, K = konsekvens"),
    a note under a table, no header over one."""
    text = " ".join(w.text for w in line.words)
    return len(LEGEND_PAIR.findall(text)) >= LEGEND_PAIRS


def labelled_line(line: LineLike) -> bool:
    """Given a line, whether it holds two labels or more each followed by its value on the
    line ("Sannolikhet: 3 Konsekvens: 4 Riskvärde: 12"): a key-value line, no table's header."""
    return labelled_values(" ".join(w.text for w in line.words)) >= 2


def opens_written_risk(lines: Sequence[LineLike]) -> bool:
    """Given lines, whether the first opens a paragraph that is one risk in running text: a
    numbered title stating its values ("1.2 Title (riskvärde 10; S 5, K 2). …"; the brackets
    may close on the next line). Its labels and values are words of sentences, no header's."""
    text = " ".join(w.text for w in lines[0].words)
    if text.count("(") > text.count(")") and len(lines) > 1:
        text = f"{text} {' '.join(w.text for w in lines[1].words)}"
    return valued_title(text, len(text)) is not None


def unruled_table(
    lines: Sequence[LineLike],
    page: int,
    right: float,
    separators: Sequence[Separator] = (),
    *,
    following: Sequence[LineLike] = (),
    before: Template | None = None,
    settings: UnruledSettings = DEFAULT,
) -> UnruledTable | None:
    """Given lines from a header candidate on (and the next page's lines, and the column
    starts of the latest table with a header before it), the unruled table they form, if
    any. A header closing its page is a table without rows, its columns split where the
    next page's rows start."""
    if labelled_line(lines[0]):
        return None  # "Sannolikhet: 3  Konsekvens: 4  Riskvärde: 12": one risk's values
    if legend_line(lines[0]):
        return None  # "Förklaring: S = sannolikhet, K = konsekvens": a note under a table
    if opens_written_risk(lines):
        return None  # "1.2 Title (riskvärde 10; S 5, K 2). Kontrollmoment: …": running text
    header = header_columns(lines[0], settings=settings) or wrapped_header(lines, settings=settings)
    if header is None or None in header[0]:
        aligned = aligned_header(lines, settings=settings)
        if aligned is not None and (
            header is None or vocab.fields_named(aligned[0]) > vocab.fields_named(header[0])
        ):
            header = aligned  # labels packed closer than a column gap, split by the body
    if header is None:
        header = content_columns(lines, settings=settings)
    if header is None:
        return None
    fields, starts = header
    groups = group_header(lines, starts, settings=settings, fields=fields)
    if groups is not None:
        steps = scale_steps(lines[groups[0]], starts, fields)
        past = labels_after_steps(lines[0].words, steps, groups[1], settings=settings)
        subs = sorted({*groups[1], *past})
        uppers = on_step_runs(sorted({*starts, *past}), steps, lines[0].words)
        uppers = group_starts(lines[0], uppers, subs, settings=settings)
        uppers = on_step_runs(uppers, steps)  # a split inside a group's steps undone
        return two_level_table(
            lines, page, right, uppers, subs, groups[0], separators, settings=settings
        )
    named = sum(f is not None for f in fields)
    height = max(lines[0].bbox.height, 1.0)
    end = max(right, max(w.bbox.x1 for ln in lines for w in ln.words))
    edges = [*starts, end]
    used_header = 1
    while (
        used_header < len(lines)
        and not separated_columns(
            separators, lines[used_header - 1].bbox, lines[used_header].bbox, edges
        )
        and (
            header_continues(
                lines[:used_header], lines[used_header], starts, named, settings=settings
            )
            or underlined_label_line(lines, used_header, separators, edges)
        )
    ):
        used_header += 1  # a rule under the header closes it
    after = lines[used_header:]
    rest = after[: next_header(after, settings)]  # a header repeated below opens a table anew
    body = body_rows(rest, starts, height, separators, end, settings=settings)
    if not body.rows and after:
        return None  # only a header with nothing after it on its page closes the page
    labels: list[LineLike] = list(lines[:used_header])
    carried = 0
    if body.rows:
        table_lines = rest[: count_lines(rest, body.rows)]
    else:  # the header closes its page: it may end atop the next, where its rows start
        while carried < min(len(following), CARRIED_LINES) and ends_labels(
            following[carried], labels, starts, settings=settings
        ):
            labels.append(set_under(following[carried], labels[-1]))
            carried += 1
        table_lines = next_rows(following[carried:], settings)
    finer = split_columns(labels, table_lines, starts, settings=settings)
    finer = turned_label_starts(labels, table_lines, finer, settings=settings)
    finer = unlabelled_values(labels, table_lines, finer, settings=settings)
    finer = centred_label_starts(labels, table_lines, finer, settings=settings)
    finer = known_splits(labels, table_lines, finer, before, settings=settings)
    if finer != starts:
        starts = finer
        body = body_rows(rest, starts, height, separators, end, settings=settings)
    bounds = (*starts, end)
    header_cells = header_words_by_column(labels, starts, settings=settings)
    ys = [w.bbox.top for c in header_cells for w in c] + [
        w.bbox.bottom for c in header_cells for w in c
    ]
    top, bottom = min(ys), max(ys)
    grid_rows: list[tuple[GridCell | None, ...]] = [
        tuple(
            GridCell(cell_box(c, bounds[i], bounds[i + 1], top, bottom), 0, i, 1, 1, tuple(c))
            for i, c in enumerate(header_cells)
        )
    ]
    grid_rows = header_text_rights(grid_rows, body_grid_rows(body, bounds, 1, starts))
    box = BBox(bounds[0], top, bounds[-1], body.extents[-1][1] if body.rows else bottom)
    used = used_header + count_lines(rest, body.rows)
    return UnruledTable(Grid(page, box, tuple(bounds), tuple(grid_rows)), used, carried)


CARRIED_LINES = 2  # a header's lines the page break may carry over to the next page
KNOWN_COLUMNS = 3  # a header matching the one before it on this many starts or more


def known_splits(
    header: Sequence[LineLike],
    body: Sequence[LineLike],
    starts: list[float],
    before: Template | None,
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[float]:
    """Given header lines, the table's body lines, its column starts and the columns of the
    table with a header before it, the starts with the earlier table's splits added when
    this header is the same one stated again (the same words, its every start one of the
    earlier starts, three or more) and the split falls where no header or body word runs
    across: a label
    packed beside another ("Sannolikhet x Konsekvens" beside "Riskpoäng") is split by the
    centred values under it in the first table, but a later table of one row shows too
    few of them."""
    tolerance = settings.start_tolerance

    def near(x: float, places: Sequence[float]) -> bool:
        return any(abs(x - p) <= tolerance for p in places)

    if before is None or len(starts) < KNOWN_COLUMNS:
        return starts
    if tuple(sorted(w.text for ln in header for w in ln.words)) != before.labels:
        return starts
    if not all(near(x, before.origin) for x in starts):
        return starts
    words = [w for ln in (*header, *body) for w in ln.words]
    added = [
        next((w.bbox.x0 for ln in header for w in ln.words if abs(w.bbox.x0 - x) <= tolerance), x)
        for x in before.origin
        if not near(x, starts) and starts[0] < x
    ]
    added = [
        x
        for x in added
        if not any(w.bbox.x0 < x - tolerance and w.bbox.x1 > x + 0.5 for w in words)
    ]
    return sorted({*starts, *added}) if added else starts


def ends_labels(
    line: LineLike,
    labels: Sequence[LineLike],
    starts: Sequence[float],
    *,
    settings: UnruledSettings = DEFAULT,
) -> bool:
    """Given the next page's first line, a header's lines closing the page before and its
    column starts, whether the line ends the header's labels ("ng  g  t  kontroll" under
    "Konsekvensbedömni  Riskpoän  Periodicite  Ansvarig för"): in the header's type, each
    of its runs of words starting where a label's word starts with a small letter, "(" or
    "/" (the rest of a label; a capital opens a row or a header of its own), and not one run
    in the first column (a risk's heading row)."""
    bold = all(w.bold for ln in labels for w in ln.words)
    if not line.words or all(w.bold for w in line.words) != bold:
        return False
    runs = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    if len(runs) == 1 and column_of(runs[0][0], list(starts), settings=settings) == 0:
        return False
    if not all(label_rest(run[0].text) or after_joiner(run, labels) for run in runs):
        return False
    label_starts = [w.bbox.x0 for ln in labels for w in ln.words]
    return all(
        any(abs(run[0].bbox.x0 - x) <= settings.start_tolerance for x in label_starts)
        for run in runs
    )


LABEL_JOINERS = frozenset({"x", "×", "och", "&", "+", "/", "-", "–"})  # a label goes on after


def after_joiner(run: Sequence[Word], labels: Sequence[LineLike]) -> bool:
    """Given a run of words on the next page's first line and a header's lines closing the
    page before, whether the label over the run ends in a word that joins it to more
    ("Sannolikhet" / "x" over "Konsekvens" atop the next page): the label is unfinished,
    so a capital goes on with it too."""
    x0, x1 = run[0].bbox.x0, run[-1].bbox.x1
    for line in reversed(labels):
        over = [w for w in line.words if w.bbox.x0 < x1 and w.bbox.x1 > x0]
        if over:
            last = max(over, key=lambda w: w.bbox.x0).text
            return last.casefold() in LABEL_JOINERS or last.endswith(("/", "&", "+"))
    return False


def label_rest(text: str) -> bool:
    """Given a word, whether it may go on with a label from the line above: it starts with a
    small letter, "(" or "/"."""
    return bool(text) and (text[0].islower() or text[0] in "(/")


@dataclass(frozen=True, slots=True)
class MovedLine:
    """A line set somewhere else (a header's last line atop the next page, set under the
    header's first lines)."""

    words: tuple[Word, ...]
    bbox: BBox
    font_size: float


def set_under(line: LineLike, above: LineLike) -> MovedLine:
    """Given a line and the line it goes on from (on the page before), the line set close
    under it, its words moved with it."""
    dy = above.bbox.bottom + 1.0 - line.bbox.top
    words = tuple(
        replace(w, bbox=BBox(w.bbox.x0, w.bbox.top + dy, w.bbox.x1, w.bbox.bottom + dy))
        for w in line.words
    )
    box = line.bbox
    return MovedLine(words, BBox(box.x0, box.top + dy, box.x1, box.bottom + dy), line.font_size)


def next_rows(lines: Sequence[LineLike], settings: UnruledSettings = DEFAULT) -> list[LineLike]:
    """Given the next page's lines, those that may be rows of a table whose header closed
    the page before: up to a header of its own or a label paragraph."""
    ahead = list(lines[: next_header(lines, settings)])[: settings.header_lookahead]
    return ahead[: next((i for i, ln in enumerate(ahead) if labelled_paragraph(ln)), len(ahead))]


def named_columns(
    header: Sequence[LineLike], starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> int:
    """Given header lines and column starts, how many columns the header vocabulary names."""
    cells = header_words_by_column(header, starts, settings=settings)
    texts = cell_texts(cells)
    return sum(f is not None for f in vocab.header_fields(texts))


def section_line(
    line: LineLike, starts: list[float], *, settings: UnruledSettings = DEFAULT
) -> bool:
    """Given a body line and the column starts, whether it reads as a section row: one run
    of words without a column gap, in bold or starting at the first column."""
    if len(header_segments(line.words, max(line.font_size, 1.0), settings=settings)) != 1:
        return False
    first = min(w.bbox.x0 for w in line.words)
    return all(w.bold for w in line.words) or abs(first - starts[0]) <= settings.start_tolerance


JOINING = ("/", "&", "+")  # a label's word ending so goes on in the next word
CENTRED_ROWS = 3  # rows with text on both sides of a split no word crosses (centred values)
OPENING_LINES = 3  # body lines starting under a label, none across it: its column's start
MIN_CENTRED = 2  # ... or this many when every line with text in the column has it both sides


INF = float("inf")
TIMES_SIGNS = frozenset({"x", "X", "×", "*", "·"})


def own_words(line: LineLike) -> list[Word]:
    """Given a line, its words but those that go on a product ("x 2" of "4 x 2": a times
    sign between two numbers and the number after it); no column starts there."""
    ordered = sorted(line.words, key=lambda w: w.bbox.x0)
    going_on = {
        id(w)
        for a, sign, c in zip(ordered, ordered[1:], ordered[2:], strict=False)
        if sign.text in TIMES_SIGNS and a.text.isdigit() and c.text.isdigit()
        for w in (sign, c)
    }
    return [w for w in line.words if id(w) not in going_on]


def runs_opening(lines: Sequence[LineLike], x: float, tolerance: float) -> int:
    """Given body lines, a place and the start tolerance, on how many lines a run of words
    (the first word, or one after a gap wider than a space) starts there: not the "x" of
    "4 x 3"."""
    return sum(any(abs(start - x) <= tolerance for start in gap_starts(ln)) for ln in lines)


def column_lines(lines: Sequence[LineLike], starts: Sequence[float], x: float) -> int:
    """Given body lines, the column starts and a place inside a column, how many lines have
    text in that column."""
    left = max((s for s in starts if s <= x), default=float("-inf"))
    right = min((s for s in starts if s > x), default=float("inf"))
    return sum(any(left <= w.bbox.x0 < right for w in ln.words) for ln in lines)


def both_sides(
    lines: Sequence[LineLike], starts: Sequence[float], x: float, limit: float = INF
) -> int:
    """Given body lines, the column starts and a place inside a column (and where the next
    header label starts), how many lines have text in that column on both sides of it, the
    right side's before the next label (values under "R" of "S R" are none of "S"'s; a
    product's sign and second factor, "x 2" of "4 x 2", are no text of their own)."""
    left = max((s for s in starts if s <= x), default=float("-inf"))
    right = min(min((s for s in starts if s > x), default=INF), limit)
    return sum(
        any(left <= w.bbox.x0 and w.bbox.x1 <= x for w in ln.words)
        and any(x <= w.bbox.x0 < right for w in own_words(ln))
        for ln in lines
    )


def alone_under_gap(header: Sequence[LineLike], line: LineLike, word: Word) -> bool:
    """Given header lines, one of them and a word on it, whether the word stands on a lower
    line with no word of the lines above over it: a label's rest wraps under its first line,
    so a word under a gap starts a label of its own (bottom-aligned, or its first line lost)."""
    index = next((i for i, ln in enumerate(header) if ln is line), 0)
    if index == 0:
        return False
    return not any(
        w.bbox.x0 < word.bbox.x1 and w.bbox.x1 > word.bbox.x0
        for ln in header[:index]
        for w in ln.words
    )


def split_columns(
    header: Sequence[LineLike],
    body: Sequence[LineLike],
    starts: list[float],
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[float]:
    """Given header lines, the table's body lines and the column starts, the starts with
    header cells split where narrow columns stand closer than a column gap ("S Påverkan").

    A header label starts a column of its own when no label runs across its start,
    body text starts under it on at least four times as many lines as text runs across
    it (a row drawn a little aside), and the header then names more columns than before
    or the label stands alone on a lower line under a gap of the lines above
    (``alone_under_gap``: "K" of an "S×" / "K" whose first line the scan lost).
    Section rows across the table ("Ekonomi") are left out.
    """
    tolerance = settings.start_tolerance
    rows = [ln for ln in body if not section_line(ln, starts, settings=settings)]
    header_words = [w for ln in header for w in ln.words]

    def across(words: Sequence[Word], x: float) -> bool:
        return any(w.bbox.x0 < x - tolerance and w.bbox.x1 > x + 0.5 for w in words)

    found = list(starts)
    before: list[float] = []
    unnamed: list[float] = []  # splits that name no more columns each on their own
    named: dict[tuple[float, ...], int] = {}  # named_columns by starts (the header is fixed)

    def names(columns: list[float]) -> int:
        key = tuple(columns)
        if key not in named:
            named[key] = named_columns(header, columns, settings=settings)
        return named[key]

    while found != before:  # a split may name a column only once the next one is split
        before = list(found)
        unnamed = []
        for line in header:
            ordered = sorted(line.words, key=lambda w: w.bbox.x0)
            for index, (left, right) in enumerate(pairwise(ordered)):
                gap_right = right.bbox.x0
                label_end = ordered[index + 2].bbox.x0 if index + 2 < len(ordered) else INF
                taken = any(abs(gap_right - x) < 2 * tolerance for x in found)
                if gap_right <= left.bbox.x1 or taken:
                    continue
                if (
                    left.text.endswith(JOINING)
                    or right.text.startswith(JOINING)
                    or (left.text.casefold() == "och")
                ):
                    continue  # one label going on ("S / K", "Sannolikhet och konsekvens")
                if across(header_words, gap_right):
                    continue  # a label runs across where the column would start
                opening = sum(
                    any(abs(w.bbox.x0 - gap_right) <= tolerance for w in own_words(ln))
                    for ln in body
                )
                crossing = sum(across(ln.words, gap_right) for ln in rows)
                if not opening and not crossing:  # values centred under the labels ("3/4"
                    opening = both_sides(rows, found, gap_right, label_end)  # "12" under
                    #                                           "S/K R"; none past the next label
                    lines_in = column_lines(rows, found, gap_right)
                    every = opening >= MIN_CENTRED and opening == lines_in
                    opening = opening if opening >= CENTRED_ROWS or every else 0
                if not opening or 4 * crossing > opening:
                    continue  # text runs across where the column would start: one column
                candidate = sorted([*found, gap_right])
                if names(candidate) > names(found) or alone_under_gap(header, line, right):
                    found = candidate
                elif (
                    not crossing
                    and runs_opening(body, gap_right, tolerance) >= OPENING_LINES
                    and names(candidate) == names(found)
                ):
                    found = candidate  # runs of text start under the label on line after
                    #  line and nothing runs across: a column, whatever its label ("RV KM")
                else:
                    unnamed.append(gap_right)
    if len(unnamed) > 1:  # three labels packed in one cell ("S Konsekve Risk"): all at once,
        candidate = sorted({*found, *unnamed})  # when every new column is named
        added = len(candidate) - len(found)
        if names(candidate) >= names(found) + added:
            found = candidate
    return found


def turned_label_starts(
    header: Sequence[LineLike],
    body: Sequence[LineLike],
    starts: list[float],
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[float]:
    """Given header lines, the table's body lines and the column starts, the starts with a
    column under a turned label moved left to where its values start: a turned label
    stands anywhere across its narrow column (a value "4" starts two font sizes left of
    "Risk (S×K)" set bottom to top), so its column starts at the values that open a cell
    (a column gap after the word before them) within two and a half font sizes left of
    it, on at least two lines and on most lines that have a word there. A turned label on a
    wrapped header line beside no column start ("Nr" at the bottom of a header row whose
    labels took two lines) opens a column where its values start the same way."""
    turned = [w for ln in header for w in ln.words if w.turned]
    if not turned:
        return starts
    out = list(starts)
    for index in range(1, len(starts)):
        start = starts[index]
        label = [w for w in turned if abs(w.bbox.x0 - start) <= settings.start_tolerance]
        if not label:
            continue
        size = max(label[0].font_size, 1.0)
        opening = values_opening(body, start - 2.5 * size, start, size, settings)
        if opening is not None:
            out[index] = max(opening, out[index - 1] + 2 * settings.start_tolerance)
    for word in turned:  # a turned label on a wrapped header line, beside no column start
        size = max(word.font_size, 1.0)
        reach = word.bbox.x0 - 2.5 * size
        if any(reach <= x <= word.bbox.x0 + settings.start_tolerance for x in out):
            continue
        opening = values_opening(
            body, reach, word.bbox.x1 + settings.start_tolerance, size, settings
        )
        if opening is not None and all(
            abs(opening - x) > 2 * settings.start_tolerance for x in out
        ):
            out = sorted([*out, opening])
    lead = leading_values(body, out, settings)
    return out if lead is None else [lead, *out]


def centred_label_starts(
    header: Sequence[LineLike],
    body: Sequence[LineLike],
    starts: list[float],
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[float]:
    """Given header lines, the table's body lines and the column starts, the starts with a
    column whose label stands centred over it moved left to where its cells start (a band
    of codes "S | K | RV" centred over columns whose values are set left: "3" starts ten
    points left of "S", and was read in the column before). A column starts at x between
    the label before (its right end) and its own label when cells open at x (a column gap
    after the words before them) on two lines or more, on most lines with a word starting
    between x and the label, no word of the body runs across x, and those cells stand
    nearer their own label than the label before (values set right in the column before
    end just before the label: "Påverkan  3 | Risk (S×K)") and the column before keeps
    words of its own on most of their lines (else they are its cells, set right)."""
    if not body:
        return starts
    out = list(starts)
    tolerance = settings.start_tolerance
    labels = header_words_by_column(header, starts, settings=settings)
    words = [w for ln in body for w in ln.words]
    for index in range(1, len(starts)):
        if not labels[index] or not labels[index - 1]:
            continue
        low = max(w.bbox.x1 for w in labels[index - 1]) + tolerance
        high = starts[index] - tolerance
        if high <= low:
            continue
        opening: list[float] = []
        for line in body:
            ordered = sorted(line.words, key=lambda w: w.bbox.x0)
            size = max(line.font_size, 1.0)
            for i, word in enumerate(ordered):
                before = ordered[i - 1].bbox.x1 if i > 0 else float("-inf")
                gap = word.bbox.x0 - before >= settings.column_gap * size
                if gap and low <= word.bbox.x0 < high:
                    opening.append(word.bbox.x0)
        best: tuple[int, float] | None = None
        for x in sorted(set(opening)):
            count = sum(1 for o in opening if abs(o - x) <= tolerance)
            if best is None or count >= best[0]:
                best = (count, x)
        if best is None or best[0] < 2:
            continue
        x = min(o for o in opening if abs(o - best[1]) <= tolerance)
        near = sum(1 for ln in body if any(x - tolerance <= w.bbox.x0 < high for w in ln.words))
        across = any(w.bbox.x0 < x - tolerance and w.bbox.x1 > x + tolerance for w in words)
        if across or 2 * best[0] <= near:
            continue
        cells = [w for w in words if abs(w.bbox.x0 - x) <= tolerance]
        if starts[index] - max(w.bbox.x1 for w in cells) >= x - (low - tolerance):
            continue  # nearer the label before: set right in that column ("Påverkan 3")
        rows = [ln for ln in body if any(abs(w.bbox.x0 - x) <= tolerance for w in ln.words)]
        kept = sum(
            1 for ln in rows if any(out[index - 1] - tolerance <= w.bbox.x0 < x - tolerance
                                    for w in ln.words)
        )
        if 2 * kept <= len(rows):
            continue  # the column before would be left empty: they are its cells, set right
        out[index] = x
    return out


VALUE_DIGITS = re.compile(r"\d{1,2}")  # a risk's score (S, K, R) read on a scan
VALUE_SPREAD = 1.5  # font sizes: the values of one column start this close to each other


def unlabelled_values(
    header: Sequence[LineLike],
    body: Sequence[LineLike],
    starts: list[float],
    *,
    settings: UnruledSettings = DEFAULT,
) -> list[float]:
    """Given a scan's header lines, its table's body lines and the column starts, the starts
    with a column of scores whose narrow label the scan lost (a turned "R" read as nothing:
    "Legal risk 12" read as one cell): inside a column, a number of one or two digits ending
    the column's part of a line a column gap after the words before it, on at least two
    lines, all starting within VALUE_SPREAD font sizes of each other, no word of the body
    across where they start and no label over them (the label is lost: a turned word, or a
    word of two letters or digits; a lone glyph "A" is a bit of its ink). Words read
    by OCR only: a text layer keeps its labels."""
    if not body or any(w.origin != "ocr" for ln in [*header, *body] for w in ln.words):
        return starts
    out = list(starts)
    bounds = [*starts, float("inf")]
    tolerance = settings.start_tolerance
    for index in range(len(starts)):
        low, high = bounds[index] - tolerance, bounds[index + 1] - tolerance
        found: list[Word] = []
        size = 1.0
        for line in body:
            inside = sorted(
                (w for w in line.words if low <= w.bbox.x0 < high), key=lambda w: w.bbox.x0
            )
            if len(inside) < 2 or not VALUE_DIGITS.fullmatch(inside[-1].text):
                continue
            gap = inside[-1].bbox.x0 - inside[-2].bbox.x1
            if gap >= settings.column_gap * max(line.font_size, 1.0):
                found.append(inside[-1])
                size = max(size, line.font_size)
        lefts = [w.bbox.x0 for w in found]
        if len(found) < 2 or max(lefts) - min(lefts) > VALUE_SPREAD * size:
            continue
        x, end = min(lefts), max(w.bbox.x1 for w in found)
        if any(
            w.bbox.x0 < x - 0.5 < x + 0.5 < w.bbox.x1 for ln in body for w in ln.words
        ) or any(
            w.bbox.x0 < end + tolerance
            and w.bbox.x1 > x - tolerance
            and (w.turned or sum(ch.isalnum() for ch in w.text) >= 2)
            for ln in header
            for w in ln.words
        ):
            continue  # text across the values' start, or a label over them (the column
        out = sorted([*out, x])  # left of it holds it on purpose: two turned labels in one)
    return out


LEAD_WORDS = 2  # a narrow leading column's value is at most this many words a line ("Risk 1")


def leading_values(
    body: Sequence[LineLike], starts: Sequence[float], settings: UnruledSettings
) -> float | None:
    """Given a table's body lines and its column starts (its header holding turned labels),
    where a narrow column opens left of the first whose turned label a scan lost (its ink
    read as a stray mark or not at all): on at least two lines and most lines with a word
    there, at most LEAD_WORDS words ending before the first column's start, a column gap
    before the line's next word, and no word across the first start on more than a quarter
    as many lines; None when there is no such column."""
    first = starts[0]
    tolerance = settings.start_tolerance
    opening: list[float] = []
    near = crossing = 0
    for line in body:
        ordered = sorted(line.words, key=lambda w: w.bbox.x0)
        if any(w.bbox.x0 < first - tolerance < first + 0.5 < w.bbox.x1 for w in ordered):
            crossing += 1
            continue
        lead = [w for w in ordered if w.bbox.x0 < first - tolerance]
        if not lead:
            continue
        near += 1
        rest = ordered[len(lead) :]
        size = max(max(w.font_size for w in lead), 1.0)
        gap = (rest[0].bbox.x0 if rest else float("inf")) - lead[-1].bbox.x1
        if len(lead) <= LEAD_WORDS and gap >= settings.column_gap * size:
            opening.append(lead[0].bbox.x0)
    if len(opening) >= 2 and 2 * len(opening) > near and 4 * crossing <= len(opening):
        return min(opening)
    return None


def values_opening(
    body: Sequence[LineLike], low: float, high: float, size: float, settings: UnruledSettings
) -> float | None:
    """Given a table's body lines, a span of x and the font size, where values start that
    open a cell in that span (a column gap after the word before them), on at least two
    lines and on most lines with a word there; None when they do not."""
    opening: list[float] = []
    near = 0
    for line in body:
        ordered = sorted(line.words, key=lambda w: w.bbox.x0)
        here = [i for i, w in enumerate(ordered) if low <= w.bbox.x0 < high]
        if not here:
            continue
        near += 1
        i = here[0]
        before = ordered[i - 1].bbox.x1 if i > 0 else float("-inf")
        if ordered[i].bbox.x0 - before >= settings.column_gap * size:
            opening.append(ordered[i].bbox.x0)
    if len(opening) >= 2 and 2 * len(opening) > near:
        return min(opening)
    return None


RECENT_TEMPLATES = 3  # the columns of this many other tables are kept for header-less parts
OTHER_RUNS = 3  # a line with a run of words per column of another table of 3 or more: its row


def template_of(
    table: UnruledTable, before: Template | None = None, *, settings: UnruledSettings = DEFAULT
) -> Template:
    """Given an unruled table (and the columns before it), its columns as a template for
    header-less parts, with those of the other tables before it."""
    grid = table.grid
    starts = tuple(grid.col_bounds[:-1])
    earlier: tuple[Template, ...] = ()
    origin = grid.continues or starts
    fields = before.fields if grid.continues and before is not None else header_key(grid)
    if before is not None:  # the other tables' columns, not those of this table's parts
        others = (replace(before, carried=0, earlier=()), *before.earlier)
        earlier = tuple(
            t
            for t in others
            if not same_starts(t.origin or t.starts, origin, settings.start_tolerance)
            and not same_kind(t.fields, fields)  # its header stated again elsewhere
        )[:RECENT_TEMPLATES]
    labels = before.labels if grid.continues and before is not None else header_labels(grid)
    awaiting = len(grid.rows) == 1 and not grid.continues  # only the header: rows to come
    return Template(
        starts, grid.col_bounds[-1], table.carried, earlier, origin, fields, labels, awaiting
    )


def header_labels(grid: Grid) -> tuple[str, ...]:
    """Given an unruled table's grid, its header row's words, sorted."""
    return tuple(sorted(w.text for cell in grid.rows[0] if cell is not None for w in cell.words))


KIND_SHARE = 0.5  # two headers sharing this share of the fields the shorter names: one kind


def same_kind(a: frozenset[str], b: frozenset[str]) -> bool:
    """Given the fields two tables' headers name, whether they are tables of one kind (a
    header stated again, its labels broken otherwise on another page)."""
    return bool(a and b) and len(a & b) >= KIND_SHARE * min(len(a), len(b))


def header_key(grid: Grid) -> frozenset[str]:
    """Given an unruled table, the fields its first row names (what kind of table it is)."""
    texts = [cell.text for cell in grid.rows[0] if cell is not None] if grid.rows else []
    return frozenset(f for f in vocab.header_fields(texts) if f is not None and f != vocab.IGNORED)


def leaves_for_other(
    lines: Sequence[LineLike],
    table: Grid,
    template: Template | None,
    *,
    settings: UnruledSettings = DEFAULT,
) -> int | None:
    """Given a table's lines from its header on, the table and the columns of the tables of
    other kinds before it (their headers name other fields), the first line after its
    first row that runs across its columns but reads as a row of an earlier table's, in its
    columns or with a run of words for each of them (a control table whose header was
    stated once, right under a risk table's row), or None."""
    if template is None:
        return None
    starts, fields = table.col_bounds[:-1], header_key(table)
    others = [
        t for t in (template, *template.earlier) if t.fields and not same_kind(t.fields, fields)
    ]
    for k, line in enumerate(lines[2:], start=2):
        if not line.words or within_columns(line.words, starts) or not opens_runs(line):
            continue
        for other in others:
            if same_starts(other.origin or other.starts, starts, settings.start_tolerance):
                continue  # a part of this table read before
            shift = column_shift(line, other.starts, settings=settings)
            if fits_columns(line, [s + shift for s in other.starts], settings=settings):
                return k
            if len(gap_starts(line)) == len(other.starts) >= OTHER_RUNS:
                return k  # a cell for each of its columns (that table sized to its own text)
    return None


def opens_runs(line: LineLike) -> bool:
    """Given a line, whether its runs of words read as a row's first line: two or more start
    with a capital letter or a digit and none with a small letter (a narrow table's text
    broken at its cells' edges goes on in small letters)."""
    size = max(line.font_size, 1.0)
    ordered = sorted(line.words, key=lambda w: w.bbox.x0)
    firsts = [
        w.text[:1]
        for i, w in enumerate(ordered)
        if i == 0 or w.bbox.x0 - ordered[i - 1].bbox.x1 >= SPACE_GAP * size
    ]
    opened = sum(1 for f in firsts if f.isupper() or f.isdigit())
    return opened >= 2 and not any(f.islower() for f in firsts)


def same_starts(a: Sequence[float], b: Sequence[float], tolerance: float) -> bool:
    """Given two tables' column starts, whether they are the same columns."""
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def fitting_template(
    lines: Sequence[LineLike], template: Template, *, settings: UnruledSettings = DEFAULT
) -> Template:
    """Given header-less lines and the latest columns (with those of the tables before), the
    columns the lines continue: where the most of their runs of words (up to the next
    header) start at a column's start and the fewest elsewhere, and the most lines hold as
    many runs as it has columns (a plan whose risk and control tables alternate, the
    control table's header stated once, each table sized to its text), the latest on a
    tie."""
    part = lines[: next_header(lines, settings)]
    if not template.earlier or not part:
        return template
    candidates = (replace(template, earlier=()), *template.earlier)
    runs = [gap_starts(line) for line in part[: settings.header_lookahead]]
    total = sum(len(r) for r in runs)

    def fit(candidate: Template) -> int:
        shift = column_shift(part[0], candidate.starts, settings=settings)
        anchored = sum(
            any(abs(x - shift - s) <= settings.start_tolerance for s in candidate.starts)
            for line_runs in runs
            for x in line_runs
        )
        full = sum(1 for line_runs in runs if len(line_runs) == len(candidate.starts))
        return 2 * anchored - total + 2 * full

    best = max(range(len(candidates)), key=lambda i: (fit(candidates[i]), -i))
    if best == 0:
        return template
    chosen = candidates[best]
    return replace(chosen, earlier=tuple(c for i, c in enumerate(candidates) if i != best))


def fits_columns(
    line: LineLike, starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> bool:
    """Given a line and a table's column starts, whether the line reads as one of its rows:
    every word inside one column (none running into the next), two or more columns used,
    and some column's text starting at the column's start."""
    limits = [*starts[1:], float("inf")]
    used: set[int] = set()
    anchored = False
    for word in line.words:
        if word.bbox.x0 < starts[0] - settings.start_tolerance:
            return False
        c = column_of(word, list(starts), settings=settings)
        if word.bbox.x1 > limits[c] + 1.0:
            return False
        if c not in used and abs(word.bbox.x0 - starts[c]) <= settings.start_tolerance:
            anchored = True
        used.add(c)
    return len(used) >= 2 and anchored


def column_shift(
    line: LineLike, starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> float:
    """Given a line and a table's column starts, the horizontal shift that puts the most of
    its text blocks' starts on column starts (a continued part drawn a little aside)."""
    segments = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    firsts = [seg[0].bbox.x0 for seg in segments]
    candidates = {0.0} | {
        round(x - start, 1)
        for x in firsts
        for start in starts
        if abs(x - start) <= settings.max_shift
    }

    def anchored(shift: float) -> tuple[int, float]:
        hits = sum(
            any(abs(x - shift - start) <= settings.start_tolerance for start in starts)
            for x in firsts
        )
        return hits, -abs(shift)

    return max(sorted(candidates), key=anchored)


SPACE_GAP = 0.6  # font sizes: a gap between words wider than a space (about 0.3)


def snapped_starts(
    line: LineLike, starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> list[float]:
    """Given a line and a table's column starts, the starts each moved on its own to the
    nearest start of a run of the line's words within the largest shift (a later part of
    the table set on tab stops a little apart, column by column); a start no run is near
    stays. A run's start is also a word after a gap wider than a space (tab stops set
    close: "Ofta (3)   Mycket" under S and K)."""
    firsts = gap_starts(line)
    moved: list[float] = []
    for start in starts:
        near = [x for x in firsts if abs(x - start) <= settings.max_shift]
        moved.append(min(near, key=lambda x: abs(x - start)) if near else start)
    if any(b <= a for a, b in pairwise(moved)):
        return list(starts)  # two columns on one run: no reading
    return moved


def own_starts(
    line: LineLike, starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> list[float]:
    """Given a line and a table's column starts, the starts of the line's runs of words when
    it has one run per column (a later part sized to its own text, as Word sizes each
    table: its tab stops are elsewhere, its columns the same); else the starts as they are."""
    segments = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    if len(segments) != len(starts):
        return list(starts)
    return [seg[0].bbox.x0 for seg in segments]


def common_starts(
    lines: Sequence[LineLike], count: int, *, settings: UnruledSettings = DEFAULT
) -> list[float] | None:
    """Given a part's lines and its table's column count, the x positions where runs of
    words start on two or more of the lines (one line's runs may run together where two
    cells almost touch; the lines below show the tab stops), when there are that many; else
    where words after a gap wider than a space start on two or more lines (two narrow cells
    almost touching on every line, as a word processor sizes a table to its text)."""
    ahead = lines[: settings.header_lookahead]
    left = min(w.bbox.x0 for w in lines[0].words) - settings.start_tolerance
    runs = sorted(
        seg[0].bbox.x0
        for line in ahead
        for seg in header_segments(line.words, max(line.font_size, 1.0), settings=settings)
        if seg[0].bbox.x0 >= left  # prose after the part, set further left, is no column
    )
    needed = 2 if len(lines) >= 4 else 1
    starts = clustered_starts(runs, needed, settings.start_tolerance)
    if len(starts) != count:  # two cells almost touch on every line ("Nej  Gul"): the
        gapped = sorted(x for line in ahead for x in gap_starts(line) if x >= left)
        starts = clustered_starts(gapped, needed, settings.start_tolerance)  # after a gap
    return starts if len(starts) == count else None


def part_starts(
    lines: Sequence[LineLike], template: Template, *, settings: UnruledSettings = DEFAULT
) -> tuple[list[float], float] | None:
    """Given a header-less part's lines and its table's columns, the part's column starts
    and their shift from the table's: of the readings that fit its first line (the columns
    shifted as one, each snapped to a run of the line, the line's runs, the runs its lines
    share, where its lines' words start), the one at whose starts the most of its lines'
    runs begin, the first in that order on a tie (a first line may fit the table's columns
    by chance while the part, sized to its own text, stands elsewhere); None when none fits."""
    first, known = lines[0], template.starts
    runs: list[list[float]] = []  # the lines' runs, found once a reading fits
    readings: tuple[Callable[[], list[float] | None], ...] = (
        lambda: [x + column_shift(first, known, settings=settings) for x in known],
        lambda: snapped_starts(first, known, settings=settings),
        lambda: own_starts(first, known, settings=settings),
        lambda: common_starts(lines, len(known), settings=settings),
        lambda: recurring_starts(lines, known, settings=settings),
        lambda: gutter_starts(lines, known, settings=settings),
    )
    best: tuple[int, list[float]] | None = None
    for reading in readings:
        starts = reading()
        if not starts or not fits_columns(first, starts, settings=settings):
            continue
        runs = runs or [gap_starts(line) for line in lines[: settings.header_lookahead]]
        anchored = sum(
            any(abs(x - start) <= settings.start_tolerance for start in starts)
            for line_runs in runs
            for x in line_runs
        )
        if best is None or anchored > best[0]:
            best = (anchored, starts)
        if anchored == sum(len(r) for r in runs):
            break
    if best is None:
        return None
    return best[1], best[1][-1] - known[-1]


def awaited_starts(
    first: LineLike, template: Template, *, settings: UnruledSettings = DEFAULT
) -> tuple[list[float], float] | None:
    """Given a page's first line and the columns of a header that closed the page before
    alone, the header's columns shifted as one to the line when they fit it: the rows of
    one table a page break parted from its header stand on its columns (values centred in
    their cells and cells that almost touch would draw other readings to runs inside a
    cell: "Kontroll av | tidrapportering"); None for any other template."""
    if not template.awaiting:
        return None
    shift = column_shift(first, template.starts, settings=settings)
    starts = [x + shift for x in template.starts]
    return (starts, shift) if fits_columns(first, starts, settings=settings) else None


def recurring_starts(
    lines: Sequence[LineLike], starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> list[float]:
    """Given a part's lines and its table's column starts, each start moved on its own to
    where words start on the most of the part's first lines, within the largest shift or
    half the way to the next column's start on either side (a part sized to its own text
    whose cells almost touch: "Genomgång av Kommunstyre" runs together on one line, but
    each cell's lines start at its column's edge); a start no two lines' words are near
    stays."""
    at = sorted(
        (round(w.bbox.x0, 1), i)
        for i, line in enumerate(lines[: settings.header_lookahead])
        for w in line.words
    )
    xs = [x for x, _ in at]
    tolerance = settings.start_tolerance / 2
    moved: list[float] = []
    for c, start in enumerate(starts):
        before = (start - starts[c - 1]) / 2 if c > 0 else settings.max_shift
        after = (starts[c + 1] - start) / 2 if c + 1 < len(starts) else settings.max_shift
        low = start - max(settings.max_shift, before)
        high = start + max(settings.max_shift, after)
        best, support = start, 1
        for x in sorted(set(xs[bisect_left(xs, low) : bisect_right(xs, high)])):
            lines_at = {
                i for _, i in at[bisect_left(xs, x - tolerance) : bisect_right(xs, x + tolerance)]
            }
            if len(lines_at) > support or (
                len(lines_at) == support > 1 and abs(x - start) < abs(best - start)
            ):
                best, support = x, len(lines_at)
        moved.append(best)
    if any(b <= a for a, b in pairwise(moved)):
        return list(starts)  # two columns on one edge: no reading
    return moved


WORD_GAP = 0.15  # font sizes: a word after a gap this wide (a space) may open a cell
CELL_GAP = 0.4  # font sizes: a gap wider than a space, as between two cells almost touching


def gutter_starts(
    lines: Sequence[LineLike], starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> list[float] | None:
    """Given a part's lines and its table's column starts, a start for each column among
    the places where a word opens after a space and no word of the part's rows runs
    across: those where the most lines open, then where a word opens after more than a
    space, then the nearest to the table's starts (a part sized to its own text: each of
    its columns narrowed or widened its own way, a one-row part's only tab stops its
    cells' first words, a narrow "Nej" or a date almost touching the cell before); None
    when there are fewer places than columns. The part's rows are its first lines up to
    one whose words run across two of the places its first line gives (prose after it).
    """
    ahead = lines[: settings.header_lookahead]
    first = nearest_places(open_places(ahead[:1]), starts)
    if first is None:
        return None
    own = 1
    while own < len(ahead) and crossed(ahead[own], [place.x for place in first]) < 2:
        own += 1
    found = nearest_places(open_places(ahead[:own]), starts)
    return None if found is None else [place.x for place in found]


def crossed(line: LineLike, places: Sequence[float]) -> int:
    """Given a line and x positions, how many of them its words run across."""
    return sum(any(w.bbox.x0 < x - 1.0 and w.bbox.x1 > x + 1.0 for w in line.words) for x in places)


@dataclass(frozen=True, slots=True)
class Place:
    """An x position where words open a cell: how many lines open there, and whether one
    opens after more than a space."""

    x: float
    lines: int
    set_apart: bool


def open_places(lines: Sequence[LineLike]) -> list[Place]:
    """Given lines, the places where a word opens after a space (or first on its line) and
    no word of the lines runs across, in order (words opening a point aside open one)."""
    openings: list[tuple[float, int, bool]] = []  # x, line, after more than a space
    spans: list[tuple[float, float]] = []
    for n, line in enumerate(lines):
        size = max(line.font_size, 1.0)
        ordered = sorted(line.words, key=lambda w: w.bbox.x0)
        for i, w in enumerate(ordered):
            spans.append((w.bbox.x0, w.bbox.x1))
            gap = w.bbox.x0 - ordered[i - 1].bbox.x1 if i else float("inf")
            if gap >= WORD_GAP * size:
                openings.append((w.bbox.x0, n, gap >= CELL_GAP * size))
    groups: list[list[tuple[float, int, bool]]] = []
    for opening in sorted(openings):
        if groups and opening[0] - groups[-1][-1][0] <= 1.0:
            groups[-1].append(opening)
        else:
            groups.append([opening])
    places = [
        Place(group[0][0], len({n for _, n, _ in group}), any(a for _, _, a in group))
        for group in groups
    ]
    return [
        place
        for place in places
        if not any(x0 < place.x - 1.0 and x1 > place.x + 1.0 for x0, x1 in spans)
    ]


Cost = tuple[int, int, float]  # lines opening (negated), places after a space, distance


def nearest_places(places: Sequence[Place], starts: Sequence[float]) -> list[Place] | None:
    """Given places in order and column starts, one place per start, in order: where the
    most lines open, then the fewest opening after no more than a space, then the nearest
    to the starts in all; None when there are fewer places than starts."""
    never: Cost = (1 << 30, 0, float("inf"))
    # best[c][i]: the least cost of columns 0..c with column c at places[i], and where c-1 is
    best: list[list[tuple[Cost, int]]] = []
    for c, start in enumerate(starts):
        row: list[tuple[Cost, int]] = []
        lowest: tuple[Cost, int] = ((0, 0, 0.0) if c == 0 else never, -1)
        for i, place in enumerate(places):
            if c > 0 and i > 0 and best[c - 1][i - 1][0] < lowest[0]:
                lowest = (best[c - 1][i - 1][0], i - 1)
            if lowest[0] == never:
                row.append((never, -1))  # no place left of it for the columns before
                continue
            (opened, spaced, distance), _ = lowest
            cost = (
                opened - place.lines,
                spaced + (not place.set_apart),
                distance + abs(place.x - start),
            )
            row.append((cost, lowest[1]))
        best.append(row)
    last = min(range(len(places)), key=lambda i: best[-1][i][0], default=-1)
    if last < 0 or best[-1][last][0] == never:
        return None
    chosen = [last]
    for c in range(len(starts) - 1, 0, -1):
        chosen.append(best[c][chosen[-1]][1])
    return [places[i] for i in reversed(chosen)]


def clustered_starts(xs: Sequence[float], needed: int, tolerance: float) -> list[float]:
    """Given sorted x positions, the first of each cluster of them (within the tolerance
    of the one before) that holds at least ``needed``."""
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] <= tolerance:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [min(c) for c in clusters if len(c) >= needed]


def gap_starts(line: LineLike) -> list[float]:
    """Given a line, where its first word and each word after a gap wider than a space
    start."""
    size = max(line.font_size, 1.0)
    ordered = sorted(line.words, key=lambda w: w.bbox.x0)
    return [
        w.bbox.x0
        for i, w in enumerate(ordered)
        if i == 0 or w.bbox.x0 - ordered[i - 1].bbox.x1 >= SPACE_GAP * size
    ]


FOREIGN_HEADER_RUNS = 3  # a bold line of this many runs naming no field heads another table


def foreign_header(line: LineLike, settings: UnruledSettings = DEFAULT) -> bool:
    """Given a line left out of the tables, whether it is the header of a table of other
    things ("Yrkesgrupp  Årsarbetare  Sjukfrånvaro (%)" after the plan): bold, three or
    more runs of words, none naming a field. The rows after it, on its page or the next,
    do not continue an earlier risk table's columns."""
    if not line.words or not all(w.bold for w in line.words):
        return False
    runs = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    if len(runs) < FOREIGN_HEADER_RUNS:
        return False
    return vocab.fields_named(vocab.header_fields([" ".join(w.text for w in r) for r in runs])) == 0


def continued_table(
    lines: Sequence[LineLike],
    page: int,
    template: Template,
    separators: Sequence[Separator] = (),
    *,
    opening: bool = False,
    settings: UnruledSettings = DEFAULT,
) -> UnruledTable | None:
    """Given lines and the columns of an earlier unruled table (and whether they open their
    page), the header-less table they continue: a header stated once applies to the rows
    after it, also on later pages. The part opens at a line of two or more runs of words (a
    line of one is a heading), or, atop a page, at the rest of one cell of a row the page
    break cut (:func:`ends_cut_cell`)."""
    lines = lines[: next_header(lines, settings)]  # a header line opens a table of its own
    if not lines:
        return None
    rest = opening and ends_cut_cell(lines[0], template.starts, settings=settings)
    shifted = None if rest or not opening else shifted_rest(lines, template, settings=settings)
    rest = rest or shifted is not None
    runs = header_segments(lines[0].words, max(lines[0].font_size, 1.0), settings=settings)
    if len(runs) < 2 and not rest:
        return None  # one run of words ("B. Ekonomi"): a heading above the part, not a row
    if shifted is not None:
        starts, shift = shifted
    elif rest:
        starts, shift = list(template.starts), 0.0
    else:
        found = awaited_starts(lines[0], template, settings=settings)  # (after the lines
        found = found or part_starts(lines, template, settings=settings)  # ending its header)
        if found is None:
            return None
        starts, shift = found
    height = max(lines[0].bbox.height, 1.0)
    right = template.right + shift
    body = body_rows(lines, starts, height, separators, right, settings=settings)
    if not rest and not any(sum(bool(cell) for cell in row) > 1 for row in body.rows):
        return None  # no row with two cells: a heading or prose, not the table going on
    bounds = (*starts, right)
    grid_rows = body_grid_rows(body, bounds, 0, starts)
    box = BBox(bounds[0], body.extents[0][0], bounds[-1], body.extents[-1][1])
    used = count_lines(lines, body.rows)
    origin = template.origin or template.starts
    return UnruledTable(Grid(page, box, tuple(bounds), tuple(grid_rows), origin), used)


CUT_REST_LINES = 3  # lines a cut cell's rest may take atop a page


def shifted_rest(
    lines: Sequence[LineLike], template: Template, *, settings: UnruledSettings = DEFAULT
) -> tuple[list[float], float] | None:
    """Given a page's first lines and the columns of the table open at the page before, the
    starts and shift of the part they open when its first lines are the rest of a cell the
    break cut, read at the columns of the rows under them (a part sized to its own text
    stands a few points off the table's columns, and so does the rest: "tas fram ur" /
    "lärplattformen." over the next row under Metod; right of the leading columns,
    ``after_leading_columns``); None when they are not."""
    for below in range(1, min(CUT_REST_LINES, len(lines) - 1) + 1):
        row = lines[below]
        if len(header_segments(row.words, max(row.font_size, 1.0), settings=settings)) < 2:
            continue  # the rest goes on, or a heading: no row of the part's cells yet
        found = part_starts(lines[below:], template, settings=settings)
        if found is not None and all(
            ends_cut_cell(line, found[0], settings=settings)
            and after_leading_columns(line, found[0])
            for line in lines[:below]
        ):
            return found
    return None


LEADING_COLUMNS = 2  # a row's number and title: text there atop a page may be a row of its own


def after_leading_columns(line: LineLike, starts: Sequence[float]) -> bool:
    """Given a line and a part's column starts, whether its words stand right of the part's
    leading columns: a rest there is a cut cell's (a method, a result); in the number or
    title column it cannot be told from a row of its own (a cause under a title, "Vakanser
    inom bristyrken …" atop a page, is no cut title)."""
    edge = starts[LEADING_COLUMNS] if len(starts) > LEADING_COLUMNS else float("inf")
    return all(w.bbox.x0 >= edge - 1.0 for w in line.words)


def ends_cut_cell(
    line: LineLike, starts: Sequence[float], *, settings: UnruledSettings = DEFAULT
) -> bool:
    """Given a page's first line and the columns of the table open at the page before,
    whether it is the rest of the cells of a row the break cut ("ärenden uppfyllde kraven."
    under Utfall, "verksamhetssystem. medarbetare." under Utfall and Åtgärd): one run of
    words naming no column, each word inside a column, the first at its column's start, a
    later column's or, in the first column, in a small letter (a heading starts there in a
    capital)."""
    runs = header_segments(line.words, max(line.font_size, 1.0), settings=settings)
    if len(runs) != 1 or not starts:
        return False
    if vocab.header_fields([" ".join(w.text for w in runs[0])])[0] is not None:
        return False  # a label's last piece under a repeated header ("Ansvarig för" / "kontroll")
    limits = [*starts[1:], float("inf")]
    for word in runs[0]:
        if word.bbox.x1 > limits[column_of(word, list(starts), settings=settings)] + 1.0:
            return False
    first = runs[0][0]
    column = column_of(first, list(starts), settings=settings)
    if abs(first.bbox.x0 - starts[column]) > settings.start_tolerance:
        return False
    return column > 0 or first.text[:1].islower()


def next_header(lines: Sequence[LineLike], settings: UnruledSettings = DEFAULT) -> int:
    """Given lines, the index of the first that is a table header line of its own (its cells
    name columns in the risk vocabulary), else their count."""
    for index, line in enumerate(lines):
        size = max(line.font_size, 1.0)
        segments = header_segments(line.words, size, settings=settings)
        if len(segments) < settings.min_named:
            continue
        fields = vocab.header_fields([" ".join(w.text for w in seg) for seg in segments])
        named = sum(f is not None for f in fields)
        if named >= settings.min_named and vocab.is_header_row(fields):
            return index
    return len(lines)


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
