"""Command line (cli.md). Parsing options and calling the modules; no audit logic lives here.

Every message is Chinese. A user mistake ends with one Chinese line and exit 2; an internal defect
ends with a Chinese line pointing to a log file holding the traceback, never a raw traceback.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path

import click

from . import usage
from .engines import ENGINES, engine_names
from .errors import InputError, Interrupted

CONTEXT = {"help_option_names": ["-h", "--help"]}


class _Group(usage.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"错误：{exc.message}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("已中断（Ctrl+C）：审核未完成，没有生成结果，临时文件已清理。", err=True)
            sys.exit(130)
        except Interrupted as exc:
            click.echo("已中断（收到终止信号）：审核未完成，没有生成结果，临时文件已清理。", err=True)
            sys.exit(128 + exc.signum)
        except BrokenPipeError:
            # The reader of our output went away (e.g. `auditor rules list | head`): not an error of ours.
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:
            if type(exc).__name__ == "OutOfMemoryException":  # DuckDB's, without importing DuckDB here
                click.echo("内存不足：审核未完成，没有生成结果。请在 auditor.toml 的 [run] 中调大 memory_limit"
                           "（默认 \"1GB\"，如 memory_limit = \"4GB\"），或按市、县分批审核。", err=True)
                sys.exit(3)
            fd, name = tempfile.mkstemp(prefix="auditor-error-", suffix=".log")  # one log per failed run
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(traceback.format_exc())
            log = Path(name)
            click.echo(f"内部错误：审核未完成，没有生成结果。详细信息已写入 {log}，请把该文件发给维护人员。", err=True)
            sys.exit(3)


@click.group(cls=_Group, context_settings=CONTEXT, help="防返贫监测信息系统导出数据质量审计器。")
@click.version_option(package_name="auditor", message="auditor %(version)s", help="显示版本号并退出")
def cli() -> None:
    pass


@cli.command(help="生成一份涞源县式的演示导出（埋有已知问题）并完整审核一遍，不需要任何输入文件。")
@click.option("--out", "out_dir", default="审计结果", show_default=True, type=click.Path(path_type=Path), help="输出文件夹")
@click.option("--households", default=3000, show_default=True, type=usage.Integer(60, 2_000_000), help="户数")
@click.option("--seed", default=2024, show_default=True, type=usage.Integer(), help="随机种子（相同种子生成相同数据）")
@click.option("--months", default=1, show_default=True, type=usage.Integer(1, 12),
              help="生成连续几个月的导出并用同一个历史库依次审核（展示整改跟踪和趋势）")
def demo(out_dir, households, seed, months) -> None:
    from .commands import demo_command
    from .config import load_config

    sys.exit(demo_command(out_dir, households, seed, months, load_config(None)))


@cli.command(help="审核一个或多个导出文件（每个乡镇一个文件时依次给出，会合并审核）。")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="导出文件...")
@click.option("--out", "out_dir", default="审计结果", show_default=True, type=click.Path(path_type=Path), help="输出文件夹")
@click.option("--period", metavar="YYYY-MM", help="数据所属月份 YYYY-MM（默认从文件名推断，否则取当前月份）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")
@click.option("--engine", type=usage.Choice(engine_names()), default="duckdb", show_default=True,
              help="执行引擎：" + "；".join(f"{e.name}（{e.label}）" for e in ENGINES.values()))
@click.option("--spark-master", default="local[*]", show_default=True, help="Spark 主节点地址（仅 --engine spark）")
@click.option("--history", help="历史库：文件路径或 postgresql:// 地址")
@click.option("--township", "townships", multiple=True, help="只审核指定乡镇（可多次给出）")
@click.option("--fail-on", type=usage.Choice(["必改", "非必改"]), help="存在该类别（或更严重）问题时以退出码 1 结束")
@click.option("--deadline", metavar="YYYY-MM-DD", help="通报中的整改期限 YYYY-MM-DD（默认取下月最后一天）")
@click.option("--tables", is_flag=True, help="同时生成工作方案附表（附表.xlsx）和入户核实表（同 auditor tables）")
@click.option("--list", "lists", multiple=True, metavar="种类=文件",
              help="部门预警清单，同时做账账相符比对（同 auditor reconcile，可多次给出）")
@click.option("--feedback", type=click.Path(path_type=Path), help="省平台反馈的问题清单（同 auditor reconcile）")
@click.option("--returned", multiple=True, type=click.Path(path_type=Path), metavar="文件",
              help="乡镇交回的交办清单（同 auditor reconcile，可多次给出）")
def audit(exports, out_dir, period, config_path, engine, spark_master, history, townships, fail_on, deadline,
          tables, lists, feedback, returned) -> None:
    from .api import AuditOptions
    from .commands import audit_command
    from .config import load_config

    cfg = load_config(config_path).with_deadline(deadline)
    options = AuditOptions(tuple(map(str, exports)), cfg, period, engine, spark_master, tuple(townships), history,
                           lists=tuple(lists), feedback=str(feedback) if feedback else None,
                           returned=tuple(map(str, returned)))
    sys.exit(audit_command(options, out_dir, fail_on, tables))


@cli.command(help="账账相符：导出与部门预警清单（低保、特困、医保、残联、教育、住建、应急、人社）和省反馈问题清单比对，"
                  "找出应纳未纳的风险线索，按乡镇生成交办清单；有历史库时跟踪线索办结（15天内识别）。")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="导出文件...")
@click.option("--list", "lists", multiple=True, metavar="种类=文件",
              help="部门预警清单：种类=文件 或 种类@YYYY-MM-DD=文件（文件中没有日期列时给出清单日期），可多次给出；"
                   "种类：低保、特困、医保、残联、教育、住建、应急、人社")
@click.option("--feedback", type=click.Path(path_type=Path), help="省平台反馈的问题清单（xlsx/csv），逐条核对整改情况")
@click.option("--returned", multiple=True, type=click.Path(path_type=Path), metavar="文件",
              help="乡镇交回的交办清单（已填核查结果），可多次给出")
@click.option("--history", help="历史库：文件路径或 postgresql:// 地址（跨月跟踪线索；记为单独的“对账”范围，不覆盖审核记录）")
@click.option("--out", "out_dir", default="对账结果", show_default=True, type=click.Path(path_type=Path), help="输出文件夹")
@click.option("--period", metavar="YYYY-MM", help="数据所属月份 YYYY-MM（默认从文件名推断，否则取当前月份）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml（[reconcile] 预警线，[feedback.map] 问题编码对应的规则）")
@click.option("--township", "townships", multiple=True, help="只比对指定乡镇（可多次给出）")
def reconcile(exports, lists, feedback, returned, history, out_dir, period, config_path, townships) -> None:
    from .api import AuditOptions
    from .commands import reconcile_command
    from .config import load_config

    options = AuditOptions(tuple(map(str, exports)), load_config(config_path), period, townships=tuple(townships),
                           history=history, lists=tuple(lists), feedback=str(feedback) if feedback else None,
                           returned=tuple(map(str, returned)), reconcile_only=True)
    sys.exit(reconcile_command(options, out_dir))


@cli.command(help="规模性返贫风险隐患预警：按村和乡镇统计未消除风险户、新识别户和风险类型，对照门槛给出预警（风险隐患.html、risk.json）。")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="导出文件...")
@click.option("--out", "out_dir", default="风险隐患", show_default=True, type=click.Path(path_type=Path), help="输出文件夹")
@click.option("--period", metavar="YYYY-MM", help="数据所属月份 YYYY-MM（默认从文件名推断，否则取当前月份）")
@click.option("--history", help="历史库（与 audit --history 相同）：有更早一期的记录时比较新识别户数的环比变化")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml（[risk] 一节设置预警门槛）")
def risk(exports, out_dir, period, history, config_path) -> None:
    from .commands import risk_command
    from .config import load_config

    sys.exit(risk_command(list(exports), out_dir, load_config(config_path), period, history))


@cli.command(help="生成工作方案要求的统计表（附表2–5、9，写入 附表.xlsx，可上报）和入户核实表（附表1，内部使用）。")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="导出文件...")
@click.option("--out", "out_dir", default="审计结果", show_default=True, type=click.Path(path_type=Path), help="输出文件夹")
@click.option("--period", metavar="YYYY-MM", help="数据所属月份 YYYY-MM（默认从文件名推断，否则取当前月份）")
@click.option("--history", help="历史库：文件路径或 postgresql:// 地址（附表4 与其中的上期比较，得出动态新增；本命令不记入历史库）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")
def tables(exports, out_dir, period, history, config_path) -> None:
    from .api import AuditOptions
    from .commands import tables_command
    from .config import load_config

    sys.exit(tables_command(AuditOptions(tuple(map(str, exports)), load_config(config_path), period, history=history),
                            out_dir))


@cli.command(help="乡镇自查：用同样的规则检查本乡镇的导出，列出先改什么，生成自查表；仍有必改问题时退出码为 1。")
@click.argument("export", type=click.Path(path_type=Path), metavar="导出文件")
@click.option("--township", help="只检查这个乡镇（导出含多个乡镇时）")
@click.option("--out", "out_dir", default="自查", show_default=True, type=click.Path(path_type=Path), help="自查表输出文件夹")
@click.option("--period", metavar="YYYY-MM", help="数据所属月份 YYYY-MM（默认从文件名推断，否则取当前月份）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")
@click.option("--history", help="历史库（只读）：与本乡镇上次记入的审核比较整改情况，并取本月全县审核中的排名；自查不记入历史库")
def selfcheck(export, township, out_dir, period, config_path, history) -> None:
    from .api import AuditOptions
    from .commands import selfcheck_command
    from .config import load_config

    options = AuditOptions((str(export),), load_config(config_path), period, townships=(township,) if township else (),
                           history=history)
    sys.exit(selfcheck_command(options, out_dir))


@cli.group(help="历史库：历次审核、一次审核的汇总、各乡镇问题数和整改率的趋势。")
def history() -> None:
    pass


_HISTORY = click.option("--history", "target", help="历史库：文件路径或 postgresql:// 地址（默认取 auditor.toml 的 [history] path）")
_CONFIG = click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")


@history.command("list", help="列出历次审核：编号、数据月份、范围、问题数、整改率。")
@_HISTORY
@_CONFIG
def history_list(target, config_path) -> None:
    from .commands import history_list as run
    from .config import load_config

    run(target, load_config(config_path))


@history.command("show", help="查看一次审核的汇总（按乡镇）。")
@click.argument("run_id", type=usage.Integer(1), metavar="运行编号")
@_HISTORY
@_CONFIG
def history_show(run_id, target, config_path) -> None:
    from .commands import history_show as run
    from .config import load_config

    run(run_id, target, load_config(config_path))


@history.command("trend", help="各乡镇历次问题数和整改率的变化。")
@_HISTORY
@_CONFIG
def history_trend(target, config_path) -> None:
    from .commands import history_trend as run
    from .config import load_config

    run(target, load_config(config_path))


@cli.group(help="规则目录：列出规则，或查看一条规则的定义与编译后的 SQL。")
def rules() -> None:
    pass


@rules.command("list", help="列出全部规则：编号、名称、类别、维度、层级。")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")
def rules_list(config_path) -> None:
    from .commands import print_rules
    from .config import load_config

    print_rules(load_config(config_path))


@rules.command("show", help="查看一条规则：条件、参数和编译后的 SQL。")
@click.argument("rule_id", metavar="规则编号")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")
@click.option("--dialect", default="duckdb", show_default=True, help="SQL 方言：duckdb、sqlite、postgres、spark")
def rules_show(rule_id, config_path, dialect) -> None:
    from .commands import show_rule
    from .config import load_config

    show_rule(rule_id.upper(), load_config(config_path), dialect)


_DATA = click.option("--data", "data_dir", default="auditor-data", show_default=True, type=click.Path(path_type=Path),
                     help="数据文件夹（账号、上传的文件、审核结果、任务队列、历史库）")


@cli.command(help="启动网页服务：乡镇工作人员在浏览器中上传导出文件自查，县级查看通报、排名和自查进度。")
@_DATA
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（单位内网使用时如 0.0.0.0）")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--history", help="历史库：文件路径或 postgresql:// 地址（默认为数据文件夹中的 history.sqlite）")
@click.option("--workers", type=click.IntRange(1, 64), help="最多同时审核几个文件（默认为 CPU 核数）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 auditor.toml")
@click.option("--deadline", help="整改期限 YYYY-MM-DD（默认取配置，否则为数据月份的下月最后一天）")
@click.option("--max-upload-mb", default=200, show_default=True, type=click.IntRange(1, 100_000),
              help="每次上传的文件合计大小上限（MB）")
@click.option("--max-files", default=20, show_default=True, type=click.IntRange(1, 1000), help="每次上传的文件个数上限")
@click.option("--demo", is_flag=True, help="在新的数据文件夹中放入演示县：一个县级账号、两个乡镇账号（打印密码）和一个月的审核结果")
def serve(data_dir, host, port, history, workers, config_path, deadline, max_upload_mb, max_files, demo) -> None:
    from .web import require

    require()
    from .web.serve import serve as run

    run(data_dir, host, port, history, workers, str(config_path) if config_path else None, deadline, max_upload_mb,
        max_files, demo, click.echo)


@cli.group(help="网页服务的账号：添加、列出、改密码、删除（乡镇账号只能看本乡镇，县级账号看全部）。")
def users() -> None:
    from .web import require

    require()


@users.command("add", help="添加账号：--township 乡镇名（乡镇账号）或 --county（县级账号）。")
@click.argument("name")
@click.option("--township", help="乡镇账号所属的乡镇（与导出中的乡镇名一致）")
@click.option("--county", is_flag=True, help="县级账号（看全县所有结果，管理账号）")
@click.option("--password-file", type=click.Path(path_type=Path), help="从文件第一行读取密码（不给出时在终端输入）")
@_DATA
def users_add(name, township, county, password_file, data_dir) -> None:
    from .web.accounts import add_user, read_password
    from .web.store import DataDir

    if bool(township) == bool(county):
        raise InputError("请给出 --township 乡镇名（乡镇账号）或 --county（县级账号）之一")
    user = add_user(DataDir(data_dir), name, township, county, read_password(password_file, click.prompt))
    click.echo(f"已添加账号 {user.name}（{'县级账号' if user.is_county else '乡镇账号：' + str(user.township)}）")


@users.command("list", help="列出全部账号。")
@_DATA
def users_list(data_dir) -> None:
    from .web.accounts import open_existing
    from .web.store import DataDir

    found = open_existing(DataDir(data_dir)).users()
    click.echo(f"共 {len(found)} 个账号：")
    for u in found:
        click.echo(f"  {u.name}\t{'县级' if u.is_county else '乡镇'}\t{u.township or '—'}")


@users.command("passwd", help="修改账号的密码（该账号已登录的会话随即失效）。")
@click.argument("name")
@click.option("--password-file", type=click.Path(path_type=Path), help="从文件第一行读取新密码（不给出时在终端输入）")
@_DATA
def users_passwd(name, password_file, data_dir) -> None:
    from .web.accounts import hash_password, open_existing, read_password
    from .web.store import DataDir

    data = open_existing(DataDir(data_dir))
    if data.user(name) is None:
        raise InputError(f"没有账号 {name}（用 auditor users list 查看全部账号）")
    data.set_hash(name, hash_password(read_password(password_file, click.prompt)))
    click.echo(f"已修改账号 {name} 的密码")


@users.command("remove", help="删除账号（其上传的审核结果保留）。")
@click.argument("name")
@_DATA
def users_remove(name, data_dir) -> None:
    from .web.accounts import open_existing
    from .web.store import DataDir

    open_existing(DataDir(data_dir)).remove_user(name)
    click.echo(f"已删除账号 {name}")


def _terminate(signum: int, _frame) -> None:
    raise Interrupted(signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="auditor")
