"""Sweden's 290 municipalities (SCB kommunkod, name, county) and a tolerant name lookup.

The table ships as ``normalize/data/kommuner.csv`` and is loaded once.  ``lookup``
accepts the forms a municipality takes in documents and paths: any case, a
"kommun"/"stad" suffix, the genitive ("Kalmars", "Göteborgs Stad"), "Region
Gotland", letters without diacritics ("Norrtalje", "Goteborg") and the vowel
damage of an English-model OCR ("Norrtélje", "G6teborg").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from riskrad.model.text import strip_diacritics

DATA_PACKAGE = "riskrad.normalize"
DATA_FILE = "data/kommuner.csv"

# What an English-model OCR makes of å, ä and ö: a plain vowel, another accented
# letter, a digit or a symbol, sometimes two characters for one ("uppfdéljning").
OCR_VOWEL_SLOT = "[aeodáàâãäåéèêëíìóòôõöø&@©0-9]{1,2}"
SWEDISH_VOWELS = frozenset("åäöÅÄÖ")
SUFFIX = re.compile(r"[\s\-]+(?:kommun|kommuns|kommunkoncern|kommunkoncerns|stad|stads)$", re.I)
REGION_PREFIX = re.compile(r"^region\s+", re.I)
EDGE_PUNCTUATION = "- \t\r\n.,;:!?()[]{}\"'*_/\\«»”“’‘–—"


@dataclass(frozen=True, slots=True)
class Municipality:
    """One municipality: SCB kommunkod (4 digits, text), name as SCB writes it, county name."""

    code: str
    name: str
    county: str

    @property
    def county_code(self) -> str:
        """Given the municipality, its county's two-digit code (the first two of its code)."""
        return self.code[:2]


def fold(text: str) -> str:
    """Given a name, its comparison key: casefolded, diacritics dropped, hyphens as spaces."""
    bare = strip_diacritics(text.casefold())
    return " ".join(bare.replace("-", " ").replace("_", " ").split())


def ocr_pattern(name: str) -> str:
    """Given a name with å/ä/ö, a regex body matching it after English-model OCR damage."""
    parts: list[str] = []
    for char in name:
        if char in SWEDISH_VOWELS:
            parts.append(OCR_VOWEL_SLOT)
        elif char in " -_":
            parts.append(r"[\s\-_]*")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def parse_table(text: str) -> tuple[Municipality, ...]:
    """Given the CSV text of the municipality table, its rows as records."""
    reader = csv.DictReader(io.StringIO(text))
    return tuple(
        Municipality(row["code"].strip(), row["name"].strip(), row["county"].strip())
        for row in reader
    )


@lru_cache(maxsize=1)
def all_municipalities() -> tuple[Municipality, ...]:
    """Given nothing, the shipped table of all municipalities (loaded once)."""
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_table(text)


@lru_cache(maxsize=1)
def _exact_index() -> dict[str, Municipality]:
    """Given nothing, the municipalities keyed by casefolded name."""
    return {" ".join(m.name.casefold().replace("-", " ").split()): m for m in all_municipalities()}


@lru_cache(maxsize=1)
def _folded_index() -> dict[str, tuple[Municipality, ...]]:
    """Given nothing, the municipalities keyed by folded name (Habo and Håbo share a key)."""
    index: dict[str, tuple[Municipality, ...]] = {}
    for m in all_municipalities():
        index[fold(m.name)] = (*index.get(fold(m.name), ()), m)
    return index


@lru_cache(maxsize=1)
def _ocr_patterns() -> tuple[tuple[re.Pattern[str], Municipality], ...]:
    """Given nothing, one full-match OCR-tolerant pattern per name holding å, ä or ö."""
    return tuple(
        (re.compile(ocr_pattern(m.name) + "s?", re.IGNORECASE), m)
        for m in all_municipalities()
        if SWEDISH_VOWELS & set(m.name)
    )


def by_code(code: str) -> Municipality | None:
    """Given an SCB kommunkod, its municipality or None."""
    return next((m for m in all_municipalities() if m.code == code.strip()), None)


def clean_name(name: str) -> str:
    """Given a raw name, it with whitespace collapsed and edge punctuation and suffix removed."""
    text = " ".join(name.replace("_", " ").split()).strip(EDGE_PUNCTUATION)
    return SUFFIX.sub("", text).strip(EDGE_PUNCTUATION)


def _sole_in_county(m: Municipality) -> bool:
    """Given a municipality, whether it is the only one of its county (Gotland)."""
    return sum(1 for other in all_municipalities() if other.county == m.county) == 1


def _exact_or_folded(name: str) -> Municipality | None:
    """Given a cleaned name, the municipality it spells exactly or without diacritics."""
    key = " ".join(name.casefold().replace("-", " ").split())
    if key in _exact_index():
        return _exact_index()[key]
    candidates = _folded_index().get(fold(name), ())
    return candidates[0] if len(candidates) == 1 else None


def _ocr_match(name: str) -> Municipality | None:
    """Given a cleaned name, the one municipality whose OCR-tolerant pattern it matches."""
    hits = {m for pattern, m in _ocr_patterns() if pattern.fullmatch(name)}
    return hits.pop() if len(hits) == 1 else None


# Names whose own form before "kommun" differs from SCB's name (the municipality calls
# itself "Falu kommun").
OWN_FORMS = {"falu": "Falun"}


def _lookup_clean(name: str) -> Municipality | None:
    """Given a cleaned name, exact, then without diacritics, then genitive, then OCR match."""
    name = OWN_FORMS.get(fold(name), name)
    found = _exact_or_folded(name)
    if found is None and len(name) > 2 and name[-1] in "sS":
        found = _exact_or_folded(name[:-1])
    return found if found is not None else _ocr_match(name)


def lookup(name: str) -> Municipality | None:
    """Given a name as found in a text or path ("Göteborgs Stad", "Norrtalje"), its municipality."""
    cleaned = clean_name(name)
    if not cleaned:
        return None
    if REGION_PREFIX.match(cleaned):
        found = _lookup_clean(REGION_PREFIX.sub("", cleaned))
        return found if found is not None and _sole_in_county(found) else None
    return _lookup_clean(cleaned)
