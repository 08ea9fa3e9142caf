"""Corrections: the file format (clear errors with line numbers) and finding rows again."""

from __future__ import annotations

from typing import Any

import pytest

from riskrad.corrections import (
    COLUMNS,
    apply_corrections,
    fingerprint,
    mark_checked,
    orphan_review_rows,
    parse_corrections,
)
from riskrad.model.errors import UsageError
from riskrad.model.rows import CellRow, ControlRow, RiskRow

SHA = "ab" * 32
DOC = SHA[:16]
HEADER = ",".join(COLUMNS)


def _line(**values: object) -> str:
    row = {
        "sha256": SHA,
        "table": "risks",
        "page": "2",
        "corrected_by": "anna",
        "corrected_at": "2026-12-01T06:00:00Z",
    }
    row.update({k: str(v) for k, v in values.items()})
    return ",".join(f'"{row.get(c, "")}"' for c in COLUMNS)


def _rows() -> tuple[list[dict[str, object]], dict[str, list[Any]], list[CellRow]]:
    documents = [{"document_id": DOC, "sha256": SHA, "source_file": "a.pdf"}]
    risks = [
        {
            "risk_id": f"{DOC}-r001",
            "document_id": DOC,
            "page": 2,
            "risk": "Risk för fel i lönen",
            "probability": 2,
            "consequence": 3,
            "risk_value": 6,
        },
        {
            "risk_id": f"{DOC}-r002",
            "document_id": DOC,
            "page": 2,
            "risk": "Risk för brister i upphandlingen",
            "probability": 3,
            "consequence": 3,
            "risk_value": 9,
        },
        {
            "risk_id": f"{DOC}-r003",
            "document_id": DOC,
            "page": 3,
            "risk": "Sidhuvud 2021",
            "probability": None,
            "consequence": None,
            "risk_value": None,
        },
    ]
    controls = [
        {
            "control_id": f"{DOC}-c001",
            "risk_id": f"{DOC}-r003",
            "document_id": DOC,
            "page": 3,
            "control": "Stickprov",
        }
    ]
    cells = [
        {
            "row_id": f"{DOC}-r001",
            "document_id": DOC,
            "field": "probability",
            "page": 2,
            "raw": "2",
            "text": "2",
            "source": "text",
        },
        {
            "row_id": f"{DOC}-r003",
            "document_id": DOC,
            "field": "risk",
            "page": 3,
            "raw": "Sidhuvud 2021",
            "text": "Sidhuvud 2021",
            "source": "text",
        },
    ]
    typed = {
        "risks": [RiskRow.from_mapping(r) for r in risks],
        "controls": [ControlRow.from_mapping(c) for c in controls],
    }
    return documents, typed, [CellRow.from_mapping(c) for c in cells]


def test_fingerprint_survives_reading_differences() -> None:
    assert fingerprint("Risk för  fel i\nlönen.") == fingerprint("risk for fel i lonen")
    assert fingerprint(None) == "" and len(fingerprint("ord " * 50)) == 80


def test_bad_lines_are_named_with_their_line_numbers() -> None:
    text = "\n".join(
        [
            HEADER,
            _line(action="set", field="probability", value="3", fingerprint="risk for fel i lonen"),
            _line(action="set", field="probability", value="tre", fingerprint="x"),
            _line(action="delete", fingerprint="x"),
            _line(action="set", field="risk_id", value="x", fingerprint="x"),
            _line(sha256="abc", action="accept", fingerprint="x"),
            _line(action="accept"),
            _line(action="add", field="risk", value="Ny risk"),
        ]
    )
    with pytest.raises(UsageError) as error:
        parse_corrections(text)
    message = str(error.value)
    assert "line 2" not in message
    for number, words in (
        (3, "whole number"),
        (4, "action must be"),
        (5, "cannot be set"),
        (6, "64 hex"),
        (7, "fingerprint"),
        (8, "row_id"),
    ):
        assert f"corrections.csv line {number}: " in message and words in message, (number, message)


