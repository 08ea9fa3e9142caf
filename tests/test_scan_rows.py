"""Rows of a scanned table kept apart: hairline row lines too faint for the stroke search,
a tight dark header with light text read whole, coloured value cells passed on as fills.

The pages are a generated plan (corpus/layoutgen) and one drawn here with reportlab
(green/yellow/red value cells), scanned with the layout generator's scanner (200 dpi,
skew, noise, JPEG 38), so the tests need no files outside the repo.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from riskrad.extract.blocks import page_blocks, split_page
from riskrad.extract.cell_ocr import lone_numbers, stacked_rows
from riskrad.extract.line_reread import is_fragment, reread_fragments, x_height
from riskrad.extract.ocr import (
    OcrJob,
    OcrResult,
    full_height,
    ocr_page_words,
    one_capital,
    page_record,
    run_job,
    tesseract_config,
    tesseract_table,
    words_from_tsv,
)
from riskrad.extract.recognize import recognise
from riskrad.extract.render import deskew, render_page
from riskrad.extract.scan_image import clean_for_ocr, complete_header_columns, page_lines
from riskrad.extract.tables import Grid, find_grids
from riskrad.extract.tableview import header_of
from riskrad.extract.textlayer import TextLayerPage, read_text_layer
from riskrad.model.records import BBox, PageDecision, RawRisk, Ruling, Word

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import Look, look_for, scan_pages

FONT, BOLD = "ScanRowsSans", "ScanRowsSansBold"
pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont(BOLD, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
DPI = 300
PAGE = landscape(A4)
TOP = 120.0  # table top in points, from the page's top
COLS = (60.0, 220.0, 420.0, 520.0, 620.0)
HEADER_H, ROW_H = 15.0, 34.0
HEADER = ("Process", "Beskrivning av risk", "Sannolikhet", "Konsekvens")
BODY = (
    ("Ekonomi och styrning", "Felaktiga utbetalningar till leverantörer", "3", "4"),
    ("Upphandling och inköp", "Avtal tecknas utan att upphandling gjorts", "2", "3"),
    ("Personal och arbetsmiljö", "Bristande kontroll av behörigheter i systemen", "4", "2"),
)
FILLS = (colors.HexColor("#8fd18f"), colors.HexColor("#ffe066"), colors.HexColor("#f08080"))
LOOK = Look(dpi=200, colour=True, skew=-1.7, noise=7.8, blur=0.35, quality=38)


def wrap(text: str) -> tuple[str, ...]:
    """Given a cell's text, it on two lines (split at the middle word)."""
    words = text.split()
    half = (len(words) + 1) // 2
    return (" ".join(words[:half]), " ".join(words[half:]))


def draw_plan(path: Path) -> None:
    """Given a path, a one-table landscape PDF there: a tight dark header with white bold
    labels, body cells of two lines, a 0.25 pt light grey grid and coloured value cells."""
    height = PAGE[1]
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    bottom = TOP + HEADER_H + ROW_H * len(BODY)
    c.setFillColor(colors.HexColor("#333333"))
    c.rect(COLS[0], height - TOP - HEADER_H, COLS[-1] - COLS[0], HEADER_H, stroke=0, fill=1)
    for r in range(len(BODY)):
        c.setFillColor(FILLS[r])
        top = TOP + HEADER_H + r * ROW_H
        c.rect(COLS[2], height - top - ROW_H, COLS[3] - COLS[2], ROW_H, stroke=0, fill=1)
    c.setStrokeColor(colors.HexColor("#b0b0b0"))
    c.setLineWidth(0.25)
    for y in [TOP] + [TOP + HEADER_H + r * ROW_H for r in range(len(BODY) + 1)]:
        c.line(COLS[0], height - y, COLS[-1], height - y)
    for x in COLS:
        c.line(x, height - TOP, x, height - bottom)
    c.setFillColor(colors.white)
    c.setFont(BOLD, 7.5)
    for x, label in zip(COLS, HEADER, strict=False):
        c.drawString(x + 3, height - TOP - 10.5, label)
    c.setFillColor(colors.black)
    c.setFont(FONT, 7.5)
    for r, row in enumerate(BODY):
        top = TOP + HEADER_H + r * ROW_H
        for x, text in zip(COLS, row, strict=False):
            for n, line in enumerate(wrap(text) if len(text) > 3 else (text,)):
                c.drawString(x + 3, height - top - 10 - 9 * n, line)
    c.setFont(BOLD, 14)
    c.drawString(COLS[0], height - 70, "Riskanalys och internkontrollplan 2024")
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Given nothing, the plan scanned in colour as an image-only PDF."""
    folder = tmp_path_factory.mktemp("scan_rows")
    clean = folder / "plan.pdf"
    draw_plan(clean)
    out = folder / "plan_scan.pdf"
    damage.image_pdf(scan_pages(clean, LOOK, 11), out, "scan")
    return out


@pytest.fixture(scope="module")
def read(scan: Path, tmp_path_factory: pytest.TempPathFactory) -> OcrResult:
    """Given the scan, its page read by the OCR job (empty cache)."""
    return run_job(OcrJob(scan, 0, cache_dir=tmp_path_factory.mktemp("cache")))


def generated_scan(
    factory: pytest.TempPathFactory, family: str, seed: int, name: str, split: str = "report"
) -> tuple[Path, Path]:
    """Given a family and one of its seeds (report seeds unless ``split`` says "tune"), the
    generated PDF and its scan as the generator makes it (the seed's dpi, JPEG quality,
    skew and noise)."""
    folder = factory.mktemp(name)
    pdf = build(Job(family, seed, "reportlab", split, folder))
    out = folder / f"{name}_scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), seed), out, "scan")
    return pdf, out


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated landscape plan (ruled_plan 1000: dark tight header, hairline
    grid, dense cells) and its scan as the generator makes it (200 dpi, JPEG 38)."""
    return generated_scan(tmp_path_factory, "ruled_plan", 1000, "plan")


