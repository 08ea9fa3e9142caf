"""Turned labels read again turned upright.

A narrow column's label set a quarter turn against the page ("Sannolikhet", "S×K",
"Nr." read bottom to top) is read by Tesseract's page segmentation as upright text:
letters of low confidence in bits ("H £ M 3 c 0 E", "X" and "an", "="). Such a patch
of uncertain words, taller than wide, is cropped, turned upright both ways and read
as a block (one Tesseract run over all crops of the page); the way read with the
higher confidence replaces the patch when it reads surer than the patch did, each of
its lines one turned word (boxes in the page's points), as the text layer gives a
turned label. Where the page's rulings make a tall narrow cell around such a patch (a
turned label over a narrow value column), the whole cell is cropped and read instead: a
patch may hold only part of the label's ink, and neighbouring labels' patches may join
("Sannolikhet", "Konsekvens (1–5)", "Riskvärde" side by side read "likhet", "(1-5)" and
"3 MY: ng un ) MM S 5 E", whose "3" and "5" then stood as values in the header).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.extract.image_rulings import grey_array
from riskrad.extract.tesseract_batch import framed, tesseract_batch
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Word

UNSURE = 0.65  # a word read with less confidence (0..1) may be a bit of a turned label
TALL_SEED = 2.0  # a word of two letters or more this many times taller than wide ran up
PATCH_GAP_PT = 3.0  # uncertain words this near each other are one patch
STACK_GAP_PT = 2.0  # a sure word this near above or below a patch, across it, is part of it
PATCH_TALL = 1.5  # a patch this many times taller than wide (or more) may be a turned label
PATCH_MIN_PT = 6.0  # and at least this tall
PATCH_MAX_WIDE_PT = 60.0  # and at most this wide (a few turned lines side by side)
TURNED_LINE_MAX_PT = 10.0  # a turned line of a label is at most this wide (a line's height)
COLUMN_GAP = 1.0  # uncertain bits down one column this many of their width apart are one patch
PATCH_PAD_PT = 2.0  # a patch's crop reaches this far around its words
CELL_INSET_PT = 1.0  # a tall cell's crop keeps this far inside its rulings
REACH_SHARE = 0.25  # a word with this share of its width in a cell reaches into it
SURE = 70.0  # a turned reading (Tesseract 0..100, mean over its words) must be this sure
TURNED_PSM = 6  # a block: a patch may hold a few turned lines side by side
FRAME_PX = 10  # white frame around each crop
ZOOM = (
    2  # a crop is read enlarged this many times (a label's few letters read poorly at print size)
)
INK_LEVEL = 128


def _alnum(text: str) -> int:
    """Given a text, how many letters and digits it has."""
    return sum(ch.isalnum() for ch in text)


def _is_seed(word: Word) -> bool:
    """Given an OCR word, whether it may be a bit of a turned label: read unsure, or two
    letters or more in a box TALL_SEED times taller than wide."""
    box = word.bbox
    tall = _alnum(word.text) >= 2 and box.height >= TALL_SEED * box.width
    return word.confidence < UNSURE or tall


def _near(a: BBox, b: BBox, gap: float) -> bool:
    """Given two boxes and a gap, whether they lie within the gap of each other both ways."""
    return (
        a.x0 - gap <= b.x1
        and b.x0 <= a.x1 + gap
        and a.top - gap <= b.bottom
        and b.top <= a.bottom + gap
    )


def _stacked(a: BBox, b: BBox) -> bool:
    """Given two boxes, whether one stands above the other (across one another by half the
    narrower) within STACK_GAP_PT."""
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    gap = max(a.top, b.top) - min(a.bottom, b.bottom)
    return across >= 0.5 * min(a.width, b.width) and gap <= STACK_GAP_PT


def _in_column(a: Word, b: Word) -> bool:
    """Given two uncertain words, whether they may be bits of one turned label read upright
    with letters read as nothing between them: no digit in either (a column of values is
    no label), both at most TURNED_LINE_MAX_PT wide (a turned line's height), one under the
    other across half the narrower's width and at most COLUMN_GAP times the wider's width
    apart ("Riskvärde" turned read "—", "ac)", "2" a letter or two apart down its column)."""
    if any(ch.isdigit() for ch in a.text + b.text):
        return False
    x, y = a.bbox, b.bbox
    if max(x.width, y.width) > TURNED_LINE_MAX_PT:
        return False
    across = min(x.x1, y.x1) - max(x.x0, y.x0)
    gap = max(x.top, y.top) - min(x.bottom, y.bottom)
    return across >= 0.5 * min(x.width, y.width) and gap <= COLUMN_GAP * max(x.width, y.width)


def turned_patches(words: tuple[Word, ...]) -> list[list[int]]:
    """Given a page's OCR words, the indices of the words of each patch that may be a
    turned label read upright: uncertain words (``_is_seed``) within PATCH_GAP_PT of each
    other, stacked on one another or one under another down a narrow column (``_in_column``),
    and the sure words stacked on them (``_stacked``),
    together taller than wide by PATCH_TALL, PATCH_MIN_PT tall or more and at most
    PATCH_MAX_WIDE_PT wide."""
    seeds = {i for i, w in enumerate(words) if _is_seed(w)}
    parent = list(range(len(words)))

    def root(i: int) -> int:
        """Given a word's index, its patch's first index (paths halved)."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in seeds:
        a = words[i].bbox
        for j, other in enumerate(words):
            b = other.bbox
            if j != i and (
                _stacked(a, b)
                or (j in seeds and (_near(a, b, PATCH_GAP_PT) or _in_column(words[i], other)))
            ):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(words)):
        groups.setdefault(root(i), []).append(i)
    out: list[list[int]] = []
    for group in groups.values():
        if not seeds.intersection(group):
            continue
        box = words[group[0]].bbox
        for i in group[1:]:
            box = box.union(words[i].bbox)
        if (
            box.height >= PATCH_TALL * box.width
            and box.height >= PATCH_MIN_PT
            and box.width <= PATCH_MAX_WIDE_PT
        ):
            out.append(group)
    return out


