"""Benchmark: born-digital pages per second on one core, the whole pipeline included.

Runs `riskrad.pipeline.run` (text layer, route decision, tables, layouts,
repair, metadata, validation, risk keys) over the corpus' born-digital PDFs,
several times in one process, and reports the median. The first run also
pays the one-time loading of word lists and lemma tables; it is reported
apart. Writing the outputs is timed too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from riskrad.outputs import write_run
from riskrad.pipeline import RunSettings, run

ROOT = Path(__file__).resolve().parents[1]


def born_digital_folder(corpus: Path, target: Path) -> int:
    """Given the corpus, copy its born-digital PDFs into target; their page count."""
    pages = 0
    for expected in sorted(corpus.rglob("*.expected.json")):
        meta = json.loads(expected.read_text("utf-8"))
        if meta.get("variant") != "born_digital":
            continue
        pdf = expected.with_name(expected.name.replace(".expected.json", ".pdf"))
        dest = target / pdf.relative_to(corpus)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pdf, dest)
        pages += int(meta["document"]["pages"])
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        pages = born_digital_folder(args.corpus, folder)
        settings = RunSettings(jobs=1)
        started = time.perf_counter()
        first = run(folder, settings)
        cold = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = run(folder, settings)
            write_run(Path(tmp) / "out", result, folder)
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    ocr = sum(p["route"] == "ocr" for p in first.pages)
    print(f"born-digital corpus: {len(first.documents)} documents, {pages} pages ({ocr} OCR'd)")
    print(f"first run (loads word lists, lemma tables): {cold:.2f} s = {pages / cold:.1f} pages/s")
    print(
        f"median of {args.runs} runs, outputs written: {median:.2f} s = "
        f"{pages / median:.1f} pages/s per core"
    )
    print(f"runs: {', '.join(f'{t:.2f}' for t in times)}")


if __name__ == "__main__":
    main()
