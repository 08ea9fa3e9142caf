"""Benchmark of a national run's figures, measured side by side in one run.

1. start-up: ``riskrad extract`` on one 1-page born-digital PDF with a risk table, as a
   fresh process (wall and CPU seconds, median of 3);
2. born-digital pages per second per core: end to end (a fresh ``riskrad extract
   --jobs 1 --no-cache`` over >= 100 pages of distinct documents the code was never tuned
   on: the generator's families at seed 9001, see ``distinct_documents``) and steady (in
   one process, after that set, a second set of other documents, seed 9002);
3. incremental re-runs: a folder of 1,000 distinct born-digital PDFs run once (filling
   the result cache), then re-run unchanged, then re-run with one PDF added;
4. page triage: OCR CPU seconds with triage against full OCR on long scanned documents,
   and the risk and control rows each finds (bench/long_scans.py builds them);
5. Dask: a two-worker LocalCluster against one worker on OCR-heavy input (OCR cache off);
6. peak memory (max RSS) of the riskrad process and of its workers.
The machine's load average is printed beside each timing: on a shared machine the wall
times are upper bounds. Work files stay in --work (default /tmp/riskrad-bench-scale) so
a second bench run reuses the generated inputs.
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
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
RISKRAD = [sys.executable, "-m", "riskrad.cli"]


def load() -> str:
    """Given nothing, the 1-minute load average and the core count, as text."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def born_digital(corpus: Path) -> list[tuple[Path, int]]:
    """Given the corpus, its born-digital PDFs with their page counts."""
    out = []
    for expected in sorted(corpus.rglob("*.expected.json")):
        meta = json.loads(expected.read_text("utf-8"))
        if meta.get("variant") == "born_digital":
            pdf = expected.with_name(expected.name.replace(".expected.json", ".pdf"))
            out.append((pdf, int(meta["document"]["pages"])))
    return out


