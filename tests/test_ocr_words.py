"""OCR word fixes (extract/ocr_words.py): lost spaces, "l" read as "I", specks before a word,
one look-alike letter; real readings of generated scans, and correct Swedish left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskrad.extract.ocr_words import correct_words
from riskrad.model.records import BBox, Word

DATA = Path(__file__).parent / "data"
BENCH = Path(__file__).resolve().parents[1] / "bench" / "data"


def _cases(kind: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "ocr_word_cases.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] == kind:
            rows.append((parts[1], parts[2]))
    return rows


def _line(tokens: list[str], top: float = 100.0) -> tuple[Word, ...]:
    """Given tokens, OCR words set side by side on one line (9 pt type)."""
    words, x = [], 50.0
    for t in tokens:
        width = 5.0 * max(len(t), 1)
        words.append(Word(t, BBox(x, top, x + width, top + 9.0), "ocr", 0.9, 9.0))
        x += width + 3.0
    return tuple(words)


@pytest.mark.parametrize("read,want", _cases("fix"))
def test_fixes(read: str, want: str) -> None:
    assert [w.text for w in correct_words(_line([read]))] == want.split("|")


@pytest.mark.parametrize("read,want", _cases("keep"))
def test_keeps(read: str, want: str) -> None:
    assert [w.text for w in correct_words(_line([read]))] == [read]


def test_split_word_shares_its_box() -> None:
    left, right = correct_words(_line(["månadsvisi"]))
    assert left.bbox.x0 == 50.0 and right.bbox.x1 == 100.0
    assert left.bbox.x1 == right.bbox.x0 > 90.0


def test_capital_i_before_a_word_that_l_completes() -> None:
    # "Resultatet har redovisats för I edningsgruppen" (unruled_follow_up_words tune seed 10)
    words = _line(["Resultatet", "har", "redovisats", "för", "I", "edningsgruppen."])
    assert [w.text for w in correct_words(words)] == [
        "Resultatet", "har", "redovisats", "för", "ledningsgruppen."]
    assert [w.text for w in correct_words(_line(["I", "en", "rapport"]))] == ["I", "en", "rapport"]


def test_l_read_as_capital_i_at_a_broken_line_start() -> None:
    # a narrow cell broke "ofullständig" as "ofu" / "llständig", read "ofu" / "Ilständig"
    upper = _line(["dokumentationen", "var", "ofu"], top=100.0)
    lower = (Word("Ilständig", BBox(50.0, 111.0, 90.0, 120.0), "ocr", 0.9, 9.0),)
    fixed = correct_words(upper + lower)
    assert fixed[-1].text == "llständig"
    # "Kontro" / "Illen": joining "l" would write three l's: left as read
    upper = _line(["Kontro"], top=100.0)
    lower = (Word("Illen", BBox(50.0, 111.0, 75.0, 120.0), "ocr", 0.9, 9.0),)
    assert correct_words(upper + lower)[-1].text == "Illen"


def test_a_piece_of_a_word_broken_over_lines_is_no_glued_word() -> None:
    # "kommuni" / "ceras": a piece ending in "i" at a line end is not "kommun i"
    upper = _line(["och", "kommuni"], top=100.0)
    lower = (Word("ceras", BBox(50.0, 111.0, 75.0, 120.0), "ocr", 0.9, 9.0),)
    assert [w.text for w in correct_words(upper + lower)] == ["och", "kommuni", "ceras"]


def test_correct_swedish_is_left_alone() -> None:
    """Every line of the repair bench's Swedish texts (written by people, not OCR), as OCR
    words: no word changes."""
    changed = []
    for name in ("repair_eval_seed004.txt", "repair_eval_extra_sv.txt",
                 "repair_train_extra_sv.txt", "repair_train_seed000.txt"):
        for line in (BENCH / name).read_text("utf-8").splitlines():
            tokens = line.split()
            got = [w.text for w in correct_words(_line(tokens))]
            if got != tokens:
                changed.append((tokens, got))
    assert changed == []
