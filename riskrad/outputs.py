"""What a run writes: the contract tables, the audit tables and the run manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from riskrad import __version__
from riskrad.pipeline import RunResult, result_tables
from riskrad.writer import write_outputs


def manifest(result: RunResult, input_dir: Path) -> dict[str, Any]:
    """Given a run result, the run.json manifest: version, input, counts, summary."""
    return {
        "riskrad_version": __version__,
        "input_dir": str(input_dir),
        "documents": len(result.documents),
        "risks": len(result.risks),
        "controls": len(result.controls),
        "pages": len(result.pages),
        "seconds": round(result.seconds, 3),
        "summary": result.summary(),
    }


def write_run(out_dir: Path, result: RunResult, input_dir: Path) -> list[Path]:
    """Given the output folder and a run's result, write every output file atomically."""
    return write_outputs(out_dir, result_tables(result), manifest(result, input_dir))
