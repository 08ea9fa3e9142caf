"""A sheet printed in strips, a scale's legend before the risks, columns asked as questions.

Round 14's tune seeds (corpus/layoutgen families excel_print_strips and plain_language_plan,
held out; their report seeds were measured once before this work): reportlab renders built
here by ``conftest.tune_run``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import text_key as key
from conftest import tune_run

from riskrad.pipeline import RunResult


def links(result: RunResult) -> list[tuple[str, str]]:
    """Given a run, each control with the title of its risk, compared without spaces."""
    titles = {r["risk_id"]: r["risk"] for r in result.risks}
    return sorted((key(c["control"]), key(titles.get(c["risk_id"]))) for c in result.controls)


def wanted_links(want: dict[str, Any]) -> list[tuple[str, str]]:
    """Given the generator's expected rows, each control with its risk's title."""
    risks = want["risks"]
    return sorted(
        (key(c["control"]), key(risks[c["risk_index"]]["risk"])) for c in want["controls"]
    )


def test_a_sheets_control_strip_names_its_risks_by_number_under_area_rows(tmp_path: Path) -> None:
    # seed 5: the risk strip (Nr | Risk | … | S | K | R) on page 1, the control strip
    # (Nr | Kontroll … ) on page 2 with the same area rows; the area rows were risks, the
    # controls went to them, and the control strip continued the risk strip's table
    result, want = tune_run(tmp_path, "excel_print_strips", 5)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    assert links(result) == wanted_links(want)


def test_a_risk_repeated_once_per_control_row_in_the_risk_strip_is_one_risk(tmp_path: Path) -> None:
    # seed 2: the risk strip repeats "R1 Brister i brandskyddet" on each of its control rows
    result, want = tune_run(tmp_path, "excel_print_strips", 2)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    assert links(result) == wanted_links(want)


def test_a_scales_legend_is_no_risk_and_question_labels_name_their_columns(tmp_path: Path) -> None:
    # seed 0: "Bedömningskriterier" (Värde | Sannolikhet | Konsekvens, each step in words)
    # was read as a risk; "Hur gör vi?" and "Vem gör det?" named nothing
    result, want = tune_run(tmp_path, "plain_language_plan", 0)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )
    got = sorted(
        (key(c["control"]), key(c["method"]), key(c["responsible"])) for c in result.controls
    )
    assert got == sorted(
        (key(c["control"]), key(c["method"]), key(c["responsible"])) for c in want["controls"]
    )
