"""A risk value shown only as its cell's colour, a legend giving the colours' levels, and a
register of inherent and residual risk (the inherent one assessed): generated documents of
held-out round 18's families at tune seeds, read as the generator's records say."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import text_key as key
from conftest import tune_run


@pytest.mark.parametrize(
    ("family", "seed"), [("memo_register_colour", 1), ("word_plan_colour_level", 0)]
)
def test_a_colour_only_risk_value_takes_the_level_its_legend_gives(
    tmp_path: Path, family: str, seed: int
) -> None:
    result, want = tune_run(tmp_path, family, seed)
    got = {key(r["risk"]): r["risk_level"] for r in result.risks}
    expected = {key(r["risk"]): r["risk_level"] for r in want["risks"]}
    assert expected and all(level is not None for level in expected.values())
    assert got == expected


def test_beside_residual_risk_the_inherent_values_are_the_assessment(tmp_path: Path) -> None:
    result, want = tune_run(tmp_path, "excel_risk_register", 3)
    fields = ("probability", "consequence", "risk_value")
    got = {key(r["risk"]): tuple(r[f] for f in fields) for r in result.risks}
    expected = {key(r["risk"]): tuple(r[f] for f in fields) for r in want["risks"]}
    assert expected and got == expected


@pytest.mark.parametrize("seed", [4, 6])
def test_a_risk_value_written_as_a_colour_word_takes_the_level_its_legend_gives(
    tmp_path: Path, seed: int
) -> None:
    """Held-out round 29's plan_traffic_words: the risk value column ("Riskfärg",
    "Riskbedömning") holds only "Grön", "Gul", "Orange" or "Röd"; a wrapped sentence on an
    earlier page says "grön = låg risk (riskvärde 1–4); gul = medel risk …"."""
    result, want = tune_run(tmp_path, "plan_traffic_words", seed)
    got = {key(r["risk"]): r["risk_level"] for r in result.risks}
    expected = {key(r["risk"]): r["risk_level"] for r in want["risks"]}
    assert expected and all(level is not None for level in expected.values())
    assert got == expected
