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
    if doc.look.rotate:
        store_turned(pdf, doc.look.rotate)
    return write_expected_for(job, doc, pages)


def store_turned(pdf: Path, rotate: int) -> None:
    """Given a rendered PDF and 90 or 270, its pages stored the other way round (a landscape
    page kept as a portrait one): the content turned back by that much and /Rotate set, so a
    viewer that honours /Rotate shows each page as it was drawn."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:
        for page in opened.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            w, h = x1 - x0, y1 - y0
            # stored = shown turned against /Rotate: (x, y) -> (h - y, x) for 90,
            # (y, w - x) for 270 (origin moved to the box's corner first)
            turn = (f"0 1 -1 0 {h:.4f} 0" if rotate == 90 else f"0 -1 1 0 0 {w:.4f}")
            head = f"q {turn} cm 1 0 0 1 {-x0:.4f} {-y0:.4f} cm\n".encode()
            page.contents_add(pikepdf.Stream(opened, head), prepend=True)
            page.contents_add(pikepdf.Stream(opened, b"\nQ\n"))
            box = pikepdf.Array([0, 0, round(h, 4), round(w, 4)])
            page.obj.MediaBox = box
            for name in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
                if name in page.obj:
                    del page.obj[name]
            page.obj.Rotate = rotate
        opened.save(pdf, deterministic_id=True)


def write_expected_for(job: Job, doc: GeneratedDoc, pages: dict[str, int]) -> Path:
    """Given a rendered job, its records and pages, write NAME.expected.json; the PDF."""
    pdf = job.stem.with_suffix(".pdf")
    data = expected_document(doc, pages, page_count(pdf), engine=job.engine,
                             variant="born_digital", split=job.split)
    write_expected(data, pdf.with_name(pdf.stem + ".expected.json"))
    return pdf


def write_source(job: Job, folder: Path) -> Path:
    """Given a LibreOffice job, write its .fodt source into folder; the source path."""
    from .render_lo import fodt

    src = folder / (job.stem.name + ".fodt")
    src.write_text(fodt(generated(job.family, job.seed)), encoding="utf-8")
    return src


def finish_libreoffice(job: Job) -> Path:
    """Given a converted LibreOffice job (PDF in place), locate the pages, write expected."""
    from .render_lo import locate_pages

    doc = generated(job.family, job.seed)
    pages = locate_pages(job.stem.with_suffix(".pdf"), doc)
    if doc.look.rotate:
        store_turned(job.stem.with_suffix(".pdf"), doc.look.rotate)
    return write_expected_for(job, doc, pages)


CONVERT_ATTEMPTS = 3  # conversions of the documents a LibreOffice batch left without a PDF


def build_libreoffice(jobs: list[Job], workers: int) -> list[Path]:
    """Given LibreOffice jobs, build them in batches (one LibreOffice per worker)."""
    import shutil
    import tempfile
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from .render_lo import convert

    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="gen-lo-") as tmp:
        folder = Path(tmp)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            sources = list(pool.map(write_source, jobs, [folder] * len(jobs), chunksize=8))
        left = dict(zip(jobs, sources, strict=True))
        for attempt in range(CONVERT_ATTEMPTS):  # a batch's LibreOffice may stop part-way
            todo = list(left.values())
            chunks = [todo[i::workers] for i in range(workers)]
            outs = [folder / f"out{attempt}-{i}" for i in range(workers)]
            with ThreadPoolExecutor(max_workers=workers) as threads:
                list(threads.map(convert, chunks, outs))
            for job in list(left):
                job.stem.parent.mkdir(parents=True, exist_ok=True)
                for out in outs:
                    made = out / (job.stem.name + ".pdf")
                    if made.exists():
                        shutil.move(str(made), job.stem.with_suffix(".pdf"))
                        del left[job]
                        break
            if not left:
                break
        if left:
            names = ", ".join(sorted(job.stem.name for job in left)[:5])
            raise RuntimeError(f"LibreOffice made no PDF for {len(left)} document(s) "
                               f"({names}) in {CONVERT_ATTEMPTS} tries: run again, or "
                               "with fewer --jobs")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(finish_libreoffice, jobs, chunksize=4))


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
