"""spaCy's Swedish tokenizer and stop words for the word strings lineage gives it, without spaCy.

Importing spaCy costs seconds (its CLI, thinc, pydantic); lineage only tokenizes
strings of letter-only or digit-only words joined by single spaces, which spaCy's
Swedish tokenizer splits at the spaces and, for a handful of colloquial special
cases ("köru" -> "kör", "u"), once more. ``tests/test_sv_tokens.py`` checks this
against spaCy itself. The stop words are read from spaCy's own file, not imported.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

# spaCy's Swedish tokenizer exceptions that split a letter-only (lower-case) word
_SPLITS: dict[str, tuple[str, ...]] = {
    "driveru": ("driver", "u"),
    "fattaru": ("fattar", "u"),
    "fixaru": ("fixar", "u"),
    "hajaru": ("hajar", "u"),
    "hörru": ("hörr", "u"),
    "köru": ("kör", "u"),
    "leveru": ("lever", "u"),
    "serru": ("serr", "u"),
}


def tokens(text: str) -> list[str]:
    """Given space-joined lower-case words, spaCy's Swedish tokens of them."""
    out: list[str] = []
    for word in text.split():
        out.extend(_SPLITS.get(word, (word,)))
    return out


@cache
def stop_words() -> frozenset[str]:
    """Given nothing, spaCy's Swedish stop words, read from its source file (spaCy not run)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return frozenset()
    source = Path(spec.origin).parent / "lang" / "sv" / "stop_words.py"
    tree = ast.parse(source.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" in node.value:
            return frozenset(node.value.split())
    raise RuntimeError(f"no stop-word list found in {source}")