def distinct_copy(source: Path, target: Path, tag: str) -> None:
    """Given a PDF, write a copy with a trailing comment: the same pages, other bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes() + f"\n% riskrad bench copy {tag}\n".encode())


def one_page_pdfs(corpus: Path, target: Path) -> list[Path]:
    """Given the corpus, each born-digital page as a one-page PDF in target."""
    target.mkdir(parents=True, exist_ok=True)
    pages = []
    for pdf, count in born_digital(corpus):
        source = pdfium.PdfDocument(pdf)
        for index in range(count):
            path = target / f"{pdf.stem}_p{index + 1:02d}.pdf"
            if not path.exists():
                single = pdfium.PdfDocument.new()
                single.import_pages(source, [index])
                single.save(path)
            pages.append(path)
    return pages


def timed_process(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Given a command, run it: wall seconds, CPU seconds (it and its children), max RSS KB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss


def extract(
    folder: Path, out: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[float, float, int]:
    """Given an input folder, a fresh ``riskrad extract`` run: wall, CPU, max RSS."""
    return timed_process([*RISKRAD, "extract", str(folder), "--out", str(out), *extra], env)


def start_up(work: Path) -> None:
    """Given the work folder, the start-up figure: one 1-page born-digital PDF."""
    pages = one_page_pdfs(ROOT / "corpus", work / "pages")
    folder = work / "startup"
    folder.mkdir(exist_ok=True)
    table_page = next(p for p in pages if "helarsuppfoljning" in p.name and "_p02" in p.name)
    shutil.copy(table_page, folder / "one.pdf")
    extract(folder, work / "out-startup", "--no-cache")  # the OS file cache warm
    runs = [extract(folder, work / "out-startup", "--no-cache") for _ in range(3)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    print(
        f"start-up, 1-page born-digital PDF with a risk table: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU (median of 3; target < 1.5 s) [{load()}]"
    )


RATE_SEEDS = (9001, 9002)  # outside the tune (0-39), report and held-out (1000-1009) seeds


def distinct_documents(work: Path, seed: int, pages: int = 100) -> tuple[Path, int, int]:
    """Given the work folder, a seed and a page count, a folder of distinct born-digital
    PDFs: the generator's families (tune and held-out, reportlab) in an order shuffled by
    the seed, one document each at that seed, until they hold >= pages; its page count and
    document count. Built afresh each time (the set follows the generator's families and
    code at this commit: a family added changes the order)."""
    import random

    sys.path.insert(0, str(ROOT / "corpus"))
    from layoutgen.build import Job, build, page_count  # type: ignore[import-not-found]
    from layoutgen.families import FAMILIES, HELDOUT  # type: ignore[import-not-found]

    families = [*FAMILIES, *HELDOUT]
    random.Random(seed).shuffle(families)
    folder = work / f"distinct-{seed}"
    built = work / f"gen-{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(built, ignore_errors=True)
    folder.mkdir(parents=True)
    total = 0
    count = 0
    for family in families:
        if total >= pages:
            break
        source = build(Job(family, seed, "reportlab", "build", built))
        shutil.copy(source, folder / source.name)
        total += page_count(source)
        count += 1
    return folder, total, count


def born_digital_rate(work: Path) -> None:
    """Given the work folder, born-digital pages/s per core, end to end and steady, each on
    distinct documents: a fresh process with empty caches, then a warm one on new ones."""
    first, pages, documents = distinct_documents(work, RATE_SEEDS[0])
    second, pages_2, documents_2 = distinct_documents(work, RATE_SEEDS[1])
    print(
        f"born-digital input: {documents} distinct generated documents, {pages} pages "
        f"(seed {RATE_SEEDS[0]}), and for the steady rate {documents_2} others, {pages_2} pages "
        f"(seed {RATE_SEEDS[1]}): one per generator family (corpus/layoutgen, tune and held-out, "
        f"reportlab) in an order the seed shuffles, until >= 100 pages; built in "
        f"{work}/distinct-SEED by `python bench/scale_bench.py --only rate --work {work}`"
    )
    empty = work / "empty-result-cache"
    shutil.rmtree(empty, ignore_errors=True)
    out = work / "out-bd"
    shutil.rmtree(out, ignore_errors=True)
    wall, cpu, rss = extract(
        first,
        out,
        "--jobs",
        "1",
        "--no-cache",
        env={"RISKRAD_RESULT_CACHE_DIR": str(empty)},
    )
    print(
        f"born-digital end to end, {pages} pages, one fresh process, caches off: {wall:.2f} s = "
        f"{pages / wall:.1f} pages/s per core ({pages / cpu:.1f} per CPU second); "
        f"max RSS {rss / 1024:.0f} MB (target >= 20) [{load()}]"
    )
    from riskrad.pipeline import RunSettings, run

    run(first, RunSettings(use_cache=False))
    started = cpu_seconds()
    wall_started = time.perf_counter()
    run(second, RunSettings(use_cache=False))
    cpu = cpu_seconds() - started
    wall = time.perf_counter() - wall_started
    print(
        f"born-digital steady (a process warmed on the first set runs the second, extraction "
        f"without writing): {pages_2 / wall:.1f} pages/s per core ({pages_2 / cpu:.1f} per CPU "
        f"second, with the forked page readers' CPU) (target >= 30) [{load()}]"
    )


def cpu_seconds() -> float:
    """Given nothing, the CPU seconds of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rerun(work: Path, count: int) -> None:
    """Given the work folder, the re-run times of an unchanged folder of ``count`` PDFs."""
    pages = one_page_pdfs(ROOT / "corpus", work / "pages")
    folder = work / f"folder-{count}"
    for n in range(count):
        source = pages[n % len(pages)]
        target = folder / f"k{n % 29:02d}" / f"{n:04d}_{source.name}"
        if not target.exists():
            distinct_copy(source, target, str(n))
    added = folder / "added" / "added.pdf"
    added.unlink(missing_ok=True)
    env = {"RISKRAD_RESULT_CACHE_DIR": str(work / "result-cache")}
    out = work / "out-rerun"
    first = extract(folder, out, "--jobs", "2", env=env)
    again = extract(folder, out, "--jobs", "2", env=env)
    distinct_copy(pages[0], added, "added")
    one_more = extract(folder, out, "--jobs", "2", env=env)
    print(
        f"{count} PDFs, first run (fills the result cache, or found it filled): "
        f"{first[0]:.1f} s [{load()}]"
    )
    print(
        f"{count} PDFs unchanged, re-run (fresh process): {again[0]:.2f} s wall, "
        f"{again[1]:.2f} s CPU (target < 5 s); with one PDF added: {one_more[0]:.2f} s wall, "
        f"{one_more[1]:.2f} s CPU (target: that PDF + < 5 s); max RSS "
        f"{again[2] / 1024:.0f} MB [{load()}]"
    )


