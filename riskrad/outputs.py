"""What a run writes: the dataset, its audit trail, the auditor's views and the report."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from riskrad import __version__
from riskrad.corrections import orphan_review_rows
from riskrad.extract.crops import Crop, CropSettings, render_crops
from riskrad.model.contract_row import Row, plain_rows
from riskrad.model.records import BBox
from riskrad.model.schema import CONTROLS, DOCUMENTS, RISKS
from riskrad.pipeline import RunResult, result_tables
from riskrad.report import report_html
from riskrad.result_cache import CropCache, default_results_dir
from riskrad.review_page import page_regions, review_data, review_html
from riskrad.theme_summary import theme_rows
from riskrad.views import change_rows, organ_risks, review_rows, typed_records
from riskrad.writer import write_outputs

Rows = list[Row]
log = logging.getLogger("riskrad")


def manifest(result: RunResult, input_dir: Path, extra: dict[str, int]) -> dict[str, Any]:
    """Given a run result, the run.json manifest: version, input, counts, summary."""
    return {
        "riskrad_version": __version__,
        "input_dir": str(input_dir),
        "documents": len(result.documents),
        "risks": len(result.risks),
        "controls": len(result.controls),
        "pages": len(result.pages),
        **extra,
        "documents_cached": result.documents_cached,
        "seconds": round(result.seconds, 3),
        "summary": result.summary(),
        "settings": result.settings.to_dict(),
        "settings_fingerprint": result.settings.fingerprint(),
    }


def run_log(result: RunResult, progress_lines: Sequence[str] = ()) -> str:
    """Given a run result (and the progress lines logged during the run), the run log: each
    document's status and each page's route and why."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for page in result.pages:
        pages.setdefault(str(page["document_id"]), []).append(page)
    lines = list(progress_lines)
    for doc in result.documents:
        status = doc["status"] + (f": {doc['error']}" if doc.get("error") else "")
        lines.append(f"{doc['source_file']}: {status}")
        for page in pages.get(str(doc["document_id"]), []):
            route = page["route"] or "unread"
            error = f" [error: {page['error']}]" if page.get("error") else ""
            lines.append(f"  page {page['page']}: {route}: {page['reason']}{error}")
    if result.corrections is not None:
        lines += result.corrections.log_lines()
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def page_crops(
    result: RunResult,
    input_dir: Path,
    settings: CropSettings | None = None,
    cache: CropCache | None = None,
) -> dict[tuple[str, int], Crop | None]:
    """Given a run's result and its input folder (and a crop cache), one crop per page with
    rows: the page's full width, the band from its first cell to its last."""
    regions = page_regions(result.cells)
    files = {str(d["document_id"]): str(d["source_file"]) for d in result.documents}
    hashes = {str(d["document_id"]): str(d.get("sha256") or "") for d in result.documents}
    by_document: dict[str, list[tuple[int, BBox]]] = {}
    for (document_id, page), box in sorted(regions.items()):
        by_document.setdefault(document_id, []).append((page, BBox(0.0, box.top, 1e6, box.bottom)))
    crops: dict[tuple[str, int], Crop | None] = {}
    for document_id, wanted in by_document.items():
        if document_id not in files:
            continue
        found = document_crops(
            input_dir / files[document_id], hashes[document_id], wanted, settings, cache
        )
        if found is None:
            continue
        for (page, _box), crop in zip(wanted, found, strict=True):
            crops[(document_id, page)] = crop
    return crops


def document_crops(
    path: Path,
    sha256: str,
    wanted: list[tuple[int, BBox]],
    settings: CropSettings | None,
    cache: CropCache | None,
) -> list[Crop | None] | None:
    """Given a document's file and hash and the regions wanted, its crops: from the cache
    when it holds them, else rendered (and stored); None when the file cannot be rendered."""
    request = repr((settings or CropSettings(), wanted))
    if cache is not None and sha256:
        stored = cache.get(sha256, request)
        if stored is not None and len(stored) == len(wanted):
            return [crop_from_json(c) for c in stored]
    try:
        found = render_crops(path, wanted, settings)
    except Exception as exc:  # a page image is a help, never a reason to lose the run
        log.warning("no page images for %s: %s", path.name, exc)
        return None
    if cache is not None and sha256:
        cache.put(sha256, request, [crop_to_json(c) for c in found])
    return found


def crop_to_json(crop: Crop | None) -> dict[str, Any] | None:
    """Given a crop (or None), it as the crop cache's values (the image bytes as they are)."""
    if crop is None:
        return None
    region = crop.region
    return {
        "data": crop.data,
        "mime": crop.mime,
        "region": [region.x0, region.top, region.x1, region.bottom],
        "scale": crop.scale,
        "width": crop.width,
        "height": crop.height,
    }


def crop_from_json(value: dict[str, Any] | None) -> Crop | None:
    """Given a crop as the crop cache's values (or None), the crop."""
    if value is None:
        return None
    return Crop(
        value["data"],
        value["mime"],
        BBox(*value["region"]),
        value["scale"],
        value["width"],
        value["height"],
    )


def crop_cache(result: RunResult) -> CropCache | None:
    """Given a run's result, the crop cache it may use (none with --no-cache)."""
    return CropCache(default_results_dir() / "crops") if result.settings.use_cache else None


def write_run(
    out_dir: Path, result: RunResult, input_dir: Path, progress_lines: Sequence[str] = ()
) -> list[Path]:
    """Given the output folder and a run's result, write every output file atomically."""
    tables: dict[str, Sequence[Mapping[str, Any]]] = dict(result_tables(result))
    documents = typed_records(DOCUMENTS, result.documents)  # typed once, for every view
    risks = typed_records(RISKS, plain_rows(result.risks))  # and the report
    controls = typed_records(CONTROLS, plain_rows(result.controls))
    chosen = organ_risks(risks, documents)  # compared by both views
    changes = change_rows(chosen)
    report_of_corrections = result.corrections
    files = {str(d["document_id"]): str(d["source_file"]) for d in result.documents}
    review = review_rows(
        documents,
        risks,
        controls,
        pages=result.pages,
        checked=report_of_corrections.checked if report_of_corrections else (),
        extra=orphan_review_rows(report_of_corrections, files) if report_of_corrections else (),
    )
    themes = theme_rows(chosen, documents) if risks and documents else []
    tables["risk_changes"] = changes
    tables["review"] = review
    tables["theme_summary"] = themes
    report = report_html(documents, risks, controls, changes, review, themes)
    data, images = review_data(
        result.documents,
        {"risks": result.risks, "controls": result.controls},
        result.cells,
        review,
        page_crops(result, input_dir, cache=crop_cache(result)),
    )
    counts = {"risk_changes": len(changes), "review": len(review), "theme_summary": len(themes)}
    if report_of_corrections is not None:
        counts |= {
            "corrections_applied": len(report_of_corrections.applied),
            "corrections_orphaned": len(report_of_corrections.orphaned),
            "corrections_not_in_run": len(report_of_corrections.not_in_run),
        }
    return write_outputs(
        out_dir,
        tables,
        manifest(result, input_dir, counts),
        extra_files={
            "report.html": report.encode("utf-8"),
            "review.html": review_html(data, images),
            "run.log": run_log(result, progress_lines).encode("utf-8"),
        },
    )
