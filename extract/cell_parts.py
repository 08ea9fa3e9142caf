"""Two fields or more in one cell: the parts a column's header or a cell's labels name.

Word templates put fields that go together in one cell: a control's responsible and
frequency under "Ansvarig / när" ("Ekonomichef" / "Kvartalsvis" one under the other,
"Ekonomichef, Kvartalsvis", "Ekonomichef – Kvartalsvis"), a control and its method under
"Kontrollmoment och metod" ("Kontroll av …" / "Metod: Stickprov …", or the control in bold
over its method in plain type). The header names the fields in the order the cell holds
them (``vocabulary.listed_fields``); labels at the cells' lines ("Metod:", "Hur:") say it
too. A cell is split where its parts show: labels, a separator between as many parts as
the header names, or its lines where a part starts (a line opening with a capital; a
wrapped line goes on in small letters); each part's field is the header's, unless its
words say it is another (``column_content.item_field``). A cell that shows no such parts
stays whole in the column's own field.
"""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from riskrad.extract.tables import GridCell, words_to_lines, words_to_text
from riskrad.model import column_content
from riskrad.model import vocabulary as vocab
from riskrad.model.records import Cell, Word, mean_confidence

SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*[/,;]\s*")  # "X – Y", "X / Y", "X, Y" ("HR-chef" kept)
LINE_LABEL = re.compile(r"^([^\W\d_][\w /-]{0,30}?)\s*:\s*")  # "Metod:", "Hur:" at a line's start
PART_WORDS = 6  # an owner or a frequency is a few words; more is a sentence
BRACKETS = (("(", ")"), ("[", "]"))


