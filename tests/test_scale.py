"""Runs at scale: the result cache, a Dask LocalCluster, progress; real PDFs, real Tesseract."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import make_risk_table_pdf
from reportlab.pdfgen import canvas

from riskrad import pipeline
from riskrad.extract.limits import Limits
from riskrad.pipeline import RunResult, RunSettings, result_tables, run
from riskrad.progress import Progress
from riskrad.result_cache import decode_crops, decode_entry, encode_crops, encode_entry

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "corpus/Sigtuna/2023/helarsuppfoljning_internkontrollplan_2023_kort_scanned.pdf"
PLAN = ROOT / "corpus/Sigtuna/2023/helarsuppfoljning_internkontrollplan_2023.pdf"


def tables(result: RunResult) -> dict[str, list[dict[str, object]]]:
    return result_tables(result)


def folder_of_plans(root: Path) -> Path:
    (root / "Kalmar").mkdir(parents=True)
    make_risk_table_pdf(root / "Kalmar" / "plan.pdf")
    (root / "Kalmar" / "empty.pdf").write_bytes(b"")
    return root


def test_unchanged_documents_come_from_the_cache(tmp_path: Path) -> None:
    folder = folder_of_plans(tmp_path / "in")
    first = run(folder, RunSettings())
    assert first.documents_cached == 0
    second = run(folder, RunSettings())
    assert second.documents_cached == 2  # the empty file fails the same way every time
    assert tables(second) == tables(first)
    forced = run(folder, RunSettings(use_cache=False))
    assert forced.documents_cached == 0
    assert tables(forced) == tables(first)


def test_cross_document_steps_are_recomputed_from_cached_results(tmp_path: Path) -> None:
    folder = folder_of_plans(tmp_path / "in")
    run(folder, RunSettings())
    (folder / "Eskilstuna").mkdir()
    shutil.move(folder / "Kalmar" / "plan.pdf", folder / "Eskilstuna" / "plan.pdf")
    moved = run(folder, RunSettings())
    assert moved.documents_cached == 2  # the plan, and the empty file's failure
    doc = next(d for d in moved.documents if d["status"] == "ok")
    assert doc["source_file"] == "Eskilstuna/plan.pdf"
    assert doc["municipality"] == "Kalmar"  # named in the text: the text wins over the folder
    assert {r["risk_key"] for r in moved.risks} and all(r["confidence"] for r in moved.risks)


def test_metadata_from_folder_names_follows_a_moved_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "Kalmar").mkdir(parents=True)
    plan = make_risk_table_pdf(folder / "Kalmar" / "plan.pdf", title="Internkontrollplan 2024")
    first = run(folder, RunSettings())
    assert first.documents[0]["municipality"] == "Kalmar"
    assert "path" in str(first.documents[0]["metadata_evidence"])
    (folder / "Eskilstuna").mkdir()
    shutil.move(plan, folder / "Eskilstuna" / "plan.pdf")
    moved = run(folder, RunSettings())
    assert moved.documents_cached == 1
    assert moved.documents[0]["municipality"] == "Eskilstuna"  # not the entry's Kalmar
    fresh = run(folder, RunSettings(use_cache=False))
    assert tables(moved) == tables(fresh)


def test_a_damaged_entry_is_ignored_and_recomputed(tmp_path: Path, own_result_cache: Path) -> None:
    folder = folder_of_plans(tmp_path / "in")
    first = run(folder, RunSettings())
    entries = sorted(own_result_cache.rglob("*.entry"), key=lambda p: p.stat().st_size)
    assert len(entries) == 2  # the plan's, and the empty file's failure
    data = bytearray(entries[-1].read_bytes())  # the plan's, the larger
    data[-5] ^= 0xFF
    entries[-1].write_bytes(bytes(data))
    again = run(folder, RunSettings())
    assert again.documents_cached == 1  # the empty file's entry only
    assert tables(again) == tables(first)
    assert run(folder, RunSettings()).documents_cached == 2  # the entry was written anew


def test_review_crops_come_from_the_crop_cache(tmp_path: Path, own_result_cache: Path) -> None:
    from riskrad.outputs import write_run

    folder = folder_of_plans(tmp_path / "in")
    write_run(tmp_path / "first", run(folder, RunSettings()), folder)
    crops = list((own_result_cache / "crops").rglob("*.crops"))
    assert len(crops) == 1  # the plan's page with rows; the empty file has none
    stored = crops[0].stat().st_mtime_ns
    write_run(tmp_path / "again", run(folder, RunSettings()), folder)
    assert crops[0].stat().st_mtime_ns == stored  # read, not rendered and written again
    page = (tmp_path / "first" / "review.html").read_bytes()
    assert b"data:image/" in page
    assert (tmp_path / "again" / "review.html").read_bytes() == page
    damaged = bytearray(crops[0].read_bytes())
    damaged[-3] ^= 0xFF
    crops[0].write_bytes(bytes(damaged))
    write_run(tmp_path / "damaged", run(folder, RunSettings()), folder)
    assert (tmp_path / "damaged" / "review.html").read_bytes() == page
    write_run(tmp_path / "forced", run(folder, RunSettings(use_cache=False)), folder)
    assert (tmp_path / "forced" / "review.html").read_bytes() == page


def first_page_of(source: Path, target: Path) -> Path:
    """Given a PDF, its first page alone in target (a page that announces rows it lacks)."""
    single = pdfium.PdfDocument.new()
    single.import_pages(pdfium.PdfDocument(source), [0])
    target.parent.mkdir(parents=True, exist_ok=True)
    single.save(target)
    return target


def dense_page_pdf(path: Path) -> Path:
    """Given a path, a one-page PDF with 24,000 characters: far more than 10 ms to read."""
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("Helvetica", 4)
    for line in range(200):
        page.drawString(10, 830 - line * 4, "Risk för felaktig hantering av ärenden " * 3)
    page.save()
    return path


def test_a_partial_document_from_a_row_shortfall_is_cached(
    tmp_path: Path, own_result_cache: Path
) -> None:
    first_page_of(PLAN, tmp_path / "in" / "Sigtuna" / "p1.pdf")
    first = run(tmp_path / "in", RunSettings())
    assert first.documents[0]["status"] == "partial"
    error = str(first.documents[0]["error"])  # rows the page announces, none read
    assert "'21 risker' announced" in error and "no rows read" in error
    assert len(list(own_result_cache.rglob("*.entry"))) == 1
    again = run(tmp_path / "in", RunSettings())
    assert again.documents_cached == 1
    assert tables(again) == tables(first)


def test_a_partial_document_from_a_page_timeout_is_not_cached(
    tmp_path: Path, own_result_cache: Path
) -> None:
    (tmp_path / "in").mkdir()
    dense_page_pdf(tmp_path / "in" / "dense.pdf")
    hurried = RunSettings(limits=Limits(page_seconds=0.01))
    first = run(tmp_path / "in", hurried)
    assert first.documents[0]["status"] == "partial"
    assert "time limit of 0.01 s exceeded" in str(first.documents[0]["error"])
    assert not list(own_result_cache.rglob("*.entry"))
    assert run(tmp_path / "in", hurried).documents_cached == 0
    run(tmp_path / "in", RunSettings())  # with time to read the page, the result is kept
    assert run(tmp_path / "in", RunSettings()).documents_cached == 1


def test_a_rerun_after_editing_one_file_recomputes_exactly_that_document(
    tmp_path: Path, own_result_cache: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):  # three plans, each with bytes of its own
        plan = make_risk_table_pdf(folder / f"{name}.pdf")
        plan.write_bytes(plan.read_bytes() + f"% {name}\n".encode())
    run(folder, RunSettings())
    assert len(list(own_result_cache.rglob("*.entry"))) == 3
    edited = folder / "b.pdf"
    edited.write_bytes(edited.read_bytes() + b"\n% edited\n")
    again = run(folder, RunSettings())
    assert again.documents_cached == 2
    assert len(list(own_result_cache.rglob("*.entry"))) == 4  # b's new bytes, b alone
    assert again.documents[1]["sha256"] == pipeline.file_sha256(edited)
    assert tables(again)["risks"] == tables(run(folder, RunSettings(use_cache=False)))["risks"]


def test_entries_carry_a_checksum() -> None:
    entry = encode_entry({"a": [1, 2.5, None, "å"]})
    assert decode_entry(entry) == {"a": [1, 2.5, None, "å"]}
    assert decode_entry(entry[:-1] + bytes([entry[-1] ^ 1])) is None
    assert decode_entry(b"something else\n") is None


def test_crop_entries_hold_the_images_as_they_are() -> None:
    crops = [{"data": b"\x89PNG\n\x00", "mime": "image/png"}, None, {"data": b"RIFF", "mime": "w"}]
    body = encode_crops(crops)
    assert b"\x89PNG\n\x00RIFF" in body  # neither base64 nor compressed
    assert decode_crops(body) == crops
    assert decode_crops(body[:-1]) is None  # an image cut short


def test_a_local_cluster_writes_the_same_tables_as_a_local_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_of_plans(tmp_path / "in")
    shutil.copy(SCANNED, folder / "Kalmar" / "scanned.pdf")
    local = run(folder, RunSettings(jobs=1, use_cache=False))
    assert sum(p["route"] == "ocr" for p in local.pages) == 2
    monkeypatch.setattr(pipeline, "SPLIT_OCR_PAGES", 1)  # the scan's pages run as OCR tasks
    stream = io.StringIO()
    lines: list[str] = []
    progress = Progress(stream=stream, sink=lines.append, interval=0.0)
    cluster = run(folder, RunSettings(jobs=2), progress=progress, scheduler="local")
    progress.close()
    assert cluster.documents_cached == 0
    assert tables(cluster) == tables(local)
    assert "Dask cluster" in lines[0]
    assert "3/3 documents" in lines[-1] and "2 OCR" in lines[-1]