def test_missing_column_is_an_error() -> None:
    with pytest.raises(UsageError, match="line 1: missing column"):
        parse_corrections("sha256,table\n")


def test_corrections_find_their_rows_after_renumbering() -> None:
    text = "\n".join(
        [
            HEADER,
            # made when the row was r007 and its text read with damage; now it is r001
            _line(
                action="set",
                field="probability",
                value="4",
                row_id=f"{DOC}-r007",
                fingerprint=fingerprint("Risk f6r fel i lönen"),
            ),
            _line(
                action="accept",
                row_id=f"{DOC}-r002",
                fingerprint=fingerprint("Risk för brister i upphandlingen"),
            ),
            _line(
                action="not_risk",
                page="3",
                row_id=f"{DOC}-r003",
                fingerprint=fingerprint("Sidhuvud 2021"),
            ),
            _line(action="add", page="3", row_id="new-1", field="risk", value="Risk för jäv"),
            _line(action="add", page="3", row_id="new-1", field="risk_value", value="8"),
            _line(
                action="accept",
                row_id=f"{DOC}-r009",
                fingerprint=fingerprint("Risk för något helt annat"),
            ),
            _line(sha256="cd" * 32, action="accept", fingerprint="x"),
        ]
    )
    corrections = parse_corrections(text)
    documents, tables, cells = _rows()
    report = apply_corrections(corrections, documents, tables, cells)
    risks = {r["risk_id"]: r for r in tables["risks"]}
    assert risks[f"{DOC}-r001"]["probability"] == 4
    assert f"{DOC}-r003" not in risks
    assert tables["controls"][0]["risk_id"] is None
    added = risks[f"{DOC}-rm001"]
    assert (added["risk"], added["risk_value"], added["page"]) == ("Risk för jäv", 8, 3)
    assert len(report.applied) == 5 and len(report.orphaned) == 1 and len(report.not_in_run) == 1
    assert "no row on page 2" in report.orphaned[0][1]
    (orphan,) = orphan_review_rows(report, {DOC: "a.pdf"})
    assert orphan["row_id"] == f"{DOC}-r009@line7" and orphan["source_file"] == "a.pdf"
    assert orphan["reason"].startswith("correction at line 7 (accept) no longer finds its row")
    assert report.checked == {f"{DOC}-r001", f"{DOC}-r002", f"{DOC}-rm001"}
    manual = [c for c in cells if c["source"] == "manual"]
    assert {(c["row_id"], c["field"], c["text"]) for c in manual} == {
        (f"{DOC}-r001", "probability", "4"),
        (f"{DOC}-rm001", "risk", "Risk för jäv"),
        (f"{DOC}-rm001", "risk_value", "8"),
    }
    assert all(c["corrected_by"] == "anna" for c in manual)
    assert next(c for c in manual if c["field"] == "probability")["raw"] == "2"  # as read
    assert not any(c["row_id"] == f"{DOC}-r003" for c in cells)
    tables["risks"][:] = [r.but(confidence=0.5) for r in tables["risks"]]
    mark_checked(report, tables)
    assert [r["confidence"] for r in tables["risks"]] == [1.0, 1.0, 1.0]


def test_two_equal_rows_are_never_guessed() -> None:
    documents, tables, cells = _rows()
    twin = tables["risks"][0].but(risk_id=f"{DOC}-r004")
    tables["risks"].append(twin)
    line = _line(
        action="accept", row_id=f"{DOC}-r099", fingerprint=fingerprint("Risk för fel i lönen")
    )
    report = apply_corrections(parse_corrections(HEADER + "\n" + line), documents, tables, cells)
    assert not report.applied and "match equally well" in report.orphaned[0][1]
    hinted = _line(
        action="accept", row_id=f"{DOC}-r004", fingerprint=fingerprint("Risk för fel i lönen")
    )
    report = apply_corrections(parse_corrections(HEADER + "\n" + hinted), documents, tables, cells)
    assert report.checked == {f"{DOC}-r004"}
