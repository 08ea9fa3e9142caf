"""Narrow columns whose labels a scan lost, and a table's only column of scores.

A plan's narrow columns carry turned labels ("Nr", "S×K", "R"). On a scan Tesseract's page
read may lose such a label: "Nr" read as a lone "-" a little above the row of labels (the
"S×K" label beside it then took that mark's line and left the header's), "S×K" read as an
upright "A", "R" read as nothing. The column then ran into its neighbour ("Ekonomisk risk
15", "Risk Nätfiske och skadlig kod 1") and the risk value was lost (report_follow_up tune
scans numeric 0.868 scanned, 0.750 English layer). And a table whose only value column's
label was read as marks ("&£") took its scores for probabilities. Generated documents (tune
seeds) scanned as the generator scans them, read with real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_scan_numbers import born_grids
from test_scan_turned import cell_texts, generated_scan, ocr_grids

from riskrad.extract.recognize.values import sk_pair
from riskrad.extract.tables import place_turned
from riskrad.model.column_content import content_fields, value_roles
from riskrad.model.records import BBox, Word


@pytest.fixture(scope="module")
def follow_up_6(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Given nothing, report_follow_up tune seed 6 and its scan (page 3: two tables without
    column lines, zebra rows, turned "Nr" and "S×K" labels)."""
    return generated_scan(tmp_path_factory, "report_follow_up", 6)


def test_a_scans_narrow_columns_are_read_apart_when_their_labels_are_lost(
    follow_up_6: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    pdf, scan = follow_up_6
    born = born_grids(pdf, 2)
    grids = ocr_grids(scan, 2, tmp_path_factory.mktemp("cache"))
    assert [g.n_cols for g in grids] == [g.n_cols for g in born] == [9, 9]
    for grid, twin in zip(grids, born, strict=True):
        got, want = cell_texts(grid), cell_texts(twin)
        assert [row[3] for row in got[1:]] == [row[3] for row in want[1:]]  # S×K: 15, 3, 2
        assert [row[2] for row in got[1:]] == [row[2] for row in want[1:]]  # the category


def word(text: str, x0: float, top: float, x1: float, bottom: float, turned: bool = False) -> Word:
    """Given a text and a box, an OCR word."""
    size = (x1 - x0) if turned else (bottom - top)
    return Word(text, BBox(x0, top, x1, bottom), "ocr", 0.9, size, False, turned)


def test_a_turned_label_joins_the_row_of_labels_not_a_stray_mark_above_it() -> None:
    # report_follow_up tune 6 page 3 (scan): "Nr" read as "-" 1.2 pt above the labels' line;
    # the turned "SXxK" then joined the mark's line and was no label of the header
    mark = [word("-", 57.8, 74.9, 62.9, 77.7)]
    labels = [word("Beskrivning", 81.4, 76.1, 131.8, 84.5), word("Riskkategori", 207.8, 74.1,
              260.9, 85.7), word("Kontroll", 305.0, 76.1, 338.4, 82.8)]  # fmt: skip
    turned = [word("SXxK", 285.1, 74.9, 291.6, 92.0, turned=True)]
    lines = place_turned([mark, labels], turned)
    assert [w.text for w in lines[0]] == ["-"]
    assert [w.text for w in lines[1]] == ["Beskrivning", "Riskkategori", "SXxK", "Kontroll"]


def test_a_tables_only_column_of_scores_is_its_risk_value() -> None:
    # report_follow_up tune 7 page 3 (scan): the turned "R" read "&£" (no field), its
    # column's 3 and 2 were taken for probabilities
    fields = ["risk", "risk_category", None, "control"]
    columns = [["Personuppgiftsincidenter rapporteras inte", "Bristande kontinuitetsplanering"],
               ["Verksamhetsrisk", "IT-risk"], ["3", "2"],
               ["Kontroll av behörighetstilldelning", "Kontroll av loggar"]]  # fmt: skip
    assert value_roles(fields, columns, [2]) == {2: "risk_value"}
    labels = ["Vad kan gå fel", "Kategori", "&£", "Åtgärd/kontroll"]
    assert content_fields(fields, labels, columns)[2] == "risk_value"
    # the column a scan split off under no label at all ("Legal risk 12" read apart)
    assert content_fields(fields, ["Vad kan gå fel", "Kategori", "", "Åtgärd/kontroll"],
                          columns)[2] == "risk_value"  # fmt: skip
    # S and K named: the unnamed column is R as before
    both = ["risk", "probability", "consequence", None]
    cols = [["A", "B"], ["3", "2"], ["4", "1"], ["12", "2"]]
    assert value_roles(both, cols, [3]) == {3: "risk_value"}
    # two unnamed value columns stay S and K
    assert value_roles(["risk", None, None], [["A", "B"], ["3", "2"], ["4", "1"]], [1, 2]) == {
        1: "probability",
        2: "consequence",
    }


def test_a_pair_of_values_the_page_read_dropped_is_read_in_its_cell(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # export_sk_pair_upper tune 2, page 1: S and K given as a pair ("3/1" under "S / K");
    # Tesseract's page read dropped the pairs and the header's "/", and the lone marks'
    # reading "3/1" was thrown away as noise (no number, no capital): the header split into
    # "S" and "K" columns, every S and K of the page lost
    pdf, scan = generated_scan(tmp_path_factory, "export_sk_pair_upper", 2)
    born = born_grids(pdf, 0)
    grids = ocr_grids(scan, 0, tmp_path_factory.mktemp("cache"))
    assert [g.n_cols for g in grids] == [g.n_cols for g in born]
    for grid, twin in zip(grids, born, strict=True):
        column = cell_texts(twin)[0].index("S / K")
        assert cell_texts(grid)[0][column].replace(" ", "") == "S/K"
        assert [row[column] for row in cell_texts(grid)[1:]] == [
            row[column] for row in cell_texts(twin)[1:]
        ]  # "3/1", "4/2", "", "2/3"


def test_a_pair_of_values_misread_on_a_scan_is_read() -> None:
    # export_sk_pair_upper tune 9 and 10 (scans): "3/2" read "3f2", "S2 K1" read "S2 Kl"
    assert sk_pair("3f2") == (3, 2)
    assert sk_pair("S2 Kl") == (2, 1)
    assert sk_pair("Sl K3") == (1, 3)
    assert sk_pair("3/4") == (3, 4) and sk_pair("S3K3") == (3, 3)
    assert sk_pair("12") is None and sk_pair("Kl") is None and sk_pair("3 f 2") is None
