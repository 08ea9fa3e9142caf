"""Check boxes on scanned forms: found in the page image as box-shaped components, ticked
or empty by the ink inside them, put in the OCR words as "☒" / "☐" in place of what
Tesseract made of them ("10" for "1 ☐", "3H" for "3 ☒", "OD", "E", "0"), so that a form's
row of boxes reads as its text layer does (extract/choices.py); and nothing else on a
page taken for a box: round letters and digits, bullets, a table's small cells, colour
keys, a filled or hollow square standing alone.

The pages are drawn here with reportlab and scanned with the layout generator's scanner
(corpus/layoutgen/scan.py: resolution, skew, noise, blur, JPEG), so the tests need no
files outside the repo.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from riskrad.extract.checkboxes import (
    EMPTY_GLYPH,
    TICKED_GLYPH,
    Box,
    box_words,
    check_boxes,
)
from riskrad.extract.choices import chosen
from riskrad.extract.ocr import OcrJob, OcrResult, run_job
from riskrad.extract.render import deskew, render_with_colour
from riskrad.extract.scan_image import page_lines
from riskrad.model.records import BBox, Word

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.scan import Look, scan_pages

FONT, BOLD = "BoxSans", "BoxSansBold"
pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont(BOLD, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))

LOOKS = {
    "200dpi": Look(dpi=200, colour=False, skew=1.3, noise=6.5, blur=0.6, quality=38),
    "300dpi": Look(dpi=300, colour=True, skew=-1.8, noise=7.5, blur=0.7, quality=35),
}
VALUE_X = 200.0  # where a row's boxes start
STEP_X = 70.0  # a scale's steps' cells apart

# each row of the form: its label, the y of its baseline (from the top) and what it wants
# read: the line's words left to right after the label
FORM_ROWS = {
    "Sannolikhet": (120.0, "1 ☐ 2 ☐ 3 ☒ 4 ☐"),
    "Konsekvens": (145.0, "☐ 1 ☒ 2 ☐ 3 ☐ 4"),
    "Kontrollen utförd": (170.0, "☐ Ja ☐ Delvis ☒ Nej"),
    "Avvikelser": (195.0, "☒ Ja ☐ Nej"),
    "Rutinen följs": (220.0, "☐ Ja ☒ Nej"),
    "Dokumenterad": (245.0, "☒ Ja ☐ Nej"),
}


def _steps(c: Canvas, top: float, height: float, texts: list[str]) -> None:
    """Given a canvas, a row's baseline and texts, each text in its own cell of the scale."""
    for n, text in enumerate(texts):
        c.drawString(VALUE_X + n * STEP_X, height - top, text)


def _drawn_box(c: Canvas, x: float, base: float, ticked: bool) -> None:
    """Given a canvas, a box's left and baseline (PDF y) and whether it is ticked, a box drawn
    as a square outline of the text's height, ticked with a cross (a form made in Word
    with drawn boxes, not glyphs)."""
    c.setLineWidth(0.6)
    c.rect(x, base - 0.5, 7.5, 7.5, stroke=1, fill=0)
    if ticked:
        c.line(x + 1.2, base + 0.7, x + 6.3, base + 5.8)
        c.line(x + 1.2, base + 5.8, x + 6.3, base + 0.7)


