"""Composing a document from independent choices (a ``Spec``) and a seeded random source.

``compose(spec, rng)`` draws the content (organ, municipality, year, areas, risks,
controls, values) and lays it out as blocks the way the spec says: table style, header
placement, row structure, heading style, columns and labels, value style, prose.
Only the fields a document shows are filled in its records, so the expected rows are
exactly what a reader of the page can know.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from . import content as C
from .model import (
    Block,
    Cell,
    ColumnFlow,
    GControl,
    GeneratedDoc,
    GRisk,
    Look,
    Meta,
    PageBreak,
    PageTurn,
    Para,
    Row,
    Table,
)

RISK_COLS = ("nr", "process", "risk", "description", "category", "owner", "s", "k", "r",
             "existing", "decision", "follows", "rcomment", "sk",  # sk: S and K in one cell
             "prev_r", "trend",  # last year's risk value and the change since (a revision)
             "residual")  # a register's residual risk value (after the controls)
CONTROL_COLS = ("control", "method", "frequency", "responsible", "who_when", "reported",
                "result", "deviation", "status", "ccomment", "action", "action_owner", "done_date")
VALUE_COLS = ("s", "k", "r")

# column label synonyms, as listed in /work/shared/layouts.md ("{n}" = the scale's top value)
LABELS: dict[str, tuple[str, ...]] = {
    "nr": ("Nr", "Nr.", "ID"),
    "process": ("Process", "Rutin", "Process/rutin", "Område", "Verksamhetsområde",
                "Ansvarsområde", "Riskområde"),
    "risk": ("Risk", "Risker", "Identifierad risk", "Beskrivning av risk", "Vad kan gå fel"),
    "description": ("Beskrivning", "Riskbeskrivning"),
    "category": ("Riskkategori", "Kategori"),
    "owner": ("Riskägare", "Ansvarig"),
    "s": ("Sannolikhet", "S", "Sannolikhet (1–{n})", "Sannolikhetsbedömning"),
    "k": ("Konsekvens", "K", "Konsekvens (1–{n})", "Konsekvensbedömning", "Påverkan"),
    "r": ("Riskvärde", "R", "Risk (S×K)", "S×K", "Riskpoäng", "Riskbedömning", "Risknivå"),
    "existing": ("Befintliga kontroller", "Befintliga åtgärder"),
    "decision": ("Ställningstagande", "Hantering", "Beslut om hantering"),
    "follows": ("Följer plan", "Följer planen (Ja/Nej)"),
    "rcomment": ("Kommentar", "Kommentarer"),
    "control": ("Kontrollmoment", "Kontroll", "Kontrollaktivitet", "Åtgärd/kontroll"),
    "method": ("Metod", "Kontrollmetod", "Metod för uppföljning", "Hur", "Omfattning/stickprov"),
    "frequency": ("Frekvens", "Tidpunkt", "När", "Periodicitet", "Tidplan"),
    "responsible": ("Ansvarig", "Kontrollansvarig", "Ansvarig för kontroll",
                    "Ansvarig tjänsteperson"),
    "reported": ("Rapporteras till", "Rapportering", "Återrapportering"),
    "result": ("Resultat", "Utfall"),
    "deviation": ("Avvikelse (Ja/Nej)", "Avvikelse"),
    "status": ("Status",),
    "ccomment": ("Kommentar",),
    "action": ("Åtgärd", "Åtgärder"),
    "action_owner": ("Åtgärdsansvarig", "Ansvarig för åtgärd"),
    "done_date": ("Klart datum", "Klart senast", "Datum klart"),
    "sk": ("S/K", "Sannolikhet/Konsekvens", "Bedömning (S/K)", "S / K"),
}
# abbreviated labels, as narrow sheet and export columns print them ("Sannol.", "Kons.")
ABBREV_LABELS: dict[str, tuple[str, ...]] = {
    "nr": ("Nr", "Nr."),
    "process": ("Proc.", "Omr.", "Verks.omr."),
    "risk": ("Risk", "Ident. risk", "Riskbeskr."),
    "description": ("Beskr.",),
    "category": ("Kat.", "Riskkat."),
    "owner": ("Riskäg.", "Ansv."),
    "s": ("Sannol.", "Sann.", "Sannolikh."),
    "k": ("Kons.", "Konsekv."),
    "r": ("Riskv.", "RV", "R-värde"),
    "existing": ("Befintl. kontr.", "Bef. kontroller"),
    "decision": ("Hanter.", "Beslut hanter."),
    "follows": ("Följer pl.",),
    "rcomment": ("Komm.", "Kommentar"),
    "control": ("Kontrollmom.", "Ktrl.moment", "Kontrollakt."),
    "method": ("Kontr.metod", "Metod"),
    "frequency": ("Frekv.", "Periodic."),
    "responsible": ("Ansv.", "Kontr.ansv.", "Ansv. tjp."),
    "reported": ("Rapp. till", "Återrapp."),
    "result": ("Res.", "Utfall"),
    "deviation": ("Avv. (J/N)", "Avv."),
    "status": ("Status", "Stat."),
    "ccomment": ("Komm.",),
    "action": ("Åtg.", "Åtgärd"),
    "action_owner": ("Åtg.ansv.",),
    "done_date": ("Klart dat.", "Klart"),
    "sk": ("S/K", "Sann./Kons."),
}
# labels of older municipal templates (Word plans of the 2000s and 2010s, "risk- och
# väsentlighetsanalys": Väsentlighet for the consequence, Risktal for the value)
OLDER_LABELS: dict[str, tuple[str, ...]] = {
    "nr": ("Nr", "Löpnr", "Nr."),
    "process": ("Rutin/system", "Kontrollområde", "Verksamhet", "Process/rutin"),
    "risk": ("Riskhändelse", "Kritisk händelse", "Risk/händelse", "Händelse"),
    "description": ("Orsak", "Möjlig orsak", "Bakgrund"),
    "category": ("Risktyp", "Typ av risk"),
    "owner": ("Riskansvarig", "Ansvarig chef"),
    "s": ("Sannolikhetsgrad", "Trolighet", "Sannolikhet (S)", "Sannolikhet 1–{n}"),
    "k": ("Väsentlighet", "Allvarlighetsgrad", "Konsekvens (K)", "Konsekvensgrad"),
    "r": ("Risktal", "Riskgrad", "Riskvärde (R)"),
    "existing": ("Nuvarande kontroller", "Befintlig hantering"),
    "decision": ("Hanteras genom", "Åtgärdsbeslut"),
    "follows": ("Enligt plan", "Följer plan"),
    "rcomment": ("Anmärkning", "Övrigt"),
    "control": ("Kontrollpunkt", "Kontrollåtgärd", "Granskningsmoment", "Vad ska kontrolleras"),
    "method": ("Tillvägagångssätt", "Genomförande", "Granskningsmetod",
               "Hur ska kontrollen göras"),
    "frequency": ("Intervall", "Hur ofta", "Tidsintervall", "Period"),
    "responsible": ("Kontrollant", "Utförs av", "Ansvar", "Ansvarig funktion"),
    "reported": ("Redovisas till", "Rapport till", "Återrapporteras till"),
    "result": ("Iakttagelser", "Kontrollresultat", "Resultat av kontroll"),
    "deviation": ("Brister (Ja/Nej)", "Avvikelser"),
    "status": ("Läge", "Status/läge"),
    "ccomment": ("Analys", "Kommentar/analys"),
    "action": ("Förbättringsåtgärd", "Vidtagna åtgärder", "Förslag till åtgärd"),
    "action_owner": ("Ansvarig för åtgärd", "Åtgärd utförs av"),
    "done_date": ("Klart senast", "Färdigdatum"),
    "sk": ("S/K",),
}
# labels of risk and governance tools' exports (field names of the tool: "Risknamn",
# "Kontrollfrekvens", "Bruttorisk")
TOOL_LABELS: dict[str, tuple[str, ...]] = {
    "nr": ("ID", "Risk-ID", "Nr"),
    "process": ("Processnamn", "Verksamhetsprocess", "Huvudprocess", "Process"),
    "risk": ("Risknamn", "Riskens namn", "Risk (rubrik)", "Risktitel"),
    "description": ("Riskbeskrivning", "Beskrivning av risken", "Orsak/beskrivning"),
    "category": ("Riskkategori", "Risktyp"),
    "owner": ("Riskägare", "Ansvarig för risk"),
    "s": ("Sannolikhet (S)", "Sannolikhetsvärde", "Bedömd sannolikhet", "S-värde"),
    "k": ("Konsekvens (K)", "Konsekvensvärde", "Bedömd konsekvens", "K-värde"),
    "r": ("Riskvärde (R)", "Bruttorisk", "Risktal", "Beräknat riskvärde"),
    "existing": ("Befintliga kontroller", "Nuvarande åtgärder"),
    "decision": ("Riskhantering", "Hanteringsstrategi"),
    "follows": ("Följer plan",),
    "rcomment": ("Kommentar till risk", "Anteckning"),
    "control": ("Kontrollnamn", "Intern kontroll", "Kontrollmoment/aktivitet", "Kontrollåtgärd"),
    "method": ("Kontrollmetod", "Metod för kontroll", "Kontrollsätt"),
    "frequency": ("Kontrollfrekvens", "Frekvens/tidpunkt", "Tidpunkt för kontroll"),
    "responsible": ("Kontrollansvarig", "Ansvarig person", "Utförare"),
    "reported": ("Rapportering till", "Rapporteringsnivå", "Mottagare av rapport"),
    "result": ("Kontrollresultat", "Utfall av kontroll", "Resultat"),
    "deviation": ("Avvikelse (J/N)", "Avvikelse funnen"),
    "status": ("Kontrollstatus", "Status"),
    "ccomment": ("Kommentar till kontroll", "Kommentar"),
    "action": ("Åtgärd vid avvikelse", "Planerad åtgärd"),
    "action_owner": ("Åtgärdsansvarig",),
    "done_date": ("Slutdatum", "Klart datum"),
    "sk": ("S/K",),
}
# labels of plain-language ("klarspråk") templates, where each column asks a question
# ("Vad kan hända?", "Hur troligt?", "Vem ansvarar?")
QUESTION_LABELS: dict[str, tuple[str, ...]] = {
    "nr": ("Nr", "Nr."),
    "process": ("Var i verksamheten?", "Vilken process?", "Verksamhet"),
    "risk": ("Vad kan hända?", "Vad kan gå fel?", "Vilken är risken?"),
    "description": ("Varför kan det hända?", "Vad beror det på?"),
    "category": ("Typ av risk", "Vilken sorts risk?"),
    "owner": ("Vem äger risken?", "Vem ansvarar för risken?"),
    "s": ("Hur troligt är det? (1–{n})", "Hur troligt?", "Hur sannolikt är det?"),
    "k": ("Hur allvarligt blir det? (1–{n})", "Hur allvarligt?", "Vad blir följden?"),
    "r": ("Hur stor är risken?", "Riskvärde", "Hur stor blir risken?"),
    "existing": ("Vad gör vi redan?", "Vad finns i dag?"),
    "decision": ("Hur hanterar vi risken?", "Vad gör vi med risken?"),
    "follows": ("Följer vi planen?",),
    "rcomment": ("Övrigt", "Kommentar"),
    "control": ("Hur kontrollerar vi?", "Vad ska kontrolleras?", "Vad gör vi?"),
    "method": ("Hur går kontrollen till?", "Hur gör vi?", "På vilket sätt?"),
    "frequency": ("Hur ofta?", "När?", "När och hur ofta?"),
    "responsible": ("Vem ansvarar?", "Vem gör det?", "Vem kontrollerar?"),
    "reported": ("Till vem rapporteras?", "Vem får rapporten?"),
    "result": ("Vad visade kontrollen?", "Vad kom vi fram till?"),
    "deviation": ("Fanns det brister?", "Avvikelse?"),
    "status": ("Hur långt har vi kommit?", "Läge"),
    "ccomment": ("Vad behöver vi tänka på?", "Kommentar"),
    "action": ("Vad gör vi nu?", "Vad behöver göras?"),
    "action_owner": ("Vem gör det nu?", "Vem ansvarar för åtgärden?"),
    "done_date": ("Klart när?", "När ska det vara klart?"),
    "sk": ("Hur troligt/allvarligt?",),
}
# labels of committees' own Word templates, written out as descriptive noun phrases
# ("Sannolikhet att risken inträffar", "Ansvarig för uppföljning", "Rapport lämnas till")
DESCRIPTIVE_LABELS: dict[str, tuple[str, ...]] = {
    "nr": ("Nr", "Löpnummer"),
    "process": ("Verksamhet/process", "Berörd verksamhet", "Processområde", "Område/process"),
    "risk": ("Identifierad risk/händelse", "Beskrivning av risken", "Riskidentifiering",
             "Risk (vad kan inträffa)"),
    "description": ("Orsak till risken", "Tänkbar orsak", "Riskens orsak"),
    "category": ("Riskområde/kategori", "Slag av risk"),
    "owner": ("Ansvarig för risken", "Ägare av risken"),
    "s": ("Sannolikhet att risken inträffar", "Bedömd sannolikhet (1–{n})",
          "Sannolikhet att det inträffar"),
    "k": ("Konsekvens om risken inträffar", "Bedömd konsekvens (1–{n})",
          "Konsekvens för verksamheten"),
    "r": ("Samlad riskbedömning", "Bedömt riskvärde", "Riskens värde"),
    "existing": ("Kontroller som finns i dag", "Befintlig intern kontroll"),
    "decision": ("Beslutad hantering", "Hur risken hanteras"),
    "follows": ("Genomförd enligt plan",),
    "rcomment": ("Kommentar till bedömningen", "Övriga kommentarer"),
    "control": ("Beskrivning av kontrollen", "Kontrollmoment/granskning",
                "Det som kontrolleras"),
    "method": ("Metod och omfattning", "Uppföljningsmetod", "Sätt att kontrollera"),
    "frequency": ("Tid för kontroll", "Tidpunkt/frekvens", "Kontrolltillfälle"),
    "responsible": ("Ansvarig för uppföljning", "Utförs av (funktion)",
                    "Ansvarig för genomförande"),
    "reported": ("Rapport lämnas till", "Rapportering sker till", "Återrapportering till"),
    "result": ("Resultat av granskningen", "Utfall av kontrollen"),
    "deviation": ("Brister/avvikelser", "Avvikelse konstaterad"),
    "status": ("Genomförandestatus", "Status för kontrollen"),
    "ccomment": ("Analys och kommentar", "Kommentar till resultatet"),
    "action": ("Åtgärder med anledning av resultatet", "Beslutade åtgärder"),
    "action_owner": ("Ansvarig för åtgärden",),
    "done_date": ("Åtgärdat senast", "Datum för åtgärd"),
    "sk": ("Sannolikhet/konsekvens",),
}
# labels of a "Riskregister": the values before the controls named "inneboende" (inherent),
# the value after them "kvarvarande" (residual), the risk's owner "Ägare"
REGISTER_LABELS: dict[str, tuple[str, ...]] = {
    **LABELS,
    "nr": ("Id", "Risk-id", "Id-nr"),
    "owner": ("Ägare", "Riskägare"),
    "s": ("Inneboende S", "Sannolikhet (inneboende)"),
    "k": ("Inneboende K", "Konsekvens (inneboende)"),
    "r": ("Inneboende risk", "Inneboende riskvärde"),
    "residual": ("Kvarvarande risk", "Kvarvarande riskvärde", "Restrisk"),
}
# labels with the scale on a second line of the header cell ("Sannolikhet" over "(1–4)")
SCALE_LINE_LABELS: dict[str, tuple[str, ...]] = {
    **LABELS,
    "s": ("Sannolikhet\n(1–{n})", "S\n(1–{n})", "Sannolikhet\nskala 1–{n}"),
    "k": ("Konsekvens\n(1–{n})", "K\n(1–{n})", "Konsekvens\nskala 1–{n}"),
    "r": ("Riskvärde\n(S×K)", "Risk\n(S×K)", "Riskpoäng\n(S×K)"),
}
# labels of a spreadsheet's narrow columns, a word broken with a hyphen where the cell wraps
# ("Sannolik-" over "het", "Kontroll-" over "moment"), as typed into the header cells
HYPHEN_LABELS: dict[str, tuple[str, ...]] = {
    **LABELS,
    "nr": ("Nr", "Löp-\nnr"),
    "process": ("Pro-\ncess", "Verksam-\nhetsområde", "Områ-\nde"),
    "risk": ("Risk", "Identi-\nfierad risk"),
    "description": ("Beskriv-\nning",),
    "category": ("Risk-\nkategori",),
    "owner": ("Risk-\nägare",),
    "s": ("Sanno-\nlikhet", "Sannolik-\nhet", "Sannolik-\nhet (1–{n})"),
    "k": ("Konse-\nkvens", "Konsekv-\nens", "Konse-\nkvens (1–{n})"),
    "r": ("Risk-\nvärde", "Risk-\npoäng", "Risk-\nvärde (S×K)"),
    "control": ("Kontroll-\nmoment", "Kontroll-\naktivitet"),
    "method": ("Kontroll-\nmetod", "Metod"),
    "frequency": ("Frek-\nvens", "Periodi-\ncitet"),
    "responsible": ("Ansva-\nrig", "Kontroll-\nansvarig"),
    "reported": ("Rappor-\nteras till", "Återrap-\nportering"),
}
# labels of a Word template's short header cells, set in capitals and letter-spaced at times
# ("S A N N O L I K H E T", "A N S V A R I G")
TEMPLATE_LABELS: dict[str, tuple[str, ...]] = {
    **LABELS,
    "process": ("Process", "Område", "Rutin"),
    "risk": ("Risk", "Risker", "Identifierad risk"),
    "s": ("Sannolikhet", "S"),
    "k": ("Konsekvens", "K"),
    "r": ("Riskvärde", "R", "Risk"),
    "control": ("Kontrollmoment", "Kontroll"),
    "method": ("Metod", "Hur"),
    "frequency": ("Frekvens", "När", "Tidpunkt"),
    "responsible": ("Ansvarig", "Kontrollansvarig"),
}
# labels of a register kept in a template written in English, partly translated: English
# and Swedish header words in one table ("Risk owner", "Likelihood", "Kontrollmoment")
ENGLISH_MIXED_LABELS: dict[str, tuple[str, ...]] = {
    **LABELS,
    "nr": ("ID", "Risk ID", "Ref."),
    "process": ("Process", "Area", "Område/Area"),
    "risk": ("Risk", "Risk description", "Risk event"),
    "description": ("Cause", "Orsak/Cause"),
    "category": ("Risk category", "Kategori/Category"),
    "owner": ("Risk owner", "Riskägare/Risk owner", "Owner"),
    "s": ("Likelihood", "Sannolikhet/Likelihood", "Probability"),
    "k": ("Impact", "Konsekvens/Impact", "Consequence"),
    "r": ("Risk score", "Risk rating", "Riskvärde/Risk score"),
    "existing": ("Existing controls", "Befintliga kontroller"),
    "decision": ("Risk response", "Hantering/Response"),
    "rcomment": ("Comments", "Kommentar"),
    "control": ("Control activity", "Key control", "Kontrollmoment/Control"),
    "method": ("Test method", "Metod/Method"),
    "frequency": ("Frequency", "Frekvens/Frequency", "Timing"),
    "responsible": ("Control owner", "Responsible", "Ansvarig/Owner"),
    "reported": ("Reported to", "Rapporteras till"),
    "result": ("Outcome", "Resultat/Outcome"),
    "deviation": ("Deviation", "Avvikelse"),
    "status": ("Status",),
    "ccomment": ("Comments", "Kommentar/Comment"),
    "action": ("Action", "Åtgärd/Action"),
}
LABEL_TABLES = {"standard": LABELS, "abbrev": ABBREV_LABELS, "older": OLDER_LABELS,
                "tool": TOOL_LABELS, "questions": QUESTION_LABELS,
                "descriptive": DESCRIPTIVE_LABELS, "register": REGISTER_LABELS,
                "scale_lines": SCALE_LINE_LABELS, "hyphen_broken": HYPHEN_LABELS,
                "template": TEMPLATE_LABELS, "english_mixed": ENGLISH_MIXED_LABELS}
# the status column's label when it says whether the control was carried out (Ja/Delvis/Nej)
DONE_LABELS = ("Genomförd", "Kontroll genomförd", "Utförd enligt plan", "Genomförd (Ja/Nej)")
# the risk column's label when its cell holds the title with the description below it
RISK_DESC_LABELS = ("Risk och orsak", "Risk/beskrivning", "Risk och beskrivning",
                    "Riskbeskrivning")
CARD_LABELS = {
    "nr": "Nr", "process": "Process", "risk": "Risk", "description": "Beskrivning",
    "category": "Riskkategori", "owner": "Riskägare", "s": "Sannolikhet", "k": "Konsekvens",
    "r": "Riskvärde", "existing": "Befintliga kontroller", "decision": "Ställningstagande",
    "follows": "Följer plan", "rcomment": "Kommentar", "control": "Kontrollmoment",
    "method": "Metod", "frequency": "Frekvens", "responsible": "Ansvarig",
    "reported": "Rapporteras till", "result": "Resultat", "deviation": "Avvikelse",
    "status": "Status", "ccomment": "Kommentar", "action": "Åtgärd",
    "action_owner": "Åtgärdsansvarig", "done_date": "Klart datum",
    "sk": "Sannolikhet/Konsekvens",
}
SUB_LABELS = {"s": "S", "k": "K", "r": "R", "control": "Moment", "method": "Metod",
              "frequency": "Frekvens", "responsible": "Ansvarig", "reported": "Rapporteras till",
              "sk": "S/K"}
KIND_TITLES = {
    "riskanalys": (("Riskanalys", "riskanalys"),),
    "internkontrollplan": (("Internkontrollplan", "internkontrollplan"),
                           ("Intern kontrollplan", "internkontrollplan"),
                           ("Plan för intern kontroll", "internkontrollplan")),
    "kombinerad": (("Riskanalys och internkontrollplan", "riskanalys"),),
    "uppfoljning": (("Uppföljning av internkontrollplan", "uppfoljning"),
                    ("Uppföljning intern kontroll", "uppfoljning"),
                    ("Internkontrollrapport", "internkontrollrapport")),
}
FONTS = ("vera", "dejavu", "liberation_sans", "liberation_serif")


@dataclass(frozen=True, slots=True)
class Spec:
    """Every independent choice of one document (families fix some, draw the rest)."""

    kind: str = "internkontrollplan"  # riskanalys | internkontrollplan | kombinerad | uppfoljning
    structure: str = "row"  # row | span_merged | span_empty | span_repeat | risk_heading_row
    #                         | risk_heading_para | cards_box | cards_lines | items_in_cell
    #                         | analysis_then_plan (a risk table, then a control table
    #                           naming its risks by title or number)
    #                         | cards_form (a form per risk: label | value | label | value)
    #                         | paired_tables (each risk's own one-row table, then its
    #                           control table right after it)
    #                         | control_headings (each control a numbered heading "1.2
    #                           Control" over "Risk:", "Resultat:", "Avvikelse:", "Åtgärd:"
    #                           lines and a one-row status table)
    #                         | risk_bullets (each risk a bold name over a bullet list: its
    #                           assessment, then one bullet per control)
    #                         | transposed (each risk a column, the attributes as row
    #                           labels down the first column, 3-5 risks to a table)
    #                         | two_row_roles (a risk row Nr | Risk | S | K | R above its
    #                           control rows Kontrollmoment | Ansvarig | Frekvens | Metod in
    #                           the same columns, a two-row header naming both)
    #                         | slides (a presentation: a page per risk, its title as heading,
    #                           "• Sannolikhet: 3" lines and a small control table)
    #                         | title_row_tables (a two-column table per risk, its title across
    #                           the first row, "Kontrollmoment 1" label rows for its controls)
    #                         | findings_appendix (a heading per control over a Bedömning |
    #                           Iakttagelse | Åtgärd table, the risks only in an appendix)
    #                         | indented_tree (a tool's tree export: area, risk and control
    #                           rows in one column, the level shown only by indentation)
    #                         | bracketed_items (one row per risk, its controls as items of
    #                           one cell, each with its own "(Ansvarig, Frekvens)" after it)
    #                         | checkbox_forms (a self-assessment form per risk: S and K as
    #                           ticked boxes on the scale, "☒ Ja ☐ Nej" answers per control)
    #                         | side_by_side (per area two tables side by side on the
    #                           page: the risks left, their controls right naming the risk's
    #                           number, the rows not aligned)
    #                         | record_rows (a register: each risk a two-row record, its id,
    #                           title and values, then its description across the columns)
    #                         | comment_rows (a follow-up: a status symbol per control and a
    #                           row of free text, its comment, under each control's row)
    #                         | controls_first (per area the control table above or left of
    #                           the risk table, the controls naming their risk's id "A.1")
    heading: str = "none"  # none | table_row | para_bold | para_numbered | para_caps | para_letter
    #                      | para_decimal ("4.2 Area": sections of a report's chapter)
    #                      | para_label ("Område: Area", a "Label: value" line, heading_label)
    #                      | area_row (the area an ordinary row of the grid: its number in the
    #                        Nr cell, its name in the risk cell, the other cells empty; its
    #                        risks numbered "1.1", "1.2"; area_rows, area_count)
    header_placement: str = "every_page"  # every_page | per_section | once | after_band
    #                                       (one table, the header under each area's band)
    table_style: str = "ruled"  # ruled | unruled | zebra | shaded_header | light_grid
    coloured_values: bool = False
    two_level: bool = False
    value_style: str = "numbers"  # numbers | words_numbers | word_scale | colour_legend | matrix
    #                               | numbers_dash_words ("3 – Möjlig")
    #                               | cross (S and K marked "X" under columns 1..n)
    #                               | dots (S and K as filled and empty dots, "●●●○" = 3)
    #                               | radio (S and K as a form's row of round options, the
    #                                 chosen one marked: "○ ○ ◉ ○" = 3; radio_mark, radio_numbers)
    scale: int = 4
    r_rule: str = "product"  # product | sum
    landscape: bool = True
    font: str = "vera"
    size: float = 8.0
    prose_before: bool = True
    prose_after: bool = False
    number_style: str = "none"  # none | R | plain | risk_word ("Risk 3") | decimal ("2.3": the
    #                             area's number and the risk's within it) | code ("EK-02": the
    #                             area's code and the risk's number within it) | letter
    #                             ("A.1": the area's letter and the risk's number within it)
    #                             | letter_plain ("A1")
    columns: tuple[str, ...] = ("process", "risk", "s", "k", "r", "control", "frequency",
                                "responsible")
    labels: dict[str, str] = field(default_factory=dict)
    sections: tuple[int, int] = (2, 4)
    risks_per_section: tuple[int, int] = (2, 4)
    controls_per_risk: tuple[int, int] = (1, 1)
    process_merged: bool = False
    split_rows: bool = True
    follow_up_paragraphs: bool = False  # Resultat:/Kommentar: paragraphs after a risk's table
    running_header: bool = True
    title_style: str = "organ_first"  # organ_first | letterhead | one_line
    label_case: str = "as_is"  # as_is | upper (export tools: "KONTROLLMOMENT")
    word_set: str = "standard"  # standard | alt ("Sällan / Ibland / Ofta / Mycket ofta")
    #                             | size ("Liten / Måttlig / Stor / Mycket stor")
    item_mark: str = "•"  # items_in_cell: • | – | - | numbered ("1.") | paren ("1)")
    plan_ref: str = "title"  # analysis_then_plan: the plan names a risk by title | number
    plan_ref_every_row: bool = True  # ... on each of its control rows, or on the first only
    wrapper: str = "none"  # none | minutes (a protokoll with the document as its bilaga)
    #                        | annual (an årsredovisning or verksamhetsberättelse whose chapter
    #                          6 reports the internal control, with a summary table of counts)
    #                        | report (a verksamhetsplan or delårsrapport with the document as
    #                          one of its numbered chapters, among budget and key-figure tables)
    #                        | memo (a tjänsteskrivelse proposing the document, its bilaga)
    turned_labels: bool = False  # the labels of narrow columns (Nr, S, K, R) turned a quarter
    r_style: str = "number"  # number | combined ("3×4=12") | level ("Hög") | number_level
    #                          | dash_level ("12 – Hög") | level_number ("Hög (12)")
    #                          | colour (the cell only coloured by the level, no text; the
    #                            legend of the level colours under the table)
    #                          | dot_level ("● Hög": a report tool's dot before the level word,
    #                            the levels' value ranges declared above the table)
    #                          | traffic (a colour word "Grön", "Gul", "Orange", "Röd", the
    #                            colours' levels and a matrix of them on a page before the plan)
    label_register: str = "standard"  # standard | abbrev ("Sannol.", "Kons.", "Riskv.") |
    #                                   older ("Väsentlighet", "Risktal", "Kontrollpunkt") |
    #                                   tool ("Risknamn", "Kontrollfrekvens", "Bruttorisk")
    sk_style: str = "slash"  # the "sk" column (S and K in one cell): slash ("3/4") | letters
    #                          | times ("3×4") | x ("3x4") | x_spaced ("3 x 4")
    #                          ("S3 K4")
    value_align: str = "left"  # left | right | center: S, K, R and Nr cells (Excel puts
    #                            numbers to the right)
    value_notes: bool = False  # footnote markers ("¹", "²", "*") on some value and frequency
    #                            cells, the notes under each table
    process_fill: str = "every_row"  # every_row | first_row: the process typed on its area's
    #                                  first row only, the cells below left empty (not merged)
    header_groups: str = "values_controls"  # two_level: values_controls (groups over S/K/R and
    #                                         the control columns, the others two rows high) |
    #                                         all (every column under a group, no tall cells)
    heading_label: str = "Område"  # para_label: the label before the area's name
    risk_cell: str = "title"  # title | title_description: the risk's cell holds its title in
    #                           bold and its description below it (no description column)
    #                           | labelled ("Risk: title", "Orsak: description", "Konsekvens:
    #                           what follows" as lines of one cell)
    frequency_set: str = "standard"  # standard | older ("2 ggr/år", "April och oktober")
    #                                  | months ("Mars, september": the months of the check)
    responsible_set: str = "standard"  # standard | initials ("AB, ekonomichef": a person's
    #                                    initials and title)
    print_strips: str = "none"  # none | nr | nr_risk: an Excel sheet too wide for the page
    #                             printed in two strips ("down, then over"): the risk columns on
    #                             the first pages, then the control columns with the print-title
    #                             columns (Nr, or Nr and Risk) repeated
    scale_table: bool = False  # the scale declared as a criteria table (Värde | Sannolikhet |
    #                            Konsekvens, with what each step means) and a matrix of the
    #                            S×K values (no risks in it) before the risks
    number_place: str = "column"  # column | in_risk: the risk's number printed before its
    #                               title in the risk's cell ("3. Title", "R3 Title",
    #                               "Risk 3: Title", "1.2 Title"), not in a column of its own
    cards_per_page: int = 0  # cards_form: a page break after every this many risks (0: none)
    status_set: str = "standard"  # standard (a status word, sometimes a colour) | traffic (every
    #                               control's status a colour word "Grön", "Gul", "Röd", the
    #                               colours explained above the table) | done (whether the
    #                               control was carried out: "Ja", "Delvis", "Nej", under a
    #                               label such as "Genomförd") | symbols (a check mark "✓",
    #                               "(✓)" for partly, "✗" for not done, declared above the table)
    matrix_place: str = "after"  # matrix: the risk matrix after the tables | before them
    sheet_footer: bool = False  # an Excel sheet's print footer on every page (file, sheet, date)
    value_years: bool = False  # prev_r: last year's and this year's risk value each labelled
    #                            with its year ("Riskvärde 2024" | "Riskvärde 2025")
    page_rotation: int = 0  # 0 | 90 | 270: the (landscape) pages stored portrait, their content
    #                         turned and /Rotate set so that a viewer turns them back
    label_spacing: float = 0.0  # inner_table: header labels set with expanded letter spacing
    #                             (points), as Word templates space "S A N N O L I K H E T"
    inner_header: str = "each"  # inner_table: the control labels as each inner table's header
    #                             | outer (one header-only inner table in the outer header)
    page_columns: int = 1  # risk_blocks: the chapter set in this many page columns
    paper: str = "a4"  # a4 | a3: the pages A3 (a wide sheet printed on A3 in small type)
    organ_set: str = "standard"  # standard (a committee) | company (a municipal company's
    #                              board, "Styrelsen för Mölndal Energi AB", with its own areas,
    #                              responsibles and introduction)
    continued: str = "none"  # none | the mark of a continued area (" (forts.)", ", forts.",
    #                          " – forts."): each area's table broken by a page break after
    #                          about half its risks, the area's heading (a paragraph or a band
    #                          row) repeated with the mark above the rest
    totals: str = "none"  # none | end | areas: a bold sum row closing the table ("Totalt", the
    #                       number of risks and controls, the mean S, K and R as "2,4"), with
    #                       areas also one closing each area ("Summa Ekonomi")
    bilaga_turn: bool = False  # memo or minutes: their pages portrait, the bilaga landscape
    matrix_names: bool = False  # matrix: the risks' titles placed in the cells (one a line), not
    #                             their numbers; the table then needs no Nr column
    caption: str = "none"  # para_caption: the format of the caption above each area's table
    #                        ("Tabell {n}. {area}"), or "label" (a bold "Tabell 2:" before it)
    table_notes: bool = False  # under each table the key of its abbreviations ("S =
    #                            sannolikhet ...") and a source line, as Word footnotes
    status_in_result: bool = False  # a follow-up's status and result in one cell ("Genomförd –
    #                                 inga avvikelser", "Ej genomförd: ..."), no status column
    merged_valign: str = "top"  # top | middle | bottom: where the text of a merged risk (and
    #                             process) cell stands (an Excel sheet's merged cells at the
    #                             bottom by default, or centred: the title beside the last or
    #                             the middle control, not the first)
    area_rows: str = "plain"  # area_row heading: plain (the area's number in the Nr cell, its
    #                           name in the risk cell) | joined ("1 Ekonomi" in the risk cell) |
    #                           bold (as plain, the row bold)
    area_count: str = "none"  # area_row heading: none | risks ("Antal risker: 3" closing each
    #                           area) | both (and "Antal kontroller: 4" in the control column)
    radio_mark: str = "◉"  # radio values: the chosen option's mark (◉ or ●; the others ○)
    radio_numbers: bool = False  # radio values: each option followed by its number ("○1 ◉2")
    code_band: int = 0  # risks per page part of a plan's one table broken by hand: the first
    #                     part under the full header, the others under a shaded band of the
    #                     columns' short codes only ("Nr | Risk | S | K | RV | Ansv."); 0: none
    who_when: str = "none"  # none | the responsible and the frequency in one cell ("Ansvarig /
    #                         när"): lines (one under the other) | slash ("Ekonomichef /
    #                         Kvartalsvis") | comma ("Ekonomichef, Kvartalsvis") | dash (" – ")
    when_first: bool = False  # who_when: the frequency before the responsible ("När / vem")
    control_method: str = "none"  # none | the control's method in the control's cell under it
    #                               (no method column): metod ("Metod: ..."), hur ("Hur: ...")
    #                               | plain (the control in bold, the method below it)


# choices added in session 25: written into a document's choices only when not at their
# default, so that the expectations of documents not using them stay byte for byte the same
LATER_CHOICES: dict[str, object] = {"label_register": "standard", "sk_style": "slash",
                                    "value_align": "left", "value_notes": False,
                                    "process_fill": "every_row",
                                    "header_groups": "values_controls",
                                    # session 26
                                    "heading_label": "Område", "risk_cell": "title",
                                    "frequency_set": "standard",
                                    # session 26, round 14
                                    "print_strips": "none", "scale_table": False,
                                    # session 26, round 15
                                    "number_place": "column",
                                    # session 27, round 16
                                    "cards_per_page": 0,
                                    # session 27, round 19
                                    "responsible_set": "standard",
                                    # session 28, round 20
                                    "status_set": "standard", "matrix_place": "after",
                                    "sheet_footer": False, "value_years": False,
                                    # session 28, round 21
                                    "page_rotation": 0, "label_spacing": 0.0,
                                    "inner_header": "each", "page_columns": 1,
                                    # session 28, round 22
                                    "paper": "a4", "organ_set": "standard",
                                    # session 29, round 23
                                    "continued": "none", "totals": "none",
                                    "bilaga_turn": False,
                                    # session 29, round 24
                                    "matrix_names": False,
                                    # session 30, round 27
                                    "caption": "none", "table_notes": False,
                                    "status_in_result": False,
                                    # session 31, round 30
                                    "merged_valign": "top", "area_rows": "plain",
                                    "area_count": "none",
                                    # session 34, round 32
                                    "radio_mark": "◉", "radio_numbers": False,
                                    "code_band": 0,
                                    # session 35, round 33
                                    "who_when": "none", "when_first": False,
                                    "control_method": "none"}


def pick(rng: random.Random, options: tuple[str, ...] | list[str]) -> str:
    """Given options, one of them."""
    return options[rng.randrange(len(options))]


def draw_labels(rng: random.Random, columns: tuple[str, ...], scale: int,
                table: dict[str, tuple[str, ...]] = LABELS) -> dict[str, str]:
    """Given the columns (and a table of synonyms), a label for each (no two columns with
    the same label)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for col in columns:
        options = [o.replace("{n}", str(scale)) for o in table[col] if o not in used]
        if col == "risk" and "description" in columns:
            options = [o for o in options if "eskrivning" not in o] or ["Risk"]
        label = pick(rng, options)
        out[col] = label
        used.add(label)
    return out


