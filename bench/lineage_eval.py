"""Precision and recall of same-risk decisions on a labelled pairs CSV.

Usage: python bench/lineage_eval.py PAIRS.csv [--threshold T] [--idf] [--show-errors]

PAIRS.csv has columns title_a, title_b, same (1/0, true/false).  Every stem
weighs 1 (as in ``assign_risk_keys``); ``--idf`` weighs stems by their inverse
document frequency over the distinct titles of the file instead.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from riskrad.normalize.lineage import (
    THRESHOLD,
    LineageSettings,
    evaluate_pairs,
    idf_weights,
    pair_similarity,
)

TRUE = {"1", "true", "yes", "ja", "same"}


def read_pairs(path: Path) -> list[tuple[str, str, bool]]:
    """Given a pairs CSV path, its (title_a, title_b, same) rows."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (row["title_a"], row["title_b"], row["same"].strip().casefold() in TRUE)
            for row in csv.DictReader(f)
        ]


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, print precision/recall and return 0 (1 if below 0.95)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--idf", action="store_true", help="weigh stems by inverse doc. frequency")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    pairs = read_pairs(args.pairs)
    settings = LineageSettings(threshold=args.threshold)
    titles = sorted({t for a, b, _ in pairs for t in (a, b)})
    weights = idf_weights(titles) if args.idf else None
    result = evaluate_pairs(pairs, settings, weights)
    positives = sum(1 for *_, same in pairs if same)
    print(
        f"{args.pairs}: {result.pairs} pairs ({positives} same), threshold {result.threshold}, "
        f"weights {'uniform' if weights is None else 'idf'}"
    )
    print(
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"(tp {result.true_positive}, fp {result.false_positive}, fn {result.false_negative})"
    )
    if args.show_errors:
        for a, b, same in pairs:
            score = pair_similarity(a, b, weights, settings)
            if (score >= settings.threshold) != same:
                kind = "missed" if same else "false match"
                print(f"  {kind} {score:.2f}: {a!r} / {b!r}")
    return 0 if result.precision >= 0.95 and result.recall >= 0.95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
