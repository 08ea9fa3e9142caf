"""The document-level result cache: an unchanged document is not opened again.

An entry holds one document's rows before the cross-document steps (metadata
fallbacks from folders, validation across the document, lineage, views, report),
which every run recomputes from the entries. Only outcomes that the file's bytes and
the settings decide are stored: ok documents, partial ones whose shortfall is
deterministic (rows announced but not read, pages beyond --max-pages, images beyond the
pixel limits, content lost in a damaged file) and documents that fail to open (empty,
not a PDF, encrypted, damaged beyond repair). A document is read again on the next run
when a page hit the time or memory limit, its worker died, OCR failed or was missing,
or a step raised (``DocumentResult.cacheable``). Its key is the sha256 of the file's
bytes, riskrad's version, a digest of riskrad's own code and data files (so a
changed rule never serves stale rows) and the fingerprint of the settings that
change results. Entries are zlib-compressed JSON (typed tables as column names and
value rows: ``ContractRow.to_columns``) behind a header line holding the
payload's sha256: a damaged entry is detected, ignored and recomputed. Writes go to
a temporary file moved into place with ``os.replace``.

A second, small index maps (path, size, mtime, inode) to the file's sha256, so an
unchanged folder is not even read to be hashed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from riskrad import __version__
from riskrad.extract.pdf import file_sha256

ENV_CACHE_DIR = "RISKRAD_CACHE_DIR"
ENV_RESULTS_DIR = "RISKRAD_RESULT_CACHE_DIR"  # the result cache alone elsewhere (tests, benches)
FORMAT = b"riskrad-result-v2"  # v2: typed tables as column names and value rows
INDEX_NAME = "file-hashes.json"

log = logging.getLogger("riskrad.cache")


def default_results_dir() -> Path:
    """Given nothing, the result cache folder: $RISKRAD_RESULT_CACHE_DIR, or results/ in
    $RISKRAD_CACHE_DIR or ~/.cache/riskrad."""
    own = os.environ.get(ENV_RESULTS_DIR)
    if own:
        return Path(own).expanduser()
    override = os.environ.get(ENV_CACHE_DIR)
    root = Path(override).expanduser() if override else Path.home() / ".cache" / "riskrad"
    return root / "results"


@cache
def code_digest() -> str:
    """Given nothing, the sha256 of riskrad's installed code and data files (names and bytes)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    roots = [package, (package / "extract").resolve(), (package / "normalize").resolve()]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".csv", ".json", ".tsv", ".gz", ".txt"} and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_key(file_sha256: str, settings_fingerprint: str) -> str:
    """Given a file's sha256 and the settings' fingerprint, the cache key (sha256 hex)."""
    parts = f"{file_sha256}|{__version__}|{code_digest()}|{settings_fingerprint}"
    return hashlib.sha256(parts.encode()).hexdigest()


def encode_entry(payload: dict[str, Any]) -> bytes:
    """Given a JSON-ready payload, the entry's bytes: header with checksum, compressed JSON."""
    body = zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 3)
    return FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def decode_entry(data: bytes) -> dict[str, Any] | None:
    """Given an entry's bytes, its payload, or None when the header or checksum is wrong."""
    head, _, body = data.partition(b"\n")
    parts = head.split(b" ")
    if len(parts) != 2 or parts[0] != FORMAT:
        return None
    if hashlib.sha256(body).hexdigest().encode() != parts[1]:
        return None
    try:
        payload: dict[str, Any] = json.loads(zlib.decompress(body))
    except (zlib.error, ValueError):
        return None
    return payload