# ----------------------------------------------------------------------------- content


@dataclass(frozen=True, slots=True)
class Drawn:
    """The content drawn for one document."""

    meta: Meta
    title: str
    sections: tuple[tuple[str, tuple[GRisk, ...]], ...]


def value_of(rng: random.Random, scale: int) -> int:
    """Given a scale, a value on it (middle values a little more often)."""
    weights = [1, 2, 3, 2, 1][:scale] if scale == 5 else [2, 3, 3, 2]
    return rng.choices(range(1, scale + 1), weights=weights)[0]


def company_organ(rng: random.Random, municipality: str) -> C.Organ:
    """Given the owning municipality, a municipal company's board as the organ."""
    company = pick(rng, C.COMPANY_PATTERNS).format(m=municipality)
    return C.Organ(f"Styrelsen för {company}", "", C.COMPANY_AREAS)


def company_of(meta: Meta) -> str | None:
    """Given the metadata, the company whose board is the organ (None for a committee)."""
    return meta.organ.removeprefix("Styrelsen för ") if meta.organ.startswith(
        "Styrelsen för ") else None


def draw_content(spec: Spec, rng: random.Random) -> Drawn:
    """Given the spec, the organ, municipality, year, areas, risks and controls."""
    code, muni = pick(rng, [f"{c}\t{n}" for c, n in C.municipalities()]).split("\t")
    organ = C.ORGANS[rng.randrange(len(C.ORGANS))] if spec.organ_set == "standard" \
        else company_organ(rng, muni)
    year = rng.randrange(2019, 2027)
    title, doc_type = KIND_TITLES[spec.kind][rng.randrange(len(KIND_TITLES[spec.kind]))]
    meta = Meta(muni, code, organ.name, year, doc_type)
    n_sections = min(rng.randint(*spec.sections), len(organ.areas))
    areas = rng.sample(list(organ.areas), n_sections)
    cols = set(spec.columns)
    controls_shown = spec.kind != "riskanalys"
    follow_up = spec.kind == "uppfoljning"
    sections: list[tuple[str, tuple[GRisk, ...]]] = []
    number = 0
    used: set[str] = set()
    for area_name in areas:
        area = C.AREAS.get(area_name) or C.COMPANY_AREA
        n_risks = min(rng.randint(*spec.risks_per_section), len(area.risks))
        pool = [c for c in area.controls if c[0] not in used]
        rng.shuffle(pool)
        risks: list[GRisk] = []
        for title_text, description in rng.sample(list(area.risks), n_risks):
            number += 1
            s, k = value_of(rng, spec.scale), value_of(rng, spec.scale)
            r = s * k if spec.r_rule == "product" else s + k
            controls: list[GControl] = []
            if controls_shown:
                want = rng.randint(*spec.controls_per_risk)
                if spec.structure == "row":
                    want = 1
                elif (spec.structure == "analysis_then_plan" and rng.random() < 0.3) or (
                        spec.structure == "side_by_side" and spec.kind == "kombinerad"
                        and rng.random() < 0.25):
                    want = 0  # a risk the analysis keeps without a control in the plan
                for _ in range(want):
                    if not pool:
                        pool = [c for a in sorted(C.AREAS) for c in C.AREAS[a].controls
                                if c[0] not in used]
                        rng.shuffle(pool)
                    text, method = pool.pop()
                    used.add(text)
                    controls.append(draw_control(spec, rng, f"c{number}_{len(controls)}", text,
                                                 method, follow_up, year))
                if spec.structure == "items_in_cell":
                    controls = shared_fields(controls)
            risk = GRisk(
                key=f"r{number}",
                number=number,
                process=area_name,
                title=title_text,
                description=description if "description" in cols else None,
                category=pick(rng, C.CATEGORIES) if "category" in cols else None,
                owner=pick(rng, C.RESPONSIBLES) if "owner" in cols else None,
                probability=s,
                consequence=k,
                risk_value=r,
                existing=pick(rng, C.EXISTING) if "existing" in cols else None,
                decision=pick(rng, C.DECISIONS) if "decision" in cols else None,
                follows_plan=rng.random() < 0.7 if "follows" in cols else None,
                comment=pick(rng, C.COMMENTS) if "rcomment" in cols else None,
                controls=tuple(controls),
            )
            risks.append(risk)
        if risks:
            sections.append((area_name, tuple(risks)))
    return Drawn(meta, title, tuple(sections))


FREQUENCY_SETS = {"standard": C.FREQUENCIES, "older": C.FREQUENCIES_OLDER,
                  "months": C.FREQUENCIES_MONTHS}
RESPONSIBLE_SETS = {"standard": C.RESPONSIBLES, "initials": C.RESPONSIBLES_INITIALS,
                    "company": C.RESPONSIBLES_COMPANY}


def draw_control(spec: Spec, rng: random.Random, key: str, text: str, method: str,
                 follow_up: bool, year: int) -> GControl:
    """Given a control text and method (and the document's year), the control with the
    fields the spec shows."""
    cols = set(spec.columns)
    b = rng.choice((10, 12, 15, 20, 25, 30))
    a = rng.randrange(1, b)
    result = pick(rng, C.RESULTS).format(a=a, b=b) if follow_up else None
    if result is not None and spec.status_in_result:
        result = status_result_text(rng, result)
    return GControl(
        key=key,
        control=text,
        method=method if "method" in cols else None,
        frequency=pick(rng, FREQUENCY_SETS[spec.frequency_set]) if "frequency" in cols
        else None,
        responsible=pick(rng, RESPONSIBLE_SETS[spec.responsible_set]) if "responsible" in cols
        else None,
        reported_to=pick(rng, C.REPORTED_TO) if "reported" in cols else None,
        result=result,
        deviation=pick(rng, ("Ja", "Nej")) if "deviation" in cols else None,
        status=pick(rng, C.DONE_WORDS if spec.status_set == "done"
                    else C.CHECK_SYMBOLS if spec.status_set == "symbols"
                    else C.TRAFFIC if rng.random() < 0.4 or spec.status_set == "traffic"
                    else C.STATUSES)
        if "status" in cols else None,
        comment=pick(rng, C.COMMENTS) if ("ccomment" in cols or spec.follow_up_paragraphs)
        and follow_up else None,
        action=pick(rng, C.ACTIONS) if "action" in cols else None,
        action_owner=pick(rng, C.RESPONSIBLES) if "action_owner" in cols else None,
        done_date=f"{year}-{rng.randint(3, 12):02d}-{rng.choice((15, 30))}"
        if "done_date" in cols else None,
    )


def shared_fields(controls: list[GControl]) -> list[GControl]:
    """Given a risk's controls listed as items of one cell, the same other fields for all
    (the row has one Ansvarig, one Frekvens ... for its list of kontrollmoment)."""
    if not controls:
        return controls
    first = controls[0]
    return [replace(c, method=first.method, frequency=first.frequency,
                    responsible=first.responsible, reported_to=first.reported_to)
            for c in controls]


def item_prefix(spec: Spec, index: int) -> str:
    """Given an item's index in its cell, the mark it is written with."""
    if spec.item_mark == "numbered":
        return f"{index + 1}."
    if spec.item_mark == "paren":
        return f"{index + 1})"
    return spec.item_mark


# ----------------------------------------------------------------------------- values


def level(value: int, top: int) -> int:
    """Given a value and its scale's top, its level 0..3 (green, yellow, orange, red)."""
    return min(3, (4 * (value - 1)) // top)


def value_text(spec: Spec, col: str, value: int | None) -> str:
    """Given an S, K or R value, how the document writes it in its value style."""
    if value is None:
        return ""
    if col == "r" or spec.value_style == "numbers":
        return str(value)
    if spec.value_style == "colour_legend":
        return ""
    if spec.value_style == "dots":
        return "●" * value + "○" * (spec.scale - value)
    if spec.value_style == "radio":
        return radio_text(spec, value)
    words = (probability_words(spec) if col == "s" else C.CONSEQUENCE_WORDS)[spec.scale]
    if spec.value_style == "words_numbers":
        return f"{words[value - 1]} ({value})"
    if spec.value_style == "numbers_dash_words":
        return f"{value} – {words[value - 1]}"
    return words[value - 1]


def probability_words(spec: Spec) -> dict[int, tuple[str, ...]]:
    """Given the spec, the probability word scale it uses."""
    if spec.word_set == "size":
        return C.PROBABILITY_WORDS_SIZE
    return C.PROBABILITY_WORDS_ALT if spec.word_set == "alt" else C.PROBABILITY_WORDS


def value_fill(spec: Spec, col: str, value: int | None) -> str | None:
    """Given an S, K or R value, the fill of its cell (colour as value, or beside it)."""
    if value is None:
        return None
    colours = C.LEVEL_COLOURS[4]
    if col == "r" and spec.r_style == "colour":
        return colours[level(value, r_top(spec))][1]
    if spec.value_style == "colour_legend" and col in ("s", "k"):
        return colours[value - 1][1]
    if spec.coloured_values:
        top = spec.scale * spec.scale if spec.r_rule == "product" else 2 * spec.scale
        return colours[level(value, top if col == "r" else spec.scale)][1]
    return None


def legend_blocks(spec: Spec) -> list[Block]:
    """Given the value style, the paragraphs (and swatches) that declare the scale."""
    n = spec.scale
    rule = "sannolikhet × konsekvens" if spec.r_rule == "product" else "sannolikhet + konsekvens"
    if spec.value_style == "cross":
        ps = "; ".join(f"{i + 1} {w.lower()}" for i, w in enumerate(probability_words(spec)[n]))
        ks = "; ".join(f"{i + 1} {w.lower()}" for i, w in enumerate(C.CONSEQUENCE_WORDS[n]))
        return [Para("Bedömning", "heading"),
                Para("Sannolikhet och konsekvens markeras med X i den kolumn som stämmer "
                     f"bäst. Sannolikhet: {ps}. Konsekvens: {ks}. Riskvärdet är {rule}.",
                     "body")]
    if spec.value_style == "word_scale":
        ps = ", ".join(f"{i + 1} = {w}" for i, w in enumerate(probability_words(spec)[n]))
        ks = ", ".join(f"{i + 1} = {w}" for i, w in enumerate(C.CONSEQUENCE_WORDS[n]))
        return [Para("Bedömningsskala", "heading"),
                Para(f"Sannolikhet: {ps}.", "body"), Para(f"Konsekvens: {ks}.", "body"),
                Para(f"Riskvärdet beräknas som {rule}.", "body")]
    if spec.value_style == "dots":
        full = "●" * n
        steps = ", ".join(f"{'●' * i + '○' * (n - i)} = {i}" for i in (1, n))
        return [Para("Bedömning", "heading"),
                Para(f"Sannolikhet och konsekvens anges med fyllda punkter på en skala 1–{n} "
                     f"({steps}; {full} är högst). Riskvärdet är {rule}.", "body")]
    if spec.value_style == "radio":
        return radio_legend(spec, rule)
    if spec.value_style == "colour_legend":
        colours = C.LEVEL_COLOURS[4]
        words = ", ".join(f"{name} = {i + 1}" for i, (name, _) in enumerate(colours))
        swatches = Table(
            header=(),
            body=(Row(tuple(Cell(f"{i + 1} {name}", fill=hexa)
                            for i, (name, hexa) in enumerate(colours))),),
            widths=(1, 1, 1, 1), repeat_header=False, style="ruled")
        return [Para("Färgförklaring", "heading"),
                Para("Färgen i kolumnerna för sannolikhet och konsekvens anger bedömningen: "
                     f"{words}. Riskvärdet är {rule}.", "body"), swatches]
    return []


# ----------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """The blocks being written and the anchor text of each mark."""

    blocks: list[Block] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)

    def mark(self, key: str, text: str) -> str:
        """Given a record key and the text drawn with it, the key (anchor remembered)."""
        self.anchors.setdefault(key, text)
        return key


