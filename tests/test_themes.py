"""Risk themes and canonical risk categories: the taxonomy, the model's decisions, the data."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from riskrad.model.rows import ControlRow, RiskRow
from riskrad.normalize.categories import canonical_category
from riskrad.normalize.themes import (
    OTHER,
    assign_themes,
    classify,
    load_themes,
    themes_by_text,
    words_of,
)

ROOT = Path(__file__).resolve().parents[1]
ISSUE_THEMES = [
    "ekonomi", "upphandling", "utbetalningar", "oegentligheter", "informationssakerhet", "it",
    "personal", "arbetsmiljo", "myndighetsutovning", "styrning", "dokumenthantering",
    "kvalitet", "sakerhet", "fastigheter", "miljo", "ovrigt",
]  # fmt: skip


def test_the_taxonomy_is_exactly_the_agreed_themes() -> None:
    themes = load_themes()
    assert [t.slug for t in themes] == ISSUE_THEMES
    for theme in themes:
        assert theme.name and theme.definition, theme.slug
        assert theme.examples, theme.slug
        assert theme.slug == OTHER or theme.keywords, theme.slug


@pytest.mark.parametrize(
    ("title", "theme"),
    [
        # the issue's two procurement risks, from two municipalities
        ("Risk för att direktupphandling inte sker", "upphandling"),
        ("Inköp görs utanför upphandlade avtal", "upphandling"),
        # compounds and inflections the labelled set does not hold as such
        ("Dubbelbetalningar av leverantörsfakturorna upptäcks inte", "utbetalningar"),
        ("Lex Sarah-rapporter utreds inte", "kvalitet"),
        ("Delegationsbesluten anmäls inte till nämnden", "styrning"),
        ("Behörigheterna i journalsystemet följs inte upp", "informationssakerhet"),
    ],
)
def test_clear_risks_get_their_theme(title: str, theme: str) -> None:
    result = classify(title)
    assert result.slug == theme, result
    assert 0.0 <= result.score <= 1.0
    assert result.evidence, "a decided theme names the words that decided it"
    assert set(result.evidence) <= set(words_of(title))
    assert result.runner_up not in (None, result.slug)


def test_empty_text_is_other_without_evidence() -> None:
    result = classify("", None)
    assert (result.slug, result.evidence) == (OTHER, ())


def test_controls_inherit_their_risks_theme() -> None:
    risks = [
        RiskRow(risk_id="d-r001", document_id="d", risk="Risk för mutor och jäv"),
        RiskRow(risk_id="d-r002", document_id="d", risk="Budgeten överskrids"),
    ]
    controls = [
        ControlRow(control_id="d-c001", risk_id="d-r002"),
        ControlRow(control_id="d-c002", risk_id=None),
    ]
    evidence = assign_themes(risks, controls)
    assert [r["risk_theme"] for r in risks] == ["oegentligheter", "ekonomi"]
    assert controls[0]["risk_theme"] == "ekonomi" and controls[1]["risk_theme"] is None
    assert [e["risk_id"] for e in evidence] == ["d-r001", "d-r002"]
    assert all(e["evidence"] for e in evidence)


def test_themes_found_before_are_reused_by_text_and_the_rest_classified() -> None:
    risks = [
        RiskRow(risk_id="d-r001", document_id="d", risk="Risk för mutor och jäv"),
        RiskRow(risk_id="d-r002", document_id="d", risk="Budgeten överskrids"),
    ]
    fresh = [row.but() for row in risks]
    expected = assign_themes(fresh, [])
    known = json.loads(json.dumps(themes_by_text(risks[:1])))  # as the result cache holds it
    assert assign_themes(list(risks), [], known) == expected  # stored as JSON, read back equal
    known["Budgeten överskrids"] = ["it", 0.5, ["budget"], None, 0.0]  # a stored theme wins
    rows = list(risks)
    evidence = assign_themes(rows, [], known)
    assert rows[1]["risk_theme"] == "it" and evidence[1]["evidence"] == "budget"
    assert rows[0]["risk_theme"] == "oegentligheter"


def category_cases() -> list[tuple[str, str, str]]:
    with (ROOT / "tests" / "data" / "category_cases.tsv").open(encoding="utf-8") as fh:
        return [(r["raw"], r["canonical"], r["why"]) for r in csv.DictReader(fh, delimiter="\t")]


@pytest.mark.parametrize(("raw", "canonical", "why"), category_cases())
def test_category_is_canonicalised(raw: str, canonical: str, why: str) -> None:
    assert canonical_category(raw) == (canonical or None), why


def test_the_labelled_set_is_large_enough_and_uses_only_the_themes() -> None:
    with (ROOT / "normalize" / "data" / "risk_theme_labels.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 400
    assert {r["theme"] for r in rows} == set(ISSUE_THEMES)


def test_the_shipped_model_is_what_its_training_script_builds() -> None:
    """bench/train_themes.py --check retrains from the labelled set and compares bytes."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "train_themes.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_theme_summary_survives_the_same_file_twice() -> None:
    """Two copies of one PDF in a folder give two documents rows with one document_id."""
    import pandas as pd

    from riskrad.theme_summary import theme_summary

    documents = pd.DataFrame(
        [
            {"document_id": "d", "source_file": f"{n}/plan.pdf", "sha256": "x", "status": "ok",
             "municipality": "Kalmar", "organ": "Kommunstyrelsen", "year": 2024}
            for n in ("a", "b")
        ]
    )  # fmt: skip
    risks = pd.DataFrame(
        [{"risk_id": "d-r001", "document_id": "d", "risk": "Risk för mutor",
          "risk_key": "k", "confidence": 1.0, "risk_theme": "oegentligheter"}]
    )  # fmt: skip
    summary = theme_summary(risks, documents)
    assert list(summary["risk_theme"]) == ["oegentligheter"]
    assert int(summary["risks"].iloc[0]) == 1


def test_theme_means_are_pandas_grouped_means_rounded_as_numpy_rounds() -> None:
    """theme_summary's mean_value_normalised is computed without pandas: the same Kahan sum
    pandas' grouped mean makes, rounded as numpy rounds (x·10⁴ to even, over 10⁴)."""
    import random

    import pandas as pd

    from riskrad.theme_summary import group_mean, round4

    rng = random.Random(3)
    keys, values = [], []
    for group in range(400):
        for _ in range(rng.choice([1, 2, 3, 7, 8, 9, 17, 40, 130])):
            keys.append(group)
            drawn = [None, rng.random(), rng.randint(1, 25) / 25, rng.randint(1, 16) / 16]
            values.append(rng.choice([*drawn, 0.00005, 0.12345, 0.99995, 1e16, -1e16, 0.1]))
    frame = pd.DataFrame({"g": keys, "v": pd.array(values, dtype="Float64")})
    expected = frame.groupby("g").agg(m=("v", "mean"))["m"].astype(float).round(4).tolist()
    grouped: dict[int, list[float]] = {}
    for key, value in zip(keys, values, strict=True):
        grouped.setdefault(key, [])
        if value is not None:
            grouped[key].append(value)
    found = [round4(group_mean(grouped[key])) for key in sorted(grouped)]
    assert [None if e != e else e for e in expected] == found
