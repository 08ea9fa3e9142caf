"""The ``riskrad`` command: ``extract`` a folder of PDFs, ``repair`` Swedish text.

Exit codes are decided here and nowhere else:
0 the run completed (failed documents are recorded in documents.csv);
1 ``--strict`` and some document failed or was partial, or an unexpected error;
2 the command line or the input folder cannot be used.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from riskrad.model.errors import RiskradError, UsageError
from riskrad.model.settings import LimitSettings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """Given nothing, the argument parser of the riskrad command."""
    parser = argparse.ArgumentParser(
        prog="riskrad", description="Swedish municipal internal-control PDFs to one dataset."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="extract risks and controls from a folder of PDFs")
    extract.add_argument("input_dir", type=Path, help="folder searched recursively for *.pdf")
    extract.add_argument("--out", type=Path, required=True, help="output folder")
    extract.add_argument("--jobs", type=int, default=1, help="worker processes for OCR (default 1)")
    extract.add_argument("--strict", action="store_true", help="exit 1 if any document failed")
    extract.add_argument("--dpi", type=int, default=300, help="OCR resolution (default 300)")
    extract.add_argument(
        "--no-cache", action="store_true", help="use neither the result cache nor the OCR cache"
    )
    extract.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' "
        "for a LocalCluster of --jobs workers on this machine",
    )
    limits = LimitSettings()
    extract.add_argument(
        "--page-timeout",
        type=float,
        default=limits.page_seconds,
        metavar="SECONDS",
        help=f"CPU seconds one page may use (default {limits.page_seconds:g})",
    )
    extract.add_argument(
        "--page-memory",
        type=int,
        default=limits.page_memory_mb,
        metavar="MB",
        help=f"memory one page may take (default {limits.page_memory_mb})",
    )
    extract.add_argument(
        "--max-pages",
        type=int,
        default=limits.max_pages,
        metavar="N",
        help=f"pages read per document (default {limits.max_pages})",
    )
    extract.add_argument(
        "--max-image-pixels",
        type=int,
        default=limits.max_image_pixels,
        metavar="N",
        help=f"largest page image decoded for OCR (default {limits.max_image_pixels:,})",
    )
    extract.add_argument("-v", "--verbose", action="store_true", help="log each page's route")
    extract.add_argument(
        "--corrections",
        type=Path,
        help="an auditor's corrections.csv (from review.html) to apply to this run",
    )
    repair = sub.add_parser("repair", help="repair Swedish text from stdin to stdout")
    repair.add_argument("--explain", action="store_true", help="list every change on stderr")
    return parser


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Given nothing, a block in which the cyclic garbage collector looks at young objects
    every 20,000 allocations rather than 700 (a run builds hundreds of thousands of rows
    that live to its end, and each collection walked them again); at its end the threshold
    is restored and what the block froze (``gc.freeze``) is unfrozen."""
    threshold = gc.get_threshold()
    gc.set_threshold(20_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def command_extract(args: argparse.Namespace) -> int:
    """Given parsed arguments, run the extraction and write the outputs; the exit code."""
    with long_lived_objects():
        return _extract(args)


def _extract(args: argparse.Namespace) -> int:
    """Given parsed arguments, run the extraction and write the outputs; the exit code."""
    from riskrad.corrections import read_corrections
    from riskrad.model.settings import OcrSettings, RunSettings
    from riskrad.outputs import write_run
    from riskrad.pipeline import run
    from riskrad.progress import Progress
    from riskrad.writer import output_lock, progress_sink

    gc.freeze()  # modules and word lists live to the end: collections leave them alone
    input_dir: Path = args.input_dir
    if not input_dir.is_dir():
        raise UsageError(f"input folder {str(input_dir)!r} does not exist or is not a folder")
    try:
        limits = LimitSettings(
            page_seconds=args.page_timeout,
            page_memory_mb=args.page_memory,
            max_pages=args.max_pages,
            max_image_pixels=args.max_image_pixels,
        )
        settings = RunSettings(
            jobs=args.jobs,
            use_cache=not args.no_cache,
            ocr=OcrSettings(dpi=args.dpi),
            limits=limits,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    corrections = read_corrections(args.corrections) if args.corrections else None
    with output_lock(args.out):  # a second run on the same OUT stops here, saying why
        progress = Progress(sink=None if sys.stderr.isatty() else progress_sink(args.out))
        try:
            result = run(
                input_dir,
                settings,
                progress=progress,
                scheduler=args.scheduler,
                corrections=corrections,
            )
        finally:
            progress.close()
        write_run(args.out, result, input_dir, progress_lines=progress.lines)
    print(result.summary(), file=sys.stderr)
    if result.corrections is not None:
        print("\n".join(result.corrections.log_lines()), file=sys.stderr)
    bad = [d for d in result.documents if d["status"] != "ok"]
    for doc in bad:
        print(f"  {doc['status']}: {doc['source_file']}: {doc['error']}", file=sys.stderr)
    return EXIT_FAILED if args.strict and bad else EXIT_OK


def command_repair(args: argparse.Namespace) -> int:
    """Given parsed arguments, repair stdin to stdout (and explain on stderr); the exit code."""
    from riskrad.normalize.repair import explain, repair_text

    text = sys.stdin.read()
    repaired = repair_text(text)
    sys.stdout.write(repaired.text)
    if text.endswith("\n") and not repaired.text.endswith("\n"):
        sys.stdout.write("\n")
    if args.explain:
        sys.stderr.write(explain(repaired))
        if not explain(repaired).endswith("\n"):
            sys.stderr.write("\n")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, run riskrad; the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    logging.basicConfig(
        level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        if args.command == "extract":
            return command_extract(args)
        return command_repair(args)
    except UsageError as exc:
        print(f"riskrad: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RiskradError as exc:
        print(f"riskrad: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
