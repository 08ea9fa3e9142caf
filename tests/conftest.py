"""Shared fixtures: small real PDFs made with reportlab."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from riskrad.pipeline import RunResult, RunSettings, run


@pytest.fixture(autouse=True)
def own_result_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Given a test, a result cache of its own: no test sees another's cached documents."""
    folder = tmp_path / "results-cache"
    monkeypatch.setenv("RISKRAD_RESULT_CACHE_DIR", str(folder))
    return folder


def make_risk_table_pdf(
    path: Path, encrypt: str | None = None, title: str = "Internkontrollplan 2024 för Kalmar kommun"
) -> Path:
    """Given a path, write a one-page PDF with a ruled risk table (Swedish headers)."""
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    data = [
        ["Process", "Risk", "S", "K", "Riskvärde"],
        ["Lön", "Risk för felaktiga löneutbetalningar", "3", "4", "12"],
        ["Inköp", "Risk att inköp inte sker enligt avtal", "2", "3", "6"],
    ]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc.build([Paragraph(title, styles["Title"]), table])
    return path


@pytest.fixture
def risk_table_pdf(tmp_path: Path) -> Path:
    return make_risk_table_pdf(tmp_path / "plan.pdf")


def text_key(text: str | None) -> str:
    """Given a text, it without white space (to match rows whatever a word broken at a
    cell's edge; that is measured by the evaluation's CER)."""
    return "".join((text or "").split())


def run_one(tmp_path: Path, pdf: Path) -> RunResult:
    """Given a PDF, riskrad's run over a folder holding only it (its document read ok)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(pdf, folder / pdf.name)
    result = run(folder, RunSettings())
    assert result.documents[0]["status"] == "ok", result.documents[0]["error"]
    return result


STORED = Path(__file__).resolve().parent / "data" / "libreoffice"


def stored_run(tmp_path: Path, name: str) -> tuple[RunResult, dict[str, Any]]:
    """Given a name of a PDF kept in tests/data/libreoffice (LibreOffice's renders: the
    machine that runs the tests has none), riskrad's run over it and its expected rows."""
    want = json.loads((STORED / f"{name}.expected.json").read_text(encoding="utf-8"))
    return run_one(tmp_path, STORED / f"{name}.pdf"), want


def scanned_image(pdf: Path, degrees: float) -> Image.Image:
    """Given a one-page PDF and a skew, its page as a grey "scan": rendered at 300 dpi, turned
    by the skew, blurred and saved as JPEG at quality 50."""
    from riskrad.extract.render import render_page

    image = render_page(pdf, 0, 300).rotate(degrees, fillcolor=255).filter(ImageFilter.BLUR)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=50)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def tune_run(tmp_path: Path, family: str, seed: int) -> tuple[RunResult, dict[str, Any]]:
    """Given a layout family and a tune seed, riskrad's run over its reportlab render (built
    here by ``corpus/layoutgen``) and the generator's expected rows."""
    corpus = str(Path(__file__).resolve().parents[1] / "corpus")
    if corpus not in sys.path:
        sys.path.insert(0, corpus)
    from layoutgen.build import Job, build

    pdf = build(Job(family, seed, "reportlab", "tune", tmp_path / "gen"))
    want = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))
    return run_one(tmp_path, pdf), want


def drawn_plan(
    path: Path,
    columns: list[tuple[float, str]],
    rows: list[tuple[str, ...]],
    *,
    char_space: float = 0.0,
    pitch: float = 16.0,
) -> Path:
    """Given a path, the columns (x, label), the rows' cells and the labels' letter
    spacing, a landscape plan drawn without lines: a title, the labels, the rows."""
    from reportlab.lib.pagesizes import landscape
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(50, 540, "Internkontrollplan 2025")
    canvas.setFont("Helvetica-Bold", 8)
    for x, label in columns:
        canvas.drawString(x, 500, label, charSpace=char_space)
    canvas.setFont("Helvetica", 9)
    for n, row in enumerate(rows):
        for (x, _), cell in zip(columns, row, strict=True):
            canvas.drawString(x, 484 - pitch * n, cell)
    canvas.save()
    return path
