"""Long scanned documents for the page-triage bench: minutes and report prose with a few
internal-control pages inside, scanned (corpus/damage.py), and the triage figures.

Two sets. ``tuned`` (the triage rules were developed on it): prose pages are seed 003's
agenda half (real Swedish minutes text) set with reportlab; the internal-control pages
and budget tables are pages of the sample corpus' born-digital PDFs. ``untuned`` (session
27, written before the triage was measured on it): the internal-control pages are the
generator's held-out families at their report seeds (corpus/layoutgen, reportlab), among
the agenda prose, prose about internal control (seeds 000 and 004: an
internkontrollrapport's introduction), annual-report tables of figures (ruled and
unruled: results, balance, operating costs per committee, key figures) and lists of
delegation decisions in columns. Each document is then scanned page by page (200 dpi,
skew, noise, JPEG) into an image-only PDF. ``triage_figures`` runs the pipeline on each
with page triage and with full OCR (OCR cache off both times) and compares OCR CPU
seconds and rows.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus"))

import damage  # type: ignore[import-not-found]  # noqa: E402

SEEDS = Path("/work/shared/seeds")
SEED_003 = SEEDS / "003_a20cc69f81c2330a.txt"
CORPUS = ROOT / "corpus"


@dataclass(frozen=True)
class Part:
    """A run of pages (1-based, inclusive; last 0: to the end) of a source: "prose" (agenda
    prose), "ic-prose" (prose about internal control), "figures" (annual-report tables),
    "delegation" (lists of delegation decisions), "gen:FAMILY:SEED" (a generated document)
    or a corpus path."""

    source: str
    first: int
    last: int


# (name, parts): internal-control pages are 3..8 among 40..64 pages
DOCUMENTS: dict[str, list[Part]] = {
    "protokoll_med_uppfoljning": [
        Part("Kalmar/2020/ks_arbetsutskott_2019-12-17_med_riskanalys_2020.pdf", 1, 3),
        Part("prose", 1, 18),
        Part("Sigtuna/2023/helarsuppfoljning_internkontrollplan_2023.pdf", 1, 4),
        Part("prose", 19, 34),
        Part("Kalmar/2020/verksamhetsplan_internbudget_2020.pdf", 1, 4),
    ],
    "arsredovisning_med_internkontroll": [
        Part("prose", 35, 50),
        Part("Kalmar/2020/verksamhetsplan_internbudget_2020.pdf", 5, 7),
        Part("prose", 51, 62),
        Part("Norrtälje/2025/internkontrollrapport_ks_april_2025.pdf", 1, 6),
        Part("prose", 63, 72),
        Part("Eskilstuna/2024/internkontrollrapport_2024_arbetsmarknadsnamnden.pdf", 4, 6),
        Part("prose", 73, 80),
    ],
}


# (name, parts): the untuned set, built from sources the triage rules never saw
UNTUNED: dict[str, list[Part]] = {
    "kf_protokoll_med_bilagor": [
        Part("prose", 1, 12),
        Part("delegation", 1, 3),
        Part("prose", 13, 24),
        Part("gen:protokoll_plan_items:1000", 1, 0),
        Part("prose", 25, 40),
        Part("gen:minutes_follow_up_cards:1001", 1, 0),
        Part("prose", 41, 48),
    ],
    "arsredovisning_2024": [
        Part("prose", 1, 20),
        Part("figures", 1, 6),
        Part("prose", 21, 34),
        Part("ic-prose", 1, 2),
        Part("gen:report_chapter_plan:1000", 1, 0),
        Part("gen:report_follow_up:1001", 1, 0),
        Part("prose", 35, 50),
        Part("figures", 7, 12),
        Part("prose", 51, 58),
    ],
    "delarsrapport_med_uppfoljning": [
        Part("ic-prose", 3, 4),
        Part("prose", 61, 70),
        Part("figures", 13, 16),
        Part("prose", 71, 80),
        Part("gen:unruled_follow_up_words:1000", 1, 0),
        Part("prose", 1, 10),
        Part("gen:report_cards_decimal:1002", 1, 0),
        Part("prose", 11, 20),
    ],
    "ks_protokoll_riskanalys": [
        Part("prose", 21, 36),
        Part("gen:memo_risk_titles_follow_up:1000", 1, 0),
        Part("prose", 37, 50),
        Part("delegation", 4, 6),
        Part("prose", 51, 62),
        Part("gen:excel_abbrev_right:1001", 1, 0),
        Part("ic-prose", 5, 6),
        Part("prose", 63, 74),
    ],
}

SETS = {"tuned": DOCUMENTS, "untuned": UNTUNED}


def ic_prose() -> list[str]:
    """Given nothing, the prose paragraphs of seeds 000 and 004 (about internal control)."""
    paragraphs = []
    for name in ("000_bb03d43e53b82da6.txt", "004_977ef8c6729c1ad8.txt"):
        text = (SEEDS / name).read_text("utf-8")
        paragraphs += [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return [p for p in paragraphs if len(p) > 150 and p.count("|") < 2]


def agenda_prose() -> list[str]:
    """Given nothing, the paragraphs of seed 003's agenda half (before the risk analysis)."""
    text = SEED_003.read_text("utf-8")
    cut = text.find("Riskanalys och intern kontrollplan 2020")
    half = text[: cut if cut > 0 else len(text) // 2]
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", half)]
    return [p for p in paragraphs if len(p) > 40]


def prose_pdf(path: Path, pages: int, paragraphs: list[str] | None = None) -> None:
    """Given a path, a page count and paragraphs (the agenda's by default), a born-digital
    PDF of that many pages of prose under numbered § headings."""
    from reportlab.platypus import PageBreak, Paragraph

    styles = pdf_styles()
    paragraphs = paragraphs or agenda_prose()
    story = []
    n = 0
    for page in range(pages):
        story.append(Paragraph(f"§ {100 + page} Ärende {page + 1}", styles["head"]))
        for _ in range(7):
            story.append(
                Paragraph(paragraphs[n % len(paragraphs)].replace("&", "&amp;"), styles["body"])
            )
            n += 1
        story.append(PageBreak())
    write_pages(path, story, pages)


def pdf_styles() -> dict[str, object]:
    """Given nothing, the body and heading styles of the bench's own pages (Vera fonts)."""
    from reportlab.lib.styles import getSampleStyleSheet

    sys.path.insert(0, str(CORPUS))
    import build  # type: ignore[import-not-found]

    build.register_fonts()
    styles = getSampleStyleSheet()
    return {
        "body": styles["BodyText"].clone("body", fontName="Vera", fontSize=10.5, leading=14),
        "head": styles["Heading2"].clone("head", fontName="VeraBd"),
    }


def write_pages(path: Path, story: list[object], pages: int) -> None:
    """Given a path, a reportlab story and a page count, the PDF cut to exactly that many."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    doc = pdfium.PdfDocument(path)  # keep exactly `pages` pages (a long § may run over)
    while len(doc) > pages:
        doc.del_page(len(doc) - 1)
    doc.save(str(path) + ".tmp")
    doc.close()
    Path(str(path) + ".tmp").replace(path)


FIGURE_TABLES = (
    ("Resultaträkning (mnkr)", ("Verksamhetens intäkter", "Verksamhetens kostnader",
     "Avskrivningar", "Verksamhetens nettokostnad", "Skatteintäkter",
     "Generella statsbidrag och utjämning", "Finansiella intäkter", "Finansiella kostnader",
     "Resultat efter finansiella poster", "Årets resultat")),
    ("Balansräkning (mnkr)", ("Immateriella anläggningstillgångar", "Mark, byggnader och "
     "tekniska anläggningar", "Maskiner och inventarier", "Finansiella anläggningstillgångar",
     "Förråd och exploateringsfastigheter", "Fordringar", "Kassa och bank",
     "Summa tillgångar", "Eget kapital", "Avsättningar", "Långfristiga skulder",
     "Kortfristiga skulder")),
    ("Driftredovisning per nämnd (tkr)", ("Kommunstyrelsen", "Barn- och utbildningsnämnden",
     "Socialnämnden", "Kultur- och fritidsnämnden", "Samhällsbyggnadsnämnden",
     "Miljö- och hälsoskyddsnämnden", "Överförmyndarnämnden", "Revisionen",
     "Valnämnden", "Summa nämnder")),
    ("Nyckeltal", ("Antal invånare 31 december", "Skattesats (kr)", "Soliditet (%)",
     "Nettokostnadsandel (%)", "Investeringsvolym (mnkr)", "Självfinansieringsgrad (%)",
     "Låneskuld per invånare (kr)", "Antal anställda", "Sjukfrånvaro (%)")),
)


def figures_pdf(path: Path, pages: int) -> None:
    """Given a path and a page count, pages of annual-report tables of figures: a heading,
    a paragraph and a table of budget and outcome, ruled on even pages, unruled on odd."""
    import random

    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

    styles = pdf_styles()
    rng = random.Random("figures")
    story: list[object] = []
    for page in range(pages):
        title, items = FIGURE_TABLES[page % len(FIGURE_TABLES)]
        year = 2024 - page // len(FIGURE_TABLES)
        story.append(Paragraph(f"{title} {year}", styles["head"]))
        story.append(
            Paragraph(
                "Tabellen visar utfallet för året jämfört med budget och föregående år. "
                "Avvikelser kommenteras i förvaltningsberättelsen.",
                styles["body"],
            )
        )
        rows = [["", f"Utfall {year - 1}", f"Budget {year}", f"Utfall {year}", "Avvikelse"]]
        for item in items:
            a, b = rng.randint(-900, 4000), rng.randint(-900, 4000)
            c = b + rng.randint(-120, 120)
            rows.append([item, f"{a:,}".replace(",", " "), f"{b:,}".replace(",", " "),
                         f"{c:,}".replace(",", " "), f"{c - b:,}".replace(",", " ")])
        table = Table(rows, colWidths=[190, 70, 70, 70, 70])
        style = [("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                 ("FONTNAME", (0, 0), (-1, 0), "VeraBd"), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
        if page % 2 == 0:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        table.setStyle(TableStyle(style))
        story += [table, PageBreak()]
    write_pages(path, story, pages)


DELEGATES = ("Förvaltningschef", "Enhetschef", "Ekonomichef", "Handläggare", "Ordförande")
DECISIONS = ("Beslut om bistånd enligt 4 kap. 1 § SoL", "Tilldelningsbeslut i upphandling",
             "Anställning av personal", "Yttrande till länsstyrelsen", "Beslut om bygglov",
             "Avskrivning av fordran", "Attest av faktura över 100 000 kr",
             "Beslut om tillfällig föreskrift")


def delegation_pdf(path: Path, pages: int) -> None:
    """Given a path and a page count, pages listing delegation decisions in unruled columns
    (date, decision, delegate, number): a table structure that holds no risks."""
    import random

    from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

    styles = pdf_styles()
    rng = random.Random("delegation")
    story: list[object] = []
    for page in range(pages):
        story.append(Paragraph(f"Anmälan av delegationsbeslut, lista {page + 1}", styles["head"]))
        rows = [["Datum", "Beslut", "Delegat", "Dnr"]]
        for _ in range(24):
            rows.append([f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         rng.choice(DECISIONS), rng.choice(DELEGATES),
                         f"KS 2024/{rng.randint(10, 999)}"])
        table = Table(rows, colWidths=[70, 230, 100, 80])
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Vera"),
                                   ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                                   ("FONTNAME", (0, 0), (-1, 0), "VeraBd")]))
        story += [table, PageBreak()]
    write_pages(path, story, pages)


def generated_pdf(work: Path, family: str, seed: int) -> Path:
    """Given a work folder, a generator family and a seed, its reportlab PDF (built once)
    with its .expected.json beside it."""
    sys.path.insert(0, str(CORPUS))
    from layoutgen.build import Job, build  # type: ignore[import-not-found]

    job = Job(family, seed, "reportlab", "heldout", work / "gen")
    pdf: Path = job.stem.with_suffix(".pdf")
    return pdf if pdf.exists() else build(job)


def source_pdf(source: str, work: Path) -> Path:
    """Given a part's source and the work folder, the PDF its pages come from (built once)."""
    builders = {"prose": (prose_pdf, 80), "ic-prose": (ic_prose_pdf, 6),
                "figures": (figures_pdf, 16), "delegation": (delegation_pdf, 6)}
    if source in builders:
        path = work / f"{source}.pdf"
        if not path.exists():
            make, pages = builders[source]
            make(path, pages)
        return path
    if source.startswith("gen:"):
        _, family, seed = source.split(":")
        return generated_pdf(work, family, int(seed))
    return CORPUS / source


def ic_prose_pdf(path: Path, pages: int) -> None:
    """Given a path and a page count, pages of prose about internal control."""
    prose_pdf(path, pages, ic_prose())


def compose(parts: list[Part], work: Path, target: Path) -> tuple[int, list[int]]:
    """Given parts and the work folder, the born-digital long document; its page count and
    the pages that come from internal-control pages (those with expected rows)."""
    import json

    out = pdfium.PdfDocument.new()
    ic_pages: list[int] = []
    for part in parts:
        path = source_pdf(part.source, work)
        src = pdfium.PdfDocument(path)
        last = part.last or len(src)
        expected_path = path.with_suffix(".expected.json")
        if expected_path.exists():
            expected = json.loads(expected_path.read_text("utf-8"))
            rows = {r["page"] for r in expected["risks"] + expected["controls"]}
            ic_pages += [
                len(out) + p - part.first + 1 for p in range(part.first, last + 1) if p in rows
            ]
        out.import_pages(src, list(range(part.first - 1, last)))
    out.save(target)
    return len(out), ic_pages


def build_long_scans(
    work: Path, documents: dict[str, list[Part]] | None = None
) -> list[tuple[Path, int, list[int]]]:
    """Given a work folder and a set of documents (the tuned set by default), the scanned
    long documents (built once): path, pages, IC pages."""
    work.mkdir(parents=True, exist_ok=True)
    built = []
    for seed, (name, parts) in enumerate(sorted((documents or DOCUMENTS).items())):
        clean = work / f"{name}.clean.pdf"
        pages, ic = compose(parts, work, clean)
        scanned = work / "scans" / f"{name}.pdf"
        if not scanned.exists():
            scanned.parent.mkdir(exist_ok=True)
            damage.image_pdf(damage.scan(clean, 100 + seed, damage.ScanSettings()), scanned, name)
        built.append((scanned, pages, ic))
    return built


def rows_of(result: object) -> set[tuple[str, int, str]]:
    """Given a run result, its risk and control rows as (kind, page, text) for comparison."""
    risks = {("risk", r["page"], str(r["risk"])) for r in result.risks}  # type: ignore[attr-defined]
    controls = {("control", c["page"], str(c["control"])) for c in result.controls}  # type: ignore[attr-defined]
    return risks | controls


def cpu_seconds() -> float:
    """Given nothing, the CPU seconds of this process and its finished children (Tesseract)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def clean_rows(path: Path) -> dict[int, int]:
    """Given a scanned long document, its born-digital original's rows per page (text layer)."""
    from riskrad.model.settings import RunSettings
    from riskrad.pipeline import run

    clean = path.parent.parent / path.name.replace(".pdf", ".clean.pdf")
    folder = path.parent / f"{path.stem}-clean"
    folder.mkdir(exist_ok=True)
    (folder / path.name).write_bytes(clean.read_bytes())
    result = run(folder, RunSettings(use_cache=False))
    counts: dict[int, int] = {}
    for row in result.risks + result.controls:
        counts[row["page"]] = counts.get(row["page"], 0) + 1
    return counts


def sampled_page_cpu(path: Path, pages: list[int], sample: int) -> float:
    """Given a scanned PDF and pages triage skipped, the mean full-OCR CPU seconds of a
    spread sample of them (OCR cache off)."""
    from riskrad.model.settings import RunSettings
    from riskrad.pipeline import ocr_page

    picks = pages[:: max(1, len(pages) // sample)][:sample]
    started = cpu_seconds()
    for number in picks:
        ocr_page(path, number, RunSettings(use_cache=False))
    return (cpu_seconds() - started) / max(len(picks), 1)


def triage_figures(work: Path, sample: int = 0, name: str = "tuned") -> str:
    """Given a work folder, triage against full OCR on a set of long scans (SETS), as report
    lines; rows are also checked against the born-digital originals (no original row may
    lie on a skipped page).

    With ``sample`` > 0 the full OCR is not run: its CPU is the triage run's plus the
    skipped pages' at the mean CPU of ``sample`` of them OCR'd."""
    import os

    from riskrad.model.settings import RunSettings, TriageSettings
    from riskrad.pipeline import run

    os.environ["OMP_THREAD_LIMIT"] = "1"
    docs = build_long_scans(work / name if name != "tuned" else work, SETS[name])
    lines = []
    totals = {"triage": 0.0, "full": 0.0}
    for path, pages, ic in docs:
        folder = path.parent / path.stem
        folder.mkdir(exist_ok=True)
        (folder / path.name).write_bytes(path.read_bytes())
        started = cpu_seconds()
        triaged = run(folder, RunSettings(use_cache=False))
        triage_cpu = cpu_seconds() - started
        skipped = [p["page"] for p in triaged.pages if p["route"] == "skipped"]
        t_rows = rows_of(triaged)
        original = clean_rows(path)
        lost = sum(n for page, n in original.items() if page in skipped)
        versus = (
            f"born-digital original {sum(original.values())} rows, {lost} of them on skipped pages"
        )
        if sample:
            per_page = sampled_page_cpu(folder / path.name, skipped, sample)
            full_cpu = triage_cpu + per_page * len(skipped)
            rows = f"rows: triage {len(t_rows)}; {versus}"
            how = f"full estimated: skipped pages at {per_page:.1f} s each ({sample} OCR'd)"
        else:
            started = cpu_seconds()
            full = run(folder, RunSettings(use_cache=False, triage=TriageSettings(enabled=False)))
            full_cpu = cpu_seconds() - started
            f_rows = rows_of(full)
            rows = (
                f"rows: full {len(f_rows)}, triage {len(t_rows)}, both {len(t_rows & f_rows)}, "
                f"full's not in triage's {sorted(f_rows - t_rows)}; {versus}"
            )
            how = "full measured"
        totals["triage"] += triage_cpu
        totals["full"] += full_cpu
        lines.append(
            f"  {path.name}: {pages} pages, internal-control pages {ic}; triage OCR'd "
            f"{pages - len(skipped)}, skipped {len(skipped)}; CPU {triage_cpu:.0f} s vs full "
            f"{full_cpu:.0f} s = {triage_cpu / full_cpu:.0%} ({how}); {rows}"
        )
    share = totals["triage"] / totals["full"] if totals["full"] else 0.0
    return "\n".join(
        [
            f"page triage on {len(docs)} long scans ({name} set): OCR CPU {share:.0%} of full "
            "OCR (target <= 30%)",
            *lines,
        ]
    )


if __name__ == "__main__":
    work = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/riskrad-long-scans")
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    for name in sys.argv[3:] or ["tuned"]:
        print(triage_figures(work, sample, name))
