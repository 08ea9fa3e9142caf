"""Canonical organs: one name and a type for each committee or board, however it is written.

The shipped table ``normalize/data/organs.csv`` (columns ``name``, ``organ``,
``organ_type``) maps names and common abbreviations ("KS", "KSAU",
"Kommunstyrelsens arbetsutskott", "BUN", "SocN", …) to one canonical organ.
A committee's utskott (arbetsutskott, personalutskott, …) acts for it, so it is
recorded as its committee: "Socialnämndens arbetsutskott" is "Socialnämnden".
A name the table does not hold keeps its own name, its type read from its last
word (… nämnden: ``namnd``; … styrelsen: ``styrelse``; … fullmäktige:
``fullmaktige``; otherwise ``annat``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ORGAN_TYPES: tuple[str, ...] = (
    "kommunstyrelse",
    "kommunfullmaktige",
    "namnd",
    "regionstyrelse",
    "regionfullmaktige",
    "revision",
    "styrelse",
    "fullmaktige",
    "annat",
)
_UTSKOTT = re.compile(r"^(?P<parent>.+?)(?::s|s)\s+(?:\w+a\s+)?\w*utskott(?:et)?$", re.I)
_BOARD_OF = re.compile(r"^(?:styrelsen|direktionen)\s+(?:för|i)\s", re.I)
_GENITIVE = re.compile(r"^(?P<base>.+(?:nämnden|styrelsen|fullmäktige|revisionen))s$", re.I)


@dataclass(frozen=True, slots=True)
class Organ:
    """A canonical organ and its type."""

    organ: str
    organ_type: str

    def __post_init__(self) -> None:
        if self.organ_type not in ORGAN_TYPES:
            raise ValueError(
                f"Organ.organ_type must be one of {ORGAN_TYPES}, got {self.organ_type!r}"
            )


def _key(name: str) -> str:
    """Given an organ name, its lookup key: casefolded, one space, no spaces around hyphens."""
    text = " ".join(name.replace("\u00ad", "").split()).casefold()
    return re.sub(r"\s*-\s*", "-", text)


@lru_cache(maxsize=1)
def organ_table() -> dict[str, Organ]:
    """Given nothing, the shipped table: lookup key of each name -> its canonical organ."""
    text = resources.files("riskrad.normalize.data").joinpath("organs.csv").read_text("utf-8")
    table: dict[str, Organ] = {}
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        if not row["name"] or not row["organ"]:
            raise ValueError(f"organs.csv line {line}: name and organ must not be empty")
        table[_key(row["name"])] = Organ(row["organ"], row["organ_type"])
        table.setdefault(_key(row["organ"]), Organ(row["organ"], row["organ_type"]))
    return table


def _type_by_suffix(name: str) -> str:
    """Given an organ name outside the table, its type from its last word, or from its
    first for a company's or association's board ("Styrelsen för Mölndal Energi AB")."""
    if _BOARD_OF.match(name):
        return "styrelse"
    last = name.split()[-1].casefold() if name.split() else ""
    if last.endswith("nämnden") or last.endswith("nämnd"):
        return "namnd"
    if last.endswith("styrelsen") or last.endswith("styrelse"):
        return "styrelse"
    if last.endswith("fullmäktige"):
        return "fullmaktige"
    if last.startswith("revision") or last.startswith("revisor"):
        return "revision"
    return "annat"


def canonical_organ(name: str | None) -> Organ | None:
    """Given an organ as detected or written (None when unknown), its canonical organ and type."""
    if name is None or not name.strip():
        return None
    table = organ_table()
    text = " ".join(name.split())
    found = table.get(_key(text))
    if found is not None:
        return found
    utskott = _UTSKOTT.match(text)
    if utskott is not None:
        parent = canonical_organ(utskott.group("parent"))
        if parent is not None:
            return parent
    genitive = _GENITIVE.match(text)
    if genitive is not None:
        return canonical_organ(genitive.group("base"))
    return Organ(text[:1].upper() + text[1:], _type_by_suffix(text))
