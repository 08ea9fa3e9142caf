"""Cell-level reading: table cells the page read left empty, read again one by one.

Tesseract's page segmentation drops lone characters and short numbers standing in
a cell ("S", "K", a "3" in a coloured cell). Every cell of a ruled (or filled)
table that holds ink but no word is cropped from the cleaned page and read with a
segmentation mode for a block of text (one Tesseract run over all crops of the
page); the words it finds get boxes in the page's points, inside their cell.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.extract.image_rulings import components, grey_array
from riskrad.extract.tables import rulings_to_cell_groups
from riskrad.extract.tesseract_batch import framed, tesseract_batch
from riskrad.model.records import BBox, Ruling, Word
from riskrad.model.settings import TableSettings

CELL_READ_VERSION = 26  # bump when the cell reading changes (part of the OCR cache key)
CELL_PSM = 6
CELL_INSET_PT = 1.5  # keep clear of the cell's borders
MIN_INK_PIXELS = 12  # a cell with fewer dark pixels is empty
INK_LEVEL = 128
MARK_INK_LEVEL = 170  # a lone mark's ink: a thin digit at 200 dpi, blurred, is grey (120-170)
PAPER_LEVEL = 200  # a cell read again is white from this grey level up (speckle, shadows)
MAX_CELL_AREA_PT2 = 200.0 * 200.0  # larger boxes are layout frames, not cells
MIN_CELL_CONFIDENCE = 30.0  # Tesseract 0..100
MARK_MIN_PT = 3.0  # a lone mark the page read dropped is a digit when this tall or taller
JOINER_MIN_PT = 1.5  # a smaller mark this tall or wide joins marks beside it ("s", "=" bars)
MARK_MAX_PT = 14.0  # and at most this tall (no picture, no rule left over)
MARK_WIDTH_PT = 24.0  # a mark this wide at most (one glyph, or a few touching)
WORD_WIDTH_PT = 80.0  # marks standing together up to this wide: a number, or a word dropped
MARK_GAP_PT = 2.5  # marks this near each other, side by side, are one number
MARK_CLEAR_PT = 1.5  # a mark this near a word read on the page belongs to that word
MARK_PAD_PT = 2.0  # a lone number's crop reaches this far around its marks
MARK_ZOOM = 2  # and is read enlarged this many times (one letter at print size reads poorly)
STACK_RATIO = 2.0  # a line read this many times taller than wide was read as turned text
STACK_GAP = 0.6  # items of a stack stand further apart than this share of the line's width
LONE_READING = re.compile(r"^(\d{1,3}|[A-HJ-NP-ZÅÄÖ])$")  # a number, or a capital as a label
SUM_READING = re.compile(r"^\d{1,2}[+×x*·]\d{1,2}=\d{1,3}$")  # a value worked out: "2+3=5"
PAIR_READING = re.compile(r"^\d{1,2}/\d{1,2}$")  # S and K given as a pair: "3/1"
# a word of 3+ letters, or its first part broken with a hyphen over a narrow column ("Sanno-")
DROPPED_WORD = re.compile(r"^[A-ZÅÄÖa-zåäöé][a-zåäöé]{2,}[-.:,]?$")
DROPPED_SURE = 0.85  # read at least this sure (0..1)
DROPPED_YEAR = re.compile(r"^\d{4}$")  # a header's year under its label ("Bedömning" / "2025")


def empty_cells(
    image: Image.Image,
    words: tuple[Word, ...],
    rulings: tuple[Ruling, ...],
    scale: float,
    tables: TableSettings | None = None,
) -> list[BBox]:
    """Given a cleaned page image, its words and rulings, the pixels per point (and the
    run's table settings), the boxes (points, inset) of table cells with ink in them and
    no word."""
    grey = grey_array(image)
    out: list[BBox] = []
    for cell in table_cells(rulings, tables):
        box = BBox(
            cell.x0 + CELL_INSET_PT,
            cell.top + CELL_INSET_PT,
            cell.x1 - CELL_INSET_PT,
            cell.bottom - CELL_INSET_PT,
        )
        if box.width <= 2 or box.height <= 2:
            continue
        if any(
            box.x0 <= w.bbox.xmid <= box.x1 and box.top <= w.bbox.ymid <= box.bottom for w in words
        ):
            continue
        crop = grey[
            round(box.top * scale) : round(box.bottom * scale),
            round(box.x0 * scale) : round(box.x1 * scale),
        ]
        if int(np.count_nonzero(crop < INK_LEVEL)) >= MIN_INK_PIXELS:
            out.append(box)
    return out


def table_cells(rulings: tuple[Ruling, ...], tables: TableSettings | None = None) -> list[BBox]:
    """Given a page's rulings (and the run's table settings), the cells (points) of its
    tables of two cells or more, but those larger than MAX_CELL_AREA_PT2 (layout frames)."""
    return [
        BBox(x0, top, x1, bottom)
        for group in rulings_to_cell_groups(rulings, tables or TableSettings())
        if len(group) >= 2
        for x0, top, x1, bottom in group
        if (x1 - x0) * (bottom - top) <= MAX_CELL_AREA_PT2
    ]


def _inked(grey: Image.Image) -> Image.Image:
    """Given a cell's crop in grey, it with its contrast stretched: its darkest ink black and
    everything lighter than PAPER_LEVEL white. A fill's light JPEG speckle left in the cell
    after cleaning made Tesseract's block segmentation drop a lone letter ("R"); a hard
    threshold instead loses the ink's grey edges (a "1" then read "12")."""
    a = np.asarray(grey, dtype=np.float32)
    low = float(a.min())
    if low >= PAPER_LEVEL:
        return grey
    out = np.clip((a - low) * 255.0 / (PAPER_LEVEL - low), 0, 255)
    return Image.fromarray(out.astype(np.uint8))


