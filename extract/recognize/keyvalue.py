"""Key-value layouts: "Label: value" lines and two-column label/value boxes.

A label is recognised by the same header vocabulary as a table column
("Risk:", "Riskvärde:", "Kontrollmoment:", "Ansvarig:", "Resultat:"), so a card
per risk or per control reads like a table row turned on its side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from riskrad.extract.blocks import Line, Paragraph, is_bullet_token
from riskrad.extract.choices import BOX, chosen, is_box_row
from riskrad.extract.tables import Grid, GridCell
from riskrad.extract.tableview import cell_of, owners
from riskrad.extract.unruled import header_segments
from riskrad.model import column_content
from riskrad.model import vocabulary as vocab
from riskrad.model.records import BBox, Cell, mean_confidence
from riskrad.model.risk_titles import valued_title
from riskrad.model.settings import UnruledSettings

LABEL = re.compile(r"^\s*([^:\n]{1,40}?)\s*:\s*(.*)$")
MIN_CARD_LABELS = 2
FORM_COLUMNS = 3  # a form: a label column and two value columns or more


@dataclass(frozen=True, slots=True)
class LabelLine:
    """One "Label: value" of a paragraph, with the lines that continue its value."""

    field: str
    value: str
    bbox: BBox
    confidence: float


LABEL_NUMBER = re.compile(r"\s+\d{1,2}[.:]?\s*$")  # a label's ordinal: "Kontroll 2"


def label_field(label: str) -> str | None:
    """Given a label's text (without the colon), the field it names, or None.

    Labels the contract has no field for (Status, Avvikelse, Rapporteras till)
    give ``vocab.IGNORED``: they end the value above without starting another.
    """
    field = vocab.classify_header(label)
    if field is None and (numbered := LABEL_NUMBER.sub("", label)) != label:
        field = vocab.classify_header(numbered)  # "Kontroll 2": the box's second control
    if field in (vocab.START_DATE, vocab.END_DATE):
        return None
    if field == vocab.STATUS:
        return vocab.IGNORED
    if field == vocab.TITLE:
        return "control"
    return field


def split_label(line: Line, gaps: UnruledSettings | None = None) -> tuple[str, str] | None:
    """Given a line, (field, value) when it starts with a label: "Label: value" or "Label   value".

    Without a colon the label must stand apart from its value by a wide gap
    (a label column of a box drawn without lines; ``gaps.column_gap`` says how wide).
    """
    match = LABEL.match(unbulleted(line.text))
    if match is not None:
        field = label_field(match.group(1))
        if field is None and is_box_row(match.group(2)):
            field = vocab.IGNORED  # a question answered by ticking a box: "Utförd: ☒ Ja ☐ Nej"
        if field is not None:
            return field, match.group(2).strip()
    answered = answered_question(unbulleted(line.text))
    if answered is not None:  # "Har kontrollen genomförts? ☒ Ja ☐ Nej", "Sannolikhet ☐ 1 ☒ 2"
        question, answer = answered
        return label_field(question.rstrip("?: ")) or vocab.IGNORED, answer
    segments = header_segments(
        line.words, max(line.font_size, 1.0), settings=gaps or UnruledSettings()
    )
    if len(segments) >= 2:
        field = label_field(" ".join(w.text for w in segments[0]))
        if field is not None:
            rest = [w for seg in segments[1:] for w in seg]
            return field, " ".join(w.text for w in rest)
    return None


def answered_question(text: str) -> tuple[str, str] | None:
    """Given a line's text, (question, answer) when it is a question or label followed by a row
    of boxes that answers it ("Har kontrollen genomförts? ☒ Ja ☐ Nej", "Avvikelser? Ja ☐ Nej ☒",
    "Sannolikhet ☐ 1 ☒ 2 ☐ 3"); else None."""
    first = BOX.search(text)
    if first is None:
        return None
    asked = text.rfind("?", 0, first.start()) + 1  # a question's end, else the first box
    cut = asked or first.start()
    question, answer = text[:cut].strip(), text[cut:].strip()
    if not question or not is_box_row(answer):
        return None
    return question, answer


def unbulleted(text: str) -> str:
    """Given a line's text, it without a list's bullet before it ("– Kontroll: …")."""
    first, _, rest = text.strip().partition(" ")
    return rest if rest and is_bullet_token(first) else text


NAMED_VALUES = frozenset({"control", "responsible", "frequency"})  # names, not sentences
INLINE_LABEL = re.compile(r"(?<=[.;])\s+([^\W\d_][\w /-]{0,30}?)\s*:\s+")
AFTER_VALUE = re.compile(r"^(\d{1,2}(?:\s*\(\w+\))?)\s+([^\W\d_][\w /-]{0,30}?)\s*:\s+")


def inline_labels(line: LabelLine) -> list[LabelLine]:
    """Given a "Label: value" line, it split where its value goes on with further labels the
    vocabulary reads after a sentence's end ("Kontroll: X. Ansvarig: Y. Frekvens: Z.") or
    after a value that is a number ("Sannolikhet: 3 Konsekvens: 1 Riskpoäng: 3")."""
    found = [line]
    while True:
        last = found[-1]
        valued = AFTER_VALUE.match(last.value)  # "Sannolikhet: 3 Konsekvens: 1 Risk: 3"
        if valued is not None and label_field(valued.group(2)) is not None:
            found[-1] = LabelLine(last.field, valued.group(1), last.bbox, last.confidence)
            rest = last.value[valued.end() :].strip()
            found.append(
                LabelLine(label_field(valued.group(2)) or "", rest, last.bbox, last.confidence)
            )
            continue
        for match in INLINE_LABEL.finditer(last.value):
            field = label_field(match.group(1))
            if field is None:
                continue
            head = last.value[: match.start()].strip()
            found[-1] = LabelLine(last.field, head, last.bbox, last.confidence)
            rest = last.value[match.end() :].strip()
            found.append(LabelLine(field, rest, last.bbox, last.confidence))
            break
        else:
            return found


def label_lines(paragraph: Paragraph, gaps: UnruledSettings | None = None) -> list[LabelLine]:
    """Given a paragraph, its "Label: value" lines (empty unless its first line is one).

    Lines without a label continue the value above (a wrapped value).
    """
    found: list[LabelLine] = []
    for line in paragraph.lines:
        labelled = split_label(line, gaps)
        confidence = mean_confidence(line.words, 0.0)
        if labelled is not None:
            found.append(LabelLine(labelled[0], labelled[1], line.bbox, confidence))
        elif not found:
            return []
        else:
            last = found[-1]
            value = f"{last.value}\n{line.text}" if last.value else line.text
            found[-1] = LabelLine(last.field, value, last.bbox.union(line.bbox), last.confidence)
    parts = [
        valued_risk(scored)
        for line in found
        for part in inline_labels(chosen_line(line))
        for scored in scored_values(part)
    ]
    if sum(len(inline_labels(line)) for line in found) == len(found):
        return parts
    return [  # labels written as sentences: a name's value without the full stop
        LabelLine(part.field, part.value.removesuffix("."), part.bbox, part.confidence)
        if part.field in NAMED_VALUES
        else part
        for part in parts
    ]


def chosen_line(line: LabelLine) -> LabelLine:
    """Given a label line, the line with its value the ticked box's label when the value is
    a row of boxes with one ticked ("Sannolikhet: ☐ 1 ☒ 2 ☐ 3" gives 2), empty when none or
    several are ticked."""
    value = chosen(line.value)
    return line if value is None else LabelLine(line.field, value, line.bbox, line.confidence)


RISK_NUMBER = re.compile(r"\d{1,2}(?:\s*(?:[–-]\s*\w+|\(\w+\)))?")  # "12", "12 – Hög"


def valued_risk(line: LabelLine) -> LabelLine:
    """Given a label line, the line; a "Risk:" label holding only a number ("Risk: 12",
    "Risk: 12 (Hög)") names the risk's value, not the risk (no risk is called "12")."""
    if line.field == "risk" and RISK_NUMBER.fullmatch(line.value.strip()):
        return LabelLine("risk_value", line.value, line.bbox, line.confidence)
    return line


