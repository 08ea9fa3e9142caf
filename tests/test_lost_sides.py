"""A scanned grid's cell spanning columns because the scan lost its inner sides (value cells
of two colours one grey) is parted again at the columns the other rows keep."""

from __future__ import annotations

from riskrad.extract.blocks import holds_columns, lost_sides
from riskrad.extract.tables import Grid, GridCell
from riskrad.model.records import BBox, Word

BOUNDS = (50.9, 99.8, 462.7, 644.2, 692.6, 741.6, 802.6)


def words(*placed: tuple[float, str]) -> tuple[Word, ...]:
    return tuple(
        Word(t, BBox(x, 216.0, x + 4.2 * len(t), 223.0), origin="ocr", confidence=0.95)
        for x, t in placed
    )


def cell(col: int, span: int, *placed: tuple[float, str]) -> GridCell:
    return GridCell(BBox(BOUNDS[col], 212.2, BOUNDS[col + span], 225.6), 1, col, 1, span,
                    words(*placed))  # fmt: skip


def grid(last: list[GridCell | None]) -> Grid:
    first = tuple(cell(c, 1, (BOUNDS[c] + 3, "x")) for c in range(6))
    rows = (first, (cell(0, 1, (54.7, "4")), cell(1, 1, (103.2, "Svårigheter")),
                    cell(2, 1, (466.5, "Ekonomisk")), *last))  # fmt: skip
    return Grid(3, BBox(BOUNDS[0], 190.1, BOUNDS[-1], 225.6), BOUNDS, rows)


def test_a_cell_whose_values_stand_in_the_columns_it_spans_is_parted() -> None:
    spanning = cell(3, 3, (648.5, "Möjlig"), (671.0, "(3)"), (696.9, "Lindrig"),
                    (722.9, "(1)"), (745.4, "3"), (751.9, "(Låg)"))  # fmt: skip
    before = grid([spanning, None, None])
    assert holds_columns(before)  # the table was read as rows without columns
    after = lost_sides(before)
    texts = [c.text if c is not None else None for c in after.rows[1]]
    assert texts[3:] == ["Möjlig (3)", "Lindrig (1)", "3 (Låg)"]
    assert not holds_columns(after)


def test_a_heading_or_a_sentence_across_the_columns_stays_one_cell() -> None:
    band = cell(3, 3, (648.5, "Personal"))  # in one column: a band's heading
    sentence = cell(3, 3, (648.5, "Stickprov"), (690.0, "granskas"), (735.0, "varje"),
                    (760.0, "månad"))  # fmt: skip  # words across the column lines
    for spanning in (band, sentence):
        g = grid([spanning, None, None])
        assert lost_sides(g) is g


def test_a_grid_whose_one_column_cells_hold_columns_is_left_whole() -> None:
    # a scan's fill rows under a table of more columns than its lines make: "Nämnden
    # Genomgång av …" (owner and control) in one cell; the grid lost its columns, not a
    # cell's sides, and is read as rows without columns
    spanning = cell(3, 2, (648.5, "1"), (696.9, "4"))
    owner = cell(5, 1, (743.0, "Nämnd"), (774.0, "Stickprov"))
    g = grid([spanning, None, owner])
    assert lost_sides(g) is g


def test_a_grid_under_a_header_of_its_own_is_left_to_the_unruled_reader() -> None:
    # its header's labels give the unruled reader the columns, also for the table's parts
    # below whose lines the scan lost; parted, the grid was read alone and the parts after
    # it had no header (report_analysis_plan_coloured report scan: 2 of 7 risks)
    spanning = cell(3, 3, (648.5, "Möjlig"), (671.0, "(3)"), (696.9, "Lindrig"),
                    (722.9, "(1)"), (745.4, "3"), (751.9, "(Låg)"))  # fmt: skip
    labels = ("ID", "Risk", "Kategori", "Sannolikhet", "Konsekvens", "Riskvärde")
    header = tuple(cell(c, 1, (BOUNDS[c] + 3, label)) for c, label in enumerate(labels))
    g = grid([spanning, None, None])
    headed = Grid(g.page, g.bbox, g.col_bounds, (header, *g.rows[1:]))
    assert lost_sides(g) is not g
    assert lost_sides(headed) is headed
