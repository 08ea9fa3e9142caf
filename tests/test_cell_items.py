"""Lists inside a cell (extract/recognize/items.py): which cells are lists of controls.

Cases are (cell text, expected items); a cell that is not a list comes back whole.
"""

from __future__ import annotations

import pytest

from riskrad.extract.recognize.items import continued_items, split_items, split_row_items
from riskrad.model.records import Cell

LISTS = [
    (
        "• Stickprov på fakturor\n• Avstämning av avtal",
        ["Stickprov på fakturor", "Avstämning av avtal"],
    ),
    ("- Kontroll av\nattestlistor\n- Uppföljning", ["Kontroll av\nattestlistor", "Uppföljning"]),
    ("– Ett\n– Två\n– Tre", ["Ett", "Två", "Tre"]),
    (
        "1. Kontroll av loggar\n2. Uppföljning av\nincidenter",
        ["Kontroll av loggar", "Uppföljning av\nincidenter"],
    ),
    ("1) Ett\n2) Två", ["Ett", "Två"]),
    ("• Avstämning av konton", ["Avstämning av konton"]),  # a lone glyph item loses its mark
]
NOT_LISTS = [
    "Kontroll av att:\n- attest sker\n- avtal finns",  # a lead-in: one control whose text lists
    "Avstämning av konton\nmot huvudboken",
    "1. Attestkontroll",  # a lone number may be the control's own
    "2. Kontroll\n3. Uppföljning",  # not counted from 1
    "2024-01-31 avstämning",
    "-5 % avvikelse mot budget",
]


@pytest.mark.parametrize(("raw", "want"), LISTS)
def test_a_cell_listing_items_gives_one_cell_per_item(raw: str, want: list[str]) -> None:
    assert [c.raw for c in split_items(Cell(raw, 1))] == want


@pytest.mark.parametrize("raw", NOT_LISTS)
def test_a_cell_that_is_not_a_list_stays_whole(raw: str) -> None:
    cell = Cell(raw, 1)
    assert split_items(cell) == [cell]


def test_mixed_marks_count_only_the_first_kind() -> None:
    items = split_items(Cell("• Kontroll av:\n- attest\n- avtal\n• Uppföljning", 1))
    assert [c.raw for c in items] == ["Kontroll av:\n- attest\n- avtal", "Uppföljning"]


def test_other_cells_are_shared_unless_they_list_as_many_items() -> None:
    cells = {
        "control": Cell("• A\n• B", 1),
        "responsible": Cell("Ekonomichef", 1),
        "frequency": Cell("• Månadsvis\n• Årligen", 1),
    }
    rows = split_row_items(cells)
    assert [(r["control"].raw, r["responsible"].raw, r["frequency"].raw) for r in rows] == [
        ("A", "Ekonomichef", "Månadsvis"),
        ("B", "Ekonomichef", "Årligen"),
    ]


def test_the_rest_of_a_list_after_a_page_break_ends_an_item_and_goes_on() -> None:
    head, items = continued_items(Cell("verkställs\n• Kontroll av larm\n• Utredningstider", 2), "•")
    assert head is not None and head.raw == "verkställs"
    assert [c.raw for c in items] == ["Kontroll av larm", "Utredningstider"]