def _union(words: tuple[Word, ...], members: list[int]) -> BBox:
    """Given a page's words and some of their indices, the union of their boxes."""
    box = words[members[0]].bbox
    for i in members[1:]:
        box = box.union(words[i].bbox)
    return box


def _middle_in(word: Word, box: BBox) -> bool:
    """Given a word and a box, whether the word's middle lies in the box."""
    return box.x0 <= word.bbox.xmid <= box.x1 and box.top <= word.bbox.ymid <= box.bottom


def _reaches(word: Word, cell: BBox) -> bool:
    """Given a word and a cell, whether the word's ink reaches into the cell: its middle
    height within the cell's rows and REACH_SHARE of its width or more inside the cell (a
    turned label's bits read upright straddle its neighbours' columns)."""
    box = word.bbox
    inside = min(box.x1, cell.x1) - max(box.x0, cell.x0)
    return cell.top <= box.ymid <= cell.bottom and inside >= REACH_SHARE * box.width


def cell_patches(words: tuple[Word, ...], cells: list[BBox]) -> list[tuple[list[int], BBox]]:
    """Given a page's OCR words and its table cells (points), the cells that may hold a
    turned label read upright, with the indices of the words whose middles lie in them:
    a cell PATCH_TALL times taller than wide (or more), at most PATCH_MAX_WIDE_PT wide,
    which an uncertain word (``_is_seed``) reaches into (``_reaches``), the words reaching
    into it standing, cut to the cell, PATCH_TALL times taller than wide and PATCH_MIN_PT
    tall or more (a value in a tall row's narrow cell does not); each cell's box is inset
    by CELL_INSET_PT (its borders are no letters)."""
    out: list[tuple[list[int], BBox]] = []
    for cell in cells:
        if cell.height < PATCH_TALL * cell.width or cell.width > PATCH_MAX_WIDE_PT:
            continue
        reaching = [i for i, w in enumerate(words) if _reaches(w, cell)]
        if not any(_is_seed(words[i]) for i in reaching):
            continue
        ink = _union(words, reaching)
        ink = BBox(max(ink.x0, cell.x0), ink.top, min(ink.x1, cell.x1), ink.bottom)
        if ink.height >= PATCH_TALL * ink.width and ink.height >= PATCH_MIN_PT:
            inset = CELL_INSET_PT
            box = BBox(cell.x0 + inset, cell.top + inset, cell.x1 - inset, cell.bottom - inset)
            out.append(([i for i, w in enumerate(words) if _middle_in(w, cell)], box))
    return out


