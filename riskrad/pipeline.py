"""The extraction run, as a recipe of stages over documents and their page records.

1. find the PDFs under the input folder; a document whose result is cached (same
   bytes, same riskrad, same settings: riskrad/result_cache.py) is not opened again;
2. per document, one task: read its text layer and decide per page, text layer or
   OCR; OCR those pages; recognise the layouts; map to the contract's rows (repairing
   text). A long document's OCR pages become tasks of their own, and a last task
   finishes the document with their results;
3. the tasks run in this process (``jobs`` = 1), a local process pool (``jobs`` > 1)
   or on a Dask cluster (riskrad/executors.py); results come back in any order and
   are put in the input's order;
4. the cross-document steps run over all documents' results, cached or new:
   metadata (with its fallback to folder names), validation, risk keys;
5. everything goes to the writer.
A document that fails to open is recorded as failed; one whose pages partly
fail is marked partial; the rest of the folder is always processed.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from riskrad.corrections import (
    Correction,
    CorrectionReport,
    apply_corrections,
    mark_cell_sources,
    mark_checked,
)
from riskrad.extract.limits import Limits, PageFailure, call_bounded, map_bounded, stop_kept
from riskrad.extract.page_columns import column_text
from riskrad.extract.page_decision import decide_route, measure_text_quality
from riskrad.extract.pdf import file_sha256, open_pdf
from riskrad.extract.recognize import recognise
from riskrad.extract.recognize.evidence import shortfall
from riskrad.extract.salvage import page_ranges, salvage_pdf
from riskrad.extract.tables import page_text
from riskrad.extract.textlayer import TextLayerPage, read_text_layer
from riskrad.model.contract_row import ContractRow, Row
from riskrad.model.errors import DamagedPdfError, DocumentError, OcrUnavailableError
from riskrad.model.records import PageDecision, PageRecord, Provenance
from riskrad.model.rows import CellRow, ControlRow, RepairRow, RiskRow
from riskrad.model.settings import LetterSettings, RunSettings
from riskrad.model.text import demojibake
from riskrad.normalize.finish import finish_dataset
from riskrad.normalize.levels import format_bands, stated_bands
from riskrad.normalize.metadata import detect_metadata
from riskrad.normalize.repair import Repaired, repair_text
from riskrad.normalize.rows import MappedRows, map_rows
from riskrad.normalize.themes import themes_by_text

if TYPE_CHECKING:
    from riskrad.executors import Executor
    from riskrad.extract.ocr_batch import OcrOutcome
    from riskrad.progress import Progress

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
    retry: bool = False  # a step could end otherwise next time: the result is not cached

    @property
    def document_id(self) -> str:
        return self.sha256[:16]


@dataclass
class RunResult:
    """Everything a run produced, table by table, plus its figures."""

    documents: list[Row] = field(default_factory=list)
    risks: list[RiskRow] = field(default_factory=list)
    controls: list[ControlRow] = field(default_factory=list)
    pages: list[Row] = field(default_factory=list)
    cells: list[CellRow] = field(default_factory=list)
    repairs: list[RepairRow] = field(default_factory=list)
    theme_evidence: list[Row] = field(default_factory=list)
    provenance: dict[str, Provenance] = field(default_factory=dict)  # by risk or control id
    seconds: float = 0.0
    documents_cached: int = 0
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


@dataclass(frozen=True, slots=True)
class DocumentTask:
    """One document to process: where it is (on the machine that reads it) and its hash."""

    path: Path
    source_file: str
    sha256: str


@dataclass(frozen=True, slots=True)
class OcrPlan:
    """A read document whose OCR pages are to run as tasks of their own (1-based pages),
    and the pages page triage skipped, with the reason."""

    task: DocumentTask
    pages: tuple[int, ...]
    skipped: dict[int, str] = field(default_factory=dict)


@dataclass
class DocumentResult:
    """One document's rows before the cross-document steps; what the result cache holds."""

    source_file: str
    sha256: str
    document: Row  # the documents row without metadata (added across documents)
    meta_text: str  # the first pages' text metadata is detected from
    pages: list[Row] = field(default_factory=list)
    risks: list[RiskRow] = field(default_factory=list)
    controls: list[ControlRow] = field(default_factory=list)
    cells: list[CellRow] = field(default_factory=list)
    repairs: list[RepairRow] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)  # of its risks and controls
    metadata: Row | None = None  # detect_metadata's fields, for the file at ``metadata_of``
    metadata_of: str = ""
    themes: dict[str, list[Any]] = field(default_factory=dict)  # its risks' themes, by text
    cacheable: bool = False  # its outcome depends on the file and settings alone (not cached)

    def to_payload(self) -> dict[str, Any]:
        """Given the result, it as JSON values (the cache entry's payload)."""
        payload: dict[str, Any] = {"document": self.document, "meta_text": self.meta_text}
        payload["metadata"], payload["metadata_of"] = self.metadata, self.metadata_of
        payload["themes"] = self.themes
        payload["pages"] = self.pages
        for name, kind in TYPED_TABLES.items():
            payload[name] = kind.to_columns(getattr(self, name))
        payload["provenance"] = [asdict(p) for p in self.provenance]
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any], source_file: str, sha256: str) -> DocumentResult:
        """Given a cache payload and where the file is now, the result (ValueError when a
        row holds a field its table lacks)."""
        document = dict(payload["document"], source_file=source_file)
        return cls(
            source_file,
            sha256,
            document,
            payload["meta_text"],
            pages=payload["pages"],
            risks=_typed(RiskRow, payload["risks"]),
            controls=_typed(ControlRow, payload["controls"]),
            cells=_typed(CellRow, payload["cells"]),
            repairs=_typed(RepairRow, payload["repairs"]),
            provenance=[Provenance(**p) for p in payload["provenance"]],
            metadata=payload.get("metadata"),
            metadata_of=payload.get("metadata_of", ""),
            themes=payload.get("themes", {}),
        )


