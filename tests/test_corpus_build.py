"""The corpus builder is deterministic and its expected rows match the contract and PDFs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from riskrad.schema import CONTROLS, RISKS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
RISK_EXCLUDED = {"risk_id", "document_id", "risk_key", "confidence", "flags"}
CONTROL_EXCLUDED = {"control_id", "risk_id", "document_id", "confidence", "flags"}
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
                  if p.suffix in (".pdf", ".json") and p.is_file())


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
    pdf_path = path.with_name(path.name.replace(".expected.json", ".pdf"))
    assert len(pdfium.PdfDocument(pdf_path)) == exp["document"]["pages"]
    if exp["variant"] != "born_digital":
        return
    with pdfplumber.open(pdf_path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    rows = [(r["page"], r["risk"]) for r in exp["risks"]]
    rows += [(c["page"], c["control"]) for c in exp["controls"]]
    for page, text in rows:
        head = text.split()[0][:10]  # a long word may be broken inside a narrow cell
        assert head in texts[page - 1], (page, text[:40])
