"""Risk lineage: title normalisation, pair similarity on labelled pairs, keys across years."""

from __future__ import annotations

import csv
import importlib.util
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

from riskrad.normalize.lineage import (
    THRESHOLD,
    LineageSettings,
    assign_risk_keys,
    evaluate_pairs,
    pair_similarity,
    same_risk,
    strip_boilerplate,
    swedish_stem,
    title_lemmas,
)
from riskrad.views import read_csv_tables

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
DEV_PAIRS = DATA / "lineage_pairs_dev.csv"
CORPUS_PAIRS = ROOT / "corpus" / "lineage_pairs.csv"
HELDOUT_PAIRS = ROOT / "bench" / "data" / "lineage_pairs_heldout.csv"


def _pairs(path: Path) -> list[tuple[str, str, bool]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (r["title_a"], r["title_b"], r["same"].strip().casefold() in {"1", "true"})
            for r in csv.DictReader(f)
        ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("a) Risk att inte behålla kompetens", "inte behålla kompetens"),
        ("Risk för att detaljplaneprocessen inte följs.", "detaljplaneprocessen inte följs"),
        ("Det finns risk för felbedömningar", "felbedömningar"),
        ("Risken för dubbelarbete", "dubbelarbete"),
        ("Risk for brister i redovisningen", "brister i redovisningen"),
        ("  b)  Risk att  inte kunna rekrytera ", "inte kunna rekrytera"),
        ("Attest", "attest"),
        ("Riskhantering saknas", "riskhantering saknas"),  # not the boilerplate word
    ],
)
def test_strip_boilerplate(title: str, expected: str) -> None:
    assert strip_boilerplate(title) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("leverantörsfakturor", "leverantörsfaktur"),
        ("leverantörsfaktura", "leverantörsfaktur"),
        ("hanteringen", "hantering"),
        ("kundfakturerings", "kundfakturering"),
        ("lona", "lon"),
        ("lagarna", "lag"),
        ("tydlig", "tyd"),
    ],
)
def test_swedish_stem(word: str, stem: str) -> None:
    assert swedish_stem(word) == stem


def test_title_lemmas_use_spacy_swedish_lookup() -> None:
    # "hanteringen" -> "hantering" comes from spaCy's sv lookup table, then stemming
    assert title_lemmas("Risk för brister i hanteringen av leverantörsfakturor") == (
        "brist",
        "hantering",
        "leverantorsfaktur",
    )
    assert title_lemmas("Risk") == ()


def test_pair_similarity_bounds_and_symmetry() -> None:
    a = "Risk för brister i hantering av lön"
    b = "Risk för brister i hantering av leverantörsfakturor"
    assert pair_similarity(a, a) == 1.0
    assert pair_similarity(a, b) == pytest.approx(pair_similarity(b, a))
    assert 0.0 <= pair_similarity(a, b) < THRESHOLD
    assert pair_similarity("Risk", "Risk för dubbelarbete") == 0.0


def test_dev_pairs_precision_and_recall() -> None:
    result = evaluate_pairs(_pairs(DEV_PAIRS))
    print(result)
    assert result.pairs >= 70
    assert result.precision >= 0.95
    assert result.recall >= 0.95


def test_heldout_pairs_at_the_measured_figures() -> None:
    """Pairs written after THRESHOLD was frozen, never used to choose it: the figures the
    README quotes (precision 0.842, recall 0.800 on 80 pairs) are a floor, not a target."""
    result = evaluate_pairs(_pairs(HELDOUT_PAIRS))
    assert result.pairs == 80
    assert result.precision >= 0.84
    assert result.recall >= 0.80


def test_corpus_pairs_precision_and_recall() -> None:
    result = evaluate_pairs(_pairs(CORPUS_PAIRS))
    print(result)
    assert result.precision >= 0.95
    assert result.recall >= 0.95


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Risk för att delegationsbeslut inte rapporteras",
            "Risk för att delegationsbeslut inte återrapporteras",
        ),
        ("Risk för att tagna beslut inte verkställs", "Risk att fattade beslut inte verkställs"),
    ],
)
@pytest.mark.xfail(
    strict=True, reason="synonym or prefixed verb: no synonym resource in the lemma route"
)
def test_known_misses(a: str, b: str) -> None:
    assert same_risk(a, b)


