"""Scans next to their born-digital twins: risk/control F1, numbers, CER, å/ä/ö words.

    .venv/bin/python bench/scan_eval.py DIR [--jobs 2] [--only SUBSTRING ...] [--show 3]

DIR holds PDFs with NAME.expected.json beside them (bench/scan_set.py, or the
layout generator's output). Every document is extracted in one run; the
figures are grouped by the expectation's variant (born_digital, scan200, ...)
and by the first part of the file name (the family), and printed as a table.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate import (  # noqa: E402
    Expected,
    Score,
    compare,
    load_expected,
    match_rows,
    norm,
)
from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_TEXT_FIELDS  # noqa: E402
from riskrad.pipeline import RunResult, RunSettings, run  # noqa: E402

DIACRITIC = re.compile(r"[åäöÅÄÖ]")


@dataclass
class Tally:
    """Counts of one group of documents."""

    risks: Score
    controls: Score
    diacritic_words: int = 0
    diacritic_right: int = 0
    documents: int = 0

    @staticmethod
    def empty() -> Tally:
        return Tally(Score(), Score())

    def add(self, other: Tally) -> None:
        self.risks += other.risks
        self.controls += other.controls
        self.diacritic_words += other.diacritic_words
        self.diacritic_right += other.diacritic_right
        self.documents += other.documents


def f1(score: Score) -> float:
    """Given a score, the F1 of rows found (1.0 when nothing was expected or found)."""
    got = score.found + score.extra
    if not score.expected and not got:
        return 1.0
    precision = score.found / got if got else 0.0
    recall = score.found / score.expected if score.expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def words(text: object) -> list[str]:
    """Given a field value, its words (NFC, punctuation at the ends stripped)."""
    return [
        w.strip(".,;:()!?\"'") for w in norm(unicodedata.normalize("NFC", str(text or ""))).split()
    ]


def diacritic_tally(
    want: list[dict[str, Any]], got: list[dict[str, Any]], table: str
) -> tuple[int, int]:
    """Given expected and extracted rows, (words with å/ä/ö expected, of them read right)."""
    names = RISK_TEXT_FIELDS if table == "risks" else CONTROL_TEXT_FIELDS
    total = right = 0
    for row, match in match_rows(want, got, table):
        for name in names:
            expected = [w for w in words(row.get(name)) if DIACRITIC.search(w)]
            if not expected:
                continue
            have = Counter(words(match.get(name))) if match else Counter()
            for word in expected:
                total += 1
                if have[word] > 0:
                    have[word] -= 1
                    right += 1
    return total, right


def family(exp: Expected) -> str:
    """Given an expectation, its family: the generator's, else the name up to '_scan'."""
    data = json.loads(exp.pdf.with_suffix(".expected.json").read_text("utf-8"))
    return str(data.get("family") or exp.pdf.stem.split("_scan")[0])



def run_copies(expectations: list[Expected], folder: Path, jobs: int) -> RunResult:
    """Given the scans to read (their expectations), their folder and worker count, the run
    over copies of them (a folder of only those)."""
    with tempfile.TemporaryDirectory() as tmp:
        for exp in expectations:
            dest = Path(tmp) / exp.pdf.relative_to(folder)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(exp.pdf, dest)
        return run(Path(tmp), RunSettings(jobs=jobs))

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", action="append", help="file names containing this (repeatable)")
    parser.add_argument("--variant", action="append", help="only these variants (repeatable)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=0, help="mismatches to print per document")
    args = parser.parse_args()
    expectations = [load_expected(p) for p in sorted(args.folder.rglob("*.expected.json"))]
    if args.only:
        expectations = [e for e in expectations if any(s in e.pdf.name for s in args.only)]
    if args.variant:
        expectations = [e for e in expectations if e.variant in args.variant]
    result = run_copies(expectations, args.folder, args.jobs)
    print(result.summary())
    docs = {d["source_file"]: d for d in result.documents}
    groups: dict[tuple[str, str], Tally] = {}
    for exp in expectations:
        doc = docs[exp.pdf.relative_to(args.folder).as_posix()]
        risks = [r for r in result.risks if r["document_id"] == doc["document_id"]]
        controls = [c for c in result.controls if c["document_id"] == doc["document_id"]]
        tally = Tally(
            compare(exp.risks, risks, "risks"), compare(exp.controls, controls, "controls")
        )
        tally.documents = 1
        for want, got, table in ((exp.risks, risks, "risks"), (exp.controls, controls, "controls")):
            total, right = diacritic_tally(want, got, table)
            tally.diacritic_words += total
            tally.diacritic_right += right
        if args.show:
            print(
                f"{exp.pdf.name}: risks {tally.risks.found}/{tally.risks.expected}"
                f"+{tally.risks.extra} controls {tally.controls.found}/"
                f"{tally.controls.expected}+{tally.controls.extra}"
            )
            for line in (tally.risks.field_mismatches + tally.controls.field_mismatches)[
                : args.show
            ]:
                print("    ", line)
        for key in ((family(exp), exp.variant), ("ALL", exp.variant)):
            groups.setdefault(key, Tally.empty()).add(tally)
    print(f"{'family':28} {'variant':16} docs  riskF1 ctrlF1 numeric   CER  åäö")
    for (fam, variant), t in sorted(groups.items(), key=lambda kv: (kv[0][0] == "ALL", kv[0])):
        both = Score()
        both += t.risks
        both += t.controls
        aao = t.diacritic_right / t.diacritic_words if t.diacritic_words else 1.0
        print(
            f"{fam:28} {variant:16} {t.documents:4}  {f1(t.risks):.3f}  {f1(t.controls):.3f}  "
            f"{both.numeric_accuracy:.3f}  {both.cer:.2%}  {aao:.3f}"
        )


if __name__ == "__main__":
    main()
