"""Tables on scans: thin, light, dashed rulings and fills found; pages cleaned before OCR;
pages scanned sideways or upside down read upright; words never span two cells.

Every page is drawn here with reportlab and "scanned" (rendered, turned, noise, blur,
JPEG) with the corpus' damage functions, so the tests need no files outside the repo.
"""

from __future__ import annotations

import io
import itertools
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from riskrad.extract.ocr import OcrJob, run_job, sideways_turn, split_at_rulings
from riskrad.extract.render import deskew, render_page
from riskrad.extract.scan_image import (
    _Sizes,
    clean_for_ocr,
    complete_header_columns,
    faint_gaps,
    page_lines,
    text_runs_down,
)
from riskrad.extract.tables import find_grids
from riskrad.model.records import BBox, Ruling, Word

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage

FONT = "ScanTablesSans"
pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
DPI = 300
X0, Y0 = 60.0, 150.0  # table's top-left in points (top-left origin)
COLS = (60.0, 200.0, 330.0, 400.0, 470.0)  # column boundaries
ROW_H = 28.0
HEADER = ("Risk", "Ansvarig", "S", "K")
BODY = (
    ("Felaktig utbetalning", "Ekonomichef", "3", "4"),
    ("Brister i arkivering", "Registrator", "2", "3"),
    ("Jäv vid upphandling", "Inköpschef", "1", "4"),
)
GREEN, YELLOW, RED = (
    colors.HexColor("#8fd18f"),
    colors.HexColor("#ffe066"),
    colors.HexColor("#f08080"),
)


def draw_table(path: Path, style: str, *, pagesize: tuple[float, float] = A4) -> None:
    """Given a path and a style ('dashed', 'hairline' or 'fills'), a one-table PDF there:
    shaded header, coloured S cells; rulings dashed grey, hairline light grey, or none (cells
    told apart by fills with white gaps only)."""
    height = pagesize[1]
    c = canvas.Canvas(str(path), pagesize=pagesize, invariant=1)
    rows = [HEADER, *BODY]
    bottom = Y0 + ROW_H * len(rows)
    gap = 1.5 if style == "fills" else 0.0
    for r, row in enumerate(rows):
        top = Y0 + r * ROW_H
        for k in range(len(COLS) - 1):
            fill = None
            if r == 0:
                fill = colors.HexColor("#c8c8c8")
            elif k == 2:
                fill = (GREEN, YELLOW, RED)[r % 3]
            elif style == "fills":
                fill = colors.HexColor("#e6e6e6") if r % 2 else colors.HexColor("#d0e4f5")
            if fill is not None:
                c.setFillColor(fill)
                c.rect(
                    COLS[k] + gap,
                    height - top - ROW_H + gap,
                    COLS[k + 1] - COLS[k] - 2 * gap,
                    ROW_H - 2 * gap,
                    stroke=0,
                    fill=1,
                )
            c.setFillColor(colors.black)
            c.setFont(FONT, 10)
            c.drawString(COLS[k] + 4, height - top - 18, row[k])
    if style != "fills":
        c.setStrokeColor(colors.HexColor("#707070" if style == "dashed" else "#b0b0b0"))
        c.setLineWidth(0.6 if style == "dashed" else 0.25)
        if style == "dashed":
            c.setDash(2, 2)
        for r in range(len(rows) + 1):
            y = height - (Y0 + r * ROW_H)
            c.line(COLS[0], y, COLS[-1], y)
        for x in COLS:
            c.line(x, height - Y0, x, height - bottom)
    c.setFillColor(colors.black)
    c.setFont(FONT, 10)
    c.drawString(X0, height - 100, "Internkontrollplan 2024 för kommunstyrelsen")
    c.showPage()
    c.save()