SCORE = re.compile(  # "S 3, K 4, R 12", "Sannolikhet 3 / Konsekvens 4", "R = 12"
    r"\b(sannolikhet|konsekvens|riskvärde|risknivå|s|k|r)\s*[:=]?\s*(\d{1,2})\b", re.IGNORECASE
)
SCORE_FIELDS = {"s": "probability", "k": "consequence", "r": "risk_value"}


def scored_values(line: LabelLine) -> list[LabelLine]:
    """Given a line of a risk's assessment ("Riskbedömning: S 3, K 4, R 12"), a line for
    each value it names by its letter or word when it names two or more; else the line."""
    if line.field not in ("probability", "consequence", "risk_value", vocab.SK_PAIR):
        return [line]
    found: dict[str, str] = {}
    for match in SCORE.finditer(line.value):
        field = SCORE_FIELDS[match.group(1)[0].casefold()]
        found.setdefault(field, match.group(2))
    if len(found) < 2:
        return [line]
    return [LabelLine(f, v, line.bbox, line.confidence) for f, v in found.items()]


TITLE_LABEL_WORDS = 3  # a label alone across the box ("Riskbeskrivning") is no title


def title_row(grid: Grid) -> Cell | None:
    """Given a box of labels and values, its first row's title when that row is one cell
    across the box holding a title, not a label alone: the risk's title over its labels
    ("4. Brister i dokumentationen", "Risk 1: Felaktig periodisering" without its label)."""
    first = [c for c in grid.rows[0] if c is not None]
    if len(first) != 1 or first[0].col_span != grid.n_cols or first[0].row_span != 1:
        return None
    cell = cell_of(first[0])
    text = " ".join(cell.raw.split())
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and label_field(head) in ("risk", vocab.NUMBER):
        return replace(cell, raw=rest.strip(), text=None)  # "Risk 1: Felaktig …"
    if not text or (label_field(text.rstrip(": ")) is not None
                    and len(text.split()) <= TITLE_LABEL_WORDS):
        return None
    return cell


