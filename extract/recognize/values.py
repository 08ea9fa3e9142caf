"""Values a document states other than as digits: word scales, cell colours, a risk matrix.

An auditor reads "Mindre sannolik" as 2 when the document says "1 = Osannolik,
2 = Mindre sannolik, …", a green cell as 1 when its legend says "grön = 1",
and S and K of risk 7 from the square of the risk matrix that holds "7". The
document's own declarations are collected once (``document_key``); a value
cell without a number is then looked up in them (``resolve``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from riskrad.extract.tables import Grid, GridCell, page_lines
from riskrad.extract.tableview import owners, same_columns
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Fill, PageRecord
from riskrad.model.risk_titles import numbered_title as numbered_title  # kept here too
from riskrad.model.risk_titles import numbers_key, risk_id
from riskrad.model.text import spaceless

VALUE_FIELDS = ("probability", "consequence", "risk_value")
LETTERS = "A-Za-zÅÄÖåäöÉé"
PHRASE = rf"[{LETTERS}][{LETTERS} \-]{{1,38}}?"
DIGIT = re.compile(r"\d")
NUMBER_FIRST = re.compile(
    rf"(?<![\d\-–])(\d{{1,2}})\s*[=:]\s*({PHRASE})\s*(?=[,;./)]|$|\s\d|\s+och\s)"
)
PHRASE_NUMBER = re.compile(rf"({PHRASE})\s*(?:\((\d{{1,2}})\)|=\s*(\d{{1,2}})\b)")
CELL_PAIR = re.compile(
    rf"^\s*(\d{{1,2}})\s*[.=:]?\s+({PHRASE})\s*$|^\s*({PHRASE})\s+(\d{{1,2}})\s*$"
)
# Colour names as documents write them, with the colour a renderer gives them.
COLOUR_NAMES: dict[str, tuple[float, float, float]] = {
    "gron": (0.0, 0.6, 0.0),
    "ljusgron": (0.6, 0.9, 0.6),
    "morkgron": (0.0, 0.4, 0.0),
    "gul": (1.0, 0.9, 0.0),
    "orange": (1.0, 0.6, 0.0),
    "rod": (0.9, 0.1, 0.1),
    "morkrod": (0.6, 0.0, 0.0),
    "bla": (0.2, 0.4, 0.9),
}
LEVEL_SWATCH = re.compile(r"^(mycket )?(lag|medel|hog|mattlig|kritisk)( risk)?$")
COLOUR_DISTANCE = 0.35  # a cell's colour this near a legend colour (RGB, 0..1) is that colour
MIN_SATURATION = 0.15  # greyer fills (zebra rows, shaded headers) are not values
GREY_DISTANCE = 0.02  # unless a legend of grey swatches (a greyscale scan) has one this near


@dataclass
class ValueKey:
    """A document's declared values: words by field, colours, and the risk matrix."""

    words: dict[str, dict[str, int]] = field(default_factory=dict)  # field or "" -> phrase -> n
    colours: list[tuple[tuple[float, float, float], int]] = field(default_factory=list)
    greys: list[tuple[float, int]] = field(default_factory=list)  # grey swatch level -> n
    matrix: dict[str, tuple[int, int]] = field(default_factory=dict)  # risk number -> (S, K)
    named: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # a square's names
    levels: list[tuple[tuple[float, float, float], str]] = field(default_factory=list)  # a
    #                colour -> the level word its legend gives ("grön = låg risk", "Låg" swatch)

    def colour_level(self, rgb: tuple[float, float, float]) -> str | None:
        """Given a cell's fill colour, the level word its legend gives, or None."""
        if saturation(rgb) < MIN_SATURATION or not self.levels:
            return None
        best = min(self.levels, key=lambda c: distance(c[0], rgb))
        return best[1] if distance(best[0], rgb) <= COLOUR_DISTANCE else None

    def named_level(self, text: str) -> str | None:
        """Given a cell's text naming a colour alone ("Orange", "Röd"), the level word the
        document's legend gives that colour ("orange = hög risk"), or None."""
        rgb = COLOUR_NAMES.get(vocab.fold(text).strip(" .:;"))
        return next((level for colour, level in self.levels if colour == rgb), None)

    def word(self, name: str, text: str) -> int | None:
        """Given a value field and a cell's text, the number the document declares for it."""
        key = vocab.fold(text)
        for scope in (name, ""):
            found = self.words.get(scope, {}).get(key)
            if found is not None:
                return found
        return None

    def colour(self, rgb: tuple[float, float, float]) -> int | None:
        """Given a cell's fill colour, the number its legend gives, or None."""
        if saturation(rgb) < MIN_SATURATION:
            return self.grey(sum(rgb) / 3)
        if not self.colours:
            return None
        best = min(self.colours, key=lambda c: distance(c[0], rgb))
        return best[1] if distance(best[0], rgb) <= COLOUR_DISTANCE else None

    def grey(self, level: float) -> int | None:
        """Given a grey cell's level (0..1), the number of the legend's grey swatch at about
        that level (a greyscale scan of a colour legend), or None: nearer than GREY_DISTANCE
        and than a quarter of the way to the nearest swatch of another number (a scan's grey
        of one colour varies by a level or two: at most 0.004 from its swatch in every
        lookup of the greyscale colour_legend tune scans; its colours lie ten or more apart,
        a shaded row's grey may lie a few levels from a light swatch); a legend of two
        numbers at least."""
        if len({n for _, n in self.greys}) < 2:
            return None
        near, number = min(self.greys, key=lambda g: abs(g[0] - level))
        apart = min(abs(g - near) for g, n in self.greys if n != number)
        return number if abs(near - level) <= min(GREY_DISTANCE, apart / 4) else None


