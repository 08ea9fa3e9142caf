"""Two tables side by side on a landscape page: the risks on the left, their controls on the
right naming each risk's number ("Avser risk" / "Risk nr" / "Risk"), the two tables' rows not
lined up, captions over them at times; read as two tables and linked by the number, ruled or
drawn with row rules only (one line of words then runs across both headers)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_one
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from riskrad.extract.side_by_side import names_risk, own_numbers, reference_key

STYLES = getSampleStyleSheet()
SMALL = ParagraphStyle("small", parent=STYLES["Normal"], fontSize=8, leading=9.5)
BOLD = ParagraphStyle("captionbold", parent=SMALL, fontName="Helvetica-Bold")

RISKS = [
    ["Nr", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde"],
    ["1", "Felaktiga utbetalningar till leverantörer", "3", "4", "12"],
    ["2", "Jäv vid upphandling", "2", "3", "6"],
    ["3", "Brister i hanteringen av kontanta medel", "2", "2", "4"],
]
CONTROLS = [
    ["Avser risk", "Kontrollmoment", "Ansvarig", "Frekvens"],
    ["1", "Stickprov på leverantörsfakturor mot avtal och leverans", "Ekonomichef", "Kvartalsvis"],
    ["", "Kontroll av ändringar i leverantörsregistret", "Controller", "Månadsvis"],
    ["3", "Inventering av handkassor", "Enhetschef", "Två gånger per år"],
]


def cells(rows: list[list[str]]) -> list[list[object]]:
    """Given rows of texts, them as wrapping paragraphs (the header's in bold)."""
    return [[Paragraph(t, BOLD if r == 0 else SMALL) for t in row] for r, row in enumerate(rows)]


def side_by_side(path: Path, style: str, captions: bool) -> Path:
    """Given a path, a plan built there: an area's heading over a layout table holding the
    risk table and the control table side by side (ruled, or with row rules only), the
    captions "Risker" and "Kontrollmoment" over them at times."""
    if style == "grid":
        rules = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    else:
        rules = [("LINEBELOW", (0, 0), (-1, -1), 0.5, "grey")]
    common = [*rules, ("VALIGN", (0, 0), (-1, -1), "TOP")]
    left = Table(cells(RISKS), colWidths=[25, 150, 60, 60, 50], style=TableStyle(common))
    right = Table(cells(CONTROLS), colWidths=[45, 160, 70, 70], style=TableStyle(common))
    layout_rows: list[list[object]] = [[left, "", right]]
    if captions:
        layout_rows.insert(0, [Paragraph("Risker", BOLD), "", Paragraph("Kontrollmoment", BOLD)])
    layout = Table(layout_rows, colWidths=[350, 20, 350], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[object] = [
        Paragraph("Internkontrollplan 2025 – Kommunstyrelsen", STYLES["Title"]),
        Paragraph("Ekonomi", STYLES["Heading2"]),
        layout,
    ]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(story)  # type: ignore[arg-type]
    return path


def test_a_control_table_beside_its_risk_table_links_its_rows_by_the_risks_number(
    tmp_path: Path,
) -> None:
    for style in ("grid", "row_rules"):
        for captions in (False, True):
            folder = tmp_path / f"{style}_{captions}"
            folder.mkdir()
            result = run_one(folder, side_by_side(folder / "plan.pdf", style, captions))
            risks = {r["risk_id"]: r for r in result.risks}
            assert [r["risk"] for r in result.risks] == [row[1] for row in RISKS[1:]], style
            assert {r["process"] for r in result.risks} == {"Ekonomi"}, (style, captions)
            assert [(r["probability"], r["consequence"], r["risk_value"])
                    for r in result.risks] == [(3, 4, 12), (2, 3, 6), (2, 2, 4)]
            linked = [(c["control"], risks[c["risk_id"]]["risk"], c["responsible"],
                       c["frequency"]) for c in result.controls]
            assert linked == [
                (CONTROLS[1][1], RISKS[1][1], "Ekonomichef", "Kvartalsvis"),
                (CONTROLS[2][1], RISKS[1][1], "Controller", "Månadsvis"),
                (CONTROLS[3][1], RISKS[3][1], "Enhetschef", "Två gånger per år"),
            ], (style, captions)


def test_a_sheets_two_blocks_printed_with_its_gridlines_are_two_tables(tmp_path: Path) -> None:
    # one grid, the rows shared: a control's row stands beside another risk; the control
    # table's "Avser risk" column links it
    rows = [[*r, *c] for r, c in zip(RISKS, CONTROLS, strict=True)]
    rows[2][5:] = ["", "Kontroll av ändringar i leverantörsregistret", "Controller", "Månadsvis"]
    table = Table(cells(rows), colWidths=[25, 150, 60, 60, 50, 45, 160, 70, 70],
                  style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "sheet.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(  # type: ignore[arg-type]
        [Paragraph("Internkontrollplan 2025", STYLES["Title"]), table])
    result = run_one(tmp_path, path)
    risks = {r["risk_id"]: r["risk"] for r in result.risks}
    assert [r["risk"] for r in result.risks] == [row[1] for row in RISKS[1:]]
    assert [(c["control"], risks[c["risk_id"]]) for c in result.controls] == [
        (CONTROLS[1][1], RISKS[1][1]), (CONTROLS[2][1], RISKS[1][1]),
        (CONTROLS[3][1], RISKS[3][1]),
    ]


def test_one_table_whose_controls_stand_right_of_its_risks_stays_one(tmp_path: Path) -> None:
    # risk columns then control columns in one table, no column naming a risk by number, or
    # the controls numbered 1, 2, 3 under "Nr": each control is its row's risk's, as before
    for own in (False, True):
        rows = [
            ["Nr", "Risk", "S", "K", "R", "Kontrollmoment", "Ansvarig"],
            ["1", "Felaktiga utbetalningar", "3", "4", "12", "Stickprov på fakturor",
             "Ekonomichef"],
            ["", "", "", "", "", "Kontroll av leverantörsregistret", "Controller"],
            ["2", "Jäv vid upphandling", "2", "3", "6", "Kontroll av jävsdeklarationer",
             "Upphandlare"],
        ]
        widths = [25, 150, 30, 30, 30, 180, 80]
        if own:
            for row, number in zip(rows, ("Nr", "1", "2", "3"), strict=True):
                row.insert(5, number)
            widths.insert(5, 30)
        table = Table(cells(rows), colWidths=widths,
                      style=TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, "grey")]))
        folder = tmp_path / str(own)
        folder.mkdir()
        path = folder / "one.pdf"
        SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(  # type: ignore[arg-type]
            [Paragraph("Internkontrollplan 2025", STYLES["Title"]), table])
        result = run_one(folder, path)
        risks = {r["risk_id"]: r["risk"] for r in result.risks}
        assert [(c["control"], risks[c["risk_id"]]) for c in result.controls] == [
            ("Stickprov på fakturor", "Felaktiga utbetalningar"),
            ("Kontroll av leverantörsregistret", "Felaktiga utbetalningar"),
            ("Kontroll av jävsdeklarationer", "Jäv vid upphandling"),
        ], own


def test_a_reference_names_a_risk_by_number_or_id_and_its_label_says_so() -> None:
    assert [reference_key(t) for t in ("3", "R3", "Risk 3", "3.", "EK-01", "is-2")] == [
        "3", "3", "3", "3", "EK-1", "IS-2"]
    assert [reference_key(t) for t in ("Kontroll av 3 fakturor", "", "2025-01")] == [
        None, None, None]
    assert all(map(names_risk, ("Risk nr", "Avser risk", "Risk", "Risk-ID", "Ref.")))
    assert not any(map(names_risk, ("Nr", "ID", "Kontrollmoment", "Ansvarig")))
    assert own_numbers(["1", "2", "3"], 3)
    assert not own_numbers(["1", "3"], 3)  # a risk's number on its first control only
    assert not own_numbers(["R1", "R2", "R3"], 3)  # the risks' ids
    assert not own_numbers(["1", "1", "2"], 3)