TALL_CELL_PT = 30.0  # a cell this tall (header cells sized for labels set a quarter turn)
MIN_INK_PX = 12  # and this much ink in it (dark pixels) may hold a turned label
SAME_EDGE_PT = 2.0  # cells whose edges lie this near are one column's, one above the other


def _under_its_column(cell: BBox, cells: list[BBox]) -> bool:
    """Given a cell and its page's table cells (points), whether a cell of the same column
    (both sides within SAME_EDGE_PT) stands right above it: a body cell, no column's label
    (a label heads its column; a two-level header's wider band above is no such cell)."""
    return any(
        abs(other.bottom - cell.top) <= SAME_EDGE_PT
        and abs(other.x0 - cell.x0) <= SAME_EDGE_PT
        and abs(other.x1 - cell.x1) <= SAME_EDGE_PT
        for other in cells
    )


def tall_cell_patches(
    grey: npt.NDArray[np.uint8], words: tuple[Word, ...], cells: list[BBox], scale: float
) -> list[tuple[list[int], BBox]]:
    """Given a page's grey pixels, its OCR words, its table cells (points) and the pixels
    per point, the cells wider than ``cell_patches`` takes that may hold a turned label the
    page read lost: TALL_CELL_PT tall or more, heading its column (``_under_its_column``:
    a tall body row's value cells were each read twice more for nothing, 0.7 CPU s a page),
    no word in it read sure (two letters or more, not ``_is_seed``) and ink in it ("S"
    turned read "an", "ID" read "A" or "[2]", "R" read as nothing, in a dark header cell as
    tall as its turned neighbours' labels: a label of a letter or two shows no direction in
    its ink's shape). Each with the indices of the words
    whose middles lie in it, the cell inset by CELL_INSET_PT; a reading replaces them only
    when surer than they were (``read_turned``)."""
    out: list[tuple[list[int], BBox]] = []
    for cell in cells:
        if cell.height < TALL_CELL_PT or cell.height < PATCH_TALL * cell.width / 2:
            continue
        if _under_its_column(cell, cells):
            continue
        inside = [i for i, w in enumerate(words) if _middle_in(w, cell)]
        if any(_alnum(words[i].text) >= 2 and not _is_seed(words[i]) for i in inside):
            continue
        inset = CELL_INSET_PT
        box = BBox(cell.x0 + inset, cell.top + inset, cell.x1 - inset, cell.bottom - inset)
        crop = grey[
            max(0, round(box.top * scale)) : round(box.bottom * scale),
            max(0, round(box.x0 * scale)) : round(box.x1 * scale),
        ]
        if int(np.count_nonzero(crop < INK_LEVEL)) < MIN_INK_PX or stacked_apart(crop):
            continue
        out.append((inside, box))
    return out


def stacked_apart(crop: npt.NDArray[np.uint8]) -> bool:
    """Given a cell's grey pixels, whether its ink lies in two pieces or more one above the
    other, further apart than ALONG_GAP times the wider piece's width (values in rows: a
    coloured value cell merged over two rows of one colour holds "2" over "2", which read
    turned is "N N"; a turned label's letters and words stand a space apart along it). Pieces
    of fewer than MIN_INK_PX dark pixels (specks) are left out."""
    dark = crop < INK_LEVEL
    per_row = np.count_nonzero(dark, axis=1)
    pieces: list[tuple[int, int]] = []  # runs of rows with ink: first row, row after the last
    start: int | None = None
    for y, count in enumerate([*per_row.tolist(), 0]):
        if count and start is None:
            start = y
        elif not count and start is not None:
            if int(per_row[start:y].sum()) >= MIN_INK_PX:
                pieces.append((start, y))
            start = None
    for (first, end), (top, bottom) in pairwise(pieces):
        wide = max(_ink_width(dark[first:end]), _ink_width(dark[top:bottom]))
        if top - end > ALONG_GAP * wide:
            return True
    return False