def saturation(rgb: tuple[float, float, float]) -> float:
    """Given a colour, how far it is from grey (max - min channel)."""
    return max(rgb) - min(rgb)


def distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """Given two colours, their Euclidean distance in RGB (0..1)."""
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


def line_scope(folded: str) -> str:
    """Given a folded line, the value field its declarations are about ("" when unclear)."""
    s = "sannolikhet" in folded
    k = "konsekvens" in folded
    if s and not k:
        return "probability"
    if k and not s:
        return "consequence"
    if not s and not k and ("riskvarde" in folded or "riskniva" in folded):
        return "risk_value"
    return ""


def pairs_of(text: str) -> list[tuple[str, int]]:
    """Given a line of text, the (phrase, number) pairs it declares."""
    found: list[tuple[str, int]] = []
    if not DIGIT.search(text):  # every pattern holds a number
        return found
    if "=" in text or ":" in text:  # NUMBER_FIRST's separators
        for match in NUMBER_FIRST.finditer(text):
            found.append((match.group(2), int(match.group(1))))
    if "=" in text or "(" in text:  # PHRASE_NUMBER's
        for match in PHRASE_NUMBER.finditer(text):
            number = match.group(2) or match.group(3)
            found.append((match.group(1), int(number)))
    pair = CELL_PAIR.match(text)
    if pair is not None:
        if pair.group(1):
            found.append((pair.group(2), int(pair.group(1))))
        else:
            found.append((pair.group(3), int(pair.group(4))))
    return [(vocab.fold(p), n) for p, n in found if vocab.fold(p)]


def add_word(key: ValueKey, scope: str, phrase: str, number: int) -> None:
    """Given a declaration, file it under its field (the first declaration of a phrase wins)."""
    key.words.setdefault(scope, {}).setdefault(phrase, number)
    tail = phrase.split()[-1] if phrase.split() else phrase
    if tail in COLOUR_NAMES:  # "grön = 1": a colour's value, drawn in the renderer's colour
        key.colours.append((COLOUR_NAMES[tail], number))


def fill_at(fills: tuple[Fill, ...], box: BBox) -> Fill | None:
    """Given a page's fills and a cell's box, the smallest fill under the cell's centre."""
    x, y = box.xmid, box.ymid
    under = [f for f in fills if f.bbox.x0 <= x <= f.bbox.x1 and f.bbox.top <= y <= f.bbox.bottom]
    return min(under, key=lambda f: f.bbox.width * f.bbox.height) if under else None


COLOUR_LEVEL = re.compile(  # "grön = låg risk", "röd: mycket hög risk" (folded: "gron lag risk")
    r"\b(ljusgron|morkgron|gron|gul|orange|morkrod|rod|bla)\s*(?:=|:|–|-)?\s*"
    r"((?:mycket )?(?:lag|laga|medel|hog|hoga|mattlig|kritisk|liten|stor)(?: risk)?)\b"
)


def colour_levels(text: str) -> list[tuple[tuple[float, float, float], str]]:
    """Given a folded line, the colours it gives a level word ("grön = låg risk, gul = medel
    risk"), each in the colour a renderer gives that name."""
    return [(COLOUR_NAMES[m.group(1)], m.group(2)) for m in COLOUR_LEVEL.finditer(text)]


