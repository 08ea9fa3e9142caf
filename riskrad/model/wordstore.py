"""Word tables in a prebuilt binary file (SQLite), read one word at a time: fast start.

The lexicon's sources (wordfreq's lists, spaCy's lemma table, the project's counts)
take seconds to load and index as Python dicts, on every start. They are built once
instead, at install (``python -m riskrad.model.lexicon build``) or at first use, into
one SQLite file in the cache folder, named by a digest of the sources and of the code
that builds it; a process opens it in milliseconds and looks up only the words it
meets, each remembered once looked up. A table may also get a prefix index (a MARISA
trie of its keys, stored in the file): which of its keys begin a given text, in one
call, without asking the table about every prefix. The file is written to a temporary
name and moved into place, so concurrent first uses never see half a file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from abc import abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import marisa_trie

V = TypeVar("V")
ENV_CACHE_DIR = "RISKRAD_CACHE_DIR"
_MISSING = object()
# Keys per query of a batch look-up (below SQLite's oldest limit on bound parameters).
BATCH = 900
# Bytes of the file SQLite may map into memory: reads without a system call per page.
MMAP_BYTES = 1 << 30
# The table holding the prefix indexes: table name -> the bytes of a trie of its keys.
PREFIX_TABLE = "prefix_index"


def default_cache_root() -> Path:
    """Given nothing, riskrad's cache folder when $RISKRAD_CACHE_DIR is not set."""
    return Path.home() / ".cache" / "riskrad"


def cache_root() -> Path:
    """Given nothing, riskrad's cache folder: $RISKRAD_CACHE_DIR or ~/.cache/riskrad."""
    override = os.environ.get(ENV_CACHE_DIR)
    return Path(override).expanduser() if override else default_cache_root()