def cell_config(dpi: int) -> str:
    """Given a resolution, the Tesseract config cells are read with."""
    return f"--oem 1 --psm {CELL_PSM} --dpi {dpi}"


def read_cells(
    image: Image.Image,
    boxes: list[BBox],
    scale: float,
    *,
    lang: str,
    dpi: int,
    zoom: list[int] | None = None,
) -> tuple[Word, ...]:
    """Given a cleaned page image, cell boxes in points and the pixels per point (and how
    many times each crop is enlarged), the words Tesseract reads in the cells (one run over
    all crops), with boxes in points."""
    return tuple(w for crop in read_crops(image, boxes, scale, lang=lang, dpi=dpi, zoom=zoom)
                 for w in crop)


def read_crops(
    image: Image.Image,
    boxes: list[BBox],
    scale: float,
    *,
    lang: str,
    dpi: int,
    zoom: list[int] | None = None,
) -> list[tuple[Word, ...]]:
    """As ``read_cells``, the words read in each box apart (in the boxes' order)."""
    if not boxes:
        return []
    origins: list[tuple[int, int, int]] = []
    crops: list[Image.Image] = []
    for n, box in enumerate(boxes):
        left, top = round(box.x0 * scale), round(box.top * scale)
        crop = image.crop((left, top, round(box.x1 * scale), round(box.bottom * scale)))
        k = zoom[n] if zoom else 1
        grey = crop.convert("L")
        if k > 1:
            grey = grey.resize((crop.width * k, crop.height * k), Image.Resampling.LANCZOS)
        crops.append(framed(_inked(grey), 10))
        origins.append((left, top, k))
    data = tesseract_batch(crops, lang, cell_config(dpi), "riskrad_cells_")
    found: list[list[Word]] = [[] for _ in boxes]
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        conf = float(data["conf"][i])
        if int(data["level"][i]) != 5 or not text or conf < MIN_CELL_CONFIDENCE:
            continue
        n = int(data["page_num"][i]) - 1
        ox, oy, k = origins[n]
        px = ox + (float(data["left"][i]) - 10) / k
        py = oy + (float(data["top"][i]) - 10) / k
        box = BBox(
            px / scale,
            py / scale,
            (px + float(data["width"][i]) / k) / scale,
            (py + float(data["height"][i]) / k) / scale,
        )
        found[n].append(Word(text, box, origin="ocr", confidence=conf / 100.0,
                             font_size=box.height))
    return [tuple(words) for words in found]