def _ink_width(dark: npt.NDArray[np.bool_]) -> int:
    """Given a piece's dark pixels, the width in pixels its ink spans."""
    columns = np.flatnonzero(dark.any(axis=0))
    return int(columns[-1] - columns[0]) + 1


def _crop(
    image: Image.Image, box: BBox, scale: float, pad: float = PATCH_PAD_PT
) -> tuple[Image.Image, tuple[int, int]]:
    """Given a page image, a box in points and the pixels per point (and a margin in points),
    the grey crop of the box padded by the margin and its top-left pixel."""
    left = max(0, round((box.x0 - pad) * scale))
    top = max(0, round((box.top - pad) * scale))
    right = min(image.width, round((box.x1 + pad) * scale))
    bottom = min(image.height, round((box.bottom + pad) * scale))
    return image.crop((left, top, right, bottom)).convert("L"), (left, top)


Line = tuple[str, float, int, int, int, int]  # text, mean confidence, left, top, width, height


def _lines(
    data: dict[str, list[str]], crops: int
) -> list[list[tuple[str, float, int, int, int, int]]]:
    """Given Tesseract's word table over crops, each crop's lines as (text, mean confidence,
    left, top, width, height) in the framed crop's pixels."""
    found: dict[tuple[int, ...], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if int(data["level"][i]) == 5 and str(text).strip():
            key = tuple(int(data[k][i]) for k in ("page_num", "block_num", "par_num", "line_num"))
            found.setdefault(key, []).append(i)
    out: list[list[Line]] = [[] for _ in range(crops)]
    for key, rows in sorted(found.items()):
        lefts = [int(data["left"][i]) for i in rows]
        tops = [int(data["top"][i]) for i in rows]
        rights = [int(data["left"][i]) + int(data["width"][i]) for i in rows]
        bottoms = [int(data["top"][i]) + int(data["height"][i]) for i in rows]
        text = " ".join(str(data["text"][i]).strip() for i in rows)
        conf = sum(float(data["conf"][i]) for i in rows) / len(rows)
        x0, y0 = min(lefts), min(tops)
        out[key[0] - 1].append((text, conf, x0, y0, max(rights) - x0, max(bottoms) - y0))
    return out


def _page_box(
    line: Line,
    clockwise: bool,
    size: tuple[int, int],
    origin: tuple[int, int],
    scale: float,
) -> BBox:
    """Given a line read in a crop turned upright (clockwise or not; its box in the framed,
    enlarged, turned crop's pixels), the crop's size and top-left pixel before turning and
    the pixels per point, the line's box on the page in points."""
    u, v = (line[2] - FRAME_PX) / ZOOM, (line[3] - FRAME_PX) / ZOOM
    w, h = line[4] / ZOOM, line[5] / ZOOM
    width, height = size
    if clockwise:  # turned (x, y) -> (height - 1 - y, x)
        x0, x1 = v, v + h
        y0, y1 = height - (u + w), height - u
    else:  # turned (x, y) -> (y, width - 1 - x)
        x0, x1 = width - (v + h), width - v
        y0, y1 = u, u + w
    ox, oy = origin
    return BBox((ox + x0) / scale, (oy + y0) / scale, (ox + x1) / scale, (oy + y1) / scale)


def read_turned(
    image: Image.Image,
    words: tuple[Word, ...],
    scale: float,
    *,
    lang: str,
    dpi: int,
    cells: list[BBox] | None = None,
) -> tuple[Word, ...]:
    """Given a cleaned page image, its OCR words and the pixels per point (and the page's
    table cells in points), the words with each patch that may be a turned label
    (``turned_patches`` and ``column_patches``, drawn on over their ink; a tall cell around
    one, ``cell_patches``, in its place; a lone glyph, ``lone_glyphs``) read again turned
    upright both ways: the reading of higher mean confidence, SURE or more, surer than the
    patch and of two letters or digits or more (one in a cell or a lone glyph, which must
    also hold a letter and read surer turned than upright, where upright it reads letters
    or digits, by LONE_MARGIN), replaces the patch's words (and any other uncertain word
    reaching into the lines read, or word whose middle lies in one), each line one turned
    word. A way spelling a header label (``_names_field``) is taken however unsure where
    the patch's words spell none."""
    in_cells = cell_patches(words, cells or [])
    held = {i for members, _ in in_cells for i in members}
    grey = grey_array(image)  # the page's kept grey array (read-only), not a copy
    patches = _joined(
        [(p, _drawn(grey, _union(words, p), scale)) for p in turned_patches(words)]
    )
    patches = [p for p in patches if 2 * len(held.intersection(p[0])) < len(p[0])]
    boxes = [box for _, box in patches + in_cells]
    patches = _joined(patches + column_patches(grey, words, scale, boxes))
    found = [(members, box, PATCH_PAD_PT, False) for members, box in patches]
    found += [(members, box, 0.0, False) for members, box in in_cells]
    taken = [box for _, box, _, _ in found]
    found += [
        (members, box, 0.0, False)
        for members, box in tall_cell_patches(grey, words, cells or [], scale)
        if not any(_meets(box, other) for other in taken)
        and 2 * len(held.intersection(members)) <= len(members)
    ]
    taken = [box for _, box, _, _ in found]
    found += [
        ([i], words[i].bbox, PATCH_PAD_PT, True)
        for i in lone_glyphs(words)
        if not any(_meets(words[i].bbox, other) for other in taken)
    ]
    if not found:
        return words
    crops: list[tuple[tuple[int, int], tuple[int, int]]] = []
    images: list[Image.Image] = []
    first: list[int] = []  # each patch's first image
    for _, box, pad, lone in found:
        grey_crop, origin = _crop(image, box, scale, pad)
        crops.append((grey_crop.size, origin))
        first.append(len(images))
        for turn in (-90, 90, 0) if lone else (-90, 90):
            turned = grey_crop.rotate(turn, expand=True) if turn else grey_crop
            if ZOOM > 1:
                zoomed = (turned.width * ZOOM, turned.height * ZOOM)
                turned = turned.resize(zoomed, Image.Resampling.LANCZOS)
            images.append(framed(turned, FRAME_PX))
    config = f"--oem 1 --psm {TURNED_PSM} --dpi {dpi}"
    data = tesseract_batch(images, lang, config, "riskrad_turned_")
    lines = _lines(data, len(images))
    gone: set[int] = set()
    added: list[Word] = []
    for n, (patch, _, pad, lone) in enumerate(found):
        before = 100.0 * float(np.mean([words[i].confidence for i in patch])) if patch else 0.0
        at = first[n]
        ways = [(lines[at], True), (lines[at + 1], False)]
        named = _names_field(" ".join(words[i].text for i in patch))
        labels = [] if named else [way for way in ways if _names_field(_text(way[0]))]
        best, clockwise = max(labels or ways, key=lambda way: _mean_conf(way[0]))
        sure = _mean_conf(best)
        least = 1 if pad == 0.0 or lone else 2  # a cell's label may be one turned letter ("R")
        if (not labels and (sure < SURE or sure <= before)) or sum(
            _alnum(line[0]) for line in best
        ) < least:
            continue
        upright = lines[at + 2] if lone else []
        if lone and (
            (
                any(_alnum(line[0]) for line in upright)
                and sure < _mean_conf(upright) + LONE_MARGIN
            )
            or not any(ch.isalpha() for line in best for ch in line[0])
        ):
            continue
        size, origin = crops[n]
        gone.update(patch)
        lines_box = _page_box(best[0], clockwise, size, origin, scale)
        for line in best[1:]:
            lines_box = lines_box.union(_page_box(line, clockwise, size, origin, scale))
        gone.update(i for i, w in enumerate(words) if _is_seed(w) and _meets(w.bbox, lines_box))
        for line in best:
            box = _page_box(line, clockwise, size, origin, scale)
            added.append(
                Word(
                    line[0],
                    box,
                    origin="ocr",
                    confidence=line[1] / 100.0,
                    font_size=box.width,
                    turned=True,
                )
            )
    kept = [
        w
        for i, w in enumerate(words)
        if i not in gone and not any(_within(w.bbox, a.bbox) for a in added)
    ]
    return tuple(kept) + tuple(added)


def column_patches(
    grey: npt.NDArray[np.uint8], words: tuple[Word, ...], scale: float, taken: list[BBox]
) -> list[tuple[list[int], BBox]]:
    """Given a page's grey pixels, its OCR words, the pixels per point and the patches found
    so far, more patches of turned labels whose letters the page read took for sure upright
    glyphs ("£", "=", "E", "2" down a column, one of them unsure): an uncertain word
    (``_is_seed``), not a number, at most TURNED_LINE_MAX_PT wide, outside the patches, its
    box drawn on over the ink up and down its column (``_drawn``), PATCH_TALL times taller
    than wide and PATCH_MIN_PT tall or more, with no word of letters or digits beside it
    within its width (a label turned in a header stands apart; a word in a paragraph has its
    line's words beside it). Each with the indices of the words whose middles lie in its
    box."""
    out: list[tuple[list[int], BBox]] = []
    for word in words:
        box = word.bbox
        if not _is_seed(word) or word.text.strip().isdigit() or box.width > TURNED_LINE_MAX_PT:
            continue
        if any(_meets(box, other) for other in [*taken, *(b for _, b in out)]):
            continue
        box = _drawn(grey, box, scale)
        if box.height < PATCH_TALL * box.width or box.height < PATCH_MIN_PT:
            continue
        beside = BBox(box.x0 - box.width, box.top, box.x1 + box.width, box.bottom)
        members = [i for i, w in enumerate(words) if _middle_in(w, box)]
        if any(
            _meets(w.bbox, beside) and _alnum(w.text) and i not in members
            for i, w in enumerate(words)
        ):
            continue
        out.append((members, box))
    return out


LONE_CHARS = 2  # a lone glyph is a word of at most this many letters or digits (twice in all)
LONE_SPACE = 1.5  # with no other word within this many of its sizes beside it on its line
LONE_CLEAR = 1.0  # or above or below it
LONE_MARGIN = 10.0  # its turned reading is surer than its upright one by this much (0..100)
MARK_GLYPHS = frozenset("-–—•·*xX×|/\\,.:;»«'\"()[]")  # marks that stand for themselves


def lone_glyphs(words: tuple[Word, ...]) -> list[int]:
    """Given a page's OCR words, the indices of those that may be a label of a letter or two
    set a quarter turn ("R", "S", "ID" over a narrow column, about as tall as wide, read
    upright as "&", "£" or "[.4"): read unsure (``_is_seed``), at most LONE_CHARS letters or
    digits and twice that in all,
    not a number (a value read unsure is a value), not only marks (a tick, a dash, a bullet),
    at most TURNED_LINE_MAX_PT tall and wide, and no other word of letters or digits within
    LONE_SPACE times its size beside it or LONE_CLEAR times above or below it (a column's
    label stands apart; a stroke of a line read as "—" may stand by it)."""
    out: list[int] = []
    for i, word in enumerate(words):
        text = word.text.strip()
        if not 0 < len(text) <= 2 * LONE_CHARS or _alnum(text) > LONE_CHARS or not _is_seed(word):
            continue
        if text.isdigit() or set(text) <= MARK_GLYPHS:
            continue
        box = word.bbox
        size = max(box.width, box.height)
        if size > TURNED_LINE_MAX_PT:
            continue
        reach = BBox(
            box.x0 - LONE_SPACE * size,
            box.top - LONE_CLEAR * size,
            box.x1 + LONE_SPACE * size,
            box.bottom + LONE_CLEAR * size,
        )
        if not any(
            j != i and _meets(other.bbox, reach) and _alnum(other.text)
            for j, other in enumerate(words)
        ):
            out.append(i)
    return out


ALONG_GAP = 0.8  # a turned label's ink goes on past a patch over gaps of this many letter sizes
ALONG_MAX = 4.0  # and at most this many of the patch's lengths on either side


def along_ink(grey: npt.NDArray[np.uint8], box: BBox, scale: float) -> BBox:
    """Given a page's grey pixels, a patch's box in points and the pixels per point, the box
    drawn on up and down over the ink in its columns: a turned label read upright in bits
    ("Le)", "c" … "(2)", "Q", "4", "un" … "Xx" for "Riskpoäng") leaves letters of low
    confidence out of its words, or reads none at all where the label's letters turned
    stand apart ("-" … "Xx Ku ox"), and a patch from some of its bits read turned gives only
    part of the label. The gaps gone over are at most ALONG_GAP times the patch's width
    (the turned letters' height: a letter space, not the padding to the next row's text)."""
    x0, x1 = max(0, round(box.x0 * scale)), min(grey.shape[1], round(box.x1 * scale))
    top, bottom = round(box.top * scale), round(box.bottom * scale)
    if x1 <= x0 or bottom <= top:
        return box
    gap = max(1, round(ALONG_GAP * (x1 - x0)))
    far = round(ALONG_MAX * (bottom - top))
    lo, hi = max(0, top - far), min(grey.shape[0], bottom + far)
    inked = [bool(v) for v in np.any(grey[lo:hi, x0:x1] < INK_LEVEL, axis=1).ravel()]
    start, end = top - lo, bottom - lo
    run = 0
    for y in range(start - 1, -1, -1):
        run = 0 if inked[y] else run + 1
        if run > gap:
            break
        if inked[y]:
            start = y
    run = 0
    for y in range(end, len(inked)):
        run = 0 if inked[y] else run + 1
        if run > gap:
            break
        if inked[y]:
            end = y + 1
    upper, lower = (lo + start) / scale, (lo + end) / scale
    return BBox(box.x0, min(box.top, upper), box.x1, max(box.bottom, lower))


def _drawn(grey: npt.NDArray[np.uint8], box: BBox, scale: float) -> BBox:
    """Given a page's grey pixels, a patch's box in points and the pixels per point, the box
    drawn on over the ink in its columns (``along_ink``) twice: a long label read from a
    letter or two goes on past the first reach (ALONG_MAX of that letter's length)."""
    return along_ink(grey, along_ink(grey, box, scale), scale)


def _joined(patches: list[tuple[list[int], BBox]]) -> list[tuple[list[int], BBox]]:
    """Given patches (word indices, box), those whose boxes meet joined into one."""
    out: list[tuple[list[int], BBox]] = []
    for members, box in sorted(patches, key=lambda p: (p[1].x0, p[1].top)):
        for n, (others, other) in enumerate(out):
            if _meets(box, other):
                out[n] = (sorted({*others, *members}), other.union(box))
                break
        else:
            out.append((list(members), box))
    return out


def _meets(a: BBox, b: BBox) -> bool:
    """Given two boxes, whether they share some area."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _within(box: BBox, label: BBox) -> bool:
    """Given a word's box and a turned label's, whether the word's middle lies in the label
    (a bit of it read upright that stood apart from the patch read again)."""
    return label.x0 <= box.xmid <= label.x1 and label.top <= box.ymid <= label.bottom


LABEL_LETTERS = 4  # a turned reading naming a field by this many letters is taken however unsure


def _names_field(text: str) -> bool:
    """Given a text read (a turned reading's lines, or a patch's words), whether it spells a
    header label the vocabulary knows ("Sannolikhet"), of LABEL_LETTERS letters or more:
    Tesseract may give a narrow crop's right reading no confidence (0 for "Sannolikhet" cut
    close by a ruling found along it)."""
    return _alnum(text) >= LABEL_LETTERS and vocab.classify_header(text) is not None


def _text(lines: list[Line]) -> str:
    """Given a reading's lines, their text, a line each."""
    return "\n".join(line[0] for line in lines)


def _mean_conf(lines: list[Line]) -> float:
    """Given a crop's lines, their mean confidence (0 without any)."""
    return sum(line[1] for line in lines) / len(lines) if lines else 0.0
