"""The general recognizer on hand-built pages (words with boxes and rulings, no PDF).

One test per mechanism: column roles, row roles, headers stated once, two-level
headers, headings inside and outside tables, key-value layouts, no silent zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from riskrad.extract.recognize import RecognizerSettings, recognise
from riskrad.extract.recognize.evidence import page_signal, shortfall
from riskrad.extract.recognize.headings import heading_kind, strip_numbering
from riskrad.model.records import BBox, Fill, PageDecision, PageRecord, RawRisk, Ruling, Word
from riskrad.model.settings import TableSettings, UnruledSettings

CHAR = 5.0  # points per character at size 10
ROW = 16.0


@dataclass
class PageBuilder:
    """Lays out paragraphs and ruled tables top to bottom on an A4 page."""

    number: int = 1
    top: float = 60.0
    words: list[Word] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)

    def text(self, x: float, top: float, text: str, size: float = 10.0, bold: bool = False) -> None:
        for token in text.split():
            width = len(token) * CHAR * size / 10
            box = BBox(x, top, x + width, top + size)
            self.words.append(Word(token, box, font_size=size, bold=bold))
            x += width + 0.3 * size

    def para(self, text: str, size: float = 10.0, bold: bool = False) -> PageBuilder:
        self.text(60, self.top, text, size, bold)
        self.top += size + 12
        return self

    def table(
        self,
        widths: list[float],
        rows: list[list[str]],
        vspans: tuple[tuple[int, int, int], ...] = (),
        hspans: tuple[tuple[int, int, int], ...] = (),
    ) -> PageBuilder:
        """Rows of cell texts; vspans (col, first, last) merge rows, hspans (row, c0, c1) cols."""
        xs = [60.0]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [self.top + i * ROW for i in range(len(rows) + 1)]
        merged_v = {(c, r) for c, r0, r1 in vspans for r in range(r0, r1)}  # no line under r
        merged_h = {(r, c) for r, c0, c1 in hspans for c in range(c0, c1)}  # no line right of c
        for r, y in enumerate(ys):
            for c in range(len(widths)):
                if 0 < r < len(rows) and (c, r - 1) in merged_v:
                    continue
                self.rulings.append(Ruling(xs[c], y, xs[c + 1], y))
        for c, x in enumerate(xs):
            for r in range(len(rows)):
                if 0 < c < len(widths) and (r, c - 1) in merged_h:
                    continue
                self.rulings.append(Ruling(x, ys[r], x, ys[r + 1]))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                if text:
                    self.text(xs[c] + 2, ys[r] + 3, text, 8)
        self.top = ys[-1] + 14
        return self

    def record(self) -> PageRecord:
        return PageRecord(
            self.number,
            595,
            842,
            tuple(self.words),
            tuple(self.rulings),
            PageDecision("text", "test"),
            fills=tuple(self.fills),
        )


def risks_of(*pages: PageBuilder) -> list[RawRisk]:
    return list(recognise([p.record() for p in pages]).risks)


def text(risk: RawRisk, name: str) -> str | None:
    cell = risk.fields.get(name)
    return None if cell is None else " ".join(cell.raw.split())


COMBINED = ["Nr", "Risk", "S", "K", "Kontrollmoment", "Ansvarig"]
WIDTHS = [30.0, 150, 25, 25, 150, 80]


def test_spanned_risk_cells_give_one_risk_with_its_controls() -> None:
    page = PageBuilder().table(
        WIDTHS,
        [
            COMBINED,
            ["1", "Felaktiga utbetalningar", "2", "4", "Attestkontroll", "Ekonomichef"],
            ["", "", "", "", "Kontroll av bankuppgifter", "Controller"],
            ["2", "Sena rapporter", "3", "3", "Uppföljning", "Rektor"],
        ],
        vspans=tuple((c, 1, 2) for c in range(4)),
    )
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == ["Felaktiga utbetalningar", "Sena rapporter"]
    assert [text(c, "control") for c in risks[0].controls] == [
        "Attestkontroll",
        "Kontroll av bankuppgifter",
    ]
    assert text(risks[0].controls[1], "responsible") == "Controller"
    assert risks[0].layout == "risk_row_with_control"
    assert {c.layout for c in risks[0].controls} == {"control_row"}


def test_empty_risk_cells_below_a_risk_give_its_further_controls() -> None:
    page = PageBuilder().table(
        WIDTHS,
        [
            COMBINED,
            ["1", "Felaktiga utbetalningar", "2", "4", "Attestkontroll", "Ekonomichef"],
            ["", "", "", "", "Kontroll av bankuppgifter", "Controller"],
            ["", "", "", "", "Stickprov", "Revisor"],
        ],
    )
    risks = risks_of(page)
    assert len(risks) == 1
    assert len(risks[0].controls) == 3
    assert text(risks[0], "probability") == "2"


def test_header_stated_once_applies_to_tables_with_same_columns_across_pages() -> None:
    widths = [150.0, 90, 90, 110]
    first = (
        PageBuilder()
        .para("Informationssäkerhet", size=14, bold=True)
        .table(widths, [["Kontrollmoment", "Ansvarig", "Frekvens", "Metod"]])
        .para("Obehörig åtkomst till system", bold=True)
        .table(widths, [["Behörighetskontroll", "IT", "Årligen", "Genomgång"]])
        .para("Resultat: Inga avvikelser.")
    )
    second = (
        PageBuilder(number=2)
        .para("Bristande kontinuitetsplanering", bold=True)
        .table(widths, [["Kontroll av planer", "Säkerhet", "Årligen", "Granskning"]])
    )
    risks = risks_of(first, second)
    assert [text(r, "risk") for r in risks] == [
        "Obehörig åtkomst till system",
        "Bristande kontinuitetsplanering",
    ]
    assert [text(r, "process") for r in risks] == ["Informationssäkerhet"] * 2
    assert text(risks[1].controls[0], "frequency") == "Årligen"
    assert text(risks[0].controls[0], "result") == "Inga avvikelser."
    assert risks[1].page == 2


def test_header_less_table_with_other_columns_is_not_read() -> None:
    page = (
        PageBuilder()
        .table([150.0, 90, 90, 110], [["Kontrollmoment", "Ansvarig", "Frekvens", "Metod"]])
        .para("Budget", bold=True)
        .table([200.0, 120, 120], [["Förskola", "120", "125"]])
    )
    result = recognise([page.record()])
    assert result.risks == () and result.orphan_controls == ()


def test_two_level_header_names_columns_under_their_group() -> None:
    widths = [150.0, 25, 25, 25, 120, 80]
    page = PageBuilder().table(
        widths,
        [
            ["Risk", "Riskbedömning", "", "", "Kontroll", ""],
            ["", "S", "K", "R", "Moment", "Metod"],
            ["Felaktiga utbetalningar", "2", "4", "8", "Attestkontroll", "Stickprov"],
        ],
        vspans=((0, 0, 1),),
        hspans=((0, 1, 3), (0, 4, 5)),
    )
    risks = risks_of(page)
    assert len(risks) == 1
    assert [text(risks[0], n) for n in ("probability", "consequence", "risk_value")] == [
        "2",
        "4",
        "8",
    ]
    assert text(risks[0].controls[0], "control") == "Attestkontroll"
    assert text(risks[0].controls[0], "method") == "Stickprov"


def test_full_width_heading_row_inside_a_risk_table_is_the_process() -> None:
    widths = [200.0, 40, 40, 40]
    page = PageBuilder().table(
        widths,
        [
            ["Risk", "S", "K", "R"],
            ["2. Ekonomi", "", "", ""],
            ["Felaktiga utbetalningar", "2", "4", "8"],
            ["Personal", "", "", ""],
            ["Hög sjukfrånvaro", "3", "2", "6"],
        ],
        hspans=((1, 0, 3), (3, 0, 3)),
    )
    risks = risks_of(page)
    assert [(text(r, "process"), text(r, "risk")) for r in risks] == [
        ("Ekonomi", "Felaktiga utbetalningar"),
        ("Personal", "Hög sjukfrånvaro"),
    ]


def test_nearest_numbered_heading_outside_the_table_is_the_process() -> None:
    widths = [200.0, 60, 60, 60]
    page = (
        PageBuilder()
        .para("Bedömningsgrunder", size=13, bold=True)
        .para("Sannolikhet och konsekvens bedöms på en skala från 1 till 4.")
        .para("1. Myndighetsutövning barn och unga")
        .table(
            widths,
            [
                ["Risk", "Sannolikhet", "Konsekvens", "Riskvärde"],
                ["Utredningar avslutas sent", "3", "3", "9"],
            ],
        )
        .para("1.2 EKONOMISKT BISTÅND")
        .table(
            widths,
            [
                ["Risk", "Sannolikhet", "Konsekvens", "Riskvärde"],
                ["Felaktiga utbetalningar", "2", "4", "8"],
            ],
        )
    )
    risks = risks_of(page)
    assert [text(r, "process") for r in risks] == [
        "Myndighetsutövning barn och unga",
        "EKONOMISKT BISTÅND",
    ]


def test_a_heading_naming_its_area_by_a_label_gives_the_process_without_the_label() -> None:
    widths = [200.0, 60, 60, 60]
    rows = [["Risk", "Sannolikhet", "Konsekvens", "Riskvärde"], ["Sena beslut", "3", "3", "9"]]
    page = PageBuilder().para("Verksamhetsområde: Kultur och fritid", size=12, bold=True)
    page.table(widths, rows)
    inside = [rows[0], ["Verksamhetsområde: Ekonomi", "", "", ""], rows[1]]
    page.table(widths, inside, hspans=((1, 0, 3),))  # a heading row across the table
    assert [text(r, "process") for r in risks_of(page)] == ["Kultur och fritid", "Ekonomi"]


def test_label_value_lines_give_risks_and_controls() -> None:
    page = (
        PageBuilder()
        .para("Risk: Felaktiga utbetalningar")
        .para("Sannolikhet: 2")
        .para("Konsekvens: 4")
        .para("Kontrollmoment: Attestkontroll av fakturor")
        .para("Ansvarig: Ekonomichef")
        .para("Risk: Sena rapporter")
        .para("Riskvärde: 9")
    )
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == ["Felaktiga utbetalningar", "Sena rapporter"]
    assert text(risks[0], "consequence") == "4"
    assert text(risks[0].controls[0], "responsible") == "Ekonomichef"
    assert text(risks[1], "risk_value") == "9"
    assert risks[0].layout == "label_lines"


def test_two_column_label_value_box_is_a_risk_card() -> None:
    page = PageBuilder().table(
        [120.0, 300],
        [
            ["Risk", "Felaktiga utbetalningar"],
            ["Sannolikhet", "2"],
            ["Konsekvens", "4"],
            ["Kontrollmoment", "Attestkontroll"],
        ],
    )
    risks = risks_of(page)
    assert len(risks) == 1 and risks[0].layout == "label_value_box"
    assert text(risks[0], "probability") == "2"
    assert text(risks[0].controls[0], "control") == "Attestkontroll"


def test_a_card_naming_its_risk_twice_keeps_the_describing_label_as_the_description() -> None:
    # a risk tool's form: "Risk (rubrik)" over "Beskrivning av risken" (both name the risk),
    # and last year's value beside this year's
    page = PageBuilder().table(
        [150.0, 300],
        [
            ["Risk (rubrik)", "Felaktiga utbetalningar"],
            ["Beskrivning av risken", "Fakturor betalas utan att varan levererats."],
            ["Riskvärde 2025", "12"],
            ["Riskvärde 2024", "6"],
            ["Kontrollnamn", "Stickprov på fakturor"],
        ],
    )
    risks = risks_of(page)
    assert len(risks) == 1
    assert text(risks[0], "risk") == "Felaktiga utbetalningar"
    assert text(risks[0], "description") == "Fakturor betalas utan att varan levererats."
    assert text(risks[0], "risk_value") == "12"


def heading_para(text: str, size: float = 10.0, bold: bool = False) -> object:
    from riskrad.extract.blocks import Paragraph, make_line

    page = PageBuilder().para(text, size, bold)
    return Paragraph((make_line(page.words, 1),), 1)


@pytest.mark.parametrize(
    ("text", "size", "bold", "kind"),
    [
        ("1. Ekonomi", 10.0, False, "numbered"),
        ("2.3 Lön och arvoden", 10.0, False, "numbered"),
        ("A. Inköp", 10.0, False, "numbered"),
        ("UPPHANDLING", 10.0, False, "caps"),
        ("Informationssäkerhet", 14.0, False, "size"),
        ("Informationssäkerhet", 10.0, True, "bold"),
        ("Detta är en mening.", 10.0, True, None),
        ("2024 års budget", 10.0, False, None),
    ],
)
def test_heading_kinds(text: str, size: float, bold: bool, kind: str | None) -> None:
    paragraph = heading_para(text, size, bold)
    assert heading_kind(paragraph, 10.0, RecognizerSettings()) == kind  # type: ignore[arg-type]


def test_heading_numbering_is_stripped() -> None:
    assert strip_numbering("1.2 Lön") == "Lön"
    assert strip_numbering("A. Inköp och\nupphandling") == "Inköp och upphandling"
    assert strip_numbering("2024 års budget") == "2024 års budget"


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="heading_size_ratio"):
        RecognizerSettings(heading_size_ratio=0.9)
    with pytest.raises(ValueError, match="announced_share"):
        RecognizerSettings(announced_share=0.0)


def test_numbered_risks_with_controls_but_no_risk_read_are_a_shortfall() -> None:
    # a plan whose risk headings "R1 …" were not read but whose controls were
    settings = RecognizerSettings()
    page = PageBuilder().para("Internkontrollplan 2024").para("Kontrollmoment och metod")
    for n, title in enumerate(("Sena svar", "Fel i lön", "Jäv", "Svinn"), 1):
        page = page.para(f"R{n} {title}").para("Kontroll av underlag")
    record = page.record()
    gap = shortfall([record], 0, 3, settings)
    assert gap is not None and "4 numbered risks seen but 0 read" in gap.message
    assert shortfall([record], 4, 3, settings) is None
    assert shortfall([record], 2, 3, settings) is None  # half read: no more than a doubt


def test_risk_words_without_rows_are_a_shortfall_and_prose_is_not() -> None:
    settings = RecognizerSettings()
    risky = PageBuilder().para("Risker bedöms efter sannolikhet och konsekvens.").record()
    gap = shortfall([risky], 0, 0, settings)
    assert gap is not None and 1 in gap.pages and "Sannolikhet" in gap.pages[1]
    assert shortfall([risky], 3, 0, settings) is None
    prose = PageBuilder().para("Kommunstyrelsen sammanträder i kommunhuset.").record()
    assert shortfall([prose], 0, 0, settings) is None
    named = PageBuilder().para("Internkontrollplan 2024").para("Konsekvensbedöm ning").record()
    assert shortfall([named], 0, 0, settings) is None  # one term: Konsekvens is cut
    broken = PageBuilder().para("Internkontrollrapport 2019").para("Konsekvens bedömning").record()
    gap = shortfall([broken], 0, 0, settings)  # the document's name and a header word
    assert gap is not None and "Internkontrollrapport" in gap.pages[1]
    mentioned = PageBuilder().para("Nämnden antar internkontrollplan för 2024.").record()
    assert shortfall([mentioned], 0, 0, settings) is None
    announced = PageBuilder().para("Vi har arbetat med 26 riskpunkter under året.").record()
    gap = shortfall([announced], 4, 4, settings)
    assert gap is not None and "26 risks announced but 4 read" in gap.message


SECTION_PROSE = (
    "Nämnden har gått igenom verksamhetens processer och bedömt vad som kan hindra målen.",
    "Det finns en risk att bistånd betalas ut på felaktiga grunder när underlag saknas.",
    "Risken bedöms som hög. Enhetschefen granskar tio ärenden varje kvartal.",
    "Behörigheter som inte tas bort kan leda till oegentligheter och stäms av varje år.",
)


def test_an_internal_control_section_in_prose_without_rows_is_a_shortfall() -> None:
    # a verksamhetsplan's chapter "5. Intern kontroll" tells its risks and controls in
    # sentences: no table, no labels, one assessment term at most; zero rows is not "ok"
    settings = RecognizerSettings()
    page = PageBuilder().para("Verksamhetsplan 2025").para("5. Intern kontroll", 12, True)
    for sentence in SECTION_PROSE:
        page.para(sentence)
    gap = shortfall([page.record()], 0, 0, settings)
    assert gap is not None and "section 'Intern kontroll' in prose" in gap.pages[1]
    assert shortfall([page.record()], 2, 2, settings) is None
    short = PageBuilder().para("5. Intern kontroll", 12, True)
    short.para("Nämndens internkontrollplan för 2025 antas i ett eget ärende i december.")
    assert shortfall([short.record()], 0, 0, settings) is None  # no section in prose
    unheaded = PageBuilder().para("Nämnden antar internkontrollplan för 2025 i december.")
    for sentence in SECTION_PROSE:
        unheaded.para(sentence)
    assert shortfall([unheaded.record()], 0, 0, settings) is None  # a sentence, no heading
    other = PageBuilder().para("6. Ekonomi", 12, True)
    for sentence in SECTION_PROSE:
        other.para(sentence)
    assert shortfall([other.record()], 0, 0, settings) is None  # a heading of another kind


def scattered_ocr_page(number: int, lines: int, single: int) -> PageRecord:
    """An OCR'd page of `lines` lines, `single` of them one word, the rest three words."""
    page = PageBuilder(number=number)
    for index in range(lines):
        words = ["ut"] if index < single else ["av", "kundfakturor", "år,"]
        page.text(60 + 37 * (index % 9), page.top, " ".join(words))
        page.top += 18
    record = page.record()
    return PageRecord(record.page, 595, 842, record.words, (), PageDecision("ocr", "test"))


