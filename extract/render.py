"""Render PDF pages to greyscale images (pypdfium2) and straighten skewed scans."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from riskrad.extract.image_rulings import grey_array, keep_grey
from riskrad.extract.limits import check_page_images, render_scale

MAX_SKEW_DEGREES = 3.0
_COARSE_STEP = 0.25
_FINE_STEP = 0.05
_MIN_CORRECTION = 0.05
_ANALYSIS_WIDTH = 600

GreyArray = npt.NDArray[np.uint8]


@contextmanager
def opened_page(pdf_path: Path, page_index: int) -> Iterator[pdfium.PdfPage]:
    """Given a PDF and a 0-based page index, the page (its embedded images checked against
    the limits), closed with its document when done: one open of the PDF."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[page_index]
        try:
            check_page_images(page)
            yield page
        finally:
            page.close()
    finally:
        pdf.close()


def _render(
    pdf_path: Path, page_index: int, dpi: int, *, grayscale: bool
) -> tuple[Image.Image, float, float]:
    """Given a PDF, a 0-based page index, a resolution and whether to render in grey, the
    page's image and its displayed (width, height) in points: one open of the PDF."""
    image, width, height, _ = _render_page(pdf_path, page_index, dpi, grayscale=grayscale)
    return image, width, height


def grey_only(page: pdfium.PdfPage) -> bool:
    """Given a page, whether all it paints is DeviceGray images (text drawn invisible, as an
    OCR layer is, paints nothing; no annotations): its colour render is grey, every pixel's
    three channels equal."""
    if pdfium_c.FPDFPage_GetAnnotCount(page) != 0:
        return False
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            image = cast(pdfium.PdfImage, obj)
            if image.get_metadata().colorspace != pdfium_c.FPDF_COLORSPACE_DEVICEGRAY:
                return False
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
            if mode != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                return False
        else:
            return False
    return True


def _render_page(
    pdf_path: Path, page_index: int, dpi: int, *, grayscale: bool, grey_bitmap: bool = False
) -> tuple[Image.Image, float, float, bool]:
    """Given a PDF, a 0-based page index, a resolution and whether to render in grey, the
    page's image, its displayed (width, height) in points and whether the page paints grey
    only (``grey_only``; asked only of a colour render): one open of the PDF. With
    ``grey_bitmap``, a colour render of a grey-only page is drawn into a grey bitmap (mode
    "L"): PDFium's grey pixels are its colour render's channels, in half the time (the
    FPDF_GRAYSCALE render of ``grayscale`` converts colours and takes longer)."""
    if dpi <= 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    with opened_page(pdf_path, page_index) as page:
        width, height = page.get_size()
        grey = not grayscale and grey_only(page)
        scale = render_scale(width, height, dpi)
        if grey and grey_bitmap:
            bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
        else:  # a colour render in RGB byte order: PIL's copy of it is plain (BGR: swapped)
            bitmap = page.render(scale=scale, grayscale=grayscale, rev_byteorder=True)
        drawn = bitmap.to_pil()
        # PDFium's RGB (or BGR) pixels come as an RGB copy of their own; any other image
        # (grey) may share PDFium's buffer, so it is copied
        copied = not grayscale and bitmap.mode in ("RGB", "BGR") and drawn.mode == "RGB"
        mode = "L" if grayscale or drawn.mode == "L" else "RGB"
        image: Image.Image = drawn if copied else drawn.convert(mode)
    return image, float(width), float(height), grey


def render_sized(pdf_path: Path, page_index: int, dpi: int) -> tuple[Image.Image, float, float]:
    """Given a PDF, a 0-based page index and a resolution, the page as a greyscale ("L")
    image with the page's displayed (width, height) in points: one open of the PDF."""
    return _render(pdf_path, page_index, dpi, grayscale=True)


def render_bands(
    pdf_path: Path, page_index: int, dpi: int, bands: list[tuple[float, float]]
) -> list[Image.Image]:
    """Given a PDF, a 0-based page index, a resolution and horizontal bands (top, bottom) in
    points from the page's top, each band as a greyscale image: only the bands are drawn."""
    if dpi <= 0:
        raise ValueError(f"dpi must be > 0, got {dpi!r}")
    with opened_page(pdf_path, page_index) as page:
        width, height = page.get_size()
        scale = render_scale(width, height, dpi)
        images = []
        for top, bottom in bands:
            crop = (0.0, max(0.0, height - bottom), 0.0, max(0.0, top))
            bitmap = page.render(scale=scale, grayscale=True, crop=crop)
            images.append(bitmap.to_pil().convert("L"))
    return images


COLOUR_DPI = 50  # the page's colours (cell fills) are kept at this resolution
GREY_SPREAD = 24  # a pixel whose channels differ by less than this is grey
COLOUR_PIXELS = 200  # a page with this many coloured pixels (at COLOUR_DPI: about 400 pt²,
# two small value cells) is in colour: a table's last rows on a page of their own hold four
# coloured cells, 0.47 % of the page (the 99.5th percentile called it grey); the generated
# greyscale scans have none, colour pages 1,100 or more; counted inside coloured areas (the
# mask eroded by a pixel: a real scan's colour fringes along black letters are no area)


