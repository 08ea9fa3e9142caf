"""Header labels and cells in the forms documents write them: abbreviated ("Sannol.",
"Kontr.ansv."), S and K in one cell under "S/K", values centred under labels packed in
one header cell, footnote marks on values (round 10's tune seeds, after its report seeds
were measured once)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_one, tune_run
from conftest import text_key as key

from riskrad.extract.recognize.values import sk_pair
from riskrad.pipeline import RunResult

DATA = Path(__file__).parent / "data" / "libreoffice"


def values_by_risk(result: RunResult) -> dict[str, tuple[Any, ...]]:
    """Given a run, each risk's S, K and R by its title (compared without spaces)."""
    return {
        key(r["risk"]): (r["probability"], r["consequence"], r["risk_value"])
        for r in result.risks
    }


def wanted_values(want: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Given the generator's expected rows, each risk's S, K and R by its title."""
    return {
        key(r["risk"]): (r["probability"], r["consequence"], r["risk_value"])
        for r in want["risks"]
    }


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("3/4", (3, 4)),
        ("3 / 4", (3, 4)),
        ("S3 K4", (3, 4)),
        ("S: 2, K: 5", (2, 5)),
        ("3×4=12", (3, 4)),
        ("12", None),  # one number under "S/K" is the risk value
        ("2024/25", None),
        ("3/4*", (3, 4)),  # a footnote mark after the pair
        ("3/4 (12)", (3, 4)),  # the product after it
        ("3 / 4 = 12", (3, 4)),
        ("3, 4", (3, 4)),
        ("3,5", None),  # a decimal
        ("12/11", None),  # no steps of a scale
        ("0/4", None),
    ],
)
def test_a_cell_naming_s_and_k_together_gives_both(text: str, pair: tuple[int, int] | None) -> None:
    assert sk_pair(text) == pair


def test_abbreviated_labels_name_their_columns(tmp_path: Path) -> None:
    # excel_abbrev_right tune seed 1 (reportlab): "Omr. | Risk | Sann. | Konsekv. | RV |
    # Kontrollakt. | Ansv. tjp. | Periodic. | Utfall | Komm. | Åtgärd"; no label but
    # "Risk" was named, so nothing was read, with status ok. On page 2 the repeated header
    # has no line under it and the rest of a row runs into its cells ("Komm. spridas …")
    result, want = tune_run(tmp_path, "excel_abbrev_right", 1)
    assert values_by_risk(result) == wanted_values(want)
    comments = sorted(key(c["comment"] or "") for c in result.controls)
    assert comments == sorted(key(c["comment"] or "") for c in want["controls"])


def test_s_and_k_in_one_cell_under_a_slashed_label(tmp_path: Path) -> None:
    # export_sk_pair_upper tune seed 3 (reportlab): "S / K" over cells "S3 K4"; the label
    # was split at "/" where the centred values start and K read as "S3 K4"
    result, want = tune_run(tmp_path, "export_sk_pair_upper", 3)
    assert values_by_risk(result) == wanted_values(want)


def test_values_centred_under_labels_packed_in_one_cell_split_them(tmp_path: Path) -> None:
    # export_sk_pair_upper tune seed 6 (LibreOffice): "SANNOLIKHET/KONSEKVENS RISKNIVÅ" in
    # one header cell over "S1 K3" and "3", each centred in its column: no body text starts
    # where "RISKNIVÅ" does, so the two stayed one column
    want = json.loads((DATA / "sk_pair_centred_6.expected.json").read_text(encoding="utf-8"))
    result = run_one(tmp_path, DATA / "sk_pair_centred_6.pdf")
    assert values_by_risk(result) == wanted_values(want)


def test_a_footnote_mark_is_left_out_of_the_value_and_recorded(tmp_path: Path) -> None:
    # report_items_footnotes tune seed 0 (reportlab): "Löpande*" with "* …" under the table
    result, want = tune_run(tmp_path, "report_items_footnotes", 0)
    frequencies = sorted(c["frequency"] or "" for c in result.controls)
    assert frequencies == sorted(c["frequency"] or "" for c in want["controls"])
    assert any(r["repair"] == "footnote_mark" for r in result.repairs)
