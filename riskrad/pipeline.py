"""The extraction run, as a recipe of stages over documents and their page records.

1. find the PDFs under the input folder;
2. read each document's text layer and decide per page: text layer or OCR;
3. OCR the pages that need it, all documents' pages in one process pool;
4. recognise the layouts over each document's page records;
5. map to the contract's rows (repairing text), detect metadata, validate;
6. hand everything to the writer.
A document that fails to open is recorded as failed; one whose pages partly
fail is marked partial; the rest of the folder is always processed.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from riskrad.corrections import (
    Correction,
    CorrectionReport,
    apply_corrections,
    mark_cell_sources,
    mark_checked,
)
from riskrad.extract.limits import Limits, call_bounded, map_bounded
from riskrad.extract.ocr import OcrJob, page_record
from riskrad.extract.ocr_batch import OcrFailure, OcrOutcome, check_tesseract, run_ocr_jobs
from riskrad.extract.page_decision import decide_route, measure_text_quality
from riskrad.extract.pdf import file_sha256, open_pdf
from riskrad.extract.recognize import recognise
from riskrad.extract.recognize.evidence import shortfall
from riskrad.extract.salvage import page_ranges, salvage_pdf
from riskrad.extract.tables import words_to_text
from riskrad.extract.textlayer import TextLayerPage, read_text_layer
from riskrad.model.errors import DamagedPdfError, DocumentError, OcrUnavailableError
from riskrad.model.records import PageDecision, PageRecord
from riskrad.model.settings import RecognizerSettings, RunSettings
from riskrad.model.text import demojibake
from riskrad.normalize.finish import finish_dataset
from riskrad.normalize.levels import format_bands, stated_bands
from riskrad.normalize.metadata import detect_metadata
from riskrad.normalize.repair import repair_text
from riskrad.normalize.rows import MappedRows, Row, map_rows

log = logging.getLogger("riskrad")

METADATA_PAGES = 3  # metadata is read from the first pages' text


@dataclass
class DocumentState:
    """One document as it passes through the stages."""

    path: Path
    source_file: str
    sha256: str = ""
    error: str | None = None
    failed: bool = False
    text_pages: dict[int, TextLayerPage] = field(default_factory=dict)
    decisions: dict[int, PageDecision] = field(default_factory=dict)
    records: dict[int, PageRecord] = field(default_factory=dict)
    page_errors: dict[int, str] = field(default_factory=dict)
    page_review: dict[int, str] = field(default_factory=dict)  # risk content seen, no rows
    page_count: int = 0
    read_path: Path | None = None  # the file read: the input, or its repaired copy
    salvage: str | None = None  # what a repair did and lost, when the input was damaged

    @property
    def document_id(self) -> str:
        return self.sha256[:16]


@dataclass
class RunResult:
    """Everything a run produced, table by table, plus its figures."""

    documents: list[Row] = field(default_factory=list)
    risks: list[Row] = field(default_factory=list)
    controls: list[Row] = field(default_factory=list)
    pages: list[Row] = field(default_factory=list)
    cells: list[Row] = field(default_factory=list)
    repairs: list[Row] = field(default_factory=list)
    theme_evidence: list[Row] = field(default_factory=list)
    seconds: float = 0.0
    settings: RunSettings = field(default_factory=RunSettings)
    corrections: CorrectionReport | None = None

    def summary(self) -> str:
        """Given the run, its one-line closing summary."""
        status = {
            s: sum(d["status"] == s for d in self.documents) for s in ("ok", "partial", "failed")
        }
        text_pages = sum(p["route"] == "text" for p in self.pages)
        ocr_pages = sum(p["route"] == "ocr" for p in self.pages)
        return (
            f"riskrad: {len(self.documents)} documents ({status['ok']} ok, {status['partial']} "
            f"partial, {status['failed']} failed), {len(self.risks)} risks, "
            f"{len(self.controls)} controls, pages: {text_pages} text layer, {ocr_pages} OCR, "
            f"{self.seconds:.1f} s"
        )


def find_pdfs(root: Path) -> list[Path]:
    """Given the input folder, every *.pdf below it (any case), sorted."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")


