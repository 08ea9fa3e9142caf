"""riskrad's exceptions: each message says what happened and what to do next.

Exit codes are mapped in one place, :func:`riskrad.cli.main`.
"""

from __future__ import annotations


class RiskradError(Exception):
    """Base of every error riskrad raises on purpose."""


class UsageError(RiskradError):
    """The command line cannot be used as given (exit code 2)."""


class DocumentError(RiskradError):
    """One input document cannot be read; it is recorded as failed, the run goes on."""


class EmptyFileError(DocumentError):
    def __init__(self) -> None:
        super().__init__("the file is empty (0 bytes): copy it again from its source")


class NotAPdfError(DocumentError):
    def __init__(self, head: bytes) -> None:
        shown = head[:16].decode("latin-1", "replace").encode("unicode_escape").decode()
        super().__init__(
            f"not a PDF (the file starts with {shown!r}, not '%PDF-'): "
            "convert it to PDF or remove it from the input folder"
        )


class EncryptedPdfError(DocumentError):
    def __init__(self) -> None:
        super().__init__(
            "the PDF is encrypted with a password: save an unprotected copy "
            "(e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`) and run again"
        )


class DamagedPdfError(DocumentError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"the PDF is damaged or truncated ({detail}): download it again, "
            "or repair it (e.g. `qpdf in.pdf out.pdf`) and run again"
        )


class OcrUnavailableError(RiskradError):
    """Tesseract or its Swedish model is missing: no page can be OCR'd."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"OCR is not available ({detail}): install tesseract-ocr and "
            "tesseract-ocr-swe (`make extract` does it on Debian)"
        )
