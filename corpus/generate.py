"""Generate layout-varied documents with their expected rows (deterministic, seeded).

Usage: generate.py [--out generated] [--split tune|report|heldout ...] [--engine reportlab
       --engine libreoffice] [--family NAME ...] [--jobs N] [--scans | --only-scans]
       [--scan-seeds 4] [--tune-seeds FIRST-LAST]

Writes OUT/SPLIT/FAMILY/FAMILY_SEED_ENGINE.pdf with FAMILY_SEED_ENGINE.expected.json
beside it; with --scans also OUT/scans/SPLIT/FAMILY/..._scanned.pdf and
..._eng_ocr_layer.pdf (image-only, and with an English-model OCR text layer) of the first
--scan-seeds seeds of each family (engines alternating by seed). ``--tune-seeds 10-39``
builds the tune families with further seeds (a wider set to develop on once seeds 0-9 are
read perfectly; the report seeds are refused); a held-out family named with --family gets
its tune seeds this way too (``--split tune --tune-seeds 0-9 --family NAME``: seeds to work on
once its report seeds were measured).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layoutgen.build import ENGINES, Job, build, build_libreoffice, jobs_for
from layoutgen.families import FAMILIES, HELDOUT, REPORT_SEEDS

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Given the command line, build the requested documents."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    parser.add_argument("--split", action="append", choices=("tune", "report", "heldout"))
    parser.add_argument("--engine", action="append", choices=ENGINES)
    parser.add_argument("--family", action="append")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scans", action="store_true", help="also the scanned variants")
    parser.add_argument("--only-scans", action="store_true",
                        help="only the scanned variants, of born-digital files already built")
    parser.add_argument("--scan-seeds", type=int, default=4, help="seeds scanned per family")
    parser.add_argument("--tune-seeds", metavar="FIRST-LAST",
                        help="further tune seeds (e.g. 10-39) instead of the split's own: a wider "
                             "set to develop on; never the report seeds")
    args = parser.parse_args()
    splits = args.split or ["tune", "report"]
    engines = tuple(args.engine or ("reportlab",))
    jobs: list[Job] = []
    for split in splits:
        if split == "tune" and args.tune_seeds:
            jobs += wider_tune_jobs(args.tune_seeds, engines, args.out, tuple(args.family or ()))
        else:
            jobs += jobs_for(split, engines, args.out, tuple(args.family or ()))
    workers = max(1, args.jobs)
    if args.only_scans:
        jobs = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path in pool.map(build, [j for j in jobs if j.engine == "reportlab"], chunksize=4):
            print(path.relative_to(args.out))
    for path in build_libreoffice([j for j in jobs if j.engine == "libreoffice"], workers):
        print(path.relative_to(args.out))
    if args.scans or args.only_scans:
        from layoutgen.scan import build_scans

        for path in build_scans(args.out, splits, args.jobs, tuple(args.family or ()),
                                args.scan_seeds):
            print(path.relative_to(args.out))


def wider_tune_jobs(
    span: str, engines: tuple[str, ...], out: Path, families: tuple[str, ...]
) -> list[Job]:
    """Given a seed span "FIRST-LAST", engines, the output folder and families (all tune
    families if empty; held-out families only when named), the jobs for those seeds; report
    seeds are refused."""
    first, _, last = span.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    if set(seeds) & set(REPORT_SEEDS):
        raise SystemExit(f"--tune-seeds {span}: overlaps the report seeds {REPORT_SEEDS[0]}-"
                         f"{REPORT_SEEDS[-1]}; pick seeds outside them")
    names = [f for f in FAMILIES if not families or f in families]
    names += [f for f in HELDOUT if f in families]
    return [Job(f, s, e, "tune", out) for f in names for s in seeds for e in engines]


if __name__ == "__main__":
    main()
