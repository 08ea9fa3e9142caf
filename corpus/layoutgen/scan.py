"""Scanned variants of generated documents: image-only PDFs and an English-OCR text layer.

Each page of a born-digital render is drawn with pypdfium2 at 200 or 300 dpi (in colour
for about half the documents, so shaded and coloured cells stay visible), skewed up to
±2°, given greyish paper, noise and blur, and saved as JPEG (quality 35-60); the pages
are wrapped into an image-only PDF, and for the ``eng_ocr_layer`` variant passed through
``tesseract … -l eng pdf`` (an old English-model text layer on top of the scan). The
settings are drawn from ``random.Random("scan/FAMILY/SEED/ENGINE")``. Expected rows are the
born-digital ones with ``pages_ocr`` = all pages.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import damage  # corpus/damage.py: JPEG, image PDF and Tesseract helpers

SCAN_SEEDS_PER_FAMILY = 4  # the first seeds of each family in a split are scanned
ENGINES = ("reportlab", "libreoffice")
VARIANTS = ("scanned", "eng_ocr_layer")


@dataclass(frozen=True, slots=True)
class Look:
    """How one document is scanned."""

    dpi: int
    colour: bool
    skew: float
    noise: float
    blur: float
    quality: int


def look_for(name: str) -> Look:
    """Given a document's name, its scan settings (the same on every run)."""
    rng = random.Random(f"scan/{name}")
    return Look(dpi=rng.choice((200, 300)), colour=rng.random() < 0.5,
                skew=rng.uniform(-2.0, 2.0), noise=rng.uniform(3.0, 8.0),
                blur=rng.uniform(0.3, 0.8), quality=rng.randint(35, 60))


def scan_pages(pdf: Path, look: Look, seed: int) -> list[damage.ScannedPage]:
    """Given a born-digital PDF, its pages as degraded JPEG scans."""
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(pdf)
    pages: list[damage.ScannedPage] = []
    try:
        for i, page in enumerate(doc):
            w, h = page.get_size()
            img = page.render(scale=look.dpi / 72, grayscale=not look.colour).to_pil()
            img = img.convert("RGB" if look.colour else "L")
            angle = look.skew + float(rng.uniform(-0.3, 0.3)) * (i > 0)
            white = (255, 255, 255) if look.colour else 255
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=white)
            arr = np.asarray(img, dtype=np.float32) * 0.92 + 10
            arr += rng.normal(0.0, look.noise, arr.shape).astype(np.float32)
            mode = "RGB" if look.colour else "L"
            noisy = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode=mode)
            noisy = noisy.filter(ImageFilter.GaussianBlur(look.blur))
            pages.append(damage.ScannedPage(damage.jpeg_bytes(noisy, look.quality, look.dpi),
                                            float(w), float(h)))
    finally:
        doc.close()
    return pages


def scan_one(args: tuple[Path, Path]) -> list[Path]:
    """Given a born-digital PDF and the scans' folder, write both scanned variants."""
    pdf, dest = args
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    look = look_for(pdf.stem)
    pages = scan_pages(pdf, look, int(exp["seed"]))
    dest.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for variant in VARIANTS:
        path = dest / f"{pdf.stem}_{variant}.pdf"
        if variant == "scanned":
            damage.image_pdf(pages, path, pdf.stem)
        else:
            with tempfile.TemporaryDirectory(prefix="gen-ocr-") as work:
                damage.ocr_layer_pdf(pages, Path(work), path, "eng")
        data = dict(exp, variant=variant, scan={
            "dpi": look.dpi, "colour": look.colour, "skew": round(look.skew, 2),
            "noise": round(look.noise, 2), "blur": round(look.blur, 2),
            "jpeg_quality": look.quality})
        data["document"] = dict(exp["document"], pages_ocr=exp["document"]["pages"])
        path.with_name(path.stem + ".expected.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        out.append(path)
    return out


def build_scans(root: Path, splits: Iterable[str], jobs: int, families: tuple[str, ...] = (),
                per_family: int = SCAN_SEEDS_PER_FAMILY) -> list[Path]:
    """Given the generated folder, scan the first seeds of each family (one render each,
    the engines alternating by seed)."""
    todo: list[tuple[Path, Path]] = []
    for split in splits:
        for fam in sorted(p for p in (root / split).iterdir() if p.is_dir()):
            if families and fam.name not in families:
                continue
            seeds = sorted({int(p.stem.split("_")[-2]) for p in fam.glob("*.pdf")})[:per_family]
            for i, seed in enumerate(seeds):  # engines alternate: reportlab, LibreOffice, …
                for engine in (ENGINES[i % 2], ENGINES[(i + 1) % 2]):
                    pdf = fam / f"{fam.name}_{seed}_{engine}.pdf"
                    if pdf.exists():
                        todo.append((pdf, root / "scans" / split / fam.name))
                        break
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        return [p for paths in pool.map(scan_one, todo) for p in paths]
