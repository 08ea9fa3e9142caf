"""review.html: size and time to first paint in headless Chromium, for a run or N synthetic rows.

    python bench/review_bench.py OUT            # a run's review.html (e.g. outputs/)
    python bench/review_bench.py --synthetic 5000

"ready" is the page's own mark after its first list and detail are drawn (ms since
navigation start, performance.now() in the first animation frame after start-up);
"fcp" is Chromium's first-contentful-paint.  Each figure is the median of --repeat loads.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from cdp import Browser  # noqa: E402

from riskrad.extract.crops import CropSettings, render_crops  # noqa: E402
from riskrad.model.records import BBox  # noqa: E402
from riskrad.review_page import render_review, review_data  # noqa: E402

PLAN = ROOT / "corpus" / "Kalmar" / "2021" / "riskanalys_intern_kontrollplan_2021.pdf"


def synthetic_page(folder: Path, rows: int, pages: int = 250) -> Path:
    """Given a folder and a row count, a review page of that many risks on ``pages`` distinct
    page images (each a real rendered corpus page, embedded once per page, not deduplicated)."""
    crop = render_crops(PLAN, [(3, BBox(0, 60, 1e6, 780))], CropSettings())[0]
    documents = [
        {"document_id": f"{d:016x}", "sha256": f"{d:064x}", "source_file": f"doc{d}.pdf"}
        for d in range(pages // 5)
    ]
    risks, cells = [], []
    for n in range(rows):
        document_id = documents[n % len(documents)]["document_id"]
        page = 1 + (n // len(documents)) % 5
        risk_id = f"{document_id}-r{n:05d}"
        title = f"Risk för brister nummer {n} i hanteringen av ärenden och beslut"
        risks.append(
            {"risk_id": risk_id, "document_id": document_id, "page": page, "risk": title,
             "description": "Beskrivning " * 8, "probability": 2, "consequence": 3,
             "risk_value": 6, "confidence": 0.5, "flags": "value_mismatch"}
        )
        top = 80 + (n % 20) * 30
        for field, raw, x0 in (("risk", title, 60), ("description", "Beskrivning", 200),
                               ("probability", "2", 360), ("consequence", "3", 380),
                               ("risk_value", "6", 400)):
            cells.append({"row_id": risk_id, "document_id": document_id, "field": field,
                          "page": page, "raw": raw, "x0": x0, "top": top, "x1": x0 + 120,
                          "bottom": top + 20})
    review = [{"row_id": r["risk_id"], "reason": "value_mismatch: R differs", "table": "risks"}
              for r in risks]
    crops = {(d["document_id"], p): crop for d in documents for p in range(1, 6)}
    data, images = review_data(documents, {"risks": risks}, cells, review, crops)
    path = folder / "review.html"
    path.write_text(render_review(data, images), encoding="utf-8")
    return path


def measure(page: Path, repeat: int) -> tuple[float, float, float]:
    """Given a review page, the median ready ms, fcp ms and wall seconds over fresh profiles."""
    ready, fcp, wall = [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as profile:
            browser = Browser(Path(profile))
            try:
                started = time.perf_counter()
                browser.open(page.as_uri())
                ready.append(browser.evaluate(
                    "new Promise(r => { const t = () => document.body.dataset.ok ? "
                    "r(Number(document.body.dataset.readyMs)) : setTimeout(t, 10); t(); })"
                ))
                wall.append(time.perf_counter() - started)
                fcp.append(browser.evaluate(
                    "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
                    " || -1"
                ))
                error = browser.evaluate("document.body.dataset.error || ''")
                if error:
                    raise RuntimeError(error)
            finally:
                browser.close()
    return statistics.median(ready), statistics.median(fcp), statistics.median(wall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="a run's output folder")
    parser.add_argument("--synthetic", type=int, default=0, help="rows of a synthetic page")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            page = synthetic_page(Path(tmp), args.synthetic)
            label = f"{args.synthetic} synthetic rows"
        elif args.out:
            page = args.out / "review.html"
            label = str(page)
        else:
            parser.error("give OUT or --synthetic N")
        ready, fcp, wall = measure(page, args.repeat)
        size = page.stat().st_size / 1e6
        print(f"{label}: {size:.1f} MB, ready {ready:.0f} ms, first contentful paint "
              f"{fcp:.0f} ms, load wall {wall:.2f} s (median of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
