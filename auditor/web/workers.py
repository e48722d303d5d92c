"""The worker pool: at most `workers` jobs at a time, each a process of its own, taken from the queue
in the data folder (the runs table) oldest first.

A job process gets SIGTERM when the server dies (Linux: PR_SET_PDEATHSIG), and unwinds like a stopped
CLI run (its staging folders removed). Whatever happens to it, it can only mark its run done while the
run is still running under this server's boot id: a restarted server first fails every run left
running (store.RESTART_ERROR), so such a run is never shown as done.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

from .job import Settings
from .store import RESTART_ERROR, DataDir

CRASH_ERROR = "内部错误：审核进程意外退出，审核未完成，请重新上传；如反复出现请联系管理员"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    os.setpgrp()  # Ctrl+C in the server's terminal goes to the server, which stops its jobs itself


class Pool:
    def __init__(self, data: DataDir, settings: Settings, workers: int) -> None:
        self.data, self.settings, self.workers = data, settings, max(1, workers)
        self.boot = uuid.uuid4().hex
        self.jobs: dict[str, subprocess.Popen] = {}
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="auditor-workers", daemon=True)

    def start(self) -> None:
        self.data.fail_interrupted()
        self.thread.start()

    def notify(self) -> None:
        self.wake.set()

    def stop(self, timeout: float = 10) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join(timeout)

    def _launch(self, run_id: str) -> None:
        env = dict(os.environ)
        cmd = [sys.executable, "-m", "auditor.web.job", str(self.data.root), run_id, self.boot,
               self.settings.to_json()]
        try:
            proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL,
                                    preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        except OSError:
            self.data.finish(run_id, self.boot, error=CRASH_ERROR)
            return
        self.jobs[run_id] = proc
        # The queue's next run starts as soon as this one ends, not at the loop's next look.
        threading.Thread(target=lambda: (proc.wait(), self.wake.set()), name=f"auditor-job-{run_id}", daemon=True).start()

    def _reap(self) -> None:
        for run_id, proc in list(self.jobs.items()):
            code = proc.poll()
            if code is None:
                continue
            del self.jobs[run_id]
            if code != 0:  # killed, or died before it could say why: its run must not stay running
                self.data.finish(run_id, self.boot, error=CRASH_ERROR)

    def _loop(self) -> None:  # the thread that started the jobs must outlive them (PR_SET_PDEATHSIG)
        while not self.stopping.is_set():
            try:
                self._reap()
                while len(self.jobs) < self.workers and not self.stopping.is_set():
                    run_id = self.data.claim(self.boot)
                    if run_id is None:
                        break
                    self._launch(run_id)
            except Exception as exc:  # a locked database, a full disk: try again shortly
                print(f"审核队列出错（稍后重试）：{exc}", file=sys.stderr)
            self.wake.wait(0.5)
            self.wake.clear()
        for proc in self.jobs.values():
            proc.terminate()
        deadline = time.monotonic() + 10
        for run_id, proc in self.jobs.items():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
            self.data.finish(run_id, self.boot, error=RESTART_ERROR)
