"""The character scanner (riskrad/extract/charscan.py) gives what ctypes gives, call for call."""

from __future__ import annotations

import ctypes
import itertools
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from riskrad.extract import charscan, textlayer
from riskrad.extract.textlayer import (
    _CHAR_ANGLE,
    _FONT_SIZE,
    _GET_UNICODE,
    _IS_GENERATED,
    _LOOSE_BOX,
    _MAP_ERROR,
    _OBJECT_ID,
    read_text_layer,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
QUESTIONS = [
    (_GET_UNICODE, np.uint32),
    (_MAP_ERROR, np.int32),
    (_IS_GENERATED, np.int32),
    (_OBJECT_ID, np.uint64),
    (_CHAR_ANGLE, np.float64),
    (_FONT_SIZE, np.float64),
]


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> charscan.Scanner:
    """The library built here (made in a scratch cache folder: `make native` builds it)."""
    if charscan.compiler() is None:
        pytest.skip("no C compiler: `make native` installs gcc")
    path = charscan.build(tmp_path_factory.mktemp("cache"))
    return charscan.Scanner(ctypes.CDLL(str(path)))


def by_ctypes(function: object, raw: ctypes.c_void_p, indices: list[int], dtype: object) -> object:
    """Given a PDFium function, a text page's handle, indices and a dtype, the answers one
    ctypes call per character."""
    return np.fromiter(
        map(function, itertools.repeat(raw, len(indices)), indices),  # type: ignore[call-overload]
        dtype=dtype,  # type: ignore[call-overload]
        count=len(indices),
    )


def corpus_textpages() -> list[tuple[str, int, pdfium.PdfTextPage]]:
    pages = []
    for path in sorted(CORPUS.rglob("*.pdf")):
        doc = pdfium.PdfDocument(str(path))
        for number, page in enumerate(doc):
            pages.append((path.name, number, page.get_textpage()))
    return pages


def test_every_answer_is_the_one_ctypes_gives_on_every_corpus_page(
    scanner: charscan.Scanner,
) -> None:
    characters = 0
    for name, number, textpage in corpus_textpages():
        raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        count = textpage.count_chars()
        every = list(range(count))
        some = every[::3][::-1]  # out of order, as asked for a page's kept characters
        for function, dtype in QUESTIONS:
            for indices in (every, some):
                asked = scanner.ask(function, raw, indices, len(indices), dtype)
                assert asked is not None and asked.dtype == np.dtype(dtype)
                expected = by_ctypes(function, raw, indices, dtype)
                assert np.array_equal(asked, expected, equal_nan=dtype is np.float64), (
                    name,
                    number,
                    function,
                )
            ranged = scanner.ask(function, raw, range(0, count, 7), len(range(0, count, 7)), dtype)
            assert np.array_equal(
                ranged, by_ctypes(function, raw, every[::7], dtype), equal_nan=True
            )
        boxes, read = scanner.boxes(_LOOSE_BOX, raw, every, count)
        assert read == count
        rects = (pdfium_c.FS_RECTF * count)()
        for k in every:
            assert _LOOSE_BOX(raw, k, ctypes.byref(rects, 16 * k))
        assert boxes.tobytes() == bytes(rects), (name, number)
        characters += count
    assert characters > 50_000


def test_a_character_without_a_box_stops_the_boxes_where_ctypes_fails(
    scanner: charscan.Scanner,
) -> None:
    _, _, textpage = corpus_textpages()[0]
    raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    beyond = textpage.count_chars() + 5
    boxes, read = scanner.boxes(_LOOSE_BOX, raw, [0, 1, beyond, 2], 4)
    assert read == 2
    assert not _LOOSE_BOX(raw, beyond, ctypes.byref(pdfium_c.FS_RECTF()))
    assert not boxes[2:].any()


def test_a_question_without_its_loop_is_asked_through_ctypes(
    scanner: charscan.Scanner,
) -> None:
    _, _, textpage = corpus_textpages()[0]
    raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    assert scanner.ask(_GET_UNICODE, raw, [0], 1, np.int64) is None  # another dtype
    weight = textlayer._bare(pdfium_c.FPDFText_GetFontWeight, ctypes.c_long)
    assert scanner.ask(weight, raw, [0], 1, np.int64) is None  # no loop for a long


def test_pages_read_with_the_scanner_are_the_pages_read_without(
    scanner: charscan.Scanner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every corpus page, and text at each quarter turn (read by arrays) and with a box edge
    at 0 (read by character)."""
    from test_textlayer import turned_text_pdf

    paths = sorted(CORPUS.rglob("*.pdf"))
    paths += [turned_text_pdf(tmp_path / f"q{q}.pdf", q) for q in range(4)]
    paths.append(turned_text_pdf(tmp_path / "edge.pdf", 0, x=0))
    pages = 0
    for path in paths:
        for number, page in enumerate(pdfium.PdfDocument(str(path))):
            monkeypatch.setattr(charscan, "loaded", lambda: scanner)
            fast = read_text_layer(page, number + 1)
            monkeypatch.setattr(charscan, "loaded", lambda: None)
            assert read_text_layer(page, number + 1) == fast, (path.name, number)
            pages += 1
    assert pages >= 90


def test_a_damaged_library_leaves_the_questions_to_ctypes(tmp_path: Path) -> None:
    library = charscan.library_path(tmp_path)
    library.write_bytes(b"not a shared library")
    script = (
        "from riskrad.extract import charscan; "
        "from riskrad.extract.textlayer import read_text_layer; "
        "import pypdfium2 as p, sys; page = p.PdfDocument(sys.argv[1])[0]; "
        "print(charscan.loaded() is None, len(read_text_layer(page, 1).words))"
    )
    pdf = next(iter(sorted(CORPUS.rglob("*.pdf"))))
    env = {**os.environ, "RISKRAD_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(pdf)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, words = done.stdout.split()
    assert loaded == "True" and int(words) > 0


def test_riskrad_native_0_leaves_the_questions_to_ctypes(tmp_path: Path) -> None:
    charscan.build(tmp_path) if charscan.compiler() else pytest.skip("no C compiler")
    script = "from riskrad.extract import charscan; print(charscan.loaded() is None)"
    for native, expected in (("0", "True"), ("1", "False")):
        env = {**os.environ, "RISKRAD_CACHE_DIR": str(tmp_path), "RISKRAD_NATIVE": native}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == expected
