"""Free text under a record: a table row (or a paragraph between two parts of a table)
that holds only running text right after a risk's or a control's row is that record's
continuation, not a heading.

A register sets each risk as a two-row record (its id, title and values, then its
description across the columns, "Beskrivning: …" or the text alone); a follow-up sets
each control's comment on a row of its own under it ("Kommentar: …", "Planerad åtgärd:
…"). An auditor reads such a row as the record's: a heading is short and title-like and
stands before the rows it names, while this text is sentences, or opens with a label the
vocabulary maps to a record's free-text field, and comes after a record. The row does not
end the risk's span: the controls below with empty risk cells are still its controls.

:func:`record_text` tells such a text and splits it into its labelled parts;
:func:`default_field` says which field an unlabelled part fills.
"""

from __future__ import annotations

import re
from dataclasses import replace

from riskrad.extract.recognize.headings import is_capitals, is_numbered
from riskrad.extract.tableview import TableView, owners
from riskrad.model import vocabulary as vocab

# the fields running text under a record may fill, by the label that leads it
RISK_TEXT = frozenset({"description", "comment", "planned_handling", "existing_controls"})
CONTROL_TEXT = frozenset({"comment", "action", "planned_handling", "result", "method"})
TEXT_FIELDS = RISK_TEXT | CONTROL_TEXT

# a label at the text's start or after a sentence's end: "Kommentar: …", "Planerad åtgärd: …"
LABEL = re.compile(r"(?:^|(?<=[.!?])\s+|\n)\s*([^\W\d_][^\n:.!?;]{0,38}?)\s*:\s+")
SENTENCE_END = re.compile(r"[.!?…]\)?[\"”]?$")
MIN_PROSE_WORDS = 4  # a sentence has this many words at least ("Rutinen följs i huvudsak.")


def text_parts(text: str) -> list[tuple[str | None, str]]:
    """Given a cell's text, its parts by the field the label opening each names: the lead
    (None when it opens with no label the vocabulary reads as a record's free-text field)
    and each part after a sentence's end led by such a label ("… Planerad åtgärd: …").
    Labels naming other fields ("Område: …") are left in the text."""
    text = " ".join(text.split())
    cuts: list[tuple[int, int, str]] = []  # (label start, text start, field)
    for match in LABEL.finditer(text):
        field = vocab.classify_label(match.group(1))
        if field in TEXT_FIELDS:
            cuts.append((match.start(1), match.end(), field))
    parts: list[tuple[str | None, str]] = []
    start, name = 0, None
    for begin, end, field in cuts:
        if begin > start:
            lead = text[start:begin].strip()
            if lead:
                parts.append((name, lead))
        start, name = end, field
    rest = text[start:].strip()
    if rest:
        parts.append((name, rest))
    return parts


def is_prose(text: str) -> bool:
    """Given a text, whether it reads as running text: a sentence of MIN_PROSE_WORDS words
    or more ending with its stop, not a title ("Ekonomi", "1. Personal och arbetsmiljö")."""
    text = " ".join(text.split())
    return len(text.split()) >= MIN_PROSE_WORDS and SENTENCE_END.search(text) is not None


def record_text(text: str, *, heading_like: bool = False) -> list[tuple[str | None, str]] | None:
    """Given the text of a row's only cell (and whether it is set as a heading: bold,
    numbered or in capitals), its parts by field when it is a record's free text: led by a
    label naming a free-text field of a risk or control ("Beskrivning:", "Kommentar:",
    "Åtgärd:"), or running text (:func:`is_prose`) not set or numbered as a heading ("1.
    Ekonomi – forts." over a table's part on the next page); else None."""
    parts = text_parts(text)
    if not parts:
        return None
    lead, body = parts[0]
    if lead is not None or len(parts) > 1:  # labelled, or a label after its first sentence
        return parts
    if heading_like or is_numbered(body) or is_capitals(body) or not is_prose(body):
        return None
    return parts


def default_field(control_side: bool, outcomes: bool, named: str | None = None) -> str:
    """Given whether the unlabelled text lies under a control (its cell starts in the
    control's columns, or the record above is a control in a table reporting outcomes:
    result or status) and the field the table's header names for the records' text row
    (:func:`text_row_label`), the field it fills: the named one, else the control's comment,
    else the risk's description (a plan's or register's text under a risk row, its first
    control beside it, describes the risk)."""
    if named is not None:
        return named
    return "comment" if control_side or outcomes else "description"


TEXT_ROW_LABELS = frozenset({"description", "comment", "action", "planned_handling"})
MAX_LABEL_WORDS = 3  # words of a bare label ("Beskrivning av risken")
MAX_TEXT_ROW_LABELS = 2  # cells a header's row naming the records' text row holds at most


def text_row_label(view: TableView) -> TableView:
    """Given a mapped table, the same with the row under its header taken into the header
    when that row names each record's row of free text: one or two cells whose every text
    is a label of a free-text field ("Beskrivning" under "Risk", "Kommentar" under
    "Kontrollmoment"), no other text; the field kept as ``record_text`` (an unlabelled text
    row under a record fills it)."""
    grid = view.grid
    r = view.header_rows
    if r == 0 or r >= len(grid.rows) - 1:
        return view
    cover = owners(grid)
    cells = {id(c): c for c in cover[r] if c is not None and c.row == r and c.text.strip()}
    if not 1 <= len(cells) <= MAX_TEXT_ROW_LABELS:
        return view
    texts = [" ".join(c.text.split()).rstrip(":") for c in cells.values()]
    if any(":" in t or len(t.split()) > MAX_LABEL_WORDS for t in texts):
        return view  # a record's text led by its label ("Kommentar: …"), no bare label
    names = {vocab.classify_header(t) for t in texts}
    if len(names) != 1 or not names <= TEXT_ROW_LABELS:
        return view
    name = names.pop()
    if name in view.fields:  # a column of its own: the row is a record's, not a label
        return view
    return replace(view, header_rows=r + 1, record_text=name)