TYPED_TABLES: dict[str, type[ContractRow]] = {
    "risks": RiskRow,
    "controls": ControlRow,
    "cells": CellRow,
    "repairs": RepairRow,
}


TypedRow = TypeVar("TypedRow", bound=ContractRow)


def _typed(kind: type[TypedRow], table: dict[str, Any]) -> list[TypedRow]:
    """Given a row class and a cache entry's table (``ContractRow.to_columns``), its rows."""
    return kind.from_columns(table["columns"], table["rows"])


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
            state.retry = state.retry or is_transient(salvaged.failure)
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
    if not state.sha256:
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
    unloadable = read_pages(state, numbers, settings)
    if unloadable and state.salvage is None:
        repair_pages(state, unloadable, settings, salvage_dir)


def read_pages(state: DocumentState, numbers: list[int], settings: RunSettings) -> list[int]:
    """Given a document and page numbers, each page's text layer and route decision within the
    limits; the pages PDFium cannot even load."""
    limits = settings.limits
    path = state.read_path
    assert path is not None
    unloadable: list[int] = []
    reader = partial(page_reader, path, settings)  # pickles: sent to the kept page worker
    outcomes = map_bounded(reader, [n - 1 for n in numbers], limits, keep=True)
    for number, outcome in zip(numbers, outcomes, strict=True):
        if outcome.failure is not None and outcome.failure.limit:
            state.page_errors[number] = outcome.failure.reason
            state.retry = state.retry or outcome.failure.transient
            continue
        if outcome.value is None:  # PDFium cannot read this page's content: try OCR
            why = outcome.failure.reason if outcome.failure else "no result"
            if "load page" in why:
                unloadable.append(number)
            reason = f"text layer unreadable ({why}): OCR"
            state.decisions[number] = PageDecision(route="ocr", reason=reason)
            continue
        text_page = outcome.value
        quality = measure_text_quality(text_page.text, image_cover=text_page.image_cover)
        decision = decide_route(quality, settings=settings.decision)
        log.info("%s p%d: %s (%s)", state.source_file, number, decision.route, decision.reason)
        state.text_pages[number] = text_page
        state.decisions[number] = decision
    return unloadable


