"""PDFium's per-character questions asked from C: one call per page and question.

The text layer asks PDFium five things about every character of a page (its code, a map
error, whether PDFium generated it, its box, its text object): about 1.5 million calls
for a hundred pages. Through ctypes each call costs about 0.7 µs, most of the text
layer's time; this small C library makes the same calls, to the same PDFium functions
(their addresses are taken from pypdfium2), in a loop, and writes the answers to an array.

The library is built once (``python -m riskrad.extract.charscan build``, run by ``make
native`` where a C compiler exists) into riskrad's cache folder, named by a digest of its
source and the machine. Without it, or with $RISKRAD_NATIVE=0, the text layer asks through
ctypes one character at a time: the same calls, so the same answers
(tests/test_charscan.py compares them on every corpus page).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import platform
import sys
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from riskrad.model.cachedir import cache_root, default_cache_root
from riskrad.model.native import ENV_NATIVE

BUILD_FORMAT = 1

# The per-character loops: f is a PDFium function taking (text page, character index), at
# the indices asked (NULL: 0..n-1); ask_box stops at the first character without a box and
# returns how many it read.
SOURCE = r"""
#include <stdint.h>

typedef struct { float left, top, right, bottom; } rectf;
typedef unsigned int (*u32_fn)(void *, int);
typedef int (*i32_fn)(void *, int);
typedef void *(*ptr_fn)(void *, int);
typedef float (*f32_fn)(void *, int);
typedef double (*f64_fn)(void *, int);
typedef int (*box_fn)(void *, int, rectf *);

#define AT(k) ((int)(at ? at[k] : (k)))

void ask_u32(u32_fn f, void *page, const int64_t *at, int64_t n, uint32_t *out) {
    for (int64_t k = 0; k < n; k++) out[k] = f(page, AT(k));
}

void ask_i32(i32_fn f, void *page, const int64_t *at, int64_t n, int32_t *out) {
    for (int64_t k = 0; k < n; k++) out[k] = f(page, AT(k));
}

void ask_ptr(ptr_fn f, void *page, const int64_t *at, int64_t n, uint64_t *out) {
    for (int64_t k = 0; k < n; k++) out[k] = (uint64_t)(uintptr_t)f(page, AT(k));
}

void ask_f32(f32_fn f, void *page, const int64_t *at, int64_t n, double *out) {
    for (int64_t k = 0; k < n; k++) out[k] = (double)f(page, AT(k));
}

void ask_f64(f64_fn f, void *page, const int64_t *at, int64_t n, double *out) {
    for (int64_t k = 0; k < n; k++) out[k] = f(page, AT(k));
}

