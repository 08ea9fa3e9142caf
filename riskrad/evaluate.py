"""Comparing extracted rows with a corpus document's expected rows, field by field.

Used by the tests and by ``bench/corpus_eval.py`` for the figures in the
issue notes: rows found vs expected, numeric fields correct, character error
rate of text fields.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_INT_FIELDS, RISK_TEXT_FIELDS

Row = dict[str, Any]
MATCH_THRESHOLD = 70.0  # rapidfuzz ratio (0..100) of the key text for two rows to be the same


@dataclass(frozen=True, slots=True)
class Expected:
    """A corpus document's expectations, read from its NAME.expected.json."""

    pdf: Path
    layout: str
    variant: str
    document: Row
    risks: list[Row]
    controls: list[Row]


@dataclass
class Score:
    """Counts of one comparison; add several with ``+=``."""

    expected: int = 0
    found: int = 0
    extra: int = 0
    numeric_total: int = 0
    numeric_correct: int = 0
    chars: int = 0
    char_errors: int = 0
    field_mismatches: list[str] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        self.expected += other.expected
        self.found += other.found
        self.extra += other.extra
        self.numeric_total += other.numeric_total
        self.numeric_correct += other.numeric_correct
        self.chars += other.chars
        self.char_errors += other.char_errors
        self.field_mismatches += other.field_mismatches
        return self

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def numeric_accuracy(self) -> float:
        return self.numeric_correct / self.numeric_total if self.numeric_total else 1.0

    @property
    def cer(self) -> float:
        return self.char_errors / self.chars if self.chars else 0.0


def load_expected(path: Path) -> Expected:
    """Given a NAME.expected.json path, its expectations and the PDF beside it."""
    data = json.loads(path.read_text("utf-8"))
    pdf = path.with_name(path.name.replace(".expected.json", ".pdf"))
    return Expected(
        pdf, data["layout"], data["variant"], data["document"], data["risks"], data["controls"]
    )


def norm(text: object) -> str:
    """Given a field value, the text compared: NFC, whitespace collapsed."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def key_text(row: Row, table: str) -> str:
    """Given a row, the text that identifies it (the risk, or the control)."""
    if table == "risks":
        return norm(row.get("risk")) + " | " + norm(row.get("process"))
    return norm(row.get("control")) + " | " + norm(row.get("method"))


def best_first_matches(expected: list[Row], got: list[Row], table: str) -> dict[int, int]:
    """Given expected and extracted rows, a one-to-one map expected -> extracted index.

    Pairs are taken best first by the similarity of their key text, so a good
    pair is never spoiled by an earlier row taking its partner.
    """
    scored = sorted(
        (
            (ratio(key_text(want, table), key_text(row, table)), j, i)
            for j, want in enumerate(expected)
            for i, row in enumerate(got)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for score, j, i in scored:
        if score < MATCH_THRESHOLD:
            break
        if j not in pairs and i not in used:
            pairs[j] = i
            used.add(i)
    return pairs


def match_rows(expected: list[Row], got: list[Row], table: str) -> list[tuple[Row, Row | None]]:
    """Given expected and extracted rows, each expected row with its match (or None)."""
    pairs = best_first_matches(expected, got, table)
    return [(want, got[pairs[j]] if j in pairs else None) for j, want in enumerate(expected)]


def compare(expected: list[Row], got: list[Row], table: str) -> Score:
    """Given expected and extracted rows of one table, the score of the extraction."""
    score = Score(expected=len(expected))
    text_fields = RISK_TEXT_FIELDS if table == "risks" else CONTROL_TEXT_FIELDS
    int_fields = RISK_INT_FIELDS if table == "risks" else ()
    pairs = match_rows(expected, got, table)
    score.extra = len(got) - sum(1 for _, g in pairs if g is not None)
    for want, row in pairs:
        if row is None:
            score.field_mismatches.append(f"{table}: not found: {key_text(want, table)[:80]}")
            continue
        score.found += 1
        for name in int_fields:
            if want.get(name) is not None:
                score.numeric_total += 1
                if row.get(name) == want[name]:
                    score.numeric_correct += 1
                else:
                    score.field_mismatches.append(
                        f"{table}.{name}: want {want[name]!r} got {row.get(name)!r}"
                    )
        if table == "risks" and want.get("follows_plan") is not None:
            score.numeric_total += 1
            if row.get("follows_plan") == want["follows_plan"]:
                score.numeric_correct += 1
        for name in text_fields:
            a, b = norm(want.get(name)), norm(row.get(name))
            score.chars += len(a)
            errors = Levenshtein.distance(a, b)
            score.char_errors += errors
            if errors:
                at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
                lo = max(at - 25, 0)
                score.field_mismatches.append(
                    f"{table}.{name}: want …{a[lo : at + 35]!r} got …{b[lo : at + 35]!r}"
                )
    return score
