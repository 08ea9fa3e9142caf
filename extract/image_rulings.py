"""Find horizontal and vertical table lines in a page image (OpenCV morphology).

The image is binarised, opened with long thin kernels so only long straight
strokes survive, short gaps are closed, and each connected stroke becomes
one :class:`~riskrad.model.records.Ruling` (a zero-thickness centre line) in PDF
points with the origin top-left, ready for pdfplumber's table functions.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.model.records import Ruling

MIN_LINE_INCHES = 0.35
MIN_SHORT_VERTICAL_INCHES = 0.12
FREE_VERTICAL_INCHES = 1.0
JOIN_TOLERANCE_INCHES = 0.03
GAP_INCHES = 0.03
MAX_THICKNESS_INCHES = 0.04

Mask = npt.NDArray[np.uint8]
Segment = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


_GREY = "_riskrad_grey"  # the attribute an image's grey array is kept in


def grey_array(image: Image.Image) -> npt.NDArray[np.uint8]:
    """Given an image, its grey levels as an array (a grey image is not copied to grey
    first: a page is 8.7 million pixels at 300 dpi), read-only. The array is kept on the
    image and given again: a page's image is read by several steps (skew, lines, lone
    marks, empty cells, bold words), each copy of it 8 ms at 300 dpi. The pipeline's
    images are not changed in place once read."""
    kept: npt.NDArray[np.uint8] | None = getattr(image, _GREY, None)
    if kept is not None:
        return kept
    grey = np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)
    return keep_grey(image, grey)


def keep_grey(image: Image.Image, grey: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Given an image and an array of its grey levels (the same pixels), the array made
    read-only and kept on the image for ``grey_array``."""
    grey.flags.writeable = False
    setattr(image, _GREY, grey)
    return grey


def components(mask: Mask) -> tuple[int, npt.NDArray[Any], npt.NDArray[np.int32]]:
    """Given a mask, its 8-connected components' count, labels and stats as
    ``cv2.connectedComponentsWithStats`` gives them: labelled in 16 bits when there are
    few enough (the same labels and stats, a third to a fifth of the CPU on a scanned
    page), in 32 bits otherwise (OpenCV refuses a 16-bit label overflow)."""
    try:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(
            mask, connectivity=8, ltype=cv2.CV_16U
        )
    except cv2.error:  # more than 65535 components
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return int(count), np.asarray(labels), np.asarray(stats, dtype=np.int32)


_INKED: list[tuple[npt.NDArray[np.uint8], tuple[int, npt.NDArray[Any], npt.NDArray[np.int32]]]] = []


def ink_components(
    grey: npt.NDArray[np.uint8],
) -> tuple[int, npt.NDArray[Any], npt.NDArray[np.int32]]:
    """Given a page's grey levels (read-only, ``grey_array``), the components of its ink
    (``binarize_grey``) as ``components`` gives them, kept for the last page asked: the
    check boxes and the rating dots search the same components (31-47 ms a page at 300 dpi)."""
    if _INKED and _INKED[0][0] is grey:
        return _INKED[0][1]
    found = components(binarize_grey(grey))
    if not grey.flags.writeable:  # an array that cannot change under the kept result
        _INKED[:] = [(grey, found)]
    return found


def binarize(image: Image.Image) -> Mask:
    """Given a page image, an ink mask (255 = ink) by adaptive thresholding."""
    return binarize_grey(grey_array(image))


def binarize_grey(grey: npt.NDArray[np.uint8], contrast: int = 15) -> Mask:
    """Given a greyscale array, an ink mask (255 = ink): pixels darker than their
    surroundings' mean by more than contrast grey levels."""
    mask = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, contrast
    )
    return mask.astype(np.uint8)


def line_mask(mask: Mask, *, horizontal: bool, min_len: int, gap: int) -> Mask:
    """Given an ink mask, only its long horizontal (or vertical) strokes, then short gaps closed."""
    length = max(min_len, 3)
    close = max(gap, 1)
    if horizontal:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (close, 1))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    else:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, close))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    return cv2.morphologyEx(opened, cv2.MORPH_CLOSE, bridge).astype(np.uint8)


def segments(lines: Mask, *, horizontal: bool, max_thickness: int) -> list[Segment]:
    """Given a line mask, each stroke's centre line (x0, y0, x1, y1) in pixels, no thick blobs."""
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for contour in contours:
        x, y, w, h = (int(v) for v in cv2.boundingRect(contour))
        if horizontal:
            if h > max_thickness:
                continue
            mid = y + h // 2
            out.append((x, mid, x + w, mid))
        else:
            if w > max_thickness:
                continue
            mid = x + w // 2
            out.append((mid, y, mid, y + h))
    return out


def ends_on_horizontals(seg: Segment, horizontals: list[Segment], tol: int) -> bool:
    """Given a vertical segment and horizontal ones, whether both its ends meet a horizontal."""
    x, top, _, bottom = seg

    def meets(y: int) -> bool:
        return any(
            h0 - tol <= x <= h1 + tol and abs(hy - y) <= tol for h0, hy, h1, _ in horizontals
        )

    return meets(top) and meets(bottom)


def find_rulings(image: Image.Image, *, dpi: int) -> tuple[Ruling, ...]:
    """Given a page image rendered at dpi, its horizontal and vertical ruling lines in points.

    Vertical strokes shorter than FREE_VERTICAL_INCHES (down to the borders
    of a one-line header row) are kept only when both their ends meet a
    horizontal ruling, so tall letters of headings ("l", "|") are no lines.
    """
    if dpi <= 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    mask = binarize(image)
    min_len = round(MIN_LINE_INCHES * dpi)
    free_len = round(FREE_VERTICAL_INCHES * dpi)
    short_len = round(MIN_SHORT_VERTICAL_INCHES * dpi)
    gap = max(1, round(GAP_INCHES * dpi))
    thick = max(2, round(MAX_THICKNESS_INCHES * dpi))
    tol = max(2, round(JOIN_TOLERANCE_INCHES * dpi))
    h_lines = line_mask(mask, horizontal=True, min_len=min_len, gap=gap)
    horizontals = segments(h_lines, horizontal=True, max_thickness=thick)
    v_lines = line_mask(mask, horizontal=False, min_len=short_len, gap=gap)
    verticals = [
        seg
        for seg in segments(v_lines, horizontal=False, max_thickness=thick)
        if seg[3] - seg[1] >= free_len or ends_on_horizontals(seg, horizontals, tol)
    ]
    scale = 72.0 / dpi
    rulings = [
        Ruling(x0 * scale, y0 * scale, x1 * scale, y1 * scale)
        for x0, y0, x1, y1 in horizontals + verticals
    ]
    return tuple(sorted(rulings, key=lambda r: (r.orientation, r.top, r.x0)))
