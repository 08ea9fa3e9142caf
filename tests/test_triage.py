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
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from riskrad.extract.triage import (
    PageSignals,
    choose_pages,
    is_internal_control_text,
    is_structured,
    is_table_page,
    page_signals,
    table_tops,
    to_read,
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


def figures_pdf(path: Path) -> Path:
    """Given a path, a one-page PDF with a ruled table of budget figures (no risks)."""
    style = getSampleStyleSheet()
    rows = [["", "Budget 2024", "Utfall 2024", "Avvikelse"]] + [
        [name, f"{100 * n + 17}", f"{100 * n + 9}", "-8"]
        for n, name in enumerate(
            ["Kommunstyrelsen", "Socialnämnden", "Kultur- och fritidsnämnden", "Revisionen",
             "Valnämnden", "Summa nämnder"],
            start=3,
        )
    ]
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [Paragraph("Driftredovisning per nämnd (tkr)", style["Title"]), table]
    )
    return path


def test_a_table_starts_where_rows_stack_not_at_a_lone_rule() -> None:
    # a running head's rule at 30 pt, a table's rulings from 200 pt, another table at 500 pt
    assert table_tops([30.0, 200.0, 220.0, 240.0, 500.0, 515.0]) == (200.0, 500.0)
    assert table_tops([30.0, 700.0]) == ()


def test_a_table_page_without_the_vocabulary_where_its_table_starts_is_skipped() -> None:
    signals = [PageSignals(n, 0, 0, 0) for n in range(1, 21)]
    signals[9] = PageSignals(10, 8, 4, 6, (120.0,))
    signals[11] = PageSignals(12, 8, 4, 6, (120.0,))
    headers = {10: "Driftredovisning per nämnd Budget 2024 Utfall 2024", 12: "Risk Sannolikhet"}
    chosen, skipped = choose_pages(signals, headers=headers)
    assert chosen == [1, 2, 3, 12]
    assert is_table_page(skipped[10]) and "Driftredovisning" in skipped[10]
    assert not is_table_page(skipped[4])
    # without header reads every table page is kept (as before)
    assert choose_pages(signals)[0] == [1, 2, 3, 10, 12]


@pytest.fixture(scope="module")
def report_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three prose pages, a table of figures, prose, a risk table, two prose pages."""
    work = tmp_path_factory.mktemp("report")
    prose = prose_pdf(work / "prose.pdf", 6)
    table = make_risk_table_pdf(work / "table.pdf")
    figures = figures_pdf(work / "figures.pdf")
    pages = work / "pages"
    pages.mkdir()
    parts = []
    for n, (source, index) in enumerate(
        [(prose, 0), (prose, 1), (prose, 2), (figures, 0), (prose, 3), (table, 0),
         (prose, 4), (prose, 5)]
    ):
        one = pdfium.PdfDocument.new()
        one.import_pages(pdfium.PdfDocument(source), [index])
        one.save(pages / f"{n}.pdf")
        parts.append(pages / f"{n}.pdf")
    folder = work / "in"
    folder.mkdir()
    return scanned(parts, folder / "arsredovisning.pdf")


def test_figures_and_prose_neighbours_are_not_ocrd_the_risk_table_is(report_scan: Path) -> None:
    result = run(
        report_scan.parent, RunSettings(use_cache=False, triage=TriageSettings(min_pages=5))
    )
    routes = {p["page"]: p["route"] for p in result.pages}
    assert routes == {
        1: "ocr",
        2: "ocr",
        3: "ocr",
        4: "skipped",  # a table, but "Budget", "Utfall": no risk or control vocabulary
        5: "skipped",  # prose before the risk table: its top holds no vocabulary
        6: "ocr",
        7: "skipped",  # prose after it
        8: "skipped",
    }
    reasons = {p["page"]: p["reason"] for p in result.pages}
    assert "table or list structure" in reasons[4] and "Driftredovisning" in reasons[4]
    assert "top read holds no vocabulary" in reasons[5]
    assert [r["risk"].rstrip(".") for r in result.risks] == [
        "Risk för felaktiga löneutbetalningar",
        "Risk att inköp inte sker enligt avtal",
    ]


def test_a_page_of_cards_is_read_and_kept_like_a_table_page() -> None:
    # "Risk: …", "Kontrollmoment: …", "Ansvarig: …" on lines of their own: no table, a list
    cards = PageSignals(12, 1, 0, 0, (), lines=54, short_lines=40)
    prose = PageSignals(14, 0, 0, 0, (), lines=50, short_lines=6)
    signals = [PageSignals(n, 0, 0, 0) for n in range(1, 21)]
    signals[11], signals[13] = cards, prose
    assert to_read(signals) == [cards]
    chosen, skipped = choose_pages(signals, headers={12: "Ansvarig: HR-chef Frekvens: Månadsvis"})
    assert chosen == [1, 2, 3, 12]
    assert "2 of 50 lines short" not in skipped[14] and "6 of 50 lines short" in skipped[14]
