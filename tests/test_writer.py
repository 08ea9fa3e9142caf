"""Outputs: explicit Arrow types read back with pyarrow, and atomic replacement."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from riskrad.model.schema import TABLES, arrow_schema
from riskrad.writer import UnknownColumnError, write_outputs

RISK = {
    "risk_id": "abc-r001",
    "document_id": "abc",
    "page": 2,
    "risk": "Risk för fel",
    "probability": 3,
    "consequence": None,
    "risk_value": 9,
    "follows_plan": True,
    "risk_theme": "ovrigt",
    "risk_key": "k",
    "confidence": 0.9,
}


def test_parquet_keeps_nullable_integers_and_booleans(tmp_path: Path) -> None:
    write_outputs(
        tmp_path, {"risks": [RISK, {**RISK, "risk_id": "abc-r002", "follows_plan": None}]}, {}
    )
    table = pq.read_table(tmp_path / "risks.parquet")
    assert table.schema.equals(arrow_schema(TABLES["risks"]))
    assert table.schema.field("consequence").type == pa.int32()
    assert table.schema.field("follows_plan").type == pa.bool_()
    assert table.column("consequence").to_pylist() == [None, None]
    assert table.column("follows_plan").to_pylist() == [True, None]
    header = (tmp_path / "risks.csv").read_text("utf-8").splitlines()[0]
    assert header.replace('"', "").split(",") == [c.name for c in TABLES["risks"]]


def test_a_run_that_dies_leaves_the_previous_outputs_whole(tmp_path: Path) -> None:
    write_outputs(tmp_path, {"risks": [RISK]}, {"run": 1})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    broken = {**RISK, "risk_value": "not a number"}
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        write_outputs(tmp_path, {"documents": [], "risks": [broken]}, {"run": 2})
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before


def test_a_field_the_contract_lacks_is_refused_not_dropped(tmp_path: Path) -> None:
    write_outputs(tmp_path, {"risks": [RISK]}, {"run": 1})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    stray = {**RISK, "layout": "risk_row", "ocr_confidence": 0.8}
    with pytest.raises(
        UnknownColumnError,
        match=r"risks table has no column 'layout', "
        r"'ocr_confidence' \(row 1\)",
    ):
        write_outputs(tmp_path, {"risks": [RISK, stray]}, {"run": 2})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
