"""Words Tesseract's page read broke into fragments or left letters out of, read again one
line piece at a time.

On some pages (zebra and shaded table rows at 300 dpi) Tesseract's page layout
analysis reads a clean word as a few short pieces ("Oklara rep ionsk d" for
"Oklara representationskostnader"): each piece's ink box is then far shorter
than any letter of the line could be (two to three tenths of the line's
x-height against at least one x-height for a word of letters). Or it leaves
letters out ("G gång" for "Genomgång", "K Isvis" for "Kvartalsvis"): their ink
stands on the line in no word's box. Every stretch of such a line between two
wide gaps (a table cell's text: the rulings are painted out) that holds a
fragment or UNREAD_X_HEIGHTS of letters' ink in no box is cropped and read
alone as one line of text (``--psm 7``; one Tesseract run over all crops of the
page), and that reading replaces the page's when its words have no fragment and
a mean confidence at most CONFIDENCE_SLACK below the page's (a fragment is read
with high confidence: "rep" 96, the whole word 91). Works on Tesseract's word
table (``image_to_data``), before the words are made.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.extract.image_rulings import grey_array
from riskrad.extract.tesseract_batch import framed, tesseract_batch

LINE_REREAD_VERSION = 2  # bump when the re-read changes (part of the OCR cache key)
X_LETTERS = frozenset("acemnorsuvwxz")  # a word of these alone is one x-height tall
MIN_X_WORDS = 5  # fewer such words on a page: no x-height, nothing re-read
FRAGMENT_SHARE = 0.7  # a word with a letter under this share of the x-height is a fragment
GAP_X_HEIGHTS = 2.0  # words further apart than this many x-heights are in other cells
UNREAD_X_HEIGHTS = 1.5  # letters' ink this wide that no word covers: letters left out
COVER_PAD_PX = 2  # a word's box covers the ink this near it too
SURE_CONFIDENCE = 50.0  # words read at least this sure place the line's band
BAND_ABOVE = 0.2  # a piece's crop reaches this many x-heights above its line's word tops
BAND_BELOW = 0.6  # and this many below their bottoms (descenders)
SIDE_PAD = 0.5  # and this many x-heights beyond its ink on either side
INK_LEVEL = 170  # darker pixels are ink (a letter's grey edges too)
MIN_WORD_CONFIDENCE = 30.0  # a re-read word less sure than this is ink of a line nearby
CONFIDENCE_SLACK = 10.0  # a reading without fragments wins unless this much less sure
RE_READ_PSM = 7
FRAME_PX = 10

Table = dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one line to read again: its rows in the word table and its crop (px)."""

    rows: tuple[int, ...]
    box: tuple[int, int, int, int]  # left, top, right, bottom
    core: tuple[float, float]  # the median top and bottom of the line's whole words


def _box(data: Table, i: int) -> tuple[float, float, float, float]:
    """Given a word table and a row, the row's box (left, top, right, bottom) in pixels."""
    left, top = float(data["left"][i]), float(data["top"][i])
    return left, top, left + float(data["width"][i]), top + float(data["height"][i])


def _word_rows(data: Table) -> list[int]:
    """Given a word table, the rows that are words with text."""
    return [i for i, t in enumerate(data["text"]) if int(data["level"][i]) == 5 and str(t).strip()]


def x_height(data: Table) -> float | None:
    """Given a word table, the median ink height of its sure words of x-height letters alone
    ("av", "som", "ur"), or None with fewer than MIN_X_WORDS of them."""
    heights = [
        float(data["height"][i])
        for i in _word_rows(data)
        if set(str(data["text"][i]).strip()) <= X_LETTERS
        and float(data["conf"][i]) >= SURE_CONFIDENCE
    ]
    return statistics.median(heights) if len(heights) >= MIN_X_WORDS else None