def test_an_unreadable_ocr_page_in_a_document_without_rows_is_a_shortfall() -> None:
    # session 34: a follow-up page of 11 narrow columns read turned gave words that made no
    # lines (21 of 35 lines a single word); its annual report gave 0 rows with status ok
    settings = RecognizerSettings()
    cover = PageBuilder().para("Verksamhetsberättelse 2026").para("6. Intern kontroll 13").record()
    garbled = scattered_ocr_page(2, 30, 18)
    gap = shortfall([cover, garbled], 0, 0, settings)
    assert gap is not None and "naming 'intern kontroll'" in gap.message
    assert list(gap.pages) == [2] and "18 of its 30 lines a single word" in gap.pages[2]
    assert shortfall([cover, garbled], 3, 3, settings) is None  # rows were read
    assert shortfall([cover, scattered_ocr_page(2, 30, 12)], 0, 0, settings) is None  # lines
    assert shortfall([cover, scattered_ocr_page(2, 12, 12)], 0, 0, settings) is None  # short
    other = PageBuilder().para("Verksamhetsberättelse 2026").para("6. Personal").record()
    assert shortfall([other, garbled], 0, 0, settings) is None  # no internal control named
    typed = PageRecord(2, 595, 842, garbled.words, (), PageDecision("text", "test"))
    assert shortfall([cover, typed], 0, 0, settings) is None  # a text layer is no OCR misread