int64_t ask_box(box_fn f, void *page, const int64_t *at, int64_t n, rectf *out) {
    for (int64_t k = 0; k < n; k++)
        if (!f(page, AT(k), out + k)) return k;
    return n;
}
"""

# a PDFium function's ctypes return type -> the loop that calls it and its answers' dtype
_LOOPS: dict[Any, tuple[str, Any]] = {
    ctypes.c_uint: ("ask_u32", np.uint32),
    ctypes.c_int: ("ask_i32", np.int32),
    ctypes.c_size_t: ("ask_ptr", np.uint64),
    ctypes.c_float: ("ask_f32", np.float64),
    ctypes.c_double: ("ask_f64", np.float64),
}


def digest() -> str:
    """Given nothing, a digest of what the library is built from: its source and the
    machine (a cache folder shared by machines of other kinds keeps one build each)."""
    key = f"v{BUILD_FORMAT} {sys.platform} {platform.machine()}\n{SOURCE}"
    return hashlib.sha256(key.encode()).hexdigest()


def library_path(root: Path | None = None) -> Path:
    """Given a cache folder (riskrad's by default), where the library for this source lives."""
    return (cache_root() if root is None else root) / f"charscan-{digest()[:24]}.so"


def compiler() -> str | None:
    """Given nothing, the C compiler to build with ($CC, cc or gcc), or None."""
    import shutil

    for name in (os.environ.get("CC", "cc"), "gcc"):
        if shutil.which(name) is not None:
            return name
    return None


def build(root: Path | None = None) -> Path:
    """Given a cache folder (riskrad's by default), compile the library into it (nothing
    when it is there); return its path. It appears whole, under a temporary name moved
    into place."""
    import subprocess
    import tempfile

    target = library_path(root)
    if target.exists():
        return target
    cc = compiler()
    if cc is None:
        raise RuntimeError("cannot compile the character scanner: no C compiler (cc or gcc)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="riskrad-charscan-") as scratch:
        source = Path(scratch) / "charscan.c"
        source.write_text(SOURCE, encoding="utf-8")
        built = Path(scratch) / "charscan.so"
        subprocess.run(
            [cc, "-O2", "-shared", "-fPIC", "-o", str(built), str(source)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ctypes.CDLL(str(built))  # loads: no half-built file is moved into place
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(fd)
        try:
            Path(tmp).write_bytes(built.read_bytes())
            os.chmod(tmp, 0o755)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


class Scanner:
    """The built library, loaded: PDFium's per-character questions for many characters."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self.loops: dict[str, Any] = {}
        for name in ("ask_u32", "ask_i32", "ask_ptr", "ask_f32", "ask_f64", "ask_box"):
            loop = getattr(library, name)
            loop.argtypes = [ctypes.c_void_p] * 3 + [ctypes.c_int64, ctypes.c_void_p]
            loop.restype = ctypes.c_int64 if name == "ask_box" else None
            self.loops[name] = loop

    def ask(
        self, function: Any, raw_page: ctypes.c_void_p, indices: Any, count: int, dtype: Any
    ) -> npt.NDArray[Any] | None:
        """Given a per-character PDFium function (a ctypes function with its return type
        set), the text page's handle, character indices (a range or a sequence of ints),
        their count and the dtype wanted, each character's answer; None when the function's
        return type has no loop or another dtype is wanted (ask it through ctypes)."""
        loop = _LOOPS.get(function.restype)
        if loop is None or np.dtype(loop[1]) != np.dtype(dtype):
            return None
        at = _positions(indices, count)
        out = np.empty(count, dtype=loop[1])
        address = ctypes.cast(function, ctypes.c_void_p)
        self.loops[loop[0]](address, raw_page, _address(at), count, out.ctypes.data)
        return out

    def boxes(
        self, function: Any, raw_page: ctypes.c_void_p, indices: Any, count: int
    ) -> tuple[npt.NDArray[np.float32], int]:
        """Given PDFium's FPDFText_GetLooseCharBox (a function taking the text page, an
        index and an FS_RECTF), the text page's handle and character indices, the boxes
        (count x 4 float32: left, top, right, bottom; zeros from the first character
        without one) and how many were read before it (count when all were)."""
        at = _positions(indices, count)
        out = np.zeros((count, 4), dtype=np.float32)
        address = ctypes.cast(function, ctypes.c_void_p)
        read = self.loops["ask_box"](address, raw_page, _address(at), count, out.ctypes.data)
        return out, int(read)


def _positions(indices: Any, count: int) -> npt.NDArray[np.int64] | None:
    """Given character indices (a range or a sequence of ints) and their count, them as an
    int64 array (None for 0..count-1)."""
    if isinstance(indices, range) and indices == range(count):
        return None
    if isinstance(indices, range):
        indices = np.arange(indices.start, indices.stop, indices.step)
    at = np.asarray(indices, dtype=np.int64)
    if at.shape != (count,):
        raise ValueError(f"{count} indices expected, got {at.shape}")
    return np.ascontiguousarray(at)


def _address(at: npt.NDArray[np.int64] | None) -> int | None:
    """Given an index array or None, its data's address (None: NULL)."""
    return None if at is None else int(at.ctypes.data)


@cache
def loaded() -> Scanner | None:
    """Given nothing, the built library loaded (from riskrad's cache folder, or the default
    one when $RISKRAD_CACHE_DIR names another), or None: not built, damaged, or
    $RISKRAD_NATIVE is 0."""
    if os.environ.get(ENV_NATIVE, "1") == "0":
        return None
    for root in (cache_root(), default_cache_root()):
        path = library_path(root)
        if path.exists():
            try:
                return Scanner(ctypes.CDLL(str(path)))
            except (OSError, AttributeError):  # damaged: ask through ctypes
                return None
    return None


def main(command: list[str]) -> int:
    """Given the command's arguments (build), build the library; the exit status (0 when it
    cannot be built: the text layer then asks through ctypes)."""
    if command != ["build"]:
        print("usage: python -m riskrad.extract.charscan build", file=sys.stderr)
        return 2
    try:
        print(build())
    except Exception as error:  # the same answers come through ctypes, only slower
        print(f"character scanner not compiled ({error}): the text layer asks through ctypes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
