"""Free text under a record's row: a risk's description, a control's comment and planned
action set on a row of their own across the columns (record_text.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_one, tune_run
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from riskrad.extract.recognize.record_text import record_text

REGISTER = [  # area, id, title, S, K, description, labelled
    ("Ekonomi", "EK-01", "Felaktiga utbetalningar", "3", "2",
     "Fakturor betalas utan att varan är levererad.", True),
    ("Ekonomi", "EK-02", "Oklara representationskostnader", "2", "2",
     "Representation saknar syfte och deltagarförteckning.", False),
    ("Personal", "PA-01", "Hög sjukfrånvaro", "3", "3",
     "Långa sjukskrivningar påverkar kontinuiteten i verksamheten.", True),
    ("Personal", "PA-02", "Bristande introduktion", "2", "3",
     "Nya medarbetare får inte den introduktion som rutinen anger.", False),
]


def register_pdf(path: Path, *, skip_id: bool) -> Path:
    """Given a path, a ruled register whose every risk is two rows: its id, title and values,
    then its description across the columns (all but the id's when ``skip_id``), led by
    "Beskrivning:" or not; an area's band row over its risks."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    rows: list[list[object]] = [["Nr", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde"]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    area = None
    for name, nr, title, s, k, text, labelled in REGISTER:
        if name != area:
            area = name
            style.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            rows.append([Paragraph(f"<b>{name}</b>", cell), "", "", "", ""])
        rows.append([nr, Paragraph(title, cell), s, k, str(int(s) * int(k))])
        first = 1 if skip_id else 0
        style.append(("SPAN", (first, len(rows)), (-1, len(rows))))
        line: list[object] = ["", "", "", "", ""]
        line[first] = Paragraph(("Beskrivning: " if labelled else "") + text, cell)
        rows.append(line)
    table = Table(rows, colWidths=[50, 170, 80, 80, 70])
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.build([Paragraph("Riskregister 2025 för socialnämnden", styles["Title"]), table])
    return path


@pytest.mark.parametrize("skip_id", [False, True])
def test_a_row_of_text_under_a_risks_row_is_its_description(
    tmp_path: Path, skip_id: bool
) -> None:
    result = run_one(tmp_path, register_pdf(tmp_path / "register.pdf", skip_id=skip_id))
    read = sorted((key(r["risk"]), key(r["description"]), r["process"]) for r in result.risks)
    assert read == sorted((key(t), key(d), a) for a, _, t, _, _, d, _ in REGISTER)


FOLLOW_UP = [  # risk, [(control, status, result, comment, action)]
    ("Felaktiga utbetalningar", [
        ("Kontroll av leverantörsfakturor", "●", "Inga avvikelser.",
         "Resultatet har redovisats för ledningsgruppen.", "Ingen åtgärd behövs."),
        ("Kontroll av attestlistor", "◐", "Två avvikelser.",
         "Rutinen behöver förtydligas och spridas.", None),
    ]),
    ("Hög sjukfrånvaro", [
        ("Uppföljning av sjukfrånvaron", "○", "Ej genomförd.",
         "Kontrollen har inte kunnat genomföras i år.", "Kontrollen görs under våren."),
    ]),
]


def follow_up_pdf(path: Path, *, across: bool) -> Path:
    """Given a path, a ruled follow-up whose every control row is followed by a row of its
    comment (and planned action), across the whole row or the control's columns
    (``across``), led by "Kommentar:" on the first control's row only; the risk cell empty
    on a risk's second control."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    rows: list[list[object]] = [["Risk", "Kontrollmoment", "Status", "Resultat"]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    for risk, controls in FOLLOW_UP:
        for i, (control, status, result, comment, action) in enumerate(controls):
            rows.append([Paragraph(risk, cell) if i == 0 else "", Paragraph(control, cell),
                         status, Paragraph(result, cell)])
            text = ("Kommentar: " if i == 0 else "") + comment
            if action is not None:
                text += f" Planerad åtgärd: {action}"
            first = 0 if across else 1
            style.append(("SPAN", (first, len(rows)), (-1, len(rows))))
            line: list[object] = ["", "", "", ""]
            line[first] = Paragraph(text, cell)
            rows.append(line)
    table = Table(rows, colWidths=[170, 200, 60, 200])
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1)
    doc.build([Paragraph("Uppföljning av intern kontroll 2025", styles["Title"]), table])
    return path


@pytest.mark.parametrize("across", [True, False])
def test_a_row_of_text_under_a_controls_row_is_its_comment_and_action(
    tmp_path: Path, across: bool
) -> None:
    result = run_one(tmp_path, follow_up_pdf(tmp_path / "follow.pdf", across=across))
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(key(r) for r, _ in FOLLOW_UP)
    risk_of = {r["risk_id"]: key(r["risk"]) for r in result.risks}
    read = sorted((risk_of.get(c["risk_id"]), key(c["control"]), key(c["comment"]),
                   key(c["action"])) for c in result.controls)
    assert read == sorted((key(r), key(c), key(m), key(a))
                          for r, cs in FOLLOW_UP for c, _, _, m, a in cs)


def test_what_a_record_text_is() -> None:
    assert record_text("Kommentar från ansvarig: Arbetet fortsätter under året.") == [
        ("comment", "Arbetet fortsätter under året.")]
    assert record_text("Rutinen följs inte fullt ut. Planerad åtgärd: Utbildning.") == [
        (None, "Rutinen följs inte fullt ut."), ("planned_handling", "Utbildning.")]
    assert record_text("Riskbeskrivning: Fakturor betalas för sent.") == [
        ("description", "Fakturor betalas för sent.")]
    assert record_text("Medarbetare luras att lämna ut inloggningsuppgifter.") == [
        (None, "Medarbetare luras att lämna ut inloggningsuppgifter.")]
    for heading in ("Informationssäkerhet", "Område: Ekonomi", "1. Personal och arbetsmiljö",
                    "Personal och arbetsmiljö"):
        assert record_text(heading) is None
    assert record_text("Kontrollerna nedan följs upp varje år.", heading_like=True) is None


def test_an_unruled_tables_text_rows_between_its_parts_are_its_records(tmp_path: Path) -> None:
    """Round 31's follow_up_comment_rows tune seed 6 (reportlab): an unruled follow-up whose
    comment rows ("Kommentar från ansvarig: … / Planerad åtgärd: …" across the control's
    columns) and area bands fall out of the grid as paragraphs between its parts, its header
    repeated on page 2 as a paragraph: each comment and action is its control's, a risk's
    second control stays its own."""
    result, want = tune_run(tmp_path, "follow_up_comment_rows", 6)
    risk_of = {r["risk_id"]: key(r["risk"]) for r in result.risks}
    read = sorted((risk_of.get(c["risk_id"]), key(c["control"]), key(c["comment"]),
                   key(c["action"])) for c in result.controls)
    titles = [key(r["risk"]) for r in want["risks"]]
    assert read == sorted((titles[c["risk_index"]], key(c["control"]), key(c["comment"]),
                           key(c["action"])) for c in want["controls"])


def test_an_unruled_registers_description_paragraphs_are_its_risks(tmp_path: Path) -> None:
    """Round 31's register_record_rows tune seed 1 (reportlab): an unruled plan whose every
    risk is followed by "Riskbeskrivning: …" across all columns but the id's, which falls
    out of the grid as a paragraph (a further control between them): each is its risk's
    description, none a control's, also the last before a numbered heading."""
    result, want = tune_run(tmp_path, "register_record_rows", 1)
    read = sorted((key(r["risk"]), key(r["description"])) for r in result.risks)
    assert read == sorted((key(r["risk"]), key(r["description"])) for r in want["risks"])
    assert not any(c["description"] for c in result.controls)


def test_a_header_row_naming_the_records_text_row_is_no_area(tmp_path: Path) -> None:
    """Round 31's register_record_rows tune seed 6 (reportlab): the header's second row
    names each risk's second row ("Risk" over "Beskrivning"), its descriptions unlabelled
    (paragraphs between the unruled table's parts): "Beskrivning" is part of the header,
    no area, and every description its risk's, the last before a heading too."""
    result, want = tune_run(tmp_path, "register_record_rows", 6)
    read = sorted((key(r["risk"]), key(r["description"]), r["process"]) for r in result.risks)
    assert read == sorted((key(r["risk"]), key(r["description"]), r["process"])
                          for r in want["risks"])


def test_a_description_row_after_a_page_break_is_the_open_risks(tmp_path: Path) -> None:
    """A plan's ruled table goes on over a page break: page 2 opens with the risk's second
    control (its risk cells empty), then its "Beskrivning: …" row across all columns but the
    id's: the description is the risk's (read on page 1), not the second control's."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    widths = [40, 150, 60, 60, 170, 100]
    header = ["Nr", "Risk", "Sannolikhet", "Konsekvens", "Kontrollmoment", "Ansvarig"]
    first = [header, ["R1", Paragraph("Felaktiga utbetalningar", cell), "3", "4",
                      Paragraph("Kontroll av leverantörsfakturor", cell), "Ekonomichef"]]
    second = [["", "", "", "", Paragraph("Kontroll av attestlistor", cell), "Controller"],
              ["", Paragraph("Beskrivning: Fakturor betalas utan att varan är levererad.",
                             cell), "", "", "", ""],
              ["R2", Paragraph("Hög sjukfrånvaro", cell), "2", "3",
               Paragraph("Uppföljning av sjukfrånvaron", cell), "HR-chef"],
              ["", Paragraph("Beskrivning: Långa sjukskrivningar påverkar verksamheten.",
                             cell), "", "", "", ""]]
    grid = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    one = Table(first, colWidths=widths)
    one.setStyle(TableStyle(grid))
    two = Table(second, colWidths=widths)
    two.setStyle(TableStyle([*grid, ("SPAN", (1, 1), (-1, 1)), ("SPAN", (1, 3), (-1, 3))]))
    path = tmp_path / "plan.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1)
    doc.build([Paragraph("Internkontrollplan 2025 för kommunstyrelsen", styles["Title"]), one,
               PageBreak(), two])
    result = run_one(tmp_path, path)
    assert sorted((key(r["risk"]), key(r["description"])) for r in result.risks) == [
        (key("Felaktiga utbetalningar"), key("Fakturor betalas utan att varan är levererad.")),
        (key("Hög sjukfrånvaro"), key("Långa sjukskrivningar påverkar verksamheten."))]
    assert not any(c["description"] for c in result.controls)
    risk_of = {r["risk_id"]: key(r["risk"]) for r in result.risks}
    assert sorted(risk_of[c["risk_id"]] for c in result.controls) == [
        key("Felaktiga utbetalningar"), key("Felaktiga utbetalningar"), key("Hög sjukfrånvaro")]


def test_a_planned_action_under_a_plans_control_is_its_action(tmp_path: Path) -> None:
    """A plan (no result column) with a control's planned action on a row of its own across
    the row ("Planerad åtgärd: …"): the control's action, not the risk's handling."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    rows: list[list[object]] = [
        ["Risk", "Kontrollmoment", "Ansvarig"],
        [Paragraph("Felaktiga utbetalningar", cell),
         Paragraph("Kontroll av leverantörsfakturor", cell), "Ekonomichef"],
        [Paragraph("Planerad åtgärd: Rutinen för attest ses över.", cell), "", ""],
        [Paragraph("Hög sjukfrånvaro", cell), Paragraph("Uppföljning av sjukfrånvaron", cell),
         "HR-chef"],
    ]
    table = Table(rows, colWidths=[200, 220, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("SPAN", (0, 2), (-1, 2))]))
    path = tmp_path / "plan.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.build([Paragraph("Internkontrollplan 2025 för kommunstyrelsen", styles["Title"]), table])
    result = run_one(tmp_path, path)
    assert sorted((key(c["control"]), key(c["action"])) for c in result.controls) == [
        (key("Kontroll av leverantörsfakturor"), key("Rutinen för attest ses över.")),
        (key("Uppföljning av sjukfrånvaron"), "")]
    assert not any(r["planned_handling"] for r in result.risks)
    assert sorted(r["process"] or "" for r in result.risks) == ["", ""]


