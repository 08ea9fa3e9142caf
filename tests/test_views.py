"""The auditor's and analyst's views over contract frames (seed-shaped fixture)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from riskrad.model.schema import arrow_schema
from riskrad.normalize.validate import Scale, flag_controls, flag_risks
from riskrad.views import (
    CHANGES,
    REVIEW,
    RISK_CHANGES,
    classify_change,
    matrix_counts,
    municipality_totals,
    read_csv_tables,
    review_list,
    risk_changes,
    risk_colour,
)

FRAMES = Path(__file__).parent / "data" / "frames"
K20, K21 = "a20cc69f81c2330a", "5e1f0a4c2b7d9e31"


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return read_csv_tables(FRAMES)


def test_risk_changes_kalmar_two_years(
    tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    documents, risks, _ = tables
    changes = risk_changes(risks, documents)
    assert list(changes.columns) == [c.name for c in RISK_CHANGES]
    kalmar = changes[changes["municipality_code"] == "0880"]
    assert set(kalmar["year_from"]) == {2020} and set(kalmar["year_to"]) == {2021}
    counts = kalmar["change"].value_counts().to_dict()
    assert counts == {"unchanged": 35, "new": 2, "removed": 2, "value_up": 2, "value_down": 2}
    row = kalmar.set_index("risk_key").loc["k:levfakt"]
    assert row["risk_from"] == "Risk för brister i hantering av leverantörsfakturor"
    assert row["risk_to"] == "Risk för brister i hanteringen av leverantörsfakturor"
    assert (row["probability_from"], row["consequence_from"], row["risk_value_from"]) == (4, 3, 12)
    assert (row["probability_to"], row["consequence_to"], row["risk_value_to"]) == (3, 3, 9)
    assert row["change"] == "value_down"
    new = kalmar[kalmar["change"] == "new"]
    assert new["risk_id_from"].isna().all() and new["risk_value_from"].isna().all()
    assert set(new["risk_to"]) == {
        "Risk för brister i hantering av representation",
        "Risk för bristande informationssäkerhet vid distansarbete",
    }
    # organs with a single year give no pairs
    assert set(changes["municipality_code"].dropna()) == {"0880"}


def test_risk_changes_round_trip_through_parquet(
    tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    documents, risks, _ = tables
    changes = risk_changes(risks, documents)
    table = pa.Table.from_pandas(changes, schema=arrow_schema(RISK_CHANGES), preserve_index=False)
    pq.write_table(table, tmp_path / "risk_changes.parquet")
    back = pq.read_table(tmp_path / "risk_changes.parquet")
    assert back.schema.equals(arrow_schema(RISK_CHANGES))
    assert back.num_rows == len(changes)


def _organ_docs(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "document_id": [r[0] for r in rows],
            "municipality": "Norrtälje",
            "municipality_code": "0188",
            "organ": "Kommunstyrelsen",
            "year": [r[1] for r in rows],
            "document_type": [r[2] for r in rows],
        }
    )


def _risk_rows(rows: list[tuple[str, str, object, object, object]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "risk_id": [f"{r[0]}-r{i:03d}" for i, r in enumerate(rows, start=1)],
            "document_id": [r[0] for r in rows],
            "risk": [r[1] for r in rows],
            "risk_key": [r[1] for r in rows],
            "probability": [r[2] for r in rows],
            "consequence": [r[3] for r in rows],
            "risk_value": [r[4] for r in rows],
        }
    ).astype({"probability": "Int32", "consequence": "Int32", "risk_value": "Int32"})


def test_risk_changes_one_document_stands_for_a_year_and_s_times_k_is_compared() -> None:
    documents = _organ_docs(
        [
            ("u24", 2024, "uppfoljning"),
            ("p24", 2024, "internkontrollplan"),
            ("p25", 2025, "riskanalys"),
        ]
    )
    risks = _risk_rows(
        [
            ("u24", "it", None, None, None),  # follow-up without values: not the year's document
            ("u24", "extra", None, None, None),
            ("p24", "it", 2, 3, 6),
            ("p24", "lon", 2, 2, None),  # no R: S*K = 4 is compared
            ("p24", "styrning", None, None, None),
            ("p25", "it", 3, 3, 9),
            ("p25", "lon", None, None, 4),
            ("p25", "styrning", None, None, None),
        ]
    )
    changes = risk_changes(risks, documents).set_index("risk_key")
    assert changes.loc["it", "change"] == "value_up"
    assert changes.loc["it", "risk_id_from"] == "p24-r003"
    assert changes.loc["lon", "change"] == "unchanged"
    assert changes.loc["styrning", "change"] == "no_value"
    assert "extra" not in changes.index


def test_risk_changes_consecutive_years_skip_gaps() -> None:
    documents = _organ_docs(
        [("a", 2019, "riskanalys"), ("b", 2021, "riskanalys"), ("c", 2022, "riskanalys")]
    )
    risks = _risk_rows([("a", "x", 1, 2, 2), ("b", "x", 1, 2, 2), ("c", "y", 1, 1, 1)])
    changes = risk_changes(risks, documents)
    pairs = sorted(set(zip(changes["year_from"], changes["year_to"], strict=True)))
    assert pairs == [(2019, 2021), (2021, 2022)]
    assert changes[changes["year_from"] == 2021].set_index("risk_key")["change"].to_dict() == {
        "x": "removed",
        "y": "new",
    }


def test_risk_changes_of_nothing_is_an_empty_typed_frame() -> None:
    changes = risk_changes(_risk_rows([]), _organ_docs([]))
    assert changes.empty and list(changes.columns) == [c.name for c in RISK_CHANGES]


@pytest.mark.parametrize(
    ("before", "after", "present", "expected"),
    [
        (None, 6, (False, True), "new"),
        (6, None, (True, False), "removed"),
        (6, 9, (True, True), "value_up"),
        (9, 6, (True, True), "value_down"),
        (6, 6, (True, True), "unchanged"),
        (None, 6, (True, True), "no_value"),
    ],
)
def test_classify_change(
    before: int | None, after: int | None, present: tuple[bool, bool], expected: str
) -> None:
    assert classify_change(before, after, *present) == expected
    assert expected in CHANGES


def test_review_list_has_document_page_and_reason(
    tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    documents, risks, controls = tables
    risks = risks.assign(flags=flag_risks(risks))
    controls = controls.assign(flags=flag_controls(controls))
    risks.loc[risks["document_id"] == "a8a4c6867aeb0241", "confidence"] = 0.42
    review = review_list(documents, risks, controls, threshold=0.6)
    assert list(review.columns) == [c.name for c in REVIEW]
    assert review["row_id"].tolist()[:2] == ["a8a4c6867aeb0241-r001", "a8a4c6867aeb0241-r002"]
    assert review["reason"].iloc[0] == "confidence 0.42 below 0.60"
    flagged = review.set_index("row_id").loc[f"{K21}-r036"]
    assert flagged["source_file"] == "Kalmar/2021/riskanalys_ks_2021.pdf"
    assert flagged["page"] == 9
    assert flagged["reason"].startswith("value_mismatch: ")
    assert len(review) == 4


def test_municipality_totals(tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    totals = municipality_totals(*tables).set_index("municipality")
    assert totals.loc["Kalmar", "documents"] == 3
    assert totals.loc["Kalmar", "risks"] == 82
    assert totals.loc["Norrtälje", "controls"] == 5
    assert totals.loc["(okänd)", "high_risks"] == 4  # 9, 9, 8, 8 red; 7 (flagged) yellow


def test_matrix_counts_seed_003(tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    _, risks, _ = tables
    counts = matrix_counts(risks[risks["document_id"] == K20], Scale(1, 4))
    assert sum(counts.values()) == 41
    assert counts[(2, 3)] == 18  # counted by hand in seed 003
    assert counts[(3, 4)] == 3


@pytest.mark.parametrize(
    ("value", "high", "colour"),
    [
        (3, 4, "green"),
        (4, 4, "yellow"),
        (6, 4, "yellow"),
        (8, 4, "red"),
        (16, 4, "red"),
        (6, 5, "green"),
        (12, 5, "yellow"),
        (15, 5, "red"),
    ],
)
def test_risk_colour_bands(value: int, high: int, colour: str) -> None:
    assert risk_colour(value, Scale(1, high)) == colour