def born_digital_page(pdf: Path) -> TextLayerPage:
    """Given the generated plan's PDF, its first page read from the text layer."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return read_text_layer(doc[0], 1)
    finally:
        doc.close()


def scan_rulings(scan: Path, page: int = 0) -> tuple[Ruling, ...]:
    """Given a scan and a page index, the rulings the line search finds on the page
    rendered at DPI and straightened."""
    image, _ = deskew(render_page(scan, page, DPI))
    return page_lines(image, dpi=DPI).rulings


def shapes(grids: list[Grid]) -> list[tuple[int, int]]:
    """Given grids, their (rows, columns)."""
    return [(len(g.rows), g.n_cols) for g in grids]


def test_faint_row_lines_give_the_born_digital_rows(plan: tuple[Path, Path]) -> None:
    pdf, scan = plan
    text = born_digital_page(pdf)
    rulings = scan_rulings(scan)
    want = shapes(find_grids(1, text.rulings, text.words))
    assert shapes(find_grids(1, rulings, text.words)) == want


def cell_spans(grids: list[Grid]) -> list[list[tuple[int, int, int, int]]]:
    """Given grids, each one's cells as (row, column, rows spanned, columns spanned)."""
    return [
        [(c.row, c.col, c.row_span, c.col_span) for row in g.rows for c in row if c is not None]
        for g in grids
    ]


@pytest.fixture(scope="module")
def broken_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated plan (ruled_plan 1001: hairline grid) and its scan, whose
    JPEG noise breaks column lines over whole rows."""
    return generated_scan(tmp_path_factory, "ruled_plan", 1001, "broken_plan")


def test_a_column_line_broken_over_whole_rows_still_parts_the_cells(
    broken_plan: tuple[Path, Path],
) -> None:
    # the stroke search found the Risknivå|Kontrollmoment line only over the header and some
    # rows; the faint search found the rest but dropped it as running along those pieces
    # (it overlapped their ends), so two body rows' cells spanned both columns
    pdf, scan = broken_plan
    text = born_digital_page(pdf)
    rulings = scan_rulings(scan)
    want = cell_spans(find_grids(1, text.rulings, text.words))
    assert cell_spans(find_grids(1, rulings, text.words)) == want


def test_a_tight_dark_header_is_read_to_the_same_fields(plan: tuple[Path, Path]) -> None:
    pdf, scan = plan
    text = born_digital_page(pdf)
    read = run_job(OcrJob(scan, 0, use_cache=False))
    born = find_grids(1, text.rulings, text.words)[0]
    grids = [g for g in find_grids(1, read.rulings, read.words) if g.n_cols == born.n_cols]
    assert grids, shapes(find_grids(1, read.rulings, read.words))
    got, want = header_of(grids[0]), header_of(born)
    assert got is not None and want is not None
    same = [a == b for a, b in zip(got[0], want[0], strict=True)]
    # 8 of the 10 labels, known misses: "P" beside the border ("Process/rutin"), "×" as "X"
    assert sum(same) >= len(same) - 2, (got, want)


def test_coloured_value_cells_come_back_as_fills(read: OcrResult) -> None:
    hues = []
    for r in range(len(BODY)):
        middle = TOP + HEADER_H + (r + 0.5) * ROW_H
        under = [
            f
            for f in read.fills
            if f.bbox.x0 <= (COLS[2] + COLS[3]) / 2 <= f.bbox.x1
            and f.bbox.top <= middle <= f.bbox.bottom
        ]
        assert len(under) == 1, (r, read.fills)
        red, green, _ = under[0].rgb
        hues.append("green" if green > red else "red" if red - green > 0.3 else "yellow")
    assert hues == ["green", "yellow", "red"]
    assert not any(f.bbox.x1 <= COLS[2] + 1 for f in read.fills)  # no fill from grey cells


CORPUS_SCAN = (
    Path(__file__).resolve().parents[1]
    / "corpus/Eskilstuna/2024/internkontrollrapport_2024_arbetsmarknadsnamnden_kort_scanned.pdf"
)


def test_stems_of_letters_lined_up_down_a_cell_are_no_column_line() -> None:
    # page 2, row 5, Kontrollmetod: the l of "Uppföljning", the i of "administratör" and the
    # l of "avvikelserapporter" stand one under the other, three lines of text, with the
    # cell's row lines above and below (a stroke closed at both ends): a phantom column line
    # that cut the words ("Uppföl jning") and, drawn on to the row line, split the cell
    rulings = scan_rulings(CORPUS_SCAN, 1)
    inside = [
        r
        for r in rulings
        if r.orientation == "v" and 362.0 < r.x0 < 475.0 and r.top < 361.0 and r.bottom > 319.0
    ]
    assert inside == []
    columns = {round(r.x0) for r in rulings if r.orientation == "v" and r.top < 330.0 < r.bottom}
    assert {51, 126, 233, 359, 478, 683, 791} <= columns


@pytest.fixture(scope="module")
def follow_up(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated follow-up report (follow_up_table 1000: zebra rows, no
    column lines, one-digit values alone in narrow columns) and its scan."""
    return generated_scan(tmp_path_factory, "follow_up_table", 1000, "follow_up")


