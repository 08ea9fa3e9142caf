"""Numbers misread in place in a column of numbers, and words the page read dropped.

Tesseract's page read took a lone number in a narrow value column for turned text or a
mark: "3" read "W", "LJ" or "w", "9" read "O", "5" read "un", "20" read "N O", "4" read
">". The column's other numbers were read; these cells' values were lost (numeric 0.69 /
0.67 on the report_chapter_plan / report_follow_up tune scans). It also dropped whole words
standing alone (a column's label and its cells, "Risk" of "Risk 1"). Generated documents
(tune seeds) scanned as the generator scans them, read with real Tesseract.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from test_scan_turned import generated_scan, ocr_grids, text_words

from bench.scan_diff import text_records
from riskrad.extract.blocks import page_blocks, split_page
from riskrad.extract.column_numbers import (
    is_value_reading,
    misread_numbers,
    pair_digits,
    replace_misread,
)
from riskrad.extract.ocr import OcrJob, drop_upright_strokes, page_record, run_job
from riskrad.extract.recognize import recognise
from riskrad.extract.tables import Grid
from riskrad.model.records import BBox, PageDecision, PageRecord, Word
from riskrad.normalize.repair import repair_text
from riskrad.normalize.rows import map_rows

NUMBER = re.compile(r"^\d{1,3}$")


def born_grids(pdf: Path, page: int) -> list[Grid]:
    """Given a born-digital PDF and a page index, the page's grids from the text route."""
    record = text_records(pdf)[page]
    return [b for b in page_blocks(split_page(record)) if isinstance(b, Grid)]


def first_column(grid: Grid) -> list[str]:
    """Given a grid, its rows' first cells' texts (each on one line)."""
    return [row[0].text.replace("\n", " ") if row and row[0] else "" for row in grid.rows]


def cells_matching(grids: list[Grid], pattern: re.Pattern[str]) -> Counter[str]:
    """Given grids and a pattern, how many cells hold each text the pattern matches whole."""
    return Counter(
        c.text.strip()
        for g in grids
        for row in g.rows
        for c in row
        if c is not None and pattern.match(c.text.strip())
    )


def lone_numbers(grids: list[Grid]) -> Counter[str]:
    """Given grids, how many cells hold each number of one to three digits."""
    return cells_matching(grids, NUMBER)


@pytest.mark.parametrize(
    ("family", "seed", "page"), [("report_chapter_plan", 2, 2), ("report_follow_up", 1, 2)]
)
def test_numbers_misread_in_a_column_of_numbers_are_read_again(
    tmp_path_factory: pytest.TempPathFactory, family: str, seed: int, page: int
) -> None:
    # report_chapter_plan tune 2, page 3: the first row's S, K, R read "W", "LJ", "O" and a
    # later row's "5", "20" read "un", "N O"; report_follow_up tune 1, page 3: a risk's
    # value "4" read ">"
    pdf, scan = generated_scan(tmp_path_factory, family, seed)
    want = lone_numbers(born_grids(pdf, page))
    got = lone_numbers(ocr_grids(scan, page, tmp_path_factory.mktemp("cache")))
    assert want - got == Counter()


PAIR_CELL = re.compile(r"^S\d K\d$")


def sk_pairs(grids: list[Grid]) -> Counter[str]:
    """Given grids, how many cells hold each S/K pair ("S1 K3")."""
    return cells_matching(grids, PAIR_CELL)


