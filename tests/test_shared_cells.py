"""Two fields or more in one cell of a plan: the cell splits into the fields its header or
its lines' labels name.

Real documents: ``corpus/layoutgen`` round 33's families (Word templates held out blind):
plan_assessment_cell (a risk's whole assessment in one "Riskbedömning" / "Bedömning" /
"Riskvärdering" cell: "Sannolikhet: 3" / "Konsekvens: 4" / "Riskvärde: 12" as lines,
"S = 3" / "K = 4" / "RV = 12", or "S=3 K=4 R=12" on one line), worked on through its
tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import text_key as key
from conftest import tune_run

from riskrad.model import column_content
from riskrad.model import vocabulary as vocab


def assessed(rows: list[dict[str, Any]]) -> list[tuple[str, Any, Any, Any]]:
    return sorted(
        (key(r["risk"]), r["probability"], r["consequence"], r["risk_value"]) for r in rows
    )


@pytest.mark.parametrize(
    "seed",
    [
        0,  # "Bedömning" (a label the vocabulary does not know) over "S = 2" / "K = 2" /
        #     "RV = 4": no value was read
        2,  # "Riskvärdering" over "Sannolikhet: 2" / "Konsekvens: 3" / "Riskvärde: 6": the
        #     cell was read as the risk's description
        4,  # "Riskbedömning" (the risk's value) over "S=3 K=4 R=12": no value was read
    ],
)
def test_a_risks_assessment_in_one_cell_gives_its_s_k_and_r(tmp_path: Path, seed: int) -> None:
    result, want = tune_run(tmp_path, "plan_assessment_cell", seed)
    assert assessed(result.risks) == assessed(want["risks"])
    assert all(not r["description"] for r in result.risks if "=" in (r["description"] or ""))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Sannolikhet: 2\nKonsekvens: 3\nRiskvärde:\n6",
         (("probability", 2), ("consequence", 3), ("risk_value", 6))),
        ("S = 2\nK = 2\nRV = 4", (("probability", 2), ("consequence", 2), ("risk_value", 4))),
        ("S=3 K=4 R=12", (("probability", 3), ("consequence", 4), ("risk_value", 12))),
        ("K 4, S 3", (("consequence", 4), ("probability", 3))),
        ("S=3", ()),  # one value: the column's own
        ("S=3 S=4", ()),  # a field twice
        ("3/4", ()),
        ("Möjlig (3)", ()),
        ("Kontroll 2, Ansvar 3", ()),  # labels of no value
        ("Granskning av 25 ärenden", ()),
    ],
)
def test_values_under_their_labels(text: str, values: tuple[tuple[str, int], ...]) -> None:
    assert vocab.labelled_values(text) == values


def test_a_cell_of_labelled_values_is_an_assessment() -> None:
    assert column_content.cell_kind("S = 2\nK = 2\nRV = 4") == "assessment"
    assert column_content.cell_kind("3") == "value"
