"""riskrad's cache folder, and folders published into it whole (the lexicon store, the
compiled repair modules).

Only the standard library: riskrad/model/native.py uses it while the model package is
still being imported. A folder is named by what it holds and never written once in
place: it is filled under a temporary name beside its place and moved there in one
rename, so a process never sees half of one, and of two processes making the same
folder at once one wins and the other drops its copy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_CACHE_DIR = "RISKRAD_CACHE_DIR"


def default_cache_root() -> Path:
    """Given nothing, riskrad's cache folder when $RISKRAD_CACHE_DIR is not set."""
    return Path.home() / ".cache" / "riskrad"


def cache_root() -> Path:
    """Given nothing, riskrad's cache folder: $RISKRAD_CACHE_DIR or ~/.cache/riskrad."""
    override = os.environ.get(ENV_CACHE_DIR)
    return Path(override).expanduser() if override else default_cache_root()


def find_cached(name: str, marker: str | None = None) -> Path | None:
    """Given a folder's name and, optionally, a file every finished one holds, the folder
    in riskrad's cache folder, else the one in the default cache folder (a run with its
    own $RISKRAD_CACHE_DIR reads what ``make setup`` built), or None when neither exists."""
    for root in (cache_root(), default_cache_root()):
        folder = root / name
        if (folder if marker is None else folder / marker).exists():
            return folder
    return None


@contextmanager
def publishing(target: Path, marker: str) -> Iterator[Path]:
    """Given a folder to make and a file the finished folder holds, a new empty folder
    beside it to fill in the with-block; moved into place when the block ends (dropped
    when another process has put the same folder there first, or when the block raises)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield tmp
        tmp.chmod(0o755)
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / marker).exists():
                raise
            shutil.rmtree(tmp)  # another process made the same folder first
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
