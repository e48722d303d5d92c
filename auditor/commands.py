"""What the commands do, with their terminal output (Chinese; progress only on a terminal)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .config import Config
from .fmt import stamp_text

console = Console(highlight=False, soft_wrap=True)


@contextmanager
def stage(text: str):
    """A spinner on a terminal; silence when the output is piped or captured."""
    if console.is_terminal:
        with console.status(text):
            yield
    else:
        yield


def audit_command(options, out_dir: Path, fail_on: str | None, tables: bool = False) -> int:
    """auditor audit: the run, its record in the history store, its outputs, the terminal summary."""
    from .api import Audit

    with stage("正在读取和审核导出文件……"):
        result = Audit(options).run()
    try:
        with stage("正在生成结果文件……"):
            result.write(out_dir, tables=tables)
    finally:
        result.close()
    _report(result, out_dir, result.tables_output)
    summary = result.summary_json
    print_reconcile(summary, out_dir)
    if fail_on:
        worse = summary["must_fix"] if fail_on == "必改" else summary["findings"]
        return 1 if worse else 0
    return 0


def reconcile_command(options, out_dir: Path) -> int:
    """auditor reconcile: the L rules, the clues and the feedback list; recorded, written, summarised."""
    from .api import Audit
    from .errors import InputError

    if not options.lists and not options.feedback and not options.returned:
        raise InputError("auditor reconcile 需要至少一份部门清单（--list 种类=文件）、省反馈问题清单（--feedback 文件）"
                         "或交回的交办清单（--returned 文件）")
    with stage("正在读取导出和部门清单并比对……"):
        result = Audit(options).run()
    try:
        with stage("正在生成结果文件……"):
            result.write(out_dir)
    finally:
        result.close()
    print_reconcile(result.summary_json, out_dir)
    if result.run_id is not None:
        console.print(f"本次比对已记入历史库（运行编号 {result.run_id}）。")
    return 0


def print_reconcile(summary: dict, out_dir: Path) -> None:
    """What the terminal says of the reconciliation of a run."""
    rec = summary.get("reconcile")
    if not rec:
        return
    for x in rec["lists"]:
        console.print(f"{x['kind']}清单 {x['file']}：{x['rows']} 行，按证件号码匹配 {x['matched']} 行，疑似（姓名+村）"
                      f"{x['suspected']} 行，清单日期 {x['date'] or '—'}。", markup=False)
    mismatches = [r for r in summary.get("rules", []) if r["id"].startswith("L")]
    if mismatches:
        console.print("账账不符：" + "；".join(f"{r['id']} {r['name']} {r['count']} 条" for r in mismatches), markup=False)
    c = rec["clues"]
    if c["total"]:
        console.print(f"部门预警线索 {c['total']} 条（本期新发现 {c['new']} 条）：未办结 {c['open']} 条（其中已逾期 {c['overdue']} 条），"
                      f"已纳入监测 {c['identified']} 条（超过 {c['deadline_days']} 天识别 {c['identified_late']} 条），"
                      f"已排除 {c['excluded']} 条。交办清单在 {Path(out_dir) / '交办清单'}（内部使用）。", markup=False)
    else:
        console.print("没有应纳未纳的部门预警线索。")
    fb = rec.get("feedback")
    if fb:
        s = fb["by_status"]
        console.print(f"省反馈问题 {fb['items']} 条：仍存在 {s['仍存在']} 条，已整改 {s['已整改']} 条，待人工核对 {s['待人工核对']} 条，"
                      f"对象已不在册 {s['对象已不在册']} 条；本工具规则覆盖 {_rate(fb['coverage']['share'])}。", markup=False)
    console.print(f"明细见 {Path(out_dir) / '对账.xlsx'}。", markup=False)


def tables_command(options, out_dir: Path) -> int:
    """The work plan's 附表 of the exports: 附表.xlsx and 入户核实表/ in out_dir (the run is not recorded)."""
    from .api import Audit
    from .run.outputs import publish
    from .tables import write_tables

    with stage("正在读取和审核导出文件……"):
        result = Audit(options).run()
    written = []
    try:
        with stage("正在生成附表……"):
            publish(out_dir, lambda folder: written.append(write_tables(result, folder)))
    finally:
        result.close()
    s = result.summary_json
    console.print(f"统计完成（数据月份 {s['period']}）：{s['persons']} 人，{s['households']} 户，"
                  f"其中监测对象 {s['monitored_households']} 户。")
    print_tables(s, out_dir, written[0])
    return 0