def repair_pages(
    state: DocumentState, numbers: list[int], settings: RunSettings, salvage_dir: Path
) -> None:
    """Given a document PDFium opens but some of whose pages it cannot load, a copy repaired
    by qpdf read for those pages (and used for OCR) when it has the same pages; the outcome
    is said in the document's error."""
    salvaged = call_bounded(lambda src: salvage_pdf(src, salvage_dir), state.path, settings.limits)
    repaired = salvaged.value
    state.retry = state.retry or is_transient(salvaged.failure)
    for number in numbers:
        state.decisions.pop(number, None)
    still = numbers
    if repaired is not None and repaired.pages == state.page_count:
        state.read_path = repaired.path
        still = read_pages(state, numbers, settings)
        fixed = [n for n in numbers if n not in still]
        state.salvage = (
            f"page(s) {page_ranges(tuple(numbers))} could not be loaded; the file was repaired "
            f"with qpdf and {len(fixed)} of them read"
        )
    for number in still:
        state.page_errors[number] = (
            "the page object is damaged (PDFium cannot load it, qpdf cannot repair it): "
            "get an undamaged copy of the file"
        )
        state.decisions.pop(number, None)


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


def is_transient(failure: PageFailure | None) -> bool:
    """Given how a bounded step failed, whether another try could end otherwise."""
    return failure is not None and failure.transient


def ocr_pages(state: DocumentState) -> tuple[int, ...]:
    """Given a read document, the 1-based pages whose decision is OCR."""
    return tuple(n for n, d in sorted(state.decisions.items()) if d.route == "ocr")


@cache
def tesseract_problem(lang: str) -> str | None:
    """Given the OCR language, why Tesseract cannot run it here (None when it can); once."""
    from riskrad.extract.ocr_batch import check_tesseract

    try:
        check_tesseract(lang)
    except OcrUnavailableError as exc:
        return str(exc)
    return None


def ocr_page(path: Path, number: int, settings: RunSettings) -> OcrOutcome:
    """Given a PDF and a 1-based page, the page's OCR outcome (an OcrFailure when it raised)."""
    from riskrad.extract.ocr import OcrJob
    from riskrad.extract.ocr_batch import OcrFailure, run_ocr_jobs, single_threaded_tesseract

    job = OcrJob(
        path, number - 1, settings.ocr, use_cache=settings.use_cache, tables=settings.tables
    )
    problem = tesseract_problem(settings.ocr.lang)
    if problem is not None:
        return OcrFailure(job, problem, unavailable=True)
    single_threaded_tesseract()
    return run_ocr_jobs([job], 1, None, limits=settings.limits)[0]


def apply_ocr(state: DocumentState, number: int, outcome: OcrOutcome) -> None:
    """Given a document and one page's OCR outcome, the page record (or the page's error)."""
    from riskrad.extract.ocr import page_record
    from riskrad.extract.ocr_batch import OcrFailure

    if isinstance(outcome, OcrFailure):
        prefix = "" if outcome.unavailable else "OCR failed: "
        advice = (
            ""
            if outcome.unavailable or "--page" in outcome.error
            else (": check the page, or re-scan it")
        )
        state.page_errors[number] = prefix + outcome.error + advice
        state.retry = True  # Tesseract missing, crashed or late: not a property of the file
        return
    state.records[number] = page_record(outcome, state.decisions[number])


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
    """Given a document's page records, the text of its first pages for metadata (two page
    columns read one after the other)."""
    text = "\n\n".join(column_text(r.words) for r in records[:METADATA_PAGES])
    return demojibake(text)


def metadata_fields(meta_text: str, source_file: str, settings: RunSettings) -> Row:
    """Given a document's first pages' text and its path in the input, its metadata columns
    (found in the text, else in the folder names; the evidence joined)."""
    meta = detect_metadata(meta_text, source_file, settings.metadata)
    return {
        "municipality": meta.municipality,
        "municipality_code": meta.municipality_code,
        "organ": meta.organ,
        "year": meta.year,
        "document_type": meta.document_type,
        "metadata_evidence": "; ".join(f"{k}: {v}" for k, v in meta.evidence.items()),
    }


def page_error_summary(errors: dict[int, str]) -> str:
    """Given page errors, them as one text, pages with the same error grouped ("p3-19: ...")."""
    by_message: dict[str, list[int]] = {}
    for number, message in sorted(errors.items()):
        by_message.setdefault(message, []).append(number)
    return ", ".join(f"p{page_ranges(tuple(pages))}: {msg}" for msg, pages in by_message.items())


