"""Per-family differences between two runs of ``bench/generated_eval.py --json``.

    .venv/bin/python bench/tally_diff.py BEFORE.json AFTER.json

A regression check for a change to the recognizer: run ``generated_eval.py`` over the same
generated set before and after it, each with ``--json``, then print every family whose
correctness counts differ (matched rows, links, process, numbers, levels, character errors,
pages, metadata, silent zeros), as ``(before, after)``. No output: the two runs agree.
Exits 1 when a family is only in one run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

COUNTS = (
    "risks_expected", "risks_found", "risks_matched", "controls_found", "controls_matched",
    "links_right", "process_right", "numeric_right", "levels_right", "char_errors",
    "pages_right", "meta_right", "silent_zero",
)  # fmt: skip


def differences(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> tuple[list[str], list[str]]:
    """Given two runs' tallies by family, the lines for families whose counts differ and the
    families only one run has."""
    changed: list[str] = []
    lonely: list[str] = []
    for family in sorted(before.keys() | after.keys()):
        a, b = before.get(family), after.get(family)
        if a is None or b is None:
            lonely.append(family)
            continue
        moved = {n: (a.get(n), b.get(n)) for n in COUNTS if a.get(n) != b.get(n)}
        if moved:
            changed.append(f"{family} {moved}")
    return changed, lonely


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    changed, lonely = differences(
        json.loads(args.before.read_text("utf-8")), json.loads(args.after.read_text("utf-8"))
    )
    for line in changed:
        print(line)
    for family in lonely:
        print(f"{family}: in one run only")
    return 1 if lonely else 0


if __name__ == "__main__":
    sys.exit(main())
