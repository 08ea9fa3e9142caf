"""Risks whose title is a heading over its cause and its label lines, read from scans.

A presentation's slide per risk: the risk's name as the slide's heading (large type, at times
numbered "1. Title"), its cause as a sentence under it, then "Sannolikhet: 3", "Riskvärde: 9"
lines and a table of its controls. The text layer tells the name from its cause by bold; a
scan's words carry no such mark, so the heading was taken for a process and the scan gave no
risk at all (presentation_slides tune scans: risk F1 0.327 scanned, 0.400 English layer). On
a scan the name is a heading (size or numbering) and the cause a sentence under it. Generated
documents (tune seeds) scanned as the generator scans them, read with real Tesseract.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from riskrad.extract.blocks import page_blocks, split_page
from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.extract.tables import Grid
from riskrad.model.records import PageDecision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import look_for, scan_pages


def key(text: str) -> str:
    """Given a text, its words in lower case, one space apart."""
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize(("seed", "pages"), [(5, (2, 3))])
def test_a_slides_heading_over_its_cause_and_labels_is_the_risk(
    tmp_path: Path, seed: int, pages: tuple[int, ...]
) -> None:
    pdf = build(Job("presentation_slides", seed, "reportlab", "tune", tmp_path))
    scan = tmp_path / "scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), seed), scan, "scan")
    decision = PageDecision(route="ocr", reason="scanned page")
    records = [page_record(run_job(OcrJob(scan, p - 1, use_cache=False)), decision)
               for p in pages]  # fmt: skip
    got = recognise(records, source=scan.name)
    want = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))
    titles = [key(r["risk"]) for r in want["risks"] if r["page"] in pages]
    assert len(titles) == len(pages)
    assert [key(r.fields["risk"].raw) for r in got.risks] == titles
    assert all("description" in r.fields and r.fields["risk_value"].raw for r in got.risks)


def scanned_risks(tmp_path: Path, family: str, seed: int, page: int) -> tuple[list[Any], list[Any]]:
    """Given a family, a tune seed and a page, the risks the OCR route reads there from the
    generator's scan of it and the risks the generator put there."""
    pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
    scan = tmp_path / "scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), seed), scan, "scan")
    decision = PageDecision(route="ocr", reason="scanned page")
    got = recognise([page_record(run_job(OcrJob(scan, page - 1, use_cache=False)), decision)])
    want = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))
    return list(got.risks), [r for r in want["risks"] if r["page"] == page]


@pytest.mark.parametrize(("family", "seed", "page"), [("minutes_analysis_dash_words", 3, 2)])
def test_a_cells_bold_title_over_its_cause_is_parted_on_a_scan(
    tmp_path: Path, family: str, seed: int, page: int
) -> None:
    got, want = scanned_risks(tmp_path, family, seed, page)
    assert [key(r.fields["risk"].raw) for r in got] == [key(r["risk"]) for r in want]
    assert [key(r.fields["description"].raw) for r in got] == [key(r["description"]) for r in want]


def test_a_header_cell_whose_lines_the_scan_lost_is_read(tmp_path: Path) -> None:
    """minutes_analysis_dash_words tune seed 5, page 2, the English-layer variant (Tesseract's
    own PDF of the scan): the header's top-left corner showed no column sides and no top
    line, so the grid had no cells there and "Risk och beskrivning", "Verksamhet" were read
    nowhere; the table had no risk column and its rows came as one risk named "Syfte"."""
    pdf = build(Job("minutes_analysis_dash_words", 5, "reportlab", "tune", tmp_path))
    scan = tmp_path / "scan.pdf"
    damage.ocr_layer_pdf(scan_pages(pdf, look_for(pdf.stem), 5), tmp_path / "work", scan, "eng")
    decision = PageDecision(route="ocr", reason="scanned page")
    record = page_record(run_job(OcrJob(scan, 1, use_cache=False)), decision)
    grids = [b for b in page_blocks(split_page(record)) if isinstance(b, Grid)]
    header = [" ".join(c.text.split()) if c else "" for c in grids[0].rows[0]]
    assert header[:2] == ["Risk och beskrivning", "Verksamhet"]
    want = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))
    got = recognise([record]).risks
    assert [key(r.fields["risk"].raw) for r in got] == [
        key(r["risk"]) for r in want["risks"] if r["page"] == 2
    ]


def test_a_small_bold_title_over_its_cause_is_parted_and_its_repeats_are_one_risk(
    tmp_path: Path,
) -> None:
    """tool_export_title_cause tune seed 0, page 1 (7 pt type): no word of the titles was
    judged bold, so "Title / Cause." came as one risk; the title's line ends before the line
    is full (the cause's first word would have fitted on it). And a risk repeated on each of
    its controls' rows came twice when the scan read its "4 – Låg" as "4—Låg" on one row and
    "4-—Låg" on the other."""
    got, want = scanned_risks(tmp_path, "tool_export_title_cause", 0, 1)
    titles = [key(r.fields["risk"].raw) for r in got]
    assert all(titles.count(key(r["risk"])) == 1 for r in want)
    described = {key(r.fields["risk"].raw): r.fields.get("description") for r in got}
    assert all(
        described[key(r["risk"])] is not None
        and key(described[key(r["risk"])].raw) == key(r["description"])
        for r in want
    )


@pytest.mark.parametrize(("seed", "page"), [(2, 1), (2, 2)])
def test_a_title_row_the_scan_ruled_across_is_one_cell(
    tmp_path: Path, seed: int, page: int
) -> None:
    """plan_title_row_tables tune seed 2: each risk a two-column box whose first row, shaded,
    holds its title across both columns. The scan found the column line through that row
    too, and the title came parted ("Risk 1: Felaktig periodisering vid" | "bokslut"): the
    risk was named "bokslut". The title's line runs on over the line a word space apart."""
    got, want = scanned_risks(tmp_path, "plan_title_row_tables", seed, page)
    assert sorted(key(r.fields["risk"].raw) for r in got) == sorted(key(r["risk"]) for r in want)


@pytest.mark.parametrize("seed", [4, 5])
def test_turned_labels_side_by_side_stay_apart(tmp_path: Path, seed: int) -> None:
    """excel_turned_merged tune seeds: narrow columns under turned labels ("Konsekvens",
    "Riskpoäng"); a turned word's box is as tall as its text is long, so two such labels
    side by side looked a word space apart and their columns were joined into one."""
    pdf = build(Job("excel_turned_merged", seed, "reportlab", "tune", tmp_path))
    scan = tmp_path / "scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), seed), scan, "scan")
    decision = PageDecision(route="ocr", reason="scanned page")
    record = page_record(run_job(OcrJob(scan, 0, use_cache=False)), decision)
    grids = [b for b in page_blocks(split_page(record)) if isinstance(b, Grid)]
    turned = [c for g in grids for row in g.rows for c in row
              if c is not None and any(w.turned for w in c.words)]  # fmt: skip
    assert turned
    assert all(c.col_span == 1 for c in turned)
