"""The reliability attack of issue 16, repeated: runs killed at random moments, and fuzzed exports.

    python bench/attack.py --kills 30 --fuzz 500

Kills: a month is audited with a history store into an out folder, then the next month's audit is
killed (SIGKILL) after a random delay; the folder and the store are then checked — the folder must
hold a complete set of outputs (old or new), new outputs only when the store holds their run, and
after one more run in the same place no staging folder and no workspace may be left. Fuzz: exports
of random hostile cells (huge numbers, long and punctuated names, control characters, formulas)
are audited with every output; no run may end with exit 3 (an internal error) or print a traceback.
Prints the counts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _cli(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "auditor", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **env}, cwd=ROOT)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def kills(n: int, seed: int) -> dict[str, int]:
    from conftest import write_export
    from factory import household, person

    from auditor.history import Store

    rng = random.Random(seed)
    counts = {"kills": 0, "mixed folders": 0, "unrecorded new outputs": 0, "leftovers after the next run": 0,
              "next run failed": 0}
    for i in range(n):
        with tempfile.TemporaryDirectory() as d:
            tmp = Path(d)
            temp = tmp / "temp"
            temp.mkdir()
            env = {"TMPDIR": str(temp)}
            rows = lambda k: [r for j in range(40) for r in household(  # noqa: E731
                hid=f"H{j}", members=[person(name=f"人{j}", 民族="" if (j + k) % 3 == 0 else "汉族")])]
            store, out = str(tmp / "历史库.sqlite"), tmp / "结果"
            first = _cli(["audit", str(write_export(tmp / "涞源县_2024-05", rows(0))), "--out", str(out),
                          "--history", store, "--tables"], env)
            first.wait()
            old = {p: (out / p).read_bytes() for p in _files(out)}
            june = str(write_export(tmp / "涞源县_2024-06", rows(1)))
            victim = _cli(["audit", june, "--out", str(out), "--history", store, "--tables"], env)
            time.sleep(rng.uniform(0.2, 4.0))
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            counts["kills"] += 1
            periods = [r.period for r in Store(store).runs()]
            if out.exists():
                listed = json.loads((out / ".auditor").read_text(encoding="utf-8"))["files"]
                if _files(out) != {*listed, ".auditor"}:
                    counts["mixed folders"] += 1
                elif {p: (out / p).read_bytes() for p in _files(out)} != old and "2024-06" not in periods:
                    counts["unrecorded new outputs"] += 1
            again = _cli(["audit", june, "--out", str(out), "--history", store], env)
            if again.wait() != 0:
                counts["next run failed"] += 1
            left = [p for p in tmp.iterdir() if ".auditor-" in p.name]
            left += [p for p in temp.iterdir() if p.name.startswith("auditor-") and p.is_dir()]
            counts["leftovers after the next run"] += bool(left)
        print(f"  kill {i + 1}/{n}: {counts}", file=sys.stderr)
    return counts


def fuzz(n: int, seed: int) -> dict[str, int]:
    from conftest import write_export
    from factory import household, person, pupil, spouse

    rng = random.Random(seed)
    hostile = ["9" * 20, "1e20", "-1e300", "1" * 40, "１" * 25, "NaN", "inf", "=1+1", "=HYPERLINK(\"x\")", "@x", "+1+1",
               "'", "\"", "\\", "[a]:*?/\\'", "镇" * 90, "、", ",", "\t", "\n", "\u3000", "💥", "<b>x</b>", "../../etc",
               "0", "", "2024-13-45", "202413", "-5", "1.30630E+17", "00000000000000000X", "   ", "null", "#N/A",
               "是,否", "x" * 3000]
    counts = {"cases": 0, "exit 0": 0, "exit 2": 0, "exit 3": 0, "tracebacks": 0, "other": 0}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for i in range(n):
            rows = []
            for j in range(rng.randint(1, 6)):
                members = [person(), spouse(), pupil()][: rng.randint(1, 3)]
                rows += household(rng.choice(["脱贫户", "监测户", "已消除", "一般农户"]), hid=f"H{j}", members=members)
            for _ in range(rng.randint(1, 12)):
                row = rng.choice(rows)
                field = rng.choice(sorted(row))
                row[field] = rng.choice(hostile) if field != "户编号" else row[field] + rng.choice(hostile)
            if rng.random() < 0.5:
                town, village = rng.choice(hostile), rng.choice(hostile)
                for row in rows:
                    row.update({"乡": town, "村": village})
            fmt = rng.choice(["csv", "xlsx"])
            path = write_export(tmp / f"case{i}", rows, fmt)
            proc = _cli(["audit", str(path), "--out", str(tmp / f"out{i}"), "--period", "2024-06", "--tables"], {})
            _out, err = proc.communicate()
            counts["cases"] += 1
            key = f"exit {proc.returncode}" if proc.returncode in (0, 2, 3) else "other"
            counts[key] += 1
            if b"Traceback" in err:
                counts["tracebacks"] += 1
            if proc.returncode == 3:
                print(f"  exit 3 on case {i}: {err.decode()[:300]}", file=sys.stderr)
            if i % 50 == 49:
                print(f"  fuzz {i + 1}/{n}: {counts}", file=sys.stderr)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--fuzz", type=int, default=500)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    if args.kills:
        print("kills at random moments:", kills(args.kills, args.seed))
    if args.fuzz:
        print("fuzzed exports:", fuzz(args.fuzz, args.seed))


if __name__ == "__main__":
    main()
