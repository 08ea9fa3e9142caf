"""The small shared helpers of the model layer: one each, used by every stage."""

from __future__ import annotations

import tomllib
from pathlib import Path

import riskrad
from riskrad.model.records import BBox, Word, mean_confidence
from riskrad.model.text import CID_GLYPH, strip_diacritics

ROOT = Path(__file__).resolve().parents[1]


def _word(confidence: float) -> Word:
    return Word("ord", BBox(0, 0, 1, 1), "ocr", confidence, 10.0)


def test_strip_diacritics_is_the_one_fold() -> None:
    assert strip_diacritics("Åtgärdsförslag för Köpings café") == "Atgardsforslag for Kopings cafe"
    assert strip_diacritics("Ørsted æble") == "Ørsted æble"


def test_mean_confidence_with_and_without_words() -> None:
    assert mean_confidence([_word(0.5), _word(1.0)]) == 0.75
    assert mean_confidence([]) is None
    assert mean_confidence([], 1.0) == 1.0


def test_cid_glyph_pattern() -> None:
    assert CID_GLYPH.fullmatch("(cid:12)") and not CID_GLYPH.fullmatch("cid:12")


def test_one_version_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert riskrad.__version__.count(".") == 2
