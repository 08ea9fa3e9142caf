"""A control's own responsible and frequency written after its text in its cell.

Real documents: ``corpus/layoutgen`` family plan_bracketed_items (a Word plan with one row
per risk whose one wide cell lists the risk's controls as items, each followed by its own
responsible and frequency, "X (Ekonomichef, Månadsvis)", "X – Ekonomichef, Månadsvis" or
"X [Ansvarig: … Frekvens: …]", under "Kontrollmoment (ansvarig, frekvens)", "Kontroller –
ansvarig och frekvens" or "Internkontroll"; no Ansvarig or Frekvens column), held out in
round 29 and worked on through its tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import stored_run, tune_run
from conftest import text_key as key

from riskrad.extract.recognize.item_parts import trailing_parts
from riskrad.extract.recognize.items import continued_items, split_items
from riskrad.extract.tableview import ends_cell_above, goes_on_listing
from riskrad.model import vocabulary as vocab
from riskrad.model.records import Cell


def controls(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted(
        (key(c["control"]), key(c["responsible"]), key(c["frequency"])) for c in rows
    )


@pytest.mark.parametrize(
    "seed",
    [
        2,  # "Internkontroll" over "– X [Ansvarig: Y. Frekvens: Z]": no control was read
        5,  # "Kontroller – ansvarig och frekvens" over "1. X – Y, Z": no control was read
        7,  # "• X (Y, Z)": the brackets were left in the control's text
        37,  # "– X – Y, Z" broken at the dash: "– Y, Z" read as a control of its own; a page
        #      break after "– Y," left "Z" an area's heading row
        47,  # "– X – Y, Z" broken at the dash
    ],
)
def test_each_item_gives_its_control_with_its_own_responsible_and_frequency(
    tmp_path: Path, seed: int
) -> None:
    result, want = tune_run(tmp_path, "plan_bracketed_items", seed)
    assert controls(result.controls) == controls(want["controls"])


@pytest.mark.parametrize(
    "name",
    [
        "bracket_over_break_2",  # a page break inside "[Ansvarig: … Frekvens:" / "Löpande]":
        #                          the rest was read as an area's heading row
        "numbered_items_over_break_9",  # the list going on "2. …" / "3. …" after the break:
        #                                 its items were lost
    ],
)
def test_a_listing_cell_cut_by_a_page_break_gives_all_its_controls(
    tmp_path: Path, name: str
) -> None:
    # plan_bracketed_items tune seeds 2 and 9, LibreOffice, kept in tests/data
    result, want = stored_run(tmp_path, name)
    assert controls(result.controls) == controls(want["controls"])
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )


def test_a_header_naming_several_fields_names_the_control_column_and_their_order() -> None:
    both = ("control", "responsible", "frequency")
    assert vocab.listed_fields("Kontrollmoment (ansvarig, frekvens)") == both
    assert vocab.listed_fields("Kontroller – ansvarig och frekvens") == both
    assert vocab.listed_fields("Kontroll-\nmoment (frekvens,\nansvarig)") == (
        "control", "frequency", "responsible"
    )
    assert vocab.classify_header("Kontroller – ansvarig och frekvens") == "control"
    assert vocab.classify_header("Internkontroll") == "control"
    for text in ("Kontrollmoment", "Åtgärd/kontroll", "Sannolikhet (1-5)", "Risk och konsekvens",
                 "Kontroll och uppföljning"):
        assert vocab.listed_fields(text) == ()


ORDER = ("responsible", "frequency")
SPLIT = [
    ("Kontroll av X (Ekonomichef, Månadsvis)", (), "Kontroll av X",
     [("responsible", "Ekonomichef"), ("frequency", "Månadsvis")]),
    ("Kontroll av X – HR-chef, Två gånger per år", (), "Kontroll av X",
     [("responsible", "HR-chef"), ("frequency", "Två gånger per år")]),
    ("Kontroll av X [Ansvarig: Rektor. Frekvens: Vid delårsbokslut]", (), "Kontroll av X",
     [("responsible", "Rektor"), ("frequency", "Vid delårsbokslut")]),
    ("Kontroll av X (Månadsvis, Controller)", ORDER, "Kontroll av X",  # the words tell
     [("frequency", "Månadsvis"), ("responsible", "Controller")]),
    ("Kontroll av X (Kalle Ek, per kvartal)", ORDER, "Kontroll av X",  # the header's order
     [("responsible", "Kalle Ek"), ("frequency", "per kvartal")]),
    ("Avstämning (löpande)", (), "Avstämning", [("frequency", "löpande")]),
]
WHOLE = [
    ("Kontroll av X (enligt rutin)", ORDER),  # a bracket of the control's own
    ("Kontroll av attest – stickprov", ORDER),  # a dash going on with the control's text
    ("Kontroll av X (Kalle Ek, per kvartal)", ()),  # a name no word tells without a header
    ("Uppföljning av avtal (LOU)", ()),
    ("Kontroll av X [Ansvarig: Rektor. Status: klar]", ()),  # a label of no item field
]


@pytest.mark.parametrize(("text", "order", "rest", "found"), SPLIT)
def test_a_trailing_part_is_split_into_the_fields_it_names(
    text: str, order: tuple[str, ...], rest: str, found: list[tuple[str, str]]
) -> None:
    assert trailing_parts(text, order) == (rest, found)


@pytest.mark.parametrize(("text", "order"), WHOLE)
def test_a_trailing_part_naming_no_field_stays_in_the_text(
    text: str, order: tuple[str, ...]
) -> None:
    assert trailing_parts(text, order) is None


def test_a_cut_cell_goes_on_after_a_page_break() -> None:
    above = "• Kontroll av A [Ansvarig: Registrator. Frekvens:"
    rest = "Löpande]\n• Kontroll av B [Ansvarig: X. Frekvens: Årligen]"
    assert ends_cell_above(rest, "control", above)
    assert not ends_cell_above("Löpande]", "control", "• Kontroll av A [Ansvarig: X]")
    assert ends_cell_above("Halvårsvis", "control", "– Kontroll av A – Registrator,")
    assert not ends_cell_above("Halvårsvis", "control", "– Kontroll av A – Registrator")
    assert goes_on_listing(rest, "•")
    assert not goes_on_listing(rest, "–")
    head, items = continued_items(Cell("Halvårsvis)\n2. Kontroll av B\n3. Granskning av C", 2),
                                  "n.")
    assert head is not None and head.raw == "Halvårsvis)"
    assert [c.raw for c in items] == ["Kontroll av B", "Granskning av C"]


def test_a_dash_line_naming_only_a_responsible_and_a_frequency_ends_the_item_above() -> None:
    cell = Cell("– Kontroll av loggar\n– Registrator, Kvartalsvis\n– Kontroll av X – Rektor, "
                "Årligen\n– Årlig inventering", 1)
    assert [c.raw for c in split_items(cell)] == [
        "Kontroll av loggar\n– Registrator, Kvartalsvis",
        "Kontroll av X – Rektor, Årligen",
        "Årlig inventering",  # one word of time is a control's own text
    ]
    head, items = continued_items(Cell("– Registrator, Kvartalsvis\n– Kontroll av X", 2), "–")
    assert head is not None and head.raw == "– Registrator, Kvartalsvis"
    assert [c.raw for c in items] == ["Kontroll av X"]
