"""A real `auditor serve` on localhost for the web tests: started as a process, with its own data folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from auditor.web.accounts import add_user
from auditor.web.store import DataDir

PASSWORD = "correct-horse-9"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_users(data_dir: Path, townships=("涞源镇", "王安镇")) -> dict[str, str]:
    """A county account 'county' and one township account per township ('t0', 't1', ...)."""
    data = DataDir(data_dir)
    add_user(data, "county", None, True, PASSWORD)
    names = {"county": ""}
    for i, town in enumerate(townships):
        add_user(data, f"t{i}", town, False, PASSWORD)
        names[f"t{i}"] = town
    return names


class Server:
    def __init__(self, data_dir: Path, *args: str, env: dict | None = None) -> None:
        self.data_dir, self.args, self.extra_env = data_dir, args, env or {}
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = data_dir.parent / f"serve-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        env = {**os.environ, **self.extra_env, "PYTHONUNBUFFERED": "1"}
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--data", str(self.data_dir),
                                          "--port", str(self.port), *self.args], stdout=log, stderr=log, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(encoding='utf-8', errors='replace')}")
            try:
                httpx.get(self.url + "/", timeout=2)
                return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, as a crash or a power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def client(self, user: str | None = None, password: str = PASSWORD) -> Client:
        c = Client(base_url=self.url, timeout=60)
        if user:
            c.login(user, password)
        return c


class Client(httpx.Client):
    csrf = ""

    def login(self, user: str, password: str = PASSWORD) -> httpx.Response:
        r = self.post("/api/login", json={"username": user, "password": password})
        if r.status_code == 200:
            self.csrf = r.json()["csrf"]
        return r

    def upload(self, *paths: Path, period: str | None = None, names: list[str] | None = None) -> httpx.Response:
        files = [("files", ((names or [])[i] if names else p.name, p.read_bytes())) for i, p in enumerate(paths)]
        data = {"period": period} if period else {}
        return self.post("/api/runs", files=files, data=data, headers={"X-CSRF-Token": self.csrf})

    def wait(self, run_id: str, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = self.get(f"/api/runs/{run_id}").json()
            if run["status"] in ("done", "failed"):
                return run
            time.sleep(0.3)
        raise TimeoutError(run_id)
