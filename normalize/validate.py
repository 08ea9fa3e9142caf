"""Validation of risk values against the document's own scale, row flags and confidence.

Everything here is a pure function of strings, numbers and (for the
dataset-level helpers at the bottom) pandas frames; nothing opens files.

Scales
------
A document rates its risks on its own scale: sannolikhet (S) and konsekvens
(K) run from 1 to 4 in most Swedish internal-control plans, from 1 to 5 in
some, and the riskvärde (R) combines them, almost always as R = S × K.
:func:`scale_of` infers the scale from the document's own headers ("Sannolikhet
(1-5)", "skala 1–4") or, when no header names it, from the document's values.

Flags
-----
A row that fails a check keeps its values and gets flags (names below; the
dataset joins them with ";" in a ``flags`` column):

``non_numeric``
    S, K or R has text that holds no number (and no word of a given word scale),
    e.g. "hög" without a documented word scale, or OCR debris like "l/".
``missing_value``
    Values were given only in part: one of S/K without the other, or S and K
    without R.  (A row with no values at all is not flagged: several layouts
    carry no values; a row with only R is the ruled-table layout's normal form.)
``out_of_scale``
    S or K outside the document's scale (e.g. 7 on a 1-4 scale), or R outside
    1 .. high×high.
``value_mismatch``
    S, K and R all given and R differs from the document's combination of S and
    K (S × K, or S + K for the rare document whose rows consistently add).
``impossible_value``
    R given without S and K, and no two scale values combine to it (e.g. 7, 11
    or 13 on a 1-4 product scale): a likely misread digit.
``missing_text``
    The row's main text (the risk title, or the control) is empty.
``suspect_text``
    The row's main text still shows character damage that repair left: a digit
    or symbol between two lowercase letters ("I6pande", "fÄ$r") or a capital
    inside a lowercase word ("fÄflr", "faststäÄxllda").

Confidence
----------
:func:`row_confidence` = ocr × (1 − REPAIR_WEIGHT × repair_share) × Π penalty(flag),
clamped to 0..1; see :data:`FLAG_PENALTIES`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from riskrad.model.contract_row import column_values, is_missing

if TYPE_CHECKING:
    import pandas as pd

Combine = Literal["product", "sum"]

FLAG_NAMES: tuple[str, ...] = (
    "non_numeric",
    "missing_value",
    "out_of_scale",
    "value_mismatch",
    "impossible_value",
    "missing_text",
    "suspect_text",
)

FLAG_MEANINGS: dict[str, str] = {
    "non_numeric": "S, K or R holds text without a number (or a word of a given word scale)",
    "missing_value": "values given only in part: S without K (or K without S), or S, K without R",
    "out_of_scale": "S or K outside the document's scale, or R outside 1..high×high",
    "value_mismatch": "S, K and R all given and R differs from S×K (S+K for adding documents)",
    "impossible_value": "R given alone and no two scale values combine to it (a misread digit?)",
    "missing_text": "the row's main text (risk title or control) is empty",
    "suspect_text": "the main text shows damage: digit, symbol or capital inside a word",
}

FLAG_PENALTIES: dict[str, float] = {
    "non_numeric": 0.5,
    "missing_value": 0.7,
    "out_of_scale": 0.4,
    "value_mismatch": 0.4,
    "impossible_value": 0.5,
    "missing_text": 0.3,
    "suspect_text": 0.6,
}
REPAIR_WEIGHT = 0.5
STANDARD_HIGHS: tuple[int, ...] = (4, 5)


@dataclass(frozen=True, slots=True)
class Scale:
    """A document's rating scale for S and K, and how R combines them."""

    low: int = 1
    high: int = 4
    combine: Combine = "product"
    source: str = "default"  # header / values / default

    def __post_init__(self) -> None:
        if not 0 <= self.low < self.high <= 10:
            raise ValueError(
                f"Scale needs 0 <= low < high <= 10, got low={self.low} high={self.high}"
            )
        if self.combine not in ("product", "sum"):
            raise ValueError(f"Scale.combine must be 'product' or 'sum', got {self.combine!r}")

    @property
    def max_value(self) -> int:
        return self.combined(self.high, self.high)

    def combined(self, probability: int, consequence: int) -> int:
        """Given S and K, the riskvärde this scale gives them."""
        if self.combine == "sum":
            return probability + consequence
        return probability * consequence

    def possible_values(self) -> frozenset[int]:
        """Given the scale, every riskvärde two scale values can combine to."""
        return _possible_values(self.low, self.high, self.combine)