def test_a_table_of_risk_values_under_labels_no_vocabulary_knows_is_a_shortfall() -> None:
    # round 10's first measurement: abbreviated labels ("Sann.", "Konsekv.") the vocabulary
    # did not know gave no rows, with status ok; values in two columns on three rows or more
    # and one term show risk content whatever the labels
    settings = RecognizerSettings()
    rows = [["Nr", "Omr.", "Ident.", "Xq.", "Zz.", "Yy."]]
    rows += [[str(n), "Ekonomi", f"Risk {n}", str(n % 4 + 1), "3", str(3 * (n % 4 + 1))]
             for n in range(1, 5)]
    page = PageBuilder().para("Internkontrollplan 2024").table([30, 80, 120, 40, 40, 40], rows)
    gap = shortfall([page.record()], 0, 0, settings)
    assert gap is not None and "rows with values in two columns" in gap.message
    # numbers in columns without a term or a risk: a table of other things ...
    others = [[str(n), "Ekonomi", f"Post {n}", str(n + 2), "3", str(20 - n)] for n in range(1, 5)]
    other = PageBuilder().para("Bilaga 2").table([30, 80, 120, 40, 40, 40], others)
    assert shortfall([other.record()], 0, 0, settings) is None
    # ... unless two of them multiply to the third, row after row: S, K and S x K (round 12's
    # last silent zero: labels no vocabulary knew and no assessment term on the page)
    products = [[c.replace("Risk", "Post") for c in row] for row in rows[1:]]
    valued = PageBuilder().para("Bilaga 2").table([30, 80, 120, 40, 40, 40], products)
    gap = shortfall([valued.record()], 0, 0, settings)
    assert gap is not None and "4 rows with two values and their product" in gap.message
    ones = [[str(n), "Ekonomi", f"Post {n}", "1", str(n + 1), str(n + 1)] for n in range(1, 5)]
    trivial = PageBuilder().para("Bilaga 2").table([30, 80, 120, 40, 40, 40], ones)
    assert shortfall([trivial.record()], 0, 0, settings) is None  # 1 x n = n: any count