def scanned(clean: Path, out: Path, *, turn: int = 0, seed: int = 3) -> Path:
    """Given a born-digital PDF, it scanned at 200 dpi (skew, noise, JPEG 45), turned by
    turn degrees counter-clockwise without /Rotate, as an image-only PDF."""
    settings = damage.ScanSettings(dpi=200, max_skew_deg=1.5, jpeg_quality=45)
    pages = damage.scan(clean, seed, settings)
    if turn:
        turned = []
        for page in pages:
            img = Image.open(io.BytesIO(page.jpeg)).rotate(turn, expand=True)
            w, h = (page.height, page.width) if turn % 180 else (page.width, page.height)
            turned.append(damage.ScannedPage(damage.jpeg_bytes(img, 45, 200), w, h))
        pages = turned
    damage.image_pdf(pages, out, "scan")
    return out


def grid_cells(pdf: Path) -> list[int]:
    """Given a one-page scan, the cell counts of the tables its found lines rebuild (with a
    word in each header cell, where the drawing put them)."""
    image, _ = deskew(render_page(pdf, 0, DPI))
    lines = page_lines(image, dpi=DPI)
    words = tuple(
        Word(text, BBox(x + 4, Y0 + 8, x + 24, Y0 + 20), origin="ocr")
        for text, x in zip(HEADER, COLS, strict=False)
    )
    rulings = complete_header_columns(lines.rulings, words)
    return [
        sum(c is not None for row in g.rows for c in row) for g in find_grids(1, rulings, words)
    ]


@pytest.mark.parametrize("style", ["dashed", "hairline", "fills"])
def test_table_cells_are_rebuilt_from_scanned_lines_and_fills(style: str, tmp_path: Path) -> None:
    clean = tmp_path / f"{style}.pdf"
    draw_table(clean, style)
    cells = grid_cells(scanned(clean, tmp_path / f"{style}_scan.pdf"))
    assert 16 in cells, cells  # 4 rows x 4 columns, one table


def test_cleaning_whitens_fills_and_erases_rulings_but_keeps_text(tmp_path: Path) -> None:
    clean = tmp_path / "dashed.pdf"
    draw_table(clean, "dashed")
    image, _ = deskew(render_page(scanned(clean, tmp_path / "scan.pdf"), 0, DPI))
    lines = page_lines(image, dpi=DPI)
    flat = np.asarray(clean_for_ocr(image, lines))
    original = np.asarray(image)
    s = DPI / 72.0
    # the red S cell of the third body row, away from its text: was dark, now paper
    red = (
        slice(round((Y0 + 3 * ROW_H + 3) * s), round((Y0 + 3 * ROW_H + 8) * s)),
        slice(round((COLS[2] + 30) * s), round((COLS[3] - 5) * s)),
    )
    assert original[red].mean() < 200 and flat[red].mean() > 235
    # a vertical ruling between two cells, in a body row without text there: gone
    x = round(COLS[1] * s)
    rows = slice(round((Y0 + ROW_H + 20) * s), round((Y0 + 2 * ROW_H - 2) * s))
    assert flat[rows, x - 8 : x + 9].min(axis=1).mean() > 200
    # text stays dark: the header word "Risk"
    word = (
        slice(round((Y0 + 8) * s), round((Y0 + 20) * s)),
        slice(round((COLS[0] + 4) * s), round((COLS[0] + 26) * s)),
    )
    assert flat[word].min() < 90


def test_sideways_page_is_told_from_an_upright_one(tmp_path: Path) -> None:
    clean = tmp_path / "hairline.pdf"
    draw_table(clean, "hairline")
    upright = render_page(scanned(clean, tmp_path / "up.pdf"), 0, 100)
    sideways = render_page(scanned(clean, tmp_path / "side.pdf", turn=90), 0, 100)
    assert not text_runs_down(upright)
    assert text_runs_down(sideways)


NARROW_WORDS = [
    "Kontroll",
    "av",
    "att",
    "rutinen",
    "följs",
    "Ekonomichef",
    "Månadsvis",
    "Stickprov",
    "om",
    "tio",
    "ärenden",
]


