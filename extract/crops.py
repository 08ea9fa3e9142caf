"""Crops of PDF pages around boxes, compressed for an auditor's page (review.html).

Each requested region is cut from its page rendered once (greyscale, PDFium)
and compressed, so a page image is small enough to embed: by default both as a
PNG of four grey levels (text pages: about a third of a WebP's size, crisp
letters) and as WebP, the smaller kept; a quick WebP (method 0) far larger than
the PNG spares the slow one.  A page drawn only with text and paths (no image,
no shading) is kept as the PNG without trying WebP: its crops are flat greys,
which the PNG holds in fewer bytes than the WebP on every page of the corpus
(tests/test_crops.py), so the comparison would choose the PNG.  That PNG is deflated
with zlib's run-length strategy (Z_RLE: half the time of the default level for ~6 % more
bytes, the same pixels); a PNG that is compared with a WebP keeps the default, so the
comparison's choice is unchanged.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from riskrad.extract.pdf import open_pdf
from riskrad.model.records import BBox

ImageFormat = Literal["auto", "webp", "jpeg", "png"]
FORMATS: tuple[str, ...] = ("auto", "webp", "jpeg", "png")
PNG_ENOUGH = 0.04  # bytes per pixel: a text page's grey-level PNG is below, a scan's above
# A WebP at method 0 is 1.1-1.3x the size of method 3's (every crop of the corpus): one
# twice the PNG's size rules WebP out without the slower encode, and the choice is the same.
WEBP_PROBE_MARGIN = 2.0
LINE_ART = frozenset({pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH})
QUICK_PNG = {"compress_type": zlib.Z_RLE}  # Pillow's PNG option: the zlib strategy
MAX_FORM_DEPTH = 15  # form XObjects searched for images this deep (as pypdfium2's get_objects)


@dataclass(frozen=True, slots=True)
class CropSettings:
    """How crops are rendered and compressed; validated on creation."""

    dpi: int = 100
    quality: int = 50
    image_format: ImageFormat = "auto"
    grey_levels: int = 4  # PNG: grey levels kept
    margin: float = 6.0  # points added around the region

    def __post_init__(self) -> None:
        if not 36 <= self.dpi <= 300:
            raise ValueError(f"CropSettings.dpi must be in 36..300, got {self.dpi!r}")
        if not 1 <= self.quality <= 100:
            raise ValueError(f"CropSettings.quality must be in 1..100, got {self.quality!r}")
        if self.image_format not in FORMATS:
            raise ValueError(
                f"CropSettings.image_format must be one of {FORMATS}, got {self.image_format!r}"
            )
        if not 2 <= self.grey_levels <= 256:
            raise ValueError(
                f"CropSettings.grey_levels must be in 2..256, got {self.grey_levels!r}"
            )


@dataclass(frozen=True, slots=True)
class Crop:
    """A compressed crop: its bytes, the region of the page it shows (points), its scale."""

    data: bytes
    mime: str
    region: BBox  # in PDF points, origin top-left
    scale: float  # pixels per point
    width: int
    height: int


def _clip(box: BBox, width: float, height: float, margin: float) -> BBox:
    """Given a box, the page size and a margin, the box grown by the margin inside the page."""
    return BBox(
        max(0.0, box.x0 - margin),
        max(0.0, box.top - margin),
        min(width, box.x1 + margin),
        min(height, box.bottom + margin),
    )


def _encode_as(
    image: Image.Image, image_format: str, settings: CropSettings, quick: bool = False
) -> bytes:
    """Given a greyscale image and a format (and whether a PNG is deflated the quick way, by
    runs), its compressed bytes."""
    out = io.BytesIO()
    if image_format == "webp":
        image.save(out, format="WEBP", quality=settings.quality, method=3)
    elif image_format == "jpeg":
        image.save(out, format="JPEG", quality=settings.quality, optimize=True)
    else:
        _grey_levels(image, settings.grey_levels).save(
            out, format="PNG", bits=_bits(settings), **(QUICK_PNG if quick else {})
        )
    return out.getvalue()


def _bits(settings: CropSettings) -> int:
    """Given the settings, the PNG bit depth that holds their grey levels."""
    return next(b for b in (1, 2, 4, 8) if settings.grey_levels <= 1 << b)


def _grey_levels(image: Image.Image, levels: int) -> Image.Image:
    """Given a greyscale image, a palette image of ``levels`` evenly spaced greys (nearest)."""
    step = 255 / (levels - 1)
    index = image.point([min(levels - 1, round(v / step)) for v in range(256)])
    index.putpalette([round(i * step) for i in range(levels) for _ in range(3)])  # now "P"
    return index


def _encode(
    image: Image.Image, settings: CropSettings, line_art: bool = False
) -> tuple[bytes, str]:
    """Given an image (and whether its page is drawn only with text and paths), its compressed
    bytes and MIME type.  ``auto``: the grey-level PNG, or the WebP when the page has images,
    the PNG is large for its pixels (a scan's noise) and the WebP smaller."""
    if settings.image_format != "auto":
        return _encode_as(image, settings.image_format, settings), f"image/{settings.image_format}"
    if line_art:
        return _encode_as(image, "png", settings, quick=True), "image/png"
    png = _encode_as(image, "png", settings)
    if len(png) <= PNG_ENOUGH * image.width * image.height:
        return png, "image/png"
    if len(_quick_webp(image, settings)) >= WEBP_PROBE_MARGIN * len(png):
        return png, "image/png"  # the full WebP encode could not come out smaller
    webp = _encode_as(image, "webp", settings)
    return (webp, "image/webp") if len(webp) < len(png) else (png, "image/png")


def _quick_webp(image: Image.Image, settings: CropSettings) -> bytes:
    """Given a greyscale image, its WebP at the fastest method (a third of the time)."""
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=settings.quality, method=0)
    return out.getvalue()