def number(risk: RawRisk, name: str) -> int | None:
    cell = risk.fields.get(name)
    return None if cell is None else cell.number


def test_words_on_a_declared_scale_give_their_numbers() -> None:
    page = (
        PageBuilder()
        .para("Sannolikhet: 1 = Osannolik, 2 = Mindre sannolik, 3 = Möjlig, 4 = Sannolik.")
        .para("Konsekvens: Lindrig (1), Kännbar (2), Allvarlig (3), Mycket allvarlig (4).")
        .table(
            [200.0, 90, 90],
            [
                ["Risk", "Sannolikhet", "Konsekvens"],
                ["Felaktiga utbetalningar", "Möjlig", "Kännbar"],
            ],
        )
    )
    risk = risks_of(page)[0]
    assert (number(risk, "probability"), number(risk, "consequence")) == (3, 2)
    assert risk.layout == "risk_row+word_scale"


def test_an_empty_cells_colour_is_read_through_the_legend() -> None:
    page = PageBuilder().para("Färgen anger bedömningen: grön = 1, gul = 2, röd = 4.")
    page.table([200.0, 90, 90], [["Risk", "Sannolikhet", "Konsekvens"], ["Sena rapporter", "", ""]])
    row_top = page.top - 14 - ROW
    page.fills.append(Fill(BBox(260, row_top, 350, row_top + ROW), (0.95, 0.1, 0.1)))
    page.fills.append(Fill(BBox(350, row_top, 440, row_top + ROW), (0.0, 0.6, 0.1)))
    page.fills.append(Fill(BBox(60, 30, 500, 50), (0.9, 0.9, 0.9)))  # a grey band: not a value
    risk = risks_of(page)[0]
    assert (number(risk, "probability"), number(risk, "consequence")) == (4, 1)
    assert risk.layout == "risk_row+colour_legend"