@lru_cache(maxsize=64)
def _possible_values(low: int, high: int, combine: Combine) -> frozenset[int]:
    """Given a scale's bounds and combination, every riskvärde two scale values give."""
    steps = range(low, high + 1)
    if combine == "sum":
        return frozenset(a + b for a in steps for b in steps)
    return frozenset(a * b for a in steps for b in steps)


@dataclass(frozen=True, slots=True)
class WordScale:
    """A documented mapping of scale words to numbers (used only when passed in)."""

    name: str
    words: Mapping[str, int]

    def __post_init__(self) -> None:
        for word, number in self.words.items():
            if word != word.casefold() or not 0 <= number <= 10:
                raise ValueError(f"WordScale {self.name!r}: bad entry {word!r} -> {number!r}")


# The four-step word scales of the SKR (Sveriges Kommuner och Regioner) model for
# internal control, which many municipalities' risk matrices print beside the numbers.
SKR_PROBABILITY_WORDS = WordScale(
    "skr_sannolikhet",
    {"osannolik": 1, "mindre sannolik": 2, "möjlig": 3, "sannolik": 4},
)
SKR_CONSEQUENCE_WORDS = WordScale(
    "skr_konsekvens",
    {"försumbar": 1, "lindrig": 2, "kännbar": 3, "allvarlig": 4},
)

_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:-|–|—|till|to)\s*(\d{1,2})(?!\d)")
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,2})(?![\d,.]\d)")
_NUMBER_WITH_PARENS = re.compile(r"\(\s*(\d{1,2})\s*\)")


def parse_scale_value(text: str | int | None, words: WordScale | None = None) -> int | None:
    """Given a cell's S/K/R text ("3", "Sannolik (3)", "3 - Sannolik"), its number or None.

    A number in parentheses wins ("Sannolik (3)"); otherwise the text must hold
    exactly one number.  Words alone map only through an explicitly given
    word scale (no guessing: "Allvarlig" is 3 in one document, 4 in another).
    """
    if text is None:
        return None
    if isinstance(text, int):
        return text
    cleaned = " ".join(str(text).split())
    if not cleaned:
        return None
    paren = _NUMBER_WITH_PARENS.findall(cleaned)
    if len(paren) == 1:
        return int(paren[0])
    numbers = _NUMBER.findall(cleaned)
    if len(numbers) == 1:
        return int(numbers[0])
    if not numbers and words is not None:
        return _word_value(cleaned, words)
    return None


def _word_value(text: str, words: WordScale) -> int | None:
    """Given a cell text without digits and a word scale, the longest scale word's number."""
    folded = " ".join(re.findall(r"\w+", text.casefold()))
    best: tuple[int, int] | None = None
    for word, number in words.words.items():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) and (
            best is None or len(word) > best[0]
        ):
            best = (len(word), number)
    return None if best is None else best[1]


def scale_from_header(headers: Iterable[str]) -> tuple[int, int] | None:
    """Given header texts ("Sannolikhet (1-5)", "skala 1–4"), the (low, high) they name, if any."""
    for header in headers:
        for low_text, high_text in _RANGE.findall(header or ""):
            low, high = int(low_text), int(high_text)
            if low in (0, 1) and 3 <= high <= 10:
                return low, high
    return None


