"""Values centred in an unruled table's cells, set over two lines: a second line wider than
the column's header starts left of it and is still its column's (unruled.centred_runs)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_one
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

ROWS = [  # risk lines, S lines, K lines, R lines, control
    (("Felaktiga utbetalningar till", "leverantörer"), ("Mindre", "sannolik (2)"),
     ("Mycket", "allvarlig (4)"), ("Medel (8)",), "Kontroll av leverantörsfakturor"),
    (("Hög sjukfrånvaro",), ("Sannolik (3)",), ("Kännbar (2)",), ("Mycket", "hög (6)"),
     "Uppföljning av sjukfrånvaron"),
]


def centred_plan(path: Path) -> Path:
    """Given a path, an unruled plan whose S, K and R are words and numbers centred under
    short centred labels, a value's second line wider than its first."""
    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(50, 540, "Internkontrollplan 2025 för socialnämnden")
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(50, 500, "Nr")
    canvas.drawString(80, 500, "Risk")
    for centre, label in ((300, "S"), (380, "K"), (460, "R")):
        canvas.drawCentredString(centre, 500, label)
    canvas.drawString(520, 500, "Kontrollmoment")
    canvas.setFont("Helvetica", 9)
    y = 484.0
    for n, (risk, s, k, r, control) in enumerate(ROWS, start=1):
        canvas.drawString(50, y, f"R{n}")
        canvas.drawString(520, y, control)
        for i, line in enumerate(risk):
            canvas.drawString(80, y - 11 * i, line)
        for centre, lines in ((300, s), (380, k), (460, r)):
            for i, line in enumerate(lines):
                canvas.drawCentredString(centre, y - 11 * i, line)
        y -= 30
    canvas.save()
    return path


def test_a_centred_values_wider_second_line_stays_in_its_column(tmp_path: Path) -> None:
    result = run_one(tmp_path, centred_plan(tmp_path / "plan.pdf"))
    read = sorted((key(r["risk"]), r["probability"], r["consequence"], r["risk_value"])
                  for r in result.risks)
    assert read == [(key("Felaktiga utbetalningar till leverantörer"), 2, 4, 8),
                    (key("Hög sjukfrånvaro"), 3, 2, 6)]
