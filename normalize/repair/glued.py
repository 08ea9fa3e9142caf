"""Part of repair 2 (lines): words a lost space glued together, split ("månadsvisi").

OCR of small type loses the narrow space beside a short word, and a word a narrow cell
broke over lines is joined from its pieces with such a loss inside ("månadsvi" / "si" read
for "månadsvi" / "s i"). Which tokens are split, and where, is ``riskrad.model.glued``'s
rule (a token in no word list, one cut leaving a short word that ends or begins no compound
and a word the lists know well), so correct Swedish is never split.
"""

from __future__ import annotations

import re

from riskrad.model.glued import glued_split
from riskrad.normalize.repair.model import Change, apply_changes

REPAIR_NAME = "lines"  # part of the lines repair (a line break joined words so)
_TOKEN = re.compile(r"\S+")


def repair_glued(text: str) -> tuple[str, tuple[Change, ...]]:
    """Given a text, return it with glued words split and the changes that did it."""
    changes = []
    for match in _TOKEN.finditer(text):
        pair = glued_split(match.group(0))
        if pair is not None:
            changes.append(Change(match.start(), match.end(), match.group(0), " ".join(pair),
                                  REPAIR_NAME, 1.0))
    if not changes:
        return text, ()
    return apply_changes(text, tuple(changes)), tuple(changes)
