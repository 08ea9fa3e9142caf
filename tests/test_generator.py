"""The layout generator: same seed, same bytes; expected rows agree with the records and the page.

Fast: a few reportlab renders only (the LibreOffice renders, scans and the evaluation
run in ``make generated`` / ``make evaluate``).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pdfplumber
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

from layoutgen.build import Job, build, generated, jobs_for
from layoutgen.families import FAMILIES, HELDOUT, REPORT_SEEDS, TUNE_SEEDS

SAMPLES = [("spanning_controls", 3), ("control_report", 1001), ("cards", 2),
           ("excel_export", 1004), ("matrix", 5), ("section_headings", 1)]


def built(tmp: Path, family: str, seed: int) -> tuple[bytes, bytes]:
    """Given a family and seed, the PDF and expectation bytes of its reportlab render."""
    pdf = build(Job(family, seed, "reportlab", "tune", tmp))
    return pdf.read_bytes(), pdf.with_name(pdf.stem + ".expected.json").read_bytes()


@pytest.mark.parametrize(("family", "seed"), SAMPLES[:2])
def test_same_seed_gives_identical_bytes(tmp_path: Path, family: str, seed: int) -> None:
    first = built(tmp_path / "a", family, seed)
    second = built(tmp_path / "b", family, seed)
    assert first == second
    assert first[0] != built(tmp_path / "c", family, seed + 1)[0]


def test_splits_are_disjoint_and_large_enough() -> None:
    assert not set(TUNE_SEEDS) & set(REPORT_SEEDS)
    report = jobs_for("report", ("reportlab", "libreoffice"), Path("x"))
    heldout = jobs_for("heldout", ("reportlab", "libreoffice"), Path("x"))
    assert len(FAMILIES) >= 9 and len(report) >= 180
    assert len(HELDOUT) >= 3 and not set(HELDOUT) & set(FAMILIES)
    assert {j.family for j in heldout} == set(HELDOUT)
    assert not {j.family for j in jobs_for("tune", ("reportlab",), Path("x"))} & set(HELDOUT)
    assert len(report) + len(heldout) >= 200


@pytest.mark.parametrize(("family", "seed"), SAMPLES)
def test_expected_rows_agree_with_records_and_pages(tmp_path: Path, family: str,
                                                    seed: int) -> None:
    import json

    doc = generated(family, seed)
    pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    assert [r["risk"] for r in exp["risks"]] == [r.title for r in doc.risks]
    links = [(c["risk_index"], c["control"]) for c in exp["controls"]]
    assert links == [(i, c.control) for i, r in enumerate(doc.risks) for c in r.controls]
    assert exp["document"]["municipality"] == doc.meta.municipality
    with pdfplumber.open(pdf) as opened:
        assert exp["document"]["pages"] == len(opened.pages)
        words = [{w["text"] for w in page.extract_words()} for page in opened.pages]
    for row, text in [(r, r["risk"]) for r in exp["risks"]] + [
            (c, c["control"]) for c in exp["controls"]]:
        page = row["page"]
        seen = words[page - 1] | (words[page] if page < len(words) else set())
        first = text.split()[0]
        assert first in words[page - 1] or first.upper() in words[page - 1], (text, page)
        missing = [w for w in text.split() if w not in seen]
        assert not missing, (text, page, missing)
    for r in exp["risks"]:
        if r["probability"] is not None and r["consequence"] is not None and \
                r["risk_value"] is not None:
            assert r["risk_value"] in (r["probability"] * r["consequence"],
                                       r["probability"] + r["consequence"])


@pytest.mark.parametrize(("family", "seed"), [("spanning_controls", 0), ("follow_up_table", 0)])
def test_page_locator_agrees_with_page_marks(tmp_path: Path, family: str, seed: int) -> None:
    """The LibreOffice renders' pages are found from the words; on reportlab renders the
    same search must give the pages the PageMarks recorded while drawing."""
    import json

    from layoutgen.render_lo import locate_pages

    pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    doc = generated(family, seed)
    found = locate_pages(pdf, doc)
    keys = [r.key for r in doc.risks] + [c.key for r in doc.risks for c in r.controls]
    pages = [r["page"] for r in exp["risks"]] + [c["page"] for c in exp["controls"]]
    assert [found[k] for k in keys] == pages
    assert max(pages) > 1  # the documents run over a page break


def test_a_wider_tune_set_uses_further_tune_seeds_and_never_the_report_seeds(
    tmp_path: Path,
) -> None:
    import generate

    jobs = generate.wider_tune_jobs("10-12", ("reportlab",), tmp_path, ("matrix",))
    assert [(j.family, j.seed, j.split) for j in jobs] == [
        ("matrix", 10, "tune"), ("matrix", 11, "tune"), ("matrix", 12, "tune"),
    ]
    wide = {j.seed for j in generate.wider_tune_jobs("10-39", ("reportlab",), tmp_path, ())}
    assert wide == set(range(10, 40))
    with pytest.raises(SystemExit, match="report seeds"):
        generate.wider_tune_jobs(f"990-{REPORT_SEEDS[0]}", ("reportlab",), tmp_path, ())


def test_turned_labels_are_drawn_bottom_to_top_and_a_report_wraps_its_chapter(
        tmp_path: Path) -> None:
    """A sheet's turned labels reach the PDF as non-upright characters (not as upright text
    and not lost); a report puts the plan in its numbered chapter after budget tables."""
    from dataclasses import replace

    from layoutgen.compose import Spec, compose
    from layoutgen.render_rl import render_reportlab
    spec = Spec(kind="internkontrollplan", turned_labels=True, wrapper="report",
                heading="para_decimal", columns=("nr", "risk", "s", "k", "r", "control",
                                                 "responsible"),
                labels={"nr": "Nr", "risk": "Risk", "s": "Sannolikhet", "k": "Konsekvens",
                        "r": "Riskvärde", "control": "Kontrollmoment",
                        "responsible": "Ansvarig"})
    doc = compose(replace(spec, number_style="risk_word"), random.Random(4), "probe", 4)
    pdf = tmp_path / "probe.pdf"
    render_reportlab(doc, pdf)
    with pdfplumber.open(pdf) as opened:
        chars = [c for page in opened.pages for c in page.chars]
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
    turned = "".join(c["text"] for c in chars if not c["upright"])
    assert "Sannolikhet" in turned and "Riskvärde" in turned and "Nr" in turned
    assert "Kontrollmoment" not in turned
    chapter = re.search(r"^4\.1 \S", text, re.M)
    assert "2. Ekonomi" in text and "4. Intern kontroll" in text and chapter is not None
    assert text.index("Budget (tkr)") < chapter.start() < text.index("Personalsammansättning")
    assert "Risk 1" in text


def test_a_memo_proposes_its_bilaga_and_a_follow_up_names_the_actions_owner_and_date(
        tmp_path: Path) -> None:
    """A tjänsteskrivelse comes before the document it proposes (its bilaga); the action's
    owner and date columns reach the page but not the expected rows (no contract field)."""
    from layoutgen.compose import Spec, compose
    from layoutgen.render_rl import render_reportlab
    spec = Spec(kind="uppfoljning", wrapper="memo", structure="row",
                columns=("risk", "s", "k", "r", "control", "responsible", "result", "action",
                         "action_owner", "done_date"))
    doc = compose(spec, random.Random(7), "probe", 7)
    pdf = tmp_path / "probe.pdf"
    render_reportlab(doc, pdf)
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
    bilaga = text.index("Bilaga 1\n")
    assert text.index("Tjänsteskrivelse") < text.index("Förslag till beslut") < bilaga
    for name in ("action_owner", "done_date"):  # a label's first word (labels wrap in cells)
        assert text.find(doc.choices["labels"][name].split()[0], bilaga) > bilaga
    dates = [c.done_date for r in doc.risks for c in r.controls]
    assert dates and all(re.fullmatch(rf"{doc.meta.year}-\d\d-(15|30)", d or "") for d in dates)


def test_abbreviated_labels_aligned_values_paired_s_k_and_footnotes_reach_the_page(
        tmp_path: Path) -> None:
    """The session-25 choices show on the page and not in the expected values: labels
    abbreviated ("Sannol."), numbers right-aligned in their cells, S and K in one cell
    ("S3 K4"), footnote markers on value and frequency cells with their notes under the
    table; the records keep the plain values. Documents not using them list none of them
    among their choices (their expectations are as before)."""
    from dataclasses import replace

    from layoutgen.compose import ABBREV_LABELS, LATER_CHOICES, Spec, compose
    from layoutgen.render_rl import render_reportlab
    base = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                columns=("nr", "risk", "s", "k", "r", "control", "frequency", "responsible"),
                sections=(2, 2), risks_per_section=(3, 3))
    assert not set(LATER_CHOICES) & set(compose(base, random.Random(3), "p", 3).choices)

    doc = compose(replace(base, label_register="abbrev", value_align="right",
                          value_notes=True), random.Random(3), "probe", 3)
    labels = doc.choices["labels"]
    assert isinstance(labels, dict)
    assert all(labels[c] in ABBREV_LABELS[c] for c in ("s", "k", "r", "frequency"))
    pdf = tmp_path / "notes.pdf"
    render_reportlab(doc, pdf)
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        text = page.extract_text() or ""
        words = page.extract_words()
    assert "¹ Bedömningen avser risken" in text and "* Frekvensen anpassas" in text
    r1 = doc.risks[0]  # risk 1 carries "¹" on its R, risk 3 "*" on its frequency
    assert f"{r1.risk_value}¹" in text
    assert f"{doc.risks[2].controls[0].frequency}*" in text.replace("\n", " ")
    assert r1.risk_value is not None and doc.choices["value_notes"] is True
    value = next(w for w in words if w["text"] == f"{r1.risk_value}¹")
    left = compose(replace(base, label_register="abbrev", value_notes=True),
                   random.Random(3), "probe", 3)
    render_reportlab(left, tmp_path / "left.pdf")
    with pdfplumber.open(tmp_path / "left.pdf") as opened:
        plain = next(w for w in opened.pages[0].extract_words()
                     if w["text"] == f"{r1.risk_value}¹")
    assert value["x0"] > plain["x0"] + 3  # the same cell, its number moved to the right

    doc = compose(replace(base, columns=("risk", "sk", "r", "control"), sk_style="letters"),
                  random.Random(5), "probe", 5)
    pdf = tmp_path / "sk.pdf"
    render_reportlab(doc, pdf)
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(p.extract_text() or "" for p in opened.pages)
    for risk in doc.risks:
        assert f"S{risk.probability} K{risk.consequence}" in text
        assert risk.probability is not None and risk.consequence is not None
    assert doc.choices["sk_style"] == "letters"


def test_process_once_grouped_header_and_control_first_reach_the_page(tmp_path: Path) -> None:
    """The round-11 choices show on the page: the process typed on its area's first row
    only (the records keep it for every risk), a two-row header with every column under a
    group cell, the control's columns before the risk's. Documents not using them list
    neither process_fill nor header_groups among their choices."""
    from dataclasses import replace

    from layoutgen.compose import Spec, compose
    from layoutgen.families import control_first
    from layoutgen.model import Table
    from layoutgen.render_rl import render_reportlab
    base = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                prose_after=False, columns=("process", "risk", "s", "k", "r", "control",
                                            "frequency", "responsible"),
                sections=(2, 2), risks_per_section=(3, 3))
    plain = compose(base, random.Random(4), "p", 4)
    assert not {"process_fill", "header_groups"} & set(plain.choices)

    doc = compose(replace(base, process_fill="first_row"), random.Random(4), "probe", 4)
    assert doc.choices["process_fill"] == "first_row"
    assert [r.process for r in doc.risks] == [r.process for r in plain.risks]
    assert all(r.process for r in doc.risks)
    render_reportlab(doc, tmp_path / "once.pdf")
    render_reportlab(plain, tmp_path / "every.pdf")
    with pdfplumber.open(tmp_path / "once.pdf") as opened:
        table = next(b for b in doc.blocks if isinstance(b, Table))
        firsts = [row.cells[0].text for row in table.body]
        text = " ".join((p.extract_text() or "").replace("\n", " ") for p in opened.pages)
    areas = sorted({r.process for r in doc.risks if r.process})
    assert len(areas) == 2 and firsts.count("") == len(doc.risks) - 2
    with pdfplumber.open(tmp_path / "every.pdf") as opened:
        every = " ".join((p.extract_text() or "").replace("\n", " ") for p in opened.pages)
    first_words = {a.split()[0] for a in areas}
    assert sum(text.count(w) for w in first_words) < sum(every.count(w) for w in first_words)

    grouped = compose(replace(base, two_level=True, header_groups="all",
                              columns=control_first(base.columns)), random.Random(4), "g", 4)
    assert grouped.choices["header_groups"] == "all"
    assert list(grouped.choices["columns"])[:3] == ["control", "frequency", "responsible"]
    render_reportlab(grouped, tmp_path / "grouped.pdf")
    with pdfplumber.open(tmp_path / "grouped.pdf") as opened:
        page = opened.pages[0]
        words = page.extract_words()
        text = page.extract_text() or ""
    assert "Intern kontroll" in text and "Riskidentifiering" in text
    labels = grouped.choices["labels"]
    assert isinstance(labels, dict)
    x = {w["text"]: w["x0"] for w in words}
    control_label, risk_label = labels["control"].split()[0], labels["risk"].split()[0]
    assert x[control_label] < x[risk_label]


def test_older_and_tool_wordings_area_lines_and_title_over_cause_reach_the_page(
        tmp_path: Path) -> None:
    """The round-13 choices show on the page: an older template's labels ("Kontrollpunkt",
    "Intervall") and frequencies ("2 ggr/år"), areas as "Område: X" lines, risks numbered "2.1"
    by area, S and K as "3 – Möjlig", R as "12 – Hög"; a risk's title in bold over its cause in
    one cell (the records keep the cause as the description) under a tool's labels. Documents
    not using them list none of heading_label, risk_cell, frequency_set among their choices."""
    from dataclasses import replace

    from layoutgen import content as C
    from layoutgen.compose import OLDER_LABELS, TOOL_LABELS, Spec, compose, r_text
    from layoutgen.render_rl import render_reportlab
    base = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                prose_after=False, columns=("nr", "risk", "s", "k", "r", "control", "frequency",
                                            "responsible"),
                sections=(2, 2), risks_per_section=(2, 2))
    plain = compose(base, random.Random(6), "p", 6)
    assert not {"heading_label", "risk_cell", "frequency_set"} & set(plain.choices)

    spec = replace(base, heading="para_label", heading_label="Verksamhetsområde",
                   label_register="older", frequency_set="older",
                   value_style="numbers_dash_words", r_style="dash_level", number_style="decimal")
    older = compose(spec, random.Random(6), "probe", 6)
    labels = older.choices["labels"]
    assert isinstance(labels, dict)
    assert all(labels[c] in OLDER_LABELS[c] for c in ("risk", "k", "control", "frequency"))
    render_reportlab(older, tmp_path / "older.pdf")
    with pdfplumber.open(tmp_path / "older.pdf") as opened:
        text = " ".join((p.extract_text() or "").replace("\n", " ") for p in opened.pages)
    areas = [r.process for r in older.risks]
    assert areas[0] != areas[2] and f"Verksamhetsområde: {areas[2]}" in text
    assert "2.1 " in text and "2.2 " in text
    words = C.PROBABILITY_WORDS[older.choices["scale"]]  # type: ignore[index]
    first = older.risks[0]
    assert first.probability is not None and first.risk_value is not None
    assert f"{first.probability} – {words[first.probability - 1].split()[0]}" in text
    assert " – " in r_text(spec, first) and r_text(spec, first) in text  # "12 – Hög"
    assert all(c.frequency in C.FREQUENCIES_OLDER for r in older.risks for c in r.controls)
    assert all(r.stated_level for r in older.risks)

    cause = compose(replace(base, label_register="tool", risk_cell="title_description"),
                    random.Random(6), "cause", 6)
    assert cause.choices["risk_cell"] == "title_description"
    assert "description" not in cause.choices["columns"]  # type: ignore[operator]
    labels = cause.choices["labels"]
    assert isinstance(labels, dict) and labels["frequency"] in TOOL_LABELS["frequency"]
    assert all(r.description for r in cause.risks)
    render_reportlab(cause, tmp_path / "cause.pdf")
    with pdfplumber.open(tmp_path / "cause.pdf") as opened:
        words = [w for p in opened.pages for w in p.extract_words(extra_attrs=["fontname"])]
    for risk in cause.risks:
        assert risk.description is not None
        title = [w for w in words if w["text"] == risk.title.split()[-1]]
        desc = [w for w in words if w["text"] == risk.description.split()[-1]]
        assert any(w["fontname"].endswith("Bold") for w in title)  # the title bold
        assert desc and not any(w["fontname"].endswith("Bold") for w in desc)  # its cause not


def test_print_strips_scale_tables_question_labels_and_annual_chapter_reach_the_page(
        tmp_path: Path) -> None:
    """The round-14 choices show on the page: a sheet printed in two strips (the risk columns
    first, then the control columns with Nr and Risk repeated; the controls' pages after the
    risks', found by the page locator as the page marks record them); the scale as a criteria
    table and a matrix of values; question labels ("Vem ansvarar?"); R as "Hög (12)"; an
    årsredovisning's chapter 6 with a summary table and "6.1 Area" headings. Documents not
    using them list neither print_strips nor scale_table among their choices."""
    from dataclasses import replace

    from layoutgen.compose import QUESTION_LABELS, Spec, compose, r_text
    from layoutgen.render_lo import locate_pages
    from layoutgen.render_rl import render_reportlab

    def page_texts(pdf: Path) -> list[str]:
        with pdfplumber.open(pdf) as opened:
            return [(p.extract_text() or "").replace("\n", " ") for p in opened.pages]

    base = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                prose_after=False, columns=("nr", "risk", "s", "k", "r", "control", "frequency",
                                            "responsible"),
                sections=(2, 2), risks_per_section=(2, 2))
    plain = compose(base, random.Random(7), "p", 7)
    assert not {"print_strips", "scale_table"} & set(plain.choices)

    strips = compose(replace(base, print_strips="nr_risk", r_style="level_number"),
                     random.Random(7), "strips", 7)
    marks = render_reportlab(strips, tmp_path / "strips.pdf")
    texts = page_texts(tmp_path / "strips.pdf")
    risk, control = strips.risks[0], strips.risks[0].controls[0]
    assert marks[control.key] > marks[risk.key]
    assert control.control not in texts[marks[risk.key] - 1]
    strip = texts[marks[control.key] - 1]
    assert risk.title in strip and control.control in strip  # the risk repeated beside it
    assert r_text(replace(base, r_style="level_number"), risk) in texts[marks[risk.key] - 1]
    assert re.search(r"(Låg|Medel|Hög|Mycket hög) \(\d+\)", texts[0])
    assert all(r.stated_level for r in strips.risks)
    assert locate_pages(tmp_path / "strips.pdf", strips) == marks

    plan = compose(replace(base, label_register="questions", scale_table=True,
                           wrapper="annual", kind="uppfoljning", heading="para_decimal",
                           columns=(*base.columns, "result")),
                   random.Random(7), "annual", 7)
    labels = plan.choices["labels"]
    assert isinstance(labels, dict)
    assert all(labels[c] in QUESTION_LABELS[c] for c in ("risk", "s", "control", "result"))
    render_reportlab(plan, tmp_path / "annual.pdf")
    text = " ".join(page_texts(tmp_path / "annual.pdf"))
    assert labels["responsible"] in text and "?" in labels["responsible"]
    assert "Bedömningskriterier" in text and "Riskmatris" in text and "Granskningsområde" in text
    assert "6. Intern kontroll" in text and f"6.1 {plan.risks[0].process}" in text
    assert "12 16" in text  # the matrix's top row of S×K values (1-4)


def test_descriptive_labels_numbers_in_the_risk_cell_and_size_words_reach_the_page(
        tmp_path: Path) -> None:
    """The round-15 choices show on the page: a committee's descriptive labels ("Sannolikhet
    att risken inträffar"), the risk's number before its title in the risk's cell ("R3 Title",
    no Nr column; the expected title without it), probability on a size scale ("Stor (3)",
    "3 – Stor"). Documents not using them do not list number_place among their choices."""
    from dataclasses import replace

    from layoutgen import content as C
    from layoutgen.compose import DESCRIPTIVE_LABELS, Spec, compose
    from layoutgen.render_rl import render_reportlab

    base = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                prose_after=False, columns=("risk", "s", "k", "r", "control", "frequency",
                                            "responsible"),
                sections=(2, 2), risks_per_section=(2, 2))
    plain = compose(base, random.Random(7), "p", 7)
    assert "number_place" not in plain.choices and plain.choices["word_set"] == "standard"

    for number_style, value_style, shown in (
            ("R", "words_numbers", "{w} ({v})"), ("plain", "numbers_dash_words", "{v} – {w}"),
            ("risk_word", "words_numbers", "{w} ({v})")):
        doc = compose(replace(base, number_place="in_risk", number_style=number_style,
                              label_register="descriptive", word_set="size",
                              value_style=value_style), random.Random(7), "d", 7)
        labels = doc.choices["labels"]
        assert isinstance(labels, dict)
        assert all(labels[c] in [o.replace("{n}", "4") for o in DESCRIPTIVE_LABELS[c]]
                   for c in doc.choices["columns"])
        render_reportlab(doc, tmp_path / f"{number_style}.pdf")
        with pdfplumber.open(tmp_path / f"{number_style}.pdf") as opened:
            text = " ".join((p.extract_text() or "") for p in opened.pages).replace("\n", " ")
        first = doc.risks[0]
        number = {"R": f"R{first.number} ", "plain": f"{first.number}. ",
                  "risk_word": f"Risk {first.number}: "}[number_style]
        assert number + first.title.split()[0] in text
        assert not first.title.startswith(number.strip())  # the expected title has no number
        assert all(w in text for c in ("s", "responsible") for w in labels[c].split())
        words = C.PROBABILITY_WORDS_SIZE[4]
        assert all(r.probability is not None for r in doc.risks)
        assert any(shown.format(w=words[r.probability - 1], v=r.probability) in text
                   for r in doc.risks if r.probability is not None)


def test_cross_marks_risk_forms_paired_tables_codes_and_last_years_value_reach_the_page(
        tmp_path: Path) -> None:
    """The round-16 choices show on the page: S and K marked "X" under their steps 1..n (one
    mark each per risk), risks numbered by area code ("EK-01"), one form per risk with a page
    break after every second, each risk's own table followed by its control table with last
    year's risk value and the change beside this year's (the expected value this year's).
    Documents not using them do not list cards_per_page among their choices."""
    from dataclasses import replace

    from layoutgen.compose import AREA_CODES, Spec, compose
    from layoutgen.render_rl import render_reportlab

    base = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                prose_after=False, columns=("nr", "risk", "s", "k", "r", "control",
                                            "frequency", "responsible"),
                sections=(2, 2), risks_per_section=(2, 2))
    plain = compose(base, random.Random(5), "p", 5)
    assert "cards_per_page" not in plain.choices

    cross = compose(replace(base, value_style="cross", number_style="code"),
                    random.Random(5), "x", 5)
    render_reportlab(cross, tmp_path / "cross.pdf")
    with pdfplumber.open(tmp_path / "cross.pdf") as opened:
        words = [w["text"] for p in opened.pages for w in p.extract_words()]
    assert words.count("X") == 2 * len(cross.risks) + 1  # and one in the legend above
    codes = [r.shown_number or "" for r in cross.risks]
    assert set(codes) <= set(words)
    assert all(c.split("-")[0] in AREA_CODES.values() and c[-2:] in ("01", "02")
               for c in codes)
    assert all(r.probability is not None and r.consequence is not None for r in cross.risks)

    forms = compose(replace(base, structure="cards_form", cards_per_page=2, columns=(
        "nr", "process", "risk", "s", "k", "r", "control", "frequency", "responsible")),
        random.Random(5), "f", 5)
    pages = render_reportlab(forms, tmp_path / "forms.pdf")
    assert [pages[r.key] for r in forms.risks] == [1, 1, 2, 2]
    assert forms.choices["cards_per_page"] == 2

    paired = compose(replace(base, structure="paired_tables", columns=(
        "nr", "risk", "s", "k", "prev_r", "r", "trend", "control", "frequency")),
        random.Random(5), "r", 5)
    labels = paired.choices["labels"]
    assert isinstance(labels, dict) and {"prev_r", "trend"} <= set(labels)
    pages = render_reportlab(paired, tmp_path / "paired.pdf")
    with pdfplumber.open(tmp_path / "paired.pdf") as opened:
        text = " ".join((p.extract_text() or "") for p in opened.pages).replace("\n", " ")
    assert labels["prev_r"].split()[0] in text and labels["trend"].split()[0] in text
    assert any(w in text for w in ("Ökad", "Minskad", "Oförändrad"))
    assert all(r.risk_value == r.probability * r.consequence for r in paired.risks
               if r.probability is not None and r.consequence is not None)
    assert all(pages[c.key] >= pages[r.key] for r in paired.risks for c in r.controls)


def test_control_headings_risk_bullets_band_headers_and_labelled_risk_cells_reach_the_page(
        tmp_path: Path) -> None:
    """The round-17 choices show on the page: each control a numbered heading ("1.2 Control")
    over its risk, result, deviation and action lines; each risk a bold name over bullets
    (its assessment, one per control); the header stated again under each area's band; the
    risk's cell as "Risk:", "Orsak:", "Konsekvens:" lines (the expected description the
    cause) beside S and K in one "3/4" cell."""
    from dataclasses import replace

    from layoutgen.compose import Spec, compose, labelled_risk_text
    from layoutgen.render_rl import render_reportlab

    def page_text(name: str) -> str:
        with pdfplumber.open(tmp_path / name) as opened:
            return "\n".join((p.extract_text() or "") for p in opened.pages)

    base = Spec(kind="uppfoljning", structure="control_headings", heading="para_numbered",
                prose_before=False, prose_after=False, landscape=False,
                columns=("risk", "control", "responsible", "frequency", "status", "deviation",
                         "action"), controls_per_risk=(1, 2), sections=(2, 2),
                risks_per_section=(2, 2))
    heads = compose(base, random.Random(3), "h", 3)
    pages = render_reportlab(heads, tmp_path / "heads.pdf")
    text = page_text("heads.pdf")
    for risk in heads.risks:
        assert risk.probability is None and risk.risk_value is None and risk.controls
        assert all(c.result and c.action and c.deviation in ("Ja", "Nej") for c in risk.controls)
        assert pages[risk.key] <= min(pages[c.key] for c in risk.controls) + 1
    numbered = re.findall(r"^(\d)\.(\d) (.+)$", text, re.M)
    assert [t for _, _, t in numbered] == [c.control for r in heads.risks for c in r.controls]
    assert {a for a, _, _ in numbered} == {"1", "2"}

    bullets = compose(replace(base, kind="kombinerad", structure="risk_bullets",
                              wrapper="report", heading="para_decimal",
                              columns=("risk", "s", "k", "r", "control", "responsible",
                                       "frequency")), random.Random(3), "b", 3)
    render_reportlab(bullets, tmp_path / "bullets.pdf")
    lines = page_text("bullets.pdf").splitlines()
    for risk in bullets.risks:
        at = lines.index(risk.title)
        assert lines[at + 1][0] in "•–-" and str(risk.risk_value) in lines[at + 1]
        for c in risk.controls:
            assert any(ln[0] in "•–-" and c.control.split()[0] in ln for ln in lines[at + 2:])

    band = compose(replace(base, kind="internkontrollplan", structure="row",
                           heading="table_row", header_placement="after_band",
                           risk_cell="labelled", landscape=True,
                           columns=("risk", "description", "sk", "r", "control",
                                    "frequency", "responsible")), random.Random(3), "e", 3)
    render_reportlab(band, tmp_path / "band.pdf")
    text = page_text("band.pdf")
    labels = band.choices["labels"]
    assert isinstance(labels, dict) and "description" not in band.choices["columns"]
    assert text.count(labels["frequency"]) == 2  # under each of the two bands
    assert text.count("Orsak:") == text.count("Konsekvens:") == len(band.risks) == 4
    for risk in band.risks:
        assert risk.description and f"Orsak: {risk.description}" in labelled_risk_text(risk)
        assert f"{risk.probability}/{risk.consequence}" in text


def test_colour_only_risk_values_and_a_register_of_inherent_and_residual_risk_reach_the_page(
        tmp_path: Path) -> None:
    """The round-18 choices show on the page: a risk value that is only its cell's colour
    (no text; the expected row has no value but the level the legend gives the colour), the
    legend of the level colours under the table; a "Riskregister" whose S, K and risk value
    are labelled "inneboende" and followed by the residual value ("Kvarvarande risk"), the
    expected values the inherent ones."""
    from dataclasses import replace

    from layoutgen.compose import Spec, compose, level, r_top, residual_text
    from layoutgen.content import LEVEL_COLOURS
    from layoutgen.render_rl import render_reportlab

    def page_text(name: str) -> str:
        with pdfplumber.open(tmp_path / name) as opened:
            return "\n".join((p.extract_text() or "") for p in opened.pages)

    def fills(name: str) -> list[tuple[float, ...]]:
        with pdfplumber.open(tmp_path / name) as opened:
            return [tuple(round(v, 2) for v in r["non_stroking_color"])
                    for p in opened.pages for r in p.rects
                    if r.get("fill") and isinstance(r.get("non_stroking_color"), (tuple, list))
                    and len(r["non_stroking_color"]) == 3]

    def rgb(hexa: str) -> tuple[float, ...]:
        return tuple(round(int(hexa[i:i + 2], 16) / 255, 2) for i in (1, 3, 5))

    base = Spec(kind="internkontrollplan", structure="row", heading="none", r_style="colour",
                prose_before=False, prose_after=False, running_header=False,
                columns=("nr", "process", "risk", "s", "k", "r", "control", "responsible"),
                number_style="plain", sections=(2, 2), risks_per_section=(3, 3),
                labels={"nr": "Nr", "process": "Process", "risk": "Risk", "s": "S",
                        "k": "K", "r": "Risknivå", "control": "Kontroll",
                        "responsible": "Ansvarig"})
    doc = compose(base, random.Random(5), "c", 5)
    render_reportlab(doc, tmp_path / "colour.pdf")
    text = page_text("colour.pdf")
    assert "Färgen i kolumnen Risknivå anger risknivån" in text
    seen = fills("colour.pdf")
    levels = []
    for risk in doc.risks:
        assert risk.risk_value is None and risk.probability and risk.consequence
        value = risk.probability * risk.consequence
        levels.append(level(value, r_top(base)))
        assert risk.stated_level == ("low", "medium", "high", "very high")[levels[-1]]
    for i, (_, hexa) in enumerate(LEVEL_COLOURS[4]):  # the risks' cells and one swatch each
        assert seen.count(rgb(hexa)) == levels.count(i) + 1, hexa

    register = compose(replace(base, r_style="number", label_register="register", labels={},
                               columns=("nr", "risk", "owner", "s", "k", "r", "residual",
                                        "control")), random.Random(5), "g", 5)
    render_reportlab(register, tmp_path / "register.pdf")
    text = page_text("register.pdf")
    labels = register.choices["labels"]
    assert isinstance(labels, dict) and "residual" in labels
    assert "nneboende" in labels["r"] and labels["residual"].split()[0] in text
    assert register.choices["label_register"] == "register"
    for risk in register.risks:
        assert risk.owner and risk.owner in text
        assert risk.risk_value == (risk.probability or 0) * (risk.consequence or 0)
        after = residual_text(replace(base, r_style="number"), risk)
        assert int(after) < risk.risk_value or risk.probability == 1
        assert re.search(rf"\b{risk.risk_value} {after}\b", text)


def test_scales_on_a_second_header_line_months_initials_and_yes_no_deviations_reach_the_page(
        tmp_path: Path) -> None:
    """The round-19 choices show on the page: S, K and R labelled with their scale on the
    header cell's second line ("Sannolikhet" over "(1–4)"); the frequency written as months
    ("Mars, september") and the responsible as initials and title ("AL, ekonomichef"), the
    expected fields as printed; a follow-up's "Avvikelse" Ja/Nej beside a comment; a plan
    naming its risks only by number, each control linked to the numbered risk."""
    import json

    from layoutgen.compose import Spec, compose
    from layoutgen.content import FREQUENCIES_MONTHS, RESPONSIBLES_INITIALS
    from layoutgen.render_rl import render_reportlab

    def page_lines(name: str) -> list[str]:
        with pdfplumber.open(tmp_path / name) as opened:
            return "\n".join((p.extract_text() or "") for p in opened.pages).splitlines()

    spec = Spec(kind="uppfoljning", structure="row", heading="none", prose_before=False,
                prose_after=False, running_header=False, label_register="scale_lines",
                frequency_set="months", responsible_set="initials", landscape=True,
                columns=("process", "risk", "s", "k", "r", "control", "frequency",
                         "responsible", "result", "deviation", "ccomment"),
                sections=(2, 2), risks_per_section=(3, 3))
    doc = compose(spec, random.Random(7), "f", 7)
    render_reportlab(doc, tmp_path / "months.pdf")
    lines = page_lines("months.pdf")
    text = " ".join(lines)
    labels = doc.choices["labels"]
    assert isinstance(labels, dict) and labels["s"].endswith(("\n(1–4)", "\nskala 1–4"))
    first, second = labels["s"].split("\n")
    at = next(i for i, line in enumerate(lines) if first in line.split())
    assert second in lines[at + 1]  # the scale on the line under the label
    assert doc.choices["responsible_set"] == "initials"
    assert doc.choices["frequency_set"] == "months"
    controls = [c for r in doc.risks for c in r.controls]
    assert controls and all(c.frequency in FREQUENCIES_MONTHS for c in controls)
    assert all(c.responsible in RESPONSIBLES_INITIALS for c in controls)
    assert all(c.deviation in ("Ja", "Nej") and c.comment for c in controls)
    for c in controls:
        assert c.responsible is not None and c.responsible.split()[0] in text.split()
        assert c.frequency is not None and c.frequency.split()[0].rstrip(",") in text

    pdf = build(Job("analysis_then_plan_by_number", 1, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    plan = generated("analysis_then_plan_by_number", 1)
    assert plan.choices["plan_ref"] == "number"
    assert [c["frequency"] for c in exp["controls"]] == [
        c.frequency for r in plan.risks for c in r.controls]
    assert all(c["frequency"] in FREQUENCIES_MONTHS for c in exp["controls"])
    assert all(c["responsible"] in RESPONSIBLES_INITIALS for c in exp["controls"])


def test_matrix_before_plan_hyphen_broken_labels_sheet_footer_and_traffic_status_reach_the_page(
        tmp_path: Path) -> None:
    """The round-20 choices show on the page: a plan's S and K only in a 5×5 risk matrix
    placed before its table (each risk's number in the cell of its S and K); header words
    broken with a hyphen and a sheet's print footer on every page; a follow-up's status a
    colour word for every control, explained above the table, with last year's and this
    year's risk value labelled by their years (the expected value this year's)."""
    import json

    from layoutgen.compose import Spec, compose
    from layoutgen.content import TRAFFIC
    from layoutgen.render_rl import render_reportlab

    def page_texts(name: str) -> list[str]:
        with pdfplumber.open(tmp_path / name) as opened:
            return [p.extract_text() or "" for p in opened.pages]

    spec = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                running_header=False, value_style="matrix", matrix_place="before", scale=5,
                number_style="R", columns=("nr", "process", "risk", "control", "frequency",
                                           "responsible"),
                sections=(2, 2), risks_per_section=(3, 3))
    doc = compose(spec, random.Random(3), "f", 3)
    render_reportlab(doc, tmp_path / "matrix.pdf")
    lines = "\n".join(page_texts("matrix.pdf")).splitlines()
    at_matrix = next(i for i, line in enumerate(lines) if line.strip() == "Riskmatris")
    at_table = next(i for i, line in enumerate(lines) if doc.risks[0].title.split()[0] in line
                    and line.startswith("R1 "))
    assert at_matrix < at_table
    for risk in doc.risks:
        assert risk.probability is not None and risk.consequence is not None
        assert risk.risk_value is None
        row = next(line for line in lines[at_matrix:at_table]
                   if line.startswith(f"S{risk.probability} "))
        assert f"R{risk.number}" in row.replace(",", " ").split()

    sheet = Spec(kind="internkontrollplan", structure="row", heading="none", prose_before=False,
                 label_register="hyphen_broken", sheet_footer=True, value_align="right",
                 columns=("process", "risk", "s", "k", "r", "control", "frequency",
                          "responsible"), sections=(3, 3), risks_per_section=(4, 4))
    doc = compose(sheet, random.Random(5), "f", 5)
    render_reportlab(doc, tmp_path / "sheet.pdf")
    pages = page_texts("sheet.pdf")
    labels = doc.choices["labels"]
    assert isinstance(labels, dict) and labels["s"].count("-\n") == 1
    first, rest = labels["s"].split("\n")
    header = pages[0].splitlines()
    at = next(i for i, line in enumerate(header) if first in line.split())
    assert rest.split()[0] in header[at + 1].split()
    assert doc.look.footer and ".xlsx" in doc.look.footer
    assert all(doc.look.footer in text for text in pages)
    assert doc.choices["sheet_footer"] is True

    pdf = build(Job("follow_up_traffic_two_years", 0, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    report = generated("follow_up_traffic_two_years", 0)
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(p.extract_text() or "" for p in opened.pages)
    controls = [c for r in report.risks for c in r.controls]
    assert controls and all(c.status in TRAFFIC for c in controls)
    assert "Grön –" in text and "Röd –" in text
    words = text.split()
    assert sum(words.count(w) for w in TRAFFIC) >= len(controls)
    assert report.choices["status_set"] == "traffic"
    assert all(r["probability"] is None and r["consequence"] is None for r in exp["risks"])
    assert [r["risk_value"] for r in exp["risks"]] == [r.risk_value for r in report.risks]
    assert all(isinstance(r["risk_value"], int) for r in exp["risks"])
    assert all(c["result"] and c["comment"] for c in exp["controls"])
    labels = report.choices["labels"]
    assert isinstance(labels, dict)
    if report.choices.get("value_years"):
        year = exp["document"]["year"]
        assert labels["prev_r"].endswith(str(year - 1)) and labels["r"].endswith(str(year))


def test_rotated_pages_two_page_columns_and_nested_control_tables_reach_the_page(
        tmp_path: Path) -> None:
    """The round-21 choices show in the PDF: landscape pages stored portrait with /Rotate (read
    in their drawn orientation); a report chapter in two page columns, each risk a block of
    "Label: value" lines; each risk row's controls in a table nested in its last cell, under
    letter-spaced capital labels (each character followed by the spacing)."""
    import json

    import pikepdf
    from layoutgen.compose import Spec, compose
    from layoutgen.model import Table as GTable
    from layoutgen.render_rl import render_reportlab

    pdf = build(Job("plan_rotated_pages", 0, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    doc = generated("plan_rotated_pages", 0)
    assert doc.look.rotate in (90, 270) and doc.choices["page_rotation"] == doc.look.rotate
    with pikepdf.open(pdf) as opened:
        for page in opened.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            assert x1 - x0 < y1 - y0 and int(page.obj.Rotate) == doc.look.rotate
    with pdfplumber.open(pdf) as opened:
        assert all(p.width > p.height for p in opened.pages)  # shown landscape
        lines = [line for p in opened.pages for line in (p.extract_text() or "").splitlines()]
    for risk in doc.risks:
        assert any(risk.title.split()[0] in line.split() for line in lines)
    assert [r["risk"] for r in exp["risks"]] == [r.title for r in doc.risks]

    report = generated("report_two_column_blocks", 0)
    render_reportlab(report, tmp_path / "report.pdf")
    assert report.choices["page_columns"] == 2
    with pdfplumber.open(tmp_path / "report.pdf") as opened:
        pages = [(p.width, p.extract_words()) for p in opened.pages]
    firsts = [(width, w) for width, words in pages for w in words
              if any(w["text"] == r.title.split()[0] for r in report.risks)]
    assert any(float(w["x0"]) > width / 2 for width, w in firsts)
    assert any(float(w["x0"]) < width / 3 for width, w in firsts)
    text = " ".join(w["text"] for _, words in pages for w in words)
    assert "Sannolikhet:" in text and ("Ansvarig:" in text or "Kontrollansvarig:" in text)
    assert all(r.probability is not None and r.consequence is not None for r in report.risks)

    spec = Spec(kind="internkontrollplan", structure="inner_table", heading="none",
                prose_before=False, running_header=False, label_case="upper",
                label_register="template", label_spacing=3.5, split_rows=False,
                columns=("process", "risk", "s", "k", "r", "control", "responsible",
                         "frequency"),
                controls_per_risk=(2, 3), sections=(2, 2), risks_per_section=(2, 2))
    nested = compose(spec, random.Random(7), "f", 7)
    table = next(b for b in nested.blocks if isinstance(b, GTable))
    body = [row for row in table.body if row.kind == "body"]
    assert len(body) == len(nested.risks)
    for row, risk in zip(body, nested.risks, strict=True):
        inner = row.cells[-1].inner
        assert inner is not None and len(inner.body) == len(risk.controls) >= 2
    render_reportlab(nested, tmp_path / "nested.pdf")
    with pdfplumber.open(tmp_path / "nested.pdf") as opened:
        page = opened.pages[0]
        chars = page.chars
        words = page.extract_words()
    label = nested.choices["labels"]["control"]  # type: ignore[index]
    assert isinstance(label, str) and label.isupper()
    at = next(i for i in range(len(chars)) if "".join(
        c["text"] for c in chars[i:i + len(label)]) == label)
    gaps = [float(chars[i + 1]["x0"]) - float(chars[i]["x1"])
            for i in range(at, at + len(label) - 1)]
    assert all(abs(g - 3.5) < 0.5 for g in gaps)
    risk_x = min(float(w["x0"]) for w in words if w["text"] == nested.risks[0].title.split()[0])
    control = nested.risks[0].controls[0].control.split()[0]
    assert any(float(w["x0"]) > risk_x + 50 and w["text"] == control for w in words)


def test_company_board_risk_text_rightmost_and_a3_wide_sheet_reach_the_page(
        tmp_path: Path) -> None:
    """The round-22 choices show in the PDF: a municipal company's plan titled "… för X AB",
    adopted by its board ("Styrelsen för X AB" the organ, the owning municipality named); a
    risk analysis whose risk text is the rightmost column, right of its values; a follow-up on
    A3 landscape (1191 × 842 pt) with 14 or more columns in 6-7 pt type."""
    import json

    pdf = build(Job("company_board_plan", 0, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    doc = generated("company_board_plan", 0)
    organ = exp["document"]["organ"]
    company = organ.removeprefix("Styrelsen för ")
    assert organ.startswith("Styrelsen för ") and company.endswith(" AB")
    assert doc.choices["organ_set"] == "company"
    assert exp["document"]["municipality"] == doc.meta.municipality
    assert company.startswith(doc.meta.municipality)
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(p.extract_text() or "" for p in opened.pages)
    assert f"för {company}" in text and "Antagen av styrelsen" in text
    assert f"{doc.meta.municipality} kommun" in text
    assert "nämnd" not in text.lower()
    assert exp["risks"] and all(c["responsible"] for c in exp["controls"])

    left = generated("analysis_values_left", 0)
    columns = left.choices["columns"]
    assert isinstance(columns, list) and columns[-1] == "risk"
    assert columns.index("s") < columns.index("risk") and columns.index("r") < len(columns) - 1
    pdf = build(Job("analysis_values_left", 0, "reportlab", "tune", tmp_path))
    with pdfplumber.open(pdf) as opened:
        words = [w for p in opened.pages for w in p.extract_words()]
    risk_label = left.choices["labels"]["risk"]  # type: ignore[index]
    s_label = left.choices["labels"]["s"]  # type: ignore[index]
    assert isinstance(risk_label, str) and isinstance(s_label, str)
    s_x = min(float(w["x0"]) for w in words if w["text"] == s_label.split()[0])
    for risk in left.risks:
        xs = [float(w["x0"]) for w in words if w["text"] == risk.title.split()[0]]
        assert xs and max(xs) > s_x + 200

    wide = generated("a3_wide_follow_up", 0)
    assert wide.look.paper == "a3" and wide.choices["paper"] == "a3"
    assert len(wide.choices["columns"]) >= 14  # type: ignore[arg-type]
    assert 6.0 <= wide.look.size <= 7.0
    pdf = build(Job("a3_wide_follow_up", 0, "reportlab", "tune", tmp_path))
    with pdfplumber.open(pdf) as opened:
        assert all(abs(p.width - 1190.55) < 1 and abs(p.height - 841.89) < 1
                   for p in opened.pages)
        page = opened.pages[0]
        header = [c for c in page.chars if float(c["size"]) <= 7.5]
        text = page.extract_text() or ""
    assert header
    labels = wide.choices["labels"]
    assert isinstance(labels, dict)
    assert all(str(labels[c]).split()[0] in text for c in wide.choices["columns"])


def test_continued_area_headings_sum_rows_and_a_landscape_bilaga_reach_the_page(
        tmp_path: Path) -> None:
    """The round-23 choices show in the PDF and the expected rows: an area's table broken by a
    page break with the area's heading repeated with "forts." on the next page, its risks there
    still of that area (a paragraph heading and a band row); sum rows ("Summa Area", "Totalt")
    with the number of risks and mean values that are no expected risk; a memo on portrait
    pages whose bilaga, with every risk, is on landscape pages (both engines' sources)."""
    import json

    from layoutgen.render_lo import fodt

    for seed in (0, 2):  # a bold paragraph heading, then a band row in the table
        doc = generated("word_plan_continued", seed)
        mark = str(doc.choices["continued"])
        assert "forts." in mark
        pdf = build(Job("word_plan_continued", seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            pages = [p.extract_text() or "" for p in opened.pages]
        assert len(exp["risks"]) == len(doc.risks)
        broken = [r for r in exp["risks"] if f"{r['process']}{mark}" in pages[r["page"] - 1]]
        assert broken  # risks drawn under "Area (forts.)", expected with the area itself
        for row in broken:
            at = row["page"] - 1
            assert at > 0 and row["process"] in pages[at - 1].replace(f"{row['process']}{mark}", "")
            assert not row["process"].endswith("forts.")

    totals = generated("excel_register_totals", 1)
    assert totals.choices["totals"] == "areas"
    pdf = build(Job("excel_register_totals", 1, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(p.extract_text() or "" for p in opened.pages)
        words = [w["text"] for p in opened.pages for w in p.extract_words()]
    areas = {r["process"] for r in exp["risks"]}
    assert words.count("Summa") == len(areas) and f"Totalt: {len(exp['risks'])} risker" in text
    assert re.search(r"\b\d,\d\b", text) and "kontroller" in words
    assert len(exp["risks"]) == len(totals.risks)
    assert not [r for r in exp["risks"] if r["risk"].startswith(("Summa", "Totalt"))]

    memo = generated("memo_landscape_bilaga", 1)
    assert memo.choices["bilaga_turn"] is True and not memo.look.landscape
    pdf = build(Job("memo_landscape_bilaga", 1, "reportlab", "tune", tmp_path))
    exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
    with pdfplumber.open(pdf) as opened:
        wide = [float(p.width) > float(p.height) for p in opened.pages]
        first_text = opened.pages[0].extract_text() or ""
    assert not wide[0] and not wide[-1] and "Tjänsteskrivelse" in first_text
    assert exp["risks"] and all(wide[r["page"] - 1] for r in exp["risks"])
    source = fodt(memo)
    assert 'style:master-page-name="Turned"' in source
    assert source.count('text:style-name="Pturn"') == 1
    assert source.count('text:style-name="Pstandard"') == 1
    assert 'fo:page-width="29.7cm" fo:page-height="21.0cm"' in source


def test_english_headers_done_status_and_a_map_of_risk_names_reach_the_page(
        tmp_path: Path) -> None:
    """The round-24 choices show in the PDF and the expected rows: a register's header words
    in English and Swedish mixed, with its risks all expected; a follow-up's "Genomförd"
    column of Ja/Delvis/Nej beside a comment, no control of those words, each risk's id
    before its text on the page but not in the expected risk; a risk map placing the risks'
    names (every word of every title above the map's K row), giving S and K, no Nr column."""
    import json

    from layoutgen.compose import DONE_LABELS, ENGLISH_MIXED_LABELS

    def render(family: str, seed: int) -> tuple[dict, str]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, "\n".join(p.extract_text() or "" for p in opened.pages)

    english = generated("register_english_headers", 0)
    assert english.choices["label_register"] == "english_mixed"
    exp, text = render("register_english_headers", 0)
    labels = english.choices["labels"]
    assert isinstance(labels, dict)
    for col in english.choices["columns"]:
        assert labels[col] in ENGLISH_MIXED_LABELS[col]
        assert labels[col].split()[0] in text
    assert {"Probability", "Impact"} <= set(text.split())
    assert len(exp["risks"]) == len(english.risks)

    done = generated("follow_up_done_ids", 1)
    assert done.choices["status_set"] == "done" and done.choices["number_place"] == "in_risk"
    exp, text = render("follow_up_done_ids", 1)
    labels = done.choices["labels"]
    assert isinstance(labels, dict) and labels["status"] in DONE_LABELS
    words = text.split()
    assert "Ja" in words and ("Delvis" in words or "Nej" in words)
    assert not [c for c in exp["controls"] if c["control"] in ("Ja", "Delvis", "Nej")]
    for number, risk in enumerate(exp["risks"], 1):
        assert re.search(rf"{number}\.\s+{re.escape(risk['risk'].split()[0])}", text)
        assert not risk["risk"][0].isdigit()

    names = generated("plan_matrix_names", 0)
    assert names.choices["matrix_names"] is True and "nr" not in names.choices["columns"]
    exp, text = render("plan_matrix_names", 0)
    grid = text[text.index("Riskkarta"):text.index("K1")]
    assert exp["risks"] and all(r["probability"] and r["consequence"] for r in exp["risks"])
    for risk in exp["risks"]:
        assert all(word in grid.split() for word in risk["risk"].split())


def test_check_mark_status_dot_ratings_and_dot_levels_reach_the_page(tmp_path: Path) -> None:
    """The round-25 choices show in the PDF and the expected rows: a follow-up's status column
    of check marks ("✓", "(✓)", "✗") declared above the table, no control text or comment of
    a symbol; S and K as filled dots ("●●○○" = 2) with the scale declared, every risk's S and
    K expected; the risk value as a dot before its level word ("● Hög"), the level expected
    and no number."""
    import json

    def render(family: str, seed: int) -> tuple[dict, str]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, "\n".join(p.extract_text() or "" for p in opened.pages)

    checks = generated("follow_up_check_symbols", 0)
    assert checks.choices["status_set"] == "symbols" and checks.choices["font"] == "dejavu"
    exp, text = render("follow_up_check_symbols", 0)
    assert "✓ = kontrollen är genomförd" in text
    table = text[text.index("✗ = inte"):]
    assert "✓" in table and ("✗" in table or "(✓)" in table)
    symbols = {"✓", "(✓)", "✗"}
    assert exp["controls"]
    for control in exp["controls"]:
        assert control["control"] not in symbols and control["comment"] not in symbols

    dots = generated("plan_dot_ratings", 1)
    assert dots.choices["value_style"] == "dots"
    scale = dots.choices["scale"]
    assert isinstance(scale, int)
    exp, text = render("plan_dot_ratings", 1)
    assert f"skala 1–{scale}" in text
    assert exp["risks"]
    for risk in exp["risks"]:
        p, k = risk["probability"], risk["consequence"]
        assert p and k
        assert "●" * p + "○" * (scale - p) in text and "●" * k + "○" * (scale - k) in text

    levels = generated("register_dot_levels", 2)
    assert levels.choices["r_style"] == "dot_level"
    exp, text = render("register_dot_levels", 2)
    assert "● Låg (1–" in text
    words = {"low": "Låg", "medium": "Medel", "high": "Hög", "very high": "Mycket hög"}
    assert exp["risks"]
    for risk in exp["risks"]:
        assert risk["risk_value"] is None and risk["probability"] and risk["consequence"]
        assert f"● {words[risk['risk_level']]}" in text


def test_transposed_sheets_two_row_roles_and_slides_reach_the_page(tmp_path: Path) -> None:
    """The round-26 families show in the PDF and the expected rows: a sheet turned on its side
    (each risk a column headed by its number, the attributes' labels down the first column,
    one control per risk); risk rows (title, S, K, R on one line) alternating with their
    controls' rows under a two-row header naming both; a presentation with a page per risk
    holding its title, its assessment lines and its controls."""
    import json

    def render(family: str, seed: int) -> tuple[dict, list[str]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_text() or "" for p in opened.pages]

    names = ("excel_transposed_risks", "plan_two_row_roles", "presentation_slides")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    sheet = generated("excel_transposed_risks", 1)
    assert sheet.choices["structure"] == "transposed"
    exp, pages = render("excel_transposed_risks", 1)
    assert [r["risk"] for r in exp["risks"]] == [r.title for r in sheet.risks]
    assert len(exp["controls"]) == len(exp["risks"])
    assert [c["risk_index"] for c in exp["controls"]] == list(range(len(exp["risks"])))
    labels = sheet.choices["labels"]
    assert isinstance(labels, dict)
    for risk in exp["risks"]:
        page = pages[risk["page"] - 1]
        assert risk["probability"] and risk["consequence"] and risk["risk_value"]
        lines = page.splitlines()
        assert any(line.startswith(labels["s"]) for line in lines)
        assert any(line.startswith(labels["control"]) for line in lines)
        assert risk["risk"].split()[0] in page

    roles = generated("plan_two_row_roles", 0)
    assert roles.choices["structure"] == "two_row_roles"
    exp, pages = render("plan_two_row_roles", 0)
    text = "\n".join(pages)
    labels = roles.choices["labels"]
    assert isinstance(labels, dict)
    assert re.search(rf"{re.escape(labels['risk'])} .*{re.escape(labels['r'])}", text)
    assert re.search(rf"{re.escape(labels['control'])} .*{re.escape(labels['method'])}", text)
    assert len(exp["controls"]) > len(exp["risks"])
    for risk in exp["risks"]:
        line = next(ln for ln in text.splitlines() if risk["risk"] in ln)
        assert line.rstrip().endswith(str(risk["risk_value"]))
        assert risk["process"] and not risk["process"][0].isdigit()
    for control in exp["controls"]:
        assert " ".join(control["control"].split()[:3]) in text
        assert control["method"] and control["responsible"]

    slides = generated("presentation_slides", 0)
    assert slides.choices["structure"] == "slides" and slides.look.landscape
    exp, pages = render("presentation_slides", 0)
    assert len(pages) > len(exp["risks"])
    for index, risk in enumerate(exp["risks"]):
        page = pages[risk["page"] - 1]
        assert risk["risk"] in page and "Sannolikhet" in page and "Konsekvens" in page
        assert risk["probability"] and risk["consequence"]
        others = [r["risk"] for r in exp["risks"] if r is not risk]
        assert not [t for t in others if t in page]
        for control in exp["controls"]:
            if control["risk_index"] == index:
                assert control["page"] == risk["page"]
                assert " ".join(control["control"].split()[:3]) in page


def test_numbered_paragraphs_caption_tables_and_status_in_result_reach_the_page(
        tmp_path: Path) -> None:
    """The round-27 families show in the PDF and the expected rows: a plan in running text
    (each risk one paragraph "2.3 Title (S 3, K 4, R 12)." holding its controls as sentences,
    every record's page the paragraph's); each area its own table under a caption "Tabell 2.
    Ekonomi" (the process the area's name), S, K and R abbreviated over each table and
    explained under it; a follow-up's status and result in one cell and the risk value with
    last year's in brackets ("12 (9)")."""
    import json

    from layoutgen.model import Table

    def render(family: str, seed: int) -> tuple[dict, list[str]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_text() or "" for p in opened.pages]

    names = ("plan_numbered_paragraphs", "word_caption_tables", "follow_up_status_in_result")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    prose = generated("plan_numbered_paragraphs", 1)
    assert prose.choices["structure"] == "risk_paragraphs" and not prose.look.landscape
    exp, pages = render("plan_numbered_paragraphs", 1)
    text = " ".join(" ".join(pages).split())
    assert len(exp["controls"]) > len(exp["risks"])
    for index, risk in enumerate(exp["risks"]):
        number = prose.risks[index].shown_number
        assert number is not None and re.fullmatch(r"\d\.\d", number)
        assert f"{number} {risk['risk']} (" in text
        assert risk["probability"] and risk["consequence"] and risk["risk_value"]
        assert risk["process"] and not risk["process"][0].isdigit()
        for control in exp["controls"]:
            if control["risk_index"] == index:
                assert control["page"] == risk["page"]
                assert f"{control['control']} (" in text or f"{control['control']}." in text
    assert not any(isinstance(b, Table) for b in prose.blocks)  # running text, no table

    captions = generated("word_caption_tables", 3)
    assert captions.choices["heading"] == "para_caption"
    exp, pages = render("word_caption_tables", 3)
    text = "\n".join(pages)
    areas = list(dict.fromkeys(r["process"] for r in exp["risks"]))
    assert len(areas) >= 2
    for n, area in enumerate(areas, start=1):
        assert f"Tabell {n} – {area}" in text
    assert text.count("Förklaring: S = sannolikhet") == len(areas)
    labels = captions.choices["labels"]
    assert isinstance(labels, dict) and (labels["s"], labels["k"], labels["r"]) == ("S", "K", "R")
    assert len(exp["controls"]) > len(exp["risks"])

    follow = generated("follow_up_status_in_result", 0)
    assert follow.choices["status_in_result"] and "status" not in follow.choices["columns"]
    exp, pages = render("follow_up_status_in_result", 0)
    text = " ".join(" ".join(pages).split())
    for control in exp["controls"]:
        assert re.match(r"(Genomförd|Delvis genomförd|Ej genomförd)( –|:|\.) ", control["result"])
    for risk in exp["risks"]:
        assert risk["risk_value"] == risk["probability"] * risk["consequence"]
        assert re.search(rf"\b{risk['risk_value']} \(\d+\)", text)
        assert risk["risk_level"] is None


def test_title_row_tables_findings_with_an_appendix_and_an_indented_tree_reach_the_page(
        tmp_path: Path) -> None:
    """The round-28 families show in the PDF and the expected rows: each risk a two-column
    table headed by its title across both columns, its controls under numbered labels; a
    follow-up whose controls are headings over Bedömning | Iakttagelse | Åtgärd tables with the
    risks (and their pages) only in an appendix at the end; a tool's tree export where the
    indentation alone tells an area, a risk and a control apart."""
    import json

    from layoutgen.model import Table

    def render(family: str, seed: int) -> tuple[dict, list[str]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_text() or "" for p in opened.pages]

    names = ("plan_title_row_tables", "follow_up_findings_appendix", "tool_indented_tree")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    cards = generated("plan_title_row_tables", 1000)
    assert cards.choices["structure"] == "title_row_tables"
    exp, pages = render("plan_title_row_tables", 1000)
    text = " ".join(" ".join(pages).split())
    tables = [b for b in cards.blocks if isinstance(b, Table)]
    assert len(tables) == len(exp["risks"]) and all(len(t.widths) == 2 for t in tables)
    for table, risk in zip(tables, exp["risks"], strict=True):
        first = table.body[0].cells
        assert len(first) == 1 and first[0].colspan == 2 and first[0].bold
        assert risk["risk"] in first[0].text and risk["risk"] in text
        assert risk["probability"] and risk["consequence"] and risk["risk_value"]
    assert re.search(r"Kontroll(moment)? 2", text)
    assert len(exp["controls"]) > len(exp["risks"])

    follow = generated("follow_up_findings_appendix", 1001)
    exp, pages = render("follow_up_findings_appendix", 1001)
    last = " ".join(pages[-1].split())
    before = " ".join(" ".join(pages[:-1]).split())
    assert {r["page"] for r in exp["risks"]} == {len(pages)}
    for risk in exp["risks"]:
        start = " ".join(risk["risk"].split()[:2])  # the title wraps in its narrow cell
        assert start in last and risk["risk"] not in before and risk["process"]
    for control in exp["controls"]:
        assert control["control"] in before and control["result"] and control["action"]
        assert control["page"] < len(pages)
    labels = follow.choices["labels"]
    assert isinstance(labels, dict) and labels["status"] in ("Bedömning", "Status",
                                                            "Samlad bedömning")

    tree = generated("tool_indented_tree", 1002)
    exp, pages = render("tool_indented_tree", 1002)
    (table,) = [b for b in tree.blocks if isinstance(b, Table)]
    firsts = [row.cells[0] for row in table.body]
    areas = list(dict.fromkeys(r["process"] for r in exp["risks"]))
    assert [c.text for c in firsts if not c.indent] == areas
    depth = sorted({c.indent for c in firsts})
    assert len(depth) == 3 and depth[0] == 0 and depth[2] == 2 * depth[1]
    for row in table.body:  # the values on the risk's row only
        assert bool(any(c.text for c in row.cells[1:])) == bool(row.cells[0].indent)
    titles = [c.text for c in firsts if c.indent == depth[1]]
    assert titles == [r["risk"] for r in exp["risks"]]
    for risk in exp["risks"]:
        assert risk["probability"] and risk["risk_value"]
    assert len(exp["controls"]) >= len(exp["risks"])


def test_bracketed_items_checkbox_forms_and_traffic_words_reach_the_page(
        tmp_path: Path) -> None:
    """The round-29 families show in the PDF and the expected rows: a plan whose controls are
    items of one cell, each with its own responsible and frequency after it and no column for
    them; a follow-up form per risk whose S and K are the ticked box of a row of boxes on the
    scale and whose questions are answered with ticked boxes; a plan whose risk value is only
    a colour word, the colours declared on a page before the plan."""
    import json

    from layoutgen.model import Table

    def render(family: str, seed: int) -> tuple[dict, list[str]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_text() or "" for p in opened.pages]

    names = ("plan_bracketed_items", "follow_up_checkbox_forms", "plan_traffic_words")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    items = generated("plan_bracketed_items", 1000)
    assert items.choices["structure"] == "bracketed_items"
    exp, pages = render("plan_bracketed_items", 1000)
    text = " ".join(" ".join(pages).split())
    labels = items.choices["labels"]
    assert isinstance(labels, dict)
    (table,) = [b for b in items.blocks if isinstance(b, Table)] or [None]
    assert table is not None
    heads = [c.text for c in table.header[0].cells]
    assert labels["responsible"] not in heads and labels["frequency"] not in heads
    assert len(table.body) == len(exp["risks"])  # one row per risk (area rows aside: none)
    for control in exp["controls"]:
        assert control["responsible"] and control["frequency"]
        assert control["responsible"].split()[0] in text
    multi = [row for row in table.body if len(row.cells[-1].line_marks) > 1]
    assert multi and all(len(r.cells[-1].text.split("\n")) == len(r.cells[-1].line_marks)
                         for r in multi)
    assert len(exp["controls"]) > len(exp["risks"])

    forms = generated("follow_up_checkbox_forms", 1001)
    exp, pages = render("follow_up_checkbox_forms", 1001)
    text = " ".join(" ".join(pages).split())
    tables = [b for b in forms.blocks if isinstance(b, Table) and b.widths[0] == 2.2]
    assert len(tables) == len(exp["risks"])
    for table, risk in zip(tables, exp["risks"], strict=True):
        ticked = [[c.text for c in row.cells[1:]] for row in table.body if len(row.cells) == 5]
        assert len(ticked) == 2  # S and K as rows of four boxes
        for boxes, value in zip(ticked, (risk["probability"], risk["consequence"]), strict=True):
            marked = [i + 1 for i, b in enumerate(boxes) if "☒" in b or "■" in b]
            assert marked == [value]
    assert re.search(r"[☒■] (Ja|Delvis|Nej)", text) and re.search(r"[☐□] Nej", text)
    for control in exp["controls"]:
        assert control["result"] and " ".join(control["result"].split()[:3]) in text

    plan = generated("plan_traffic_words", 1002)
    assert plan.choices["r_style"] == "traffic"
    exp, pages = render("plan_traffic_words", 1002)
    first = " ".join(pages[0].split())
    assert "Röd" in first and "röd = mycket hög risk" in first
    assert {r["page"] for r in exp["risks"]} and min(r["page"] for r in exp["risks"]) > 1
    words = {"low": "Grön", "medium": "Gul", "high": "Orange", "very high": "Röd"}
    later = " ".join(" ".join(pages[1:]).split())
    for risk in exp["risks"]:
        assert risk["risk_value"] is None and risk["risk_level"] in words
        assert words[risk["risk_level"]] in later


def test_side_by_side_area_rows_and_merged_valign_reach_the_page(tmp_path: Path) -> None:
    """The round-30 families show in the PDF and the expected rows: per area a risk table and
    its control table side by side on the page, the controls naming their risk's number; a
    plan whose areas are ordinary numbered rows of its grid over risks numbered "1.1" and
    closed by count rows; an Excel plan whose merged risk cells keep their text at the bottom
    or in the middle, the title below its first control's line."""
    import json

    from layoutgen.model import Table

    def render(family: str, seed: int) -> tuple[dict, list[list[dict]]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_words() for p in opened.pages]

    names = ("plan_side_by_side", "plan_numbered_area_rows", "excel_merged_valign")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    side = generated("plan_side_by_side", 1001)
    assert side.choices["structure"] == "side_by_side"
    exp, pages = render("plan_side_by_side", 1001)
    pairs = [b for b in side.blocks if isinstance(b, Table) and len(b.widths) == 3
             and b.body[0].cells[0].inner is not None]
    assert len(pairs) == len({r["process"] for r in exp["risks"]}) >= 2
    numbers: list[str] = []
    for pair in pairs:
        left, right = pair.body[0].cells[0].inner, pair.body[0].cells[2].inner
        assert left is not None and right is not None
        numbers += [row.cells[0].text for row in left.body]
        refs = [row.cells[0].text for row in right.body if row.cells[0].text]
        assert set(refs) <= {row.cells[0].text for row in left.body}
    assert len(numbers) == len(exp["risks"])
    assert any(len(p.body[0].cells[2].inner.body) != len(p.body[0].cells[0].inner.body)  # type: ignore[union-attr]
               for p in pairs)  # the two tables' rows not aligned
    for control in exp["controls"]:  # a control on its risk's page, right of the risks
        assert control["page"] == exp["risks"][control["risk_index"]]["page"]
    words = [w for page in pages for w in page]
    mid = max(float(w["x1"]) for w in words) / 2
    firsts = {r["risk"].split()[0] for r in exp["risks"]}
    assert any(w["text"] in firsts and float(w["x0"]) < mid for w in words)
    assert any(w["text"] == c["control"].split()[0] and float(w["x0"]) > mid
               for c in exp["controls"] for w in words)

    rows = generated("plan_numbered_area_rows", 1005)
    assert rows.choices["heading"] == "area_row" and rows.choices["area_count"] == "both"
    exp, pages = render("plan_numbered_area_rows", 1005)
    (table,) = [b for b in rows.blocks if isinstance(b, Table)]
    columns = rows.choices["columns"]
    assert isinstance(columns, list)
    nr, risk = columns.index("nr"), columns.index("risk")
    areas = [r for r in table.body if r.cells[nr].text.isdigit()]
    assert [a.cells[risk].text for a in areas] == list(dict.fromkeys(
        r["process"] for r in exp["risks"]))
    assert all(len(a.cells) == len(columns) and a.kind == "body" for a in areas)  # no band
    shown = [r.cells[nr].text for r in table.body if re.fullmatch(r"\d+\.\d+", r.cells[nr].text)]
    assert len(shown) == len(exp["risks"]) and shown[0] == "1.1"
    counts = [r for r in table.body if "risker" in r.cells[risk].text]
    assert len(counts) == len(areas)  # a count row closing each area
    assert all("kontroll" in r.cells[columns.index("control")].text for r in counts)
    text = " ".join(w["text"] for page in pages for w in page)
    assert "1.1" in text and counts[0].cells[risk].text.split()[-1] in text

    merged = generated("excel_merged_valign", 1003)
    assert merged.choices["merged_valign"] == "middle"
    exp, pages = render("excel_merged_valign", 1003)
    (table,) = [b for b in merged.blocks if isinstance(b, Table)]
    tall = [c for r in table.body for c in r.cells if c.rowspan > 1]
    assert tall and all(c.valign == "middle" for c in tall)

    def tops(page: list[dict], phrase: str) -> list[float]:
        """Given a page's words and a phrase, the tops of its first three words in a row."""
        want = phrase.split()[:3]
        return [float(page[i]["top"]) for i in range(len(page) - len(want) + 1)
                if [w["text"] for w in page[i:i + len(want)]] == want]

    checked = 0
    for r in exp["risks"]:
        controls = [c for c in exp["controls"] if exp["risks"][c["risk_index"]] is r]
        if len(controls) < 2 or controls[0]["page"] != r["page"]:
            continue
        page = pages[r["page"] - 1]
        title, first = tops(page, r["risk"]), tops(page, controls[0]["control"])
        if len(title) == 1 and len(first) == 1:
            assert title[0] > first[0] + 2  # the title beside a later control, not the first
            checked += 1
    assert checked >= 2


def test_record_rows_comment_rows_and_controls_before_risks_reach_the_page(
        tmp_path: Path) -> None:
    """The round-31 families show in the PDF and the expected rows: a register whose every
    risk is a two-row record, its description across the columns under its id, title and
    values; a follow-up whose status is only a symbol and whose every control row is
    followed by a row of its comment; a plan giving per area its controls first, above or
    left of its risks, naming them by ids built on the area's letter ("A.1", "A1")."""
    import json

    from layoutgen.model import Table

    def render(family: str, seed: int) -> tuple[dict, list[list[dict]]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_words() for p in opened.pages]

    def tops(page: list[dict], phrase: str, key: str = "top") -> list[float]:
        """Given a page's words and a phrase, the tops (or another key) of its first three
        words in a row."""
        want = phrase.split()[:3]
        return [float(page[i][key]) for i in range(len(page) - len(want) + 1)
                if [w["text"] for w in page[i:i + len(want)]] == want]

    names = ("register_record_rows", "follow_up_comment_rows", "plan_controls_before_risks")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    for seed in (1, 3):  # a plan with its controls in the first row; a process column
        record = generated("register_record_rows", seed)
        assert record.choices["structure"] == "record_rows"
        exp, pages = render("register_record_rows", seed)
        rows = [r for b in record.blocks if isinstance(b, Table) for r in b.body]
        width = len(record.choices["columns"]) - 1  # type: ignore[arg-type]
        second = [r for r in rows if r.cells[-1].colspan >= width - 1]
        assert [r.cells[-1].text.split(": ", 1)[-1] for r in second] == [
            r["description"] for r in exp["risks"]]
        assert all(r["description"] and r["risk"] for r in exp["risks"])
        assert all(len(r.cells) in (1, 2) for r in second)  # across all, or all but the id
        assert len(exp["controls"]) >= (len(exp["risks"]) if seed == 1 else 0)
        checked = 0
        for r in exp["risks"]:
            page = pages[r["page"] - 1]
            title, text = tops(page, r["risk"]), tops(page, r["description"])
            if len(title) == 1 and len(text) == 1:
                assert text[0] > title[0]  # the description under its title
                checked += 1
        assert checked >= 2

    follow = generated("follow_up_comment_rows", 6)
    assert follow.choices["structure"] == "comment_rows" and follow.look.font == "dejavu"
    exp, pages = render("follow_up_comment_rows", 6)
    (table,) = [b for b in follow.blocks if isinstance(b, Table)]
    status = [c.text for c in table.header[0].cells].index(
        follow.choices["labels"]["status"])  # type: ignore[index]
    symbols = {r.cells[status].text for r in table.body
               if r.kind == "body" and len(r.cells) == len(table.widths)}
    assert symbols and symbols <= {"●", "◐", "○", "✔", "✘", "⬤", "◑", "◯"}
    free = [r.cells[-1].text for r in table.body if r.cells[-1].colspan > 1
            and r.kind == "body"]
    assert len(free) == len(exp["controls"])
    for text, control in zip(free, exp["controls"], strict=True):
        assert control["comment"] and control["comment"] in text and control["result"]
        assert control["action"] is None or control["action"] in text
    words = " ".join(w["text"] for page in pages for w in page)
    assert exp["controls"][0]["comment"].split()[0] in words

    for seed, side in ((3, False), (5, True)):
        plan = generated("plan_controls_before_risks", seed)
        assert plan.choices["structure"] == "controls_first"
        exp, pages = render("plan_controls_before_risks", seed)
        areas = list(dict.fromkeys(r["process"] for r in exp["risks"]))
        assert len(areas) >= 2
        ids: list[str] = []
        refs: list[str] = []
        tables = [b for b in plan.blocks if isinstance(b, Table)]
        if side:
            pairs = [t for t in tables if t.body[0].cells[0].inner is not None]
            assert len(pairs) == len(areas)
            tables = [t for p in pairs for t in (p.body[0].cells[0].inner,
                                                   p.body[0].cells[2].inner) if t is not None]
        assert len(tables) == 2 * len(areas)
        for controls, risks in zip(tables[::2], tables[1::2], strict=True):
            refs += [r.cells[0].text for r in controls.body if r.cells[0].text]
            ids += [r.cells[0].text for r in risks.body]
        assert set(refs) <= set(ids) and len(ids) == len(exp["risks"])
        assert ids[0] in ("A.1", "A1") and all(i[0] in "ABCD" for i in ids)
        first, risk = exp["controls"][0], exp["risks"][0]
        page = pages[first["page"] - 1]
        if first["page"] == risk["page"]:
            (c_top,), (r_top,) = tops(page, first["control"]), tops(page, risk["risk"])
            if side:  # the controls left of the risks
                (c_x,), (r_x,) = (tops(page, first["control"], "x0"),
                                  tops(page, risk["risk"], "x0"))
                assert c_x + 100 < r_x
            else:
                assert c_top < r_top  # the controls above the risks


def test_radio_values_times_pairs_and_code_band_parts_reach_the_page(tmp_path: Path) -> None:
    """The round-32 families show in the PDF and the expected rows: S and K as a form's row
    of round options with the chosen one filled ("○ ○ ◉ ○"); S and K as a product's factors in
    one cell ("3×4", "3 x 4") beside the level with its number ("Hög (12)"), risks on lettered
    areas ("A.1"); a plan's one table broken every few risks, the later parts under a shaded
    band of short codes only."""
    import json

    from layoutgen.compose import LEVEL_NAMES, LEVEL_WORDS, SK_SIGNS
    from layoutgen.model import PageBreak, Table

    def render(family: str, seed: int) -> tuple[dict, list[list[dict]]]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, [p.extract_words() for p in opened.pages]

    names = ("plan_radio_values", "register_sk_times_levels", "plan_code_band_continued")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    marks = set()
    for seed in range(4):
        doc = generated("plan_radio_values", seed)
        assert doc.choices["value_style"] == "radio" and doc.look.font == "dejavu"
        exp, pages = render("plan_radio_values", seed)
        cols = doc.choices["columns"]
        assert isinstance(cols, list)
        s_at, k_at = cols.index("s"), cols.index("k")
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        rows = [r for t in tables for r in t.body if len(r.cells) == len(t.widths)
                and r.cells[s_at].text]
        assert len(rows) == len(exp["risks"]) >= 4
        mark = str(doc.choices.get("radio_mark", "◉"))
        marks.add(mark)
        for row, risk in zip(rows, exp["risks"], strict=True):
            for at, key in ((s_at, "probability"), (k_at, "consequence")):
                options = [o for o in row.cells[at].text if o in "○◉●"]
                assert len(options) == doc.choices["scale"] and options.count(mark) == 1
                assert options.index(mark) + 1 == risk[key]
        words = "".join(w["text"] for page in pages for w in page)
        assert mark in words and "○" in words
    assert marks == {"◉", "●"}

    signs = set()
    for seed in range(4):
        doc = generated("register_sk_times_levels", seed)
        exp, pages = render("register_sk_times_levels", seed)
        cols = doc.choices["columns"]
        assert isinstance(cols, list) and "sk" in cols and "r" in cols
        sk_at, r_at, nr_at = cols.index("sk"), cols.index("r"), cols.index("nr")
        sign = SK_SIGNS[str(doc.choices["sk_style"])]
        signs.add(sign)
        rows = [r for b in doc.blocks if isinstance(b, Table) for r in b.body
                if len(r.cells) == len(b.widths) and r.cells[nr_at].text]
        assert len(rows) == len(exp["risks"]) >= 4
        for row, risk in zip(rows, exp["risks"], strict=True):
            assert row.cells[sk_at].text == f"{risk['probability']}{sign}{risk['consequence']}"
            word = LEVEL_WORDS[LEVEL_NAMES.index(risk["risk_level"])]
            assert row.cells[r_at].text == f"{word} ({risk['risk_value']})"
            if doc.choices["number_style"] in ("letter", "letter_plain"):
                assert row.cells[nr_at].text[0] in "ABCD"
        words = " ".join(w["text"] for page in pages for w in page)
        assert f"({exp['risks'][0]['risk_value']})" in words
    assert len(signs) >= 2

    for seed in range(3):
        doc = generated("plan_code_band_continued", seed)
        exp, pages = render("plan_code_band_continued", seed)
        every = int(doc.choices["code_band"])  # type: ignore[call-overload]
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        breaks = [b for b in doc.blocks if isinstance(b, PageBreak)]
        parts = -(-len(exp["risks"]) // every)
        assert len(tables) == parts >= 2 and len(breaks) == parts - 1
        labels = doc.choices["labels"]
        assert isinstance(labels, dict)
        assert [c.text for c in tables[0].header[0].cells] == [
            labels[c] for c in doc.choices["columns"]]  # type: ignore[union-attr]
        for later in tables[1:]:
            (band,) = later.header
            assert all(c.fill == "#d9d9d9" and c.bold for c in band.cells)
            assert all(len(c.text) <= 11 for c in band.cells)
        assert len(pages) >= parts
        first_risks = [r for r in exp["risks"] if r["page"] == 1]
        assert len(first_risks) == every


def test_assessment_who_when_and_control_method_cells_reach_the_page(tmp_path: Path) -> None:
    """The round-33 families show in the PDF and the expected rows: the whole assessment in
    one cell ("Sannolikhet: 3" / "Konsekvens: 4" / "Riskvärde: 12", "S = 3" ..., "S=3 K=4
    R=12") with no S, K or R column; the control's responsible and frequency in one cell
    ("Ekonomichef / Kvartalsvis"); the control's method under the control in its cell."""
    import json

    from layoutgen.compose import ASSESS_SK, WHO_WHEN_SEPARATORS
    from layoutgen.model import Table

    def render(family: str, seed: int) -> tuple[dict, str]:
        pdf = build(Job(family, seed, "reportlab", "tune", tmp_path))
        exp = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text("utf-8"))
        with pdfplumber.open(pdf) as opened:
            return exp, " ".join(w["text"] for p in opened.pages for w in p.extract_words())

    names = ("plan_assessment_cell", "plan_who_when_cell", "plan_control_method_cell")
    assert set(names) <= set(HELDOUT) and not set(names) & set(FAMILIES)
    for name in names:
        assert built(tmp_path / "a", name, 1000) == built(tmp_path / "b", name, 1000)

    def cells(doc: object, col: str) -> list[str]:
        cols = doc.choices["columns"]  # type: ignore[attr-defined]
        at = cols.index(col)
        return [r.cells[at].text for b in doc.blocks  # type: ignore[attr-defined]
                if isinstance(b, Table) for r in b.body
                if len(r.cells) == len(b.widths) and r.cells[at].text]

    def every_cell(doc: object) -> list[str]:
        return [c.text for b in doc.blocks  # type: ignore[attr-defined]
                if isinstance(b, Table) for r in b.body for c in r.cells]

    styles = set()
    for seed in range(5):
        doc = generated("plan_assessment_cell", seed)
        exp, words = render("plan_assessment_cell", seed)
        cols = doc.choices["columns"]
        assert isinstance(cols, list) and "sk" in cols and not {"s", "k", "r"} & set(cols)
        style = str(doc.choices["sk_style"])
        assert style in ASSESS_SK
        styles.add(style)
        texts = cells(doc, "sk")
        assert len(texts) == len(exp["risks"]) >= 4
        for text, risk in zip(texts, exp["risks"], strict=True):
            numbers = [int(n) for n in re.findall(r"\d+", text)]
            assert numbers == [risk["probability"], risk["consequence"], risk["risk_value"]]
        first = exp["risks"][0]
        assert f"{first['risk_value']}" in words
    assert len(styles) >= 2

    seps = set()
    for seed in range(6):
        doc = generated("plan_who_when_cell", seed)
        exp, words = render("plan_who_when_cell", seed)
        cols = doc.choices["columns"]
        assert isinstance(cols, list) and "who_when" in cols
        assert "responsible" not in cols and "frequency" not in cols
        sep = WHO_WHEN_SEPARATORS[str(doc.choices["who_when"])]
        seps.add(sep)
        texts = every_cell(doc)
        controls = exp["controls"]
        assert len(controls) >= 4 and all(c["responsible"] for c in controls)
        for c in controls:
            pair = [c["responsible"], c["frequency"]]
            if doc.choices.get("when_first"):
                pair.reverse()
            assert sep.join(pair) in texts
        assert controls[0]["responsible"].split()[0] in words
    assert len(seps) >= 3

    for seed in range(4):
        doc = generated("plan_control_method_cell", seed)
        exp, words = render("plan_control_method_cell", seed)
        cols = doc.choices["columns"]
        assert isinstance(cols, list) and "control" in cols and "method" not in cols
        tops = {t.split("\n")[0]: t for t in every_cell(doc) if "\n" in t}
        controls = exp["controls"]
        assert len(controls) >= 4 and all(c["method"] for c in controls)
        for c in controls:
            _, below = tops[c["control"]].split("\n")
            assert below.endswith(c["method"]) and below != c["control"]
        assert controls[0]["method"].split()[0] in words
