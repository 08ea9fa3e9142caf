"""Safety of outputs: identical tables from identical input, one run per OUT at a time,
damaged OCR cache entries recomputed, PDF text never run as code in report.html, and no
writes outside OUT and the cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from riskrad.cli import main
from riskrad.extract.ocr import OcrJob, run_job
from riskrad.extract.ocr_cache import OcrCache
from riskrad.model.settings import OcrSettings
from riskrad.writer import OutputLockedError, output_lock

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SMALL = [
    CORPUS / "Norrtälje" / "2025" / "internkontrollrapport_ks_april_2025.pdf",
    CORPUS / "Sigtuna" / "2023" / "helarsuppfoljning_internkontrollplan_2023.pdf",
]
HOSTILE_RISK = '<script>document.body.setAttribute("data-pwned","1")</script>Risk för fel'
HOSTILE_IMG = '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')">'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def small_input(folder: Path) -> Path:
    for pdf in SMALL:
        target = folder / pdf.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pdf, target)
    return folder


def test_two_runs_write_byte_identical_tables(tmp_path: Path) -> None:
    folder = small_input(tmp_path / "in")
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        assert main(["extract", str(folder), "--out", str(out)]) == 0
    tables = sorted(p.name for p in outs[0].iterdir() if p.suffix in {".csv", ".parquet"})
    assert len(tables) >= 12
    for name in tables:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    runs = [json.loads((out / "run.json").read_text("utf-8")) for out in outs]
    for run in runs:
        run.pop("seconds")
        run.pop("documents_cached")  # the second run reads the first's result cache
        run["summary"] = run["summary"].rsplit(",", 1)[0]  # "..., 1.2 s"
    assert runs[0] == runs[1]


def test_a_second_run_on_the_same_out_stops_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_input(tmp_path / "in")
    out = tmp_path / "out"
    with output_lock(out):
        # another process: the lock is per process, so ask a child to take it
        code = subprocess.run(
            [sys.executable, "-m", "riskrad.cli", "extract", str(folder), "--out", str(out)],
            capture_output=True, text=True, check=False,
        )
    assert code.returncode == 1
    assert "another riskrad run (pid" in code.stderr and "another --out" in code.stderr
    assert not (out / "documents.csv").exists()  # nothing of the second run was written
    assert main(["extract", str(folder), "--out", str(out)]) == 0  # free again afterwards


def test_two_runs_started_at_once_never_mix(tmp_path: Path) -> None:
    folder = small_input(tmp_path / "in")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "riskrad.cli", "extract", str(folder), "--out", str(out)]
    procs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 1])  # both ran one after the other, or the second stopped
    for code, err in results:
        if code == 1:
            assert "is writing to" in err
    docs = (out / "documents.csv").read_text("utf-8").splitlines()
    assert len(docs) == 1 + len(SMALL)


def test_the_lock_is_exclusive_within_reach() -> None:
    assert issubclass(OutputLockedError, Exception)


def tiny_scan(path: Path) -> Path:
    """Given a path, a one-page PDF holding only an image of a short Swedish line."""
    image = Image.new("L", (900, 160), 255)
    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    font = ImageFont.truetype(font_path, 48) if Path(font_path).exists() else None
    ImageDraw.Draw(image).text((30, 50), "Risk för felaktig lön", fill=0, font=font)
    image.save(path, "PDF", resolution=200.0)
    return path


def test_a_damaged_ocr_cache_entry_is_detected_and_recomputed(tmp_path: Path) -> None:
    pdf = tiny_scan(tmp_path / "scan.pdf")
    cache = tmp_path / "cache"
    fast = OcrSettings(dpi=200, second_opinion=False, find_rulings=False)
    job = OcrJob(pdf, 0, fast, cache_dir=cache)
    first = run_job(job)
    assert not first.cached and first.words
    [entry] = list(cache.rglob("*.json"))
    assert run_job(job).cached
    payload = json.loads(entry.read_text("utf-8"))
    payload["words"][0]["text"] = "Förfalskat"  # valid JSON, wrong content
    entry.write_text(json.dumps(payload), "utf-8")
    again = run_job(job)
    assert not again.cached  # the checksum caught it: OCR ran again
    assert [w.text for w in again.words] == [w.text for w in first.words]
    assert run_job(job).cached  # and the recomputed entry is good
    entry.write_bytes(entry.read_bytes()[:40])  # a cut file
    key = entry.stem
    assert OcrCache(cache).get(key) is None
    assert not entry.exists()


def hostile_pdf(path: Path) -> Path:
    """Given a path, a risk-table PDF whose risk cells hold HTML and script, drawn as text."""
    data = [
        ["Process", "Risk", "S", "K", "Riskvärde"],
        ["Lön", HOSTILE_RISK, "3", "4", "12"],
        ["Inköp", HOSTILE_IMG, "2", "3", "6"],
    ]
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title="<script>x</script>")
    table = Table(data, colWidths=[60, 330, 30, 30, 60])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("FONTSIZE", (0, 0), (-1, -1), 6)]))
    doc.build([table])
    return path


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_pdf_text_never_runs_as_code_in_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile_pdf(folder / "<img src=x onerror=alert(1)>.pdf")
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    risks = (out / "risks.csv").read_text("utf-8")
    assert "<script>" in risks and "onerror" in risks  # the text is kept as text
    report = (out / "report.html").read_text("utf-8")
    assert "<script>document.body" not in report and "<img src=x" not in report
    assert CHROMIUM is not None
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=3000", "--dump-dom", (out / "report.html").as_uri()],
        capture_output=True, text=True, timeout=180, check=True,
    ).stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None
    assert "data-pwned" not in body.group(0)  # no injected script or handler ran
    assert 'data-ok="1"' in body.group(0)  # the report's own script ran to the end
    assert "<img" not in dom  # no element was made from the text
    assert "&lt;script&gt;document.body" in dom  # shown as text


def test_no_input_makes_riskrad_write_outside_out_and_cache(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "..pdf").mkdir(parents=True)  # a folder named like a PDF
    hostile_pdf(folder / "..pdf" / "..%2f..%2fescape.pdf")
    tiny_scan(folder / "scan.pdf")
    sys.path.insert(0, str(CORPUS))
    import random

    from fuzz import _script_and_attachment, with_pdf  # attachments named ../../../tmp/...

    data = with_pdf(SMALL[0].read_bytes(), _script_and_attachment, random.Random(1))
    (folder / "attachments.pdf").write_bytes(data)
    plan = SMALL[1].read_bytes()
    (folder / "truncated.pdf").write_bytes(plan[: int(len(plan) * 0.95)])  # salvaged copy
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    scratch, home, cwd = tmp_path / "tmp", tmp_path / "home", tmp_path / "cwd"
    for d in (scratch, home, cwd):
        d.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "HOME": str(home),
           "RISKRAD_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("RISKRAD_RESULT_CACHE_DIR", None)  # results go to the cache folder too
    done = subprocess.run(
        [sys.executable, "-m", "riskrad.cli", "extract", str(folder), "--out",
         str(tmp_path / "out")], cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    for d in (scratch, home, cwd):
        assert list(d.rglob("*")) == [], d
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cache", "cwd", "home", "in", "out", "tmp"
    ]
    docs = (tmp_path / "out" / "documents.csv").read_text("utf-8")
    assert "truncated.pdf" in docs and "attachments.pdf" in docs
