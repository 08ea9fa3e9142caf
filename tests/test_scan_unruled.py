"""An unruled table on a scan whose header labels wrap inside narrow columns ("Riskbeskrivni"
/ "ng", "Konsek" / "vens", "Åtgärd/kontro" / "ll"): the scan judges bold word by word and
may call a piece or two plain, and may misread a broken label's rest ("ll" as 'I"'); the
table is read as its born-digital twin is (held-out family unruled_follow_up_words, tune
seeds, scanned as the generator scans them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import text_key as key

from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.model.records import PageDecision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import look_for, scan_pages


@pytest.mark.parametrize(("seed", "page"), [(5, 2), (1, 1)])
def test_a_wrapped_header_with_a_piece_judged_plain_opens_its_table(
    tmp_path: Path, seed: int, page: int
) -> None:
    pdf = build(Job("unruled_follow_up_words", seed, "reportlab", "tune", tmp_path))
    scan = tmp_path / "scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), seed), scan, "scan")
    result = run_job(OcrJob(scan, page - 1, use_cache=False))
    decision = PageDecision(route="ocr", reason="scanned page")
    got = recognise([page_record(result, decision)], source=scan.name)
    want = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))
    on_page = [r for r in want["risks"] if r["page"] == page]
    controls = [c for c in want["controls"] if c["page"] == page]
    assert on_page and controls
    assert len(got.risks) == len(on_page)  # each a row of the table (a title's first word
    #                                         the scan loses is another matter: seed 1's "Brister")
    assert {key(c.fields["control"].raw) for r in got.risks for c in r.controls} == {
        key(c["control"]) for c in controls
    }
