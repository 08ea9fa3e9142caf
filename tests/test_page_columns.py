"""Pages set in two columns, and labels set with letter spacing.

Real documents: ``corpus/layoutgen`` families report_two_column_blocks (a verksamhetsplan
chapter in two page columns, each risk a bold name, its cause and "Label: value" lines)
and word_nested_control_tables (header labels in capitals set with 1.5-3.5 pt between the
letters), held out in round 21 and worked on through their tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import drawn_plan, run_one, tune_run
from conftest import text_key as key

from riskrad.extract.page_columns import column_order
from riskrad.extract.spaced import join_spaced_letters
from riskrad.model.records import BBox, Word
from riskrad.model.text import labelled_values, opens_with_labelled_value

VALUES = ("probability", "consequence", "risk_value")


def values(risks: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {key(r["risk"]): tuple(r[v] for v in VALUES) for r in risks}


@pytest.mark.parametrize("seed", [0, 8, 40, 43])
def test_two_page_columns_are_read_column_by_column(tmp_path: Path, seed: int) -> None:
    # 40: a page whose right column is short "Label: value" lines ("Sannolikhet: 3",
    # "Kontrollansvarig: Säkerhetssamordnare"), prose as a page column's lines are; 43:
    # "Sannolikhet: 1  Konsekvens: 3  Riskvärde: 3" on one line, read as the header of a
    # table without lines that took the column's next lines as its rows
    # read across, a left-column "Kontrollmoment: …" ran on into the right column's text,
    # a risk's values into the next risk's labels; "Risk: 12" is the risk's value
    result, want = tune_run(tmp_path, "report_two_column_blocks", seed)
    assert values(result.risks) == values(want["risks"])
    assert sorted(key(c["control"]) for c in result.controls) == sorted(
        key(c["control"]) for c in want["controls"]
    )


def word(text: str, x0: float, x1: float, top: float = 100.0) -> Word:
    return Word(text, BBox(x0, top, x1, top + 10.0), font_size=10.0)


def test_a_tables_cells_on_both_sides_of_a_middle_gap_stay_rows() -> None:
    # a table's column boundary is a gap no line crosses too: its rows hold cells set
    # apart on each side, so the band is no pair of page columns
    rows = [
        [word("Risk", 50, 80, t), word("för", 84, 100, t), word("fel", 104, 120, t),
         word("3", 200, 206, t), word("Kontroll", 320, 370, t), word("av", 374, 386, t),
         word("attest", 390, 420, t), word("Ekonomichef", 480, 540, t)]
        for t in range(100, 400, 14)
    ]  # fmt: skip
    ordered = column_order(rows, lambda line: line, lambda ws: ws)
    assert [line for line, _ in ordered] == rows


def test_spaced_letters_are_one_word_and_spaced_words_stay_apart() -> None:
    letters = [word(c, 50 + 9 * i, 56 + 9 * i) for i, c in enumerate("RISK")]
    letters += [word(c, 100 + 9 * i, 106 + 9 * i) for i, c in enumerate("OCH")]
    assert [w.text for w in join_spaced_letters(letters)] == ["RISK", "OCH"]
    apart = [word("S", 50, 56), word("K", 90, 96), word("R", 130, 136)]  # three columns
    assert [w.text for w in join_spaced_letters(apart)] == ["S", "K", "R"]
    prose = [word("risk", 50, 70), word("i", 74, 77), word("verksamheten", 81, 140)]
    assert [w.text for w in join_spaced_letters(prose)] == ["risk", "i", "verksamheten"]


def test_a_times_label_packed_beside_a_label_parts_at_the_cells_gap() -> None:
    # register_sk_times_levels LibreOffice tune seed 305: "S x K" a space apart (2.7 pt),
    # "R" 4.3 pt beside it, 8.5 pt type: one spaced "word" SxKR would hide the R column
    times = [word("S", 326.5, 332.3), word("x", 335.0, 340.1), word("K", 343.0, 349.2)]
    assert [w.text for w in join_spaced_letters([*times, word("R", 353.5, 359.7)])] == [
        "SxK",
        "R",
    ]
    assert [w.text for w in join_spaced_letters(times)] == ["SxK"]  # read as one label
    spaced = [word(c, 50 + 9 * i + 1.2 * (i == 3), 56 + 9 * i) for i, c in enumerate("RISK")]
    assert [w.text for w in join_spaced_letters(spaced)] == ["RISK"]  # a word's shape stays


def test_two_spaced_capitals_on_a_line_of_their_own_are_one_word() -> None:
    # a spaced label broken at its cell's edge: "K O N T R O L L M O M E" / "N T"
    tail = [word("N", 50, 56), word("T", 59, 65)]
    assert [w.text for w in join_spaced_letters(tail)] == ["NT"]
    small = [word("i", 50, 53), word("l", 56, 58)]  # two small letters may be two words
    assert [w.text for w in join_spaced_letters(small)] == ["i", "l"]


def test_a_header_set_with_letter_spacing_is_read(tmp_path: Path) -> None:
    # Word's "expanded" spacing puts 3 pt between the letters of each label: every letter
    # came out a word of its own and no table was found (status ok, no rows)
    labels = ["RISK", "SANNOLIKHET", "KONSEKVENS", "RISKVÄRDE", "KONTROLLMOMENT", "ANSVARIG"]
    columns = list(zip([50, 220, 340, 460, 580, 720], labels, strict=True))
    rows = [
        ("Felaktiga utbetalningar", "3", "4", "12", "Stickprov", "Ekonomichef"),
        ("Jäv vid upphandling", "2", "3", "6", "Jävsdeklaration", "Upphandlare"),
        ("Brister i brandskyddet", "2", "4", "8", "Skyddsrond", "Fastighetschef"),
    ]
    pdf = drawn_plan(tmp_path / "spaced.pdf", columns, rows, char_space=3, pitch=18)
    result = run_one(tmp_path, pdf)
    assert {key(r["risk"]): r["risk_value"] for r in result.risks} == {
        key(row[0]): int(row[3]) for row in rows
    }


def test_the_document_type_is_read_from_a_heading_in_one_page_column(tmp_path: Path) -> None:
    # a delårsrapport whose internal-control chapter, in two page columns, is headed
    # "Uppföljning intern kontroll 2026": read across, the heading ran on into the other
    # column's "Utfall: …" line and no type was found
    result, want = tune_run(tmp_path, "report_two_column_blocks", 1)
    assert result.documents[0]["document_type"] == want["document"]["document_type"]


@pytest.mark.parametrize(
    ("text", "pairs", "opens"),
    [
        ("Sannolikhet: 1 Konsekvens: 3 Riskvärde: 3", 3, True),
        ("Kontrollansvarig: Säkerhetssamordnare", 1, True),
        ("Så görs kontrollen: Stickprov på 20 ärenden", 1, True),
        ("Risk Sannolikhet Konsekvens Riskvärde", 0, False),  # a table's header
        ("Kontrollen visar att rutinen följs i huvudsak.", 0, False),  # prose
    ],
)
def test_a_line_of_labels_with_their_values_is_told_from_a_header(
    text: str, pairs: int, opens: bool
) -> None:
    assert labelled_values(text) == pairs
    assert opens_with_labelled_value(text) == opens
