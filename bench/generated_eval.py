"""Extraction quality on the generated layout families, per family and for all.

Usage: generated_eval.py [--root generated] [--split report] [--split heldout] [--scans]
       [--engine reportlab] [--family NAME] [--jobs 2] [--show N]

Runs the pipeline over the generated PDFs of the chosen splits (born-digital, or with
--scans the scanned variants) and compares with each NAME.expected.json: risks and
controls precision/recall/F1 (rows matched one-to-one, best first, by their key text),
control->risk link accuracy, process accuracy, numeric accuracy (S, K, R and Följer
plan; a number given where none is expected counts as wrong), risk level accuracy where
the document writes the level in words ("Hög", "12 (Hög)"), text CER over matched
rows, page accuracy, metadata (municipality, organ, year, type) and silent zeros
(status ok, no rows, rows expected).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate import Row, best_first_matches, norm  # noqa: E402
from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_INT_FIELDS, RISK_TEXT_FIELDS  # noqa: E402
from riskrad.pipeline import RunSettings, run  # noqa: E402

META_FIELDS = ("municipality", "organ", "year", "document_type")
TARGETS = {"risk_f1": 0.98, "control_f1": 0.97, "link": 0.97, "process": 0.97,
           "numeric": 0.99, "cer": 0.005}


@dataclass
class Tally:
    """Counts over documents; add with ``+=``."""

    docs: int = 0
    risks_expected: int = 0
    risks_found: int = 0
    risks_matched: int = 0
    controls_expected: int = 0
    controls_found: int = 0
    controls_matched: int = 0
    links: int = 0
    links_right: int = 0
    process: int = 0
    process_right: int = 0
    numeric: int = 0
    numeric_right: int = 0
    levels: int = 0
    levels_right: int = 0
    chars: int = 0
    char_errors: int = 0
    pages: int = 0
    pages_right: int = 0
    meta_right: int = 0
    silent_zero: int = 0
    mismatches: list[str] = field(default_factory=list)

    def __iadd__(self, other: Tally) -> Tally:
        for name in self.__dataclass_fields__:
            if name != "mismatches":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def ratio(a: int, b: int) -> float:
    """Given a count and a total, the share (1.0 for an empty total)."""
    return a / b if b else 1.0


def cer(t: Tally) -> float:
    """Given a tally, the character error rate of matched rows' text (0 with no text)."""
    return t.char_errors / t.chars if t.chars else 0.0


def f1(matched: int, expected: int, found: int) -> tuple[float, float, float]:
    """Given matched, expected and found rows, precision, recall and F1."""
    p, r = ratio(matched, found), ratio(matched, expected)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def text_errors(want: Row, got: Row, names: Iterable[str], tally: Tally, table: str) -> None:
    """Given a matched pair, add its text fields' characters and edit distance."""
    for name in names:
        a, b = norm(want.get(name)), norm(got.get(name))
        tally.chars += len(a)
        errors = Levenshtein.distance(a, b)
        tally.char_errors += errors
        if errors:
            tally.mismatches.append(f"{table}.{name}: want {a[:60]!r} got {b[:60]!r}")


