"""Plans and follow-ups written as prose rather than one table: a risk's bold name over bullets
(labelled or not), a numbered control heading over "Risk:" and result lines, a risk cell
holding "Risk: … / Orsak: … / Konsekvens: …", an area's band over a table's header, and
each risk one paragraph of running text under its area's numbered heading ("2.3 Title (S 3,
K 4, R 12). Cause. Kontroll: X. Ansvarig: Y, frekvens: Z."), read or at least flagged."""

from __future__ import annotations

from pathlib import Path

from conftest import run_one, tune_run
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from riskrad.extract.pdf import open_pdf
from riskrad.extract.recognize.evidence import shortfall
from riskrad.extract.textlayer import read_text_layer
from riskrad.model.records import PageDecision, PageRecord
from riskrad.model.settings import RecognizerSettings

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


WRITTEN_PLAN = [
    ("Heading2", "1. Ekonomi"),
    ("Normal", "1.1 Felaktiga utbetalningar till leverantörer (S 3, K 4, R 12). Fakturor betalas "
     "utan att varan eller tjänsten är levererad. Kontroll: Stickprov på fakturor. Ansvarig: "
     "Ekonomichef, frekvens: Kvartalsvis. Metod: Tio fakturor granskas mot avtal."),
    ("Normal", "1.2 Jäv vid upphandling (riskvärde 6; S 3, K 2). Kontrollmoment: Kontroll av "
     "jävsdeklarationer (Upphandlare, Löpande). Kontrollmoment: Uppföljning av leverantörsavtal "
     "(Controller, Två gånger per år)."),
    # ordinary prose with a number and brackets: no risk
    ("Normal", "1.3 Budgeten för 2024 (se bilaga 2) följs upp varje månad av controllern."),
    ("Normal", "Kostnaderna ökade med 3 procent (4 mnkr) under året, främst inom it."),
    ("Heading2", "2. Personal och arbetsmiljö"),
    ("Normal", "2.1 Hög sjukfrånvaro (sannolikhet 4, konsekvens 3). Långa sjukskrivningar ger "
     "brist på vikarier. Uppföljning av sjukfrånvaron (HR-chef, Månadsvis)."),
    ("Normal", "2.2 Arbetsmiljöenkäten (2023, 2024) visar att stressen har minskat något."),
]


def written_plan(path: Path) -> Path:
    """Given a path, a plan written as running text under numbered area headings built there."""
    story: list[object] = [Paragraph("Internkontrollplan 2025", STYLES["Title"])]
    story += [Paragraph(text, STYLES[style]) for style, text in WRITTEN_PLAN]
    return build(path, story)


def test_a_numbered_paragraph_stating_its_values_is_a_risk_with_its_controls(
    tmp_path: Path,
) -> None:
    result = run_one(tmp_path, written_plan(tmp_path / "plan.pdf"))
    risks = {key(r["risk"]): r for r in result.risks}
    assert set(risks) == {
        key("Felaktiga utbetalningar till leverantörer"),
        key("Jäv vid upphandling"),
        key("Hög sjukfrånvaro"),
    }  # "1.3 Budgeten … (se bilaga 2)", "2.2 … (2023, 2024)" state no risk's values
    first = risks[key("Felaktiga utbetalningar till leverantörer")]
    assert (first["probability"], first["consequence"], first["risk_value"]) == (3, 4, 12)
    assert first["process"] == "Ekonomi"
    assert first["description"] == (
        "Fakturor betalas utan att varan eller tjänsten är levererad."
    )
    jav = risks[key("Jäv vid upphandling")]
    assert (jav["probability"], jav["consequence"], jav["risk_value"]) == (3, 2, 6)
    assert jav["description"] is None
    sick = risks[key("Hög sjukfrånvaro")]
    assert (sick["probability"], sick["consequence"], sick["risk_value"]) == (4, 3, None)
    assert sick["process"] == "Personal och arbetsmiljö"
    assert sick["description"] == "Långa sjukskrivningar ger brist på vikarier."
    controls = {key(c["control"]): c for c in result.controls}
    assert set(controls) == {
        key("Stickprov på fakturor"),
        key("Kontroll av jävsdeklarationer"),
        key("Uppföljning av leverantörsavtal"),
        key("Uppföljning av sjukfrånvaron"),
    }
    stickprov = controls[key("Stickprov på fakturor")]
    assert (stickprov["responsible"], stickprov["frequency"]) == ("Ekonomichef", "Kvartalsvis")
    assert stickprov["method"] == "Tio fakturor granskas mot avtal."
    assert stickprov["risk_id"] == first["risk_id"]
    avtal = controls[key("Uppföljning av leverantörsavtal")]
    assert (avtal["responsible"], avtal["frequency"]) == ("Controller", "Två gånger per år")
    assert avtal["risk_id"] == jav["risk_id"]
    sjuk = controls[key("Uppföljning av sjukfrånvaron")]
    assert (sjuk["responsible"], sjuk["frequency"]) == ("HR-chef", "Månadsvis")
    assert sjuk["risk_id"] == sick["risk_id"]


