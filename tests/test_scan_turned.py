"""Turned column labels on scans: read, marked turned and set in their header row.

A narrow column's label set a quarter turn against the page ("Sannolikhet", "Risk (S×K)",
"ID", "Nr.") is one turned word in the text layer, which the table reader sets in its header
row. On a scan, Tesseract's page read either reads it as upright letters of low confidence
("H £ M 3 c 0 E", "X", "=") or as a line of its own whose words look upright; both lost the
column (its numbers ran into the neighbouring text cell) or split the header row. Generated
documents (tune seeds) scanned as the generator scans them, read with real Tesseract.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from riskrad.extract.blocks import page_blocks, split_page
from riskrad.extract.ocr import (
    OcrJob,
    drop_upright_strokes,
    page_record,
    run_job,
    turned_words,
)
from riskrad.extract.scan_image import bold_words
from riskrad.extract.tables import Grid
from riskrad.extract.textlayer import read_text_layer
from riskrad.model.records import BBox, PageDecision, Word

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import look_for, scan_pages


def generated_scan(factory: pytest.TempPathFactory, family: str, seed: int) -> tuple[Path, Path]:
    """Given a family and a tune seed, the generated PDF and its scan as the generator makes
    it (the document's dpi, JPEG quality, skew and noise)."""
    folder = factory.mktemp(f"{family}_{seed}")
    pdf = build(Job(family, seed, "reportlab", "tune", folder))
    out = folder / f"{family}_{seed}_scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), seed), out, "scan")
    return pdf, out


def ocr_grids(scan: Path, page: int, cache: Path) -> list[Grid]:
    """Given a scan, a page index and a cache folder, the page's grids (ruled and unruled) as
    the recognizer sees them from the OCR route."""
    record = page_record(
        run_job(OcrJob(scan, page, cache_dir=cache)), PageDecision(route="ocr", reason="")
    )
    return [b for b in page_blocks(split_page(record)) if isinstance(b, Grid)]


def cell_texts(grid: Grid) -> list[list[str]]:
    """Given a grid, its rows' cell texts (each on one line)."""
    return [[c.text.replace("\n", " ") if c else "" for c in row] for row in grid.rows]


def text_words(pdf: Path, page: int) -> tuple[Word, ...]:
    """Given a born-digital PDF and a page index, the page's text-layer words."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return read_text_layer(doc[page], page + 1).words
    finally:
        doc.close()


def test_turned_labels_read_as_upright_bits_are_read_turned_upright(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # report_chapter_plan tune seed 0, page 2: the plan's value columns are labelled
    # "Sannolikhet", "Konsekvens (1–5)", "Riskvärde" turned a quarter; the page read gave
    # "H £ M 3 c 0 E", "ET Ue ig un § NÅ", "Sr 302 ae" (so the three columns' numbers went
    # to the wrong fields: numeric 0.25 on the tune scans)
    pdf, scan = generated_scan(tmp_path_factory, "report_chapter_plan", 0)
    born = [w for w in text_words(pdf, 1) if w.turned]
    assert [w.text for w in born] == ["Sannolikhet", "Konsekvens (1–5)", "Riskvärde"]
    words = run_job(OcrJob(scan, 1, use_cache=False)).words
    turned = {w.text: w for w in words if w.turned}
    assert set(turned) == {"Sannolikhet", "Konsekvens (1-5)", "Riskvärde"}, turned
    for want in born:
        got = turned[want.text.replace("–", "-")].bbox
        assert abs(got.xmid - want.bbox.xmid) < 3 and abs(got.ymid - want.bbox.ymid) < 6
    inside = [
        w.text
        for w in words
        if not w.turned
        and any(
            t.bbox.x0 - 2 < w.bbox.xmid < t.bbox.x1 + 2 and t.bbox.top < w.bbox.ymid < t.bbox.bottom
            for t in born
        )
    ]
    assert inside == [], inside  # no bit of a label read upright is left


@pytest.mark.parametrize("page", [1, 2])
def test_turned_labels_in_tall_cells_are_read_whole(
    tmp_path_factory: pytest.TempPathFactory, page: int
) -> None:
    # report_chapter_plan tune seed 0, page 3: the same three labels on a dark header row
    # read "likhet", "(1-5)" and no "Riskvärde": the page read's bits "3 MY: ng un ) MM" and
    # "S 5 E" were two patches the turned read took apart or left, and the bits' "3" and
    # "5" made the header's value columns shift (S, K and R each the next column's value:
    # numeric 0.400); each tall narrow header cell is now read whole, turned upright
    pdf, scan = generated_scan(tmp_path_factory, "report_chapter_plan", 0)
    born = [w for w in text_words(pdf, page) if w.turned]
    assert [w.text for w in born] == ["Sannolikhet", "Konsekvens (1–5)", "Riskvärde"]
    words = run_job(OcrJob(scan, page, cache_dir=tmp_path_factory.mktemp("cache"))).words
    turned = sorted((w for w in words if w.turned), key=lambda w: w.bbox.x0)
    assert [w.text.replace("-", "–") for w in turned] == [w.text for w in born]
    header = BBox(
        min(w.bbox.x0 for w in born) - 2,
        min(w.bbox.top for w in born),
        max(w.bbox.x1 for w in born) + 2,
        max(w.bbox.bottom for w in born),
    )
    upright = [w.text for w in words if not w.turned and _in(w.bbox, header)]
    assert upright == [], upright


def _in(box: BBox, area: BBox) -> bool:
    """Given a word's box and an area, whether the word's middle lies in the area."""
    return area.x0 < box.xmid < area.x1 and area.top < box.ymid < area.bottom


def test_short_turned_labels_give_their_columns(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # report_follow_up tune seed 0, page 3: "Nr." and "S×K" turned over narrow columns were
    # read "=" and "X" + "an"; the S×K column's numbers had no label (risk value empty); and
    # a speck between two columns read as a tall "—" broke the third risk's row in two
    _, scan = generated_scan(tmp_path_factory, "report_follow_up", 0)
    grids = ocr_grids(scan, 2, tmp_path_factory.mktemp("cache"))
    assert [(len(g.rows), g.n_cols) for g in grids] == [(4, 11)]
    rows = cell_texts(grids[0])
    assert rows[0][0] == "Nr." and rows[0][3] == "SxK", rows[0]
    assert rows[1][:4] == [
        "Risk 1",
        "Attest sker i strid med attestreglementet",
        "Anseenderisk",
        "5",
    ]
    assert rows[2][:4] == [
        "Risk 2",
        "Felaktiga utbetalningar till leverantörer",
        "Personalrisk",
        "25",
    ]
    assert rows[3][:3] == ["Risk 3", "Felaktig periodisering vid bokslut", "Ekonomisk risk"]


def test_a_turned_label_read_as_a_line_of_its_own_stays_in_its_header_row(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # report_follow_up tune seed 1, page 3: "Risk (S×K)" turned over a narrow column between
    # the control and its responsible: the page read gave "Risk" and "(SxK)" as upright-looking
    # words, so the label made a row of its own under the header, the column was lost and its
    # numbers read into the control's text ("Uppföljning av 6 elevfrånvaro")
    _, scan = generated_scan(tmp_path_factory, "report_follow_up", 1)
    grids = ocr_grids(scan, 2, tmp_path_factory.mktemp("cache"))
    assert [(len(g.rows), g.n_cols) for g in grids] == [(6, 11)]
    rows = cell_texts(grids[0])
    assert rows[0][3] == "Risk (SxK)" and rows[0][7] == "Metod för uppföljning", rows[0]
    assert rows[2][2] == "Uppföljning av elevfrånvaro" and rows[2][3] == "6", rows[2]


def test_turned_words_of_one_line_are_one_turned_word() -> None:
    # the words Tesseract gives for a turned line, in its reading order (bottom to top), and
    # an upright word beside them
    risk = Word("Risk", BBox(257.8, 98.1, 263.8, 114.2), origin="ocr", font_size=16.0)
    sxk = Word("(SxK)", BBox(257.8, 74.4, 265.4, 95.7), origin="ocr", font_size=21.4)
    label = Word("Kontrollansvarig", BBox(273.0, 76.0, 335.0, 83.0), origin="ocr")
    one = Word("1", BBox(55.0, 134.0, 58.0, 139.0), origin="ocr")
    out = turned_words((risk, sxk, label, one))
    assert [(w.text, w.turned) for w in out] == [
        ("Risk (SxK)", True),
        ("Kontrollansvarig", False),
        ("1", False),
    ]
    assert out[0].bbox == BBox(257.8, 74.4, 265.4, 114.2)
    assert abs(out[0].font_size - 7.6) < 0.1  # its letters' height: the box's width


def test_a_word_of_a_size_too_few_words_have_takes_its_neighbours_bold() -> None:
    # a bold header line over body lines, drawn at 300 dpi; one of its labels is read as one
    # tall letter (a turned "S×K" read "X" in a box twice a letter's height): no other word
    # of that size to compare its strokes with, so it was not bold and the header line was
    # no longer all bold (report_follow_up tune 0: the table's three rows read as one)
    regular = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 34)
    tall = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 80)
    image = Image.new("L", (2400, 700), 255)
    draw = ImageDraw.Draw(image)
    scale = 300 / 72
    words: list[Word] = []

    def put(text: str, x: int, y: int, font: ImageFont.FreeTypeFont) -> None:
        """Given a word, where and in which font, it drawn and its box kept (points)."""
        draw.text((x, y), text, font=font, fill=0)
        x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font)
        words.append(Word(text, BBox(x0 / scale, y0 / scale, x1 / scale, y1 / scale), "ocr"))

    labels = ("Risk", "Kategori", "Kontroll", "Ansvarig", "Frekvens", "Resultat", "Status")
    for n, label in enumerate(labels):
        put(label, 40 + 300 * n + (160 if n > 2 else 0), 40, bold)
    put("X", 40 + 300 * 3, 20, tall)
    body = ("Attest", "sker", "strid", "med", "reglementet", "enligt", "beslut", "kontroll")
    for row in range(4):
        for n, text in enumerate(body):
            put(text, 40 + 280 * n, 200 + 110 * row, regular)
    # and a speck read as ";" at the top of the first label's line, left of it (rows: a glyph
    # takes the bold of the word whose line it stands in)
    first = words[0].bbox
    speck = BBox(first.x0 - 4.0, first.top, first.x0 - 3.5, first.top + 0.25 * first.height)
    words.append(Word(";", speck, "ocr", confidence=0.21))
    out = bold_words(image, tuple(words), scale)
    assert [w.bold for w in out[: len(labels)]] == [True] * len(labels)
    assert not any(w.bold for w in out[len(labels) + 1 : -1])
    assert out[len(labels)].text == "X" and out[len(labels)].bold
    assert out[-1].text == ";" and out[-1].bold


def test_flat_strokes_in_a_tall_box_are_no_word() -> None:
    # "—" and "=" are wider than tall: read in a box taller than wide they were a speck
    word = Word("vid", BBox(139.0, 257.0, 150.0, 264.0), origin="ocr")
    speck = Word("—", BBox(158.0, 256.0, 160.5, 266.0), origin="ocr", confidence=0.13)
    dash = Word("—", BBox(60.0, 300.0, 68.0, 301.0), origin="ocr", confidence=0.3)
    equals = Word("=", BBox(70.0, 300.0, 74.5, 302.5), origin="ocr")
    tall_equals = Word("=", BBox(80.0, 296.0, 83.0, 306.0), origin="ocr")
    out = drop_upright_strokes((word, speck, dash, equals, tall_equals))
    assert out == (word, dash, equals)


def test_a_turned_label_read_right_without_confidence_is_taken(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """minutes_turned_colour tune seed 13 (greyscale scan, session 32): the turned
    "Sannolikhet" cropped close by a ruling found along its letters is read right by
    Tesseract with confidence 0, so the column had no label and its grey S cells no field.
    A turned reading that spells a header label is taken however unsure."""
    _, scan = generated_scan(tmp_path_factory, "minutes_turned_colour", 13)
    grids = ocr_grids(scan, 1, tmp_path)
    headers = [[c.text for c in row if c] for grid in grids for row in grid.rows[:1]]
    assert any("Sannolikhet" in texts for texts in headers), headers
