"""Where the text errors on scans come from: every mismatching word of the matched rows'
text fields, expected against read (raw OCR) and written (after repair), classified.

    .venv/bin/python bench/scan_text_tally.py DIR [--jobs 2] [--variant scanned] [--show 40]
        [--pickle FILE]

The classes: diacritic (å/ä/ö read as a/o or the reverse, nothing else wrong), letter (one
or two other letters misread), split / joined (a word read as two, two as one), hyphen (a
word broken at a cell's line end, its hyphen kept), stray (a character from a border or
speck added at a word's end, or a token of marks alone), repair_wrong (the raw read was
right, repair changed it), repair_missed (raw and written the same and wrong, but the
error is one a lexicon could see: diacritics), wrong_cell (words missing or added, three or
more in a run: a neighbour's text), other. The tally counts character errors per class.
"""

from __future__ import annotations

import argparse
import difflib
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate import load_expected, match_rows, norm  # noqa: E402
from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_TEXT_FIELDS  # noqa: E402

STRIP = str.maketrans("åäöÅÄÖ", "aaoAAO")
MARKS = re.compile(r"^[^\wåäöÅÄÖ]+$")


def fold(word: str) -> str:
    return word.translate(STRIP)


def classify(want: list[str], got: list[str], raw: list[str] | None) -> str:
    """Given the expected words of a diff span, the written words and the raw words of the
    same field (or None), the span's class."""
    w, g = " ".join(want), " ".join(got)
    if len(want) == 1 and len(got) == 1:
        a, b = want[0], got[0]
        if fold(a) == fold(b):
            return "diacritic"
        if a.lower() == b.lower():
            return "case"
        if a.replace("-", "") == b.replace("-", "") or a.replace("- ", "") == b:
            return "hyphen"
        core = b.strip("|[]()—-_.,:;'\"!/\\l1I")
        if core == a or a.strip(".,:;") == core:
            return "stray"
        if fold(a.lower()) == fold(b.lower()):
            return "diacritic+case"
        if Levenshtein.distance(fold(a), fold(b)) <= 2 and len(a) > 3:
            return "letter"
    if len(want) == 1 and len(got) == 2 and "".join(got) == want[0]:
        return "split"
    if len(want) == 1 and len(got) == 2 and got[0].endswith("-") and (
        got[0][:-1] + got[1] == want[0]
    ):
        return "hyphen"
    if len(want) == 2 and len(got) == 1 and "".join(want) == got[0]:
        return "joined"
    if not want and all(MARKS.match(t) for t in got):
        return "stray"
    if w.replace(" ", "") == g.replace(" ", ""):
        return "spacing"
    if fold(w.replace(" ", "")) == fold(g.replace(" ", "")):
        return "diacritic+spacing"
    if (not want and len(got) >= 3) or (not got and len(want) >= 3):
        return "wrong_cell"
    if abs(len(want) - len(got)) >= 3:
        return "wrong_cell"
    return "other"


def spans(a: list[str], b: list[str]) -> list[tuple[list[str], list[str]]]:
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--variant", action="append")
    parser.add_argument("--only", action="append")
    parser.add_argument("--show", type=int, default=30)
    parser.add_argument("--pickle", type=Path, help="keep (or reuse) the run's rows here")
    args = parser.parse_args()
    exps = [load_expected(p) for p in sorted(args.folder.rglob("*.expected.json"))]
    if args.variant:
        exps = [e for e in exps if e.variant in args.variant]
    if args.only:
        exps = [e for e in exps if any(s in e.pdf.name for s in args.only)]
    if args.pickle and args.pickle.exists():
        data = pickle.loads(args.pickle.read_bytes())
    else:
        from bench.scan_eval import run_copies

        result = run_copies(exps, args.folder, args.jobs)
        data = {
            "documents": [dict(d) for d in result.documents],
            "risks": [dict(r) for r in result.risks],
            "controls": [dict(c) for c in result.controls],
            "cells": [dict(c) for c in result.cells],
        }
        if args.pickle:
            args.pickle.write_bytes(pickle.dumps(data))
    docs = {d["source_file"]: d for d in data["documents"]}
    raw_of: dict[tuple[str, str], str] = {}
    for cell in data["cells"]:
        raw_of[(str(cell["row_id"]), str(cell["field"]))] = str(cell.get("raw") or "")
    tally: Counter[str] = Counter()
    count: Counter[str] = Counter()
    by_variant: dict[str, Counter[str]] = defaultdict(Counter)
    chars: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    letter_pairs: Counter[str] = Counter()
    for exp in exps:
        key = exp.pdf.relative_to(args.folder).as_posix()
        if key not in docs:
            continue
        doc = docs[key]
        for table, want_rows, names in (
            ("risks", exp.risks, RISK_TEXT_FIELDS),
            ("controls", exp.controls, CONTROL_TEXT_FIELDS),
        ):
            rows = [r for r in data[table] if r["document_id"] == doc["document_id"]]
            idn = "risk_id" if table == "risks" else "control_id"
            for want, row in match_rows(want_rows, rows, table):
                if row is None:
                    continue
                for name in names:
                    a, b = norm(want.get(name)), norm(row.get(name))
                    chars[exp.variant] += len(a)
                    if a == b:
                        continue
                    raw = norm(raw_of.get((str(row[idn]), name), ""))
                    for ws, gs in spans(a.split(), b.split()):
                        errs = Levenshtein.distance(" ".join(ws), " ".join(gs)) + (
                            1 if not ws or not gs else 0
                        )
                        cls = classify(ws, gs, raw.split() if raw else None)
                        # repair: was the raw read right here?
                        if raw and raw != b:
                            w_text = " ".join(ws)
                            g_text = " ".join(gs)
                            if w_text and w_text in raw and g_text not in raw:
                                cls = "repair_wrong:" + cls
                            elif g_text and g_text in raw:
                                cls = cls + "(raw)"
                        elif raw == b:
                            cls = cls + "(raw)"
                        tally[cls] += errs
                        count[cls] += 1
                        by_variant[exp.variant][cls.split("(")[0]] += errs
                        if cls.startswith("diacritic") or cls.startswith("letter"):
                            for x, y in zip(ws[0] if ws else "", gs[0] if gs else "", strict=False):
                                if x != y:
                                    letter_pairs[f"{x}->{y}"] += 1
                        if len(examples[cls]) < args.show:
                            examples[cls].append(
                                f"{exp.pdf.stem[:40]} {table}.{name}: {' '.join(ws)!r} -> "
                                f"{' '.join(gs)!r}"
                            )
    total = sum(tally.values())
    print(f"chars by variant: {dict(chars)}; character errors in spans: {total}")
    for cls, n in tally.most_common():
        print(f"{cls:34} {n:6} chars {count[cls]:5} spans")
    for variant, c in by_variant.items():
        print(variant, dict(c.most_common()))
    print("letter pairs:", letter_pairs.most_common(30))
    for cls, lines in sorted(examples.items(), key=lambda kv: -tally[kv[0]]):
        print(f"== {cls}")
        for line in lines:
            print("   ", line)


if __name__ == "__main__":
    main()