def is_fragment(text: str, height: float, xheight: float) -> bool:
    """Given a word's text, its ink height and the page's x-height, whether it is a piece of
    a word: letters in a box far shorter than any letter."""
    return any(ch.isalpha() for ch in text) and height < FRAGMENT_SHARE * xheight


def _lines(data: Table) -> dict[tuple[int, int, int, int], list[int]]:
    """Given a word table, its word rows by line (page, block, paragraph, line), left to right."""
    lines: dict[tuple[int, int, int, int], list[int]] = {}
    for i in _word_rows(data):
        key = tuple(int(data[k][i]) for k in ("page_num", "block_num", "par_num", "line_num"))
        lines.setdefault(key, []).append(i)  # type: ignore[arg-type]
    return {k: sorted(v, key=lambda i: float(data["left"][i])) for k, v in lines.items()}


def _core(data: Table, rows: list[int], xheight: float) -> tuple[float, float]:
    """Given a word table, a line's rows and the x-height, the line's core (top, bottom):
    the median top and bottom of its sure whole words of letters (about the ascenders' top
    and the baseline; from the pieces' middle when the line has no such word)."""
    whole = [
        i
        for i in rows
        if any(ch.isalpha() for ch in str(data["text"][i]))
        and not is_fragment(str(data["text"][i]), float(data["height"][i]), xheight)
        and float(data["conf"][i]) >= SURE_CONFIDENCE
    ]
    if whole:
        top = statistics.median(_box(data, i)[1] for i in whole)
        bottom = statistics.median(_box(data, i)[3] for i in whole)
    else:
        middle = statistics.median((_box(data, i)[1] + _box(data, i)[3]) / 2 for i in rows)
        top, bottom = middle - xheight, middle + xheight / 2
    return top, bottom


def _stretches(ink: npt.NDArray[np.bool_], gap: float) -> list[tuple[int, int]]:
    """Given which columns of a band hold ink and the least gap, the runs of columns (start,
    end) with ink that no blank run of at least that many columns cuts."""
    cols = np.flatnonzero(ink)
    if cols.size == 0:
        return []
    cuts = np.flatnonzero(np.diff(cols) > gap)
    starts = [int(cols[0])] + [int(cols[c + 1]) for c in cuts]
    ends = [int(cols[c]) + 1 for c in cuts] + [int(cols[-1]) + 1]
    return list(zip(starts, ends, strict=True))


def fragment_pieces(data: Table, grey: npt.NDArray[np.uint8]) -> list[Piece]:
    """Given a word table and the page image it was read from (grey levels), the stretches
    of lines that hold a fragment of a word, with their crops: a stretch is ink on the line's
    band that no blank run of GAP_X_HEIGHTS x-heights cuts (a cell's text; the broken word's
    letters that no box holds are ink in the gaps between its pieces)."""
    xheight = x_height(data)
    if xheight is None:
        return []
    height, width = grey.shape[:2]
    pieces: list[Piece] = []
    every = _word_rows(data)
    middles = _middles(data, every)
    for rows in _lines(data).values():
        frags = [
            i for i in rows if is_fragment(str(data["text"][i]), float(data["height"][i]), xheight)
        ]
        core = _core(data, rows, xheight)
        top = max(0, round(core[0] - BAND_ABOVE * xheight))
        bottom = min(height, round(core[1] + BAND_BELOW * xheight))
        letters = max(0, round(core[1] - xheight)), max(0, round(core[1]))
        if bottom <= top or letters[1] <= letters[0]:
            continue
        ink: npt.NDArray[np.bool_] = np.asarray((grey[top:bottom] < INK_LEVEL).any(axis=0))
        in_band = middles.in_band(top, bottom)
        band_rows = [every[k] for k in in_band.tolist()]
        unread = _unread_ink(grey[letters[0] : letters[1]], data, band_rows, top, bottom)
        pad = round(SIDE_PAD * xheight)
        for start, end in _stretches(ink, GAP_X_HEIGHTS * xheight):
            box = (max(0, start - pad), top, min(width, end + pad), bottom)
            inside = [every[k] for k in middles.across(in_band, box[0], box[2]).tolist()]
            held = set(inside)
            if not any(i in held for i in rows):
                continue
            missed = int(np.count_nonzero(unread[start:end])) >= UNREAD_X_HEIGHTS * xheight
            if missed or any(i in held for i in frags):
                pieces.append(Piece(tuple(inside), box, core))
    return _merged(pieces)


