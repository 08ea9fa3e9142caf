"""The dataset contract: every output table's columns, types and meanings.

This module is the single source of the contract.  The writer builds its
pyarrow schemas from it, the README's column tables are checked against it
by a test, and the tests read the written Parquet back against it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an output table."""

    name: str
    type: pa.DataType
    meaning: str
    source: str = ""  # the Swedish labels it comes from, if any
    nullable: bool = True


STR = pa.string()
INT = pa.int32()
FLOAT = pa.float64()
BOOL = pa.bool_()

DOCUMENTS: tuple[Column, ...] = (
    Column("document_id", STR, "first 16 hex digits of the file's sha256", nullable=False),
    Column("source_file", STR, "path of the file relative to the input folder", nullable=False),
    Column("sha256", STR, "sha256 of the file's bytes", nullable=False),
    Column("status", STR, "ok / partial / failed", nullable=False),
    Column("error", STR, "what went wrong and what to do, when status is not ok"),
    Column("municipality", STR, "municipality name without 'kommun', e.g. 'Kalmar'"),
    Column("municipality_code", STR, "SCB kommunkod, 4 digits, e.g. '0880'"),
    Column(
        "organ",
        STR,
        "the committee or board, canonical (KS, KSAU and 'Kommunstyrelsens arbetsutskott' are "
        "'Kommunstyrelsen'; see 'Organs')",
    ),
    Column("organ_type", STR, "kind of organ (see 'Organs'), e.g. 'namnd'; empty when unknown"),
    Column("year", INT, "the year the plan or report concerns"),
    Column(
        "document_type",
        STR,
        "riskanalys / internkontrollplan / uppfoljning / internkontrollrapport",
    ),
    Column("pages", INT, "number of pages"),
    Column("pages_ocr", INT, "pages whose text came from OCR"),
    Column(
        "risk_levels",
        STR,
        "risk-level bands the document states, e.g. 'low 1-3; medium 4-6; high 8-9; "
        "very high 12-16'; empty when it states none (see 'Risk levels')",
    ),
    Column(
        "metadata_evidence",
        STR,
        "per field (municipality, organ, year, document_type): where in the text it was found "
        "and how often, or why it is empty (weak or split evidence)",
    ),
)

RISKS: tuple[Column, ...] = (
    Column("risk_id", STR, "document_id and the risk's ordinal, e.g. '3f…a1-r007'", nullable=False),
    Column("document_id", STR, "the document the risk comes from", nullable=False),
    Column("page", INT, "1-based page where the risk starts"),
    Column(
        "process",
        STR,
        "process or area the risk belongs to",
        "Ansvarsområde/process, Process, Område",
    ),
    Column(
        "risk", STR, "the risk as the document names it (title, heading or whole risk cell)", "Risk"
    ),
    Column("description", STR, "longer risk description beside a short title", "Riskbeskrivning"),
    Column("risk_category", STR, "risk category as the document writes it", "Riskkategori"),
    Column(
        "risk_category_canonical",
        STR,
        "risk_category mapped to the canonical set (verksamhetsrisk, ekonomisk risk, legal "
        "risk, omvärldsrisk, ryktesrisk, IT-risk, personalrisk, …; normalize/data/"
        "risk_categories.csv); empty when the spelling is unknown",
    ),
    Column("responsible", STR, "who answers for the risk", "Ansvarig"),
    Column("probability", INT, "probability on the document's scale", "Sannolikhet, S"),
    Column("consequence", INT, "consequence on the document's scale", "Konsekvens, K"),
    Column("risk_value", INT, "risk value as the document gives it", "Riskvärde, R"),
    Column("scale_max", INT, "highest S or K on the document's scale (4 for 1–4, 5 for 1–5)"),
    Column(
        "value_normalised",
        FLOAT,
        "riskvärde (else S×K) divided by the highest value of the document's scale, 0..1",
    ),
    Column(
        "risk_level",
        STR,
        "low / medium / high / very high: the level word the document writes for the risk, "
        "else from the document's bands or the rule (see 'Risk levels'); empty without a "
        "value or a word",
    ),
    Column(
        "existing_controls", STR, "controls already in place", "Befintliga åtgärder/kontrollmoment"
    ),
    Column(
        "planned_handling",
        STR,
        "how the risk is to be handled; a column answering yes or no under a control's label"
        ' reads with its label ("Internkontroll: Ja": the risk goes to the internal-control'
        " plan)",
        "Ställningstagande av hantering",
    ),
    Column("follows_plan", BOOL, "whether the handling follows the plan", "Följer plan (Ja/Nej)"),
    Column("comment", STR, "comment", "Kommentar"),
    Column(
        "risk_key", STR, "same for the same risk of the same organ across years", nullable=False
    ),
    Column("confidence", FLOAT, "0..1, how much to trust the row", nullable=False),
    Column("flags", STR, "validation flags, ';'-separated (see 'Flags'), empty when clean"),
    Column(
        "risk_theme",
        STR,
        "the risk's common theme, a slug of normalize/data/risk_themes.csv (see 'Risk themes')",
        nullable=False,
    ),
    Column("risk_theme_score", FLOAT, "0..1, the theme model's probability for risk_theme"),
)

