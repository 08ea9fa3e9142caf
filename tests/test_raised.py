"""A number's raised footnote mark on a scan ("3²" read "32") given back as a superscript."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from riskrad.extract.raised import raised_marks
from riskrad.model.records import BBox, Word

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCALE = 300 / 72  # pixels per point


def _page(draw_mark: bool) -> tuple[Image.Image, Word]:
    """Given whether the last digit is set raised and small, a page image of "12" followed
    by a "2" (raised and small, or on the baseline in the same size) and Tesseract's word."""
    image = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(image)
    big = ImageFont.truetype(FONT, 40)
    small = ImageFont.truetype(FONT, 24)
    draw.text((100, 80), "12", font=big, fill=0)
    right = 100 + draw.textlength("12", font=big) + 2
    if draw_mark:
        draw.text((right, 72), "2", font=small, fill=0)
    else:
        draw.text((right, 80), "2", font=big, fill=0)
    x0, y0, x1, y1 = Image.eval(image, lambda v: 255 - v).getbbox() or (0, 0, 1, 1)
    word = Word("122", BBox(x0 / SCALE, y0 / SCALE, x1 / SCALE, y1 / SCALE), origin="ocr")
    return image, word


def test_a_raised_small_last_digit_is_a_footnote_mark() -> None:
    # report_items_footnotes: R "12¹" and S "3²" read "121" and "32" on the scans
    image, word = _page(draw_mark=True)
    assert [w.text for w in raised_marks(image, (word,), SCALE)] == ["12²"]


def test_a_digit_on_the_baseline_stays_a_digit() -> None:
    image, word = _page(draw_mark=False)
    assert [w.text for w in raised_marks(image, (word,), SCALE)] == ["122"]
