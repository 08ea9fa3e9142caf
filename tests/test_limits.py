"""Limits: a page past its time or memory is recorded with the reason and the run goes on;
image bombs, looping or deeply nested object graphs and very long files are bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pikepdf
import pytest

from riskrad.cli import main
from riskrad.extract.limits import Limits, PageLimitError, map_bounded, render_scale, stop_kept
from riskrad.extract.render import render_page
from riskrad.pipeline import RunSettings, run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from fuzz import bomb_image, draw_xobject

PLAN = Path(__file__).resolve().parents[1] / "corpus" / "Norrtälje" / "2025"
PLAN = PLAN / "internkontrollrapport_ks_april_2025.pdf"


def slow_on_two() -> object:
    def work(item: int) -> int:
        if item == 2:
            time.sleep(30)
        return item * 10

    return work


def greedy_on_one() -> object:
    def work(item: int) -> int:
        if item == 1:
            hoard = bytearray(2_000 * 1024 * 1024)  # 2 GB
            return len(hoard)
        return item

    return work


def test_a_late_page_is_stopped_and_the_next_goes_on() -> None:
    began = time.perf_counter()
    outcomes = list(map_bounded(slow_on_two, [0, 1, 2, 3], Limits(page_seconds=1.5)))  # type: ignore[arg-type]
    assert time.perf_counter() - began < 20
    assert [o.value for o in outcomes] == [0, 10, None, 30]
    failure = outcomes[2].failure
    assert failure is not None and failure.limit and failure.transient  # not cached
    assert failure.reason.startswith("time limit of 1.5 s exceeded")
    assert "stuck" in failure.reason and "--page-timeout" in failure.reason


def starved_on_one() -> object:
    def work(item: int) -> int:
        if item == 1:  # 4 s of wall time at a tenth of a core: a page on a busy machine
            end = time.perf_counter() + 4
            while time.perf_counter() < end:
                burst = time.process_time() + 0.01
                while time.process_time() < burst:
                    pass
                time.sleep(0.09)
        return item * 10

    return work


def test_a_page_starved_by_a_busy_machine_is_not_cut_short() -> None:
    outcomes = list(map_bounded(starved_on_one, [0, 1, 2], Limits(page_seconds=1.5)))  # type: ignore[arg-type]
    assert [o.value for o in outcomes] == [0, 10, 20]


def spinning_tesseract(pid_file: Path) -> object:
    def work(item: int) -> int:
        if item == 1:  # a subprocess that spins, as Tesseract on a pathological image
            handle, image = tempfile.mkstemp(suffix=".pgm")
            os.close(handle)
            spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
            pid_file.write_text(f"{spinner.pid} {image}")
            spinner.wait()
        return item * 10

    return work


def alive(pid: int) -> bool:
    """Given a process id, whether that process still runs (a zombie does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_a_page_whose_subprocess_spins_is_stopped_with_its_subprocess(tmp_path: Path) -> None:
    pid_file = tmp_path / "spinner.pid"
    began = time.perf_counter()
    outcomes = list(
        map_bounded(lambda: spinning_tesseract(pid_file), [0, 1, 2], Limits(page_seconds=1.5))  # type: ignore[arg-type, return-value]
    )
    assert time.perf_counter() - began < 20
    assert [o.value for o in outcomes] == [0, None, 20]
    failure = outcomes[1].failure
    assert failure is not None  # its subprocess's CPU counts: the limit, not a stuck worker
    assert failure.reason == "time limit of 1.5 s exceeded (--page-timeout)"
    pid, image = pid_file.read_text().split()
    spinner = int(pid)
    assert not Path(image).exists()  # nor its temporary files
    deadline = time.perf_counter() + 5
    while alive(spinner) and time.perf_counter() < deadline:
        time.sleep(0.05)
    assert not alive(spinner)  # no orphan left spinning on the next pages' CPU


def test_a_page_past_its_memory_is_stopped_and_the_next_goes_on() -> None:
    outcomes = list(map_bounded(greedy_on_one, [0, 1, 2], Limits(page_memory_mb=256)))  # type: ignore[arg-type]
    assert [o.value for o in outcomes] == [0, None, 2]
    failure = outcomes[1].failure
    assert failure is not None and "memory" in failure.reason and "--page-memory" in failure.reason
    assert failure.transient  # the document is read again next run, not served from the cache


def pid_worker() -> object:
    def work(item: int) -> tuple[int, int]:
        if item == 2:
            time.sleep(30)
        return item, os.getpid()

    return work


def test_a_kept_page_worker_serves_call_after_call_until_a_page_fails() -> None:
    limits = Limits(page_seconds=1.5)
    first = list(map_bounded(pid_worker, [0, 1], limits, keep=True))  # type: ignore[arg-type]
    second = list(map_bounded(pid_worker, [3, 2, 4], limits, keep=True))  # type: ignore[arg-type]
    third = list(map_bounded(pid_worker, [5], limits, keep=True))  # type: ignore[arg-type]
    values = [o.value for o in first + second + third]
    assert [v[0] if v else None for v in values] == [0, 1, 3, None, 4, 5]
    pids = [v[1] for v in values if v]
    assert os.getpid() not in pids
    assert pids[0] == pids[1] == pids[2]  # one forked worker for both calls
    assert pids[3] == pids[4] != pids[0]  # the late page's worker stopped; a new one goes on
    failure = second[1].failure
    assert failure is not None and failure.reason.startswith("time limit of 1.5 s exceeded")
    assert alive(pids[4])  # kept for the next call ...
    stop_kept()
    assert not alive(pids[4]) and not alive(pids[0])  # ... until stopped, nothing left


def greedy_pid_on_one() -> object:
    def work(item: int) -> tuple[int, int]:
        if item == 1:
            hoard = bytearray(2_000 * 1024 * 1024)  # 2 GB
            return len(hoard), os.getpid()
        return item, os.getpid()

    return work


def test_a_page_past_its_memory_in_a_kept_worker_ends_it_after_the_call() -> None:
    limits = Limits(page_memory_mb=256)
    first = list(map_bounded(greedy_pid_on_one, [0, 1, 2], limits, keep=True))  # type: ignore[arg-type]
    second = list(map_bounded(greedy_pid_on_one, [3], limits, keep=True))  # type: ignore[arg-type]
    assert [o.value[0] if o.value else None for o in first + second] == [0, None, 2, 3]
    failure = first[1].failure
    assert failure is not None and "--page-memory" in failure.reason and failure.transient
    pids = [o.value[1] for o in first + second if o.value]
    assert pids[0] == pids[1] != pids[2]  # the call's pages in one worker, the next in a new one
    stop_kept()


def test_a_run_forks_one_page_worker_for_its_documents_and_leaves_none(tmp_path: Path) -> None:
    import multiprocessing

    (tmp_path / "in").mkdir()
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (tmp_path / "in" / name).write_bytes(PLAN.read_bytes())
    stop_kept()  # none left by an earlier test
    forks = []
    os.register_at_fork(after_in_parent=lambda: forks.append(1))
    result = run(tmp_path / "in", RunSettings(use_cache=False))
    assert len(result.documents) == 3 and len(result.risks) >= 30
    assert len(forks) == 1  # not one per document
    assert multiprocessing.active_children() == []


POOL_RUN = """
import os, sys
from riskrad.cli import main
log = sys.argv[1]
os.register_at_fork(after_in_parent=lambda: open(log, "a").write(f"{os.getpid()}\\n"))
sys.exit(main(["extract", sys.argv[2], "--out", sys.argv[3], "--jobs", "2", "--no-cache"]))
"""


def test_pool_workers_fork_one_page_worker_each_and_end(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for n in range(6):
        (tmp_path / "in" / f"{n}.pdf").write_bytes(PLAN.read_bytes())
    log = tmp_path / "forks.log"
    args = [sys.executable, "-c", POOL_RUN, str(log), str(tmp_path / "in"), str(tmp_path / "out")]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr  # the pool's workers ended: nothing waits
    forkers = log.read_text().split()
    main_pid = forkers[0]  # the run's process starts the pool's workers
    per_worker = [forkers.count(pid) for pid in set(forkers) - {main_pid}]
    assert per_worker and max(per_worker) == 1  # 6 documents, one page worker each pool worker


def bomb_pdf(path: Path, width: int, height: int) -> Path:
    """Given a path and a size, a one-page PDF showing nothing but an image of that size."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        draw_xobject(pdf, pdf.pages[0], "/Bomb", bomb_image(pdf, width, height))
        pdf.save(path)
    return path


def test_an_image_bomb_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    bomb = bomb_pdf(tmp_path / "bomb.pdf", 60_000, 60_000)
    with pytest.raises(PageLimitError, match="60,000 x 60,000 px"):
        render_page(bomb, 0, 300)
    result = run(tmp_path, RunSettings())
    doc = result.documents[0]
    assert doc["status"] == "partial"
    assert "60,000 x 60,000 px exceeds the limit" in str(doc["error"])
    assert "--max-image-pixels" in str(doc["error"])


def test_a_huge_media_box_is_rendered_within_the_pixel_budget() -> None:
    limits = Limits()
    scale = render_scale(200_000, 200_000, 300, limits)
    assert (200_000 * scale) ** 2 <= limits.max_render_pixels * 1.0001
    assert render_scale(595, 842, 300, limits) == pytest.approx(300 / 72)
    with pytest.raises(PageLimitError):
        render_scale(0, 842, 300, limits)


def object_graph_pdf(path: Path, *, loop: bool, depth: int = 3000) -> Path:
    """Given a path, a copy of a corpus plan whose first page draws a self-drawing form
    (loop) or forms nested ``depth`` deep."""
    with pikepdf.open(PLAN) as pdf:
        page = pdf.pages[0]
        if loop:
            form = pdf.make_indirect(pikepdf.Stream(pdf, b"q 0.9 0 0 0.9 5 5 cm /Loop Do Q"))
            form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
            form.BBox = pikepdf.Array([0, 0, 600, 800])
            form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Loop=form))
            draw_xobject(pdf, page, "/Loop", form)
        else:
            inner = None
            for _ in range(depth):
                form = pikepdf.Stream(pdf, b"q /In Do Q" if inner is not None else b"BT ET")
                form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
                form.BBox = pikepdf.Array([0, 0, 600, 800])
                if inner is not None:
                    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(In=inner))
                inner = pdf.make_indirect(form)
            assert inner is not None
            draw_xobject(pdf, page, "/Deep", inner)
        pdf.save(path)
    return path


@pytest.mark.parametrize("loop", [True, False], ids=["looping", "nested"])
def test_looping_and_deep_object_graphs_are_bounded(tmp_path: Path, loop: bool) -> None:
    object_graph_pdf(tmp_path / "graph.pdf", loop=loop)
    began = time.perf_counter()
    result = run(tmp_path, RunSettings(limits=Limits(page_seconds=60)))
    assert time.perf_counter() - began < 120
    doc = result.documents[0]
    assert doc["status"] in {"ok", "partial"}
    assert len(result.risks) >= 10  # the rest of the plan is read


def test_a_ten_thousand_page_file_is_bounded(tmp_path: Path) -> None:
    with pikepdf.new() as pdf:
        content = pdf.make_indirect(
            pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 720 Td (Sida med lite text) Tj ET")
        )
        font = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                               BaseFont=pikepdf.Name.Helvetica)
        )
        for _ in range(10_000):
            pdf.add_blank_page(page_size=(595, 842))
            page = pdf.pages[-1]
            page.obj.Contents = content
            page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        pdf.save(tmp_path / "long.pdf")
    out = tmp_path / "out"
    code = main(["extract", str(tmp_path), "--out", str(out), "--max-pages", "40"])
    assert code == 0
    import csv

    docs = list(csv.DictReader((out / "documents.csv").open(encoding="utf-8")))
    assert docs[0]["status"] == "partial"
    assert docs[0]["pages"] == "10000"
    assert "pages 41-10000 not read" in docs[0]["error"]
    assert "--max-pages" in docs[0]["error"]


def test_limits_name_a_bad_value() -> None:
    with pytest.raises(ValueError, match=r"LimitSettings\.page_seconds must be >= 0\.01"):
        Limits(page_seconds=0)
    assert main(["extract", ".", "--out", "/tmp/x", "--page-memory", "1"]) == 2