def print_tables(summary: dict, out_dir: Path, output) -> None:
    from .tables import FOLDER, WORKBOOK

    previous = (summary.get("history") or {}).get("previous_period")
    sheets = "附表2、3-1、3-2、4、5、9" + ("、风险隐患" if summary.get("risk") else "")
    console.print(f"附表已写入 {Path(out_dir) / WORKBOOK}（{sheets}；户主姓名已脱敏，核对后可上报；"
                  + (f"附表4 与上期 {previous} 比较）。" if previous else "没有上期审核结果，附表4 为当前状态）。"))
    if output.visit_households:
        console.print(f"入户核实表（附表1）：{output.visit_households} 户，{len(output.visit_files)} 个乡镇各一个文件，"
                      f"在 {Path(out_dir) / FOLDER}（内部使用，含完整姓名和证件号码，不得外传、不随附表上报）。")
    else:
        console.print("本期没有需要入户核实的户，未生成入户核实表。")


def demo_command(out_dir: Path, households: int, seed: int, months: int, cfg: Config) -> int:
    """Generate the demo export(s) and audit them; with several months, through one history store.
    The exports, the earlier months' results and the last month's outputs are published together."""
    import shutil

    from . import demo
    from .api import Audit, AuditOptions
    from .demo.lists import TooSmall, plant_lists, write_list_manifest
    from .run.outputs import publish, write_outputs

    out_dir = Path(out_dir)

    def build(folder: Path) -> None:
        with stage("正在生成演示数据……"):
            series = demo.generate_series(households, seed, months) if months > 1 else [demo.generate(households, seed)]
            exports = []
            for data in series:
                export = demo.write_export(data, folder / "演示数据" / demo.export_name(data.period))
                demo.write_manifest(data, export.with_name(f"埋入问题清单_{data.period}.csv"))
                exports.append(export)
        last = series[-1]
        console.print(f"已生成演示导出 {len(exports)} 份，最近一期 {out_dir / '演示数据' / exports[-1].name}"
                      f"（{len(last.households)} 户，埋入问题 {len(last.planted)} 个，清单见 埋入问题清单_{last.period}.csv）。",
                      markup=False)
        history = str(folder / "演示数据" / "历史库.sqlite") if months > 1 else None
        try:
            with stage("正在生成部门预警清单和省反馈问题清单……"):
                lists = plant_lists(last, folder / "演示数据" / "部门清单", seed)
                write_list_manifest(lists, folder / "演示数据" / f"埋入清单问题_{last.period}.csv")
            console.print(f"已生成部门清单 {len(lists.specs)} 份和省反馈问题清单 1 份（{out_dir / '演示数据' / '部门清单'}），"
                          f"埋入账账不符 {len(lists.planted)} 处、风险线索 {len(lists.clues)} 条，清单见 "
                          f"埋入清单问题_{last.period}.csv。", markup=False)
        except TooSmall as exc:
            lists = None
            shutil.rmtree(folder / "演示数据" / "部门清单", ignore_errors=True)
            console.print(f"{exc}。", markup=False)
        for i, (data, export) in enumerate(zip(series, exports, strict=True)):
            final = i == len(series) - 1
            if months > 1:
                console.print(f"—— 审核 {data.period} ——")
            extra = {"lists": tuple(lists.specs), "feedback": str(lists.feedback)} if final and lists else {}
            with stage("正在审核……"):
                result = Audit(AuditOptions((str(export),), cfg, data.period, history=history, **extra)).run()
            try:
                result.record()
                where = folder if final else folder / "历次结果" / data.period
                with stage("正在生成结果文件……"):
                    write_outputs(result, where, tables=final)
            finally:
                result.close()
            shown = out_dir if final else out_dir / "历次结果" / data.period
            _report(result, shown, result.tables_output)
            print_reconcile(result.summary_json, shown)

    publish(out_dir, build)
    return 0


def _report(result, out_dir: Path, tables_output) -> None:
    """What the terminal says of a finished audit."""
    summary = result.summary_json
    print_summary(summary, out_dir)
    if tables_output is not None:
        print_tables(summary, out_dir, tables_output)
    if result.run_id is not None:
        h = summary["history"]
        if h["previous_period"]:
            rate = f"{h['fix_rate']:.1%}" if h["fix_rate"] is not None else "—"
            console.print(f"与上期（{h['previous_period']}）相比：上期问题 {h['previous']} 条，其中已整改 {h['fixed']} 条、"
                          f"未整改 {h['persisting']} 条、对象已不在册 {h['gone']} 条，整改率 {rate}；"
                          f"本期新增 {h['new']} 条。")
            if h.get("rollup_households"):
                console.print(f"其中 {h['rollup_households']} 户有上期问题仍未整改，已在自查表“上期未改”中按户列出"
                              "（不另计入问题数）。")
        console.print(f"本次审核已记入历史库（运行编号 {result.run_id}）。")


