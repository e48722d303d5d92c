"""Compiled rule SQL kept on disk between runs: compiling the catalogue costs more than auditing a
township's file, and its result depends only on the rules, the parameter values they read and the
compiler.

One JSON file per compiler fingerprint (this package's compiler sources and the sqlglot version), in
auditor's cache folder (auditor/cache.py). It holds SQL text and configured parameters only, never
a cell of an export. A key is the hash of everything a rule's SQL is made from, so an edited rule or
parameter misses and is compiled again; an unreadable, corrupt or unwritable cache only means
compiling, never a failed run. Writers replace the file whole (a rename), so concurrent runs never
read a torn file; at worst one run's new entries are compiled again by the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..cache import cache_dir

# Entries kept in the file, the newest last: a month's parameters make new entries for the rules
# that read a date, so without a bound the file would grow every month.
MAX_ENTRIES = 5000

# What compiled SQL is made by, relative to the package: the compiler, and the GX engine's
# rewriting of it for SQLite (engines/gx.py keeps its checks here too).
_COMPILER_SOURCES = ("catalogue/compile.py", "catalogue/build.py", "catalogue/sqlcache.py", "engines/gx.py",
                     "engines/sqlite_dialect.py")


def _fingerprint() -> str:
    """This package's compiler sources and sqlglot's version file, read without importing sqlglot
    (importlib.metadata and sqlglot itself cost more than a township's audit)."""
    from importlib.util import find_spec

    spec = find_spec("sqlglot")
    folder = Path(spec.origin).parent if spec and spec.origin else None
    version_file = folder / "_version.py" if folder else None
    if version_file and version_file.is_file():
        digest = hashlib.sha256(version_file.read_bytes())
    else:
        from importlib.metadata import version

        digest = hashlib.sha256(version("sqlglot").encode())
    here = Path(__file__).resolve().parents[1]
    for name in _COMPILER_SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def key_of(*parts) -> str:
    """The cache key of a compiled statement: a hash of the JSON of what it is compiled from."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class SqlCache:
    """Read once per process, written back at most once per run (`flush`) when something was added."""

    def __init__(self) -> None:
        self._entries: dict[str, str] | None = None
        self._added: dict[str, str] = {}
        self._path: Path | None = None

    def _load(self) -> dict[str, str]:
        if self._entries is None:
            self._entries = {}
            try:
                self._path = cache_dir() / f"compiled-sql-{_fingerprint()}.json"
                data = json.loads(self._path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self._entries = {k: v for k, v in data.items() if isinstance(v, str)}
            except (OSError, ValueError, RuntimeError):
                pass
        return self._entries

    def get(self, key: str) -> str | None:
        return self._load().get(key)

    def put(self, key: str, sql: str) -> None:
        self._load()[key] = sql
        self._added[key] = sql

    def flush(self) -> None:
        """Merge this process's new entries into the file (re-read first: another run may have added)."""
        if not self._added or self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            try:
                on_disk = json.loads(self._path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                on_disk = {}
            merged = {k: v for k, v in (on_disk if isinstance(on_disk, dict) else {}).items() if k not in self._added}
            merged.update(self._added)
            merged = dict(list(merged.items())[-MAX_ENTRIES:])
            fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".compiled-sql-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(merged, out, ensure_ascii=False)
                os.replace(tmp, self._path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self._added = {}
        except OSError:
            pass  # a read-only or full disk: the next run compiles again


SQL_CACHE = SqlCache()
