"""Typed rows: generated from the contract, frozen, refusing fields the contract lacks."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields

import pyarrow as pa
import pytest

from riskrad.model.rowgen import PYTHON_TYPES, ROW_CLASSES, TARGET, render
from riskrad.model.rows import CellRow, ControlRow, RepairRow, RiskRow
from riskrad.model.schema import TABLES, column_names
from riskrad.pipeline import DocumentResult
from riskrad.writer import to_arrow


def test_rows_py_is_generated_from_the_contract() -> None:
    assert TARGET.read_text("utf-8") == render(), "run: python -m riskrad.model.rowgen"


@pytest.mark.parametrize("kind", [RiskRow, ControlRow, CellRow, RepairRow])
def test_a_row_has_its_tables_columns_in_order_with_their_types(kind: type[RiskRow]) -> None:
    assert ROW_CLASSES[kind.TABLE] == kind.__name__
    assert kind.columns() == tuple(column_names(kind.TABLE))
    types = {f.name: f.type for f in fields(kind)}  # type: ignore[arg-type]
    assert types == {c.name: f"{PYTHON_TYPES[c.type]} | None" for c in TABLES[kind.TABLE]}


def test_a_row_is_frozen_and_refuses_a_field_its_table_lacks() -> None:
    row = RiskRow(risk_id="d-r001", document_id="d", page=2)
    with pytest.raises(FrozenInstanceError):
        row.page = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        RiskRow(risk_id="d-r001", layout="risk_row")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="the risks table has no column 'layout'"):
        RiskRow.from_mapping({"risk_id": "d-r001", "layout": "risk_row"})
    assert row.but(page=3).page == 3 and row.page == 2
    assert row.but(page=3, risk="R") == RiskRow(risk_id="d-r001", document_id="d", page=3, risk="R")
    with pytest.raises(TypeError, match="layout"):
        row.but(layout="risk_row")


def test_a_row_reads_as_a_mapping_of_its_columns() -> None:
    row = ControlRow(control_id="d-c001", document_id="d", control="Stickprov")
    assert row["control"] == "Stickprov" and row.get("flags") is None and "layout" not in row
    with pytest.raises(KeyError):
        row["layout"]
    assert list(row) == column_names("controls") and dict(row) == row.as_dict()
    table = to_arrow("controls", [row])
    assert table.column("control").to_pylist() == ["Stickprov"]
    assert table.schema.field("confidence").type == pa.float64()


def test_rows_round_trip_through_the_result_cache_payload() -> None:
    risk = RiskRow(risk_id="d-r001", document_id="d", page=1, probability=3, follows_plan=True)
    control = ControlRow(control_id="d-c001", risk_id="d-r001", document_id="d", page=1)
    result = DocumentResult(
        "a.pdf", "ab" * 32, {"document_id": "d"}, "", risks=[risk], controls=[control]
    )
    result.cells = [CellRow(row_id="d-r001", document_id="d", field="risk", x0=1.5)]
    result.repairs = [RepairRow(row_id="d-r001", document_id="d", field="risk", repair="x")]
    back = DocumentResult.from_payload(result.to_payload(), "b.pdf", "ab" * 32)
    assert back.risks == [risk] and back.controls == [control]
    assert back.cells == result.cells and back.repairs == result.repairs
    stored = result.to_payload()["risks"]
    assert stored["columns"] == list(column_names("risks"))  # names once, then value rows
    assert stored["rows"] == [tuple(risk.as_dict().values())]
    stale = {"columns": [*stored["columns"], "layout"], "rows": [[*stored["rows"][0], "x"]]}
    with pytest.raises(ValueError, match="layout"):
        DocumentResult.from_payload(result.to_payload() | {"risks": stale}, "b.pdf", "ab" * 32)
    short = {"columns": stored["columns"], "rows": [stored["rows"][0][:-1]]}
    with pytest.raises(ValueError, match="row of"):
        DocumentResult.from_payload(result.to_payload() | {"risks": short}, "b.pdf", "ab" * 32)
    older = {"columns": ["risk_id", "document_id"], "rows": [["d-r002", "d"]]}  # fewer columns
    back = DocumentResult.from_payload(result.to_payload() | {"risks": older}, "b.pdf", "ab" * 32)
    assert back.risks == [RiskRow(risk_id="d-r002", document_id="d")]
