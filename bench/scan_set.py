"""Build a set of table scans made differently from the corpus' own (for the OCR issue).

    .venv/bin/python bench/scan_set.py OUT_DIR [--styles grid,thin_grey,...] [--dpi 200,300]

Each short corpus document (corpus/build.py's four layouts) is re-rendered in
table styles the corpus does not use, born-digital, and then scanned (corpus/
damage.py: skew, noise, blur, JPEG) at the chosen resolutions, some pages
turned sideways or upside down without /Rotate. Every PDF gets a
NAME.expected.json beside it (the same rows), so ``bench/scan_eval.py`` can
score the scans next to their born-digital twins.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from reportlab.lib import colors
from reportlab.platypus import TableStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "corpus"))

import build  # noqa: E402
import damage  # noqa: E402

GREEN = colors.HexColor("#8fd18f")
YELLOW = colors.HexColor("#ffe066")
RED = colors.HexColor("#f08080")
SHADE = colors.HexColor("#c8c8c8")
ZEBRA = colors.HexColor("#ececec")
PADDING: list[tuple[Any, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def value_colours(rows: int, col: int = 2) -> list[tuple[Any, ...]]:
    """Given a body row count, green/yellow/red fills down one value column."""
    cycle = (GREEN, YELLOW, RED)
    return [("BACKGROUND", (col, r), (col, r), cycle[r % 3]) for r in range(1, rows)]


class ColouredTable(build.Table):  # type: ignore[misc,name-defined]
    """A reportlab Table whose third column's body cells are coloured green/yellow/red."""

    def __init__(self, data: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        if len(data) > 1 and len(data[0]) > 2:
            self.setStyle(TableStyle(value_colours(len(data))))


def style_thin_grey(header_rows: int, extra: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Given the header rows and extras, hairline light-grey rulings, a shaded header."""
    cmds = [("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b0b0")), *PADDING]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return cmds + list(extra)


def style_dashed(header_rows: int, extra: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Given the header rows and extras, dashed grey rulings and coloured value cells."""
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#707070"), None, (2, 2)),
        *PADDING,
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return cmds + list(extra)


def style_fills(header_rows: int, extra: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Given the header rows and extras, no lines at all: shaded header, zebra rows, colours."""
    cmds: list[tuple[Any, ...]] = [*PADDING, ("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, ZEBRA])]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return cmds + list(extra)


def style_coloured(header_rows: int, extra: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Given the header rows and extras, the ruled style with coloured value cells."""
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, build.GRID), *PADDING]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return cmds + list(extra)


StyleFn = Callable[[int, Sequence[tuple[Any, ...]]], list[tuple[Any, ...]]]
COLOURED = frozenset({"grid", "dashed", "fills"})
STYLES: dict[str, StyleFn] = {
    "grid": style_coloured,
    "thin_grey": style_thin_grey,
    "dashed": style_dashed,
    "fills": style_fills,
}
LAYOUTS: dict[str, Callable[[build.Options], build.Built]] = {
    "ruled": build.build_ruled_risk_table,
    "export": build.build_risk_export,
    "control": build.build_control_report,
    "report": build.build_report_table,
}


@dataclass(frozen=True, slots=True)
class Scan:
    """How one document is scanned: resolution, JPEG quality, skew and page turn."""

    dpi: int
    quality: int
    skew: float
    turn: int  # degrees counter-clockwise applied to every page image: 0, 90, 180, 270


def styled(fn: StyleFn) -> Callable[..., TableStyle]:
    """Given a style function, a drop-in for build.ruled_style."""

    def ruled_style(header_rows: int, extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
        return TableStyle(fn(header_rows, extra))

    return ruled_style


def turned(
    pages: list[damage.ScannedPage], turn: int, dpi: int, quality: int
) -> list[damage.ScannedPage]:
    """Given scanned pages, the pages turned by a multiple of 90 degrees (size swapped)."""
    if turn % 360 == 0:
        return pages
    out = []
    for page in pages:
        img = Image.open(io.BytesIO(page.jpeg)).rotate(turn, expand=True)
        w, h = (page.height, page.width) if turn % 180 else (page.width, page.height)
        out.append(damage.ScannedPage(damage.jpeg_bytes(img, quality, dpi), w, h))
    return out


def scans_for(index: int, dpis: Sequence[int]) -> list[Scan]:
    """Given a document's index and the resolutions, its scans (deterministic variety)."""
    rng = np.random.default_rng(1000 + index)
    out = []
    for dpi in dpis:
        quality = int(rng.integers(35, 61))
        skew = float(rng.uniform(-2.0, 2.0))
        out.append(Scan(dpi, quality, skew, 0))
    turn = (90, 180, 270)[index % 3]
    out.append(Scan(200, int(rng.integers(35, 61)), float(rng.uniform(-1.0, 1.0)), turn))
    return out


def write_doc(
    built: build.Built, out: Path, name: str, work: Path, scans: list[Scan]
) -> list[Path]:
    """Given a built document, its born-digital PDF and scans with expected JSON, the paths."""
    rendered = build.render(built, work)
    paths = []
    digital = out / f"{name}.pdf"
    digital.write_bytes(rendered.path.read_bytes())
    build.write_json(build.expected_json(built, rendered), digital.with_suffix(".expected.json"))
    paths.append(digital)
    for s in scans:
        settings = damage.ScanSettings(dpi=s.dpi, max_skew_deg=abs(s.skew), jpeg_quality=s.quality)
        pages = damage.scan(rendered.path, build.seed_of(name) + s.dpi + s.turn, settings)
        pages = turned(pages, s.turn, s.dpi, s.quality)
        path = out / f"{name}_scan{s.dpi}_q{s.quality}_t{s.turn}.pdf"
        damage.image_pdf(pages, path, built.meta.title)
        exp = build.expected_json(
            built, rendered, f"scan{s.dpi}" + ("_turned" if s.turn else ""), rendered.pages
        )
        build.write_json(exp, path.with_suffix(".expected.json"))
        paths.append(path)
    return paths


def scan_folder(source: Path, out: Path, seeds: set[int] | None, eng_every: int) -> list[Path]:
    """Given a folder of born-digital PDFs with expected JSON (e.g. the layout generator's),
    each copied with one scan of it (200 or 300 dpi, JPEG 35-60, skew up to 2 degrees; every
    eng_every-th also as an English-model OCR layer over the scan), the paths written."""
    written = []
    pdfs = sorted(p for p in source.rglob("*.pdf") if p.with_suffix(".expected.json").exists())
    for index, pdf in enumerate(pdfs):
        seed_no = next((int(part) for part in pdf.stem.split("_") if part.isdigit()), 0)
        if seeds is not None and seed_no not in seeds:
            continue
        data = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
        rng = np.random.default_rng(build.seed_of(pdf.name))
        dpi = (200, 300)[int(rng.integers(0, 2))]
        quality = int(rng.integers(35, 61))
        settings = damage.ScanSettings(dpi=dpi, max_skew_deg=2.0, jpeg_quality=quality)
        pages = damage.scan(pdf, build.seed_of(pdf.name), settings)
        digital = out / pdf.name
        digital.write_bytes(pdf.read_bytes())
        (out / f"{pdf.stem}.expected.json").write_text(json.dumps(data, ensure_ascii=False))
        variants = [("scan", f"{pdf.stem}_scan{dpi}_q{quality}")]
        if eng_every and index % eng_every == 0:
            variants.append(("eng_ocr_layer", f"{pdf.stem}_scan{dpi}_q{quality}_eng"))
        for variant, stem in variants:
            path = out / f"{stem}.pdf"
            if variant == "scan":
                damage.image_pdf(pages, path, pdf.stem)
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    damage.ocr_layer_pdf(pages, Path(tmp), path, "eng")
            exp = dict(data, variant=variant)
            exp["document"] = dict(data["document"], pages_ocr=data["document"].get("pages"))
            path.with_suffix(".expected.json").write_text(json.dumps(exp, ensure_ascii=False))
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Given command-line arguments, build the set and print the files written."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", type=Path, help="scan these born-digital PDFs instead")
    parser.add_argument("--seeds", help="with --source: only these seeds, e.g. 0,1")
    parser.add_argument(
        "--eng-every",
        type=int,
        default=3,
        help="with --source: every Nth document also with an English-model OCR layer (0: none)",
    )
    parser.add_argument("--styles", default=",".join(STYLES))
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--dpi", default="200,300")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.source is not None:
        seeds = {int(x) for x in args.seeds.split(",")} if args.seeds else None
        for path in scan_folder(args.source, args.out, seeds, args.eng_every):
            print(path.name)
        return 0
    dpis = [int(d) for d in args.dpi.split(",")]
    build.register_fonts()
    original = build.ruled_style
    table_class = build.Table
    index = 0
    with tempfile.TemporaryDirectory() as tmp:
        for style in args.styles.split(","):
            build.ruled_style = styled(STYLES[style])
            build.Table = ColouredTable if style in COLOURED else table_class
            try:
                for layout in args.layouts.split(","):
                    built = LAYOUTS[layout](build.SHORT)
                    name = f"{layout}_{style}"
                    for path in write_doc(
                        built, args.out, name, Path(tmp) / name, scans_for(index, dpis)
                    ):
                        print(path.name)
                    index += 1
            finally:
                build.ruled_style = original
                build.Table = table_class
    return 0


if __name__ == "__main__":
    sys.exit(main())
