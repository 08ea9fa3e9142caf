"""The corpus builder is deterministic and its expected rows match the contract and PDFs."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import ftfy
import pdfplumber
import pypdfium2 as pdfium
import pytest

from riskrad.model.schema import CONTROLS, RISKS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
RISK_EXCLUDED = {"risk_id", "document_id", "risk_key", "confidence", "flags", "scale_max",
                 "value_normalised", "risk_level", "risk_category_canonical", "risk_theme",
                 "risk_theme_score"}
CONTROL_EXCLUDED = {"control_id", "risk_id", "document_id", "confidence", "flags", "risk_theme"}
DOC_KEYS = {"status", "municipality", "municipality_code", "organ", "year", "document_type",
            "pages", "pages_ocr"}
VARIANTS = {"born_digital", "scanned", "eng_ocr_layer", "broken_font", "mojibake"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Given the builder, a fresh build of the corpus in a temporary folder."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(CORPUS / "build.py"), str(out)], check=True,
                   capture_output=True)
    return out


def built_files(root: Path) -> list[Path]:
    """Given a build root, its PDFs and expected JSON files relative to it."""
    return sorted(p.relative_to(root) for p in root.rglob("*")
                  if p.suffix in (".pdf", ".json", ".csv") and p.is_file())


def expected_files() -> list[Path]:
    """Given the committed corpus, every expected.json beside a PDF."""
    return sorted(CORPUS.rglob("*.expected.json"))


def test_build_is_byte_identical_to_committed_files(built: Path) -> None:
    """Given a fresh build, every file equals the committed one byte for byte."""
    files = built_files(built)
    assert files, "the builder wrote nothing"
    for rel in files:
        committed = CORPUS / rel
        assert committed.exists(), f"{rel} is built but not committed"
        assert (built / rel).read_bytes() == committed.read_bytes(), f"{rel} differs"
    committed_files = [p for p in built_files(CORPUS) if p.parts[0] != "sources"]
    stale = sorted(set(committed_files) - set(files))
    assert not stale, f"committed but no longer built: {stale}"


@pytest.mark.parametrize("path", expected_files(), ids=lambda p: p.stem)
def test_expected_json_fields_follow_the_contract(path: Path) -> None:
    """Given an expected.json, its fields are the contract's columns (brief format)."""
    exp = json.loads(path.read_text(encoding="utf-8"))
    assert exp["variant"] in VARIANTS
    assert set(exp["document"]) == DOC_KEYS
    risk_keys = {"page"} | {c.name for c in RISKS if c.name not in RISK_EXCLUDED}
    control_keys = {"risk_index", "page"} | {c.name for c in CONTROLS
                                             if c.name not in CONTROL_EXCLUDED}
    for risk in exp["risks"]:
        assert set(risk) == risk_keys
    for ctl in exp["controls"]:
        assert set(ctl) == control_keys
        assert ctl["risk_index"] is None or 0 <= ctl["risk_index"] < len(exp["risks"])
    for row in [*exp["risks"], *exp["controls"]]:
        for key, value in row.items():
            if isinstance(value, str):
                assert value == re.sub(r"\s+", " ", value).strip(), (key, value)
                assert "<" not in value or ">" not in value, (key, value)


@pytest.mark.parametrize("path", expected_files(), ids=lambda p: p.stem)
def test_pages_and_first_words_match_the_pdf(path: Path) -> None:
    """Given an expected.json, the PDF has that many pages and each row starts on its page."""
    exp = json.loads(path.read_text(encoding="utf-8"))
    pdf_path = pdf_of(path)
    assert len(pdfium.PdfDocument(pdf_path)) == exp["document"]["pages"]
    if exp["variant"] not in ("born_digital", "mojibake"):
        return
    with pdfplumber.open(pdf_path) as pdf:
        texts = [ftfy.fix_text(page.extract_text() or "") for page in pdf.pages]
    rows = [(r["page"], r["risk"]) for r in exp["risks"]]
    rows += [(c["page"], c["control"]) for c in exp["controls"]]
    for page, text in rows:
        head = text.split()[0][:10]  # a long word may be broken inside a narrow cell
        assert head in texts[page - 1], (page, text[:40])


def pdf_of(path: Path) -> Path:
    """Given an expected.json path, the PDF beside it."""
    return path.with_name(path.name.replace(".expected.json", ".pdf"))


def variant_files(variant: str) -> list[Path]:
    """Given a variant name, the committed expected.json files of that variant."""
    return [p for p in expected_files()
            if json.loads(p.read_text(encoding="utf-8"))["variant"] == variant]


