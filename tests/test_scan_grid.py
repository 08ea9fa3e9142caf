"""Table structure on scans: no letter's stroke taken for a column line, turned labels read
whole, value columns' fills left to the table they belong to.

Generated documents (tune seeds) scanned as the generator scans them (the document's dpi,
JPEG quality, skew and noise), read with real Tesseract; each page is compared with its
born-digital twin's tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_one
from test_scan_turned import cell_texts, generated_scan, ocr_grids, text_words

from riskrad.extract.ocr import OcrJob, run_job
from riskrad.model.vocabulary import classify_header


def test_brackets_in_tight_coloured_cells_make_no_column_lines(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # report_analysis_plan_coloured tune seed 1, page 3: values "Osannolik (2)", "4 (Låg)"
    # in coloured cells one line of text tall. The bracket's stroke ran nearly the row's
    # height, so the line search took it for a cell's side closed by the row lines (and the
    # faint-line search too: JPEG noise in the fill passed for the line's ends); a column
    # split "(2)" off its value and the tables got 6 columns against the header's 5, so the
    # header-less tables after the first fitted no columns (6 of 9 risks lost)
    _, scan = generated_scan(tmp_path_factory, "report_analysis_plan_coloured", 1)
    grids = ocr_grids(scan, 2, tmp_path)
    assert [g.n_cols for g in grids] == [5, 5, 5]
    texts = [" | ".join(row) for g in grids for row in cell_texts(g)]
    assert any("Osannolik (2) | Kännbar (3) | 6 (Låg)" in t for t in texts), texts
    assert any("Osannolik (2) | Lindrig (2) | 4 (Låg)" in t for t in texts), texts


def test_turned_label_read_upright_in_bits_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # report_follow_up tune seed 5, page 3: a narrow column labelled "Riskpoäng" a quarter
    # turned. The page read gave bits ("Le)", "c" … "(2)", "Q", "4", "un" … "Xx"; "-" …
    # "Xx Ku ox") more than a letter's space apart, so the patches read turned were parts
    # ("ing", "iskpoi", "Riskj"), the left "Xx" stood as a line of its own, the header's
    # second line ("tjänsteperson", "(Ja/Nej)") was taken for a row, and the rule under the
    # header then parted it from the rest: the three risks of the first table in one row
    pdf, scan = generated_scan(tmp_path_factory, "report_follow_up", 5)
    result = run_job(OcrJob(scan, 2, cache_dir=tmp_path))
    turned = sorted(w.text for w in result.words if w.turned and len(w.text) > 3)
    assert turned == sorted(w.text for w in text_words(pdf, 2) if w.turned and len(w.text) > 3)
    grids = ocr_grids(scan, 2, tmp_path)
    assert [len(g.rows) for g in grids] == [4, 4, 3]
    assert [row[0] for row in cell_texts(grids[0])[1:]] == ["Risk 1", "Risk 2", "Risk 3"]


def test_value_columns_last_in_a_table_without_lines_stay_in_it(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # excel_process_once_levels tune seed 3: a table with a rule under its header only, its
    # last three columns (S, K, level) coloured cells. The fills' edges made a grid of those
    # columns; with nothing right of it, it was not seen as a block of the wider table, took
    # the values away and left the four risks as one row of text without values (0 of 4)
    _, scan = generated_scan(tmp_path_factory, "excel_process_once_levels", 3)
    grids = ocr_grids(scan, 0, tmp_path)
    assert [(len(g.rows), g.n_cols) for g in grids] == [(5, 5)]
    rows = cell_texts(grids[0])[1:]
    assert [(r[2], r[3]) for r in rows] == [("1", "4"), ("3", "5"), ("2", "1"), ("2", "3")]


def test_rows_numbered_under_a_lost_label_give_no_values(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # report_follow_up tune seed 3: the first column, "Risk 1", "Risk 2", … under "ID" set a
    # quarter turn, which the scan read "2": with no label known, the column's cells named
    # it, and "one word with a small number" made them S (probability 1, 2, 3, 4 where the
    # plan gives none: numeric 0.729 on the family's tune scans)
    _, scan = generated_scan(tmp_path_factory, "report_follow_up", 3)
    result = run_one(tmp_path, scan)
    risks = [dict(r) for r in result.risks]
    assert len(risks) == 4
    assert [r["probability"] for r in risks] == [None] * 4
    assert [r["risk_value"] for r in risks] == [6, 4, 12, 6]


def test_short_turned_labels_in_tall_dark_header_cells_are_read(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # report_analysis_plan_coloured tune seed 0, page 3: a dark header row as tall as its
    # longest turned label ("Konsekvensbedömning"), its short ones "ID" and "S" turned too.
    # A label of a letter or two shows no direction in its ink; the page read gave "A" and
    # "an", which no patch took for a turned label, so the S column had no name and its
    # values were lost (probability missing on every risk of the table)
    _, scan = generated_scan(tmp_path_factory, "report_analysis_plan_coloured", 0)
    grids = ocr_grids(scan, 2, tmp_path)
    assert cell_texts(grids[0])[0] == [
        "ID", "Risker", "Riskbeskrivning", "S", "Konsekvensbedömning", "Riskpoäng"
    ]  # fmt: skip


def test_a_faint_column_line_between_two_cells_of_one_fill_parts_them(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # report_analysis_plan_coloured tune seed 2, page 3: K "Kännbar (2)" and R "6 (Medel)"
    # on one light yellow fill with a faint grey line between them that the stroke search
    # lost in that row. The line is drawn on through a fill where no text crosses it, but
    # its own faint pieces counted as text crossing, so the two cells stayed one:
    # "Kännbar 6 (Medel) (2)" (consequence 6, no risk value)
    _, scan = generated_scan(tmp_path_factory, "report_analysis_plan_coloured", 2)
    grids = ocr_grids(scan, 2, tmp_path)
    rows = [row for g in grids for row in cell_texts(g) if row[0] == "R2"]
    assert len(rows) == 1 and rows[0][-2:] == ["Kännbar (2)", "6 (Medel)"], rows


def test_fill_edges_between_value_cells_closed_by_later_row_lines_part_them(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # excel_turned_merged tune seed 1: narrow S, K and S×K cells coloured by their value,
    # merged over a risk's control rows, no lines between them. Where S and K differ in
    # colour their edge is the only column line; it was judged before the row lines hidden
    # under the fills were drawn on, found no row line at its ends and was dropped: "3 2"
    # in S and K empty for four of the seven risks
    _, scan = generated_scan(tmp_path_factory, "excel_turned_merged", 1)
    grids = ocr_grids(scan, 0, tmp_path)
    values = {row[0]: row[4:7] for row in cell_texts(grids[0]) if row[0].startswith("Risk")}
    assert values["Risk 3"] == ["3", "2", "6"]
    assert values["Risk 4"] == ["1", "4", "4"]
    assert values["Risk 5"] == ["2", "1", "2"]
    assert values["Risk 7"] == ["2", "3", "6"]


def test_a_cells_first_item_mark_beside_a_narrow_columns_value_is_a_mark(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # report_items_footnotes tune seed 2: each risk's controls listed in one cell as
    # "– Kontroll av …" items, after a narrow R column. The page read gave the first item's
    # dash as "-" (or "—-"), taken for the mark only where no text stood within two letters'
    # heights on its left; the R value across the column line did, so the cell's first
    # item was no item and its items ran together as one control (3 of 19 controls)
    _, scan = generated_scan(tmp_path_factory, "report_items_footnotes", 2)
    result = run_one(tmp_path, scan)
    assert len(result.risks) == 8
    assert len(result.controls) == 19


def test_a_value_misread_in_a_column_whose_numbers_the_page_read_dropped_is_read_again(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # excel_abbrev_right tune seed 0: S values set right in a narrow column. The page read
    # dropped most of the column's numbers (their cells read again as empty cells) and read
    # three as "un", "N", "N"; a misread value is read again where values stand in its
    # column, but the dropped numbers' marks lay in empty cells and were left out of the
    # column's values, so nothing stood beside the misreadings (S 5, 2, 2 lost)
    _, scan = generated_scan(tmp_path_factory, "excel_abbrev_right", 0)
    grids = ocr_grids(scan, 0, tmp_path)
    values = [row[3] for row in cell_texts(grids[0])[1:] if row[0].strip()]
    assert values == ["4", "2", "5", "2", "2", "2", "2", "1"], values


def test_an_s_slash_k_label_read_with_the_slash_as_a_letter_names_the_pair(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # export_sk_pair_upper tune seed 3: probability and consequence held as a pair in one
    # cell ("3/4") under "S / K". The scan read the label "SIK" (Tesseract gives a slash as
    # I, l or 1), which names no column, so every risk lost both values (numeric 0.76 on the
    # family's tune scans)
    _, scan = generated_scan(tmp_path_factory, "export_sk_pair_upper", 3)
    risks = [dict(r) for r in run_one(tmp_path, scan).risks]
    assert [(r["probability"], r["consequence"]) for r in risks] == [
        (3, 4), (2, 3), (4, 4), (4, 4), (2, 1)
    ]  # fmt: skip
    assert classify_header("SIK") == classify_header("S l K") == classify_header("S/K")


def test_a_light_column_line_broken_beside_a_dark_letter_reaches_the_row_line(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # excel_merged_valign tune seed 2, page 2: a light grey grid whose Nr and process cells
    # are merged down the page with their text at the bottom ("5 | Styrning och ledning").
    # Beside the dark "5" and "l" the adaptive threshold lost the line between them for a
    # few pixels, the column line stopped 12 pt short of the table's bottom line, and the
    # table fell apart in two grids without the process column: three of five risks lost
    _, scan = generated_scan(tmp_path_factory, "excel_merged_valign", 2)
    grids = ocr_grids(scan, 1, tmp_path)
    rows = [row for g in grids for row in cell_texts(g) if row[0] in ("3", "4", "5")]
    assert [row[:2] for row in rows] == [["3", "Styrning och ledning"], ["4", ""], ["5", ""]]


def test_an_areas_table_under_the_first_takes_its_lost_column_and_row_lines(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # analysis_values_left tune 40: each area's table under its heading, without a header,
    # the values left in cells coloured by level; the scan lost the light lines between
    # value cells of one colour: the later tables had 4 columns of the first one's 5 (and
    # two rows of one level shared a cell), were taken for no table, and 7 of 9 risks lost
    _, scan = generated_scan(tmp_path_factory, "analysis_values_left", 40)
    grids = ocr_grids(scan, 0, tmp_path_factory.mktemp("cache"))
    assert [(len(g.rows), g.n_cols) for g in grids] == [(4, 5), (3, 5), (4, 5)]
    assert cell_texts(grids[1])[1][:3] == ["Sannolik (4)", "Allvarlig (4)", "16"]
    assert cell_texts(grids[2])[2][:3] == ["Mycket sannolik (5)", "Mycket allvarlig (5)", "25"]