def build_store(
    path: Path, tables: Mapping[str, Iterable[tuple[str, Any]]], prefixed: Collection[str] = ()
) -> None:
    """Given a target path, tables of (key, value) rows and the tables that get a prefix
    index, write the store atomically (a change to what it writes bumps the lexicon's
    STORE_FORMAT, so stores of the old layout are rebuilt)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(tmp)
        try:
            for name, rows in tables.items():
                connection.execute(f"CREATE TABLE {name} (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
                connection.executemany(f"INSERT INTO {name} VALUES (?, ?)", rows)
            connection.execute(f"CREATE TABLE {PREFIX_TABLE} (k TEXT PRIMARY KEY, v BLOB)")
            for name in prefixed:
                rows = connection.execute(f"SELECT k FROM {name}")
                keys = marisa_trie.Trie(key for (key,) in rows)
                connection.execute(
                    f"INSERT INTO {PREFIX_TABLE} VALUES (?, ?)", (name, keys.tobytes())
                )
            connection.commit()
        finally:
            connection.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class WordStore:
    """A read-only store file; one connection per process (reopened after a fork)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._connection: sqlite3.Connection | None = None
        self._prefix_indexes: dict[str, marisa_trie.Trie | None] = {}

    def connection(self) -> sqlite3.Connection:
        """Given the store, this process's read-only connection to it."""
        if self._connection is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._connection.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._pid = os.getpid()
        return self._connection

    def lookup(self, table: str, key: str) -> Any:
        """Given a table and a key, the stored value, or None."""
        row = self.connection().execute(f"SELECT v FROM {table} WHERE k = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def lookup_many(self, table: str, keys: list[str]) -> dict[str, Any]:
        """Given a table and keys, the stored value of each key found (one query per BATCH)."""
        found: dict[str, Any] = {}
        connection = self.connection()
        for first in range(0, len(keys), BATCH):
            chunk = keys[first : first + BATCH]
            query = f"SELECT k, v FROM {table} WHERE k IN ({','.join('?' * len(chunk))})"
            found.update(connection.execute(query, chunk))
        return found

    def prefix_index(self, table: str) -> marisa_trie.Trie | None:
        """Given a table, the trie of its keys if the store has one (read once)."""
        if table not in self._prefix_indexes:
            raw = self.lookup(PREFIX_TABLE, table)
            self._prefix_indexes[table] = None if raw is None else marisa_trie.Trie().frombytes(raw)
        return self._prefix_indexes[table]

    def keys(self, table: str) -> Iterator[str]:
        """Given a table, its keys."""
        for (key,) in self.connection().execute(f"SELECT k FROM {table}"):
            yield key

    def count(self, table: str) -> int:
        """Given a table, its number of rows."""
        return int(self.connection().execute(f"SELECT count(*) FROM {table}").fetchone()[0])


class BatchMap(Mapping[str, V], Generic[V]):
    """A read-only str-keyed mapping that can also answer many keys at once."""

    @abstractmethod
    def fetch_many(self, keys: Collection[str]) -> dict[str, V]:
        """Given keys, the ones present with their values."""

    def prefixes(self, text: str) -> list[str]:
        """Given a text, the keys present that begin it, shortest first."""
        found = self.fetch_many([text[:size] for size in range(1, len(text) + 1)])
        return sorted(found, key=len)


class DictMap(BatchMap[V]):
    """A BatchMap over a dict held in memory."""

    def __init__(self, data: Mapping[str, V]) -> None:
        self.data = data

    def fetch_many(self, keys: Collection[str]) -> dict[str, V]:
        """Given keys, the ones present with their values."""
        data = self.data
        return {key: data[key] for key in keys if key in data}

    def __getitem__(self, key: str) -> V:
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class ComputedMap(BatchMap[V]):
    """A BatchMap whose values are computed on first use (None: the key is absent); it
    iterates over the keys it was given that have a value."""

    def __init__(self, compute: Callable[[str], V | None], keys: Sequence[str]) -> None:
        self.compute = compute
        self.keys_given = keys
        self._seen: dict[str, V | None] = {}

    def _value(self, key: str) -> V | None:
        """Given a key, its value or None (computed once)."""
        seen = self._seen
        if key not in seen:
            seen[key] = self.compute(key)
        return seen[key]

    def fetch_many(self, keys: Collection[str]) -> dict[str, V]:
        """Given keys, the ones present with their values."""
        found: dict[str, V] = {}
        for key in keys:
            value = self._value(key)
            if value is not None:
                found[key] = value
        return found

    def __getitem__(self, key: str) -> V:
        value = self._value(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._value(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key in self.keys_given if self._value(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class StoredMap(BatchMap[V]):
    """A read-only str-keyed mapping over one table of a store, remembering what it read."""

    def __init__(
        self, store: WordStore, table: str, decode: Callable[[Any], V] = lambda v: v
    ) -> None:
        self.store = store
        self.table = table
        self.decode = decode
        self._seen: dict[str, Any] = {}
        self._prefix_index: Any = _MISSING

    def _index(self) -> marisa_trie.Trie | None:
        """Given the map, its table's prefix index, or None if the store has none."""
        index = self._prefix_index
        if index is _MISSING:
            index = self._prefix_index = self.store.prefix_index(self.table)
        return index

    def _value(self, key: str) -> Any:
        """Given a key, its decoded value or _MISSING (looked up once; a key the prefix
        index does not have is not looked up)."""
        value = self._seen.get(key, _MISSING)
        if value is _MISSING and key not in self._seen:
            index = self._index()
            if not isinstance(key, str) or (index is not None and key not in index):
                raw = None
            else:
                raw = self.store.lookup(self.table, key)
            value = _MISSING if raw is None else self.decode(raw)
            self._seen[key] = value
        return value

    def prefixes(self, text: str) -> list[str]:
        """Given a text, the keys present that begin it, shortest first (by the table's
        prefix index where the store has one)."""
        index = self._index()
        if index is None:
            return super().prefixes(text)
        return sorted(index.prefixes(text), key=len)

    def fetch_many(self, keys: Collection[str]) -> dict[str, V]:
        """Given keys, the ones present with their values (one query for those not yet
        read that the prefix index, if any, has)."""
        seen = self._seen
        unread = [key for key in keys if key not in seen]
        if unread:
            index = self._index()
            if index is not None:
                for key in unread:
                    if key not in index:
                        seen[key] = _MISSING
                unread = [key for key in unread if key not in seen]
            raw = self.store.lookup_many(self.table, unread) if unread else {}
            decode = self.decode
            for key in unread:
                value = raw.get(key)
                seen[key] = _MISSING if value is None else decode(value)
        found: dict[str, V] = {}
        for key in keys:
            value = seen[key]
            if value is not _MISSING:
                found[key] = value
        return found

    def __getitem__(self, key: str) -> V:
        value = self._value(key)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:
        value = self._value(key)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._value(key) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        return self.store.keys(self.table)

    def __len__(self) -> int:
        return self.store.count(self.table)


class StoredPairs(Mapping[tuple[str, str], V], Generic[V]):
    """A read-only mapping keyed by word pairs, over a table keyed 'first<TAB>second'."""

    def __init__(self, inner: StoredMap[V]) -> None:
        self.inner = inner

    def fetch_many(self, keys: Iterable[tuple[str, str]]) -> None:
        """Given word pairs, read those not yet read (one query)."""
        self.inner.fetch_many([f"{first}\t{second}" for first, second in keys])

    def __getitem__(self, key: tuple[str, str]) -> V:
        return self.inner[f"{key[0]}\t{key[1]}"]

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        return self.inner.get(f"{key[0]}\t{key[1]}", default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and f"{key[0]}\t{key[1]}" in self.inner

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for key in self.inner:
            first, _, second = key.partition("\t")
            yield first, second

    def __len__(self) -> int:
        return len(self.inner)
