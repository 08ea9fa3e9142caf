"""Column roles from what the cells hold, where header labels are words no vocabulary knows
(a municipality's own "Hur troligt", "Poäng", "Hanteras genom")."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_one
from conftest import text_key as key
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from test_recognizer import PageBuilder, risks_of, text

from riskrad.model.column_content import (
    cell_kind,
    column_kind,
    content_fields,
    counting,
    named_by_content,
)

LABELS = ["Vad kan hända", "Hur troligt", "Hur allvarligt", "Poäng", "Hanteras genom",
          "Ansvarig", "När"]  # fmt: skip
BODY = [
    ["Felaktiga utbetalningar av försörjningsstöd", "3", "4", "12",
     "Stickprov på utbetalningar varje månad", "Enhetschef", "Månadsvis"],
    ["Brister i dokumentationen av beslut", "2", "3", "6",
     "Granskning av tio akter per kvartal", "Kvalitetsstrateg", "Kvartalsvis"],
    ["Sen handläggning av ansökningar", "4", "2", "8",
     "Uppföljning av handläggningstider", "Sektionschef", "Varje tertial"],
]  # fmt: skip


def columns(rows: list[list[str]]) -> list[list[str]]:
    return [list(column) for column in zip(*rows, strict=True)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("3", "value"),
        ("Möjlig (3)", "value"),
        ("Hög", "value"),
        ("Mycket ofta", "value"),
        ("Kännbar", "value"),
        ("2024-03-31", "date"),
        ("Risken accepteras", "handling"),
        ("Kontrollmoment i internkontrollplan", "handling"),
        ("Hanteras i ordinarie verksamhet", "handling"),
        ("Varje kvartal", "frequency"),
        ("Enhetschef", "owner"),
        ("Medicinskt ansvarig sjuksköterska", "owner"),
        ("Förskola", "short"),
        ("En gång per år", "frequency"),
        ("Vid årsbokslut", "frequency"),  # "bokslut" inside the word
        ("Stickprov på utbetalningar varje månad", "text"),  # a sentence naming a time
        ("Granskning av tio akter i systemet", "text"),
        ("1 200", "short"),  # an amount, no step of a scale
        ("", ""),
    ],
)
def test_a_cell_shows_its_kind(text: str, kind: str) -> None:
    assert cell_kind(text) == kind


def test_unknown_labels_are_named_by_their_columns_cells() -> None:
    fields = [None, None, None, None, None, "responsible", "frequency"]
    named = named_by_content(fields, LABELS, columns(BODY))
    assert named == ["risk", "probability", "consequence", "risk_value", "control",
                     "responsible", "frequency"]  # fmt: skip


def test_the_column_that_is_the_product_of_two_others_is_the_risk_value_wherever_it_stands() -> (
    None
):
    order = [0, 3, 1, 2, 5]  # "Poäng" before the two it is the product of
    labels = [LABELS[i] for i in order]
    body = [[row[i] for i in order] for row in BODY]
    named = named_by_content([None, None, None, None, "responsible"], labels, columns(body))
    assert named == ["risk", "risk_value", "probability", "consequence", "responsible"]


def test_a_label_that_may_name_a_decision_or_a_control_is_told_by_its_cells() -> None:
    decisions = ["Risken accepteras", "Kontrollmoment i internkontrollplan", "Risken accepteras"]
    body = [[*row[:4], decision, *row[5:]] for row, decision in zip(BODY, decisions, strict=True)]
    fields = [None, None, None, None, None, "responsible", "frequency"]
    named = named_by_content(fields, LABELS, columns(body))
    assert named is not None and named[4] == "planned_handling"
    assert named_by_content(fields, LABELS, columns(BODY)) == [  # sentences: its controls
        "risk", "probability", "consequence", "risk_value", "control", "responsible", "frequency"
    ]


def test_sentences_right_of_the_risk_in_a_risk_analysis_are_its_description() -> None:
    labels = ["Risk", "Bakomliggande faktorer", "S", "K", "R"]
    body = [[row[0], row[4], row[1], row[2], row[3]] for row in BODY]  # no frequency: no plan
    fields = ["risk", None, "probability", "consequence", "risk_value"]
    named = named_by_content(fields, labels, columns(body))
    assert named == ["risk", "description", "probability", "consequence", "risk_value"]


def test_sentences_beside_a_risk_and_its_owner_are_no_control() -> None:
    # a risk analysis: "Riskansvarig" and a column of remarks; no frequency or method says
    # the remarks are controls
    labels = ["Risk", "S", "K", "Riskansvarig", "Övriga synpunkter"]
    body = [[row[0], row[1], row[2], row[5], "Arbetet fortsätter under kommande år."]
            for row in BODY]  # fmt: skip
    fields = ["risk", "probability", "consequence", "responsible", None]
    assert named_by_content(fields, labels, columns(body)) is None


def test_tables_of_other_things_are_not_named_by_their_cells() -> None:
    # counts under a heading the vocabulary reads in part: no risk beside values, no control
    labels = ["Verksamhet", "Antal ärenden", "Utfall", "Avvikelse"]
    body = [["Förskola", "12", "10", "2"], ["Skola", "8", "9", "1"], ["Fritids", "3", "3", "0"]]
    assert named_by_content([None, None, "result", "ignored"], labels, columns(body)) is None
    # key figures of a delårsrapport: numbers and sentences, no label of risks, no S × K
    labels = ["Nyckeltal", "Mål 2020", "Utfall 2019", "Bedömning"]
    body = [["Andel elever med godkänt i alla ämnen", "4", "11", "Ej uppnått"],
            ["Sjukfrånvaro bland medarbetare", "6", "5", "Ej uppnått"],
            ["Andel ärenden avslutade inom 3 månader", "13", "18", "Delvis uppnått"]]  # fmt: skip
    assert named_by_content([None, None, "result", None], labels, columns(body)) is None
    # a body row taken for a header: its cells are no labels
    first = BODY[0]
    assert named_by_content([None] * 5 + ["responsible", None], first, columns(BODY[1:])) is None
    # nothing the vocabulary knows and no S, K and S x K in the cells: no anchor
    unscored = [[*row[:3], str(int(row[3]) + 5), *row[4:]] for row in BODY]
    assert named_by_content([None] * 7, LABELS, columns(unscored)) is None


def test_a_column_numbering_its_rows_holds_no_values() -> None:
    # "Risk 1", "Risk 2", … under a label a scan lost ("ID" turned read "2"): the rows'
    # numbers, not S; a value's word goes with its step, so a column of values never reads so
    labels = ["2", "Beskrivning av risk", "Riskpoäng", "Kontrollmoment", "Frekvens"]
    body = [["Risk 1", "Nätfiske och skadlig kod", "6", "Kontroll av loggar", "Månadsvis"],
            ["Risk 2", "Incidenter rapporteras inte", "4", "Stickprov", "Årligen"]]  # fmt: skip
    fields = [None, "risk", "risk_value", "control", "frequency"]
    named = named_by_content(fields, labels, columns(body))
    assert named is None or named[0] is None
    assert column_kind(["Risk 1", "Risk 2", "Risk 3"]) == "numbering"
    assert column_kind(["Möjlig (3)", "Sannolik (4)", "Möjlig (3)"]) == "value"
    assert column_kind(["1", "2", "3"]) == "value"


def test_with_no_label_known_values_and_their_product_anchor_the_table() -> None:
    # labels a committee made up, none in any vocabulary: the columns S, K and S x K are a
    # risk assessment whatever they are called, and the rest is named around them
    assert named_by_content([None] * 7, LABELS, columns(BODY)) == [
        "risk", "probability", "consequence", "risk_value", "control", "responsible", "frequency"
    ]  # fmt: skip
    labels = ["Händelseförlopp", "Chans", "Skada", "Summa", "Hanteras så här", "Vem"]
    page = PageBuilder().para("Bilaga 3")
    page.table([150.0, 40, 40, 35, 150, 60], [labels, *[row[:6] for row in BODY]])
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == [row[0] for row in BODY]
    names = ("probability", "consequence", "risk_value")
    assert [[text(r, name) for name in names] for r in risks] == [row[1:4] for row in BODY]


def test_a_ruled_table_under_labels_no_vocabulary_knows_gives_its_risks_and_controls() -> None:
    page = PageBuilder().para("Internkontrollplan 2025 för socialnämnden")
    page.table([150.0, 40, 40, 35, 150, 60, 45], [LABELS, *BODY])
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == [row[0] for row in BODY]
    names = ("probability", "consequence", "risk_value")
    assert [[text(r, name) for name in names] for r in risks] == [row[1:4] for row in BODY]
    assert [[c.fields["control"].raw for c in r.controls] for r in risks] == [
        [row[4]] for row in BODY
    ]
    assert all("content_roles" in r.layout for r in risks)


def test_an_unruled_table_under_labels_no_vocabulary_knows_gives_its_risks(
    tmp_path: Path,
) -> None:
    # the same plan set as loose text (a risk tool's export): no rules, the labels its own
    styles = getSampleStyleSheet()
    pdf = tmp_path / "plan.pdf"
    doc = SimpleDocTemplate(str(pdf), pagesize=landscape(A4), invariant=1)
    table = Table([LABELS, *BODY], colWidths=[210, 70, 80, 45, 230, 80, 70])
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8)]))
    doc.build([Paragraph("Internkontrollplan 2025 för socialnämnden", styles["Title"]), table])
    result = run_one(tmp_path, pdf)
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(key(row[0]) for row in BODY)
    by_risk = {key(r["risk"]): r for r in result.risks}
    for row in BODY:
        risk = by_risk[key(row[0])]
        assert [risk["probability"], risk["consequence"], risk["risk_value"]] == [
            int(v) for v in row[1:4]
        ]
    assert sorted(key(c["control"]) for c in result.controls) == sorted(key(r[4]) for r in BODY)


def test_a_first_column_counting_the_rows_under_no_label_numbers_the_risks() -> None:
    # a scan's turned "ID" read "2" (or no label at all): the first column's bare numbers
    # counting on down the rows are the risks' numbers, which the plan after names them by
    assert counting(["1", "2", "", "3"])
    assert counting(["4.", "5."])
    assert not counting(["3", "2", "4"])  # values: they do not count on
    assert not counting(["1"])
    labels = ["2", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde"]
    body = [["1", "Felaktiga utbetalningar", "3", "3", "9"],
            ["2", "Bristande budgetföljsamhet", "2", "3", "6"]]  # fmt: skip
    fields = [None, "risk", "probability", "consequence", "risk_value"]
    assert content_fields(fields, labels, columns(body))[0] == "nr"
    right = [None, "risk", "probability", "consequence", "risk_value"]
    values_first = [[row[2], row[1], row[0], row[3], row[4]] for row in body]
    assert content_fields(right, labels, columns(values_first))[0] is None  # 3, 2: values
    page = PageBuilder().para("Riskanalys 2025")
    page.table([30.0, 200, 60, 60, 60], [["", *labels[1:]], *body])
    page.para("Internkontrollplan 2025")
    page.table([40.0, 200, 100, 80], [["Risk", "Kontrollmoment", "Ansvarig", "Frekvens"],
                                      ["2", "Uppföljning av budget", "Ekonom", "Månadsvis"],
                                      ["1", "Stickprov på utbetalningar", "Enhetschef",
                                       "Kvartalsvis"]])  # fmt: skip
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == [row[1] for row in body]
    assert [[c.fields["control"].raw for c in r.controls] for r in risks] == [
        ["Stickprov på utbetalningar"], ["Uppföljning av budget"]
    ]