def draw_narrow_columns(path: Path, cols: int = 13, rows: int = 5, lines: int = 8) -> None:
    """Given a path, a portrait page with a ruled table of cols narrow columns whose cells
    hold lines short words, one a line (an A3 follow-up's wrapped cells, set on A4)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    x0, y0, w = 40.0, 780.0, (A4[0] - 80) / cols
    rh = lines * 10 + 8
    c.setFont(FONT, 7.5)
    for r in range(rows + 1):
        c.line(x0, y0 - r * rh, x0 + cols * w, y0 - r * rh)
    for k in range(cols + 1):
        c.line(x0 + k * w, y0, x0 + k * w, y0 - rows * rh)
    n = 0
    for r in range(rows):
        for k in range(cols):
            for i in range(lines):
                word = NARROW_WORDS[n % len(NARROW_WORDS)][:8]
                c.drawString(x0 + k * w + 3, y0 - r * rh - 11 - i * 10, word)
                n += 1
    c.save()


def test_an_upright_table_of_narrow_columns_is_not_turned(tmp_path: Path) -> None:
    # its ink profile is near the border (short lines in narrow ruled columns): on the
    # profile alone it was turned a quarter and read as garbage, a document without rows
    clean = tmp_path / "narrow.pdf"
    draw_narrow_columns(clean)
    scan = scanned(clean, tmp_path / "narrow_scan.pdf")
    assert text_runs_down(render_page(scan, 0, 300))  # the case: the profile is unsure
    result = run_job(OcrJob(scan, 0, cache_dir=tmp_path / "cache"))
    assert result.turn_degrees == 0
    assert sum(w.text == "Kontroll" for w in result.words) >= 10  # read across, not down


def test_a_sideways_scan_is_turned_upright(tmp_path: Path) -> None:
    clean = tmp_path / "hairline.pdf"
    draw_table(clean, "hairline")
    scan = scanned(clean, tmp_path / "side.pdf", turn=90)
    assert sideways_turn(render_page(scan, 0, 300), 300) in (90, 270)


def test_a_word_across_a_cell_border_is_split_there() -> None:
    ruling = Ruling(100.0, 0.0, 100.0, 50.0)
    across = Word("34", BBox(92.0, 10.0, 108.0, 20.0), origin="ocr")
    beside = Word("Ekonomi", BBox(101.0, 30.0, 140.0, 40.0), origin="ocr")
    out = split_at_rulings((across, beside), (ruling,))
    assert [(w.text, w.bbox.x1 <= 100.0) for w in out] == [
        ("3", True),
        ("4", False),
        ("Ekonomi", False),
    ]


def test_upside_down_scan_with_coloured_value_cells_is_read(tmp_path: Path) -> None:
    clean = tmp_path / "dashed.pdf"
    draw_table(clean, "dashed")
    scan = scanned(clean, tmp_path / "upside_down.pdf", turn=180)
    result = run_job(OcrJob(scan, 0, cache_dir=tmp_path / "cache"))
    assert result.turn_degrees == 180
    grids = [g for g in find_grids(1, result.rulings, result.words) if g.n_cols == 4]
    assert grids, "the table is found"
    texts = [[c.text if c else "" for c in row] for row in grids[0].rows]
    assert texts[0] == list(HEADER)
    assert [row[2] for row in texts[1:]] == [row[2] for row in BODY]  # digits on colour
    assert [row[0] for row in texts[1:]] == [row[0] for row in BODY]  # no border glyphs


def test_a_faint_row_line_found_in_many_pieces_is_joined_in_one_walk_along_it() -> None:
    # a dotted or much broken faint row line comes from the stroke search in hundreds of
    # pieces at one height; its gaps are judged by walking along the height once (judging
    # every pair of pieces, with every piece checked for lying in each gap, took seconds)
    sz = _Sizes.at(300)
    grey = np.full((200, 8000), 240, dtype=np.uint8)
    background = grey.copy()
    grey[100, :] = 200  # a faint line all across: 40 levels darker than paper
    pieces = [(x, 100, x + 10, 100) for x in range(0, 7800, 26)]
    started = time.perf_counter()
    gaps = faint_gaps(pieces, grey, background, sz)
    assert time.perf_counter() - started < 1.0
    assert [(g[0], g[2]) for g in gaps] == [(a[2], b[0]) for a, b in itertools.pairwise(pieces)]
    assert all(abs(g[1] - 100) <= 1 for g in gaps)  # on the line (darkness is dilated 1 px)