def page_reader(path: Path, settings: RunSettings) -> Callable[[int], TextLayerPage]:
    """Given a PDF, a function reading one page's text layer (the PDF opened once)."""
    opened = open_pdf(path)  # kept open for the reader's life (the child that calls it)
    pdf = opened.__enter__()

    def read(index: int) -> TextLayerPage:
        assert opened is not None
        page = pdf[index]
        try:
            return read_text_layer(page, index + 1, settings.text_layer)
        finally:
            page.close()

    return read


def count_pages(state: DocumentState, salvage_dir: Path, limits: Limits) -> None:
    """Given a document, its page count and the file to read: the input, or when PDFium
    cannot open it, a copy repaired by qpdf (pages whose content was lost are recorded)."""
    try:
        with open_pdf(state.path) as pdf:
            state.page_count, state.read_path = len(pdf), state.path
        return
    except DamagedPdfError as damaged:
        salvaged = call_bounded(lambda src: salvage_pdf(src, salvage_dir), state.path, limits)
        if salvaged.value is None:
            raise damaged from None
        repaired = salvaged.value
        try:
            with open_pdf(repaired.path) as pdf:
                state.page_count = len(pdf)
        except DocumentError:
            raise damaged from None
    state.read_path, state.salvage = repaired.path, repaired.note()
    for number in repaired.empty_pages:
        state.page_errors[number] = "content lost in the damaged file"


def read_document(state: DocumentState, settings: RunSettings, salvage_dir: Path) -> None:
    """Given a document, its text layer per page and each page's route decision; each page
    within the time and memory limits (extract/limits.py)."""
    state.sha256 = file_sha256(state.path)
    try:
        count_pages(state, salvage_dir, settings.limits)
    except DocumentError as exc:
        state.failed, state.error = True, str(exc)
        return
    assert state.read_path is not None
    limits = settings.limits
    numbers = [n for n in range(1, min(state.page_count, limits.max_pages) + 1)]
    numbers = [n for n in numbers if n not in state.page_errors]
    if state.page_count > limits.max_pages:
        state.page_errors[limits.max_pages + 1] = (
            f"pages {limits.max_pages + 1}-{state.page_count} not read: the file has "
            f"{state.page_count} pages, the limit is {limits.max_pages} (--max-pages)"
        )
    path = state.read_path
    outcomes = map_bounded(lambda: page_reader(path, settings), [n - 1 for n in numbers], limits)
    for number, outcome in zip(numbers, outcomes, strict=True):
        if outcome.failure is not None and outcome.failure.limit:
            state.page_errors[number] = outcome.failure.reason
            continue
        if outcome.value is None:  # PDFium cannot read this page's content: try OCR
            why = outcome.failure.reason if outcome.failure else "no result"
            reason = f"text layer unreadable ({why}): OCR"
            state.decisions[number] = PageDecision(route="ocr", reason=reason)
            continue
        text_page = outcome.value
        quality = measure_text_quality(text_page.text, image_cover=text_page.image_cover)
        decision = decide_route(quality, settings=settings.decision)
        log.info("%s p%d: %s (%s)", state.source_file, number, decision.route, decision.reason)
        state.text_pages[number] = text_page
        state.decisions[number] = decision


def text_record(text_page: TextLayerPage, decision: PageDecision) -> PageRecord:
    """Given a text-layer page and its decision, the page record of the text route."""
    return PageRecord(
        page=text_page.page,
        width=text_page.width,
        height=text_page.height,
        words=text_page.words,
        rulings=text_page.rulings,
        decision=decision,
        fills=text_page.fills,
    )


def ocr_jobs(
    states: list[DocumentState], settings: RunSettings
) -> list[tuple[DocumentState, OcrJob]]:
    """Given the read documents, one OCR job per page whose decision is OCR."""
    jobs = []
    for state in states:
        for number, decision in sorted(state.decisions.items()):
            if decision.route == "ocr":
                path = state.read_path or state.path
                job = OcrJob(path, number - 1, settings.ocr, use_cache=settings.use_cache)
                jobs.append((state, job))
    return jobs


