"""Comparable values: risk levels from a document's bands or the rule, canonical organs,
year-over-year comparison on the normalised value when the scale changes."""

from __future__ import annotations

import pandas as pd
import pytest

from riskrad.model.rows import RiskRow
from riskrad.normalize.finish import finish_dataset
from riskrad.normalize.levels import (
    Band,
    band_level,
    format_bands,
    parse_bands,
    risk_level,
    rule_level,
    stated_bands,
    stated_level,
)
from riskrad.normalize.organs import ORGAN_TYPES, canonical_organ, organ_table
from riskrad.views import risk_changes

LEGENDS = [
    "Riskvärde: Låg risk 1–3, Medel 4–6, Hög 8–9, Mycket hög 12–16",
    "Risknivåer\n1-3 låg\n4-6 måttlig\n8-9 hög\n12-16 mycket hög",
    "Riskbedömning\nLåg risk: 1-4; Medelhög risk: 5-9; Hög risk: 10-14; Kritisk risk: 15-16",
    # a legend sentence wrapped after a level word, or inside "mycket hög": its range on the
    # next line
    "i kolumnen Riskfärg: grön = låg risk (riskvärde 1–4); gul = medel\nrisk (riskvärde 5–8);"
    " orange = hög risk (riskvärde 9–12); röd = mycket hög risk (riskvärde 13–16).",
    "Riskvärdet anges som färg: grön = låg risk (riskvärde 1–4); gul = medel risk (riskvärde"
    " 5–8); orange = hög risk (riskvärde 9–12); röd = mycket\nhög risk (riskvärde 13–16).",
    "Riskvärdet anges som färg: grön = låg\nrisk (riskvärde 1–4); gul = medel risk (riskvärde"
    " 5–8); orange = hög risk (riskvärde 9–12); röd = mycket hög risk (riskvärde\n13–16).",
    "Riskvärdet anges som färg: grön = låg risk (riskvärde 1–4); gul = medel risk (riskvärde"
    " 5–8); orange = hög risk (riskvärde 9–12); röd = mycket hög risk (riskvärde 13–\n16).",
]


@pytest.mark.parametrize("text", LEGENDS)
def test_stated_bands_are_read_from_legends(text: str) -> None:
    bands = stated_bands(text)
    assert [b.level for b in bands] == ["low", "medium", "high", "very high"]
    assert bands[0].low == 1 and bands[-1].high == 16
    assert parse_bands(format_bands(bands)) == bands


@pytest.mark.parametrize(
    "text",
    [
        "Sannolikhet: 1-2 låg, 3-4 hög",  # a 1-4 S legend, not riskvärde
        "risktalet är större än 9 valts ut",
        "Kostnaden 1,5-3,5 mnkr bedöms som låg risk",
        "Vi har låg sjukfrånvaro 2019-2020 och hög risk",
        "Risk: låg 1-6, hög 4-16",  # overlapping bands
        "Riskvärde\n2.1 Hög sjukfrånvaro 4 – 3 – Kännbar 12",  # S and K in a row: no range
    ],
)
def test_no_bands_where_no_legend(text: str) -> None:
    assert stated_bands(text) == ()


def test_band_level_takes_the_lower_band_in_a_gap() -> None:
    bands = (Band("low", 1, 3), Band("medium", 4, 6), Band("high", 8, None))
    assert [band_level(v, bands) for v in (1, 3, 4, 7, 8, 16)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]
    assert band_level(None, bands) is None


def test_rule_on_both_scales() -> None:
    four = [risk_level(v, 16) for v in (1, 3, 4, 6, 8, 9, 12, 16)]
    assert four == ["low", "low", "medium", "medium", "high", "high", "very high", "very high"]
    five = [risk_level(v, 25) for v in (6, 8, 12, 15, 16, 20)]
    assert five == ["low", "medium", "medium", "high", "high", "very high"]
    assert rule_level(None) is None
    # the document's bands win over the rule
    assert risk_level(6, 16, (Band("low", 1, 4), Band("high", 5, 16))) == "high"


@pytest.mark.parametrize(
    ("written", "organ", "organ_type"),
    [
        ("KS", "Kommunstyrelsen", "kommunstyrelse"),
        ("Kommunstyrelsen", "Kommunstyrelsen", "kommunstyrelse"),
        ("Kommunstyrelsens arbetsutskott", "Kommunstyrelsen", "kommunstyrelse"),
        ("KSAU", "Kommunstyrelsen", "kommunstyrelse"),
        ("BUN", "Barn- och utbildningsnämnden", "namnd"),
        ("Barn-och utbildningsnämnden", "Barn- och utbildningsnämnden", "namnd"),
        ("Socialnämndens arbetsutskott", "Socialnämnden", "namnd"),
        ("Tekniska nämndens arbetsutskott", "Tekniska nämnden", "namnd"),
        ("Fastighetsnämnden", "Fastighetsnämnden", "namnd"),
        ("Revisorerna", "Revisionen", "revision"),
    ],
)
def test_organs_are_canonical(written: str, organ: str, organ_type: str) -> None:
    found = canonical_organ(written)
    assert found is not None and (found.organ, found.organ_type) == (organ, organ_type)


