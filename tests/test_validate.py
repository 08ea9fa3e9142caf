"""Validation flags, scale inference and row confidence, on seed-shaped rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from riskrad.normalize.validate import (
    FLAG_MEANINGS,
    FLAG_NAMES,
    FLAG_PENALTIES,
    SKR_CONSEQUENCE_WORDS,
    SKR_PROBABILITY_WORDS,
    Scale,
    document_scales,
    evaluate_confidence,
    flag_controls,
    flag_risks,
    join_flags,
    mark_wrong_rows,
    parse_scale_value,
    row_confidence,
    scale_of,
    split_flags,
    validate_risk,
    validate_text,
)
from riskrad.views import read_csv_tables

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _cell(text: str) -> str | None:
    return text if text.strip() else None


@pytest.mark.parametrize("case", _rows("validate_cases.csv"), ids=lambda c: c["note"])
def test_validate_risk_cases(case: dict[str, str]) -> None:
    scale = Scale(1, int(case["scale_high"]))
    flags = validate_risk(
        _cell(case["probability"]), _cell(case["consequence"]), _cell(case["risk_value"]), scale
    )
    assert join_flags(flags) == case["flags"]


@pytest.mark.parametrize("case", _rows("scale_values.csv"), ids=lambda c: c["note"])
def test_parse_scale_value(case: dict[str, str]) -> None:
    expected = int(case["expected"]) if case["expected"] else None
    assert parse_scale_value(case["text"]) == expected


@pytest.mark.parametrize("case", _rows("text_flags.csv"), ids=lambda c: c["note"])
def test_validate_text_cases(case: dict[str, str]) -> None:
    assert join_flags(validate_text(case["text"])) == case["flags"]


@pytest.mark.xfail(strict=True, reason="a brand name with a capital inside looks like damage")
def test_brand_names_are_not_damage() -> None:
    assert validate_text("Risk för förlust av iPad-enheter") == ()


def test_words_map_only_through_a_given_word_scale() -> None:
    assert parse_scale_value("Mindre sannolik") is None
    assert parse_scale_value("Mindre sannolik", SKR_PROBABILITY_WORDS) == 2
    assert parse_scale_value("Sannolik", SKR_PROBABILITY_WORDS) == 4
    assert parse_scale_value("Kännbar", SKR_CONSEQUENCE_WORDS) == 3
    assert parse_scale_value("Hög", SKR_CONSEQUENCE_WORDS) is None
    flags = validate_risk(
        "Möjlig", "Allvarlig", 12, Scale(1, 4), SKR_PROBABILITY_WORDS, SKR_CONSEQUENCE_WORDS
    )
    assert flags == ()


@pytest.mark.parametrize(
    ("values", "risk_values", "headers", "high", "source"),
    [
        ([2, 3, 1, 3, 3, 4, 4, 3], [6, 3, 12, 12], [], 4, "values"),  # seed 003
        ([], [9, 9, 8, 8, 8, 9], [], 4, "values"),  # seed 000: 8 = 2*4, 9 = 3*3
        ([], [10, 15, 20], [], 5, "values"),  # no 1-4 products
        ([2, 3, 5], [6, 15], [], 5, "values"),
        ([2, 3, 9], [6], [], 4, "values"),  # 9 is an outlier, not a 1-9 scale
        ([2, 3], [6], ["Sannolikhet (1-5)"], 5, "header"),
        ([], [], ["Konsekvens, skala 1–4"], 4, "header"),
        ([], [], [], 4, "default"),
    ],
)
def test_scale_of(
    values: list[int], risk_values: list[int], headers: list[str], high: int, source: str
) -> None:
    scale = scale_of(values, risk_values, headers)
    assert (scale.low, scale.high, scale.source) == (1, high, source)


def test_scale_rejects_bad_settings() -> None:
    with pytest.raises(ValueError, match="high=1"):
        Scale(1, 1)
    with pytest.raises(ValueError, match="'times'"):
        Scale(1, 4, "times")  # type: ignore[arg-type]


def test_every_flag_is_documented() -> None:
    assert set(FLAG_NAMES) == set(FLAG_MEANINGS) == set(FLAG_PENALTIES)
    import riskrad.normalize.validate as module

    for name in FLAG_NAMES:
        assert f"``{name}``" in (module.__doc__ or "")


def test_flags_text_round_trip() -> None:
    text = join_flags(["value_mismatch", "non_numeric", "value_mismatch"])
    assert text == "non_numeric;value_mismatch"
    assert split_flags(text) == ("non_numeric", "value_mismatch")
    assert split_flags(None) == () == split_flags(float("nan")) == split_flags("")


def test_row_confidence_formula() -> None:
    assert row_confidence(1.0, 0.0, ()) == 1.0
    assert row_confidence(0.8, 0.0, ()) == 0.8
    assert row_confidence(1.0, 0.4, ()) == pytest.approx(0.8)
    assert row_confidence(0.9, 0.2, ("value_mismatch",)) == pytest.approx(0.9 * 0.9 * 0.4)
    assert row_confidence(1.0, 0.0, ("value_mismatch", "value_mismatch")) == 0.4
    assert row_confidence(1.7, -1.0, ()) == 1.0
    assert 0.0 <= row_confidence(0.1, 1.0, FLAG_NAMES) < 0.01


def test_frames_flags_on_seed_rows() -> None:
    _, risks, controls = read_csv_tables(DATA / "frames")
    flags = flag_risks(risks)
    flagged = dict(zip(risks.loc[flags != "", "risk"], flags[flags != ""], strict=True))
    assert flagged == {
        "Risk för att tagna beslut inte verkställs": "value_mismatch",
        "Risk att medarbetare tar mutor eller bestickning vid upphandling": "impossible_value",
    }
    assert (flag_controls(controls) == "").all()
    scales = document_scales(risks)
    assert scales["a20cc69f81c2330a"] == Scale(1, 4, "product", "values")


# OCR digit confusions of the kind English-model OCR makes on table cells.
CONFUSIONS = {"3": "8", "8": "3", "6": "5", "2": "7", "4": "9", "1": "7", "9": "4", "12": "72"}


def _damage(risks: pd.DataFrame, every: int) -> tuple[pd.DataFrame, pd.Series]:
    """Misread one value cell in every ``every``-th row, cycling S, K, R."""
    damaged = risks.copy().astype(
        {"probability": object, "consequence": object, "risk_value": object}
    )
    truth = pd.Series(False, index=risks.index)
    for n, index in enumerate(risks.index):
        if n % every:
            continue
        column = ("probability", "consequence", "risk_value")[(n // every) % 3]
        text = str(damaged.at[index, column])
        misread = CONFUSIONS.get(text)
        if misread is None:
            continue
        damaged.at[index, column] = misread
        truth[index] = True
    return damaged, truth


def test_low_confidence_finds_misread_values() -> None:
    _, risks, _ = read_csv_tables(DATA / "frames")
    kalmar = risks[risks["document_id"] == "a20cc69f81c2330a"].reset_index(drop=True)
    damaged, truth = _damage(kalmar, every=3)
    expected = kalmar.assign(document_id="a20cc69f81c2330a")
    wrong = mark_wrong_rows(damaged, expected)
    assert wrong.tolist() == truth.tolist()
    scale = Scale(1, 4)
    confidence = [
        row_confidence(0.9, 0.0, validate_risk(r.probability, r.consequence, r.risk_value, scale))
        for r in damaged.itertuples(index=False)
    ]
    result = evaluate_confidence(confidence, wrong.tolist(), threshold=0.6)
    print(result)
    assert result.wrong == 14
    assert result.precision == 1.0
    assert result.recall == 1.0
    assert result.auc == 1.0


def test_evaluate_confidence_checks_its_input() -> None:
    with pytest.raises(ValueError, match="2 rows"):
        evaluate_confidence([0.1, 0.2], [True], 0.5)
    with pytest.raises(ValueError, match=r"1\.5"):
        evaluate_confidence([0.1], [True], 1.5)
