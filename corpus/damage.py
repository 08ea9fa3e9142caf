"""Damage born-digital PDFs the way real documents are damaged (used by build.py).

Every function is deterministic: randomness comes from a seeded numpy generator,
PDFs are written by reportlab with ``invariant=1``, and Tesseract's PDF has its
creation date pinned.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ftfy  # noqa: F401  (registers the 'sloppy-windows-1252' codec)
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """How a page is 'scanned': resolution, skew, noise, blur and JPEG quality."""

    dpi: int = 200
    max_skew_deg: float = 1.5
    noise_sigma: float = 4.0
    blur_radius: float = 0.6
    jpeg_quality: int = 45

    def __post_init__(self) -> None:
        """Given the settings, refuse values no scanner would produce."""
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"dpi must be 72..600, got {self.dpi}")
        if not 0 <= self.max_skew_deg <= 5:
            raise ValueError(f"max_skew_deg must be 0..5, got {self.max_skew_deg}")
        if not 0 <= self.noise_sigma <= 40:
            raise ValueError(f"noise_sigma must be 0..40, got {self.noise_sigma}")
        if not 0 <= self.blur_radius <= 3:
            raise ValueError(f"blur_radius must be 0..3, got {self.blur_radius}")
        if not 10 <= self.jpeg_quality <= 95:
            raise ValueError(f"jpeg_quality must be 10..95, got {self.jpeg_quality}")


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """One scanned page: its JPEG bytes and the page size in PDF points."""

    jpeg: bytes
    width: float
    height: float


def render_grey(pdf: Path, dpi: int) -> list[tuple[Image.Image, float, float]]:
    """Given a PDF and a resolution, each page as a greyscale image with its size in points."""
    doc = pdfium.PdfDocument(pdf)
    out: list[tuple[Image.Image, float, float]] = []
    for page in doc:
        w, h = page.get_size()
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        out.append((img, float(w), float(h)))
    doc.close()
    return out


def degrade(img: Image.Image, rng: np.random.Generator, s: ScanSettings) -> Image.Image:
    """Given a clean greyscale page, the page skewed, blurred and noisy like a scan."""
    angle = float(rng.uniform(-s.max_skew_deg, s.max_skew_deg))
    skewed = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    arr = np.asarray(skewed, dtype=np.float32) * 0.92 + 10  # greyish paper, no pure black
    arr += rng.normal(0.0, s.noise_sigma, arr.shape).astype(np.float32)
    noisy = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    return noisy.filter(ImageFilter.GaussianBlur(s.blur_radius))


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    """Given an image, its baseline JPEG encoding (dpi recorded for Tesseract)."""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()


def scan(pdf: Path, seed: int, s: ScanSettings) -> list[ScannedPage]:
    """Given a born-digital PDF and a seed, its pages as degraded JPEG scans."""
    rng = np.random.default_rng(seed)
    return [ScannedPage(jpeg_bytes(degrade(img, rng, s), s.jpeg_quality, s.dpi), w, h)
            for img, w, h in render_grey(pdf, s.dpi)]


def image_pdf(pages: Sequence[ScannedPage], path: Path, title: str) -> None:
    """Given scanned pages, write an image-only PDF (no text layer), one image per page."""
    use_a85 = rl_config.useA85
    rl_config.useA85 = 0  # embed the JPEG bytes as they are, not ASCII85-inflated
    try:
        canvas = Canvas(str(path), invariant=1, pageCompression=1)
        canvas.setTitle(title)
        canvas.setCreator("scanner")
        for page in pages:
            canvas.setPageSize((page.width, page.height))
            canvas.drawImage(ImageReader(io.BytesIO(page.jpeg)), 0, 0, page.width, page.height)
            canvas.showPage()
        canvas.save()
    finally:
        rl_config.useA85 = use_a85


def pin_pdf_dates(data: bytes) -> bytes:
    """Given PDF bytes, the same bytes with every PDF date replaced by a fixed one."""

    def fixed(m: re.Match[bytes]) -> bytes:
        digits = m.group(1)
        return b"(D:" + b"20250101000000"[: len(digits)].ljust(len(digits), b"0")

    return re.sub(rb"\(D:(\d{4,14})", fixed, data)


def ocr_layer_pdf(pages: Sequence[ScannedPage], work: Path, path: Path, lang: str) -> None:
    """Given scanned pages, write Tesseract's PDF: each scan with an invisible text layer."""
    work.mkdir(parents=True, exist_ok=True)
    names = []
    for i, page in enumerate(pages, start=1):
        img = work / f"page-{i:03d}.jpg"
        img.write_bytes(page.jpeg)
        names.append(img.name)
    (work / "pages.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(["tesseract", "pages.txt", "out", "-l", lang, "pdf"], cwd=work, env=env,
                   check=True, capture_output=True)
    path.write_bytes(pin_pdf_dates((work / "out.pdf").read_bytes()))


def strip_to_unicode(data: bytes) -> bytes:
    """Given PDF bytes, the same PDF with font /ToUnicode references blanked out.

    Each reference is overwritten by spaces of the same length, so every xref offset
    stays valid; the CMap streams remain as unreferenced objects."""
    out = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), data)
    if out == data:
        raise ValueError("no /ToUnicode reference found")
    return out


def mojibake(text: str) -> str:
    """Given text, the text as UTF-8 bytes wrongly decoded as Windows-1252 ('sÃ¤ker')."""
    return text.encode("utf-8").decode("sloppy-windows-1252")
