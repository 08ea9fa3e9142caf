"""The repair chain: named repairs in fixed order, a replayable plan, and its explanation."""

from __future__ import annotations

from functools import partial

from riskrad.model.settings import LetterSettings
from riskrad.normalize.repair.letters import SETTINGS, repair_letters, repair_letters_with
from riskrad.normalize.repair.lines import repair_lines
from riskrad.normalize.repair.model import Change, Repair, Repaired, apply_changes
from riskrad.normalize.repair.unicode_fix import repair_unicode

REPAIRS: tuple[Repair, ...] = (
    Repair("unicode", repair_unicode),
    Repair("lines", repair_lines),
    Repair("letters", repair_letters),
)


def chain(letters: LetterSettings = SETTINGS) -> tuple[Repair, ...]:
    """Given the letter repair's settings, the chain of repairs (REPAIRS at the defaults)."""
    if letters is SETTINGS or letters == SETTINGS:
        return REPAIRS
    bound = Repair("letters", partial(repair_letters_with, settings=letters))
    return tuple(bound if r.name == "letters" else r for r in REPAIRS)


def fix_and_explain(
    text: str, letters: LetterSettings = SETTINGS
) -> tuple[str, tuple[Change, ...]]:
    """Given a text, run every repair in order; return the text and all changes made."""
    changes: list[Change] = []
    for repair in chain(letters):
        text, made = repair.apply(text)
        changes.extend(made)
    return text, tuple(changes)


def repair_text(text: str, letters: LetterSettings = SETTINGS) -> Repaired:
    """Given a raw text, return it repaired, keeping the original and every change."""
    repaired, changes = fix_and_explain(text, letters)
    return Repaired(original=text, text=repaired, changes=changes)


def replay(original: str, changes: tuple[Change, ...]) -> str:
    """Given an original text and a chain's changes, apply them repair by repair."""
    text = original
    for repair in REPAIRS:
        text = apply_changes(text, tuple(c for c in changes if c.repair == repair.name))
    return text


def explain(repaired: Repaired) -> str:
    """Given a repaired text, return its plan: one change per line, in chain order."""
    lines = [
        f"{c.repair}\t{c.start}:{c.end}\t{c.original!r} -> {c.repaired!r}\tscore={c.score:.2f}"
        for c in repaired.changes
    ]
    return "\n".join(lines) if lines else "(no changes)"
