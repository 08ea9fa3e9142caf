"""A scanned page is read in colour when a few cells of it are coloured: a table's last rows on
a page of their own hold four coloured value cells, under half a percent of the page (the
99.5th percentile of the page's colour spread called such a page grey, and the colours that
give S and K by the legend were lost)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.extract.render import _render_page, grey_only, opened_page, render_with_colour
from riskrad.model.records import PageDecision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import damage
from layoutgen.build import Job, build
from layoutgen.scan import look_for, scan_pages


def page_with_cells(path: Path, colours: list[tuple[float, float, float]]) -> Path:
    """Given a path and fill colours, a landscape page of text with one small cell per colour."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(50, 540, "R9   Oegentligheter och mutor                 12   Enhetschef")
    for n, rgb in enumerate(colours):
        canvas.setFillColorRGB(*rgb)
        canvas.rect(290 + 28 * (n % 2), 500 - 21 * (n // 2), 28, 21, stroke=1, fill=1)
    canvas.save()
    return path


def test_four_small_coloured_cells_make_a_colour_page(tmp_path: Path) -> None:
    cells = [(0.93, 0.64, 0.27), (0.85, 0.36, 0.33), (0.85, 0.36, 0.33), (0.49, 0.75, 0.49)]
    _, colour, _, _ = render_with_colour(page_with_cells(tmp_path / "c.pdf", cells), 0, 200)
    assert colour is not None


def test_a_page_of_text_and_grey_cells_is_grey(tmp_path: Path) -> None:
    cells = [(0.8, 0.8, 0.8)] * 4
    _, colour, _, _ = render_with_colour(page_with_cells(tmp_path / "g.pdf", cells), 0, 200)
    assert colour is None


def test_a_tables_last_rows_alone_on_a_page_keep_their_colour_values(tmp_path: Path) -> None:
    """minutes_turned_colour tune seed 12, page 3: R9 and R10 alone, S and K only as colours."""
    pdf = build(Job("minutes_turned_colour", 12, "reportlab", "tune", tmp_path))
    scan = tmp_path / "scan.pdf"
    damage.image_pdf(scan_pages(pdf, look_for(pdf.stem), 12), scan, "scan")
    decision = PageDecision(route="ocr", reason="scanned page")
    records = [page_record(run_job(OcrJob(scan, i, use_cache=False)), decision) for i in (1, 2)]
    got = recognise(records, source=scan.name)
    want = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))
    last = [r for r in want["risks"] if r["page"] == 3]
    assert last
    read = {r.fields["risk"].raw: r for r in got.risks if r.page == 3}
    for risk in last:
        fields = read[risk["risk"]].fields
        assert fields["probability"].number == risk["probability"]
        assert fields["consequence"].number == risk["consequence"]


def _scan_pdf(path: Path, image: Image.Image, text: str | None, mode: int) -> Path:
    """Given a path, a page image, text to set over it (or None) and its render mode, a
    one-page PDF of the image, with the text drawn in that mode (3: invisible, an OCR layer)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(300, 200), invariant=1)
    canvas.drawImage(ImageReader(image), 0, 0, width=300, height=200)
    if text is not None:
        words = canvas.beginText(20, 100)
        words.setTextRenderMode(mode)
        words.textLine(text)
        canvas.drawText(words)
    canvas.save()
    return path


def test_a_grey_scan_is_known_grey_before_rendering(tmp_path: Path) -> None:
    """A page that paints only DeviceGray images (an invisible OCR layer paints nothing) is
    rendered without the colour check, and its render has no colour: every pixel's three
    channels equal; a coloured image, or visible text, makes the page no grey-only page."""
    rng = np.random.default_rng(7)
    grey = Image.fromarray(rng.integers(0, 256, (120, 180), dtype=np.uint8), mode="L")
    rgb = Image.fromarray(rng.integers(0, 256, (120, 180, 3), dtype=np.uint8), mode="RGB")
    pages = {
        "grey": (_scan_pdf(tmp_path / "g.pdf", grey, None, 0), True),
        "layer": (_scan_pdf(tmp_path / "l.pdf", grey, "Riskanalys 2021", 3), True),
        "shown": (_scan_pdf(tmp_path / "s.pdf", grey, "Riskanalys 2021", 0), False),
        "colour": (_scan_pdf(tmp_path / "c.pdf", rgb, None, 0), False),
    }
    for name, (pdf, want) in pages.items():
        with opened_page(pdf, 0) as page:
            assert grey_only(page) is want, name
        image, _, _, known = _render_page(pdf, 0, 150, grayscale=False)
        assert known is want, name
        if want:
            pixels = np.asarray(image)
            assert (pixels[..., 0] == pixels[..., 1]).all() and (
                pixels[..., 1] == pixels[..., 2]
            ).all()
            converted, colour, _, _ = render_with_colour(pdf, 0, 150)
            assert colour is None and np.array_equal(np.asarray(converted), pixels[..., 0])
    _, colour, _, _ = render_with_colour(pages["colour"][0], 0, 150)
    assert colour is not None