@dataclass(frozen=True, slots=True)
class _Middles:
    """The middles (pixels) of a word table's word rows, in the rows' order."""

    x: npt.NDArray[np.float64]
    y: npt.NDArray[np.float64]

    def in_band(self, top: int, bottom: int) -> npt.NDArray[np.intp]:
        """Given a band's rows, the places (in order) of the words whose middle is in it."""
        return np.flatnonzero((self.y >= top) & (self.y < bottom))

    def across(self, places: npt.NDArray[np.intp], left: int, right: int) -> npt.NDArray[np.intp]:
        """Given places of words and a span of columns, those (in order) whose middle is in
        the span: with a band's words, those whose middle is in the band's crop."""
        x = self.x[places]
        return places[(x >= left) & (x < right)]


def _middles(data: Table, rows: list[int]) -> _Middles:
    """Given a word table and its word rows, the middles of their boxes."""
    boxes = [_box(data, i) for i in rows]
    return _Middles(
        np.array([(b[0] + b[2]) / 2 for b in boxes], dtype=np.float64),
        np.array([(b[1] + b[3]) / 2 for b in boxes], dtype=np.float64),
    )


def _unread_ink(
    letters: npt.NDArray[np.uint8], data: Table, rows: list[int], top: int, bottom: int
) -> npt.NDArray[np.bool_]:
    """Given the rows of a line's letters (x-height zone) of the page, the word table, its word
    rows and the line's band, which columns hold letters' ink that no word standing in the
    band covers: letters Tesseract's page read left out ("G gång" for "Genomgång")."""
    inked: npt.NDArray[np.bool_] = np.asarray((letters < INK_LEVEL).any(axis=0))
    covered = np.zeros(inked.shape, dtype=bool)
    for i in rows:
        left, word_top, right, word_bottom = _box(data, i)
        if top <= (word_top + word_bottom) / 2 < bottom:
            covered[max(0, round(left) - COVER_PAD_PX) : round(right) + COVER_PAD_PX] = True
    return inked & ~covered