def test_numbers_standing_alone_in_a_table_without_lines_are_read(
    follow_up: tuple[Path, Path],
) -> None:
    # Tesseract's page segmentation drops most of the lone digits under "Konsekvens" and
    # "S×K" (no cell lines, so no cell to read again): marks of a digit's size that no word
    # covers are read again
    pdf, scan = follow_up
    text = born_digital_page(pdf)
    want = [
        w
        for w in text.words
        if w.text.isdigit() and 200.0 < w.bbox.x0 < 280.0 and w.bbox.top > 160.0
    ]
    read = run_job(OcrJob(scan, 0, use_cache=False))
    found = [
        w
        for w in want
        if any(
            o.text == w.text
            and abs(o.bbox.xmid - w.bbox.xmid) < 6.0
            and abs(o.bbox.ymid - w.bbox.ymid) < 6.0
            for o in read.words
        )
    ]
    assert len(want) >= 8
    assert len(found) >= len(want) - 1, ([w.text for w in want], [w.text for w in found])


def test_a_lone_mark_keeps_only_a_number_or_a_capital() -> None:
    marks = [BBox(100, 100, 120, 110), BBox(200, 100, 210, 110), BBox(300, 100, 310, 110)]
    read = (
        Word("12", BBox(102, 101, 118, 109), origin="ocr"),
        Word("R", BBox(202, 101, 208, 109), origin="ocr"),
        Word("I", BBox(302, 101, 304, 109), origin="ocr"),
        Word("ab", BBox(104, 101, 110, 109), origin="ocr"),  # noise read as letters
        Word("Kontroll", BBox(400, 101, 440, 109), origin="ocr"),  # an empty cell's word
    )
    assert [w.text for w in lone_numbers(read, marks)] == ["12", "R", "Kontroll"]


