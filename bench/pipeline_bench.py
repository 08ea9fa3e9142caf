"""Benchmark: born-digital pages per second on one core, the whole pipeline included, cold.

Each measured run is a fresh process, as a user's run is: it imports riskrad and opens
the word store the run reads (timed apart, "start-up"), then runs
`riskrad.pipeline.run` (text layer, route decision, tables, layouts, repair, metadata,
validation, risk keys) over the corpus' born-digital PDFs once, with empty caches, and
writes the outputs. CPU seconds
of the process are counted (one core, OMP_THREAD_LIMIT=1), so other load on the machine
does not inflate them; wall seconds are printed beside. The median of the runs is
reported.

Usage: python bench/pipeline_bench.py [--runs 3] [--corpus corpus]     (make bench)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds() -> float:
    """Given nothing, CPU seconds used so far by this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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


def one_run(folder: Path, out: Path) -> dict[str, float]:
    """Given an input folder, in this fresh process: start up, run once, write; the times."""
    cpu0 = cpu_seconds()
    from riskrad.model.lexicon import lemma_of, load_lexicon, web_zipf
    from riskrad.outputs import write_run
    from riskrad.pipeline import RunSettings, run

    load_lexicon()  # the word store a run reads (not the whole tables it is built from)
    web_zipf("och")
    lemma_of("och")
    cpu1, wall1 = cpu_seconds(), time.perf_counter()
    result = run(folder, RunSettings(jobs=1))
    write_run(out, result, folder)
    cpu2, wall2 = cpu_seconds(), time.perf_counter()
    return {
        "startup_cpu": cpu1 - cpu0,
        "run_cpu": cpu2 - cpu1,
        "run_wall": wall2 - wall1,
        "ocr_pages": sum(p["route"] == "ocr" for p in result.pages),
        "documents": len(result.documents),
    }


def main() -> None:
    """Given command-line arguments, run the cold runs and print pages/s per core."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if args.one:
        print(json.dumps(one_run(*args.one)))
        return
    print("command: python bench/pipeline_bench.py " + " ".join(sys.argv[1:]))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        pages = born_digital_folder(args.corpus, folder)
        for n in range(args.runs):
            env = {**os.environ, "RISKRAD_CACHE_DIR": str(Path(tmp) / f"cache{n}")}
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(folder), str(Path(tmp) / f"out{n}")],
                capture_output=True, text=True, check=True, env=env,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    cpu = statistics.median(r["run_cpu"] for r in results)
    wall = statistics.median(r["run_wall"] for r in results)
    startup = statistics.median(r["startup_cpu"] for r in results)
    print(
        f"born-digital corpus: {results[0]['documents']:.0f} documents, {pages} pages "
        f"({results[0]['ocr_pages']:.0f} OCR'd)"
    )
    print(f"start-up per process (imports, the word store): {startup:.2f} CPU-s")
    print(
        f"cold run, median of {args.runs} fresh processes, outputs written: {cpu:.2f} CPU-s = "
        f"{pages / cpu:.1f} pages/s per core (wall {wall:.2f} s = {pages / wall:.1f} pages/s)"
    )
    print("runs (CPU-s): " + ", ".join(f"{r['run_cpu']:.2f}" for r in results))


if __name__ == "__main__":
    main()
