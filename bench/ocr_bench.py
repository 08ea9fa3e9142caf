"""Benchmark the OCR route: accuracy and speed per resolution, overhead over plain Tesseract.

    .venv/bin/python bench/ocr_bench.py [speed] [--pages 4] [--rounds 1] [--same-image]
    .venv/bin/python bench/ocr_bench.py dpi     [--pages 4] [--font-size 10.5]
    .venv/bin/python bench/ocr_bench.py eng     [--pages 4]
    (all: --scan-dpi 200 --jpeg-quality 45 by default, like the corpus' scans)

Pages are corpus-like: Swedish text the lexicon and bigram model were not built from
(``bench/data/repair_eval_*.txt``: seed 004 and a hand-written text) set in a
born-digital PDF (ground truth = its text layer), then "scanned" (200 dpi
raster, skew up to 1.5 degrees, blur, noise, JPEG) into an image-only PDF. Two
kinds of page: prose, and ruled risk tables (Process, Risk, S, K, Riskvärde,
Kontrollmoment), measured and reported apart.

* ``speed``: CPU seconds per page of the full default OCR job of a run
  (``extract.ocr.run_job`` with the default settings and an empty cache: render,
  deskew, Tesseract, the English re-read of numbers, table lines from the image,
  line-glyph clean-up, the cache write) vs ``tesseract IMG out -l swe tsv`` on
  the same page image at the same dpi, both with OMP_THREAD_LIMIT=1; CPU seconds
  are counted (self + children), so other load on the machine does not distort
  the ratio.  Overhead = riskrad CPU / tesseract CPU - 1.  A breakdown by stage
  is printed beside it.
* ``dpi``: character error rate and CPU seconds per page at 200 vs 300 dpi.
* ``eng``: CER of an English-model OCR layer (``tesseract -l eng pdf``), of
  that layer after a dictionary repair of å/ä/ö, and of Swedish re-OCR.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np
import pdfplumber
from PIL import Image, ImageFilter
from rapidfuzz.distance import Levenshtein
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, Paragraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from riskrad.extract.cell_ocr import lone_marks  # noqa: E402
from riskrad.extract.image_rulings import find_rulings  # noqa: E402
from riskrad.extract.ocr import (  # noqa: E402
    DEFAULT,
    OcrJob,
    ocr_page_words,
    run_job,
    second_opinion_numbers,
    tesseract_config,
)
from riskrad.extract.render import deskew, render_page  # noqa: E402
from riskrad.extract.scan_image import page_lines  # noqa: E402
from riskrad.model.lexicon import (  # noqa: E402
    OCR_STANDINS,
    best_web_zipf,
    diacritic_variants,
    is_swedish_word,
    web_zipf,
)

FONT = "BenchSans"
FONT_PATH = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
SCAN_DPI = 200  # like corpus/damage.py's ScanSettings
JPEG_QUALITY = 45
T = TypeVar("T")
pdfmetrics.registerFont(TTFont(FONT, FONT_PATH))


def cpu_seconds() -> float:
    """Given nothing, CPU seconds used so far by this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def cer(hypothesis: str, reference: str) -> float:
    """Given two texts, the character error rate (edits / reference length), spaces collapsed."""
    hyp, ref = " ".join(hypothesis.split()), " ".join(reference.split())
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


# Text the lexicon and bigram model were not built from (bench/repair_bench.py's split).
UNSEEN_TEXTS = "repair_eval_*.txt"


def source_paragraphs() -> list[str]:
    """Given nothing, prose paragraphs (>= 200 chars) of the unseen evaluation texts."""
    paragraphs: list[str] = []
    for path in sorted((ROOT / "bench" / "data").glob(UNSEEN_TEXTS)):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            text = " ".join(block.replace("*", "").replace("<p>", " ").replace("</p>", " ").split())
            if len(text) >= 200 and "|" not in text and "\t" not in block:
                paragraphs.append(text)
    return paragraphs


def source_phrases() -> list[str]:
    """Given nothing, short phrases (4-14 words) of the unseen evaluation texts, for cells."""
    phrases: list[str] = []
    for paragraph in source_paragraphs():
        for sentence in paragraph.replace("?", ".").replace("!", ".").split(". "):
            words = sentence.split()
            for start in range(0, len(words), 14):
                piece = words[start : start + 14]
                if len(piece) >= 4:
                    phrases.append(" ".join(piece))
    return phrases