CONTROLS: tuple[Column, ...] = (
    Column(
        "control_id",
        STR,
        "document_id and the control's ordinal, e.g. '3f…a1-c004'",
        nullable=False,
    ),
    Column("risk_id", STR, "the risk the control belongs to, when there is one"),
    Column("document_id", STR, "the document the control comes from", nullable=False),
    Column("page", INT, "1-based page where the control starts"),
    Column("control", STR, "the control", "Kontrollmoment, Titel"),
    Column("description", STR, "description of the control", "Beskrivning"),
    Column("responsible", STR, "who performs the control", "Ansvarig, Ansvarig avdelning"),
    Column("frequency", STR, "how often", "Frekvens"),
    Column("method", STR, "how the control is done", "Metod, Kontrollmetod (och avgränsning)"),
    Column("result", STR, "outcome of the control", "Resultat, Resultat av kontroll, Status"),
    Column("comment", STR, "comment", "Kommentar"),
    Column("action", STR, "action decided", "Åtgärd"),
    Column("confidence", FLOAT, "0..1, how much to trust the row", nullable=False),
    Column("flags", STR, "validation flags, ';'-separated (see 'Flags'), empty when clean"),
    Column("risk_theme", STR, "the theme of the control's risk (empty without a risk)"),
)

PAGES: tuple[Column, ...] = (
    Column("document_id", STR, "the document", nullable=False),
    Column("page", INT, "1-based page number", nullable=False),
    Column(
        "route",
        STR,
        "where the page's text came from: text (layer) or ocr; skipped: a page of a long scan "
        "that page triage left without OCR (the reason says why)",
    ),
    Column("reason", STR, "why that route was chosen"),
    Column("error", STR, "why the page could not be read, if it could not"),
    Column("words", INT, "words on the page"),
    Column("ocr_confidence", FLOAT, "mean Tesseract word confidence 0..1 (OCR pages)"),
    Column("swedish_word_share", FLOAT, "text layer: share of words that are Swedish words"),
    Column("unmapped_share", FLOAT, "text layer: share of unmapped glyphs ((cid:N), U+FFFD)"),
    Column("diacritic_rate", FLOAT, "text layer: å/ä/ö per letter (Swedish prose ≈ 0.04)"),
    Column("suspect_share", FLOAT, "text layer: share of words that look like OCR damage"),
    Column("image_cover", FLOAT, "share of the page covered by images"),
)

CELLS: tuple[Column, ...] = (
    Column("row_id", STR, "risk_id or control_id of the row the field belongs to", nullable=False),
    Column("document_id", STR, "the document", nullable=False),
    Column("field", STR, "the contract column", nullable=False),
    Column("page", INT, "page the text was read on"),
    Column("raw", STR, "the text exactly as read (text layer or OCR)"),
    Column("text", STR, "the repaired, whitespace-collapsed value written to the dataset"),
    Column("confidence", FLOAT, "mean word confidence of the raw text"),
    Column("x0", FLOAT, "bounding box, PDF points from the left"),
    Column("top", FLOAT, "bounding box, PDF points from the top"),
    Column("x1", FLOAT, "bounding box right"),
    Column("bottom", FLOAT, "bounding box bottom"),
    Column("source", STR, "where the value came from: text (layer), ocr, or manual (a correction)"),
    Column("corrected_by", STR, "manual: who made the correction (from the corrections file)"),
    Column("corrected_at", STR, "manual: when the correction was made (from the corrections file)"),
)

REPAIRS: tuple[Column, ...] = (
    Column("document_id", STR, "the document", nullable=False),
    Column("page", INT, "page of the field"),
    Column("row_id", STR, "risk_id or control_id", nullable=False),
    Column("field", STR, "the contract column", nullable=False),
    Column("original", STR, "the token as read"),
    Column("repaired", STR, "the token as written"),
    Column("repair", STR, "name of the repair that changed it", nullable=False),
    Column("score", FLOAT, "the repair's score for its choice"),
)

