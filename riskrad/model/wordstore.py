"""Word tables in prebuilt binary files (MARISA tries and value arrays), memory-mapped.

The lexicon's sources (wordfreq's lists, spaCy's lemma table, the project's counts)
take seconds to load and index as Python dicts, on every start. They are built once
instead, at install (``python -m riskrad.model.lexicon build``) or at first use, into
one folder in the cache folder, named by a digest of the sources and of the code that
builds it. Each table is a MARISA trie of its keys (a key's id) and an array of its
values by id; a process maps the files into memory (milliseconds, nothing read until
used) and looks up only the words it meets, a few microseconds a key, each remembered
once looked up. The trie also says which of a table's keys begin a given text, in one
call. The folder is written under a temporary name and moved into place, so concurrent
first uses never see half a store.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
from abc import abstractmethod
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import marisa_trie

from riskrad.model.cachedir import publishing

V = TypeVar("V")
_MISSING = object()
_UNSEEN = object()
# The store's list of tables and the kind of their values (a JSON object).
MANIFEST = "tables.json"
# Value kinds: one 8-byte float or integer per key, or a text per key.
FLOAT, INTEGER, TEXT = "float", "int", "text"
_ARRAY_CODES = {FLOAT: "d", INTEGER: "q"}
# A text table's values file: the key count, then count + 1 offsets, then the UTF-8 texts.
_COUNT = struct.Struct("<Q")


def _value_kind(values: Sequence[Any]) -> str:
    """Given a table's values, their kind (every value must have the first one's type)."""
    kind = FLOAT if values and type(values[0]) is float else TEXT
    if values and type(values[0]) is int:
        kind = INTEGER
    wanted = {FLOAT: float, INTEGER: int, TEXT: str}[kind]
    if any(type(value) is not wanted for value in values):
        raise TypeError(f"a table's values must all be {wanted.__name__}")
    return kind


def _write_values(path: Path, kind: str, values: Sequence[Any]) -> None:
    """Given a file, a value kind and the values by key id, write the values file."""
    if kind in _ARRAY_CODES:
        path.write_bytes(array(_ARRAY_CODES[kind], values).tobytes())
        return
    encoded = [value.encode("utf-8") for value in values]
    offsets = array("Q", [0])
    total = 0
    for blob in encoded:
        total += len(blob)
        offsets.append(total)
    with path.open("wb") as handle:
        handle.write(_COUNT.pack(len(encoded)))
        handle.write(offsets.tobytes())
        for blob in encoded:
            handle.write(blob)


def _write_table(folder: Path, name: str, rows: Iterable[tuple[str, Any]]) -> str:
    """Given a folder, a table name and its (key, value) rows, write the table's trie and
    values; return the kind of its values."""
    keys: list[str] = []
    values: list[Any] = []
    for key, value in rows:
        keys.append(key)
        values.append(value)
    trie = marisa_trie.Trie(keys)
    if len(trie) != len(keys):
        raise ValueError(f"table {name} has duplicate keys")
    by_id: list[Any] = [None] * len(keys)
    for key, value in zip(keys, values, strict=True):
        by_id[trie[key]] = value
    del keys, values
    kind = _value_kind(by_id)
    trie.save(str(folder / f"{name}.keys"))
    _write_values(folder / f"{name}.values", kind, by_id)
    return kind


def build_store(path: Path, tables: Mapping[str, Iterable[tuple[str, Any]]]) -> None:
    """Given a target folder and tables of (key, value) rows (values all float, all int or
    all str), write the store atomically (a change to what it writes bumps the lexicon's
    STORE_FORMAT, so stores of the old layout are rebuilt)."""
    with publishing(path, MANIFEST) as tmp:
        kinds = {name: _write_table(tmp, name, rows) for name, rows in tables.items()}
        (tmp / MANIFEST).write_text(json.dumps(kinds, sort_keys=True), encoding="utf-8")


def _map_file(path: Path) -> mmap.mmap | bytes:
    """Given a file, its bytes mapped read-only into memory (b'' for an empty file)."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


class StoredTable:
    """One table of a store: its key trie and its values, mapped into memory."""

    def __init__(self, folder: Path, name: str, kind: str) -> None:
        self.keys = marisa_trie.Trie()
        self.keys.mmap(str(folder / f"{name}.keys"))
        self.kind = kind
        self._data = _map_file(folder / f"{name}.values")
        view = memoryview(self._data)
        if kind in _ARRAY_CODES:
            code: Any = _ARRAY_CODES[kind]
            self._values: Any = view.cast(code) if len(view) else ()
            self._offsets: Any = ()
            self._start = 0
        else:
            count = _COUNT.unpack_from(view)[0] if len(view) else 0
            self._start = _COUNT.size + 8 * (count + 1)
            self._offsets = view[_COUNT.size : self._start].cast("Q")
            self._values = ()
        # A key id's value: read straight from the array, or a text from its offsets.
        self.value: Callable[[int], Any] = self._text if kind == TEXT else self._values.__getitem__

    def _text(self, index: int) -> str:
        """Given a key id in a text table, its text."""
        offsets, start = self._offsets, self._start
        return str(self._data[start + offsets[index] : start + offsets[index + 1]], "utf-8")

    def get(self, key: str) -> Any:
        """Given a key, its value, or None when the table does not have it."""
        index = self.keys.get(key)
        return None if index is None else self.value(index)


