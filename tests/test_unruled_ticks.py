"""Values ticked under their steps in a table drawn without lines.

A Word plan from a template without borders: "Sannolikhet" and "Konsekvens" each over a
line of steps "1 2 3 4 5" (labels centred, packed close, wrapped without a hyphen:
"Konsekvensbed" / "ömning"), one "X" a row under the step chosen. Real documents: the
``corpus/layoutgen`` family word_cross_marks_plan (held out, round 16; worked on through its
tune seeds) drawn without lines, a variant the family does not draw (``table_style`` set to
"unruled" here); seeds 20-25 were worked on, seeds 30-39 checked once after (reportlab
10/10 documents right; LibreOffice 8/10, the two left lose a responsible column to labels
packed closer than a column gap, not to the steps). The LibreOffice render of seed 22 is
kept as a PDF (LibreOffice is not installed by `make test`).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import drawn_plan, run_one
from conftest import text_key as key

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DATA = Path(__file__).parent / "data" / "libreoffice"
VALUES = ("probability", "consequence", "risk_value")


def unruled_render(tmp_path: Path, seed: int) -> tuple[Path, dict[str, Any]]:
    """Given a seed, the reportlab render of word_cross_marks_plan drawn without lines and
    the generator's expected rows."""
    if str(CORPUS) not in sys.path:
        sys.path.insert(0, str(CORPUS))
    from layoutgen.compose import compose
    from layoutgen.expected import expected_document
    from layoutgen.families import family_spec
    from layoutgen.render_rl import render_reportlab

    spec, rng = family_spec("word_cross_marks_plan", seed)
    doc = compose(
        dataclasses.replace(spec, table_style="unruled"), rng, "word_cross_marks_plan", seed
    )
    pdf = tmp_path / f"ticks_{seed}.pdf"
    pages = render_reportlab(doc, pdf)
    want = expected_document(
        doc, pages, 1, engine="reportlab", variant="born_digital", split="tune"
    )
    return pdf, want


def values(risks: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {key(r["risk"]): tuple(r[v] for v in VALUES) for r in risks}


@pytest.mark.parametrize("seed", [20, 22, 24])
def test_ticks_under_steps_without_lines_give_the_values(tmp_path: Path, seed: int) -> None:
    # 20: a label centred over its steps starts inside the first step's column; 22: a label
    # wrapped without a hyphen and centred ("Konsekvensbed" / "ömning"); 24: "Konsekvens
    # (1–5) Riskbedömning" packed into one run, the steps ending the group
    pdf, want = unruled_render(tmp_path, seed)
    result = run_one(tmp_path, pdf)
    assert values(result.risks) == values(want["risks"])
    assert len(result.controls) == len(want["controls"])


def test_ticks_under_steps_without_lines_libreoffice(tmp_path: Path) -> None:
    want = json.loads((DATA / "unruled_ticks_22.expected.json").read_text(encoding="utf-8"))
    result = run_one(tmp_path, DATA / "unruled_ticks_22.pdf")
    assert values(result.risks) == values(want["risks"])


def test_a_row_whose_values_count_up_is_no_line_of_steps(tmp_path: Path) -> None:
    # R = S + K on a 1-5 scale: a first row "1 | 2 | 3" under S, K, R counts up by one like
    # a scale's steps; it stands under three labels, not one, so it is a row
    labels = ["Risk", "S", "K", "R", "Kontrollmoment", "Ansvarig"]
    columns = list(zip([50, 260, 300, 340, 400, 620], labels, strict=True))
    rows = [
        ("Felaktiga utbetalningar", "1", "2", "3", "Stickprov", "Ekonomichef"),
        ("Jäv vid upphandling", "2", "3", "5", "Jävsdeklaration", "Upphandlare"),
        ("Brister i brandskyddet", "3", "3", "6", "Skyddsrond", "Fastighetschef"),
    ]
    result = run_one(tmp_path, drawn_plan(tmp_path / "sums.pdf", columns, rows))
    assert values(result.risks) == {
        key(row[0]): (int(row[1]), int(row[2]), int(row[3])) for row in rows
    }