def risk_command(exports: list[Path], out_dir: Path, cfg: Config, period: str | None, history: str | None) -> int:
    """auditor risk: 风险隐患.html and risk.json into out_dir, the warnings on the terminal."""
    from .api import county_name, run_risk
    from .report.risk import write_risk
    from .run.outputs import publish

    with stage("正在读取导出文件并分析风险隐患……"):
        prep, risk = run_risk([str(p) for p in exports], cfg, period, history)
        publish(out_dir, lambda folder: write_risk(risk, county_name(prep, cfg), [str(p) for p in exports], folder))
    county = risk["total"]
    console.print(f"风险隐患分析完成（数据月份 {risk['period']}）：{county['households']} 户，未消除风险的监测户 "
                  f"{county['unremoved'] if county['unremoved'] is not None else '—'} 户，本期新识别 "
                  f"{county['new'] if county['new'] is not None else '—'} 户；预警 {len(risk['warnings'])} 条。", markup=False)
    for w in risk["warnings"]:
        console.print(f"{w['rank']}. [{w['name']}] {w['explanation']}", markup=False)
    for n in risk["not_judged"]:
        console.print(f"未判断 {n['name']}：{n['reason']}", markup=False)
    console.print(f"结果已写入 {out_dir}（风险隐患.html、risk.json）", markup=False)
    return 0


def selfcheck_command(options, out_dir: Path) -> int:
    """cli.md selfcheck: the same rules, what to fix first, the workbook(s); 1 while 必改 remain."""
    from .api import Audit
    from .report.selfcheck import selfcheck_lines, write_selfcheck

    with stage("正在读取和检查导出文件……"):
        result = Audit(options).run()
    try:
        with stage("正在生成自查表……"):
            paths = write_selfcheck(result, out_dir)
        for line in selfcheck_lines(result.prep.con, result.summary_json, paths):
            console.print(line, markup=False)
    finally:
        result.close()
    return 1 if result.summary.must_fix else 0


def print_summary(summary: dict, out_dir: Path) -> None:
    for note in summary.get("notes", []):
        if note.startswith("注意："):
            console.print(note, markup=False)
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
    risk = summary.get("risk")
    if risk:
        console.print(f"规模性返贫风险隐患预警 {len(risk['warnings'])} 条"
                      + ("：" + "；".join(f"{w['name']}（{w['village'] or w['township']}）" for w in risk["warnings"][:5])
                         if risk["warnings"] else "") + "，详见通报“风险隐患”一节。", markup=False)
    console.print(f"结果已写入 {out_dir}")


def print_rules(cfg: Config) -> None:
    """The catalogue as aligned plain text: a rich Table of 127 rows takes longer to lay out than the
    whole start-up budget (< 0.5 s), and plain lines also paste cleanly into documents."""
    from rich.cells import cell_len

    from .catalogue import load_rules

    rows = [("编号", "名称", "类别", "维度", "层级", "依赖")]
    rows += [(r.id, r.name, cfg.category(r.id, r.category), r.dimension, r.level, "、".join(r.needs) or "—")
             for r in load_rules()]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=False))
             + "  " + row[-1] for row in rows]
    print(f"规则目录（共 {len(rows) - 1} 条）")
    print("\n".join(lines))


def show_rule(rule_id: str, cfg: Config, dialect: str) -> None:
    from .catalogue import rules_by_id
    from .catalogue.compile import rule_sql, run_parameters
    from .catalogue.places import places
    from .errors import InputError
    from .period import resolve_period

    rule = rules_by_id().get(rule_id)
    if rule is None:
        raise InputError(f"没有编号为 {rule_id} 的规则（用 auditor rules list 查看全部规则）")
    if dialect not in ("duckdb", "sqlite", "postgres", "spark"):
        raise InputError(f"不支持的 SQL 方言：{dialect}（可选 duckdb、sqlite、postgres、spark）")
    params = run_parameters(cfg, resolve_period(None, [], cfg))
    console.print(f"{rule.id} {rule.name}")
    console.print(f"类别：{cfg.category(rule.id, rule.category)}（默认 {rule.category}）  维度：{rule.dimension}  "
                  f"层级：{rule.level}  数据表：{rule.table}  期望类型：{rule.type}")
    console.print(f"字段：{'、'.join(rule.fields) or '—'}  依赖：{'、'.join(rule.needs) or '—'}")
    console.print(f"条件：{rule.entry.condition}", markup=False)
    for what, where in places(rule, params):
        console.print(f"{what}：{where}", markup=False)
    console.print("编译后的 SQL：")
    print(rule_sql(rule, params, dialect, pretty=True))


def _store(target: str | None, cfg: Config):
    from .errors import InputError
    from .history import History

    target = target or cfg.history
    if not target:
        raise InputError("没有指定历史库：请用 --history 给出历史库文件或 postgresql:// 地址")
    if "://" not in target and not Path(target).is_file():
        raise InputError(f"历史库不存在：{target}")
    return History.open(target)


