"""Values on scans read into their own cells: numbers the page read ran over two columns or
read as letters, a header's year it dropped, a column line a scan lost between two cells of
one fill.

Generated documents (tune seed 40) scanned as the generator scans them, with and without an
English-model OCR layer (the job reads both again with the Swedish model), read with real
Tesseract; the born-digital twin's cells are the reference.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from test_scan_numbers import born_grids, cells_matching, lone_numbers
from test_scan_turned import (  # the generator's modules (corpus/ put on the path there)
    Job,
    build,
    damage,
    generated_scan,
    look_for,
    ocr_grids,
    scan_pages,
)

from riskrad.extract.column_numbers import is_value_reading, misread_numbers, replace_misread
from riskrad.model.records import BBox, Word

SEED = 40


def eng_layer_scan(factory: pytest.TempPathFactory, family: str, seed: int) -> tuple[Path, Path]:
    """Given a family and a tune seed, the generated PDF and its scan with an English-model
    OCR text layer, as the generator makes it (Tesseract's PDF of the scanned pages)."""
    folder = factory.mktemp(f"{family}_{seed}_eng")
    pdf = build(Job(family, seed, "reportlab", "tune", folder))
    out = folder / f"{family}_{seed}_eng_ocr_layer.pdf"
    damage.ocr_layer_pdf(scan_pages(pdf, look_for(pdf.stem), seed), folder / "work", out, "eng")
    return pdf, out


def scan_of(factory: pytest.TempPathFactory, family: str, variant: str) -> tuple[Path, Path]:
    """Given a family and a scan variant ("scanned", "eng"), the tune seed SEED's generated
    PDF and that scan."""
    if variant == "eng":
        return eng_layer_scan(factory, family, SEED)
    return generated_scan(factory, family, SEED)


@pytest.mark.parametrize(("variant", "page"), [("eng", 0), ("eng", 1), ("scanned", 1)])
def test_values_of_two_columns_read_as_one_unsure_word_are_read_again(
    tmp_path_factory: pytest.TempPathFactory, variant: str, page: int
) -> None:
    # follow_up_action_owner tune 40: S and K stand close in narrow columns of zebra rows
    # without lines; on the English-layer scan the page read gave "225" (20 %) for "2" "1"
    # on page 1, "SIE" (28 %) for "5" "3" and "Fe" (38 %) for "3" "1" on page 2 (numeric
    # 0.60), on the other scan "503" (54 %) for "5" "3" (0.667)
    pdf, scan = scan_of(tmp_path_factory, "follow_up_action_owner", variant)
    want = lone_numbers(born_grids(pdf, page))
    got = lone_numbers(ocr_grids(scan, page, tmp_path_factory.mktemp("cache")))
    assert want - got == Counter()


@pytest.mark.parametrize("variant", ["scanned", "eng"])
def test_a_letter_between_a_columns_numbers_is_read_again(
    tmp_path_factory: pytest.TempPathFactory, variant: str
) -> None:
    # export_analysis_plan_upper tune 40, page 1: the S column's "3" read "W" (90 %), "2"
    # read "N" (90 %), and three more read turned as one tall "UTN" (numeric 0.889); on the
    # English-layer scan those three read turned "Mm N in" (78 %, 0.833)
    pdf, scan = scan_of(tmp_path_factory, "export_analysis_plan_upper", variant)
    want = lone_numbers(born_grids(pdf, 0))
    got = lone_numbers(ocr_grids(scan, 0, tmp_path_factory.mktemp("cache")))
    assert want - got == Counter()


YEAR = re.compile(r"^Bedömning\s+\d{4}$")


def test_a_headers_year_the_page_read_dropped_is_kept(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # follow_up_traffic_two_years tune 40, English layer, page 1: the page read dropped the
    # years of the shaded header's "Bedömning" / "2024", "Bedömning" / "2025"; read from
    # their ink, they were dropped again as no lone value (two unnamed columns: 3 of 5 risk
    # values lost, numeric 0.40)
    pdf, scan = eng_layer_scan(tmp_path_factory, "follow_up_traffic_two_years", SEED)
    want = cells_matching(born_grids(pdf, 0), YEAR)
    got = cells_matching(ocr_grids(scan, 0, tmp_path_factory.mktemp("cache")), YEAR)
    assert sum(want.values()) == 2 and got == want


def test_a_column_line_lost_between_two_cells_of_one_fill_is_drawn_again(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # company_board_plan tune 40 scanned, page 1: the last rows' K and S×K cells share one
    # shade, so the line between them was not found: "4 7" and "4 8" read as one cell (the
    # consequence "4 7", the value lost); the table's other rows have the line
    pdf, scan = generated_scan(tmp_path_factory, "company_board_plan", SEED)
    want = lone_numbers(born_grids(pdf, 0))
    got = lone_numbers(ocr_grids(scan, 0, tmp_path_factory.mktemp("cache")))
    assert want - got == Counter()
    two = re.compile(r"^\d \d$")
    assert cells_matching(ocr_grids(scan, 0, tmp_path_factory.mktemp("cache")), two) == Counter()


def _word(text: str, x0: float, top: float, conf: float = 0.96) -> Word:
    """Given a text, its left and top (points) and confidence, an OCR word 7 pt tall."""
    box = BBox(x0, top, x0 + 4.5 * len(text), top + 7)
    return Word(text, box, origin="ocr", confidence=conf, font_size=7)


def test_which_runs_beside_values_are_read_again() -> None:
    words = (
        _word("225", 129, 100, conf=0.2),  # a number read very unsure beside the row's value
        _word("2", 188, 100),
        _word("SIE", 129, 150, conf=0.28),  # letters read very unsure beside a value
        _word("15", 188, 150),
        _word("x", 300, 200, conf=0.3),  # very unsure, no value on its line or in its column
        _word("Nr.", 400, 80, conf=0.2),  # a label over a column's numbers: none above it
        _word("4", 401, 100),
        _word("N", 401, 120, conf=0.9),  # a letter between a column's numbers, however sure
        _word("3", 401, 140),
    )
    found = [[words[i].text for i in r.members] for r in misread_numbers(words)]
    assert sorted(found) == [["225"], ["N"], ["Nr."], ["SIE"]]
    # "Nr." is a run of its column read unsure (as before): a reading not a value keeps it
    assert is_value_reading(["2", "1"]) and is_value_reading(["3", "2", "5"])
    assert not is_value_reading(["2", "x"])


def test_a_reading_twice_from_overlapping_crops_is_kept_once() -> None:
    # a turned run over three rows ("UTN") and a letter in its first row ("W") read again:
    # the letter's crop and the run's both read the first row's "3"
    tall = Word(
        "UTN", BBox(509.0, 236.8, 512.4, 267.8), origin="ocr", confidence=0.68, turned=True
    )
    words = (
        Word("3", BBox(509.1, 206.8, 512.3, 211.8), origin="ocr", confidence=0.96),
        Word("W", BBox(508.1, 235.6, 514.1, 241.9), origin="ocr", confidence=0.9),
        tall,
        Word("2", BBox(509.0, 305.5, 512.1, 310.4), origin="ocr", confidence=0.97),
    )
    found = misread_numbers(words)
    assert sorted("".join(words[i].text for i in r.members) for r in found) == ["UTN", "W"]

    def number(text: str, top: float) -> Word:
        return Word(text, BBox(509.1, top, 512.3, top + 5), origin="ocr", confidence=0.96)

    read = (number("3", 236.8), number("3", 236.9), number("2", 249.8), number("5", 262.7))
    kept, rest = replace_misread(words, found, read)
    assert sorted((w.text, round(w.bbox.top)) for w in kept) == [
        ("2", 250), ("2", 306), ("3", 207), ("3", 237), ("5", 263)
    ]
    assert rest == ()


def test_a_value_read_again_is_read_at_print_size_too(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # annual_report_follow_up tune 40 scanned, page 3: a risk value "5" read "(" (0 %); its
    # crop read enlarged gave "D" (69 %), at print size "5" (96 %)
    pdf, scan = generated_scan(tmp_path_factory, "annual_report_follow_up", SEED)
    want = lone_numbers(born_grids(pdf, 2))
    got = lone_numbers(ocr_grids(scan, 2, tmp_path_factory.mktemp("cache")))
    assert want["5"] >= 1 and want - got == Counter()
