"""Forms filled in by ticking boxes: a ticked box among a row of boxes is a choice.

Real documents: ``corpus/layoutgen`` family follow_up_checkbox_forms (round 29, held out): an
uppföljning written as a self-assessment form per risk, S and K each a row of boxes on the
scale ("☐ 1 ☒ 2 ☐ 3 ☐ 4", or "1 □ 2 ■ …"), each control's questions answered by ticking
("Har kontrollen genomförts? ☒ Ja ☐ Delvis ☐ Nej"), the result and action as text. At first
sight 15 of its 20 report documents read no rows; worked on through its tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import stored_run, tune_run
from conftest import text_key as key
from test_recognizer import PageBuilder, risks_of, text

from riskrad.extract.choices import is_box_row, ticked_choice


@pytest.mark.parametrize(
    ("value", "chosen"),
    [
        ("☐ 1 ☒ 2 ☐ 3 ☐ 4", "2"),
        ("1 □ 2 ■ 3 □ 4 □", "2"),  # each box after its label
        ("■ Ja □ Delvis □ Nej", "Ja"),
        ("☐ Ja ☑ Nej", "Nej"),
        ("[ ] Låg [X] Medel [ ] Hög", "Medel"),
        ("Låg ( ) Medel (x) Hög ( )", "Medel"),
        ("☐ Ja ☐ Nej", None),  # nothing ticked
        ("☒ Ja ☒ Nej", None),  # two ticked: no one choice
        ("●●●○", None),  # a rating in dots: boxes without labels
        ("■ Kontroll av attester", None),  # a list item's mark
        ("Se ☒ Ja ☐ Nej i bilagan", None),  # boxes inside a sentence
        ("Möjlig (3)", None),
    ],
)
def test_the_ticked_box_of_a_row_of_boxes_is_the_choice(value: str, chosen: str | None) -> None:
    assert ticked_choice(value) == chosen


def test_a_row_of_boxes_is_an_answer_even_with_none_ticked() -> None:
    assert is_box_row("☐ Ja ☐ Delvis ☐ Nej") and is_box_row("1 □ 2 □ 3 □")
    assert not is_box_row("●●○○") and not is_box_row("Kontroll av attester")


FORM_WIDTHS = [130.0, 70, 70, 70, 70]
ACROSS = (0, 1, 4)  # a value across the four columns right of the label (row filled in)


def form_page() -> PageBuilder:
    rows = [
        ["Risk 1: Felaktiga utbetalningar", "", "", "", ""],
        ["Process", "Ekonomi", "", "", ""],
        ["Sannolikhet", "☐ 1", "☒ 2", "☐ 3", "☐ 4"],
        ["Konsekvens", "1 □", "2 □", "3 ■", "4 □"],
        ["Kontrollmoment", "Attestkontroll av fakturor", "", "", ""],
        ["Ansvarig", "Ekonomichef", "", "", ""],
        ["Har kontrollen genomförts?", "☒ Ja ☐ Delvis ☐ Nej", "", "", ""],
        ["Resultat", "Inga avvikelser", "", "", ""],
        ["Kontrollmoment", "Stickprov på utbetalningar", "", "", ""],
        ["Frekvens", "Kvartalsvis", "", "", ""],
        ["Avvikelser noterade", "☐ Ja ☒ Nej", "", "", ""],
        ["Resultat", "Två fel rättade", "", "", ""],
    ]
    spans = ((0, 0, 4), *((r, 1, 4) for r in range(len(rows)) if r not in (0, 2, 3)))
    return PageBuilder().table(FORM_WIDTHS, rows, hspans=spans)


def test_a_form_of_labels_and_ticked_boxes_gives_its_risk_and_controls() -> None:
    (risk,) = risks_of(form_page())
    assert text(risk, "risk") == "Felaktiga utbetalningar" and text(risk, "process") == "Ekonomi"
    assert (risk.fields["probability"].number, risk.fields["consequence"].number) == (2, 3)
    assert [text(c, "control") for c in risk.controls] == [
        "Attestkontroll av fakturor", "Stickprov på utbetalningar"]
    assert [text(c, "result") for c in risk.controls] == ["Inga avvikelser", "Två fel rättade"]
    assert text(risk.controls[1], "frequency") == "Kvartalsvis"
    assert risk.layout == "label_value_box"


def test_label_lines_answered_by_ticking_boxes() -> None:
    page = (
        PageBuilder()
        .para("Risk: Sena rapporter")
        .para("Sannolikhet: ☐ 1 ☐ 2 ☒ 3 ☐ 4")
        .para("Konsekvens: ☒ 1 ☐ 2 ☐ 3 ☐ 4")
        .para("Kontrollmoment: Uppföljning av rapporter")
        .para("Ansvarig: Controller")
        .para("Kontrollen utförd: ☒ Ja ☐ Nej")  # a question the vocabulary does not name
    )
    (risk,) = risks_of(page)
    assert (text(risk, "probability"), text(risk, "consequence")) == ("3", "1")
    assert text(risk.controls[0], "responsible") == "Controller"  # the answer not joined to it


def by_control(rows: list[dict[str, Any]], risks: list[dict[str, Any]]) -> dict[str, tuple]:
    """Given controls and their risks, each control's risk title, responsible, frequency,
    result and action by its text."""
    title = {r.get("risk_id", i): key(r["risk"]) for i, r in enumerate(risks)}
    return {
        key(c["control"]): (
            title.get(c.get("risk_id", c.get("risk_index"))), c["responsible"], c["frequency"],
            key(c["result"]), key(c["action"]))
        for c in rows
    }


def risk_rows(risks: list[dict[str, Any]]) -> dict[str, tuple]:
    return {key(r["risk"]): (r["process"], r["probability"], r["consequence"], r["risk_value"],
                             r["page"]) for r in risks}


def assert_read_as_wanted(result: Any, want: dict[str, Any]) -> None:
    assert risk_rows(result.risks) == risk_rows(want["risks"])
    assert by_control(result.controls, result.risks) == by_control(want["controls"],
                                                                    want["risks"])


@pytest.mark.parametrize("seed", [0, 3, 8])
def test_self_assessment_forms_give_their_risks_and_controls(tmp_path: Path, seed: int) -> None:
    # seed 0: "1 □ 2 ■" boxes after their steps, forms going on over page breaks as two-column
    # boxes; seed 3: "☒", a form's title, S and K alone at a page's foot, "Planerad åtgärd"
    # after the result; seed 8: a form's last row ("Förslag till åtgärd") alone atop a page.
    # No rows were read (S and K None, controls joined to the wrong risk's)
    result, want = tune_run(tmp_path, "follow_up_checkbox_forms", seed)
    assert_read_as_wanted(result, want)


def test_a_form_title_left_alone_at_a_page_foot_names_the_form_below(tmp_path: Path) -> None:
    # LibreOffice broke a form after its title row: the title a bold line at the foot of the
    # page, the form's S, K and controls on the next; the title was read as an area and the
    # controls joined to the risk before (follow_up_checkbox_forms tune seed 6, LibreOffice)
    result, want = stored_run(tmp_path, "form_title_at_page_foot_6")
    assert_read_as_wanted(result, want)


def test_a_table_cell_of_ticked_boxes_gives_the_ticked_value() -> None:
    page = PageBuilder().table(
        [150.0, 110, 110, 150],
        [
            ["Risk", "Sannolikhet", "Konsekvens", "Kontrollmoment"],
            ["Sena rapporter", "☐ 1 ☒ 2 ☐ 3", "1 □ 2 □ 3 ■", "Uppföljning av rapporter"],
        ],
    )
    (risk,) = risks_of(page)
    assert (text(risk, "probability"), text(risk, "consequence")) == ("2", "3")


def test_a_question_line_answered_by_ticking_ends_the_value_above() -> None:
    page = (
        PageBuilder()
        .para("Risk: Sena rapporter")
        .para("Sannolikhet ☐ 1 ☐ 2 ☒ 3 ☐ 4")  # no colon: the boxes part label and value
        .para("Kontrollmoment: Uppföljning av rapporter")
        .para("Ansvarig: Controller")
        .para("Har kontrollen genomförts? ☒ Ja ☐ Delvis ☐ Nej")
        .para("Avvikelser? Ja ☐ Nej ☒")
        .para("Resultat: Två rapporter var sena.")
    )
    (risk,) = risks_of(page)
    assert text(risk, "probability") == "3"
    assert text(risk.controls[0], "responsible") == "Controller"
    assert text(risk.controls[0], "result") == "Två rapporter var sena."