def test_a_risk_matrix_gives_s_and_k_of_numbered_risks() -> None:
    page = (
        PageBuilder()
        .table(
            [40.0, 200, 40],
            [
                ["Nr", "Risk", "R"],
                ["1", "Sena rapporter", "6"],
                ["2", "Felaktiga utbetalningar", "4"],
            ],
        )
        .para("Riskmatris", bold=True)
        .table(
            [40.0, 50, 50, 50],
            [["3", "1", "", ""], ["2", "", "", "2"], ["1", "", "", ""], ["", "K1", "K2", "K3"]],
        )
    )
    risks = risks_of(page)
    assert [(number(r, "probability"), number(r, "consequence")) for r in risks] == [(3, 1), (2, 3)]
    assert text(risks[0], "risk_value") == "6"


def test_a_risk_matrix_gives_s_and_k_of_risks_numbered_in_their_title_cells() -> None:
    # no Nr column: the number is printed in the risk's own cell ("1. Sena rapporter"); the
    # title without it is the risk (numbers change from year to year, titles less)
    rows = [["Risk", "R"], ["1. Sena rapporter", "6"], ["R2 Felaktiga utbetalningar", "4"]]
    page = PageBuilder().table([240.0, 40], rows).para("Riskmatris", bold=True)
    page.table(
        [40.0, 50, 50, 50],
        [["3", "1", "", ""], ["2", "", "", "2"], ["1", "", "", ""], ["", "K1", "K2", "K3"]],
    )
    risks = risks_of(page)
    assert [(number(r, "probability"), number(r, "consequence")) for r in risks] == [(3, 1), (2, 3)]
    assert [text(r, "risk") for r in risks] == ["Sena rapporter", "Felaktiga utbetalningar"]


