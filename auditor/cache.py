"""What auditor keeps between runs on this computer: compiled rule SQL (catalogue/sqlcache.py) and the
compiled jinja2 templates of the reports and check SQL. Both cost more than auditing a township's file
and depend only on the installed code, never on an export; neither holds a cell of one.

The folder: AUDITOR_CACHE_DIR, else %LOCALAPPDATA%\\auditor\\cache on Windows, else
$XDG_CACHE_HOME/auditor or ~/.cache/auditor. A cache that cannot be read or written only means
compiling again, never a failed run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2


def cache_dir() -> Path:
    if os.environ.get("AUDITOR_CACHE_DIR"):
        return Path(os.environ["AUDITOR_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "auditor" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "auditor"


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """jinja2's own cache (keyed on each template's source, written with a rename), made optional:
    a folder that cannot be created, read or written is skipped."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache() -> jinja2.BytecodeCache:
    return _TemplateCache(str(cache_dir() / "templates"), "%s.jinja2cache")
