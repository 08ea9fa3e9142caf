"""Values as forms and tools write them: a row of options with the chosen one filled, S and K
as one cell's factors, a level word with its number.

Held-out generator round 32 (plan_radio_values, register_sk_times_levels,
plan_code_band_continued) showed these; the tests draw small plans of their own (DejaVu Sans
holds the option glyphs) and read two tune seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run_one, tune_run
from conftest import text_key as key
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "FormSans"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
BODY = ParagraphStyle("form-body", fontName=FONT, fontSize=9, leading=12)
CELL = ParagraphStyle("form-cell", BODY, fontSize=8, leading=10)
SMALL = ParagraphStyle("form-small", BODY, fontSize=7, leading=9)
VALUES = ("probability", "consequence", "risk_value")


def plan(path: Path, header: list[str], rows: list[list[str]], note: str = "") -> Path:
    """Given a path, a header, rows of cells and a note above the table, a ruled plan."""
    table = Table(
        [[Paragraph(c, CELL) for c in header], *[[Paragraph(c, CELL) for c in r] for r in rows]]
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    story: list[Any] = [Paragraph("Internkontrollplan 2025 för socialnämnden", BODY)]
    if note:
        story.append(Paragraph(note, BODY))
    doc.build([*story, table])
    return path


def values(risks: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {key(r["risk"]): tuple(r[v] for v in VALUES) for r in risks}


def test_a_row_of_options_gives_the_chosen_ones_position(tmp_path: Path) -> None:
    # "○ ○ ◉ ○ ○": the third of five options chosen, S = 3 (was 1: the filled marks counted);
    # a rating in dots beside it keeps its count
    rows = [
        ["Felaktiga utbetalningar", "○ ○ ◉ ○ ○", "○ ○ ○ ◉ ○"],
        ["Hög sjukfrånvaro", "◉ ○ ○ ○ ○", "○ ○ ○ ○ ●"],
        ["Brister i dokumentationen", "●●●○", "●●○○"],
    ]
    pdf = plan(tmp_path / "radio.pdf", ["Risk", "Sannolikhet", "Konsekvens"], rows)
    result = run_one(tmp_path, pdf)
    assert values(result.risks) == {
        key("Felaktiga utbetalningar"): (3, 4, None),
        key("Hög sjukfrånvaro"): (1, 5, None),
        key("Brister i dokumentationen"): (3, 2, None),
    }


def test_a_form_of_options_in_a_plan_gives_its_values(tmp_path: Path) -> None:
    result, want = tune_run(tmp_path, "plan_radio_values", 6)  # "○ ○ ● ○"
    assert values(result.risks) == values(want["risks"])


def test_s_and_k_as_the_products_factors_in_one_cell(tmp_path: Path) -> None:
    # "3x4" under "Sannolikhet x Konsekvens" beside "Riskvärde": S = 3, K = 4 (were None: the
    # column read as the value, the value column beside it lost)
    rows = [
        ["Felaktiga utbetalningar", "3x4", "Hög (12)"],
        ["Hög sjukfrånvaro", "2 x 1", "Låg (2)"],
        ["Brister i dokumentationen", "4×4", "Mycket hög (16)"],
    ]
    header = ["Risk", "Sannolikhet x Konsekvens", "Riskvärde"]
    result = run_one(tmp_path, plan(tmp_path / "factors.pdf", header, rows))
    assert values(result.risks) == {
        key("Felaktiga utbetalningar"): (3, 4, 12),
        key("Hög sjukfrånvaro"): (2, 1, 2),
        key("Brister i dokumentationen"): (4, 4, 16),
    }
    levels = {key(r["risk"]): r["risk_level"] for r in result.risks}
    assert levels == {
        key("Felaktiga utbetalningar"): "high",
        key("Hög sjukfrånvaro"): "low",
        key("Brister i dokumentationen"): "very high",
    }


def test_a_times_label_alone_holds_the_factors_or_the_value(tmp_path: Path) -> None:
    # "S×K" alone: "3 x 4" gives S and K (and the product, as before); "12" the value only;
    # "3×4=12" states the value (S and K not read from it, as before)
    rows = [
        ["Felaktiga utbetalningar", "3 x 4", "Kontroll av utbetalningar"],
        ["Hög sjukfrånvaro", "6", "Uppföljning av sjukfrånvaro"],
        ["Brister i dokumentationen", "2×4=8", "Stickprov på journaler"],
    ]
    header = ["Risk", "S×K", "Kontrollmoment"]
    result = run_one(tmp_path, plan(tmp_path / "alone.pdf", header, rows))
    assert values(result.risks) == {
        key("Felaktiga utbetalningar"): (3, 4, 12),
        key("Hög sjukfrånvaro"): (None, None, 6),
        key("Brister i dokumentationen"): (None, None, 8),
    }


def test_a_register_of_factors_and_levels_gives_its_values(tmp_path: Path) -> None:
    result, want = tune_run(tmp_path, "register_sk_times_levels", 6)  # two "×" labels
    assert values(result.risks) == values(want["risks"])
    assert [r["risk_level"] for r in result.risks] == [r["risk_level"] for r in want["risks"]]


def band_plan(path: Path, values_align: str, cells: list[tuple[str, str, str]]) -> Path:
    """Given a path, how the values are set in their cells and each row's S, K, R, a plan
    without lines under a band of codes centred over their columns ("S | K | RV")."""
    header = ["Nr", "Risk", "S", "K", "RV", "Kontroll", "Ansv."]
    titles = ["Felaktiga utbetalningar av försörjningsstöd", "Hög sjukfrånvaro",
              "Brister i dokumentationen av beslut", "Oegentligheter och mutor"]  # fmt: skip
    controls = ["Stickprov på utbetalningar", "Uppföljning av sjuktal",
                "Granskning av journaler", "Kontroll av attester"]  # fmt: skip
    data: list[list[Any]] = [header] + [
        [str(n + 1), Paragraph(title, SMALL), s, k, r, Paragraph(control, SMALL), "Enhetschef"]
        for n, (title, control, (s, k, r)) in enumerate(zip(titles, controls, cells, strict=True))
    ]
    table = Table(data, colWidths=[22, 150, 62, 62, 62, 120, 60])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (2, 1), (4, -1), values_align),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.build([Paragraph("Internkontrollplan 2025 för socialnämnden", BODY), table])
    return path


BAND_CELLS = [("3", "4", "12"), ("2", "2", "4"), ("1", "3", "3"), ("4", "4", "16")]
BAND_WORDS = [
    ("Möjlig (3)", "Allvarlig (4)", "12"),
    ("Osannolik (1)", "Lindrig (2)", "2"),
    ("Sannolik (4)", "Kännbar (3)", "12"),
    ("Möjlig (3)", "Lindrig (2)", "6"),
]


def test_values_set_left_under_codes_centred_over_them_stay_in_their_columns(
    tmp_path: Path,
) -> None:
    # "3" starts left of its centred code "S": it was read in the column before (the risk),
    # K's value as S, R's as K and R lost
    for name, cells in (("digits", BAND_CELLS), ("words", BAND_WORDS)):
        folder = tmp_path / name
        folder.mkdir()
        result = run_one(folder, band_plan(folder / f"{name}.pdf", "LEFT", cells))
        want = [
            tuple(int(v.split("(")[-1].strip(")")) for v in row) for row in cells
        ]
        assert [tuple(r[v] for v in VALUES) for r in result.risks] == want, name
        assert all("(" not in r["risk"] and not any(ch.isdigit() for ch in r["risk"])
                   for r in result.risks)


def test_values_set_right_under_centred_codes_stay_in_their_columns(tmp_path: Path) -> None:
    # values set right, ending just before the next column's code, read in their columns too
    result = run_one(tmp_path, band_plan(tmp_path / "right.pdf", "RIGHT", BAND_CELLS))
    want = [tuple(int(v) for v in row) for row in BAND_CELLS]
    assert [tuple(r[v] for v in VALUES) for r in result.risks] == want


def test_factors_a_scan_read_without_their_sign_are_checked_by_the_value(tmp_path: Path) -> None:
    # register_sk_times_levels tune scans: Tesseract read "2x4" as "24", "2x5" as "2:05"
    # and the label's "X" as "Xx"; S and K are the reading's first and last digit only where
    # their product is the value written beside them ("Medel (8)"): "24" beside "Låg (6)"
    # is no pair, and stays unread
    rows = [
        ["Felaktiga utbetalningar", "24", "Medel (8)", "Kontroll av utbetalningar"],
        ["Hög sjukfrånvaro", "2:05", "Hög (10)", "Uppföljning av sjukfrånvaro"],
        ["Brister i dokumentationen", "24", "Låg (6)", "Stickprov på journaler"],
        ["Oegentligheter och mutor", "3x3", "Medel (9)", "Kontroll av attester"],
    ]
    header = ["Risk", "SANNOLIKHET Xx KONSEKVENS", "RISKPOÄNG", "Kontrollmoment"]
    result = run_one(tmp_path, plan(tmp_path / "signless.pdf", header, rows))
    assert values(result.risks) == {
        key("Felaktiga utbetalningar"): (2, 4, 8),
        key("Hög sjukfrånvaro"): (2, 5, 10),
        key("Brister i dokumentationen"): (None, None, 6),
        key("Oegentligheter och mutor"): (3, 3, 9),
    }