@pytest.fixture(scope="module")
def legend(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated colour-legend risk table (colour_legend 1000: a light grey
    hairline grid, coloured S and K cells) and its scan as the generator makes it."""
    return generated_scan(tmp_path_factory, "colour_legend", 1000, "legend")


def test_faint_column_lines_of_a_header_row_are_found(legend: tuple[Path, Path]) -> None:
    # the header row's column lines and the table's left side are light grey hairlines that
    # the stroke search misses under JPEG noise (no fill's edge marks them, unlike the body's
    # coloured cells): found by the darkness profile of each row band, as row lines are
    pdf, scan = legend
    text = born_digital_page(pdf)
    label = next(w for w in text.words if w.text == "Identifierad")
    middle = label.bbox.ymid
    want = sorted(
        {round(r.x0) for r in text.rulings if r.orientation == "v" and r.top < middle < r.bottom}
    )
    assert len(want) >= 6
    found = [
        (r.x0 + r.x1) / 2
        for r in scan_rulings(scan)
        if r.orientation == "v" and r.top < middle < r.bottom
    ]
    missing = [x for x in want if not any(abs(x - f) <= 3.0 for f in found)]
    assert missing == [], (want, sorted(round(f) for f in found))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated spreadsheet export (excel_export 1001: bold serif text,
    no row lines in the text columns, grey S/K/R cells) and its scan (greyscale, 300 dpi)."""
    return generated_scan(tmp_path_factory, "excel_export", 1001, "export")


def test_the_tops_of_a_line_of_bold_letters_are_no_row_line(export: tuple[Path, Path]) -> None:
    # at the line search's resolution the serifs at the tops and feet of bold letters touch
    # ("systematiska", "Ekonomisk risk"): a long thin stroke, found as a row line and erased
    # with its pad before OCR, which then read the letters' lower halves ("Flkanamick risk")
    pdf, scan = export
    words = [w for w in born_digital_page(pdf).words if len(w.text) >= 6]
    assert len(words) > 60
    rulings = scan_rulings(scan)
    through = [
        (w.text, round(r.top))
        for r in rulings
        if r.orientation == "h"
        for w in words
        if w.bbox.top + 2.0 < r.top < w.bbox.bottom - 2.0
        and min(r.x1, w.bbox.x1) - max(r.x0, w.bbox.x0) > 10.0
    ]
    assert through == []
    rows = [r for r in rulings if r.orientation == "h" and r.x1 - r.x0 > 600.0]
    assert rows, "the rule under the header is still found"


@pytest.fixture(scope="module")
def zebra(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated follow-up export (excel_export 1000: zebra rows, coloured
    S/K/R cells spanning a risk's control rows, white cells drawn as white rectangles, so no
    column line shows on paper) and its colour scan."""
    return generated_scan(tmp_path_factory, "excel_export", 1000, "zebra")


@pytest.fixture(scope="module")
def zebra_read(zebra: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> OcrResult:
    """Given the zebra export's scan, its first page read by the OCR job (empty cache)."""
    return run_job(OcrJob(zebra[1], 0, cache_dir=tmp_path_factory.mktemp("zebra_cache")))


def test_a_table_whose_columns_show_no_lines_on_paper_is_read_whole(
    zebra: tuple[Path, Path], zebra_read: OcrResult
) -> None:
    # the zebra rows' and the coloured cells' edges make small grids whose cells hold several
    # columns of text ("Avstämning av budgetutfall … Förvaltningens ledningsgrupp Enhetschef
    # …"); the rows between them, white, were read as unruled pieces: rows shifted, risks
    # lost. Such grids are left to the unruled reader, their row lines kept
    pdf, _ = zebra
    expected = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    titles = {r["risk"] for r in expected["risks"] if r["page"] == 1}
    assert len(titles) == 5
    record = page_record(zebra_read, PageDecision(route="ocr", reason="test"))
    grids = [b for b in page_blocks(split_page(record), frozenset()) if isinstance(b, Grid)]
    table = max(grids, key=lambda g: len(g.rows))
    cells = {" ".join(c.text.split()) for row in table.rows for c in row if c is not None}
    assert table.n_cols == 11
    assert titles <= cells, sorted(titles - cells)


def test_one_row_of_coloured_value_cells_is_part_of_the_row_around_it(
    zebra: tuple[Path, Path], zebra_read: OcrResult
) -> None:
    # a risk's S, K and R cells, coloured, make a grid of one row of their own (the fills'
    # edges); with the risk's text beside it on both sides it is a block of the unruled
    # table, as grids of two or more such rows were: read as a table of its own, the risk
    # lost its three values
    pdf, _ = zebra
    want = expected_on_first_page(pdf, "probability")
    record = page_record(zebra_read, PageDecision(route="ocr", reason="test"))
    risks = recognise([record]).risks
    got = [r.fields["probability"].raw if "probability" in r.fields else None for r in risks]
    assert len(want) >= 4
    assert got == [str(v) for v in want]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated control report (control_report 1001: small tables of a light
    grey hairline grid, one per risk) and its scan (greyscale, JPEG)."""
    return generated_scan(tmp_path_factory, "control_report", 1001, "report")


def test_the_faint_left_side_of_each_table_is_found(report: tuple[Path, Path]) -> None:
    # each table's row lines break off where the first column's text stands near them, well
    # short of the table's light grey left side, so the side was never searched: the first
    # column (Kontrollaktivitet) was outside every grid and its controls were lost
    pdf, scan = report
    sides = [
        r
        for r in born_digital_page(pdf).rulings
        if r.orientation == "v" and r.x0 < 60.0 and r.bottom - r.top > 30.0
    ]
    assert len(sides) == 3
    found = [r for r in scan_rulings(scan) if r.orientation == "v"]
    missing = [
        (round(s.top), round(s.bottom))
        for s in sides
        if not any(
            abs(f.x0 - s.x0) <= 3.0 and f.top <= s.top + 3.0 and f.bottom >= s.bottom - 3.0
            for f in found
        )
    ]
    assert missing == []


def test_ocr_words_in_bold_type_are_marked_bold(
    zebra: tuple[Path, Path], zebra_read: OcrResult
) -> None:
    # OCR gives no font; the recognizer reads a lone area name in bold ("Ekonomi", "Styrning
    # och ledning") as a section row and a bold header's wrapped line as the header's: on
    # the scan those rows were read as risks. Words set bold are told by their strokes (a
    # title's few words of its size are not judged)
    text = born_digital_page(zebra[0]).words
    pairs = []
    for w in zebra_read.words:
        twin = [
            t
            for t in text
            if t.text == w.text
            and abs(t.bbox.xmid - w.bbox.xmid) < 4.0
            and abs(t.bbox.ymid - w.bbox.ymid) < 4.0
        ]
        if twin and len(w.text) >= 2 and w.bbox.top > 120.0:  # the table
            pairs.append((twin[0].bold, w.bold))
    bold = [got for want, got in pairs if want]
    regular = [got for want, got in pairs if not want]
    assert len(bold) >= 14 and len(regular) >= 100
    assert sum(bold) >= 0.9 * len(bold)
    assert sum(regular) <= 0.02 * len(regular)


def expected_on_first_page(pdf: Path, field: str) -> list[Any]:
    """Given a generated PDF and a risk field, the generator's values of it on page 1."""
    risks = json.loads(pdf.with_suffix(".expected.json").read_text())["risks"]
    return [r[field] for r in risks if r["page"] == 1]


def first_page_risks(scan: Path) -> tuple[RawRisk, ...]:
    """Given a scanned PDF, the raw risks recognised on its first page, OCR'd afresh."""
    read = run_job(OcrJob(scan, 0, use_cache=False))
    return tuple(recognise([page_record(read, PageDecision(route="ocr", reason=""))]).risks)


def first_page_values(scan: Path, name: str, *, numbers: bool = False) -> list[object]:
    """Given a scanned PDF and a field, each first-page risk's value of it, OCR'd afresh: its
    text with spaces made single (its number with ``numbers``), None where it has none."""
    values: list[object] = []
    for risk in first_page_risks(scan):
        cell = risk.fields.get(name)
        if cell is None:
            values.append(None)
        else:
            values.append(cell.number if numbers else " ".join(cell.raw.split()))
    return values


def first_page_field(
    generated: tuple[Path, Path], name: str, *, numbers: bool = False
) -> tuple[list[object], list[object]]:
    """Given a generated PDF and its scan, a field's values on the scan's first page
    (:func:`first_page_values`) and the generator's (as text unless ``numbers``)."""
    pdf, scan = generated
    want = expected_on_first_page(pdf, name)
    return first_page_values(scan, name, numbers=numbers), (
        list(want) if numbers else [str(v) for v in want]
    )


@pytest.fixture(scope="module")
def headings(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, a generated analysis under section headings (section_headings 1001: zebra
    table, an "S×K" column) and its scan."""
    return generated_scan(tmp_path_factory, "section_headings", 1001, "headings")


def test_a_times_sign_read_as_a_letter_still_names_the_risk_value(
    headings: tuple[Path, Path],
) -> None:
    # Tesseract reads the header "S×K" as "SXK" or "SXxK", which named no column: every
    # risk value of the document was lost while S and K were read
    got, want = first_page_field(headings, "risk_value")
    assert len(want) >= 4
    assert got == want


def test_a_lone_capital_read_twice_is_one_capital(broken_plan: tuple[Path, Path]) -> None:
    # Tesseract reads the bold header "S" of ruled_plan 1001 as "Ss" in a box one letter
    # wide, which named no column: the probability of every risk was lost
    got, want = first_page_field(broken_plan, "probability")
    assert len(want) >= 4
    assert got == want


def test_only_a_box_one_letter_wide_is_taken_for_one_capital() -> None:
    one = Word("Ss", BBox(100, 100, 105, 106), origin="ocr")
    two = Word("Ss", BBox(100, 100, 110, 106), origin="ocr")
    word = Word("Sa", BBox(100, 100, 105, 106), origin="ocr")
    assert [one_capital(w).text for w in (one, two, word)] == ["S", "Ss", "Sa"]


def test_neighbouring_cells_of_one_colour_stay_apart(legend: tuple[Path, Path]) -> None:
    # S and K cells filled in the same colour of the legend's scale show no line between
    # them on paper (nor row lines between same-coloured rows): they were read as one cell
    # spanning both columns and several rows, and their values were lost
    pdf, scan = legend
    text = born_digital_page(pdf)
    rulings = scan_rulings(scan)
    want = cell_spans(find_grids(1, text.rulings, text.words))
    assert cell_spans(find_grids(1, rulings, text.words)) == want


def test_a_row_line_broken_off_near_text_reaches_the_side(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # follow_up_table tune seed 19 (a shaded header, hairline grid, 200 dpi greyscale), page 2:
    # the row lines broke off 12 pt short of the table's left side where the Område text
    # stands near them, so the first column's cells spanned every row of the page
    pdf, scan = generated_scan(tmp_path_factory, "follow_up_table", 19, "side", "tune")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = read_text_layer(doc[1], 2)
    finally:
        doc.close()
    rows = [r for r in text.rulings if r.orientation == "h"]
    assert len(rows) >= 4
    found = [r for r in scan_rulings(scan, 1) if r.orientation == "h"]
    short = [
        round(r.top)
        for r in rows
        if not any(
            abs(f.top - r.top) <= 3.0 and f.x0 <= r.x0 + 3.0 and f.x1 >= r.x1 - 3.0 for f in found
        )
    ]
    assert short == []


def test_a_lone_letter_in_a_cell_is_read_without_the_speckle_around_it(
    legend: tuple[Path, Path],
) -> None:
    # colour_legend 1000, page 1: the header "R" stands alone in its cell with a fill's light
    # JPEG speckle left beside it after cleaning; Tesseract's block segmentation read the
    # grey crop as nothing (and a "12" as "1"), so no column was the risk value
    got, want = first_page_field(legend, "risk_value")
    assert len(want) >= 4
    assert got == want


@pytest.fixture(scope="module")
def grey_legend(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, colour_legend tune seed 16 (a legend row of coloured swatches above
    the risk table) and its scan as the generator makes it (200 dpi, greyscale)."""
    pdf, scan = generated_scan(tmp_path_factory, "colour_legend", 16, "grey_legend", "tune")
    return pdf, scan


def test_a_faint_top_line_where_the_column_lines_end_parts_a_table_from_the_legend_above(
    grey_legend: tuple[Path, Path],
) -> None:
    # the risk table's light grey top line 6 pt under the legend's filled row was found only
    # in pieces (faint row lines were searched only between the column lines' ends), so its
    # column lines were drawn on up to the legend and legend and table were one grid of 12
    # columns: no risk was read
    pdf, scan = grey_legend
    text = born_digital_page(pdf)
    want = shapes(find_grids(1, text.rulings, text.words))
    assert (10, 8) in want
    got = shapes(find_grids(1, scan_rulings(scan), text.words))
    assert (10, 8) in got, got


def test_one_column_line_lost_in_the_header_row_only_is_drawn_up(
    grey_legend: tuple[Path, Path],
) -> None:
    # the line between "Riskbedömning" and "Befintliga åtgärder" is lost in the header row
    # only (every other column line reaches the table's top): the two header cells were one
    # ("Riskbedömn Befintl"), so neither the risk value nor the existing controls were named
    pdf, scan = grey_legend
    read = run_job(OcrJob(scan, 0, use_cache=False))
    text = born_digital_page(pdf)
    want = [g for g in find_grids(1, text.rulings, text.words) if len(g.rows) == 10]
    got = [g for g in find_grids(1, read.rulings, read.words) if len(g.rows) == 10]
    assert len(want) == len(got) == 1
    assert [c for c in cell_spans(got)[0] if c[0] == 0] == [
        c for c in cell_spans(want)[0] if c[0] == 0
    ]


def test_cells_coloured_on_a_legend_are_read_on_a_greyscale_scan(
    grey_legend: tuple[Path, Path],
) -> None:
    # the S cells are coloured as the legend's swatches ("1 grön", "2 gul", ...); on a
    # greyscale scan the colours are grey levels, one per swatch: no fill was passed on and
    # every probability was lost
    got, want = first_page_field(grey_legend, "probability", numbers=True)
    assert len(want) >= 4
    assert got == want


def test_a_legends_box_side_above_a_table_is_a_column_line(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # colour_legend tune 0 (300 dpi, greyscale): the side between the legend's "3 orange" and
    # "4 röd" boxes ends on the legend's bottom line, and the table's top line lies within
    # reach below it too; the side was measured against the farther line, so it ran too
    # short a share of its span to be a cell's side: the two boxes were one, no grey level
    # was "3" or "4" and those S and K values were lost (numeric 0.722)
    pdf, scan = generated_scan(tmp_path_factory, "colour_legend", 0, "legend_tune", "tune")
    text = born_digital_page(pdf)
    assert (1, 4) in shapes(find_grids(1, text.rulings, text.words))
    assert (1, 4) in shapes(find_grids(1, scan_rulings(scan), text.words))
    for name in ("probability", "consequence"):
        got, want = first_page_field((pdf, scan), name, numbers=True)
        assert sum(g == w for g, w in zip(got, want, strict=True)) >= len(want) - 1, name


def test_a_faint_top_line_just_beyond_the_column_lines_ends_is_found(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_colour_span tune 0 (greyscale): the table's light grey top line, 6 pt under the
    # legend, lay 3 px above where its right columns' lines end (inside the tolerance), but
    # the faint search judges a row against the rows a little above it, which the column
    # lines' lengthening did not reach: the line was found over the left columns only, the
    # right columns' lines were drawn on up to the legend and legend and table were one grid
    # of 12 columns (no row of the document read)
    pdf, scan = generated_scan(tmp_path_factory, "excel_colour_span", 0, "span_tune", "tune")
    text = born_digital_page(pdf)
    want = shapes(find_grids(1, text.rulings, text.words))
    assert (1, 4) in want and len(want) == 2
    assert shapes(find_grids(1, scan_rulings(scan), text.words)) == want


def test_a_row_line_hidden_under_fills_on_to_the_tables_side_parts_the_rows(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # report_analysis_plan_coloured tune 0 (colour), page 3: the first table's last two
    # columns hold green cells in rows 1-2 (K) and 1-3 (R) with no line between them on
    # paper, and the row lines end at the first of them: nothing lay beyond the gap to draw
    # them on to, so those cells spanned the rows ("Försumbar (1) Försumbar (1)", "3 (Låg)
    # 4 (Låg) 6 (Låg)") and two risks lost K and R
    pdf = build(
        Job(
            "report_analysis_plan_coloured",
            0,
            "reportlab",
            "tune",
            tmp_path_factory.mktemp("coloured"),
        )
    )
    scan = pdf.with_name("coloured_scan.pdf")
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), 0), scan, "scan")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = read_text_layer(doc[2], 3)
    finally:
        doc.close()
    want = cell_spans(find_grids(3, text.rulings, text.words))[0]
    got = cell_spans(find_grids(3, scan_rulings(scan, 2), text.words))[0]
    assert len(want) == 24
    assert got == want


def test_a_greyscale_scans_grey_cells_part_no_rows(export: tuple[Path, Path]) -> None:
    # excel_export 1001 (greyscale, no legend): its grey S/K/R cells, some spanning two rows
    # where the scan shows no line between cells of one grey, are read for values only; as
    # fills they were taken for the rows' edges by the table reader and no risk was read
    pdf, scan = export
    want = [" ".join(t.split()) for t in expected_on_first_page(pdf, "risk")]
    got = [" ".join(r.fields["risk"].raw.split()) for r in first_page_risks(scan)]
    assert len(want) >= 4
    assert got == want


def test_a_grey_cell_takes_a_grey_swatchs_number_only_when_near_it() -> None:
    from riskrad.extract.recognize.values import ValueKey

    key = ValueKey(greys=[(0.87, 2), (0.72, 3), (0.68, 1), (0.54, 4)])
    assert [key.colour((v, v, v)) for v in (0.86, 0.715, 0.685, 0.55)] == [2, 3, 1, 4]
    assert key.colour((0.70, 0.70, 0.70)) is None  # half-way between "3" and "1": neither
    assert key.colour((0.95, 0.95, 0.95)) is None  # a zebra row's light grey: no swatch near
    assert key.colour((0.90, 0.90, 0.90)) is None  # a shaded row's grey 8 levels off a swatch
    assert ValueKey(greys=[(0.87, 2), (0.86, 2)]).colour((0.87, 0.87, 0.87)) is None  # one number


def test_a_slash_read_as_a_letter_in_a_header_still_names_its_field(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_export tune seed 14 (colour, unruled): Tesseract reads the header "Process/rutin"
    # as "Processlrutin", which named no field; the header row was then read as a risk and
    # none of the document's 21 risks and 46 controls was found
    pdf, scan = generated_scan(tmp_path_factory, "excel_export", 14, "slash", "tune")
    want = expected_on_first_page(pdf, "process")
    got = [
        r.fields["process"].raw if "process" in r.fields else None for r in first_page_risks(scan)
    ]
    assert len(want) >= 4
    assert got == want


def test_a_table_top_line_found_in_pieces_is_one_line(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_export tune seed 15 (greyscale, skewed 2 degrees): the stroke search found the
    # table's light top line only in short pieces, and the columns S, K and R start at the
    # rule under the header, so the faint search never looked at the top line there: the
    # header row's cells ran together ("Åtgärd/kontroll et (1-5)") and its columns were lost
    pdf, scan = generated_scan(tmp_path_factory, "excel_export", 15, "top_pieces", "tune")
    text = born_digital_page(pdf)
    rows = [r for r in text.rulings if r.orientation == "h" and r.x1 - r.x0 > 600.0]
    assert len(rows) >= 4
    rulings = scan_rulings(scan)
    found = [r for r in rulings if r.orientation == "h"]
    short = [
        round(r.top)
        for r in rows
        if not any(
            abs(f.top - r.top) <= 3.0 and f.x0 <= r.x0 + 3.0 and f.x1 >= r.x1 - 3.0 for f in found
        )
    ]
    assert short == []
    want = cell_spans(find_grids(1, text.rulings, text.words))[0]
    got = cell_spans(find_grids(1, complete_header_columns(rulings, text.words), text.words))[0]
    assert [c for c in got if c[0] == 0] == [c for c in want if c[0] == 0]  # the header row


def test_a_risk_matrix_read_by_ocr_gives_each_risk_its_place(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # matrix tune seed 10 (greyscale): the matrix's axis labels in bold were read "Ss4" (a
    # capital read twice before its digit) and a risk "R5" as "RS", so the matrix was not
    # one (its rows had no numbers) and no risk took its S and K from it
    pdf, scan = generated_scan(tmp_path_factory, "matrix", 10, "matrix", "tune")
    want = list(
        zip(
            expected_on_first_page(pdf, "probability"),
            expected_on_first_page(pdf, "consequence"),
            strict=True,
        )
    )
    risks = first_page_risks(scan)
    got = [
        tuple(r.fields[f].number if f in r.fields else None for f in ("probability", "consequence"))
        for r in risks
    ]
    assert len(want) >= 4
    assert got == want


def test_a_digit_read_as_a_letter_after_a_label_letter_is_that_digit() -> None:
    from riskrad.extract.recognize.values import axis, id_numbers, risk_number

    assert [axis(t) for t in ("S4", "Kl", "KA", "K|", "Sannolikhet", "S")] == [
        4,
        1,
        4,
        1,
        None,
        None,
    ]
    assert id_numbers("RS, R7") == ["5", "7"]
    assert [risk_number(t) for t in ("RS", "R5", "Risk")] == ["5", "5", None]


def test_a_misread_axis_label_takes_its_place_on_the_run_of_the_others() -> None:
    from riskrad.extract.recognize.values import axis_run

    assert axis_run(["S", "4", "3", "2", "1"]) == [5, 4, 3, 2, 1]  # "5" read "S"
    assert axis_run(["Ki", "K2", "K3", "K4", "K35"]) == [1, 2, 3, 4, 5]
    assert axis_run(["Risk", "3", "4", "12"]) is None  # a row of a table, not an axis
    assert axis_run(["1", "3", "x"]) is None  # no run of one
    assert axis_run(["", "3", "4"]) is None


@pytest.mark.parametrize("seed", [12, 20])
def test_the_body_of_a_dense_word_is_no_fill_edge(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    # colour_legend tune seeds 12 (colour) and 20 (greyscale): the background closing leaves
    # the body of a dense word ("löneutbetalningar", "Identifierad risk") a little darker
    # than paper, and its top and bottom were taken for a fill's edges: row lines through
    # the word that parted a risk's title into two rows and the header into two
    pdf, scan = generated_scan(tmp_path_factory, "colour_legend", seed, f"dense{seed}", "tune")
    text = born_digital_page(pdf)
    rulings = scan_rulings(scan)
    want = shapes(find_grids(1, text.rulings, text.words))
    assert len(want) >= 2
    assert shapes(find_grids(1, rulings, text.words)) == want


def test_a_row_line_broken_off_over_two_cells_reaches_the_side(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # colour_legend tune seed 20 (greyscale, the legend strip just above the table): the
    # table's top line was found from the third column on (bold header words stand near it);
    # drawn on to the nearest column line only, the first header cell had no top and the
    # Process/rutin column was lost
    pdf, scan = generated_scan(tmp_path_factory, "colour_legend", 20, "two_cells", "tune")
    text = born_digital_page(pdf)
    rulings = scan_rulings(scan)
    want = cell_spans(find_grids(1, text.rulings, text.words))[1]
    got = cell_spans(find_grids(1, rulings, text.words))[1]
    assert [c for c in got if c[0] == 0] == [c for c in want if c[0] == 0]  # the header row


def test_an_ocr_words_size_is_its_type_size_whatever_its_letters() -> None:
    # ink heights of words in one type (DejaVu Sans at 10 pt: x-height 5.5, ascenders 7.6,
    # descenders 2.4 pt): x-height only, up to the ascenders, both ways, parentheses
    def size(text: str, height: float) -> float:
        word = Word(text, BBox(0.0, 0.0, 30.0, height), origin="ocr", confidence=0.9)
        return full_height(replace(word, font_size=height)).font_size

    sizes = [size("som", 5.5), size("Ekonomi", 7.6), size("inköp", 9.9), size("(1-4)", 9.4)]
    assert max(sizes) / min(sizes) < 1.1
    assert size("—", 0.8) == 0.8  # no letter: left alone


def test_a_one_word_heading_in_larger_type_names_the_process_on_a_scan(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # colour_legend tune seed 18 (greyscale): "Ekonomi" heads the second table of page 1; its
    # ink (no descender) was as tall as a body line's tallest word (with one), so it was no
    # heading and the table's risks kept the first table's process
    generated = generated_scan(tmp_path_factory, "colour_legend", 18, "heading", "tune")
    got, want = first_page_field(generated, "process")
    assert "Ekonomi" in want
    assert got == want


def test_a_column_line_lost_in_the_upper_part_of_the_header_row_is_drawn_up(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # colour_legend tune seed 12 (colour, a shaded header): the S×K|Riskägare line was found
    # from halfway down the header row only, too far below the table's top line to be
    # snapped to it, so the two header cells were one ("SxK Riskägare")
    pdf, scan = generated_scan(tmp_path_factory, "colour_legend", 12, "upper_part", "tune")
    text = born_digital_page(pdf)
    rulings = complete_header_columns(scan_rulings(scan), text.words)
    want = cell_spans(find_grids(1, text.rulings, text.words))
    got = cell_spans(find_grids(1, rulings, text.words))
    assert len(want) == len(got) == 3
    assert [c for c in got[1] if c[0] == 0] == [c for c in want[1] if c[0] == 0]


def test_words_the_page_read_broke_into_fragments_are_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_export tune seed 16 (greyscale, 300 dpi, zebra rows): Tesseract's page read of
    # the clean image breaks some words into pieces whose ink boxes are a third of the
    # x-height ("Oklara rep ionsk d" for "Oklara representationskostnader", "El isk" for
    # "Ekonomisk"); read again piece by piece, the lines' words are the born-digital words
    pdf, scan = generated_scan(tmp_path_factory, "excel_export", 16, "fragments", "tune")
    image, _ = deskew(render_page(scan, 0, DPI))
    band = (156.0, 370.0)  # points from the top: rows 1-9 of the risk table
    scale = DPI / 72.0
    crop = clean_for_ocr(image, page_lines(image, dpi=DPI)).crop(
        (0, round(band[0] * scale), image.width, round(band[1] * scale))
    )
    data = tesseract_table(crop, "swe", tesseract_config(DPI))
    xheight = x_height(data)
    assert xheight is not None

    def texts(table: dict[str, list[Any]]) -> list[str]:
        words = words_from_tsv(table, scale_x=1.0, scale_y=1.0)
        return [w.text for w in words]

    def fragments(table: dict[str, list[Any]]) -> list[str]:
        words = words_from_tsv(table, scale_x=1.0, scale_y=1.0)
        return [w.text for w in words if is_fragment(w.text, w.bbox.height, xheight)]

    want = Counter(w.text for w in born_digital_page(pdf).words if band[0] < w.bbox.ymid < band[1])
    reread = reread_fragments(crop, data, lang="swe", dpi=DPI)
    before, after = texts(data), texts(reread)
    missing = [sum((want - Counter(t)).values()) for t in (before, after)]
    made_up = [sum((Counter(t) - want).values()) for t in (before, after)]
    assert len(fragments(data)) >= 5, "the page read breaks words here"
    assert "representationskostnader" not in before
    assert "representationskostnader" in after and "Ekonomisk" in after
    assert fragments(reread) == []
    assert missing[1] < missing[0] and made_up[1] <= made_up[0] - 6, (missing, made_up)


def test_a_gap_between_header_words_over_another_tables_column_is_no_column(
    tmp_path: Path,
) -> None:
    # matrix tune seed 1 (LibreOffice; kept born-digital in tests/data/libreoffice): the gap
    # between "Befintliga" and "kontroller" in a table's shaded header row was taken for a
    # faint column line, kept because the risk matrix far down the page has a column line
    # at the same x; the phantom column split every row, and the existing controls were
    # read as controls (0/0 + 4)
    pdf = Path(__file__).parent / "data" / "libreoffice" / "matrix_1.pdf"
    scan = tmp_path / "matrix_1_scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for("matrix_1_libreoffice"), 1), scan, "scan")
    text = born_digital_page(pdf)
    want = shapes(find_grids(1, text.rulings, text.words))
    got = shapes(find_grids(1, scan_rulings(scan), text.words))
    assert want == got == [(5, 6), (5, 6), (6, 6)]


def test_bullets_read_as_guillemets_are_list_items_again(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # word_plan_items tune seed 5: each risk's control cell lists its controls as "• …"
    # items; Tesseract reads the bullet "»" or "«" (never "•"), so a cell was no list and
    # its controls ran together ("» Kontroll av … « Inventering av …"); a mark at a line's
    # start in its cell is the item mark again
    pdf, scan = generated_scan(tmp_path_factory, "word_plan_items", 5, "items", "tune")
    born = [w.text for w in born_digital_page(pdf).words]
    words = [w.text for w in run_job(OcrJob(scan, 0, use_cache=False)).words]
    assert born.count("•") >= 8
    assert not {"»", "«", "»«"} & set(words), [w for w in words if w in "»«"]
    assert words.count("•") >= born.count("•") - 1


def test_a_column_of_lone_numbers_read_as_turned_text_is_read_upright(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # analysis_then_plan tune seed 0 (greyscale, 300 dpi): Tesseract's page read took the
    # Riskpoäng column's lone numbers, one under another, for a line of turned text and read
    # each turned a quarter ("W" for 3, "N" for 2, "An" for 6, "0" for 8); read again item by
    # item upright, they are the born-digital numbers
    pdf, scan = generated_scan(tmp_path_factory, "analysis_then_plan", 0, "stacks", "tune")
    text = born_digital_page(pdf)
    image, _ = deskew(render_page(scan, 0, DPI))
    clean = clean_for_ocr(image, page_lines(image, dpi=DPI))
    words = ocr_page_words(clean, page_width_pt=text.width, page_height_pt=text.height, dpi=DPI)
    column = (700.0, 800.0)  # points from the left: the Riskpoäng column
    want = [
        w
        for w in text.words
        if column[0] < w.bbox.xmid < column[1] and 200 < w.bbox.ymid < 450 and w.text.isdigit()
    ]
    read = {
        round(w.bbox.ymid): w.text
        for w in words
        if column[0] < w.bbox.xmid < column[1] and 200 < w.bbox.ymid < 450
    }
    got = [next((t for y, t in read.items() if abs(y - w.bbox.ymid) < 4), None) for w in want]
    assert len(want) == 11
    assert sum(g == w.text for g, w in zip(got, want, strict=True)) >= 9, got
    assert all(t.isdigit() for t in read.values()), read


def test_turned_header_labels_are_no_stack(tmp_path: Path) -> None:
    # the other side of the test above: labels turned a quarter (two to four words each,
    # short ones among them: "Riskvärde S x K") are read as turned text and left so
    pdf = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont(FONT, 10)
    labels = ("Sannolikhet (1-5)", "Konsekvens (1-5)", "Riskvärde S x K", "Åtgärd och ansvar")
    for n, label in enumerate(labels):
        c.saveState()
        c.translate(200 + 30 * n, 600)
        c.rotate(90)
        c.drawString(0, 0, label)
        c.restoreState()
    for i in range(6):
        c.drawString(60, 560 - 20 * i, f"Risk nummer {i} med text")
    c.save()
    data = tesseract_table(render_page(pdf, 0, DPI), "swe", tesseract_config(DPI))
    texts = [str(t).strip() for t in data["text"]]
    assert "Sannolikhet" in texts and "Riskvärde" in texts, texts
    assert stacked_rows(data) == []
