"""Layout mechanisms on hand-built pages (words with boxes, rules and fills; no PDF).

Unruled tables whose rows are marked by rules or fills (merged cells kept), a header
stated once that applies to the header-less rows after it on later pages (drawn a little
aside), a two-level header whose group label wraps, words broken in narrow cells, and
label/value cards (several controls, a card broken by a page, "Process" above "Risk").
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from riskrad.extract.blocks import Line, split_page
from riskrad.extract.recognize import recognise
from riskrad.extract.tables import Grid, GridCell, join_stacked
from riskrad.extract.unruled import body_lines, common_starts, ends_cut_cell, split_columns
from riskrad.model.records import (
    BBox,
    Fill,
    PageDecision,
    PageRecord,
    RawControl,
    RawRisk,
    Ruling,
    Word,
)

SIZE = 8.0
CHAR = 4.0  # points per character at SIZE
LINE = 10.0
SIZE_WORD = Word("x", BBox(0, 0, 4, SIZE), font_size=SIZE)


def words(x: float, top: float, text: str, bold: bool = False) -> list[Word]:
    """Given a start, a line top and a text, its words at SIZE."""
    out = []
    for token in text.split():
        width = len(token) * CHAR
        out.append(Word(token, BBox(x, top, x + width, top + SIZE), font_size=SIZE, bold=bold))
        x += width + 2.5
    return out


def page(
    number: int, items: list[Word], rulings: list[Ruling] | None = None,
    fills: list[Fill] | None = None,
) -> PageRecord:
    """Given a page number, its words, rules and fills, the page record."""
    return PageRecord(
        number, 842, 595, tuple(items), tuple(rulings or ()), PageDecision("text", "test"),
        fills=tuple(fills or ()),
    )


def text(risk: RawRisk, name: str) -> str | None:
    """Given a risk and a field, the field's text on one line."""
    cell = risk.fields.get(name)
    return None if cell is None else " ".join(cell.raw.split())


def row(top: float, cells: dict[float, str], bold: bool = False) -> list[Word]:
    """Given a line top and texts by column start, the line's words."""
    return [w for x, t in cells.items() for w in words(x, top, t, bold)]


COLUMNS = (60.0, 200.0, 240.0, 280.0, 460.0)  # Risk | S | K | Kontrollmoment | Ansvarig
HEADER = dict(zip(COLUMNS, ("Risk", "S", "K", "Kontrollmoment", "Ansvarig"), strict=True))


def test_rules_between_lines_mark_rows_and_a_merged_risk_cell_spans_its_controls() -> None:
    items = words(60, 40, "Internkontrollplan 2024") + row(80, HEADER, bold=True)
    # risk 1 over two controls: its text wraps onto a second line inside the merged cell
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll", 460: "Ekonomichef"})
    items += row(110, {60: "till leverantörer"})
    items += row(124, {280: "Kontroll av bankuppgifter", 460: "Controller"})
    items += row(144, {60: "Sena rapporter", 200: "3", 240: "3", 280: "Uppföljning", 460: "Rektor"})
    rulings = [
        Ruling(58, 95, 700, 95),  # under the header
        Ruling(278, 121, 700, 121),  # between the controls only: the risk cells are merged
        Ruling(58, 140, 700, 140),
        Ruling(58, 160, 700, 160),
    ]
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [text(r, "risk") for r in risks] == [
        "Felaktiga utbetalningar till leverantörer",
        "Sena rapporter",
    ]
    assert [text(c, "control") for c in risks[0].controls] == [
        "Attestkontroll",
        "Kontroll av bankuppgifter",
    ]
    assert text(risks[1], "probability") == "3"


def test_a_row_drawn_a_little_aside_keeps_its_columns() -> None:
    # the last row (and its rule) stands 6 points left of the header's columns, more than
    # the start tolerance: its risk text must not fall into the column before it
    items = row(80, HEADER, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll", 460: "Ekonomichef"})
    items += row(120, {x - 6: t for x, t in {60: "Sena rapporter", 200: "3", 240: "1",
                                              280: "Uppföljning", 460: "Rektor"}.items()})
    risks = list(recognise([page(1, items)]).risks)
    assert [(text(r, "risk"), text(r, "probability")) for r in risks] == [
        ("Felaktiga utbetalningar", "2"),
        ("Sena rapporter", "3"),
    ]
    assert text(risks[1].controls[0], "responsible") == "Rektor"


def line_of(items: list[Word]) -> Line:
    """Given a line's words, the line."""
    box = BBox(min(w.bbox.x0 for w in items), min(w.bbox.top for w in items),
               max(w.bbox.x1 for w in items), max(w.bbox.bottom for w in items))
    return Line(tuple(items), 1, box, SIZE, all(w.bold for w in items))


def test_a_section_row_standing_apart_from_its_rows_stays_in_the_table() -> None:
    # the section row (across two columns) has more space under it (17 points) than the
    # table's row gap (1.6 x 8 points)
    lines = [
        line_of(words(60, 102, "Ekonomi, upphandling och inköp av varor och tjänster",
                      bold=True)),
        line_of(row(127, {60: "Felaktiga utbetalningar", 200: "2", 280: "Attestkontroll"})),
        line_of(row(139, {60: "Sena rapporter", 200: "3", 280: "Uppföljning"})),
    ]
    found = body_lines(lines, [60.0, 200.0, 280.0], SIZE)
    assert [section for _, section, _, _ in found] == [True, False, False]
    # without a section row above it, the same gap ends the table
    lower = replace(lines[1], bbox=replace(lines[1].bbox, top=152.0, bottom=160.0))
    assert len(body_lines([lines[1], lower], [60.0, 200.0, 280.0], SIZE)) == 1


def test_a_parts_shared_column_starts_leave_out_prose_set_further_left() -> None:
    # word_tab_stops tune seed 7: a part of three columns, then prose 3 points further
    # left within the lines looked at; the prose's starts made a fourth column of three
    rows = [
        row(100, {60: "Felaktiga", 150: "Ofta (3)", 230: "Kontroll"}),
        row(110, {60: "utbetalningar", 150: "(3)", 230: "av attest"}),
        row(125, {60: "Sena rapporter", 150: "Sällan", 230: "Uppföljning"}),
        row(135, {60: "till nämnden", 150: "(1)", 230: "av rapporter"}),
    ]
    prose = [words(57, 150, "Sammanfattning"), words(57, 162, "Planen följs upp vid bokslut.")]
    lines = [line_of(items) for items in [*rows, *prose]]
    assert common_starts(lines, 3) == [60.0, 150.0, 230.0]


def test_a_line_going_on_in_small_letters_across_two_cells_is_no_section_row() -> None:
    # report_heading_rows_follow_up tune seed 23: a row's last lines hold text in two cells
    # that almost touch ("ärenden uppfyllde plan."): one run of words ending in a full stop
    # read as prose across the table, so the table ended there
    lines = [
        line_of(row(100, {60: "Kontroll av", 150: "Kontrollen är", 230: "Kontrollen"})),
        line_of(words(160, 110, "ärenden uppfyllde") + words(230, 110, "plan.")),
        line_of(row(125, {60: "Uppföljning av", 150: "Inga", 230: "Ingen åtgärd"})),
    ]
    found = body_lines(lines, [60.0, 150.0, 230.0], SIZE)
    assert [section for _, section, _, _ in found] == [False, False, False]


@pytest.mark.parametrize(
    ("x", "text", "rest"),
    [
        (170.0, "ärenden uppfyllde kraven.", True),  # a later column's cell going on
        (170.0, "verksamhetssystemens leverantörsavtal", False),  # a word across a column
        (60.0, "dokumenthanteringsplanen", True),  # the first column's, in small letters
        (60.0, "B. Ekonomi", False),  # a heading above the next part
        (280.0, "kontroll", False),  # a label's last piece ("Ansvarig för" / "kontroll")
        (286.0, "uppfyllde kraven.", False),  # not at the column's start
    ],
)
def test_a_page_opening_with_one_cells_rest_goes_on_with_the_row_the_break_cut(
    x: float, text: str, rest: bool
) -> None:
    # report_heading_rows_follow_up tune seed 13: "ärenden uppfyllde kraven." alone atop
    # page 3 under Utfall was taken for a heading above the next part and lost
    assert ends_cut_cell(line_of(words(x, 40, text)), [60.0, 170.0, 280.0, 380.0]) is rest


def test_a_page_opening_with_two_cells_rests_almost_touching_goes_on_with_the_row() -> None:
    # report_heading_rows_follow_up tune seed 59: "verksamhetssystem." under Utfall and
    # "medarbetare." under Åtgärd, 5 pt apart: one run of words across two columns
    line = line_of(words(170, 40, "grund av verksamhetssystem.") + words(280, 40, "medarbetare."))
    assert ends_cut_cell(line, [60.0, 170.0, 280.0, 380.0])


def test_three_labels_packed_in_one_header_cell_split_when_every_new_column_is_named() -> None:
    # follow_up_action_owner tune seed 4 (LibreOffice): "S", "Konsekve|ns" and "Risk
    # (S×K)" over three narrow columns closer than a column gap; split at "Konsekve" alone
    # or at "Risk" alone, one cell still held two labels and named nothing more, so the
    # three stayed one column ("2 2 4" read as S)
    header = [
        line_of(row(100, {60: "Risk", 182: "S", 190: "Konsekve", 226: "Risk", 272: "Kontroll"})),
        line_of(row(110, {190: "ns", 226: "(S×K)"})),
    ]
    body = [
        line_of(row(125 + 12 * i, {60: "Brister", 182: "2", 190: "3", 226: "6", 272: "Kontroll"}))
        for i in range(4)
    ]
    assert split_columns(header, body, [60.0, 182.0, 272.0]) == [60.0, 182.0, 190.0, 226.0, 272.0]


def test_a_later_part_on_tab_stops_a_little_apart_column_by_column_continues_the_table() -> None:
    # section B's rows have no header; its first column starts where section A's does, the
    # others stand 9 points further right (other tab stops): no single shift fits them
    items = words(60, 60, "A. Ekonomi", bold=True) + row(80, HEADER, bold=True)
    items += row(96, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                      280: "Attestkontroll", 460: "Ekonomichef"})
    items += words(60, 120, "B. Personal", bold=True)
    items += row(136, {60: "Sena rapporter", 209: "3", 249: "1", 289: "Uppföljning",
                       469: "Rektor"})
    risks = list(recognise([page(1, items)]).risks)
    assert [(text(r, "risk"), text(r, "probability"), text(r, "process")) for r in risks] == [
        ("Felaktiga utbetalningar", "2", "Ekonomi"),
        ("Sena rapporter", "3", "Personal"),
    ]
    assert text(risks[1].controls[0], "responsible") == "Rektor"


