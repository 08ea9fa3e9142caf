"""Bad input: each unusable file is one failed documents row; the rest is still processed."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import make_risk_table_pdf

from riskrad.cli import main
from riskrad.pipeline import RunSettings, run


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "Kalmar" / "2024").mkdir(parents=True)
    good = make_risk_table_pdf(folder / "Kalmar" / "2024" / "plan.PDF")
    (folder / "empty.pdf").write_bytes(b"")
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "notes.pdf").write_text("Det här är ingen PDF utan en textfil.\n", "utf-8")
    make_risk_table_pdf(folder / "locked.pdf", encrypt="hemligt")
    return folder


def by_file(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(r["source_file"]): r for r in rows}


def test_each_bad_file_is_recorded_and_the_good_one_is_extracted(messy_folder: Path) -> None:
    result = run(messy_folder, RunSettings())
    docs = by_file(result.documents)
    assert set(docs) == {
        "Kalmar/2024/plan.PDF",
        "empty.pdf",
        "truncated.pdf",
        "notes.pdf",
        "locked.pdf",
    }
    assert docs["Kalmar/2024/plan.PDF"]["status"] == "ok"
    assert "empty" in str(docs["empty.pdf"]["error"])
    assert "not a PDF" in str(docs["notes.pdf"]["error"])
    assert "password" in str(docs["locked.pdf"]["error"])
    assert docs["truncated.pdf"]["status"] in {"failed", "partial"}
    assert docs["truncated.pdf"]["error"]
    for name in ("empty.pdf", "notes.pdf", "locked.pdf"):
        assert docs[name]["status"] == "failed", name
    good_id = docs["Kalmar/2024/plan.PDF"]["document_id"]
    risks = [r for r in result.risks if r["document_id"] == good_id]
    assert [r["risk_value"] for r in risks] == [12, 6]
    assert docs["Kalmar/2024/plan.PDF"]["municipality_code"] == "0880"


def test_cli_exit_codes(messy_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(messy_folder), "--out", str(out)]) == 0
    table = pq.read_table(out / "documents.parquet")
    assert table.num_rows == 5
    assert main(["extract", str(messy_folder), "--out", str(out), "--strict"]) == 1
    assert main(["extract", str(tmp_path / "missing"), "--out", str(out)]) == 2
    assert main(["extract", str(messy_folder), "--out", str(out), "--jobs", "0"]) == 2
    assert main(["nonsense"]) == 2
