"""Tesseract read in this process through its C API (libtesseract, ctypes), the model loaded
once per process and language and config, instead of one ``tesseract`` process per read.

A ``tesseract`` start loads its model anew each time (about 0.12 CPU-s for ``swe``, more
than reading a page's few number crops takes); a page of the default OCR job starts two
to four of them. Here each (language, config) keeps one engine per process, set up the
way the command line sets it up (``--oem`` as the engine mode, ``--psm`` as the page
segmentation mode, ``--dpi`` and ``-c`` as variables given at set-up), and reads images
one after another as the command line reads a listing of files (``page_num`` is an
image's place + 1), so the word table is the command line's byte for byte
(tests/test_tesseract_api.py). Where the library cannot be loaded, or its version is not
the command line's, or a config holds anything else, ``read_tsv`` returns None and the
caller runs the command line.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import shlex
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image

TSV_HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
    "left\ttop\twidth\theight\tconf\ttext\n"
)


# the library's diagnostics ("Detected 12 diacritics", a blank crop's statistics), which the
# command line writes to a pipe that is thrown away, not onto this process's stderr
QUIET = (("debug_file", os.devnull),)


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """A command-line config the in-process engine can take: engine and segmentation mode,
    resolution and ``-c`` variables, in the order given."""

    oem: int
    psm: int
    variables: tuple[tuple[str, str], ...]


def parse_config(config: str) -> EngineConfig | None:
    """Given a Tesseract command-line config ("--oem 1 --psm 7 --dpi 300 -c a=b"), it as an
    EngineConfig, or None when it holds anything else (a config file, another flag) or
    lacks --oem or --psm."""
    parts = shlex.split(config)
    oem: int | None = None
    psm: int | None = None
    variables: list[tuple[str, str]] = []
    i = 0
    while i < len(parts):
        flag = parts[i]
        if i + 1 >= len(parts):
            return None
        value = parts[i + 1]
        if flag == "--oem" and value.isdigit():
            oem = int(value)
        elif flag == "--psm" and value.isdigit():
            psm = int(value)
        elif flag == "--dpi" and value.isdigit():
            variables.append(("user_defined_dpi", value))
        elif flag == "-c" and "=" in value:
            name, setting = value.split("=", 1)
            variables.append((name, setting))
        else:
            return None
        i += 2
    if oem is None or psm is None:
        return None
    return EngineConfig(oem, psm, tuple(variables))


def _declare(lib: ctypes.CDLL) -> None:
    """Given the loaded libtesseract, its C functions used here with their argument types."""
    handle = ctypes.c_void_p
    lib.TessVersion.restype = ctypes.c_char_p
    lib.TessBaseAPICreate.restype = handle
    lib.TessBaseAPIInit4.argtypes = [
        handle, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t,
        ctypes.c_int,
    ]  # fmt: skip
    lib.TessBaseAPIInit4.restype = ctypes.c_int
    lib.TessBaseAPISetVariable.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p]
    lib.TessBaseAPISetVariable.restype = ctypes.c_int
    lib.TessBaseAPIGetPageSegMode.argtypes = [handle]
    lib.TessBaseAPIGetPageSegMode.restype = ctypes.c_int
    lib.TessBaseAPISetPageSegMode.argtypes = [handle, ctypes.c_int]
    lib.TessBaseAPISetImage.argtypes = [
        handle,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
    ]
    lib.TessBaseAPIRecognize.argtypes = [handle, ctypes.c_void_p]
    lib.TessBaseAPIRecognize.restype = ctypes.c_int
    lib.TessBaseAPIGetTsvText.argtypes = [handle, ctypes.c_int]
    lib.TessBaseAPIGetTsvText.restype = ctypes.c_void_p  # freed with TessDeleteText
    lib.TessDeleteText.argtypes = [ctypes.c_void_p]
    lib.TessBaseAPIClear.argtypes = [handle]
    lib.TessBaseAPIEnd.argtypes = [handle]
    lib.TessBaseAPIDelete.argtypes = [handle]


@cache
def _library(cli_version: str) -> ctypes.CDLL | None:
    """Given the command line's version, libtesseract loaded (one thread, as the command
    line is run), or None when it is missing or another version."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    name = ctypes.util.find_library("tesseract")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        _declare(lib)
    except (OSError, AttributeError):
        return None
    version = (lib.TessVersion() or b"").decode("ascii", "replace")
    return lib if version.split("-")[0] == cli_version.split("-")[0] else None