def test_without_rules_a_coloured_value_cell_does_not_mark_a_row() -> None:
    items = row(80, HEADER, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll av alla", 460: "Ekonomichef"})
    items += row(110, {280: "fakturor"})
    fills = [Fill(BBox(198, 97, 236, 114), (0.9, 0.1, 0.1))]  # one cell's colour, one column
    risks = list(recognise([page(1, items, fills=fills)]).risks)
    assert [text(c, "control") for c in risks[0].controls] == ["Attestkontroll av alla fakturor"]


def test_rules_that_only_edge_coloured_value_cells_do_not_merge_the_rows_beside_them() -> None:
    # a scan of a table without lines whose S and K cells are coloured blocks: the only
    # rules found are the blocks' edges (two risks of one colour make one block), so
    # they part the values, not the rows; each line starts a row of its own
    items = row(80, HEADER, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll", 460: "Ekonomichef"})
    items += row(114, {60: "Sena rapporter", 200: "2", 240: "4",
                       280: "Uppföljning", 460: "Rektor"})
    items += row(128, {60: "Jäv vid upphandling", 200: "3", 240: "1",
                       280: "Jävsdeklarationer", 460: "Upphandlare"})
    rulings = [Ruling(198, y, 276, y) for y in (96, 125, 139)]  # the blocks' edges only
    rulings += [Ruling(x, 96, x, 139) for x in (198, 238, 276)]
    fills = [Fill(BBox(198, 96, 276, 125), (0.9, 0.6, 0.3)),
             Fill(BBox(198, 125, 276, 139), (0.9, 0.9, 0.4))]
    risks = list(recognise([page(1, items, rulings, fills)]).risks)
    assert [(text(r, "risk"), text(r, "probability")) for r in risks] == [
        ("Felaktiga utbetalningar", "2"),
        ("Sena rapporter", "2"),
        ("Jäv vid upphandling", "3"),
    ]
    assert [text(r.controls[0], "responsible") for r in risks] == [
        "Ekonomichef", "Rektor", "Upphandlare"
    ]


LEVELS = {60: "Risk", 200: "S", 240: "K", 280: "R", 340: "Kontrollmoment", 460: "Ansvarig"}


def test_value_cells_edged_by_rules_hold_level_words_and_part_no_rows() -> None:
    # as above with R written as a level word ("Hög", "Mycket hög"): a level word is R's
    # value, not text, so the blocks' edges still part only the values
    items = row(80, LEVELS, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4", 280: "Hög",
                       340: "Attestkontroll", 460: "Ekonomichef"})
    items += row(114, {60: "Sena rapporter", 200: "2", 240: "4", 280: "Hög",
                       340: "Uppföljning", 460: "Rektor"})
    items += row(128, {60: "Jäv vid upphandling", 200: "4", 240: "4", 280: "Mycket hög",
                       340: "Jävsdeklarationer", 460: "Upphandlare"})
    rulings = [Ruling(198, y, 336, y) for y in (96, 125, 139)]  # the blocks' edges only
    rulings += [Ruling(x, 96, x, 139) for x in (198, 238, 278, 336)]
    fills = [Fill(BBox(198, 96, 336, 125), (0.9, 0.6, 0.3)),
             Fill(BBox(198, 125, 336, 139), (0.9, 0.3, 0.3))]
    risks = list(recognise([page(1, items, rulings, fills)]).risks)
    assert [(text(r, "risk"), text(r, "risk_value")) for r in risks] == [
        ("Felaktiga utbetalningar", "Hög"),
        ("Sena rapporter", "Hög"),
        ("Jäv vid upphandling", "Mycket hög"),
    ]


def test_a_label_line_over_the_rule_under_the_header_is_the_headers() -> None:
    # a scan's header: bold judged on half its words only, its "Konsekvens" label wrapped
    # ("(1-4)" on a second line, bold) over the rule under the header; that line read as the
    # table's first row put the rule between two body lines, and the rows merged into one
    items = row(80, {60: "Risk"}) + row(80, {200: "S", 240: "Konsekvens"}, bold=True)
    items += row(80, {340: "Kontrollmoment", 460: "Ansvarig"})
    items += row(89, {240: "(1-4)"}, bold=True)
    items += row(102, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       340: "Attestkontroll", 460: "Ekonomichef"})
    items += row(112, {60: "till leverantörer", 340: "av fakturor"})
    items += row(126, {60: "Sena rapporter", 200: "3", 240: "3",
                       340: "Uppföljning", 460: "Rektor"})
    items += row(140, {60: "Jäv vid upphandling", 200: "3", 240: "1",
                       340: "Jävsdeklarationer", 460: "Upphandlare"})
    rulings = [Ruling(58, 99, 700, 99)]  # the rule under the header, nothing else
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [(text(r, "risk"), text(r, "consequence")) for r in risks] == [
        ("Felaktiga utbetalningar till leverantörer", "4"),
        ("Sena rapporter", "3"),
        ("Jäv vid upphandling", "1"),
    ]


def test_header_stated_once_applies_to_aligned_lines_on_the_next_page_drawn_aside() -> None:
    first = row(80, HEADER, bold=True)
    first += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll", 460: "Ekonomichef"})
    shifted = {x - 6: t for x, t in {60: "Sena rapporter", 200: "3", 240: "1",
                                     280: "Uppföljning av rapporter", 460: "Rektor"}.items()}
    second = words(60, 40, "Fortsättning") + row(80, shifted)
    more = {60: "Jäv vid upphandling", 200: "2", 240: "2", 280: "Jävsdeklarationer",
            460: "Upphandlare"}
    second += row(100, {x - 6: t for x, t in more.items()})
    risks = list(recognise([page(1, first), page(2, second)]).risks)
    assert [text(r, "risk") for r in risks] == [
        "Felaktiga utbetalningar",
        "Sena rapporter",
        "Jäv vid upphandling",
    ]
    assert text(risks[1], "consequence") == "1"
    assert text(risks[2].controls[0], "responsible") == "Upphandlare"