def score_document(exp: dict[str, Any], doc: Row, risks: list[Row], controls: list[Row]) -> Tally:
    """Given an expectation and the extracted document, risks and controls, its tally."""
    t = Tally(docs=1)
    t.risks_expected, t.risks_found = len(exp["risks"]), len(risks)
    t.controls_expected, t.controls_found = len(exp["controls"]), len(controls)
    risk_pairs = best_first_matches(exp["risks"], risks, "risks")
    t.risks_matched = len(risk_pairs)
    for j, i in risk_pairs.items():
        want, got = exp["risks"][j], risks[i]
        t.process += 1
        if norm(want.get("process")) == norm(got.get("process")):
            t.process_right += 1
        else:
            t.mismatches.append(f"risks.process: want {want.get('process')!r} "
                                f"got {got.get('process')!r}")
        for name in (*RISK_INT_FIELDS, "follows_plan"):
            if want.get(name) is None and got.get(name) is None:
                continue
            t.numeric += 1
            if want.get(name) == got.get(name):
                t.numeric_right += 1
            else:
                t.mismatches.append(f"risks.{name}: want {want.get(name)!r} got "
                                    f"{got.get(name)!r} ({norm(want['risk'])[:40]})")
        if want.get("risk_level") is not None:
            t.levels += 1
            if want["risk_level"] == got.get("risk_level"):
                t.levels_right += 1
            else:
                t.mismatches.append(f"risks.risk_level: want {want['risk_level']!r} got "
                                    f"{got.get('risk_level')!r} ({norm(want['risk'])[:40]})")
        text_errors(want, got, [n for n in RISK_TEXT_FIELDS if n != "process"], t, "risks")
        t.pages += 1
        t.pages_right += want.get("page") == got.get("page")
    for j, want in enumerate(exp["risks"]):
        if j not in risk_pairs:
            t.mismatches.append(f"risks: not found: {norm(want['risk'])[:70]}")
    for i, got in enumerate(risks):
        if i not in set(risk_pairs.values()):
            t.mismatches.append(f"risks: extra: {norm(got.get('risk') or '')[:70]}")
    control_pairs = best_first_matches(exp["controls"], controls, "controls")
    t.controls_matched = len(control_pairs)
    risk_id_of = {j: risks[i]["risk_id"] for j, i in risk_pairs.items()}
    for j, i in control_pairs.items():
        want, got = exp["controls"][j], controls[i]
        t.links += 1
        index = want.get("risk_index")
        right = got.get("risk_id") is None if index is None else (
            index in risk_id_of and got.get("risk_id") == risk_id_of[index])
        t.links_right += right
        if not right:
            t.mismatches.append(f"controls.link wrong: {norm(want['control'])[:60]}")
        text_errors(want, got, CONTROL_TEXT_FIELDS, t, "controls")
        t.pages += 1
        t.pages_right += want.get("page") == got.get("page")
    for j, want in enumerate(exp["controls"]):
        if j not in control_pairs:
            t.mismatches.append(f"controls: not found: {norm(want['control'])[:70]}")
    matched = set(control_pairs.values())
    for i, got in enumerate(controls):
        if i not in matched:
            t.mismatches.append(f"controls: extra: {norm(got.get('control') or '')[:70]}")
    meta = exp["document"]
    wrong = [k for k in META_FIELDS if doc.get(k) != meta.get(k)]
    t.meta_right = int(not wrong)
    if wrong:
        t.mismatches.append("meta wrong: " + ", ".join(
            f"{k} want {meta.get(k)!r} got {doc.get(k)!r}" for k in wrong))
    if doc.get("status") == "ok" and not risks and not controls and (
            exp["risks"] or exp["controls"]):
        t.silent_zero = 1
    return t


def table_line(name: str, t: Tally) -> str:
    """Given a name and a tally, one line of the table."""
    rp, rr, rf = f1(t.risks_matched, t.risks_expected, t.risks_found)
    cp, cr, cf = f1(t.controls_matched, t.controls_expected, t.controls_found)
    return (f"{name:28} {t.docs:4} {t.risks_expected:5} {rp:6.3f} {rr:6.3f} {rf:6.3f} "
            f"{t.controls_expected:5} {cp:6.3f} {cr:6.3f} {cf:6.3f} "
            f"{ratio(t.links_right, t.links):6.3f} {ratio(t.process_right, t.process):6.3f} "
            f"{ratio(t.numeric_right, t.numeric):6.3f} {ratio(t.levels_right, t.levels):6.3f} "
            f"{cer(t):7.2%} "
            f"{ratio(t.pages_right, t.pages):6.3f} {ratio(t.meta_right, t.docs):6.3f} "
            f"{t.silent_zero:4}")


HEADER = (f"{'family':28} {'docs':>4} {'risks':>5} {'r.P':>6} {'r.R':>6} {'r.F1':>6} "
          f"{'ctrls':>5} {'c.P':>6} {'c.R':>6} {'c.F1':>6} {'link':>6} {'proc':>6} "
          f"{'num':>6} {'level':>6} {'CER':>7} {'page':>6} {'meta':>6} {'zero':>4}")


def verdict(t: Tally) -> str:
    """Given the overall tally, each target met or not."""
    got = {
        "risk_f1": f1(t.risks_matched, t.risks_expected, t.risks_found)[2],
        "control_f1": f1(t.controls_matched, t.controls_expected, t.controls_found)[2],
        "link": ratio(t.links_right, t.links),
        "process": ratio(t.process_right, t.process),
        "numeric": ratio(t.numeric_right, t.numeric),
        "cer": cer(t),
    }
    parts = []
    for name, target in TARGETS.items():
        ok = got[name] <= target if name == "cer" else got[name] >= target
        parts.append(f"{name} {got[name]:.3f} {'ok' if ok else 'BELOW'} (target "
                     f"{'<=' if name == 'cer' else '>='} {target})")
    return "; ".join(parts)


