"""Salvage: a PDF PDFium cannot open is repaired by qpdf in a temporary copy; what can be
read is read (status partial, the error says what was repaired and what was lost)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest

from riskrad.extract.salvage import page_ranges, salvage_pdf
from riskrad.model.errors import DamagedPdfError
from riskrad.pipeline import RunResult, RunSettings, run

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "corpus" / "Kalmar" / "2021" / "riskanalys_intern_kontrollplan_2021.pdf"
CUTS = (0.45, 0.6, 0.8, 0.95)


def by_file(result: RunResult) -> dict[str, dict[str, object]]:
    return {str(d["source_file"]): d for d in result.documents}


def risk_texts(result: RunResult, document_id: object, last_page: int) -> list[tuple[object, ...]]:
    return [
        (r["page"], r["risk"], r["risk_value"])
        for r in result.risks
        if r["document_id"] == document_id and int(r["page"]) <= last_page  # type: ignore[call-overload]
    ]


@pytest.fixture(scope="module")
def salvaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, RunResult]:
    """Given the corpus plan cut at several points (and a linearized copy cut at 45%),
    the run over the cut files and the run over the intact plan."""
    folder = tmp_path_factory.mktemp("cut")
    data = PLAN.read_bytes()
    for cut in CUTS:
        (folder / f"cut{round(cut * 100)}.pdf").write_bytes(data[: int(len(data) * cut)])
    linear = io.BytesIO()
    with pikepdf.open(PLAN) as pdf:
        pdf.save(linear, linearize=True, deterministic_id=True)
    body = linear.getvalue()
    (folder / "linearized_cut45.pdf").write_bytes(body[: int(len(body) * 0.45)])
    intact = tmp_path_factory.mktemp("intact")
    shutil.copy(PLAN, intact / "plan.pdf")
    return run(folder, RunSettings()), run(intact, RunSettings())


def test_truncated_plans_are_repaired_and_partial(salvaged: tuple[RunResult, RunResult]) -> None:
    cut, _ = salvaged
    docs = by_file(cut)
    assert set(docs) == {f"cut{round(c * 100)}.pdf" for c in CUTS} | {"linearized_cut45.pdf"}
    for name, doc in docs.items():
        assert doc["status"] == "partial", name
        error = str(doc["error"])
        assert "repaired with qpdf" in error, name
        assert "lost:" in error, name  # every cut loses something, and says what
        assert "get an undamaged copy" in error, name


def test_rows_from_readable_pages_are_kept(salvaged: tuple[RunResult, RunResult]) -> None:
    cut, intact = salvaged
    docs = by_file(cut)
    full_id = intact.documents[0]["document_id"]
    kept = {}
    for name, doc in docs.items():
        pages = [p for p in cut.pages if p["document_id"] == doc["document_id"]]
        readable = [p["page"] for p in pages if not p["error"]]
        last = max(readable, default=0)
        assert readable == list(range(1, last + 1)), name  # a cut loses the tail
        rows = risk_texts(cut, doc["document_id"], 10_000)
        # the rows of the readable pages are the intact plan's rows there (the last readable
        # page may hold a risk continued on a lost page: compare the pages before it)
        before = last - 1
        assert risk_texts(cut, doc["document_id"], before) == risk_texts(intact, full_id, before)
        kept[name] = len(rows)
    assert kept["cut45.pdf"] == 0  # this writer puts page contents after the fonts: all lost
    assert kept["cut60.pdf"] > 0
    assert kept["cut60.pdf"] < kept["cut80.pdf"] < kept["cut95.pdf"] < len(intact.risks)
    assert kept["linearized_cut45.pdf"] > 0  # page-ordered file: the first pages survive
    lost_pages = [p for p in cut.pages if p["error"]]
    assert all(p["route"] is None for p in lost_pages)  # a page without content is not OCR'd


def test_nothing_to_salvage_is_still_a_clear_failure(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    with pytest.raises(DamagedPdfError):
        salvage_pdf(junk, tmp_path / "scratch")
    result = run(tmp_path, RunSettings())
    assert result.documents[0]["status"] == "failed"
    assert "download it again" in str(result.documents[0]["error"])


def test_page_ranges() -> None:
    assert page_ranges((1,)) == "1"
    assert page_ranges((3, 5, 6, 7, 9)) == "3, 5-7, 9"


def test_a_page_pdfium_cannot_load_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "corpus"))
    import fuzz

    # bit flips that break page 2's object: make fuzz's file 330 (fuzz.plan(1100, 11)[330]),
    # built directly, as planning all 1,100 files mutates each of them to keep them distinct
    source = "Kalmar/2020/riskanalys_2020_kort_mojibake.pdf"
    item = fuzz.FuzzFile("00330_bit_flips.pdf", "bit_flips", source, 11 * 1_000_003 + 330)
    fuzz.write_files([item], tmp_path)
    result = run(tmp_path, RunSettings())
    doc = result.documents[0]
    assert doc["status"] == "partial"
    assert "p2: the page object is damaged" in str(doc["error"])
    assert "get an undamaged copy" in str(doc["error"])
    assert result.risks  # the other pages' rows are kept
    page2 = next(p for p in result.pages if p["page"] == 2)
    assert page2["route"] is None  # not sent to OCR, which could not load it either