def assigned(parts: list[str], order: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """Given a cell's parts and the fields its header names in order, each part's field: the
    header's where as many parts stand, one at least saying by its words that it is its
    field and none that it is another; else by their words when every part says which
    field of the header it is, none twice; else None."""
    if len(parts) != len(order) or any(not p or len(p.split()) > PART_WORDS for p in parts):
        return None
    kinds = [column_content.item_field(p) for p in parts]
    agreeing = any(k == f for k, f in zip(kinds, order, strict=True))
    if agreeing and all(k in (None, f) for k, f in zip(kinds, order, strict=True)):
        return list(zip(order, parts, strict=True))
    if all(k is not None for k in kinds) and sorted(map(str, kinds)) == sorted(order):
        return [(k, p) for k, p in zip(kinds, parts, strict=True) if k is not None]
    return None


def line_groups(lines: list[str], count: int) -> list[list[str]]:
    """Given a cell's lines and a number of parts, the ways to cut the lines into that many
    parts where each part opens with a line starting with a capital or a digit (a wrapped
    line goes on in small letters: "Vid" / "delårsbokslut", "Medicinskt ansvarig" /
    "sjuksköterska")."""
    starts = [
        i for i, line in enumerate(lines) if i > 0 and (line[:1].isupper() or line[:1].isdigit())
    ]
    found = []
    for cut in combinations(starts, count - 1):
        bounds = [0, *cut, len(lines)]
        found.append(["\n".join(lines[a:b]) for a, b in pairwise(bounds)])
    return found


def listed_parts(text: str, order: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """Given a cell's text and the fields its column's header names in order (two or more:
    "Ansvarig / när"), its parts by field: split at a separator into as many parts as
    fields ("Ekonomichef / Kvartalsvis", "Ekonomichef, Kvartalsvis", "Ekonomichef –
    Kvartalsvis"), else at its lines (one under the other); None when neither gives parts
    the fields fit (:func:`assigned`), or more than one way of cutting its lines does."""
    split = assigned([p.strip() for p in SEPARATOR.split(text.strip())], order)
    if split is not None:
        return split
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    fits = [found for parts in line_groups(lines, len(order)) if (found := assigned(parts, order))]
    return fits[0] if len(fits) == 1 else None


def balanced(text: str) -> bool:
    """Given a text, whether each bracket it opens it closes."""
    return all(text.count(a) == text.count(b) for a, b in BRACKETS)


def part_cell(words: list[Word], page: int) -> Cell:
    """Given a part's words and its page, the part as a cell."""
    box = words[0].bbox
    for word in words[1:]:
        box = box.union(word.bbox)
    return Cell(words_to_text(words), page, box, mean_confidence(words, 1.0))


def labelled_lines(
    cell: GridCell, page: int, allowed: frozenset[str], *, alone: bool = False
) -> list[tuple[str, Cell]] | None:
    """Given a cell, its page and the fields its parts may be, the cell's text split where
    its lines open with labels naming those fields ("Kontroll av …" / "Metod: Stickprov …",
    "Hur: …"): the lines before the first label the column's own field's (as ``""``), then
    each labelled part; None when fewer than two parts are found, a line opens with a label
    of another field or of one twice, or a bracket before the labels stays open (a label
    inside it: "[Ansvarig: …" / "Frekvens: …]"). With ``alone`` (the header names the
    fields), a cell of one labelled part only is that part (the rest of a cell a page break
    cut: "Hur: …" atop the page)."""
    lines = words_to_lines(cell.words)
    parts: list[tuple[str, list[Word]]] = [("", [])]
    for line in lines:
        text = " ".join(w.text for w in line)
        label = LINE_LABEL.match(text)
        field = vocab.classify_header(label.group(1)) if label is not None else None
        if label is not None and field is not None:
            if field not in allowed or any(f == field for f, _ in parts):
                return None
            taken = len(label.group(0).rstrip().split())
            parts.append((field, list(line[taken:])))
        else:
            parts[-1][1].extend(line)
    head = parts[0][1]
    if not head:  # every line labelled ("Ansvarig: …" / "Frekvens: …")
        parts = parts[1:]
    if alone and not head and len(parts) == 1 and parts[0][1]:  # "Hur: …" atop a page: a
        return [(parts[0][0], part_cell(parts[0][1], page))]  #    part of the cell above
    if len(parts) < 2 or not balanced(" ".join(w.text for w in head)):
        return None
    if any(not words for _, words in parts):
        return None
    return [(field, part_cell(words, page)) for field, words in parts]


def labelled_text(
    text: str, allowed: frozenset[str], *, opening: bool = True
) -> tuple[str, list[tuple[str, str]]] | None:
    """Given a control's text and the fields its parts may be, the text before its first
    line opening with a label of those fields and the labelled parts after it ("Kontroll av
    att reservrutiner finns" / "och är kända" / "Metod: Genomgång …": a cell a page break
    cut, read whole); None as :func:`labelled_lines` says. Without ``opening`` the text may
    open with a label (the rest of a cell: "Hur: …" under a header repeated on the next
    page)."""
    head: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        label = LINE_LABEL.match(line.strip())
        field = vocab.classify_header(label.group(1)) if label is not None else None
        if label is not None and field is not None:
            if field not in allowed or any(f == field for f, _ in parts):
                return None
            parts.append((field, [line.strip()[label.end() :]]))
        elif parts:
            parts[-1][1].append(line)
        else:
            head.append(line)
    what = "\n".join(head).strip()
    found = [(field, "\n".join(lines).strip()) for field, lines in parts]
    if (opening and not what) or not found or not balanced(what) or not all(v for _, v in found):
        return None
    return what, found


def bold_head(cell: GridCell, page: int) -> tuple[Cell, Cell] | None:
    """Given a cell and its page, its lines in bold and those under them in plain type,
    when it opens with whole lines in bold and goes on in plain type only; else None."""
    lines = words_to_lines(cell.words)
    lead = next((i for i, line in enumerate(lines) if not all(w.bold for w in line)), len(lines))
    if lead == 0 or lead == len(lines) or any(w.bold for line in lines[lead:] for w in line):
        return None
    head = [w for line in lines[:lead] for w in line]
    rest = [w for line in lines[lead:] for w in line]
    return part_cell(head, page), part_cell(rest, page)


def shared_cell(
    cell: GridCell, page: int, field: str, rest: tuple[str, ...], *, listed: bool
) -> dict[str, Cell] | None:
    """Given a cell, its page, its column's field, the further fields the column holds and
    whether its header names them (else they are the fields its lines' labels may name),
    the cell's parts by field, or None when it shows none.

    Its lines' labels ("Metod: …", "Hur: …", "Ansvarig: …"); else, where the header names
    the fields: a control's cell its control in bold over its method in plain type (the
    header naming the method alone after it), any other cell its parts at a separator or
    its lines (:func:`listed_parts`)."""
    labelled = labelled_lines(cell, page, frozenset((field, *rest)), alone=listed)
    if labelled is not None:
        return {field if f == "" else f: c for f, c in labelled}
    if not listed:
        return None
    if field == "control":
        if rest != ("method",):
            return None
        bold = bold_head(cell, page)
        return None if bold is None else {"control": bold[0], "method": bold[1]}
    found = listed_parts(cell.text, (field, *rest))
    if found is None:
        return None
    whole = Cell(cell.text, page, cell.bbox, mean_confidence(cell.words, 1.0))
    return {f: Cell(text, page, whole.bbox, whole.confidence) for f, text in found}
