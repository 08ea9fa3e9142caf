"""Ticked boxes: a choice made on a form by ticking one box of a row of boxes.

A filled-in form answers a question or gives a value by ticking one of several
boxes, each with its option's label beside it: "☐ 1 ☒ 2 ☐ 3 ☐ 4" (a step of the
scale), "☒ Ja ☐ Delvis ☐ Nej", "Låg [ ] Medel [X] Hög [ ]". The value is the label
of the ticked box. Boxes are a class of glyphs, not one font's: ticked ☒ ☑ ■ ▣ ◉ ● ✓
⊠ [x] (x) [✓]; empty ☐ □ ▢ ○ ◯ [ ] ( ).
"""

from __future__ import annotations

import re

TICKED = "☒☑■▣◉●⊠◼✓✔"  # a tick alone beside empty boxes ("✓ Ja ☐ Nej") ticks its option
EMPTY = "☐□▢○◯◻"
BOX = re.compile(
    rf"(?P<on>[{TICKED}]|\[\s*[xX×✓✔✗✘]\s*\]|\(\s*[xX×✓✔]\s*\))"
    rf"|(?P<off>[{EMPTY}]|\[\s*\]|\(\s*\))"
)
MAX_OPTION_WORDS = 4  # an option's label is a word or a step, not a sentence


def box_options(text: str) -> list[tuple[str, bool]] | None:
    """Given a value's text, its options as (label, ticked) when the text is a row of two or
    more boxes each with its label on the same side (before: "☐ 1 ☒ 2", after: "1 ☐ 2 ☒");
    None for any other text (no boxes, a sentence around them, a box without a label: a
    rating in dots "●●●○" is no row of boxes)."""
    boxes = list(BOX.finditer(text))
    if len(boxes) < 2:  # a choice among two options at least
        return None
    ends = [0, *(b.end() for b in boxes)]
    starts = [*(b.start() for b in boxes), len(text)]
    pieces = [" ".join(text[a:b].split()) for a, b in zip(ends, starts, strict=True)]
    if not pieces[0]:  # "☐ 1 ☒ 2": each box's label after it
        labels = pieces[1:]
    elif not pieces[-1]:  # "1 ☐ 2 ☒": each box's label before it
        labels = pieces[:-1]
    else:
        return None
    if not all(0 < len(label.split()) <= MAX_OPTION_WORDS for label in labels):
        return None
    return [(label, b.group("on") is not None) for label, b in zip(labels, boxes, strict=True)]


def ticked_choice(text: str) -> str | None:
    """Given a value's text, the label of its ticked box when the text is a row of boxes
    (:func:`box_options`) with exactly one ticked; else None."""
    return chosen(text) or None


def chosen(text: str) -> str | None:
    """Given a value's text, what a form's reader takes from it: the ticked box's label
    (:func:`ticked_choice`), "" for a row of boxes with none or several ticked (no value
    chosen), None for any other text (no row of boxes: the text is the value)."""
    options = box_options(text)
    if options is None:
        return None
    ticked = [label for label, on in options if on]
    return ticked[0] if len(ticked) == 1 else ""


def is_box_row(text: str) -> bool:
    """Given a text, whether it is a row of boxes with their labels (ticked or not): the
    answer to a form's question, also when none or several are ticked."""
    return box_options(text) is not None
