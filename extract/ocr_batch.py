"""Running many OCR jobs in one process pool, one failed page never stopping the rest."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

from riskrad.extract.limits import DEFAULT_LIMITS, Limits, call_bounded
from riskrad.extract.ocr import OcrJob, OcrResult, prepare_engines, run_job
from riskrad.model.errors import OcrUnavailableError


@dataclass(frozen=True, slots=True)
class OcrFailure:
    """An OCR job that raised: which page, and the message."""

    job: OcrJob
    error: str
    unavailable: bool = False  # Tesseract (or the language) is missing: the error says which


OcrOutcome = OcrResult | OcrFailure


def check_tesseract(lang: str) -> None:
    """Given the OCR language, raise OcrUnavailableError unless Tesseract can run it."""
    import pytesseract

    if shutil.which("tesseract") is None:
        raise OcrUnavailableError("the tesseract command is not on PATH")
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as exc:
        raise OcrUnavailableError(f"tesseract does not start: {exc}") from exc
    missing = [part for part in lang.split("+") if part not in langs]
    if missing:
        raise OcrUnavailableError(f"the Tesseract language model '{missing[0]}' is missing")


def run_job_safely(job: OcrJob, limits: Limits = DEFAULT_LIMITS) -> OcrOutcome:
    """Given an OCR job and the page limits, its result, or an OcrFailure when it raised
    or went past a limit (extract/limits.py). The page is read in a child forked from
    this process, which has this process's Tesseract engines, set up here once."""
    try:
        prepare_engines(job.settings)
        outcome = call_bounded(run_job, job, limits)
    except Exception as exc:
        return OcrFailure(job, f"{type(exc).__name__}: {exc}")
    if outcome.value is None:
        return OcrFailure(job, outcome.failure.reason if outcome.failure else "no result")
    return outcome.value


def single_threaded_tesseract() -> None:
    """Given nothing, make this worker's Tesseract use one thread (one Tesseract per core)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


def run_ocr_jobs(
    jobs: list[OcrJob],
    processes: int,
    on_done: Callable[[OcrOutcome], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[OcrOutcome]:
    """Given OCR jobs and a worker count, every job's outcome in job order."""
    if processes < 1:
        raise ValueError(f"processes must be >= 1, got {processes!r}")
    if not jobs:
        return []
    if processes == 1 or len(jobs) == 1:
        single_threaded_tesseract()
        outcomes = []
        for job in jobs:
            outcome = run_job_safely(job, limits)
            if on_done is not None:
                on_done(outcome)
            outcomes.append(outcome)
        return outcomes
    workers = min(processes, len(jobs))
    with ProcessPoolExecutor(max_workers=workers, initializer=single_threaded_tesseract) as pool:
        outcomes = []
        for outcome in pool.map(partial(run_job_safely, limits=limits), jobs):
            if on_done is not None:
                on_done(outcome)
            outcomes.append(outcome)
        return outcomes
