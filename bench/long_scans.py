"""Long scanned documents for the page-triage bench: minutes and report prose with a few
internal-control pages inside, scanned (corpus/damage.py), and the triage figures.

Prose pages are seed 003's agenda half (real Swedish minutes text) set with reportlab;
the internal-control pages and budget tables are pages of the sample corpus' born-digital
PDFs. Each document is then scanned page by page (200 dpi, skew, noise, JPEG) into an
image-only PDF. ``triage_figures`` runs the pipeline on each with page triage and with
full OCR (OCR cache off both times) and compares OCR CPU seconds and rows.
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

SEED_003 = Path("/work/shared/seeds/003_a20cc69f81c2330a.txt")
CORPUS = ROOT / "corpus"


@dataclass(frozen=True)
class Part:
    """A run of pages: prose pages (count) or pages of a corpus PDF (1-based, inclusive)."""

    source: str  # "prose" or a corpus path
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


def agenda_prose() -> list[str]:
    """Given nothing, the paragraphs of seed 003's agenda half (before the risk analysis)."""
    text = SEED_003.read_text("utf-8")
    cut = text.find("Riskanalys och intern kontrollplan 2020")
    half = text[: cut if cut > 0 else len(text) // 2]
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", half)]
    return [p for p in paragraphs if len(p) > 40]


def prose_pdf(path: Path, pages: int) -> None:
    """Given a path and a page count, a born-digital PDF of that many pages of minutes prose."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    sys.path.insert(0, str(CORPUS))
    import build  # type: ignore[import-not-found]

    build.register_fonts()
    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("body", fontName="Vera", fontSize=10.5, leading=14)
    head = styles["Heading2"].clone("head", fontName="VeraBd")
    paragraphs = agenda_prose()
    story = []
    n = 0
    for page in range(pages):
        story.append(Paragraph(f"§ {100 + page} Ärende {page + 1}", head))
        for _ in range(7):
            story.append(Paragraph(paragraphs[n % len(paragraphs)].replace("&", "&amp;"), body))
            n += 1
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    doc = pdfium.PdfDocument(path)  # keep exactly `pages` pages (a long § may run over)
    while len(doc) > pages:
        doc.del_page(len(doc) - 1)
    doc.save(str(path) + ".tmp")
    doc.close()
    Path(str(path) + ".tmp").replace(path)


def compose(parts: list[Part], prose: Path, target: Path) -> tuple[int, list[int]]:
    """Given parts and the prose PDF, the born-digital long document; its page count and the
    pages that come from internal-control pages of the corpus (those with expected rows)."""
    import json

    out = pdfium.PdfDocument.new()
    ic_pages: list[int] = []
    for part in parts:
        if part.source == "prose":
            src = pdfium.PdfDocument(prose)
        else:
            src = pdfium.PdfDocument(CORPUS / part.source)
            expected = json.loads(
                (CORPUS / part.source).with_suffix(".expected.json").read_text("utf-8")
            )
            rows = {r["page"] for r in expected["risks"] + expected["controls"]}
            ic_pages += [
                len(out) + p - part.first + 1 for p in range(part.first, part.last + 1) if p in rows
            ]
        out.import_pages(src, list(range(part.first - 1, part.last)))
    out.save(target)
    return len(out), ic_pages


def build_long_scans(work: Path) -> list[tuple[Path, int, list[int]]]:
    """Given a work folder, the scanned long documents (built once): path, pages, IC pages."""
    work.mkdir(parents=True, exist_ok=True)
    prose = work / "prose.pdf"
    if not prose.exists():
        prose_pdf(prose, 80)
    built = []
    for seed, (name, parts) in enumerate(sorted(DOCUMENTS.items())):
        clean = work / f"{name}.clean.pdf"
        pages, ic = compose(parts, prose, clean)
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


def triage_figures(work: Path, sample: int = 0) -> str:
    """Given a work folder, triage against full OCR on the long scans, as report lines.

    With ``sample`` > 0 the full OCR is not run: its CPU is the triage run's plus the
    skipped pages' at the mean CPU of ``sample`` of them OCR'd, and rows are checked
    against the born-digital originals (no original row may lie on a skipped page)."""
    import os

    from riskrad.model.settings import RunSettings, TriageSettings
    from riskrad.pipeline import run

    os.environ["OMP_THREAD_LIMIT"] = "1"
    docs = build_long_scans(work)
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
        if sample:
            per_page = sampled_page_cpu(folder / path.name, skipped, sample)
            full_cpu = triage_cpu + per_page * len(skipped)
            original = clean_rows(path)
            lost = sum(n for page, n in original.items() if page in skipped)
            rows = (
                f"rows: born-digital original {sum(original.values())}, triage "
                f"{len(t_rows)}, original rows on skipped pages {lost}"
            )
            how = f"full estimated: skipped pages at {per_page:.1f} s each ({sample} OCR'd)"
        else:
            started = cpu_seconds()
            full = run(folder, RunSettings(use_cache=False, triage=TriageSettings(enabled=False)))
            full_cpu = cpu_seconds() - started
            f_rows = rows_of(full)
            rows = (
                f"rows: full {len(f_rows)}, triage {len(t_rows)}, both {len(t_rows & f_rows)}, "
                f"lost {len(f_rows - t_rows)}"
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
            f"page triage on {len(docs)} long scans: OCR CPU {share:.0%} of full OCR "
            "(target <= 30%)",
            *lines,
        ]
    )


if __name__ == "__main__":
    work = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/riskrad-long-scans")
    print(triage_figures(work, int(sys.argv[2]) if len(sys.argv) > 2 else 0))
