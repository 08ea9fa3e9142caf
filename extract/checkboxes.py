"""Check boxes on a scanned page: found in the page image, put in its OCR words as glyphs.

A form ticks one box of a row ("☒ Ja ☐ Delvis ☐ Nej", "1 ☐ 2 ☒ 3 ☐"). The text layer
gives the boxes as glyphs, which ``extract/choices.py`` reads; Tesseract has no glyph for
them and reads a box as noise ("O", "[]", "0", "E", "®"), glues it to the label beside it
("1☐" as "10", "3☒" as "3H") or drops it. Here the boxes are found in the binarised page
image as connected components: a near-square of about the text's height whose outline is
ink along all four sides (a round letter "o", "O", "0" or a bullet "•" leaves its bounding
box's sides bare towards the corners, "B" or "D" its right side); ticked when its inner
area, a margin off the border, holds ink (a cross, a check, a filled square), empty when
that is paper. A box is taken only in a row of boxes: on its line stands an empty box of
about its size (a filled square alone is a bullet or a colour key, a hollow one alone no
choice). Each box becomes a word "☒" or "☐" at its place, and the part of any OCR word
that the box's ink produced is taken out of that word (the word dropped when that is
all of it), so a scanned form reads as its text layer does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.extract.image_rulings import grey_array, ink_components, keep_grey
from riskrad.model.records import BBox, Word

TICKED_GLYPH = "☒"
EMPTY_GLYPH = "☐"

# Measured on the tune scans of follow_up_checkbox_forms (seeds 0-7 and 14-25, 20 documents,
# 52 pages) and of 12 families without boxes (39 pages: ruled and unruled tables, colour
# keys, dots, check marks, a risk matrix), 200 and 300 dpi, JPEG 35-60, skew up to 2°,
# blur: 1,507 boxes ☐ □ ☒ ■ and 13,715 other components of a box's size and shape
# (near-square, 4-14 pt):
MIN_BOX_PT = 4.0  # a box is at least this tall and wide (boxes measured 5.8-7.9 pt)
MAX_BOX_PT = 14.0  # and at most this (a 16 pt heading's)
SQUARE = 0.85  # its shorter side at least this share of its longer (boxes ≥ 0.93)
BAND = 0.1  # its sides are sought in a band this share of its size in from each edge
SIDE_COVER = 0.8  # each side inked along this share of its length: boxes ≥ 0.88; others
# ≤ 0.89 (bold serif "o", "n", "e"), ≤ 0.71 of those with ink in their corners
CORNER = 0.15  # its corners are squares this share of its size (2 px at least)
CORNER_INK = 0.41  # each this share ink: boxes ≥ 0.44 (blurred corners too); others
# whose sides pass ≤ 0.375
INNER_MARGIN = 0.25  # the inner area lies this share of its size in from each edge
TICKED_FILL = 0.3  # inner area inked this much or more: ticked (empty 0.00, ☒ ≥ 0.57, ■ 1.0)
PAPER_PAD_PX = 2  # the paper around a box is read in a ring this wide outside it
PEER_SIZE = 0.3  # the boxes of a row differ in height by at most this share
PEER_LINE = 0.5  # and their middles by at most this share of their height
WORD_LINE = 0.5  # an OCR word across this share of a box's height is on its line
BOX_CONFIDENCE = 0.9  # the confidence of a box's word (a clear outline, measured fill)
BOX_READINGS = frozenset("ODQCHEX")  # capitals Tesseract read a box's ink as (tune scans)
ERASE_PAD_PX = 2  # a box is painted out this far around its outline before OCR
ONE_READINGS = frozenset({"l", "I", "i", "|", "!"})  # "1" beside a box, read as a stroke
STEP_GAP = 1.0  # a box's label starts within this many of the box's heights of it
CAP_TO_SIZE = 0.93 / 0.72  # a box stands as tall as a capital: the type size from its height


@dataclass(frozen=True, slots=True)
class Box:
    """A box-like component of a page image: its box in pixels and what its ink says."""

    x0: int
    top: int
    x1: int
    bottom: int
    sides: float  # the least share of a side's length inked
    fill: float  # the share of the inner area inked

    @property
    def ticked(self) -> bool:
        return self.fill >= TICKED_FILL


def _side_cover(own: npt.NDArray[np.bool_], band: int) -> float:
    """Given a component's own pixels in its bounding box and the band's depth, the least
    share of the four sides' lengths along which the band next to that side holds ink."""
    top = own[:band, :].any(axis=0).mean()
    bottom = own[-band:, :].any(axis=0).mean()
    left = own[:, :band].any(axis=1).mean()
    right = own[:, -band:].any(axis=1).mean()
    return float(min(top, bottom, left, right))


