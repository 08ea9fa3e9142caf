"""A plan giving per area its controls first and its risks after, the controls naming each
risk by its number or id ("A.1", "A1", "1.2", "R2", "2") in a column headed "Risk-id" /
"Avser risk" / "Risk" (or "Id" / "Nr" over ids that repeat or skip rows) on every row or on
a risk's first row only: each control links to the
risk of that number read after it (in its area), the area's heading ("A. Ekonomi") gives
the process and is no risk, and an id is no risk's title."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_one
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from riskrad.extract.recognize.headings import names_contents
from riskrad.model.risk_titles import number_key, risk_id

STYLES = getSampleStyleSheet()
SMALL = ParagraphStyle("small", parent=STYLES["Normal"], fontSize=8, leading=9.5)
BOLD = ParagraphStyle("smallbold", parent=SMALL, fontName="Helvetica-Bold")

AREAS = {
    "Ekonomi": [
        ("Felaktiga utbetalningar till leverantörer", "3", "4", "12",
         ["Stickprov på leverantörsfakturor", "Kontroll av leverantörsregistret"]),
        ("Bristande budgetföljsamhet", "2", "3", "6", ["Avstämning av budgetutfall mot prognos"]),
    ],
    "Informationssäkerhet": [
        ("Obehörig åtkomst till personuppgifter", "2", "4", "8",
         ["Kontroll av behörighetstilldelning"]),
        ("Personuppgiftsincidenter rapporteras inte", "3", "3", "9",
         ["Uppföljning av anmälda incidenter", "Kontroll av loggar i verksamhetssystemen"]),
    ],
}


def ident(style: str, area: int, risk: int) -> str:
    """Given an id style and an area's and a risk's index, the risk's id in that style."""
    letter = "AB"[area]
    return {"letter": f"{letter}.{risk + 1}", "letter_plain": f"{letter}{risk + 1}",
            "decimal": f"{area + 1}.{risk + 1}", "R": f"R{risk + 1}",
            "plain": str(risk + 1)}[style]


def heading(style: str, area: int, name: str) -> str:
    """Given an id style, an area's index and its name, the area's heading."""
    return {"letter": f"{'AB'[area]}. {name}", "letter_plain": f"{'AB'[area]}. {name}",
            "decimal": f"{area + 1}. {name}"}.get(style, name)


def table(rows: list[list[str]], widths: list[float]) -> Table:
    """Given rows of texts (a header first) and column widths, a ruled table."""
    cells = [[Paragraph(t, BOLD if r == 0 else SMALL) for t in row] for r, row in enumerate(rows)]
    return Table(cells, colWidths=widths, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))


