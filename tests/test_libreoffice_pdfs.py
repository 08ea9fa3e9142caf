"""Real LibreOffice renders of the layout generator, kept as PDFs with their expected rows.

LibreOffice sets narrow columns its own way: it breaks words inside a cell
("Riskbedömni" / "ng"), packs labels closer than a column gap and wraps a single
column's label into the row of a group's sub-labels. Each file is
``corpus/layoutgen`` family zebra_repeat_two_level_once, a tune seed, rendered with
LibreOffice (``corpus/generate.py --engine libreoffice``); the expected rows are the
generator's.

- ``two_level_zebra_26``: "Ansvarig" over "tjänsteperson" beside "S K R" and
  "Moment Frekvens Metod": the column is Ansvarig (its cells were lost).
- ``two_level_zebra_27``: "Vad kan gå fel Beskrivning Riskbedömni Kontroll" 4-5 points
  apart above "S K R Moment Frekvens Metod": the header split where the body's cells
  start (every risk of page 1 was lost); "9" over "(Mycket hög)" in one row.
- ``two_level_zebra_28``: "S K R" packed closer than a column gap under "Riskbedö" /
  "mning": three sub-columns where the body's values start (S and K were lost, R read
  from S's cell).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from riskrad.pipeline import RunResult, RunSettings, run

DATA = Path(__file__).parent / "data" / "libreoffice"


def key(text: str | None) -> str:
    """Given a text, it without white space (a word broken inside a cell, "leverantörsregistr
    ets", is a text-repair matter, not the table's)."""
    return "".join((text or "").split())


def read(tmp_path: Path, name: str) -> tuple[RunResult, dict[str, Any]]:
    """Given a kept PDF's name, riskrad's rows for it and the generator's expected rows."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / f"{name}.pdf", folder / f"{name}.pdf")
    want = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    return run(folder, RunSettings()), want


@pytest.mark.parametrize(
    "name", ["two_level_zebra_26", "two_level_zebra_27", "two_level_zebra_28"]
)
def test_libreoffice_two_level_tables_give_every_risk_and_control_its_columns(
    tmp_path: Path, name: str
) -> None:
    result, want = read(tmp_path, name)
    assert result.documents[0]["status"] == "ok", result.documents[0]["error"]
    got_risks = {key(r["risk"]): r for r in result.risks}
    for risk in want["risks"]:
        got = got_risks[key(risk["risk"])]
        for field in ("probability", "consequence", "risk_value", "process"):
            assert got[field] == risk[field], (field, risk["risk"], got[field])
    got_controls = {key(c["control"]): c for c in result.controls}
    found = [c for c in want["controls"] if key(c["control"]) in got_controls]
    assert len(found) >= len(want["controls"]) - 1
    for control in found:
        got = got_controls[key(control["control"])]
        for field in ("responsible", "frequency", "method"):
            assert key(got[field]) == key(control[field]), (field, control["control"])


def test_a_value_wrapped_under_its_number_stays_in_its_row(tmp_path: Path) -> None:
    # "9" over "(Mycket" / "hög)" in the R column: the lines below the number are the same
    # row (the last row was read as two risks and two controls)
    result, want = read(tmp_path, "two_level_zebra_27")
    assert len(result.controls) == len(want["controls"])
    assert len({key(r["risk"]) for r in result.risks}) == len(want["risks"])
