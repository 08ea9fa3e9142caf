"""Where a scan loses rows against its born-digital twin: page by page, table by table.

    .venv/bin/python bench/scan_diff.py SCAN.pdf [TWIN.pdf] [--cells]

The twin is the scan's name without ``_scanned``/``_eng_ocr_layer`` (and ``_scan...``) when
not given. For each page: the tables (ruled grids) both routes find, their rows and
columns, and with --cells each cell's text side by side where they differ; then the rows
the recognizer gives from each route, and the expected rows neither or only one found.
OCR goes through the on-disk cache (RISKRAD_CACHE_DIR), so a second look is quick.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate import key_text, load_expected, match_rows  # noqa: E402
from riskrad.extract.blocks import page_blocks, running_lines, split_page  # noqa: E402
from riskrad.extract.ocr import OcrJob, page_record, run_job  # noqa: E402
from riskrad.extract.recognize import recognise  # noqa: E402
from riskrad.extract.tables import Grid  # noqa: E402
from riskrad.extract.textlayer import read_text_layer  # noqa: E402
from riskrad.model.records import PageDecision, PageRecord  # noqa: E402
from riskrad.normalize.repair import repair_text  # noqa: E402
from riskrad.normalize.rows import map_rows  # noqa: E402


def text_records(pdf: Path) -> list[PageRecord]:
    """Given a born-digital PDF, its pages as the text route reads them."""
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for i, page in enumerate(doc):
            t = read_text_layer(page, i + 1)
            out.append(
                PageRecord(
                    t.page,
                    t.width,
                    t.height,
                    t.words,
                    t.rulings,
                    PageDecision(route="text", reason=""),
                    fills=t.fills,
                )
            )
    finally:
        doc.close()
    return out


def ocr_records(pdf: Path) -> list[PageRecord]:
    """Given a scanned PDF, its pages as the OCR route reads them."""
    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc)
    doc.close()
    decision = PageDecision(route="ocr", reason="")
    return [page_record(run_job(OcrJob(pdf, i)), decision) for i in range(n)]


def blocks_of(records: list[PageRecord]) -> list[list[Grid]]:
    """Given page records, each page's grids (ruled and unruled) as the recognizer sees them."""
    layouts = [split_page(p) for p in records]
    running = running_lines(layouts)
    return [[b for b in page_blocks(lay, running) if isinstance(b, Grid)] for lay in layouts]


def grid_texts(grid: Grid) -> list[list[str]]:
    """Given a grid, its rows' cell texts (one line each)."""
    return [[(c.text.replace("\n", " ") if c else "·") for c in row] for row in grid.rows]


def twin_of(scan: Path) -> Path:
    """Given a scan's path, its born-digital twin's."""
    stem = re.sub(r"_(scanned|eng_ocr_layer)$", "", scan.stem)
    stem = re.sub(r"_scan\d+.*$", "", stem)
    return scan.with_name(stem + ".pdf")


def main() -> None:
    """Given the command line, print the comparison."""
    parser = argparse.ArgumentParser()
    parser.add_argument("scan", type=Path)
    parser.add_argument("twin", type=Path, nargs="?")
    parser.add_argument("--cells", action="store_true")
    args = parser.parse_args()
    twin = args.twin or twin_of(args.scan)
    born, scanned = text_records(twin), ocr_records(args.scan)
    for n, (gb, gs) in enumerate(zip(blocks_of(born), blocks_of(scanned), strict=False), 1):
        print(
            f"page {n}: text {[(len(g.rows), g.n_cols) for g in gb]}"
            f"  ocr {[(len(g.rows), g.n_cols) for g in gs]}"
        )
        if args.cells:
            for a, b in zip(gb, gs, strict=False):
                ta, tb = grid_texts(a), grid_texts(b)
                for r in range(max(len(ta), len(tb))):
                    ra = ta[r] if r < len(ta) else []
                    rb = tb[r] if r < len(tb) else []
                    if ra != rb:
                        print(f"   r{r} text: {ra}")
                        print(f"   r{r} ocr : {rb}")
    exp = load_expected(args.scan.with_name(args.scan.stem + ".expected.json"))
    for label, records in (("text", born), ("ocr", scanned)):
        layout = recognise(records)
        mapped = map_rows(layout, "doc", repair_text)
        for table, want, got in (
            ("risks", exp.risks, mapped.risks),
            ("controls", exp.controls, mapped.controls),
        ):
            pairs = match_rows(want, [dict(r) for r in got], table)
            missing = [key_text(w, table)[:60] for w, m in pairs if m is None]
            print(
                f"{label}: {table} {sum(m is not None for _, m in pairs)}/{len(want)} "
                f"found of {len(got)}; missing {missing}"
            )


if __name__ == "__main__":
    main()