def titled_box(grid: Grid) -> bool:
    """Given a grid, whether it is a box of two columns under a title row (:func:`title_row`)
    with a label opening each further row: one risk's box, also when a page break cut it
    after a few rows (no header over rows of a table)."""
    if grid.n_cols != 2 or len(grid.rows) < 2 or title_row(grid) is None:
        return False
    cover = owners(grid)
    return all(
        (cell := cover[r][0]) is not None and cell.col_span == 1
        and label_field(cell.text.strip().rstrip(": ")) is not None
        for r in range(1, len(grid.rows))
    )


def label_rest_form(grid: Grid, cover: list[list[GridCell | None]], start: int) -> bool:
    """Given a box of three columns or more (its cover and first row after a title), whether
    it is a form of a label column and values across the rest: on most rows one cell spans
    every column right of the label ("Ansvarig | Ekonomichef" over four columns) or the cells
    there are a row of boxes on a scale ("Sannolikhet | ☐ 1 | ☒ 2 | ☐ 3 | ☐ 4"), and no row
    holds text in two cells right of its label that are no row of boxes (a box of label/value
    pairs side by side: "Riskkategori | X | Sannolikhet | 3")."""
    rows = range(start, len(grid.rows))
    if grid.n_cols < FORM_COLUMNS or not rows:
        return False
    across = 0
    for r in rows:
        cell = cover[r][1]
        if cell is not None and cell.col == 1 and cell.col_span == grid.n_cols - 1:
            across += 1
            continue
        value = row_value(cover, r, 1)
        boxes = value is not None and is_box_row(value.raw)
        held = {c for c in cover[r][1:] if c is not None and c.text.strip()}
        if len(held) > 1 and not boxes:
            return False
        across += boxes
    return across >= 0.5 * len(rows)


def row_value(cover: list[list[GridCell | None]], r: int, first: int) -> Cell | None:
    """Given a grid's cover, a row and the first value column, the row's value right of its
    label: the one cell there, or the cells' text joined (a row of boxes, one per cell)."""
    cells = list(dict.fromkeys(c for c in cover[r][first:] if c is not None))
    if not cells or any(c.row != r for c in cells):
        return None
    parts = [cell_of(c) for c in cells]
    text = " ".join(p.raw.strip() for p in parts if p.raw.strip())
    if not text:
        return None
    box = parts[0].bbox
    for part in parts[1:]:
        box = part.bbox if box is None else box if part.bbox is None else box.union(part.bbox)
    confidence = sum(p.confidence for p in parts) / len(parts)
    return Cell(text, 0, box, confidence)


def choice_cell(cell: Cell) -> Cell | None:
    """Given a value's cell, the label of its ticked box when it is a row of boxes with one
    ticked ("☐ 1 ☒ 2 ☐ 3" gives 2, "☒ Ja ☐ Nej" gives Ja), None when none or several are
    ticked (no value chosen); else the cell."""
    value = chosen(cell.raw)
    if value is None:
        return cell
    if not value:
        return None
    number = int(value) if value.isdigit() else None
    return replace(cell, raw=value, text=None, number=number)


