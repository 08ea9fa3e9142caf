"""Crowded tables: a follow-up of 12-15 columns on a portrait page, no lines, words broken
inside narrow cells ("Lönehandl" / "äggare", "Åtgärd/kon" / "troll").

Real documents: ``corpus/layoutgen`` family unruled_follow_up_words, a held-out family
whose *tune* seeds were worked on (its report seeds stay unseen). The LibreOffice render
is kept as a PDF (``tests/data/libreoffice/crowded_follow_up_2``, tune seed 2, with the
generator's expected rows) because LibreOffice is not installed by ``make test``; the
reportlab render is built here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_one, tune_run
from conftest import text_key as key

from riskrad.pipeline import RunResult

DATA = Path(__file__).parent / "data" / "libreoffice"


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, dict[str, Any]]:
    """The kept LibreOffice render read by riskrad, and its expected rows."""
    tmp = tmp_path_factory.mktemp("crowded")
    want = json.loads((DATA / "crowded_follow_up_2.expected.json").read_text(encoding="utf-8"))
    return run_one(tmp, DATA / "crowded_follow_up_2.pdf"), want


def test_a_row_a_page_break_splits_is_one_row(kept: tuple[RunResult, dict[str, Any]]) -> None:
    # page 1 ends with the first line of risk 3 ("Felaktig", "Ofta", "Mycket", "3×4", "Måna");
    # page 2 goes on without a header ("hantering av", "allvarlig", "=12", "dsvis"): its
    # values open in small letters or with "=", so they end the cells above the break
    result, _ = kept
    risk = next(r for r in result.risks if r["risk"].startswith("Felaktig"))
    assert risk["risk"] == "Felaktig hantering av skolskjuts"
    assert (risk["probability"], risk["consequence"], risk["risk_value"]) == (3, 4, 12)
    control = next(c for c in result.controls if "kränkande" in c["control"])
    assert control["control"] == "Kontroll av anmälningar om kränkande behandling"
    assert control["frequency"] == "Månadsvis"  # "Måna" / "dsvis" over the break: one word
    assert control["responsible"] == "Nämndsekreterare"


def test_a_number_ending_a_line_of_text_does_not_start_a_row(
    kept: tuple[RunResult, dict[str, Any]],
) -> None:
    # "Samtliga" / "20" / "kontrollerade": the number ends a line of the result's text,
    # so the next line wraps on (risk 4 was cut in two at that line: "det stöd de ...")
    result, want = kept
    assert sorted(r["risk"] for r in result.risks) == sorted(r["risk"] for r in want["risks"])
    assert len(result.controls) == len(want["controls"])


def test_a_header_label_broken_at_its_columns_edge_names_its_field(tmp_path: Path) -> None:
    # "Åtgärd/kon" / "troll" (and "Åtgärd/k" / "ontroll" on page 2) name the control, not
    # an action; "Beskrivn" / "ing" the description: the header's cells know where their
    # column's text ends, so the label broken there is made whole
    result, want = tune_run(tmp_path, "unruled_follow_up_words", 4)
    assert sorted(key(c["control"]) for c in result.controls) == sorted(
        key(c["control"]) for c in want["controls"]
    )
    assert all(c["action"] is None for c in result.controls)
    assert all(r["description"] for r in result.risks)


def test_a_number_too_wide_for_its_cell_stays_in_its_row(tmp_path: Path) -> None:
    # report_follow_up tune seed 18: a risk value "12" set as "1" / "2" in a narrow column
    # beside text going on in small letters ("Risk 2" / "tionskostnader"): one row, one
    # number (the row was cut in two after the "1": risks "Oklara representa" and
    # "tionskostnader", risk values 1 and 2)
    result, want = tune_run(tmp_path, "report_follow_up", 18)
    got = {key(r["risk"]): r["risk_value"] for r in result.risks}
    assert got == {key(r["risk"]): r["risk_value"] for r in want["risks"]}


def test_a_part_on_tab_stops_set_close_continues_its_table(tmp_path: Path) -> None:
    # word_tab_stops tune seed 7: page 2 goes on without a header, its tab stops a few
    # points from page 1's; S and K set so close that "Ofta (3)   Mycket" is one run of
    # words, so the K column's start is found at the word after the gap wider than a space
    result, want = tune_run(tmp_path, "word_tab_stops", 7)
    got = {key(r["risk"]): (r["probability"], r["consequence"]) for r in result.risks}
    assert got == {key(r["risk"]): (r["probability"], r["consequence"]) for r in want["risks"]}
