"""A control's own responsible and frequency written after its text in its cell.

A plan without Ansvarig or Frekvens columns gives each control its owner and frequency
after its text, in brackets, after a dash or under labels: "Kontroll av … (Ekonomichef,
Månadsvis)", "Kontroll av … – Ekonomichef, Månadsvis", "Kontroll av … [Ansvarig:
Ekonomichef. Frekvens: Månadsvis]". The trailing part is split into the fields it names:
by its labels when labelled; else by the order the column's header names them in
("Kontrollmoment (ansvarig, frekvens)"), unless a part's words say otherwise; else by
what each part is (a frequency's words of time, a role's title). A bracket or a dash
holding anything else ("(enligt rutin)", "– stickprov") stays in the control's text.
"""

from __future__ import annotations

import re

from riskrad.extract.recognize.keyvalue import RUNNING_LABEL, label_field, running_labels
from riskrad.model import column_content
from riskrad.model import vocabulary as vocab

ITEM_FIELDS = vocab.ITEM_FIELDS
# the part in brackets at the text's end; a full stop may close it
ROUND = re.compile(r"^(?P<what>.*?\S)\s*\((?P<inner>[^()]{2,160})\)\s*[.;]?\s*$", re.DOTALL)
SQUARE = re.compile(r"^(?P<what>.*?\S)\s*\[(?P<inner>[^\[\]]{2,160})\]\s*[.;]?\s*$", re.DOTALL)
# the part after the last dash set apart by spaces ("HR-chef" keeps its hyphen)
DASHED = re.compile(r"^(?P<what>.*\S)\s+[–—-]\s+(?P<inner>[^–—]{2,160}?)\s*[.;]?\s*$", re.DOTALL)
PART_SPLIT = re.compile(r"\s*[,;]\s*")
PART_WORDS = 5  # an owner or a frequency is a few words; more is a sentence
def labelled_parts(inner: str) -> list[tuple[str, str]] | None:
    """Given a trailing part's text, its fields when it is labelled throughout ("Ansvarig:
    Ekonomichef. Frekvens: Månadsvis"), else None."""
    before, parts = running_labels(inner.strip())
    labels = [m for m in RUNNING_LABEL.finditer(inner.strip()) if label_field(m.group("label"))]
    if before or not parts or len(labels) != len(parts):
        return None  # a label of none of them ("Status: klar") would be lost
    found = [(f, v.strip().rstrip(".,;").strip()) for f, v in parts]
    fields = [f for f, _ in found]
    if not all(f in ITEM_FIELDS for f in fields) or len(set(fields)) != len(fields):
        return None
    return found if all(v for _, v in found) else None


def listed_parts(inner: str, order: tuple[str, ...], dashed: bool) -> list[tuple[str, str]] | None:
    """Given a trailing part's text without labels, the header's order of the fields its
    controls carry (or ()) and whether a dash sets it apart, its fields: in the header's
    order where as many parts stand and none says it is another (after a dash, one at least
    saying it is its own: a dash may go on with the control's text); else each part by what
    it is, every part being one of them, no field twice; else None."""
    parts = [p.strip() for p in PART_SPLIT.split(inner.strip(" \n.;,"))]
    if not parts or any(not p or len(p.split()) > PART_WORDS for p in parts):
        return None
    kinds = [column_content.item_field(p) for p in parts]
    if order and len(parts) == len(order):
        contradicted = any(k is not None and k != f for k, f in zip(kinds, order, strict=True))
        if not contradicted and (not dashed or any(k is not None for k in kinds)):
            return list(zip(order, parts, strict=True))
    if all(k is not None for k in kinds) and len(set(kinds)) == len(kinds):
        return [(k, p) for k, p in zip(kinds, parts, strict=True) if k is not None]
    return None


def trailing_parts(
    text: str, order: tuple[str, ...] = ()
) -> tuple[str, list[tuple[str, str]]] | None:
    """Given a control's text and the fields its column's header names after the control
    (or ()), the text without its trailing part and that part's (field, value) pairs:
    in brackets "(Ekonomichef, Månadsvis)", "[Ansvarig: X. Frekvens: Y]" or after a dash
    "– Ekonomichef, Månadsvis"; None when it has no such part."""
    for pattern, dashed in ((ROUND, False), (SQUARE, False), (DASHED, True)):
        match = pattern.match(text)
        if match is None:
            continue
        inner = match.group("inner")
        found = labelled_parts(inner) or listed_parts(inner, order, dashed)
        what = match.group("what").strip()
        if found and what:
            return what, found
    return None


def owner_and_frequency(text: str) -> bool:
    """Given an item's text without its mark, whether it names only a responsible and a
    frequency by their words ("Registrator, Kvartalsvis"): the rest of the item above, its
    dash set at a line's start where the line broke ("Kontroll av …" / "– Registrator,
    Kvartalsvis"), no control of its own."""
    found = listed_parts(text, (), dashed=False)
    return found is not None and {f for f, _ in found} == {"responsible", "frequency"}
