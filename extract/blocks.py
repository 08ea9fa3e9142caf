"""A page as reading-order blocks: ruled tables and paragraphs of the words outside them."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from riskrad.extract.inner_columns import find_inner_table, split_grid
from riskrad.extract.page_columns import column_order
from riskrad.extract.side_by_side import captions, reading_order, split_sides, unruled_sides
from riskrad.extract.side_table import side_table
from riskrad.extract.tables import (
    Grid,
    GridCell,
    WordCentres,
    find_grids,
    page_lines,
    words_to_lines,
)
from riskrad.extract.unruled import (
    Separator,
    Template,
    continued_table,
    fitting_template,
    foreign_header,
    leaves_for_other,
    page_separators,
    template_of,
    unruled_table,
)
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, PageRecord, Ruling, Word, make_bbox
from riskrad.model.risk_titles import valued_title
from riskrad.model.settings import BlockSettings, TableSettings, UnruledSettings
from riskrad.model.text import CID_GLYPH, demojibake

BULLET_TOKENS = frozenset(
    {"-", "•", "–", "—", "*", "·", "°", "»", "«", "e", "©", "®", "¢", "o", "+"}
)
PAGE_NUMBER = re.compile(r"^(sida\s+)?\d{1,3}(\s*(\(|av|/)\s*\d{1,3}\)?)?$", re.IGNORECASE)
# a margin line that ends with its page's number: a footer or header ("Plan.xlsx · Sida 1")
PAGE_FOOTER = re.compile(r"(^|\s)sida\s+\d{1,3}(\s*(\(|av|/)\s*\d{1,3}\)?)?$", re.IGNORECASE)
DEFAULT = BlockSettings()


def is_bullet_token(token: str) -> bool:
    """Given a line's first token, whether it is a list bullet (also as OCR or unmapped glyph)."""
    token = demojibake(token)
    if token in BULLET_TOKENS or CID_GLYPH.fullmatch(token):
        return True
    return len(token) <= 3 and not any(map(str.isalnum, token)) and token not in {"(", ")"}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of words outside tables."""

    words: tuple[Word, ...]
    page: int
    bbox: BBox
    font_size: float
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def is_bullet(self) -> bool:
        return len(self.words) > 1 and is_bullet_token(self.words[0].text)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive lines of one style with no gap between them."""

    lines: tuple[Line, ...]
    page: int

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)

    @property
    def bbox(self) -> BBox:
        box = self.lines[0].bbox
        for line in self.lines[1:]:
            box = box.union(line.bbox)
        return box

    @property
    def font_size(self) -> float:
        return statistics.median(line.font_size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def is_bullet(self) -> bool:
        return self.lines[0].is_bullet


Block = Paragraph | Grid


def union_of(boxes: list[BBox]) -> BBox:
    """Given boxes, the smallest box holding them all: ``BBox.union`` of each in turn, side by
    side at once (``min``/``max`` keep the first of equals as the pairwise union does)."""
    return make_bbox(
        min([b.x0 for b in boxes]),
        min([b.top for b in boxes]),
        max([b.x1 for b in boxes]),
        max([b.bottom for b in boxes]),
    )


def make_line(words: list[Word], page: int) -> Line:
    """Given the words of one line, the Line with its box, size and boldness."""
    box = words[0].bbox if len(words) == 1 else union_of([w.bbox for w in words])
    sizes = [w.font_size or w.bbox.height for w in words]
    # An OCR word's size is its ink's height made full (ocr.full_height: "naen" and "Kbl"
    # come out alike), so the median holds for OCR lines too; the tallest word of a line
    # would be its worst misread.
    size = statistics.median(sizes)
    letters = [w for w in words if w.text.isalpha() or any(map(str.isalpha, w.text))]
    bold = bool(letters) and all(w.bold for w in letters)
    return Line(tuple(words), page, box, size, bold)


def is_running_text(line: Line, page_height: float, settings: BlockSettings = DEFAULT) -> bool:
    """Given a line, whether it is a page number in the page's top or bottom band, or a
    line there that ends with one ("Internkontrollplan.xlsx · Blad1 · Sida 1": a footer on
    a document's only page, so never seen repeated)."""
    text = line.text.strip()
    if own_page_number(line) and in_margin(line, page_height, settings, FOOTER_BAND):
        return True  # "Sida 2" on page 2 set a little inside the page's bands
    return in_margin(line, page_height, settings) and bool(
        PAGE_NUMBER.match(text) or PAGE_FOOTER.search(text)
    )


FOOTER_BAND = 0.15  # a line of the page's own number in this band of the page is its footer


def own_page_number(line: Line) -> bool:
    """Given a line, whether it is only its page's number ("Sida 2", "2 (5)", "2/5" on page 2)."""
    match = PAGE_NUMBER.match(line.text.strip())
    number = re.search(r"\d{1,3}", line.text) if match else None
    return number is not None and int(number.group()) == line.page


def starts_paragraph(previous: Line, line: Line, settings: BlockSettings = DEFAULT) -> bool:
    """Given two consecutive lines, whether the second starts a new paragraph."""
    gap = line.bbox.top - previous.bbox.bottom
    size = max(previous.font_size, line.font_size, 1.0)
    if gap > settings.paragraph_gap * size or gap < -size:
        return True
    if abs(previous.font_size - line.font_size) > 0.15 * size or previous.bold != line.bold:
        return True
    return line.is_bullet or opens_with_bold_label(line) or opens_written_risk(line)


def opens_written_risk(line: Line) -> bool:
    """Given a line, whether it opens a risk written as a paragraph: a numbered title stating
    its values ("1.2 Jäv vid upphandling (S 2, K 2, R 4). …"), which no wrapped line of the
    paragraph above begins with (plans set such paragraphs with no space between them)."""
    text = line.text
    return valued_title(text, len(text)) is not None


LABEL_WORDS = 4  # a label set in bold before its value has this many words at most


def opens_with_bold_label(line: Line) -> bool:
    """Given a line, whether it opens with a label in bold type ending with a colon and goes
    on in plain type ("**Metod:** Genomgång av …"): a key-value line of its own, not the
    rest of the value above it."""
    words = line.words
    for i, word in enumerate(words[:LABEL_WORDS]):
        if not word.bold:
            return False
        if word.text.endswith(":"):
            return i + 1 < len(words) and not words[i + 1].bold
    return False


def text_column(lines: list[Line]) -> tuple[float, float]:
    """Given a page's lines, the left and right edges of its text column."""
    if not lines:
        return 0.0, 0.0
    lefts = sorted(ln.bbox.x0 for ln in lines)
    rights = sorted(ln.bbox.x1 for ln in lines)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def ends_short(line: Line, column: tuple[float, float], settings: BlockSettings = DEFAULT) -> bool:
    """Given a line and the text column, whether it stops well before the right edge.

    Inside a paragraph every line but the last runs to the right edge, so a
    short line ends a paragraph, e.g. a title set apart only by bold type.
    """
    left, right = column
    width = right - left
    return width > 0 and line.bbox.x1 < right - settings.short_line_share * width


def wraps_bold_title(previous: Line, line: Line) -> bool:
    """Given two consecutive lines of one paragraph style, whether the second goes on with a
    title the first set in bold (bold both, the second opening in lower case: "Attest sker
    i strid med" / "attestreglementet"), so the first line's short end is a wrap."""
    first = line.text.lstrip()[:1]
    return previous.bold and line.bold and first.isalpha() and first.islower()


def lines_to_paragraphs(
    lines: list[Line],
    column: tuple[float, float],
    settings: BlockSettings = DEFAULT,
    columns: dict[int, tuple[float, float]] | None = None,
) -> list[Paragraph]:
    """Given a page's lines in reading order and its text column (and the page column of
    each line set in one of two), its paragraphs."""
    paragraphs: list[list[Line]] = []
    own = columns or {}
    for line in lines:
        previous = paragraphs[-1][-1] if paragraphs else None
        if (
            previous is not None
            and not starts_paragraph(previous, line, settings)
            and (
                not ends_short(previous, own.get(id(previous), column), settings)
                or wraps_bold_title(previous, line)
            )
        ):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [Paragraph(tuple(p), p[0].page) for p in paragraphs]


def in_margin(
    line: Line, page_height: float, settings: BlockSettings = DEFAULT, share: float | None = None
) -> bool:
    """Given a line (and a band's share of the page, the settings' by default), whether it
    lies in the page's top or bottom band (running headers)."""
    band = settings.margin_share if share is None else share
    return line.bbox.bottom < page_height * band or line.bbox.top > page_height * (1 - band)


def margin_key(line: Line) -> str:
    """Given a margin line, its letters with numbers masked: 'Sida 2' and 'Sida 3' match."""
    masked = re.sub(r"\d+", "#", line.text.casefold())
    return "".join(ch for ch in masked if ch.isalpha() or ch == "#")


@dataclass(frozen=True, slots=True)
class PageLayout:
    """A page split into its ruled tables and the lines of the words outside them."""

    record: PageRecord
    grids: tuple[Grid, ...]
    lines: tuple[Line, ...]


EMBEDDED_SHARE = 0.5  # a grid with text beside it on both sides in this share of its rows
EMBEDDED_ROWS = 2  # and in this many rows at least (one on a scan)


def embedded(grid: Grid, centres: WordCentres, width: float, scanned: bool = False) -> bool:
    """Given a ruled grid, the page's words, its width and whether it is a scan, whether the
    grid is a block of a wider table drawn without lines (a scan's shaded value columns,
    whose fill edges make a grid of their own): in two or more and at least half of its rows,
    words stand on the row's height both left and right of the grid. On a scan one row is
    enough (a row's coloured S, K and R cells make a grid of one row), and words on one side
    only do too where they stand on the lines of the cells' text (``_on_line_of``) in two or
    more and half of its rows (the coloured value columns last in the table: nothing stands
    right of them); on a text page a table's lines are drawn, not found, and a ruled block in
    a line of text is a table."""
    box = grid.bbox
    beside = aligned = 0
    for row in grid.rows:
        cells = [c for c in row if c is not None]
        if not cells:
            continue
        top, bottom = min(c.bbox.top for c in cells), max(c.bbox.bottom for c in cells)
        left = centres.indices(BBox(0.0, top, box.x0 - 1.0, bottom))
        right = centres.indices(BBox(box.x1 + 1.0, top, width, bottom))
        beside += bool(left and right)
        if scanned:
            inner = [w for c in cells for w in c.words]
            aligned += any(_on_line_of(centres.words[i], inner) for i in (*left, *right))
    least = 1 if scanned else EMBEDDED_ROWS
    if beside >= least and beside >= EMBEDDED_SHARE * len(grid.rows):
        return True
    return aligned >= EMBEDDED_ROWS and aligned >= EMBEDDED_SHARE * len(grid.rows)


ALIGNED_SHARE = 0.3  # words whose tops differ by at most this share of their height: one line


def _on_line_of(word: Word, words: list[Word]) -> bool:
    """Given a word and others, whether it stands on the line of one of them (tops and
    bottoms within ALIGNED_SHARE of the taller's height)."""
    box = word.bbox
    for other in words:
        o = other.bbox
        tall = max(box.height, o.height)
        if abs(box.top - o.top) <= ALIGNED_SHARE * tall and abs(box.bottom - o.bottom) <= (
            ALIGNED_SHARE * tall
        ):
            return True
    return False


WIDE_GAP = 1.2  # a gap in a line of a cell this many word heights wide parts two columns
MIN_WIDE_GAP_PT = 5.0  # and at least this wide
PARTED_SHARE = 0.5  # a grid with such a cell in this share of its rows has lost its columns


def parted(words: tuple[Word, ...]) -> bool:
    """Given a cell's words, whether a line of them is parted by a gap as wide as one
    between columns (words with letters or digits on both sides)."""
    for line in words_to_lines(words):
        line = sorted(line, key=lambda w: w.bbox.x0)
        height = statistics.median(w.bbox.bottom - w.bbox.top for w in line)
        wide = max(MIN_WIDE_GAP_PT, WIDE_GAP * height)
        for a, b in itertools.pairwise(line):
            if b.bbox.x0 - a.bbox.x1 > wide and _has_alnum(a.text) and _has_alnum(b.text):
                return True
    return False


def _has_alnum(text: str) -> bool:
    """Given a word, whether it holds a letter or a digit."""
    return any(map(str.isalnum, text))


def holds_columns(grid: Grid) -> bool:
    """Given a ruled grid, whether it is rows of a table whose columns have no lines (a
    scan's zebra fills or coloured cells make row edges and a few sides, the white cells'
    sides are not seen): in at least half of its rows with text, a cell holds a line
    parted as columns are."""
    rows = [[c for c in row if c is not None and c.words] for row in grid.rows]
    rows = [cells for cells in rows if cells]
    split = sum(any(parted(c.words) for c in cells) for cells in rows)
    return split >= 1 and split >= PARTED_SHARE * len(rows)


SIDE_SLACK_PT = 1.0  # a word reaching this far over a column line still stands in its column


def _column_within(word: Word, bounds: tuple[float, ...]) -> int | None:
    """Given a word and column bounds, the column it stands in, or None where it crosses a
    column line by more than SIDE_SLACK_PT."""
    box = word.bbox
    for c, (left, right) in enumerate(itertools.pairwise(bounds)):
        if box.x0 >= left - SIDE_SLACK_PT and box.x1 <= right + SIDE_SLACK_PT:
            return c
    return None


def _headed(grid: Grid) -> bool:
    """Given a ruled grid, whether its first row reads as a header (the header vocabulary)."""
    texts = [" ".join(c.text.split()) if c is not None else "" for c in grid.rows[0]]
    return vocab.is_header_row(vocab.header_fields(texts), texts)


def lost_sides(grid: Grid) -> Grid:
    """Given a scanned page's ruled grid, it with each one-row cell spanning columns whose
    line is parted as columns are (:func:`parted`), each word within one of the grid's
    columns and words in two of them or more, made a cell per column: the scan lost the
    cell's inner sides, which the other rows keep (value cells of two colours one grey:
    "Möjlig (3) | Lindrig (1) | 3 (Låg)" read as one cell, and the table, whose two rows
    then held such a cell in half of them, was read as rows without columns). A band's
    heading stands in one column; a description's sentence crosses the lines. A grid with a
    one-column cell parted so is left whole: it lost its columns, not a cell's sides (a
    scan's fill rows under a table of more columns than its lines make); so is a grid under
    a header of its own, which the unruled reader reads by its labels together with the
    unruled parts of its table after it (a part whose lines the scan lost), where a
    header-less part only keeps its table's columns as a grid."""
    if parted_columns(grid) or _headed(grid):
        return grid
    rows = [list(row) for row in grid.rows]
    changed = False
    for r, row in enumerate(grid.rows):
        for cell in row:
            if cell is None or cell.col_span < 2 or cell.row_span != 1 or not cell.words:
                continue
            bounds = grid.col_bounds[cell.col : cell.col + cell.col_span + 1]
            where = [_column_within(w, bounds) for w in cell.words]
            if None in where or len(set(where)) < 2 or not parted(cell.words):
                continue
            for c in range(cell.col_span):
                box = BBox(bounds[c], cell.bbox.top, bounds[c + 1], cell.bbox.bottom)
                words = tuple(w for w, at in zip(cell.words, where, strict=True) if at == c)
                rows[r][cell.col + c] = GridCell(box, r, cell.col + c, 1, 1, words)
            changed = True
    return replace(grid, rows=tuple(tuple(row) for row in rows)) if changed else grid


WORD_GAP = 0.45  # words this many of their heights apart at most are one line's neighbours


def joined_across(grid: Grid) -> Grid:
    """Given a scanned page's ruled grid, it with two cells side by side in one row made one
    where one line of text runs on over the column line between them: each cell holds one
    line, the left one's end and the right one's start on one baseline, no further apart
    than a space between words (WORD_GAP of their height; a column's text stands a cell's
    padding off its lines on both sides, twice that at least). The scan found a column line
    where the page drew none (a risk's title row across a two-column box, shaded: "Risk 1: Felaktig
    periodisering vid" | "bokslut"), or a cell's edge read as a mark made a narrow column
    ("[i" | "Kontrollmoment")."""
    rows = [list(row) for row in grid.rows]
    changed = False
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            left = row[c]
            if left is None or not left.words or left.row_span != 1:
                c += 1
                continue
            end = c + left.col_span
            right = row[end] if end < len(row) else None
            if right is None or not right.words or right.row_span != 1 or not _runs_on(left, right):
                c += 1
                continue
            box = left.bbox.union(right.bbox)
            row[c] = GridCell(box, r, c, 1, left.col_span + right.col_span,
                              left.words + right.words)  # fmt: skip
            row[end] = None
            changed = True
    return replace(grid, rows=tuple(tuple(row) for row in rows)) if changed else grid


def _runs_on(left: GridCell, right: GridCell) -> bool:
    """Given two cells side by side, whether the left one's only line runs on into the right
    one's only line (one baseline, a word space apart)."""
    if any(w.turned for w in left.words + right.words):
        return False  # a turned label's box is as tall as its text is long
    lines, more = words_to_lines(left.words), words_to_lines(right.words)
    if len(lines) != 1 or len(more) != 1:
        return False  # one line run on over the column line, not a cell's lines beside another's
    last, first = lines[0][-1], more[0][0]
    height = max(last.bbox.height, first.bbox.height)
    same_line = abs(last.bbox.bottom - first.bbox.bottom) <= 0.3 * height
    return same_line and first.bbox.x0 - last.bbox.x1 <= WORD_GAP * height


def parted_columns(grid: Grid) -> list[int]:
    """Given a ruled grid, the columns whose one-column cells hold a line parted as columns
    are (:func:`parted`)."""
    return sorted({c.col for row in grid.rows for c in row
                   if c is not None and c.col_span == 1 and c.words and parted(c.words)})


def nested_split(grid: Grid) -> Grid:
    """Given a ruled grid whose cells hold several columns of text, it with a table without
    lines nested in one of its columns made cells of its own (``inner_columns``), or as it
    is when its parted cells are no such table."""
    inner = find_inner_table(grid, parted_columns(grid))
    return grid if inner is None else split_grid(grid, inner)


def split_page(record: PageRecord, tables: TableSettings | None = None) -> PageLayout:
    """Given a page record (and the table settings), its ruled tables and its other words
    as lines. A grid that is a block of a wider table without lines (``embedded``) is left
    to the unruled reader, and its lines with it (they mark no row of the wider table); a
    grid whose cells hold several columns of text (``holds_columns``) too, its row lines
    kept (they part the unruled table's rows)."""
    grids = find_grids(record.page, record.rulings, record.words, tables or TableSettings())
    grids = [part for grid in grids for part in split_sides(grid, tables)]  # two tables a
    if grids:  #                                                      rule joined side by side
        centres = WordCentres(record.words)
        scanned = record.decision.route == "ocr"
        grids = [joined_across(lost_sides(g)) for g in grids] if scanned else grids
        blocks = [g.bbox for g in grids if embedded(g, centres, record.width, scanned)]
        grids = [  # a table nested in a drawn cell; a scan's such grid is its fills' rows
            nested_split(g) if not scanned and g.bbox not in blocks and holds_columns(g) else g
            for g in grids
        ]
        rows_only = [g.bbox for g in grids if g.bbox not in blocks and holds_columns(g)]
        if blocks or rows_only:
            grids = [g for g in grids if g.bbox not in blocks and g.bbox not in rows_only]
            rulings = tuple(
                r
                for r in record.rulings
                if not any(_within(r, b) for b in blocks)
                and not (r.orientation == "v" and any(_within(r, b) for b in rows_only))
            )
            record = replace(record, rulings=rulings)
    free = centres.outside([g.bbox for g in grids]) if grids else record.words  # same words
    lines = tuple(make_line(ws, record.page) for ws in page_lines(free))  # kept for the page
    return PageLayout(record, tuple(grids), lines)


def _within(ruling: Ruling, box: BBox, slack: float = 2.0) -> bool:
    """Given a ruling and a box, whether the ruling lies inside the box (with some slack)."""
    return (
        ruling.x0 >= box.x0 - slack
        and ruling.x1 <= box.x1 + slack
        and ruling.top >= box.top - slack
        and ruling.bottom <= box.bottom + slack
    )


def running_lines(layouts: list[PageLayout], settings: BlockSettings = DEFAULT) -> frozenset[str]:
    """Given a document's pages, the margin lines repeated on several pages (headers, footers)."""
    counts: dict[str, int] = {}
    for layout in layouts:
        height = layout.record.height
        keys = {margin_key(ln) for ln in layout.lines if in_margin(ln, height, settings)}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, int(0.3 * len(layouts)))
    return frozenset(k for k, n in counts.items() if n >= needed)


