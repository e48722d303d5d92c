"""One queued run, audited in a worker process of its own (`python -m auditor.web.job ...`).

The job calls the library as the CLI does: `Audit(AuditOptions(...)).run()`, then `result.write(out,
tables=True)` (the run recorded in the history store first, every output published whole into the
run's own folder). A township account's upload is that township's self-check (`townships=(乡镇,)`):
the rows of other townships in its file are not audited and never shown; how many there were is
reported as a structure issue. A user mistake fails the job with the library's one-line Chinese
message (its server-chosen file names shown as the names the user gave); anything else fails it with
a line pointing to the run's error.log.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import sys
import traceback
from pathlib import Path

from ..errors import InputError, Interrupted
from .store import DataDir

OTHER_TOWNSHIPS = "其他乡镇的数据行"


@dataclasses.dataclass(frozen=True)
class Settings:
    """What every job of one server uses: the config file, the deadline, the history store."""

    config: str | None = None
    deadline: str | None = None
    history: str | None = None

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        return cls(**json.loads(text))

    def load_config(self):
        from ..config import load_config

        return load_config(self.config).with_deadline(self.deadline)


def shown_names(message: str, stored: list[str], given: list[str], folder: Path | None = None) -> str:
    """The library's message with the server-chosen file names replaced by the names the user gave
    (and no path of the server's data folder)."""
    if folder is not None:
        message = message.replace(str(folder) + "/", "").replace(str(folder), "")
    for server_name, name in sorted(zip(stored, given, strict=True), key=lambda p: -len(p[0])):
        message = message.replace(server_name, f"“{name}”")
    return message


def _other_rows_issue(result, township: str) -> None:
    """Rows of other townships (or of no township) in a township's file: counted, never shown. The
    issue joins the run's structure issues and the Summary is made again with it."""
    from ..ingest import Issue

    before = int(result.prep.counts.get("active", 0))
    after = int(result.prep.con.execute("SELECT count(*) FROM members").fetchall()[0][0])
    if before <= after:
        return
    result.prep.issues.append(Issue(
        OTHER_TOWNSHIPS, "", "", f"文件中有 {before - after} 行不属于{township}（属于其他乡镇或未填乡镇），"
        f"本账号只能自查{township}的数据，这些行未审核、不显示"))
    result.summary = dataclasses.replace(result.summary,
                                         structure_issues=tuple(i.as_dict() for i in result.prep.issues))
    result.__dict__.pop("summary_json", None)


def _missing_township(message: str, township: str) -> str:
    """restrict()'s message names the townships found; a township account is told only about its own."""
    if message.startswith("导出中没有乡镇"):
        return f"文件中没有{township}的数据：其中的行都属于其他乡镇或未填乡镇，本账号只能自查{township}的数据"
    return message


def run_job(data: DataDir, run_id: str, boot: str, settings: Settings) -> int:
    from ..api import Audit, AuditOptions
    from ..report.selfcheck import selfcheck_priorities

    run = data.run(run_id)
    if run is None or run.status != "running":
        return 0
    folder = data.run_dir(run_id)
    paths = tuple(str(folder / "uploads" / name) for name in run.stored)
    try:
        cfg = settings.load_config()
        options = AuditOptions(paths, cfg, run.period, townships=(run.township,) if run.township else (),
                               history=settings.history or data.default_history())
        try:
            result = Audit(options).run()
        except InputError as exc:
            if run.township:
                raise InputError(_missing_township(exc.message, run.township)) from exc
            raise
        try:
            if run.township:
                _other_rows_issue(result, run.township)
            result.record()
            summary = result.summary_json
            priorities = selfcheck_priorities(result.prep.con, summary)
            result.write(folder / "out", tables=True)
            (folder / "web.json").write_text(json.dumps({"priorities": priorities, "seconds": result.seconds},
                                                        ensure_ascii=False), encoding="utf-8")
            figures = {"must_fix": summary["must_fix"], "should_check": summary["should_check"],
                       "findings": summary["findings"], "period": summary["period"],
                       "due": result.prep.period.due.isoformat(), "history_run": result.run_id}
        finally:
            result.close()
    except InputError as exc:
        data.finish(run_id, boot, error=shown_names(exc.message, run.stored, run.files, folder / "uploads"))
        return 0
    except Exception as exc:
        (folder / "error.log").write_text(traceback.format_exc(), encoding="utf-8")
        if type(exc).__name__ == "OutOfMemoryException":
            message = ("内存不足：审核未完成。请管理员在 auditor.toml 的 [run] 中调大 memory_limit，"
                       "或分批上传")
        else:
            message = "内部错误：审核未完成。详细信息已记入服务器数据文件夹中本次审核的 error.log，请联系管理员"
        data.finish(run_id, boot, error=message)
        return 0
    data.finish(run_id, boot, figures=figures)
    return 0


def _terminate(signum: int, _frame) -> None:
    raise Interrupted(signum)


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    root, run_id, boot, settings = argv
    try:
        return run_job(DataDir(Path(root)), run_id, boot, Settings.from_json(settings))
    except Interrupted:
        return 128 + signal.SIGTERM


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
