"""Opening PDFs: the checks that turn unusable files into clear errors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium

from riskrad.model.errors import (
    DamagedPdfError,
    DocumentError,
    EmptyFileError,
    EncryptedPdfError,
    NotAPdfError,
)

PDF_MAGIC = b"%PDF-"
HEAD_BYTES = 1024  # the PDF header may follow some junk bytes


def file_sha256(path: Path) -> str:
    """Given a file, the hex sha256 of its bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_pdf_header(path: Path) -> None:
    """Given a file, raise a DocumentError unless it starts like a PDF."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        raise EmptyFileError()
    if PDF_MAGIC not in head:
        raise NotAPdfError(head)


def document_error(exc: BaseException) -> DocumentError:
    """Given an exception raised while opening a PDF, the DocumentError that explains it."""
    text = f"{type(exc).__name__}: {exc}".strip()
    if "password" in text.lower() or "encrypt" in text.lower():
        return EncryptedPdfError()
    return DamagedPdfError(text.rstrip(": "))


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    """Given a path, the open PDFium document; unusable files raise a DocumentError."""
    check_pdf_header(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:  # PdfiumError says "password", "format" or "file access"
        raise document_error(exc) from exc
    try:
        try:
            count = len(pdf)
        except Exception as exc:
            raise document_error(exc) from exc
        if count == 0:
            raise DamagedPdfError("no readable pages")
        yield pdf
    finally:
        pdf.close()
