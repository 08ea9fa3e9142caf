"""Does low row confidence find the wrong rows?  Output of a corpus run vs expected rows.

Usage: python bench/confidence_eval.py OUT_DIR CORPUS_DIR [--threshold T ...] [--reflag]
       make confidence      (a cold run of the corpus into a temporary folder, then this)

Output rows are paired one-to-one with expected rows of the same document by
the similarity of their main text (risk or control; best pairs first, rapidfuzz
ratio >= 70).  A risk row is *wrong* when it pairs with no expected row (an
extra row), when a given sannolikhet/konsekvens/riskvärde differs from the
expected one (a value where none is expected too), when its page differs, or when
its risk text differs from the expected text by more than 5 % of characters.  A
control row likewise (control text, page).  Figures are printed for all rows and per
route (the route of the row's page: text layer or OCR), each with the number of wrong
rows, a 95 % Wilson interval for the share of wrong rows and a 95 % bootstrap interval
(2,000 resamples, seed 0) for the AUC; with no wrong rows the AUC is undefined (n/a).  Rows of
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
import math
import random
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.evaluate import Row, best_first_matches, load_expected, norm
from riskrad.normalize.validate import (
    FLAG_PENALTIES,
    document_scales,
    evaluate_confidence,
    split_flags,
    validate_risk,
    validate_text,
)

TEXT_ERROR = 0.05


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
    risk_values = ("probability", "consequence", "risk_value", "follows_plan")
    values = risk_values if table == "risks" else ()
    verdict = [True] * len(got)  # unmatched output rows are extra, hence wrong
    for j, i in best_first_matches(expected, got, table).items():
        want, row = expected[j], got[i]
        a, b = norm(want.get(text_field)), norm(row.get(text_field))
        text_bad = Levenshtein.distance(a, b) > TEXT_ERROR * max(len(a), 1)
        value_bad = any(row.get(n) != want.get(n) for n in values)
        page_bad = "page" in want and row.get("page") != want["page"]
        verdict[i] = text_bad or value_bad or page_bad
    return verdict


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Given k wrong of n rows, the 95 % Wilson score interval of the wrong share."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def auc_interval(
    confidence: list[float], wrong: list[bool], rounds: int = 2000
) -> tuple[float, float]:
    """Given rows, a 95 % percentile bootstrap interval of the AUC (resampling wrong and right
    rows apart, seed 0); nan when there are no wrong or no right rows."""
    bad = [c for c, w in zip(confidence, wrong, strict=True) if w]
    good = [c for c, w in zip(confidence, wrong, strict=True) if not w]
    if not bad or not good:
        return (float("nan"), float("nan"))
    rng = random.Random(0)
    values = []
    for _ in range(rounds):
        b = rng.choices(bad, k=len(bad))
        g = sorted(rng.choices(good, k=len(good)))
        wins = sum(_wins(x, g) for x in b)
        values.append(wins / (len(b) * len(g)))
    values.sort()
    return (values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1])


def _wins(bad: float, good_sorted: list[float]) -> float:
    """Given one wrong row's confidence and the right rows' (sorted), its AUC wins."""
    from bisect import bisect_left, bisect_right

    below = bisect_left(good_sorted, bad)
    equal = bisect_right(good_sorted, bad) - below
    return (len(good_sorted) - below - equal) + 0.5 * equal


def report(name: str, confidence: list[float], wrong: list[bool], thresholds: list[float]) -> None:
    """Given one group of rows, print rows, wrong rows with interval, AUC with interval."""
    k, n = sum(wrong), len(wrong)
    lo, hi = wilson(k, n)
    print(f"{name}: {n} rows, {k} wrong ({k / max(n, 1):.1%}, 95% CI {lo:.1%}..{hi:.1%})")
    if not n:
        return
    a_lo, a_hi = auc_interval(confidence, wrong)
    for threshold in thresholds:
        e = evaluate_confidence(confidence, wrong, threshold)
        auc = "n/a (no wrong rows)" if not k else f"{e.auc:.2f} (95% CI {a_lo:.2f}..{a_hi:.2f})"
        print(
            f"  confidence < {threshold:.2f}: {e.below} rows, {e.wrong_below} wrong "
            f"(precision {e.precision:.2f}, recall {e.recall:.2f}); AUC {auc}"
        )


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
    pages = pd.read_parquet(args.out / "pages.parquet")
    route_of = {
        (str(p["document_id"]), int(p["page"])): str(p["route"]) for p in pages.to_dict("records")
    }
    confidence: list[float] = []
    wrong: list[bool] = []
    flagged: list[bool] = []
    routes: list[str] = []
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
            routes += [
                route_of.get((str(r["document_id"]), int(r["page"] or 0)), "?") for r in got
            ]
            flagged += [bool(split_flags(r.get("flags"))) for r in got]
    thresholds = args.threshold or [0.6, 0.8, 0.9]
    report("all rows", confidence, wrong, thresholds)
    for route in sorted(set(routes)):
        chosen = [i for i, r in enumerate(routes) if r == route]
        report(
            f"route {route}",
            [confidence[i] for i in chosen],
            [wrong[i] for i in chosen],
            thresholds,
        )
    n_flagged = sum(flagged)
    flagged_wrong = sum(1 for f, w in zip(flagged, wrong, strict=True) if f and w)
    print(f"flagged rows: {n_flagged}, of them wrong: {flagged_wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