def apply_ocr(state: DocumentState, outcome: OcrOutcome) -> None:
    """Given a document and one OCR outcome, the page record (or the page's error)."""
    if isinstance(outcome, OcrFailure):
        state.page_errors[outcome.job.page_index + 1] = f"OCR failed: {outcome.error}"
        return
    number = outcome.page_index + 1
    state.records[number] = page_record(outcome, state.decisions[number])


def run_ocr(states: list[DocumentState], settings: RunSettings, tick: Callable[[], None]) -> None:
    """Given the read documents, OCR every page that needs it and file the records."""
    pairs = ocr_jobs(states, settings)
    if not pairs:
        return
    try:
        check_tesseract(settings.ocr_lang)
    except OcrUnavailableError as exc:
        for state, job in pairs:
            state.page_errors[job.page_index + 1] = str(exc)
        return
    outcomes = run_ocr_jobs(
        [job for _, job in pairs], settings.jobs, lambda _o: tick(), limits=settings.limits
    )
    for (state, _job), outcome in zip(pairs, outcomes, strict=True):
        apply_ocr(state, outcome)


def page_rows(state: DocumentState) -> list[Row]:
    """Given a processed document, one row per page: route, reason and quality."""
    rows = []
    for number in range(1, state.page_count + 1):
        decision = state.decisions.get(number)
        record = state.records.get(number)
        quality = decision.quality if decision else None
        rows.append(
            {
                "document_id": state.document_id,
                "page": number,
                "route": decision.route if decision else None,
                "reason": decision.reason if decision else None,
                "error": state.page_errors.get(number) or state.page_review.get(number),
                "words": len(record.words) if record else 0,
                "ocr_confidence": record.ocr_confidence if record else None,
                "swedish_word_share": quality.swedish_word_share if quality else None,
                "unmapped_share": quality.unmapped_share if quality else None,
                "diacritic_rate": quality.diacritic_rate if quality else None,
                "suspect_share": quality.suspect_share if quality else None,
                "image_cover": quality.image_cover if quality else None,
            }
        )
    return rows


def metadata_text(records: list[PageRecord]) -> str:
    """Given a document's page records, the text of its first pages for metadata."""
    text = "\n\n".join(words_to_text(r.words) for r in records[:METADATA_PAGES])
    return demojibake(text)


def page_error_summary(errors: dict[int, str]) -> str:
    """Given page errors, them as one text, pages with the same error grouped ("p3-19: ...")."""
    by_message: dict[str, list[int]] = {}
    for number, message in sorted(errors.items()):
        by_message.setdefault(message, []).append(number)
    return ", ".join(f"p{page_ranges(tuple(pages))}: {msg}" for msg, pages in by_message.items())


def document_row(state: DocumentState, records: list[PageRecord], settings: RunSettings) -> Row:
    """Given a processed document, its documents row."""
    row: Row = {
        "document_id": state.document_id or None,
        "source_file": state.source_file,
        "sha256": state.sha256 or None,
        "pages": state.page_count or None,
        "pages_ocr": sum(d.route == "ocr" for d in state.decisions.values()),
    }
    if state.failed:
        row.update(status="failed", error=state.error)
        return row
    meta = detect_metadata(metadata_text(records), state.source_file, settings.metadata)
    row.update(
        municipality=meta.municipality,
        municipality_code=meta.municipality_code,
        organ=meta.organ,
        year=meta.year,
        document_type=meta.document_type,
        risk_levels=format_bands(stated_bands("\n".join(words_to_text(r.words) for r in records))),
        metadata_evidence="; ".join(f"{k}: {v}" for k, v in meta.evidence.items()),
    )
    if state.page_errors or state.salvage:
        pages = page_error_summary(state.page_errors)
        notes = [state.salvage] if state.salvage else []
        notes += [f"{len(state.page_errors)} page(s) not read: {pages}"] if pages else []
        row.update(status="partial", error="; ".join(notes))
    else:
        row.update(status="ok", error=None)
    return row