def test_settings_name_the_bad_value() -> None:
    with pytest.raises(ValueError, match=r"1\.5"):
        LineageSettings(threshold=1.5)
    with pytest.raises(ValueError, match=r"0\.2"):
        LineageSettings(prefix_match=0.2)


def _partition(keys: pd.Series) -> set[tuple[int, int]]:
    return {(i, j) for i, j in combinations(range(len(keys)), 2) if keys.iloc[i] == keys.iloc[j]}


def test_assign_risk_keys_matches_hand_lineage() -> None:
    documents, risks, _ = read_csv_tables(DATA / "frames")
    keys = assign_risk_keys(risks, documents)
    assert keys.index.equals(risks.index)
    assert _partition(keys) == _partition(risks["risk_key"])
    by_title = dict(zip(risks["risk"], keys, strict=True))
    key = by_title["Risk för brister i hantering av leverantörsfakturor"]
    assert key == "0880:kommunstyrelsen:brister-hantering-leverantorsfakturor"
    assert by_title["Risk för brister i hanteringen av leverantörsfakturor"] == key
    assert by_title["Risk för brister i hantering av lön"] != key
    unknown_place = by_title["a) risker i uppsökande verksamhet"]
    assert unknown_place.startswith("okand-bb03d43e53b82da6:kommunstyrelsen:")
    # keys are unique within each document
    assert not keys.groupby(risks["document_id"]).apply(lambda k: k.duplicated().any()).any()


def test_unknown_organs_are_never_merged() -> None:
    """Two documents of one municipality without an organ, or two municipalities unknown,
    with the same risk title in consecutive years: different keys, never one lineage."""
    documents = pd.DataFrame(
        {
            "document_id": ["d1", "d2", "d3", "d4"],
            "municipality_code": ["0880", "0880", None, None],
            "municipality": ["Kalmar", "Kalmar", None, None],
            "organ": [None, None, "Kommunstyrelsen", "Kommunstyrelsen"],
            "year": [2020, 2021, 2020, 2021],
            "document_type": ["riskanalys"] * 4,
        }
    )
    risks = pd.DataFrame(
        {
            "document_id": ["d1", "d2", "d3", "d4"],
            "risk": ["Risk för brister i hantering av lön"] * 4,
        }
    )
    keys = assign_risk_keys(risks, documents).tolist()
    assert len(set(keys)) == 4, keys
    assert keys[0].startswith("0880:okant-organ-d1:") and keys[2].startswith("okand-d3:")


def test_assign_risk_keys_is_stable_when_other_organs_are_added() -> None:
    documents, risks, _ = read_csv_tables(DATA / "frames")
    kalmar_ids = {"a20cc69f81c2330a", "5e1f0a4c2b7d9e31"}
    only = risks[risks["document_id"].isin(kalmar_ids)]
    alone = assign_risk_keys(only, documents)
    together = assign_risk_keys(risks, documents)
    assert alone.equals(together.loc[only.index])


def test_same_title_twice_in_one_document_gets_two_keys() -> None:
    documents = pd.DataFrame(
        {
            "document_id": ["d1", "d2"],
            "municipality": ["Kalmar", "Kalmar"],
            "municipality_code": ["0880", "0880"],
            "organ": ["Kommunstyrelsen", "Kommunstyrelsen"],
            "year": [2020, 2021],
            "document_type": ["riskanalys", "riskanalys"],
        }
    )
    risks = pd.DataFrame(
        {
            "document_id": ["d1", "d1", "d2", "d2"],
            "risk": ["Risk", "Risk", "Risk", "Risk för dubbelarbete"],
        }
    )
    keys = assign_risk_keys(risks, documents).tolist()
    assert keys[0] != keys[1]
    assert keys[2] in keys[:2]
    assert keys[3] == "0880:kommunstyrelsen:dubbelarbete"


def test_bench_script_reads_a_pairs_path(capsys: pytest.CaptureFixture[str]) -> None:
    # in-process (the script's main) so spaCy's lookup table is loaded once per test run
    spec = importlib.util.spec_from_file_location(
        "lineage_eval", ROOT / "bench" / "lineage_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(DEV_PAIRS)]) == 0
    assert "precision 1.000" in capsys.readouterr().out
