"""Lists inside a cell: a Kontrollmoment cell that lists several controls as items.

Word plans often give a risk one row whose control cell lists its controls
("• Stickprov på fakturor" / "• Avstämning av avtal", or "1. …" / "2. …"), with one
Ansvarig and one Frekvens for them all. Each item is a control of its own. A list
led by a line that is not an item ("Kontroll av att:" / "- attest sker") is one
control whose text is a list, and stays whole.
"""

from __future__ import annotations

from riskrad.extract.recognize.item_parts import owner_and_frequency
from riskrad.model.records import Cell
from riskrad.model.text import GLYPH_ITEM, NUMBER_ITEM, item_mark


def strip_mark(line: str) -> str:
    """Given an item's first line, the line without its mark."""
    match = GLYPH_ITEM.match(line) or NUMBER_ITEM.match(line)
    return line[match.end() :] if match is not None else line


def item_starts(lines: list[str]) -> list[int] | None:
    """Given a cell's lines, the indexes where its items start, or None when the cell is
    not a list of items: the first line is an item, every item has the first one's kind
    of mark, and numbered items count 1, 2, 3 …"""
    first = item_mark(lines[0]) if lines else None
    if first is None:
        return None
    starts: list[int] = []
    for index, line in enumerate(lines):
        mark = item_mark(line)
        if mark is None or mark[0] != first[0]:
            continue
        if mark[1] is not None and mark[1] != len(starts) + 1:
            return None if index == 0 else starts
        starts.append(index)
    if first[1] is not None and len(starts) < 2:
        return None  # "1. Attest" alone is not a list: its number may be the control's own
    return [s for s in starts if s == starts[0] or not rest_of_item(lines, s, starts)]


def rest_of_item(lines: list[str], start: int, starts: list[int]) -> bool:
    """Given a cell's lines, an item's start and all starts, whether the item is the rest of
    the one above (in the cell, or before a page break): a dash-marked line naming only its
    responsible and frequency ("– Registrator, Kvartalsvis" under "– Kontroll av …" where
    the line broke at the dash that sets them apart)."""
    if item_mark(lines[start]) not in DASH_MARKS:
        return False
    end = next((s for s in starts if s > start), len(lines))
    return owner_and_frequency("\n".join([strip_mark(lines[start]), *lines[start + 1 : end]]))


DASH_MARKS = frozenset({("–", None), ("-", None), ("—", None)})


def split_items(cell: Cell) -> list[Cell]:
    """Given a cell, one cell per item when it lists items, else the cell itself (a lone
    item loses its mark: "• Avstämning" is the control "Avstämning")."""
    lines = cell.raw.split("\n")
    starts = item_starts(lines)
    if not starts:
        return [cell]
    ends = [*starts[1:], len(lines)]
    items: list[Cell] = []
    for start, end in zip(starts, ends, strict=True):
        text = "\n".join([strip_mark(lines[start]), *lines[start + 1 : end]]).strip()
        if text:
            items.append(Cell(text, cell.page, cell.bbox, cell.confidence))
    return items or [cell]


def split_row_items(cells: dict[str, Cell]) -> list[dict[str, Cell]]:
    """Given a row's control cells, one set of cells per control: one per item of the
    control cell, each with its own item of another cell listing as many items, else
    with that cell's whole text (one Ansvarig for the list); a row without a list, as is."""
    control = cells.get("control")
    items = split_items(control) if control is not None else []
    if len(items) < 2:
        if control is not None and items and items[0] is not control:
            return [{**cells, "control": items[0]}]
        return [cells]
    others = {name: split_items(cell) for name, cell in cells.items() if name != "control"}
    out: list[dict[str, Cell]] = []
    for index, item in enumerate(items):
        row = {"control": item}
        for name, cell in cells.items():
            if name != "control":
                listed = others[name]
                row[name] = listed[index] if len(listed) == len(items) else cell
        out.append(row)
    return out


def list_mark(cell: Cell | None) -> str | None:
    """Given a control cell, the kind of mark its first line carries as an item, or None."""
    if cell is None:
        return None
    mark = item_mark(cell.raw.split("\n", 1)[0])
    return mark[0] if mark is not None else None


def continued_items(cell: Cell, mark: str) -> tuple[Cell | None, list[Cell]]:
    """Given the rest of a listing cell split by a page break and the list's mark, the
    text that ends the last item (or None) and the items that follow it."""
    lines = cell.raw.split("\n")
    starts = [i for i, line in enumerate(lines) if (m := item_mark(line)) and m[0] == mark]
    starts = [i for i in starts if not rest_of_item(lines, i, starts)]
    if not starts:
        return cell, []
    head_text = "\n".join(lines[: starts[0]]).strip()
    head = Cell(head_text, cell.page, cell.bbox, cell.confidence) if head_text else None
    numbers = [number for i in starts if (m := item_mark(lines[i])) and (number := m[1])]
    if numbers and numbers == list(range(numbers[0], numbers[0] + len(starts))):
        ends = [*starts[1:], len(lines)]  # numbered on from the page before: "2." / "3."
        items = [
            Cell(text, cell.page, cell.bbox, cell.confidence)
            for start, end in zip(starts, ends, strict=True)
            if (text := "\n".join([strip_mark(lines[start]), *lines[start + 1 : end]]).strip())
        ]
        return head, items
    listed = Cell("\n".join(lines[starts[0] :]), cell.page, cell.bbox, cell.confidence)
    items = split_items(listed)
    return head, items if items[0] is not listed else []
