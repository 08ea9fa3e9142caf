"""Lines of words Tesseract's page read broke or left letters out of, read again piece by
piece (extract/line_reread.py). The page is drawn here with PIL; the word table stands in
for the page read's."""

from __future__ import annotations

from typing import Any

from PIL import Image, ImageDraw, ImageFont

from riskrad.extract.line_reread import reread_fragments
from riskrad.extract.ocr import words_from_tsv

FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 42)  # 10 pt at 300 dpi
LINES = ((40, "som av man ur om nu"), (120, "Genomgång av kontinuitetsplaner"))


def drawn() -> tuple[Image.Image, list[tuple[int, str, tuple[int, int, int, int]]]]:
    """Given nothing, a page of LINES and every word's line number, text and ink box."""
    image = Image.new("L", (1500, 220), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for n, (top, text) in enumerate(LINES):
        draw.text((40, top), text, font=FONT, fill=0)
        x = 40.0
        for word in text.split():
            boxes.append((n + 1, word, draw.textbbox((x, top), word, font=FONT)))
            x += draw.textlength(word + " ", font=FONT)
    return image, boxes


def table(rows: list[tuple[int, str, tuple[int, int, int, int]]]) -> dict[str, list[Any]]:
    """Given words' line numbers, texts and boxes, a word table as Tesseract gives it."""
    keys = ("level", "page_num", "block_num", "par_num", "line_num", "word_num")
    out: dict[str, list[Any]] = {k: [] for k in (*keys, "left", "top", "width", "height")}
    out["conf"], out["text"] = [], []
    for n, (line, text, (x0, y0, x1, y1)) in enumerate(rows):
        for k, v in zip(keys, (5, 1, 1, 1, line, n + 1), strict=True):
            out[k].append(v)
        out["left"].append(x0)
        out["top"].append(y0)
        out["width"].append(x1 - x0)
        out["height"].append(y1 - y0)
        out["conf"].append(95.0)
        out["text"].append(text)
    return out


def texts(data: dict[str, list[Any]]) -> list[str]:
    """Given a word table, its words' texts."""
    return [w.text for w in words_from_tsv(data, scale_x=1.0, scale_y=1.0)]


def test_letters_the_page_read_left_out_of_a_word_are_read_again() -> None:
    # "Genomgång" read as "G gång": "enom" stands in no word's box, though every box is as
    # tall as a word's; the stretch of the line around it is read again and replaces it
    image, boxes = drawn()
    read = []
    for line, text, (x0, y0, x1, y1) in boxes:
        if text != "Genomgång":
            read.append((line, text, (x0, y0, x1, y1)))
            continue
        cut = x0 + round(FONT.getlength("Genom"))
        read.append((line, "G", (x0, y0, x0 + round(FONT.getlength("G")), y1)))
        read.append((line, "gång", (cut, y0, x1, y1)))
    data = table(read)
    assert texts(data)[6:8] == ["G", "gång"]
    again = texts(reread_fragments(image, data, lang="swe", dpi=300))
    assert again == [t for _, t in LINES for t in t.split()]


def test_a_line_read_whole_is_left_as_it_is() -> None:
    image, boxes = drawn()
    data = table(boxes)
    assert reread_fragments(image, data, lang="swe", dpi=300) is data