def document_row(state: DocumentState) -> Row:
    """Given a processed document, its documents row (metadata is added across documents)."""
    row: Row = {
        "document_id": state.document_id or None,
        "source_file": state.source_file,
        "sha256": state.sha256 or None,
        "pages": state.page_count or None,
        "pages_ocr": sum(d.route == "ocr" for d in state.decisions.values()),
    }
    if state.failed:
        row.update(status="failed", error=state.error)
    elif state.page_errors or state.salvage:
        pages = page_error_summary(state.page_errors)
        notes = [state.salvage] if state.salvage else []
        notes += [f"{len(state.page_errors)} page(s) not read: {pages}"] if pages else []
        row.update(status="partial", error="; ".join(notes))
    else:
        row.update(status="ok", error=None)
    return row


def assemble(state: DocumentState, settings: RunSettings) -> DocumentResult:
    """Given a document whose pages are all read or OCR'd, its rows."""
    for number, decision in state.decisions.items():
        if decision.route == "text":
            state.records[number] = text_record(state.text_pages[number], decision)
    records = [state.records[n] for n in sorted(state.records)]
    result = DocumentResult(
        state.source_file,
        state.sha256,
        document_row(state),
        "" if state.failed else metadata_text(records),
    )
    if not state.failed:
        result.metadata = metadata_fields(result.meta_text, state.source_file, settings)
        result.metadata_of = state.source_file
        text = "\n".join(page_text(r.words) for r in records)
        result.document["risk_levels"] = format_bands(stated_bands(text))
        read_rows(state, records, result, settings)
        result.themes = themes_by_text(result.risks)
    result.pages = page_rows(state)
    mark_cell_sources(result.cells, result.pages)  # so combine changes none of them
    result.cacheable = not state.retry
    return result


REPAIRS_KEPT = 1 << 14  # texts whose repair is kept (a run's cells repeat: see repaired_text)


@lru_cache(maxsize=REPAIRS_KEPT)
def repaired_text(text: str, letters: LetterSettings) -> Repaired:
    """Given a cell's text and the letter repair's settings, ``repair_text`` of it (a pure
    function: kept for the run's last 16,384 texts; a value, a name or a risk comes again on
    a document's rows, in its copies and in the same committee's later years: 2,330 cells of
    457 texts on the bench's 118 pages, 21,889 of 1,651 in the generated tune set)."""
    return repair_text(text, letters=letters)


def read_rows(
    state: DocumentState, records: list[PageRecord], result: DocumentResult, settings: RunSettings
) -> None:
    """Given a document's page records, its risks and controls added to its result.

    A document whose text shows risk content but gives no rows (or far fewer
    than it announces) becomes partial, its pages marked for review.
    """
    row = result.document
    try:
        repair = partial(repaired_text, letters=settings.letters)
        layout = recognise(
            records,
            settings.recognizer,
            source=state.source_file,
            tables=settings.tables,
            blocks=settings.blocks,
            unruled=settings.unruled,
        )
        mapped: MappedRows = map_rows(layout, state.document_id, repair)
    except Exception as exc:  # a bug in a recogniser must not cost the folder
        log.exception("layout recognition failed for %s", state.source_file)
        state.retry = True
        row.update(
            status="partial", error=f"layout recognition failed: {type(exc).__name__}: {exc}"
        )
        return
    gap = shortfall(
        records, len(mapped.risks), len(mapped.controls), settings.recognizer, settings.unruled
    )
    if gap is not None:
        log.warning("%s: %s", state.source_file, gap.message)
        error = row.get("error")
        row.update(status="partial", error=f"{error}; {gap.message}" if error else gap.message)
        state.page_review.update(gap.pages)
    result.risks, result.controls = mapped.risks, mapped.controls
    result.cells, result.repairs = mapped.cells, mapped.repairs
    result.provenance = mapped.provenance


def failed_result(task: DocumentTask, error: str) -> DocumentResult:
    """Given a document and what went wrong, its result as a failed document."""
    state = DocumentState(task.path, task.source_file, sha256=task.sha256)
    state.failed, state.error, state.retry = True, error, True
    return assemble(state, RunSettings())


