"""Metadata under doubt: precision and recall of municipality, organ, year and document type
on the title-page set tests/data/metadata_doubt_cases.json.

A field's prediction counts for precision when it is not empty (right or wrong); an
expected non-empty value counts for recall. An empty prediction where the case expects an
empty field is right and counts for neither.

    .venv/bin/python bench/metadata_eval.py [--show-errors]
    .venv/bin/python bench/metadata_eval.py --cases tests/data/metadata_heldout_cases.json

The second set is held out: written after the rules were frozen, measured once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from riskrad.normalize.metadata import detect_metadata
from riskrad.normalize.organs import canonical_organ

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "metadata_doubt_cases.json"
FIELDS = ("municipality", "organ", "year", "document_type")


def evaluate(cases: list[dict[str, Any]]) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Given the cases, per field: predicted, correct, expected, precision, recall; and errors."""
    table = {f: {"predicted": 0.0, "correct": 0.0, "expected": 0.0} for f in (*FIELDS, "all")}
    errors: list[str] = []
    for case in cases:
        meta = detect_metadata("\n".join(case["lines"]), case["path"])
        for name in FIELDS:
            got, want = getattr(meta, name), case["expect"][name]
            if name == "organ" and got is not None:  # the dataset holds the canonical organ
                got = getattr(canonical_organ(got), "organ", got)
            for key in (name, "all"):
                table[key]["predicted"] += got is not None
                table[key]["expected"] += want is not None
                table[key]["correct"] += got is not None and got == want
            if got != want:
                why = meta.evidence.get(name, "")
                errors.append(f"{case['id']}: {name} = {got!r}, expected {want!r} ({why})")
    for row in table.values():
        row["precision"] = row["correct"] / row["predicted"] if row["predicted"] else 1.0
        row["recall"] = row["correct"] / row["expected"] if row["expected"] else 1.0
    return table, errors


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, print the table (and the errors); exit 1 below 0.99."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--cases", type=Path, default=CASES, help="a JSON file of cases")
    args = parser.parse_args(argv)
    cases = json.loads(args.cases.read_text("utf-8"))["cases"]
    table, errors = evaluate(cases)
    print(f"{len(cases)} title pages")
    print("| field | predicted | correct | expected | precision | recall |")
    print("|---|---|---|---|---|---|")
    for name, row in table.items():
        print(
            f"| {name} | {row['predicted']:.0f} | {row['correct']:.0f} | {row['expected']:.0f} "
            f"| {row['precision']:.3f} | {row['recall']:.3f} |"
        )
    if args.show_errors:
        print("\n".join(errors))
    return 0 if table["all"]["precision"] >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
