"""Tables nested in a cell, sum rows, areas continued after a break, key-value blocks.

Real documents: ``corpus/layoutgen`` families word_nested_control_tables (a Word plan whose
every risk row holds its controls as a small table in its last cell, sized to its own
text, its labels over each or once in the outer header; held out in round 21),
excel_register_totals ("Summa Ekonomi: 3 risker", "Totalt" rows with means), word_plan_continued
("Ekonomi (forts.)" after a page break) and memo_landscape_bilaga (round 23), and
report_two_column_blocks (bold labels, wrapped bold risk names; round 21), worked on through
their tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import text_key as key
from conftest import tune_run

from riskrad.extract.inner_columns import cuts_near
from riskrad.extract.nested import Span, realigned

CONTROL_FIELDS = ("responsible", "frequency")


def found_controls(risks: list[dict[str, Any]], controls: list[dict[str, Any]]) -> set[Any]:
    """Given riskrad's risks and controls, each control as (risk, control, responsible,
    frequency)."""
    names = {r["risk_id"]: key(r["risk"]) for r in risks}
    return {
        (names.get(c["risk_id"], ""), key(c["control"]), *(key(c[f]) for f in CONTROL_FIELDS))
        for c in controls
    }


def wanted_controls(want: dict[str, Any]) -> set[Any]:
    """Given the generator's expectation, each control as :func:`found_controls` gives it."""
    names = [key(r["risk"]) for r in want["risks"]]
    return {
        (names[c["risk_index"]], key(c["control"]), *(key(c[f]) for f in CONTROL_FIELDS))
        for c in want["controls"]
    }


@pytest.mark.parametrize("seed", [20, 21, 25, 26, 28, 30, 35, 41])
def test_a_table_nested_in_each_risk_row_gives_its_controls(tmp_path: Path, seed: int) -> None:
    # 20: the inner labels over each inner table; 21: the same, each inner table sized to
    # its own text (its column bounds differ row to row); 25: the labels once in the outer
    # header, the inner tables sized to their text; 26, 28: inner tables without lines in
    # a ruled outer table (their columns and rows found from their text's gaps); 30: the
    # group label cut into pieces by the nested columns over their labels; 35: the nested
    # labels stated once, a label's cell 13 points off its column; 41: "N R" spaced
    result, want = tune_run(tmp_path, "word_nested_control_tables", seed)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    assert found_controls(result.risks, result.controls) == wanted_controls(want)
    values = ("probability", "consequence", "risk_value")  # "Risk" beside "Risker": R
    assert {key(r["risk"]): tuple(r[v] for v in values) for r in result.risks} == {
        key(r["risk"]): tuple(r[v] for v in values) for r in want["risks"]
    }


def test_a_band_whose_rows_part_it_differently_gets_one_set_of_columns() -> None:
    # outer bounds 0, 100, 300; rows 1-2 part the band 100-300 into three cells at
    # different places (bounds 150/160 and 250/240), row 0 spans it whole
    xs = (0.0, 100.0, 150.0, 160.0, 240.0, 250.0, 300.0)
    spans = [
        Span(0, 1, 0, 1, 0.0, 100.0), Span(1, 6, 0, 1, 100.0, 300.0),
        Span(0, 1, 1, 3, 0.0, 100.0),
        Span(1, 2, 1, 2, 100.0, 150.0), Span(2, 5, 1, 2, 150.0, 250.0),
        Span(5, 6, 1, 2, 250.0, 300.0),
        Span(1, 3, 2, 3, 100.0, 160.0), Span(3, 4, 2, 3, 160.0, 240.0),
        Span(4, 6, 2, 3, 240.0, 300.0),
    ]  # fmt: skip
    bounds, columns = realigned(spans, xs, 3)
    assert bounds == (0.0, 100.0, 155.0, 245.0, 300.0)
    assert columns == [(0, 1), (1, 4), (0, 1), (1, 2), (2, 3), (3, 4), (1, 2), (2, 3), (3, 4)]


def test_a_table_whose_rows_agree_keeps_its_columns() -> None:
    xs = (0.0, 100.0, 200.0, 300.0)
    spans = [Span(c, c + 1, r, r + 1, xs[c], xs[c + 1]) for r in range(3) for c in range(3)]
    assert realigned(spans, xs, 3) == (xs, [(s.col, s.col_end) for s in spans])


def test_sum_rows_are_no_risks_or_controls(tmp_path: Path) -> None:
    # "Summa Personal och arbetsmiljö | 2 risker | 2,0 | 3,0 | 5,0 | 3 kontroller", the
    # label run on into the next column in a sheet without lines; "Totalt: 4 risker"
    result, want = tune_run(tmp_path, "excel_register_totals", 5)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    assert len(result.controls) == len(want["controls"])


def test_an_area_continued_after_a_break_keeps_its_name(tmp_path: Path) -> None:
    result, want = tune_run(tmp_path, "word_plan_continued", 0)
    processes = {key(r["risk"]): r["process"] for r in result.risks}
    assert processes == {key(r["risk"]): r["process"] for r in want["risks"]}
    assert any(r["repair"] == "continued_mark" for r in result.repairs)


@pytest.mark.parametrize("seed", [21, 25])
def test_bold_labels_and_wrapped_bold_names_in_key_value_blocks(
    tmp_path: Path, seed: int
) -> None:
    # "**Metod:** …" after a value wrapped over lines starts its own line; "**Så görs
    # kontrollen:**" is the method; a bold risk name wrapped over two lines is one name
    result, want = tune_run(tmp_path, "report_two_column_blocks", seed)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    methods = sorted(key(c["method"]) for c in result.controls)
    assert methods == sorted(key(c.get("method")) for c in want["controls"])


def test_a_cell_whose_text_runs_close_to_the_next_nested_column_is_parted_there() -> None:
    # the nested table's bounds from its other cells at 200 and 300; this cell's text left a
    # space of 2 points at 199-201 ("utlämnande av" / "Genomgång") and a wide one at 290-310
    runs = [(120.0, 124.0), (199.0, 201.0), (290.0, 310.0)]
    assert cuts_near(runs, (200.0, 300.0)) == (200.0, 300.0)
    assert cuts_near([(120.0, 124.0), (290.0, 310.0)], (200.0, 300.0)) is None  # none at 200

