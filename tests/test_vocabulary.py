"""Column headers map to contract fields by their words, whatever their order or spelling."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from riskrad.model.vocabulary import classify_header, header_fields, is_header_row, paragraph_label

CASES = Path(__file__).parent / "data" / "header_cases.tsv"


def cases() -> list[tuple[str, str | None]]:
    with CASES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["header"].replace("\\n", "\n"), r["field"] or None) for r in rows]


@pytest.mark.parametrize(("header", "field"), cases(), ids=lambda v: repr(v)[:30])
def test_header_names_its_field(header: str, field: str | None) -> None:
    assert classify_header(header) == field


def test_a_header_row_in_any_order_maps_every_column() -> None:
    row = ["K", "Risk", "Ansvarig", "S", "Riskvärde"]
    assert header_fields(row) == ["consequence", "risk", "responsible", "probability", "risk_value"]
    assert is_header_row(header_fields(row))


def test_a_budget_table_header_is_not_a_risk_header() -> None:
    assert not is_header_row(
        header_fields(["Verksamhet", "Budget 2020", "Utfall 2019", "Avvikelse"])
    )


def test_paragraph_labels() -> None:
    assert paragraph_label("Kommentar: Arbetet pågår.") == ("comment", "Arbetet pågår.")
    assert paragraph_label("Resultat:") == ("result", "")
    assert paragraph_label("Åtgärd: ny rutin") == ("action", "ny rutin")
    assert paragraph_label("Kommentaren nedan gäller 2024.") is None


def test_three_named_labels_among_labels_known_to_be_left_out_are_a_header_row() -> None:
    # a follow-up's header: five named, three named only to be left out, one unknown
    row = ["Kontrollaktivitet", "Frekvens", "Återrapportering", "Metod för uppföljning",
           "Kontrollansvarig", "Avvikelse Status", "Åtgärd", "Datum klart", "Åtgärdsansvarig"]
    assert is_header_row(header_fields(row))
    # a title line over a header, read as one: two named, the rest left out, is none
    title = ["Risk 3 Felaktig hantering av skolskjuts", "Avvikelse", "Åtgärd", "Datum klart",
             "Ansvarig för åtgärd"]
    assert not is_header_row(header_fields(title))


def test_a_column_describing_the_risk_where_none_names_it_holds_the_risk() -> None:
    # "Riskbeskr. | Beskr." without a risk column: the risk's title, then its description
    fields = header_fields(["Verks.omr.", "Riskbeskr.", "Beskr.", "Sannol.", "Kons."])
    assert fields == ["process", "risk", "description", "probability", "consequence"]
    # beside a risk column it describes; with none, it holds the risk
    assert header_fields(["Risk", "Riskbeskrivning", "S"]) == ["risk", "description", "probability"]
    assert header_fields(["Omr.", "Riskbeskr.", "Sannol."]) == ["process", "risk", "probability"]
    # alone in a row without values: a follow-up quoting the risk, whose risk is elsewhere
    follow_up = ["Kontrollmoment", "Riskbeskrivning", "Resultat"]
    assert header_fields(follow_up) == ["control", "description", "result"]


def test_an_abbreviated_labels_words_are_those_holding_its_letters_in_order() -> None:
    """label_words answers what a pattern "^s\\w*a\\w*n…\\w*$" per abbreviation answered:
    the label words starting with its first letter and holding the rest in order."""
    import itertools
    import re

    from riskrad.model.vocabulary import ABBREVIATION, LABEL_WORDS, label_words

    def by_pattern(abbreviation: str) -> tuple[str, ...]:
        letters = abbreviation.replace(" ", "").replace(".", "")
        pattern = re.compile("^" + r"\w*".join(letters) + r"\w*$")
        return tuple(word for word in LABEL_WORDS if pattern.match(word))

    abbreviations = {"sannol.", "kontr.ansv.", "verks.omr.", "ktrl.moment", "riskv.", "t.ex."}
    for word in LABEL_WORDS:  # every prefix, every prefix with every later letter dropped
        for end in range(1, len(word) + 1):
            abbreviations.add(word[:end] + ".")
            for drop in range(1, end):
                abbreviations.add(word[:drop] + word[drop + 1 : end] + ".")
    abbreviations |= {a + b + "." for a, b in itertools.product("aeiks", "kntrx")}
    found = [m.group() for a in sorted(abbreviations) for m in ABBREVIATION.finditer(a)]
    assert len(found) > 1000
    assert [label_words(a) for a in found] == [by_pattern(a) for a in found]
    assert label_words("sannol.") == ("sannolikhet",) and label_words("xyz.") == ()


@pytest.mark.parametrize(
    ("row", "fields"),
    [
        # S and K joined by a times sign beside the value: that column holds the factors
        (["Risk", "Sannolikhet x Konsekvens", "Riskvärde"], ["risk", "sk_pair", "risk_value"]),
        (["Risk", "S x K", "Risk (S×K)"], ["risk", "sk_pair", "risk_value"]),
        (["Risk", "SANNOLIKHET\nX KONSEKVENS", "RISKPOÄNG"], ["risk", "sk_pair", "risk_value"]),
        # two such labels: the factors first, their product after them
        (["Risk", "Sannolikhet × Konsekvens", "S×K"], ["risk", "sk_pair", "risk_value"]),
        (["Risk", "Bedömning (S×K)", "Riskvärde"], ["risk", "sk_pair", "risk_value"]),
        # unchanged: the label alone is the value; beside S and K it is their product
        (["Risk", "S×K", "Kontroll"], ["risk", "risk_value", "control"]),
        (["Risk", "S", "K", "S x K"], ["risk", "probability", "consequence", "risk_value"]),
        (["Risk", "Riskvärde", "Risknivå"], ["risk", "risk_value", None]),
    ],
)
def test_a_times_label_beside_the_value_holds_s_and_k(
    row: list[str], fields: list[str | None]
) -> None:
    assert header_fields(row) == fields


@pytest.mark.parametrize(
    ("row", "fields"),
    [
        # a scan's cell border read as glyphs before the label (English-layer scan of an
        # upper-case export, Tesseract's reading): it named the value, not the pair
        (
            ["RISKER", "=:SANNOLIKHET/KONSEKVENS", "RISKBEDÖMNING"],
            ["risk", "sk_pair", "risk_value"],
        ),
        (["|Risk", "_Sannolikhet", "Konsekvens"], ["risk", "probability", "consequence"]),
    ],
)
def test_stray_marks_before_a_label_are_no_part_of_it(
    row: list[str], fields: list[str | None]
) -> None:
    assert header_fields(row) == fields