def _corner_ink(own: npt.NDArray[np.bool_], corner: int) -> float:
    """Given a component's own pixels in its bounding box and a corner's size, the least
    share of ink in the four corner squares of that size (a square's outline turns there;
    a round letter's or a bold "o"'s bounding box is paper there)."""
    c = corner
    return float(
        min(own[:c, :c].mean(), own[:c, -c:].mean(), own[-c:, :c].mean(), own[-c:, -c:].mean())
    )


def mark_fill(
    grey: npt.NDArray[np.uint8], own: npt.NDArray[np.bool_], x: int, y: int, size: int
) -> float:
    """Given the page's grey levels, a component's own pixels in its bounding box (at x, y)
    and its size, the share of its inner area (INNER_MARGIN of its size in from each edge)
    darker than halfway between its outline's ink and the paper around it (a fill's colour
    around a box on a shaded cell is its paper)."""
    h, w = own.shape
    y0, y1 = max(0, y - PAPER_PAD_PX), min(grey.shape[0], y + h + PAPER_PAD_PX)
    x0, x1 = max(0, x - PAPER_PAD_PX), min(grey.shape[1], x + w + PAPER_PAD_PX)
    around = np.ones((y1 - y0, x1 - x0), dtype=bool)
    around[y - y0 : y - y0 + h, x - x0 : x - x0 + w] = False
    ring = grey[y0:y1, x0:x1][around]
    paper = float(np.median(ring)) if ring.size else 255.0
    box = grey[y : y + h, x : x + w]
    level = float(np.median(box[own]))
    m = max(1, round(INNER_MARGIN * size))
    inner = box[m : h - m, m : w - m]
    if not inner.size:
        return 0.0
    return float((inner < (level + paper) / 2).mean())


def candidates(grey: npt.NDArray[np.uint8], scale: float) -> list[Box]:
    """Given a straightened page's grey levels (fills kept) and its pixels per point, every
    component of the binarised page of a box's size and shape (near-square, its outline
    inked along all four sides) with its fill measured, none inside another."""
    _, labels, stats = ink_components(grey)
    lo, hi = MIN_BOX_PT * scale, MAX_BOX_PT * scale
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small, big = np.minimum(w, h), np.maximum(w, h)
    picks = np.nonzero((small >= lo) & (big <= hi) & (small >= SQUARE * big))[0]
    found: list[Box] = []
    for i in picks.tolist():
        if i == 0:
            continue
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        own = labels[y : y + bh, x : x + bw] == i
        size = min(bw, bh)
        sides = _side_cover(own, max(1, round(BAND * size)))
        if sides < SIDE_COVER or _corner_ink(own, max(2, round(CORNER * size))) < CORNER_INK:
            continue
        found.append(Box(x, y, x + bw, y + bh, sides, mark_fill(grey, own, x, y, size)))
    return [
        b
        for b in found
        if not any(
            o is not b and o.x0 <= b.x0 and b.x1 <= o.x1 and o.top <= b.top and b.bottom <= o.bottom
            for o in found
        )
    ]


def _peers(a: Box, b: Box) -> bool:
    """Given two boxes, whether they are of one row: about one height, on one line."""
    ha, hb = a.bottom - a.top, b.bottom - b.top
    if abs(ha - hb) > PEER_SIZE * max(ha, hb):
        return False
    return abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 <= PEER_LINE * min(ha, hb)


def check_boxes(grey: npt.NDArray[np.uint8], scale: float) -> list[Box]:
    """Given a straightened page's grey levels (fills kept) and its pixels per point, its
    check boxes: the box-shaped components (``candidates``) with an empty one of their row
    beside them (``_peers``; the box itself when it is empty and has a peer)."""
    found = candidates(grey, scale)
    return [
        b
        for b in found
        if any(o is not b and _peers(b, o) for o in found)
        and any(not o.ticked and _peers(b, o) for o in found)
    ]


def _in_points(box: Box, scale: float) -> BBox:
    """Given a box in pixels and the pixels per point, its box in points."""
    return BBox(box.x0 / scale, box.top / scale, box.x1 / scale, box.bottom / scale)


def word_without(word: Word, box: BBox) -> Word | None:
    """Given an OCR word and a box, the word without the characters the box's ink produced
    when it overlaps the box on its line, by their share of the word's width ("10" over
    "1 ☐" is "1", "HJa" over "☒ Ja" is "Ja"), but for a capital that starts a word and is
    no reading of a box (Tesseract read "☒ Ja" as "Ja" at times, the box's ink in its box
    but no character); None when that is every character ("OD" over "☐")."""
    w = word.bbox
    across = min(w.x1, box.x1) - max(w.x0, box.x0)
    down = min(w.bottom, box.bottom) - max(w.top, box.top)
    if across <= 0 or down < WORD_LINE * min(w.height, box.height) or w.width <= 0:
        return word
    text, n = word.text, len(word.text)
    before = _half_up(n * max(0.0, box.x0 - w.x0) / w.width)
    cut = n - _half_up(n * max(0.0, w.x1 - box.x1) / w.width)  # the box's characters end here
    if 0 < cut < n and _starts_word(text, cut - 1) and text[cut - 1] not in BOX_READINGS:
        cut -= 1  # "Ja" glued to the box read without a character for it
    left, right = text[:before].rstrip(), text[cut:].lstrip() if cut < n else ""
    if left and (not right or box.x0 - w.x0 >= w.x1 - box.x1):
        return replace(word, text=left, bbox=BBox(w.x0, w.top, min(w.x1, box.x0), w.bottom))
    if right:
        return replace(word, text=right, bbox=BBox(max(w.x0, box.x1), w.top, w.x1, w.bottom))
    return None


