"""The README's "Using the data" snippets (docs/using_the_data.md) run against real Parquet."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from riskrad.model.schema import TABLES, Column, arrow_schema
from riskrad.views import RISK_CHANGES, read_csv_tables, risk_changes

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "using_the_data.md"
FRAMES = Path(__file__).parent / "data" / "frames"


def python_blocks(markdown: str) -> list[str]:
    """Given markdown text, its fenced python code blocks in order."""
    return re.findall(r"^```python\n(.*?)^```", markdown, flags=re.S | re.M)


def _write(frame: pd.DataFrame, columns: tuple[Column, ...], path: Path) -> None:
    names = [c.name for c in columns]
    table = pa.Table.from_pandas(frame[names], schema=arrow_schema(columns), preserve_index=False)
    pq.write_table(table, path)


@pytest.fixture
def outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    documents, risks, controls = read_csv_tables(FRAMES)
    out = tmp_path / "outputs"
    out.mkdir()
    for name, frame in (("documents", documents), ("risks", risks), ("controls", controls)):
        _write(frame, TABLES[name], out / f"{name}.parquet")
    _write(risk_changes(risks, documents), RISK_CHANGES, out / "risk_changes.parquet")
    monkeypatch.chdir(tmp_path)
    return out


def test_doc_has_the_promised_snippets() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text.startswith("## Using the data")
    blocks = python_blocks(text)
    assert len(blocks) == 5
    assert "pd.read_parquet" in blocks[0] and "duckdb.connect" in blocks[1]


def test_snippets_run_and_answer(outputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": "using_the_data"}
    for block in python_blocks(DOC.read_text(encoding="utf-8")):
        exec(compile(block, str(DOC), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Kalmar" in printed

    risks_where = namespace["risks_where"]
    assert isinstance(risks_where, pd.DataFrame)
    assert str(risks_where["risk_value"].dtype) == "Int32"

    per_municipality = namespace["per_municipality"]
    assert isinstance(per_municipality, pd.DataFrame)
    kalmar = per_municipality.set_index("municipality").loc["Kalmar"]
    assert (kalmar["organs"], kalmar["risks"], kalmar["with_value"]) == (1, 82, 82)
    assert set(per_municipality["municipality"]) == {"Kalmar", "Norrtälje"}

    moved = namespace["moved"]
    assert isinstance(moved, pd.DataFrame)
    assert len(moved) == 4
    first = moved.iloc[0]
    assert (first["risk"], first["value_from"], first["value_to"]) == (
        "Risk för bristande hantering vid eventuell IT-attack",
        12,
        16,
    )
    assert "Risk för brister i hanteringen av leverantörsfakturor" in set(moved["risk"])

    summary = namespace["summary"]
    assert isinstance(summary, pd.Series)
    assert summary.loc[("Kalmar", "Kommunstyrelsen", 2020, 2021, "new")] == 2
