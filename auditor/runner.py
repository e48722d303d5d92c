"""What the commands do, with their terminal output (Chinese; progress only on a terminal)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .config import Config

console = Console(highlight=False, soft_wrap=True)


@contextmanager
def stage(text: str):
    """A spinner on a terminal; silence when the output is piped or captured."""
    if console.is_terminal:
        with console.status(text):
            yield
    else:
        yield


def audit_command(exports: list[Path], out_dir: Path, cfg: Config, period: str | None, engine: str,
                  history: str | None, townships: list[str], fail_on: str | None, tables: bool = False) -> int:
    from .audit import record_history, run_audit, write_outputs

    with stage("正在读取和审核导出文件……"):
        result = run_audit([str(p) for p in exports], cfg, period, engine, townships, history)
    written = []  # the TablesOutput of --tables
    extras = [lambda r, folder: written.append(_write_tables(r, folder))] if tables else []
    with stage("正在生成结果文件……"):
        write_outputs(result, out_dir, cfg, extras)
    run_id = record_history(result)
    print_summary(result.summary, out_dir)
    for output in written:
        print_tables(result.summary, out_dir, output)
    if run_id is not None:
        h = result.summary["history"]
        if h["previous_period"]:
            rate = f"{h['fix_rate']:.1%}" if h["fix_rate"] is not None else "—"
            console.print(f"与上期（{h['previous_period']}）相比：上期问题 {h['previous']} 条，已整改 {h['fixed']} 条，"
                          f"整改率 {rate}；新增 {h['new']} 条，未整改 {h['persisting']} 条。")
        console.print(f"本次审核已记入历史库（运行编号 {run_id}）。")
    if fail_on:
        worse = result.summary["must_fix"] if fail_on == "必改" else result.summary["findings"]
        return 1 if worse else 0
    return 0


def _write_tables(result, folder: Path):
    from .tables import write_tables

    return write_tables(result, folder)


def tables_command(exports: list[Path], out_dir: Path, cfg: Config, period: str | None, history: str | None) -> int:
    """The work plan's 附表 of the exports: 附表.xlsx and 入户核实表/ in out_dir (the run is not recorded)."""
    from .audit import run_audit, write_staged

    with stage("正在读取和审核导出文件……"):
        result = run_audit([str(p) for p in exports], cfg, period, "duckdb", None, history)
    written = []
    with stage("正在生成附表……"):
        write_staged(out_dir, lambda folder: written.append(_write_tables(result, folder)))
    if result.store:
        result.store.close()
    s = result.summary
    console.print(f"统计完成（数据月份 {s['period']}）：{s['persons']} 人，{s['households']} 户，"
                  f"其中监测对象 {s['monitored_households']} 户。")
    print_tables(s, out_dir, written[0])
    return 0


def print_tables(summary: dict, out_dir: Path, output) -> None:
    from .tables import FOLDER, WORKBOOK

    previous = (summary.get("history") or {}).get("previous_period")
    console.print(f"附表已写入 {Path(out_dir) / WORKBOOK}（附表2、3-1、3-2、4、5、9；户主姓名已脱敏，核对后可上报；"
                  + (f"附表4 与上期 {previous} 比较）。" if previous else "没有上期审核结果，附表4 为当前状态）。"))
    if output.visit_households:
        console.print(f"入户核实表（附表1）：{output.visit_households} 户，{len(output.visit_files)} 个乡镇各一个文件，"
                      f"在 {Path(out_dir) / FOLDER}（内部使用，含完整姓名和证件号码，不得外传、不随附表上报）。")
    else:
        console.print("本期没有需要入户核实的户，未生成入户核实表。")