THEME_EVIDENCE: tuple[Column, ...] = (
    Column("risk_id", STR, "the risk", nullable=False),
    Column("document_id", STR, "the document", nullable=False),
    Column("risk_theme", STR, "the theme given", nullable=False),
    Column("risk_theme_score", FLOAT, "the model's probability for it"),
    Column("evidence", STR, "the words that pushed most towards it, ';'-separated"),
    Column("runner_up", STR, "the next most likely theme"),
    Column("runner_up_score", FLOAT, "its probability"),
)

THEME_SUMMARY: tuple[Column, ...] = (
    Column("municipality", STR, "municipality name without 'kommun'"),
    Column("municipality_code", STR, "SCB kommunkod, 4 digits"),
    Column("organ_type", STR, "kind of organ (documents.organ_type); empty when unknown"),
    Column("year", INT, "the year of the plan or report", nullable=False),
    Column("risk_theme", STR, "the theme (risks.risk_theme)", nullable=False),
    Column("risks", INT, "risks of the theme (one document per organ and year)", nullable=False),
    Column("risks_high", INT, "of them, risk_level high or very high", nullable=False),
    Column("risks_with_level", INT, "of them, with a risk_level at all", nullable=False),
    Column("mean_value_normalised", FLOAT, "mean value_normalised (0..1) of those with one"),
)

RISK_CHANGES: tuple[Column, ...] = (
    Column("risk_key", STR, "the risk's lineage key (risks.risk_key)", nullable=False),
    Column("municipality", STR, "municipality name without 'kommun'"),
    Column("municipality_code", STR, "SCB kommunkod, 4 digits"),
    Column("organ", STR, "the committee or board"),
    Column(
        "year_from",
        INT,
        "the earlier of two consecutive years with risks of the organ",
        nullable=False,
    ),
    Column("year_to", INT, "the later year", nullable=False),
    Column("risk_id_from", STR, "the risk row in year_from (null when new)"),
    Column("risk_id_to", STR, "the risk row in year_to (null when removed)"),
    Column("risk_from", STR, "the risk's title in year_from"),
    Column("risk_to", STR, "the risk's title in year_to"),
    Column("probability_from", INT, "sannolikhet in year_from"),
    Column("consequence_from", INT, "konsekvens in year_from"),
    Column("risk_value_from", INT, "riskvärde in year_from"),
    Column("probability_to", INT, "sannolikhet in year_to"),
    Column("consequence_to", INT, "konsekvens in year_to"),
    Column("risk_value_to", INT, "riskvärde in year_to"),
    Column("scale_max_from", INT, "the scale's highest S or K in year_from"),
    Column("scale_max_to", INT, "the scale's highest S or K in year_to"),
    Column("risk_level_from", STR, "risk level in year_from"),
    Column("risk_level_to", STR, "risk level in year_to"),
    Column(
        "change",
        STR,
        "new / removed / value_up / value_down / unchanged, or no_value when the risk is in "
        "both years but a year has no riskvärde (nor S and K) to compare",
        nullable=False,
    ),
    Column(
        "compared_on",
        STR,
        "what the change compares: 'risk_value' (same scale), or 'value_normalised' when the "
        "scale changed between the years; empty for new, removed and no_value",
    ),
)

REVIEW: tuple[Column, ...] = (
    Column("table", STR, "risks, controls or pages", nullable=False),
    Column("row_id", STR, "risk_id, control_id, or DOCUMENT-pNNN for a page", nullable=False),
    Column("document_id", STR, "the document", nullable=False),
    Column("source_file", STR, "the document's file"),
    Column("page", INT, "1-based page of the row"),
    Column("text", STR, "the risk or control text (first 120 characters)"),
    Column("confidence", FLOAT, "the row's confidence"),
    Column("flags", STR, "the row's flags"),
    Column("reason", STR, "why to check the row, in words", nullable=False),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENTS,
    "risks": RISKS,
    "controls": CONTROLS,
    "pages": PAGES,
    "cells": CELLS,
    "repairs": REPAIRS,
    "theme_evidence": THEME_EVIDENCE,
    "risk_changes": RISK_CHANGES,
    "theme_summary": THEME_SUMMARY,
    "review": REVIEW,
}

RISK_TEXT_FIELDS = (
    "process",
    "risk",
    "description",
    "risk_category",
    "responsible",
    "existing_controls",
    "planned_handling",
    "comment",
)
RISK_INT_FIELDS = ("probability", "consequence", "risk_value")
CONTROL_TEXT_FIELDS = (
    "control",
    "description",
    "responsible",
    "frequency",
    "method",
    "result",
    "comment",
    "action",
)


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    """Given a table's columns, the explicit pyarrow schema the writer uses."""
    return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in columns])


def column_names(table: str) -> list[str]:
    """Given a table name, its column names in contract order."""
    return [c.name for c in TABLES[table]]
