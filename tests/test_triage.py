"""Page triage of long scans: a cheap pass finds table pages, the rest are skipped with the
reason; real renders, real Tesseract."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import make_risk_table_pdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from riskrad.extract.triage import (
    PageSignals,
    choose_pages,
    is_internal_control_text,
    is_structured,
    page_signals,
)
from riskrad.model.settings import RunSettings, TriageSettings
from riskrad.pipeline import RunResult, run

PROSE = (
    "Kommunfullmäktige beslutade att godkänna förslaget till ny detaljplan för kvarteret "
    "Lärkan. Sammanträdet öppnades av ordföranden, som hälsade ledamöterna välkomna och "
    "konstaterade att kallelsen skickats ut i laga tid. Protokollet justeras på tisdag av "
    "de utsedda justerarna. Ärendet har beretts av samhällsbyggnadsförvaltningen."
)


def prose_pdf(path: Path, pages: int) -> Path:
    style = getSampleStyleSheet()["BodyText"]
    story = []
    for n in range(pages):
        story += [Paragraph(f"§ {n + 1} {PROSE} {PROSE}", style) for _ in range(6)]
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story[:-1])
    return path


def scanned(sources: list[Path], path: Path) -> Path:
    """Given born-digital PDFs, their pages rendered at 200 dpi into one image-only PDF."""
    canvas = Canvas(str(path), invariant=1)
    for source in sources:
        for page in pdfium.PdfDocument(source):
            width, height = page.get_size()
            image = page.render(scale=200 / 72, grayscale=True).to_pil()
            data = io.BytesIO()
            image.save(data, format="PNG")
            canvas.setPageSize((width, height))
            canvas.drawImage(ImageReader(io.BytesIO(data.getvalue())), 0, 0, width, height)
            canvas.showPage()
    canvas.save()
    return path


@pytest.fixture(scope="module")
def long_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("triage")
    table = make_risk_table_pdf(work / "table.pdf")
    folder = work / "in"
    folder.mkdir()
    return scanned([table, prose_pdf(work / "prose.pdf", 6)], folder / "protokoll.pdf")


def test_the_cheap_pass_tells_a_table_page_from_prose(long_scan: Path) -> None:
    table, prose = page_signals(long_scan, 0), page_signals(long_scan, 3)
    assert is_structured(table) and table.horizontals >= 3
    assert not is_structured(prose), prose.describe()


def test_first_pages_and_structured_pages_are_chosen() -> None:
    signals = [PageSignals(n, 0, 0, 0) for n in range(1, 21)]
    signals[11] = PageSignals(12, 8, 4, 6)
    chosen, skipped = choose_pages(signals)
    assert chosen == [1, 2, 3, 12]
    assert set(skipped) == set(range(4, 12)) | set(range(13, 21))
    assert "page triage" in skipped[4] and "0 horizontal" in skipped[4]


def test_vocabulary_marks_internal_control_text() -> None:
    assert is_internal_control_text("Risk Sannolikhet Konsekvens Riskvärde Kontrollmoment")
    assert not is_internal_control_text(PROSE)


@pytest.fixture(scope="module")
def triaged(long_scan: Path) -> RunResult:
    """The long scan run once with triage on (at 5 pages, so this short scan is triaged)."""
    return run(long_scan.parent, RunSettings(use_cache=False, triage=TriageSettings(min_pages=5)))


def test_a_long_scan_is_ocrd_only_where_risks_can_be(triaged: RunResult) -> None:
    result = triaged
    routes = {p["page"]: p["route"] for p in result.pages}
    assert routes == {
        1: "ocr",
        2: "ocr",
        3: "ocr",
        4: "skipped",
        5: "skipped",
        6: "skipped",
        7: "skipped",
    }
    reasons = [p["reason"] for p in result.pages if p["route"] == "skipped"]
    assert all("page triage" in r for r in reasons)
    assert result.documents[0]["pages_ocr"] == 3
    assert result.documents[0]["status"] == "ok"
    # every row is found; the exact letters are the next test's (a known scan defect)
    assert [r["risk"].rstrip(".") for r in result.risks] == [
        "Risk för felaktiga löneutbetalningar",
        "Risk att inköp inte sker enligt avtal",
    ]


@pytest.mark.xfail(
    strict=True,
    reason="scan OCR reads noise after the last word of the table's last row as a period "
    "('avtal.', confidence 0.49): a stray glyph the scans issue (9) has still to remove",
)
def test_the_scanned_risk_text_has_no_stray_glyph(triaged: RunResult) -> None:
    assert [r["risk"] for r in triaged.risks] == [
        "Risk för felaktiga löneutbetalningar",
        "Risk att inköp inte sker enligt avtal",
    ]