def plan(path: Path, style: str, label: str, every_row: bool, captions: bool,
         single: bool = False) -> Path:
    """Given a path, an id style, the label of the controls' reference column, whether the id
    stands on every control row, whether captions stand over the tables and whether each
    risk has one control only (its first), the plan."""
    story: list[object] = [Paragraph("Internkontrollplan 2025 – Socialnämnden", STYLES["Title"])]
    for a, (area, risks) in enumerate(AREAS.items()):
        story.append(Paragraph(heading(style, a, area), STYLES["Heading2"]))
        controls = [[label, "Kontrollmoment", "Ansvarig", "Frekvens"]]
        for r, (_, _, _, _, names) in enumerate(risks):
            for c, name in enumerate(names[:1] if single else names):
                first = c == 0 or every_row
                controls.append([ident(style, a, r) if first else "", name, "Controller",
                                 "Årligen"])
        if captions:
            story.append(Paragraph("Kontroller", BOLD))
        story += [table(controls, [50, 220, 90, 80]), Spacer(1, 8)]
        if captions:
            story.append(Paragraph("Bedömda risker", BOLD))
        assessed = [["Nr", "Risk", "S", "K", "R"]] + [
            [ident(style, a, r), title, s, k, v] for r, (title, s, k, v, _) in enumerate(risks)]
        story += [table(assessed, [40, 260, 40, 40, 40]), Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(
    ("style", "label", "every_row", "captions"),
    [
        ("letter", "Risk-id", True, False),
        ("letter_plain", "Avser risk", False, True),
        ("decimal", "Avser risk", True, False),
        ("R", "Risk", False, False),
        ("plain", "Risk nr", True, True),
        ("letter", "Id", False, False),  # a number column whose ids stand on first rows only
        ("decimal", "Nr", True, True),  # or repeat: the risks' numbers, not the rows' own
    ],
)
def test_controls_before_their_risks_link_to_the_risk_their_id_names(
    tmp_path: Path, style: str, label: str, every_row: bool, captions: bool
) -> None:
    result = run_one(tmp_path, plan(tmp_path / "plan.pdf", style, label, every_row, captions))
    want = [(area, risk[0], risk[3]) for area, risks in AREAS.items() for risk in risks]
    got = [(r["process"], r["risk"], r["risk_value"]) for r in result.risks]
    assert got == [(p, t, int(v)) for p, t, v in want], style
    titles = {r["risk_id"]: r["risk"] for r in result.risks}
    linked = [(c["control"], titles.get(c["risk_id"])) for c in result.controls]
    assert linked == [(name, risk[0]) for risks in AREAS.values() for risk in risks
                      for name in risk[4]], style


@pytest.mark.parametrize("style", ["letter", "plain"])
def test_unique_ids_under_id_name_the_risks_of_the_table_after(tmp_path: Path, style: str) -> None:
    """"Id" over "A.1", "A.2" (one control a risk: no id repeats), or over 1, 2 when the risk
    table right after numbers its risks 1, 2, names the risks of that table; the heading
    above gives the area."""
    result = run_one(tmp_path, plan(tmp_path / "plan.pdf", style, "Id", True, False, True))
    assert [(r["process"], r["risk"]) for r in result.risks] == [
        (area, risk[0]) for area, risks in AREAS.items() for risk in risks]
    titles = {r["risk_id"]: r["risk"] for r in result.risks}
    assert [(c["control"], titles.get(c["risk_id"])) for c in result.controls] == [
        (risk[4][0], risk[0]) for risks in AREAS.values() for risk in risks]


def test_names_contents_tells_a_caption_from_an_area() -> None:
    assert all(map(names_contents, ("Kontroller", "Bedömda risker", "Planerade kontroller",
                                    "Riskanalys", "Intern kontroll", "B. Risker")))
    assert not any(map(names_contents, ("Ekonomi", "Ekonomiska risker", "Risker inom HR",
                                        "Kontroll av fakturor", "Styrning och ledning")))


def test_a_risks_id_and_a_reference_to_it_give_one_key() -> None:
    assert [risk_id(t) for t in ("A.1", "A1", "a 1", "1.2", "1.02", "R3", "3.", "EK-01")] == [
        "A.1", "A.1", "A.1", "1.2", "1.2", "3", "3", "EK-1"]
    assert [risk_id(t) for t in ("A. Ekonomi", "Kontroll av 3 fakturor", "2025-01", "")] == [
        None, None, None, None]
    assert number_key("EK-01") == risk_id("EK-1") == "EK-1"  # a title's id, a cell's


def controls_left(path: Path, rules: str) -> Path:
    """Given a path and how the tables are ruled ("grid" or "row_rules"), a landscape plan:
    an area's heading over a layout table holding the control table (naming risks "A1",
    "A2") left of the risk table."""
    from reportlab.lib.pagesizes import landscape

    lines = [("GRID", (0, 0), (-1, -1), 0.5, "black")] if rules == "grid" else [
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, "grey")]
    style = TableStyle([*lines, ("VALIGN", (0, 0), (-1, -1), "TOP")])
    risks = AREAS["Ekonomi"]
    controls = [["Avser risk", "Kontrollmoment", "Ansvarig", "Frekvens"]] + [
        [f"A{r + 1}" if c == 0 else "", name, "Controller", "Årligen"]
        for r, risk in enumerate(risks) for c, name in enumerate(risk[4])]
    assessed = [["Nr", "Risk", "S", "K", "R"]] + [
        [f"A{r + 1}", title, s, k, v] for r, (title, s, k, v, _) in enumerate(risks)]

    def cells(rows: list[list[str]]) -> list[list[object]]:
        return [[Paragraph(t, BOLD if i == 0 else SMALL) for t in row]
                for i, row in enumerate(rows)]

    left = Table(cells(controls), colWidths=[45, 160, 70, 60], style=style)
    right = Table(cells(assessed), colWidths=[25, 170, 40, 40, 40], style=style)
    layout = Table([[left, "", right]], colWidths=[345, 20, 330], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = [Paragraph("Internkontrollplan 2025 – Kommunstyrelsen", STYLES["Title"]),
             Paragraph("A. Ekonomi", STYLES["Heading2"]), layout]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(story)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize("rules", ["grid", "row_rules"])
def test_a_control_table_left_of_its_risk_table_links_by_the_risks_id(
    tmp_path: Path, rules: str
) -> None:
    result = run_one(tmp_path, controls_left(tmp_path / "plan.pdf", rules))
    risks = AREAS["Ekonomi"]
    assert [(r["process"], r["risk"], r["risk_value"]) for r in result.risks] == [
        ("Ekonomi", risk[0], int(risk[3])) for risk in risks]
    titles = {r["risk_id"]: r["risk"] for r in result.risks}
    assert [(c["control"], titles.get(c["risk_id"])) for c in result.controls] == [
        (name, risk[0]) for risk in risks for name in risk[4]]


def smudged(path: Path) -> Path:
    """Given a path, a plan whose ids a scan misread: "CA" for "C.1" in both tables, and the
    second risk's id lost in the risk table (its cell empty)."""
    risks = AREAS["Ekonomi"] + AREAS["Informationssäkerhet"]
    ids = ["CA", "C.2", "C.3", "C.4"]
    controls = [["Risk-id", "Kontrollmoment", "Ansvarig", "Frekvens"]] + [
        [ids[r] if c == 0 else "", name, "Controller", "Årligen"]
        for r, risk in enumerate(risks) for c, name in enumerate(risk[4])]
    assessed = [["Nr", "Risk", "S", "K", "R"]] + [
        [ids[r] if r != 1 else "", title, s, k, v] for r, (title, s, k, v, _) in enumerate(risks)]
    story = [Paragraph("Internkontrollplan 2025", STYLES["Title"]),
             Paragraph("C. Ekonomi", STYLES["Heading2"]),
             table(controls, [50, 220, 90, 80]), Spacer(1, 8),
             table(assessed, [40, 260, 40, 40, 40])]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)  # type: ignore[arg-type]
    return path


def test_ids_misread_alike_link_and_a_lost_id_links_by_its_place(tmp_path: Path) -> None:
    """A reference column with a misread id ("CA") among ids links it to the risk whose cell
    reads the same; an id no risk gives (its cell smudged) to the risk standing where the id
    stands among the table's ids."""
    result = run_one(tmp_path, smudged(tmp_path / "plan.pdf"))
    risks = AREAS["Ekonomi"] + AREAS["Informationssäkerhet"]
    assert [r["risk"] for r in result.risks] == [risk[0] for risk in risks]
    titles = {r["risk_id"]: r["risk"] for r in result.risks}
    assert [(c["control"], titles.get(c["risk_id"])) for c in result.controls] == [
        (name, risk[0]) for risk in risks for name in risk[4]]
