"""Frozen records of the repair chain: one Change per edited span, one Repaired per text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One edit made by one repair, in offsets of the text that repair was given."""

    start: int
    end: int
    original: str
    repaired: str
    repair: str
    score: float

    def __post_init__(self) -> None:
        """Given the change, raise ValueError if its span or repair name is invalid."""
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"Change span is invalid: start={self.start} end={self.end}")
        if self.end - self.start != len(self.original):
            raise ValueError(
                f"Change original {self.original!r} does not fit span {self.start}:{self.end}"
            )
        if not self.repair:
            raise ValueError("Change needs a repair name, got ''")


@dataclass(frozen=True)
class Repaired:
    """A text before and after the repair chain, with every change in chain order."""

    original: str
    text: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Repair:
    """A named, pure repair: text in, (text out, changes in input offsets) out."""

    name: str
    apply: Callable[[str], tuple[str, tuple[Change, ...]]]

    def __post_init__(self) -> None:
        """Given the repair, raise ValueError if its name is not an identifier."""
        if not self.name.isidentifier():
            raise ValueError(f"Repair name must be an identifier, got {self.name!r}")


def apply_changes(text: str, changes: tuple[Change, ...]) -> str:
    """Given a text and non-overlapping changes in its offsets, return the edited text."""
    parts: list[str] = []
    pos = 0
    for change in sorted(changes, key=lambda c: c.start):
        if change.start < pos or text[change.start : change.end] != change.original:
            raise ValueError(f"Change does not apply at {change.start}: {change.original!r}")
        parts.append(text[pos : change.start])
        parts.append(change.repaired)
        pos = change.end
    parts.append(text[pos:])
    return "".join(parts)
