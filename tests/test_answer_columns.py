"""A column whose label names controls but whose cells answer it yes or no ("Internkontroll"
over "Ja" / "Nej": whether the risk goes to the internal-control plan) is the risk's planned
handling, read with its label, and gives no control named "Ja"; a column of controls
written out stays controls."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_one
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

RISKS = [
    ("Ekonomi", "Felaktiga utbetalningar till leverantörer", "3", "4", "12"),
    ("Ekonomi", "Oklara representationskostnader", "2", "2", "4"),
    ("Personal", "Hög sjukfrånvaro bland medarbetare", "3", "3", "9"),
    ("Personal", "Brister i arbetsmiljöarbetet", "1", "3", "3"),
]


def analysis(path: Path, label: str, last: list[str]) -> Path:
    """Given a path, the last column's label and its cells, a ruled risk analysis."""
    rows = [["Process", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", label]]
    rows += [[*risk, cell] for risk, cell in zip(RISKS, last, strict=True)]
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))
    style = getSampleStyleSheet()["Title"]
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    doc.build([Paragraph("Riskanalys 2024 Socialnämnden", style), Spacer(1, 12), table])
    return path


@pytest.mark.parametrize("label", ["Internkontroll", "Kontrollmoment"])
def test_a_yes_no_column_is_the_risks_handling_not_its_control(
    tmp_path: Path, label: str
) -> None:
    pdf = analysis(tmp_path / "analys.pdf", label, ["Ja", "Nej", "Ja", "Nej"])
    result = run_one(tmp_path, pdf)
    assert result.controls == []
    assert [r["planned_handling"] for r in result.risks] == [
        f"{label}: Ja", f"{label}: Nej", f"{label}: Ja", f"{label}: Nej"
    ]


def test_a_column_of_written_controls_stays_controls(tmp_path: Path) -> None:
    controls = ["Stickprov på fakturor", "Ja", "Uppföljning av sjukfrånvaron", "Nej"]
    result = run_one(tmp_path, analysis(tmp_path / "plan.pdf", "Kontrollmoment", controls))
    got = [c["control"] for c in result.controls]
    assert controls[0] in got and controls[2] in got  # not a column of answers: left alone
    assert all(r["planned_handling"] is None for r in result.risks)
