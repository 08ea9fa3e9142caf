"""Header rows on scans kept whole: no letter's stroke in a narrow header cell taken for a
faint row line that parts the header in two.

A LibreOffice plan kept born-digital in tests/data/libreoffice, scanned as the generator
scans it (the document's dpi, JPEG quality, skew and noise); each page's tables are compared
with the born-digital twin's.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from test_scan_rows import scan_rulings, shapes
from test_scan_turned import damage, look_for, scan_pages

from riskrad.extract.tables import find_grids
from riskrad.extract.textlayer import TextLayerPage, read_text_layer

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
