"""Building generated documents: compose, render with an engine, write the expectation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from .compose import compose
from .expected import expected_document, write_expected
from .families import FAMILIES, HELDOUT, REPORT_SEEDS, TUNE_SEEDS, family_spec
from .model import GeneratedDoc
from .render_rl import render_reportlab

ENGINES = ("reportlab", "libreoffice")


@dataclass(frozen=True, slots=True)
class Job:
    """One document to build: family, seed, engine, split and output folder."""

    family: str
    seed: int
    engine: str
    split: str
    out: Path

    @property
    def stem(self) -> Path:
        """Given the job, the output path without extension."""
        return self.out / self.split / self.family / f"{self.family}_{self.seed}_{self.engine}"


def generated(family: str, seed: int) -> GeneratedDoc:
    """Given a family and a seed, the composed document (the same on every run)."""
    spec, rng = family_spec(family, seed)
    return compose(spec, rng, family, seed)


def page_count(path: Path) -> int:
    """Given a PDF, its number of pages."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def build(job: Job) -> Path:
    """Given a job, write its PDF and NAME.expected.json; the PDF's path."""
    doc = generated(job.family, job.seed)
    pdf = job.stem.with_suffix(".pdf")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if job.engine == "reportlab":
        pages = render_reportlab(doc, pdf)
    elif job.engine == "libreoffice":
        from .render_lo import render_libreoffice

        pages = render_libreoffice(doc, pdf)
    else:
        raise ValueError(f"unknown engine {job.engine!r}")
    data = expected_document(doc, pages, page_count(pdf), engine=job.engine,
                             variant="born_digital", split=job.split)
    write_expected(data, pdf.with_name(pdf.stem + ".expected.json"))
    return pdf


def jobs_for(split: str, engines: tuple[str, ...], out: Path,
             families: tuple[str, ...] | None = None) -> list[Job]:
    """Given a split (tune, report, heldout), engines and output folder, the jobs."""
    if split == "heldout":
        names, seeds = tuple(HELDOUT), REPORT_SEEDS
    else:
        names, seeds = tuple(FAMILIES), TUNE_SEEDS if split == "tune" else REPORT_SEEDS
    if families:
        names = tuple(n for n in names if n in families)
    return [Job(f, s, e, split, out) for f in names for s in seeds for e in engines]