def run_picked(folder: Path, pdfs: list[Path], total: int, jobs: int) -> Any:
    """Given a split's folder and the expectations picked from it, the pipeline's run over
    their PDFs (the whole folder when all are picked; else links to the picked files)."""
    if len(pdfs) == total:
        return run(folder, RunSettings(jobs=jobs))
    with tempfile.TemporaryDirectory() as tmp:
        for path in pdfs:
            pdf = path.with_name(path.name.replace(".expected.json", ".pdf"))
            link = Path(tmp) / pdf.relative_to(folder)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(pdf.resolve())
        return run(Path(tmp), RunSettings(jobs=jobs))


def main() -> None:
    """Given the command line, run the pipeline on the generated documents and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=ROOT / "generated")
    parser.add_argument("--split", action="append", choices=("tune", "report", "heldout"))
    parser.add_argument("--scans", action="store_true", help="the scanned variants instead")
    parser.add_argument("--engine", action="append")
    parser.add_argument("--family", action="append")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=0, help="mismatches to print per family")
    parser.add_argument("--json", type=Path, help="also write the tallies here")
    args = parser.parse_args()
    splits = args.split or ["report"]
    totals: dict[str, Tally] = {}
    started = time.perf_counter()
    for split in splits:
        folder = args.root / ("scans" if args.scans else "") / split
        if not folder.is_dir():
            sys.exit(f"{folder} does not exist: run `make generated` first")
        expectations = sorted(folder.rglob("*.expected.json"))
        picked = []
        for path in expectations:
            exp = json.loads(path.read_text("utf-8"))
            if args.engine and exp["engine"] not in args.engine:
                continue
            if args.family and exp["family"] not in args.family:
                continue
            picked.append((path, exp))
        result = run_picked(folder, [p for p, _ in picked], len(expectations), args.jobs)
        docs = {d["source_file"]: d for d in result.documents}
        by_doc_r: dict[str, list[Row]] = {}
        by_doc_c: dict[str, list[Row]] = {}
        for r in result.risks:
            by_doc_r.setdefault(r["document_id"], []).append(r)
        for c in result.controls:
            by_doc_c.setdefault(c["document_id"], []).append(c)
        for path, exp in picked:
            rel = path.relative_to(folder).as_posix().replace(".expected.json", ".pdf")
            doc = docs[rel]
            did = doc["document_id"]
            t = score_document(exp, doc, by_doc_r.get(did, []), by_doc_c.get(did, []))
            label = exp["variant"] if args.scans else exp["engine"]
            for key in (f"{split}:{exp['family']}", f"{split}:ALL {label}", f"{split}:ALL"):
                totals.setdefault(key, Tally())
                totals[key] += t
                if key.endswith(exp["family"]):
                    totals[key].mismatches += [f"{rel}: {m}" for m in t.mismatches]
    elapsed = time.perf_counter() - started
    kind = "scans" if args.scans else "born-digital"
    for split in splits:
        print(f"\n== {split} split, {kind} ==")
        print(HEADER)
        keys = sorted(k for k in totals if k.startswith(split + ":") and ":ALL" not in k)
        keys += sorted(k for k in totals if k.startswith(split + ":ALL "))
        keys += [f"{split}:ALL"]
        for key in keys:
            if key in totals:
                print(table_line(key.split(":", 1)[1], totals[key]))
        if f"{split}:ALL" in totals:
            print("targets:", verdict(totals[f"{split}:ALL"]))
        if args.show:
            for key in keys:
                if ":ALL" in key:
                    continue
                print(f"-- {key}")
                for line in totals[key].mismatches[: args.show]:
                    print("   ", line)
    print(f"\n{elapsed:.0f} s with --jobs {args.jobs}")
    if args.json:
        args.json.write_text(json.dumps({k: {n: getattr(v, n) for n in v.__dataclass_fields__
                                             if n != "mismatches"}
                                         for k, v in totals.items()}, indent=1) + "\n")


if __name__ == "__main__":
    main()
