"""Comparable risk values: the normalised value and the risk level of a risk.

Documents rate risks on their own scales (S and K from 1 to 4, or 1 to 5; the
riskvärde combining them, mostly S × K).  Two numbers make risks comparable:

* the **normalised value** ``value / max_value`` (0..1), where ``value`` is the
  riskvärde, else S × K (S + K for adding documents), and ``max_value`` the
  highest value the document's scale can give (16 on 1–4 × 1–4, 25 on 1–5 × 1–5);
* the **risk level** low / medium / high / very high:

  1. from the document's own thresholds where it states them, e.g. a legend
     "Låg risk 1–3, Medel 4–6, Hög 8–9, Mycket hög 12–16" (:func:`stated_bands`):
     the band holding the value; a value in a gap between two bands takes the
     lower band's level;
  2. otherwise by :data:`RULE_CUTOFFS` on the normalised value: below 0.25 low,
     below 0.5 medium, below 0.75 high, else very high.  On a 1–4 product scale
     that is 1–3 low, 4–6 medium, 8–9 high, 12–16 very high (the usual Swedish
     green/yellow/orange/red matrix); on 1–5: 1–6 low, 8–12 medium, 15–16 high,
     20–25 very high.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

LEVELS: tuple[str, ...] = ("low", "medium", "high", "very high")
RULE_CUTOFFS: tuple[float, float, float] = (0.25, 0.5, 0.75)

# level words as Swedish documents write them; the longer phrases first
_LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    (r"mycket\s+h[öo]g|kritisk|oacceptabel|extrem", "very high"),
    (r"medelh[öo]g|medel|m[åa]ttlig|mellan", "medium"),
    (r"h[öo]g|allvarlig", "high"),
    (r"l[åa]g", "low"),
)
_LEVEL = re.compile(
    r"(?<![a-zåäö])(" + "|".join(p for p, _ in _LEVEL_WORDS) + r")(?:a|t)?(?:\s+risk)?(?![a-zåäö])",
    re.I,
)
_BAND = re.compile(
    r"(?:(?<![\d,.])(\d{1,2})\s*(?:-|–|—|till)\s*(\d{1,2})(?!\d|[,.]\d))"
    r"|(?:(?:≥|>=|över|minst|från)\s*(\d{1,2})(?!\d|[,.]\d))"
    r"|(?:(?<![\d,.])(\d{1,2})\s*(?:\+|och\s+(?:högre|över|uppåt)))",
    re.I,
)
_NEAR = 24  # characters between a level word and its range
_WINDOW = 6  # lines before a band that may name "risk" (a legend's heading)
_RISK_WORD = re.compile(r"risk", re.I)


@dataclass(frozen=True, slots=True)
class Band:
    """One stated risk level and the values it covers (``high`` None: and above)."""

    level: str
    low: int
    high: int | None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"Band.level must be one of {LEVELS}, got {self.level!r}")
        if self.high is not None and self.high < self.low:
            raise ValueError(f"Band needs low <= high, got {self.low}..{self.high}")


def _level_of(word: str) -> str:
    """Given a matched level word, its level name."""
    for pattern, level in _LEVEL_WORDS:
        if re.fullmatch(pattern, word, re.I):
            return level
    raise ValueError(f"not a level word: {word!r}")


def _band_at(text: str) -> tuple[int, int | None] | None:
    """Given the text beside a level word, the first value range it names (None when its
    first pair falls: values written in a row, "4 – 3 – Kännbar")."""
    match = _BAND.search(text)
    if match is None:
        return None
    a, b, at_least, plus = match.groups()
    if a is not None:  # "4 – 3 – Kännbar": two values in a row, no range
        return (int(a), int(b)) if int(a) <= int(b) else None
    return int(at_least or plus), None


def _segment_bands(line: str, levels: list[re.Match[str]], after: bool) -> list[Band] | None:
    """Given a line, its level words and a reading direction, one band per level, or None."""
    bands = []
    for i, match in enumerate(levels):
        if after:
            stop = levels[i + 1].start() if i + 1 < len(levels) else len(line)
            segment = line[match.end() : min(stop, match.end() + _NEAR)]
            found = _band_at(segment)
        else:
            start = levels[i - 1].end() if i > 0 else 0
            segment = line[max(start, match.start() - _NEAR) : match.start()]
            hits = list(_BAND.finditer(segment))
            found = _band_at(segment[hits[-1].start() :]) if hits else None
        if found is None:
            return None
        bands.append(Band(_level_of(match.group(1)), found[0], found[1]))
    return bands


def _line_bands(line: str) -> list[Band]:
    """Given one line of text, its (level, range) pairs: every level word with the range
    written after it ("Låg 1-3, Medel 4-6") or, failing that, before it ("1-3 låg")."""
    levels = list(_LEVEL.finditer(line))
    if not levels:
        return []
    return _segment_bands(line, levels, True) or _segment_bands(line, levels, False) or []


_DANGLING = re.compile(r"(?<![a-zåäö])mycket[\s,;:=–-]*$", re.I)  # "röd = mycket" / "hög risk …"


_OPEN_RANGE = re.compile(r"^\D*\d{1,2}\s*(?:-|–|—|till)\s*$")  # a range its line cuts


def _carried(line: str) -> int | None:
    """Given a line, where its last level phrase starts when that phrase's range stands on
    the next line (a legend sentence wrapped: "grön = låg risk (1–4); gul = medel" / "risk
    (5–8); …"), else None: no digit follows that level word on its line ("risk (riskvärde"
    at most, or a range's first half "20–"), and the line reads level-then-range (its
    earlier level words each have a range after them) or the word is the line's only one
    with no range before it; a line ending in "mycket" (its level word on the next line)
    carries that word."""
    dangling = _DANGLING.search(line)
    if dangling is not None:
        return dangling.start()
    levels = list(_LEVEL.finditer(line))
    rest = line[levels[-1].end() :] if levels else ""
    if not levels or len(rest.strip()) > _NEAR:
        return None
    if re.search(r"\d", rest) and not _OPEN_RANGE.search(rest):  # "(riskvärde 20–" / "25)"
        return None
    last = levels[-1]
    if len(levels) > 1:
        return last.start() if _segment_bands(line, levels[:-1], True) is not None else None
    before = line[max(0, last.start() - _NEAR) : last.start()]
    return last.start() if _BAND.search(before) is None else None


def stated_bands(text: str) -> tuple[Band, ...]:
    """Given a document's text, the risk-level bands it states, or () when none are stated.

    A band is a level word with a value range beside it on one line ("Hög risk
    8–9", "12-16 = mycket hög", "Låg: 1–3", "Kritisk ≥ 12"; a level phrase ending a
    wrapped line goes with the next line's range: :func:`_carried`) on a line that, with
    the six lines before it, mentions "risk" (one of those lines does: the word holds
    no space, so those lines joined by spaces hold it only where one line does).  The
    bands count only when at least two levels are stated, each once, their ranges rise
    with the level without overlapping, and the highest reaches above 5 (a riskvärde
    legend, not a 1–5 sannolikhet legend).
    """
    lines = text.splitlines()
    found: dict[str, Band] = {}
    last_risk = -_WINDOW - 1  # the last line so far that says "risk"
    carry = ""  # a wrapped legend's level phrase whose range stands on this line
    for index, raw in enumerate(lines):
        line = f"{carry} {raw}" if carry else raw
        carry = ""
        if _RISK_WORD.search(line):
            last_risk = index
        if index - last_risk > _WINDOW:  # none of the window's lines says it
            continue
        cut = _carried(line) if index + 1 < len(lines) else None
        if cut is not None:
            line, carry = line[:cut], line[cut:].strip()
        for band in _line_bands(line):
            if band.level in found and found[band.level] != band:
                return ()  # two different ranges for one level: not a legend we understand
            found[band.level] = band
    bands = tuple(found[level] for level in LEVELS if level in found)
    if len(bands) < 2:
        return ()
    for lower, upper in pairwise(bands):
        if lower.high is None or lower.high >= upper.low:
            return ()
    top = bands[-1].high if bands[-1].high is not None else bands[-1].low
    if top <= 5:
        return ()
    return bands


def format_bands(bands: tuple[Band, ...]) -> str | None:
    """Given stated bands, their text for the dataset ("low 1-3; high 8-16"), None when none."""
    if not bands:
        return None
    return "; ".join(f"{b.level} {b.low}-{'' if b.high is None else b.high}" for b in bands)


def parse_bands(text: str | None) -> tuple[Band, ...]:
    """Given the text of :func:`format_bands`, the bands again."""
    if not text:
        return ()
    bands = []
    for part in text.split(";"):
        match = re.fullmatch(r"\s*(.+?)\s+(\d+)-(\d*)\s*", part)
        if match is None:
            raise ValueError(f"not a risk-level band: {part!r}")
        high = int(match.group(3)) if match.group(3) else None
        bands.append(Band(match.group(1), int(match.group(2)), high))
    return tuple(bands)


def normalised_value(value: int | None, max_value: int) -> float | None:
    """Given a risk's value and its scale's highest value, value / max (None without a value)."""
    if value is None or max_value <= 0:
        return None
    return round(value / max_value, 4)


def rule_level(normalised: float | None) -> str | None:
    """Given a normalised value, its level by :data:`RULE_CUTOFFS`."""
    if normalised is None:
        return None
    for cutoff, level in zip(RULE_CUTOFFS, LEVELS, strict=False):
        if normalised < cutoff:
            return level
    return LEVELS[-1]


def band_level(value: int | None, bands: tuple[Band, ...]) -> str | None:
    """Given a value and a document's stated bands, the level of the band holding it."""
    if value is None or not bands:
        return None
    level = bands[0].level
    for band in bands:
        if value >= band.low:
            level = band.level
    return level


_VALUE_PART = re.compile(r"\d+(?:\s*[×xX*+]\s*\d+)*(?:\s*=\s*\d+)?|[()\[\]:=/,.–—-]")


def stated_level(text: str | None) -> str | None:
    """Given a risk value cell, the level it states in words, alone or beside the value
    ("Hög", "Mycket hög risk", "12 (Hög)", "Hög – 12"), else None."""
    if not text:
        return None
    rest = " ".join(_VALUE_PART.sub(" ", text).split())
    found = _LEVEL.fullmatch(rest)
    return _level_of(found.group(1)) if found is not None else None


def risk_level(value: int | None, max_value: int, bands: tuple[Band, ...] = ()) -> str | None:
    """Given a risk's value, its scale's highest value and the stated bands, its level."""
    if bands:
        return band_level(value, bands)
    return rule_level(normalised_value(value, max_value))