def drawn_as_line_art(page: pdfium.PdfPage) -> bool:
    """Given a PDFium page, whether it draws only text and paths: no image, shading or object
    of unknown kind, in its forms either (searched MAX_FORM_DEPTH deep; deeper: not known)."""
    get_type = pdfium_c.FPDFPageObj_GetType
    form = pdfium_c.FPDF_PAGEOBJ_FORM
    pending: list[tuple[Any, Any, Any, int]] = [
        (page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
    ]
    while pending:
        parent, count, get, level = pending.pop()
        total = count(parent)
        if total < 0:
            return False
        for index in range(total):
            kind = get_type(get(parent, index))
            if kind == form:
                if level + 1 >= MAX_FORM_DEPTH:
                    return False
                pending.append(
                    (
                        get(parent, index),
                        pdfium_c.FPDFFormObj_CountObjects,
                        pdfium_c.FPDFFormObj_GetObject,
                        level + 1,
                    )
                )
            elif kind not in LINE_ART:
                return False
    return True


def _grey_image(bitmap: pdfium.PdfBitmap) -> Image.Image:
    """Given a greyscale PDFium bitmap, a greyscale image showing its pixels (no copy: the
    crops cut from it are the copies; the bitmap must outlive it)."""
    image: Image.Image = bitmap.to_pil()
    return image if image.mode == "L" else image.convert("L")


def render_crops(
    pdf_path: Path, regions: Sequence[tuple[int, BBox]], settings: CropSettings | None = None
) -> list[Crop | None]:
    """Given a PDF and (1-based page, box) regions, one compressed crop per region (None for a
    page the PDF does not have); the PDF is opened once and each page rendered once."""
    cfg = settings or CropSettings()
    scale = cfg.dpi / 72.0
    out: list[Crop | None] = []
    with open_pdf(pdf_path) as pdf:
        rendered: dict[int, tuple[Image.Image, float, float, bool]] = {}
        bitmaps: list[pdfium.PdfBitmap] = []  # the pixels the images show, kept while they are
        for page_number, box in regions:
            if not 1 <= page_number <= len(pdf):
                out.append(None)
                continue
            if page_number not in rendered:
                page = pdf[page_number - 1]
                try:
                    width, height = page.get_size()
                    bitmap = page.render(scale=scale, grayscale=True)
                    line_art = drawn_as_line_art(page)
                finally:
                    page.close()
                bitmaps.append(bitmap)
                rendered[page_number] = (_grey_image(bitmap), float(width), float(height), line_art)
            image, width, height, line_art = rendered[page_number]
            region = _clip(box, width, height, cfg.margin)
            pixels = (
                round(region.x0 * scale),
                round(region.top * scale),
                max(round(region.x1 * scale), round(region.x0 * scale) + 1),
                max(round(region.bottom * scale), round(region.top * scale) + 1),
            )
            piece = image.crop(pixels)
            data, mime = _encode(piece, cfg, line_art)
            out.append(
                Crop(
                    data,
                    mime,
                    region,
                    scale,
                    piece.width,
                    piece.height,
                )
            )
    return out
