"""Does low row confidence find the wrong rows?  Output of a corpus run vs expected rows.

Usage: python bench/confidence_eval.py OUT_DIR CORPUS_DIR [--threshold T ...] [--reflag]

Output rows are paired one-to-one with expected rows of the same document by
the similarity of their main text (risk or control; best pairs first, rapidfuzz
ratio >= 70).  A risk row is *wrong* when it pairs with no expected row (an
extra row), when a given sannolikhet/konsekvens/riskvärde differs from the
expected one, or when its risk text differs from the expected text by more
than 5 % of characters.  A control row likewise (control text).  Rows of
documents without a NAME.expected.json are skipped.  Prints, per threshold,
how many rows are below it, how many of those are wrong (precision), how many
wrong rows it catches (recall), and the rank AUC of confidence; then how many
rows carry flags and how many of those are wrong.  ``--reflag`` re-runs the
current text and value checks on the output rows and multiplies the stored
confidence by the penalty of each flag the run did not have yet (to try a new
check without a new corpus run).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.evaluate import best_first_matches, load_expected, norm
from riskrad.normalize.validate import (
    FLAG_PENALTIES,
    document_scales,
    evaluate_confidence,
    split_flags,
    validate_risk,
    validate_text,
)

TEXT_ERROR = 0.05
Row = dict[str, Any]


def _plain(row: Mapping[Any, Any]) -> Row:
    """Given a frame record, it with pandas' missing markers as None and ints as int."""
    out: Row = {}
    for name, value in row.items():
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            out[name] = None
        elif isinstance(value, float) and value.is_integer() and name != "confidence":
            out[name] = int(value)
        else:
            out[name] = value
    return out


def wrong_rows(got: list[Row], expected: list[Row], table: str) -> list[bool]:
    """Given one document's output and expected rows of a table, True per wrong output row."""
    text_field = "risk" if table == "risks" else "control"
    ints = ("probability", "consequence", "risk_value") if table == "risks" else ()
    verdict = [True] * len(got)  # unmatched output rows are extra, hence wrong
    for j, i in best_first_matches(expected, got, table).items():
        want, row = expected[j], got[i]
        a, b = norm(want.get(text_field)), norm(row.get(text_field))
        text_bad = Levenshtein.distance(a, b) > TEXT_ERROR * max(len(a), 1)
        int_bad = any(want.get(n) is not None and row.get(n) != want[n] for n in ints)
        verdict[i] = text_bad or int_bad
    return verdict


def reflag(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Given an output table, it with current flags and confidence lowered for new flags."""
    scales = document_scales(frame) if table == "risks" else {}
    flags_out: list[str] = []
    confidence_out: list[float] = []
    for row in (_plain(r) for r in frame.to_dict("records")):
        old = set(split_flags(row.get("flags")))
        new = set(validate_text(row.get("risk" if table == "risks" else "control")))
        if table == "risks":
            scale = scales[str(row["document_id"])]
            new |= set(
                validate_risk(row["probability"], row["consequence"], row["risk_value"], scale)
            )
        value = float(row["confidence"])
        for flag in new - old:
            value *= FLAG_PENALTIES.get(flag, 0.5)
        flags_out.append(";".join(sorted(old | new)))
        confidence_out.append(value)
    return frame.assign(flags=flags_out, confidence=confidence_out)


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, print the evaluation; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--reflag", action="store_true")
    args = parser.parse_args(argv)
    documents = pd.read_parquet(args.out / "documents.parquet")
    confidence: list[float] = []
    wrong: list[bool] = []
    flagged: list[bool] = []
    for table in ("risks", "controls"):
        frame = pd.read_parquet(args.out / f"{table}.parquet")
        if args.reflag:
            frame = reflag(frame, table)
        for doc in documents.to_dict("records"):
            path = args.corpus / str(doc["source_file"]).replace(".pdf", ".expected.json")
            if not path.exists():
                continue
            expected = getattr(load_expected(path), table)
            rows = frame[frame["document_id"] == doc["document_id"]]
            got = [_plain(r) for r in rows.to_dict("records")]
            wrong += wrong_rows(got, expected, table)
            confidence += [float(r["confidence"]) for r in got]
            flagged += [bool(split_flags(r.get("flags"))) for r in got]
    print(f"{len(wrong)} rows compared, {sum(wrong)} wrong")
    for threshold in args.threshold or [0.6, 0.8, 0.9]:
        e = evaluate_confidence(confidence, wrong, threshold)
        print(
            f"confidence < {threshold:.2f}: {e.below} rows, {e.wrong_below} wrong "
            f"(precision {e.precision:.2f}, recall {e.recall:.2f}); AUC {e.auc:.2f}"
        )
    n_flagged = sum(flagged)
    flagged_wrong = sum(1 for f, w in zip(flagged, wrong, strict=True) if f and w)
    print(f"flagged rows: {n_flagged}, of them wrong: {flagged_wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