def test_prose_below_an_unruled_table_does_not_continue_it() -> None:
    items = row(80, HEADER, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll", 460: "Ekonomichef"})
    items += words(60, 160, "Nämnden beslutar att godkänna planen och att den ska följas upp "
                            "vid årets slut med en rapport till kommunstyrelsen")
    risks = list(recognise([page(1, items)]).risks)
    assert [text(r, "risk") for r in risks] == ["Felaktiga utbetalningar"]


def test_two_level_unruled_header_whose_group_label_wraps() -> None:
    starts = (60.0, 200.0, 230.0, 260.0, 300.0, 460.0)
    items = row(80, {60: "Risk", 200: "Riskbedö", 300: "Kontrollmoment", 460: "Ansvarig"},
                bold=True)
    items += row(89, {200: "mning"}, bold=True)
    items += row(98, {200: "S", 230: "K", 260: "R"}, bold=True)
    items += row(116, dict(zip(starts, ("Felaktiga utbetalningar", "2", "4", "8",
                                        "Attestkontroll", "Ekonomichef"), strict=True)))
    items += row(130, dict(zip(starts, ("Sena rapporter", "3", "3", "9", "Uppföljning",
                                        "Rektor"), strict=True)))
    risks = list(recognise([page(1, items)]).risks)
    assert [(text(r, "risk"), text(r, "probability"), text(r, "risk_value")) for r in risks] == [
        ("Felaktiga utbetalningar", "2", "8"),
        ("Sena rapporter", "3", "9"),
    ]
    assert text(risks[0].controls[0], "control") == "Attestkontroll"


def cell(lines: list[str], width: float) -> GridCell:
    """Given a cell's lines and its width, the grid cell (text 2 pt from its left edge)."""
    items: list[Word] = []
    for i, line in enumerate(lines):
        items += words(102, 100 + i * LINE, line)
    return GridCell(BBox(100, 98, 100 + width, 100 + len(lines) * LINE + 2), 1, 0, 1, 1,
                    tuple(items))


def test_a_word_too_long_for_its_cell_is_joined_again() -> None:
    # "Oegentligh" fills the 44-point line; the cell is too narrow for the whole word
    assert cell(["Oegentligh", "eter"], 44.0).text == "Oegentligheter"
    assert cell(["Säkerhetssamordnar", "e"], 76.0).text == "Säkerhetssamordnare"


def test_two_words_wrapped_in_a_narrow_cell_stay_apart() -> None:
    assert cell(["bedöms", "nödvändig"], 28.0).text == "bedöms\nnödvändig"
    assert cell(["nästa års", "plan"], 42.0).text == "nästa års\nplan"


def test_a_word_moved_whole_to_the_next_line_is_not_joined() -> None:
    # the line above ends well before the edge: nothing was broken
    assert cell(["Kontroll", "ledningsgruppen"], 120.0).text == "Kontroll\nledningsgruppen"


# Words broken at a full line's end (the line above fills the cell), read back: the pieces
# either make one word again or stay two words. Measured on 270 generated documents of the
# tune families' further seeds (10-39) before the rules were chosen; kept here as cases.
BROKEN_AT_THE_EDGE = [
    (["Kommentar", "er till"], "Kommentarer till"),  # a listed word
    (["verksamhetssystem", "en"], "verksamhetssystemen"),  # a long word and its ending
    (["Direktupphandling", "ar"], "Direktupphandlingar"),
    (["delegations", "ordning"], "delegationsordning"),  # no word above
    (["Lönehandläggar", "e"], "Lönehandläggare"),
    (["Verksamhetsri", "sk"], "Verksamhetsrisk"),  # a compound reading above, "sk" below
    (["Kvart", "alsvis"], "Kvartalsvis"),  # a listed word; "alsvis" only a compound reading
    (["Halvårs", "vis"], "Halvårsvis"),  # listed, rare (Zipf 1.7), likelier than two words
    (["Åtgärd/kon", "troll"], "Åtgärd/kontroll"),  # after a slash, the last word's piece
    (["Åtgärd/k", "ontroll"], "Åtgärd/kontroll"),  # a letter before a piece of no listed word
    (["1", "2"], "12"),  # a number too wide for its narrow cell
]
LEFT_APART = [
    (["Introduktion för", "nya medarbetare"], "Introduktion för\nnya medarbetare"),  # "förnya"
    (["Felaktig periodisering", "vid bokslut"], "Felaktig periodisering\nvid bokslut"),
    (["leverantörsregistrets", "ändringar"], "leverantörsregistrets\nändringar"),  # genitive
    (["Åtgärd vid avvikelser", "och fel"], "Åtgärd vid avvikelser\noch fel"),
    (["stämmer överens med", "tagna taxor"], "stämmer överens med\ntagna taxor"),  # seed 003
    (["utbildning behöver t", "ex genomföras"], "utbildning behöver t\nex genomföras"),
    (["Riskanalysarbete", "av nämnden"], "Riskanalysarbete\nav nämnden"),  # "av" is common
    (["nästa års", "plan"], "nästa års\nplan"),  # "årsplan" (1.9) less likely than two words
    (["Ny checklista", "tas fram"], "Ny checklista\ntas fram"),  # only a compound reading
    (["i tid eller för sent", "inrapporterade"],  # a rare listed word under a common one
     "i tid eller för sent\ninrapporterade"),
]


# Words too wide for their column (the geometry forced a break: the two pieces as one word
# are wider than the cell): their compound parts decide. Cases from round 7's tune seeds
# (follow_up_action_owner, memo_plan_sections 0-11), read before the rule was written.
FORCED_JOINED = [
    (["Lönehandlägg", "are"], "Lönehandläggare"),  # a join of fewer parts than the pieces
    (["Kontroll av behörig", "hetstilldelning"], "Kontroll av behörighetstilldelning"),
    (["Data i verksam", "hetssystemen"], "Data i verksamhetssystemen"),  # inside a part
    (["Tertial", "vis"], "Tertialvis"),  # a piece no list has before an ending
    (["Vid", "årsbok", "slut"], "Vid\nårsbokslut"),  # a listed join likelier than two words
    # held-out unruled_follow_up_words: a rare listed piece ("peten") in a word's middle
    (["a kom", "peten", "t pers", "onal"], "a kompetent personal"),
    (["KONTROLLMOME", "NT"], "KONTROLLMOMENT"),  # a word in capitals broken at the edge
    (["och kom", "municeras"], "och kommuniceras"),  # "kom" ends two letters short of the edge
    (["delegations", "ordning"], "delegationsordning"),  # a first part with its linking s
    (["Vid delårs", "bokslut"], "Vid delårsbokslut"),  # ... whose last part is "år"
    (["förvaltning", "."], "förvaltning."),  # a closing mark alone on the next line
    # a noun's s-form rare on its own (an indefinite genitive needs a determiner before it)
    # before a word that is no function word: a compound's first part (round 8 tune seeds)
    (["från funktions", "brevlådan."], "från funktionsbrevlådan."),
    (["av skydds", "bedömningar"], "av skyddsbedömningar"),
    (["mot anställnings", "registret."], "mot anställningsregistret."),
    (["Vid delårsbok", "slut"], "Vid delårsbokslut"),  # the break inside its last part
    # endings that are function words too ("ut", "men", "den") go on a broken word
    (["Vid delårsboksl", "ut"], "Vid delårsbokslut"),
    (["i verksamhetssyste", "men"], "i verksamhetssystemen"),
    (["att rehabiliteringsären", "den"], "att rehabiliteringsärenden"),
    # a noun in -het with its linking s ends in "ets" as a definite genitive does (round
    # 20's tune seeds: "beslut i verksamhets" / "systemet")
    (["i verksamhets", "systemet och"], "i verksamhetssystemet och"),
    (["i säkerhets", "rutinerna"], "i säkerhetsrutinerna"),
    (["Kontroll av att introduktions", "plan upprättats"],
     "Kontroll av att introduktionsplan upprättats"),  # a common word after a linking s
]
FORCED_APART = [
    (["sjukfrånvarons", "utveckling"], "sjukfrånvarons\nutveckling"),  # a definite genitive
    (["verksamhetens", "mål"], "verksamhetens\nmål"),
    # rounds 16 and 19: a listed word before "inte"; a rare listed word below a common one
    (["Delegationsbeslut diarieförs", "inte"], "Delegationsbeslut diarieförs\ninte"),
    (["på grund av sent", "inrapporterade"], "på grund av sent\ninrapporterade"),
    # held-out follow_up_done_ids: a word listed below (rare) is no piece a word goes on from
    (["grund av sent", "inrapporterade", "tider."], "grund av sent\ninrapporterade\ntider."),
    (["barns", "rättigheter"], "barns\nrättigheter"),  # an s-form common on its own
    (["Därefter granskas", "fakturan"], "Därefter granskas\nfakturan"),  # a passive verb
    (["förvaltning", "granskas"], "förvaltning\ngranskas"),  # joined: the same two parts
    (["periodiseringar", "vid"], "periodiseringar\nvid"),
    (["återrapporteras", "inte"], "återrapporteras\ninte"),  # no compound ends in "inte"
    (["Introduktion för", "nya"], "Introduktion för\nnya"),  # "förnya" rarer than two words
    (["Delår", "och", "helår"], "Delår\noch\nhelår"),  # a function word goes on no word
    # round 23's tune seeds: a listed verb over a common word, unlisted as one
    (["saknar behörighet eller attesterar", "egna kostnader."],
     "saknar behörighet eller attesterar\negna kostnader."),
]


def filled_cell_text(lines: list[str]) -> str:
    """Given a cell's lines, its text when its longest line fills it."""
    return cell(lines, max(len(line) for line in lines) * CHAR + 4.0).text


@pytest.mark.parametrize(("lines", "want"), FORCED_JOINED + FORCED_APART)
def test_a_word_too_wide_for_its_column_is_joined_by_its_compound_parts(
    lines: list[str], want: str
) -> None:
    assert filled_cell_text(lines) == want


@pytest.mark.parametrize(("lines", "want"), BROKEN_AT_THE_EDGE + LEFT_APART)
def test_a_piece_at_a_full_lines_end_joins_the_next_only_when_they_are_one_word(
    lines: list[str], want: str
) -> None:
    assert filled_cell_text(lines) == want


def test_an_unruled_columns_text_edge_is_its_widest_line_not_the_next_column() -> None:
    # the box runs on to the next column's start (a gutter of 20 points); the line above
    # ends at the widest line of the column, so the word was broken at the column's edge
    lines = ["Åtgärd i verks", "amhetsplan"]
    widest = words(102, 100, lines[0])[-1].bbox.x1
    grid_cell = cell(lines, widest - 100 + 20)
    assert grid_cell.text == "Åtgärd i verks\namhetsplan"
    assert replace(grid_cell, text_right=widest).text == "Åtgärd i verksamhetsplan"


def box(top: float, pairs: list[tuple[str, str]]) -> tuple[list[Word], list[Ruling]]:
    """Given a top and label/value pairs, a ruled two-column box."""
    items: list[Word] = []
    rulings: list[Ruling] = []
    for i, (label, value) in enumerate(pairs):
        y = top + i * 14
        items += words(62, y + 3, label) + words(182, y + 3, value)
        rulings.append(Ruling(60, y, 500, y))
    bottom = top + len(pairs) * 14
    rulings.append(Ruling(60, bottom, 500, bottom))
    rulings += [Ruling(x, top, x, bottom) for x in (60, 180, 500)]
    return items, rulings


def titled_box(top: float, title: str, pairs: list[tuple[str, str]]) -> tuple[
    list[Word], list[Ruling]
]:
    """Given a top, a title and label/value pairs, a ruled box whose first row is the title
    across both columns."""
    items, rulings = box(top + 14, pairs)
    items += words(62, top + 3, title, bold=True)
    rulings += [Ruling(60, top, 500, top), Ruling(60, top, 60, top + 14),
                Ruling(500, top, 500, top + 14)]
    return items, rulings


def test_a_box_under_its_title_row_cut_by_the_page_after_two_rows_is_a_risk() -> None:
    # "Felaktiga utbetalningar" across the box, "Område | Ekonomi" under it at the page's
    # foot, the rest of the box on the next page
    first, rules_1 = titled_box(700, "3. Felaktiga utbetalningar", [("Område", "Ekonomi")])
    second, rules_2 = box(60, [("Sannolikhet", "2"), ("Kontroll 1", "Attestkontroll"),
                               ("Ansvarig", "Controller"), ("Kontroll 2", "Stickprov"),
                               ("Ansvarig", "Revisor")])
    risks = list(recognise([page(1, first, rules_1), page(2, second, rules_2)]).risks)
    assert [(text(r, "risk"), text(r, "process")) for r in risks] == [
        ("Felaktiga utbetalningar", "Ekonomi")
    ]
    assert [(text(c, "control"), text(c, "responsible")) for c in risks[0].controls] == [
        ("Attestkontroll", "Controller"), ("Stickprov", "Revisor")
    ]


def test_a_planned_action_after_a_controls_result_is_the_controls_action() -> None:
    # a follow-up's box: "Planerad åtgärd" under the control's result is what is done about
    # the finding; in a plan's box, before any control, it is the risk's planned handling
    after, rules_1 = box(100, [("Risk", "Felaktiga utbetalningar"), ("Sannolikhet", "2"),
                               ("Kontrollmoment", "Attestkontroll"), ("Resultat", "Två fel."),
                               ("Planerad åtgärd", "Rutinen ses över.")])
    before, rules_2 = box(400, [("Risk", "Jäv vid upphandling"), ("Sannolikhet", "3"),
                                ("Planerad åtgärd", "Utbildning."),
                                ("Kontrollmoment", "Jävsdeklaration")])
    risks = list(recognise([page(1, after + before, rules_1 + rules_2)]).risks)
    assert [text(r, "planned_handling") for r in risks] == [None, "Utbildning."]
    assert [text(c, "action") for r in risks for c in r.controls] == ["Rutinen ses över.", None]


def test_a_box_with_two_control_labels_gives_two_controls_and_goes_on_over_a_page() -> None:
    first, rules_1 = box(300, [("Risk", "Felaktiga utbetalningar"), ("Sannolikhet", "2"),
                              ("Kontrollmoment", "Attestkontroll"), ("Frekvens", "Månadsvis"),
                              ("Kontrollmoment", "Kontroll av bankuppgifter")])
    second, rules_2 = box(60, [("Frekvens", "Årligen"), ("Ansvarig", "Controller"),
                               ("Kontrollmoment", "Stickprov på fakturor"),
                               ("Ansvarig", "Revisor")])
    risks = list(recognise([page(1, first, rules_1), page(2, second, rules_2)]).risks)
    assert len(risks) == 1
    controls = risks[0].controls
    assert [text(c, "control") for c in controls] == [
        "Attestkontroll",
        "Kontroll av bankuppgifter",
        "Stickprov på fakturor",
    ]
    assert [text(c, "frequency") for c in controls] == ["Månadsvis", "Årligen", None]
    assert text(controls[1], "responsible") == "Controller"


def test_a_box_after_an_unrelated_two_column_table_is_read_as_a_box() -> None:
    # minutes: a table of two columns ("Beskrivning | Åtgärd", no risk table), then the
    # plan's boxes on the same columns; a box is a box, not rows under that header
    attendance, rules_1 = box(100, [("Beskrivning", "Åtgärd"), ("Ny lokal", "Hyrs in"),
                                    ("Nytt avtal", "Tecknas")])
    first, rules_2 = box(300, [("Risk", "Felaktiga utbetalningar"),
                               ("Beskrivning", "Utbetalning utan åtgärd i tid"),
                               ("Sannolikhet", "2"), ("Kontrollmoment", "Attestkontroll"),
                               ("Ansvarig", "Controller")])
    risks = list(recognise([page(1, attendance + first, rules_1 + rules_2)]).risks)
    assert [text(r, "risk") for r in risks] == ["Felaktiga utbetalningar"]
    assert [text(c, "control") for c in risks[0].controls] == ["Attestkontroll"]


def test_process_lines_above_each_risk_name_the_risk_below() -> None:
    items: list[Word] = []
    top = 60.0
    for process, risk in (("Ekonomi", "Felaktiga utbetalningar"), ("Personal", "Hög sjukfrånvaro"),
                          ("Upphandling", "Jäv vid upphandling")):
        for label, value in (("Process", process), ("Risk", risk), ("Riskägare", "Ekonomichef"),
                             ("Sannolikhet", "2")):
            items += words(60, top, label) + words(180, top, value)
            top += 11
        top += 16
    risks = list(recognise([page(1, items)]).risks)
    assert [(text(r, "process"), text(r, "risk")) for r in risks] == [
        ("Ekonomi", "Felaktiga utbetalningar"),
        ("Personal", "Hög sjukfrånvaro"),
        ("Upphandling", "Jäv vid upphandling"),
    ]
    assert [text(r, "responsible") for r in risks] == ["Ekonomichef"] * 3


def test_narrow_columns_set_closer_than_a_column_gap_are_split_by_the_body() -> None:
    # "S", "Påverkan" and "Riskvärde" stand a word space apart: one header cell by the gap
    header = {60: "Nr", 80: "Risk", 200: "S", 210: "Påverkan", 246: "Riskvärde",
              300: "Kontrollmoment", 460: "Ansvarig"}
    items = words(60, 40, "Uppföljning 2024") + row(80, header, bold=True)
    items += row(100, {60: "1", 80: "Sena rapporter", 200: "3", 210: "2", 246: "6",
                       300: "Attestkontroll", 460: "Ekonomichef"})
    items += row(114, {60: "2", 80: "Felaktiga utbetalningar", 200: "1", 210: "4", 246: "4",
                       300: "Stickprov", 460: "Controller"})
    risks = list(recognise([page(1, items)]).risks)
    assert [text(r, "risk") for r in risks] == ["Sena rapporter", "Felaktiga utbetalningar"]
    assert [(text(r, "probability"), text(r, "consequence"), text(r, "risk_value"))
            for r in risks] == [("3", "2", "6"), ("1", "4", "4")]


def test_a_header_gap_that_body_text_runs_across_stays_one_column() -> None:
    # "Risk" and "Kontroll" a word space apart; the body's text runs across where a column
    # "Kontroll" would start, although the second row has a word starting there
    header = {60: "Nr", 80: "Risk", 100: "Kontroll", 300: "S", 330: "K"}
    items = words(60, 40, "Riskanalys 2024") + row(80, header, bold=True)
    items += row(100, {60: "1", 80: "Sen rapportering vid bokslut", 300: "3", 330: "2"})
    items += row(114, {60: "2", 80: "Fel", 100: "uppgifter", 300: "1", 330: "4"})
    risks = list(recognise([page(1, items)]).risks)
    assert [text(r, "control") for r in risks] == [None, None]
    assert [text(r, "risk") for r in risks] == ["Sen rapportering vid bokslut", "Fel uppgifter"]


def test_a_rule_under_the_header_closes_it_before_a_bold_section_row() -> None:
    header = {60: "Nr", 80: "Risk", 240: "S", 270: "K", 300: "Kontrollmoment"}
    items = words(60, 40, "Uppföljning 2024") + row(80, header, bold=True)
    items += row(91, {60: "Informationssäkerhet"}, bold=True)  # close under the header
    items += row(104, {60: "1", 80: "Nätfiske", 240: "3", 270: "2", 300: "Loggkontroll"})
    items += row(118, {60: "2", 80: "Obehörig åtkomst", 240: "1", 270: "4", 300: "Stickprov"})
    rulings = [Ruling(58, 89.5, 700, 89.5), Ruling(58, 101, 700, 101), Ruling(58, 115, 700, 115)]
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [text(r, "risk") for r in risks] == ["Nätfiske", "Obehörig åtkomst"]
    assert [text(r, "process") for r in risks] == ["Informationssäkerhet"] * 2


def test_a_header_whose_labels_all_stand_a_word_space_apart_is_found_through_the_body() -> None:
    header = {60: "Nr", 72: "Risk", 92: "Kontrollmoment", 152: "Ansvarig", 188: "Frekvens"}
    items = words(60, 40, "Uppföljning 2024") + row(80, header, bold=True)
    items += row(100, {60: "1", 72: "Fel", 92: "Attest", 152: "Chef", 188: "Årsvis"})
    items += row(114, {60: "2", 72: "Sent", 92: "Stickprov", 152: "Rektor", 188: "Kvartal"})
    risks = list(recognise([page(1, items)]).risks)
    assert [text(r, "risk") for r in risks] == ["Fel", "Sent"]
    assert [[text(c, "responsible") for c in r.controls] for r in risks] == [["Chef"], ["Rektor"]]


def test_a_line_a_blank_line_below_starts_a_row_though_every_cell_could_wrap() -> None:
    header = {60: "Risk", 140: "Kontrollmoment", 300: "Ansvarig", 380: "Frekvens"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(100, {60: "Fel", 140: "Kontroll av den totala frånvaron", 300: "Enhetschef",
                       380: "Årligen"})
    items += row(110, {140: "varje månad och år till", 300: "och rektor", 380: "halvårsvis"})
    # each first word below is too long for the line above: only the distance tells
    items += row(130, {140: "Uppföljning av incidenter", 300: "Controller", 380: "Kvartalsvis"})
    risks = list(recognise([page(1, items)]).risks)
    assert [text(r, "risk") for r in risks] == ["Fel"]
    assert [text(c, "control") for c in risks[0].controls] == [
        "Kontroll av den totala frånvaron varje månad och år till",
        "Uppföljning av incidenter",
    ]


def test_a_line_padded_further_apart_than_wrapped_text_starts_a_row() -> None:
    header = {60: "Risk", 140: "Kontrollmoment", 300: "Ansvarig", 380: "Frekvens"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(100, {60: "Fel", 140: "Kontroll av den totala frånvaron", 300: "Enhetschef",
                       380: "Årligen"})
    items += row(110, {140: "varje månad och år till"})  # wrapped text: 10 points down
    # rows set 14 points apart (cell padding): each first word would wrap, the distance
    # beyond the wrapped text's pitch tells
    items += row(124, {140: "Uppföljning av incidenter och", 300: "Controller och",
                       380: "Kvartalsvis"})
    items += row(138, {140: "Stickprov på fakturor enligt", 300: "Ekonomichef",
                       380: "Månadsvis"})
    risks = list(recognise([page(1, items)]).risks)
    assert [text(c, "control") for c in risks[0].controls] == [
        "Kontroll av den totala frånvaron varje månad och år till",
        "Uppföljning av incidenter och",
        "Stickprov på fakturor enligt",
    ]


def test_lines_whose_cells_start_with_capitals_are_rows_though_every_first_word_could_wrap(
) -> None:
    header = {60: "Risk", 140: "Kontrollmoment", 300: "Ansvarig", 380: "Frekvens"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(100, {60: "Fel", 140: "Kontroll av den totala frånvaron", 300: "Enhetschef",
                       380: "Årligen"})
    # evenly set, no wrapped text to measure a pitch on: the capitals tell
    items += row(110, {140: "Uppföljning av incidenter och", 300: "Controller",
                       380: "Kvartalsvis"})
    items += row(120, {140: "varje avvikelse", 300: "och rektor"})  # this one wraps
    risks = list(recognise([page(1, items)]).risks)
    assert [text(c, "control") for c in risks[0].controls] == [
        "Kontroll av den totala frånvaron",
        "Uppföljning av incidenter och varje avvikelse",
    ]
    assert [text(c, "responsible") for c in risks[0].controls] == [
        "Enhetschef", "Controller och rektor"]


def test_a_control_cell_listing_items_gives_one_control_each_also_over_a_page_break() -> None:
    columns = (60.0, 220.0, 260.0, 300.0, 500.0)  # Risk | S | K | Kontrollmoment | Ansvarig
    header = dict(zip(columns, ("Risk", "S", "K", "Kontrollmoment", "Ansvarig"), strict=True))
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 220: "2", 260: "4",
                       300: "• Attestkontroll", 500: "Ekonomichef"})
    items += row(110, {300: "• Kontroll av bankuppgifter"})
    items += row(124, {60: "Sena rapporter", 220: "3", 260: "3", 300: "• Uppföljning av",
                       500: "Rektor"})
    edges = (58.0, 218.0, 258.0, 298.0, 498.0, 700.0)  # a ruled grid on both pages
    rulings = [Ruling(58, y, 700, y) for y in (76, 95, 120, 140)]
    rulings += [Ruling(x, 76, x, 140) for x in edges]
    rest = row(60, {300: "rapporter"}) + row(70, {300: "• Stickprov på ärenden"})
    rest += row(90, {60: "Brister i dokumentation", 220: "1", 260: "2", 300: "Granskning",
                     500: "Rektor"})
    rest_rulings = [Ruling(58, y, 700, y) for y in (55, 85, 100)]
    rest_rulings += [Ruling(x, 55, x, 100) for x in edges]
    risks = list(recognise([page(1, items, rulings), page(2, rest, rest_rulings)]).risks)
    got = [(text(r, "risk"), [(text_of(c, "control"), text_of(c, "responsible"))
                              for c in r.controls]) for r in risks]
    assert got == [
        ("Felaktiga utbetalningar", [("Attestkontroll", "Ekonomichef"),
                                     ("Kontroll av bankuppgifter", "Ekonomichef")]),
        ("Sena rapporter", [("Uppföljning av rapporter", "Rektor"),
                            ("Stickprov på ärenden", "Rektor")]),
        ("Brister i dokumentation", [("Granskning", "Rektor")]),
    ]


def text_of(record: RawControl, name: str) -> str | None:
    """Given a control and a field, the field's text on one line."""
    cell = record.fields.get(name)
    return None if cell is None else " ".join(cell.raw.split())


def ruled(edges: tuple[float, ...], lines: tuple[float, ...]) -> list[Ruling]:
    """Given column edges and row lines, a ruled grid."""
    return [Ruling(edges[0], y, edges[-1], y) for y in lines] + [
        Ruling(x, lines[0], x, lines[-1]) for x in edges
    ]


@pytest.mark.parametrize(
    ("ref_label", "refs"),
    [("Risk nr", ("1", "", "2")), ("Risk", ("Felaktiga utbetalningar", "", "Sena rapporter"))],
)
def test_a_plan_table_naming_the_risks_of_the_analysis_adds_controls_to_them(
    ref_label: str, refs: tuple[str, str, str]
) -> None:
    analysis = dict(zip((60.0, 90.0, 300.0, 340.0), ("Nr", "Risk", "S", "K"), strict=True))
    items = row(80, analysis, bold=True)
    items += row(100, {60: "1", 90: "Felaktiga utbetalningar", 300: "2", 340: "4"})
    items += row(120, {60: "2", 90: "Sena rapporter", 300: "3", 340: "3"})
    items += row(140, {60: "3", 90: "Brister i dokumentation", 300: "1", 340: "2"})
    rulings = ruled((58, 88, 298, 338, 380), (76, 95, 115, 135, 155))
    items += words(60, 190, "Internkontrollplan", bold=True)
    plan = dict(zip((60.0, 200.0, 460.0), (ref_label, "Kontrollmoment", "Ansvarig"), strict=True))
    items += row(220, plan, bold=True)
    for top, ref, control in zip((240, 260, 280), refs,
                                 ("Attestkontroll", "Kontroll av bankuppgifter", "Uppföljning"),
                                 strict=True):
        items += row(top, {60: ref, 200: control, 460: "Ekonomichef"} if ref
                     else {200: control, 460: "Ekonomichef"})
    rulings += ruled((58, 198, 458, 600), (216, 235, 255, 275, 295))
    risks = list(recognise([page(1, items, rulings)]).risks)
    got = [(text(r, "risk"), [text_of(c, "control") for c in r.controls]) for r in risks]
    assert got == [
        ("Felaktiga utbetalningar", ["Attestkontroll", "Kontroll av bankuppgifter"]),
        ("Sena rapporter", ["Uppföljning"]),
        ("Brister i dokumentation", []),
    ]


def test_labels_wrapped_word_by_word_under_close_columns_are_one_header_not_two_levels() -> None:
    # LibreOffice/Word break labels in narrow columns: "Sannolikhetsbedöm" / "ning",
    # "Påverka" / "n", "Riskpoä" / "ng" stand a word space apart, as if one group label
    first = {60: "Process/", 110: "Identifierad", 200: "Sannolikhetsbedöm", 270.5: "Påverka",
             301: "Riskpoä", 380: "Ansvarig"}
    second = {60: "rutin", 110: "risk", 200: "ning", 270.5: "n", 301: "ng"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, first, bold=True)
    items += row(89, second, bold=True)
    items += row(104, {60: "Löner", 110: "Fel utbetalning", 200: "2", 270.5: "3", 301: "6",
                       380: "Lönechef"})
    items += row(118, {60: "Inköp", 110: "Köp utan avtal", 200: "3", 270.5: "4", 301: "12",
                       380: "Upphandlare"})
    risks = list(recognise([page(1, items)]).risks)
    fields = ("process", "risk", "probability", "consequence", "risk_value", "responsible")
    assert [tuple(values_of(r, *fields)) for r in risks] == [
        ("Löner", "Fel utbetalning", "2", "3", "6", "Lönechef"),
        ("Inköp", "Köp utan avtal", "3", "4", "12", "Upphandlare"),
    ]


def test_close_narrow_columns_split_when_a_split_names_a_column_only_after_the_next() -> None:
    # "Kategori Sannoli" / "khet" a word space apart: the split at "Sannoli" names
    # Sannolikhet only once "Konsekvensbe" / "dömning" has its own column to the right
    first = {60: "Risk", 127: "Kategori", 161.5: "Sannoli", 192: "Konsekvensbe", 242.5: "Riskpo",
             269: "Åtgärd/", 330: "Ansvarig", 400: "Frekvens"}
    second = {161.5: "khet", 192: "dömning", 242.5: "äng", 269: "kontroll"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, first, bold=True)
    items += row(89, second, bold=True)
    items += row(104, {60: "Fel utbetalning", 127: "Personal", 161.5: "2", 192: "3", 242.5: "6",
                       269: "Attest", 330: "Lönechef", 400: "Årligen"})
    items += row(118, {60: "Köp utan avtal", 127: "Ekonomi", 161.5: "3", 192: "4", 242.5: "12",
                       269: "Stickprov", 330: "Controller", 400: "Löpande"})
    risks = list(recognise([page(1, items)]).risks)
    fields = ("risk", "risk_category", "probability", "consequence", "risk_value")
    assert [tuple(values_of(r, *fields)) for r in risks] == [
        ("Fel utbetalning", "Personal", "2", "3", "6"),
        ("Köp utan avtal", "Ekonomi", "3", "4", "12"),
    ]
    assert [text_of(c, "control") for r in risks for c in r.controls] == ["Attest", "Stickprov"]


def test_an_unruled_header_line_after_a_table_opens_a_table_of_its_own() -> None:
    analysis = {60: "Nr", 90: "Risk", 300: "Sannolikhet", 380: "Konsekvens"}
    items = row(80, analysis, bold=True)
    items += row(100, {60: "1", 90: "Felaktiga utbetalningar", 300: "2", 380: "4"})
    items += row(114, {60: "2", 90: "Sena rapporter", 300: "3", 380: "3"})
    items += words(60, 150, "Plan för intern kontroll", bold=True)
    plan = {60: "Risk nr", 200: "Kontrollmoment", 380: "Ansvarig", 470: "Frekvens"}
    items += row(170, plan, bold=True)
    items += row(190, {60: "1", 200: "Attestkontroll", 380: "Ekonomichef", 470: "Årligen"})
    items += row(204, {200: "Kontroll av bankuppgifter", 380: "Controller", 470: "Löpande"})
    items += row(218, {60: "2", 200: "Uppföljning", 380: "Rektor", 470: "Årligen"})
    risks = list(recognise([page(1, items)]).risks)
    got = [(text(r, "risk"), [text_of(c, "control") for c in r.controls]) for r in risks]
    assert got == [
        ("Felaktiga utbetalningar", ["Attestkontroll", "Kontroll av bankuppgifter"]),
        ("Sena rapporter", ["Uppföljning"]),
    ]


def test_a_bold_area_name_alone_in_the_first_column_is_a_section_row_not_a_wrapped_risk() -> None:
    header = {60: "Risk", 300: "Sannolikhet", 380: "Konsekvens"}
    items = row(80, header, bold=True) + words(60, 96, "Ekonomi", bold=True)
    items += row(108, {60: "Felaktiga utbetalningar", 300: "2", 380: "4"})
    items += row(120, {60: "Sena rapporter", 300: "3", 380: "3"})
    items += words(60, 132, "Informationssäkerhet", bold=True)
    items += row(144, {60: "Nätfiske", 300: "4", 380: "4"})
    risks = list(recognise([page(1, items)]).risks)
    assert [(text(r, "process"), text(r, "risk")) for r in risks] == [
        ("Ekonomi", "Felaktiga utbetalningar"),
        ("Ekonomi", "Sena rapporter"),
        ("Informationssäkerhet", "Nätfiske"),
    ]


def test_a_rule_a_scan_broke_into_pieces_under_single_columns_still_marks_the_row() -> None:
    # the fill edge under row 1 came out of the scan in pieces where text stood near it:
    # one under Risk and S, then one under each further column; only together do they run
    # under the row
    items = row(80, HEADER, bold=True)
    items += row(100, {60: "Felaktiga utbetalningar", 200: "2", 240: "4",
                       280: "Attestkontroll", 460: "Ekonomichef"})
    items += row(110, {280: "av fakturor"})
    items += row(124, {60: "Sena rapporter", 200: "3", 240: "1", 280: "Uppföljning",
                       460: "Rektor"})
    rulings = [
        Ruling(58, 95, 700, 95),
        Ruling(58, 121, 236, 121), Ruling(241, 121.5, 270, 121.5),
        Ruling(282, 120.5, 440, 120.5), Ruling(452, 121, 700, 121),
        Ruling(58, 140, 700, 140),
    ]
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [text(r, "risk") for r in risks] == ["Felaktiga utbetalningar", "Sena rapporter"]
    assert [[text(c, "control") for c in r.controls] for r in risks] == [
        ["Attestkontroll av fakturor"], ["Uppföljning"]]
    assert [text(r, "consequence") for r in risks] == ["4", "1"]


def test_a_plain_header_whose_labels_wrap_keeps_its_second_line() -> None:
    # a scan's header: not bold, its first line alone no header row (no risk label: "SxK"
    # is no word, "Beskrivning av" only a description); the aligned-header reading names the
    # columns with the wrapped second line, which must then stay in the header, not become
    # the table's first row
    header = {50: "Nr.", 70: "Beskrivning av", 150: "Sannolikhe", 200: "Konsekven",
              250: "SxK", 280: "Kontroll", 340: "Kontrollansvari", 410: "Resultat"}
    items = words(50, 40, "Internkontrollrapport 2020") + row(80, header)
    items += row(89, {70: "risk", 150: "t (1-5)", 200: "s (1-5)", 340: "g"})
    items += row(104, {50: "1", 70: "Felaktig periodisering", 150: "2", 200: "3", 250: "6",
                       280: "Inventering", 340: "Controller", 410: "Utan anmärkning"})
    items += row(114, {70: "vid bokslut", 280: "av kassor"})
    items += row(128, {50: "2", 70: "Bristande budgetföljsamhet", 150: "3", 200: "1",
                       250: "3", 280: "Uppföljning", 340: "Rektor", 410: "Brister"})
    rulings = [Ruling(48, 100, 700, 100), Ruling(48, 125, 700, 125), Ruling(48, 140, 700, 140)]
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [(text(r, "risk"), text(r, "probability"), text(r, "consequence")) for r in risks] == [
        ("Felaktig periodisering vid bokslut", "2", "3"),
        ("Bristande budgetföljsamhet", "3", "1"),
    ]
    assert [text(r.controls[0], "responsible") for r in risks] == ["Controller", "Rektor"]


def test_ruled_value_columns_inside_a_table_without_lines_stay_in_that_table() -> None:
    # a scan's grey S/K cells: their fill edges make a small ruled grid in the middle of a
    # table drawn without lines; words stand left and right of it on every row, so the grid
    # is a block of the wider table and the whole table is read without its lines
    header = {60: "Risk", 200: "S", 240: "K", 280: "Kontrollmoment", 460: "Ansvarig"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    body = [
        ("Felaktiga utbetalningar", "2", "4", "Attestkontroll", "Ekonomichef"),
        ("Sena rapporter", "3", "1", "Uppföljning", "Rektor"),
        ("Obehörig åtkomst", "1", "3", "Loggkontroll", "Controller"),
    ]
    rulings = [Ruling(196, 96, 276, 96)]
    for n, cells in enumerate(body):
        top = 100 + 20 * n
        items += row(top, dict(zip(COLUMNS, cells, strict=True)))
        rulings.append(Ruling(196, top + 16, 276, top + 16))
    rulings += [Ruling(x, 96, x, 156) for x in (196, 236, 276)]
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [(text(r, "risk"), text(r, "probability"), text(r, "consequence")) for r in risks] == [
        (risk, s, k) for risk, s, k, _, _ in body
    ]
    assert [text(r.controls[0], "responsible") for r in risks] == [c[4] for c in body]


def test_a_later_part_sized_to_its_own_text_takes_the_header_stated_once() -> None:
    # Word sizes each section's table to its text: the header stands once, above the first;
    # the parts after later headings have the same columns at other tab stops
    header = {60: "Risk", 250: "Sannolikhet", 330: "Konsekvens", 410: "Riskvärde",
              470: "Kommentar"}
    items = words(60, 60, "A. Ekonomi", bold=True) + row(80, header, bold=True)
    items += row(96, {60: "Felaktiga utbetalningar", 250: "Ofta", 330: "Allvarlig", 410: "12",
                      470: "Rutin finns"})
    items += words(60, 130, "B. Personal", bold=True)
    items += row(150, {60: "Hög sjukfrånvaro", 230: "Sällan", 290: "Lindrig", 350: "2",
                       380: "Följs upp"})  # "Sällan" runs across the first part's S column
    items += row(164, {60: "Brister i miljö", 230: "Ibland", 290: "Kännbar", 350: "6",
                       380: "Ny rutin"})
    risks = list(recognise([page(1, items)]).risks)
    fields = ("process", "risk", "probability", "consequence", "risk_value", "comment")
    assert [tuple(values_of(r, *fields)) for r in risks] == [
        ("Ekonomi", "Felaktiga utbetalningar", "Ofta", "Allvarlig", "12", "Rutin finns"),
        ("Personal", "Hög sjukfrånvaro", "Sällan", "Lindrig", "2", "Följs upp"),
        ("Personal", "Brister i miljö", "Ibland", "Kännbar", "6", "Ny rutin"),
    ]


def test_a_part_on_its_own_tab_stops_is_read_from_its_lines_and_its_columns_go_on_next_page(
) -> None:
    # the header stands once; part B has its own tab stops, its first line's risk text
    # almost touches the S cell (one run of words), and its heading "B. Personal" spans the
    # Nr and Risk columns; part B goes on over the page break on B's tab stops
    header = {48: "Nr", 66: "Risk", 250: "Sannolikhet", 330: "Konsekvens", 410: "Riskvärde",
              470: "Kommentar"}
    items = words(48, 60, "A. Ekonomi", bold=True) + row(80, header, bold=True)
    items += row(96, {48: "1", 66: "Felaktiga utbetalningar", 250: "Ofta", 330: "Allvarlig",
                      410: "12", 470: "Rutin finns"})
    big = replace(SIZE_WORD, font_size=13.0, bold=True)
    items += [replace(big, text="B.", bbox=BBox(48, 130, 60, 143)),
              replace(big, text="Personal", bbox=BBox(66, 130, 120, 143))]
    stops = (48, 66, 171, 230, 290, 320)  # Nr | Risk | S | K | R | Kommentar
    lines = [
        (150, ("2", "Felaktig periodisering vid", "Sällan", "Lindrig", "2", "Följs upp")),
        (160, ("", "bokslut", "", "", "", "varje år")),
        (174, ("3", "Hög sjukfrånvaro", "Ibland", "Kännbar", "6", "Ny rutin")),
        (184, ("", "", "", "", "", "införs")),
        (198, ("4", "Brister i miljö", "Ofta", "Allvarlig", "9", "Rutin")),
    ]
    for top, texts in lines:
        items += row(top, {x: t for x, t in zip(stops, texts, strict=True) if t})
    second = row(40, {66: "och rapporter", 320: "årligen"})  # row 4 goes on
    second += row(54, dict(zip(stops, ("5", "Svag kontroll", "Sällan", "Lindrig", "2",
                                       "Ses över"), strict=True)))
    risks = list(recognise([page(1, items), page(2, second)]).risks)
    fields = ("process", "risk", "probability", "consequence", "risk_value", "comment")
    assert [tuple(values_of(r, *fields)) for r in risks] == [
        ("Ekonomi", "Felaktiga utbetalningar", "Ofta", "Allvarlig", "12", "Rutin finns"),
        ("Personal", "Felaktig periodisering vid bokslut", "Sällan", "Lindrig", "2",
         "Följs upp varje år"),
        ("Personal", "Hög sjukfrånvaro", "Ibland", "Kännbar", "6", "Ny rutin införs"),
        ("Personal", "Brister i miljö och rapporter", "Ofta", "Allvarlig", "9", "Rutin årligen"),
        ("Personal", "Svag kontroll", "Sällan", "Lindrig", "2", "Ses över"),
    ]


def test_labels_set_closer_than_a_column_gap_split_though_a_row_drawn_aside_runs_across(
) -> None:
    # "Kontrollansvarig" ends 4 points before "Frekvens": one run of header words; the body
    # starts text under "Frekvens" on four lines, and one row drawn 6 points aside runs
    # across that start
    header = {60: "Risk", 140: "Kontrollmoment", 260: "Kontrollansvarig", 328: "Frekvens"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    body = [("Fel i lön", "Kontroll av lön", "Enhetschef", "Årligen"),
            ("Sena svar", "Kontroll av svar", "Rektor", "Månadsvis"),
            ("Jäv", "Kontroll av jäv", "Controller", "Kvartalsvis"),
            ("Brist", "Kontroll av avtal", "Registrator", "Årligen")]
    for top, texts in zip((100, 112, 124, 136), body, strict=True):
        items += row(top, dict(zip((60, 140, 260, 328), texts, strict=True)))
    items += row(148, dict(zip((54, 134, 254, 322), ("Fusk", "Kontroll av kassa", "Chef",
                                                      "Halvårsvis"), strict=True)))
    risks = list(recognise([page(1, items)]).risks)
    controls = [c for r in risks for c in r.controls]
    assert [(text(c, "responsible"), text(c, "frequency")) for c in controls] == [
        ("Enhetschef", "Årligen"), ("Rektor", "Månadsvis"), ("Controller", "Kvartalsvis"),
        ("Registrator", "Årligen"), ("Chef", "Halvårsvis")]


def test_a_header_repeated_on_the_same_page_closes_the_table_above_it() -> None:
    header = {60: "Risk", 250: "Sannolikhet", 330: "Konsekvens", 410: "Kontrollmoment"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(96, {60: "Fel i lön", 250: "3", 330: "2", 410: "Kontroll av lön"})
    items += row(110, {60: "Sena svar", 250: "2", 330: "4", 410: "Kontroll av svar"})
    items += row(126, {x - 6: t for x, t in header.items()}, bold=True)  # the next part
    items += row(140, {54: "Jäv", 244: "1", 324: "3", 404: "Kontroll av jäv"})
    risks = list(recognise([page(1, items)]).risks)
    assert [tuple(values_of(r, "risk", "probability", "consequence")) for r in risks] == [
        ("Fel i lön", "3", "2"), ("Sena svar", "2", "4"), ("Jäv", "1", "3")]
    assert [len(r.controls) for r in risks] == [1, 1, 1]


def test_an_unruled_cells_next_item_stays_in_its_row_and_a_lone_item_loses_its_mark() -> None:
    # "2) Jäv" would fit on the line above: only the list tells it is no row of its own;
    # "1) Kontroll av kassa" alone is a list of one where the document lists with "1)"
    header = {60: "Risk", 200: "Sannolikhet", 280: "Kontrollmoment", 460: "Ansvarig"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(100, {60: "Fel i lön", 200: "3", 280: "1) Kontroll av lön", 460: "Chef"})
    items += row(110, {60: "och tid", 280: "2) Kontroll av jäv vid"})  # the risk wraps too
    items += row(120, {280: "upphandling"})  # the item wraps
    items += row(134, {60: "Svinn", 200: "2", 280: "1) Kontroll av kassa", 460: "Rektor"})
    risks = list(recognise([page(1, items)]).risks)
    assert [[text(c, "control") for c in r.controls] for r in risks] == [
        ["Kontroll av lön", "Kontroll av jäv vid upphandling"], ["Kontroll av kassa"]]
    assert [[text(c, "responsible") for c in r.controls] for r in risks] == [
        ["Chef", "Chef"], ["Rektor"]]
    assert [text(r, "risk") for r in risks] == ["Fel i lön och tid", "Svinn"]


def test_two_group_labels_set_closer_than_a_column_gap_head_their_own_columns() -> None:
    # "Riskbedömning" ends 4 points before "Kontroll": one run of words over S K R and
    # Metod Ansvarig; "Kontroll" starts where "Metod" does, so it heads the columns from there
    upper = {60: "Risk", 130: "Kontrollmoment", 200: "Riskbedömning", 256: "Kontroll"}
    subs = {200: "S", 220: "K", 240: "R", 256: "Metod", 330: "Ansvarig"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, upper, bold=True)
    items += row(90, subs, bold=True)
    items += row(106, {60: "Fel i lön", 130: "Attest", 200: "3", 220: "2", 240: "6",
                       256: "Stickprov", 330: "Chef"})
    items += row(120, {60: "Svinn", 130: "Inventering", 200: "2", 220: "2", 240: "4",
                       256: "Räkning", 330: "Rektor"})
    risks = list(recognise([page(1, items)]).risks)
    assert [tuple(values_of(r, "risk", "probability", "consequence", "risk_value"))
            for r in risks] == [("Fel i lön", "3", "2", "6"), ("Svinn", "2", "2", "4")]
    assert [(text(c, "control"), text(c, "method"), text(c, "responsible"))
            for r in risks for c in r.controls] == [
        ("Attest", "Stickprov", "Chef"), ("Inventering", "Räkning", "Rektor")]


def test_a_columns_label_wrapped_into_the_sub_label_row_names_the_column() -> None:
    # "Ansvarig" over "tjänsteperson" beside the groups' sub-labels: the column is Ansvarig
    upper = {40: "Nr", 60: "Risk", 200: "Riskbedömning", 280: "Kontroll", 460: "Ansvarig"}
    subs = {200: "S", 220: "K", 240: "R", 280: "Moment", 380: "Frekvens", 460: "tjänsteperson"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, upper, bold=True)
    items += row(90, subs, bold=True)
    items += row(106, {40: "R1", 60: "Fel i lön", 200: "3", 220: "2", 240: "6",
                       280: "Attest", 380: "Årligen", 460: "Chef"})
    items += row(120, {40: "R2", 60: "Svinn", 200: "2", 220: "2", 240: "4",
                       280: "Inventering", 380: "Löpande", 460: "Rektor"})
    risks = list(recognise([page(1, items)]).risks)
    assert [(text(c, "control"), text(c, "frequency"), text(c, "responsible"))
            for r in risks for c in r.controls] == [
        ("Attest", "Årligen", "Chef"), ("Inventering", "Löpande", "Rektor")]


def test_a_title_repeated_under_each_sections_heading_is_a_risk_of_each_section() -> None:
    # the header once per section, headings outside the tables: the same risk in two areas
    # is two risks, not a plan row naming the first
    header = dict(zip((60.0, 260.0, 460.0), ("Risk", "Kontrollmoment", "Ansvarig"), strict=True))
    items: list[Word] = []
    rulings: list[Ruling] = []
    for top, area, control in ((60, "Ekonomi", "Attestkontroll"), (160, "Personal", "Stickprov")):
        items += words(60, top, area, bold=True)
        items += row(top + 20, header, bold=True)
        items += row(top + 40, {60: "Felaktiga utbetalningar", 260: control, 460: "Chef"})
        rulings += ruled((58, 258, 458, 600), (top + 16, top + 35, top + 55))
    risks = list(recognise([page(1, items, rulings)]).risks)
    assert [values_of(r, "process", "risk") + [text_of(c, "control") for c in r.controls]
            for r in risks] == [
        ["Ekonomi", "Felaktiga utbetalningar", "Attestkontroll"],
        ["Personal", "Felaktiga utbetalningar", "Stickprov"],
    ]


@pytest.mark.parametrize(("labels", "bold", "read"), [
    (("KONTROLLAKTIVITET", "RAPPORTERAS TILL"), False, True),  # capitals: a header
    (("Kontrollaktivitet", "Rapporteras till"), True, True),  # bold: a header
    (("Kontrollaktivitet", "Rapporteras till"), False, False),  # plain text: a body line
])
def test_a_header_of_one_named_column_and_one_left_out_is_read_when_set_apart(
    labels: tuple[str, str], bold: bool, read: bool
) -> None:
    # an export tool's control table whose only other column is not a dataset field
    items = row(60, dict(zip((60.0, 460.0), labels, strict=True)), bold=bold)
    top = 80.0
    for title, controls in (("R1 Kränkande behandling utreds inte", ("Stickprov", "Analys")),
                            ("R2 Hög frånvaro", ("Uppföljning",))):
        items += words(60, top, title, bold=True)
        top += 14
        for control in controls:
            items += row(top, {60: f"Kontroll av {control.lower()}", 460: "Nämnden"})
            top += 12
    risks = list(recognise([page(1, items)]).risks)
    found = [(text(r, "risk"), [text_of(c, "control") for c in r.controls]) for r in risks]
    if read:
        assert found == [  # the printed number ("R1") is the risk's, not its title's
            ("Kränkande behandling utreds inte",
             ["Kontroll av stickprov", "Kontroll av analys"]),
            ("Hög frånvaro", ["Kontroll av uppföljning"]),
        ]
    else:
        assert found == []


def test_a_wrapped_word_that_would_only_just_have_fitted_above_continues_the_row() -> None:
    # "under" would fit after "Arbetet fortsätter" with 1.5 points to spare under the
    # column's widest text (glyph boxes, not the advances the wrap used): the same row
    header = {60.0: "Risk", 200.0: "Kontrollmoment", 460.0: "Kommentar"}
    items = words(60, 40, "Internkontrollplan 2024") + row(80, header, bold=True)
    items += row(100, {60: "Fel i lön", 200: "Attest och", 460: "Arbetet fortsätter"})
    items += row(110, {200: "stickprov", 460: "under"})
    items += row(124, {60: "Svinn", 200: "Inventering", 460: "Förvaltningsövergripande"})
    risks = list(recognise([page(1, items)]).risks)
    assert [text(r, "risk") for r in risks] == ["Fel i lön", "Svinn"]
    assert [text_of(c, "control") for r in risks for c in r.controls] == [
        "Attest och stickprov", "Inventering"]
    comments = [text(r, "comment") or text_of(c, "comment") for r in risks for c in r.controls]
    assert comments == ["Arbetet fortsätter under", "Förvaltningsövergripande"]


def values_of(risk: RawRisk, *fields: str) -> list[str | None]:
    """Given a risk and field names, each field's text on one line."""
    return [text(risk, f) for f in fields]


def one_row_grid(top: float, texts: tuple[str, str]) -> Grid:
    """Given a top and two cells' texts, a one-row ruled grid of two columns (60-260-460)."""
    cells = tuple(
        GridCell(BBox(x0, top, x1, top + 20), 0, c, 1, 1, tuple(words(x0 + 2, top + 4, t)))
        for c, (x0, x1, t) in enumerate(((60.0, 260.0, texts[0]), (260.0, 460.0, texts[1])))
    )
    return Grid(1, BBox(60, top, 460, top + 20), (60.0, 260.0, 460.0), (cells,))


def test_a_grid_touching_the_one_above_joins_it_unless_it_opens_with_a_header() -> None:
    # a box's rows drawn as grids of their own join; a table set right under a legend of the
    # same widths keeps its header (its header row read as a body row hid the table)
    legend = one_row_grid(100, ("1 Låg", "2 Hög"))
    rows = one_row_grid(120, ("Brister i attest", "Kontroll av attest"))
    header = one_row_grid(120, ("Risk", "Kontrollmoment"))
    assert len(join_stacked([legend, rows])) == 1
    assert len(join_stacked([legend, header])) == 2


def test_a_ruled_block_beside_text_on_one_row_is_a_table_on_a_text_page() -> None:
    # a two-row ruled table with text level with its first row on both sides: on a scan
    # that is a block of a wider table without lines (fill edges), on a text page the lines
    # are drawn and the table is one
    x0, x1, tops = 200.0, 320.0, (100.0, 115.0, 130.0)
    rulings = [Ruling(x0, t, x1, t) for t in tops]
    rulings += [Ruling(x, tops[0], x, tops[-1]) for x in (x0, 260.0, x1)]
    items = words(60, 103, "Riskvärde") + words(340, 103, "Kommentar")
    items += row(103, {204: "S", 264: "K"}) + row(118, {204: "3", 264: "4"})
    text_page = page(1, items, rulings)
    scan_page = replace(text_page, decision=PageDecision("ocr", "test"))
    assert len(split_page(text_page).grids) == 1
    assert split_page(scan_page).grids == ()