def _fits(value: int, high: int, combine: Combine) -> bool:
    """Given a riskvärde, whether two values of 1..high combine to it."""
    return value in Scale(1, high, combine).possible_values()


def infer_combine(triples: Iterable[tuple[int | None, int | None, int | None]]) -> Combine:
    """Given one document's (S, K, R) triples, "sum" if its full rows mostly add, else "product"."""
    product = total = 0
    for s, k, r in triples:
        if s is None or k is None or r is None:
            continue
        product += s * k == r
        total += s + k == r and s * k != r
    return "sum" if total > product else "product"


def scale_of(
    values: Iterable[int | None],
    risk_values: Iterable[int | None] = (),
    headers: Iterable[str] = (),
    combine: Combine = "product",
) -> Scale:
    """Given one document's S/K values, R values and header texts, the scale it uses.

    A header naming a range wins.  Otherwise the smallest standard scale (1-4,
    1-5) that holds the S/K values and can combine to the R values; values
    beyond every standard scale are outliers (flagged later), not evidence.
    """
    named = scale_from_header(headers)
    if named is not None:
        return Scale(named[0], named[1], combine, "header")
    sk = [v for v in values if v is not None]
    rv = [v for v in risk_values if v is not None]
    if not sk and not rv:
        return Scale(1, STANDARD_HIGHS[0], combine, "default")
    for high in STANDARD_HIGHS:
        sk_ok = all(v <= high for v in sk if v <= STANDARD_HIGHS[-1])
        rv_ok = all(_fits(v, high, combine) for v in rv if _fits(v, STANDARD_HIGHS[-1], combine))
        if sk_ok and rv_ok:
            return Scale(1, high, combine, "values")
    return Scale(1, STANDARD_HIGHS[-1], combine, "values")


def _as_value(raw: int | float | str | None, words: WordScale | None) -> tuple[int | None, bool]:
    """Given a raw S/K/R cell, (its number or None, whether text without a number was given)."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None, False
    if isinstance(raw, bool):
        return None, True
    if isinstance(raw, int):
        return raw, False
    if isinstance(raw, float):
        return (int(raw), False) if raw.is_integer() else (None, True)
    value = parse_scale_value(raw, words)
    if value is None:
        return None, bool(raw.strip())
    return value, False


def validate_risk(
    probability: int | float | str | None,
    consequence: int | float | str | None,
    risk_value: int | float | str | None,
    scale: Scale,
    probability_words: WordScale | None = None,
    consequence_words: WordScale | None = None,
) -> tuple[str, ...]:
    """Given a risk's S, K, R (numbers or cell texts) and its document's scale, its flags."""
    s, s_text = _as_value(probability, probability_words)
    k, k_text = _as_value(consequence, consequence_words)
    r, r_text = _as_value(risk_value, None)
    flags: list[str] = []
    if s_text or k_text or r_text:
        flags.append("non_numeric")
    if (s is None) != (k is None) or (s is not None and k is not None and r is None):
        flags.append("missing_value")
    sk_out = any(v is not None and not scale.low <= v <= scale.high for v in (s, k))
    r_out = r is not None and not 1 <= r <= scale.max_value
    if sk_out or r_out:
        flags.append("out_of_scale")
    if s is not None and k is not None and r is not None and scale.combined(s, k) != r:
        flags.append("value_mismatch")
    if r is not None and s is None and k is None and not r_out and r not in scale.possible_values():
        flags.append("impossible_value")
    return tuple(flags)


_LOWER = "a-zåäöéü"
_SYMBOLS = r"0-9$@#%&*|{}\[\]\\^~¤§£"
_DAMAGE = re.compile(
    rf"[A-ZÅÄÖ{_LOWER}][{_SYMBOLS}]+[{_LOWER}]"  # digit or symbol between letters: I6pande
    rf"|[{_LOWER}][A-ZÅÄÖ]+[{_LOWER}{_SYMBOLS}]"  # capital inside a lowercase word: fÄflr
)


def validate_text(text: str | None) -> tuple[str, ...]:
    """Given a row's main text (risk title or control), its text flags (missing/suspect)."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip():
        return ("missing_text",)
    if _DAMAGE.search(str(text)):
        return ("suspect_text",)
    return ()


