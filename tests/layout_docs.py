"""Small born-digital PDFs in ordinary layouts the seed corpus does not have (issue 8).

Each builder writes a PDF with reportlab (bundled Vera fonts, invariant) and
returns the rows an auditor reading it by hand would write down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
for _name, _file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
    if _name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_name, str(FONT_DIR / _file)))
addMapping("Vera", 0, 0, "Vera")
addMapping("Vera", 1, 0, "VeraBd")
BODY = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=12.5, spaceAfter=5)
BOLD = ParagraphStyle("bold", BODY, fontName="VeraBd")
H1 = ParagraphStyle("h1", BODY, fontName="VeraBd", fontSize=14, leading=17, spaceBefore=8)
H2 = ParagraphStyle("h2", BODY, fontName="VeraBd", fontSize=11.5, leading=14, spaceBefore=6)
CELL = ParagraphStyle("cell", BODY, fontSize=8, leading=10, spaceAfter=0)
CELL_BOLD = ParagraphStyle("cellb", CELL, fontName="VeraBd")
GRID = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]


@dataclass
class Want:
    """What a reader expects from one document: risks, each with its controls."""

    risks: list[dict[str, object]] = field(default_factory=list)
    controls: list[dict[str, object]] = field(default_factory=list)  # with "risk" = title


def cell(text: str, bold: bool = False) -> Paragraph:
    """Given text, a table-cell paragraph."""
    return Paragraph(text, CELL_BOLD if bold else CELL)


def build(path: Path, story: list[Flowable], wide: bool = False) -> Path:
    """Given a path and flowables, the PDF written there."""
    size = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(
        str(path),
        pagesize=size,
        invariant=1,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story)
    return path


AREAS = {
    "Effektiva arbetsmetoder och hög kvalitet": [
        (
            "Brist på efterlevnad av förvaltningsstyrning inom IT-området",
            "Kontroll av efterlevnad av förvaltningsstyrning för IT-system",
            "IT",
            "Löpande",
            "Stickprov i ärendesystemet",
            "Arbetet pågår löpande.",
            "Behöver utvecklas vidare.",
        ),
        (
            "Bristande dokumentation av beslut i delegationsordningen",
            "Kontroll att delegationsbeslut anmäls till nämnden",
            "Kansli",
            "Två gånger per år",
            "Genomgång av delegationslistor",
            "Samtliga beslut har anmälts.",
            "Inga avvikelser.",
        ),
        (
            "Risk för felaktiga utbetalningar av arvoden",
            "Kontroll av arvodesutbetalningar mot närvarolistor",
            "Ekonomi",
            "Kvartalsvis",
            "Stickprov om tio utbetalningar",
            "Två fel har rättats.",
            "Rutinen är förtydligad.",
        ),
        (
            "Otillräcklig uppföljning av avtal med leverantörer",
            "Kontroll att avtal följs upp enligt avtalsrutinen",
            "Upphandling",
            "Årligen",
            "Genomgång av avtalsdatabasen",
            "Uppföljning sker för de flesta avtal.",
            "Tre avtal saknar ansvarig.",
        ),
        (
            "Brister i hanteringen av allmänna handlingar",
            "Kontroll av diarieföring av inkomna handlingar",
            "Kansli",
            "Halvårsvis",
            "Stickprov i registraturen",
            "Diarieföringen fungerar väl.",
            "Ingen åtgärd.",
        ),
    ],
    "Informationssäkerhet": [
        (
            "Obehörig åtkomst till personuppgifter i verksamhetssystem",
            "Kontroll av behörigheter i verksamhetssystemen",
            "IT",
            "Två gånger per år",
            "Behörighetsgenomgång med systemägare",
            "Behörigheterna är genomgångna.",
            "Rutin för avslut av konton ses över.",
        ),
        (
            "Bristande kontinuitetsplanering vid it-avbrott",
            "Kontroll att kontinuitetsplaner finns för kritiska system",
            "Säkerhet",
            "Årligen",
            "Genomgång av planer",
            "Planer finns för fyra av sex system.",
            "Resterande planer tas fram under hösten.",
        ),
    ],
}


def control_report(path: Path) -> Want:
    """A control report: header row once per area, bold risk headings above one-row tables.

    Each risk's control sits in a one-row table without a header; "Resultat:" and
    "Kommentar:" paragraphs follow it (issue 8, first case).
    """
    widths = [52 * mm, 28 * mm, 26 * mm, 46 * mm, 22 * mm]
    header = ["Kontrollmoment", "Ansvarig avdelning", "Frekvens", "Metod", "Status"]
    total = sum(len(v) for v in AREAS.values())
    story: list[Flowable] = [
        Paragraph("Internkontrollrapport", H1),
        Paragraph("Sammanfattning", H2),
        Paragraph(
            f"Kommunstyrelsekontoret har per april 2025 arbetat med {total} riskpunkter och "
            "rapporterat avvikelser och åtgärder enligt internkontrollplanen.",
            BODY,
        ),
    ]
    want = Want()
    for area, risks in AREAS.items():
        story += [
            Paragraph(area, H1),
            Paragraph(
                "Internkontrollområdet syftar till att säkerställa rättssäkerhet och kontinuitet "
                "genom väl fungerande processer och rutiner.",
                BODY,
            ),
        ]
        head = Table([[cell(h, True) for h in header]], colWidths=widths)
        head.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, -1), colors.lightgrey)]))
        story += [head, Spacer(1, 6)]
        for risk, control, who, when, method, result, comment in risks:
            row = Table(
                [[cell(control), cell(who), cell(when), cell(method), cell("")]], colWidths=widths
            )
            row.setStyle(TableStyle(GRID))
            story += [
                Paragraph(risk, BOLD),
                row,
                Spacer(1, 4),
                Paragraph(f"Resultat: {result}", BODY),
                Paragraph(f"Kommentar: {comment}", BODY),
            ]
            want.risks.append({"process": area, "risk": risk})
            want.controls.append(
                {
                    "risk": risk,
                    "control": control,
                    "responsible": who,
                    "frequency": when,
                    "method": method,
                    "result": result,
                    "comment": comment,
                }
            )
    build(path, story)
    return want


PLAN = [
    (
        "Ekonomi",
        "Felaktiga utbetalningar till leverantörer",
        2,
        4,
        [
            ("Attestkontroll av leverantörsfakturor", "Ekonomichef", "Kvartalsvis"),
            ("Kontroll av ändrade bankuppgifter", "Redovisningsansvarig", "Månadsvis"),
        ],
    ),
    (
        "Ekonomi",
        "Budgetavvikelser upptäcks för sent",
        3,
        3,
        [
            ("Månatlig budgetuppföljning per enhet", "Controller", "Månadsvis"),
        ],
    ),
    (
        "Personal",
        "Brister i rekryteringsprocessen",
        2,
        3,
        [
            ("Kontroll av referenstagning vid anställning", "HR-chef", "Halvår"),
            ("Kontroll av utdrag ur belastningsregistret", "Rektor", "Vid anställning"),
            ("Granskning av anställningsavtal", "HR-specialist", "Årligen"),
        ],
    ),
    (
        "Personal",
        "Hög sjukfrånvaro följs inte upp",
        3,
        2,
        [
            ("Uppföljning av rehabiliteringsärenden", "Enhetschef", "Kvartalsvis"),
        ],
    ),
    (
        "Upphandling",
        "Direktupphandling över beloppsgränsen",
        2,
        4,
        [
            ("Stickprov på direktupphandlingar", "Upphandlare", "Halvår"),
            ("Kontroll av dokumentation av direktupphandling", "Inköpschef", "Årligen"),
        ],
    ),
    (
        "IT",
        "Obehörig åtkomst till system",
        2,
        4,
        [
            ("Behörighetsgenomgång", "IT-chef", "Årligen"),
        ],
    ),
]


def kontrollplan(path: Path, spans: bool = True) -> Want:
    """A combined Kontrollplan table where one risk owns the rows of its 1-3 controls.

    With ``spans`` the Nr/Process/Risk/S/K/R cells are merged over the control
    rows; without, they are left empty below the risk's first row (issue 8, case 2).
    """
    header = ["Nr", "Process", "Risk", "S", "K", "R", "Kontrollmoment", "Ansvarig", "Frekvens"]
    widths = [10 * mm, 30 * mm, 56 * mm, 9 * mm, 9 * mm, 9 * mm, 58 * mm, 40 * mm, 26 * mm]
    data: list[list[object]] = [[cell(h, True) for h in header]]
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    want = Want()
    for number, (process, risk, s, k, controls) in enumerate(PLAN, start=1):
        first = len(data)
        for i, (control, who, when) in enumerate(controls):
            left: list[object] = (
                [str(number), cell(process), cell(risk), str(s), str(k), str(s * k)]
                if i == 0
                else [""] * 6
            )
            data.append([*left, cell(control), cell(who), cell(when)])
            want.controls.append(
                {"risk": risk, "control": control, "responsible": who, "frequency": when}
            )
        if spans and len(controls) > 1:
            style += [("SPAN", (c, first), (c, len(data) - 1)) for c in range(6)]
        want.risks.append(
            {
                "process": process,
                "risk": risk,
                "probability": s,
                "consequence": k,
                "risk_value": s * k,
            }
        )
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    build(
        path,
        [
            Paragraph("Kontrollplan 2024", H1),
            Paragraph(
                "Planen beslutades av nämnden. S = sannolikhet, K = konsekvens, R = riskvärde.",
                BODY,
            ),
            table,
        ],
        wide=True,
    )
    return want


SCALE_WORDS = {
    1: "Osannolik", 2: "Mindre sannolik", 3: "Möjlig", 4: "Sannolik", 5: "Mycket sannolik"
}


def two_row_roles(path: Path, numbered: bool = True) -> Want:
    """A plan whose header has two rows naming the same columns for rows of two kinds:
    "Nr | Risk | Sannolikhet | Konsekvens | Riskvärde" over "Kontrollmoment | Ansvarig |
    Frekvens | Metod", each risk's row (values as "Möjlig (3)") over its control rows. With
    ``numbered`` a Nr column merged over the risk's rows; without, no Nr column and the
    values plain numbers."""
    risk_labels = ["Risk", "Sannolikhet", "Konsekvens", "Riskvärde"]
    control_labels = ["Kontrollmoment", "Ansvarig", "Frekvens", "Metod"]
    lead = ["Nr"] if numbered else []
    data: list[list[object]] = [
        [cell(h, True) for h in lead + risk_labels],
        [*([""] if numbered else []), *(cell(h, True) for h in control_labels)],
    ]
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 1), colors.lightgrey)]
    if numbered:
        style.append(("SPAN", (0, 0), (0, 1)))
    want = Want()
    for number, (_, risk, s, k, controls) in enumerate(PLAN, start=1):
        first = len(data)
        values = [f"{SCALE_WORDS[s]} ({s})", f"{k}", f"{s * k}"] if numbered else \
            [str(s), str(k), str(s * k)]
        data.append([*([str(number)] if numbered else []), cell(risk, True), *values])
        for control, who, when in controls:
            data.append([*([""] if numbered else []), cell(control), cell(who), cell(when),
                         cell("Stickprov på 10 ärenden per kvartal")])
            want.controls.append({"risk": risk, "control": control, "responsible": who,
                                  "frequency": when})
        if numbered:
            style.append(("SPAN", (0, first), (0, len(data) - 1)))
        want.risks.append({"risk": risk, "probability": s, "consequence": k,
                           "risk_value": s * k})
    widths = ([12 * mm] if numbered else []) + [70 * mm, 35 * mm, 35 * mm, 60 * mm]
    table = Table(data, colWidths=widths, repeatRows=2)
    table.setStyle(TableStyle(style))
    build(path, [Paragraph("Internkontrollplan 2025", H1), table], wide=True)
    return want


def transposed(path: Path, ruled: bool = True) -> Want:
    """A sheet set on its side: the labels down the first column ("Risk", "Sannolikhet",
    "Kontrollmoment" …), each risk a column ("R1 | R2 | R3"): three risks to a table, then
    two, then one alone. Without ``ruled`` only a line under each row, no column lines."""
    labels = ["Risk nr", "Process", "Risker", "Sannolikhet", "Konsekvens", "Riskvärde",
              "Kontrollmoment", "Ansvarig", "Frekvens"]
    want = Want()
    story: list[Flowable] = [Paragraph("Riskanalys och internkontrollplan 2025", H1)]
    for start, stop in ((0, 3), (3, 5), (5, len(PLAN))):  # three risks, two, one
        part = PLAN[start:stop]
        columns: list[list[object]] = [[cell(label, True) for label in labels]]
        for number, (process, risk, s, k, controls) in enumerate(part, start=start + 1):
            control, who, when = controls[0]
            columns.append([f"R{number}", cell(process), cell(risk, True), str(s), str(k),
                            str(s * k), cell(control), cell(who), cell(when)])
            want.risks.append({"process": process, "risk": risk, "probability": s,
                               "consequence": k, "risk_value": s * k})
            want.controls.append({"risk": risk, "control": control, "responsible": who,
                                  "frequency": when})
        rows = [list(row) for row in zip(*columns, strict=True)]
        widths = [40 * mm] + [70 * mm] * len(part)
        table = Table(rows, colWidths=widths)
        table.setStyle(TableStyle(GRID if ruled else [
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")
        ]))
        story += [table, Spacer(1, 12)]
    build(path, story, wide=True)
    return want


def titled_boxes(path: Path) -> Want:
    """Each risk a box of two columns whose first row is its title across the box ("2.
    Title" or "Risk 2: Title"), then label | value rows, each control under a numbered label
    ("Kontroll 1", "Kontroll 2") with its Ansvarig and Frekvens rows under it."""
    want = Want()
    story: list[Flowable] = [Paragraph("Internkontrollplan 2025", H1)]
    for number, (_, risk, s, k, controls) in enumerate(PLAN, start=1):
        title = f"{number}. {risk}" if number % 2 else f"Risk {number}: {risk}"
        data: list[list[object]] = [[cell(title, True), ""], ["Sannolikhet", str(s)],
                                    ["Konsekvens", str(k)], ["Riskvärde", str(s * k)]]
        for i, (control, who, when) in enumerate(controls, start=1):
            data += [[cell(f"Kontroll {i}", True), cell(control)], ["Ansvarig", cell(who)],
                     ["Frekvens", cell(when)]]
            want.controls.append({"risk": risk, "control": control, "responsible": who,
                                  "frequency": when})
        want.risks.append({"risk": risk, "probability": s, "consequence": k,
                           "risk_value": s * k})
        table = Table(data, colWidths=[45 * mm, 120 * mm])
        table.setStyle(TableStyle([*GRID, ("SPAN", (0, 0), (1, 0))]))
        story += [table, Spacer(1, 10)]
    build(path, story)
    return want


def findings_with_appendix(path: Path) -> Want:
    """A follow-up: each control a numbered heading over "Risk nr: R2" / "Ansvarig: …" /
    "Frekvens: …" lines (each a paragraph of its own) and a one-row table Status |
    Resultat | Åtgärd; the risks and their values only in an appendix table at the end."""
    want = Want()
    story: list[Flowable] = [Paragraph("Uppföljning av internkontrollplan 2025", H1)]
    number = 0
    for r, (_, risk, _, _, controls) in enumerate(PLAN, start=1):
        for control, who, when in controls:
            number += 1
            story += [Paragraph(f"{number}. {control}", H2),
                      Paragraph(f"Risk nr: R{r}", BODY), Paragraph(f"Ansvarig: {who}", BODY),
                      Paragraph(f"Frekvens: {when}", BODY)]
            table = Table([[cell("Status", True), cell("Resultat", True), cell("Åtgärd", True)],
                           [cell("Genomförd"), cell("Inga avvikelser."), cell("Ingen.")]],
                          colWidths=[30 * mm, 80 * mm, 60 * mm])
            table.setStyle(TableStyle(GRID))
            story.append(table)
            want.controls.append({"risk": risk, "control": control, "responsible": who,
                                  "frequency": when, "result": "Inga avvikelser."})
    story.append(Paragraph("Bilaga 1. Riskanalys", H2))
    rows: list[list[object]] = [[cell(h, True) for h in ("Nr", "Risk", "S", "K", "R")]]
    for r, (_, risk, s, k, _) in enumerate(PLAN, start=1):
        rows.append([f"R{r}", cell(risk), str(s), str(k), str(s * k)])
        want.risks.append({"risk": risk, "probability": s, "consequence": k,
                           "risk_value": s * k})
    appendix = Table(rows, colWidths=[15 * mm, 90 * mm, 12 * mm, 12 * mm, 12 * mm])
    appendix.setStyle(TableStyle(GRID))
    story.append(appendix)
    build(path, story)
    return want


SMALL = ParagraphStyle("small", BODY, fontSize=7.5, leading=9)


def captioned_tables(path: Path) -> Want:
    """Each area its own table under a caption in small type that names it after the
    table's number ("Tabell 1. Ekonomi", "Tabell 2: Personal"), a note under each table."""
    header = ["Risk", "S", "K", "R", "Kontrollmoment", "Ansvarig"]
    want = Want()
    story: list[Flowable] = [Paragraph("Internkontrollplan 2025", H1),
                             Paragraph("Planen bygger på nämndens riskanalys.", BODY)]
    areas: dict[str, list[tuple[str, int, int, str, str]]] = {}
    for process, risk, s, k, controls in PLAN:
        areas.setdefault(process, []).append((risk, s, k, controls[0][0], controls[0][1]))
    for number, (area, risks) in enumerate(areas.items(), start=1):
        mark = ". " if number % 2 else ": "
        story.append(Paragraph(f"Tabell {number}{mark}{area}", SMALL))
        data: list[list[object]] = [[cell(h, True) for h in header]]
        for risk, s, k, control, who in risks:
            data.append([cell(risk), str(s), str(k), str(s * k), cell(control), cell(who)])
            want.risks.append({"process": area, "risk": risk, "probability": s,
                               "consequence": k, "risk_value": s * k})
            want.controls.append({"risk": risk, "control": control, "responsible": who})
        table = Table(data, colWidths=[60 * mm, 10 * mm, 10 * mm, 10 * mm, 55 * mm, 30 * mm])
        table.setStyle(TableStyle(GRID))
        story += [table, Paragraph("Förklaring: S = sannolikhet, K = konsekvens.", SMALL)]
    build(path, story)
    return want


SECTIONS = {
    "Myndighetsutövning barn och unga": [
        ("Utredningar avslutas inte inom lagstadgad tid", 3, 3),
        ("Orosanmälningar registreras inte korrekt", 2, 4),
        ("Bristande dokumentation i barnavårdsakter", 3, 2),
    ],
    "Ekonomiskt bistånd": [
        ("Felaktiga utbetalningar av försörjningsstöd", 2, 4),
        ("Handläggning sker inte enligt riktlinjer", 2, 3),
    ],
    "Vuxna med missbruk": [
        ("Placeringar följs inte upp", 3, 3),
        ("Avtal med vårdgivare saknas", 1, 4),
    ],
}


def numbered_sections(path: Path) -> Want:
    """A risk table per numbered section heading, after an unnumbered heading (case 3)."""
    header = ["Risk", "Sannolikhet", "Konsekvens", "Riskvärde"]
    widths = [100 * mm, 25 * mm, 25 * mm, 22 * mm]
    story: list[Flowable] = [
        Paragraph("Riskanalys 2024 Socialnämnden", H1),
        Paragraph("Bedömningsgrunder", H2),
        Paragraph(
            "Sannolikhet och konsekvens bedöms på en skala från 1 till 4. Riskvärdet är "
            "produkten av sannolikhet och konsekvens.",
            BODY,
        ),
    ]
    want = Want()
    for number, (section, risks) in enumerate(SECTIONS.items(), start=1):
        story.append(Paragraph(f"{number}. {section}", BOLD))
        data = [[cell(h, True) for h in header]]
        for risk, s, k in risks:
            data.append([cell(risk), str(s), str(k), str(s * k)])
            want.risks.append(
                {
                    "process": section,
                    "risk": risk,
                    "probability": s,
                    "consequence": k,
                    "risk_value": s * k,
                }
            )
        table = Table(data, colWidths=widths)
        table.setStyle(TableStyle(GRID))
        story += [table, Spacer(1, 8)]
    build(path, story)
    return want


def unreadable_risks(path: Path) -> None:
    """Risk content the recognizer cannot read: assessment words, a risk list in prose."""
    story: list[Flowable] = [
        Paragraph("Riskanalys 2024", H1),
        Paragraph(
            "Nämnden har identifierat 5 risker. Varje risk har bedömts utifrån sannolikhet "
            "och konsekvens; riskvärdet är produkten av dem.",
            BODY,
        ),
    ]
    for n in range(1, 6):
        story.append(
            Paragraph(
                f"R{n} Risk nummer {n} med sannolikhet {n % 4 + 1} och konsekvens {n % 3 + 2}, "
                "beskriven i löptext utan tabell och utan etiketter.",
                BODY,
            )
        )
    build(path, story)


def agenda(path: Path) -> None:
    """Agenda prose and a budget table: no risk content."""
    data = [
        ["Verksamhet", "Budget 2024", "Budget 2025"],
        ["Förskola", "120 000", "125 000"],
        ["Grundskola", "340 000", "351 000"],
    ]
    table = Table(data)
    table.setStyle(TableStyle(GRID))
    build(
        path,
        [
            Paragraph("Kallelse till kommunstyrelsen", H1),
            Paragraph(
                "Sammanträdet hålls i kommunhuset. Ärendelista: 1. Upprop 2. Val av justerare "
                "3. Budget 2025.",
                BODY,
            ),
            table,
        ],
    )


SLIDE_BODY = ParagraphStyle("slide", BODY, fontSize=14, leading=18, spaceAfter=8)
SLIDE_TITLE = ParagraphStyle("slideh", SLIDE_BODY, fontName="VeraBd", fontSize=20, leading=24)
SLIDE_CELL = ParagraphStyle("slidec", CELL, fontSize=12, leading=14)
SLIDE_AREAS = {
    "Ekonomi": [
        (
            "Felaktiga utbetalningar till leverantörer",
            "Fakturor betalas utan attest enligt attestordningen.",
            "Ekonomisk risk",
            (3, 4),
            [("Kontroll av att leverantörsfakturor är attesterade", "Ekonomichef", "Kvartalsvis")],
        ),
        (
            "Brister i hanteringen av kontanta medel",
            "Handkassor stäms inte av mot kassaboken.",
            "Verksamhetsrisk",
            (2, 3),
            [
                ("Inventering av handkassor", "Controller", "Halvårsvis"),
                ("Avstämning av kassabok mot kvitton", "Enhetschef", "Månadsvis"),
            ],
        ),
    ],
    "Informationssäkerhet": [
        (
            "Obehörig åtkomst till personuppgifter",
            "Medarbetare har behörigheter de inte behöver i sitt arbete.",
            "Legal risk",
            (4, 3),
            [("Kontroll av behörighetstilldelning", "Systemförvaltare", "Två gånger per år")],
        ),
        (
            "Nätfiske och skadlig kod",
            "Medarbetare luras att lämna ut inloggningsuppgifter via e-post.",
            "IT-risk",
            (2, 4),
            [("Uppföljning av genomförd utbildning", "HR-chef", "Årligen")],
        ),
    ],
}


def slides(path: Path, bullets: bool = True, risk_word: bool = False, values: bool = True) -> Want:
    """A presentation exported to PDF: landscape pages in large type, a page per risk with
    its title as the page's heading ("1. Title"), its cause under it, the risk's context
    and assessment as short labelled lines ("• Område: …", "• Sannolikhet: 3", or bold
    labels; with them the cause labelled "Orsak:"), then a small table of its controls
    (``risk_word``: headings "Risk 1: Title";
    not ``values``: no assessment, the context lines right above the table). The first area
    has a divider page and no "Område:" lines; the second names its area and the risk's
    owner on each risk's page."""
    story: list[Flowable] = [
        Paragraph("Riskanalys och internkontrollplan 2025 – Socialnämnden", SLIDE_TITLE),
        Paragraph(
            "Riskerna har identifierats vid workshoppar med förvaltningens ledningsgrupp.",
            SLIDE_BODY,
        ),
    ]
    want = Want()
    number = 0
    for index, (area, risks) in enumerate(SLIDE_AREAS.items()):
        if index == 0:
            story += [PageBreak(), Paragraph(area, SLIDE_TITLE)]
        for title, cause, category, (s, k), controls in risks:
            number += 1
            owner = f"{area[:4]}chef"
            lines = [("Område", area), ("Ansvarig", owner)] if index > 0 else []
            lines.append(("Riskkategori", category))
            if values:
                lines += [
                    ("Sannolikhet", str(s)),
                    ("Konsekvens (K)", str(k)),
                    ("Riskvärde (S×K)", str(s * k)),
                ]
            story += [
                PageBreak(),
                Paragraph(
                    f"Risk {number}: {title}" if risk_word else f"{number}. {title}", SLIDE_TITLE
                ),
                Paragraph(cause if bullets else f"<b>Orsak:</b> {cause}", SLIDE_BODY),
            ]
            for label, value in lines:
                text = f"• {label}: {value}" if bullets else f"<b>{label}:</b> {value}"
                story.append(Paragraph(text, SLIDE_BODY))
            data = [[Paragraph(f"<b>{h}</b>", SLIDE_CELL) for h in ("Kontroll", "Ansvarig", "När")]]
            data += [[Paragraph(c, SLIDE_CELL) for c in control] for control in controls]
            table = Table(data, colWidths=[140 * mm, 50 * mm, 50 * mm])
            table.setStyle(TableStyle(GRID))
            story += [Spacer(1, 8), table]
            risk: dict[str, object] = {
                "process": area,
                "risk": title,
                "description": cause,
                "risk_category": category,
            }
            if index > 0:
                risk["responsible"] = owner
            if values:
                risk.update(probability=s, consequence=k, risk_value=s * k)
            want.risks.append(risk)
            for control, responsible, frequency in controls:
                want.controls.append(
                    {
                        "risk": title,
                        "control": control,
                        "responsible": responsible,
                        "frequency": frequency,
                    }
                )
    build(path, story, wide=True)
    return want


OWNERS = ("Ekonomichef", "HR-chef", "Förvaltningschef")


def indented_tree(
    path: Path, tree: bool = True, zebra: float = 0.0, copies: int = 1, tail: bool = False,
    owner: bool = False, unruled: bool = False,
) -> Want:
    """A tool's export as one table whose first column is a tree: each area, its risks one
    step in, each risk's controls two steps in, the indentation the only sign of the level;
    S/K/R only on a risk's row, Ansvarig and Frekvens only on a control's. Without ``tree``
    an ordinary table whose risk column is centred (its text starting at other offsets on
    each row): every row a risk with its control, no level read from the offsets. With ``zebra`` no
    lines but shaded bands, rows that many points of padding apart: a loose pitch, a line
    without descenders further from the next than the others. ``copies`` times the plan
    (numbered areas), its header once: a table over pages, a part going on from the one
    before. With ``tail`` the last risk's further controls on the next page, in a table of
    its own without a header: one level only, the step known from the page before. With
    ``owner`` an "Ansvarig" beside the values, filled on risk rows only (the risk's owner),
    and "Ansvarig för kontroll" on the control rows. With ``unruled`` no lines nor bands,
    the tree column narrow: a control's text wraps, an area's line under it."""
    want = Want()
    if owner:
        header = ["Område/Risk/Kontroll", "Ansvarig", "S", "K", "R", "Ansvarig för kontroll",
                  "Frekvens"]
        widths = [90 * mm, 30 * mm, 12 * mm, 12 * mm, 12 * mm, 40 * mm, 30 * mm]
    elif tree:
        header = ["Område/Risk/Kontroll", "S", "K", "R", "Ansvarig", "Frekvens"]
        widths = [(55 if unruled else 110) * mm, 12 * mm, 12 * mm, 12 * mm, 40 * mm, 30 * mm]
    else:
        header = ["Risk", "S", "K", "R", "Kontrollmoment", "Ansvarig", "Frekvens"]
        widths = [60 * mm, 12 * mm, 12 * mm, 12 * mm, 60 * mm, 40 * mm, 30 * mm]
    data: list[list[object]] = [[cell(h, True) for h in header]]
    area = None
    plan = [(f"{process} {n}" if n else process, f"{risk} ({n + 1})" if n else risk, s, k,
             [(f"{c} ({n + 1})" if n else c, who, when) for c, who, when in controls])
            for n in range(copies) for process, risk, s, k, controls in PLAN]
    for process, risk, s, k, controls in plan:
        gap = [""] if owner else []  # the owner's cell, left empty but on risk rows
        who_owns = OWNERS[len(want.risks) % len(OWNERS)]
        if tree and process != area:
            data.append([cell(process), *gap, "", "", "", "", ""])
            area = process
        if tree:
            data.append([Paragraph(risk, ParagraphStyle("r", CELL, leftIndent=10)),
                         *([cell(who_owns)] if owner else []), str(s), str(k), str(s * k),
                         "", ""])
        for i, (control, who, when) in enumerate(controls):
            if tree:
                data.append([Paragraph(control, ParagraphStyle("c", CELL, leftIndent=20)),
                             *gap, "", "", "", cell(who), cell(when)])
            elif i == 0:
                centred = Paragraph(risk, ParagraphStyle("m", CELL, alignment=1))
                data.append([centred, str(s), str(k), str(s * k), cell(control), cell(who),
                             cell(when)])
            want.controls.append(
                {"risk": risk, "control": control, "responsible": who, "frequency": when}
            )
            if not tree:
                break
        want.risks.append({"process": process if tree else None, "risk": risk,
                           "probability": s, "consequence": k, "risk_value": s * k,
                           **({"responsible": who_owns} if owner else {})})
    table = Table(data, colWidths=widths, repeatRows=0 if copies > 1 else 1)
    style = [*GRID] if tree else [*GRID, ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    if unruled:
        style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if zebra:
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), zebra),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), zebra),
                 ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef2f7")])]
    table.setStyle(TableStyle(style))
    story: list[Flowable] = [Paragraph("Internkontrollplan 2025", H1), table]
    if tail:
        rest = [("Kontroll av avslutade konton", "IT-chef", "Kvartalsvis"),
                ("Granskning av administratörsbehörigheter", "Systemägare", "Årligen")]
        step = ParagraphStyle("t", CELL, leftIndent=20)
        more = Table([[Paragraph(c, step), "", "", "", cell(who), cell(when)]
                      for c, who, when in rest], colWidths=widths)
        more.setStyle(TableStyle(style))
        story += [PageBreak(), more]
        last = plan[-1][1]
        want.controls += [{"risk": last, "control": c, "responsible": who, "frequency": when}
                          for c, who, when in rest]
    build(path, story, wide=True)
    return want
