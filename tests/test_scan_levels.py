"""A scanned Excel sheet without lines whose S, K and R cells are coloured (R a level word):
the rows beside the coloured blocks kept apart, the header's wrapped label kept in the header,
two values stacked in one block of one colour read as values, not as a turned label.

The page is a generated sheet (corpus/layoutgen: excel_process_once_levels, tune seed 9, its
second page) scanned with the layout generator's scanner, so the test needs no files outside
the repo.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from riskrad.extract.ocr import OcrJob, OcrResult, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.extract.textlayer import read_text_layer
from riskrad.extract.turned_ocr import _under_its_column, stacked_apart, tall_cell_patches
from riskrad.model.records import BBox, PageDecision, PageRecord

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import look_for, scan_pages

PAGE = 2  # a page of three risks: "Konsekvens" / "(1–4)" over the rule, "2" over "2" in yellow


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, the generated sheet (excel_process_once_levels tune seed 9: no lines but
    the rule under the header, S, K and R coloured, R a level word) and its scan as the
    generator makes it."""
    folder = tmp_path_factory.mktemp("levels")
    pdf = build(Job("excel_process_once_levels", 9, "reportlab", "tune", folder))
    out = folder / "levels_scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), 9), out, "scan")
    return pdf, out


@pytest.fixture(scope="module")
def read(sheet: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> OcrResult:
    """Given the sheet's scan, its second page read by the OCR job (empty cache)."""
    return run_job(OcrJob(sheet[1], PAGE - 1, cache_dir=tmp_path_factory.mktemp("cache")))


def risk_values(record: PageRecord) -> list[tuple[str, ...]]:
    """Given a page record, its risks' title, S, K and R as read (text on one line)."""
    return [
        tuple(
            " ".join(r.fields[name].raw.split()) if name in r.fields else ""
            for name in ("risk", "probability", "consequence", "risk_value")
        )
        for r in recognise([record]).risks
    ]


def test_the_scanned_pages_risks_are_the_born_digital_ones(
    sheet: tuple[Path, Path], read: OcrResult
) -> None:
    # the coloured blocks' edges closed S, K and R only; R's level words read as text made
    # them part the rows, and the header's "(1-4)" read as a first row put the rule under
    # the header between two rows: every risk of the page merged into one
    pdf, _ = sheet
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = read_text_layer(doc[PAGE - 1], PAGE)
    finally:
        doc.close()
    born = PageRecord(PAGE, text.width, text.height, text.words, text.rulings,
                      PageDecision(route="text", reason="test"), fills=text.fills)
    want = risk_values(born)
    assert [r[1:] for r in want] == [("2", "2", "Medel"), ("2", "4", "Hög"), ("2", "4", "Hög")]
    assert risk_values(page_record(read, PageDecision(route="ocr", reason="test"))) == want


def test_two_values_in_one_tall_block_are_no_turned_label(read: OcrResult) -> None:
    # "2" over "2" in one yellow block two rows tall read turned was "N N"
    assert not [w for w in read.words if w.turned]


def test_ink_in_pieces_down_a_cell_far_apart_is_stacked_values() -> None:
    cell = np.full((120, 40), 255, dtype=np.uint8)
    cell[10:22, 15:24] = 0  # a "2"
    cell[90:102, 15:24] = 0  # another, a row below
    assert stacked_apart(cell)
    label = np.full((120, 40), 255, dtype=np.uint8)
    for top in range(10, 100, 16):  # a turned word: letters a little apart along it
        label[top : top + 13, 12:26] = 0
    assert not stacked_apart(label)


def test_a_tall_cell_under_a_cell_of_its_column_is_no_label_cell() -> None:
    # a risk table's tall body rows (the risk text wrapped) hold one value each in narrow
    # cells: each was read turned both ways (0.7 CPU s a page); a label heads its column
    header = BBox(290.0, 40.0, 310.0, 74.0)
    body = [BBox(290.0, 74.0 + 50.0 * n, 310.0, 124.0 + 50.0 * n) for n in range(4)]
    band = BBox(250.0, 20.0, 370.0, 40.0)  # a two-level header's band over S | K | R
    grey = np.full((800, 600), 255, dtype=np.uint8)
    for cell in (header, *body):  # ink in every cell, no word read in any
        grey[round(cell.top) + 10 : round(cell.top) + 22, 296:304] = 0
    cells = [band, header, *body]
    found = tall_cell_patches(grey, (), cells, 1.0)
    assert [box for _, box in found] == [BBox(291.0, 41.0, 309.0, 73.0)]
    assert not _under_its_column(header, cells)
    assert all(_under_its_column(cell, cells) for cell in body)
