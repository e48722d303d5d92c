"""Engine benchmark: the full rule catalogue on the same prepared export through duckdb, gx and spark.

    python bench/engines.py [--rows 100000 1000000] [--engines duckdb gx spark] [--dir DIR] [--timeout S]

The data is the demo's county (auditor.demo.generate: clean households of every kind with its
planted problems), as many households as give the wanted number of member rows, written once as
parquet into --dir (default bench/data) and reused. Each engine runs in a fresh process, so peak
memory is its own; the process ingests and prepares the export (not timed: the same for every
engine), then times the engine's `run` over every runnable rule. Printed per size and engine:
engine seconds, rows/s, ratio to duckdb, CPU seconds of this process, peak RSS of the Python
process and, for spark, of its JVM (Linux /proc VmHWM), and the number of hits.
A run that exceeds --timeout is reported as such.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEMBERS_PER_HOUSEHOLD = 2.8  # the demo's average, to size the first try


def make_export(rows: int, directory: Path) -> Path:
    """A demo export of at least `rows` member rows as parquet (the demo's headers, all text)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from auditor import demo

    path = directory / f"engines_demo_{rows}.parquet"
    if path.exists():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    data = demo.generate(int(rows / MEMBERS_PER_HOUSEHOLD) + 1, seed=2024)
    members = [r for hh in data.households for r in hh.rows()][:rows]
    columns = {demo.HEADERS.get(c, c): [r.get(c, "") for r in members] for c in demo.COLUMNS}
    pq.write_table(pa.table(columns), path)
    return path


def measure(engine: str, export: Path) -> dict:
    """Ingest and prepare `export`, then time `engine` over the whole catalogue (in this process)."""
    from auditor.catalogue import load_rules
    from auditor.catalogue.compile import run_parameters
    from auditor.catalogue.plan import plan
    from auditor.config import Config
    from auditor.ingest import read_exports
    from auditor.period import resolve_period
    from auditor.prepare import prepare

    cfg = Config()
    prep = prepare(read_exports([str(export)], int(cfg.params["header_scan_rows"])), cfg,
                   resolve_period("2024-06", [str(export)], cfg))
    rules = [r for r in plan(load_rules(), prep.present, prep.extras, cfg.disabled, set()).runnable
             if r.meta.get("phase", 1) == 1]
    params = run_parameters(cfg, prep.period, prep.present)
    if engine == "duckdb":
        from auditor.engines.duckdb import run
    elif engine == "gx":
        from auditor.engines.gx import import_gx, run
        import_gx()  # GX's import (seconds) is not the engine's work
    else:
        from auditor.engines.spark import run, session
        session()  # nor is starting the JVM
    rss_prepared = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, started = time.process_time(), time.perf_counter()
    run(prep, rules, params)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    out = {"engine": engine, "rows": prep.con.execute("SELECT count(*) FROM members").fetchone()[0],
           "rules": len(rules), "seconds": round(seconds, 2), "cpu": round(cpu, 2),
           "hits": prep.con.execute("SELECT count(*) FROM hits").fetchone()[0],
           "rss_prepared_mb": round(rss_prepared), "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if engine == "spark":  # the JVM's peak (VmHWM) while it still runs: it is not a waited-for child
        jvm = session().sparkContext._gateway.proc.pid
        status = Path(f"/proc/{jvm}/status").read_text()
        out["jvm_peak_mb"] = round(int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--engines", nargs="+", default=["duckdb", "gx", "spark"])
    ap.add_argument("--dir", type=Path, default=ROOT / "bench" / "data")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--measure", nargs=2, metavar=("ENGINE", "EXPORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    print(f"{'rows':>9} {'engine':>7} {'seconds':>9} {'rows/s':>9} {'×duckdb':>8} {'cpu s':>8} "
          f"{'RSS MB':>7} {'JVM MB':>7} {'hits':>7}")
    for rows in args.rows:
        export = make_export(rows, args.dir)
        base = None
        for engine in args.engines:
            try:
                done = subprocess.run([sys.executable, __file__, "--measure", engine, str(export)], check=True,
                                      capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{rows:>9} {engine:>7}  超过 {args.timeout:.0f} 秒，未完成", flush=True)
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            base = r["seconds"] if engine == "duckdb" else base
            ratio = f"{r['seconds'] / base:.1f}" if base else "—"
            print(f"{r['rows']:>9} {engine:>7} {r['seconds']:>9.2f} {r['rows'] / r['seconds']:>9.0f} {ratio:>8} "
                  f"{r['cpu']:>8.1f} {r['rss_peak_mb']:>7} {r.get('jvm_peak_mb', '—'):>7} {r['hits']:>7}", flush=True)


if __name__ == "__main__":
    main()
