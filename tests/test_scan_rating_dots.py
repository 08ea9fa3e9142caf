"""Ratings given as dots ("●●●○") on scans: found in the page image, read as the text layer.

Tesseract reads a rating's dots as "@@00", "6400", "9909" or "@000" (no value, 0 or 6400);
plan_dot_ratings tune scans read numeric 0.196 on both variants. Generated documents (tune
seeds) scanned as the generator scans them, read with real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from test_scan_turned import generated_scan

from riskrad.extract.image_rulings import grey_array
from riskrad.extract.ocr import OcrJob, page_record, run_job
from riskrad.extract.rating_dots import dots, rating_runs
from riskrad.extract.recognize import recognise
from riskrad.model.records import Cell, PageDecision
from riskrad.normalize.values import parse_int


def scan_risks(scan: Path, cache: Path) -> list[tuple[int | None, int | None]]:
    """Given a scan and a cache folder, its risks' probability and consequence as read."""
    doc = pdfium.PdfDocument(str(scan))
    n = len(doc)
    doc.close()
    records = [
        page_record(run_job(OcrJob(scan, i, cache_dir=cache)), PageDecision(route="ocr", reason=""))
        for i in range(n)
    ]
    risks = recognise(records, source=scan.name).risks
    def value(fields: dict[str, Cell], key: str) -> int | None:
        return parse_int(fields[key].raw) if key in fields else None

    return [(value(r.fields, "probability"), value(r.fields, "consequence")) for r in risks]


def test_a_200_dpi_scans_joined_open_dots_are_read_one_by_one(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # tune seed 5 (200 dpi): the blur joins a rating's open dots into one component
    # ("○○○" of "●●○○○"); each is cut out of the chain by its width
    _, scan = generated_scan(tmp_path_factory, "plan_dot_ratings", 5)
    got = scan_risks(scan, tmp_path_factory.mktemp("cache"))
    assert got == [(4, 2), (2, 1), (5, 2), (4, 5), (5, 4), (4, 2)]


def test_a_rating_wrapped_in_its_narrow_cell_keeps_its_last_dot(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # tune seed 2: "●●●●○" wraps as "●●●●" / "○" in the narrow consequence column; the lone
    # ring below the run's first dot goes on with it (the text layer has "●●●●\n○")
    _, scan = generated_scan(tmp_path_factory, "plan_dot_ratings", 2)
    got = scan_risks(scan, tmp_path_factory.mktemp("cache"))
    assert got[:4] == [(1, 4), (4, 1), (5, 4), (4, 4)]


def test_letters_and_bullets_make_no_rating() -> None:
    # a page of text with "o" and "O" side by side, bullets and periods: rings of a letter's
    # size stand beside no disc of their size
    image = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    draw.text((40, 40), "Kooperativ OO oo • punkt. ooo", font=font, fill=0)
    draw.text((40, 140), "● Ett  ○ Två  •• slut", font=font, fill=0)
    assert rating_runs(grey_array(image.copy()), 300 / 72) == []
    draw.text((40, 240), "●●○○", font=font, fill=0)
    runs = rating_runs(grey_array(image.copy()), 300 / 72)
    assert [[d.filled for d in run] for run in runs] == [[True, True, False, False]]


def test_a_bold_words_letters_blurred_solid_make_no_rating() -> None:
    # excel_band_header_labelled tune seed 2, English-layer scan (200 dpi, blur 0.8): the
    # bold "e"s of "bland elever" blur into solid discs of one size, a letter apart; they
    # were taken for a rating ("bland ●● ver"). A rating has no ink between its dots and
    # stands apart from the letters around it.
    crop = Image.open(Path(__file__).parent / "data" / "bold_elever_200dpi_scan.png")
    grey = grey_array(crop)
    assert sum(d.filled for d in dots(grey, 300 / 72)) >= 2  # the letters read as discs
    assert rating_runs(grey, 300 / 72) == []


def test_a_forms_row_of_options_gives_the_chosen_ones_place(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # plan_radio_values tune seed 0: S and K as a form's options "○1 ○2 ○3 ●4", wrapped in
    # their narrow cells ("○1 ○2 ○3" / "●4"); Tesseract read "O10203" / "el O2 03 O4" (values
    # 102, 6, 0); the options found in the image give the chosen one's place
    _, scan = generated_scan(tmp_path_factory, "plan_radio_values", 0)
    got = scan_risks(scan, tmp_path_factory.mktemp("cache"))
    assert got == [(4, 2), (1, 1), (3, 2), (3, 1)]  # its expected rows


def test_a_ring_holding_a_dot_is_the_chosen_option(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # plan_radio_values tune seed 2: "○ ○ ◉ ○ ○" on a scale of 5; the chosen option is a thin
    # ring around a dot of its own (its ring inks 0.28 of its box, its inner area is ink): no
    # disc, no ring, so no option was found and every value was lost
    _, scan = generated_scan(tmp_path_factory, "plan_radio_values", 2)
    got = scan_risks(scan, tmp_path_factory.mktemp("cache"))
    assert got == [(3, 3), (3, 3), (3, 1), (1, 3), (4, 4), (3, 1), (3, 3), (3, 2)]  # expected rows
