"""The per-page route decision on text-layer texts (data-file driven, no PDFs)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from riskrad.extract.page_decision import (
    decide_route,
    image_cover,
    measure_text_quality,
    unmapped_char_count,
)
from riskrad.model.lexicon import looks_like_ocr_standin, looks_like_stripped_diacritics
from riskrad.model.settings import DecisionSettings
from riskrad.model.text import page_mojibake_repair as mojibake_repair

CASES = json.loads(
    (Path(__file__).parent / "data" / "ocr_pages" / "decision_cases.json").read_text("utf-8")
)


def _check(case: dict[str, Any]) -> None:
    """Given a decision case, assert its route and that the reason names the cause."""
    quality = measure_text_quality(case["text"], image_cover=case["image_cover"])
    decision = decide_route(quality)
    assert decision.route == case["route"], decision.reason
    assert case["reason"] in decision.reason
    assert decision.quality == quality


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_route_decision(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize(
    "case", CASES["known_failures"], ids=[c["name"] for c in CASES["known_failures"]]
)
@pytest.mark.xfail(strict=True, reason="known limitation, see case 'why'")
def test_route_decision_known_failures(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize(
    "word", ["sakerstalla", "atgarder", "ar", "for", "pa", "forbattrad", "internkontrollomradet"]
)
def test_stripped_diacritics_are_suspect(word: str) -> None:
    assert looks_like_stripped_diacritics(word)


@pytest.mark.parametrize(
    "word",
    ["kontroll", "process", "risk", "kommunstyrelsen", "mattransporter", "kontrollplan",
     "dokumenthantering", "och", "att", "den", "verksamheten", "kvartal"],
)
def test_plain_swedish_words_are_not_suspect(word: str) -> None:
    assert not looks_like_stripped_diacritics(word)
    assert not looks_like_ocr_standin(word)


@pytest.mark.parametrize(
    "token", ["i6pande", "&r", "p4", "férdjupad", "dvergripande", "stdd", "l&rande", "utgér"]
)
def test_english_model_standins_are_suspect(token: str) -> None:
    assert looks_like_ocr_standin(token)


@pytest.mark.parametrize("token", ["2024", "ks-2024/1528", "§", "a)", "6", "dnr", "hr-chef"])
def test_numbers_and_codes_are_not_standins(token: str) -> None:
    assert not looks_like_ocr_standin(token)


def test_unmapped_glyphs_are_counted_by_length() -> None:
    assert unmapped_char_count("(cid:12)a\ufffd\ue000b\x07") == len("(cid:12)") + 3
    assert unmapped_char_count("säkerställa\n\tok") == 0


def test_mojibake_repair_only_when_complete() -> None:
    assert mojibake_repair("sÃ¤kerstÃ¤lla") == "säkerställa"
    assert mojibake_repair("säkerställa") is None
    # U+0096 lost on the way: "Ã" stays, so the repair is not complete
    assert mojibake_repair("Ãvergripande fÃ¶r") is None
    # ftfy.fix_text leaves a short line alone; the rest of the page is the evidence
    page = "NÃ¤mnden fÃ¶ljer upp rutinen lÃ¶pande.\nÃ…tgÃ¤rd\nÃ¥rsredovisning.\n"
    assert mojibake_repair(page) == "Nämnden följer upp rutinen löpande.\nÅtgärd\nårsredovisning.\n"


def test_quality_shares_are_measured() -> None:
    q = measure_text_quality("Risken är låg för året.", image_cover=1.7)
    assert q.words == 5 and q.swedish_word_share == 1.0
    assert q.diacritic_rate == pytest.approx(4 / 18)
    assert q.image_cover == 1.0 and q.unmapped_share == 0.0 and not q.mojibake_repairable


def test_image_cover_clips_to_the_page() -> None:
    boxes = [(-10.0, -10.0, 50.0, 50.0), (50.0, 50.0, 100.0, 100.0)]
    assert image_cover(boxes, width=100.0, height=100.0) == pytest.approx(0.5)
    assert image_cover([], width=100.0, height=100.0) == 0.0


def test_decision_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="riskrad.extract.page_decision"):
        decision = decide_route(measure_text_quality("", image_cover=1.0))
    assert decision.reason in caplog.text


def test_settings_validate_and_name_the_bad_value() -> None:
    with pytest.raises(ValueError, match=r"max_unmapped_share.*1\.5"):
        DecisionSettings(max_unmapped_share=1.5)
    with pytest.raises(ValueError, match=r"min_words_on_scan.*-1"):
        DecisionSettings(min_words_on_scan=-1)


def test_stricter_settings_change_the_route() -> None:
    q = measure_text_quality("Sida 3 av 12", image_cover=0.95)
    assert decide_route(q, settings=DecisionSettings(min_words_on_scan=2)).route == "text"