def take_unruled_tables(
    lines: list[Line],
    page: int,
    right: float,
    separators: tuple[Separator, ...] = (),
    template: Template | None = None,
    settings: UnruledSettings | None = None,
    following: Sequence[Line] = (),
) -> tuple[list[Line], list[Grid], Template | None]:
    """Given a page's free lines (the page's separators, the columns of the latest unruled
    table before the page and the unruled-table settings), the lines left after taking out
    unruled tables, those, and the latest columns.

    A table opens at a header line; lines that fit the latest part's columns
    continue that table without a header (a header stated once per section or
    document, also on the pages after it), until a header of a table of other things
    (a staff table after the plan: :func:`foreign_header`).
    """
    unruled = settings or UnruledSettings()
    kept: list[Line] = []
    tables: list[Grid] = []
    index = 0
    if template is not None and template.carried:  # the end of a header read on the page
        index, template = template.carried, replace(template, carried=0)  # before: its rows
    while index < len(lines):
        table = side_table(lines[index:], page, right, settings=unruled)  # labels open its
        if table is None:  #                                                rows: set on its side
            table = unruled_table(
                lines[index:],
                page,
                right,
                separators,
                following=following,
                before=template,
                settings=unruled,
            )
        if table is not None:
            end = leaves_for_other(lines[index : index + table.used], table.grid, template)
            if end is not None:  # the rows of an earlier table's columns go on under it
                table = (
                    unruled_table(
                        lines[index : index + end], page, right, separators, settings=unruled
                    )
                    or table
                )
        sides = None if table is None else unruled_sides(
            lines[index:], table, page, right, lambda ws: make_line(ws, page), separators, unruled
        )
        if sides is not None:  # two tables side by side under one line of headers: each read
            tables.extend(sides.grids)  # on its own, the words they left go on as lines
            lines = [*lines[:index], *sides.rest, *lines[index + sides.used :]]
            template = None
            continue
        if table is None and template is not None and foreign_header(lines[index], unruled):
            template = None  # a table of other things: even when its header fits the columns
        if table is None and template is not None:
            template = fitting_template(lines[index:], template, settings=unruled)
            table = continued_table(
                lines[index:],
                page,
                template,
                separators,
                opening=index == 0 and not tables,
                settings=unruled,
            )
        if table is None:
            kept.append(lines[index])
            if foreign_header(lines[index], unruled):
                template = None  # a table of other things: its rows continue no risk table
            index += 1
            continue
        template = template_of(table, template, settings=unruled)  # the latest part's
        #                                                 columns: the next follows it
        tables.append(table.grid)
        index += table.used
    return kept, tables, template


