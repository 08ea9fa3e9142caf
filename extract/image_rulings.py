"""Find horizontal and vertical table lines in a page image (OpenCV morphology).

The image is binarised, opened with long thin kernels so only long straight
strokes survive, short gaps are closed, and each connected stroke becomes
one :class:`~riskrad.records.Ruling` (a zero-thickness centre line) in PDF
points with the origin top-left, ready for pdfplumber's table functions.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from riskrad.records import Ruling

MIN_LINE_INCHES = 0.35
GAP_INCHES = 0.03
MAX_THICKNESS_INCHES = 0.04

Mask = npt.NDArray[np.uint8]


def binarize(image: Image.Image) -> Mask:
    """Given a page image, an ink mask (255 = ink) by adaptive thresholding."""
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    mask = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
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


def segments(
    lines: Mask, *, horizontal: bool, max_thickness: int
) -> list[tuple[int, int, int, int]]:
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


def find_rulings(image: Image.Image, *, dpi: int) -> tuple[Ruling, ...]:
    """Given a page image rendered at dpi, its horizontal and vertical ruling lines in points."""
    if dpi <= 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    mask = binarize(image)
    min_len = round(MIN_LINE_INCHES * dpi)
    gap = max(1, round(GAP_INCHES * dpi))
    thick = max(2, round(MAX_THICKNESS_INCHES * dpi))
    scale = 72.0 / dpi
    rulings: list[Ruling] = []
    for horizontal in (True, False):
        lines = line_mask(mask, horizontal=horizontal, min_len=min_len, gap=gap)
        for x0, y0, x1, y1 in segments(lines, horizontal=horizontal, max_thickness=thick):
            rulings.append(Ruling(x0 * scale, y0 * scale, x1 * scale, y1 * scale))
    return tuple(sorted(rulings, key=lambda r: (r.orientation, r.top, r.x0)))
