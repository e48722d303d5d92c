"""Starting the server (`auditor serve`), and `--demo`: a fresh data folder with the demo county."""

from __future__ import annotations

import errno
import os
import secrets
import socket
import tempfile
from pathlib import Path

from ..errors import InputError
from .app import Limits, create_app
from .job import Settings
from .store import DataDir

DEMO_TOWNSHIPS = ("涞源镇", "王安镇")
DEMO_HOUSEHOLDS = 1200


def serve(data_dir: Path, host: str, port: int, history: str | None, workers: int | None, config: str | None,
          deadline: str | None, max_upload_mb: int, max_files: int, demo: bool, echo) -> None:
    import uvicorn

    data = DataDir(data_dir)
    check_not_swept(data.root)
    settings = Settings(config, deadline, history)
    settings.load_config()  # a bad config file or deadline is said now, not by every job
    if demo:
        setup_demo(data, settings, echo)
    elif not data.exists():
        data.init()
        echo(f"已创建数据文件夹 {data.root}。先添加账号：auditor users add 账号 --county --data {data_dir}")
    else:
        data.init()
    if not data.users():
        echo(f"提示：数据文件夹 {data.root} 中还没有账号，请用 auditor users add 添加（否则无人能登录）。")
    _check_port(host, port)
    n = workers or os.cpu_count() or 1
    app = create_app(data, settings, n, Limits(max_upload_mb * 1024 * 1024, max_files))
    shown = f"[{host}]" if ":" in host else host
    echo(f"网页服务已启动：http://{shown}:{port}/ （数据文件夹 {data.root}，最多同时审核 {n} 个文件）。按 Ctrl+C 停止。")
    if host not in ("127.0.0.1", "localhost", "::1"):
        echo("注意：服务对本机以外开放。数据含完整姓名和证件号码，只应在单位内网中使用。")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False,
                timeout_graceful_shutdown=5)
    echo("网页服务已停止。")


def check_not_swept(root: Path) -> None:
    """Every audit removes the temporary folder's auditor-* folders that have no live owner (leftovers
    of killed runs, run/scratch.py): a data folder there would be deleted by the first job."""
    if root.resolve().parent == Path(tempfile.gettempdir()).resolve() and root.name.startswith("auditor-"):
        raise InputError(f"数据文件夹 {root} 在临时文件夹中且以 auditor- 开头，会被审核当作残留的临时文件删除："
                         "请用 --data 指定其他位置（如 --data ~/审核数据）")


def _check_port(host: str, port: int) -> None:
    """A port in use is said in one Chinese line (uvicorn would log an English error)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            why = {errno.EADDRINUSE: "端口已被占用，请用 --port 换一个", errno.EACCES: "没有权限（1024 以下的端口需要管理员权限）",
                   errno.EADDRNOTAVAIL: "本机没有这个地址，请检查 --host"}.get(exc.errno, exc.strerror)
            raise InputError(f"无法在 {host}:{port} 上启动网页服务：{why}") from exc


def setup_demo(data: DataDir, settings: Settings, echo) -> None:
    """A fresh data folder: one county account, two township accounts (passwords printed), the demo
    county's month audited county-wide and each demo township's own self-check."""
    from .. import demo
    from .accounts import add_user
    from .job import run_job
    from .store import User

    if data.exists() and data.users():
        raise InputError(f"数据文件夹 {data.root} 已有账号：--demo 只用于新的数据文件夹（换一个 --data 文件夹）")
    data.init()
    passwords = {}
    accounts = [("县管理员", None, True)] + [(f"{t}自查", t, False) for t in DEMO_TOWNSHIPS]
    for name, town, county in accounts:
        passwords[name] = secrets.token_urlsafe(9)
        add_user(data, name, town, county, passwords[name])
    echo("正在生成演示县的导出并审核（约一分钟）……")
    county_data = demo.generate(DEMO_HOUSEHOLDS, 2024)
    with tempfile.TemporaryDirectory() as tmp:
        export = demo.write_export(county_data, Path(tmp) / demo.export_name(county_data.period))
        _demo_run(data, settings, User("县管理员", "county", None), export, run_job)
        for town in DEMO_TOWNSHIPS:
            mine = demo.Demo([h for h in county_data.households if h.fields.get("乡") == town], county_data.period)
            path = demo.write_export(mine, Path(tmp) / f"{town}_{demo.export_name(county_data.period)}")
            _demo_run(data, settings, User(f"{town}自查", "township", town), path, run_job)
        sample = data.root / "演示导出"
        sample.mkdir(exist_ok=True)
        for town in DEMO_TOWNSHIPS:
            name = f"{town}_{demo.export_name(county_data.period)}"
            (sample / name).write_bytes((Path(tmp) / name).read_bytes())
    echo("演示数据已就绪。账号和密码（只显示这一次，请记下）：")
    for name, town, county in accounts:
        echo(f"  {name}  密码 {passwords[name]}  （{'县级账号，看全县' if county else town + '乡镇账号'}）")
    echo(f"乡镇账号可以上传 {data.root / '演示导出'} 中本乡镇的文件再自查一次。")


def _demo_run(data: DataDir, settings: Settings, user, export: Path, run_job) -> None:
    run_id = data.new_run_id()
    folder = data.run_dir(run_id) / "uploads"
    folder.mkdir(parents=True)
    stored = "文件1" + Path(export.name).suffix
    (folder / stored).write_bytes(export.read_bytes())
    data.add_run(run_id, user, None, [export.name], [stored])
    boot = "demo-" + secrets.token_hex(4)
    assert data.claim(boot) == run_id
    run_job(data, run_id, boot, settings)
    run = data.run(run_id)
    if run is None or run.status != "done":
        raise InputError(f"演示审核未完成：{run.error if run else '记录丢失'}")