def assemble(state: DocumentState, result: RunResult, settings: RunSettings) -> None:
    """Given a document whose pages are all read or OCR'd, its rows added to the result."""
    for number, decision in state.decisions.items():
        if decision.route == "text":
            state.records[number] = text_record(state.text_pages[number], decision)
    records = [state.records[n] for n in sorted(state.records)]
    row = document_row(state, records, result.settings)
    result.documents.append(row)
    if not state.failed:
        read_rows(state, records, row, result, settings.recognizer)
    result.pages.extend(page_rows(state))


def read_rows(
    state: DocumentState,
    records: list[PageRecord],
    row: Row,
    result: RunResult,
    settings: RecognizerSettings,
) -> None:
    """Given a document's page records, its risks and controls added to the result.

    A document whose text shows risk content but gives no rows (or far fewer
    than it announces) becomes partial, its pages marked for review.
    """
    try:
        repair = partial(repair_text, letters=result.settings.letters)
        layout = recognise(records, settings, source=state.source_file)
        mapped: MappedRows = map_rows(layout, state.document_id, repair)
    except Exception as exc:  # a bug in a recogniser must not cost the folder
        log.exception("layout recognition failed for %s", state.source_file)
        row.update(
            status="partial", error=f"layout recognition failed: {type(exc).__name__}: {exc}"
        )
        return
    gap = shortfall(records, len(mapped.risks), len(mapped.controls), settings)
    if gap is not None:
        log.warning("%s: %s", state.source_file, gap.message)
        error = row.get("error")
        row.update(status="partial", error=f"{error}; {gap.message}" if error else gap.message)
        state.page_review.update(gap.pages)
    result.risks.extend(mapped.risks)
    result.controls.extend(mapped.controls)
    result.cells.extend(mapped.cells)
    result.repairs.extend(mapped.repairs)


def run(
    input_dir: Path,
    settings: RunSettings,
    progress: Callable[[str], None] | None = None,
    corrections: Sequence[Correction] | None = None,
) -> RunResult:
    """Given an input folder, settings and an auditor's corrections, the whole dataset of
    its PDFs (corrections applied before validation, their rows then at confidence 1)."""
    started = time.perf_counter()
    paths = find_pdfs(input_dir)
    states = [DocumentState(p, p.relative_to(input_dir).as_posix()) for p in paths]
    done = {"n": 0}

    def tick(label: str = "OCR") -> None:
        done["n"] += 1
        if progress is not None:
            progress(label)

    with tempfile.TemporaryDirectory(prefix="riskrad-salvage-") as scratch:
        read_all(states, settings, Path(scratch), tick)
        run_ocr(states, settings, tick)
    result = RunResult(settings=settings)
    for state in states:
        assemble(state, result, settings)
    mark_cell_sources(result.cells, result.pages)
    if corrections is not None:
        tables = {"risks": result.risks, "controls": result.controls}
        result.corrections = apply_corrections(
            corrections, result.documents, tables, result.cells, result.repairs
        )
    result.theme_evidence = finish_dataset(
        result.documents, result.risks, result.controls, settings.lineage
    )
    if result.corrections is not None:
        mark_checked(result.corrections, {"risks": result.risks, "controls": result.controls})
    result.seconds = time.perf_counter() - started
    return result


def read_all(
    states: list[DocumentState],
    settings: RunSettings,
    salvage_dir: Path,
    tick: Callable[[str], None],
) -> None:
    """Given the documents, each one's text layer and route decisions (damaged files
    repaired into the scratch folder); no document's failure stops the others."""
    for state in states:
        try:
            read_document(state, settings, salvage_dir)
        except OSError as exc:
            state.failed, state.error = True, f"cannot read the file: {exc}"
        except Exception as exc:  # one document's surprise must not cost the folder
            log.exception("reading %s failed", state.source_file)
            state.failed = True
            state.error = f"unexpected error ({type(exc).__name__}: {exc}): please report it"
        tick(state.source_file)


def result_tables(result: RunResult) -> dict[str, list[dict[str, Any]]]:
    """Given a run result, its tables by name."""
    return {
        "documents": result.documents,
        "risks": result.risks,
        "controls": result.controls,
        "pages": result.pages,
        "cells": result.cells,
        "repairs": result.repairs,
        "theme_evidence": result.theme_evidence,
    }
