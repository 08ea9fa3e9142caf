"""One Tesseract run over many crops of a page: cells, lines, turned labels, numbers.

Each crop is saved as a grey PGM file, the files are listed, and Tesseract reads the
listing in one start (``page_num`` in its word table is a crop's place + 1).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence

import pytesseract
from PIL import Image


def framed(image: Image.Image, pad: int) -> Image.Image:
    """Given a grey image and a margin in pixels, the image on a white frame that wide
    (Tesseract reads a crop's edge badly without one)."""
    frame = Image.new("L", (image.width + 2 * pad, image.height + 2 * pad), 255)
    frame.paste(image, (pad, pad))
    return frame


def tesseract_batch(
    images: Sequence[Image.Image], lang: str, config: str, prefix: str = "riskrad_batch_"
) -> dict[str, list[str]]:
    """Given images (crops to read), a language and a config, Tesseract's word table over
    all of them in one run (``page_num``: an image's place in the list + 1)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread: one Tesseract per core
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        paths = []
        for n, image in enumerate(images):
            path = os.path.join(tmp, f"crop{n:05d}.pgm")
            image.convert("L").save(path, format="PPM")
            paths.append(path)
        listing = os.path.join(tmp, "crops.txt")
        with open(listing, "w", encoding="utf-8") as handle:
            handle.write("\n".join(paths) + "\n")
        data: dict[str, list[str]] = pytesseract.image_to_data(
            listing, lang=lang, config=config, output_type=pytesseract.Output.DICT
        )
    return data
