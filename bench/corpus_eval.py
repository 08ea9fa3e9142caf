"""Extraction quality on the corpus, every field: rows, values, pages, links, text, per document.

Usage: python bench/corpus_eval.py [--variant born_digital] [--show N] [--jobs N] [CORPUS_DIR]

A cold run: the corpus is copied to a temporary folder and the OCR cache is a fresh
temporary folder, so Tesseract reads every OCR'd page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate import Score, compare_document, lexicon_seeds, load_expected  # noqa: E402
from riskrad.pipeline import RunSettings, run  # noqa: E402


def total_line(name: str, score: Score) -> str:
    """Given a total, one line with every figure the README quotes."""
    return (
        f"TOTAL {name}: rows {score.found}/{score.expected} ({score.recall:.1%}), "
        f"extra {score.extra}, values {score.numeric_correct}/{score.numeric_total} "
        f"({score.numeric_accuracy:.1%}), pages {score.page_correct}/{score.page_total}, "
        f"links {score.link_correct}/{score.link_total}, "
        f"document fields {score.document_correct}/{score.document_total}, "
        f"CER {score.cer:.3%} ({score.char_errors}/{score.chars} chars)"
    )


def main() -> None:
    """Given command-line arguments, run the pipeline over the corpus and print the scores."""
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "corpus")
    parser.add_argument("--variant", action="append", help="only these variants (repeatable)")
    parser.add_argument("--show", type=int, default=5, help="mismatches to print per document")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    expectations = [load_expected(p) for p in sorted(args.corpus.rglob("*.expected.json"))]
    if args.variant:
        expectations = [e for e in expectations if e.variant in args.variant]
    print("command: python bench/corpus_eval.py " + " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        for exp in expectations:
            dest = folder / exp.pdf.relative_to(args.corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(exp.pdf, dest)
        os.environ["RISKRAD_CACHE_DIR"] = str(Path(tmp) / "ocr-cache")
        result = run(folder, RunSettings(jobs=args.jobs))
    print(result.summary())
    docs = {d["source_file"]: d for d in result.documents}
    totals: dict[str, Score] = {}
    by_seen: dict[str, Score] = {}
    print(f"{'document':60} {'variant':14} risks  controls  values  pages  links  CER")
    for exp in expectations:
        rel = exp.pdf.relative_to(args.corpus).as_posix()
        doc = docs[rel]
        risks = [r for r in result.risks if r["document_id"] == doc["document_id"]]
        controls = [c for c in result.controls if c["document_id"] == doc["document_id"]]
        score = compare_document(exp, doc, risks, controls)
        totals.setdefault(exp.variant, Score())
        totals[exp.variant] += score
        seen = "seen" if exp.seen else "unseen"
        by_seen.setdefault(f"{exp.variant}, {seen} by the lexicon", Score())
        by_seen[f"{exp.variant}, {seen} by the lexicon"] += score
        print(
            f"{rel[:60]:60} {exp.variant:14} {score.found}/{score.expected}+{score.extra}  "
            f"{score.numeric_correct}/{score.numeric_total}  "
            f"{score.page_correct}/{score.page_total}  {score.link_correct}/{score.link_total}  "
            f"{score.cer:.3%}  doc {score.document_correct}/{score.document_total}"
        )
        for line in score.field_mismatches[: args.show]:
            print("    ", line)
    for variant, score in totals.items():
        print(total_line(variant, score))
    print(f"lexicon and bigram model built from seeds {', '.join(sorted(lexicon_seeds()))}:")
    for name, score in sorted(by_seen.items()):
        print(total_line(name, score))


if __name__ == "__main__":
    main()