@contextmanager
def local_copy(task: DocumentTask, data: bytes | None) -> Iterator[Path]:
    """Given a task and the file's bytes when they were sent with it, a local path to read."""
    if data is None:
        yield task.path
        return
    with tempfile.TemporaryDirectory(prefix="riskrad-doc-") as tmp:
        path = Path(tmp) / f"{task.sha256 or 'document'}.pdf"
        path.write_bytes(data)
        yield path


def triage_pages(path: Path, pages: tuple[int, ...], settings: RunSettings) -> dict[int, str]:
    """Given a document's OCR pages, those page triage skips, with the reason (none when the
    document is short or triage is off)."""
    triage = settings.triage
    if not triage.enabled or len(pages) < triage.min_pages:
        return {}
    from riskrad.extract.triage import choose_pages, header_reads, page_signals, to_read

    signals = [page_signals(path, n - 1, triage) for n in pages]
    headers = header_reads(path, to_read(signals, triage), settings.ocr.lang, triage.read_dpi)
    _, skipped = choose_pages(signals, triage, headers)
    return skipped


def follow_vocabulary(
    state: DocumentState, path: Path, skipped: dict[int, str], settings: RunSettings
) -> None:
    """Given a document whose chosen pages are OCR'd, OCR the skipped neighbours of every OCR'd
    page whose text holds the internal-control vocabulary, until no page adds any: a table
    page at once, a prose page only when the top of it holds the vocabulary too (read first)."""
    if not skipped:
        return
    from riskrad.extract.triage import (
        is_internal_control_text,
        is_table_page,
        top_read,
        vocabulary_hits,
    )

    triage = settings.triage
    reach = triage.neighbours
    checked: set[int] = set()
    read: set[int] = set()
    while skipped:
        wanted: set[int] = set()
        for number, record in list(state.records.items()):
            if number in checked:
                continue
            checked.add(number)
            if is_internal_control_text(page_text(record.words), triage):
                wanted.update(range(number - reach, number + reach + 1))
        todo = sorted((wanted & set(skipped)) - read)
        if not todo:
            return
        for number in todo:
            if triage.header_read and not is_table_page(skipped[number]):
                read.add(number)
                top = top_read(path, number, settings.ocr.lang, triage.read_dpi)
                if vocabulary_hits(top) < triage.top_vocabulary:
                    skipped[number] += f"; its top read holds no vocabulary ({top[:60]!r})"
                    continue
            del skipped[number]
            apply_ocr(state, number, ocr_page(path, number, settings))


def mark_skipped(state: DocumentState, skipped: dict[int, str]) -> None:
    """Given the pages page triage skipped, their decisions: route "skipped" with the reason."""
    for number, reason in skipped.items():
        decision = state.decisions[number]
        state.decisions[number] = PageDecision(
            route="skipped", reason=f"{decision.reason}; {reason}", quality=decision.quality
        )


def process_document(
    task: DocumentTask,
    data: bytes | None,
    settings: RunSettings,
    outcomes: dict[int, OcrOutcome] | None = None,
    split_over: int | None = None,
    triaged: dict[int, str] | None = None,
) -> DocumentResult | OcrPlan:
    """Given a document (and its OCR outcomes and triage when its OCR pages ran as tasks of
    their own), its rows; an OcrPlan instead when it has more than ``split_over`` pages to
    OCR and no outcomes yet."""
    try:
        with (
            local_copy(task, data) as given,
            tempfile.TemporaryDirectory(prefix="riskrad-salvage-") as scratch,
        ):
            state = DocumentState(given, task.source_file, sha256=task.sha256)
            read_document(state, settings, Path(scratch))
            path = state.read_path or given
            state.path = task.path
            pages = ocr_pages(state)
            skipped = dict(triaged) if triaged is not None else triage_pages(path, pages, settings)
            chosen = tuple(n for n in pages if n not in skipped)
            if outcomes is None and split_over is not None and len(chosen) > split_over:
                return OcrPlan(task, chosen, skipped)
            for number in chosen:
                outcome = (outcomes or {}).get(number) or ocr_page(path, number, settings)
                apply_ocr(state, number, outcome)
            follow_vocabulary(state, path, skipped, settings)
            mark_skipped(state, skipped)
            return assemble(state, settings)
    except OSError as exc:
        return failed_result(task, f"cannot read the file: {exc}")
    except Exception as exc:  # one document's surprise must not cost the folder
        log.exception("processing %s failed", task.source_file)
        return failed_result(
            task, f"unexpected error ({type(exc).__name__}: {exc}): please report it"
        )


