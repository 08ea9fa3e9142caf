"""Footnote marks set raised after a number, told on a scan by where their ink stands.

A value cell may carry a footnote's mark: "6¹", "3²", "12¹" (the note under the table).
The text layer gives the mark as its own superscript character, which the contract's text
drops (normalize.values.strip_footnote_mark). Tesseract reads it as one more digit of the
number, the same size as the rest: "61", "32", "122" (so S 3 became 32 and R 12 became 122).
In the page image the mark's ink stands apart: small, and ending well above the bottom of
the digits before it. Such a last digit is given as the superscript it is.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.extract.image_rulings import grey_array
from riskrad.model.records import Word

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
INK_LEVEL = 128
MAX_DIGITS = 3  # a number with its mark: "6¹", "12¹"
RAISED_BOTTOM = 0.8  # a mark's ink ends above this share of the digits' height (from their top)
RAISED_SMALL = 0.8  # and is at most this share of their height
PAD_PX = 1


def _runs(columns: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Given which pixel columns hold ink, the runs of inked columns (first, after last)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for x, inked in enumerate([*columns.tolist(), False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _rows(dark: npt.NDArray[np.bool_]) -> tuple[int, int]:
    """Given a piece's dark pixels, the first row with ink and the row after the last."""
    rows = np.flatnonzero(dark.any(axis=1))
    return int(rows[0]), int(rows[-1]) + 1


def raised_mark(grey: npt.NDArray[np.uint8], word: Word, scale: float) -> Word:
    """Given a page's grey pixels, an OCR word and the pixels per point, the word with its
    last digit as a superscript where it is a raised mark: the word a number of two or three
    digits, upright, each digit a piece of ink of its own, the last one's ink ending above
    RAISED_BOTTOM of the other digits' height and at most RAISED_SMALL of that height."""
    text = word.text
    if word.turned or not 2 <= len(text) <= MAX_DIGITS or not text.isdigit():
        return word
    box = word.bbox
    x0, y0 = max(0, round(box.x0 * scale) - PAD_PX), max(0, round(box.top * scale) - PAD_PX)
    x1, y1 = round(box.x1 * scale) + PAD_PX, round(box.bottom * scale) + PAD_PX
    dark = grey[y0:y1, x0:x1] < INK_LEVEL
    if not dark.size:
        return word
    runs = _runs(np.any(dark, axis=0))
    if len(runs) != len(text):
        return word
    last = runs[-1]
    top, bottom = _rows(dark[:, runs[0][0] : runs[-2][1]])
    mark_top, mark_bottom = _rows(dark[:, last[0] : last[1]])
    height = bottom - top
    raised = mark_bottom <= top + RAISED_BOTTOM * height
    if not raised or mark_bottom - mark_top > RAISED_SMALL * height:
        return word
    return replace(word, text=text[:-1] + text[-1].translate(SUPERSCRIPT))


def raised_marks(image: Image.Image, words: tuple[Word, ...], scale: float) -> tuple[Word, ...]:
    """Given the page image OCR read, its words and the pixels per point, the words with
    each number's raised footnote mark given as a superscript (``raised_mark``)."""
    grey = grey_array(image)
    return tuple(raised_mark(grey, w, scale) for w in words)