def card_fields(grid: Grid, min_labels: int = MIN_CARD_LABELS) -> list[tuple[str, Cell]]:
    """Given a table no header maps, its (field, value) pairs when it is a label/value box.

    Label columns are the even columns of a 2- or 4-column table, or the first column of a
    form whose values span the columns right of it (:func:`label_rest_form`); a box needs
    two labels the vocabulary knows (``min_labels``), and labels on most of its rows (also
    those it names to be left out: "Rapporteras till", "Åtgärdsansvarig", "Klart datum").
    A value that is a row of boxes is the ticked box's label; a question the vocabulary does
    not name answered by ticking a box ("Har kontrollen genomförts? ☒ Ja ☐ Nej") is a row
    of the box left out.
    """
    if len(grid.rows) < min_labels:
        return []
    cover = owners(grid)
    title = title_row(grid)
    start = 1 if title is not None else 0
    form = label_rest_form(grid, cover, start)
    if not form and grid.n_cols not in (2, 4):
        return []
    found: list[tuple[str, str, Cell | None]] = []  # field, label, value
    labelled_rows = 0
    if title is not None:  # the box's first row across it: its risk's title
        found.append(("risk", "", title))
        labelled_rows += 1
    for r in range(start, len(grid.rows)):
        row_labelled = False
        for c in range(0, 1 if form else grid.n_cols, 2):
            label = cover[r][c]
            if label is None or label.col != c:
                continue
            if form and (label.row != r or label.col_span != 1):
                continue
            if form:
                read = row_value(cover, r, 1)
            else:
                value = cover[r][c + 1]
                if value is None or value.col != c + 1 or value.row != r:
                    continue
                read = cell_of(value) if value.text.strip() else None
            field = label_field(label.text.rstrip(": "))
            if field is None and read is not None and is_box_row(read.raw):
                field = vocab.IGNORED  # a question answered by ticking a box
            cell = None if read is None else choice_cell(read)
            if field is None:
                continue
            row_labelled = True  # a label the vocabulary knows, a field's or one left out
            if field == "risk" and title is not None:
                field = "description"  # under the title, "Riskbeskrivning" describes it
            found.append((field, label.text, cell))
        labelled_rows += row_labelled
    named: list[str | None] = [f for f, _, _ in found]
    fields = vocab.named_twice(named, named, [label for _, label, _ in found])
    pairs = [
        (field, Cell(cell.raw, grid.page, cell.bbox, cell.confidence, number=cell.number))
        for field, (_, _, cell) in zip(fields, found, strict=True)
        if field is not None and field != vocab.IGNORED and cell is not None
    ]
    if len({f for f, _ in pairs}) < min_labels or labelled_rows < 0.6 * len(grid.rows):
        return []
    return pairs


def form_box(grid: Grid) -> bool:
    """Given a grid, whether it is a form of labels and values across the columns right of
    them (:func:`label_rest_form`) the vocabulary reads as a box: no header over columns,
    also when its label row opens it ("Beskrivning av risk | …" over the boxes of S and K)."""
    if grid.n_cols < FORM_COLUMNS or len(grid.rows) < MIN_CARD_LABELS:
        return False
    start = 1 if title_row(grid) is not None else 0
    return label_rest_form(grid, owners(grid), start) and bool(card_fields(grid))


def opening_fields(grid: Grid) -> list[tuple[str, Cell]]:
    """Given a table no header maps, its (field, value) pairs when it is the first rows of a
    label/value box a page break cut: every row labelled, the first naming a risk or a
    control ("Risk | Fel i vattenförsörjningen" at a page's foot)."""
    pairs = card_fields(grid, min_labels=1)
    if not pairs or pairs[0][0] not in ("risk", "control") or len(pairs) != len(grid.rows):
        return []
    return pairs


OWNED = re.compile(r"^(?P<what>.*\S)\s*\((?P<who>[^()]{2,80})\)\s*\.?$", re.DOTALL)


