"""On-disk cache of OCR words, keyed by the page image and everything that changes the OCR.

The key is sha256 over the image pixels (mode, size, bytes) plus resolution,
Tesseract version, language and config; the value is the words as JSON with
the sha256 of their canonical JSON, so an entry damaged on disk (a flipped
bit, a cut file, an edit) is detected, logged, deleted and recomputed.
Writes go to a temporary file in the same directory and are moved into
place with ``os.replace``, so a reader never sees a half-written entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image

from riskrad.extract.image_rulings import grey_array
from riskrad.model.records import BBox, Origin, Word

ENV_CACHE_DIR = "RISKRAD_CACHE_DIR"
FORMAT_VERSION = 1  # part of the key: bump when the words change meaning
ENTRY_FORMAT = 2  # the entry's layout: 2 = words with their checksum

log = logging.getLogger("riskrad.ocr")


def default_cache_dir() -> Path:
    """Given nothing, the OCR cache directory: $RISKRAD_CACHE_DIR or ~/.cache/riskrad/ocr."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "riskrad" / "ocr"


def image_digest(image: Image.Image) -> str:
    """Given an image, the sha256 hex digest of its mode, size and pixel bytes."""
    digest = hashlib.sha256()
    digest.update(f"{image.mode}:{image.width}x{image.height}:".encode())
    # a grey image's bytes are its array's (no copy of the page when it has one)
    digest.update(grey_array(image).data if image.mode == "L" else image.tobytes())
    return digest.hexdigest()


def cache_key(image: Image.Image, *, dpi: int, lang: str, version: str, config: str) -> str:
    """Given a page image and the OCR settings, the cache key (sha256 hex)."""
    parts = f"v{FORMAT_VERSION}|{image_digest(image)}|{dpi}|{version}|{lang}|{config}"
    return hashlib.sha256(parts.encode()).hexdigest()


def word_to_json(word: Word) -> dict[str, Any]:
    """Given a word, its JSON-ready dict."""
    b = word.bbox
    out: dict[str, Any] = {
        "text": word.text,
        "bbox": [b.x0, b.top, b.x1, b.bottom],
        "origin": word.origin,
        "confidence": word.confidence,
        "font_size": word.font_size,
        "bold": word.bold,
    }
    if word.turned:  # only then: the entries of upright words stay as they were
        out["turned"] = True
    return out


def word_from_json(data: dict[str, Any]) -> Word:
    """Given a dict made by word_to_json, the word."""
    x0, top, x1, bottom = (float(v) for v in data["bbox"])
    origin: Origin = "ocr" if data.get("origin") == "ocr" else "text"
    return Word(
        text=str(data["text"]),
        bbox=BBox(x0, top, x1, bottom),
        origin=origin,
        confidence=float(data["confidence"]),
        font_size=float(data["font_size"]),
        bold=bool(data.get("bold", False)),
        turned=bool(data.get("turned", False)),
    )


def words_checksum(words: list[dict[str, Any]]) -> str:
    """Given words as JSON-ready dicts, the sha256 of their canonical JSON."""
    canonical = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    """Given a path and text, write it via a temporary file in the same directory and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class OcrCache:
    """Chains get/put of OCR words under a directory (two-level fan-out by key prefix)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()

    def path_for(self, key: str) -> Path:
        """Given a key, the file that holds its entry."""
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[Word, ...] | None:
        """Given a key, the cached words, or None when absent; a damaged entry (unreadable,
        or its checksum does not match its words) is logged, removed and reported absent."""
        path = self.path_for(key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            return self.discard(path, f"unreadable ({exc})")
        try:
            payload = json.loads(text)
            if not isinstance(payload, dict) or payload.get("format") != ENTRY_FORMAT:
                return self.discard(path, "old or unknown entry format")
            words = payload["words"]
            if payload.get("sha256") != words_checksum(words):
                return self.discard(path, "checksum does not match its words")
            return tuple(word_from_json(w) for w in words)
        except (ValueError, KeyError, TypeError) as exc:
            return self.discard(path, f"malformed ({type(exc).__name__})")

    def discard(self, path: Path, why: str) -> tuple[Word, ...] | None:
        """Given a damaged entry's file and why, remove it (it will be recomputed); None."""
        log.warning("OCR cache entry %s is damaged (%s): recomputing it", path.name, why)
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None

    def put(self, key: str, words: tuple[Word, ...]) -> None:
        """Given a key and words, store them atomically; a cache that cannot be written
        (read-only home, full disk) is logged and skipped: the OCR result still counts."""
        data = [word_to_json(w) for w in words]
        payload = {"format": ENTRY_FORMAT, "sha256": words_checksum(data), "words": data}
        try:
            atomic_write_text(self.path_for(key), json.dumps(payload, ensure_ascii=False))
        except OSError as exc:
            log.warning(
                "OCR cache not written (%s): set RISKRAD_CACHE_DIR to a writable folder", exc
            )
