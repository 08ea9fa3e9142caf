"""Values ticked under the steps of their scale: "Sannolikhet" over 1 | 2 | 3 | 4 | 5 with an
"X" in one column per risk (a Word plan's way of scoring), read as the step ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_one
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from riskrad.extract.recognize.columns import numbered_steps
from riskrad.extract.tables import GridCell
from riskrad.extract.tableview import is_tick
from riskrad.model.records import BBox, Origin, Word

STEPS = ["1", "2", "3", "4", "5"]
RISKS = [  # risk, S, K, R, control
    ("Felaktiga utbetalningar till leverantörer", 2, 3, 6, "Stickprov på fakturor"),
    ("Brister i brandskyddet", 1, 5, 5, "Kontroll av brandlarm"),
    ("Eftersatt underhåll av fastigheter", 4, 4, 16, "Uppföljning av underhållsplanen"),
]


def ticks(step: int) -> list[str]:
    return ["X" if n == step else "" for n in range(1, 6)]


def plan(path: Path, group: tuple[str, str], section: bool) -> Path:
    """Given a path, the two groups' labels and whether a section row opens the body, a plan
    whose S and K are ticked under their steps, built with reportlab."""
    header = ["Nr", "Risk", group[0], "", "", "", "", group[1], "", "", "", "", "Riskvärde",
              "Kontrollmoment"]  # fmt: skip
    steps = ["Nr", "Risk", *STEPS, *STEPS, "Riskvärde", "Kontrollmoment"]
    body = [[str(n), risk, *ticks(s), *ticks(k), str(r), control]
            for n, (risk, s, k, r, control) in enumerate(RISKS, 1)]  # fmt: skip
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("SPAN", (2, 0), (6, 0)),
        ("SPAN", (7, 0), (11, 0)),
        *[("SPAN", (c, 0), (c, 1)) for c in (0, 1, 12, 13)],
    ]
    rows = [header, steps]
    if section:
        rows.append(["Ekonomi", *[""] * 13])
        style.append(("SPAN", (0, 2), (-1, 2)))
    table = Table([*rows, *body], colWidths=[25, 180, *[18] * 10, 50, 180])
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1)
    title = Paragraph("Internkontrollplan 2025", getSampleStyleSheet()["Title"])
    note = Paragraph("Sannolikhet och konsekvens markeras med X under sitt steg (1-5).")
    doc.build([title, note, table])
    return path


def test_ticks_under_the_steps_of_a_scale_are_the_values(tmp_path: Path) -> None:
    result = run_one(tmp_path, plan(tmp_path / "plan.pdf", ("Sannolikhet", "Konsekvens"), True))
    got = {key(r["risk"]): r for r in result.risks}
    assert sorted(got) == sorted(key(risk) for risk, *_ in RISKS)
    for risk, s, k, r, _ in RISKS:
        row = got[key(risk)]
        assert (row["probability"], row["consequence"], row["risk_value"]) == (s, k, r)
    assert sorted(key(c["control"]) for c in result.controls) == sorted(key(c) for *_, c in RISKS)


def test_a_group_label_the_header_row_alone_reads_no_better_still_gives_its_steps(
    tmp_path: Path,
) -> None:
    # "K" over its steps: the one-row header names as many columns as the two-level one
    result = run_one(tmp_path, plan(tmp_path / "plan.pdf", ("Sannolikhet", "K"), False))
    values = sorted((r["probability"], r["consequence"]) for r in result.risks)
    assert values == sorted((s, k) for _, s, k, *_ in RISKS)


@pytest.mark.parametrize(
    ("labels", "steps"),
    [
        (["1", "2", "3", "4", "5"], ["1", "2", "3", "4", "5"]),
        (["a", "OR", "fö", "4", "CS"], ["1", "2", "3", "4", "5"]),  # a scan's lone digits
        (["0", "1", "b", "3"], ["0", "1", "2", "3"]),
        (["Låg", "Medel", "Hög"], ["Låg", "Medel", "Hög"]),  # steps named, kept
        (["a", "b", "c"], ["a", "b", "c"]),  # no digit to count from: kept as read
        (["3", "b", "5"], ["3", "b", "5"]),  # a scale counts from 0 or 1
    ],
)
def test_a_scans_misread_step_labels_count_on_from_the_digits_read(
    labels: list[str], steps: list[str]
) -> None:
    assert numbered_steps(labels) == steps


def test_on_a_scan_a_short_misreading_in_a_step_cell_is_a_tick() -> None:
    box = BBox(0, 0, 10, 10)

    def cell(text: str, origin: Origin) -> GridCell:
        return GridCell(box, 2, 3, 1, 1, (Word(text, box, origin),))

    assert is_tick(cell("X", "text")) and is_tick(cell("fö", "ocr"))
    assert not is_tick(cell("fö", "text"))  # a text layer's letters are what they say
    assert not is_tick(cell("3", "ocr")) and not is_tick(cell("Hög risk", "ocr"))
