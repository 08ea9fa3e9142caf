"""Metadata under doubt: on the title-page set (tests/data/metadata_doubt_cases.json) no field
is filled wrongly (precision >= 0.99); weak or split evidence leaves it empty, saying why."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from riskrad.normalize.metadata import detect_metadata

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from metadata_eval import CASES, FIELDS, evaluate  # noqa: E402

DOUBT: list[dict[str, Any]] = json.loads(CASES.read_text("utf-8"))["cases"]
# Written after the rules were frozen and measured once (precision 0.992: two wrong fields,
# fixed since); kept as a regression set beside the first.
HELDOUT_FILE = ROOT / "tests" / "data" / "metadata_heldout_cases.json"
HELDOUT: list[dict[str, Any]] = json.loads(HELDOUT_FILE.read_text("utf-8"))["cases"]
KNOWN_MISSES = {  # recall only: the field stays empty, nothing is filled wrongly
    "ocr_split_letterhead_ornskoldsvik": "OCR split 'Ö rnsköldsviks' is not joined",
}


def _cases() -> list[Any]:
    """Given nothing, both sets as pytest params, the known misses as strict xfails."""
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case["id"]])]
            if case["id"] in KNOWN_MISSES
            else [],
        )
        for case in (*DOUBT, *HELDOUT)
    ]


def test_the_set_is_large_and_names_other_bodies() -> None:
    assert len(DOUBT) >= 30
    text = "\n".join("\n".join(c["lines"]) for c in DOUBT)
    for other in ("Region ", " AB", "Länsstyrelsen", "förbund", "Malung-Sälens kommun"):
        assert other in text


@pytest.mark.parametrize("cases", [DOUBT, HELDOUT], ids=["doubt", "heldout"])
def test_precision_at_least_099(cases: list[dict[str, Any]]) -> None:
    assert len(cases) >= 30
    table, errors = evaluate(cases)
    for name in (*FIELDS, "all"):
        assert table[name]["precision"] >= 0.99, (name, errors)
    assert table["all"]["recall"] >= 0.9, errors


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    meta = detect_metadata("\n".join(case["lines"]), case["path"])
    got = {name: getattr(meta, name) for name in FIELDS}
    assert got == case["expect"], meta.evidence
    for name in FIELDS:
        if got[name] is None and case["expect"][name] is None:
            assert meta.evidence[name]  # an empty field says why


def test_vansbro_is_vansbro_with_its_evidence() -> None:
    case = next(c for c in DOUBT if c["id"] == "vansbro_plan_names_malung_salen")
    meta = detect_metadata("\n".join(case["lines"]), case["path"])
    assert meta.municipality == "Vansbro"
    assert "mention(s)" in meta.evidence["municipality"]
    assert "outweighed Malung-Sälen" in meta.evidence["municipality"]


def test_split_evidence_is_empty_with_the_reason() -> None:
    case = next(c for c in DOUBT if c["id"] == "joint_plan_of_two_in_title")
    meta = detect_metadata("\n".join(case["lines"]), case["path"])
    assert meta.municipality is None
    reason = meta.evidence["municipality"]
    assert (
        reason.startswith("empty: split evidence") and "Lysekil" in reason and "Sotenäs" in reason
    )


def test_minutes_take_the_year_and_type_of_the_plan_they_adopt() -> None:
    case = next(c for c in DOUBT if c["id"] == "scanned_protokoll_english_ocr")
    meta = detect_metadata("\n".join(case["lines"]), case["path"])
    assert (meta.year, meta.document_type) == (2025, "internkontrollplan")
    assert meta.evidence["document_type"].startswith("minutes adopt it")
    plan_alone = "\n".join(
        ["Internkontrollplan 2024", "", "Nämnden antar internkontrollplan för 2025 i december."]
    )
    assert detect_metadata(plan_alone, "x.pdf").year == 2024  # not minutes: the title holds