def gapped(page: PageBuilder, gap: float) -> PageBuilder:
    """Given a page, it with every vertical ruling shortened by ``gap`` points at each end."""
    page.rulings = [
        Ruling(r.x0, r.top + gap, r.x1, r.bottom - gap) if r.orientation == "v" else r
        for r in page.rulings
    ]
    return page


def test_the_runs_table_settings_reach_the_table_finder() -> None:
    rows = [COMBINED, ["1", "Felaktiga utbetalningar", "2", "4", "Attestkontroll", "Ekonomi"]]
    page = gapped(PageBuilder().table(WIDTHS, rows), 5.0).record()
    loose = TableSettings(snap_tolerance=6.0, join_tolerance=6.0, intersection_tolerance=6.0)
    # default tolerances: the lines never meet, the words are read as an unruled table
    # (the cell is the words' box); loose ones join them into the ruled cell's box
    heights = {}
    for name, settings in (("default", None), ("loose", loose)):
        (risk,) = recognise([page], tables=settings).risks
        box = risk.fields["risk"].bbox
        assert text(risk, "risk") == "Felaktiga utbetalningar" and box is not None
        heights[name] = box.bottom - box.top
    assert heights == {"default": 6.0, "loose": ROW}


def test_the_runs_unruled_settings_reach_the_unruled_table_finder() -> None:
    page = PageBuilder()
    lines = [
        ("Risk", "Riskkategori", "Ansvarig", "Riskvärde"),
        ("Felaktiga utbetalningar", "Ekonomisk", "Controller", "6"),
    ]
    for top, cells in zip((100.0, 112.0), lines, strict=True):
        for x, cell in zip((60.0, 200.0, 300.0, 400.0), cells, strict=True):
            page.text(x, top, cell, 8)
    found = recognise([page.record()]).risks
    assert [text(r, "responsible") for r in found] == ["Controller"]
    strict = UnruledSettings(min_named=5)  # a header needs five named columns: none here
    read = recognise([page.record()], unruled=strict).risks
    assert all(r.fields.get("responsible") is None for r in read)


