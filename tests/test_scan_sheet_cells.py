"""Spreadsheet prints and older follow-up templates on scans: labels, values and cells kept.

Generated documents (tune seeds) scanned as the generator scans them, read with real
Tesseract, next to their born-digital twins.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from test_scan_numbers import born_grids
from test_scan_turned import cell_texts, generated_scan, ocr_grids

from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.extract.scan_image import usual_stroke
from riskrad.model.records import PageDecision
from riskrad.model.vocabulary import classify_header
from riskrad.model.vocabulary import header_fields as vocab_fields


def pages(pdf: Path) -> int:
    """Given a PDF, its number of pages."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def test_a_break_hyphen_on_a_line_of_its_own_still_joins_the_label(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_sheet_hyphen_headers tune seed 0, page 1: the narrow column's label "Sannolik-" /
    # "het" wrapped its hyphen onto a line of its own ("Sannolik" / "-" / "het", in the text
    # layer and on the scan alike), which named no field: every risk's probability was lost
    # (tune scans numeric 0.932 scanned, 0.964 English layer)
    pdf, scan = generated_scan(tmp_path_factory, "excel_sheet_hyphen_headers", 0)
    cache = tmp_path_factory.mktemp("cache")
    labels = [c.text if c else "" for c in ocr_grids(scan, 0, cache)[0].rows[0]]
    born = [c.text if c else "" for g in born_grids(pdf, 0) for c in g.rows[0]]
    assert "Sannolik\n-\nhet" in labels and "Sannolik\n-\nhet" in born
    assert classify_header("Sannolik\n-\nhet") == "probability"
    assert classify_header("Sannolik -\nhet") == "probability"
    records = [
        page_record(run_job(OcrJob(scan, i, cache_dir=cache)), PageDecision(route="ocr", reason=""))
        for i in range(pages(scan))
    ]
    risks = recognise(records, source=scan.name).risks
    assert len(risks) == 10
    assert [r.fields["probability"].raw for r in risks[:3]] == ["2", "2", "3"]
    # a lone dash between two words of a label is no break hyphen
    assert classify_header("Dokument\n-\noch ärende") is None


def test_a_short_pages_bold_labels_are_judged_by_its_regular_words(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_sheet_hyphen_headers tune seed 3, page 2: a table's last row under its header.
    # Tesseract boxed half the header's words as tall as the body's tallest, so among the
    # words of that height the bold labels outnumbered the regular ones and their median
    # stroke was bold: "Identi-", "Sannolik-", "Kontroll-" read regular, the two-line header
    # was not taken as one (it must be bold), and the row's columns were cut at its words
    # (15 columns: "dokumenteras" and each right-set value in a column of its own)
    pdf, scan = generated_scan(tmp_path_factory, "excel_sheet_hyphen_headers", 3)
    cache = tmp_path_factory.mktemp("cache")
    record = page_record(
        run_job(OcrJob(scan, 1, cache_dir=cache)), PageDecision(route="ocr", reason="")
    )
    labels = {w.text: w.bold for w in record.words if w.bbox.top < 72}
    assert all(labels[t] for t in ("Identi-", "Sannolik-", "Kontroll-", "moment"))
    assert not any(w.bold for w in record.words if w.bbox.top > 74)
    grids = ocr_grids(scan, 1, cache)
    born = born_grids(pdf, 1)
    assert [g.n_cols for g in grids] == [g.n_cols for g in born] == [10]
    assert cell_texts(grids[0])[1] == cell_texts(born[0])[1]


def test_the_usual_stroke_is_the_thin_words_when_bold_ones_outnumber_them() -> None:
    regular, bold = [3.5, 3.55, 3.6, 3.7], [4.6, 4.8, 4.9, 4.9, 5.0, 5.1]
    assert usual_stroke(np.array(regular + bold)) == pytest.approx(3.575)
    # all of one weight, or too few thin ones: the median as before
    assert usual_stroke(np.array([*regular, 3.9])) == pytest.approx(3.6)
    assert usual_stroke(np.array(bold)) == pytest.approx(4.9)
    assert usual_stroke(np.array([2.9, 3.5, 3.6, 3.6, 3.7, 3.6, 3.5, 3.6])) == pytest.approx(3.6)


def test_an_older_templates_question_labels_and_misread_labels_name_their_fields(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # memo_follow_up_older tune seed 6: the method's column is labelled "Hur ska kontrollen
    # göras", which named no field (text layer and scan alike), so every control came out
    # without its method and matched none (controls 1 of 11); seed 1: the scan reads the
    # result's "Iakttagelser" as "Takttagelser" (a capital I read as T), one letter off a
    # label word, and every control lost its result (tune scans control F1 0.909, CER 1.95 %
    # English layer, 2.71 % scanned)
    _, scan = generated_scan(tmp_path_factory, "memo_follow_up_older", 6)
    cache = tmp_path_factory.mktemp("cache")
    records = [
        page_record(run_job(OcrJob(scan, i, cache_dir=cache)), PageDecision(route="ocr", reason=""))
        for i in range(pages(scan))
    ]
    controls = [c for r in recognise(records, source=scan.name).risks for c in r.controls]
    assert len(controls) == 11
    assert all(c.fields.get("method") for c in controls)
    method = "Stickprov på 25 fakturor som jämförs mot avtalsdatabasen."
    assert " ".join(controls[0].fields["method"].raw.split()) == method
    _, scan = generated_scan(tmp_path_factory, "memo_follow_up_older", 1)
    grids = ocr_grids(scan, 1, tmp_path_factory.mktemp("cache"))
    labels = cell_texts(grids[0])[0]
    assert "Takttagelser" in labels
    assert vocab_fields(labels)[labels.index("Takttagelser")] == "result"
