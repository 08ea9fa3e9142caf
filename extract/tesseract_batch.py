"""One Tesseract run over many crops of a page: cells, lines, turned labels, numbers.

The crops are read one after another by this process's Tesseract engine for the language
and config (extract/tesseract_api.py: the model loaded once per process); where that engine
cannot be had, each crop is saved as a grey PGM file, the files are listed, and the
``tesseract`` command reads the listing in one start. Either way ``page_num`` in the word
table is a crop's place + 1, and the table is the same.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from functools import cache

import pytesseract
from PIL import Image

from riskrad.extract.tesseract_api import read_tsv


def framed(image: Image.Image, pad: int) -> Image.Image:
    """Given a grey image and a margin in pixels, the image on a white frame that wide
    (Tesseract reads a crop's edge badly without one)."""
    frame = Image.new("L", (image.width + 2 * pad, image.height + 2 * pad), 255)
    frame.paste(image, (pad, pad))
    return frame


@cache
def tesseract_version() -> str:
    """Given nothing, the installed Tesseract command's version string (cached)."""
    return str(pytesseract.get_tesseract_version())


def word_table(tsv: str) -> dict[str, list[str]]:
    """Given Tesseract's TSV text, its word table as pytesseract's ``image_to_data`` gives
    it (``output_type=DICT``)."""
    table: dict[str, list[str]] = pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)
    return table


def tesseract_batch(
    images: Sequence[Image.Image], lang: str, config: str, prefix: str = "riskrad_batch_"
) -> dict[str, list[str]]:
    """Given images (crops to read), a language and a config, Tesseract's word table over
    all of them in one run (``page_num``: an image's place in the list + 1)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread: one Tesseract per core
    tsv = read_tsv(images, lang, config, tesseract_version())
    if tsv is not None:
        return word_table(tsv)
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