def draw_form(path: Path) -> None:
    """Given a path, a self-assessment form with each kind of box: glyphs "☐"/"☒" after and
    before a scale's steps, a Ja/Delvis/Nej question as one line, "■"/"□" glyphs, boxes
    drawn as squares with a cross, and a question on a shaded cell."""
    c = Canvas(str(path), pagesize=A4)
    _, height = A4
    c.setFont(BOLD, 13)
    c.drawString(60, height - 80, "Självskattning intern kontroll")
    for label, (top, _) in FORM_ROWS.items():
        c.setFont(BOLD, 10)
        c.drawString(60, height - top, label)
    c.setFont(FONT, 10)
    _steps(c, 120.0, height, ["1 ☐", "2 ☐", "3 ☒", "4 ☐"])
    _steps(c, 145.0, height, ["☐ 1", "■ 2", "□ 3", "□ 4"])
    c.drawString(VALUE_X, height - 170, "☐ Ja   ☐ Delvis   ☒ Nej")
    _drawn_box(c, VALUE_X, height - 195, True)
    c.drawString(VALUE_X + 11, height - 195, "Ja")
    _drawn_box(c, VALUE_X + 35, height - 195, False)
    c.drawString(VALUE_X + 46, height - 195, "Nej")
    c.drawString(VALUE_X, height - 220, "□ Ja   ■ Nej")
    c.setFillColor(colors.HexColor("#dde8f3"))
    c.rect(VALUE_X - 4, height - 250, 200, 16, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.drawString(VALUE_X, height - 245, "☒ Ja   ☐ Nej")
    c.showPage()
    c.save()


def draw_no_boxes(path: Path) -> None:
    """Given a path, a page with nothing a box: round letters and digits ("o", "O", "0",
    "Ö"), bullets, bold capitals with straight sides ("D", "B", "H", "E"), a small ruled
    grid of square cells (a risk matrix) some of them coloured, a colour key of small filled
    squares in one line, a hollow and a filled square each alone on its line."""
    c = Canvas(str(path), pagesize=A4)
    _, height = A4
    c.setFont(BOLD, 13)
    c.drawString(60, height - 80, "DOKUMENTHANTERING OCH BEHÖRIGHETER 2024")
    c.setFont(FONT, 10)
    lines = [
        "Kontroll 0 av 10 (O) och 100 % av 0,0 mnkr o. s. v. Ökad risk; ö och o.",
        "• Bevakning av avtal   • Uppföljning av 0 ärenden   • Rapport 00/00",
        "D B H E O Q 0 8 o e a",
    ]
    for n, line in enumerate(lines):
        c.drawString(60, height - 110 - 20 * n, line)
    c.setFont(BOLD, 10)
    c.drawString(60, height - 170, "DBHEO 0800 OOO")
    # a 5 x 5 matrix of 9 pt cells, some filled
    x0, top = 60.0, 200.0
    fills = {(0, 4): "#ff0000", (1, 3): "#ffc000", (2, 2): "#ffff00", (4, 0): "#00b050"}
    for r in range(5):
        for k in range(5):
            colour = fills.get((r, k))
            if colour:
                c.setFillColor(colors.HexColor(colour))
                c.rect(x0 + 9 * k, height - top - 9 * (r + 1), 9, 9, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setLineWidth(0.5)
    for n in range(6):
        c.line(x0 + 9 * n, height - top, x0 + 9 * n, height - top - 45)
        c.line(x0, height - top - 9 * n, x0 + 45, height - top - 9 * n)
    # a colour key: filled squares of the text's height, one line
    for n, (word, colour) in enumerate(
        (("Grön", "#00b050"), ("Gul", "#ffc000"), ("Röd", "#c00000"))
    ):
        c.setFillColor(colors.HexColor(colour))
        c.rect(200 + 60 * n, height - 212, 7, 7, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.drawString(210 + 60 * n, height - 212, word)
    c.drawString(200, height - 240, "□ Bilaga saknas")
    c.drawString(200, height - 260, "■ Beslut fattat")
    c.showPage()
    c.save()


def scan(path: Path, look: Look) -> Path:
    """Given a born-digital one-page PDF and a look, its scan as an image-only PDF."""
    out = path.with_name(f"{path.stem}_scan{look.dpi}.pdf")
    damage.image_pdf(scan_pages(path, look, 7), out, "scan")
    return out


def page_boxes(pdf: Path) -> tuple[list[Box], float]:
    """Given a scanned one-page PDF, the check boxes found on its page straightened as the
    OCR job does it, and the pixels per point."""
    image, _, width, _ = render_with_colour(pdf, 0, 300)
    image, _ = deskew(image)
    lines = page_lines(image, dpi=300)
    return check_boxes(lines.grey, image.width / width), image.width / width


@pytest.fixture(scope="module", params=sorted(LOOKS))
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("form")
    draw_form(folder / "form.pdf")
    return scan(folder / "form.pdf", LOOKS[request.param])


@pytest.fixture(scope="module")
def form_read(form: Path, tmp_path_factory: pytest.TempPathFactory) -> OcrResult:
    return run_job(OcrJob(form, 0, cache_dir=tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module", params=sorted(LOOKS))
def no_boxes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("no_boxes")
    draw_no_boxes(folder / "page.pdf")
    return scan(folder / "page.pdf", LOOKS[request.param])


def line_after_label(words: tuple[Word, ...], label: str, top: float) -> str:
    """Given a page's words, a row's label and its baseline from the top, the words of
    its line right of VALUE_X, left to right."""
    line = [w for w in words if w.bbox.top - 3 <= top - 4 <= w.bbox.bottom + 3]
    return " ".join(w.text for w in sorted(line, key=lambda w: w.bbox.x0) if w.bbox.x0 > 190)


def test_the_boxes_of_a_scanned_form_are_found_ticked_and_empty(form: Path) -> None:
    boxes, scale = page_boxes(form)
    found = {
        label: "".join(
            TICKED_GLYPH if b.ticked else EMPTY_GLYPH
            for b in sorted(boxes, key=lambda b: b.x0)
            if abs((b.top + b.bottom) / 2 / scale - (top - 3.5)) < 4
        )
        for label, (top, _) in FORM_ROWS.items()
    }
    want = {
        label: "".join(ch for ch in text if ch in "☐☒") for label, (_, text) in FORM_ROWS.items()
    }
    assert found == want
    assert len(boxes) == sum(len(v) for v in want.values())  # no box elsewhere


def test_a_scanned_forms_rows_of_boxes_read_as_its_text_layer(form_read: OcrResult) -> None:
    # Tesseract read "1 ☐" as "10", "3 ☒" as "3H", "☐ Ja" as "OD Ja", "■ 2" as "E 2":
    # no row of boxes, no value chosen
    read = {
        label: line_after_label(form_read.words, label, top)
        for label, (top, _) in FORM_ROWS.items()
    }
    # the labels' letters are Tesseract's (at 300 dpi it read "☐ Ja" glued as "Oja")
    assert {k: v.lower() for k, v in read.items()} == {
        label: text.lower() for label, (_, text) in FORM_ROWS.items()
    }
    assert chosen(read["Sannolikhet"]) == "3"
    assert chosen(read["Konsekvens"]) == "2"
    assert chosen(read["Kontrollen utförd"]) == "Nej"
    assert chosen(read["Avvikelser"]) == "Ja"


def test_no_box_is_found_on_a_page_without_boxes(no_boxes: Path) -> None:
    boxes, _ = page_boxes(no_boxes)
    assert boxes == []


def test_a_scanned_page_without_boxes_reads_no_box(
    no_boxes: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if "scan200" not in no_boxes.name:
        pytest.skip("one look is read (OCR is slow); the boxes are sought at both")
    result = run_job(OcrJob(no_boxes, 0, cache_dir=tmp_path_factory.mktemp("cache")))
    assert not [w.text for w in result.words if set(w.text) & {TICKED_GLYPH, EMPTY_GLYPH}]


def test_a_box_takes_the_place_of_what_its_ink_was_read_as() -> None:
    # box words over words: "10" (digit and box glued) keeps its digit, "OD" (the box alone)
    # goes, "Ja" beside it stays
    import numpy as np

    grey = np.full((200, 400), 235, dtype=np.uint8)
    scale = 4.0  # pixels per point

    def square(x: int, y: int, ticked: bool) -> None:
        grey[y : y + 26, x : x + 26] = 40
        grey[y + 3 : y + 23, x + 3 : x + 23] = 235
        if ticked:
            for i in range(3, 23):
                grey[y + i, x + i - 1 : x + i + 2] = 40
                grey[y + i, x + 25 - i - 1 : x + 25 - i + 2] = 40

    square(40, 40, False)
    square(200, 40, True)
    square(40, 120, True)
    square(200, 120, False)

    def word(text: str, x0: float, x1: float, top: float) -> Word:
        return Word(text, BBox(x0, top, x1, top + 6.5), origin="ocr", confidence=0.5)

    words = (
        word("10", 4.0, 16.5, 10.0),  # "1" at 4-7.5, the box at 10-16.5
        word("2", 44.0, 47.5, 10.0),
        word("OD", 10.0, 16.5, 30.0),
        word("Ja", 18.0, 23.0, 30.0),
    )
    out = box_words(words, check_boxes(grey, scale), scale)
    assert [w.text for w in out] == ["1", "☐", "2", "☒", "☒", "Ja", "☐"]


def test_a_forms_scale_columns_run_through_no_shaded_row_of_the_form_above(
    tmp_path: Path,
) -> None:
    # two forms one above the other, each a table of its own: the upper form's scale
    # columns (S and K in boxes, x about 473) stop under its S and K rows, its shaded
    # control rows span the value column. The lower form's scale columns made a gap with
    # the upper's, and the line was drawn through the upper form's shaded rows as a line
    # hidden under a fill: its control cells split, its risk and two controls lost
    # (follow_up_checkbox_forms tune seed 4, scanned)
    from layoutgen.build import Job, build
    from layoutgen.scan import look_for

    pdf = build(Job("follow_up_checkbox_forms", 4, "reportlab", "tune", tmp_path))
    out = tmp_path / "forms_scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), 4), out, "scan")
    image, _, _, _ = render_with_colour(out, 0, 300)
    image, _ = deskew(image)
    verticals = [r for r in page_lines(image, dpi=300).rulings if r.orientation == "v"]
    scale = [r for r in verticals if 465 < r.x0 < 480]
    assert scale  # the S and K rows' column lines are found
    assert not [r for r in scale if r.top < 465 and r.bottom > 250]  # none below them
