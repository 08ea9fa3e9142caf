"""Precision and recall of same-risk decisions on a labelled pairs CSV.

Usage: python bench/lineage_eval.py PAIRS.csv [--threshold T] [--idf] [--show-errors]
                                    [--min-precision P] [--min-recall R]

PAIRS.csv has columns title_a, title_b, same (1/0, true/false) and optionally kind
(figures are then also printed per kind, e.g. identical titles apart).
Which sets are held out: THRESHOLD (0.62) was chosen on tests/data/lineage_pairs_dev.csv,
so figures on it are in-sample; bench/data/lineage_pairs_heldout.csv was written after
the threshold was frozen and never used to choose anything.  Every stem
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
    return [(a, b, same) for a, b, same, _ in read_kinds(path)]


def read_kinds(path: Path) -> list[tuple[str, str, bool, str]]:
    """Given a pairs CSV path, its (title_a, title_b, same, kind) rows ('' without kind)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (
                row["title_a"],
                row["title_b"],
                row["same"].strip().casefold() in TRUE,
                row.get("kind") or "",
            )
            for row in csv.DictReader(f)
        ]


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, print precision/recall and return 0 (1 if below 0.95)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--idf", action="store_true", help="weigh stems by inverse doc. frequency")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--min-precision", type=float, default=0.0, help="exit 1 below this")
    parser.add_argument("--min-recall", type=float, default=0.0, help="exit 1 below this")
    args = parser.parse_args(argv)
    kinds = read_kinds(args.pairs)
    pairs = [(a, b, same) for a, b, same, _ in kinds]
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
    if any(kind for *_, kind in kinds):
        positives_by = sorted({kind for *_, same, kind in kinds if same})
        for kind in positives_by:
            chosen = [(a, b, same) for a, b, same, k in kinds if k == kind]
            part = evaluate_pairs(chosen, settings, weights)
            print(f"  same-risk pairs of kind {kind!r}: {part.true_positive}/{len(chosen)} found")
        negatives = [(a, b, same) for a, b, same, _ in kinds if not same]
        wrong = evaluate_pairs(negatives, settings, weights).false_positive
        print(f"  different-risk pairs matched by mistake: {wrong}/{len(negatives)}")
    if args.show_errors:
        for a, b, same in pairs:
            score = pair_similarity(a, b, weights, settings)
            if (score >= settings.threshold) != same:
                kind = "missed" if same else "false match"
                print(f"  {kind} {score:.2f}: {a!r} / {b!r}")
    return 0 if result.precision >= args.min_precision and result.recall >= args.min_recall else 1


if __name__ == "__main__":
    raise SystemExit(main())
