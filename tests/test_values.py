"""Cell text to the contract's integers and booleans; text cleaned of markup."""

from __future__ import annotations

import pytest

from riskrad.normalize.values import (
    clean_text,
    parse_bool,
    parse_int,
    parse_risk_value,
    strip_continued_mark,
    strip_footnote_mark,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9", 9),
        (" 12 ", 12),
        ("3 (Sannolik)", 3),
        ("Sannolik (3)", 3),
        ("4 - Mycket allvarlig", 4),
        ("<p>6</p>", 6),
        ("O", 0),  # English-model OCR reads a lone 0 as O
        ("l", 1),
        ("", None),
        (None, None),
        ("Hög", None),
        ("2,5", None),
        ("2024-03-12", None),
        ("2/4", 2),  # a step with its scale's top
        ("4 / 5", 4),
        ("5/4", None),  # no step of the scale
        ("12/11", None),
        ("1/12", None),  # a date, not a scale
    ],
)
def test_parse_int(text: str | None, value: int | None) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ja", True),
        ("ja.", True),
        ("Nej", False),
        ("NEJ", False),
        ("Ja, delvis", True),
        ("Delvis", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_bool(text: str | None, value: bool | None) -> None:
    assert parse_bool(text) is value


def test_clean_text_strips_markup_and_whitespace() -> None:
    assert clean_text("<p>Arbetsmiljö påverkar</p> <p>a) Risk för\nohälsa.</p>") == (
        "Arbetsmiljö påverkar a) Risk för ohälsa."
    )
    assert clean_text(" \n ") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3×4=12", 12),
        ("3 x 4 = 12", 12),  # parse_int reads the first number, 3
        ("3x4", 12),
        ("2+3=5", 5),
        ("2 + 3", 5),
        ("12 (3×4)", 12),
        ("12", 12),
        ("Hög (12)", 12),
        ("Hög", None),
        ("2024-01-31", None),
        ("1,5 x 2", None),  # not a value on a scale
        (None, None),
        # a scan's OCR (minutes_follow_up_cards tune 40): the times sign read as letters,
        # a stray mark before the result; a result unlike the product otherwise stands
        ("4xXx4=16", 16),
        ("2Xx3=6", 6),
        ("2x4=38", 8),
        ("2x4=9", 9),
    ],
)
def test_a_risk_value_cell_stating_its_sum_or_product_gives_the_result(
    text: str | None, value: int | None
) -> None:
    assert parse_risk_value(text) == value


@pytest.mark.parametrize(
    ("text", "value", "mark"),
    [
        ("Löpande*", "Löpande", "*"),
        ("Månadsvis¹", "Månadsvis", "¹"),
        ("Controller†", "Controller", "†"),
        ("Kvartalsvis *", "Kvartalsvis *", ""),  # not set on the word: left as it is
        ("3*4", "3*4", ""),  # a product, not a mark (a digit after it)
        ("Lokalyta 120 m²", "Lokalyta 120 m²", ""),  # a unit's power, not a mark
        ("Skog 3 km²", "Skog 3 km²", ""),
        ("Rutin²", "Rutin", "²"),
        ("* Avser kommunens bolag", "* Avser kommunens bolag", ""),
        (None, None, ""),
    ],
)
def test_a_footnote_mark_on_a_cells_last_word_is_no_part_of_its_value(
    text: str | None, value: str | None, mark: str
) -> None:
    assert strip_footnote_mark(text) == (value, mark)


@pytest.mark.parametrize(
    ("text", "value", "mark"),
    [
        ("Ekonomi (forts.)", "Ekonomi", " (forts.)"),
        ("Informationssäkerhet, forts.", "Informationssäkerhet", ", forts."),
        ("Styrning och ledning – forts.", "Styrning och ledning", " – forts."),
        ("Ekonomi (fortsättning)", "Ekonomi", " (fortsättning)"),
        ("Ekonomi [forts]", "Ekonomi", " [forts]"),
        ("Forts. Personal", "Personal", "Forts. "),
        ("Forts.", "Forts.", ""),  # only the mark: nothing to keep it from
        ("Fortsatt boende", "Fortsatt boende", ""),  # a word, not the mark
        ("Ekonomisk fortsättning", "Ekonomisk fortsättning", ""),
        ("Uppföljning forts", "Uppföljning forts", ""),  # no point, no brackets: a word
        (None, None, ""),
    ],
)
def test_the_mark_of_an_area_continued_is_no_part_of_its_name(
    text: str | None, value: str | None, mark: str
) -> None:
    assert strip_continued_mark(text) == (value, mark)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("●●●○", 3),
        ("● ● ○ ○ ○", 2),  # spaced
        ("★★☆☆☆", 2),
        ("■■□", 2),
        ("○○○○", None),  # no step reached: no value on a scale from 1
        ("●", None),  # one mark alone: a bullet, not a rating
        ("●●●○ Hög", None),  # a level beside the dots is read by the level rules
        ("●○○○", 1),  # a rating of 1, or the first option chosen: 1 either way
        ("○ ○ ◉ ○ ○", 3),  # a form's row of options, the third one chosen
        ("◉ ○ ○ ○ ○", 1),
        ("○ ○ ○ ○ ●", 5),
        ("○◉○○", 2),  # unspaced
        ("○ ○ ○ ○ ○", None),  # nothing chosen
        ("○ ◉ ◉ ○", 2),  # two chosen: not one option; the filled ones counted as before
    ],
)
def test_a_rating_in_symbols_is_its_filled_count(text: str, value: int | None) -> None:
    """A run of filled marks from the left is counted; one filled mark among open ones is
    the chosen option, its position the value."""
    assert parse_int(text) == value
