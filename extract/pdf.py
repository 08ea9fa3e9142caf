"""Opening PDFs: the checks that turn unusable files into clear errors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.pdf import PDF

from riskrad.errors import DamagedPdfError, EmptyFileError, EncryptedPdfError, NotAPdfError

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


@contextmanager
def open_pdf(path: Path) -> Iterator[PDF]:
    """Given a path, the open pdfplumber PDF; unusable files raise a DocumentError."""
    check_pdf_header(path)
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPdfError() from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise DamagedPdfError(f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:
        # pdfminer raises many kinds of errors on damaged files.
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise EncryptedPdfError() from exc
        raise DamagedPdfError(f"{type(exc).__name__}: {exc}") from exc
    try:
        try:
            count = len(pdf.pages)
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise EncryptedPdfError() from exc
        except Exception as exc:
            raise DamagedPdfError(f"page tree unreadable: {type(exc).__name__}: {exc}") from exc
        if count == 0:
            raise DamagedPdfError("no readable pages")
        yield pdf
    finally:
        pdf.close()