def render_with_colour(
    pdf_path: Path, page_index: int, dpi: int
) -> tuple[Image.Image, Image.Image | None, float, float]:
    """Given a PDF, a 0-based page index and a resolution, the page as a greyscale image, a
    small RGB copy (COLOUR_DPI) when it has colour (else None), and its size in points."""
    rgb, width, height, grey = _render_page(
        pdf_path, page_index, dpi, grayscale=False, grey_bitmap=True
    )
    if grey:  # drawn grey, no pixel of it has colour (the generated scans' grey pages)
        return rgb, None, width, height
    small = rgb.resize(
        (max(1, round(width * COLOUR_DPI / 72)), max(1, round(height * COLOUR_DPI / 72))),
        Image.Resampling.BOX,
    )
    array = np.asarray(small, dtype=np.int16)
    spread = array.max(axis=2) - array.min(axis=2)
    coloured = cv2.erode((spread >= GREY_SPREAD).astype(np.uint8), np.ones((3, 3), np.uint8))
    colour = small if int(np.count_nonzero(coloured)) >= COLOUR_PIXELS else None
    return rgb.convert("L"), colour, width, height


def grey_copy(image: Image.Image, width: float, height: float) -> Image.Image:
    """Given a greyscale page image and its size in points, a small RGB copy of it at
    COLOUR_DPI, as ``render_with_colour`` gives a page in colour (a scan's grey levels)."""
    size = (max(1, round(width * COLOUR_DPI / 72)), max(1, round(height * COLOUR_DPI / 72)))
    return image.resize(size, Image.Resampling.BOX).convert("RGB")


def rotate_colour(image: Image.Image, angle: float) -> Image.Image:
    """Given an RGB image and an angle in degrees (counter-clockwise), it rotated about its
    centre like ``deskew`` rotates the page (white fill)."""
    if abs(angle) < _MIN_CORRECTION:
        return image
    array = np.asarray(image, dtype=np.uint8)
    return Image.fromarray(_rotate(array, angle, (255, 255, 255)), mode="RGB")


def render_page(pdf_path: Path, page_index: int, dpi: int) -> Image.Image:
    """Given a PDF, a 0-based page index and a resolution, the page as a greyscale image."""
    return render_sized(pdf_path, page_index, dpi)[0]


def _ink_mask(grey: GreyArray) -> GreyArray:
    """Given a greyscale array, a binary mask (255 = ink) by Otsu thresholding."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask.astype(np.uint8)


def _rotate(array: GreyArray, angle: float, border: int | tuple[int, int, int]) -> GreyArray:
    """Given an array (grey, or RGB with a border colour of three values) and an angle in
    degrees (counter-clockwise), it rotated about its centre."""
    h, w = array.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    rotated = cv2.warpAffine(
        array,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
    return rotated.astype(np.uint8, copy=False)


def _profile_score(mask: GreyArray, angle: float) -> float:
    """Given an ink mask and a trial angle, how sharp the rotated mask's row profile is."""
    # the rows' sums in whole numbers (OpenCV: a tenth of numpy's float sum), then floats
    rows = cv2.reduce(_rotate(mask, angle, 0), 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S)
    return float(np.square(np.diff(rows[:, 0].astype(np.float64))).sum())


def _best_angle(
    mask: GreyArray, centre: float, span: float, step: float, known: dict[float, float]
) -> float:
    """Given an ink mask, a search window and the scores of angles tried already (added to),
    the angle whose row profile is sharpest (the fine search's middle and ends are coarse
    angles: not rotated twice)."""
    steps = round(span / step)
    angles = [centre + i * step for i in range(-steps, steps + 1)]
    for a in angles:
        if a not in known:
            known[a] = _profile_score(mask, a)
    return angles[int(np.argmax([known[a] for a in angles]))]


def estimate_skew(image: Image.Image, max_degrees: float = MAX_SKEW_DEGREES) -> float:
    """Given a page image, the rotation in degrees (counter-clockwise) straightening its lines."""
    grey = grey_array(image)
    scale = min(1.0, _ANALYSIS_WIDTH / grey.shape[1])
    if scale < 1.0:
        size = (round(grey.shape[1] * scale), round(grey.shape[0] * scale))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA).astype(np.uint8, copy=False)
    mask = _ink_mask(grey)
    if int(np.count_nonzero(mask)) < 50:
        return 0.0
    known: dict[float, float] = {}
    coarse = _best_angle(mask, 0.0, max_degrees, _COARSE_STEP, known)
    return round(_best_angle(mask, coarse, _COARSE_STEP, _FINE_STEP, known), 2)


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """Given a page image, it straightened (white fill) and the rotation applied in degrees."""
    angle = estimate_skew(image)
    if abs(angle) < _MIN_CORRECTION:
        return image, 0.0
    grey = grey_array(image)
    rotated = _rotate(grey, angle, 255)
    straight = Image.fromarray(rotated, mode="L")
    keep_grey(straight, rotated)  # the line search reads it next
    return straight, angle