class WordStore:
    """A read-only store folder; its tables are mapped into memory on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kinds: dict[str, str] | None = None
        self._tables: dict[str, StoredTable] = {}

    def table(self, name: str) -> StoredTable:
        """Given a table name, the table (mapped once)."""
        found = self._tables.get(name)
        if found is None:
            if self._kinds is None:
                self._kinds = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
            found = self._tables[name] = StoredTable(self.path, name, self._kinds[name])
        return found

    def keys(self, table: str) -> Iterator[str]:
        """Given a table, its keys."""
        keys: Iterator[str] = self.table(table).keys.iterkeys()
        return keys

    def count(self, table: str) -> int:
        """Given a table, its number of rows."""
        return len(self.table(table).keys)


class BatchMap(Mapping[str, V], Generic[V]):
    """A read-only str-keyed mapping that can also answer many keys at once."""

    @abstractmethod
    def fetch_many(self, keys: Collection[str]) -> dict[str, V]:
        """Given keys, the ones present with their values."""

    def prefixes(self, text: str) -> list[str]:
        """Given a text, the keys present that begin it, shortest first."""
        found = self.fetch_many([text[:size] for size in range(1, len(text) + 1)])
        return sorted(found, key=len)

    def may_begin(self, text: str) -> bool:
        """Given a text, False only if no key begins with it (True when unsure)."""
        return True


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
    """A read-only str-keyed mapping over one table of a store, remembering what it read;
    a stored value is served as it is (a float, an integer, a text) or through decode."""

    def __init__(
        self, store: WordStore, table: str, decode: Callable[[Any], V] | None = None
    ) -> None:
        self.store = store
        self.table = table
        self.decode = decode
        self._seen: dict[str, Any] = {}
        self._stored: StoredTable | None = None

    def _table(self) -> StoredTable:
        """Given the map, its table in the store (mapped on first use)."""
        stored = self._stored
        if stored is None:
            stored = self._stored = self.store.table(self.table)
        return stored

    def _read(self, key: str) -> Any:
        """Given a key not looked up before, its decoded value or _MISSING (remembered)."""
        stored = self._stored
        if stored is None:
            stored = self._table()
        index = stored.keys.get(key) if isinstance(key, str) else None
        if index is None:
            value = _MISSING
        elif self.decode is None:
            value = stored.value(index)
        else:
            value = self.decode(stored.value(index))
        self._seen[key] = value
        return value

    def prefixes(self, text: str) -> list[str]:
        """Given a text, the keys present that begin it, shortest first (the trie's
        common-prefix search walks from the root, so it gives them in that order)."""
        return self._table().keys.prefixes(text)  # type: ignore[no-any-return]

    def may_begin(self, text: str) -> bool:
        """Given a text, whether some key begins with it (by the trie)."""
        return any(True for _ in self._table().keys.iterkeys(text))

    def fetch_many(self, keys: Collection[str]) -> dict[str, V]:
        """Given keys, the ones present with their values."""
        found: dict[str, V] = {}
        seen, value_of = self._seen, self._read
        for key in keys:
            value = seen.get(key, _UNSEEN)
            if value is _UNSEEN:
                value = value_of(key)
            if value is not _MISSING:
                found[key] = value
        return found

    def __getitem__(self, key: str) -> V:
        value = self._seen.get(key, _UNSEEN)
        if value is _UNSEEN:
            value = self._read(key)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:
        value = self._seen.get(key, _UNSEEN)
        if value is _UNSEEN:
            value = self._read(key)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        value = self._seen.get(key, _UNSEEN)
        if value is _UNSEEN:
            value = self._read(key)
        return value is not _MISSING

    def __iter__(self) -> Iterator[str]:
        return self.store.keys(self.table)

    def __len__(self) -> int:
        return self.store.count(self.table)


class StoredPairs(Mapping[tuple[str, str], V], Generic[V]):
    """A read-only mapping keyed by word pairs, over a table keyed 'first<TAB>second'."""

    def __init__(self, inner: StoredMap[V]) -> None:
        self.inner = inner

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