def test_a_plain_responsible_beside_the_controls_is_the_risks_owner(tmp_path: Path) -> None:
    """A plan naming two responsibles, "Ansvarig" among the risk's columns and
    "Kontrollansvarig" among the control's: the first is the risk's, the second the
    control's (vocabulary.named_twice)."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    rows: list[list[object]] = [
        ["Nr", "Risk", "Ansvarig", "Sannolikhet", "Konsekvens", "Kontrollmoment",
         "Kontrollansvarig"],
        ["1", Paragraph("Felaktiga utbetalningar", cell), "Ekonomichef", "3", "4",
         Paragraph("Kontroll av leverantörsfakturor", cell), "Controller"],
        ["2", Paragraph("Hög sjukfrånvaro", cell), "HR-chef", "2", "3",
         Paragraph("Uppföljning av sjukfrånvaron", cell), "Lönehandläggare"],
    ]
    table = Table(rows, colWidths=[30, 150, 80, 70, 70, 170, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "plan.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1)
    doc.build([Paragraph("Internkontrollplan 2025 för kommunstyrelsen", styles["Title"]), table])
    result = run_one(tmp_path, path)
    assert sorted((key(r["risk"]), r["responsible"]) for r in result.risks) == [
        (key("Felaktiga utbetalningar"), "Ekonomichef"), (key("Hög sjukfrånvaro"), "HR-chef")]
    assert sorted((key(c["control"]), c["responsible"]) for c in result.controls) == [
        (key("Kontroll av leverantörsfakturor"), "Controller"),
        (key("Uppföljning av sjukfrånvaron"), "Lönehandläggare")]


def test_an_unruled_rows_comment_under_the_control_columns_is_its_controls(
    tmp_path: Path,
) -> None:
    """Round 31's follow_up_comment_rows tune seed 38 (reportlab): a zebra follow-up without
    lines whose unlabelled comment rows stand under the control's columns: one read into
    the control column's cell (its words reach over the columns after it), one falling out
    as a paragraph before the next area's heading (it starts at the control column): each
    is its control's comment."""
    result, want = tune_run(tmp_path, "follow_up_comment_rows", 38)
    read = sorted((key(c["control"]), key(c["comment"])) for c in result.controls)
    assert read == sorted((key(c["control"]), key(c["comment"])) for c in want["controls"])


def test_the_responsible_right_of_the_control_is_the_controls() -> None:
    """Of two responsibles without "kontroll" in either label, the one right of the control's
    column is the control's, the one among the risk's columns the risk's owner."""
    from riskrad.model import vocabulary as vocab

    fields = vocab.header_fields(["Nr", "Risker", "Ansvarig", "Sannolikhet", "Konsekvens",
                                  "Kontrollaktivitet", "Ansvarig tjänsteperson", "När"])
    assert fields == ["nr", "risk", vocab.OWNER, "probability", "consequence", "control",
                      "responsible", "frequency"]
    both_right = vocab.header_fields(["Risk", "Kontrollmoment", "Ansvarig", "Ansvarig"])
    assert both_right == ["risk", "control", "responsible", None]
