"""Plans and follow-ups written as prose rather than one table: a risk's bold name over bullets
(labelled or not), a numbered control heading over "Risk:" and result lines, a risk cell
holding "Risk: … / Orsak: … / Konsekvens: …", and an area's band over a table's header."""

from __future__ import annotations

from pathlib import Path

from conftest import run_one
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

STYLES = getSampleStyleSheet()
BOLD = ParagraphStyle("bold", parent=STYLES["Normal"], fontName="Helvetica-Bold")


def build(path: Path, story: list[object], pagesize: tuple[float, float] = A4) -> Path:
    SimpleDocTemplate(str(path), pagesize=pagesize, invariant=1).build(story)  # type: ignore[arg-type]
    return path


def test_a_risks_bold_name_over_bullets_gives_the_risk_its_values_and_controls(
    tmp_path: Path,
) -> None:
    story: list[object] = [
        Paragraph("Delårsrapport 2024", STYLES["Title"]),
        Paragraph("4. Intern kontroll", STYLES["Heading2"]),
        Paragraph("Felaktiga utbetalningar till leverantörer", BOLD),
        Paragraph("– Riskbedömning: S 3, K 4, R 12"),
        Paragraph(
            "– Kontroll: Stickprov på fakturor. Ansvarig: Ekonomichef. Frekvens: Kvartalsvis."
        ),
        Paragraph("Resultat: Inga avvikelser."),
        Paragraph("Brister i brandskyddet", BOLD),
        Paragraph("• Sannolikhet 2, konsekvens 5, riskvärde 10"),
        Paragraph("• Kontroll av brandlarm (Fastighetschef, Vid årsbokslut)"),
    ]
    result = run_one(tmp_path, build(tmp_path / "report.pdf", story))
    risks = {key(r["risk"]): r for r in result.risks}
    assert set(risks) == {key("Felaktiga utbetalningar till leverantörer"),
                          key("Brister i brandskyddet")}  # fmt: skip
    first = risks[key("Felaktiga utbetalningar till leverantörer")]
    assert (first["probability"], first["consequence"], first["risk_value"]) == (3, 4, 12)
    second = risks[key("Brister i brandskyddet")]
    assert (second["probability"], second["consequence"], second["risk_value"]) == (2, 5, 10)
    controls = {key(c["control"]): c for c in result.controls}
    stickprov = controls[key("Stickprov på fakturor")]
    assert (stickprov["responsible"], stickprov["frequency"]) == ("Ekonomichef", "Kvartalsvis")
    assert stickprov["risk_id"] == first["risk_id"]
    assert stickprov["result"] == "Inga avvikelser."
    larm = controls[key("Kontroll av brandlarm")]
    assert (larm["responsible"], larm["frequency"]) == ("Fastighetschef", "Vid årsbokslut")
    assert larm["risk_id"] == second["risk_id"]


def test_a_numbered_control_heading_over_its_risk_and_results_is_a_control(
    tmp_path: Path,
) -> None:
    attributes = Table([["Ansvarig", "Tidplan", "Status"], ["Controller", "Kvartalsvis", "Grön"]])
    attributes.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))
    story: list[object] = [
        Paragraph("Uppföljning av internkontrollplan 2023", STYLES["Title"]),
        Paragraph("1. Informationssäkerhet", STYLES["Heading2"]),
        Paragraph("1.1 Kontroll av behörighetstilldelning", STYLES["Heading3"]),
        Paragraph("Risk: Obehörig åtkomst till personuppgifter"),
        Paragraph("Utfall: Tre konton saknade beslut."),
        Paragraph("Föreslagen åtgärd: Rutinen ses över."),
        attributes,  # the next heading right under the table: a larger type closes it
        Paragraph("1.2 Kontroll av loggar", STYLES["Heading3"]),
        Paragraph("Risk: Obehörig åtkomst till personuppgifter"),
        Paragraph("Utfall: Inga avvikelser."),
    ]
    result = run_one(tmp_path, build(tmp_path / "follow_up.pdf", story))
    assert [key(r["risk"]) for r in result.risks] == [key("Obehörig åtkomst till personuppgifter")]
    assert result.risks[0]["process"] == "Informationssäkerhet"
    controls = {key(c["control"]): c for c in result.controls}
    assert set(controls) == {key("Kontroll av behörighetstilldelning"), key("Kontroll av loggar")}
    first = controls[key("Kontroll av behörighetstilldelning")]
    assert first["result"] == "Tre konton saknade beslut."
    assert first["action"] == "Rutinen ses över."
    assert (first["responsible"], first["frequency"]) == ("Controller", "Kvartalsvis")
    assert all(c["risk_id"] == result.risks[0]["risk_id"] for c in result.controls)


def test_labelled_parts_of_a_risk_cell_and_an_areas_band_over_the_header(tmp_path: Path) -> None:
    cell = "Risk: Hög sjukfrånvaro\nOrsak: Långa sjukskrivningar.\nKonsekvens: Vikarier saknas."
    rows = [
        ["Personal och arbetsmiljö", "", "", ""],
        ["Risk, orsak och konsekvens", "S/K", "R", "Kontrollmoment"],
        [cell, "3/4", "12", "Uppföljning av sjukfrånvaron"],
    ]
    table = Table(rows, colWidths=[260, 50, 40, 220])
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (0, 0), (-1, 0))])
    )
    story: list[object] = [Paragraph("Internkontrollplan 2025", STYLES["Title"]), table]
    result = run_one(tmp_path, build(tmp_path / "plan.pdf", story, landscape(A4)))
    assert len(result.risks) == 1
    risk = result.risks[0]
    assert (risk["risk"], risk["description"]) == ("Hög sjukfrånvaro", "Långa sjukskrivningar.")
    assert risk["process"] == "Personal och arbetsmiljö"
    assert (risk["probability"], risk["consequence"], risk["risk_value"]) == (3, 4, 12)


def test_a_caption_or_the_documents_heading_across_a_tables_top_names_no_area(
    tmp_path: Path,
) -> None:
    for caption in ("Riskanalys 2025", "Tabell 2. Risker"):
        rows = [
            [caption, "", "", ""],
            ["Risk", "Sannolikhet", "Konsekvens", "Riskvärde"],
            ["Felaktiga utbetalningar", "3", "4", "12"],
        ]
        table = Table(rows, colWidths=[220, 80, 80, 80])
        table.setStyle(
            TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (0, 0), (-1, 0))])
        )
        story: list[object] = [
            Paragraph("Internkontrollplan 2025", STYLES["Title"]),
            Paragraph("Ekonomi", STYLES["Heading2"]),
            table,
        ]
        folder = tmp_path / caption.split()[0]
        folder.mkdir()
        result = run_one(folder, build(folder / "plan.pdf", story))
        assert [r["process"] for r in result.risks] == ["Ekonomi"], caption
