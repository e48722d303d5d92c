"""Publishing a run's outputs (cli.md): all or nothing.

Everything is written into a new sibling folder of the target (`.<name>.auditor-new-…`), then the
target is replaced by it whole: the old folder is renamed aside and the new one renamed into its
place, two renames. A reader of the target sees the complete previous outputs or the complete new
ones, never a mix; the target never holds a file this run did not write.

- A run killed while writing leaves only its sibling folder, which the next run in the same place
  removes (its owner is gone: run/scratch.py); one killed between the two renames leaves the old
  outputs aside, and the next run puts them back before anything else.
- When the old folder cannot be renamed (on Windows, a workbook of it open in Excel), nothing is
  changed and the message names the file in use.
- A target that holds files auditor did not write (a Desktop, a documents folder) is refused: it is
  never replaced. An auditor output folder carries the marker file MARKER.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..errors import InputError
from .scratch import OWNER, make_private_dir, owner_alive

MARKER = ".auditor"  # in every folder auditor publishes: what wrote it, when, which files
PAUSE_ENV = "AUDITOR_TEST_PAUSE"  # fault injection for the reliability tests only: a phase name


def pause(phase: str) -> None:
    """Reliability tests kill the process here (the phase named in AUDITOR_TEST_PAUSE)."""
    wanted = os.environ.get(PAUSE_ENV, "")
    if wanted.partition(":")[0] == phase:
        Path(wanted.partition(":")[2] or "paused").write_text(phase, encoding="utf-8")
        time.sleep(3600)


def _new(out_dir: Path) -> str:
    return f".{out_dir.name}.auditor-new-"


def _old(out_dir: Path) -> str:
    return f".{out_dir.name}.auditor-old-"


def check_target(out_dir: Path) -> None:
    """The target is a folder auditor may replace: absent, empty, or an auditor output folder."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"输出位置 {out_dir} 是一个文件，不是文件夹：请用 --out 指定一个文件夹")
    if out_dir.is_dir() and not (out_dir / MARKER).is_file():
        try:
            foreign = next(out_dir.iterdir(), None)
        except OSError as exc:
            raise InputError(f"无法读取输出文件夹 {out_dir}：{exc.strerror}") from exc
        if foreign is not None:
            raise InputError(f"输出文件夹 {out_dir} 中已有不是本工具生成的文件（如 {foreign.name}），"
                             "为免误删，不会覆盖它：请用 --out 指定一个新的或空的文件夹")


def recover(out_dir: Path) -> None:
    """Leftovers of killed runs beside `out_dir`: outputs renamed aside by a run killed before the
    new ones took their place are put back; folders of runs that are gone are removed."""
    parent = out_dir.parent
    if not parent.is_dir():
        return
    for folder in sorted(parent.glob(_old(out_dir) + "*")):
        if owner_alive(folder):
            continue
        if not out_dir.exists():
            os.replace(folder, out_dir)
            (out_dir / OWNER).unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for folder in parent.glob(_new(out_dir) + "*"):
        if not owner_alive(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _in_use(folder: Path) -> str | None:
    """A file of `folder` another program holds open (Windows refuses to rename it), if one is found."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            try:
                os.replace(path, path)  # a no-op rename, refused for a file open in Excel
                with path.open("r+b"):
                    pass
            except OSError:
                return str(path.relative_to(folder))
    return None


@contextlib.contextmanager
def _signals_held():
    """SIGTERM and SIGINT wait until the two renames are done (delivered right after): a stop asked
    for between them would otherwise leave neither the old outputs nor the new ones in place."""
    held = {signal.SIGTERM, signal.SIGINT}
    can = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if can:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        if can:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _swap(staging: Path, out_dir: Path) -> None:
    """Put `staging` in the place of `out_dir` by two renames (retried when another run swaps its own in)."""
    with _signals_held():
        _swap_now(staging, out_dir)


def _swap_now(staging: Path, out_dir: Path) -> None:
    for _ in range(20):
        aside = None
        if out_dir.exists():
            aside = out_dir.with_name(_old(out_dir) + staging.name.rsplit("-", 1)[-1])
            try:
                os.replace(out_dir, aside)
            except FileNotFoundError:
                continue  # another run moved it away this instant
            except OSError as exc:
                held = _in_use(out_dir)
                what = f"其中的 {held} 正被其他程序（如 Excel、WPS）打开" if held else f"无法改名（{exc.strerror}）"
                raise InputError(f"无法替换输出文件夹 {out_dir}：{what}。请关闭后重新运行；原有结果保持不变，"
                                 "本次结果没有写入") from exc
            (aside / OWNER).write_text(staging.joinpath(OWNER).read_text(encoding="utf-8"), encoding="utf-8")
        pause("swap")
        try:
            os.replace(staging, out_dir)
        except OSError:
            if aside is not None and not out_dir.exists():
                os.replace(aside, out_dir)
            if out_dir.exists():
                continue  # another run put its outputs there in between: replace them in turn
            raise
        (out_dir / OWNER).unlink(missing_ok=True)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
        return
    raise InputError(f"输出文件夹 {out_dir} 正被其他审核同时写入，请稍后重新运行")


def publish(out_dir: Path, write: Callable[[Path], object]) -> list[str]:
    """Run `write(folder)` into a new sibling folder of `out_dir`, then put that folder in the place
    of `out_dir` whole; returns the relative paths of the files published."""
    out_dir = Path(out_dir).absolute()
    check_target(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        staging = make_private_dir(_new(out_dir), out_dir.parent)
    except PermissionError as exc:
        raise InputError(f"无法在 {out_dir.parent} 中写入结果：没有写入权限，请用 --out 指定其他文件夹") from exc
    try:
        write(staging)
        pause("staging")
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")
                         if p.is_file() and p.name != OWNER)
        (staging / MARKER).write_text(json.dumps({"auditor": __version__, "written_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                                                  "files": written}, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap(staging, out_dir)
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise InputError(f"磁盘空间不足，无法写入结果（{out_dir.parent}）；原有结果保持不变") from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def write_outputs(result, folder: Path, tables: bool = False) -> None:
    """Every output of an AuditResult into `folder` (a staging folder of `publish`)."""
    from ..findings import write_findings
    from ..report import write_reports

    folder.mkdir(parents=True, exist_ok=True)
    write_findings(result.prep, folder, with_status=result.history is not None)
    write_reports(result, folder)
    from ..reconcile.workbook import write_reconcile

    write_reconcile(result, folder)
    (folder / "summary.json").write_text(json.dumps(result.summary_json, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    if tables:
        from ..tables import write_tables

        result.tables_output = write_tables(result, folder)