def _taken(shape: tuple[int, ...], words: tuple[Word, ...], scale: float) -> npt.NDArray[np.bool_]:
    """Given an image's shape, words and the pixels per point, the pixels within a little of
    a word's box."""
    taken = np.zeros(shape[:2], dtype=bool)
    pad = MARK_CLEAR_PT * scale
    for w in words:
        top, bottom = max(0, round(w.bbox.top * scale - pad)), round(w.bbox.bottom * scale + pad)
        left, right = max(0, round(w.bbox.x0 * scale - pad)), round(w.bbox.x1 * scale + pad)
        taken[top : bottom + 1, left : right + 1] = True
    return taken


def _mark_sized(
    stats: npt.NDArray[Any], scale: float, low_pt: float = MARK_MIN_PT
) -> npt.NDArray[Any]:
    """Given connected components' stats (x, y, width, height, area; no background row),
    the pixels per point (and the least height in points, MARK_MIN_PT unless given), the
    (x, y, width, height) of those of a mark's size, in order: that to MARK_MAX_PT tall, at
    most MARK_WIDTH_PT wide, MIN_INK_PIXELS of ink."""
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    sized = (
        (h >= low_pt * scale)
        & (h <= MARK_MAX_PT * scale)
        & (w <= MARK_WIDTH_PT * scale)
        & (stats[:, cv2.CC_STAT_AREA] >= MIN_INK_PIXELS)
    )
    return stats[sized, :4]


def _joining_marks(stats: npt.NDArray[Any], scale: float) -> npt.NDArray[Any]:
    """Given connected components' stats (no background row) and the pixels per point, the
    (x, y, width, height) of those that may be part of a lone mark's group, in order:
    JOINER_MIN_PT tall or wide at least, at most MARK_MAX_PT tall and MARK_WIDTH_PT wide,
    MIN_INK_PIXELS of ink."""
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    sized = (
        (np.maximum(w, h) >= JOINER_MIN_PT * scale)
        & (h <= MARK_MAX_PT * scale)
        & (w <= MARK_WIDTH_PT * scale)
        & (stats[:, cv2.CC_STAT_AREA] >= MIN_INK_PIXELS)
    )
    return stats[sized, :4]


def lone_marks(image: Image.Image, words: tuple[Word, ...], scale: float) -> list[BBox]:
    """Given a cleaned page image, the words read on it and the pixels per point, the boxes
    (points, padded) of groups of marks of a digit's size that no word covers: a number or a
    one-letter label standing alone in a table without lines, which Tesseract's page
    segmentation drops ("2", "4" under "S", "K"; the "R" beside them), or a word it dropped
    (groups up to WORD_WIDTH_PT wide); marks less tall, down to JOINER_MIN_PT tall or
    wide, join the marks beside them into one group (a word's x-height letters, the bars
    of "=" in "2+3=5") but make none alone. Ink is darker than MARK_INK_LEVEL: a thin
    digit scanned at 200 dpi and blurred keeps few pixels darker than INK_LEVEL and fell
    apart into specks ("2" on a cleaned fill)."""
    grey = grey_array(image)
    # 1 = ink (darker than MARK_INK_LEVEL): the components of a 0/255 mask
    _, dark = cv2.threshold(grey, MARK_INK_LEVEL - 1, 1, cv2.THRESH_BINARY_INV)
    ink = dark.astype(np.uint8, copy=False)
    _, _, stats = components(ink)
    taken = _taken(grey.shape, words, scale)
    low = MARK_MIN_PT * scale
    word_wide = WORD_WIDTH_PT * scale
    marks = [
        [x, y, x + w, y + h, h]
        for x, y, w, h in _joining_marks(stats[1:], scale).tolist()
        if not taken[y : y + h, x : x + w].any()
    ]
    groups: list[list[int]] = []  # x0, top, x1, bottom, tallest mark's height
    gap = MARK_GAP_PT * scale
    for x0, y0, x1, y1, h in sorted(marks):
        for g in groups:
            overlap = min(y1, g[3]) - max(y0, g[1])
            if -gap <= x0 - g[2] <= gap and overlap >= 0.5 * min(y1 - y0, g[3] - g[1]):
                g[2], g[1], g[3], g[4] = max(g[2], x1), min(g[1], y0), max(g[3], y1), max(g[4], h)
                break
        else:
            groups.append([x0, y0, x1, y1, h])
    pad = MARK_PAD_PT
    return [
        BBox(x0 / scale - pad, y0 / scale - pad, x1 / scale + pad, y1 / scale + pad)
        for x0, y0, x1, y1, h in groups
        if x1 - x0 <= word_wide and h >= low
    ]