def ocr_page_task(
    task: DocumentTask, data: bytes | None, number: int, settings: RunSettings
) -> OcrOutcome:
    """Given a document and a 1-based page, the page's OCR outcome (a task of its own)."""
    with local_copy(task, data) as path:
        return ocr_page(path, number, settings)


SPLIT_OCR_PAGES = 3  # a document with more OCR pages runs them as tasks of their own
IN_FLIGHT_PER_WORKER = 2  # documents submitted ahead per worker (bounds memory)


@dataclass
class _Pending:
    """What a submitted task is: a document, one OCR page of a document, or a finish."""

    kind: str  # "document", "ocr" or "finish"
    index: int
    task: DocumentTask
    page: int = 0


@dataclass
class _Split:
    """A document whose OCR pages run as tasks: the outcomes so far and the pages left."""

    data: Any
    outcomes: dict[int, OcrOutcome] = field(default_factory=dict)
    left: int = 0
    skipped: dict[int, str] = field(default_factory=dict)


def process_all(
    tasks: list[tuple[int, DocumentTask]],
    settings: RunSettings,
    executor: Executor,
    on_result: Any,
    progress: Progress | None = None,
) -> None:
    """Given numbered document tasks and an executor, every document processed; each result
    handed to ``on_result(index, result)`` as it arrives (in any order)."""
    queue = deque(tasks)
    pending: dict[Any, _Pending] = {}
    splits: dict[int, _Split] = {}
    documents_in_flight = 0
    limit = max(1, executor.workers * IN_FLIGHT_PER_WORKER)
    split_over = SPLIT_OCR_PAGES if executor.workers > 1 else None

    def finish(index: int, task: DocumentTask, result: DocumentResult) -> None:
        nonlocal documents_in_flight
        documents_in_flight -= 1
        splits.pop(index, None)
        on_result(index, result)
        if progress is not None:
            progress.document_done(result)

    while queue or pending:
        while queue and documents_in_flight < limit:
            index, task = queue.popleft()
            data = executor.payload(task)
            future = executor.submit(process_document, task, data, settings, None, split_over)
            pending[future] = _Pending("document", index, task)
            splits[index] = _Split(data)
            documents_in_flight += 1
        for future in executor.wait_any(list(pending)):
            item = pending.pop(future)
            try:
                value = future.result()
            except Exception as exc:  # the worker died on it twice, or could not run it
                log.error("%s: %s task failed: %s", item.task.source_file, item.kind, exc)
                value = worker_failure(item, exc)
            split = splits.get(item.index)
            if isinstance(value, OcrPlan) and split is not None:
                split.left = len(value.pages)
                split.skipped = value.skipped
                if progress is not None:
                    progress.ocr_planned(len(value.pages))
                for number in value.pages:
                    f = executor.submit(ocr_page_task, item.task, split.data, number, settings)
                    pending[f] = _Pending("ocr", item.index, item.task, number)
            elif item.kind == "ocr" and split is not None:
                if not isinstance(value, DocumentResult | OcrPlan):
                    split.outcomes[item.page] = value
                if progress is not None:
                    progress.ocr_page_done()
                split.left -= 1
                if split.left == 0:
                    f = executor.submit(
                        process_document,
                        item.task,
                        split.data,
                        settings,
                        split.outcomes,
                        None,
                        split.skipped,
                    )
                    pending[f] = _Pending("finish", item.index, item.task)
            elif isinstance(value, DocumentResult):
                finish(item.index, item.task, value)