def demo_command(out_dir: Path, households: int, seed: int, months: int, cfg: Config) -> int:
    """Generate the demo export(s) and audit them; with several months, through one history store."""
    from . import demo

    out_dir = Path(out_dir)
    with stage("正在生成演示数据……"):
        series = demo.generate_series(households, seed, months) if months > 1 else [demo.generate(households, seed)]
        exports = []
        for data in series:
            export = demo.write_export(data, out_dir / "演示数据" / demo.export_name(data.period))
            demo.write_manifest(data, export.with_name(f"埋入问题清单_{data.period}.csv"))
            exports.append(export)
    last = series[-1]
    console.print(f"已生成演示导出 {len(exports)} 份，最近一期 {exports[-1]}（{len(last.households)} 户，"
                  f"埋入问题 {len(last.planted)} 个，清单见 埋入问题清单_{last.period}.csv）。")
    if months == 1:
        return audit_command([exports[0]], out_dir, cfg, last.period, "duckdb", None, [], None, tables=True)
    history = str(out_dir / "演示数据" / "历史库.sqlite")
    Path(history).unlink(missing_ok=True)
    for data, export in zip(series[:-1], exports[:-1], strict=True):
        console.print(f"—— 审核 {data.period} ——")
        audit_command([export], out_dir / "历次结果" / data.period, cfg, data.period, "duckdb", history, [], None)
    console.print(f"—— 审核 {last.period} ——")
    return audit_command([exports[-1]], out_dir, cfg, last.period, "duckdb", history, [], None, tables=True)


def selfcheck_command(export: Path, township: str | None, out_dir: Path, cfg: Config, period: str | None) -> int:
    """cli.md selfcheck: the same rules, what to fix first, the workbook(s); 1 while 必改 remain."""
    from .audit import run_audit
    from .report.selfcheck import selfcheck_lines, write_selfcheck

    with stage("正在读取和检查导出文件……"):
        result = run_audit([str(export)], cfg, period, "duckdb", [township] if township else None)
    with stage("正在生成自查表……"):
        paths = write_selfcheck(result, out_dir)
    for line in selfcheck_lines(result.prep.con, result.summary, paths):
        console.print(line, markup=False)
    return 1 if result.summary["must_fix"] else 0


def print_summary(summary: dict, out_dir: Path) -> None:
    console.print(
        f"审核完成（数据月份 {summary['period']}）：{summary['persons']} 人，{summary['households']} 户；"
        f"发现问题 {summary['findings']} 条，其中必改 {summary['must_fix']} 条、非必改 {summary['should_check']} 条。"
    )
    top = sorted(summary["rules"], key=lambda r: -r["count"])[:5]
    if top:
        console.print("问题最多的规则：" + "；".join(f"{r['id']} {r['name']} {r['count']} 条" for r in top))
    if summary["not_run"]:
        console.print(f"未执行的规则 {len(summary['not_run'])} 条（缺少字段或输入，详见 summary.json 的 not_run）。")
    issues = summary["structure_issues"]
    if issues:
        console.print("文件结构问题：" + "；".join(f"{i['类型']}（{i['说明']}）" for i in issues[:6]))
    console.print(f"结果已写入 {out_dir}")


def print_rules(cfg: Config) -> None:
    from .suites import load_rules

    table = Table(title="规则目录", show_lines=False)
    for col in ("编号", "名称", "类别", "维度", "层级", "依赖"):
        table.add_column(col)
    for r in load_rules():
        table.add_row(r.id, r.name, cfg.category(r.id, r.category), r.dimension, r.level, "、".join(r.needs) or "—")
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def show_rule(rule_id: str, cfg: Config, dialect: str) -> None:
    from .compile import rule_params, rule_sql, run_parameters
    from .errors import InputError
    from .suites import rules_by_id

    rule = rules_by_id().get(rule_id)
    if rule is None:
        raise InputError(f"没有编号为 {rule_id} 的规则（用 auditor rules list 查看全部规则）")
    if dialect not in ("duckdb", "sqlite", "postgres", "spark"):
        raise InputError(f"不支持的 SQL 方言：{dialect}（可选 duckdb、sqlite、postgres、spark）")
    cfg.set_period(None, [])
    params = run_parameters(cfg)
    console.print(f"{rule.id} {rule.name}")
    console.print(f"类别：{cfg.category(rule.id, rule.category)}（默认 {rule.category}）  维度：{rule.dimension}  "
                  f"层级：{rule.level}  数据表：{rule.table}  期望类型：{rule.type}")
    console.print(f"字段：{'、'.join(rule.fields) or '—'}  依赖：{'、'.join(rule.needs) or '—'}")
    used = rule_params(rule)
    if used:
        console.print("参数：" + "；".join(f"{p}={params.get(p)}" for p in used))
    console.print("编译后的 SQL：")
    print(rule_sql(rule, params, dialect, pretty=True))