def number_label(spec: Spec, risk: GRisk) -> str:
    """Given a risk, its number as the document writes it."""
    if spec.number_style == "risk_word":
        return f"Risk {risk.number}"
    if spec.number_style in ("decimal", "code", "letter", "letter_plain") and risk.shown_number:
        return risk.shown_number
    return f"R{risk.number}" if spec.number_style == "R" else str(risk.number)


def heading_text(spec: Spec, index: int, name: str) -> tuple[str, str]:
    """Given a section's index and area name, (drawn heading text, expected process)."""
    if spec.heading == "para_numbered":
        return f"{index + 1}. {name}", name
    if spec.heading == "para_letter":
        return f"{chr(ord('A') + index)}. {name}", name
    if spec.heading == "para_decimal":
        return f"{chapter_of(spec)}.{index + 1} {name}", name
    if spec.heading == "para_caps":
        return name.upper(), name.upper()
    if spec.heading == "para_caption":
        if spec.caption == "label":
            return f"Tabell {index + 1}: {name}", name
        return spec.caption.format(n=index + 1, area=name), name
    return name, name


def risk_cell_text(spec: Spec, col: str, risk: GRisk) -> str:
    """Given a risk column, the text of the risk's cell."""
    texts: dict[str, str | None] = {
        "nr": number_label(spec, risk), "process": risk.process, "risk": risk.title,
        "description": risk.description, "category": risk.category, "owner": risk.owner,
        "existing": risk.existing, "decision": risk.decision, "rcomment": risk.comment,
        "follows": None if risk.follows_plan is None else ("Ja" if risk.follows_plan else "Nej"),
    }
    if col == "r" and spec.r_style != "number" and risk.risk_value is not None:
        return r_text(spec, risk)
    if col == "risk" and spec.number_place == "in_risk":
        return f"{numbered_title(spec, risk)}\n{risk.description}" if (
            spec.risk_cell == "title_description" and risk.description) \
            else numbered_title(spec, risk)
    if col == "risk" and spec.risk_cell == "title_description" and risk.description:
        return f"{risk.title}\n{risk.description}"
    if col == "risk" and spec.risk_cell == "labelled":
        return labelled_risk_text(risk)
    if col == "sk":
        return sk_text(spec, risk)
    if col in ("prev_r", "trend"):
        return previous_text(spec, col, risk)
    if col == "residual":
        return residual_text(spec, risk)
    if col in VALUE_COLS:
        return value_text(spec, col, risk_value(risk, col))
    return texts.get(col) or ""


def numbered_title(spec: Spec, risk: GRisk) -> str:
    """Given a risk, its title with its number before it ("3. Title", "R3 Title",
    "Risk 3: Title", "1.2 Title")."""
    sep = {"plain": ". ", "risk_word": ": "}.get(spec.number_style, " ")
    return f"{number_label(spec, risk)}{sep}{risk.title}"


LEVEL_WORDS = ("Låg", "Medel", "Hög", "Mycket hög")
LEVEL_NAMES = ("low", "medium", "high", "very high")  # riskrad's risk_level values


def r_top(spec: Spec) -> int:
    """Given a spec, the highest risk value its rule gives."""
    return spec.scale * spec.scale if spec.r_rule == "product" else 2 * spec.scale


def stated_level(spec: Spec, risk: GRisk) -> str | None:
    """Given a spec and a risk, the level its R cell writes in words, if it writes one."""
    if spec.r_style not in ("level", "number_level", "dash_level", "level_number", "colour",
                            "dot_level", "traffic") or risk.risk_value is None:
        return None
    return LEVEL_NAMES[level(risk.risk_value, r_top(spec))]


def r_text(spec: Spec, risk: GRisk) -> str:
    """Given a risk, its risk value as the r_style writes it: the sum or product stated
    ("3×4=12"), a level word ("Hög"), or the number with its level ("12 (Hög)")."""
    value = risk.risk_value
    assert value is not None
    word = LEVEL_WORDS[level(value, r_top(spec))]
    if spec.r_style == "colour":
        return ""  # the level is the cell's colour, explained by the legend under the table
    if spec.r_style == "with_previous":
        before = previous_values(spec, risk)
        return f"{value} ({before[1]})" if before is not None else str(value)
    if spec.r_style == "combined":
        sign = "×" if spec.r_rule == "product" else "+"
        return f"{risk.probability}{sign}{risk.consequence}={value}"
    if spec.r_style == "level":
        return word
    if spec.r_style == "dot_level":
        return f"● {word}"
    if spec.r_style == "traffic":
        return TRAFFIC_WORDS[level(value, r_top(spec))]
    if spec.r_style == "dash_level":
        return f"{value} – {word}"
    if spec.r_style == "level_number":
        return f"{word} ({value})"
    return f"{value} ({word})"


def sk_text(spec: Spec, risk: GRisk) -> str:
    """Given a risk, its S and K in one cell: "3/4" or "S3 K4"."""
    if risk.probability is None or risk.consequence is None:
        return ""
    if spec.sk_style == "letters":
        return f"S{risk.probability} K{risk.consequence}"
    if spec.sk_style in SK_SIGNS:
        return f"{risk.probability}{SK_SIGNS[spec.sk_style]}{risk.consequence}"
    if spec.sk_style in ASSESS_SK:
        return assessment_text(spec, risk)
    return f"{risk.probability}/{risk.consequence}"


NOTE_TEXTS = {
    "¹": "Bedömningen avser risken efter befintliga kontroller.",
    "²": "Preliminär bedömning; ses över vid uppföljningen.",
    "*": "Frekvensen anpassas efter antalet ärenden under perioden.",
}


def note_marker(spec: Spec, col: str, risk: GRisk) -> str:
    """Given a value or frequency column and a risk, the footnote marker its cell carries
    (by the risk's number, so no random draw): "¹" on the risk value (or K), "²" on S,
    "*" on the frequency; "" for none."""
    if not spec.value_notes:
        return ""
    n = risk.number
    if col == ("r" if "r" in spec.columns else "k") and n % 3 == 1:
        return "¹"
    if col in ("s", "sk") and n % 4 == 2:
        return "²"
    if col == "frequency" and n % 3 == 0:
        return "*"
    return ""


def note_blocks(spec: Spec, risks: tuple[GRisk, ...] | list[GRisk],
                columns: tuple[str, ...]) -> list[Block]:
    """Given a table's risks and columns, the footnotes under it for the markers it shows."""
    used = {note_marker(spec, col, r) for r in risks for col in columns}
    return [Para(f"{m} {NOTE_TEXTS[m]}", "meta") for m in NOTE_TEXTS if m in used]


def risk_value(risk: GRisk, col: str) -> int | None:
    """Given a risk and s/k/r, its value."""
    return {"s": risk.probability, "k": risk.consequence, "r": risk.risk_value}[col]


def control_cell_text(col: str, control: GControl | None) -> str:
    """Given a control column, the text of the control's cell (empty without a control)."""
    if control is None:
        return ""
    texts = {
        "control": control.control, "method": control.method, "frequency": control.frequency,
        "responsible": control.responsible, "reported": control.reported_to,
        "result": control.result, "deviation": control.deviation, "status": control.status,
        "ccomment": control.comment, "action": control.action,
        "action_owner": control.action_owner, "done_date": control.done_date,
    }
    return texts.get(col) or ""


def header_rows(spec: Spec, columns: tuple[str, ...], labels: dict[str, str]) -> tuple[Row, ...]:
    """Given the columns, one header row, or two when the spec groups them."""
    if spec.value_style == "cross" and ("s" in columns or "k" in columns):
        return cross_header_rows(spec, columns, labels)
    if not spec.two_level:
        turned = TURNED_COLS if spec.turned_labels else ()
        return (Row(tuple(Cell(labels[c], bold=True, rotated=c in turned) for c in columns),
                    "header"),)
    if spec.header_groups == "all":
        return grouped_header_rows(spec, columns, labels)
    groups: list[tuple[str | None, list[str]]] = []
    for col in columns:
        group = ("Riskbedömning" if col in VALUE_COLS or col == "sk" else
                 "Kontroll" if col in ("control", "method", "frequency", "responsible") else None)
        if groups and group is not None and groups[-1][0] == group:
            groups[-1][1].append(col)
        else:
            groups.append((group, [col]))
    top: list[Cell] = []
    bottom: list[Cell] = []
    for group, cols in groups:
        if group is None or len(cols) < 2:
            top.extend(Cell(labels[c], rowspan=2, bold=True) for c in cols)
        else:
            upper = spec.label_case == "upper"
            top.append(Cell(group.upper() if upper else group, colspan=len(cols), bold=True))
            bottom.extend(Cell(SUB_LABELS.get(c, labels[c]).upper() if upper else
                               SUB_LABELS.get(c, labels[c]), bold=True) for c in cols)
    return (Row(tuple(top), "header"), Row(tuple(bottom), "header"))


# header_groups "all": every column under one of these groups (a Word plan's header)
ALL_GROUPS = (("Riskidentifiering", ("nr", "process", "risk", "description", "category",
                                     "owner")),
              ("Riskbedömning", ("s", "k", "r", "sk")),
              ("Hantering", ("existing", "decision", "follows", "rcomment")),
              ("Intern kontroll", ("control", "method", "frequency", "responsible",
                                   "reported")),
              ("Uppföljning", ("result", "deviation", "status", "ccomment", "action",
                               "action_owner", "done_date")))


def grouped_header_rows(spec: Spec, columns: tuple[str, ...],
                        labels: dict[str, str]) -> tuple[Row, ...]:
    """Given the columns, a two-row header with every column under a group cell (one
    column alone under its group too) and the columns' own labels in the second row."""
    group_of = {c: name for name, cols in ALL_GROUPS for c in cols}
    runs: list[tuple[str, int]] = []
    for col in columns:
        if runs and runs[-1][0] == group_of[col]:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((group_of[col], 1))
    upper = spec.label_case == "upper"
    shown = {v.lower() for v in labels.values()}
    names = [name if name.lower() not in shown else name.replace("Risk", "").capitalize()
             for name, _ in runs]  # a group never repeats a column's label ("Riskbedömning")
    top = tuple(Cell(name.upper() if upper else name, colspan=n, bold=True)
                for name, (_, n) in zip(names, runs, strict=True))
    return (Row(top, "header"), Row(tuple(Cell(labels[c], bold=True) for c in columns),
                                    "header"))


TURNED_COLS = ("nr", "s", "k", "r")  # the narrow columns whose labels a sheet may turn
ALIGNED_COLS = ("nr", "s", "k", "r", "sk")  # the cells a value_align other than left moves


def widths_of(columns: tuple[str, ...], turned: bool = False) -> tuple[float, ...]:
    """Given the columns, relative widths (text columns wide, numbers narrow, narrower
    still under turned labels)."""
    wide = {"risk": 3.0, "description": 3.2, "control": 3.0, "method": 2.6, "result": 3.2,
            "existing": 2.6, "decision": 2.0, "rcomment": 2.4, "ccomment": 2.4, "action": 2.4,
            "process": 1.9, "responsible": 1.6, "frequency": 1.4, "reported": 1.6,
            "category": 1.5, "owner": 1.6, "status": 1.2, "deviation": 1.1, "follows": 0.9,
            "nr": 0.55, "action_owner": 1.6, "done_date": 1.1, "sk": 0.9}
    if turned:
        wide = {**wide, "s": 0.4, "k": 0.4, "r": 0.5, "nr": 0.4}
    return tuple(wide.get(c, 1.1) for c in columns)


def table_rows_for_risk(spec: Spec, lay: Layout, risk: GRisk, rcols: tuple[str, ...],
                        columns: tuple[str, ...], process_span: int | None,
                        first_in_section: bool = True) -> list[Row]:
    """Given a risk, its table rows under the structure (one row, or one per control);
    with process_fill "first_row" the process only on its section's first row."""
    controls: list[GControl | None] = list(risk.controls) or [None]
    if spec.structure in ("row", "items_in_cell"):
        controls = controls[:1]
    n = len(controls)
    rows: list[Row] = []
    for i, control in enumerate(controls):
        cells: list[Cell] = []
        for col in columns:
            if col == "control" and spec.structure == "items_in_cell" and risk.controls:
                cells.append(items_cell(spec, lay, risk.controls))
                continue
            if col in CONTROL_COLS:
                text = control_cell_text(col, control)
                if col == "who_when":
                    text = who_when_text(spec, control)
                elif col == "control" and spec.control_method != "none":
                    text = control_method_text(spec, control)
                mark = lay.mark(control.key, text) if control is not None and col == "control" \
                    else None
                if text and spec.value_notes:
                    text += note_marker(spec, col, risk)
                cells.append(Cell(text, mark=mark, bold_first=col == "control" and
                                  spec.control_method == "plain" and "\n" in text))
                continue
            if col == "process" and spec.process_fill == "first_row" \
                    and (i > 0 or not first_in_section):
                cells.append(Cell(""))  # typed once for the area, the cells below empty
                continue
            if col == "process" and process_span is not None:
                if process_span > 0 and i == 0:
                    cells.append(Cell(risk_cell_text(spec, col, risk),
                                      rowspan=process_span,
                                      valign=spec.merged_valign if process_span > 1
                                      else "top"))
                continue  # covered by the section's merged process cell
            if col in ("s", "k") and spec.value_style == "cross":
                if i == 0 or spec.structure == "span_repeat":
                    cells.extend(cross_cells(spec, col, risk, n if i == 0 and
                                             spec.structure == "span_merged" else 1))
                elif spec.structure != "span_merged":
                    cells.extend(Cell("") for _ in range(spec.scale))
                continue
            value = risk_value(risk, col) if col in VALUE_COLS else None
            fill = value_fill(spec, col, value)
            text = risk_cell_text(spec, col, risk)
            if text and spec.value_notes:
                text += note_marker(spec, col, risk)
            align = spec.value_align if col in ALIGNED_COLS else "left"
            if i == 0:
                mark = lay.mark(risk.key, text) if col == "risk" else None
                merged = spec.structure == "span_merged" and n > 1
                cells.append(Cell(text, rowspan=n if spec.structure == "span_merged" else 1,
                                  fill=fill, mark=mark, align=align,
                                  bold_first=col == "risk" and "\n" in text,
                                  valign=spec.merged_valign if merged else "top"))
            elif spec.structure == "span_merged":
                continue
            elif spec.structure == "span_repeat":
                cells.append(Cell(text, fill=fill, align=align,
                                  bold_first=col == "risk" and "\n" in text))
            else:
                cells.append(Cell(""))
        rows.append(Row(tuple(cells)))
    return rows


def items_cell(spec: Spec, lay: Layout, controls: tuple[GControl, ...]) -> Cell:
    """Given a risk's controls, one cell listing them as items, each marked with its record."""
    lines = [f"{item_prefix(spec, i)} {c.control}" for i, c in enumerate(controls)]
    marks = tuple(lay.mark(c.key, line) for c, line in zip(controls, lines, strict=True))
    return Cell("\n".join(lines), line_marks=marks)


def section_heading_blocks(spec: Spec, index: int, name: str) -> list[Block]:
    """Given a section, its heading paragraph (when headings are paragraphs)."""
    if spec.heading in ("none", "table_row"):
        return []
    if spec.heading == "para_label":
        return [Para(name, "label", label=spec.heading_label)]
    if spec.heading == "para_caption":
        if spec.caption == "label":  # Word's caption: a bold "Tabell 2:" before the name
            return [Para(name, "label", label=f"Tabell {index + 1}")]
        return [Para(heading_text(spec, index, name)[0], "meta")]
    text, _ = heading_text(spec, index, name)
    return [Para(text, "heading_caps" if spec.heading == "para_caps" else "heading")]


def compose_tables(spec: Spec, drawn: Drawn, lay: Layout, columns: tuple[str, ...],
                   labels: dict[str, str]) -> None:
    """Given the content, the section tables (or one table) of a row/span structure."""
    header = header_rows(spec, columns, labels)
    widths = widths_of(columns, spec.turned_labels and not spec.two_level)
    if spec.value_style == "cross":
        widths = cross_widths(spec, columns)
    if spec.value_style == "radio":
        widths = radio_widths(spec, columns, widths)
    if spec.sk_style in ASSESS_SK or spec.who_when != "none" or spec.control_method != "none":
        widths = round33_widths(spec, columns, widths)
    style = spec.table_style
    one_table = spec.heading in ("none", "table_row")
    body: list[Row] = []
    first = True
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading == "table_row":
            text, _ = heading_text(spec, index, name)
            body.append(Row((Cell(text, colspan=len(widths), bold=True,
                                  fill="#e6e6e6" if style != "unruled" else None),), "heading"))
            if spec.header_placement == "after_band":
                body.extend(header)
        rcols = tuple(c for c in columns if c in RISK_COLS)
        section_rows = sum(
            1 if spec.structure in ("row", "items_in_cell") else max(1, len(r.controls))
            for r in risks)
        for i, risk in enumerate(risks):
            span: int | None = None
            if spec.process_merged and "process" in columns:
                span = section_rows if i == 0 else 0
            body.extend(table_rows_for_risk(spec, lay, risk, rcols, columns, span, i == 0))
        if not one_table:
            lay.blocks.extend(section_heading_blocks(spec, index, name))
            show = first or spec.header_placement in ("every_page", "per_section")
            lay.blocks.append(Table(header if show else (), tuple(body), widths,
                                    spec.header_placement == "every_page" and show, style,
                                    spec.split_rows))
            if spec.value_notes:
                lay.blocks.extend(note_blocks(spec, risks, columns))
            if spec.table_notes:
                lay.blocks.extend(table_note_blocks(spec, drawn, columns, labels))
            body = []
            first = False
    if one_table:
        table = Table(header if spec.header_placement != "after_band" else (), tuple(body),
                      widths, spec.header_placement == "every_page", style, spec.split_rows)
        if spec.print_strips != "none":
            lay.blocks.extend(strip_tables(spec, table, columns))
        else:
            lay.blocks.append(table)
        if spec.value_notes:
            lay.blocks.extend(note_blocks(spec, [r for _, rs in drawn.sections for r in rs],
                                          columns))


PLAN_TITLES = ("Internkontrollplan", "Kontrollplan", "Plan för intern kontroll",
               "Kontrollmoment")
PLAN_REF_LABELS = {"title": ("Risk", "Identifierad risk"), "number": ("Risk nr", "Nr", "Risk")}


