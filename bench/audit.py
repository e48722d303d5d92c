"""Audit benchmark: the full catalogue on generated county/province exports, beside the bare read.

    python bench/audit.py [--rows 100000 1000000 5000000] [--engine duckdb] [--dir DIR] [--no-outputs]

The data is the demo's realistic county (auditor.demo: clean households with its planted problems),
10^5 persons as a real .xlsx; larger sizes are the 10^5-person base tiled as parquet, each copy with
its own 户编号 and ID numbers (the 3-digit sequence shifted, check digit recomputed), as a province
export would be delivered at that scale. Files are cached in --dir between runs.

Each measurement runs in a fresh process, so peak memory is its own:
  - read:  the bare read of the file (python-calamine's to_python for xlsx, pyarrow for parquet);
  - audit: auditor's run_audit (ingest, prepare, every rule, findings) and, unless --no-outputs,
           write_outputs (findings.csv/parquet, summary.json, 通报.html, every township workbook).
Prints rows, wall seconds, rows/s, CPU seconds (steadier on a busy machine), peak RSS and findings.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASE_PERSONS = 100_000
PERSONS_PER_HOUSEHOLD = 2.85  # the demo's mean household size
SEED = 7


def _base_demo():
    from auditor import demo

    return demo.generate(math.ceil(BASE_PERSONS / PERSONS_PER_HOUSEHOLD), SEED)


def write_xlsx(path: Path) -> None:
    from auditor import demo

    demo.write_export(_base_demo(), path)


def write_parquet(path: Path, persons: int) -> None:
    """The base county tiled to `persons` rows; each copy's households and people are distinct."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from auditor import demo

    base = _base_demo()
    rows = [row for hh in base.households for row in hh.rows()]
    names = list(demo.COLUMNS)
    base_cols = {c: [r.get(c, "") for r in rows] for c in names}
    writer = pq.ParquetWriter(str(path), pa.schema([(demo.HEADERS.get(c, c), pa.string()) for c in names]))
    made, copy = 0, 0
    while made < persons:
        take = min(len(rows), persons - made)
        cols = {c: v[:take] for c, v in base_cols.items()}
        if copy:
            cols["户编号"] = [f"{h}{copy:03d}" for h in cols["户编号"]]
            for c in ("证件号码", "户主证件号码"):
                cols[c] = [_shift_id(v, copy) for v in cols[c]]
        writer.write_table(pa.table({demo.HEADERS.get(c, c): cols[c] for c in names}))
        made += take
        copy += 1
    writer.close()


def _shift_id(ident: str, copy: int) -> str:
    """Another valid ID of the same birth date and sex: the sequence shifted by an even step."""
    from auditor.ids import check_digit

    if len(ident) != 18 or not ident[:17].isdigit():
        return ident
    seq = (int(ident[14:17]) + 2 * copy) % 1000
    first17 = f"{ident[:14]}{seq:03d}"
    return first17 + check_digit(first17)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(what: str, path: str, engine: str, outputs: bool) -> dict:
    """One reading in this (fresh) process."""
    t0, c0 = time.perf_counter(), time.process_time()
    findings, stages = None, {}
    if what == "read":
        if path.endswith(".xlsx"):
            import python_calamine as cal

            rows = len(cal.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python())
        else:
            import pyarrow.parquet as pq

            rows = pq.read_table(path).num_rows
    else:
        from auditor.api import Audit, AuditOptions
        from auditor.config import load_config
        from auditor.demo import PERIOD

        result = Audit(AuditOptions((path,), load_config(None), PERIOD, engine)).run()
        rows = result.summary.rows
        findings = result.summary.findings
        if outputs:
            with tempfile.TemporaryDirectory() as out:
                result.write(Path(out) / "结果")
        stages = result.seconds
    return {"what": what, "rows": rows, "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
            "peak_mb": _rss_mb(), "findings": findings, "stages": stages}


def run_one(what: str, path: Path, engine: str = "duckdb", outputs: bool = True) -> dict:
    """`measure` in a fresh interpreter (the imports count: a user's run pays them too)."""
    cmd = [sys.executable, __file__, "--measure", what, str(path), "--engine", engine]
    if not outputs:
        cmd.append("--no-outputs")
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{what} {path.name} ({engine}) failed:\n{out.stderr[-3000:]}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["process_seconds"] = time.perf_counter() - t0
    return r


def export_for(persons: int, folder: Path) -> Path:
    """The cached export of `persons` rows (written on first use)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("county_100000.xlsx" if persons == BASE_PERSONS else f"province_{persons}.parquet")
    if not path.exists():
        t0 = time.perf_counter()
        tmp = path.with_name(path.stem + ".partial" + path.suffix)
        write_xlsx(tmp) if path.suffix == ".xlsx" else write_parquet(tmp, persons)
        tmp.rename(path)
        print(f"wrote {path.name} ({path.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t0:.0f} s",
              flush=True)
    return path


def line(label: str, r: dict) -> str:
    findings = "" if r["findings"] is None else str(r["findings"])
    stages = "  ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
    return (f"{label:<28} {r['rows']:>9} {r['process_seconds']:>8.1f} {r['rows'] / r['process_seconds']:>9.0f} "
            f"{r['cpu']:>7.1f} {r['peak_mb']:>8.0f}MB {findings:>9}  {stages}")


HEAD = f"{'measurement':<28} {'rows':>9} {'wall s':>8} {'rows/s':>9} {'CPU s':>7} {'peak RSS':>10} {'findings':>9}  stages (s)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000, 5_000_000])
    ap.add_argument("--engine", default="duckdb")
    ap.add_argument("--dir", type=Path, default=ROOT / "bench" / "data")
    ap.add_argument("--no-outputs", action="store_true", help="findings only: no files written")
    ap.add_argument("--measure", nargs=2, metavar=("WHAT", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure, args.engine, not args.no_outputs)))
        return
    print(HEAD)
    for n in args.rows:
        path = export_for(n, args.dir)
        print(line(f"read {path.suffix[1:]} {n}", run_one("read", path)), flush=True)
        print(line(f"audit {args.engine} {n}", run_one("audit", path, args.engine, not args.no_outputs)), flush=True)


if __name__ == "__main__":
    main()
