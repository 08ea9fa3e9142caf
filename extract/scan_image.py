"""A scanned page's table structure and its cleaning before OCR (OpenCV).

* ``page_lines``: ruling lines drawn in ink, solid, thin, light grey, dashed or
  dotted, and the straight edges of filled areas (shaded header rows, zebra
  rows, coloured value cells), which the text layer route also reads as
  rulings (the sides of a filled rectangle are path segments there).
* ``clean_for_ocr``: the page divided by its text-free background, so every
  fill becomes paper-white and dark text on a coloured fill stays dark, with
  the detected ink rulings painted out, so no border turns into a character.
* ``text_orientation``: whether the page's lines of text run across or down.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.extract.image_rulings import (
    FREE_VERTICAL_INCHES,
    GAP_INCHES,
    JOIN_TOLERANCE_INCHES,
    MAX_THICKNESS_INCHES,
    MIN_LINE_INCHES,
    MIN_SHORT_VERTICAL_INCHES,
    Mask,
    Segment,
    binarize_grey,
    components,
    grey_array,
    keep_grey,
    line_mask,
)
from riskrad.extract.tables import rulings_to_cell_groups
from riskrad.model.records import BBox, Fill, Ruling, Word
from riskrad.model.settings import TableSettings

PREPROCESS_VERSION = 14  # bump when the cleaning changes (part of the OCR cache key)
DASH_WIDTH_INCHES = 0.03  # a dash of a dashed line is at most this thick
DASH_LEN_INCHES = 0.1  # and a dash of a vertical one at most this long (shorter than a stem)
DOT_INCHES = 0.012  # a dot of a dotted line is at most this wide and high
CLOSED_SHARE = 0.7  # a short vertical runs at least this share between its horizontals
NEAREST_SHARE = 0.95  # or this share between the nearest horizontals at its ends
DASH_SPREAD = 0.5  # the pieces of a dashed line differ in length by at most this share
MIN_DASHES = 4  # a broken vertical holds at least this many pieces
DASH_PERIOD_INCHES = 0.13  # and at least one per this length
DASH_GAP_INCHES = 0.07  # and the gaps between pieces at most this
STROKE_INCHES = 0.05  # wider than any text stroke: the background closing removes text
FILL_STEP = 9  # grey levels between two fills (or a fill and paper) that make an edge
ERASE_PAD_PX = 1
LINE_CONTRAST = 10  # grey levels below the surroundings that count as ink of a line
COLUMN_SNAP_INCHES = 0.15  # a column line ending this near a row line is drawn on to it
ANALYSIS_DPI = 150  # lines and fills are searched at this resolution (or the image's, if lower)

Grey = npt.NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class PageLines:
    """The lines of a page image: rulings in points and the ink pixels of the drawn ones."""

    rulings: tuple[Ruling, ...]
    ink: Mask  # 255 where a drawn ruling's ink is (to be painted out before OCR)
    background: Grey  # the page without text or rulings (fills and paper)
    grey: Grey  # the page, dark fills (light text on them) inverted to dark text on light


def _odd(value: float) -> int:
    """Given a size in pixels, the nearest odd integer >= 3."""
    n = max(3, round(value))
    return n if n % 2 else n + 1


INK, PAPER = np.uint8(255), np.uint8(0)  # a mask's values, as bytes (no 8-byte integers made)
DARK_LEVEL = 110  # a fill darker than this carries light text
DARK_MIN_INCHES = 0.12  # and is at least this tall and wide
LIGHT_STROKE_INCHES = 0.025  # the light text on it has strokes at most this wide


def dark_fills(grey: Grey, dpi: int) -> Mask:
    """Given a greyscale page at dpi, 255 on its dark fills (header rows in dark colours
    with white text): dark pixels closed over the light strokes of letters, then opened so
    that dark text on paper (thinner than DARK_MIN_INCHES) is no fill."""
    dark = cv2.threshold(grey, DARK_LEVEL - 1, 255, cv2.THRESH_BINARY_INV)[1]  # < DARK_LEVEL
    k = _odd(LIGHT_STROKE_INCHES * dpi)
    closed = cv2.morphologyEx(
        dark, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    )
    big = _odd(DARK_MIN_INCHES * dpi)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (big, big))
    core = cv2.erode(closed, kernel)  # the opening's first half
    if not core.any():  # no dark area that large (most pages): no fill, the rest is paper
        return np.zeros(grey.shape, dtype=np.uint8)
    fills = cv2.dilate(core, kernel).astype(np.uint8)
    hole = cv2.getStructuringElement(cv2.MORPH_RECT, (3 * k, 3 * k))  # wider letters' strokes
    fills = cv2.morphologyEx(fills, cv2.MORPH_CLOSE, hole).astype(np.uint8)
    return _boxed(fills, closed.astype(np.uint8))


DARK_EDGE_INCHES = 0.06  # deeper inside a dark fill than this, no fill edge is a line


def _inside(mask: Mask, depth: int) -> Mask:
    """Given a mask, its pixels more than depth pixels from its edge."""
    if not mask.any():
        return mask
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * depth + 1, 2 * depth + 1))
    return cv2.erode(mask, k).astype(np.uint8)


BOXED_SHARE = 0.6  # a fill covering this share of its bounding box is that box
BAND_SHARE = 0.6  # a column of the box's rows this dark (letters closed) continues it


def _boxed(fills: Mask, closed: Mask) -> Mask:
    """Given a mask of fills and the dark pixels they came from (light strokes closed), each
    fill that is nearly a rectangle made the whole rectangle, widened along its rows while
    they stay dark: a tight header cell whose light text leaves too little fill above and
    below the letters for the search is still one fill."""
    if not fills.any():  # nothing to box (most pages)
        return fills.copy()
    count, _, stats, _ = cv2.connectedComponentsWithStats(fills, connectivity=8)
    out = fills.copy()
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < BOXED_SHARE * w * h:
            continue
        dark = np.count_nonzero(closed[y : y + h, :], axis=0) >= BAND_SHARE * h
        x0, x1 = x, x + w
        while x0 > 0 and dark[x0 - 1]:
            x0 -= 1
        while x1 < len(dark) and dark[x1]:
            x1 += 1
        out[y : y + h, x0:x1] = 255
    return out


def text_free_background(grey: Grey, dpi: int) -> Grey:
    """Given a greyscale page, its background: every stroke thinner than STROKE_INCHES closed."""
    k = _odd(STROKE_INCHES * dpi)
    closed = cv2.morphologyEx(
        grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    )
    return cv2.medianBlur(closed.astype(np.uint8), 5).astype(np.uint8)


def edge_mask(background: Grey, *, horizontal: bool, dpi: int) -> Mask:
    """Given a text-free background, 255 where it steps by FILL_STEP levels across (or down)."""
    s = max(2, round(0.008 * dpi))
    b = background
    out = np.zeros(background.shape, dtype=np.uint8)
    if horizontal:  # a horizontal edge: the level changes from one row to the next
        step = cv2.absdiff(b[2 * s :, :], b[: -2 * s, :])
        out[s:-s, :] = cv2.threshold(step, FILL_STEP - 1, 255, cv2.THRESH_BINARY)[1]
    else:
        step = cv2.absdiff(b[:, 2 * s :], b[:, : -2 * s])
        out[:, s:-s] = cv2.threshold(step, FILL_STEP - 1, 255, cv2.THRESH_BINARY)[1]
    return out


@dataclass(frozen=True, slots=True)
class _Sizes:
    """Pixel sizes of the line search at one resolution."""

    min_len: int
    short_len: int
    free_len: int
    gap: int
    dash_gap: int
    dash_width: int
    dpi: int
    dash_len: int
    thick: int
    tol: int
    dot: int

    @staticmethod
    def at(dpi: int) -> _Sizes:
        return _Sizes(
            min_len=round(MIN_LINE_INCHES * dpi),
            short_len=round(MIN_SHORT_VERTICAL_INCHES * dpi),
            free_len=round(FREE_VERTICAL_INCHES * dpi),
            gap=max(1, round(GAP_INCHES * dpi)),
            dash_gap=max(2, round(DASH_GAP_INCHES * dpi)),
            dash_width=max(2, round(DASH_WIDTH_INCHES * dpi)),
            dpi=dpi,
            dash_len=max(3, round(DASH_LEN_INCHES * dpi)),
            thick=max(2, round(MAX_THICKNESS_INCHES * dpi)),
            tol=max(2, round(JOIN_TOLERANCE_INCHES * dpi)),
            dot=max(2, round(DOT_INCHES * dpi)),
        )


def ink_mask(grey: Grey, background: Grey) -> Mask:
    """Given a page and its text-free background, 255 where the page is darker than both its
    surroundings' mean and its background (paper or fill) by LINE_CONTRAST: ink, not the
    edge of a fill."""
    darker = cv2.threshold(cv2.subtract(background, grey), LINE_CONTRAST, 255, cv2.THRESH_BINARY)
    return cv2.bitwise_and(darker[1], binarize_grey(grey, LINE_CONTRAST)).astype(np.uint8)


def _pieces(mask: Mask, sz: _Sizes) -> tuple[Mask, Mask]:
    """Given an ink mask, its horizontal and its vertical dashes and dots (one labelling)."""
    _, labels, stats = components(mask)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    dot = (w <= sz.dot) & (h <= sz.dot)
    out = []
    for across, along, vertical in ((h, w, False), (w, h, True)):
        keep = dot | ((across <= sz.dash_width) & (along >= across))
        if vertical:  # a letter's stem is no dash: dashes are short, line pieces long
            keep &= dot | (along <= sz.dash_len) | (along >= 2 * sz.short_len)
        keep[0] = False
        lut = np.where(keep, INK, PAPER).astype(np.uint8)
        out.append(lut[labels])
    return out[0], out[1]


def _drawn_lines(
    mask: Mask, pieces: Mask, sz: _Sizes, *, horizontal: bool
) -> tuple[Mask, list[Segment]]:
    """Given an ink mask and its dashes, its long strokes (mask and centre lines): solid ones,
    and broken ones bridged and lengthened by a gap at each end (a crossing hides their ends)."""
    length = sz.min_len if horizontal else sz.short_len
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3) if horizontal else (3, 1))
    thickened = cv2.dilate(mask, across).astype(np.uint8)
    if not horizontal:  # a faint vertical breaks up; words would bridge into horizontals
        thickened = _bridge(thickened, horizontal=False, gap=sz.gap, thicken=False)
    solid = line_mask(
        thickened,
        horizontal=horizontal,
        min_len=length,
        gap=sz.gap,
    )
    broken = line_mask(
        _bridge(pieces, horizontal=horizontal, gap=sz.dash_gap),
        horizontal=horizontal,
        min_len=length,
        gap=sz.gap,
    )
    found = segments(solid, horizontal=horizontal, max_thickness=sz.thick)
    reach = _reach(sz)
    for x0, y0, x1, y1 in segments(broken, horizontal=horizontal, max_thickness=sz.thick):
        if horizontal:
            found.append((x0 - reach, y0, x1 + reach, y1))
        elif _dashes(pieces[y0 : y1 + 1, max(0, x0 - 2) : x0 + 3]) >= max(
            MIN_DASHES, (y1 - y0) / (DASH_PERIOD_INCHES * sz.dpi)
        ):  # stems of letters on lines of text are few; a dashed line's pieces many
            found.append((x0, y0 - reach, x1, y1 + reach))
        else:
            broken[y0 : y1 + 1, max(0, x0 - sz.thick) : x0 + sz.thick + 1] = 0
    return cv2.bitwise_or(solid, broken).astype(np.uint8), found


def segments(lines: Mask, *, horizontal: bool, max_thickness: int) -> list[Segment]:
    """Given a line mask, each stroke's centre line (x0, y0, x1, y1) in pixels, no thick
    blobs: the thickness is the stroke's own (its turned bounding box), so a long line left
    a little slanted by the scan is still thin."""
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for contour in contours:
        x, y, w, h = (int(v) for v in cv2.boundingRect(contour))
        (cx, cy), (rw, rh), _ = cv2.minAreaRect(contour)
        if min(rw, rh) > max_thickness:
            continue
        if horizontal:
            out.append((x, round(cy), x + w, round(cy)))
        else:
            out.append((round(cx), y, round(cx), y + h))
    return out


def _dashes(strip: Mask) -> int:
    """Given a narrow vertical strip of a dash mask, how many like pieces run down it (0 when
    their lengths differ as much as the stems and dots of letters on lines of text do)."""
    rows = (strip > 0).any(axis=1).astype(np.int8)
    edges = np.diff(np.concatenate(([0], rows, [0])))
    lengths = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    if len(lengths) < 2 or float(np.std(lengths)) > DASH_SPREAD * float(np.mean(lengths)):
        return 0
    return len(lengths)


def _bridge(mask: Mask, *, horizontal: bool, gap: int, thicken: bool = True) -> Mask:
    """Given strokes, them (thickened by a pixel each side: a residual skew steps them)
    closed along one direction over gaps up to gap pixels."""
    if thicken:
        across = cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3) if horizontal else (3, 1))
        mask = cv2.dilate(mask, across).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1) if horizontal else (1, gap))
    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel).astype(np.uint8)


def merge_collinear(found: list[Segment], *, horizontal: bool, tol: int, gap: int) -> list[Segment]:
    """Given strokes of one direction, those on one line (within tol) that overlap or nearly
    meet (within gap) joined into one stroke."""

    def key(seg: Segment) -> tuple[int, int, int]:
        x0, y0, x1, y1 = seg
        return (y0, x0, x1) if horizontal else (x0, y0, y1)

    merged: list[list[int]] = []  # [position, start, end]
    for pos, start, end in sorted((key(s) for s in found), key=lambda k: (k[1], k[0])):
        for m in merged:
            if abs(m[0] - pos) <= tol and start <= m[2] + gap and end >= m[1] - gap:
                m[1], m[2] = min(m[1], start), max(m[2], end)
                break
        else:
            merged.append([pos, start, end])
    if horizontal:
        return [(a, p, b, p) for p, a, b in merged]
    return [(p, a, p, b) for p, a, b in merged]


def _verticals(
    found: list[Segment],
    horizontals: list[Segment],
    mask: Mask,
    sz: _Sizes,
    drawn: frozenset[Segment] = frozenset(),
) -> list[Segment]:
    """Given vertical strokes, the horizontals and the ink mask (and which strokes are drawn
    ink, not fills' edges), those long enough or closed at both ends (a short drawn one
    reaching its row lines: ``_reaches_rows``), and not stems of letters lined up down a
    text column."""
    return [
        seg
        for seg in found
        if (
            seg[3] - seg[1] >= sz.free_len
            or (
                _closed(seg, horizontals, sz)
                and (seg not in drawn or _reaches_rows(seg, horizontals, mask, sz))
            )
        )
        and _text_beside(seg[0], seg[1], seg[3], mask, sz) < TEXT_BESIDE_SHARE
    ]


REACH_ROWS_SHARE = 0.5  # a cell's side has ink on this share of the rows next to its row lines


def _reaches_rows(seg: Segment, horizontals: list[Segment], mask: Mask, sz: _Sizes) -> bool:
    """Given a short vertical stroke closed by row lines (``_closed``), the horizontals, the
    ink mask and sizes, whether its ink reaches the row lines at both ends: ink within a
    pixel of its x on REACH_ROWS_SHARE of the rows next to the nearest row line above its
    top and below its bottom. A cell's side meets them; a letter's stem ("(2)", "(Låg)" in a
    tight coloured cell: the bracket's curve read as a line the row's height) keeps the
    cell's padding to both."""
    x = seg[0]
    ends_found = _end_lines(seg, horizontals, sz)
    if ends_found is None:
        return False
    _, _, upper, lower = ends_found
    near = sz.thick + 1
    column = mask[:, max(0, x - 1) : x + 2].max(axis=1) > 0
    ends = (column[upper + 1 : upper + 1 + near], column[max(0, lower - near) : lower])
    return all(end.size > 0 and float(np.mean(end)) >= REACH_ROWS_SHARE for end in ends)


