"""Rows that name a risk read before: a plan table after the risk analysis.

A "riskanalys och internkontrollplan" often lists every risk with its values in one
table, then the controls in a second table whose rows name their risk by its title
("Felaktiga utbetalningar") or its number ("R3", "3"). Such a row adds controls to
the risk read before; it is not a risk of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from riskrad.extract.recognize.values import risk_number
from riskrad.model.records import Cell
from riskrad.model.risk_titles import number_key


class KnownRisk(Protocol):
    """What a reference is matched against: a risk's fields and its number."""

    fields: dict[str, Cell]
    number: str | None


def folded(text: str) -> str:
    """Given a cell text, the text a reference is compared by (spacing, case and a closing
    full stop aside)."""
    return " ".join(text.split()).casefold().rstrip(".")


def is_number_reference(text: str) -> bool:
    """Given a reference cell, whether it names a risk by number ("3", "R3", "Risk 3")."""
    number = risk_number(text)
    return number is not None and len(text.split()) <= 2 and len(text.strip()) <= 8


def referenced(
    text: str,
    earlier: Sequence[KnownRisk],
    process: str | None = None,
    heading: str | None = None,
    hint: str | None = None,
) -> KnownRisk | None:
    """Given the text naming a risk (title or number), the risks read before, the row's own
    process cell, the process heading read after those risks (the row's section) and the one
    read among them (only a hint: a plan after the analysis keeps its last area heading),
    the one risk it names, or None (none, or several: a title repeated under each section's
    heading is a risk of each section, not a reference)."""
    if not text.strip():
        return None
    if is_number_reference(text):
        number = risk_number(text)
        found = [r for r in earlier if r.number is not None and number_key(r.number) == number]
    else:
        key = folded(text)
        found = [r for r in earlier if "risk" in r.fields and folded(r.fields["risk"].raw) == key]
    for where in (process, heading):  # a risk of another process is another risk
        if where is not None:
            found = [r for r in found if same_process(r, where)]
    if len(found) > 1 and hint is not None:
        found = [r for r in found if same_process(r, hint)]
    return found[0] if len(found) == 1 else None


def same_process(risk: KnownRisk, process: str) -> bool:
    """Given a risk and a process, whether the risk is of it (or has no process)."""
    return "process" not in risk.fields or folded(risk.fields["process"].raw) == folded(process)