def _c_strings(values: Sequence[str]) -> ctypes.Array[ctypes.c_char_p]:
    """Given strings, a C array of them (UTF-8)."""
    return (ctypes.c_char_p * max(len(values), 1))(*(v.encode() for v in values))


class _Engines(threading.local):
    """The engines of one thread, by language and config (an engine is no thread's but its
    own; a process forked from this thread has its own copy of them)."""

    def __init__(self) -> None:
        self.by_setup: dict[tuple[str, EngineConfig], int | None] = {}


_engines = _Engines()
_made: list[tuple[ctypes.CDLL, int]] = []  # every engine made here, ended at exit


def _end_engines() -> None:
    """Given nothing, every engine made in this process (or before its fork) ended, so the
    library's model cache is empty when it is torn down."""
    while _made:
        lib, api = _made.pop()
        lib.TessBaseAPIEnd(ctypes.c_void_p(api))
        lib.TessBaseAPIDelete(ctypes.c_void_p(api))


def _engine(lib: ctypes.CDLL, lang: str, config: EngineConfig) -> int | None:
    """Given the library, a language and a config, this thread's engine set up for them as
    the command line sets one up (made once), or None when set-up fails."""
    key = (lang, config)
    if key not in _engines.by_setup:
        _engines.by_setup[key] = _new_engine(lib, lang, config)
    return _engines.by_setup[key]


def _new_engine(lib: ctypes.CDLL, lang: str, config: EngineConfig) -> int | None:
    """Given the library, a language and a config, a new engine set up for them as the
    command line sets one up, or None when set-up fails."""
    api = lib.TessBaseAPICreate()
    given = [*config.variables, *QUIET]
    names = _c_strings([n for n, _ in given])
    values = _c_strings([v for _, v in given])
    failed = lib.TessBaseAPIInit4(
        api, None, lang.encode(), config.oem, None, 0, names, values, len(given), 0
    )
    if failed:
        lib.TessBaseAPIDelete(api)
        return None
    for name, value in config.variables:  # the command line sets them again after set-up
        lib.TessBaseAPISetVariable(api, name.encode(), value.encode())
    if lib.TessBaseAPIGetPageSegMode(api) == 6:  # PSM_SINGLE_BLOCK: no config file changed it
        lib.TessBaseAPISetPageSegMode(api, config.psm)
    if not _made:
        atexit.register(_end_engines)
    _made.append((lib, int(api)))
    return int(api)


def prepare(lang: str, config: str, cli_version: str) -> bool:
    """Given a language, a command-line config and the command line's version, this
    thread's engine for them set up now (not at its first read); whether there is one."""
    parsed = parse_config(config)
    lib = _library(cli_version) if parsed is not None else None
    return lib is not None and parsed is not None and _engine(lib, lang, parsed) is not None


def read_tsv(images: Sequence[Image.Image], lang: str, config: str, cli_version: str) -> str | None:
    """Given images, a language, a command-line config and the command line's version, the
    word table (TSV text with its header) of the images read one after another, as
    ``tesseract LISTING out -l LANG CONFIG tsv`` writes it; None where the in-process
    engine cannot stand in for the command line."""
    parsed = parse_config(config)
    if not images or any(image.width < 1 or image.height < 1 for image in images):
        return None  # the command line's own answer (an error) for no image or an empty one
    lib = _library(cli_version) if parsed is not None else None
    if lib is None or parsed is None:
        return None
    api = _engine(lib, lang, parsed)
    if api is None:
        return None
    handle = ctypes.c_void_p(api)
    rows = [TSV_HEADER]
    for n, image in enumerate(images):
        grey = image if image.mode == "L" else image.convert("L")
        lib.TessBaseAPISetImage(handle, grey.tobytes(), grey.width, grey.height, 1, grey.width)
        if lib.TessBaseAPIRecognize(handle, None) < 0:
            lib.TessBaseAPIClear(handle)
            return None
        text = lib.TessBaseAPIGetTsvText(handle, n)
        if text:
            rows.append(ctypes.string_at(text).decode("utf-8"))
            lib.TessDeleteText(text)
    lib.TessBaseAPIClear(handle)
    return "".join(rows)
