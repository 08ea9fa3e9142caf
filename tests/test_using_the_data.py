"""The README's "Using the data" snippets (docs/using_the_data.md) run against real Parquet."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from riskrad.model.schema import TABLES, THEME_SUMMARY, Column, arrow_schema
from riskrad.theme_summary import theme_summary
from riskrad.views import RISK_CHANGES, read_csv_tables, risk_changes, with_levels

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
    risks = with_levels(risks, documents)
    out = tmp_path / "outputs"
    out.mkdir()
    for name, frame in (("documents", documents), ("risks", risks), ("controls", controls)):
        _write(frame, TABLES[name], out / f"{name}.parquet")
    _write(risk_changes(risks, documents), RISK_CHANGES, out / "risk_changes.parquet")
    _write(theme_summary(risks, documents), THEME_SUMMARY, out / "theme_summary.parquet")
    monkeypatch.chdir(tmp_path)
    return out


def test_doc_has_the_promised_snippets() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text.startswith("## Using the data")
    blocks = python_blocks(text)
    assert len(blocks) == 7
    assert "theme_summary" in blocks[5]
    assert "riskrad.load(OUT)" in blocks[6] and "riskrad.duckdb(OUT)" in blocks[6]
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

    data = namespace["data"]
    assert isinstance(data, Mapping) and set(data) == {
        "documents",
        "risks",
        "controls",
        "risk_changes",
        "theme_summary",
    }
    risks = data["risks"]
    assert isinstance(risks, pd.DataFrame)
    assert str(risks["risk_value"].dtype) == "Int32" and str(risks["risk"].dtype) == "string"
    assert str(risks["follows_plan"].dtype) == "boolean"
    assert risks["risk_level"].notna().sum() == risks["risk_value"].notna().sum() > 0
    high_share = namespace["high_share"]
    assert isinstance(high_share, pd.DataFrame)
    kalmar_share = high_share.set_index("municipality").loc["Kalmar", "share_high"]
    kalmar = risks.merge(data["documents"], on="document_id").query("municipality == 'Kalmar'")
    expected = kalmar["risk_level"].isin(["high", "very high"]).mean()
    assert kalmar_share == round(float(expected), 2)

    procurement = namespace["procurement"]
    assert isinstance(procurement, pd.DataFrame)
    themed = risks.merge(data["documents"], on="document_id")
    bought = themed[(themed["risk_theme"] == "upphandling") & (themed["year"] == 2020)]
    row_2020 = procurement.set_index("year").loc[2020]
    assert row_2020["risks"] == len(bought) > 0
    assert row_2020["risks_high"] == bought["risk_level"].isin(["high", "very high"]).sum()

    summary = namespace["summary"]
    assert isinstance(summary, pd.Series)
    assert summary.loc[("Kalmar", "Kommunstyrelsen", 2020, 2021, "new")] == 2


def test_import_riskrad_is_light_and_load_is_clear(tmp_path: Path) -> None:
    """`import riskrad` loads no pipeline; `riskrad.load` on a folder without a run says so."""
    import subprocess
    import sys

    code = (
        "import sys, riskrad; heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('pandas', 'pypdfium2', 'pdfplumber', 'spacy', 'cv2') or m.startswith('riskrad.')]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
    import riskrad
    from riskrad.model.errors import UsageError

    with pytest.raises(UsageError, match="no riskrad run"):
        riskrad.load(tmp_path)
    with pytest.raises(AttributeError):
        riskrad.no_such_name  # noqa: B018