def legend_colours(record: PageRecord, key: ValueKey) -> None:
    """Given a page, the colours of its legend swatches: a coloured box holding "1 grön"
    (a grey one on a greyscale scan)."""
    fills = record.fills + record.shades
    centres = [(w.bbox.xmid, w.bbox.ymid, w) for w in record.words] if fills else []
    for fill in fills:
        box = fill.bbox  # word_center_in's comparisons, each word's centre computed once
        x0, x1, top, bottom = box.x0, box.x1, box.top, box.bottom
        words = [w for x, y, w in centres if x0 <= x <= x1 and top <= y <= bottom]
        if not words or len(words) > 6:
            continue
        text = " ".join(w.text for w in words)
        number = next((n for _, n in pairs_of(text)), None)
        if number is None and text.strip().isdigit() and len(words) == 1:
            continue  # a coloured value cell, not a legend
        if number is None and LEVEL_SWATCH.match(vocab.fold(text)) is not None:
            if saturation(fill.rgb) >= MIN_SATURATION:  # a swatch holding its level: "Låg"
                key.levels.insert(0, (fill.rgb, vocab.fold(text)))
            continue
        named = {vocab.fold(w.text) for w in words} & COLOUR_NAMES.keys()
        if number is None and len(named) == 1:  # "> orange" (its "3" misread): the number
            number = key.word("", named.pop())  # the text gives that colour; one colour only
        if number is not None and saturation(fill.rgb) >= MIN_SATURATION:
            key.colours.insert(0, (fill.rgb, number))
        elif number is not None:  # a grey swatch: a greyscale scan's legend
            key.greys.append((sum(fill.rgb) / 3, number))


def grid_texts(grid: Grid) -> list[list[str]]:
    """Given a grid, the text at every position (a spanning cell's text at each it covers)."""
    cover = owners(grid)
    return [[cell_text(cover[r][c]) for c in range(grid.n_cols)] for r in range(len(grid.rows))]


LABEL_CHARS = 3  # a label OCR misread ("Ki", "KS5", ";å") is at most this long


def axis_run(labels: list[str]) -> list[int] | None:
    """Given a matrix axis' labels in order, their numbers, or None (no axis): every label
    read ("1".."5", "K1".."K5"), or short labels misread ("Ki", ";å") among at least two
    read ones that count up or down by one, each taking its place's number on that run."""
    read = [axis(text) for text in labels]
    if None not in read:
        return [v for v in read if v is not None]
    known = [(i, v) for i, v in enumerate(read) if v is not None]
    unread = [t.strip() for t, v in zip(labels, read, strict=True) if v is None]
    if len(known) < 2 or any(len(t) > LABEL_CHARS or not t for t in unread):
        return None
    (i0, v0), (i1, v1) = known[0], known[1]
    step = (v1 - v0) // (i1 - i0) if (v1 - v0) % (i1 - i0) == 0 else 0
    run = [v0 + step * (i - i0) for i in range(len(labels))]
    if step not in (1, -1) or min(run) < 0 or any(run[i] != v for i, v in known):
        return None
    return run


def matrix_squares(texts: list[list[str]]) -> list[tuple[str, tuple[int, int]]]:
    """Given a table's texts by row and column, each square's text with its (S, K) when it is
    a risk matrix (empty squares too), else nothing.

    A matrix has axis labels 1..n (or "S1"/"K1") down its first column and
    along its last or first row. Rows are sannolikhet and columns konsekvens
    unless the labels say otherwise.
    """
    n_rows = len(texts)
    n_cols = len(texts[0]) if texts else 0
    if n_rows < 3 or n_cols < 3:
        return []
    for label_row in (n_rows - 1, 0):
        body = [r for r in range(n_rows) if r != label_row]
        rows = axis_run([texts[r][0] for r in body])
        cols = axis_run([texts[label_row][c] for c in range(1, n_cols)])
        if rows is None or cols is None or len(set(rows)) < len(rows):
            continue
        swap = texts[label_row][1].strip().upper().startswith("S") or texts[body[0]][
            0
        ].strip().upper().startswith("K")
        return [
            (texts[r][c], (col_value, row_value) if swap else (row_value, col_value))
            for r, row_value in zip(body, rows, strict=True)
            for c, col_value in zip(range(1, n_cols), cols, strict=True)
        ]
    return []


def matrix_of(texts: list[list[str]]) -> dict[str, tuple[int, int]]:
    """Given a table's texts by row and column, risk number -> (S, K) when it is a risk matrix
    with risk numbers ("3", "R3", "3, 7") in its squares (:func:`matrix_squares`)."""
    return {str(int(token)): sk for text, sk in matrix_squares(texts)
            for token in id_numbers(text)}