def lone_numbers(found: tuple[Word, ...], marks: list[BBox]) -> tuple[Word, ...]:
    """Given the words read in cells and lone marks' crops, and those boxes, the words with
    those read in a lone mark's box kept only when they are a number of one to three digits
    or one capital letter ("S", "K", "R" over narrow columns; not "I" or "O", a stroke or a
    ring), a value worked out ("2+3=5", a sum column's cell), or a word of three letters or
    more read surely (a label the page read dropped: "Frekvens" over its column, "Risk" of
    "Risk 1", "Sanno-" of a label broken "Sanno-" / "likhet") or a year so read (the "2025"
    of a header "Bedömning" / "2025" on a shaded row), a pair of values ("3/1": S and K in
    one cell) or a slash between two such readings on its line ("S" "/" "K": one label): a
    mark read as a letter or two, or unsurely, is noise."""

    def in_mark(w: Word) -> bool:
        return any(m.x0 <= w.bbox.xmid <= m.x1 and m.top <= w.bbox.ymid <= m.bottom for m in marks)

    kept = [
        w
        for w in found
        if LONE_READING.match(w.text)
        or SUM_READING.match(w.text)
        or PAIR_READING.match(w.text)
        or ((DROPPED_WORD.match(w.text) or DROPPED_YEAR.match(w.text))
            and w.confidence >= DROPPED_SURE)
        or not in_mark(w)
    ]
    return tuple(w for w in found if w in kept or (w.text == "/" and _between(w, kept)))


def _between(slash: Word, kept: list[Word]) -> bool:
    """Given a slash read in a lone mark's box and the readings kept, whether a kept reading
    stands on its line on either side of it within two of its heights ("S / K")."""
    box = slash.bbox
    reach = 2 * box.height

    def beside(w: Word, left: bool) -> bool:
        line = box.top <= w.bbox.ymid <= box.bottom
        gap = box.x0 - w.bbox.x1 if left else w.bbox.x0 - box.x1
        return line and -0.5 <= gap <= reach

    return any(beside(w, True) for w in kept) and any(beside(w, False) for w in kept)


def stacked_rows(data: dict[str, list[Any]]) -> list[int]:
    """Given Tesseract's word table of a page, the word rows of the lines it read as turned
    text that are a stack of items one above another: a line STACK_RATIO times taller than
    wide, of two words or more, every two of them further apart than STACK_GAP of its width. A
    column of lone numbers in a table (Riskpoäng 4, 1, 3, 2, 8) is read so, each number
    turned a quarter ("W" for 3, "N" for 2, "An" for 6); the words of a turned label stand
    about a third of its letters' height apart."""
    lines: dict[tuple[int, ...], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if int(data["level"][i]) == 5 and str(text).strip():
            key = tuple(int(data[k][i]) for k in ("page_num", "block_num", "par_num", "line_num"))
            lines.setdefault(key, []).append(i)
    out: list[int] = []
    for rows in lines.values():
        if len(rows) < 2:
            continue
        tops = [float(data["top"][i]) for i in rows]
        bottoms = [tops[n] + float(data["height"][i]) for n, i in enumerate(rows)]
        lefts = [float(data["left"][i]) for i in rows]
        rights = [lefts[n] + float(data["width"][i]) for n, i in enumerate(rows)]
        width, height = max(rights) - min(lefts), max(bottoms) - min(tops)
        if height < STACK_RATIO * width:
            continue
        spans = sorted(zip(tops, bottoms, strict=True))
        if all(b[0] - a[1] > STACK_GAP * width for a, b in pairwise(spans)):
            out += rows
    return out


def stack_boxes(data: dict[str, list[Any]], rows: list[int], scale: float) -> list[BBox]:
    """Given a word table, some of its rows and the pixels per point, the rows' boxes in
    points, padded by MARK_PAD_PT (a lone number's crop)."""
    pad = MARK_PAD_PT
    return [
        BBox(
            float(data["left"][i]) / scale - pad,
            float(data["top"][i]) / scale - pad,
            (float(data["left"][i]) + float(data["width"][i])) / scale + pad,
            (float(data["top"][i]) + float(data["height"][i])) / scale + pad,
        )
        for i in rows
    ]