def page_texts(pdf_path: Path) -> list[str]:
    """Given a PDF, pdfplumber's text of each page."""
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def swedish_rate(text: str) -> float:
    """Given text, the share of its letters that are å, ä or ö."""
    letters = [c for c in text.lower() if c.isalpha()]
    return sum(c in "åäö" for c in letters) / max(len(letters), 1)


def expected_text(path: Path) -> str:
    """Given an expected.json, all its row text joined."""
    exp = json.loads(path.read_text(encoding="utf-8"))
    return " ".join(str(v) for row in exp["risks"] + exp["controls"] for v in row.values()
                    if isinstance(v, str))


@pytest.mark.parametrize("path", variant_files("scanned"), ids=lambda p: p.stem)
def test_scanned_variant_has_no_text_layer(path: Path) -> None:
    """Given a scanned variant, no page has any text, and pages_ocr covers every page."""
    exp = json.loads(path.read_text(encoding="utf-8"))
    assert all(not t.strip() for t in page_texts(pdf_of(path)))
    assert exp["document"]["pages_ocr"] == exp["document"]["pages"]


@pytest.mark.parametrize("path", variant_files("eng_ocr_layer"), ids=lambda p: p.stem)
def test_eng_ocr_layer_lost_the_swedish_letters(path: Path) -> None:
    """Given an English-OCR variant, its text layer is there but å/ä/ö are mostly lost."""
    text = " ".join(page_texts(pdf_of(path)))
    assert len(text) > 1000
    assert swedish_rate(text) < 0.5 * swedish_rate(expected_text(path))


@pytest.mark.parametrize("path", variant_files("broken_font"), ids=lambda p: p.stem)
def test_broken_font_text_layer_is_unmapped(path: Path) -> None:
    """Given a broken-font variant, its text layer is (cid:N) codes, not words."""
    for text in page_texts(pdf_of(path)):
        assert text.count("(cid:") > 200
        assert not re.search(r"\b(och|att|för|risk)\b", text, flags=re.I)


@pytest.mark.parametrize("path", variant_files("mojibake"), ids=lambda p: p.stem)
def test_mojibake_text_layer_is_fixed_by_ftfy(path: Path) -> None:
    """Given a mojibake variant, its text reads 'Ã¤' for 'ä' and ftfy restores it."""
    pages = page_texts(pdf_of(path))
    before = sum(t.count("Ã") for t in pages)
    assert before > 100
    fixed = [ftfy.fix_text(t) for t in pages]
    # per page, ftfy misses a sequence split by a line break or alone at a line start
    assert sum(t.count("Ã") for t in fixed) <= 0.02 * before
    assert swedish_rate(" ".join(fixed)) > 0.01


@pytest.mark.parametrize("path", variant_files("mojibake"), ids=lambda p: p.stem)
def test_mojibake_of_every_expected_field_is_fixed_by_ftfy(path: Path) -> None:
    """Given a mojibake variant's expected rows, ftfy restores each field's mojibake."""
    exp = json.loads(path.read_text(encoding="utf-8"))
    for row in exp["risks"] + exp["controls"]:
        for value in row.values():
            if isinstance(value, str):
                bad = value.encode("utf-8").decode("sloppy-windows-1252")
                assert ftfy.fix_text(bad) == value


def risk_titles(rel: str) -> set[str]:
    """Given an expected.json path relative to the corpus, its risk titles."""
    exp = json.loads((CORPUS / rel).read_text(encoding="utf-8"))
    return {r["risk"] for r in exp["risks"]}


def test_lineage_pairs_name_real_risks_of_both_years() -> None:
    """Given lineage_pairs.csv, its titles are 2020 and 2021 risks, labelled both ways."""
    with (CORPUS / "lineage_pairs.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 40
    old = risk_titles("Kalmar/2020/ks_arbetsutskott_2019-12-17_med_riskanalys_2020.expected.json")
    new = risk_titles("Kalmar/2021/riskanalys_intern_kontrollplan_2021.expected.json")
    for row in rows:
        assert row["title_a"] in old and row["title_b"] in new, row
        assert row["same"] in ("true", "false")
        assert (row["same"] == "true") == (row["kind"] in ("identical", "reworded"))
    kinds = {r["kind"] for r in rows}
    assert {"identical", "reworded", "hard_negative", "added_vs_nearest",
            "removed_vs_nearest"} <= kinds
    reworded = [r for r in rows if r["kind"] == "reworded"]
    assert len(reworded) == 2 and all(r["title_a"] != r["title_b"] for r in reworded)
