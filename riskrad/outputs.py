"""What a run writes: the dataset, its audit trail, the auditor's views and the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from riskrad import __version__
from riskrad.pipeline import RunResult, result_tables
from riskrad.report import render_report
from riskrad.views import review_list, risk_changes
from riskrad.writer import write_outputs

Rows = list[dict[str, Any]]


def manifest(result: RunResult, input_dir: Path, extra: dict[str, int]) -> dict[str, Any]:
    """Given a run result, the run.json manifest: version, input, counts, summary."""
    return {
        "riskrad_version": __version__,
        "input_dir": str(input_dir),
        "documents": len(result.documents),
        "risks": len(result.risks),
        "controls": len(result.controls),
        "pages": len(result.pages),
        **extra,
        "seconds": round(result.seconds, 3),
        "summary": result.summary(),
        "settings": result.settings.to_dict(),
        "settings_fingerprint": result.settings.fingerprint(),
    }


def frame_rows(frame: pd.DataFrame) -> Rows:
    """Given a view's frame, its rows as plain Python values (pandas NA as None)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in clean.to_dict(orient="records")]


def run_log(result: RunResult) -> str:
    """Given a run result, the run log: each document's status and each page's route and why."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for page in result.pages:
        pages.setdefault(str(page["document_id"]), []).append(page)
    lines = []
    for doc in result.documents:
        status = doc["status"] + (f": {doc['error']}" if doc.get("error") else "")
        lines.append(f"{doc['source_file']}: {status}")
        for page in pages.get(str(doc["document_id"]), []):
            route = page["route"] or "unread"
            error = f" [error: {page['error']}]" if page.get("error") else ""
            lines.append(f"  page {page['page']}: {route}: {page['reason']}{error}")
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def write_run(out_dir: Path, result: RunResult, input_dir: Path) -> list[Path]:
    """Given the output folder and a run's result, write every output file atomically."""
    tables: dict[str, Rows] = dict(result_tables(result))
    documents = pd.DataFrame(result.documents)
    risks = pd.DataFrame(result.risks)
    controls = pd.DataFrame(result.controls)
    changes = risk_changes(risks, documents)
    review = review_list(documents, risks, controls, pages=pd.DataFrame(result.pages))
    tables["risk_changes"] = frame_rows(changes)
    tables["review"] = frame_rows(review)
    report = render_report(documents, risks, controls, changes, review=review)
    counts = {"risk_changes": len(changes), "review": len(review)}
    return write_outputs(
        out_dir,
        tables,
        manifest(result, input_dir, counts),
        extra_files={
            "report.html": report.encode("utf-8"),
            "run.log": run_log(result).encode("utf-8"),
        },
    )
