"""Column labels turned a quarter (read bottom to top), as spreadsheets print narrow columns.

Real PDFs drawn with reportlab: the turned labels are read as one word per label, marked
turned, and the recognizer finds the S, K and R columns under them, with and without
rules, with the labels at the top or the bottom of the header row and standing to the
right of their values (as LibreOffice sets them).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from riskrad.extract.recognize import recognise
from riskrad.extract.tables import words_to_lines
from riskrad.extract.textlayer import read_text_layer
from riskrad.model.records import PageDecision, PageRecord, RawRisk
from riskrad.pipeline import text_record

SIZE = 8.0
# column: (x, label, turned)
COLUMNS = [
    (40.0, "Nr", False),
    (62.0, "Risk", False),
    (260.0, "Sannolikhet", True),
    (282.0, "Konsekvens (1–4)", True),
    (304.0, "Riskvärde", True),
    (330.0, "Kontrollmoment", False),
    (560.0, "Ansvarig", False),
]
ROWS = [
    ("1", "Felaktiga utbetalningar", "3", "4", "12", "Stickprov på utbetalningar", "Ekonomichef"),
    ("2", "Bristande dokumentation", "2", "3", "6", "Granskning av akter", "Enhetschef"),
    ("3", "Brister i brandskyddet", "1", "4", "4", "Kontroll av brandskyddet", "Rektor"),
]
HEADER_TOP = 100.0  # points from the page's top
HEADER_HEIGHT = 70.0


def turned_pdf(path: Path, *, ruled: bool, label_at: str, offset: float) -> Path:
    """Given where to write, whether to draw rules, where the labels stand in the header
    row ("top" or "bottom") and how far right of their values the turned labels stand,
    a one-page plan whose S, K and R labels are turned a quarter."""
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height))
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(40, height - 60, "Internkontrollplan 2024")
    header_bottom = HEADER_TOP + HEADER_HEIGHT
    for x, label, turned in COLUMNS:
        canvas.setFont("Helvetica-Bold", SIZE)
        if turned:
            length = canvas.stringWidth(label, "Helvetica-Bold", SIZE)
            start = header_bottom - 3 if label_at == "bottom" else HEADER_TOP + 3 + length
            canvas.saveState()
            canvas.translate(x + offset + SIZE, height - start)
            canvas.rotate(90)
            canvas.drawString(0, 0, label)
            canvas.restoreState()
        else:
            y = HEADER_TOP + 3 + SIZE if label_at == "top" else header_bottom - 3
            canvas.drawString(x, height - y, label)
    canvas.setFont("Helvetica", SIZE)
    top = header_bottom + 4
    for row in ROWS:
        for (x, _, _), value in zip(COLUMNS, row, strict=True):
            canvas.drawString(x, height - (top + SIZE), value)
        top += 16
    if ruled:
        canvas.setLineWidth(0.5)
        left, right = COLUMNS[0][0] - 3, 700.0
        for y in [HEADER_TOP, header_bottom + 1] + [
            header_bottom + 1 + 16 * (i + 1) for i in range(len(ROWS))
        ]:
            canvas.line(left, height - y, right, height - y)
        bottom = header_bottom + 1 + 16 * len(ROWS)
        for x in [left] + [c[0] - 3 for c in COLUMNS[1:]] + [right]:
            canvas.line(x, height - HEADER_TOP, x, height - bottom)
    canvas.showPage()
    canvas.save()
    return path


def records(path: Path) -> list[PageRecord]:
    """Given a PDF, its pages read from the text layer."""
    pdf = pdfium.PdfDocument(path)
    try:
        return [
            text_record(read_text_layer(pdf[i], i + 1), PageDecision("text", "test"))
            for i in range(len(pdf))
        ]
    finally:
        pdf.close()


def values(risk: RawRisk) -> tuple[str, ...]:
    """Given a risk, its S, K and R cell texts."""
    return tuple(
        " ".join(risk.fields[name].raw.split()) if name in risk.fields else ""
        for name in ("probability", "consequence", "risk_value")
    )


def test_a_turned_label_is_one_word_marked_turned(tmp_path: Path) -> None:
    pdf = turned_pdf(tmp_path / "t.pdf", ruled=False, label_at="top", offset=0.0)
    words = records(pdf)[0].words
    turned = [w.text for w in words if w.turned]
    assert turned == ["Sannolikhet", "Konsekvens (1–4)", "Riskvärde"]
    tall = next(w for w in words if w.text == "Sannolikhet")
    assert tall.bbox.bottom - tall.bbox.top > 3 * tall.bbox.width
    in_header = [w for w in words if w.bbox.top < HEADER_TOP + HEADER_HEIGHT]
    assert not [w for w in in_header if len(w.text) == 1 and w.text.isalpha()]


def test_turned_labels_join_the_header_line(tmp_path: Path) -> None:
    pdf = turned_pdf(tmp_path / "t.pdf", ruled=False, label_at="bottom", offset=8.0)
    lines = words_to_lines(records(pdf)[0].words)
    header = next(line for line in lines if any(w.text == "Kontrollmoment" for w in line))
    assert [w.text for w in header] == [c[1] for c in COLUMNS]


@pytest.mark.parametrize("ruled", [False, True])
@pytest.mark.parametrize(("label_at", "offset"), [("top", 0.0), ("bottom", 8.0)])
def test_values_under_turned_labels_are_read(
    tmp_path: Path, ruled: bool, label_at: str, offset: float
) -> None:
    pdf = turned_pdf(tmp_path / "t.pdf", ruled=ruled, label_at=label_at, offset=offset)
    risks = recognise(records(pdf)).risks
    assert [" ".join(r.fields["risk"].raw.split()) for r in risks] == [r[1] for r in ROWS]
    assert [values(r) for r in risks] == [r[2:5] for r in ROWS]
    assert [len(r.controls) for r in risks] == [1, 1, 1]
