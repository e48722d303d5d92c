"""Folders a run writes before it is done: they hold full names and ID numbers, so none may outlive
its run. Each carries an owner file (this process's id and host); a run that ends normally removes
its own, and the next run in the same place removes those whose owner is gone (killed by SIGKILL,
the power cut, a crash), so a killed run leaves no stray personal data for longer than that.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

OWNER = ".auditor-owner"
STALE_SECONDS = 6 * 3600  # an owner on another host is taken for gone after this long


def make_private_dir(prefix: str, parent: str | Path | None = None) -> Path:
    """A new folder (mode 0700) owned by this process."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    (folder / OWNER).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                            "started": time.time()}), encoding="utf-8")
    return folder


def owner_alive(folder: Path) -> bool:
    """Whether the process that made `folder` may still be using it."""
    try:
        owner = json.loads((folder / OWNER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # no owner file: a folder being made this instant, or one from before owners were written
        try:
            return time.time() - folder.stat().st_mtime < 60
        except OSError:
            return False
    if owner.get("host") != socket.gethostname():
        return time.time() - float(owner.get("started", 0)) < STALE_SECONDS
    pid = int(owner.get("pid", 0))
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def sweep(parent: Path, prefix: str) -> None:
    """Remove the folders `prefix*` in `parent` whose owner is gone."""
    with contextlib.suppress(OSError):
        for folder in Path(parent).glob(f"{prefix}*"):
            if folder.is_dir() and not owner_alive(folder):
                shutil.rmtree(folder, ignore_errors=True)


def sweep_temp() -> None:
    """Leftovers of killed runs in the temporary folder: workspaces, GX copies, Spark staging."""
    sweep(Path(tempfile.gettempdir()), "auditor-")
