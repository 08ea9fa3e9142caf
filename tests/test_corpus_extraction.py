"""Extraction of the shipped corpus compared with its expected rows, field by field.

One real run (text layer, real Tesseract with the Swedish model for the
damaged variants) over a copy of the corpus; each document is then scored
against its NAME.expected.json. The OCR cache lives in a fresh temporary
folder, so Tesseract really runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from riskrad.evaluate import Expected, Score, compare, load_expected
from riskrad.model.schema import TABLES, arrow_schema
from riskrad.outputs import write_run
from riskrad.pipeline import RunResult, RunSettings, run

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXPECTATIONS = sorted(CORPUS.rglob("*.expected.json"))
DOCUMENT_FIELDS = ("municipality", "municipality_code", "organ", "year", "document_type", "pages")


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, Path, Path]:
    root = tmp_path_factory.mktemp("corpus_run")
    folder = root / "in"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.py", "sources", "*.csv"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKRAD_CACHE_DIR", str(root / "ocr-cache"))
        result = run(folder, RunSettings(jobs=2))
    out = root / "out"
    write_run(out, result, folder)
    return result, folder, out


def rows_of(result: RunResult, folder: Path, exp: Expected) -> tuple[dict, list, list]:  # type: ignore[type-arg]
    rel = exp.pdf.relative_to(CORPUS).as_posix()
    doc = next(d for d in result.documents if d["source_file"] == rel)
    risks = [r for r in result.risks if r["document_id"] == doc["document_id"]]
    controls = [c for c in result.controls if c["document_id"] == doc["document_id"]]
    return doc, risks, controls


def score_of(result: RunResult, folder: Path, exp: Expected) -> Score:
    _, risks, controls = rows_of(result, folder, exp)
    score = compare(exp.risks, risks, "risks")
    score += compare(exp.controls, controls, "controls")
    return score


BORN_DIGITAL = [p for p in EXPECTATIONS if load_expected(p).variant == "born_digital"]


@pytest.mark.parametrize("expected_path", BORN_DIGITAL, ids=lambda p: p.stem)
def test_born_digital_rows_match_field_by_field(
    corpus_run: tuple[RunResult, Path, Path], expected_path: Path
) -> None:
    result, folder, _ = corpus_run
    exp = load_expected(expected_path)
    doc, _, _ = rows_of(result, folder, exp)
    assert doc["status"] == "ok", doc["error"]
    for name in DOCUMENT_FIELDS:
        assert doc[name] == exp.document[name], name
    score = score_of(result, folder, exp)
    assert score.found == score.expected, score.field_mismatches[:5]
    assert score.extra == 0
    assert score.numeric_correct == score.numeric_total, score.field_mismatches[:5]
    assert score.cer <= 0.005, score.field_mismatches[:5]


def variant_score(result: RunResult, folder: Path, variant: str) -> Score:
    total = Score()
    for path in EXPECTATIONS:
        exp = load_expected(path)
        if exp.variant == variant:
            total += score_of(result, folder, exp)
    return total


# Targets of the OCR issue: rows found >= 95 %, numeric fields >= 97 %, CER <= 3 %.
@pytest.mark.parametrize("variant", ["scanned", "eng_ocr_layer", "broken_font", "mojibake"])
def test_damaged_variants_reach_the_ocr_targets(
    corpus_run: tuple[RunResult, Path, Path], variant: str
) -> None:
    result, folder, _ = corpus_run
    score = variant_score(result, folder, variant)
    assert score.expected > 0
    assert score.recall >= 0.95, score.field_mismatches[:8]
    assert score.numeric_accuracy >= 0.97, score.field_mismatches[:8]
    assert score.cer <= 0.03, score.field_mismatches[:8]


def test_each_page_records_its_route_and_why(corpus_run: tuple[RunResult, Path, Path]) -> None:
    result, folder, out = corpus_run
    log = (out / "run.log").read_text("utf-8")
    assert "page 1: ocr: no text layer" in log and "mojibake" in log
    for path in EXPECTATIONS:
        exp = load_expected(path)
        doc, _, _ = rows_of(result, folder, exp)
        pages = [p for p in result.pages if p["document_id"] == doc["document_id"]]
        assert len(pages) == exp.document["pages"]
        assert all(p["reason"] for p in pages)
        ocr = sum(p["route"] == "ocr" for p in pages)
        assert ocr == exp.document["pages_ocr"] == doc["pages_ocr"], (path.name, ocr)


def test_written_tables_read_back_with_the_contract_schema(
    corpus_run: tuple[RunResult, Path, Path],
) -> None:
    result, _, out = corpus_run
    for name, columns in TABLES.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(arrow_schema(columns)), name
        assert (out / f"{name}.csv").read_text("utf-8").splitlines()[0]
    risks = pq.read_table(out / "risks.parquet")
    assert risks.num_rows == len(result.risks)
    assert risks.column("risk_value").null_count < risks.num_rows
    assert (
        set(risks.column("risk_key").to_pylist())
        and None not in risks.column("risk_key").to_pylist()
    )
    html = (out / "report.html").read_text("utf-8")
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org", "")


def test_agenda_and_budget_prose_give_no_risks(corpus_run: tuple[RunResult, Path, Path]) -> None:
    result, folder, _ = corpus_run
    budget = next(p for p in EXPECTATIONS if "internbudget" in p.name)
    exp = load_expected(budget)
    _, risks, controls = rows_of(result, folder, exp)
    assert exp.risks == [] and risks == [] and controls == []
    agenda = next(p for p in EXPECTATIONS if "arbetsutskott" in p.name)
    _, risks, _ = rows_of(result, folder, load_expected(agenda))
    first_risk_page = min(r["page"] for r in load_expected(agenda).risks)
    assert min(r["page"] for r in risks) == first_risk_page