def write_atomically(path: Path, data: bytes) -> None:
    """Given a path and bytes, write them so readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class ResultCache:
    """Document results on disk, and the index of file hashes; errors are logged, not raised."""

    directory: Path
    settings_fingerprint: str

    def __post_init__(self) -> None:
        self._index: dict[str, list[Any]] = self._read_index()
        self._index_changed = False

    def _entry_path(self, file_sha256: str) -> Path:
        """Given a file's sha256, where its entry lives."""
        key = entry_key(file_sha256, self.settings_fingerprint)
        return self.directory / key[:2] / f"{key}.entry"

    def get(self, file_sha256: str) -> dict[str, Any] | None:
        """Given a file's sha256, its cached payload, or None (absent or damaged)."""
        path = self._entry_path(file_sha256)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        payload = decode_entry(data)
        if payload is None:
            log.warning("damaged result cache entry %s ignored: the document is re-read", path)
        return payload

    def put(self, file_sha256: str, payload: dict[str, Any]) -> None:
        """Given a file's sha256 and its payload, store the entry (a write error is logged)."""
        try:
            write_atomically(self._entry_path(file_sha256), encode_entry(payload))
        except OSError as exc:
            log.warning("result cache not written (%s): the run goes on", exc)

    def _read_index(self) -> dict[str, list[Any]]:
        """Given nothing, the stored path -> [size, mtime_ns, inode, sha256] index."""
        try:
            data = json.loads((self.directory / INDEX_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def file_hash(self, path: Path) -> str:
        """Given a file, its sha256: from the index when size, mtime and inode are unchanged."""
        stat = path.stat()
        key = os.path.abspath(path)  # not resolve(): a stat per folder of the path, per file
        known = self._index.get(key)
        if known and known[:3] == [stat.st_size, stat.st_mtime_ns, stat.st_ino]:
            return str(known[3])
        sha = file_sha256(path)
        self._index[key] = [stat.st_size, stat.st_mtime_ns, stat.st_ino, sha]
        self._index_changed = True
        return sha

    def save_index(self) -> None:
        """Given the index as this run used it, store it (a write error is logged)."""
        if not self._index_changed:
            return
        try:
            data = json.dumps(self._index, separators=(",", ":")).encode("utf-8")
            write_atomically(self.directory / INDEX_NAME, data)
        except OSError as exc:
            log.warning("file hash index not written (%s)", exc)


CROPS_FORMAT = b"riskrad-crops-v2"


def encode_crops(crops: list[dict[str, Any] | None]) -> bytes:
    """Given crops as values with the image bytes under "data", an entry's body: one JSON
    line of the other values and each image's size, then the images as they are (images are
    compressed already: neither base64 nor zlib)."""
    index = [None if c is None else {**c, "data": len(c["data"])} for c in crops]
    images = b"".join(c["data"] for c in crops if c is not None)
    return json.dumps(index).encode("ascii") + b"\n" + images


def decode_crops(body: bytes) -> list[dict[str, Any] | None] | None:
    """Given an entry's body, the crops (image bytes under "data"), or None when malformed."""
    head, _, images = body.partition(b"\n")
    try:
        index = json.loads(head)
    except ValueError:
        return None
    crops: list[dict[str, Any] | None] = []
    at = 0
    try:
        for crop in index:
            if crop is None:
                crops.append(None)
                continue
            size = int(crop["data"])
            crops.append({**crop, "data": images[at : at + size]})
            at += size
    except (KeyError, TypeError, ValueError):
        return None
    return crops if at == len(images) else None


@dataclass
class CropCache:
    """review.html's page crops on disk, keyed like the result cache: the file's sha256, the
    regions cut from it, the crop settings and riskrad's version and code; an unchanged
    document's crops are not rendered again. Errors are logged, never raised."""

    directory: Path

    def _path(self, file_sha256: str, request: str) -> Path:
        """Given a file's sha256 and the crops asked of it (as text), where they live."""
        parts = f"{file_sha256}|{__version__}|{code_digest()}|{request}"
        key = hashlib.sha256(parts.encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.crops"

    def get(self, file_sha256: str, request: str) -> list[dict[str, Any] | None] | None:
        """Given a file's sha256 and the crops asked, the stored crops, or None."""
        try:
            data = self._path(file_sha256, request).read_bytes()
        except OSError:
            return None
        head, _, body = data.partition(b"\n")
        if not head.startswith(CROPS_FORMAT + b" "):
            return None  # another format: rendered again and replaced
        if head != CROPS_FORMAT + b" " + hashlib.sha256(body).hexdigest().encode():
            log.warning("damaged crop cache entry ignored: the crops are rendered again")
            return None
        return decode_crops(body)

    def put(self, file_sha256: str, request: str, crops: list[dict[str, Any] | None]) -> None:
        """Given a file's sha256, the crops asked and the crops as values (image bytes under
        "data"), store them."""
        body = encode_crops(crops)
        data = CROPS_FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        try:
            write_atomically(self._path(file_sha256, request), data)
        except OSError as exc:
            log.warning("crop cache not written (%s): the run goes on", exc)