def page_blocks(
    layout: PageLayout,
    running: frozenset[str] = frozenset(),
    template: Template | None = None,
    settings: BlockSettings = DEFAULT,
    unruled_settings: UnruledSettings | None = None,
) -> list[Block]:
    """Given a split page and the document's running lines (the latest unruled columns and
    the block and unruled-table settings), its blocks in reading order."""
    return page_blocks_and_template(layout, running, template, settings, unruled_settings)[0]


def page_blocks_and_template(
    layout: PageLayout,
    running: frozenset[str],
    template: Template | None,
    settings: BlockSettings = DEFAULT,
    unruled_settings: UnruledSettings | None = None,
    following: Sequence[Line] = (),
) -> tuple[list[Block], Template | None]:
    """Given a split page, the running lines, the latest unruled columns before it (the
    settings and the next page's lines), its blocks in reading order and the latest
    unruled columns after it."""
    record, grids = layout.record, list(layout.grids)
    lines = free_lines(layout, running, settings)
    column = text_column(lines)
    separators = page_separators(record.rulings, record.fills)
    ordered = column_order(lines, lambda line: line.words, lambda ws: make_line(ws, record.page))
    lines = [line for line, _ in ordered if not captions(line.words, grids)]  # over two
    columns = {id(line): edges for line, edges in ordered if edges is not None}  # tables
    lines, unruled, template = take_unruled_tables(
        lines, record.page, column[1], separators, template, unruled_settings, following
    )
    lines = [line for line in lines if not captions(line.words, unruled)]
    grids = reading_order(grids + unruled)  # side by side: the left one first
    blocks: list[Block] = []
    pending: list[Line] = []
    grid_iter = iter(grids)
    next_grid = next(grid_iter, None)
    for line in lines:
        while next_grid is not None and next_grid.bbox.top <= line.bbox.top:
            blocks.extend(lines_to_paragraphs(pending, column, settings, columns))
            pending = []
            blocks.append(next_grid)
            next_grid = next(grid_iter, None)
        pending.append(line)
    blocks.extend(lines_to_paragraphs(pending, column, settings, columns))
    while next_grid is not None:
        blocks.append(next_grid)
        next_grid = next(grid_iter, None)
    return blocks, template


def document_blocks(
    layouts: list[PageLayout],
    running: frozenset[str],
    settings: BlockSettings = DEFAULT,
    unruled_settings: UnruledSettings | None = None,
) -> list[list[Block]]:
    """Given a document's split pages and running lines (and the settings), each page's
    blocks; the columns of an unruled table carry over to the pages after it."""
    template: Template | None = None
    pages: list[list[Block]] = []
    for index, layout in enumerate(layouts):
        after = layouts[index + 1 : index + 2]  # a header closing the page is split where
        following = free_lines(after[0], running, settings) if after else []  # rows start
        blocks, template = page_blocks_and_template(
            layout, running, template, settings, unruled_settings, following
        )
        pages.append(blocks)
    return pages


def free_lines(layout: PageLayout, running: frozenset[str], settings: BlockSettings) -> list[Line]:
    """Given a split page and the running lines, its lines without running text."""
    height = layout.record.height
    return [
        ln
        for ln in layout.lines
        if not is_running_text(ln, height, settings)
        and not (in_margin(ln, height, settings) and margin_key(ln) in running)
    ]
