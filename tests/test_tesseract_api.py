"""Tesseract read in this process (extract/tesseract_api.py) against the ``tesseract`` command
on the same images: the same word table byte for byte, and no process started."""

from __future__ import annotations

import multiprocessing
import resource
import subprocess
from pathlib import Path

import pytest
from conftest import scanned_image
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from riskrad.extract.ocr import tesseract_config, tesseract_table
from riskrad.extract.tesseract_api import EngineConfig, parse_config, read_tsv
from riskrad.extract.tesseract_batch import tesseract_batch, tesseract_version

LINES = [
    "Riskanalys och internkontrollplan 2024 för kommunstyrelsen",
    "Process  Risk  Sannolikhet  Konsekvens  Riskvärde",
    "Upphandling  Felaktig direktupphandling  3  4  12",
    "Löneutbetalning  Utbetalning till fel person  2  4  8 %",
    "Kontrollmoment: stickprov av 20 fakturor per kvartal (§ 14)",
]


def scanned_page(tmp_path: Path) -> Image.Image:
    """Given a folder, a grey "scanned" image (300 dpi, blurred, JPEG) of a short Swedish
    page of text and numbers."""
    pdf = tmp_path / "page.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(A4[0], A4[1] / 3), invariant=1)
    for n, line in enumerate(LINES):
        c.setFont("Helvetica", 10 if n else 13)
        c.drawString(50, A4[1] / 3 - 60 - 22 * n, line)
    c.showPage()
    c.save()
    return scanned_image(pdf, 0.4)


def cli_tsv(paths: list[Path], lang: str, config: str, tmp_path: Path) -> str:
    """Given image files, a language and a config, the TSV the ``tesseract`` command writes
    for them (a listing when there are several), as pytesseract runs it."""
    source = paths[0]
    if len(paths) > 1:
        source = tmp_path / "listing.txt"
        source.write_text("\n".join(str(p) for p in paths) + "\n", encoding="utf-8")
    base = tmp_path / "cli"
    command = ["tesseract", str(source), str(base), "-l", lang, "-c", "tessedit_create_tsv=1"]
    subprocess.run([*command, *config.split()], check=True, capture_output=True)
    return base.with_suffix(".tsv").read_text(encoding="utf-8")


def saved(images: list[Image.Image], tmp_path: Path) -> list[Path]:
    """Given images, them saved as grey PGM files in a folder."""
    paths = []
    for n, image in enumerate(images):
        path = tmp_path / f"image{n}.pgm"
        image.save(path, format="PPM")
        paths.append(path)
    return paths


def test_page_read_in_process_is_the_command_lines_byte_for_byte(tmp_path: Path) -> None:
    page = scanned_page(tmp_path)
    config = tesseract_config(300)
    ours = read_tsv([page], "swe", config, tesseract_version())
    assert ours is not None, "libtesseract could not be loaded"
    assert ours == cli_tsv(saved([page], tmp_path), "swe", config, tmp_path)
    assert "Upphandling" in ours


def test_crops_read_in_process_are_the_listings_byte_for_byte(tmp_path: Path) -> None:
    page = scanned_page(tmp_path)
    height = page.height // len(LINES)
    crops = [page.crop((0, n * height, page.width, (n + 1) * height)) for n in range(len(LINES))]
    setups = (("swe", "--oem 1 --psm 6 --dpi 300"), ("eng", "--oem 1 --psm 7 --dpi 300"))
    for lang, config in setups:
        ours = read_tsv(crops, lang, config, tesseract_version())
        assert ours == cli_tsv(saved(crops, tmp_path), lang, config, tmp_path)
        # the same engine again, on the images in another order: no state kept between reads
        again = read_tsv(crops[::-1], lang, config, tesseract_version())
        assert again == cli_tsv(saved(crops[::-1], tmp_path), lang, config, tmp_path)


def _children_cpu() -> float:
    """Given nothing, the CPU seconds of this process's finished children."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def test_page_and_batch_reads_start_no_tesseract_process(tmp_path: Path) -> None:
    page = scanned_page(tmp_path)
    tesseract_version()  # the command's version is asked once per process
    tesseract_table(page, "swe", tesseract_config(300))  # the engine set up
    before = _children_cpu()
    data = tesseract_table(page, "swe", tesseract_config(300))
    crops = tesseract_batch([page, page.crop((0, 0, 800, 200))], "eng", "--oem 1 --psm 6")
    assert _children_cpu() == before
    assert "Riskvärde" in data["text"] and set(crops["page_num"]) == {1, 2}


def _read_in_child(page: Image.Image, queue: multiprocessing.Queue[str | None]) -> None:
    """Given an image and a queue, put the image's TSV read in this (forked) process."""
    queue.put(read_tsv([page], "swe", tesseract_config(300), tesseract_version()))


def test_a_forked_child_reads_with_its_copy_of_the_parents_engine(tmp_path: Path) -> None:
    page = scanned_page(tmp_path)
    parent = read_tsv([page], "swe", tesseract_config(300), tesseract_version())
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[str | None] = context.Queue()
    child = context.Process(target=_read_in_child, args=(page, queue))
    child.start()
    result = queue.get(timeout=120)
    child.join(30)
    assert child.exitcode == 0 and result == parent


@pytest.mark.parametrize(
    ("config", "parsed"),
    [
        ("--oem 1 --psm 7 --dpi 300", EngineConfig(1, 7, (("user_defined_dpi", "300"),))),
        (
            "--oem 1 --psm 6 --dpi 150 -c tessedit_do_invert=0",
            EngineConfig(1, 6, (("user_defined_dpi", "150"), ("tessedit_do_invert", "0"))),
        ),
        ("--psm 0 --dpi 300", None),  # no engine mode: the command line's default is not set here
        ("--oem 1 --psm 3 hocr", None),  # a config file
        ("--oem 1 --psm 3 -l eng", None),
    ],
)
def test_only_plain_configs_are_read_in_process(config: str, parsed: EngineConfig | None) -> None:
    assert parse_config(config) == parsed


def test_no_image_or_an_empty_one_is_left_to_the_command_line() -> None:
    config = "--oem 1 --psm 7 --dpi 300"
    assert read_tsv([], "swe", config, tesseract_version()) is None
    empty = Image.new("L", (0, 12), 255)
    blank = Image.new("L", (40, 12), 255)
    assert read_tsv([blank, empty], "swe", config, tesseract_version()) is None