def test_a_risk_paragraph_cut_by_a_page_break_is_read_whole(tmp_path: Path) -> None:
    cause = " ".join(["Fakturor betalas utan att varan eller tjänsten är levererad."] * 6)
    story: list[object] = [
        Paragraph("Internkontrollplan 2025", STYLES["Title"]),
        Paragraph("1. Ekonomi", STYLES["Heading2"]),
        Spacer(1, 590),
        Paragraph(
            f"1.1 Felaktiga utbetalningar (S 3, K 4, R 12). {cause} Kontroll: Stickprov på "
            "fakturor. Ansvarig: Ekonomichef, frekvens: Kvartalsvis."
        ),
        Paragraph("1.2 Jäv vid upphandling (S 2, K 2, R 4). Kontrollmoment: Kontroll av "
                  "jävsdeklarationer (Upphandlare, Löpande)."),
    ]
    result = run_one(tmp_path, build(tmp_path / "plan.pdf", story))
    assert max(c["page"] for c in result.controls) == 2  # the paragraph went on to page 2
    assert [key(r["risk"]) for r in result.risks] == [
        key("Felaktiga utbetalningar"), key("Jäv vid upphandling")
    ]
    first = result.risks[0]
    assert key(first["description"]) == key(cause)
    controls = {key(c["control"]): c for c in result.controls}
    stickprov = controls[key("Stickprov på fakturor")]
    assert (stickprov["responsible"], stickprov["frequency"]) == ("Ekonomichef", "Kvartalsvis")
    assert stickprov["risk_id"] == first["risk_id"]


def test_a_risk_paragraphs_first_line_is_no_table_header(tmp_path: Path) -> None:
    # plan_numbered_paragraphs tune seed 2 (reportlab): "1.2 Nämndens beslut verkställs inte
    # (riskvärde 10; S 5, K 2). Kontrollmoment: …" over a short second line was taken for an
    # unruled table headed "… | S 5, | K 2). | Kontrollmoment: …" (S, K and the label read as
    # its columns' labels): the risk was lost and the second line became one
    result, want = tune_run(tmp_path, "plan_numbered_paragraphs", 2)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    assert len(result.controls) == len(want["controls"])


def page_records(pdf: Path) -> list[PageRecord]:
    """Given a PDF, its pages' records as the text route reads them."""
    with open_pdf(pdf) as opened:
        pages = [read_text_layer(opened[i], i + 1) for i in range(len(opened))]
    return [
        PageRecord(p.page, p.width, p.height, p.words, p.rulings, PageDecision("text", "test"))
        for p in pages
    ]


def test_numbered_titles_stating_values_are_risk_content_when_no_rows_come(
    tmp_path: Path,
) -> None:
    # the paragraphs name no column label, Sannolikhet or Konsekvens as a word: only their
    # titles' brackets "(S 3, K 4, R 12)" show the risks, and rows that fail must be flagged
    settings = RecognizerSettings()
    story: list[object] = [Paragraph("Plan 2025", STYLES["Title"])]
    for n, title in enumerate(("Sena svar", "Fel i lön", "Jäv", "Svinn"), 1):
        story.append(Paragraph(f"1.{n} {title} (S 3, K {n}, R {3 * n}). Stickprov görs."))
    records = page_records(build(tmp_path / "plan.pdf", story))
    gap = shortfall(records, 0, 0, settings)
    assert gap is not None and "4 numbered titles stating risk values" in gap.pages[1]
    gap = shortfall(records, 1, 1, settings)  # one risk of four read: no more than a doubt
    assert gap is not None and "4 numbered risks seen but 1 read" in gap.message
    assert shortfall(records, 4, 4, settings) is None
    prose = [Paragraph(text, STYLES["Normal"]) for style, text in WRITTEN_PLAN[3:5]]
    prose.append(Paragraph("2.2 Arbetsmiljöenkäten (2023, 2024) visar en förbättring."))
    assert shortfall(page_records(build(tmp_path / "prose.pdf", prose)), 0, 0, settings) is None
