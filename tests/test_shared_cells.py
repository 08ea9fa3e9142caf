"""Two fields or more in one cell of a plan: the cell splits into the fields its header or
its lines' labels name.

Real documents: ``corpus/layoutgen`` round 33's families (Word templates held out blind):
plan_assessment_cell (a risk's whole assessment in one "Riskbedömning" / "Bedömning" /
"Riskvärdering" cell: "Sannolikhet: 3" / "Konsekvens: 4" / "Riskvärde: 12" as lines,
"S = 3" / "K = 4" / "RV = 12", or "S=3 K=4 R=12" on one line), plan_who_when_cell (a
control's responsible and frequency in one "Ansvarig / när", "Vem/när", "När/vem" cell:
one under the other, "X / Y", "X, Y", "X – Y") and plan_control_method_cell (the
control's method under it in its cell: "Metod: …", "Hur: …" or the control in bold over
it), worked on through their tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import stored_run, tune_run
from conftest import text_key as key

from riskrad.extract.cell_parts import labelled_text, listed_parts
from riskrad.model import column_content
from riskrad.model import vocabulary as vocab


def assessed(rows: list[dict[str, Any]]) -> list[tuple[str, Any, Any, Any]]:
    return sorted(
        (key(r["risk"]), r["probability"], r["consequence"], r["risk_value"]) for r in rows
    )


@pytest.mark.parametrize(
    "seed",
    [
        0,  # "Bedömning" (a label the vocabulary does not know) over "S = 2" / "K = 2" /
        #     "RV = 4": no value was read
        2,  # "Riskvärdering" over "Sannolikhet: 2" / "Konsekvens: 3" / "Riskvärde: 6": the
        #     cell was read as the risk's description
        4,  # "Riskbedömning" (the risk's value) over "S=3 K=4 R=12": no value was read
    ],
)
def test_a_risks_assessment_in_one_cell_gives_its_s_k_and_r(tmp_path: Path, seed: int) -> None:
    result, want = tune_run(tmp_path, "plan_assessment_cell", seed)
    assert assessed(result.risks) == assessed(want["risks"])
    assert all(not r["description"] for r in result.risks if "=" in (r["description"] or ""))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Sannolikhet: 2\nKonsekvens: 3\nRiskvärde:\n6",
            (("probability", 2), ("consequence", 3), ("risk_value", 6)),
        ),
        ("S = 2\nK = 2\nRV = 4", (("probability", 2), ("consequence", 2), ("risk_value", 4))),
        ("S=3 K=4 R=12", (("probability", 3), ("consequence", 4), ("risk_value", 12))),
        ("K 4, S 3", (("consequence", 4), ("probability", 3))),
        ("S=3", ()),  # one value: the column's own
        ("S=3 S=4", ()),  # a field twice
        ("3/4", ()),
        ("Möjlig (3)", ()),
        ("Kontroll 2, Ansvar 3", ()),  # labels of no value
        ("Granskning av 25 ärenden", ()),
    ],
)
def test_values_under_their_labels(text: str, values: tuple[tuple[str, int], ...]) -> None:
    assert vocab.labelled_values(text) == values


def test_a_cell_of_labelled_values_is_an_assessment() -> None:
    assert column_content.cell_kind("S = 2\nK = 2\nRV = 4") == "assessment"
    assert column_content.cell_kind("3") == "value"


def handled(rows: list[dict[str, Any]], *names: str) -> list[tuple[str, ...]]:
    return sorted(tuple(key(c[n]) for n in names) for c in rows)


@pytest.mark.parametrize(
    "seed",
    [
        0,  # "När/vem" over "Månadsvis, HR-chef": the frequency first
        1,  # "Vem/när" over "Upphandlare" / "Vid årsbokslut"
        2,  # "Ansvarig/frekvens" over "Medicinskt ansvarig" / "sjuksköterska" / "Löpande"
        3,  # "Ansvarig / när" over "Nämndsekreterare –" / "Löpande"
        5,  # "Frekvens/ansvarig" over "Månadsvis /" / "Upphandlare"
    ],
)
def test_a_controls_responsible_and_frequency_in_one_cell_are_parted(
    tmp_path: Path, seed: int
) -> None:
    result, want = tune_run(tmp_path, "plan_who_when_cell", seed)
    names = ("control", "responsible", "frequency")
    assert handled(result.controls, *names) == handled(want["controls"], *names)


@pytest.mark.parametrize(
    "seed",
    [
        0,  # "Kontrollmoment (metod)" over "X" / "Metod: Y"
        1,  # "Kontrollmoment och metod" over "X" / "Hur: Y"
        3,  # "Vad kontrolleras och hur" over X in bold / Y in plain type
        10,  # "Kontroll/metod" (no "Kontrollmetod") over X in bold / Y
        16,  # a page break inside "X" / "Metod: Y": the label in the cell's rest
        19,  # a page break inside Y under X in bold: its rest went to the control
    ],
)
def test_a_controls_method_under_it_in_its_cell_is_parted(tmp_path: Path, seed: int) -> None:
    result, want = tune_run(tmp_path, "plan_control_method_cell", seed)
    got = handled(result.controls, "control", "method")
    assert got == handled(want["controls"], "control", "method")


@pytest.mark.parametrize(
    ("family", "seed"),
    [
        ("plan_control_method_cell", 35),  # "Hur: …" read into the header repeated on the next
        #                                    page: a control of its own
        ("plan_control_method_cell", 36),  # "Metod: …" atop the next page: a control of its own
        ("plan_who_when_cell", 46),  # "Ansvarig/frekven" / "s": a header word the column broke
        ("plan_who_when_cell", 41),  # "Frekve" / "ns/ansvarig"
        ("plan_assessment_cell", 51),  # "S=4 K=4 R=16" beside "Åtgärd i verksamhetsplan" read
        #                                as a nested table's labels "S" and "Åtgärd"
    ],
)
def test_a_shared_cell_is_parted_whatever_breaks_it(tmp_path: Path, family: str, seed: int) -> None:
    result, want = tune_run(tmp_path, family, seed)
    names = ("control", "responsible", "frequency", "method")
    assert handled(result.controls, *names) == handled(want["controls"], *names)
    assert assessed(result.risks) == assessed(want["risks"])


@pytest.mark.parametrize(
    "name",
    [
        "method_label_over_break_5",  # LibreOffice: a page break after "… och är" / "kända" /
        #                               "Metod: …": the method below the break was lost
        "bold_control_over_break_8",  # LibreOffice: a control in bold alone at a page's foot,
        #                               its method atop the next: read as an area's heading
    ],
)
def test_a_controls_method_after_a_page_break_is_its_method(tmp_path: Path, name: str) -> None:
    result, want = stored_run(tmp_path, name)
    got = handled(result.controls, "control", "method")
    assert got == handled(want["controls"], "control", "method")
    assert sorted(key(r["risk"]) for r in result.risks) == sorted(
        key(r["risk"]) for r in want["risks"]
    )


@pytest.mark.parametrize(
    "name",
    [
        "who_when_hyphen_6",  # LibreOffice: "HR-" / "chef" read "HR- chef"
        "who_when_over_break_36",  # LibreOffice: "Förvaltningschef –" / page break /
        #                            "Kvartalsvis": read whole as the responsible
    ],
)
def test_a_responsible_and_frequency_cell_cut_by_a_line_or_a_page_is_parted(
    tmp_path: Path, name: str
) -> None:
    result, want = stored_run(tmp_path, name)
    names = ("control", "responsible", "frequency")
    got = sorted(tuple(c[n] for n in names) for c in result.controls)
    assert got == sorted(tuple(c[n] for n in names) for c in want["controls"])


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        ("Ansvarig / när", ("responsible", "frequency")),
        ("Vem/när", ("responsible", "frequency")),
        ("När/vem", ("frequency", "responsible")),
        ("Ansvar och tidpunkt", ("responsible", "frequency")),
        ("Kontroll/metod", ("control", "method")),
        ("Vad kontrolleras och hur", ("control", "method")),
        ("Kontrollmoment (ansvarig, frekvens)", ("control", "responsible", "frequency")),
        ("Åtgärd/kontroll", ()),  # an action and a control: no control's fields
        ("Status och resultat", ()),
        ("Ansvarig/utförare", ()),  # one field twice
    ],
)
def test_a_header_naming_a_controls_fields_lists_them_in_order(
    header: str, fields: tuple[str, ...]
) -> None:
    assert vocab.listed_fields(header) == fields
    if fields:
        assert vocab.classify_header(header) == fields[0]


@pytest.mark.parametrize(
    ("text", "order", "parts"),
    [
        (
            "Ekonomichef / Kvartalsvis",
            ("responsible", "frequency"),
            [("responsible", "Ekonomichef"), ("frequency", "Kvartalsvis")],
        ),
        (
            "Controller – Vid\ndelårsbokslut",
            ("responsible", "frequency"),
            [("responsible", "Controller"), ("frequency", "Vid\ndelårsbokslut")],
        ),
        (
            "Medicinskt ansvarig\nsjuksköterska\nLöpande",
            ("responsible", "frequency"),
            [("responsible", "Medicinskt ansvarig\nsjuksköterska"), ("frequency", "Löpande")],
        ),
        (
            "Kvartalsvis, Ekonomichef",
            ("responsible", "frequency"),  # its words say the order
            [("frequency", "Kvartalsvis"), ("responsible", "Ekonomichef")],
        ),
        ("Ekonomichef", ("responsible", "frequency"), None),
        ("En gång per\ntermin", ("frequency", "responsible"), None),  # one wrapped part
    ],
)
def test_a_cells_parts_at_a_separator_or_its_lines(
    text: str, order: tuple[str, ...], parts: list[tuple[str, str]] | None
) -> None:
    assert listed_parts(text, order) == parts


def test_labelled_lines_of_a_controls_text_part_it_unless_a_bracket_holds_the_label() -> None:
    allowed = frozenset({"method", "responsible", "frequency"})
    assert labelled_text(
        "Kontroll av att\nrutiner finns\nMetod: Genomgång\nav planer", allowed
    ) == ("Kontroll av att\nrutiner finns", [("method", "Genomgång\nav planer")])
    assert labelled_text("Kontroll av X [Ansvarig:\nFrekvens: Månadsvis]", allowed) is None
    assert labelled_text("Kontroll av X\nStatus: klar", allowed) is None