def _rate(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def _print_table(table: Table) -> None:
    """A table at its natural width: a name or a figure is never cut to “…” on a narrow window (the
    terminal wraps the long lines instead)."""
    from rich.measure import Measurement

    width = Measurement.get(console, console.options.update_width(10_000), table).maximum
    Console(highlight=False, width=max(width, console.width)).print(table)


def history_list(target: str | None, cfg: Config) -> None:
    from .history.store import scope_text

    store = _store(target, cfg)
    table = Table(title="历次审核")
    for col in ("编号", "数据月份", "范围", "记录时间", "户数", "必改", "非必改", "整改率"):
        table.add_column(col, no_wrap=True)
    for r in store.runs():
        s = r.summary
        table.add_row(str(r.run_id), r.period, scope_text(r.scope), stamp_text(r.recorded_at), str(s.get("households", "")),
                      str(s.get("must_fix", "")), str(s.get("should_check", "")),
                      _rate((s.get("history") or {}).get("fix_rate")))
    _print_table(table)


def history_show(run_id: int, target: str | None, cfg: Config) -> None:
    from .errors import InputError
    from .history.store import scope_text

    run = _store(target, cfg).run(run_id)
    if run is None:
        raise InputError(f"历史库中没有编号为 {run_id} 的审核（用 auditor history list 查看）")
    s = run.summary
    console.print(f"审核 {run.run_id}：数据月份 {run.period}，范围 {scope_text(run.scope)}，记录于 {stamp_text(run.recorded_at)}，"
                  f"规则集 {run.ruleset_version}")
    console.print(f"{s.get('persons')} 人，{s.get('households')} 户；问题 {s.get('findings')} 条（必改 {s.get('must_fix')}，"
                  f"非必改 {s.get('should_check')}）")
    h = s.get("history") or {}
    if h.get("previous_period"):
        console.print(f"与上期（{h['previous_period']}）相比：上期问题 {h['previous']} 条，其中已整改 {h['fixed']} 条、"
                      f"未整改 {h['persisting']} 条、对象已不在册 {h['gone']} 条，整改率 {_rate(h.get('fix_rate'))}")
    table = Table()
    for col in ("排名", "乡镇", "户数", "必改", "非必改", "得分", "上期问题", "已整改", "未整改", "不在册", "整改率", "新增"):
        table.add_column(col, no_wrap=True)
    for t in s.get("townships", []):
        table.add_row(str(t.get("rank") or "—"), t["name"], str(t["households"]), str(t["must_fix"]),
                      str(t["should_check"]), "—" if t.get("score") is None else f"{t['score']:.1f}",
                      *(str(t.get(k, "—")) for k in ("previous", "fixed", "persisting", "gone")),
                      _rate(t.get("fix_rate")), str(t.get("new", "—")))
    _print_table(table)
    if h.get("previous_period"):
        console.print("不在册：上期问题所在的人或户本期已不在导出中（对象已不在册）；上期问题 = 已整改 + 未整改 + 不在册。")


def history_trend(target: str | None, cfg: Config) -> None:
    from .history.store import scope_text

    runs = _store(target, cfg).runs()
    for scope in sorted({r.scope for r in runs}):
        mine = [r for r in runs if r.scope == scope]
        console.print(f"问题数（整改率）趋势：{scope_text(scope)}")
        table = Table()
        table.add_column("乡镇", no_wrap=True)
        for r in mine:
            table.add_column(r.period, no_wrap=True)
        towns = list(dict.fromkeys(t["name"] for r in mine for t in r.summary.get("townships", [])))
        for town in towns:
            cells = []
            for r in mine:
                t = next((x for x in r.summary.get("townships", []) if x["name"] == town), None)
                cells.append("—" if t is None else
                             f"{t['must_fix'] + t['should_check']}（{_rate(t.get('fix_rate'))}）")
            table.add_row(town, *cells)
        _print_table(table)
        _clue_trend(mine)


def _clue_trend(runs) -> None:
    """部门预警线索 per township and period: 办结/线索数（办结率，逾期 n）, when the runs followed clues."""
    with_clues = [r for r in runs if ((r.summary.get("reconcile") or {}).get("clues") or {}).get("total")]
    if not with_clues:
        return
    console.print("部门预警线索办结情况（已办结/线索数，办结率，逾期条数）：")
    table = Table()
    table.add_column("乡镇", no_wrap=True)
    for r in with_clues:
        table.add_column(r.period, no_wrap=True)
    by_run = [{t["township"]: t for t in r.summary["reconcile"]["clues"]["by_township"]} for r in with_clues]
    for town in dict.fromkeys(name for towns in by_run for name in towns):
        cells = []
        for towns in by_run:
            t = towns.get(town)
            cells.append("—" if t is None else
                         f"{t['handled']}/{t['clues']}（{_rate(t.get('handled_rate'))}，逾期 {t['overdue']}）")
        table.add_row(town, *cells)
    _print_table(table)
