"""Web benchmark: `auditor serve` on localhost with a 3,000-person township export.

    python bench/web.py [--persons 3000] [--concurrent 20] [--workers N] [--single 3]

Starts a real server (a fresh data folder, one township account) and measures, through the JSON API
as the page's script does it:
  - one upload at a time: from the start of the POST to the result page fetched (upload, queue, the
    job's process start, the audit with every output, the page), median of --single runs;
  - --concurrent uploads at once (one thread each): the same time per upload, p50 and p95;
  - memory: the server process's peak RSS (VmHWM), each audit process's peak, and the largest sum of
    the server and its running audit processes seen (sampled every 0.1 s).
Only loopback traffic; every loop is bounded.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TOWN = "涞源镇"


def township_export(persons: int, folder: Path) -> tuple[Path, int]:
    """The demo county's households, all moved to one township, until `persons` people are reached."""
    from auditor import demo

    county = demo.generate(int(persons / 2.6) + 200, 2024)
    chosen, n = [], 0
    for h in county.households:
        if n >= persons:
            break
        h.fields["乡"] = TOWN
        chosen.append(h)
        n += len(h.members)
    path = demo.write_export(demo.Demo(chosen, county.period), folder / f"{TOWN}_2024年6月.xlsx")
    return path, n


def _kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    """Every thread's children (the worker pool starts the jobs from a thread of its own)."""
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            kids += [int(c) for c in (task / "children").read_text().split()]
    return kids


class Memory(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.worker_peak = self.total_peak = 0

    def run(self) -> None:
        while not self.stop.is_set():
            kids = _children(self.pid)
            for k in kids:
                self.worker_peak = max(self.worker_peak, _kb(k, "VmHWM"))
            total = _kb(self.pid, "VmRSS") + sum(_kb(k, "VmRSS") for k in kids)
            self.total_peak = max(self.total_peak, total)
            time.sleep(0.1)


def one(server, path: Path) -> float:
    client = server.client("t0")
    started = time.perf_counter()
    run_id = client.upload(path).json()["id"]
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        r = client.get(f"/api/runs/{run_id}")
        if r.status_code != 200:
            raise RuntimeError(f"GET /api/runs/{run_id}: {r.status_code} {r.text[:300]}")
        status = r.json()["status"]
        if status in ("done", "failed"):
            break
        time.sleep(0.1)
    if status != "done":
        raise RuntimeError(client.get(f"/api/runs/{run_id}").json()["error"])
    page = client.get(f"/runs/{run_id}")
    assert page.status_code == 200 and 'id="must-fix"' in page.text
    elapsed = time.perf_counter() - started
    client.close()
    return elapsed


def main() -> None:
    from webserver import Server, make_users

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--persons", type=int, default=3000)
    ap.add_argument("--concurrent", type=int, default=20)
    ap.add_argument("--single", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None, help="--workers of the server (default: its own, the cores)")
    args = ap.parse_args()
    # not "auditor-…": the library sweeps the temporary folder's auditor-* folders that have no owner file
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        path, persons = township_export(args.persons, Path(tmp))
        data = Path(tmp) / "data"
        make_users(data, (TOWN,))
        server = Server(data, *(["--workers", str(args.workers)] if args.workers else [])).start()
        memory = Memory(server.proc.pid)
        memory.start()
        try:
            single = [one(server, path) for _ in range(args.single)]
            with concurrent.futures.ThreadPoolExecutor(args.concurrent) as pool:
                times = sorted(pool.map(lambda _: one(server, path), range(args.concurrent)))
        except Exception:
            print(server.log.read_text(encoding="utf-8", errors="replace")[-5000:], file=sys.stderr)
            raise
        finally:
            memory.stop.set()
            server_peak = _kb(server.proc.pid, "VmHWM")
            server.stop()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(f"文件：{persons} 人（{path.stat().st_size / 1024:.0f} KB），服务器 --workers {args.workers or '默认（CPU 核数）'}")
        print(f"单次上传到结果页：中位数 {statistics.median(single):.2f} s（{args.single} 次：{', '.join(f'{t:.2f}' for t in single)}）")
        print(f"{args.concurrent} 个同时上传：p50 {statistics.median(times):.2f} s，p95 {p95:.2f} s，最慢 {times[-1]:.2f} s")
        stages: dict[str, list[float]] = {}
        for web_json in data.glob("runs/*/web.json"):
            for stage, seconds in json.loads(web_json.read_text(encoding="utf-8")).get("seconds", {}).items():
                stages.setdefault(stage, []).append(seconds)
        print("审核进程内各阶段（中位数）：" + "，".join(f"{k} {statistics.median(v):.2f} s" for k, v in stages.items()))
        print(f"内存峰值：服务器进程 {server_peak / 1024:.0f} MB；单个审核进程 {memory.worker_peak / 1024:.0f} MB；"
              f"服务器加同时运行的审核进程合计 {memory.total_peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
