"""Salvage of truncated PDFs: the born-digital corpus plans cut at several points (as
written, and as qpdf linearizes them, page by page), run through riskrad: files repaired,
pages with content, risk rows kept against the intact file.

    .venv/bin/python bench/salvage_eval.py
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from pathlib import Path

import pikepdf

from riskrad.model.settings import RunSettings
from riskrad.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
CUTS = (0.25, 0.45, 0.6, 0.8, 0.95)
SKIP = re.compile(r"_(scanned|eng_ocr_layer|broken_font|mojibake)\.pdf$")


def variants(pdf: Path) -> dict[str, bytes]:
    """Given a corpus PDF, its bytes as written and as linearized by qpdf."""
    linear = io.BytesIO()
    with pikepdf.open(pdf) as doc:
        doc.save(linear, linearize=True, deterministic_id=True)
    return {"as written": pdf.read_bytes(), "linearized": linear.getvalue()}


def main() -> int:
    """Given the corpus, print one row per plan, layout and cut point, and the totals."""
    plans = [p for p in sorted((ROOT / "corpus").rglob("*.pdf")) if not SKIP.search(p.name)]
    plans = [p for p in plans if "layoutgen" not in p.parts]
    print("| file | layout | cut | status | pages with content | risks kept / intact |")
    print("|---|---|---|---|---|---|")
    totals = {"files": 0, "partial": 0, "failed": 0, "kept": 0, "intact": 0}
    for plan in plans:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "intact"
            folder.mkdir()
            (folder / plan.name).write_bytes(plan.read_bytes())
            intact = len(run(folder, RunSettings()).risks)
            for layout, data in variants(plan).items():
                for cut in CUTS:
                    one = Path(tmp) / f"{layout}-{cut}"
                    one.mkdir()
                    (one / plan.name).write_bytes(data[: int(len(data) * cut)])
                    result = run(one, RunSettings())
                    doc = result.documents[0]
                    read = sum(1 for p in result.pages if not p["error"])
                    totals["files"] += 1
                    totals[str(doc["status"])] = totals.get(str(doc["status"]), 0) + 1
                    totals["kept"] += len(result.risks)
                    totals["intact"] += intact
                    print(
                        f"| {plan.name} | {layout} | {cut:.0%} | {doc['status']} | "
                        f"{read}/{doc['pages'] or 0} | {len(result.risks)}/{intact} |"
                    )
    print(
        f"\n{totals['files']} cut files: {totals['partial']} repaired (partial), "
        f"{totals['failed']} failed; {totals['kept']} of {totals['intact']} risk rows kept"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