def owned_parts(text: str) -> list[tuple[str, str]] | None:
    """Given a control's text with its owner and frequency in brackets ("Kontroll av …
    (HR-chef, Kvartalsvis)"), the control, owner and frequency as (field, value) pairs;
    None when the brackets hold anything else (or there are none)."""
    owned = OWNED.match(text)
    if owned is None:
        return None
    found = [("control", owned.group("what"))]
    for part in owned.group("who").split(","):
        kind = column_content.item_field(part.strip())
        if kind is None:
            return None
        found.append((kind, part.strip()))
    return found


def bullet_lines(paragraph: Paragraph) -> list[LabelLine]:
    """Given a bullet paragraph without labels, the fields it writes without them: a risk's
    assessment ("• Sannolikhet 3, konsekvens 1, riskvärde 3") or a control with its owner
    and frequency in brackets ("• Kontroll av … (HR-chef, Kvartalsvis)"); else nothing."""
    text = unbulleted(" ".join(line.text for line in paragraph.lines))
    box, confidence = paragraph.bbox, mean_confidence(paragraph.words, 0.0)
    scored = scored_values(LabelLine("risk_value", text, box, confidence))
    if len(scored) > 1:
        return scored
    alone = SCORE.fullmatch(text.strip().rstrip("."))
    if alone is not None:  # "– Riskvärde 12"
        field = SCORE_FIELDS[alone.group(1)[0].casefold()]
        return [LabelLine(field, alone.group(2), box, confidence)]
    parts = owned_parts(text)
    return [LabelLine(f, v, box, confidence) for f, v in parts] if parts else []


# a label inside running text: at the text's start or after a sentence's or a part's end
# ("… resultatet. Kontroll: X. Ansvarig: Y, frekvens: Z.")
RUNNING_LABEL = re.compile(r"(?:^|(?<=[.;,]))\s*(?P<label>[^\W\d_][\w /-]{0,30}?)\s*:\s+")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def running_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Given running text after a risk's title, the text before its first label (the risk's
    cause) and its labelled parts as (field, value), in order: labels the vocabulary reads,
    at the text's start or after a sentence's or a part's end ("Kontroll: X. Ansvarig: Y,
    frekvens: Z."); labels it leaves out (Status) end the value before them."""
    cuts: list[tuple[int, int, str]] = []  # label start, value start, field
    for match in RUNNING_LABEL.finditer(text):
        field = label_field(match.group("label"))
        if field is not None:
            cuts.append((match.start("label"), match.end(), field))
    if not cuts:
        return text.strip(), []
    parts = [
        (field, text[begin : ends].strip().rstrip(",;").strip())
        for (_, begin, field), ends in zip(
            cuts, [c[0] for c in cuts[1:]] + [len(text)], strict=True
        )
    ]
    return text[: cuts[0][0]].strip(), [(f, v) for f, v in parts if f != vocab.IGNORED]


def risk_paragraph(paragraph: Paragraph, max_title: int) -> list[LabelLine]:
    """Given a paragraph, the fields it gives as one risk written in running text: a numbered
    title stating the risk's values ("2.3 Title (S 3, K 4, R 12)."), its cause, then its
    controls as labelled parts ("Kontroll: X. Ansvarig: Y, frekvens: Z.", "Kontrollmoment:
    X (Y, Z). Metod: …") or as sentences naming their owner and frequency in brackets
    ("Kontroll av X (Y, Z)."); empty for any other paragraph."""
    if paragraph.is_bullet:
        return []
    opened = valued_title(paragraph.text.strip(), max_title)
    if opened is None:
        return []
    _, title, values, rest = opened
    box, confidence = paragraph.bbox, mean_confidence(paragraph.words, 0.0)
    fields: list[tuple[str, str]] = [("risk", title), *values.items()]
    cause, labelled = running_labels(rest)
    sentences = [s for s in SENTENCE.split(cause) if s.strip()]
    owned = next((i for i, s in enumerate(sentences) if owned_parts(s.strip())), None)
    if owned is not None:  # controls written as sentences, no label
        cause = " ".join(sentences[:owned])
        for sentence in sentences[owned:]:
            parts = owned_parts(sentence.strip())
            fields.extend(parts or [("description", sentence.strip())])
    if cause.strip():
        fields.insert(1 + len(values), ("description", cause.strip()))
    for field, value in labelled:
        parts = owned_parts(value) if field == "control" else None
        fields.extend(parts or [(field, value)])
    return [
        LabelLine(field, value.strip().removesuffix(".") if field in NAMED_VALUES else value,
                  box, confidence)
        for field, value in fields
        if value.strip()
    ]