def test_pairs_misread_in_a_column_of_pairs_are_read_again(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # export_sk_pair_upper tune 0, page 1: four of the S/K column's seven pairs read "-S1 K3",
    # "SS5KS", "SLIK2", "S2 Kl" (both values of those risks lost: numeric 0.619); read again
    # enlarged "SI K3" and "S2 Kl": a pair's digits are digits
    pdf, scan = generated_scan(tmp_path_factory, "export_sk_pair_upper", 0)
    want = sk_pairs(born_grids(pdf, 0))
    got = sk_pairs(ocr_grids(scan, 0, tmp_path_factory.mktemp("cache")))
    assert sum(want.values()) == 7
    assert got == want


def test_a_value_read_again_is_a_number_numbers_listed_or_a_pair() -> None:
    assert is_value_reading(["4"]) and is_value_reading(["5,", "7"])
    assert is_value_reading(["S1", "K3"]) and is_value_reading(["S:", "2,", "K:", "4"])
    assert not is_value_reading(["5,"]) and not is_value_reading(["K3"])
    assert not is_value_reading([]) and not is_value_reading(["S1", "KS"])
    assert pair_digits(["SI", "K3"]) == ["S1", "K3"] and pair_digits(["S2", "Kl"]) == ["S2", "K1"]
    assert pair_digits(["Sl", "Kl"]) == ["S1", "K1"] and pair_digits(["S1", "K3"]) == ["S1", "K3"]
    assert pair_digits(["Sal", "K3"]) is None and pair_digits(["Kl"]) is None
    assert pair_digits(["SS5KS"]) is None


def _word(text: str, x0: float, top: float, conf: float = 0.96) -> Word:
    """Given a text, its left and top (points) and confidence, an OCR word 7 pt tall."""
    box = BBox(x0, top, x0 + 4.5 * len(text), top + 7)
    return Word(text, box, origin="ocr", confidence=conf, font_size=7)


def test_only_unsure_short_runs_over_a_column_of_numbers_are_read_again() -> None:
    words = (
        _word("Nr.", 100, 80),  # a sure header label over the column: kept
        _word("W", 101, 100, conf=0.14),  # a "3" misread: read again
        _word("4", 101, 120),
        _word("Kontroll", 200, 100, conf=0.5),  # unsure, but a word of text, not short
        _word("x", 300, 100, conf=0.3),  # unsure and short, no number in its column
    )
    found = misread_numbers(words)
    assert [[words[i].text for i in r.members] for r in found] == [["W"]]
    read = (Word("3", BBox(101, 100, 105.5, 107), origin="ocr", confidence=0.95),)
    kept, rest = replace_misread(words, found, read)
    assert sorted(w.text for w in kept) == ["3", "4", "Kontroll", "Nr.", "x"]
    assert rest == ()
    # a reading no surer than the page read's, or not a number, changes nothing
    for text, conf in (("3", 0.1), ("B", 0.99)):
        other = (Word(text, BBox(101, 100, 105.5, 107), origin="ocr", confidence=conf),)
        assert replace_misread(words, found, other)[0] == words


def test_a_larger_headings_number_over_a_column_of_row_numbers_sets_no_height_bar() -> None:
    # "4.3" of a heading set larger stands over the risks' "5", "6" misread "An" (35 %),
    # "7": the run is as tall as the numbers of its column, not as the heading's
    heading = Word("4.3", BBox(51.8, 242.8, 69.8, 251.7), origin="ocr", confidence=0.96)
    words = (
        heading,
        Word("5", BBox(54.7, 261.8, 58.3, 267.3), origin="ocr", confidence=0.96),
        Word("An", BBox(54.7, 283.6, 58.6, 289.4), origin="ocr", confidence=0.35),
        Word("4", BBox(54.7, 216.4, 58.3, 221.7), origin="ocr", confidence=0.96),
    )
    assert [[words[i].text for i in r.members] for r in misread_numbers(words)] == [["An"]]
    speck = (*words[:2], Word("-", BBox(55.0, 286.0, 57.0, 287.0), origin="ocr", confidence=0.3))
    assert misread_numbers(speck) == []  # a dash is no number's height


def test_words_the_page_read_dropped_are_read_from_their_ink(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # zebra_repeat_two_level_once tune 1, page 1: a table without column lines whose whole
    # "Frekvens" column (label and every frequency) Tesseract's page read dropped; the
    # frequencies then ran into the method column or were lost (control frequency empty in
    # all 10 controls)
    pdf, scan = generated_scan(tmp_path_factory, "zebra_repeat_two_level_once", 1)
    want = [
        w
        for w in text_words(pdf, 0)
        if 440.0 < w.bbox.x0 < 500.0 and w.bbox.top > 190.0 and len(w.text) >= 3
    ]
    read = run_job(OcrJob(scan, 0, cache_dir=tmp_path_factory.mktemp("cache")))
    found = [
        w
        for w in want
        if any(
            o.text == w.text
            and abs(o.bbox.xmid - w.bbox.xmid) < 6.0
            and abs(o.bbox.ymid - w.bbox.ymid) < 6.0
            for o in read.words
        )
    ]
    assert "Frekvens" in [w.text for w in want] and len(want) >= 15
    assert len(found) >= len(want) - 2, ([w.text for w in want], [w.text for w in found])


def test_a_dropped_word_with_a_letter_under_a_digits_height_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_turned_merged tune 0, page 2: a header "Risker" the page read dropped, over a
    # table without column lines; its ink was read as two crops, "Ri:" and "sker" (the "s"
    # is less tall than a digit, so no mark joined them), neither kept: the "Nr." column
    # ran into the risk's ("Risk Inköp sker utanför ramavtal 6"; 5 of 10 risks lost)
    pdf, scan = generated_scan(tmp_path_factory, "excel_turned_merged", 0)
    born = born_grids(pdf, 1)
    grids = ocr_grids(scan, 1, tmp_path_factory.mktemp("cache"))
    assert [(len(g.rows), g.n_cols) for g in grids] == [(len(g.rows), g.n_cols) for g in born]
    assert grids[0].rows[0][1] is not None and grids[0].rows[0][1].text == "Risker"


SUM_CELL = re.compile(r"^\d\+\d=\d{1,2}$")
NUMBERS = re.compile(r"^\d{1,2}( \d{1,2})?$")


def test_a_worked_out_value_the_page_read_dropped_is_read_from_its_ink(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # memo_two_level_empty_sum tune 0, page 2: the R column's "2+3=5" and "3+3=6" in a table
    # without column lines were dropped by the page read; their ink was read in two crops
    # each ("243:" and ":D": the bars of "=" are too small a mark to join them) and, being
    # no number, left out: those risks' values were lost
    pdf, scan = generated_scan(tmp_path_factory, "memo_two_level_empty_sum", 0)
    want = Counter(c for c, n in lone_cells(born_grids(pdf, 1)).items() for _ in range(n))
    sums = Counter({c: n for c, n in want.items() if SUM_CELL.match(c)})
    assert sum(sums.values()) == 5
    got = lone_cells(ocr_grids(scan, 1, tmp_path_factory.mktemp("cache")))
    assert sums - got == Counter()


def lone_cells(grids: list[Grid]) -> Counter[str]:
    """Given grids, how many cells hold each text (on one line)."""
    return Counter(
        c.text.replace("\n", " ").strip() for g in grids for row in g.rows for c in row if c
    )


def test_a_column_of_values_the_page_read_dropped_finds_its_misread_value(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # excel_turned_merged tune 0, page 1 (200 dpi, grey cells): the page read gave one S, K or
    # R value of 15, the first risk's K "2" as "N"; the other values were read from their
    # ink afterwards (a thin "2" on a grey cell had no pixel darker than 128 but specks, so
    # even that was lost), so the "N" had no number in its column and was not read again
    pdf, scan = generated_scan(tmp_path_factory, "excel_turned_merged", 0)
    want = Counter({c: n for c, n in lone_cells(born_grids(pdf, 0)).items() if NUMBERS.match(c)})
    got = lone_cells(ocr_grids(scan, 0, tmp_path_factory.mktemp("cache")))
    assert sum(want.values()) == 10  # S, and K with R in one cell ("2 4"), of 5 risks
    assert want - got == Counter()


def _values(records: list[PageRecord]) -> list[tuple[object, object, object]]:
    """Given a document's page records, its risks' (probability, consequence, risk value)."""
    mapped = map_rows(recognise(records), "doc", repair_text)
    return [(r["probability"], r["consequence"], r["risk_value"]) for r in map(dict, mapped.risks)]


def test_a_scale_legends_equals_signs_read_in_narrow_boxes_are_kept(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # word_tab_stops tune 1: values are words ("Kännbar", "Mycket ofta") given by the legend
    # "Konsekvens: 1 = Försumbar, 2 = Lindrig, 3 = Kännbar, …"; Tesseract read each "=" surely
    # but boxed two of them narrower than tall, and they were dropped as upright specks: "3
    # Kännbar" and "5 Mycket ofta" were no scale entries and six values were lost
    pdf, scan = generated_scan(tmp_path_factory, "word_tab_stops", 1)
    cache = tmp_path_factory.mktemp("cache")
    decision = PageDecision(route="ocr", reason="")
    ocr = [page_record(run_job(OcrJob(scan, i, cache_dir=cache)), decision) for i in range(1)]
    assert _values(ocr) == _values(text_records(pdf)[:1])


def test_a_flat_glyph_read_surely_in_a_box_a_little_taller_than_wide_is_kept() -> None:
    narrow = Word("=", BBox(221.9, 239.5, 223.4, 242.4), origin="ocr", confidence=0.92)
    unsure = Word("=", BBox(221.9, 239.5, 223.4, 242.4), origin="ocr", confidence=0.3)
    stroke = Word("=", BBox(80.0, 296.0, 83.0, 306.0), origin="ocr", confidence=0.95)
    assert drop_upright_strokes((narrow, unsure, stroke)) == (narrow,)


def test_a_header_word_under_a_capitals_ring_is_judged_bold_with_its_line(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # report_heading_rows_follow_up tune 1, page 3: a table without column lines under an
    # all-bold header "Åtgärd/kontroll | Rapporteras till | …"; the Å's ring boxed the first
    # word a fifth taller than the others, so it was compared with the page's headings, found
    # not bold, the header line was not all bold and each group's three controls read as
    # one row (controls 7 of 15, å/ä/ö words 0.68 on the family's tune scans)
    pdf, scan = generated_scan(tmp_path_factory, "report_heading_rows_follow_up", 1)
    want = first_column(born_grids(pdf, 2)[0])
    got = first_column(ocr_grids(scan, 2, tmp_path_factory.mktemp("cache"))[0])
    assert got == want