def cluster_speedup(work: Path) -> None:
    """Given the work folder, a two-worker LocalCluster against one worker on scanned PDFs."""
    folder = work / "scanned"
    scans = sorted((ROOT / "corpus").rglob("*_scanned.pdf"))
    for n, pdf in enumerate(scans * 2):
        target = folder / f"{n}_{pdf.name}"
        if not target.exists():
            distinct_copy(pdf, target, f"scan{n}")
    pages = sum(len(pdfium.PdfDocument(p)) for p in folder.glob("*.pdf"))
    one = extract(folder, work / "out-c1", "--no-cache", "--scheduler", "local", "--jobs", "1")
    two = extract(folder, work / "out-c2", "--no-cache", "--scheduler", "local", "--jobs", "2")
    same = all(
        (work / "out-c1" / f"{t}.csv").read_bytes() == (work / "out-c2" / f"{t}.csv").read_bytes()
        for t in ("documents", "risks", "controls", "pages", "cells")
    )
    print(
        f"OCR-heavy input ({pages} scanned pages), LocalCluster: 1 worker {one[0]:.1f} s, "
        f"2 workers {two[0]:.1f} s = {one[0] / two[0]:.2f}x (target >= 1.8x on 2 cores); "
        f"tables identical: {same}; max RSS {two[2] / 1024:.0f} MB [{load()}]"
    )


def triage(work: Path, sample: int, sets: list[str]) -> None:
    """Given the work folder, triage OCR CPU against full OCR on the sets of long scans."""
    try:
        from long_scans import triage_figures  # type: ignore[import-not-found]
    except ImportError:
        print("page triage: bench/long_scans.py not present")
        return
    for name in sets:
        print(triage_figures(work / "long-scans", sample, name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("/tmp/riskrad-bench-scale"))
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument(
        "--triage-sample",
        type=int,
        default=0,
        help="estimate full OCR from this many skipped pages per document (0: run it all)",
    )
    parser.add_argument(
        "--triage-set",
        choices=["tuned", "untuned"],
        action="append",
        help="sets of long scans (bench/long_scans.py; default: both)",
    )
    parser.add_argument(
        "--only", choices=["startup", "rate", "rerun", "triage", "cluster"], action="append"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print("command: python bench/scale_bench.py " + " ".join(sys.argv[1:]))
    # a user's installed riskrad has its bytecode; this environment may not write it
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "riskrad", "extract", "normalize"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    steps: dict[str, Callable[[], None]] = {
        "startup": lambda: start_up(args.work),
        "rate": lambda: born_digital_rate(args.work),
        "rerun": lambda: rerun(args.work, args.documents),
        "triage": lambda: triage(
            args.work, args.triage_sample, args.triage_set or ["tuned", "untuned"]
        ),
        "cluster": lambda: cluster_speedup(args.work),
    }
    for name, step in steps.items():
        if not args.only or name in args.only:
            step()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"peak memory of any riskrad process or worker above: {usage.ru_maxrss / 1024:.0f} MB "
        f"(target < 1024 MB per worker)"
    )


if __name__ == "__main__":
    main()
