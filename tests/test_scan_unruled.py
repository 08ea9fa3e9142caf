"""An unruled table on a scan whose header labels wrap inside narrow columns ("Riskbeskrivni"
/ "ng", "Konsek" / "vens", "Åtgärd/kontro" / "ll"): the scan judges bold word by word and
may call a piece or two plain, and may misread a broken label's rest ("ll" as 'I"'); the
table is read as its born-digital twin is (held-out family unruled_follow_up_words, tune
seeds, scanned as the generator scans them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import text_key as key

from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.model.records import LayoutResult, PageDecision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import look_for, scan_pages


def read_scanned_page(
    tmp_path: Path, seed: int, page: int
) -> tuple[LayoutResult, list[dict[str, Any]], list[dict[str, Any]]]:
    """Given a tune seed of unruled_follow_up_words and a page, what the OCR route reads
    there (the generator's scan of it) and the risks and controls the generator put there."""
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
    return got, on_page, controls


@pytest.mark.parametrize(("seed", "page"), [(5, 2), (1, 1)])
def test_a_wrapped_header_with_a_piece_judged_plain_opens_its_table(
    tmp_path: Path, seed: int, page: int
) -> None:
    got, on_page, controls = read_scanned_page(tmp_path, seed, page)
    assert len(got.risks) == len(on_page)  # each a row of the table (a title's first word
    #                                         the scan loses is another matter: seed 1's "Brister")
    assert {key(c.fields["control"].raw) for r in got.risks for c in r.controls} == {
        key(c["control"]) for c in controls
    }


def test_a_row_number_set_high_opens_no_row_of_its_own_first_line(tmp_path: Path) -> None:
    """Seed 2, page 1: the first row's number "1" (read "2") stands a few points above its
    row's words; measured from the line's box the row's second line stood a padding further
    below, so "Oegentlig" and "heter och mutor" were two risks. Lines stand at their words'
    median top."""
    got, on_page, _ = read_scanned_page(tmp_path, 2, 1)
    assert [key(r.fields["risk"].raw) for r in got.risks] == [key(r["risk"]) for r in on_page]


@pytest.mark.parametrize("page", [1, 2])
def test_a_glued_label_word_and_a_header_line_left_of_its_rule_read_as_the_header(
    tmp_path: Path, page: int
) -> None:
    """Seed 17 (a tune seed first looked at in session 32): on page 1 the scan glues
    "Beskrivning av" / "risk" into "Beskrivning avrisk", which named the description, so the
    page's risks were read as controls under a title; on page 2 the header's third line,
    "(1-5) (1-5) n" (the "n" of "tjänsteperso" / "n"), half plain, stands above the rule
    under the header and was read as the table's first row, so that rule made the rest of
    the page one row of three risks."""
    got, on_page, controls = read_scanned_page(tmp_path, 17, page)
    assert [key(r.fields["risk"].raw) for r in got.risks] == [key(r["risk"]) for r in on_page]
    assert len([c for r in got.risks for c in r.controls]) == len(controls)


@pytest.mark.parametrize(("seed", "page"), [(6, 2), (6, 3), (7, 1)])
def test_a_header_label_the_scan_lost_or_glued_keeps_the_rows_apart(
    tmp_path: Path, seed: int, page: int
) -> None:
    """Seed 6 (session 32): the scan loses "S×" over "K" and the body's "3×" / "1=" in the
    S×K column; the "K" under a gap of the line above starts its column (its values had gone
    into Konsekvens and three risks ran together), and the "3" left of "3×" / "1=" / "3"
    stays in its row. Seed 7: "Vad kan gå" / "fel" read "Vadkan gå" / "fel" named no risk,
    so the description column was read as the risks. (Left: seed 6 page 2's last method,
    "… nummer" / "granskas .", goes on as a control row of its own.)"""
    got, on_page, controls = read_scanned_page(tmp_path, seed, page)
    assert [key(r.fields["risk"].raw) for r in got.risks] == [key(r["risk"]) for r in on_page]
    found = {key(c.fields["control"].raw) for r in got.risks for c in r.controls
             if "control" in c.fields}
    assert {key(c["control"]) for c in controls} <= found
