"""Header rows kept whole: on scans, no letter's stroke in a narrow header cell taken for a
faint row line that parts the header in two; a label with its scale on further lines
("Risk" / "(S×K" / ")") wrapped elsewhere in a narrower column is the same label, no row's
text under it.

LibreOffice plans kept born-digital in tests/data/libreoffice; the scan is made as the
generator makes it (the document's dpi, JPEG quality, skew and noise) and each page's tables
are compared with the born-digital twin's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from test_scan_rows import scan_rulings, shapes
from test_scan_turned import damage, look_for, scan_pages

from riskrad.extract.tables import find_grids
from riskrad.extract.textlayer import TextLayerPage, read_text_layer
from riskrad.pipeline import RunSettings, run

DATA = Path(__file__).parent / "data" / "libreoffice"


def text_page(pdf: Path, page: int) -> TextLayerPage:
    """Given a born-digital PDF and a page index, the page read from its text layer."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return read_text_layer(doc[page], page + 1)
    finally:
        doc.close()


@pytest.mark.parametrize("page", [0, 1])
def test_a_bold_letter_in_a_narrow_header_cell_is_no_row_line(tmp_path: Path, page: int) -> None:
    # word_plan_scale_lines tune seed 11 (LibreOffice): the shaded header stands on four
    # lines ("Ris" / "k" / "(S×" / "K)"), its narrow first column's label broken "I" / "D".
    # The bold "D"'s bars darken most of that column's width, so the faint-line search took
    # one for a row line, and the fill carried it on through four columns: the header parted
    # under its first line (page 1: "Konsekvens", "Ris"; page 2 twice), the risk value
    # column went unnamed (risk value lost on every row) and page 2's continued row was
    # read as a new risk
    pdf = DATA / "word_plan_scale_lines_11.pdf"
    scan = tmp_path / "word_plan_scale_lines_11_scan.pdf"
    damage.image_pdf(
        scan_pages(pdf, look_for("word_plan_scale_lines_11_libreoffice"), 11), scan, "scan"
    )
    text = text_page(pdf, page)
    want = shapes(find_grids(page + 1, text.rulings, text.words))
    got = shapes(find_grids(page + 1, scan_rulings(scan, page), text.words))
    assert want == got == [[(11, 11)], [(2, 11)]][page]


def test_a_label_wrapped_elsewhere_is_no_text_under_the_header(tmp_path: Path) -> None:
    # word_plan_scale_lines tune seed 3 (LibreOffice): the third table's "Risk (S×K )" column
    # is narrower than the second's "Risk (S×K)", so its ")" stands on a line of its own; read
    # against the second table's label, the ")" was taken for the first row's text a page
    # break left in the header, on page 1 and again on page 2, so page 2's first row (the
    # rest of "Kontroll av att chefer informerat om riktlinjen mot mutor") was read as a
    # control of its own (controls 9/9 + 1, the same on both scans)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "word_plan_scale_lines_3.pdf", folder / "word_plan_scale_lines_3.pdf")
    want = json.loads((DATA / "word_plan_scale_lines_3.expected.json").read_text("utf-8"))
    result = run(folder, RunSettings())
    got = sorted(" ".join(c["control"].split()) for c in result.controls)
    assert got == sorted(" ".join(c["control"].split()) for c in want["controls"])
    last = next(c for c in result.controls if c["control"].startswith("Kontroll av att chefer"))
    assert last["responsible"] == "EJ, enhetschef"
