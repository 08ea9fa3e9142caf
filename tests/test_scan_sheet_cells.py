"""Spreadsheet prints and older follow-up templates on scans: labels, values and cells kept.

Generated documents (tune seeds) scanned as the generator scans them, read with real
Tesseract, next to their born-digital twins.
"""

from __future__ import annotations

import pytest
from test_scan_numbers import born_grids
from test_scan_turned import generated_scan, ocr_grids

from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.model.records import PageDecision
from riskrad.model.vocabulary import classify_header


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
        for i in range(2)
    ]
    risks = recognise(records, source=scan.name).risks
    assert len(risks) == 10
    assert [r.fields["probability"].raw for r in risks[:3]] == ["2", "2", "3"]
    # a lone dash between two words of a label is no break hyphen
    assert classify_header("Dokument\n-\noch ärende") is None