def test_the_runs_column_gap_reaches_label_value_lines_and_the_evidence() -> None:
    page = PageBuilder()
    pairs = [("Risk", "Felaktiga utbetalningar"), ("Sannolikhet", "2"), ("Konsekvens", "4")]
    for top, (label, value) in zip((100.0, 112.0, 124.0), pairs, strict=True):
        page.text(60, top, label)
        page.text(150, top, value)
    (risk,) = recognise([page.record()]).risks
    assert text(risk, "risk") == "Felaktiga utbetalningar" and risk.layout == "label_lines"
    wide = UnruledSettings(column_gap=10.0)  # 100 points: label and value are one phrase
    assert recognise([page.record()], unruled=wide).risks == ()
    header = PageBuilder()
    labels = ("Risk", "Sannolikhet", "Konsekvens", "Åtgärd")
    for x, label in zip((60.0, 160.0, 260.0, 360.0), labels, strict=True):
        header.text(x, 100, label)
    seen = {}
    for name, gaps in (("default", None), ("wide", wide)):
        signal, _ = page_signal(header.record(), gaps)
        seen[name] = any("table header line" in what for what in signal.seen) if signal else False
    assert seen == {"default": True, "wide": False}  # wide: one phrase, no header line


def test_a_risk_matrix_broken_by_a_page_is_read_as_one() -> None:
    first = PageBuilder().table(
        [40.0, 200, 40],
        [["Nr", "Risk", "R"], ["1", "Sena rapporter", "6"], ["2", "Felaktiga utbetalningar", "4"]],
    )
    first.para("Riskmatris", bold=True).table([40.0, 50, 50, 50], [["3", "1", "", ""]])
    second = PageBuilder(number=2).table(
        [40.0, 50, 50, 50], [["2", "", "", "2"], ["1", "", "", ""], ["", "K1", "K2", "K3"]]
    )
    risks = risks_of(first, second)
    assert [(number(r, "probability"), number(r, "consequence")) for r in risks] == [(3, 1), (2, 3)]
    assert risks[1].layout == "risk_row+risk_matrix"