def test_organ_table_is_consistent() -> None:
    table = organ_table()
    assert len(table) > 60
    assert {o.organ_type for o in table.values()} <= set(ORGAN_TYPES)
    assert canonical_organ(None) is None and canonical_organ("  ") is None


def _doc(document_id: str, year: int, levels: str | None = None) -> dict[str, object]:
    return {
        "document_id": document_id,
        "source_file": f"{document_id}.pdf",
        "status": "ok",
        "municipality": "Kalmar",
        "municipality_code": "0880",
        "organ": "KS",
        "year": year,
        "document_type": "riskanalys",
        "risk_levels": levels,
    }


def _risk(document_id: str, n: int, title: str, s: int, k: int) -> RiskRow:
    return RiskRow(
        risk_id=f"{document_id}-r{n:03d}",
        document_id=document_id,
        page=1,
        risk=title,
        probability=s,
        consequence=k,
        risk_value=s * k,
    )


def test_scale_change_compares_normalised_values() -> None:
    """2020 on 1-4 (9 of 16 = 0.56), 2021 on 1-5 (12 of 25 = 0.48): the raw value went up,
    the normalised value down, and risk_changes says what it compared."""
    documents = [_doc("a", 2020), _doc("b", 2021, "low 1-4; medium 5-9; high 10-16; very high 20-")]
    risks = [
        _risk("a", 1, "Risk för brister i hantering av lön", 3, 3),
        _risk("a", 2, "Risk för felaktiga utbetalningar", 4, 4),
        _risk("a", 3, "Risk för fel i upphandling", 1, 2),
        _risk("b", 1, "Risk för brister i hantering av lön", 3, 4),
        _risk("b", 2, "Risk för felaktiga utbetalningar", 5, 5),
        _risk("b", 3, "Risk för fel i upphandling", 5, 4),
    ]
    finish_dataset(documents, risks, [])
    assert (
        documents[0]["organ"] == "Kommunstyrelsen"
        and documents[0]["organ_type"] == "kommunstyrelse"
    )
    assert [r["scale_max"] for r in risks] == [4, 4, 4, 5, 5, 5]
    assert [r["risk_level"] for r in risks] == [
        "high",
        "very high",
        "low",
        "high",  # 12: the 2021 document's own band 10-16, not the rule (0.48: medium)
        "very high",
        "very high",
    ]
    changes = risk_changes(pd.DataFrame(risks), pd.DataFrame(documents)).set_index("risk_id_to")
    lon = changes.loc["b-r001"]
    assert (lon["risk_value_from"], lon["risk_value_to"]) == (9, 12)
    assert (lon["change"], lon["compared_on"]) == ("value_down", "value_normalised")
    assert (lon["scale_max_from"], lon["scale_max_to"]) == (4, 5)
    assert (lon["risk_level_from"], lon["risk_level_to"]) == ("high", "high")
    assert changes.loc["b-r002", "change"] == "unchanged"  # 16/16 and 25/25
    assert changes.loc["b-r003", "change"] == "value_up"


def test_same_scale_compares_risk_values() -> None:
    documents = [_doc("a", 2020), _doc("b", 2021)]
    risks = [_risk("a", 1, "Risk för fel i lön", 2, 2), _risk("b", 1, "Risk för fel i lön", 2, 3)]
    finish_dataset(documents, risks, [])
    changes = risk_changes(pd.DataFrame(risks), pd.DataFrame(documents))
    assert changes.loc[0, "change"] == "value_up"
    assert changes.loc[0, "compared_on"] == "risk_value"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Hög", "high"),
        ("Mycket hög", "very high"),
        ("Låg risk", "low"),
        ("Medel", "medium"),
        ("Hög (12)", "high"),  # the document's word beside its value
        ("12 (Hög)", "high"),
        ("3×4=12 – Mycket hög", "very high"),
        ("16", None),
        ("3×4=12", None),
        ("Hög risk för fel", None),  # a sentence, not a level
        ("", None),
    ],
)
def test_a_risk_value_cell_states_a_level_in_words_alone_or_beside_its_value(
    text: str, level: str | None
) -> None:
    assert stated_level(text) == level


def test_a_level_stated_in_words_wins_over_the_rule() -> None:
    documents = [_doc("a", 2024)]
    worded = RiskRow(risk_id="a-r001", document_id="a", page=1, risk="Sena rapporter",
                     risk_level="high")
    valued = _risk("a", 2, "Felaktiga utbetalningar", 1, 2)
    # the document's own word wins over the rule ("12 (Hög)" on a scale whose rule says
    # otherwise); a risk without a word takes the rule
    risks = [worded, valued.but(risk_level="very high"), valued]
    finish_dataset(documents, risks, [])
    assert [r["risk_level"] for r in risks] == ["high", "very high", "low"]
