"""Outputs: explicit Arrow types read back with pyarrow, and atomic replacement."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from riskrad.model.schema import TABLES, arrow_schema
from riskrad.writer import UnknownColumnError, column_array, write_outputs

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


def _random_value(rng: random.Random, kind: pa.DataType) -> object:
    """Given a random source and an Arrow type, a random Python value for it (None ~15%)."""
    if rng.random() < 0.15:
        return None
    if kind == pa.string():
        return rng.choice(["", "a", "åäö", "x" * rng.randint(0, 40), "🙂", "t\tn\n", 'q"c,'])
    if kind == pa.int32():
        return rng.choice([0, -1, 2**31 - 1, -(2**31), rng.randint(-999, 999)])
    if kind == pa.float64():
        return rng.choice([0.0, -0.0, 1.5, float("nan"), float("inf"), rng.random()])
    return rng.random() < 0.5


def _file_bytes(array: pa.Array) -> tuple[bytes, bytes]:
    """Given an array, the Parquet and CSV bytes of a one-column table of it."""
    table = pa.Table.from_arrays([array], schema=pa.schema([pa.field("c", array.type)]))
    parquet, csv = io.BytesIO(), io.BytesIO()
    pq.write_table(table, parquet)
    pa_csv.write_csv(table, csv)
    return parquet.getvalue(), csv.getvalue()


def test_columns_laid_into_buffers_write_the_bytes_pa_array_writes() -> None:
    rng = random.Random(7)
    for trial in range(600):
        kind = rng.choice([pa.string(), pa.int32(), pa.float64(), pa.bool_()])
        size = rng.choice([0, 1, 7, 8, 9, 64, 65, 130])
        values = (
            [None] * size if trial % 9 == 0 else [_random_value(rng, kind) for _ in range(size)]
        )
        expected, built = pa.array(values, type=kind), column_array(values, kind)
        built.validate(full=True)
        assert built.null_count == expected.null_count
        assert repr(built.to_pylist()) == repr(expected.to_pylist())
        assert _file_bytes(built) == _file_bytes(expected)


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([True, 1], pa.int32()),
        ([2**31], pa.int32()),
        (["a\ud800"], pa.string()),
        ([1], pa.string()),
    ],
)
def test_values_pa_array_refuses_are_refused_alike(values: list[object], kind: pa.DataType) -> None:
    with pytest.raises(Exception) as expected:
        pa.array(values, type=kind)
    with pytest.raises(expected.type):
        column_array(values, kind)


def test_ints_in_a_float_column_are_left_to_pa_array() -> None:
    assert column_array([1, 2.5, None], pa.float64()).to_pylist() == [1.0, 2.5, None]