TEXT_BESIDE_SHARE = 0.25  # a vertical with letters touching it on both sides this often is text
TEXT_BESIDE_INCHES = 0.02  # letters of one word stand this near a stem; text pads a cell's side


def _text_beside(x: int, top: int, bottom: int, mask: Mask, sz: _Sizes) -> float:
    """Given a vertical's x and rows and the ink mask, the share of its rows with ink on both
    sides within a letter space of its stroke: the stems of letters lined up on lines of
    text (l, i, j) have their word's letters beside them, a cell's side has the padding."""
    top, bottom = max(0, top), min(mask.shape[0], bottom)
    if bottom <= top or x < 0 or x >= mask.shape[1]:
        return 0.0
    near = max(2, round(TEXT_BESIDE_INCHES * sz.dpi))
    half = sz.thick // 2 + 1  # the stroke's own ink: a slanted or thick line's width
    x0, x1 = max(0, x - half - near), min(mask.shape[1], x + half + near + 1)
    strip = mask[top:bottom, x0:x1] > 0
    centre = x - x0
    left, right = _stroke_ends(strip, centre, half)
    counts = np.zeros((strip.shape[0], strip.shape[1] + 1), dtype=np.int32)
    np.cumsum(strip, axis=1, out=counts[:, 1:])  # counts[r, j]: ink in row r before column j
    rows = np.arange(strip.shape[0])
    width = strip.shape[1]
    before = (
        counts[rows, np.clip(left - 1, 0, width)] > counts[rows, np.clip(left - 1 - near, 0, width)]
    )
    after = (
        counts[rows, np.clip(right + 2 + near, 0, width)]
        > counts[rows, np.clip(right + 2, 0, width)]
    )
    return int(np.count_nonzero(before & after)) / (bottom - top)