def compose_analysis_then_plan(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                               columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a risk table with every risk, then a plan table of the controls,
    each row naming its risk by title or number (risks without controls left out)."""
    rcols = tuple(c for c in columns if c in RISK_COLS)
    ccols = tuple(c for c in columns if c in CONTROL_COLS)
    compose_tables(replace(spec, structure="row"), drawn, lay, rcols, labels)
    lay.blocks.append(Para(pick(rng, PLAN_TITLES), "heading"))
    ref = pick(rng, PLAN_REF_LABELS[spec.plan_ref])
    if spec.label_case == "upper":
        ref = ref.upper()
    header = (Row((Cell(ref, bold=True),
                   *(Cell(labels[c], bold=True) for c in ccols)), "header"),)
    body: list[Row] = []
    for _, risks in drawn.sections:
        for risk in risks:
            name = number_label(spec, risk) if spec.plan_ref == "number" else risk.title
            for i, control in enumerate(risk.controls):
                shown = name if i == 0 or spec.plan_ref_every_row else ""
                body.append(Row((Cell(shown), *(
                    Cell(control_cell_text(c, control),
                         mark=lay.mark(control.key, control.control) if c == "control" else None)
                    for c in ccols))))
    widths = ((0.6,) if spec.plan_ref == "number" else (2.4,)) + widths_of(ccols)
    lay.blocks.append(Table(header, tuple(body), widths,
                            spec.header_placement == "every_page", spec.table_style,
                            spec.split_rows))


def compose_risk_headings(spec: Spec, drawn: Drawn, lay: Layout, columns: tuple[str, ...],
                          labels: dict[str, str]) -> None:
    """Given the content, risk titles as rows or paragraphs above their controls' rows."""
    ccols = tuple(c for c in columns if c in CONTROL_COLS and
                  not (spec.follow_up_paragraphs and c in ("result", "ccomment")))
    header = header_rows(replace(spec, two_level=False), ccols, labels)
    widths = widths_of(ccols)
    first = True
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        body: list[Row] = []
        for i, risk in enumerate(risks):
            title = risk.title
            if spec.number_style != "none":
                title = f"{number_label(spec, risk)} {title}"
            rows = [Row(tuple(Cell(control_cell_text(col, c),
                                   mark=lay.mark(c.key, c.control) if col == "control" else None)
                              for col in ccols)) for c in risk.controls]
            if spec.structure == "risk_heading_row":
                body.append(Row((Cell(title, colspan=len(ccols), bold=True,
                                      mark=lay.mark(risk.key, title)),), "heading"))
                body.extend(rows)
                continue
            show = first or spec.header_placement == "every_page" or (
                spec.header_placement == "per_section" and i == 0)
            lay.blocks.append(Para(title, "risk_title", mark=lay.mark(risk.key, title)))
            if rows:
                lay.blocks.append(Table(header if show else (), tuple(rows), widths, False,
                                        spec.table_style, spec.split_rows))
                first = False
            if spec.follow_up_paragraphs:
                for c in risk.controls:
                    if c.result:
                        lay.blocks.append(Para(c.result, "label", label="Resultat"))
                    if c.comment:
                        lay.blocks.append(Para(c.comment, "label", label="Kommentar"))
        if spec.structure == "risk_heading_row":
            show = first or spec.header_placement in ("every_page", "per_section")
            lay.blocks.append(Table(header if show else (), tuple(body), widths,
                                    spec.header_placement == "every_page" and show,
                                    spec.table_style, spec.split_rows))
            first = False


def card_lines(spec: Spec, risk: GRisk, columns: tuple[str, ...]) -> list[tuple[str, str]]:
    """Given a risk, its (label, value) lines in card order: risk fields, then controls."""
    lines: list[tuple[str, str]] = []
    for col in columns:
        if col in RISK_COLS and col not in ("process",):
            text = risk_cell_text(spec, col, risk)
            if text:
                lines.append((col, text))
    for c in risk.controls:
        for col in columns:
            if col in CONTROL_COLS:
                text = control_cell_text(col, c)
                if text:
                    lines.append((col + ":" + c.key, text))
    return lines


def compose_cards(spec: Spec, drawn: Drawn, lay: Layout, columns: tuple[str, ...]) -> None:
    """Given the content, one card per risk: label/value box or "Label: value" lines."""
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            lines = card_lines(spec, risk, columns)
            if spec.heading == "none" and "process" in columns and risk.process:
                lines.insert(0, ("process", risk.process))
            if spec.structure == "cards_lines":
                for col, text in lines:
                    base, _, ckey = col.partition(":")
                    mark = (lay.mark(risk.key, text) if base == "risk" else
                            lay.mark(ckey, text) if base == "control" else None)
                    lay.blocks.append(Para(text, "label", mark=mark, label=CARD_LABELS[base]))
                lay.blocks.append(Para("", "spacer"))
                continue
            rows: list[Row] = []
            for col, text in lines:
                base, _, ckey = col.partition(":")
                mark = (lay.mark(risk.key, text) if base == "risk" else
                        lay.mark(ckey, text) if base == "control" else None)
                value = risk_value(risk, base) if base in VALUE_COLS else None
                rows.append(Row((Cell(CARD_LABELS[base], bold=True),
                                 Cell(text, mark=mark, fill=value_fill(spec, base, value)))))
            lay.blocks.append(Table((), tuple(rows), (1.0, 3.2), False, spec.table_style,
                                    spec.split_rows))
            lay.blocks.append(Para("", "spacer"))


def matrix_blocks(spec: Spec, drawn: Drawn) -> list[Block]:
    """Given the risks, a risk matrix: numbers placed in a Sannolikhet × Konsekvens grid."""
    n = spec.scale
    where: dict[tuple[int, int], list[str]] = {}
    for _, risks in drawn.sections:
        for risk in risks:
            assert risk.probability is not None and risk.consequence is not None
            where.setdefault((risk.probability, risk.consequence), []).append(
                risk.title if spec.matrix_names else number_label(spec, risk))
    colours = C.LEVEL_COLOURS[4]
    rows: list[Row] = []
    for s in range(n, 0, -1):
        cells = [Cell(f"S{s}" if spec.number_style != "plain" else str(s), bold=True)]
        for k in range(1, n + 1):
            top = n * n
            cells.append(Cell(("\n" if spec.matrix_names else ", ").join(where.get((s, k), [])),
                              fill=colours[level(s * k, top)][1]))
        rows.append(Row(tuple(cells)))
    rows.append(Row((Cell(""), *tuple(Cell(f"K{k}", bold=True) for k in range(1, n + 1)))))
    if spec.matrix_names:
        return [Para("Riskkarta", "heading"),
                Para("Riskerna är placerade efter sannolikhet (S, lodrätt) och konsekvens "
                     "(K, vågrätt).", "body"),
                Table((), tuple(rows), (0.45,) + (1.0,) * n, False, "ruled", False)]
    return [Para("Riskmatris", "heading"),
            Para("Riskernas nummer är placerade efter sannolikhet (S, lodrätt) och konsekvens "
                 "(K, vågrätt).", "body"),
            Table((), tuple(rows), (0.6,) + (1.0,) * n, False, "ruled", False)]


def minutes_opening(spec: Spec, drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, the minutes the document is attached to, up to its bilaga: the
    meeting, who attended, a budget item with its table, the item adopting the document."""
    m = drawn.meta
    date = f"{m.year - 1}-{rng.randint(9, 12):02d}-{rng.randint(10, 28)}"
    people = rng.sample(C.PEOPLE, 6)
    attendance = Table(
        (Row((Cell("Ledamöter", bold=True), Cell("Ersättare", bold=True),
              Cell("Tjänstepersoner", bold=True)), "header"),),
        tuple(Row((Cell(people[i]), Cell(people[i + 3] if i < 3 else ""),
                   Cell(C.OFFICIALS[i]))) for i in range(3)),
        (2.0, 2.0, 1.6), False, pick(rng, ("unruled", "ruled")))
    budget = budget_table(rng, rng.sample(list(C.AREAS), 4))
    item = rng.randint(80, 160)
    verb = "godkänna" if spec.kind == "uppfoljning" else "anta"
    return [
        Para(f"{m.municipality} kommun", "meta"), Para("Sammanträdesprotokoll", "title"),
        Para(m.organ, "subtitle"), Para(f"Sammanträdesdatum {date}", "meta"),
        Para("Plats och tid: Kommunhuset, kl. 13.00–15.30", "body"),
        Para("Beslutande och närvarande", "heading"), attendance,
        Para(f"§ {item} Budgetuppföljning", "heading"),
        Para("Förvaltningen redovisar utfallet per verksamhet till och med oktober.", "body"),
        budget,
        Para(f"§ {item + 1} {drawn.title} {m.year}", "heading"),
        Para(f"{m.organ} beslutar att {verb} {drawn.title.lower()} för {m.year} enligt "
             "bilaga 1.", "body"),
        PageBreak(), Para("Bilaga 1", "meta"),
    ]


def minutes_closing(drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, the minutes after the bilaga: delegation decisions and signatures."""
    m = drawn.meta
    rows = tuple(Row((Cell(str(i + 1)), Cell(text),
                      Cell(f"{m.year - 1}-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}"),
                      Cell(pick(rng, C.OFFICIALS))))
                 for i, text in enumerate(rng.sample(C.DELEGATION, 4)))
    return [
        PageBreak(), Para("Anmälan av delegationsbeslut", "heading"),
        Table((Row(tuple(Cell(t, bold=True) for t in ("Nr", "Ärende", "Datum", "Delegat")),
                   "header"),), rows, (0.5, 3.0, 1.1, 1.6), False, "ruled"),
        Para("Justerandes signatur: ____________________", "body"),
    ]


def memo_opening(spec: Spec, drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, the tjänsteskrivelse proposing the document, up to its bilaga:
    letterhead, case number, proposal, summary, background and the decision's basis."""
    m = drawn.meta
    date = f"{m.year - 1}-{rng.randint(9, 12):02d}-{rng.randint(10, 28)}"
    if spec.kind == "uppfoljning":  # a follow-up is reported after its year
        date = f"{m.year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
    verb = "godkänna" if spec.kind == "uppfoljning" else "anta"
    writer, chief = (p.split(" (")[0] for p in rng.sample(C.PEOPLE, 2))
    case = f"Dnr {m.year - 1}/{rng.randint(40, 900)}"
    return [
        Para(f"{m.municipality} kommun", "meta"), Para("Tjänsteskrivelse", "title"),
        Para(f"{date}   {case}", "meta"),
        Para(f"Handläggare: {writer}, {pick(rng, C.OFFICIALS)}", "meta"),
        Para(f"{drawn.title} {m.year}", "heading"),
        Para("Förslag till beslut", "heading"),
        Para(f"{m.organ} beslutar att {verb} {drawn.title.lower()} för {m.year} enligt "
             "bilaga 1.", "body"),
        Para("Sammanfattning av ärendet", "heading"),
        *(Para(text, "body") for text in rng.sample(C.INTRO, 2)),
        Para("Beslutsunderlag", "heading"),
        Para(f"Tjänsteskrivelse {date}", "body"),
        Para(f"Bilaga 1, {drawn.title.lower()} {m.year}", "body"),
        Para(f"{chief}", "body"), Para("Förvaltningschef", "body"),
        PageBreak(), Para("Bilaga 1", "meta"),
    ]


def memo_closing(drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, the memo's end after the bilaga: whom the decision is sent to."""
    return [
        Para("Beslutet skickas till", "heading"),
        *(Para(f"– {name}", "body") for name in rng.sample(C.OFFICIALS, 3)),
    ]


REPORT_CHAPTER = 4  # the chapter of a report that holds the internal-control document
KEY_FIGURES = ("Andel elever med godkänt i alla ämnen", "Sjukfrånvaro bland medarbetare",
               "Nöjd-kund-index äldreomsorg", "Handläggningstid bygglov (veckor)",
               "Andel ärenden avslutade inom 3 månader", "Kostnad per invånare (kr)",
               "Antal genomförda tillsynsbesök", "Personalomsättning")


def budget_table(rng: random.Random, areas: list[str]) -> Table:
    """Given area names, a budget table (tkr) with outcome and deviation per area."""
    rows: list[Row] = []
    for area in areas:
        budget = rng.randint(20, 400) * 100
        outcome = budget + rng.randint(-30, 30) * 100
        rows.append(Row((Cell(area), Cell(f"{budget:,}".replace(",", " ")),
                         Cell(f"{outcome:,}".replace(",", " ")),
                         Cell(f"{budget - outcome:,}".replace(",", " ")))))
    return Table(
        (Row(tuple(Cell(t, bold=True) for t in ("Verksamhet", "Budget (tkr)", "Utfall (tkr)",
                                                 "Avvikelse (tkr)")), "header"),),
        tuple(rows), (2.4, 1.0, 1.0, 1.0), False, pick(rng, ("ruled", "light_grid")))


def report_opening(spec: Spec, drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, a verksamhetsplan (a delårsrapport for a follow-up) up to its
    internal-control chapter: title, contents, introduction, budget, key figures whose
    small numbers and percentages are no risk values."""
    m = drawn.meta
    name = (f"Delårsrapport augusti {m.year}" if spec.kind == "uppfoljning"
            else f"Verksamhetsplan {m.year}")
    chapters = ("Inledning", "Ekonomi", "Mål och nyckeltal", "Intern kontroll", "Personal")
    figures: list[Row] = []
    for text in rng.sample(KEY_FIGURES, 4):
        target = rng.randint(2, 95)
        figures.append(Row((Cell(text), Cell(str(target)), Cell(str(target + rng.randint(-9, 9))),
                            Cell(pick(rng, ("Uppnått", "Delvis uppnått", "Ej uppnått"))))))
    key_table = Table(
        (Row(tuple(Cell(t, bold=True) for t in ("Nyckeltal", f"Mål {m.year}",
                                                 f"Utfall {m.year - 1}", "Bedömning")),
             "header"),),
        tuple(figures), (3.0, 0.9, 0.9, 1.4), False, pick(rng, ("ruled", "zebra", "unruled")))
    return [
        Para(f"{m.municipality} kommun", "meta"), Para(name, "title"), Para(m.organ, "subtitle"),
        Para("Innehåll", "heading"),
        *(Para(f"{i + 1}. {c} " + "." * 20 + f" {2 * i + 2}", "body")
          for i, c in enumerate(chapters)),
        PageBreak(),
        Para("1. Inledning", "heading"),
        *(Para(text, "body") for text in rng.sample(C.INTRO, 2)),
        Para("2. Ekonomi", "heading"),
        Para(f"Nämndens budgetram för {m.year} fördelas per verksamhet enligt tabellen.",
             "body"),
        budget_table(rng, rng.sample(list(C.AREAS), 4)),
        Para("3. Mål och nyckeltal", "heading"),
        Para("Nämndens mål följs upp med nyckeltal; målvärdena avser helåret.", "body"),
        key_table,
        Para(f"{REPORT_CHAPTER}. Intern kontroll", "heading"),
        Para(f"{m.organ} har antagit {drawn.title.lower()} för {m.year}. Den redovisas i sin "
             "helhet nedan.", "body"),
    ]


def report_closing(drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, the report's chapter after the internal-control one: staff."""
    m = drawn.meta
    kinds = rng.sample(("Lärare", "Undersköterskor", "Socialsekreterare", "Handläggare",
                        "Chefer", "Administratörer"), 4)
    rows = tuple(Row((Cell(kind), Cell(str(rng.randint(8, 240))),
                      Cell(f"{rng.randint(30, 95) / 10:.1f}".replace(".", ","))))
                 for kind in kinds)
    return [
        Para(f"{REPORT_CHAPTER + 1}. Personal", "heading"),
        Para(f"Personalsammansättning och sjukfrånvaro {m.year - 1}.", "body"),
        Table((Row(tuple(Cell(t, bold=True) for t in ("Yrkesgrupp", "Årsarbetare",
                                                       "Sjukfrånvaro (%)")), "header"),),
              rows, (2.4, 1.0, 1.0), False, pick(rng, ("ruled", "unruled"))),
    ]


def title_blocks(spec: Spec, drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the metadata, the title area: title line, organ and municipality, adoption."""
    m = drawn.meta
    title = f"{drawn.title} {m.year}"
    adopted = (f"Antagen av {m.organ.lower()} {m.year - 1}-{rng.randint(9, 12):02d}-"
               f"{rng.randint(10, 28)}, § {rng.randint(20, 180)}")
    if spec.kind == "uppfoljning":
        adopted = f"Rapport till {m.organ.lower()} {m.year + 1}-0{rng.randint(1, 3)}-" \
                  f"{rng.randint(10, 28)}"
    if spec.wrapper in ("report", "annual"):
        return [Para(title, "subtitle")]
    company = company_of(m)
    if company is not None:
        return company_title_blocks(spec, drawn, rng, company)
    if spec.title_style == "letterhead":
        return [Para(f"{m.municipality.upper()} KOMMUN", "meta"), Para(title, "title"),
                Para(m.organ, "subtitle"), Para(adopted, "meta")]
    if spec.title_style == "one_line":
        return [Para(f"{title} – {m.organ}, {m.municipality} kommun", "title"),
                Para(adopted, "meta")]
    return [Para(f"{m.organ} – {title}", "title"), Para(f"{m.municipality} kommun", "subtitle"),
            Para(adopted, "meta")]


def company_title_blocks(spec: Spec, drawn: Drawn, rng: random.Random,
                         company: str) -> list[Block]:
    """Given a company's plan, its title area: "Internkontrollplan 2025 för X AB", the owner
    and the board's adoption."""
    m = drawn.meta
    owner = pick(rng, C.COMPANY_OWNERSHIP).format(m=m.municipality)
    adopted = (f"Antagen av styrelsen {m.year - 1}-{rng.randint(9, 12):02d}-"
               f"{rng.randint(10, 28)}, § {rng.randint(5, 60)}")
    title = f"{drawn.title} {m.year} för {company}"
    if spec.title_style == "letterhead":
        return [Para(company.upper(), "meta"), Para(title, "title"), Para(owner, "subtitle"),
                Para(adopted, "meta")]
    if spec.title_style == "one_line":
        return [Para(title, "title"), Para(f"{m.organ} · {owner}", "meta"),
                Para(adopted, "meta")]
    return [Para(title, "title"), Para(m.organ, "subtitle"), Para(owner, "meta"),
            Para(adopted, "meta")]


def compose(spec: Spec, rng: random.Random, family: str, seed: int) -> GeneratedDoc:
    """Given a spec and a seeded random source, the composed document."""
    if spec.structure in ("risk_heading_row", "risk_heading_para", "control_headings"):
        # a risk as a heading over its controls' rows prints its title only: no value or
        # other risk column exists to read (nor to expect)
        spec = replace(spec, columns=tuple(c for c in spec.columns
                                           if c in CONTROL_COLS or c == "risk"))
    in_cell = spec.risk_cell in ("title_description", "labelled")
    drawn = draw_content(replace(spec, columns=(*spec.columns, "description"))
                         if in_cell and "description" not in spec.columns else spec, rng)
    if spec.number_style == "decimal":
        drawn = decimal_numbers(drawn)
    elif spec.number_style == "code":
        drawn = code_numbers(drawn)
    elif spec.number_style in ("letter", "letter_plain"):
        drawn = letter_numbers(drawn, "." if spec.number_style == "letter" else "")
    columns = spec.columns
    if in_cell:
        columns = tuple(c for c in columns if c != "description")
    if spec.value_style == "matrix":
        columns = tuple(c for c in columns if c not in ("s", "k"))
        if "nr" not in columns and not spec.matrix_names:
            columns = ("nr", *columns)
    if spec.value_style == "matrix" and not spec.matrix_names:
        spec = replace(spec, number_style=spec.number_style if spec.number_style != "none"
                       else "R")
    if spec.heading != "none":
        columns = tuple(c for c in columns if c != "process")
    if spec.who_when != "none" or spec.control_method != "none":
        columns = round33_columns(spec, columns)
    if spec.structure == "analysis_then_plan" and spec.plan_ref == "number":
        columns = columns if "nr" in columns else ("nr", *columns)
        spec = replace(spec, number_style=spec.number_style if spec.number_style != "none"
                       else "plain")
    labels = dict(spec.labels) or draw_labels(
        rng, tuple(c for c in columns if c not in ("prev_r", "trend", "residual", "who_when")),
        spec.scale, LABEL_TABLES[spec.label_register])
    if ("prev_r" in columns or "trend" in columns) and not spec.labels:
        labels.update(year_labels(rng, columns, drawn.meta.year) if spec.value_years
                      else revision_labels(rng, columns, drawn.meta.year))
    if "residual" in columns and not spec.labels:
        labels["residual"] = pick(rng, REGISTER_LABELS["residual"])
    if spec.status_set == "done" and "status" in columns and not spec.labels:
        labels["status"] = pick(rng, DONE_LABELS)
    if in_cell and "risk" in columns and not spec.labels:
        labels["risk"] = pick(rng, RISK_DESC_LABELS if spec.risk_cell == "title_description"
                              else RISK_CAUSE_LABELS)
    if not spec.labels:
        labels.update(round27_labels(spec, rng, columns, drawn.meta.year))
    if spec.r_style == "traffic" and "r" in columns and not spec.labels:
        labels["r"] = pick(rng, TRAFFIC_R_LABELS)
    if spec.sk_style in SK_SIGNS and "sk" in columns and not spec.labels:
        labels["sk"] = pick(rng, SK_TIMES_LABELS[spec.sk_style])
    if not spec.labels:
        labels.update(round33_labels(spec, rng, columns))
    if spec.label_case == "upper":
        labels = {k: v.upper() for k, v in labels.items()}
    lay = Layout()
    if spec.wrapper == "minutes":
        lay.blocks.extend(minutes_opening(spec, drawn, rng))
    elif spec.wrapper == "report":
        lay.blocks.extend(report_opening(spec, drawn, rng))
    elif spec.wrapper == "memo":
        lay.blocks.extend(memo_opening(spec, drawn, rng))
    elif spec.wrapper == "annual":
        lay.blocks.extend(annual_opening(spec, drawn, rng))
    if spec.bilaga_turn and spec.wrapper in ("memo", "minutes"):
        turn_bilaga(lay.blocks)
    if spec.page_columns > 1 and spec.wrapper == "report":
        lay.blocks.insert(chapter_start(lay.blocks), ColumnFlow(spec.page_columns))
    lay.blocks.extend(title_blocks(spec, drawn, rng))
    if spec.page_columns > 1 and spec.wrapper != "report":
        lay.blocks.append(ColumnFlow(spec.page_columns))
    if spec.prose_before:
        lay.blocks.append(Para(pick(rng, ("Inledning", "Bakgrund", "Syfte")), "heading"))
        intro = C.INTRO if spec.organ_set == "standard" else C.COMPANY_INTRO
        for text in rng.sample(intro, rng.randint(1, 3)):
            lay.blocks.append(Para(text, "body"))
    lay.blocks.extend(legend_blocks(spec))
    if spec.scale_table:
        lay.blocks.extend(scale_table_blocks(spec))
    if spec.status_set == "traffic" and "status" in columns:
        lay.blocks.extend(traffic_legend(labels.get("status", "Status")))
    if spec.status_set == "symbols" and "status" in columns:
        lay.blocks.extend(symbol_legend(labels.get("status", "Status")))
    if spec.r_style == "dot_level" and "r" in columns:
        lay.blocks.extend(dot_level_legend(spec, labels.get("r", "Riskvärde")))
    if spec.r_style == "traffic" and "r" in columns:
        lay.blocks.extend(traffic_r_legend(spec, labels["r"]))
    if spec.value_style == "matrix" and spec.matrix_place == "before":
        lay.blocks.extend(matrix_blocks(spec, drawn))
    if spec.structure in ("cards_box", "cards_lines"):
        compose_cards(spec, drawn, lay, columns)
    elif spec.structure in ("risk_heading_row", "risk_heading_para"):
        compose_risk_headings(spec, drawn, lay, columns, labels)
    elif spec.structure == "analysis_then_plan":
        compose_analysis_then_plan(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "cards_form":
        compose_form_cards(spec, drawn, lay, columns, labels)
    elif spec.structure == "paired_tables":
        compose_paired_tables(spec, drawn, lay, columns, labels)
    elif spec.structure == "control_headings":
        compose_control_headings(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "risk_bullets":
        compose_risk_bullets(spec, drawn, rng, lay, columns)
    elif spec.structure == "inner_table":
        compose_inner_tables(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "risk_blocks":
        compose_risk_blocks(spec, drawn, rng, lay, columns)
    elif spec.structure == "transposed":
        compose_transposed(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "two_row_roles":
        compose_two_row_roles(spec, drawn, rng, lay, labels)
    elif spec.structure == "slides":
        compose_slides(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "risk_paragraphs":
        compose_risk_paragraphs(spec, drawn, rng, lay, columns)
    elif spec.structure == "title_row_tables":
        compose_title_row_tables(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "findings_appendix":
        compose_findings_appendix(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "indented_tree":
        compose_indented_tree(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "bracketed_items":
        compose_bracketed_items(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "checkbox_forms":
        compose_checkbox_forms(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "side_by_side":
        compose_side_by_side(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "record_rows":
        compose_record_rows(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "comment_rows":
        compose_comment_rows(spec, drawn, rng, lay, columns, labels)
    elif spec.structure == "controls_first":
        compose_controls_first(spec, drawn, rng, lay, columns, labels)
    elif spec.code_band:
        compose_code_band(spec, drawn, rng, lay, columns, labels)
    elif spec.heading == "area_row":
        compose_area_rows(spec, drawn, rng, lay, columns, labels)
    elif spec.continued != "none" or spec.totals != "none":
        compose_broken_tables(spec, drawn, lay, columns, labels)
    else:
        compose_tables(spec, drawn, lay, columns, labels)
    if spec.value_style == "matrix" and spec.matrix_place == "after":
        lay.blocks.extend(matrix_blocks(spec, drawn))
    if spec.r_style == "colour" and "r" in columns:
        lay.blocks.extend(r_colour_legend(spec, labels.get("r", "Riskvärde")))
    if spec.prose_after:
        lay.blocks.append(Para(pick(rng, ("Sammanfattning", "Beslut", "Fortsatt arbete")),
                               "heading"))
        for text in rng.sample(C.OUTRO, rng.randint(1, 2)):
            lay.blocks.append(Para(text, "body"))
    if spec.page_columns > 1 and spec.wrapper != "none":  # the rest in one column again
        lay.blocks.append(ColumnFlow(1))
    if spec.bilaga_turn and spec.wrapper in ("memo", "minutes"):
        lay.blocks.append(PageTurn(False))  # the memo's or minutes' last page portrait again
    if spec.wrapper == "minutes":
        lay.blocks.extend(minutes_closing(drawn, rng))
    elif spec.wrapper == "report":
        lay.blocks.extend(report_closing(drawn, rng))
    elif spec.wrapper == "memo":
        lay.blocks.extend(memo_closing(drawn, rng))
    elif spec.wrapper == "annual":
        lay.blocks.extend(annual_closing(drawn, rng))
    risks = finalize_records(spec, drawn, columns)
    m = drawn.meta
    company = company_of(m)
    look = Look(spec.landscape, spec.font, spec.size,
                (f"{m.municipality} kommun · {m.organ}" if company is None
                 else f"{company} · {drawn.title} {m.year}") if spec.running_header else None,
                sheet_footer(drawn, rng) if spec.sheet_footer else None,
                rotate=spec.page_rotation, paper=spec.paper)
    choices = {k: getattr(spec, k) for k in spec.__dataclass_fields__ if k != "labels"
               and not (k in LATER_CHOICES and getattr(spec, k) == LATER_CHOICES[k])}
    choices["columns"] = list(columns)
    if "sk" in columns:
        choices["sk_style"] = spec.sk_style
    choices["labels"] = labels
    return GeneratedDoc(family, seed, choices, m, risks, tuple(lay.blocks), look, lay.anchors)


def decimal_numbers(drawn: Drawn) -> Drawn:
    """Given the drawn content, each risk numbered by its area and its place in it ("2.3")."""
    return replace(drawn, sections=tuple(
        (name, tuple(replace(r, shown_number=f"{i + 1}.{j + 1}") for j, r in enumerate(risks)))
        for i, (name, risks) in enumerate(drawn.sections)))


def finalize_records(spec: Spec, drawn: Drawn, columns: tuple[str, ...]) -> tuple[GRisk, ...]:
    """Given the drawn content and the columns shown, the records as a reader can know them.

    The process is the heading as printed (without its number) or the process column;
    values are known when shown (S and K from the matrix in the matrix style); risk
    value only when printed."""
    out: list[GRisk] = []
    shown = set(columns)
    for index, (name, risks) in enumerate(drawn.sections):
        _, heading_process = heading_text(spec, index, name)
        for risk in risks:
            if spec.heading != "none":
                process: str | None = heading_process
            elif "process" in shown or (spec.structure in ("cards_box", "cards_lines")
                                        and "process" in spec.columns):
                process = risk.process
            else:
                process = None
            has_s = "s" in shown or "sk" in shown or spec.value_style == "matrix"
            has_k = "k" in shown or "sk" in shown or spec.value_style == "matrix"
            title = risk.title
            if spec.structure in ("risk_heading_row", "risk_heading_para") \
                    and spec.number_style != "none":
                title = risk.title  # the number before the title is not part of it
            out.append(replace(
                risk,
                process=process,
                title=title,
                probability=risk.probability if has_s else None,
                consequence=risk.consequence if has_k else None,
                risk_value=risk.risk_value if ("r" in shown
                and spec.r_style not in ("level", "colour", "dot_level", "traffic")) or (
                    "sk" in shown and spec.sk_style in ASSESS_SK) else None,
                stated_level=stated_level(spec, risk) if "r" in shown else None,
            ))
    return tuple(out)


def block_sanity(blocks: list[Block]) -> None:
    """Given blocks, raise when a page break is misplaced (none are used at the start)."""
    if blocks and isinstance(blocks[0], PageBreak):
        raise ValueError("a document cannot start with a page break")


# ----------------------------------------------------------------------------- round 14


ANNUAL_CHAPTER = 6  # the chapter of an årsredovisning that reports the internal control


def chapter_of(spec: Spec) -> int:
    """Given a spec, the number of the chapter that holds the internal-control document."""
    return ANNUAL_CHAPTER if spec.wrapper == "annual" else REPORT_CHAPTER


def strip_tables(spec: Spec, table: Table, columns: tuple[str, ...]) -> list[Block]:
    """Given the one table of a sheet too wide for its page, the two strips a spreadsheet
    prints "down, then over": the risk columns on the first pages, then the control columns
    with the print-title columns (Nr, or Nr and Risk) repeated, their cells without marks."""
    cut = next((i for i, c in enumerate(columns) if c in CONTROL_COLS), len(columns))
    titles = [i for i, c in enumerate(columns[:cut])
              if c == "nr" or (spec.print_strips == "nr_risk" and c == "risk")]
    left = list(range(cut))
    right = titles + list(range(cut, len(columns)))

    def part(rows: tuple[Row, ...], keep: list[int], repeated: set[int]) -> tuple[Row, ...]:
        """Given rows, the cells of the kept columns (a full-width row kept whole)."""
        out: list[Row] = []
        for row in rows:
            if len(row.cells) == 1 and row.cells[0].colspan == len(columns):
                out.append(Row((replace(row.cells[0], colspan=len(keep)),), row.kind))
                continue
            if len(row.cells) != len(columns) or any(c.rowspan > 1 for c in row.cells):
                raise ValueError("print strips need one unmerged cell per column")
            out.append(Row(tuple(replace(row.cells[i], mark=None, line_marks=())
                                 if i in repeated else row.cells[i] for i in keep), row.kind))
        return tuple(out)

    def strip(keep: list[int], repeated: set[int]) -> Table:
        """Given the kept columns, the strip's table."""
        return Table(part(table.header, keep, repeated), part(table.body, keep, repeated),
                     tuple(table.widths[i] for i in keep), table.repeat_header, table.style,
                     table.split_rows)

    return [strip(left, set()), PageBreak(), strip(right, set(titles))]


SCALE_MEANING = {
    "Mycket osannolik": "Händelsen inträffar nästan aldrig.",
    "Osannolik": "Risken är praktiskt taget obefintlig att fel uppstår.",
    "Mindre sannolik": "Risken är mycket liten att fel uppstår.",
    "Möjlig": "Det finns en möjlig risk att fel uppstår.",
    "Sannolik": "Det finns en mycket stor risk att fel uppstår.",
    "Mycket sannolik": "Fel uppstår med all säkerhet under året.",
    "Mycket sällan": "Har inte inträffat de senaste tio åren.",
    "Sällan": "Kan inträffa någon gång på flera år.",
    "Ibland": "Inträffar någon gång per år.",
    "Ofta": "Inträffar flera gånger per år.",
    "Mycket ofta": "Inträffar varje månad eller oftare.",
    "Försumbar": "Ingen märkbar påverkan på verksamheten.",
    "Lindrig": "Obetydlig för kommuninvånare, verksamhet och förtroende.",
    "Kännbar": "Upplevs som besvärande av kommuninvånare eller medarbetare.",
    "Allvarlig": "Upplevs som allvarlig och kan påverka förtroendet för kommunen.",
    "Mycket allvarlig": "Så allvarlig att verksamhetens mål inte nås.",
}


def level_bands(spec: Spec) -> str:
    """Given a spec, the risk-value bands of its four levels as a sentence's list."""
    top = r_top(spec)
    low = 2 if spec.r_rule == "sum" else 1
    bands: list[str] = []
    for i, word in enumerate(LEVEL_WORDS):
        values = [v for v in range(low, top + 1) if level(v, top) == i]
        if values:
            bands.append(f"{values[0]}–{values[-1]} {word.lower()}")
    return ", ".join(bands)


def scale_table_blocks(spec: Spec) -> list[Block]:
    """Given the scale, its criteria table (Värde | Sannolikhet | Konsekvens with what each
    step means) and a matrix of the values S and K give (coloured by level, no risks)."""
    n = spec.scale
    pw, kw = probability_words(spec)[n], C.CONSEQUENCE_WORDS[n]
    rule = "sannolikhet × konsekvens" if spec.r_rule == "product" else "sannolikhet + konsekvens"
    criteria = Table(
        (Row(tuple(Cell(t, bold=True) for t in ("Värde", "Sannolikhet", "Konsekvens")),
             "header"),),
        tuple(Row((Cell(str(i + 1), align="center"),
                   Cell(f"{pw[i]}\n{SCALE_MEANING[pw[i]]}", bold_first=True),
                   Cell(f"{kw[i]}\n{SCALE_MEANING[kw[i]]}", bold_first=True)))
              for i in range(n)),
        (0.6, 3.0, 3.0), False, "ruled", False)
    colours = C.LEVEL_COLOURS[4]
    top = r_top(spec)
    rows: list[Row] = []
    for s in range(n, 0, -1):
        cells = [Cell(f"{s} {pw[s - 1]}", bold=True)]
        for k in range(1, n + 1):
            v = s * k if spec.r_rule == "product" else s + k
            cells.append(Cell(str(v), fill=colours[level(v, top)][1], align="center"))
        rows.append(Row(tuple(cells)))
    rows.append(Row((Cell("Sannolikhet / konsekvens", bold=True),
                     *(Cell(f"{k} {kw[k - 1]}", bold=True) for k in range(1, n + 1)))))
    return [Para("Bedömningskriterier", "heading"),
            Para(f"Sannolikhet och konsekvens bedöms på en skala 1–{n} enligt tabellen. "
                 f"Riskvärdet är {rule}.", "body"),
            criteria,
            Para("Riskmatris", "heading"),
            Table((), tuple(rows), (1.8,) + (1.0,) * n, False, "ruled", False),
            Para(f"Riskvärde {level_bands(spec)}.", "body")]


def annual_opening(spec: Spec, drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, an årsredovisning (a nämnd's verksamhetsberättelse) up to its
    internal-control chapter: contents, the year in brief, economy and goals with their
    tables, staff, then chapter 6 with a summary table of the controls per area (counts,
    no risks)."""
    m = drawn.meta
    name = (f"Årsredovisning {m.year}" if m.organ == "Kommunstyrelsen"
            else f"Verksamhetsberättelse {m.year}")
    chapters = ("Året i korthet", "Väsentliga händelser", "Ekonomiskt resultat",
                "Måluppfyllelse", "Personal", "Intern kontroll", "Framtid")
    goals: list[Row] = []
    for text in rng.sample(KEY_FIGURES, 3):
        target = rng.randint(2, 95)
        goals.append(Row((Cell(text), Cell(str(target)), Cell(str(target + rng.randint(-9, 9))),
                          Cell(pick(rng, ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"))))))
    goal_table = Table(
        (Row(tuple(Cell(t, bold=True) for t in ("Mått", f"Målvärde {m.year}",
                                                 f"Utfall {m.year}", "Måluppfyllelse")),
             "header"),),
        tuple(goals), (3.0, 0.9, 0.9, 1.4), False, pick(rng, ("ruled", "zebra")))
    summary: list[Row] = []
    for area, risks in drawn.sections:
        n = sum(max(1, len(r.controls)) for r in risks)
        bad = rng.randint(0, n)
        summary.append(Row((Cell(area), Cell(str(n)), Cell(str(n - bad)), Cell(str(bad)))))
    summary_table = Table(
        (Row(tuple(Cell(t, bold=True) for t in ("Granskningsområde", "Antal kontroller",
                                                 "Utan anmärkning", "Med avvikelse")),
             "header"),),
        tuple(summary), (2.6, 1.0, 1.0, 1.0), False, pick(rng, ("ruled", "light_grid")))
    staff = rng.randint(120, 2400)
    return [
        Para(f"{m.municipality} kommun", "meta"), Para(name, "title"), Para(m.organ, "subtitle"),
        Para("Innehåll", "heading"),
        *(Para(f"{i + 1}. {c} " + "." * 20 + f" {2 * i + 3}", "body")
          for i, c in enumerate(chapters)),
        PageBreak(),
        Para("1. Året i korthet", "heading"),
        *(Para(text, "body") for text in rng.sample(C.INTRO, 2)),
        Para("2. Väsentliga händelser", "heading"),
        Para(f"Under {m.year} har verksamheten påverkats av ökade kostnader och ett högt "
             "inflöde av ärenden.", "body"),
        Para("3. Ekonomiskt resultat", "heading"),
        budget_table(rng, rng.sample(list(C.AREAS), 4)),
        Para("4. Måluppfyllelse", "heading"),
        goal_table,
        Para("5. Personal", "heading"),
        Para(f"Antalet tillsvidareanställda var {staff} vid årets slut.", "body"),
        Para(f"{ANNUAL_CHAPTER}. Intern kontroll", "heading"),
        Para(f"{m.organ} har under året genomfört de kontroller som planen för {m.year} anger. "
             "Tabellen sammanfattar utfallet per granskningsområde; resultaten redovisas "
             "därefter per kontroll.", "body"),
        summary_table,
    ]


def annual_closing(drawn: Drawn, rng: random.Random) -> list[Block]:
    """Given the content, the report's last chapter after the internal-control one."""
    m = drawn.meta
    return [
        Para(f"{ANNUAL_CHAPTER + 1}. Framtid", "heading"),
        Para(f"Inför {m.year + 1} fortsätter arbetet med att utveckla den interna kontrollen.",
             "body"),
        *(Para(text, "body") for text in rng.sample(C.OUTRO, 1)),
    ]


# ----------------------------------------------------------------------------- round 16


AREA_CODES = {"Ekonomi": "EK", "Upphandling och inköp": "UH", "Personal och arbetsmiljö": "PA",
              "Informationssäkerhet": "IS", "Dokument- och ärendehantering": "DÄ",
              "Myndighetsutövning barn och unga": "BU", "Ekonomiskt bistånd": "EB",
              "Äldreomsorg": "ÄO", "Skola och förskola": "SF",
              "Fastighet och teknisk drift": "FT", "Bygglov och tillsyn": "BT",
              "Kultur och fritid": "KF", "Styrning och ledning": "SL"}


def code_numbers(drawn: Drawn) -> Drawn:
    """Given the drawn content, each risk numbered by its area's code and its place in the
    area ("EK-02"), as risk tools and registers number them."""
    return replace(drawn, sections=tuple(
        (name, tuple(replace(r, shown_number=f"{AREA_CODES.get(name, name[:2].upper())}-"
                                             f"{j + 1:02d}") for j, r in enumerate(risks)))
        for name, risks in drawn.sections))


def previous_values(spec: Spec, risk: GRisk) -> tuple[int, int] | None:
    """Given a risk, last year's S and risk value (no random draw: S one step up, down or
    the same by the risk's number, K unchanged)."""
    if risk.probability is None or risk.consequence is None:
        return None
    s = min(spec.scale, max(1, risk.probability + (risk.number * 7) % 3 - 1))
    return s, s * risk.consequence if spec.r_rule == "product" else s + risk.consequence


def previous_text(spec: Spec, col: str, risk: GRisk) -> str:
    """Given prev_r or trend, the cell: last year's risk value, or the change since then
    ("Ökad", "Oförändrad", "Minskad")."""
    before = previous_values(spec, risk)
    if before is None or risk.risk_value is None:
        return ""
    if col == "prev_r":
        return str(before[1])
    return ("Ökad" if risk.risk_value > before[1] else
            "Minskad" if risk.risk_value < before[1] else "Oförändrad")


def revision_labels(rng: random.Random, columns: tuple[str, ...], year: int) -> dict[str, str]:
    """Given a revision's columns and the plan's year, the labels of last year's value and of
    the change (and of this year's value when last year's is named by its year)."""
    out: dict[str, str] = {}
    if "prev_r" in columns:
        out["prev_r"] = pick(rng, (f"Riskvärde {year - 1}", "Tidigare riskvärde",
                                   "Föregående bedömning"))
        if out["prev_r"].endswith(str(year - 1)) and "r" in columns:
            out["r"] = f"Riskvärde {year}"
    if "trend" in columns:
        out["trend"] = pick(rng, ("Förändring", "Trend", "Utveckling sedan förra året"))
    return out


def cross_cells(spec: Spec, col: str, risk: GRisk, rowspan: int) -> list[Cell]:
    """Given S or K, the cells of its steps 1..n with an "X" under the risk's value."""
    value = risk_value(risk, col)
    fill = value_fill(replace(spec, value_style="numbers"), col, value)
    return [Cell("X" if value == step else "", rowspan=rowspan, align="center",
                 fill=fill if value == step else None) for step in range(1, spec.scale + 1)]


def cross_header_rows(spec: Spec, columns: tuple[str, ...],
                      labels: dict[str, str]) -> tuple[Row, ...]:
    """Given the columns, a two-row header: S and K each a group over its steps "1".."n",
    every other column's label two rows high."""
    top: list[Cell] = []
    bottom: list[Cell] = []
    for col in columns:
        if col in ("s", "k"):
            top.append(Cell(labels[col], colspan=spec.scale, bold=True, align="center"))
            bottom.extend(Cell(str(step), bold=True, align="center")
                          for step in range(1, spec.scale + 1))
        else:
            top.append(Cell(labels[col], rowspan=2, bold=True))
    return (Row(tuple(top), "header"), Row(tuple(bottom), "header"))


def cross_widths(spec: Spec, columns: tuple[str, ...]) -> tuple[float, ...]:
    """Given the columns, relative widths with S and K each as n narrow step columns."""
    out: list[float] = []
    for col, width in zip(columns, widths_of(columns), strict=True):
        out.extend([2.1 / spec.scale] * spec.scale if col in ("s", "k")
                   else [width])
    return tuple(out)


FORM_LONG = ("risk", "description", "existing", "decision", "rcomment", "control", "method",
             "result", "ccomment", "action")  # a form gives these a whole row


def form_rows(lay: Layout, pairs: Sequence[tuple[str, str, str, str | None]]
              ) -> list[Row]:
    """Given (column, label, text, record key) of one record's fields, the form's rows: long
    fields over the three cells right of their label, short ones two to a row."""
    rows: list[Row] = []
    waiting: list[Cell] = []
    for col, label, text, key in pairs:
        if not text:
            continue
        cell = Cell(text, mark=lay.mark(key, text) if key else None)
        if col in FORM_LONG:
            if waiting:
                rows.append(Row((*waiting, Cell(""), Cell(""))))
                waiting = []
            rows.append(Row((Cell(label, bold=True), replace(cell, colspan=3))))
            continue
        waiting += [Cell(label, bold=True), cell]
        if len(waiting) == 4:
            rows.append(Row(tuple(waiting)))
            waiting = []
    if waiting:
        rows.append(Row((*waiting, Cell(""), Cell(""))))
    return rows


def compose_form_cards(spec: Spec, drawn: Drawn, lay: Layout, columns: tuple[str, ...],
                       labels: dict[str, str]) -> None:
    """Given the content, one form per risk (a risk tool's "riskkort"): label | value |
    label | value rows, long texts across the row, each control's fields after the risk's,
    a page break after every ``cards_per_page`` risks."""
    done = 0
    total = sum(len(risks) for _, risks in drawn.sections)
    widths = (1.2, 2.2, 1.2, 2.2)
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            pairs: list[tuple[str, str, str, str | None]] = []
            for col in columns:
                if col in RISK_COLS:
                    pairs.append((col, labels[col], risk_cell_text(spec, col, risk),
                                  risk.key if col == "risk" else None))
            rows = form_rows(lay, pairs)
            for c in risk.controls:
                cpairs = [(col, labels[col], control_cell_text(col, c),
                           c.key if col == "control" else None)
                          for col in columns if col in CONTROL_COLS]
                rows.extend(form_rows(lay, cpairs))
            rows = [colour_form_values(spec, risk, labels, row) for row in rows]
            lay.blocks.append(Table((), tuple(rows), widths, False, spec.table_style,
                                    spec.split_rows))
            done += 1
            if spec.cards_per_page and done % spec.cards_per_page == 0 and done < total:
                lay.blocks.append(PageBreak())
            else:
                lay.blocks.append(Para("", "spacer"))


def colour_form_values(spec: Spec, risk: GRisk, labels: dict[str, str], row: Row) -> Row:
    """Given a form row, its S, K and R value cells filled as the spec colours values."""
    if not spec.coloured_values:
        return row
    cells = list(row.cells)
    for i in range(0, len(cells) - 1):
        for col in VALUE_COLS:
            if col in labels and cells[i].bold and cells[i].text == labels[col]:
                cells[i + 1] = replace(cells[i + 1],
                                       fill=value_fill(spec, col, risk_value(risk, col)))
    return Row(tuple(cells), row.kind)


def compose_paired_tables(spec: Spec, drawn: Drawn, lay: Layout, columns: tuple[str, ...],
                          labels: dict[str, str]) -> None:
    """Given the content, each risk's own one-row table (with its header) followed right
    away by its control table (the header on each, or on the area's first only)."""
    rcols = tuple(c for c in columns if c in RISK_COLS)
    ccols = tuple(c for c in columns if c in CONTROL_COLS)
    rheader = header_rows(replace(spec, two_level=False), rcols, labels)
    cheader = header_rows(replace(spec, two_level=False), ccols, labels)
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for i, risk in enumerate(risks):
            row = table_rows_for_risk(replace(spec, structure="row"), lay, risk, rcols, rcols,
                                      None)
            lay.blocks.append(Table(rheader, tuple(row), widths_of(rcols), True,
                                    spec.table_style, spec.split_rows))
            if risk.controls and ccols:
                crows = table_rows_for_risk(replace(spec, structure="span_empty"), lay, risk,
                                            (), ccols, None)
                show = spec.header_placement != "per_section" or i == 0
                lay.blocks.append(Table(cheader if show else (), tuple(crows), widths_of(ccols),
                                        False, spec.table_style, spec.split_rows))
            lay.blocks.append(Para("", "spacer"))


# ----------------------------------------------------------------------------- round 17


RISK_CAUSE_LABELS = ("Risk", "Risk, orsak och konsekvens", "Riskbeskrivning",
                     "Beskrivning av risk")
CONSEQUENCE_TEXTS = (
    "Ekonomisk förlust för kommunen.", "Förtroendet för verksamheten skadas.",
    "Beslut fattas på felaktigt underlag.", "Den enskilde får inte det stöd den har rätt till.",
    "Kommunen kan bli skadeståndsskyldig.", "Verksamheten kan inte bedrivas som planerat.",
    "Brister upptäcks sent och blir dyra att rätta.")


def consequence_text(risk: GRisk) -> str:
    """Given a risk, what its cell says follows when it occurs (drawn from its number)."""
    return CONSEQUENCE_TEXTS[(risk.number * 3) % len(CONSEQUENCE_TEXTS)]


def labelled_risk_text(risk: GRisk) -> str:
    """Given a risk, its cell as labelled lines: "Risk: …", "Orsak: …", "Konsekvens: …"."""
    lines = [f"Risk: {risk.title}"]
    if risk.description:
        lines.append(f"Orsak: {risk.description}")
    lines.append(f"Konsekvens: {consequence_text(risk)}")
    return "\n".join(lines)


FOLLOW_UP_LINE_LABELS = {
    "risk": ("Risk", "Risk som kontrollen avser", "Identifierad risk"),
    "result": ("Resultat", "Utfall", "Resultat av kontrollen"),
    "deviation": ("Avvikelse", "Avvikelse (Ja/Nej)", "Avvikelser"),
    "action": ("Åtgärd", "Åtgärder", "Föreslagen åtgärd"),
    "method": ("Metod", "Så här har kontrollen gjorts"),
}


def compose_control_headings(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                             columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, an uppföljning whose every control is a numbered heading ("1.2
    Control") over its risk, result, deviation and action lines and a one-row table of its
    responsible, frequency and status."""
    line_labels = {k: pick(rng, v) for k, v in FOLLOW_UP_LINE_LABELS.items()}
    tcols = tuple(c for c in columns if c in ("responsible", "frequency", "status"))
    header = header_rows(replace(spec, two_level=False, value_style="numbers"), tcols, labels)
    widths = widths_of(tcols)
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        n = 0
        for risk in risks:
            for c in risk.controls:
                n += 1
                head = f"{index + 1}.{n} {c.control}"
                lay.blocks.append(Para(head, "heading", mark=lay.mark(c.key, c.control)))
                first = risk.key not in lay.anchors
                lay.blocks.append(Para(risk.title, "label", label=line_labels["risk"],
                                       mark=lay.mark(risk.key, risk.title) if first else None))
                for col in ("method", "result", "deviation", "action"):
                    text = control_cell_text(col, c)
                    if text:
                        lay.blocks.append(Para(text, "label", label=line_labels[col]))
                if tcols:
                    lay.blocks.append(Table(header, (Row(tuple(
                        Cell(control_cell_text(col, c)) for col in tcols)),), widths, False,
                        spec.table_style, False))
                lay.blocks.append(Para("", "spacer"))


def assessment_bullet(spec: Spec, risk: GRisk, columns: tuple[str, ...], form: int) -> str:
    """Given a risk, its assessment as one bullet ("Sannolikhet 3, konsekvens 4, riskvärde
    12" or "Riskbedömning: S 3 × K 4 = 12"), empty when no value is shown."""
    parts: list[str] = []
    names = (("s", "Sannolikhet", "S"), ("k", "konsekvens", "K"), ("r", "riskvärde", "R"))
    for col, word, letter in names:
        value = risk_value(risk, col)
        if col in columns and value is not None:
            parts.append(f"{word} {value}" if form == 0 else f"{letter} {value}")
    if not parts:
        return ""
    if form == 0:
        text = ", ".join(parts)
        return text[0].upper() + text[1:]
    return "Riskbedömning: " + ", ".join(parts)


def control_bullet(c: GControl, form: int) -> str:
    """Given a control, its bullet: "Control (Ansvarig, Frekvens)" or labelled sentences."""
    extra = [t for t in (c.responsible, c.frequency) if t]
    if form == 0:
        return f"{c.control} ({', '.join(extra)})" if extra else c.control
    text = f"Kontroll: {c.control}."
    if c.responsible:
        text += f" Ansvarig: {c.responsible}."
    if c.frequency:
        text += f" Frekvens: {c.frequency}."
    return text


def compose_risk_bullets(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                         columns: tuple[str, ...]) -> None:
    """Given the content, each risk a bold name over a bullet list: its assessment, then one
    bullet per control (and its result in a follow-up)."""
    form = rng.randrange(2)
    mark = pick(rng, ("•", "–", "-"))
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            lay.blocks.append(Para(risk.title, "risk_title", mark=lay.mark(risk.key, risk.title)))
            assessment = assessment_bullet(spec, risk, columns, form)
            if assessment:
                lay.blocks.append(Para(f"{mark} {assessment}", "body"))
            for c in risk.controls:
                text = control_bullet(c, form)
                # the anchor is the bullet as drawn, its mark too: a line that wraps starts
                # under the mark, and "Kontroll: X." ends the control's last word with a stop
                line = f"{mark} {text}"
                lay.blocks.append(Para(line, "body", mark=lay.mark(c.key, line)))
                if c.result:
                    lay.blocks.append(Para(f"   Resultat: {c.result}", "body"))


def residual_values(spec: Spec, risk: GRisk) -> tuple[int, int] | None:
    """Given a risk, its S and risk value after the controls (no random draw: S one or two
    steps lower by the risk's number, at least 1; K unchanged)."""
    if risk.probability is None or risk.consequence is None:
        return None
    s = max(1, risk.probability - 1 - risk.number % 2)
    return s, s * risk.consequence if spec.r_rule == "product" else s + risk.consequence


def residual_text(spec: Spec, risk: GRisk) -> str:
    """Given a risk, the cell of its residual risk value ("Kvarvarande risk")."""
    after = residual_values(spec, risk)
    return "" if after is None else str(after[1])


def r_colour_legend(spec: Spec, label: str) -> list[Block]:
    """Given a spec whose risk value is only a cell colour, the legend under the table: the
    level each colour stands for, as words and swatches."""
    colours = C.LEVEL_COLOURS[4]
    words = ", ".join(f"{name.lower()} = {word.lower()} risk"
                      for (name, _), word in zip(colours, LEVEL_WORDS, strict=True))
    swatches = Table(
        header=(),
        body=(Row(tuple(Cell(word, fill=hexa)
                        for (_, hexa), word in zip(colours, LEVEL_WORDS, strict=True))),),
        widths=(1, 1, 1, 1), repeat_header=False, style="ruled")
    return [Para(f"Färgen i kolumnen {label} anger risknivån: {words} "
                 f"(sannolikhet {'×' if spec.r_rule == 'product' else '+'} konsekvens).",
                 "legend"), swatches]


# ----------------------------------------------------------------------------- round 20


TRAFFIC_MEANING = {"Grön": "kontrollen är genomförd utan avvikelser",
                   "Gul": "kontrollen är genomförd med mindre avvikelser eller delvis genomförd",
                   "Röd": "kontrollen visar allvarliga avvikelser eller är inte genomförd"}


def traffic_legend(label: str) -> list[Block]:
    """Given the status column's label, the sentence explaining its colour words."""
    meaning = "; ".join(f"{word} – {text}" for word, text in TRAFFIC_MEANING.items())
    return [Para(f"{label.replace(chr(10), ' ')} anges med färg: {meaning}.", "body")]


def symbol_legend(label: str) -> list[Block]:
    """Given the status column's label, the sentence explaining its check-mark symbols."""
    return [Para(f"{label.replace(chr(10), ' ')}: ✓ = kontrollen är genomförd utan "
                 "anmärkning, (✓) = delvis genomförd eller genomförd med avvikelser, ✗ = inte "
                 "genomförd.", "body")]


def dot_level_legend(spec: Spec, label: str) -> list[Block]:
    """Given the spec and the R column's label, the sentence giving each level's range."""
    top = r_top(spec)
    ranges: list[str] = []
    for i, word in enumerate(LEVEL_WORDS):
        values = [v for v in range(1, top + 1) if level(v, top) == i]
        if values:
            ranges.append(f"● {word} ({values[0]}–{values[-1]})")
    return [Para(f"{label.replace(chr(10), ' ')} visas som nivå: " + ", ".join(ranges)
                 + f". Riskvärdet är sannolikhet {'×' if spec.r_rule == 'product' else '+'} "
                 "konsekvens.", "body")]


def sheet_footer(drawn: Drawn, rng: random.Random) -> str:
    """Given the content, an Excel sheet's print footer: the workbook's file name, the
    sheet's name and the date it was printed."""
    m = drawn.meta
    stem = pick(rng, (f"IK-plan {m.year}", f"Internkontrollplan_{m.year}",
                      f"Riskanalys IK {m.year} {m.organ.split()[0]}"))
    sheet = pick(rng, ("Blad1", "Plan", f"IK {m.year}", "Risker och kontroller"))
    return (f"{stem}.xlsx · {sheet} · "
            f"Utskrivet {m.year - 1}-{rng.randint(10, 12):02d}-{rng.randint(10, 28)}")


def year_labels(rng: random.Random, columns: tuple[str, ...], year: int) -> dict[str, str]:
    """Given a follow-up's columns with last year's value and the year, the labels of last
    year's and this year's risk value, each the same word with its year."""
    word = pick(rng, ("Riskvärde", "Risk", "Bedömning", "Riskpoäng"))
    out = {"prev_r": f"{word} {year - 1}"}
    if "r" in columns:
        out["r"] = f"{word} {year}"
    return out


# ----------------------------------------------------------------------------- round 21


def chapter_start(blocks: list[Block]) -> int:
    """Given a report's opening blocks, the index of its internal-control chapter's heading."""
    return next(i for i, b in enumerate(blocks) if isinstance(b, Para)
                and b.style == "heading" and b.text.startswith(f"{REPORT_CHAPTER}. "))


INNER_GROUP_LABELS = ("Kontroller", "Intern kontroll", "Planerade kontroller",
                      "Kontrollmoment och ansvar")


def compose_inner_tables(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                         columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, one row per risk whose last cell holds its controls as a small
    inner table (Kontrollmoment | Ansvarig | Frekvens), the labels of that table over each
    inner table or once in the outer header's cell; header labels letter-spaced at times."""
    rcols = tuple(c for c in columns if c in RISK_COLS)
    ccols = tuple(c for c in columns if c in CONTROL_COLS)
    group = pick(rng, INNER_GROUP_LABELS)
    if spec.label_case == "upper":
        group = group.upper()
    inner_style = pick(rng, ("ruled", "light_grid", "unruled")) if spec.table_style != "ruled" \
        else pick(rng, ("ruled", "light_grid"))
    gap = spec.label_spacing
    inner_head = Row(tuple(Cell(labels[c], bold=True, spacing=gap) for c in ccols), "header")
    inner_widths = widths_of(ccols)
    outer_inner = Table((inner_head,), (), inner_widths, False, inner_style, False) \
        if spec.inner_header == "outer" else None
    header = (Row((*(Cell(labels[c], bold=True, spacing=gap) for c in rcols),
                   Cell(group, bold=True, spacing=gap, inner=outer_inner)), "header"),)
    widths = (*widths_of(rcols), sum(inner_widths) * 0.95)
    one_table = spec.heading in ("none", "table_row")
    body: list[Row] = []
    first = True
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading == "table_row":
            text, _ = heading_text(spec, index, name)
            body.append(Row((Cell(text, colspan=len(widths), bold=True,
                                  fill="#e6e6e6"),), "heading"))
        for risk in risks:
            cells: list[Cell] = []
            for col in rcols:
                text = risk_cell_text(spec, col, risk)
                value = risk_value(risk, col) if col in VALUE_COLS else None
                cells.append(Cell(text, fill=value_fill(spec, col, value),
                                  mark=lay.mark(risk.key, text) if col == "risk" else None))
            rows = tuple(Row(tuple(Cell(control_cell_text(col, c),
                                        mark=lay.mark(c.key, c.control) if col == "control"
                                        else None) for col in ccols))
                         for c in risk.controls)
            inner = Table((inner_head,) if spec.inner_header == "each" else (), rows,
                          inner_widths, False, inner_style, False)
            cells.append(Cell("", inner=inner))
            body.append(Row(tuple(cells)))
        if not one_table:
            lay.blocks.extend(section_heading_blocks(spec, index, name))
            show = first or spec.header_placement in ("every_page", "per_section")
            lay.blocks.append(Table(header if show else (), tuple(body), widths,
                                    spec.header_placement == "every_page" and show,
                                    spec.table_style, spec.split_rows))
            body = []
            first = False
    if one_table:
        lay.blocks.append(Table(header, tuple(body), widths,
                                spec.header_placement == "every_page", spec.table_style,
                                spec.split_rows))


BLOCK_LABELS = {"control": ("Kontroll", "Kontrollmoment", "Kontrollaktivitet"),
                "responsible": ("Ansvarig", "Kontrollansvarig"),
                "frequency": ("Frekvens", "Tidpunkt", "När"),
                "method": ("Metod", "Så görs kontrollen"),
                "result": ("Resultat", "Utfall"),
                "r": ("Riskvärde", "Risk", "Riskpoäng")}


def compose_risk_blocks(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                        columns: tuple[str, ...]) -> None:
    """Given the content, each risk a short block of a report's text column: its title in
    bold (its cause under it at times), its assessment as "Sannolikhet: 3 Konsekvens: 4"
    (with "Riskvärde: 12") on one line or each on its own, then "Kontroll: …",
    "Ansvarig: …", "Frekvens: …" lines per control (and "Resultat: …" in a follow-up)."""
    words = {k: pick(rng, v) for k, v in BLOCK_LABELS.items()}
    one_line = rng.random() < 0.6
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            lay.blocks.append(Para(risk.title, "risk_title", mark=lay.mark(risk.key, risk.title)))
            if "description" in columns and risk.description:
                lay.blocks.append(Para(risk.description, "body"))
            values = [(label, risk_value(risk, col)) for col, label in
                      (("s", "Sannolikhet"), ("k", "Konsekvens"), ("r", words["r"]))
                      if col in columns]
            if one_line:
                lay.blocks.append(Para(" ".join(f"{label}: {v}" for label, v in values), "body"))
            else:
                lay.blocks.extend(Para(str(v), "label", label=label) for label, v in values)
            for c in risk.controls:
                # the anchor is the line as drawn, label first: in a narrow column the text
                # wraps to the column's edge, under the label, not under its own first word
                line = f"{words['control']}: {c.control}"
                lay.blocks.append(Para(c.control, "label", label=words["control"],
                                       mark=lay.mark(c.key, line)))
                for col in ("method", "responsible", "frequency", "result"):
                    text = control_cell_text(col, c)
                    if text and col in columns:
                        lay.blocks.append(Para(text, "label", label=words[col]))
            lay.blocks.append(Para("", "spacer"))


# -------------------------------------------------------------------------- round 23


def turn_bilaga(blocks: list[Block]) -> None:
    """Given a memo's or minutes' opening blocks, the page break before its bilaga made a turn
    to landscape pages (the bilaga's wide table on landscape pages, the letter portrait)."""
    at = max(i for i, b in enumerate(blocks) if isinstance(b, PageBreak))
    blocks[at] = PageTurn(True)


def decimal_comma(value: float) -> str:
    """Given a number, it with one decimal and a decimal comma ("2,4")."""
    return f"{value:.1f}".replace(".", ",")


def total_row(spec: Spec, columns: tuple[str, ...], risks: Sequence[GRisk], label: str
              ) -> Row:
    """Given the risks a sum row closes, the row: the label before the risk's column (or in
    it), the number of risks and of controls, the mean S, K and R, the other cells empty."""
    shown = sum(max(1, len(r.controls)) if spec.structure not in ("row", "items_in_cell")
                else min(1, len(r.controls)) for r in risks)
    fill = "#f2f2f2" if spec.table_style != "unruled" else None
    lead = columns.index("risk")
    wide = "process" in columns[:lead]  # the label over the columns before the risk's
    cells: list[Cell] = []
    if lead:
        cells.append(Cell(label if wide else "", colspan=lead, bold=True, fill=fill))
    for col in columns[lead:]:
        text = ""
        if col == "risk":
            text = f"{len(risks)} risker" if wide else f"{label}: {len(risks)} risker"
        elif col == "control" and shown:
            text = f"{shown} kontroller"
        elif col in VALUE_COLS:
            values = [v for v in (risk_value(r, col) for r in risks) if v is not None]
            text = decimal_comma(sum(values) / len(values)) if values else ""
        cells.append(Cell(text, bold=True, fill=fill,
                          align=spec.value_align if col in ALIGNED_COLS else "left"))
    return Row(tuple(cells))


def break_after(count: int) -> int:
    """Given an area's number of risks, after how many its table is broken (0: not)."""
    return (count + 1) // 2 if count >= 3 else 0


def compose_broken_tables(spec: Spec, drawn: Drawn, lay: Layout, columns: tuple[str, ...],
                          labels: dict[str, str]) -> None:
    """Given the content, the tables of a row/span structure as an author breaks them: each
    area's table cut by a page break after about half its risks, the area's heading (a
    paragraph, a band row, or the document's title without headings) repeated with the
    "forts." mark above the rest; sum rows closing each area or the table."""
    header = header_rows(spec, columns, labels)
    widths = widths_of(columns)
    style = spec.table_style
    one_table = spec.heading in ("none", "table_row")
    every = spec.header_placement in ("every_page", "per_section")
    body: list[Row] = []
    shown_header = False

    def flush(rows: list[Row], header_again: bool) -> None:
        nonlocal shown_header
        show = not shown_header or header_again
        lay.blocks.append(Table(header if show else (), tuple(rows), widths,
                                spec.header_placement == "every_page" and show, style,
                                spec.split_rows))
        shown_header = True

    def band(text: str) -> Row:
        return Row((Cell(text, colspan=len(widths), bold=True,
                         fill="#e6e6e6" if style != "unruled" else None),), "heading")

    rcols = tuple(c for c in columns if c in RISK_COLS)
    for index, (name, risks) in enumerate(drawn.sections):
        text, _ = heading_text(spec, index, name)
        if spec.heading == "table_row":
            body.append(band(text))
        else:
            lay.blocks.extend(section_heading_blocks(spec, index, name))
        cut = break_after(len(risks)) if spec.continued != "none" else 0
        for i, risk in enumerate(risks):
            body.extend(table_rows_for_risk(spec, lay, risk, rcols, columns, None, i == 0))
            if i + 1 == cut:
                flush(body, every)
                lay.blocks.append(PageBreak())
                body = []
                if spec.heading == "table_row":
                    body.append(band(f"{text}{spec.continued}"))
                elif spec.heading == "none":
                    lay.blocks.append(Para(f"{drawn.title} {drawn.meta.year}{spec.continued}",
                                           "heading"))
                else:
                    lay.blocks.append(Para(f"{text}{spec.continued}",
                                           "heading_caps" if spec.heading == "para_caps"
                                           else "heading"))
        if spec.totals == "areas":
            body.append(total_row(spec, columns, risks, f"Summa {name}"))
        if spec.totals != "none" and index == len(drawn.sections) - 1:
            body.append(total_row(spec, columns, [r for _, rs in drawn.sections for r in rs],
                                  "Totalt"))
        if not one_table:
            flush(body, every)
            body = []
    if body:
        flush(body, every)


# -------------------------------------------------------------------------- round 26


TRANSPOSED_CORNERS = ("", "Nr", "Risk nr", "Id")
TRANSPOSED_HEADS = ("{n}", "Risk {n}", "R{n}")
SHEET_LABEL_FILL = "#f2f2f2"


def compose_transposed(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                       columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, each area's risks as the columns of a sheet (3-5 to a table, a new
    page for each table): the attributes (Risk, Sannolikhet, Konsekvens, Riskvärde,
    Kontrollmoment, Ansvarig, Frekvens, …) as labels down the first column, the risks'
    numbers across the header row, each risk's one control in its column under its values."""
    per_table = rng.choice((3, 4, 5))
    corner = pick(rng, TRANSPOSED_CORNERS)
    head = pick(rng, TRANSPOSED_HEADS)
    shaded = spec.table_style != "unruled"
    rows_of = tuple(c for c in columns if c != "nr")
    first = True
    for index, (name, risks) in enumerate(drawn.sections):
        for start in range(0, len(risks), per_table):
            chunk = risks[start:start + per_table]
            if not first or spec.prose_before:
                lay.blocks.append(PageBreak())
            first = False
            lay.blocks.extend(section_heading_blocks(spec, index, name))
            header = (Row((Cell(corner, bold=True, fill=SHEET_LABEL_FILL if shaded else None),
                           *(Cell(head.format(n=r.number), bold=True, align="center")
                             for r in chunk)), "header"),)
            body: list[Row] = []
            for col in rows_of:
                cells = [Cell(labels[col], bold=True, fill=SHEET_LABEL_FILL if shaded else None)]
                for risk in chunk:
                    if col in CONTROL_COLS:
                        control = risk.controls[0] if risk.controls else None
                        text = control_cell_text(col, control)
                        mark = lay.mark(control.key, text) if control is not None \
                            and col == "control" else None
                        cells.append(Cell(text, mark=mark))
                        continue
                    text = risk_cell_text(spec, col, risk)
                    value = risk_value(risk, col) if col in VALUE_COLS else None
                    cells.append(Cell(text, mark=lay.mark(risk.key, text) if col == "risk"
                                      else None, fill=value_fill(spec, col, value),
                                      align=spec.value_align if col in VALUE_COLS else "left",
                                      bold=col == "risk" and spec.label_case == "as_is"))
                body.append(Row(tuple(cells)))
            widths = (1.5,) + (2.6,) * len(chunk)
            lay.blocks.append(Table(header, tuple(body), widths, False, spec.table_style,
                                    spec.split_rows))


ROLE_FILLS = ("#eeeeee", "#e2ecf6", None)


def compose_two_row_roles(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                          labels: dict[str, str]) -> None:
    """Given the content, one table whose every risk takes a row (Nr | Risk | S | K | R) and
    each of its controls a row below it with other meanings in the same columns (Kontrollmoment
    | Ansvarig | Frekvens | Metod), the two-row header naming both; the Nr merged down over the
    risk's rows or typed on the risk's row only; the risk rows shaded or bold."""
    upper = ("risk", "s", "k", "r")
    lower = ("control", "responsible", "frequency", "method")
    merged = rng.random() < 0.6
    fill = rng.choice(ROLE_FILLS)
    bold_title = fill is None or rng.random() < 0.5
    header = (Row((Cell(labels["nr"], bold=True, rowspan=2),
                   *(Cell(labels[c], bold=True) for c in upper)), "header"),
              Row(tuple(Cell(labels[c], bold=True) for c in lower), "header"))
    body: list[Row] = []
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading == "table_row":
            text, _ = heading_text(spec, index, name)
            body.append(Row((Cell(text, colspan=5, bold=True,
                                  fill="#d9d9d9" if spec.table_style != "unruled" else None),),
                            "heading"))
        elif spec.heading != "none":
            if body:
                lay.blocks.append(Table(header, tuple(body), (0.5, 3.6, 1.6, 1.5, 1.8),
                                        spec.header_placement == "every_page",
                                        spec.table_style, spec.split_rows))
                body = []
            lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            n = 1 + len(risk.controls)
            cells = [Cell(number_label(spec, risk), rowspan=n if merged else 1, fill=fill,
                          align=spec.value_align)]
            cells.append(Cell(risk.title, mark=lay.mark(risk.key, risk.title), fill=fill,
                              bold=bold_title))
            for col in upper[1:]:
                value = risk_value(risk, col)
                cells.append(Cell(risk_cell_text(spec, col, risk), align=spec.value_align,
                                  fill=value_fill(spec, col, value) or fill))
            body.append(Row(tuple(cells)))
            for control in risk.controls:
                row = [] if merged else [Cell("")]
                for col in lower:
                    text = control_cell_text(col, control)
                    row.append(Cell(text, mark=lay.mark(control.key, text)
                                    if col == "control" else None))
                body.append(Row(tuple(row)))
    if body:
        lay.blocks.append(Table(header, tuple(body), (0.5, 3.6, 1.6, 1.5, 1.8),
                                spec.header_placement == "every_page", spec.table_style,
                                spec.split_rows))


SLIDE_BULLETS = ("•", "–", "")
SLIDE_TITLES = ("title", "risk_word", "plain")


def compose_slides(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                   columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a presentation's pages: each area a divider page (with paragraph
    headings), each risk a page of its own: its title as the slide's heading (alone, "Risk 3:
    Title" or "3. Title"), its cause under it, the process and its assessment as short lines
    ("• Sannolikhet: 3", "• Konsekvens: 4", "• Riskvärde: 12"), then a small table of its
    controls."""
    bullet = pick(rng, SLIDE_BULLETS)
    titling = pick(rng, SLIDE_TITLES)
    ccols = tuple(c for c in columns if c in CONTROL_COLS)
    value_labels = {"s": pick(rng, ("Sannolikhet", "Sannolikhet (S)")),
                    "k": pick(rng, ("Konsekvens", "Konsekvens (K)")),
                    "r": pick(rng, ("Riskvärde", "Riskvärde (S×K)", "Risknivå"))}
    if spec.r_rule == "sum" and value_labels["r"] == "Riskvärde (S×K)":
        value_labels["r"] = "Riskvärde (S+K)"
    process_label = pick(rng, ("Process", "Område", "Verksamhetsområde"))
    header = (Row(tuple(Cell(labels[c], bold=True) for c in ccols), "header"),)
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading != "none":
            lay.blocks.append(PageBreak())
            lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            lay.blocks.append(PageBreak())
            title = risk.title if titling == "title" else (
                f"Risk {risk.number}: {risk.title}" if titling == "risk_word"
                else f"{risk.number}. {risk.title}")
            lay.blocks.append(Para(title, "heading", mark=lay.mark(risk.key, title)))
            if "description" in columns and risk.description:
                lay.blocks.append(Para(risk.description, "body"))
            lines: list[tuple[str, str]] = []
            if spec.heading == "none" and "process" in columns and risk.process:
                lines.append((process_label, risk.process))
            for col in ("category", "owner"):
                if col in columns:
                    lines.append((labels[col], risk_cell_text(spec, col, risk)))
            for col in VALUE_COLS:
                if col in columns:
                    lines.append((value_labels[col], risk_cell_text(spec, col, risk)))
            for label, text in lines:
                if bullet:
                    lay.blocks.append(Para(f"{bullet} {label}: {text}", "body"))
                else:
                    lay.blocks.append(Para(text, "label", label=label))
            if risk.controls:
                lay.blocks.append(Para("", "spacer"))
                rows = tuple(Row(tuple(Cell(control_cell_text(col, c),
                                            mark=lay.mark(c.key, c.control)
                                            if col == "control" else None)
                                       for col in ccols)) for c in risk.controls)
                lay.blocks.append(Table(header, rows, widths_of(ccols), False,
                                        spec.table_style, spec.split_rows))


# -------------------------------------------------------------------------- round 27


STATUS_RESULT_LABELS = ("Status och resultat", "Genomförande och resultat", "Resultat/status",
                        "Utfall och status")
NOT_DONE_REASONS = ("Kontrollen har inte genomförts på grund av vakanser under året.",
                    "Flyttas till nästa års plan.",
                    "Underlag saknades när uppföljningen gjordes.",
                    "Systembytet gjorde att kontrollen inte kunde utföras.")


def status_result_text(rng: random.Random, result: str) -> str:
    """Given a control's result, its follow-up cell with the status before it ("Genomförd –
    inga avvikelser", "Delvis genomförd: …", "Ej genomförd: reason" in place of the result)."""
    status = pick(rng, ("Genomförd", "Genomförd", "Genomförd", "Delvis genomförd",
                        "Ej genomförd"))
    sep = pick(rng, (" – ", ": ", ". "))
    if status == "Ej genomförd":
        return f"{status}{sep}{pick(rng, NOT_DONE_REASONS)}"
    if status == "Genomförd" and rng.random() < 0.35:
        return f"{status}{sep}{pick(rng, ('inga avvikelser', 'utan anmärkning'))}"
    return f"{status}{sep}{result}"


def round27_labels(spec: Spec, rng: random.Random, columns: tuple[str, ...], year: int
                   ) -> dict[str, str]:
    """Given the round-27 choices, the labels they set: the combined status and result, the
    risk value with last year's in brackets, the abbreviations a table's notes explain."""
    out: dict[str, str] = {}
    if spec.status_in_result and "result" in columns:
        out["result"] = pick(rng, STATUS_RESULT_LABELS)
    if spec.r_style == "with_previous" and "r" in columns:
        out["r"] = pick(rng, (f"Riskvärde {year} ({year - 1})", "Riskvärde (fg år)",
                              f"Risk {year} ({year - 1})"))
    if spec.table_notes:
        out.update({c: c.upper() for c in VALUE_COLS if c in columns})
    return out


def table_note_blocks(spec: Spec, drawn: Drawn, columns: tuple[str, ...],
                      labels: dict[str, str]) -> list[Block]:
    """Given a table's columns, the notes under it: its abbreviations, then its source."""
    rule = "S × K" if spec.r_rule == "product" else "S + K"
    names = {"s": f"sannolikhet (1–{spec.scale})", "k": f"konsekvens (1–{spec.scale})",
             "r": f"riskvärde ({rule})"}
    key = ", ".join(f"{labels[c]} = {names[c]}" for c in VALUE_COLS if c in columns)
    out: list[Block] = [Para(f"Förklaring: {key}.", "meta")] if key else []
    out.append(Para(f"Källa: {drawn.title.lower()} {drawn.meta.year}, nämndens riskanalys "
                    f"{drawn.meta.year - 1}.", "meta"))
    return out


PARA_VALUE_FORMS = ("letters", "words", "value_first")


def paragraph_values(form: str, risk: GRisk, columns: tuple[str, ...]) -> str:
    """Given a risk, its assessment in brackets after its title: "S 3, K 4, R 12",
    "sannolikhet 3, konsekvens 4, riskvärde 12" or "riskvärde 12; S 3, K 4"."""
    shown = [(c, risk_value(risk, c)) for c in VALUE_COLS if c in columns]
    if not shown:
        return ""
    words = {"s": "sannolikhet", "k": "konsekvens", "r": "riskvärde"}
    if form == "words":
        return ", ".join(f"{words[c]} {v}" for c, v in shown)
    if form == "value_first" and "r" in columns and len(shown) > 1:
        rest = ", ".join(f"{c.upper()} {v}" for c, v in shown if c != "r")
        return f"riskvärde {risk.risk_value}; {rest}"
    return ", ".join(f"{c.upper()} {v}" for c, v in shown)


def control_sentence(form: int, c: GControl) -> str:
    """Given a control, its sentences in the risk's paragraph: "Kontroll: X. Ansvarig: Y,
    frekvens: Z." or "Kontrollmoment: X (Y, Z)."."""
    if form == 0:
        text = f"Kontroll: {c.control}."
        extra = [f"ansvarig: {c.responsible}" if c.responsible else "",
                 f"frekvens: {c.frequency}" if c.frequency else ""]
        extra = [e for e in extra if e]
        if extra:
            joined = ", ".join(extra)
            text += f" {joined[0].upper()}{joined[1:]}."
    else:
        extra = [t for t in (c.responsible, c.frequency) if t]
        text = f"Kontrollmoment: {c.control}" + (f" ({', '.join(extra)})." if extra else ".")
    if c.method:
        text += f" Metod: {c.method}"
    return text


def compose_risk_paragraphs(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                            columns: tuple[str, ...]) -> None:
    """Given the content, a plan written as running text: each area a numbered heading, each
    risk one paragraph led by its number, "2.3 Title (S 3, K 4, R 12).", its cause, then its
    controls as sentences ("Kontroll: X. Ansvarig: Y, frekvens: Z.") in the same paragraph."""
    form = pick(rng, PARA_VALUE_FORMS)
    cform = rng.randrange(2)
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            values = paragraph_values(form, risk, columns)
            text = f"{number_label(spec, risk)} {risk.title}" + (f" ({values})." if values
                                                                  else ".")
            if "description" in columns and risk.description:
                text += f" {risk.description}"
            for c in risk.controls:
                text += f" {control_sentence(cform, c)}"
            # one paragraph holds the risk and its controls: each record's page is the page
            # the paragraph starts on (its anchor the paragraph's text)
            keys = [lay.mark(risk.key, text), *(lay.mark(c.key, text) for c in risk.controls)]
            lay.blocks.append(Para(text, "body", mark="|".join(keys)))


# -------------------------------------------------------------------------- round 28


TITLE_ROW_FORMS = ("title", "numbered", "risk_word")
CONTROL_ROW_LABELS = ("Kontrollmoment {n}", "Kontroll {n}", "Kontrollmoment {n}:")


def compose_title_row_tables(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                             columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, each risk a small two-column table: its title in bold across both
    columns in the first row ("3. Title" or "Risk 3: Title" at times), then label | value
    rows of the risk, then each control under a numbered label ("Kontrollmoment 1",
    "Kontrollmoment 2") with its other fields as label | value rows under it."""
    form = pick(rng, TITLE_ROW_FORMS)
    km = pick(rng, CONTROL_ROW_LABELS)
    fill = rng.choice(("#d9d9d9", "#dde8f3", None))
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            title = risk.title if form == "title" else (
                f"{risk.number}. {risk.title}" if form == "numbered"
                else f"Risk {risk.number}: {risk.title}")
            rows = [Row((Cell(title, colspan=2, bold=True, fill=fill,
                              mark=lay.mark(risk.key, risk.title)),))]
            for col in columns:
                if col in ("risk", "nr") or col not in RISK_COLS:
                    continue
                value = risk_value(risk, col) if col in VALUE_COLS else None
                rows.append(Row((Cell(labels[col], bold=True),
                                 Cell(risk_cell_text(spec, col, risk),
                                      fill=value_fill(spec, col, value)))))
            many = len(risk.controls) > 1
            for i, c in enumerate(risk.controls):
                label = km.format(n=i + 1) if many else km.replace(" {n}", "")
                rows.append(Row((Cell(label, bold=True),
                                 Cell(c.control, mark=lay.mark(c.key, c.control)))))
                for col in columns:
                    if col in CONTROL_COLS and col != "control":
                        text = control_cell_text(col, c)
                        if text:
                            rows.append(Row((Cell(labels[col]), Cell(text))))
            lay.blocks.append(Table((), tuple(rows), (1.5, 4.2), False, spec.table_style,
                                    False))
            lay.blocks.append(Para("", "spacer"))


FINDING_LABELS = {"status": ("Bedömning", "Status", "Samlad bedömning"),
                  "result": ("Iakttagelse", "Iakttagelser", "Resultat av kontrollen"),
                  "action": ("Åtgärd", "Förslag till åtgärd", "Åtgärder")}
APPENDIX_TITLES = ("Bilaga {n}. Riskanalys", "Bilaga: Riskbedömning",
                   "Bilaga {n} – Risker och riskvärden")


def compose_findings_appendix(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                              columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a follow-up whose every control is a heading ("Kontroll 3: X" or
    "3. X") over the number of the risk it checks ("Avser risk: R2"), its responsible and
    frequency lines and a three-column table Bedömning | Iakttagelse | Åtgärd; the risks with
    their area and values only in an appendix table at the end."""
    for col, options in FINDING_LABELS.items():
        labels[col] = pick(rng, options)
    ref_label = pick(rng, ("Avser risk", "Risk nr", "Riskreferens"))
    head_form = rng.randrange(2)
    area_label = pick(rng, ("Område", "Process"))
    fcols = ("status", "result", "action")
    header = (Row(tuple(Cell(labels[c], bold=True) for c in fcols), "header"),)
    m = 0
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            for c in risk.controls:
                m += 1
                head = f"Kontroll {m}: {c.control}" if head_form == 0 else f"{m}. {c.control}"
                lay.blocks.append(Para(head, "heading", mark=lay.mark(c.key, head)))
                lay.blocks.append(Para(number_label(spec, risk), "label", label=ref_label))
                for col in ("responsible", "frequency", "method"):
                    text = control_cell_text(col, c)
                    if text and col in columns:
                        lay.blocks.append(Para(text, "label", label=labels[col]))
                lay.blocks.append(Table(header, (Row(tuple(
                    Cell(control_cell_text(col, c)) for col in fcols)),), (1.2, 3.4, 2.4),
                    False, spec.table_style, False))
                lay.blocks.append(Para("", "spacer"))
    lay.blocks.append(PageBreak())
    n = 2 if spec.wrapper == "memo" else 1  # a memo's bilaga 1 is the follow-up itself
    lay.blocks.append(Para(pick(rng, APPENDIX_TITLES).format(n=n), "heading"))
    acols = tuple(c for c in ("nr", "risk", "s", "k", "r") if c in columns)
    head_row = (Row((Cell(labels["nr"], bold=True), Cell(area_label, bold=True),
                     *(Cell(labels[c], bold=True) for c in acols if c != "nr")), "header"),)
    body: list[Row] = []
    for _, risks in drawn.sections:
        for risk in risks:
            cells = [Cell(number_label(spec, risk), align=spec.value_align),
                     Cell(risk.process or "")]
            for col in acols:
                if col == "nr":
                    continue
                if col == "risk":
                    cells.append(Cell(risk.title, mark=lay.mark(risk.key, risk.title)))
                    continue
                value = risk_value(risk, col)
                cells.append(Cell(risk_cell_text(spec, col, risk), align=spec.value_align,
                                  fill=value_fill(spec, col, value)))
            body.append(Row(tuple(cells)))
    widths = (0.6, 1.8, *widths_of(tuple(c for c in acols if c != "nr")))
    lay.blocks.append(Table(head_row, tuple(body), widths, True, spec.table_style,
                            spec.split_rows))


TREE_LABELS = ("Område / Risk / Kontroll", "Namn", "Process, risk och kontroll",
               "Riskområde/Risk/Kontrollmoment")
TREE_INDENTS = (8.0, 10.0, 14.0)


def compose_indented_tree(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                          columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a governance tool's plan export: one table whose first column
    holds the tree (area, its risks one step in, each risk's controls two steps in, the
    indentation the only sign of the level), the risk's values only on its row and the
    control's responsible and frequency only on the control's rows."""
    step = rng.choice(TREE_INDENTS)
    bold_area = rng.random() < 0.5
    other = tuple(c for c in columns if c not in ("risk", "control", "nr", "process"))
    header = (Row((Cell(pick(rng, TREE_LABELS), bold=True),
                   *(Cell(labels[c], bold=True) for c in other)), "header"),)
    blank = tuple(Cell("") for _ in other)
    body: list[Row] = []
    for _, (name, risks) in enumerate(drawn.sections):
        body.append(Row((Cell(name, bold=bold_area), *blank)))
        for risk in risks:
            cells = [Cell(risk.title, mark=lay.mark(risk.key, risk.title), indent=step)]
            for col in other:
                if col in CONTROL_COLS:
                    cells.append(Cell(""))
                    continue
                value = risk_value(risk, col) if col in VALUE_COLS else None
                cells.append(Cell(risk_cell_text(spec, col, risk), align=spec.value_align
                                  if col in VALUE_COLS else "left",
                                  fill=value_fill(spec, col, value)))
            body.append(Row(tuple(cells)))
            for c in risk.controls:
                row = [Cell(c.control, mark=lay.mark(c.key, c.control), indent=2 * step)]
                row += [Cell(control_cell_text(col, c) if col in CONTROL_COLS else "")
                        for col in other]
                body.append(Row(tuple(row)))
    widths = (4.2, *widths_of(other))
    lay.blocks.append(Table(header, tuple(body), widths,
                            spec.header_placement == "every_page", spec.table_style,
                            spec.split_rows))


# -------------------------------------------------------------------------- round 29


BRACKET_FORMS = ("paren", "dash", "labelled")
BRACKET_CELL_LABELS = ("Kontrollmoment (ansvarig, frekvens)", "Kontroller – ansvarig och frekvens",
                       "Kontrollmoment, ansvar och frekvens", "Internkontroll")


def bracketed_item(form: str, mark: str, c: GControl) -> str:
    """Given a control and a form, its item line with its own responsible and frequency after
    it: "• X (Ekonomichef, Månadsvis)", "– X – Ekonomichef, Månadsvis" or "• X [Ansvarig:
    Ekonomichef. Frekvens: Månadsvis]"."""
    if form == "paren":
        extra = ", ".join(t for t in (c.responsible, c.frequency) if t)
        return f"{mark} {c.control} ({extra})" if extra else f"{mark} {c.control}"
    if form == "dash":
        extra = ", ".join(t for t in (c.responsible, c.frequency) if t)
        return f"{mark} {c.control} – {extra}" if extra else f"{mark} {c.control}"
    parts = [f"{label}: {t}" for label, t in (("Ansvarig", c.responsible),
                                              ("Frekvens", c.frequency)) if t]
    return f"{mark} {c.control} [{'. '.join(parts)}]" if parts else f"{mark} {c.control}"


def compose_bracketed_items(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                            columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, one row per risk whose last cell lists its 1-3 controls as items,
    each with its own responsible and frequency after it in brackets, after a dash or as
    "[Ansvarig: X. Frekvens: Y]"; no Ansvarig or Frekvens column."""
    form = pick(rng, BRACKET_FORMS)
    mark = pick(rng, ("•", "–", "numbered"))
    label = pick(rng, BRACKET_CELL_LABELS)
    shown = (*(c for c in columns if c in RISK_COLS), "control")
    header = (Row(tuple(Cell(label if c == "control" else labels[c], bold=True)
                        for c in shown), "header"),)
    widths = tuple(5.2 if c == "control" else w for c, w in zip(shown, widths_of(shown),
                                                                  strict=True))
    one_table = spec.heading in ("none", "table_row")
    body: list[Row] = []
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading == "table_row":
            body.append(Row((Cell(heading_text(spec, index, name)[0], colspan=len(shown),
                                  bold=True, fill="#e6e6e6"),), "heading"))
        for risk in risks:
            cells: list[Cell] = []
            for col in shown:
                if col == "control":
                    lines = [bracketed_item(form, f"{i + 1}." if mark == "numbered" else mark, c)
                             for i, c in enumerate(risk.controls)]
                    marks = tuple(lay.mark(c.key, line)
                                  for c, line in zip(risk.controls, lines, strict=True))
                    cells.append(Cell("\n".join(lines), line_marks=marks))
                    continue
                value = risk_value(risk, col) if col in VALUE_COLS else None
                cells.append(Cell(risk_cell_text(spec, col, risk),
                                  mark=lay.mark(risk.key, risk.title) if col == "risk" else None,
                                  align=spec.value_align if col in ALIGNED_COLS else "left",
                                  fill=value_fill(spec, col, value)))
            body.append(Row(tuple(cells)))
        if not one_table:
            lay.blocks.extend(section_heading_blocks(spec, index, name))
            show = index == 0 or spec.header_placement != "once"
            lay.blocks.append(Table(header if show else (), tuple(body), widths, show,
                                    spec.table_style, spec.split_rows))
            body = []
    if one_table:
        lay.blocks.append(Table(header, tuple(body), widths,
                                spec.header_placement == "every_page", spec.table_style,
                                spec.split_rows))


CHECKBOX_SETS = (("☒", "☐"), ("■", "□"))
CHECK_QUESTIONS = {"status": ("Har kontrollen genomförts?", "Genomförd", "Kontrollen utförd"),
                   "deviation": ("Har avvikelser upptäckts?", "Avvikelser", "Brister noterade"),
                   "result": ("Beskriv resultatet", "Resultat", "Iakttagelser"),
                   "action": ("Planerad åtgärd", "Åtgärd", "Förslag till åtgärd")}
FORM_INSTRUCTIONS = (
    "Blanketten fylls i av den som ansvarar för kontrollen. Kryssa i bedömd sannolikhet och "
    "konsekvens och besvara frågorna för varje kontrollmoment.",
    "En blankett per risk. Markera med kryss det alternativ som stämmer och beskriv kort vad "
    "kontrollen visade.",
)


def boxes(answer: str, options: tuple[str, ...], sym: tuple[str, str]) -> str:
    """Given an answer and the options, the answer as check boxes ("☒ Ja   ☐ Nej")."""
    return "   ".join(f"{sym[0] if o == answer else sym[1]} {o}" for o in options)


def compose_checkbox_forms(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                           columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a self-assessment form per risk: its title across the form, S and K
    as a row of check boxes on the scale (the ticked one the value), then per control its
    label rows and yes/no questions answered with ticked boxes ("☒ Ja  ☐ Nej"), the result
    as text."""
    sym = CHECKBOX_SETS[rng.randrange(len(CHECKBOX_SETS))]
    after = rng.random() < 0.5  # "1 ☐" rather than "☐ 1"
    qs = {col: pick(rng, options) for col, options in CHECK_QUESTIONS.items()}
    head = pick(rng, ("title", "risk_word", "label"))
    fill = rng.choice(("#d9d9d9", "#dde8f3"))
    n = spec.scale
    lay.blocks.append(Para(pick(rng, FORM_INSTRUCTIONS), "body"))
    for index, (name, risks) in enumerate(drawn.sections):
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        for risk in risks:
            mark = lay.mark(risk.key, risk.title)
            if head == "label":
                rows = [Row((Cell(labels["risk"], bold=True, fill=fill),
                             Cell(risk.title, colspan=n, bold=True, fill=fill, mark=mark)))]
            else:
                title = risk.title if head == "title" else f"Risk {risk.number}: {risk.title}"
                rows = [Row((Cell(title, colspan=n + 1, bold=True, fill=fill, mark=mark),))]
            if "process" in columns and spec.heading == "none":
                rows.append(Row((Cell(labels["process"], bold=True),
                                 Cell(risk.process or "", colspan=n))))
            for col in ("s", "k"):
                if col not in columns:
                    continue
                value = risk_value(risk, col)
                rows.append(Row((Cell(labels[col], bold=True), *(
                    Cell(f"{v} {sym[0] if v == value else sym[1]}" if after else
                         f"{sym[0] if v == value else sym[1]} {v}", align="center")
                    for v in range(1, n + 1)))))
            if "r" in columns:
                rows.append(Row((Cell(labels["r"], bold=True),
                                 Cell(str(risk.risk_value), colspan=n))))
            for c in risk.controls:
                rows.append(Row((Cell(labels["control"], bold=True, fill="#f2f2f2"),
                                 Cell(c.control, colspan=n, fill="#f2f2f2",
                                      mark=lay.mark(c.key, c.control)))))
                for col in ("responsible", "frequency"):
                    text = control_cell_text(col, c)
                    if text and col in columns:
                        rows.append(Row((Cell(labels[col], bold=True), Cell(text, colspan=n))))
                if c.status:
                    rows.append(Row((Cell(qs["status"], bold=True), Cell(
                        boxes(c.status, ("Ja", "Delvis", "Nej"), sym), colspan=n))))
                if c.deviation:
                    rows.append(Row((Cell(qs["deviation"], bold=True), Cell(
                        boxes(c.deviation, ("Ja", "Nej"), sym), colspan=n))))
                for col in ("result", "action"):
                    text = control_cell_text(col, c)
                    if text:
                        rows.append(Row((Cell(qs[col], bold=True), Cell(text, colspan=n))))
            lay.blocks.append(Table((), tuple(rows), (2.2, *(4.2 / n,) * n), False,
                                    spec.table_style, False))
            lay.blocks.append(Para("", "spacer"))


TRAFFIC_WORDS = ("Grön", "Gul", "Orange", "Röd")
TRAFFIC_R_LABELS = ("Riskfärg", "Risknivå (färg)", "Färg", "Riskbedömning")


def traffic_r_legend(spec: Spec, label: str) -> list[Block]:
    """Given a spec whose risk value is written as a colour word, the risk assessment page
    before the plan: the matrix of S and K with each cell's colour word (no risks in it), the
    sentence giving each colour's level and range, and a page break (the plan on the next
    page)."""
    n = spec.scale
    top = r_top(spec)
    colours = C.LEVEL_COLOURS[4]
    rows: list[Row] = []
    for s in range(n, 0, -1):
        cells = [Cell(f"Sannolikhet {s}", bold=True)]
        for k in range(1, n + 1):
            v = s * k if spec.r_rule == "product" else s + k
            lv = level(v, top)
            cells.append(Cell(TRAFFIC_WORDS[lv], fill=colours[lv][1], align="center"))
        rows.append(Row(tuple(cells)))
    rows.append(Row((Cell(""), *(Cell(f"Konsekvens {k}", bold=True, align="center")
                                 for k in range(1, n + 1)))))
    ranges: list[str] = []
    for i, word in enumerate(TRAFFIC_WORDS):
        values = [v for v in range(1, top + 1) if level(v, top) == i]
        if values:
            ranges.append(f"{word.lower()} = {LEVEL_WORDS[i].lower()} risk "
                          f"(riskvärde {values[0]}–{values[-1]})")
    rule = "sannolikhet × konsekvens" if spec.r_rule == "product" else "sannolikhet + konsekvens"
    return [Para("Riskbedömning", "heading"),
            Para(f"Varje risk har bedömts utifrån sannolikhet och konsekvens på en skala 1–{n}. "
                 f"Riskvärdet ({rule}) anges i planen som en färg i kolumnen "
                 f"{label.replace(chr(10), ' ')}: " + "; ".join(ranges) + ".", "body"),
            Table((), tuple(rows), (1.6,) + (1.2,) * n, False, "ruled", False),
            PageBreak()]


# -------------------------------------------------------------------------- round 30


SIDE_CAPTIONS = (("Riskanalys", "Internkontrollplan"), ("Risker", "Kontrollmoment"),
                 ("Riskbedömning", "Kontroller"), ("Identifierade risker", "Planerade kontroller"))
SIDE_REF_LABELS = ("Risk nr", "Nr", "Avser risk", "Risk")
SIDE_SPLITS = ((0.47, 0.03, 0.5), (0.42, 0.04, 0.54), (0.5, 0.02, 0.48))


def pair_headers(spec: Spec, rcols: tuple[str, ...], ccols: tuple[str, ...],
                 labels: dict[str, str], ref: str) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """Given the columns of a risk table and of its control table, their labels and the
    label of the control table's risk-number column, the two tables' header rows."""
    rheader = header_rows(replace(spec, two_level=False), rcols, labels)
    cheader = (Row((Cell(ref, bold=True), *(Cell(labels[c], bold=True) for c in ccols)),
                   "header"),)
    return rheader, cheader


def numbered_pair_rows(spec: Spec, lay: Layout, risks: Sequence[GRisk],
                       rcols: tuple[str, ...], ccols: tuple[str, ...],
                       every: bool) -> tuple[list[Row], list[Row]]:
    """Given an area's risks and the columns of a risk table and of its control table, the
    rows of both: one per risk, one per control led by its risk's number (on a risk's
    first control only unless ``every``)."""
    as_row = replace(spec, structure="row")
    risk_rows: list[Row] = []
    control_rows: list[Row] = []
    for risk in risks:
        risk_rows.extend(table_rows_for_risk(as_row, lay, risk, rcols, rcols, None))
        shown = number_label(spec, risk)
        for i, c in enumerate(risk.controls):
            control_rows.append(Row((
                Cell(shown if i == 0 or every else "", align=spec.value_align),
                *(Cell(control_cell_text(col, c),
                       mark=lay.mark(c.key, c.control) if col == "control" else None)
                  for col in ccols))))
    return risk_rows, control_rows


def compose_side_by_side(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                         columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, per area two tables side by side on the page (a sheet's two blocks,
    or a Word layout table holding two tables): the risks with their values on the left, their
    controls on the right naming the risk by its number (on each row or the first only), the
    two tables' rows not aligned; a caption over each at times, a page per area at times."""
    rcols = tuple(c for c in columns if c in RISK_COLS)
    ccols = tuple(c for c in columns if c in CONTROL_COLS)
    left_caption, right_caption = SIDE_CAPTIONS[rng.randrange(len(SIDE_CAPTIONS))]
    captions = rng.random() < 0.7
    ref = pick(rng, SIDE_REF_LABELS)
    if spec.label_case == "upper":
        ref = ref.upper()
    every = rng.random() < 0.6
    split = SIDE_SPLITS[rng.randrange(len(SIDE_SPLITS))]
    page_per_area = rng.random() < 0.4
    lheader, cheader = pair_headers(spec, rcols, ccols, labels, ref)
    for index, (name, risks) in enumerate(drawn.sections):
        if page_per_area and index > 0:
            lay.blocks.append(PageBreak())
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        left_rows, right_rows = numbered_pair_rows(spec, lay, risks, rcols, ccols, every)
        left = Table(lheader, tuple(left_rows), widths_of(rcols), False, spec.table_style,
                     False)
        lcell = Cell(left_caption if captions else "", bold=True, inner=left)
        if right_rows:
            right = Table(cheader, tuple(right_rows), (0.7, *widths_of(ccols)), False,
                          spec.table_style, False)
            rcell = Cell(right_caption if captions else "", bold=True, inner=right)
        else:
            rcell = Cell("Inga kontrollmoment för området.")
        lay.blocks.append(Table((), (Row((lcell, Cell(""), rcell)),), split, False, "unruled",
                                False))


AREA_COUNT_FORMS = ("Antal risker: {n}", "Antal risker i området: {n}", "Summa {area}: {n} risker",
                    "{n} risker")
CONTROL_COUNT_FORMS = ("Antal kontroller: {n}", "Antal kontrollmoment: {n}",
                       "{n} kontrollmoment")
TOTAL_FORMS = ("Totalt antal risker: {n}", "Totalt: {n} risker", "Summa risker: {n}")
AREA_FILLS = ("#f2f2f2", "#dde8f3", None, None)


def compose_area_rows(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                      columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, one table whose every area is an ordinary row of the grid (its number
    in the Nr cell and its name in the risk cell, or "1 Ekonomi" in the risk cell; the other
    cells empty, not merged), its risks numbered "1.1", "1.2" below it, and at times a row
    closing each area with its count ("Antal risker: 3", "Antal kontroller: 4") and a total
    at the end."""
    header = header_rows(spec, columns, labels)
    widths = widths_of(columns, spec.turned_labels and not spec.two_level)
    fill = AREA_FILLS[rng.randrange(len(AREA_FILLS))]
    count_form = pick(rng, AREA_COUNT_FORMS)
    control_form = pick(rng, CONTROL_COUNT_FORMS)
    total_form = pick(rng, TOTAL_FORMS) if spec.area_count != "none" and rng.random() < 0.5 \
        else None
    rcols = tuple(c for c in columns if c in RISK_COLS)
    body: list[Row] = []
    count = 0
    for index, (name, risks) in enumerate(drawn.sections):
        number = str(index + 1)
        joined = spec.area_rows == "joined" or "nr" not in columns
        cells: list[Cell] = []
        for col in columns:
            text = (number if col == "nr" and not joined else
                    (f"{number} {name}" if joined else name) if col == "risk" else "")
            cells.append(Cell(text, bold=spec.area_rows == "bold" or (col == "risk" and joined),
                              fill=fill, align=spec.value_align if col == "nr" else "left"))
        body.append(Row(tuple(cells)))
        for i, risk in enumerate(risks):
            body.extend(table_rows_for_risk(spec, lay, risk, rcols, columns, None, i == 0))
        count += len(risks)
        if spec.area_count != "none":
            n_controls = sum(len(r.controls) for r in risks)
            body.append(Row(tuple(
                Cell(count_form.format(n=len(risks), area=name) if col == "risk" else
                     control_form.format(n=n_controls) if col == "control"
                     and spec.area_count == "both" and n_controls else "")
                for col in columns)))
    if total_form is not None:
        body.append(Row(tuple(Cell(total_form.format(n=count) if col == "risk" else "",
                                   bold=True) for col in columns)))
    lay.blocks.append(Table(header, tuple(body), widths, spec.header_placement == "every_page",
                            spec.table_style, spec.split_rows))


# -------------------------------------------------------------------------- round 31


def letter_numbers(drawn: Drawn, joiner: str) -> Drawn:
    """Given the drawn content and how a letter joins a number ("." or ""), each risk
    numbered by its area's letter and its place in the area ("A.1", "B3"), as Word plans
    with lettered areas number them."""
    return replace(drawn, sections=tuple(
        (name, tuple(replace(r, shown_number=f"{chr(ord('A') + i)}{joiner}{j + 1}")
                     for j, r in enumerate(risks)))
        for i, (name, risks) in enumerate(drawn.sections)))


RECORD_PREFIXES = ("label", "label", "none")  # the description row led by its label or not
RECORD_FILLS = (None, "#f5f5f5", "#eef3f8")


def compose_record_rows(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                        columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a register whose every risk is a two-row record: the first row its
    id, title, values (and its first control), the second its description across all the
    columns (or all but the id's), led by the description's label ("Beskrivning: …") or not,
    shaded at times; a risk's further controls on rows of their own (risk cells empty)
    between the two; the header naming the second row too at times; area band rows,
    numbered or lettered headings over a table each, or a process column."""
    shown = tuple(c for c in columns if c != "description")
    widths = widths_of(shown)
    prefix = pick(rng, RECORD_PREFIXES) == "label"
    from_nr = "nr" in shown and rng.random() < 0.5  # the description under all but the id
    fill = RECORD_FILLS[rng.randrange(len(RECORD_FILLS))]
    header_second = rng.random() < 0.5
    label = labels.get("description", "Beskrivning")
    header = [Row(tuple(Cell(labels[c], bold=True,
                             align=spec.value_align if c in ALIGNED_COLS else "left")
                        for c in shown), "header")]
    if header_second:
        lead = (Cell(""),) if from_nr else ()
        header.append(Row((*lead, Cell(label, bold=True, colspan=len(shown) - len(lead))),
                          "header"))
    rcols = tuple(c for c in shown if c in RISK_COLS)
    as_spec = replace(spec, structure="span_empty")
    one_table = spec.heading in ("none", "table_row")
    body: list[Row] = []
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading == "table_row":
            text, _ = heading_text(spec, index, name)
            body.append(Row((Cell(text, colspan=len(shown), bold=True,
                                  fill="#e6e6e6" if spec.table_style != "unruled" else None),),
                            "heading"))
        for risk in risks:
            body.extend(table_rows_for_risk(as_spec, lay, risk, rcols, shown, None))
            if risk.description:
                text = f"{label}: {risk.description}" if prefix else risk.description
                lead = (Cell(""),) if from_nr else ()
                body.append(Row((*lead, Cell(text, colspan=len(shown) - len(lead),
                                             fill=fill)),))
        if not one_table:
            lay.blocks.extend(section_heading_blocks(spec, index, name))
            show = index == 0 or spec.header_placement != "once"
            lay.blocks.append(Table(tuple(header) if show else (), tuple(body), widths,
                                    show and spec.header_placement == "every_page",
                                    spec.table_style, spec.split_rows))
            body = []
    if one_table:
        lay.blocks.append(Table(tuple(header), tuple(body), widths,
                                spec.header_placement == "every_page", spec.table_style,
                                spec.split_rows))


STATUS_CIRCLES = {"done": "●", "partly": "◐", "not": "○"}
STATUS_CIRCLE_SETS = (("●", "◐", "○"), ("✔", "◐", "✘"), ("⬤", "◑", "◯"))
COMMENT_LEADS = ("Kommentar: ", "Kommentar/analys: ", "Kommentar från ansvarig: ", "")
CIRCLE_LEGENDS = ("{done} = genomförd utan avvikelser, {partly} = genomförd med avvikelser "
                  "eller delvis genomförd, {not_} = ej genomförd.",
                  "Teckenförklaring status: {done} genomförd   {partly} delvis genomförd   "
                  "{not_} ej genomförd")


def compose_comment_rows(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                         columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a follow-up table whose status column holds only a symbol (a full,
    half or empty circle, or a check, a half circle and a cross) declared in a key above the
    table, and whose every control row is followed by a row of free text, its comment (and
    its action at times) across the control's columns or the whole row, led by "Kommentar:"
    or not; each risk over its 1-2 controls with its cells empty below the first; area band
    rows, bold headings over a table each, or a process column."""
    done, partly, not_ = STATUS_CIRCLE_SETS[rng.randrange(len(STATUS_CIRCLE_SETS))]
    lead = pick(rng, COMMENT_LEADS)
    whole = rng.random() < 0.4  # the free text across the whole row, not the control's part
    action_lead = pick(rng, ("Åtgärd: ", "Planerad åtgärd: "))
    fill = RECORD_FILLS[rng.randrange(len(RECORD_FILLS))]
    legend = pick(rng, CIRCLE_LEGENDS).format(done=done, partly=partly, not_=not_)
    lay.blocks.append(Para(legend, "body"))
    columns = tuple(c for c in columns if c not in ("ccomment", "action"))  # in the text rows
    widths = widths_of(columns)
    header = (Row(tuple(Cell(labels[c], bold=True,
                             align="center" if c == "status" else "left")
                        for c in columns), "header"),)
    rcols = tuple(c for c in columns if c in RISK_COLS)
    first_ctrl = min(i for i, c in enumerate(columns) if c in CONTROL_COLS)
    as_spec = replace(spec, structure="span_empty")
    one_table = spec.heading in ("none", "table_row")
    body: list[Row] = []
    for index, (name, risks) in enumerate(drawn.sections):
        if spec.heading == "table_row":
            text, _ = heading_text(spec, index, name)
            body.append(Row((Cell(text, colspan=len(columns), bold=True,
                                  fill="#e6e6e6"),), "heading"))
        for risk in risks:
            rows = table_rows_for_risk(as_spec, lay, risk, rcols, columns, None)
            for row, c in zip(rows, risk.controls, strict=True):
                symbol = {"Genomförd": done, "Grön": done, "Ej påbörjad": not_,
                          "Röd": not_}.get(c.status or "", partly)
                cells = tuple(Cell(symbol, align="center") if col == "status" else cell
                              for col, cell in zip(columns, row.cells, strict=True))
                body.append(Row(cells))
                lines = [f"{lead}{c.comment}"] if c.comment else []
                if c.action:
                    lines.append(f"{action_lead}{c.action}")
                if not lines:
                    continue
                start = 0 if whole else first_ctrl
                body.append(Row((*(Cell("") for _ in range(start)),
                                 Cell("\n".join(lines), colspan=len(columns) - start,
                                      fill=fill))))
        if not one_table:
            lay.blocks.extend(section_heading_blocks(spec, index, name))
            show = index == 0 or spec.header_placement != "once"
            lay.blocks.append(Table(header if show else (), tuple(body), widths,
                                    show and spec.header_placement == "every_page",
                                    spec.table_style, spec.split_rows))
            body = []
    if one_table:
        lay.blocks.append(Table(header, tuple(body), widths,
                                spec.header_placement == "every_page", spec.table_style,
                                spec.split_rows))


FIRST_CAPTIONS = (("Kontrollmoment", "Riskbedömning"), ("Planerade kontroller", "Risker"),
                  ("Internkontroll", "Riskanalys"), ("Kontroller", "Bedömda risker"))
FIRST_REF_LABELS = ("Risk-id", "Risk", "Avser risk", "Id")


def compose_controls_first(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                           columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, per area the control table first and the risk table after it:
    above it on the page, or left of it (a layout table holding the two), the controls
    naming their risk by its id ("A.1", "A1" under a lettered area, or its number), on
    every row or the first only; captions over the two at times; lettered area headings
    ("A. Ekonomi"), bold headings or numbered ones."""
    rcols = tuple(c for c in columns if c in RISK_COLS)
    ccols = tuple(c for c in columns if c in CONTROL_COLS)
    captions = FIRST_CAPTIONS[rng.randrange(len(FIRST_CAPTIONS))] \
        if rng.random() < 0.7 else None
    ref = pick(rng, FIRST_REF_LABELS)
    every = rng.random() < 0.6
    side = spec.landscape and rng.random() < 0.5  # controls left of the risks, else above
    page_per_area = rng.random() < 0.3
    rheader, cheader = pair_headers(spec, rcols, ccols, labels, ref)
    for index, (name, risks) in enumerate(drawn.sections):
        if page_per_area and index > 0:
            lay.blocks.append(PageBreak())
        lay.blocks.extend(section_heading_blocks(spec, index, name))
        risk_rows, control_rows = numbered_pair_rows(spec, lay, risks, rcols, ccols, every)
        controls = Table(cheader, tuple(control_rows), (0.7, *widths_of(ccols)), False,
                         spec.table_style, False)
        risks_table = Table(rheader, tuple(risk_rows), widths_of(rcols), False,
                            spec.table_style, False)
        if side:
            lcell = Cell(captions[0] if captions else "", bold=True, inner=controls)
            rcell = Cell(captions[1] if captions else "", bold=True, inner=risks_table)
            lay.blocks.append(Table((), (Row((lcell, Cell(""), rcell)),), (0.54, 0.03, 0.43),
                                    False, "unruled", False))
            continue
        for caption, table in ((captions[0] if captions else None, controls),
                               (captions[1] if captions else None, risks_table)):
            if caption:
                lay.blocks.append(Para(caption, "meta"))
            lay.blocks.append(replace(table, repeat_header=True, split_rows=spec.split_rows))


# -------------------------------------------------------------------------- round 32


def radio_text(spec: Spec, value: int) -> str:
    """Given an S or K value, a form's row of round options on the scale with the chosen one
    marked ("○ ○ ◉ ○", or "○1 ○2 ◉3 ○4" with the options' numbers)."""
    marks = [spec.radio_mark if i == value else "○" for i in range(1, spec.scale + 1)]
    if spec.radio_numbers:
        return " ".join(f"{m}{i}" for i, m in enumerate(marks, start=1))
    return " ".join(marks)


def radio_legend(spec: Spec, rule: str) -> list[Block]:
    """Given a radio value style, the paragraphs above the plan that explain the marks."""
    n = spec.scale
    shown = radio_text(replace(spec, radio_numbers=False), 3)
    ps = ", ".join(f"{i + 1} = {w.lower()}" for i, w in enumerate(probability_words(spec)[n]))
    ks = ", ".join(f"{i + 1} = {w.lower()}" for i, w in enumerate(C.CONSEQUENCE_WORDS[n]))
    return [Para("Så här läses bedömningen", "heading"),
            Para(f"Sannolikhet och konsekvens har bedömts på en skala 1–{n} i "
                 f"riskbedömningsformuläret; det ifyllda alternativet ({spec.radio_mark}) är "
                 f"bedömningen, räknat från vänster ({shown} = 3). Riskvärdet är {rule}.",
                 "body"),
            Para(f"Sannolikhet: {ps}. Konsekvens: {ks}.", "body")]


def radio_widths(spec: Spec, columns: tuple[str, ...],
                 widths: tuple[float, ...]) -> tuple[float, ...]:
    """Given the columns and their widths, S and K wide enough for their row of options."""
    wide = (0.42 if spec.radio_numbers else 0.28) * spec.scale
    return tuple(max(w, wide) if c in ("s", "k") else w
                 for c, w in zip(columns, widths, strict=True))


SK_SIGNS = {"times": "×", "x": "x", "x_spaced": " x "}
SK_TIMES_LABELS = {
    "times": ("S×K", "Sannolikhet × konsekvens", "Bedömning (S×K)"),
    "x": ("SxK", "S x K", "Sannolikhet x Konsekvens"),
    "x_spaced": ("S x K", "Sannolikhet x konsekvens", "Bedömning S x K"),
}
BAND_CODES = {
    "nr": ("Nr", "#", "Id"), "process": ("Omr.", "Proc."), "risk": ("Risk",),
    "description": ("Beskr.",), "category": ("Kat.",), "owner": ("Riskäg.",),
    "s": ("S",), "k": ("K",), "r": ("RV", "R", "RV"), "sk": ("S/K",),
    "control": ("Kontroll", "KM", "Kontr."), "method": ("Metod", "Met."),
    "frequency": ("Frekv.", "Frekv", "När"), "responsible": ("Ansv.", "Ansv"),
    "reported": ("Rapp.", "Rapp. till"), "result": ("Res.",), "status": ("St.",),
    "existing": ("Bef. kontr.",), "decision": ("Hant.",), "rcomment": ("Komm.",),
}


def compose_code_band(spec: Spec, drawn: Drawn, rng: random.Random, lay: Layout,
                      columns: tuple[str, ...], labels: dict[str, str]) -> None:
    """Given the content, a plan's one table (areas as band rows or a process column) broken
    by hand every spec.code_band risks: the first part under the full header, each later
    part (after a page break) under one shaded band row of the columns' short codes, the way
    a sheet's print titles repeat a row of codes."""
    header = header_rows(spec, columns, labels)
    widths = widths_of(columns)
    style = spec.table_style
    upper = rng.random() < 0.3
    codes = tuple(pick(rng, BAND_CODES.get(c, (labels[c],))) for c in columns)
    band = (Row(tuple(Cell(code.upper() if upper else code, bold=True, fill="#d9d9d9",
                           align="center" if c in ALIGNED_COLS else "left")
                      for c, code in zip(columns, codes, strict=True)), "header"),)
    rcols = tuple(c for c in columns if c in RISK_COLS)
    body: list[Row] = []
    first = True
    count = 0

    def flush() -> None:
        nonlocal body, first
        if body:
            lay.blocks.append(Table(header if first else band, tuple(body), widths, False,
                                    style, spec.split_rows))
            first = False
        body = []

    for index, (name, risks) in enumerate(drawn.sections):
        text, _ = heading_text(spec, index, name)
        for i, risk in enumerate(risks):
            if count and count % spec.code_band == 0:
                flush()
                lay.blocks.append(PageBreak())
            if i == 0 and spec.heading == "table_row":
                body.append(Row((Cell(text, colspan=len(widths), bold=True,
                                      fill="#eeeeee" if style != "unruled" else None),),
                                "heading"))
            body.extend(table_rows_for_risk(spec, lay, risk, rcols, columns, None, i == 0))
            count += 1
    flush()


# -------------------------------------------------------------------------- round 33


# sk_style: the whole assessment, S, K and the risk value, written in one cell (no S, K or R
# column): labelled lines ("Sannolikhet: 3" / "Konsekvens: 4" / "Riskvärde: 12"), short
# lines ("S = 3" / "K = 4" / "RV = 12") or one line ("S=3 K=4 R=12")
ASSESS_SK = ("lines", "short_lines", "equals")
ASSESS_LABELS = ("Riskbedömning", "Bedömning", "Riskvärdering", "Värdering av risken")
WHO_WHEN_LABELS = {False: ("Ansvarig/frekvens", "Ansvarig / när", "Vem/när",
                           "Ansvar och tidpunkt", "Ansvarig och frekvens"),
                   True: ("Frekvens/ansvarig", "När/vem", "Tidpunkt och ansvarig",
                          "När / ansvarig")}
CONTROL_METHOD_LABELS = ("Kontrollmoment och metod", "Kontroll/metod", "Kontrollmoment (metod)",
                         "Vad kontrolleras och hur")
WHO_WHEN_SEPARATORS = {"lines": "\n", "slash": " / ", "comma": ", ", "dash": " – "}


def assessment_text(spec: Spec, risk: GRisk) -> str:
    """Given a risk, its S, K and risk value in one cell as the sk_style writes them."""
    s, k, r = risk.probability, risk.consequence, risk.risk_value
    if spec.sk_style == "lines":
        return f"Sannolikhet: {s}\nKonsekvens: {k}\nRiskvärde: {r}"
    if spec.sk_style == "short_lines":
        return f"S = {s}\nK = {k}\nRV = {r}"
    return f"S={s} K={k} R={r}"


def who_when_text(spec: Spec, control: GControl | None) -> str:
    """Given a control, its responsible and frequency in one cell ("Ekonomichef /
    Kvartalsvis"; the frequency first with when_first)."""
    if control is None:
        return ""
    parts = [p for p in (control.responsible, control.frequency) if p]
    if spec.when_first:
        parts.reverse()
    return WHO_WHEN_SEPARATORS[spec.who_when].join(parts)


def control_method_text(spec: Spec, control: GControl | None) -> str:
    """Given a control, its cell: the control, its method on the line below ("Metod: ...",
    "Hur: ...", or alone under the control in bold)."""
    if control is None:
        return ""
    if not control.method:
        return control.control
    if spec.control_method == "plain":
        return f"{control.control}\n{control.method}"
    label = {"metod": "Metod", "hur": "Hur"}[spec.control_method]
    return f"{control.control}\n{label}: {control.method}"


def round33_columns(spec: Spec, columns: tuple[str, ...]) -> tuple[str, ...]:
    """Given the columns, the responsible and frequency as one who_when column (where the
    first of them stood) and the method dropped into the control's cell."""
    out: list[str] = []
    for col in columns:
        if spec.who_when != "none" and col in ("responsible", "frequency"):
            if "who_when" not in out:
                out.append("who_when")
            continue
        if spec.control_method != "none" and col == "method":
            continue
        out.append(col)
    return tuple(out)


def round33_labels(spec: Spec, rng: random.Random, columns: tuple[str, ...]) -> dict[str, str]:
    """Given the columns, the labels of the round-33 cells (no draw for other documents)."""
    out: dict[str, str] = {}
    if spec.sk_style in ASSESS_SK and "sk" in columns:
        out["sk"] = pick(rng, ASSESS_LABELS)
    if "who_when" in columns:
        out["who_when"] = pick(rng, WHO_WHEN_LABELS[spec.when_first])
    if spec.control_method != "none" and "control" in columns:
        out["control"] = pick(rng, CONTROL_METHOD_LABELS)
    return out


def round33_widths(spec: Spec, columns: tuple[str, ...],
                   widths: tuple[float, ...]) -> tuple[float, ...]:
    """Given the columns and their widths, the assessment, who-when and control cells wide
    enough for what they hold."""
    wide = {"sk": 1.0 if spec.sk_style == "short_lines" else 1.6, "who_when": 2.0,
            "control": 3.6 if spec.control_method != "none" else 3.0}
    return tuple(wide.get(c, w) if (c != "sk" or spec.sk_style in ASSESS_SK) else w
                 for c, w in zip(columns, widths, strict=True))
