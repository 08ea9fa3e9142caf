"""Salvaging a damaged PDF with qpdf (pikepdf): rebuild it in a temporary copy, say what was lost.

qpdf rebuilds a lost or broken cross-reference table by scanning the file's
objects.  A file cut short (an interrupted download) has often lost its
trailer, page tree and catalog, which many writers put at the end; then the
page objects still in the file are gathered into a new page tree, in file
order.  Each page is checked for its content: a page whose content stream is
missing is kept (its number stays right) and named as lost.  The original file
is never changed.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from riskrad.model.errors import DamagedPdfError

if TYPE_CHECKING:  # pikepdf (qpdf) is imported only when a file needs salvage
    import pikepdf

OBJECT_START = re.compile(rb"(?<![0-9])([0-9]{1,9})[ \t\r\n]+([0-9]{1,5})[ \t\r\n]+obj\b")
PAGE_TYPE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
COUNT = re.compile(
    rb"/Type\s*/Pages\b[^>]*?/Count\s+([0-9]{1,6})|/Count\s+([0-9]{1,6})[^>]*?/Type\s*/Pages\b"
)
LINEARIZED_PAGES = re.compile(rb"/Linearized\b[^>]*?/N\s+([0-9]{1,6})")
EOF_MARK = b"%%EOF"
TAIL_BYTES = 2048


@dataclass(frozen=True, slots=True)
class Salvage:
    """A repaired copy of a damaged PDF: where, how many pages, which lost their content, why."""

    path: Path
    pages: int
    empty_pages: tuple[int, ...]
    repairs: tuple[str, ...]
    expected_pages: int | None

    def note(self) -> str:
        """Given the salvage, the documents.error text: what was repaired and what was lost."""
        lost: list[str] = []
        if self.empty_pages:
            lost.append(f"content of page(s) {page_ranges(self.empty_pages)} missing")
        if self.expected_pages is not None and self.expected_pages > self.pages:
            lost.append(
                f"{self.expected_pages - self.pages} of {self.expected_pages} pages missing"
            )
        read = self.pages - len(self.empty_pages)
        return (
            f"damaged PDF repaired with qpdf ({'; '.join(self.repairs)}): "
            f"{read} of {self.pages} page(s) have content"
            + (f"; lost: {', '.join(lost)}" if lost else "; no loss found")
            + ". Rows from the readable pages are kept; get an undamaged copy for the rest"
        )


def page_ranges(pages: tuple[int, ...]) -> str:
    """Given sorted page numbers, them as ranges ("3, 5-9")."""
    parts: list[str] = []
    start = prev = pages[0]
    for page in (*pages[1:], None):
        if page is not None and page == prev + 1:
            prev = page
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if page is not None:
            start = prev = page
    return ", ".join(parts)


def object_spans(data: bytes) -> list[tuple[int, int, int]]:
    """Given a PDF's bytes, each indirect object's (number, start, end) in file order."""
    starts = [(int(m.group(1)), m.start()) for m in OBJECT_START.finditer(data)]
    spans = []
    for k, (number, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(data)
        spans.append((number, start, end))
    return spans


def page_objects(data: bytes) -> list[int]:
    """Given a PDF's bytes, the numbers of its page objects, in file order (last copy wins)."""
    order: dict[int, int] = {}
    for number, start, end in object_spans(data):
        head = data[start : min(end, start + 4096)]
        if b"stream" in head:
            head = head[: head.find(b"stream")]
        if PAGE_TYPE.search(head):
            order.pop(number, None)
            order[number] = start
    return list(order)


def declared_pages(data: bytes) -> int | None:
    """Given a PDF's bytes, the largest page count a surviving page tree node (or the
    linearization dictionary) declares."""
    counts = [int(a or b) for a, b in COUNT.findall(data)]
    counts += [int(n) for n in LINEARIZED_PAGES.findall(data[:4096])]
    return max(counts) if counts else None


def with_new_page_tree(data: bytes) -> bytes | None:
    """Given a PDF's bytes without a usable trailer, them with a new page tree and trailer."""
    pages = page_objects(data)
    if not pages:
        return None
    top = max(number for number, _, _ in object_spans(data))
    tree, catalog = top + 1, top + 2
    kids = " ".join(f"{n} 0 R" for n in pages)
    tail = (
        f"\nendstream\nendobj\n{tree} 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>"
        f"\nendobj\n{catalog} 0 obj\n<< /Type /Catalog /Pages {tree} 0 R >>\nendobj\n"
        f"trailer\n<< /Size {catalog + 1} /Root {catalog} 0 R >>\n%%EOF\n"
    )
    return data + tail.encode("ascii")


def has_content(page: pikepdf.Page) -> bool:
    """Given a repaired page, whether it has a content stream that can be read."""
    import pikepdf

    try:
        contents = page.obj.get("/Contents")
        if contents is None:
            return False
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        return any(len(s.read_bytes()) > 0 for s in streams if isinstance(s, pikepdf.Stream))
    except (pikepdf.PdfError, zlib.error, ValueError, TypeError, RuntimeError):
        return False


def open_repaired(source: Path, patched: Path) -> tuple[pikepdf.Pdf, list[str]]:
    """Given a damaged file, it opened by qpdf (with a new page tree when needed), and how."""
    import pikepdf

    data = source.read_bytes()
    repairs: list[str] = []
    if EOF_MARK not in data[-TAIL_BYTES:]:
        repairs.append("file cut short: no end-of-file marker")
    try:
        pdf = pikepdf.open(source)
        if len(pdf.pages) > 0:
            return pdf, [*repairs, "cross-reference table rebuilt"]
        pdf.close()
    except pikepdf.PasswordError:
        raise
    except (pikepdf.PdfError, RuntimeError, ValueError, OSError):
        pass
    rebuilt = with_new_page_tree(data)
    if rebuilt is None:
        raise DamagedPdfError("qpdf found no page objects to salvage")
    patched.write_bytes(rebuilt)
    try:
        pdf = pikepdf.open(patched)
    except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
        raise DamagedPdfError(f"qpdf cannot rebuild it: {exc}") from exc
    return pdf, [*repairs, "cross-reference table rebuilt", "page tree rebuilt from page objects"]


def salvage_pdf(source: Path, directory: Path) -> Salvage:
    """Given a PDF PDFium cannot open and a scratch folder, a repaired copy there and what was
    lost; DamagedPdfError when nothing can be salvaged."""
    import pikepdf

    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{abs(hash(str(source))):x}"
    target = directory / f"{stem}.pdf"
    patched = directory / f"{stem}.patched.pdf"
    try:
        pdf, repairs = open_repaired(source, patched)
    except pikepdf.PasswordError as exc:
        raise DamagedPdfError("encrypted and damaged") from exc
    try:
        pages = len(pdf.pages)
        empty = tuple(n + 1 for n, page in enumerate(pdf.pages) if not has_content(page))
        pdf.save(target, deterministic_id=True)
    except (pikepdf.PdfError, RuntimeError, ValueError, OSError) as exc:
        raise DamagedPdfError(f"qpdf cannot write a repaired copy: {exc}") from exc
    finally:
        pdf.close()
        patched.unlink(missing_ok=True)
    if pages == 0:
        raise DamagedPdfError("qpdf found no pages to salvage")
    expected = declared_pages(source.read_bytes())
    return Salvage(target, pages, empty, tuple(repairs), expected)