def _stroke_ends(
    strip: npt.NDArray[np.bool_], centre: int, half: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Given a strip of ink (rows × columns), a column and how far a stroke reaches, each
    row's stroke ends through that column: from it, left and right while ink goes on, at most
    half columns each way (on a row without ink at the column, the columns either side)."""
    reach_left, reach_right = min(half, centre), min(half, strip.shape[1] - 1 - centre)
    leftward = strip[:, centre - reach_left : centre][:, ::-1]
    rightward = strip[:, centre + 1 : centre + 1 + reach_right]
    left = centre - np.cumprod(leftward, axis=1).sum(axis=1)
    right = centre + np.cumprod(rightward, axis=1).sum(axis=1)
    off = ~strip[:, centre]
    left = np.where(off, centre - 1, left)
    right = np.where(off, centre + 1, right)
    return left.astype(np.intp), right.astype(np.intp)


TEXT_BAND_SHARE = 0.2  # a horizontal whose ink runs taller than a line this often is text


def _text_band(seg: Segment, mask: Mask, sz: _Sizes) -> float:
    """Given a horizontal stroke and the ink mask, the share of its length where the ink
    through it runs down further than a line is thick: the tops or feet of a line of bold
    letters that touch make a stroke whose letters hang from it, a ruling is thin (a column
    line crossing it is a few pixels of its length)."""
    x0, y, x1, _ = seg
    x0, x1 = max(0, x0), min(mask.shape[1], x1)
    span = 2 * sz.thick
    top = max(0, y - span)
    strip = mask[top : y + span + 1, x0:x1] > 0
    if x1 <= x0 or not strip.size:
        return 0.0
    tallest = np.zeros(x1 - x0, dtype=np.int32)
    for centre in (y - 1 - top, y - top, y + 1 - top):
        if not 0 <= centre < strip.shape[0]:
            continue
        up = np.cumprod(strip[centre::-1], axis=0).sum(axis=0)
        down = np.cumprod(strip[centre:], axis=0).sum(axis=0)
        tallest = np.maximum(tallest, np.where(strip[centre], up + down - 1, 0))
    return int(np.count_nonzero(tallest > sz.thick)) / int(x1 - x0)


def _through_letters(row_line: Segment, mask: Mask, sz: _Sizes) -> bool:
    """Given a faint row line (column line to column line), the ink mask and the pixel
    sizes, whether letters run through it: over TEXT_BAND_SHARE of the width
    ``faint_row_lines`` judged (inside the column lines) the ink runs taller than a line is
    thick. A bold letter's bar fills most of a narrow column ("D" of a header's "ID" broken
    over two lines); a row line runs between rows of text, not through them."""
    x0, y, x1, _ = row_line
    pad = sz.thick + 1
    if x1 - x0 <= 2 * pad:
        return False
    return _text_band((x0 + pad, y, x1 - pad, y), mask, sz) >= TEXT_BAND_SHARE


def _fill_edges(
    edges: Mask, mask: Mask, sz: _Sizes, *, horizontal: bool, thick: int
) -> list[Segment]:
    """Given a page's fill-edge lines of one direction, its ink mask and sizes, the edges,
    less the horizontals that run along a line of text: on a scan the closing that makes
    the text-free background leaves a dense word's body (taller than STROKE_INCHES after
    the blur) a little darker than paper, and its top and bottom step like a fill's edge
    ("löneutbetalningar" cut by a row line through it). A fill's edge has no letters
    hanging from it, a word's has them all along (_text_band)."""
    found = segments(edges, horizontal=horizontal, max_thickness=thick)
    if not horizontal:
        return found
    return [h for h in found if _text_band(h, mask, sz) < TEXT_BAND_SHARE]


def _end_lines(
    seg: Segment, horizontals: list[Segment], sz: _Sizes
) -> tuple[list[int], list[int], int, int] | None:
    """Given a short vertical stroke, the horizontals and sizes, the heights of the row lines
    across its x within reach of its top and of its bottom, and the nearest of each, or None
    where one end meets none."""
    x, top, _, bottom = seg
    tol = sz.tol + 2 * _reach(sz)
    across = [hy for h0, hy, h1, _ in horizontals if h0 - sz.tol <= x <= h1 + sz.tol]
    tops = [hy for hy in across if abs(hy - top) <= tol]
    bottoms = [hy for hy in across if abs(hy - bottom) <= tol]
    if not tops or not bottoms:
        return None
    upper = min(tops, key=lambda hy: abs(hy - top))
    lower = min(bottoms, key=lambda hy: abs(hy - bottom))
    return tops, bottoms, upper, lower


def _closed(seg: Segment, horizontals: list[Segment], sz: _Sizes) -> bool:
    """Given a short vertical stroke, whether a horizontal meets its top and another,
    at least a short line's length lower, its bottom (a cell's side, not a letter): it runs
    CLOSED_SHARE of the way between the farthest such lines, or NEAREST_SHARE of the way
    between the nearest (a legend box's side ends on the box's bottom line, and the table's
    top line a little below is within reach too; a letter's stem in the box runs less)."""
    _, top, _, bottom = seg
    ends_found = _end_lines(seg, horizontals, sz)
    if ends_found is None:
        return False
    tops, bottoms, upper, lower = ends_found
    widest = max(bottoms) - min(tops)  # a cell's side runs most of the way, a letter does not
    if widest >= sz.short_len and bottom - top >= CLOSED_SHARE * widest:
        return True
    return lower - upper >= sz.short_len and bottom - top >= NEAREST_SHARE * (lower - upper)


def _snap_ends(
    seg: Segment, across: list[Segment], horizontal: bool, reach: int, tol: int
) -> Segment:
    """Given a stroke, the strokes across it and a reach, the stroke with each end moved to
    the nearest crossing stroke within reach (a broken line's lengthened end, a solid
    line stopping short of a border)."""
    x0, y0, x1, y1 = seg
    pos, start, end = (y0, x0, x1) if horizontal else (x0, y0, y1)
    cuts = [
        (c[0] if horizontal else c[1])
        for c in across
        if (c[1] - tol <= pos <= c[3] + tol if horizontal else c[0] - tol <= pos <= c[2] + tol)
    ]
    near_start = [c for c in cuts if abs(c - start) <= reach]
    near_end = [c for c in cuts if abs(c - end) <= reach]
    if near_start:
        start = min(near_start, key=lambda c: abs(c - start))
    if near_end:
        end = min(near_end, key=lambda c: abs(c - end))
    if end - start < reach:
        return seg
    return (start, pos, end, pos) if horizontal else (pos, start, pos, end)


def _reach(sz: _Sizes) -> int:
    """Given the pixel sizes, how far a broken line is lengthened at each end (pixels)."""
    return sz.dash_gap // 2 + sz.gap