def worker_failure(item: _Pending, exc: BaseException) -> Any:
    """Given a task that raised on its worker, what stands for its result."""
    from riskrad.extract.ocr import OcrJob
    from riskrad.extract.ocr_batch import OcrFailure

    message = f"the worker failed on it ({type(exc).__name__}: {exc})"
    if item.kind == "ocr":
        return OcrFailure(OcrJob(item.task.path, item.page - 1), message)
    return failed_result(item.task, message)


def combine(
    results: list[DocumentResult],
    settings: RunSettings,
    corrections: Sequence[Correction] | None = None,
) -> RunResult:
    """Given every document's result in input order (and an auditor's corrections), the
    run's tables with the cross-document steps done: metadata (text, then folder names),
    corrections, validation, confidence, risk keys."""
    out = RunResult(settings=settings)
    themes: dict[str, list[Any]] = {}
    for result in results:
        themes.update(result.themes)
        row = dict(result.document)
        if row.get("status") != "failed":
            known = result.metadata if result.metadata_of == result.source_file else None
            row.update(known or metadata_fields(result.meta_text, result.source_file, settings))
        out.documents.append(row)
        out.pages.extend(result.pages)
        out.risks.extend(result.risks)
        out.controls.extend(result.controls)
        out.cells.extend(result.cells)
        out.repairs.extend(result.repairs)
        out.provenance.update((p.row_id, p) for p in result.provenance)
    # every result was assembled (fresh, cached or failed), so its cells carry their
    # pages' routes already: nothing to mark here
    if corrections is not None:
        tables: dict[str, list[Any]] = {"risks": out.risks, "controls": out.controls}
        out.corrections = apply_corrections(
            corrections, out.documents, tables, out.cells, out.repairs, out.provenance
        )
    out.theme_evidence = finish_dataset(
        out.documents, out.risks, out.controls, settings.lineage, out.provenance, themes
    )
    if out.corrections is not None:
        mark_checked(out.corrections, {"risks": out.risks, "controls": out.controls})
    return out


def run(
    input_dir: Path,
    settings: RunSettings,
    progress: Progress | None = None,
    scheduler: str | None = None,
    corrections: Sequence[Correction] | None = None,
) -> RunResult:
    """Given an input folder, settings, a Dask scheduler (an address or "local", None for
    this machine) and an auditor's corrections, the whole dataset of its PDFs (corrections
    applied before validation, their rows then at confidence 1)."""
    from riskrad.executors import open_executor
    from riskrad.result_cache import ResultCache, default_results_dir

    started = time.perf_counter()
    paths = find_pdfs(input_dir)
    store = (
        ResultCache(default_results_dir(), settings.fingerprint()) if settings.use_cache else None
    )
    results: dict[int, DocumentResult] = {}
    tasks: list[tuple[int, DocumentTask]] = []
    if progress is not None:
        progress.start(len(paths))
    cached = 0
    for index, path in enumerate(paths):
        source_file = path.relative_to(input_dir).as_posix()
        task = DocumentTask(path, source_file, "")
        try:
            sha = store.file_hash(path) if store is not None else file_sha256(path)
        except OSError as exc:
            results[index] = failed_result(task, f"cannot read the file: {exc}")
            continue
        task = DocumentTask(path, source_file, sha)
        payload = store.get(sha) if store is not None else None
        if payload is not None:
            try:
                results[index] = DocumentResult.from_payload(payload, source_file, sha)
                cached += 1
                if progress is not None:
                    progress.document_done(results[index], cached=True)
                continue
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("result cache entry of %s unusable (%s): re-read", source_file, exc)
        tasks.append((index, task))

    def keep(index: int, result: DocumentResult) -> None:
        results[index] = result
        if store is not None and result.cacheable:
            store.put(result.sha256, result.to_payload())

    if tasks:
        try:
            with open_executor(settings.jobs, scheduler) as executor:
                if progress is not None:
                    progress.executor(executor.describe())
                process_all(tasks, settings, executor, keep, progress)
        finally:
            stop_kept()  # this process's page worker, kept from document to document
    if store is not None:
        store.save_index()
    out = combine([results[i] for i in sorted(results)], settings, corrections)
    out.documents_cached = cached
    out.seconds = time.perf_counter() - started
    return out


def result_tables(result: RunResult) -> dict[str, Sequence[Mapping[str, Any]]]:
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