def row_confidence(ocr_confidence: float, repair_share: float, flags: Sequence[str]) -> float:
    """Given mean OCR word confidence, share of repaired characters and flags, the row's 0..1 trust.

    confidence = ocr × (1 − REPAIR_WEIGHT × repair_share) × Π FLAG_PENALTIES[flag]
    with ocr and repair_share clamped to 0..1 (text-layer rows have ocr = 1),
    each distinct flag counted once and unknown flags penalised 0.5.
    """
    ocr = min(1.0, max(0.0, ocr_confidence))
    repair = min(1.0, max(0.0, repair_share))
    value = ocr * (1.0 - REPAIR_WEIGHT * repair)
    for flag in sorted(set(flags)):
        value *= FLAG_PENALTIES.get(flag, 0.5)
    return round(min(1.0, max(0.0, value)), 4)


def join_flags(flags: Iterable[str]) -> str:
    """Given flag names, the ``flags`` text: distinct names in FLAG_NAMES order, ';'-joined."""
    present = set(flags)
    ordered = [f for f in FLAG_NAMES if f in present] + sorted(present - set(FLAG_NAMES))
    return ";".join(ordered)


def split_flags(text: object) -> tuple[str, ...]:
    """Given a ``flags`` cell (text, None or NaN), its flag names."""
    if not isinstance(text, str) or not text.strip():
        return ()
    return tuple(part for part in (p.strip() for p in text.split(";")) if part)


@dataclass(frozen=True, slots=True)
class ConfidenceEval:
    """How well "confidence below threshold" finds the rows that are really wrong."""

    threshold: float
    rows: int
    wrong: int
    below: int
    wrong_below: int
    precision: float  # share of low-confidence rows that are wrong
    recall: float  # share of wrong rows that have low confidence
    auc: float  # probability a wrong row scores lower than a right row (ties count half)


def evaluate_confidence(
    confidence: Sequence[float], wrong: Sequence[bool], threshold: float
) -> ConfidenceEval:
    """Given per-row confidence, whether each row is really wrong, and a threshold, the scores."""
    if len(confidence) != len(wrong):
        raise ValueError(f"confidence has {len(confidence)} rows but wrong has {len(wrong)}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in 0..1, got {threshold!r}")
    pairs = list(zip(confidence, wrong, strict=True))
    below = [w for c, w in pairs if c < threshold]
    n_wrong = sum(1 for _, w in pairs if w)
    wrong_below = sum(1 for w in below if w)
    bad = [c for c, w in pairs if w]
    good = [c for c, w in pairs if not w]
    wins = sum((b < g) + 0.5 * (b == g) for b in bad for g in good)
    auc = wins / (len(bad) * len(good)) if bad and good else float("nan")
    return ConfidenceEval(
        threshold=threshold,
        rows=len(pairs),
        wrong=n_wrong,
        below=len(below),
        wrong_below=wrong_below,
        precision=wrong_below / len(below) if below else float("nan"),
        recall=wrong_below / n_wrong if n_wrong else float("nan"),
        auc=auc,
    )


def _nullable(value: object) -> int | float | str | None:
    """Given a frame cell, the value or None for pandas' missing markers."""
    if is_missing(value):
        return None
    if isinstance(value, int | float | str):
        return value
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return str(value)