def page_lines(image: Image.Image, *, dpi: int, fills: bool = True) -> PageLines:
    """Given a straightened page image at dpi, its drawn rulings, fill edges and background.

    The search runs on the page scaled to ANALYSIS_DPI; the ink mask and the
    background come back at the image's own size.
    """
    if dpi <= 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    full = grey_array(image)
    adpi = min(dpi, ANALYSIS_DPI)
    grey = full
    if adpi < dpi:
        size = (round(full.shape[1] * adpi / dpi), round(full.shape[0] * adpi / dpi))
        grey = cv2.resize(full, size, interpolation=cv2.INTER_AREA).astype(np.uint8, copy=False)
    dark = dark_fills(grey, adpi)
    edge_free = _inside(dark, max(2, round(DARK_EDGE_INCHES * adpi)))
    if dark.any():  # light text on a dark fill: turned into dark text on a light fill
        grey = np.where(dark > 0, 255 - grey, grey).astype(np.uint8, copy=False)
        if adpi < dpi:
            size = (full.shape[1], full.shape[0])
            dark = cv2.resize(dark, size, interpolation=cv2.INTER_NEAREST).astype(
                np.uint8, copy=False
            )
        full = np.where(dark > 0, 255 - full, full).astype(np.uint8, copy=False)
    sz = _Sizes.at(adpi)
    background = text_free_background(grey, adpi)
    mask = ink_mask(grey, background)
    pieces = _pieces(mask, sz)
    h_ink, found_h = _drawn_lines(mask, pieces[0], sz, horizontal=True)
    found_h = [h for h in found_h if _text_band(h, mask, sz) < TEXT_BAND_SHARE]
    v_ink, found_v = _drawn_lines(mask, pieces[1], sz, horizontal=False)
    drawn_h = merge_collinear(found_h, horizontal=True, tol=sz.tol, gap=sz.gap)
    found_v = merge_collinear(found_v, horizontal=False, tol=sz.tol, gap=sz.gap)
    horizontals, verticals = list(drawn_h), list(found_v)
    strokes = frozenset(found_v)
    level = median_level(background)  # the paper's (np.median's value, from counts)
    if fills:
        paper = np.minimum(background, np.uint8(level))  # white margins: paper
        edge_thick = sz.thick + 2 * max(2, round(0.008 * adpi))
        for horizontal, found in ((True, horizontals), (False, verticals)):
            step = edge_mask(paper, horizontal=horizontal, dpi=adpi)
            step[edge_free > 0] = 0
            edges = line_mask(
                step,
                horizontal=horizontal,
                min_len=sz.min_len if horizontal else sz.short_len,
                gap=sz.gap,
            )
            found += _fill_edges(edges, mask, sz, horizontal=horizontal, thick=edge_thick)
    edges_v = [v for v in verticals if v not in strokes]
    verticals = _verticals(verticals, horizontals, mask, sz, strokes)
    faint_v = [
        v
        for v in faint_column_lines(grey, background, horizontals, sz)
        if _text_beside(v[0], v[1], v[3], mask, sz) < TEXT_BESIDE_SHARE  # no letter's stem
        and not _along(v, verticals, sz.tol, sz.gap)
    ]
    goes_on = round(CONTINUED_INCHES * adpi)
    faint_v = [v for v in faint_v if _continued(v, verticals + faint_v, sz.tol, goes_on)]
    faint = faint_row_lines(grey, background, _beyond_ends(verticals, grey, sz), sz)
    if faint_v:  # the columns they close have faint row lines too
        joined = merge_collinear(verticals + faint_v, horizontal=False, tol=sz.tol, gap=sz.gap)
        faint += faint_row_lines(grey, background, _beyond_ends(joined, grey, sz), sz)
    faint = [h for h in faint if not _through_letters(h, mask, sz)]
    if faint:
        horizontals = merge_collinear(horizontals + faint, horizontal=True, tol=sz.tol, gap=sz.gap)
    gaps = faint_gaps(horizontals, grey, background, sz)
    if gaps:
        horizontals = merge_collinear(horizontals + gaps, horizontal=True, tol=sz.tol, gap=sz.gap)
        faint += gaps  # erased before OCR as the other faint lines
    darkness = cv2.subtract(background, grey).astype(np.uint8)
    if faint_v:  # a table's top and bottom lines reach its faint sides' corners
        horizontals = [_to_corners(h, faint_v, darkness, sz) for h in horizontals]
    horizontals = [_to_next_column(h, verticals + faint_v, darkness, sz) for h in horizontals]
    snap = sz.tol + _reach(sz)
    horizontals = [_snap_ends(h, verticals + faint_v, True, snap, sz.tol) for h in horizontals]
    kept = set(verticals)
    reach = max(snap, round(COLUMN_SNAP_INCHES * adpi))  # a fill's edge can hide a column's end
    snapped = {v: _snap_ends(v, horizontals, False, reach, sz.tol) for v in verticals}
    near = round(DOUBLE_INCHES * adpi)
    lines_v = list(snapped.values())
    verticals = [v for v in verticals if not _doubled(snapped[v], lines_v, near, sz.tol)]
    accepted = set(verticals)
    drawn_v = [v for v in found_v if v in accepted]
    verticals = [snapped[v] for v in verticals]
    verticals = [_to_next_row(v, horizontals, darkness, sz) for v in verticals]
    if faint_v:  # they end on their row lines already
        verticals = merge_collinear(verticals + faint_v, horizontal=False, tol=sz.tol, gap=sz.gap)
    if fills:  # a line hidden where the cells on both sides share a fill
        square = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
        near_ink = cv2.dilate(mask, square).astype(np.uint8)
        paper_level = int(level)
        shade = np.clip(paper_level - background.astype(np.int16), 0, 255).astype(np.uint8)
        horizontals, verticals = (
            _through_fills(horizontals, verticals, shade, near_ink, sz, horizontal=True),
            _through_fills(verticals, horizontals, shade, near_ink, sz, horizontal=False),
        )
        late = [  # a fill's edge closed by row lines found since (faint, through fills)
            _snap_ends(v, horizontals, False, reach, sz.tol)
            for v in edges_v
            if v not in kept
            and _closed(v, horizontals, sz)
            and _text_beside(v[0], v[1], v[3], mask, sz) < TEXT_BESIDE_SHARE
            and not _along(v, verticals, sz.tol, sz.gap)
        ]
        if late:
            verticals = merge_collinear(verticals + late, horizontal=False, tol=sz.tol, gap=sz.gap)
    scale = 72.0 / adpi
    rulings = sorted(
        (
            Ruling(x0 * scale, y0 * scale, x1 * scale, y1 * scale)
            for x0, y0, x1, y1 in horizontals + verticals
        ),
        key=lambda r: (r.orientation, r.top, r.x0),
    )
    drawn = _erasable(h_ink, drawn_h, sz.thick) | _erasable(v_ink, drawn_v, sz.thick)
    drawn |= _erasable(_darker(grey, background, LINE_CONTRAST // 2), faint + faint_v, 1)
    ink = np.where(drawn, INK, PAPER).astype(np.uint8, copy=False)
    if ERASE_PAD_PX:
        k = 2 * ERASE_PAD_PX + 1
        square = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
        ink = cv2.dilate(ink, square).astype(np.uint8, copy=False)
    if adpi < dpi:
        size = (full.shape[1], full.shape[0])
        ink = cv2.resize(ink, size, interpolation=cv2.INTER_NEAREST).astype(np.uint8, copy=False)
        background = cv2.resize(background, size, interpolation=cv2.INTER_LINEAR).astype(
            np.uint8, copy=False
        )
    return PageLines(tuple(rulings), ink, background, full)



def _through_fills(
    lines: list[Segment],
    across: list[Segment],
    shade: Grey,
    ink: Mask,
    sz: _Sizes,
    *,
    horizontal: bool,
    back: bool = False,
) -> list[Segment]:
    """Given the lines of one direction, those across, the page's fill shade (levels below
    paper) and its ink, the lines drawn on over each cell of a gap between two pieces of
    one line where a fill lies all along and no text crosses: two neighbouring cells of
    one colour (value cells of a colour scale) show no line between them. A gap between two
    pieces is drawn over only inside one table (``_one_table``). Only over cells
    that at least three other lines of that direction run beside (a full-width section
    row has only the table's two sides). A line with no piece beyond a gap is drawn on the
    same way over the cells right after its end up to the first that is not so (a row line
    hidden under the last columns' fills, on to the table's side); with ``back`` (row lines
    only: a column line's lost top is a header's, see complete_header_columns) also over the
    cells right before its start, no further than its own length (a row line hidden under
    the first columns' fills: two rows of one risk level share their value cells' colour on
    the left; not a coloured cell's edge in a zebra row)."""
    if horizontal:  # the same on the page turned on its side

        def turn(segs: list[Segment]) -> list[Segment]:
            return [(y0, x0, y1, x1) for x0, y0, x1, y1 in segs]

        joined = _through_fills(
            turn(lines), turn(across), shade.T, ink.T, sz, horizontal=False, back=True
        )
        return turn(joined)
    added: list[Segment] = []
    for x, _, _, gap_bottom in lines:
        below = [v[1] for v in lines if abs(v[0] - x) <= sz.tol and v[1] > gap_bottom]
        crossing = [h[1] for h in across if h[0] - sz.tol <= x <= h[2] + sz.tol]
        if below:
            gap_top, end = gap_bottom, min(below)
            if not _one_table(x, gap_top, end, lines, sz):
                continue
        elif any(c > gap_bottom + sz.gap for c in crossing):  # hidden on to the table's end?
            gap_top, end = gap_bottom, max(crossing)
        else:
            continue
        cuts = sorted(c for c in crossing if gap_top < c < end)
        for top, bottom in itertools.pairwise([gap_top, *cuts, end]):
            if _hidden(x, top, bottom, lines, shade, ink, sz):
                added.append((x, top, x, bottom))
            elif not below:  # only the cells right after the line's end
                break
    for x, line_top, _, line_bottom in lines if back else ():  # hidden before its start
        if any(abs(v[0] - x) <= sz.tol and v[3] < line_top for v in lines):
            continue  # a piece above: its gap is walked from that piece's end
        crossing = [h[1] for h in across if h[0] - sz.tol <= x <= h[2] + sz.tol]
        starts = sorted((c for c in crossing if c < line_top - sz.gap), reverse=True)
        for bottom, top in itertools.pairwise([line_top, *starts]):
            if line_top - top > line_bottom - line_top:
                break  # no longer than the line itself (a coloured cell's edge in a zebra row)
            if not _hidden(x, top, bottom, lines, shade, ink, sz):
                break
            added.append((x, top, x, bottom))
    if not added:
        return lines
    return merge_collinear(lines + added, horizontal=False, tol=sz.tol, gap=sz.gap)


FILL_GAP_SHARE = 0.9  # a gap this much under a fill, with no ink across, hides its line
FILL_GAP_INK = 0.2  # text across a gap on more than this share of it: a spanning cell's text


ACROSS_PX = 3  # ink this far beside a gap's line (analysis pixels) with ink on it: a letter


def _one_table(x: int, top: int, bottom: int, lines: list[Segment], sz: _Sizes) -> bool:
    """Given a column line's x and a gap in it, whether another line of that direction runs
    all along the gap (a table's side): the gap lies in one table, not between two tables
    one above the other whose columns meet (two forms, the lower one's scale columns under
    the upper one's shaded spanning rows)."""
    return any(
        abs(v[0] - x) > sz.tol and v[1] <= top + sz.tol and v[3] >= bottom - sz.tol
        for v in lines
    )


def _hidden(
    x: int, top: int, bottom: int, lines: list[Segment], shade: Grey, ink: Mask, sz: _Sizes
) -> bool:
    """Given a column line's x, a cell's height where it is missing, all column lines, the
    fill shade and the ink, whether a fill lies all along the stretch, no ink crosses it
    (ink on the line and ACROSS_PX beside it: a letter; a faint line's own pieces, on a light
    fill the stroke search lost, stand on it alone) and three other column lines run beside
    it (see _through_fills)."""
    if bottom - top <= sz.gap:
        return False
    beside = [
        v
        for v in lines
        if abs(v[0] - x) > sz.tol and v[1] <= top + sz.tol and v[3] >= bottom - sz.tol
    ]
    if len(beside) < 3:
        return False
    strip = shade[top + 1 : bottom, max(0, x - 2) : x + 3]
    core = ink[top + 1 : bottom, max(0, x - 1) : x + 2].max(axis=1) > 0
    off = ACROSS_PX
    left = ink[top + 1 : bottom, max(0, x - off - 3) : max(0, x - off)]
    right = ink[top + 1 : bottom, x + off + 1 : x + off + 4]
    across = np.zeros(core.shape, dtype=bool)
    for side in (left, right):
        if side.size:
            across |= side.max(axis=1) > 0
    text = core & across  # a letter runs across; the hidden line's own faint ink does not
    return (
        strip.size > 0
        and float(np.mean(strip.min(axis=1) >= FILL_STEP)) >= FILL_GAP_SHARE
        and float(np.mean(text)) <= FILL_GAP_INK
    )


ROW_LINE_SHARE = 0.9  # a faint row line darkens at least this share of its column's width
ROW_LINE_LEVEL = 10  # by at least this many grey levels (text rows leave gaps)
ROW_LINE_CONTRAST = 2.0  # and the row is this many times darker than the rows around it
ROW_LINE_EVEN = 0.5  # and evenly dark: a line of text is far darker on its strokes
ROW_LINE_CLEAR_INCHES = 0.03  # which lie this far above and below
MIN_STRIP_INCHES = 0.12  # a column narrower than this is too narrow to judge


def _darker(grey: Grey, background: Grey, level: int) -> Mask:
    """Given a page and its background, 255 where the page is darker by more than level."""
    darker = cv2.threshold(cv2.subtract(background, grey), level, 255, cv2.THRESH_BINARY)
    return darker[1].astype(np.uint8)


def _column_strips(
    verticals: list[Segment], sz: _Sizes, either: bool = False
) -> list[tuple[int, int, int, int]]:
    """Given a table's vertical lines, each column between two neighbouring ones that run
    side by side: (x0, top, x1, bottom) in pixels, over the rows both run along. With
    ``either``: over the rows either runs along, and only with the nearest line beside (no
    column from a line over one too narrow to judge to a line further on)."""
    strips = []
    least = MIN_STRIP_INCHES * sz.dpi
    for x, top, _, bottom in verticals:
        beside = [
            (v[0], min(top, v[1]), max(bottom, v[3]))
            if either
            else (v[0], max(top, v[1]), min(bottom, v[3]))
            for v in verticals
            if v[0] - x >= (1 if either else least)
            and min(bottom, v[3]) - max(top, v[1]) >= sz.min_len
        ]
        if either and beside and min(beside)[0] - x < least:
            continue
        if beside:
            right, y0, y1 = min(beside)
            strips.append((x, y0, right, y1))
    return strips


def _beyond_ends(verticals: list[Segment], grey: Grey, sz: _Sizes) -> list[Segment]:
    """Given column lines, the page and the pixel sizes, each lengthened at both ends just
    enough that a faint row line where it ends (a table's top or bottom line, up to the
    tolerance beyond the end) lies inside the rows ``faint_row_lines`` judges, with the
    rows it is judged against (paper, ROW_LINE_CLEAR_INCHES beyond it) inside them too:
    ``faint_row_lines`` skips that many rows at each end of a strip and compares each row
    with the rows that far above and below."""
    ext = 2 * max(2, round(ROW_LINE_CLEAR_INCHES * sz.dpi)) + sz.tol + 1
    last = grey.shape[0] - 1
    return [(x0, max(0, y0 - ext), x1, min(last, y1 + ext)) for x0, y0, x1, y1 in verticals]


def _row_percentiles(
    strip: npt.NDArray[Any], percents: tuple[float, ...]
) -> list[npt.NDArray[np.float64]]:
    """Given a 2-D array of bytes and percentages, each row's percentiles as
    ``np.percentile(strip, q, axis=1)`` gives them (linear interpolation between the same
    two order statistics, the same float arithmetic), from the rows sorted once (a radix
    sort of bytes) instead of a selection per row: about 5x faster on a column's strip."""
    ordered = np.sort(strip, axis=1, kind="stable")
    n = strip.shape[1]
    out = []
    for q in np.true_divide(np.asarray(percents, dtype=np.float64), 100):
        at = (n - 1) * q
        lo = min(int(np.floor(at)), n - 1)
        hi = min(lo + 1, n - 1)
        t = at - lo
        a, b = ordered[:, lo], ordered[:, hi]
        d = b - a  # sorted: no wrap-around
        value = np.add(a, d * t)
        np.subtract(b, d * (1 - t), out=value, where=t >= 0.5)
        out.append(value)
    return out


def median_level(grey: Grey) -> float:
    """Given an array of bytes, its median as ``np.median`` gives it (the middle value, or the
    mean of the two middle values), found from the counts of each level instead of a
    selection over the page's pixels: 4 ms instead of 15 at 150 dpi."""
    counts = np.cumsum(np.bincount(grey.ravel(), minlength=256))
    n = int(counts[-1])

    def nth(k: int) -> int:
        return int(np.searchsorted(counts, k, side="right"))

    if n % 2:
        return float(nth(n // 2))
    return (float(nth(n // 2 - 1)) + float(nth(n // 2))) / 2


def faint_row_lines(
    grey: Grey, background: Grey, verticals: list[Segment], sz: _Sizes, either: bool = False
) -> list[Segment]:
    """Given a page, its background and its vertical lines, the row lines of each column too
    faint or broken for the stroke search (a light grey hairline under JPEG noise): rows of
    the column where most of its width is darker than the paper, a peak of darkness."""
    found: list[Segment] = []
    darkness = cv2.subtract(background, grey)
    darkness = cv2.dilate(darkness, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    clear = max(2, round(ROW_LINE_CLEAR_INCHES * sz.dpi))
    for x0, top, x1, bottom in _column_strips(verticals, sz, either):
        pad = sz.thick + 1
        strip = darkness[top + clear : bottom - clear + 1, x0 + pad : x1 - pad]
        if strip.shape[0] <= 2 * clear or strip.shape[1] < 3:
            continue
        profile, middle = _row_percentiles(strip, (100 * (1 - ROW_LINE_SHARE), 50))
        around = np.maximum(
            np.concatenate((np.full(clear, np.inf), profile[:-clear])),
            np.concatenate((profile[clear:], np.full(clear, np.inf))),
        )
        peak = (
            (profile >= ROW_LINE_LEVEL)
            & (profile >= ROW_LINE_CONTRAST * around)
            & (profile >= ROW_LINE_EVEN * middle)
        )
        for y in np.flatnonzero(peak):
            if y > 0 and peak[y - 1] and profile[y - 1] >= profile[y]:
                continue
            if y + 1 < len(peak) and peak[y + 1] and profile[y + 1] > profile[y]:
                continue
            found.append((x0, top + clear + int(y), x1, top + clear + int(y)))
    return found


def faint_gaps(
    horizontals: list[Segment], grey: Grey, background: Grey, sz: _Sizes
) -> list[Segment]:
    """Given the row lines found, the page and its background, the gaps between two pieces
    of one row line (same height) where a faint line runs on: over ROW_LINE_SHARE of the
    gap's width the page is darker than paper by ROW_LINE_LEVEL on the line's height, a
    peak against the rows just above and below (a table's light top line, found by the
    stroke search only in pieces where no column line led the faint search to it)."""
    darkness = cv2.subtract(background, grey)
    darkness = cv2.dilate(darkness, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    clear = max(2, round(ROW_LINE_CLEAR_INCHES * sz.dpi))
    found: list[Segment] = []
    for a, b in _open_gaps(horizontals, sz):
        x0, x1 = a[2], b[0]
        y = (a[1] + b[1]) // 2
        top, bottom = y - sz.tol - clear, y + sz.tol + clear + 1
        if top < 0 or bottom > darkness.shape[0]:
            continue
        profile = _row_percentiles(darkness[top:bottom, x0:x1], (100 * (1 - ROW_LINE_SHARE),))[0]
        line = profile[clear:-clear]
        around = max(float(profile[:clear].max()), float(profile[-clear:].max()))
        peak = float(line.max())
        if peak >= ROW_LINE_LEVEL and peak >= ROW_LINE_CONTRAST * around:
            found.append(
                (x0, top + clear + int(line.argmax()), x1, top + clear + int(line.argmax()))
            )
    return found


def _open_gaps(horizontals: list[Segment], sz: _Sizes) -> list[tuple[Segment, Segment]]:
    """Given the row lines found, the pairs of pieces at one height (within the tolerance of
    the first piece of their height) with a gap wider than the merge gap between them that
    no other piece of that height reaches into: the left piece reaching furthest so far and
    the next piece to start. One sort and a walk along each height, not every pair."""
    pairs: list[tuple[Segment, Segment]] = []
    heights: list[list[Segment]] = []
    for h in sorted(horizontals, key=lambda h: (h[1], h[0])):
        if heights and h[1] - heights[-1][0][1] <= sz.tol:
            heights[-1].append(h)
        else:
            heights.append([h])
    for pieces in heights:
        pieces.sort(key=lambda h: h[0])
        reach = pieces[0]
        for h in pieces[1:]:
            if h[0] - reach[2] > sz.gap:
                pairs.append((reach, h))
            if h[2] > reach[2]:
                reach = h
    return pairs


def _along(seg: Segment, found: list[Segment], tol: int, gap: int) -> bool:
    """Given a vertical stroke, the verticals found and the gap a merge bridges, whether
    they run along all of it (same column, no stretch of its rows longer than gap left
    open): nothing new. A hairline broken over whole rows is found where it is open."""
    x, top, _, bottom = seg
    reached = top
    for v in sorted((v for v in found if abs(v[0] - x) <= tol), key=lambda v: v[1]):
        if v[1] > reached + gap:
            break
        reached = max(reached, v[3])
    return reached >= bottom - gap


CONTINUED_INCHES = 1.5  # a faint column line's column goes on within this of its ends


def _continued(seg: Segment, found: list[Segment], tol: int, reach: int) -> bool:
    """Given a faint column line, the verticals, the tolerance and the reach (pixels),
    whether its column has another line within the reach of its ends (a table's column runs
    down it; a stem in one row stands alone, and so does a gap between two header words over
    another table's column line further down the page)."""
    x, top, _, bottom = seg
    return any(
        v != seg and abs(v[0] - x) <= tol and v[3] >= top - reach and v[1] <= bottom + reach
        for v in found
    )


SIDE_REACH_INCHES = 1.0  # a table's side line is searched this far beyond its row lines


def faint_column_lines(
    grey: Grey, background: Grey, horizontals: list[Segment], sz: _Sizes
) -> list[Segment]:
    """Given a page, its background and its horizontal lines, the column lines of each row
    band too faint for the stroke search (a table's light grey sides and column lines where
    no fill's edge marks them): ``faint_row_lines`` on the page turned on its side, over the
    length of either horizontal of a row band, each taken up to SIDE_REACH_INCHES longer, so
    that a side line at an end is found (a faint row line breaks off where text stands
    near it, well short of the side)."""
    ext = round(SIDE_REACH_INCHES * sz.dpi)
    last = grey.shape[1] - 1
    turned = [
        (y0, max(0, x0 - ext), y1, min(last, x1 + ext))
        for x0, y0, x1, y1 in (_table_span(h, horizontals, sz) for h in horizontals)
    ]
    found = faint_row_lines(
        np.ascontiguousarray(grey.T), np.ascontiguousarray(background.T), turned, sz, True
    )
    darkness = cv2.subtract(background, grey).astype(np.uint8)
    return [(y0, x0, y1, x1) for x0, y0, x1, y1 in found if _meets_rows(darkness, y0, x0, x1, sz)]


ROW_CHAIN_INCHES = 0.8  # row lines this near one another, ending together, are of one table


def _table_span(h: Segment, horizontals: list[Segment], sz: _Sizes) -> Segment:
    """Given a horizontal and all of them, it as long as the row lines of its table that end
    where it ends (within ROW_CHAIN_INCHES above or below): a row line the stroke search
    found only in part still spans the table its neighbours span."""
    x0, y, x1, _ = h
    near = round(ROW_CHAIN_INCHES * sz.dpi)
    for a, hy, b, _ in horizontals:
        if abs(hy - y) > near:
            continue
        if abs(b - h[2]) <= sz.tol:
            x0 = min(x0, a)
        if abs(a - h[0]) <= sz.tol:
            x1 = max(x1, b)
    return (x0, y, x1, y)


def _to_corners(h: Segment, sides: list[Segment], darkness: Grey, sz: _Sizes) -> Segment:
    """Given a horizontal, faint column lines and the page's darkness, the horizontal drawn
    on to a side line that ends at its height beyond its end (a corner) when the page is
    darker than the paper all along the gap: a faint row line broken off near text."""
    x0, y, x1, _ = h
    reach = round(SIDE_REACH_INCHES * sz.dpi)
    for vx, top, _, bottom in sides:
        beyond = x1 < vx <= x1 + reach or x0 - reach <= vx < x0
        if min(abs(top - y), abs(bottom - y)) > sz.tol or not beyond:
            continue
        a, b = (vx, x0) if vx < x0 else (x1, vx)
        row = darkness[max(0, y - 1) : y + 2, a:b].max(axis=0)
        if row.size and float(np.mean(row >= ROW_LINE_LEVEL // 2)) >= ROW_LINE_SHARE:
            x0, x1 = min(x0, vx), max(x1, vx)
    return (x0, y, x1, y)


def _to_next_column(h: Segment, verticals: list[Segment], darkness: Grey, sz: _Sizes) -> Segment:
    """Given a horizontal, the column lines and the page's darkness, the horizontal drawn on
    to the nearest column line crossing its height beyond each end (within
    SIDE_REACH_INCHES) when the page is darker than the paper all along the gap: a faint
    row line broken off where a cell's text stands near it, short of the table's side.
    Drawn on again from there while the next gap is dark too: a header's top line lost over
    two cells whose bold text stands near it."""
    x0, y, x1, _ = h
    reach = round(SIDE_REACH_INCHES * sz.dpi)
    crossing = [v[0] for v in verticals if v[1] - sz.tol <= y <= v[3] + sz.tol]
    while True:
        before = [vx for vx in crossing if x0 - reach <= vx < x0 - sz.tol]
        after = [vx for vx in crossing if x1 + sz.tol < vx <= x1 + reach]
        ends = []
        if before:
            ends.append((max(before), x0))
        if after:
            ends.append((x1, min(after)))
        drawn = (x0, x1)
        for a, b in ends:
            row = darkness[max(0, y - 1) : y + 2, a:b].max(axis=0)
            if row.size and float(np.mean(row >= ROW_LINE_LEVEL // 2)) >= ROW_LINE_SHARE:
                x0, x1 = min(x0, a), max(x1, b)
        if (x0, x1) == drawn:
            return (x0, y, x1, y)


ROW_REACH_INCHES = 0.25  # a column line stopped this near a row line beyond its end (text)
LINE_GAP_SHARE = 0.5  # goes on where the page is this share as dark as the line's own body


def _to_next_row(v: Segment, horizontals: list[Segment], darkness: Grey, sz: _Sizes) -> Segment:
    """Given a column line, the row lines and the page's darkness, the line drawn on to the
    nearest row line crossing its x beyond each end (within ROW_REACH_INCHES) when the page
    is darker than its background all along the gap, LINE_GAP_SHARE as dark as the line's
    body on ROW_LINE_SHARE of its rows: a light grey column line beside a dark letter ("5 |
    ledning" at the foot of a merged cell) falls under the adaptive threshold and breaks
    off there, a cell's side still, short of the table's bottom line. A line that truly
    ends (at a spanning cell's top) has paper or the fill's noise below it."""
    x, top, _, bottom = v
    reach = round(ROW_REACH_INCHES * sz.dpi)
    strip = darkness[:, max(0, x - 1) : x + 2].max(axis=1).astype(np.float32)
    body = strip[max(0, top) : bottom + 1]
    if not body.size:
        return v
    level = max(float(ROW_LINE_LEVEL), LINE_GAP_SHARE * float(np.median(body)))
    crossing = [h[1] for h in horizontals if h[0] - sz.tol <= x <= h[2] + sz.tol]
    above = [hy for hy in crossing if top - reach <= hy < top - sz.tol]
    below = [hy for hy in crossing if bottom + sz.tol < hy <= bottom + reach]
    if above:
        a = max(above)
        if float(np.mean(strip[a:top] >= level)) >= ROW_LINE_SHARE:
            top = a
    if below:
        b = min(below)
        if float(np.mean(strip[bottom + 1 : b] >= level)) >= ROW_LINE_SHARE:
            bottom = b
    return (x, top, x, bottom)


ENDS_SHARE = 0.3  # a faint line's ends are at least this share as dark as its middle


def _meets_rows(darkness: Grey, x: int, top: int, bottom: int, sz: _Sizes) -> bool:
    """Given the page's darkness, a faint column line's x and its row lines' heights, whether
    it is dark up to both row lines: a cell's side meets them, a letter's stem keeps the
    cell's padding (a row of one line of text has stems over most of its height). Dark means
    ENDS_SHARE as dark as the line's middle at least: a line is as dark at its ends as along
    its length, a bracket's stroke in a tight coloured cell ("(Låg)") is far darker than the
    JPEG noise of the fill between it and the row lines."""
    reach = sz.thick + 1
    strip = darkness[:, max(0, x - 1) : x + 2].max(axis=1)
    ends = np.concatenate((strip[top + 1 : top + reach], strip[bottom - reach + 1 : bottom]))
    body = strip[top + 1 : bottom]
    level = max(ROW_LINE_LEVEL // 2, ENDS_SHARE * float(np.median(body)) if body.size else 0.0)
    return ends.size > 0 and float(np.mean(ends >= level)) >= ROW_LINE_SHARE


DOUBLE_INCHES = 0.06  # a column line this near a longer one running its length is a stem


def _doubled(seg: Segment, others: list[Segment], near: int, tol: int) -> bool:
    """Given a vertical stroke and all of them, whether a longer one runs beside it (within
    near pixels) over its whole length: a letter's stem by a border, not a column."""
    x, top, _, bottom = seg
    return any(
        o != seg
        and abs(o[0] - x) <= near
        and o[1] <= top + tol
        and o[3] >= bottom - tol
        and o[3] - o[1] > bottom - top
        for o in others
    )


def _erasable(ink: Mask, found: list[Segment], thick: int) -> npt.NDArray[np.bool_]:
    """Given a line mask and its accepted strokes, the mask's pixels on those strokes."""
    keep = np.zeros(ink.shape, dtype=np.uint8)
    for x0, y0, x1, y1 in found:
        cv2.rectangle(keep, (x0 - thick, y0 - thick), (x1 + thick, y1 + thick), 255, -1)
    return (keep > 0) & (ink > 0)


def clean_for_ocr(image: Image.Image, lines: PageLines) -> Image.Image:
    """Given a page image and its lines, the page with fills turned paper-white, rulings erased."""
    grey = lines.grey
    flat = cv2.divide(grey, np.maximum(lines.background, 1), scale=255.0).astype(
        np.uint8, copy=False
    )
    cv2.bitwise_or(flat, lines.ink, dst=flat)
    clean = Image.fromarray(flat, mode="L")
    keep_grey(clean, flat)  # read again for lone marks, empty cells and bold words
    return clean


ORIENT_ANALYSIS_PX = 600  # the longer side of the image the text direction is judged on
SIDEWAYS_RATIO = 1.0  # row profile sharpness / column profile sharpness below this: sideways
SURELY_SIDEWAYS = 0.5  # and below this, sideways whatever orientation detection says: lines
# of text give 0.2 (their sideways scans) or 2-20 (upright pages); a table of narrow columns of
# wrapped short lines stands near 1 either way
OSD_DPI = 150
MIN_OSD_CONFIDENCE = 1.5


def profile_ratio(image: Image.Image) -> float:
    """Given a page image, how much sharper its ink's row profile is than its column profile:
    well above 1 where lines of text run across the page, well below where they run down."""
    grey = grey_array(image)
    scale = ORIENT_ANALYSIS_PX / max(grey.shape)
    size = (max(1, round(grey.shape[1] * scale)), max(1, round(grey.shape[0] * scale)))
    small = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    _, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # the profiles summed in whole numbers (OpenCV), then floats: numpy's float sums' values
    row_sums = cv2.reduce(mask, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S)[:, 0].astype(np.float64)
    col_sums = cv2.reduce(mask, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32S)[0].astype(np.float64)
    rows = float(np.square(np.diff(row_sums)).sum())
    cols = float(np.square(np.diff(col_sums)).sum())
    return rows / cols if cols > 0 else float("inf")


def text_runs_down(image: Image.Image) -> bool:
    """Given a page image, whether its lines of text may run down the page (scanned
    sideways): the ink's column profile is sharper than its row profile."""
    return profile_ratio(image) < SIDEWAYS_RATIO


def detect_turn(image: Image.Image, dpi: int) -> int | None:
    """Given a page image at dpi, the clockwise turn (0, 90, 180, 270) that Tesseract's
    orientation detection (psm 0) finds makes it upright (0: upright, surely); None when it
    is unsure or fails."""
    import pytesseract

    scale = min(1.0, OSD_DPI / dpi)
    small = image.convert("L")
    if scale < 1.0:
        small = small.resize((round(small.width * scale), round(small.height * scale)))
    try:
        osd = pytesseract.image_to_osd(
            small,
            config=f"--psm 0 --dpi {round(dpi * scale)}",
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractError:  # too few characters to judge
        return None
    if float(osd.get("orientation_conf", 0.0)) < MIN_OSD_CONFIDENCE:
        return None
    return int(osd.get("rotate", 0)) % 360


HEADER_BAND_MAX_PT = 60.0  # a header row a scan lost the column lines of is at most this tall
_ALIGN_PT = 2.5


def _spans(r: Ruling, x: float) -> bool:
    """Given a horizontal ruling and an x, whether the ruling runs over x."""
    return r.x0 - _ALIGN_PT <= x <= r.x1 + _ALIGN_PT


def _covers(v: Ruling, x: float, top: float, bottom: float) -> bool:
    """Given a vertical ruling and a band at x, whether the ruling runs down through it."""
    return (
        abs((v.x0 + v.x1) / 2 - x) <= _ALIGN_PT
        and v.top <= top + _ALIGN_PT
        and v.bottom >= bottom - _ALIGN_PT
    )


def complete_header_columns(
    rulings: tuple[Ruling, ...], words: tuple[Word, ...]
) -> tuple[Ruling, ...]:
    """Given a page's rulings and words, the rulings with column lines drawn up through a
    table's top row where the scan lost them (light lines on a shaded header): when column
    lines of the row below (one or more) stop at the row's bottom or inside the row, the row
    is closed at both sides, every cell the lines would make holds a word and no word
    crosses them."""
    horizontals = [r for r in rulings if r.orientation == "h"]
    verticals = [r for r in rulings if r.orientation == "v"]
    added: list[Ruling] = []
    for h1 in horizontals:
        y1 = (h1.top + h1.bottom) / 2
        above = [
            h
            for h in horizontals
            if y1 - HEADER_BAND_MAX_PT <= (h.top + h.bottom) / 2 < y1 - 2 * _ALIGN_PT
        ]
        if not above:
            continue
        h0 = max(above, key=lambda h: h.top)
        y0 = (h0.top + h0.bottom) / 2
        starts = sorted(  # lost in the row, or in its upper part only
            (v.x0 + v.x1) / 2
            for v in verticals
            if y0 + _ALIGN_PT < v.top <= y1 + _ALIGN_PT
            and v.bottom > y1 + _ALIGN_PT
            and _spans(h1, (v.x0 + v.x1) / 2)
        )
        if not starts:
            continue
        sides = sorted(
            (v.x0 + v.x1) / 2
            for v in verticals
            if _covers(v, (v.x0 + v.x1) / 2, y0, y1) and _spans(h1, (v.x0 + v.x1) / 2)
        )
        if len(sides) < 2:
            continue
        left, right = sides[0], sides[-1]
        missing = [
            x
            for x in starts
            if left + _ALIGN_PT < x < right - _ALIGN_PT
            and not any(abs(x - s) <= _ALIGN_PT for s in sides)
            and _spans(h0, x)
        ]
        missing = [x for i, x in enumerate(missing) if i == 0 or x - missing[i - 1] > _ALIGN_PT]
        if not missing:
            continue
        band = [w for w in words if y0 <= w.bbox.ymid <= y1]
        if any(w.bbox.x0 + 1 < x < w.bbox.x1 - 1 for w in band for x in missing):
            continue
        bounds = sorted({*sides, *missing})
        if not all(any(a <= w.bbox.xmid <= b for w in band) for a, b in itertools.pairwise(bounds)):
            continue
        added += [Ruling(x, y0, x, y1) for x in missing]
    return rulings + tuple(added)


CONTINUED_GAP_PT = 60.0  # a table this far below another at most (a heading between) goes on


def _table_frames(rulings: tuple[Ruling, ...]) -> list[tuple[BBox, tuple[float, ...]]]:
    """Given a page's rulings, each ruled table's box and its column bounds (the x of every
    cell side, clustered within _ALIGN_PT), top to bottom."""
    frames = []
    for cells in rulings_to_cell_groups(rulings):
        if len(cells) < 2:
            continue
        xs = [x for c in cells for x in (c[0], c[2])]
        box = BBox(min(xs), min(c[1] for c in cells), max(xs), max(c[3] for c in cells))
        bounds: list[float] = []
        for x in sorted(xs):
            if not bounds or x - bounds[-1] > _ALIGN_PT:
                bounds.append(x)
        frames.append((box, tuple(bounds)))
    return sorted(frames, key=lambda f: f[0].top)


def continue_table_columns(
    rulings: tuple[Ruling, ...], words: tuple[Word, ...]
) -> tuple[Ruling, ...]:
    """Given a page's rulings and words, the rulings with column lines drawn down through a
    table that goes on from the table right above it (the same two sides, within
    CONTINUED_GAP_PT below: an area's part under its heading) where the scan lost them:
    every column line of this table is one of the table above's; a line it lacks is drawn
    through each row no word crosses it in (rows between the table's full-width row lines; a
    line between two value cells of one colour, or between the light lines of coloured
    cells, vanishes on a scan)."""
    added: list[Ruling] = []
    frames = _table_frames(rulings)
    for i in range(1, len(frames)):  # a part goes on from the part above, completed before it
        (above, upper), (box, own) = frames[i - 1], frames[i]
        if not (
            0 <= box.top - above.bottom <= CONTINUED_GAP_PT
            and abs(box.x0 - above.x0) <= _ALIGN_PT
            and abs(box.x1 - above.x1) <= _ALIGN_PT
            and len(own) < len(upper)
            and all(any(abs(x - u) <= _ALIGN_PT for u in upper) for x in own)
        ):
            continue
        missing = [u for u in upper if not any(abs(u - x) <= _ALIGN_PT for x in own)]
        rows = sorted(_full_row_lines(rulings, box) | {box.top, box.bottom})
        for top, bottom in itertools.pairwise(rows):  # not through a row a word crosses it in
            band = [w for w in words if top <= w.bbox.ymid <= bottom]
            added += [
                Ruling(x, top, x, bottom)
                for x in missing
                if bottom - top > 2 * _ALIGN_PT
                and not any(w.bbox.x0 + 1 < x < w.bbox.x1 - 1 for w in band)
            ]
        frames[i] = (box, upper)
    return rulings + tuple(added)


def _full_row_lines(rulings: tuple[Ruling, ...], box: BBox) -> set[float]:
    """Given a page's rulings and a table's frame, the heights of the row lines that run
    the frame's full width."""
    return {
        (r.top + r.bottom) / 2
        for r in rulings
        if r.orientation == "h"
        and box.top - _ALIGN_PT <= r.top <= box.bottom + _ALIGN_PT
        and r.x0 <= box.x0 + _ALIGN_PT
        and r.x1 >= box.x1 - _ALIGN_PT
    }


ROW_LOST_SHARE = 0.25  # a row lost at most this share of its table's inner column lines (or 1)


def complete_row_columns(
    rulings: tuple[Ruling, ...], words: tuple[Word, ...]
) -> tuple[Ruling, ...]:
    """Given a page's rulings and words, the rulings with a table's column line drawn through
    a row that lost it on the scan (two cells of one fill side by side: "4" and "7" of K and
    R read as one cell "4 7"): a row between full-width row lines that keeps most of its
    table's inner column lines (ROW_LOST_SHARE lost at most) lacks one that most of the
    table's other such rows have, no word of the row crosses it and the two cells it parts
    each hold a word (a merged cell's text stands on one side or crosses)."""
    verticals = [r for r in rulings if r.orientation == "v"]
    added: list[Ruling] = []
    for box, bounds in _table_frames(rulings):
        inner = [x for x in bounds if box.x0 + _ALIGN_PT < x < box.x1 - _ALIGN_PT]
        if len(inner) < 2:
            continue
        ys = sorted(_full_row_lines(rulings, box))
        rows = [(a, b) for a, b in itertools.pairwise(ys) if b - a > 2 * _ALIGN_PT]
        present = [
            {x for x in inner if any(_covers(v, x, a, b) for v in verticals)} for a, b in rows
        ]
        lost = max(1.0, ROW_LOST_SHARE * len(inner))
        celled = [p for p in present if len(inner) - len(p) <= lost]
        for (top, bottom), have in zip(rows, present, strict=True):
            if len(inner) - len(have) > lost or len(have) == len(inner):
                continue
            band = [w for w in words if top <= w.bbox.ymid <= bottom]
            for x in inner:
                if x in have or 2 * sum(x in p for p in celled) <= len(celled):
                    continue
                left = max([box.x0, *(u for u in have if u < x)])
                right = min([box.x1, *(u for u in have if u > x)])
                if any(w.bbox.x0 + 1 < x < w.bbox.x1 - 1 for w in band):
                    continue
                if any(left < w.bbox.xmid < x for w in band) and any(
                    x < w.bbox.xmid < right for w in band
                ):
                    added.append(Ruling(x, top, x, bottom))
    return rulings + tuple(added)


FILL_SATURATION = 0.12  # a cell's colour this far from grey (max - min channel, 0..1) is a fill
FILL_INSET_PT = 2.0  # the cell's colour is read this far inside its borders


def cell_fills(
    colour: Image.Image,
    rulings: tuple[Ruling, ...],
    scale: float,
    tables: TableSettings | None = None,
    *,
    grey: bool = False,
) -> tuple[Fill, ...]:
    """Given a straightened RGB page image, its rulings, the image's pixels per point (and
    the run's table settings, so the cells are those the tables are read with), the
    coloured cells of its tables as fills (the colour of the lighter half of each cell's
    pixels: its background, not its text), like the fills of a text layer. With ``grey``
    (a greyscale scan: its colours are grey levels), the cells FILL_STEP darker than the
    page's paper, in their grey."""
    rgb = np.asarray(colour.convert("RGB"), dtype=np.float32) / 255.0
    # a grey cell is FILL_STEP darker than the paper (a greyscale page: any channel is its
    # grey); a colour page's cells are judged by their colour alone
    paper_level = float(np.median(rgb[..., 0])) - FILL_STEP / 255.0 if grey else 0.0
    fills: list[Fill] = []
    for group in rulings_to_cell_groups(rulings, tables or TableSettings()):
        for x0, top, x1, bottom in group:
            crop = rgb[
                round((top + FILL_INSET_PT) * scale) : round((bottom - FILL_INSET_PT) * scale),
                round((x0 + FILL_INSET_PT) * scale) : round((x1 - FILL_INSET_PT) * scale),
            ].reshape(-1, 3)
            if len(crop) < 4:
                continue
            light = crop.sum(axis=1)
            paper = crop[light >= np.median(light)]
            r, g, b = (float(v) for v in np.median(paper, axis=0))
            if grey and (r + g + b) / 3 <= paper_level:
                level = (r + g + b) / 3
                fills.append(Fill(BBox(x0, top, x1, bottom), (level, level, level)))
            elif not grey and max(r, g, b) - min(r, g, b) >= FILL_SATURATION:
                fills.append(Fill(BBox(x0, top, x1, bottom), (r, g, b)))
    return tuple(fills)


BOLD_RATIO = 1.18  # a word's strokes this much wider than its size's usual ones: bold
BOLD_PEERS = 8  # words of about its size a word is compared with (fewer: not judged)
BOLD_SIZE_SPREAD = 1.25  # a peer's box is at most this much taller or shorter


THIN_SHARE = 0.25  # a word's peers thinner than the rest make this share of them at least
THIN_LEAST = 3  # and this many


def usual_stroke(peers: npt.NDArray[np.float64]) -> float:
    """Given the stroke widths of words of about one size, the usual (regular) one: the
    median of those within BOLD_RATIO of the thinnest when they are a share of them
    (THIN_SHARE, THIN_LEAST) and the rest are bolder: a short page's labels in bold can
    outnumber its body words of their box's height (a header read with tall boxes over one
    row), and their median was bold; else the median of all."""
    ordered = np.sort(peers)
    thin = ordered[ordered < BOLD_RATIO * ordered[0]]
    if len(thin) < len(ordered) and len(thin) >= max(THIN_LEAST, THIN_SHARE * len(ordered)):
        return float(np.median(thin))
    return float(np.median(ordered))


def stroke_width(grey: Grey) -> float | None:
    """Given a word's crop, the mean width of its strokes in pixels (twice the ink's area
    over its outline's length, Otsu's threshold), or None when it has no ink."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    outline = sum(cv2.arcLength(c, True) for c in contours)
    return 2.0 * float(np.count_nonzero(ink)) / outline if outline else None


ACCENT_CAPS = frozenset("ÅÄÖ")  # a ring or dots over a capital reach above the ascenders
ACCENT_SHARE = 0.8  # of such a word's box, the part its other letters span (ring: ~0.2 em)


def word_size(word: Word) -> float:
    """Given an OCR word, its box's height (a turned word's width), without the ring or
    dots over a capital ("Åtgärd/kontroll" boxed as much taller than "Rapporteras" in the
    same type: too few words of its size to judge its strokes by, or headings')."""
    if word.turned:
        return word.bbox.width
    height = word.bbox.height
    return height * ACCENT_SHARE if ACCENT_CAPS.intersection(word.text) else height


def bold_words(image: Image.Image, words: tuple[Word, ...], scale: float) -> tuple[Word, ...]:
    """Given the page image OCR read, its words and the pixels per point, the words marked
    bold whose strokes are BOLD_RATIO times wider than the median of the words of about
    their size (OCR gives no font: bold headers, area names and labels as the text layer
    has them; a turned word's size is its box's width); a word without letters or digits,
    or of a size too few words have (a short turned label read as one tall letter, "X" for
    "S×K"), takes the bold of its nearest judged neighbour on its line."""
    grey = grey_array(image)
    widths: list[float | None] = []
    for w in words:
        if not any(ch.isalnum() for ch in w.text):
            widths.append(None)
            continue
        x0, y0 = max(0, int(w.bbox.x0 * scale) - 2), max(0, int(w.bbox.top * scale) - 2)
        x1, y1 = int(w.bbox.x1 * scale) + 3, int(w.bbox.bottom * scale) + 3
        crop = grey[y0:y1, x0:x1]
        widths.append(stroke_width(crop) if crop.size else None)
    heights = [word_size(w) for w in words]
    measured = sorted(
        (h, p)
        for p, h, w in zip(widths, heights, words, strict=True)
        if p is not None and len(w.text) >= 2
    )
    by_height = np.array([h for h, _ in measured], dtype=np.float64)
    peer_widths = np.array([p for _, p in measured], dtype=np.float64)
    bold: list[bool | None] = []
    usual: dict[tuple[int, int], float] = {}  # by the peers' span: words of one size share it
    for width, height in zip(widths, heights, strict=True):
        if width is None:
            bold.append(None)
            continue
        lo = int(np.searchsorted(by_height, height / BOLD_SIZE_SPREAD, side="left"))
        hi = int(np.searchsorted(by_height, height * BOLD_SIZE_SPREAD, side="right"))
        if hi - lo < BOLD_PEERS:  # too few words of its size to judge it by
            bold.append(None)
            continue
        if (lo, hi) not in usual:
            usual[lo, hi] = usual_stroke(peer_widths[lo:hi])
        bold.append(width >= BOLD_RATIO * usual[lo, hi])
    out: list[Word] = []
    for w, b in zip(words, bold, strict=True):
        if b is None:
            line = [
                (abs(o.bbox.xmid - w.bbox.xmid), ob)
                for o, ob in zip(words, bold, strict=True)
                if ob is not None
                and (
                    abs(o.bbox.ymid - w.bbox.ymid) < w.bbox.bottom - w.bbox.top
                    or o.bbox.top <= w.bbox.ymid <= o.bbox.bottom  # a small glyph beside it
                )
            ]
            b = min(line)[1] if line else False
        out.append(Word(w.text, w.bbox, w.origin, w.confidence, w.font_size, b, w.turned))
    return tuple(out)
