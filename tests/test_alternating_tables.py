"""A plan whose risk and control tables alternate, each risk in its own small table followed
by its controls, the control table's header stated once, every table sized to its own text
(a Word document built risk by risk); and last year's risk value beside this year's."""

from __future__ import annotations

from pathlib import Path

from conftest import run_one
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from riskrad.model import vocabulary as vocab

RISK_HEADER = ["ID", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde 2024", "Riskvärde 2025"]
CONTROL_HEADER = ["Kontroll", "Metod", "Frekvens", "Ansvarig"]
PLAN = [  # (id, risk, S, K, last year's R, R), [(control, method, frequency, owner)]
    (("EK-01", "Felaktiga utbetalningar till leverantörer", "3", "4", "9", "12"),
     [("Stickprov på leverantörsfakturor", "Granskning av tio fakturor.", "Kvartalsvis",
       "Ekonomichef"),
      ("Kontroll av attesträtter", "Avstämning mot delegationen.", "Årligen", "Controller")]),
    (("EK-02", "Felaktig periodisering vid bokslut", "2", "3", "8", "6"),
     [("Kontroll av periodiseringar vid årsbokslut", "Genomgång av interimsposter.",
       "Vid årsbokslut", "Redovisningsansvarig"),
      ("Avstämning av budgetutfall mot prognos", "Månatlig genomgång.", "Månadsvis",
       "Förvaltningschef")]),
    (("PA-01", "Hög sjukfrånvaro", "4", "2", "8", "8"),
     [("Uppföljning av sjukfrånvarons utveckling", "Analys av statistik.", "Halvårsvis",
       "HR-chef")]),
]  # fmt: skip
LOOSE = TableStyle(
    [("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]
)
BODY = TableStyle([("FONTSIZE", (0, 0), (-1, -1), 9)])


def plan_pdf(path: Path) -> Path:
    """Given a path, the plan as loose tables, the control header over the first risk's
    controls only."""
    story: list[object] = [
        Paragraph("Internkontrollplan 2025", getSampleStyleSheet()["Title"]),
        Paragraph("Riskvärdet 2024 står bredvid årets riskvärde."),
    ]
    for n, (risk, controls) in enumerate(PLAN):
        table = Table([RISK_HEADER, list(risk)])
        table.setStyle(LOOSE)
        rows = [list(c) for c in controls]
        control_table = Table([CONTROL_HEADER, *rows] if n == 0 else rows)
        control_table.setStyle(LOOSE if n == 0 else BODY)
        story += [table, control_table, Spacer(1, 8)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(story)  # type: ignore[arg-type]
    return path


def test_control_tables_without_their_header_stay_controls_of_their_risk(tmp_path: Path) -> None:
    result = run_one(tmp_path, plan_pdf(tmp_path / "plan.pdf"))
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(key(r[1]) for r, _ in PLAN)
    by_id = {r["risk_id"]: key(r["risk"]) for r in result.risks}
    got = sorted((key(c["control"]), by_id[c["risk_id"]]) for c in result.controls)
    want = sorted((key(c[0]), key(risk[1])) for risk, controls in PLAN for c in controls)
    assert got == want


def test_this_years_risk_value_is_read_beside_last_years(tmp_path: Path) -> None:
    result = run_one(tmp_path, plan_pdf(tmp_path / "plan.pdf"))
    values = {key(r["risk"]): r["risk_value"] for r in result.risks}
    assert values == {key(risk[1]): int(risk[5]) for risk, _ in PLAN}


def test_a_field_labelled_twice_with_years_is_the_latest_years() -> None:
    assert vocab.header_fields(["Risk", "Riskvärde 2025", "Riskvärde 2024"]) == [
        "risk", "risk_value", vocab.IGNORED
    ]  # fmt: skip
    assert vocab.header_fields(["Risk (rubrik)", "Beskrivning av risken", "S", "K"]) == [
        "risk", "description", "probability", "consequence"
    ]  # fmt: skip
    # a risk's assessment per year under the plain word, the year broken in a narrow
    # column; the title column beside them stays the risk
    assert vocab.header_fields(["Identifierad risk", "Risk 202\n4", "Risk 202\n5"]) == [
        "risk", vocab.IGNORED, "risk_value"
    ]  # fmt: skip
    assert vocab.header_fields(["Risk", "Bedömning 2021", "Bedömning 2022", "Kontroll"]) == [
        "risk", vocab.IGNORED, "risk_value", "control"
    ]  # fmt: skip
    assert vocab.header_fields(["Risk", "Föregående bedömning", "R"]) == [
        "risk", vocab.IGNORED, "risk_value"
    ]  # fmt: skip
    # no year on one of them: the first names the field, as before
    assert vocab.header_fields(["Risk", "Riskvärde", "Riskvärde 2024"]) == [
        "risk", "risk_value", None
    ]  # fmt: skip