def test_tables_on_two_pages_with_other_columns_are_no_matrix() -> None:
    first = PageBuilder().table(
        [40.0, 200, 40], [["Nr", "Risk", "R"], ["1", "Sena rapporter", "6"]]
    )
    first.table([40.0, 50, 50, 50], [["3", "1", "", ""]])
    second = PageBuilder(number=2).table(
        [40.0, 60, 60, 60], [["2", "", "", ""], ["1", "", "", ""], ["", "K1", "K2", "K3"]]
    )
    assert number(risks_of(first, second)[0], "probability") is None


def test_a_header_less_table_sized_to_its_own_text_takes_the_header_before_it() -> None:
    page = PageBuilder().table(
        [200.0, 100, 60],
        [["Risk", "Riskkategori", "Riskvärde"], ["Sena rapporter", "Verksamhetsrisk", "6"]],
    )
    page.para("Ekonomi", size=12, bold=True)  # a section heading between the parts
    page.table([170.0, 130, 60], [["Felaktiga utbetalningar", "Ekonomisk risk", "4"]])
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == ["Sena rapporter", "Felaktiga utbetalningar"]
    assert [text(r, "risk_value") for r in risks] == ["6", "4"]
    assert text(risks[1], "process") == "Ekonomi"


def test_a_header_less_table_with_text_where_numbers_stood_is_not_read() -> None:
    page = PageBuilder().table(
        [200.0, 100, 60],
        [["Risk", "Riskkategori", "Riskvärde"], ["Sena rapporter", "Verksamhetsrisk", "6"]],
    )
    page.table([170.0, 130, 60], [["Underskrift", "Datum", "Ort och namn"]])
    assert [text(r, "risk") for r in risks_of(page)] == ["Sena rapporter"]


def test_a_risk_matrix_after_a_risk_table_of_its_width_does_not_take_its_header() -> None:
    page = PageBuilder().table(
        [40.0, 60, 60, 60],
        [["Nr", "Risk", "Kategori", "Ansvarig"], ["R1", "Sena rapporter", "Ekonomi", "Rektor"]],
    )
    matrix = [["S2", "R1", "", ""], ["S1", "", "", ""], ["", "K1", "K2", "K3"]]
    page.table([40.0, 80, 50, 50], matrix)  # other inner borders, the same outer edges
    risks = risks_of(page)
    assert [text(r, "risk") for r in risks] == ["Sena rapporter"]
    assert (number(risks[0], "probability"), number(risks[0], "consequence")) == (2, 1)


def test_numbers_in_columns_without_a_term_or_in_contents_lines_are_no_risk_content() -> None:
    # numbers in columns on a page that says "risk" but names no assessment term (a budget
    # table, a list of cases) are no shortfall; nor are contents lines with leader dots
    settings = RecognizerSettings()
    rows = [["Nr", "Verksamhet", "Ärende", "Q1", "Q2", "Q3"]]
    rows += [[str(n), "Ekonomi", f"Ärende {n}", str(n % 4 + 1), "3", str(n + 4)] for n in (1, 2)]
    rows += [[str(n), "Vård", f"Ärende {n}", str(n % 4 + 1), "3", str(n + 4)] for n in (3, 4)]
    page = PageBuilder().para("Ärenden med risk för försening")
    page.table([30, 80, 120, 40, 40, 40], rows)
    assert shortfall([page.record()], 0, 0, settings) is None
    contents = PageBuilder().para("Internkontrollplan 2024")
    for n, title in enumerate(("Inledning", "Sannolikhet och konsekvens", "Uppföljning"), 1):
        contents.para(f"{n} {title} ........................ {n + 2}")
    contents.para("4 Bilaga: 26 risker ........................ 9")
    signal, announced = page_signal(contents.record())
    assert announced == 0
    assert signal is None or not any("rows with values" in s for s in signal.seen)