def document_scales(risks: Any) -> dict[str, Scale]:
    """Given the risks table (rows as mappings, or a DataFrame), each document_id's scale
    inferred from its own values (the documents in sorted order; rows without a document_id
    belong to none)."""
    columns = ("document_id", "probability", "consequence", "risk_value")
    groups: dict[Any, list[tuple[int | None, int | None, int | None]]] = {}
    for document_id, *values in zip(*(column_values(risks, c) for c in columns), strict=True):
        if _nullable(document_id) is not None:
            s, k, r = (_int_or_none(v) for v in values)
            groups.setdefault(document_id, []).append((s, k, r))
    scales: dict[str, Scale] = {}
    for document_id in sorted(groups):
        triples = groups[document_id]
        s_k = [s for s, _, _ in triples] + [k for _, k, _ in triples]
        combine = infer_combine(triples)
        scales[str(document_id)] = scale_of(s_k, [r for _, _, r in triples], (), combine)
    return scales


def _int_or_none(value: object) -> int | None:
    """Given a frame cell, its int value or None."""
    plain = _nullable(value)
    if isinstance(plain, int):
        return plain
    if isinstance(plain, float) and plain.is_integer():
        return int(plain)
    return None


def risk_flags(risks: Any) -> list[str]:
    """Given the risks table (rows as mappings, or a DataFrame), each risk's flags
    (';'-joined names, "" for a clean row), in row order."""
    scales = document_scales(risks)
    columns = ("document_id", "risk", "probability", "consequence", "risk_value")
    return [
        join_flags(
            validate_text(_text_or_none(risk))
            + validate_risk(
                _nullable(probability),
                _nullable(consequence),
                _nullable(risk_value),
                scales[str(document_id)],
            )
        )
        for document_id, risk, probability, consequence, risk_value in zip(
            *(column_values(risks, c) for c in columns), strict=True
        )
    ]


def control_flags(controls: Any) -> list[str]:
    """Given the controls table (rows as mappings, or a DataFrame), each control's flags
    (';'-joined names, "" for a clean row), in row order."""
    return [join_flags(validate_text(_text_or_none(v))) for v in column_values(controls, "control")]


def flag_risks(risks: pd.DataFrame) -> pd.Series:
    """Given the risks frame, its ``flags`` column (see :func:`risk_flags`)."""
    import pandas as pd

    return pd.Series(risk_flags(risks), index=risks.index, name="flags", dtype="string")


def flag_controls(controls: pd.DataFrame) -> pd.Series:
    """Given the controls frame, its ``flags`` column (see :func:`control_flags`)."""
    import pandas as pd

    return pd.Series(control_flags(controls), index=controls.index, name="flags", dtype="string")


def _text_or_none(value: object) -> str | None:
    """Given a frame cell, its text or None."""
    plain = _nullable(value)
    return None if plain is None else str(plain)


COMPARED_RISK_FIELDS: tuple[str, ...] = ("risk", "probability", "consequence", "risk_value")


def _cell_key(value: object) -> str:
    """Given a frame cell, a comparable text: whitespace collapsed, '' for missing."""
    plain = _nullable(value)
    if plain is None:
        return ""
    if isinstance(plain, float) and plain.is_integer():
        plain = int(plain)
    return " ".join(str(plain).split())


def mark_wrong_rows(
    actual: pd.DataFrame,
    expected: pd.DataFrame,
    fields: Sequence[str] = COMPARED_RISK_FIELDS,
) -> pd.Series:
    """Given output and expected rows (with document_id), True where an output row is wrong.

    An output row is right when an expected row of the same document has the
    same values in ``fields`` (whitespace collapsed); each expected row answers
    for at most one output row, so duplicates beyond the expected count are wrong.
    """
    import pandas as pd

    available: Counter[tuple[str, ...]] = Counter(
        tuple(_cell_key(row[f]) for f in ("document_id", *fields)) for _, row in expected.iterrows()
    )
    wrong = []
    for _, row in actual.iterrows():
        key = tuple(_cell_key(row[f]) for f in ("document_id", *fields))
        if available[key] > 0:
            available[key] -= 1
            wrong.append(False)
        else:
            wrong.append(True)
    return pd.Series(wrong, index=actual.index, name="wrong", dtype=bool)
