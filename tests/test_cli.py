"""The riskrad command as a user runs it: repair on stdin, extract with its summary."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_risk_table_pdf

from riskrad.cli import main


def test_repair_reads_stdin_and_explains_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("Det ar viktigt att sakerstalla I6pande kontroll.\n")
    )
    assert main(["repair", "--explain"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "Det är viktigt att säkerställa löpande kontroll.\n"
    assert "'sakerstalla' -> 'säkerställa'" in captured.err
    assert "letters" in captured.err


def test_repair_leaves_correct_text_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "KS beslutade 2024-03-12 om NIS 2 och GDPR; se https://kalmar.se/ik för HR-chef.\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["repair"]) == 0
    assert capsys.readouterr().out == text


def test_extract_prints_a_closing_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make_risk_table_pdf(folder / "plan.pdf")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "riskrad.cli", "extract", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    summary = done.stderr.strip().splitlines()[-1]
    assert summary.startswith("riskrad: 1 documents (1 ok, 0 partial, 0 failed), 2 risks")
    assert "pages: 1 text layer, 0 OCR" in summary
    assert (out / "risks.parquet").exists() and (out / "report.html").exists()


def test_extract_of_a_risk_table_imports_no_pandas(tmp_path: Path) -> None:
    """A run builds its views, report and tables on plain rows: pandas (0.3-0.5 s of start-up)
    is never imported, not even by pyarrow's conversions from Python objects."""
    folder = tmp_path / "in"
    folder.mkdir()
    make_risk_table_pdf(folder / "plan.pdf")
    script = (
        "import sys\nfrom riskrad.cli import main\n"
        f"code = main(['extract', {str(folder)!r}, '--out', {str(tmp_path / 'out')!r}, "
        "'--no-cache'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'pandas')[:3])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "0 []", done.stdout + done.stderr
    assert (tmp_path / "out" / "theme_summary.parquet").exists()
