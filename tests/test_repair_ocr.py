"""The repair chain on real English-model OCR: Swedish text rendered at 300 dpi, read by
`tesseract -l eng`, then repaired. Also checks the shipped benchmark OCR pages."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from riskrad.normalize.repair import repair_text

FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
PAGES = Path(__file__).resolve().parent.parent / "bench" / "data" / "repair_ocr_eng_pairs.pages.txt"
# Written for this test; not part of the lexicon's training text.
LINES = (
    "Förvaltningen har under året påbörjat en översyn av rutinerna för",
    "attest och utbetalning. Kontrollen visar att två av tio fakturor saknade",
    "underlag och att åtgärder behöver vidtas. Även behörigheterna i",
    "ekonomisystemet ska följas upp, eftersom några användare fortfarande",
    "har för höga behörigheter. Uppföljningen återrapporteras till nämnden.",
)


def english_ocr(lines: tuple[str, ...]) -> str:
    """Given text lines, render them at 300 dpi and return Tesseract's English-model text."""
    import pytesseract

    font = ImageFont.truetype(str(FONT), 44)
    image = Image.new("L", (2480, 160 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((120, 60 + row * 70), line, font=font, fill=0)
    return str(pytesseract.image_to_string(image, lang="eng", config="--dpi 300"))


def aligned(want: list[str], got: list[str]) -> list[tuple[str, str]]:
    """Given two token lists, return the one-to-one aligned token pairs."""
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    pairs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(want[i1:i2], got[j1:j2], strict=True))
    return pairs


def test_english_model_ocr_is_repaired() -> None:
    assert shutil.which("tesseract"), "tesseract is missing: run `make test` (installs it)"
    assert FONT.exists(), f"{FONT} is missing: run `make test` (installs fonts-liberation)"
    ocr = english_ocr(LINES)
    want = " ".join(LINES).split()
    damaged = [(w, o) for w, o in aligned(want, ocr.split()) if w != o]
    assert len(damaged) >= 8, "the English model should have garbled å/ä/ö"
    repaired = repair_text(ocr).text.split()
    pairs = aligned(want, repaired)
    right = sum(1 for w, r in pairs if w == r)
    assert right / len(want) >= 0.95


def test_shipped_ocr_pages_hold_damage_and_originals() -> None:
    text = PAGES.read_text(encoding="utf-8")
    blocks = text.split("=== page ")[1:]
    assert len(blocks) >= 10
    first = blocks[0]
    assert "--- original\n" in first and "--- ocr\n" in first
    original = first.split("--- original\n")[1].split("\n--- ocr\n")[0]
    assert "ä" in original