def _overlap(a: Piece, b: Piece) -> bool:
    """Given two pieces, whether their crops overlap across and over half the lower one's height."""
    across = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    down = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    least = min(a.box[3] - a.box[1], b.box[3] - b.box[1])
    return across > 0 and down > least / 2


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Given pieces, those whose crops overlap (one line of the page that Tesseract read as
    two lines) made one."""
    out: list[Piece] = []
    for piece in pieces:
        for n, other in enumerate(out):
            if _overlap(piece, other):
                out[n] = Piece(
                    tuple(sorted(set(other.rows) | set(piece.rows))),
                    (
                        min(other.box[0], piece.box[0]),
                        min(other.box[1], piece.box[1]),
                        max(other.box[2], piece.box[2]),
                        max(other.box[3], piece.box[3]),
                    ),
                    (min(other.core[0], piece.core[0]), max(other.core[1], piece.core[1])),
                )
                break
        else:
            out.append(piece)
    return out


def ink_rows(
    grey: npt.NDArray[np.uint8], left: int, right: int, piece: Piece
) -> tuple[int, int] | None:
    """Given the page's grey levels, a word's columns (pixels) and the piece it was read in,
    the top and bottom rows of the word's own ink in the piece's crop: the runs of inked rows
    that reach below the line's core top and start above its bottom (a letter's body, dots and
    rings above it, descenders), not the ends of the lines above and below cut by the crop;
    None when no ink is there."""
    top, bottom = piece.box[1], piece.box[3]
    cols = grey[top:bottom, max(left, 0) : max(right, left + 1)]
    inked_rows: npt.NDArray[np.bool_] = np.asarray(np.any(cols < INK_LEVEL, axis=1))
    ink = [bool(v) for v in inked_rows]
    kept: list[tuple[int, int]] = []
    start: int | None = None
    for row, inked in enumerate([*ink, False]):
        if inked and start is None:
            start = row
        elif not inked and start is not None:
            if top + row > piece.core[0] and top + start < piece.core[1]:
                kept.append((top + start, top + row))
            start = None
    return (min(k[0] for k in kept), max(k[1] for k in kept)) if kept else None


def _read_pieces(image: Image.Image, pieces: list[Piece], lang: str, dpi: int) -> Table:
    """Given a page image and pieces, Tesseract's word table over their framed crops (one run,
    page_num = the piece's number + 1, boxes in the framed crop's pixels)."""
    grey = image if image.mode == "L" else image.convert("L")  # crops copy their pixels
    crops = [framed(grey.crop(piece.box), FRAME_PX) for piece in pieces]
    config = f"--oem 1 --psm {RE_READ_PSM} --dpi {dpi} -c preserve_interword_spaces=1"
    return tesseract_batch(crops, lang, config, "riskrad_lines_")


def _mean_confidence(data: Table, rows: list[int] | tuple[int, ...]) -> float:
    """Given a word table and rows, their mean confidence (0 for none)."""
    return statistics.fmean(float(data["conf"][i]) for i in rows) if rows else 0.0


def reread_fragments(image: Image.Image, data: Table, *, lang: str, dpi: int) -> Table:
    """Given the page image Tesseract read and its word table, the table with every piece of
    a line holding a word's fragments replaced by its reading alone (words read surer than
    MIN_WORD_CONFIDENCE), where that reading has no fragment and is about as sure."""
    grey = grey_array(image)
    pieces = fragment_pieces(data, grey)
    xheight = x_height(data)
    if not pieces or xheight is None:
        return data
    read = _read_pieces(image, pieces, lang, dpi)
    by_piece: dict[int, list[int]] = {}
    for i in _word_rows(read):
        by_piece.setdefault(int(read["page_num"][i]) - 1, []).append(i)
    replaced: dict[int, list[dict[str, Any]]] = {}  # first row of a piece -> its new rows
    dropped: set[int] = set()
    for n, piece in enumerate(pieces):
        rows = [i for i in by_piece.get(n, []) if float(read["conf"][i]) >= MIN_WORD_CONFIDENCE]
        if not rows or any(
            is_fragment(str(read["text"][i]), float(read["height"][i]), xheight) for i in rows
        ):
            continue
        if _mean_confidence(read, rows) < _mean_confidence(data, piece.rows) - CONFIDENCE_SLACK:
            continue
        first = piece.rows[0]
        new: list[dict[str, Any]] = []
        for i in rows:
            row = {k: data[k][first] for k in data}
            row["text"] = str(read["text"][i]).strip()
            row["conf"] = read["conf"][i]
            left = int(read["left"][i]) - FRAME_PX + piece.box[0]
            top = int(read["top"][i]) - FRAME_PX + piece.box[1]
            right, bottom = left + int(read["width"][i]), top + int(read["height"][i])
            top, bottom = ink_rows(grey, left, right, piece) or (top, bottom)
            row["left"], row["top"] = left, top
            row["width"], row["height"] = right - left, bottom - top
            new.append(row)
        replaced[first] = new
        dropped.update(piece.rows)
    if not replaced:
        return data
    out: Table = {k: [] for k in data}
    for i in range(len(data["text"])):
        for row in replaced.get(i, []):
            for k in data:
                out[k].append(row[k])
        if i not in dropped:
            for k in data:
                out[k].append(data[k][i])
    return out
