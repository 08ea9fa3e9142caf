"""Extraction quality on the corpus: rows found, numeric fields, text CER, per document.

Usage: corpus_eval.py [--variant born_digital] [--show N] [CORPUS_DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from riskrad.evaluate import Score, compare, load_expected
from riskrad.pipeline import RunSettings, run

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "corpus")
    parser.add_argument("--variant", action="append", help="only these variants (repeatable)")
    parser.add_argument("--show", type=int, default=5, help="mismatches to print per document")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    expectations = [load_expected(p) for p in sorted(args.corpus.rglob("*.expected.json"))]
    if args.variant:
        expectations = [e for e in expectations if e.variant in args.variant]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for exp in expectations:
            dest = folder / exp.pdf.relative_to(args.corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(exp.pdf, dest)
        result = run(folder, RunSettings(jobs=args.jobs))
    print(result.summary())
    docs = {d["source_file"]: d for d in result.documents}
    totals: dict[str, Score] = {}
    print(f"{'document':60} {'variant':14} risks  controls  numeric  CER")
    for exp in expectations:
        rel = exp.pdf.relative_to(args.corpus).as_posix()
        doc = docs[rel]
        risks = [r for r in result.risks if r["document_id"] == doc["document_id"]]
        controls = [c for c in result.controls if c["document_id"] == doc["document_id"]]
        rs, cs = compare(exp.risks, risks, "risks"), compare(exp.controls, controls, "controls")
        both = Score()
        both += rs
        both += cs
        totals.setdefault(exp.variant, Score())
        totals[exp.variant] += both
        meta = [k for k, v in exp.document.items() if k not in ("status",) and doc.get(k) != v]
        print(
            f"{rel[:60]:60} {exp.variant:14} {rs.found}/{rs.expected}+{rs.extra}  "
            f"{cs.found}/{cs.expected}+{cs.extra}  {both.numeric_correct}/{both.numeric_total}  "
            f"{both.cer:.2%}  {'meta wrong: ' + ','.join(meta) if meta else ''}"
        )
        for line in both.field_mismatches[: args.show]:
            print("    ", line)
    for variant, score in totals.items():
        print(
            f"TOTAL {variant}: rows {score.found}/{score.expected} ({score.recall:.1%}), "
            f"extra {score.extra}, numeric {score.numeric_accuracy:.1%}, CER {score.cer:.2%}"
        )


if __name__ == "__main__":
    main()