MIN_NAME_LETTERS = 8  # a risk's name found in a matrix square has this many letters at least


def named_squares(texts: list[list[str]]) -> list[tuple[str, tuple[int, int]]]:
    """Given a table's texts, the squares of a risk matrix that hold risks' names (their text
    without spaces, case folded) with their (S, K): a map of risks by name, not number."""
    return [(spaceless(text), sk) for text, sk in matrix_squares(texts)
            if sum(ch.isalpha() for ch in text) >= MIN_NAME_LETTERS]


def square_of_name(
    squares: list[tuple[str, tuple[int, int]]], title: str
) -> tuple[int, int] | None:
    """Given a matrix's named squares and a risk's title, the (S, K) of the one square that
    holds the title (or of several that agree), else None."""
    name = spaceless(title)
    if sum(ch.isalpha() for ch in name) < MIN_NAME_LETTERS:
        return None
    found = {sk for text, sk in squares if name in text}
    return found.pop() if len(found) == 1 else None


def matrix_tables(grids: list[Grid], page_width: float) -> list[list[list[str]]]:
    """Given a document's tables in reading order, their texts, a table broken by a page joined.

    A table that ends one page and one that starts the next with the same columns
    are one table (a risk matrix whose axis row landed on the next page).
    """
    tables: list[list[list[str]]] = []
    previous: Grid | None = None
    chain: list[list[str]] = []
    for grid in grids:
        texts = grid_texts(grid)
        continued = (
            previous is not None
            and grid.page == previous.page + 1
            and same_columns(previous, grid, page_width)
        )
        chain = chain + texts if continued else texts
        if continued:
            tables.append(chain)
        tables.append(texts)
        previous = grid
    return tables


def cell_text(cell: GridCell | None) -> str:
    """Given a grid position's owning cell (or None), its text."""
    return "" if cell is None else cell.text


# a digit OCR read as the letter it looks like, after a label's letter ("Kl", "KA", "RS")
DIGIT_LOOKALIKES = {"l": "1", "I": "1", "|": "1", "A": "4", "S": "5", "O": "0", "Z": "2", "B": "8"}
_LOOKALIKE = "".join(re.escape(c) for c in DIGIT_LOOKALIKES)


def axis(text: str) -> int | None:
    """Given a matrix label ("3", "K3", "S 3", "3 Sannolik"; "Kl" and "KA", a digit read as
    a letter after the axis' letter), its number, or None."""
    match = re.match(r"^\s*[SsKk]?\s*(\d)\b", text)
    if match:
        return int(match.group(1))
    match = re.match(rf"^\s*[SK]([{_LOOKALIKE}])\s*$", text)
    return int(DIGIT_LOOKALIKES[match.group(1)]) if match else None


def id_numbers(text: str) -> list[str]:
    """Given a matrix cell's text ("R3, R7"; "RS": R5 with its digit read as a letter), the
    risk numbers in it."""
    text = re.sub(rf"\bR([{_LOOKALIKE}])\b", lambda m: "R" + DIGIT_LOOKALIKES[m.group(1)], text)
    return re.findall(r"\d{1,3}", text)


def document_key(pages: list[PageRecord], grids: list[Grid]) -> ValueKey:
    """Given a document's pages and tables, what it declares about its values."""
    key = ValueKey()
    for record in pages:
        lines = [" ".join(w.text for w in line) for line in page_lines(record.words)]
        for text in lines:
            scope = line_scope(vocab.fold(text))
            for phrase, number in pairs_of(text):
                add_word(key, scope, phrase, number)
        key.levels.extend(colour_levels(vocab.fold(" ".join(lines))))  # a wrapped legend too
        legend_colours(record, key)
    width = max((p.width for p in pages), default=595.0)
    for texts in matrix_tables(grids, width):
        for risk, sk in matrix_of(texts).items():
            key.matrix.setdefault(risk, sk)
        key.named.extend(named_squares(texts))
    return key


RISK_CODE = re.compile(r"^\s*([A-ZÅÄÖ]{1,4}-\d{1,3}(?:\.\d{1,2})?)\s*$")  # "EK-01", "IS-2"


