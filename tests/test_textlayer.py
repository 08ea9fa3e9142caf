"""The text layer reads upright whatever way a page is turned (/Rotate or sideways content)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from conftest import make_risk_table_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from riskrad.extract.textlayer import read_text_layer
from riskrad.pipeline import RunSettings, run

ROWS = [
    ["Process", "Risk", "S", "K", "Riskvärde"],
    ["Lön", "Risk för felaktiga löneutbetalningar", "3", "4", "12"],
    ["Inköp", "Risk att inköp inte sker enligt avtal", "2", "3", "6"],
]


def words_of(path: Path) -> list[str]:
    page = pdfium.PdfDocument(str(path))[0]
    return [w.text for w in read_text_layer(page, 1).words]


def test_a_rotate_flag_does_not_change_what_is_read(tmp_path: Path) -> None:
    plain = make_risk_table_pdf(tmp_path / "plain.pdf")
    doc = pdfium.PdfDocument(str(plain))
    doc[0].set_rotation(90)
    doc.save(str(tmp_path / "turned.pdf"))
    assert words_of(tmp_path / "turned.pdf") == words_of(plain)


def test_a_table_set_sideways_is_read_upright(tmp_path: Path) -> None:
    path = tmp_path / "in" / "sideways.pdf"
    path.parent.mkdir()
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    table = Table(ROWS)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    pdf.translate(400, 100)
    pdf.rotate(90)  # text runs upwards, as in a landscape table on a portrait page
    table.wrapOn(pdf, 700, 400)
    table.drawOn(pdf, 0, 0)
    pdf.showPage()
    pdf.save()
    words = words_of(path)
    assert "Riskvärde" in words and "löneutbetalningar" in words
    result = run(path.parent, RunSettings())
    assert [(r["risk"], r["risk_value"]) for r in result.risks] == [
        ("Risk för felaktiga löneutbetalningar", 12),
        ("Risk att inköp inte sker enligt avtal", 6),
    ]


def test_words_take_size_and_boldness_from_their_own_text_object(tmp_path: Path) -> None:
    path = tmp_path / "sizes.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n, (font, size) in enumerate([("Helvetica", 14), ("Helvetica", 8), ("Helvetica-Bold", 8)]):
        pdf.setFont(font, size)
        pdf.drawString(72, 700 - 40 * n, f"Risk{n} leverantörer")
    pdf.save()
    page = pdfium.PdfDocument(str(path))[0]
    words = read_text_layer(page, 1).words
    assert [(w.text, round(w.font_size), w.bold) for w in words] == [
        ("Risk0", 14, False),
        ("leverantörer", 14, False),
        ("Risk1", 8, False),
        ("leverantörer", 8, False),
        ("Risk2", 8, True),
        ("leverantörer", 8, True),
    ]


def test_the_characters_of_a_text_object_share_its_font_size() -> None:
    """read_words reads a size once per text object: PDFium must give each object one size."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    checked = 0
    for path in sorted(corpus.rglob("*.pdf")):
        if "scanned" in path.name:
            continue
        for page in pdfium.PdfDocument(str(path)):
            text = page.get_textpage()
            sizes: dict[int, float] = {}
            for index in range(text.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(text.raw, index):
                    continue
                obj = pdfium_c.FPDFText_GetTextObject(text.raw, index)
                key = ctypes.c_void_p.from_buffer(obj).value or 0
                size = float(pdfium_c.FPDFText_GetFontSize(text.raw, index))
                if key:
                    assert sizes.setdefault(key, size) == size, (path.name, index)
                    checked += 1
    assert checked > 10_000


def test_a_hyphen_ending_a_line_is_read_as_a_hyphen(tmp_path: Path) -> None:
    # pdfium reports a line's last "-" as 0x02; "Dokument-" / "och ärendehantering" must
    # keep it (a hyphen before "och" is Swedish for a shared compound part)
    path = tmp_path / "hyphen.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 700, "Dokument-")
    pdf.drawString(72, 688, "och ärendehantering")
    pdf.save()
    assert words_of(path)[:3] == ["Dokument-", "och", "ärendehantering"]


def turned_text_pdf(path: Path, quarter: int, x: float = 100) -> Path:
    """Given a path, a quarter turn and a left edge, a page of words and numbers set at
    that turn (quarter 1: running upwards), some apart by wide gaps, some bold."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.translate(*[(0, 0), (500, 100), (500, 700), (100, 700)][quarter])
    pdf.rotate(90 * quarter)
    for n, (font, size) in enumerate(
        [("Helvetica", 11), ("Helvetica-Bold", 9), ("Times-Roman", 7)]
    ):
        pdf.setFont(font, size)
        pdf.drawString(x, 60 - 30 * n, f"Risk {n}:  leverantörer   12   (Ansvarig-ekonom) ÅÄÖ")
    pdf.showPage()
    pdf.save()
    return path


def test_words_read_by_arrays_are_the_words_read_by_character(tmp_path: Path) -> None:
    """read_words (boxes compared as arrays) gives what read_words_by_char gives, value for
    value: every corpus page, text at each quarter turn, and a page with a box edge at 0
    (read by character)."""
    from riskrad.extract.textlayer import (
        Upright,
        page_chars,
        read_words,
        read_words_by_char,
        text_quarter,
        upright_boxes,
    )

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    paths = sorted(corpus.rglob("*.pdf"))
    paths += [turned_text_pdf(tmp_path / f"q{q}.pdf", q) for q in range(4)]
    edge = turned_text_pdf(tmp_path / "edge.pdf", 0, x=0)
    pages = 0
    for path in [*paths, edge]:
        for page in pdfium.PdfDocument(str(path)):
            textpage = page.get_textpage()
            upright = Upright(text_quarter(textpage), *page.get_size())
            assert read_words(textpage, upright) == read_words_by_char(textpage, upright)
            pages += 1
    assert pages >= 90
    textpage = pdfium.PdfDocument(str(edge))[0].get_textpage()
    upright = Upright(0, *A4)
    assert (upright_boxes(page_chars(textpage).boxes, upright) == 0).any()
    assert read_words(textpage, upright)[0].text == "Risk"
