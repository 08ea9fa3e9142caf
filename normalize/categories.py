"""Risk categories as risk tools export them, mapped to one canonical set.

The synonyms live in ``normalize/data/risk_categories.csv``. A category is
matched on its folded text (case, å/ä/ö kept, punctuation and "risk"-plurals
ignored); one that matches no synonym keeps no canonical value, so an unknown
spelling is visible rather than guessed.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

DATA_PACKAGE = "riskrad.normalize.data"
CATEGORIES_FILE = "risk_categories.csv"


def fold_category(text: str) -> str:
    """Given a category as written, lower case with punctuation and spacing normalised."""
    text = text.casefold().replace("–", "-")
    text = re.sub(r"[^\wåäöé\- ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def synonym_table() -> dict[str, str]:
    """Given nothing, folded synonym -> canonical category."""
    text = resources.files(DATA_PACKAGE).joinpath(CATEGORIES_FILE).read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines()):
        for synonym in row["synonyms"].split(";"):
            table[fold_category(synonym)] = row["canonical"]
    return table


def canonical_category(raw: str | None) -> str | None:
    """Given a risk category as written, its canonical name (None when unknown or empty)."""
    if not raw:
        return None
    folded = fold_category(raw)
    table = synonym_table()
    if folded in table:
        return table[folded]
    for synonym, canonical in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if len(synonym) >= 6 and re.search(rf"(?<!\w){re.escape(synonym)}(?!\w)", folded):
            return canonical
    return None
