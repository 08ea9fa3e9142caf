"""Comparing extracted rows with a corpus document's expected rows, field by field.

Used by the tests (tests/test_corpus_extraction.py), ``bench/corpus_eval.py`` and
``bench/confidence_eval.py``. Every field counts: rows found and extra rows; each
integer and boolean (a value where none is expected counts as wrong); the page of each
row; the risk each control belongs to; the character error rate of the text fields;
the document's own fields. Not part of the shipped package (rapidfuzz is a dev
dependency). The public matcher for other tools is :func:`match_rows` (and
:func:`best_first_matches` for indexes).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from riskrad.model.contract_row import Row
from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_INT_FIELDS, RISK_TEXT_FIELDS

DOCUMENT_FIELDS = (
    "status",
    "municipality",
    "municipality_code",
    "organ",
    "year",
    "document_type",
    "pages",
    "pages_ocr",
)
_NO_MATCH = -1  # a control linked to an extracted risk that matches no expected risk
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
    seed: str = ""  # the seed text the document was built from ('' when none)

    @property
    def seen(self) -> bool:
        """Given the expectations, whether the lexicon and bigram model were built from the
        document's seed text (its repair is then measured on text it has seen)."""
        return self.seed in lexicon_seeds()


@dataclass
class Score:
    """Counts of one comparison; add several with ``+=``."""

    expected: int = 0
    found: int = 0
    extra: int = 0
    numeric_total: int = 0
    numeric_correct: int = 0
    page_total: int = 0
    page_correct: int = 0
    link_total: int = 0
    link_correct: int = 0
    document_total: int = 0
    document_correct: int = 0
    chars: int = 0
    char_errors: int = 0
    field_mismatches: list[str] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        for name in (
            "expected", "found", "extra", "numeric_total", "numeric_correct", "page_total",
            "page_correct", "link_total", "link_correct", "document_total", "document_correct",
            "chars", "char_errors",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.field_mismatches += other.field_mismatches
        return self

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def numeric_accuracy(self) -> float:
        return self.numeric_correct / self.numeric_total if self.numeric_total else 1.0

    @property
    def page_accuracy(self) -> float:
        return self.page_correct / self.page_total if self.page_total else 1.0

    @property
    def link_accuracy(self) -> float:
        return self.link_correct / self.link_total if self.link_total else 1.0

    @property
    def cer(self) -> float:
        return self.char_errors / self.chars if self.chars else 0.0

    @property
    def exact(self) -> bool:
        """Given the counts, say whether every row, value, page, link and document field is
        right (text may still differ: see cer)."""
        return (
            self.found == self.expected
            and self.extra == 0
            and self.numeric_correct == self.numeric_total
            and self.page_correct == self.page_total
            and self.link_correct == self.link_total
            and self.document_correct == self.document_total
        )


def load_expected(path: Path) -> Expected:
    """Given a NAME.expected.json path, its expectations and the PDF beside it."""
    data = json.loads(path.read_text("utf-8"))
    pdf = path.with_name(path.name.replace(".expected.json", ".pdf"))
    return Expected(
        pdf,
        data["layout"],
        data["variant"],
        data["document"],
        data["risks"],
        data["controls"],
        str(data.get("seed", "")),
    )


def lexicon_seeds() -> frozenset[str]:
    """Given nothing, the seeds whose text built the lexicon and bigram model: the NNN of
    bench/data/repair_train_seedNNN.txt (see bench/repair_bench.py build-lexicon)."""
    data = Path(__file__).resolve().parent / "data"
    texts = data.glob("repair_train_seed*.txt")
    return frozenset(p.stem.removeprefix("repair_train_seed") for p in texts)


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


def _value(score: Score, table: str, name: str, want: object, got: object) -> None:
    """Given an integer or boolean field of a matched pair, count it (an extra value too)."""
    if want is None and got is None:
        return
    score.numeric_total += 1
    if got == want and type(got) is type(want):
        score.numeric_correct += 1
    else:
        kind = "extra value" if want is None else "want"
        score.field_mismatches.append(f"{table}.{name}: {kind} {want!r} got {got!r}")


def compare(
    expected: list[Row],
    got: list[Row],
    table: str,
    risk_links: dict[str, int] | None = None,
) -> Score:
    """Given expected and extracted rows of one table, the score of the extraction.

    ``risk_links`` maps an extracted risk_id to the index of the expected risk it matched;
    with it, each matched control's risk is compared with the expected ``risk_index``.
    """
    score = Score(expected=len(expected))
    text_fields = RISK_TEXT_FIELDS if table == "risks" else CONTROL_TEXT_FIELDS
    value_fields = (*RISK_INT_FIELDS, "follows_plan") if table == "risks" else ()
    pairs = match_rows(expected, got, table)
    score.extra = len(got) - sum(1 for _, g in pairs if g is not None)
    if score.extra:
        matched = {id(g) for _, g in pairs if g is not None}
        for row in got:
            if id(row) not in matched:
                score.field_mismatches.append(f"{table}: extra row: {key_text(row, table)[:80]}")
    for want, row in pairs:
        if row is None:
            score.field_mismatches.append(f"{table}: not found: {key_text(want, table)[:80]}")
            continue
        score.found += 1
        for name in value_fields:
            _value(score, table, name, want.get(name), row.get(name))
        if "page" in want:
            score.page_total += 1
            if row.get("page") == want["page"]:
                score.page_correct += 1
            else:
                score.field_mismatches.append(
                    f"{table}.page: want {want['page']!r} got {row.get('page')!r}"
                )
        if table == "controls" and risk_links is not None:
            score.link_total += 1
            risk_id = row.get("risk_id")
            linked = None if risk_id is None else risk_links.get(str(risk_id), _NO_MATCH)
            if linked == want.get("risk_index"):
                score.link_correct += 1
            else:
                score.field_mismatches.append(
                    f"controls.risk_id: want risk #{want.get('risk_index')!r} got #{linked!r}"
                )
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


def compare_document(exp: Expected, document: Row, risks: list[Row], controls: list[Row]) -> Score:
    """Given a document's expectations and its extracted document row, risks and controls,
    the score over every field: rows, values, pages, control-risk links, text, document."""
    score = Score()
    for name in DOCUMENT_FIELDS:
        if name in exp.document:
            score.document_total += 1
            if document.get(name) == exp.document[name]:
                score.document_correct += 1
            else:
                score.field_mismatches.append(
                    f"document.{name}: want {exp.document[name]!r} got {document.get(name)!r}"
                )
    score += compare(exp.risks, risks, "risks")
    links = {
        str(risks[i]["risk_id"]): j
        for j, i in best_first_matches(exp.risks, risks, "risks").items()
        if risks[i].get("risk_id") is not None
    }
    score += compare(exp.controls, controls, "controls", links)
    return score
