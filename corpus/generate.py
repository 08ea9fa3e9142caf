"""Generate layout-varied documents with their expected rows (deterministic, seeded).

Usage: generate.py [--out generated] [--split tune|report|heldout ...] [--engine reportlab
       --engine libreoffice] [--family NAME ...] [--jobs N] [--scans]

Writes OUT/SPLIT/FAMILY/FAMILY_SEED_ENGINE.pdf with FAMILY_SEED_ENGINE.expected.json
beside it; with --scans also OUT/scans/SPLIT/... (image-only and English-OCR-layer
variants of the reportlab renders).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layoutgen.build import ENGINES, Job, build, build_libreoffice, jobs_for

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
    args = parser.parse_args()
    splits = args.split or ["tune", "report"]
    engines = tuple(args.engine or ("reportlab",))
    jobs: list[Job] = []
    for split in splits:
        jobs += jobs_for(split, engines, args.out, tuple(args.family or ()))
    workers = max(1, args.jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path in pool.map(build, [j for j in jobs if j.engine == "reportlab"], chunksize=4):
            print(path.relative_to(args.out))
    for path in build_libreoffice([j for j in jobs if j.engine == "libreoffice"], workers):
        print(path.relative_to(args.out))
    if args.scans:
        from layoutgen.scan import build_scans

        for path in build_scans(args.out, splits, args.jobs, tuple(args.family or ())):
            print(path.relative_to(args.out))


if __name__ == "__main__":
    main()