def build_table_pages(directory: Path, count: int, font_size: float) -> list[tuple[Path, str]]:
    """Given a directory and a page count, born-digital ruled risk-table PDFs and their text."""
    from reportlab.platypus import Table, TableStyle

    phrases = source_phrases()
    style = ParagraphStyle("c", fontName=FONT, fontSize=font_size - 1.5, leading=font_size * 1.1)
    header = ["Process", "Risk", "S", "K", "Riskvärde", "Kontrollmoment"]
    pages: list[tuple[Path, str]] = []
    cursor = 0
    for n in range(count):
        path = directory / f"table{n}.pdf"
        rows: list[list[object]] = [header]
        for r in range(9):
            s, k = (r * 7 + n) % 4 + 1, (r * 5 + n * 3) % 4 + 1
            cells = phrases[cursor : cursor + 3]
            cursor += 3
            rows.append(
                [Paragraph(cells[0].split(" ", 3)[-1][:40], style), Paragraph(cells[1], style),
                 str(s), str(k), str(s * k), Paragraph(cells[2], style)]
            )
        table = Table(rows, colWidths=[80, 150, 22, 22, 52, 150])
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, "black"),
            ("FONTNAME", (0, 0), (-1, 0), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        frame = Frame(50, 50, A4[0] - 100, A4[1] - 100)
        frame.addFromList([table], c)
        c.showPage()
        c.save()
        with pdfplumber.open(path) as doc:
            pages.append((path, doc.pages[0].extract_text() or ""))
    return pages


def build_pages(directory: Path, count: int, font_size: float) -> list[tuple[Path, str]]:
    """Given a directory and a page count, born-digital prose PDFs with their text-layer text."""
    paragraphs = source_paragraphs()
    style = ParagraphStyle(
        "p", fontName=FONT, fontSize=font_size, leading=font_size * 1.3, spaceAfter=7
    )
    pages: list[tuple[Path, str]] = []
    cursor = 0
    for n in range(count):
        path = directory / f"page{n}.pdf"
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        frame = Frame(60, 60, A4[0] - 120, A4[1] - 120)
        per_page = max(2, round(6 * (10.5 / font_size) ** 2))
        story = [Paragraph(p, style) for p in paragraphs[cursor : cursor + per_page]]
        cursor += per_page
        frame.addFromList(story, c)
        c.showPage()
        c.save()
        with pdfplumber.open(path) as doc:
            pages.append((path, doc.pages[0].extract_text() or ""))
    return pages


def scan_image(image: Image.Image, *, skew: float, seed: int, quality: int) -> Image.Image:
    """Given a clean page image, a scanner-like copy: skewed, blurred, noisy, JPEG-compressed."""
    rotated = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    blurred = rotated.filter(ImageFilter.GaussianBlur(0.7))
    arr = np.asarray(blurred, dtype=np.float32) * 0.9 + 12
    arr += np.random.default_rng(seed).normal(0.0, 9.0, arr.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L").save(
        out, format="JPEG", quality=quality
    )
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def build_scans(
    pages: list[tuple[Path, str]], scan_dpi: int, quality: int
) -> list[tuple[Path, str, Image.Image]]:
    """Given born-digital pages, image-only "scanned" PDFs beside them (and the scan image)."""
    scans = []
    for n, (path, truth) in enumerate(pages):
        skew = (n * 0.9) % 3 - 1.5
        image = scan_image(render_page(path, 0, scan_dpi), skew=skew, seed=n, quality=quality)
        out = path.with_name(path.stem + "_scan.pdf")
        c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
        c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
        c.save()
        scans.append((out, truth, image))
    return scans


def riskrad_page(pdf: Path, dpi: int) -> str:
    """Given a one-page PDF and a dpi, the text riskrad's OCR route reads (render+deskew+OCR)."""
    image, _ = deskew(render_page(pdf, 0, dpi))
    words = ocr_page_words(image, page_width_pt=A4[0], page_height_pt=A4[1], dpi=dpi)
    return " ".join(w.text for w in words)


def plain_tesseract(png: Path, dpi: int) -> None:
    """Given a page image file, run `tesseract IMG out -l swe tsv` on it (same config)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "tesseract",
                str(png),
                str(Path(tmp) / "out"),
                "-l",
                "swe",
                *tesseract_config(dpi).split(),
                "tsv",
            ],
            check=True,
            capture_output=True,
        )


def timed(fn: Callable[[], T]) -> tuple[float, float, T]:
    """Given a thunk, its (cpu seconds incl. children, wall seconds, result)."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    result = fn()
    return cpu_seconds() - cpu, time.perf_counter() - wall, result


def run_speed(
    scans: list[tuple[Path, str, Image.Image]], dpi: int, rounds: int, same_image: bool
) -> tuple[float, float]:
    """Given scanned pages, print the default OCR job vs plain Tesseract CPU per page, the
    overhead and a breakdown by stage; return (job, tesseract) CPU seconds per page."""
    assert dpi == DEFAULT.dpi, "the default OCR job renders at the default dpi"
    pngs = []
    for pdf, _, _ in scans:
        png = pdf.with_suffix(f".{dpi}.png")
        render_page(pdf, 0, dpi).save(png, dpi=(dpi, dpi))
        pngs.append(png)
    stages = (
        "render", "deskew", "ocr_page_words", "second_opinion", "rulings", "page_lines",
        "lone_marks", "same_image",
    )  # fmt: skip
    cpu = dict.fromkeys(("tesseract", "job", *stages), 0.0)
    wall = dict.fromkeys(("tesseract", "job"), 0.0)
    with tempfile.TemporaryDirectory(prefix="riskrad_ocr_bench_cache_") as cache:
        for round_ in range(rounds):
            for (pdf, _, _), png in zip(scans, pngs, strict=True):
                c, w, _ = timed(partial(plain_tesseract, png, dpi))
                cpu["tesseract"] += c
                wall["tesseract"] += w
                job = OcrJob(pdf, 0, cache_dir=Path(cache) / str(round_))  # empty: cold
                c, w, _ = timed(partial(run_job, job))
                cpu["job"] += c
                wall["job"] += w
                # the same stages one by one, for the breakdown
                c1, _, image = timed(partial(render_page, pdf, 0, dpi))
                c2, _, (straight, _) = timed(partial(deskew, image))
                read = partial(
                    ocr_page_words, straight, page_width_pt=A4[0], page_height_pt=A4[1], dpi=dpi
                )
                c3, _, words = timed(read)
                recheck = partial(
                    second_opinion_numbers, straight, words, page_width_pt=A4[0], dpi=dpi
                )
                cpu["second_opinion"] += timed(recheck)[0]
                cpu["rulings"] += timed(partial(find_rulings, straight, dpi=dpi))[0]
                # the job's own line search (fills, faint and dashed lines) and lone marks
                cpu["page_lines"] += timed(partial(page_lines, straight, dpi=dpi))[0]
                marks = partial(lone_marks, straight, words, straight.width / A4[0])
                cpu["lone_marks"] += timed(marks)[0]
                if same_image:
                    unstraightened = partial(
                        ocr_page_words, image, page_width_pt=A4[0], page_height_pt=A4[1], dpi=dpi
                    )
                    cpu["same_image"] += timed(unstraightened)[0]
                cpu["render"] += c1
                cpu["deskew"] += c2
                cpu["ocr_page_words"] += c3
    n = len(scans) * rounds
    ours, theirs = cpu["job"], cpu["tesseract"]
    print(f"  pages={n} dpi={dpi} (OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')})")
    print(
        f"  tesseract CLI       : {theirs / n:.2f} cpu-s/page -> {n / theirs:.3f} pages/s/core"
        f"  (wall {wall['tesseract'] / n:.2f} s/page)"
    )
    print(
        f"  default OCR job     : {ours / n:.2f} cpu-s/page -> {n / ours:.3f} pages/s/core"
        f"  (wall {wall['job'] / n:.2f} s/page)"
    )
    print(
        "    stages, one by one: "
        + ", ".join(
            f"{k} {cpu[k] / n:.2f}"
            for k in ("render", "deskew", "ocr_page_words", "second_opinion", "rulings")
        )
        + f"; the job's line search (page_lines) {cpu['page_lines'] / n:.2f}"
        + f", lone marks {cpu['lone_marks'] / n:.2f}"
    )
    print(f"  overhead            : {ours / theirs - 1:+.1%} cpu")
    if same_image:
        print(
            f"  ocr_page_words on the un-deskewed image (wrapper only): "
            f"{cpu['same_image'] / n:.2f} cpu-s/page ({cpu['same_image'] / theirs - 1:+.1%})"
        )
    return ours / n, theirs / n


def run_dpi(scans: list[tuple[Path, str, Image.Image]]) -> None:
    """Given scanned pages, print CER and CPU seconds per page at 200 and 300 dpi."""
    for dpi in (200, 300):
        errors, cpu = [], 0.0
        for pdf, truth, _ in scans:
            c, _, text = timed(partial(riskrad_page, pdf, dpi))
            cpu += c
            errors.append(cer(text, truth))
        print(
            f"dpi={dpi}: mean CER {np.mean(errors):.2%} (per page "
            f"{', '.join(f'{e:.2%}' for e in errors)}), {cpu / len(scans):.2f} cpu-s/page"
        )


def repair_word(token: str) -> str:
    """Given an English-model OCR token, the likeliest Swedish spelling (dictionary repair)."""
    core = token.strip(".,;:()!?\"'")
    if not core:
        return token
    lead, tail = token[: token.find(core)], token[token.find(core) + len(core) :]
    lower = core.casefold()
    candidates = {lower}
    slots = [i for i, ch in enumerate(lower) if ch in OCR_STANDINS and not ch.isalpha()]
    for i in slots:
        candidates |= {c[:i] + OCR_STANDINS[lower[i]] + c[i + 1 :] for c in list(candidates)}
    candidates |= {c.replace("é", "ö") for c in list(candidates)}
    expanded = set(candidates)
    for c in candidates:
        expanded |= set(diacritic_variants(c))
    alpha = [c for c in expanded if c.isalpha() and "é" not in c]
    if not alpha:
        return token
    best = max(alpha, key=lambda c: (best_web_zipf([c]), c == lower))
    if best == lower or (is_swedish_word(lower) and web_zipf(best) < web_zipf(lower) + 1.5):
        return token
    fixed = best.capitalize() if core[:1].isupper() else best
    return lead + fixed + tail


def run_eng(scans: list[tuple[Path, str, Image.Image]]) -> None:
    """Given scanned pages, print CER of the eng OCR layer, it repaired, and Swedish re-OCR."""
    rows = []
    for pdf, truth, image in scans:
        png = pdf.with_suffix(".eng.png")
        image.save(png, dpi=(image.width * 72 // round(A4[0]),) * 2)
        base = pdf.with_name(pdf.stem + "_eng")
        subprocess.run(
            ["tesseract", str(png), str(base), "-l", "eng", "pdf"], check=True, capture_output=True
        )
        with pdfplumber.open(base.with_suffix(".pdf")) as doc:
            layer = doc.pages[0].extract_text() or ""
        repaired = " ".join(repair_word(t) for t in layer.split())
        swedish = riskrad_page(base.with_suffix(".pdf"), 300)
        rows.append((cer(layer, truth), cer(repaired, truth), cer(swedish, truth)))
    arr = np.array(rows)
    print("page  eng-layer  eng-layer+dictionary-repair  swe-re-OCR(300dpi)")
    for n, (a, b, c) in enumerate(rows):
        print(f"{n:4d}  {a:8.2%}  {b:12.2%}  {c:12.2%}")
    a, b, c = arr.mean(axis=0)
    print(f"mean  {a:8.2%}  {b:12.2%}  {c:12.2%}")


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, run the chosen benchmark and print its numbers."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("mode", nargs="?", default="speed", choices=["speed", "dpi", "eng"])
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--font-size", type=float, default=10.5)
    parser.add_argument("--scan-dpi", type=int, default=SCAN_DPI, help="resolution of the scan")
    parser.add_argument("--jpeg-quality", type=int, default=JPEG_QUALITY)
    parser.add_argument(
        "--same-image", action="store_true", help="speed: also OCR the un-deskewed image"
    )
    args = parser.parse_args(argv)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    print("command: python bench/ocr_bench.py " + " ".join(argv or sys.argv[1:]))
    with tempfile.TemporaryDirectory(prefix="riskrad_ocr_bench_") as tmp:
        pages = build_pages(Path(tmp), args.pages, args.font_size)
        scans = build_scans(pages, args.scan_dpi, args.jpeg_quality)
        if args.mode == "speed":
            tables = build_table_pages(Path(tmp), args.pages, args.font_size)
            table_scans = build_scans(tables, args.scan_dpi, args.jpeg_quality)
            print("prose pages:")
            run_speed(scans, args.dpi, args.rounds, args.same_image)
            print("table pages (ruled risk tables):")
            run_speed(table_scans, args.dpi, args.rounds, args.same_image)
        elif args.mode == "dpi":
            run_dpi(scans)
        else:
            run_eng(scans)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