def _half_up(x: float) -> int:
    """Given a number of characters worked out from widths, it rounded half up."""
    return int(x + 0.5)


def _starts_word(text: str, i: int) -> bool:
    """Given a word's text and an index, whether a capital stands there before a lower-case
    letter: the start of a capitalised word ("Ja", "Nej", "Delvis")."""
    return i + 1 < len(text) and text[i].isupper() and text[i + 1].islower()


def erase_boxes(image: Image.Image, boxes: list[Box]) -> Image.Image:
    """Given the page image OCR reads (grey) and its check boxes, the image with each box
    painted paper-white (ERASE_PAD_PX around it), so that Tesseract reads the boxes'
    labels alone ("1", "Ja") rather than the box's ink glued to them ("10", "OJa") or
    neither; the image itself when there is no box (its OCR cache key unchanged)."""
    if not boxes:
        return image
    flat = grey_array(image).copy()
    pad = ERASE_PAD_PX
    for b in boxes:
        flat[max(0, b.top - pad) : b.bottom + pad, max(0, b.x0 - pad) : b.x1 + pad] = 255
    erased = Image.fromarray(flat, mode="L")
    keep_grey(erased, flat)
    return erased


def box_words(words: tuple[Word, ...], boxes: list[Box], scale: float) -> tuple[Word, ...]:
    """Given a page's OCR words, its check boxes (``check_boxes``) and the pixels per
    point, the words with each box as a word "☒" (ticked) or "☐" (empty) in its place, and
    any part of a word that the box's ink produced taken out of it (``word_without``); the
    words unchanged when the page has none."""
    if not boxes:
        return words
    out = list(words)
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        at = _in_points(box, scale)
        kept: list[Word] = []
        place: int | None = None
        for word in out:
            trimmed = word_without(word, at)
            if trimmed is not word and place is None:  # the box before what is left of it
                left = trimmed is not None and trimmed.bbox.x1 <= at.x0
                place = len(kept) + left
            if trimmed is not None:
                kept.append(trimmed)
        glyph = Word(
            text=TICKED_GLYPH if box.ticked else EMPTY_GLYPH,
            bbox=at,
            origin="ocr",
            confidence=BOX_CONFIDENCE,
            font_size=at.height * CAP_TO_SIZE,
        )
        if place is None:
            place = reading_place(kept, at)
        kept.insert(place, glyph)
        out = kept
    return tuple(_scale_steps(out))


def _beside_box(word: Word, boxes: list[Word]) -> bool:
    """Given a word and the page's box words, whether the word stands right beside a box
    on its line (at most STEP_GAP of the box's height away): a box's label."""
    w = word.bbox
    return any(
        abs(b.bbox.ymid - w.ymid) <= PEER_LINE * b.bbox.height
        and max(b.bbox.x0 - w.x1, w.x0 - b.bbox.x1) <= STEP_GAP * b.bbox.height
        for b in boxes
    )


def _scale_steps(words: list[Word]) -> list[Word]:
    """Given a page's words with its box words, a box's label read as a stroke ("l", "I",
    "i", "|": a "1" glued to the box, "Hl" for "☒ 1") as "1" where another box on its line
    has a digit as its label (a row of a scale's steps, "☒ 1 ☐ 2 ☐ 3 ☐ 4")."""
    boxes = [w for w in words if w.text in (TICKED_GLYPH, EMPTY_GLYPH)]
    if not boxes:
        return words
    out = list(words)
    for i, word in enumerate(words):
        if word.text not in ONE_READINGS or not _beside_box(word, boxes):
            continue
        w = word.bbox
        if any(
            o.text.isdigit()
            and len(o.text) == 1
            and abs(o.bbox.ymid - w.ymid) <= PEER_LINE * w.height
            and _beside_box(o, boxes)
            for o in words
        ):
            out[i] = replace(word, text="1")
    return out


def reading_place(words: list[Word], box: BBox) -> int:
    """Given words in reading order and a box no word overlaps, the index a word there
    takes: before the first word on its line right of it, else after the last word on
    its line, else at the end."""
    line = [i for i, w in enumerate(words) if w.bbox.top <= box.ymid <= w.bbox.bottom]
    right = [i for i in line if words[i].bbox.x0 >= box.x1]
    if right:
        return right[0]
    return line[-1] + 1 if line else len(words)