def risk_number(text: str) -> str | None:
    """Given a Nr cell ("3", "R3", "3.", "1.2"; "RS": R5 with its digit read as a letter; an
    id on an area's letter "A.1" or a register's "EK-01"), the risk's number as the key a
    numbered title and a row naming the risk give alike (``risk_id``), or None."""
    key = risk_id(text)
    if key is not None:
        return key
    match = re.match(r"^\s*(?:R|Risk)?\s*(\d{1,3}(?:\.\d{1,3})?)\b", text)
    if match:
        return numbers_key(match.group(1))
    code = RISK_CODE.match(text)
    if code is not None:
        return risk_id(code.group(1))
    match = re.match(rf"^\s*R([{_LOOKALIKE}])\s*$", text)
    return DIGIT_LOOKALIKES[match.group(1)] if match else None


# After the pair: a footnote mark, the product in brackets or after "=" ("3/4 (12)", "3/4 = 12").
SK_AFTER = r"(?:\s*(?:\(\d{1,3}\)|=\s*\d{1,3}))?\s*[*†‡¹²³]{0,2}\s*$"
SK_NUMBERS = re.compile(
    r"^\s*\(?(\d{1,2})(?:\s*[/;]\s*|,\s+|\s+,\s*)(\d{1,2})\)?" + SK_AFTER
)  # "3/4", "3 / 4", "3, 4" (not "3,4": a decimal)
SK_LETTERS = re.compile(
    r"^\s*S\s*[:=]?\s*(\d{1,2})\s*[,;/]?\s*K\s*[:=]?\s*(\d{1,2})" + SK_AFTER, re.IGNORECASE
)  # "S3 K4", "S: 3, K: 4"
SK_PRODUCT = re.compile(r"^\s*(\d{1,2})\s*[x×*·]\s*(\d{1,2})" + SK_AFTER)
SK_SCALE = range(1, 11)  # S and K are steps of a scale of at most ten
FACTORS = re.compile(r"^\s*(\d{1,2})\s*[x×*·]\s*(\d{1,2})\s*[*†‡¹²³]{0,2}\s*$")  # "3×4", "3 x 4"


def factors(text: str) -> tuple[int, int] | None:
    """Given a risk value cell, S and K when it states them as the product's two factors and
    nothing more ("3×4", "3x4", "3 x 4": the value is theirs to give, the cell names the
    assessment), in the order written; None for anything else ("3×4=12" states the value,
    "12" is it)."""
    match = FACTORS.match(text)
    if match is None:
        return None
    pair = int(match.group(1)), int(match.group(2))
    return pair if all(v in SK_SCALE for v in pair) else None


STATED_VALUE = re.compile(r"\d+")
CHECKED_DIGITS = (2, 3)  # a misread pair's digits: "24" (sign lost), "205" (sign read "0")
CHECKED_LENGTH = 6  # and its whole reading at most this long ("2:05")


def factors_by_value(text: str, value: str) -> tuple[int, int] | None:
    """Given a cell of a column naming S and K together that reads as no pair (a scan lost
    or misread the sign between them: "24", "2:05" for "2x4", "2x5") and the row's risk
    value cell ("Medel (8)", "10"), S and K as the reading's first and last digit when
    their product is the value stated there: the value checks the reading."""
    digits = re.sub(r"\D", "", text)
    if len(digits) not in CHECKED_DIGITS or len(text.strip()) > CHECKED_LENGTH:
        return None
    stated = STATED_VALUE.findall(value)
    if len(stated) != 1:
        return None
    pair = int(digits[0]), int(digits[-1])
    if not all(v in SK_SCALE for v in pair) or pair[0] * pair[1] != int(stated[0]):
        return None
    return pair


OCR_SLASH = re.compile(r"(?<=\d)[fl|I](?=\d)")  # a scan's "/" between digits: "3f2"
OCR_ONE = re.compile(r"(?<=\b[SKsk])[lI|](?!\w)")  # a scan's "1" after its letter: "Kl"


def sk_pair(text: str) -> tuple[int, int] | None:
    """Given the cell of a column naming S and K together ("S/K"), its probability and
    consequence: "3/4", "S3 K4", "S: 3, K: 4", "3×4=12", "3/4 (12)", "3/4*"; None for anything
    else (a single number there is the risk value, "3,5" a decimal, "12/11" no scale's steps).
    A cell that reads as none is read again with a scan's misreadings put right: "3f2" for
    "3/2", "S2 Kl" for "S2 K1"."""
    for candidate in dict.fromkeys((text, OCR_ONE.sub("1", OCR_SLASH.sub("/", text)))):
        for pattern in (SK_NUMBERS, SK_LETTERS, SK_PRODUCT):
            match = pattern.match(candidate)
            if match is not None:
                pair = int(match.group(1)), int(match.group(2))
                return pair if all(v in SK_SCALE for v in pair) else None
    return None
