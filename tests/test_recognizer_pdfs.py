"""Issue 8's ordinary layouts, as real PDFs through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import layout_docs
import pandas as pd
import pytest
from layout_docs import Want

from riskrad.pipeline import RunResult, RunSettings, run
from riskrad.views import review_list

Row = dict[str, object]


def run_one(tmp_path: Path, make: object, *args: object) -> tuple[RunResult, Want | None]:
    folder = tmp_path / "in"
    folder.mkdir()
    want = make(folder / "doc.pdf", *args)  # type: ignore[operator]
    return run(folder, RunSettings()), want


def assert_rows(result: RunResult, want: Want) -> None:
    assert result.documents[0]["status"] == "ok", result.documents[0]["error"]
    risks = {r["risk"]: r for r in result.risks}
    assert len(result.risks) == len(want.risks)
    for expected in want.risks:
        got = risks[expected["risk"]]
        for name, value in expected.items():
            assert got[name] == value, (name, got)
    by_id = {r["risk_id"]: r["risk"] for r in result.risks}
    assert len(result.controls) == len(want.controls)
    for expected, got in zip(want.controls, result.controls, strict=True):
        assert by_id.get(got["risk_id"]) == expected["risk"], got
        for name, value in expected.items():
            if name != "risk":
                assert got[name] == value, (name, got)


def test_control_report_with_header_once_and_risk_headings_above_tables(tmp_path: Path) -> None:
    result, want = run_one(tmp_path, layout_docs.control_report)
    assert want is not None
    assert_rows(result, want)
    assert {result.provenance[r["risk_id"]].layout for r in result.risks} == {
        "title_above_controls"
    }


@pytest.mark.parametrize("spans", [True, False], ids=["spanned", "empty_cells"])
def test_kontrollplan_one_risk_owns_several_control_rows(tmp_path: Path, spans: bool) -> None:
    result, want = run_one(tmp_path, layout_docs.kontrollplan, spans)
    assert want is not None
    assert_rows(result, want)
    assert {result.provenance[c["control_id"]].layout for c in result.controls} == {"control_row"}


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "values_only"])
def test_a_risk_row_over_its_control_rows_in_the_same_columns(
    tmp_path: Path, numbered: bool
) -> None:
    # a second header row names the columns again for the control rows below each risk
    result, want = run_one(tmp_path, layout_docs.two_row_roles, numbered)
    assert want is not None
    assert_rows(result, want)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "rows_lines_only"])
def test_a_table_on_its_side_is_read_turned(tmp_path: Path, ruled: bool) -> None:
    # labels down the first column, each risk a column: each column is a row; without
    # column lines the columns are the white space no value crosses
    result, want = run_one(tmp_path, layout_docs.transposed, ruled)
    assert want is not None
    assert_rows(result, want)


def test_a_caption_naming_an_area_gives_the_process(tmp_path: Path) -> None:
    # "Tabell 2: Personal" in small type over each area's table, a note under it
    result, want = run_one(tmp_path, layout_docs.captioned_tables)
    assert want is not None
    assert_rows(result, want)


def test_a_box_under_its_risks_title_row_gives_the_risk_and_its_numbered_controls(
    tmp_path: Path,
) -> None:
    # the title across the box's first row, "Kontroll 1" / "Kontroll 2" labels; boxes that a
    # page break cuts after a few rows are boxes too
    result, want = run_one(tmp_path, layout_docs.titled_boxes)
    assert want is not None
    assert_rows(result, want)


def test_controls_naming_their_risk_by_number_link_to_an_appendix_read_later(
    tmp_path: Path,
) -> None:
    # "3. Kontroll av …" / "Risk nr: R2" lines, a Status | Resultat | Åtgärd row under each;
    # the risks only in "Bilaga 1" at the end
    result, want = run_one(tmp_path, layout_docs.findings_with_appendix)
    assert want is not None
    assert_rows(result, want)


def test_numbered_section_headings_give_the_process(tmp_path: Path) -> None:
    result, want = run_one(tmp_path, layout_docs.numbered_sections)
    assert want is not None
    assert_rows(result, want)


def test_risk_content_without_rows_is_partial_and_reviewed(tmp_path: Path) -> None:
    result, _ = run_one(tmp_path, layout_docs.unreadable_risks)
    doc = result.documents[0]
    assert doc["status"] == "partial"
    assert "no rows read" in doc["error"] and "p1" in doc["error"]
    review = review_list(
        pd.DataFrame(result.documents),
        pd.DataFrame(
            result.risks, columns=["risk_id", "document_id", "page", "risk", "confidence"]
        ),
        pd.DataFrame(
            result.controls, columns=["control_id", "document_id", "page", "control", "confidence"]
        ),
        pages=pd.DataFrame(result.pages),
    )
    pages = review[review["table"] == "pages"]
    assert pages["page"].tolist() == [1]
    assert "Sannolikhet" in pages["reason"].iloc[0]


def test_agenda_and_budget_table_stay_ok_at_zero(tmp_path: Path) -> None:
    result, _ = run_one(tmp_path, layout_docs.agenda)
    assert result.documents[0]["status"] == "ok"
    assert result.risks == [] and result.controls == []


@pytest.mark.parametrize(
    ("bullets", "risk_word", "values", "layout"),
    [
        (True, False, True, "title_over_labels"),
        (False, False, True, "title_over_labels"),
        (True, True, True, "label_lines"),
        (True, False, False, "title_above_controls"),
    ],
    ids=["bullets", "bold_labels", "risk_word_headings", "no_assessment"],
)
def test_a_slides_heading_is_its_risk_when_labelled_lines_under_it_assess_it(
    tmp_path: Path, bullets: bool, risk_word: bool, values: bool, layout: str
) -> None:
    """A page per risk: its heading, its cause, context lines ("Område:", "Ansvarig:",
    "Riskkategori:") held under the heading until the assessment's lines (or, without them,
    the control table) take the heading as their risk's title; the control table under them
    is that risk's; a divider page names the area. A heading "Risk 1: Title" in larger type
    is a "Risk:" line whose text under it describes."""
    result, want = run_one(tmp_path, layout_docs.slides, bullets, risk_word, values)
    assert want is not None
    assert_rows(result, want)
    assert {result.provenance[r["risk_id"]].layout for r in result.risks} == {layout}


@pytest.mark.parametrize(
    ("tree", "zebra"), [(True, 0.0), (False, 0.0), (True, 5.6)],
    ids=["tree", "centred_not_tree", "zebra_loose_rows"],
)
def test_a_column_indented_by_level_is_a_tree(tmp_path: Path, tree: bool, zebra: float) -> None:
    # area, risk and control in one column, told apart by indentation alone; a centred
    # column whose text starts elsewhere on each row is no tree; rows in bands without
    # lines at a loose pitch stay one table though some gaps are wider than others
    result, want = run_one(tmp_path, layout_docs.indented_tree, tree, zebra)
    assert want is not None
    assert_rows(result, want)


def test_a_tree_going_on_over_a_page_keeps_its_levels(tmp_path: Path) -> None:
    # the next page's part without a header holds only controls: one level, named by the
    # step the page before showed
    result, want = run_one(tmp_path, layout_docs.indented_tree, True, 0.0, 1, True)
    assert want is not None
    assert_rows(result, want)


def test_a_tree_names_its_two_responsibles_by_the_rows_that_fill_them(tmp_path: Path) -> None:
    # "Ansvarig" filled on risk rows only: the risk's owner; "Ansvarig för kontroll" (which
    # the header leaves unnamed beside another "Ansvarig") on control rows: the control's
    result, want = run_one(tmp_path, layout_docs.indented_tree, True, 0.0, 1, False, True)
    assert want is not None
    assert_rows(result, want)


def test_an_area_line_under_a_wrapped_control_starts_its_own_row(tmp_path: Path) -> None:
    # a table without lines: the control's wrapped text keeps its indentation; the area's
    # line at the column's edge under it is a row of the tree's outer level
    result, want = run_one(tmp_path, layout_docs.indented_tree, True, 0.0, 1, False, False, True)
    assert want is not None
    assert_rows(result, want)
