"""Areas set as ordinary rows of a plan's grid, and rows that count.

An area may be a row of the grid like any other, not a band: "1 | Ekonomi" (or "1 Ekonomi"
in the risk cell), its other cells empty, its risks numbered "1.1", "1.2" below it; each
area may close with a row counting its risks ("Antal risker: 3", "Summa Ekonomi: 3 risker",
"3 risker", "Antal kontroller: 4" in the control column) and "Totalt antal risker: 12" may
end the table. An auditor reads the area as the process of the risks under it and the
counts as no risk and no control.

Real documents: ``corpus/layoutgen`` family plan_numbered_area_rows (round 30, held out;
its tune seeds worked on, its report seeds measured once by the lead).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import text_key as key
from conftest import tune_run

from riskrad.extract.recognize.rows import is_count_cell
from riskrad.extract.tables import Grid, GridCell
from riskrad.extract.tableview import TableView, data_rows, numbered_areas
from riskrad.model.records import BBox, Word

COLUMNS = (0.0, 40.0, 240.0, 280.0, 480.0)  # Nr | Risk | R | Kontroll
FIELDS = ("nr", "risk", "risk_value", "control")


Rows = list[tuple[str, ...]]


def grid_of(rows: Rows) -> Grid:
    """Given body rows' texts under Nr, Risk, R and Kontroll (or one text: a cell merged
    across the table), a ruled grid under a header."""
    cells = []
    for r, texts in enumerate([("Nr", "Risk", "R", "Kontroll"), *rows]):
        top = 100.0 + 20 * r
        row: list[GridCell | None] = []
        span = len(COLUMNS) - len(texts)  # one text: across all four columns
        for c, text in enumerate(texts):
            box = BBox(COLUMNS[c], top, COLUMNS[c + span], top + 20)
            words, x = [], COLUMNS[c] + 2
            for piece in text.split():
                words.append(Word(piece, BBox(x, top + 4, x + 5 * len(piece), top + 14)))
                x += 5 * len(piece) + 3
            row.append(GridCell(box, r, c, 1, span, tuple(words)))
        cells.append(tuple(row + [None] * (span - 1)))
    return Grid(1, BBox(0, 100, 480, 100 + 20 * len(cells)), COLUMNS, tuple(cells))


def view_of(rows: Rows) -> TableView:
    """Given body rows' texts, the mapped plan table holding them."""
    return TableView(grid_of(rows), FIELDS, 1, (("Nr",), ("Risk",), ("R",), ("Kontroll",)))


def area_names(rows: Rows) -> dict[int, str]:
    """Given body rows' texts, the areas among them by grid row."""
    return {r: cell.raw for r, cell in numbered_areas(view_of(rows)).items()}


RISK_11 = ("1.1", "Felaktig periodisering", "8", "Kontroll av periodiseringar")
RISK_12 = ("1.2", "Oklara representationskostnader", "3", "Inventering av handkassor")


def test_a_numbered_row_over_risks_numbered_within_it_is_an_area() -> None:
    assert area_names([("1", "Ekonomi", "", ""), RISK_11, RISK_12]) == {1: "Ekonomi"}
    # its number opening its name in the risk cell, the Nr cell left empty
    assert area_names([("", "1 Ekonomi", "", ""), RISK_11]) == {1: "Ekonomi"}
    # a narrow Nr cell's number set apart at its dot ("1. 1")
    assert area_names([("1", "Ekonomi", "", ""), ("1. 1", *RISK_11[1:])]) == {1: "Ekonomi"}


def test_an_area_merged_across_the_table_is_named_without_its_number() -> None:
    # "1 Ekonomi" in one cell across the table over risks numbered "1.1 …" in their titles
    rows: Rows = [("1 Ekonomi",), ("", "1.1 Felaktig periodisering", "8", "Kontroll av attest")]
    assert area_names(rows) == {1: "Ekonomi"}


def test_an_area_closing_its_grid_is_told_by_the_risks_of_the_area_before() -> None:
    # the area's risks go on on the next page: the row before it is of area 1
    rows = [("1", "Ekonomi", "", ""), RISK_11, RISK_12, ("2", "Informationssäkerhet", "", "")]
    assert area_names(rows) == {1: "Ekonomi", 4: "Informationssäkerhet"}


def test_an_area_is_told_past_risk_numbers_a_scan_misread() -> None:
    # plan_numbered_area_rows tune seed 11 scanned: a narrow Nr column read "Mä" for "1.1"
    # and "12" for "1.2"; "1.3" under them is area 1's
    rows = [
        ("", "1 Ekonomi", "", ""),
        ("Mä", *RISK_11[1:]),
        ("12", *RISK_12[1:]),
        ("1.3", "Brister i kassahanteringen", "15", "Kassainventering"),
    ]
    assert area_names(rows) == {1: "Ekonomi"}


def test_a_risk_whose_controls_are_numbered_within_it_is_no_area() -> None:
    # risk 1 without values; "1.1", "1.2" number its controls, no risk cell of their own
    rows = [
        ("1", "Brister i attesten", "", ""),
        ("1.1", "", "", "Stickprov på attester"),
        ("1.2", "", "", "Kontroll av attestlistor"),
    ]
    assert area_names(rows) == {}


def test_risks_numbered_one_level_are_no_areas() -> None:
    rows = [("1", "Brister i attesten", "", ""), ("2", "Felaktiga utbetalningar", "", "")]
    assert area_names(rows) == {}


def test_an_area_row_is_a_heading_row_named_without_its_number() -> None:
    rows = data_rows(view_of([("1", "Ekonomi", "", ""), RISK_11]))
    assert rows[0].area and rows[0].spanning_text is not None
    assert rows[0].spanning_text.raw == "Ekonomi"
    assert not rows[1].area


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Antal risker: 3", True),
        ("Antal risker i området: 3", True),
        ("Summa Kultur och fritid: 3 risker", True),
        ("Summa Ekonomi 3 risker", True),
        ("3 risker", True),
        ("8 kontrollmoment", True),
        ("Antal kontroller: 4", True),
        ("Totalt antal risker: 12", True),
        ("Totalt 12", True),
        ("risker", True),  # "Summa Ekonomiskt bistånd: 3" / "risker" in rows of their own
        ("Åtgärder", False),  # a heading
        ("Kontrollmiljö", False),
        ("Antal elever per lärare över 25", False),
        ("Felaktiga löneutbetalningar", False),
        ("12", False),
    ],
)
def test_a_cell_that_only_counts_rows(text: str, counts: bool) -> None:
    assert is_count_cell(text) is counts


@pytest.mark.parametrize("seed", [0, 3, 9])
def test_areas_as_numbered_rows_are_the_process_and_counts_no_rows(
    tmp_path: Path, seed: int
) -> None:
    # seed 0: "1 Ekonomi" in the risk cell, bold; 3: "1 | Ekonomi" under zebra stripes, each
    # area closed by "2 risker", "Summa risker: 10" ending the table; 9: "Antal risker: 3"
    result, want = tune_run(tmp_path, "plan_numbered_area_rows", seed)
    found = sorted((r["process"], key(r["risk"])) for r in result.risks)
    assert found == sorted((r["process"], key(r["risk"])) for r in want["risks"])
    assert sorted(key(c["control"]) for c in result.controls) == sorted(
        key(c["control"]) for c in want["controls"]
    )
